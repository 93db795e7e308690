//! How long one tree-sitter parse may run before it is cancelled and reported.
//!
//! Ordinary files parse in milliseconds; the budget only stops pathological input. It grows with
//! the file (tree-sitter-hcl runs at a few MB/s) and is eight times larger in debug builds, which
//! are that much slower, so tests on a loaded machine do not cut off legitimate parses.

use std::time::Duration;

const BASE: Duration = Duration::from_secs(2);
const PER_MIB: Duration = Duration::from_secs(1);

pub fn parse_budget(text_len: usize) -> Duration {
    let mib = u32::try_from(text_len / (1024 * 1024)).unwrap_or(u32::MAX);
    let budget = BASE.saturating_add(PER_MIB.saturating_mul(mib));
    if cfg!(debug_assertions) {
        budget.saturating_mul(8)
    } else {
        budget
    }
}
