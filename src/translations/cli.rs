//! `plansite translations`: the report as a table in the terminal or a CSV file for a
//! translator, and `--mark`, which records that files' translations are up to date.

use super::ledger::{self, Ledger};
use super::{excerpt, report, slots, text_hash, Gap};
use crate::diag::msg;
use crate::diag::Lang;
use crate::source::SourceTree;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// The arguments of `plansite translations`.
#[derive(clap::Args)]
pub struct TranslationsArgs {
    /// The site root holding content/.
    #[arg(long, default_value = ".")]
    root: PathBuf,
    /// Only this language (e.g. en); by default every language but the first.
    #[arg(long)]
    lang: Option<String>,
    /// Also write the list as CSV (UTF-8, for Excel) to FILE.
    #[arg(long, value_name = "FILE")]
    csv: Option<PathBuf>,
    /// Record that the translations of FILE (a YAML file or a body; its other files too) are
    /// up to date with the original text; may be given more than once.
    #[arg(long, value_name = "FILE")]
    mark: Vec<PathBuf>,
    /// Record every translation there is as up to date (to start the record).
    #[arg(long)]
    mark_all: bool,
}

impl TranslationsArgs {
    /// Prints (or writes) the report, or marks files.
    pub fn run(self, lang: Lang) -> ExitCode {
        let tree = match SourceTree::load(&self.root) {
            Ok(tree) => tree,
            Err(e) => {
                crate::diag::console::errln!("{}", crate::diag::error_line(lang, &e.render(lang)));
                return ExitCode::from(1);
            }
        };
        if self.mark_all || !self.mark.is_empty() {
            let files: Vec<String> = self.mark.iter().map(|f| relative(&self.root, f)).collect();
            return match mark(&tree, &files, self.mark_all, self.lang.as_deref()) {
                Ok((count, unknown)) => {
                    for f in &unknown {
                        crate::diag::console::errln!(
                            "{}",
                            msg!("translations-none-in-file", file = f.as_str()).render(lang)
                        );
                    }
                    crate::diag::console::outln!(
                        "{}",
                        msg!("translations-recorded", count = count, file = ledger::FILE).render(lang)
                    );
                    if unknown.is_empty() {
                        ExitCode::SUCCESS
                    } else {
                        ExitCode::from(1)
                    }
                }
                Err(e) => {
                    crate::diag::console::errln!("{}", e.render(lang));
                    ExitCode::from(1)
                }
            };
        }
        let gaps = report(&tree, self.lang.as_deref());
        crate::diag::console::out!("{}", table(&gaps, lang));
        if let Some(path) = &self.csv {
            match crate::output::create::replace_own(path, CSV_FIRST_LINE, csv(&gaps).as_bytes()) {
                Ok(p) => crate::diag::console::outln!("CSV: {}", p.display()),
                Err(e) => {
                    crate::diag::console::errln!("{}", e.render(lang));
                    return ExitCode::from(1);
                }
            }
        }
        ExitCode::SUCCESS
    }
}

/// `file` as a path relative to the site root with `/` separators.
fn relative(root: &Path, file: &Path) -> String {
    let rel = file.strip_prefix(root).unwrap_or(file);
    let s = rel.to_string_lossy().replace('\\', "/");
    s.trim_start_matches("./").to_string()
}

/// The stem an item's files share: `content/cases/a` for `a.yaml` and `a.en.md`.
fn stem(file: &str) -> &str {
    if let Some(s) = file.strip_suffix(".yaml").or_else(|| file.strip_suffix(".yml")) {
        return s;
    }
    match file.strip_suffix(".md").and_then(|s| s.rsplit_once('.')) {
        Some((s, lang)) if !lang.contains('/') => s,
        _ => file,
    }
}

/// Records the translations of `files` (every one with `all`) in the record and writes it
/// (paths relative to the site root);
/// returns how many were recorded and the files that had none.
pub fn mark(
    tree: &SourceTree,
    files: &[String],
    all: bool,
    only: Option<&str>,
) -> Result<(usize, Vec<String>), MarkError> {
    let (raw, _) = crate::content::parse_cached(tree, &crate::content::ParseCache::default());
    let (_, slots) = slots(tree, &raw).ok_or(MarkError::NoSite)?;
    let mut record = Ledger::read(tree).map_err(|d| MarkError::Ledger(Box::new(d)))?;
    let mut count = 0;
    let mut used = vec![false; files.len()];
    for slot in slots {
        if slot.translation.is_none() || only.is_some_and(|l| l != slot.lang) {
            continue;
        }
        let hit = files.iter().position(|f| *f == slot.file || stem(f) == stem(&slot.file));
        if let Some(i) = hit {
            used[i] = true;
        }
        if all || hit.is_some() {
            record.set(&slot.lang, &slot.file, &slot.field, text_hash(&slot.source));
            count += 1;
        }
    }
    record.retain_files(|f| tree.contains(f));
    let path = tree.root().join(ledger::FILE);
    crate::output::create::replace_own(&path, ledger::FIRST_LINE, record.to_yaml().as_bytes())
        .map_err(MarkError::Write)?;
    let unknown = files.iter().zip(used).filter(|(_, u)| !u).map(|(f, _)| f.clone()).collect();
    Ok((count, unknown))
}

/// The report's header row: also how plansite knows a CSV file it may replace.
const CSV_FIRST_LINE: &str = "\u{feff}state,lang,file,field,source,translation";

/// The report as CSV (UTF-8 with a byte order mark, as Excel reads it), cells never formulas.
pub(crate) fn csv(gaps: &[Gap]) -> String {
    let field = |s: &str| {
        let cell = crate::escape::csv_cell(s);
        if cell.contains([',', '"', '\n', '\r']) {
            format!("\"{}\"", cell.replace('"', "\"\""))
        } else {
            cell.into_owned()
        }
    };
    let mut out = format!("{CSV_FIRST_LINE}\r\n");
    for g in gaps {
        let cells = [
            g.state.key(),
            g.lang.as_str(),
            g.file.as_str(),
            g.field.as_str(),
            g.source.as_str(),
            g.translation.as_str(),
        ];
        out.push_str(&cells.iter().map(|c| field(c)).collect::<Vec<_>>().join(","));
        out.push_str("\r\n");
    }
    out
}

fn pad(s: &str, w: usize) -> String {
    format!("{s}{}", " ".repeat(w.saturating_sub(crate::diag::display_width(s))))
}

/// The report as a table for the terminal, in `lang`.
pub(crate) fn table(gaps: &[Gap], lang: Lang) -> String {
    if gaps.is_empty() {
        return format!("{}\n", msg!("translations-none").render(lang));
    }
    let head = [
        msg!("translations-head-state"),
        msg!("translations-head-lang"),
        msg!("translations-head-file"),
        msg!("translations-head-field"),
        msg!("translations-head-original"),
    ]
    .map(|m| m.render(lang));
    let head = [head[0].as_str(), head[1].as_str(), head[2].as_str(), head[3].as_str(), head[4].as_str()];
    let rows: Vec<[String; 5]> = gaps
        .iter()
        // (Values from the user's files, shown, not acted on by the terminal.)
        .map(|g| {
            [g.state.label(lang), g.lang.clone(), g.file.clone(), g.field.clone(), excerpt(&g.source, 30)]
                .map(|c| crate::diag::printable(&c).into_owned())
        })
        .collect();
    let mut widths = head.map(crate::diag::display_width);
    for r in &rows {
        for (w, c) in widths.iter_mut().zip(r) {
            *w = (*w).max(crate::diag::display_width(c));
        }
    }
    let line = |cells: [&str; 5]| {
        let parts: Vec<String> = cells.iter().zip(widths).map(|(c, w)| pad(c, w)).collect();
        format!("{}\n", parts.join("  ").trim_end())
    };
    let mut out = line(head);
    for r in &rows {
        out.push_str(&line([r[0].as_str(), r[1].as_str(), r[2].as_str(), r[3].as_str(), r[4].as_str()]));
    }
    out.push_str(&format!("{}\n", msg!("translations-count", count = gaps.len()).render(lang)));
    out
}

/// Why translations could not be marked.
#[derive(Debug)]
pub enum MarkError {
    /// `content/site.yaml` cannot be read.
    NoSite,
    /// The record (`content/translations.yaml`) cannot be read.
    Ledger(Box<crate::diag::Diagnostic>),
    /// The record cannot be written.
    Write(crate::output::create::CreateError),
}

impl MarkError {
    /// The error in `lang`.
    pub fn render(&self, lang: Lang) -> String {
        match self {
            MarkError::NoSite => msg!("translations-no-site").render(lang),
            MarkError::Ledger(d) => format!("{}: {}", d.location, d.message.render(lang)),
            MarkError::Write(e) => e.render(lang),
        }
    }
}

/// In English.
impl std::fmt::Display for MarkError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.render(Lang::En))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::translations::State;

    #[test]
    fn csv_cells_are_quoted_and_never_formulas() {
        let g = Gap {
            lang: "en".into(),
            file: "content/a.yaml".into(),
            field: "title".into(),
            state: State::Missing,
            source: "=HYPERLINK(\"x\"),\n次".into(),
            translation: String::new(),
        };
        let out = csv(&[g]);
        assert!(out.ends_with("missing,en,content/a.yaml,title,\"'=HYPERLINK(\"\"x\"\"),\n次\",\r\n"), "{out}");
    }

    #[test]
    fn an_item_s_files_share_a_stem() {
        assert_eq!(stem("content/cases/a.yaml"), "content/cases/a");
        assert_eq!(stem("content/cases/a.en.md"), "content/cases/a");
        assert_eq!(stem("content/progress/2024/chuo.csv"), "content/progress/2024/chuo.csv");
    }
}
