//! Live reload at the core: a [`Reloader`] watching a knowledge directory while a client asks questions
//! without pause, as `usher serve` runs it but without Discord.
//!
//! The knowledge is [`versioned`]: an answer that names two versions was built from old and new files at
//! once.

use std::collections::HashMap;
use std::fs;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use jiff::Timestamp;
use tokio::sync::broadcast::error::TryRecvError;
use usher::clock::{FixedClock, SystemClock};
use usher::engine::Thresholds;
use usher::live::SharedEngine;
use usher::reload::{Changes, ReloadOutcome, Reloader};

/// How long a test waits for something that should take well under a second.
const DEADLINE: Duration = Duration::from_secs(5);
/// How often it looks.
const POLL: Duration = Duration::from_millis(2);

#[path = "support/versioned_knowledge.rs"]
mod versioned;

use versioned::{EVENT, FAQ, Files, QUESTION, VERSIONS, sessions, speakers, versions_in};

/// A client that asks [`QUESTION`] without pause on its own thread, and notes what it gets.
struct Asker {
    stop: Arc<AtomicBool>,
    asked: Arc<AtomicUsize>,
    seen: Arc<Mutex<Seen>>,
    thread: Option<JoinHandle<()>>,
}

#[derive(Default)]
struct Seen {
    /// When each version was first in an answer.
    first: HashMap<usize, Instant>,
    /// The version of the latest answer.
    latest: Option<usize>,
    /// Answers that were not answers, or named two versions, with their text.
    bad: Vec<String>,
}

impl Asker {
    fn start(engine: SharedEngine) -> Asker {
        let stop = Arc::new(AtomicBool::new(false));
        let asked = Arc::new(AtomicUsize::new(0));
        let seen = Arc::new(Mutex::new(Seen::default()));
        let thread = {
            let (stop, asked, seen) = (Arc::clone(&stop), Arc::clone(&asked), Arc::clone(&seen));
            std::thread::spawn(move || {
                let now: Timestamp = "2026-05-01T12:00:00Z".parse().expect("a time");
                while !stop.load(Ordering::Relaxed) {
                    let answer = engine.load().answer(QUESTION, now, None);
                    let at = Instant::now();
                    asked.fetch_add(1, Ordering::Relaxed);
                    let mut seen = seen.lock().expect("the asker's notes");
                    match versions_in(&answer.text) {
                        (Some(a), Some(b)) if a == b && answer.matched => {
                            seen.first.entry(a).or_insert(at);
                            seen.latest = Some(a);
                        }
                        _ => seen.bad.push(answer.text),
                    }
                }
            })
        };
        Asker {
            stop,
            asked,
            seen,
            thread: Some(thread),
        }
    }

    /// Waits until an answer names `version`, and returns when that first happened.
    fn wait_for(&self, version: usize) -> Instant {
        let deadline = Instant::now() + DEADLINE;
        loop {
            if let Some(&at) = self.seen.lock().expect("notes").first.get(&version) {
                return at;
            }
            assert!(
                Instant::now() < deadline,
                "version {version} ({}) was not answered within {DEADLINE:?}",
                VERSIONS[version]
            );
            std::thread::sleep(POLL);
        }
    }

    fn latest(&self) -> Option<usize> {
        self.seen.lock().expect("notes").latest
    }

    /// Stops asking; returns how many questions were asked. Fails if any answer was bad.
    fn finish(mut self) -> usize {
        self.stop.store(true, Ordering::Relaxed);
        if let Some(thread) = self.thread.take() {
            thread.join().expect("the asker did not panic");
        }
        let seen = self.seen.lock().expect("notes");
        assert!(
            seen.bad.is_empty(),
            "{} bad answer(s), the first: {}",
            seen.bad.len(),
            seen.bad[0]
        );
        self.asked.load(Ordering::Relaxed)
    }
}

impl Drop for Asker {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
    }
}

/// Polls `check` until it holds, failing with `what` after [`DEADLINE`].
fn eventually(what: &str, mut check: impl FnMut() -> bool) {
    let deadline = Instant::now() + DEADLINE;
    while !check() {
        assert!(Instant::now() < deadline, "not within {DEADLINE:?}: {what}");
        std::thread::sleep(POLL);
    }
}

/// Like [`eventually`], without blocking the test's runtime.
async fn eventually_async(what: &str, mut check: impl FnMut() -> bool) {
    let deadline = Instant::now() + DEADLINE;
    while !check() {
        assert!(Instant::now() < deadline, "not within {DEADLINE:?}: {what}");
        tokio::time::sleep(POLL).await;
    }
}

fn median(mut values: Vec<Duration>) -> Duration {
    values.sort();
    values[values.len() / 2]
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn edits_go_live_within_a_second_while_questions_keep_coming() {
    let files = Files::new(0);
    let engine = files.load();
    let reloader = Arc::new(Reloader::new(
        Arc::clone(&engine),
        files.dir(),
        Thresholds::default(),
        Arc::new(SystemClock),
    ));
    let _watcher = reloader.watch().expect("the directory can be watched");
    let asker = Asker::start(Arc::clone(&engine));
    asker.wait_for(0);

    let mut latencies = Vec::new();
    for version in 1..VERSIONS.len() {
        let written = Instant::now();
        files.set_version(version);
        let live = asker.wait_for(version);
        latencies.push(live.duration_since(written));
        // The next edit comes after this one is live, as a maintainer checks their change first.
    }
    let questions = asker.finish();
    println!(
        "write to first new answer, {} edits: median {:?}, max {:?}, all {latencies:?}; {questions} questions asked",
        latencies.len(),
        median(latencies.clone()),
        latencies.iter().max().expect("edits")
    );
    for (i, latency) in latencies.iter().enumerate() {
        assert!(
            *latency < Duration::from_secs(1),
            "edit {} took {latency:?} to go live",
            i + 1
        );
    }
    assert!(questions > 100, "only {questions} questions were asked");
    let status = reloader.status();
    assert!(status.last_error.is_none());
    assert_eq!(status.version, engine.load().knowledge().fingerprint);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn broken_edits_keep_the_old_answers_and_are_reported_once_with_their_place() {
    let files = Files::new(0);
    let engine = files.load();
    let reloader = Arc::new(Reloader::new(
        Arc::clone(&engine),
        files.dir(),
        Thresholds::default(),
        Arc::new(SystemClock),
    ));
    let mut failures = reloader.failures();
    let _watcher = reloader.watch().expect("the directory can be watched");
    let asker = Asker::start(Arc::clone(&engine));
    let live_version = engine.load().knowledge().fingerprint.clone();

    // A syntax error: an unterminated string.
    files.write(
        "faq.toml",
        "[[faq]]\nid = \"wifi\"\nquestion = \"What is the wifi password?\"\nanswer = \"x\n",
    );
    let failure = tokio::time::timeout(DEADLINE, failures.recv())
        .await
        .expect("a failure is reported in time")
        .expect("the reloader lives");
    let faq = files.path("faq.toml");
    assert_eq!(
        failure.to_string(),
        format!(
            "{}:4:12: invalid basic string, expected `\"`",
            faq.display()
        )
    );

    // The same mistake saved again is not reported again, but is still the last error.
    let first_at = failure.at;
    files.write(
        "faq.toml",
        "[[faq]]\nid = \"wifi\"\nquestion = \"What is the wifi password?\"\nanswer = \"x\n",
    );
    eventually_async("the second save is reloaded", || {
        reloader
            .status()
            .last_error
            .is_some_and(|e| e.at > first_at)
    })
    .await;
    assert!(matches!(failures.try_recv(), Err(TryRecvError::Empty)));

    // Valid TOML with a dangling reference, while the syntax error is fixed: one new failure.
    files.write("faq.toml", FAQ);
    files.write(
        "sessions.toml",
        &sessions(0).replace("[\"alice\"]", "[\"bobb\"]"),
    );
    let failure = tokio::time::timeout(DEADLINE, failures.recv())
        .await
        .expect("a failure is reported in time")
        .expect("the reloader lives");
    assert_eq!(
        failure.to_string(),
        format!(
            "{}:6:13: unknown speaker `bobb`",
            files.path("sessions.toml").display()
        )
    );
    assert_eq!(engine.load().knowledge().fingerprint, live_version);
    assert_eq!(asker.latest(), Some(0), "the old answers keep coming");
    let ReloadOutcome::Kept { version, .. } = reloader.reload_now().await else {
        panic!("broken knowledge went live")
    };
    assert_eq!(version, live_version);

    // Fixing the file makes the new content live, and clears the error.
    let fixed = Instant::now();
    files.set_version(1);
    let live = asker.wait_for(1);
    println!(
        "fixed file to first new answer: {:?}",
        live.duration_since(fixed)
    );
    assert!(live.duration_since(fixed) < Duration::from_secs(1));
    eventually("the error is cleared", || {
        reloader.status().last_error.is_none()
    });
    asker.finish();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn deleting_a_file_or_the_directory_keeps_the_old_knowledge() {
    let files = Files::new(0);
    let engine = files.load();
    let reloader = Arc::new(Reloader::new(
        Arc::clone(&engine),
        files.dir(),
        Thresholds::default(),
        Arc::new(SystemClock),
    ));
    let mut failures = reloader.failures();
    let _watcher = reloader.watch().expect("the directory can be watched");
    let asker = Asker::start(Arc::clone(&engine));

    // Without speakers.toml, the session names a speaker who does not exist.
    fs::remove_file(files.path("speakers.toml")).expect("a file is deleted");
    let failure = tokio::time::timeout(DEADLINE, failures.recv())
        .await
        .expect("a failure is reported in time")
        .expect("the reloader lives");
    assert_eq!(
        failure.to_string(),
        format!(
            "{}:6:13: unknown speaker `alice`: no [[speaker]] is defined",
            files.path("sessions.toml").display()
        )
    );

    fs::remove_dir_all(files.dir()).expect("the directory is deleted");
    let failure = tokio::time::timeout(DEADLINE, failures.recv())
        .await
        .expect("a failure is reported in time")
        .expect("the reloader lives");
    assert_eq!(
        failure.to_string(),
        format!(
            "{}: the knowledge directory does not exist",
            files.dir().display()
        )
    );
    assert_eq!(asker.latest(), Some(0), "the old answers keep coming");

    // The directory made again, with new content: seen through the parent's watch, and watched again.
    files.create(1);
    asker.wait_for(1);
    files.set_version(2);
    asker.wait_for(2);
    assert!(reloader.status().last_error.is_none());
    asker.finish();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn editors_that_save_by_renaming_are_seen() {
    let files = Files::new(0);
    let engine = files.load();
    let reloader = Arc::new(Reloader::new(
        Arc::clone(&engine),
        files.dir(),
        Thresholds::default(),
        Arc::new(SystemClock),
    ));
    let _watcher = reloader.watch().expect("the directory can be watched");
    let asker = Asker::start(Arc::clone(&engine));

    // Write a temporary file beside the real one, then rename it over the real one.
    for (name, text) in [
        ("speakers.toml", speakers(1)),
        ("sessions.toml", sessions(1)),
    ] {
        let temporary = files.path(&format!(".{name}.tmp"));
        fs::write(&temporary, text).expect("a temporary file is written");
        fs::rename(&temporary, files.path(name)).expect("the rename succeeds");
    }
    asker.wait_for(1);

    // Move the old file aside as a backup, then write a new one (vim's default with `backupcopy=no`).
    for (name, text) in [
        ("speakers.toml", speakers(2)),
        ("sessions.toml", sessions(2)),
    ] {
        fs::rename(files.path(name), files.path(&format!("{name}~"))).expect("a backup");
        fs::write(files.path(name), text).expect("the new file is written");
    }
    asker.wait_for(2);
    asker.finish();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_reload_reports_added_changed_and_removed_topics() {
    let files = Files::new(0);
    let engine = files.load();
    // The reloader reads the time from the clock it is given: here one stopped at a known moment.
    let at: Timestamp = "2026-06-01T08:00:00Z".parse().expect("a time");
    let reloader = Reloader::new(
        Arc::clone(&engine),
        files.dir(),
        Thresholds::default(),
        Arc::new(FixedClock(at)),
    );

    let ReloadOutcome::Unchanged { version } = reloader.reload_now().await else {
        panic!("the same files are no change")
    };
    assert_eq!(version, engine.load().knowledge().fingerprint);
    assert_eq!(reloader.status().loaded_at, at);

    files.write(
        "faq.toml",
        "[[faq]]\nid = \"lunch\"\nquestion = \"Is lunch provided?\"\nanswer = \"Yes, at noon.\"\n",
    );
    files.write("sessions.toml", &sessions(1));
    // A change of place alone (a blank line above the entry) is no change of the topic.
    files.write("event.toml", &format!("\n{EVENT}"));
    let outcome = reloader.reload_now().await;
    let ReloadOutcome::Swapped { changes, .. } = &outcome else {
        panic!("valid edits are swapped in: {outcome}")
    };
    assert_eq!(
        *changes,
        Changes {
            added: vec!["faq.lunch".into()],
            changed: vec!["event.programme".into(), "session.opening".into()],
            removed: vec!["faq.wifi".into()],
        }
    );
    assert!(
        outcome
            .to_string()
            .contains("1 added (faq.lunch), 2 changed (event.programme, session.opening), 1 removed (faq.wifi)"),
        "{outcome}"
    );
    let answer = engine
        .load()
        .answer("is lunch provided?", Timestamp::UNIX_EPOCH, None);
    assert_eq!(answer.text, "Yes, at noon.");
}

#[cfg(unix)]
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sighup_reloads() {
    let files = Files::new(0);
    let engine = files.load();
    let reloader = Arc::new(Reloader::new(
        Arc::clone(&engine),
        files.dir(),
        Thresholds::default(),
        Arc::new(SystemClock),
    ));
    // No watcher: only the signal can bring the edit in.
    let hangups = usher::reload::reload_on_hangup(Arc::clone(&reloader)).expect("a handler");
    files.set_version(1);
    let before = engine.load().knowledge().fingerprint.clone();
    let status = std::process::Command::new("kill")
        .args(["-HUP", &std::process::id().to_string()])
        .status()
        .expect("kill runs");
    assert!(status.success());
    eventually_async("SIGHUP reloads the knowledge", || {
        engine.load().knowledge().fingerprint != before
    })
    .await;
    let text = engine
        .load()
        .answer(QUESTION, Timestamp::UNIX_EPOCH, None)
        .text;
    assert_eq!(versions_in(&text), (Some(1), Some(1)), "{text}");
    hangups.abort();
}

#[test]
fn the_fixtures_read_as_one_version_each() {
    // The asker's check itself, on texts it must accept and reject.
    assert_eq!(
        versions_in("Opening keynote: The bravo edition of the opening. Speakers: Alice Bravo."),
        (Some(1), Some(1))
    );
    assert_eq!(
        versions_in("Opening keynote: The bravo edition of the opening. Speakers: Alice Alpha."),
        (Some(0), Some(1))
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_file_read_while_it_is_saved_never_goes_live_half_written() {
    let files = Files::new(0);
    let engine = files.load();
    let reloader = Arc::new(Reloader::new(
        Arc::clone(&engine),
        files.dir(),
        Thresholds::default(),
        Arc::new(SystemClock),
    ));
    // The watcher sees each save as it happens, and reloads once they stop.
    let _watcher = reloader.watch().expect("the directory can be watched");
    // An editor saving one file in bursts, a save every few milliseconds and then a pause longer than the
    // debounce. Each save truncates the file and then writes it, and a load that reads between the two
    // finds an empty file, which is valid knowledge without the session.
    let saving = Arc::new(AtomicBool::new(true));
    let editor = {
        let saving = Arc::clone(&saving);
        let path = files.path("sessions.toml");
        std::thread::spawn(move || {
            let mut saves = 0;
            while saving.load(Ordering::Relaxed) {
                for _ in 0..10 {
                    fs::write(&path, sessions(0)).expect("the file is saved");
                    saves += 1;
                    std::thread::sleep(Duration::from_millis(3));
                }
                std::thread::sleep(Duration::from_millis(500));
            }
            saves
        })
    };
    // Reloads by hand (`/reload`, SIGHUP) come at any moment of a burst or a pause.
    let now: Timestamp = "2026-05-01T12:00:00Z".parse().expect("a time");
    let (mut reloads, mut unsettled, mut unanswered) = (0, 0, 0);
    let until = Instant::now() + Duration::from_secs(3);
    while Instant::now() < until {
        let outcome = reloader.reload_now().await;
        reloads += 1;
        if let ReloadOutcome::Unsettled { .. } = outcome {
            unsettled += 1;
        }
        if !engine.load().answer(QUESTION, now, None).matched {
            unanswered += 1;
        }
        tokio::time::sleep(Duration::from_millis(1)).await;
    }
    saving.store(false, Ordering::Relaxed);
    let saves = editor.join().expect("the editor did not panic");
    println!("{saves} saves, {reloads} reloads, {unsettled} of them unsettled");
    assert!(saves >= 50, "only {saves} saves");
    assert!(
        unsettled > 0 && unsettled < reloads,
        "{unsettled} of {reloads} reloads were unsettled: the reloads did not meet both saves and pauses"
    );
    assert_eq!(
        unanswered, 0,
        "{unanswered} of {reloads} reloads left a half-written file live"
    );
}
