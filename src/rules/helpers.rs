//! Judgements several rules share, so they grade alike.

use crate::diagnostic::{Finding, Severity};
use crate::environments::{Env, EnvInfo};
use crate::model::terraform::Instance;

/// The severity for a finding about a stateful resource: production is an error, an unknown
/// environment a warning (a reusable module may end up anywhere), other environments are skipped.
pub fn stateful_severity(env: Option<&EnvInfo>) -> Option<Severity> {
    match env.map(|e| e.env) {
        Some(Env::Production) => Some(Severity::Error),
        None => Some(Severity::Warning),
        Some(_) => None,
    }
}

/// Runs `check` on every Terraform instance whose environment makes findings about stateful
/// resources count, at the severity [`stateful_severity`] gives, then shows on what it found the
/// module calls that lead to the instance.
pub fn each_stateful_instance<'m, 'w>(
    instances: &[Instance<'m, 'w>],
    findings: &mut Vec<Finding>,
    mut check: impl FnMut(&Instance<'m, 'w>, Severity, &mut Vec<Finding>),
) {
    for instance in instances {
        let Some(severity) = stateful_severity(instance.env.as_ref()) else {
            continue;
        };
        let before = findings.len();
        check(instance, severity, findings);
        instance.show_calls(&mut findings[before..]);
    }
}
