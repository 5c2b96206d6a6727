//! Typo correction against the words the knowledge and the lexicon use.
//!
//! A symmetric-delete index (the `SymSpell` idea) finds candidates without comparing a word with the whole
//! vocabulary: every known word is stored with each of its one-letter deletions, and a typed word is looked up
//! by itself and by its own deletions. Two words within one edit (insertion, deletion, substitution or
//! swap of neighbours) always share a key, so the cost per word depends on its length, not on the size of
//! the vocabulary. Candidates are then confirmed with strsim's Damerau-Levenshtein distance.

use rustc_hash::{FxHashMap, FxHashSet};

/// Words shorter than this are never corrected: too many short words are one edit apart.
const MIN_LEN: usize = 3;
/// Words this long or longer may be two edits from the word meant.
const TWO_EDITS_FROM: usize = 8;
/// Words longer than this get one edit at most: the second round of deletions grows with the square of
/// the length, and nobody mistypes a twenty-letter word twice and expects to be understood.
const TWO_EDITS_UP_TO: usize = 20;

#[derive(Debug, Default)]
pub struct Speller {
    words: Vec<String>,
    known: FxHashSet<String>,
    /// A word or one of its single deletions -> indices into `words`.
    deletes: FxHashMap<String, Vec<u32>>,
    /// How often each word occurs in the knowledge: ties go to the commoner word.
    frequency: Vec<u32>,
    /// The length of the longest word that can be offered: a longer typed word cannot be a typo of any.
    longest: usize,
}

/// A correction: the word meant, and how similar it is to the word typed (0..1).
#[derive(Debug, Clone, PartialEq)]
pub struct Correction {
    pub word: String,
    pub similarity: f32,
}

impl Speller {
    /// Builds the index from words with their frequencies. Non-alphabetic words are kept as known but
    /// never offered as corrections.
    pub fn new<'a>(words: impl IntoIterator<Item = (&'a str, u32)>) -> Self {
        let mut speller = Speller::default();
        let mut index_of: FxHashMap<String, usize> = FxHashMap::default();
        for (word, count) in words {
            if let Some(&i) = index_of.get(word) {
                speller.frequency[i] += count;
                continue;
            }
            speller.known.insert(word.to_string());
            if word.chars().count() < MIN_LEN || !word.chars().all(char::is_alphabetic) {
                continue;
            }
            let id = speller.words.len();
            speller.longest = speller.longest.max(word.chars().count());
            index_of.insert(word.to_string(), id);
            speller.words.push(word.to_string());
            speller.frequency.push(count);
            let id = u32::try_from(id).unwrap_or(u32::MAX);
            for key in std::iter::once(word.to_string()).chain(deletions(word)) {
                let ids = speller.deletes.entry(key).or_default();
                if ids.last() != Some(&id) {
                    ids.push(id);
                }
            }
        }
        speller
    }

    pub fn is_known(&self, word: &str) -> bool {
        self.known.contains(word)
    }

    /// The known adjective an unknown adverb comes from: "militarily" -> "military", "differently" ->
    /// "different", "possibly" -> "possible". The stemmer leaves these apart.
    pub fn adverb_base(&self, word: &str) -> Option<String> {
        let stem = word.strip_suffix("ly")?;
        if stem.chars().count() < 4 || self.is_known(word) {
            return None;
        }
        let candidates = [
            stem.to_string(),
            stem.strip_suffix('i')
                .map(|s| format!("{s}y"))
                .unwrap_or_default(),
            format!("{stem}e"),
            stem.strip_suffix("al")
                .map(str::to_string)
                .unwrap_or_default(),
        ];
        candidates
            .into_iter()
            .find(|c| !c.is_empty() && self.is_known(c))
    }

    /// The known word a typed word most likely means, if it is not known itself and one is close enough.
    pub fn correct(&self, typed: &str) -> Option<Correction> {
        let len = typed.chars().count();
        if len < MIN_LEN || self.is_known(typed) || !typed.chars().all(char::is_alphabetic) {
            return None;
        }
        // A real English word is not a typo, even if the knowledge never uses it.
        if super::english::is_english_word(typed) {
            return None;
        }
        let max_distance = if (TWO_EDITS_FROM..=TWO_EDITS_UP_TO).contains(&len) {
            2
        } else {
            1
        };
        // A word longer than every known word by more than the edits allowed has no candidate; looking
        // would only cost time, and a message may be one long run of letters.
        if len > self.longest + max_distance {
            return None;
        }
        let mut keys: Vec<String> = std::iter::once(typed.to_string())
            .chain(deletions(typed))
            .collect();
        if max_distance == 2 {
            let second: Vec<String> = keys.iter().skip(1).flat_map(|k| deletions(k)).collect();
            keys.extend(second);
        }
        let mut seen: FxHashSet<u32> = FxHashSet::default();
        let mut best: Option<(usize, bool, u32, &str)> = None;
        for key in &keys {
            let Some(ids) = self.deletes.get(key) else {
                continue;
            };
            for &id in ids {
                if !seen.insert(id) {
                    continue;
                }
                let idx = id as usize;
                let candidate = self.words[idx].as_str();
                let distance = strsim::damerau_levenshtein(typed, candidate);
                if distance == 0
                    || distance > max_distance
                    || !plausible(typed, candidate, distance)
                {
                    continue;
                }
                let same_start = typed.chars().next() == candidate.chars().next();
                let rank = (
                    distance,
                    !same_start,
                    u32::MAX - self.frequency[idx],
                    candidate,
                );
                if best.is_none_or(|b| rank < (b.0, b.1, b.2, b.3)) {
                    best = Some(rank);
                }
            }
        }
        best.map(|(_, _, _, word)| Correction {
            word: word.to_string(),
            // A similarity in 0..1 loses nothing that matters in f32.
            #[allow(clippy::cast_possible_truncation)]
            similarity: strsim::normalized_damerau_levenshtein(typed, word) as f32,
        })
    }
}

/// Short words differ from other real words by one substituted letter all the time ("cool", "tool"), so
/// below five letters only a missing, extra or swapped letter counts as a typo.
fn plausible(typed: &str, candidate: &str, distance: usize) -> bool {
    let len = typed.chars().count();
    if len >= 5 || distance != 1 {
        return true;
    }
    let candidate_len = candidate.chars().count();
    // Four letters read as a known word of three ("wqim" as "aim") are more likely a name the knowledge
    // does not have, an abbreviation most often, than a word typed with a letter too many.
    if candidate_len < len {
        return len > 4;
    }
    if len != candidate_len {
        return true;
    }
    // Same length and one edit: a swap of neighbours is a typo, a substitution is not.
    let a: Vec<char> = typed.chars().collect();
    let b: Vec<char> = candidate.chars().collect();
    let differing: Vec<usize> = (0..len).filter(|&i| a[i] != b[i]).collect();
    differing.len() == 2 && differing[1] == differing[0] + 1
}

/// The word with each single character removed.
fn deletions(word: &str) -> impl Iterator<Item = String> + '_ {
    let chars: Vec<char> = word.chars().collect();
    (0..chars.len()).map(move |skip| {
        chars
            .iter()
            .enumerate()
            .filter(|&(i, _)| i != skip)
            .map(|(_, c)| *c)
            .collect()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn speller() -> Speller {
        Speller::new(
            [
                "when",
                "where",
                "what",
                "venue",
                "seminar",
                "separatists",
                "auditorium",
                "reception",
                "tool",
                "beginning",
                "address",
                "workshops",
                "the",
            ]
            .map(|w| (w, 1)),
        )
    }

    fn fix(s: &Speller, typed: &str) -> Option<String> {
        s.correct(typed).map(|c| c.word)
    }

    #[test]
    fn corrects_common_typos() {
        let s = speller();
        assert_eq!(fix(&s, "wehn").as_deref(), Some("when"));
        assert_eq!(fix(&s, "whre").as_deref(), Some("where"));
        assert_eq!(fix(&s, "wher").as_deref(), Some("where"));
        assert_eq!(fix(&s, "venu").as_deref(), Some("venue"));
        assert_eq!(fix(&s, "semnar").as_deref(), Some("seminar"));
        assert_eq!(fix(&s, "seperatists").as_deref(), Some("separatists"));
        assert_eq!(fix(&s, "auditoruim").as_deref(), Some("auditorium"));
        assert_eq!(fix(&s, "reseption").as_deref(), Some("reception"));
        assert_eq!(fix(&s, "begining").as_deref(), Some("beginning"));
        assert_eq!(fix(&s, "adress").as_deref(), Some("address"));
        assert_eq!(fix(&s, "workshps").as_deref(), Some("workshops"));
        assert_eq!(fix(&s, "wat").as_deref(), Some("what"));
    }

    #[test]
    fn leaves_known_short_and_unrelated_words_alone() {
        let s = speller();
        assert_eq!(fix(&s, "venue"), None, "known words are not corrected");
        assert_eq!(
            fix(&s, "cool"),
            None,
            "a substitution in a short word is another word, not a typo"
        );
        assert_eq!(fix(&s, "zxcvbnm"), None);
        assert_eq!(fix(&s, "cv"), None, "two-letter words are never corrected");
        assert_eq!(fix(&s, "bitcoin"), None);
    }

    #[test]
    fn very_long_words_are_not_looked_up() {
        // Without the length guard, a word this long builds gigabytes of deletions before giving up.
        let s = speller();
        assert_eq!(fix(&s, &"abcdefghij".repeat(400)), None);
        assert_eq!(fix(&s, "separatistss"), Some("separatists".to_string()));
    }

    #[test]
    fn similarity_reflects_the_edit() {
        let s = speller();
        let c = s.correct("semnar").expect("a correction");
        assert!(c.similarity > 0.8 && c.similarity < 1.0, "{c:?}");
    }
}
