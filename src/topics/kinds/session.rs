//! Sessions: the programme as a whole, and each session with its time, room, speakers and findings.

use jiff::ZonedDateTime;

use crate::knowledge::{Kind, Knowledge, Session};
use crate::lexicon::{Intent, Lexicon};
use crate::markdown::{Inline, Rich, SUMMARY_LENGTH};
use crate::topics::builder::{
    BODY, Builder, FACET, KEYWORD, MENTION, NAME, PROGRAMME_TITLES, QUANTITY, RELATED, THEME,
};
use crate::topics::prose::{LIST_LIMIT, count_words, limited_list};
use crate::topics::told::{Precedence, Told};
use crate::topics::topic::{Subject, Topic};
use crate::topics::writer::{PlaceFact, Rendered, RichAnswer, Writer, place_fact, slot_times};

/// How long a session's summary may be in a list of sessions, in characters.
const LIST_SUMMARY_LENGTH: usize = 120;

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
                vec![(Intent::When, 0.6), (Intent::Count, QUANTITY)]
            } else {
                vec![(Intent::Count, QUANTITY)]
            },
            origin: first.origin.clone(),
        });
    }

    fn topics(k: &Knowledge, lexicon: &Lexicon, out: &mut Vec<Topic>) {
        let speakers = k.speakers();
        let with_findings: std::collections::BTreeSet<usize> =
            k.findings().iter().filter_map(|f| f.session).collect();
        for (i, s) in k.sessions().iter().enumerate() {
            let mut b = Builder::new(lexicon)
                .name(&s.title)
                .names(&s.aliases)
                .add_opt(s.kind.as_ref(), NAME)
                .add_all(&s.keywords, KEYWORD)
                .add_all(&s.themes, THEME)
                .add_opt(s.summary.as_ref(), BODY)
                .add_opt(s.description.as_ref(), BODY)
                // Every session is a session, a talk, an item of the programme: a question asking for
                // "talks about X" names what all of them are, and a session whose abstract happens to say
                // "talk" is no more about X for it.
                .shared(&lexicon.programme.items, FACET);
            for &sp in &s.speakers {
                // Where a speaker is from says whose session it is ("what are the Princeton people
                // presenting"), as their name does.
                b = b
                    .add(&speakers[sp].name, RELATED)
                    .add_opt(speakers[sp].affiliation.as_ref(), RELATED);
            }
            if let Some(room) = s.room {
                b = b.add(k.room_name(room), RELATED);
            }
            // A session the report gives findings of is answered with them: "key takeaways from part
            // two" asks for its findings.
            if with_findings.contains(&i) {
                b = b.facet("report", MENTION);
            }
            // The track says what a session is about as a theme does ("machine learning" finds the
            // talks of the Machine Learning track), though it names a group of sessions, not this one.
            if let Some(track) = s.track {
                let track = &k.tracks()[track];
                b = b
                    .add(&track.name, RELATED)
                    .add_all(&track.keywords, RELATED);
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
    // The programme's span is the event's: "the schedule?" asks when things are as much as what they are,
    // and a programme whose parts have no times of their own has no other times to give.
    let span = w.span_words(&w.k.event.start, Some(&w.k.event.end));
    let mut text = format!(
        "The programme of {kind}, {span}, has {} {noun}{}:",
        count_words(sessions.len()),
        if sessions.len() == 1 { "" } else { "s" }
    );
    for s in sessions.iter().take(LIST_LIMIT) {
        text.push_str(&format!("\n- {}", w.session_heading(s)));
        if !s.themes.is_empty() {
            text.push_str(&format!(": {}", s.themes.join(", ")));
        } else if let Some(summary) = &s.summary {
            // One line per session: the summary's first sentence or so, as plain text.
            let (short, _) = Rich::parse(summary).summary(LIST_SUMMARY_LENGTH);
            text.push_str(&format!(": {}", short.plain().replace('\n', " ")));
        }
    }
    if sessions.len() > LIST_LIMIT {
        text.push_str(&format!(
            "\n... and {} more. Ask about a session by its title or theme.",
            sessions.len() - LIST_LIMIT
        ));
    }
    // What follows the event is the programme's last item ("agenda?" asks for all of it).
    if let Some(follow_up) = &w.k.event.follow_up {
        text.push_str(&format!("\nAfterwards: {}.", follow_up.title));
    }
    let source = sessions.first().map(|s| s.origin.clone());
    Rendered {
        title: "Programme".to_string(),
        text,
        times: Vec::new(),
        place: None,
        source,
        rich: None,
    }
}

/// A session: when and where (every slot, the next first), what it is about (a short summary, the rest
/// on request), who speaks, and what came out of it.
fn session(w: &Writer<'_>, i: usize) -> Rendered {
    let s = &w.k.sessions()[i];
    let heading = w.session_heading(s);
    let mut body = Rich::text(heading.clone());
    let summary = s.summary.as_deref().map(Rich::parse);
    let description = s.description.as_deref().map(Rich::parse);
    // The abstract, or failing that the description, shortened: the whole of both is kept for "more".
    let cut = match summary.as_ref().or(description.as_ref()) {
        Some(long) if !long.is_empty() => {
            // A summary that names the session itself ("Part two of the seminar focused on ...") stands
            // alone: "Part two: Part two of ..." says the title twice.
            if heading == s.title && fold_starts_with(&long.plain(), &s.title) {
                body = Rich::default();
            }
            push_summary(&mut body, long)
        }
        _ => {
            body.push_text(".");
            false
        }
    };
    // "How do we get to the social?": the description's sentences on getting there answer it, even
    // when the summary shown says nothing of it.
    if w.focus.place
        && let Some(description) = &description
    {
        let shown = body.plain();
        for sentence in travel_sentences(&description.plain(), &shown) {
            body.push_text(" ");
            body.push_text(&sentence);
        }
    }
    body.push_text(&facts(w, s));
    push_links(&mut body, s);
    let more = (cut || (summary.is_some() && description.is_some())).then(|| {
        let mut all = Rich::default();
        for part in [summary, description].into_iter().flatten() {
            all.append_blocks(part);
        }
        all
    });
    Rendered {
        title: s.title.clone(),
        text: body.plain(),
        times: slot_times(s, w.now),
        place: place(w, s),
        source: Some(s.origin.clone()),
        rich: Some(RichAnswer { body, more }),
    }
}

/// The most sentences on getting there an answer adds.
const TRAVEL_SENTENCES: usize = 2;

/// The sentences of `text` that say how to get somewhere (a word of the lexicon's `travel` facet), not
/// already in `shown`, at most [`TRAVEL_SENTENCES`].
fn travel_sentences(text: &str, shown: &str) -> Vec<String> {
    let words_of = |t: &str| -> String {
        let words: Vec<String> = t
            .to_lowercase()
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_string)
            .collect();
        format!(" {} ", words.join(" "))
    };
    let travel: Vec<String> = Lexicon::builtin()
        .facet("travel")
        .iter()
        .map(|w| words_of(w))
        .collect();
    text.split_inclusive(['.', '!', '?', '\n'])
        .map(|sentence| sentence.trim().trim_matches('*').trim())
        .filter(|sentence| sentence.chars().any(char::is_alphabetic) && !shown.contains(*sentence))
        .filter(|sentence| {
            let words = words_of(sentence);
            travel.iter().any(|w| words.contains(w.as_str()))
        })
        .take(TRAVEL_SENTENCES)
        .map(str::to_string)
        .collect()
}

fn fold_starts_with(text: &str, prefix: &str) -> bool {
    text.get(..prefix.len())
        .is_some_and(|start| start.eq_ignore_ascii_case(prefix))
}

/// Appends ": " (after a heading) and the first sentences of `long`, ending the sentence; whether some was left out.
fn push_summary(body: &mut Rich, long: &Rich) -> bool {
    let (short, cut) = long.summary(SUMMARY_LENGTH);
    // What follows the summary starts a sentence of its own.
    let ends = short
        .plain()
        .trim_end()
        .ends_with(['.', '!', '?', '\u{2026}', ':']);
    if !body.is_empty() {
        body.push_text(": ");
    }
    body.append_inline(short);
    if !ends {
        body.push_text(".");
    }
    cut
}

/// The session's other times, how to join it online, where it is off-site, its track, themes,
/// speakers and findings, as sentences.
fn facts(w: &Writer<'_>, s: &Session) -> String {
    let mut facts = String::new();
    let slots = s.slots_from(w.now);
    // The heading gives the next slot and the rooms it is in at once; the other times follow.
    let others: Vec<String> = slots
        .iter()
        .skip(1)
        .filter(|slot| slots.first().is_some_and(|first| slot.start != first.start))
        .map(|slot| w.slot_words(slot))
        .collect();
    if !others.is_empty() {
        facts.push_str(&format!(" Also held: {}.", others.join("; ")));
    }
    // A room that exists only online is joined by its link.
    if let Some(url) = slots
        .first()
        .and_then(|slot| slot.room)
        .map(|r| &w.k.venues()[r.venue].rooms[r.room])
        .filter(|room| room.online)
        .and_then(|room| room.url.as_ref())
    {
        facts.push_str(&format!(" Join online: {url}."));
    }
    if let Some(location) = &s.location {
        let place: Vec<&str> = [
            Some(location.name.as_str()),
            location.address.as_deref(),
            location.city.as_deref(),
        ]
        .into_iter()
        .flatten()
        .collect();
        facts.push_str(&format!(" Where: {}.", place.join(", ")));
    }
    if let Some(track) = s.track {
        facts.push_str(&format!(" Track: {}.", w.k.tracks()[track].name));
    }
    if !s.themes.is_empty() {
        facts.push_str(&format!(" Themes: {}.", s.themes.join(", ")));
    }
    if !s.speakers.is_empty() {
        let names: Vec<String> = s.speakers.iter().map(|&sp| w.speaker_name(sp)).collect();
        facts.push_str(&format!(
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
        facts.push_str(" Findings:");
        for title in &titles {
            facts.push_str(&format!("\n- {title}"));
        }
    }
    facts
}

/// " Links: Slides (address), recording (address)." as links an adapter can show as links.
fn push_links(body: &mut Rich, s: &Session) {
    if s.links.is_empty() {
        return;
    }
    body.push_text(" Links:");
    for (n, link) in s.links.iter().enumerate() {
        let label = link
            .title
            .clone()
            .unwrap_or_else(|| link.kind.as_str().to_string());
        body.push_inlines([
            Inline::Text(if n == 0 { " ".into() } else { ", ".into() }),
            Inline::Link {
                text: label,
                url: link.url.clone(),
            },
        ]);
    }
    body.push_text(".");
}

/// Where the session is: its off-site location, or its room's venue.
fn place(w: &Writer<'_>, s: &Session) -> Option<PlaceFact> {
    match &s.location {
        Some(l) => Some(PlaceFact {
            name: l.name.clone(),
            address: [l.address.as_deref(), l.city.as_deref()]
                .into_iter()
                .flatten()
                .collect::<Vec<_>>()
                .join(", "),
            map: l.map.clone(),
        }),
        None => s.room.and_then(|r| place_fact(&w.k.venues()[r.venue])),
    }
}
