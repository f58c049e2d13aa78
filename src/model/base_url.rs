//! The address a site is published at: checked and given its trailing slash in one place, for
//! `base_url` in site.yaml and `--base-url` alike.

use std::fmt;

/// An absolute `http://` or `https://` address that ends with `/`, e.g.
/// `https://www.example.lg.jp/plan/`. Every page's canonical link, the sitemap and the feeds
/// start with it.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct BaseUrl(String);

impl BaseUrl {
    /// Checks `text` (spaces around it ignored) and adds the trailing slash it may lack; the
    /// error says what to write instead.
    pub fn parse(text: &str) -> Result<BaseUrl, NotABaseUrl> {
        let url = text.trim();
        let lower = url.to_ascii_lowercase();
        let rest = lower.strip_prefix("https://").or_else(|| lower.strip_prefix("http://"));
        let host = rest.map(|r| r.split(['/', '?', '#']).next().unwrap_or(""));
        let clean = !url.chars().any(|c| c.is_whitespace() || c.is_control() || "\"'<>\\`{}|^".contains(c));
        match host {
            Some(h) if !h.is_empty() && clean && !url.contains(['?', '#']) => {
                Ok(BaseUrl(if url.ends_with('/') { url.to_string() } else { format!("{url}/") }))
            }
            _ => Err(NotABaseUrl(url.to_string())),
        }
    }

    /// The address, ending with `/`.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A text that is not an absolute web address (the text, trimmed).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NotABaseUrl(String);

impl NotABaseUrl {
    /// What is wrong.
    pub fn message(&self) -> crate::diag::Msg {
        crate::diag::msg!("not-a-base-url", value = self.0.as_str())
    }

    /// What to write instead.
    pub fn hint(&self) -> crate::diag::Msg {
        crate::diag::msg!("base-url-hint")
    }
}

impl fmt::Display for NotABaseUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}; {}", self.message(), self.hint())
    }
}

impl std::error::Error for NotABaseUrl {}

impl fmt::Display for BaseUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn absolute_web_addresses_pass_with_one_trailing_slash() {
        assert_eq!(
            BaseUrl::parse(" https://www.example.lg.jp/plan ").unwrap().as_str(),
            "https://www.example.lg.jp/plan/"
        );
        assert_eq!(BaseUrl::parse("http://127.0.0.1:1111/").unwrap().as_str(), "http://127.0.0.1:1111/");
        assert_eq!(BaseUrl::parse("http://[::1]:1111").unwrap().as_str(), "http://[::1]:1111/");
        for bad in [
            "",
            "example.jp",
            "https://",
            "ftp://x/",
            "javascript:alert(1)",
            "https://a b/",
            "https://x/\"onload=",
            "https://x/?q=1",
        ] {
            assert!(BaseUrl::parse(bad).is_err(), "{bad}");
        }
    }
}
