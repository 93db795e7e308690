//! A regular expression compiled on first use: every static regex of the crate is one.
//!
//! Compiling is the expensive part of a regex: the secret shapes and context patterns cost about
//! 20 ms together, which is most of a run over a small repository (terragoat's 47 files). Most
//! runs need a handful of them, so each one is compiled only when a keyword hit first asks for it.
//! A pattern that does not compile behaves as one that never matches; a unit test for every
//! user makes sure none is invalid, so that path is only a guard against a panic.

use std::sync::OnceLock;

use regex::{CaptureMatches, Captures, Regex};

pub struct LazyRegex {
    pattern: &'static str,
    compiled: OnceLock<Option<Regex>>,
}

impl LazyRegex {
    pub const fn new(pattern: &'static str) -> Self {
        Self {
            pattern,
            compiled: OnceLock::new(),
        }
    }

    /// The compiled regex, compiling it now if this is the first use.
    pub fn get(&self) -> Option<&Regex> {
        self.compiled
            .get_or_init(|| Regex::new(self.pattern).ok())
            .as_ref()
    }

    pub fn is_match(&self, haystack: &str) -> bool {
        self.get().is_some_and(|re| re.is_match(haystack))
    }

    pub fn captures<'h>(&self, haystack: &'h str) -> Option<Captures<'h>> {
        self.get()?.captures(haystack)
    }

    pub fn captures_iter<'r, 'h>(
        &'r self,
        haystack: &'h str,
    ) -> std::iter::Flatten<std::option::IntoIter<CaptureMatches<'r, 'h>>> {
        self.get()
            .map(|re| re.captures_iter(haystack))
            .into_iter()
            .flatten()
    }

    /// Whether the pattern compiles (for tests).
    #[cfg(test)]
    pub fn compiles(&self) -> bool {
        self.get().is_some()
    }
}

#[cfg(test)]
mod tests {
    use super::LazyRegex;

    #[test]
    fn compiles_on_first_use_and_an_invalid_pattern_never_matches() {
        static GOOD: LazyRegex = LazyRegex::new(r"a+b");
        static BAD: LazyRegex = LazyRegex::new(r"a(");
        assert!(GOOD.is_match("xaab"));
        assert_eq!(GOOD.captures_iter("ab aab").count(), 2);
        assert!(GOOD.compiles());
        assert!(!BAD.compiles());
        assert!(!BAD.is_match("a("));
        assert!(BAD.captures("a(").is_none());
        assert_eq!(BAD.captures_iter("a(").count(), 0);
    }
}
