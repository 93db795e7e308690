//! Every input a fuzz target ever crashed on, kept under `fuzz/regressions/<target>/`, run through
//! the same checks as the target (the checks are `fuzz/src/lib.rs`, shared with the fuzz crate).

#[path = "../../fuzz/src/lib.rs"]
#[allow(dead_code)]
mod fuzz_checks;

use agentlint::discover::Format;
use agentlint::syntax::{hcl, Syntax};

fn inputs(target: &str) -> Vec<(String, Vec<u8>)> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fuzz/regressions")
        .join(target);
    let mut out: Vec<(String, Vec<u8>)> = std::fs::read_dir(&dir)
        .into_iter()
        .flatten()
        .flatten()
        .map(|entry| {
            let bytes = std::fs::read(entry.path()).unwrap_or_else(|e| panic!("{e}"));
            (entry.file_name().to_string_lossy().into_owned(), bytes)
        })
        .collect();
    out.sort();
    out
}

fn run_parser(target: &str, format: Format) {
    for (name, bytes) in inputs(target) {
        let started = std::time::Instant::now();
        let result = std::panic::catch_unwind(|| {
            fuzz_checks::parse_and_check(format, &bytes);
            if format == Format::Hcl {
                let text = String::from_utf8_lossy(&bytes);
                fuzz_checks::check_spans(&Syntax::Hcl(hcl::parse_tfvars(&text)), &text);
            }
        });
        assert!(result.is_ok(), "{target}/{name} fails");
        let elapsed = started.elapsed();
        assert!(
            elapsed < std::time::Duration::from_secs(10),
            "{target}/{name} took {elapsed:?}"
        );
    }
}

#[test]
fn yaml() {
    run_parser("fuzz_yaml", Format::Yaml);
}

#[test]
fn json() {
    run_parser("fuzz_json", Format::Json);
}

#[test]
fn toml() {
    run_parser("fuzz_toml", Format::Toml);
}

#[test]
fn hcl() {
    run_parser("fuzz_hcl", Format::Hcl);
}

#[test]
fn markdown() {
    run_parser("fuzz_markdown", Format::Markdown);
}

#[test]
fn dotenv() {
    run_parser("fuzz_dotenv", Format::Dotenv);
}

#[test]
fn shell() {
    run_parser("fuzz_shell", Format::Shell);
}

#[test]
fn pipeline() {
    for (name, bytes) in inputs("fuzz_pipeline") {
        let started = std::time::Instant::now();
        let result = std::panic::catch_unwind(|| fuzz_checks::pipeline(&bytes));
        assert!(result.is_ok(), "fuzz_pipeline/{name} fails");
        let elapsed = started.elapsed();
        assert!(
            elapsed < std::time::Duration::from_secs(20),
            "fuzz_pipeline/{name} took {elapsed:?}"
        );
    }
}
