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

/// The exact versions the repository already uses for npm packages: pinned in another MCP
/// configuration, or in a `package.json`'s dependencies. Only these are offered as a fix; a
/// version is never invented.
fn known_versions(workspace: &Workspace) -> std::collections::BTreeMap<String, String> {
    let mut known = std::collections::BTreeMap::new();
    for file in &workspace.files {
        for server in mcp::servers(file.source.kind, &file.syntax) {
            for word in server.words() {
                let (name, version) = npm_parts(word);
                if let Some(version) = version.filter(|v| exact_version(v)) {
                    known
                        .entry(name.to_string())
                        .or_insert_with(|| version.to_string());
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
                    known
                        .entry(entry.key.clone())
                        .or_insert_with(|| version.to_string());
                }
            }
        }
    }
    known
}

/// Pin `spec` (an npm package, unpinned or `@latest`) to the version the repository already uses,
/// in the string at `span`.
fn pin_fix(
    text: &str,
    file: crate::diagnostic::FileId,
    span: crate::syntax::Span,
    spec: &str,
    known: &std::collections::BTreeMap<String, String>,
) -> Option<Fix> {
    let (name, _) = npm_parts(spec);
    let version = known.get(name)?;
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
        title: format!("pin `{name}@{version}`, the version this repository already uses"),
        applicability: Applicability::Safe,
        edits: vec![Edit {
            file,
            span: crate::syntax::Span::new(start, start + spec.len()),
            replacement: format!("{name}@{version}"),
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
                let npm = matches!(command, "npx" | "bunx" | "pnpx");
                let fix = npm
                    .then(|| pin_fix(&file.source.text, file.id, *span, spec, &known))
                    .flatten();
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
