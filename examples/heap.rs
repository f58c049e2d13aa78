//! A whole build with the system's allocator, so a heap profiler that hooks `malloc` (heaptrack,
//! valgrind's massif or dhat) sees every allocation; the binary's mimalloc bypasses them. Usage:
//!   cargo build --release --example heap
//!   heaptrack target/release/examples/heap ROOT OUT
//!   heaptrack_print -f heaptrack.heap.*.zst
//! bench/results-*-heap.md records what it showed.
#![allow(clippy::disallowed_macros)] // a measurement's or a test's own report, not the program's lines

fn main() {
    let mut args = std::env::args().skip(1);
    let root = std::path::PathBuf::from(args.next().expect("usage: heap ROOT OUT"));
    let mut options = plansite::BuildOptions::for_root(&root);
    options.output = std::path::PathBuf::from(args.next().expect("usage: heap ROOT OUT"));
    let built = plansite::build(&options).expect("build");
    for t in &built.timings {
        let mb = t.peak.map(|p| p / 1_000_000).unwrap_or(0);
        println!("{:<24} {:>8.0} ms {:>6} MB", t.stage, t.took.as_secs_f64() * 1000.0, mb);
    }
}
