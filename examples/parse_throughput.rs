//! Per-format parse throughput over the corpus (MB/s), for tuning.
//!
//!     cargo run --release --example parse_throughput [REPEATS]
//!
//! For each file type of MANIFEST.tsv: the bytes, then the median over REPEATS (default 3) of
//! single-threaded CPU time (this thread's, so other load does not count) for `Syntax::parse` alone, and for parse + `facts::extract`.

#[path = "../benches/support/corpus.rs"]
mod corpus;

use std::collections::BTreeMap;
use std::path::Path;
use std::time::Instant;

use agentlint::discover;
use agentlint::facts;
use agentlint::source::SourceFile;
use agentlint::syntax::Syntax;

/// CPU time of this thread in seconds (Linux `/proc/thread-self/schedstat`, nanoseconds), so the
/// figures hold when other processes load the machine; wall time where that file is missing.
fn now() -> f64 {
    static START: std::sync::OnceLock<Instant> = std::sync::OnceLock::new();
    std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()
        .and_then(|s| s.split_whitespace().next()?.parse::<u64>().ok())
        .map_or_else(
            || START.get_or_init(Instant::now).elapsed().as_secs_f64(),
            |ns| ns as f64 / 1e9,
        )
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

fn main() {
    let repeats: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(3);
    let mut by_kind: BTreeMap<String, Vec<(String, discover::FileKind, String)>> = BTreeMap::new();
    let mut unclassified = 0;
    for f in corpus::load() {
        let text = String::from_utf8_lossy(&f.bytes).into_owned();
        let path = Path::new(&f.rel);
        match discover::classify_path(path).or_else(|| discover::classify_content(path, &text)) {
            Some(kind) => by_kind.entry(f.kind).or_default().push((f.rel, kind, text)),
            None => unclassified += 1,
        }
    }
    println!(
        "Single thread, thread CPU time (not wall), median of {repeats}; load average at start: {}\n",
        std::fs::read_to_string("/proc/loadavg").unwrap_or_default().trim()
    );
    println!(
        "| corpus type | files | MB | parse ms | parse MB/s | parse+facts ms | parse+facts MB/s |"
    );
    println!("|---|---|---|---|---|---|---|");
    let (mut all_b, mut all_p, mut all_pf) = (0usize, 0f64, 0f64);
    for (kind, files) in &by_kind {
        let bytes: usize = files.iter().map(|(_, _, t)| t.len()).sum();
        // The CPU clock advances in scheduler ticks (ms): repeat small kinds to ~0.1 s a sample.
        let calibrate = Instant::now();
        for (_, k, text) in files {
            std::hint::black_box(Syntax::parse(k.format(), text));
        }
        let reps = (0.1 / calibrate.elapsed().as_secs_f64().max(1e-6))
            .ceil()
            .clamp(1.0, 10_000.0) as usize;
        let parse = median(
            (0..repeats)
                .map(|_| {
                    let t = now();
                    for _ in 0..reps {
                        for (_, k, text) in files {
                            std::hint::black_box(Syntax::parse(k.format(), text));
                        }
                    }
                    (now() - t) / reps as f64
                })
                .collect(),
        );
        let both = median(
            (0..repeats)
                .map(|_| {
                    let t = now();
                    for _ in 0..reps {
                        for (rel, k, text) in files {
                            let syntax = Syntax::parse(k.format(), text);
                            let source = SourceFile::new(rel.clone(), text.clone(), *k);
                            std::hint::black_box(facts::extract(&source, &syntax, None));
                        }
                    }
                    (now() - t) / reps as f64
                })
                .collect(),
        );
        all_b += bytes;
        all_p += parse;
        all_pf += both;
        let mb = bytes as f64 / 1e6;
        println!(
            "| {kind} | {} | {mb:.3} | {:.2} | {:.1} | {:.2} | {:.1} |",
            files.len(),
            parse * 1e3,
            mb / parse,
            both * 1e3,
            mb / both
        );
    }
    // The slowest files to parse (one timed pass each).
    let mut slow: Vec<(f64, &str, usize)> = by_kind
        .values()
        .flatten()
        .map(|(rel, k, text)| {
            let t = now();
            std::hint::black_box(Syntax::parse(k.format(), text));
            (now() - t, rel.as_str(), text.len())
        })
        .collect();
    slow.sort_by(|a, b| b.0.total_cmp(&a.0));
    let mb = all_b as f64 / 1e6;
    println!(
        "| **all** | {} | {mb:.2} | {:.1} | {:.1} | {:.1} | {:.1} |",
        by_kind.values().map(Vec::len).sum::<usize>(),
        all_p * 1e3,
        mb / all_p,
        all_pf * 1e3,
        mb / all_pf
    );
    println!("\nSlowest files to parse:\n\n| file | KB | parse ms | MB/s |\n|---|---|---|---|");
    for (t, rel, len) in slow.iter().take(12) {
        println!(
            "| {rel} | {:.1} | {:.1} | {:.2} |",
            *len as f64 / 1e3,
            t * 1e3,
            *len as f64 / 1e6 / t
        );
    }
    if unclassified > 0 {
        println!("\n{unclassified} manifest files not classified by agentlint (skipped).");
    }
}
