//! Findings: each finding of the report.

use crate::knowledge::{Finding, Kind, Knowledge};
use crate::lexicon::{Intent, Lexicon};
use crate::topics::builder::{BODY, Builder, KEYWORD, NAME};
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
                    .fields(),
                intents: vec![(Intent::Why, 0.6)],
                origin: f.origin.clone(),
            });
        }
    }
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
