//! Matching: question -> [`Match`]. Pure: no I/O, no clock, no answer text.
//!
//! [`Matcher::build`] normalises every topic of the knowledge into an inverted index once;
//! [`Matcher::read`] then reads a question (typos corrected, synonyms and intents resolved), scores the
//! topics it touches, and says which topic the question is about, if one is good enough, with the
//! runners-up. Writing the answer is the `answer` module's part.

pub mod abbreviation;
pub mod english;
pub mod enumeration;
pub mod index;
pub mod normalise;
pub mod places;
pub mod score;
pub mod speller;

use rustc_hash::{FxHashMap, FxHashSet};

use crate::knowledge::{Diagnostic, Kind, Knowledge, Session, Severity, Venue};
use crate::lexicon::{Intent, Lexicon};
use crate::reading::{self, Question};
use crate::topics::{Focus, Topic};

pub use index::Index;
pub use normalise::fold;
pub use score::{Analysis, Reading};

/// A question's tokens as plain strings (stems, canonical synonyms, intents such as `#where`), read with the
/// built-in lexicon alone: what unanswered questions are grouped by. It needs no knowledge, so the gaps can
/// be listed even while the knowledge files are broken, and `usher gaps` and `/gaps` group alike.
pub fn tokeniser() -> impl Fn(&str) -> Vec<String> {
    let normaliser = normalise::Normaliser::new(Lexicon::builtin(), &[]);
    move |text| {
        normaliser
            .tokens(text)
            .into_iter()
            .map(|token| token.text)
            .collect()
    }
}

/// When the engine answers and when it declines.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Thresholds {
    /// Below this confidence the answer is "I don't know".
    pub answer: f32,
    /// Between `answer` and `sure`, the best topic must lead the next by this much.
    pub margin: f32,
    /// At or above this confidence the best topic is answered even when another is as good.
    pub sure: f32,
    /// Topics scoring at least this are offered as suggestions.
    pub suggest: f32,
}

impl Default for Thresholds {
    fn default() -> Self {
        Thresholds {
            answer: 0.5,
            margin: 0.02,
            sure: 0.55,
            suggest: 0.3,
        }
    }
}

/// The weight at which a topic's field names it (its name or a keyword), rather than mentions it.
const NAMED: f32 = crate::topics::NAME;
/// The weight of the words of a facet (the event's time, its venue).
const FACET: f32 = crate::topics::FACET;
/// The key of the topic that answers with the event's announcements.
const NEWS: &str = "event.news";
/// How many ranked topics an analysis keeps: the best and enough runners-up to offer.
const KEEP: usize = 6;

/// The most topics tied for the best score among which one named exactly is put first.
const MOST_TIED_TO_PICK: usize = 4;
/// The most runners-up a match offers.
const MAX_RUNNERS_UP: usize = 3;
/// Sessions scoring at least this share of the best score answer the question together: "is there
/// anything on scheduling?" has as many answers as there are sessions on it, and "teaching or
/// classrooms" is answered by the sessions on either.
const SEVERAL: f32 = 0.9;
/// When the question asks for sessions ("any talks about AI and copyright"), it asks for a list: the
/// sessions down to this share of the best score answer it together, best first.
const SEVERAL_ASKED: f32 = 0.8;

/// A question as matching read it: the topic it is about, when one is good enough to answer, how sure,
/// and the other topics it may have meant.
#[derive(Debug, Clone)]
pub struct Match<'m> {
    /// How the question was read: its words and corrections, tokens, and the topics scored.
    pub reading: Analysis,
    /// The topic the question is about; `None` when no topic is good enough to answer.
    pub topic: Option<&'m Topic>,
    /// How sure the match is, 0..1; 0 without a topic.
    pub confidence: f32,
    /// Which part of a time the question asks about ("when does it end").
    pub focus: Focus,
    /// Other topics the question may have meant, best first, with their scores.
    pub runners_up: Vec<(&'m Topic, f32)>,
    /// Every topic the question touched enough to rank, best first, with its score: what else it names.
    pub candidates: Vec<(&'m Topic, f32)>,
    /// The sessions that answer the question together, best first, when more than one scores nearly as
    /// well as the best and nothing else comes between them; empty otherwise.
    pub several: Vec<&'m Topic>,
    /// The question's form: a remark, a question outside any knowledge, a yes or no, a choice.
    pub question: Question,
    /// Whether no topic answers because the one nearest only mentions the kind of thing whose names
    /// the question asks for ("which companies ...?").
    pub unnamed: bool,
    /// Asked whether the event was about a subject, a statement of the report or an FAQ that speaks of
    /// it, when one does surely: the event's own subject decides the check, this says where it came up.
    pub mentioned: Option<&'m Topic>,
}

/// The index of one knowledge base with the thresholds that say when a topic is good enough: built
/// once, shared read-only.
#[derive(Debug)]
pub struct Matcher {
    index: Index,
    thresholds: Thresholds,
    /// Topic key -> topic id, for a topic chosen by its key.
    by_key: FxHashMap<String, u32>,
    /// The tokens "start", "end" and "duration" become, which say what a question about time asks for.
    focus_words: [String; 4],
    /// The tokens of the nouns every session is ("talk", "session"): a question with one asks for
    /// sessions.
    item_words: Vec<String>,
    /// Whether the knowledge names any speaker.
    names_people: bool,
    /// Whether the knowledge says of any detail that the source does not give it.
    notes_missing_details: bool,
    /// The abbreviations the knowledge writes in capitals ("UN"), folded: a question may write them in
    /// lower case.
    abbreviations: std::sync::OnceLock<FxHashSet<String>>,
}

/// How a question whether someone was at the event is asked of knowledge that names no one.
const PRESENCE: &str = "who spoke";

/// The word added to a question whether a host took part, so that it asks of the hosts.
const HOSTING: &str = "host";

/// The key of the topic saying what the event is about.
const EVENT_ABOUT: &str = "event.about";

/// How a check whether one that is no host hosted the event is asked: as who hosted it.
const HOSTS_ASKED: &str = "who hosted it";

/// The words added to a question about a break that no session is, so that it asks of the programme
/// (which the answer then says lists none).
const PROGRAMME: &str = "programme schedule";

impl Matcher {
    /// Indexes the topics of `knowledge`.
    pub fn build(knowledge: &Knowledge, thresholds: Thresholds) -> Matcher {
        let index = Index::build(knowledge, Lexicon::builtin());
        let by_key = index
            .topics()
            .iter()
            .enumerate()
            .map(|(i, t)| (t.key.clone(), u32::try_from(i).unwrap_or(u32::MAX)))
            .collect();
        // Canonical tokens are stems ("duration" becomes "durat"), so ask the normaliser rather than guess.
        let focus_words = ["start", "end", "duration", "time_zone"].map(|word| {
            index
                .normaliser
                .tokens(word)
                .into_iter()
                .next()
                .map_or_else(|| word.to_string(), |t| t.text)
        });
        let item_words = Lexicon::builtin()
            .programme
            .items
            .iter()
            .flat_map(|word| index.normaliser.tokens(word))
            .map(|token| token.text)
            .collect();
        Matcher {
            index,
            thresholds,
            by_key,
            focus_words,
            item_words,
            names_people: !knowledge.speakers().is_empty(),
            notes_missing_details: !knowledge.event.not_given.is_empty(),
            abbreviations: std::sync::OnceLock::new(),
        }
    }

    /// An error for each entry no question could match: the check only the index can make.
    pub fn unmatchable(&self) -> Vec<Diagnostic> {
        let mut errors = Vec::new();
        for (id, topic) in self.index.topics().iter().enumerate() {
            let id = u32::try_from(id).unwrap_or(u32::MAX);
            if topic.entry.is_some() && self.index.own_term_count(id) == 0 {
                errors.push(Diagnostic {
                    path: topic.origin.path.clone(),
                    line: topic.origin.line,
                    col: topic.origin.col,
                    severity: Severity::Error,
                    message: format!(
                        "`{}` has no words a question could match: give it a title, keywords or text that is more than stop words",
                        topic.key
                    ),
                });
            }
        }
        errors
    }

    pub fn topics(&self) -> &[Topic] {
        self.index.topics()
    }

    /// The topic with this key, as a suggestion button or a slash command names it.
    pub fn topic(&self, key: &str) -> Option<&Topic> {
        self.by_key.get(key).map(|&id| self.index.topic(id))
    }

    pub fn thresholds(&self) -> Thresholds {
        self.thresholds
    }

    /// The index, for maintainers' explanations of how a question was read.
    pub fn index(&self) -> &Index {
        &self.index
    }

    /// Reads a question: the topic it is about, if one is good enough, and the runners-up.
    pub fn read(&self, text: &str) -> Match<'_> {
        let text = &self.as_read(text);
        let folded = fold(text);
        let words: Vec<String> = crate::lexicon::respell(&normalise::split_words(&folded))
            .into_iter()
            .map(|(word, _)| word)
            .collect();
        let question = reading::read(&folded, &words, &self.index);
        // A remark or a question outside any knowledge is not matched, and nothing is offered instead.
        if question.aside.is_some() || question.outside.is_some() {
            let mut m = self.unmatched(self.index.analyse(text, KEEP), f32::INFINITY);
            m.question = question;
            return m;
        }
        // How the asker comes ("if I hop on my bike now") says nothing of what is asked.
        let conditioned = reading::without_the_condition(&words);
        let asked = question
            .rewritten
            .as_deref()
            .or(conditioned.as_deref())
            .unwrap_or(text);
        // "Is the institute hosting alone today?" checks who hosts, whichever day it is.
        let hosting_checked = question.wants == reading::Wants::Check
            && question
                .guesses
                .iter()
                .any(|g| matches!(g.slot, reading::Slot::Host | reading::Slot::SoleHost));
        let dayless = hosting_checked
            .then(|| reading::without_relative_days(asked))
            .flatten();
        let asked = dayless.as_deref().unwrap_or(asked);
        // "If I get there at 4": the hour is the reading's to hold, and no number to match.
        let clockless = reading::without_clock_figures(asked);
        let asked = clockless.as_deref().unwrap_or(asked);
        let mut reading = self.index.analyse(asked, KEEP);
        // Of an either-or question, only one naming two hosts ("was the centre involved or just the
        // institute?") asks which hosted it: "did the centre attend in person or online?" chooses
        // something else.
        let hosts_needed = if question.wants == reading::Wants::Choice {
            2
        } else {
            1
        };
        // "Did somebody from the centre present?" asks about a person there, not whether the centre
        // hosted it.
        let someone_from = question.presence && reading::names_people(&words);
        if reading::asks_taking_part(&question, &words)
            && !someone_from
            && self.hosts_named(&reading) >= hosts_needed
        {
            // "Is the institute involved?" of a host asks whether it hosts the event.
            reading = self.index.analyse(&format!("{asked} {HOSTING}"), KEEP);
        } else if question.wants == reading::Wants::Check
            && question.guesses.iter().any(|g| {
                matches!(g.slot, reading::Slot::Host | reading::Slot::SoleHost)
                    && self.names_an_organisation_not_hosting(&g.words.join(" "))
            })
            && self.hosts_named(&reading) == 0
        {
            // "Did the bank host it?" of a sponsor, not a host, is answered by who the hosts are.
            reading = self.index.analyse(HOSTS_ASKED, KEEP);
        } else if reading::asks_about_a_break(&words) && !self.lists_a_break() {
            reading = self.index.analyse(&format!("{asked} {PROGRAMME}"), KEEP);
        } else if question.presence && !self.names_people {
            // Whether someone was there, where the knowledge names no one, is answered by what it says
            // of the people there, whoever the question names.
            reading = self.index.analyse(PRESENCE, KEEP);
        }
        if let Some(when) = self.date_checked_alone(&question, &reading) {
            reading = when;
        }
        self.put_the_missing_detail_first(&question, text, &words, &mut reading);
        self.put_the_spelling_first(&question, text, &words, &mut reading);
        // "What is it about?": the event's description, though a session's abstract says "topic".
        if reading::asks_only_what_the_event_is_about(&question)
            && let Some(&about) = self.by_key.get(EVENT_ABOUT)
        {
            self.put_first(&mut reading, about);
        }
        if question.needs == Some(reading::Needs::Forecast) {
            self.put_the_forecast_first(&mut reading);
        }
        let mut m = self.decide(reading);
        if m.topic
            .is_some_and(|topic| !self.says_what_is_asked(&question, text, &words, topic))
        {
            m = self.unmatched(m.reading, f32::INFINITY);
        }
        // A choice names its options ("at the institute or the centre?"), and a check its guess ("is the
        // institute the funder?"), not what it asks about: the answer names the one that is.
        if question.wants == reading::Wants::Fact
            && m.topic
                .is_some_and(|topic| self.names_an_organisation_it_does_not(&m, topic))
        {
            m = self.unmatched(m.reading, f32::INFINITY);
        }
        if m.topic
            .is_some_and(|topic| names_a_country_only_within_a_name(&words, &question, topic))
        {
            m = self.unmatched(m.reading, f32::INFINITY);
        }
        if m.topic
            .is_some_and(|topic| self.names_none_of_the_kind_asked(&words, topic))
        {
            m = self.unmatched(m.reading, f32::INFINITY);
            m.unnamed = true;
        }
        if m.topic.is_some() {
            m.mentioned = self.mentioned(&question);
        }
        m.question = question;
        m
    }

    /// Whether the topic a question matched says what it asks, beyond sharing its words: another
    /// country's role, how long something lasted, a date, a definition, a document's text, a forecast
    /// ask for what only a text giving it answers.
    fn says_what_is_asked(
        &self,
        question: &Question,
        text: &str,
        words: &[String],
        topic: &Topic,
    ) -> bool {
        // "What year did the mission start?" is not answered by an entry that gives no date.
        let dateless_entry = |topic: &Topic| {
            topic.speaks_beyond_the_event()
                && !topic
                    .fields
                    .iter()
                    .any(|field| !field.facet && reading::gives_a_date(&field.text))
        };
        // "What is Chile's contribution?" answered by a finding on Peru's asks about another country than
        // the answer speaks of: the knowledge does not say. "How long has Peru been in the league?" is
        // not answered by how long the event lasted, nor by what the report says of Peru.
        // "Did an attack actually happen?" is not answered by a finding that only supposes one.
        let supposed = || {
            reading::asks_whether_it_came_to_pass(words)
                && topic.speaks_beyond_the_event()
                && topic
                    .fields
                    .iter()
                    .filter(|field| field.is_said())
                    .all(|field| reading::only_supposes(words, &field.text))
        };
        let beyond = self.names_a_country_it_does_not(words, question, topic)
            || places_in_a_country_it_only_describes(words, topic)
            || supposed()
            || self.gives_no_view_of(words, topic)
            || question.other_time == Some(reading::OtherTime::Lasting)
                && (topic.is_the_events_time() || topic.speaks_beyond_the_event())
            || question.other_time == Some(reading::OtherTime::Going)
                && topic.speaks_beyond_the_event()
            || match question.needs {
                None => false,
                Some(reading::Needs::Date) => dateless_entry(topic),
                Some(reading::Needs::Expansion) => {
                    !self.spells_out_what_is_asked(text, words, topic, false)
                }
                Some(reading::Needs::Content) => reading::document_asked(words)
                    .is_none_or(|document| !says_what_it_says(document, topic)),
                // What a word means is asked of what the source speaks of: the event's own parts
                // ("explain the schedule in simple terms") answer with what they are.
                Some(reading::Needs::Definition) => {
                    !self.spells_out_what_is_asked(text, words, topic, true)
                        || topic.speaks_beyond_the_event()
                            && !defines_the_word_asked(words, topic, self.abbreviations())
                }
                // "Will the army send more troops?" is a forecast only a statement looking ahead
                // answers. An FAQ answers for the organisers ("will there be wifi?": "there is"),
                // who may say how things will be in the present tense.
                Some(reading::Needs::Forecast) => {
                    topic.speaks_beyond_the_event()
                        && topic.entry != Some(crate::knowledge::Faq::KIND)
                        && !looks_ahead(topic)
                }
            };
        !beyond
    }

    /// Whether a question asks the view of someone ("how did the capital react", "how does the ministry
    /// see it") that the answering statement's own text never names: a maintainer's keyword may lead
    /// there, but the statement gives the view of those it names, not of another.
    fn gives_no_view_of(&self, words: &[String], topic: &Topic) -> bool {
        // An FAQ answers for the organisers, in words of its own.
        if topic.entry != Some(crate::knowledge::Finding::KIND) {
            return false;
        }
        let Some(holder) = reading::holder_of_a_view(words) else {
            return false;
        };
        let lexicon = Lexicon::builtin();
        let tokens = |text: &str| -> Vec<String> {
            self.index
                .normaliser
                .tokens(text)
                .into_iter()
                .map(|token| token.text)
                .collect()
        };
        let held: Vec<String> = holder
            .iter()
            .filter(|word| !lexicon.is_stop_word(word) && word.len() >= 3)
            .flat_map(|word| tokens(word))
            .collect();
        if held.is_empty() {
            return false;
        }
        let said: FxHashSet<String> = topic
            .fields
            .iter()
            .filter(|field| field.is_said())
            .flat_map(|field| tokens(&field.text))
            .collect();
        !held.iter().any(|token| said.contains(token))
    }

    /// "My colleague reckons it was sometime in May, right?": a check of a date whose other words match
    /// nothing surely asks when the event was, as "was it in May?" does; the analysis of that, if so.
    fn date_checked_alone(&self, question: &Question, reading: &Analysis) -> Option<Analysis> {
        // A word the knowledge never uses ("will it *rain* on Thursday?") is what such a check asks
        // about, unless it only says who said so ("my colleague reckons ...").
        // So is a word of the knowledge that does not name the event ("was the *attack* on 30
        // March?"): the date is that of something else.
        let guessed: Vec<&str> = question
            .guesses
            .iter()
            .flat_map(|g| g.words.iter().map(String::as_str))
            .collect();
        let asks_another_subject = reading.tokens.iter().any(|t| {
            let said = t.is_an_unknown_word() || matches!(t.reading, score::Reading::Known(_));
            said && t.cover == 0.0
                && !reading::reports_who_said(&t.token.source)
                && !guessed.contains(&t.token.source.as_str())
        });
        (question.wants == reading::Wants::Check
            && !asks_another_subject
            && reading
                .ranked
                .first()
                .is_none_or(|best| best.score < self.thresholds.sure)
            && question
                .guesses
                .iter()
                .any(|g| reading::gives_a_date(&g.words.join(" "))))
        .then(|| self.index.analyse(reading::WHEN_IS_IT, KEEP))
    }

    /// "Was it in the main hall or a smaller room?" where the source names no room is answered by
    /// the note that it does not: no other entry can say yes, no or which. Only a choice or a check
    /// of a place whose options name the detail is read so: "was the report written in English or
    /// Dutch?" names the report's author note by "written", not by its options.
    fn put_the_missing_detail_first(
        &self,
        question: &Question,
        text: &str,
        words: &[String],
        reading: &mut Analysis,
    ) {
        if self.notes_missing_details
            && (question.wants == reading::Wants::Choice
                || question.wants == reading::Wants::Check
                    && question
                        .guesses
                        .iter()
                        .any(|g| g.slot == reading::Slot::Place))
        {
            if let Some(note) = self.missing_detail_named_by(&question.guesses, words) {
                // A rewritten choice ("where ...") may not rank the note: the question as asked does.
                let mut asked_so = if reading.ranked.iter().any(|s| s.topic == note) {
                    reading.clone()
                } else {
                    self.index.analyse(text, KEEP)
                };
                if self.put_first(&mut asked_so, note) {
                    *reading = asked_so;
                }
            }
        }
    }

    /// "ABC = ? spell it out": of the topics the question reaches, the one that spells the
    /// abbreviation out answers, though its other words ("spell") rank another higher.
    fn put_the_spelling_first(
        &self,
        question: &Question,
        text: &str,
        words: &[String],
        reading: &mut Analysis,
    ) {
        let names_an_abbreviation = abbreviation::abbreviations(text).next().is_some()
            || words
                .iter()
                .any(|word| self.abbreviations().contains(word.as_str()));
        if question.needs == Some(reading::Needs::Expansion) && names_an_abbreviation {
            let spelling = reading.ranked.iter().map(|s| s.topic).find(|&topic| {
                self.spells_out_what_is_asked(text, words, self.index.topic(topic), false)
            });
            if let Some(topic) = spelling {
                self.put_first(reading, topic);
            }
        }
    }

    /// The question written as it is read: dates spelled, a run-on check split, days in the possessive
    /// as "the", acronyms expanded.
    fn as_read(&self, text: &str) -> String {
        // "30/4" is a date: spelled with its month's name, it is read as one.
        let spelled = reading::spelled_dates(text);
        let text = spelled.as_deref().unwrap_or(text);
        // "I'm at the museum is this the right place" is "I'm at the museum, is this the right place".
        let run_on = reading::with_run_on_check_split(text);
        let text = run_on.as_deref().unwrap_or(text);
        // "Today's seminar" says which event, not when.
        let clockless = reading::without_the_clock_misread(text);
        let text = clockless.as_deref().unwrap_or(text);
        let unpossessed = reading::without_possessive_days(text);
        let text = unpossessed.as_deref().unwrap_or(text);
        let uninterjected = reading::without_a_leading_interjection(text);
        let text = uninterjected.as_deref().unwrap_or(text);
        let liking = reading::with_like_as_a_verb(text);
        let text = liking.as_deref().unwrap_or(text);
        let unpurposed = self.without_the_askers_purpose(text);
        let text = unpurposed.as_deref().unwrap_or(text);
        self.index.normaliser.expand_acronyms(text).into_owned()
    }

    /// The question without what the asker needs the answer for ("the street and number *for my
    /// expense claim*", "the address *to put in my expense report*"): "for my", "for our" or "for her"
    /// (a colleague's), or "to" and a verb before one of those, then the rest of its clause, where that
    /// names something the knowledge does not know, whose words would otherwise count against every
    /// topic. `None` when there is none.
    fn without_the_askers_purpose(&self, text: &str) -> Option<String> {
        let words: Vec<&str> = text.split(' ').collect();
        let bare = reading::bare;
        let whose = |word: &str| {
            matches!(
                bare(word).as_str(),
                "my" | "our" | "her" | "his" | "their" | "your"
            )
        };
        // "To put (it) in my ...": "to", a verb, maybe "it" and a preposition, then whose.
        let led_by_to = |at: usize| {
            (bare(words[at]) == "to").then_some(()).and_then(|()| {
                (at + 2..=at + 4)
                    .find(|&next| next < words.len() && whose(words[next]))
                    .filter(|&next| {
                        words[at + 2..next].iter().all(|between| {
                            matches!(bare(between).as_str(), "it" | "in" | "into" | "on" | "onto")
                        })
                    })
            })
        };
        let (at, possessive) = (0..words.len().saturating_sub(1)).find_map(|at| {
            if bare(words[at]) == "for" && whose(words[at + 1]) {
                Some((at, at + 1))
            } else {
                led_by_to(at).map(|next| (at, next))
            }
        })?;
        // The purpose runs to the end of its clause ("for my thesis, when was it"), at most four
        // words, and names something the knowledge does not know.
        let mut end = possessive + 1;
        let mut unknown = false;
        while end < words.len() && end < possessive + 5 {
            let word = words[end];
            let stem = bare(word);
            unknown |= !stem.is_empty() && !reading::Vocabulary::knows(&self.index, &stem);
            end += 1;
            if word.ends_with([',', '?', '.', '!', ';', ':']) {
                break;
            }
        }
        if !unknown {
            return None;
        }
        // What ended the purpose's last word ("claim,") still ends its clause.
        let punctuation: String = words[end - 1]
            .chars()
            .rev()
            .take_while(|c| !c.is_alphanumeric())
            .collect();
        let mut out = words[..at].join(" ");
        out.push_str(&punctuation.chars().rev().collect::<String>());
        let rest = words[end..].join(" ");
        if !rest.is_empty() {
            out.push(' ');
            out.push_str(&rest);
        }
        Some(out)
    }

    /// Whether a topic of the event's own (a session, the programme) names a break: then a question
    /// about one is matched as usual.
    fn lists_a_break(&self) -> bool {
        self.index.topics().iter().any(|topic| {
            !topic.speaks_beyond_the_event()
                && topic
                    .fields
                    .iter()
                    .any(|field| !field.facet && reading::names_a_break(&field.text))
        })
    }

    /// Whether the words a check guesses name an organisation of the knowledge other than a host (a
    /// supporter, an initiative) by its name: "did the bank host it?" guesses the bank, whose entry says
    /// it sponsors; "is there financial support behind it?" guesses no one, though "support" is a
    /// keyword of the sponsor.
    fn names_an_organisation_not_hosting(&self, guessed: &str) -> bool {
        use crate::knowledge::{Initiative, Kind as _, Supporter};
        let normaliser = &self.index.normaliser;
        let guessed: Vec<String> = normaliser
            .tokens(guessed)
            .into_iter()
            .map(|t| t.text)
            .collect();
        !guessed.is_empty() && self.index.topics().iter().any(|topic| {
            matches!(topic.entry, Some(kind) if kind == Supporter::KIND || kind == Initiative::KIND)
                && topic.fields.iter().filter(|f| f.identity).any(|name| {
                    let name = normaliser.tokens(&name.text);
                    guessed.iter().all(|g| name.iter().any(|n| &n.text == g))
                })
        })
    }

    /// How many of the event's hosts a question names exactly.
    fn hosts_named(&self, reading: &Analysis) -> usize {
        use crate::knowledge::{Host, Kind as _};
        let terms = reading.known_terms();
        self.index
            .topics()
            .iter()
            .enumerate()
            .filter(|(id, topic)| {
                topic.entry == Some(Host::KIND)
                    && self
                        .index
                        .names_exactly(u32::try_from(*id).unwrap_or(u32::MAX), &terms)
            })
            .count()
    }

    /// For a check of what the event was about ("was it about rivers?"), which the event's own subject
    /// decides, the statement or FAQ that surely speaks of the subject, if any.
    fn mentioned(&self, question: &reading::Question) -> Option<&Topic> {
        use crate::knowledge::{Faq, Finding, Kind as _};
        let guess = question
            .guesses
            .iter()
            .find(|g| g.slot == reading::Slot::Subject)?;
        question.rewritten.as_ref()?;
        let m = self.decide(self.index.analyse(&guess.words.join(" "), KEEP));
        m.topic.filter(|topic| {
            m.confidence >= self.thresholds.sure
                && topic
                    .entry
                    .is_some_and(|kind| kind == Finding::KIND || kind == Faq::KIND)
        })
    }

    /// Whether a question names an organisation or initiative of the knowledge ("who funds the
    /// institute?") and is answered by another of them, a supporter or initiative, whose texts never name
    /// it: what the answer says of itself is not said of the one asked about. So too a question asking
    /// where an organisation is ("where is the centre based?"), answered by a venue that never names it:
    /// where the event is held is not where the organisation is.
    fn names_an_organisation_it_does_not(&self, m: &Match<'_>, topic: &Topic) -> bool {
        use crate::knowledge::{Host, Initiative, Kind as _, Supporter, Venue};
        let organisation = |t: &Topic| {
            t.entry
                .is_some_and(|kind| [Host::KIND, Initiative::KIND, Supporter::KIND].contains(&kind))
        };
        let lexicon = Lexicon::builtin();
        let asks_where_it_is = topic.entry == Some(Venue::KIND)
            && m.reading
                .tokens
                .iter()
                .any(|t| matches!(t.reading, Reading::Intent(Intent::Where, _)))
            // "Where is the centre's seminar?", "where is the centre hosting it?" ask for the venue.
            && !m.reading.tokens.iter().any(|t| {
                let source = t.token.source.as_str();
                lexicon.facet("event").iter().any(|noun| noun == source)
                    || lexicon.synonyms_of("host").iter().any(|host| host == source)
            });
        if !asks_where_it_is
            && !topic
                .entry
                .is_some_and(|kind| [Initiative::KIND, Supporter::KIND].contains(&kind))
        {
            return false;
        }
        let terms = m.reading.known_terms();
        let said: Vec<String> = topic.fields.iter().map(|field| fold(&field.text)).collect();
        // Where it is, only an organisation the question names by one of its names is asked about: a
        // keyword ("experts") does not place the question at it.
        let typed: Vec<&str> = m.reading.words.iter().map(|w| w.text.as_str()).collect();
        let named_by_name = |other: &Topic| {
            other
                .fields
                .iter()
                .filter(|field| field.identity)
                .any(|name| {
                    let name = normalise::split_words(&fold(&name.text));
                    !name.is_empty()
                        && typed.windows(name.len()).any(|window| {
                            window.iter().copied().eq(name.iter().map(String::as_str))
                        })
                })
        };
        self.index.topics().iter().enumerate().any(|(id, other)| {
            let id = u32::try_from(id).unwrap_or(u32::MAX);
            !std::ptr::eq(other, topic)
                && organisation(other)
                && self.index.names_exactly(id, &terms)
                && (!asks_where_it_is || named_by_name(other))
                && !other
                    .fields
                    .iter()
                    .filter(|field| field.identity)
                    .any(|name| {
                        let name = fold(&name.text);
                        said.iter().any(|text| text.contains(&name))
                    })
        })
    }

    /// Whether a question asks for the names of things of a kind ("which companies operate there?") that
    /// the topic answering it, one of the source's statements, only mentions or never speaks of: it
    /// names none of them beside the kind's noun (see [`enumeration`]).
    fn names_none_of_the_kind_asked(&self, words: &[String], topic: &Topic) -> bool {
        if !topic.speaks_beyond_the_event() {
            return false;
        }
        let Some(kind) = enumeration::kind_asked(words) else {
            return false;
        };
        let stem = |word: &str| {
            self.index
                .normaliser
                .tokens(word)
                .into_iter()
                .next()
                .map(|token| token.text)
        };
        let noun = kind.last().and_then(|word| stem(word));
        // A supporter or an initiative is itself one of the organisations asked for ("which
        // organisations fund it?"), named by its own name.
        let organisation_asked = ["organisation", "sponsor"]
            .iter()
            .any(|word| stem(word) == noun);
        let statement = topic.entry.is_some_and(|kind| {
            kind == crate::knowledge::Finding::KIND || kind == crate::knowledge::Faq::KIND
        });
        if organisation_asked && !statement {
            return false;
        }
        let same = |word: &str| noun.is_some() && stem(word) == noun;
        // A word of the question, or one that names the event, is no new one of the kind.
        let known = |word: &str| {
            words.iter().any(|asked| asked.eq_ignore_ascii_case(word))
                || self.index.normaliser.tokens(word).iter().any(|token| {
                    self.index
                        .term(&token.text)
                        .is_some_and(|term| self.index.context_cover(term) > 0.0)
                })
        };
        // Only what the topic says, not the words a maintainer asks it by.
        !topic
            .fields
            .iter()
            .filter(|field| field.is_said())
            .any(|field| enumeration::names_one(&field.text, same, known))
    }

    /// The abbreviations the knowledge writes in capitals, gathered the first time a question asks what
    /// one stands for: few do, and a large programme's texts take a while to read.
    fn abbreviations(&self) -> &FxHashSet<String> {
        self.abbreviations.get_or_init(|| {
            self.index
                .topics()
                .iter()
                .flat_map(|topic| &topic.fields)
                .flat_map(|field| abbreviation::abbreviations(&field.text))
                .collect()
        })
    }

    /// Whether a topic spells out an abbreviation a question asks about: one it writes in capitals or
    /// the knowledge does. A question that names none is not held to this. A topic named by the
    /// abbreviation (an FAQ "What is ABC?") also `defines` it: it says what the abbreviation is, if not
    /// what its letters stand for.
    fn spells_out_what_is_asked(
        &self,
        text: &str,
        words: &[String],
        topic: &Topic,
        defines: bool,
    ) -> bool {
        let mut asked: Vec<String> = abbreviation::abbreviations(text).collect();
        asked.extend(
            words
                .iter()
                .filter(|word| self.abbreviations().contains(word.as_str()))
                .cloned(),
        );
        asked.is_empty()
            || asked.iter().any(|abbreviation| {
                // What the topic says or is named, not the words a maintainer asks it by.
                topic
                    .fields
                    .iter()
                    .filter(|field| field.identity || field.is_said())
                    .any(|field| abbreviation::spells_out(abbreviation, &field.text))
                    || defines
                        && topic
                            .fields
                            .iter()
                            // A short name, not an address or a postcode that has the letters in it
                            // ("2597 VH").
                            .filter(|field| {
                                let words = || field.text.split_whitespace();
                                field.identity
                                    && words().count() <= 4
                                    && !words().any(|w| w.chars().all(|c| c.is_ascii_digit()))
                            })
                            .any(|field| {
                                abbreviation::abbreviations(&field.text).any(|a| a == *abbreviation)
                            })
            })
    }

    /// Whether a question names a country that neither names the event ("Peru" at a forum on Peru)
    /// nor is a guess to check ("is it in Germany?"), and that the answering topic's texts never name.
    fn names_a_country_it_does_not(
        &self,
        words: &[String],
        question: &Question,
        topic: &Topic,
    ) -> bool {
        // Only a subject the report or the FAQ speaks of is another country's: the event's own facets
        // (its time, its place) answer whatever country the asker comes from.
        if question.presence || !topic.speaks_beyond_the_event() {
            return false;
        }
        let guessed = |name: &[String]| guesses_the_name(question, name);
        // Every word of the name that is read at all ("the US" is read by "us" alone, a stop word: not
        // at all) is one of the event's own.
        let names_the_event = |name: &[String]| {
            let tokens: Vec<_> = name
                .iter()
                .flat_map(|word| self.index.normaliser.tokens(word))
                .collect();
            !tokens.is_empty()
                && tokens.iter().all(|token| {
                    self.index.term(&token.text).is_some_and(|term| {
                        self.index.context_cover(term) >= crate::topics::EVENT_COVER
                    })
                })
        };
        // The topic may name the country by its adjective ("the Peruvian rivers" for Peru).
        let names = |text: &[String], name: &[String]| {
            let (last, first) = name.split_last().expect("a name has a word");
            // A short last word ("the US") is whole: "the usual" names no country.
            text.windows(name.len()).any(|w| {
                w[..first.len()] == *first
                    && (w[first.len()] == *last
                        || last.len() >= 4 && w[first.len()].starts_with(last.as_str()))
            })
        };
        // "More rain than Chile": a country the question compares with is no subject of its own; nor is
        // one a choice offers ("Peru or Chile?").
        if question.wants == reading::Wants::Choice
            || words
                .iter()
                .any(|word| matches!(word.as_str(), "than" | "compared" | "versus" | "vs"))
        {
            return false;
        }
        // A check read as another question ("is it supported by the Dutch government?" read as what
        // supports it) guesses at what it leaves out.
        let left_out = |name: &[String]| leaves_out_the_name(question, name);
        let asked: Vec<places::Named> = places::countries_named(words)
            .into_iter()
            .filter(|country| {
                !guessed(&country.asked)
                    && !left_out(&country.asked)
                    && !names_the_event(&country.asked)
                    && !country.names.iter().any(|name| names_the_event(name))
            })
            .collect();
        // Most questions name no country: the topic's texts are read only for one that does.
        if asked.is_empty() {
            return false;
        }
        let said: Vec<Vec<String>> = topic
            .fields
            .iter()
            .map(|field| normalise::split_words(&fold(&field.text)))
            .collect();
        asked.iter().any(|country| {
            !said.iter().any(|text| {
                names(text, &country.asked) || country.names.iter().any(|name| names(text, name))
            })
        })
    }

    /// Of a few topics that tie for the best score, a note that the source does not give a detail comes first;
    /// then one the question names exactly (all of a name, an alias or
    /// a keyword of it: "what is CVE" of an FAQ on what CVE stands for) comes first, ahead of one that
    /// only has the same words among others (the event's title, which spells CVE out).
    fn put_the_exactly_named_first(&self, reading: &mut Analysis) {
        let Some(best) = reading.ranked.first().map(|s| s.score) else {
            return;
        };
        // Scores that differ only by rounding tie.
        let tied = reading
            .ranked
            .iter()
            .take_while(|s| (best - s.score).abs() <= 1e-5 * best.max(1.0))
            .count();
        // Many topics tie when the question asks only what they all answer ("when does it finish" of a
        // programme's sessions): the order of the knowledge decides those, not a keyword of one.
        if !(2..=MOST_TIED_TO_PICK).contains(&tied) {
            return;
        }
        let terms = reading.known_terms();
        // A note that the source does not give a detail answers a question naming that detail ("which
        // room was the reception in") better than the part it ties with.
        let not_given = |s: &score::Scored| {
            self.index.topic(s.topic).is_not_given() && self.index.names_exactly(s.topic, &terms)
        };
        if !not_given(&reading.ranked[0]) {
            if let Some(at) = reading.ranked[..tied].iter().position(not_given) {
                let note = reading.ranked.remove(at);
                reading.ranked.insert(0, note);
                return;
            }
        }
        if terms.is_empty() || self.index.names_exactly(reading.ranked[0].topic, &terms) {
            return;
        }
        if let Some(at) = reading.ranked[..tied]
            .iter()
            .position(|s| self.index.names_exactly(s.topic, &terms))
        {
            let named = reading.ranked.remove(at);
            reading.ranked.insert(0, named);
        }
    }

    /// The note that the source does not give a detail which the guessed options name exactly ("a smaller
    /// room" names the room), if any.
    fn missing_detail_named_by(
        &self,
        guesses: &[reading::Guess],
        words: &[String],
    ) -> Option<index::TopicId> {
        let mut options: Vec<&str> = guesses
            .iter()
            .flat_map(|g| g.words.iter().map(String::as_str))
            .collect();
        // Options that share their noun ("room 1 or room 2", "the big room or the small one") are read
        // without it: the words just before and after each option in the question name the detail too.
        for guess in guesses {
            let n = guess.words.len();
            let Some(at) = words
                .windows(n.max(1))
                .position(|w| w == guess.words.as_slice())
            else {
                continue;
            };
            let beside = [at.checked_sub(1), Some(at + n)];
            options.extend(
                beside
                    .into_iter()
                    .flatten()
                    .filter_map(|i| words.get(i))
                    .map(String::as_str)
                    .filter(|word| !Lexicon::builtin().is_stop_word(word)),
            );
        }
        if options.is_empty() {
            return None;
        }
        let named = self.index.analyse(&options.join(" "), KEEP);
        let terms = named.known_terms();
        named.ranked.iter().map(|s| s.topic).find(|&topic| {
            self.index.topic(topic).is_not_given() && self.index.names_exactly(topic, &terms)
        })
    }

    /// Puts `note` first, as sure as the best, if it is ranked at all; whether it was.
    fn put_first(&self, reading: &mut Analysis, note: index::TopicId) -> bool {
        let Some(best) = reading.ranked.first().map(|s| s.score) else {
            return false;
        };
        let Some(at) = reading.ranked.iter().position(|s| s.topic == note) else {
            return false;
        };
        let mut note = reading.ranked.remove(at);
        // Words of the options the knowledge never uses ("main hall") lower every score; the note
        // answers the question all the same.
        note.score = note.score.max(best).max(self.thresholds.answer);
        reading.ranked.insert(0, note);
        true
    }

    /// Of statements that tie for the best score on a forecast ("will the city go for a broader plan
    /// eventually?"), one that itself looks ahead ("whether ... will be used ... remains to be seen")
    /// comes first: the others say how things stood.
    fn put_the_forecast_first(&self, reading: &mut Analysis) {
        let Some(best) = reading.ranked.first().map(|s| s.score) else {
            return;
        };
        let ahead = |id: index::TopicId| {
            let topic = self.index.topic(id);
            topic.speaks_beyond_the_event() && looks_ahead(topic)
        };
        if let Some(ahead) = reading
            .ranked
            .iter()
            .take_while(|s| best - s.score < 1e-3)
            .find(|s| ahead(s.topic))
            .map(|s| s.topic)
        {
            self.put_first(reading, ahead);
        }
    }

    /// The topic an analysed question is about, if one is good enough, and the runners-up.
    fn decide(&self, mut reading: Analysis) -> Match<'_> {
        self.set_aside_who_without_the_subject(&mut reading);
        self.put_the_exactly_named_first(&mut reading);
        let t = self.thresholds;
        let Some(best) = reading.ranked.first().copied() else {
            return self.unmatched(reading, 0.0);
        };
        let second = reading.ranked.get(1).map_or(0.0, |s| s.score);
        let several = self.several(&reading);
        // Sessions that tie are not a doubt about which topic is meant: each is an answer.
        // When what the question asks is a word the knowledge never uses ("who *won* the best demo
        // award"), the topic that shares its other words answers only if the question names it exactly
        // (all of a title, a name or a keyword): it is near the question, not an answer to it.
        // So too when the question names its subject with such a word ("the next event on elections").
        let unsure_of_subject = (reading.asks_an_unknown_word()
            || self.names_an_unknown_kind(&reading)
            || reading.names_an_unknown_subject(&Lexicon::builtin().subject_markers))
            && !self.index.names_exactly(best.topic, &reading.known_terms());
        // A note that the source does not give a detail, which the question names exactly ("which room
        // was the reception in"), answers whatever part of the event it ties with.
        let names_a_missing_detail = self.index.topic(best.topic).is_not_given()
            && self.index.names_exactly(best.topic, &reading.known_terms());
        let matched = !unsure_of_subject
            && best.score >= t.answer
            && (best.score - second >= t.margin
                || best.score >= t.sure
                || !several.is_empty()
                || names_a_missing_detail);
        if !matched
            || asks_a_number_of_the_event_itself(&reading)
            || self.asks_the_time_of_another_subject(&reading, best.topic)
            || self.asks_who_a_name_is(&reading, best.topic)
            || self.counts_what_the_list_is_not_of(&reading, best.topic)
            || self.counts_what_no_figure_gives(&reading, best.topic)
        {
            return self.unmatched(reading, t.suggest);
        }
        let focus = self.focus(&reading);
        // Runners-up close to the best are offered beside the answer.
        let runners_up = self.runners_up(&reading, 1, (best.score * 0.85).max(t.suggest));
        Match {
            topic: Some(self.index.topic(best.topic)),
            confidence: best.score,
            focus,
            runners_up,
            candidates: self.candidates(&reading),
            several,
            reading,
            question: Question::default(),
            unnamed: false,
            mentioned: None,
        }
    }

    /// Whether a question answered by a time of the event ("when did the mission end"), by its place
    /// ("which countries are in the region") or by its announcements ("the latest news on the drought")
    /// names a subject that only the report's findings, the FAQ or the event's wider setting speak of,
    /// and that the time, the place or the news does not cover: it asks when or where that is, or for
    /// the world's news of it, which the event's own time, place and announcements do not answer. So too
    /// a supporter of the event, asked who funds such a subject ("how is the mission paid for").
    fn asks_the_time_of_another_subject(&self, reading: &Analysis, best: index::TopicId) -> bool {
        let topic = self.index.topic(best);
        let a_time = topic.is_the_events_time();
        let a_place =
            matches!(topic.entry, None | Some(Venue::KIND)) && topic.answers(Intent::Where);
        // A supporter answers who funds the event: "how is the mission paid for" asks who funds
        // another subject, unless the question names the supporter itself ("is the fund involved").
        let a_supporter = topic.entry == Some(crate::knowledge::Supporter::KIND) && {
            let lexicon = Lexicon::builtin();
            let asked: Vec<&str> = reading.words.iter().map(|w| w.text.as_str()).collect();
            !topic
                .fields
                .iter()
                .filter(|field| field.identity)
                .flat_map(|field| normalise::split_words(&fold(&field.text)))
                .any(|word| !lexicon.is_stop_word(&word) && asked.contains(&word.as_str()))
        };
        if !a_time && !a_place && !a_supporter && topic.key != NEWS {
            return false;
        }
        let lexicon = Lexicon::builtin();
        let event_noun = |word: &str| {
            let singular = word.strip_suffix('s').unwrap_or(word);
            lexicon
                .facet("event")
                .iter()
                .any(|noun| noun == word || noun == singular)
        };
        // "The event about rivers and the league", "that thing on rivers": the words after an event's
        // noun (or "thing") and "about" or "on" say which event is meant.
        let said: Vec<&str> = reading.words.iter().map(|w| w.text.as_str()).collect();
        let naming_from = said
            .windows(2)
            .position(|pair| {
                (event_noun(pair[0]) || matches!(pair[0], "thing" | "one"))
                    && matches!(pair[1], "about" | "on")
            })
            .map(|at| at + 2);
        let names_which_event = |source: &str| {
            naming_from
                .is_some_and(|from| source.split(' ').all(|word| said[from..].contains(&word)))
        };
        reading.tokens.iter().enumerate().any(|(at, t)| {
            let Reading::Known(term) = t.reading else {
                return false;
            };
            if names_which_event(&t.token.source) {
                return false;
            }
            // "The talks" name the programme, not another subject.
            let programme_noun = lexicon.programme.nouns.contains(&t.token.source);
            if programme_noun {
                return false;
            }
            // "The Rimac expert seminar": a word before the event's own words that end in its kind
            // names the event by its subject, and asks nothing of that subject.
            // The words must follow one another as typed: "the public, like a lecture" names no event.
            let said: Vec<&str> = reading.words.iter().map(|w| w.text.as_str()).collect();
            let run: Vec<&str> = std::iter::once(t)
                .chain(
                    reading.tokens[at + 1..]
                        .iter()
                        .take_while(|next| next.cover > 0.0),
                )
                .flat_map(|token| token.token.source.split(' '))
                .collect();
            let names_the_event = reading.tokens[at + 1..]
                .iter()
                .take_while(|next| next.cover > 0.0)
                .any(|next| event_noun(&next.token.source))
                && said.windows(run.len()).any(|w| w == run.as_slice());
            // A figure ("at 4 30") is a time of day or a date, not a subject, whatever finding has
            // the same number in words.
            let a_figure = t.token.source.chars().all(|c| c.is_ascii_digit());
            if names_the_event || a_figure {
                return false;
            }
            let postings = self.index.postings(term);
            let is_elsewhere = |id: index::TopicId| self.index.topic(id).speaks_beyond_the_event();
            // Named by an entry elsewhere, and no word of the event's own facets or venue, nor a name or
            // keyword of a session (which the time answers, or says it lacks); a session's theme is a
            // subject, not its name. Of a place, the word is a name ("the Andes"), not a common word
            // an entry happens to use ("put it in the map").
            let a_name = !english::is_english_word(&t.token.source);
            let named_there = |p: &index::Posting| {
                is_elsewhere(p.topic) && (!a_place || a_time || p.weight >= FACET && a_name)
            };
            t.cover == 0.0
                && !postings.iter().any(|p| p.topic == best)
                && postings.iter().any(named_there)
                && !postings.iter().any(|p| {
                    let session = self.index.topic(p.topic).entry == Some(Session::KIND);
                    !is_elsewhere(p.topic) && p.weight >= if session { NAMED } else { FACET }
                })
        })
    }

    /// "Who does the city protect?" asks who of a subject: a topic of the event's own that answers who
    /// (its hosts, its speakers) but has none of the question's subject words merely answers the
    /// question word, when an entry (a finding, a session) has them all. Such topics are set aside, so
    /// that the entry is weighed against the others that name the subject.
    fn set_aside_who_without_the_subject(&self, reading: &mut Analysis) {
        /// The least weight of a word a topic has as its own (a mention, not a related word).
        const OWN_WORD: f32 = 0.4;
        let asks_who = reading
            .tokens
            .iter()
            .any(|t| matches!(t.reading, Reading::Intent(Intent::Who, _)));
        if !asks_who {
            return;
        }
        // A word of a facet ("spoke", "organised") asks for that facet, not about a subject; so does a
        // word of order in the programme ("who speaks first").
        let lexicon = Lexicon::builtin();
        let p = &lexicon.programme;
        let facet_word = |word: &str| {
            lexicon
                .facet_names()
                .any(|name| lexicon.facet(name).iter().any(|f| f == word))
                || [&p.first, &p.last, &p.next]
                    .iter()
                    .any(|order| order.iter().any(|o| o == word))
        };
        let subject: Vec<index::TermId> = reading
            .tokens
            .iter()
            .filter(|t| {
                t.cover == 0.0 && !facet_word(&t.token.source) && !facet_word(&t.token.text)
            })
            .filter_map(|t| match t.reading {
                Reading::Known(term) => Some(term),
                _ => None,
            })
            .collect();
        if subject.is_empty() {
            return;
        }
        // Only a word a topic has as its own counts, not one merely related to one of its words.
        let covers = |topic: index::TopicId, term: index::TermId| {
            self.index
                .postings(term)
                .iter()
                .any(|p| p.topic == topic && p.weight >= OWN_WORD)
        };
        let an_entry_has_it_all = reading.ranked.iter().any(|s| {
            self.index.topic(s.topic).entry.is_some()
                && subject.iter().all(|&term| covers(s.topic, term))
        });
        if !an_entry_has_it_all {
            return;
        }
        reading.ranked.retain(|s| {
            let topic = self.index.topic(s.topic);
            let answers_who_alone = topic.entry.is_none()
                && topic.answers(Intent::Who)
                && subject.iter().all(|&term| !covers(s.topic, term));
            !answers_who_alone
        });
    }

    /// Whether a question joins a word the knowledge never uses to a word of the event's own name or of
    /// its facets, with no other word between them that says something ("the *leap* year", "the Peru
    /// *Trench*", "the Peruvian *navy*"): the two name something of their own, which the known word
    /// alone does not. Another form of a word that says nothing ("discussions", "talking") names nothing.
    fn names_an_unknown_kind(&self, reading: &Analysis) -> bool {
        let unknown = |t: &score::ReadToken| {
            t.is_an_unknown_word() && !self.index.normaliser.is_stop_stem(&t.token.text)
        };
        // The known word is one of the event's own name or of its facets ("year"), which every event
        // has; a word of one entry ("the Faust session") names that entry, whatever word is beside it.
        let known = |t: &score::ReadToken| match t.reading {
            score::Reading::Known(term) => {
                t.cover > 0.0
                    || self
                        .index
                        .postings(term)
                        .iter()
                        .all(|p| self.index.topic(p.topic).entry.is_none())
            }
            _ => false,
        };
        reading.tokens.windows(2).any(|pair| {
            unknown(&pair[0]) && known(&pair[1]) || known(&pair[0]) && unknown(&pair[1])
        })
    }

    /// Whether a question asks how many of something there were ("how many soldiers are in the unit")
    /// and the topic that answers it, which is no list the knowledge counts, gives no number of that
    /// thing: no figure or number word in its own texts with a word of what is counted just after it
    /// ("four usual explanations" counts explanations). It speaks of the thing without counting it.
    fn counts_what_no_figure_gives(&self, reading: &Analysis, best: index::TopicId) -> bool {
        let topic = self.index.topic(best);
        if counts_its_list(topic) {
            return false;
        }
        let Some(asks) = count_asked(reading) else {
            return false;
        };
        // The event's own words ("how many troops did Peru send") are what the count is of only where
        // nothing else is named; a number before them ("the first time Lima ...") counts nothing asked.
        let counted: Vec<index::TermId> = reading.tokens[asks + 1..]
            .iter()
            .filter(|t| t.cover == 0.0)
            .filter_map(|t| match t.reading {
                score::Reading::Known(term) => Some(term),
                _ => None,
            })
            .collect();
        let lexicon = Lexicon::builtin();
        let counts_it = |text: &str| {
            let words = normalise::split_words(&fold(text));
            words.iter().enumerate().any(|(at, word)| {
                lexicon.gives_a_number(word) && {
                    let after = words[at + 1..].iter().take(3).cloned().collect::<Vec<_>>();
                    self.index
                        .normaliser
                        .tokens(&after.join(" "))
                        .iter()
                        .any(|t| {
                            self.index
                                .term(&t.text)
                                .is_some_and(|id| counted.contains(&id))
                        })
                }
            })
        };
        !topic
            .fields
            .iter()
            .filter(|field| !field.facet)
            .any(|field| counts_it(&field.text))
    }

    /// Whether a question counts something ("how many UN rangers are there worldwide") that the
    /// topic answering it by its list's length (the report's findings, the hosts, the sessions) is not a
    /// list of: the word counted is no name, keyword or facet word of that topic, only a mention in its
    /// text, so the list's length is not the number asked for.
    fn counts_what_the_list_is_not_of(&self, reading: &Analysis, best: index::TopicId) -> bool {
        let topic = self.index.topic(best);
        if !counts_its_list(topic) {
            return false;
        }
        let Some(asks) = count_asked(reading) else {
            return false;
        };
        // The words after "how many", other than the event's own, name what is counted: one of them must
        // be what the list is of ("how many points did the report make").
        let mut counted = reading.tokens[asks + 1..]
            .iter()
            .filter(|t| t.cover == 0.0)
            .filter_map(|t| match t.reading {
                score::Reading::Known(term) => Some(term),
                _ => None,
            })
            .peekable();
        counted.peek().is_some()
            && !counted.any(|term| {
                self.index
                    .postings(term)
                    .iter()
                    .any(|p| p.topic == best && p.weight >= crate::topics::FACET)
            })
    }

    /// Whether a question asks who someone or something is ("who is Ada Lovelace?") and nothing more,
    /// while the topic that names it does not say who anyone is (a finding that mentions a person): the
    /// topic mentions the name but does not answer the question, which asks for general knowledge.
    fn asks_who_a_name_is(&self, reading: &Analysis, best: index::TopicId) -> bool {
        const COPULAS: [&str; 4] = ["is", "was", "are", "were"];
        const ARTICLES: [&str; 3] = ["the", "a", "an"];
        let topic = self.index.topic(best);
        // A note that the source names no one of a role ("who is the author?") answers who that is.
        if topic.answers(Intent::Who) || topic.is_not_given() {
            return false;
        }
        let [first, named @ ..] = reading.tokens.as_slice() else {
            return false;
        };
        let asks_who = matches!(first.reading, Reading::Intent(Intent::Who, _));
        let known = !named.is_empty()
            && named
                .iter()
                .all(|t| matches!(t.reading, Reading::Known(_)) && t.cover == 0.0);
        // Only "who is" and the name: "who is the city talking to" asks more than who a name is.
        let words: Vec<&str> = reading.words.iter().map(|w| w.text.as_str()).collect();
        let rest = words
            .iter()
            .skip(1)
            .filter(|w| !COPULAS.contains(w) && !ARTICLES.contains(w))
            .count();
        let name_words: usize = named
            .iter()
            .map(|t| t.token.source.split_whitespace().count())
            .sum();
        asks_who
            && known
            && words.first() == Some(&"who")
            && rest == name_words
            && self.index.names_exactly(best, &reading.known_terms())
    }

    /// The sessions that answer a question together: the best topics down to [`SEVERAL`] of the best
    /// score, when there are at least two and all are sessions.
    fn several(&self, reading: &Analysis) -> Vec<&Topic> {
        let Some(best) = reading.ranked.first() else {
            return Vec::new();
        };
        let asks_for_sessions = self.item_words.iter().any(|w| reading.has_token(w));
        let share = if asks_for_sessions {
            SEVERAL_ASKED
        } else {
            SEVERAL
        };
        let close: Vec<&Topic> = reading
            .ranked
            .iter()
            .take_while(|s| s.score >= best.score * share && s.score >= self.thresholds.answer)
            .map(|s| self.index.topic(s.topic))
            .collect();
        if close.len() >= 2 && close.iter().all(|t| t.entry == Some(Session::KIND)) {
            close
        } else {
            Vec::new()
        }
    }

    /// A match with no topic; topics scoring at least `floor` are offered instead.
    /// Which part of a time a question asks about, leaving out the words of `title`: of "is the closing
    /// talk at 6?" answered by the session "Closing talk", "closing" names the session, and the question
    /// asks when it starts.
    pub fn focus_beside(&self, question: &str, title: &str) -> Focus {
        let title = fold(title);
        let in_title: Vec<&str> = title
            .split(|c: char| !c.is_alphanumeric())
            .filter(|word| !word.is_empty())
            .collect();
        let folded = fold(question);
        let rest: Vec<&str> = folded
            .split(|c: char| !c.is_alphanumeric())
            .filter(|word| !word.is_empty() && !in_title.contains(word))
            .collect();
        self.focus(&self.index.analyse(&rest.join(" "), KEEP))
    }

    /// Which part of a time, or the place, a question asks about.
    fn focus(&self, reading: &Analysis) -> Focus {
        Focus {
            start: reading.has_token(&self.focus_words[0]),
            end: reading.has_token(&self.focus_words[1]),
            duration: reading.has_token(&self.focus_words[2]),
            zone: reading.has_token(&self.focus_words[3]),
            place: reading
                .tokens
                .iter()
                .any(|t| matches!(t.reading, score::Reading::Intent(Intent::Where, _))),
        }
    }

    fn unmatched(&self, reading: Analysis, floor: f32) -> Match<'_> {
        // A question whose only known words are question words ("how much does it cost": an amount is
        // asked, "cost" is unknown) touches topics through those words alone; offering them would be
        // guessing, so nothing is offered.
        let unknown_subject = reading
            .tokens
            .iter()
            .any(|t| matches!(t.reading, Reading::Unknown))
            && !reading
                .tokens
                .iter()
                .any(|t| matches!(t.reading, Reading::Known(_)) && t.cover == 0.0);
        let floor = if unknown_subject {
            f32::INFINITY
        } else {
            floor
        };
        let runners_up = self.runners_up(&reading, 0, floor);
        Match {
            topic: None,
            confidence: 0.0,
            // What a question asks of a time is read even when no topic answers it: the source's
            // silence on a part's time is told by it.
            focus: self.focus(&reading),
            runners_up,
            candidates: self.candidates(&reading),
            several: Vec::new(),
            reading,
            question: Question::default(),
            unnamed: false,
            mentioned: None,
        }
    }

    fn candidates(&self, reading: &Analysis) -> Vec<(&Topic, f32)> {
        reading
            .ranked
            .iter()
            .map(|s| (self.index.topic(s.topic), s.score))
            .collect()
    }

    fn runners_up(&self, reading: &Analysis, skip: usize, floor: f32) -> Vec<(&Topic, f32)> {
        reading
            .ranked
            .iter()
            .skip(skip)
            .filter(|s| s.score >= floor)
            .take(MAX_RUNNERS_UP)
            .map(|s| (self.index.topic(s.topic), s.score))
            .collect()
    }

    /// The best topic for a question among those `allowed` picks, with its score, if it scores well
    /// enough to answer.
    pub fn best_among(
        &self,
        question: &str,
        allowed: impl Fn(&Topic) -> bool,
    ) -> Option<(&Topic, f32)> {
        let reading = self.index.analyse(question, self.topics().len());
        reading
            .ranked
            .iter()
            .map(|s| (self.index.topic(s.topic), s.score))
            .find(|(topic, _)| allowed(topic))
            .filter(|(_, score)| *score >= self.thresholds.answer)
    }

    /// Reads a question and ranks the topics without deciding, keeping the best `keep`.
    pub fn analyse(&self, question: &str, keep: usize) -> Analysis {
        self.index.analyse(question, keep)
    }
}

/// Whether a topic says what a document says: one of its texts has the document's name followed by a
/// verb of saying ("the charter requires", "its statute states"). One that names it ("failed to
/// explain its charter") does not.
/// Whether a question asks what part a country plays in something, while the answering topic has the
/// country only inside a longer name, as the first word of it ("Peru" in "Peru Institute of
/// Water Studies"), and the question does not name that name: "what is
/// Peru's role in the league" asks about the country, which an institute named after it does not
/// answer. A country the question guesses ("is it
/// in Peru?") or names as the topic does ("the Peru Institute"), and a question that
/// names the topic itself ("is the institute Peruvian?"), are left to the scores.
fn names_a_country_only_within_a_name(
    words: &[String],
    question: &Question,
    topic: &Topic,
) -> bool {
    if !reading::asks_a_part_played(words) {
        return false;
    }
    let guessed = |name: &[String]| guesses_the_name(question, name);
    // The words of a text as written, so that a capital says where a name goes on, each with whether
    // it ends in "'s": a possessive ends a name ("Peru's Water Safety strategy").
    let texts: Vec<Vec<(&str, bool)>> = topic
        .fields
        .iter()
        // What the topic says or is named, not the words a maintainer asks it by ("Peruvian institute").
        .filter(|field| field.identity || field.is_said())
        .map(|field| {
            field
                .text
                .split(|c: char| !c.is_alphanumeric() && c != '\'')
                .map(|word| {
                    let bare = word.trim_end_matches("'s");
                    (bare.trim_matches('\''), bare.len() < word.len())
                })
                .filter(|(word, _)| !word.is_empty())
                .collect()
        })
        .collect();
    let follows = |text: &[String], name: &[String]| -> Vec<Option<String>> {
        text.windows(name.len() + 1)
            .filter(|w| w[..name.len()] == *name)
            .map(|w| Some(w[name.len()].clone()))
            .chain(text.ends_with(name).then_some(None))
            .collect()
    };
    let lexicon = Lexicon::builtin();
    let identity: Vec<String> = topic
        .fields
        .iter()
        .filter(|field| field.identity)
        .flat_map(|field| normalise::split_words(&fold(&field.text)))
        .filter(|word| !lexicon.is_stop_word(word))
        .collect();
    let left_out = |name: &[String]| leaves_out_the_name(question, name);
    places::countries_named(words)
        .into_iter()
        .filter(|country| !guessed(&country.asked) && !left_out(&country.asked))
        .any(|country| {
            let names = || std::iter::once(&country.asked).chain(&country.names);
            // "Is the institute Peruvian?" names the topic itself, by a word of its name that is not the
            // country's, and asks what it is.
            let names_the_topic = words
                .iter()
                .any(|word| identity.contains(word) && !names().any(|name| name.contains(word)));
            if names_the_topic {
                return false;
            }
            // The words that follow the country where the question names it ("the Peruvian institute").
            let asked_next: Vec<Option<String>> =
                names().flat_map(|name| follows(words, name)).collect();
            let mut inside_a_name = false;
            for text in &texts {
                let folded: Vec<String> = text.iter().map(|(word, _)| fold(word)).collect();
                for name in names() {
                    for (at, window) in folded.windows(name.len()).enumerate() {
                        if window != name.as_slice() {
                            continue;
                        }
                        let possessive = text[at + name.len() - 1].1;
                        let next = text.get(at + name.len()).map(|(word, _)| *word);
                        // A capital goes on with a name ("Peru Institute"); an abbreviation
                        // in capitals ("United States (US)") only repeats the country's.
                        let plain = !possessive
                            && next.is_some_and(|next| {
                                next.chars().next().is_some_and(char::is_uppercase)
                                    && !next.chars().all(|c| c.is_uppercase() || c.is_ascii_digit())
                                    && !asked_next.contains(&Some(fold(next)))
                            });
                        if !plain {
                            return false;
                        }
                        inside_a_name = true;
                    }
                }
            }
            inside_a_name
        })
}

/// Whether a question places something in a country ("does Peru have rangers in Chile?") that the
/// answering statement names only by its adjective, before a noun the question lacks ("the Chilean
/// drought"): the statement speaks of that conflict, not of what is in the country. "The drought in
/// Chile" names the noun, and is answered.
fn places_in_a_country_it_only_describes(words: &[String], topic: &Topic) -> bool {
    if !topic.speaks_beyond_the_event() {
        return false;
    }
    // Most questions place nothing in a country: the topic's texts are split only for one that does.
    let countries: Vec<places::Named> = places::countries_named(words)
        .into_iter()
        .filter(|country| {
            words
                .windows(country.asked.len() + 1)
                .any(|w| w[0] == "in" && w[1..] == *country.asked)
        })
        .collect();
    if countries.is_empty() {
        return false;
    }
    let said: Vec<Vec<String>> = topic
        .fields
        .iter()
        .filter(|field| field.is_said())
        .map(|field| normalise::split_words(&fold(&field.text)))
        .collect();
    let asks = |noun: &str| {
        let stem: String = noun.chars().take(4).collect();
        words.iter().any(|word| word.starts_with(&stem))
    };
    countries.into_iter().any(|country| {
        let mut described = false;
        for text in &said {
            if text
                .windows(country.asked.len())
                .any(|w| w == country.asked)
            {
                return false;
            }
            for name in &country.names {
                for (at, window) in text.windows(name.len()).enumerate() {
                    if window != name.as_slice() {
                        continue;
                    }
                    match text.get(at + name.len()) {
                        Some(noun) if !asks(noun) => described = true,
                        _ => return false,
                    }
                }
            }
        }
        described
    })
}

/// Whether a check read as another question ("is it funded by the Peruvian government?" read as what
/// funds it) leaves a name out of what it asks: it guesses at that name.
fn leaves_out_the_name(question: &Question, name: &[String]) -> bool {
    question.rewritten.as_deref().is_some_and(|text| {
        let read = normalise::split_words(&fold(text));
        !read.windows(name.len()).any(|w| w == name)
    })
}

/// Whether a guess of the question has every word of a name ("is it in Peru?").
fn guesses_the_name(question: &Question, name: &[String]) -> bool {
    question
        .guesses
        .iter()
        .any(|g| name.iter().all(|word| g.words.contains(word)))
}

fn says_what_it_says(document: &str, topic: &Topic) -> bool {
    topic.fields.iter().any(|field| {
        let text = fold(&field.text);
        text.match_indices(document).any(|(at, _)| {
            let after = text[at..].split_whitespace().nth(1).unwrap_or_default();
            matches!(
                after,
                "is" | "says"
                    | "states"
                    | "requires"
                    | "reads"
                    | "authorises"
                    | "authorizes"
                    | "includes"
                    | "covers"
                    | "calls"
                    | "sets"
            )
        })
    })
}

/// Whether a topic says what the word or words a definition question asks about are ("what does
/// desalination mean?", "define violent extremism"): one of its texts has them, in the order asked,
/// followed by "is", "are", "means", "refers" or "stands". A topic that only uses them (a finding on an
/// interest in desalination) does not define them. An abbreviation (`abbreviations`) is judged by
/// [`Matcher::spells_out_what_is_asked`] instead; a question naming no word of its own is left to the
/// scores.
fn defines_the_word_asked(
    words: &[String],
    topic: &Topic,
    abbreviations: &FxHashSet<String>,
) -> bool {
    let lexicon = Lexicon::builtin();
    let asking = |word: &str| {
        lexicon.is_stop_word(word)
            || matches!(
                word,
                "mean"
                    | "means"
                    | "meaning"
                    | "define"
                    | "definition"
                    | "actually"
                    | "exactly"
                    | "really"
                    | "here"
                    | "word"
                    | "term"
                    | "terms"
                    | "concept"
                    | "explain"
                    | "general"
                    | "generally"
                    | "doctrine"
                    | "theory"
                    | "detail"
                    | "simple"
                    | "plain"
                    | "layman"
                    | "laymans"
            )
    };
    let asked: Vec<&str> = words
        .iter()
        .map(String::as_str)
        .filter(|word| !asking(word))
        .collect();
    let Some(last) = asked.last() else {
        return true;
    };
    if asked.len() == 1 && abbreviations.contains(*last) {
        return true;
    }
    if asked.iter().any(|word| abbreviations.contains(*word)) {
        return true;
    }
    // The last word may be in a close form ("desalinations are").
    let stem: String = last
        .chars()
        .take(last.chars().count().saturating_sub(3).max(3))
        .collect();
    // The text's words without its stop words, as the question's are, each with where it stands: the
    // asked words follow one another there ("rule of law" asked as "rule law"), and the word just
    // after them in the text says what they are.
    let defines = |text: &str| {
        let said = normalise::split_words(&fold(text));
        let content: Vec<(usize, &String)> = said
            .iter()
            .enumerate()
            .filter(|(_, word)| !lexicon.is_stop_word(word))
            .collect();
        content.windows(asked.len()).any(|window| {
            let (before, [(at, final_word)]) = window.split_at(asked.len() - 1) else {
                return false;
            };
            before
                .iter()
                .zip(&asked)
                .all(|((_, word), asked)| word.as_str() == *asked)
                && final_word.starts_with(&stem)
                && said.get(at + 1).is_some_and(|next| {
                    matches!(next.as_str(), "is" | "are" | "means" | "refers" | "stands")
                })
        })
    };
    topic.fields.iter().any(|field| defines(&field.text))
}

/// Whether a topic's own text looks ahead ("might change", "remains to be seen"): it answers a forecast.
fn looks_ahead(topic: &Topic) -> bool {
    topic
        .fields
        .iter()
        .any(|field| field.is_said() && reading::looks_ahead(&field.text))
}

/// Whether a topic answers "how many" by its list's length (the report's findings, the hosts, the
/// sessions).
fn counts_its_list(topic: &Topic) -> bool {
    // A statement that answers "how many" does so by a number in its text, not by a list's length.
    topic.answers(Intent::Count) && !topic.speaks_beyond_the_event()
}

/// Where a question asks how many ("how many", "number of"), if it does.
fn count_asked(reading: &Analysis) -> Option<usize> {
    reading
        .tokens
        .iter()
        .position(|t| matches!(t.reading, score::Reading::Intent(Intent::Count, _)))
}

/// Whether a question asks how many of something ("how many rangers guard the park", "how big was the
/// seminar") and counts, or names only, words of the event's own name, wholly or in part: nothing the
/// knowledge counts (its findings, sessions, speakers or hosts) is named, so the number asked for is one
/// the source does not give.
fn asks_a_number_of_the_event_itself(reading: &Analysis) -> bool {
    // "How much of the seminar is left" asks for the time that remains.
    if score::asks_what_remains(&reading.tokens) {
        return false;
    }
    let Some(asks) = reading.tokens.iter().position(|t| {
        matches!(
            t.reading,
            score::Reading::Intent(Intent::Count | Intent::Quantity, _)
        )
    }) else {
        return false;
    };
    let mut known = reading
        .tokens
        .iter()
        .filter(|t| matches!(t.reading, score::Reading::Known(_)))
        .peekable();
    // What is counted is the word after "how many": one of the event's own ("how many rangers
    // does the park employ") is nothing the knowledge counts, whatever else the question names.
    // Only "how many" counts things; "how much does it contribute" may ask how it compares.
    let counts = matches!(
        reading.tokens[asks].token.source.as_str(),
        "how many" | "number of"
    );
    let counted = reading.tokens[asks + 1..]
        .iter()
        .find(|t| matches!(t.reading, score::Reading::Known(_)))
        .filter(|_| counts);
    // A word of the setting (a host's or the venue's name: "how many organisations hosted it") is no
    // word of the event's own name: the knowledge counts its hosts.
    let own = |t: &score::ReadToken| t.cover >= crate::topics::EVENT_COVER;
    known.peek().is_some() && known.all(|t| t.cover > 0.0) || counted.is_some_and(own)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Two sessions on rivers, one on deltas, and more than the programme topic names by title, as at a
    /// conference, so that questions about subjects reach the sessions.
    fn matcher() -> Matcher {
        let mut text = String::from(
            r#"
[event]
id = "forum"
title = "Water Forum"
time_zone = "Europe/Amsterdam"
start = 2026-06-01T09:00:00
end = 2026-06-01T17:00:00

[[session]]
id = "rivers"
title = "Rivers of the north"
start = 2026-06-01T09:00:00
end = 2026-06-01T10:00:00

[[session]]
id = "floods"
title = "Floods on rivers"
start = 2026-06-01T10:00:00
end = 2026-06-01T11:00:00

[[session]]
id = "deltas"
title = "Sinking deltas"
start = 2026-06-01T11:00:00
end = 2026-06-01T12:00:00

"#,
        );
        // The programme topic names sessions by title only up to 30 of them.
        for i in 0..31 {
            text.push_str(&format!(
                "\n[[session]]\nid = \"break-{i}\"\ntitle = \"Break\"\nstart = 2026-06-01T12:00:00\nend = 2026-06-01T13:00:00\n"
            ));
        }
        Matcher::build(&crate::knowledge::from_text(&text), Thresholds::default())
    }

    fn several(m: &Matcher, question: &str) -> Vec<String> {
        let mut keys: Vec<String> = m
            .read(question)
            .several
            .iter()
            .map(|t| t.key.clone())
            .collect();
        keys.sort();
        keys
    }

    #[test]
    fn the_time_of_a_subject_only_the_findings_name_is_not_the_events_time() {
        let text = r#"
[event]
id = "forum"
title = "Water Forum"
time_zone = "Europe/Amsterdam"
start = 2026-06-01T09:00:00
end = 2026-06-01T17:00:00

[[finding]]
id = "drought"
title = "The long drought"
text = "Participants found that the drought hit the south hardest."
"#;
        let m = Matcher::build(&crate::knowledge::from_text(text), Thresholds::default());
        assert!(m.read("when did the drought end?").topic.is_none());
        assert_eq!(
            m.read("when does it end?").topic.map(|t| t.key.as_str()),
            Some("event.when")
        );
        assert_eq!(
            m.read("what about the drought?")
                .topic
                .map(|t| t.key.as_str()),
            Some("finding.drought")
        );
    }

    #[test]
    fn sessions_that_answer_alike_answer_together() {
        let m = matcher();
        assert_eq!(
            several(&m, "is there anything on rivers?"),
            ["session.floods", "session.rivers"]
        );
        // Each session answers one half of the question: together they answer it, where either alone
        // would tie with the other and be declined as a doubt.
        assert_eq!(
            several(&m, "anything about floods or deltas?"),
            ["session.deltas", "session.floods"]
        );
        // One session named is one answer.
        assert!(several(&m, "when is sinking deltas?").is_empty());
        assert!(several(&m, "rivers of the north").is_empty());
    }

    /// Sessions of a track, one of which says "talk" in its abstract, as many abstracts do.
    fn matcher_with_tracks() -> Matcher {
        let mut text = String::from(
            r#"
[event]
id = "forum"
title = "Water Forum"
time_zone = "Europe/Amsterdam"
start = 2026-06-01T09:00:00
end = 2026-06-01T17:00:00

[[track]]
id = "modelling"
name = "Machine Learning"

[[session]]
id = "pumps"
title = "Predicting pump failures"
track = "modelling"
start = 2026-06-01T09:00:00
end = 2026-06-01T10:00:00

[[speaker]]
id = "ada"
name = "Ada Lovelace"
affiliation = "Delft University"

[[session]]
id = "wells"
title = "Salt in the wells"
speakers = ["ada"]
start = 2026-06-01T10:00:00
end = 2026-06-01T11:00:00
summary = "In this talk we look at how salt reaches the wells of coastal villages and what the villages did about it over twenty years of dry summers."

[[session]]
id = "tides"
title = "Salt and the tides"
start = 2026-06-01T11:00:00
end = 2026-06-01T12:00:00

[[session]]
id = "closing"
title = "Closing remarks and the water prize"
speakers = ["ada"]
start = 2026-06-01T16:00:00
end = 2026-06-01T17:00:00
"#,
        );
        for i in 0..31 {
            text.push_str(&format!(
                "\n[[session]]\nid = \"break-{i}\"\ntitle = \"Break\"\nstart = 2026-06-01T12:00:00\nend = 2026-06-01T13:00:00\n"
            ));
        }
        Matcher::build(&crate::knowledge::from_text(&text), Thresholds::default())
    }

    #[test]
    fn a_sessions_track_says_what_it_is_about() {
        let m = matcher_with_tracks();
        let read = m.read("anything on machine learning for pumps?");
        assert_eq!(read.topic.map(|t| t.key.as_str()), Some("session.pumps"));
    }

    #[test]
    fn every_session_is_a_talk() {
        let m = matcher_with_tracks();
        // The abstract that says "talk" makes its session no more about salt than the other.
        assert_eq!(
            several(&m, "any talks about salt?"),
            ["session.tides", "session.wells"]
        );
    }

    #[test]
    fn a_question_asking_for_talks_lists_each_part_it_asks_about() {
        let mut text = String::from(
            r#"
[event]
id = "forum"
title = "Water Forum"
time_zone = "Europe/Amsterdam"
start = 2026-06-01T09:00:00
end = 2026-06-01T17:00:00

[[session]]
id = "pumps"
title = "Pump maintenance"
keywords = ["coast"]

[[session]]
id = "marshes"
title = "Salt marshes"
keywords = ["coast"]

[[session]]
id = "tides"
title = "Salt and tides"
keywords = ["coast"]

[[session]]
id = "storage"
title = "Salt storage"
"#,
        );
        for i in 0..31 {
            text.push_str(&format!(
                "\n[[session]]\nid = \"break-{i}\"\ntitle = \"Break\"\n"
            ));
        }
        let m = Matcher::build(&crate::knowledge::from_text(&text), Thresholds::default());
        // "Pumps" is rarer than "salt", so the session on pumps leads, by more than sessions that answer
        // alike; asked for talks, the sessions on salt are listed after it rather than left out.
        let question = "any talks about pumps and salt on the coast?";
        let read = m.read(question);
        let keys: Vec<&str> = read.several.iter().map(|t| t.key.as_str()).collect();
        assert_eq!(
            keys.first(),
            Some(&"session.pumps"),
            "{:?}",
            read.candidates
                .iter()
                .map(|(t, s)| (t.key.clone(), *s))
                .collect::<Vec<_>>()
        );
        assert_eq!(keys.len(), 3, "{keys:?}");
    }

    #[test]
    fn a_session_is_found_by_where_its_speakers_are_from() {
        let m = matcher_with_tracks();
        let read = m.read("any talks by people from delft?");
        assert!(
            read.candidates
                .iter()
                .any(|(t, score)| t.key == "session.wells" && *score > 0.3),
            "{:?}",
            read.candidates
                .iter()
                .map(|(t, s)| (t.key.clone(), *s))
                .collect::<Vec<_>>()
        );
    }

    #[test]
    fn a_question_asking_a_word_the_knowledge_never_uses_is_not_answered_by_a_topic_near_it() {
        let m = matcher_with_tracks();
        let key = |question: &str| m.read(question).topic.map(|t| t.key.clone());
        // Who speaks at the closing is known; who won the prize is not, though the closing names it.
        assert_eq!(
            key("who speaks at the closing remarks?").as_deref(),
            Some("session.closing")
        );
        assert_eq!(key("who won the water prize?"), None);
        // Named exactly, the session answers what it can.
        assert_eq!(
            key("who won closing remarks and the water prize?").as_deref(),
            Some("session.closing")
        );
    }

    /// A subject the knowledge never uses, introduced as what the question is about ("on elections"),
    /// is what the question asks about, however well its other words match a topic.
    #[test]
    fn a_subject_the_knowledge_never_uses_is_what_is_asked() {
        let text = r#"
[event]
id = "forum"
title = "Water Forum"
time_zone = "Europe/Amsterdam"
start = 2026-06-01T09:00:00
end = 2026-06-01T17:00:00
venue = "hall"

[[venue]]
id = "hall"
name = "Grand Hall"
address = "Main Street 1"
city = "Utrecht"
"#;
        let m = Matcher::build(&crate::knowledge::from_text(text), Thresholds::default());
        let key = |q: &str| m.read(q).topic.map(|t| t.key.clone());
        assert_eq!(
            key("what is the address of the water forum on elections"),
            None
        );
        assert_eq!(
            key("what is the address of the water forum").as_deref(),
            Some("venue.hall")
        );
        // A subject the knowledge has is no reason to decline.
        assert_eq!(
            key("what is the address of the forum on water").as_deref(),
            Some("venue.hall")
        );
    }

    /// The event's announcements are its own news, not the world's news of what its report discusses.
    #[test]
    fn news_of_a_subject_the_report_discusses_is_not_the_events_news() {
        let text = r#"
[event]
id = "forum"
title = "Water Forum"
time_zone = "Europe/Amsterdam"
start = 2026-06-01T09:00:00
end = 2026-06-01T17:00:00

[[finding]]
id = "drought"
title = "The long drought"
text = "Participants found that the drought hit the south hardest."

[[finding]]
id = "rain"
title = "Rain came late"
text = "The rain came late after the drought."
"#;
        let m = Matcher::build(&crate::knowledge::from_text(text), Thresholds::default());
        let key = |q: &str| m.read(q).topic.map(|t| t.key.clone());
        assert_eq!(key("give me the latest news on the drought"), None);
        assert_eq!(
            key("any news about the forum?").as_deref(),
            Some("event.news")
        );
    }

    /// A name that only a finding mentions is not someone the knowledge says anything about.
    #[test]
    fn who_a_name_only_mentioned_is_is_not_answered() {
        let text = r#"
[event]
id = "forum"
title = "Water Forum"
time_zone = "Europe/Amsterdam"
start = 2026-06-01T09:00:00
end = 2026-06-01T17:00:00

[[speaker]]
id = "grace"
name = "Grace Hopper"
bio = "Grace Hopper builds compilers."

[[finding]]
id = "engines"
title = "Engines of the past"
text = "Participants recalled how Ada Lovelace described the engine."
keywords = ["Ada Lovelace", "engines"]
"#;
        let m = Matcher::build(&crate::knowledge::from_text(text), Thresholds::default());
        let key = |q: &str| m.read(q).topic.map(|t| t.key.clone());
        assert_eq!(key("who is ada lovelace"), None);
        assert_eq!(
            key("who is grace hopper?").as_deref(),
            Some("speaker.grace")
        );
        assert_eq!(
            key("what about ada lovelace?").as_deref(),
            Some("finding.engines")
        );
    }
}
