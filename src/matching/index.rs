//! The inverted index: for every term, the topics it appears in and how much it counts there.
//!
//! Looking a question up costs one hash lookup per question token plus the postings of the terms found, so
//! a question is answered in about the same time whether the event has twenty topics or twenty thousand.

use rustc_hash::FxHashMap;
use std::collections::hash_map::Entry;

use crate::knowledge::Knowledge;
use crate::parallel;

use crate::lexicon::{Intent, Lexicon};
use crate::topics::{Extent, Field, KEYWORD, Topic, context_texts, topics};

use super::normalise::{Normaliser, StemCache, fold, split_words};
use super::places;
use super::speller::Speller;

/// How much a word inside a phrase counts, relative to the phrase.
const COMPONENT_WEIGHT: f32 = 0.6;
/// How much of "where" a statement that names a country or region covers (the venue covers all of it).
const PLACED: f32 = 0.3;
/// Words of a phrase shorter than this do not count on their own ("un" and "unit" are too ambiguous).
const COMPONENT_MIN_LEN: usize = 5;

pub type TermId = u32;
pub type TopicId = u32;

/// A term's place in one topic: how much it counts there, and whether the topic has it only in prose (a
/// long text: see [`crate::topics::Extent::Prose`]), where a word is weaker evidence than in a name.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Posting {
    pub topic: TopicId,
    pub weight: f32,
    pub prose: bool,
}

#[derive(Debug)]
pub struct Index {
    pub(crate) normaliser: Normaliser,
    pub(crate) speller: Speller,
    terms: FxHashMap<String, TermId>,
    term_texts: Vec<String>,
    /// Per term: the topics it is in, one entry per topic.
    postings: Vec<Vec<Posting>>,
    /// Per term: how rare it is across topics, 0..1 (1 = in one topic only).
    idf: Vec<f32>,
    /// Per term: how much of it every topic covers because it names the event (0 for ordinary words).
    context: Vec<f32>,
    pub(crate) topics: Vec<Topic>,
    /// Per topic: how many terms (not intents) it is matched by.
    own_terms: Vec<usize>,
    /// Per topic: the terms of each of its short exact texts (names, aliases, keywords), so that a
    /// question can be seen to name the topic exactly ([`Index::names_exactly`]).
    exact: Vec<Vec<Vec<TermId>>>,
    /// The terms that say which part of a time is asked ("start", "end", "duration") and the term of the
    /// intent `#when`: see [`Index::time_part`].
    time_parts: Vec<TermId>,
    when_term: Option<TermId>,
}

impl Index {
    pub fn build(knowledge: &Knowledge, lexicon: &Lexicon) -> Index {
        let topics = topics(knowledge, lexicon);
        let mut synonyms: Vec<Vec<String>> = knowledge
            .synonyms()
            .iter()
            .map(|s| s.words.clone())
            .collect();
        // A keyword of several words that are each a stop word ("do more") would match nothing: it is
        // kept whole, as a phrase, so that a question with the same words finds it. One with a
        // preposition ("think of", "talk to") is left out: people ask anything with those words.
        let stop = |word: &String| lexicon.is_stop_word(word);
        let preposition = |word: &String| lexicon.prepositions.contains(word);
        // Keywords only: a name, an FAQ's question or a short answer of stop words alone ("What is
        // it?", "It is what it is.") would take every question with the same words.
        let keyword = |f: &&Field| {
            f.weight >= KEYWORD
                && !f.facet
                && !f.identity
                && f.asks == 0.0
                && f.extent == Extent::Short
        };
        for topic in &topics {
            for field in topic.fields.iter().filter(keyword) {
                let words = split_words(&fold(&field.text));
                if words.len() >= 2 && words.iter().all(stop) && !words.iter().any(preposition) {
                    synonyms.push(vec![field.text.clone()]);
                }
            }
        }
        let normaliser = Normaliser::new(lexicon, &synonyms);
        let mut index = Index {
            normaliser,
            speller: Speller::default(),
            terms: FxHashMap::default(),
            term_texts: Vec::new(),
            postings: Vec::new(),
            idf: Vec::new(),
            context: Vec::new(),
            topics: Vec::new(),
            own_terms: Vec::new(),
            exact: Vec::new(),
            time_parts: Vec::new(),
            when_term: None,
        };

        let mut context_texts = context_texts(knowledge, lexicon);
        context_texts.extend(
            the_events_part_of_day(knowledge)
                .map(|part| (part.to_string(), crate::topics::RELATED_COVER)),
        );

        let mut texts = index.add_all(&topics, &context_texts);
        let mut stems = std::mem::take(&mut texts.stems);
        let mut surface = texts.word_counts();
        // The speller knows every word of the knowledge and of the lexicon, so that typos of question words
        // ("wehn") and of stop words are corrected too.
        for word in lexicon
            .stop_words
            .iter()
            .chain(lexicon.synonyms.iter().flatten())
            .chain(lexicon.intents.values().flatten())
            .chain(lexicon.facets.values().flatten())
            .chain(synonyms.iter().flatten())
        {
            for w in split_words(&fold(word)) {
                surface.entry(w).or_insert(1);
            }
        }
        // Every word the speller knows is a word questions use, so its stem is kept for them.
        for word in surface.keys() {
            if !stems.has(word) {
                stems.stem(&index.normaliser, word);
            }
        }
        index.normaliser.keep_stems(stems);
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
                let df = p.iter().map(|p| p.weight.min(1.0)).sum::<f32>().max(1.0);
                ((1.0 + n / df).ln() / (1.0 + n).ln()).clamp(0.0, 1.0)
            })
            .collect();
        index.topics = topics;
        // Canonical tokens are stems ("duration" becomes "durat"), so ask the normaliser rather than guess.
        index.time_parts = ["start", "end", "duration"]
            .into_iter()
            .filter_map(|word| {
                let tokens = index.normaliser.tokens(word);
                tokens.first().and_then(|t| index.term(&t.text))
            })
            .collect();
        index.when_term = index.term(&Intent::When.token());
        index
    }

    /// Reads every text of the event's own words (`context`, with how much of each word every topic
    /// covers) and of the topics, and adds the topics' postings; the texts read, for the speller.
    fn add_all<'k>(&mut self, topics: &'k [Topic], context: &'k [(String, f32)]) -> TextCache<'k> {
        // Every distinct text is read once, before any is indexed, so that the reading, which is most of
        // the work, can be shared among threads; indexing then only looks the words up.
        let mut texts = TextCache::default();
        let context_ids: Vec<u32> = context.iter().map(|(text, _)| texts.id(text)).collect();
        let field_ids: Vec<Vec<u32>> = topics
            .iter()
            .map(|topic| topic.fields.iter().map(|f| texts.id(&f.text)).collect())
            .collect();
        texts.read_all(&self.normaliser);

        // The event's own words first: a topic's text may match them more than any other topic does only
        // where that text names the topic (see `Field::identity`).
        for (&id, (_, cover)) in context_ids.iter().zip(context) {
            let read = self.resolve(&mut texts, id);
            read.uses += 1;
            for term in read.terms.clone() {
                let slot = &mut self.context[term.term as usize];
                *slot = slot.max(*cover);
            }
        }

        let mut terms = TopicTerms::default();
        for (t, (topic, ids)) in topics.iter().zip(&field_ids).enumerate() {
            let topic_id = TopicId::try_from(t).unwrap_or(TopicId::MAX);
            self.add_topic(topic_id, topic, ids, &mut texts, &mut terms);
        }

        texts
    }

    /// Whether a term says which part of a time a question asks about: "when does it *end*".
    pub fn is_time_part(&self, term: TermId) -> bool {
        self.time_parts.contains(&term)
    }

    /// The term of the intent `#when`, if any topic answers it.
    pub fn when_term(&self) -> Option<TermId> {
        self.when_term
    }

    /// Adds a topic's postings: each of its terms with the highest weight of the fields it is in, and its
    /// intents. `ids` are the ids of its fields' texts in `texts`, field by field.
    fn add_topic(
        &mut self,
        topic_id: TopicId,
        topic: &Topic,
        ids: &[u32],
        texts: &mut TextCache<'_>,
        terms: &mut TopicTerms,
    ) {
        let mut intents: Vec<(Intent, f32)> = topic.intents.clone();
        let mut exact: Vec<Vec<TermId>> = Vec::new();
        // The topic's own fields first, so that the terms counted as its own are theirs alone: a text
        // every topic of its kind has (`Extent::Shared`) does not make a topic reachable.
        let mut own = None;
        let shared = |f: &Field| f.extent == Extent::Shared;
        let with_ids = || topic.fields.iter().zip(ids.iter().copied());
        let fields = with_ids().filter(|(f, _)| !shared(f));
        for (field, id) in fields.chain(with_ids().filter(|(f, _)| shared(f))) {
            if shared(field) && own.is_none() {
                own = Some(terms.len());
            }
            let read = self.resolve(texts, id);
            read.uses += 1;
            if (field.identity || field.weight >= KEYWORD)
                && field.extent != Extent::Prose
                && !read.terms.is_empty()
            {
                exact.push(read.terms.iter().map(|t| t.term).collect());
            }
            // Only a maintainer's own question says which intent an entry answers; a "time" in a finding's
            // text, or in an FAQ's answer, does not make it an answer to "when".
            if field.asks > 0.0 {
                for &intent in &read.intents {
                    match intents.iter_mut().find(|(i, _)| *i == intent) {
                        Some((_, weight)) => *weight = weight.max(field.asks),
                        None => intents.push((intent, field.asks)),
                    }
                }
            }
            let prose = field.extent == Extent::Prose;
            for term in &read.terms {
                let cover = self.context[term.term as usize];
                let weight = if field.identity || cover == 0.0 {
                    field.weight
                } else {
                    field.weight.min(cover)
                };
                terms.raise(term.term, weight, prose);
                // A phrase read as one canonical token ("machine learning" -> `machin_learn`) also answers
                // for its longer words, a little less: "learning" alone still finds it.
                for &part in &term.components {
                    terms.raise(part, weight * COMPONENT_WEIGHT, prose);
                }
            }
        }
        // A statement that names a country or a region says where what it speaks of is ("the mission, in
        // Peru"), though a little less surely than the venue says where the event is.
        if topic.speaks_beyond_the_event()
            && !intents.iter().any(|(i, _)| *i == Intent::Where)
            && topic.fields.iter().any(|f| places::names_a_place(&f.text))
        {
            intents.push((Intent::Where, PLACED));
        }
        self.own_terms.push(own.unwrap_or(terms.len()));
        self.exact.push(exact);
        for (intent, weight) in intents {
            let term = self.term_id(&intent.token());
            terms.set(term, weight);
        }
        for (term, weight, prose) in terms.drain() {
            self.postings[term as usize].push(Posting {
                topic: topic_id,
                weight,
                prose,
            });
        }
    }

    /// A knowledge text's terms and intents, given term ids the first time the text is met: in the order
    /// texts are met, so that term ids are the same however the texts were read. A token is looked up
    /// once per run of texts read together, however many of its texts use it.
    fn resolve<'c>(&mut self, cache: &'c mut TextCache<'_>, id: u32) -> &'c mut ReadText {
        let TextCache { read, runs, .. } = cache;
        let read = &mut read[id as usize];
        if let Some(tokens) = read.tokens.take() {
            let run = &mut runs[read.run as usize];
            for token in tokens {
                let resolved = if let Some(resolved) = &run.resolved[token as usize] {
                    resolved.clone()
                } else {
                    let resolved = self.resolve_token(&run.tokens[token as usize]);
                    run.resolved[token as usize] = Some(resolved.clone());
                    resolved
                };
                match resolved {
                    Resolved::Intent(intent) => read.intents.push(intent),
                    Resolved::Term(term) => read.terms.push(term),
                }
            }
        }
        read
    }

    /// A token of knowledge text as the index has it: an intent, or a term with the longer words of a
    /// phrase.
    fn resolve_token(&mut self, token: &str) -> Resolved {
        if let Some(intent) = Intent::from_token(token) {
            return Resolved::Intent(intent);
        }
        let components = if token.contains('_') {
            token
                .split('_')
                .filter(|p| p.chars().count() >= COMPONENT_MIN_LEN)
                .map(|p| self.term_id(p))
                .collect()
        } else {
            Vec::new()
        };
        Resolved::Term(ReadTerm {
            term: self.term_id(token),
            components,
        })
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

    pub fn postings(&self, id: TermId) -> &[Posting] {
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

    /// Whether a question with these terms names a topic exactly: it has every word of one of the topic's
    /// names, aliases or keywords.
    pub fn names_exactly(&self, topic: TopicId, terms: &[TermId]) -> bool {
        self.exact[topic as usize]
            .iter()
            .any(|name| name.iter().all(|term| terms.contains(term)))
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
                    .find(|p| p.topic == topic)
                    .map(|p| (self.term_texts[term].as_str(), p.weight))
            })
            .collect();
        out.sort_by(|a, b| b.1.total_cmp(&a.1).then_with(|| a.0.cmp(b.0)));
        out
    }
}

/// The distinct knowledge texts of an index being built. The same texts recur in many topics: a speaker's
/// name in each of their sessions, a session's title in each of its speakers, a room's name in every
/// session held there. Each is folded, split, stemmed and normalised once, and every further use only
/// counts; stems are cached too, since a large programme says the same few thousand words hundreds of
/// thousands of times.
#[derive(Default)]
struct TextCache<'k> {
    /// Each distinct text's id: its place in `texts` and `read`.
    ids: FxHashMap<&'k str, u32>,
    /// The distinct texts, in the order first met.
    texts: Vec<&'k str>,
    /// Per text, once [`TextCache::read_all`] has read them.
    read: Vec<ReadText>,
    /// The words and tokens of each run of texts read together.
    runs: Vec<RunWords>,
    stems: StemCache,
}

/// One distinct knowledge text, read.
struct ReadText {
    /// The run it was read in: its words and tokens are numbered there.
    run: u32,
    words: Vec<u32>,
    /// Its tokens until the index gives them term ids ([`Index::resolve`]), then `None`.
    tokens: Option<Vec<u32>>,
    terms: Vec<ReadTerm>,
    intents: Vec<Intent>,
    /// How many fields (and event-naming texts) have this text.
    uses: u32,
}

/// The distinct words and tokens of a run of texts read together, each kept once: a large programme
/// says the same few thousand words hundreds of thousands of times.
#[derive(Default)]
struct RunWords {
    words: Vec<String>,
    word_ids: FxHashMap<String, u32>,
    tokens: Vec<String>,
    token_ids: FxHashMap<String, u32>,
    /// Per token, what the index made of it, once it has.
    resolved: Vec<Option<Resolved>>,
}

impl RunWords {
    fn word(&mut self, word: String) -> u32 {
        intern(&mut self.words, &mut self.word_ids, word)
    }

    fn token(&mut self, token: String) -> u32 {
        let id = intern(&mut self.tokens, &mut self.token_ids, token);
        if self.resolved.len() < self.tokens.len() {
            self.resolved.push(None);
        }
        id
    }
}

/// The id of `text` in `list`, added if it is new.
fn intern(list: &mut Vec<String>, ids: &mut FxHashMap<String, u32>, text: String) -> u32 {
    if let Some(&id) = ids.get(&text) {
        return id;
    }
    let id = u32::try_from(list.len()).unwrap_or(u32::MAX);
    list.push(text.clone());
    ids.insert(text, id);
    id
}

/// A term of a text, with the longer words of a phrase term.
#[derive(Clone)]
struct ReadTerm {
    term: TermId,
    components: Vec<TermId>,
}

/// A token of knowledge text, as the index has it.
#[derive(Clone)]
enum Resolved {
    Intent(Intent),
    Term(ReadTerm),
}

/// How many bytes of distinct text are worth a thread of their own: below this, reading on one thread
/// is quicker than starting others.
const TEXT_BYTES_PER_THREAD: usize = 128 * 1024;

impl<'k> TextCache<'k> {
    /// The id of a text, new if it has not been met.
    fn id(&mut self, text: &'k str) -> u32 {
        let next = u32::try_from(self.texts.len()).unwrap_or(u32::MAX);
        match self.ids.entry(text) {
            Entry::Occupied(entry) => *entry.get(),
            Entry::Vacant(entry) => {
                entry.insert(next);
                self.texts.push(text);
                next
            }
        }
    }

    /// Splits and normalises every text. A large programme's texts are shared among threads in runs of
    /// about equal length, each with its own stem cache and its own numbering of words and tokens; the
    /// runs are joined in order, so the result is the same as reading them one by one (see
    /// [`parallel::run`]).
    fn read_all(&mut self, normaliser: &Normaliser) {
        let bytes: usize = self.texts.iter().map(|t| t.len()).sum();
        let threads = parallel::threads_for(bytes, TEXT_BYTES_PER_THREAD);
        // A few runs per thread, so that a thread that started late, or shares its core, takes fewer.
        let share = bytes.div_ceil(threads * 4).max(1);
        let mut jobs: Vec<parallel::Job<'_, (Vec<ReadText>, RunWords, StemCache)>> = Vec::new();
        let mut rest: &[&'k str] = &self.texts;
        while !rest.is_empty() {
            let mut len = 0;
            let mut taken = 0;
            while taken < rest.len() && len < share {
                len += rest[taken].len();
                taken += 1;
            }
            let (texts, after) = rest.split_at(taken);
            rest = after;
            let run = u32::try_from(jobs.len()).unwrap_or(u32::MAX);
            jobs.push(Box::new(move || {
                let mut stems = StemCache::default();
                let mut vocabulary = RunWords::default();
                let read = texts
                    .iter()
                    .map(|text| {
                        let split = split_words(&fold(text));
                        let tokens = normaliser
                            .tokens_of_plain_words(&split, &mut stems)
                            .into_iter()
                            .map(|token| vocabulary.token(token.text))
                            .collect();
                        ReadText {
                            run,
                            words: split.into_iter().map(|w| vocabulary.word(w)).collect(),
                            tokens: Some(tokens),
                            terms: Vec::new(),
                            intents: Vec::new(),
                            uses: 0,
                        }
                    })
                    .collect();
                (read, vocabulary, stems)
            }));
        }
        for (read, vocabulary, stems) in parallel::run(jobs, threads) {
            self.read.extend(read);
            self.runs.push(vocabulary);
            self.stems.extend(stems);
        }
    }

    /// How often each word occurs in all the texts read: the speller's frequencies.
    fn word_counts(&self) -> FxHashMap<String, u32> {
        let mut per_run: Vec<Vec<u32>> = self.runs.iter().map(|r| vec![0; r.words.len()]).collect();
        for text in &self.read {
            let counts = &mut per_run[text.run as usize];
            for &word in &text.words {
                counts[word as usize] += text.uses;
            }
        }
        let mut counts: FxHashMap<String, u32> = FxHashMap::default();
        for (run, run_counts) in self.runs.iter().zip(per_run) {
            for (word, count) in run.words.iter().zip(run_counts) {
                match counts.get_mut(word.as_str()) {
                    Some(total) => *total += count,
                    None => {
                        counts.insert(word.clone(), count);
                    }
                }
            }
        }
        counts
    }
}

/// The terms of the topic being indexed with their weights, kept by term id so a term met again is found
/// without hashing; reused from topic to topic.
#[derive(Default)]
struct TopicTerms {
    /// Per term id, its weight in the topic, or [`TopicTerms::ABSENT`].
    weight_of: Vec<f32>,
    /// Per term id, whether the topic has it only in prose so far.
    prose: Vec<bool>,
    present: Vec<TermId>,
}

impl TopicTerms {
    /// Field weights are positive, so a negative one means the topic does not have the term.
    const ABSENT: f32 = -1.0;

    fn slot(&mut self, term: TermId) -> usize {
        let i = term as usize;
        if self.weight_of.len() <= i {
            self.weight_of.resize(i + 1, Self::ABSENT);
            self.prose.resize(i + 1, true);
        }
        if self.weight_of[i] < 0.0 {
            self.present.push(term);
        }
        i
    }

    /// The term appears in a field of this weight: it keeps the highest, and is prose only while every
    /// field it is in is.
    fn raise(&mut self, term: TermId, weight: f32, prose: bool) {
        let i = self.slot(term);
        self.weight_of[i] = self.weight_of[i].max(weight);
        self.prose[i] &= prose;
    }

    fn set(&mut self, term: TermId, weight: f32) {
        let i = self.slot(term);
        self.weight_of[i] = weight;
        self.prose[i] = false;
    }

    fn len(&self) -> usize {
        self.present.len()
    }

    /// The terms, their weights and whether they are only in prose, leaving the set empty for the next
    /// topic.
    fn drain(&mut self) -> impl Iterator<Item = (TermId, f32, bool)> + '_ {
        let weight_of = &mut self.weight_of;
        let prose = &mut self.prose;
        self.present.drain(..).map(move |term| {
            let weight = std::mem::replace(&mut weight_of[term as usize], Self::ABSENT);
            let only_prose = std::mem::replace(&mut prose[term as usize], true);
            (term, weight, only_prose)
        })
    }
}

/// Reading asks whether a word is one Usher knows (from the knowledge or the lexicon), typos included: a
/// word it does not know may be a guess to check ("is it in Amsterdam?").
impl crate::reading::Vocabulary for Index {
    fn knows(&self, word: &str) -> bool {
        // Another form of a word the knowledge uses ("recording" for "recordings") is known too.
        self.speller.is_known(word)
            || self.speller.correct(word).is_some()
            || self.term(&self.normaliser.stem(word)).is_some()
    }

    fn has_word(&self, word: &str) -> bool {
        // Its plural or singular is the same word ("recording" of "Field Recordings").
        let singular = word.strip_suffix('s');
        self.speller.is_known(word)
            || self.speller.is_known(&format!("{word}s"))
            || singular.is_some_and(|w| self.speller.is_known(w))
    }

    fn is_common_word(&self, word: &str) -> bool {
        super::english::is_english_word(word)
    }

    fn speaks_of_signing_up(&self) -> bool {
        // Asked only of a question about signing up, which is rare enough to read the texts then.
        self.topics.iter().any(|topic| {
            topic
                .fields
                .iter()
                .any(|field| !field.facet && crate::reading::names_signing_up(&field.text))
        })
    }

    fn says_the_word(&self, word: &str) -> bool {
        // Asked only of a question naming a role, which is rare enough to read the texts then.
        self.topics.iter().any(|topic| {
            topic.fields.iter().any(|field| {
                field.is_said()
                    && super::normalise::split_words(&super::fold(&field.text))
                        .iter()
                        // Its plural or singular ("commanders" of "commander"), not a word it
                        // comes from: "commands" is no "command" of "under UN command".
                        .any(|said| {
                            said == word
                                || said.strip_suffix('s') == Some(word)
                                || word.strip_suffix('s') == Some(said.as_str())
                                    && (said.ends_with("er") || said.ends_with("or"))
                        })
            })
        })
    }

    /// A word of the name or keywords of one of the event's own facets, other than its speakers.
    fn names_a_part_of_the_event(&self, word: &str) -> bool {
        self.normaliser.tokens(word).iter().any(|token| {
            self.term(&token.text).is_some_and(|term| {
                self.postings(term).iter().any(|posting| {
                    let key = &self.topic(posting.topic).key;
                    !posting.prose && key.starts_with("event.") && key != "event.speakers"
                })
            })
        })
    }

    /// A word the index has a term for, which only the knowledge's texts give it (the lexicon's words
    /// are not indexed unless an entry uses them), and that asks nothing.
    fn names_an_entry(&self, word: &str) -> bool {
        self.normaliser.tokens(word).iter().any(|token| {
            crate::lexicon::Intent::from_token(&token.text).is_none()
                && self
                    .term(&token.text)
                    .is_some_and(|term| !self.postings(term).is_empty())
        })
    }

    /// The event's own name covers every topic (see [`crate::topics::EVENT_COVER`]).
    fn names_the_event(&self, word: &str) -> bool {
        self.normaliser.tokens(word).iter().any(|token| {
            self.term(&token.text)
                .is_some_and(|term| self.context_cover(term) >= crate::topics::EVENT_COVER)
        })
    }

    /// The venue's and hosts' names cover every topic a little, as the event's title does, but less: a
    /// word with that lesser cover names the setting.
    fn names_the_setting(&self, word: &str) -> bool {
        // Through the synonyms, as a question's words are read: a country's adjective is the country.
        self.normaliser.tokens(word).iter().any(|token| {
            self.term(&token.text).is_some_and(|term| {
                let cover = self.context_cover(term);
                cover > 0.0 && cover < crate::topics::EVENT_COVER
            })
        })
    }
}

/// The part of the day the whole event falls in ("afternoon" of one from 14:00 to 17:30), if it falls in
/// one on a single day: "the second half of the afternoon", "what time did things kick off that
/// afternoon" name the event by its time, as its title names it by its subject.
fn the_events_part_of_day(knowledge: &Knowledge) -> Option<&'static str> {
    let event = &knowledge.event;
    if event.start.date() != event.end.date() {
        return None;
    }
    let start = i32::from(event.start.hour()) * 60 + i32::from(event.start.minute());
    let end = i32::from(event.end.hour()) * 60 + i32::from(event.end.minute());
    ["morning", "afternoon", "evening"]
        .into_iter()
        .find(|part| {
            crate::reading::part_of_day(part).is_some_and(|(from, to)| {
                i32::from(from) * 60 <= start && end <= i32::from(to) * 60
            })
        })
}
