//! pretalx's `schedule.json`: the frab-compatible JSON export (`/<event>/schedule/export/schedule.json`).
//!
//! The shape is `schedule.conference.days[].rooms.<room name>[]`, one entry per slot. Older pretalx
//! versions give no talk `code` (it is only in the talk's `url`, `/talk/<CODE>/`) and name people by
//! `public_name` only; newer ones add `code`, `name`, `tracks` and room details. Fields Usher does not
//! use are ignored, since every pretalx release adds some; a field it uses with the wrong type stops the
//! import, with the path to it.

use std::collections::BTreeMap;
use std::fmt;

use serde::Deserialize;
use serde::de::{self, Deserializer, Visitor};

use super::clock::{self, Field};
use super::model::{
    Conference, Draft, Link, LinkKind, Room, ScheduledEvent, Session, Slot, Speaker, Track,
};
use super::text::{block, line, name_and_affiliation, slug};
use super::{ImportOptions, Place, Problem};

#[derive(Deserialize)]
struct Export {
    schedule: Schedule,
}

#[derive(Deserialize)]
struct Schedule {
    base_url: Option<String>,
    conference: JsonConference,
}

#[derive(Deserialize)]
struct JsonConference {
    acronym: Option<String>,
    title: String,
    description: Option<String>,
    url: Option<String>,
    start: Option<String>,
    end: Option<String>,
    time_zone_name: Option<String>,
    rooms: Option<Vec<JsonRoom>>,
    tracks: Option<Vec<JsonTrack>>,
    days: Vec<JsonDay>,
}

#[derive(Deserialize)]
struct JsonRoom {
    name: String,
    description: Option<String>,
    capacity: Option<u32>,
    url: Option<String>,
    /// The c3voc schedule's room type; `online` marks a room that exists only online.
    #[serde(rename = "type")]
    kind: Option<String>,
}

#[derive(Deserialize)]
struct JsonTrack {
    name: String,
    color: Option<String>,
    description: Option<String>,
}

#[derive(Deserialize)]
struct JsonDay {
    date: Option<String>,
    day_start: Option<String>,
    rooms: Option<BTreeMap<String, Vec<JsonEvent>>>,
}

#[derive(Deserialize)]
struct JsonEvent {
    id: Option<Key>,
    guid: Option<String>,
    code: Option<String>,
    date: Option<String>,
    start: Option<String>,
    duration: String,
    room: Option<String>,
    url: Option<String>,
    title: String,
    subtitle: Option<String>,
    track: Option<String>,
    #[serde(rename = "type")]
    kind: Option<String>,
    language: Option<String>,
    #[serde(rename = "abstract")]
    summary: Option<String>,
    description: Option<String>,
    do_not_record: Option<bool>,
    persons: Option<Vec<JsonPerson>>,
    links: Option<Vec<JsonLink>>,
    attachments: Option<Vec<JsonLink>>,
}

#[derive(Deserialize)]
struct JsonPerson {
    id: Option<Key>,
    code: Option<String>,
    guid: Option<String>,
    public_name: Option<String>,
    name: Option<String>,
    biography: Option<String>,
}

#[derive(Deserialize)]
struct JsonLink {
    url: String,
    title: Option<String>,
    #[serde(rename = "type")]
    kind: Option<String>,
}

/// An id written as a number (`"id": 20`) or a string (`"id": "20"`): exports differ.
struct Key(String);

impl<'de> Deserialize<'de> for Key {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Key, D::Error> {
        struct KeyVisitor;
        impl Visitor<'_> for KeyVisitor {
            type Value = Key;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a number or a string")
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Key, E> {
                Ok(Key(v.to_string()))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Key, E> {
                Ok(Key(v.to_string()))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Key, E> {
                Ok(Key(v.to_string()))
            }
        }
        deserializer.deserialize_any(KeyVisitor)
    }
}

/// Reads a `schedule.json` export.
pub fn parse(text: &str, options: &ImportOptions) -> Result<Conference, Problem> {
    let mut deserializer = serde_json::Deserializer::from_str(text);
    let export: Export = serde_path_to_error::deserialize(&mut deserializer).map_err(|err| {
        // A path that ends where the value could not even be read ends in `?`; the part before says
        // enough.
        let path = err.path().to_string();
        let path = path
            .trim_end_matches(".?")
            .trim_end_matches('?')
            .to_string();
        let inner = err.into_inner();
        Problem {
            place: Place::Json {
                path: (!path.is_empty() && path != ".").then_some(path),
                line_col: (inner.line() > 0).then(|| (inner.line(), inner.column())),
            },
            message: json_message(&inner),
        }
    })?;
    // Trailing garbage after the document is as broken as a truncated one.
    deserializer.end().map_err(|inner| Problem {
        place: Place::Json {
            path: None,
            line_col: Some((inner.line(), inner.column())),
        },
        message: json_message(&inner),
    })?;
    read(export, options)
}

/// `serde_json`'s message without the " at line L column C" it appends (the place is shown apart), and
/// for a file that ends too soon, what that usually means.
fn json_message(err: &serde_json::Error) -> String {
    let message = err.to_string();
    let message = match message.rfind(" at line ") {
        Some(at) => message[..at].to_string(),
        None => message,
    };
    if err.is_eof() {
        format!("the file ends in the middle of the JSON ({message}): is it cut short?")
    } else {
        message
    }
}

fn at(path: String, message: impl Into<String>) -> Problem {
    Problem {
        place: Place::Json {
            path: Some(path),
            line_col: None,
        },
        message: message.into(),
    }
}

fn read(export: Export, options: &ImportOptions) -> Result<Conference, Problem> {
    let c = export.schedule.conference;
    let base = "schedule.conference";
    let zone_name = options
        .time_zone
        .clone()
        .or_else(|| line(c.time_zone_name.as_deref()))
        .ok_or_else(|| {
            at(
                format!("{base}.time_zone_name"),
                "the export names no time zone; give one with --time-zone",
            )
        })?;
    let tz = clock::time_zone(&zone_name).map_err(|m| at(format!("{base}.time_zone_name"), m))?;
    let title =
        line(Some(&c.title)).ok_or_else(|| at(format!("{base}.title"), "the title is empty"))?;
    let acronym = line(c.acronym.as_deref()).unwrap_or_else(|| slug(&title));
    let date_of = |field: &str, value: Option<&String>| {
        value
            .filter(|v| !v.trim().is_empty())
            .map(|v| clock::date(v, &tz).map_err(|m| at(format!("{base}.{field}"), m)))
            .transpose()
    };
    let start_date = date_of("start", c.start.as_ref())?;
    let end_date = date_of("end", c.end.as_ref())?;
    let mut draft = Draft::new(Conference {
        title,
        acronym,
        description: block(c.description.as_deref()),
        url: line(c.url.as_deref()).or_else(|| line(export.schedule.base_url.as_deref())),
        time_zone_name: zone_name,
        time_zone: tz.clone(),
        start_date,
        end_date,
        days: Vec::new(),
        venue_name: None,
        city: None,
        rooms: Vec::new(),
        tracks: Vec::new(),
        sessions: Vec::new(),
        speakers: Vec::new(),
    });
    for (i, room) in c.rooms.unwrap_or_default().into_iter().enumerate() {
        let name = line(Some(&room.name))
            .ok_or_else(|| at(format!("{base}.rooms[{i}].name"), "the room name is empty"))?;
        draft.add_room(Room {
            name,
            description: line(room.description.as_deref()),
            capacity: room.capacity,
            online: room
                .kind
                .as_deref()
                .is_some_and(|k| k.eq_ignore_ascii_case("online")),
            url: line(room.url.as_deref()),
        });
    }
    for (i, track) in c.tracks.unwrap_or_default().into_iter().enumerate() {
        let name = line(Some(&track.name)).ok_or_else(|| {
            at(
                format!("{base}.tracks[{i}].name"),
                "the track name is empty",
            )
        })?;
        draft.add_track(Track {
            name,
            color: line(track.color.as_deref()),
            description: block(track.description.as_deref()),
        });
    }
    for (d, day) in c.days.into_iter().enumerate() {
        let day_path = format!("{base}.days[{d}]");
        // A day's own date can be a day early (it is the day's start in UTC in some exports); the
        // local date of its start is the day people mean.
        let date = match (day.day_start.as_deref(), day.date.as_deref()) {
            (Some(start), _) if !start.trim().is_empty() => {
                Some(clock::date(start, &tz).map_err(|m| at(format!("{day_path}.day_start"), m))?)
            }
            (_, Some(date)) if !date.trim().is_empty() => {
                Some(clock::date(date, &tz).map_err(|m| at(format!("{day_path}.date"), m))?)
            }
            _ => None,
        };
        if let Some(date) = date {
            draft.add_day(date);
        }
        for (room, events) in day.rooms.unwrap_or_default() {
            for (i, event) in events.into_iter().enumerate() {
                let path = format!("{day_path}.rooms.{room}[{i}]");
                draft.add_event(scheduled(event, &room, date, &tz, &path)?);
            }
        }
    }
    Ok(draft.finish())
}

fn scheduled(
    event: JsonEvent,
    room_key: &str,
    day: Option<jiff::civil::Date>,
    tz: &jiff::tz::TimeZone,
    path: &str,
) -> Result<ScheduledEvent, Problem> {
    let title = line(Some(&event.title))
        .ok_or_else(|| at(format!("{path}.title"), "the title is empty"))?;
    let start = clock::slot_start(event.date.as_deref(), event.start.as_deref(), day, tz).map_err(
        |(field, m)| {
            let name = match field {
                Field::Date => "date",
                Field::Start => "start",
            };
            at(format!("{path}.{name}"), m)
        },
    )?;
    let duration =
        clock::duration(&event.duration).map_err(|m| at(format!("{path}.duration"), m))?;
    let url = line(event.url.as_deref());
    let key = line(event.code.as_deref())
        .or_else(|| url.as_deref().and_then(talk_code))
        .or_else(|| line(event.guid.as_deref()))
        .or_else(|| event.id.as_ref().and_then(|k| line(Some(&k.0))))
        .ok_or_else(|| {
            at(
                path.to_string(),
                "the event has no code, guid or id, so it could not keep its id across imports",
            )
        })?;
    let mut persons = Vec::new();
    for (p, person) in event.persons.unwrap_or_default().into_iter().enumerate() {
        let Some(full_name) =
            line(person.public_name.as_deref()).or_else(|| line(person.name.as_deref()))
        else {
            return Err(at(
                format!("{path}.persons[{p}]"),
                "the person has neither a `public_name` nor a `name`",
            ));
        };
        let (name, affiliation) = name_and_affiliation(&full_name);
        let key = line(person.code.as_deref())
            .or_else(|| line(person.guid.as_deref()))
            .or_else(|| person.id.as_ref().and_then(|k| line(Some(&k.0))))
            .unwrap_or_else(|| name.clone());
        persons.push(Speaker {
            key,
            name,
            affiliation,
            bio: block(person.biography.as_deref()),
        });
    }
    let mut links = Vec::new();
    for (list, default_kind) in [
        (event.links, LinkKind::Website),
        (event.attachments, LinkKind::Other),
    ] {
        for link in list.unwrap_or_default() {
            let Some(url) = line(Some(&link.url)) else {
                continue;
            };
            links.push(Link {
                kind: link
                    .kind
                    .as_deref()
                    .map_or(default_kind, LinkKind::from_export_type),
                title: line(link.title.as_deref()),
                url,
            });
        }
    }
    let room = line(event.room.as_deref()).or_else(|| line(Some(room_key)));
    Ok(ScheduledEvent {
        session: Session {
            key,
            title,
            subtitle: line(event.subtitle.as_deref()),
            kind: line(event.kind.as_deref()),
            track: line(event.track.as_deref()),
            language: line(event.language.as_deref()),
            summary: block(event.summary.as_deref()),
            description: block(event.description.as_deref()),
            url,
            recorded: event.do_not_record.map(|no| !no),
            links,
            speakers: persons.iter().map(|p| p.key.clone()).collect(),
            slots: vec![Slot {
                start,
                duration,
                room,
            }],
        },
        persons,
    })
}

/// The talk code in a pretalx talk URL (`https://.../2025/talk/TJNP7W/`), which older exports give
/// nowhere else. Codes are upper-case letters and digits.
pub(crate) fn talk_code(url: &str) -> Option<String> {
    let mut parts = url.trim_end_matches('/').rsplit('/');
    let code = parts.next()?;
    let parent = parts.next()?;
    (parent == "talk"
        && !code.is_empty()
        && code
            .bytes()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit()))
    .then(|| code.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn talk_codes_come_from_pretalx_talk_urls_only() {
        assert_eq!(
            talk_code("https://cfp.example.org/2025/talk/TJNP7W/").as_deref(),
            Some("TJNP7W")
        );
        assert_eq!(
            talk_code("https://example.org/talks/18-opening-ceremony/"),
            None
        );
        assert_eq!(talk_code("https://example.org/talk/lower/"), None);
    }
}
