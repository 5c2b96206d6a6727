//! Benchmarks of the matching engine: one question on the shipped seminar, one question on a generated
//! conference-sized base (beside a naive matcher with no index), a very long question, and loading the large
//! base from disk.
//!
//! Targets (from the issue): a seminar question under 20 µs, a conference question under 1 ms, a
//! 4,000-character question under 5 ms, and loading the conference under 300 ms.
//!
//! Run one part with a filter, e.g. `cargo bench --bench matching -- conference/one_question`. The
//! conference is generated (about 10,000 sessions) into a temporary directory the first time a benchmark
//! needs it, and its questions are printed once with their answers, so a benchmark never times an answer
//! that went wrong unnoticed.

/// The same allocator as the `usher` binary, so the figures are the ones users get.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[path = "support/conference.rs"]
mod conference;
#[path = "support/naive.rs"]
mod naive;

use std::cell::OnceCell;
use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::Duration;

use criterion::{BenchmarkId, Criterion, SamplingMode};
use jiff::Timestamp;
use tempfile::TempDir;
use usher::engine::{Built, Engine, Thresholds};
use usher::knowledge::{self, LoadError};

use conference::{Conference, SplitMix64, write_conference};
use naive::NaiveMatcher;

/// The size of the generated conference: three days, many rooms, and a large speaker list.
const SESSIONS: usize = 10_000;
const SPEAKERS: usize = 3_000;
const SEED: u64 = 2026;
/// The length of the long question, in characters.
const LONG_QUESTION_CHARS: usize = 4_000;

fn main() {
    let mut criterion = Criterion::default().configure_from_args();
    let fixture = OnceCell::new();
    seminar(&mut criterion);
    conference(&mut criterion, &fixture);
    long_question(&mut criterion, &fixture);
    criterion.final_summary();
}

fn seminar_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("knowledge")
}

/// Loads, validates and indexes `dir`, and on failure shows why before giving up.
fn build(dir: &Path) -> Built {
    match Engine::load(dir, Thresholds::default()) {
        Ok(built) => built,
        Err(LoadError::Invalid(diagnostics)) => {
            for d in diagnostics.iter().filter(|d| d.is_error()).take(20) {
                eprintln!("{d}");
            }
            panic!(
                "the knowledge in {} does not pass validation",
                dir.display()
            );
        }
        Err(err) => panic!("{err}"),
    }
}

fn load_engine(dir: &Path) -> Engine {
    build(dir).engine
}

/// Reads and checks `dir` without indexing it: the first half of [`Engine::load`], by the same path.
fn load_knowledge(dir: &Path) -> knowledge::Knowledge {
    let checked = knowledge::load(dir).expect("the directory is readable");
    assert!(
        !checked
            .diagnostics
            .iter()
            .any(knowledge::Diagnostic::is_error),
        "the knowledge in {} does not pass validation",
        dir.display()
    );
    checked.knowledge.expect("the knowledge has an event")
}

/// Before the seminar, so answers about its date are phrased as upcoming.
fn seminar_now() -> Timestamp {
    "2015-04-20T10:00:00Z".parse().expect("a valid timestamp")
}

/// Two weeks before the conference.
fn conference_now() -> Timestamp {
    "2026-09-01T10:00:00Z".parse().expect("a valid timestamp")
}

fn seminar(c: &mut Criterion) {
    let engine = load_engine(&seminar_dir());
    let questions = [
        ("typo_when", "wehn does it start"),
        ("venue", "where is the venue"),
        ("finding", "what did they say about poverty?"),
        ("off_topic", "what is the capital of peru?"),
    ];
    let mut group = c.benchmark_group("seminar");
    for (label, question) in questions {
        group.bench_with_input(BenchmarkId::new("one_question", label), question, |b, q| {
            let now = seminar_now();
            b.iter(|| engine.answer(black_box(q), now, None));
        });
    }
    group.finish();
}

/// The generated conference, its engine, the naive matcher, and questions about entries that exist.
struct Fixture {
    dir: TempDir,
    engine: Engine,
    naive: NaiveMatcher,
    questions: Vec<(&'static str, String)>,
}

impl Fixture {
    fn new() -> Fixture {
        let dir = tempfile::tempdir().expect("a temporary directory");
        let conference = write_conference(dir.path(), SESSIONS, SPEAKERS, SEED)
            .expect("the conference is written");
        let Built { engine, warnings } = build(dir.path());
        eprintln!(
            "generated conference \"{}\": {SESSIONS} sessions, {SPEAKERS} speakers, {} rooms in {} venues, {} findings, {} FAQs, {} files, {} warnings",
            conference.title,
            conference.rooms.iter().map(Vec::len).sum::<usize>(),
            conference.venues.len(),
            conference.findings,
            conference.faqs,
            conference.files.len(),
            warnings.len()
        );
        for w in warnings.iter().take(5) {
            eprintln!("  {w}");
        }
        let naive = NaiveMatcher::new(engine.knowledge());
        eprintln!(
            "naive matcher: {} entries, {} words",
            naive.entry_count(),
            naive.word_count()
        );
        let questions = conference_questions(&conference);
        for (label, question) in &questions {
            let answer = engine.answer(question, conference_now(), None);
            let naive_answer = naive.answer(question);
            eprintln!(
                "{label:>14}: {question:?} -> {} ({:.2}); naive: {}",
                answer.topic.as_deref().unwrap_or("I don't know"),
                answer.confidence,
                naive_answer.map_or_else(
                    || "none".to_string(),
                    |(key, score)| format!("{key} ({score:.2})")
                )
            );
        }
        Fixture {
            dir,
            engine,
            naive,
            questions,
        }
    }
}

/// The labels of the conference questions, in the order [`conference_questions`] writes them. They are
/// known before the conference exists, so benchmarks can be registered (and filtered out) without it.
const CONFERENCE_QUESTIONS: [&str; 9] = [
    "typo_speaker",
    "theme",
    "title_fragment",
    "room",
    "speakers_list",
    "off_topic",
    "room_slot",
    "whats_next",
    "speaker_sessions",
];

/// Questions a participant would ask, about entries the generator wrote, labelled as in
/// [`CONFERENCE_QUESTIONS`].
fn conference_questions(conference: &Conference) -> Vec<(&'static str, String)> {
    let speaker = &conference.speaker_names[conference.speaker_names.len() / 3];
    let (first, last) = speaker.split_once(' ').expect("a first and a last name");
    let title = &conference.session_titles[conference.session_titles.len() / 2];
    let fragment: Vec<&str> = title
        .split(|c: char| c.is_whitespace() || c == ':')
        .filter(|w| !w.is_empty())
        .take(4)
        .collect();
    let theme = conference
        .themes
        .iter()
        .find(|t| t.as_str() == "microplastics")
        .unwrap_or(&conference.themes[0]);
    let room = &conference.rooms[conference.rooms.len() / 2][7];
    let questions = [
        format!("who is {first} {}?", swap_neighbours(last)),
        format!("are there any sessions about {theme}?"),
        format!("when is {}", fragment.join(" ").to_lowercase()),
        format!("where is {room}?"),
        // The event's speakers facet: its answer lists a few of all 3,000.
        "who are the speakers?".to_string(),
        "what's the best pizza place in naples?".to_string(),
        // Programme reasoning over all 10,000 sessions: a room at a time on a day, what is next, and
        // one speaker's sessions with their times.
        format!("what's in {} at 14:00 on day 2", room.to_lowercase()),
        "what's next?".to_string(),
        format!("when is {speaker} speaking?"),
    ];
    CONFERENCE_QUESTIONS.into_iter().zip(questions).collect()
}

/// A typo people make: two letters in the middle of a word swapped.
fn swap_neighbours(word: &str) -> String {
    let mut chars: Vec<char> = word.chars().collect();
    let at = chars.len() / 2;
    if at + 1 < chars.len() {
        chars.swap(at, at + 1);
    }
    chars.into_iter().collect()
}

fn conference(c: &mut Criterion, fixture: &OnceCell<Fixture>) {
    let mut group = c.benchmark_group("conference");
    // Generating the conference only when a benchmark that needs it runs keeps filtered runs quick.
    for (i, label) in CONFERENCE_QUESTIONS.into_iter().enumerate() {
        group.bench_function(BenchmarkId::new("one_question", label), |b| {
            let f = fixture.get_or_init(Fixture::new);
            let question = &f.questions[i].1;
            let now = conference_now();
            b.iter(|| f.engine.answer(black_box(question), now, None));
        });
    }
    // The naive matcher takes about a tenth of a second per question: ten samples of equal length, rather
    // than criterion's growing ones, keep it to seconds.
    group
        .sample_size(10)
        .sampling_mode(SamplingMode::Flat)
        .warm_up_time(Duration::from_secs(1));
    for (i, label) in CONFERENCE_QUESTIONS.into_iter().enumerate() {
        group.bench_function(BenchmarkId::new("naive_baseline", label), |b| {
            let f = fixture.get_or_init(Fixture::new);
            let question = &f.questions[i].1;
            b.iter(|| f.naive.answer(black_box(question)));
        });
    }
    // Loading takes a few hundred milliseconds: ten runs need more than the default five seconds.
    group.measurement_time(Duration::from_secs(8));
    // Dropping the engine is timed too (~15 ms): a reload drops the engine it replaces.
    group.bench_function(BenchmarkId::new("load", "engine"), |b| {
        let f = fixture.get_or_init(Fixture::new);
        b.iter(|| load_engine(black_box(f.dir.path())));
    });
    group.bench_function(BenchmarkId::new("load", "knowledge"), |b| {
        let f = fixture.get_or_init(Fixture::new);
        b.iter(|| load_knowledge(black_box(f.dir.path())));
    });
    group.finish();
}

/// A 4,000-character message: topic words, English words, typo-like strings, numbers, punctuation and
/// emoji, as a long paste into the chat would be.
fn long_text(seed: u64) -> String {
    const ENGLISH: &[&str] = &[
        "the",
        "and",
        "meeting",
        "session",
        "please",
        "tomorrow",
        "question",
        "about",
        "room",
        "coffee",
        "when",
        "where",
        "speaker",
        "talk",
        "morning",
        "afternoon",
        "thanks",
        "conference",
        "climate",
        "poverty",
    ];
    const NOISE: &[&str] = &[
        "!!!",
        "...",
        "???",
        "—",
        "#42",
        "@here",
        "(see above)",
        "🙂",
        "👍",
        "https://x.y/z",
        "13:45",
    ];
    let mut rng = SplitMix64::new(seed);
    let mut text = String::new();
    while text.chars().count() < LONG_QUESTION_CHARS {
        match rng.below(4) {
            0 | 1 => text.push_str(rng.pick(ENGLISH)),
            2 => {
                // A made-up word, like a typo or a name no one knows.
                let len = rng.between(3, 12);
                text.extend(
                    (0..len).map(|_| char::from(b'a' + u8::try_from(rng.below(26)).unwrap_or(0))),
                );
            }
            _ => text.push_str(rng.pick(NOISE)),
        }
        text.push(' ');
    }
    text.chars().take(LONG_QUESTION_CHARS).collect()
}

fn long_question(c: &mut Criterion, fixture: &OnceCell<Fixture>) {
    let question = long_text(7);
    let seminar = load_engine(&seminar_dir());
    let mut group = c.benchmark_group("long_question");
    group.bench_function("seminar", |b| {
        let now = seminar_now();
        b.iter(|| seminar.answer(black_box(&question), now, None));
    });
    group.bench_function("conference", |b| {
        let f = fixture.get_or_init(Fixture::new);
        let now = conference_now();
        b.iter(|| f.engine.answer(black_box(&question), now, None));
    });
    // One run of 4,000 letters: no spaces to split on, the worst case for typo correction.
    let word: String = "qwertyuiopasdfghjklzxcvbnm"
        .chars()
        .cycle()
        .take(LONG_QUESTION_CHARS)
        .collect();
    group.bench_function("one_long_word", |b| {
        let now = seminar_now();
        b.iter(|| seminar.answer(black_box(&word), now, None));
    });
    group.finish();
}
