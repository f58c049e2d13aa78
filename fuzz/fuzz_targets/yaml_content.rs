//! One YAML content file of a valid site (chosen by the first byte) replaced by the input,
//! then the whole site compiled in memory.
#![no_main]

use libfuzzer_sys::fuzz_target;

mod fixture;

fuzz_target!(|data: &[u8]| {
    if let Err(e) = plansite::fuzzing::check_yaml_content(fixture::FILES, data) {
        panic!("{e}");
    }
});
