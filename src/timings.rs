//! Phase timings on stderr when `AGENTLINT_TIMINGS` is set: where one run spends its wall time
//! (walk, read and parse, rules with the Terraform model, render), the slowest files and the
//! slowest rules. For tuning, not for users; off by default and free when off (one check of a
//! flag read once).

use std::sync::{LazyLock, Mutex};
use std::time::Instant;

struct Clock {
    start: Instant,
    last: Instant,
}

static ENABLED: LazyLock<bool> = LazyLock::new(|| std::env::var_os("AGENTLINT_TIMINGS").is_some());
static CLOCK: LazyLock<Mutex<Clock>> = LazyLock::new(|| {
    let now = Instant::now();
    Mutex::new(Clock {
        start: now,
        last: now,
    })
});

/// Starts the clock (the first call) or reports the phase that just ended.
pub fn phase(name: &str) {
    if !*ENABLED {
        return;
    }
    let Ok(mut clock) = CLOCK.lock() else {
        return;
    };
    let now = Instant::now();
    eprintln!(
        "agentlint timings: {name:<10} {:>8.2} ms (total {:>8.2} ms)",
        (now - clock.last).as_secs_f64() * 1e3,
        (now - clock.start).as_secs_f64() * 1e3
    );
    clock.last = now;
}

/// Items (files, rules) timed since the last report.
static ITEMS: Mutex<Vec<(f64, String)>> = Mutex::new(Vec::new());

/// Whether timings are on (to skip taking per-item times when they are off).
pub fn enabled() -> bool {
    *ENABLED
}

/// Records how long one item took (a file's read, parse and facts; a rule's check).
pub fn item(name: &str, started: Instant) {
    if !*ENABLED {
        return;
    }
    let ms = started.elapsed().as_secs_f64() * 1e3;
    if let Ok(mut list) = ITEMS.lock() {
        list.push((ms, name.to_string()));
    }
}

/// Prints the items that took longest and the sum over all of them, then forgets them.
pub fn slowest_items(count: usize) {
    if !*ENABLED {
        return;
    }
    let Ok(mut list) = ITEMS.lock() else {
        return;
    };
    let total: f64 = list.iter().map(|(ms, _)| ms).sum();
    eprintln!(
        "agentlint timings: {} items, {total:.2} ms summed over threads",
        list.len()
    );
    list.sort_by(|a, b| b.0.total_cmp(&a.0));
    for (ms, name) in list.iter().take(count) {
        eprintln!("agentlint timings:   {ms:>8.2} ms {name}");
    }
    list.clear();
}
