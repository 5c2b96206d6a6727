//! The knowledge files as written: one serde type per kind of entry, strict about unknown fields.
//!
//! These types mirror the TOML exactly and keep the spans of the values that validation may need to point at
//! (ids, references, times, keywords). `validate` turns them into the checked [`crate::knowledge::Knowledge`].
//! The format is documented for maintainers in `knowledge/README.md`.

use serde::Deserialize;
use toml::Spanned;
use toml::value::Datetime;

/// A string with the place it was written.
pub type Text = Spanned<String>;

/// `[event]`: the event itself. Exactly one across all files.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EventEntry {
    pub id: Text,
    pub title: String,
    /// What sort of event it is, e.g. "Expert Seminar" or "Conference".
    pub kind: String,
    pub description: String,
    /// An IANA time zone name such as "Europe/Amsterdam".
    pub time_zone: Text,
    /// A TOML datetime: with an offset, or local time in `time_zone`.
    pub start: Spanned<Datetime>,
    pub end: Spanned<Datetime>,
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
    /// Where participants can read more.
    pub url: Option<String>,
    #[serde(default)]
    pub keywords: Vec<Text>,
}

/// `[event.follow_up]`: what comes after the event, such as a reception.
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

/// `[[venue]]`: a place where the event or its sessions happen.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct VenueEntry {
    pub id: Text,
    pub name: String,
    pub address: String,
    pub postcode: Option<String>,
    pub city: String,
    pub country: Option<String>,
    /// A map link for the address.
    pub map: Option<String>,
    /// Other spellings people use ("Clingendeal").
    #[serde(default)]
    pub aliases: Vec<Text>,
    #[serde(default)]
    pub rooms: Vec<RoomEntry>,
    pub directions: Option<String>,
    #[serde(default)]
    pub keywords: Vec<Text>,
}

/// `[[venue.rooms]]`: a room sessions can be held in.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RoomEntry {
    pub id: Text,
    pub name: String,
    #[serde(default)]
    pub aliases: Vec<Text>,
}

/// `[[host]]`: an organisation that hosts or organises the event.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HostEntry {
    pub id: Text,
    pub name: String,
    pub short_name: Option<String>,
    /// What the organisation is.
    pub description: String,
    pub url: Option<String>,
    #[serde(default)]
    pub aliases: Vec<Text>,
    #[serde(default)]
    pub keywords: Vec<Text>,
}

/// `[[initiative]]`: a project, programme or series the event belongs to.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct InitiativeEntry {
    pub id: Text,
    pub name: String,
    /// "project", "programme", "series", ...
    pub kind: String,
    pub description: String,
    /// A broader initiative this one is carried out within.
    pub part_of: Option<Text>,
    /// Host ids of the organisations that run it.
    #[serde(default)]
    pub run_by: Vec<Text>,
    /// Supporter ids.
    #[serde(default)]
    pub supported_by: Vec<Text>,
    #[serde(default)]
    pub aliases: Vec<Text>,
    #[serde(default)]
    pub keywords: Vec<Text>,
}

/// `[[supporter]]`: a funder or sponsor.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SupporterEntry {
    pub id: Text,
    pub name: String,
    pub description: String,
    pub url: Option<String>,
    #[serde(default)]
    pub aliases: Vec<Text>,
    #[serde(default)]
    pub keywords: Vec<Text>,
}

/// `[[session]]`: one part of the programme.
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

/// `[[speaker]]`: a person who speaks.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SpeakerEntry {
    pub id: Text,
    pub name: String,
    pub affiliation: Option<String>,
    pub bio: Option<String>,
    #[serde(default)]
    pub themes: Vec<Text>,
    /// Session ids; merged with the sessions that name this speaker.
    #[serde(default)]
    pub sessions: Vec<Text>,
    #[serde(default)]
    pub aliases: Vec<Text>,
    #[serde(default)]
    pub keywords: Vec<Text>,
}

/// `[report]`: the event's report.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReportEntry {
    pub title: String,
    pub summary: String,
    #[serde(default)]
    pub keywords: Vec<Text>,
}

/// `[[finding]]`: one finding of the report.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FindingEntry {
    pub id: Text,
    pub title: String,
    pub text: String,
    /// The session the finding came out of.
    pub session: Option<Text>,
    #[serde(default)]
    pub keywords: Vec<Text>,
}

/// `[[faq]]`: a question a maintainer answers by hand.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FaqEntry {
    pub id: Text,
    pub question: String,
    #[serde(default)]
    pub alternatives: Vec<Text>,
    pub answer: String,
    #[serde(default)]
    pub keywords: Vec<Text>,
}

/// `[[synonym]]`: words and phrases the matcher treats alike; the first is the canonical one.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SynonymEntry {
    pub words: Vec<Text>,
}

/// `[[announcement]]`: an announcement scheduled from the knowledge files.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AnnouncementEntry {
    pub id: Text,
    pub text: Text,
    /// When to post it: with an offset, or local time in the event's time zone.
    pub at: Spanned<Datetime>,
    /// A Discord channel id; the configured announcement channel when absent.
    pub channel: Option<u64>,
    /// A Discord role id to ping.
    pub ping_role: Option<u64>,
}
