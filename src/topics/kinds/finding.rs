//! Findings: each finding of the report.

use crate::knowledge::{Finding, Kind, Knowledge};
use crate::lexicon::{Intent, Lexicon};
use crate::topics::builder::{BODY, Builder, KEYWORD, MENTION, NAME, QUANTITY};
use crate::topics::told::{Precedence, Told};
use crate::topics::topic::{Subject, Topic};
use crate::topics::writer::{Rendered, Writer};

impl Told for Finding {
    const PRECEDENCE: Precedence = Precedence::Finding;

    fn topics(k: &Knowledge, lexicon: &Lexicon, out: &mut Vec<Topic>) {
        for (i, f) in k.findings().iter().enumerate() {
            out.push(Topic {
                key: format!("finding.{}", f.id),
                label: f.title.clone(),
                subject: Subject::entry(finding, i),
                entry: Some(Finding::KIND),
                fields: Builder::new(lexicon)
                    .add(&f.title, NAME)
                    .add_all(&f.keywords, KEYWORD)
                    .add(&f.text, BODY)
                    // A finding is one of the report's findings: "what did they conclude about X" asks
                    // for it, though less than "what were the findings" asks for the report.
                    .facet("report", MENTION)
                    .fields(),
                intents: intents(f, lexicon),
                origin: f.origin.clone(),
            });
        }
    }
}

/// What a finding answers besides its words: "why", and "how many" where its text gives a number ("four
/// main points"), as much as a list's count does, so that the other words decide between them.
fn intents(f: &Finding, lexicon: &Lexicon) -> Vec<(Intent, f32)> {
    let mut intents = vec![(Intent::Why, why_weight(f, lexicon))];
    if lexicon.counts_something(&f.text) {
        intents.push((Intent::Count, QUANTITY));
    }
    intents
}

/// How fully a finding answers "why": every finding says something of why things are as they are, but
/// one whose title or keywords say it gives reasons ("four motives") is what a "why" question asks for.
fn why_weight(f: &Finding, lexicon: &Lexicon) -> f32 {
    let gives_reasons = std::iter::once(&f.title)
        .chain(&f.keywords)
        .flat_map(|text| text.split(|c: char| !c.is_alphanumeric()))
        .any(|word| {
            lexicon
                .reasons
                .iter()
                .any(|reason| reason.eq_ignore_ascii_case(word))
        });
    if gives_reasons { 1.0 } else { 0.6 }
}

/// The finding in the report's words.
fn finding(w: &Writer<'_>, i: usize) -> Rendered {
    let f = &w.k.findings()[i];
    let text = match super::report::until_over(w) {
        Some(note) => format!("{note} {}", f.text),
        None => f.text.clone(),
    };
    Rendered::plain(f.title.clone(), text, &f.origin)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_finding_that_gives_reasons_answers_why_fully() {
        let k = crate::knowledge::from_text(
            r#"
[event]
id = "forum"
title = "Water Forum"
time_zone = "Europe/Amsterdam"
start = 2026-06-01T09:00:00
end = 2026-06-01T17:00:00

[[finding]]
id = "motives"
title = "Three motives for dams"
text = "Dams are built for power, water and flood control."

[[finding]]
id = "drought"
title = "Droughts are longer"
text = "Droughts are getting longer."
keywords = ["dry"]
"#,
        );
        let mut topics = Vec::new();
        Finding::topics(&k, Lexicon::builtin(), &mut topics);
        let why = |key: &str| {
            topics
                .iter()
                .find(|t| t.key == key)
                .and_then(|t| t.intents.iter().find(|(i, _)| *i == Intent::Why))
                .map(|(_, w)| *w)
        };
        assert_eq!(why("finding.motives"), Some(1.0));
        assert_eq!(why("finding.drought"), Some(0.6));
    }
}
