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
                .name(&v.name)
                .names(&v.aliases)
                // Where the venue is names it as much as its name does: its city, its country.
                .name(&v.address)
                .name_opt(v.postcode.as_ref())
                .name(&v.city)
                .name_opt(v.country.as_ref())
                .add_all(&v.keywords, KEYWORD)
                .add_opt(v.directions.as_ref(), BODY)
                .facet("venue", FACET);
            for room in &v.rooms {
                b = b.add(&room.name, RELATED).add_all(&room.aliases, RELATED);
            }
            out.push(Topic {
                key: format!("venue.{}", v.id),
                label: v.name.clone(),
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
    let mut text = if is_event_venue {
        let verb = if w.phase == Phase::After {
            "took place"
        } else {
            "takes place"
        };
        format!(
            "{} {verb} at {}, {}.",
            w.event_subject(),
            v.name,
            v.full_address()
        )
    } else {
        format!("{}: {}.", v.name, v.full_address())
    };
    if let Some(directions) = &v.directions {
        text.push(' ');
        text.push_str(directions);
    }
    if !v.rooms.is_empty() {
        let rooms: Vec<String> = v.rooms.iter().map(|r| r.name.clone()).collect();
        text.push_str(&format!(" Rooms: {}.", rooms.join(", ")));
    }
    if let Some(map) = &v.map {
        text.push_str(&format!(" Map: {map}"));
    }
    Rendered {
        title: v.name.clone(),
        text,
        times: Vec::new(),
        place: Some(place_fact(v)),
        source: Some(v.origin.clone()),
    }
}
