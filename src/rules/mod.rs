//! Rules: one file each, named after the rule, in a folder named after its category
//! (`src/rules/<category>/<rule_name>.rs`), declared with [`declare_rule!`](crate::declare_rule)
//! and listed in [`registry`].
//!
//! A rule's documentation is its doc comment, with fixed headings (`## What it does`,
//! `## Why is this bad?`, `## Example`, `## Use instead`). The same text is printed by
//! `agentlint explain`, written to `lints/`, shown on hover in the editor, and executed by a test:
//! every fenced block under `## Example` must make the rule fire, every block under `## Use instead`
//! must leave it quiet. A fence's info string is the path the example is written to, so one example
//! can span several files.
//!
//! Rules hold no knowledge of their own beyond the judgement they make: what a token can reach,
//! which commands destroy data, which mounts hold a database live in `facts/` and `secrets/`, where
//! every rule (and the inventory) reads them alike.

pub mod docs;
pub mod helpers;
pub mod json_fixes;
pub mod registry;
pub mod terraform_fixes;

pub mod backup_blast_radius;
pub mod cross_environment_credential;
pub mod destructive_capability;
pub mod exposed_secret;
pub mod missing_deletion_protection;
pub mod overscoped_token;
pub mod parse_error;

pub use crate::diagnostic::{doc_section, RuleMeta};
pub use docs::docs_text;
pub use registry::{all, catalogue, lookup};

use crate::diagnostic::Finding;
use crate::model::terraform::Instance;
use crate::model::Workspace;

/// What a rule reads. Declared once in [`declare_rule!`](crate::declare_rule), which then picks the
/// trait the rule must implement, so a rule cannot read one thing and declare another.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RuleInput {
    /// The workspace: every file with its syntax, environment and facts ([`WorkspaceRule`]).
    Workspace,
    /// Every Terraform module instance, built once per run and shared by all such rules
    /// ([`TerraformRule`]).
    Terraform,
}

/// What the pipeline hands a rule.
pub struct Inputs<'a, 'm, 'w> {
    pub workspace: &'a Workspace,
    /// Empty unless the rule declared [`RuleInput::Terraform`].
    pub instances: &'a [Instance<'m, 'w>],
}

/// A rule as the pipeline sees it. Implemented by [`declare_rule!`](crate::declare_rule), never by
/// hand: a rule implements [`WorkspaceRule`] or [`TerraformRule`], as its declaration says.
pub trait Rule: Sync {
    fn meta(&self) -> &'static RuleMeta;
    fn input(&self) -> RuleInput;
    fn run(&self, inputs: &Inputs<'_, '_, '_>, findings: &mut Vec<Finding>);
}

/// A check over the whole workspace. Most rules look at one file at a time; cross-file rules join
/// facts from several.
pub trait WorkspaceRule {
    fn check(&self, workspace: &Workspace, findings: &mut Vec<Finding>);
}

/// A check over every Terraform module instance (a module judged once per place it is called from,
/// with that caller's environment and arguments).
pub trait TerraformRule {
    fn check(
        &self,
        workspace: &Workspace,
        instances: &[Instance<'_, '_>],
        findings: &mut Vec<Finding>,
    );
}

/// How the declared input reaches a rule's check; one function per [`RuleInput`], named after it
/// so [`declare_rule!`](crate::declare_rule) can call it by the input's name.
#[doc(hidden)]
#[allow(non_snake_case)]
pub mod dispatch {
    use super::{Inputs, TerraformRule, WorkspaceRule};
    use crate::diagnostic::Finding;

    pub fn Workspace<R: WorkspaceRule>(
        rule: &R,
        inputs: &Inputs<'_, '_, '_>,
        findings: &mut Vec<Finding>,
    ) {
        rule.check(inputs.workspace, findings)
    }

    pub fn Terraform<R: TerraformRule>(
        rule: &R,
        inputs: &Inputs<'_, '_, '_>,
        findings: &mut Vec<Finding>,
    ) {
        rule.check(inputs.workspace, inputs.instances, findings)
    }
}

/// Declares a rule: its struct, its metadata (documentation from the doc comment, clippy-style)
/// and the input it reads, which decides the trait it implements.
///
/// ```text
/// declare_rule! {
///     /// ## What it does
///     /// …
///     pub struct BucketForceDestroy {
///         id: "AL404",
///         name: "bucket-force-destroy",
///         category: MissingDeletionProtection,
///         severity: Error,
///         summary: "a production bucket can be deleted together with every object in it",
///         input: Terraform,
///     }
/// }
/// impl TerraformRule for BucketForceDestroy { … }
/// ```
///
/// `input: Pipeline` declares a rule the pipeline itself reports (suppression comments): the struct
/// and metadata only.
#[macro_export]
macro_rules! declare_rule {
    (@struct
        $(#[doc = $doc:literal])*
        $vis:vis struct $ident:ident {
            id: $id:literal,
            name: $name:literal,
            category: $category:ident,
            severity: $severity:ident,
            summary: $summary:literal $(,)?
        }
    ) => {
        // The docs are the rule's page (`agentlint explain`, `lints/`), with examples fenced by
        // file path, which rustdoc would try to read as code: the struct gets one line.
        #[doc = concat!("`", $id, "` `", $name, "`: ", $summary, " (the rule's page is [`Self::META`]).")]
        $vis struct $ident;

        impl $ident {
            /// The rule's identity and documentation.
            pub const META: &'static $crate::diagnostic::RuleMeta = &$crate::diagnostic::RuleMeta {
                id: $id,
                name: $name,
                category: $crate::diagnostic::Category::$category,
                severity: $crate::diagnostic::Severity::$severity,
                summary: $summary,
                docs: concat!($($doc, "\n"),*),
            };
        }
    };
    (
        $(#[doc = $doc:literal])*
        $vis:vis struct $ident:ident {
            id: $id:literal,
            name: $name:literal,
            category: $category:ident,
            severity: $severity:ident,
            summary: $summary:literal,
            input: Pipeline $(,)?
        }
    ) => {
        $crate::declare_rule! { @struct $(#[doc = $doc])* $vis struct $ident {
            id: $id, name: $name, category: $category, severity: $severity, summary: $summary,
        } }
    };
    (
        $(#[doc = $doc:literal])*
        $vis:vis struct $ident:ident {
            id: $id:literal,
            name: $name:literal,
            category: $category:ident,
            severity: $severity:ident,
            summary: $summary:literal,
            input: $input:ident $(,)?
        }
    ) => {
        $crate::declare_rule! { @struct $(#[doc = $doc])* $vis struct $ident {
            id: $id, name: $name, category: $category, severity: $severity, summary: $summary,
        } }

        impl $crate::rules::Rule for $ident {
            fn meta(&self) -> &'static $crate::diagnostic::RuleMeta {
                Self::META
            }

            fn input(&self) -> $crate::rules::RuleInput {
                $crate::rules::RuleInput::$input
            }

            fn run(
                &self,
                inputs: &$crate::rules::Inputs<'_, '_, '_>,
                findings: &mut Vec<$crate::diagnostic::Finding>,
            ) {
                // `dispatch::Workspace` needs a `WorkspaceRule`, `dispatch::Terraform` a
                // `TerraformRule`: the declared input decides which the rule must implement.
                $crate::rules::dispatch::$input(self, inputs, findings)
            }
        }
    };
}
