use std::collections::{BTreeMap, BTreeSet};

use jiff::{SignedDuration, Timestamp};

use super::*;

fn at(hours: i64) -> Timestamp {
    Timestamp::from_second(1_800_000_000 + hours * 3600).unwrap()
}

fn wanted_at(key: &str, hour: i64) -> Wanted {
    Wanted {
        key: key.to_string(),
        name: key.to_uppercase(),
        description: String::new(),
        location: "Room".into(),
        start: at(hour),
        end: at(hour + 1),
    }
}

/// A guild and a ledger in memory: the ports the shipped `sync` runs through.
#[derive(Default)]
struct Fake {
    events: BTreeMap<u64, (Wanted, bool)>,
    next: u64,
    ledger: BTreeMap<String, Mirrored>,
}

impl GuildEvents for Fake {
    async fn listed(&mut self) -> Result<BTreeSet<u64>, String> {
        Ok(self
            .events
            .iter()
            .filter(|(_, (_, cancelled))| !cancelled)
            .map(|(id, _)| *id)
            .collect())
    }
    async fn create(&mut self, event: &Wanted) -> Result<u64, String> {
        if self.listed().await?.len() >= MAX_EVENTS_PER_GUILD {
            return Err("over the limit".into());
        }
        self.next += 1;
        self.events.insert(self.next, (event.clone(), false));
        Ok(self.next)
    }
    async fn update(&mut self, id: u64, event: &Wanted) -> Result<(), String> {
        self.events.get_mut(&id).ok_or("unknown")?.0 = event.clone();
        Ok(())
    }
    async fn cancel(&mut self, id: u64) -> Result<(), String> {
        self.events.get_mut(&id).ok_or("unknown")?.1 = true;
        Ok(())
    }
}

struct Ledger<'a>(&'a mut BTreeMap<String, Mirrored>);

impl MirrorLedger for Ledger<'_> {
    async fn mirrored(&mut self) -> Result<Vec<Mirrored>, String> {
        Ok(self.0.values().cloned().collect())
    }
    async fn remember(&mut self, mirrored: Mirrored) -> Result<(), String> {
        self.0.insert(mirrored.key.clone(), mirrored);
        Ok(())
    }
    async fn forget(&mut self, key: &str) -> Result<(), String> {
        self.0.remove(key);
        Ok(())
    }
}

fn run(fake: &mut Fake, wanted: &[Wanted], now: Timestamp) -> Report {
    let mut ledger = std::mem::take(&mut fake.ledger);
    let report = block_on(sync(wanted, fake, &mut Ledger(&mut ledger), now)).unwrap();
    fake.ledger = ledger;
    report
}

/// The futures here never wait, so one poll finishes them.
fn block_on<F: Future>(future: F) -> F::Output {
    let mut future = std::pin::pin!(future);
    let mut cx = std::task::Context::from_waker(std::task::Waker::noop());
    match future.as_mut().poll(&mut cx) {
        std::task::Poll::Ready(out) => out,
        std::task::Poll::Pending => panic!("a fake port waited"),
    }
}

#[test]
fn the_soonest_hundred_are_mirrored_the_rest_skipped_and_a_rerun_changes_nothing() {
    let wanted: Vec<Wanted> = (0..150)
        .map(|i| wanted_at(&format!("s{i:03}"), 10 + i))
        .collect();
    let mut fake = Fake::default();
    let report = run(&mut fake, &wanted, at(0));
    assert_eq!(report.created, MAX_EVENTS_PER_GUILD);
    assert_eq!(report.plan.skipped.len(), 50);
    assert!(
        report
            .plan
            .skipped
            .iter()
            .all(|s| s.reason == SkipReason::Limit)
    );
    assert_eq!(
        report.plan.skipped[0].key, "s100",
        "the latest are the ones left out"
    );
    assert!(
        report
            .plan
            .skipped_summary()
            .starts_with("50 not mirrored: Discord allows 100")
    );
    let again = run(&mut fake, &wanted, at(0));
    assert_eq!((again.created, again.updated, again.cancelled), (0, 0, 0));
    assert_eq!(fake.events.len(), 100, "no duplicates");
}

#[test]
fn a_removed_session_is_cancelled_and_frees_a_place_a_changed_one_is_updated() {
    let mut wanted: Vec<Wanted> = (0..101)
        .map(|i| wanted_at(&format!("s{i:03}"), 10 + i))
        .collect();
    let mut fake = Fake::default();
    run(&mut fake, &wanted, at(0));
    wanted.remove(0);
    wanted[0].name = "Renamed".into();
    let report = run(&mut fake, &wanted, at(0));
    assert_eq!(
        (report.created, report.updated, report.cancelled),
        (1, 1, 1)
    );
    assert!(fake.events[&1].1, "the first is cancelled");
    assert_eq!(fake.events[&2].0.name, "Renamed");
    assert!(report.plan.skipped.is_empty());
}

#[test]
fn events_made_by_others_count_towards_the_limit() {
    let mut fake = Fake::default();
    for i in 0..98 {
        fake.events.insert(1000 + i, (wanted_at("other", 5), false));
    }
    fake.next = 2000;
    let wanted: Vec<Wanted> = (0..5)
        .map(|i| wanted_at(&format!("s{i}"), 10 + i))
        .collect();
    let report = run(&mut fake, &wanted, at(0));
    assert_eq!(report.created, 2);
    assert_eq!(report.plan.others, 98);
    assert!(
        report
            .plan
            .skipped_summary()
            .contains("(98 made by others)")
    );
}

#[test]
fn started_and_ended_events_are_not_made_and_a_removed_running_one_is_left_to_end() {
    let wanted = vec![
        wanted_at("running", 0),
        wanted_at("over", -5),
        wanted_at("later", 3),
    ];
    let mut fake = Fake::default();
    let now = at(0).checked_add(SignedDuration::from_mins(30)).unwrap();
    let report = run(&mut fake, &wanted, now);
    assert_eq!(report.created, 1);
    assert_eq!(
        report.plan.skipped,
        vec![Skipped {
            key: "running".into(),
            name: "RUNNING".into(),
            reason: SkipReason::Started
        }]
    );
    // `later` starts, then is removed from the knowledge: not cancelled, only forgotten.
    let report = run(
        &mut fake,
        &[],
        at(3).checked_add(SignedDuration::from_mins(1)).unwrap(),
    );
    assert_eq!(report.cancelled, 0);
    assert!(fake.ledger.is_empty());
}

#[test]
fn the_knowledge_gives_keynotes_kinds_days_and_the_event_within_discords_lengths() {
    let knowledge = crate::knowledge::from_text(&format!(
        r#"
[event]
id = "forum"
title = "Water Forum"
kind = "Forum"
description = "{}"
time_zone = "Europe/Amsterdam"
start = 2026-06-01T09:00:00
end = 2026-06-02T17:00:00

[[session]]
id = "key"
title = "Opening keynote"
kind = "Keynote"
start = 2026-06-01T09:00:00
end = 2026-06-01T10:00:00

[[session]]
id = "ws"
title = "{}"
kind = "Workshop"
start = 2026-06-02T09:00:00
end = 2026-06-02T12:00:00

[[track]]
id = "main"
name = "Main Track"

[[session]]
id = "talk"
title = "A talk"
kind = "Talk"
track = "main"
start = 2026-06-02T13:00:00
end = 2026-06-02T14:00:00
"#,
        "d".repeat(1500),
        "t".repeat(150)
    ));
    let selection = Selection {
        event: true,
        keynotes: true,
        kinds: vec!["workshop".into()],
        tracks: Vec::new(),
        days: true,
    };
    let keys: Vec<String> = wanted(&knowledge, &selection)
        .into_iter()
        .map(|w| w.key)
        .collect();
    assert_eq!(
        keys,
        // Soonest first; at the same time, by key.
        [
            "day:2026-06-01",
            "event:forum",
            "session:key:0",
            "day:2026-06-02",
            "session:ws:0"
        ]
    );
    for w in wanted(&knowledge, &selection) {
        assert!(w.name.chars().count() <= NAME_LENGTH);
        assert!(w.description.chars().count() <= DESCRIPTION_LENGTH);
        assert!((1..=LOCATION_LENGTH).contains(&w.location.chars().count()));
        assert!(w.end > w.start);
    }
    let days: Vec<Wanted> = wanted(
        &knowledge,
        &Selection {
            days: true,
            ..Selection::default()
        },
    );
    assert_eq!(days[1].name, "Water Forum: day 2 (Tuesday 2 June)");
    assert_eq!(
        days[1].end,
        knowledge.sessions()[2].end.as_ref().unwrap().timestamp()
    );
    assert!(wanted(&knowledge, &Selection::default()).is_empty());
    // A track by its name, in any case; a category by its name when the kind says it otherwise.
    let by_track = Selection {
        tracks: vec!["main track".into()],
        ..Selection::default()
    };
    let keys: Vec<String> = wanted(&knowledge, &by_track)
        .into_iter()
        .map(|w| w.key)
        .collect();
    assert_eq!(keys, ["session:talk:0"]);
    let by_category = Selection {
        kinds: vec!["talk".into()],
        ..Selection::default()
    };
    assert_eq!(wanted(&knowledge, &by_category).len(), 1);
}

#[test]
fn a_session_marked_cancelled_is_not_wanted_so_its_mirrored_event_is_cancelled() {
    let text = r#"
[event]
id = "forum"
title = "Water Forum"
kind = "Forum"
description = "A forum."
time_zone = "Europe/Amsterdam"
start = 2026-06-01T09:00:00
end = 2026-06-02T17:00:00

[[session]]
id = "key"
title = "Opening keynote"
kind = "Keynote"
start = 2026-06-01T09:00:00
end = 2026-06-01T10:00:00

[[session]]
id = "late"
title = "Late keynote"
kind = "Keynote"
start = 2026-06-02T09:00:00
end = 2026-06-02T10:00:00
"#;
    let selection = Selection {
        event: false,
        keynotes: true,
        kinds: Vec::new(),
        tracks: Vec::new(),
        days: true,
    };
    let keys = |k: &crate::knowledge::Knowledge| -> Vec<String> {
        wanted(k, &selection).into_iter().map(|w| w.key).collect()
    };
    let before = crate::knowledge::from_text(text);
    assert_eq!(
        keys(&before),
        [
            "day:2026-06-01",
            "session:key:0",
            "day:2026-06-02",
            "session:late:0"
        ]
    );
    let marked = crate::knowledge::from_text(&text.replace(
        "end = 2026-06-02T10:00:00",
        "end = 2026-06-02T10:00:00\ncancelled = true",
    ));
    // Its day held only it, so the day goes as well.
    assert_eq!(keys(&marked), ["day:2026-06-01", "session:key:0"]);
    let mut fake = Fake::default();
    let now = "2026-05-01T00:00:00Z".parse::<Timestamp>().unwrap();
    run(&mut fake, &wanted(&before, &selection), now);
    let report = run(&mut fake, &wanted(&marked, &selection), now);
    assert_eq!((report.created, report.cancelled), (0, 2));
}
