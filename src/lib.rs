//! agentlint: a static linter for the permission perimeter of coding agents.
//!
//! The flow, one module per step: [`discover`] finds and classifies files; [`syntax`] parses each
//! format into trees with byte spans; [`facts`] draws credentials, references, jobs, commands and
//! endpoints from each file; [`model`] joins them into a workspace with environments and Terraform
//! resolution; [`rules`] report [`diagnostic::Finding`]s; [`suppress`], [`config`] and [`baseline`]
//! shape the result; [`render`] prints it.

pub mod baseline;

pub mod cli;
pub mod config;
pub mod diagnostic;
pub mod discover;
pub mod environments;
pub mod facts;
pub mod inventory;
pub mod lazy_regex;
pub mod lsp;
pub mod model;
pub mod pipeline;
pub mod render;
pub mod rules;
pub mod safe_write;
pub mod secrets;
pub mod source;
pub mod suppress;
pub mod syntax;
pub mod timings;
