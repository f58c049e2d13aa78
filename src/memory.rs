//! The process's peak resident memory, so `build --timings` can say what each stage took in
//! memory as well as in time. Linux only (`/proc/self/status` and `/proc/self/clear_refs`);
//! elsewhere there is no figure and nothing is reset.

/// Starts a new peak: from now on [`peak_resident`] is the highest resident size since this
/// call (Linux 4.0 and later). Other threads' memory counts too: it is the process's.
pub fn reset_peak() {
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

    // Touching 64 MB raises the peak by about that much; after a reset the peak is the current
    // size again, below the figure before.
    #[test]
    #[cfg(target_os = "linux")]
    fn the_peak_follows_memory_and_starts_again_after_a_reset() {
        reset_peak();
        let before = peak_resident().unwrap();
        let big = vec![1u8; 64 << 20];
        std::hint::black_box(&big);
        let during = peak_resident().unwrap();
        assert!(during >= before + (60 << 20), "{before} → {during}");
        drop(big);
        reset_peak();
        let after = peak_resident().unwrap();
        assert!(after + (32 << 20) < during, "{during} → {after}");
    }
}
