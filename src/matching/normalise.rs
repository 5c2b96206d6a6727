//! From text to the tokens the index is keyed by: the same steps for questions and for knowledge.
//!
//! 1. Fold: Unicode compatibility decomposition, accents dropped, lower case, curly quotes straightened.
//! 2. Split into words: letters and digits; "Ada's" loses its "'s", "13th" splits into "13" and "th".
//! 3. (Questions only) correct typos against the known vocabulary, see [`super::speller`].
//! 4. Stem each word (Snowball English), so "gardeners" and "gardener" meet.
//! 5. Replace phrases, longest first, by their canonical token: synonyms ("wrap up" -> "end") and question
//!    intents ("what time" -> "#when").
//! 6. Drop stop words, then duplicates.

use rustc_hash::{FxHashMap, FxHashSet};

use rust_stemmers::{Algorithm, Stemmer};
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

use crate::lexicon::Lexicon;

/// One word of the input after folding, with where a correction came from.
#[derive(Debug, Clone, PartialEq)]
pub struct Word {
    /// The word as it will be stemmed (after any typo correction).
    pub text: String,
    /// The word as typed (folded), when a correction replaced it.
    pub typed: Option<String>,
    /// 1.0 for a word as typed; less for a corrected one.
    pub similarity: f32,
}

/// One normalised token: a stem, a canonical synonym, or an intent such as `#when`.
#[derive(Debug, Clone, PartialEq)]
pub struct Token {
    pub text: String,
    /// The words it came from, as typed (folded); empty for knowledge text read in bulk (see
    /// [`Normaliser::tokens_of_plain_words`]).
    pub source: String,
    /// The lowest similarity of the words it came from (1.0 if none was corrected).
    pub similarity: f32,
}

/// Lower-cases, drops accents and straightens quotes.
pub fn fold(text: &str) -> String {
    // ASCII has nothing to decompose and no curly quotes: lower case and the backtick are all there is, and
    // most knowledge and most questions are ASCII.
    if text.is_ascii() {
        return text
            .bytes()
            .map(|b| {
                if b == b'`' {
                    '\''
                } else {
                    char::from(b.to_ascii_lowercase())
                }
            })
            .collect();
    }
    text.nfkd()
        .filter(|c| !is_combining_mark(*c))
        .map(|c| match c {
            '\u{2018}' | '\u{2019}' | '\u{02bc}' | '`' | '\u{00b4}' => '\'',
            _ => c,
        })
        .flat_map(char::to_lowercase)
        .collect()
}

/// Splits folded text into words. Possessive "'s" goes; other apostrophes are removed ("don't" -> "dont");
/// letters and digits split apart ("13th" -> "13", "th"; "2pm" -> "2", "pm").
pub fn split_words(folded: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut current = String::new();
    // The last character of `current`, kept since knowledge texts are split by the hundred thousand words.
    let mut last: Option<char> = None;
    let flush = |current: &mut String, words: &mut Vec<String>| {
        if current.is_empty() {
            return;
        }
        let mut word = std::mem::take(current);
        if word.ends_with("'s") {
            word.truncate(word.len() - 2);
        }
        if word.contains('\'') {
            word.retain(|c| c != '\'');
        }
        if !word.is_empty() {
            words.push(word);
        }
    };
    let mut chars = folded.chars().peekable();
    while let Some(c) = chars.next() {
        if c.is_alphanumeric() {
            let boundary = last
                .is_some_and(|last| last != '\'' && last.is_ascii_digit() != c.is_ascii_digit());
            if boundary {
                flush(&mut current, &mut words);
            }
            current.push(c);
            last = Some(c);
        } else if c == '\''
            && !current.is_empty()
            && chars.peek().is_some_and(|n| n.is_alphabetic())
        {
            current.push(c);
            last = Some(c);
        } else {
            flush(&mut current, &mut words);
            last = None;
        }
    }
    flush(&mut current, &mut words);
    words
}

/// Stems already computed, for one pass over a lot of text with a small vocabulary (building an index).
#[derive(Debug, Default)]
pub struct StemCache {
    stems: FxHashMap<String, String>,
}

impl StemCache {
    /// Adds the stems another cache holds: a word's stem is the same whichever cache computed it.
    pub fn extend(&mut self, other: StemCache) {
        self.stems.extend(other.stems);
    }

    /// Whether a word's stem is cached.
    pub fn has(&self, word: &str) -> bool {
        self.stems.contains_key(word)
    }

    pub fn stem(&mut self, normaliser: &Normaliser, word: &str) -> String {
        if let Some(stem) = self.stems.get(word) {
            return stem.clone();
        }
        let stem = normaliser.stem(word);
        self.stems.insert(word.to_string(), stem.clone());
        stem
    }
}

/// A clause of a question, and whether it ends with a question mark (the part that asks).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Clause<'a> {
    pub text: &'a str,
    pub asks: bool,
}

/// Splits folded text into clauses at sentence and clause punctuation followed by a space (or the end), so
/// "14:00" and "30.04" stay whole.
pub fn split_clauses(folded: &str) -> Vec<Clause<'_>> {
    let mut clauses = Vec::new();
    let mut start = 0;
    let mut chars = folded.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let next_is_space = chars.peek().is_none_or(|(_, n)| n.is_whitespace());
        // A dash between spaces ("I had to leave early - what did they say ...") ends a clause too.
        let dash = matches!(c, '-' | '\u{2013}' | '\u{2014}')
            && i > 0
            && folded[..i].ends_with(' ')
            && next_is_space;
        if c == '\n' || dash || (matches!(c, '.' | '?' | '!' | ';' | ':' | ',') && next_is_space) {
            clauses.push(Clause {
                text: &folded[start..i],
                asks: c == '?',
            });
            start = i + c.len_utf8();
        }
    }
    clauses.push(Clause {
        text: &folded[start..],
        asks: false,
    });
    clauses.retain(|c| c.text.chars().any(char::is_alphanumeric));
    clauses
}

/// A word written in capitals throughout, two letters or more: "US", "UN".
fn is_acronym(word: &str) -> bool {
    word.chars().count() >= 2 && word.chars().all(|c| c.is_ascii_uppercase())
}

/// The canonical token of a stop phrase: the phrase is dropped.
const DROP: &str = "";

/// A phrase and the token it becomes. `parts` are its words as written, or their stems.
struct Phrase {
    parts: Vec<String>,
    canonical: String,
}

/// One phrase of a synonym group or an intent, as written and as stemmed.
struct Entry {
    words: Vec<String>,
    stems: Vec<String>,
    canonical: String,
}

/// Phrases by their first part, longest first.
type PhraseTable = FxHashMap<String, Vec<Phrase>>;

fn table(entries: impl Iterator<Item = (Vec<String>, String)>) -> PhraseTable {
    // Later entries replace earlier ones for the same phrase.
    let mut unique: FxHashMap<Vec<String>, String> = FxHashMap::default();
    for (parts, canonical) in entries {
        unique.insert(parts, canonical);
    }
    let mut table: PhraseTable = FxHashMap::default();
    for (parts, canonical) in unique {
        table
            .entry(parts[0].clone())
            .or_default()
            .push(Phrase { parts, canonical });
    }
    for list in table.values_mut() {
        list.sort_by(|a, b| {
            b.parts
                .len()
                .cmp(&a.parts.len())
                .then_with(|| a.parts.cmp(&b.parts))
        });
    }
    table
}

/// The longest phrase of `table` that `parts` start with at `i`.
fn longest<'t, S: AsRef<str>>(table: &'t PhraseTable, parts: &[S], i: usize) -> Option<&'t Phrase> {
    table.get(parts[i].as_ref()).and_then(|list| {
        list.iter().find(|p| {
            parts.len() >= i + p.parts.len()
                && parts[i..i + p.parts.len()]
                    .iter()
                    .zip(&p.parts)
                    .all(|(a, b)| a.as_ref() == b)
        })
    })
}

/// Turns text into tokens. Built once per knowledge base (its synonyms extend the built-in ones).
pub struct Normaliser {
    stemmer: Stemmer,
    stop_words: FxHashSet<String>,
    /// The stems of the stop words: another form of one ("discussions", "talking") says as little.
    stop_stems: FxHashSet<String>,
    /// Phrases by their words as written: these win, so that "organised" (a host) and "organisation" (an
    /// institution), which stem alike, stay apart.
    exact: PhraseTable,
    /// Phrases by their stems, for inflections the groups do not list.
    phrases: PhraseTable,
    /// The canonical tokens of the synonym groups: the concepts the lexicon itself names.
    concepts: FxHashSet<String>,
    /// Acronyms that a group writes in capitals and that fold to a stop word ("US"), by their folded form,
    /// with the group's first phrase: such an acronym is read only where a question writes it in capitals
    /// (see [`Normaliser::expand_acronyms`]), since everywhere else the word is the stop word.
    acronyms: FxHashMap<String, String>,
    /// The stems of every word the knowledge and the lexicon use, computed while building the index: a
    /// question's words are mostly among them, and a lookup costs a fraction of running the stemmer.
    known_stems: StemCache,
}

impl std::fmt::Debug for Normaliser {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Normaliser")
            .field("stop_words", &self.stop_words.len())
            .field(
                "phrases",
                &self.phrases.values().map(Vec::len).sum::<usize>(),
            )
            .finish_non_exhaustive()
    }
}

impl Normaliser {
    /// A normaliser with the built-in lexicon and the given extra synonym groups (first word canonical).
    /// Extra groups win over built-in ones where they share a phrase.
    pub fn new(lexicon: &Lexicon, extra_synonyms: &[Vec<String>]) -> Self {
        let mut normaliser = Normaliser {
            stemmer: Stemmer::create(Algorithm::English),
            stop_words: lexicon.stop_words.iter().map(|w| fold(w)).collect(),
            stop_stems: FxHashSet::default(),
            exact: FxHashMap::default(),
            phrases: FxHashMap::default(),
            concepts: FxHashSet::default(),
            acronyms: FxHashMap::default(),
            known_stems: StemCache::default(),
        };
        // Later insertions replace earlier ones for the same phrase, so the order is: built-in synonyms,
        // then intents (a question phrase reads as a question), then the knowledge's own synonyms.
        normaliser.stop_stems = normaliser
            .stop_words
            .iter()
            .map(|w| normaliser.stemmer.stem(w).into_owned())
            .collect();
        let mut entries: Vec<Entry> = Vec::new();
        for group in &lexicon.synonyms {
            normaliser.add_group(group, None, &mut entries);
        }
        for (intent, cues) in lexicon.intent_cues() {
            normaliser.add_group(cues, Some(intent.token()), &mut entries);
        }
        // Stop phrases last among the built-in entries: "when it comes to" must not read as "when".
        normaliser.add_group(&lexicon.stop_phrases, Some(DROP.to_string()), &mut entries);
        for group in extra_synonyms {
            normaliser.add_group(group, None, &mut entries);
        }
        normaliser.exact = table(
            entries
                .iter()
                .map(|e| (e.words.clone(), e.canonical.clone())),
        );
        normaliser.concepts = lexicon
            .synonyms
            .iter()
            .chain(extra_synonyms)
            .filter_map(|group| group.first())
            .map(|first| normaliser.stems_of(first).join("_"))
            .collect();
        normaliser.phrases = table(entries.into_iter().map(|e| (e.stems, e.canonical)));
        normaliser
    }

    /// Whether a token is the canonical token of a synonym group: a concept the lexicon names ("parking"),
    /// which means that concept and nothing merely related to it.
    pub fn is_concept(&self, token: &str) -> bool {
        self.concepts.contains(token)
    }

    fn add_group(&mut self, group: &[String], canonical: Option<String>, entries: &mut Vec<Entry>) {
        let Some(first) = group.first() else { return };
        let canonical = canonical.unwrap_or_else(|| self.stems_of(first).join("_"));
        for phrase in group {
            if is_acronym(phrase) && self.is_stop_word(&fold(phrase)) {
                self.acronyms.insert(fold(phrase), first.clone());
                continue;
            }
            let words = split_words(&fold(phrase));
            if !words.is_empty() {
                let stems = words.iter().map(|w| self.stem(w)).collect();
                entries.push(Entry {
                    words,
                    stems,
                    canonical: canonical.clone(),
                });
            }
        }
    }

    /// The stems of a phrase's words, without phrase replacement or stop-word removal.
    fn stems_of(&self, text: &str) -> Vec<String> {
        split_words(&fold(text))
            .iter()
            .map(|w| self.stem(w))
            .collect()
    }

    /// Keeps the stems computed while building, so that questions look their words up instead.
    pub fn keep_stems(&mut self, stems: StemCache) {
        self.known_stems = stems;
    }

    pub fn stem(&self, word: &str) -> String {
        if let Some(stem) = self.known_stems.stems.get(word) {
            stem.clone()
        } else if word.chars().all(|c| c.is_ascii_digit()) {
            word.to_string()
        } else {
            self.stemmer.stem(word).into_owned()
        }
    }

    pub fn is_stop_word(&self, word: &str) -> bool {
        self.stop_words.contains(word)
    }

    /// Whether a stem is that of a stop word: the word it came from is another form of one
    /// ("discussions", "talking"), which names no subject of its own.
    pub fn is_stop_stem(&self, stem: &str) -> bool {
        self.stop_stems.contains(stem)
    }

    /// The text with each acronym a synonym group knows, written in capitals in a question that is not
    /// all capitals ("what did they say about the US?"), replaced by the group's first phrase ("United
    /// States"): folded, it would be a stop word ("us"). A question in capitals throughout says nothing
    /// by its case, so it is left as it is.
    pub fn expand_acronyms<'t>(&self, text: &'t str) -> std::borrow::Cow<'t, str> {
        if self.acronyms.is_empty() || !text.chars().any(char::is_lowercase) {
            return std::borrow::Cow::Borrowed(text);
        }
        let mut out = String::with_capacity(text.len());
        let mut changed = false;
        let mut rest = text;
        while let Some(start) = rest.find(|c: char| c.is_alphanumeric()) {
            out.push_str(&rest[..start]);
            rest = &rest[start..];
            let end = rest
                .find(|c: char| !c.is_alphanumeric())
                .unwrap_or(rest.len());
            let word = &rest[..end];
            match self.acronyms.get(&fold(word)).filter(|_| is_acronym(word)) {
                Some(phrase) => {
                    out.push_str(phrase);
                    changed = true;
                }
                None => out.push_str(word),
            }
            rest = &rest[end..];
        }
        out.push_str(rest);
        if changed {
            std::borrow::Cow::Owned(out)
        } else {
            std::borrow::Cow::Borrowed(text)
        }
    }

    /// Tokens of knowledge text: no typo correction.
    pub fn tokens(&self, text: &str) -> Vec<Token> {
        let words: Vec<Word> = split_words(&fold(text))
            .into_iter()
            .map(|text| Word {
                text,
                typed: None,
                similarity: 1.0,
            })
            .collect();
        self.tokens_of_words(&words)
    }

    /// Tokens of knowledge text already split into words, stemming through `cache`. Only their texts are
    /// read from knowledge, so [`Token::source`] is left empty: a large programme has hundreds of thousands
    /// of tokens, and joining their words would be most of the work of reading them.
    pub fn tokens_of_plain_words(&self, words: &[String], cache: &mut StemCache) -> Vec<Token> {
        for word in words {
            if !cache.has(word) {
                cache.stem(self, word);
            }
        }
        let stems: Vec<&str> = words
            .iter()
            .map(|w| cache.stems.get(w.as_str()).map_or("", String::as_str))
            .collect();
        self.tokens_of_stems(words, &stems, None)
    }

    /// Stems, replaces phrases, and drops stop words and duplicates.
    pub fn tokens_of_words(&self, words: &[Word]) -> Vec<Token> {
        let stems: Vec<String> = words.iter().map(|w| self.stem(&w.text)).collect();
        let texts: Vec<String> = words.iter().map(|w| w.text.clone()).collect();
        self.tokens_of_stems(&texts, &stems, Some(words))
    }

    /// The tokens of words (`texts`, as they are stemmed) and their `stems`; `read` has what was typed and
    /// how sure each correction is, for a question's words, and is `None` for knowledge text, where every
    /// word is as written.
    fn tokens_of_stems<S: AsRef<str>>(
        &self,
        texts: &[String],
        stems: &[S],
        read: Option<&[Word]>,
    ) -> Vec<Token> {
        let mut tokens: Vec<Token> = Vec::new();
        // Where each token's text is, once there are enough tokens that looking them up beats reading them
        // all: a long abstract has hundreds.
        let mut at: FxHashMap<String, usize> = FxHashMap::default();
        let mut i = 0;
        while i < texts.len() {
            // The longer match wins; at equal length, the phrase as written beats the stemmed one.
            let phrase = match (
                longest(&self.exact, texts, i),
                longest(&self.phrases, stems, i),
            ) {
                (Some(e), Some(s)) if s.parts.len() > e.parts.len() => Some(s),
                (Some(e), _) => Some(e),
                // A stop word is no other word that stems alike: "what's it like" asks nothing about
                // being liked, and "worked closely" nothing about closing.
                (None, Some(s)) if s.parts.len() == 1 && self.is_stop_word(&texts[i]) => None,
                (None, s) => s,
            };
            let (text, len) = match phrase {
                Some(p) if p.canonical == DROP => {
                    i += p.parts.len();
                    continue;
                }
                Some(p) => (p.canonical.clone(), p.parts.len()),
                None if self.is_stop_word(&texts[i]) => {
                    i += 1;
                    continue;
                }
                None => (stems[i].as_ref().to_string(), 1),
            };
            let (source, similarity) = match read {
                Some(words) => {
                    let span = &words[i..i + len];
                    let source = span
                        .iter()
                        .map(|w| w.typed.as_deref().unwrap_or(&w.text))
                        .collect::<Vec<_>>()
                        .join(" ");
                    // A phrase is as sure as its least sure word, not counting stop words: "wat date" is
                    // a sure "what date" however unsure the correction of "wat".
                    let content: Vec<f32> = span
                        .iter()
                        .filter(|w| !self.is_stop_word(&w.text))
                        .map(|w| w.similarity)
                        .collect();
                    let similarity = if content.is_empty() {
                        span.iter().map(|w| w.similarity).fold(1.0_f32, f32::min)
                    } else {
                        content.into_iter().fold(1.0_f32, f32::min)
                    };
                    (source, similarity)
                }
                None => (String::new(), 1.0),
            };
            let existing = if tokens.len() < LOOKUP_FROM {
                tokens.iter().position(|t| t.text == text)
            } else {
                if at.is_empty() {
                    at.extend(tokens.iter().enumerate().map(|(n, t)| (t.text.clone(), n)));
                }
                at.get(&text).copied()
            };
            if let Some(n) = existing {
                tokens[n].similarity = tokens[n].similarity.max(similarity);
            } else {
                if !at.is_empty() {
                    at.insert(text.clone(), tokens.len());
                }
                tokens.push(Token {
                    text,
                    source,
                    similarity,
                });
            }
            i += len;
        }
        tokens
    }
}

/// How many tokens a text has before its duplicates are found by lookup rather than by reading them all.
const LOOKUP_FROM: usize = 24;

#[cfg(test)]
mod tests {
    use super::*;

    fn normaliser() -> Normaliser {
        Normaliser::new(
            Lexicon::builtin(),
            &[vec![
                "machine learning".to_string(),
                "ML".to_string(),
                "machine-learning".to_string(),
            ]],
        )
    }

    fn texts(tokens: &[Token]) -> Vec<&str> {
        tokens.iter().map(|t| t.text.as_str()).collect()
    }

    #[test]
    fn fold_drops_accents_case_and_curly_quotes() {
        assert_eq!(fold("Café ÉCOLE’s"), "cafe ecole's");
        assert_eq!(fold("ﬁne"), "fine");
    }

    #[test]
    fn split_handles_possessives_contractions_and_digits() {
        assert_eq!(split_words("ada's role"), vec!["ada", "role"]);
        assert_eq!(split_words("don't"), vec!["dont"]);
        assert_eq!(
            split_words("the 13th at 2pm"),
            vec!["the", "13", "th", "at", "2", "pm"]
        );
        assert_eq!(
            split_words("machine-learning, ml/ai"),
            vec!["machine", "learning", "ml", "ai"]
        );
        assert_eq!(split_words("'quoted' words'"), vec!["quoted", "words"]);
        assert!(split_words("👍 ?!").is_empty());
    }

    #[test]
    fn clauses_split_at_punctuation_but_not_inside_times() {
        let texts = |s| {
            split_clauses(s)
                .into_iter()
                .map(|c| c.text)
                .collect::<Vec<_>>()
        };
        assert_eq!(
            texts("when's it over, i have a train to catch"),
            vec!["when's it over", " i have a train to catch"]
        );
        assert_eq!(
            texts("is it at 14:00? or 14.30."),
            vec!["is it at 14:00", " or 14.30"]
        );
        assert!(texts("?!").is_empty());
        let asks: Vec<bool> = split_clauses("hi, when is it? thanks")
            .iter()
            .map(|c| c.asks)
            .collect();
        assert_eq!(asks, vec![false, true, false]);
    }

    #[test]
    fn stop_words_go_and_stems_meet() {
        let n = normaliser();
        assert_eq!(
            texts(&n.tokens("the gardeners")),
            texts(&n.tokens("gardener"))
        );
        assert!(n.tokens("hey, ok cool").is_empty());
    }

    #[test]
    fn phrases_become_canonical_tokens_longest_first() {
        let n = normaliser();
        assert_eq!(
            texts(&n.tokens("What time does it wrap up?")),
            vec!["#when", "end"]
        );
        assert_eq!(
            texts(&n.tokens("Machine-learning and ML")),
            vec!["machin_learn"]
        );
        // "what time is it" (the clock) is longer than "what time" (the event's time) and wins.
        assert_eq!(
            texts(&n.tokens("what time is it in lima")),
            vec!["#clock", "lima"]
        );
        assert_eq!(
            texts(&n.tokens("how much time do i have till it begins")),
            vec!["#when", "start"]
        );
    }

    #[test]
    fn stop_phrases_are_dropped_whole() {
        let n = normaliser();
        assert_eq!(
            texts(&n.tokens("what worries them when it comes to rivers")),
            vec!["fear", "river"]
        );
        assert_eq!(texts(&n.tokens("could they end up in lima")), vec!["lima"]);
    }

    #[test]
    fn words_that_stem_alike_keep_their_own_synonyms() {
        let n = normaliser();
        // "organised" and "organisation" both stem to "organis", but belong to different groups.
        assert_eq!(texts(&n.tokens("organised")), vec!["host"]);
        assert_eq!(texts(&n.tokens("organisation")), vec!["organis"]);
        // An inflection no group lists still finds its group by stem.
        assert_eq!(texts(&n.tokens("kicking off")), vec!["start"]);
    }

    #[test]
    fn an_acronym_in_capitals_is_not_the_stop_word_it_folds_to() {
        let n = Normaliser::new(
            Lexicon::builtin(),
            &[vec!["United States".to_string(), "US".to_string()]],
        );
        let read = |q: &str| texts(&n.tokens(&n.expand_acronyms(q))).join(" ");
        assert_eq!(read("what about the US?"), "unit_state");
        // Lower case, or a question in capitals throughout, says nothing by its case: "us" is the pronoun.
        assert_eq!(read("can you tell us"), "");
        assert_eq!(read("TELL US MORE"), "");
        // The acronym is never read where it is the pronoun, even if a group lists it.
        assert!(n.tokens("tell us").is_empty());
    }

    #[test]
    fn duplicates_collapse() {
        let n = normaliser();
        assert_eq!(texts(&n.tokens("start, begin, kick off")), vec!["start"]);
    }
}
