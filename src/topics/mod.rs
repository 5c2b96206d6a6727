//! The topics a question can be about: one per knowledge entry, plus the facets every event has (its date
//! and time, hosts, programme, speakers, report, news), and how the answer about each is written.
//!
//! Each topic carries the texts it can be matched by, each with a weight (a keyword counts more than a
//! word in a long summary), the intents it answers (the date answers "when"), and its [`Subject`]: the
//! function of its kind that writes the answer, from the knowledge and the clock. Matching reads
//! questions against the topics; the answer is written for the one a question matched. Both need the
//! topics, so they live here, below both.
//!
//! Each kind of entry gives its topics and writes its answers in one module of [`kinds`], implementing
//! [`Told`]; every kind in `knowledge::kinds::Kinds` must.

mod builder;
mod kinds;
pub mod prose;
pub mod time;
mod told;
mod topic;
mod writer;

use crate::knowledge::Knowledge;
use crate::knowledge::kinds::Kinds;
use crate::lexicon::Lexicon;
use crate::parallel;

pub use builder::{FACET, KEYWORD, NAME};
pub use told::{Precedence, Told, ToldList, VisitTold};
pub use topic::{Extent, Field, Subject, Topic};
pub use writer::{Focus, NewsItem, PlaceFact, PostedNews, Rendered, RichAnswer, TimeFact, Writer};

/// How much of a word naming the event itself (its title, "the seminar") every topic covers.
pub const EVENT_COVER: f32 = 0.75;
/// How much of a word naming the event's hosts or venue every topic covers.
pub const RELATED_COVER: f32 = 0.5;

/// The key of the topic of what follows the event (its reception).
pub const FOLLOW_UP: &str = "event.follow-up";

/// How the key of a topic saying the source does not give a detail begins (`event.not-given.room`).
pub const NOT_GIVEN: &str = "event.not-given.";

/// The key of the topic naming the event's hosts.
pub const HOSTS: &str = "event.hosts";

/// Every topic of the knowledge: the event's facets first, kind by kind, then each kind's entries in
/// the order of their [`Precedence`], since ties go to the topic listed first.
pub fn topics(knowledge: &Knowledge, lexicon: &Lexicon) -> Vec<Topic> {
    /// One kind's topics: its facets, and its entries' topics with where they stand.
    type KindTopics = (Vec<Topic>, Precedence, Vec<Topic>);
    struct Gather<'k> {
        knowledge: &'k Knowledge,
        lexicon: &'k Lexicon,
        entries: usize,
        jobs: Vec<parallel::Job<'k, KindTopics>>,
    }
    impl VisitTold for Gather<'_> {
        fn visit<K: Told>(&mut self) {
            let (knowledge, lexicon) = (self.knowledge, self.lexicon);
            self.entries += knowledge.all::<K>().len();
            self.jobs.push(Box::new(move || {
                let mut facets = Vec::new();
                K::facets(knowledge, lexicon, &mut facets);
                let mut entries = Vec::new();
                K::topics(knowledge, lexicon, &mut entries);
                (facets, K::PRECEDENCE, entries)
            }));
        }
    }
    let mut gather = Gather {
        knowledge,
        lexicon,
        entries: 0,
        jobs: Vec::new(),
    };
    Kinds::each(&mut gather);
    // Each kind's topics are written from the knowledge alone, so a large programme's kinds are told on
    // threads of their own; the results come back in the order of the kinds.
    let threads = parallel::threads_for(gather.entries, ENTRIES_PER_THREAD);
    let mut all = Vec::new();
    let mut entries = Vec::new();
    for (facets, precedence, topics) in parallel::run(gather.jobs, threads) {
        all.extend(facets);
        entries.push((precedence, topics));
    }
    // A stable sort: kinds of equal precedence keep the order of the list of kinds.
    entries.sort_by_key(|(precedence, _)| *precedence);
    all.extend(entries.into_iter().flat_map(|(_, topics)| topics));
    all
}

/// How many entries are worth a thread of their own while their topics are written.
const ENTRIES_PER_THREAD: usize = 1_000;

pub fn context_texts(knowledge: &Knowledge, lexicon: &Lexicon) -> Vec<(String, f32)> {
    struct Gather<'k> {
        knowledge: &'k Knowledge,
        lexicon: &'k Lexicon,
        texts: Vec<(String, f32)>,
    }
    impl VisitTold for Gather<'_> {
        fn visit<K: Told>(&mut self) {
            K::context(self.knowledge, self.lexicon, &mut self.texts);
        }
    }
    let mut gather = Gather {
        knowledge,
        lexicon,
        texts: Vec::new(),
    };
    Kinds::each(&mut gather);
    gather.texts
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Ties go to the topic listed first, so the order is the tie-break policy: the event's facets, then a
    /// maintainer's own answers, the organisations, what they belong to, where, the programme, findings.
    #[test]
    fn topics_are_listed_in_order_of_precedence() {
        let k = crate::knowledge::from_text(
            r#"
[event]
id = "forum"
title = "Water Forum"
kind = "Forum"
description = "A forum on water."
time_zone = "Europe/Amsterdam"
start = 2026-06-01T09:00:00
end = 2026-06-01T17:00:00
hosts = ["institute"]
follow_up = { title = "a reception" }

[[finding]]
id = "rivers"
title = "Rivers matter"
text = "Rivers matter."

[[speaker]]
id = "ada"
name = "Ada"

[[session]]
id = "opening"
title = "Opening"

[[venue]]
id = "hall"
name = "Grand Hall"
address = "Main Street 1"
city = "Utrecht"

[[initiative]]
id = "series"
name = "Water Series"
kind = "series"
description = "Forums on water."

[[supporter]]
id = "fund"
name = "Water Fund"
description = "A fund."

[[host]]
id = "institute"
name = "Water Institute"
description = "An institute."

[report]
title = "Report"
summary = "What was found."

[[faq]]
id = "wifi"
question = "Is there wifi?"
answer = "Yes."
"#,
        );
        let keys: Vec<String> = topics(&k, Lexicon::builtin())
            .into_iter()
            .map(|t| t.key)
            .collect();
        assert_eq!(
            keys,
            [
                "event.about",
                "event.when",
                "event.follow-up",
                "event.hosts",
                "event.programme",
                "event.speakers",
                "event.report",
                "event.news",
                "faq.wifi",
                "host.institute",
                "supporter.fund",
                "initiative.series",
                "venue.hall",
                "session.opening",
                "speaker.ada",
                "finding.rivers",
            ]
        );
    }
}
