//! Tests of the state store on real `SQLite` files.

use std::sync::{Arc, Barrier};

use jiff::{SignedDuration, Timestamp};

use super::*;
use crate::gaps::UnansweredQuestion;
use crate::schedule::under_faults;
use crate::schedule::{
    Announcement, Change, Ping, RECONCILE_ACTOR, Source, Status, Target, Wanted, reconcile,
};

fn at(seconds: i64) -> Timestamp {
    Timestamp::constant(1_750_000_000 + seconds, 0)
}

fn new(text: &str, due: i64) -> NewAnnouncement {
    NewAnnouncement {
        text: text.to_owned(),
        channel: Some(1_234_567_890_123_456_789),
        ping: Ping::Role(987_654_321_098_765_432),
        due_at: at(due),
        created_by: "alice".to_owned(),
    }
}

/// Where the tests' claims post, and what marks them.
fn target() -> Target {
    Target {
        channel: 1_234_567_890_123_456_789,
        marker: "Event \u{b7} announcement".to_owned(),
    }
}

fn actions(entries: &[AuditEntry]) -> Vec<(&str, &str, Option<&str>)> {
    entries
        .iter()
        .map(|entry| {
            (
                entry.actor.as_str(),
                entry.action.as_str(),
                entry.detail.as_deref(),
            )
        })
        .collect()
}

#[test]
fn open_creates_the_directory_and_enables_wal_and_full_sync() {
    let directory = tempfile::tempdir().unwrap();
    let path = directory
        .path()
        .join("data")
        .join("nested")
        .join("usher.sqlite3");
    let store = Store::open(&path).unwrap();
    assert!(path.exists());
    let mode: String = store
        .connection
        .pragma_query_value(None, "journal_mode", |row| row.get(0))
        .unwrap();
    assert_eq!(mode, "wal");
    // FULL is 2.
    let synchronous: i64 = store
        .connection
        .pragma_query_value(None, "synchronous", |row| row.get(0))
        .unwrap();
    assert_eq!(synchronous, 2);
    let timeout: i64 = store
        .connection
        .pragma_query_value(None, "busy_timeout", |row| row.get(0))
        .unwrap();
    assert_eq!(timeout, 5000);
}

#[test]
fn read_only_opening_reads_and_refuses_every_write() {
    let directory = tempfile::tempdir().unwrap();
    let path = directory.path().join("usher.sqlite3");
    Store::open(&path)
        .unwrap()
        .insert(&new("Doors open", 60), at(0))
        .unwrap();
    let mut store = Store::open_read_only(&path).unwrap();
    assert_eq!(store.list_upcoming().unwrap().len(), 1);
    assert_eq!(store.unanswered_since(at(0)).unwrap(), Vec::new());
    let error = store.insert(&new("Drinks", 120), at(0)).unwrap_err();
    assert!(error.to_string().contains("readonly"), "{error}");

    // Nothing is created where there is no database.
    let missing = directory.path().join("missing.sqlite3");
    assert!(Store::open_read_only(&missing).is_err());
    assert!(!missing.exists());
}

#[test]
fn open_says_which_file_it_could_not_open() {
    let directory = tempfile::tempdir().unwrap();
    // A directory where the file should be.
    let path = directory.path().join("usher.sqlite3");
    std::fs::create_dir(&path).unwrap();
    let error = Store::open(&path).unwrap_err().to_string();
    assert!(
        error.starts_with(&format!(
            "could not open the state database at {}: ",
            path.display()
        )),
        "{error}"
    );

    // A file where the directory should be.
    let blocker = directory.path().join("data");
    std::fs::write(&blocker, "").unwrap();
    let error = Store::open(blocker.join("usher.sqlite3"))
        .unwrap_err()
        .to_string();
    assert!(
        error.starts_with(&format!(
            "could not create the directory {} for the state database: ",
            blocker.display()
        )),
        "{error}"
    );
}

#[test]
fn insert_stores_everything_and_audits_the_creation() {
    let mut store = Store::open_in_memory().unwrap();
    let created = store
        .insert(&new("doors open at nine", 600), at(0))
        .unwrap();
    assert_eq!(
        created,
        Announcement {
            id: created.id,
            key: format!("manual:{}:{}", created.id, at(0).as_second()),
            text: "doors open at nine".to_owned(),
            channel: Some(1_234_567_890_123_456_789),
            recipient: None,
            ping: Ping::Role(987_654_321_098_765_432),
            due_at: at(600),
            created_by: "alice".to_owned(),
            created_at: at(0),
            source: Source::Manual,
            status: Status::Scheduled,
            target: None,
        }
    );
    assert_eq!(store.get(created.id).unwrap(), Some(created.clone()));
    assert_eq!(
        store.audit(created.id).unwrap(),
        vec![AuditEntry {
            announcement_id: created.id,
            at: at(0),
            actor: "alice".to_owned(),
            action: AuditAction::Created,
            detail: Some("doors open at nine".to_owned()),
        }]
    );
    let second = store.insert(&new("lunch", 900), at(1)).unwrap();
    assert_ne!(second.key, created.key);
}

#[test]
fn discord_ids_above_the_signed_range_round_trip() {
    let mut store = Store::open_in_memory().unwrap();
    let huge = NewAnnouncement {
        channel: Some(u64::MAX),
        ping: Ping::Role(u64::MAX - 1),
        ..new("x", 10)
    };
    let id = store.insert(&huge, at(0)).unwrap().id;
    assert!(store.claim(id, &target(), at(10)).unwrap());
    store.mark_posted(id, u64::MAX - 2, at(11)).unwrap();
    let stored = store.get(id).unwrap().unwrap();
    assert_eq!(stored.channel, Some(u64::MAX));
    assert_eq!(stored.ping, Ping::Role(u64::MAX - 1));
    assert_eq!(
        stored.status,
        Status::Posted {
            message_id: u64::MAX - 2,
            posted_at: at(11)
        }
    );
}

#[test]
fn the_posting_life_cycle_is_recorded_and_audited() {
    let mut store = Store::open_in_memory().unwrap();
    let id = store.insert(&new("keynote soon", 60), at(0)).unwrap().id;

    assert!(store.claim(id, &target(), at(60)).unwrap());
    assert!(
        !store.claim(id, &target(), at(61)).unwrap(),
        "a second claim must lose"
    );
    assert_eq!(
        store.get(id).unwrap().unwrap().status,
        Status::Posting {
            attempt: 1,
            claimed_at: at(60)
        }
    );
    assert!(
        !store.claim_retry(id, 3, at(80)).unwrap(),
        "attempt 3 cannot follow attempt 1"
    );
    assert!(store.claim_retry(id, 2, at(80)).unwrap());
    assert!(
        !store.claim_retry(id, 2, at(80)).unwrap(),
        "the same retry claim must lose"
    );
    assert_eq!(
        store.get(id).unwrap().unwrap().status,
        Status::Posting {
            attempt: 2,
            claimed_at: at(60)
        }
    );
    store.mark_posted(id, 555, at(81)).unwrap();
    // Recording the same message again is harmless; another message is refused.
    store.mark_posted(id, 555, at(82)).unwrap();
    assert_eq!(
        store.mark_posted(id, 556, at(82)).unwrap_err().to_string(),
        format!("announcement {id} is posted, so it cannot be marked posted")
    );
    assert_eq!(
        actions(&store.audit(id).unwrap()),
        vec![
            ("alice", "created", Some("keynote soon")),
            (RECONCILE_ACTOR, "claimed", Some("attempt 1")),
            (RECONCILE_ACTOR, "retried", Some("attempt 2")),
            (RECONCILE_ACTOR, "posted", Some("message 555")),
        ]
    );
}

#[test]
fn release_and_miss_follow_the_rules() {
    let mut store = Store::open_in_memory().unwrap();
    let id = store.insert(&new("a", 60), at(0)).unwrap().id;
    assert_eq!(
        store.release(id, at(1)).unwrap_err().to_string(),
        format!("announcement {id} is scheduled, so it cannot be released")
    );
    assert!(store.claim(id, &target(), at(60)).unwrap());
    store.release(id, at(200)).unwrap();
    assert_eq!(store.get(id).unwrap().unwrap().status, Status::Scheduled);
    // A released announcement can be claimed afresh, with a new claim time.
    assert!(store.claim(id, &target(), at(201)).unwrap());
    store
        .mark_missed(id, "Discord refused it", at(202))
        .unwrap();
    assert_eq!(
        store.get(id).unwrap().unwrap().status,
        Status::Missed {
            at: at(202),
            reason: "Discord refused it".to_owned()
        }
    );
    // Organisers are to be told once: it is unreported until recorded as reported.
    assert_eq!(
        store
            .list_unreported()
            .unwrap()
            .iter()
            .map(|a| a.id)
            .collect::<Vec<_>>(),
        vec![id]
    );
    // The first telling is begun once; a later look is given when that one began, to look for it.
    assert_eq!(store.claim_report(id, at(203)).unwrap(), None);
    assert_eq!(store.claim_report(id, at(250)).unwrap(), Some(at(203)));
    assert_eq!(store.list_unreported().unwrap().len(), 1);
    store.mark_reported(id, at(204)).unwrap();
    assert!(store.list_unreported().unwrap().is_empty());
    assert_eq!(
        store.claim_report(id, at(260)).unwrap_err().to_string(),
        format!("announcement {id} is missed, so it cannot be reported as missed")
    );
    // The target stays recorded with it.
    assert_eq!(store.get(id).unwrap().unwrap().target, Some(target()));
    assert_eq!(
        store
            .mark_missed(id, "late", at(203))
            .unwrap_err()
            .to_string(),
        format!("announcement {id} is missed, so it cannot be marked missed")
    );
    assert_eq!(
        store
            .claim(crate::schedule::AnnouncementId(999), &target(), at(0))
            .unwrap_err()
            .to_string(),
        "there is no announcement 999"
    );
}

#[test]
fn only_scheduled_announcements_can_be_cancelled() {
    let mut store = Store::open_in_memory().unwrap();
    let scheduled = store.insert(&new("a", 60), at(0)).unwrap().id;
    let cancelled = store.cancel(scheduled, "bob", at(5)).unwrap();
    assert_eq!(
        cancelled.status,
        Status::Cancelled {
            by: "bob".to_owned(),
            at: at(5)
        }
    );
    assert_eq!(
        store
            .cancel(scheduled, "bob", at(6))
            .unwrap_err()
            .to_string(),
        format!("announcement {scheduled} is cancelled, so it cannot be cancelled")
    );
    assert!(
        !store.claim(scheduled, &target(), at(60)).unwrap(),
        "a cancelled announcement cannot be claimed"
    );

    let posting = store.insert(&new("b", 60), at(0)).unwrap().id;
    store.claim(posting, &target(), at(60)).unwrap();
    assert_eq!(
        store
            .cancel(posting, "bob", at(61))
            .unwrap_err()
            .to_string(),
        format!("announcement {posting} is being posted, so it cannot be cancelled")
    );
    assert!(matches!(
        store.cancel(crate::schedule::AnnouncementId(999), "bob", at(0)),
        Err(StoreError::NotFound(_))
    ));
    // The failed attempts left no audit rows behind.
    assert_eq!(
        actions(&store.audit(scheduled).unwrap()),
        vec![("alice", "created", Some("a")), ("bob", "cancelled", None)]
    );
}

#[test]
fn editing_returns_the_message_to_update_once_posted() {
    let mut store = Store::open_in_memory().unwrap();
    let id = store.insert(&new("dinner at 7", 60), at(0)).unwrap().id;
    assert_eq!(
        store.edit_text(id, "dinner at 8", "bob", at(10)).unwrap(),
        None
    );
    assert_eq!(store.get(id).unwrap().unwrap().text, "dinner at 8");

    store.claim(id, &target(), at(60)).unwrap();
    assert_eq!(
        store
            .edit_text(id, "x", "bob", at(61))
            .unwrap_err()
            .to_string(),
        format!("announcement {id} is being posted, so it cannot be edited")
    );
    store.mark_posted(id, 4242, at(62)).unwrap();
    assert_eq!(
        store
            .edit_text(id, "dinner at 8:30", "carol", at(70))
            .unwrap(),
        Some(4242)
    );
    assert_eq!(
        actions(&store.audit(id).unwrap()),
        vec![
            ("alice", "created", Some("dinner at 7")),
            ("bob", "edited", Some("dinner at 8")),
            (RECONCILE_ACTOR, "claimed", Some("attempt 1")),
            (RECONCILE_ACTOR, "posted", Some("message 4242")),
            ("carol", "edited", Some("dinner at 8:30")),
        ]
    );
}

#[test]
fn lists_select_and_order_as_documented() {
    let mut store = Store::open_in_memory().unwrap();
    let late = store.insert(&new("late", 300), at(0)).unwrap().id;
    let early = store.insert(&new("early", 100), at(1)).unwrap().id;
    let posted = store.insert(&new("posted", 50), at(2)).unwrap().id;
    let cancelled = store.insert(&new("cancelled", 200), at(3)).unwrap().id;
    let posted_later = store.insert(&new("posted later", 60), at(4)).unwrap().id;
    store.claim(posted, &target(), at(50)).unwrap();
    store.mark_posted(posted, 1, at(50)).unwrap();
    store.claim(posted_later, &target(), at(60)).unwrap();
    store.mark_posted(posted_later, 2, at(60)).unwrap();
    store.cancel(cancelled, "bob", at(70)).unwrap();

    let ids = |list: Vec<Announcement>| list.into_iter().map(|a| a.id).collect::<Vec<_>>();
    assert_eq!(ids(store.list_upcoming().unwrap()), vec![early, late]);
    assert_eq!(
        ids(store.list_recent(3).unwrap()),
        vec![posted_later, cancelled, posted]
    );
    assert_eq!(
        ids(store.list_all().unwrap()),
        vec![posted, posted_later, early, cancelled, late]
    );
    let texts = |channels: &[u64], n| {
        store
            .news(channels, n)
            .unwrap()
            .into_iter()
            .map(|item| item.text)
            .collect::<Vec<_>>()
    };
    assert_eq!(
        texts(&[target().channel], 5),
        vec!["posted later", "posted"]
    );
    assert_eq!(texts(&[target().channel], 1), vec!["posted later"]);
    assert_eq!(store.audit_all().unwrap().len(), 5 + 2 * 2 + 1);
}

#[test]
fn news_is_what_was_posted_in_the_channels_asked_about() {
    let mut store = Store::open_in_memory().unwrap();
    let public = 100;
    let staff = 200;
    for (text, channel) in [
        ("doors open", public),
        ("the keynote speaker cancelled", staff),
    ] {
        let id = store
            .insert(
                &NewAnnouncement {
                    channel: None,
                    ..new(text, 10)
                },
                at(0),
            )
            .unwrap()
            .id;
        let target = Target {
            channel,
            marker: format!("#{id}"),
        };
        store.claim(id, &target, at(10)).unwrap();
        store
            .mark_posted(id, u64::try_from(id.0).unwrap(), at(11))
            .unwrap();
    }
    let texts = |channels: &[u64]| {
        store
            .news(channels, 5)
            .unwrap()
            .into_iter()
            .map(|item| item.text)
            .collect::<Vec<_>>()
    };
    assert_eq!(texts(&[public]), vec!["doors open"]);
    assert_eq!(texts(&[public, staff]).len(), 2);
    assert!(texts(&[]).is_empty());
}

#[test]
fn everything_survives_closing_and_reopening() {
    let directory = tempfile::tempdir().unwrap();
    let path = directory.path().join("usher.sqlite3");
    let (id, question) = {
        let mut store = Store::open(&path).unwrap();
        let id = store.insert(&new("kept", 60), at(0)).unwrap().id;
        store.claim(id, &target(), at(60)).unwrap();
        let question = UnansweredQuestion {
            text: "is there a cloakroom?".to_owned(),
            asked_at: at(5),
            channel: Some("help".to_owned()),
            best_topic: Some("venue".to_owned()),
            score: 0.375,
        };
        store.record_unanswered(&question).unwrap();
        (id, question)
    };
    let store = Store::open(&path).unwrap();
    // A claim made before a crash is still there after it: the scheduler relies on this.
    assert_eq!(
        store.get(id).unwrap().unwrap().status,
        Status::Posting {
            attempt: 1,
            claimed_at: at(60)
        }
    );
    assert_eq!(store.audit(id).unwrap().len(), 2);
    assert_eq!(store.unanswered_since(at(0)).unwrap(), vec![question]);
}

#[test]
fn of_two_connections_racing_to_claim_exactly_one_wins() {
    let directory = tempfile::tempdir().unwrap();
    let path = directory.path().join("usher.sqlite3");
    let ids: Vec<_> = {
        let mut store = Store::open(&path).unwrap();
        (0..40)
            .map(|n| {
                store
                    .insert(&new(&format!("race {n}"), 0), at(0))
                    .unwrap()
                    .id
            })
            .collect()
    };
    let barrier = Arc::new(Barrier::new(2));
    let racers: Vec<_> = (0..2)
        .map(|_| {
            let path = path.clone();
            let ids = ids.clone();
            let barrier = Arc::clone(&barrier);
            std::thread::spawn(move || {
                let mut store = Store::open(&path).unwrap();
                ids.iter()
                    .map(|&id| {
                        barrier.wait();
                        store.claim(id, &target(), at(1)).unwrap()
                    })
                    .collect::<Vec<bool>>()
            })
        })
        .collect();
    let results: Vec<Vec<bool>> = racers
        .into_iter()
        .map(|racer| racer.join().unwrap())
        .collect();
    for (index, id) in ids.iter().enumerate() {
        let winners = results.iter().filter(|wins| wins[index]).count();
        assert_eq!(winners, 1, "announcement {id} had {winners} winners");
    }
    let store = Store::open(&path).unwrap();
    let claims = store
        .audit_all()
        .unwrap()
        .into_iter()
        .filter(|entry| entry.action == AuditAction::Claimed)
        .count();
    assert_eq!(claims, ids.len());
}

#[test]
fn reconciled_changes_are_applied_and_audited() {
    let mut store = Store::open_in_memory().unwrap();
    let manual = store.insert(&new("manual", 60), at(0)).unwrap().id;
    let wanted = |key: &str, due: i64, text: &str| Wanted {
        key: key.to_owned(),
        due_at: at(due),
        text: text.to_owned(),
        channel: None,
        recipient: None,
        ping: Ping::Everyone,
    };

    let first = vec![wanted("news:a", 100, "a"), wanted("news:b", 200, "b")];
    let changes = reconcile(&store.list_all().unwrap(), &first, Source::Knowledge);
    assert_eq!(store.apply(&changes, at(1)).unwrap(), 2);
    // Applying the same wishes again changes nothing.
    let again = reconcile(&store.list_all().unwrap(), &first, Source::Knowledge);
    assert_eq!(again, vec![]);

    // a is reworded, b is dropped.
    let second = vec![wanted("news:a", 100, "a, reworded")];
    let changes = reconcile(&store.list_all().unwrap(), &second, Source::Knowledge);
    assert_eq!(store.apply(&changes, at(2)).unwrap(), 2);
    let by_key = |store: &Store, key: &str| {
        store
            .list_all()
            .unwrap()
            .into_iter()
            .find(|announcement| announcement.key == key)
            .unwrap()
    };
    assert_eq!(by_key(&store, "news:a").text, "a, reworded");
    assert_eq!(
        by_key(&store, "news:b").status,
        Status::Cancelled {
            by: RECONCILE_ACTOR.to_owned(),
            at: at(2)
        }
    );

    // b comes back.
    let third = vec![
        wanted("news:a", 100, "a, reworded"),
        wanted("news:b", 250, "b"),
    ];
    let changes = reconcile(&store.list_all().unwrap(), &third, Source::Knowledge);
    assert_eq!(store.apply(&changes, at(3)).unwrap(), 1);
    let b = by_key(&store, "news:b");
    assert_eq!((b.status, b.due_at), (Status::Scheduled, at(250)));
    assert_eq!(
        actions(&store.audit(b.id).unwrap()),
        vec![
            (RECONCILE_ACTOR, "created", Some("b")),
            (RECONCILE_ACTOR, "cancelled", None),
            (RECONCILE_ACTOR, "restored", Some("b")),
        ]
    );
    // The manual announcement was never touched.
    assert_eq!(store.audit(manual).unwrap().len(), 1);
    assert_eq!(by_key(&store, "news:a").source, Source::Knowledge);
}

#[test]
fn stale_changes_are_skipped() {
    let mut store = Store::open_in_memory().unwrap();
    let id = store.insert(&new("manual", 60), at(0)).unwrap().id;
    let key = store.get(id).unwrap().unwrap().key;
    store.claim(id, &target(), at(60)).unwrap();
    let wanted = Wanted {
        key: key.clone(),
        due_at: at(90),
        text: "changed".to_owned(),
        channel: None,
        recipient: None,
        ping: Ping::None,
    };
    let stale = [
        Change::Update {
            id,
            wanted: wanted.clone(),
        },
        Change::Restore {
            id,
            wanted: wanted.clone(),
        },
        Change::Cancel { id },
        Change::Insert {
            wanted,
            source: Source::Knowledge,
        },
    ];
    assert_eq!(store.apply(&stale, at(61)).unwrap(), 0);
    assert!(matches!(
        store.get(id).unwrap().unwrap().status,
        Status::Posting { .. }
    ));
    assert_eq!(store.list_all().unwrap().len(), 1);
}

#[test]
fn unanswered_questions_are_listed_since_a_time_and_purged() {
    let mut store = Store::open_in_memory().unwrap();
    let question = |text: &str, seconds: i64| UnansweredQuestion {
        text: text.to_owned(),
        asked_at: at(seconds),
        channel: None,
        best_topic: None,
        score: 0.0,
    };
    for (text, seconds) in [("old", 0), ("middle", 100), ("new", 200)] {
        store.record_unanswered(&question(text, seconds)).unwrap();
    }
    let texts = |store: &Store, since: i64| {
        store
            .unanswered_since(at(since))
            .unwrap()
            .into_iter()
            .map(|q| q.text)
            .collect::<Vec<_>>()
    };
    assert_eq!(texts(&store, 100), vec!["middle", "new"]);
    assert_eq!(store.purge_older_than(at(100)).unwrap(), 1);
    assert_eq!(texts(&store, 0), vec!["middle", "new"]);
}

/// The store as the ledger of the shipped loop under faults, so that the property tests check the real
/// transitions.
impl under_faults::Inspect for Store {
    fn all(&mut self) -> Vec<Announcement> {
        self.list_all().unwrap()
    }

    fn cancel_now(&mut self, id: crate::schedule::AnnouncementId, now: Timestamp) {
        let _ = Store::cancel(self, id, "tester", now);
    }
}

fn store_with(announcements: &[Announcement]) -> Store {
    let mut store = Store::open_in_memory().unwrap();
    for announcement in announcements {
        let id = store
            .insert(
                &NewAnnouncement {
                    text: announcement.text.clone(),
                    channel: announcement.channel,
                    ping: announcement.ping,
                    due_at: announcement.due_at,
                    created_by: announcement.created_by.clone(),
                },
                announcement.created_at,
            )
            .unwrap()
            .id;
        assert_eq!(id, announcement.id);
    }
    store
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(200))]

    #[test]
    fn the_shipped_loop_under_faults_holds_on_the_real_store(scenario in under_faults::scenario()) {
        let mut store = store_with(&under_faults::scheduled(&scenario.due_offsets));
        under_faults::run_and_check(&mut store, &scenario)?;
    }
}

#[test]
fn a_sigkill_between_claim_and_record_is_healed_after_reopening() {
    let directory = tempfile::tempdir().unwrap();
    let path = directory.path().join("usher.sqlite3");
    let world = under_faults::World::at(at(60));
    {
        let mut store = Store::open(&path).unwrap();
        store.insert(&new("doors open", 60), at(0)).unwrap();
        world
            .lock()
            .unwrap()
            .faults
            .push_back(under_faults::Fault::KillAfter);
        let mut run = under_faults::Run::new(
            &mut store,
            std::sync::Arc::clone(&world),
            under_faults::settings(SignedDuration::from_mins(10)),
        );
        run.step();
        assert_eq!(run.kills, 1);
        // The process dies here, with the message sent and the claim on disk.
    }
    let mut store = Store::open(&path).unwrap();
    let claimed = store.list_all().unwrap();
    assert!(matches!(
        claimed[0].status,
        Status::Posting { attempt: 1, .. }
    ));
    // The channel it was sent to is on disk with the claim.
    assert_eq!(
        claimed[0].target.as_ref().map(|t| t.channel),
        new("doors open", 60).channel
    );
    let mut run = under_faults::Run::new(
        &mut store,
        std::sync::Arc::clone(&world),
        under_faults::settings(SignedDuration::from_mins(10)),
    );
    run.settle();
    let tally = run.check().unwrap();
    assert_eq!(tally.posted, 1);
    assert_eq!(world.lock().unwrap().messages.len(), 1);
}

#[test]
fn unanswered_questions_are_cut_and_capped() {
    let mut store = Store::open_in_memory().expect("a store");
    let long = UnansweredQuestion {
        text: "x".repeat(4000),
        asked_at: at(10),
        channel: None,
        best_topic: None,
        score: 0.0,
    };
    store.record_unanswered(&long).expect("recorded");
    let kept = store.unanswered_since(at(0)).expect("listed");
    assert_eq!(kept[0].text.chars().count(), unanswered::MAX_QUESTION_CHARS);
}

mod agendas_and_votes {
    use jiff::Timestamp;

    use crate::schedule::{Change, Ping, Source, Status, Wanted};
    use crate::store::{Store, Voted};

    fn at(seconds: i64) -> Timestamp {
        Timestamp::from_second(1_780_000_000 + seconds).unwrap()
    }

    fn direct(key: &str, user: u64) -> Change {
        Change::Insert {
            wanted: Wanted {
                key: key.to_owned(),
                due_at: at(600),
                text: "Reminder".to_owned(),
                channel: None,
                recipient: Some(user),
                ping: Ping::None,
            },
            source: Source::Reminder,
        }
    }

    #[test]
    fn clearing_an_agenda_deletes_the_participant_and_their_messages_only() {
        let mut store = Store::open_in_memory().unwrap();
        store.add_to_agenda(1, "a", at(0)).unwrap();
        store.add_to_agenda(1, "b", at(1)).unwrap();
        assert!(
            !store.add_to_agenda(1, "a", at(2)).unwrap(),
            "once per session"
        );
        store.add_to_agenda(2, "a", at(0)).unwrap();
        store
            .apply(&[direct("agenda:1:a", 1), direct("agenda:2:a", 2)], at(0))
            .unwrap();
        store.record_refusal(1, at(3)).unwrap();

        assert_eq!(store.clear_agenda(1).unwrap(), 2);
        assert!(store.agenda_of(1).unwrap().is_empty());
        let left: Vec<Option<u64>> = store
            .list_all()
            .unwrap()
            .iter()
            .map(|a| a.recipient)
            .collect();
        assert_eq!(left, vec![Some(2)]);
        assert!(!store.take_refusal_notice(1, at(4)).unwrap());

        assert_eq!(store.purge_agendas().unwrap(), 1);
        assert!(store.agendas().unwrap().is_empty());
        assert!(store.list_all().unwrap().is_empty());
        assert!(store.audit_all().unwrap().is_empty());
    }

    #[test]
    fn a_refusal_is_told_once() {
        let mut store = Store::open_in_memory().unwrap();
        assert!(!store.take_refusal_notice(5, at(0)).unwrap());
        store.record_refusal(5, at(0)).unwrap();
        assert!(store.take_refusal_notice(5, at(1)).unwrap());
        store.record_refusal(5, at(2)).unwrap();
        assert!(!store.take_refusal_notice(5, at(3)).unwrap());
    }

    #[test]
    fn a_participant_votes_once_per_answer_and_no_id_is_kept() {
        let mut store = Store::open_in_memory().unwrap();
        let user = 123_456_789_012_345_678_u64;
        assert_eq!(
            store.vote(10, "session.a", user, false, at(0)).unwrap(),
            Voted::New
        );
        assert_eq!(
            store.vote(10, "session.a", user, false, at(1)).unwrap(),
            Voted::Same
        );
        assert_eq!(
            store.vote(10, "session.a", user, true, at(2)).unwrap(),
            Voted::Changed
        );
        assert_eq!(
            store.vote(11, "session.a", user, false, at(3)).unwrap(),
            Voted::New
        );
        assert_eq!(
            store.vote(11, "session.a", 9, false, at(3)).unwrap(),
            Voted::New
        );
        assert_eq!(
            store.vote(12, "event.when", 9, true, at(3)).unwrap(),
            Voted::New
        );
        let votes = store.votes_since(at(0)).unwrap();
        assert_eq!(
            votes
                .iter()
                .map(|v| (v.topic.as_str(), v.down, v.up))
                .collect::<Vec<_>>(),
            vec![("session.a", 2, 1), ("event.when", 0, 1)]
        );
        // No column holds the user id, in any form that reads back as it.
        let hashes: Vec<Vec<u8>> = store
            .connection
            .prepare("SELECT voter FROM answer_votes")
            .unwrap()
            .query_map([], |row| row.get(0))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        assert_eq!(hashes.len(), 4);
        assert!(
            hashes
                .iter()
                .all(|h| h.len() == 32 && !h.windows(8).any(|w| w == user.to_be_bytes()))
        );
        assert_eq!(store.purge_votes(at(3)).unwrap(), 1);
        assert_eq!(store.votes_since(at(0)).unwrap().len(), 2);
    }

    #[test]
    fn the_programme_and_its_messages_are_recorded_together() {
        let mut store = Store::open_in_memory().unwrap();
        let programme = vec![crate::schedule::programme::ProgrammeSlot {
            id: "a".to_owned(),
            title: "Alpha".to_owned(),
            start: Some(at(0)),
            end: None,
            room: None,
            times: Some(Vec::new()),
            cancelled: false,
        }];
        store
            .apply_programme(&[direct("programme:1", 1)], &programme, at(0))
            .unwrap();
        assert_eq!(store.announced_programme().unwrap(), Some(programme));
        assert!(matches!(
            store.list_all().unwrap()[0].status,
            Status::Scheduled
        ));
    }
}
