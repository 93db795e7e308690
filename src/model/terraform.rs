//! Terraform as Terraform would see it, as far as a linter can without running it.
//!
//! Files are grouped into modules by directory. An attribute's value is resolved through literals,
//! `var.x` (tfvars, then the variable's default), `local.x`, and conditionals whose branches agree
//! or whose condition resolves. What cannot be resolved stays [`Resolved::Unknown`] with the reason:
//! a rule must never invent a value that creates a finding.

use std::collections::BTreeMap;

use crate::diagnostic::FileId;
use crate::discover::FileKind;
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
    /// The resources of a given type in this module.
    pub fn resources<'a>(
        &'a self,
        workspace: &'a Workspace,
        resource_type: &'a str,
    ) -> impl Iterator<Item = (FileId, &'a HclBlock)> + 'a {
        self.files.iter().flat_map(move |id| {
            workspace
                .file(*id)
                .syntax
                .hcl()
                .map(|hcl| hcl.body.blocks.as_slice())
                .unwrap_or(&[])
                .iter()
                .filter(move |b| {
                    b.kind == "resource"
                        && b.labels.first().is_some_and(|(t, _)| t == resource_type)
                })
                .map(move |b| (*id, b))
        })
    }

    /// Resolve an expression in this module.
    pub fn resolve(&self, expr: &HclExpr) -> Resolution {
        self.resolve_depth(expr, 0)
    }

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
        let (source, via) = match segments.first().map(String::as_str) {
            Some("var") if segments.len() == 2 => match self.tfvars.get(&name) {
                Some(expr) => (Some(*expr), format!("`{name}` in terraform.tfvars")),
                None => (
                    self.variables.get(&name).copied(),
                    format!("default of `var.{name}`"),
                ),
            },
            Some("local") if segments.len() == 2 => {
                (self.locals.get(&name).copied(), format!("`local.{name}`"))
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
