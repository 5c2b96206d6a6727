//! An index of the words that name rooms and labels, built once with the programme, so reading a
//! question looks up each of its words instead of comparing it with every room's and label's words (a
//! large conference has hundreds of rooms and thousands of labels).
//!
//! A question word names a known word when [`same_word`] says so: the same word, the same without a
//! plural "s", or one typo apart in words of five letters or more. One typo (a letter dropped, added,
//! changed, or two swapped) leaves the two words with a common form that has one letter deleted, so each
//! known word is filed under itself, its singular and every form with one letter deleted, and a question
//! word looks up the same forms of itself; [`same_word`] then confirms each candidate.

use rustc_hash::{FxHashMap, FxHashSet};

/// The known words of one kind of name (rooms, or labels), each with the things it names.
#[derive(Debug, Default)]
pub struct WordIndex {
    /// Every known word once.
    words: Vec<String>,
    /// For each word, the indices of the things (rooms, labels) whose names use it, ascending.
    owners: Vec<Vec<usize>>,
    /// The forms each word is filed under, to the words filed there.
    forms: FxHashMap<String, Vec<usize>>,
}

impl WordIndex {
    /// Indexes `names`: for each thing, in order, the words that name it.
    pub fn build<'a>(names: impl IntoIterator<Item = &'a [String]>) -> WordIndex {
        let mut index = WordIndex::default();
        let mut ids: FxHashMap<String, usize> = FxHashMap::default();
        for (owner, words) in names.into_iter().enumerate() {
            for word in words {
                let id = *ids.entry(word.clone()).or_insert_with(|| {
                    index.words.push(word.clone());
                    index.owners.push(Vec::new());
                    index.words.len() - 1
                });
                if index.owners[id].last() != Some(&owner) {
                    index.owners[id].push(owner);
                }
            }
        }
        for (id, word) in index.words.iter().enumerate() {
            for form in forms(word) {
                let filed = index.forms.entry(form).or_default();
                if filed.last() != Some(&id) {
                    filed.push(id);
                }
            }
        }
        index
    }

    /// The known words a question word names (see [`same_word`]), each once, as indices.
    pub fn matches(&self, typed: &str) -> FxHashSet<usize> {
        forms(typed)
            .iter()
            .filter_map(|form| self.forms.get(form))
            .flatten()
            .copied()
            .filter(|&id| same_word(typed, &self.words[id]))
            .collect()
    }

    /// A known word by index.
    pub fn word(&self, id: usize) -> &str {
        &self.words[id]
    }

    /// The things whose names use a known word, ascending.
    pub fn owners(&self, id: usize) -> &[usize] {
        &self.owners[id]
    }
}

/// The forms a word is filed and looked up under: itself, its singular, and, for a word long enough to
/// forgive a typo in, each form with one letter deleted.
fn forms(word: &str) -> Vec<String> {
    let mut out = vec![word.to_string()];
    let single = singular_of(word);
    if single != word {
        out.push(single.to_string());
    }
    let chars: Vec<char> = word.chars().collect();
    // A typo is forgiven only between words of five letters or more (see `same_word`).
    if chars.len() >= 5 {
        for skip in 0..chars.len() {
            out.push(
                chars
                    .iter()
                    .enumerate()
                    .filter(|(at, _)| *at != skip)
                    .map(|(_, c)| c)
                    .collect(),
            );
        }
    }
    out
}

/// A word without a plural "s" ("workshops" -> "workshop"), without allocating; short words stay.
pub fn singular_of(word: &str) -> &str {
    if word.len() > 3 && word.ends_with('s') && !word.ends_with("ss") {
        &word[..word.len() - 1]
    } else {
        word
    }
}

/// Whether a question word is a room or label word, allowing a typo in a longer word.
pub fn same_word(typed: &str, known: &str) -> bool {
    if typed == known {
        return true;
    }
    // Words whose lengths differ by more than a plural's "s" and a typo are neither the same word nor one
    // typo apart: most pairs are told apart here, before any allocation or edit distance.
    if typed.len().abs_diff(known.len()) > 2 {
        return false;
    }
    if singular_of(typed) == singular_of(known) {
        return true;
    }
    typed.chars().count() >= 5
        && known.chars().count() >= 5
        && strsim::damerau_levenshtein(typed, known) <= 1
}

#[cfg(test)]
mod tests {
    use super::*;

    fn owned(names: &[&[&str]]) -> Vec<Vec<String>> {
        names
            .iter()
            .map(|ws| ws.iter().map(ToString::to_string).collect())
            .collect()
    }

    fn found(index: &WordIndex, typed: &str) -> Vec<String> {
        let mut out: Vec<String> = index
            .matches(typed)
            .into_iter()
            .map(|id| index.word(id).to_string())
            .collect();
        out.sort();
        out
    }

    #[test]
    fn finds_what_comparing_every_word_finds() {
        let names = owned(&[
            &["cedar", "hall"],
            &["workshop", "studio"],
            &["poster"],
            &["hall", "2"],
        ]);
        let index = WordIndex::build(names.iter().map(Vec::as_slice));
        let known: Vec<&str> = ["cedar", "hall", "workshop", "studio", "poster", "2"].into();
        for typed in [
            "cedar",
            "ceder",
            "cedars",
            "hall",
            "halls",
            "hal",
            "workshops",
            "wrokshop",
            "workshp",
            "studios",
            "sutdio",
            "posters",
            "postre",
            "2",
            "3",
            "room",
            "stud",
            "shop",
        ] {
            let mut expected: Vec<String> = known
                .iter()
                .filter(|k| same_word(typed, k))
                .map(ToString::to_string)
                .collect();
            expected.sort();
            assert_eq!(found(&index, typed), expected, "{typed}");
        }
        assert_eq!(found(&index, "ceder"), ["cedar"]);
        assert!(found(&index, "hal").is_empty(), "no typo in a short word");
    }

    #[test]
    fn a_word_knows_every_thing_it_names() {
        let names = owned(&[&["cedar", "hall"], &["oak", "hall"], &["oak"]]);
        let index = WordIndex::build(names.iter().map(Vec::as_slice));
        let hall = index.matches("hall").into_iter().next().expect("hall");
        assert_eq!(index.owners(hall), [0, 1]);
        let oak = index.matches("oak").into_iter().next().expect("oak");
        assert_eq!(index.owners(oak), [1, 2]);
    }
}
