//! From the model to the files an import writes: ids given, times written in the conference's zone,
//! sessions split by day.
//!
//! Ids come from what identifies an entry across exports, never from its position or title, so a
//! re-import gives every entry the id it had: sessions and speakers from their code, guid or id
//! (`session-tjnp7w`, `speaker-7hlywh`), rooms and tracks from their names (exports refer to them by
//! name), the event and venue from the acronym. Each kind has its own prefix, so ids never collide across
//! kinds, nor with ids a maintainer wrote by hand.

use std::collections::{BTreeMap, HashMap, HashSet};

use jiff::Timestamp;
use jiff::civil::Date;
use jiff::tz::TimeZone;
use toml::value::Datetime;

use super::format::ImportedVenue;
use super::format::{
    EventFile, ImportedEvent, ImportedFiles, ImportedLink, ImportedRoom, ImportedSession,
    ImportedSlot, ImportedSpeaker, ImportedTrack, SessionsFile, SpeakersFile, TracksFile,
    VenueFile,
};
use super::model::{Conference, Session};
use super::text::slug;

/// The folder below `imported/` that a conference's files go in: its short name slugged, or its title
/// slugged when the export gives no short name that names it.
pub fn folder_name(conference: &Conference) -> String {
    slug(short_name(conference).unwrap_or(&conference.title))
}

/// The export's acronym, when it names the event. pretalx gives its event slug as the acronym, which for
/// some events is only the year ("2025" for GOOD 2025): digits alone name no event, so the title stands
/// in for it. An acronym the import made from the title itself is no short name either.
fn short_name(conference: &Conference) -> Option<&str> {
    let acronym = conference.acronym.as_str();
    let names_it = acronym.chars().any(char::is_alphabetic);
    (names_it && acronym != slug(&conference.title)).then_some(acronym)
}

/// The files for `conference`. Fails only when the export has no time at all to give the event
/// (no session, no dates, no days).
pub fn files(conference: &Conference) -> Result<ImportedFiles, String> {
    let tz = &conference.time_zone;
    let name = folder_name(conference);
    let venue_id = format!("venue-{name}");

    let mut room_ids = Ids::new("room");
    let rooms: Vec<ImportedRoom> = conference
        .rooms
        .iter()
        .map(|room| ImportedRoom {
            id: room_ids.assign(&room.name),
            name: room.name.clone(),
            description: room.description.clone(),
            capacity: room.capacity,
            online: room.online,
            url: room.url.clone(),
        })
        .collect();
    let mut track_ids = Ids::new("track");
    let tracks: Vec<ImportedTrack> = conference
        .tracks
        .iter()
        .map(|track| ImportedTrack {
            id: track_ids.assign(&track.name),
            name: track.name.clone(),
            color: track.color.clone(),
            description: track.description.clone(),
        })
        .collect();
    let mut speaker_ids = Ids::new("speaker");
    let speakers: Vec<ImportedSpeaker> = conference
        .speakers
        .iter()
        .map(|speaker| ImportedSpeaker {
            id: speaker_ids.assign(&speaker.key),
            name: speaker.name.clone(),
            affiliation: speaker.affiliation.clone(),
            bio: speaker.bio.clone(),
        })
        .collect();

    let mut session_ids = Ids::new("session");
    let mut sessions: BTreeMap<String, SessionsFile> = BTreeMap::new();
    for session in &conference.sessions {
        let imported = session_entry(
            session,
            session_ids.assign(&session.key),
            tz,
            &room_ids,
            &track_ids,
            &speaker_ids,
        );
        let day = session.slots.first().map_or_else(String::new, |slot| {
            slot.start.to_zoned_datetime(tz.clone()).date().to_string()
        });
        sessions.entry(day).or_default().session.push(imported);
    }

    let (start, end) = event_window(conference)?;
    Ok(ImportedFiles {
        event: EventFile {
            event: ImportedEvent {
                id: format!("event-{name}"),
                title: conference.title.clone(),
                short_name: short_name(conference).map(str::to_string),
                description: conference.description.clone(),
                time_zone: conference.time_zone_name.clone(),
                start,
                end,
                days: conference.days.iter().map(|d| date_value(*d)).collect(),
                venue: venue_id.clone(),
                url: conference.url.clone(),
            },
        },
        venue: VenueFile {
            venue: vec![ImportedVenue {
                id: venue_id,
                name: conference.venue_name.clone(),
                city: conference.city.clone(),
                rooms,
            }],
        },
        tracks: TracksFile { track: tracks },
        speakers: SpeakersFile { speaker: speakers },
        sessions,
    })
}

fn session_entry(
    session: &Session,
    id: String,
    tz: &TimeZone,
    rooms: &Ids,
    tracks: &Ids,
    speakers: &Ids,
) -> ImportedSession {
    let slots: Vec<ImportedSlot> = session
        .slots
        .iter()
        .map(|slot| ImportedSlot {
            start: instant_value(slot.start, tz),
            // A zero-length slot (a group photo at 13:00) has a start only: an end equal to the start
            // would say it takes no time at all.
            end: (!slot.duration.is_zero()).then(|| instant_value(slot.end(), tz)),
            room: slot.room.as_deref().map(|r| rooms.get(r)),
        })
        .collect();
    let (start, end, room, slots) = match <[ImportedSlot; 1]>::try_from(slots) {
        Ok([one]) => (Some(one.start), one.end, one.room, Vec::new()),
        Err(several) => (None, None, None, several),
    };
    ImportedSession {
        id,
        title: session.title.clone(),
        subtitle: session.subtitle.clone(),
        kind: session.kind.clone(),
        track: session.track.as_deref().map(|t| tracks.get(t)),
        language: session.language.clone(),
        start,
        end,
        room,
        slots,
        speakers: session.speakers.iter().map(|s| speakers.get(s)).collect(),
        recorded: session.recorded,
        url: session.url.clone(),
        summary: session.summary.clone(),
        description: session.description.clone(),
        links: session
            .links
            .iter()
            .map(|link| ImportedLink {
                kind: link.kind.as_str().to_string(),
                title: link.title.clone(),
                url: link.url.clone(),
            })
            .collect(),
    }
}

/// The event runs from its first session's start to its last session's end; with nothing scheduled, over
/// the days it declares.
fn event_window(conference: &Conference) -> Result<(Datetime, Datetime), String> {
    let tz = &conference.time_zone;
    let slots = conference.sessions.iter().flat_map(|s| &s.slots);
    let first = slots.clone().map(|s| s.start).min();
    let last = slots.map(super::model::Slot::end).max();
    if let (Some(first), Some(last)) = (first, last) {
        return Ok((instant_value(first, tz), instant_value(last, tz)));
    }
    let first_day = conference.start_date.or(conference.days.first().copied());
    let last_day = conference.end_date.or(conference.days.last().copied());
    match (first_day, last_day) {
        (Some(first), Some(last)) => Ok((date_value(first), date_value(last))),
        _ => Err(
            "the export schedules nothing and gives no dates, so the event has no time".to_string(),
        ),
    }
}

/// An instant as a TOML datetime with the offset it has in `tz`: unambiguous, and readable as the
/// conference's local time.
fn instant_value(at: Timestamp, tz: &TimeZone) -> Datetime {
    let text = at
        .to_zoned_datetime(tz.clone())
        .strftime("%Y-%m-%dT%H:%M:%S%:z")
        .to_string();
    text.parse()
        .expect("a formatted RFC 3339 datetime is a TOML datetime")
}

fn date_value(date: Date) -> Datetime {
    date.to_string()
        .parse()
        .expect("an ISO date is a TOML local date")
}

/// Ids for one kind of entry: `<prefix>-<slug of the key>`, with `-2`, `-3` for keys whose slugs
/// collide (two rooms "Hall A" and "Hall-A").
struct Ids {
    prefix: &'static str,
    by_key: HashMap<String, String>,
    taken: HashSet<String>,
}

impl Ids {
    fn new(prefix: &'static str) -> Ids {
        Ids {
            prefix,
            by_key: HashMap::new(),
            taken: HashSet::new(),
        }
    }

    fn assign(&mut self, key: &str) -> String {
        if let Some(id) = self.by_key.get(key) {
            return id.clone();
        }
        let base = format!("{}-{}", self.prefix, slug(key));
        let mut id = base.clone();
        let mut n = 2;
        while self.taken.contains(&id) {
            id = format!("{base}-{n}");
            n += 1;
        }
        self.taken.insert(id.clone());
        self.by_key.insert(key.to_string(), id.clone());
        id
    }

    /// The id of a key assigned before. Every room, track and speaker a session names was added to the
    /// model when the session was, so a miss is a bug.
    fn get(&self, key: &str) -> String {
        self.by_key
            .get(key)
            .cloned()
            .unwrap_or_else(|| panic!("no {} id for {key}", self.prefix))
    }
}
