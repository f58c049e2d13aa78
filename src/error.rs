//! The ways a build can fail, as one type. Content problems carry all their diagnostics; the
//! others name the file or template involved.

use crate::diag::Diagnostics;

/// Why a build failed.
#[derive(Debug, thiserror::Error)]
#[allow(missing_docs, reason = "the fields are named for what they hold; the variants are documented")]
pub enum BuildError {
    /// The content has errors: every one found is listed.
    #[error("the content has {} error(s)", .0.iter().filter(|d| d.severity == crate::diag::Severity::Error).count())]
    Content(Diagnostics),
    /// A file or directory could not be read or written (`message`: see [`crate::diag::io_error`]).
    #[error("{path}: {message}")]
    Io { path: String, message: crate::diag::Msg },
    /// The output folder is one plansite must not write to (see `output::guard`).
    #[error("{path}: {message}\n  hint: {hint}")]
    Output { path: String, message: crate::diag::Msg, hint: crate::diag::Msg },
    /// Updating the output in place failed after it had begun, and what was done could not be
    /// undone: the output is partly updated, and the next build finishes the update (its
    /// journal), before anything else.
    #[error("{path}: {message} (the output was partly updated; the next build finishes the update)")]
    Unfinished { path: String, message: crate::diag::Msg },
    /// A template of the theme failed to load or render.
    #[error("template {template}: {message}")]
    Template { template: String, message: String },
}

impl BuildError {
    /// Reading or writing `path` failed with `e` (said in the editor's language).
    pub fn io(path: impl std::fmt::Display, e: &std::io::Error) -> BuildError {
        BuildError::Io { path: path.to_string(), message: crate::diag::io_error(e) }
    }

    /// This error (of reading or writing a file: what carrying out an update's journal fails
    /// with) as one that left the output partly updated ([`BuildError::Unfinished`]).
    pub(crate) fn unfinished(self) -> BuildError {
        match self {
            BuildError::Io { path, message } => BuildError::Unfinished { path, message },
            other => other,
        }
    }

    /// Whether the output is as it was before the build: every error but
    /// [`BuildError::Unfinished`].
    pub fn left_output_unchanged(&self) -> bool {
        !matches!(self, BuildError::Unfinished { .. })
    }

    /// The error in `lang` (the `Display` text is English); a content error is summed up,
    /// its diagnostics are shown on their own.
    pub fn render(&self, lang: crate::diag::Lang) -> String {
        match self {
            BuildError::Content(d) => {
                let errors = d.iter().filter(|d| d.severity == crate::diag::Severity::Error).count();
                crate::diag::msg!("content-has-errors", count = errors).render(lang)
            }
            BuildError::Output { path, message, hint } => format!(
                "{}: {}\n  {}: {}",
                crate::diag::printable(path),
                message.render(lang),
                crate::diag::msg!("hint-label").render(lang),
                hint.render(lang)
            ),
            BuildError::Io { path, message } => format!("{}: {}", crate::diag::printable(path), message.render(lang)),
            BuildError::Unfinished { path, message } => format!(
                "{}: {}\n{}",
                crate::diag::printable(path),
                message.render(lang),
                crate::diag::msg!("update-unfinished").render(lang)
            ),
            // The engine's own words stay as they are, introduced as such.
            BuildError::Template { template, message } => {
                crate::diag::msg!("template-failed", template = template.as_str(), detail = message.as_str())
                    .render(lang)
            }
        }
    }
}
