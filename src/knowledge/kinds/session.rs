//! `[[session]]`: one part of the programme, with its times, room, speakers and what it is about.
//!
//! A session is held once (`start`, `end`, `room`) or several times (`slots`); it may instead have a loose
//! time (`date` and `time = "evening"`), an off-site `location` instead of a room, and it may lie just
//! outside the event as one of its edges (`edge = true`, a social evening the day before). Sessions must
//! otherwise lie within the event, and two different sessions in one room must not overlap.

use rustc_hash::FxHashMap;
use std::fmt;
use std::ops::Range;

use jiff::ZonedDateTime;
use jiff::civil::Date;
use serde::Deserialize;
use toml::Spanned;
use toml::value::Datetime;

use super::event::date_only;
use super::venue::{ROOM, RoomRef, Venue};
use crate::knowledge::diagnostic::{Origin, SourceFile};
use crate::knowledge::kind::{Check, EntryKind, Kind, Parsed, Text, quoted_list, show};
use crate::knowledge::model::Knowledge;

/// `[[session]]` as written.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SessionEntry {
    pub id: Text,
    pub title: String,
    pub subtitle: Option<String>,
    /// The session's type in the event's own words: "part", "Long talk (45 minutes)", "`BoF`".
    pub kind: Option<String>,
    /// The session's type from a fixed list ([`Category`]), when its `kind` does not say it plainly.
    pub category: Option<Text>,
    /// A track id.
    pub track: Option<Text>,
    /// The language it is held in, as a code: "en", "pt-BR".
    pub language: Option<Text>,
    pub start: Option<Spanned<Datetime>>,
    pub end: Option<Spanned<Datetime>>,
    /// A room id (from a venue's `rooms`).
    pub room: Option<Text>,
    /// Every time and room of a session held more than once, instead of `start`, `end` and `room`.
    pub slots: Option<Spanned<Vec<SlotEntry>>>,
    /// A day, for a session with no exact time; with `time`.
    pub date: Option<Spanned<Datetime>>,
    /// A loose time of `date`: "morning", "afternoon", "evening", "night" or "all day".
    pub time: Option<Text>,
    /// Part of the event's edges, allowed outside its start and end (a social evening the day before).
    pub edge: Option<Spanned<bool>>,
    /// An off-site place, instead of a room.
    pub location: Option<LocationEntry>,
    /// Speaker ids.
    #[serde(default)]
    pub speakers: Vec<Text>,
    #[serde(default)]
    pub themes: Vec<Text>,
    /// The abstract: a few sentences (Markdown allowed).
    pub summary: Option<String>,
    /// The longer description (Markdown allowed).
    pub description: Option<String>,
    /// Whether it is recorded.
    pub recorded: Option<bool>,
    /// Called off: it stays in the knowledge so that answers, calendars and mirrored events can say so.
    pub cancelled: Option<bool>,
    /// The session's own page.
    pub url: Option<Text>,
    #[serde(default)]
    pub links: Vec<LinkEntry>,
    #[serde(default)]
    pub aliases: Vec<Text>,
    #[serde(default)]
    pub keywords: Vec<Text>,
}

/// `[[session.slots]]` as written: one time (and room) a session is held at.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SlotEntry {
    pub start: Spanned<Datetime>,
    pub end: Option<Spanned<Datetime>>,
    pub room: Option<Text>,
}

/// `location = { ... }` as written: where an off-site session is.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LocationEntry {
    pub name: Text,
    pub address: Option<String>,
    pub city: Option<String>,
    pub map: Option<Text>,
}

/// `[[session.links]]` as written.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LinkEntry {
    pub kind: Text,
    pub title: Option<String>,
    pub url: Text,
}

/// A session, checked.
#[derive(Debug, Clone)]
pub struct Session {
    pub id: String,
    pub title: String,
    pub subtitle: Option<String>,
    pub kind: Option<String>,
    /// Written, or recognised from `kind`.
    pub category: Option<Category>,
    /// Index into the tracks.
    pub track: Option<usize>,
    pub language: Option<String>,
    /// The earliest slot's start, end and room: the session's time when it is held once.
    pub start: Option<ZonedDateTime>,
    pub end: Option<ZonedDateTime>,
    pub room: Option<RoomRef>,
    /// Every slot, as written (one for a session held once; none without an exact time).
    pub slots: Vec<Slot>,
    /// A loose time, for a session without an exact one.
    pub loose: Option<LooseTime>,
    pub edge: bool,
    pub location: Option<Location>,
    /// Indices into the speakers: those the session lists and those that list it.
    pub speakers: Vec<usize>,
    pub themes: Vec<String>,
    pub summary: Option<String>,
    pub description: Option<String>,
    pub recorded: Option<bool>,
    /// Called off: answers say so, lists leave it out of what is on, calendars and Discord cancel it.
    pub cancelled: bool,
    pub url: Option<String>,
    pub links: Vec<Link>,
    pub aliases: Vec<String>,
    pub keywords: Vec<String>,
    /// Indices into the findings of the findings that came out of this session.
    pub findings: Vec<usize>,
    pub origin: Origin,
}

/// One time a session is held.
#[derive(Debug, Clone, PartialEq)]
pub struct Slot {
    pub start: ZonedDateTime,
    pub end: Option<ZonedDateTime>,
    pub room: Option<RoomRef>,
}

/// A day and a part of it, for a session with no exact time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LooseTime {
    pub date: Date,
    pub part: DayPart,
}

/// A part of a day, as a loose time names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DayPart {
    Morning,
    Afternoon,
    Evening,
    Night,
    AllDay,
}

impl DayPart {
    const ALL: [DayPart; 5] = [
        DayPart::Morning,
        DayPart::Afternoon,
        DayPart::Evening,
        DayPart::Night,
        DayPart::AllDay,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            DayPart::Morning => "morning",
            DayPart::Afternoon => "afternoon",
            DayPart::Evening => "evening",
            DayPart::Night => "night",
            DayPart::AllDay => "all day",
        }
    }
}

/// An off-site place a session is held at.
#[derive(Debug, Clone, PartialEq)]
pub struct Location {
    pub name: String,
    pub address: Option<String>,
    pub city: Option<String>,
    pub map: Option<String>,
}

/// A link about a session: its recording, slides, live stream.
#[derive(Debug, Clone, PartialEq)]
pub struct Link {
    pub kind: LinkKind,
    pub title: Option<String>,
    pub url: String,
}

/// What a link leads to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LinkKind {
    Video,
    Slides,
    Stream,
    Recording,
    Website,
    Other,
}

impl LinkKind {
    const ALL: [LinkKind; 6] = [
        LinkKind::Video,
        LinkKind::Slides,
        LinkKind::Stream,
        LinkKind::Recording,
        LinkKind::Website,
        LinkKind::Other,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            LinkKind::Video => "video",
            LinkKind::Slides => "slides",
            LinkKind::Stream => "stream",
            LinkKind::Recording => "recording",
            LinkKind::Website => "website",
            LinkKind::Other => "other",
        }
    }
}

/// The type of a session, from a list every conference's own names map onto.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Category {
    Talk,
    Keynote,
    LightningTalk,
    Workshop,
    Panel,
    Break,
    Social,
    Poster,
}

impl Category {
    const ALL: [Category; 8] = [
        Category::Talk,
        Category::Keynote,
        Category::LightningTalk,
        Category::Workshop,
        Category::Panel,
        Category::Break,
        Category::Social,
        Category::Poster,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Category::Talk => "talk",
            Category::Keynote => "keynote",
            Category::LightningTalk => "lightning talk",
            Category::Workshop => "workshop",
            Category::Panel => "panel",
            Category::Break => "break",
            Category::Social => "social",
            Category::Poster => "poster",
        }
    }

    /// The category a session's `kind` names in the words conferences use ("Long talk (45 minutes)" is a
    /// talk, "Coffee break" a break), if it names one. The more specific words are tried first: a
    /// "lightning talk" is not just a talk.
    pub fn recognise(kind: &str) -> Option<Category> {
        const WORDS: [(&str, Category); 17] = [
            ("lightning", Category::LightningTalk),
            ("keynote", Category::Keynote),
            ("plenary", Category::Keynote),
            ("workshop", Category::Workshop),
            ("tutorial", Category::Workshop),
            ("hands-on", Category::Workshop),
            ("panel", Category::Panel),
            ("break", Category::Break),
            ("lunch", Category::Break),
            ("breakfast", Category::Break),
            ("dinner", Category::Break),
            ("reception", Category::Social),
            ("social", Category::Social),
            ("party", Category::Social),
            ("poster", Category::Poster),
            ("talk", Category::Talk),
            ("presentation", Category::Talk),
        ];
        let kind = kind.to_lowercase();
        let words: Vec<&str> = kind
            .split(|c: char| !(c.is_alphanumeric() || c == '-'))
            .filter(|w| !w.is_empty())
            .collect();
        WORDS
            .iter()
            .find(|(word, _)| {
                words
                    .iter()
                    .any(|w| w == word || w.strip_suffix('s') == Some(word))
            })
            .map(|(_, category)| *category)
    }
}

impl fmt::Display for Category {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Session {
    /// Every slot, the next one to end after `now` first, then the later ones, then those already over
    /// (latest first): the order an answer gives them in.
    pub fn slots_from(&self, now: jiff::Timestamp) -> Vec<&Slot> {
        let over = |s: &Slot| s.end.as_ref().unwrap_or(&s.start).timestamp() <= now;
        let mut upcoming: Vec<&Slot> = self.slots.iter().filter(|s| !over(s)).collect();
        upcoming.sort_by_key(|s| s.start.timestamp());
        let mut past: Vec<&Slot> = self.slots.iter().filter(|s| over(s)).collect();
        past.sort_by_key(|s| std::cmp::Reverse(s.start.timestamp()));
        upcoming.extend(past);
        upcoming
    }
}

impl Knowledge {
    /// Every session, in file order.
    pub fn sessions(&self) -> &[Session] {
        self.all()
    }
}

/// Speakers and tracks are named by kind: each links itself to the sessions, which are checked before
/// them, so they are the ones that know the other.
const SPEAKER: EntryKind = EntryKind::named("speaker");
const TRACK: EntryKind = EntryKind::named("track");

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
        let edge = s.edge.as_ref().is_some_and(|e| *e.get_ref());
        let slots = check_slots(p, cx, f, edge);
        let loose = check_loose_time(p, cx, f, edge);
        if let Some(flag) = &s.edge
            && edge
            && !slots.is_empty()
            && let Some((ev_start, ev_end)) = cx.window.clone()
            && slots.iter().all(|slot| {
                slot.start >= ev_start && *slot.end.as_ref().unwrap_or(&slot.start) <= ev_end
            })
        {
            cx.warning(
                f,
                &flag.span(),
                format!("session `{id}` is marked `edge` but lies within the event: remove `edge`"),
            );
        }
        let location = s.location.as_ref().map(|l| check_location(l, cx, f));
        if let (Some(_), Some(room)) = (&location, &s.room) {
            cx.error(
                f,
                &room.span(),
                format!("session `{id}` has a `room` and a `location`: an off-site session has a location instead of a room"),
            );
        }
        let category = s.category.as_ref().and_then(|c| check_category(c, cx, f));
        if let Some(language) = &s.language
            && !is_language_code(language.get_ref())
        {
            cx.error(
                f,
                &language.span(),
                format!(
                    "`language` is a language code such as \"en\" or \"pt-BR\", not `{}`",
                    language.get_ref()
                ),
            );
        }
        if let Some(url) = &s.url {
            cx.url(f, &url.span(), "url", url.get_ref());
        }
        let links = s
            .links
            .iter()
            .filter_map(|l| check_link(l, cx, f))
            .collect();
        let first = slots
            .iter()
            .min_by_key(|slot| slot.start.timestamp())
            .cloned();
        Some(Session {
            id: id.clone(),
            title: s.title.clone(),
            subtitle: s.subtitle.clone(),
            kind: s.kind.clone(),
            category: category.or_else(|| s.kind.as_deref().and_then(Category::recognise)),
            track: s.track.as_ref().and_then(|t| cx.resolve(f, t, TRACK)),
            language: s.language.as_ref().map(|l| l.get_ref().clone()),
            start: first.as_ref().map(|slot| slot.start.clone()),
            end: first.as_ref().and_then(|slot| slot.end.clone()),
            room: first.as_ref().and_then(|slot| slot.room),
            slots,
            loose,
            edge,
            location,
            speakers: cx.resolve_all(f, &s.speakers, SPEAKER),
            themes: cx.words(f, &s.themes, "theme"),
            summary: s.summary.clone(),
            description: s.description.clone(),
            recorded: s.recorded,
            cancelled: s.cancelled.unwrap_or(false),
            url: s.url.as_ref().map(|u| u.get_ref().clone()),
            links,
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

/// The session's slots, from `slots` or from `start`, `end` and `room` (never both), each ending after
/// it starts and, unless the session is one of the event's edges, within the event.
fn check_slots(
    p: &Parsed<SessionEntry>,
    cx: &mut Check<'_>,
    f: &SourceFile,
    edge: bool,
) -> Vec<Slot> {
    let s = &p.entry;
    let id = s.id.get_ref();
    if let Some(slots) = &s.slots {
        let single = [
            ("start", s.start.as_ref().map(Spanned::span)),
            ("end", s.end.as_ref().map(Spanned::span)),
            ("room", s.room.as_ref().map(Spanned::span)),
        ];
        for (field, span) in single {
            if let Some(span) = span {
                cx.error(
                    f,
                    &span,
                    format!("session `{id}` has `slots` and `{field}`: with `slots`, write every time and room in the slots"),
                );
            }
        }
        if slots.get_ref().is_empty() {
            cx.error(
                f,
                &slots.span(),
                format!("session `{id}` has no slots: give at least one, or leave `slots` out"),
            );
        }
        return slots
            .get_ref()
            .iter()
            .filter_map(|slot| {
                check_slot(
                    id,
                    &slot.start,
                    slot.end.as_ref(),
                    slot.room.as_ref(),
                    cx,
                    f,
                    edge,
                )
            })
            .collect();
    }
    if let Some(start) = &s.start {
        return check_slot(id, start, s.end.as_ref(), s.room.as_ref(), cx, f, edge)
            .into_iter()
            .collect();
    }
    if s.end.is_some() {
        cx.error(
            f,
            &p.span,
            format!("session `{id}` has an end but no start"),
        );
    }
    // A room without a time still says where the session is.
    if let Some(room) = &s.room {
        let _ = cx.resolve_at(f, room, ROOM);
    }
    Vec::new()
}

fn check_slot(
    id: &str,
    start_at: &Spanned<Datetime>,
    end_at: Option<&Spanned<Datetime>>,
    room: Option<&Text>,
    cx: &mut Check<'_>,
    f: &SourceFile,
    edge: bool,
) -> Option<Slot> {
    let start = cx.zoned(f, start_at);
    let end = end_at.and_then(|t| cx.zoned(f, t));
    if let (Some(a), Some(b), Some(end_span)) = (&start, &end, end_at)
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
    if !edge && let Some((ev_start, ev_end)) = cx.window.clone() {
        let outside = |verb: &str, at: &ZonedDateTime| {
            format!(
                "session `{id}` {verb} at {}, outside the event ({} to {}); a session just before or after it can say `edge = true`",
                show(at),
                show(&ev_start),
                show(&ev_end)
            )
        };
        if let Some(a) = &start
            && (*a < ev_start || *a >= ev_end)
        {
            cx.error(f, &start_at.span(), outside("starts", a));
        }
        if let (Some(b), Some(span)) = (&end, end_at)
            && (*b > ev_end || *b <= ev_start)
        {
            cx.error(f, &span.span(), outside("ends", b));
        }
    }
    let room = room
        .and_then(|r| cx.resolve_at(f, r, ROOM))
        .map(|(venue, room)| RoomRef { venue, room });
    Some(Slot {
        start: start?,
        end,
        room,
    })
}

/// `date` and `time`: a day of the event (or of its edges) and a part of it, instead of an exact time.
fn check_loose_time(
    p: &Parsed<SessionEntry>,
    cx: &mut Check<'_>,
    f: &SourceFile,
    edge: bool,
) -> Option<LooseTime> {
    let s = &p.entry;
    let id = s.id.get_ref();
    let (date_at, time) = match (&s.date, &s.time) {
        (None, None) => return None,
        (None, Some(time)) => {
            cx.error(
                f,
                &time.span(),
                format!(
                    "session `{id}` has a `time` but no `date`: add the day, e.g. date = 2025-03-19"
                ),
            );
            return None;
        }
        (Some(date), None) => {
            cx.error(
                f,
                &date.span(),
                format!(
                    "session `{id}` has a `date` but no `time`: add one of {}",
                    part_names()
                ),
            );
            return None;
        }
        (Some(date), Some(time)) => (date, time),
    };
    if let Some(exact) = s
        .start
        .as_ref()
        .map(Spanned::span)
        .or(s.slots.as_ref().map(Spanned::span))
    {
        cx.error(
            f,
            &exact,
            format!("session `{id}` has an exact time and `date`/`time`: keep one of them"),
        );
    }
    let Some(date) = date_only(date_at.get_ref()) else {
        cx.error(
            f,
            &date_at.span(),
            format!(
                "`date` is a day such as 2025-03-19, not `{}`",
                date_at.get_ref()
            ),
        );
        return None;
    };
    let Some(part) = DayPart::ALL
        .into_iter()
        .find(|part| part.as_str() == time.get_ref())
    else {
        cx.error(
            f,
            &time.span(),
            format!(
                "unknown `time` `{}`, expected one of {}",
                time.get_ref(),
                part_names()
            ),
        );
        return None;
    };
    if !edge && let Some((ev_start, ev_end)) = cx.window.clone() {
        let last = ev_end
            .checked_sub(jiff::SignedDuration::from_nanos(1))
            .map_or_else(|_| ev_end.date(), |e| e.date());
        if date < ev_start.date() || date > last {
            cx.error(
                f,
                &date_at.span(),
                format!(
                    "session `{id}` is on {date}, outside the event ({} to {}); a session just before or after it can say `edge = true`",
                    show(&ev_start),
                    show(&ev_end)
                ),
            );
        }
    }
    Some(LooseTime { date, part })
}

/// An off-site place: a name, and a map that is an http(s) link.
fn check_location(l: &LocationEntry, cx: &mut Check<'_>, f: &SourceFile) -> Location {
    if let Some(map) = &l.map {
        cx.url(f, &map.span(), "map", map.get_ref());
    }
    if l.name.get_ref().trim().is_empty() {
        cx.error(f, &l.name.span(), "the location's `name` is empty");
    }
    Location {
        name: l.name.get_ref().trim().to_string(),
        address: l.address.clone(),
        city: l.city.clone(),
        map: l.map.as_ref().map(|m| m.get_ref().clone()),
    }
}

/// A written category, one of the list.
fn check_category(c: &Text, cx: &mut Check<'_>, f: &SourceFile) -> Option<Category> {
    let found = Category::ALL
        .into_iter()
        .find(|category| category.as_str() == c.get_ref());
    if found.is_none() {
        let names: Vec<&str> = Category::ALL.iter().map(|c| c.as_str()).collect();
        cx.error(
            f,
            &c.span(),
            format!(
                "unknown session category `{}`, expected one of {}",
                c.get_ref(),
                quoted_list(&names)
            ),
        );
    }
    found
}

fn part_names() -> String {
    let names: Vec<&str> = DayPart::ALL.iter().map(|p| p.as_str()).collect();
    quoted_list(&names)
}

fn check_link(l: &LinkEntry, cx: &mut Check<'_>, f: &SourceFile) -> Option<Link> {
    cx.url(f, &l.url.span(), "url", l.url.get_ref());
    let kind = LinkKind::ALL
        .into_iter()
        .find(|k| k.as_str() == l.kind.get_ref());
    if kind.is_none() {
        let names: Vec<&str> = LinkKind::ALL.iter().map(|k| k.as_str()).collect();
        cx.error(
            f,
            &l.kind.span(),
            format!(
                "unknown link kind `{}`, expected one of {}",
                l.kind.get_ref(),
                quoted_list(&names)
            ),
        );
    }
    Some(Link {
        kind: kind?,
        title: l.title.clone(),
        url: l.url.get_ref().clone(),
    })
}

/// A language code as BCP 47 writes the common ones: two or three letters, then optional subtags of
/// two to eight letters or digits ("en", "de", "pt-BR", "zh-Hant").
fn is_language_code(code: &str) -> bool {
    let mut parts = code.split('-');
    let primary = parts.next().unwrap_or_default();
    (2..=3).contains(&primary.len())
        && primary.chars().all(|c| c.is_ascii_lowercase())
        && parts.all(|p| (2..=8).contains(&p.len()) && p.chars().all(|c| c.is_ascii_alphanumeric()))
}

/// The span of slot `j` of an entry: its `start`, whichever way the slots are written.
fn slot_span(p: &Parsed<SessionEntry>, j: usize) -> Range<usize> {
    match (&p.entry.slots, &p.entry.start) {
        (Some(slots), _) => slots
            .get_ref()
            .get(j)
            .map_or_else(|| p.span.clone(), |s| s.start.span()),
        (None, Some(start)) => start.span(),
        (None, None) => p.span.clone(),
    }
}

/// Two different sessions in one room must not overlap; the slots of one session may share a room, one
/// after the other, and are never compared with each other. A session that lies wholly within another
/// in its room is part of it (posters shown during a reception, talks of a block), not a clash; two such
/// parts must not overlap each other.
fn check_room_overlaps(entries: &[Parsed<SessionEntry>], sessions: &[Session], cx: &mut Check<'_>) {
    // Sessions that failed to check are missing from `sessions`; map each back to its entry by id.
    let by_id: FxHashMap<&str, usize> = entries
        .iter()
        .enumerate()
        .map(|(i, p)| (p.entry.id.get_ref().as_str(), i))
        .collect();
    let mut by_room: FxHashMap<RoomRef, Vec<(usize, usize)>> = FxHashMap::default();
    for (i, s) in sessions.iter().enumerate() {
        for (j, slot) in s.slots.iter().enumerate() {
            if let (Some(room), Some(_)) = (slot.room, &slot.end) {
                by_room.entry(room).or_default().push((i, j));
            }
        }
    }
    let slot = |(i, j): (usize, usize)| &sessions[i].slots[j];
    // Times are compared as instants, which are copied rather than cloned with their time zone: a large
    // programme sorts tens of thousands of slots.
    let start = |at: (usize, usize)| slot(at).start.timestamp();
    let end_time = |at: (usize, usize)| {
        slot(at)
            .end
            .as_ref()
            .expect("only slots with an end are compared")
    };
    let end = |at: (usize, usize)| end_time(at).timestamp();
    let mut rooms: Vec<_> = by_room.into_iter().collect();
    rooms.sort_by_key(|(room, _)| (room.venue, room.room));
    for (room, mut list) in rooms {
        // Longer first among slots starting together, so a container comes before its parts.
        list.sort_by_key(|&at| (start(at), std::cmp::Reverse(end(at)), at));
        // The slot that ends latest so far (a long session overlaps every later one it covers), and the
        // latest-ending of the parts inside it.
        let mut outer: Option<(usize, usize)> = None;
        let mut inner: Option<(usize, usize)> = None;
        for &at in &list {
            let mut clash = None;
            match outer {
                Some(o) if start(at) < end(o) => {
                    let within = start(at) >= start(o) && end(at) <= end(o);
                    if !within {
                        clash = Some(o);
                    } else if let Some(n) = inner
                        && start(at) < end(n)
                    {
                        clash = Some(n);
                    }
                    if within && inner.is_none_or(|n| end(at) > end(n)) {
                        inner = Some(at);
                    }
                }
                _ => inner = None,
            }
            if let Some(other) = clash.filter(|other| other.0 != at.0) {
                let entry = &entries[by_id[sessions[at.0].id.as_str()]];
                let room_name = &cx.checked.get::<Venue>()[room.venue].rooms[room.room].id;
                let message = format!(
                    "session `{}` overlaps session `{}` ({} to {}) in room `{room_name}`",
                    sessions[at.0].id,
                    sessions[other.0].id,
                    show(&slot(other).start),
                    show(end_time(other)),
                );
                cx.error(cx.file(entry.file), &slot_span(entry, at.1), message);
            }
            if outer.is_none_or(|o| end(at) > end(o)) {
                if outer.is_some_and(|o| start(at) >= end(o)) {
                    inner = None;
                }
                outer = Some(at);
            }
        }
    }
}
