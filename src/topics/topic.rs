//! A topic: something a question can be about, with the texts it is matched by and how its answer is
//! written.

use crate::knowledge::{EntryKind, Origin};
use crate::lexicon::Intent;

use super::writer::{Rendered, Writer};

/// A piece of text a topic is matched by, and how much a match on it counts.
#[derive(Debug, Clone)]
pub struct Field {
    pub text: String,
    pub weight: f32,
    /// How much the text's question words say which intents the topic answers: 1 for a question the topic
    /// answers (an FAQ's question and its alternatives), less for words people ask with that only partly
    /// say what is asked, and 0 for any other text.
    pub asks: f32,
    /// Whether the text names the topic itself (a host's name, an FAQ's question). Only such text may
    /// match the event's own words more than every other topic does: a host's short name in that host's name,
    /// not the event's subject in a finding's title.
    pub identity: bool,
    /// How much the text says about the topic: see [`Extent`].
    pub extent: Extent,
    /// Whether the text is one of the lexicon's words for a part of every event (the venue's "train" or
    /// "address"). Such words say what people ask the topic with, not what its knowledge holds: a venue
    /// is asked "by train?" whether or not its knowledge gives directions.
    pub facet: bool,
}

/// How much a text says about the topic it belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Extent {
    /// A name, a keyword or a short line: a word in it is what the topic is.
    Short,
    /// A long text (an abstract, a bio, a description): it holds many words by chance, so the words a
    /// question shares with it count for less together than one exact name does (see `matching::score`).
    Prose,
    /// A text every topic of its kind has ("talk", "session" for every session): it says what kind of
    /// topic a question asks for, so it does not make a topic reachable on its own.
    Shared,
}

/// What a topic's answer is written about: an entry of the kind that gave the topic (by its position
/// among its kind), or one of the facets that kind gives the event as a whole, and how that kind writes
/// it.
#[derive(Debug, Clone, Copy)]
pub struct Subject {
    render: fn(&Writer<'_>, usize) -> Rendered,
    index: usize,
}

impl Subject {
    /// Entry `index` of a kind, written by `render`.
    pub fn entry(render: fn(&Writer<'_>, usize) -> Rendered, index: usize) -> Subject {
        Subject { render, index }
    }

    /// A facet of the event as a whole, written by `render`.
    pub fn facet(render: fn(&Writer<'_>, usize) -> Rendered) -> Subject {
        Subject { render, index: 0 }
    }

    /// The entry's position among its kind (0 for a facet).
    pub fn index(self) -> usize {
        self.index
    }

    /// The answer about the subject.
    pub fn render(self, writer: &Writer<'_>) -> Rendered {
        (self.render)(writer, self.index)
    }
}

#[derive(Debug, Clone)]
pub struct Topic {
    /// A stable key such as `event.when`, `venue.grand-hall` or `finding.poverty-root-cause`.
    pub key: String,
    /// A short human label, used when offering the topic ("Date and time", a finding's title).
    pub label: String,
    pub subject: Subject,
    /// The kind of knowledge entry behind it, if it is one entry.
    pub entry: Option<EntryKind>,
    pub fields: Vec<Field>,
    pub intents: Vec<(Intent, f32)>,
    pub origin: Origin,
}

impl Topic {
    /// Whether it says that the source does not give a detail ("no room is named").
    pub fn is_not_given(&self) -> bool {
        self.key.starts_with(super::NOT_GIVEN)
    }

    /// Whether it is about who hosts the event: the list of hosts, or one host's entry.
    pub fn is_about_the_hosts(&self) -> bool {
        use crate::knowledge::{Host, Kind as _};
        self.key == super::HOSTS || self.entry == Some(Host::KIND)
    }

    /// Whether it answers a question word ("when", "how many") at all.
    pub fn answers(&self, intent: Intent) -> bool {
        self.intents.iter().any(|(i, _)| *i == intent)
    }

    /// Whether it is the event's own time (no entry, answering "when").
    pub fn is_the_events_time(&self) -> bool {
        self.entry.is_none() && self.answers(Intent::When)
    }

    /// Whether it is an entry on what the sources speak of beyond the event itself: a finding of its
    /// report, an FAQ, an initiative or a supporter. Such an entry says how things stood when it was
    /// written, and names subjects of the wider world.
    pub fn speaks_beyond_the_event(&self) -> bool {
        use crate::knowledge::{Faq, Finding, Initiative, Kind as _, Supporter};
        self.entry.is_some_and(|kind| {
            [Finding::KIND, Faq::KIND, Initiative::KIND, Supporter::KIND].contains(&kind)
        })
    }
}
