use super::*;

/// A vocabulary of a few event words, as the index would know them.
struct Known(&'static [&'static str]);

impl Vocabulary for Known {
    fn knows(&self, word: &str) -> bool {
        self.0.contains(&word)
    }
}

const EVENT: Known = Known(&["utrecht", "forum", "water", "rivers", "drought", "droughts"]);

/// Reads a question split into words as matching splits it: apostrophes dropped, digits apart from letters.
fn read_text(text: &str) -> Question {
    let folded = text.to_lowercase();
    let mut words: Vec<String> = Vec::new();
    let mut current = String::new();
    for c in folded.chars().filter(|c| *c != '\'') {
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
    read(&folded, &words, &EVENT)
}

#[test]
fn the_reading_words_parse() {
    assert!(!replies().yes.is_empty());
    for aside in Aside::ALL {
        assert!(!replies().aside(aside).is_empty());
    }
}

#[test]
fn greetings_thanks_and_questions_about_usher_are_remarks() {
    assert_eq!(read_text("hey there usher!").aside, Some(Aside::Greeting));
    assert_eq!(
        read_text("ok thank you very much").aside,
        Some(Aside::Thanks)
    );
    assert_eq!(
        read_text("hello, who are you?").aside,
        Some(Aside::Identity)
    );
    assert_eq!(read_text("so what can u do").aside, Some(Aside::Abilities));
    assert_eq!(read_text("help pls").aside, Some(Aside::Help));
    assert_eq!(
        read_text("looking forward to it!").aside,
        Some(Aside::Anticipation)
    );
    assert_eq!(read_text("can't wait!").aside, Some(Aside::Anticipation));
    // A greeting first is answered as one.
    assert_eq!(
        read_text("hi everyone, excited for thursday!").aside,
        Some(Aside::Greeting)
    );
}

#[test]
fn a_greeting_before_a_question_leaves_the_question() {
    let q = read_text("hi! where is the forum held?");
    assert_eq!(q.aside, None);
    assert_eq!(q.wants, Wants::Fact);
    assert_eq!(
        read_text("can you help me find the rivers session").aside,
        None
    );
}

#[test]
fn sums_and_facts_about_the_world_are_outside() {
    assert_eq!(
        read_text("what's 12 plus 30").outside,
        Some(Outside::Arithmetic)
    );
    assert_eq!(
        read_text("how much is 6*7?").outside,
        Some(Outside::Arithmetic)
    );
    assert_eq!(
        read_text("what is the capital of peru").outside,
        Some(Outside::World)
    );
    assert_eq!(
        read_text("what's peru's population").outside,
        Some(Outside::World)
    );
    // Dates and times with dashes and slashes are not sums.
    assert_eq!(read_text("is it on 01/06 from 9-17").outside, None);
    assert_eq!(read_text("what times are the rivers talks").outside, None);
    // A figure the asker gives, converted into another unit, is a sum; asking the event's own is not.
    assert_eq!(
        read_text("if the forum lasted 3.5 hours how many minutes is that").outside,
        Some(Outside::Arithmetic)
    );
    assert_eq!(
        read_text("how many hours does the forum last").outside,
        None
    );
    assert_eq!(
        read_text("is it 2 hours, how many hours exactly").outside,
        None
    );
    assert_eq!(
        read_text("how many minutes is 3.5 hours").outside,
        Some(Outside::Arithmetic)
    );
    assert_eq!(
        read_text("is it a 2 day forum? how many hours per day").outside,
        None
    );
}

#[test]
fn a_request_to_translate_is_outside_whatever_it_names() {
    assert_eq!(
        read_text("how do you say thank you in dutch").outside,
        Some(Outside::Translation)
    );
    assert_eq!(
        read_text("translate rivers into french").outside,
        Some(Outside::Translation)
    );
    // Saying something is no translation: "what did they say about rivers" asks the knowledge.
    assert_eq!(read_text("what did they say about rivers").outside, None);
}

#[test]
fn a_time_of_day_converted_into_a_zone_is_a_sum() {
    for q in ["what is 2pm in lima time", "whats 17:30 here in lima time"] {
        assert_eq!(read_text(q).outside, Some(Outside::Arithmetic), "{q}");
    }
    // A check of the event's time in its own zone converts nothing.
    assert_eq!(
        read_text("does it start at 14:00 amsterdam time?").outside,
        None
    );
}

#[test]
fn hours_between_two_times_the_asker_gives_is_a_sum() {
    assert_eq!(
        read_text("how many hours between 14:00 and 17:30").outside,
        Some(Outside::Arithmetic)
    );
    assert_eq!(read_text("how many hours did it last").outside, None);
}

#[test]
fn how_long_something_else_has_gone_on_is_no_question_of_the_event() {
    for q in [
        "how long has peru been in the league",
        "since when have the rangers guarded the park",
        "for how many years has the fund supported the park",
    ] {
        assert_eq!(read_text(q).other_time, Some(OtherTime::Lasting), "{q}");
    }
    for q in [
        "how long has it been since the forum",
        "how long has the forum been over",
        "how long did it last",
    ] {
        assert_ne!(read_text(q).other_time, Some(OtherTime::Lasting), "{q}");
    }
    // How long something will go on or did is asked of what the source speaks of, not the event.
    assert_eq!(
        read_text("how long will the river project run").other_time,
        Some(OtherTime::Going)
    );
    for q in ["how long will the forum run", "how long did it last"] {
        assert_eq!(read_text(q).other_time, None, "{q}");
    }
}

#[test]
fn years_are_read_with_whether_they_ask_what_came_after() {
    assert_eq!(
        read_text("what happened to the dams after 2015").years,
        [(2015, true)]
    );
    assert_eq!(read_text("what did peru do in 2018").years, [(2018, false)]);
    // A number that is no year, or a year with no word opening a time, is none.
    assert!(read_text("is it at 2015 hours").years.is_empty());
    assert!(read_text("the 2015 forum").years.is_empty());
}

#[test]
fn a_clause_that_points_back_does_not_stand_alone() {
    let words = |s: &str| s.split(' ').map(str::to_string).collect::<Vec<_>>();
    assert!(opens_a_question(&words("what did they mean by that")));
    assert!(points_back(&words("what did they mean by that")));
    assert!(!points_back(&words("what did they say about rivers")));
    assert!(!opens_a_question(&words("writing a thesis")));
}

#[test]
fn usher_s_own_opinion_is_outside() {
    for q in [
        "do u think the forum was a success",
        "is the river plan a failure imo? what's your take",
        "what do you personally think about dams",
        "do you like the forum?",
    ] {
        assert_eq!(read_text(q).outside, Some(Outside::Opinion), "{q}");
    }
    // What the source's people thought is asked of the knowledge.
    assert_eq!(read_text("what did they think about dams").outside, None);
    // Whether the forum is worth it is a judgement; whether it is worth still coming at a time asks
    // whether it is still on then.
    assert_eq!(
        read_text("is the forum worth going to").outside,
        Some(Outside::Opinion)
    );
    for q in [
        "running late, arriving around 4:30, worth still coming?",
        "is it worth still coming at 4:30",
    ] {
        assert_eq!(read_text(q).outside, None, "{q}");
    }
}

#[test]
fn another_event_is_outside() {
    for q in [
        "was there a similar forum on deltas",
        "when is the next forum",
        "when is the next water institute conference on rivers",
        "are there other events like this",
    ] {
        assert_eq!(read_text(q).outside, Some(Outside::AnotherEvent), "{q}");
    }
    // What comes next at this event is asked of its knowledge.
    for q in [
        "what is next after the forum",
        "what's next at the forum",
        "what's the next session",
    ] {
        assert_eq!(read_text(q).outside, None, "{q}");
    }
}

#[test]
fn a_guessed_place_is_read_as_a_question_about_the_place() {
    let q = read_text("is the forum in rotterdam?");
    assert_eq!(q.wants, Wants::Check);
    assert_eq!(
        q.guesses,
        [Guess {
            words: vec!["rotterdam".into()],
            slot: Slot::Place
        }]
    );
    assert_eq!(q.rewritten.as_deref(), Some("is the forum where"));
    // A language is no place.
    assert!(read_text("is it in english?").guesses.is_empty());
    // A place the knowledge knows is a guess as well: the venue answers, and says whether it is there.
    assert_eq!(read_text("is it in utrecht?").guesses.len(), 1);
}

#[test]
fn an_unknown_word_about_something_else_is_not_a_guess_of_the_venue() {
    let q = read_text("are droughts worse in peru?");
    assert!(q.guesses.is_empty());
    assert_eq!(q.rewritten, None);
}

#[test]
fn guessed_times_and_options_are_read_as_questions_about_the_time() {
    let q = read_text("does it begin at 10 or at 11?");
    assert_eq!(q.wants, Wants::Choice);
    assert_eq!(q.guesses.len(), 2);
    assert!(
        q.rewritten
            .as_deref()
            .is_some_and(|r| r.contains("when") && !r.contains("10"))
    );
    let q = read_text("was it on the 2nd of june");
    assert_eq!(q.guesses[0].words, ["2", "nd", "of", "june"]);
    // A range without "from" guesses both of its times.
    let q = read_text("was it 2 till half 6?");
    let words: Vec<_> = q.guesses.iter().map(|g| g.words.join(" ")).collect();
    assert_eq!(words, ["2", "6 30"]);
}

#[test]
fn a_choice_between_named_options_guesses_both_of_one_kind() {
    let q = read_text("is the forum in amsterdam or in utrecht?");
    assert_eq!(q.wants, Wants::Choice);
    let words: Vec<_> = q
        .guesses
        .iter()
        .map(|g| (g.words.join(" "), g.slot))
        .collect();
    assert_eq!(
        words,
        [
            ("amsterdam".to_string(), Slot::Place),
            ("utrecht".to_string(), Slot::Place)
        ]
    );
    // Words both options share decide nothing; the question asks what the event is about.
    let q = read_text("was it about water in peru or water in chile");
    let words: Vec<_> = q
        .guesses
        .iter()
        .map(|g| (g.words.join(" "), g.slot))
        .collect();
    assert_eq!(
        words,
        [
            ("peru".to_string(), Slot::Subject),
            ("chile".to_string(), Slot::Subject)
        ]
    );
    assert_eq!(q.rewritten.as_deref(), Some("was it topic"));
    // "alone or with a partner" and a choice of times are read as before.
    assert_eq!(read_text("the forum alone or with a partner?").guesses, []);
    assert_eq!(read_text("is it at 10 or 11").guesses.len(), 2);
    // "or not" offers no second option.
    assert!(read_text("is it in utrecht or not").guesses.len() <= 1);
}

#[test]
fn times_said_in_words_are_read_as_the_clock() {
    let words = |text: &str| {
        let q = read_text(text);
        q.guesses
            .iter()
            .map(|g| g.words.join(" "))
            .collect::<Vec<_>>()
    };
    assert_eq!(words("does it end at half past five?"), ["5 30"]);
    assert_eq!(words("does it start at quarter to three"), ["2 45"]);
    assert_eq!(words("is it over by half five"), ["5 30"]);
    assert_eq!(words("does it start at two"), ["2"]);
    assert_eq!(words("does it start at two pm"), ["2 pm"]);
    assert_eq!(words("does it finish at five thirty"), ["5 30"]);
    assert_eq!(words("did it end at six, is that right"), ["6"]);
    assert_eq!(words("does it start at two or three"), ["2", "3"]);
    // "the next one is ..." has no time in it.
    assert!(
        words("is the next one is this week")
            .iter()
            .all(|g| g != "1")
    );
    // A number word that is no time stays a word.
    assert_eq!(
        spoken_times(words_of(), &["one".into(), "of".into(), "the".into()]),
        ["one", "of", "the"]
    );
}

#[test]
fn a_time_on_the_clock_is_held_against_the_answers_time() {
    let clock = Clock {
        spans: vec![(14 * 60, Some(17 * 60 + 30))],
        ends: false,
        days: vec![],
        over_days: false,
    };
    let guess = |w: &[&str]| {
        vec![Guess {
            words: w.iter().map(|s| (*s).to_string()).collect(),
            slot: Slot::Time,
        }]
    };
    assert_eq!(verdict(&guess(&["2"]), "", &clock), Verdict::Yes);
    assert_eq!(verdict(&guess(&["2", "pm"]), "", &clock), Verdict::Yes);
    assert_eq!(verdict(&guess(&["2", "am"]), "", &clock), Verdict::No);
    assert_eq!(verdict(&guess(&["3"]), "", &clock), Verdict::No);
    let end = Clock {
        ends: true,
        ..clock
    };
    assert_eq!(verdict(&guess(&["5", "30"]), "", &end), Verdict::Yes);
    assert_eq!(verdict(&guess(&["5"]), "", &end), Verdict::No);
}

#[test]
fn who_said_something_is_read_as_what_was_said() {
    let q = read_text("who asked about the droughts in utrecht");
    assert!(q.who_said);
    assert_eq!(
        q.rewritten.as_deref(),
        Some("asked about the droughts in utrecht")
    );
    // Who hosts or who it was is not who said something.
    assert!(!read_text("who hosted the forum").who_said);
    assert!(!read_text("who said that").who_said);
}

#[test]
fn the_answer_says_whether_a_guess_holds() {
    let place = |w: &str| {
        vec![Guess {
            words: vec![w.into()],
            slot: Slot::Place,
        }]
    };
    let time = |w: &[&str]| {
        vec![Guess {
            words: w.iter().map(|s| (*s).to_string()).collect(),
            slot: Slot::Time,
        }]
    };
    let venue = "grand hall, main street 1, utrecht";
    assert_eq!(
        verdict(&place("rotterdam"), venue, &Clock::default()),
        Verdict::No
    );
    assert_eq!(
        verdict(&place("utrecht"), venue, &Clock::default()),
        Verdict::Yes
    );
    let when = "monday 1 june 2026, 09:00-17:00";
    assert_eq!(
        verdict(&time(&["3", "of", "june"]), when, &Clock::default()),
        Verdict::No
    );
    assert_eq!(
        verdict(&time(&["1", "june"]), when, &Clock::default()),
        Verdict::Yes
    );
    assert_eq!(
        verdict(&time(&["tuesday"]), when, &Clock::default()),
        Verdict::No
    );
    // 5 (pm) is 17:00; a number alone does not say whether it is the start or the end.
    assert_eq!(
        verdict(&time(&["5"]), when, &Clock::default()),
        Verdict::Unsure
    );
    assert_eq!(verdict(&time(&["4"]), when, &Clock::default()), Verdict::No);
}

#[test]
fn questions_about_what_it_is_about_say_so() {
    for q in [
        "what is it about?",
        "what will they be discussing",
        "what was talked about at the forum",
    ] {
        assert!(
            read_text(q)
                .rewritten
                .as_deref()
                .is_some_and(|r| r.ends_with("topic")),
            "{q}"
        );
    }
    assert_eq!(
        read_text("what did they say about droughts").rewritten,
        None
    );
    // A cue reads its word's endings, not any longer word that starts with it.
    assert!(
        read_text("what were the presentations")
            .rewritten
            .is_some_and(|r| r.ends_with("topic"))
    );
    assert_eq!(read_text("aimxzlcqzcdjeeompzz").rewritten, None);
}

#[test]
fn the_main_question_the_experts_looked_at_is_what_it_is_about() {
    for q in [
        "what was the main question they looked at",
        "what central issues did the experts discuss",
        "what main question did the speakers try to answer",
    ] {
        let rewritten = read_text(q).rewritten.unwrap_or_default();
        assert!(rewritten.ends_with("topic"), "{q}: {rewritten}");
        assert!(
            [
                "main", "central", "issues", "question", "experts", "speakers"
            ]
            .iter()
            .all(|word| !rewritten.split(' ').any(|w| w == *word)),
            "{q}: {rewritten}"
        );
    }
    // A subject beside them is still asked of the knowledge, and so is what was answered.
    assert_eq!(
        read_text("what was the main question about droughts").rewritten,
        None
    );
    assert_eq!(
        read_text("someone asked about droughts, what was the answer").rewritten,
        None
    );
    // Why, after a statement of a subject, asks why of that subject.
    assert_eq!(
        read_text("if utrecht has no rivers, why hold it there at all").rewritten,
        None
    );
}

#[test]
fn asking_why_the_event_was_held_asks_what_it_is_about() {
    for q in ["why was the forum organised?", "why was it held"] {
        let rewritten = read_text(q).rewritten.unwrap_or_default();
        assert!(rewritten.ends_with("topic"), "{q}: {rewritten}");
        // The words asking why and saying it was held are gone: "organised" would name the hosts.
        assert!(
            !rewritten.contains("why") && !rewritten.contains("organised"),
            "{rewritten}"
        );
    }
    // Why something else happened is asked of the knowledge, and "why?" alone of something unseen.
    assert_eq!(read_text("why were droughts longer").rewritten, None);
    assert_eq!(read_text("why?").rewritten, None);
}

#[test]
fn a_word_that_names_a_facet_is_its_noun_unless_used_as_a_verb() {
    // "address" is the venue's word and also a verb of talking about something.
    for q in ["address?", "address pls", "what's the address"] {
        assert_eq!(read_text(q).rewritten, None, "{q}");
    }
    assert!(
        read_text("what did they address")
            .rewritten
            .as_deref()
            .is_some_and(|r| r.ends_with("topic"))
    );
}

#[test]
fn a_detail_many_events_lack_is_read_by_its_phrases() {
    assert_eq!(
        read_text("what is ada's email address?").detail.as_deref(),
        Some("an email address")
    );
    assert_eq!(
        read_text("where can i park my car?").detail.as_deref(),
        Some("parking information")
    );
    assert_eq!(
        read_text("is there food or catering?").detail.as_deref(),
        Some("catering information")
    );
    // A park is a place, not parking.
    assert_eq!(read_text("how do we get to riverside park?").detail, None);
    assert!(!replies().absent("parking information").contains("{detail}"));
}

#[test]
fn a_text_names_a_detail_by_its_words() {
    assert!(names_detail(
        "parking information",
        "parking is free in the garage"
    ));
    assert!(names_detail(
        "parking information",
        "use the car park behind the hall"
    ));
    assert!(!names_detail(
        "parking information",
        "evening social at riverside park"
    ));
}

#[test]
fn a_choice_between_times_asks_when() {
    let q = read_text("morning or afternoon session?");
    assert_eq!(q.wants, Wants::Choice);
    assert_eq!(q.rewritten.as_deref(), Some("when session"));
    // Options that are not times, both known, are a question about them; one known and one never met
    // is a choice between them.
    assert_eq!(read_text("rivers or droughts?").wants, Wants::Fact);
    let q = read_text("utrecht or amsterdam?");
    assert_eq!(q.wants, Wants::Choice);
    assert_eq!(q.rewritten.as_deref(), Some("utrecht"));
}

#[test]
fn the_last_clause_may_ask_what_it_is_about_on_its_own() {
    let q =
        read_text("i am writing a thesis on water policy, was this relevant? what did it cover");
    assert!(
        q.rewritten.as_deref().is_some_and(|r| r.ends_with("topic")),
        "{q:?}"
    );
    // A last clause that names a subject is not a question about what the event is about.
    assert_eq!(
        read_text("i missed the start, what did they say about droughts").rewritten,
        None
    );
}

#[test]
fn a_subject_the_knowledge_never_mentions_is_outside_unless_it_does() {
    assert_eq!(
        read_text("who is the head of the institute").outside,
        Some(Outside::Unmentioned)
    );
    assert_eq!(
        read_text("who is the director of the forum").outside,
        Some(Outside::Unmentioned)
    );
    // Parking is a detail: answered by a topic that names it, else declined as one.
    let parking = read_text("is there parking at the forum?");
    assert_eq!(parking.outside, None);
    assert_eq!(parking.detail.as_deref(), Some("parking information"));
    // Knowledge that mentions the weather answers about it.
    let weather = Known(&["weather"]);
    assert_eq!(
        read(
            "what about the weather",
            &[
                "what".into(),
                "about".into(),
                "the".into(),
                "weather".into()
            ],
            &weather
        )
        .outside,
        None
    );
    assert_eq!(read_text("test test 123").aside, Some(Aside::Greeting));
}

#[test]
fn a_check_against_now_is_read_as_its_relation() {
    let relation = |q: &str| read_text(q).relation;
    assert_eq!(relation("is it today?"), Some(Relation::Today));
    assert_eq!(relation("is it tmrw"), Some(Relation::Tomorrow));
    assert_eq!(relation("has it already happened?"), Some(Relation::Over));
    assert_eq!(relation("is it happening right now"), Some(Relation::Now));
    // Whether one can still come, even if one leaves now.
    assert_eq!(
        relation("can i still make it if i leave now"),
        Some(Relation::Ahead)
    );
    assert_eq!(relation("can i still sign up"), Some(Relation::SignUp));
    assert_eq!(
        relation("is it next thursday"),
        Some(Relation::Weekday {
            day: jiff::civil::Weekday::Thursday,
            after_today: true
        })
    );
    assert_eq!(
        relation("I'm flying in on wednesday evening, will I make it in time?"),
        Some(Relation::Arrival(jiff::civil::Weekday::Wednesday))
    );
    // A check after another question is a check.
    assert_eq!(
        relation("when is the next one? is it this week"),
        Some(Relation::ThisWeek)
    );
    // The event's own day or date is checked against the answer's text, not against now.
    assert_eq!(relation("is it on thursday?"), None);
    assert_eq!(relation("is it on 30 april?"), None);
    // A fact asked for is no check.
    assert_eq!(relation("what is on today"), None);
}

#[test]
fn a_check_after_a_statement_or_before_a_tag_guesses_the_dates_it_names() {
    let q = read_text("I can only make it friday, is that ok?");
    assert_eq!(q.wants, Wants::Check);
    assert_eq!(q.relation, None);
    assert_eq!(q.guesses[0].words, ["friday"]);
    let q = read_text("30 april right?");
    assert_eq!(q.wants, Wants::Check);
    assert_eq!(q.guesses[0].words, ["30", "april"]);
    // A statement with its tag guesses as a check does.
    let q = read_text("it's in utrecht, right?");
    assert_eq!(q.wants, Wants::Check);
    assert_eq!(q.guesses[0].slot, Slot::Place);
    assert_eq!(q.guesses[0].words, ["utrecht"]);
    // A statement before a check is the asker's: a place in it is no guess.
    let q = read_text("I'm flying in on wednesday evening, will I make it in time?");
    assert!(q.guesses.iter().all(|g| g.slot == Slot::Time), "{q:?}");
    // A tag alone confirms nothing.
    assert_eq!(read_text("right?").wants, Wants::Fact);
}

#[test]
fn a_check_about_the_hosts_guesses_the_one_it_names() {
    let q = read_text("was it organised by the city council?");
    assert_eq!(q.guesses.len(), 1);
    assert_eq!(q.guesses[0].words, ["city", "council"]);
    assert_eq!(q.guesses[0].slot, Slot::Host);
    let q = read_text("was utrecht forum the only host?");
    assert_eq!(q.guesses[0].slot, Slot::SoleHost);
    assert!(!q.guesses[0].words.contains(&"only".to_string()));
    // The word asking whether it was the only one is the guess's, not a word to match.
    let q = read_text("was it organised by utrecht forum alone?");
    assert_eq!(q.guesses[0].slot, Slot::SoleHost);
    assert!(q.rewritten.is_some_and(|r| !r.contains("alone")));
    // Without a word asking who hosts, no host is guessed.
    assert!(
        read_text("was it about droughts?")
            .guesses
            .iter()
            .all(|g| !matches!(g.slot, Slot::Host | Slot::SoleHost))
    );
}

#[test]
fn alone_or_with_a_partner_asks_who_it_was_with() {
    let q = read_text("water forum alone or with a partner?");
    assert_eq!(q.wants, Wants::Choice);
    assert_eq!(q.rewritten.as_deref(), Some("water forum with who"));
    assert_eq!(read_text("rivers or droughts alone?").rewritten, None);
}

#[test]
fn a_part_of_the_day_holds_the_hour_an_answer_starts() {
    let part = |w: &str| {
        vec![Guess {
            words: vec![w.into()],
            slot: Slot::Time,
        }]
    };
    let when = "monday 1 june 2026, from 14:00 to 17:30";
    let clock = Clock {
        spans: vec![(14 * 60, Some(17 * 60 + 30))],
        ends: false,
        ..Clock::default()
    };
    assert_eq!(verdict(&part("afternoon"), when, &clock), Verdict::Yes);
    assert_eq!(verdict(&part("morning"), when, &clock), Verdict::No);
    // Without times of its own, the hours the text names stand in.
    assert_eq!(
        verdict(&part("afternoon"), when, &Clock::default()),
        Verdict::Yes
    );
    assert_eq!(part_of_day("afternoon"), Some((12, 18)));
    assert_eq!(part_of_day("thursday"), None);
    assert_eq!(replies().chosen(&part("afternoon")[0]), "In the afternoon.");
    let clock = Guess {
        words: vec!["2".into(), "pm".into()],
        slot: Slot::Time,
    };
    assert_eq!(replies().chosen(&clock), "At 2 pm.");
    assert_eq!(replies().chosen(&part("thursday")[0]), "Thursday.");
}

#[test]
fn a_bound_on_the_clock_is_held_against_the_start_or_the_end() {
    let q = read_text("does it go on past 6pm?");
    assert_eq!(q.guesses[0].slot, Slot::Through);
    assert_eq!(
        read_text("does it start before 3?").guesses[0].slot,
        Slot::Before
    );
    assert_eq!(
        read_text("does it start after 1?").guesses[0].slot,
        Slot::After
    );
    // A latest or an earliest time said in other words is the same bound.
    for (question, slot) in [
        ("does it end at 6 or earlier?", Slot::Before),
        ("does it end no later than 6?", Slot::Before),
        ("does it start at 1 or later?", Slot::After),
        ("does it start later than 1?", Slot::After),
    ] {
        assert_eq!(read_text(question).guesses[0].slot, slot, "{question}");
    }
    // A word after the time that goes on to something else makes no bound of it.
    assert_ne!(
        read_text("does it start at 1 or after the talk?")
            .guesses
            .first()
            .map(|guess| guess.slot),
        Some(Slot::After)
    );
    // A date after "before" is guessed as it stands.
    assert_eq!(
        read_text("is it before friday?").guesses[0].slot,
        Slot::Time
    );
    let bound = |slot, words: &[&str]| {
        vec![Guess {
            words: words.iter().map(|w| (*w).to_string()).collect(),
            slot,
        }]
    };
    // From 14:00 to 17:30.
    let starts = Clock {
        spans: vec![(14 * 60, Some(17 * 60 + 30))],
        ends: false,
        ..Clock::default()
    };
    let ends = Clock {
        ends: true,
        ..starts.clone()
    };
    let text = "from 14:00 to 17:30";
    assert_eq!(
        verdict(&bound(Slot::Through, &["6", "pm"]), text, &starts),
        Verdict::No
    );
    assert_eq!(
        verdict(&bound(Slot::Through, &["5"]), text, &starts),
        Verdict::Yes
    );
    assert_eq!(
        verdict(&bound(Slot::Before, &["3"]), text, &starts),
        Verdict::Yes
    );
    assert_eq!(
        verdict(&bound(Slot::Before, &["6"]), text, &ends),
        Verdict::Yes
    );
    assert_eq!(
        verdict(&bound(Slot::Before, &["5"]), text, &ends),
        Verdict::No
    );
    assert_eq!(
        verdict(&bound(Slot::After, &["1", "pm"]), text, &starts),
        Verdict::Yes
    );
    assert_eq!(
        verdict(&bound(Slot::After, &["3"]), text, &starts),
        Verdict::No
    );
    // The hours of a time over several days bound nothing.
    let days = Clock {
        over_days: true,
        ..starts.clone()
    };
    assert_eq!(
        verdict(&bound(Slot::Through, &["6", "pm"]), text, &days),
        Verdict::Unsure
    );
    // Without a time of the answer, a bound decides nothing.
    assert_eq!(
        verdict(&bound(Slot::Before, &["3"]), text, &Clock::default()),
        Verdict::Unsure
    );
}

#[test]
fn a_guessed_date_is_held_against_the_days_of_the_answer() {
    let date = |words: &[&str]| {
        vec![Guess {
            words: words.iter().map(|w| (*w).to_string()).collect(),
            slot: Slot::Time,
        }]
    };
    // While it is under way, the text says "now", not the day: the day is held against its date.
    let clock = Clock {
        days: vec![jiff::civil::date(2015, 4, 30)],
        ..Clock::default()
    };
    let text = "it started at 14:00 and ends at 17:30";
    assert_eq!(verdict(&date(&["thursday"]), text, &clock), Verdict::Yes);
    assert_eq!(verdict(&date(&["friday"]), text, &clock), Verdict::No);
    assert_eq!(verdict(&date(&["30", "april"]), text, &clock), Verdict::Yes);
    assert_eq!(verdict(&date(&["29", "april"]), text, &clock), Verdict::No);
    assert_eq!(verdict(&date(&["apr", "2015"]), text, &clock), Verdict::Yes);
    assert_eq!(verdict(&date(&["may"]), text, &clock), Verdict::No);
}

#[test]
fn a_check_of_what_the_event_is_about_guesses_its_subject() {
    let known = read_text("is the forum about droughts");
    assert_eq!(known.wants, Wants::Check);
    assert_eq!(
        known.guesses,
        [Guess {
            words: vec!["droughts".into()],
            slot: Slot::Subject
        }]
    );
    // What the event itself is about is its subject, whatever else its knowledge mentions, so the
    // question asks what it is about, and its subject says whether it is so.
    assert_eq!(known.rewritten.as_deref(), Some("is the forum topic"));
    let unknown = read_text("is it about piracy");
    assert_eq!(unknown.rewritten.as_deref(), Some("is it topic"));
    // "Did they talk about ..." asks what was said, which any statement of the knowledge answers.
    let said = read_text("did they talk about droughts");
    assert_eq!(said.rewritten, None);
    assert_eq!(said.guesses.len(), 1);
    // "Is there a talk about ..." asks about the programme.
    let talk = read_text("is there a talk about piracy");
    assert!(talk.guesses.iter().all(|g| g.slot != Slot::Subject));
}

#[test]
fn a_part_of_the_day_after_an_article_is_a_guess_of_the_time() {
    // A word of the programme ("session") names the event's time as a word of the event does.
    for question in ["was it a morning event?", "was it a morning session?"] {
        let q = read_text(question);
        assert_eq!(q.wants, Wants::Check, "{question}");
        assert_eq!(
            q.guesses,
            [Guess {
                words: vec!["morning".into()],
                slot: Slot::Time
            }],
            "{question}"
        );
    }
    // Not in a question that is no check.
    assert!(read_text("what is a morning session").guesses.is_empty());
}

#[test]
fn who_works_at_an_organisation_is_outside_any_events_knowledge() {
    assert_eq!(
        read_text("who works at the water institute").outside,
        Some(Outside::Unmentioned)
    );
    assert_eq!(read_text("who hosted the forum").outside, None);
}

#[test]
fn an_option_the_knowledge_never_uses_is_left_out_of_the_subject() {
    let q = read_text("does the forum blame pollution or drought for the floods?");
    let rewritten = q.rewritten.expect("read without the unknown option");
    assert!(!rewritten.contains("pollution"), "{rewritten}");
    assert!(rewritten.contains("drought"), "{rewritten}");
    // A word both options have before them is no option: "for pollution or for drought".
    let q = read_text("was the forum for pollution or for drought?");
    let rewritten = q.rewritten.expect("read without the unknown option");
    assert!(!rewritten.contains("pollution"), "{rewritten}");
    assert!(rewritten.contains("drought"), "{rewritten}");
    // Two options the knowledge knows may ask about both.
    let q = read_text("does the forum blame rivers or drought for the floods?");
    assert!(
        q.rewritten
            .is_none_or(|r| r.contains("rivers") && r.contains("drought")),
        "both options stay"
    );
}

#[test]
fn whether_someone_was_there_is_a_question_about_the_people() {
    for q in [
        "was the delegation there?",
        "did any diplomats attend",
        "were there officials speaking",
        "was a diplomat among the speakers?",
        "was the delegation there lol",
    ] {
        assert!(read_text(q).presence, "{q}");
    }
    for q in [
        "can i attend?",
        "is it there?",
        "was there a discussion",
        "is the forum popular among farmers",
        "is the forum working with local farmers on the rivers there",
        "did they speak about droughts",
        "speaking at the forum were diplomats, right?",
    ] {
        assert!(!read_text(q).presence, "{q}");
    }
}

#[test]
fn what_kind_of_people_took_part_asks_who_took_part() {
    for q in [
        "what kind of people took part",
        "what sort of experts attended",
    ] {
        assert_eq!(
            read_text(q).rewritten.as_deref(),
            Some(WHO_TOOK_PART),
            "{q}"
        );
    }
    // A subject of its own makes it another question.
    assert_ne!(
        read_text("what kind of people took part in the drought relief")
            .rewritten
            .as_deref(),
        Some(WHO_TOOK_PART)
    );
}

#[test]
fn what_the_asker_wants_it_for_is_not_asked() {
    assert_eq!(
        read_text("I need the postal code and house number for my taxi driver").rewritten,
        Some("i need the postal code and house number".into())
    );
    assert_eq!(
        read_text("the address, so I can put it in the map").rewritten,
        Some("the address".into())
    );
    assert_eq!(
        read_text("postcode for my sat nav?").rewritten,
        Some("postcode".into())
    );
    // Only at the end: a clause after it asks on.
    assert_eq!(
        read_text("for my team: what did they conclude about dams").rewritten,
        None
    );
}

#[test]
fn a_request_before_which_people_took_part_asks_who_took_part() {
    for q in [
        "can you tell me which experts took part",
        "I'm a journalist, which experts took part so I can quote them?",
    ] {
        assert_eq!(
            read_text(q).rewritten.as_deref(),
            Some(WHO_TOOK_PART),
            "{q}"
        );
    }
}

#[test]
fn when_the_hosts_hosted_the_event_asks_its_time() {
    assert_eq!(
        read_text("when did the water institute host the forum").rewritten,
        Some("when did the water institute the forum".into())
    );
    assert_eq!(
        read_text("on what date did the water institute host the forum").rewritten,
        Some("on what date did the water institute the forum".into())
    );
    // Without the event named, or without "when", nothing is left out.
    assert_eq!(
        read_text("when did the water institute host").rewritten,
        None
    );
    assert_eq!(read_text("who hosted the forum").rewritten, None);
}

#[test]
fn an_answer_without_times_decides_no_guessed_time() {
    let none = Clock {
        spans: vec![],
        ends: false,
        days: vec![],
        over_days: false,
    };
    let place_and_time = |place: &str| {
        vec![
            Guess {
                words: vec![place.to_string()],
                slot: Slot::Place,
            },
            Guess {
                words: vec!["14".into(), "00".into()],
                slot: Slot::Time,
            },
        ]
    };
    let venue = "the forum took place at river hall, kade 7, utrecht.";
    // The right place with a time the venue cannot bear out: neither yes nor no.
    assert_eq!(
        verdict(&place_and_time("utrecht"), venue, &none),
        Verdict::Unsure
    );
    // A wrong place is no all the same.
    assert_eq!(
        verdict(&place_and_time("amsterdam"), venue, &none),
        Verdict::No
    );
    // A house number is part of the place: "at Kade 12" is not at Kade 7.
    let q = read_text("was it at kade 12?");
    assert_eq!(q.guesses[0].words, ["kade", "12"]);
}

#[test]
fn a_check_of_the_title_guesses_it() {
    let q = read_text("was it called 'Rivers in Peru'?");
    assert_eq!(q.wants, Wants::Check);
    assert_eq!(
        q.guesses,
        [Guess {
            words: vec!["rivers".into(), "peru".into()],
            slot: Slot::Title
        }]
    );
    assert_eq!(q.rewritten.as_deref(), Some("what was it called"));
    // A title with a word the answer lacks is another title; one with all of them is this one.
    let clock = Clock {
        spans: vec![],
        ends: false,
        days: vec![],
        over_days: false,
    };
    let answer = "rivers of the andes was a forum in lima";
    assert_eq!(verdict(&q.guesses, answer, &clock), Verdict::No);
    let q = read_text("was the forum called rivers of the andes?");
    assert_eq!(verdict(&q.guesses, answer, &clock), Verdict::Yes);
}

#[test]
fn the_askers_own_people_are_no_subject() {
    // The null vocabulary of these tests knows no word, so "boss" is one the knowledge never uses.
    assert_eq!(
        read_text("my boss wants a quick summary of the forum, can u help").rewritten,
        Some("wants a quick summary of the forum, can u help".into())
    );
    // Only where "my" opens a clause: after a verb, the asker's own thing is what is asked about.
    assert_eq!(read_text("how do i change my nickname").rewritten, None);
    // A stop word after "my" is kept: "my question is ..." says nothing either way.
    assert_eq!(read_text("my question is when it starts").rewritten, None);
}

#[test]
fn dates_in_figures_are_spelled_with_their_month() {
    assert_eq!(
        spelled_dates("was it 30/4?").as_deref(),
        Some("was it 30 april?")
    );
    assert_eq!(
        spelled_dates("on 30/04/2015 at 2").as_deref(),
        Some("on 30 april 2015 at 2")
    );
    // Only the second figure can be the day: month first.
    assert_eq!(
        spelled_dates("is it 4/30").as_deref(),
        Some("is it 30 april")
    );
    // Not a date: a fraction too big for a month, a word before the figures, or no slash.
    assert_eq!(spelled_dates("what is 40/50"), None);
    assert_eq!(spelled_dates("a24/7 service"), None);
    assert_eq!(spelled_dates("at 17.30"), None);
}

#[test]
fn a_date_right_after_a_check_is_a_guess() {
    let q = read_text("was it 30 april?");
    assert_eq!(q.guesses.len(), 1);
    assert_eq!(q.guesses[0].words, ["30", "april"]);
}

#[test]
fn a_clause_about_the_asker_that_opens_the_message_is_no_part_of_the_question() {
    let words = |s: &str| s.split(' ').map(str::to_string).collect::<Vec<_>>();
    let q = "i have the day wrong in my calendar, was it on monday or tuesday?";
    let all = words("i have the day wrong in my calendar was it on monday or tuesday");
    assert_eq!(framing_clause(q, &all), 8);
    // A day in it is what the rest asks about.
    let q = "i can only make it friday, is that ok?";
    assert_eq!(
        framing_clause(q, &words("i can only make it friday is that ok")),
        0
    );
    // A clause that does not open with the asker frames nothing.
    let q = "the forum, when is it?";
    assert_eq!(framing_clause(q, &words("the forum when is it")), 0);
}

#[test]
fn a_text_denies_a_word_of_the_question_it_negates() {
    let q = |text: &str| -> Vec<String> { text.split_whitespace().map(String::from).collect() };
    assert!(denies(&q("is the river clean"), "The river is not clean."));
    assert!(denies(
        &q("is the river clean"),
        "The river is far from clean, and never clean in May."
    ));
    assert!(denies(
        &q("is a flood likely"),
        "A flood was deemed unlikely."
    ));
    // A doubt held then says nothing of whether the thing came to pass, but does of its likelihood.
    assert!(!denies(
        &q("was there a flood later"),
        "A flood was deemed unlikely."
    ));
    assert!(denies(
        &q("was there a risk of a flood"),
        "A flood was deemed unlikely."
    ));
    // Words that only open what follows, a negator the question has itself, and what comes after a
    // preposition or is a name are not denials.
    assert!(!denies(
        &q("is the river clean"),
        "The river is not only clean but also deep."
    ));
    assert!(!denies(
        &q("isnt the river clean"),
        "The river is not clean."
    ));
    assert!(!denies(
        &q("does lima want a port"),
        "Peru has little to offer Lima."
    ));
    assert!(!denies(
        &q("is lima a port"),
        "Peru is not Lima's neighbour."
    ));
    assert!(!denies(&q("is the river clean"), "The river is clean."));
    // An opposite said outright denies too, unless the clause also says the word, or denies the opposite.
    assert!(denies(
        &q("is the water the same upstream"),
        "The water upstream differs from the sea."
    ));
    assert!(denies(
        &q("is the harbour big"),
        "The harbour is little used and small."
    ));
    assert!(!denies(
        &q("is the water the same"),
        "The same water is different in May."
    ));
    assert!(!denies(
        &q("is the water the same"),
        "The water is not different."
    ));
}

#[test]
fn a_day_in_the_possessive_is_read_as_the() {
    assert_eq!(
        without_possessive_days("What's Today's talk about?").as_deref(),
        Some("What's the talk about?")
    );
    assert_eq!(
        without_possessive_days("tonights party").as_deref(),
        Some("the party")
    );
    assert_eq!(without_possessive_days("is it today?"), None);
    assert_eq!(without_possessive_days("todays"), None);
}

#[test]
fn being_disliked_or_ignored_denies_being_liked() {
    let q = |text: &str| -> Vec<String> { text.split_whitespace().map(String::from).collect() };
    assert!(denies(
        &q("is the ferry popular"),
        "The ferry is seen in a negative way."
    ));
    assert!(denies(
        &q("are people excited about it"),
        "There is a general lack of interest."
    ));
    // Unless the clause says it is liked too, or denies the dislike.
    assert!(!denies(
        &q("is the ferry popular"),
        "The ferry is popular though critical voices exist."
    ));
    assert!(!denies(
        &q("is the ferry popular"),
        "The ferry is popular and not hostile."
    ));
    assert!(!denies(
        &q("is the ferry popular"),
        "Nobody is hostile to the ferry, not hostile at all."
    ));
}

#[test]
fn calling_a_thing_unlikely_denies_that_it_is_so() {
    let q = |text: &str| -> Vec<String> { text.split_whitespace().map(String::from).collect() };
    assert!(denies(
        &q("does lima fear a flood from the port"),
        "Lima deemed a flood caused by the port unlikely, unlike one from the river."
    ));
    // Not where the question weighs one thing against another, asks about a name the clause leaves out,
    // or the doubt is an aside about another word of the sentence.
    assert!(!denies(
        &q("is a flood from the port bigger than from the river"),
        "Lima deemed a flood caused by the port unlikely, unlike one from the river."
    ));
    assert!(!denies(
        &q("does lima fear a flood from the rimac"),
        "Lima deemed a flood caused by the port unlikely, unlike one from the Rimac."
    ));
    assert!(!denies(
        &q("could the view on floods change"),
        "The view, that a flood is unlikely, may change."
    ));
    // A short opposite beside a longer word denies: "low-risk" of "high risk".
    assert!(denies(
        &q("is the crossing high risk"),
        "The crossing is relatively low-risk."
    ));
}

#[test]
fn not_only_denies_only() {
    let q = |text: &str| -> Vec<String> { text.split_whitespace().map(String::from).collect() };
    assert!(denies(
        &q("is the ferry only for cars"),
        "The ferry runs daily, not only for cars but also for bikes."
    ));
    // A question that does not ask "only" is not denied by it, nor is one about another clause.
    assert!(!denies(
        &q("is the ferry for cars"),
        "The ferry runs daily, not only for cars but also for bikes."
    ));
    assert!(!denies(
        &q("is the ferry only on sundays"),
        "The ferry runs daily, not only for cars but also for bikes."
    ));
}

#[test]
fn a_break_is_the_noun_not_the_verb() {
    let w = |text: &str| -> Vec<String> { text.split_whitespace().map(String::from).collect() };
    assert!(asks_about_a_break(&w("is there a break")));
    assert!(asks_about_a_break(&w(
        "when is the coffee break between the parts"
    )));
    assert!(!asks_about_a_break(&w("would they break the rules")));
}
