//! The command line and Discord give the same answers: the development question set, and questions about
//! the news, asked through `usher ask` (the real binary) and through the call the Discord adapter makes to
//! turn a question into an answer, on the same knowledge, the same state store and the same time.
//!
//! The development set is read where it is kept, beside the repository (`../shared/eval/dev.toml`), or
//! from the file `USHER_DEV_QUESTIONS` names.

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use jiff::Timestamp;
use serde::Deserialize;
use serde_json::Value;
use usher::answer::Answer;
use usher::engine::{Engine, Thresholds};
use usher::schedule::{AnnouncementId, Ping, Target};
use usher::store::{NewAnnouncement, NewsIn, Store, database_path};

const DEV_QUESTIONS_VARIABLE: &str = "USHER_DEV_QUESTIONS";
const DEV_QUESTIONS_BESIDE: &str = "../shared/eval/dev.toml";
const NOW: &str = "2026-11-29T12:00:00Z";
/// The public announcement channel, in the config of both.
const ANNOUNCEMENTS: u64 = 4242;
/// What an organiser posted, as the store records it.
const POSTED: &str = "The reception moves to the garden room.";

#[derive(Deserialize)]
struct Cases {
    case: Vec<Case>,
}

#[derive(Deserialize)]
struct Case {
    q: String,
}

fn dev_questions() -> Vec<String> {
    let path = std::env::var_os(DEV_QUESTIONS_VARIABLE).map_or_else(
        || Path::new(env!("CARGO_MANIFEST_DIR")).join(DEV_QUESTIONS_BESIDE),
        PathBuf::from,
    );
    let text = std::fs::read_to_string(&path).unwrap_or_else(|err| {
        panic!(
            "cannot read the development questions at {}: {err} (set {DEV_QUESTIONS_VARIABLE} to their path)",
            path.display()
        )
    });
    let cases: Cases = toml::from_str(&text).expect("the development set is valid TOML");
    cases.case.into_iter().map(|c| c.q).collect()
}

/// A state store in `data` with one announcement posted, as the bot would have left it.
fn store_with_news(data: &Path) -> Store {
    let now: Timestamp = NOW.parse().expect("a time");
    let posted_at = now - jiff::SignedDuration::from_hours(2);
    let mut store = Store::open(database_path(data)).expect("a store");
    let created = store
        .insert(
            &NewAnnouncement {
                text: POSTED.to_string(),
                channel: None,
                ping: Ping::None,
                due_at: posted_at,
                created_by: "organiser".to_string(),
            },
            posted_at,
        )
        .expect("scheduled");
    let id: AnnouncementId = created.id;
    let target = Target {
        channel: ANNOUNCEMENTS,
        marker: "marker".to_string(),
    };
    assert!(store.claim(id, &target, posted_at).expect("claimed"));
    store.mark_posted(id, 1234, posted_at).expect("posted");
    store
}

/// The answers of `usher ask --json --batch`, one JSON object per question.
fn cli_answers(questions: &[String], config: &Path, knowledge: &Path) -> Vec<Value> {
    let mut child = Command::new(env!("CARGO_BIN_EXE_usher"))
        .arg("--config")
        .arg(config)
        .args(["ask", "--json", "--batch", "--now", NOW, "--knowledge"])
        .arg(knowledge)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the usher binary starts");
    {
        let mut stdin = child.stdin.take().expect("stdin is piped");
        for q in questions {
            writeln!(stdin, "{q}").expect("stdin accepts the questions");
        }
    }
    let out = child.wait_with_output().expect("usher runs to completion");
    assert!(
        out.status.success(),
        "usher ask failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout)
        .expect("the output is UTF-8")
        .lines()
        .map(|line| serde_json::from_str(line).expect("each line is JSON"))
        .collect()
}

/// What the Discord adapter does with a question in a direct message: it asks the engine, passing the news
/// of the public announcement channel as its store holds it.
fn discord_answer(engine: &Engine, store: &Store, question: &str) -> Answer {
    let news = NewsIn {
        store,
        channels: &[ANNOUNCEMENTS],
    };
    engine.answer(question, NOW.parse().expect("a time"), Some(&news))
}

/// Confidence to the two decimals the command line prints.
fn hundredths(confidence: f64) -> i64 {
    #[allow(clippy::cast_possible_truncation)]
    let rounded = (confidence * 100.0).round() as i64;
    rounded
}

#[test]
fn the_command_line_and_discord_answer_alike() {
    let knowledge = Path::new(env!("CARGO_MANIFEST_DIR")).join("knowledge");
    let dir = tempfile::tempdir().expect("a temp dir");
    let data = dir.path().join("data");
    std::fs::create_dir_all(&data).expect("a data directory");
    let config = dir.path().join("usher.toml");
    std::fs::write(
        &config,
        format!(
            "data_dir = {}\n[discord]\nannouncement_channel = {ANNOUNCEMENTS}\n",
            Value::String(data.to_string_lossy().into_owned())
        ),
    )
    .expect("a config");
    let store = store_with_news(&data);
    let engine = Engine::load(&knowledge, Thresholds::default())
        .expect("the shipped knowledge loads")
        .engine;

    let mut questions = dev_questions();
    assert!(
        questions.len() > 50,
        "the development set has {} questions",
        questions.len()
    );
    let news = ["any news?", "what are the latest announcements"];
    questions.extend(news.iter().map(ToString::to_string));

    let cli = cli_answers(&questions, &config, &knowledge);
    assert_eq!(cli.len(), questions.len(), "one answer per question");
    for (question, cli) in questions.iter().zip(&cli) {
        let discord = discord_answer(&engine, &store, question);
        let suggestions: Vec<&str> = discord
            .suggestions
            .iter()
            .map(|s| s.topic.as_str())
            .collect();
        assert_eq!(cli["matched"], discord.matched, "{question:?}");
        assert_eq!(cli["answer"], discord.text.as_str(), "{question:?}");
        assert_eq!(
            cli["topic"].as_str(),
            discord.topic.as_deref(),
            "{question:?}"
        );
        assert_eq!(
            cli["suggestions"],
            serde_json::json!(suggestions),
            "{question:?}"
        );
        assert_eq!(
            hundredths(cli["confidence"].as_f64().expect("a number")),
            hundredths(f64::from(discord.confidence)),
            "{question:?}"
        );
    }
    // Both read the news from the store: what was posted there, not what the knowledge schedules.
    for (question, cli) in questions.iter().zip(&cli).rev().take(news.len()) {
        let text = cli["answer"].as_str().expect("an answer");
        assert!(text.contains(POSTED), "{question:?}: {text}");
    }
}
