//! The bot as an attacker and bad luck would try it, one test per way it used to break: deaf after one
//! failed registration, news leaking across channels, a post found again after a rename and a busy
//! channel, outages that lost announcements quietly, a hung request that stalled the rest, commands and
//! buttons without a cooldown, public button answers, the store blocking async workers, a repeated
//! Confirm, answers lost to one 5xx, and a scheduler that died with its first panic.

use std::sync::Arc;
use std::time::{Duration, Instant};

use hyper::Method;
use jiff::SignedDuration;
use serde_json::{Value, json};
use serenity::all::{MessageId, Nonce};
use usher::schedule::{AnnouncementId, Ping, Status, Target};
use usher::store::{NewAnnouncement, SharedStore, Store};

use crate::announce::{
    ManualClock, announce, during_the_event, flags, in_memory, is_announcement, posted_texts,
    services_with,
};
use crate::bot::{
    REPLY_TIMEOUT, answer_to, config_for, guild, is_reply_to, reply_text, seminar_engine,
    start_usher, start_usher_with,
};
use crate::fake_discord::{
    CommandOption, FakeDiscord, InteractionSpec, MessageSpec, RecordedRequest, UserSpec,
};

fn unavailable() -> Value {
    json!({"message": "503: Service Unavailable", "code": 0})
}

/// Someone who holds `role`.
fn holder(fake: &FakeDiscord, role: &str) -> Vec<serenity::all::RoleId> {
    vec![fake.role_id(role)]
}

/// Runs `/name` as a maintainer and returns the text of its answer.
async fn as_maintainer(fake: &FakeDiscord, name: &str) -> String {
    let handle = fake
        .send_interaction(
            InteractionSpec::slash(name, vec![]).with_roles(&holder(fake, "maintainer")),
        )
        .await;
    reply_text(answer_to(fake, &handle).await.json())
}

/// Asks in a direct message as `user` and returns the reply's text.
async fn ask_directly(fake: &FakeDiscord, question: &str, user: UserSpec) -> String {
    let asked = fake
        .send_message(MessageSpec::direct(question).by(user))
        .await;
    let reply = fake.wait_for(is_reply_to(asked.get()), REPLY_TIMEOUT).await;
    reply_text(reply.json())
}

fn successful_posts(fake: &FakeDiscord, channel: u64) -> Vec<RecordedRequest> {
    fake.requests()
        .into_iter()
        .filter(|r| is_announcement(channel)(r) && r.status.is_success())
        .collect()
}

/// Waits until `ready` says the store is as wanted.
async fn until(store: &SharedStore, what: &str, ready: impl Fn(&Store) -> bool) {
    let deadline = Instant::now() + REPLY_TIMEOUT;
    while !ready(&store.lock()) {
        assert!(Instant::now() < deadline, "timed out waiting for {what}");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

fn status_of(store: &SharedStore, id: i64) -> Status {
    store
        .lock()
        .get(AnnouncementId(id))
        .expect("read")
        .expect("exists")
        .status
}

fn new_announcement(text: &str, channel: Option<u64>, due: jiff::Timestamp) -> NewAnnouncement {
    NewAnnouncement {
        text: text.to_string(),
        channel,
        ping: Ping::None,
        due_at: due,
        created_by: "test".to_string(),
    }
}

// 1. Deaf after one failed registration.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_failed_registration_leaves_the_bot_answering_and_is_retried() {
    let fake = FakeDiscord::start_with(&guild()).await;
    fake.fail_every(Method::PUT, "/applications/", 503, unavailable());
    let started = Instant::now();
    // Returns once a question in a direct message was answered.
    let bot = start_usher(&fake, config_for(&fake)).await;
    let answered_in = started.elapsed();
    assert!(
        answered_in < Duration::from_secs(8),
        "answered after {answered_in:?}"
    );
    // Registration runs beside answering, so under load the first attempt may not have failed yet when
    // the first question is answered: wait for it, so that the status has a failure to report.
    fake.wait_for(
        |r| r.is("PUT", "/applications/*/guilds/*/commands") && r.status.as_u16() == 503,
        REPLY_TIMEOUT,
    )
    .await;
    // The fake records the failed request as it answers it, a moment before the bot has read the
    // answer: ask again until the status reports it (or the time is up).
    let deadline = Instant::now() + REPLY_TIMEOUT;
    let mut status = as_maintainer(&fake, "status").await;
    while !status.contains("503") && Instant::now() < deadline {
        tokio::time::sleep(Duration::from_millis(100)).await;
        status = as_maintainer(&fake, "status").await;
    }
    assert!(
        status.contains("registration is pending") && status.contains("503"),
        "{status}"
    );
    fake.clear_failures();
    fake.wait_for(
        |r| r.is("PUT", "/applications/*/guilds/*/commands") && r.status.is_success(),
        REPLY_TIMEOUT,
    )
    .await;
    let attempts = fake
        .requests()
        .iter()
        .filter(|r| r.is("PUT", "/applications/*/guilds/*/commands"))
        .count();
    assert!(attempts >= 2, "{attempts} registration attempt(s)");
    // The fake records the request before the bot has read Discord's answer to it, so the bot may
    // still be noting the success when the first `/status` arrives.
    let deadline = Instant::now() + REPLY_TIMEOUT;
    let mut status = as_maintainer(&fake, "status").await;
    while !status.contains("Slash commands: registered.") && Instant::now() < deadline {
        tokio::time::sleep(Duration::from_millis(100)).await;
        status = as_maintainer(&fake, "status").await;
    }
    assert!(status.contains("Slash commands: registered."), "{status}");
    println!(
        "after 503s on command registration: answered within {answered_in:?} = true, registration attempts = {attempts}"
    );
    bot.shutdown().await;
    fake.assert_clean();
}

// 2. News leaking from any channel, and announcements to any channel.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn news_stays_in_its_channel_and_announcements_go_only_to_configured_ones() {
    let fake = FakeDiscord::start_with(&guild()).await;
    let staff = fake.channel_id("maintainers");
    let mut config = config_for(&fake);
    config.discord.extra_announcement_channels = vec![staff.get()];
    let clock = ManualClock::at(during_the_event());
    let bot = start_usher_with(&fake, config, services_with(clock, in_memory())).await;
    let secret = "STAFF ONLY: the keynote speaker cancelled, do not tell attendees yet.";
    let (_, confirmed) = announce(
        &fake,
        vec![
            CommandOption::string("text", secret),
            CommandOption::channel("channel", staff),
        ],
        true,
    )
    .await;
    assert!(confirmed.is_some());
    fake.wait_for(is_announcement(staff.get()), REPLY_TIMEOUT)
        .await;
    let public = "Coffee is served in the hall.";
    announce(&fake, vec![CommandOption::string("text", public)], true).await;
    fake.wait_for(
        is_announcement(fake.channel_id("announcements").get()),
        REPLY_TIMEOUT,
    )
    .await;
    tokio::time::sleep(Duration::from_millis(200)).await;

    // `/ask` reads the store for the news, so it defers first.
    let handle = fake
        .send_interaction(InteractionSpec::slash(
            "ask",
            vec![CommandOption::string("question", "any news?")],
        ))
        .await;
    let first = fake.wait_for(|r| handle.owns(r), REPLY_TIMEOUT).await;
    assert_eq!(first.json()["type"], json!(5), "{}", first.json());
    let news = reply_text(answer_to(&fake, &handle).await.json());
    assert!(
        news.contains(public) && !news.contains("STAFF ONLY"),
        "{news}"
    );
    let in_private = ask_directly(&fake, "any news?", UserSpec::bob()).await;
    assert!(in_private.contains(public), "{in_private}");
    assert!(!in_private.contains("STAFF ONLY"), "leaked: {in_private}");
    let bot_id = fake.bot_user_id();
    let asked = fake
        .send_message(MessageSpec::guild(format!("<@{bot_id}> any news?")).in_channel(staff))
        .await;
    let in_staff = reply_text(
        fake.wait_for(is_reply_to(asked.get()), REPLY_TIMEOUT)
            .await
            .json(),
    );
    assert!(in_staff.contains("STAFF ONLY"), "{in_staff}");

    let general = fake.channel_id("general");
    let (refusal, confirmed) = announce(
        &fake,
        vec![
            CommandOption::string("text", "Anything"),
            CommandOption::channel("channel", general),
        ],
        true,
    )
    .await;
    assert!(confirmed.is_none());
    assert!(
        reply_text(&refusal).contains("extra_announcement_channels"),
        "{refusal}"
    );
    assert!(posted_texts(&fake, general.get()).is_empty());
    bot.shutdown().await;
    fake.assert_clean();
}

// 3 and 7 (own messages only): a claim recognised after a rename, 150 messages and a forgery.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_unrecorded_post_is_found_after_a_rename_a_busy_channel_and_a_forgery() {
    let fake = FakeDiscord::start_with(&guild()).await;
    let channel = fake.channel_id("announcements");
    let start = during_the_event();
    let clock = ManualClock::at(start);
    let store = SharedStore::new(in_memory());
    let old_title = "The seminar's old title";
    assert_ne!(seminar_engine().knowledge().event.title, old_title);
    let marker = usher::discord::announcement::marker(old_title, AnnouncementId(1));
    let claimed = {
        let mut s = store.lock();
        let a = s
            .insert(&new_announcement("Doors open.", None, start), start)
            .expect("inserted");
        let target = Target {
            channel: channel.get(),
            marker: marker.clone(),
        };
        assert!(s.claim(a.id, &target, start).expect("claimed"));
        s.get(a.id).expect("read").expect("exists")
    };
    // The first process sent it, and died before recording it.
    let sent = usher::discord::announcement::message(&claimed, &marker)
        .nonce(Nonce::String(usher::schedule::nonce(&claimed.key)))
        .enforce_nonce(true);
    let posted = channel
        .send_message(&fake.http(), sent)
        .await
        .expect("posted")
        .id;
    // Someone copies the footer; then the channel gets busy.
    let forged = fake.insert_message(channel, &UserSpec::alice(), "Doors open.", Some(&marker));
    for i in 0..150 {
        fake.insert_message(channel, &UserSpec::bob(), &format!("chatter {i}"), None);
    }
    // Back well after the nonce window, with the event renamed (the live knowledge has another title),
    // and the bot's own user unknown for a while.
    clock.advance(SignedDuration::from_mins(5));
    fake.advance_clock(Duration::from_secs(300));
    fake.fail_every(Method::GET, "/users/@me", 503, unavailable());
    let services = usher::discord::Services {
        store: store.clone(),
        ..services_with(Arc::clone(&clock), in_memory())
    };
    let bot = start_usher_with(&fake, config_for(&fake), services).await;
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert!(
        matches!(status_of(&store, 1), Status::Posting { .. }),
        "without knowing its own id the bot must not accept a message: {:?}",
        status_of(&store, 1)
    );
    fake.clear_failures();
    until(&store, "the post to be found", |s| {
        s.get(AnnouncementId(1))
            .ok()
            .flatten()
            .is_some_and(|a| a.status.is_final())
    })
    .await;
    let Status::Posted { message_id, .. } = status_of(&store, 1) else {
        panic!("{:?}", status_of(&store, 1));
    };
    assert_eq!(MessageId::new(message_id), posted);
    assert_ne!(MessageId::new(message_id), forged);
    assert_eq!(
        successful_posts(&fake, channel.get()).len(),
        1,
        "only the first process's post"
    );
    bot.shutdown().await;
    fake.assert_clean();
}

// 5. Outages lose announcements quietly.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_announcement_lost_to_a_ten_minute_outage_is_reported_to_organisers() {
    let fake = FakeDiscord::start_with(&guild()).await;
    let channel = fake.channel_id("announcements").get();
    let organisers = fake.channel_id("maintainers");
    let mut config = config_for(&fake);
    config.discord.organiser_channel = Some(organisers.get());
    let start = during_the_event();
    let clock = ManualClock::at(start);
    let store = SharedStore::new(in_memory());
    store
        .lock()
        .insert(&new_announcement("Lunch is served.", None, start), start)
        .expect("inserted");
    fake.fail_every(
        Method::OPTIONS,
        &format!("/channels/{channel}/"),
        503,
        unavailable(),
    );
    let services = usher::discord::Services {
        store: store.clone(),
        ..services_with(Arc::clone(&clock), in_memory())
    };
    let bot = start_usher_with(&fake, config, services).await;
    until(&store, "the first attempt", |s| {
        s.get(AnnouncementId(1))
            .ok()
            .flatten()
            .is_some_and(|a| matches!(a.status, Status::Posting { .. }))
    })
    .await;
    // Discord stays down past the nonce window and past the grace window.
    for _ in 0..6 {
        clock.advance(SignedDuration::from_mins(2));
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(matches!(status_of(&store, 1), Status::Posting { .. }));
    fake.clear_failures();
    let told = fake
        .wait_for(
            |r| {
                r.is("POST", &format!("/channels/{organisers}/messages"))
                    && r.content().is_some_and(|c| c.contains("was not posted"))
            },
            REPLY_TIMEOUT,
        )
        .await;
    let text = told.content().unwrap_or_default().to_string();
    assert!(
        text.contains("Announcement #1") && text.contains("Lunch is served."),
        "{text}"
    );
    assert!(matches!(status_of(&store, 1), Status::Missed { .. }));
    assert!(successful_posts(&fake, channel).is_empty());
    let handle = fake
        .send_interaction(
            InteractionSpec::slash("announcements", vec![]).with_roles(&holder(&fake, "organiser")),
        )
        .await;
    let deferred = fake.wait_for(|r| handle.owns(r), REPLY_TIMEOUT).await;
    assert_eq!(
        deferred.json()["type"],
        json!(5),
        "the listing defers first"
    );
    let listing = reply_text(answer_to(&fake, &handle).await.json());
    assert!(
        listing.contains("#1 missed") && listing.contains("not posted: its time passed"),
        "{listing}"
    );
    // Told once, not on every pass.
    tokio::time::sleep(Duration::from_millis(300)).await;
    let tellings = fake
        .requests()
        .iter()
        .filter(|r| r.is("POST", &format!("/channels/{organisers}/messages")))
        .count();
    assert_eq!(tellings, 1);
    bot.shutdown().await;
    fake.assert_clean();
}

// 4 and 5. A request that never returns neither outlives the nonce window nor stalls other posts.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_request_that_never_returns_is_abandoned_and_does_not_stall_the_next() {
    let fake = FakeDiscord::start_with(&guild()).await;
    let general = fake.channel_id("general").get();
    let announcements = fake.channel_id("announcements").get();
    let mut config = config_for(&fake);
    config.discord.extra_announcement_channels = vec![general];
    config.announcements.request_timeout_seconds = 1;
    let start = during_the_event();
    let clock = ManualClock::at(start);
    let store = SharedStore::new(in_memory());
    for (text, channel) in [("Stuck.", Some(general)), ("Not stuck.", None)] {
        store
            .lock()
            .insert(&new_announcement(text, channel, start), start)
            .expect("inserted");
    }
    fake.set_latency(
        Method::POST,
        &format!("/channels/{general}/messages"),
        Duration::from_secs(3600),
    );
    let services = usher::discord::Services {
        store: store.clone(),
        ..services_with(Arc::clone(&clock), in_memory())
    };
    let started = Instant::now();
    let bot = start_usher_with(&fake, config, services).await;
    fake.wait_for(is_announcement(announcements), REPLY_TIMEOUT)
        .await;
    let waited = started.elapsed();
    assert!(waited < Duration::from_secs(5), "waited {waited:?}");
    assert!(
        matches!(status_of(&store, 2), Status::Posted { .. }) || {
            tokio::time::sleep(Duration::from_millis(200)).await;
            matches!(status_of(&store, 2), Status::Posted { .. })
        }
    );
    assert!(matches!(status_of(&store, 1), Status::Posting { .. }));
    bot.shutdown().await;
    fake.assert_clean();
}

// 6. Cooldown only on messages; buttons answered publicly.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn slash_commands_and_buttons_share_the_cooldown_and_buttons_answer_privately() {
    let fake = FakeDiscord::start_with(&guild()).await;
    let mut config = config_for(&fake);
    config.discord.cooldown_questions = 2;
    config.discord.cooldown_seconds = 60;
    let bot = start_usher(&fake, config).await;
    // Bob's question gets suggestion buttons.
    let asked = fake
        .send_message(
            MessageSpec::guild("tell me about the venue and the hosts")
                .in_channel(fake.channel_id("questions"))
                .by(UserSpec::bob()),
        )
        .await;
    let reply = fake.wait_for(is_reply_to(asked.get()), REPLY_TIMEOUT).await;
    let message = MessageId::new(
        reply.response.as_ref().expect("a message")["id"]
            .as_str()
            .expect("an id")
            .parse()
            .expect("a snowflake"),
    );
    let button = reply.json()["components"][0]["components"][0]["custom_id"]
        .as_str()
        .expect("a suggestion button")
        .to_string();
    // A press answers privately, for the one who pressed.
    let press = fake
        .send_interaction(InteractionSpec::button(message, &button).by(UserSpec::alice()))
        .await;
    let pressed = fake.wait_for(|r| press.owns(r), REPLY_TIMEOUT).await;
    assert_eq!(flags(pressed.json()) & 64, 64, "{}", pressed.json());

    // Alice has one question left: /ask; then /when and another press are refused.
    let ask = fake
        .send_interaction(InteractionSpec::slash(
            "ask",
            vec![CommandOption::string("question", "where is it?")],
        ))
        .await;
    let answered = fake.wait_for(|r| ask.owns(r), REPLY_TIMEOUT).await;
    assert!(reply_text(answered.json()).contains("Clingendael 7"));
    for spec in [
        InteractionSpec::slash("when", vec![]),
        InteractionSpec::button(message, &button),
    ] {
        let handle = fake.send_interaction(spec.by(UserSpec::alice())).await;
        let refused = fake.wait_for(|r| handle.owns(r), REPLY_TIMEOUT).await;
        assert!(
            reply_text(refused.json()).contains("You are asking quickly"),
            "{}",
            refused.json()
        );
        assert_eq!(flags(refused.json()) & 64, 64);
    }
    bot.shutdown().await;
    fake.assert_clean();
}

// 6. The store blocking async workers.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_slow_store_does_not_stop_the_bot_answering() {
    let fake = FakeDiscord::start_with(&guild()).await;
    let services = crate::bot::services();
    let store = services.store.clone();
    let bot = start_usher_with(&fake, config_for(&fake), services).await;
    // The store is busy for three seconds (a long write elsewhere, a slow disk).
    let (held, holding) = std::sync::mpsc::channel::<()>();
    let holder = std::thread::spawn(move || {
        let _guard = store.lock();
        held.send(()).expect("the test waits");
        std::thread::sleep(Duration::from_secs(3));
    });
    tokio::task::block_in_place(|| holding.recv().expect("the store is held"));
    let started = Instant::now();
    // Two questions about the news need the store; the third does not, and is answered at once.
    for user in [UserSpec::alice(), UserSpec::bob()] {
        fake.send_message(MessageSpec::direct("any news?").by(user))
            .await;
    }
    let asked = fake
        .send_message(
            MessageSpec::direct("where is it?")
                .by(UserSpec::new(1_200_000_000_000_000_777, "carol")),
        )
        .await;
    fake.wait_for(is_reply_to(asked.get()), REPLY_TIMEOUT).await;
    let waited = started.elapsed();
    assert!(
        waited < Duration::from_millis(1500),
        "a question waited {waited:?} for the store"
    );
    holder.join().expect("the holder ends");
    bot.shutdown().await;
    fake.assert_clean();
}

// 6. A Confirm retried after it seemed to fail.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn confirming_the_same_announcement_twice_posts_it_once() {
    let fake = FakeDiscord::start_with(&guild()).await;
    let channel = fake.channel_id("announcements").get();
    let clock = ManualClock::at(during_the_event());
    let bot = start_usher_with(&fake, config_for(&fake), services_with(clock, in_memory())).await;
    let options = || vec![CommandOption::string("text", "Doors open.")];
    let (_, first) = announce(&fake, options(), true).await;
    assert!(
        reply_text(&first.expect("confirmed")).contains("is being posted"),
        "first"
    );
    let (_, again) = announce(&fake, options(), true).await;
    let again = reply_text(&again.expect("answered"));
    assert!(again.contains("nothing new was posted"), "{again}");
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(successful_posts(&fake, channel).len(), 1);
    bot.shutdown().await;
    fake.assert_clean();
}

// 7. Answers dropped after one 5xx.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn answers_are_sent_again_after_a_server_error() {
    let fake = FakeDiscord::start_with(&guild()).await;
    let bot = start_usher(&fake, config_for(&fake)).await;
    fake.fail_next(Method::POST, "/channels/", 500, unavailable());
    let asked = fake
        .send_message(MessageSpec::guild("where is it?").in_channel(fake.channel_id("questions")))
        .await;
    let replies = fake
        .wait_for_count(is_reply_to(asked.get()), 2, REPLY_TIMEOUT)
        .await;
    assert_eq!(replies[0].status.as_u16(), 500);
    assert_eq!(replies[1].status.as_u16(), 200);
    fake.fail_next(Method::POST, "/interactions/", 503, unavailable());
    let handle = fake
        .send_interaction(InteractionSpec::slash(
            "ask",
            vec![CommandOption::string("question", "where is it?")],
        ))
        .await;
    let calls = fake
        .wait_for_count(|r| handle.owns(r), 2, REPLY_TIMEOUT)
        .await;
    assert_eq!(calls[1].status.as_u16(), 204);
    bot.shutdown().await;
    fake.assert_clean();
}

// 7. A scheduler that panics is gone for good.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_panic_in_the_scheduler_is_reported_and_the_scheduler_restarts() {
    let fake = FakeDiscord::start_with(&guild()).await;
    let channel = fake.channel_id("announcements").get();
    let maintainers = fake.channel_id("maintainers");
    let mut config = config_for(&fake);
    config.discord.maintainer_channel = Some(maintainers.get());
    let start = during_the_event();
    let clock = ManualClock::at(start);
    let store = SharedStore::new(in_memory());
    store
        .lock()
        .insert(
            &new_announcement(
                "After the panic.",
                None,
                start + SignedDuration::from_mins(1),
            ),
            start,
        )
        .expect("inserted");
    let services = usher::discord::Services {
        store: store.clone(),
        ..services_with(Arc::clone(&clock), in_memory())
    };
    let bot = start_usher_with(&fake, config, services).await;
    clock.break_next_reading();
    clock.advance(SignedDuration::from_secs(1));
    let told = fake
        .wait_for(
            |r| r.is("POST", &format!("/channels/{maintainers}/messages")),
            REPLY_TIMEOUT,
        )
        .await;
    assert!(
        told.content()
            .is_some_and(|c| c.contains("announcement scheduler") && c.contains("restarted")),
        "{}",
        told.json()
    );
    clock.advance(SignedDuration::from_mins(1));
    fake.wait_for(is_announcement(channel), REPLY_TIMEOUT).await;
    assert_eq!(posted_texts(&fake, channel).len(), 1);
    bot.shutdown().await;
    fake.assert_clean();
}
