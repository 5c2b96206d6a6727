//! Event knowledge: the TOML files maintainers write, how they are read and checked, and the model the
//! matching engine answers from.
//!
//! The path is `load::read_dir` (files to entries, with syntax and type errors) then `validate::validate`
//! (entries to [`Knowledge`], with cross-file errors). [`load`] runs both.

pub mod diagnostic;
pub mod load;
pub mod model;
pub mod schema;
pub mod validate;

use std::path::Path;

pub use diagnostic::{Diagnostic, Origin, Severity, SourceFile};
pub use load::{RawKnowledge, ReadError};
pub use model::*;
pub use validate::EntryKind;

/// Why knowledge could not be loaded.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    /// The directory or a file in it could not be read.
    #[error(transparent)]
    Read(#[from] ReadError),
    /// The files were read but are not valid; every problem found, errors and warnings, in file order.
    #[error("{} problem(s) in the knowledge files", .0.iter().filter(|d| d.is_error()).count())]
    Invalid(Vec<Diagnostic>),
}

/// Knowledge that passed validation, with the warnings found on the way.
#[derive(Debug)]
pub struct Loaded {
    pub knowledge: Knowledge,
    pub warnings: Vec<Diagnostic>,
}

/// Reads and validates every knowledge file below `dir`.
pub fn load(dir: &Path) -> Result<Loaded, LoadError> {
    let (raw, diagnostics) = load::read_dir(dir)?;
    from_raw(&raw, diagnostics)
}

/// Validates parsed knowledge. Returns the model whenever one can be built, even alongside errors (an
/// entry with a dangling reference is still an entry), so that later checks can report on it too and a
/// maintainer sees every problem at once.
pub fn check(
    raw: &RawKnowledge,
    mut diagnostics: Vec<Diagnostic>,
) -> (Option<Knowledge>, Vec<Diagnostic>) {
    let knowledge = validate::validate(raw, &mut diagnostics);
    sort(&mut diagnostics);
    (knowledge, diagnostics)
}

/// Validates knowledge that was parsed already (from files or from text in memory).
pub fn from_raw(raw: &RawKnowledge, diagnostics: Vec<Diagnostic>) -> Result<Loaded, LoadError> {
    let (knowledge, diagnostics) = check(raw, diagnostics);
    match knowledge {
        Some(knowledge) if !diagnostics.iter().any(Diagnostic::is_error) => Ok(Loaded {
            knowledge,
            warnings: diagnostics,
        }),
        _ => Err(LoadError::Invalid(diagnostics)),
    }
}

/// Orders diagnostics by file and position, so output is stable and reads top to bottom.
pub fn sort(diagnostics: &mut [Diagnostic]) {
    diagnostics.sort_by(|a, b| {
        (&a.path, a.line, a.col, &a.message).cmp(&(&b.path, b.line, b.col, &b.message))
    });
}
