//! The engine: the one door every adapter (the command line, Discord, live reload) uses to the core.
//!
//! It holds a knowledge base with its index and passes each request along the core's one direction:
//! `knowledge` (the checked model) -> `matching` (question -> [`Match`]) -> `answer` (match + knowledge +
//! now -> [`Answer`]). It owns what every adapter shares, so that all of them answer alike: the news
//! policy, the words for what Usher can answer, the suggestions while someone types, and the explanation
//! of how a question was read.
//!
//! # The news
//!
//! One rule, wherever a question is asked: an adapter that keeps a state store passes it (as
//! [`PostedNews`]), and the news is what that store says was posted. The store holds one installation's
//! announcements, all about the one event its knowledge describes, so what it says was posted is the news
//! wherever in that installation the question was asked (a server channel, a direct message, the terminal
//! on the same data directory). Only an adapter with no store passes `None`, and then the knowledge's own
//! announcements that have fallen due stand in for what would have been posted. Either is read only when
//! a question is about the news.

use std::fmt::Write as _;
use std::path::Path;
use std::sync::Arc;

use jiff::Timestamp;

use crate::answer::{self, Answer, NewsItem};
use crate::knowledge::{self, EntryKind, Kind, Knowledge, LoadError, Session};
use crate::matching::{Match, Matcher, Reading, fold};
use crate::programme::{Order, Programme, Query, Reply};
use crate::topics::Topic;
use crate::topics::prose::and_list;

pub use crate::matching::Thresholds;
pub use crate::programme::{Facet, Filter, Unknown, Window};
pub use crate::topics::PostedNews;

/// Knowledge with its index: everything needed to answer, built once and shared read-only.
#[derive(Debug)]
pub struct Engine {
    knowledge: Arc<Knowledge>,
    matcher: Matcher,
    programme: Programme,
}

/// An engine loaded from a directory, with the warnings found while checking it.
#[derive(Debug)]
pub struct Built {
    pub engine: Engine,
    pub warnings: Vec<knowledge::Diagnostic>,
}

/// Where the news comes from, by the rule in the module documentation.
enum News<'a> {
    /// What the adapter's store says was posted.
    Posted(&'a dyn PostedNews),
    /// No store: the knowledge's own announcements that are due by `now`.
    Scheduled(&'a Knowledge, Timestamp),
}

impl PostedNews for News<'_> {
    fn latest(&self, limit: usize) -> Vec<NewsItem> {
        match self {
            News::Posted(store) => store.latest(limit),
            News::Scheduled(k, now) => {
                let mut due: Vec<NewsItem> = k
                    .announcements()
                    .iter()
                    .filter(|a| a.at <= *now)
                    .map(|a| NewsItem {
                        text: a.text.clone(),
                        at: a.at,
                    })
                    .collect();
                due.sort_by_key(|item| std::cmp::Reverse(item.at));
                due.truncate(limit);
                due
            }
        }
    }
}

impl Engine {
    /// Loads, validates and indexes the knowledge in `dir`: the one way knowledge goes live.
    pub fn load(dir: &Path, thresholds: Thresholds) -> Result<Built, LoadError> {
        let knowledge::Checked {
            knowledge,
            mut diagnostics,
        } = knowledge::load(dir)?;
        let Some(knowledge) = knowledge else {
            return Err(LoadError::Invalid(diagnostics));
        };
        // The index's own check runs even when validation found errors, so every problem is reported at
        // once; the engine is used only if there are none. The programme is built beside the index, on a
        // thread of its own, since neither needs the other and a large programme takes both a while.
        let (matcher, programme) = std::thread::scope(|scope| {
            let programme =
                scope.spawn(|| Programme::build(&knowledge, crate::lexicon::Lexicon::builtin()));
            let matcher = Matcher::build(&knowledge, thresholds);
            let programme = programme
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
            (matcher, programme)
        });
        diagnostics.extend(matcher.unmatchable());
        knowledge::sort(&mut diagnostics);
        if diagnostics.iter().any(knowledge::Diagnostic::is_error) {
            return Err(LoadError::Invalid(diagnostics));
        }
        Ok(Built {
            engine: Engine {
                knowledge: Arc::new(knowledge),
                matcher,
                programme,
            },
            warnings: diagnostics,
        })
    }

    pub fn knowledge(&self) -> &Knowledge {
        &self.knowledge
    }

    pub fn knowledge_arc(&self) -> Arc<Knowledge> {
        Arc::clone(&self.knowledge)
    }

    pub fn topics(&self) -> &[Topic] {
        self.matcher.topics()
    }

    fn news<'a>(&'a self, now: Timestamp, posted: Option<&'a dyn PostedNews>) -> News<'a> {
        posted.map_or(News::Scheduled(&self.knowledge, now), News::Posted)
    }

    /// Answers a question as of `now`. `posted` is the adapter's store, if it keeps one (see the module
    /// documentation); it is read only if the question is about the news.
    pub fn answer(
        &self,
        question: &str,
        now: Timestamp,
        posted: Option<&dyn PostedNews>,
    ) -> Answer {
        // A question made only of programme words ("what's next in room 12") is answered from the
        // programme; any other is read against the topics.
        if let Some(query) = self.programme.read(question, now) {
            let reply = self.programme.answer(&self.knowledge, &query, now);
            // "Is the closing talk at 6?": the reading of the question says what time it guesses, which
            // the session's times bear out or not. The session is the one the programme finds, or the
            // one the question names, where the programme lists what is on at the time guessed.
            let m = answer::opens_as_check(question).then(|| self.matcher.read(question));
            let checked = m.as_ref().filter(|m| answer::checks_a_time(m));
            let reply = match (reply, checked.and_then(|m| m.topic)) {
                (Reply::List(_), Some(topic))
                    if topic.entry == Some(Session::KIND)
                        && names_the_title(
                            question,
                            &self.knowledge.sessions()[topic.subject.index()].title,
                        ) =>
                {
                    Reply::Session(topic.subject.index())
                }
                (reply, _) => reply,
            };
            let one_session = matches!(reply, Reply::Session(_));
            let mut answer = self.programme_reply(reply, now, posted);
            if let Some(m) = checked.filter(|_| one_session) {
                let focus = self.matcher.focus_beside(question, &answer.title);
                answer::check_the_time(&mut answer, m, focus, &self.knowledge);
            }
            return answer;
        }
        let m = self.matcher.read(question);
        // Several sessions answering alike ("is there anything on scheduling?") are listed together.
        // A detail many events' knowledge lacks (an email address, parking) is not answered by a list of
        // sessions that do not name it.
        let lacks_detail = m.question.detail.as_deref().is_some_and(|detail| {
            !m.several
                .iter()
                .any(|topic| answer::names_detail(topic, detail))
        });
        if !m.several.is_empty() && !lacks_detail {
            let sessions: Vec<usize> = m.several.iter().map(|t| t.subject.index()).collect();
            return answer::listed(
                self.programme.sessions(&self.knowledge, &sessions, now),
                m.confidence,
            );
        }
        self.answer_match(&m, now, posted)
    }

    /// The programme, for an adapter's filter choices (days, rooms, kinds and tracks).
    pub fn programme(&self) -> &Programme {
        &self.programme
    }

    /// The sessions a command's filters ask for (`/programme day: room: track: speaker:`): the answer
    /// `answer` gives a question that asks for the same.
    pub fn programme_list(&self, filter: &Filter, now: Timestamp) -> Answer {
        self.programme_page(filter, now, Window::FIRST).0
    }

    /// The lines `window` asks for of the answer to a command's filters, and how many lines the whole
    /// list has: a follow-up pages through a long list with it. One session, held once, is answered
    /// with everything about it, as a question asking for it is.
    pub fn programme_page(
        &self,
        filter: &Filter,
        now: Timestamp,
        window: Window,
    ) -> (Answer, usize) {
        let query = Query {
            order: Order::All,
            filter: filter.clone(),
            ..Query::default()
        };
        let (reply, lines) = self
            .programme
            .answer_window(&self.knowledge, &query, now, window);
        (self.programme_reply(reply, now, None), lines)
    }

    /// The values of a list's filter (days, rooms, tracks and kinds, speakers) that match what someone is
    /// typing, best first, at most `limit`.
    pub fn programme_choices(&self, facet: Facet, typed: &str, limit: usize) -> Vec<String> {
        self.programme.suggest(facet, typed, limit)
    }

    /// The filter that the values a command was given ask for, or the first value that names nothing on
    /// the programme, with what does.
    pub fn programme_filter(&self, chosen: &[(Facet, &str)]) -> Result<Filter, Unknown> {
        let mut filter = Filter::default();
        for (facet, typed) in chosen {
            self.programme.narrow(&mut filter, *facet, typed)?;
        }
        Ok(filter)
    }

    fn programme_reply(
        &self,
        reply: Reply,
        now: Timestamp,
        posted: Option<&dyn PostedNews>,
    ) -> Answer {
        match reply {
            Reply::Session(i) => {
                let key = format!("session.{}", self.knowledge.sessions()[i].id);
                self.answer_topic(&key, now, posted).unwrap_or_else(|| {
                    answer::listed(
                        self.programme
                            .list(&self.knowledge, &Filter::default(), now),
                        1.0,
                    )
                })
            }
            Reply::List(rendered) => answer::listed(*rendered, 1.0),
        }
    }

    fn answer_match(
        &self,
        m: &Match<'_>,
        now: Timestamp,
        posted: Option<&dyn PostedNews>,
    ) -> Answer {
        answer::to_match(m, &self.knowledge, now, &self.news(now, posted), || {
            self.capabilities()
        })
    }

    /// Answers a topic chosen directly (a suggestion button, a slash command); `None` if the knowledge
    /// has no topic with that key (it was reloaded since the choice was offered).
    pub fn answer_topic(
        &self,
        key: &str,
        now: Timestamp,
        posted: Option<&dyn PostedNews>,
    ) -> Option<Answer> {
        let topic = self.matcher.topic(key)?;
        Some(answer::to_topic(
            topic,
            1.0,
            &self.knowledge,
            now,
            &self.news(now, posted),
        ))
    }

    /// The best topic of one kind of entry (such as findings only) for a question, if one matches well
    /// enough to answer.
    pub fn answer_among(
        &self,
        question: &str,
        now: Timestamp,
        kind: EntryKind,
        posted: Option<&dyn PostedNews>,
    ) -> Option<Answer> {
        let (topic, score) = self
            .matcher
            .best_among(question, |t| t.entry == Some(kind))?;
        Some(answer::to_topic(
            topic,
            score,
            &self.knowledge,
            now,
            &self.news(now, posted),
        ))
    }

    /// Topic labels for what someone is typing: labels containing the text first, then topics the text
    /// matches, at most `limit`. With nothing typed, the event's own topics.
    pub fn suggest(&self, partial: &str, limit: usize) -> Vec<String> {
        let wanted = fold(partial.trim());
        let mut labels: Vec<String> = Vec::new();
        let mut push = |label: &str| {
            if labels.len() < limit && !labels.iter().any(|l| l == label) {
                labels.push(label.to_string());
            }
        };
        for topic in self.topics() {
            if fold(&topic.label).contains(&wanted) {
                push(&topic.label);
            }
        }
        if !wanted.is_empty() {
            let index = self.matcher.index();
            for s in self.matcher.analyse(partial, limit).ranked {
                push(&index.topic(s.topic).label);
            }
        }
        labels
    }

    /// What Usher can answer, in words: "the date and time, the venue, ... and the report's 22 findings".
    pub fn capabilities(&self) -> String {
        let k = &self.knowledge;
        let mut parts = vec!["the date and time".to_string()];
        if k.event.follow_up.is_some() {
            parts.push("what follows it".to_string());
        }
        if k.event.venue.is_some() || !k.venues().is_empty() {
            parts.push("the venue".to_string());
        }
        if !k.hosts().is_empty() {
            parts.push("the hosts".to_string());
        }
        if !k.sessions().is_empty() {
            // "Sessions", not "programme": an event may belong to a programme of its own (an initiative
            // of that kind), and one word must not name both.
            parts.push("the sessions".to_string());
        }
        parts.push("the speakers".to_string());
        if !k.initiatives().is_empty() || !k.supporters().is_empty() {
            // The knowledge's own words for what the event is part of: "the project and programme".
            let mut kinds: Vec<String> = Vec::new();
            for initiative in k.initiatives() {
                if !kinds.contains(&initiative.kind) {
                    kinds.push(initiative.kind.clone());
                }
            }
            parts.push(if kinds.is_empty() {
                "its supporters".to_string()
            } else {
                format!("the {} it is part of and its supporters", and_list(&kinds))
            });
        }
        if k.report().is_some() {
            parts.push(format!("the report's {} findings", k.findings().len()));
        }
        if !k.faqs().is_empty() {
            parts.push("some frequently asked questions".to_string());
        }
        and_list(&parts)
    }

    /// For maintainers: how a question was read and scored, and the answer it gets (with the knowledge's
    /// own announcements as the news).
    pub fn explain(&self, question: &str, now: Timestamp) -> String {
        let m = self.matcher.read(question);
        let reading = &m.reading;
        let index = self.matcher.index();
        let mut out = String::new();
        let words: Vec<String> = reading
            .words
            .iter()
            .map(|w| match &w.typed {
                Some(typed) => format!("{typed}->{} ({:.2})", w.text, w.similarity),
                None => w.text.clone(),
            })
            .collect();
        let _ = writeln!(out, "words:      {}", words.join(" "));
        let corrections: Vec<String> = reading
            .words
            .iter()
            .filter_map(|w| w.typed.as_ref().map(|t| format!("{t} -> {}", w.text)))
            .collect();
        let _ = writeln!(
            out,
            "fuzzy:      {}",
            if corrections.is_empty() {
                "(none)".to_string()
            } else {
                corrections.join(", ")
            }
        );
        if let Some(clause) = &reading.clause {
            let _ = writeln!(
                out,
                "clause:     \"{clause}\" (read on its own, it answers better than the whole)"
            );
        }
        let _ = writeln!(out, "tokens:");
        for t in &reading.tokens {
            let read_as = match &t.reading {
                Reading::Known(_) if t.cover > 0.0 => {
                    format!("known, names the event (covered {:.2})", t.cover)
                }
                Reading::Known(term) => {
                    format!("known, in {} topic(s)", index.postings(*term).len())
                }
                Reading::Intent(intent, _) => format!("intent {}", intent.name()),
                Reading::Unknown => "unknown to the knowledge".to_string(),
            };
            let _ = writeln!(
                out,
                "  {:<20} from {:<22} weight {:.2}  {read_as}",
                t.token.text,
                format!("\"{}\"", t.token.source),
                t.weight
            );
        }
        let _ = writeln!(out, "candidates:");
        for s in &reading.ranked {
            let topic = index.topic(s.topic);
            let _ = writeln!(out, "  {:.3}  {:<40} {}", s.score, topic.key, topic.label);
        }
        let answer = self.answer_match(&m, now, None);
        let t = self.matcher.thresholds();
        let _ = writeln!(
            out,
            "answer:     {} (confidence {:.2}, thresholds: answer {:.2}, margin {:.2}, sure {:.2})",
            answer.topic.as_deref().unwrap_or("none: I don't know"),
            answer.confidence,
            t.answer,
            t.margin,
            t.sure
        );
        let _ = writeln!(out, "{}", answer.text);
        out
    }
}

/// Whether a question names a session by its title: it has at least half of the title's words of three
/// letters or more ("is the river panel at 10:30?" of "River panel"). "Is there a panel at 10:30?" names
/// a kind of session, of which several may be on.
fn names_the_title(question: &str, title: &str) -> bool {
    let words = |text: &str| -> Vec<String> {
        crate::matching::fold(text)
            .split(|c: char| !c.is_alphanumeric())
            .filter(|word| word.len() >= 3)
            .map(str::to_string)
            .collect()
    };
    let asked = words(question);
    let named = words(title);
    let found = named.iter().filter(|word| asked.contains(word)).count();
    !named.is_empty() && found * 2 >= named.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn capabilities_name_the_sessions_and_what_the_event_is_part_of_apart() {
        let engine = engine_of(
            r#"
[event]
id = "forum"
title = "Water Forum"
kind = "Forum"
description = "A forum on water."
time_zone = "Europe/Amsterdam"
start = 2026-06-01T09:00:00
end = 2026-06-01T17:00:00
part_of = "delta"

[[initiative]]
id = "delta"
name = "Delta Programme"
kind = "programme"
description = "A programme on deltas."

[[session]]
id = "opening"
title = "Opening"
"#,
        );
        let said = engine.capabilities();
        assert!(said.contains("the sessions"), "{said}");
        assert!(
            said.contains("the programme it is part of and its supporters"),
            "{said}"
        );
        assert_eq!(said.matches("programme").count(), 1, "{said}");
    }

    #[test]
    fn a_check_of_what_the_event_is_about_is_answered_from_its_description() {
        let engine = engine_of(
            r#"
[event]
id = "forum"
title = "Water Forum"
kind = "Forum"
description = "A forum on rivers and droughts."
time_zone = "Europe/Amsterdam"
start = 2026-06-01T09:00:00
end = 2026-06-01T17:00:00
"#,
        );
        let yes = engine.answer("is the forum about droughts?", at(), None);
        assert!(yes.text.starts_with("Yes."), "{}", yes.text);
        // A subject the knowledge never mentions is no part of it: the answer says so, with the subject.
        let no = engine.answer("is the forum about piracy?", at(), None);
        assert!(no.matched, "{}", no.text);
        assert!(no.text.starts_with("No."), "{}", no.text);
        assert!(no.text.contains("rivers and droughts"), "{}", no.text);
        // Asking whether there is a talk about it is a question about the programme, not a check.
        let talk = engine.answer("is there a talk about piracy?", at(), None);
        assert!(!talk.text.starts_with("No."), "{}", talk.text);
    }

    /// An engine over knowledge written as one TOML text.
    fn engine_of(text: &str) -> Engine {
        let k = knowledge::from_text(text);
        Engine {
            matcher: Matcher::build(&k, Thresholds::default()),
            programme: Programme::build(&k, crate::lexicon::Lexicon::builtin()),
            knowledge: Arc::new(k),
        }
    }

    /// An event whose evening social is at a stadium in a park, reached by a shuttle.
    fn social() -> Engine {
        engine_of(
            r#"
[event]
id = "forum"
title = "Water Forum"
time_zone = "Europe/Amsterdam"
start = 2026-06-01T09:00:00
end = 2026-06-01T22:00:00
venue = "hall"

[[venue]]
id = "hall"
name = "Grand Hall"
address = "Main Street 1"
city = "Utrecht"

[[speaker]]
id = "ada"
name = "Ada Lovelace"
bio = "Ada Lovelace writes about engines."

[[session]]
id = "social"
title = "Evening social at Riverside Park"
speakers = ["ada"]
start = 2026-06-01T18:00:00
end = 2026-06-01T21:00:00
summary = "Drinks and a tour of the stadium."
description = "Meet your colleagues over drinks. Shuttle buses leave the Grand Hall at 17:45 for Riverside Park. A guided tour of the stadium follows."
"#,
        )
    }

    fn at() -> Timestamp {
        "2026-06-01T08:00:00Z".parse().expect("a timestamp")
    }

    #[test]
    fn how_to_get_to_a_session_is_told_from_its_description() {
        let engine = social();
        let way = engine.answer("how do we get to riverside park?", at(), None);
        assert_eq!(way.topic.as_deref(), Some("session.social"), "{}", way.text);
        assert!(way.text.contains("Shuttle buses leave"), "{}", way.text);
        // A question that does not ask the way is told the summary only.
        let what = engine.answer("what is the evening social?", at(), None);
        assert!(!what.text.contains("Shuttle"), "{}", what.text);
    }

    #[test]
    fn a_detail_the_knowledge_lacks_is_not_answered_by_a_topic_near_it() {
        let engine = social();
        // "Parking" is not "Riverside Park", and a speaker's entry has no email address: each is declined,
        // saying what the knowledge does not include.
        for question in [
            "is there parking at riverside park?",
            "what is ada lovelace's email address?",
        ] {
            let said = engine.answer(question, at(), None);
            assert!(!said.matched, "{question}: {}", said.text);
            assert!(said.text.contains("does not include"), "{}", said.text);
        }
        // Asked without the detail, the same topics answer.
        assert!(engine.answer("who is ada lovelace?", at(), None).matched);
    }

    #[test]
    fn a_detail_is_answered_by_a_topic_that_names_it() {
        let engine = engine_of(
            r#"
[event]
id = "forum"
title = "Water Forum"
time_zone = "Europe/Amsterdam"
start = 2026-06-01T09:00:00
end = 2026-06-01T22:00:00

[[faq]]
id = "parking"
question = "Can I park at the venue?"
answer = "Parking is free in the garage under the hall."
"#,
        );
        let said = engine.answer("is there parking at the venue?", at(), None);
        assert_eq!(said.topic.as_deref(), Some("faq.parking"), "{}", said.text);
    }

    #[test]
    fn public_transport_is_answered_by_directions_that_give_it_and_declined_otherwise() {
        let event = r#"
[event]
id = "forum"
title = "Water Forum"
time_zone = "Europe/Amsterdam"
start = 2026-06-01T09:00:00
end = 2026-06-01T17:00:00
"#;
        let venue = |directions: &str| {
            format!(
                "{event}\n[[venue]]\nid = \"hall\"\nname = \"River Hall\"\naddress = \"Kade 1\"\ncity = \"Utrecht\"\n{directions}"
            )
        };
        let question = "can I get to the venue by tram from the central station?";
        let told = engine_of(&venue("directions = \"Take tram 22 to the Kade stop.\"\n"));
        let said = told.answer(question, at(), None);
        assert!(
            said.matched && said.text.contains("tram 22"),
            "{}",
            said.text
        );
        // A venue's address alone gives no route: the reply says what the knowledge lacks.
        let untold = engine_of(&venue(""));
        let said = untold.answer(question, at(), None);
        assert!(!said.matched, "{}", said.text);
        assert!(said.text.contains("public transport"), "{}", said.text);
        // A train mentioned beside another question does not ask for directions.
        let said = untold.answer("when does it end, I have a train to catch", at(), None);
        assert!(said.matched && said.text.contains("17:00"), "{}", said.text);
    }

    #[test]
    fn a_keyword_made_of_stop_words_is_matched_whole() {
        let engine = engine_of(
            r#"
[event]
id = "forum"
title = "Water Forum"
time_zone = "Europe/Amsterdam"
start = 2026-06-01T09:00:00
end = 2026-06-01T17:00:00

[report]
title = "Report"
summary = "What the forum found."

[[finding]]
id = "ambition"
title = "Cities will invest further"
text = "The cities plan to invest further in their rivers."
keywords = ["do more"]

[[finding]]
id = "deltas"
title = "Deltas are sinking"
text = "The deltas are sinking faster than the sea rises."
"#,
        );
        let said = engine.answer("will they do more?", at(), None);
        assert_eq!(
            said.topic.as_deref(),
            Some("finding.ambition"),
            "{}",
            said.text
        );
    }

    #[test]
    fn a_definition_of_several_words_is_answered_by_a_text_saying_what_they_are() {
        let engine = engine_of(
            r#"
[event]
id = "forum"
title = "Water Forum"
time_zone = "Europe/Amsterdam"
start = 2026-06-01T09:00:00
end = 2026-06-01T17:00:00

[report]
title = "Report"
summary = "What the forum found."

[[finding]]
id = "law"
title = "Rules for rivers"
text = "The rule of law is the principle that water boards answer to courts."

[[finding]]
id = "sediment"
title = "Sediment"
text = "The cities worry about sediment transport in their harbours."
"#,
        );
        let law = engine.answer("define rule of law", at(), None);
        assert_eq!(law.topic.as_deref(), Some("finding.law"), "{}", law.text);
        // A text that only uses the words does not say what they are.
        let sediment = engine.answer("define sediment transport pls", at(), None);
        assert!(!sediment.matched, "{}", sediment.text);
        let explained = engine.answer("explain sediment transport in simple terms", at(), None);
        assert!(!explained.matched, "{}", explained.text);
    }

    #[test]
    fn a_one_day_event_says_its_short_name_and_counts_its_day() {
        let engine = engine_of(
            r#"
[event]
id = "forum"
title = "Water Forum"
short_name = "wf26"
time_zone = "Europe/Amsterdam"
start = 2026-06-01T09:00:00
end = 2026-06-01T22:00:00
days = [2026-06-01]
"#,
        );
        let short = engine.answer("what's the event acronym?", at(), None);
        assert_eq!(
            short.topic.as_deref(),
            Some("event.short-name"),
            "{}",
            short.text
        );
        assert!(short.text.contains("wf26"), "{}", short.text);
        let days = engine.answer("how many days is it?", at(), None);
        assert!(days.text.contains("one day (13 hours)"), "{}", days.text);
    }

    /// A three-day congress from Monday 1 June 2026, 09:00, to Wednesday 3 June, 17:00, hosted by two
    /// societies.
    fn congress() -> Engine {
        engine_of(
            r#"
[event]
id = "congress"
title = "Delta Congress"
kind = "congress"
description = "A congress on river deltas."
time_zone = "Europe/Amsterdam"
start = 2026-06-01T09:00:00
end = 2026-06-03T17:00:00
hosts = ["rivers", "coasts"]

[[host]]
id = "rivers"
name = "Rivers Society"
description = "The Rivers Society studies rivers."

[[host]]
id = "coasts"
name = "Coasts Society"
description = "The Coasts Society studies coasts."
"#,
        )
    }

    fn opens(engine: &Engine, question: &str, now: &str, opener: &str) {
        let now: Timestamp = now.parse().expect("a timestamp");
        let answer = engine.answer(question, now, None);
        assert!(answer.matched, "{question}: {}", answer.text);
        assert!(
            answer.text.starts_with(opener),
            "{question} at {now}: {}",
            answer.text
        );
    }

    #[test]
    fn a_check_against_now_opens_with_its_verdict_then_the_fact() {
        let engine = congress();
        // Tuesday, the second of three days.
        let tuesday = "2026-06-02T10:00:00Z";
        opens(&engine, "is it today?", tuesday, "Yes.");
        opens(
            &engine,
            "is the congress happening right now",
            tuesday,
            "Yes.",
        );
        opens(&engine, "is it over?", tuesday, "No.");
        let before = "2026-05-27T10:00:00Z";
        opens(&engine, "has it already happened?", before, "Not yet.");
        opens(&engine, "is it today?", before, "No.");
        opens(&engine, "is it next week?", before, "Yes.");
        opens(
            &engine,
            "I'm flying in on sunday, will I make it in time?",
            before,
            "Yes.",
        );
        let after = "2026-11-29T12:00:00Z";
        opens(&engine, "can i still come?", after, "No.");
        opens(&engine, "is it next monday", after, "No.");
        // Nothing says until when one can sign up, so before the congress no verdict is given.
        let sign_up = engine.answer(
            "can i still sign up",
            before.parse().expect("a timestamp"),
            None,
        );
        assert!(
            !sign_up.text.starts_with("Yes") && !sign_up.text.starts_with("No"),
            "{}",
            sign_up.text
        );
    }

    #[test]
    fn a_check_about_the_hosts_opens_with_its_verdict() {
        let engine = congress();
        let now = "2026-11-29T12:00:00Z";
        opens(&engine, "was it organised by the water board?", now, "No.");
        opens(&engine, "was coasts society a host", now, "Yes.");
        opens(&engine, "was the rivers society the only host?", now, "No.");
    }

    #[test]
    fn a_choice_of_a_part_of_the_day_names_the_part_on_a_day_and_none_over_days() {
        let question = "does it start in the morning or the afternoon?";
        opens(
            &social(),
            question,
            "2026-05-27T10:00:00Z",
            "In the morning.",
        );
        let over_days = congress().answer(
            question,
            "2026-05-27T10:00:00Z".parse().expect("a timestamp"),
            None,
        );
        assert!(
            over_days.text.starts_with("The congress"),
            "{}",
            over_days.text
        );
    }

    #[test]
    fn the_programme_says_when_the_event_is() {
        let engine = engine_of(
            r#"
[event]
id = "forum"
title = "Water Forum"
kind = "forum"
time_zone = "Europe/Amsterdam"
start = 2026-06-01T09:00:00
end = 2026-06-01T17:00:00

[[session]]
id = "one"
title = "Part one"
kind = "part"
summary = "Rivers."

[[session]]
id = "two"
title = "Part two"
kind = "part"
summary = "Deltas."
"#,
        );
        // The parts have no times of their own: the programme's times are the event's.
        let said = engine.answer("schedule", at(), None);
        assert_eq!(
            said.topic.as_deref(),
            Some("event.programme"),
            "{}",
            said.text
        );
        assert!(said.text.contains("from 09:00 to 17:00"), "{}", said.text);
    }

    #[test]
    fn a_break_the_programme_lists_answers_and_one_it_does_not_is_said_to_be_missing() {
        let forum = |sessions: &str| {
            engine_of(&format!(
                r#"
[event]
id = "forum"
title = "Water Forum"
kind = "forum"
time_zone = "Europe/Amsterdam"
start = 2026-06-01T09:00:00
end = 2026-06-01T17:00:00

[[session]]
id = "one"
title = "Rivers"
{sessions}
"#
            ))
        };
        let with_break = forum(
            r#"
[[session]]
id = "pause"
title = "Coffee Break"
start = 2026-06-01T11:00:00
end = 2026-06-01T11:30:00
"#,
        );
        let said = with_break.answer("when is the coffee break", at(), None);
        assert_eq!(
            said.topic.as_deref(),
            Some("session.pause"),
            "{}",
            said.text
        );
        assert!(!said.text.contains("does not mention"), "{}", said.text);
        let without = forum("");
        let said = without.answer("when is the coffee break", at(), None);
        assert!(
            said.matched
                && said
                    .text
                    .starts_with("The source does not mention a break."),
            "{}",
            said.text
        );
    }

    #[test]
    fn what_happened_after_the_event_is_what_followed_it() {
        let engine = engine_of(
            r#"
[event]
id = "forum"
title = "Water Forum"
kind = "forum"
time_zone = "Europe/Amsterdam"
start = 2026-06-01T09:00:00
end = 2026-06-01T17:00:00
follow_up = { title = "a reception" }

[[session]]
id = "one"
title = "Part one"
summary = "Rivers."

[[session]]
id = "two"
title = "Part two"
summary = "Deltas."
"#,
        );
        let said = engine.answer("what happened after the talks ended", at(), None);
        assert_eq!(
            said.topic.as_deref(),
            Some("event.follow-up"),
            "{}",
            said.text
        );
    }

    #[test]
    fn whether_one_must_sign_up_is_asked_of_knowledge_that_speaks_of_it() {
        let engine = engine_of(
            r#"
[event]
id = "forum"
title = "Water Forum"
kind = "forum"
description = "A day on rivers. Registration is required: sign up at the desk by noon."
time_zone = "Europe/Amsterdam"
start = 2026-06-01T09:00:00
end = 2026-06-01T17:00:00
"#,
        );
        // Not declined as a rule the source does not give: the knowledge speaks of signing up.
        let said = engine.answer("do I need to sign up?", at(), None);
        assert!(said.matched, "{}", said.text);
    }

    #[test]
    fn a_detail_not_given_is_found_by_the_words_people_ask_it_with() {
        let engine = engine_of(
            r#"
[event]
id = "forum"
title = "Water Forum"
kind = "forum"
time_zone = "Europe/Amsterdam"
start = 2026-06-01T09:00:00
end = 2026-06-01T17:00:00
hosts = ["delta"]

[event.not_given]
room = "The organisers name no room."
price = { note = "The organisers have not said whether there is a fee.", keywords = ["how much", "cost", "fee"] }

[[host]]
id = "delta"
name = "Delta Institute"
description = "An institute on deltas."
"#,
        );
        for question in [
            "how much does it cost",
            "what's the fee",
            "what is the price",
        ] {
            let said = engine.answer(question, at(), None);
            assert_eq!(
                said.topic.as_deref(),
                Some("event.not-given.price"),
                "{question}: {}",
                said.text
            );
            assert!(said.text.starts_with("The organisers have not said"));
        }
        // The words asked with do not draw what they do not name: a count of hosts is still the hosts.
        let said = engine.answer("how many hosts are there", at(), None);
        assert_eq!(said.topic.as_deref(), Some("event.hosts"), "{}", said.text);
    }

    #[test]
    fn a_mistake_in_a_detail_not_given_is_reported_at_its_place() {
        let problems = knowledge::problems(
            r#"
[event]
id = "forum"
title = "Water Forum"
time_zone = "Europe/Amsterdam"
start = 2026-06-01T09:00:00
end = 2026-06-01T17:00:00

[event.not_given]
price = { notes = "No fee is given." }
"#,
        );
        let said = problems.join("\n");
        assert!(
            said.contains("k.toml:10:11: `notes` is not a field")
                && said.contains("did you mean `note`?"),
            "{said}"
        );
    }
}
