//! Live reload and the maintainers' commands, on the real bot against the fake Discord: an edit goes live
//! while participants keep asking, broken knowledge is reported to the maintainers' channel and never goes
//! live, and `/reload`, `/status` and `/gaps` answer maintainers only.

#[path = "../support/versioned_knowledge.rs"]
mod versioned;

use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use serde_json::{Value, json};
use usher::clock::SystemClock;
use usher::config::Config;
use usher::discord::{Bot, Services};
use usher::engine::Thresholds;
use usher::reload::Reloader;
use usher::store::{SharedStore, Store};

use crate::bot::{FixedClock, REPLY_TIMEOUT, config_for, guild, is_reply_to, reply_text};
use crate::fake_discord::{
    CommandOption, FakeDiscord, InteractionHandle, InteractionSpec, MessageSpec, RecordedRequest,
    UserSpec,
};
use versioned::{FAQ, Files, QUESTION, sessions, versions_in};

/// How often the client asks while an edit goes live.
const ASKING_INTERVAL: Duration = Duration::from_millis(15);

/// A syntax error: the answer's string is never closed.
const BROKEN_FAQ: &str =
    "[[faq]]\nid = \"wifi\"\nquestion = \"What is the wifi password?\"\nanswer = \"x\n";

/// Someone who holds the maintainer role.
fn maintainer(fake: &FakeDiscord) -> (UserSpec, Vec<serenity::all::RoleId>) {
    (
        UserSpec::new(1_200_000_000_000_000_410, "maria"),
        vec![fake.role_id("maintainer")],
    )
}

/// A bot on the versioned knowledge with a reloader, reporting to `#maintainers`.
async fn start(fake: &FakeDiscord, files: &Files, watch: bool) -> Running {
    let engine = files.load();
    let reloader = Arc::new(Reloader::new(
        Arc::clone(&engine),
        files.dir(),
        Thresholds::default(),
        Arc::new(SystemClock),
    ));
    let watcher = watch.then(|| reloader.watch().expect("the directory can be watched"));
    let store = SharedStore::new(Store::open_in_memory().expect("an in-memory store"));
    let services = Services {
        engine,
        store: store.clone(),
        clock: Arc::new(FixedClock(
            "2026-05-01T12:00:00Z".parse().expect("a valid time"),
        )),
        reloader: Some(Arc::clone(&reloader)),
    };
    let mut config: Config = config_for(fake);
    config.discord.maintainer_channel = Some(fake.channel_id("maintainers").get());
    config.discord.cooldown_questions = 10_000;
    let bot = crate::bot::start_usher_with(fake, config, services).await;
    Running {
        bot,
        reloader,
        store,
        _watcher: watcher,
    }
}

struct Running {
    bot: Bot,
    reloader: Arc<Reloader>,
    store: usher::store::SharedStore,
    _watcher: Option<usher::reload::Watcher>,
}

/// Asks a question in `#questions` and returns the reply's text.
async fn ask(fake: &FakeDiscord, question: &str) -> String {
    let asked = fake
        .send_message(MessageSpec::guild(question).in_channel(fake.channel_id("questions")))
        .await;
    let reply = fake.wait_for(is_reply_to(asked.get()), REPLY_TIMEOUT).await;
    reply_text(reply.json())
}

/// Runs a slash command as `user` and returns its reply: the first response, or the followup after a
/// deferral.
async fn command(
    fake: &FakeDiscord,
    name: &str,
    options: Vec<CommandOption>,
    user: &(UserSpec, Vec<serenity::all::RoleId>),
) -> Value {
    let handle = fake
        .send_interaction(
            InteractionSpec::slash(name, options)
                .by(user.0.clone())
                .with_roles(&user.1)
                .in_channel(fake.channel_id("general")),
        )
        .await;
    let first = fake.wait_for(|r| handle.owns(r), REPLY_TIMEOUT).await;
    if first.json()["type"] == json!(5) {
        assert_eq!(
            first.json()["data"]["flags"],
            json!(64),
            "/{name} defers privately"
        );
        return followup(fake, &handle).await;
    }
    first.json().clone()
}

async fn followup(fake: &FakeDiscord, handle: &InteractionHandle) -> Value {
    let calls = fake
        .wait_for_count(|r| handle.owns(r), 2, REPLY_TIMEOUT)
        .await;
    calls[1].json().clone()
}

fn is_ephemeral(reply: &Value) -> bool {
    let data = if reply["data"].is_object() {
        &reply["data"]
    } else {
        reply
    };
    data["flags"].as_u64().unwrap_or(0) & 64 != 0
}

/// The messages Usher posted to `#maintainers`, oldest first.
fn maintainer_posts(fake: &FakeDiscord) -> Vec<RecordedRequest> {
    let channel = fake.channel_id("maintainers");
    fake.requests()
        .into_iter()
        .filter(|r| r.is("POST", &format!("/channels/{channel}/messages")))
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_edit_goes_live_within_a_second_while_participants_keep_asking() {
    // Shared with the client task that asks.
    let fake = Arc::new(FakeDiscord::start_with(&guild()).await);
    let files = Files::new(0);
    let running = start(&fake, &files, true).await;
    let questions = fake.channel_id("questions");

    // A participant asks without pause, one message every few milliseconds, until told to stop.
    let stop = Arc::new(AtomicBool::new(false));
    let client = {
        let fake = Arc::clone(&fake);
        let stop = Arc::clone(&stop);
        tokio::spawn(async move {
            let mut asked = Vec::new();
            while !stop.load(Ordering::Relaxed) {
                let id = fake
                    .send_message(MessageSpec::guild(QUESTION).in_channel(questions))
                    .await;
                asked.push((id, Instant::now()));
                tokio::time::sleep(ASKING_INTERVAL).await;
            }
            asked
        })
    };
    tokio::time::sleep(Duration::from_millis(200)).await;

    let written = Instant::now();
    files.set_version(1);
    let first_new = fake
        .wait_for(
            |r| {
                r.is("POST", "/channels/*/messages")
                    && versions_in(&reply_text(r.json())) == (Some(1), Some(1))
            },
            REPLY_TIMEOUT,
        )
        .await;
    let latency = first_new.received_at.duration_since(written);

    // A broken edit afterwards: reported to the maintainers, and the answers stay on version 1.
    files.write("faq.toml", BROKEN_FAQ);
    let report = fake
        .wait_for(
            |r| {
                r.is(
                    "POST",
                    &format!("/channels/{}/messages", fake.channel_id("maintainers")),
                )
            },
            REPLY_TIMEOUT,
        )
        .await;
    tokio::time::sleep(Duration::from_millis(200)).await;
    stop.store(true, Ordering::Relaxed);
    let asked = client.await.expect("the client ran");

    // Every question got exactly one reply, each from one version.
    let replies = fake
        .wait_for_count(
            |r| r.is("POST", "/channels/*/messages") && r.json()["message_reference"].is_object(),
            asked.len() + 1,
            Duration::from_secs(20),
        )
        .await;
    let mut by_question: HashMap<String, Vec<&RecordedRequest>> = HashMap::new();
    for reply in &replies {
        let to = reply.json()["message_reference"]["message_id"]
            .as_str()
            .unwrap_or_default()
            .to_string();
        by_question.entry(to).or_default().push(reply);
    }
    let mut after_the_report = 0;
    for (id, sent) in &asked {
        let answers = by_question
            .get(&id.to_string())
            .map_or(&[][..], Vec::as_slice);
        assert_eq!(
            answers.len(),
            1,
            "question {id} got {} replies",
            answers.len()
        );
        let text = reply_text(answers[0].json());
        let versions = versions_in(&text);
        assert!(
            matches!(versions, (Some(a), Some(b)) if a == b),
            "question {id} got an answer from two versions or none: {text}"
        );
        if *sent > report.received_at {
            after_the_report += 1;
            assert_eq!(versions, (Some(1), Some(1)), "broken knowledge went live");
        }
    }
    println!(
        "e2e: write to first new reply {latency:?}; {} questions asked, each answered once",
        asked.len()
    );
    assert!(
        latency < Duration::from_secs(1),
        "the edit took {latency:?} to be answered"
    );
    assert!(
        after_the_report > 0,
        "no question was asked after the report"
    );
    assert!(
        asked.len() > 20,
        "only {} questions were asked",
        asked.len()
    );

    let text = report.content().unwrap_or_default().to_string();
    assert!(
        text.contains(&format!(
            "{}:4:12: invalid basic string",
            files.path("faq.toml").display()
        )),
        "{text}"
    );
    assert_eq!(report.json()["allowed_mentions"]["parse"], json!([]));
    assert_eq!(maintainer_posts(&fake).len(), 1);
    assert!(running.reloader.status().last_error.is_some());
    running.bot.shutdown().await;
    fake.assert_clean();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn maintainer_commands_are_refused_to_others() {
    let fake = FakeDiscord::start_with(&guild()).await;
    let files = Files::new(0);
    let running = start(&fake, &files, false).await;
    let participant = (UserSpec::alice(), Vec::new());
    let version = running.reloader.status().version;
    files.set_version(1);
    for (name, options) in [
        ("reload", vec![]),
        ("status", vec![]),
        ("gaps", vec![CommandOption::string("since", "7d")]),
    ] {
        let reply = command(&fake, name, options, &participant).await;
        assert_eq!(
            reply_text(&reply),
            "Only maintainers may do that.",
            "/{name}"
        );
        assert!(is_ephemeral(&reply), "/{name}: {reply}");
    }
    assert_eq!(
        running.reloader.status().version,
        version,
        "a refused /reload reloaded nothing"
    );
    running.bot.shutdown().await;
    fake.assert_clean();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn maintainers_reload_see_the_status_and_the_gaps() {
    let fake = FakeDiscord::start_with(&guild()).await;
    let files = Files::new(0);
    // No watcher: here `/reload` is what brings an edit in.
    let running = start(&fake, &files, false).await;
    let maria = maintainer(&fake);

    // Questions Usher cannot answer are kept, without who asked, and listed grouped.
    for question in [
        "is there a cloakroom?",
        "Is there a cloakroom",
        "can I bring my dog?",
    ] {
        assert!(ask(&fake, question).await.contains("I don't know that"));
    }
    let deadline = Instant::now() + REPLY_TIMEOUT;
    while running
        .store
        .lock()
        .unanswered_since(jiff::Timestamp::UNIX_EPOCH)
        .expect("a listing")
        .len()
        < 3
    {
        assert!(Instant::now() < deadline, "the questions were not kept");
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    let gaps = command(&fake, "gaps", vec![], &maria).await;
    assert!(is_ephemeral(&gaps));
    let text = reply_text(&gaps);
    assert!(
        text.contains("3 unanswered questions since")
            && text.contains("2x  Is there a cloakroom")
            && text.contains("1x  can I bring my dog?"),
        "{text}"
    );

    // A broken file: `/reload` says where, the maintainers' channel hears once, the answers stay.
    files.write("faq.toml", BROKEN_FAQ);
    let location = format!(
        "{}:4:12: invalid basic string",
        files.path("faq.toml").display()
    );
    for _ in 0..2 {
        let reply = command(&fake, "reload", vec![], &maria).await;
        let text = reply_text(&reply);
        assert!(
            text.contains("did not load") && text.contains(&location),
            "{text}"
        );
    }
    // A different failure next, so that a repeated post of the first would have shown up by the time
    // this one is posted.
    files.write("faq.toml", FAQ);
    files.write(
        "sessions.toml",
        &sessions(0).replace("[\"alice\"]", "[\"bobb\"]"),
    );
    let reply = command(&fake, "reload", vec![], &maria).await;
    assert!(reply_text(&reply).contains("unknown speaker `bobb`"));
    let channel = fake.channel_id("maintainers");
    fake.wait_for_count(
        |r| r.is("POST", &format!("/channels/{channel}/messages")),
        2,
        REPLY_TIMEOUT,
    )
    .await;
    let posts = maintainer_posts(&fake);
    assert_eq!(posts.len(), 2, "each distinct failure is posted once");
    assert!(posts[0].content().unwrap_or_default().contains(&location));
    assert!(
        posts[1]
            .content()
            .unwrap_or_default()
            .contains("unknown speaker `bobb`")
    );
    assert_eq!(versions_in(&ask(&fake, QUESTION).await), (Some(0), Some(0)));

    let status = reply_text(&command(&fake, "status", vec![], &maria).await);
    let version = running.reloader.status().version;
    assert!(
        status.contains(&format!("Knowledge version `{version}`"))
            && status.contains("Last reload failed")
            && status.contains("unknown speaker `bobb`")
            && status.contains("question(s) answered")
            && status.contains("Gateway latency"),
        "{status}"
    );

    // Fixed: `/reload` says what changed, and the new answers are live.
    files.set_version(1);
    let text = reply_text(&command(&fake, "reload", vec![], &maria).await);
    assert!(
        text.contains("reloaded: version") && text.contains("session.opening"),
        "{text}"
    );
    assert_eq!(versions_in(&ask(&fake, QUESTION).await), (Some(1), Some(1)));
    let status = reply_text(&command(&fake, "status", vec![], &maria).await);
    assert!(status.contains("Last reload: no error."), "{status}");
    assert!(!status.contains(&version), "the version changed: {status}");
    running.bot.shutdown().await;
    fake.assert_clean();
}

/// Sends `signal` (such as `-HUP`) to a process.
fn send_signal(child: &std::process::Child, signal: &str) {
    let status = std::process::Command::new("kill")
        .args([signal, &child.id().to_string()])
        .status()
        .expect("kill runs");
    assert!(status.success(), "kill {signal} failed");
}

/// Runs `usher serve` against the fake; its log is collected line by line on a thread of its own, so the
/// process never blocks on a full pipe.
#[allow(
    clippy::type_complexity,
    reason = "a process, its log and the thread that reads it"
)]
fn spawn_serve(
    fake: &FakeDiscord,
    config: &std::path::Path,
) -> (
    std::process::Child,
    Arc<Mutex<Vec<String>>>,
    std::thread::JoinHandle<()>,
) {
    use std::io::{BufRead, BufReader};
    use std::process::{Command, Stdio};

    let mut child = Command::new(env!("CARGO_BIN_EXE_usher"))
        .args(["serve", "--config"])
        .arg(config)
        .env("DISCORD_TOKEN", FakeDiscord::TOKEN)
        .env("USHER_DISCORD_PROXY", fake.http_proxy_url())
        .env("RUST_LOG", "usher=info")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("usher serve starts");
    let log = Arc::new(Mutex::new(Vec::<String>::new()));
    let reader = {
        let log = Arc::clone(&log);
        let stderr = child.stderr.take().expect("stderr is piped");
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                log.lock().expect("the log").push(line);
            }
        })
    };
    (child, log, reader)
}

#[cfg(unix)]
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn usher_serve_watches_its_knowledge_reports_failures_and_reloads_on_sighup() {
    let fake = FakeDiscord::start_with(&guild()).await;
    let files = Files::new(0);
    let dir = tempfile::tempdir().expect("a temp dir");
    let config = dir.path().join("usher.toml");
    std::fs::write(
        &config,
        format!(
            "knowledge_dir = {:?}\ndata_dir = {:?}\n[discord]\ntoken_file = \"none\"\nguilds = [{}]\n\
             question_channels = [{}]\nmaintainer_channel = {}\ncooldown_questions = 10000\n",
            files.dir(),
            dir.path().join("data"),
            fake.guild_id(),
            fake.channel_id("questions"),
            fake.channel_id("maintainers"),
        ),
    )
    .expect("the config is written");
    let (mut child, log, reader) = spawn_serve(&fake, &config);
    fake.wait_for(
        |r| r.is("PUT", "/applications/*/guilds/*/commands"),
        REPLY_TIMEOUT,
    )
    .await;
    assert_eq!(versions_in(&ask(&fake, QUESTION).await), (Some(0), Some(0)));

    // An edit goes live through the watch `usher serve` started.
    let written = Instant::now();
    files.set_version(1);
    loop {
        if versions_in(&ask(&fake, QUESTION).await) == (Some(1), Some(1)) {
            break;
        }
        assert!(
            written.elapsed() < Duration::from_secs(5),
            "the edit did not go live"
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }

    // A broken edit is posted to the maintainers' channel, with its place.
    files.write("faq.toml", BROKEN_FAQ);
    let channel = fake.channel_id("maintainers");
    let post = fake
        .wait_for(
            |r| r.is("POST", &format!("/channels/{channel}/messages")),
            REPLY_TIMEOUT,
        )
        .await;
    assert!(
        post.content().unwrap_or_default().contains(&format!(
            "{}:4:12: invalid basic string",
            files.path("faq.toml").display()
        )),
        "{}",
        post.json()
    );

    // SIGHUP reloads, and does not end the process.
    files.write("faq.toml", FAQ);
    send_signal(&child, "-HUP");
    let deadline = Instant::now() + REPLY_TIMEOUT;
    while !log
        .lock()
        .expect("the log")
        .iter()
        .any(|line| line.contains("SIGHUP: reloading the knowledge"))
    {
        assert!(Instant::now() < deadline, "SIGHUP was not logged");
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    assert_eq!(versions_in(&ask(&fake, QUESTION).await), (Some(1), Some(1)));
    assert!(
        child.try_wait().expect("a status").is_none(),
        "SIGHUP ended usher"
    );

    send_signal(&child, "-TERM");
    let exited = child.wait().expect("usher stops");
    reader.join().expect("the log reader");
    assert!(exited.success(), "{exited}");
    let log = log.lock().expect("the log");
    assert!(
        log.iter()
            .any(|line| line.contains("watching the knowledge for changes")),
        "{log:#?}"
    );
    fake.assert_clean();
}
