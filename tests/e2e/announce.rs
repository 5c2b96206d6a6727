//! Announcements on the fake Discord: who may announce, what gets posted and pinged, and that every
//! announcement is posted exactly once at its time, with the clock moved by the test.

use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use jiff::{SignedDuration, Timestamp};
use serde_json::{Value, json};
use tokio::sync::Notify;
use usher::discord::{Clock, Services};
use usher::live;
use usher::schedule::{AnnouncementId, Ping, Status, Target};
use usher::store::{NewAnnouncement, SharedStore, Store};

use crate::bot::{
    REPLY_TIMEOUT, answer_to, config_for, guild, reply_text, seminar_engine, start_usher_with,
};
use crate::fake_discord::{
    CommandOption, FakeDiscord, InteractionSpec, MessageSpec, RecordedRequest,
};

/// A clock the test moves; moving it wakes the scheduler at once. Time the test lets pass moves the
/// monotonic clock too; a wall clock the test sets off does not.
pub struct ManualClock {
    now: Mutex<Timestamp>,
    passed: Mutex<std::time::Duration>,
    jumped: Notify,
    /// Makes the next reading of the wall clock panic, as a bug would.
    break_next: std::sync::atomic::AtomicBool,
}

impl ManualClock {
    pub fn at(now: Timestamp) -> Arc<Self> {
        Arc::new(ManualClock {
            now: Mutex::new(now),
            passed: Mutex::new(std::time::Duration::ZERO),
            jumped: Notify::new(),
            break_next: std::sync::atomic::AtomicBool::new(false),
        })
    }

    /// The next task to read the wall clock panics.
    pub fn break_next_reading(&self) {
        self.break_next
            .store(true, std::sync::atomic::Ordering::SeqCst);
    }

    /// Lets `by` pass.
    pub fn advance(&self, by: SignedDuration) {
        *self.passed.lock().expect("the clock's lock") +=
            std::time::Duration::try_from(by).expect("time passes forward");
        self.set_off(by);
    }

    /// Sets the wall clock off by `by`, as a wrong clock or its correction would.
    pub fn set_off(&self, by: SignedDuration) {
        let mut now = self.now.lock().expect("the clock's lock");
        *now = now.checked_add(by).expect("a time in range");
        // `notify_one` keeps a permit if the scheduler is busy, so a move is never missed.
        self.jumped.notify_one();
    }
}

impl Clock for ManualClock {
    fn now(&self) -> Timestamp {
        assert!(
            !self
                .break_next
                .swap(false, std::sync::atomic::Ordering::SeqCst),
            "the clock broke (a fault the test injected)"
        );
        *self.now.lock().expect("the clock's lock")
    }

    fn instant(&self) -> std::time::Instant {
        std::time::Instant::now() + *self.passed.lock().expect("the clock's lock")
    }

    fn jumped(&self) -> Pin<Box<dyn Future<Output = ()> + Send + '_>> {
        Box::pin(self.jumped.notified())
    }
}

/// During the seminar, before part two: a time announcements are made at.
pub fn during_the_event() -> Timestamp {
    "2015-04-30T12:30:00Z".parse().expect("a valid timestamp")
}

pub fn services_with(clock: Arc<ManualClock>, store: Store) -> Services {
    Services {
        engine: live::shared(seminar_engine()),
        store: SharedStore::new(store),
        clock,
        reloader: None,
    }
}

pub fn in_memory() -> Store {
    Store::open_in_memory().expect("an in-memory store")
}

pub fn is_announcement(channel: u64) -> impl Fn(&RecordedRequest) -> bool {
    move |r| r.is("POST", &format!("/channels/{channel}/messages"))
}

pub fn posted_texts(fake: &FakeDiscord, channel: u64) -> Vec<String> {
    fake.requests()
        .iter()
        .filter(|r| is_announcement(channel)(r) && r.status.is_success())
        .map(|r| reply_text(r.json()))
        .collect()
}

/// Sends `/announce`, then presses Confirm on the preview; returns the confirmation text.
pub async fn announce(
    fake: &FakeDiscord,
    options: Vec<CommandOption>,
    organiser: bool,
) -> (Value, Option<Value>) {
    let roles = if organiser {
        vec![fake.role_id("organiser")]
    } else {
        vec![]
    };
    let handle = fake
        .send_interaction(InteractionSpec::slash("announce", options).with_roles(&roles))
        .await;
    let preview = fake.wait_for(|r| handle.owns(r), REPLY_TIMEOUT).await;
    let body = preview.json().clone();
    let confirm = body["data"]["components"][0]["components"][0]["custom_id"]
        .as_str()
        .map(str::to_string);
    let Some(confirm) = confirm else {
        return (body, None);
    };
    let message = fake
        .original_response(&handle)
        .expect("the preview message exists");
    let press = fake
        .send_interaction(InteractionSpec::button(message.id, &confirm).with_roles(&roles))
        .await;
    // Confirming writes to the store, so the press is acknowledged first and answered by an edit.
    let acknowledged = fake.wait_for(|r| press.owns(r), REPLY_TIMEOUT).await;
    assert_eq!(
        acknowledged.json()["type"],
        json!(6),
        "{}",
        acknowledged.json()
    );
    let confirmed = answer_to(fake, &press).await;
    (body, Some(confirmed.json().clone()))
}

pub fn flags(body: &Value) -> u64 {
    body["data"]["flags"].as_u64().unwrap_or(0)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_non_organiser_is_refused_and_nothing_is_posted() {
    let fake = FakeDiscord::start_with(&guild()).await;
    let clock = ManualClock::at(during_the_event());
    let bot = start_usher_with(&fake, config_for(&fake), services_with(clock, in_memory())).await;
    let (preview, confirmed) = announce(
        &fake,
        vec![CommandOption::string("text", "Drinks now!")],
        false,
    )
    .await;
    assert!(confirmed.is_none(), "a non-organiser got a Confirm button");
    assert!(
        reply_text(&preview).contains("Only organisers"),
        "{preview}"
    );
    assert_eq!(flags(&preview) & 64, 64, "the refusal is ephemeral");
    tokio::time::sleep(Duration::from_millis(200)).await;
    assert!(posted_texts(&fake, fake.channel_id("announcements").get()).is_empty());
    bot.shutdown().await;
    fake.assert_clean();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_organiser_previews_confirms_and_posts_once_pinging_no_one() {
    let fake = FakeDiscord::start_with(&guild()).await;
    let clock = ManualClock::at(during_the_event());
    let bot = start_usher_with(&fake, config_for(&fake), services_with(clock, in_memory())).await;
    let channel = fake.channel_id("announcements").get();
    let (preview, confirmed) = announce(
        &fake,
        vec![CommandOption::string(
            "text",
            "The reception starts in the Atrium.",
        )],
        true,
    )
    .await;
    assert_eq!(flags(&preview) & 64, 64, "the preview is private");
    assert!(
        reply_text(&preview).contains("The reception starts in the Atrium."),
        "{preview}"
    );
    assert!(
        reply_text(&preview).contains("It pings no one"),
        "{preview}"
    );
    let confirmed = confirmed.expect("an organiser can confirm");
    assert!(
        reply_text(&confirmed).contains("is being posted"),
        "{confirmed}"
    );
    let post = fake.wait_for(is_announcement(channel), REPLY_TIMEOUT).await;
    let body = post.json();
    assert!(
        reply_text(body).contains("The reception starts in the Atrium."),
        "{body}"
    );
    assert_eq!(body["allowed_mentions"]["parse"], json!([]), "{body}");
    assert!(
        body["allowed_mentions"]["roles"]
            .as_array()
            .is_none_or(Vec::is_empty),
        "{body}"
    );
    assert_eq!(body["enforce_nonce"], json!(true), "{body}");
    assert!(
        body["nonce"].as_str().is_some_and(|n| n.len() <= 25),
        "{body}"
    );
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(posted_texts(&fake, channel).len(), 1);

    // Participants who ask for the news get it.
    let asked = fake.send_message(MessageSpec::direct("any news?")).await;
    let reply = fake
        .wait_for(
            |r| {
                r.is("POST", "/channels/*/messages")
                    && r.json()["message_reference"]["message_id"] == json!(asked.to_string())
            },
            REPLY_TIMEOUT,
        )
        .await;
    assert!(
        reply_text(reply.json()).contains("The reception starts in the Atrium."),
        "{}",
        reply.json()
    );
    bot.shutdown().await;
    fake.assert_clean();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_named_role_is_pinged_and_everyone_only_when_allowed() {
    let fake = FakeDiscord::start_with(&guild()).await;
    let clock = ManualClock::at(during_the_event());
    let mut config = config_for(&fake);
    config.discord.allow_everyone_ping = false;
    let bot = start_usher_with(&fake, config, services_with(clock, in_memory())).await;
    let channel = fake.channel_id("announcements").get();
    let role = fake.role_id("maintainer");
    let (_, confirmed) = announce(
        &fake,
        vec![
            CommandOption::string("text", "Maintainers, please meet at the desk."),
            CommandOption::role("ping", role),
        ],
        true,
    )
    .await;
    assert!(confirmed.is_some());
    let post = fake.wait_for(is_announcement(channel), REPLY_TIMEOUT).await;
    assert_eq!(post.json()["content"], json!(format!("<@&{role}>")));
    assert_eq!(
        post.json()["allowed_mentions"]["roles"],
        json!([role.to_string()])
    );
    assert_eq!(post.json()["allowed_mentions"]["parse"], json!([]));

    // @everyone is the guild's own role id, refused unless the config allows it.
    let everyone = fake.role_id("@everyone");
    let (preview, confirmed) = announce(
        &fake,
        vec![
            CommandOption::string("text", "Everyone, dinner!"),
            CommandOption::role("ping", everyone),
        ],
        true,
    )
    .await;
    assert!(confirmed.is_none());
    assert!(
        reply_text(&preview).contains("allow_everyone_ping"),
        "{preview}"
    );
    bot.shutdown().await;
    fake.assert_clean();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_scheduled_announcement_posts_once_at_its_time_and_cancel_stops_one() {
    let fake = FakeDiscord::start_with(&guild()).await;
    let clock = ManualClock::at(during_the_event());
    let bot = start_usher_with(
        &fake,
        config_for(&fake),
        services_with(Arc::clone(&clock), in_memory()),
    )
    .await;
    let channel = fake.channel_id("announcements").get();
    let (_, confirmed) = announce(
        &fake,
        vec![
            CommandOption::string("text", "Part two starts in 10 minutes."),
            CommandOption::string("at", "in 20 minutes"),
        ],
        true,
    )
    .await;
    assert!(reply_text(&confirmed.expect("confirmed")).contains("is scheduled for"));
    let (_, other) = announce(
        &fake,
        vec![
            CommandOption::string("text", "This one will be cancelled."),
            CommandOption::string("at", "in 30 minutes"),
        ],
        true,
    )
    .await;
    assert!(other.is_some());
    let cancel = fake
        .send_interaction(
            InteractionSpec::slash("announce-cancel", vec![CommandOption::integer("id", 2)])
                .with_roles(&[fake.role_id("organiser")]),
        )
        .await;
    let deferred = fake.wait_for(|r| cancel.owns(r), REPLY_TIMEOUT).await;
    assert_eq!(deferred.json()["type"], json!(5), "cancelling defers first");
    let cancelled = answer_to(&fake, &cancel).await;
    assert!(
        reply_text(cancelled.json()).contains("#2 is cancelled"),
        "{}",
        cancelled.json()
    );

    clock.advance(SignedDuration::from_mins(19));
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert!(
        posted_texts(&fake, channel).is_empty(),
        "posted before its time"
    );
    clock.advance(SignedDuration::from_mins(1));
    fake.wait_for(is_announcement(channel), REPLY_TIMEOUT).await;
    clock.advance(SignedDuration::from_mins(15));
    tokio::time::sleep(Duration::from_millis(300)).await;
    let posted = posted_texts(&fake, channel);
    assert_eq!(posted.len(), 1, "{posted:?}");
    assert!(posted[0].contains("Part two starts in 10 minutes."));
    bot.shutdown().await;
    fake.assert_clean();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn invalid_times_and_texts_over_the_limit_get_clear_errors() {
    let fake = FakeDiscord::start_with(&guild()).await;
    let clock = ManualClock::at(during_the_event());
    let bot = start_usher_with(&fake, config_for(&fake), services_with(clock, in_memory())).await;
    let cases = [
        (
            vec![
                CommandOption::string("text", "Hi"),
                CommandOption::string("at", "whenever"),
            ],
            "cannot read",
        ),
        (
            vec![
                CommandOption::string("text", "Hi"),
                CommandOption::string("at", "2015-04-29 10:00"),
            ],
            "already passed",
        ),
        (
            vec![CommandOption::string("text", &"x".repeat(2001))],
            "2001 characters",
        ),
    ];
    for (options, expected) in cases {
        let (preview, confirmed) = announce(&fake, options, true).await;
        assert!(confirmed.is_none());
        assert!(
            reply_text(&preview).contains(expected),
            "expected {expected:?} in {preview}"
        );
        assert_eq!(flags(&preview) & 64, 64);
    }
    bot.shutdown().await;
    fake.assert_clean();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn editing_a_posted_announcement_updates_its_message() {
    let fake = FakeDiscord::start_with(&guild()).await;
    let clock = ManualClock::at(during_the_event());
    let bot = start_usher_with(&fake, config_for(&fake), services_with(clock, in_memory())).await;
    let channel = fake.channel_id("announcements").get();
    announce(
        &fake,
        vec![CommandOption::string("text", "Coffee in room 1.")],
        true,
    )
    .await;
    let post = fake.wait_for(is_announcement(channel), REPLY_TIMEOUT).await;
    let message_id = post.response.as_ref().expect("a created message")["id"]
        .as_str()
        .expect("an id")
        .to_string();
    // The store records the post just after Discord answers.
    tokio::time::sleep(Duration::from_millis(200)).await;
    let edit = fake
        .send_interaction(
            InteractionSpec::slash(
                "announce-edit",
                vec![
                    CommandOption::integer("id", 1),
                    CommandOption::string("text", "Coffee in room 2."),
                ],
            )
            .with_roles(&[fake.role_id("organiser")]),
        )
        .await;
    let patch = fake
        .wait_for(
            |r| {
                r.is(
                    "PATCH",
                    &format!("/channels/{channel}/messages/{message_id}"),
                )
            },
            REPLY_TIMEOUT,
        )
        .await;
    assert!(
        reply_text(patch.json()).contains("Coffee in room 2."),
        "{}",
        patch.json()
    );
    // The edit defers first (a round trip to Discord comes before the answer), then follows up.
    let deferred = fake.wait_for(|r| edit.owns(r), REPLY_TIMEOUT).await;
    assert_eq!(deferred.json()["type"], json!(5));
    let answered = fake
        .wait_for(
            |r| edit.owns(r) && r.is("POST", "/webhooks/*/*"),
            REPLY_TIMEOUT,
        )
        .await;
    assert!(
        reply_text(answered.json()).contains("on Discord too"),
        "{}",
        answered.json()
    );
    bot.shutdown().await;
    fake.assert_clean();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[allow(
    clippy::too_many_lines,
    reason = "one story: a schedule, a crash, a restart, and its outcome"
)]
async fn after_a_restart_due_announcements_post_once_within_grace_and_older_ones_are_missed() {
    let fake = FakeDiscord::start_with(&guild()).await;
    let dir = tempfile::tempdir().expect("a temp dir");
    let path = dir.path().join("usher.sqlite3");
    let channel = fake.channel_id("announcements").get();
    let start = during_the_event();
    let clock = ManualClock::at(start);
    {
        let mut store = Store::open(&path).expect("a store file");
        for (text, minutes) in [
            ("Within grace.", 5),
            ("Beyond grace.", -20),
            ("Claimed, then the bot died.", 4),
            ("Sent, then the bot died.", 4),
        ] {
            store
                .insert(
                    &NewAnnouncement {
                        text: text.into(),
                        channel: None,
                        ping: Ping::None,
                        due_at: start
                            .checked_add(SignedDuration::from_mins(minutes))
                            .expect("in range"),
                        created_by: "test".into(),
                    },
                    start
                        .checked_sub(SignedDuration::from_hours(1))
                        .expect("in range"),
                )
                .expect("inserted");
        }
        // Two crashes mid-post: #3 claimed but never sent; #4 claimed and sent (the message exists on
        // Discord with its nonce) but never recorded.
        let due = start
            .checked_add(SignedDuration::from_mins(4))
            .expect("in range");
        let title = seminar_engine().knowledge().event.title.clone();
        for id in [3, 4] {
            let target = Target {
                channel,
                marker: usher::discord::announcement::marker(&title, AnnouncementId(id)),
            };
            assert!(
                store
                    .claim(AnnouncementId(id), &target, due)
                    .expect("a claim")
            );
        }
        let four = store.get(AnnouncementId(4)).expect("read").expect("exists");
        let sent = usher::discord::announcement::message(
            &four,
            &four.target.as_ref().expect("claimed").marker,
        )
        .nonce(serenity::all::Nonce::String(usher::schedule::nonce(
            &four.key,
        )))
        .enforce_nonce(true);
        serenity::all::ChannelId::new(channel)
            .send_message(&fake.http(), sent)
            .await
            .expect("the first attempt reached Discord");
    }
    // Usher was down; it comes back 8 minutes after #1 fell due, and 9 after #3 and #4 were claimed: too
    // late to resend under the nonce, so it looks in the channel first.
    clock.advance(SignedDuration::from_mins(13));
    let store = Store::open(&path).expect("the same store file");
    let bot = start_usher_with(
        &fake,
        config_for(&fake),
        services_with(Arc::clone(&clock), store),
    )
    .await;
    let deadline = tokio::time::Instant::now() + REPLY_TIMEOUT;
    let reopened = Store::open(&path).expect("a second connection");
    loop {
        let done = (1..=4).all(|i| {
            reopened
                .get(AnnouncementId(i))
                .expect("read")
                .is_some_and(|a| a.status.is_final())
        });
        if done {
            break;
        }
        assert!(
            tokio::time::Instant::now() < deadline,
            "announcements did not settle"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let status = |i| {
        reopened
            .get(AnnouncementId(i))
            .expect("read")
            .expect("exists")
            .status
    };
    assert!(matches!(status(1), Status::Posted { .. }));
    assert!(matches!(status(2), Status::Missed { .. }));
    // #3 was not in the channel, so it was released and posted (still within grace); #4 was found.
    assert!(
        matches!(status(3), Status::Posted { .. }),
        "{:?}",
        status(3)
    );
    assert!(
        matches!(status(4), Status::Posted { .. }),
        "{:?}",
        status(4)
    );
    let texts = fake
        .channel_messages(serenity::all::ChannelId::new(channel))
        .iter()
        .flat_map(|m| m.embeds.iter().filter_map(|e| e.description.clone()))
        .collect::<Vec<_>>();
    for text in [
        "Within grace.",
        "Claimed, then the bot died.",
        "Sent, then the bot died.",
    ] {
        assert_eq!(
            texts.iter().filter(|t| *t == text).count(),
            1,
            "{text} in {texts:?}"
        );
    }
    assert!(!texts.iter().any(|t| t == "Beyond grace."), "{texts:?}");
    bot.shutdown().await;
    fake.assert_clean();
}

/// The seminar's knowledge in a temporary directory, with one announcement at `at`.
fn knowledge_with_announcement(
    dir: &std::path::Path,
    text: &str,
    at: &str,
) -> usher::engine::Engine {
    let shipped = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("knowledge");
    for entry in std::fs::read_dir(&shipped).expect("the shipped knowledge") {
        let path = entry.expect("an entry").path();
        if path.extension().is_some_and(|e| e == "toml") {
            std::fs::copy(&path, dir.join(path.file_name().expect("a name"))).expect("copied");
        }
    }
    std::fs::write(
        dir.join("announcements.toml"),
        format!("[[announcement]]\nid = \"break\"\ntext = \"{text}\"\nat = {at}\n"),
    )
    .expect("written");
    usher::engine::Engine::load(dir, usher::engine::Thresholds::default())
        .expect("valid knowledge")
        .engine
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_reloaded_knowledge_announcement_moves_and_is_posted_once_at_its_new_time() {
    let fake = FakeDiscord::start_with(&guild()).await;
    let dir = tempfile::tempdir().expect("a temp dir");
    let clock = ManualClock::at(during_the_event());
    let engine = live::shared(knowledge_with_announcement(
        dir.path(),
        "Coffee break at 15:00.",
        "2015-04-30T15:00:00",
    ));
    let store = SharedStore::new(in_memory());
    let services = Services {
        engine: Arc::clone(&engine),
        store: store.clone(),
        clock: Arc::clone(&clock) as Arc<dyn Clock>,
        reloader: None,
    };
    let bot = start_usher_with(&fake, config_for(&fake), services).await;
    let channel = fake.channel_id("announcements").get();
    let scheduled = |text: &str| {
        store
            .lock()
            .list_upcoming()
            .expect("read")
            .iter()
            .any(|a| a.text == text)
    };
    let deadline = tokio::time::Instant::now() + REPLY_TIMEOUT;
    while !scheduled("Coffee break at 15:00.") {
        assert!(
            tokio::time::Instant::now() < deadline,
            "the knowledge's announcement was not scheduled"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }

    // The maintainer moves the break; the new knowledge goes live (as a reload would do it).
    engine.store(Arc::new(knowledge_with_announcement(
        dir.path(),
        "Coffee break at 15:30.",
        "2015-04-30T15:30:00",
    )));
    clock.advance(SignedDuration::from_mins(1));
    let deadline = tokio::time::Instant::now() + REPLY_TIMEOUT;
    while !scheduled("Coffee break at 15:30.") || scheduled("Coffee break at 15:00.") {
        assert!(
            tokio::time::Instant::now() < deadline,
            "the moved announcement was not rescheduled"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }

    // 15:00 in The Hague passes: nothing. 15:30 passes: the moved one, once.
    clock.advance(SignedDuration::from_mins(30));
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert!(posted_texts(&fake, channel).is_empty());
    clock.advance(SignedDuration::from_mins(30));
    fake.wait_for(is_announcement(channel), REPLY_TIMEOUT).await;
    clock.advance(SignedDuration::from_mins(10));
    tokio::time::sleep(Duration::from_millis(300)).await;
    let posted = posted_texts(&fake, channel);
    assert_eq!(posted.len(), 1, "{posted:?}");
    assert!(posted[0].contains("Coffee break at 15:30."));
    bot.shutdown().await;
    fake.assert_clean();
}
