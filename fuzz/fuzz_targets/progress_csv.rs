//! The CSV progress reader, on one file of a year folder.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let outcome = plansite::fuzzing::progress_csv(data);
    if let Err(e) = plansite::fuzzing::check_progress(&outcome) {
        panic!("{e}");
    }
});
