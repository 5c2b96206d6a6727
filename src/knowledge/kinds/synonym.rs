//! `[[synonym]]`: words and phrases of this event that the matcher treats alike; the first is the
//! canonical one.

use std::collections::HashMap;

use serde::Deserialize;

use crate::knowledge::diagnostic::Origin;

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

    /// A word in two groups would be made alike with the words of both: a warning at its second use,
    /// naming the first.
    fn check_all(entries: &[Parsed<SynonymEntry>], cx: &mut Check<'_>) -> Vec<Synonym> {
        let mut first_use: HashMap<String, (usize, Origin)> = HashMap::new();
        for (group, p) in entries.iter().enumerate() {
            let f = cx.file(p.file);
            for word in &p.entry.words {
                let key = word.get_ref().trim().to_lowercase();
                if key.is_empty() {
                    continue;
                }
                match first_use.get(&key) {
                    Some((other, origin)) if *other != group => cx.warning(
                        f,
                        &word.span(),
                        format!(
                            "`{}` is in two synonym groups (also at {origin}): each group's words would be taken for the other's",
                            word.get_ref().trim()
                        ),
                    ),
                    Some(_) => {}
                    None => {
                        first_use.insert(key, (group, Origin::new(f, &word.span())));
                    }
                }
            }
        }
        entries.iter().filter_map(|p| Self::check(p, cx)).collect()
    }
}
