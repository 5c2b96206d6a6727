//! `[event]`: the event itself, exactly one across all files. Its time zone is the one every other time
//! is read in, and its start and end are the window sessions must lie within, so it is checked first.

use jiff::ZonedDateTime;
use jiff::civil::Date;
use jiff::tz::TimeZone;
use serde::Deserialize;
use toml::Spanned;
use toml::value::Datetime;

use crate::knowledge::diagnostic::{Origin, SourceFile};
use crate::knowledge::kind::{
    Check, EntryKind, Kind, Parsed, Shape, Text, in_no_file, only_one, show,
};

/// `[event]` as written.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EventEntry {
    pub id: Text,
    pub title: String,
    /// The event's short name or acronym: "`SotM`", "GOOD 2025".
    pub short_name: Option<String>,
    /// What sort of event it is, e.g. "Expert Seminar" or "Conference".
    pub kind: Option<String>,
    pub description: Option<String>,
    /// An IANA time zone name such as "Europe/Amsterdam".
    pub time_zone: Text,
    /// A TOML datetime (with an offset, or local time in `time_zone`), or a date: the event then starts
    /// at the beginning of its first day and ends at the end of its last.
    pub start: Spanned<Datetime>,
    pub end: Spanned<Datetime>,
    /// Every day of the programme, as dates, including days with nothing scheduled.
    #[serde(default)]
    pub days: Vec<Spanned<Datetime>>,
    /// What follows the event (a reception, drinks).
    pub follow_up: Option<FollowUpEntry>,
    /// The venue id where it takes place.
    pub venue: Option<Text>,
    /// Host ids.
    #[serde(default)]
    pub hosts: Vec<Text>,
    /// The initiative (project, programme, series) it belongs to.
    pub part_of: Option<Text>,
    /// Who takes part, in the source's own words.
    pub participants: Option<String>,
    /// What to say about speakers when the source names none.
    pub speakers_note: Option<String>,
    /// Details the source does not give, each with what to say when asked: `room = "The report names no
    /// room; ..."`, or a table with the note and the words people ask with. The same idea as
    /// `speakers_note`, for any detail.
    #[serde(default)]
    pub not_given: std::collections::BTreeMap<String, NotGivenEntry>,
    /// Where participants can read more.
    pub url: Option<Text>,
    #[serde(default)]
    pub keywords: Vec<Text>,
}

/// One detail of `[event.not_given]` as written: the note alone, or the note with the words people ask
/// for the detail with ("wrote" for an author), which its name alone would not match.
#[derive(Debug, Clone)]
pub enum NotGivenEntry {
    Note(String),
    Table(NotGivenTable),
}

// Written by hand rather than derived as an untagged enum, so that a mistake inside the table form is
// reported at its own line and column with serde's own message ("unknown field `notes`"), and so the
// keywords keep their spans.
impl<'de> Deserialize<'de> for NotGivenEntry {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl<'de> serde::de::Visitor<'de> for Visitor {
            type Value = NotGivenEntry;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a note, or a table with `note` and `keywords`")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Self::Value, E> {
                Ok(NotGivenEntry::Note(v.to_string()))
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                map: A,
            ) -> Result<Self::Value, A::Error> {
                NotGivenTable::deserialize(serde::de::value::MapAccessDeserializer::new(map))
                    .map(NotGivenEntry::Table)
            }
        }
        d.deserialize_any(Visitor)
    }
}

/// The table form of a detail the source does not give.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NotGivenTable {
    pub note: String,
    #[serde(default)]
    pub keywords: Vec<Text>,
}

/// `[event.follow_up]` as written: what comes after the event, such as a reception.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FollowUpEntry {
    /// What follows, as it reads after "followed by": "a reception".
    pub title: String,
    /// Anything the source says about it beyond its name.
    pub description: Option<String>,
    #[serde(default)]
    pub keywords: Vec<Text>,
}

/// The event, checked.
#[derive(Debug, Clone)]
pub struct Event {
    pub id: String,
    pub title: String,
    pub short_name: Option<String>,
    /// What sort of event it is; empty when the knowledge does not say (answers then say "the event").
    pub kind: String,
    /// What it is about; empty when the knowledge does not say.
    pub description: String,
    pub time_zone: TimeZone,
    pub time_zone_name: String,
    pub start: ZonedDateTime,
    pub end: ZonedDateTime,
    /// The days of the programme, in order; empty when the knowledge does not list them.
    pub days: Vec<Date>,
    pub follow_up: Option<FollowUp>,
    /// Index into the venues.
    pub venue: Option<usize>,
    /// Indices into the hosts.
    pub hosts: Vec<usize>,
    /// Index into the initiatives.
    pub part_of: Option<usize>,
    pub participants: Option<String>,
    pub speakers_note: Option<String>,
    /// Details the source does not give (a room, a price), each with what to say when asked.
    pub not_given: Vec<NotGiven>,
    pub url: Option<String>,
    pub keywords: Vec<String>,
    pub origin: Origin,
}

/// A detail the source does not give, checked: its name, what to say, and the words people ask with.
#[derive(Debug, Clone)]
pub struct NotGiven {
    pub detail: String,
    pub note: String,
    pub keywords: Vec<String>,
}

/// What follows the event, checked.
#[derive(Debug, Clone)]
pub struct FollowUp {
    pub title: String,
    pub description: Option<String>,
    pub keywords: Vec<String>,
}

/// An event longer than this is more likely a mistyped year or month than a real one: a warning.
const LONGEST_EVENT_DAYS: i64 = 31;

/// The kinds the event refers to, by name: each of them is checked after the event.
const VENUE: EntryKind = EntryKind::named("venue");
const HOST: EntryKind = EntryKind::named("host");
const INITIATIVE: EntryKind = EntryKind::named("initiative");

impl Kind for Event {
    const SECTION: &'static str = "event";
    const SHAPE: Shape = Shape::Table;
    const COUNTED: [&'static str; 2] = ["event", "events"];
    type Entry = EventEntry;

    fn id(entry: &EventEntry) -> Option<&Text> {
        Some(&entry.id)
    }

    fn register(entries: &[Parsed<EventEntry>], cx: &mut Check<'_>) {
        only_one(
            entries,
            cx,
            "a second [event]: the knowledge describes one event, already defined at",
        );
        for (index, p) in entries.iter().enumerate() {
            cx.register(p.file, &p.entry.id, Self::KIND, (index, 0));
        }
    }

    fn keywords(entry: &EventEntry) -> Vec<&Text> {
        entry
            .keywords
            .iter()
            .chain(entry.follow_up.iter().flat_map(|f| f.keywords.iter()))
            .collect()
    }

    /// Only the first `[event]` is checked (a second is an error already), and without one nothing else
    /// can be: every other kind is read in the event's time zone.
    fn check_all(entries: &[Parsed<EventEntry>], cx: &mut Check<'_>) -> Vec<Event> {
        let Some(first) = entries.first() else {
            // An [event] that is there but did not parse is reported at its place already, and one may be
            // in a file that is not valid TOML.
            if cx.written(Self::SECTION) == 0 && !cx.incomplete() {
                let problem = in_no_file(
                    cx.dir(),
                    "no [event] in any knowledge file: one file must describe the event",
                );
                cx.push(problem);
            }
            cx.stop();
            return Vec::new();
        };
        Self::check(first, cx).into_iter().collect()
    }

    fn check(p: &Parsed<EventEntry>, cx: &mut Check<'_>) -> Option<Event> {
        let f = cx.file(p.file);
        let e = &p.entry;
        let time_zone = if let Ok(tz) = TimeZone::get(e.time_zone.get_ref()) {
            Some(tz)
        } else {
            cx.error(
                f,
                &e.time_zone.span(),
                format!(
                    "unknown time zone `{}`: use an IANA name such as \"Europe/Amsterdam\"",
                    e.time_zone.get_ref()
                ),
            );
            None
        };
        cx.time_zone = time_zone.clone().unwrap_or(TimeZone::UTC);
        if let Some(url) = &e.url {
            cx.link(f, url, "url");
        }
        let start = event_bound(cx, f, &e.start, Bound::Start);
        let end = event_bound(cx, f, &e.end, Bound::End);
        let days = check_days(cx, f, &e.days);
        if let (Some(start), Some(end)) = (&start, &end) {
            if end == start {
                cx.error(
                    f,
                    &e.end.span(),
                    format!(
                        "the event ends when it starts ({}): `end` must be later than `start`",
                        show(end)
                    ),
                );
            } else if end < start {
                cx.error(
                    f,
                    &e.end.span(),
                    format!(
                        "the event ends ({}) before it starts ({})",
                        show(end),
                        show(start)
                    ),
                );
            } else if start.duration_until(end).as_secs() > LONGEST_EVENT_DAYS * 24 * 3600 {
                cx.warning(
                    f,
                    &e.end.span(),
                    format!(
                        "the event lasts more than {LONGEST_EVENT_DAYS} days ({} to {}): is `end` meant to be this late?",
                        show(start),
                        show(end)
                    ),
                );
            }
            cx.window = Some((start.clone(), end.clone()));
        }
        let event = Event {
            id: e.id.get_ref().clone(),
            title: e.title.clone(),
            short_name: e.short_name.as_ref().map(|s| s.trim().to_string()),
            kind: e.kind.clone().unwrap_or_default(),
            description: e.description.clone().unwrap_or_default(),
            days,
            time_zone: cx.time_zone.clone(),
            time_zone_name: e.time_zone.get_ref().clone(),
            follow_up: e.follow_up.as_ref().map(|fu| FollowUp {
                title: fu.title.clone(),
                description: fu.description.clone(),
                keywords: cx.words(f, &fu.keywords, "keyword"),
            }),
            venue: e.venue.as_ref().and_then(|r| cx.resolve(f, r, VENUE)),
            hosts: cx.resolve_all(f, &e.hosts, HOST),
            part_of: e
                .part_of
                .as_ref()
                .and_then(|r| cx.resolve(f, r, INITIATIVE)),
            participants: e.participants.clone(),
            speakers_note: e.speakers_note.clone(),
            not_given: not_given(cx, f, &e.not_given),
            url: e.url.as_ref().map(|u| u.get_ref().clone()),
            keywords: cx.words(f, &e.keywords, "keyword"),
            origin: Origin::new(f, &p.span),
            start: start?,
            end: end?,
        };
        time_zone?;
        Some(event)
    }
}

/// The details the event's knowledge says it does not give, each with the words people ask for it by.
fn not_given(
    cx: &mut Check<'_>,
    f: &SourceFile,
    entries: &std::collections::BTreeMap<String, NotGivenEntry>,
) -> Vec<NotGiven> {
    entries
        .iter()
        .map(|(detail, entry)| {
            let (note, keywords) = match entry {
                NotGivenEntry::Note(note) => (note, Vec::new()),
                NotGivenEntry::Table(t) => (&t.note, cx.words(f, &t.keywords, "keyword")),
            };
            NotGiven {
                detail: detail.clone(),
                note: note.clone(),
                keywords,
            }
        })
        .collect()
}

/// Which end of the event a time is.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Bound {
    Start,
    End,
}

/// The event's start or end: a datetime, or a date standing for the beginning of the first day or the
/// end of the last (an imported programme with nothing scheduled at a time has only dates).
fn event_bound(
    cx: &mut Check<'_>,
    f: &SourceFile,
    value: &Spanned<Datetime>,
    bound: Bound,
) -> Option<ZonedDateTime> {
    let Some(day) = date_only(value.get_ref()) else {
        return cx.zoned(f, value);
    };
    let day = match bound {
        Bound::Start => Some(day),
        Bound::End => day.tomorrow().ok(),
    };
    let at = day.and_then(|d| d.to_zoned_datetime(cx.time_zone.clone()).ok());
    if at.is_none() {
        cx.error(
            f,
            &value.span(),
            format!("`{}` is out of range", value.get_ref()),
        );
    }
    at
}

/// A TOML value that is a date and nothing else, as a civil date.
pub fn date_only(value: &Datetime) -> Option<Date> {
    match (value.date, value.time, value.offset) {
        (Some(d), None, None) => Date::new(
            i16::try_from(d.year).ok()?,
            i8::try_from(d.month).ok()?,
            i8::try_from(d.day).ok()?,
        )
        .ok(),
        _ => None,
    }
}

/// `days`: dates, in order, each once. A day may lie outside the event's start and end: a programme's
/// last day may have nothing scheduled at a time, and the event then ends the day before.
fn check_days(cx: &mut Check<'_>, f: &SourceFile, days: &[Spanned<Datetime>]) -> Vec<Date> {
    let mut out: Vec<Date> = Vec::new();
    for day in days {
        let Some(date) = date_only(day.get_ref()) else {
            cx.error(
                f,
                &day.span(),
                format!(
                    "`days` lists dates such as 2025-03-18, not `{}`",
                    day.get_ref()
                ),
            );
            continue;
        };
        if out.last().is_some_and(|previous| *previous >= date) {
            cx.error(
                f,
                &day.span(),
                format!("day {date} is listed out of order or twice: list each day once, in order"),
            );
            continue;
        }
        out.push(date);
    }
    out
}
