//! Schedule imports: a conference's programme from the export its organisers already have, written as
//! knowledge files.
//!
//! The path is an export's text -> [`read`] (pretalx's `schedule.json` in [`pretalx`], frab's
//! `schedule.xml` in [`frab`]) -> one [`Conference`] model -> [`plan`] (the files, by
//! [`emit`], compared with the previous import read back from disk, by [`changes`]) -> [`Plan::apply`]
//! (written atomically by [`folder`]). Everything up to the plan is pure apart from reading the previous
//! import; an export with a problem stops at [`read`] with the place of the problem, before any file is
//! touched.

pub mod changes;
mod clock;
pub mod emit;
pub mod folder;
pub mod format;
pub mod frab;
pub mod model;
pub mod pretalx;
mod text;
mod xml;

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};

pub use changes::Change;
pub use folder::FolderError;
pub use format::ImportedFiles;
pub use model::Conference;

/// The export formats Usher reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// pretalx's frab-compatible `schedule.json`.
    Pretalx,
    /// frab's or pentabarf's `schedule.xml`.
    Frab,
}

/// Choices the export itself may not make.
#[derive(Debug, Clone, Default)]
pub struct ImportOptions {
    /// The conference's time zone, used instead of the one the export names (or when it names none).
    pub time_zone: Option<String>,
}

/// Where in an export a problem is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Place {
    /// In JSON: the path to the value (`schedule.conference.days[2].rooms.Hall A[3].start`) and, for
    /// syntax and type errors, the line and column.
    Json {
        path: Option<String>,
        line_col: Option<(usize, usize)>,
    },
    /// In XML: the line and column of the element (or of the syntax error).
    Xml { line: usize, col: usize },
}

/// A problem with an export: where, and what.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub place: Place,
    pub message: String,
}

/// A problem with an export, with the name of the input it is in: `schedule.json:3:17: path: message`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct ImportError {
    /// The file name as given, or `<stdin>`.
    pub input: String,
    pub problem: Problem,
}

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let input = &self.input;
        let message = &self.problem.message;
        match &self.problem.place {
            Place::Json {
                path,
                line_col: Some((line, col)),
            } => {
                write!(f, "{input}:{line}:{col}: ")?;
                if let Some(path) = path {
                    write!(f, "{path}: ")?;
                }
                write!(f, "{message}")
            }
            Place::Json {
                path,
                line_col: None,
            } => {
                write!(f, "{input}: ")?;
                if let Some(path) = path {
                    write!(f, "{path}: ")?;
                }
                write!(f, "{message}")
            }
            Place::Xml { line, col } => write!(f, "{input}:{line}:{col}: {message}"),
        }
    }
}

/// Reads an export of `format` into the conference model.
pub fn read(format: Format, text: &str, options: &ImportOptions) -> Result<Conference, Problem> {
    // Giving a file to the wrong importer is an easy slip; say so rather than report its first byte.
    let first = text
        .trim_start_matches('\u{feff}')
        .trim_start()
        .chars()
        .next();
    let wrong = match (format, first) {
        (Format::Pretalx, Some('<')) => Some(("XML", "pretalx", "frab")),
        (Format::Frab, Some('{' | '[')) => Some(("JSON", "frab", "pretalx")),
        _ => None,
    };
    if let Some((looks_like, this, other)) = wrong {
        let place = match format {
            Format::Pretalx => Place::Json {
                path: None,
                line_col: Some((1, 1)),
            },
            Format::Frab => Place::Xml { line: 1, col: 1 },
        };
        return Err(Problem {
            place,
            message: format!(
                "this file is {looks_like}, which `usher import {this}` does not read; use `usher import {other}`"
            ),
        });
    }
    match format {
        Format::Pretalx => pretalx::parse(text, options),
        Format::Frab => frab::parse(text, options),
    }
}

/// Why an import could not be planned or written (the export itself was fine).
#[derive(Debug, thiserror::Error)]
pub enum PlanError {
    #[error("{0}")]
    Export(String),
    #[error(transparent)]
    Folder(#[from] FolderError),
    #[error("could not write the knowledge files: {0}")]
    Render(#[from] toml::ser::Error),
}

/// What the previous import was, as far as the new one is concerned.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Previous {
    /// No previous import in the folder.
    None,
    /// A previous import whose files could not be read back (written by an older Usher, or edited):
    /// it is replaced, and its changes cannot be listed.
    Unreadable(String),
    /// The changes from the previous import; empty when the files would be the same byte for byte.
    Read(Vec<Change>),
}

/// What an import would write where, and what that changes.
#[derive(Debug)]
pub struct Plan {
    /// `<knowledge>/imported/<short name or title>`.
    pub folder: PathBuf,
    /// Each file's path relative to `folder`, and its text.
    pub files: BTreeMap<PathBuf, String>,
    pub previous: Previous,
    /// Whether the files on disk are already exactly these.
    pub unchanged: bool,
}

/// Plans importing `conference` into the knowledge directory `knowledge_dir`: the files to write in its
/// own folder, and what changed since the import already there.
pub fn plan(conference: &Conference, knowledge_dir: &Path) -> Result<Plan, PlanError> {
    let folder = knowledge_dir
        .join("imported")
        .join(emit::folder_name(conference));
    let imported = emit::files(conference).map_err(PlanError::Export)?;
    let files = imported.render()?;
    let (previous, unchanged) = match folder::read(&folder)? {
        None => (Previous::None, false),
        Some(old_files) => {
            let unchanged = old_files == files;
            match ImportedFiles::parse(&old_files) {
                Ok(old) => (Previous::Read(changes::changes(&old, &imported)), unchanged),
                Err(why) => (Previous::Unreadable(why), unchanged),
            }
        }
    };
    Ok(Plan {
        folder,
        files,
        previous,
        unchanged,
    })
}

impl Plan {
    /// Writes the planned files, replacing the previous import atomically; does nothing when the files
    /// on disk are already these.
    pub fn apply(&self) -> Result<(), FolderError> {
        if self.unchanged {
            return Ok(());
        }
        folder::replace(&self.folder, &self.files)
    }
}
