#![no_main]

use agentlint::discover::Format;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    agentlint_fuzz::parse_and_check(Format::Markdown, data);
});
