//! Tracks: each strand of the programme, with its sessions.

use crate::knowledge::{Kind, Knowledge, Track};
use crate::lexicon::{Intent, Lexicon};
use crate::topics::builder::{BODY, Builder, KEYWORD, MENTION};
use crate::topics::prose::{LIST_LIMIT, count_words};
use crate::topics::told::{Precedence, Told};
use crate::topics::topic::{Subject, Topic};
use crate::topics::writer::{Rendered, Writer};

impl Told for Track {
    const PRECEDENCE: Precedence = Precedence::Track;

    fn topics(k: &Knowledge, lexicon: &Lexicon, out: &mut Vec<Topic>) {
        for (i, t) in k.tracks().iter().enumerate() {
            out.push(Topic {
                key: format!("track.{}", t.id),
                label: t.name.clone(),
                subject: Subject::entry(track, i),
                entry: Some(Track::KIND),
                fields: Builder::new(lexicon)
                    .name(&t.name)
                    .names(&t.aliases)
                    .add_all(&t.keywords, KEYWORD)
                    .add_opt(t.description.as_ref(), BODY)
                    // A track named only in common words ("Other") is still "the other track".
                    .add("track", MENTION)
                    .fields(),
                intents: vec![(Intent::Count, 0.5)],
                origin: t.origin.clone(),
            });
        }
    }
}

/// A track: what it is, and its sessions in time order.
fn track(w: &Writer<'_>, i: usize) -> Rendered {
    let t = &w.k.tracks()[i];
    let mut sessions: Vec<_> = t.sessions.iter().map(|&s| &w.k.sessions()[s]).collect();
    sessions.sort_by_key(|s| s.start.as_ref().map(jiff::ZonedDateTime::timestamp));
    let mut text = t.name.clone();
    match &t.description {
        Some(description) => text.push_str(&format!(": {description}")),
        None => text.push('.'),
    }
    text.push_str(&format!(
        " It has {} session{}",
        count_words(sessions.len()),
        if sessions.len() == 1 { "" } else { "s" }
    ));
    if sessions.is_empty() {
        text.push('.');
    } else {
        text.push(':');
    }
    for s in sessions.iter().take(LIST_LIMIT) {
        text.push_str(&format!("\n- {}", w.session_heading(s)));
    }
    if sessions.len() > LIST_LIMIT {
        text.push_str(&format!("\n... and {} more.", sessions.len() - LIST_LIMIT));
    }
    Rendered::plain(t.name.clone(), text, &t.origin)
}
