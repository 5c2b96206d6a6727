//! Event knowledge: the TOML files maintainers write, how they are read and checked, and the model the
//! rest of Usher answers from.
//!
//! [`load`] is the one path from files to the checked model: `read` turns the files into entries (with
//! syntax and type errors), then `check` turns the entries into [`Knowledge`] (with cross-file errors).
//! Each kind of entry is one module in [`kinds`], its schema, checks and model side by side; [`kind`]
//! holds what they share.

mod check;
pub mod check_place;
#[cfg(test)]
mod conference_tests;
pub mod diagnostic;
mod extend;
mod hints;
pub mod kind;
pub mod kinds;
pub mod limits;
pub mod links;
pub mod model;
mod read;

use std::path::Path;

pub use diagnostic::{Diagnostic, Origin, Severity, SourceFile};
pub use kind::{EntryKind, Kind};
pub use kinds::announcement::{KnowledgeAnnouncement, MAX_TEXT, check_text};
pub use kinds::event::{Event, FollowUp};
pub use kinds::faq::Faq;
pub use kinds::finding::Finding;
pub use kinds::host::Host;
pub use kinds::initiative::Initiative;
pub use kinds::report::Report;
pub use kinds::session::{Category, DayPart, Link, LinkKind, Location, LooseTime, Session, Slot};
pub use kinds::speaker::{Speaker, SpeakerKind};
pub use kinds::supporter::Supporter;
pub use kinds::synonym::Synonym;
pub use kinds::track::Track;
pub use kinds::venue::{Room, RoomRef, Venue};
pub use model::Knowledge;
pub use read::{ReadError, changed_at};

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

/// Knowledge read and checked: the model whenever one can be built, even alongside errors (an entry with
/// a dangling reference is still an entry), so that later checks can report on it too and a maintainer sees
/// every problem at once; and every problem, errors and warnings, in file order.
#[derive(Debug)]
pub struct Checked {
    pub knowledge: Option<Knowledge>,
    pub diagnostics: Vec<Diagnostic>,
}

/// Reads and checks every knowledge file below `dir`. Only a directory or file that cannot be read at all
/// is an error here; problems inside files are diagnostics.
pub fn load(dir: &Path) -> Result<Checked, ReadError> {
    let (raw, mut diagnostics) = read::read_dir(dir)?;
    let knowledge = check::check(&raw, &mut diagnostics);
    sort(&mut diagnostics);
    Ok(Checked {
        knowledge,
        diagnostics,
    })
}

/// The version [`load`] would give the files below `dir` as they stand now, read without parsing them:
/// a reload compares it with the version it loaded to learn whether a file changed while it was read.
/// `None` if the directory or a file cannot be read.
pub fn version_on_disk(dir: &Path) -> Option<String> {
    let (paths, _) = read::knowledge_files(dir).ok()?;
    let mut files = Vec::with_capacity(paths.len());
    for path in paths {
        // As `load` reads them: a file that is not UTF-8 is no part of the knowledge.
        let Ok(text) = String::from_utf8(std::fs::read(&path).ok()?) else {
            continue;
        };
        files.push(SourceFile::new(path, read::without_byte_order_mark(text)));
    }
    Some(check::fingerprint(dir, &files))
}

/// Knowledge written in one file in memory, checked; for tests. Panics on any error.
#[cfg(test)]
pub(crate) fn from_text(text: &str) -> Knowledge {
    let mut raw = read::RawKnowledge::default();
    let mut diagnostics = Vec::new();
    raw.add_file(
        SourceFile::new("k.toml", text.to_string()),
        &mut diagnostics,
    );
    raw.apply_extensions(&mut diagnostics);
    let knowledge = check::check(&raw, &mut diagnostics);
    assert!(
        !diagnostics.iter().any(Diagnostic::is_error),
        "the knowledge is not valid: {diagnostics:?}"
    );
    knowledge.expect("the knowledge has a valid event")
}

/// Every problem with knowledge written in one file in memory, as `usher check` prints them
/// (`k.toml:line:col: message`), in order; for tests.
#[cfg(test)]
pub(crate) fn problems(text: &str) -> Vec<String> {
    let mut raw = read::RawKnowledge::default();
    let mut diagnostics = Vec::new();
    raw.add_file(
        SourceFile::new("k.toml", text.to_string()),
        &mut diagnostics,
    );
    raw.apply_extensions(&mut diagnostics);
    let _ = check::check(&raw, &mut diagnostics);
    sort(&mut diagnostics);
    diagnostics.iter().map(ToString::to_string).collect()
}

/// Orders diagnostics by file and position, so output is stable and reads top to bottom.
pub fn sort(diagnostics: &mut [Diagnostic]) {
    diagnostics.sort_by(|a, b| {
        (&a.path, a.line, a.col, &a.message).cmp(&(&b.path, b.line, b.col, &b.message))
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The bundled seminar, and a conference with extensions (joined files), read both ways.
    #[test]
    fn the_version_on_disk_is_the_version_loaded() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        for dir in ["knowledge", "tests/fixtures/conference"] {
            let dir = root.join(dir);
            let loaded = load(&dir).expect("the knowledge reads").knowledge;
            let loaded = loaded.expect("the knowledge is valid").fingerprint;
            assert_eq!(version_on_disk(&dir), Some(loaded), "{}", dir.display());
        }
        assert_eq!(version_on_disk(&root.join("no such directory")), None);
    }

    /// Every kind of reference, each to an entry written after it, so the ids must be known before any
    /// entry is checked; a kind named wrongly by a reference would not resolve.
    #[test]
    fn every_reference_resolves_and_links_both_ways() {
        let k = from_text(
            r#"
[event]
id = "forum"
title = "Water Forum"
kind = "Forum"
description = "A forum on water."
time_zone = "Europe/Amsterdam"
start = 2026-06-01T09:00:00
end = 2026-06-01T17:00:00
venue = "hall"
hosts = ["institute"]
part_of = "series"

[[initiative]]
id = "series"
name = "Water Series"
kind = "series"
description = "Forums on water."
part_of = "programme"
run_by = ["institute"]
supported_by = ["fund"]

[[initiative]]
id = "programme"
name = "Water Programme"
kind = "programme"
description = "Work on water."

[[session]]
id = "opening"
title = "Opening"
room = "room-a"
start = 2026-06-01T09:00:00
end = 2026-06-01T10:00:00
speakers = ["ada"]

[[speaker]]
id = "ada"
name = "Ada"

[[speaker]]
id = "bo"
name = "Bo"
sessions = ["opening"]

[[finding]]
id = "rivers"
title = "Rivers matter"
text = "Rivers matter."
session = "opening"

[[venue]]
id = "hall"
name = "Grand Hall"
address = "Main Street 1"
city = "Utrecht"
rooms = [{ id = "room-a", name = "Room A" }]

[[host]]
id = "institute"
name = "Water Institute"
description = "An institute."

[[supporter]]
id = "fund"
name = "Water Fund"
description = "A fund."
"#,
        );
        assert_eq!(k.event.venue, Some(0));
        assert_eq!(k.event.hosts, [0]);
        assert_eq!(k.event.part_of, Some(0));
        let series = &k.initiatives()[0];
        assert_eq!(
            (series.part_of, &series.run_by[..], &series.supported_by[..]),
            (Some(1), &[0][..], &[0][..])
        );
        let opening = &k.sessions()[0];
        assert_eq!(opening.room, Some(RoomRef { venue: 0, room: 0 }));
        assert_eq!(
            opening.speakers,
            [0, 1],
            "the one it lists, then the one listing it"
        );
        assert_eq!(opening.findings, [0]);
        assert_eq!(k.speakers()[0].sessions, [0]);
        assert_eq!(k.findings()[0].session, Some(0));
    }
}
