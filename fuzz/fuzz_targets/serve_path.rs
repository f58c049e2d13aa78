//! The request path → site file mapping of `plansite serve`.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(path) = std::str::from_utf8(data) else { return };
    if let Err(e) = plansite::fuzzing::check_site_path(path) {
        panic!("{e}");
    }
});
