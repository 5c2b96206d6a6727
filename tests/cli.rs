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
    env: Vec<(String, String)>,
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
            env: Vec::new(),
        }
    }

    fn env(mut self, name: &str, value: &str) -> Self {
        self.env.push((name.to_string(), value.to_string()));
        self
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
            // What the caller's shell exports must not change the output; tests set these themselves.
            .env_remove("COLUMNS")
            .env_remove("NO_COLOR")
            .envs(self.env.iter().map(|(k, v)| (k, v)))
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
        out.stderr.starts_with(
            "knowledge/faq.toml:4:1: `answr` is not a field of a faq; did you mean `answer`?"
        ),
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
    // Where it looked is said in full, with how to point it elsewhere.
    let looked = Path::new(env!("CARGO_MANIFEST_DIR")).join("no/such/dir");
    assert_eq!(
        out.stderr,
        format!(
            "error: knowledge directory no/such/dir does not exist (looked for {})\n\
             hint: run usher in the folder that holds the knowledge directory, or pass --knowledge DIR \
             (or set `knowledge_dir` in the config)\n",
            looked.display()
        )
    );
    let out = Usher::new()
        .args(["ask", "--knowledge", "no/such/dir", "where is it?"])
        .run();
    assert_eq!(out.code, 1);
    assert!(out.stderr.contains("does not exist"), "{}", out.stderr);
    assert_eq!(out.stdout, "");
}

/// Only regular files are read (a named pipe would block `check` for ever), symbolic links to directories
/// are followed without looping, and `.TOML` is a knowledge file like `.toml`.
#[cfg(unix)]
#[test]
fn only_regular_files_are_read_and_linked_directories_are_followed_once() {
    use std::os::unix::fs::symlink;
    let dir = tempfile::tempdir().expect("a temp dir");
    let knowledge = dir.path().join("knowledge");
    let extra = dir.path().join("extra");
    fs::create_dir_all(knowledge.join("sub")).expect("a knowledge dir");
    fs::create_dir_all(&extra).expect("a dir outside it");
    fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/broken/end-before-start/knowledge/event.toml"),
        knowledge.join("event.toml"),
    )
    .expect("the event copied");
    fs::write(
        extra.join("FAQ2.TOML"),
        "[[faq]]\nid = \"wifi\"\nquestion = \"Is there wifi?\"\nanswer = \"Yes.\"\n",
    )
    .expect("a FAQ written");
    symlink(&extra, knowledge.join("linked")).expect("a linked directory");
    symlink("..", knowledge.join("sub/loop")).expect("a link loop");
    let status = Command::new("mkfifo")
        .arg(knowledge.join("pipe.toml"))
        .status()
        .expect("mkfifo runs");
    assert!(status.success());
    let out = Usher::new()
        .current_dir(dir.path())
        .args(["check", "--knowledge", "knowledge"])
        .run();
    assert_eq!(
        out.stderr,
        "knowledge/pipe.toml: warning: skipped: not a regular file (a pipe, socket or device is never read)\n"
    );
    assert_eq!(out.code, 0);
    assert!(out.stdout.contains(", 1 faq,"), "{}", out.stdout);
}

/// The version names the files' contents, not the way the directory was named on the command line.
#[test]
fn the_knowledge_version_is_the_same_however_the_directory_is_named() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let version = |dir: &str| {
        let out = Usher::new().args(["check", "--knowledge", dir]).run();
        assert_eq!(out.code, 0, "{}", out.stderr);
        out.stdout
            .split("; version ")
            .nth(1)
            .expect("a version")
            .to_string()
    };
    let absolute = root.join("knowledge");
    let plain = version("knowledge");
    assert_eq!(plain, version("./knowledge"));
    assert_eq!(plain, version(absolute.to_str().expect("a UTF-8 path")));
}

/// A `--now` the date library cannot handle is refused in Usher's words, not the library's.
#[test]
fn an_out_of_range_now_is_refused_plainly() {
    for now in ["9999-12-31T00:00:00Z", "0001-01-01T00:00:00Z", "tomorrow"] {
        let out = Usher::new()
            .args(["ask", "--now", now, "where is it?"])
            .run();
        assert_eq!(out.code, 2, "{now}: {}", out.stderr);
        assert!(
            out.stderr.contains(
                "not a time usher can act at: write an RFC 3339 time in the years 1900 to 2200"
            ),
            "{now}: {}",
            out.stderr
        );
        assert!(!out.stderr.contains("overflowed"), "{}", out.stderr);
    }
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
        .args(["ask", "--now", NOW, "what colour is the carpet?"])
        .run();
    assert!(
        out.stdout.starts_with("I don't know that."),
        "{}",
        out.stdout
    );
    assert!(out.stdout.contains("the venue"), "{}", out.stdout);
    // A practical detail the knowledge never mentions is named as missing.
    let out = Usher::new()
        .args(["ask", "--now", NOW, "what is the wifi password?"])
        .run();
    assert!(
        out.stdout.starts_with("I don't know that.") && out.stdout.contains("wifi details"),
        "{}",
        out.stdout
    );
    // A subject the knowledge never mentions is outside it, and says so.
    let out = Usher::new()
        .args(["ask", "--now", NOW, "is it livestreamed?"])
        .run();
    assert!(
        out.stdout.starts_with("That is outside what I can answer."),
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
fn gaps_lists_the_answers_voted_down_beside_the_questions() {
    use usher::store::{Store, database_path};

    let dir = tempfile::tempdir().expect("a temp dir");
    let now: jiff::Timestamp = NOW.parse().expect("a time");
    let ago = |minutes: i64| now - jiff::SignedDuration::from_mins(minutes);
    {
        let mut store = Store::open(database_path(&dir.path().join("data"))).expect("a store");
        // Two participants down on one answer, one up on another, and one down older than the
        // retention, which is not counted.
        for (message, topic, user, up, at) in [
            (1, "session.part-one", 11, false, ago(30)),
            (1, "session.part-one", 12, false, ago(25)),
            (1, "session.part-one", 12, false, ago(24)),
            (2, "event.when", 11, true, ago(20)),
            (3, "event.when", 11, false, ago(40 * 24 * 60)),
        ] {
            store
                .vote(message, topic, user, up, at)
                .expect("a vote is kept");
        }
    }
    let out = Usher::new()
        .current_dir(dir.path())
        .args(["gaps", "--now", NOW])
        .run();
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(
        out.stdout,
        "No unanswered questions since 2026-10-30 12:00 UTC.\n\
         \n\
         Answers voted down:\n\
         \x20 2 down, 0 up  session.part-one\n"
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

/// The bundled knowledge, for runs from another working directory.
fn knowledge() -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("knowledge")
        .to_str()
        .expect("a UTF-8 path")
        .to_string()
}

/// The words of a text, whatever its line breaks.
fn words(text: &str) -> Vec<&str> {
    text.split_whitespace().collect()
}

#[test]
fn chat_and_ask_wrap_at_the_width_between_words() {
    let question = "what did the report find?\n";
    let whole = Usher::new()
        .args(["chat", "--now", NOW])
        .stdin(question)
        .run();
    let wrapped = Usher::new()
        .args(["chat", "--now", NOW])
        .env("COLUMNS", "40")
        .stdin(question)
        .run();
    assert_eq!(wrapped.code, 0, "{}", wrapped.stderr);
    assert!(
        whole.stdout.lines().any(|l| l.chars().count() > 40),
        "the answer is long enough to need wrapping: {}",
        whole.stdout
    );
    for line in wrapped.stdout.lines() {
        assert!(
            line.chars().count() <= 40 || !line.trim().contains(' '),
            "a line is longer than 40 columns: {line:?}"
        );
    }
    // Only line breaks changed: no word was cut.
    assert_eq!(words(&wrapped.stdout), words(&whole.stdout));

    let out = Usher::new()
        .args(["ask", "--now", NOW, "what did the report find?"])
        .env("COLUMNS", "40")
        .run();
    assert!(
        out.stdout.lines().all(|l| l.chars().count() <= 40),
        "{}",
        out.stdout
    );
}

#[test]
fn chat_reads_piped_lines_and_ends_at_exit() {
    let out = Usher::new()
        .args(["chat", "--now", NOW])
        .stdin("where is it?\nEXIT\nwho hosted it?\n")
        .run();
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(out.stdout.contains("Clingendael 7"), "{}", out.stdout);
    assert!(
        out.stdout.contains("Type `quit` or `exit`"),
        "the greeting names both words: {}",
        out.stdout
    );
    assert!(!out.stdout.contains("ICCT"), "{}", out.stdout);
    assert!(
        !out.stdout.contains('\x1b'),
        "no colour codes when the output is not a terminal: {:?}",
        out.stdout
    );
}

#[test]
fn batch_text_answers_are_separated_by_a_blank_line() {
    let out = Usher::new()
        .args(["ask", "--batch", "--now", NOW])
        .stdin("what is the programme?\nwho hosted it?\n")
        .run();
    assert_eq!(out.code, 0, "{}", out.stderr);
    let answers: Vec<&str> = out.stdout.trim_end().split("\n\n").collect();
    assert_eq!(answers.len(), 2, "{}", out.stdout);
    assert!(
        answers[0].lines().count() > 1,
        "the first answer has several lines: {}",
        out.stdout
    );
    assert!(answers[1].contains("ICCT"), "{}", out.stdout);
}

#[test]
fn an_empty_question_is_a_short_usage_error() {
    for question in ["", "   "] {
        let out = Usher::new().args(["ask", question]).run();
        assert_eq!(out.code, 2, "{question:?}: {}", out.stderr);
        assert_eq!(out.stdout, "");
        assert!(
            out.stderr.starts_with(&format!(
                "error: invalid value '{question}' for '[QUESTION]': it is empty\n"
            )),
            "{}",
            out.stderr
        );
        assert!(!out.stderr.contains("I don't know"), "{}", out.stderr);
    }
}

#[test]
fn ask_and_chat_record_for_gaps_only_when_asked() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let knowledge = knowledge();
    let ask = |extra: &[&str], question: &str| {
        let mut args = vec!["ask", "--knowledge", &knowledge, "--now", NOW];
        args.extend_from_slice(extra);
        args.push(question);
        Usher::new().current_dir(dir.path()).args(args).run()
    };
    let out = ask(&[], "is there a cloakroom?");
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        !dir.path().join("data").exists(),
        "without --record nothing is kept"
    );
    let out = ask(&["--record"], "is there a cloakroom?");
    assert_eq!(out.code, 0, "{}", out.stderr);
    let out = ask(&["--record"], "where is it?");
    assert_eq!(out.code, 0, "{}", out.stderr);
    let out = Usher::new()
        .current_dir(dir.path())
        .args(["chat", "--record", "--knowledge", &knowledge, "--now", NOW])
        .stdin("Is there a cloakroom\nquit\n")
        .run();
    assert_eq!(out.code, 0, "{}", out.stderr);
    let out = Usher::new()
        .current_dir(dir.path())
        .args(["gaps", "--now", NOW])
        .run();
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stdout
            .starts_with("2 unanswered questions since 2026-10-30 12:00 UTC, in 1 group:\n"),
        "{}",
        out.stdout
    );
    assert!(out.stdout.contains("cloakroom"), "{}", out.stdout);
    assert!(!out.stdout.contains("where is it"), "{}", out.stdout);
}

/// A temporary working directory for the announcement commands, with no config (so no channel).
struct Announcements {
    dir: tempfile::TempDir,
    knowledge: String,
}

impl Announcements {
    fn new() -> Self {
        Announcements {
            dir: tempfile::tempdir().expect("a temp dir"),
            knowledge: knowledge(),
        }
    }

    fn run(&self, args: &[&str]) -> Output {
        let mut all = vec!["announce"];
        all.extend_from_slice(args);
        if matches!(args.first(), Some(&"add" | &"list")) {
            all.extend_from_slice(&["--knowledge", &self.knowledge]);
        }
        Usher::new().current_dir(self.dir.path()).args(all).run()
    }

    fn database(&self) -> PathBuf {
        self.dir.path().join("data").join("usher.sqlite3")
    }
}

#[test]
fn announcements_are_listed_in_the_event_zone_as_added() {
    let a = Announcements::new();
    let out = a.run(&[
        "add",
        "--now",
        NOW,
        "--at",
        "in 2 hours",
        "--channel",
        "42",
        "Doors open",
    ]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(
        out.stdout,
        "scheduled announcement #1 for 2026-11-29 15:00 CET\n"
    );
    assert_eq!(out.stderr, "", "a channel was given: no warning");
    let out = a.run(&["list", "--now", NOW]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stdout.contains(" 2026-11-29 15:00 CET "),
        "{}",
        out.stdout
    );
    assert!(!out.stdout.contains("UTC"), "{}", out.stdout);
}

#[test]
fn an_overdue_announcement_is_not_called_upcoming() {
    let a = Announcements::new();
    let out = a.run(&[
        "add",
        "--now",
        NOW,
        "--at",
        "in 10 minutes",
        "--channel",
        "42",
        "Coffee",
    ]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let out = a.run(&["list", "--now", "2026-11-29T13:00:00Z"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stdout
            .starts_with("due, not yet posted (is `usher serve` running?):\n  #1    scheduled"),
        "{}",
        out.stdout
    );
    assert!(!out.stdout.contains("upcoming"), "{}", out.stdout);
    let out = a.run(&["list", "--now", NOW]);
    assert!(out.stdout.starts_with("upcoming:\n  #1"), "{}", out.stdout);
}

#[test]
fn adding_without_any_channel_warns() {
    let a = Announcements::new();
    let out = a.run(&["add", "--now", NOW, "--at", "in 2 hours", "Doors open"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(
        out.stderr,
        "warning: there is no channel to post it in: set `announcement_channel` in the config, or \
         cancel it and add it again with --channel\n"
    );
}

#[test]
fn cancel_takes_the_number_as_list_shows_it() {
    let a = Announcements::new();
    a.run(&[
        "add",
        "--now",
        NOW,
        "--at",
        "in 2 hours",
        "--channel",
        "42",
        "Doors open",
    ]);
    let out = a.run(&["cancel", "#1", "--by", "maria"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(out.stdout, "cancelled announcement #1\n");
    let out = a.run(&["cancel", "#one"]);
    assert_eq!(out.code, 2);
    assert!(
        out.stderr
            .contains("an announcement is named by its number, such as 3 or #3"),
        "{}",
        out.stderr
    );
}

#[test]
fn times_the_clocks_skip_or_repeat_are_refused_unless_an_offset_says_which() {
    let a = Announcements::new();
    let before_spring = "2027-03-27T12:00:00Z";
    let out = a.run(&[
        "add",
        "--now",
        before_spring,
        "--at",
        "2027-03-28 02:30",
        "x",
    ]);
    assert_eq!(out.code, 1);
    assert_eq!(
        out.stderr,
        "error: 2027-03-28 02:30 does not exist in Europe/Amsterdam: the clocks go forward then (from \
         +01:00 to +02:00); pick another time\n"
    );
    let before_autumn = "2027-10-30T12:00:00Z";
    let out = a.run(&[
        "add",
        "--now",
        before_autumn,
        "--at",
        "2027-10-31 02:30",
        "x",
    ]);
    assert_eq!(out.code, 1);
    assert_eq!(
        out.stderr,
        "error: 2027-10-31 02:30 happens twice in Europe/Amsterdam, as the clocks go back; say which \
         with an offset: 2027-10-31T02:30:00+02:00 (the first) or 2027-10-31T02:30:00+01:00 (the second)\n"
    );
    let out = a.run(&[
        "add",
        "--now",
        before_autumn,
        "--at",
        "2027-10-31T02:30:00+01:00",
        "--channel",
        "42",
        "x",
    ]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(
        out.stdout,
        "scheduled announcement #1 for 2027-10-31 02:30 CET\n"
    );
}

#[test]
fn stored_texts_are_printed_escaped_and_long_ones_cut_or_wrapped() {
    let a = Announcements::new();
    let long = "word ".repeat(400);
    for text in ["Doors\nopen \x1b[31mnow\x1b[0m", long.trim()] {
        let out = a.run(&[
            "add",
            "--now",
            NOW,
            "--at",
            "in 2 hours",
            "--channel",
            "42",
            text,
        ]);
        assert_eq!(out.code, 0, "{}", out.stderr);
    }
    let out = a.run(&["list", "--now", NOW]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(!out.stdout.contains('\x1b'), "{:?}", out.stdout);
    assert!(
        out.stdout.contains("Doors\\nopen \\u{1b}[31mnow\\u{1b}[0m"),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout.contains("word…"),
        "a cut is marked: {}",
        out.stdout
    );
    assert!(
        out.stdout.lines().all(|l| l.chars().count() < 160),
        "{}",
        out.stdout
    );
    let out = a.run(&["list", "--all", "--now", NOW]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(!out.stdout.contains('\x1b'), "{:?}", out.stdout);
    assert!(
        out.stdout.lines().all(|l| l.chars().count() <= 100),
        "the whole text is wrapped: {}",
        out.stdout
    );
    let text_lines: String = out
        .stdout
        .lines()
        .filter(|l| l.starts_with("        "))
        .collect();
    assert_eq!(
        text_lines.matches("word").count(),
        400,
        "every word of the text, under its entry: {}",
        out.stdout
    );
}

#[test]
fn announcement_mistakes_are_short_lower_case_phrases() {
    let a = Announcements::new();
    let out = a.run(&["add", "--now", NOW, "--at", "in 2 hours", "   "]);
    assert_eq!(out.code, 1);
    assert_eq!(out.stderr, "error: the announcement is empty\n");
    let out = a.run(&["add", "--now", NOW, "--at", "in 2 hours", &"x".repeat(2001)]);
    assert_eq!(
        out.stderr,
        "error: the announcement is 2001 characters long; the most is 2000, a Discord message's limit\n"
    );
    for by in ["", "  "] {
        let out = a.run(&["add", "--now", NOW, "--at", "in 2 hours", "--by", by, "x"]);
        assert_eq!(out.code, 2, "--by {by:?}: {}", out.stderr);
        assert!(
            out.stderr.starts_with(&format!(
                "error: invalid value '{by}' for '--by <BY>': it is empty\n"
            )),
            "{}",
            out.stderr
        );
        let out = a.run(&["cancel", "1", "--by", by]);
        assert_eq!(out.code, 2, "cancel --by {by:?}: {}", out.stderr);
    }
    assert!(!a.database().exists(), "nothing was stored");
}

#[test]
fn gaps_say_what_the_retention_limit_covers_and_print_questions_safely() {
    use usher::gaps::UnansweredQuestion;
    use usher::store::{Store, database_path};

    let dir = tempfile::tempdir().expect("a temp dir");
    let now: jiff::Timestamp = NOW.parse().expect("a time");
    {
        let mut store = Store::open(database_path(&dir.path().join("data"))).expect("a store");
        store
            .record_unanswered(&UnansweredQuestion {
                text: "is there\n\x1b[2Jwifi?".to_string(),
                asked_at: now - jiff::SignedDuration::from_mins(5),
                channel: None,
                best_topic: None,
                score: 0.0,
            })
            .expect("a question is kept");
    }
    let out = Usher::new()
        .current_dir(dir.path())
        .args(["gaps", "--now", NOW, "--since", "52w"])
        .run();
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(
        out.stdout,
        "1 unanswered question since 2026-10-30 12:00 UTC (the retention limit of 30 days; older \
         questions are not kept), in 1 group:\n\
         \n\
         1x  is there\\n\\u{1b}[2Jwifi?\n\
         \x20   last asked 2026-11-29 11:55 UTC\n"
    );
}

#[test]
fn errors_name_each_cause_once() {
    let dir = tempfile::tempdir().expect("a temp dir");
    fs::create_dir(dir.path().join("data")).expect("a data directory");
    fs::write(
        dir.path().join("data/usher.sqlite3"),
        "this is not a database, whatever its name says, and it is long enough to be read\n"
            .repeat(20),
    )
    .expect("a file");
    for command in [
        vec!["announce", "list"],
        vec!["gaps"],
        vec!["announce", "cancel", "1"],
    ] {
        let out = Usher::new().current_dir(dir.path()).args(&command).run();
        assert_eq!(out.code, 1, "{command:?}");
        assert_eq!(
            out.stderr,
            "error: could not open the state database at data/usher.sqlite3: file is not a database\n",
            "{command:?}"
        );
    }

    // A file where the data directory should be.
    let dir = tempfile::tempdir().expect("a temp dir");
    fs::write(dir.path().join("data"), "").expect("a file");
    let out = Usher::new()
        .current_dir(dir.path())
        .args(["announce", "cancel", "1"])
        .run();
    assert_eq!(out.code, 1);
    assert_eq!(
        out.stderr,
        "error: could not create the directory data for the state database: File exists (os error 17)\n"
    );
}

#[test]
fn listing_announcements_only_reads_the_database() {
    let a = Announcements::new();
    a.run(&[
        "add",
        "--now",
        NOW,
        "--at",
        "in 2 hours",
        "--channel",
        "42",
        "Doors open",
    ]);
    // A database in the rollback journal mode, as a copy or an older tool may leave it: opening it to
    // write would switch it to write-ahead logging, which changes the file.
    {
        let connection = rusqlite::Connection::open(a.database()).expect("the database opens");
        let mode: String = connection
            .pragma_update_and_check(None, "journal_mode", "DELETE", |row| row.get(0))
            .expect("the journal mode changes");
        assert_eq!(mode, "delete");
    }
    let before = fs::read(a.database()).expect("the database is readable");
    let out = Usher::new()
        .current_dir(a.dir.path())
        .args(["gaps", "--now", NOW])
        .run();
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        fs::read(a.database()).expect("still readable") == before,
        "gaps changed the database"
    );
    let out = a.run(&["list", "--all", "--now", NOW]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(out.stdout.contains("Doors open"), "{}", out.stdout);
    assert!(
        fs::read(a.database()).expect("still readable") == before,
        "announce list changed the database"
    );
}

#[test]
fn serve_logs_without_colour_codes_when_stderr_is_not_a_terminal() {
    use std::io::{BufRead, BufReader};

    // A "Discord" that accepts connections and never answers, so the bot waits and reaches no network.
    let silent = std::net::TcpListener::bind("127.0.0.1:0").expect("a local port");
    let proxy = format!("http://{}", silent.local_addr().expect("an address"));
    let mut child = Command::new(env!("CARGO_BIN_EXE_usher"))
        .arg("serve")
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("DISCORD_TOKEN", "MTA.fake.token")
        .env("USHER_DISCORD_PROXY", &proxy)
        .env_remove("NO_COLOR")
        .env_remove("RUST_LOG")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("usher starts");
    let mut stderr = BufReader::new(child.stderr.take().expect("stderr is piped"));
    let mut logged = String::new();
    while !logged.contains("USHER_DISCORD_PROXY") {
        if stderr.read_line(&mut logged).expect("stderr is readable") == 0 {
            break;
        }
    }
    child.kill().expect("usher stops");
    child.wait().expect("usher ends");
    assert!(logged.contains(" WARN "), "{logged}");
    assert!(!logged.contains('\x1b'), "{logged:?}");
}

/// The README's table of commands, as (command, description) rows.
fn readme_commands() -> Vec<(String, String)> {
    let readme = fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md"))
        .expect("the README");
    let table = readme
        .split("## The command line")
        .nth(1)
        .expect("a command line section");
    table
        .lines()
        .filter(|l| l.starts_with("| `usher "))
        .map(|l| {
            let mut cells = l.trim_matches('|').split(" | ");
            let command = cells.next().expect("a command cell").trim().to_string();
            let what = cells.next().expect("a description cell").trim().to_string();
            (command, what)
        })
        .collect()
}

#[test]
fn every_command_s_help_and_the_readme_agree() {
    let rows = readme_commands();
    let top = Usher::new().args(["--help"]).run().stdout;
    let commands: Vec<&str> = top
        .split("Commands:")
        .nth(1)
        .expect("a command list")
        .lines()
        .filter_map(|l| l.split_whitespace().next())
        .take_while(|c| *c != "Options:")
        .filter(|c| *c != "help")
        .collect();
    for command in &commands {
        let documented: Vec<&(String, String)> = rows
            .iter()
            .filter(|(c, _)| c.starts_with(&format!("`usher {command}")))
            .collect();
        assert!(
            !documented.is_empty(),
            "the README's table lacks `usher {command}`"
        );
        let mut help = Usher::new().args([*command, "--help"]).run().stdout;
        // Subcommands' flags are in their own help.
        let subcommands: Vec<String> = help
            .split("Commands:")
            .nth(1)
            .map(|list| {
                list.lines()
                    .filter_map(|l| l.split_whitespace().next())
                    .take_while(|c| *c != "Options:")
                    .filter(|c| *c != "help")
                    .map(str::to_string)
                    .collect()
            })
            .unwrap_or_default();
        for sub in &subcommands {
            help.push_str(
                &Usher::new()
                    .args([command, sub.as_str(), "--help"])
                    .run()
                    .stdout,
            );
        }
        for (row, what) in documented {
            for flag in format!("{row} {what}")
                .split(|c: char| !(c.is_ascii_alphanumeric() || c == '-'))
                .filter(|w| w.starts_with("--"))
            {
                assert!(
                    help.contains(flag),
                    "`usher {command} --help` lacks {flag} ({row})"
                );
            }
        }
    }
    for (row, _) in &rows {
        let name = row
            .trim_start_matches("`usher ")
            .split([' ', '`'])
            .next()
            .expect("a name");
        assert!(
            commands.contains(&name),
            "the README names `usher {name}`, which does not exist"
        );
    }

    // What the issue found missing on both sides.
    let chat = Usher::new().args(["chat", "--help"]).run().stdout;
    let chat_row = rows
        .iter()
        .find(|(c, _)| c.starts_with("`usher chat"))
        .map(|(c, what)| format!("{c} {what}"))
        .expect("a chat row");
    for word in ["exit", "Ctrl-R", "--record"] {
        assert!(
            chat.contains(word),
            "`usher chat --help` lacks {word}: {chat}"
        );
        assert!(
            chat_row.contains(word),
            "the README's chat row lacks {word}: {chat_row}"
        );
    }
    let ask = Usher::new().args(["ask", "--help"]).run().stdout;
    assert!(ask.contains("--record"), "{ask}");
    assert!(ask.contains("blank line"), "{ask}");
}

/// `usher chat` on a terminal: a pseudo-terminal from util-linux's `script`, typed into line by line.
struct Terminal {
    child: std::process::Child,
    input: std::process::ChildStdin,
    output: std::sync::mpsc::Receiver<u8>,
    seen: String,
}

impl Terminal {
    fn start(no_color: bool) -> Self {
        let usher = format!("{} chat --now {NOW}", env!("CARGO_BIN_EXE_usher"));
        let mut command = Command::new("script");
        command
            .args(["-qfec", &usher, "/dev/null"])
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .env_remove("NO_COLOR")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit());
        if no_color {
            command.env("NO_COLOR", "1");
        }
        let mut child = command
            .spawn()
            .expect("util-linux `script` runs usher on a pseudo-terminal");
        let input = child.stdin.take().expect("stdin is piped");
        let mut stdout = child.stdout.take().expect("stdout is piped");
        let (send, output) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            use std::io::Read;
            let mut byte = [0u8; 1];
            while stdout.read(&mut byte).is_ok_and(|n| n == 1) {
                if send.send(byte[0]).is_err() {
                    break;
                }
            }
        });
        Terminal {
            child,
            input,
            output,
            seen: String::new(),
        }
    }

    /// Waits for the editor's `n`th prompt: it switches the terminal to raw mode and then turns on
    /// bracketed paste, so keys typed after this reach the editor as keys, not as the terminal's echo.
    fn prompt(&mut self, n: usize) {
        self.type_and_wait("", "\x1b[?2004h", n);
    }

    /// Types keys, then waits until `text` has appeared `times` times in all the output so far.
    fn type_and_wait(&mut self, keys: &str, text: &str, times: usize) {
        self.input
            .write_all(keys.as_bytes())
            .expect("keys are typed");
        self.input.flush().expect("keys are sent");
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
        while self.seen.matches(text).count() < times {
            let left = deadline.saturating_duration_since(std::time::Instant::now());
            match self.output.recv_timeout(left) {
                Ok(byte) => self.seen.push(char::from(byte)),
                Err(error) => panic!(
                    "{text:?} did not appear {times} times ({error}) in:\n{}",
                    self.seen
                ),
            }
        }
    }

    fn finish(mut self, prompt: usize) -> String {
        self.prompt(prompt);
        self.type_and_wait("exit\r", "exit", 1);
        let status = self.child.wait().expect("usher ends");
        assert!(status.success(), "{status}: {}", self.seen);
        while let Ok(byte) = self.output.recv_timeout(std::time::Duration::from_secs(5)) {
            self.seen.push(char::from(byte));
        }
        self.seen
    }
}

#[test]
fn chat_on_a_terminal_recalls_and_searches_history_and_colours_unless_no_color() {
    let mut terminal = Terminal::start(true);
    terminal.prompt(1);
    terminal.type_and_wait("who hosted it?\r", "ICCT", 1);
    terminal.prompt(2);
    terminal.type_and_wait("where is it?\r", "Clingendael 7", 1);
    // Up recalls the last question; Ctrl-R finds an earlier one by a word in it.
    terminal.prompt(3);
    terminal.type_and_wait("\x1b[A\r", "Clingendael 7", 2);
    terminal.prompt(4);
    terminal.type_and_wait("\x12hosted\r", "ICCT", 2);
    let seen = terminal.finish(5);
    assert!(!seen.contains("^[[A"), "{seen}");
    assert!(!seen.contains("\x1b[1m"), "NO_COLOR is set: {seen:?}");

    let seen = Terminal::start(false).finish(1);
    assert!(seen.contains("\x1b[1mUsher:\x1b[0m"), "{seen:?}");
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
