//! One model of a conference, whichever export it came from: what the importers produce and the knowledge
//! files are written from.
//!
//! Exports list slots, not talks: a talk held twice is two events sharing a code. [`Draft`] gathers the
//! slots of one talk into one [`Session`] and one person's records across talks into one [`Speaker`], so
//! both importers share that logic.

use std::collections::HashMap;

use jiff::civil::Date;
use jiff::tz::TimeZone;
use jiff::{SignedDuration, Timestamp};

/// A conference as its schedule export describes it.
#[derive(Debug, Clone)]
pub struct Conference {
    pub title: String,
    /// The export's short name (`acronym`): also the import's folder name.
    pub acronym: String,
    pub description: Option<String>,
    pub url: Option<String>,
    /// The IANA name, as the export gives it.
    pub time_zone_name: String,
    pub time_zone: TimeZone,
    /// The first and last day the export declares, which may be wider than its sessions.
    pub start_date: Option<Date>,
    pub end_date: Option<Date>,
    /// Every day the export lists, in order, including days with nothing scheduled.
    pub days: Vec<Date>,
    /// Where it happens, when the export says (pentabarf's `<venue>` and `<city>`).
    pub venue_name: Option<String>,
    pub city: Option<String>,
    pub rooms: Vec<Room>,
    pub tracks: Vec<Track>,
    /// In order of their first slot, then by key.
    pub sessions: Vec<Session>,
    /// In the order they first appear.
    pub speakers: Vec<Speaker>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Room {
    pub name: String,
    pub description: Option<String>,
    pub capacity: Option<u32>,
    /// A room that exists only online (a stream, a video call).
    pub online: bool,
    /// Where to join an online room.
    pub url: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Track {
    pub name: String,
    /// A colour as the export gives it, e.g. "#2185d0".
    pub color: Option<String>,
    pub description: Option<String>,
}

/// One talk, workshop or other programme item, with every slot it is held in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Session {
    /// What identifies it across exports: its code, else its guid, else its numeric id.
    pub key: String,
    pub title: String,
    pub subtitle: Option<String>,
    /// The export's type ("Talk", "Workshop", "Long talk (45 minutes)").
    pub kind: Option<String>,
    /// A track name.
    pub track: Option<String>,
    pub language: Option<String>,
    /// The export's abstract.
    pub summary: Option<String>,
    pub description: Option<String>,
    pub url: Option<String>,
    /// Whether it is recorded; `None` when the export does not say.
    pub recorded: Option<bool>,
    pub links: Vec<Link>,
    /// Speaker keys, in the export's order.
    pub speakers: Vec<String>,
    /// Sorted by start, then room.
    pub slots: Vec<Slot>,
}

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Slot {
    pub start: Timestamp,
    pub duration: SignedDuration,
    /// A room name.
    pub room: Option<String>,
}

impl Slot {
    pub fn end(&self) -> Timestamp {
        self.start
            .saturating_add(self.duration)
            .unwrap_or(self.start)
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Speaker {
    /// What identifies the person across talks and exports: their code, guid or id, else their name.
    pub key: String,
    pub name: String,
    pub affiliation: Option<String>,
    pub bio: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    pub kind: LinkKind,
    pub title: Option<String>,
    pub url: String,
}

/// What a link leads to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum LinkKind {
    /// A video of the session.
    Video,
    Slides,
    /// A live stream.
    Stream,
    /// A recording to download.
    Recording,
    /// A web page about the session.
    Website,
    /// An attachment or link the export does not classify.
    Other,
}

impl LinkKind {
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

    /// The kind for an export's link `type` (the c3voc schedule's `slides`, `media`, `web`, ...).
    pub fn from_export_type(kind: &str) -> LinkKind {
        match kind.trim().to_ascii_lowercase().as_str() {
            "slides" => LinkKind::Slides,
            "video" | "media" => LinkKind::Video,
            "stream" | "livestream" => LinkKind::Stream,
            "recording" => LinkKind::Recording,
            "web" | "website" | "blog" | "article" | "related" | "paper" => LinkKind::Website,
            _ => LinkKind::Other,
        }
    }
}

/// One scheduled slot as an export lists it, before slots of the same session are joined.
#[derive(Debug, Clone)]
pub struct ScheduledEvent {
    pub session: Session,
    pub persons: Vec<Speaker>,
}

/// A conference being read: rooms, tracks and slots are added as the export lists them, and
/// [`Draft::finish`] joins and orders them.
#[derive(Debug)]
pub struct Draft {
    conference: Conference,
    session_index: HashMap<String, usize>,
    speaker_index: HashMap<String, usize>,
}

impl Draft {
    /// Starts from the conference's own fields; `rooms`, `tracks`, `sessions` and `speakers` of
    /// `conference` are expected empty and filled by the `add_*` methods.
    pub fn new(conference: Conference) -> Draft {
        Draft {
            conference,
            session_index: HashMap::new(),
            speaker_index: HashMap::new(),
        }
    }

    /// Adds a day the export lists, with or without anything scheduled on it.
    pub fn add_day(&mut self, date: Date) {
        self.conference.days.push(date);
    }

    /// Adds a room the export declares; one of the same name adds what the first did not say.
    pub fn add_room(&mut self, room: Room) {
        if let Some(known) = self
            .conference
            .rooms
            .iter_mut()
            .find(|r| r.name == room.name)
        {
            known.description = known.description.take().or(room.description);
            known.capacity = known.capacity.or(room.capacity);
            known.online |= room.online;
            known.url = known.url.take().or(room.url);
        } else {
            self.conference.rooms.push(room);
        }
    }

    /// Adds a track the export declares; one of the same name adds what the first did not say.
    pub fn add_track(&mut self, track: Track) {
        if let Some(known) = self
            .conference
            .tracks
            .iter_mut()
            .find(|t| t.name == track.name)
        {
            known.color = known.color.take().or(track.color);
            known.description = known.description.take().or(track.description);
        } else {
            self.conference.tracks.push(track);
        }
    }

    /// Adds one slot. A slot whose session key was seen before becomes another slot of that session
    /// (its speakers joined, its fields filling what the first slot left empty); an exact repeat of a
    /// slot is dropped.
    pub fn add_event(&mut self, event: ScheduledEvent) {
        let ScheduledEvent { session, persons } = event;
        for slot in &session.slots {
            if let Some(room) = &slot.room {
                self.add_room(Room {
                    name: room.clone(),
                    description: None,
                    capacity: None,
                    online: false,
                    url: None,
                });
            }
        }
        if let Some(track) = &session.track {
            self.add_track(Track {
                name: track.clone(),
                color: None,
                description: None,
            });
        }
        for person in persons {
            self.add_speaker(person);
        }
        if let Some(&at) = self.session_index.get(&session.key) {
            let known = &mut self.conference.sessions[at];
            for slot in session.slots {
                if !known.slots.contains(&slot) {
                    known.slots.push(slot);
                }
            }
            for speaker in session.speakers {
                if !known.speakers.contains(&speaker) {
                    known.speakers.push(speaker);
                }
            }
            for link in session.links {
                if !known.links.contains(&link) {
                    known.links.push(link);
                }
            }
            fill(&mut known.subtitle, session.subtitle);
            fill(&mut known.kind, session.kind);
            fill(&mut known.track, session.track);
            fill(&mut known.language, session.language);
            fill(&mut known.summary, session.summary);
            fill(&mut known.description, session.description);
            fill(&mut known.url, session.url);
            known.recorded = known.recorded.or(session.recorded);
        } else {
            self.session_index
                .insert(session.key.clone(), self.conference.sessions.len());
            self.conference.sessions.push(session);
        }
    }

    fn add_speaker(&mut self, person: Speaker) {
        if let Some(&at) = self.speaker_index.get(&person.key) {
            let known = &mut self.conference.speakers[at];
            fill(&mut known.affiliation, person.affiliation);
            fill(&mut known.bio, person.bio);
        } else {
            self.speaker_index
                .insert(person.key.clone(), self.conference.speakers.len());
            self.conference.speakers.push(person);
        }
    }

    /// The conference with every session's slots in time order and sessions ordered by their first
    /// slot, so that output does not depend on the order an export lists rooms in.
    pub fn finish(mut self) -> Conference {
        self.conference.sessions = join_copies(std::mem::take(&mut self.conference.sessions));
        for session in &mut self.conference.sessions {
            session.slots.sort();
        }
        self.conference
            .sessions
            .sort_by(|a, b| (a.slots.first(), &a.key).cmp(&(b.slots.first(), &b.key)));
        self.conference.days.sort();
        self.conference.days.dedup();
        self.conference
    }
}

/// Sessions that are copies of one another become one session with every slot. Some organisers enter
/// a session held several times (a forum each day, a breakout in three rooms at once) as a separate
/// talk per slot, each with its own code; when everything a participant reads (title, subtitle, type,
/// track, language, abstract, description, speakers, recording) is the same, they are one session.
/// The copy with the smallest key gives the id, so the id does not depend on the order of the export or
/// on a slot moving.
fn join_copies(sessions: Vec<Session>) -> Vec<Session> {
    type Content = (
        String,
        Option<String>,
        Option<String>,
        Option<String>,
        Option<String>,
        Option<String>,
        Option<String>,
        Vec<String>,
        Option<bool>,
    );
    let content = |s: &Session| -> Content {
        let mut speakers = s.speakers.clone();
        speakers.sort();
        (
            s.title.clone(),
            s.subtitle.clone(),
            s.kind.clone(),
            s.track.clone(),
            s.language.clone(),
            s.summary.clone(),
            s.description.clone(),
            speakers,
            s.recorded,
        )
    };
    let mut joined: Vec<Session> = Vec::with_capacity(sessions.len());
    let mut by_content: HashMap<Content, usize> = HashMap::new();
    for session in sessions {
        if let Some(&at) = by_content.get(&content(&session)) {
            {
                let known = &mut joined[at];
                if session.key < known.key {
                    known.key.clone_from(&session.key);
                    known.url.clone_from(&session.url);
                }
                for slot in session.slots {
                    if !known.slots.contains(&slot) {
                        known.slots.push(slot);
                    }
                }
                for link in session.links {
                    if !known.links.contains(&link) {
                        known.links.push(link);
                    }
                }
            }
        } else {
            by_content.insert(content(&session), joined.len());
            joined.push(session);
        }
    }
    joined
}

fn fill(known: &mut Option<String>, more: Option<String>) {
    if known.is_none() {
        *known = more;
    }
}
