//! The house reads top-down: imports run one way, along the flow
//! discover → syntax → facts → model → rules → pipeline → render / inventory / lsp → cli,
//! and no module imports one that imports it back (directly or through others).
//!
//! The graph is drawn from the source text, one node per file: `use crate::…` and `crate::…`
//! paths, `super::…` paths, and a parent module's uses of its own children (its `mod` and `pub use`
//! lines are structure, not dependencies). A path through a parent's re-export (`crate::syntax::Span`)
//! counts as an import of the child that defines the item.
//!
//! `cargo test --test suite architecture -- --nocapture` prints the graph's size.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// Layers, lowest first: a module may import its own layer and the layers before it, never a later
/// one. Every top-level module of `src/` must be listed (a new one must be placed on purpose).
const LAYERS: &[&[&str]] = &[
    &["lazy_regex", "timings", "safe_write", "environments"],
    &["discover"],
    &["syntax", "source"],
    &["diagnostic"],
    &["secrets"],
    &["facts"],
    &["model"],
    &["rules"],
    &["config", "suppress", "baseline", "fix"],
    &["pipeline"],
    &["render", "inventory", "lsp"],
    &["guard"],
    &["cli"],
];

/// A module path (`syntax::hcl::fast`) and the file it lives in.
struct Module {
    path: String,
    file: std::path::PathBuf,
    is_dir_module: bool,
}

fn modules(src: &Path) -> Vec<Module> {
    let mut out = Vec::new();
    for path in crate::common::rust_files(src) {
        let rel = path.strip_prefix(src).unwrap_or(&path).with_extension("");
        let mut parts: Vec<String> = rel
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect();
        let is_dir_module = matches!(
            parts.last().map(String::as_str),
            Some("mod" | "lib" | "main")
        );
        if is_dir_module {
            parts.pop();
        }
        out.push(Module {
            path: parts.join("::"),
            file: path,
            is_dir_module,
        });
    }
    out.sort_by(|a, b| a.path.cmp(&b.path));
    out
}

/// Source text without comments and string literals' contents (doc examples name paths too).
fn code_only(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'/' && bytes.get(i + 1) == Some(&b'/') {
            while i < bytes.len() && bytes[i] != b'\n' {
                i += 1;
            }
        } else if bytes[i] == b'/' && bytes.get(i + 1) == Some(&b'*') {
            i += 2;
            while i + 1 < bytes.len() && !(bytes[i] == b'*' && bytes[i + 1] == b'/') {
                i += 1;
            }
            i += 2;
        } else if let Some(hashes) = raw_string_start(bytes, i) {
            // A raw string (`r"…"`, `r#"…"#`): no escapes, ends at a quote and as many `#`.
            let mut j = i + 1 + hashes + 1;
            let closing: Vec<u8> = std::iter::once(b'"')
                .chain(std::iter::repeat_n(b'#', hashes))
                .collect();
            while j < bytes.len() && !bytes[j..].starts_with(&closing) {
                j += 1;
            }
            out.push_str("\"\"");
            i = j + closing.len();
        } else if bytes[i] == b'"' && (i == 0 || bytes[i - 1] != b'\'') {
            // Skip a string literal, honouring escapes.
            out.push('"');
            i += 1;
            while i < bytes.len() && bytes[i] != b'"' {
                if bytes[i] == b'\\' {
                    i += 1;
                }
                i += 1;
            }
            out.push('"');
            i += 1;
        } else {
            out.push(bytes[i] as char);
            i += 1;
        }
    }
    out
}

/// At `r"` or `r#…#"` (not inside an identifier such as `bar"`): how many `#` the raw string uses.
fn raw_string_start(bytes: &[u8], i: usize) -> Option<usize> {
    if bytes[i] != b'r' || (i > 0 && (bytes[i - 1].is_ascii_alphanumeric() || bytes[i - 1] == b'_'))
    {
        return None;
    }
    let hashes = bytes[i + 1..].iter().take_while(|&&b| b == b'#').count();
    (bytes.get(i + 1 + hashes) == Some(&b'"')).then_some(hashes)
}

/// Expands a `use` tree (`a::{b, c::{d, e}}`) into its paths.
fn expand_use_tree(tree: &str) -> Vec<String> {
    let tree: String = tree.chars().filter(|c| !c.is_whitespace()).collect();
    let Some(open) = tree.find('{') else {
        return vec![tree];
    };
    let prefix = &tree[..open];
    let inner = tree[open + 1..].trim_end_matches('}');
    let mut parts = Vec::new();
    let mut depth = 0;
    let mut current = String::new();
    for ch in inner.chars() {
        match ch {
            '{' => depth += 1,
            '}' => depth -= 1,
            _ => {}
        }
        if ch == ',' && depth == 0 {
            parts.push(std::mem::take(&mut current));
        } else {
            current.push(ch);
        }
    }
    parts.push(current);
    parts
        .into_iter()
        .filter(|p| !p.is_empty())
        .flat_map(|p| expand_use_tree(&p))
        .map(|p| format!("{prefix}{p}"))
        .collect()
}

/// Words that can start a path: `crate::a::b`, `super::a`, `self::a`, or a bare child name.
fn path_words(text: &str, start: usize) -> Vec<&str> {
    let rest = &text[start..];
    let end = rest
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == ':'))
        .unwrap_or(rest.len());
    rest[..end].split("::").filter(|w| !w.is_empty()).collect()
}

struct Graph {
    nodes: Vec<String>,
    edges: BTreeMap<String, BTreeSet<String>>,
}

fn graph(src: &Path) -> Graph {
    let modules = modules(src);
    let names: BTreeSet<String> = modules.iter().map(|m| m.path.clone()).collect();
    // Re-exports: `pub use child::Item` in a parent maps `parent::Item` to the child.
    let mut reexports: BTreeMap<String, String> = BTreeMap::new();
    let mut codes: BTreeMap<String, String> = BTreeMap::new();
    for module in &modules {
        let code = code_only(&std::fs::read_to_string(&module.file).unwrap_or_default());
        for line in code.lines() {
            let line = line.trim();
            let Some(rest) = line
                .strip_prefix("pub use ")
                .or_else(|| line.strip_prefix("pub(crate) use "))
            else {
                continue;
            };
            for path in expand_use_tree(rest.trim_end_matches(';')) {
                let path = path.split(" as ").next().unwrap_or(&path).to_string();
                let path = path.strip_prefix("self::").unwrap_or(&path);
                let words: Vec<&str> = path.split("::").collect();
                if let [child, .., item] = words.as_slice() {
                    let child_path = join(&module.path, child);
                    if names.contains(&child_path) {
                        reexports.insert(join(&module.path, item), child_path);
                    }
                }
            }
        }
        codes.insert(module.path.clone(), code);
    }
    let resolve = |words: &[&str]| -> Option<String> {
        for len in (1..=words.len()).rev() {
            let candidate = words[..len].join("::");
            if names.contains(&candidate) {
                if let Some(next) = words.get(len) {
                    if let Some(child) = reexports.get(&join(&candidate, next)) {
                        return Some(child.clone());
                    }
                }
                return Some(candidate);
            }
        }
        None
    };
    let mut edges: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for module in &modules {
        let code = &codes[&module.path];
        let mut deps = BTreeSet::new();
        let parent: Vec<&str> = if module.path.is_empty() {
            Vec::new()
        } else {
            module.path.split("::").collect()
        };
        let children: BTreeSet<&str> = names
            .iter()
            .filter_map(|n| {
                let rest = if module.path.is_empty() {
                    Some(n.as_str())
                } else {
                    n.strip_prefix(&module.path)?.strip_prefix("::")
                };
                rest.filter(|r| !r.contains("::") && !r.is_empty())
            })
            .collect();
        for line in code.lines() {
            let trimmed = line.trim_start();
            // A parent declaring or re-exporting its children is structure.
            let structural = trimmed.starts_with("mod ")
                || trimmed.starts_with("pub mod ")
                || trimmed.starts_with("pub(crate) mod ")
                || trimmed.starts_with("pub use ")
                || trimmed.starts_with("pub(crate) use ");
            if let Some(rest) = trimmed.strip_prefix("use ") {
                for path in expand_use_tree(rest.trim_end_matches(';')) {
                    let path = path.split(" as ").next().unwrap_or(&path).to_string();
                    let words: Vec<&str> = path.split("::").collect();
                    if let Some(target) =
                        target_of(&words, &parent, module.is_dir_module, &children, &resolve)
                    {
                        deps.insert(target);
                    }
                }
                continue;
            }
            if structural && !trimmed.starts_with("pub use crate") {
                continue;
            }
            for (at, _) in line
                .match_indices("crate::")
                .chain(line.match_indices("super::"))
            {
                if at > 0 {
                    let before = line.as_bytes()[at - 1];
                    if before.is_ascii_alphanumeric() || before == b'_' || before == b':' {
                        continue;
                    }
                }
                let words = path_words(line, at);
                if let Some(target) =
                    target_of(&words, &parent, module.is_dir_module, &children, &resolve)
                {
                    deps.insert(target);
                }
            }
            // A parent calling into a child: `child::item`.
            for child in &children {
                let needle = format!("{child}::");
                for (at, _) in line.match_indices(&needle) {
                    if at > 0 {
                        let before = line.as_bytes()[at - 1];
                        if before.is_ascii_alphanumeric() || before == b'_' || before == b':' {
                            continue;
                        }
                    }
                    deps.insert(join(&module.path, child));
                }
            }
        }
        deps.remove(&module.path);
        // A parent composing its own children is the folder's structure, not a dependency that
        // can close a cycle: `facts` calling `facts::ci` while `facts::ci` uses `facts`' types is
        // how a folder module reads. Cycles among siblings and across folders are what count.
        let prefix = format!("{}::", module.path);
        deps.retain(|d| module.path.is_empty() || !d.starts_with(&prefix));
        edges.insert(module.path.clone(), deps);
    }
    Graph {
        nodes: names.into_iter().collect(),
        edges,
    }
}

fn join(parent: &str, child: &str) -> String {
    if parent.is_empty() {
        child.to_string()
    } else {
        format!("{parent}::{child}")
    }
}

fn target_of(
    words: &[&str],
    parent: &[&str],
    is_dir_module: bool,
    children: &BTreeSet<&str>,
    resolve: &dyn Fn(&[&str]) -> Option<String>,
) -> Option<String> {
    match words.first().copied() {
        Some("crate") => resolve(&words[1..]),
        Some("super") => {
            // `super` of `a::b` (file b.rs or b/mod.rs) is `a`.
            let mut base: Vec<&str> = parent.to_vec();
            let mut rest = words;
            while rest.first() == Some(&"super") {
                base.pop();
                rest = &rest[1..];
            }
            let full: Vec<&str> = base.iter().copied().chain(rest.iter().copied()).collect();
            resolve(&full)
        }
        Some("self") => {
            let full: Vec<&str> = parent
                .iter()
                .copied()
                .chain(words[1..].iter().copied())
                .collect();
            resolve(&full)
        }
        Some(first) if children.contains(first) => {
            let _ = is_dir_module;
            let full: Vec<&str> = parent
                .iter()
                .copied()
                .chain(words.iter().copied())
                .collect();
            resolve(&full)
        }
        _ => None,
    }
}

/// Strongly connected components with more than one node (Tarjan, iterative enough for this size).
fn cycles(graph: &Graph) -> Vec<Vec<String>> {
    struct State<'g> {
        graph: &'g Graph,
        index: BTreeMap<&'g str, usize>,
        low: BTreeMap<&'g str, usize>,
        stack: Vec<&'g str>,
        on_stack: BTreeSet<&'g str>,
        next: usize,
        out: Vec<Vec<String>>,
    }
    fn visit<'g>(s: &mut State<'g>, v: &'g str) {
        s.index.insert(v, s.next);
        s.low.insert(v, s.next);
        s.next += 1;
        s.stack.push(v);
        s.on_stack.insert(v);
        let graph = s.graph;
        for w in graph.edges.get(v).into_iter().flatten() {
            let w = w.as_str();
            if !s.index.contains_key(w) {
                visit(s, w);
                let low = s.low[v].min(s.low[w]);
                s.low.insert(v, low);
            } else if s.on_stack.contains(w) {
                let low = s.low[v].min(s.index[w]);
                s.low.insert(v, low);
            }
        }
        if s.low[v] == s.index[v] {
            let mut component = Vec::new();
            while let Some(w) = s.stack.pop() {
                s.on_stack.remove(w);
                component.push(w.to_string());
                if w == v {
                    break;
                }
            }
            if component.len() > 1 {
                component.sort();
                s.out.push(component);
            }
        }
    }
    let mut state = State {
        graph,
        index: BTreeMap::new(),
        low: BTreeMap::new(),
        stack: Vec::new(),
        on_stack: BTreeSet::new(),
        next: 0,
        out: Vec::new(),
    };
    for node in &graph.nodes {
        if !state.index.contains_key(node.as_str()) {
            visit(&mut state, node);
        }
    }
    state.out
}

fn layer_of(module: &str) -> Option<usize> {
    let top = module.split("::").next().unwrap_or(module);
    LAYERS.iter().position(|layer| layer.contains(&top))
}

/// The tree under test; `AGENTLINT_ARCH_SRC` points it at another checkout's `src/` (to measure a
/// before/after graph).
fn src() -> std::path::PathBuf {
    std::env::var_os("AGENTLINT_ARCH_SRC")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("src"))
}

#[test]
fn no_import_cycles() {
    let graph = graph(&src());
    let imports: usize = graph.edges.values().map(BTreeSet::len).sum();
    let cycles = cycles(&graph);
    println!(
        "module graph: {} modules, {imports} imports, {} cycles",
        graph.nodes.len(),
        cycles.len()
    );
    let shown: Vec<String> = cycles.iter().map(|c| c.join(" ↔ ")).collect();
    assert!(shown.is_empty(), "import cycles:\n{}", shown.join("\n"));
}

#[test]
fn imports_follow_the_flow() {
    let graph = graph(&src());
    let mut unplaced = BTreeSet::new();
    let mut against = Vec::new();
    for (from, targets) in &graph.edges {
        if from.is_empty() || from == "main" {
            continue;
        }
        let Some(from_layer) = layer_of(from) else {
            unplaced.insert(from.split("::").next().unwrap_or(from).to_string());
            continue;
        };
        for to in targets {
            match layer_of(to) {
                Some(to_layer) if to_layer > from_layer => against.push(format!("{from} → {to}")),
                Some(_) => {}
                None => {
                    unplaced.insert(to.split("::").next().unwrap_or(to).to_string());
                }
            }
        }
    }
    assert!(
        unplaced.is_empty(),
        "modules missing from LAYERS in tests/suite/architecture.rs: {unplaced:?}"
    );
    assert!(
        against.is_empty(),
        "imports against the flow:\n{}",
        against.join("\n")
    );
}

/// The checks above must be able to fail: a tree with a sibling cycle and an import against the
/// flow is caught.
#[test]
fn a_cycle_and_a_backward_import_are_caught() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("tempdir: {e}"));
    let write = |path: &str, text: &str| {
        let path = dir.path().join(path);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).unwrap_or_else(|e| panic!("mkdir: {e}"));
        }
        std::fs::write(path, text).unwrap_or_else(|e| panic!("write: {e}"));
    };
    write("lib.rs", "pub mod facts;\npub mod model;\n");
    write("facts/mod.rs", "pub mod a;\npub mod b;\npub use a::A;\n");
    write("facts/a.rs", "use super::b::B;\npub struct A;\n");
    write(
        "facts/b.rs",
        "// use crate::model::Ignored; (a comment)\nlet s = r#\"crate::model\"#;\nuse crate::facts::A;\npub struct B;\nfn f() { crate::model::Workspace::new(); }\n",
    );
    write("model/mod.rs", "pub struct Workspace;\n");
    let graph = graph(dir.path());
    assert_eq!(
        cycles(&graph),
        vec![vec!["facts::a".to_string(), "facts::b".to_string()]]
    );
    let model_importers: Vec<&String> = graph
        .edges
        .iter()
        .filter(|(_, targets)| targets.contains("model"))
        .map(|(from, _)| from)
        .collect();
    assert_eq!(model_importers, vec!["facts::b"]);
    assert!(layer_of("facts::b") < layer_of("model"));
}
