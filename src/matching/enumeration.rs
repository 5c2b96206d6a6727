//! Questions that ask for the names of things of a kind: "which companies operate there?", "what natural
//! resources does it have?". A text that only mentions such things ("an attack on companies") does not
//! answer them; one that names them ("companies such as Acme") does. The kinds with names of their own
//! (organisations, places, natural resources, attacks) come from the `WordNet` lexical database, in
//! `reference/named-kinds.txt` as built by `tools/wordnet_named_kinds.py`. "What interests does it
//! protect?" asks no names: interests have none, and a text that speaks of them answers it.

use std::sync::OnceLock;

use rustc_hash::FxHashSet;

use crate::lexicon::Lexicon;

const NAMED_KINDS: &str = include_str!("../../reference/named-kinds.txt");

fn named_kinds() -> &'static FxHashSet<&'static str> {
    static KINDS: OnceLock<FxHashSet<&'static str>> = OnceLock::new();
    KINDS.get_or_init(|| {
        NAMED_KINDS
            .lines()
            .filter(|line| !line.starts_with('#'))
            .chain(Lexicon::builtin().named_kinds.iter().map(String::as_str))
            .collect()
    })
}

/// The words a question opening "which" or "what" names a kind by, in the plural ("which Peruvian
/// companies", "what think tanks"), when that kind has names of its own; `None` otherwise.
pub fn kind_asked(words: &[String]) -> Option<Vec<String>> {
    kind_asked_by_name(words).or_else(|| kind_asked_which(words))
}

/// The openers that ask for the names of a kind ("who are the ...").
const BY_NAME: [&[&str]; 5] = [
    &["who", "are", "the"],
    &["who", "were", "the"],
    &["name", "the"],
    &["list", "the"],
    &["names", "of", "the"],
];

/// "Who are the five founding members of the league?", "name the partners": asking who they are asks
/// for their names, whatever the kind. The kind is the first plural after the opener (up to two words
/// that say which ones and a number may come before it), and nothing may follow it but a place or a
/// body it belongs to ("of the league", "in Peru") or a clause saying which ones ("that left"): "who are
/// the rangers protecting?" asks something else.
fn kind_asked_by_name(words: &[String]) -> Option<Vec<String>> {
    let lexicon = Lexicon::builtin();
    let opener = BY_NAME.iter().find(|opener| {
        words
            .iter()
            .map(String::as_str)
            .take(opener.len())
            .eq(opener.iter().copied())
    })?;
    let rest = &words[opener.len()..];
    let plural = |word: &str| word.len() > 3 && word.ends_with('s') && !word.ends_with("ss");
    let at = rest
        .iter()
        .take(4)
        .position(|word| plural(word) && !lexicon.is_stop_word(word))?;
    let before_ok = rest[..at]
        .iter()
        .all(|word| !lexicon.is_stop_word(word) || word.chars().all(|c| c.is_ascii_digit()));
    // A clause saying which ones ("name the partners that left") asks for their names too.
    let after_ok = rest.get(at + 1).is_none_or(|next| {
        matches!(
            next.as_str(),
            "of" | "in" | "at" | "on" | "from" | "that" | "which" | "who" | "whom"
        )
    });
    (before_ok && after_ok).then(|| vec![rest[at].clone()])
}

fn kind_asked_which(words: &[String]) -> Option<Vec<String>> {
    let lexicon = Lexicon::builtin();
    let at = words
        .iter()
        .position(|word| matches!(word.as_str(), "which" | "what"))?;
    let mut rest = &words[at + 1..];
    if rest.first().is_some_and(|word| word == "other") {
        rest = &rest[1..];
    }
    // Up to two words that say which ones ("Peruvian", "natural") before the kind's own noun.
    let plural = |word: &str| word.ends_with('s') && !word.ends_with("ss");
    for at in 0..rest.len().min(3) {
        let word = &rest[at];
        // A kind of two words ("think tanks") may open with a stop word.
        if let Some(next) = rest.get(at + 1).filter(|next| plural(next)) {
            if named_kinds().contains(format!("{word} {next}").as_str()) {
                return Some(vec![word.clone(), next.clone()]);
            }
        }
        if lexicon.is_stop_word(word) {
            return None;
        }
        if plural(word) {
            return named_kinds()
                .contains(word.as_str())
                .then(|| vec![word.clone()]);
        }
    }
    None
}

/// Whether a text names one of a kind where it speaks of the kind: a word in capitals near the kind's
/// noun ("the UNMIP mission", "companies such as Acme") that `known` does not rule out (a word of the
/// question, or of the event itself, names no new one), or a list the noun opens ("resources: oil, ...").
/// `same` says whether a word of the text is a form of the kind's noun.
pub fn names_one(text: &str, same: impl Fn(&str) -> bool, known: impl Fn(&str) -> bool) -> bool {
    for sentence in text.split(['.', ';', '?', '!']) {
        let words: Vec<&str> = sentence
            .split(|c: char| c.is_whitespace() || matches!(c, ',' | '(' | ')' | '"'))
            .filter(|w| !w.is_empty())
            .collect();
        for (at, word) in words.iter().enumerate() {
            let bare = word.trim_matches(|c: char| !c.is_alphanumeric());
            if !same(&bare.to_lowercase()) {
                continue;
            }
            if word.ends_with(':') || sentence.contains(&format!("{bare} (")) {
                return true;
            }
            let after = words.get(at + 1..).unwrap_or_default();
            if after.first().is_some_and(|next| {
                matches!(
                    next.to_lowercase().as_str(),
                    "including" | "namely" | "like"
                )
            }) || after.len() >= 2 && after[0] == "such" && after[1] == "as"
            {
                return true;
            }
            let near = words[at.saturating_sub(2)..at]
                .iter()
                .chain(after.iter().take(8))
                .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()));
            // The sentence's first word is in capitals whatever it is.
            let first = words.first().copied().unwrap_or_default();
            if near
                .filter(|w| *w != first.trim_matches(|c: char| !c.is_alphanumeric()))
                // An abbreviation in brackets ("the River Authority (RA)") shortens a name given just
                // before it, not a new one.
                .filter(|w| !sentence.contains(&format!("({w})")))
                .any(|w| {
                    w.chars().next().is_some_and(char::is_uppercase)
                        && !known(&w.trim_end_matches("'s").to_lowercase())
                })
            {
                return true;
            }
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(s: &str) -> Vec<String> {
        s.split(' ').map(str::to_string).collect()
    }

    #[test]
    fn a_kind_with_names_is_asked_for_by_which_and_its_plural() {
        assert_eq!(
            kind_asked(&words("which peruvian companies operate there")),
            Some(words("companies"))
        );
        assert_eq!(
            kind_asked(&words("which think tanks did they meet")),
            Some(words("think tanks"))
        );
        assert_eq!(
            kind_asked(&words("what other countries sent rangers")),
            Some(words("countries"))
        );
        // Interests and reasons have no names; a singular asks for one thing; "what does" asks no kind.
        for q in [
            "what interests does peru protect",
            "which reasons were given",
            "which country was the focus",
            "what does the forum study",
        ] {
            assert_eq!(kind_asked(&words(q)), None, "{q}");
        }
    }

    #[test]
    fn a_text_names_one_of_a_kind_only_beside_its_noun() {
        let companies = |w: &str| w.starts_with("compan");
        let known = |w: &str| matches!(w, "peru" | "peruvian");
        assert!(!names_one(
            "An attack on Peruvian companies or civilians might change that.",
            companies,
            known
        ));
        assert!(names_one(
            "Peruvian companies such as Acme are there.",
            companies,
            known
        ));
        assert!(names_one(
            "Firms and companies from Chile invest there.",
            companies,
            known
        ));
        // A name far from the noun, or only at the sentence's start, names none.
        assert!(!names_one(
            "Lima thinks that in the long run companies will come and invest in the rivers and hills.",
            companies,
            known
        ));
    }

    #[test]
    fn asking_who_they_are_asks_for_their_names() {
        assert_eq!(
            kind_asked(&words("who are the five founding members of the league")),
            Some(vec!["members".to_string()])
        );
        assert_eq!(
            kind_asked(&words("name the partners")),
            Some(vec!["partners".to_string()])
        );
        // Asking what they do is not asking for names.
        assert_eq!(kind_asked(&words("who are the rangers protecting")), None);
    }

    #[test]
    fn an_abbreviation_in_brackets_names_no_new_one() {
        let known = |w: &str| ["river", "authority"].contains(&w);
        assert!(!names_one(
            "the founding members of the River Authority (RA) agreed",
            |w| w == "members",
            known
        ));
    }
}
