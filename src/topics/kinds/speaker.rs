//! Speakers: the speakers as a whole (or the note that none are named), and each speaker.

use crate::knowledge::{Kind, Knowledge, Speaker, SpeakerKind};
use crate::lexicon::{Intent, Lexicon};
use crate::markdown::{Rich, SUMMARY_LENGTH};
use crate::topics::builder::{
    BODY, Builder, FACET, KEYWORD, MENTION, NAME, QUANTITY, RELATED, THEME,
};
use crate::topics::prose::{LIST_LIMIT, capitalise, count_words, limited_list};
use crate::topics::told::{Precedence, Told};
use crate::topics::topic::{Subject, Topic};
use crate::topics::writer::{Rendered, RichAnswer, Writer, session_time};

impl Told for Speaker {
    const PRECEDENCE: Precedence = Precedence::Programme;

    /// "Who speaks": every event has this facet, if only to say that the source names no one.
    fn facets(k: &Knowledge, lexicon: &Lexicon, out: &mut Vec<Topic>) {
        let event = &k.event;
        out.push(Topic {
            key: "event.speakers".into(),
            label: "Speakers".into(),
            subject: Subject::facet(speakers),
            entry: None,
            fields: Builder::new(lexicon)
                .facet("speakers", FACET)
                .add_opt(event.participants.as_ref(), MENTION)
                .fields(),
            // Without named speakers there is no count to give.
            intents: if k.speakers().is_empty() {
                vec![(Intent::Who, 1.0)]
            } else {
                vec![(Intent::Who, 1.0), (Intent::Count, QUANTITY)]
            },
            origin: event.origin.clone(),
        });
    }

    fn topics(k: &Knowledge, lexicon: &Lexicon, out: &mut Vec<Topic>) {
        let sessions = k.sessions();
        for (i, s) in k.speakers().iter().enumerate() {
            // A duplicate record is answered as the speaker it is the same as, which has its sessions;
            // a placeholder ("Various Speakers") is no one to ask about, and its name would draw
            // questions about the speakers as a whole.
            if s.same_as.is_some() || s.kind == SpeakerKind::Placeholder {
                continue;
            }
            let mut b = Builder::new(lexicon)
                .name(&s.name)
                .names(&s.aliases)
                .add_all(&s.keywords, KEYWORD)
                .add_opt(s.affiliation.as_ref(), NAME)
                .add_all(&s.themes, THEME)
                .add_opt(s.bio.as_ref(), BODY);
            for &si in &s.sessions {
                b = b.add(&sessions[si].title, RELATED);
            }
            out.push(Topic {
                key: format!("speaker.{}", s.id),
                label: s.name.clone(),
                subject: Subject::entry(speaker, i),
                entry: Some(Speaker::KIND),
                fields: b.fields(),
                intents: speaker_intents(s, sessions),
                origin: s.origin.clone(),
            });
        }
    }
}

/// What a speaker's topic answers: who they are, and, when their sessions are timed or placed, when and
/// where they speak. Their answer lists every session of theirs with its time and room, so "when is X
/// speaking" is better answered by the speaker than by whichever one of their sessions scores first.
fn speaker_intents(s: &Speaker, sessions: &[crate::knowledge::Session]) -> Vec<(Intent, f32)> {
    let mut intents = vec![(Intent::Who, 1.0)];
    if s.sessions.iter().any(|&si| sessions[si].start.is_some()) {
        intents.push((Intent::When, 1.0));
    }
    if s.sessions.iter().any(|&si| sessions[si].room.is_some()) {
        intents.push((Intent::Where, 1.0));
    }
    intents
}

/// How many speakers and who, or what the knowledge says when it names none.
fn speakers(w: &Writer<'_>, _: usize) -> Rendered {
    let e = &w.k.event;
    let all = w.k.speakers();
    let Some(first) = all.first() else {
        let text = e
            .speakers_note
            .clone()
            .or_else(|| e.participants.clone())
            .unwrap_or_else(|| "The knowledge lists no speakers.".to_string());
        return Rendered::plain("Speakers".to_string(), text, &e.origin);
    };
    // People and groups, each once: a placeholder ("TBA") is no one yet, and a duplicate record is
    // counted as the speaker it is the same as.
    let counted: Vec<usize> = all
        .iter()
        .enumerate()
        .filter(|(_, s)| s.kind != SpeakerKind::Placeholder && s.same_as.is_none())
        .map(|(i, _)| i)
        .collect();
    // Only the names shown are formatted: a conference has thousands of speakers.
    let total = counted.len();
    let names: Vec<String> = counted
        .iter()
        .take(LIST_LIMIT + 1)
        .map(|&i| w.speaker_name(i))
        .collect();
    let text = format!(
        "{} {}: {}.",
        count_words(total),
        if total == 1 { "speaker" } else { "speakers" },
        limited_list(&names, total)
    );
    Rendered::plain("Speakers".to_string(), capitalise(&text), &first.origin)
}

/// A speaker: who they are, their sessions and themes.
fn speaker(w: &Writer<'_>, i: usize) -> Rendered {
    let s = &w.k.speakers()[i];
    let sessions = w.k.sessions();
    let mut text = w.speaker_name(i);
    text.push('.');
    // A biography may carry Markdown and run long: its first sentences, as plain text.
    let bio = s.bio.as_deref().map(Rich::parse).filter(|b| !b.is_empty());
    let mut more = None;
    if let Some(bio) = &bio {
        let (short, cut) = bio.summary(SUMMARY_LENGTH);
        text.push(' ');
        text.push_str(&short.plain());
        if cut {
            more = Some(bio.clone());
        }
    }
    if !s.sessions.is_empty() {
        let headings: Vec<String> = s
            .sessions
            .iter()
            .map(|&si| w.session_heading(&sessions[si]))
            .collect();
        text.push_str(&format!(
            " Sessions: {}.",
            limited_list(&headings, headings.len())
        ));
    }
    if !s.themes.is_empty() {
        text.push_str(&format!(" Themes: {}.", s.themes.join(", ")));
    }
    Rendered {
        title: s.name.clone(),
        text: text.clone(),
        times: s
            .sessions
            .iter()
            .filter_map(|&si| session_time(&sessions[si]))
            .collect(),
        place: None,
        source: Some(s.origin.clone()),
        rich: more.map(|more| RichAnswer {
            body: Rich::text(text),
            more: Some(more),
        }),
    }
}
