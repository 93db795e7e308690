//! The one way agentlint writes a file (`--write-baseline` today, fixes later): only inside the
//! directories it was allowed to write to, never through a symlink, and atomically — the new
//! content goes to a temporary file created beside the target, which is then renamed over it, so a
//! failed or interrupted write leaves the old file as it was.

use std::io::Write;
use std::path::{Path, PathBuf};

/// Writes `bytes` to `path`, which must lie inside one of `roots` (directories; symlinks in them
/// are resolved before comparing). Refuses a target that is a symlink or anything but a regular
/// file, and a directory reached through a symlink that leads out of every root.
pub fn write_atomic(path: &Path, bytes: &[u8], roots: &[PathBuf]) -> Result<(), String> {
    let shown = path.display();
    match std::fs::symlink_metadata(path) {
        Ok(meta) if meta.file_type().is_symlink() => {
            return Err(format!("refusing to write through the symlink {shown}"));
        }
        Ok(meta) if !meta.is_file() => {
            return Err(format!("refusing to replace {shown}: not a regular file"));
        }
        _ => {}
    }
    let name = path
        .file_name()
        .filter(|n| *n != ".." && *n != ".")
        .ok_or_else(|| format!("cannot write {shown}: not a file name"))?;
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let real_dir = dir
        .canonicalize()
        .map_err(|e| format!("cannot write {shown}: {}: {e}", dir.display()))?;
    let inside = roots
        .iter()
        .filter_map(|root| root.canonicalize().ok())
        .any(|root| real_dir.starts_with(&root));
    if !inside {
        let allowed: Vec<String> = roots.iter().map(|r| r.display().to_string()).collect();
        return Err(format!(
            "refusing to write {shown}: it is outside the working directory and the checked \
             directories ({})",
            allowed.join(", ")
        ));
    }
    let target = real_dir.join(name);
    let (tmp, mut file) = create_temp(&real_dir, &name.to_string_lossy())
        .map_err(|e| format!("cannot write {shown}: {e}"))?;
    let result = file
        .write_all(bytes)
        .and_then(|()| file.sync_all())
        .and_then(|()| std::fs::rename(&tmp, &target));
    drop(file);
    if let Err(err) = result {
        let _ = std::fs::remove_file(&tmp);
        return Err(format!("cannot write {shown}: {err}"));
    }
    Ok(())
}

/// A new file beside the target (so the rename stays on one file system), never an existing one.
fn create_temp(dir: &Path, name: &str) -> std::io::Result<(PathBuf, std::fs::File)> {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.subsec_nanos());
    let mut last = None;
    for attempt in 0..16u32 {
        let tmp = dir.join(format!(
            ".{name}.agentlint-tmp-{}-{:x}",
            std::process::id(),
            nanos.wrapping_add(attempt)
        ));
        match std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&tmp)
        {
            Ok(file) => return Ok((tmp, file)),
            Err(err) if err.kind() == std::io::ErrorKind::AlreadyExists => last = Some(err),
            Err(err) => return Err(err),
        }
    }
    Err(last.unwrap_or_else(|| std::io::Error::other("no temporary file name left")))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn roots(dir: &Path) -> Vec<PathBuf> {
        vec![dir.to_path_buf()]
    }

    fn leftovers(dir: &Path) -> Vec<String> {
        std::fs::read_dir(dir)
            .into_iter()
            .flatten()
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| n.contains("agentlint-tmp"))
            .collect()
    }

    #[test]
    fn writes_and_replaces_atomically() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let path = dir.path().join("b.json");
        assert_eq!(write_atomic(&path, b"one", &roots(dir.path())), Ok(()));
        assert_eq!(write_atomic(&path, b"two", &roots(dir.path())), Ok(()));
        assert_eq!(std::fs::read_to_string(&path).unwrap_or_default(), "two");
        assert!(leftovers(dir.path()).is_empty());
    }

    #[cfg(unix)]
    #[test]
    fn never_writes_through_a_symlink() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let victim = dir.path().join("victim");
        std::fs::write(&victim, "keep").unwrap_or_else(|e| panic!("{e}"));
        let link = dir.path().join("b.json");
        std::os::unix::fs::symlink(&victim, &link).unwrap_or_else(|e| panic!("{e}"));
        let err = write_atomic(&link, b"new", &roots(dir.path()))
            .err()
            .unwrap_or_default();
        assert!(err.contains("symlink"), "{err}");
        assert_eq!(std::fs::read_to_string(&victim).unwrap_or_default(), "keep");
        assert!(leftovers(dir.path()).is_empty());
    }

    #[cfg(unix)]
    #[test]
    fn a_symlinked_directory_out_of_the_root_is_refused() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let repo = dir.path().join("repo");
        let outside = dir.path().join("outside");
        std::fs::create_dir_all(&repo).unwrap_or_else(|e| panic!("{e}"));
        std::fs::create_dir_all(&outside).unwrap_or_else(|e| panic!("{e}"));
        std::os::unix::fs::symlink(&outside, repo.join("out")).unwrap_or_else(|e| panic!("{e}"));
        let err = write_atomic(&repo.join("out/b.json"), b"x", &roots(&repo))
            .err()
            .unwrap_or_default();
        assert!(err.contains("outside"), "{err}");
        assert!(!outside.join("b.json").exists());
        let err = write_atomic(&repo.join("../b.json"), b"x", &roots(&repo))
            .err()
            .unwrap_or_default();
        assert!(err.contains("outside"), "{err}");
        assert!(!dir.path().join("b.json").exists());
    }

    #[test]
    fn a_failed_write_leaves_the_old_content_and_no_temporary_file() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        // The target is a directory: refused before anything is written.
        let target = dir.path().join("b.json");
        std::fs::create_dir_all(target.join("inner")).unwrap_or_else(|e| panic!("{e}"));
        assert!(write_atomic(&target, b"x", &roots(dir.path())).is_err());
        assert!(target.join("inner").is_dir());
        // The rename fails (the target directory vanished after the temporary file was made is
        // hard to stage; a missing parent fails before): nothing is left behind either way.
        let missing = dir.path().join("no/such/dir/b.json");
        assert!(write_atomic(&missing, b"x", &roots(dir.path())).is_err());
        assert!(leftovers(dir.path()).is_empty());
    }

    #[test]
    fn the_temporary_file_is_made_beside_the_target() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let (tmp, file) = create_temp(dir.path(), "b.json").unwrap_or_else(|e| panic!("{e}"));
        drop(file);
        assert_eq!(tmp.parent(), Some(dir.path()));
        // A second one never reuses the first's name.
        let (again, _file) = create_temp(dir.path(), "b.json").unwrap_or_else(|e| panic!("{e}"));
        assert_ne!(tmp, again);
    }
}
