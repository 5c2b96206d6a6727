//! The "More" button under an answer with a long text: pressed, it shows the whole text to the one who
//! pressed it, converted from the knowledge's Markdown to Discord's and pinging nobody.

use std::path::Path;
use std::sync::Arc;

use jiff::Timestamp;
use serenity::all::MessageId;
use usher::discord::Services;
use usher::engine::{Engine, Thresholds};
use usher::live;
use usher::store::{SharedStore, Store};

use crate::bot::{
    FixedClock, REPLY_TIMEOUT, assert_no_pings, config_for, guild, is_reply_to, reply_text,
    start_usher_with,
};
use crate::fake_discord::{FakeDiscord, InteractionSpec, MessageSpec};

/// Discord's flag for a message only its recipient sees.
const EPHEMERAL: u64 = 1 << 6;

/// A small conference whose workshop has an abstract too long for an answer, with Markdown (bold, code,
/// a link, a list, a heading) and an `@everyone` in it; a fortnight before it starts.
fn conference_services() -> Services {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/conference");
    let engine = Engine::load(&dir, Thresholds::default())
        .expect("the conference fixture loads")
        .engine;
    let now: Timestamp = "2026-05-20T10:00:00Z".parse().expect("a valid timestamp");
    Services {
        engine: live::shared(engine),
        store: SharedStore::new(Store::open_in_memory().expect("an in-memory store")),
        clock: Arc::new(FixedClock(now)),
        reloader: None,
    }
}

/// The custom ids of a message's buttons.
fn buttons(message: &serde_json::Value) -> Vec<String> {
    message["components"]
        .as_array()
        .into_iter()
        .flatten()
        .flat_map(|row| row["components"].as_array().cloned().unwrap_or_default())
        .filter_map(|b| b["custom_id"].as_str().map(str::to_string))
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_more_button_shows_the_whole_text_privately_as_discord_markdown() {
    let fake = FakeDiscord::start_with(&guild()).await;
    let bot = start_usher_with(&fake, config_for(&fake), conference_services()).await;
    let asked = fake
        .send_message(
            MessageSpec::guild("when is the vector tiles workshop?")
                .in_channel(fake.channel_id("questions")),
        )
        .await;
    let reply = fake.wait_for(is_reply_to(asked.get()), REPLY_TIMEOUT).await;
    let answer = reply_text(reply.json());
    assert!(answer.contains("Vector tiles from scratch"), "{answer}");
    // The answer holds the abstract's start only: its last sentence is left for the button.
    assert!(!answer.contains("so bring some"), "{answer}");
    let more = buttons(reply.json())
        .into_iter()
        .find(|b| b.starts_with("usher:more:"))
        .unwrap_or_else(|| panic!("a More button under {}", reply.json()));
    let posted = reply
        .response
        .as_ref()
        .expect("the fake answered with the message");
    let message_id: u64 = posted["id"]
        .as_str()
        .expect("an id")
        .parse()
        .expect("a snowflake");

    let handle = fake
        .send_interaction(InteractionSpec::button(MessageId::new(message_id), &more))
        .await;
    let callback = fake.wait_for(|r| handle.owns(r), REPLY_TIMEOUT).await;
    let body = callback.json();
    let flags = body["data"]["flags"].as_u64().unwrap_or_default();
    assert_eq!(
        flags & EPHEMERAL,
        EPHEMERAL,
        "only the one who pressed sees it: {body}"
    );
    let whole = reply_text(body);
    for part in [
        "Vector tiles from scratch",
        "step by step. Bring a laptop.",
        "The last half hour is for your own data, so bring some.",
        "What you need",
        "- a laptop with Docker",
        "some OpenStreetMap data",
    ] {
        assert!(whole.contains(part), "`{part}` is missing from {whole}");
    }
    // The knowledge's Markdown is converted: no heading marks, and the link keeps its text with the
    // address in angle brackets, so Discord shows no preview of it.
    assert!(!whole.contains("## "), "{whole}");
    assert!(
        whole.contains("[tilemaker documentation](<https://example.org/tilemaker>)"),
        "{whole}"
    );
    assert!(!whole.contains("@everyone"), "a ping in the text: {whole}");
    assert_no_pings(body);
    bot.shutdown().await;
    fake.assert_clean();
}
