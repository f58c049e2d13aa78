//! A Markdown body rendered (and sanitised) as a page shows it.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let source = String::from_utf8_lossy(data);
    if let Err(e) = plansite::fuzzing::check_markdown(&source) {
        panic!("{e}");
    }
});
