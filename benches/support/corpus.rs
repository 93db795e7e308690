//! Loading the shared corpus for the benchmarks (shared by `benches/editor_loop.rs` and
//! `examples/parse_throughput.rs` through `#[path]`).

use std::path::{Path, PathBuf};

/// The corpus folder: `$AGENTLINT_CORPUS`, else `../shared/corpus` next to the repository, else
/// next to the main checkout when this is a git worktree.
pub fn corpus_dir() -> PathBuf {
    if let Some(dir) = std::env::var_os("AGENTLINT_CORPUS") {
        return PathBuf::from(dir);
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let beside = root.join("../shared/corpus");
    if beside.join("MANIFEST.tsv").is_file() {
        return beside;
    }
    let common = std::process::Command::new("git")
        .args(["rev-parse", "--path-format=absolute", "--git-common-dir"])
        .current_dir(root)
        .output()
        .ok()
        .and_then(|o| String::from_utf8(o.stdout).ok())
        .map(|s| PathBuf::from(s.trim()));
    match common.as_deref().and_then(Path::parent) {
        Some(main) => main.join("../shared/corpus"),
        None => beside,
    }
}

/// One manifest row with the file's content.
#[allow(dead_code)] // `kind` is read by the parse example only
pub struct CorpusFile {
    pub kind: String,
    /// Path relative to `repos/` (`owner__name/…`), as `agentlint check repos` sees it.
    pub rel: String,
    pub bytes: Vec<u8>,
}

/// Every file of `MANIFEST.tsv` (type, path, bytes, lines), read into memory.
pub fn load() -> Vec<CorpusFile> {
    let dir = corpus_dir();
    let manifest = std::fs::read_to_string(dir.join("MANIFEST.tsv")).unwrap_or_else(|e| {
        panic!(
            "cannot read {}/MANIFEST.tsv ({e}); set AGENTLINT_CORPUS",
            dir.display()
        )
    });
    manifest
        .lines()
        .skip(1)
        .filter_map(|line| {
            let mut cols = line.split('\t');
            let kind = cols.next()?.to_string();
            let rel = cols.next()?.to_string();
            let bytes = std::fs::read(dir.join("repos").join(&rel)).ok()?;
            Some(CorpusFile { kind, rel, bytes })
        })
        .collect()
}
