//! Rules of the `cross-environment-credential` category: what staging holds that reaches production.

pub mod production_reach;
pub mod shared_credential;
