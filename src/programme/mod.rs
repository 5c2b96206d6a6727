//! Programme reasoning: which sessions a question about the programme means, as of `now` in the event's
//! time zone. "What's on now", "what's next in the auditorium", "the first session tomorrow", "what's in
//! room 12 at 14:00 on day 2", "which workshops are there": each is a [`Query`] (an order, a day, a part
//! of a day or a time, a room, a kind or track, a speaker) over the event's [`Occurrence`]s, answered
//! with a short list.
//!
//! The same query serves a question typed in words ([`Programme::read`]) and a command with filters
//! ([`Programme::list`]), so the command line and Discord list alike. The module knows no event: the words
//! it reads are the built-in lexicon's `[programme]` table, and room, kind and track names come from the
//! knowledge.

mod filters;
mod index;
mod list;
mod reading;

use jiff::civil::Date;
use jiff::tz::TimeZone;
use jiff::{Timestamp, ZonedDateTime};
use rustc_hash::{FxHashMap, FxHashSet};

use crate::knowledge::{Knowledge, RoomRef, Session};
use crate::lexicon::Lexicon;
use crate::topics::Rendered;

pub use filters::{Facet, Unknown};
pub use list::{SHOWN, Window};
pub use reading::Vocabulary;

/// One time a session is held: its start, end and room. A session held in several slots has one
/// occurrence per slot; sessions imported separately under one title are repeats of one session.
#[derive(Debug, Clone, PartialEq)]
pub struct Occurrence {
    /// Index into the knowledge's sessions.
    pub session: usize,
    pub start: Timestamp,
    pub end: Timestamp,
    pub room: Option<RoomRef>,
    /// The day it starts on, in the event's zone.
    pub day: Date,
    /// When it starts and ends on that day, in minutes since midnight in the event's zone; an
    /// occurrence that runs past midnight ends at 24:00. Kept so that filtering by a day or a part of a
    /// day converts no time on each question.
    from_minute: i32,
    to_minute: i32,
}

/// The occurrences of one session: where the knowledge's slots plug in. Today a session has one time
/// (`start`, `end`, `room`); a session without a start has none. A session without an end is taken to
/// last until it starts (a moment), so it is listed at its time but is never "on now".
fn occurrences_of(index: usize, s: &Session, zone: &TimeZone) -> Vec<Occurrence> {
    // Every slot is an occurrence: a session held several times, or in several rooms at once, is on
    // the programme each time.
    s.slots
        .iter()
        .map(|slot| {
            let start = slot.start.timestamp();
            let end = slot.end.as_ref().map_or(start, ZonedDateTime::timestamp);
            let local = start.to_zoned_datetime(zone.clone());
            let end_local = end.to_zoned_datetime(zone.clone());
            let from_minute = minutes(&local);
            let to_minute = if end_local.date() == local.date() {
                minutes(&end_local).max(from_minute + 1)
            } else {
                24 * 60
            };
            Occurrence {
                session: index,
                start,
                end,
                room: slot.room,
                day: local.date(),
                from_minute,
                to_minute,
            }
        })
        .collect()
}

/// A group of sessions a question can name by a shared label: a kind ("Workshop", "Keynote") or a track.
#[derive(Debug, Clone)]
pub struct Label {
    /// The label as the knowledge writes it.
    pub name: String,
    /// Its words, folded and singular, without stop words.
    words: Vec<String>,
    /// The sessions it covers, sorted.
    sessions: Vec<usize>,
}

impl Label {
    fn covers(&self, session: usize) -> bool {
        self.sessions.binary_search(&session).is_ok()
    }
}

/// A room with the words that name it.
#[derive(Debug, Clone)]
struct RoomWords {
    room: RoomRef,
    name: String,
    words: Vec<String>,
    /// Two words that name the room only together because the second is a stop word on its own:
    /// "room a".
    phrases: Vec<String>,
}

/// What a list asks for. Every field narrows it; none lists the whole programme.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Filter {
    /// A day of the event (a date in its time zone).
    pub day: Option<Date>,
    /// A part of the day, as hours in the event's zone: `[from, to)`.
    pub hours: Option<(i8, i8)>,
    /// A moment: sessions on at that time, or starting soon after.
    pub at: Option<Timestamp>,
    /// Only sessions starting at or after this moment ("for the rest of the day", "after lunch").
    pub after: Option<Timestamp>,
    pub room: Option<RoomRef>,
    /// Index into [`Programme::labels`].
    pub label: Option<usize>,
    /// Index into the knowledge's speakers.
    pub speaker: Option<usize>,
    /// Only these sessions (ascending), named by their title ("lunch tomorrow"); empty for any.
    pub titled: Vec<usize>,
}

/// Which of the sessions that pass the filter a question wants.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Order {
    /// All of them, in time order.
    #[default]
    All,
    /// Those on at `now`.
    Now,
    /// Those starting next after `now` (parallel sessions together).
    Next,
    /// The earliest (parallel sessions together).
    First,
    /// The latest.
    Last,
    /// Those that ended last before `now` ("what did I just miss").
    Previous,
}

/// What a question asks to have listed: sessions, or the groups they fall in.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Listing {
    /// The sessions that pass the filter.
    #[default]
    Sessions,
    /// The programme's tracks, each with how many sessions it has ("what tracks are there").
    Tracks,
    /// The kinds of session, each with how many sessions it has.
    Kinds,
}

/// A question about the programme, read.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Query {
    pub order: Order,
    pub filter: Filter,
    pub listing: Listing,
}

/// What a programme question is answered with: one session (its own answer says everything about it)
/// or a list.
#[derive(Debug, Clone)]
pub enum Reply {
    Session(usize),
    List(Box<Rendered>),
}

/// The programme of one knowledge base, indexed for questions: built once with the matcher.
#[derive(Debug)]
pub struct Programme {
    /// Every occurrence, by start time.
    occurrences: Vec<Occurrence>,
    rooms: Vec<RoomWords>,
    /// The words of the rooms' names, to the rooms.
    room_index: index::WordIndex,
    /// Two words that name a room together ("room a"), to the rooms.
    room_phrases: FxHashMap<String, Vec<usize>>,
    labels: Vec<Label>,
    /// The words of the labels, to the labels.
    label_index: index::WordIndex,
    /// The words that name a kind of session on their own ("workshop", "talk"): a label may leave them
    /// unsaid.
    kind_words: FxHashSet<String>,
    /// Each word of the sessions' titles (folded, singular, without stop words), to the sessions whose
    /// titles have it, ascending.
    title_words: FxHashMap<String, Vec<usize>>,
    /// How many such words each session's title has.
    title_lengths: Vec<usize>,
    /// The event's days, in order.
    days: Vec<Date>,
    zone: TimeZone,
    vocabulary: Vocabulary,
    /// The values a command's filters offer.
    choices: filters::Choices,
}

impl Programme {
    pub fn build(k: &Knowledge, lexicon: &Lexicon) -> Programme {
        let zone = k.event.time_zone.clone();
        let mut occurrences: Vec<Occurrence> = k
            .sessions()
            .iter()
            .enumerate()
            .flat_map(|(i, s)| occurrences_of(i, s, &zone))
            .collect();
        occurrences.sort_by_key(|o| (o.start, o.session));
        let mut days = Vec::new();
        let mut day = k.event.start.date();
        let last = k.event.end.date();
        while day <= last {
            days.push(day);
            let Ok(next) = day.tomorrow() else { break };
            day = next;
        }
        let vocabulary = Vocabulary::new(lexicon, k);
        let rooms = room_words(k, &vocabulary);
        let mut labels: Vec<Label> = Vec::new();
        for (i, s) in k.sessions().iter().enumerate() {
            if let Some(kind) = &s.kind {
                add_label(&mut labels, &vocabulary, kind, i);
            }
            // A track is named without the note some exports put in brackets ("Community [Talks]").
            if let Some(track) = s.track {
                let name = &k.tracks()[track].name;
                let bare = name.split(['(', '[']).next().unwrap_or(name).trim();
                if !bare.is_empty() {
                    add_label(&mut labels, &vocabulary, bare, i);
                }
            }
        }
        // Sessions that share a title (apart from a note in brackets, "Jam (Breakout rooms)") are one
        // session held several times: the title names them all.
        let mut titles: rustc_hash::FxHashMap<String, Vec<usize>> =
            rustc_hash::FxHashMap::default();
        for (i, s) in k.sessions().iter().enumerate() {
            let bare = s
                .title
                .split(['(', '['])
                .next()
                .unwrap_or(&s.title)
                .trim()
                .to_lowercase();
            titles.entry(bare).or_default().push(i);
        }
        let mut repeated: Vec<(String, Vec<usize>)> = titles
            .into_iter()
            .filter(|(_, list)| list.len() > 1)
            .collect();
        repeated.sort();
        for (_, list) in repeated {
            let title = k.sessions()[list[0]].title.clone();
            let bare = title
                .split(['(', '['])
                .next()
                .unwrap_or(&title)
                .trim()
                .to_string();
            for i in list {
                add_label(&mut labels, &vocabulary, &bare, i);
            }
        }
        for label in &mut labels {
            label.sessions.sort_unstable();
            label.sessions.dedup();
        }
        let room_index = index::WordIndex::build(rooms.iter().map(|r| r.words.as_slice()));
        let mut room_phrases: FxHashMap<String, Vec<usize>> = FxHashMap::default();
        for (at, room) in rooms.iter().enumerate() {
            for phrase in &room.phrases {
                room_phrases.entry(phrase.clone()).or_default().push(at);
            }
        }
        let label_index = index::WordIndex::build(labels.iter().map(|l| l.words.as_slice()));
        let (title_words, title_lengths) = title_words(k, &vocabulary);
        let kind_words: FxHashSet<String> = k
            .sessions()
            .iter()
            .filter_map(|s| s.kind.as_deref())
            .map(|kind| group_words(&vocabulary, kind))
            .filter(|words| words.len() == 1)
            .flatten()
            .collect();
        let mut programme = Programme {
            occurrences,
            rooms,
            room_index,
            room_phrases,
            labels,
            label_index,
            kind_words,
            title_words,
            title_lengths,
            days,
            zone,
            vocabulary,
            choices: filters::Choices::default(),
        };
        programme.choices = filters::Choices::build(&programme, k);
        programme
    }

    /// The sessions whose titles have every one of `named` (folded, singular words) and are named by them
    /// most closely (the fewest other title words), if they have at least as many as half their title's
    /// words: "lunch" names "Lunch", not "Lunch and Learn: Scaling Open Data".
    fn sessions_titled(&self, named: &[String]) -> Vec<usize> {
        let distinct: FxHashSet<&String> = named.iter().collect();
        let mut lists = distinct.iter().map(|w| self.title_words.get(*w));
        let Some(Some(first)) = lists.next() else {
            return Vec::new();
        };
        let mut found: Vec<usize> = first.clone();
        for list in lists {
            let Some(list) = list else {
                return Vec::new();
            };
            found.retain(|s| list.binary_search(s).is_ok());
        }
        found.retain(|&s| 2 * distinct.len() >= self.title_lengths[s]);
        let Some(closest) = found.iter().map(|&s| self.title_lengths[s]).min() else {
            return Vec::new();
        };
        found.retain(|&s| self.title_lengths[s] == closest);
        found
    }

    /// The kinds and tracks sessions can be listed by.
    pub fn labels(&self) -> &[Label] {
        &self.labels
    }

    /// The names of the rooms, for a command's choices.
    pub fn room_names(&self) -> impl Iterator<Item = (RoomRef, &str)> {
        self.rooms.iter().map(|r| (r.room, r.name.as_str()))
    }

    /// The event's days.
    pub fn days(&self) -> &[Date] {
        &self.days
    }

    /// Reads a question as one about the programme, if every word of it is a programme word, a room, a
    /// kind or track, or names the event; `None` leaves it to the topics.
    pub fn read(&self, question: &str, now: Timestamp) -> Option<Query> {
        reading::read(self, question, now)
    }

    /// Answers a programme question: one session, or a list.
    pub fn answer(&self, k: &Knowledge, query: &Query, now: Timestamp) -> Reply {
        list::answer(self, k, query, now)
    }

    /// Answers a programme question with the lines `window` asks for, and how many lines the whole list
    /// has (0 when one session answers it): a follow-up pages through a long list with it.
    pub fn answer_window(
        &self,
        k: &Knowledge,
        query: &Query,
        now: Timestamp,
        window: Window,
    ) -> (Reply, usize) {
        list::answer_window(self, k, query, now, window)
    }

    /// The list a command's filters ask for, as of `now`.
    pub fn list(&self, k: &Knowledge, filter: &Filter, now: Timestamp) -> Rendered {
        self.list_window(k, filter, now, Window::FIRST).0
    }

    /// The lines `window` asks for of the list a command's filters ask for, as of `now`, and how many
    /// lines the whole list has: a follow-up pages through a long list with it.
    pub fn list_window(
        &self,
        k: &Knowledge,
        filter: &Filter,
        now: Timestamp,
        window: Window,
    ) -> (Rendered, usize) {
        let query = Query {
            order: Order::All,
            filter: filter.clone(),
            listing: Listing::Sessions,
        };
        match list::answer_window(self, k, &query, now, window) {
            (Reply::List(rendered), lines) => (*rendered, lines),
            (Reply::Session(i), _) => (list::single(self, k, i, &query, now), 1),
        }
    }

    /// A list of the sessions that answer a question together, best first.
    pub fn sessions(&self, k: &Knowledge, sessions: &[usize], now: Timestamp) -> Rendered {
        list::sessions(self, k, sessions, now)
    }

    /// Whether an occurrence passes a filter (all but `at`, which a list handles itself).
    fn passes(&self, k: &Knowledge, o: &Occurrence, f: &Filter) -> bool {
        if let Some(speaker) = f.speaker
            && !k.sessions()[o.session].speakers.contains(&speaker)
        {
            return false;
        }
        self.passes_without_speaker(o, f)
    }

    /// Whether an occurrence passes every part of a filter but its speaker (and `at`).
    fn passes_without_speaker(&self, o: &Occurrence, f: &Filter) -> bool {
        if f.room.is_some() && o.room != f.room {
            return false;
        }
        if let Some(label) = f.label
            && !self.labels[label].covers(o.session)
        {
            return false;
        }
        if !f.titled.is_empty() && f.titled.binary_search(&o.session).is_err() {
            return false;
        }
        if let Some(after) = f.after
            && o.start < after
        {
            return false;
        }
        if let Some(day) = f.day
            && o.day != day
        {
            return false;
        }
        if let Some((from, to)) = f.hours {
            // A session belongs to a part of the day if it is on during any of it.
            if o.from_minute >= i32::from(to) * 60 || o.to_minute <= i32::from(from) * 60 {
                return false;
            }
        }
        true
    }
}

/// Every room with the words that name it: its name, id and aliases, without stop words.
fn room_words(k: &Knowledge, vocabulary: &Vocabulary) -> Vec<RoomWords> {
    k.venues()
        .iter()
        .enumerate()
        .flat_map(|(v, venue)| {
            venue
                .rooms
                .iter()
                .enumerate()
                .map(move |(r, room)| (v, r, room))
        })
        .map(|(venue, r, room)| {
            let mut words = Vec::new();
            let mut phrases = Vec::new();
            for text in std::iter::once(&room.name)
                .chain(std::iter::once(&room.id))
                .chain(&room.aliases)
            {
                let all = reading::words(text);
                for (at, w) in all.iter().enumerate() {
                    if !vocabulary.is_stop(w) {
                        if !words.contains(w) {
                            words.push(w.clone());
                        }
                    } else if w.chars().count() == 1 && at > 0 {
                        // "Room A": the letter is a stop word alone, but names the room after its word.
                        let phrase = format!("{} {w}", all[at - 1]);
                        if !phrases.contains(&phrase) {
                            phrases.push(phrase);
                        }
                    }
                }
            }
            RoomWords {
                room: RoomRef { venue, room: r },
                name: room.name.clone(),
                words,
                phrases,
            }
        })
        .collect()
}

/// Each word of the sessions' titles (folded, singular, without stop words) to the sessions that have
/// it, ascending, and how many such words each title has.
fn title_words(
    k: &Knowledge,
    vocabulary: &Vocabulary,
) -> (FxHashMap<String, Vec<usize>>, Vec<usize>) {
    let mut title_words: FxHashMap<String, Vec<usize>> = FxHashMap::default();
    let mut title_lengths = Vec::with_capacity(k.sessions().len());
    for (i, s) in k.sessions().iter().enumerate() {
        let own: FxHashSet<String> = reading::words(&s.title)
            .into_iter()
            .filter(|w| !vocabulary.is_untitled(w))
            .map(|w| reading::singular(&w))
            .collect();
        title_lengths.push(own.len());
        for w in own {
            title_words.entry(w).or_default().push(i);
        }
    }
    (title_words, title_lengths)
}

/// What a track's or kind's name is known by, to fold near-duplicates ("Poster", "Posters", "Posters
/// (main hall)"): its words without stop words, a note in brackets or a plural "s", sorted; none for a
/// name that says only "track" ("No Track").
fn group_words(vocabulary: &Vocabulary, name: &str) -> Vec<String> {
    let bare = name.split(['(', '[']).next().unwrap_or(name);
    let mut key: Vec<String> = reading::words(bare)
        .into_iter()
        .filter(|w| !vocabulary.is_stop(w))
        .map(|w| reading::singular(&w))
        .collect();
    if key.iter().all(|w| vocabulary.names_tracks(w)) {
        return Vec::new();
    }
    key.sort();
    key.dedup();
    key
}

fn add_label(labels: &mut Vec<Label>, vocabulary: &Vocabulary, name: &str, session: usize) {
    let words = group_words(vocabulary, name);
    if words.is_empty() {
        return;
    }
    // Labels whose names differ only in form are one label, shown as first named.
    if let Some(label) = labels.iter_mut().find(|l| l.words == words) {
        label.sessions.push(session);
        return;
    }
    labels.push(Label {
        name: name.trim().to_string(),
        words,
        sessions: vec![session],
    });
}

/// Minutes since midnight.
fn minutes(z: &ZonedDateTime) -> i32 {
    i32::from(z.hour()) * 60 + i32::from(z.minute())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A two-day forum with two rooms, in Amsterdam's zone (UTC+2 in June).
    pub(super) fn forum() -> (Knowledge, Programme) {
        let k = crate::knowledge::from_text(
            r#"
[event]
id = "forum"
title = "Water Forum"
kind = "Forum"
description = "A forum on water."
time_zone = "Europe/Amsterdam"
start = 2026-06-01T09:00:00
end = 2026-06-02T18:00:00
venue = "hall"

[[venue]]
id = "hall"
name = "Grand Hall"
address = "Main Street 1"
city = "Utrecht"
rooms = [{ id = "auditorium", name = "Blue Auditorium" }, { id = "room-12", name = "Room 12" }]

[[speaker]]
id = "ada"
name = "Ada Lovelace"

[[session]]
id = "opening"
title = "Opening"
kind = "Keynote"
start = 2026-06-01T09:00:00
end = 2026-06-01T10:00:00
room = "auditorium"
speakers = ["ada"]

[[session]]
id = "rivers"
title = "Rivers and deltas"
kind = "Workshop"
start = 2026-06-01T14:00:00
end = 2026-06-01T15:30:00
room = "room-12"

[[session]]
id = "rain"
title = "Rain"
kind = "Workshop"
start = 2026-06-01T14:00:00
end = 2026-06-01T15:00:00
room = "auditorium"

[[session]]
id = "closing"
title = "Closing"
kind = "Keynote"
start = 2026-06-02T16:00:00
end = 2026-06-02T17:00:00
room = "auditorium"
"#,
        );
        let p = Programme::build(&k, Lexicon::builtin());
        (k, p)
    }

    /// A one-day event with the sessions (and venues) of `body`, and its programme.
    fn one_day(body: &str) -> (Knowledge, Programme) {
        let k = crate::knowledge::from_text(&format!(
            r#"
[event]
id = "forum"
title = "Water Forum"
kind = "Forum"
description = "A forum on water."
time_zone = "Europe/Amsterdam"
start = 2026-06-01T09:00:00
end = 2026-06-01T18:00:00
{body}"#
        ));
        let p = Programme::build(&k, Lexicon::builtin());
        (k, p)
    }

    pub(super) fn at(s: &str) -> Timestamp {
        s.parse().expect("a valid timestamp")
    }

    /// The titles a question lists, or the one session it means.
    fn titles(question: &str, now: &str) -> Vec<String> {
        let (k, p) = forum();
        let now = at(now);
        let q = p.read(question, now).expect("a programme question");
        match p.answer(&k, &q, now) {
            Reply::Session(i) => vec![k.sessions()[i].title.clone()],
            Reply::List(r) => k
                .sessions()
                .iter()
                .filter(|s| r.text.contains(&format!(" {}", s.title)))
                .map(|s| s.title.clone())
                .collect(),
        }
    }

    #[test]
    fn a_programme_without_times_leaves_its_sessions_to_the_topics() {
        let (_, p) = one_day(
            r#"
[[session]]
id = "part-one"
title = "Part one"
kind = "part"

[[session]]
id = "part-two"
title = "Part two"
kind = "part"
"#,
        );
        let now = at("2026-06-01T10:00:00Z");
        for question in [
            "which parts are there",
            "what was part one about",
            "what's on now",
        ] {
            assert!(p.read(question, now).is_none(), "{question}");
        }
        // The same question on a timed programme is a list.
        assert!(forum().1.read("which workshops are there", now).is_some());
    }

    #[test]
    fn a_cancelled_session_is_never_on_now_or_next_and_a_full_list_marks_it() {
        let (k, p) = one_day(
            r#"
[[session]]
id = "rivers"
title = "Rivers"
start = 2026-06-01T14:00:00
end = 2026-06-01T15:00:00
cancelled = true

[[session]]
id = "rain"
title = "Rain"
start = 2026-06-01T16:00:00
end = 2026-06-01T17:00:00
"#,
        );
        let during = at("2026-06-01T12:30:00Z");
        let text = |question: &str, now: Timestamp| -> String {
            let q = p.read(question, now).expect("a programme question");
            match p.answer(&k, &q, now) {
                Reply::Session(i) => k.sessions()[i].title.clone(),
                Reply::List(r) => r.text,
            }
        };
        let now_on = text("what's on right now?", during);
        assert!(!now_on.contains("Rivers"), "{now_on}");
        assert!(
            now_on.contains("Rain"),
            "the next held session follows: {now_on}"
        );
        assert_eq!(text("what is next", at("2026-06-01T10:00:00Z")), "Rain");
        assert_eq!(text("what is first", during), "Rain");
        let all = p
            .list(&k, &Filter::default(), at("2026-06-01T06:00:00Z"))
            .text;
        assert!(all.contains("Rivers (cancelled)"), "{all}");
        assert!(!all.contains("Rain (cancelled)"), "{all}");
    }

    #[test]
    fn a_time_without_am_or_pm_outside_the_day_is_the_afternoons() {
        let now = "2026-06-01T07:00:00Z";
        assert_eq!(
            titles("what's in room 12 at 2:00 on day 1", now),
            ["Rivers and deltas"]
        );
        // A time the day's sessions cover stays as written, and "am" is taken at its word.
        assert_eq!(
            titles("what's in the blue auditorium at 9:30 on day 1", now),
            ["Opening"]
        );
        assert!(titles("what's in room 12 at 2am on day 1", now).is_empty());
    }

    #[test]
    fn where_a_kind_is_held_is_not_a_list() {
        let (_, p) = forum();
        let now = at("2026-06-01T07:00:00Z");
        assert!(p.read("where is the workshop held", now).is_none());
        assert!(p.read("which workshops are there", now).is_some());
    }

    #[test]
    fn a_room_named_by_a_letter_is_found_by_it() {
        let (_, p) = one_day(
            r#"
[[venue]]
id = "hub"
name = "Hub"
address = "Quay 1"
city = "Utrecht"
rooms = [{ id = "room-a", name = "Room A" }, { id = "room-b", name = "Room B" }]

[[session]]
id = "synths"
title = "Synths"
start = 2026-06-01T14:00:00
end = 2026-06-01T15:00:00
room = "room-a"

[[session]]
id = "drums"
title = "Drums"
start = 2026-06-01T14:00:00
end = 2026-06-01T15:00:00
room = "room-b"
"#,
        );
        let now = at("2026-06-01T07:00:00Z");
        for (question, room) in [
            ("what's in room A at 14:00", 0),
            ("what's in room b at 14:00", 1),
        ] {
            let query = p.read(question, now).expect("a programme question");
            assert_eq!(
                query.filter.room,
                Some(RoomRef { venue: 0, room }),
                "{question}"
            );
        }
    }

    #[test]
    fn now_and_next_as_of_now() {
        // 14:30 in Amsterdam on the first day.
        let now = "2026-06-01T12:30:00Z";
        assert_eq!(
            titles("what's on right now?", now),
            ["Rivers and deltas", "Rain"]
        );
        assert_eq!(
            titles("whats next in the blue auditorium", now),
            ["Closing"]
        );
        assert_eq!(
            titles("anything happening in room 12 at the moment", now),
            ["Rivers and deltas"]
        );
    }

    #[test]
    fn days_parts_of_days_times_and_rooms() {
        let now = "2026-06-01T07:00:00Z";
        assert_eq!(
            titles("what's in room 12 at 14:00 on day 1", now),
            ["Rivers and deltas"]
        );
        assert_eq!(titles("what's on tomorrow", now), ["Closing"]);
        assert_eq!(
            titles("what's in the auditorium on monday afternoon", now),
            ["Rain"]
        );
        assert_eq!(titles("first session tomorrow", now), ["Closing"]);
        assert_eq!(
            titles("what is the last talk of the forum?", now),
            ["Closing"]
        );
        assert_eq!(
            titles("which workshops are there", now),
            ["Rivers and deltas", "Rain"]
        );
    }

    #[test]
    fn other_subjects_and_the_event_itself_are_left_to_the_topics() {
        let (_, p) = forum();
        let now = at("2026-06-01T07:00:00Z");
        for question in [
            "is it happening right now?",
            "is the forum on tuesday?",
            "when is lunch on tuesday",
            "is there a workshop about kubernetes",
            "how many days does it run",
            "when does ada lovelace speak",
            "when is the rivers workshop",
        ] {
            assert_eq!(p.read(question, now), None, "{question}");
        }
    }

    /// A day with a morning talk, lunch, two afternoon talks and tracks that differ only in form.
    fn lunch_day() -> (Knowledge, Programme) {
        one_day(
            r#"
[[track]]
id = "poster"
name = "Poster"

[[track]]
id = "posters"
name = "Posters"

[[track]]
id = "none"
name = "No Track"

[[track]]
id = "rivers"
name = "Rivers"

[[session]]
id = "tides"
title = "Tides"
track = "rivers"
start = 2026-06-01T10:00:00
end = 2026-06-01T11:00:00

[[session]]
id = "lunch"
title = "Lunch"
track = "none"
start = 2026-06-01T12:00:00
end = 2026-06-01T13:00:00

[[session]]
id = "lunch-talk"
title = "Lunch and learn about dams"
track = "poster"
start = 2026-06-01T13:00:00
end = 2026-06-01T13:30:00

[[session]]
id = "rain"
title = "Rain"
track = "posters"
start = 2026-06-01T14:00:00
end = 2026-06-01T15:00:00
"#,
        )
    }

    /// The text a question is answered with, as of `now`.
    fn answered(k: &Knowledge, p: &Programme, question: &str, now: Timestamp) -> String {
        let q = p.read(question, now).expect("a programme question");
        match p.answer(k, &q, now) {
            Reply::Session(i) => k.sessions()[i].title.clone(),
            Reply::List(r) => r.text,
        }
    }

    #[test]
    fn what_follows_a_named_session_starts_when_it_ends() {
        let (k, p) = lunch_day();
        // 09:00 in Amsterdam: lunch is still to come; "after lunch" lists from its end, not from now.
        let text = answered(&k, &p, "what's on after lunch", at("2026-06-01T07:00:00Z"));
        assert!(text.contains("Lunch and learn"), "{text}");
        assert!(text.contains("Rain"), "{text}");
        assert!(!text.contains("Tides"), "{text}");
        // The title that has the fewest other words is the one named.
        assert!(!text.contains("- 12:00"), "{text}");
        // A kind or track stands for its sessions.
        let text = answered(
            &k,
            &p,
            "what's on after the rivers",
            at("2026-06-01T07:00:00Z"),
        );
        assert!(
            text.contains("from 11:00") && text.contains("Rain"),
            "{text}"
        );
        assert!(!text.contains("Tides"), "{text}");
        // A session the programme does not have is not an anchor.
        assert!(
            p.read("what's on after the dinner", at("2026-06-01T07:00:00Z"))
                .is_none()
        );
    }

    #[test]
    fn the_rest_of_the_day_and_what_just_ended() {
        let (k, p) = lunch_day();
        // 12:30 in Amsterdam, during lunch.
        let now = at("2026-06-01T10:30:00Z");
        let rest = answered(&k, &p, "what's left for the rest of the day", now);
        assert!(
            rest.contains("Rain") && rest.contains("Lunch and learn"),
            "{rest}"
        );
        assert!(
            !rest.contains("Tides") && !rest.contains("- 12:00"),
            "{rest}"
        );
        assert_eq!(answered(&k, &p, "what did I just miss", now), "Tides");
        // "rn" is a chat spelling of "now".
        assert_eq!(
            answered(&k, &p, "what's on rn", now),
            answered(&k, &p, "what's on now", now)
        );
        assert!(answered(&k, &p, "what's on rn", now).contains("Lunch"));
    }

    #[test]
    fn when_the_day_finishes_is_its_last_session() {
        let (k, p) = lunch_day();
        let now = at("2026-06-01T10:30:00Z");
        assert_eq!(
            answered(&k, &p, "when does everything finish today", now),
            "Rain"
        );
    }

    #[test]
    fn the_tracks_are_listed_once_each_with_their_sessions() {
        let (k, p) = lunch_day();
        let text = answered(&k, &p, "what tracks are there", at("2026-06-01T10:30:00Z"));
        assert!(text.starts_with("Two tracks:"), "{text}");
        assert!(text.contains("- Poster (2 sessions)"), "{text}");
        assert!(text.contains("- Rivers (1 session)"), "{text}");
        assert!(!text.contains("No Track"), "{text}");
    }

    #[test]
    fn a_session_named_with_a_day_is_that_days() {
        let k = crate::knowledge::from_text(
            r#"
[event]
id = "forum"
title = "Water Forum"
kind = "Forum"
description = "A forum on water."
time_zone = "Europe/Amsterdam"
start = 2026-06-01T09:00:00
end = 2026-06-02T18:00:00

[[session]]
id = "lunch-1"
title = "Lunch"
start = 2026-06-01T12:00:00
end = 2026-06-01T13:00:00

[[session]]
id = "lunch-2"
title = "Lunch"
start = 2026-06-02T12:30:00
end = 2026-06-02T13:30:00

[[session]]
id = "coffee"
title = "Registration and coffee"
start = 2026-06-01T09:00:00
end = 2026-06-01T09:30:00
"#,
        );
        let p = Programme::build(&k, Lexicon::builtin());
        let now = at("2026-06-01T08:00:00Z");
        let q = p
            .read("when is lunch tomorrow", now)
            .expect("a programme question");
        match p.answer(&k, &q, now) {
            Reply::Session(i) => assert_eq!(k.sessions()[i].id, "lunch-2"),
            Reply::List(r) => panic!("one session, not {}", r.text),
        }
        // A title word the rest of the question rules out leaves it to the topics.
        assert!(p.read("when is the afternoon coffee", now).is_none());
        // "The" before a title is not a title word.
        let after = answered(&k, &p, "what's after the lunch tomorrow", now);
        assert!(after.starts_with("Nothing is scheduled"), "{after}");
    }

    #[test]
    fn labels_that_differ_only_in_form_are_one_and_no_track_is_none() {
        let (_, p) = lunch_day();
        let names: Vec<&str> = p.labels().iter().map(|l| l.name.as_str()).collect();
        assert_eq!(names, ["Rivers", "Poster"]);
        assert_eq!(p.suggest(Facet::Track, "post", 5), ["Poster"]);
    }

    #[test]
    fn a_list_on_another_day_than_today_names_the_day() {
        let (k, p) = lunch_day();
        let today = p.sessions(&k, &[0, 3], at("2026-06-01T07:00:00Z")).text;
        assert!(today.contains("\n- 10:00"), "{today}");
        let later = p.sessions(&k, &[0, 3], at("2026-06-03T07:00:00Z")).text;
        assert!(later.contains("\n- Mon 1 Jun 10:00"), "{later}");
    }

    #[test]
    fn a_track_is_named_without_the_word_that_names_a_kind() {
        let (_, p) = one_day(
            r#"
[[track]]
id = "hands-on"
name = "Hands-on Workshops"

[[track]]
id = "rivers"
name = "Rivers and Deltas"

[[session]]
id = "synths"
title = "Synths"
kind = "Workshop"
track = "hands-on"
start = 2026-06-01T14:00:00
end = 2026-06-01T15:00:00

[[session]]
id = "deltas"
title = "Deltas"
kind = "Talk"
track = "rivers"
start = 2026-06-01T15:00:00
end = 2026-06-01T16:00:00
"#,
        );
        let now = at("2026-06-01T07:00:00Z");
        let label = |question: &str| {
            p.read(question, now)
                .and_then(|q| q.filter.label)
                .map(|l| p.labels()[l].name.clone())
        };
        assert_eq!(
            label("any hands on sessions this afternoon").as_deref(),
            Some("Hands-on Workshops")
        );
        // Said in full, the kind itself wins; a word that is not a kind's may not go unsaid.
        assert_eq!(
            label("any workshops this afternoon").as_deref(),
            Some("Workshop")
        );
        assert_eq!(label("any rivers sessions this afternoon"), None);
    }

    #[test]
    fn a_list_never_hides_only_one_or_two_lines() {
        let first = Window::FIRST;
        assert_eq!(first.fitted(SHOWN + 2).count, SHOWN + 2);
        assert_eq!(first.fitted(SHOWN + 3), first);
        assert_eq!(first.fitted(3), first);
        // A narrow window (a probe's) is kept as asked.
        let narrow = Window { from: 0, count: 2 };
        assert_eq!(narrow.fitted(3), narrow);
    }

    #[test]
    fn a_list_is_short_and_says_how_many_more() {
        let (k, p) = forum();
        let r = p.list(&k, &Filter::default(), at("2026-06-01T07:00:00Z"));
        assert!(r.text.starts_with("Four sessions:"), "{}", r.text);
        assert!(
            r.text.contains(
                "\n- Mon 1 Jun 09:00\u{2013}10:00 Opening (Blue Auditorium) \u{2014} Ada Lovelace"
            ),
            "{}",
            r.text
        );
    }
}
