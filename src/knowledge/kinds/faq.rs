//! `[[faq]]`: a question a maintainer answers by hand, with other ways of asking it.

use serde::Deserialize;

use crate::knowledge::diagnostic::Origin;
use crate::knowledge::kind::{Check, Kind, Parsed, Text};
use crate::knowledge::model::Knowledge;

/// `[[faq]]` as written.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FaqEntry {
    pub id: Text,
    pub question: String,
    #[serde(default)]
    pub alternatives: Vec<Text>,
    pub answer: String,
    #[serde(default)]
    pub keywords: Vec<Text>,
}

/// An FAQ, checked.
#[derive(Debug, Clone)]
pub struct Faq {
    pub id: String,
    pub question: String,
    pub alternatives: Vec<String>,
    pub answer: String,
    pub keywords: Vec<String>,
    pub origin: Origin,
}

impl Knowledge {
    /// Every FAQ, in file order.
    pub fn faqs(&self) -> &[Faq] {
        self.all()
    }
}

impl Kind for Faq {
    const SECTION: &'static str = "faq";
    const COUNTED: [&'static str; 2] = ["faq", "faqs"];
    type Entry = FaqEntry;

    fn id(entry: &FaqEntry) -> Option<&Text> {
        Some(&entry.id)
    }

    fn keywords(entry: &FaqEntry) -> Vec<&Text> {
        entry.keywords.iter().collect()
    }

    fn check(p: &Parsed<FaqEntry>, cx: &mut Check<'_>) -> Option<Faq> {
        let f = cx.file(p.file);
        let q = &p.entry;
        Some(Faq {
            id: q.id.get_ref().clone(),
            question: q.question.clone(),
            alternatives: cx.words(f, &q.alternatives, "alternative"),
            answer: q.answer.clone(),
            keywords: cx.words(f, &q.keywords, "keyword"),
            origin: Origin::new(f, &p.span),
        })
    }
}
