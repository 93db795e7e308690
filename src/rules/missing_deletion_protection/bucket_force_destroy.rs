use crate::declare_rule;
use crate::diagnostic::{Finding, Label};
use crate::facts::stateful::FORCE_DESTROY_BUCKETS;
use crate::model::terraform;
use crate::model::Workspace;
use crate::rules::helpers::each_stateful_instance;
use crate::rules::TerraformRule;

declare_rule! {
    /// ## What it does
    /// Finds production (or unknown-environment) storage buckets that Terraform may delete with
    /// everything in them: `aws_s3_bucket` and `google_storage_bucket` with `force_destroy = true`
    /// (resolved through variables, tfvars, locals and module arguments).
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
            for (file_id, kind, block) in instance.all_resources(workspace) {
                if !FORCE_DESTROY_BUCKETS.contains(&kind) {
                    continue;
                }
                let Some((span, resolved)) = instance.attr(block, "force_destroy") else {
                    continue;
                };
                if resolved.value.as_bool() != Some(true) {
                    continue;
                }
                let address = instance.address(block);
                let how = resolved.via.map(|v| format!(" ({v})")).unwrap_or_default();
                let finding = Finding::new(
                    BucketForceDestroy::META,
                    Label::new(file_id, span, "deletes every object first"),
                    format!("`{address}` is deleted with all its objects: `force_destroy` is true{how}"),
                )
                .severity(severity)
                .environment(instance.env.clone())
                .why("one destroy or replacement empties the bucket, object versions included, and nothing asks")
                .help("remove `force_destroy`, and add `lifecycle { prevent_destroy = true }` for data you cannot lose")
                .key(address);
                findings.push(finding);
            }
        });
    }
}
