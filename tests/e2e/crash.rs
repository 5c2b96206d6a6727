//! The crash test: `usher serve`, as a real process, is killed with SIGKILL at random moments while a
//! schedule of announcements falls due, 50 times over, and restarted each time against the same fake
//! Discord and the same database. In the end every announcement was posted exactly once, or marked missed
//! if its time had passed beyond the grace window before the test began.

use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use jiff::{SignedDuration, Timestamp};
use usher::schedule::{AnnouncementId, Ping, Status};
use usher::store::{NewAnnouncement, Store};

use crate::bot::guild;
use crate::fake_discord::FakeDiscord;

const KILLS: usize = 50;
const ON_TIME: i64 = 30;
const TOO_LATE: i64 = 3;

fn spawn_usher(fake: &FakeDiscord, config: &Path) -> Child {
    Command::new(env!("CARGO_BIN_EXE_usher"))
        .args(["serve", "--config"])
        .arg(config)
        .env("DISCORD_TOKEN", FakeDiscord::TOKEN)
        .env("USHER_DISCORD_PROXY", fake.http_proxy_url())
        .env("RUST_LOG", "usher=warn")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("usher serve starts")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[allow(
    clippy::too_many_lines,
    reason = "one story: a schedule, fifty kills, a last run, and the count"
)]
async fn killed_fifty_times_while_announcements_fall_due_each_is_posted_exactly_once_or_missed() {
    let fake = FakeDiscord::start_with(&guild()).await;
    // Discord answers a post only 150 ms after creating the message, so many kills land between a post
    // taking effect and Usher recording it.
    fake.set_latency(
        hyper::Method::POST,
        "/channels/",
        Duration::from_millis(150),
    );
    let dir = tempfile::tempdir().expect("a temp dir");
    let data = dir.path().join("data");
    let channel = fake.channel_id("announcements").get();
    let knowledge = Path::new(env!("CARGO_MANIFEST_DIR")).join("knowledge");
    let config = dir.path().join("usher.toml");
    std::fs::write(
        &config,
        format!(
            "knowledge_dir = {knowledge:?}\ndata_dir = {data:?}\n[discord]\ntoken_file = \"none\"\nguilds = [{}]\nannouncement_channel = {channel}\n",
            fake.guild_id()
        ),
    )
    .expect("the config is written");

    // The schedule: 30 announcements falling due one every 300 ms from a second from now, and three whose
    // time passed 20 minutes ago, beyond the default grace of 10.
    let start = Timestamp::now();
    {
        let mut store = Store::open(data.join("usher.sqlite3")).expect("the store");
        for i in 0..ON_TIME {
            let due = start
                .checked_add(SignedDuration::from_millis(1000 + 300 * i))
                .expect("in range");
            store
                .insert(&announcement(&format!("On time {i}."), due), start)
                .expect("inserted");
        }
        for i in 0..TOO_LATE {
            let due = start
                .checked_sub(SignedDuration::from_mins(20))
                .expect("in range");
            store
                .insert(&announcement(&format!("Too late {i}."), due), start)
                .expect("inserted");
        }
    }

    // Kill it at random moments; a fixed seed keeps the moments the same from run to run.
    let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
    let began = Instant::now();
    for _ in 0..KILLS {
        let mut child = spawn_usher(&fake, &config);
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        let alive = Duration::from_millis(80 + seed % 420);
        tokio::time::sleep(alive).await;
        child.kill().expect("SIGKILL is delivered");
        child.wait().expect("the killed process is reaped");
    }
    let kills_took = began.elapsed();
    // The kills must have landed while posting was going on, not all before it began.
    let (posted_while_killing, interrupted) = {
        let store = Store::open(data.join("usher.sqlite3")).expect("the store");
        let all = store.list_all().expect("read");
        let posted = all
            .iter()
            .filter(|a| matches!(a.status, Status::Posted { .. }))
            .count();
        let interrupted = all
            .iter()
            .filter(|a| matches!(a.status, Status::Posting { .. }))
            .count()
            + store
                .audit_all()
                .expect("read")
                .iter()
                .filter(|e| e.action.as_str() == "released" || e.action.as_str() == "retried")
                .count();
        (posted, interrupted)
    };
    assert!(
        posted_while_killing > 0,
        "nothing was posted while the bot was being killed"
    );

    // A last run that is left alone until everything is settled.
    let mut child = spawn_usher(&fake, &config);
    let store = Store::open(data.join("usher.sqlite3")).expect("the store");
    let deadline = Instant::now() + Duration::from_secs(60);
    let all = loop {
        let all = store.list_all().expect("read");
        if all.iter().all(|a| a.status.is_final()) {
            break all;
        }
        assert!(
            Instant::now() < deadline,
            "not settled: {:?}",
            all.iter()
                .filter(|a| !a.status.is_final())
                .collect::<Vec<_>>()
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    };
    child.kill().expect("stopped");
    child.wait().expect("reaped");

    // Count each announcement's messages in the channel by the footer that marks them.
    let messages = fake.channel_messages(serenity::all::ChannelId::new(channel));
    let mut posted = 0;
    let mut missed = 0;
    for a in &all {
        let marker = format!("announcement #{}", a.id);
        let copies: Vec<_> = messages
            .iter()
            .filter(|m| {
                m.embeds
                    .iter()
                    .any(|e| e.footer.as_ref().is_some_and(|f| f.text.ends_with(&marker)))
            })
            .collect();
        match &a.status {
            Status::Posted { message_id, .. } => {
                assert_eq!(
                    copies.len(),
                    1,
                    "announcement #{} was posted {} times",
                    a.id,
                    copies.len()
                );
                assert_eq!(
                    copies[0].id.get(),
                    *message_id,
                    "the recorded message is the posted one"
                );
                posted += 1;
            }
            Status::Missed { .. } => {
                assert!(
                    copies.is_empty(),
                    "missed announcement #{} was posted",
                    a.id
                );
                assert!(
                    a.text.starts_with("Too late"),
                    "#{} ({}) was missed",
                    a.id,
                    a.text
                );
                missed += 1;
            }
            other => panic!("announcement #{} ended {other:?}", a.id),
        }
    }
    assert_eq!(posted, usize::try_from(ON_TIME).expect("small"));
    assert_eq!(missed, usize::try_from(TOO_LATE).expect("small"));
    assert!(store.get(AnnouncementId(1)).expect("read").is_some());
    println!(
        "crash test: {KILLS} SIGKILLs over {kills_took:?} ({posted_while_killing} posted meanwhile, {interrupted} \
         claims interrupted or retried); in the end {posted} announcements posted exactly once, {missed} missed, \
         0 duplicates"
    );
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
