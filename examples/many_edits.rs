//! Measures the rebuild of `serve` after an edit of many case studies at once (a search and
//! replace, a checkout): the parse and resolve stages follow an edit of at most a few dozen
//! items and take the whole way beyond (`content/delta.rs`, `model/resolve`); this shows what
//! either costs at a given size. Usage:
//!   cargo run --release --example many_edits -- ROOT [K ...]
//! For each K (default 1 16 64 65 256 1024), edits the Japanese body of K case studies (a line
//! added) and rebuilds, printing the stages' times.

use plansite::{compile_with, CompileOptions, Memo, SearchIndex, SourceTree};
use std::time::Instant;

/// The binary's allocator, so the figures are the binary's.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let mut args = std::env::args().skip(1);
    let root = std::path::PathBuf::from(args.next().expect("usage: many_edits ROOT [K ...]"));
    let mut ks: Vec<usize> = args.filter_map(|k| k.parse().ok()).collect();
    if ks.is_empty() {
        ks = vec![1, 16, 64, 65, 256, 1024];
    }
    let options = CompileOptions::default();
    let mut tree = SourceTree::load(&root).expect("read");
    let memo = Memo::default();
    let t = Instant::now();
    compile_with(&tree, &options, &memo, SearchIndex::Deferred).expect("cold");
    println!("cold build without index: {:.0} ms", t.elapsed().as_secs_f64() * 1000.0);
    let bodies: Vec<String> =
        tree.under("content/cases/").map(|(p, _)| p.to_string()).filter(|p| p.ends_with(".ja.md")).collect();
    for (run, k) in ks.into_iter().enumerate() {
        for body in bodies.iter().take(k) {
            let text = String::from_utf8(tree.get(body).expect("body").to_vec()).expect("UTF-8");
            tree.insert(body.clone(), format!("{text}\n一語{run}\n"));
        }
        let t = Instant::now();
        let compiled = compile_with(&tree, &options, &memo, SearchIndex::Deferred).expect("warm");
        let ms = t.elapsed().as_secs_f64() * 1000.0;
        let stages: Vec<String> =
            compiled.timings.iter().map(|t| format!("{} {:.0}", t.stage, t.took.as_secs_f64() * 1000.0)).collect();
        println!("{k} case studies edited: {ms:.0} ms ({})", stages.join(", "));
    }
}
