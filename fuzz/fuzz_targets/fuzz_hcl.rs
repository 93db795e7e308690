#![no_main]

use agentlint::discover::Format;
use agentlint::syntax::{hcl, Syntax};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    agentlint_fuzz::parse_and_check(Format::Hcl, data);
    let text = String::from_utf8_lossy(data);
    agentlint_fuzz::check_spans(&Syntax::Hcl(hcl::parse_tfvars(&text)), &text);
});
