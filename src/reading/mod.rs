//! Reading a question's form, before its words are matched: whether it is a remark about the conversation
//! ("hi", "thanks", "who are you"), a question outside what any event's knowledge holds (a sum, the
//! population of a country), and what kind of answer it wants: a fact, a yes or no to a guess ("is it in
//! Amsterdam?"), or a choice between options ("at 2 or at 3?").
//!
//! The words it reads by are data (`reading.toml`), and none is about one event. A guess that a yes-or-no
//! question makes is taken out of the question and replaced by what it guesses at (the place, the time),
//! so that matching finds the fact; the answer then says whether the guess was right.

use std::sync::OnceLock;

use serde::Deserialize;

use crate::lexicon::Lexicon;

/// A remark about the conversation rather than a question about the event.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Aside {
    Greeting,
    Thanks,
    /// "Who are you?"
    Identity,
    /// "What can you do?"
    Abilities,
    Help,
}

impl Aside {
    pub const ALL: [Aside; 5] = [
        Aside::Greeting,
        Aside::Thanks,
        Aside::Identity,
        Aside::Abilities,
        Aside::Help,
    ];
}

/// Why a question is outside what any event's knowledge can answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outside {
    /// A calculation: "what's 17 times 23".
    Arithmetic,
    /// A fact about the world: "the population of ...".
    World,
    /// A subject the knowledge never mentions: "who is the director of ...", "is there parking".
    Unmentioned,
    /// A request to translate: "how do you say thank you in Dutch".
    Translation,
    /// Another event than the one in the knowledge: "when is the next seminar".
    AnotherEvent,
}

/// The kind of answer a question wants.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Wants {
    /// A fact: "where is it?"
    #[default]
    Fact,
    /// A yes or no: "is it in Amsterdam?"
    Check,
    /// One of the options it names: "at 2 or at 3?"
    Choice,
}

/// What a guess in a question is a guess of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Slot {
    Place,
    Time,
}

/// A value a question guesses ("Amsterdam", "the 13th of April"), as typed (folded), and what it guesses.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Guess {
    pub words: Vec<String>,
    pub slot: Slot,
}

/// Whether the answer bears a question's guesses out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    Yes,
    No,
    /// The answer has the guess's numbers, but a number alone does not say which time it is.
    Unsure,
}

/// A question as read before matching.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Question {
    pub aside: Option<Aside>,
    pub outside: Option<Outside>,
    pub wants: Wants,
    /// The values a yes-or-no or choice question guesses.
    pub guesses: Vec<Guess>,
    /// A detail the question asks for that many events' knowledge does not hold (an email address,
    /// parking), by its name in `reading.toml`.
    pub detail: Option<String>,
    /// The question as matching should read it, when reading changed it: a guess replaced by what it
    /// guesses at, or a question about what the event is about made to say so.
    pub rewritten: Option<String>,
}

/// The words reading goes by, as written in `reading.toml`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Words {
    asides: Asides,
    replies: Replies,
    outside: OutsideWords,
    details: std::collections::BTreeMap<String, Vec<String>>,
    kinds: Kinds,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Asides {
    greeting: Vec<String>,
    thanks: Vec<String>,
    identity: Vec<String>,
    abilities: Vec<String>,
    help: Vec<String>,
    filler: Vec<String>,
}

/// What Usher says to a remark, to a yes-or-no question and to a question outside its knowledge: the
/// opener of the reply, in `reading.toml` rather than in code.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Replies {
    greeting: String,
    thanks: String,
    identity: String,
    abilities: String,
    help: String,
    pub yes: String,
    pub no: String,
    pub outside: String,
    absent: String,
}

impl Replies {
    /// The opener of a reply to a question asking for a detail the knowledge does not give.
    pub fn absent(&self, detail: &str) -> String {
        self.absent.replace("{detail}", detail)
    }

    /// The opener of the reply to a remark.
    pub fn aside(&self, aside: Aside) -> &str {
        match aside {
            Aside::Greeting => &self.greeting,
            Aside::Thanks => &self.thanks,
            Aside::Identity => &self.identity,
            Aside::Abilities => &self.abilities,
            Aside::Help => &self.help,
        }
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct OutsideWords {
    arithmetic: Vec<String>,
    world: Vec<String>,
    translation: Vec<String>,
    another_event: Vec<String>,
    unmentioned: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Kinds {
    check: Vec<String>,
    choice: Vec<String>,
    place: Vec<String>,
    time: Vec<String>,
    about: Vec<String>,
    purpose: Vec<String>,
    occasion: Vec<String>,
    dates: Vec<String>,
    languages: Vec<String>,
    asker: Vec<String>,
}

const READING_TOML: &str = include_str!("reading.toml");

fn words_of() -> &'static Words {
    static WORDS: OnceLock<Words> = OnceLock::new();
    // The file is compiled in and covered by tests, so a parse failure is a build defect, not input.
    WORDS.get_or_init(|| toml::from_str(READING_TOML).expect("the built-in reading.toml is valid"))
}

/// The openers of Usher's replies that do not come from an event's knowledge.
pub fn replies() -> &'static Replies {
    &words_of().replies
}

/// A phrase list split into words once, since every question is compared with every phrase.
type Phrases = Vec<Vec<String>>;

/// The phrase lists of `reading.toml`, split into words.
struct Split {
    greeting: Phrases,
    thanks: Phrases,
    identity: Phrases,
    abilities: Phrases,
    help: Phrases,
    arithmetic: Phrases,
    world: Phrases,
    translation: Phrases,
    /// Each detail's name with the phrases that ask for it.
    details: Vec<(String, Phrases)>,
}

fn split() -> &'static Split {
    static SPLIT: OnceLock<Split> = OnceLock::new();
    SPLIT.get_or_init(|| {
        let w = words_of();
        let each = |list: &[String]| -> Phrases {
            list.iter()
                .map(|p| p.split_whitespace().map(str::to_string).collect())
                .collect()
        };
        Split {
            greeting: each(&w.asides.greeting),
            thanks: each(&w.asides.thanks),
            identity: each(&w.asides.identity),
            abilities: each(&w.asides.abilities),
            help: each(&w.asides.help),
            arithmetic: each(&w.outside.arithmetic),
            world: each(&w.outside.world),
            translation: each(&w.outside.translation),
            details: w
                .details
                .iter()
                .map(|(name, list)| (name.clone(), each(list)))
                .collect(),
        }
    })
}

/// The words of a phrase list.
fn phrases(list: &Phrases) -> impl Iterator<Item = &[String]> {
    list.iter().map(Vec::as_slice)
}

fn is_number(word: &str) -> bool {
    !word.is_empty() && word.chars().all(|c| c.is_ascii_digit())
}

fn contains(list: &[String], word: &str) -> bool {
    list.iter().any(|w| w == word)
}

/// What reading needs to know of the event's words: whether a word is one the knowledge (or the lexicon)
/// knows, typos included, so that a guess is only a word Usher has never met.
pub trait Vocabulary {
    fn knows(&self, word: &str) -> bool;
}

/// Reads a question: `folded` is its text folded (see `matching::fold`), `words` its words as split from
/// that text.
pub fn read(folded: &str, words_in: &[String], vocabulary: &dyn Vocabulary) -> Question {
    let w = words_of();
    let lexicon = Lexicon::builtin();
    let mut question = Question::default();
    if let Some(aside) = aside(w, words_in) {
        question.aside = Some(aside);
        return question;
    }
    if let Some(outside) = outside(folded, words_in) {
        question.outside = Some(outside);
        return question;
    }
    // A detail many events lack (parking, wifi) is answered by a topic that names it or declined as a
    // detail; the list of unmentioned subjects is for everything else.
    question.detail = detail(words_in);
    if question.detail.is_none()
        && words_in
            .iter()
            .any(|word| contains(&w.outside.unmentioned, word) && !vocabulary.knows(word))
    {
        question.outside = Some(Outside::Unmentioned);
        return question;
    }
    // Everything from the first word that opens a question; a greeting before it says nothing.
    let start = words_in
        .iter()
        .position(|word| !greeting_word(w, word))
        .unwrap_or(words_in.len());
    let asked = &words_in[start..];
    if asked
        .first()
        .is_some_and(|first| contains(&w.kinds.check, first))
    {
        question.wants = Wants::Check;
    }
    if asked.iter().any(|word| contains(&w.kinds.choice, word)) && question.wants == Wants::Check {
        question.wants = Wants::Choice;
    }
    // "morning or afternoon?" chooses between times without a word that opens a check: the options are
    // times of day or dates on either side of the word that joins them.
    if question.wants == Wants::Fact {
        // Read from the first word: a time of day before the choice word ("morning or ...") is no
        // greeting here.
        if let Some(rewritten) = choice_between_times(w, words_in) {
            question.wants = Wants::Choice;
            question.rewritten = Some(rewritten);
        }
    }
    if question.wants != Wants::Fact {
        guesses(w, lexicon, asked, &mut question);
    }
    if question.rewritten.is_none() {
        // The last clause may ask it on its own, after the asker has said why they ask: "I'm writing a
        // thesis on water policy, was this relevant? what did it cover".
        let last = last_clause(folded);
        let asking = if asks_what_it_is_about(w, lexicon, asked) {
            Some(asked)
        } else if last.len() < asked.len() && asks_what_it_is_about(w, lexicon, &last) {
            Some(last.as_slice())
        } else {
            None
        };
        if let Some(asking) = asking {
            // The words asking what is talked about become the one word that means it, so that an
            // inflection the lexicon does not list ("discussing") is not read as a subject.
            let mut kept: Vec<&str> = asking
                .iter()
                .map(String::as_str)
                .filter(|word| !is_about_word(w, asking, word))
                .collect();
            kept.push("topic");
            question.rewritten = Some(kept.join(" "));
        }
    }
    question
}

/// The words of a text's last clause (after the last sentence or clause mark), split as questions are:
/// apostrophes dropped, letters and digits apart.
fn last_clause(folded: &str) -> Vec<String> {
    let trimmed = folded.trim_end_matches(|c: char| !c.is_alphanumeric());
    let start = trimmed
        .rfind(['?', '.', '!', ',', ';', ':'])
        .map_or(0, |i| i + 1);
    let mut words: Vec<String> = Vec::new();
    let mut current = String::new();
    for c in trimmed[start..].chars().filter(|c| *c != '\'') {
        let boundary = current
            .chars()
            .last()
            .is_some_and(|last| last.is_ascii_digit() != c.is_ascii_digit());
        if !c.is_alphanumeric() || boundary {
            words.extend((!current.is_empty()).then(|| std::mem::take(&mut current)));
        }
        if c.is_alphanumeric() {
            current.push(c);
        }
    }
    words.extend((!current.is_empty()).then_some(current));
    words
}

/// A question that joins two times or dates with its choice word ("morning or afternoon", "thursday or
/// friday"), rewritten to ask when: the options become the question word, so that matching finds the
/// time that answers it.
fn choice_between_times(w: &Words, asked: &[String]) -> Option<String> {
    let option = |word: &str| contains(&w.kinds.dates, word) || is_number(word);
    let at = asked
        .windows(3)
        .position(|t| contains(&w.kinds.choice, &t[1]) && option(&t[0]) && option(&t[2]))?;
    let mut rewritten: Vec<&str> = asked[..at].iter().map(String::as_str).collect();
    rewritten.push("when");
    rewritten.extend(asked[at + 3..].iter().map(String::as_str));
    Some(rewritten.join(" "))
}

/// Whether a clause (its words, folded) is a statement about the asker that frames a question rather than
/// asks one: "I was at the seminar but had to leave early".
pub fn frames_the_question(words: &[String]) -> bool {
    words
        .first()
        .is_some_and(|first| contains(&words_of().kinds.asker, first))
}

fn greeting_word(w: &Words, word: &str) -> bool {
    phrases(&split().greeting).any(|p| p.len() == 1 && p[0] == word)
        || contains(&w.asides.filler, word)
}

/// A remark: greetings, thanks and filler alone, or one of the phrases about Usher itself.
fn aside(w: &Words, all: &[String]) -> Option<Aside> {
    let s = split();
    let mut rest: Vec<&String> = all
        .iter()
        .filter(|word| !contains(&w.asides.filler, word))
        .collect();
    let mut first = None;
    // Greetings and thanks come off either end until none is left at either.
    let mut changed = true;
    while changed && !rest.is_empty() {
        changed = false;
        for (aside, list) in [(Aside::Greeting, &s.greeting), (Aside::Thanks, &s.thanks)] {
            for phrase in phrases(list) {
                let n = phrase.len();
                if rest.len() >= n && rest[..n].iter().copied().eq(phrase) {
                    rest.drain(..n);
                } else if rest.len() >= n && rest[rest.len() - n..].iter().copied().eq(phrase) {
                    rest.truncate(rest.len() - n);
                } else {
                    continue;
                }
                first.get_or_insert(aside);
                changed = true;
            }
        }
    }
    if rest.is_empty() {
        return first;
    }
    [
        (Aside::Identity, &s.identity),
        (Aside::Abilities, &s.abilities),
        (Aside::Help, &s.help),
    ]
    .into_iter()
    .find(|(_, list)| phrases(list).any(|p| rest.iter().copied().eq(p)))
    .map(|(aside, _)| aside)
}

/// A calculation, a fact about the world that no event's knowledge holds, or a request to translate.
fn outside(folded: &str, words: &[String]) -> Option<Outside> {
    let s = split();
    // Symbols between digits: "17*23", "17 x 23". Dashes and slashes join dates, so they do not count.
    let mut symbols = folded.chars().filter(|c| !c.is_whitespace());
    let (mut a, mut b) = (symbols.next(), symbols.next());
    let mut sum = false;
    for c in symbols {
        if a.is_some_and(|a| a.is_ascii_digit())
            && matches!(b, Some('+' | '*' | '^' | '\u{d7}' | '\u{f7}' | '='))
            && c.is_ascii_digit()
        {
            sum = true;
            break;
        }
        (a, b) = (b, Some(c));
    }
    sum = sum
        || words
            .windows(3)
            .any(|t| is_number(&t[0]) && t[1] == "x" && is_number(&t[2]));
    let cue = phrases(&s.arithmetic).any(|phrase| {
        words.windows(phrase.len()).enumerate().any(|(i, window)| {
            window == phrase
                && (i > 0 && is_number(&words[i - 1])
                    || words.get(i + phrase.len()).is_some_and(|n| is_number(n)))
        })
    });
    if sum || cue {
        return Some(Outside::Arithmetic);
    }
    let world = phrases(&s.world).any(|phrase| {
        let n = phrase.len();
        let of = words
            .windows(n + 1)
            .any(|t| t[..n] == *phrase && t[n] == "of");
        // "peru's population": the possessive is gone from the words, so it is read from the text.
        let possessive = folded.match_indices("'s ").any(|(i, _)| {
            let after = folded[i + 3..].split_whitespace();
            after.take(n).eq(phrase.iter().map(String::as_str))
        });
        of || possessive
    });
    if world {
        return Some(Outside::World);
    }
    let translation = phrases(&s.translation)
        .any(|phrase| words.windows(phrase.len()).any(|window| window == phrase));
    if translation {
        return Some(Outside::Translation);
    }
    another_event(words).then_some(Outside::AnotherEvent)
}

/// Whether a question asks about another event: a word such as "next" before a word naming an event,
/// with at most two words between them that are not stop words ("the next Water Institute event"). A
/// stop word between them ends the phrase: "what is next after the event" asks what follows this one.
fn another_event(words: &[String]) -> bool {
    let lexicon = Lexicon::builtin();
    let names_an_event = |word: &str| {
        let singular = word.strip_suffix('s').unwrap_or(word);
        lexicon
            .facet("event")
            .iter()
            .any(|noun| noun == word || noun == singular)
    };
    let stop = |word: &str| lexicon.stop_words.iter().any(|s| s == word);
    words.iter().enumerate().any(|(i, word)| {
        contains(&words_of().outside.another_event, word)
            && words[i + 1..]
                .iter()
                .take(3)
                .take_while(|next| !stop(next))
                .any(|next| names_an_event(next))
    })
}

/// The detail (see `details` in `reading.toml`) a question asks for, if any: the first whose phrase it has.
fn detail(words: &[String]) -> Option<String> {
    split()
        .details
        .iter()
        .find(|(_, list)| {
            phrases(list).any(|phrase| words.windows(phrase.len()).any(|w| w == phrase))
        })
        .map(|(name, _)| name.clone())
}

/// Whether a text (folded) names a detail: it has a word that starts with one of the detail's one-word
/// phrases, or one of its longer phrases ("car park").
pub fn names_detail(detail: &str, text: &str) -> bool {
    let Some((_, list)) = split().details.iter().find(|(name, _)| name == detail) else {
        return false;
    };
    let words: Vec<&str> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    phrases(list).any(|phrase| match phrase {
        [one] => words.iter().any(|w| w.starts_with(one.as_str())),
        _ => words
            .windows(phrase.len())
            .any(|w| w.iter().copied().eq(phrase.iter().map(String::as_str))),
    })
}

/// Takes the guesses out of a yes-or-no or choice question about the event itself ("is it in Amsterdam",
/// "does it start at 2 or at 3") and says what they guess at instead, so that matching finds the fact.
fn guesses(w: &Words, lexicon: &Lexicon, asked: &[String], question: &mut Question) {
    let mut rewritten: Vec<&str> = Vec::new();
    let mut found = Vec::new();
    let mut i = 0;
    while i < asked.len() {
        let word = asked[i].as_str();
        let after_or = contains(&w.kinds.choice, word) && question.wants == Wants::Choice;
        let opens_time = contains(&w.kinds.time, word) || after_or;
        let opens_place = contains(&w.kinds.place, word);
        if opens_time || opens_place {
            let mut j = i + 1;
            while asked
                .get(j)
                .is_some_and(|a| a == "the" || a == "a" || a == "an")
            {
                j += 1;
            }
            let time_end = run(asked, j, |a, next| {
                is_number(a)
                    || contains(&w.kinds.dates, a)
                    || (a == "of" && next.is_some_and(|n| contains(&w.kinds.dates, n)))
            });
            if opens_time && time_end > j {
                found.push(Guess {
                    words: asked[j..time_end].to_vec(),
                    slot: Slot::Time,
                });
                rewritten.push(word);
                rewritten.push("when");
                i = time_end;
                continue;
            }
            // A place the knowledge knows ("is it at the institute?") is a guess as much as one it
            // does not ("is it in Amsterdam?"): the answer is the venue, and says whether it is there.
            let place_end = run(asked, j, |a, _| {
                !is_number(a)
                    && !lexicon.stop_words.iter().any(|s| s == a)
                    && !contains(&w.kinds.languages, a)
            });
            if opens_place && place_end > j {
                found.push(Guess {
                    words: asked[j..place_end].to_vec(),
                    slot: Slot::Place,
                });
                rewritten.push("where");
                i = place_end;
                continue;
            }
        }
        rewritten.push(word);
        i += 1;
    }
    if found.is_empty() {
        return;
    }
    // Only a question about the event itself is read this way: in "are droughts worse in Peru" the
    // unknown word is the subject, not a guess of the venue.
    let about_event = rewritten.iter().all(|word| {
        *word == "when"
            || *word == "where"
            || contains(&w.kinds.check, word)
            || contains(&w.kinds.choice, word)
            || lexicon.stop_words.iter().any(|s| s == word)
            || lexicon.intents.values().flatten().any(|cue| cue == word)
            || names_a_part_of_any_event(lexicon, word)
    });
    if !about_event {
        return;
    }
    question.guesses = found;
    question.rewritten = Some(rewritten.join(" "));
}

/// A word of the event's own facets (the event, its time, its venue), or of a synonym group whose
/// canonical word is one: "begin" and "kick off" as well as "start".
fn names_a_part_of_any_event(lexicon: &Lexicon, word: &str) -> bool {
    let facet_word = |w: &str| {
        ["event", "when", "venue"]
            .iter()
            .any(|facet| lexicon.facet(facet).iter().any(|f| f == w))
    };
    facet_word(word)
        || lexicon.synonyms.iter().any(|group| {
            group.first().is_some_and(|canonical| facet_word(canonical))
                && group
                    .iter()
                    .any(|phrase| phrase.split_whitespace().any(|w| w == word))
        })
}

/// The end of the run of words from `start` that `part` accepts (given the word after each).
fn run(words: &[String], start: usize, part: impl Fn(&str, Option<&str>) -> bool) -> usize {
    let mut end = start;
    while end < words.len() && part(&words[end], words.get(end + 1).map(String::as_str)) {
        end += 1;
    }
    end
}

/// "What is it about", "what will they discuss": a word asking what is talked about, and nothing else but
/// stop words and words naming the event.
fn asks_what_it_is_about(w: &Words, lexicon: &Lexicon, asked: &[String]) -> bool {
    let about = |word: &str| is_about_word(w, asked, word);
    // A word that also names another facet ("address": the venue's) is that facet's noun where it stands
    // alone or after an article ("address?", "what's the address"); only as a verb ("what did they
    // address") does it ask what the event is about.
    let noun_of_a_facet = |at: usize| {
        let word = asked[at].as_str();
        let names_a_facet = lexicon
            .facet_names()
            // The event's own words and the words asking what it is about are no other facet.
            .filter(|name| !matches!(*name, "event" | "about"))
            .any(|name| lexicon.facet(name).iter().any(|f| f == word));
        let after_article = at
            .checked_sub(1)
            .is_some_and(|before| ARTICLES.contains(&asked[before].as_str()));
        names_a_facet
            && (after_article || !asked.iter().any(|other| contains(&w.kinds.check, other)))
    };
    if asked
        .iter()
        .enumerate()
        .any(|(at, word)| about(word) && noun_of_a_facet(at))
    {
        return false;
    }
    asked.iter().any(|word| about(word))
        && asked.iter().all(|word| {
            about(word)
                || lexicon.stop_words.iter().any(|s| s == word)
                || lexicon.facet("event").iter().any(|f| f == word)
                || contains(&w.kinds.check, word)
        })
}

/// Words that make the next one a noun: "the address", "its theme".
const ARTICLES: &[&str] = &[
    "the", "a", "an", "its", "their", "your", "his", "her", "our",
];

/// Whether a word of a question (`asked`) asks what the event is about: one of the `about` words, or, in
/// a question that asks why ("why was it organised?"), the words asking why and saying that it was held.
fn is_about_word(w: &Words, asked: &[String], word: &str) -> bool {
    // "Why?" alone asks why of something said before, which Usher does not see.
    let why = asked.iter().any(|a| contains(&w.kinds.purpose, a))
        && asked.iter().any(|a| !contains(&w.kinds.purpose, a));
    w.kinds
        .about
        .iter()
        .any(|cue| word.starts_with(cue.as_str()))
        || why && (contains(&w.kinds.purpose, word) || contains(&w.kinds.occasion, word))
}

/// Whether `answer` (the text of the answer, folded) bears the guesses out: every number of a guess is in
/// it (as that number, or as an hour after noon), and every other word of a place or date guess is too.
pub fn verdict(guesses: &[Guess], answer: &str) -> Verdict {
    let numbers = numbers_in(answer);
    let answer_words: Vec<&str> = answer
        .split(|c: char| !c.is_alphanumeric())
        .filter(|s| !s.is_empty())
        .collect();
    let dates = &words_of().kinds.dates;
    let mut only_numbers = true;
    for guess in guesses {
        for word in &guess.words {
            if let Ok(n) = word.parse::<u32>() {
                let hour_after_noon = (1..12).contains(&n);
                let found = numbers
                    .iter()
                    .any(|&(m, hour)| m == n || (hour_after_noon && hour && m == n + 12));
                if !found {
                    return Verdict::No;
                }
            } else if guess.slot == Slot::Place || (contains(dates, word) && word.len() > 2) {
                if ["of", "th", "st", "nd", "rd", "pm", "am"].contains(&word.as_str()) {
                    continue;
                }
                only_numbers = false;
                if !answer_words.iter().any(|a| a == word) {
                    return Verdict::No;
                }
            }
        }
    }
    if only_numbers {
        Verdict::Unsure
    } else {
        Verdict::Yes
    }
}

/// The numbers in a text, each with whether it is an hour (followed by ':' or '.' and two digits).
fn numbers_in(text: &str) -> Vec<(u32, bool)> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if chars[i].is_ascii_digit() {
            let start = i;
            while i < chars.len() && chars[i].is_ascii_digit() {
                i += 1;
            }
            let digits: String = chars[start..i].iter().collect();
            let hour = matches!(chars.get(i), Some(':' | '.'))
                && chars.get(i + 1).is_some_and(char::is_ascii_digit);
            if let Ok(n) = digits.parse() {
                out.push((n, hour));
            }
        } else {
            i += 1;
        }
    }
    out
}

#[cfg(test)]
mod tests;
