//! What a re-import changes, from the files of the previous import (read back) and the new ones.
//!
//! Entries are matched by id, which comes from the export's codes, so a session that moved is the same
//! session in a new slot, and a session whose code is gone was cancelled (or removed from the programme).

use std::collections::{BTreeMap, HashMap};
use std::fmt;

use serde::Serialize;

use super::format::{ImportedFiles, ImportedRoom, ImportedSession, ImportedSlot};

/// One change between two imports, as a maintainer reads it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    /// "session", "speaker", "room", "track", "venue" or "event".
    pub kind: &'static str,
    pub id: String,
    pub what: What,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum What {
    /// A new entry; `label` is its title or name, `when` its slots (sessions only).
    Added {
        label: String,
        when: String,
    },
    Removed {
        label: String,
        when: String,
    },
    /// A session in another time or room.
    Moved {
        label: String,
        from: String,
        to: String,
    },
    Retitled {
        from: String,
        to: String,
    },
    /// Other fields differ; their names.
    Changed {
        label: String,
        fields: Vec<String>,
    },
}

impl What {
    /// The order changes are listed in, within one kind of entry.
    fn rank(&self) -> u8 {
        match self {
            What::Added { .. } => 0,
            What::Removed { .. } => 1,
            What::Moved { .. } => 2,
            What::Retitled { .. } => 3,
            What::Changed { .. } => 4,
        }
    }
}

impl fmt::Display for Change {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (kind, id) = (self.kind, &self.id);
        match &self.what {
            What::Added { label, when } => {
                write!(f, "added {kind} {id} \"{label}\"")?;
                if !when.is_empty() {
                    write!(f, ": {when}")?;
                }
                Ok(())
            }
            What::Removed { label, when } => {
                write!(f, "removed {kind} {id} \"{label}\"")?;
                if !when.is_empty() {
                    write!(f, " (was {when})")?;
                }
                Ok(())
            }
            What::Moved { label, from, to } => {
                write!(f, "moved {kind} {id} \"{label}\": {from} -> {to}")
            }
            What::Retitled { from, to } => {
                write!(f, "retitled {kind} {id}: \"{from}\" -> \"{to}\"")
            }
            What::Changed { label, fields } => {
                write!(f, "changed {kind} {id} \"{label}\": {}", fields.join(", "))
            }
        }
    }
}

/// Every change from `old` to `new`: sessions, then speakers, rooms, tracks, the venue and the event;
/// within a kind, additions, removals, moves, new titles and other edits, each by id.
pub fn changes(old: &ImportedFiles, new: &ImportedFiles) -> Vec<Change> {
    let mut out = session_changes(old, new);
    out.extend(entries(
        "speaker",
        &old.speakers.speaker.iter().collect::<Vec<_>>(),
        &new.speakers.speaker.iter().collect::<Vec<_>>(),
        |s| &s.id,
        |s| &s.name,
        &[],
    ));
    out.extend(entries(
        "room",
        &all_rooms(old),
        &all_rooms(new),
        |r| &r.id,
        |r| &r.name,
        &[],
    ));
    out.extend(entries(
        "track",
        &old.tracks.track.iter().collect::<Vec<_>>(),
        &new.tracks.track.iter().collect::<Vec<_>>(),
        |t| &t.id,
        |t| &t.name,
        &[],
    ));
    out.extend(entries(
        "venue",
        &old.venue.venue.iter().collect::<Vec<_>>(),
        &new.venue.venue.iter().collect::<Vec<_>>(),
        |v| &v.id,
        |v| v.name.as_deref().unwrap_or(""),
        // Rooms are compared one by one above.
        &["rooms"],
    ));
    out.extend(entries(
        "event",
        &[&old.event.event],
        &[&new.event.event],
        |e| &e.id,
        |e| &e.title,
        &[],
    ));
    out
}

/// Sessions added, removed (with the slots they had), moved, retitled or otherwise changed.
fn session_changes(old: &ImportedFiles, new: &ImportedFiles) -> Vec<Change> {
    let old_rooms = room_names(old);
    let new_rooms = room_names(new);
    let old_sessions: Vec<&ImportedSession> = old.all_sessions().collect();
    let new_sessions: Vec<&ImportedSession> = new.all_sessions().collect();
    let old_by_id: HashMap<&str, &ImportedSession> =
        old_sessions.iter().map(|s| (s.id.as_str(), *s)).collect();
    let new_by_id: HashMap<&str, &ImportedSession> =
        new_sessions.iter().map(|s| (s.id.as_str(), *s)).collect();
    let mut out = entries(
        "session",
        &old_sessions,
        &new_sessions,
        |s| &s.id,
        |s| &s.title,
        // Compared below, as moves and new titles.
        &["title", "start", "end", "room", "slots"],
    );
    for change in &mut out {
        match &mut change.what {
            What::Added { when, .. } => {
                *when = slots_text(new_by_id[change.id.as_str()], &new_rooms);
            }
            What::Removed { when, .. } => {
                *when = slots_text(old_by_id[change.id.as_str()], &old_rooms);
            }
            _ => {}
        }
    }
    for new_session in &new_sessions {
        let Some(old_session) = old_by_id.get(new_session.id.as_str()) else {
            continue;
        };
        let from = slots_text(old_session, &old_rooms);
        let to = slots_text(new_session, &new_rooms);
        if from != to {
            out.push(Change {
                kind: "session",
                id: new_session.id.clone(),
                what: What::Moved {
                    label: new_session.title.clone(),
                    from,
                    to,
                },
            });
        }
        if old_session.title != new_session.title {
            out.push(Change {
                kind: "session",
                id: new_session.id.clone(),
                what: What::Retitled {
                    from: old_session.title.clone(),
                    to: new_session.title.clone(),
                },
            });
        }
    }
    sort(&mut out);
    out
}

fn all_rooms(files: &ImportedFiles) -> Vec<&ImportedRoom> {
    files.venue.venue.iter().flat_map(|v| &v.rooms).collect()
}

/// Added, removed and otherwise changed entries of one kind, matched by id; fields named in `skip` are
/// compared by the caller.
fn entries<T: Serialize>(
    kind: &'static str,
    old: &[&T],
    new: &[&T],
    id: impl Fn(&T) -> &str,
    label: impl Fn(&T) -> &str,
    skip: &[&str],
) -> Vec<Change> {
    let old_by_id: BTreeMap<&str, &T> = old.iter().map(|e| (id(e), *e)).collect();
    let new_by_id: BTreeMap<&str, &T> = new.iter().map(|e| (id(e), *e)).collect();
    let mut out = Vec::new();
    for (key, entry) in &new_by_id {
        match old_by_id.get(key) {
            None => out.push(Change {
                kind,
                id: (*key).to_string(),
                what: What::Added {
                    label: label(entry).to_string(),
                    when: String::new(),
                },
            }),
            Some(before) => {
                let fields = changed_fields(*before, *entry, skip);
                if !fields.is_empty() {
                    out.push(Change {
                        kind,
                        id: (*key).to_string(),
                        what: What::Changed {
                            label: label(entry).to_string(),
                            fields,
                        },
                    });
                }
            }
        }
    }
    for (key, entry) in &old_by_id {
        if !new_by_id.contains_key(key) {
            out.push(Change {
                kind,
                id: (*key).to_string(),
                what: What::Removed {
                    label: label(entry).to_string(),
                    when: String::new(),
                },
            });
        }
    }
    sort(&mut out);
    out
}

/// The names of the fields whose values differ, in the order the format writes them. Comparing the
/// serialised tables covers every field, including ones added to the format later.
fn changed_fields<T: Serialize>(old: &T, new: &T, skip: &[&str]) -> Vec<String> {
    let (Ok(old), Ok(new)) = (toml::Table::try_from(old), toml::Table::try_from(new)) else {
        return vec!["(unreadable)".to_string()];
    };
    let mut names: Vec<&String> = new.keys().collect();
    names.extend(old.keys().filter(|k| !new.contains_key(*k)));
    names
        .into_iter()
        .filter(|name| !skip.contains(&name.as_str()))
        .filter(|name| old.get(*name) != new.get(*name))
        .cloned()
        .collect()
}

fn sort(changes: &mut [Change]) {
    changes.sort_by(|a, b| (a.what.rank(), &a.id).cmp(&(b.what.rank(), &b.id)));
}

fn room_names(files: &ImportedFiles) -> HashMap<&str, &str> {
    files
        .venue
        .venue
        .iter()
        .flat_map(|v| &v.rooms)
        .map(|r| (r.id.as_str(), r.name.as_str()))
        .collect()
}

/// Every slot of a session, "; "-separated.
fn slots_text(session: &ImportedSession, rooms: &HashMap<&str, &str>) -> String {
    session
        .all_slots()
        .iter()
        .map(|slot| slot_text(slot, rooms))
        .collect::<Vec<_>>()
        .join("; ")
}

/// "2025-03-18 10:00-11:00 in Room A": the local time as written (the files carry local times with
/// their offsets), and the room's name.
fn slot_text(slot: &ImportedSlot, rooms: &HashMap<&str, &str>) -> String {
    let start = local(&slot.start);
    let mut text = format!("{} {}", start.0, start.1);
    if let Some(end) = &slot.end {
        let end = local(end);
        if end.0 == start.0 {
            text.push_str(&format!("-{}", end.1));
        } else {
            text.push_str(&format!(" to {} {}", end.0, end.1));
        }
    }
    if let Some(room) = &slot.room {
        text.push_str(&format!(
            " in {}",
            rooms.get(room.as_str()).copied().unwrap_or(room)
        ));
    }
    text
}

/// The date and "HH:MM" of a datetime as written.
fn local(at: &toml::value::Datetime) -> (String, String) {
    let date = at.date.map(|d| d.to_string()).unwrap_or_default();
    let time = at
        .time
        .map(|t| format!("{:02}:{:02}", t.hour, t.minute))
        .unwrap_or_default();
    (date, time)
}
