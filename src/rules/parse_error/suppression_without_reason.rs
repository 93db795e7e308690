//! AL903, reported by the suppression pass itself (`crate::suppress`), not by a rule's check.

use crate::declare_rule;

declare_rule! {
    /// ## What it does
    /// Reports an `agentlint: ignore[…]` comment that gives no reason. The suppression still
    /// applies; the missing reason is the finding.
    ///
    /// ## Why is this bad?
    /// A suppression is a decision that a risk is accepted. Without a reason the next reader cannot
    /// tell an accepted risk from a silenced alarm.
    ///
    /// ## Example
    /// ```.env.staging
    /// # agentlint: ignore[AL101]
    /// STRIPE_SECRET_KEY=sk_test_51NfQ2RkLp8XwT3vYcB7mZ4hJ9sD6gA1eK0uI5oP2
    /// ```
    ///
    /// ## Use instead
    /// ```.env.staging
    /// # agentlint: ignore[AL101] test-mode key shared with the whole team on purpose
    /// STRIPE_SECRET_KEY=sk_test_51NfQ2RkLp8XwT3vYcB7mZ4hJ9sD6gA1eK0uI5oP2
    /// ```
    pub struct SuppressionWithoutReason {
        id: "AL903",
        name: "suppression-without-reason",
        category: ParseError,
        severity: Warning,
        summary: "an inline suppression gives no reason",
        input: Pipeline,
    }
}
