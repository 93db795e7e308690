//! Rules of the `destructive-capability` category: what can be destroyed without a human saying yes.

pub mod agent_autonomy;
pub mod commands;
pub mod destructive_instruction;
pub mod mcp_write_access;
pub mod ungated_destructive_command;
pub mod unpinned_mcp_server;
