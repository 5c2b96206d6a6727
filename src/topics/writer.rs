//! What every answer is written with: the [`Writer`] (the knowledge, the time, the question's focus and
//! the news) with the phrases several kinds share, and the [`Rendered`] answer with its facts. Every fact
//! comes from the knowledge; a writer only arranges facts into sentences and puts verbs in the right tense
//! for `now`.

use jiff::{Timestamp, ZonedDateTime};

use crate::knowledge::{Knowledge, Origin, Session, Slot, Venue};
use crate::markdown::Rich;

use super::prose::capitalise;
use super::time::{Phase, clock, long_date, phase};

/// Which part of a time the question asked about, read from its words ("when does it end").
// Each flag is an independent reading of the question's words; they are not states of one machine.
#[allow(clippy::struct_excessive_bools)]
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Focus {
    pub start: bool,
    pub end: bool,
    pub duration: bool,
    /// The question asks where, or how to get there ("how do we get to the social?").
    pub place: bool,
    /// The question asks the time zone ("are those times UTC?").
    pub zone: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct TimeFact {
    pub label: String,
    pub start: Timestamp,
    pub end: Option<Timestamp>,
}

/// An announcement already made, for participants who ask for the news.
#[derive(Debug, Clone, PartialEq)]
pub struct NewsItem {
    pub text: String,
    pub at: Timestamp,
}

/// What has been announced so far: the port an answer about the news reads it through, and only when a
/// question is about the news. An adapter with a state store passes what its store says was posted.
pub trait PostedNews {
    /// The `limit` announcements made last, newest first.
    fn latest(&self, limit: usize) -> Vec<NewsItem>;
}

#[derive(Debug, Clone, PartialEq)]
pub struct PlaceFact {
    pub name: String,
    pub address: String,
    pub map: Option<String>,
}

/// The parts of an answer that depend on its topic.
#[derive(Debug, Clone, PartialEq)]
pub struct Rendered {
    pub title: String,
    pub text: String,
    pub times: Vec<TimeFact>,
    pub place: Option<PlaceFact>,
    pub source: Option<Origin>,
    /// The answer with the structure of the Markdown it quotes, when it quotes any (a session's
    /// abstract): `text` is its plain form.
    pub rich: Option<RichAnswer>,
}

/// An answer that quotes long text from the sources: the answer as structured text, with a short summary
/// of the long text, and the whole of it for when the reader asks for more.
#[derive(Debug, Clone, PartialEq)]
pub struct RichAnswer {
    pub body: Rich,
    /// The whole abstract and description, when the answer shows less than that.
    pub more: Option<Rich>,
}

impl Rendered {
    /// A title and a text from one entry, with no times or place.
    pub fn plain(title: String, text: String, origin: &Origin) -> Rendered {
        Rendered {
            title,
            text,
            times: Vec::new(),
            place: None,
            source: Some(origin.clone()),
            rich: None,
        }
    }
}

/// Everything an answer is written from.
pub struct Writer<'a> {
    pub k: &'a Knowledge,
    pub now: Timestamp,
    /// Where `now` stands relative to the event.
    pub phase: Phase,
    pub focus: Focus,
    /// Read only by an answer about the news.
    pub news: &'a dyn PostedNews,
}

impl<'a> Writer<'a> {
    pub fn new(
        k: &'a Knowledge,
        now: Timestamp,
        focus: Focus,
        news: &'a dyn PostedNews,
    ) -> Writer<'a> {
        Writer {
            k,
            now,
            phase: phase(now, k.event.start.timestamp(), k.event.end.timestamp()),
            focus,
            news,
        }
    }

    /// "the expert seminar": how prose refers to the event.
    pub fn the_event(&self) -> String {
        let kind = self.k.event.kind.trim();
        if kind.is_empty() {
            "the event".to_string()
        } else {
            format!("the {}", kind.to_lowercase())
        }
    }

    /// "The expert seminar", to begin a sentence.
    pub fn event_subject(&self) -> String {
        capitalise(&self.the_event())
    }

    /// "was" once the event is over, "is" before and during it.
    pub fn was_or_is(&self) -> &'static str {
        if self.phase == Phase::After {
            "was"
        } else {
            "is"
        }
    }

    /// "Utrecht time": the venue's city, or the time zone's place name.
    pub fn zone_label(&self) -> String {
        let place = self.k.event.venue.map_or_else(
            || {
                let name = &self.k.event.time_zone_name;
                name.rsplit('/').next().unwrap_or(name).replace('_', " ")
            },
            |v| {
                self.k.venues()[v].city.clone().unwrap_or_else(|| {
                    let name = &self.k.event.time_zone_name;
                    name.rsplit('/').next().unwrap_or(name).replace('_', " ")
                })
            },
        );
        format!("{place} time")
    }

    /// A time in the event's time zone.
    pub fn zoned(&self, t: &ZonedDateTime) -> ZonedDateTime {
        t.with_time_zone(self.k.event.time_zone.clone())
    }

    pub fn now_zoned(&self) -> ZonedDateTime {
        self.now.to_zoned_datetime(self.k.event.time_zone.clone())
    }

    /// "on Thursday 30 April 2015, from 14:00 to 17:30 (Utrecht time)", or across days.
    pub fn span_words(&self, start: &ZonedDateTime, end: Option<&ZonedDateTime>) -> String {
        let start = self.zoned(start);
        let zone = self.zone_label();
        match end.map(|e| self.zoned(e)) {
            Some(end) if end.date() == start.date() => format!(
                "on {}, from {} to {} ({zone})",
                long_date(&start),
                clock(&start),
                clock(&end)
            ),
            Some(end) => format!(
                "from {} at {} to {} at {} ({zone})",
                long_date(&start),
                clock(&start),
                long_date(&end),
                clock(&end)
            ),
            None => format!("on {} at {} ({zone})", long_date(&start), clock(&start)),
        }
    }

    /// The event's venue, as a place fact.
    pub fn event_place(&self) -> Option<PlaceFact> {
        self.k
            .event
            .venue
            .and_then(|v| place_fact(&self.k.venues()[v]))
    }

    /// The event's start and end, as a time fact.
    pub fn event_times(&self) -> Vec<TimeFact> {
        vec![TimeFact {
            label: capitalise(&self.k.event.kind),
            start: self.k.event.start.timestamp(),
            end: Some(self.k.event.end.timestamp()),
        }]
    }

    /// "Part two (Thu 30 Apr 14:00 to 15:30, Room A)": for a session held several times, its next slot
    /// (or its last, once all are over) and how many more there are.
    pub fn session_heading(&self, s: &Session) -> String {
        let slots = s.slots_from(self.now);
        let mut details = Vec::new();
        if let Some(slot) = slots.first() {
            details.push(self.slot_words(slot));
        } else if let Some(loose) = &s.loose {
            let day = loose.date.strftime("%a %-d %b");
            details.push(format!("{day}, {}", loose.part.as_str()));
        }
        if let Some(location) = &s.location {
            details.push(location.name.clone());
        }
        if let Some(first) = slots.first() {
            // Slots at the same time in other rooms (a breakout in three rooms) are rooms, not times.
            let rooms: Vec<&str> = slots[1..]
                .iter()
                .filter(|slot| slot.start == first.start)
                .filter_map(|slot| slot.room)
                .map(|room| self.k.room_name(room))
                .collect();
            if !rooms.is_empty() {
                details.push(format!("also in {}", rooms.join(", ")));
            }
            let mut times: Vec<_> = slots
                .iter()
                .map(|slot| slot.start.timestamp())
                .filter(|start| *start != first.start.timestamp())
                .collect();
            times.sort();
            times.dedup();
            if !times.is_empty() {
                details.push(format!(
                    "and {} more time{}",
                    times.len(),
                    if times.len() == 1 { "" } else { "s" }
                ));
            }
        }
        // A cancelled session says so wherever it is named, with the time it would have been held.
        match (s.cancelled, details.is_empty()) {
            (false, true) => s.title.clone(),
            (false, false) => format!("{} ({})", s.title, details.join(", ")),
            (true, true) => format!("{} (cancelled)", s.title),
            (true, false) => format!(
                "{} (cancelled; planned for {})",
                s.title,
                details.join(", ")
            ),
        }
    }

    /// "Thu 30 Apr 14:00 to 15:30, Room A": one slot of a session.
    pub fn slot_words(&self, slot: &Slot) -> String {
        let start = self.zoned(&slot.start);
        let mut words = match &slot.end {
            Some(end) => format!(
                "{} {} to {}",
                start.strftime("%a %-d %b"),
                clock(&start),
                clock(&self.zoned(end))
            ),
            None => format!("{} {}", start.strftime("%a %-d %b"), clock(&start)),
        };
        if let Some(room) = slot.room {
            words.push_str(&format!(", {}", self.k.room_name(room)));
        }
        words
    }

    /// "Ada Lovelace (Analytical Society)", or the name alone.
    pub fn speaker_name(&self, i: usize) -> String {
        let s = &self.k.speakers()[i];
        match &s.affiliation {
            Some(a) => format!("{} ({a})", s.name),
            None => s.name.clone(),
        }
    }
}

/// A session's time, as a time fact, if it has one: its earliest slot.
pub fn session_time(s: &Session) -> Option<TimeFact> {
    s.start.as_ref().map(|start| TimeFact {
        label: s.title.clone(),
        start: start.timestamp(),
        end: s.end.as_ref().map(ZonedDateTime::timestamp),
    })
}

/// Every slot of a session as time facts, the next one after `now` first.
pub fn slot_times(s: &Session, now: Timestamp) -> Vec<TimeFact> {
    s.slots_from(now)
        .into_iter()
        .map(|slot| TimeFact {
            label: s.title.clone(),
            start: slot.start.timestamp(),
            end: slot.end.as_ref().map(ZonedDateTime::timestamp),
        })
        .collect()
}

/// A venue as a place fact: its name, full address (or where to join it online) and map; `None` when the
/// knowledge gives neither a name nor an address.
pub fn place_fact(v: &Venue) -> Option<PlaceFact> {
    let address = v
        .full_address()
        .or_else(|| v.online.then(|| v.url.clone()).flatten());
    match (&v.name, address) {
        (Some(name), address) => Some(PlaceFact {
            name: name.clone(),
            address: address.unwrap_or_default(),
            map: v.map.clone(),
        }),
        (None, Some(address)) => Some(PlaceFact {
            name: address.clone(),
            address: String::new(),
            map: v.map.clone(),
        }),
        (None, None) => None,
    }
}
