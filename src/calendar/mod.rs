//! Calendar files: the event's programme as RFC 5545 iCalendar text, for participants' calendar apps.
//!
//! [`from_knowledge`] turns the knowledge into [`CalendarEntry`]s, one per session, each with the list of
//! times it is held ([`Occurrence`]); [`write`] turns entries into the text of an `.ics` file. Both are pure:
//! the command line and Discord read the files and send the text. Writing is over occurrences, not over
//! the session's own fields, so a session held several times is one entry with several occurrences and
//! becomes one `VEVENT` per occurrence.
//!
//! What makes a re-export safe to import again into the same calendar:
//! - every `UID` is made of the event's id, the session's id and the occurrence's place in its list, all
//!   of which a re-import keeps (`usher import` derives ids from the export's own codes);
//! - `DTSTAMP` and `SEQUENCE` come from the knowledge version ([`Version`]), never from the clock, so the
//!   same knowledge gives byte-identical files. The export keeps no state: `SEQUENCE` is the version's time
//!   in seconds since 2020, so it rises with every edit of the knowledge. An edit of one session raises
//!   every event's `SEQUENCE`, which calendar apps take as an update with the same content; the
//!   alternative, a per-session counter kept in the store, would make the command-line export depend on
//!   the bot's database.
//!
//! Times are written in the event's zone (`DTSTART;TZID=...`) with a `VTIMEZONE` that lists the zone's
//! transitions over the programme's span, so an app shows the local times the programme gives.

mod text;

use std::fmt::Write as _;

use jiff::tz::{Offset, TimeZone};
use jiff::{Timestamp, ToSpan as _, ZonedDateTime};

use crate::knowledge::{Knowledge, Session};
pub use text::{escape, fold};

/// One time a session is held.
#[derive(Debug, Clone, PartialEq)]
pub struct Occurrence {
    pub start: ZonedDateTime,
    /// None for a session with a start only: the calendar event then takes no time.
    pub end: Option<ZonedDateTime>,
    /// Where, as one line: room, venue and address.
    pub location: Option<String>,
}

/// One session as a calendar shows it: the same text for each of its occurrences.
#[derive(Debug, Clone, PartialEq)]
pub struct CalendarEntry {
    /// The session's knowledge id, the stable part of every `UID`.
    pub id: String,
    pub title: String,
    pub description: Option<String>,
    pub url: Option<String>,
    pub occurrences: Vec<Occurrence>,
    /// Written with `STATUS:CANCELLED`, so apps that imported it before strike it out.
    pub cancelled: bool,
}

/// The knowledge version a file is written from: its time gives `DTSTAMP` and `SEQUENCE`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Version {
    /// When the knowledge last changed (the newest knowledge file's modification time).
    pub changed: Timestamp,
}

/// What a calendar is about: its name and the zone its times are written in.
#[derive(Debug, Clone)]
pub struct Calendar {
    /// The event's id, part of every `UID`.
    pub event_id: String,
    pub name: String,
    pub time_zone: TimeZone,
    /// The IANA name written as `TZID`.
    pub time_zone_name: String,
    pub entries: Vec<CalendarEntry>,
}

/// Why no calendar could be made.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum CalendarError {
    #[error("no session `{0}` in the knowledge: `usher ask \"programme\"` lists the sessions")]
    UnknownSession(String),
    #[error("session `{0}` has no time, so it cannot be put in a calendar")]
    Untimed(String),
}

/// The sessions with a time, or the one named, as calendar entries. When no session has a time, the
/// event itself is the one entry, so a calendar of an event without a programme still holds the event.
pub fn from_knowledge(
    knowledge: &Knowledge,
    session: Option<&str>,
) -> Result<Calendar, CalendarError> {
    let entries = if let Some(id) = session {
        let s = knowledge
            .sessions()
            .iter()
            .find(|s| s.id == id)
            .ok_or_else(|| CalendarError::UnknownSession(id.to_string()))?;
        let entry = session_entry(knowledge, s);
        if entry.occurrences.is_empty() {
            return Err(CalendarError::Untimed(id.to_string()));
        }
        vec![entry]
    } else {
        let timed: Vec<CalendarEntry> = knowledge
            .sessions()
            .iter()
            .map(|s| session_entry(knowledge, s))
            .filter(|e| !e.occurrences.is_empty())
            .collect();
        if timed.is_empty() {
            vec![event_entry(knowledge)]
        } else {
            timed
        }
    };
    Ok(Calendar {
        entries,
        ..of_sessions(knowledge, &[])
    })
}

/// The sessions among `ids` that have a time, in programme order, as calendar entries: one
/// participant's agenda. Empty when none of them has a time (a calendar file then has nothing to hold).
pub fn of_sessions(knowledge: &Knowledge, ids: &[String]) -> Calendar {
    let entries = knowledge
        .sessions()
        .iter()
        .filter(|s| ids.contains(&s.id))
        .map(|s| session_entry(knowledge, s))
        .filter(|e| !e.occurrences.is_empty())
        .collect();
    let event = &knowledge.event;
    Calendar {
        event_id: event.id.clone(),
        name: event.title.clone(),
        time_zone: event.time_zone.clone(),
        time_zone_name: event.time_zone_name.clone(),
        entries,
    }
}

/// The times a session is held, one per slot, each with its place: the slot's room in its venue, the
/// session's off-site location, or the event's venue. A session with only a loose time ("evening") has
/// none: a calendar needs an exact time.
pub fn occurrences(knowledge: &Knowledge, session: &Session) -> Vec<Occurrence> {
    session
        .slots
        .iter()
        .map(|slot| {
            let location = match (slot.room, &session.location) {
                (Some(room), _) => Some(location_line(
                    knowledge,
                    Some(knowledge.room_name(room)),
                    Some(room.venue),
                )),
                (None, Some(place)) => Some(
                    [
                        Some(place.name.as_str()),
                        place.address.as_deref(),
                        place.city.as_deref(),
                    ]
                    .into_iter()
                    .flatten()
                    .collect::<Vec<_>>()
                    .join(", "),
                ),
                (None, None) => knowledge
                    .event
                    .venue
                    .map(|venue| location_line(knowledge, None, Some(venue))),
            };
            Occurrence {
                start: slot.start.clone(),
                end: slot.end.clone(),
                location,
            }
        })
        .collect()
}

/// Room, venue and address on one line: what a calendar app shows and a map search finds.
pub fn location_line(knowledge: &Knowledge, room: Option<&str>, venue: Option<usize>) -> String {
    let mut parts: Vec<String> = room.map(str::to_string).into_iter().collect();
    if let Some(venue) = venue.map(|v| &knowledge.venues()[v]) {
        parts.extend(venue.name.clone());
        // An online venue's place is its link.
        parts.extend(venue.full_address().or_else(|| venue.url.clone()));
    }
    parts.join(", ")
}

fn session_entry(knowledge: &Knowledge, session: &Session) -> CalendarEntry {
    let mut parts: Vec<String> = session.summary.iter().cloned().collect();
    let speakers: Vec<&str> = session
        .speakers
        .iter()
        .map(|&i| knowledge.speakers()[i].name.as_str())
        .collect();
    if !speakers.is_empty() {
        parts.push(format!("Speakers: {}", speakers.join(", ")));
    }
    let links: Vec<String> = session
        .url
        .iter()
        .cloned()
        .chain(session.links.iter().map(|link| match &link.title {
            Some(title) => format!("{title}: {}", link.url),
            None => format!("{}: {}", link.kind.as_str(), link.url),
        }))
        .collect();
    if !links.is_empty() {
        parts.push(links.join("\n"));
    }
    let description = parts.join("\n\n");
    CalendarEntry {
        id: session.id.clone(),
        title: session.title.clone(),
        description: (!description.is_empty()).then_some(description),
        url: session.url.clone().or_else(|| knowledge.event.url.clone()),
        occurrences: occurrences(knowledge, session),
        cancelled: session.cancelled,
    }
}

fn event_entry(knowledge: &Knowledge) -> CalendarEntry {
    let event = &knowledge.event;
    CalendarEntry {
        id: event.id.clone(),
        title: event.title.clone(),
        description: Some(event.description.clone()),
        url: event.url.clone(),
        occurrences: vec![Occurrence {
            start: event.start.clone(),
            end: Some(event.end.clone()),
            location: event.venue.map(|v| location_line(knowledge, None, Some(v))),
        }],
        cancelled: false,
    }
}

/// The `UID` of an entry's `slot`-th occurrence: stable for as long as the ids are.
pub fn uid(event_id: &str, entry_id: &str, slot: usize) -> String {
    format!("{entry_id}-{slot}@{event_id}.usher")
}

/// The seconds between 2020 and the version's time: `SEQUENCE`, an INTEGER (32 bits) until 2088.
fn sequence(version: Version) -> i64 {
    let base = Timestamp::from_second(1_577_836_800).expect("2020-01-01 is a valid time");
    version
        .changed
        .as_second()
        .saturating_sub(base.as_second())
        .clamp(0, i64::from(i32::MAX))
}

/// The calendar as iCalendar text: CRLF line ends, lines folded at 75 octets.
pub fn write(calendar: &Calendar, version: Version) -> String {
    let mut lines: Vec<String> = vec![
        "BEGIN:VCALENDAR".into(),
        "VERSION:2.0".into(),
        "PRODID:-//Usher//Usher calendar export//EN".into(),
        "CALSCALE:GREGORIAN".into(),
        "METHOD:PUBLISH".into(),
        format!("X-WR-CALNAME:{}", escape(&calendar.name)),
        format!("X-WR-TIMEZONE:{}", escape(&calendar.time_zone_name)),
    ];
    let mut events: Vec<(&CalendarEntry, usize, &Occurrence)> = calendar
        .entries
        .iter()
        .flat_map(|e| {
            e.occurrences
                .iter()
                .enumerate()
                .map(move |(i, o)| (e, i, o))
        })
        .collect();
    events.sort_by(|a, b| {
        (a.2.start.timestamp(), &a.0.id, a.1).cmp(&(b.2.start.timestamp(), &b.0.id, b.1))
    });
    let first = events.iter().map(|e| e.2.start.timestamp()).min();
    let last = events
        .iter()
        .map(|e| e.2.end.as_ref().unwrap_or(&e.2.start).timestamp())
        .max();
    if let (Some(first), Some(last)) = (first, last) {
        time_zone_lines(calendar, first, last, &mut lines);
    }
    let stamp = version.changed.strftime("%Y%m%dT%H%M%SZ").to_string();
    for (entry, slot, occurrence) in events {
        lines.push("BEGIN:VEVENT".into());
        lines.push(format!(
            "UID:{}",
            escape(&uid(&calendar.event_id, &entry.id, slot))
        ));
        lines.push(format!("DTSTAMP:{stamp}"));
        lines.push(format!("SEQUENCE:{}", sequence(version)));
        lines.push(local_time("DTSTART", calendar, &occurrence.start));
        if let Some(end) = &occurrence.end {
            lines.push(local_time("DTEND", calendar, end));
        }
        lines.push(format!("SUMMARY:{}", escape(&entry.title)));
        if let Some(location) = &occurrence.location {
            lines.push(format!("LOCATION:{}", escape(location)));
        }
        if let Some(description) = &entry.description {
            lines.push(format!("DESCRIPTION:{}", escape(description)));
        }
        if let Some(url) = &entry.url {
            // URL is of type URI, which is not escaped like TEXT.
            lines.push(format!("URL:{}", url.replace(['\r', '\n'], "")));
        }
        lines.push(
            if entry.cancelled {
                "STATUS:CANCELLED"
            } else {
                "STATUS:CONFIRMED"
            }
            .into(),
        );
        lines.push("TRANSP:OPAQUE".into());
        lines.push("END:VEVENT".into());
    }
    lines.push("END:VCALENDAR".into());
    let mut out = String::new();
    for line in &lines {
        out.push_str(&fold(line));
        out.push_str("\r\n");
    }
    out
}

/// A time in the calendar's zone, named by `TZID`.
fn local_time(name: &str, calendar: &Calendar, at: &ZonedDateTime) -> String {
    let local = at.with_time_zone(calendar.time_zone.clone());
    format!(
        "{name};TZID={}:{}",
        param(&calendar.time_zone_name),
        local.strftime("%Y%m%dT%H%M%S")
    )
}

/// A parameter value, quoted when it holds a character that ends a parameter.
fn param(value: &str) -> String {
    if value.contains([':', ';', ',']) {
        format!("\"{}\"", value.replace('"', ""))
    } else {
        value.to_string()
    }
}

/// `VTIMEZONE` with the observance in force at `first` and every transition up to `last`: what an app
/// needs to place each time, without rules for the years the programme does not touch.
fn time_zone_lines(
    calendar: &Calendar,
    first: Timestamp,
    last: Timestamp,
    lines: &mut Vec<String>,
) {
    let tz = &calendar.time_zone;
    lines.push("BEGIN:VTIMEZONE".into());
    lines.push(format!("TZID:{}", escape(&calendar.time_zone_name)));
    let in_force = tz
        .preceding(first.checked_add(1.second()).unwrap_or(first))
        .next();
    let later = tz
        .following(first)
        .take_while(|t| t.timestamp() <= last)
        .collect::<Vec<_>>();
    match in_force {
        None => {
            // A zone without transitions (UTC, a fixed offset): one standard observance from 1970.
            let offset = tz.to_offset(first);
            push_observance(lines, "STANDARD", "19700101T000000", offset, offset, None);
        }
        Some(t) => {
            for t in std::iter::once(t).chain(later) {
                let at = t.timestamp();
                let before = tz.to_offset(at.checked_sub(1.second()).unwrap_or(at));
                let onset = at
                    .to_zoned_datetime(TimeZone::fixed(before))
                    .strftime("%Y%m%dT%H%M%S")
                    .to_string();
                let kind = if t.dst().is_dst() {
                    "DAYLIGHT"
                } else {
                    "STANDARD"
                };
                push_observance(
                    lines,
                    kind,
                    &onset,
                    before,
                    t.offset(),
                    Some(t.abbreviation()),
                );
            }
        }
    }
    lines.push("END:VTIMEZONE".into());
}

fn push_observance(
    lines: &mut Vec<String>,
    kind: &str,
    onset: &str,
    from: Offset,
    to: Offset,
    name: Option<&str>,
) {
    lines.push(format!("BEGIN:{kind}"));
    lines.push(format!("DTSTART:{onset}"));
    lines.push(format!("TZOFFSETFROM:{}", utc_offset(from)));
    lines.push(format!("TZOFFSETTO:{}", utc_offset(to)));
    if let Some(name) = name.filter(|n| !n.is_empty()) {
        lines.push(format!("TZNAME:{}", escape(name)));
    }
    lines.push(format!("END:{kind}"));
}

/// A UTC-OFFSET value: `+HHMM`, with seconds only when there are any.
fn utc_offset(offset: Offset) -> String {
    let total = offset.seconds();
    let sign = if total < 0 { '-' } else { '+' };
    let total = total.unsigned_abs();
    let (h, m, s) = (total / 3600, total / 60 % 60, total % 60);
    let mut text = String::new();
    let _ = write!(text, "{sign}{h:02}{m:02}");
    if s != 0 {
        let _ = write!(text, "{s:02}");
    }
    text
}

#[cfg(test)]
mod tests;
