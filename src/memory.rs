//! The process's peak resident memory, so `build --timings` can say what each stage took in
//! memory as well as in time. Linux only (`/proc/self/status` and `/proc/self/clear_refs`);
//! elsewhere there is no figure and nothing is reset.

static PER_STAGE: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// Asks for a peak per stage: from now on [`reset_peak`] starts a new peak. Off by default,
/// because resetting the kernel's peak also resets what the process reports as its own peak
/// when it ends (`getrusage`, so `/usr/bin/time` and benchmarks), which would then show only
/// the last stage's. `plansite build --timings` (and `--verbose`) turn it on.
pub fn per_stage() {
    PER_STAGE.store(true, std::sync::atomic::Ordering::Relaxed);
}

/// Starts a new peak, if [`per_stage`] was asked for: from then on [`peak_resident`] is the
/// highest resident size since this call (Linux 4.0 and later). Other threads' memory counts
/// too: it is the process's.
pub fn reset_peak() {
    if !PER_STAGE.load(std::sync::atomic::Ordering::Relaxed) {
        return;
    }
    // "5" resets the peak resident set size to the current one (proc(5)); without it (another
    // system, a restricted /proc) the figure is the peak since the process started.
    let _ = std::fs::write("/proc/self/clear_refs", "5");
}

/// The highest resident memory of the process, in bytes, since it started or since the last
/// [`reset_peak`]; `None` where the system does not tell.
pub fn peak_resident() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: u64 = line.trim_start_matches("VmHWM:").trim().trim_end_matches("kB").trim().parse().ok()?;
    Some(kb * 1024)
}

#[cfg(test)]
mod tests {
    use super::*;

    const ALONE: &str = "PLANSITE_MEMORY_TEST_ALONE";

    // The peak is the process's, and so is asking for a peak per stage: beside the other tests
    // their memory comes and goes and their builds reset the peak once it is asked for (CI saw
    // a touch of 64 MB raise the peak by 42). So the test runs again alone, in a process of its
    // own, and checks there that it ran.
    #[test]
    #[cfg(target_os = "linux")]
    fn the_peak_follows_memory_and_starts_again_after_a_reset_only_when_asked() {
        let name = "memory::tests::the_peak_follows_memory_and_starts_again_after_a_reset_only_when_asked";
        if std::env::var_os(ALONE).is_none() {
            let out = std::process::Command::new(std::env::current_exe().unwrap())
                .args([name, "--exact", "--test-threads=1"])
                .env(ALONE, "1")
                .output()
                .unwrap();
            let said = String::from_utf8_lossy(&out.stdout);
            assert!(out.status.success() && said.contains("test result: ok. 1 passed"), "{said}");
            return;
        }
        // Touching 128 MB raises the peak by about that much, and freeing it (a mapping of its
        // own at this size) lowers the resident size again but not the peak.
        let touch = || {
            let big = vec![1u8; 128 << 20];
            std::hint::black_box(&big);
            peak_resident().unwrap()
        };
        let during = touch();
        // Unless a peak per stage was asked for, a reset keeps the peak (so the process's own
        // peak stays whole). (The kernel's counts lag a little: no exact comparison.)
        reset_peak();
        assert!(peak_resident().unwrap() + (16 << 20) > during, "a reset that was not asked for");
        // Once asked, the peak after a reset is the current size again, far below.
        per_stage();
        reset_peak();
        let before = peak_resident().unwrap();
        let during = touch();
        assert!(during >= before + (120 << 20), "{before} → {during}");
        reset_peak();
        let after = peak_resident().unwrap();
        assert!(after + (64 << 20) < during, "{during} → {after}");
    }
}
