use crate::declare_rule;
use crate::diagnostic::{Finding, Fix, Label, Severity};
use crate::facts::stateful::{named_rebuildable, FORCE_DESTROY};
use crate::model::resources::Attr;
use crate::model::terraform;
use crate::model::Workspace;
use crate::rules::helpers::each_stateful_instance;
use crate::rules::terraform_fixes::{applicability, set_attribute};
use crate::rules::TerraformRule;

declare_rule! {
    /// ## What it does
    /// Finds production (or unknown-environment) storage that Terraform may delete with everything
    /// in it: `aws_s3_bucket` and `google_storage_bucket` with `force_destroy = true`, BigQuery
    /// datasets with `delete_contents_on_destroy = true`, Spanner instances with
    /// `force_destroy = true` (their backups go with them), and the same inputs on calls to public
    /// registry modules (`terraform-aws-modules/s3-bucket`, Google's `cloud-storage`). Values are
    /// resolved through variables, tfvars, locals and module arguments; the table is
    /// `FORCE_DESTROY` in `facts/stateful.rs`. A bucket named for what a pipeline rebuilds (build
    /// artifacts, function sources, caches, a static website) is reported at `info`.
    ///
    /// ## Why is this bad?
    /// Without `force_destroy`, the provider refuses to delete a bucket that still holds objects:
    /// deleting the data takes a deliberate second step. With it, one `terraform destroy`, one
    /// mistaken rename, or one agent's "clean-up" empties the bucket, object versions included,
    /// and removes it.
    ///
    /// ## Example
    /// ```envs/prod/storage.tf
    /// resource "aws_s3_bucket" "uploads" {
    ///   bucket        = "pocketos-prod-uploads"
    ///   force_destroy = true
    /// }
    /// ```
    ///
    /// ## Use instead
    /// ```envs/prod/storage.tf
    /// resource "aws_s3_bucket" "uploads" {
    ///   bucket = "pocketos-prod-uploads"
    ///
    ///   lifecycle {
    ///     prevent_destroy = true
    ///   }
    /// }
    /// ```
    pub struct BucketForceDestroy {
        id: "AL404",
        name: "bucket-force-destroy",
        category: MissingDeletionProtection,
        severity: Error,
        summary: "a production bucket can be deleted together with every object in it",
        input: Terraform,
    }
}

impl TerraformRule for BucketForceDestroy {
    fn check(
        &self,
        workspace: &Workspace,
        instances: &[terraform::Instance<'_, '_>],
        findings: &mut Vec<Finding>,
    ) {
        each_stateful_instance(instances, findings, |instance, severity, findings| {
            for resource in instance.resources(workspace) {
                let Some((_, attribute, contents)) = FORCE_DESTROY
                    .iter()
                    .find(|(kind, _, _)| *kind == resource.kind)
                else {
                    continue;
                };
                let Attr::Written { span, value, name } = resource.attr(instance, attribute) else {
                    continue;
                };
                if value.value.as_bool() != Some(true) {
                    continue;
                }
                let how = value.via.map(|v| format!(" ({v})")).unwrap_or_default();
                let display = resource.display();
                // A bucket named for what a build puts back (artifacts, function sources, a
                // website) loses nothing a pipeline cannot rebuild: a note.
                let bucket_name = match resource.written("bucket").or(resource.written("name")) {
                    Some(expr) => instance
                        .resolve(expr)
                        .value
                        .as_str_value()
                        .unwrap_or_default(),
                    None => String::new(),
                };
                let rebuildable =
                    named_rebuildable(resource.name()) || named_rebuildable(&bucket_name);
                let severity = if rebuildable {
                    Severity::Info
                } else {
                    severity
                };
                let finding = Finding::new(
                    BucketForceDestroy::META,
                    Label::new(resource.file, span, "deletes every object first"),
                    format!("{display} is deleted with {contents}: `{name}` is true{how}"),
                )
                .severity(severity)
                .environment(instance.env.clone())
                .why("one destroy or replacement empties it, object versions included, and nothing asks")
                .help(format!("remove `{name}`, and add `lifecycle {{ prevent_destroy = true }}` for data you cannot lose"))
                .key(resource.address.clone());
                // A bucket a pipeline refills keeps its clean-up setting: no fix for the note.
                let edit = (!rebuildable)
                    .then(|| set_attribute(workspace, &resource, attribute, "false"))
                    .flatten();
                let finding = match edit {
                    Some(edit) => finding.fix(Fix {
                        title: format!("set `{attribute} = false`"),
                        applicability: applicability(instance),
                        edits: vec![edit],
                    }),
                    None => finding,
                };
                findings.push(finding);
            }
        });
    }
}
