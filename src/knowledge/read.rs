//! Reading a knowledge directory: every `*.toml` file below it, parsed entry by entry.
//!
//! Each entry is deserialised on its own, so one mistake does not hide the next: a file with three broken
//! entries yields three diagnostics, and a syntax error in one file does not stop the others being checked.

use std::collections::{HashMap, HashSet};
use std::fs;
use std::io;
use std::ops::Range;
use std::path::{Path, PathBuf};

use serde::de::DeserializeOwned;
use toml::Spanned;
use toml::de::{DeTable, DeValue, ValueDeserializer};

use super::diagnostic::{Diagnostic, Severity, SourceFile};
use super::extend::{self, Extension};
use super::hints::{clean_message, collect_ids, unknown_field_hint};
use super::kind::{
    ByKind, Kind, KindList, Parsed, Shape, Unparsed, VisitKind, closest, quoted_list,
};
use super::kinds::Kinds;
use super::limits;
use crate::parallel;

/// Why a knowledge directory could not be read at all (as opposed to read and found wanting).
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    /// Where it was looked for is said in full, since a relative path is read from wherever Usher was
    /// started.
    #[error("knowledge directory {} does not exist (looked for {})", .0.display(), std::path::absolute(.0).unwrap_or_else(|_| .0.clone()).display())]
    Missing(PathBuf),
    #[error("{} is not a directory", .0.display())]
    NotADirectory(PathBuf),
    #[error("could not read {}: {source}", path.display())]
    Io { path: PathBuf, source: io::Error },
}

/// Every entry of every file, as written, before cross-file checks.
#[derive(Debug, Default)]
pub struct RawKnowledge {
    pub dir: PathBuf,
    pub files: Vec<SourceFile>,
    /// Per kind, its entries as parsed (`Parsed<K::Entry>`).
    parsed: ByKind,
    /// How many tables of each section were written, whether or not they parsed: a broken `[event]` is
    /// reported where it is, not as a missing event.
    pub tables: HashMap<&'static str, usize>,
    /// What was written but could not be parsed, so that its knock-on effects are not reported as
    /// problems of their own.
    pub unparsed: Unparsed,
    /// Entries written with `extends`, in file order, until they are applied to the entries they extend.
    extensions: Vec<Extension>,
    /// The ids of entries an extension hid (`hide = true`): gone from the knowledge, and a reference to
    /// one is not an error.
    pub hidden: HashSet<String>,
}

/// The `*.toml` files below `dir` (the extension in any case), sorted so that loading is deterministic,
/// and a warning for each thing skipped that looked like one.
///
/// Only regular files are read: a named pipe or device called `*.toml` would block the reader or never
/// end, so it is skipped with a warning. Symbolic links are followed, to files and to directories alike;
/// a directory reached a second time (a link loop, or two links to one place) is read once.
pub fn knowledge_files(dir: &Path) -> Result<(Vec<PathBuf>, Vec<Diagnostic>), ReadError> {
    let io_error = |path: &Path| {
        let path = path.to_path_buf();
        move |source| ReadError::Io { path, source }
    };
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
    let mut skipped = Vec::new();
    let mut seen = HashSet::new();
    seen.insert(fs::canonicalize(dir).map_err(io_error(dir))?);
    let mut pending = vec![dir.to_path_buf()];
    while let Some(current) = pending.pop() {
        for entry in fs::read_dir(&current).map_err(io_error(&current))? {
            let entry = entry.map_err(io_error(&current))?;
            let path = entry.path();
            // Editors leave hidden swap and backup files beside the real ones; they are never knowledge.
            if entry.file_name().to_string_lossy().starts_with('.') {
                continue;
            }
            let is_toml = path
                .extension()
                .is_some_and(|ext| ext.eq_ignore_ascii_case("toml"));
            // `metadata` follows a symbolic link to what it names.
            let meta = match fs::metadata(&path) {
                Ok(meta) => meta,
                Err(err) if is_toml => {
                    skipped.push(Diagnostic::at_path(
                        &path,
                        Severity::Warning,
                        format!("skipped: {err}"),
                    ));
                    continue;
                }
                Err(_) => continue,
            };
            if meta.is_dir() {
                if seen.insert(fs::canonicalize(&path).map_err(io_error(&path))?) {
                    pending.push(path);
                }
            } else if is_toml && meta.is_file() {
                files.push(path);
            } else if is_toml {
                skipped.push(Diagnostic::at_path(
                    &path,
                    Severity::Warning,
                    "skipped: not a regular file (a pipe, socket or device is never read)",
                ));
            }
        }
    }
    files.sort();
    skipped.sort_by(|a, b| a.path.cmp(&b.path));
    Ok((files, skipped))
}

/// When the knowledge below `dir` last changed: the newest modification time of its files. Exports that
/// must give the same bytes for the same knowledge (calendar files) stamp themselves with it, not with
/// the clock.
pub fn changed_at(dir: &Path) -> Result<jiff::Timestamp, ReadError> {
    let mut newest = jiff::Timestamp::UNIX_EPOCH;
    for path in knowledge_files(dir)?.0 {
        let modified = fs::metadata(&path)
            .and_then(|meta| meta.modified())
            .map_err(|source| ReadError::Io {
                path: path.clone(),
                source,
            })?;
        if let Ok(at) = jiff::Timestamp::try_from(modified) {
            newest = newest.max(at);
        }
    }
    Ok(newest)
}

/// A file's text without its byte-order mark, which is no part of the text: left in, it would count as the
/// first column.
pub(super) fn without_byte_order_mark(text: String) -> String {
    match text.strip_prefix('\u{feff}') {
        Some(rest) => rest.to_string(),
        None => text,
    }
}

/// Reads and parses every knowledge file below `dir`. Problems inside files become diagnostics; only an
/// unreadable directory or file is a [`ReadError`].
pub fn read_dir(dir: &Path) -> Result<(RawKnowledge, Vec<Diagnostic>), ReadError> {
    let (paths, mut diagnostics) = knowledge_files(dir)?;
    let mut texts: Vec<SourceFile> = Vec::new();
    let mut unparsed = Unparsed::default();
    for path in paths {
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
                unparsed.files += 1;
                continue;
            }
        };
        let text = without_byte_order_mark(text);
        texts.push(SourceFile::new(path, text));
    }
    // Parsing is most of loading a large programme, and files parse independently: each file is parsed
    // into a `RawKnowledge` of its own, on whichever thread is free, and they are joined in file order, so
    // the result is the same as parsing one by one.
    let threads = parallel::threads_for(texts.len(), 1);
    let jobs: Vec<parallel::Job<'_, (RawKnowledge, Vec<Diagnostic>)>> = texts
        .into_iter()
        .map(|file| {
            Box::new(move || {
                let mut raw = RawKnowledge::default();
                let mut found = Vec::new();
                raw.add_file(file, &mut found);
                (raw, found)
            }) as parallel::Job<'_, _>
        })
        .collect();
    let parsed = parallel::run(jobs, threads);
    let mut raw = RawKnowledge {
        dir: dir.to_path_buf(),
        unparsed,
        ..RawKnowledge::default()
    };
    for (share, found) in parsed {
        raw.append(share);
        diagnostics.extend(found);
    }
    raw.apply_extensions(&mut diagnostics);
    Ok((raw, diagnostics))
}

impl RawKnowledge {
    /// The entries of kind `K`, in file order.
    pub fn entries<K: Kind>(&self) -> &[Parsed<K::Entry>] {
        self.parsed.get::<Parsed<K::Entry>>()
    }

    /// Merges every extension (`extends`) into the entry it extends, once every file is read.
    pub fn apply_extensions(&mut self, diagnostics: &mut Vec<Diagnostic>) {
        let extensions = std::mem::take(&mut self.extensions);
        let applied = extend::apply(
            &self.files,
            &mut self.parsed,
            &extensions,
            &self.unparsed,
            diagnostics,
        );
        self.files.extend(applied.joined);
        self.hidden.extend(applied.hidden);
    }

    /// Adds another set of parsed files after this one's.
    pub fn append(&mut self, mut other: RawKnowledge) {
        /// Moves each kind's entries, their file indices shifted past this set's files.
        struct Append<'a> {
            into: &'a mut ByKind,
            from: &'a mut ByKind,
            offset: usize,
        }
        impl VisitKind for Append<'_> {
            fn visit<K: Kind>(&mut self) {
                let moved = self.from.take::<Parsed<K::Entry>>();
                self.into
                    .get_mut::<Parsed<K::Entry>>()
                    .extend(moved.into_iter().map(|mut p| {
                        p.file += self.offset;
                        p
                    }));
            }
        }
        let other_files = other.files.len();
        Kinds::each(&mut Append {
            into: &mut self.parsed,
            from: &mut other.parsed,
            offset: self.files.len(),
        });
        self.files.extend(other.files);
        for (section, count) in other.tables {
            *self.tables.entry(section).or_default() += count;
        }
        self.unparsed.files += other.unparsed.files;
        self.unparsed.ids.extend(other.unparsed.ids);
        let offset = self.files.len() - other_files;
        self.extensions
            .extend(other.extensions.into_iter().map(|mut e| {
                e.file += offset;
                e
            }));
    }

    /// Parses one file's text and adds its entries.
    pub fn add_file(&mut self, file: SourceFile, diagnostics: &mut Vec<Diagnostic>) {
        let index = self.files.len();
        let (table, syntax_errors) = DeTable::parse_recoverable(&file.text);
        for err in &syntax_errors {
            let span = err.span().unwrap_or(0..0);
            diagnostics.push(file.error(&span, syntax_message(&file.text, &span, err.message())));
        }
        if !syntax_errors.is_empty() {
            self.unparsed.files += 1;
        }
        // After a syntax error the recovered table may be partial; checking it anyway would report
        // "missing field" noise caused by the same mistake, so a broken file contributes only its
        // syntax errors.
        if syntax_errors.is_empty() {
            for (key, value) in table.into_inner() {
                let mut section = Section {
                    raw: self,
                    file: &file,
                    index,
                    name: key.get_ref(),
                    key_span: key.span(),
                    value: Some(value),
                    diagnostics,
                };
                Kinds::each(&mut section);
                if let Some(value) = section.value.take() {
                    let meant = unknown_section(&file, key.get_ref(), &key.span(), diagnostics);
                    // A misspelt `[evnt]` is the event written wrongly, not an event missing, and the
                    // ids in a misspelt `[[venu]]` are not unknown venues.
                    if let Some(meant) = meant {
                        *self.tables.entry(meant).or_default() += 1;
                        collect_ids(&value, &mut self.unparsed.ids);
                    }
                }
            }
        }
        self.files.push(file);
    }
}

/// One section of a file, handed to the kind whose section it is; the value is taken by that kind, so a
/// value left over is a section no kind has.
struct Section<'a, 'i> {
    raw: &'a mut RawKnowledge,
    file: &'a SourceFile,
    index: usize,
    name: &'a str,
    key_span: Range<usize>,
    value: Option<Spanned<DeValue<'i>>>,
    diagnostics: &'a mut Vec<Diagnostic>,
}

impl VisitKind for Section<'_, '_> {
    fn visit<K: Kind>(&mut self) {
        if K::SECTION != self.name {
            return;
        }
        let Some(value) = self.value.take() else {
            return;
        };
        let span = value.span();
        let name = self.name;
        let wrong_shape = match (K::SHAPE, value.get_ref()) {
            // A lone `[venue]` is what people write when there is only one; accept it as a list of one.
            (_, DeValue::Table(_)) | (Shape::Array, DeValue::Array(_)) => None,
            (Shape::Table, _) => Some(format!(
                "`{name}` must be a single table: write [{name}] once"
            )),
            (Shape::Array, _) => Some(format!(
                "`{name}` must be an array of tables: write [[{name}]] before each entry"
            )),
        };
        if let Some(message) = wrong_shape {
            self.diagnostics
                .push(self.file.error(&self.key_span, message));
            // The section is there, written wrongly: not missing, and what it names is not unknown.
            *self.raw.tables.entry(K::SECTION).or_default() += 1;
            collect_ids(&value, &mut self.raw.unparsed.ids);
            return;
        }
        let items = match value.into_inner() {
            DeValue::Array(items) => items.into_iter().collect(),
            table => vec![Spanned::new(span.clone(), table)],
        };
        let mut failures = Vec::new();
        for item in items {
            check_lengths(&item, K::SECTION, K::SECTION, self.file, self.diagnostics);
            // An extension is applied once every file is read, since what it extends may be in a file
            // read after it; it is not an entry of its own, so it is not counted as one.
            if let Some(extension) = extend::extension_of(&item, K::SECTION, self.index, self.file)
            {
                match extension {
                    Ok(extension) => self.raw.extensions.push(extension),
                    Err(diagnostic) => self.diagnostics.push(diagnostic),
                }
                continue;
            }
            *self.raw.tables.entry(K::SECTION).or_default() += 1;
            let list = self.raw.parsed.get_mut::<Parsed<K::Entry>>();
            if let Err(failure) = push(list, self.index, item) {
                failures.push(failure);
            }
        }
        if !failures.is_empty() {
            explain_failures(name, &failures, self.file, self.raw, self.diagnostics);
        }
    }
}

/// An entry that did not parse: the entry's span, and where and why it failed.
struct Failure {
    entry: Range<usize>,
    at: Range<usize>,
    message: String,
}

/// Reports entries that did not parse, and keeps their ids as defined (see [`Unparsed`]).
///
/// Deserialising takes the entry, so the file is parsed once more to see what the failed entries held:
/// only files with such mistakes pay for it.
fn explain_failures(
    section: &str,
    failures: &[Failure],
    file: &SourceFile,
    raw: &mut RawKnowledge,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let table = DeTable::parse(&file.text).ok();
    let written = table.as_ref().and_then(|t| t.get_ref().get(section));
    let entries: Vec<&Spanned<DeValue<'_>>> = match written.map(Spanned::get_ref) {
        Some(DeValue::Array(items)) => items.iter().collect(),
        Some(DeValue::Table(_)) => written.into_iter().collect(),
        _ => Vec::new(),
    };
    for failure in failures {
        let entry = entries.iter().find(|e| e.span() == failure.entry);
        if let Some(entry) = entry {
            collect_ids(entry, &mut raw.unparsed.ids);
        }
        let message = entry
            .and_then(|e| unknown_field_hint(e, section, &failure.at, &failure.message))
            .unwrap_or_else(|| failure.message.clone());
        diagnostics.push(file.error(&failure.at, message));
    }
}

/// Every string of an entry held to the limit of where it is shown (see [`limits`]).
fn check_lengths(
    value: &Spanned<DeValue<'_>>,
    section: &str,
    key: &str,
    file: &SourceFile,
    diagnostics: &mut Vec<Diagnostic>,
) {
    match value.get_ref() {
        DeValue::String(text) => {
            let Some(limit) = limits::of_field(section, key) else {
                return;
            };
            // Bytes are at least characters: counting only a text longer in bytes keeps this cheap.
            if text.len() > limit.characters {
                let length = text.chars().count();
                if length > limit.characters {
                    diagnostics.push(file.error(
                        &value.span(),
                        format!(
                            "`{key}` is {length} characters long; {} holds at most {}",
                            limit.shown_in, limit.characters
                        ),
                    ));
                }
            }
        }
        DeValue::Table(table) => {
            for (k, v) in table {
                check_lengths(v, section, k.get_ref(), file, diagnostics);
            }
        }
        DeValue::Array(items) => {
            for item in items {
                check_lengths(item, section, key, file, diagnostics);
            }
        }
        _ => {}
    }
}

/// A section no kind has: the nearest known one is suggested (and returned), or all of them listed.
fn unknown_section(
    file: &SourceFile,
    name: &str,
    span: &Range<usize>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<&'static str> {
    struct Names(Vec<&'static str>);
    impl VisitKind for Names {
        fn visit<K: Kind>(&mut self) {
            self.0.push(K::SECTION);
        }
    }
    let mut known = Names(Vec::new());
    Kinds::each(&mut known);
    let mut message = format!("unknown section `{name}`");
    let near = closest(name, &known.0);
    if let Some(near) = near {
        message.push_str(&format!(", did you mean `{near}`?"));
    } else {
        message.push_str(&format!(", expected one of {}", quoted_list(&known.0)));
    }
    diagnostics.push(file.error(span, message));
    near
}

/// Deserialises one entry; on failure says where and why.
fn push<T: DeserializeOwned>(
    list: &mut Vec<Parsed<T>>,
    index: usize,
    item: Spanned<DeValue<'_>>,
) -> Result<(), Failure> {
    let span = item.span();
    if !matches!(item.get_ref(), DeValue::Table(_)) {
        return Err(Failure {
            entry: span.clone(),
            at: span,
            message: "expected a table".to_string(),
        });
    }
    match T::deserialize(ValueDeserializer::from(item)) {
        Ok(entry) => {
            list.push(Parsed {
                entry,
                file: index,
                span,
            });
            Ok(())
        }
        Err(err) => Err(Failure {
            at: err.span().unwrap_or_else(|| span.clone()),
            entry: span,
            message: clean_message(err.message()),
        }),
    }
}

/// A syntax error's message; "duplicate key" names the key.
fn syntax_message(text: &str, span: &Range<usize>, message: &str) -> String {
    let message = clean_message(message);
    if message == "duplicate key" {
        if let Some(key) = text.get(span.clone()) {
            let key = key.trim().trim_matches(['"', '\'']);
            if !key.is_empty() {
                return format!("duplicate key `{key}`: it is already set above");
            }
        }
    }
    message
}
