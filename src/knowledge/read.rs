//! Reading a knowledge directory: every `*.toml` file below it, parsed entry by entry.
//!
//! Each entry is deserialised on its own, so one mistake does not hide the next: a file with three broken
//! entries yields three diagnostics, and a syntax error in one file does not stop the others being checked.

use std::collections::HashMap;
use std::fs;
use std::io;
use std::ops::Range;
use std::path::{Path, PathBuf};

use serde::de::DeserializeOwned;
use toml::Spanned;
use toml::de::{DeTable, DeValue, ValueDeserializer};

use super::diagnostic::{Diagnostic, SourceFile};
use super::kind::{ByKind, Kind, KindList, Parsed, Shape, VisitKind, closest, quoted_list};
use super::kinds::Kinds;

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

/// When the knowledge below `dir` last changed: the newest modification time of its files. Exports that
/// must give the same bytes for the same knowledge (calendar files) stamp themselves with it, not with
/// the clock.
pub fn changed_at(dir: &Path) -> Result<jiff::Timestamp, ReadError> {
    let mut newest = jiff::Timestamp::UNIX_EPOCH;
    for path in knowledge_files(dir)? {
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

impl RawKnowledge {
    /// The entries of kind `K`, in file order.
    pub fn entries<K: Kind>(&self) -> &[Parsed<K::Entry>] {
        self.parsed.get::<Parsed<K::Entry>>()
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
        Kinds::each(&mut Append {
            into: &mut self.parsed,
            from: &mut other.parsed,
            offset: self.files.len(),
        });
        self.files.extend(other.files);
        for (section, count) in other.tables {
            *self.tables.entry(section).or_default() += count;
        }
    }

    /// Parses one file's text and adds its entries.
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
                if section.value.is_some() {
                    unknown_section(&file, key.get_ref(), &key.span(), diagnostics);
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
        let name = self.name;
        let items = match (K::SHAPE, value.get_ref()) {
            // A lone `[venue]` is what people write when there is only one; accept it as a list of one.
            (_, DeValue::Table(_)) => vec![value],
            (Shape::Table, _) => {
                self.diagnostics.push(self.file.error(
                    &self.key_span,
                    format!("`{name}` must be a single table: write [{name}] once"),
                ));
                return;
            }
            (Shape::Array, DeValue::Array(items)) => items.iter().cloned().collect(),
            (Shape::Array, _) => {
                self.diagnostics.push(self.file.error(
                    &self.key_span,
                    format!(
                        "`{name}` must be an array of tables: write [[{name}]] before each entry"
                    ),
                ));
                return;
            }
        };
        *self.raw.tables.entry(K::SECTION).or_default() += items.len();
        let list = self.raw.parsed.get_mut::<Parsed<K::Entry>>();
        for item in items {
            push(list, self.file, self.index, item, self.diagnostics);
        }
    }
}

/// A section no kind has: the nearest known one is suggested, or all of them listed.
fn unknown_section(
    file: &SourceFile,
    name: &str,
    span: &Range<usize>,
    diagnostics: &mut Vec<Diagnostic>,
) {
    struct Names(Vec<&'static str>);
    impl VisitKind for Names {
        fn visit<K: Kind>(&mut self) {
            self.0.push(K::SECTION);
        }
    }
    let mut known = Names(Vec::new());
    Kinds::each(&mut known);
    let mut message = format!("unknown section `{name}`");
    if let Some(near) = closest(name, &known.0) {
        message.push_str(&format!(", did you mean `{near}`?"));
    } else {
        message.push_str(&format!(", expected one of {}", quoted_list(&known.0)));
    }
    diagnostics.push(file.error(span, message));
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
