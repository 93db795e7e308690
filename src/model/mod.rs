//! The workspace: every file with its syntax, environment and facts, and the indexes that join
//! facts across files.
//!
//! The pipeline builds it ([`crate::pipeline::build`]: read, parse, extract per file, in
//! parallel); rules then read it without further I/O. The editor reuses it with open buffers in
//! place of the disk.

pub mod locks;
pub mod recipes;
pub mod resources;
pub mod terraform;

use crate::diagnostic::FileId;
use crate::environments::EnvInfo;
use crate::facts::FileFacts;
use crate::source::SourceFile;
use crate::syntax::Syntax;

/// Why a file was not parsed, or was parsed with reservations.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FileNote {
    TooLarge(u64),
    Binary,
    Unreadable(String),
    /// Not valid UTF-8: decoded with replacement characters and linted anyway.
    InvalidUtf8,
}

#[derive(Debug)]
pub struct FileModel {
    pub id: FileId,
    pub source: SourceFile,
    /// The path relative to the root it was found under: what globs and path evidence read.
    pub rel_path: String,
    pub syntax: Syntax,
    pub env: Option<EnvInfo>,
    pub facts: FileFacts,
    pub note: Option<FileNote>,
}

#[derive(Debug, Default)]
pub struct Workspace {
    pub files: Vec<FileModel>,
}

impl Workspace {
    /// The workspace of these files, ordered by path and numbered in that order: ids, and with them
    /// the order of findings, do not depend on which thread finished first.
    pub fn from_files(mut files: Vec<FileModel>) -> Self {
        files.sort_by(|a, b| a.source.path.cmp(&b.source.path));
        for (id, file) in files.iter_mut().enumerate() {
            file.id = id;
        }
        Workspace { files }
    }

    pub fn file(&self, id: FileId) -> &FileModel {
        &self.files[id]
    }
}
