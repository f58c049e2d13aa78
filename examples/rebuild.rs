//! Measures a warm rebuild as `serve` does it (that it equals a cold build is
//! tests/incremental.rs's job). Usage:
//!   cargo run --release --example rebuild -- ROOT [RUNS]
//!   cargo run --release --example rebuild -- ROOT --edits K [K ...]
//! The first edits one case study's Japanese body by a word RUNS times (default 5) and prints
//! each rebuild and their median. The second edits the Japanese bodies of K case studies at once
//! (a search and replace, a checkout) for each K, showing where the parse and resolve stages
//! stop following the edit and take the whole way. Either prints the cold build time first;
//! the stages' times are of the pages (the search index is rebuilt in the background by
//! `serve`).
#![allow(clippy::disallowed_macros)] // a measurement's or a test's own report, not the program's lines

use plansite::{compile_with, CompileOptions, Memo, SearchIndex, SourceTree};
use std::time::Instant;

/// The binary's allocator, so the figures are the binary's.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let mut args = std::env::args().skip(1);
    let root = std::path::PathBuf::from(args.next().expect("usage: rebuild ROOT [RUNS | --edits K ...]"));
    let rest: Vec<String> = args.collect();
    // Each run: how many case studies it edits.
    let (edits, one_word): (Vec<usize>, bool) = match rest.first().map(String::as_str) {
        Some("--edits") => (rest[1..].iter().filter_map(|k| k.parse().ok()).collect(), false),
        runs => (vec![1; runs.and_then(|r| r.parse().ok()).unwrap_or(5)], true),
    };
    let options = CompileOptions::default();
    let mut tree = SourceTree::load(&root).expect("read");
    let memo = Memo::default();
    let t = Instant::now();
    compile_with(&tree, &options, &memo, SearchIndex::Deferred).expect("cold");
    println!("cold build without index: {:.0} ms", t.elapsed().as_secs_f64() * 1000.0);
    let bodies: Vec<String> =
        tree.under("content/cases/").map(|(p, _)| p.to_string()).filter(|p| p.ends_with(".ja.md")).collect();
    let mut times = Vec::new();
    for (run, k) in edits.into_iter().enumerate() {
        for body in bodies.iter().take(k) {
            let text = String::from_utf8(tree.get(body).expect("body").to_vec()).expect("UTF-8");
            tree.insert(body.clone(), format!("{text}\n一語{run}\n"));
        }
        let t = Instant::now();
        let compiled = compile_with(&tree, &options, &memo, SearchIndex::Deferred).expect("warm");
        let ms = t.elapsed().as_secs_f64() * 1000.0;
        times.push(ms);
        let stages: Vec<String> =
            compiled.timings.iter().map(|t| format!("{} {:.0}", t.stage, t.took.as_secs_f64() * 1000.0)).collect();
        let what = if one_word { format!("warm rebuild {run}") } else { format!("{k} case studies edited") };
        println!("{what}: {ms:.0} ms ({})", stages.join(", "));
    }
    if one_word && !times.is_empty() {
        times.sort_by(f64::total_cmp);
        println!("median warm rebuild: {:.0} ms", times[times.len() / 2]);
    }
}
