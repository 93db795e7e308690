//! Terraform as Terraform would see it, as far as a linter can without running it.
//!
//! Files are grouped into modules by directory. An attribute's value is resolved through literals,
//! `var.x` (tfvars, then the variable's default), `local.x`, and conditionals whose branches agree
//! or whose condition resolves. What cannot be resolved stays [`Resolved::Unknown`] with the reason:
//! a rule must never invent a value that creates a finding.

use std::collections::BTreeMap;

use crate::diagnostic::{FileId, Label};
use crate::discover::FileKind;
use crate::environments::EnvInfo;
use crate::model::Workspace;
use crate::syntax::{HclBlock, HclExpr, HclExprKind, TemplatePart};

#[derive(Debug, Clone, PartialEq)]
pub enum Resolved {
    Bool(bool),
    Str(String),
    Num(String),
    Null,
    Unknown(String),
}

impl Resolved {
    pub fn as_bool(&self) -> Option<bool> {
        match self {
            Resolved::Bool(b) => Some(*b),
            Resolved::Str(s) if s == "true" => Some(true),
            Resolved::Str(s) if s == "false" => Some(false),
            _ => None,
        }
    }

    /// A string value (not a number or boolean written as one).
    pub fn as_str_value(&self) -> Option<String> {
        match self {
            Resolved::Str(s) => Some(s.clone()),
            _ => None,
        }
    }

    pub fn as_number(&self) -> Option<f64> {
        match self {
            Resolved::Num(n) | Resolved::Str(n) => n.parse().ok(),
            _ => None,
        }
    }
}

/// A resolved value and how it was found ("default of `var.skip_snapshot`").
#[derive(Debug, Clone, PartialEq)]
pub struct Resolution {
    pub value: Resolved,
    pub via: Option<String>,
}

/// The `.tf` files of one directory, with their variables, locals and tfvars values.
#[derive(Debug, Default)]
pub struct Module<'w> {
    pub dir: String,
    pub files: Vec<FileId>,
    pub variables: BTreeMap<String, &'w HclExpr>,
    pub locals: BTreeMap<String, &'w HclExpr>,
    /// Values set by `terraform.tfvars` and `*.auto.tfvars` beside the module.
    pub tfvars: BTreeMap<String, &'w HclExpr>,
}

/// Group the workspace's Terraform files into modules.
pub fn modules(workspace: &Workspace) -> Vec<Module<'_>> {
    let mut by_dir: BTreeMap<String, Module<'_>> = BTreeMap::new();
    for file in &workspace.files {
        let dir = match file.source.path.rsplit_once('/') {
            Some((dir, _)) => dir.to_string(),
            None => String::new(),
        };
        let Some(hcl) = file.syntax.hcl() else {
            continue;
        };
        let module = by_dir.entry(dir.clone()).or_insert_with(|| Module {
            dir,
            ..Module::default()
        });
        match file.source.kind {
            FileKind::Terraform => {
                module.files.push(file.id);
                for block in &hcl.body.blocks {
                    match block.kind.as_str() {
                        "variable" => {
                            if let (Some((name, _)), Some(default)) =
                                (block.labels.first(), block.body.attribute("default"))
                            {
                                module.variables.insert(name.clone(), &default.expr);
                            }
                        }
                        "locals" => {
                            for attribute in &block.body.attributes {
                                module
                                    .locals
                                    .insert(attribute.name.clone(), &attribute.expr);
                            }
                        }
                        _ => {}
                    }
                }
            }
            FileKind::Tfvars => {
                let name = file.source.path.rsplit('/').next().unwrap_or("");
                // Only the files Terraform loads by itself; `prod.tfvars` needs `-var-file`.
                if name == "terraform.tfvars" || name.ends_with(".auto.tfvars") {
                    for attribute in &hcl.body.attributes {
                        module
                            .tfvars
                            .insert(attribute.name.clone(), &attribute.expr);
                    }
                }
            }
            _ => {}
        }
    }
    by_dir
        .into_values()
        .filter(|m| !m.files.is_empty())
        .collect()
}

impl Module<'_> {
    /// Every resource block of this module, with its type.
    pub fn all_resources<'a>(
        &'a self,
        workspace: &'a Workspace,
    ) -> impl Iterator<Item = (FileId, &'a str, &'a HclBlock)> + 'a {
        self.files.iter().flat_map(move |id| {
            workspace
                .file(*id)
                .syntax
                .hcl()
                .map(|hcl| hcl.body.blocks.as_slice())
                .unwrap_or(&[])
                .iter()
                .filter(|b| b.kind == "resource")
                .filter_map(move |b| b.labels.first().map(|(t, _)| (*id, t.as_str(), b)))
        })
    }

    /// The resources of a given type in this module.
    pub fn resources<'a>(
        &'a self,
        workspace: &'a Workspace,
        resource_type: &'a str,
    ) -> impl Iterator<Item = (FileId, &'a HclBlock)> + 'a {
        self.all_resources(workspace)
            .filter(move |(_, t, _)| *t == resource_type)
            .map(|(id, _, block)| (id, block))
    }

    /// Resolve an expression in this module, as a root module (no module-call arguments).
    pub fn resolve(&self, expr: &HclExpr) -> Resolution {
        self.resolve_with(expr, &BTreeMap::new())
    }

    /// Resolve an expression with the arguments a module call passes to this module's variables.
    pub fn resolve_with(&self, expr: &HclExpr, args: &BTreeMap<String, Resolution>) -> Resolution {
        Resolver { module: self, args }.resolve_depth(expr, 0)
    }
}

/// Resolution in the context of one instantiation of a module.
struct Resolver<'a, 'w> {
    module: &'a Module<'w>,
    args: &'a BTreeMap<String, Resolution>,
}

impl Resolver<'_, '_> {
    fn resolve_depth(&self, expr: &HclExpr, depth: usize) -> Resolution {
        let plain = |value| Resolution { value, via: None };
        if depth > 16 {
            return plain(Resolved::Unknown("the value refers to itself".into()));
        }
        match &expr.kind {
            HclExprKind::Bool(b) => plain(Resolved::Bool(*b)),
            HclExprKind::Str { value, .. } => plain(Resolved::Str(value.clone())),
            HclExprKind::Num(n) => plain(Resolved::Num(n.clone())),
            HclExprKind::Null => plain(Resolved::Null),
            HclExprKind::Template(parts) => {
                let mut out = String::new();
                for part in parts {
                    match part {
                        TemplatePart::Literal { value, .. } => out.push_str(value),
                        TemplatePart::Interpolation(inner) => {
                            match self.resolve_depth(inner, depth + 1).value {
                                Resolved::Str(s) | Resolved::Num(s) => out.push_str(&s),
                                Resolved::Bool(b) => out.push_str(&b.to_string()),
                                _ => {
                                    return plain(Resolved::Unknown(
                                        "the string interpolates a value that cannot be resolved"
                                            .into(),
                                    ))
                                }
                            }
                        }
                    }
                }
                plain(Resolved::Str(out))
            }
            HclExprKind::Reference(segments) => self.resolve_reference(segments, depth),
            HclExprKind::Conditional {
                condition,
                then,
                otherwise,
            } => {
                let then = self.resolve_depth(then, depth + 1);
                let otherwise = self.resolve_depth(otherwise, depth + 1);
                if then.value == otherwise.value {
                    return then;
                }
                match self.resolve_condition(condition, depth) {
                    Some(true) => then,
                    Some(false) => otherwise,
                    None => plain(Resolved::Unknown(
                        "it depends on a condition that cannot be resolved".into(),
                    )),
                }
            }
            _ => plain(Resolved::Unknown("the expression is computed".into())),
        }
    }

    fn resolve_reference(&self, segments: &[String], depth: usize) -> Resolution {
        let name = segments.get(1).cloned().unwrap_or_default();
        if segments.first().map(String::as_str) == Some("var") && segments.len() == 2 {
            if let Some(argument) = self.args.get(&name) {
                return argument.clone();
            }
        }
        let module = self.module;
        let (source, via) = match segments.first().map(String::as_str) {
            Some("var") if segments.len() == 2 => match module.tfvars.get(&name) {
                Some(expr) => (Some(*expr), format!("`{name}` in terraform.tfvars")),
                None => (
                    module.variables.get(&name).copied(),
                    format!("default of `var.{name}`"),
                ),
            },
            Some("local") if segments.len() == 2 => {
                (module.locals.get(&name).copied(), format!("`local.{name}`"))
            }
            _ => (None, String::new()),
        };
        match source {
            Some(expr) => {
                let inner = self.resolve_depth(expr, depth + 1);
                Resolution {
                    via: Some(inner.via.unwrap_or(via)),
                    value: inner.value,
                }
            }
            None => Resolution {
                value: Resolved::Unknown(format!(
                    "`{}` has no value in this module",
                    segments.join(".")
                )),
                via: None,
            },
        }
    }

    /// `var.env == "prod"` style conditions, when both sides resolve.
    fn resolve_condition(&self, condition: &HclExpr, depth: usize) -> Option<bool> {
        self.resolve_depth(condition, depth + 1).value.as_bool()
    }
}

/// A module as instantiated: a root module, or a module called (by a local `source`) from a root,
/// with the arguments of the call and the environment of the root that instantiates it.
#[derive(Debug)]
pub struct Instance<'m, 'w> {
    pub module: &'m Module<'w>,
    pub args: BTreeMap<String, Resolution>,
    pub env: Option<EnvInfo>,
    /// `module.db.` chain for resource addresses (empty for a root).
    pub address_prefix: String,
    /// The module calls leading here from the root, outermost first.
    pub calls: Vec<Label>,
}

impl Instance<'_, '_> {
    pub fn resolve(&self, expr: &HclExpr) -> Resolution {
        self.module.resolve_with(expr, &self.args)
    }

    /// An attribute of a block, resolved: its span and value, or `None` when it is not written.
    pub fn attr(&self, block: &HclBlock, name: &str) -> Option<(crate::syntax::Span, Resolution)> {
        block
            .body
            .attribute(name)
            .map(|a| (a.span, self.resolve(&a.expr)))
    }

    /// A boolean attribute: `Some(value)` when written and resolvable.
    pub fn bool_attr(&self, block: &HclBlock, name: &str) -> Option<bool> {
        self.attr(block, name).and_then(|(_, r)| r.value.as_bool())
    }

    /// Every resource block of this instance, with its type.
    pub fn all_resources<'a>(
        &'a self,
        workspace: &'a Workspace,
    ) -> impl Iterator<Item = (FileId, &'a str, &'a HclBlock)> + 'a {
        self.module.all_resources(workspace)
    }

    /// Show the module calls that lead to this instance on its findings, so a finding inside a
    /// module points back at the root (and environment) that instantiates it.
    pub fn show_calls(&self, findings: &mut [crate::diagnostic::Finding]) {
        for finding in findings {
            finding.related.extend(self.calls.iter().cloned());
        }
    }

    /// The full address of a resource of this instance.
    pub fn address(&self, block: &HclBlock) -> String {
        let kind = block.labels.first().map(|l| l.0.as_str()).unwrap_or("?");
        let name = block.labels.get(1).map(|l| l.0.as_str()).unwrap_or("?");
        format!("{}{kind}.{name}", self.address_prefix)
    }
}

/// Module-call arguments that are not variables.
const META_ARGUMENTS: &[&str] = &[
    "source",
    "version",
    "count",
    "for_each",
    "providers",
    "depends_on",
];

/// Deepest chain of module calls followed (cycles stop earlier).
const MAX_CALL_DEPTH: usize = 8;

/// `a/b/../c` → `a/c`, keeping a leading `/` and leading `..` segments.
fn normalize(path: &str) -> String {
    let absolute = path.starts_with('/');
    let mut parts: Vec<&str> = Vec::new();
    for part in path.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                if parts.last().is_some_and(|p| *p != "..") {
                    parts.pop();
                } else if !absolute {
                    parts.push("..");
                }
            }
            other => parts.push(other),
        }
    }
    let joined = parts.join("/");
    if absolute {
        format!("/{joined}")
    } else {
        joined
    }
}

/// Every instance of every module: roots (modules nobody calls) and the modules they call with a
/// local `source`, each with the root's environment.
pub fn instances<'m, 'w>(
    workspace: &'w Workspace,
    modules: &'m [Module<'w>],
) -> Vec<Instance<'m, 'w>> {
    let by_dir: BTreeMap<&str, &Module<'w>> = modules.iter().map(|m| (m.dir.as_str(), m)).collect();
    // Calls: (caller, call block, file, child).
    let mut calls: Vec<(&Module<'w>, &HclBlock, FileId, &Module<'w>)> = Vec::new();
    for module in modules {
        for id in &module.files {
            let Some(hcl) = workspace.file(*id).syntax.hcl() else {
                continue;
            };
            for block in hcl.body.blocks_of("module") {
                let Some(source) =
                    block
                        .body
                        .attribute("source")
                        .and_then(|a| match &a.expr.kind {
                            crate::syntax::HclExprKind::Str { value, .. } => Some(value.as_str()),
                            _ => None,
                        })
                else {
                    continue;
                };
                if !(source.starts_with("./") || source.starts_with("../")) {
                    continue;
                }
                let dir = if module.dir.is_empty() {
                    normalize(source)
                } else {
                    normalize(&format!("{}/{source}", module.dir))
                };
                if let Some(child) = by_dir.get(dir.as_str()) {
                    calls.push((module, block, *id, child));
                }
            }
        }
    }
    let mut out = Vec::new();
    for module in modules {
        let called = calls
            .iter()
            .any(|(_, _, _, child)| std::ptr::eq(*child, module));
        if called {
            continue;
        }
        let env = module
            .files
            .first()
            .and_then(|id| workspace.file(*id).env.clone());
        let root = Instance {
            module,
            args: BTreeMap::new(),
            env,
            address_prefix: String::new(),
            calls: Vec::new(),
        };
        expand(root, &calls, &mut out);
    }
    out
}

fn expand<'m, 'w>(
    instance: Instance<'m, 'w>,
    calls: &[(&'m Module<'w>, &'w HclBlock, FileId, &'m Module<'w>)],
    out: &mut Vec<Instance<'m, 'w>>,
) {
    let mut children = Vec::new();
    if instance.calls.len() < MAX_CALL_DEPTH {
        for (caller, block, file, child) in calls {
            if !std::ptr::eq(*caller, instance.module) {
                continue;
            }
            let name = block.labels.first().map(|l| l.0.as_str()).unwrap_or("?");
            let args = block
                .body
                .attributes
                .iter()
                .filter(|a| !META_ARGUMENTS.contains(&a.name.as_str()))
                .map(|a| {
                    let mut resolution = instance.resolve(&a.expr);
                    let via = format!("argument `{}` of module `{name}`", a.name);
                    resolution.via = Some(match resolution.via {
                        Some(inner) => format!("{via}, from {inner}"),
                        None => via,
                    });
                    (a.name.clone(), resolution)
                })
                .collect();
            let span = block.labels.first().map_or(block.kind_span, |l| l.1);
            let mut chain = instance.calls.clone();
            chain.push(Label::new(
                *file,
                span,
                format!("instantiates module `{name}`"),
            ));
            children.push(Instance {
                module: child,
                args,
                env: instance.env.clone(),
                address_prefix: format!("{}module.{name}.", instance.address_prefix),
                calls: chain,
            });
        }
    }
    out.push(instance);
    for child in children {
        expand(child, calls, out);
    }
}

#[cfg(test)]
mod tests {
    use super::normalize;

    #[test]
    fn paths_normalize() {
        assert_eq!(normalize("envs/prod/../../modules/db"), "modules/db");
        assert_eq!(normalize("./modules/db"), "modules/db");
        assert_eq!(normalize("../x"), "../x");
        assert_eq!(normalize("/a/b/../c"), "/a/c");
    }
}
