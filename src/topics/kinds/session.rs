//! Sessions: the programme as a whole, and each session with its time, room, speakers and findings.

use jiff::ZonedDateTime;

use crate::knowledge::{Kind, Knowledge, Session};
use crate::lexicon::{Intent, Lexicon};
use crate::topics::builder::{
    BODY, Builder, KEYWORD, MENTION, NAME, PROGRAMME_TITLES, QUANTITY, RELATED, THEME,
};
use crate::topics::prose::{LIST_LIMIT, count_words, limited_list};
use crate::topics::told::{Precedence, Told};
use crate::topics::topic::{Subject, Topic};
use crate::topics::writer::{Rendered, Writer, place_fact, session_time};

impl Told for Session {
    const PRECEDENCE: Precedence = Precedence::Programme;

    /// The programme as a whole: "what is on", "how many parts".
    fn facets(k: &Knowledge, lexicon: &Lexicon, out: &mut Vec<Topic>) {
        let sessions = k.sessions();
        let Some(first) = sessions.first() else {
            return;
        };
        let mut b = Builder::new(lexicon)
            // These words name the programme itself, so it wins over a session whose title happens to
            // contain one ("Rethinking scheduling").
            .facet("programme", NAME)
            .add(&sessions.len().to_string(), RELATED);
        if sessions.len() <= PROGRAMME_TITLES {
            for session in sessions {
                b = b.add(&session.title, MENTION);
            }
        }
        // The programme says how many parts it has, and when they are if the knowledge says.
        let timed = sessions.iter().any(|s| s.start.is_some());
        out.push(Topic {
            key: "event.programme".into(),
            label: "Programme".into(),
            subject: Subject::facet(programme),
            entry: None,
            fields: b.fields(),
            intents: if timed {
                vec![(Intent::When, 0.6), (Intent::Quantity, QUANTITY)]
            } else {
                vec![(Intent::Quantity, QUANTITY)]
            },
            origin: first.origin.clone(),
        });
    }

    fn topics(k: &Knowledge, lexicon: &Lexicon, out: &mut Vec<Topic>) {
        let speakers = k.speakers();
        for (i, s) in k.sessions().iter().enumerate() {
            let mut b = Builder::new(lexicon)
                .name(&s.title)
                .names(&s.aliases)
                .add_opt(s.kind.as_ref(), NAME)
                .add_all(&s.keywords, KEYWORD)
                .add_all(&s.themes, THEME)
                .add_opt(s.summary.as_ref(), BODY);
            for &sp in &s.speakers {
                b = b.add(&speakers[sp].name, RELATED);
            }
            if let Some(room) = s.room {
                b = b.add(k.room_name(room), RELATED);
            }
            let mut intents = Vec::new();
            if s.start.is_some() {
                intents.push((Intent::When, 1.0));
            }
            if s.room.is_some() {
                intents.push((Intent::Where, 1.0));
            }
            if !s.speakers.is_empty() {
                intents.push((Intent::Who, 0.8));
            }
            out.push(Topic {
                key: format!("session.{}", s.id),
                label: s.title.clone(),
                subject: Subject::entry(session, i),
                entry: Some(Session::KIND),
                fields: b.fields(),
                intents,
                origin: s.origin.clone(),
            });
        }
    }
}

/// The programme in time order, at most [`LIST_LIMIT`] sessions with their themes or summaries.
fn programme(w: &Writer<'_>, _: usize) -> Rendered {
    let mut sessions: Vec<&Session> = w.k.sessions().iter().collect();
    sessions.sort_by_key(|s| s.start.as_ref().map(ZonedDateTime::timestamp));
    let kind = w.the_event();
    // "Two parts" when the knowledge calls its sessions parts, "10000 sessions" otherwise.
    let noun = if sessions.iter().all(|s| s.kind.as_deref() == Some("part")) {
        "part"
    } else {
        "session"
    };
    let mut text = format!(
        "The programme of {kind} has {} {noun}{}:",
        count_words(sessions.len()),
        if sessions.len() == 1 { "" } else { "s" }
    );
    for s in sessions.iter().take(LIST_LIMIT) {
        text.push_str(&format!("\n- {}", w.session_heading(s)));
        if !s.themes.is_empty() {
            text.push_str(&format!(": {}", s.themes.join(", ")));
        } else if let Some(summary) = &s.summary {
            text.push_str(&format!(": {summary}"));
        }
    }
    if sessions.len() > LIST_LIMIT {
        text.push_str(&format!(
            "\n... and {} more. Ask about a session by its title or theme.",
            sessions.len() - LIST_LIMIT
        ));
    }
    let source = sessions.first().map(|s| s.origin.clone());
    Rendered {
        title: "Programme".to_string(),
        text,
        times: Vec::new(),
        place: None,
        source,
    }
}

fn fold_starts_with(text: &str, prefix: &str) -> bool {
    text.get(..prefix.len())
        .is_some_and(|start| start.eq_ignore_ascii_case(prefix))
}

/// A session: when and where, what it is about, who speaks, and what came out of it.
fn session(w: &Writer<'_>, i: usize) -> Rendered {
    let s = &w.k.sessions()[i];
    let mut text = w.session_heading(s);
    match &s.summary {
        // A summary that names the session itself ("Part two of the seminar focused on ...") stands
        // alone: "Part two: Part two of ..." says the title twice.
        Some(summary) if fold_starts_with(summary, &s.title) && text == s.title => {
            text.clone_from(summary);
        }
        Some(summary) => text.push_str(&format!(": {summary}")),
        None => text.push('.'),
    }
    if !s.themes.is_empty() {
        text.push_str(&format!(" Themes: {}.", s.themes.join(", ")));
    }
    if !s.speakers.is_empty() {
        let names: Vec<String> = s.speakers.iter().map(|&sp| w.speaker_name(sp)).collect();
        text.push_str(&format!(
            " Speakers: {}.",
            limited_list(&names, names.len())
        ));
    }
    if !s.findings.is_empty() {
        let titles: Vec<String> = s
            .findings
            .iter()
            .map(|&f| w.k.findings()[f].title.clone())
            .collect();
        // One finding a line: titles may hold commas and semicolons themselves.
        text.push_str(" Findings:");
        for title in &titles {
            text.push_str(&format!("\n- {title}"));
        }
    }
    Rendered {
        title: s.title.clone(),
        text,
        times: session_time(s).into_iter().collect(),
        place: s.room.map(|r| place_fact(&w.k.venues()[r.venue])),
        source: Some(s.origin.clone()),
    }
}
