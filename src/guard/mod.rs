//! `agentlint guard`: the perimeter's knowledge at the moment of action. An agent's pre-tool hook
//! hands the guard one tool call on standard input; the guard recognises the agent's protocol
//! ([`protocol`]), reads the repository's perimeter from its cache ([`perimeter`]), decides
//! ([`decide`]) and answers in that agent's own format and exit code. [`install`] merges the hook
//! into each agent's settings.
//!
//! It fails closed: a payload it cannot read is blocked, and its own failure or a decision that
//! takes too long is answered "ask" — never "allow". It never touches the network and never
//! prints a secret (the perimeter holds names, kinds and paths, not values).

pub mod decide;
pub mod install;
pub mod perimeter;
pub mod protocol;

use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::Duration;

use protocol::{Call, Decision, Reply, Unreadable, Verdict};

/// The largest payload read; a bigger one is refused (blocked), not truncated.
pub const MAX_PAYLOAD: usize = 4 << 20;

/// How long a decision may take before the guard answers "ask" (a cold perimeter of a very large
/// repository); agents allow hooks 30 s or more.
const DEADLINE: Duration = Duration::from_secs(20);

/// Read one payload from `input` and answer it. `cwd` is the process's directory, used when the
/// payload names none.
pub fn run(input: &mut impl Read, cwd: &Path) -> Reply {
    let mut bytes = Vec::new();
    let limit = (MAX_PAYLOAD + 1) as u64;
    if let Err(e) = input.take(limit).read_to_end(&mut bytes) {
        return protocol::unreadable(&Unreadable(format!("standard input: {e}")));
    }
    if bytes.len() > MAX_PAYLOAD {
        return protocol::unreadable(&Unreadable(format!(
            "the payload is larger than {} MiB",
            MAX_PAYLOAD >> 20
        )));
    }
    let value: serde_json::Value = match serde_json::from_slice(&bytes) {
        Ok(v) => v,
        Err(e) => return protocol::unreadable(&Unreadable(format!("not JSON: {e}"))),
    };
    let call = match protocol::read(&value) {
        Ok(call) => call,
        Err(why) => return protocol::unreadable(&why),
    };
    answer(call, cwd.to_path_buf())
}

/// Decide on a thread: a panic or an overrun is answered "ask" in the call's own protocol.
fn answer(call: Call, cwd: PathBuf) -> Reply {
    let protocol = call.protocol;
    let read_file = matches!(call.action, protocol::Action::Read { .. });
    let (send, receive) = mpsc::channel();
    let worker = std::thread::Builder::new()
        .name("agentlint-guard".into())
        .spawn(move || {
            let verdict = std::panic::catch_unwind(|| verdict(&call, &cwd));
            let _ = send.send(verdict);
        });
    let verdict = match worker {
        Ok(_) => match receive.recv_timeout(DEADLINE) {
            Ok(Ok(verdict)) => verdict,
            Ok(Err(_)) => fail_closed("the guard failed while deciding"),
            Err(_) => fail_closed("the guard could not decide in time"),
        },
        Err(_) => fail_closed("the guard could not start"),
    };
    protocol::answer(protocol, &verdict, read_file)
}

fn fail_closed(why: &str) -> Verdict {
    Verdict {
        decision: Decision::Ask,
        reason: format!("{why}; a human should confirm this call"),
        approve: false,
    }
}

/// The decision for a call: the project is found from the call's working directory (or the
/// process's), its configuration and perimeter loaded.
pub fn verdict(call: &Call, cwd: &Path) -> Verdict {
    let start = call
        .cwd
        .as_ref()
        .map_or_else(|| cwd.to_path_buf(), PathBuf::from);
    let config = crate::config::discover(None, std::slice::from_ref(&start)).unwrap_or_default();
    let root = config.root.clone().unwrap_or_else(|| start.clone());
    let perimeter = match (&call.action, &config.root) {
        // Other tools are not judged: no perimeter is read for them.
        (protocol::Action::Other { paths, .. }, _) if paths.is_empty() => {
            perimeter::Perimeter::default()
        }
        // Outside any project (no repository, no `agentlint.toml`: a home directory, `/tmp`),
        // the command alone decides: walking the whole directory would take too long.
        (_, None) => perimeter::Perimeter::default(),
        _ => perimeter::load_or_build(&root, &config),
    };
    decide::decide(
        call,
        &perimeter,
        &root,
        &config.guard_for(call.protocol.key()),
    )
}
