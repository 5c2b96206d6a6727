//! The crash test: `usher serve`, as a real process, is killed with SIGKILL at random moments while a
//! schedule of announcements falls due, 50 times over, and restarted each time against the same fake
//! Discord and the same database. Between kills the test moves the clocks (the bot's through
//! `USHER_TEST_CLOCK`, the fake's with it), so that minutes pass in milliseconds: restarts come both
//! inside Discord's two-minute memory of a post and after it; the event is renamed and 150 messages
//! arrive between a claim and its recovery; Discord is down for ten minutes; and the bot's wall clock is
//! set back. In the end every announcement is posted exactly once, or missed and reported to the
//! organisers; none twice, none silently lost.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use jiff::{SignedDuration, Timestamp};
use serde_json::json;
use serenity::all::ChannelId;
use usher::schedule::{Announcement, Ping, Status};
use usher::store::{NewAnnouncement, Store};

use crate::bot::guild;
use crate::fake_discord::{FakeDiscord, Method, UserSpec};

const KILLS: usize = 50;
/// Announcements due one every 45 s of the test's time, from 5 s after it starts.
const SPREAD: i64 = 40;
/// Announcements due 20 minutes before the test starts, beyond the grace window of 5.
const TOO_LATE: i64 = 3;

/// The test's time, the bot's clocks and the fake's clock, moved together.
pub(crate) struct Clocks {
    pub(crate) file: PathBuf,
    /// Time passed beyond the real clock.
    pub(crate) passed: Duration,
    /// How far the bot's wall clock is set off.
    pub(crate) off: SignedDuration,
}

impl Clocks {
    pub(crate) fn write(&self) {
        // Written whole and renamed into place, so the bot never reads half a file.
        let temporary = self.file.with_extension("new");
        std::fs::write(
            &temporary,
            format!("{} {}", self.passed.as_millis(), self.off.as_millis()),
        )
        .expect("the clock file is written");
        std::fs::rename(&temporary, &self.file).expect("the clock file is replaced");
    }

    /// Lets `by` pass for everyone: the bot's clocks and Discord's.
    pub(crate) fn pass(&mut self, by: Duration, fake: &FakeDiscord) {
        self.passed += by;
        fake.advance_clock(by);
        self.write();
    }

    /// Sets the bot's wall clock off by `by` more; true time does not move.
    fn set_off(&mut self, by: SignedDuration) {
        self.off += by;
        self.write();
    }

    /// The true time now, as the fake's clock has it.
    pub(crate) fn now(&self) -> Timestamp {
        Timestamp::now() + SignedDuration::try_from(self.passed).expect("in range")
    }
}

pub(crate) fn spawn_usher(fake: &FakeDiscord, config: &Path, clock: &Path) -> Child {
    Command::new(env!("CARGO_BIN_EXE_usher"))
        .args(["serve", "--config"])
        .arg(config)
        .env("DISCORD_TOKEN", FakeDiscord::TOKEN)
        .env("USHER_DISCORD_PROXY", fake.http_proxy_url())
        .env("USHER_TEST_CLOCK", clock)
        .env("RUST_LOG", "usher=warn")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("usher serve starts")
}

/// A copy of the shipped knowledge, whose event can be renamed.
fn knowledge_copy(dir: &Path) -> PathBuf {
    let shipped = Path::new(env!("CARGO_MANIFEST_DIR")).join("knowledge");
    let copy = dir.join("knowledge");
    std::fs::create_dir_all(&copy).expect("a knowledge directory");
    for entry in std::fs::read_dir(&shipped).expect("the shipped knowledge") {
        let path = entry.expect("an entry").path();
        if path.extension().is_some_and(|e| e == "toml") {
            std::fs::copy(&path, copy.join(path.file_name().expect("a name"))).expect("copied");
        }
    }
    copy
}

fn rename_event(knowledge: &Path) {
    let path = knowledge.join("event.toml");
    let text = std::fs::read_to_string(&path).expect("event.toml");
    let renamed = text.replacen("\ntitle = \"", "\ntitle = \"(Renamed) ", 1);
    assert_ne!(text, renamed, "the title was found");
    std::fs::write(path, renamed).expect("event.toml is written");
}

/// The announcements being posted right now: claims a killed process left behind.
pub(crate) fn open_claims(data: &Path) -> usize {
    Store::open(data.join("usher.sqlite3"))
        .expect("the store")
        .list_all()
        .expect("read")
        .iter()
        .filter(|a| matches!(a.status, Status::Posting { .. }))
        .count()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[allow(
    clippy::too_many_lines,
    reason = "one story: a schedule, fifty kills with the clocks moved between them, a last run, and the count"
)]
async fn killed_fifty_times_while_announcements_fall_due_each_is_posted_once_or_reported_missed() {
    let fake = FakeDiscord::start_with(&guild()).await;
    // Discord answers a post only 150 ms after creating the message, so many kills land between a post
    // taking effect and Usher recording it.
    fake.set_latency(Method::POST, "/channels/", Duration::from_millis(150));
    let dir = tempfile::tempdir().expect("a temp dir");
    let data = dir.path().join("data");
    let knowledge = knowledge_copy(dir.path());
    let channel = fake.channel_id("announcements");
    let organisers = fake.channel_id("maintainers");
    let config = dir.path().join("usher.toml");
    let quoted = |p: &Path| toml::Value::from(p.display().to_string());
    std::fs::write(
        &config,
        format!(
            "knowledge_dir = {}\ndata_dir = {}\n[discord]\ntoken_file = \"none\"\nguilds = [{}]\n\
             announcement_channel = {channel}\norganiser_channel = {organisers}\n\
             [announcements]\ngrace_minutes = 5\nrequest_timeout_seconds = 2\n",
            quoted(&knowledge),
            quoted(&data),
            fake.guild_id()
        ),
    )
    .expect("the config is written");
    let mut clocks = Clocks {
        file: dir.path().join("clock"),
        passed: Duration::ZERO,
        off: SignedDuration::ZERO,
    };
    clocks.write();

    let start = clocks.now();
    {
        let mut store = Store::open(data.join("usher.sqlite3")).expect("the store");
        for i in 0..SPREAD {
            let due = start + SignedDuration::from_secs(5 + 45 * i);
            store
                .insert(&announcement(&format!("Spread {i}."), due), start)
                .expect("inserted");
        }
        for i in 0..TOO_LATE {
            let due = start - SignedDuration::from_mins(20);
            store
                .insert(&announcement(&format!("Too late {i}."), due), start)
                .expect("inserted");
        }
    }

    // Kill it at random moments; a fixed seed keeps the moments the same from run to run.
    let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
    let began = Instant::now();
    let mut inside_with_claims = 0;
    let mut after_with_claims = 0;
    let mut renamed_at = None;
    for kill in 0..KILLS {
        let claims = open_claims(&data);
        let mut after_window = kill % 3 == 2;
        // Once, between a claim a kill left open and its recovery after the window: the event is
        // renamed, and 150 messages arrive in the channel.
        if renamed_at.is_none() && kill >= 20 && claims > 0 {
            rename_event(&knowledge);
            for i in 0..150 {
                fake.insert_message(channel, &UserSpec::bob(), &format!("chatter {i}"), None);
            }
            renamed_at = Some(kill);
            after_window = true;
        }
        match kill {
            // The bot's wall clock is set back a minute and a half.
            30 => clocks.set_off(SignedDuration::from_secs(-90)),
            10 => fake.fail_every(
                Method::OPTIONS,
                "/channels/",
                503,
                json!({"message": "503: Service Unavailable", "code": 0}),
            ),
            // Ten minutes later, Discord is back.
            15 => fake.clear_failures(),
            _ => {}
        }
        if (10..15).contains(&kill) {
            clocks.pass(Duration::from_secs(120), &fake);
        } else if after_window {
            // Back after Discord's memory of the last attempts has gone.
            clocks.pass(Duration::from_secs(180), &fake);
            after_with_claims += usize::from(claims > 0);
        } else {
            inside_with_claims += usize::from(claims > 0);
        }
        let mut child = spawn_usher(&fake, &config, &clocks.file);
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        let alive = Duration::from_millis(80 + seed % 420);
        tokio::time::sleep(alive).await;
        child.kill().expect("SIGKILL is delivered");
        child.wait().expect("the killed process is reaped");
    }
    let kills_took = began.elapsed();

    // A last run, left alone until everything is settled, with time moving on so that every
    // announcement falls due and every claim can be looked for.
    let mut child = spawn_usher(&fake, &config, &clocks.file);
    let store = Store::open(data.join("usher.sqlite3")).expect("the store");
    let deadline = Instant::now() + Duration::from_secs(30);
    let all = loop {
        let all = store.list_all().expect("read");
        let settled = all.iter().all(|a| a.status.is_final())
            && store.list_unreported().expect("read").is_empty();
        if settled {
            break all;
        }
        assert!(
            Instant::now() < deadline,
            "not settled: {:?}",
            all.iter()
                .filter(|a| !a.status.is_final())
                .collect::<Vec<_>>()
        );
        tokio::time::sleep(Duration::from_millis(300)).await;
        clocks.pass(Duration::from_secs(60), &fake);
    };
    child.kill().expect("stopped");
    child.wait().expect("reaped");

    let tally = count(&fake, channel, organisers, &all);
    let released = store
        .audit_all()
        .expect("read")
        .iter()
        .filter(|e| e.action.as_str() == "released")
        .count();
    assert_eq!(tally.duplicates, 0, "{tally:?}");
    assert_eq!(
        tally.posted + tally.missed,
        usize::try_from(SPREAD + TOO_LATE).expect("small")
    );
    assert!(tally.missed >= usize::try_from(TOO_LATE).expect("small"));
    assert!(tally.posted > 0);
    let renamed_at = renamed_at.expect("a claim was open after a kill past the 20th");
    assert_eq!(
        tally.reports, tally.missed,
        "every missed announcement is reported once: {tally:?}"
    );
    assert!(
        inside_with_claims > 0 && after_with_claims > 0,
        "restarts with open claims: {inside_with_claims} inside the window, {after_with_claims} after"
    );
    println!(
        "crash test: {KILLS} SIGKILLs over {kills_took:?}; restarts with open claims: {inside_with_claims} inside \
         the nonce window, {after_with_claims} after it; renamed with 150 messages before the restart after kill \
         {renamed_at}; a 10-minute outage over kills 10-14; the wall clock set back 90 s from kill 30; \
         {released} claim(s) released after finding no post; in the end {} posted exactly once, {} missed and \
         reported ({} report message(s)), {} duplicate posts",
        tally.posted, tally.missed, tally.reports, tally.duplicates
    );
}

#[derive(Debug, Default)]
struct Tally {
    posted: usize,
    missed: usize,
    reports: usize,
    duplicates: usize,
}

/// Checks each announcement's outcome on Discord: a posted one has exactly the one message recorded,
/// a missed one none, and a report to the organisers.
fn count(
    fake: &FakeDiscord,
    channel: ChannelId,
    organisers: ChannelId,
    all: &[Announcement],
) -> Tally {
    let messages = fake.channel_messages(channel);
    let reports: Vec<String> = fake
        .channel_messages(organisers)
        .into_iter()
        .map(|m| m.content)
        .collect();
    let mut copies: HashMap<String, Vec<u64>> = HashMap::new();
    for message in messages
        .iter()
        .filter(|m| m.author.id == fake.bot_user_id())
    {
        for embed in &message.embeds {
            if let Some(footer) = &embed.footer {
                let id = footer
                    .text
                    .rsplit('#')
                    .next()
                    .unwrap_or_default()
                    .to_string();
                copies.entry(id).or_default().push(message.id.get());
            }
        }
    }
    let mut tally = Tally {
        reports: reports.len(),
        ..Tally::default()
    };
    for a in all {
        let ours = copies.get(&a.id.to_string()).cloned().unwrap_or_default();
        tally.duplicates += ours.len().saturating_sub(1);
        match &a.status {
            Status::Posted { message_id, .. } => {
                assert_eq!(
                    ours,
                    vec![*message_id],
                    "announcement #{} ({})",
                    a.id,
                    a.text
                );
                tally.posted += 1;
            }
            Status::Missed { reason, .. } => {
                assert!(ours.is_empty(), "missed announcement #{} was posted", a.id);
                let told = format!("Announcement #{} was not posted", a.id);
                let times = reports.iter().filter(|r| r.starts_with(&told)).count();
                assert_eq!(
                    times, 1,
                    "#{} ({}) was missed ({reason}) and organisers were told {times} times",
                    a.id, a.text
                );
                tally.missed += 1;
            }
            other => panic!("announcement #{} ended {other:?}", a.id),
        }
    }
    tally
}

fn announcement(text: &str, due: Timestamp) -> NewAnnouncement {
    NewAnnouncement {
        text: text.to_string(),
        channel: None,
        ping: Ping::None,
        due_at: due,
        created_by: "crash test".to_string(),
    }
}
