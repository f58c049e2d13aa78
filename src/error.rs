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
    /// A file or directory could not be read or written.
    #[error("{path}: {message}")]
    Io { path: String, message: String },
    /// The output folder is one plansite must not write to (see `output::guard`).
    #[error("{path}: {message}\n  hint: {hint}")]
    Output { path: String, message: String, hint: String },
    /// A template of the theme failed to load or render.
    #[error("template {template}: {message}")]
    Template { template: String, message: String },
}
