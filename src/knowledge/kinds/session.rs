//! `[[session]]`: one part of the programme, with its time, room, speakers and themes. Sessions must lie
//! within the event, and two in one room must not overlap.

use std::collections::HashMap;

use jiff::ZonedDateTime;
use serde::Deserialize;
use toml::Spanned;
use toml::value::Datetime;

use super::venue::{ROOM, RoomRef, Venue};
use crate::knowledge::diagnostic::Origin;
use crate::knowledge::kind::{Check, EntryKind, Kind, Parsed, Text, show};
use crate::knowledge::model::Knowledge;

/// `[[session]]` as written.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SessionEntry {
    pub id: Text,
    pub title: String,
    /// "part", "panel", "keynote", "workshop", ...
    pub kind: Option<String>,
    pub start: Option<Spanned<Datetime>>,
    pub end: Option<Spanned<Datetime>>,
    /// A room id (from a venue's `rooms`).
    pub room: Option<Text>,
    /// Speaker ids.
    #[serde(default)]
    pub speakers: Vec<Text>,
    #[serde(default)]
    pub themes: Vec<Text>,
    pub summary: Option<String>,
    #[serde(default)]
    pub aliases: Vec<Text>,
    #[serde(default)]
    pub keywords: Vec<Text>,
}

/// A session, checked.
#[derive(Debug, Clone)]
pub struct Session {
    pub id: String,
    pub title: String,
    pub kind: Option<String>,
    pub start: Option<ZonedDateTime>,
    pub end: Option<ZonedDateTime>,
    pub room: Option<RoomRef>,
    /// Indices into the speakers: those the session lists and those that list it.
    pub speakers: Vec<usize>,
    pub themes: Vec<String>,
    pub summary: Option<String>,
    pub aliases: Vec<String>,
    pub keywords: Vec<String>,
    /// Indices into the findings of the findings that came out of this session.
    pub findings: Vec<usize>,
    pub origin: Origin,
}

impl Knowledge {
    /// Every session, in file order.
    pub fn sessions(&self) -> &[Session] {
        self.all()
    }
}

/// Speakers are named by kind: the speaker kind links itself to sessions, so it is the one that knows the
/// other.
const SPEAKER: EntryKind = EntryKind::named("speaker");

impl Kind for Session {
    const SECTION: &'static str = "session";
    const COUNTED: [&'static str; 2] = ["session", "sessions"];
    type Entry = SessionEntry;

    fn id(entry: &SessionEntry) -> Option<&Text> {
        Some(&entry.id)
    }

    fn keywords(entry: &SessionEntry) -> Vec<&Text> {
        entry.keywords.iter().chain(&entry.aliases).collect()
    }

    fn check(p: &Parsed<SessionEntry>, cx: &mut Check<'_>) -> Option<Session> {
        let f = cx.file(p.file);
        let s = &p.entry;
        let id = s.id.get_ref();
        let start = s.start.as_ref().and_then(|t| cx.zoned(f, t));
        let end = s.end.as_ref().and_then(|t| cx.zoned(f, t));
        if let (Some(a), Some(b), Some(end_span)) = (&start, &end, &s.end)
            && b <= a
        {
            cx.error(
                f,
                &end_span.span(),
                format!(
                    "session `{id}` ends ({}) before it starts ({})",
                    show(b),
                    show(a)
                ),
            );
        }
        if s.end.is_some() && s.start.is_none() {
            cx.error(
                f,
                &p.span,
                format!("session `{id}` has an end but no start"),
            );
        }
        // A session must lie within the event's window.
        if let Some((ev_start, ev_end)) = cx.window.clone() {
            let outside = |verb: &str, at: &ZonedDateTime| {
                format!(
                    "session `{id}` {verb} at {}, outside the event ({} to {})",
                    show(at),
                    show(&ev_start),
                    show(&ev_end)
                )
            };
            if let (Some(a), Some(span)) = (&start, &s.start)
                && (*a < ev_start || *a >= ev_end)
            {
                cx.error(f, &span.span(), outside("starts", a));
            }
            if let (Some(b), Some(span)) = (&end, &s.end)
                && (*b > ev_end || *b <= ev_start)
            {
                cx.error(f, &span.span(), outside("ends", b));
            }
        }
        let room = s
            .room
            .as_ref()
            .and_then(|r| cx.resolve_at(f, r, ROOM))
            .map(|(venue, room)| RoomRef { venue, room });
        Some(Session {
            id: id.clone(),
            title: s.title.clone(),
            kind: s.kind.clone(),
            start,
            end,
            room,
            speakers: cx.resolve_all(f, &s.speakers, SPEAKER),
            themes: cx.words(f, &s.themes, "theme"),
            summary: s.summary.clone(),
            aliases: cx.words(f, &s.aliases, "alias"),
            keywords: cx.words(f, &s.keywords, "keyword"),
            findings: Vec::new(),
            origin: Origin::new(f, &p.span),
        })
    }

    /// Each on its own, then: two sessions in one room must not overlap in time.
    fn check_all(entries: &[Parsed<SessionEntry>], cx: &mut Check<'_>) -> Vec<Session> {
        let sessions: Vec<Session> = entries.iter().filter_map(|p| Self::check(p, cx)).collect();
        check_room_overlaps(entries, &sessions, cx);
        sessions
    }
}

fn check_room_overlaps(entries: &[Parsed<SessionEntry>], sessions: &[Session], cx: &mut Check<'_>) {
    let mut by_room: HashMap<RoomRef, Vec<usize>> = HashMap::new();
    for (i, s) in sessions.iter().enumerate() {
        if let (Some(room), Some(_), Some(_)) = (s.room, &s.start, &s.end) {
            by_room.entry(room).or_default().push(i);
        }
    }
    let mut rooms: Vec<_> = by_room.into_iter().collect();
    rooms.sort_by_key(|(room, _)| (room.venue, room.room));
    for (room, mut list) in rooms {
        list.sort_by_key(|&i| (sessions[i].start.clone(), i));
        // Track the session that ends latest so far: a long session overlaps every later one it covers.
        let mut latest: Option<usize> = None;
        for &i in &list {
            if let Some(prev) = latest
                && let (Some(prev_end), Some(this_start)) =
                    (&sessions[prev].end, &sessions[i].start)
                && this_start < prev_end
            {
                let p = &entries[i];
                let span = p
                    .entry
                    .start
                    .as_ref()
                    .map_or_else(|| p.span.clone(), Spanned::span);
                let room_name = &cx.checked.get::<Venue>()[room.venue].rooms[room.room].id;
                let message = format!(
                    "session `{}` overlaps session `{}` ({} to {}) in room `{room_name}`",
                    sessions[i].id,
                    sessions[prev].id,
                    sessions[prev].start.as_ref().map(show).unwrap_or_default(),
                    show(prev_end),
                );
                cx.error(cx.file(p.file), &span, message);
            }
            if latest.is_none_or(|prev| sessions[i].end > sessions[prev].end) {
                latest = Some(i);
            }
        }
    }
}
