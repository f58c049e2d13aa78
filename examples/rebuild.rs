//! Measures a warm rebuild after a one-word edit in one case study, as `serve` does it (that
//! it equals a cold build is tests/incremental.rs's job). Usage:
//!   cargo run --release --example rebuild -- ROOT [RUNS]
//! Prints the cold build time, then the warm rebuild times (pages; the search index is
//! rebuilt separately in the background by `serve`) and their median.

use plansite::{compile_with, CompileOptions, Memo, SearchIndex, SourceTree};
use std::time::Instant;

/// The binary's allocator, so the figures are the binary's.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let mut args = std::env::args().skip(1);
    let root = std::path::PathBuf::from(args.next().expect("usage: rebuild ROOT [RUNS]"));
    let runs: usize = args.next().and_then(|r| r.parse().ok()).unwrap_or(5);
    let options = CompileOptions::default();
    let mut tree = SourceTree::load(&root).expect("read");
    let memo = Memo::default();
    let t = Instant::now();
    compile_with(&tree, &options, &memo, SearchIndex::Deferred).expect("cold");
    println!("cold build without index: {:.0} ms", t.elapsed().as_secs_f64() * 1000.0);
    let body =
        tree.under("content/cases/").map(|(p, _)| p.to_string()).find(|p| p.ends_with(".ja.md")).expect("a case body");
    let mut times = Vec::new();
    for run in 0..runs {
        let text = String::from_utf8(tree.get(&body).unwrap().to_vec()).unwrap();
        tree.insert(body.clone(), format!("{text}\n一語{run}\n"));
        let t = Instant::now();
        let compiled = compile_with(&tree, &options, &memo, SearchIndex::Deferred).expect("warm");
        let ms = t.elapsed().as_secs_f64() * 1000.0;
        times.push(ms);
        let stages: Vec<String> =
            compiled.timings.iter().map(|t| format!("{} {:.0}", t.stage, t.took.as_secs_f64() * 1000.0)).collect();
        println!("warm rebuild {run}: {ms:.0} ms ({})", stages.join(", "));
    }
    times.sort_by(f64::total_cmp);
    println!("median warm rebuild: {:.0} ms", times[times.len() / 2]);
}
