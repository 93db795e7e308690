//! Azure management locks, and which resources they protect.
//!
//! Azure data resources have no deletion-protection attribute: a lock with `lock_level`
//! `CanNotDelete` or `ReadOnly` on the resource, its resource group or the subscription is what
//! makes a delete fail. A lock whose scope cannot be read counts as protecting everything, so a
//! lock is never missed because of how its scope was written.

use crate::facts::stateful::AZURE_LOCK_LEVELS;
use crate::model::resources::{referenced_names, Resource};
use crate::model::terraform::{Instance, Resolved};
use crate::syntax::{HclExpr, HclExprKind};

/// The locks of one instance.
#[derive(Debug, Default)]
pub struct AzureLocks {
    /// A lock on the subscription, or one whose scope cannot be read.
    everything: bool,
    /// `(type, name)` of locked resources.
    resources: Vec<(String, String)>,
    /// Names of `azurerm_resource_group` resources (or data sources) whose id a lock's scope uses.
    group_refs: Vec<String>,
    /// Resource group names read from scopes (`/subscriptions/…/resourceGroups/<name>`) and from
    /// the `name` of locked resource groups.
    group_names: Vec<String>,
    /// `azurerm_resource_group` resources declared in the instance: name → its `name` value.
    declared_groups: Vec<(String, Option<String>)>,
}

/// Read every lock, and every resource group, of an instance.
pub fn azure_locks(instance: &Instance<'_, '_>, resources: &[Resource<'_>]) -> AzureLocks {
    let mut locks = AzureLocks::default();
    for resource in resources {
        let Some(block) = resource.block() else {
            continue;
        };
        if resource.kind == "azurerm_resource_group" {
            let name = block
                .body
                .attribute("name")
                .and_then(|a| instance.resolve(&a.expr).value.as_str_value());
            locks
                .declared_groups
                .push((resource.name().to_string(), name));
        }
    }
    for resource in resources {
        if resource.kind != "azurerm_management_lock" {
            continue;
        }
        let Some(block) = resource.block() else {
            continue;
        };
        let level = block
            .body
            .attribute("lock_level")
            .map(|a| instance.resolve(&a.expr).value);
        if let Some(Resolved::Str(level)) = &level {
            if !AZURE_LOCK_LEVELS.contains(&level.as_str()) {
                continue;
            }
        }
        let Some(scope) = block.body.attribute("scope") else {
            locks.everything = true;
            continue;
        };
        locks.read_scope(instance, &scope.expr);
    }
    for name in locks.group_refs.clone() {
        if let Some((_, Some(group_name))) = locks.declared_groups.iter().find(|(n, _)| *n == name)
        {
            locks.group_names.push(group_name.to_ascii_lowercase());
        }
    }
    locks
}

impl AzureLocks {
    fn read_scope(&mut self, instance: &Instance<'_, '_>, scope: &HclExpr) {
        let before = (self.resources.len(), self.group_refs.len());
        if mentions(scope, "azurerm_subscription") || mentions(scope, "azurerm_client_config") {
            self.everything = true;
            return;
        }
        for (kind, _) in crate::facts::stateful::AZURE_LOCKABLE {
            for name in referenced_names(scope, kind) {
                self.resources.push((kind.to_string(), name));
            }
        }
        self.group_refs
            .extend(referenced_names(scope, "azurerm_resource_group"));
        if (self.resources.len(), self.group_refs.len()) != before {
            return;
        }
        match instance.resolve(scope).value.as_str_value() {
            Some(id) => {
                let lower = id.to_ascii_lowercase();
                let parts: Vec<&str> = lower.trim_matches('/').split('/').collect();
                match parts.as_slice() {
                    ["subscriptions", _] => self.everything = true,
                    ["subscriptions", _, "resourcegroups", group] => {
                        self.group_names.push((*group).to_string())
                    }
                    // A lock on some other resource by id: it protects that resource only.
                    ["subscriptions", _, "resourcegroups", _, ..] => {}
                    _ => self.everything = true,
                }
            }
            None => self.everything = true,
        }
    }

    /// Whether a lock protects the resource (through itself, its resource group or the
    /// subscription), given its `resource_group_name` expression.
    pub fn protects(
        &self,
        instance: &Instance<'_, '_>,
        resource: &Resource<'_>,
        group: Option<&HclExpr>,
    ) -> bool {
        if self.everything {
            return true;
        }
        if self
            .resources
            .iter()
            .any(|(kind, name)| kind == resource.kind && name == resource.name())
        {
            return true;
        }
        let Some(group) = group else {
            return false;
        };
        if referenced_names(group, "azurerm_resource_group")
            .iter()
            .any(|name| self.group_refs.contains(name))
        {
            return true;
        }
        instance
            .resolve(group)
            .value
            .as_str_value()
            .is_some_and(|name| self.group_names.contains(&name.to_ascii_lowercase()))
    }

    /// Whether a `resource_group_name` names a resource group declared in this instance (so every
    /// lock that could protect it is in view).
    pub fn group_declared_here(&self, group: &HclExpr) -> bool {
        if let HclExprKind::Reference(segments) = &group.kind {
            if segments
                .first()
                .is_some_and(|s| s == "azurerm_resource_group")
            {
                return segments
                    .get(1)
                    .is_some_and(|name| self.declared_groups.iter().any(|(n, _)| n == name));
            }
        }
        false
    }
}

/// Whether an expression refers to anything of `resource_type` (data sources included).
fn mentions(expr: &HclExpr, resource_type: &str) -> bool {
    !referenced_names(expr, resource_type).is_empty()
        || matches!(&expr.kind, HclExprKind::Reference(s) if s.iter().any(|x| x == resource_type))
}
