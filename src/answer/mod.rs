//! The answer to a question: [`Match`] + knowledge + now -> [`Answer`]. Plain text for any adapter, plus
//! the structured facts (times, place, source) an adapter may show its own way, such as Discord's
//! timestamps and embed fields.
//!
//! A matched topic's answer is written by its subject (in `topics`); an unmatched question gets a plain
//! "I don't know", what Usher can answer, and the topics it may have meant.

use std::fmt::Write as _;

use jiff::Timestamp;

use crate::knowledge::{Knowledge, Origin};
use crate::matching::Match;
use crate::topics::{Focus, Rendered, Topic, Writer};

pub use crate::topics::{NewsItem, PlaceFact, PostedNews, TimeFact};

/// What Usher says in reply to one question.
#[derive(Debug, Clone, PartialEq)]
pub struct Answer {
    /// Whether the answer comes from the knowledge. When false, `text` says plainly that Usher does not
    /// know, and what it can answer.
    pub matched: bool,
    /// The topic answered, e.g. `venue.grand-hall`; `None` when unmatched.
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

/// The answer to a question as matching read it. `capabilities` says what Usher can answer; it is
/// worked out only for a question no topic matched.
pub fn to_match(
    m: &Match<'_>,
    k: &Knowledge,
    now: Timestamp,
    news: &dyn PostedNews,
    capabilities: impl FnOnce() -> String,
) -> Answer {
    let suggestions = m
        .runners_up
        .iter()
        .map(|&(topic, score)| Suggestion {
            topic: topic.key.clone(),
            label: topic.label.clone(),
            confidence: score,
        })
        .collect();
    match m.topic {
        Some(topic) => told(topic, m.focus, m.confidence, suggestions, k, now, news),
        None => unknown(&k.event.title, &capabilities(), suggestions),
    }
}

/// The answer about one topic, chosen directly (a suggestion button, a slash command) or picked among
/// some; `confidence` is how sure the choice is.
pub fn to_topic(
    topic: &Topic,
    confidence: f32,
    k: &Knowledge,
    now: Timestamp,
    news: &dyn PostedNews,
) -> Answer {
    told(
        topic,
        Focus::default(),
        confidence,
        Vec::new(),
        k,
        now,
        news,
    )
}

fn told(
    topic: &Topic,
    focus: Focus,
    confidence: f32,
    suggestions: Vec<Suggestion>,
    k: &Knowledge,
    now: Timestamp,
    news: &dyn PostedNews,
) -> Answer {
    let rendered = topic.subject.render(&Writer::new(k, now, focus, news));
    Answer {
        matched: true,
        topic: Some(topic.key.clone()),
        title: rendered.title,
        text: rendered.text,
        confidence,
        suggestions,
        times: rendered.times,
        place: rendered.place,
        source: rendered.source,
    }
}

/// A list of the programme (`programme` module) as an answer.
pub fn listed(rendered: Rendered, confidence: f32) -> Answer {
    Answer {
        matched: true,
        topic: Some("event.programme".to_string()),
        title: rendered.title,
        text: rendered.text,
        confidence,
        suggestions: Vec::new(),
        times: rendered.times,
        place: rendered.place,
        source: rendered.source,
    }
}

/// "I don't know that", what Usher can answer about `event`, and the topics the question may have meant.
fn unknown(event: &str, capabilities: &str, suggestions: Vec<Suggestion>) -> Answer {
    let mut text =
        format!("I don't know that. I can answer questions about {event}: {capabilities}.");
    if !suggestions.is_empty() {
        let labels: Vec<String> = suggestions.iter().map(|s| s.label.clone()).collect();
        let _ = write!(text, " Did you mean: {}?", labels.join("; "));
    }
    Answer {
        matched: false,
        topic: None,
        title: "I don't know that".to_string(),
        text,
        confidence: 0.0,
        suggestions,
        times: Vec::new(),
        place: None,
        source: None,
    }
}
