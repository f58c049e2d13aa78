//! The translation record `content/translations.yaml`: for each language, file and field, a
//! hash of the primary text a translation was made from. Written by `plansite translations
//! --mark` (never by hand); a translation whose recorded hash is not that of today's primary
//! text is stale. A translation with no record is taken as up to date.
//!
//! ```yaml
//! # 翻訳の記録 …
//! en:
//!   "content/cases/cafe.yaml":
//!     "title": "5f1c0e2a9b7d3e41"
//!   "content/cases/cafe.en.md":
//!     "本文 body": "0b9a…"
//! ```

use crate::diag::Diagnostic;
use crate::source::SourceTree;
use std::collections::BTreeMap;

/// The record's path under the site root.
pub(crate) const FILE: &str = "content/translations.yaml";
/// The record's first line: a file that does not start so is not plansite's, and is never
/// replaced.
pub(crate) const FIRST_LINE: &str = "# 翻訳の記録 (translation record): written by `plansite translations --mark`";

type Fields = BTreeMap<String, String>;

/// Language → file → field → hash of the primary text.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub(crate) struct Ledger(BTreeMap<String, BTreeMap<String, Fields>>);

impl Ledger {
    /// The record in `tree` (empty if there is none).
    pub(crate) fn read(tree: &SourceTree) -> Result<Ledger, Diagnostic> {
        match tree.text(FILE) {
            None => Ok(Ledger::default()),
            Some(text) => crate::content::yaml::parse::<Option<BTreeMap<String, BTreeMap<String, Fields>>>>(FILE, text)
                .map(|m| Ledger(m.unwrap_or_default())),
        }
    }

    pub(crate) fn get(&self, lang: &str, file: &str, field: &str) -> Option<&str> {
        self.0.get(lang)?.get(file)?.get(field).map(String::as_str)
    }

    pub(crate) fn set(&mut self, lang: &str, file: &str, field: &str, hash: String) {
        self.0
            .entry(lang.to_string())
            .or_default()
            .entry(file.to_string())
            .or_default()
            .insert(field.to_string(), hash);
    }

    /// Forgets what the record says of files that no longer exist.
    pub(crate) fn retain_files(&mut self, exists: impl Fn(&str) -> bool) {
        for files in self.0.values_mut() {
            files.retain(|f, _| exists(f));
        }
        self.0.retain(|_, files| !files.is_empty());
    }

    /// The record as YAML (every key and value quoted).
    pub(crate) fn to_yaml(&self) -> String {
        let q = crate::escape::yaml_quoted;
        let mut out = format!(
            "{FIRST_LINE}\n# 訳した時点の原文のハッシュです。手で直さないでください。\n# The hash of the original text each translation was made from; do not edit by hand.\n"
        );
        for (lang, files) in &self.0 {
            out.push_str(&format!("{}:\n", q(lang)));
            for (file, fields) in files {
                out.push_str(&format!("  {}:\n", q(file)));
                for (field, hash) in fields {
                    out.push_str(&format!("    {}: {}\n", q(field), q(hash)));
                }
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_record_reads_back_what_it_wrote() {
        let mut l = Ledger::default();
        l.set("en", "content/cases/a.yaml", "policies[0].title", "00ff".into());
        l.set("en", "content/cases/a \"b\".en.md", "本文 body", "11".into());
        let mut tree = SourceTree::from_files(std::path::Path::new("/x"), Vec::<(String, Vec<u8>)>::new());
        tree.insert(FILE, l.to_yaml());
        assert_eq!(Ledger::read(&tree).unwrap(), l);
    }
}
