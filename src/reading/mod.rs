//! Reading a question's form, before its words are matched: whether it is a remark about the conversation
//! ("hi", "thanks", "who are you"), a question outside what any event's knowledge holds (a sum, the
//! population of a country), and what kind of answer it wants: a fact, a yes or no to a guess ("is it in
//! Amsterdam?"), or a choice between options ("at 2 or at 3?").
//!
//! The words it reads by are data (`reading.toml`), and none is about one event. A guess that a yes-or-no
//! question makes is taken out of the question and replaced by what it guesses at (the place, the time),
//! so that matching finds the fact; the answer then says whether the guess was right.

use std::collections::HashMap;
use std::sync::OnceLock;

use rustc_hash::{FxHashMap, FxHashSet};

use serde::Deserialize;

use crate::lexicon::Lexicon;

mod relation;

pub use relation::{Judged, Relation, Span, judge};

/// A remark about the conversation rather than a question about the event.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Aside {
    Greeting,
    Thanks,
    /// "This is so interesting": praise of the event alone.
    Praise,
    /// "Looking forward to it!"
    Anticipation,
    /// "Who are you?"
    Identity,
    /// "What can you do?"
    Abilities,
    Help,
}

impl Aside {
    pub const ALL: [Aside; 7] = [
        Aside::Greeting,
        Aside::Thanks,
        Aside::Praise,
        Aside::Anticipation,
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
    /// A request to translate: "how do you say thank you in Quechua".
    Translation,
    /// Another event than the one in the knowledge: "when is the next seminar".
    AnotherEvent,
    /// Usher's own opinion: "do you think it was a success?".
    Opinion,
    /// A remark to the channel that asks nothing: "lol this is taking forever".
    Remark,
}

/// A time other than the event's that a question asks about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OtherTime {
    /// How something stands now or went since: "is the mission still running?", "right now".
    Now,
    /// How long something other than the event has gone on: "how long has Peru been in the league?".
    Lasting,
    /// How long something goes on that the source speaks of beyond the event: "how long will the
    /// project run?".
    Going,
}

/// What a question asks that only a text giving it answers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Needs {
    /// A date: "what year did the mission start?", "since when".
    Date,
    /// What an abbreviation stands for: "what does ABC stand for?".
    Expansion,
    /// What something is or means: "what does ABC mean?", "what is an ABC?". Of an abbreviation, only a
    /// text that spells it out or is about it answers.
    Definition,
    /// What a document says: "what exactly is in the agency's charter?". Only a text that says what
    /// the document says answers, not one that only names it.
    Content,
    /// What will become of something other than the event: "will the army send more troops?". Only a
    /// statement that looks ahead itself answers (see [`looks_ahead`]).
    Forecast,
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
    /// A time on the clock that the answer's time is at or before: "does it start before 3?", "is it
    /// over by 6?".
    Before,
    /// A time on the clock that the answer's time is at or after: "does it start after 1?".
    After,
    /// A time on the clock that the end reaches: "does it go on past 6pm?", "does it run until 5?".
    Through,
    /// Who hosts the event: "was it organised by the city council?", "was the museum one of the hosts?".
    Host,
    /// Who alone hosts it: "was the museum the only host?".
    SoleHost,
    /// What the event is about: "is the forum about rivers?".
    Subject,
    /// What the event is called: "was it called 'Rivers in Peru'?". A title with a word the answer
    /// lacks is another title.
    Title,
    /// What kind of thing something the knowledge names is: "is the Delta Fund a charity?". What the
    /// knowledge says it is decides, whatever entry says it.
    Kind,
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
    /// Where a yes-or-no question places what it asks about relative to now ("is it today?").
    pub relation: Option<Relation>,
    /// The period of the calendar a question asks what is on in ("what's on next week?", "is there a
    /// seminar next month?"), without asking when: only an event within it answers.
    pub period: Option<Relation>,
    /// What only a text that gives it answers: a date ("what year did ...", "since when") or what an
    /// abbreviation stands for ("what does ABC stand for?").
    pub needs: Option<Needs>,
    /// The years it names after a word that opens a time, each with whether it asks what came after
    /// ("after 2015", "since 2016") rather than in or by it ("in 2019"). A fact asked of a time after the
    /// event is beyond what its source could say.
    pub years: Vec<(i32, bool)>,
    /// A time other than the event's that it asks about: now ("is the mission still running?"), or
    /// how long something else has gone on ("how long has Peru been in the league?").
    pub other_time: Option<OtherTime>,
    /// The question as matching should read it, when reading changed it: a guess replaced by what it
    /// guesses at, or a question about what the event is about made to say so.
    pub rewritten: Option<String>,
    /// Whether it asks who said or did something at the event ("who asked about public opinion?"): it
    /// is matched without its "who", as what was said, and the answer says whom the source names.
    pub who_said: bool,
    /// Whether it asks if someone was at the event or spoke there ("was X there?", "did any diplomats
    /// attend?"): knowledge that names no one answers it with what it says of the people there.
    pub presence: bool,
    /// Whether it asks how something other than the event stands now ("what is the army doing right
    /// now?", "how are relations at the moment?"): the event's time does not answer it.
    pub now_of_another: bool,
}

/// The words reading goes by, as written in `reading.toml`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Words {
    asides: Asides,
    replies: Replies,
    outside: OutsideWords,
    details: std::collections::BTreeMap<String, Vec<String>>,
    detail_names: std::collections::BTreeMap<String, Vec<String>>,
    kinds: Kinds,
    relations: relation::RelationWords,
    polarity: Polarity,
    parts_of_day: std::collections::BTreeMap<String, [i8; 2]>,
    day_classes: std::collections::BTreeMap<String, Vec<String>>,
    spoken_times: SpokenTimes,
    order: OrderWords,
}

/// Words placing one part of an event before or after another (see `[order]` in `reading.toml`).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct OrderWords {
    before: WordList,
    after: WordList,
}

/// Where a question places what it asks about relative to the event: before it, after it, or either.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Order {
    Before,
    After,
    /// "Before or after?": the word the question says "after" with.
    Either(String),
}

/// A text's words in lower case, without punctuation.
fn lowercase_words(text: &str) -> Vec<String> {
    text.to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(String::from)
        .collect()
}

/// Whether a text speaks of signing up for the event ("Registration closes on ...").
pub fn names_signing_up(text: &str) -> bool {
    says_any(text, &words_of().relations.sign_up)
}

/// Whether a text, in lower case and without punctuation, has one of the phrases.
fn says_any(text: &str, phrases: &[String]) -> bool {
    let words = lowercase_words(text);
    phrases
        .iter()
        .any(|phrase| relation::has_phrase(&words, phrase))
}

/// Whether a question asks if something came to pass ("did an attack actually happen?", "has it
/// occurred since?"), not how likely it was ("was there a risk of an attack?") nor what would follow
/// if it did ("what would happen if ...").
pub fn asks_whether_it_came_to_pass(words: &[String]) -> bool {
    let p = &words_of().polarity;
    let has = |list: &[String]| {
        list.iter()
            .any(|phrase| relation::has_phrase(words, phrase))
    };
    // "Will it change later?" forecasts; it asks nothing that came to pass.
    has(&p.came_to_pass)
        && !has(&words_of().kinds.forecast)
        && !has(&p.supposing)
        && !words.iter().any(|word| contains(&p.likelihood, word))
}

/// Whether a text speaks of what a question names only as a supposition: each of its sentences that has
/// one of the question's own words ("attack") also has a word that supposes ("if", "would"): "might
/// change overnight if an attack would take place" says nothing of an attack that took place.
pub fn only_supposes(question: &[String], text: &str) -> bool {
    let lexicon = Lexicon::builtin();
    let asked: Vec<&str> = question
        .iter()
        .map(String::as_str)
        .filter(|word| word.len() >= 4 && !lexicon.is_stop_word(word))
        .collect();
    let mut naming = text
        .split(['.', ';', '?', '!'])
        .map(lowercase_words)
        .filter(|sentence| {
            sentence
                .iter()
                .any(|word| asked.iter().any(|asked| same_word(asked, word)))
        })
        .peekable();
    naming.peek().is_some()
        && naming.all(|sentence| {
            words_of()
                .polarity
                .supposing
                .iter()
                .any(|phrase| relation::has_phrase(&sentence, phrase))
        })
}

/// Whether a question asks if one must sign up ("do I need to register?", "was registration
/// required?"), where the knowledge never speaks of signing up (`Vocabulary::speaks_of_signing_up`):
/// a rule of the organisers' that the source does not give. Whether one still can ("can I still
/// register?") is a question of the event's time, and is read as one.
fn asks_whether_signing_up_is_needed(
    w: &Words,
    words: &[String],
    vocabulary: &dyn Vocabulary,
) -> bool {
    let Some((at, phrase)) = w.relations.sign_up.iter().find_map(|phrase| {
        let phrase: Vec<&str> = phrase.split_whitespace().collect();
        words
            .windows(phrase.len())
            .position(|t| t.iter().map(String::as_str).eq(phrase.iter().copied()))
            .map(|at| (at, phrase))
    }) else {
        return false;
    };
    // The need is said next to the signing up: "need to register", "registration required". In "I need
    // to know if I can still register" it is the asker's need to know.
    let near = &words[at.saturating_sub(3)..(at + phrase.len() + 2).min(words.len())];
    !vocabulary.speaks_of_signing_up()
        && w.relations
            .necessity
            .iter()
            .any(|need| relation::has_phrase(near, need))
}

/// Whether a question asks about a break in the programme ("when is the coffee break?", "was there a
/// pause between the parts?"), by the words in `reading.toml` (`[programme] breaks`).
pub fn asks_about_a_break(words: &[String]) -> bool {
    // "Would the city break the agreement?" uses the verb: a break is not followed by what is broken.
    let verb = |at: usize| {
        words.get(at + 1).is_some_and(|next| {
            matches!(
                next.as_str(),
                "the"
                    | "a"
                    | "an"
                    | "its"
                    | "their"
                    | "his"
                    | "her"
                    | "this"
                    | "that"
                    | "any"
                    | "up"
                    | "down"
                    | "out"
                    | "into"
                    | "through"
                    | "away"
                    | "off"
                    | "free"
                    | "even"
                    | "ranks"
            )
        })
    };
    phrases(&split().breaks).any(|phrase| {
        words
            .windows(phrase.len())
            .enumerate()
            .any(|(at, window)| window.iter().eq(phrase.iter()) && !verb(at + phrase.len() - 1))
    })
}

/// Whether a text names a break in a programme.
pub fn names_a_break(text: &str) -> bool {
    let words = lowercase_words(text);
    asks_about_a_break(&words)
}

/// Whether a question asks if the event fills a day ("was it a full-day thing?").
pub fn asks_all_day(words: &[String]) -> bool {
    words_of()
        .kinds
        .all_day
        .iter()
        .any(|phrase| relation::has_phrase(words, phrase))
}

/// Where a question places what it asks about relative to the event, by its words for before and after.
pub fn order_asked(words: &[String]) -> Option<Order> {
    let o = &words_of().order;
    let before = words.iter().any(|w| contains(&o.before, w));
    let after = words.iter().find(|w| contains(&o.after, w)).cloned();
    match (before, after) {
        (true, Some(after)) => Some(Order::Either(after)),
        (true, None) => Some(Order::Before),
        (false, Some(_)) => Some(Order::After),
        (false, None) => None,
    }
}

/// How a text denies what a question asks (see `[polarity]` in `reading.toml`).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Polarity {
    negators: WordList,
    not_denying: WordList,
    negative_prefixes: WordList,
    question_negators: WordList,
    reach: usize,
    apart: WordList,
    approving: WordList,
    disapproving: WordList,
    doubting: WordList,
    occurred: WordList,
    came_to_pass: WordList,
    supposing: WordList,
    likelihood: WordList,
    comparing: WordList,
    asides: WordList,
    restrictive: WordList,
    widening: WordList,
}

/// How people say a time of day (see `[spoken_times]` in `reading.toml`).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct SpokenTimes {
    hours: WordList,
    half: WordList,
    quarter: WordList,
    past: WordList,
    to: WordList,
    clock: WordList,
    then: WordList,
    minutes: std::collections::BTreeMap<String, u32>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Asides {
    greeting: WordList,
    thanks: WordList,
    anticipation: WordList,
    identity: WordList,
    abilities: WordList,
    help: WordList,
    filler: WordList,
    praise: WordList,
}

/// What Usher says to a remark, to a yes-or-no question and to a question outside its knowledge: the
/// opener of the reply, in `reading.toml` rather than in code.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Replies {
    greeting: String,
    thanks: String,
    praise: String,
    anticipation: String,
    identity: String,
    abilities: String,
    help: String,
    pub yes: String,
    pub no: String,
    pub not_yet: String,
    pub neither: String,
    pub both: String,
    /// What follows "no" to "was it about X?" when a statement of the report speaks of X.
    pub mentioned: String,
    chosen: String,
    chosen_part: String,
    chosen_clock: String,
    pub outside: String,
    /// The reply to a question asking what is on in a period the event is not in.
    pub another_time: String,
    pub no_sign_up: String,
    /// The reply to a question asking how something the source speaks of stands now or went since.
    pub later: String,
    /// The reply to a question asking what an abbreviation stands for that no text spells out.
    pub unexpanded: String,
    /// The reply to a question asking for the names of things the source only mentions.
    pub unnamed: String,
    absent: String,
    no_time: String,
    no_end: String,
    pub no_break: String,
    no_place: String,
    itself_at: String,
}

impl Replies {
    /// The opener of a reply to a question asking for a detail the knowledge does not give.
    pub fn absent(&self, detail: &str) -> String {
        self.absent.replace("{detail}", detail)
    }

    /// What the answer says when the source gives no time for `subject` (a part of the programme).
    pub fn no_time(&self, subject: &str) -> String {
        self.no_time.replace("{subject}", subject)
    }

    /// What the answer says when the source does not say when `subject` (what follows the event) ends.
    pub fn no_end(&self, subject: &str) -> String {
        self.no_end.replace("{subject}", subject)
    }

    /// What the answer says when the source does not say where `subject` is held; `itself_at`, if
    /// given, is the event's kind and venue, said after it.
    pub fn no_place(&self, subject: &str, itself_at: Option<(&str, &str)>) -> String {
        let mut text = self.no_place.replace("{subject}", subject);
        if let Some((kind, place)) = itself_at {
            text.push(' ');
            text.push_str(
                &self
                    .itself_at
                    .replace("{kind}", kind)
                    .replace("{place}", place),
            );
        }
        text
    }

    /// The opener of the answer to a choice, naming the option that is right: a part of the day in the
    /// words of its own template ("In the afternoon."), any other option as it was typed.
    pub fn chosen(&self, option: &Guess) -> String {
        let typed = option.words.join(" ");
        let template = match option.words.as_slice() {
            [one] if option.slot == Slot::Time && part_of_day(one).is_some() => &self.chosen_part,
            words
                if option.slot == Slot::Time
                    && words.iter().all(|w| on_the_clock(w))
                    && words
                        .first()
                        .and_then(|w| w.parse::<u32>().ok())
                        .is_some_and(|hour| hour <= 24) =>
            {
                &self.chosen_clock
            }
            _ => &self.chosen,
        };
        let filled = template.replace("{option}", &typed);
        let mut letters = filled.chars();
        letters.next().map_or_else(String::new, |first| {
            first.to_uppercase().chain(letters).collect()
        })
    }

    /// The opener of the reply to a remark.
    pub fn aside(&self, aside: Aside) -> &str {
        match aside {
            Aside::Greeting => &self.greeting,
            Aside::Thanks => &self.thanks,
            Aside::Praise => &self.praise,
            Aside::Anticipation => &self.anticipation,
            Aside::Identity => &self.identity,
            Aside::Abilities => &self.abilities,
            Aside::Help => &self.help,
        }
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct OutsideWords {
    arithmetic: WordList,
    units: WordList,
    world: WordList,
    translation: WordList,
    later: WordList,
    opinion: WordList,
    worth: WordList,
    timely: WordList,
    another_event: WordList,
    besides: WordList,
    something_else: WordList,
    repeats: WordList,
    hosting: WordList,
    breaks: WordList,
    any_events: WordList,
    reactions: WordList,
    asking: WordList,
    views: WordList,
    /// Verbs of seeing a thing some way ("regard", "see"): with `views`, they say whose view a question
    /// asks (see [`holder_of_a_view`]).
    seeing: WordList,
    parties: WordList,
    transport: WordList,
    cost_phrases: WordList,
    cost_words: WordList,
    taking_part_verbs: WordList,
    unmentioned: WordList,
    unmentioned_phrases: WordList,
    /// Roles a person holds ("commander", "leads"): asked who holds one, see `asks_who_holds_a_role`.
    roles: WordList,
    /// Words asking what part someone plays in something ("role", "contribute"): see
    /// [`asks_a_part_played`].
    involvement: WordList,
    /// Parts of an event someone leads ("who leads the workshop?"), which are the event's to answer.
    parts_led: WordList,
    /// Two words asking the way somewhere ("get to"): with a starting point, a route.
    route: WordList,
    /// Words opening a request for advice ("should ...").
    advice: WordList,
    /// Who may be advised without asking an opinion: the asker and those with them ("should I ...").
    asker_advised: WordList,
    /// What the asker may be advised to do beside taking part: "should I expect drinks?".
    asker_verbs: WordList,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Kinds {
    check: WordList,
    past_checks: WordList,
    points_back: WordList,
    being: WordList,
    choice: WordList,
    place: WordList,
    time: WordList,
    range: WordList,
    all_day: WordList,
    presence: WordList,
    ranking: WordList,
    took_part: WordList,
    speaking: WordList,
    reported: WordList,
    reporters: WordList,
    /// How sure the one reporting is ("pretty sure", "I'm fairly sure"): it asks nothing.
    sureness: WordList,
    stated_verbs: WordList,
    hedges: WordList,
    documents: WordList,
    wording: WordList,
    organisations: WordList,
    taking_part: WordList,
    about: WordList,
    forecast: WordList,
    looking_ahead: WordList,
    people_pronouns: WordList,
    about_modifiers: WordList,
    about_setting: WordList,
    questions: WordList,
    main: WordList,
    purpose: WordList,
    occasion: WordList,
    dates: WordList,
    languages: WordList,
    pronouns: WordList,
    request: WordList,
    /// Words asking politely for what follows them: "can you remind me ...".
    polite: WordList,
    /// Words that open what the asker wants something for: "for my taxi driver", "so I can ...".
    purposes: WordList,
    /// Phrases asking for a date: "what year", "since when".
    dates_asked: WordList,
    /// Phrases asking what an abbreviation stands for.
    expansions: WordList,
    /// Day words that, in the possessive, say which event is meant: "today's seminar".
    possessive_days: WordList,
    /// Interjections that may open a question ("wait, what is X?"): see
    /// [`without_a_leading_interjection`].
    leading_interjections: WordList,
    /// Words saying one belongs to another ("part", "member"): see `read_named_kind_check`.
    membership: WordList,
    /// Words that may come between "or" and a loose bound ("or did they wrap up earlier").
    bound_fillers: WordList,
    /// A people at large ("locals", "the public"): whose view a statement may give by another name.
    populace: WordList,
    /// Auxiliaries before which, a word or two on, "like" is a verb: see [`with_like_as_a_verb`].
    like_auxiliaries: WordList,
    /// Words after which "like" is no verb ("look like", "anything like").
    like_not_a_verb_after: WordList,
    /// The words after "what time is it" that leave it asking the clock.
    clock_after: WordList,
    /// Phrases opening a question that asks what something is or means.
    definitions_open: WordList,
    /// Phrases ending such a question.
    definitions_close: WordList,
    /// A request to explain (`explained_open`) something in general (`explained_close`): both make a
    /// question asking what a thing is in general, beyond what the source says of it.
    explained_open: WordList,
    explained_close: WordList,
    /// Words that point back at an earlier clause: "that", "its".
    pointing: WordList,
    asker: WordList,
    the_event: WordList,
    about_people: WordList,
    question_words: WordList,
    kind_of_event: String,
    said: WordList,
    sole: WordList,
    with: WordList,
    bounds: Bounds,
}

/// The words before a time on the clock that make it a bound (see [`Slot`]).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Bounds {
    before: WordList,
    after: WordList,
    through: WordList,
    latest_after: Vec<String>,
    earliest_after: Vec<String>,
    latest_before: Vec<String>,
    earliest_before: Vec<String>,
}

const READING_TOML: &str = include_str!("reading.toml");

/// Whether a question asks what part someone plays in something ("what role does X play", "what does X
/// contribute").
pub fn asks_a_part_played(words: &[String]) -> bool {
    words
        .iter()
        .any(|word| contains(&words_of().outside.involvement, word))
}

fn words_of() -> &'static Words {
    static WORDS: OnceLock<Words> = OnceLock::new();
    // The file is compiled in and covered by tests, so a parse failure is a build defect, not input.
    WORDS.get_or_init(|| toml::from_str(READING_TOML).expect("the built-in reading.toml is valid"))
}

/// The openers of Usher's replies that do not come from an event's knowledge.
pub fn replies() -> &'static Replies {
    &words_of().replies
}

/// A phrase list split into words once, with each phrase's place kept under its first word: a question
/// is looked up word by word instead of compared with every phrase, which reading does dozens of times
/// for every question.
#[derive(Debug, Default)]
struct Phrases {
    list: Vec<Vec<String>>,
    by_first: FxHashMap<String, Vec<usize>>,
}

impl FromIterator<Vec<String>> for Phrases {
    fn from_iter<I: IntoIterator<Item = Vec<String>>>(iter: I) -> Self {
        let list: Vec<Vec<String>> = iter.into_iter().collect();
        let mut by_first: FxHashMap<String, Vec<usize>> = FxHashMap::default();
        for (at, phrase) in list.iter().enumerate() {
            if let Some(first) = phrase.first() {
                by_first.entry(first.clone()).or_default().push(at);
            }
        }
        Phrases { list, by_first }
    }
}

impl IntoIterator for Phrases {
    type Item = Vec<String>;
    type IntoIter = std::vec::IntoIter<Vec<String>>;

    fn into_iter(self) -> Self::IntoIter {
        self.list.into_iter()
    }
}

impl Phrases {
    /// The phrases that open with `word`.
    fn starting_with(&self, word: &str) -> impl Iterator<Item = &[String]> {
        self.by_first
            .get(word)
            .into_iter()
            .flatten()
            .map(|&at| self.list[at].as_slice())
    }
}

/// A word list of `reading.toml` in its written order, with a set of the same words beside it: most of
/// reading asks whether a word is one of a list, for every word of every question.
#[derive(Debug, Default)]
struct WordList {
    words: Vec<String>,
    set: FxHashSet<String>,
}

impl<'de> Deserialize<'de> for WordList {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let words = Vec::<String>::deserialize(deserializer)?;
        let set = words.iter().cloned().collect();
        Ok(WordList { words, set })
    }
}

impl std::ops::Deref for WordList {
    type Target = [String];

    fn deref(&self) -> &[String] {
        &self.words
    }
}

/// A list that can say whether it holds a word: a [`WordList`] by its set, a plain list by reading it.
trait Holds {
    fn holds(&self, word: &str) -> bool;
}

impl Holds for WordList {
    fn holds(&self, word: &str) -> bool {
        self.set.contains(word)
    }
}

impl Holds for [String] {
    fn holds(&self, word: &str) -> bool {
        self.iter().any(|w| w == word)
    }
}

impl Holds for Vec<String> {
    fn holds(&self, word: &str) -> bool {
        self.as_slice().holds(word)
    }
}

/// The phrase lists of `reading.toml`, split into words.
struct Split {
    greeting: Phrases,
    thanks: Phrases,
    anticipation: Phrases,
    points_back: Phrases,
    identity: Phrases,
    abilities: Phrases,
    help: Phrases,
    arithmetic: Phrases,
    world: Phrases,
    translation: Phrases,
    opinion: Phrases,
    worth: Phrases,
    timely: Phrases,
    later: Phrases,
    /// The phrases that open a question asking when ("when", "on what date").
    when_openers: Phrases,
    dates_asked: Phrases,
    expansions: Phrases,
    definitions_open: Phrases,
    definitions_close: Phrases,
    explained_open: Phrases,
    explained_close: Phrases,
    existential: Phrases,
    unmentioned_phrases: Phrases,
    another_event: Phrases,
    besides: Phrases,
    something_else: Phrases,
    repeats: Phrases,
    breaks: Phrases,
    polite: Phrases,
    route: Phrases,
    cost_phrases: Phrases,
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
            // The longest phrase of a remark comes off a question first ("how are you today" before
            // "how are you"): these lists are kept longest first.
            greeting: longest_first(each(&w.asides.greeting)),
            thanks: longest_first(each(&w.asides.thanks)),
            anticipation: longest_first(each(&w.asides.anticipation)),
            points_back: each(&w.kinds.points_back),
            // Without the filler words a question loses before it is compared ("are you a person").
            identity: without_filler(each(&w.asides.identity)),
            abilities: without_filler(each(&w.asides.abilities)),
            help: without_filler(each(&w.asides.help)),
            arithmetic: each(&w.outside.arithmetic),
            world: each(&w.outside.world),
            translation: each(&w.outside.translation),
            opinion: each(&w.outside.opinion),
            worth: each(&w.outside.worth),
            timely: each(&w.outside.timely),
            later: each(&w.outside.later),
            // Of the lexicon's one-word cues asking when, only "when" opens a question so: "time" or
            // "day" may stand anywhere.
            when_openers: Lexicon::builtin()
                .intents
                .get("when")
                .map(|cues| each(cues))
                .unwrap_or_default()
                .into_iter()
                .filter(|cue| cue.len() > 1 || cue.first().is_some_and(|w| w == "when"))
                .collect(),
            dates_asked: each(&w.kinds.dates_asked),
            expansions: each(&w.kinds.expansions),
            definitions_open: each(&w.kinds.definitions_open),
            definitions_close: each(&w.kinds.definitions_close),
            explained_open: each(&w.kinds.explained_open),
            explained_close: each(&w.kinds.explained_close),
            existential: each(&w.relations.existential),
            unmentioned_phrases: each(&w.outside.unmentioned_phrases),
            another_event: each(&w.outside.another_event),
            besides: each(&w.outside.besides),
            something_else: each(&w.outside.something_else),
            repeats: each(&w.outside.repeats),
            breaks: each(&w.outside.breaks),
            polite: each(&w.kinds.polite),
            route: each(&w.outside.route),
            cost_phrases: each(&w.outside.cost_phrases),
            details: w
                .details
                .iter()
                .map(|(name, list)| (name.clone(), each(list)))
                .collect(),
        }
    })
}

/// A phrase list with its longest phrases first (a stable sort: phrases of one length keep their order).
fn longest_first(list: Phrases) -> Phrases {
    let mut phrases: Vec<Vec<String>> = list.into_iter().collect();
    phrases.sort_by_key(|phrase| std::cmp::Reverse(phrase.len()));
    phrases.into_iter().collect()
}

/// A phrase list without the filler words of `[asides]`, each phrase kept in order.
fn without_filler(list: Phrases) -> Phrases {
    let filler = &words_of().asides.filler;
    list.into_iter()
        .map(|phrase| {
            phrase
                .into_iter()
                .filter(|word| !contains(filler, word))
                .collect()
        })
        .collect()
}

/// What a question asks that only a text giving it answers, if anything.
fn needs(words: &[String]) -> Option<Needs> {
    let phrases_of = split();
    if has_any(words, &phrases_of.dates_asked) {
        Some(Needs::Date)
    } else if has_any(words, &phrases_of.expansions) {
        Some(Needs::Expansion)
    } else if asks_what_a_document_says(words) {
        Some(Needs::Content)
    } else if phrases(&phrases_of.definitions_open).any(|p| words.starts_with(p))
        || phrases(&phrases_of.definitions_close).any(|p| {
            // "..., the programme I mean" says what the asker means, not what a word does.
            words.ends_with(p)
                && !words[..words.len() - p.len()]
                    .last()
                    .is_some_and(|before| matches!(before.as_str(), "i" | "we"))
        })
        || phrases(&phrases_of.explained_open).any(|p| words.starts_with(p))
            && phrases(&phrases_of.explained_close).any(|p| words.ends_with(p))
    {
        Some(Needs::Definition)
    } else if asks_a_forecast(words_of(), Lexicon::builtin(), words) {
        Some(Needs::Forecast)
    } else {
        None
    }
}

/// Whether a question asks what a document says: it names one (`[kinds] documents`: a mandate, a
/// charter) and asks for its text: "the exact charter", "what does the charter say", "what is in the
/// charter". "Put its interests ahead of the charter" and "what did they say about the charter" ask
/// what was said of it.
fn asks_what_a_document_says(words: &[String]) -> bool {
    let k = &words_of().kinds;
    let Some(at) = words.iter().position(|word| contains(&k.documents, word)) else {
        return false;
    };
    // "What's the exact charter", "what exactly is in its charter": the wording asked just before it.
    let exact = words[at.saturating_sub(5)..at]
        .iter()
        .any(|word| contains(&k.wording, word));
    // "What does the charter say": the document is what says.
    let says = words[at + 1..].iter().take(2).any(|word| {
        matches!(
            word.as_str(),
            "say" | "says" | "state" | "states" | "contain" | "contains"
        )
    });
    // "What is the charter of the agency": the document is what is asked.
    let named = at >= 2
        && words[at - 1] == "the"
        && (matches!(words[at - 2].as_str(), "whats")
            || at >= 3 && words[at - 3] == "what" && words[at - 2] == "is");
    // "What is in the charter": what is in it, with at most two words between.
    let within = words[..at].windows(2).enumerate().any(|(i, t)| {
        t[0] == "in" && at - i <= 3 && i > 0 && matches!(words[i - 1].as_str(), "is" | "whats")
    });
    exact || says || within || named
}

/// The document a question asks the text of, if any.
pub fn document_asked(words: &[String]) -> Option<&String> {
    words
        .iter()
        .find(|word| contains(&words_of().kinds.documents, word))
}

/// Whether `words` has one of the phrases of a list, each in a row.
fn has_any(words: &[String], list: &Phrases) -> bool {
    (0..words.len()).any(|at| {
        list.starting_with(&words[at])
            .any(|phrase| words[at..].starts_with(phrase))
    })
}

/// Whether a word is one of the lexicon's nouns for an event ("seminar", "forums"), in the singular or
/// the plural.
fn is_event_noun(lexicon: &Lexicon, word: &str) -> bool {
    let singular = word.strip_suffix('s').unwrap_or(word);
    lexicon
        .facet("event")
        .iter()
        .any(|noun| noun == word || noun == singular)
}

/// The words of a phrase list.
fn phrases(list: &Phrases) -> impl Iterator<Item = &[String]> {
    list.list.iter().map(Vec::as_slice)
}

fn is_number(word: &str) -> bool {
    !word.is_empty() && word.chars().all(|c| c.is_ascii_digit())
}

fn contains<L: Holds + ?Sized>(list: &L, word: &str) -> bool {
    list.holds(word)
}

/// What reading needs to know of the event's words: whether a word is one the knowledge (or the lexicon)
/// knows, typos included, so that a guess is only a word Usher has never met.
pub trait Vocabulary {
    fn knows(&self, word: &str) -> bool;

    /// Whether the knowledge or the lexicon has this very word, not only another form of it ("found" of
    /// "find" is no "founded").
    fn has_word(&self, word: &str) -> bool {
        self.knows(word)
    }

    /// Whether a word names where the event is held or who holds it (its venue's or hosts' names), which
    /// places a question at the event without being its subject.
    fn names_the_setting(&self, _word: &str) -> bool {
        false
    }

    /// Whether a word is one of the words of the event's own name ("Peru" of a forum on Peru).
    fn names_the_event(&self, _word: &str) -> bool {
        false
    }

    /// Whether a word is one the knowledge's own entries use (not only the lexicon).
    fn names_an_entry(&self, _word: &str) -> bool {
        false
    }

    /// Whether a word names a part of the event other than its people (its reception, its programme),
    /// so that "is the reception there?" asks about that part, not about someone.
    fn names_a_part_of_the_event(&self, _word: &str) -> bool {
        false
    }

    /// Whether a word is a common English word, not a name.
    fn is_common_word(&self, _word: &str) -> bool {
        false
    }

    /// Whether any entry's own text speaks of signing up ("Registration closes on ...").
    fn speaks_of_signing_up(&self) -> bool {
        false
    }

    /// Whether an entry's own text (not a keyword a maintainer asks it by) has this word, or its plural
    /// or singular.
    fn says_the_word(&self, word: &str) -> bool {
        self.has_word(word)
    }
}

/// "If I get there at 5 is it still going" read as "is it still going at 5": a question that opens with a
/// condition about the asker, then asks, is read from its asking words, with the time the condition names.
/// The rest of the condition (how the asker comes) says nothing of what is asked.
fn condition_last(w: &Words, words: &[String]) -> Vec<String> {
    let k = &w.kinds;
    let asks = |at: usize| {
        contains(&k.check, &words[at])
            && words.get(at + 1).is_some_and(|next| {
                contains(&k.pronouns, next)
                    || matches!(next.as_str(), "it" | "they" | "there" | "the")
            })
    };
    // "I got there around 5, was it still going on?": a statement of when the asker came is such a
    // condition, where what is asked is whether the event was still on.
    let opens = |first: &String| {
        first == "if"
            || matches!(first.as_str(), "i" | "we") && words.iter().any(|word| word == "still")
    };
    let Some(asking) = (words.first().is_some_and(opens))
        .then(|| (2..words.len()).find(|&at| asks(at)))
        .flatten()
    else {
        return words.to_vec();
    };
    let condition = &words[1..asking];
    let time = condition
        .iter()
        .position(|word| contains(&k.time, word))
        .and_then(|at| {
            let end = run(condition, at + 1, |word, _| on_the_clock(word));
            (end > at + 1).then(|| condition[at..end].to_vec())
        });
    // "... at that point", "... by then": the words pointing back to the condition's time give way to it.
    let mut asked = &words[asking..];
    if time.is_some() {
        if let Some(pointer) = phrases(&split().points_back)
            .filter(|pointer| asked.len() > pointer.len() && asked.ends_with(pointer))
            .max_by_key(|pointer| pointer.len())
        {
            asked = &asked[..asked.len() - pointer.len()];
        }
    }
    asked
        .iter()
        .cloned()
        .chain(time.into_iter().flatten())
        .collect()
}

/// A question that opens with a condition about the asker ("if I hop on my bike now can I still catch
/// some of it"), as it is read: from its asking words, with the time the condition names. `None` when it
/// opens with none.
pub fn without_the_condition(words: &[String]) -> Option<String> {
    let read = condition_last(words_of(), words);
    (read.len() != words.len()).then(|| read.join(" "))
}

/// "A morning event or an afternoon one": "one" after a part of the day stands for the event, and is
/// no number.
fn without_one_after_a_part_of_day(words: &[String]) -> std::borrow::Cow<'_, [String]> {
    // Most questions have no "one": they are read as they stand.
    if !words.iter().any(|word| word == "one" || word == "ones") {
        return words.into();
    }
    words
        .iter()
        .enumerate()
        .filter(|(at, word)| {
            !(matches!(word.as_str(), "one" | "ones")
                && at
                    .checked_sub(1)
                    .is_some_and(|before| part_of_day(&words[before]).is_some()))
        })
        .map(|(_, word)| word.clone())
        .collect()
}

/// Whether a yes-or-no question asks of the past: its first check word is in the past tense ("was it
/// still going at 5?", "did it start at 2?").
pub fn asks_of_the_past(words: &[String]) -> bool {
    let k = &words_of().kinds;
    words
        .iter()
        .find(|word| contains(&k.check, word))
        .is_some_and(|word| contains(&k.past_checks, word))
}

/// Whether a question (folded) opens as a yes-or-no question does ("is ...", "does ..."): a cheap test,
/// before reading it whole, for a caller that only needs the reading of checks.
pub fn opens_as_check(folded: &str) -> bool {
    folded
        .split(|c: char| !c.is_alphanumeric())
        .find(|word| !word.is_empty())
        .is_some_and(|first| contains(&words_of().kinds.check, first))
}

/// Reads a question: `folded` is its text folded (see `matching::fold`), `words` its words as split from
/// that text.
pub fn read(folded: &str, words_in: &[String], vocabulary: &dyn Vocabulary) -> Question {
    let w = words_of();
    let words_in = &spoken_times(w, words_in);
    let words_in = &bounds_as_openers(w, words_in);
    let words_in = &condition_last(w, words_in);
    let without_one = without_one_after_a_part_of_day(words_in);
    let words_in: &[String] = &without_one;
    let lexicon = Lexicon::builtin();
    let mut question = Question::default();
    if let Some(aside) = aside(w, words_in) {
        question.aside = Some(aside);
        return question;
    }
    if let Some(outside) = outside(folded, words_in, vocabulary) {
        question.outside = Some(outside);
        return question;
    }
    question.other_time = other_time(w, lexicon, words_in);
    question.years = years_asked(words_in);
    question.needs = needs(words_in);
    // A detail many events lack (parking, wifi) is answered by a topic that names it or declined as a
    // detail; the list of unmentioned subjects is for everything else.
    // Only a question that names a detail at all is split into clauses to see where it names it.
    question.detail = detail_asked(folded, words_in);
    let unmentioned_phrase = has_any(words_in, &split().unmentioned_phrases)
        || asks_a_route(w, words_in)
        || asks_the_cost_unsaid(w, words_in, vocabulary)
        || asks_who_holds_a_role(w, lexicon, words_in, vocabulary);
    if question.detail.is_none()
        && (unmentioned_phrase
            || words_in
                .iter()
                .any(|word| contains(&w.outside.unmentioned, word) && !vocabulary.has_word(word)))
    {
        question.outside = Some(Outside::Unmentioned);
        return question;
    }
    let asked = &what_is_asked(w, folded, words_in);
    if asked
        .first()
        .is_some_and(|first| contains(&w.kinds.check, first))
    {
        question.wants = Wants::Check;
    }
    // "Is X a university (or a think tank)?" asks what X is: the description of X answers it, with no
    // yes or no the knowledge could only guess at.
    if question.wants == Wants::Check {
        if let Some(what_it_is) = without_kinds_of_organisation(lexicon, asked) {
            question.wants = Wants::Fact;
            question.rewritten = Some(what_it_is);
            return question;
        }
    }
    if asked.iter().any(|word| contains(&w.kinds.choice, word)) && question.wants == Wants::Check {
        question.wants = Wants::Choice;
    }
    // "morning or afternoon?" chooses between times without a word that opens a check: the options are
    // times of day or dates on either side of the word that joins them.
    if question.wants == Wants::Fact {
        // Read from the first word: a time of day before the choice word ("morning or ...") is no
        // greeting here.
        if let Some((rewritten, options)) = choice_between_times(w, words_in)
            .or_else(|| bare_options(w, lexicon, asked, vocabulary))
            .or_else(|| trailing_options(w, asked, vocabulary))
        {
            question.wants = Wants::Choice;
            question.rewritten = Some(rewritten);
            question.guesses = options;
        }
    }
    // "is it in Amsterdam or Utrecht?", "was it hosted by X or by Y?": a choice between two named
    // options is read as the check of the first, with the second a guess of the same kind.
    if question.wants == Wants::Choice {
        // "was it 2015 or 2016": times on both sides of the choice word, whatever opens them.
        if let Some((rewritten, options)) = choice_between_times(w, asked) {
            question.rewritten = Some(rewritten);
            question.guesses = options;
            return question;
        }
        if let Some(chosen) = read_options(w, lexicon, folded, asked, vocabulary, &question) {
            return chosen;
        }
        // "Does it blame religion or poverty for ...": of the two words the choice joins, one the
        // knowledge never uses is a guess the answer settles by naming the other, not a subject.
        if let Some(without) = without_an_unknown_option(w, lexicon, asked, vocabulary) {
            read_asked(w, lexicon, folded, &without, vocabulary, &mut question);
            if question.rewritten.is_none() {
                question.rewritten = Some(without.join(" "));
            }
            return question;
        }
    }
    read_asked(w, lexicon, folded, asked, vocabulary, &mut question);
    // "The address for my taxi driver", "so I can put it in the map": what the asker wants it for says
    // nothing of what is asked. It ends the question ("for my team: what did they conclude" asks on),
    // and the text before it keeps its clauses.
    let purposeless = without_the_asker(w, lexicon, folded, vocabulary);
    question.presence = asks_presence(w, lexicon, asked, vocabulary, &question);
    question.now_of_another = asks_now_of_another(w, lexicon, asked, vocabulary, &question);
    // "Can you tell me which experts took part?" opens as a check, but asks which; so may the last
    // clause, after one about the asker ("I'm a journalist, which experts took part?").
    if (question.wants != Wants::Choice || joins_kinds_of_people(w, asked))
        && question.rewritten.is_none()
        && question.guesses.is_empty()
        && asks_which_people_in_a_clause(
            w,
            lexicon,
            asked,
            purposeless.as_deref().unwrap_or(folded),
        )
    {
        question.rewritten = Some(WHO_TOOK_PART.to_string());
    }
    read_who_said(w, lexicon, asked, &mut question);
    if question.rewritten.is_none() {
        question.rewritten = when_hosted(lexicon, asked)
            .or(purposeless)
            .or_else(|| requested(w, words_in));
    }
    question
}

/// What a statement about the asker asks for after a word of request: "I'm writing a thesis and need the
/// exact day it took place" asks "exact day it took place".
fn requested(w: &Words, words_in: &[String]) -> Option<String> {
    let from = words_in
        .iter()
        .position(|word| !greeting_word(w, word))
        .unwrap_or(words_in.len());
    let at = request_made(w, &words_in[from..]);
    (at > 0).then(|| words_in[from + at..].join(" "))
}

/// The words that ask: from the first word that opens a question (a greeting before it says nothing),
/// without a statement about the asker that opens the message ("I have the day wrong in my calendar,
/// was it ...?"), and a statement asked as a question in the order of the check it is.
fn what_is_asked<'w>(
    w: &Words,
    folded: &str,
    words_in: &'w [String],
) -> std::borrow::Cow<'w, [String]> {
    let start = words_in
        .iter()
        .position(|word| !greeting_word(w, word))
        .unwrap_or(words_in.len());
    let start = start + framing_clause(folded, &words_in[start..]);
    let start = start + request_made(w, &words_in[start..]);
    let start = start + polite_request(&words_in[start..]);
    let start = start + reported_by_others(w, &words_in[start..]);
    // "Ends at 6 or earlier?", "till 6, or did they wrap up earlier?": the loose bound after the guess
    // asks nothing more than the guess.
    let bound = |word: &str| {
        matches!(
            word,
            "earlier" | "later" | "before" | "after" | "so" | "sooner" | "thereabouts"
        )
    };
    let rest = &words_in[start..];
    let end = match rest.split_last() {
        Some((last, before)) if bound(last) => before
            .iter()
            .rposition(|word| word == "or")
            .filter(|&or| {
                before.len() - or <= 5
                    && before[or + 1..]
                        .iter()
                        .all(|word| contains(&w.kinds.bound_fillers, word))
            })
            .map_or(words_in.len(), |or| start + or),
        _ => words_in.len(),
    };
    let words_in = &words_in[..end.max(start)];
    match stated_check(w, folded, &words_in[start..]) {
        Some(mut stated) => {
            // The tag that makes the statement a question ("..., correct?", "..., is that right?")
            // asks nothing of its own: the check is of the statement.
            let tag = tag_length(w, &stated);
            if tag > 0 && stated.len() > tag + 2 {
                stated.truncate(stated.len() - tag);
                if stated.ends_with(&["is".to_string(), "that".to_string()]) {
                    stated.truncate(stated.len() - 2);
                }
            }
            stated.into()
        }
        None => words_in[start..].into(),
    }
}

/// How many of the words say who reported what follows ("my colleague says the seminar is in ...", "I
/// heard it starts at 2", "pretty sure it was 2014"), when a statement follows: it is what the question
/// checks.
fn reported_by_others(w: &Words, words: &[String]) -> usize {
    let k = &w.kinds;
    let Some(verb) = words.iter().position(|word| contains(&k.reported, word)) else {
        return 0;
    };
    // The reporters may already be gone ("my colleague" of "my colleague says ..." as a greeting).
    let by_others = words[..verb].iter().all(|word| {
        contains(&k.reporters, word)
            || contains(&k.sureness, word)
            || matches!(word.as_str(), "i" | "a" | "our" | "the")
    });
    // "That" may open what was said ("my boss says that it was in May").
    let after = verb + 1 + usize::from(words.get(verb + 1).is_some_and(|word| word == "that"));
    if by_others && after < words.len() {
        after
    } else {
        0
    }
}

/// How many of the words are a polite request for what follows ("can you remind me ..."), if more follow.
fn polite_request(words: &[String]) -> usize {
    let length = split()
        .polite
        .starting_with(words.first().map_or("", String::as_str))
        .filter(|phrase| words.starts_with(phrase) && words.len() > phrase.len())
        .map(<[String]>::len)
        .max()
        .unwrap_or(0);
    // "Could you tell me if it has started?" asks whether: it stays a yes-or-no question, read whole.
    if words
        .get(length)
        .is_some_and(|next| matches!(next.as_str(), "if" | "whether"))
    {
        0
    } else {
        length
    }
}

/// How many of the words come before what a statement about the asker asks for, after a word of
/// request ("I'm writing a thesis and need the exact day it took place"); 0 if none.
fn request_made(w: &Words, words: &[String]) -> usize {
    if !frames_the_question(words) {
        return 0;
    }
    // The earliest cue after the first word; of two at the same word, the one listed first.
    w.kinds
        .request
        .iter()
        .filter_map(|cue| {
            let cue: Vec<&str> = cue.split_whitespace().collect();
            if cue.is_empty() {
                return None;
            }
            let at = words
                .windows(cue.len())
                .skip(1)
                .position(|window| window.iter().map(String::as_str).eq(cue.iter().copied()))?;
            Some((at + 1, at + 1 + cue.len()))
        })
        .min_by_key(|&(at, _)| at)
        .map(|(_, end)| end)
        .filter(|&end| end < words.len())
        .unwrap_or(0)
}

/// How many of the words are a first clause of the text that frames the question ("I have the day
/// wrong in my calendar, ..."), when more follows; 0 otherwise.
fn framing_clause(folded: &str, words: &[String]) -> usize {
    let Some(end) = folded.find([',', ':', ';', '.']) else {
        return 0;
    };
    let first: Vec<&str> = folded[..end]
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    // The greetings and filler before `words` ("hey so my boss went ...") were taken off them already.
    let greeted = first
        .iter()
        .take_while(|word| greeting_word(words_of(), word))
        .count();
    let first = &first[greeted..];
    let n = first.len();
    let same = n > 0 && n < words.len() && words[..n].iter().zip(first).all(|(a, b)| a == b);
    // A day or time in it is what the rest asks about ("I can only make it friday, is that ok?"); so is
    // what someone else said of it ("my colleague says it is in Lima, is that right?").
    let dated = gives_a_date(&folded[..end])
        || first.iter().any(|word| is_number(word))
        || first
            .iter()
            .any(|word| contains(&words_of().kinds.reported, word));
    if same && !dated && frames_the_question(&words[..n]) {
        n
    } else {
        0
    }
}

/// A statement asked as a question ("so it was 2 till half 6?", "it's in Lima?") checks what it
/// states, as "was it 2 till half 6?" does: its words in the order of that question.
fn stated_check(w: &Words, folded: &str, asked: &[String]) -> Option<Vec<String>> {
    // A tag asks as a question mark does ("this was 2014 right").
    if !folded.trim_end().ends_with('?') && tag_length(w, asked) == 0 {
        return None;
    }
    let from = asked.iter().position(|word| {
        !matches!(
            word.as_str(),
            "so" | "and" | "ok" | "okay" | "oh" | "right" | "but"
        ) && !contains(&w.outside.reactions, word)
    })?;
    let it = "it".to_string();
    let asked = &asked[from..];
    // "The seminar starts at 2?" states of the event what "it starts at 2?" does, and "starts at 2?"
    // leaves the event unsaid.
    let (subject, rest) = match asked {
        [the, noun, rest @ ..] if the == "the" && is_event_noun(Lexicon::builtin(), noun) => {
            (&it, rest)
        }
        // "Seminar starts 1pm yes?": the event's noun alone, as typed in a hurry.
        [noun, verb, ..]
            if is_event_noun(Lexicon::builtin(), noun)
                && (contains(&w.kinds.stated_verbs, verb) || contains(&w.kinds.check, verb)) =>
        {
            (&it, &asked[1..])
        }
        [verb, preposition, ..]
            if contains(&w.kinds.stated_verbs, verb)
                && (contains(&w.kinds.time, preposition)
                    || contains(&w.kinds.place, preposition)) =>
        {
            (&it, asked)
        }
        _ => asked.split_first()?,
    };
    let mut words = match subject.as_str() {
        // "It's" is folded to one word.
        "its" => vec!["is".to_string(), "it".to_string()],
        "it" | "this" | "that" => {
            let (verb, _) = rest.split_first()?;
            if contains(&w.kinds.check, verb) {
                vec![verb.clone(), subject.clone()]
            } else if contains(&w.kinds.place, verb)
                || contains(&w.kinds.time, verb)
                || verb == "about"
            {
                // "It's at 2?", "that's in Lima?": the "'s" is gone from the words, and a place or a
                // time follows the subject at once.
                return Some(
                    ["is", subject.as_str()]
                        .into_iter()
                        .map(str::to_string)
                        .chain(rest.iter().cloned())
                        .collect(),
                );
            } else if contains(&w.kinds.stated_verbs, verb)
                && !asked
                    .iter()
                    .any(|word| contains(&w.kinds.question_words, word))
            {
                // "It starts at 2?" checks as "does it start at 2?" does, and "it ended at 5?" as "did
                // it end at 5?": the verb keeps its ending, which stemming takes off.
                let check = if verb.ends_with("ed") { "did" } else { "does" };
                // "Starts 1pm?": a time just after the verb is at that time.
                let at = rest
                    .get(1)
                    .filter(|next| is_number(next))
                    .map(|_| "at".to_string());
                return Some(
                    [check, subject.as_str()]
                        .into_iter()
                        .map(str::to_string)
                        .chain(rest.first().cloned())
                        .chain(at)
                        .chain(rest.iter().skip(1).cloned())
                        .collect(),
                );
            } else {
                return None;
            }
        }
        _ => return None,
    };
    let skip = usize::from(subject != "its");
    words.extend(rest[skip..].iter().cloned());
    Some(words)
}

/// "When did the institute host the forum?" asks when the event was: the words saying who hosted it
/// describe the event, and are left out so that its hosts do not answer in place of its time. Only a
/// question opening with "when" and naming the event by one of its nouns is read so.
fn when_hosted(lexicon: &Lexicon, asked: &[String]) -> Option<String> {
    let event_noun = |word: &str| is_event_noun(lexicon, word);
    if !asked.iter().any(|w| event_noun(w)) {
        return None;
    }
    // It opens by asking when: "when", or a phrase asking for a time, after "on" or "at" if any ("on
    // what date did ...").
    let from = usize::from(
        asked
            .first()
            .is_some_and(|first| first == "on" || first == "at"),
    );
    let opens_when = phrases(&split().when_openers)
        .any(|cue| asked.len() >= from + cue.len() && asked[from..from + cue.len()] == *cue);
    if !opens_when {
        return None;
    }
    // The words for hosting: the synonyms of "host" (not those of "organisation", which name hosts).
    let hosting: Vec<&str> = lexicon
        .synonyms_of("host")
        .iter()
        .map(String::as_str)
        .filter(|phrase| !phrase.contains(' '))
        .collect();
    let kept: Vec<&str> = asked
        .iter()
        .map(String::as_str)
        .filter(|word| !hosting.contains(word))
        .collect();
    (kept.len() < asked.len()).then(|| kept.join(" "))
}

/// "Who asked the question about public opinion?" is matched as what was asked, without the "who"
/// that the event's own hosts and speakers would otherwise answer alone.
fn read_who_said(w: &Words, lexicon: &Lexicon, asked: &[String], question: &mut Question) {
    if question.wants != Wants::Fact || question.rewritten.is_some() {
        return;
    }
    // "Which experts said ..." asks who as "who said ..." does.
    let which_people = asked.len() > 2
        && matches!(asked[0].as_str(), "which" | "what")
        && contains(&w.kinds.about_people, &asked[1]);
    if let [first, rest @ ..] = &asked[usize::from(which_people)..] {
        let first = if which_people { "who" } else { first.as_str() };
        let said = rest.iter().position(|word| contains(&w.kinds.said, word));
        let says_what = said.is_some_and(|at| {
            rest[at + 1..]
                .iter()
                .any(|word| !lexicon.is_stop_word(word))
        });
        if first == "who" && says_what {
            question.who_said = true;
            question.rewritten = Some(rest.join(" "));
        }
    }
}

/// Whether a check asks if something belongs to an organisation the knowledge never names ("is the
/// institute part of Leiden University?", "is X a member of the Y alliance?"): the knowledge says what
/// its organisations are, not what else they belong to. "Is the seminar part of a project?" names one
/// it knows, and is answered.
fn belongs_to_one_unnamed(
    w: &Words,
    lexicon: &Lexicon,
    asked: &[String],
    vocabulary: &dyn Vocabulary,
) -> bool {
    let Some(of) = asked
        .windows(2)
        .position(|pair| contains(&w.kinds.membership, &pair[0]) && pair[1] == "of")
    else {
        return false;
    };
    // "Part of Peru's toolkit" names the event's own subject: a part of what it speaks of.
    let named: Vec<&String> = asked[of + 2..]
        .iter()
        .filter(|word| !lexicon.is_stop_word(word) && !is_number(word))
        .collect();
    let unknown = named.iter().filter(|word| !vocabulary.knows(word)).count();
    unknown > 0
        && unknown * 2 >= named.len()
        && !named.iter().any(|word| vocabulary.names_the_event(word))
}

/// Reads what a question asks once its greeting is gone and the kind of answer it wants is known: its
/// guesses, how it places its subject relative to now, and whether it asks what the event is about.
fn read_asked(
    w: &Words,
    lexicon: &Lexicon,
    folded: &str,
    asked: &[String],
    vocabulary: &dyn Vocabulary,
    question: &mut Question,
) {
    // "Is the institute hosting alone today?": a day word after a check of who hosts says which day's
    // event is meant; it is no date to check.
    let dayless: Vec<String>;
    let asked = if question.wants == Wants::Check
        && asked
            .last()
            .is_some_and(|last| contains(&w.kinds.possessive_days, last))
        && named_as_host(w, lexicon, asked).is_some()
    {
        dayless = asked[..asked.len() - 1].to_vec();
        dayless.as_slice()
    } else {
        asked
    };
    if question.wants == Wants::Check && belongs_to_one_unnamed(w, lexicon, asked, vocabulary) {
        question.outside = Some(Outside::Unmentioned);
        return;
    }
    // A choice read already (between times, or bare options) keeps its options.
    if question.wants != Wants::Fact && question.guesses.is_empty() {
        guesses(w, lexicon, asked, question);
    }
    read_check(w, lexicon, folded, asked, question);
    // "X alone or with a partner?" asks who X was with: the options become that question, since the
    // partner it guesses at is no word of the knowledge.
    if question.rewritten.is_none() {
        if let Some(rewritten) = alone_or_with(w, asked) {
            question.wants = Wants::Choice;
            question.guesses.clear();
            question.rewritten = Some(rewritten);
            return;
        }
    }
    read_host_check(w, lexicon, asked, vocabulary, question);
    read_kind_check(w, lexicon, asked, question);
    read_named_kind_check(w, lexicon, asked, vocabulary, question);
    read_subject_check(w, lexicon, asked, vocabulary, question);
    read_title_check(w, lexicon, asked, question);
    if question.rewritten.is_none() {
        // The last clause may ask it on its own, after the asker has said why they ask: "I'm writing a
        // thesis on water policy, was this relevant? what did it cover".
        let last = last_clause(folded);
        // Without the clauses that say something about the asker ("what's it about, just walked in").
        let unframed: Vec<String> = folded
            .split(['?', '.', '!', ',', ';', ':'])
            .map(words_of_clause)
            .filter(|clause| !clause.is_empty() && !frames_the_question(clause))
            .flatten()
            .collect();
        let asking = if asks_what_it_is_about(w, lexicon, vocabulary, asked)
            && !names_another_subject_before(w, lexicon, vocabulary, folded)
        {
            Some(asked)
        } else if last.len() < asked.len()
            && asks_what_it_is_about(w, lexicon, vocabulary, &last)
            && (frames_the_question(asked) || !asks_only_why(w, &last))
            && !names_another_subject_before(w, lexicon, vocabulary, folded)
        {
            Some(last.as_slice())
        } else if !unframed.is_empty()
            && unframed.len() < asked.len()
            && asks_what_it_is_about(w, lexicon, vocabulary, &unframed)
        {
            Some(unframed.as_slice())
        } else {
            None
        };
        if let Some(asking) = asking {
            // The words asking what is talked about become the one word that means it, so that an
            // inflection the lexicon does not list ("discussing") is not read as a subject.
            // The kind of subject asked for ("which country") goes with its opener: the subject is what
            // the event's description says, whatever its kind.
            let kind = subject_kind(w, lexicon, vocabulary, asking);
            let kind = if kind.is_empty() { kind } else { 0..kind.end };
            let mut kept: Vec<&str> = asking
                .iter()
                .enumerate()
                .filter(|(at, _)| !kind.contains(at))
                .map(|(_, word)| word.as_str())
                .filter(|word| {
                    !is_about_word(w, asking, word)
                        && !contains(&w.kinds.about_modifiers, word)
                        && !contains(&w.kinds.about_setting, word)
                        && !vocabulary.names_the_setting(word)
                        && !is_number(word)
                        // "In one sentence": a number word says how long an answer, not what of.
                        && !lexicon.gives_a_number(word)
                        && !contains(&w.kinds.dates, word)
                })
                .collect();
            kept.push(ABOUT_ASKED);
            question.rewritten = Some(kept.join(" "));
        }
    }
}

/// The word a question asking what is talked about is read with, in place of its own words for it.
const ABOUT_ASKED: &str = "topic";

/// Whether a question asks, as a plain question, what the event is about and names no other subject:
/// "what is it about?", "what will they discuss?". The event's own description answers it, whatever else
/// uses the word "topic"; "was it still going on at that point?" checks a time.
pub fn asks_only_what_the_event_is_about(question: &Question) -> bool {
    let lexicon = Lexicon::builtin();
    question.wants == Wants::Fact
        && question.guesses.is_empty()
        && question.relation.is_none()
        && question.rewritten.as_deref().is_some_and(|text| {
            let words: Vec<&str> = text.split_whitespace().collect();
            words.split_last().is_some_and(|(last, rest)| {
                *last == ABOUT_ASKED
                    && rest
                        .iter()
                        .all(|word| lexicon.is_stop_word(word) || is_event_noun(lexicon, word))
            })
        })
}

/// Two options and nothing else, one the knowledge knows and one it does not ("utrecht or amsterdam?"):
/// a choice between them, asked of the knowledge by the words it knows, each option guessed as a name the
/// answer may have.
fn bare_options(
    w: &Words,
    lexicon: &Lexicon,
    asked: &[String],
    vocabulary: &dyn Vocabulary,
) -> Option<(String, Vec<Guess>)> {
    let or = asked
        .iter()
        .position(|word| contains(&w.kinds.choice, word))?;
    let stop = |word: &str| lexicon.is_stop_word(word);
    let asks = |word: &str| {
        contains(&w.kinds.question_words, word)
            || lexicon.intents.values().flatten().any(|cue| cue == word)
    };
    // "X alone or with a partner?" asks who X was with (see `alone_or_with`).
    let alone_or_with = asked[..or].iter().any(|word| contains(&w.kinds.sole, word))
        || asked
            .get(or + 1)
            .is_some_and(|word| contains(&w.kinds.with, word));
    if alone_or_with || asked.iter().any(|word| asks(word)) {
        return None;
    }
    let left: Vec<String> = asked[..or].iter().filter(|w| !stop(w)).cloned().collect();
    let right: Vec<String> = asked[or + 1..]
        .iter()
        .filter(|w| !stop(w))
        .cloned()
        .collect();
    if left.is_empty() || right.is_empty() || left.len() > 3 || right.len() > 3 {
        return None;
    }
    // One option the knowledge knows and one it has never met ("utrecht or amsterdam"): two it knows
    // ("rivers or droughts?") may ask about both.
    let unknown = |option: &[String]| option.iter().all(|word| !vocabulary.knows(word));
    if unknown(&left) == unknown(&right) {
        return None;
    }
    let known: Vec<&str> = left
        .iter()
        .chain(&right)
        .filter(|word| vocabulary.knows(word))
        .map(String::as_str)
        .collect();
    Some((
        known.join(" "),
        vec![
            Guess {
                words: left,
                slot: Slot::Place,
            },
            Guess {
                words: right,
                slot: Slot::Place,
            },
        ],
    ))
}

/// A question that ends in two options, one word the knowledge knows and one or two it does not ("which
/// city was the focus, utrecht or delft"): asked without the unknown option, whose words would otherwise
/// make the question one about something the knowledge never mentions.
fn trailing_options(
    w: &Words,
    asked: &[String],
    vocabulary: &dyn Vocabulary,
) -> Option<(String, Vec<Guess>)> {
    let or = asked
        .iter()
        .rposition(|word| contains(&w.kinds.choice, word))?;
    let right = &asked[or + 1..];
    let left = asked.get(or.checked_sub(1)?)?;
    if right.is_empty()
        || right.len() > 2
        || !vocabulary.knows(left)
        || right
            .iter()
            .any(|word| vocabulary.knows(word) || is_number(word))
    {
        return None;
    }
    // No guesses: the question asks its own fact, which may name neither option.
    Some((asked[..or].join(" "), Vec::new()))
}

/// Whether a question asks if someone was at the event or spoke there: as a yes-or-no question, "was X
/// there?", "did any diplomats attend?", "were there officials speaking?", "was a minister among the
/// speakers?"; as a question of fact, who the people there were ([`asks_who_the_people_were`]). Not
/// when the asker asks about themselves ("can I attend?") or about the event alone ("is it there?").
fn asks_presence(
    w: &Words,
    lexicon: &Lexicon,
    asked: &[String],
    vocabulary: &dyn Vocabulary,
    question: &Question,
) -> bool {
    if question.wants == Wants::Fact {
        return asks_who_the_people_were(w, asked);
    }
    if question.wants != Wants::Check || asked.len() < 3 {
        return false;
    }
    let presence = &w.kinds.presence;
    // "Was X there lol": filler after the question is not its last word.
    let last = asked
        .iter()
        .rposition(|word| word == "there" || !contains(&w.asides.filler, word))
        .unwrap_or(asked.len() - 1);
    let stop = |word: &str| lexicon.is_stop_word(word);
    let cue = asked.iter().enumerate().position(|(at, word)| {
        match word.as_str() {
            // "There" asks it only last, after "was" and a short subject ("was the ambassador there");
            // first, after the opening word, it says that something exists ("was there a Q&A"), and
            // after a longer clause it is a place ("is it engaging with local groups there").
            "there" => {
                at == last
                    && at > 1
                    && matches!(asked[0].as_str(), "was" | "were" | "is" | "are" | "will")
                    && asked[1..at].iter().filter(|word| !stop(word)).count() <= 3
            }
            // "Among" asks it only of the people: "among the speakers", not "popular among locals".
            "among" => asked[at + 1..]
                .iter()
                .find(|word| !matches!(word.as_str(), "the" | "a" | "an"))
                .is_some_and(|next| contains(&w.kinds.about_people, next)),
            // "Did anyone from the embassy take part?"
            "part" => {
                at > 0 && matches!(asked[at - 1].as_str(), "take" | "took" | "taking" | "takes")
            }
            _ => contains(presence, word),
        }
    });
    // The cue must follow its subject ("speaking were diplomats, right?" names no one before it).
    let Some(cue) = cue.filter(|&cue| cue > 1) else {
        return false;
    };
    // Someone is a word for people ("diplomats", "anyone") or a name: a word no common English word is
    // ("was it raining there?" names no one), and no part of the event ("is the venue there?").
    let someone = asked[1..cue].iter().any(|word| {
        contains(&w.kinds.about_people, word)
            || !stop(word)
                && !vocabulary.is_common_word(word)
                && !contains(&w.kinds.the_event, word)
                && !vocabulary.names_a_part_of_the_event(word)
                && !lexicon
                    .facet_names()
                    .filter(|name| *name != "speakers")
                    .any(|name| lexicon.facet(name).iter().any(|f| f == word))
    });
    // "Can I attend?", "will you be there?": the asker's or Usher's own presence, named before the cue
    // ("did any diplomats attend, I missed it" asks about the diplomats).
    let about_the_asker = asked[..cue]
        .iter()
        .any(|word| contains(&w.kinds.pronouns, word) || matches!(word.as_str(), "you" | "u"));
    someone && !about_the_asker
}

/// Whether a question asks who the people at the event were: "who were the experts?", "who exactly
/// were they?", "who was there?". "Who" and a form of "to be", then within a few words a word for the
/// people there, a pronoun for them, or "there" last. "Who were the hosts?" names no people, and "who
/// was the best speaker?" asks which of them stood out.
fn asks_who_the_people_were(w: &Words, asked: &[String]) -> bool {
    if asks_which_took_part(w, asked) {
        return true;
    }
    let skip = |word: &String| matches!(word.as_str(), "exactly" | "actually" | "really");
    let mut words = asked.iter().filter(|word| !skip(word));
    let opens = words
        .next()
        .is_some_and(|first| matches!(first.as_str(), "who" | "whos"));
    let rest: Vec<&String> = words.collect();
    let being = asked.first().is_some_and(|first| first == "whos")
        || rest
            .first()
            .is_some_and(|word| contains(&w.kinds.being, word));
    if !opens || !being {
        return false;
    }
    let after = &rest[usize::from(asked[0] != "whos")..];
    // "Who was the best speaker?" asks an opinion of them, not who they were.
    if after.iter().any(|word| contains(&w.kinds.ranking, word)) {
        return false;
    }
    match after {
        [one] => matches!(one.as_str(), "there" | "they" | "those" | "these" | "them"),
        // A role ("who is the contact person?", "the official organiser") is not the people there.
        _ => after.iter().take(4).any(|word| {
            contains(&w.kinds.about_people, word)
                && !matches!(word.as_str(), "person" | "official" | "officials")
        }),
    }
}

/// Whether a question asks which people or organisations were at the event ("which NGOs were there?",
/// "what think tanks were represented?", "who gave the opening remarks?"): "which" or "what" and a few
/// words, then being there or taking part; or "who" and a word for speaking at it.
fn asks_which_took_part(w: &Words, asked: &[String]) -> bool {
    let Some(first) = asked.first() else {
        return false;
    };
    if matches!(first.as_str(), "who" | "whos") {
        return asked[1..]
            .iter()
            .any(|word| contains(&w.kinds.speaking, word));
    }
    if !matches!(first.as_str(), "which" | "what") {
        return false;
    }
    // The verb follows the few words naming who: "which (local) NGOs were there".
    let Some(verb) = asked
        .iter()
        .take(6)
        .position(|word| contains(&w.kinds.being, word) || contains(&w.kinds.took_part, word))
    else {
        return false;
    };
    // Who: people or organisations, not what was said ("which findings were presented").
    if verb < 2
        || !asked[1..verb].iter().any(|word| {
            contains(&w.kinds.about_people, word) || contains(&w.kinds.organisations, word)
        })
    {
        return false;
    }
    let rest = &asked[verb..];
    // "Which countries took part in the expedition?" asks of something else than the event.
    let lexicon = Lexicon::builtin();
    let elsewhere = rest.windows(2).any(|pair| {
        matches!(pair[0].as_str(), "in" | "at" | "of" | "to")
            && !contains(&w.kinds.the_event, &pair[1])
            && !is_event_noun(lexicon, &pair[1])
    }) || rest.windows(3).any(|t| {
        matches!(t[0].as_str(), "in" | "at" | "of" | "to")
            && contains(&w.kinds.the_event, &t[1])
            && !is_event_noun(lexicon, &t[2])
    });
    if elsewhere {
        return false;
    }
    contains(&w.kinds.took_part, &rest[0])
        || rest
            .get(1)
            .is_some_and(|next| contains(&w.kinds.took_part, next) || next == "there")
}

/// Whether a question asks how something other than the event stands now: it asks a fact, names a time
/// that is now ("right now", "currently"), and has a word of the knowledge that is neither the event, a
/// part of it, its setting, a question word nor a word for its facets ("what is the army doing in Peru
/// right now?", "is the army still in Peru?"). "What is happening right now?" and "is it on right now?"
/// ask about the event.
fn asks_now_of_another(
    w: &Words,
    lexicon: &Lexicon,
    asked: &[String],
    vocabulary: &dyn Vocabulary,
    question: &Question,
) -> bool {
    // A word of the knowledge that is neither the event, a part of it (the event's own name counts as
    // one only where `own_name` says so), its setting, a question word nor a word for its facets.
    let another = |word: &String, own_name: bool| {
        vocabulary.knows(word)
            && !lexicon.is_stop_word(word)
            && !lexicon
                .intent_cues()
                .any(|(_, cues)| cues.iter().any(|cue| cue == word))
            && !contains(&w.kinds.the_event, word)
            && !contains(&w.kinds.presence, word)
            && (!vocabulary.names_a_part_of_the_event(word)
                || !own_name && vocabulary.names_the_event(word))
            && !vocabulary.names_the_setting(word)
            && !lexicon
                .facet_names()
                .any(|name| lexicon.facet(name).iter().any(|f| f == word))
    };
    // A check is of what its subject names, just after its opening word ("is the army still in Peru?",
    // "is Peru still in the league?", of a forum on Peru): "can I still register?" and "is the Peru
    // seminar still on?" are the asker's and the event's.
    // A word of the event's own name stands for the event ("is the Rimac thing still on?") unless the
    // check says something else of it after the word of time ("is Peru still in the league?").
    let after_the_time = || {
        let at = asked
            .iter()
            .position(|word| split().later.by_first.contains_key(word))
            .map_or(asked.len(), |at| at + 1);
        asked[at..]
            .iter()
            .any(|word| another(word, false) && vocabulary.names_an_entry(word))
    };
    let checked = || {
        let mut rest = asked.iter().skip(1).skip_while(|word| *word == "the");
        !asked.iter().any(|word| is_event_noun(lexicon, word))
            && rest.next().is_some_and(|subject| {
                another(subject, false)
                    && !names_signing_up(subject)
                    && vocabulary.names_an_entry(subject)
                    && (!vocabulary.names_the_event(subject) || after_the_time())
            })
    };
    question.other_time == Some(OtherTime::Now)
        && match question.wants {
            Wants::Fact => asked.iter().any(|word| another(word, true)),
            Wants::Check => checked(),
            Wants::Choice => false,
        }
}

/// Whether a question asks what will become of something other than the event: it has a word of the
/// future (`forecast`), and its words name neither the event ("will it be ..."), its people ("will the
/// experts ..."), nor what is said there ("will they talk about ...", "will there be a talk on ...").
fn asks_a_forecast(w: &Words, lexicon: &Lexicon, asked: &[String]) -> bool {
    let k = &w.kinds;
    // "Is the league going to grow" forecasts as "will the league grow" does.
    let Some(at) = asked.iter().enumerate().position(|(at, word)| {
        contains(&k.forecast, word)
            || word == "going"
                && asked.get(at + 1).is_some_and(|next| next == "to")
                // "Its reasons for going to the city" go somewhere.
                && at.checked_sub(1).is_some_and(|before| {
                    !matches!(
                        asked[before].as_str(),
                        "for" | "of" | "about" | "by" | "after" | "before" | "on" | "in" | "from"
                            | "without" | "when" | "while" | "and" | "or" | "keep" | "kept"
                    )
                })
    }) else {
        return false;
    };
    let rest = &asked[at + 1..];
    // "The" names the event only before one of its nouns, which is read on its own.
    let of_the_event = |word: &String| {
        word != "the" && contains(&k.the_event, word)
            || contains(&k.about_people, word)
            || contains(&k.people_pronouns, word)
            || contains(&k.took_part, word)
            || contains(&k.presence, word)
            || is_event_noun(lexicon, word)
            || k.about.iter().any(|cue| begins_with_cue(word, cue))
    };
    // The event's words anywhere ("are you going to share the slides", "what will the experts say")
    // place the question at the event.
    !rest.is_empty() && !asked.iter().any(of_the_event)
}

/// Whether a text looks ahead (`[kinds] looking_ahead`: "might change", "whether it will be used"), so
/// that it answers a forecast asked of its subject.
pub fn looks_ahead(text: &str) -> bool {
    says_any(text, &words_of().kinds.looking_ahead)
}

/// Whether a yes-or-no (or either-or) question asks if someone took part in the event ("is the institute
/// involved?", "did the centre take part or only the institute?"): of an organisation that hosts it, that
/// is whether it is a host.
pub fn asks_taking_part(question: &Question, words: &[String]) -> bool {
    matches!(question.wants, Wants::Check | Wants::Choice)
        && words_of()
            .kinds
            .taking_part
            .iter()
            .any(|phrase| relation::has_phrase(words, phrase))
}

/// Whether the question, its last clause (`text` is the question without what the asker wants it
/// for), or its first clause asks what people took part: "I'm a journalist, which experts took part?",
/// "which experts were there, do you have names?".
fn asks_which_people_in_a_clause(
    w: &Words,
    lexicon: &Lexicon,
    asked: &[String],
    text: &str,
) -> bool {
    asks_which_people(w, lexicon, asked)
        || asks_which_people(w, lexicon, &last_clause(text))
        || text
            .split(['?', '.', '!', ',', ';', ':'])
            .next()
            .is_some_and(|first| asks_which_people(w, lexicon, &words_of_clause(first)))
}

/// Whether a question joins two kinds of people with its choice word ("which NGOs or organisations took
/// part"): it asks which took part, and chooses nothing.
fn joins_kinds_of_people(w: &Words, asked: &[String]) -> bool {
    asked.windows(3).any(|three| {
        contains(&w.kinds.choice, &three[1])
            && contains(&w.kinds.about_people, &three[0])
            && contains(&w.kinds.about_people, &three[2])
    })
}

/// How "what kind of people took part" is asked of the knowledge: as who took part.
const WHO_TOOK_PART: &str = "who attended";

/// Whether a question asks what people took part, and nothing else: "what kind of people took part",
/// "what sort of experts attended". Its people word alone would not say it asks about the people there,
/// and "took part" names any taking part the knowledge mentions.
fn asks_which_people(w: &Words, lexicon: &Lexicon, asked: &[String]) -> bool {
    if !asked
        .iter()
        .any(|word| contains(&w.kinds.about_people, word))
    {
        return false;
    }
    // A request may come first ("can you tell me which experts took part"): its words are all stop
    // words or words opening a check.
    let stop = |word: &String| lexicon.is_stop_word(word) || contains(&w.kinds.check, word);
    let Some(which) = asked
        .iter()
        .position(|word| matches!(word.as_str(), "what" | "which"))
        .filter(|&at| asked[..at].iter().all(stop))
    else {
        return false;
    };
    let asked = &asked[which..];
    let took_part = |at: usize| {
        asked[at] == "part"
            && at.checked_sub(1).is_some_and(|before| {
                matches!(asked[before].as_str(), "take" | "took" | "taking" | "takes")
            })
    };
    let mut people = false;
    let mut cue = false;
    for (at, word) in asked.iter().enumerate().skip(1) {
        if contains(&w.kinds.about_people, word) {
            people = true;
        } else if contains(&w.kinds.presence, word)
            || took_part(at)
            || word.starts_with("participat")
            // "Which experts were there?"
            || word == "there" && contains(&w.kinds.being, &asked[at - 1])
        {
            cue = true;
        } else if !(lexicon.is_stop_word(word)
            || matches!(
                word.as_str(),
                "kind"
                    | "sort"
                    | "type"
                    | "kinds"
                    | "sorts"
                    | "types"
                    | "take"
                    | "took"
                    | "taking"
                    | "takes"
            ))
        {
            return false;
        }
    }
    people && cue
}

/// The question without one of the two words its choice word joins, when that one is a word the knowledge
/// never uses and the other is one it knows: "does it blame religion or poverty" asks about poverty.
fn without_an_unknown_option(
    w: &Words,
    lexicon: &Lexicon,
    asked: &[String],
    vocabulary: &dyn Vocabulary,
) -> Option<Vec<String>> {
    let or = asked
        .iter()
        .position(|word| contains(&w.kinds.choice, word))?;
    let stop = |word: &str| lexicon.is_stop_word(word);
    // "Did they send medics and engineers or combat troops?": the first option may be the unknown one.
    if let Some(span) = unknown_first_option(lexicon, asked, or, vocabulary) {
        let known_after = asked[or + 1..]
            .iter()
            .find(|word| !stop(word))
            .is_some_and(|word| vocabulary.knows(word) && !vocabulary.names_the_setting(word));
        if known_after
            && !asked[span.clone()]
                .iter()
                .any(|word| part_of_day(word).is_some() || contains(&w.kinds.dates, word))
        {
            return Some(without_option(asked, &span, or));
        }
    }
    // "The AU or the UN": the second option's article is no option, nor is a word the first option
    // has before it too ("for students or for experts").
    let repeated = |at: usize| or >= 2 && asked[at] == asked[or - 2];
    let right_at = (or + 1..asked.len())
        .find(|&at| !matches!(asked[at].as_str(), "the" | "a" | "an") && !repeated(at))?;
    let (left, right) = (asked.get(or.checked_sub(1)?)?, &asked[right_at]);
    // A time of day or a date is guessed as a time ("a morning event or an afternoon one").
    let a_time = |word: &str| part_of_day(word).is_some() || contains(&w.kinds.dates, word);
    if let Some(span) = unknown_option_of_words(lexicon, asked, or, vocabulary) {
        let subject = vocabulary.knows(left) && !vocabulary.names_the_setting(left);
        if subject
            && !stop(left)
            && !is_number(left)
            && !a_time(left)
            && !asked[span.clone()].iter().any(|word| a_time(word))
        {
            return Some(without_option(asked, &span, or));
        }
    }
    if stop(left) || stop(right) || is_number(left) || is_number(right) {
        return None;
    }
    if a_time(left) || a_time(right) {
        return None;
    }
    // A known option that names the setting ("english or german" at a German institute) is no subject
    // the answer could name instead of the other.
    let subject = |word: &str| vocabulary.knows(word) && !vocabulary.names_the_setting(word);
    let unknown = match (vocabulary.knows(left), vocabulary.knows(right)) {
        (false, true) if subject(right) => or - 1,
        (true, false) if subject(left) => right_at,
        _ => return None,
    };
    Some(without_option(asked, &(unknown..unknown + 1), or))
}

/// The question's words without an option (`span`) and the choice word at `or`.
fn without_option(asked: &[String], span: &std::ops::Range<usize>, or: usize) -> Vec<String> {
    asked
        .iter()
        .enumerate()
        .filter(|(at, _)| !span.contains(at) && *at != or)
        .map(|(_, word)| word.clone())
        .collect()
}

/// The second option of a choice when it is several words, none of which the knowledge uses: "did they
/// send a protection unit or only engineers and medics to the region" offers "engineers and medics",
/// which the answer settles by naming the first. The option runs from the choice word to the first word
/// that opens what both options share ("to the region") or to the end; the positions of its words,
/// with the words that only lead into it ("only", "just", an article), when each word of its own is one the
/// knowledge never uses.
fn unknown_option_of_words(
    lexicon: &Lexicon,
    asked: &[String],
    or: usize,
    vocabulary: &dyn Vocabulary,
) -> Option<std::ops::Range<usize>> {
    let leading = |word: &str| {
        matches!(
            word,
            "the" | "a" | "an" | "only" | "just" | "merely" | "simply"
        )
    };
    let end = (or + 1..asked.len())
        .find(|&at| {
            let word = asked[at].as_str();
            word != "and" && lexicon.is_stop_word(word) && !leading(word)
        })
        .unwrap_or(asked.len());
    let content: Vec<&String> = asked[or + 1..end]
        .iter()
        .filter(|word| !leading(word) && word.as_str() != "and")
        .collect();
    (!content.is_empty()
        && content
            .iter()
            .all(|word| !lexicon.is_stop_word(word) && !is_number(word) && !vocabulary.knows(word)))
    .then_some(or + 1..end)
}

/// The first option of a choice when each of its words the knowledge never uses, and it has two or more
/// ("medics and engineers or combat troops"): the run of such words, joined by "and", just before the
/// choice word.
fn unknown_first_option(
    lexicon: &Lexicon,
    asked: &[String],
    or: usize,
    vocabulary: &dyn Vocabulary,
) -> Option<std::ops::Range<usize>> {
    let unknown =
        |word: &str| !lexicon.is_stop_word(word) && !is_number(word) && !vocabulary.knows(word);
    let start = asked[..or]
        .iter()
        .rposition(|word| word != "and" && !unknown(word))
        .map_or(0, |at| at + 1);
    let content = asked[start..or]
        .iter()
        .filter(|word| *word != "and")
        .count();
    (content >= 2 && asked[start] != "and").then_some(start..or)
}

/// A choice between two named options ("is it in Amsterdam or Utrecht?", "was it hosted by X or by
/// Y?", "was it about rivers or droughts?"): the question up to its choice word is read as the check of
/// the first option, and the words after it are the second option, guessed as the first is (a place, a
/// host, a subject). Words both options share ("rivers in Peru or rivers in Chile") decide nothing and are
/// left out of both. `None` when the question is no such choice: the options are times (read where they
/// stand), the second is "with" someone ("alone or with a partner?"), or the first is no guess.
fn read_options(
    w: &Words,
    lexicon: &Lexicon,
    folded: &str,
    asked: &[String],
    vocabulary: &dyn Vocabulary,
    question: &Question,
) -> Option<Question> {
    let or = asked
        .iter()
        .position(|word| contains(&w.kinds.choice, word))?;
    let stop = |word: &str| lexicon.is_stop_word(word);
    // "Were there drinks afterwards or did everyone just go home?": the second option is a question of
    // its own, which the answer to the first settles.
    let a_question_of_its_own = asked
        .get(or + 1)
        .is_some_and(|next| contains(&w.kinds.check, next));
    // Only when it asks what the knowledge never mentions: "or does it run twice" asks the same thing.
    let never_mentioned = asked[or + 1..]
        .iter()
        .any(|word| !stop(word) && !vocabulary.knows(word));
    if a_question_of_its_own && never_mentioned {
        let mut first = question.clone();
        first.wants = Wants::Check;
        read_asked(w, lexicon, folded, &asked[..or], vocabulary, &mut first);
        if first.rewritten.is_none() {
            first.rewritten = Some(asked[..or].join(" "));
        }
        return Some(first);
    }
    let opener = |word: &str| {
        contains(&w.kinds.place, word)
            || contains(&w.kinds.time, word)
            || word == "by"
            || word == "about"
    };
    // The second option, without the words that open it again ("or by Y", "or in Y").
    let mut right: Vec<String> = asked[or + 1..]
        .iter()
        .skip_while(|word| opener(word))
        .cloned()
        .collect();
    let first = right.iter().find(|word| !stop(word))?;
    if is_number(first)
        || contains(&w.kinds.dates, first)
        || contains(&w.kinds.with, first)
        || contains(&w.kinds.sole, first)
    {
        return None;
    }
    // "or not", "or something", "or what": no second option.
    if right
        .iter()
        .all(|word| stop(word) || word == "not" || word == "what")
    {
        return None;
    }
    let mut chosen = question.clone();
    chosen.wants = Wants::Check;
    read_asked(w, lexicon, folded, &asked[..or], vocabulary, &mut chosen);
    let [left] = chosen.guesses.as_mut_slice() else {
        return None;
    };
    if !matches!(left.slot, Slot::Place | Slot::Host | Slot::Subject) || chosen.relation.is_some() {
        return None;
    }
    let slot = left.slot;
    if slot != Slot::Place {
        right.retain(|word| !stop(word));
    }
    let shared: Vec<String> = asked[..or]
        .iter()
        .filter(|word| !stop(word) && right.contains(word))
        .cloned()
        .collect();
    left.words.retain(|word| !shared.contains(word));
    right.retain(|word| !shared.contains(word));
    // An option is what it names: "in Peru" or "Chile" are Peru and Chile.
    if slot == Slot::Subject && left.words.first().is_some_and(|word| word == "in") {
        left.words.remove(0);
    }
    if left.words.is_empty() || right.is_empty() {
        return None;
    }
    let left_words = left.words.clone();
    chosen.guesses.push(Guess { words: right, slot });
    chosen.wants = Wants::Choice;
    // The answer decides between the options, so the question asks for the fact without either: the
    // event's subject, its hosts, its place.
    if slot != Slot::Place {
        let rewritten = chosen
            .rewritten
            .clone()
            .unwrap_or_else(|| asked[..or].join(" "));
        let mut kept: Vec<&str> = rewritten
            .split_whitespace()
            .filter(|word| {
                !left_words.iter().any(|l| l == word) && !shared.iter().any(|s| s == word)
            })
            .collect();
        // A subject's question is what comes before "about", asking what the event is about.
        if slot == Slot::Subject {
            if let Some(about) = kept.iter().position(|word| *word == "about") {
                kept.truncate(about);
            }
            kept.retain(|word| *word != ABOUT_ASKED);
            kept.push(ABOUT_ASKED);
        }
        chosen.rewritten = Some(kept.join(" "));
    }
    Some(chosen)
}

/// The words of a question with the times of day it says in words written as the clock's numbers: "half
/// past five" as "5 30", "quarter to three" as "2 45", "at two?" as "at 2" (see `[spoken_times]`).
fn spoken_times(w: &Words, words: &[String]) -> Vec<String> {
    let said = &w.spoken_times;
    let spoken_hour = |word: &str| {
        said.hours
            .iter()
            .position(|name| name == word)
            .and_then(|index| u32::try_from(index + 1).ok())
    };
    let hour = |word: &str| {
        spoken_hour(word).or_else(|| {
            word.parse::<u32>()
                .ok()
                .filter(|n| (1..=12).contains(n) && is_number(word))
        })
    };
    let mut out: Vec<String> = Vec::with_capacity(words.len());
    let mut at = 0;
    while at < words.len() {
        let word = words[at].as_str();
        let next = words.get(at + 1).map(String::as_str);
        let then = words.get(at + 2).map(String::as_str);
        let half = contains(&said.half, word);
        if half || contains(&said.quarter, word) {
            let linked = next.filter(|n| contains(&said.past, n) || contains(&said.to, n));
            if let (Some(link), Some(named)) = (linked, then.and_then(hour)) {
                let (on_clock, minutes) = if contains(&said.past, link) {
                    (named, if half { 30 } else { 15 })
                } else if half {
                    (named, 30)
                } else {
                    (if named == 1 { 12 } else { named - 1 }, 45)
                };
                out.extend([on_clock.to_string(), minutes.to_string()]);
                at += 3;
                continue;
            }
            // "half five" is half past five in British speech.
            if let Some(named) = next.filter(|_| half).and_then(hour) {
                out.extend([named.to_string(), "30".to_string()]);
                at += 2;
                continue;
            }
        }
        if let Some(named) = hour(word) {
            if let Some(minutes) = next.and_then(|n| said.minutes.get(n)) {
                out.extend([named.to_string(), minutes.to_string()]);
                at += 2;
                continue;
            }
            // "two pm", "five oclock"; or after a word that opens a time, at the end or before a word
            // that goes on to something else ("at six, is that right?", "at two or three").
            // A time after another joined by "or" ("at 2 or three") is opened by the first's opener.
            let after_a_time = out.len() >= 2
                && contains(&said.then, &out[out.len() - 1])
                && is_number(&out[out.len() - 2]);
            let after_opener = after_a_time
                || at
                    .checked_sub(1)
                    .is_some_and(|before| contains(&w.kinds.time, &words[before]));
            let said_as_time = next.is_some_and(|n| contains(&said.clock, n))
                || after_opener && next.is_none_or(|n| contains(&said.then, n));
            if spoken_hour(word).is_some() && said_as_time {
                out.push(named.to_string());
                at += 1;
                continue;
            }
        }
        out.push(word.to_string());
        at += 1;
    }
    out
}

/// The phrases of `[kinds.bounds]` that make a time a latest or an earliest one, split into words, each
/// with the opener it is read as; and the words that open them, to pass over most questions at once.
struct BoundPhrases {
    after_time: Vec<(Vec<String>, String)>,
    before_time: Vec<(Vec<String>, String)>,
    first_words: FxHashSet<String>,
}

fn bound_phrases(b: &Bounds) -> &'static BoundPhrases {
    static PHRASES: OnceLock<BoundPhrases> = OnceLock::new();
    PHRASES.get_or_init(|| {
        let latest = b.before.last().cloned().unwrap_or_default();
        let earliest = b.after.first().cloned().unwrap_or_default();
        let with = |list: &[String], opener: &String| -> Vec<(Vec<String>, String)> {
            list.iter()
                .map(|p| {
                    let words = p.split_whitespace().map(str::to_string).collect();
                    (words, opener.clone())
                })
                .collect()
        };
        let mut after_time = with(&b.latest_after, &latest);
        after_time.extend(with(&b.earliest_after, &earliest));
        let mut before_time = with(&b.latest_before, &latest);
        before_time.extend(with(&b.earliest_before, &earliest));
        let first_words = after_time
            .iter()
            .chain(&before_time)
            .filter_map(|(phrase, _)| phrase.first().cloned())
            .collect();
        BoundPhrases {
            after_time,
            before_time,
            first_words,
        }
    })
}

/// The words of a question with a latest or earliest time said in other words than a bound's opener
/// written with one: "does it end at 6 or earlier" as "does it end by 6", "no later than 6" as "by 6", "at
/// 1 or later" and "later than 1" as "after 1" (see `[kinds.bounds]`). Read as they stand, "6 or earlier"
/// would be a choice between 6 and "earlier", and "later than 6" no time at all.
fn bounds_as_openers<'a>(w: &Words, words: &'a [String]) -> std::borrow::Cow<'a, [String]> {
    let b = &w.kinds.bounds;
    // Most questions name no time on the clock; they are read as they stand, without a copy.
    if !words.iter().any(|word| is_number(word)) {
        return words.into();
    }
    let phrases = bound_phrases(b);
    // Nor do most that do have a word that opens a bound's phrase ("or", "no", "later").
    if !words.iter().any(|word| phrases.first_words.contains(word)) {
        return words.into();
    }
    let (after_time, before_time) = (&phrases.after_time, &phrases.before_time);
    let longest_first = |list: &[(Vec<String>, String)], at: usize| {
        list.iter()
            .filter(|(phrase, _)| words[at..].starts_with(phrase))
            .max_by_key(|(phrase, _)| phrase.len())
            .map(|(phrase, opener)| (phrase.len(), opener.clone()))
    };
    let mut out: Vec<String> = Vec::with_capacity(words.len() + 1);
    let mut at = 0;
    while at < words.len() {
        // Before the time: "no later than 6".
        if let Some((length, opener)) = longest_first(before_time, at)
            .filter(|(length, _)| words.get(at + length).is_some_and(|next| is_number(next)))
        {
            out.push(opener);
            at += length;
            continue;
        }
        // After the time: the time's words are already out, with the word that opened it, if any.
        let time_start = out
            .iter()
            .rposition(|word| !on_the_clock(word))
            .map_or(0, |last| last + 1);
        let has_time = out[time_start..].iter().any(|word| is_number(word));
        if has_time {
            let ends_the_question = |length: usize| {
                words
                    .get(at + length)
                    .is_none_or(|next| contains(&w.spoken_times.then, next))
            };
            if let Some((length, opener)) =
                longest_first(after_time, at).filter(|(length, _)| ends_the_question(*length))
            {
                let opened = time_start
                    .checked_sub(1)
                    .is_some_and(|before| contains(&w.kinds.time, &out[before]));
                if opened {
                    out[time_start - 1] = opener;
                } else {
                    out.insert(time_start, opener);
                }
                at += length;
                continue;
            }
        }
        out.push(words[at].clone());
        at += 1;
    }
    out.into()
}

/// What a check asks beyond its opening words: a check that follows a statement or ends in a tag, the
/// dates it names, and how it places its subject relative to now.
fn read_check(
    w: &Words,
    lexicon: &Lexicon,
    folded: &str,
    asked: &[String],
    question: &mut Question,
) {
    // A check may follow a statement or another question ("I can only make it Friday, is that ok?",
    // "when is the next one? is it this week") or end in a tag ("30 April, right?"): it is a check all
    // the same, and the dates it names are its guesses, read where they stand.
    // Only a question that opens as a check is rewritten for its relation: in one that has other
    // clauses, they say what it is about.
    let opens_as_check = question.wants == Wants::Check;
    if question.wants == Wants::Fact && confirms(w, folded, asked) {
        question.wants = Wants::Check;
        // A statement with its tag ("it's at the town hall, right?") guesses as a check does, without
        // the tag; any other dates it names are guesses where they stand. A check after a statement is
        // not read so: the statement is the asker's ("I'm flying in on Wednesday, ...").
        let tag = tag_length(w, asked);
        if tag > 0 {
            guesses(w, lexicon, &asked[..asked.len() - tag], question);
        }
        if question.guesses.is_empty() {
            question.guesses = dates_named(w, asked);
            // "It was sometime in May, is that right?" asks when the event was, as "was it in May?"
            // does.
            if !question.guesses.is_empty() && only_the_event_and_dates(w, lexicon, asked) {
                question.rewritten = Some(WHEN_IS_IT.to_string());
            }
        }
    }
    // "Is there a seminar next month?" asks what is on then, not whether this event is.
    if let Some(period) = asks_what_is_on(w, asked) {
        question.period = Some(period);
        return;
    }
    if question.wants == Wants::Check {
        if let Some((relation, rewritten)) = relation::read(w, asked) {
            question.relation = Some(relation);
            if question.rewritten.is_none() && opens_as_check {
                question.rewritten = rewritten;
            }
        }
        // "Was it 30 April?": a date right after the check, with no word before it that opens a
        // time, is a guess all the same.
        if question.guesses.is_empty() && question.relation.is_none() {
            question.guesses = dates_named(w, asked);
            // Of the event itself and nothing else ("was it 30 March?", "is it on Friday the 1st of
            // May?"), it asks when the event is: the numbers of the date are no subject.
            if !question.guesses.is_empty()
                && question.rewritten.is_none()
                && only_the_event_and_dates(w, lexicon, asked)
            {
                question.rewritten = Some(WHEN_IS_IT.to_string());
            }
        }
    }
}

/// How a check of the event's date alone is asked of the knowledge.
pub const WHEN_IS_IT: &str = "when is it";

/// Whether a question's words are only a check, the event (its nouns, "it"), dates and small words.
fn only_the_event_and_dates(w: &Words, lexicon: &Lexicon, asked: &[String]) -> bool {
    // A month or a day of the week makes it a date: "is this the 3rd seminar?" names none.
    let r = &w.relations;
    asked
        .iter()
        .any(|word| relation::month(r, word).is_some() || relation::weekday(r, word).is_some())
        && asked.iter().all(|word| {
            contains(&w.kinds.check, word)
                || contains(&w.kinds.the_event, word)
                || contains(&w.kinds.dates, word)
                || is_number(word)
                || is_event_noun(lexicon, word)
                || contains(&w.relations.tags, word)
                || contains(&w.kinds.hedges, word)
                || matches!(word.as_str(), "on" | "of" | "the" | "in")
        })
}

/// The time other than the event's that a question asks about, if any (see [`OtherTime`]).
fn other_time(w: &Words, lexicon: &Lexicon, words: &[String]) -> Option<OtherTime> {
    if let Some(lasting) = lasting_of_another(w, lexicon, words) {
        Some(lasting)
    } else if has_any(words, &split().later) {
        Some(OtherTime::Now)
    } else {
        None
    }
}

/// The years a question names after a word that opens a time ("after 2015", "in 2019", "by 2030").
fn years_asked(words: &[String]) -> Vec<(i32, bool)> {
    words
        .windows(2)
        .filter_map(|pair| {
            let after = match pair[0].as_str() {
                "after" | "since" | "post" | "beyond" => true,
                "in" | "by" | "during" | "until" | "till" => false,
                _ => return None,
            };
            let year = pair[1].parse::<i32>().ok()?;
            (1000..3000).contains(&year).then_some((year, after))
        })
        .collect()
}

/// Whether a question asks how long something has gone on or will ("how long has Peru been in the
/// league?", "since when have they", "how long will the project run?") and names it with no word for
/// the event ("it", "this", "the forum").
fn lasting_of_another(w: &Words, lexicon: &Lexicon, words: &[String]) -> Option<OtherTime> {
    // "How many years has ..." asks how long as "how long has ..." does.
    let words: std::borrow::Cow<'_, [String]> = match words.windows(3).position(|t| {
        t[0] == "how"
            && t[1] == "many"
            && matches!(t[2].as_str(), "years" | "months" | "decades" | "weeks")
    }) {
        Some(at) => {
            let mut said = words.to_vec();
            said.splice(at..at + 3, ["how".to_string(), "long".to_string()]);
            said.into()
        }
        None => words.into(),
    };
    // "How long has ... been", "how long will ... run": the words between name what goes on.
    let (at, lasting) = words.windows(3).enumerate().find_map(|(at, t)| {
        let how_long = t[0] == "how" && t[1] == "long" || t[0] == "since" && t[1] == "when";
        match t[2].as_str() {
            "has" | "have" | "had" if how_long => Some((at, OtherTime::Lasting)),
            "will" | "would" | "does" | "do" | "did" if t[0] == "how" && t[1] == "long" => {
                Some((at, OtherTime::Going))
            }
            _ => None,
        }
    })?;
    let subject: Vec<&String> = words[at + 3..]
        .iter()
        .take_while(|word| {
            !matches!(
                word.as_str(),
                "been"
                    | "existed"
                    | "exist"
                    | "lasted"
                    | "last"
                    | "run"
                    | "running"
                    | "go"
                    | "continue"
                    | "take"
                    | "lasting"
            )
        })
        .collect();
    // A part of the event ("how long has the session been running") is the event's own time.
    // A programme may be another's ("how long has the fund supported the programme").
    let event_noun = |word: &str| {
        is_event_noun(lexicon, word)
            || contains(&w.outside.parts_led, word) && !matches!(word, "programme" | "program")
    };
    // "The" stands for the event only before one of its nouns, which is read on its own.
    let points = |word: &str| word != "the" && contains(&w.kinds.the_event, word);
    (!subject.is_empty() && !subject.iter().any(|word| points(word) || event_noun(word)))
        .then_some(lasting)
}

/// The period of the calendar a question asks what is on in: it opens as asking whether anything is on
/// ("is there", "what's on"), names a period relative to now ("next week"), and asks no time besides.
fn asks_what_is_on(w: &Words, asked: &[String]) -> Option<Relation> {
    if !has_any(asked, &split().existential) {
        return None;
    }
    let (period, rest) = relation::period(w, asked)?;
    let lexicon = Lexicon::builtin();
    let asks_when = lexicon.intents.get("when").is_some_and(|when| {
        when.iter()
            .any(|phrase| relation::has_phrase(&rest, phrase))
    });
    (!asks_when).then_some(period)
}

/// A check of what the event is called ("was it called 'Rivers in Peru'?"): the opening word, words
/// naming the event, a word for naming, then the guessed title, which the answer (the event's own title)
/// bears out or not. The question is read as asking what it was called.
fn read_title_check(w: &Words, lexicon: &Lexicon, asked: &[String], question: &mut Question) {
    if question.wants != Wants::Check
        || !question.guesses.is_empty()
        || question.rewritten.is_some()
    {
        return;
    }
    let Some(naming) = asked
        .iter()
        .position(|word| matches!(word.as_str(), "called" | "named" | "titled"))
    else {
        return;
    };
    let event_noun = |word: &str| is_event_noun(lexicon, word);
    let names_event = asked[..naming].iter().enumerate().all(|(at, word)| {
        at == 0 && contains(&w.kinds.check, word)
            || contains(&w.kinds.the_event, word)
            || event_noun(word)
    });
    // The kind of event in the guess ("the Andes seminar") is no word of its title.
    let title: Vec<String> = asked[naming + 1..]
        .iter()
        .filter(|word| !lexicon.is_stop_word(word) && !event_noun(word))
        .cloned()
        .collect();
    if naming == 0 || !names_event || title.is_empty() {
        return;
    }
    let mut rewritten: Vec<&str> = asked[..=naming].iter().map(String::as_str).collect();
    rewritten.insert(0, "what");
    question.rewritten = Some(rewritten.join(" "));
    question.guesses.push(Guess {
        words: title,
        slot: Slot::Title,
    });
}

/// Whether a question is a yes-or-no check that no earlier reading has taken up: no guess, relation or
/// rewriting yet.
fn is_unread_check(question: &Question) -> bool {
    question.wants == Wants::Check
        && question.guesses.is_empty()
        && question.relation.is_none()
        && question.rewritten.is_none()
}

/// A check of what the event is about ("is the forum about rivers?", "was it about droughts", "did they
/// talk about dams?"): the opening word, only words naming the event or the people at it, "about", then
/// the subject, which is the guess. Of the event, the question becomes what it is about, so that its own
/// subject says yes or no; of the people talking, any statement of the knowledge that speaks of the
/// subject says yes.
fn read_subject_check(
    w: &Words,
    lexicon: &Lexicon,
    asked: &[String],
    vocabulary: &dyn Vocabulary,
    question: &mut Question,
) {
    if !is_unread_check(question) {
        return;
    }
    // "About" asks what the subject is after any words naming the event or its people; another marker
    // ("on", "regarding") only after words naming the event itself, since "on" also opens a day ("is it
    // on Thursday?"), which is read as a time before this. Its noun must be one of the event's own name:
    // at a conference, "is the workshop on X?" asks about one of its sessions.
    let names_the_event_itself = |words: &[String]| {
        words
            .iter()
            .any(|word| is_event_noun(lexicon, word) && vocabulary.names_the_event(word))
            && words.iter().all(|word| {
                contains(&w.kinds.check, word)
                    || contains(&w.kinds.the_event, word)
                    || is_event_noun(lexicon, word)
            })
    };
    let about = asked.iter().position(|word| word == "about").or_else(|| {
        asked
            .iter()
            .position(|word| word != "about" && lexicon.subject_markers.iter().any(|m| m == word))
            .filter(|&at| at > 1 && names_the_event_itself(&asked[1..at]))
    });
    let Some(about) = about else {
        return;
    };
    // "Is it about to start?" says what is soon to happen, not what it is about.
    if asked.get(about + 1).is_some_and(|next| next == "to") {
        return;
    }
    let stop = |word: &str| lexicon.is_stop_word(word);
    // The event, or the people at it talking: "was the forum about ...", "did they talk about ...".
    let names_event = |word: &str| {
        contains(&w.kinds.the_event, word)
            || lexicon.facet("event").iter().any(|f| f == word)
            || word == "they"
            || contains(&w.kinds.about_people, word)
            || w.kinds
                .about
                .iter()
                .any(|cue| word != "about" && begins_with_cue(word, cue))
    };
    if about == 1 || !asked[1..about].iter().all(|word| names_event(word)) {
        return;
    }
    // "Did they talk about X?" of an X the knowledge never mentions is not answered "no": the report
    // says what was said, not all that was.
    let of_the_event = asked[1..about].iter().all(|word| {
        contains(&w.kinds.the_event, word) || lexicon.facet("event").iter().any(|f| f == word)
    });
    // "In" stays before the words it places ("dams in peru"), so that the place can be held against the
    // answer's (see `subject_verdict`).
    let subject: Vec<String> = asked[about + 1..]
        .iter()
        .enumerate()
        .filter(|(at, word)| {
            !stop(word) && !is_number(word)
                || word.as_str() == "in"
                    && *at > 0
                    && asked[about + 2 + at..].iter().any(|next| !stop(next))
        })
        .map(|(_, word)| word.clone())
        .collect();
    if subject.iter().all(|word| word == "in") {
        return;
    }
    // After "on", a subject must name something of the event's own name ("is the forum on dams in
    // Peru?"): a word of its setting ("on site", "on schedule", "on the first floor") or one the knowledge
    // never uses ("on Zoom") says where or how it runs, not what it is about.
    if asked[about] != "about"
        && (!subject.iter().any(|word| vocabulary.names_the_event(word))
            || subject.iter().any(|word| {
                word != "in"
                    && (!vocabulary.has_word(word) || names_a_part_of_any_event(lexicon, word))
            }))
    {
        return;
    }
    // A subject with a word the knowledge never mentions ("rivers in Chile") is not the event's: the
    // question asks what it is about, and the unknown words are what the answer must bear out.
    let unknown: Vec<String> = subject
        .iter()
        .filter(|word| !vocabulary.knows(word))
        .cloned()
        .collect();
    if !unknown.is_empty() && !of_the_event {
        return;
    }
    // What the event itself was about is its subject, not whatever its report mentions: "was the
    // seminar about Peru?" of an event on the Andes that compares them with Peru is answered no, with the
    // event's subject.
    if of_the_event {
        let mut kept: Vec<&str> = asked[..about].iter().map(String::as_str).collect();
        kept.push(ABOUT_ASKED);
        question.rewritten = Some(kept.join(" "));
    }
    question.guesses.push(Guess {
        words: if unknown.is_empty() { subject } else { unknown },
        slot: Slot::Subject,
    });
}

/// A check of what kind of event it is ("was it a two-day conference?", "is the forum a public lecture?"):
/// the opening word, only words naming the event, an article, then up to three words ending in a noun
/// naming an event, which are the guess. The question asks what kind of event it is, and the event's
/// description says whether it is so.
fn read_kind_check(w: &Words, lexicon: &Lexicon, asked: &[String], question: &mut Question) {
    if !is_unread_check(question) {
        return;
    }
    let Some(article) = asked.iter().position(|word| word == "a" || word == "an") else {
        return;
    };
    let event_noun = |word: &str| is_event_noun(lexicon, word);
    let names_event = |word: &str| {
        contains(&w.kinds.check, word) || contains(&w.kinds.the_event, word) || event_noun(word)
    };
    if article == 0 || !asked[..article].iter().all(|word| names_event(word)) {
        return;
    }
    let Some(noun) = asked[article + 1..]
        .iter()
        .take(4)
        .position(|word| event_noun(word))
        .map(|at| article + 1 + at)
    else {
        return;
    };
    // A phrase of the lexicon before the noun ("a one-off event") asks about what it names, not the kind;
    // a part of the day ("a morning event") asks when it is.
    let before_noun = &asked[article + 1..noun];
    if before_noun.iter().any(|word| part_of_day(word).is_some()) {
        return;
    }
    let names_a_phrase = lexicon.synonyms.iter().flatten().any(|phrase| {
        let parts: Vec<&str> = phrase
            .split(|c: char| !c.is_alphanumeric())
            .filter(|part| !part.is_empty())
            .collect();
        parts.len() > 1
            && before_noun
                .windows(parts.len())
                .any(|window| window.iter().map(String::as_str).eq(parts.iter().copied()))
    });
    if names_a_phrase {
        return;
    }
    // Nothing may follow the noun but words that ask nothing more ("was it a seminar or not").
    if asked[noun + 1..]
        .iter()
        .any(|word| !lexicon.is_stop_word(word))
    {
        return;
    }
    let words: Vec<String> = asked[article + 1..=noun]
        .iter()
        .filter(|word| !lexicon.is_stop_word(word))
        .cloned()
        .collect();
    question.guesses.push(Guess {
        words,
        slot: Slot::Subject,
    });
    question.rewritten = Some(w.kinds.kind_of_event.clone());
}

/// A check of what kind of thing something the knowledge names is, by a word it never uses ("is the Delta
/// Fund a charity?"): the opening word, known words naming it, an article, then up to three words with one
/// the knowledge never uses, and nothing after. The question asks what it is, and the unknown words are
/// the guess, which what it is must bear out.
fn read_named_kind_check(
    w: &Words,
    lexicon: &Lexicon,
    asked: &[String],
    vocabulary: &dyn Vocabulary,
    question: &mut Question,
) {
    if !is_unread_check(question) {
        return;
    }
    // "Is X a Y?", or "is X the Y?" where "the" follows the name ("is the X the Y?" names X after it).
    // The article follows the opening word ("a" first opens nothing to check).
    let Some(article) = asked
        .iter()
        .enumerate()
        .skip(1)
        .find(|(_, word)| *word == "a" || *word == "an")
        .map(|(at, _)| at)
        .or_else(|| {
            asked
                .iter()
                .enumerate()
                .skip(2)
                .find(|(_, word)| *word == "the")
                .map(|(at, _)| at)
        })
    else {
        return;
    };
    let named: Vec<&String> = asked[1..article]
        .iter()
        .filter(|word| !lexicon.is_stop_word(word))
        .collect();
    let kind: Vec<&String> = asked[article + 1..]
        .iter()
        .filter(|word| !lexicon.is_stop_word(word))
        .collect();
    // The name is the knowledge's, and no word of the event itself ("is the seminar a lecture" is a
    // check of the event's kind).
    if named.is_empty()
        || !contains(&w.kinds.being, &asked[0])
        || named.iter().any(|word| {
            !vocabulary.has_word(word)
                || is_event_noun(lexicon, word)
                || contains(&w.kinds.the_event, word)
                || vocabulary.names_the_event(word)
        })
        || kind.is_empty()
        || kind.len() > 3
    {
        return;
    }
    let unknown: Vec<String> = kind
        .iter()
        .filter(|word| !vocabulary.knows(word) && !is_number(word))
        .map(|word| (*word).clone())
        .collect();
    if unknown.is_empty() {
        return;
    }
    let mut rewritten = vec!["what", "is"];
    rewritten.extend(named.iter().map(|word| word.as_str()));
    question.rewritten = Some(rewritten.join(" "));
    question.guesses.push(Guess {
        words: unknown,
        slot: Slot::Kind,
    });
}

/// A check about the hosts: the one it names as a host is its guess.
fn read_host_check(
    w: &Words,
    lexicon: &Lexicon,
    asked: &[String],
    vocabulary: &dyn Vocabulary,
    question: &mut Question,
) {
    if question.wants == Wants::Check && question.guesses.is_empty() && question.relation.is_none()
    {
        if let Some(named) = named_as_host(w, lexicon, asked) {
            // One the knowledge never mentions ("was it organised by Acme?") is taken out of the
            // question, so that matching finds the hosts rather than declining a word it does not know.
            // So is the word asking whether it was the only one ("alone"): the guess holds it.
            // A name with a word the knowledge never mentions ("the regional transport ministry") is
            // another organisation as a whole: all its words go, or its known ones ("regional") would
            // pull the question towards what they name.
            // Only a name written in one run is one: "based in the old town" is no name.
            let one_run = asked
                .windows(named.words.len())
                .any(|run| run == named.words.as_slice());
            let names_another = one_run && named.words.iter().any(|word| !vocabulary.knows(word));
            let unknown = |word: &String| {
                named.words.contains(word) && (names_another || !vocabulary.knows(word))
                    || named.slot == Slot::SoleHost && contains(&w.kinds.sole, word)
            };
            if question.rewritten.is_none() && asked.iter().any(unknown) {
                let kept: Vec<&str> = asked
                    .iter()
                    .filter(|word| !unknown(word))
                    .map(String::as_str)
                    .collect();
                question.rewritten = Some(kept.join(" "));
            }
            question.guesses.push(named);
        }
    }
}

/// Whether a text asks to confirm something although it does not open with a check word: a later clause
/// does ("..., is that ok?"), or it ends in a tag ("30 April, right?").
fn confirms(w: &Words, folded: &str, asked: &[String]) -> bool {
    let clauses: Vec<Vec<String>> = folded
        .split(['?', '.', '!', ',', ';', ':', '/'])
        .map(words_of_clause)
        .filter(|words| !words.is_empty())
        .collect();
    // A later clause asking politely ("..., can you remind me which ...") asks what follows.
    let later_check = clauses.iter().skip(1).any(|clause| {
        let asked = &clause[polite_request(clause)..];
        asked
            .iter()
            .find(|word| !greeting_word(w, word))
            .is_some_and(|first| contains(&w.kinds.check, first))
    });
    // A tag needs something before it to confirm: "right?" alone confirms nothing.
    let tagged = asked.len() > tag_length(w, asked);
    later_check || (tag_length(w, asked) > 0 && tagged)
}

/// How many words at the end of a question are a tag that makes a statement a question to confirm: one
/// ("..., right?"), two ("..., wasn't it?") or none.
fn tag_length(w: &Words, asked: &[String]) -> usize {
    match asked {
        [.., verb, pronoun]
            if contains(&w.relations.tag_verbs, verb)
                && contains(&w.relations.tag_pronouns, pronoun) =>
        {
            2
        }
        [.., last] if contains(&w.relations.tags, last) => 1,
        _ => 0,
    }
}

/// The dates a question names where they stand ("30 April", "Friday"): runs of numbers and date words
/// with at least one word that is not a number, each a guess of the time.
fn dates_named(w: &Words, asked: &[String]) -> Vec<Guess> {
    let mut found = Vec::new();
    let mut i = 0;
    while i < asked.len() {
        let end = run(asked, i, |a, next| {
            is_number(a)
                || contains(&w.kinds.dates, a)
                || (a == "of" && next.is_some_and(|n| contains(&w.kinds.dates, n)))
        });
        // A year alone ("was it 2014?") is a date too.
        let a_year = end == i + 1
            && asked[i].len() == 4
            && asked[i]
                .parse::<u16>()
                .is_ok_and(|year| (1900..2100).contains(&year));
        if end > i && (a_year || asked[i..end].iter().any(|a| !is_number(a) && a != "of")) {
            found.push(Guess {
                words: asked[i..end].to_vec(),
                slot: Slot::Time,
            });
        }
        i = end.max(i + 1);
    }
    found
}

/// The phrases of the lexicon that ask who hosts an event: its `hosts` facet and their synonyms
/// ("organised", "run by").
fn host_phrases(lexicon: &Lexicon) -> impl Iterator<Item = &str> {
    let facet = lexicon.facet("hosts");
    let synonyms = lexicon
        .synonyms
        .iter()
        .filter(|group| {
            group
                .first()
                .is_some_and(|canonical| facet.contains(canonical))
        })
        .flatten();
    facet.iter().chain(synonyms).map(String::as_str)
}

/// A check whether something is a kind of organisation ("is X a university or a think tank?") without
/// the kinds it guesses and the words joining them: what is left asks what X is. `None` when it names no
/// such kind after "a" or "an", or names nothing else.
fn without_kinds_of_organisation(lexicon: &Lexicon, asked: &[String]) -> Option<String> {
    let kinds: Vec<Vec<&str>> = lexicon
        .synonyms_of("organisation")
        .iter()
        .map(|phrase| phrase.split_whitespace().collect())
        .collect();
    // "Was it organised by a university?" guesses a host, which the hosts bear out or not.
    if lexicon
        .synonyms_of("host")
        .iter()
        .filter(|phrase| !phrase.contains(' '))
        .any(|phrase| asked.iter().any(|word| word == phrase))
    {
        return None;
    }
    // "Some kind of think tank", "a sort of university": the words that hedge the kind stand for "a".
    let hedged: Vec<String>;
    let asked: &[String] = match asked.windows(3).position(|t| {
        matches!(t[0].as_str(), "some" | "a")
            && matches!(t[1].as_str(), "kind" | "sort" | "type")
            && t[2] == "of"
    }) {
        Some(at) => {
            hedged = asked[..at]
                .iter()
                .cloned()
                .chain(std::iter::once("a".to_string()))
                .chain(asked[at + 3..].iter().cloned())
                .collect();
            &hedged
        }
        None => asked,
    };
    let mut kept: Vec<&str> = Vec::new();
    let mut found = false;
    let mut at = 0;
    while at < asked.len() {
        let after_article = matches!(asked[at].as_str(), "a" | "an");
        let kind = after_article
            .then(|| {
                kinds.iter().find(|kind| {
                    asked[at + 1..]
                        .iter()
                        .map(String::as_str)
                        .take(kind.len())
                        .eq(kind.iter().copied())
                })
            })
            .flatten();
        if let Some(kind) = kind {
            found = true;
            at += 1 + kind.len();
        } else {
            kept.push(&asked[at]);
            at += 1;
        }
    }
    // The words joining the kinds ("or") go with them.
    kept.retain(|word| *word != "or");
    let names_something = kept.iter().any(|word| {
        !lexicon.is_stop_word(word) && !lexicon.facet("event").iter().any(|f| f == word)
    });
    (found && names_something).then(|| kept.join(" "))
}

/// The one a yes-or-no question about the hosts names as a host ("was it organised by the city council?",
/// "was the museum one of the hosts?"): its words that are neither the question's own (stop words, check words, the
/// phrases asking who hosts, the words naming the event) nor empty. A question asking whether it was the
/// only host ("was X the only host?") guesses a sole host.
fn named_as_host(w: &Words, lexicon: &Lexicon, asked: &[String]) -> Option<Guess> {
    let mut role = vec![false; asked.len()];
    for phrase in host_phrases(lexicon) {
        let phrase: Vec<&str> = phrase.split_whitespace().collect();
        for at in 0..asked.len().saturating_sub(phrase.len() - 1) {
            if asked[at..at + phrase.len()]
                .iter()
                .map(String::as_str)
                .eq(phrase.iter().copied())
            {
                role[at..at + phrase.len()]
                    .iter_mut()
                    .for_each(|r| *r = true);
            }
        }
    }
    if !role.contains(&true) {
        return None;
    }
    let sole = asked.iter().any(|word| contains(&w.kinds.sole, word));
    let named: Vec<String> = asked
        .iter()
        .zip(&role)
        .filter(|(word, role)| {
            !**role
                && !contains(&w.kinds.check, word)
                && !contains(&w.kinds.sole, word)
                && !lexicon.is_stop_word(word)
                && !lexicon.facet("event").iter().any(|f| f == *word)
                && !lexicon.intents.values().flatten().any(|cue| cue == *word)
                && !is_number(word)
        })
        .map(|(word, _)| word.clone())
        .collect();
    (!named.is_empty()).then_some(Guess {
        words: named,
        slot: if sole { Slot::SoleHost } else { Slot::Host },
    })
}

/// A choice between one alone and one with others ("the museum alone or with a partner?", "on its own or
/// together with someone?"), rewritten to ask who it was with: the words before the options, then that.
fn alone_or_with(w: &Words, asked: &[String]) -> Option<String> {
    let sole = asked
        .iter()
        .position(|word| contains(&w.kinds.sole, word))?;
    let or = sole
        + asked[sole..]
            .iter()
            .position(|word| contains(&w.kinds.choice, word))?;
    let with = asked[or..]
        .iter()
        .position(|word| contains(&w.kinds.with, word))?;
    // The option after the choice word is the one with others: "or with a partner", "or together with".
    if with > 2 {
        return None;
    }
    let mut rewritten: Vec<&str> = asked[..sole].iter().map(String::as_str).collect();
    rewritten.extend(["with", "who"]);
    Some(rewritten.join(" "))
}

/// The words of a text's last clause (after the last sentence or clause mark), split as questions are:
/// apostrophes dropped, letters and digits apart.
fn last_clause(folded: &str) -> Vec<String> {
    let trimmed = folded.trim_end_matches(|c: char| !c.is_alphanumeric());
    let start = trimmed
        .rfind(['?', '.', '!', ',', ';', ':'])
        .map_or(0, |i| i + 1);
    words_of_clause(&trimmed[start..])
}

/// The question (folded) without what is the asker's own: what they want it for ("..., so I can put it
/// in the map") and their own people and things ("my boss wants a summary"). `None` when it has neither.
fn without_the_asker(
    w: &Words,
    lexicon: &Lexicon,
    folded: &str,
    vocabulary: &dyn Vocabulary,
) -> Option<String> {
    let purposeless = without_purpose(w, folded);
    without_the_askers_own(
        purposeless.as_deref().unwrap_or(folded),
        lexicon,
        vocabulary,
    )
    .or(purposeless)
}

/// The text (folded) without the asker's own people and things that the knowledge never mentions ("my
/// boss", "our professor") where a clause opens with them: "my boss wants a summary" asks for the
/// summary. `None` when there are none.
fn without_the_askers_own(
    text: &str,
    lexicon: &Lexicon,
    vocabulary: &dyn Vocabulary,
) -> Option<String> {
    let tokens: Vec<&str> = text.split_whitespace().collect();
    let bare = |token: &str| {
        token
            .trim_matches(|c: char| !c.is_alphanumeric())
            .to_string()
    };
    let mut kept: Vec<&str> = Vec::new();
    let mut changed = false;
    let mut at = 0;
    while at < tokens.len() {
        // Only opening a clause ("my boss wants ..."): after a verb, the asker's own thing may be what
        // is asked about ("how do I change my nickname").
        let opens_clause = at == 0 || tokens[at - 1].ends_with([',', '.', ';', ':', '?', '!']);
        let possessive = opens_clause && matches!(bare(tokens[at]).as_str(), "my" | "our");
        let unknown = |token: &str| {
            let word = bare(token);
            !word.is_empty() && !vocabulary.knows(&word) && !lexicon.is_stop_word(&word)
        };
        // The owned words that follow, each unknown ("my sat nav"); punctuation ends them.
        if possessive && tokens[at].ends_with(|c: char| c.is_alphanumeric()) {
            let mut end = at + 1;
            while end < tokens.len() && unknown(tokens[end]) {
                end += 1;
                if !tokens[end - 1].ends_with(|c: char| c.is_alphanumeric()) {
                    break;
                }
            }
            if end > at + 1 {
                let last = tokens[end - 1];
                let punctuation = last.trim_start_matches(|c: char| c.is_alphanumeric());
                if !punctuation.is_empty() {
                    kept.push(punctuation);
                }
                changed = true;
                at = end;
                continue;
            }
        }
        kept.push(tokens[at]);
        at += 1;
    }
    (changed && kept.len() >= 2).then(|| kept.join(" "))
}

/// The question (folded) without what the asker wants it for ("..., so I can put it in the map"), when
/// its last clause ends with that, after a word or more ("postcode for my sat nav?").
fn without_purpose(w: &Words, folded: &str) -> Option<String> {
    let trimmed = folded.trim_end_matches(|c: char| !c.is_alphanumeric());
    let clause = trimmed
        .rfind(['?', '.', '!', ',', ';', ':'])
        .map_or(0, |i| i + 1);
    let at = w
        .kinds
        .purposes
        .iter()
        .filter_map(|phrase| {
            let found = trimmed[clause..].find(&format!(" {phrase} "))?;
            Some(clause + found)
        })
        .min()?;
    let before = trimmed[..at].trim_end_matches(|c: char| !c.is_alphanumeric());
    (!words_of_clause(before).is_empty()).then(|| before.to_string())
}

/// The words of a clause (folded), split as questions are: apostrophes dropped, letters and digits apart.
fn words_of_clause(clause: &str) -> Vec<String> {
    let mut words: Vec<String> = Vec::new();
    let mut current = String::new();
    for c in clause.chars().filter(|c| *c != '\'') {
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
fn choice_between_times(w: &Words, asked: &[String]) -> Option<(String, Vec<Guess>)> {
    let option = |word: &str| contains(&w.kinds.dates, word) || is_number(word);
    // "A morning session or afternoon?": the first option may name what it is the time of.
    let lexicon = Lexicon::builtin();
    let noun = |word: &str| {
        is_event_noun(lexicon, word) || lexicon.programme.nouns.iter().any(|n| n == word)
    };
    let named_time =
        |at: usize| option(&asked[at]) || at > 0 && noun(&asked[at]) && option(&asked[at - 1]);
    let or = asked.iter().enumerate().position(|(at, word)| {
        contains(&w.kinds.choice, word)
            && at > 0
            && named_time(at - 1)
            && asked.get(at + 1).is_some_and(|next| option(next))
    })?;
    // Each option is the run of time words on its side: "april 30 or may 1".
    let first_end = if option(&asked[or - 1]) { or } else { or - 1 };
    let from = asked[..first_end]
        .iter()
        .rposition(|word| !option(word))
        .map_or(0, |at| at + 1);
    let to = asked[or + 1..]
        .iter()
        .position(|word| !option(word))
        .map_or(asked.len(), |at| or + 1 + at);
    let mut rewritten: Vec<&str> = asked[..from].iter().map(String::as_str).collect();
    rewritten.push("when");
    rewritten.extend(asked[to..].iter().map(String::as_str));
    let options = [&asked[from..or], &asked[or + 1..to]]
        .into_iter()
        .map(|option| Guess {
            words: option.to_vec(),
            slot: Slot::Time,
        })
        .collect();
    Some((rewritten.join(" "), options))
}

/// Whether a clause (its words, folded) is a statement about the asker that frames a question rather than
/// asks one: "I was at the seminar but had to leave early".
/// Whether a clause opens with a question word ("what did they say ..."): it asks, even when the asker
/// left off its question mark.
pub fn opens_a_question(words: &[String]) -> bool {
    words
        .first()
        .is_some_and(|first| contains(&words_of().kinds.question_words, first))
}

/// Whether a clause points back at what came before it ("what did they mean by that", "whats its
/// name"): it does not stand on its own.
pub fn points_back(words: &[String]) -> bool {
    words
        .iter()
        .any(|word| contains(&words_of().kinds.pointing, word))
}

/// Whether a clause ends on a word pointing back ("in what context was that"): what it asks of is in the
/// clause before it.
pub fn ends_pointing_back(words: &[String]) -> bool {
    words
        .last()
        .is_some_and(|last| matches!(last.as_str(), "that" | "this" | "those" | "these"))
}

pub fn frames_the_question(words: &[String]) -> bool {
    let w = words_of();
    // Greetings and filler before it ("hey so my boss went ...") do not change what it is.
    words
        .iter()
        .find(|word| !greeting_word(w, word))
        .is_some_and(|first| contains(&w.kinds.pronouns, first) || contains(&w.kinds.asker, first))
}

fn greeting_word(w: &Words, word: &str) -> bool {
    split().greeting.starting_with(word).any(|p| p.len() == 1) || contains(&w.asides.filler, word)
}

/// A remark: greetings, thanks and filler alone, or one of the phrases about Usher itself.
fn aside(w: &Words, all: &[String]) -> Option<Aside> {
    let s = split();
    let mut rest: Vec<&String> = all
        .iter()
        .filter(|word| !contains(&w.asides.filler, word))
        .collect();
    let mut first = None;
    // Whether thanks, praise or looking forward came off ("good afternoon, great first session"), whatever
    // came first.
    let mut thanked = false;
    // Greetings and thanks come off either end until none is left at either.
    let mut changed = true;
    while changed && !rest.is_empty() {
        changed = false;
        for (aside, list) in [
            (Aside::Greeting, &s.greeting),
            (Aside::Thanks, &s.thanks),
            (Aside::Anticipation, &s.anticipation),
        ] {
            // The longest phrase comes off first: the lists are kept so (see `split`).
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
                thanked |= matches!(aside, Aside::Thanks | Aside::Anticipation);
                changed = true;
            }
        }
    }
    // "Great seminar, thanks!": praise of the event beside thanks asks nothing either.
    // The day it is on says which event is praised or looked forward to ("excited for thursday").
    let praise = |word: &&String| {
        is_event_noun(Lexicon::builtin(), word)
            || contains(&w.asides.praise, word)
            || contains(&w.kinds.dates, word)
    };
    // Praise needs a word of praise: "thanks! what was the event?" asks.
    let praising = rest.iter().any(|word| {
        contains(&w.asides.praise, word)
            && !matches!(
                word.as_str(),
                "the" | "this" | "that" | "was" | "is" | "what" | "a" | "an" | "such"
            )
    });
    let only_the_event = rest
        .iter()
        .all(|word| is_event_noun(Lexicon::builtin(), word));
    if rest.is_empty() || thanked && (praising || only_the_event) && rest.iter().all(praise) {
        return first;
    }
    // "This is so interesting lol": praise alone, opening as no question does, is a remark too.
    let opens_a_question = all.first().is_some_and(|word| {
        contains(&w.kinds.check, word) || contains(&w.kinds.question_words, word)
    });
    if first.is_none() && praising && !opens_a_question && rest.iter().all(praise) {
        return Some(Aside::Praise);
    }
    [
        (Aside::Identity, &s.identity),
        (Aside::Abilities, &s.abilities),
        (Aside::Help, &s.help),
    ]
    .into_iter()
    .find(|(_, list)| {
        // The phrases hold no filler words, as the question has lost its own (see `split`).
        phrases(list).any(|p| p.len() == rest.len() && rest.iter().copied().eq(p.iter()))
    })
    .map(|(aside, _)| aside)
}

/// Whether a question gives a figure in one unit and asks how many of another it is ("it lasted 3.5
/// hours, how many minutes is that"): a conversion, which no event's knowledge answers.
fn converts_a_figure(words: &[String]) -> bool {
    let units = &words_of().outside.units;
    let unit = |word: &str| {
        contains(units, word).then(|| word.strip_suffix('s').unwrap_or(word).to_string())
    };
    let asked = words.windows(3).enumerate().find_map(|(at, t)| {
        (t[0] == "how" && t[1] == "many")
            .then(|| unit(&t[2]).map(|unit| (at, unit)))
            .flatten()
    });
    let Some((at, asked)) = asked else {
        return false;
    };
    // "How many hours between 2 and 5:30": the span is the asker's own, given by its two ends.
    let between = words[at..]
        .windows(2)
        .any(|t| t[0] == "between" && is_number(&t[1]));
    if between {
        return true;
    }
    // The figure follows what is asked ("how many minutes is 3.5 hours"), or "that" points back to
    // it ("3.5 hours, how many minutes is that"); "a 2 day event? how many hours per day" converts
    // nothing.
    let points_back = words[at..]
        .windows(2)
        .any(|t| t[0] == "is" && t[1] == "that");
    words.windows(2).enumerate().any(|(i, t)| {
        is_number(&t[0])
            && unit(&t[1]).is_some_and(|given| given != asked)
            && (i > at || points_back)
    })
}

/// Whether a question counts a span of its own from a date: "what date is 100 days after 30 April",
/// "2 weeks before the forum". A sum on the calendar, which no event's knowledge answers.
fn shifts_a_date(words: &[String]) -> bool {
    let units = &words_of().outside.units;
    words.windows(3).any(|t| {
        is_number(&t[0])
            && contains(units, &t[1])
            && matches!(
                t[2].as_str(),
                "after" | "before" | "from" | "later" | "earlier"
            )
    })
}

/// Whether a question gives a time of day and asks what it is in a zone: "what is 2 pm in Lima time",
/// "whats 17:30 here in Lima time". Opening with what it asks and naming the zone as "in ... time"
/// after the figure, it converts the asker's figure; "does it start at 14:00 Lima time?" checks the
/// event's time.
fn converts_a_time(words: &[String]) -> bool {
    let asks = words
        .first()
        .is_some_and(|first| matches!(first.as_str(), "what" | "whats" | "how"));
    let Some(figure) = words.iter().position(|word| is_number(word)) else {
        return false;
    };
    asks && words[figure..].windows(3).any(|t| {
        t[0] == "in" && t[2] == "time" && !is_number(&t[1]) && t[1] != "the" && t[1] != "good"
    })
}

/// A calculation, a fact about the world that no event's knowledge holds, or a request to translate.
fn outside(folded: &str, words: &[String], vocabulary: &dyn Vocabulary) -> Option<Outside> {
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
    if sum || cue || converts_a_figure(words) || converts_a_time(words) || shifts_a_date(words) {
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
    if has_any(words, &s.translation) {
        return Some(Outside::Translation);
    }
    if has_any(words, &s.opinion) && !worth_when_late(s, words)
        || advises_another(words, vocabulary)
        // "I work for an NGO there, should we cooperate with them?": the advice may be asked last.
        || advises_another(&last_clause(folded), vocabulary)
    {
        return Some(Outside::Opinion);
    }
    if remarks(folded, words) {
        return Some(Outside::Remark);
    }
    if views_of_another(words, vocabulary) {
        return Some(Outside::Opinion);
    }
    if asks_whether_signing_up_is_needed(words_of(), words, vocabulary) || asks_how_to(words) {
        return Some(Outside::Unmentioned);
    }
    another_event(words).then_some(Outside::AnotherEvent)
}

/// Whether a question asks what someone the knowledge never speaks of thinks, says or wrote ("what does
/// the mayor's office think of ...", "how did the local papers report on the seminar"): the source gives the
/// views of the event's participants and of those it names, not those of others. Who is asked of is the
/// subject of the verb of saying: the words between the question or check word before it and the verb.
/// A word the knowledge does not know (typos aside) among them makes it another's view, as does a word
/// for the press or a government that no entry uses; pronouns and words for the people at the event
/// ("they", "the experts") do not.
fn views_of_another(words: &[String], vocabulary: &dyn Vocabulary) -> bool {
    let w = words_of();
    // Who it is, is the subject's last word ("the press release" is a document, not the press).
    holder_of_a_view(words).is_some_and(|subject| {
        subject.last().is_some_and(|word| {
            !vocabulary.knows(word)
                || contains(&w.outside.parties, word) && !vocabulary.names_an_entry(word)
        })
    })
}

/// Whose view a question asks, by the words between its question or check word and its verb of
/// saying, thinking or reacting ("how did *the capital* react", "what does *the ministry* think"),
/// without articles; `None` when it asks no view, or the view of the people at the event or of a
/// pronoun ("what did they say", "how do the experts see it"), or the words are more than four.
pub fn holder_of_a_view(words: &[String]) -> Option<Vec<String>> {
    let w = words_of();
    let verb = words
        .iter()
        .position(|word| contains(&w.outside.views, word) || contains(&w.outside.seeing, word))?;
    // "According to the report" names a document, not a verb.
    if verb
        .checked_sub(1)
        .is_some_and(|before| ARTICLES.contains(&words[before].as_str()))
    {
        return None;
    }
    let opener = words[..verb].iter().rposition(|word| {
        contains(&w.kinds.check, word) || contains(&w.kinds.question_words, word)
    })?;
    // "Why is the mission viewed badly": a verb in the passive has what is viewed before it.
    let participle = words[verb].ends_with("ed")
        || matches!(
            words[verb].as_str(),
            "seen" | "thought" | "said" | "written" | "felt" | "saw"
        );
    if participle
        && words[opener..verb]
            .iter()
            .any(|word| contains(&w.kinds.being, word))
    {
        return None;
    }
    let subject: Vec<String> = words[opener + 1..verb]
        .iter()
        .filter(|word| !matches!(word.as_str(), "the" | "a" | "an" | "its" | "their"))
        .cloned()
        .collect();
    if subject.is_empty() || subject.len() > 4 {
        return None;
    }
    // The people at the event, or a people at large ("locals"), whom a statement may call otherwise.
    let ours = |word: &str| {
        contains(&w.kinds.about_people, word)
            || contains(&w.kinds.populace, word)
            || contains(&w.kinds.pronouns, word)
            || contains(&w.relations.tag_pronouns, word)
            || is_event_noun(Lexicon::builtin(), word)
    };
    (!subject.iter().any(|word| ours(word))).then_some(subject)
}

/// Whether a question asks what attending costs ("is it free?", "do we have to pay?") of knowledge whose
/// entries never speak of a price: a detail the source does not give.
fn asks_the_cost_unsaid(w: &Words, words: &[String], vocabulary: &dyn Vocabulary) -> bool {
    has_any(words, &split().cost_phrases)
        && !w
            .outside
            .cost_words
            .iter()
            .any(|word| vocabulary.names_an_entry(word))
}

/// Whether a question asks who holds a role ("who is the force commander of ...", "who leads the
/// institute?") that no entry's text names: the person is general knowledge the event's knowledge does
/// not give, though a maintainer's keyword may use the role's word to reach an entry that mentions the
/// office ("what did the leader say"). A role in the event itself ("who leads the seminar?") is a
/// question about the event's people, answered or noted as missing elsewhere.
fn asks_who_holds_a_role(
    w: &Words,
    lexicon: &Lexicon,
    words: &[String],
    vocabulary: &dyn Vocabulary,
) -> bool {
    // "Who" opens the question: in "what did the people who head it say" it only says which people.
    let asks_who = words
        .first()
        .is_some_and(|word| matches!(word.as_str(), "who" | "whom" | "whose" | "whos"));
    // The event, a part of it ("who leads the workshop on ..."), or who took part in it ("who were the
    // ministers present?").
    let of_the_event = words.iter().any(|word| {
        let singular = word.strip_suffix('s').unwrap_or(word);
        lexicon
            .facet("event")
            .iter()
            .any(|noun| noun == word || noun == singular)
            || contains(&w.kinds.presence, word)
            || contains(&w.kinds.took_part, word)
            || contains(&w.outside.parts_led, word)
    });
    asks_who
        && !of_the_event
        && words
            .iter()
            .any(|word| contains(&w.outside.roles, word) && !vocabulary.says_the_word(word))
}

/// The detail a question asks for, if any (see `[details]`): only a question that names one at all is
/// split into clauses to see where it names it. A break ("was there a coffee break?") is a part of the
/// programme, whatever it names.
fn detail_asked(folded: &str, words: &[String]) -> Option<String> {
    detail(words)
        .filter(|_| !asks_about_a_break(words))
        .and_then(|named| match asking_clauses(folded) {
            Some(asking) => detail(&asking),
            None => Some(named),
        })
}

/// Whether a question asks how to do something other than take part in the event ("how can I become a
/// ranger?", "how do you purify water?"): instructions an event's knowledge does not give.
/// "How do I get there?", "how can I join online?" and the like ask about the event itself (`[outside]
/// taking_part_verbs`).
fn asks_how_to(words: &[String]) -> bool {
    let o = &words_of().outside;
    match words {
        [how, modal, who, verb, ..] => {
            how == "how"
                && matches!(
                    modal.as_str(),
                    "do" | "can" | "could" | "should" | "would" | "does"
                )
                && matches!(who.as_str(), "i" | "you" | "u" | "we" | "one")
                && !contains(&o.taking_part_verbs, verb)
        }
        _ => false,
    }
}

/// Whether a message is a reaction to the channel that asks nothing ("lol this is taking forever", "omg
/// the weather today"): it opens with a word of reaction, has no question mark, and no question word,
/// check or request follows. Such a message shares words with the knowledge by chance, and any answer
/// to it would be an answer to nothing asked.
fn remarks(folded: &str, words: &[String]) -> bool {
    let w = words_of();
    if folded.contains('?')
        || !words
            .first()
            .is_some_and(|first| contains(&w.outside.reactions, first))
    {
        return false;
    }
    let mut rest = words.iter().skip_while(|word| {
        contains(&w.outside.reactions, word) || contains(&w.asides.filler, word)
    });
    let opens_a_question = rest.next().is_some_and(|first| {
        contains(&w.kinds.check, first)
            || contains(&w.outside.asking, first)
            || split().polite.starting_with(first).next().is_some()
    });
    !opens_a_question
        && !words
            .iter()
            .any(|word| contains(&w.kinds.question_words, word))
}

/// Whether a question asks what someone the knowledge speaks of should do ("should the agency send more
/// staff?"): advice the source does not give. What the asker or anyone at the event should do ("should I
/// bring ID?", "should the participants bring laptops?", "should my colleague register too?") is a
/// practical question, read as any other.
fn advises_another(words: &[String], vocabulary: &dyn Vocabulary) -> bool {
    let o = &words_of().outside;
    let mut rest = words
        .iter()
        .skip_while(|word| greeting_word(words_of(), word));
    if !rest.next().is_some_and(|first| contains(&o.advice, first)) {
        return false;
    }
    // Who is advised: the first word after any article or possessive.
    let Some(who) = rest.find(|word| {
        !matches!(
            word.as_str(),
            "the" | "a" | "an" | "my" | "our" | "your" | "their"
        )
    }) else {
        return false;
    };
    // The asker is advised on taking part ("should I bring ID?"), not on the rest of their life
    // ("should I study there or somewhere else?").
    if contains(&o.asker_advised, who) {
        let verb = rest.next();
        // "Should I do a master's?" asks what to do with one's life, whatever "do" usually asks.
        let doing_something = verb.is_some_and(|verb| verb == "do")
            && rest
                .next()
                .is_some_and(|next| matches!(next.as_str(), "a" | "an" | "my"));
        return doing_something
            || verb.is_some_and(|verb| {
                !contains(&o.taking_part_verbs, verb)
                    && !contains(&o.asker_verbs, verb)
                    && !Lexicon::builtin().is_stop_word(verb)
            });
    }
    !is_event_noun(Lexicon::builtin(), who) && vocabulary.names_an_entry(who)
}

/// "Arriving at 4:30, is it still worth coming?" asks whether the event is still on then: every opinion
/// phrase it has is one of worth, and it names being late or a time on the clock ("at 4:30"), not a price
/// ("worth 200 euros").
fn worth_when_late(s: &Split, words: &[String]) -> bool {
    if !has_any(words, &s.worth) {
        return false;
    }
    let at_a_time = words.windows(2).any(|pair| {
        contains(&words_of().kinds.time, &pair[0]) && pair[0] != "on" && is_number(&pair[1])
    });
    let only_worth = phrases(&s.opinion)
        .filter(|phrase| {
            !phrase.is_empty() && words.windows(phrase.len()).any(|window| window == *phrase)
        })
        .all(|phrase| {
            phrase
                .iter()
                .any(|word| has_any(std::slice::from_ref(word), &s.worth))
        });
    only_worth && (has_any(words, &s.timely) || at_a_time)
}

/// Whether a question asks about another event: a word such as "next" before a word naming an event,
/// with at most two words between them that are not stop words ("the next Water Institute event"). A
/// stop word between them ends the phrase: "what is next after the event" asks what follows this one.
fn another_event(words: &[String]) -> bool {
    let lexicon = Lexicon::builtin();
    let names_an_event = |word: &str| is_event_noun(lexicon, word);
    let stop = |word: &str| lexicon.is_stop_word(word);
    // "Any events on ..." asks for events, in the plural: others than this one.
    let any_events = words.windows(2).any(|pair| {
        contains(&words_of().outside.any_events, &pair[0])
            && pair[1].ends_with('s')
            && names_an_event(&pair[1])
    });
    // "Did they host anything else?", "is there a seminar on X too?", "are they also organising an
    // event?": something beside this event, held by the same people or on another subject.
    let o = &words_of().outside;
    let hosting = words.iter().any(|word| contains(&o.hosting, word));
    let besides = has_any(words, &split().besides);
    let an_event = words
        .windows(2)
        .any(|pair| matches!(pair[0].as_str(), "a" | "an") && names_an_event(&pair[1]));
    let beside_this = besides
        && (hosting && (an_event || has_any(words, &split().something_else))
            || an_event && has_any(words, &split().existential));
    any_events
        || beside_this
        || has_any(words, &split().repeats)
        || (0..words.len()).any(|i| {
            phrases(&split().another_event).any(|phrase| {
                let end = i + phrase.len();
                end <= words.len()
                    && words[i..end].iter().eq(phrase)
                    && words[end..]
                        .iter()
                        .take(3)
                        .take_while(|next| !stop(next))
                        .any(|next| names_an_event(next))
            })
        })
}

/// The words of a question without its clauses that say something about the asker ("I'm coming by
/// train, by what time do I need to be there?"): a detail named there says how the asker comes, not
/// what they ask. `None` when no clause frames the question, or every clause does.
fn asking_clauses(folded: &str) -> Option<Vec<String>> {
    let clauses: Vec<Vec<String>> = folded
        .split(['?', '.', '!', ',', ';', ':'])
        .map(words_of_clause)
        .filter(|clause| !clause.is_empty())
        .collect();
    let asking: Vec<String> = clauses
        .iter()
        .filter(|clause| !frames_the_question(clause))
        .flatten()
        .cloned()
        .collect();
    let framed = clauses.iter().any(|clause| frames_the_question(clause));
    (framed && !asking.is_empty()).then_some(asking)
}

/// The detail (see `details` in `reading.toml`) a question asks for, if any: the first whose phrase it has.
fn detail(words: &[String]) -> Option<String> {
    split()
        .details
        .iter()
        .find(|(_, list)| has_any(words, list))
        .map(|(name, _)| name.clone())
}

/// Whether a question asks the way from somewhere ("how do I get to the venue from the central
/// station?"): a route, which knowledge that gives an address does not. "How do I get there?" alone is
/// answered with the address.
fn asks_a_route(w: &Words, words: &[String]) -> bool {
    // A way of travelling ("bus from the station to the venue?") asks the way as "get to" does.
    let Some(at) = (0..words.len().saturating_sub(1)).find(|&at| {
        contains(&w.outside.transport, &words[at])
            || split()
                .route
                .starting_with(&words[at])
                .any(|phrase| words[at..].starts_with(phrase))
    }) else {
        return false;
    };
    // The starting point follows the way: after the word of travelling, or after "get to".
    let after = if contains(&w.outside.transport, &words[at]) {
        at + 1
    } else {
        at + 2
    };
    // "From 5" or "from Thursday" is a time, not a starting point.
    words[after..]
        .iter()
        .position(|word| word == "from")
        .and_then(|from| words.get(after + from + 1))
        .is_some_and(|start| {
            !is_number(start) && !contains(&w.kinds.dates, start) && !contains(&w.kinds.time, start)
        })
}

/// The most words a check run on after a statement has ("is this the right place").
const MAX_RUN_ON_CHECK: usize = 6;

/// A statement about the asker run on into a check without a comma ("im at the town hall is this the
/// right place"), with the comma: the statement frames the check, as it does when written with one.
/// `None` for any other text.
pub fn with_run_on_check_split(text: &str) -> Option<String> {
    if text.contains([',', ';', ':', '.', '!']) {
        return None;
    }
    let lower = text.to_lowercase();
    if lower.len() != text.len() {
        return None;
    }
    let words: Vec<String> = lower
        .split(|c: char| !c.is_alphanumeric() && c != '\'')
        .filter(|w| !w.is_empty())
        .map(|w| w.replace('\'', ""))
        .collect();
    if !frames_the_question(&words) {
        return None;
    }
    let w = words_of();
    // The check's opening, a verb of being and a word pointing back at the place or time just stated.
    let at = words.windows(2).skip(2).position(|pair| {
        contains(&w.kinds.being, &pair[0]) && contains(&w.kinds.pointing, &pair[1])
    })? + 2;
    // The check is the rest, and it asks nothing else: "I think the talk is this afternoon but when
    // exactly" is no check.
    let rest = &words[at..];
    if rest.len() > MAX_RUN_ON_CHECK
        || rest
            .iter()
            .any(|word| contains(&w.kinds.question_words, word))
    {
        return None;
    }
    let opening = format!(" {} {}", words[at], words[at + 1]);
    let cut = lower.find(&opening)?;
    Some(format!("{},{}", &text[..cut], &text[cut..]))
}

/// The text with "what time is it" written as "when is it" where more follows it than a place or a
/// "now" (`clock_after`): "what time is it supposed to finish" asks when the event finishes, not the
/// clock. `None` when the text has no such phrase.
pub fn without_the_clock_misread(text: &str) -> Option<String> {
    // Most questions have no "time" at all: they are left as they are without splitting them.
    if !text
        .as_bytes()
        .windows(4)
        .any(|w| w.eq_ignore_ascii_case(b"time"))
    {
        return None;
    }
    let words: Vec<&str> = text.split_whitespace().collect();
    let bare: Vec<String> = words
        .iter()
        .map(|word| {
            word.trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase()
        })
        .collect();
    let at = bare
        .windows(4)
        .position(|w| w == ["what", "time", "is", "it"])?;
    // "What time is it? I want to be on time" asks the clock, then says something.
    let ends_there = words[at + 3].ends_with(|c: char| !c.is_alphanumeric());
    let next = bare.get(at + 4)?;
    if ends_there || contains(&words_of().kinds.clock_after, next) {
        return None;
    }
    let mut said: Vec<&str> = words[..at].to_vec();
    said.extend(["when", "is", "it"]);
    said.extend(&words[at + 4..]);
    Some(said.join(" "))
}

/// A word as typed, lower-cased and without its punctuation ("Wait," is "wait").
pub fn bare(word: &str) -> String {
    word.chars()
        .filter(|c| c.is_alphanumeric())
        .collect::<String>()
        .to_lowercase()
}

/// The text without its relative day words ("today", "tonight"): in a check of who hosts ("is the
/// institute hosting alone today?") they say which day's event is meant, not what is checked. `None`
/// when the text has none.
pub fn without_relative_days(text: &str) -> Option<String> {
    let days = &words_of().kinds.possessive_days;
    let kept: Vec<&str> = text
        .split(' ')
        .filter(|word| !contains(days, &bare(word)))
        .collect();
    (kept.len() < text.split(' ').count()).then(|| kept.join(" "))
}

/// The text without an interjection that opens it before a question word ("wait, what is X?", "hang on,
/// when does it start"): it says the asker is surprised, not what they ask. `None` when there is none.
pub fn without_a_leading_interjection(text: &str) -> Option<String> {
    let k = &words_of().kinds;
    let words: Vec<&str> = text.split_whitespace().collect();
    (1..=2).find_map(|n| {
        let opening: Vec<String> = words.iter().take(n).map(|word| bare(word)).collect();
        let next = words.get(n).map(|word| bare(word))?;
        (contains(&k.leading_interjections, &opening.join(" "))
            && contains(&k.question_words, &next))
        .then(|| words[n..].join(" "))
    })
}

/// The text without the hours it names on the clock ("if I get there *at 4*", "around 3pm"): a figure
/// after "at" or "around" is a time, which the question's reading holds, and no number of
/// anything the knowledge counts ("four main points"). `None` when it names none.
pub fn without_clock_figures(text: &str) -> Option<String> {
    // Most questions name no figure: they are passed over without a copy.
    if !text.bytes().any(|b| b.is_ascii_digit()) {
        return None;
    }
    let words: Vec<&str> = text.split(' ').collect();
    let figure = |word: &str| {
        let word = bare(word);
        let digits = word.trim_end_matches("am").trim_end_matches("pm");
        !digits.is_empty() && digits.chars().all(|c| c.is_ascii_digit()) && digits.len() <= 4
    };
    let clock: Vec<bool> = (0..words.len())
        .map(|at| {
            at > 0
                && figure(words[at])
                // "At 4", "around 4": a bound ("after 5") says more than the hour, and is kept.
                && matches!(bare(words[at - 1]).as_str(), "at" | "around")
        })
        .collect();
    clock.contains(&true).then(|| {
        words
            .iter()
            .zip(&clock)
            .filter(|(_, clock)| !**clock)
            .map(|(word, _)| *word)
            .collect::<Vec<_>>()
            .join(" ")
    })
}

/// The text with "like" as a verb ("do Peruvians like the league?", "did people like it") written as
/// "liked", which the lexicon reads as popularity; elsewhere "like" is a stop word ("what is it like",
/// "anything like that"). It is a verb after an auxiliary ("do", "did") and one or two words naming who
/// likes, none of which is a verb of seeing or saying (`like_not_a_verb_after`). `None` when the text
/// has no such "like".
pub fn with_like_as_a_verb(text: &str) -> Option<String> {
    if !text.to_lowercase().contains("like") {
        return None;
    }
    let k = &words_of().kinds;
    let words: Vec<&str> = text.split(' ').collect();
    let at = words.iter().enumerate().position(|(at, word)| {
        bare(word) == "like"
            && (2..=3).any(|back| {
                at >= back
                    && contains(&k.like_auxiliaries, &bare(words[at - back]))
                    && words[at - back + 1..at]
                        .iter()
                        .all(|between| !contains(&k.like_not_a_verb_after, &bare(between)))
            })
    })?;
    let mut out: Vec<String> = words.iter().map(|word| (*word).to_string()).collect();
    out[at] = out[at].replacen("like", "liked", 1);
    Some(out.join(" "))
}

/// The text with each day word in the possessive ("today's seminar", "tonights talk") written as "the":
/// it says which event or part is meant, not when anything is. `None` when the text has none.
pub fn without_possessive_days(text: &str) -> Option<String> {
    // Most questions name no day at all: they are passed over without a copy.
    let days = &words_of().kinds.possessive_days;
    let names_a_day = days.iter().any(|day| {
        text.as_bytes()
            .windows(day.len())
            .any(|window| window.eq_ignore_ascii_case(day.as_bytes()))
    });
    if !names_a_day {
        return None;
    }
    let lower = text.to_lowercase();
    // Offsets in the lower-cased text are offsets in the text only where lower-casing kept every length.
    if lower.len() != text.len() {
        return None;
    }
    let mut out = String::with_capacity(text.len());
    let mut changed = false;
    let mut rest = 0;
    for (at, _) in lower.char_indices() {
        if at < rest || !lower.is_char_boundary(at) {
            continue;
        }
        let starts_word = lower[..at]
            .chars()
            .next_back()
            .is_none_or(|c| !c.is_alphanumeric());
        if !starts_word {
            continue;
        }
        let found = words_of().kinds.possessive_days.iter().find_map(|day| {
            let after = lower[at..].strip_prefix(day.as_str())?;
            let ending = ["'s ", "\u{2019}s ", "s "]
                .iter()
                .find(|ending| after.starts_with(**ending))?;
            // A word must follow: "todays" alone is a typo of "today".
            let next = &after[ending.len()..];
            next.starts_with(char::is_alphabetic)
                .then_some(day.len() + ending.len())
        });
        if let Some(len) = found {
            out.push_str(&text[rest..at]);
            out.push_str("the ");
            rest = at + len;
            changed = true;
        }
    }
    out.push_str(&text[rest..]);
    changed.then_some(out)
}

/// The text with each date written in figures with slashes ("30/4", "30/04/2015", "4/30") spelled with
/// its month's name ("30 april", "30 april 2015"), so that it is read as a date, not as two numbers. The
/// day comes first unless only the second figure can be a day. `None` when the text has no such date.
pub fn spelled_dates(text: &str) -> Option<String> {
    let months = &words_of().relations.months;
    let mut out = String::with_capacity(text.len() + 16);
    let mut changed = false;
    let mut rest = text;
    while let Some(at) = rest.find('/') {
        let (before, after) = (&rest[..at], &rest[at + 1..]);
        let first_len = before
            .chars()
            .rev()
            .take_while(char::is_ascii_digit)
            .count();
        let second_len = after.chars().take_while(char::is_ascii_digit).count();
        let first: Option<u32> = before[before.len() - first_len..].parse().ok();
        let second: Option<u32> = after[..second_len].parse().ok();
        let starts_a_word = before[..before.len() - first_len]
            .chars()
            .next_back()
            .is_none_or(|c| !c.is_alphanumeric());
        let (day, month) = match (first, second) {
            (Some(a), Some(b)) if (1..=31).contains(&a) && (1..=12).contains(&b) => (a, b),
            (Some(a), Some(b)) if (1..=12).contains(&a) && (13..=31).contains(&b) => (b, a),
            _ => (0, 0),
        };
        let name = usize::try_from(month)
            .ok()
            .and_then(|m| m.checked_sub(1))
            .and_then(|m| months.get(m))
            .and_then(|names| names.first());
        match name {
            Some(name) if starts_a_word && first_len <= 2 && second_len <= 2 => {
                out.push_str(&before[..before.len() - first_len]);
                out.push_str(&format!("{day} {name}"));
                // A year after a second slash: "30/4/2015".
                let tail = &after[second_len..];
                let year_len = tail
                    .strip_prefix('/')
                    .map_or(0, |y| y.chars().take_while(char::is_ascii_digit).count());
                if year_len == 4 {
                    out.push(' ');
                    out.push_str(&tail[1..=year_len]);
                    rest = &tail[1 + year_len..];
                } else {
                    rest = tail;
                }
                changed = true;
            }
            _ => {
                out.push_str(&rest[..=at]);
                rest = after;
            }
        }
    }
    out.push_str(rest);
    changed.then_some(out)
}

/// Whether a question has a word for people ("somebody", "experts", "anyone").
pub fn names_people(words: &[String]) -> bool {
    words
        .iter()
        .any(|word| contains(&words_of().kinds.about_people, word))
}

/// Whether a word only reports who said what a question checks ("my colleague *reckons* ...").
pub fn reports_who_said(word: &str) -> bool {
    let k = &words_of().kinds;
    contains(&k.reported, word) || contains(&k.reporters, word)
}

/// Whether a text gives a date: a year, a month or a day of the week.
pub fn gives_a_date(text: &str) -> bool {
    let r = &words_of().relations;
    text.to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .any(|word| {
            word.len() == 4
                && word
                    .parse::<u16>()
                    .is_ok_and(|year| (1000..3000).contains(&year))
                || relation::month(r, word).is_some()
                || relation::weekday(r, word).is_some()
        })
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
    // Words that name the detail in a text but do not ask for it in a question ("tram" in a venue's
    // directions; "I have a train to catch" asks when it ends).
    let named = words_of().detail_names.get(detail).is_some_and(|names| {
        names
            .iter()
            .any(|name| words.iter().any(|w| w.starts_with(name.as_str())))
    });
    named
        || phrases(list).any(|phrase| match phrase {
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
        // "Was it a morning event?" guesses a part of the day as "was it in the morning?" does.
        let article_before_part_of_day = question.wants != Wants::Fact
            && (word == "a" || word == "an")
            && asked
                .get(i + 1)
                .is_some_and(|next| part_of_day(next).is_some());
        // "Was it 2 till 6?": a time that starts a range is guessed as one after "from" is.
        // "2 to 5:30" is a range too, where a time follows "to".
        let starts_a_range = question.wants != Wants::Fact
            && is_number(word)
            && asked.get(i + 1).is_some_and(|next| {
                contains(&w.kinds.range, next)
                    || next == "to" && asked.get(i + 2).is_some_and(|to| is_number(to))
            })
            && !i
                .checked_sub(1)
                .is_some_and(|before| contains(&w.kinds.time, &asked[before]));
        if starts_a_range {
            found.push(Guess {
                words: vec![word.to_string()],
                slot: Slot::Time,
            });
            rewritten.push("when");
            i += 1;
            continue;
        }
        // The "to" of "2 to 5:30" opens the range's end, as "until" does.
        let ends_a_range = word == "to" && i > 0 && is_number(&asked[i - 1]) && !found.is_empty();
        let opener = if ends_a_range { "until" } else { word };
        let opens_time =
            contains(&w.kinds.time, word) || ends_a_range || after_or || article_before_part_of_day;
        let opens_place = contains(&w.kinds.place, word);
        if opens_time || opens_place {
            let mut j = i + 1;
            while asked
                .get(j)
                .is_some_and(|a| a == "the" || a == "a" || a == "an")
            {
                j += 1;
            }
            j += hedge_before_a_date(w, &asked[j..]);
            // A word that only sharpens or softens the time ("5pm sharp", "two-ish") is part of it.
            let time_end = run(asked, j, |a, next| {
                is_number(a)
                    || contains(&w.kinds.dates, a)
                    || (a == "of" && next.is_some_and(|n| contains(&w.kinds.dates, n)))
            });
            let sharpened_end = run(asked, time_end, |a, _| contains(&w.spoken_times.clock, a));
            if opens_time && time_end > j {
                let words = asked[j..time_end].to_vec();
                // "Is it still on at 5?", "if I get there at 5 is it still going": a time the event must
                // still be on at, which its end reaches.
                let still = asked.iter().any(|a| a == "still");
                let slot = match bound(w, opener, &words) {
                    Slot::Time if still && words.iter().all(|word| on_the_clock(word)) => {
                        Slot::Through
                    }
                    slot => slot,
                };
                found.push(Guess { words, slot });
                // A bound's word ("after") would name what follows the event: only "when" is asked.
                if slot == Slot::Time {
                    rewritten.push(word);
                }
                rewritten.push("when");
                i = sharpened_end;
                continue;
            }
            // A place the knowledge knows ("is it at the institute?") is a guess as much as one it
            // does not ("is it in Amsterdam?"): the answer is the venue, and says whether it is there.
            let place_end = run(asked, j, |a, _| {
                !is_number(a) && !lexicon.is_stop_word(a) && !contains(&w.kinds.languages, a)
            });
            // A house number after the street's name is part of the place: "at Kade 12".
            let place_end = if place_end > j && asked.get(place_end).is_some_and(|a| is_number(a)) {
                place_end + 1
            } else {
                place_end
            };
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
    // unknown word is the subject, not a guess of the venue. A time on the clock is a guess of whatever
    // is asked about, though: "does the closing talk start after 5?" checks that talk's time.
    let reported = asked.iter().any(|word| contains(&w.kinds.reported, word));
    if !only_on_the_clock(&found)
        && !rewritten
            .iter()
            .all(|word| asks_of_the_event_only(w, lexicon, word, reported))
    {
        return;
    }
    question.guesses = found;
    question.rewritten = Some(rewritten.join(" "));
}

/// Whether every guess is a time on the clock ("at 6", "after 5 pm"), which may be guessed of anything
/// with a time.
fn only_on_the_clock(found: &[Guess]) -> bool {
    found.iter().all(|guess| {
        guess.slot != Slot::Place
            && guess.words.iter().all(|word| on_the_clock(word))
            && guess
                .words
                .first()
                .is_some_and(|hour| hour.parse::<u32>().is_ok_and(|hour| hour <= 24))
    })
}

/// How many words before a date only narrow or soften it ("in *early* May", "*around* 2"): one or none.
fn hedge_before_a_date(w: &Words, words: &[String]) -> usize {
    let hedge = words.first().is_some_and(|a| contains(&w.kinds.hedges, a));
    let date = words
        .get(1)
        .is_some_and(|n| is_number(n) || contains(&w.kinds.dates, n));
    usize::from(hedge && date)
}

/// Whether a word of a question with its guesses taken out asks nothing but of the event itself;
/// `reported` when the question reports what someone said ("my boss says ...").
fn asks_of_the_event_only(w: &Words, lexicon: &Lexicon, word: &str, reported: bool) -> bool {
    word == "when"
        || word == "where"
        // The word before a guessed time stays ("start after when"): it asks nothing else.
        || contains(&w.kinds.time, word)
        || contains(&w.kinds.check, word)
        || contains(&w.kinds.choice, word)
        || lexicon.is_stop_word(word)
        || lexicon.intents.values().flatten().any(|cue| cue == word)
        || names_a_part_of_any_event(lexicon, word)
        // A tag asking to confirm ("at 2, right?") asks nothing else.
        || contains(&w.relations.tags, word)
        // Nor does who said it ("my boss says it was in March, true?").
        || contains(&w.kinds.reported, word)
        || reported && (contains(&w.kinds.reporters, word) || contains(&w.kinds.sureness, word))
}

/// A word of the event's own facets (the event, its time, its venue), or of a synonym group whose
/// canonical word is one: "begin" and "kick off" as well as "start".
fn names_a_part_of_any_event(lexicon: &Lexicon, word: &str) -> bool {
    let facet_word = |w: &str| {
        ["event", "when", "venue", "programme"]
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

/// What a time guessed after `opener` guesses: a time on the clock after "before" or "by" is a latest
/// time, after "after" an earliest, after "past" or "until" one that the end reaches; any other time
/// (or a date) is guessed as it stands.
fn bound(w: &Words, opener: &str, words: &[String]) -> Slot {
    // "Does it go on into the evening?": the end reaches a part of the day.
    let part = words.iter().any(|word| part_of_day(word).is_some());
    if part && contains(&w.kinds.bounds.through, opener) && opener != "until" {
        return Slot::Through;
    }
    if !words.iter().all(|word| on_the_clock(word)) {
        return Slot::Time;
    }
    let b = &w.kinds.bounds;
    if contains(&b.before, opener) {
        Slot::Before
    } else if contains(&b.after, opener) {
        Slot::After
    } else if contains(&b.through, opener) {
        Slot::Through
    } else {
        Slot::Time
    }
}

/// A word of a time on the clock: a number, "am" or "pm".
fn on_the_clock(word: &str) -> bool {
    is_number(word) || word == "am" || word == "pm"
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
fn asks_what_it_is_about(
    w: &Words,
    lexicon: &Lexicon,
    vocabulary: &dyn Vocabulary,
    asked: &[String],
) -> bool {
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
    let kind = subject_kind(w, lexicon, vocabulary, asked);
    asked.iter().any(|word| about(word))
        && asked.iter().enumerate().all(|(at, word)| {
            kind.contains(&at)
                || about(word)
                || contains(&w.kinds.about_modifiers, word)
                || lexicon.is_stop_word(word)
                || lexicon.facet("event").iter().any(|f| f == word)
                || contains(&w.kinds.check, word)
                // "What were they discussing at <the venue> that day": where and when it was held say
                // which event is meant, not what was discussed.
                || contains(&w.kinds.about_setting, word)
                // "... on 30 April 2015": the date places it too; a number alone may be a time that
                // picks a session ("what will they discuss at 3").
                || is_number(word) && asked.iter().any(|other| contains(&w.kinds.dates, other))
                || contains(&w.kinds.dates, word)
                // Last, as the dearest to ask.
                || vocabulary.names_the_setting(word)
        })
}

/// Whether a clause before the last names something of the knowledge other than the event ("the Delta
/// Fund? what's it about"): the last clause's "it" is that, not the event. Clauses about the asker
/// ("I'm writing a thesis on water, what did it cover") name the asker's own subject, not the knowledge's.
fn names_another_subject_before(
    w: &Words,
    lexicon: &Lexicon,
    vocabulary: &dyn Vocabulary,
    folded: &str,
) -> bool {
    let clauses: Vec<Vec<String>> = folded
        .split(['?', '.', '!', ',', ';', ':'])
        .map(words_of_clause)
        .filter(|clause| !clause.is_empty())
        .collect();
    let Some((_, before)) = clauses.split_last() else {
        return false;
    };
    before
        .iter()
        // "My colleague mentioned the rivers programme": a clause reporting what someone said of
        // something names it, as a bare clause does, however it opens.
        .filter(|clause| {
            !frames_the_question(clause) || clause.iter().any(|word| contains(&w.kinds.said, word))
        })
        .flatten()
        .any(|word| {
            !lexicon.is_stop_word(word)
                && !greeting_word(w, word)
                && !is_event_noun(lexicon, word)
                && !is_number(word)
                && !contains(&w.kinds.dates, word)
                && vocabulary.names_an_entry(word)
                && !vocabulary.names_the_event(word)
                && !vocabulary.names_the_setting(word)
                // The event's own parts ("for my report, what was it about?") are the event's.
                && !vocabulary.names_a_part_of_the_event(word)
        })
}

/// Where a question opens "which" or "what" and one or two words ending in a common noun, their place:
/// "which Andean country was it about?" names the kind of subject asked for, not a subject of its own. A
/// time ("what time ...") asks something else. Empty where the question does not open so.
fn subject_kind(
    w: &Words,
    lexicon: &Lexicon,
    vocabulary: &dyn Vocabulary,
    asked: &[String],
) -> std::ops::Range<usize> {
    match asked.first().map(String::as_str) {
        Some("which" | "what") => {
            let end = run(asked, 1, |word, _| {
                !is_about_word(w, asked, word)
                    && !lexicon.is_stop_word(word)
                    && !lexicon.facet("when").iter().any(|f| f == word)
                    && !contains(&w.kinds.time, word)
            });
            // The kind is a common noun ("country"), maybe after a word that narrows it ("Andean"); a
            // name ("what's Ada Lovelace presenting?") is whose subject is asked.
            let common_noun = end > 1 && vocabulary.is_common_word(&asked[end - 1]);
            if end <= 3 && common_noun {
                1..end
            } else {
                0..0
            }
        }
        _ => 0..0,
    }
}

/// Words that make the next one a noun: "the address", "its theme".
const ARTICLES: &[&str] = &[
    "the", "a", "an", "its", "their", "your", "his", "her", "our",
];

/// Whether a clause asks what the event is about only by asking why it was held ("why go there at
/// all"): after a statement of a subject ("if the town has no river, ..."), it asks why of that.
fn asks_only_why(w: &Words, clause: &[String]) -> bool {
    clause.iter().any(|word| contains(&w.kinds.purpose, word))
        && !clause
            .iter()
            .any(|word| w.kinds.about.iter().any(|cue| begins_with_cue(word, cue)))
}

/// The most letters an ending adds to the start of a word ("presentations" after "present").
const LONGEST_ENDING: usize = 6;

/// Whether a word is one of those a cue starts ("discuss" reads "discussing" and "discussions"): a word
/// much longer than the cue is another word, or a key held down ("aimxzlcq...").
fn begins_with_cue(word: &str, cue: &str) -> bool {
    word.starts_with(cue) && word.len() <= cue.len() + LONGEST_ENDING
}

/// Whether a word of a question (`asked`) asks what the event is about: one of the `about` words, or, in
/// a question that asks why ("why was it organised?"), the words asking why and saying that it was held.
fn is_about_word(w: &Words, asked: &[String], word: &str) -> bool {
    // "The main question" they looked at is what it was about; "a question" alone is not.
    let main_question =
        || contains(&w.kinds.questions, word) && asked.iter().any(|a| contains(&w.kinds.main, a));
    // "Why?" alone asks why of something said before, which Usher does not see.
    let why = || {
        asked.iter().any(|a| contains(&w.kinds.purpose, a))
            && asked.iter().any(|a| !contains(&w.kinds.purpose, a))
    };
    w.kinds.about.iter().any(|cue| begins_with_cue(word, cue))
        || main_question()
        || (contains(&w.kinds.purpose, word) || contains(&w.kinds.occasion, word)) && why()
}

/// Whether a question's words ask who said or did something ("who asked about ...", "who wrote the
/// report"): one of the `said` words of `reading.toml`.
pub fn asks_who_said(words: &[&str]) -> bool {
    words
        .iter()
        .any(|word| contains(&words_of().kinds.said, word))
}

/// The hours (from, to) of the part of the day a word names ("afternoon", "arvo" once respelled), by the
/// lexicon's words for the parts and the hours `reading.toml` gives each.
pub fn part_of_day(word: &str) -> Option<(i8, i8)> {
    let programme = &Lexicon::builtin().programme;
    words_of().parts_of_day.iter().find_map(|(name, hours)| {
        let words: &[String] = match name.as_str() {
            "morning" => &programme.morning,
            "afternoon" => &programme.afternoon,
            "evening" => &programme.evening,
            _ => &[],
        };
        (name == word || words.iter().any(|w| w == word)).then_some((hours[0], hours[1]))
    })
}

/// The times of an answer on the clock of the event's zone, in minutes after midnight (a start and, if
/// it has one, an end), and whether the question asks about the end ("does it finish before 6?").
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Clock {
    pub spans: Vec<(i32, Option<i32>)>,
    pub ends: bool,
    /// Whether one of the times runs over more than one day: its hours on the clock then say neither a
    /// part of the day nor a bound ("does a three-day congress go on past 6pm?").
    pub over_days: bool,
    /// The days the times fall on, in the event's zone: a guessed day of the week or date is held against
    /// them, whatever the text of the answer names ("is it on Thursday?" while it is under way).
    pub days: Vec<jiff::civil::Date>,
}

/// Whether a guessed date (its days of the week, months, days of the month and years) names one of
/// `days`; `None` when it names no day of the week or month, or there are no days to hold it against.
fn on_a_day(guess: &Guess, days: &[jiff::civil::Date]) -> Option<bool> {
    let r = &words_of().relations;
    let classes = &words_of().day_classes;
    let names_a_day = guess.words.iter().any(|w| {
        relation::weekday(r, w).is_some()
            || relation::month(r, w).is_some()
            || classes.contains_key(w)
    });
    if !names_a_day || days.is_empty() || guess.slot != Slot::Time {
        return None;
    }
    Some(days.iter().any(|day| {
        guess.words.iter().all(|word| {
            if let Some(weekday) = relation::weekday(r, word) {
                day.weekday() == weekday
            } else if let Some(class) = classes.get(word) {
                class
                    .iter()
                    .any(|name| relation::weekday(r, name) == Some(day.weekday()))
            } else if let Some(month) = relation::month(r, word) {
                day.month() == month
            } else if let Ok(n) = word.parse::<i16>() {
                match n {
                    1..=31 => i16::from(day.day()) == n,
                    1000.. => day.year() == n,
                    _ => true,
                }
            } else {
                true
            }
        })
    }))
}

/// A guessed subject is borne out by the answer naming every word of it, and ruled out by its naming
/// none; a part of it leaves the check undecided.
fn subject_verdict(guess: &Guess, answer_words: &[&str]) -> Verdict {
    // Another form of a word says it too: "Japanese" of "Japan", "builders" of "building"; a word
    // that only looks alike ("police" of "policy") does not.
    let said = |word: &String| {
        answer_words.iter().any(|a| {
            a.starts_with(word.as_str())
                || of_the_place(word, a)
                || root(word).len() >= 5 && root(word) == root(a)
        })
    };
    let named = guess.words.iter().filter(|word| said(word)).count();
    // "Dams in Peru" of a subject in Chile: the place the guess puts it in is none the answer names.
    let elsewhere = guess
        .words
        .iter()
        .rposition(|word| word == "in")
        .is_some_and(|at| at + 1 < guess.words.len() && !guess.words[at + 1..].iter().any(said));
    if named == 0 || elsewhere {
        Verdict::No
    } else if named < guess.words.len() {
        Verdict::Unsure
    } else {
        Verdict::Yes
    }
}

/// Whether a text denies what a yes-or-no question asks: it puts a negator ("not", "limited", "lack")
/// just before a word of the question ("is the ferry new?" of "not a new service"), or has the
/// word's own negative ("unlikely" for "likely") or its opposite ("differs" for "the same"), or says
/// that what the question asks is liked is disliked ("popular" of "perceived in a negative way"), within
/// one clause. `question` is the question's words,
/// `answer` the answer's text as written, so that a name in capitals is never taken as what is denied. A
/// question with a negator of its own ("isn't it new?") is not judged, nor are words that only open what
/// follows ("not only ... but also").
pub fn denies(question: &[String], answer: &str) -> bool {
    let p = &words_of().polarity;
    let lexicon = Lexicon::builtin();
    if question
        .iter()
        .any(|word| contains(&p.question_negators, word))
    {
        return false;
    }
    let asked: Vec<&str> = question
        .iter()
        .map(String::as_str)
        .filter(|word| word.len() >= 3 && !lexicon.is_stop_word(word) && !is_number(word))
        .collect();
    let not_denying: Vec<Vec<&str>> = p
        .not_denying
        .iter()
        .map(|phrase| phrase.split_whitespace().collect())
        .collect();
    // A question that weighs one thing against another ("is it bigger than ...") is not denied by a
    // clause that doubts one of them, nor one asking whether something came to pass.
    let undoubted = question.iter().any(|word| contains(&p.comparing, word))
        || p.occurred
            .iter()
            .any(|phrase| relation::has_phrase(question, phrase))
            && !question.iter().any(|word| contains(&p.likelihood, word));
    // The names of the answer the question asks about: a clause that doubts something must name them
    // all, or the question is about another part of the sentence ("... unlikely, unlike the threat from
    // Ruritania").
    let names_in_answer: Vec<&str> = asked
        .iter()
        .copied()
        .filter(|q| {
            answer.split(|c: char| !c.is_alphanumeric()).any(|w| {
                w.starts_with(|c: char| c.is_uppercase()) && same_word(q, &w.to_lowercase())
            })
        })
        .collect();
    answer.split(['.', ',', ';', ':', '?', '!']).any(|clause| {
        let written: Vec<&str> = clause
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .collect();
        let folded: Vec<String> = written.iter().map(|w| w.to_lowercase()).collect();
        let words: Vec<&str> = folded.iter().map(String::as_str).collect();
        // A clause that calls what the question asks about unlikely ("deemed a threat ... unlikely" of
        // "does it see a threat?") denies it, where the question does not itself ask about likelihood.
        let doubted = !undoubted
            && !words.first().is_some_and(|first| contains(&p.asides, first))
            && names_in_answer
                .iter()
                .all(|name| words.iter().any(|word| same_word(name, word)))
            && words.iter().enumerate().any(|(at, word)| {
                contains(&p.doubting, word)
                    && !(at.saturating_sub(p.reach)..at).any(|before| contains(&p.negators, words[before]))
                    && !question.iter().any(|q| same_word(q, word) || opposed(q, word))
            })
            // ... and the clause is about what the question asks, by a word that is not a name: a
            // clause naming only the same places ("that a threat to the city is unlikely") may be the
            // aside of a sentence about something else.
            && asked.iter().any(|q| {
                words.iter().zip(&written).any(|(word, as_written)| {
                    !as_written.starts_with(|c: char| c.is_uppercase()) && same_word(q, word)
                })
            });
        // "Only X?" of a clause that says "not only X but also Y" is denied.
        let widened = question.iter().any(|q| contains(&p.restrictive, q))
            && p.widening.iter().any(|phrase| {
                let phrase: Vec<&str> = phrase.split_whitespace().collect();
                words.windows(phrase.len()).any(|w| w == phrase.as_slice())
            })
            && asked.iter().any(|q| words.iter().any(|word| same_word(q, word)));
        doubted
            || widened
            || words.iter().enumerate().any(|(at, word)| {
            if at > 0 && written[at].starts_with(|c: char| c.is_uppercase()) {
                return false;
            }
            let negated = || {
                (at.saturating_sub(p.reach)..at).any(|before| {
                    contains(&p.negators, words[before])
                        && !not_denying
                            .iter()
                            .any(|phrase| words[before..].starts_with(phrase))
                        && !words[before + 1..at].iter().any(|w| contains(&p.apart, w))
                })
            };
            asked.iter().any(|q| {
                same_word(q, word) && negated()
                    || p.negative_prefixes.iter().any(|prefix| {
                        word.strip_prefix(prefix.as_str())
                            .is_some_and(|rest| rest.len() >= 4 && same_word(q, rest))
                    })
                    // The word's opposite, said outright ("differs" for "the same"), where the clause
                    // does not also say the word itself.
                    || !negated()
                        && !words.iter().any(|other| same_word(q, other))
                        && opposed(q, word)
            }) || question.iter().any(|q| {
                // Opposites are often small words ("same", "more") that are otherwise stop words.
                lexicon.is_stop_word(q)
                    && !negated()
                    && !words.iter().any(|other| same_word(q, other))
                    && opposed(q, word)
            }) || contains(&p.disapproving, word)
                && !negated()
                && question.iter().any(|q| {
                    contains(&p.approving, q) && !words.iter().any(|other| same_word(q, other))
                })
        })
    })
}

/// General English opposites ("same": "different"), generated from `WordNet` by
/// `tools/wordnet_antonyms.py`.
const ANTONYMS_TXT: &str = include_str!("../../reference/antonyms.txt");

/// Each word's opposites, read once.
fn antonyms() -> &'static HashMap<&'static str, Vec<&'static str>> {
    static ANTONYMS: OnceLock<HashMap<&'static str, Vec<&'static str>>> = OnceLock::new();
    ANTONYMS.get_or_init(|| {
        ANTONYMS_TXT
            .lines()
            .filter(|line| !line.starts_with('#'))
            .filter_map(|line| {
                let mut words = line.split_whitespace();
                Some((words.next()?, words.collect()))
            })
            .collect()
    })
}

/// Whether a word of a text is an opposite of a word of a question: "differs" of "same". Short opposites
/// ("in" of "out") are left out, as they are in every clause.
fn opposed(asked: &str, word: &str) -> bool {
    // Three letters are enough beside a longer opposite ("low" of "high"), not on both sides ("old",
    // "new"), where a common short word would deny too much.
    let long_enough = |a: &str, b: &str| a.len() >= 3 && b.len() >= 3 && a.len().max(b.len()) >= 4;
    long_enough(asked, word)
        && antonyms().get(asked).is_some_and(|opposites| {
            opposites
                .iter()
                .any(|o| long_enough(asked, o) && same_word(o, word))
        })
}

/// A word without the ending of a plural, a doer or a verb form: "builders" and "building" both give
/// "build".
fn root(word: &str) -> &str {
    ["ers", "ing", "er", "ed", "es", "s"]
        .iter()
        .find_map(|ending| word.strip_suffix(ending).filter(|stem| stem.len() >= 4))
        .unwrap_or(word)
}

/// Whether `word` names the people or things of the place `name` names: "Japanese" of "Japan",
/// "Nigerian" of "Nigeria". The word without its ending must start the name, which may be at most two
/// letters longer ("Austrian" is not of "Australia").
fn of_the_place(word: &str, name: &str) -> bool {
    ["ese", "ian", "ean", "an", "ish", "i"]
        .iter()
        .any(|ending| {
            word.strip_suffix(ending).is_some_and(|stem| {
                stem.len() >= 4 && name.starts_with(stem) && name.len() <= stem.len() + 2
            })
        })
}

/// Whether two words are forms of one ("interest", "interested"): the same, or, both of four letters or
/// more, alike but for an ending of at most three letters.
fn same_word(a: &str, b: &str) -> bool {
    if a == b {
        return true;
    }
    let shorter = a.len().min(b.len());
    if shorter < 4 || a.len().abs_diff(b.len()) > 3 {
        return false;
    }
    let common = a.bytes().zip(b.bytes()).take_while(|(x, y)| x == y).count();
    common >= shorter.saturating_sub(2).max(4)
}

/// Whether `answer` (the text of the answer, folded) bears the guesses out: every number of a guess is in
/// it (as that number, or as an hour after noon), every other word of a place or date guess is too, a
/// part of the day holds the hour one of the answer's times starts at (or else one the text names), and
/// a bound on the clock holds for the answer's first time.
pub fn verdict(guesses: &[Guess], answer: &str, clock: &Clock) -> Verdict {
    let numbers = numbers_in(answer);
    let hours: Vec<i32> = if clock.spans.is_empty() {
        numbers
            .iter()
            .filter(|(_, hour)| *hour)
            .filter_map(|(n, _)| i32::try_from(*n).ok())
            .collect()
    } else {
        clock.spans.iter().map(|(start, _)| start / 60).collect()
    };
    let answer_words: Vec<&str> = answer
        .split(|c: char| !c.is_alphanumeric())
        .filter(|s| !s.is_empty())
        .collect();
    let dates = &words_of().kinds.dates;
    let mut only_numbers = true;
    let mut undecided = false;
    for guess in guesses {
        if matches!(guess.slot, Slot::Subject | Slot::Title | Slot::Kind) {
            match subject_verdict(guess, &answer_words) {
                Verdict::Yes => only_numbers = false,
                // A title with a word the answer lacks is another title.
                _ if guess.slot == Slot::Title => return Verdict::No,
                other => return other,
            }
            continue;
        }
        if matches!(guess.slot, Slot::Before | Slot::After | Slot::Through) {
            if clock.over_days {
                continue;
            }
            match holds(guess, clock) {
                Some(true) => only_numbers = false,
                Some(false) => return Verdict::No,
                None => {}
            }
            continue;
        }
        // An answer with no time at all (the venue, asked "is it at the town hall at 2?") says nothing
        // of a guessed time: the other guesses may say no, but none can say yes.
        if guess.slot == Slot::Time
            && clock.spans.is_empty()
            && clock.days.is_empty()
            && hours.is_empty()
        {
            undecided = true;
            continue;
        }
        // A time on the clock is held against the answer's one time, its start or (asked about the end)
        // its end, in either reading of an hour typed without "am" or "pm".
        match at(guess, clock) {
            Some(true) => {
                only_numbers = false;
                continue;
            }
            Some(false) => return Verdict::No,
            None => {}
        }
        match on_a_day(guess, &clock.days) {
            Some(true) => {
                only_numbers = false;
                continue;
            }
            Some(false) => return Verdict::No,
            None => {}
        }
        for word in &guess.words {
            if let Ok(n) = word.parse::<u32>() {
                let hour_after_noon = (1..12).contains(&n);
                let found = numbers
                    .iter()
                    .any(|&(m, hour)| m == n || (hour_after_noon && hour && m == n + 12));
                if !found {
                    return Verdict::No;
                }
            } else if let Some((from, to)) = part_of_day(word).filter(|_| guess.slot == Slot::Time)
            {
                if clock.over_days {
                    continue;
                }
                only_numbers = false;
                if !hours
                    .iter()
                    .any(|h| (i32::from(from)..i32::from(to)).contains(h))
                {
                    return Verdict::No;
                }
            } else if matches!(guess.slot, Slot::Place | Slot::Host | Slot::SoleHost)
                || (contains(dates, word) && word.len() > 2)
            {
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
    if only_numbers || undecided {
        Verdict::Unsure
    } else {
        Verdict::Yes
    }
}

/// Whether a time on the clock is the answer's first time: its end for a question about the end, else its
/// start. `None` when the guess is no time on the clock, the answer has not exactly one such time (on
/// one day), or the guess no hour.
fn at(guess: &Guess, clock: &Clock) -> Option<bool> {
    if guess.slot != Slot::Time
        || clock.spans.is_empty()
        || clock.over_days
        || !guess.words.iter().all(|word| on_the_clock(word))
    {
        return None;
    }
    let readings = readings(guess)?;
    let times: Vec<Option<i32>> = clock
        .spans
        .iter()
        .map(|&(start, end)| if clock.ends { end } else { Some(start) })
        .collect();
    let matches = |time: &Option<i32>| time.is_some_and(|time| readings.contains(&time));
    // A session held several times ("at 3?" of one at 15:00 on Tuesday and 17:30 on Wednesday) is at
    // the time its first time, which the answer leads with, is at; at another of its times, the answer's
    // list of them says which, not a "yes" beside a time that is not it; at none, "no".
    match times.first() {
        Some(first) if matches(first) => Some(true),
        _ if times.iter().any(matches) => None,
        _ if times.iter().any(Option::is_some) => Some(false),
        _ => None,
    }
}

/// The minutes of the day a time on the clock may be: "3" is 3:00 or 15:00, "3 pm" only 15:00, "15 30"
/// 15:30. `None` when the guess has no hour (a year is none).
fn readings(guess: &Guess) -> Option<Vec<i32>> {
    let mut numbers = guess.words.iter().filter_map(|w| w.parse::<i32>().ok());
    // A number past the hours of a day is no time on the clock ("2015" is a year).
    let hour = numbers.next().filter(|hour| *hour <= 24)?;
    let minutes = numbers.next().filter(|m| *m < 60).unwrap_or(0);
    let pm = guess.words.iter().any(|w| w == "pm");
    let am = guess.words.iter().any(|w| w == "am");
    let readings: Vec<i32> = match hour {
        0..=12 if pm => vec![hour % 12 + 12],
        0..=12 if am => vec![hour % 12],
        0..=12 => vec![hour % 12, hour % 12 + 12],
        _ => vec![hour],
    };
    Some(readings.into_iter().map(|h| h * 60 + minutes).collect())
}

/// Whether a bound on the clock (see [`Slot`]) holds for the answer's first time: its end for a bound the
/// end must reach or a question about the end, else its start. An hour typed without "am" or "pm" is
/// read as the one of its two readings nearer that time ("before 3" is 15:00 for a start at 14:00).
/// `None` when the answer has no such time.
fn holds(guess: &Guess, clock: &Clock) -> Option<bool> {
    let &(start, end) = clock.spans.first()?;
    let time = if guess.slot == Slot::Through || clock.ends {
        end?
    } else {
        start
    };
    // A part of the day is reached once the time is past its first hour.
    if let Some((from, _)) = guess.words.iter().find_map(|word| part_of_day(word)) {
        let from = i32::from(from) * 60;
        return Some(match guess.slot {
            Slot::Before => time <= from,
            _ => time > from,
        });
    }
    let bound = readings(guess)?
        .into_iter()
        .min_by_key(|m| (m - time).abs())?;
    Some(match guess.slot {
        Slot::Before => time <= bound,
        _ => time >= bound,
    })
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
