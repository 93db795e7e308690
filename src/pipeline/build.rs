//! Building the workspace: read, classify, parse and extract facts for every file, in parallel.
//! One file's work is independent of every other's, so this is the parallel part of a run; the
//! editor calls [`upsert`] to redo it for the one buffer that changed.

use rayon::prelude::*;

use crate::diagnostic::FileId;
use crate::discover::{self, Candidate, FileKind, ReadOutcome};
use crate::environments::EnvironmentGlobs;
use crate::facts::{self, FileFacts};
use crate::model::{FileModel, FileNote, Workspace};
use crate::source::SourceFile;
use crate::syntax::Syntax;

/// A file to put in the workspace: where it is and what it holds.
pub struct Input {
    pub display_path: String,
    pub rel_path: String,
    pub kind: Option<FileKind>,
    pub content: ReadOutcome,
}

/// Read, classify, parse and extract facts for every candidate, in parallel.
pub fn from_candidates(
    candidates: Vec<(Candidate, String, String)>,
    globs: &EnvironmentGlobs,
) -> Workspace {
    // Read and parse in one pass: a file is parsed by the thread that read it, while it is
    // still in cache, and no thread waits at a barrier between reading and parsing.
    let inputs = candidates
        .into_par_iter()
        .map(|(candidate, display_path, rel_path)| Input {
            content: discover::read_candidate(&candidate.path),
            kind: candidate.kind,
            display_path,
            rel_path,
        });
    from_input_iter(inputs, globs)
}

/// Build from contents already in memory (tests, the editor's open buffers).
pub fn from_inputs(inputs: Vec<Input>, globs: &EnvironmentGlobs) -> Workspace {
    from_input_iter(inputs.into_par_iter(), globs)
}

fn from_input_iter(
    inputs: impl ParallelIterator<Item = Input>,
    globs: &EnvironmentGlobs,
) -> Workspace {
    let files: Vec<FileModel> = inputs
        .filter_map(|input| {
            if crate::timings::enabled() {
                let started = std::time::Instant::now();
                let path = input.display_path.clone();
                let model = build_file(input, globs);
                crate::timings::item(&path, started);
                model
            } else {
                build_file(input, globs)
            }
        })
        .collect();
    let workspace = Workspace::from_files(files);
    crate::timings::phase("parse");
    crate::timings::slowest_items(12);
    workspace
}

/// Replace one file's content, or add the file, re-parsing only that file: what an editor
/// needs after a keystroke. An existing file keeps its id; a new one is appended. Returns the
/// id, or `None` when the content is not a file agentlint reads.
pub fn upsert(workspace: &mut Workspace, input: Input, globs: &EnvironmentGlobs) -> Option<FileId> {
    let existing = workspace
        .files
        .iter()
        .position(|f| f.source.path == input.display_path);
    let mut model = build_file(input, globs)?;
    match existing {
        Some(id) => {
            model.id = id;
            workspace.files[id] = model;
            Some(id)
        }
        None => {
            let id = workspace.files.len();
            model.id = id;
            workspace.files.push(model);
            Some(id)
        }
    }
}

fn build_file(input: Input, globs: &EnvironmentGlobs) -> Option<FileModel> {
    let path = std::path::Path::new(&input.rel_path);
    let (text, note) = match input.content {
        ReadOutcome::Text { text, lossy } => (text, lossy.then_some(FileNote::InvalidUtf8)),
        // Files known only by content are dropped when the content cannot be read.
        ReadOutcome::TooLarge(size) => (String::new(), Some(FileNote::TooLarge(size))),
        ReadOutcome::Binary => (String::new(), Some(FileNote::Binary)),
        ReadOutcome::Failed(reason) => (String::new(), Some(FileNote::Unreadable(reason))),
    };
    let kind = match input.kind {
        Some(kind) => kind,
        None if text.is_empty() => return None,
        // A JSON or YAML file that is none of ours is still text an agent reads; in an agent's
        // folder it is reported as unread instead (the summary's note).
        None => discover::classify_content(path, &text).or_else(|| {
            (discover::worth_sniffing(path)
                && !discover::in_agent_folder(path)
                && !discover::in_generated_dir(path))
            .then_some(FileKind::TextFile)
        })?,
    };
    let parsed = matches!(note, None | Some(FileNote::InvalidUtf8));
    let syntax = if parsed {
        Syntax::parse(kind.format_at(&input.rel_path), &text)
    } else {
        Syntax::None
    };
    let env = globs.resolve(&input.rel_path);
    let source = SourceFile::new(input.display_path, text, kind);
    let facts = if parsed {
        facts::extract(&source, &syntax, env.as_ref())
    } else {
        FileFacts::default()
    };
    Some(FileModel {
        id: 0,
        source,
        rel_path: input.rel_path,
        syntax,
        env,
        facts,
        note,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input(path: &str, text: &str) -> Input {
        Input {
            display_path: path.to_string(),
            rel_path: path.to_string(),
            kind: discover::classify_path(std::path::Path::new(path)),
            content: ReadOutcome::Text {
                text: text.to_string(),
                lossy: false,
            },
        }
    }

    #[test]
    fn upsert_reparses_one_file_and_keeps_its_id() {
        let config = EnvironmentGlobs::default();
        let mut ws = from_inputs(
            vec![
                input(".env.staging", "A=1\n"),
                input(".env.production", "A=2\n"),
            ],
            &config,
        );
        let id = ws
            .files
            .iter()
            .position(|f| f.source.path == ".env.staging");
        let updated = upsert(&mut ws, input(".env.staging", "B=2\n"), &config);
        assert_eq!(updated, id);
        assert_eq!(ws.files.len(), 2);
        let file = updated.map(|id| ws.file(id));
        assert!(file.is_some_and(|f| f.source.text == "B=2\n"));
        assert_eq!(
            upsert(&mut ws, input("CLAUDE.md", "# x\n"), &config),
            Some(2)
        );
        assert_eq!(upsert(&mut ws, input("logo.png", "x"), &config), None);
    }
}
