//! `[[synonym]]`: words and phrases of this event that the matcher treats alike; the first is the
//! canonical one.

use serde::Deserialize;

use crate::knowledge::kind::{Check, Kind, Parsed, Text};
use crate::knowledge::model::Knowledge;

/// `[[synonym]]` as written.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SynonymEntry {
    pub words: Vec<Text>,
}

/// A group of words treated alike, checked; the first is the canonical one.
#[derive(Debug, Clone)]
pub struct Synonym {
    pub words: Vec<String>,
}

impl Knowledge {
    /// Every synonym group, in file order.
    pub fn synonyms(&self) -> &[Synonym] {
        self.all()
    }
}

impl Kind for Synonym {
    const SECTION: &'static str = "synonym";
    const COUNTED: [&'static str; 2] = ["synonym group", "synonym groups"];
    type Entry = SynonymEntry;

    fn check(p: &Parsed<SynonymEntry>, cx: &mut Check<'_>) -> Option<Synonym> {
        let f = cx.file(p.file);
        let words = cx.words(f, &p.entry.words, "word");
        if p.entry.words.len() < 2 {
            cx.error(f, &p.span, "a synonym group needs at least two words");
        }
        Some(Synonym { words })
    }
}
