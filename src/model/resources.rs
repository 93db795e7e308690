//! Resources as the rules judge them: a `resource` block, or a call to a public registry module
//! that creates one (`module "db" { source = "terraform-aws-modules/rds/aws" }`), read through the
//! table of [`crate::facts::registry_modules`].
//!
//! A rule asks a resource for an attribute by its path and gets what is written, what the provider
//! defaults to, or "cannot be known" — the last only for a module attribute the table does not map,
//! so a module call is never judged on a guess.

use std::collections::BTreeMap;

use crate::diagnostic::FileId;
use crate::facts::registry_modules::{registry_module, Input, RegistryModule};
use crate::model::terraform::{Instance, Resolution, Resolved};
use crate::model::Workspace;
use crate::syntax::{HclBlock, HclExpr, HclExprKind, Span};

/// Where a resource comes from.
#[derive(Debug, Clone, Copy)]
pub enum Origin<'a> {
    Block(&'a HclBlock),
    /// A registry module call; the table row says what it creates.
    Module {
        call: &'a HclBlock,
        spec: &'static RegistryModule,
    },
}

/// A resource of one instance.
#[derive(Debug, Clone)]
pub struct Resource<'a> {
    pub file: FileId,
    pub kind: &'a str,
    /// `aws_db_instance.main`, or `module.db` for a registry module call.
    pub address: String,
    pub origin: Origin<'a>,
}

/// An attribute of a resource.
#[derive(Debug, Clone)]
pub enum Attr {
    /// Written (or set by a module input's default): where, its value, and the name to show.
    Written {
        span: Span,
        value: Resolution,
        name: String,
    },
    /// Not written: the provider's default applies.
    Unset,
    /// A registry module attribute the table does not map.
    Unknowable,
}

impl Attr {
    pub fn value(&self) -> Option<&Resolved> {
        match self {
            Attr::Written { value, .. } => Some(&value.value),
            _ => None,
        }
    }
}

impl<'a> Resource<'a> {
    pub fn block(&self) -> Option<&'a HclBlock> {
        match self.origin {
            Origin::Block(block) => Some(block),
            Origin::Module { .. } => None,
        }
    }

    /// An attribute of the resource block, or an argument of the module call, as written.
    pub fn written(&self, name: &str) -> Option<&'a HclExpr> {
        let block = match self.origin {
            Origin::Block(block) => block,
            Origin::Module { call, .. } => call,
        };
        block.body.attribute(name).map(|a| &a.expr)
    }

    /// The resource's name label, or the module call's.
    pub fn name_span(&self) -> Span {
        let block = match self.origin {
            Origin::Block(block) => block,
            Origin::Module { call, .. } => call,
        };
        block
            .labels
            .get(1)
            .or(block.labels.first())
            .map_or(block.kind_span, |l| l.1)
    }

    /// How a message names it: "`aws_db_instance.main`", or "`module.db`
    /// (terraform-aws-modules/rds/aws)".
    pub fn display(&self) -> String {
        match self.origin {
            Origin::Block(_) => format!("`{}`", self.address),
            // The source as the call writes it, without a `?ref=`.
            Origin::Module { spec, .. } => {
                let written = match self.written("source").map(|e| &e.kind) {
                    Some(HclExprKind::Str { value, .. }) => {
                        value.split('?').next().map(str::to_string)
                    }
                    _ => None,
                };
                let source = written
                    .unwrap_or_else(|| spec.sources.first().copied().unwrap_or("?").to_string());
                format!("`{}` ({source})", self.address)
            }
        }
    }

    /// The resource name (`main`), or the module call's name.
    pub fn name(&self) -> &'a str {
        let block = match self.origin {
            Origin::Block(block) => block,
            Origin::Module { call, .. } => call,
        };
        match self.origin {
            Origin::Block(_) => block.labels.get(1),
            Origin::Module { .. } => block.labels.first(),
        }
        .map_or("", |l| l.0.as_str())
    }

    /// An attribute by path (`settings.backup_configuration.enabled`).
    pub fn attr(&self, instance: &Instance<'_, '_>, path: &str) -> Attr {
        match self.origin {
            Origin::Block(block) => block_attr(instance, block, path),
            Origin::Module { call, spec } => {
                let Some(input) = spec.inputs.iter().find(|i| i.attribute == path) else {
                    return Attr::Unknowable;
                };
                module_attr(instance, call, spec, input)
            }
        }
    }

    /// A boolean attribute when written and resolvable.
    pub fn bool_attr(&self, instance: &Instance<'_, '_>, path: &str) -> Option<bool> {
        self.attr(instance, path)
            .value()
            .and_then(Resolved::as_bool)
    }

    /// Whether `lifecycle { prevent_destroy = true }` is set (never on a module call).
    pub fn prevents_destroy(&self, instance: &Instance<'_, '_>) -> bool {
        self.block().is_some_and(|block| {
            block.body.blocks_of("lifecycle").any(|lifecycle| {
                lifecycle
                    .body
                    .attribute("prevent_destroy")
                    .is_some_and(|a| instance.resolve(&a.expr).value.as_bool() == Some(true))
            })
        })
    }
}

fn block_attr(instance: &Instance<'_, '_>, block: &HclBlock, path: &str) -> Attr {
    let mut body = &block.body;
    let mut parts = path.split('.').peekable();
    while let Some(part) = parts.next() {
        if parts.peek().is_none() {
            return match body.attribute(part) {
                Some(attribute) => Attr::Written {
                    span: attribute.span,
                    value: instance.resolve(&attribute.expr),
                    name: path.to_string(),
                },
                None => Attr::Unset,
            };
        }
        match body.blocks_of(part).next() {
            Some(inner) => body = &inner.body,
            // `dynamic "settings" { … }` writes the block from data the linter cannot see.
            None if body
                .blocks_of("dynamic")
                .any(|d| d.labels.first().is_some_and(|l| l.0 == part)) =>
            {
                return Attr::Unknowable
            }
            None => return Attr::Unset,
        }
    }
    Attr::Unset
}

fn module_attr(
    instance: &Instance<'_, '_>,
    call: &HclBlock,
    spec: &RegistryModule,
    input: &Input,
) -> Attr {
    let module_name = call.labels.first().map_or("?", |l| l.0.as_str());
    let source = spec.sources.first().copied().unwrap_or("?");
    let _ = (module_name, source);
    let via = |what: String| Some(what);
    let (variable, key, any_value) = match input.input.split_once('.') {
        Some((variable, key)) => (variable, Some(key), false),
        None => match input.input.strip_suffix("[*]") {
            Some(variable) => (variable, None, true),
            None => (input.input, None, false),
        },
    };
    let written = call.body.attribute(variable).and_then(|attribute| {
        let expr = &attribute.expr;
        if let Some(key) = key {
            return match &expr.kind {
                HclExprKind::Object(items) => Some(match items.iter().find(|i| i.key == key) {
                    Some(item) => (item.value.span, instance.resolve(&item.value)),
                    None => return None,
                }),
                _ => Some((attribute.span, unknown("the input is computed"))),
            };
        }
        if any_value {
            return Some(match &expr.kind {
                HclExprKind::Object(items) => {
                    let found = items.iter().find_map(|item| {
                        let resolved = instance.resolve(&item.value);
                        (resolved.value.as_bool() == Some(true))
                            .then_some((item.value.span, resolved))
                    });
                    found.unwrap_or((attribute.span, plain(Resolved::Bool(false))))
                }
                _ => (attribute.span, unknown("the input is computed")),
            });
        }
        Some((attribute.span, instance.resolve(expr)))
    });
    match written {
        Some((span, mut value)) => {
            value.via = match value.via.take() {
                Some(inner) => via(format!("argument `{}`, from {inner}", input.input)),
                None => via(format!("argument `{}`", input.input)),
            };
            Attr::Written {
                span,
                value,
                name: input.input.to_string(),
            }
        }
        None => match input.default {
            Some(default) => Attr::Written {
                span: call.labels.first().map_or(call.kind_span, |l| l.1),
                value: Resolution {
                    value: literal(default),
                    via: via(format!("default of input `{}`", input.input)),
                },
                name: input.input.to_string(),
            },
            None => Attr::Unset,
        },
    }
}

fn plain(value: Resolved) -> Resolution {
    Resolution { value, via: None }
}

fn unknown(why: &str) -> Resolution {
    plain(Resolved::Unknown(why.to_string()))
}

/// A default written in the table as HCL.
fn literal(text: &str) -> Resolved {
    match text {
        "true" => Resolved::Bool(true),
        "false" => Resolved::Bool(false),
        "null" => Resolved::Null,
        _ if text.starts_with('"') => Resolved::Str(text.trim_matches('"').to_string()),
        _ => Resolved::Num(text.to_string()),
    }
}

impl<'m, 'w> Instance<'m, 'w> {
    /// Every resource of this instance, registry module calls included, in file order.
    pub fn resources<'a>(&'a self, workspace: &'a Workspace) -> Vec<Resource<'a>> {
        let mut out = Vec::new();
        for id in &self.module.files {
            let Some(hcl) = workspace.file(*id).syntax.hcl() else {
                continue;
            };
            for block in &hcl.body.blocks {
                match block.kind.as_str() {
                    "resource" => {
                        if let Some((kind, _)) = block.labels.first() {
                            out.push(Resource {
                                file: *id,
                                kind: kind.as_str(),
                                address: self.address(block),
                                origin: Origin::Block(block),
                            });
                        }
                    }
                    "module" => {
                        if let Some(resource) = self.registry_call(*id, block) {
                            out.push(resource);
                        }
                    }
                    _ => {}
                }
            }
        }
        out
    }

    /// The resources of one type.
    pub fn resources_of<'a>(&'a self, workspace: &'a Workspace, kind: &str) -> Vec<Resource<'a>> {
        let mut out = self.resources(workspace);
        out.retain(|r| r.kind == kind);
        out
    }

    fn registry_call<'a>(&'a self, file: FileId, call: &'a HclBlock) -> Option<Resource<'a>> {
        let source = match &call.body.attribute("source")?.expr.kind {
            HclExprKind::Str { value, .. } => value.as_str(),
            _ => return None,
        };
        let spec = registry_module(source)?;
        if let Some(create) = spec.create_input {
            if let Some(attribute) = call.body.attribute(create) {
                if self.resolve(&attribute.expr).value.as_bool() == Some(false) {
                    return None;
                }
            }
        }
        let name = call.labels.first().map_or("?", |l| l.0.as_str());
        Some(Resource {
            file,
            kind: spec.resource_type,
            address: format!("{}module.{name}", self.address_prefix),
            origin: Origin::Module { call, spec },
        })
    }
}

/// Resources by address, for joining references (`aws_backup_vault.main.name`).
pub fn by_name<'a>(
    resources: &'a [Resource<'a>],
) -> BTreeMap<(&'a str, &'a str), &'a Resource<'a>> {
    resources.iter().map(|r| ((r.kind, r.name()), r)).collect()
}

/// Names of resources of `resource_type` an expression refers to: `aws_backup_vault.main.name` →
/// `main`, through templates, calls and lists.
pub fn referenced_names(expr: &HclExpr, resource_type: &str) -> Vec<String> {
    let mut out = Vec::new();
    collect_references(expr, resource_type, &mut out);
    out
}

fn collect_references(expr: &HclExpr, resource_type: &str, out: &mut Vec<String>) {
    match &expr.kind {
        HclExprKind::Reference(segments) => {
            // `data.azurerm_resource_group.main.id` names `main` as well.
            let skip = usize::from(segments.first().is_some_and(|s| s == "data"));
            let segments: Vec<&str> = segments.iter().skip(skip).map(String::as_str).collect();
            if segments.first() == Some(&resource_type) {
                if let Some(name) = segments.get(1) {
                    out.push((*name).to_string());
                }
            }
        }
        HclExprKind::Template(parts) => {
            for part in parts {
                if let crate::syntax::TemplatePart::Interpolation(inner) = part {
                    collect_references(inner, resource_type, out);
                }
            }
        }
        HclExprKind::Tuple(items) => {
            for item in items {
                collect_references(item, resource_type, out);
            }
        }
        HclExprKind::Call { args, .. } => {
            for arg in args {
                collect_references(arg, resource_type, out);
            }
        }
        HclExprKind::Conditional {
            then, otherwise, ..
        } => {
            collect_references(then, resource_type, out);
            collect_references(otherwise, resource_type, out);
        }
        HclExprKind::Object(items) => {
            for item in items {
                collect_references(&item.value, resource_type, out);
            }
        }
        _ => {}
    }
}
