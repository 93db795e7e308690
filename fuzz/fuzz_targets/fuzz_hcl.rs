#![no_main]

use agentlint::discover::Format;
use libfuzzer_sys::fuzz_target;

// `.tfvars` files go through the same parser (`hcl::parse_tfvars` is `hcl::parse`).
fuzz_target!(|data: &[u8]| {
    agentlint_fuzz::parse_and_check(Format::Hcl, data);
});
