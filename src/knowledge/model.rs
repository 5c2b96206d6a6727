//! The checked knowledge: every reference resolved, every time placed in its time zone.

use jiff::ZonedDateTime;
use jiff::tz::TimeZone;

use super::diagnostic::Origin;

/// Everything Usher knows about one event, validated. Built by [`super::load`].
#[derive(Debug, Clone)]
pub struct Knowledge {
    pub event: Event,
    pub venues: Vec<Venue>,
    pub hosts: Vec<Host>,
    pub initiatives: Vec<Initiative>,
    pub supporters: Vec<Supporter>,
    pub sessions: Vec<Session>,
    pub speakers: Vec<Speaker>,
    pub report: Option<Report>,
    pub findings: Vec<Finding>,
    pub faqs: Vec<Faq>,
    /// Groups of words treated alike; the first of each is the canonical one.
    pub synonyms: Vec<Vec<String>>,
    pub announcements: Vec<KnowledgeAnnouncement>,
    /// A hash of every file's path and contents: the knowledge version shown to maintainers.
    pub fingerprint: String,
}

#[derive(Debug, Clone)]
pub struct Event {
    pub id: String,
    pub title: String,
    pub kind: String,
    pub description: String,
    pub time_zone: TimeZone,
    pub time_zone_name: String,
    pub start: ZonedDateTime,
    pub end: ZonedDateTime,
    pub follow_up: Option<FollowUp>,
    /// Index into [`Knowledge::venues`].
    pub venue: Option<usize>,
    /// Indices into [`Knowledge::hosts`].
    pub hosts: Vec<usize>,
    /// Index into [`Knowledge::initiatives`].
    pub part_of: Option<usize>,
    pub participants: Option<String>,
    pub speakers_note: Option<String>,
    pub url: Option<String>,
    pub keywords: Vec<String>,
    pub origin: Origin,
}

#[derive(Debug, Clone)]
pub struct FollowUp {
    pub title: String,
    pub description: Option<String>,
    pub keywords: Vec<String>,
}

#[derive(Debug, Clone)]
pub struct Venue {
    pub id: String,
    pub name: String,
    pub address: String,
    pub postcode: Option<String>,
    pub city: String,
    pub country: Option<String>,
    pub map: Option<String>,
    pub aliases: Vec<String>,
    pub rooms: Vec<Room>,
    pub directions: Option<String>,
    pub keywords: Vec<String>,
    pub origin: Origin,
}

impl Venue {
    /// The full postal address on one line: street, postcode and city, country.
    pub fn full_address(&self) -> String {
        let mut line = self.address.clone();
        match &self.postcode {
            Some(postcode) => line.push_str(&format!(", {postcode} {}", self.city)),
            None => line.push_str(&format!(", {}", self.city)),
        }
        if let Some(country) = &self.country {
            line.push_str(&format!(", {country}"));
        }
        line
    }
}

#[derive(Debug, Clone)]
pub struct Room {
    pub id: String,
    pub name: String,
    pub aliases: Vec<String>,
}

/// A room, by the venue it is in and its place in that venue's list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct RoomRef {
    pub venue: usize,
    pub room: usize,
}

#[derive(Debug, Clone)]
pub struct Host {
    pub id: String,
    pub name: String,
    pub short_name: Option<String>,
    pub description: String,
    pub url: Option<String>,
    pub aliases: Vec<String>,
    pub keywords: Vec<String>,
    pub origin: Origin,
}

impl Host {
    /// "International Centre for Counter Terrorism (ICCT)", or the name alone.
    pub fn display_name(&self) -> String {
        match &self.short_name {
            Some(short) if !self.name.contains(short.as_str()) => {
                format!("{} ({short})", self.name)
            }
            _ => self.name.clone(),
        }
    }
}

#[derive(Debug, Clone)]
pub struct Initiative {
    pub id: String,
    pub name: String,
    pub kind: String,
    pub description: String,
    pub part_of: Option<usize>,
    pub run_by: Vec<usize>,
    pub supported_by: Vec<usize>,
    pub aliases: Vec<String>,
    pub keywords: Vec<String>,
    pub origin: Origin,
}

#[derive(Debug, Clone)]
pub struct Supporter {
    pub id: String,
    pub name: String,
    pub description: String,
    pub url: Option<String>,
    pub aliases: Vec<String>,
    pub keywords: Vec<String>,
    pub origin: Origin,
}

#[derive(Debug, Clone)]
pub struct Session {
    pub id: String,
    pub title: String,
    pub kind: Option<String>,
    pub start: Option<ZonedDateTime>,
    pub end: Option<ZonedDateTime>,
    pub room: Option<RoomRef>,
    /// Indices into [`Knowledge::speakers`].
    pub speakers: Vec<usize>,
    pub themes: Vec<String>,
    pub summary: Option<String>,
    pub aliases: Vec<String>,
    pub keywords: Vec<String>,
    /// Indices into [`Knowledge::findings`] of the findings that came out of this session.
    pub findings: Vec<usize>,
    pub origin: Origin,
}

#[derive(Debug, Clone)]
pub struct Speaker {
    pub id: String,
    pub name: String,
    pub affiliation: Option<String>,
    pub bio: Option<String>,
    pub themes: Vec<String>,
    /// Indices into [`Knowledge::sessions`]: those the speaker lists and those that list the speaker.
    pub sessions: Vec<usize>,
    pub aliases: Vec<String>,
    pub keywords: Vec<String>,
    pub origin: Origin,
}

#[derive(Debug, Clone)]
pub struct Report {
    pub title: String,
    pub summary: String,
    pub keywords: Vec<String>,
    pub origin: Origin,
}

#[derive(Debug, Clone)]
pub struct Finding {
    pub id: String,
    pub title: String,
    pub text: String,
    /// Index into [`Knowledge::sessions`].
    pub session: Option<usize>,
    pub keywords: Vec<String>,
    pub origin: Origin,
}

#[derive(Debug, Clone)]
pub struct Faq {
    pub id: String,
    pub question: String,
    pub alternatives: Vec<String>,
    pub answer: String,
    pub keywords: Vec<String>,
    pub origin: Origin,
}

/// An announcement scheduled in `knowledge/announcements.toml`.
#[derive(Debug, Clone)]
pub struct KnowledgeAnnouncement {
    pub id: String,
    pub text: String,
    pub at: jiff::Timestamp,
    pub channel: Option<u64>,
    pub ping_role: Option<u64>,
    pub origin: Origin,
}
