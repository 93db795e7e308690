//! Differential check and benchmark of the two HCL parse paths: every `terraform` file listed in a
//! corpus manifest is parsed with tree-sitter and with the `hcl-edit` fast path, the trees are
//! compared, and CPU-bound timings of both are printed.
//!
//! Usage: `cargo run --release --example hcl_diff -- [CORPUS_DIR] [--time-only | --only-tree-sitter | --only-parse]`
//! (default `/work/shared/corpus`, which holds `MANIFEST.tsv` and `repos/`).

use std::time::Instant;

use agentlint::syntax::hcl::{parse_fast, parse_tree_sitter};
use agentlint::syntax::tree::{HclBody, HclExpr, HclExprKind, HclFile, TemplatePart};

/// tree-sitter-hcl nests `a ? b : c ? d : e` as `(a ? b : c) ? d : e`; HCL (and `hcl-edit`) read
/// it as `a ? b : (c ? d : e)`. Rewrites the tree-sitter shape into the correct one, so a
/// difference that only comes from this quirk can be told apart.
fn reassociate(file: &mut HclFile) {
    fn body(b: &mut HclBody) {
        b.attributes.iter_mut().for_each(|a| expr(&mut a.expr));
        b.blocks.iter_mut().for_each(|blk| body(&mut blk.body));
    }
    fn expr(e: &mut HclExpr) {
        match &mut e.kind {
            HclExprKind::Conditional {
                condition,
                then,
                otherwise,
            } => {
                while let HclExprKind::Conditional { .. } = condition.kind {
                    let inner = std::mem::replace(&mut condition.kind, HclExprKind::Other);
                    let HclExprKind::Conditional {
                        condition: c1,
                        then: t1,
                        otherwise: e1,
                    } = inner
                    else {
                        break;
                    };
                    let span =
                        agentlint::syntax::tree::Span::new(e1.span.start, otherwise.span.end);
                    let old_then = std::mem::replace(then, t1);
                    let old_otherwise = std::mem::replace(
                        otherwise,
                        Box::new(HclExpr {
                            span,
                            kind: HclExprKind::Other,
                        }),
                    );
                    otherwise.kind = HclExprKind::Conditional {
                        condition: e1,
                        then: old_then,
                        otherwise: old_otherwise,
                    };
                    *condition = c1;
                }
                expr(condition);
                expr(then);
                expr(otherwise);
            }
            HclExprKind::Template(parts) => {
                for p in parts {
                    if let TemplatePart::Interpolation(i) = p {
                        expr(i);
                    }
                }
            }
            HclExprKind::Tuple(items) => items.iter_mut().for_each(expr),
            HclExprKind::Object(items) => items.iter_mut().for_each(|i| expr(&mut i.value)),
            HclExprKind::Call { args, .. } => args.iter_mut().for_each(expr),
            _ => {}
        }
    }
    body(&mut file.body);
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let time_only = args.iter().any(|a| a == "--time-only");
    let root = args
        .iter()
        .find(|a| !a.starts_with("--"))
        .cloned()
        .unwrap_or_else(|| "/work/shared/corpus".to_string());
    let Ok(manifest) = std::fs::read_to_string(format!("{root}/MANIFEST.tsv")) else {
        eprintln!("cannot read {root}/MANIFEST.tsv");
        std::process::exit(2);
    };
    let mut files = Vec::new();
    for line in manifest.lines() {
        let mut cols = line.split('\t');
        if cols.next() != Some("terraform") {
            continue;
        }
        let Some(path) = cols.next() else { continue };
        let full = format!("{root}/repos/{path}");
        if let Ok(text) = std::fs::read_to_string(&full) {
            files.push((path.to_string(), text));
        }
    }
    let bytes: usize = files.iter().map(|(_, t)| t.len()).sum();
    // `--only-tree-sitter` / `--only-parse`: run one path alone, for `/usr/bin/time` (CPU time is
    // the fair measure on a loaded machine; the in-process timings below are wall time).
    if args.iter().any(|a| a == "--only-tree-sitter") {
        let n: usize = files
            .iter()
            .map(|(_, t)| parse_tree_sitter(t).body.blocks.len())
            .sum();
        println!("{} files, {bytes} bytes, {n} top-level blocks", files.len());
        return;
    }
    if args.iter().any(|a| a == "--only-parse") {
        let n: usize = files
            .iter()
            .map(|(_, t)| agentlint::syntax::hcl::parse(t).body.blocks.len())
            .sum();
        println!("{} files, {bytes} bytes, {n} top-level blocks", files.len());
        return;
    }
    let mb = bytes as f64 / 1e6;

    let start = Instant::now();
    let old: Vec<_> = files.iter().map(|(_, t)| parse_tree_sitter(t)).collect();
    let t_old = start.elapsed().as_secs_f64();
    let start = Instant::now();
    let _new: Vec<_> = files
        .iter()
        .map(|(_, t)| agentlint::syntax::hcl::parse(t))
        .collect();
    let t_new = start.elapsed().as_secs_f64();
    let start = Instant::now();
    let fast: Vec<_> = files.iter().map(|(_, t)| parse_fast(t)).collect();
    let t_fast = start.elapsed().as_secs_f64();
    println!(
        "{} files, {:.2} MB: tree-sitter {:.3} s ({:.1} MB/s); parse (fast + fallback) {:.3} s ({:.1} MB/s); fast path alone {:.3} s",
        files.len(),
        mb,
        t_old,
        mb / t_old,
        t_new,
        mb / t_new,
        t_fast
    );
    if time_only {
        return;
    }
    let mut fallback = 0;
    let mut differ = 0;
    let mut assoc = 0;
    for (((path, text), old), fast) in files.iter().zip(&old).zip(&fast) {
        let Some(fast) = fast else {
            fallback += 1;
            println!("FALLBACK {path} (tree-sitter issues: {})", old.issues.len());
            continue;
        };
        if fast == old {
            continue;
        }
        let mut fixed = old.clone();
        reassociate(&mut fixed);
        if *fast == fixed {
            assoc += 1;
            println!("ASSOC {path}: differs only by tree-sitter's left-associative `?:` chains");
            continue;
        }
        differ += 1;
        let a = format!("{old:#?}");
        let b = format!("{fast:#?}");
        let at = a
            .bytes()
            .zip(b.bytes())
            .position(|(x, y)| x != y)
            .unwrap_or(a.len().min(b.len()));
        let line = a[..at].matches('\n').count();
        let ctx = |s: &str| -> String {
            s.lines()
                .skip(line.saturating_sub(6))
                .take(10)
                .collect::<Vec<_>>()
                .join("\n")
        };
        println!(
            "DIFF {path} ({} bytes; tree-sitter issues: {:?})\n--- tree-sitter\n{}\n--- fast\n{}\n",
            text.len(),
            old.issues.first(),
            ctx(&a),
            ctx(&b)
        );
    }
    println!(
        "compared {} files: {} identical, {} differ only by `?:` associativity, {} differ otherwise, {} fell back to tree-sitter",
        files.len(),
        files.len() - differ - fallback - assoc,
        assoc,
        differ,
        fallback
    );
}
