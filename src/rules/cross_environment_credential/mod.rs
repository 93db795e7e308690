//! Rules of the `cross-environment-credential` category: what staging holds that reaches production.

pub mod agent_has_production_reach;
pub mod ci_secret_shared_across_environments;
pub mod production_reach_from_non_production;
pub mod shared_credential_across_environments;
pub mod terraform_environments_share_access;
