//! Rules of the `destructive-capability` category: what can be destroyed without a human saying yes.

pub mod agent_acts_without_confirmation;
pub mod destructive_command_without_gate;
pub mod destructive_instruction_in_agent_rules;
pub mod mcp_server_with_write_access;
pub mod unpinned_mcp_server;
