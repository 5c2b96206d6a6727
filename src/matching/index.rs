//! The inverted index: for every term, the topics it appears in and how much it counts there.
//!
//! Looking a question up costs one hash lookup per question token plus the postings of the terms found, so
//! a question is answered in about the same time whether the event has twenty topics or twenty thousand.

use std::collections::HashMap;

use crate::knowledge::Knowledge;

use super::lexicon::{Intent, Lexicon};
use super::normalise::{Normaliser, fold, split_words};
use super::speller::Speller;
use super::topics::{Topic, context_texts, topics};

/// How much a word inside a phrase counts, relative to the phrase.
const COMPONENT_WEIGHT: f32 = 0.6;
/// Words of a phrase shorter than this do not count on their own ("un" and "unit" are too ambiguous).
const COMPONENT_MIN_LEN: usize = 5;

pub type TermId = u32;
pub type TopicId = u32;

#[derive(Debug)]
pub struct Index {
    pub(crate) normaliser: Normaliser,
    pub(crate) speller: Speller,
    terms: HashMap<String, TermId>,
    term_texts: Vec<String>,
    /// Per term: (topic, weight of the term in that topic), one entry per topic.
    postings: Vec<Vec<(TopicId, f32)>>,
    /// Per term: how rare it is across topics, 0..1 (1 = in one topic only).
    idf: Vec<f32>,
    /// Per term: how much of it every topic covers because it names the event (0 for ordinary words).
    context: Vec<f32>,
    pub(crate) topics: Vec<Topic>,
    /// Per topic: how many terms (not intents) it is matched by.
    own_terms: Vec<usize>,
}

impl Index {
    pub fn build(knowledge: &Knowledge, lexicon: &Lexicon) -> Index {
        let normaliser = Normaliser::new(lexicon, &knowledge.synonyms);
        let topics = topics(knowledge, lexicon);
        let mut index = Index {
            normaliser,
            speller: Speller::default(),
            terms: HashMap::new(),
            term_texts: Vec::new(),
            postings: Vec::new(),
            idf: Vec::new(),
            context: Vec::new(),
            topics: Vec::new(),
            own_terms: Vec::new(),
        };

        let mut surface: HashMap<String, u32> = HashMap::new();
        let mut count_words = |text: &str| {
            for word in split_words(&fold(text)) {
                *surface.entry(word).or_insert(0) += 1;
            }
        };

        // The event's own words first: a topic's text may match them more than any other topic does only
        // where that text names the topic (see `Field::identity`).
        let mut context: HashMap<String, f32> = HashMap::new();
        for (text, cover) in context_texts(knowledge, lexicon) {
            count_words(&text);
            for token in index.normaliser.tokens(&text) {
                let id = index.term_id(&token.text);
                let slot = &mut index.context[id as usize];
                *slot = slot.max(cover);
                context.insert(token.text, *slot);
            }
        }

        for (t, topic) in topics.iter().enumerate() {
            let topic_id = TopicId::try_from(t).unwrap_or(TopicId::MAX);
            let mut weights: HashMap<String, f32> = HashMap::new();
            let mut intents: Vec<(Intent, f32)> = topic.intents.clone();
            let is_faq = matches!(topic.subject, super::topics::Subject::Faq(_));
            for field in &topic.fields {
                count_words(&field.text);
                for token in index.normaliser.tokens(&field.text) {
                    if let Some(intent) = Intent::from_token(&token.text) {
                        // Only a maintainer's own question says which intent an entry answers; a "time" in a
                        // finding's text, or in an FAQ's answer, does not make it an answer to "when".
                        if is_faq && field.question && !intents.iter().any(|(i, _)| *i == intent) {
                            intents.push((intent, 1.0));
                        }
                        continue;
                    }
                    let weight = match context.get(&token.text) {
                        Some(&cover) if !field.identity => field.weight.min(cover),
                        _ => field.weight,
                    };
                    // A phrase read as one canonical token ("counter terrorism" -> `counter_terror`) also
                    // answers for its longer words, a little less: "terrorism" alone still finds it.
                    if token.text.contains('_') {
                        for part in token
                            .text
                            .split('_')
                            .filter(|p| p.chars().count() >= COMPONENT_MIN_LEN)
                        {
                            let w = weights.entry(part.to_string()).or_insert(0.0);
                            *w = w.max(weight * COMPONENT_WEIGHT);
                        }
                    }
                    let w = weights.entry(token.text).or_insert(0.0);
                    *w = w.max(weight);
                }
            }
            index.own_terms.push(weights.len());
            for (intent, weight) in intents {
                weights.insert(intent.token(), weight);
            }
            let mut weights: Vec<(String, f32)> = weights.into_iter().collect();
            weights.sort_by(|a, b| a.0.cmp(&b.0));
            for (term, weight) in weights {
                let id = index.term_id(&term);
                index.postings[id as usize].push((topic_id, weight));
            }
        }

        // The speller knows every word of the knowledge and of the lexicon, so that typos of question words
        // ("wehn") and of stop words are corrected too.
        for word in lexicon
            .stop_words
            .iter()
            .chain(lexicon.synonyms.iter().flatten())
            .chain(lexicon.intents.values().flatten())
            .chain(lexicon.facets.values().flatten())
            .chain(knowledge.synonyms.iter().flatten())
        {
            for w in split_words(&fold(word)) {
                surface.entry(w).or_insert(1);
            }
        }
        let mut words: Vec<(&str, u32)> = surface.iter().map(|(w, c)| (w.as_str(), *c)).collect();
        words.sort_unstable();
        index.speller = Speller::new(words);

        let n = topics.len().max(1) as f32;
        index.idf = index
            .postings
            .iter()
            .map(|p| {
                // A topic where the term is only a passing mention (a word inside a phrase, a word in a
                // long text) counts for less than one where it is a keyword.
                let df = p.iter().map(|(_, w)| w.min(1.0)).sum::<f32>().max(1.0);
                ((1.0 + n / df).ln() / (1.0 + n).ln()).clamp(0.0, 1.0)
            })
            .collect();
        index.topics = topics;
        index
    }

    fn term_id(&mut self, term: &str) -> TermId {
        if let Some(&id) = self.terms.get(term) {
            return id;
        }
        let id = TermId::try_from(self.term_texts.len()).unwrap_or(TermId::MAX);
        self.terms.insert(term.to_string(), id);
        self.term_texts.push(term.to_string());
        self.postings.push(Vec::new());
        self.context.push(0.0);
        id
    }

    pub fn term(&self, text: &str) -> Option<TermId> {
        self.terms.get(text).copied()
    }

    pub fn term_text(&self, id: TermId) -> &str {
        &self.term_texts[id as usize]
    }

    pub fn postings(&self, id: TermId) -> &[(TopicId, f32)] {
        &self.postings[id as usize]
    }

    pub fn idf(&self, id: TermId) -> f32 {
        self.idf[id as usize]
    }

    /// How much of this term every topic covers because it names the event; 0 for ordinary terms.
    pub fn context_cover(&self, id: TermId) -> f32 {
        self.context[id as usize]
    }

    pub fn topics(&self) -> &[Topic] {
        &self.topics
    }

    pub fn topic(&self, id: TopicId) -> &Topic {
        &self.topics[id as usize]
    }

    /// How many words (not intents) a topic is matched by; zero means no question can reach it.
    pub fn own_term_count(&self, topic: TopicId) -> usize {
        self.own_terms[topic as usize]
    }

    pub fn term_count(&self) -> usize {
        self.term_texts.len()
    }

    /// The terms a topic is matched by, with their weights: for `explain` and for checks.
    pub fn terms_of(&self, topic: TopicId) -> Vec<(&str, f32)> {
        let mut out: Vec<(&str, f32)> = self
            .postings
            .iter()
            .enumerate()
            .filter_map(|(term, postings)| {
                postings
                    .iter()
                    .find(|(t, _)| *t == topic)
                    .map(|(_, w)| (self.term_texts[term].as_str(), *w))
            })
            .collect();
        out.sort_by(|a, b| b.1.total_cmp(&a.1).then_with(|| a.0.cmp(b.0)));
        out
    }
}
