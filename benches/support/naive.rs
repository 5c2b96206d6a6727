//! The baseline the index is measured against: a matcher with no index at all, which compares every word of
//! a question with every keyword and title word of every session and speaker.
//!
//! It is what one would write first: for each entry, each question word counts with its best
//! `strsim::normalized_damerau_levenshtein` similarity to the entry's words (if close enough to be a typo),
//! and the entry with the highest total wins. The entries' words are split once up front, so the benchmark
//! measures the scoring, which is the part that grows with the knowledge.

use usher::knowledge::Knowledge;

/// A similarity below this is a different word, not a typo of it.
const CLOSE_ENOUGH: f64 = 0.75;
/// Words shorter than this ("is", "on") say nothing about the entry.
const MIN_LEN: usize = 3;

pub struct NaiveMatcher {
    entries: Vec<Entry>,
}

struct Entry {
    key: String,
    words: Vec<String>,
}

impl NaiveMatcher {
    pub fn new(knowledge: &Knowledge) -> Self {
        let mut entries = Vec::new();
        for s in knowledge.sessions() {
            let texts = std::iter::once(&s.title)
                .chain(&s.keywords)
                .chain(&s.themes);
            entries.push(Entry {
                key: format!("session.{}", s.id),
                words: texts.flat_map(|t| words(t)).collect(),
            });
        }
        for s in knowledge.speakers() {
            let texts = std::iter::once(&s.name).chain(&s.keywords).chain(&s.themes);
            entries.push(Entry {
                key: format!("speaker.{}", s.id),
                words: texts.flat_map(|t| words(t)).collect(),
            });
        }
        NaiveMatcher { entries }
    }

    pub fn entry_count(&self) -> usize {
        self.entries.len()
    }

    pub fn word_count(&self) -> usize {
        self.entries.iter().map(|e| e.words.len()).sum()
    }

    /// The best entry's key and score, if any question word is close to any entry word.
    pub fn answer(&self, question: &str) -> Option<(&str, f64)> {
        let asked = words(question);
        let mut best: Option<(&str, f64)> = None;
        for entry in &self.entries {
            let score: f64 = asked
                .iter()
                .map(|q| {
                    entry
                        .words
                        .iter()
                        .map(|w| strsim::normalized_damerau_levenshtein(q, w))
                        .fold(0.0, f64::max)
                })
                .filter(|&similarity| similarity >= CLOSE_ENOUGH)
                .sum();
            if score > 0.0 && best.is_none_or(|(_, b)| score > b) {
                best = Some((&entry.key, score));
            }
        }
        best
    }
}

/// Lower-case words of letters and digits, at least [`MIN_LEN`] long.
fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().count() >= MIN_LEN)
        .map(str::to_lowercase)
        .collect()
}
