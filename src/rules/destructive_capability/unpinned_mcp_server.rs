use crate::declare_rule;
use crate::diagnostic::{Applicability, Edit, Finding, Fix, Label};
use crate::facts::mcp;
use crate::model::Workspace;
use crate::rules::WorkspaceRule;

declare_rule! {
    /// ## What it does
    /// Finds MCP servers run from a package that is not pinned to a version: `npx -y package`
    /// without `@version`, `uvx package` without `==version`, `docker run image` without a tag or
    /// digest (or with `:latest`).
    ///
    /// ## Why is this bad?
    /// The server runs with the agent's credentials and tools. Unpinned, it runs whatever the
    /// registry serves at the next start: a compromised or hijacked release gets the same standing
    /// access, silently. This is a supply-chain note, reported at `info`.
    ///
    /// ## Example
    /// ```.cursor/mcp.json
    /// {
    ///   "mcpServers": {
    ///     "github": { "command": "npx", "args": ["-y", "@modelcontextprotocol/server-github"] }
    ///   }
    /// }
    /// ```
    ///
    /// ## Use instead
    /// ```.cursor/mcp.json
    /// {
    ///   "mcpServers": {
    ///     "github": { "command": "npx", "args": ["-y", "@modelcontextprotocol/server-github@2025.4.8"] }
    ///   }
    /// }
    /// ```
    pub struct UnpinnedMcpServer {
        id: "AL305",
        name: "unpinned-mcp-server",
        category: DestructiveCapability,
        severity: Info,
        summary: "an MCP server runs from a package that is not pinned to a version",
        input: Workspace,
    }
}

/// `@scope/name@1.2.3` or `name@1.2.3` carries a version; `@scope/name` does not.
fn npm_pinned(spec: &str) -> bool {
    let bare = spec.strip_prefix('@').unwrap_or(spec);
    bare.split_once('@')
        .is_some_and(|(_, version)| !version.is_empty() && version != "latest")
}

/// An npm package name and the version a spec pins (`@scope/pkg@1.2.3` → (`@scope/pkg`,
/// `1.2.3`)); the name alone when nothing is pinned.
fn npm_parts(spec: &str) -> (&str, Option<&str>) {
    let scoped = usize::from(spec.starts_with('@'));
    match spec[scoped..].split_once('@') {
        Some((name, version)) => (&spec[..scoped + name.len()], Some(version)),
        None => (spec, None),
    }
}

/// Whether a version is exact (`1.2.3`, `0.6.2-beta.1`): ranges and tags are not pins.
fn exact_version(version: &str) -> bool {
    version.starts_with(|c: char| c.is_ascii_digit())
        && version
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'.' || b == b'-' || b == b'+')
}

/// How each registry writes a pinned package: the package's name, and the whole pinned spec
/// to write in place of an unpinned one.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Debug)]
enum Registry {
    /// `@scope/name@1.2.3`
    Npm,
    /// `name==1.2.3` (uvx also reads `name@1.2.3`)
    PyPi,
    /// `ghcr.io/org/image:1.2.3` or `image@sha256:…`
    Docker,
}

impl Registry {
    /// The package's name and its exact pin, when the spec carries one.
    fn parts(self, spec: &str) -> (&str, Option<&str>) {
        match self {
            Registry::Npm => {
                let (name, version) = npm_parts(spec);
                (name, version.filter(|v| exact_version(v)))
            }
            Registry::PyPi => match spec.split_once("==").or_else(|| spec.split_once('@')) {
                Some((name, version)) => (name, Some(version).filter(|v| exact_version(v))),
                None => (spec, None),
            },
            Registry::Docker => {
                if let Some((name, digest)) = spec.split_once('@') {
                    return (name, Some(digest).filter(|d| d.starts_with("sha256:")));
                }
                // A `:` after the last `/` is a tag; one before it is a registry's port.
                let last = spec.rfind('/').map_or(0, |i| i + 1);
                match spec[last..].rfind(':') {
                    Some(i) => {
                        let tag = &spec[last + i + 1..];
                        let pinned = tag != "latest"
                            && tag.starts_with(|c: char| c.is_ascii_digit() || c == 'v');
                        (&spec[..last + i], Some(tag).filter(|_| pinned))
                    }
                    None => (spec, None),
                }
            }
        }
    }

    /// The spec written with `pin` (a version, or a Docker tag or digest).
    fn pinned(self, name: &str, pin: &str) -> String {
        match self {
            Registry::Npm => format!("{name}@{pin}"),
            Registry::PyPi => format!("{name}=={pin}"),
            Registry::Docker if pin.starts_with("sha256:") => format!("{name}@{pin}"),
            Registry::Docker => format!("{name}:{pin}"),
        }
    }

    /// The registry a launcher fetches from.
    fn of_launcher(command: &str) -> Option<Registry> {
        match command {
            "npx" | "bunx" | "pnpx" => Some(Registry::Npm),
            "uvx" => Some(Registry::PyPi),
            "docker" => Some(Registry::Docker),
            _ => None,
        }
    }
}

/// Pins the repository already uses, by registry and package name.
type KnownPins = std::collections::BTreeMap<(Registry, String), String>;

/// The exact versions the repository already uses: pinned in another MCP configuration (npm,
/// PyPI and Docker alike), in a `package.json`'s dependencies, or as a compose service's image
/// tag or digest. Only these are offered as a fix; a version is never invented.
fn known_versions(workspace: &Workspace) -> KnownPins {
    let mut known = KnownPins::new();
    let mut learn = |registry: Registry, spec: &str| {
        if let (name, Some(pin)) = registry.parts(spec) {
            known
                .entry((registry, name.to_string()))
                .or_insert_with(|| pin.to_string());
        }
    };
    for file in &workspace.files {
        for server in mcp::servers(file.source.kind, &file.syntax) {
            let words = server.words();
            let launcher = words.first().map(|c| c.rsplit('/').next().unwrap_or(c));
            let Some(registry) = launcher.and_then(Registry::of_launcher) else {
                continue;
            };
            for word in words.iter().skip(1).filter(|w| !w.starts_with('-')) {
                learn(registry, word);
            }
        }
        if file.source.kind == crate::discover::FileKind::Compose {
            for root in file
                .syntax
                .data()
                .map(|d| d.roots.as_slice())
                .unwrap_or(&[])
            {
                for service in root.get("services").map(|s| s.entries()).unwrap_or(&[]) {
                    if let Some(image) = service.value.get("image").and_then(|i| i.as_str()) {
                        learn(Registry::Docker, image);
                    }
                }
            }
        }
        if file.source.path.rsplit('/').next() != Some("package.json") {
            continue;
        }
        let Some(root) = file.syntax.data().and_then(|d| d.roots.first()) else {
            continue;
        };
        for section in ["dependencies", "devDependencies"] {
            let Some(crate::syntax::Value::Map(entries)) = root.get(section).map(|n| &n.value)
            else {
                continue;
            };
            for entry in entries {
                if let Some(version) = entry.value.as_str().filter(|v| exact_version(v)) {
                    learn(Registry::Npm, &format!("{}@{version}", entry.key));
                }
            }
        }
    }
    known
}

/// Pin `spec` (a package or image, unpinned or `latest`) to the version the repository already
/// uses, in the string at `span`.
fn pin_fix(
    text: &str,
    file: crate::diagnostic::FileId,
    span: crate::syntax::Span,
    spec: &str,
    registry: Registry,
    known: &KnownPins,
) -> Option<Fix> {
    let (name, _) = registry.parts(spec);
    let name = match registry {
        Registry::Npm => name,
        // `name@latest` and `image:latest` name the package without the tag.
        Registry::PyPi => name.strip_suffix("@latest").unwrap_or(name),
        Registry::Docker => name.strip_suffix(":latest").unwrap_or(name),
    };
    let version = known.get(&(registry, name.to_string()))?;
    let pinned = registry.pinned(name, version);
    let node = span.slice(text);
    let at = node
        .match_indices(spec)
        .find(|(i, _)| {
            let before = node[..*i].chars().last();
            let after = node[i + spec.len()..].chars().next();
            !before.is_some_and(|c| !c.is_whitespace() && c != '"' && c != '\'')
                && !after.is_some_and(|c| !c.is_whitespace() && c != '"' && c != '\'')
        })?
        .0;
    let start = span.start + at;
    Some(Fix {
        title: format!("pin `{pinned}`, the version this repository already uses"),
        applicability: Applicability::Safe,
        edits: vec![Edit {
            file,
            span: crate::syntax::Span::new(start, start + spec.len()),
            replacement: pinned,
        }],
    })
}

impl WorkspaceRule for UnpinnedMcpServer {
    fn check(&self, workspace: &Workspace, findings: &mut Vec<Finding>) {
        let known = known_versions(workspace);
        for file in &workspace.files {
            for server in mcp::servers(file.source.kind, &file.syntax) {
                // A command written as one string (`"command": "npx -y pkg"`) is its words.
                let mut nodes: Vec<(&str, crate::syntax::Span)> = Vec::new();
                for node in &server.command_line {
                    let Some(text) = node.as_str() else { continue };
                    for word in text.split_whitespace() {
                        nodes.push((word, node.span));
                    }
                }
                // Runners that fetch a package: `pnpm dlx pkg`, `yarn dlx pkg`, `bun x pkg`,
                // `pipx run pkg` read like `npx pkg` and `uvx pkg`.
                let runner = |a: &str, b: &str| {
                    nodes.len() > 1 && nodes[0].0.rsplit('/').next() == Some(a) && nodes[1].0 == b
                };
                let (command, skip) =
                    if runner("pnpm", "dlx") || runner("yarn", "dlx") || runner("bun", "x") {
                        ("npx", 2)
                    } else if runner("pipx", "run") {
                        ("uvx", 2)
                    } else {
                        let Some((command, _)) = nodes.first() else {
                            continue;
                        };
                        (command.rsplit('/').next().unwrap_or(command), 1)
                    };
                let args: Vec<_> = nodes.iter().skip(skip).collect();
                // The package: the first argument that is not an option (for docker, the image after
                // `run`, which has a registry path or a tag).
                let package = if command == "docker" {
                    args.iter()
                        .skip_while(|(arg, _)| *arg != "run")
                        .skip(1)
                        .find(|(arg, _)| {
                            !arg.starts_with('-') && (arg.contains('/') || arg.contains(':'))
                        })
                        .copied()
                } else {
                    // Skip option values that are versions (`--python 3.13`).
                    args.iter()
                        .find(|(arg, _)| {
                            !arg.starts_with('-')
                                && !arg.chars().all(|c| c.is_ascii_digit() || c == '.')
                        })
                        .copied()
                };
                let unpinned = match (command, package) {
                    ("npx" | "bunx" | "pnpx", Some((spec, _))) => !npm_pinned(spec),
                    ("uvx", Some((spec, _))) => {
                        !spec.contains("==") && (!spec.contains('@') || spec.ends_with("@latest"))
                    }
                    ("docker", Some((image, _))) => {
                        let tag = image.rsplit('/').next().unwrap_or(image);
                        !image.contains('@') && (!tag.contains(':') || tag.ends_with(":latest"))
                    }
                    _ => false,
                };
                let Some((spec, span)) = package.filter(|_| unpinned) else {
                    continue;
                };
                let fix = Registry::of_launcher(command).and_then(|registry| {
                    pin_fix(&file.source.text, file.id, *span, spec, registry, &known)
                });
                let finding = Finding::new(
                        UnpinnedMcpServer::META,
                        Label::new(file.id, *span, "no version"),
                        format!(
                            "MCP server `{}` runs `{spec}` unpinned: whatever the registry serves next gets the agent's access",
                            server.name()
                        ),
                    )
                    .environment(file.env.clone())
                    .why("a hijacked or broken release would run with the same standing access, silently")
                    .help("pin the package to an exact version (`pkg@1.2.3`, `pkg==1.2.3`, `image@sha256:…`)")
                    .key(format!("{}.package", server.name()));
                findings.push(match fix {
                    Some(fix) => finding.fix(fix),
                    None => finding,
                });
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::npm_pinned;

    #[test]
    fn npm_versions() {
        assert!(npm_pinned("@modelcontextprotocol/server-github@2025.4.8"));
        assert!(npm_pinned("pkg@1.0.0"));
        assert!(!npm_pinned("@modelcontextprotocol/server-github"));
        assert!(!npm_pinned("pkg"));
        assert!(!npm_pinned("pkg@latest"));
    }
}
