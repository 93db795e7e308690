//! agentlint: a static linter for the permission perimeter of coding agents.
//!
//! The flow, one module per step, each importing only the steps before it (a test holds the
//! layers: `tests/suite/architecture.rs`): [`discover`] finds and classifies files; [`syntax`]
//! parses each format into trees with byte spans; [`secrets`] and [`facts`] draw credentials,
//! references, jobs, commands and endpoints from each file, with the knowledge tables every rule
//! consults; [`model`] joins them into a workspace with environments and Terraform resolution;
//! [`rules`] report [`diagnostic::Finding`]s; `suppress`, [`config`] and `baseline` shape the
//! result; [`pipeline`] runs all of it; [`render`], `inventory` and `lsp` present it; [`guard`]
//! answers agents' tool calls from the same model; [`cli`] is the command line. `environments` and the small utilities are leaves every step may use.

// Leaves.
pub(crate) mod environments;
pub(crate) mod lazy_regex;
pub(crate) mod safe_write;
pub(crate) mod timings;

// The flow.
pub mod discover;
pub mod source;
pub mod syntax;

pub mod diagnostic;

pub mod facts;
pub mod secrets;

pub mod model;

pub mod rules;

pub(crate) mod baseline;
pub mod config;
pub mod fix;
pub(crate) mod suppress;
/// The reason the editor's quick fix writes until the user writes one (it counts as none).
pub use suppress::REASON_PLACEHOLDER;

pub mod pipeline;

pub(crate) mod inventory;
pub(crate) mod lsp;
pub mod render;

pub mod guard;

pub mod cli;
