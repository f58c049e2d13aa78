//! The XLSX progress reader, on one file of a year folder.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    quiet_calamine_panics();
    let outcome = plansite::fuzzing::progress_xlsx(data);
    if let Err(e) = plansite::fuzzing::check_progress(&outcome) {
        panic!("{e}");
    }
});

/// The reader catches calamine's own panics (an overflow on malformed cell references, an
/// upstream bug) and reports the sheet as unreadable. libFuzzer's panic hook would abort on
/// them even though they are caught, so this hook, installed once, lets a panic inside
/// calamine unwind to that catch silently; any other panic still aborts the run through
/// libfuzzer-sys (which treats an uncaught panic as a crash).
fn quiet_calamine_panics() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        let fuzzer_hook = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            let in_calamine = info.location().is_some_and(|l| l.file().contains("/calamine-"));
            if !in_calamine {
                fuzzer_hook(info);
            }
        }));
    });
}
