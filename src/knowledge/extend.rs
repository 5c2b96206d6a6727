//! Extensions: an entry written with `extends = "<id>"` adds to the entry with that id written in another
//! file, typically one `usher import` wrote, so that a maintainer corrects and enriches an imported
//! programme without editing files the next import replaces.
//!
//! An extension is merged into its target as written, before either is checked: lists (keywords,
//! speakers, links) add to the target's, and every other value replaces the target's. A list of tables
//! with ids (a venue's `rooms`) is merged item by item, so an extension may also correct one room. Several
//! extensions of one entry apply in file order. `hide = true` removes the target instead, and references
//! to it are then not errors.
//!
//! The merged entry is read from a joined file ([`SourceFile::joined`]), so each of its values is still
//! reported at the file and line it was written at.

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use serde::de::DeserializeOwned;
use toml::Spanned;
use toml::de::{DeArray, DeTable, DeValue, ValueDeserializer};

use super::diagnostic::{Diagnostic, SourceFile};
use super::kind::{ByKind, Kind, KindList, Parsed, Shape, Unparsed, VisitKind, closest};
use super::kinds::Kinds;

/// The key that makes an entry an extension.
const EXTENDS: &str = "extends";
/// The key that hides an extension's target.
const HIDE: &str = "hide";

/// An entry that adds to one written elsewhere, as found in its file.
#[derive(Debug)]
pub struct Extension {
    section: &'static str,
    pub file: usize,
    /// The extension's own span in its file, to find it again when it is applied.
    span: Range<usize>,
    target: Spanned<String>,
    hide: Option<Spanned<bool>>,
}

/// The extension an entry is, if it has an `extends` key; an error if that extension is written wrongly.
pub fn extension_of(
    item: &Spanned<DeValue<'_>>,
    section: &'static str,
    file_index: usize,
    file: &SourceFile,
) -> Option<Result<Extension, Diagnostic>> {
    let DeValue::Table(table) = item.get_ref() else {
        return None;
    };
    let extends = table.get(EXTENDS)?;
    let Some(target) = extends.get_ref().as_str() else {
        return Some(Err(file.error(
            &extends.span(),
            format!("`{EXTENDS}` must be the id of the {section} it adds to, in quotes"),
        )));
    };
    if let Some((key, _)) = table.get_key_value("id") {
        return Some(Err(file.error(
            &key.span(),
            format!(
                "an extension has no id of its own: it adds to the {section} `{target}`; remove `id`"
            ),
        )));
    }
    let hide = match table.get(HIDE) {
        None => None,
        Some(value) => match value.get_ref().as_bool() {
            Some(hide) => Some(Spanned::new(value.span(), hide)),
            None => {
                return Some(Err(
                    file.error(&value.span(), format!("`{HIDE}` must be true or false"))
                ));
            }
        },
    };
    Some(Ok(Extension {
        section,
        file: file_index,
        span: item.span(),
        target: Spanned::new(extends.span(), target.to_string()),
        hide,
    }))
}

/// What applying the extensions made: the joined files the merged entries are read from (to be added
/// after the knowledge's files), and the ids of the entries hidden.
pub struct Applied {
    pub joined: Vec<SourceFile>,
    pub hidden: HashSet<String>,
}

/// Merges each extension into the entry it extends, in `parsed`, or reports why it cannot.
pub fn apply(
    files: &[SourceFile],
    parsed: &mut ByKind,
    extensions: &[Extension],
    unparsed: &Unparsed,
    diagnostics: &mut Vec<Diagnostic>,
) -> Applied {
    let mut applied = Applied {
        joined: Vec::new(),
        hidden: HashSet::new(),
    };
    if extensions.is_empty() {
        return applied;
    }
    let mut ids = IdsByKind {
        parsed,
        ids: HashMap::new(),
    };
    Kinds::each(&mut ids);
    let ids = ids.ids;
    Kinds::each(&mut ApplyKind {
        files,
        parsed,
        extensions,
        unparsed,
        ids: &ids,
        diagnostics,
        applied: &mut applied,
        joined_for: HashMap::new(),
        documents: HashMap::new(),
    });
    applied
}

/// The section of every id written, to tell an extension of the wrong kind from one of no entry.
struct IdsByKind<'p> {
    parsed: &'p ByKind,
    ids: HashMap<String, &'static str>,
}

impl VisitKind for IdsByKind<'_> {
    fn visit<K: Kind>(&mut self) {
        for p in self.parsed.get::<Parsed<K::Entry>>() {
            if let Some(id) = K::id(&p.entry) {
                self.ids.entry(id.get_ref().clone()).or_insert(K::SECTION);
            }
        }
    }
}

/// Applies the extensions of one kind at a time.
struct ApplyKind<'f, 'x> {
    files: &'f [SourceFile],
    parsed: &'x mut ByKind,
    extensions: &'x [Extension],
    unparsed: &'x Unparsed,
    ids: &'x HashMap<String, &'static str>,
    diagnostics: &'x mut Vec<Diagnostic>,
    applied: &'x mut Applied,
    /// The joined file made for a target's file and its extensions' files, by those files' indices.
    joined_for: HashMap<Vec<usize>, usize>,
    /// Each file read back as TOML, parsed once however many extensions it holds or is the target of.
    documents: HashMap<usize, Option<Spanned<DeTable<'f>>>>,
}

impl VisitKind for ApplyKind<'_, '_> {
    fn visit<K: Kind>(&mut self) {
        let mut targets: Vec<&str> = Vec::new();
        for e in self.extensions.iter().filter(|e| e.section == K::SECTION) {
            if !targets.contains(&e.target.get_ref().as_str()) {
                targets.push(e.target.get_ref());
            }
        }
        let mut hidden = Vec::new();
        for target in targets {
            let group: Vec<&Extension> = self
                .extensions
                .iter()
                .filter(|e| e.section == K::SECTION && e.target.get_ref() == target)
                .collect();
            let list = self.parsed.get::<Parsed<K::Entry>>();
            let found = list
                .iter()
                .position(|p| K::id(&p.entry).is_some_and(|id| id.get_ref() == target))
                .map(|index| (index, list[index].file, list[index].span.clone()));
            let Some((index, file, span)) = found else {
                self.no_target::<K>(group[0]);
                continue;
            };
            if let Some(hide) = group
                .iter()
                .find_map(|e| e.hide.as_ref().filter(|h| *h.get_ref()))
            {
                if K::SHAPE == Shape::Table {
                    let file = &self.files[group[0].file];
                    let message = format!("the {} cannot be hidden", K::SECTION);
                    self.diagnostics.push(file.error(&hide.span(), message));
                } else {
                    hidden.push(index);
                    // The ids inside it (a hidden venue's rooms) go with it.
                    if let Some(entry) = self.entry(K::SECTION, file, &span) {
                        super::hints::collect_ids(&entry, &mut self.applied.hidden);
                    }
                    self.applied.hidden.insert(target.to_string());
                }
                continue;
            }
            if let Some(merged) = self.merge::<K>(file, span, &group) {
                self.parsed.get_mut::<Parsed<K::Entry>>()[index] = merged;
            }
        }
        hidden.sort_unstable();
        let list = self.parsed.get_mut::<Parsed<K::Entry>>();
        for index in hidden.into_iter().rev() {
            list.remove(index);
        }
    }
}

impl<'f> ApplyKind<'f, '_> {
    /// Reports an extension whose target is not an entry of its kind, unless the target is one that did
    /// not parse (its own error says why).
    fn no_target<K: Kind>(&mut self, extension: &Extension) {
        let target = extension.target.get_ref();
        if self.unparsed.ids.contains(target) || self.unparsed.files > 0 {
            return;
        }
        let section = K::SECTION;
        let message = if let Some(other) = self.ids.get(target) {
            format!("`{target}` is a {other}, not a {section}")
        } else {
            let mut candidates: Vec<&str> = self
                .ids
                .iter()
                .filter(|(_, s)| **s == section)
                .map(|(id, _)| id.as_str())
                .collect();
            // Sorted, so that of two ids equally near the same one is named every time.
            candidates.sort_unstable();
            let mut message = format!("`{EXTENDS}` names no {section}: unknown id `{target}`");
            if let Some(near) = closest(target, &candidates) {
                message.push_str(&format!(", did you mean `{near}`?"));
            }
            message
        };
        let file = &self.files[extension.file];
        self.diagnostics
            .push(file.error(&extension.target.span(), message));
    }

    /// The target merged with its extensions, in the joined file of their files; `None` (with the
    /// problem reported) when the merged entry does not parse, in which case the target stays as it was.
    fn merge<K: Kind>(
        &mut self,
        target_file: usize,
        span: Range<usize>,
        group: &[&Extension],
    ) -> Option<Parsed<K::Entry>> {
        let mut key = vec![target_file];
        for e in group {
            if !key.contains(&e.file) {
                key.push(e.file);
            }
        }
        let (joined, offsets) =
            SourceFile::joined(key.iter().map(|&i| self.files[i].clone()).collect());
        let offset_of = |file: usize| offsets[key.iter().position(|&i| i == file).unwrap_or(0)];
        let mut merged = self.entry(K::SECTION, target_file, &span)?;
        for e in group {
            let Some(extension) = self.entry(K::SECTION, e.file, &e.span) else {
                continue;
            };
            merge_into(&mut merged, shifted(extension, offset_of(e.file)));
        }
        let copy = merged.clone();
        let parsed = match K::Entry::deserialize_from(merged) {
            Ok(entry) => entry,
            Err(err) => {
                let at = err.span().unwrap_or_else(|| span.clone());
                let message = super::hints::clean_message(err.message());
                let message = super::hints::unknown_field_hint(&copy, K::SECTION, &at, &message)
                    .unwrap_or(message);
                self.diagnostics.push(joined.error(&at, message));
                return None;
            }
        };
        let file = if let Some(&file) = self.joined_for.get(&key) {
            file
        } else {
            let file = self.files.len() + self.applied.joined.len();
            self.applied.joined.push(joined);
            self.joined_for.insert(key, file);
            file
        };
        Some(Parsed {
            entry: parsed,
            file,
            span,
        })
    }

    /// The entry of `section` written at `span` in a file, read back from the file's text.
    fn entry(
        &mut self,
        section: &str,
        file: usize,
        span: &Range<usize>,
    ) -> Option<Spanned<DeValue<'f>>> {
        let files = self.files;
        let document = self
            .documents
            .entry(file)
            .or_insert_with(|| DeTable::parse(&files[file].text).ok())
            .as_ref()?;
        let written = document.get_ref().get(section)?;
        match written.get_ref() {
            DeValue::Array(items) => items.iter().find(|e| e.span() == *span).cloned(),
            DeValue::Table(_) if written.span() == *span => Some(written.clone()),
            _ => None,
        }
    }
}

/// Deserialising an entry from a value, in one place for the generic code above.
trait FromValue: Sized {
    fn deserialize_from(value: Spanned<DeValue<'_>>) -> Result<Self, toml::de::Error>;
}

impl<T: DeserializeOwned> FromValue for T {
    fn deserialize_from(value: Spanned<DeValue<'_>>) -> Result<Self, toml::de::Error> {
        T::deserialize(ValueDeserializer::from(value))
    }
}

/// Adds an extension's values to an entry: lists add, tables in lists with the same `id` merge, every
/// other value replaces. The keys that make it an extension are not values of the entry.
fn merge_into<'i>(entry: &mut Spanned<DeValue<'i>>, extension: Spanned<DeValue<'i>>) {
    let (DeValue::Table(into), DeValue::Table(from)) = (entry.get_mut(), extension.into_inner())
    else {
        return;
    };
    merge_tables(into, from, true);
}

fn merge_tables<'i>(into: &mut DeTable<'i>, from: DeTable<'i>, top: bool) {
    for (key, value) in from {
        if top && (key.get_ref() == EXTENDS || key.get_ref() == HIDE) {
            continue;
        }
        let existing = into.get_mut(key.get_ref().as_ref());
        if let (Some(DeValue::Array(items)), DeValue::Array(_)) =
            (existing.map(Spanned::get_mut), value.get_ref())
        {
            if let DeValue::Array(added) = value.into_inner() {
                add_items(items, added);
            }
        } else {
            into.remove(key.get_ref().as_ref());
            into.insert(key, value);
        }
    }
}

/// Adds a list's items to another's: a table with the `id` of one already there is merged into it.
fn add_items<'i>(items: &mut DeArray<'i>, added: DeArray<'i>) {
    for item in added {
        let id = item
            .get_ref()
            .as_table()
            .and_then(|t| t.get("id"))
            .and_then(|id| id.get_ref().as_str())
            .map(str::to_string);
        let same = id.as_deref().and_then(|id| {
            items.iter_mut().find(|existing| {
                existing
                    .get_ref()
                    .as_table()
                    .and_then(|t| t.get("id"))
                    .and_then(|v| v.get_ref().as_str())
                    == Some(id)
            })
        });
        let span = item.span();
        match (same.map(Spanned::get_mut), item.into_inner()) {
            (Some(DeValue::Table(into)), DeValue::Table(from)) => merge_tables(into, from, false),
            (_, value) => items.push(Spanned::new(span, value)),
        }
    }
}

/// A value with every span in it moved `by` bytes on, into the span space of a joined file.
fn shifted(value: Spanned<DeValue<'_>>, by: usize) -> Spanned<DeValue<'_>> {
    let span = value.span();
    let span = span.start + by..span.end + by;
    let value = match value.into_inner() {
        DeValue::Array(items) => {
            let mut out = DeArray::new();
            for item in items {
                out.push(shifted(item, by));
            }
            DeValue::Array(out)
        }
        DeValue::Table(table) => {
            let mut out = DeTable::new();
            for (key, value) in table {
                let key_span = key.span();
                let key = Spanned::new(key_span.start + by..key_span.end + by, key.into_inner());
                out.insert(key, shifted(value, by));
            }
            DeValue::Table(out)
        }
        other => other,
    };
    Spanned::new(span, value)
}

#[cfg(test)]
mod tests {
    use super::super::check;
    use super::super::read::RawKnowledge;
    use super::super::{Knowledge, SourceFile, sort};

    /// What an import writes: an event, a venue with two rooms, two sessions and a speaker of both.
    const IMPORTED: &str = r#"
[event]
id = "event-conf"
title = "Conf"
time_zone = "Europe/Berlin"
start = 2026-06-01T09:00:00
end = 2026-06-01T18:00:00
venue = "venue-conf"

[[venue]]
id = "venue-conf"
online = true
url = "https://meet.example.org/conf"
rooms = [{ id = "room-a", name = "Room A" }, { id = "room-b", name = "Room B" }]

[[session]]
id = "session-one"
title = "Mapping the coast"
room = "room-a"
start = 2026-06-01T10:00:00
end = 2026-06-01T11:00:00
speakers = ["speaker-ada"]
keywords = ["shoreline"]

[[session]]
id = "session-two"
title = "Cancelled talk"
room = "room-b"
start = 2026-06-01T10:00:00
end = 2026-06-01T11:00:00

[[speaker]]
id = "speaker-ada"
name = "Ada"
sessions = ["session-one", "session-two"]
"#;

    /// The imported file and a hand-written one, loaded as `usher check` would, with every problem as
    /// it prints them.
    fn load(own: &str) -> (Option<Knowledge>, Vec<String>) {
        let mut raw = RawKnowledge::default();
        let mut diagnostics = Vec::new();
        // The hand-written file sorts before the imported folder, as `extra.toml` does beside `imported/`.
        raw.add_file(
            SourceFile::new("extra.toml", own.to_string()),
            &mut diagnostics,
        );
        raw.add_file(
            SourceFile::new("imported/conf/all.toml", IMPORTED.to_string()),
            &mut diagnostics,
        );
        raw.apply_extensions(&mut diagnostics);
        let knowledge = check::check(&raw, &mut diagnostics);
        sort(&mut diagnostics);
        let problems = diagnostics.iter().map(ToString::to_string).collect();
        (knowledge, problems)
    }

    fn loaded(own: &str) -> Knowledge {
        let (knowledge, problems) = load(own);
        assert!(problems.is_empty(), "{problems:#?}");
        knowledge.expect("the knowledge loads")
    }

    #[test]
    fn lists_add_single_values_replace_and_a_hidden_entry_is_gone() {
        let k = loaded(
            r#"
[[session]]
extends = "session-one"
title = "Mapping the coastline"
room = "room-b"
keywords = ["beach"]

[[session]]
extends = "session-two"
hide = true
"#,
        );
        let sessions = k.sessions();
        assert_eq!(sessions.len(), 1, "the hidden session is gone");
        let one = &sessions[0];
        assert_eq!(one.title, "Mapping the coastline");
        assert_eq!(one.keywords, ["shoreline", "beach"]);
        let room = one.room.expect("a room");
        assert_eq!(k.venues()[room.venue].rooms[room.room].name, "Room B");
        assert_eq!(
            one.origin.path.to_string_lossy(),
            "imported/conf/all.toml",
            "the entry is still where it was imported"
        );
        // The speaker listed the hidden session too: that reference is simply dropped.
        assert_eq!(k.speakers()[0].sessions, [0]);
    }

    #[test]
    fn the_rooms_of_a_hidden_venue_go_with_it() {
        let mut imported = IMPORTED.replace("venue = \"venue-conf\"\n", "");
        imported.push_str(
            "\n[[venue]]\nid = \"venue-annex\"\nonline = true\nurl = \"https://meet.example.org/annex\"\nrooms = [{ id = \"room-x\", name = \"Annex\" }]\n\n[[session]]\nid = \"session-annex\"\ntitle = \"In the annex\"\nroom = \"room-x\"\nstart = 2026-06-01T12:00:00\nend = 2026-06-01T13:00:00\n",
        );
        let mut raw = RawKnowledge::default();
        let mut diagnostics = Vec::new();
        let own = "[[venue]]\nextends = \"venue-annex\"\nhide = true\n";
        raw.add_file(
            SourceFile::new("extra.toml", own.to_string()),
            &mut diagnostics,
        );
        raw.add_file(
            SourceFile::new("imported/all.toml", imported),
            &mut diagnostics,
        );
        raw.apply_extensions(&mut diagnostics);
        let k = check::check(&raw, &mut diagnostics).expect("the knowledge loads");
        assert!(diagnostics.is_empty(), "{diagnostics:#?}");
        assert_eq!(k.venues().len(), 1);
        let annex = k.sessions().iter().find(|s| s.id == "session-annex");
        assert_eq!(annex.expect("the session stays").room, None);
    }

    #[test]
    fn two_extensions_of_one_entry_apply_in_file_order() {
        let k = loaded(
            r#"
[[session]]
extends = "session-one"
title = "First correction"
keywords = ["beach"]

[[session]]
extends = "session-one"
title = "Second correction"
keywords = ["dunes"]
"#,
        );
        let one = &k.sessions()[0];
        assert_eq!(one.title, "Second correction");
        assert_eq!(one.keywords, ["shoreline", "beach", "dunes"]);
    }

    #[test]
    fn a_room_is_corrected_by_its_id_and_the_event_gains_keywords() {
        let k = loaded(
            r#"
[event]
extends = "event-conf"
keywords = ["the coast conference"]

[[venue]]
extends = "venue-conf"
rooms = [{ id = "room-a", description = "First floor" }, { id = "room-c", name = "Room C" }]
"#,
        );
        let rooms = &k.venues()[0].rooms;
        let names: Vec<&str> = rooms.iter().map(|r| r.name.as_str()).collect();
        assert_eq!(names, ["Room A", "Room B", "Room C"]);
        assert_eq!(rooms[0].description.as_deref(), Some("First floor"));
        assert_eq!(k.event.keywords, ["the coast conference"]);
    }

    #[test]
    fn an_extension_without_a_target_is_an_error_at_its_extends_value() {
        let (_, problems) = load(
            r#"
[[session]]
extends = "session-onr"
keywords = ["beach"]

[[speaker]]
extends = "session-one"
aliases = ["A."]
"#,
        );
        assert_eq!(
            problems,
            [
                "extra.toml:3:11: `extends` names no session: unknown id `session-onr`, did you mean `session-one`?",
                "extra.toml:7:11: `session-one` is a session, not a speaker",
            ]
        );
    }

    #[test]
    fn a_problem_in_an_extension_is_reported_where_it_was_written() {
        let (_, problems) = load(
            r#"
[[session]]
extends = "session-one"
room = "room-bb"
speakers = ["speaker-bob"]
"#,
        );
        assert_eq!(
            problems,
            [
                "extra.toml:4:8: unknown room `room-bb`, did you mean `room-b`?",
                "extra.toml:5:13: unknown speaker `speaker-bob`",
            ]
        );
        let (_, problems) = load(
            r#"
[[session]]
extends = "session-one"
abstract = "A talk."
"#,
        );
        assert_eq!(
            problems,
            ["extra.toml:4:1: `abstract` is not a field of a session; did you mean `summary`?"]
        );
        let (_, problems) = load(
            r#"
[[session]]
extends = "session-one"
id = "session-one"
"#,
        );
        assert_eq!(
            problems,
            [
                "extra.toml:4:1: an extension has no id of its own: it adds to the session `session-one`; remove `id`"
            ]
        );
    }

    #[test]
    fn a_reference_to_a_hidden_entry_is_not_an_error_but_the_event_cannot_be_hidden() {
        let (_, problems) = load(
            r#"
[[session]]
extends = "session-two"
hide = true

[[session]]
id = "own"
title = "Own session"
room = "room-a"
start = 2026-06-01T12:00:00
end = 2026-06-01T13:00:00
speakers = ["speaker-ada"]

[[speaker]]
extends = "speaker-ada"
sessions = ["session-two"]

[event]
extends = "event-conf"
hide = true
"#,
        );
        assert_eq!(problems, ["extra.toml:20:8: the event cannot be hidden"]);
    }

    /// The diagnostics of a load are never about the joined files themselves.
    #[test]
    fn no_problem_is_placed_in_no_file() {
        let (_, problems) =
            load("[[session]]\nextends = \"session-one\"\nstart = 2026-06-01T11:30:00\n");
        assert!(
            problems
                .iter()
                .all(|p| p.starts_with("extra.toml:") || p.starts_with("imported/")),
            "{problems:#?}"
        );
    }
}
