//! The programme mirrored as Discord scheduled events, through the real serenity client against the fake
//! (which checks each request against Discord's spec and enforces its limit of 100 per guild): 150 wanted
//! sessions with the limit respected and the rest named in `/status`, a removed session's event
//! cancelled, and a restart that makes nothing twice.

use std::fmt::Write as _;
use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use serde_json::{Value, json};
use usher::clock::SystemClock;
use usher::config::ScheduledEvents;
use usher::discord::Services;
use usher::engine::{Engine, Thresholds};
use usher::live;
use usher::store::{SharedStore, Store};

use crate::bot::{REPLY_TIMEOUT, config_for, guild, start_usher_with};
use crate::fake_discord::{CommandOption, FakeDiscord, InteractionSpec, UserSpec};

const SESSIONS: usize = 150;

/// A conference in 2030 (after the fake's clock) with `SESSIONS` workshops, less those in `removed`.
fn write_knowledge(dir: &Path, removed: &[usize]) {
    let mut text = String::from(
        r#"[event]
id = "summit"
title = "Delta Summit"
kind = "Conference"
description = "Three days on river deltas."
time_zone = "Europe/Amsterdam"
start = 2030-06-03T08:00:00
end = 2030-06-05T22:00:00
venue = "hall"

[[venue]]
id = "hall"
name = "Harbour Hall"
address = "Quay 4"
city = "Rotterdam"
"#,
    );
    for i in (0..SESSIONS).filter(|i| !removed.contains(i)) {
        let (day, slot) = (3 + i / 50, i % 50);
        let minutes = 8 * 60 + slot * 15;
        let _ = write!(
            text,
            "\n[[session]]\nid = \"workshop-{i}\"\ntitle = \"Workshop {i}\"\nkind = \"Workshop\"\n\
             start = 2030-06-{day:02}T{:02}:{:02}:00\nend = 2030-06-{day:02}T{:02}:{:02}:00\n",
            minutes / 60,
            minutes % 60,
            (minutes + 15) / 60,
            (minutes + 15) % 60,
        );
    }
    std::fs::write(dir.join("event.toml"), text).expect("the knowledge is written");
}

fn engine(dir: &Path) -> Engine {
    Engine::load(dir, Thresholds::default())
        .expect("the generated knowledge loads")
        .engine
}

fn held(fake: &FakeDiscord) -> Vec<Value> {
    fake.scheduled_events()
        .into_iter()
        .filter(|e| e["status"] == json!(1) || e["status"] == json!(2))
        .collect()
}

/// Waits until `check` holds of the fake's events, at most 30 seconds.
async fn wait_until(fake: &FakeDiscord, what: &str, check: impl Fn(&[Value]) -> bool) {
    let deadline = tokio::time::Instant::now() + Duration::from_secs(30);
    while !check(&fake.scheduled_events()) {
        assert!(
            tokio::time::Instant::now() < deadline,
            "timed out waiting until {what}: {} events",
            fake.scheduled_events().len()
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

async fn status(fake: &FakeDiscord) -> String {
    let maintainer = UserSpec::new(1_200_000_000_000_000_410, "maria");
    let handle = fake
        .send_interaction(
            InteractionSpec::slash("status", vec![])
                .by(maintainer)
                .with_roles(&[fake.role_id("maintainer")])
                .in_channel(fake.channel_id("general")),
        )
        .await;
    let reply = fake.wait_for(|r| handle.owns(r), REPLY_TIMEOUT).await;
    let body = reply.json();
    let data = if body["data"].is_object() {
        &body["data"]
    } else {
        body
    };
    data["content"].as_str().unwrap_or_default().to_string()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_hundred_and_fifty_sessions_within_the_limit_a_removal_cancelled_and_a_restart_duplicating_nothing()
 {
    let fake = FakeDiscord::start_with(&guild()).await;
    let knowledge = tempfile::tempdir().expect("a temporary directory");
    let data = tempfile::tempdir().expect("a temporary directory");
    write_knowledge(knowledge.path(), &[]);
    let database = data.path().join("usher.sqlite3");
    let mut config = config_for(&fake);
    config.discord.scheduled_events = Some(ScheduledEvents {
        kinds: vec!["workshop".into()],
        ..ScheduledEvents::default()
    });
    let services = |engine| Services {
        engine,
        store: SharedStore::new(Store::open(&database).expect("the store opens")),
        clock: Arc::new(SystemClock),
        reloader: None,
    };

    let shared_engine = live::shared(engine(knowledge.path()));
    let bot = start_usher_with(&fake, config.clone(), services(Arc::clone(&shared_engine))).await;
    wait_until(&fake, "100 events are held", |e| e.len() >= 100).await;
    // The sync goes on after the 100th create only to record it; give it a moment to make a 101st.
    tokio::time::sleep(Duration::from_millis(500)).await;
    let events = held(&fake);
    assert_eq!(events.len(), 100, "never more than Discord's limit");
    let names: Vec<&str> = events.iter().map(|e| e["name"].as_str().unwrap()).collect();
    assert_eq!(names[0], "Workshop 0");
    assert_eq!(names[99], "Workshop 99", "the soonest hundred");
    let first = &events[0];
    assert_eq!(first["entity_type"], json!(3));
    assert_eq!(
        first["entity_metadata"]["location"],
        json!("Harbour Hall, Quay 4, Rotterdam")
    );
    assert_eq!(first["scheduled_start_time"], json!("2030-06-03T06:00:00Z"));
    assert_eq!(first["scheduled_end_time"], json!("2030-06-03T06:15:00Z"));
    let refused = fake
        .requests()
        .iter()
        .filter(|r| r.is("POST", "/guilds/*/scheduled-events") && r.status.as_u16() != 200)
        .count();
    assert_eq!(refused, 0, "Usher never asks past the limit");
    let shown = status(&fake).await;
    assert!(
        shown.contains("100 mirrored")
            && shown.contains("50 not mirrored: Discord allows 100 scheduled or active events per server (0 made by others)"),
        "{shown}"
    );

    // Workshop 0 is removed from the programme: its event is cancelled and Workshop 100 takes its place.
    write_knowledge(knowledge.path(), &[0]);
    shared_engine.store(Arc::new(engine(knowledge.path())));
    wait_until(&fake, "workshop 0 is cancelled", |events| {
        events
            .iter()
            .any(|e| e["name"] == json!("Workshop 0") && e["status"] == json!(4))
    })
    .await;
    wait_until(&fake, "workshop 100 is made", |events| {
        events.iter().any(|e| e["name"] == json!("Workshop 100"))
    })
    .await;
    assert_eq!(held(&fake).len(), 100);
    bot.shutdown().await;

    // A restart reads what it made from the store, so it makes nothing again.
    let before = fake.request_count();
    let bot = start_usher_with(
        &fake,
        config,
        services(live::shared(engine(knowledge.path()))),
    )
    .await;
    fake.wait_for_after(
        before,
        |r| r.is("GET", "/guilds/*/scheduled-events"),
        REPLY_TIMEOUT,
    )
    .await;
    tokio::time::sleep(Duration::from_millis(1500)).await;
    let made_again = fake.requests()[before..]
        .iter()
        .filter(|r| {
            r.is("POST", "/guilds/*/scheduled-events")
                || r.is("PATCH", "/guilds/*/scheduled-events/*")
        })
        .count();
    assert_eq!(made_again, 0, "a restart creates and changes nothing");
    assert_eq!(held(&fake).len(), 100);
    assert_eq!(
        fake.scheduled_events().len(),
        101,
        "100 held and the cancelled one"
    );
    bot.shutdown().await;
    fake.assert_clean();
}

/// `/calendar` attaches the programme's file, and `/calendar session:` one session's, privately; the
/// autocomplete offers sessions by title and fills in their ids.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_calendar_command_attaches_the_programme_or_one_session() {
    let fake = FakeDiscord::start_with(&guild()).await;
    let knowledge = tempfile::tempdir().expect("a temporary directory");
    write_knowledge(knowledge.path(), &[]);
    let services = Services {
        engine: live::shared(engine(knowledge.path())),
        store: SharedStore::new(Store::open_in_memory().expect("an in-memory store")),
        clock: Arc::new(SystemClock),
        reloader: None,
    };
    let mut config = config_for(&fake);
    config.knowledge_dir = knowledge.path().to_path_buf();
    let bot = start_usher_with(&fake, config, services).await;

    let suggestions = fake
        .send_interaction(InteractionSpec::autocomplete(
            "calendar",
            vec![CommandOption::string("session", "workshop 14").focused()],
        ))
        .await;
    let offered = fake.wait_for(|r| suggestions.owns(r), REPLY_TIMEOUT).await;
    assert_eq!(
        offered.json()["data"]["choices"],
        json!([
            {"name": "Workshop 14", "value": "workshop-14"},
            {"name": "Workshop 140", "value": "workshop-140"},
            {"name": "Workshop 141", "value": "workshop-141"},
            {"name": "Workshop 142", "value": "workshop-142"},
            {"name": "Workshop 143", "value": "workshop-143"},
            {"name": "Workshop 144", "value": "workshop-144"},
            {"name": "Workshop 145", "value": "workshop-145"},
            {"name": "Workshop 146", "value": "workshop-146"},
            {"name": "Workshop 147", "value": "workshop-147"},
            {"name": "Workshop 148", "value": "workshop-148"},
            {"name": "Workshop 149", "value": "workshop-149"},
        ])
    );

    for (options, file, count) in [
        (vec![], "summit.ics", SESSIONS),
        (
            vec![CommandOption::string("session", "workshop-14")],
            "workshop-14.ics",
            1,
        ),
    ] {
        let handle = fake
            .send_interaction(
                InteractionSpec::slash("calendar", options).in_channel(fake.channel_id("general")),
            )
            .await;
        let reply = fake.wait_for(|r| handle.owns(r), REPLY_TIMEOUT).await;
        assert_eq!(reply.json()["data"]["flags"], json!(64), "privately");
        assert_eq!(
            reply.json()["data"]["content"],
            json!(format!(
                "{count} event(s) for your calendar app: open the file, or import it."
            ))
        );
        assert_eq!(reply.status.as_u16(), 204, "{:?}", reply.response);
        let original = fake.original_response(&handle).expect("the reply is kept");
        assert_eq!(original.attachments.len(), 1);
        assert_eq!(original.attachments[0].filename, file);
        assert!(original.attachments[0].size > 100);
    }
    bot.shutdown().await;
    fake.assert_clean();
}
