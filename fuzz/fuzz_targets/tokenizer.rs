//! The search tokenizer, as index and query use it.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    if let Err(e) = plansite::fuzzing::check_tokenizer(&text) {
        panic!("{e}");
    }
});
