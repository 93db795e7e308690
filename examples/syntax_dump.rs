//! Prints every corpus file's parse tree (`Debug`), one file after another, so a parser change can
//! be checked for identical output: dump before, dump after, `cmp` the two.
//!
//!     cargo run --release --example syntax_dump -- [yaml|json|hcl|...] > before.txt
//!
//! The optional argument keeps only files of that format (`Format` as `Debug`, lower-case). The
//! corpus is `$AGENTLINT_CORPUS`, else `../shared/corpus`.

use std::io::Write;
use std::path::Path;

use agentlint::discover;
use agentlint::syntax::Syntax;

#[path = "../benches/support/corpus.rs"]
mod corpus;

fn main() {
    let only = std::env::args().nth(1).map(|s| s.to_lowercase());
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    for f in corpus::load() {
        let text = String::from_utf8_lossy(&f.bytes).into_owned();
        let path = Path::new(&f.rel);
        let Some(kind) =
            discover::classify_path(path).or_else(|| discover::classify_content(path, &text))
        else {
            continue;
        };
        let format = kind.format();
        if only
            .as_deref()
            .is_some_and(|o| format!("{format:?}").to_lowercase() != o)
        {
            continue;
        }
        let _ = writeln!(out, "== {} ({format:?})", f.rel);
        let _ = writeln!(out, "{:?}", Syntax::parse(format, &text));
    }
}
