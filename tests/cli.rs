//! The `usher` binary, run as users run it: arguments in, exact output and exit codes out.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// One run of the binary, built up like `just`'s test helper.
struct Usher {
    args: Vec<String>,
    stdin: Option<String>,
    dir: PathBuf,
}

struct Output {
    code: i32,
    stdout: String,
    stderr: String,
}

impl Usher {
    fn new() -> Self {
        Usher {
            args: Vec::new(),
            stdin: None,
            dir: PathBuf::from(env!("CARGO_MANIFEST_DIR")),
        }
    }

    fn args<I: IntoIterator<Item = S>, S: AsRef<str>>(mut self, args: I) -> Self {
        self.args
            .extend(args.into_iter().map(|a| a.as_ref().to_string()));
        self
    }

    fn stdin(mut self, text: &str) -> Self {
        self.stdin = Some(text.to_string());
        self
    }

    fn current_dir(mut self, dir: &Path) -> Self {
        self.dir = dir.to_path_buf();
        self
    }

    fn run(self) -> Output {
        let mut child = Command::new(env!("CARGO_BIN_EXE_usher"))
            .args(&self.args)
            .current_dir(&self.dir)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("the usher binary starts");
        {
            let mut stdin = child.stdin.take().expect("stdin is piped");
            if let Some(text) = &self.stdin {
                stdin
                    .write_all(text.as_bytes())
                    .expect("stdin accepts the input");
            }
        }
        let out = child.wait_with_output().expect("usher runs to completion");
        Output {
            code: out
                .status
                .code()
                .expect("usher exits normally, not by a signal"),
            stdout: String::from_utf8(out.stdout).expect("stdout is UTF-8"),
            stderr: String::from_utf8(out.stderr).expect("stderr is UTF-8"),
        }
    }
}

const NOW: &str = "2026-11-29T12:00:00Z";

#[test]
fn every_broken_fixture_reports_its_exact_problems() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/broken");
    let mut checked = 0;
    for entry in fs::read_dir(&root).expect("the fixtures exist") {
        let dir = entry.expect("a readable fixture").path();
        let expected_stderr = fs::read_to_string(dir.join("expected.stderr"))
            .unwrap_or_else(|_| panic!("{} has no expected.stderr", dir.display()));
        let expected_code: i32 = fs::read_to_string(dir.join("expected.exit"))
            .unwrap_or_else(|_| panic!("{} has no expected.exit", dir.display()))
            .trim()
            .parse()
            .expect("expected.exit holds a number");
        let out = Usher::new()
            .current_dir(&dir)
            .args(["check", "--knowledge", "knowledge"])
            .run();
        // The summary line carries the knowledge version, which changes with any edit of a fixture.
        let mut stderr = String::new();
        for line in out.stderr.lines() {
            stderr.push_str(line.split("; version ").next().unwrap_or(line));
            stderr.push('\n');
        }
        assert_eq!(
            stderr,
            expected_stderr,
            "stderr of `usher check` in {}",
            dir.display()
        );
        assert_eq!(
            out.code,
            expected_code,
            "exit code of `usher check` in {}",
            dir.display()
        );
        checked += 1;
    }
    assert!(checked >= 15, "only {checked} fixtures were checked");
}

#[test]
fn fixtures_name_the_place_of_each_kind_of_problem() {
    // A few of the fixtures spelled out here too, so a reader sees the format without opening files.
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/broken");
    let check = |name: &str| {
        Usher::new()
            .current_dir(&root.join(name))
            .args(["check", "--knowledge", "knowledge"])
            .run()
    };
    let out = check("unknown-field");
    assert_eq!(out.code, 1);
    assert!(
        out.stderr
            .starts_with("knowledge/faq.toml:4:1: unknown field `answr`"),
        "{}",
        out.stderr
    );
    let out = check("dangling-reference");
    assert!(
        out.stderr
            .starts_with("knowledge/sessions.toml:8:22: unknown speaker `bobb`"),
        "{}",
        out.stderr
    );
    let out = check("every-problem");
    assert_eq!(
        out.stderr.lines().filter(|l| l.contains(".toml:")).count(),
        4,
        "{}",
        out.stderr
    );
}

#[test]
fn strict_turns_warnings_into_failure() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/broken/shared-keyword");
    let out = Usher::new()
        .current_dir(&dir)
        .args(["check", "--strict", "--knowledge", "knowledge"])
        .run();
    assert_eq!(out.code, 1);
    assert!(
        out.stderr.contains("warning: keyword `Welcome`"),
        "{}",
        out.stderr
    );
}

#[test]
fn the_shipped_knowledge_is_valid_without_warnings() {
    let out = Usher::new().args(["check", "--strict"]).run();
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(out.stderr, "");
    assert!(
        out.stdout
            .starts_with("knowledge: valid: 1 event, 1 venue, 2 hosts"),
        "{}",
        out.stdout
    );
    assert!(out.stdout.contains("22 findings"), "{}", out.stdout);
}

#[test]
fn a_missing_knowledge_directory_is_a_clear_error() {
    let out = Usher::new()
        .args(["check", "--knowledge", "no/such/dir"])
        .run();
    assert_eq!(out.code, 1);
    assert_eq!(
        out.stderr,
        "error: knowledge directory no/such/dir does not exist\n"
    );
    let out = Usher::new()
        .args(["ask", "--knowledge", "no/such/dir", "where is it?"])
        .run();
    assert_eq!(out.code, 1);
    assert!(out.stderr.contains("does not exist"), "{}", out.stderr);
    assert_eq!(out.stdout, "");
}

#[test]
fn ask_answers_from_the_knowledge() {
    let out = Usher::new()
        .args(["ask", "--now", NOW, "where is it?"])
        .run();
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stdout.contains("Clingendael 7, 2597 VH The Hague"),
        "{}",
        out.stdout
    );
    let out = Usher::new()
        .args(["ask", "--now", NOW, "wehn does it end"])
        .run();
    assert!(out.stdout.contains("17:30"), "{}", out.stdout);
    assert!(
        out.stdout.contains("ago"),
        "a past event is told in the past: {}",
        out.stdout
    );
}

#[test]
fn ask_is_time_aware() {
    let out = Usher::new()
        .args([
            "ask",
            "--now",
            "2015-04-27T09:00:00Z",
            "when does it start?",
        ])
        .run();
    assert!(out.stdout.contains("starts in 3 days"), "{}", out.stdout);
    let out = Usher::new()
        .args(["ask", "--now", "2015-04-30T13:30:00Z", "is it on now?"])
        .run();
    assert!(out.stdout.contains("happening now"), "{}", out.stdout);
    assert!(out.stdout.contains("in 2 hours"), "{}", out.stdout);
}

#[test]
fn ask_json_has_the_protocol_fields() {
    let out = Usher::new()
        .args(["ask", "--json", "--now", NOW, "who hosted it?"])
        .run();
    let v: serde_json::Value = serde_json::from_str(out.stdout.trim()).expect("one JSON object");
    assert_eq!(v["matched"], true);
    assert_eq!(v["topic"], "event.hosts");
    assert!(v["answer"].as_str().expect("a string").contains("ICCT"));
    let c = v["confidence"].as_f64().expect("a number");
    assert!((0.0..=1.0).contains(&c));
}

#[test]
fn batch_answers_every_line_in_order_including_blank_ones() {
    let input = "where is it?\n\nwhat's the price of bitcoin\nwho hosted it?\n";
    let out = Usher::new()
        .args(["ask", "--json", "--batch", "--now", NOW])
        .stdin(input)
        .run();
    assert_eq!(out.code, 0, "{}", out.stderr);
    let lines: Vec<serde_json::Value> = out
        .stdout
        .lines()
        .map(|l| serde_json::from_str(l).expect("each line is a JSON object"))
        .collect();
    assert_eq!(lines.len(), 4);
    assert_eq!(lines[0]["topic"], "venue.clingendael-institute");
    assert_eq!(lines[1]["matched"], false, "a blank line is not answered");
    assert_eq!(
        lines[2]["matched"], false,
        "an off-topic question is declined"
    );
    assert_eq!(lines[3]["topic"], "event.hosts");
}

#[test]
fn batch_survives_a_line_that_is_not_utf8() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_usher"))
        .args(["ask", "--json", "--batch", "--now", NOW])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("usher starts");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(b"where is it?\n\xff\xfe bad bytes\r\nwho hosted it?\n")
        .expect("written");
    let out = child.wait_with_output().expect("usher ends");
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let lines: Vec<serde_json::Value> = String::from_utf8(out.stdout)
        .expect("UTF-8 output")
        .lines()
        .map(|l| serde_json::from_str(l).expect("JSON"))
        .collect();
    assert_eq!(lines.len(), 3);
    assert_eq!(lines[2]["topic"], "event.hosts");
}

#[test]
fn unknown_questions_say_so_and_offer_what_usher_can_answer() {
    let out = Usher::new()
        .args(["ask", "--now", NOW, "what is the wifi password?"])
        .run();
    assert!(
        out.stdout.starts_with("I don't know that."),
        "{}",
        out.stdout
    );
    assert!(out.stdout.contains("the venue"), "{}", out.stdout);
}

#[test]
fn chat_answers_until_quit() {
    let out = Usher::new()
        .args(["chat", "--now", NOW])
        .stdin("where is it?\n\nwho hosted it?\nquit\nwhen is it?\n")
        .run();
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(out.stdout.contains("Clingendael 7"), "{}", out.stdout);
    assert!(out.stdout.contains("ICCT"), "{}", out.stdout);
    assert!(
        !out.stdout.contains("took place on"),
        "nothing is answered after quit: {}",
        out.stdout
    );
}

#[test]
fn chat_ends_at_end_of_input() {
    let out = Usher::new().args(["chat"]).stdin("where is it?").run();
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(out.stdout.contains("Clingendael 7"), "{}", out.stdout);
}

#[test]
fn explain_shows_tokens_corrections_and_candidates() {
    let out = Usher::new()
        .args(["explain", "--now", NOW, "wehn does the semnar end"])
        .run();
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(out.stdout.contains("wehn -> when"), "{}", out.stdout);
    assert!(out.stdout.contains("semnar -> seminar"), "{}", out.stdout);
    assert!(out.stdout.contains("candidates:"), "{}", out.stdout);
    assert!(out.stdout.contains("event.when"), "{}", out.stdout);
}

#[test]
fn every_command_has_help() {
    for command in [
        vec!["--help"],
        vec!["ask", "--help"],
        vec!["chat", "--help"],
        vec!["explain", "--help"],
        vec!["check", "--help"],
    ] {
        let out = Usher::new().args(&command).run();
        assert_eq!(out.code, 0, "{command:?}: {}", out.stderr);
        assert!(out.stdout.contains("Usage:"), "{command:?}: {}", out.stdout);
    }
}

#[test]
fn unknown_commands_and_missing_arguments_are_usage_errors() {
    let out = Usher::new().args(["frobnicate"]).run();
    assert_eq!(out.code, 2);
    assert!(
        out.stderr.contains("unrecognized subcommand"),
        "{}",
        out.stderr
    );
    let out = Usher::new().args(["ask"]).run();
    assert_eq!(out.code, 2);
    let out = Usher::new()
        .args(["ask", "--now", "yesterday", "when?"])
        .run();
    assert_eq!(out.code, 2, "a bad --now is rejected: {}", out.stderr);
}

#[test]
fn a_broken_config_is_reported_with_its_place() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let config = dir.path().join("usher.toml");
    fs::write(&config, "[matching]\nanswer_treshold = 0.4\n").expect("the config is written");
    let out = Usher::new()
        .args([
            "ask",
            "--config",
            config.to_str().expect("UTF-8 path"),
            "where?",
        ])
        .run();
    assert_eq!(out.code, 1);
    assert!(
        out.stderr
            .contains("usher.toml:2:1: unknown field `answer_treshold`"),
        "{}",
        out.stderr
    );
}

#[test]
fn gaps_groups_unanswered_questions_most_asked_first() {
    use usher::gaps::UnansweredQuestion;
    use usher::store::{Store, database_path};

    let dir = tempfile::tempdir().expect("a temp dir");
    let now: jiff::Timestamp = NOW.parse().expect("a time");
    let ago = |minutes: i64| now - jiff::SignedDuration::from_mins(minutes);
    {
        // With no config file, the data directory is `data` in the working directory.
        let mut store = Store::open(database_path(&dir.path().join("data"))).expect("a store");
        for (text, asked_at, topic, score) in [
            (
                "is there wifi?",
                ago(300),
                Some("venue.clingendael-institute"),
                0.31,
            ),
            (
                "Is there WiFi",
                ago(20),
                Some("venue.clingendael-institute"),
                0.33,
            ),
            ("what is the wifi password?", ago(10), None, 0.0),
            ("where can I park my bike?", ago(3 * 24 * 60), None, 0.0),
            ("is there parking for bikes", ago(2 * 24 * 60), None, 0.0),
            ("is lunch provided?", ago(60), Some("event.programme"), 0.45),
            // Older than the default retention of 30 days: not listed.
            ("is there a cloakroom?", ago(40 * 24 * 60), None, 0.0),
        ] {
            store
                .record_unanswered(&UnansweredQuestion {
                    text: text.to_string(),
                    asked_at,
                    channel: Some("1200000000000000201".to_string()),
                    best_topic: topic.map(str::to_string),
                    score,
                })
                .expect("a question is kept");
        }
    }
    let out = Usher::new()
        .current_dir(dir.path())
        .args(["gaps", "--now", NOW])
        .run();
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(
        out.stdout,
        "6 unanswered questions since 2026-10-30 12:00 UTC, in 3 groups:\n\
         \n\
         3x  Is there WiFi\n\
         \x20   also asked: \"what is the wifi password?\"\n\
         \x20   closest topic: venue.clingendael-institute; last asked 2026-11-29 11:50 UTC\n\
         \n\
         2x  is there parking for bikes\n\
         \x20   also asked: \"where can I park my bike?\"\n\
         \x20   last asked 2026-11-27 12:00 UTC\n\
         \n\
         1x  is lunch provided?\n\
         \x20   closest topic: event.programme; last asked 2026-11-29 11:00 UTC\n"
    );

    let out = Usher::new()
        .current_dir(dir.path())
        .args(["gaps", "--now", NOW, "--since", "1d"])
        .run();
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stdout
            .starts_with("4 unanswered questions since 2026-11-28 12:00 UTC, in 2 groups:\n"),
        "{}",
        out.stdout
    );
    assert!(!out.stdout.contains("park"), "{}", out.stdout);

    let out = Usher::new()
        .current_dir(dir.path())
        .args(["gaps", "--since", "last week"])
        .run();
    assert_eq!(out.code, 1);
    assert_eq!(
        out.stderr,
        "error: `last week` is neither a time (2026-11-22T09:00:00Z) nor a time ago (30m, 12h, 7d, 2w)\n"
    );

    // No database yet means nothing was recorded, and listing does not create one.
    let empty = tempfile::tempdir().expect("a temp dir");
    let out = Usher::new()
        .current_dir(empty.path())
        .args(["gaps", "--now", NOW])
        .run();
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(
        out.stdout,
        "No unanswered questions since 2026-10-30 12:00 UTC.\n"
    );
    assert!(!empty.path().join("data").exists());
}

#[test]
fn announce_add_and_cancel_act_as_of_now() {
    use usher::store::{AuditAction, Store, database_path};

    let dir = tempfile::tempdir().expect("a temp dir");
    let knowledge = Path::new(env!("CARGO_MANIFEST_DIR")).join("knowledge");
    let knowledge = knowledge.to_str().expect("a UTF-8 path");
    let added = Usher::new()
        .current_dir(dir.path())
        .args(["announce", "add", "--knowledge", knowledge, "--now", NOW])
        .args(["--at", "in 2 hours", "--by", "alice", "Doors open."])
        .run();
    assert_eq!(added.code, 0, "{}", added.stderr);
    let cancelled_at = "2026-11-29T12:30:00Z";
    let cancelled = Usher::new()
        .current_dir(dir.path())
        .args([
            "announce",
            "cancel",
            "1",
            "--by",
            "bob",
            "--now",
            cancelled_at,
        ])
        .run();
    assert_eq!(cancelled.code, 0, "{}", cancelled.stderr);

    let store = Store::open(database_path(&dir.path().join("data"))).expect("the store");
    let audit = store.audit_all().expect("the audit log");
    let when = |action: AuditAction| {
        audit
            .iter()
            .find(|e| e.action == action)
            .map(|e| (e.at.to_string(), e.actor.clone()))
    };
    assert_eq!(
        when(AuditAction::Created),
        Some((NOW.to_string(), "alice".to_string()))
    );
    assert_eq!(
        when(AuditAction::Cancelled),
        Some((cancelled_at.to_string(), "bob".to_string()))
    );
}
