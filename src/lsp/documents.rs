//! What the server lints: the files on disk under the workspace root, read once and refreshed when
//! the editor says they changed, with the editor's open buffers laid over them.
//!
//! Cross-file findings are the point of agentlint (a staging file reaching production), so every
//! lint sees the whole workspace, not just the buffer being edited; the disk is walked once and
//! cached so that a keystroke costs a parse of the workspace, not a walk of it.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::discover::{self, FileKind, ReadOutcome, WalkOptions};
use crate::pipeline::build::Input;
use crate::source::LineIndex;

/// An open buffer.
#[derive(Debug, Clone)]
pub struct Document {
    /// The URI exactly as the client sent it: diagnostics must be published under the same string.
    pub uri: String,
    pub path: Option<PathBuf>,
    pub text: String,
    pub version: i32,
}

/// A change to a buffer: a range in UTF-16 positions, or the whole text.
#[derive(Debug, Clone)]
pub struct Change {
    /// (start line, start column, end line, end column), 0-based UTF-16.
    pub range: Option<(u32, u32, u32, u32)>,
    pub text: String,
}

/// The open buffers, by URI.
#[derive(Debug, Default)]
pub struct Documents {
    open: HashMap<String, Document>,
}

impl Documents {
    pub fn open(&mut self, uri: String, text: String, version: i32) {
        let path = uri_to_path(&uri);
        self.open.insert(
            uri.clone(),
            Document {
                uri,
                path,
                text,
                version,
            },
        );
    }

    /// Apply changes in order; a change to a buffer that is not open is ignored.
    pub fn change(&mut self, uri: &str, version: i32, changes: Vec<Change>) {
        let Some(doc) = self.open.get_mut(uri) else {
            return;
        };
        for change in changes {
            match change.range {
                None => doc.text = change.text,
                Some((start_line, start_col, end_line, end_col)) => {
                    let index = LineIndex::new(&doc.text);
                    let start = index.offset_of_utf16(&doc.text, start_line, start_col);
                    let end = index.offset_of_utf16(&doc.text, end_line, end_col);
                    let (start, end) = (start.min(end), end.max(start));
                    doc.text.replace_range(start..end, &change.text);
                }
            }
        }
        doc.version = version;
    }

    pub fn close(&mut self, uri: &str) {
        self.open.remove(uri);
    }

    pub fn get(&self, uri: &str) -> Option<&Document> {
        self.open.get(uri)
    }

    pub fn iter(&self) -> impl Iterator<Item = &Document> {
        self.open.values()
    }

    /// The first open buffer's directory: the root when the client names none.
    pub fn any_dir(&self) -> Option<PathBuf> {
        self.open
            .values()
            .filter_map(|d| d.path.as_ref()?.parent().map(Path::to_path_buf))
            .next()
    }
}

/// The candidate files under the root and what reading each gave.
#[derive(Debug, Default)]
pub struct Disk {
    pub root: PathBuf,
    files: BTreeMap<PathBuf, (Option<FileKind>, ReadOutcome)>,
}

impl Disk {
    /// Walk `root` once and read every candidate, in parallel.
    pub fn scan(root: &Path, respect_gitignore: bool) -> Self {
        let options = WalkOptions {
            respect_gitignore,
            threads: 0,
        };
        let (candidates, _) = discover::walk(&[root.to_path_buf()], &options);
        let files = candidates
            .into_par_iter()
            .map(|c| {
                let content = discover::read_candidate(&c.path);
                (c.path, (c.kind, content))
            })
            .collect();
        Disk {
            root: root.to_path_buf(),
            files,
        }
    }

    /// Re-read one file after the editor saved it or the client saw it change on disk.
    pub fn refresh(&mut self, path: &Path) {
        if !path.starts_with(&self.root) || in_skipped_dir(path) {
            return;
        }
        let is_file = std::fs::symlink_metadata(path).is_ok_and(|m| m.is_file());
        let kind = discover::classify_path(path);
        if is_file && (kind.is_some() || discover::worth_sniffing(path)) {
            let content = discover::read_candidate(path);
            self.files.insert(path.to_path_buf(), (kind, content));
        } else {
            self.files.remove(path);
        }
    }

    /// The workspace inputs: disk files with open buffers in their place, plus open buffers that
    /// are not on disk (new, unsaved files, or files outside the root). Each comes with the URI its
    /// diagnostics are published under.
    pub fn inputs(&self, docs: &Documents) -> Vec<(Input, String)> {
        let by_path: HashMap<&Path, &Document> = docs
            .iter()
            .filter_map(|d| Some((d.path.as_deref()?, d)))
            .collect();
        let mut inputs = Vec::with_capacity(self.files.len());
        for (path, (kind, content)) in &self.files {
            let (content, uri) = match by_path.get(path.as_path()) {
                Some(doc) => (text(&doc.text), doc.uri.clone()),
                None => (content.clone(), path_to_uri(path)),
            };
            inputs.push((self.input(path, *kind, content), uri));
        }
        for doc in docs.iter() {
            let Some(path) = &doc.path else { continue };
            if self.files.contains_key(path) {
                continue;
            }
            let kind = discover::classify_path(path);
            if kind.is_none() && !discover::worth_sniffing(path) {
                continue;
            }
            inputs.push((self.input(path, kind, text(&doc.text)), doc.uri.clone()));
        }
        inputs
    }

    fn input(&self, path: &Path, kind: Option<FileKind>, content: ReadOutcome) -> Input {
        let (display_path, rel_path) = match path.strip_prefix(&self.root) {
            Ok(rel) => {
                let rel = rel.to_string_lossy().replace('\\', "/");
                (rel.clone(), rel)
            }
            Err(_) => (
                path.to_string_lossy().into_owned(),
                path.file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default(),
            ),
        };
        Input {
            display_path,
            rel_path,
            kind,
            content,
        }
    }
}

fn text(text: &str) -> ReadOutcome {
    ReadOutcome::Text {
        text: text.to_string(),
        lossy: false,
    }
}

fn in_skipped_dir(path: &Path) -> bool {
    path.components().any(|c| {
        matches!(
            c.as_os_str().to_str(),
            Some(".git" | "node_modules" | ".terraform")
        )
    })
}

/// The local path of a `file:` URI (percent-decoded); `None` for other schemes.
pub fn uri_to_path(uri: &str) -> Option<PathBuf> {
    let rest = uri.strip_prefix("file://")?;
    // An authority other than empty or `localhost` names another machine.
    let path = if rest.starts_with('/') {
        rest
    } else {
        rest.strip_prefix("localhost")?
    };
    let path = path.split(['?', '#']).next().unwrap_or(path);
    let bytes = percent_decode(path);
    let decoded = String::from_utf8_lossy(&bytes).into_owned();
    // `file:///c:/x` on Windows.
    #[cfg(windows)]
    let decoded = decoded
        .strip_prefix('/')
        .filter(|p| p.as_bytes().get(1) == Some(&b':'))
        .map(str::to_string)
        .unwrap_or(decoded);
    Some(PathBuf::from(decoded))
}

/// A `file:` URI for a local path, percent-encoding what a URI path cannot hold.
pub fn path_to_uri(path: &Path) -> String {
    let text = path.to_string_lossy().replace('\\', "/");
    let mut out = String::from("file://");
    if !text.starts_with('/') {
        out.push('/');
    }
    for byte in text.bytes() {
        let keep = byte.is_ascii_alphanumeric() || b"-._~/!$&'()*+,;=@".contains(&byte);
        if keep {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

fn percent_decode(text: &str) -> Vec<u8> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| char::from(b).to_digit(16);
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            if let (Some(h), Some(l)) = (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                out.push(u8::try_from(h * 16 + l).unwrap_or(b'?'));
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uris_round_trip() {
        let path = PathBuf::from("/tmp/a b/é/.env.staging");
        let uri = path_to_uri(&path);
        assert_eq!(uri, "file:///tmp/a%20b/%C3%A9/.env.staging");
        assert_eq!(uri_to_path(&uri), Some(path));
        assert_eq!(uri_to_path("file:///c%3A/x"), Some(PathBuf::from("/c:/x")));
        assert_eq!(uri_to_path("untitled:Untitled-1"), None);
        assert_eq!(uri_to_path("file:///x%2"), Some(PathBuf::from("/x%2")));
    }

    #[test]
    fn incremental_changes_use_utf16_columns() {
        let mut docs = Documents::default();
        let uri = "file:///w/.env".to_string();
        docs.open(uri.clone(), "A=😀x\nB=2\n".to_string(), 1);
        // Replace `x` (after a surrogate pair: UTF-16 column 4) with `y`.
        docs.change(
            &uri,
            2,
            vec![Change {
                range: Some((0, 4, 0, 5)),
                text: "y".to_string(),
            }],
        );
        assert_eq!(
            docs.get(&uri).map(|d| d.text.as_str()),
            Some("A=😀y\nB=2\n")
        );
    }
}
