//! `/programme` with filters, through the real serenity client against the fake Discord (which checks the
//! registered options and every reply against Discord's spec): the options registered with autocomplete,
//! suggestions from the knowledge as someone types, a filtered list that says what `usher ask` says, a
//! value that names nothing answered privately with what there is, and a long list paged with "Show more".

use std::fmt::Write as _;
use std::path::Path;
use std::sync::Arc;

use jiff::Timestamp;
use serde_json::{Value, json};
use usher::discord::Services;
use usher::engine::{Engine, Thresholds};
use usher::live;
use usher::store::{SharedStore, Store};

use crate::bot::{FixedClock, REPLY_TIMEOUT, answer_to, config_for, guild, start_usher_with};
use crate::fake_discord::{CommandOption, FakeDiscord, InteractionSpec};

/// Discord's flag for a message only its recipient sees.
const EPHEMERAL: u64 = 1 << 6;

/// A fortnight before the conference fixture starts.
fn before_the_conference() -> Timestamp {
    "2026-05-20T10:00:00Z".parse().expect("a valid timestamp")
}

fn load(dir: &Path) -> Engine {
    Engine::load(dir, Thresholds::default())
        .expect("the knowledge loads")
        .engine
}

fn services(engine: Engine, now: Timestamp) -> Services {
    Services {
        engine: live::shared(engine),
        store: SharedStore::new(Store::open_in_memory().expect("an in-memory store")),
        clock: Arc::new(FixedClock(now)),
        reloader: None,
    }
}

fn conference() -> Engine {
    load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/conference"))
}

/// The reply's data: an interaction callback's `data`, or a message body itself.
fn data(body: &Value) -> &Value {
    if body["data"].is_object() {
        &body["data"]
    } else {
        body
    }
}

/// The names of the choices an autocomplete callback offers.
async fn offered(fake: &FakeDiscord, option: CommandOption) -> Vec<String> {
    let handle = fake
        .send_interaction(InteractionSpec::autocomplete(
            "programme",
            vec![option.focused()],
        ))
        .await;
    let callback = fake.wait_for(|r| handle.owns(r), REPLY_TIMEOUT).await;
    assert_eq!(callback.json()["type"], json!(8), "an autocomplete result");
    let choices = callback.json()["data"]["choices"]
        .as_array()
        .expect("choices")
        .clone();
    assert!(choices.len() <= 25, "Discord's limit: {choices:?}");
    choices
        .iter()
        .map(|c| {
            assert_eq!(c["name"], c["value"], "a choice fills in what it shows");
            c["name"].as_str().expect("a name").to_string()
        })
        .collect()
}

/// The custom ids of a reply's buttons.
fn buttons(body: &Value) -> Vec<String> {
    data(body)["components"]
        .as_array()
        .into_iter()
        .flatten()
        .flat_map(|row| row["components"].as_array().cloned().unwrap_or_default())
        .filter_map(|b| b["custom_id"].as_str().map(str::to_string))
        .collect()
}

fn show_more(body: &Value) -> Option<String> {
    buttons(body)
        .into_iter()
        .find(|id| id.starts_with("usher:programme:"))
}

fn description(body: &Value) -> String {
    data(body)["embeds"][0]["description"]
        .as_str()
        .unwrap_or_default()
        .to_string()
}

/// Each option `/programme` was registered with, as `[name, type, autocomplete, required]`.
fn registered_options(fake: &FakeDiscord) -> Vec<Value> {
    let registration = fake
        .requests()
        .into_iter()
        .find(|r| r.is("PUT", "/applications/*/guilds/*/commands"))
        .expect("commands were registered");
    let programme = registration
        .json()
        .as_array()
        .expect("a list of commands")
        .iter()
        .find(|c| c["name"] == json!("programme"))
        .expect("/programme is registered")
        .clone();
    programme["options"]
        .as_array()
        .expect("options")
        .iter()
        .map(|o| json!([o["name"], o["type"], o["autocomplete"], o["required"]]))
        .collect()
}

/// What `/programme`'s options offer while someone types: the conference's days, rooms, speakers and
/// tracks, matched by any part and with a typo forgiven.
async fn suggestions_come_from_the_programme(fake: &FakeDiscord) {
    assert_eq!(
        offered(fake, CommandOption::string("day", "")).await,
        ["Mon 1 Jun", "Tue 2 Jun"]
    );
    assert_eq!(
        offered(fake, CommandOption::string("day", "tuesday")).await,
        ["Tue 2 Jun"]
    );
    assert_eq!(
        offered(fake, CommandOption::string("room", "HAL")).await,
        ["Hall A"]
    );
    assert_eq!(
        offered(fake, CommandOption::string("room", "onlne")).await,
        ["Online Stage"],
        "a typo is forgiven"
    );
    assert_eq!(
        offered(fake, CommandOption::string("speaker", "cartog")).await,
        ["Ada Cartographer"]
    );
    assert_eq!(
        offered(fake, CommandOption::string("track", "tools")).await,
        ["Tools Track"]
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn programme_filters_are_registered_suggested_listed_and_refused_by_name() {
    let fake = FakeDiscord::start_with(&guild()).await;
    let now = before_the_conference();
    let bot = start_usher_with(&fake, config_for(&fake), services(conference(), now)).await;
    // What the command line says to the same knowledge at the same moment.
    let cli = conference();

    let options = registered_options(&fake);
    assert_eq!(
        options,
        ["day", "room", "track", "speaker"]
            .iter()
            .map(|name| json!([name, 3, true, false]))
            .collect::<Vec<_>>(),
        "four optional text options, each with autocomplete"
    );

    suggestions_come_from_the_programme(&fake).await;

    // A filtered list: the same text `usher ask` gives for the same question, for everyone to see.
    let handle = fake
        .send_interaction(
            InteractionSpec::slash(
                "programme",
                vec![
                    CommandOption::string("day", "Tue 2 Jun"),
                    CommandOption::string("room", "Hall A"),
                ],
            )
            .in_channel(fake.channel_id("general")),
        )
        .await;
    let reply = answer_to(&fake, &handle).await;
    let expected = cli.answer("what's in hall a on tuesday", now, None).text;
    assert!(
        expected.starts_with("Two sessions in Hall A on Tuesday 2 June:"),
        "{expected}"
    );
    assert_eq!(description(reply.json()), expected);
    assert_eq!(
        data(reply.json())["flags"].as_u64().unwrap_or(0) & EPHEMERAL,
        0,
        "a public answer"
    );
    assert_eq!(show_more(reply.json()), None, "nothing was left out");

    // A value that names no room: privately, with the rooms there are.
    let handle = fake
        .send_interaction(InteractionSpec::slash(
            "programme",
            vec![CommandOption::string("room", "Hall C")],
        ))
        .await;
    let reply = answer_to(&fake, &handle).await;
    assert_eq!(data(reply.json())["flags"], json!(EPHEMERAL));
    assert_eq!(
        data(reply.json())["content"],
        json!("There is no room \"Hall C\" on the programme. The rooms are: Hall A, Online Stage.")
    );

    // A filter that leaves one session answers with everything about it, as a question naming it does,
    // with its Remind me button.
    let handle = fake
        .send_interaction(InteractionSpec::slash(
            "programme",
            vec![CommandOption::string("speaker", "Ada Cartographer")],
        ))
        .await;
    let reply = answer_to(&fake, &handle).await;
    let keynote = cli
        .answer_topic("session.remote-keynote", now, None)
        .expect("the keynote's topic")
        .text;
    // Discord's text keeps links from unfurling with angle brackets; the words are the same.
    assert_eq!(description(reply.json()).replace(['<', '>'], ""), keynote);
    assert!(
        buttons(reply.json()).contains(&"usher:remind:remote-keynote".to_string()),
        "{:?}",
        buttons(reply.json())
    );

    // Without filters, the programme's overview as before.
    let handle = fake
        .send_interaction(InteractionSpec::slash("programme", vec![]))
        .await;
    let reply = answer_to(&fake, &handle).await;
    let overview = cli
        .answer_topic("event.programme", now, None)
        .expect("the programme topic")
        .text;
    assert_eq!(description(reply.json()), overview);
    bot.shutdown().await;
    fake.assert_clean();
}

/// A one-day meeting with twenty talks in one room, a day before it.
fn write_long_day(dir: &Path) {
    let mut text = String::from(
        r#"[event]
id = "long-day"
title = "Long Day of Talks"
kind = "Meeting"
description = "Twenty-three talks in one day."
time_zone = "Europe/Amsterdam"
start = 2030-06-03T08:00:00
end = 2030-06-03T20:00:00
venue = "hall"

[[venue]]
id = "hall"
name = "Harbour Hall"
address = "Quay 4"
city = "Rotterdam"
rooms = [{ id = "main", name = "Main Room" }]
"#,
    );
    for i in 0..23 {
        let minutes = 8 * 60 + i * 30;
        let _ = write!(
            text,
            "\n[[session]]\nid = \"talk-{i}\"\ntitle = \"Talk number {i}\"\nkind = \"Talk\"\nroom = \"main\"\n\
             start = 2030-06-03T{:02}:{:02}:00\nend = 2030-06-03T{:02}:{:02}:00\n",
            minutes / 60,
            minutes % 60,
            (minutes + 25) / 60,
            (minutes + 25) % 60,
        );
    }
    std::fs::write(dir.join("event.toml"), text).expect("the knowledge is written");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_long_list_is_paged_privately_with_show_more() {
    let fake = FakeDiscord::start_with(&guild()).await;
    let knowledge = tempfile::tempdir().expect("a temporary directory");
    write_long_day(knowledge.path());
    let now: Timestamp = "2030-06-02T10:00:00Z".parse().expect("a valid timestamp");
    let bot = start_usher_with(
        &fake,
        config_for(&fake),
        services(load(knowledge.path()), now),
    )
    .await;

    let handle = fake
        .send_interaction(InteractionSpec::slash(
            "programme",
            vec![CommandOption::string("room", "main")],
        ))
        .await;
    let reply = answer_to(&fake, &handle).await;
    let first = description(reply.json());
    assert!(first.starts_with("23 sessions in Main Room:"), "{first}");
    assert!(first.contains("Talk number 5\n"), "{first}");
    assert!(!first.contains("Talk number 6"), "{first}");
    assert!(first.contains("... and 17 more"), "{first}");
    let more = show_more(reply.json()).expect("a Show more button");

    // Each press shows the next twelve to the one who pressed, with a button for the rest.
    let message = fake.original_response(&handle).expect("a message").id;
    let press = fake
        .send_interaction(InteractionSpec::button(message, &more))
        .await;
    let page = answer_to(&fake, &press).await;
    assert_eq!(data(page.json())["flags"], json!(EPHEMERAL));
    let second = description(page.json());
    assert!(!second.contains("Talk number 5\n"), "{second}");
    assert!(
        second.contains("Talk number 6\n") && second.contains("Talk number 17\n"),
        "{second}"
    );
    assert!(second.contains("... and 5 more"), "{second}");
    let rest = show_more(page.json()).expect("a Show more button for the rest");
    assert_ne!(rest, more);

    let message = fake.original_response(&press).expect("a message").id;
    let press = fake
        .send_interaction(InteractionSpec::button(message, &rest))
        .await;
    let page = answer_to(&fake, &press).await;
    let last = description(page.json());
    assert!(
        last.contains("Talk number 18\n") && last.ends_with("Talk number 22"),
        "{last}"
    );
    assert_eq!(show_more(page.json()), None, "nothing is left");
    bot.shutdown().await;
    fake.assert_clean();
}
