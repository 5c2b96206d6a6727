//! What the knowledge is silent on. When a question asks for a detail its subject lacks (a session's
//! time, the place or the end of what follows the event, a session's speakers), the answer says that the source does
//! not give it before giving what is known, rather than giving a nearby fact as if it answered.
//!
//! The detail asked for is read from the question's intents (`when`, `where`, `who`); the subject is the
//! topic answered or, for a session, the session the question names.

use crate::knowledge::{Finding, Kind, Knowledge, Session};
use crate::lexicon::Intent;
use crate::matching::{Match, Reading};
use crate::reading;
use crate::topics::Topic;

/// How well a session must match a question for the question to name it ("when does part two start"
/// is answered by the event's time, but names part two).
const NAMES_A_SESSION: f32 = 0.3;

/// The topic of the report as a whole.
const REPORT: &str = "event.report";

/// The topic of the event's own date and time.
const EVENT_WHEN: &str = "event.when";

/// The topic of the event's programme.
const PROGRAMME: &str = "event.programme";

/// A sentence saying what the source does not give, and the topic to answer with instead when the
/// question matched none.
pub(super) struct Silence<'m> {
    pub text: String,
    pub instead: Option<(&'m Topic, f32)>,
}

fn asks(m: &Match<'_>, intent: Intent) -> bool {
    m.reading
        .tokens
        .iter()
        .any(|t| matches!(t.reading, Reading::Intent(i, _) if i == intent))
}

/// The session the question names best, if it names one well enough, with its score.
fn named_session<'m>(m: &Match<'m>, k: &'m Knowledge) -> Option<(&'m Session, &'m Topic, f32)> {
    // A question that names the event by its noun ("the date of that seminar on X") names a session only
    // by a word of the session's own text that is not one of the event's name: the words the event's
    // name shares with a session ("X") describe the event.
    let lexicon = crate::lexicon::Lexicon::builtin();
    let names_the_event = m
        .reading
        .tokens
        .iter()
        .any(|t| lexicon.facet("event").contains(&t.token.source));
    let named_by_its_own_words = |topic: &Topic| {
        m.reading.tokens.iter().any(|t| {
            matches!(t.reading, Reading::Known(_))
                && t.cover < crate::topics::EVENT_COVER
                && topic
                    .fields
                    .iter()
                    .any(|field| crate::matching::fold(&field.text).contains(&t.token.source))
        })
    };
    m.candidates
        .iter()
        .copied()
        .filter(|(t, score)| {
            t.entry.is_some_and(|e| e.noun() == "session")
                && *score >= NAMES_A_SESSION
                && (!names_the_event || named_by_its_own_words(t))
        })
        .find_map(|(topic, score)| {
            k.sessions()
                .iter()
                .find(|s| topic.key.strip_prefix("session.") == Some(s.id.as_str()))
                .map(|s| (s, topic, score))
        })
}

/// Whether a topic's own texts name a detail a question asks for (see `reading::names_detail`).
pub fn names_detail(topic: &Topic, detail: &str) -> bool {
    topic
        .fields
        .iter()
        .filter(|field| !field.facet)
        .any(|field| crate::reading::names_detail(detail, &crate::matching::fold(&field.text)))
}

/// What the source does not give that the question asks for, if anything.
pub(super) fn silence<'m>(m: &Match<'m>, k: &'m Knowledge) -> Option<Silence<'m>> {
    let answered = m.topic.map(|t| t.key.as_str());
    // "Is part two on yet?" places the part relative to now, which needs its time as "when" does;
    // "how long was part one?" needs it too.
    if asks(m, Intent::When) || m.focus.duration || m.question.relation.is_some() {
        if let Some((session, _, score)) = named_session(m, k).filter(|(s, _, _)| s.start.is_none())
        {
            // Unmatched between the session and the event's time ("what time is part two"), the
            // event's time answers, after saying the session has none; not where what the report says
            // is nearer the question than the session is ("when did the unit deploy", of a unit a
            // session's themes name): that asks when something happened beyond the event.
            let beyond = m
                .candidates
                .iter()
                .any(|(topic, other)| topic.speaks_beyond_the_event() && *other > score);
            let instead = if answered.is_none() && !beyond {
                m.candidates
                    .iter()
                    .copied()
                    .find(|(topic, _)| topic.key == EVENT_WHEN)
            } else {
                None
            };
            if answered.is_some() || instead.is_some() {
                return Some(Silence {
                    text: reading::replies().no_time(&session.title.to_lowercase()),
                    instead,
                });
            }
        }
    }
    if let Some(silence) = unlisted_break(m, k) {
        return Some(silence);
    }
    // What follows the event has no times of its own: asked when it ends or how long it lasts, the
    // answer says so before giving the event's end, after which it follows.
    if answered == Some(crate::topics::FOLLOW_UP) && (m.focus.end || m.focus.duration) {
        let follow_up = k.event.follow_up.as_ref()?;
        return Some(Silence {
            text: reading::replies().no_end(&follow_up.title),
            instead: None,
        });
    }
    // Asked where what follows takes place ("where in the building was the reception"), an answer with
    // the venue still has to say the source gives no place for it.
    // Worked out only for a "where" question answered with the venue, not for every answer.
    let names_follow_up = || {
        k.event.follow_up.as_ref().is_some_and(|f| {
            crate::matching::fold(&f.title)
                .split(|c: char| !c.is_alphanumeric())
                .filter(|w| w.len() > 2)
                .any(|w| m.reading.words.iter().any(|asked| asked.text == w))
        })
    };
    let at_the_venue =
        || answered.is_some_and(|key| key.starts_with("venue.")) && names_follow_up();
    if asks(m, Intent::Where) && (answered == Some(crate::topics::FOLLOW_UP) || at_the_venue()) {
        let follow_up = k.event.follow_up.as_ref()?;
        let venue = k.event.venue.map(|v| &k.venues()[v]);
        let place = venue.and_then(|v| match (v.name.as_deref(), v.full_address()) {
            (Some(name), Some(address)) => Some(format!("{name}, {address}")),
            (Some(name), None) => Some(name.to_string()),
            (None, address) => address,
        });
        let kind = k.event.kind.to_lowercase();
        return Some(Silence {
            text: reading::replies().no_place(
                &follow_up.title,
                place.as_deref().map(|place| (kind.as_str(), place)),
            ),
            instead: None,
        });
    }
    if asks(m, Intent::Who) || m.question.who_said {
        let note = k.event.speakers_note.as_ref()?;
        if let Some((session, topic, score)) = named_session(m, k) {
            if session.speakers.is_empty()
                && (answered.is_none() || answered == Some(topic.key.as_str()))
            {
                return Some(Silence {
                    text: note.clone(),
                    instead: answered.is_none().then_some((topic, score)),
                });
            }
        }
        // A finding or the report says what was said, not who said it: asked who said, asked or wrote
        // it, the answer says that the source names no one before what was said.
        let words: Vec<&str> = m.reading.words.iter().map(|w| w.text.as_str()).collect();
        let of_the_report = m
            .topic
            .is_some_and(|t| t.entry == Some(Finding::KIND) || t.key == REPORT);
        if of_the_report && (m.question.who_said || reading::asks_who_said(&words)) {
            return Some(Silence {
                text: note.clone(),
                instead: None,
            });
        }
    }
    None
}

/// A break the programme does not list ("when is the break between the parts?"): the answer says the
/// source mentions none, then gives the programme. A session that is a break ("Coffee Break") answers it
/// as itself.
fn unlisted_break<'m>(m: &Match<'m>, k: &'m Knowledge) -> Option<Silence<'m>> {
    let answered = m.topic.map(|t| t.key.as_str());
    let words: Vec<String> = m.reading.words.iter().map(|w| w.text.clone()).collect();
    // Most questions name no break: the topics' texts are read only for one that does.
    if !reading::asks_about_a_break(&words) {
        return None;
    }
    let programme_or_time = |key: &str| key == PROGRAMME || key == EVENT_WHEN;
    // Another topic that does not name a break ("breakthrough" read as "break") is merely near it.
    let near = m.topic.is_some_and(|topic| {
        !programme_or_time(&topic.key)
            && !topic
                .fields
                .iter()
                .any(|field| !field.facet && reading::names_a_break(&field.text))
    });
    if (answered.is_none_or(programme_or_time) || near)
        && !k.sessions().iter().any(|s| {
            reading::names_a_break(&s.title)
                || s.summary.as_deref().is_some_and(reading::names_a_break)
        })
    {
        let instead = if answered.is_none() || near {
            m.candidates
                .iter()
                .copied()
                .find(|(topic, _)| topic.key == PROGRAMME)
                .or_else(|| {
                    m.candidates
                        .iter()
                        .copied()
                        .find(|(t, _)| t.key == EVENT_WHEN)
                })
        } else {
            None
        };
        // A topic merely near the question is not led by the silence: it is replaced, or left alone.
        if answered.is_some() && !near || instead.is_some() {
            return Some(Silence {
                text: reading::replies().no_break.clone(),
                instead,
            });
        }
    }
    None
}
