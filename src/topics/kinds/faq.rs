//! FAQs: each question a maintainer answered by hand. Its own question words say what it answers.

use crate::knowledge::{Faq, Kind, Knowledge};
use crate::lexicon::Lexicon;
use crate::topics::builder::{Builder, KEYWORD, MENTION};
use crate::topics::told::{Precedence, Told};
use crate::topics::topic::{Subject, Topic};
use crate::topics::writer::{Rendered, Writer};

impl Told for Faq {
    const PRECEDENCE: Precedence = Precedence::MaintainersAnswer;

    fn topics(k: &Knowledge, lexicon: &Lexicon, out: &mut Vec<Topic>) {
        for (i, q) in k.faqs().iter().enumerate() {
            out.push(Topic {
                key: format!("faq.{}", q.id),
                label: q.question.clone(),
                subject: Subject::entry(faq, i),
                entry: Some(Faq::KIND),
                fields: q
                    .alternatives
                    .iter()
                    .fold(Builder::new(lexicon).question(&q.question), |b, alt| {
                        b.question(alt)
                    })
                    .add_all(&q.keywords, KEYWORD)
                    .add(&q.answer, MENTION)
                    .fields(),
                // A maintainer's question says what it answers: its own question words become its
                // intents (see `Index::build`).
                intents: vec![],
                origin: q.origin.clone(),
            });
        }
    }
}

/// The maintainer's answer.
fn faq(w: &Writer<'_>, i: usize) -> Rendered {
    let q = &w.k.faqs()[i];
    Rendered::plain(q.question.clone(), q.answer.clone(), &q.origin)
}
