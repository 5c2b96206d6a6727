//! The answer to a question: [`Match`] + knowledge + now -> [`Answer`]. Plain text for any adapter, plus
//! the structured facts (times, place, source) an adapter may show its own way, such as Discord's
//! timestamps and embed fields.
//!
//! A matched topic's answer is written by its subject (in `topics`); an unmatched question gets a plain
//! "I don't know", what Usher can answer, and the topics it may have meant.

mod silence;

pub use silence::names_detail;

use std::fmt::Write as _;

use jiff::Timestamp;
use jiff::tz::TimeZone;

use crate::knowledge::{Knowledge, Origin};
use crate::lexicon::Intent;
use crate::matching::{Match, fold};
use crate::reading::{self, Judged, Slot, Span, Verdict, Wants};
use crate::topics::{FOLLOW_UP, Focus, Rendered, Topic, Writer};

pub use crate::topics::{NewsItem, PlaceFact, PostedNews, RichAnswer, TimeFact};

/// What Usher says in reply to one question.
#[derive(Debug, Clone, PartialEq)]
pub struct Answer {
    /// Whether the answer comes from the knowledge. When false, `text` says plainly that Usher does not
    /// know, and what it can answer.
    pub matched: bool,
    /// The topic answered, e.g. `venue.grand-hall`; `None` when unmatched.
    pub topic: Option<String>,
    /// A short heading: "Venue", a finding's title.
    pub title: String,
    /// The answer in plain text, complete on its own.
    pub text: String,
    /// How sure the engine is, 0..1.
    pub confidence: f32,
    /// Other topics the question may have meant, best first.
    pub suggestions: Vec<Suggestion>,
    /// Times the answer mentions, for adapters that show them in the reader's own time zone.
    pub times: Vec<TimeFact>,
    /// The place the answer names, with its map link.
    pub place: Option<PlaceFact>,
    /// The knowledge entry the answer comes from.
    pub source: Option<Origin>,
    /// The answer with the structure of the Markdown it quotes (links, code, lists), for adapters that
    /// render it their own way, and the rest of a long text for when the reader asks for more; `text` is
    /// its plain form.
    pub rich: Option<RichAnswer>,
}

/// A topic offered instead of, or besides, the answer.
#[derive(Debug, Clone, PartialEq)]
pub struct Suggestion {
    pub topic: String,
    pub label: String,
    pub confidence: f32,
}

/// The answer to a question as matching read it. `capabilities` says what Usher can answer; it is
/// worked out only for a question no topic matched.
pub fn to_match(
    m: &Match<'_>,
    k: &Knowledge,
    now: Timestamp,
    news: &dyn PostedNews,
    capabilities: impl FnOnce() -> String,
) -> Answer {
    let suggestions: Vec<Suggestion> = m
        .runners_up
        .iter()
        .map(|&(topic, score)| Suggestion {
            topic: topic.key.clone(),
            label: topic.label.clone(),
            confidence: score,
        })
        .collect();
    let replies = reading::replies();
    if let Some(aside) = m.question.aside {
        return declined(replies.aside(aside), &k.event.title, &capabilities());
    }
    if m.question.outside.is_some() {
        return declined(&replies.outside, &k.event.title, &capabilities());
    }
    // "What's on next week?" when the event is not then: nothing the knowledge holds is on then.
    if let Some(period) = m.question.period {
        let span = Span {
            start: k.event.start.timestamp(),
            end: Some(k.event.end.timestamp()),
        };
        if reading::judge(period, &[span], now, &k.event.time_zone) == Some(Judged::No) {
            return declined(&replies.another_time, &k.event.title, &capabilities());
        }
    }
    // A detail many events' knowledge lacks (an email address, parking) is answered only by a topic whose
    // own text names it; any other topic the question matched is merely near it. Unmatched, the reply
    // still says which detail the knowledge does not include.
    if let Some(detail) = &m.question.detail {
        if !m
            .topic
            .is_some_and(|topic| silence::names_detail(topic, detail))
        {
            return declined(&replies.absent(detail), &k.event.title, &capabilities());
        }
    }
    // After the event, how something its report or FAQ speaks of stands now or went since ("is the
    // mission still running?", "has it changed since then?") is beyond the source, written at the event.
    // So does how something other than the event stands now, which the event's time does not answer
    // ("what is the army doing in Peru right now?").
    let of_the_source = m.topic.is_some_and(|topic| {
        topic.speaks_beyond_the_event() || m.question.now_of_another && topic.is_the_events_time()
    });
    let now_asked = m.question.other_time == Some(reading::OtherTime::Now);
    // "What happened to the mission after 2015?" asks of a year after the event's, whenever it is asked.
    let last_year = i32::from(k.event.end.year());
    // A check of the event's own date against a year ("was it after 2014?") is the date's to decide.
    let of_another = m.question.wants == Wants::Fact
        || m.question.wants == Wants::Check && !m.topic.is_some_and(Topic::is_the_events_time);
    let later_year = of_another
        && m.question
            .years
            .iter()
            .any(|&(year, after)| year > last_year || after && year == last_year);
    if later_year || now_asked && of_the_source && now >= k.event.end.timestamp() {
        return declined(&replies.later, &k.event.title, &capabilities());
    }
    // "Which companies ...?" of a source that names none: matching found none to answer.
    if m.unnamed {
        return declined(&replies.unnamed, &k.event.title, &capabilities());
    }
    // "What does ABC stand for?" that no text spells out: matching found none to answer.
    if m.question.needs == Some(reading::Needs::Expansion) && m.topic.is_none() {
        return declined(&replies.unexpanded, &k.event.title, &capabilities());
    }
    let silence = silence::silence(m, k);
    // What the silence answers with instead replaces a topic that was merely near the question.
    let chosen = silence
        .as_ref()
        .and_then(|s| s.instead)
        .or_else(|| m.topic.map(|t| (t, m.confidence)));
    match chosen {
        Some((topic, confidence)) => {
            let tied = silence
                .is_none()
                .then(|| tied_statement(m, topic))
                .flatten();
            let mut suggestions = suggestions;
            suggestions.retain(|s| tied.is_none_or(|t| t.key != s.topic));
            let mut answer = told(topic, m.focus, confidence, suggestions, k, now, news);
            if let Some(silence) = &silence {
                lead_with(&mut answer, &silence.text);
            }
            // Where the source does not give what is asked, a yes or no would be decided by another
            // fact ("is part two on yet?" by the event's times): the answer says what is missing instead.
            let opener = if silence.is_some() {
                None
            } else {
                fills_the_day(m, topic, &answer)
                    .map(Opener::Decides)
                    .or_else(|| opener(m, topic, &answer, k, now))
            };
            if let Some(opener) = &opener {
                open_with(&mut answer, opener);
            }
            // Asked whether the event was about a subject it was not about, where the report speaks of
            // it, the answer says so after the event's own subject.
            let said_no = matches!(&opener, Some(Opener::Decides(no)) if *no == replies.no);
            if let Some(mentioned) = m.mentioned.filter(|_| said_no) {
                let other = told(mentioned, m.focus, confidence, Vec::new(), k, now, news);
                follow_with(
                    &mut answer,
                    &format!("{} {}", replies.mentioned, other.text),
                );
            }
            if let Some(tied) = tied {
                let other = told(tied, m.focus, confidence, Vec::new(), k, now, news);
                follow_with(&mut answer, &other.text);
            }
            answer
        }
        None => unknown(&k.event.title, &capabilities(), suggestions),
    }
}

/// How an answer to a check or a choice opens.
enum Opener {
    /// Words that decide the question ("Yes.", "At 2."), before the fact that decides it.
    Decides(String),
    /// Words that say the source does not answer it ("whether one can still sign up"), before what Usher
    /// can say instead: the answer is then no match.
    Declines(String),
}

/// Puts an opener before the answer; one that declines the question leaves it unmatched.
fn open_with(answer: &mut Answer, opener: &Opener) {
    match opener {
        Opener::Decides(text) => lead_with(answer, text),
        Opener::Declines(text) => {
            lead_with(answer, text);
            answer.matched = false;
            answer.topic = None;
            answer.confidence = 0.0;
        }
    }
}

/// The opener of the answer to a yes-or-no question or a choice, when the answer decides it; the fact
/// follows it either way. A question placing its subject relative to now ("is it today?") is decided by
/// the times of a topic that answers when; any other check by its guess held against the fact; a choice
/// by the one option that the fact does not rule out.
fn opener(
    m: &Match<'_>,
    topic: &Topic,
    answer: &Answer,
    k: &Knowledge,
    now: Timestamp,
) -> Option<Opener> {
    // Most questions ask for a fact: they need neither the answer's clock nor its folded text.
    // Nor does a note that the source does not give what is asked: it cannot say yes, no or which.
    if m.question.wants == Wants::Fact || topic.is_not_given() {
        return None;
    }
    let zone = &k.event.time_zone;
    let clock = clock(answer, zone, m.focus.end);
    let text = fold(&answer.text);
    if let Some(placed) = placed_after_the_event(m, topic) {
        return Some(Opener::Decides(placed));
    }
    match m.question.wants {
        Wants::Fact => None,
        Wants::Choice => choice_opener(m, answer, k, &text, &clock).map(Opener::Decides),
        Wants::Check => match m.question.relation.filter(|_| topic.answers(Intent::When)) {
            Some(relation) => relation_opener(relation, answer, k, now),
            None => check_opener(m, topic, answer, k, now, &text, &clock).map(Opener::Decides),
        },
    }
}

/// The opener of the answer to a choice between options (see [`opener`]).
fn choice_opener(
    m: &Match<'_>,
    answer: &Answer,
    k: &Knowledge,
    text: &str,
    clock: &reading::Clock,
) -> Option<String> {
    let replies = reading::replies();
    let mut fitting = m.question.guesses.iter().filter(|option| {
        reading::verdict(std::slice::from_ref(*option), text, clock) != Verdict::No
    });
    match (fitting.next(), fitting.next()) {
        (Some(option), None) if m.question.guesses.len() > 1 => {
            Some(replies.chosen(&as_written(option, &answer.text)))
        }
        // Named options the fact rules out one and all ("Amsterdam or Rotterdam?" of an event in
        // Utrecht) are answered "Neither", then the fact; times are only ever guessed apart.
        // ... and those it bears out one and all ("the museum or the library?" of their joint event)
        // are answered "Both".
        (first, _)
            if m.question.guesses.len() > 1
                && m.question.guesses.iter().all(|option| {
                    matches!(option.slot, Slot::Place | Slot::Host | Slot::Subject)
                }) =>
        {
            let all = m.question.guesses.iter().all(|option| {
                reading::verdict(std::slice::from_ref(option), text, clock) == Verdict::Yes
            });
            match first {
                None if guesses_an_unknown_place(m, k) => {
                    Some(replies.no_place(&k.event.title, None))
                }
                None => Some(replies.neither.clone()),
                Some(_) if all && m.question.guesses.len() == 2 => Some(replies.both.clone()),
                Some(_) => None,
            }
        }
        _ => None,
    }
}

/// Whether a question opens as a yes-or-no question does ("is ...", "does ..."), before it is read.
pub fn opens_as_check(question: &str) -> bool {
    reading::opens_as_check(&fold(question))
}

/// Whether a question is a yes-or-no question guessing a time and nothing else: "is the closing talk
/// at 6?", "does it start after 1?".
pub fn checks_a_time(m: &Match<'_>) -> bool {
    m.question.wants == Wants::Check
        && !m.question.guesses.is_empty()
        && m.question.guesses.iter().all(|guess| {
            matches!(
                guess.slot,
                Slot::Time | Slot::Before | Slot::After | Slot::Through
            )
        })
}

/// Opens an answer about one session, found by the programme, with whether the time a yes-or-no
/// question guesses is its time: "is the closing talk at 6?" is "Yes." of a talk at 18:00. A question
/// guessing anything else, or a guess its times neither bear out nor rule out, leaves it as it is.
pub fn check_the_time(answer: &mut Answer, m: &Match<'_>, focus: Focus, k: &Knowledge) {
    let question = &m.question;
    if !checks_a_time(m) || answer.times.is_empty() {
        return;
    }
    let clock = clock(answer, &k.event.time_zone, focus.end);
    let replies = reading::replies();
    let opener = match reading::verdict(&question.guesses, &fold(&answer.text), &clock) {
        Verdict::Yes => &replies.yes,
        Verdict::No => &replies.no,
        Verdict::Unsure => return,
    };
    lead_with(answer, opener);
}

/// The opener of the answer to a question placing what a topic of times answers relative to now ("is
/// it today?", "can I still sign up?"), judged by the answer's times and the clock.
fn relation_opener(
    relation: reading::Relation,
    answer: &Answer,
    k: &Knowledge,
    now: Timestamp,
) -> Option<Opener> {
    let replies = reading::replies();
    let spans: Vec<Span> = answer
        .times
        .iter()
        .map(|t| Span {
            start: t.start,
            end: t.end,
        })
        .collect();
    // Whether one can still sign up for an event not yet over is the organisers' to say: the answer
    // says the source does not, before the event's time.
    reading::judge(relation, &spans, now, &k.event.time_zone)
        .map(|judged| {
            Opener::Decides(match judged {
                Judged::Yes => replies.yes.clone(),
                Judged::No => replies.no.clone(),
                Judged::NotYet => replies.not_yet.clone(),
            })
        })
        .or_else(|| {
            (relation == reading::Relation::SignUp && !tells_how_to_sign_up(k))
                .then(|| Opener::Declines(replies.no_sign_up.clone()))
        })
}

/// The opener of the answer to a yes-or-no question that places nothing relative to now (see
/// [`opener`]).
fn check_opener(
    m: &Match<'_>,
    topic: &Topic,
    answer: &Answer,
    k: &Knowledge,
    now: Timestamp,
    text: &str,
    clock: &reading::Clock,
) -> Option<String> {
    let replies = reading::replies();
    // What the event is about is decided only by the event's own description, not by a
    // finding or a session that happens to name the subject: one that speaks of the subject
    // says it was spoken of ("did they talk about rivers at all?"), but one that does not says
    // nothing of what else was.
    let about_subject = m.question.guesses.iter().any(|g| g.slot == Slot::Subject);
    if about_subject
        && topic.entry != Some(<crate::knowledge::Event as crate::knowledge::Kind>::KIND)
    {
        return (reading::verdict(&m.question.guesses, text, clock) == Verdict::Yes)
            .then(|| replies.yes.clone());
    }
    // What the report or an FAQ says is judged by whether it denies a word of the question:
    // "is the ferry new?" of "not a new service" is "No".
    if m.question.guesses.is_empty() && topic.speaks_beyond_the_event() {
        let words: Vec<String> = m.reading.words.iter().map(|w| w.text.clone()).collect();
        return reading::denies(&words, &answer.text).then(|| replies.no.clone());
    }
    // Who hosts it is decided only by an answer about the hosts.
    let answers_who = topic.answers(Intent::Who);
    let about_hosts = m
        .question
        .guesses
        .iter()
        .any(|g| matches!(g.slot, Slot::Host | Slot::SoleHost));
    if m.question.guesses.is_empty() || about_hosts && !answers_who {
        return None;
    }
    if places_the_subject_in_a_region(m) {
        return None;
    }
    if let Some(decided) = still_on_at(m, k, now) {
        return decided;
    }
    // The only host is a guess that more than one host rules out, whoever it names.
    let sole = m.question.guesses.iter().any(|g| g.slot == Slot::SoleHost);
    if sole && k.event.hosts.len() > 1 {
        return Some(replies.no.clone());
    }
    // A sponsor's entry answering "is there financial support behind it?" says nothing of hosting: a
    // check about the hosts is decided only by an answer about them.
    if about_hosts && !topic.is_about_the_hosts() {
        return None;
    }
    match reading::verdict(&m.question.guesses, text, clock) {
        Verdict::Yes => Some(replies.yes.clone()),
        Verdict::No if guesses_an_unknown_place(m, k) => {
            Some(replies.no_place(&k.event.title, None))
        }
        Verdict::No => Some(replies.no.clone()),
        Verdict::Unsure => None,
    }
}

/// Whether a question guesses a place where the knowledge says of no venue where it is (no address, city
/// or country: an export that names only rooms). "Is it in Lima?" is then neither yes nor no: the venue's
/// text lacking the city says nothing of it, and the answer says the source does not say where it is.
fn guesses_an_unknown_place(m: &Match<'_>, k: &Knowledge) -> bool {
    let places = m.question.guesses.iter().any(|g| g.slot == Slot::Place);
    let located = k
        .venues()
        .iter()
        .any(|v| v.address.is_some() || v.city.is_some() || v.country.is_some());
    places && !located
}

/// How long a day of the event must last to fill the day: six hours.
const FULL_DAY_SECONDS: i64 = 6 * 60 * 60;

/// "Was it an all-day thing?", checked of the event's time: a day of it lasting six hours or more fills
/// the day.
fn fills_the_day(m: &Match<'_>, topic: &Topic, answer: &Answer) -> Option<String> {
    let words: Vec<String> = m.reading.words.iter().map(|w| w.text.clone()).collect();
    if m.question.wants != Wants::Check
        || !topic.is_the_events_time()
        || !reading::asks_all_day(&words)
    {
        return None;
    }
    let full_day = answer.times.iter().any(|t| {
        t.end
            .is_some_and(|end| end.as_second() - t.start.as_second() >= FULL_DAY_SECONDS)
    });
    let replies = reading::replies();
    Some(if full_day {
        replies.yes.clone()
    } else {
        replies.no.clone()
    })
}

/// What follows the event is after it: "was the reception before the seminar?" is "No.", "before or
/// after?" is "After.". "Was there a dinner after it?" is not "Yes.": what follows may not be that. A
/// guessed time or a relation to now ("before 6?", "has it started yet?") is judged by the clock instead.
fn placed_after_the_event(m: &Match<'_>, topic: &Topic) -> Option<String> {
    if topic.key != FOLLOW_UP
        || m.question.wants == Wants::Fact
        || !m.question.guesses.is_empty()
        || m.question.relation.is_some()
    {
        return None;
    }
    let replies = reading::replies();
    let words: Vec<String> = m.reading.words.iter().map(|w| w.text.clone()).collect();
    match reading::order_asked(&words)? {
        reading::Order::Before if m.question.wants == Wants::Check => Some(replies.no.clone()),
        reading::Order::Either(after) => Some(replies.chosen(&reading::Guess {
            words: vec![after],
            slot: Slot::Time,
        })),
        _ => None,
    }
}

/// Whether the knowledge says anything of signing up: its event's description or an FAQ names it. An
/// event that does is not said to give no details of it.
fn tells_how_to_sign_up(k: &Knowledge) -> bool {
    std::iter::once(&k.event.description)
        .chain(k.faqs().iter().flat_map(|faq| {
            [&faq.question, &faq.answer]
                .into_iter()
                .chain(&faq.alternatives)
                .chain(&faq.keywords)
        }))
        .any(|text| reading::names_signing_up(text))
}

/// Whether a guessed subject is placed in a region of the world ("about dams in Africa?"): of a subject
/// in one of its countries, that is neither yes nor no.
fn places_the_subject_in_a_region(m: &Match<'_>) -> bool {
    m.question.guesses.iter().any(|g| {
        g.slot == Slot::Subject
            && g.words.iter().rposition(|w| w == "in").is_some_and(|at| {
                crate::matching::places::names_a_region(&g.words[at + 1..].join(" "))
            })
    })
}

/// "Is it still on at 5?" asks of 5 o'clock today: once the event is over, no; before its day, neither
/// (the answer says when it is). `None` for any other question, and on the event's day, when the time is
/// held against its end.
#[allow(clippy::option_option)]
fn still_on_at(m: &Match<'_>, k: &Knowledge, now: Timestamp) -> Option<Option<String>> {
    let still = m.reading.words.iter().any(|w| w.text == "still");
    if !still || !m.question.guesses.iter().any(|g| g.slot == Slot::Through) {
        return None;
    }
    let zone = &k.event.time_zone;
    // "Was it still going at 5?" asks of the event's day, which its end decides; "is it still on at
    // 5?" of today, when it is over.
    let words: Vec<String> = m.reading.words.iter().map(|w| w.text.clone()).collect();
    if reading::asks_of_the_past(&words) {
        return None;
    }
    if now >= k.event.end.timestamp() {
        return Some(Some(reading::replies().no.clone()));
    }
    let today = now.to_zoned_datetime(zone.clone()).date();
    (today < k.event.start.date()).then_some(None)
}

/// A named option as the answer writes it ("The Bronx" for "the bronx", "UN" for "un"), so that the
/// opener naming it reads as the answer does; as typed where the answer has its words apart.
fn as_written(option: &reading::Guess, text: &str) -> reading::Guess {
    if matches!(option.slot, Slot::Place | Slot::Host | Slot::Subject) {
        let words: Vec<&str> = text
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .collect();
        let n = option.words.len();
        if let Some(at) = words
            .windows(n)
            .position(|window| window.iter().zip(&option.words).all(|(a, b)| fold(a) == *b))
        {
            // A capital "The" before it is part of the name ("The Bronx").
            let from = if at > 0 && words[at - 1] == "The" {
                at - 1
            } else {
                at
            };
            return reading::Guess {
                words: words[from..at + n]
                    .iter()
                    .map(|w| (*w).to_string())
                    .collect(),
                slot: option.slot,
            };
        }
    }
    option.clone()
}

/// The answer's times on the clock and calendar of the event's zone, for holding a guess against them;
/// `ends` says whether the question asks about the end.
fn clock(answer: &Answer, zone: &TimeZone, ends: bool) -> reading::Clock {
    let minutes = |t: Timestamp| {
        let z = t.to_zoned_datetime(zone.clone());
        i32::from(z.hour()) * 60 + i32::from(z.minute())
    };
    reading::Clock {
        spans: answer
            .times
            .iter()
            .map(|t| (minutes(t.start), t.end.map(minutes)))
            .collect(),
        ends,
        days: answer
            .times
            .iter()
            .flat_map(|t| {
                let first = t.start.to_zoned_datetime(zone.clone()).date();
                let last = t
                    .end
                    .map_or(first, |end| end.to_zoned_datetime(zone.clone()).date());
                // A time over days covers each of them; a month of them is more than any event runs.
                first
                    .series(jiff::Span::new().days(1))
                    .take_while(move |d| *d <= last)
                    .take(31)
            })
            .collect(),
        over_days: answer.times.iter().any(|t| {
            t.end.is_some_and(|end| {
                end.to_zoned_datetime(zone.clone()).date()
                    != t.start.to_zoned_datetime(zone.clone()).date()
            })
        }),
    }
}

/// A finding or FAQ that fits the question exactly as well as the one answered: which of the two comes
/// first decides nothing about the question, so both are told ("does the country have the resources it
/// wants": the usual motives, and how little this country offers them; what an abbreviation stands for,
/// and what the report says of what it names).
fn tied_statement<'m>(m: &Match<'m>, topic: &Topic) -> Option<&'m Topic> {
    let finding = Some(<crate::knowledge::Finding as crate::knowledge::Kind>::KIND);
    let faq = Some(<crate::knowledge::Faq as crate::knowledge::Kind>::KIND);
    let said = |t: &Topic| t.entry == finding || t.entry == faq;
    let &(other, score) = m.runners_up.first()?;
    (said(topic) && said(other) && score >= m.confidence * 0.97).then_some(other)
}

/// The answer followed by another paragraph.
fn follow_with(answer: &mut Answer, paragraph: &str) {
    answer.text = format!("{}\n\n{paragraph}", answer.text);
    if let Some(rich) = &mut answer.rich {
        rich.body
            .append_inline(crate::markdown::Rich::text(format!("\n\n{paragraph}")));
    }
}

/// Puts `opening` before the answer's text, plain and rich alike, so that no adapter drops it.
fn lead_with(answer: &mut Answer, opening: &str) {
    answer.text = format!("{opening} {}", answer.text);
    if let Some(rich) = &mut answer.rich {
        let mut body = crate::markdown::Rich::text(format!("{opening} "));
        body.append_inline(std::mem::take(&mut rich.body));
        rich.body = body;
    }
}

/// A reply that is not about the event (a remark's, or one to a question outside any knowledge): its
/// opener, then what Usher can answer about `event`. Nothing from the knowledge is claimed, so it is not a
/// match.
fn declined(opener: &str, event: &str, capabilities: &str) -> Answer {
    Answer {
        matched: false,
        topic: None,
        title: opener.to_string(),
        text: format!("{opener} I can answer questions about {event}: {capabilities}."),
        confidence: 0.0,
        suggestions: Vec::new(),
        times: Vec::new(),
        place: None,
        source: None,
        rich: None,
    }
}

/// The answer about one topic, chosen directly (a suggestion button, a slash command) or picked among
/// some; `confidence` is how sure the choice is.
pub fn to_topic(
    topic: &Topic,
    confidence: f32,
    k: &Knowledge,
    now: Timestamp,
    news: &dyn PostedNews,
) -> Answer {
    told(
        topic,
        Focus::default(),
        confidence,
        Vec::new(),
        k,
        now,
        news,
    )
}

fn told(
    topic: &Topic,
    focus: Focus,
    confidence: f32,
    suggestions: Vec<Suggestion>,
    k: &Knowledge,
    now: Timestamp,
    news: &dyn PostedNews,
) -> Answer {
    let rendered = topic.subject.render(&Writer::new(k, now, focus, news));
    Answer {
        matched: true,
        topic: Some(topic.key.clone()),
        title: rendered.title,
        text: rendered.text,
        confidence,
        suggestions,
        times: rendered.times,
        place: rendered.place,
        source: rendered.source,
        rich: rendered.rich,
    }
}

/// A list of the programme (`programme` module) as an answer.
pub fn listed(rendered: Rendered, confidence: f32) -> Answer {
    Answer {
        matched: true,
        topic: Some("event.programme".to_string()),
        title: rendered.title,
        text: rendered.text,
        confidence,
        suggestions: Vec::new(),
        times: rendered.times,
        place: rendered.place,
        source: rendered.source,
        rich: rendered.rich,
    }
}

/// "I don't know that", what Usher can answer about `event`, and the topics the question may have meant.
fn unknown(event: &str, capabilities: &str, suggestions: Vec<Suggestion>) -> Answer {
    let mut text =
        format!("I don't know that. I can answer questions about {event}: {capabilities}.");
    if !suggestions.is_empty() {
        let labels: Vec<String> = suggestions.iter().map(|s| s.label.clone()).collect();
        let labels = labels.join("; ");
        // A label that is itself a question ("Is there a cloakroom?") already ends the sentence.
        let end = if labels.ends_with('?') { "" } else { "?" };
        let _ = write!(text, " Did you mean: {labels}{end}");
    }
    Answer {
        matched: false,
        topic: None,
        title: "I don't know that".to_string(),
        text,
        confidence: 0.0,
        suggestions,
        times: Vec::new(),
        place: None,
        source: None,
        rich: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn suggestion(label: &str) -> Suggestion {
        Suggestion {
            topic: "faq.x".to_string(),
            label: label.to_string(),
            confidence: 0.3,
        }
    }

    #[test]
    fn suggestions_end_with_one_question_mark() {
        let asked = unknown(
            "the event",
            "the venue",
            vec![suggestion("Is there a cloakroom?")],
        );
        assert!(
            asked.text.ends_with("Did you mean: Is there a cloakroom?"),
            "{}",
            asked.text
        );
        let named = unknown("the event", "the venue", vec![suggestion("Programme")]);
        assert!(
            named.text.ends_with("Did you mean: Programme?"),
            "{}",
            named.text
        );
    }
}
