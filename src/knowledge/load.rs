//! Reading a knowledge directory: every `*.toml` file below it, parsed entry by entry.
//!
//! Each entry is deserialised on its own, so one mistake does not hide the next: a file with three broken
//! entries yields three diagnostics, and a syntax error in one file does not stop the others being checked.

use std::fs;
use std::io;
use std::ops::Range;
use std::path::{Path, PathBuf};

use serde::de::DeserializeOwned;
use toml::Spanned;
use toml::de::{DeTable, DeValue, ValueDeserializer};

use super::diagnostic::{Diagnostic, SourceFile};
use super::schema::{
    AnnouncementEntry, EventEntry, FaqEntry, FindingEntry, HostEntry, InitiativeEntry, ReportEntry,
    SessionEntry, SpeakerEntry, SupporterEntry, SynonymEntry, VenueEntry,
};

/// Why a knowledge directory could not be read at all (as opposed to read and found wanting).
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    #[error("knowledge directory {} does not exist", .0.display())]
    Missing(PathBuf),
    #[error("{} is not a directory", .0.display())]
    NotADirectory(PathBuf),
    #[error("could not read {}: {source}", path.display())]
    Io { path: PathBuf, source: io::Error },
}

/// One parsed entry, with the file it came from and its span there.
#[derive(Debug, Clone)]
pub struct Parsed<T> {
    pub entry: T,
    /// Index into [`RawKnowledge::files`].
    pub file: usize,
    pub span: Range<usize>,
}

/// Every entry of every file, as written, before cross-file checks.
#[derive(Debug, Default)]
pub struct RawKnowledge {
    pub dir: PathBuf,
    pub files: Vec<SourceFile>,
    pub events: Vec<Parsed<EventEntry>>,
    pub venues: Vec<Parsed<VenueEntry>>,
    pub hosts: Vec<Parsed<HostEntry>>,
    pub initiatives: Vec<Parsed<InitiativeEntry>>,
    pub supporters: Vec<Parsed<SupporterEntry>>,
    pub sessions: Vec<Parsed<SessionEntry>>,
    pub speakers: Vec<Parsed<SpeakerEntry>>,
    pub reports: Vec<Parsed<ReportEntry>>,
    pub findings: Vec<Parsed<FindingEntry>>,
    pub faqs: Vec<Parsed<FaqEntry>>,
    pub synonyms: Vec<Parsed<SynonymEntry>>,
    pub announcements: Vec<Parsed<AnnouncementEntry>>,
    /// How many `[event]` tables were written, whether or not they parsed: a broken one is reported
    /// where it is, not as a missing event.
    pub event_tables: usize,
}

/// The sections a knowledge file may have, and whether each is one table or an array of tables.
const SECTIONS: &[(&str, Shape)] = &[
    ("event", Shape::Table),
    ("venue", Shape::Array),
    ("host", Shape::Array),
    ("initiative", Shape::Array),
    ("supporter", Shape::Array),
    ("session", Shape::Array),
    ("speaker", Shape::Array),
    ("report", Shape::Table),
    ("finding", Shape::Array),
    ("faq", Shape::Array),
    ("synonym", Shape::Array),
    ("announcement", Shape::Array),
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Shape {
    Table,
    Array,
}

/// The `*.toml` files below `dir`, sorted so that loading is deterministic.
pub fn knowledge_files(dir: &Path) -> Result<Vec<PathBuf>, ReadError> {
    let meta = fs::metadata(dir).map_err(|source| match source.kind() {
        io::ErrorKind::NotFound => ReadError::Missing(dir.to_path_buf()),
        _ => ReadError::Io {
            path: dir.to_path_buf(),
            source,
        },
    })?;
    if !meta.is_dir() {
        return Err(ReadError::NotADirectory(dir.to_path_buf()));
    }
    let mut files = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(current) = pending.pop() {
        let entries = fs::read_dir(&current).map_err(|source| ReadError::Io {
            path: current.clone(),
            source,
        })?;
        for entry in entries {
            let entry = entry.map_err(|source| ReadError::Io {
                path: current.clone(),
                source,
            })?;
            let path = entry.path();
            let kind = entry.file_type().map_err(|source| ReadError::Io {
                path: path.clone(),
                source,
            })?;
            // Editors leave hidden swap and backup files beside the real ones; they are never knowledge.
            let hidden = entry.file_name().to_string_lossy().starts_with('.');
            if hidden {
                continue;
            }
            if kind.is_dir() {
                pending.push(path);
            } else if path.extension().is_some_and(|ext| ext == "toml") {
                files.push(path);
            }
        }
    }
    files.sort();
    Ok(files)
}

/// Reads and parses every knowledge file below `dir`. Problems inside files become diagnostics; only an
/// unreadable directory or file is a [`ReadError`].
pub fn read_dir(dir: &Path) -> Result<(RawKnowledge, Vec<Diagnostic>), ReadError> {
    let mut diagnostics = Vec::new();
    let mut texts: Vec<SourceFile> = Vec::new();
    for path in knowledge_files(dir)? {
        let bytes = fs::read(&path).map_err(|source| ReadError::Io {
            path: path.clone(),
            source,
        })?;
        let text = match String::from_utf8(bytes) {
            Ok(text) => text,
            Err(err) => {
                let valid = err.utf8_error().valid_up_to();
                let lossy = String::from_utf8_lossy(err.as_bytes()).into_owned();
                let file = SourceFile::new(path, lossy);
                diagnostics.push(file.error(&(valid..valid), "the file is not valid UTF-8"));
                continue;
            }
        };
        texts.push(SourceFile::new(path, text));
    }
    // Parsing is most of loading a large programme, and files parse independently: each thread parses a
    // share of them into its own `RawKnowledge`, and the shares are joined in file order, so the result is
    // the same as parsing one by one.
    let threads = std::thread::available_parallelism()
        .map_or(1, std::num::NonZeroUsize::get)
        .clamp(1, 8);
    let per_thread = texts.len().div_ceil(threads).max(1);
    let mut shares: Vec<Vec<SourceFile>> = Vec::new();
    let mut rest = texts.into_iter().peekable();
    while rest.peek().is_some() {
        shares.push(rest.by_ref().take(per_thread).collect());
    }
    let parsed: Vec<(RawKnowledge, Vec<Diagnostic>)> = std::thread::scope(|scope| {
        let handles: Vec<_> = shares
            .into_iter()
            .map(|share| {
                scope.spawn(move || {
                    let mut raw = RawKnowledge::default();
                    let mut found = Vec::new();
                    for file in share {
                        raw.add_file(file, &mut found);
                    }
                    (raw, found)
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|h| {
                h.join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
            })
            .collect()
    });
    let mut raw = RawKnowledge {
        dir: dir.to_path_buf(),
        ..RawKnowledge::default()
    };
    for (share, found) in parsed {
        raw.append(share);
        diagnostics.extend(found);
    }
    Ok((raw, diagnostics))
}

/// Moves `from`'s entries into `into`, their file indices shifted by `offset`.
fn shift<T>(into: &mut Vec<Parsed<T>>, from: Vec<Parsed<T>>, offset: usize) {
    into.extend(from.into_iter().map(|mut p| {
        p.file += offset;
        p
    }));
}

impl RawKnowledge {
    /// Adds another set of parsed files after this one's.
    pub fn append(&mut self, other: RawKnowledge) {
        let offset = self.files.len();
        self.files.extend(other.files);
        shift(&mut self.events, other.events, offset);
        shift(&mut self.venues, other.venues, offset);
        shift(&mut self.hosts, other.hosts, offset);
        shift(&mut self.initiatives, other.initiatives, offset);
        shift(&mut self.supporters, other.supporters, offset);
        shift(&mut self.sessions, other.sessions, offset);
        shift(&mut self.speakers, other.speakers, offset);
        shift(&mut self.reports, other.reports, offset);
        shift(&mut self.findings, other.findings, offset);
        shift(&mut self.faqs, other.faqs, offset);
        shift(&mut self.synonyms, other.synonyms, offset);
        shift(&mut self.announcements, other.announcements, offset);
        self.event_tables += other.event_tables;
    }

    /// Parses one file's text and adds its entries; used directly by tests and benchmarks that
    /// build knowledge in memory.
    pub fn add_file(&mut self, file: SourceFile, diagnostics: &mut Vec<Diagnostic>) {
        let index = self.files.len();
        let (table, syntax_errors) = DeTable::parse_recoverable(&file.text);
        for err in &syntax_errors {
            let span = err.span().unwrap_or(0..0);
            diagnostics.push(file.error(&span, clean_message(err.message())));
        }
        // After a syntax error the recovered table may be partial; checking it anyway would report
        // "missing field" noise caused by the same mistake, so a broken file contributes only its
        // syntax errors.
        if syntax_errors.is_empty() {
            for (key, value) in table.into_inner() {
                self.add_section(&file, index, &key, value, diagnostics);
            }
        }
        self.files.push(file);
    }

    fn add_section<'i>(
        &mut self,
        file: &SourceFile,
        index: usize,
        key: &Spanned<toml::de::DeString<'i>>,
        value: Spanned<DeValue<'i>>,
        diagnostics: &mut Vec<Diagnostic>,
    ) {
        let name: &str = key.get_ref();
        let Some(&(_, shape)) = SECTIONS.iter().find(|(section, _)| *section == name) else {
            let known: Vec<&str> = SECTIONS.iter().map(|(section, _)| *section).collect();
            let mut message = format!("unknown section `{name}`");
            if let Some(near) = closest(name, &known) {
                message.push_str(&format!(", did you mean `{near}`?"));
            } else {
                message.push_str(&format!(", expected one of {}", quoted_list(&known)));
            }
            diagnostics.push(file.error(&key.span(), message));
            return;
        };
        let items = match (shape, value.get_ref()) {
            // A lone `[venue]` is what people write when there is only one; accept it as a list of one.
            (_, DeValue::Table(_)) => vec![value],
            (Shape::Table, _) => {
                diagnostics.push(file.error(
                    &key.span(),
                    format!("`{name}` must be a single table: write [{name}] once"),
                ));
                return;
            }
            (Shape::Array, DeValue::Array(items)) => items.iter().cloned().collect(),
            (Shape::Array, _) => {
                diagnostics.push(file.error(
                    &key.span(),
                    format!(
                        "`{name}` must be an array of tables: write [[{name}]] before each entry"
                    ),
                ));
                return;
            }
        };
        if name == "event" {
            self.event_tables += items.len();
        }
        for item in items {
            match name {
                "event" => push(&mut self.events, file, index, item, diagnostics),
                "venue" => push(&mut self.venues, file, index, item, diagnostics),
                "host" => push(&mut self.hosts, file, index, item, diagnostics),
                "initiative" => push(&mut self.initiatives, file, index, item, diagnostics),
                "supporter" => push(&mut self.supporters, file, index, item, diagnostics),
                "session" => push(&mut self.sessions, file, index, item, diagnostics),
                "speaker" => push(&mut self.speakers, file, index, item, diagnostics),
                "report" => push(&mut self.reports, file, index, item, diagnostics),
                "finding" => push(&mut self.findings, file, index, item, diagnostics),
                "faq" => push(&mut self.faqs, file, index, item, diagnostics),
                "synonym" => push(&mut self.synonyms, file, index, item, diagnostics),
                "announcement" => push(&mut self.announcements, file, index, item, diagnostics),
                _ => unreachable!("every name in SECTIONS is dispatched"),
            }
        }
    }
}

/// Deserialises one entry; on failure records where and why.
fn push<T: DeserializeOwned>(
    list: &mut Vec<Parsed<T>>,
    file: &SourceFile,
    index: usize,
    item: Spanned<DeValue<'_>>,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let span = item.span();
    if !matches!(item.get_ref(), DeValue::Table(_)) {
        diagnostics.push(file.error(&span, "expected a table"));
        return;
    }
    match T::deserialize(ValueDeserializer::from(item)) {
        Ok(entry) => list.push(Parsed {
            entry,
            file: index,
            span,
        }),
        Err(err) => {
            let at = err.span().unwrap_or_else(|| span.clone());
            diagnostics.push(file.error(&at, clean_message(err.message())));
        }
    }
}

/// toml's messages sometimes end with a newline or carry a trailing period; diagnostics are one line each.
fn clean_message(message: &str) -> String {
    let one_line = message.split_whitespace().collect::<Vec<_>>().join(" ");
    one_line.trim_end_matches('.').to_string()
}

/// The candidate nearest to `word` by edit distance, if it is plausibly a typo of it.
pub(crate) fn closest<'a>(word: &str, candidates: &[&'a str]) -> Option<&'a str> {
    candidates
        .iter()
        .map(|c| (strsim::damerau_levenshtein(word, c), *c))
        .filter(|(distance, c)| *distance <= 2.max(c.len() / 4) && *distance < c.len())
        .min_by_key(|(distance, _)| *distance)
        .map(|(_, c)| c)
}

pub(crate) fn quoted_list(items: &[&str]) -> String {
    items
        .iter()
        .map(|i| format!("`{i}`"))
        .collect::<Vec<_>>()
        .join(", ")
}
