//! Rules of the `cross-environment-credential` category: what staging holds that reaches production.

pub mod agent_production_reach;
pub mod ci_shared_secret;
pub mod production_reach;
pub mod shared_credential;
pub mod terraform_shared_access;
