//! `plansite check --external`: the outside links of the content, asked for over the network
//! (the only time plansite uses it), for the office's machine rather than every build.
//!
//! - Each address is asked with `HEAD` (then `GET` where a server refuses `HEAD`), with a
//!   timeout; an answer from 200 to 399 is fine, anything else or no answer is a finding.
//! - One request at a time per host, at least `interval` apart (a city's server is not to be
//!   hammered); hosts are asked side by side.
//! - Good answers are remembered in a cache file (`.plansite-cache/links.json` under the site
//!   root) for `max_age`, so a second run asks only what it has not seen lately.

use crate::diag::{Code, Diagnostic, Location};
use std::collections::BTreeMap;
use std::path::PathBuf;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// How outside links are checked.
#[derive(Debug, Clone)]
pub struct External {
    /// How long to wait for an answer.
    pub timeout: Duration,
    /// The least time between two requests to one host.
    pub interval: Duration,
    /// Where good answers are remembered; `None` remembers nothing.
    pub cache: Option<PathBuf>,
    /// How long a good answer is trusted.
    pub max_age: Duration,
}

impl External {
    /// The defaults for a site root: 10 s timeout, 1 s between requests to a host, a cache of
    /// one day in `ROOT/.plansite-cache/links.json`.
    pub fn for_root(root: &std::path::Path) -> External {
        External {
            timeout: Duration::from_secs(10),
            interval: Duration::from_secs(1),
            cache: Some(root.join(crate::source::cache::CACHE).join("links.json")),
            max_age: Duration::from_secs(24 * 3600),
        }
    }
}

fn now() -> u64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs())
}

fn host(url: &str) -> &str {
    url.split_once("://").map_or("", |(_, r)| r).split(['/', '?', '#']).next().unwrap_or("")
}

/// What asking `url` gave: `Ok(status)` or `Err(why)`.
fn ask(agent: &ureq::Agent, url: &str) -> Result<u16, String> {
    let status = |r: Result<ureq::http::Response<ureq::Body>, ureq::Error>| match r {
        Ok(resp) => Ok(resp.status().as_u16()),
        Err(ureq::Error::StatusCode(code)) => Ok(code),
        Err(e) => Err(e.to_string()),
    };
    match status(agent.head(url).call())? {
        405 | 403 | 501 => status(agent.get(url).call()),
        code => Ok(code),
    }
}

/// Asks every link of `links` (address → where it was first written) and returns a finding
/// for each that is broken. Prints nothing; `asked` counts the requests made (for tests).
pub fn check(links: &BTreeMap<String, Location>, options: &External) -> (Vec<Diagnostic>, usize) {
    let mut cache: BTreeMap<String, u64> = options
        .cache
        .as_ref()
        .and_then(|p| std::fs::read(p).ok())
        .and_then(|b| serde_json::from_slice(&b).ok())
        .unwrap_or_default();
    let fresh = |url: &str, cache: &BTreeMap<String, u64>| {
        cache.get(url).is_some_and(|t| now().saturating_sub(*t) < options.max_age.as_secs())
    };
    let mut by_host: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for url in links.keys().filter(|u| !fresh(u, &cache)) {
        by_host.entry(host(url)).or_default().push(url);
    }
    let agent: ureq::Agent =
        ureq::Agent::config_builder().timeout_global(Some(options.timeout)).http_status_as_error(true).build().into();
    let results: Vec<(String, Result<u16, String>)> = std::thread::scope(|s| {
        let handles: Vec<_> = by_host
            .values()
            .map(|urls| {
                let agent = agent.clone();
                s.spawn(move || {
                    let mut out = Vec::new();
                    for (i, url) in urls.iter().enumerate() {
                        if i > 0 {
                            std::thread::sleep(options.interval);
                        }
                        out.push((url.to_string(), ask(&agent, url)));
                    }
                    out
                })
            })
            .collect();
        handles.into_iter().flat_map(|h| h.join().unwrap_or_default()).collect()
    });
    let asked = results.len();
    let mut findings = Vec::new();
    for (url, result) in results {
        match result {
            Ok(code) if (200..400).contains(&code) => {
                cache.insert(url, now());
            }
            other => {
                let why = match other {
                    Ok(code) => crate::diag::msg!("external-link-status", url = url.as_str(), status = code),
                    Err(e) => crate::diag::msg!("external-link-no-answer", url = url.as_str(), why = e.to_string()),
                };
                let loc = links.get(&url).cloned().unwrap_or_else(|| Location::file(""));
                findings.push(
                    Diagnostic::error(Code::ExternalLink, loc, why).with_hint(crate::diag::msg!("external-link-hint")),
                );
            }
        }
    }
    if let Some(path) = &options.cache {
        if let Some(dir) = path.parent() {
            let _ = std::fs::create_dir_all(dir);
        }
        if let Ok(text) = serde_json::to_vec_pretty(&cache) {
            let _ = std::fs::write(path, text);
        }
    }
    (findings, asked)
}
