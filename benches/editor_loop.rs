//! The editor loop (issue 10, deliverable 4): with a 5,000-file workspace open, how long from a
//! one-line edit to the diagnostics of the whole workspace?
//!
//!     cargo bench --bench editor_loop          # AGENTLINT_CORPUS=… if the corpus is elsewhere
//!
//! The 5,000 files are taken from the corpus (every ~1.3th file of MANIFEST.tsv, so every kind is
//! present) and held in memory, as an editor's open buffers would be. The workspace is built once;
//! each measured iteration then changes one line of one Terraform file and
//!
//! - `full_rebuild_then_lint`: what the library API allows today: clone the 5,000 buffers,
//!   `pipeline::build::from_inputs` over all of them, then `pipeline::lint` (the figure to hold under 50 ms);
//! - `lint_only`: `pipeline::lint` over the already-built 5,000-file workspace (the part an
//!   incremental rebuild would still pay if the rules stay whole-workspace);
//! - `build_edited_file_only`: `pipeline::build::from_inputs` over the edited file alone (the per-file
//!   part of an incremental rebuild).

#[path = "support/corpus.rs"]
mod corpus;

use std::sync::OnceLock;

use agentlint::config::Config;
use agentlint::discover::{self, ReadOutcome};
use agentlint::model::Workspace;
use agentlint::pipeline::build::Input;
use agentlint::pipeline::{self, Overrides};

/// The allocator of the `agentlint` binary (and so of `agentlint lsp`), so the figures are the
/// editor's.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

const FILES: usize = 5_000;

struct Buffers {
    /// (path, text) of the open files.
    files: Vec<(String, String)>,
    /// Index of the file the user edits.
    edited: usize,
}

fn buffers() -> &'static Buffers {
    static B: OnceLock<Buffers> = OnceLock::new();
    B.get_or_init(|| {
        let all = corpus::load();
        assert!(all.len() >= FILES, "corpus too small");
        let files: Vec<(String, String)> = (0..FILES)
            .map(|i| &all[i * all.len() / FILES])
            .map(|f| {
                (
                    f.rel.clone(),
                    String::from_utf8_lossy(&f.bytes).into_owned(),
                )
            })
            .collect();
        let edited = (0..FILES)
            .find(|&i| files[i].0.ends_with(".tf") && files[i].1.lines().count() > 20)
            .unwrap_or(0);
        let bytes: usize = files.iter().map(|(_, t)| t.len()).sum();
        eprintln!(
            "editor loop: {FILES} files, {:.1} MB in memory; edited file: {}",
            bytes as f64 / 1e6,
            files[edited].0
        );
        Buffers { files, edited }
    })
}

fn input(path: &str, text: String) -> Input {
    Input {
        display_path: path.to_string(),
        rel_path: path.to_string(),
        kind: discover::classify_path(std::path::Path::new(path)),
        content: ReadOutcome::Text { text, lossy: false },
    }
}

/// The edited file's text after the `n`th one-line edit (a comment inserted after line 10).
fn edited_text(text: &str, n: usize) -> String {
    let cut = text
        .match_indices('\n')
        .nth(9)
        .map_or(text.len(), |(i, _)| i + 1);
    format!("{}# edit {n}\n{}", &text[..cut], &text[cut..])
}

fn inputs_after_edit(b: &Buffers, n: usize) -> Vec<Input> {
    b.files
        .iter()
        .enumerate()
        .map(|(i, (path, text))| {
            let text = if i == b.edited {
                edited_text(text, n)
            } else {
                text.clone()
            };
            input(path, text)
        })
        .collect()
}

fn open_workspace() -> &'static Workspace {
    static W: OnceLock<Workspace> = OnceLock::new();
    W.get_or_init(|| {
        pipeline::build::from_inputs(
            inputs_after_edit(buffers(), 0),
            &Config::default().environments,
        )
    })
}

fn main() {
    buffers();
    open_workspace();
    divan::main();
}

#[divan::bench(sample_count = 15, sample_size = 1)]
fn full_rebuild_then_lint(bencher: divan::Bencher) {
    let b = buffers();
    let config = Config::default();
    let overrides = Overrides::default();
    let mut n = 0;
    bencher.bench_local(|| {
        n += 1;
        let ws = pipeline::build::from_inputs(inputs_after_edit(b, n), &config.environments);
        let findings = pipeline::lint(&ws, &config, &overrides);
        divan::black_box((ws, findings))
    });
}

#[divan::bench(sample_count = 15, sample_size = 1)]
fn lint_only(bencher: divan::Bencher) {
    let ws = open_workspace();
    let config = Config::default();
    let overrides = Overrides::default();
    bencher.bench_local(|| pipeline::lint(ws, &config, &overrides));
}

#[divan::bench(sample_count = 50, sample_size = 1)]
fn build_edited_file_only(bencher: divan::Bencher) {
    let b = buffers();
    let (path, text) = &b.files[b.edited];
    let config = Config::default();
    let mut n = 0;
    bencher.bench_local(|| {
        n += 1;
        pipeline::build::from_inputs(
            vec![input(path, edited_text(text, n))],
            &config.environments,
        )
    });
}

/// What `agentlint lsp` does after a keystroke: re-parse the edited file into the open workspace
/// (`pipeline::build::upsert`), then run every rule over the updated model. This is the editor-loop
/// figure of the target.
#[divan::bench(sample_count = 30, sample_size = 1)]
fn upsert_edited_file_then_lint(bencher: divan::Bencher) {
    let b = buffers();
    let config = Config::default();
    let overrides = Overrides::default();
    let mut ws = pipeline::build::from_inputs(inputs_after_edit(b, 0), &config.environments);
    let (path, text) = &b.files[b.edited];
    let mut n = 0;
    bencher.bench_local(|| {
        n += 1;
        pipeline::build::upsert(
            &mut ws,
            input(path, edited_text(text, n)),
            &config.environments,
        );
        let findings = pipeline::lint(&ws, &config, &overrides);
        divan::black_box(findings.len())
    });
}
