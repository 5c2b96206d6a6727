//! Venues: each place, named by its name and by where it is, with its rooms.

use crate::knowledge::{Kind, Knowledge, Venue};
use crate::lexicon::{Intent, Lexicon};
use crate::topics::builder::{BODY, Builder, FACET, KEYWORD, RELATED};
use crate::topics::time::Phase;
use crate::topics::told::{Precedence, Told};
use crate::topics::topic::{Subject, Topic};
use crate::topics::writer::{Rendered, Writer, place_fact};

impl Told for Venue {
    const PRECEDENCE: Precedence = Precedence::Place;

    fn topics(k: &Knowledge, lexicon: &Lexicon, out: &mut Vec<Topic>) {
        for (i, v) in k.venues().iter().enumerate() {
            let mut b = Builder::new(lexicon)
                .name_opt(v.name.as_ref())
                .names(&v.aliases)
                // Where the venue is names it as much as its name does: its city, its country.
                .name_opt(v.address.as_ref())
                .name_opt(v.postcode.as_ref())
                .name_opt(v.city.as_ref())
                .name_opt(v.country.as_ref())
                .add_all(&v.keywords, KEYWORD)
                .add_opt(v.directions.as_ref(), BODY)
                .facet("venue", FACET);
            for room in &v.rooms {
                b = b
                    .add(&room.name, RELATED)
                    .add_all(&room.aliases, RELATED)
                    .add_opt(room.description.as_ref(), RELATED);
            }
            out.push(Topic {
                key: format!("venue.{}", v.id),
                label: v.label().unwrap_or("Venue").to_string(),
                subject: Subject::entry(venue, i),
                entry: Some(Venue::KIND),
                fields: b.fields(),
                intents: vec![(Intent::Where, 1.0)],
                origin: v.origin.clone(),
            });
        }
    }
}

/// Where the venue is (and that the event is there, if it is), how to get there, its rooms and map.
fn venue(w: &Writer<'_>, i: usize) -> Rendered {
    let v = &w.k.venues()[i];
    let is_event_venue = w.k.event.venue == Some(i);
    // Only what the knowledge says: an imported venue may have rooms and no name or address.
    let place = [v.name.clone(), v.full_address()]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(", ");
    let joined = v.online.then_some(v.url.as_ref()).flatten();
    let mut text = if is_event_venue {
        let verb = if w.phase == Phase::After {
            "took place"
        } else {
            "takes place"
        };
        match (place.is_empty(), joined) {
            (false, Some(url)) => format!(
                "{} {verb} at {place}, and online at {url}.",
                w.event_subject()
            ),
            (false, None) => format!("{} {verb} at {place}.", w.event_subject()),
            (true, Some(url)) => format!("{} {verb} online at {url}.", w.event_subject()),
            (true, None) => String::new(),
        }
    } else {
        match (place.is_empty(), joined) {
            (false, Some(url)) => format!("{place}, and online at {url}."),
            (false, None) => format!("{place}."),
            (true, Some(url)) => format!("Online at {url}."),
            (true, None) => String::new(),
        }
    };
    if let Some(directions) = &v.directions {
        text.push(' ');
        text.push_str(directions);
    }
    if !v.rooms.is_empty() {
        let rooms: Vec<String> = v.rooms.iter().map(room_words).collect();
        text.push_str(&format!(" Rooms: {}.", rooms.join("; ")));
    }
    if let Some(map) = &v.map {
        text.push_str(&format!(" Map: {map}"));
    }
    let text = text.trim_start().to_string();
    Rendered {
        title: v.label().unwrap_or("Venue").to_string(),
        text,
        times: Vec::new(),
        place: place_fact(v),
        source: Some(v.origin.clone()),
        rich: None,
    }
}

/// "Main Hall (S010, ground floor, 120 seats, online at a link)": a room with what the
/// knowledge says about it.
fn room_words(room: &crate::knowledge::Room) -> String {
    let mut details: Vec<String> = Vec::new();
    // A description that only repeats what the name says adds nothing.
    if let Some(description) = room
        .description
        .as_ref()
        .filter(|d| !room.name.contains(d.as_str()))
    {
        details.push(description.clone());
    }
    details.extend(room.floor.clone());
    if let Some(seats) = room.capacity {
        details.push(format!("{seats} seats"));
    }
    if room.online {
        details.push(
            room.url
                .as_ref()
                .map_or_else(|| "online".to_string(), |url| format!("online at {url}")),
        );
    }
    if details.is_empty() {
        room.name.clone()
    } else {
        format!("{} ({})", room.name, details.join(", "))
    }
}
