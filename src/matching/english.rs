//! A list of common English words (from SCOWL, see `reference/english-words.LICENSE`), so the speller can tell a
//! typo ("semnar") from a real word the knowledge happens not to use ("linked", "palace"): only typos are
//! corrected, and a real word about something else stays unknown, as it should. Rare words ("wen") are
//! left out on purpose: a rare word one letter from a common question word is far more often a typo.

use std::sync::OnceLock;

const WORDS: &str = include_str!("../../reference/english-words.txt");

/// The words, sorted (the file is sorted bytewise), for binary search.
fn words() -> &'static [&'static str] {
    static LIST: OnceLock<Vec<&'static str>> = OnceLock::new();
    LIST.get_or_init(|| WORDS.lines().collect())
}

/// Whether `word` (lower case) is a common English word of three or more letters.
pub fn is_english_word(word: &str) -> bool {
    words().binary_search(&word).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn knows_real_words_and_not_typos() {
        for word in ["linked", "palace", "seminar", "reception", "where"] {
            assert!(is_english_word(word), "{word}");
        }
        for typo in ["semnar", "whre", "reseption", "adress", "wehn"] {
            assert!(!is_english_word(typo), "{typo}");
        }
    }

    #[test]
    fn the_list_is_sorted_for_binary_search() {
        assert!(words().windows(2).all(|w| w[0] < w[1]));
    }
}
