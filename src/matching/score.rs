//! Scoring: how much of a question each topic accounts for.
//!
//! A question's tokens each carry a weight: rare words count more than common ones (inverse document
//! frequency over topics), words the knowledge never uses count fully (a question about something else should
//! not match), and question intents count as set in [`intent_weight`]. A topic's score is the weighted share
//! of the question it covers, 0..1. Words that refer to the event itself ("the seminar", its title) are
//! partly covered by every topic, so "where is the water forum" is still wholly about the venue.

use super::index::{Index, Posting, TermId, TopicId};
use super::normalise::{Token, Word, fold, split_clauses, split_words};
use crate::lexicon::{Intent, related, respell};
use crate::topics::EVENT_COVER;

/// The weight of a word the knowledge never uses: as much as the rarest known word.
const UNKNOWN_WORD: f32 = 1.0;
/// Words that open a clause qualifying the one before it ("..., of all countries?"). Most prepositions
/// open questions of their own ("in which room", "from when", "for how long") and are not here.
const QUALIFYING: &[&str] = &["of", "among", "than", "compared", "including", "especially"];
/// A number the knowledge does not contain ("the 13th") is usually a guess at a date or time, and a one-
/// or two-letter word ("pm", "cv") says little; neither is a strong sign that the question is about
/// something else.
const UNKNOWN_SHORT: f32 = 0.4;
/// The weight of a year the knowledge does not have: more than any known word, since a question about
/// another year's edition is not about this one, however well its other words match.
const UNKNOWN_YEAR: f32 = 2.0;
/// The most of a question a topic covers through words it has only in prose (see [`field_aware`]): the
/// answer line itself, so that such a topic is answered only when nothing else comes close, and never
/// as surely as a topic whose title or keywords the question names.
const PROSE_ALONE: f32 = 0.52;
/// How much of what a question asks ("when") a topic reached only through prose covers: see
/// [`field_aware`].
const PROSE_INTENT: f32 = 0.5;
/// How much asking for an amount weighs in a question that compares ("how much ... compared to the
/// others"): as much as asking why, since what is asked is how things compare.
const COMPARED_QUANTITY: f32 = 0.4;
/// The least weight a known word has, however common.
const MIN_KNOWN: f32 = 0.15;
/// How much a word naming the event itself weighs, relative to its rarity: such words ("the seminar", the
/// title's words) say which event is meant more than which part of it. How much of such a word every
/// topic covers is set per word by [`crate::topics::context_texts`].
const CONTEXT_WEIGHT: f32 = 0.5;
/// How much of a word a related word the question used instead covers.
const RELATED_SIMILARITY: f32 = 0.6;
/// At most this many words of a question are read; a longer message is read from its start.
pub const MAX_WORDS: usize = 600;
/// A long question is also read clause by clause ("sorry to bother you, my boss asked me: when does it
/// start?"), and the best clause answers if it beats the whole question even after this discount, which
/// keeps a whole question that is well covered ahead of any one of its parts.
const CLAUSE_DISCOUNT: f32 = 0.9;
/// The most clauses read one by one; a message with more is read whole.
const MAX_CLAUSES: usize = 12;

/// How much a question's intent counts. Asking for a number or the clock weighs most: no topic answers
/// "how much does it cost", so a question that asks it must not be answered by a topic that merely shares
/// its other words.
/// When a question's tokens ask two different things ("what time should I get there": when, and where),
/// the one it opens with is what it asks; the other is its context. The opening intent then weighs a
/// quarter more, so that the two no longer tie.
fn lead_with_the_opening_intent(tokens: &mut [ReadToken]) {
    let Some(Reading::Intent(first, _)) = tokens.first().map(|t| &t.reading) else {
        return;
    };
    let first = *first;
    let another = tokens[1..]
        .iter()
        .any(|t| matches!(t.reading, Reading::Intent(other, _) if other != first));
    if another {
        tokens[0].weight *= 1.25;
    }
}

/// "How much of the seminar is left" asks for the time that remains, not an amount: when it asks what
/// remains of the event itself ([`asks_what_remains`]), asking "how much" weighs no more than
/// [`COMPARED_QUANTITY`], so that the time is what is answered.
fn ask_what_remains_not_a_number(tokens: &mut [ReadToken]) {
    if !asks_what_remains(tokens) {
        return;
    }
    for t in tokens {
        if matches!(t.reading, Reading::Intent(Intent::Quantity, _)) {
            t.weight = t.weight.min(COMPARED_QUANTITY);
        }
    }
}

/// Whether a question asks how much remains of the event itself ("how much of the seminar is left", "how
/// much is remaining"): "how much", a word of the lexicon's `remains` (alone or in a phrase asking when),
/// and no known word after "how much" but words of the event's own name. "How much water is left" asks
/// for an amount.
pub fn asks_what_remains(tokens: &[ReadToken]) -> bool {
    let remains = &crate::lexicon::Lexicon::builtin().remains;
    let remaining = |w: &str| remains.iter().any(|r| r == w);
    let Some(asks) = tokens.iter().position(|t| {
        matches!(t.reading, Reading::Intent(Intent::Quantity, _)) && t.token.source == "how much"
    }) else {
        return false;
    };
    let of_the_event = tokens[asks + 1..]
        .iter()
        .filter(|t| matches!(t.reading, Reading::Known(_)))
        .all(|t| t.cover >= EVENT_COVER);
    of_the_event
        && tokens.iter().any(|t| {
            remaining(&t.token.source)
                || matches!(t.reading, Reading::Intent(Intent::When, _))
                    && t.token.source.split(' ').any(remaining)
        })
}

pub fn intent_weight(intent: Intent) -> f32 {
    match intent {
        Intent::When | Intent::Where => 0.8,
        Intent::Who => 0.6,
        Intent::Why => 0.4,
        Intent::Count | Intent::Quantity => 2.5,
        Intent::Clock => 3.0,
    }
}

/// How a question token was read.
#[derive(Debug, Clone, PartialEq)]
pub enum Reading {
    /// A term of the knowledge.
    Known(TermId),
    /// A question intent such as `#when`.
    Intent(Intent, Option<TermId>),
    /// A word no topic uses.
    Unknown,
}

#[derive(Debug, Clone)]
pub struct ReadToken {
    pub token: Token,
    pub reading: Reading,
    pub weight: f32,
    /// How much of this token every topic covers because it names the event; 0 for ordinary words.
    pub cover: f32,
}

impl ReadToken {
    /// Whether the token is a word the knowledge never uses, and not a short word, a number or a year.
    pub fn is_an_unknown_word(&self) -> bool {
        self.reading == Reading::Unknown
            && self.weight >= UNKNOWN_WORD
            && self.weight < UNKNOWN_YEAR
    }
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Scored {
    pub topic: TopicId,
    /// The share of the question the topic covers, 0..1.
    pub score: f32,
}

/// A question as the engine read it: its words (with corrections), tokens and the ranked topics.
#[derive(Debug, Clone)]
pub struct Analysis {
    pub words: Vec<Word>,
    pub tokens: Vec<ReadToken>,
    /// Topics by score, best first (only those the question touches, plus ties from context words).
    pub ranked: Vec<Scored>,
    pub total_weight: f32,
    /// The clause the answer was read from, when one clause of a longer question answered better.
    pub clause: Option<String>,
}

impl Analysis {
    /// Whether what the question asks is a word the knowledge never uses: the word right after its
    /// question word ("who *won* the best demo award"), when it is not a short word, a number or a year.
    /// The rest of the question may name a topic, but not the thing it asks of it.
    pub fn asks_an_unknown_word(&self) -> bool {
        self.tokens.windows(2).any(|pair| {
            matches!(pair[0].reading, Reading::Intent(..)) && pair[1].is_an_unknown_word()
        })
    }

    /// Whether the question names its subject with a word the knowledge never uses, right after a word
    /// that introduces a subject (`markers`; articles between them do not count): "when is the next
    /// event *on* elections". However well its other words match a topic, it asks about that subject.
    pub fn names_an_unknown_subject(&self, markers: &[String]) -> bool {
        let unknown = |typed: &str| {
            self.tokens.iter().any(|t| {
                t.reading == Reading::Unknown
                    && t.weight >= UNKNOWN_WORD
                    && t.weight < UNKNOWN_YEAR
                    && t.token.source == typed
            })
        };
        self.words.iter().enumerate().any(|(i, word)| {
            markers.contains(&word.text)
                && self.words[i + 1..]
                    .iter()
                    .find(|w| !matches!(w.text.as_str(), "the" | "a" | "an"))
                    .is_some_and(|w| unknown(w.typed.as_deref().unwrap_or(&w.text)))
        })
    }

    /// The knowledge's terms the question has.
    pub fn known_terms(&self) -> Vec<TermId> {
        self.tokens
            .iter()
            .filter_map(|t| match t.reading {
                Reading::Known(term) => Some(term),
                _ => None,
            })
            .collect()
    }

    pub fn tokens_text(&self) -> impl Iterator<Item = &str> {
        self.tokens.iter().map(|t| t.token.text.as_str())
    }

    pub fn has_token(&self, text: &str) -> bool {
        self.tokens_text().any(|t| t == text)
    }

    pub fn best_score(&self) -> f32 {
        self.ranked.first().map_or(0.0, |s| s.score)
    }
}

/// Whether `form` looks like an inflection of `base`: the same first two letters, and no more than two
/// letters longer or shorter ("began" of "begin", "spoke" of "speak"; not "seat" of "place").
fn is_a_form_of(form: &str, base: &str) -> bool {
    let opening = |word: &str| word.chars().take(2).collect::<String>();
    opening(form) == opening(base) && form.chars().count().abs_diff(base.chars().count()) <= 2
}

/// The most letters an abbreviation written in capitals has.
const MAX_ABBREVIATION: usize = 5;

/// The words (folded) a question writes in capitals, two to five letters, where it is not written in
/// capitals throughout: abbreviations, which are not corrected as typos.
fn written_in_capitals(question: &str) -> Vec<String> {
    if !question.chars().any(char::is_lowercase) {
        return Vec::new();
    }
    question
        .split(|c: char| !c.is_alphanumeric())
        .filter(|word| {
            // An abbreviation is short; a longer word in capitals is emphasis, and may be a typo
            // ("ADRESS").
            (2..=MAX_ABBREVIATION).contains(&word.chars().filter(|c| c.is_alphabetic()).count())
                && word.chars().all(|c| !c.is_lowercase())
        })
        .map(fold)
        .collect()
}

impl Index {
    /// Reads a question and ranks the topics, keeping the best `keep`.
    pub fn analyse(&self, question: &str, keep: usize) -> Analysis {
        let folded = fold(&self.normaliser.expand_acronyms(question));
        let capitals = written_in_capitals(question);
        let mut budget = MAX_WORDS;
        let clauses: Vec<(String, Vec<Word>, bool)> = split_clauses(&folded)
            .into_iter()
            .map(|clause| {
                let words: Vec<Word> = respell(&split_words(clause.text))
                    .into_iter()
                    .take(budget)
                    .map(|(word, spelt)| match spelt {
                        Some(typed) => Word {
                            text: word,
                            typed: Some(typed),
                            similarity: 1.0,
                        },
                        // An abbreviation written in capitals ("UNEP") is a name, not a typo of a
                        // word that looks like it ("unep" is no "step").
                        None if capitals.contains(&word) => Word {
                            text: word,
                            typed: None,
                            similarity: 1.0,
                        },
                        None => self.read_word(word),
                    })
                    .collect();
                budget -= words.len();
                // A clause that opens with "like" gives examples (", like drinks?"): the word is "such
                // as" there, not the verb of being liked.
                let words = match words.split_first() {
                    Some((first, rest)) if first.text == "like" => rest.to_vec(),
                    _ => words,
                };
                (clause.text.trim().to_string(), words, clause.asks)
            })
            .filter(|(_, words, _)| !words.is_empty())
            .collect();
        // A statement about the asker that frames the question ("I left after the first half, what did
        // they conclude ...") is no part of what is asked: its words ("after", "first") would otherwise
        // pull the whole question towards what they name.
        let framing = |(_, words, asks): &(String, Vec<Word>, bool)| {
            !asks
                && crate::reading::frames_the_question(
                    &words.iter().map(|w| w.text.clone()).collect::<Vec<_>>(),
                )
        };
        // Only when what is asked names a subject of its own: in "I want to learn about rivers, what
        // should I go to", the subject is in the statement.
        let has_subject = |(_, words, _): &(String, Vec<Word>, bool)| {
            self.normaliser.tokens_of_words(words).iter().any(|t| {
                Intent::from_token(&t.text).is_none()
                    && self
                        .term(&t.text)
                        .is_some_and(|term| self.context_cover(term) == 0.0)
            })
        };
        let asked_only = clauses.len() > 1 && clauses.iter().any(|c| !framing(c) && has_subject(c));
        let all: Vec<Word> = clauses
            .iter()
            .filter(|c| !asked_only || !framing(c))
            .flat_map(|(_, w, _)| w.iter().cloned())
            .collect();
        let mut best = self.analyse_words(all, keep);
        if (2..=MAX_CLAUSES).contains(&clauses.len()) {
            let mut asked_before = false;
            for (at, (text, words, asks)) in clauses.into_iter().enumerate() {
                // A later clause with "its" ("where is the centre based, what's its address") speaks
                // of what an earlier one names, and does not stand for the question alone.
                if at > 0 && words.iter().any(|w| w.text == "its") {
                    continue;
                }
                let typed: Vec<String> = words.iter().map(|w| w.text.clone()).collect();
                let opens = crate::reading::opens_a_question(&typed);
                // A few words after a question, asking nothing of their own ("where was the reception
                // held, same building?"), are a guess at its answer, not another question.
                let guess = asked_before && !opens && typed.len() <= 3;
                asked_before |= opens;
                if guess {
                    continue;
                }
                let mut part = self.analyse_words(words, keep);
                // Only a clause that asks something can stand for the question: one ending in "?" or
                // with a question word. "In the organisers' view," is a preamble, not a question.
                let has_intent = part
                    .tokens
                    .iter()
                    .any(|t| matches!(t.reading, Reading::Intent(..)));
                let typed: Vec<String> = part.words.iter().map(|w| w.text.clone()).collect();
                // A statement about the asker ("I had to leave early") frames the question even when it
                // has a question word.
                let framing = crate::reading::frames_the_question(&typed);
                // A clause that opens with a question word asks, with or without its question mark,
                // unless it points back at what came before ("what did they mean by that"). The first
                // clause has nothing before it: its "it" is the event ("which room is it in, ...").
                let asks = asks || opens && (at == 0 || !crate::reading::points_back(&typed));
                if !asks && (!has_intent || framing) {
                    continue;
                }
                if asks_of_the_one_before(&typed, at) {
                    continue;
                }
                // A clause that only names the event ("according to the experts?") asks nothing of its
                // own: every topic covers it alike.
                if part.tokens.iter().all(|t| t.cover > 0.0) {
                    continue;
                }
                for s in &mut part.ranked {
                    s.score *= CLAUSE_DISCOUNT;
                }
                // A clause that three or more topics answer alike ("..., the city's view?") says nothing of
                // which one is meant: the whole question may.
                let tied = part
                    .ranked
                    .get(2)
                    .is_some_and(|third| part.best_score() - third.score <= 1e-5);
                if part.best_score() > best.best_score() && !tied {
                    part.words = best.words;
                    part.clause = Some(text);
                    best = part;
                }
            }
        }
        best
    }

    /// A typed word as the engine reads it: as is, as the adjective of an adverb, or corrected.
    fn read_word(&self, typed: String) -> Word {
        if let Some(base) = self.speller.adverb_base(&typed) {
            return Word {
                text: base,
                typed: Some(typed),
                similarity: 1.0,
            };
        }
        // An irregular form the knowledge and the lexicon never use ("began", "spoke") is its base form
        // where that is a word of asking about events ("begin", a start). The general relations list a
        // word's closest relation first, which for such a form is its base, but for other words a synonym
        // ("seat": "place"): only a base that shares the form's opening letters and is about as long is
        // taken for one.
        if !self.speller.is_known(&typed) {
            let base = related(&typed)
                .next()
                .filter(|base| is_a_form_of(&typed, base) && self.asks_something(base))
                .map(str::to_string);
            if let Some(base) = base {
                return Word {
                    text: base,
                    typed: Some(typed),
                    similarity: 1.0,
                };
            }
        }
        match self.speller.correct(&typed) {
            Some(fix) => Word {
                text: fix.word,
                typed: Some(typed),
                similarity: fix.similarity,
            },
            None => Word {
                text: typed,
                typed: None,
                similarity: 1.0,
            },
        }
    }

    /// Whether a word is read as one of the lexicon's intents (what a question asks: when, where, who) or
    /// concepts (a start, a venue, a host): the words of asking about events, not of any one subject.
    fn asks_something(&self, word: &str) -> bool {
        matches!(
            self.normaliser.tokens(word).as_slice(),
            [only] if Intent::from_token(&only.text).is_some() || self.normaliser.is_concept(&only.text)
        )
    }

    fn analyse_words(&self, words: Vec<Word>, keep: usize) -> Analysis {
        let mut tokens: Vec<ReadToken> = self
            .normaliser
            .tokens_of_words(&words)
            .into_iter()
            .map(|token| self.read(token))
            .collect();
        self.ask_when_of_a_time_question(&mut tokens);
        lead_with_the_opening_intent(&mut tokens);
        self.ask_a_comparison_not_a_number(&mut tokens);
        ask_what_remains_not_a_number(&mut tokens);
        let total_weight: f32 = tokens.iter().map(|t| t.weight).sum();
        let ranked = self.rank(&tokens, total_weight, keep);
        Analysis {
            words,
            tokens,
            ranked,
            total_weight,
            clause: None,
        }
    }

    /// "How late did the talks go on" asks when they ended, as "when did they end" does: a phrase read as
    /// a start or an end that asks when it is (the lexicon's `time_questions`) asks "when" as well.
    fn ask_when_of_a_time_question(&self, tokens: &mut Vec<ReadToken>) {
        let time_questions = &crate::lexicon::Lexicon::builtin().time_questions;
        let asks_when = tokens
            .iter()
            .any(|t| matches!(t.reading, Reading::Intent(Intent::When, _)));
        let Some(at) = tokens
            .iter()
            .position(|t| time_questions.contains(&t.token.source))
        else {
            return;
        };
        if asks_when {
            return;
        }
        let when = Token {
            text: Intent::When.token(),
            source: tokens[at].token.source.clone(),
            similarity: 1.0,
        };
        tokens.insert(at, self.read(when));
    }

    /// "How much does it give compared to the others" asks how it compares, not for a number: a topic that
    /// compares (the largest, more than the rest) answers it. With a word of comparison, asking for an
    /// amount weighs no more than [`COMPARED_QUANTITY`], so that it does not outweigh what is compared.
    fn ask_a_comparison_not_a_number(&self, tokens: &mut [ReadToken]) {
        let compare = self.normaliser.tokens("compare");
        let compares = tokens
            .iter()
            .any(|t| compare.iter().any(|c| c.text == t.token.text));
        if !compares {
            return;
        }
        for t in tokens {
            if matches!(
                t.reading,
                Reading::Intent(Intent::Count | Intent::Quantity, _)
            ) {
                t.weight = t.weight.min(COMPARED_QUANTITY);
            }
        }
    }

    /// A compound the knowledge never uses read as its head, when the head is a word it does use and the
    /// rest an English word: "toolkit" as "tool", "warzone" as "war". The longest such head is taken.
    fn compound_head(&self, word: &str) -> Option<TermId> {
        if word.len() < 7 || !word.bytes().all(|b| b.is_ascii_lowercase()) {
            return None;
        }
        (4..=word.len() - 3).rev().find_map(|split| {
            let (head, tail) = word.split_at(split);
            // The head must be a word of the knowledge as it stands (or its plural), not only share a
            // stem with one: "intern" of "internships" is no "international".
            let known = self.speller.is_known(head) || self.speller.is_known(&format!("{head}s"));
            let suffix = crate::lexicon::Lexicon::builtin()
                .not_compound_tails
                .iter()
                .any(|t| t == tail);
            if !known
                || suffix
                || !super::english::is_english_word(tail)
                || !super::english::is_english_word(head)
            {
                return None;
            }
            self.term_of_another_subject(head)
        })
    }

    /// The one term a word is read as, if it is a word of the knowledge that asks nothing and does not
    /// name the event: a word related to one that names the event ("aqueous" to "water" at a water forum)
    /// is another subject, not the event.
    fn term_of_another_subject(&self, word: &str) -> Option<TermId> {
        let tokens = self.normaliser.tokens(word);
        let [only] = tokens.as_slice() else {
            return None;
        };
        if Intent::from_token(&only.text).is_some() {
            return None;
        }
        self.term(&only.text)
            .filter(|&term| self.context_cover(term) == 0.0)
    }

    fn read(&self, token: Token) -> ReadToken {
        if let Some(intent) = Intent::from_token(&token.text) {
            return ReadToken {
                reading: Reading::Intent(intent, self.term(&token.text)),
                weight: intent_weight(intent),
                cover: 0.0,
                token,
            };
        }
        match self.term(&token.text) {
            Some(term) => ReadToken {
                weight: self.idf(term).max(MIN_KNOWN)
                    * if self.context_cover(term) >= EVENT_COVER {
                        CONTEXT_WEIGHT
                    } else {
                        1.0
                    },
                cover: self.context_cover(term),
                reading: Reading::Known(term),
                token,
            },
            None => self.read_related(token),
        }
    }

    /// A word the knowledge never uses, read as the first word related to it (by the built-in general
    /// English relations) that the knowledge does use: "militarily" as "military", "export" as
    /// "exportation". It counts as much as that word would, but only [`RELATED_SIMILARITY`] of it is
    /// covered, so a related word widens recall without outvoting the words a question shares exactly.
    ///
    /// A word the lexicon reads as one of its own concepts ("parking", "car park") is not widened: the
    /// lexicon already says what it means, and its general relations ("parking" to "park") would answer a
    /// question about parking with a session in a park.
    fn read_related(&self, token: Token) -> ReadToken {
        let found = if token.source.contains(' ') || self.normaliser.is_concept(&token.text) {
            None
        } else {
            related(&token.source)
                .find_map(|word| self.term_of_another_subject(word))
                .or_else(|| self.compound_head(&token.source))
        };
        match found {
            Some(term) => ReadToken {
                weight: self.idf(term).max(MIN_KNOWN),
                cover: 0.0,
                reading: Reading::Known(term),
                token: Token {
                    similarity: token.similarity * RELATED_SIMILARITY,
                    ..token
                },
            },
            None => ReadToken {
                // A year the knowledge does not have ("2023" when it has "2025") names another
                // edition: it outweighs the event's own words, so the question is not answered about
                // this one.
                // Another form of a stop word ("discussing" beside "discuss") says as little as it
                // does; only a word the knowledge never uses can be such a form, so no match is lost.
                weight: if self.normaliser.is_stop_stem(&token.text) {
                    0.0
                } else if is_year(&token.text) {
                    UNKNOWN_YEAR
                } else if token.text.chars().all(|c| c.is_ascii_digit())
                    || token.text.chars().count() <= 2
                {
                    UNKNOWN_SHORT
                } else {
                    UNKNOWN_WORD
                },
                cover: 0.0,
                reading: Reading::Unknown,
                token,
            },
        }
    }

    fn rank(&self, tokens: &[ReadToken], total_weight: f32, keep: usize) -> Vec<Scored> {
        if total_weight <= 0.0 {
            return Vec::new();
        }
        // Every topic covers part of each context word; a topic's own match on it counts only above that.
        let baseline: f32 = tokens
            .iter()
            .map(|t| t.weight * t.cover * t.token.similarity)
            .sum();
        // A dense accumulator with a list of the topics touched: cheaper than a map when a common word
        // touches thousands of sessions. Words a topic has only in prose are summed apart (see
        // [`field_aware`]).
        let mut gains: Vec<Gain> = vec![Gain::default(); self.topics().len()];
        let mut touched: Vec<TopicId> = Vec::new();
        let asks_when = tokens
            .iter()
            .any(|t| matches!(t.reading, Reading::Intent(Intent::When, _)));
        // Per topic, the most a token gave it and from what: a topic gains from a token once, by the best
        // of the ways it covers it.
        let mut taken: Vec<(f32, Source)> = Vec::new();
        for t in tokens {
            let term = match t.reading {
                Reading::Known(term) | Reading::Intent(_, Some(term)) => term,
                Reading::Intent(_, None) | Reading::Unknown => continue,
            };
            let floor = t.cover;
            let asked = matches!(t.reading, Reading::Intent(..));
            let mut add = |posting: &Posting, asked: bool, taken: &mut Vec<(f32, Source)>| {
                let gain = t.weight * t.token.similarity * (posting.weight - floor);
                if gain > 0.0 {
                    let source = if asked {
                        Source::Intent
                    } else if posting.prose {
                        Source::Prose
                    } else {
                        Source::Strong
                    };
                    let slot = &mut gains[posting.topic as usize];
                    if slot.is_empty() {
                        touched.push(posting.topic);
                    }
                    let (before, before_source) = taken
                        .get(posting.topic as usize)
                        .copied()
                        .unwrap_or((0.0, Source::Strong));
                    if gain > before {
                        slot.add(-before, before_source);
                        slot.add(gain, source);
                        if !taken.is_empty() {
                            taken[posting.topic as usize] = (gain, source);
                        }
                    }
                }
            };
            // In "when does it end", "end" says which part of a time is asked, not what is asked about:
            // every topic that answers "when" answers it as well as it answers "when". Without this, a
            // session titled "The Ending" outscores the event's own dates.
            match self.when_term() {
                Some(when) if asks_when && self.is_time_part(term) => {
                    taken.clear();
                    taken.resize(self.topics().len(), (0.0, Source::Strong));
                    for posting in self.postings(term).iter().chain(self.postings(when)) {
                        add(posting, true, &mut taken);
                    }
                    taken.clear();
                }
                _ => {
                    for posting in self.postings(term) {
                        add(posting, asked, &mut taken);
                    }
                }
            }
        }
        let mut ranked: Vec<Scored> = touched
            .into_iter()
            .map(|topic| Scored {
                topic,
                score: ((baseline + field_aware(gains[topic as usize], total_weight))
                    / total_weight)
                    .clamp(0.0, 1.0),
            })
            .collect();
        // With context words only, every topic ties at the baseline; the event's own topics come first.
        if baseline > 0.0 {
            for topic in 0..self.topics().len() {
                let topic = TopicId::try_from(topic).unwrap_or(TopicId::MAX);
                if ranked.len() >= keep.max(1) * 4 {
                    break;
                }
                if !ranked.iter().any(|s| s.topic == topic) {
                    ranked.push(Scored {
                        topic,
                        score: (baseline / total_weight).clamp(0.0, 1.0),
                    });
                }
            }
        }
        // Best score first; ties go to the topic defined first (the event's facets, then file order).
        let order =
            |a: &Scored, b: &Scored| b.score.total_cmp(&a.score).then(a.topic.cmp(&b.topic));
        if ranked.len() > keep && keep > 0 {
            ranked.select_nth_unstable_by(keep - 1, order);
            ranked.truncate(keep);
        }
        ranked.sort_by(order);
        ranked.truncate(keep);
        ranked
    }
}

/// Where a topic covers a question's token from: what the question asks ("when", "where"), the topic's
/// names, keywords and short texts, or words it has only in prose.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Source {
    Intent,
    Strong,
    Prose,
}

/// What a topic gained from a question's tokens, by [`Source`].
#[derive(Debug, Clone, Copy, Default)]
struct Gain {
    intent: f32,
    strong: f32,
    prose: f32,
}

impl Gain {
    fn is_empty(self) -> bool {
        self.intent == 0.0 && self.strong == 0.0 && self.prose == 0.0
    }

    fn add(&mut self, gain: f32, source: Source) {
        match source {
            Source::Intent => self.intent += gain,
            Source::Strong => self.strong += gain,
            Source::Prose => self.prose += gain,
        }
    }
}

/// How much of a question a topic covers, field-aware. Words it has in names, keywords and short texts
/// count as they are. Words it has only in prose (an abstract, a bio) count together at most as much as its
/// other words do, or [`PROSE_ALONE`] of the question when it has none: a long text holds many words by
/// chance, so it may confirm what a topic's title says but cannot outvote a short, exact entry. And a topic
/// the question reaches only through prose answers what is asked ("when", "where") only half as surely:
/// "will it rain tomorrow" is not a question about when a talk that mentions rain is on.
fn field_aware(gain: Gain, total_weight: f32) -> f32 {
    let prose = gain.prose.min(gain.strong.max(PROSE_ALONE * total_weight));
    let intent = if gain.strong == 0.0 && gain.prose > 0.0 {
        gain.intent * PROSE_INTENT
    } else {
        gain.intent
    };
    intent + gain.strong + prose
}

/// Four digits from 1900 to 2199: a year.
fn is_year(text: &str) -> bool {
    text.len() == 4 && text.parse::<u32>().is_ok_and(|n| (1900..2200).contains(&n))
}

/// Whether a clause (its words, `at` its place) asks of the one before it rather than on its own: one
/// opening with a preposition ("..., of all countries?") qualifies it; one opening with "a" ("what kind
/// of event was it, a big conference?") is a guess at what it asks; one ending pointing back ("..., in
/// what context was that?") asks of it.
fn asks_of_the_one_before(words: &[String], at: usize) -> bool {
    words
        .first()
        .is_some_and(|w| QUALIFYING.contains(&w.as_str()) || w == "a" || w == "an")
        || at > 0 && crate::reading::ends_pointing_back(words)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lexicon::Lexicon;

    /// A small event: a venue, a session, and two findings, one of which mentions the event's own words.
    fn index() -> Index {
        let text = r#"
[event]
id = "forum"
title = "Water Forum"
kind = "Forum"
description = "A forum on water."
time_zone = "Europe/Amsterdam"
start = 2026-06-01T09:00:00
end = 2026-06-01T17:00:00
venue = "hall"

[[venue]]
id = "hall"
name = "Grand Hall"
address = "Main Street 1"
city = "Utrecht"

[[finding]]
id = "drought"
title = "Droughts are getting longer"
text = "Participants found that droughts are getting longer in the south."
keywords = ["drought", "dry"]

[[finding]]
id = "forum-water"
title = "Water at the forum"
text = "The Water Forum itself used recycled water."
"#;
        let knowledge = crate::knowledge::from_text(text);
        Index::build(&knowledge, Lexicon::builtin())
    }

    fn best(index: &Index, question: &str) -> (String, f32) {
        let a = index.analyse(question, 5);
        let top = a.ranked.first().expect("a candidate");
        (index.topic(top.topic).key.clone(), top.score)
    }

    #[test]
    fn a_question_wholly_covered_by_a_keyword_scores_one() {
        let index = index();
        let (topic, score) = best(&index, "droughts?");
        assert_eq!(topic, "finding.drought");
        assert!((score - 1.0).abs() < 1e-6, "{score}");
    }

    #[test]
    fn words_the_knowledge_never_uses_lower_the_score() {
        let index = index();
        let (_, whole) = best(&index, "droughts?");
        let (topic, partial) = best(&index, "droughts and wildfire insurance premiums?");
        assert_eq!(topic, "finding.drought");
        assert!(partial < 0.5 * whole, "{partial} vs {whole}");
    }

    #[test]
    fn the_intent_picks_the_facet() {
        let index = index();
        assert_eq!(best(&index, "where is it?").0, "venue.hall");
        assert_eq!(best(&index, "when is it?").0, "event.when");
    }

    #[test]
    fn the_events_own_words_count_fully_only_where_they_name_the_topic() {
        let index = index();
        let weight = |key: &str, term: &str| {
            let id = index
                .topics()
                .iter()
                .position(|t| t.key == key)
                .expect("the topic exists");
            let id = TopicId::try_from(id).expect("small");
            index
                .terms_of(id)
                .into_iter()
                .find(|(t, _)| *t == term)
                .map(|(_, w)| w)
        };
        // "Water" names the event: fully in the event's own topic, no more than every topic covers anyway
        // in a finding whose title happens to contain it.
        assert_eq!(weight("event.about", "water"), Some(1.0));
        assert_eq!(
            weight("finding.forum-water", "water"),
            Some(crate::topics::EVENT_COVER)
        );
        assert_eq!(best(&index, "where is the water forum?").0, "venue.hall");
    }

    #[test]
    fn asking_for_a_number_no_topic_gives_is_weak() {
        let index = index();
        let (_, score) = best(&index, "how many droughts?");
        assert!(
            score < 0.5,
            "a count of droughts is not in the knowledge: {score}"
        );
    }

    #[test]
    fn asking_how_much_in_comparison_asks_how_things_compare() {
        let text = r#"
[event]
id = "forum"
title = "Delta Forum"
time_zone = "Europe/Amsterdam"
start = 2026-06-01T09:00:00
end = 2026-06-01T17:00:00

[[finding]]
id = "rhine"
title = "The Rhine gives most"
text = "Compared with the other rivers, the Rhine contributes the most water to the delta."
keywords = ["Rhine", "rivers", "contributes", "compared"]
"#;
        let index = Index::build(&crate::knowledge::from_text(text), Lexicon::builtin());
        // "How much" alone asks an amount no topic gives; compared with something, it asks how they
        // compare, which the finding says.
        let (topic, compared) = best(
            &index,
            "how much does the rhine give compared to the others?",
        );
        assert_eq!(topic, "finding.rhine");
        assert!(compared >= 0.5, "{compared}");
        let (_, amount) = best(&index, "how much does the rhine give?");
        assert!(amount < 0.5, "{amount}");
    }

    #[test]
    fn a_year_the_knowledge_does_not_have_is_not_ignored() {
        let index = index();
        let (_, known) = best(&index, "when is the water forum 2026?");
        let (_, other) = best(&index, "when is the water forum 2031?");
        assert!(other < 0.5, "another edition: {other}");
        assert!(known > other, "{known} vs {other}");
    }

    /// The small event with a session whose title has a word that also names a part of a time.
    fn index_with_an_ending() -> Index {
        let text = r#"
[event]
id = "forum"
title = "Water Forum"
time_zone = "Europe/Amsterdam"
start = 2026-06-01T09:00:00
end = 2026-06-02T17:00:00

[[speaker]]
id = "ada"
name = "Ada Lovelace"

[[session]]
id = "ending"
title = "The Grand Ending"
start = 2026-06-02T16:00:00
end = 2026-06-02T17:00:00
speakers = ["ada"]

[[session]]
id = "rivers"
title = "Rivers and deltas"
start = 2026-06-01T14:00:00
end = 2026-06-01T15:30:00
speakers = ["ada"]
"#;
        Index::build(&crate::knowledge::from_text(text), Lexicon::builtin())
    }

    #[test]
    fn a_part_of_a_time_asked_is_not_a_title_word() {
        let index = index_with_an_ending();
        // "finish" asks which part of the event's time is meant; the session's title word "ending" must
        // not make it the answer.
        assert_eq!(best(&index, "when does it finish?").0, "event.when");
        assert_eq!(best(&index, "when does it start?").0, "event.when");
        // A question that names the session still reaches it.
        assert_eq!(
            best(&index, "when does the grand ending start?").0,
            "session.ending"
        );
        assert_eq!(
            best(&index, "when do rivers and deltas end?").0,
            "session.rivers"
        );
    }

    #[test]
    fn when_a_speaker_speaks_is_answered_by_the_speaker() {
        let index = index_with_an_ending();
        // The speaker's answer lists both sessions with their times; either session alone tells half.
        for question in [
            "when is ada lovelace speaking?",
            "where does ada lovelace speak?",
        ] {
            assert_eq!(best(&index, question).0, "speaker.ada", "{question}");
        }
    }

    /// A small programme: one session named by its title, others whose long abstracts share its words and
    /// more, as a conference's abstracts do.
    fn index_with_abstracts() -> Index {
        let text = r#"
[event]
id = "forum"
title = "Water Forum"
time_zone = "Europe/Amsterdam"
start = 2026-06-01T09:00:00
end = 2026-06-01T17:00:00

[[session]]
id = "erosion"
title = "Soil erosion"
start = 2026-06-01T09:00:00
end = 2026-06-01T10:00:00

[[session]]
id = "farming"
title = "Working the land"
start = 2026-06-01T10:00:00
end = 2026-06-01T11:00:00
summary = "Farmers along the river tell how they keep their fields productive through dry summers and wet winters, what they learned about soil erosion on terraced farms, and which crops they gave up on."

[[session]]
id = "weather"
title = "Reading the sky"
start = 2026-06-01T11:00:00
end = 2026-06-01T12:00:00
summary = "A hands-on session with the forum's own weather station: how the volunteers log wind, sunshine and rain every hour, and how anyone can download the measurements and plot them at home."
"#;
        Index::build(&crate::knowledge::from_text(text), Lexicon::builtin())
    }

    fn score_of(index: &Index, question: &str, key: &str) -> f32 {
        let a = index.analyse(question, index.topics().len());
        a.ranked
            .iter()
            .find(|s| index.topic(s.topic).key == key)
            .map_or(0.0, |s| s.score)
    }

    #[test]
    fn a_long_text_cannot_outvote_a_short_exact_entry() {
        let index = index_with_abstracts();
        // The abstract has every word of the question, the title only two; summed, the abstract's three
        // body words would outweigh the title's two.
        assert_eq!(
            best(&index, "soil erosion on farms?").0,
            "session.erosion",
            "{} vs {}",
            score_of(&index, "soil erosion on farms?", "session.erosion"),
            score_of(&index, "soil erosion on farms?", "session.farming")
        );
    }

    #[test]
    fn a_topic_reached_only_through_prose_is_never_sure() {
        let index = index_with_abstracts();
        // Every word of the question is in the abstract, and nowhere else: it may answer, but at most at
        // the answer line, below a title the question names.
        let prose = score_of(&index, "terraced farms and crops", "session.farming");
        assert!(prose > 0.0 && prose <= PROSE_ALONE + 1e-6, "{prose}");
        let title = score_of(&index, "working the land", "session.farming");
        assert!(title > 0.9, "{title}");
    }

    #[test]
    fn a_word_found_only_in_prose_does_not_answer_what_is_asked() {
        let index = index_with_abstracts();
        // "Rain" is one word of one abstract; the session answers "when", but the question is not about
        // it, so it must stay below the answer line (0.5).
        let rain = score_of(
            &index,
            "will it rain on the farms tomorrow?",
            "session.weather",
        );
        assert!(rain < 0.5, "{rain}");
        // Named by its title, the same session answers "when" fully.
        assert!(score_of(&index, "when is reading the sky?", "session.weather") > 0.9);
    }

    #[test]
    fn a_statement_about_the_asker_is_not_part_of_what_is_asked() {
        let index = index();
        // "early" would ask when; the statement only says why the asker asks.
        let (topic, score) = best(
            &index,
            "i had to leave early, what did they say about droughts",
        );
        assert_eq!(topic, "finding.drought");
        assert!(score > 0.95, "{score}");
        // Where what is asked names nothing, the statement holds the subject.
        let (topic, _) = best(&index, "i want to hear about droughts, what should i go to");
        assert_eq!(topic, "finding.drought");
        // "Just arrived" says "I just arrived" without the "I": arriving is not what is asked.
        let (topic, score) = best(&index, "just arrived, what did they say about droughts");
        assert_eq!(topic, "finding.drought");
        assert!(score > 0.95, "{score}");
    }

    #[test]
    fn a_clause_naming_only_the_event_does_not_stand_for_the_question() {
        let index = index();
        let a = index.analyse(
            "droughts and wildfire insurance premiums, at the water forum?",
            5,
        );
        assert_eq!(a.clause, None);
    }

    #[test]
    fn a_word_related_only_to_the_events_own_name_is_another_subject() {
        let index = index();
        // "aqueous" is related to "water", which names the event: it is not read as the event's word.
        let a = index.analyse("anything aqueous?", 5);
        assert!(
            a.tokens.iter().all(|t| t.reading == Reading::Unknown),
            "{:?}",
            a.tokens
        );
    }

    #[test]
    fn corrected_typos_count_a_little_less() {
        let index = index();
        let (topic, score) = best(&index, "drougths?");
        assert_eq!(topic, "finding.drought");
        assert!(score < 1.0 && score > 0.6, "{score}");
    }
}
