//! The integration tests, as one crate: one link of the library instead of one per file, which
//! was most of the test build on two cores. Each module is one concern; `common` holds helpers.
//!
//! Run one concern with a filter: `cargo test --test suite rules::`.

mod adding_a_rule;
mod architecture;
mod catalogue;
mod cli;
mod cli_habits;
mod commands;
// Helpers: each module uses some of them.
#[allow(dead_code)]
mod common;
mod config;
mod corpus_review;
mod docs;
mod fixes;
mod fuzz_regressions;
mod guard;
mod hostile;
mod hostile_repo;
mod instructions;
mod inventory;
mod lsp;
mod neovim;
mod precommit;
mod properties;
mod rules;
mod sarif;
mod secrets_recall;
mod suppression;
mod terraform_labels;
