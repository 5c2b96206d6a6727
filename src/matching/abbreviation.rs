//! Whether a text spells out an abbreviation. "What does ABC stand for?" is answered only by a text that
//! gives the words the letters stand for, not by one that only uses the abbreviation: the knowledge may
//! call a mission by its acronym and never expand it.

use crate::lexicon::Lexicon;

/// The words of a text that are written as abbreviations: two to eight letters, all capitals ("UN",
/// "ABC"), folded to lower case.
pub fn abbreviations(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !c.is_alphanumeric())
        // A plural ("ABCs") is its abbreviation ("ABC").
        .map(|word| match word.strip_suffix('s') {
            Some(singular) if is_abbreviation(singular) => singular,
            _ => word,
        })
        .filter(|word| is_abbreviation(word))
        .map(str::to_lowercase)
}

/// A word in capitals, which may end in digits ("UN", "G20").
fn is_abbreviation(word: &str) -> bool {
    (2..=8).contains(&word.chars().count())
        && word.starts_with(|c: char| c.is_ascii_uppercase())
        && word
            .chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
}

/// Whether `text` has a run of words whose initials spell `abbreviation` (folded): "International
/// Centre for River Studies" spells out "icrs". A small word ("for", "the") is passed over, and a
/// word that is itself an abbreviation ("UN") gives all its letters. Some expansions take a small word's
/// initial too, but letting every small word give one spells abbreviations out of plain phrases.
pub fn spells_out(abbreviation: &str, text: &str) -> bool {
    let letters: Vec<char> = abbreviation.chars().collect();
    let words: Vec<&str> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    (0..words.len()).any(|start| spells_from(&letters, &words[start..], 0))
}

/// Whether the words from the first spell the letters, with `used` words given so far; a run of one
/// word is the abbreviation itself, not its expansion.
fn spells_from(letters: &[char], words: &[&str], used: usize) -> bool {
    let Some((word, rest)) = words.split_first() else {
        return false;
    };
    let folded = word.to_lowercase();
    let small = Lexicon::builtin().is_stop_word(&folded);
    // A word written as an abbreviation gives all its letters, and so does a number (the "20" of
    // "Group of 20"); any other word its initial.
    let given: Vec<char> = if is_abbreviation(word) || word.chars().all(|c| c.is_ascii_digit()) {
        folded.chars().collect()
    } else {
        folded.chars().take(1).collect()
    };
    if !small && letters.starts_with(&given) && !given.is_empty() {
        let left = &letters[given.len()..];
        if left.is_empty() && used + 1 >= 2 || !left.is_empty() && spells_from(left, rest, used + 1)
        {
            return true;
        }
    }
    // A small word may be passed over, but a run does not start with one.
    small && used > 0 && spells_from(letters, rest, used)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_run_of_initials_spells_out_an_abbreviation() {
        assert!(spells_out(
            "icrs",
            "The ICRS is the International Centre for River Studies."
        ));
        assert!(spells_out("par", "PAR stands for protected Andean rivers."));
        // "UN" gives its two letters.
        assert!(spells_out("unmp", "the UN mission for Peru"));
        assert!(spells_out("ngo", "a non-governmental organisation"));
    }

    #[test]
    fn a_text_that_only_uses_an_abbreviation_does_not_spell_it_out() {
        assert!(!spells_out(
            "abcde",
            "ABCDE is the UN-led operation in the Andes; the forum is part of a project on it."
        ));
        // A small word gives no letter: "in" is passed over.
        assert!(!spells_out("unmip", "UNMIP is the UN mission in Peru."));
        // The abbreviation alone is no expansion of itself.
        assert!(!spells_out("un", "The UN sent a mission."));
        assert!(!spells_out("pa", "a plan near the rivers"));
    }

    #[test]
    fn an_abbreviation_with_digits_is_spelled_out_only_with_its_number() {
        assert!(spells_out("g20", "the Group of 20 major economies"));
        assert!(!spells_out("p5", "the permanent members of the Council"));
        assert_eq!(
            abbreviations("the P5 and G20").collect::<Vec<_>>(),
            ["p5", "g20"]
        );
    }

    #[test]
    fn abbreviations_are_words_in_capitals() {
        let found: Vec<String> =
            abbreviations("The UN and the ABCDEs in Peru, a US ally.").collect();
        assert_eq!(found, ["un", "abcde", "us"]);
    }
}
