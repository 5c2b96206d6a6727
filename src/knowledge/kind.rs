//! What every kind of entry has in common: how a kind declares itself ([`Kind`]), how the list of kinds is
//! walked ([`KindList`]), where parsed and checked entries are kept, and the context a kind is checked in
//! ([`Check`]): the files, the ids of every entry, the event's time zone and window, and the diagnostics.
//!
//! Each kind is one module in `kinds/`, and the list of them is `kinds::Kinds`. Nothing here names a
//! kind, so a new kind needs nothing from this file but its trait.

use std::any::{Any, TypeId};
use std::collections::{HashMap, HashSet};
use std::fmt;
use std::ops::Range;
use std::path::Path;

use jiff::ZonedDateTime;
use jiff::civil::DateTime;
use jiff::tz::{Offset, TimeZone};
use rustc_hash::FxHashMap;
use serde::de::DeserializeOwned;
use toml::Spanned;
use toml::value::Datetime;

use super::check_place::offset_text;
use super::diagnostic::{Diagnostic, Origin, Severity, SourceFile};
use super::links;

/// A string with the place it was written.
pub type Text = Spanned<String>;

/// A kind of entry the knowledge files hold: how it is written (its schema, [`Kind::Entry`]), how it is
/// checked, and the model it becomes (the type implementing this trait).
pub trait Kind: Sized + fmt::Debug + Send + Sync + 'static {
    /// The section it is written in, and its name in messages: `venue` for `[[venue]]`.
    const SECTION: &'static str;
    /// Whether the section is one table (`[event]`) or a list of tables (`[[venue]]`).
    const SHAPE: Shape = Shape::Array;
    /// The kind, as references and ids name it.
    const KIND: EntryKind = EntryKind::named(Self::SECTION);
    /// How `usher check` counts it: one, and more than one.
    const COUNTED: [&'static str; 2];
    /// The entry as written, strict about unknown fields.
    type Entry: DeserializeOwned + fmt::Debug + Send + Sync + 'static;

    /// The entry's id, if the kind has ids.
    fn id(_entry: &Self::Entry) -> Option<&Text> {
        None
    }

    /// Registers what the entries declare before any is checked, so references may point forwards and
    /// across files: by default the id of each.
    fn register(entries: &[Parsed<Self::Entry>], cx: &mut Check<'_>) {
        for (index, p) in entries.iter().enumerate() {
            if let Some(id) = Self::id(&p.entry) {
                cx.register(p.file, id, Self::KIND, (index, 0));
            }
        }
    }

    /// The words a question may name the entry by (keywords, aliases): two kinds sharing one is warned
    /// about.
    fn keywords(_entry: &Self::Entry) -> Vec<&Text> {
        Vec::new()
    }

    /// Checks one entry and builds its model; `None` when it cannot be built (the reason is reported).
    fn check(parsed: &Parsed<Self::Entry>, cx: &mut Check<'_>) -> Option<Self>;

    /// Checks every entry of the kind. By default each on its own; a kind whose entries are checked
    /// together (no two sessions in one room at once) or that links itself to a kind checked before it
    /// does more here.
    fn check_all(entries: &[Parsed<Self::Entry>], cx: &mut Check<'_>) -> Vec<Self> {
        entries.iter().filter_map(|p| Self::check(p, cx)).collect()
    }
}

/// Whether a section is written as one table or as a list of tables.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    Table,
    Array,
}

/// A kind of thing with an id, as messages name it: every kind of entry, and the rooms inside venues.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct EntryKind {
    noun: &'static str,
    /// What to say when a reference finds none of this kind, if not "no [[noun]] is defined".
    none_defined: Option<&'static str>,
}

impl EntryKind {
    /// The kind called `noun` ("venue"). A reference names the kind it points at this way, so that two
    /// kinds that point at each other (sessions and speakers) need not import each other.
    pub const fn named(noun: &'static str) -> EntryKind {
        EntryKind {
            noun,
            none_defined: None,
        }
    }

    /// A kind written inside entries of another (rooms inside venues), with what to say when there is
    /// none.
    pub const fn nested(noun: &'static str, none_defined: &'static str) -> EntryKind {
        EntryKind {
            noun,
            none_defined: Some(none_defined),
        }
    }

    pub fn noun(self) -> &'static str {
        self.noun
    }
}

/// One parsed entry, with the file it came from and its span there.
#[derive(Debug, Clone)]
pub struct Parsed<T> {
    pub entry: T,
    /// Index into the knowledge's files.
    pub file: usize,
    pub span: Range<usize>,
}

/// Walks every kind of a list, in order, with a [`VisitKind`].
pub trait KindList {
    fn each<V: VisitKind>(visitor: &mut V);
}

/// Something done for each kind of entry: parsing its section, registering its ids, checking it.
pub trait VisitKind {
    fn visit<K: Kind>(&mut self);
}

impl KindList for () {
    fn each<V: VisitKind>(_visitor: &mut V) {}
}

impl<Head: Kind, Tail: KindList> KindList for (Head, Tail) {
    fn each<V: VisitKind>(visitor: &mut V) {
        visitor.visit::<Head>();
        Tail::each(visitor);
    }
}

/// The list type of some kinds: `kinds![A, B]` is `(A, (B, ()))`, which [`KindList`] walks in order.
macro_rules! kinds {
    () => { () };
    ($head:ty $(, $tail:ty)* $(,)?) => { ($head, $crate::knowledge::kind::kinds![$($tail),*]) };
}
pub(crate) use kinds;

/// Values of every kind, one list per kind, found by the kind's type.
#[derive(Default)]
pub struct ByKind {
    lists: FxHashMap<TypeId, Box<dyn Any + Send + Sync>>,
}

impl ByKind {
    /// The list kept for `T`; empty if none was.
    pub fn get<T: Send + Sync + 'static>(&self) -> &[T] {
        self.lists
            .get(&TypeId::of::<T>())
            .and_then(|list| list.downcast_ref::<Vec<T>>())
            .map_or(&[], Vec::as_slice)
    }

    /// The list kept for `T`, made empty if there was none.
    pub fn get_mut<T: Send + Sync + 'static>(&mut self) -> &mut Vec<T> {
        let list = self
            .lists
            .entry(TypeId::of::<T>())
            .or_insert_with(|| Box::new(Vec::<T>::new()));
        // The list under `T`'s type id is only ever a `Vec<T>`: this method and `put` are the only
        // writers, and both key it so.
        list.downcast_mut::<Vec<T>>()
            .expect("the list kept under a type's id holds that type")
    }

    /// Keeps `list` as the list for `T`.
    pub fn put<T: Send + Sync + 'static>(&mut self, list: Vec<T>) {
        self.lists.insert(TypeId::of::<T>(), Box::new(list));
    }

    /// Takes the list kept for `T`, leaving none.
    pub fn take<T: Send + Sync + 'static>(&mut self) -> Vec<T> {
        self.lists
            .remove(&TypeId::of::<T>())
            .and_then(|list| list.downcast::<Vec<T>>().ok())
            .map_or_else(Vec::new, |list| *list)
    }
}

impl fmt::Debug for ByKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ByKind")
            .field("kinds", &self.lists.len())
            .finish_non_exhaustive()
    }
}

/// An id as registered: what it names and where it was written.
struct Registered {
    kind: EntryKind,
    /// The entry's position among its kind, and for a nested kind its position inside that entry.
    at: (usize, usize),
    origin: Origin,
}

/// What was written but could not be parsed. A reference to an entry that failed to parse is not
/// "unknown", and a file that is not TOML may hold anything: one mistake is reported once, at its place,
/// and not again as every reference and requirement it breaks.
#[derive(Debug, Default)]
pub struct Unparsed {
    /// Files that are not valid UTF-8 or TOML: nothing can be said about what they define.
    pub files: usize,
    /// The ids written in entries (and in the tables inside them, such as rooms) that did not parse.
    pub ids: HashSet<String>,
}

/// The context every kind is checked in.
pub struct Check<'a> {
    files: &'a [SourceFile],
    dir: &'a Path,
    diags: &'a mut Vec<Diagnostic>,
    ids: FxHashMap<String, Registered>,
    /// The kinds that have ids, so a reference to a kind that does not exist is caught at once.
    kinds: Vec<EntryKind>,
    tables: &'a HashMap<&'static str, usize>,
    unparsed: &'a Unparsed,
    /// The ids of entries an extension hid (`hide = true`): a reference to one is not an error.
    hidden: &'a HashSet<String>,
    /// The event's time zone, which every time is read in: UTC until the event's own is known, and if it
    /// is not valid.
    pub time_zone: TimeZone,
    /// The event's start and end, when both are valid.
    pub window: Option<(ZonedDateTime, ZonedDateTime)>,
    /// The entries of the kinds checked so far.
    pub checked: ByKind,
    stopped: bool,
}

impl<'a> Check<'a> {
    pub(crate) fn new(
        files: &'a [SourceFile],
        dir: &'a Path,
        tables: &'a HashMap<&'static str, usize>,
        unparsed: &'a Unparsed,
        hidden: &'a HashSet<String>,
        diags: &'a mut Vec<Diagnostic>,
    ) -> Check<'a> {
        Check {
            files,
            dir,
            diags,
            ids: FxHashMap::default(),
            kinds: Vec::new(),
            tables,
            unparsed,
            hidden,
            time_zone: TimeZone::UTC,
            window: None,
            checked: ByKind::default(),
            stopped: false,
        }
    }

    /// The file an entry was parsed from.
    pub fn file(&self, index: usize) -> &'a SourceFile {
        &self.files[index]
    }

    /// The knowledge directory, for problems that are in no one file.
    pub fn dir(&self) -> &'a Path {
        self.dir
    }

    /// How many tables of `section` were written, whether or not they parsed.
    pub fn written(&self, section: &str) -> usize {
        self.tables.get(section).copied().unwrap_or(0)
    }

    /// Whether a file could not be parsed at all: it may hold anything, so nothing can be said to be
    /// missing.
    pub fn incomplete(&self) -> bool {
        self.unparsed.files > 0
    }

    /// Stops the checking after this kind: nothing else can be checked without it.
    pub fn stop(&mut self) {
        self.stopped = true;
    }

    pub(crate) fn stopped(&self) -> bool {
        self.stopped
    }

    pub fn push(&mut self, diagnostic: Diagnostic) {
        self.diags.push(diagnostic);
    }

    pub fn error(&mut self, file: &SourceFile, span: &Range<usize>, message: impl Into<String>) {
        self.diags.push(file.error(span, message));
    }

    pub fn warning(&mut self, file: &SourceFile, span: &Range<usize>, message: impl Into<String>) {
        self.diags.push(file.warning(span, message));
    }

    /// Declares that ids of `kind` exist, whether or not any entry has one.
    pub fn declare(&mut self, kind: EntryKind) {
        if !self.kinds.contains(&kind) {
            self.kinds.push(kind);
        }
    }

    /// Registers an id of `kind` at `at`: its position among its kind, and inside its entry for a nested
    /// kind. A second use of one id is an error.
    pub fn register(&mut self, file: usize, id: &Text, kind: EntryKind, at: (usize, usize)) {
        let file = self.file(file);
        let name = id.get_ref();
        if !valid_id(name) {
            self.error(
                file,
                &id.span(),
                format!("invalid id `{name}`: use lower-case letters, digits, `-`, `_` and `.`"),
            );
        }
        if let Some(existing) = self.ids.get(name) {
            let message = format!(
                "duplicate id `{name}`: already the id of the {} at {}",
                existing.kind.noun(),
                existing.origin
            );
            self.error(file, &id.span(), message);
            return;
        }
        self.ids.insert(
            name.clone(),
            Registered {
                kind,
                at,
                origin: Origin::new(file, &id.span()),
            },
        );
    }

    /// The entry a reference names, if it is one of the `want` kind: its position among its kind, and
    /// for a nested kind its position inside that entry. Otherwise the problem is reported.
    pub fn resolve_at(
        &mut self,
        file: &SourceFile,
        reference: &Text,
        want: EntryKind,
    ) -> Option<(usize, usize)> {
        debug_assert!(
            self.kinds.contains(&want),
            "a reference to `{}`, a kind that is not declared",
            want.noun()
        );
        let name = reference.get_ref();
        match self.ids.get(name) {
            Some(found) if found.kind == want => Some(found.at),
            Some(found) => {
                let message = format!("`{name}` is a {}, not a {}", found.kind.noun(), want.noun());
                self.error(file, &reference.span(), message);
                None
            }
            // The entry may be one that did not parse, or in a file that did not: its own error says why.
            // Or it was hidden, which is the point of hiding it: what named it simply loses it.
            None if self.unparsed.ids.contains(name)
                || self.hidden.contains(name)
                || self.incomplete() =>
            {
                None
            }
            None => {
                let candidates: Vec<&str> = self
                    .ids
                    .iter()
                    .filter(|(_, r)| r.kind == want)
                    .map(|(id, _)| id.as_str())
                    .collect();
                let mut message = format!("unknown {} `{name}`", want.noun());
                if let Some(near) = closest(name, &candidates) {
                    message.push_str(&format!(", did you mean `{near}`?"));
                } else if candidates.is_empty() {
                    match want.none_defined {
                        Some(none) => message.push_str(&format!(": {none}")),
                        None => message.push_str(&format!(": no [[{}]] is defined", want.noun())),
                    }
                }
                self.error(file, &reference.span(), message);
                None
            }
        }
    }

    /// The position among its kind of the entry a reference names, if it is one of the `want` kind.
    pub fn resolve(
        &mut self,
        file: &SourceFile,
        reference: &Text,
        want: EntryKind,
    ) -> Option<usize> {
        self.resolve_at(file, reference, want)
            .map(|(index, _)| index)
    }

    /// Every reference of a list resolved; one listed twice is warned about and kept once.
    pub fn resolve_all(&mut self, file: &SourceFile, refs: &[Text], want: EntryKind) -> Vec<usize> {
        let mut out: Vec<usize> = Vec::new();
        for r in refs {
            if let Some(i) = self.resolve(file, r, want) {
                if out.contains(&i) {
                    self.warning(
                        file,
                        &r.span(),
                        format!("`{}` is listed twice", r.get_ref()),
                    );
                } else {
                    out.push(i);
                }
            }
        }
        out
    }

    /// Keywords, aliases and the like: non-empty, trimmed strings.
    pub fn words(&mut self, file: &SourceFile, list: &[Text], what: &str) -> Vec<String> {
        list.iter()
            .filter_map(|w| {
                let trimmed = w.get_ref().trim();
                if trimmed.is_empty() {
                    self.error(file, &w.span(), format!("empty {what}"));
                    None
                } else {
                    Some(trimmed.to_string())
                }
            })
            .collect()
    }

    /// A link must be a web link (see [`links::problem`]).
    pub fn url(&mut self, file: &SourceFile, span: &Range<usize>, field: &str, url: &str) {
        if let Some(problem) = links::problem(url) {
            self.error(
                file,
                span,
                format!("`{field}` must be a web link: {problem}"),
            );
        }
    }

    /// A link written where its place is known, checked as [`Check::url`].
    pub fn link(&mut self, file: &SourceFile, link: &Text, field: &str) {
        self.url(file, &link.span(), field, link.get_ref());
    }

    /// Places a TOML datetime in the event's time zone: one with an offset is an instant; a local one is
    /// read in the zone and must not fall in a daylight-saving gap or fold, where it would name no instant
    /// or two.
    pub fn zoned(&mut self, file: &SourceFile, value: &Spanned<Datetime>) -> Option<ZonedDateTime> {
        match to_zoned(value.get_ref(), &self.time_zone) {
            Ok(z) => {
                if let Some(written) = written_offset(value.get_ref()) {
                    let zone = z.offset();
                    if written != zone {
                        let (written, zone) = (offset_text(written), offset_text(zone));
                        self.warning(
                            file,
                            &value.span(),
                            format!(
                                "`{}` has the offset {written}, but {} is {zone} then: the time is read as {}",
                                value.get_ref(),
                                self.time_zone.iana_name().unwrap_or("the event's time zone"),
                                show(&z)
                            ),
                        );
                    }
                }
                Some(z)
            }
            Err(message) => {
                self.error(file, &value.span(), message);
                None
            }
        }
    }
}

/// For a kind written once (`[event]`): each table after the first is an error, saying `what` and where
/// the first one is.
pub fn only_one<T>(entries: &[Parsed<T>], cx: &mut Check<'_>, what: &str) {
    let Some(first) = entries.first() else {
        return;
    };
    let origin = Origin::new(cx.file(first.file), &first.span);
    for extra in &entries[1..] {
        cx.error(cx.file(extra.file), &extra.span, format!("{what} {origin}"));
    }
}

/// A problem with no place in a file, such as a directory with no event.
pub fn in_no_file(dir: &Path, message: impl Into<String>) -> Diagnostic {
    Diagnostic {
        path: dir.to_path_buf(),
        line: 0,
        col: 0,
        severity: Severity::Error,
        message: message.into(),
    }
}

fn valid_id(id: &str) -> bool {
    !id.is_empty()
        && id.chars().all(|c| {
            c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_' || c == '.'
        })
}

/// The years a time in the knowledge may be in. Anything outside is a slip of the keyboard (year 0001,
/// 9999-12-31 as a placeholder), not an event anyone is asking about, and near the ends of the calendar
/// the time-zone arithmetic itself runs out; so it is an error, said as such.
pub const YEARS: std::ops::RangeInclusive<u16> = 1900..=2200;

/// The offset written on a TOML datetime, if it has one.
fn written_offset(value: &Datetime) -> Option<Offset> {
    let minutes = match value.offset? {
        toml::value::Offset::Z => 0,
        toml::value::Offset::Custom { minutes } => i32::from(minutes),
    };
    Offset::from_seconds(minutes * 60).ok()
}

/// A TOML datetime in `tz`, or why it is not one instant there.
fn to_zoned(value: &Datetime, tz: &TimeZone) -> Result<ZonedDateTime, String> {
    let (Some(date), Some(time)) = (value.date, value.time) else {
        return Err(format!(
            "`{value}` needs a date and a time, e.g. 2015-04-30T14:00:00"
        ));
    };
    if !YEARS.contains(&date.year) {
        return Err(format!(
            "the year {} is not plausible for an event: use a year from {} to {}",
            date.year,
            YEARS.start(),
            YEARS.end()
        ));
    }
    let civil = DateTime::new(
        i16::try_from(date.year).map_err(|_| format!("year {} is out of range", date.year))?,
        i8::try_from(date.month).unwrap_or(i8::MAX),
        i8::try_from(date.day).unwrap_or(i8::MAX),
        i8::try_from(time.hour).unwrap_or(i8::MAX),
        i8::try_from(time.minute).unwrap_or(i8::MAX),
        i8::try_from(time.second.unwrap_or(0)).unwrap_or(i8::MAX),
        i32::try_from(time.nanosecond.unwrap_or(0)).unwrap_or(i32::MAX),
    )
    .map_err(|err| format!("invalid date or time `{value}`: {err}"))?;
    match value.offset {
        Some(offset) => {
            let minutes = match offset {
                toml::value::Offset::Z => 0,
                toml::value::Offset::Custom { minutes } => i32::from(minutes),
            };
            let offset = Offset::from_seconds(minutes * 60).map_err(|err| format!("invalid offset in `{value}`: {err}"))?;
            let instant = offset
                .to_timestamp(civil)
                .map_err(|err| format!("`{value}` is out of range: {err}"))?;
            Ok(instant.to_zoned_datetime(tz.clone()))
        }
        None => tz.to_ambiguous_zoned_datetime(civil).unambiguous().map_err(|_| {
            format!(
                "`{value}` does not name one instant in {} (a daylight-saving change): add an offset such as +02:00",
                tz.iana_name().unwrap_or("the event's time zone")
            )
        }),
    }
}

/// A time for messages: the local date and time with its offset.
pub fn show(z: &ZonedDateTime) -> String {
    z.strftime("%Y-%m-%d %H:%M %:z").to_string()
}

/// The candidate nearest to `word` by edit distance, if it is plausibly a typo of it.
pub(crate) fn closest<'c>(word: &str, candidates: &[&'c str]) -> Option<&'c str> {
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
