//! AL904, reported by the suppression pass itself (`crate::suppress`), not by a rule's check.

use crate::declare_rule;

declare_rule! {
    /// ## What it does
    /// Reports an `agentlint: ignore[…]` comment that suppresses nothing: no finding of the named
    /// rules starts on its line or the line below.
    ///
    /// ## Why is this bad?
    /// Stale suppressions hide the next real finding that lands on that line.
    ///
    /// ## Example
    /// ```.env.staging
    /// # agentlint: ignore[AL101] old key, removed
    /// NODE_ENV=staging
    /// ```
    ///
    /// ## Use instead
    /// ```.env.staging
    /// NODE_ENV=staging
    /// ```
    pub struct UnusedSuppression {
        id: "AL904",
        name: "unused-suppression",
        category: ParseError,
        severity: Info,
        summary: "an inline suppression suppresses nothing",
        input: Pipeline,
    }
}
