//! The TOML files an import writes, as serde types: written from the model, and read back at the next
//! import to say what changed. `knowledge/README.md` ("Imported schedules") documents the format; the
//! field names are the knowledge schema's where it has one (`summary`, `kind`, `bio`, `room`, `speakers`).
//!
//! The types are strict (`deny_unknown_fields`) so that a previous import that cannot be read back as
//! written is noticed, not half-compared.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use toml::value::Datetime;

/// The first line of every file an import writes; a file in an import folder without it was written by
/// hand, and the import refuses to replace it.
pub const MARKER: &str = "# Written by `usher import` from the event's schedule export;";

/// The comment every imported file starts with.
pub const HEADER: &str = "# Written by `usher import` from the event's schedule export; the next import replaces this file.\n\
# To correct or add to an entry here, write `extends = \"<its id>\"` in a file outside imported/ (see knowledge/README.md).\n";

pub const EVENT_FILE: &str = "event.toml";
pub const VENUE_FILE: &str = "venue.toml";
pub const TRACKS_FILE: &str = "tracks.toml";
pub const SPEAKERS_FILE: &str = "speakers.toml";
pub const SESSIONS_DIR: &str = "sessions";

/// Everything one import writes, by file.
#[derive(Debug, Clone, PartialEq)]
pub struct ImportedFiles {
    pub event: EventFile,
    pub venue: VenueFile,
    pub tracks: TracksFile,
    pub speakers: SpeakersFile,
    /// Sessions by the local date of their first slot ("2025-03-18").
    pub sessions: BTreeMap<String, SessionsFile>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EventFile {
    pub event: ImportedEvent,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ImportedEvent {
    pub id: String,
    pub title: String,
    /// The export's acronym, as it gives it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub short_name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    pub time_zone: String,
    /// The first session's start, or the first day when nothing is scheduled.
    pub start: Datetime,
    /// The last session's end, or the last day when nothing is scheduled.
    pub end: Datetime,
    /// Every day of the programme, including days with nothing scheduled.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub days: Vec<Datetime>,
    pub venue: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct VenueFile {
    pub venue: Vec<ImportedVenue>,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ImportedVenue {
    pub id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub city: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub rooms: Vec<ImportedRoom>,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ImportedRoom {
    pub id: String,
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub capacity: Option<u32>,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub online: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TracksFile {
    #[serde(default)]
    pub track: Vec<ImportedTrack>,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ImportedTrack {
    pub id: String,
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub color: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SpeakersFile {
    #[serde(default)]
    pub speaker: Vec<ImportedSpeaker>,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ImportedSpeaker {
    pub id: String,
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub affiliation: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bio: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SessionsFile {
    #[serde(default)]
    pub session: Vec<ImportedSession>,
}

/// A session. One slot is written as `start`, `end` and `room` (today's fields); several as `slots`.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ImportedSession {
    pub id: String,
    pub title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subtitle: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub track: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start: Option<Datetime>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end: Option<Datetime>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub room: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub slots: Vec<ImportedSlot>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub speakers: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub recorded: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub summary: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub links: Vec<ImportedLink>,
}

impl ImportedSession {
    /// Every slot, whether written as `start`/`end`/`room` or as `slots`.
    pub fn all_slots(&self) -> Vec<ImportedSlot> {
        if self.slots.is_empty() {
            self.start
                .map(|start| ImportedSlot {
                    start,
                    end: self.end,
                    room: self.room.clone(),
                })
                .into_iter()
                .collect()
        } else {
            self.slots.clone()
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ImportedSlot {
    pub start: Datetime,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end: Option<Datetime>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub room: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ImportedLink {
    /// "video", "slides", "stream", "recording", "website" or "other".
    pub kind: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    pub url: String,
}

impl ImportedFiles {
    /// Each file's path in the import folder and its full text.
    pub fn render(&self) -> Result<BTreeMap<PathBuf, String>, toml::ser::Error> {
        let mut files = BTreeMap::new();
        files.insert(PathBuf::from(EVENT_FILE), document(&self.event)?);
        files.insert(PathBuf::from(VENUE_FILE), document(&self.venue)?);
        if !self.tracks.track.is_empty() {
            files.insert(PathBuf::from(TRACKS_FILE), document(&self.tracks)?);
        }
        if !self.speakers.speaker.is_empty() {
            files.insert(PathBuf::from(SPEAKERS_FILE), document(&self.speakers)?);
        }
        for (day, sessions) in &self.sessions {
            files.insert(
                Path::new(SESSIONS_DIR).join(format!("{day}.toml")),
                document(sessions)?,
            );
        }
        Ok(files)
    }

    /// Reads back what [`ImportedFiles::render`] wrote. A file that does not parse is an error naming it.
    pub fn parse(files: &BTreeMap<PathBuf, String>) -> Result<ImportedFiles, String> {
        let mut event = None;
        let mut venue = VenueFile::default();
        let mut tracks = TracksFile::default();
        let mut speakers = SpeakersFile::default();
        let mut sessions = BTreeMap::new();
        for (path, text) in files {
            let shown = path.display();
            let fail = |err: toml::de::Error| format!("{shown}: {}", err.message().trim());
            let in_sessions = path.parent() == Some(Path::new(SESSIONS_DIR));
            match path.to_str() {
                Some(EVENT_FILE) => event = Some(toml::from_str(text).map_err(fail)?),
                Some(VENUE_FILE) => venue = toml::from_str(text).map_err(fail)?,
                Some(TRACKS_FILE) => tracks = toml::from_str(text).map_err(fail)?,
                Some(SPEAKERS_FILE) => speakers = toml::from_str(text).map_err(fail)?,
                _ if in_sessions => {
                    let day = path
                        .file_stem()
                        .and_then(|s| s.to_str())
                        .unwrap_or_default()
                        .to_string();
                    sessions.insert(day, toml::from_str(text).map_err(fail)?);
                }
                _ => return Err(format!("{shown} is not a file an import writes")),
            }
        }
        let event = event.ok_or_else(|| format!("{EVENT_FILE} is missing"))?;
        Ok(ImportedFiles {
            event,
            venue,
            tracks,
            speakers,
            sessions,
        })
    }

    /// Every session of every day file.
    pub fn all_sessions(&self) -> impl Iterator<Item = &ImportedSession> {
        self.sessions.values().flat_map(|file| &file.session)
    }
}

fn document<T: Serialize>(value: &T) -> Result<String, toml::ser::Error> {
    let body = toml::to_string_pretty(value)?;
    Ok(format!("{HEADER}\n{body}"))
}
