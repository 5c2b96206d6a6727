//! Supporters: each funder or sponsor.

use crate::knowledge::{Kind, Knowledge, Supporter};
use crate::lexicon::{Intent, Lexicon};
use crate::topics::builder::{BODY, Builder, FACET, KEYWORD};
use crate::topics::told::{Precedence, Told};
use crate::topics::topic::{Subject, Topic};
use crate::topics::writer::{Rendered, Writer};

impl Told for Supporter {
    const PRECEDENCE: Precedence = Precedence::Organisation;

    fn topics(k: &Knowledge, lexicon: &Lexicon, out: &mut Vec<Topic>) {
        for (i, s) in k.supporters().iter().enumerate() {
            out.push(Topic {
                key: format!("supporter.{}", s.id),
                label: s.name.clone(),
                subject: Subject::entry(supporter, i),
                entry: Some(Supporter::KIND),
                fields: Builder::new(lexicon)
                    .name(&s.name)
                    .names(&s.aliases)
                    .add_all(&s.keywords, KEYWORD)
                    .add(&s.description, BODY)
                    .facet("supporter", FACET)
                    .fields(),
                intents: vec![(Intent::Who, 0.8)],
                origin: s.origin.clone(),
            });
        }
    }
}

/// What the supporter is, and its website.
fn supporter(w: &Writer<'_>, i: usize) -> Rendered {
    let s = &w.k.supporters()[i];
    let mut text = s.description.clone();
    if let Some(url) = &s.url {
        text.push_str(&format!(" Website: {url}"));
    }
    Rendered::plain(s.name.clone(), text, &s.origin)
}
