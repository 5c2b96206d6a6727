//! The answer to a question: plain text for any adapter, plus the structured facts (times, place, source)
//! an adapter may show its own way, such as Discord's timestamps and embed fields.

use crate::knowledge::Origin;

pub use crate::topics::render::{NewsItem, PlaceFact, TimeFact};

/// What Usher says in reply to one question.
#[derive(Debug, Clone, PartialEq)]
pub struct Answer {
    /// Whether the answer comes from the knowledge. When false, `text` says plainly that Usher does not
    /// know, and what it can answer.
    pub matched: bool,
    /// The topic answered, e.g. `venue.clingendael-institute`; `None` when unmatched.
    pub topic: Option<String>,
    /// A short heading: "Venue", a finding's title.
    pub title: String,
    /// The answer in plain text, complete on its own.
    pub text: String,
    /// How sure the engine is, 0..1.
    pub confidence: f32,
    /// Other topics the question may have meant, best first.
    pub suggestions: Vec<Suggestion>,
    /// Times the answer mentions, for adapters that show them in the reader's own time zone.
    pub times: Vec<TimeFact>,
    /// The place the answer names, with its map link.
    pub place: Option<PlaceFact>,
    /// The knowledge entry the answer comes from.
    pub source: Option<Origin>,
}

/// A topic offered instead of, or besides, the answer.
#[derive(Debug, Clone, PartialEq)]
pub struct Suggestion {
    pub topic: String,
    pub label: String,
    pub confidence: f32,
}
