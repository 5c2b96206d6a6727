//! Initiatives: each project, programme or series the event belongs to.

use crate::knowledge::{Initiative, Kind, Knowledge};
use crate::lexicon::Lexicon;
use crate::topics::builder::{BODY, Builder, FACET, KEYWORD, NAME};
use crate::topics::told::{Precedence, Told};
use crate::topics::topic::{Subject, Topic};
use crate::topics::writer::{Rendered, Writer};

impl Told for Initiative {
    const PRECEDENCE: Precedence = Precedence::Initiative;

    fn topics(k: &Knowledge, lexicon: &Lexicon, out: &mut Vec<Topic>) {
        for (i, x) in k.initiatives().iter().enumerate() {
            let mut fields = Builder::new(lexicon)
                .name(&x.name)
                .add(&x.kind, NAME)
                .names(&x.aliases)
                .add_all(&x.keywords, KEYWORD)
                .add(&x.description, BODY)
                .facet("initiative", FACET);
            if !x.run_by.is_empty() {
                fields = fields.facet("run_by", FACET);
            }
            out.push(Topic {
                key: format!("initiative.{}", x.id),
                label: x.name.clone(),
                subject: Subject::entry(initiative, i),
                entry: Some(Initiative::KIND),
                fields: fields.fields(),
                intents: vec![],
                origin: x.origin.clone(),
            });
        }
    }
}

/// What the initiative is.
fn initiative(w: &Writer<'_>, i: usize) -> Rendered {
    let x = &w.k.initiatives()[i];
    Rendered::plain(x.name.clone(), x.description.clone(), &x.origin)
}
