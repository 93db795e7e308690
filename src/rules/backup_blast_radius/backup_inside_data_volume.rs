use crate::declare_rule;
use crate::diagnostic::{Finding, Label, Severity};
use crate::discover::FileKind;
use crate::facts::compose::{is_data_dir, mounts, Mount, DUMP_TOOLS};
use crate::facts::destructive::effective_words;
use crate::model::{FileModel, Workspace};
use crate::rules::WorkspaceRule;
use crate::syntax::Node;

declare_rule! {
    /// ## What it does
    /// Finds backups written inside the volume or directory that holds the data they protect: a
    /// compose backup service that mounts the database's own data volume, and `pg_dump`,
    /// `mysqldump` or `mongodump` writing into a database data directory
    /// (`/var/lib/postgresql/data`, `/var/lib/mysql`, `/data/db`…) in scripts, CI jobs and compose
    /// commands, and backup copies that land in the bucket they copy from (`aws s3 sync
    /// s3://data s3://data/backup`, `gsutil`, `gcloud storage`, `rclone`).
    ///
    /// ## Why is this bad?
    /// In the incident, the provider kept volume backups inside the volume, so deleting the volume
    /// deleted the backups. A dump written next to the data shares its fate: the same `docker
    /// volume rm`, the same disk failure, the same agent mistake removes both.
    ///
    /// ## Example
    /// ```docker-compose.yml
    /// services:
    ///   db:
    ///     image: postgres:16
    ///     volumes:
    ///       - pgdata:/var/lib/postgresql/data
    ///   backup:
    ///     image: postgres:16
    ///     command: sh -c "pg_dump -h db -U app app > /backups/app.sql"
    ///     volumes:
    ///       - pgdata:/backups
    /// volumes:
    ///   pgdata:
    /// ```
    ///
    /// ## Use instead
    /// ```docker-compose.yml
    /// services:
    ///   db:
    ///     image: postgres:16
    ///     volumes:
    ///       - pgdata:/var/lib/postgresql/data
    ///   backup:
    ///     image: postgres:16
    ///     command: sh -c "pg_dump -h db -U app app | aws s3 cp - s3://offsite-backups/app.sql"
    /// volumes:
    ///   pgdata:
    /// ```
    pub struct BackupInsideDataVolume {
        id: "AL403",
        name: "backup-inside-data-volume",
        category: BackupBlastRadius,
        severity: Error,
        summary: "backups are written into the volume or directory of the data they protect",
        input: Workspace,
    }
}

impl WorkspaceRule for BackupInsideDataVolume {
    fn check(&self, workspace: &Workspace, findings: &mut Vec<Finding>) {
        for file in &workspace.files {
            if file.source.kind == FileKind::Compose {
                if let Some(doc) = file.syntax.data() {
                    for root in &doc.roots {
                        compose(file, root, findings);
                    }
                }
            }
            for fact in &file.facts.commands {
                dump_into_data_dir(file, &fact.command, findings);
                copy_into_same_bucket(file, &fact.command, findings);
            }
        }
    }
}

fn compose(file: &FileModel, root: &Node, findings: &mut Vec<Finding>) {
    let services = root.get("services").map(Node::entries).unwrap_or(&[]);
    // Data volumes of database services.
    let mut data: Vec<(&str, Mount)> = Vec::new();
    for service in services {
        for mount in mounts(&service.value) {
            if is_data_dir(&mount.target) {
                data.push((service.key.as_str(), mount));
            }
        }
    }
    for service in services {
        let text = service.value.span.slice(&file.source.text);
        let is_backup = service.key.to_ascii_lowercase().contains("backup")
            || DUMP_TOOLS.iter().any(|t| text.contains(t));
        if !is_backup {
            continue;
        }
        for mount in mounts(&service.value) {
            let Some((db, db_mount)) = data
                .iter()
                .find(|(db, m)| *db != service.key && m.source == mount.source)
            else {
                continue;
            };
            findings.push(
                Finding::new(
                    BackupInsideDataVolume::META,
                    Label::new(file.id, mount.span, format!("backups go into `{}`", mount.source)),
                    format!(
                        "backup service `{}` writes into `{}`, the volume that holds `{db}`'s data",
                        service.key, mount.source
                    ),
                )
                .related(Label::new(file.id, db_mount.span, "the database's data lives here"))
                .severity(severity(file))
                .environment(file.env.clone())
                .why("deleting or losing the volume deletes the data and its backups together")
                .help("write backups to storage outside the data's blast radius: another volume on another host, or object storage in another account")
                .key(format!("services.{}.volumes.{}", service.key, mount.source)),
            );
        }
    }
}

fn severity(file: &FileModel) -> Severity {
    match file.env.as_ref().map(|e| e.env) {
        Some(crate::environments::Env::Test | crate::environments::Env::Development) => {
            Severity::Info
        }
        _ => Severity::Error,
    }
}

fn dump_into_data_dir(
    file: &FileModel,
    command: &crate::syntax::ShellCommand,
    findings: &mut Vec<Finding>,
) {
    let owned = effective_words(command);
    let words: Vec<&str> = owned.iter().map(String::as_str).collect();
    let Some(tool) = words.first().copied().filter(|w| DUMP_TOOLS.contains(w)) else {
        return;
    };
    // The output: `-f FILE`, `--file=FILE`, `-o DIR`, `--out=DIR`, or a `>` redirection.
    let mut target = None;
    for pair in words.windows(2) {
        if matches!(pair[0], "-f" | "--file" | "-o" | "--out" | "--result-file") {
            target = Some(pair[1].to_string());
        }
    }
    for word in &words {
        for flag in ["--file=", "--out=", "--result-file="] {
            if let Some(value) = word.strip_prefix(flag) {
                target = Some(value.to_string());
            }
        }
    }
    if target.is_none() {
        let text = &file.source.text;
        let rest = text.get(command.span.end..).unwrap_or("");
        let line_rest = rest.lines().next().unwrap_or("");
        let within = command.span.slice(text);
        for haystack in [within, line_rest] {
            if let Some(pos) = haystack.find('>') {
                let after = haystack[pos + 1..].trim_start_matches('>').trim_start();
                let path: String = after
                    .chars()
                    .take_while(|c| {
                        !c.is_whitespace() && !matches!(c, ';' | '&' | '|' | '"' | '\'')
                    })
                    .collect();
                if !path.is_empty() {
                    target = Some(path);
                    break;
                }
            }
        }
    }
    let Some(target) = target.filter(|t| is_data_dir(t)) else {
        return;
    };
    findings.push(
        Finding::new(
            BackupInsideDataVolume::META,
            Label::new(file.id, command.span, format!("writes the dump to `{target}`")),
            format!("`{tool}` writes its backup into the database's own data directory (`{target}`)"),
        )
        .severity(severity(file))
        .environment(file.env.clone())
        .why("the dump lives on the same volume as the data: losing one loses both")
        .help("write the dump outside the data volume, ideally to storage in another account or region")
        .key(format!("{tool}:{target}")),
    );
}

/// The bucket of an object-storage URL: `s3://bucket/key` → `bucket` (also `gs://`, rclone
/// `remote:bucket/key`).
fn bucket_of(url: &str) -> Option<&str> {
    let rest = url
        .strip_prefix("s3://")
        .or_else(|| url.strip_prefix("gs://"))
        .or_else(|| {
            let (remote, rest) = url.split_once(':')?;
            (!remote.is_empty() && !remote.contains('/') && !rest.starts_with("//")).then_some(rest)
        })?;
    rest.split('/').next().filter(|b| !b.is_empty())
}

/// `aws s3 cp|sync SRC DST`, `gsutil cp|rsync`, `gcloud storage cp|rsync`, `rclone copy|sync`
/// whose source and destination are the same bucket: the "backup" shares every fate of the data.
fn copy_into_same_bucket(
    file: &FileModel,
    command: &crate::syntax::ShellCommand,
    findings: &mut Vec<Finding>,
) {
    let owned = effective_words(command);
    let words: Vec<&str> = owned.iter().map(String::as_str).collect();
    let copying = match words.as_slice() {
        ["aws", "s3", verb, ..] => matches!(*verb, "cp" | "sync"),
        ["gsutil", verb, ..] | ["gcloud", "storage", verb, ..] => {
            matches!(*verb, "cp" | "rsync")
        }
        ["rclone", verb, ..] => matches!(*verb, "copy" | "sync"),
        _ => false,
    };
    if !copying {
        return;
    }
    let urls: Vec<&str> = words
        .iter()
        .copied()
        .filter(|w| !w.starts_with('-') && bucket_of(w).is_some())
        .filter(|w| w.contains("://") || words.first() == Some(&"rclone"))
        .collect();
    let [source, destination] = urls.as_slice() else {
        return;
    };
    let (Some(from), Some(to)) = (bucket_of(source), bucket_of(destination)) else {
        return;
    };
    if from != to || from.contains('$') {
        return;
    }
    findings.push(
        Finding::new(
            BackupInsideDataVolume::META,
            Label::new(file.id, command.span, format!("copies `{from}` into itself")),
            format!("the backup copy lands in the bucket it copies from (`{from}`)"),
        )
        .severity(severity(file))
        .environment(file.env.clone())
        .why("deleting the bucket, or a credential that can, removes the data and its copy together")
        .help("copy backups to a bucket in another account (and region), with versioning and object lock")
        .key(format!("same-bucket:{from}")),
    );
}

#[cfg(test)]
mod tests {
    use super::bucket_of;

    #[test]
    fn buckets() {
        assert_eq!(bucket_of("s3://data/backups/x.sql"), Some("data"));
        assert_eq!(bucket_of("gs://data"), Some("data"));
        assert_eq!(bucket_of("offsite:archive/db"), Some("archive"));
        assert_eq!(bucket_of("https://example.com/x"), None);
        assert_eq!(bucket_of("./local/dir"), None);
    }
}
