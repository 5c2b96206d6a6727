//! Usher itself, the real serenity client with poise, against the fake Discord: how participants ask
//! and what they get back.

use std::collections::HashMap;
use std::path::Path;
use std::time::{Duration, Instant};

use hyper::Method;
use jiff::Timestamp;
use serde_json::{Value, json};
use std::sync::Arc;
use usher::config::Config;

use usher::discord::{Bot, Clock, Connection, Services, token};
use usher::engine::{Engine, Thresholds};
use usher::live;
use usher::store::{SharedStore, Store};

use crate::fake_discord::{
    CommandOption, FakeDiscord, GuildSpec, InteractionHandle, InteractionSpec, MessageSpec,
    RecordedRequest, UserSpec,
};

pub const REPLY_TIMEOUT: Duration = Duration::from_secs(10);

/// The clock the bot reads in these tests: a fixed moment long after the seminar.
pub struct FixedClock(pub Timestamp);

impl Clock for FixedClock {
    fn now(&self) -> Timestamp {
        self.0
    }
}

pub fn after_the_event() -> Timestamp {
    "2026-11-29T12:00:00Z".parse().expect("a valid timestamp")
}

pub fn guild() -> GuildSpec {
    GuildSpec {
        text_channels: vec![
            "general".into(),
            "questions".into(),
            "announcements".into(),
            "maintainers".into(),
        ],
        roles: vec!["organiser".into(), "maintainer".into()],
        ..GuildSpec::default()
    }
}

/// The config a test bot runs with: commands in the fake guild, `#questions` as a question channel.
pub fn config_for(fake: &FakeDiscord) -> Config {
    let mut config = Config::default();
    config.discord.guilds = vec![fake.guild_id().get()];
    config.discord.question_channels = vec![fake.channel_id("questions").get()];
    config.discord.announcement_channel = Some(fake.channel_id("announcements").get());
    config.discord.organiser_roles = vec![fake.role_id("organiser").get()];
    config.discord.maintainer_roles = vec![fake.role_id("maintainer").get()];
    config.discord.token_file = None;
    // The tests ask many questions as one user; those about the cooldown set their own.
    config.discord.cooldown_questions = 1000;
    config
}

pub fn seminar_engine() -> Engine {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("knowledge");
    Engine::load(&dir, Thresholds::default())
        .expect("the shipped knowledge loads")
        .engine
}

/// Starts Usher against the fake and waits until its commands are registered.
pub async fn start_usher(fake: &FakeDiscord, config: Config) -> Bot {
    start_usher_with(fake, config, services()).await
}

/// Services for a test bot: the seminar's knowledge, a fresh in-memory store, a fixed clock.
pub fn services() -> Services {
    Services {
        engine: live::shared(seminar_engine()),
        store: SharedStore::new(Store::open_in_memory().expect("an in-memory store")),
        clock: Arc::new(FixedClock(after_the_event())),
        reloader: None,
    }
}

/// Starts Usher with the given services and waits until it answers.
pub async fn start_usher_with(fake: &FakeDiscord, config: Config, services: Services) -> Bot {
    let connection = Connection {
        token: token::load(Some(FakeDiscord::TOKEN.to_string()), None).expect("the fake's token"),
        proxy: Some(fake.http_proxy_url().to_string()),
    };
    let bot = Bot::start(config, services, connection)
        .await
        .expect("Usher starts against the fake");
    fake.wait_for(
        |r| r.is("PUT", "/applications/*/guilds/*/commands"),
        REPLY_TIMEOUT,
    )
    .await;
    // Events that arrive while poise is still setting up wait for it, in no particular order; a first
    // question answered means setup is over and later questions are handled in the order they come.
    let probe = fake
        .send_message(
            MessageSpec::direct("when is it?")
                .by(UserSpec::new(1_200_000_000_000_000_499, "probe")),
        )
        .await;
    fake.wait_for(is_reply_to(probe.get()), REPLY_TIMEOUT).await;
    bot
}

pub fn is_reply_to(id: u64) -> impl Fn(&RecordedRequest) -> bool {
    move |r| {
        r.is("POST", "/channels/*/messages")
            && r.body
                .as_ref()
                .is_some_and(|b| b["message_reference"]["message_id"] == json!(id.to_string()))
    }
}

/// The request that carries an interaction's answer: its callback, or after a deferral (which carries
/// no text) the followup or the edit that does.
pub async fn answer_to(fake: &FakeDiscord, handle: &InteractionHandle) -> RecordedRequest {
    fake.wait_for(
        |r| {
            handle.owns(r)
                && r.body
                    .as_ref()
                    .is_some_and(|b| !reply_text(b).trim().is_empty())
        },
        REPLY_TIMEOUT,
    )
    .await
}

/// All the text a reply carries: content, embed title, description and fields.
pub fn reply_text(body: &Value) -> String {
    let data = if body["data"].is_object() {
        &body["data"]
    } else {
        body
    };
    let mut text = data["content"].as_str().unwrap_or_default().to_string();
    for embed in data["embeds"].as_array().into_iter().flatten() {
        for key in ["title", "description"] {
            text.push('\n');
            text.push_str(embed[key].as_str().unwrap_or_default());
        }
        for field in embed["fields"].as_array().into_iter().flatten() {
            text.push('\n');
            text.push_str(field["value"].as_str().unwrap_or_default());
        }
    }
    text
}

pub fn assert_no_pings(body: &Value) {
    let data = if body["data"].is_object() {
        &body["data"]
    } else {
        body
    };
    let allowed = &data["allowed_mentions"];
    assert_eq!(allowed["parse"], json!([]), "{body}");
    assert!(
        allowed["users"].as_array().is_none_or(Vec::is_empty),
        "{body}"
    );
    assert!(
        allowed["roles"].as_array().is_none_or(Vec::is_empty),
        "{body}"
    );
    assert_ne!(allowed["replied_user"], json!(true), "{body}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn starts_registers_its_commands_and_connects_once() {
    let fake = FakeDiscord::start_with(&guild()).await;
    let bot = start_usher(&fake, config_for(&fake)).await;
    assert_eq!(
        fake.gateway_url_requests(),
        1,
        "GET /gateway was served once"
    );
    assert_eq!(fake.gateway_connections(), 1);
    let registration = fake
        .requests()
        .into_iter()
        .find(|r| r.is("PUT", "/applications/*/guilds/*/commands"))
        .expect("commands were registered");
    let names: Vec<&str> = registration
        .json()
        .as_array()
        .expect("a list of commands")
        .iter()
        .filter_map(|c| c["name"].as_str())
        .collect();
    assert_eq!(
        names,
        [
            "ask",
            "when",
            "where",
            "programme",
            "speakers",
            "findings",
            "about",
            "calendar",
            "remind",
            "agenda",
            "help",
            "announce",
            "announcements",
            "announce-cancel",
            "announce-edit",
            "reload",
            "status",
            "gaps"
        ]
    );
    for command in registration.json().as_array().expect("a list") {
        let description = command["description"].as_str().unwrap_or_default();
        assert!(
            (1..=100).contains(&description.chars().count()),
            "{command}"
        );
    }
    bot.shutdown().await;
    fake.assert_clean();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn answers_mentions_question_channels_direct_messages_and_ask() {
    let fake = FakeDiscord::start_with(&guild()).await;
    let bot = start_usher(&fake, config_for(&fake)).await;
    let bot_id = fake.bot_user_id();

    // A mention anywhere.
    let asked = fake
        .send_message(MessageSpec::guild(format!("<@{bot_id}> where is it?")))
        .await;
    let reply = fake.wait_for(is_reply_to(asked.get()), REPLY_TIMEOUT).await;
    assert!(
        reply_text(reply.json()).contains("Clingendael 7, 2597 VH The Hague"),
        "{}",
        reply.json()
    );
    assert_no_pings(reply.json());

    // Any message in a question channel.
    let asked = fake
        .send_message(
            MessageSpec::guild("wehn does it end").in_channel(fake.channel_id("questions")),
        )
        .await;
    let reply = fake.wait_for(is_reply_to(asked.get()), REPLY_TIMEOUT).await;
    let text = reply_text(reply.json());
    assert!(text.contains("17:30"), "{text}");
    assert!(
        text.contains("<t:1430407800:t>"),
        "times are Discord timestamps: {text}"
    );

    // A direct message.
    let asked = fake
        .send_message(MessageSpec::direct("who organised it?"))
        .await;
    let reply = fake.wait_for(is_reply_to(asked.get()), REPLY_TIMEOUT).await;
    assert!(
        reply_text(reply.json()).contains("International Centre for Counter Terrorism"),
        "{}",
        reply.json()
    );

    // A message elsewhere that does not mention Usher is not for Usher.
    let ignored = fake.send_message(MessageSpec::guild("where is it?")).await;

    // `/ask`.
    let handle = fake
        .send_interaction(InteractionSpec::slash(
            "ask",
            vec![CommandOption::string(
                "question",
                "what did they say about poverty?",
            )],
        ))
        .await;
    let callback = fake.wait_for(|r| handle.owns(r), REPLY_TIMEOUT).await;
    assert_eq!(callback.json()["type"], json!(4));
    let text = reply_text(callback.json());
    assert!(
        text.contains("poverty as one of the main root causes of terrorism"),
        "{text}"
    );
    assert_eq!(
        callback.json()["data"]["flags"].as_u64().unwrap_or(0) & 64,
        0,
        "a found answer is public"
    );
    assert_no_pings(callback.json());

    assert!(
        !fake.requests().iter().any(is_reply_to(ignored.get())),
        "a message not for Usher got a reply"
    );
    bot.shutdown().await;
    fake.assert_clean();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_fixed_commands_and_unknown_questions() {
    let fake = FakeDiscord::start_with(&guild()).await;
    let bot = start_usher(&fake, config_for(&fake)).await;
    for (command, expected) in [
        ("when", "Thursday 30 April 2015"),
        ("where", "Clingendael 7"),
        ("programme", "Part two"),
        ("speakers", "does not name the speakers"),
        ("findings", "Key findings"),
        ("about", "China's Role in Peacekeeping"),
        ("help", "/ask"),
    ] {
        let handle = fake
            .send_interaction(InteractionSpec::slash(command, vec![]))
            .await;
        let callback = fake.wait_for(|r| handle.owns(r), REPLY_TIMEOUT).await;
        let text = reply_text(callback.json());
        assert!(text.contains(expected), "/{command}: {text}");
    }
    let handle = fake
        .send_interaction(InteractionSpec::slash(
            "findings",
            vec![CommandOption::string("topic", "syria")],
        ))
        .await;
    let callback = fake.wait_for(|r| handle.owns(r), REPLY_TIMEOUT).await;
    assert!(
        reply_text(callback.json()).contains("Syria"),
        "{}",
        callback.json()
    );

    // A question Usher cannot answer: said plainly, privately, with what it can answer.
    let handle = fake
        .send_interaction(InteractionSpec::slash(
            "ask",
            vec![CommandOption::string(
                "question",
                "what colour is the carpet",
            )],
        ))
        .await;
    let callback = fake.wait_for(|r| handle.owns(r), REPLY_TIMEOUT).await;
    let text = reply_text(callback.json());
    assert!(text.contains("I don't know that"), "{text}");
    assert_eq!(
        callback.json()["data"]["flags"].as_u64().unwrap_or(0) & 64,
        64,
        "a no-match reply is ephemeral"
    );
    bot.shutdown().await;
    fake.assert_clean();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn autocomplete_offers_topics_from_the_knowledge() {
    let fake = FakeDiscord::start_with(&guild()).await;
    let bot = start_usher(&fake, config_for(&fake)).await;
    let handle = fake
        .send_interaction(InteractionSpec::autocomplete(
            "ask",
            vec![CommandOption::string("question", "syr").focused()],
        ))
        .await;
    let callback = fake.wait_for(|r| handle.owns(r), REPLY_TIMEOUT).await;
    assert_eq!(callback.json()["type"], json!(8));
    let choices = callback.json()["data"]["choices"]
        .as_array()
        .expect("choices")
        .clone();
    assert!(!choices.is_empty() && choices.len() <= 25, "{choices:?}");
    assert!(
        choices
            .iter()
            .any(|c| c["name"].as_str().unwrap_or_default().contains("Syria")),
        "{choices:?}"
    );
    // Nothing typed yet: the event's own topics, at most 25.
    let handle = fake
        .send_interaction(InteractionSpec::autocomplete(
            "ask",
            vec![CommandOption::string("question", "").focused()],
        ))
        .await;
    let callback = fake.wait_for(|r| handle.owns(r), REPLY_TIMEOUT).await;
    let choices = callback.json()["data"]["choices"]
        .as_array()
        .expect("choices")
        .len();
    assert_eq!(choices, 25);
    bot.shutdown().await;
    fake.assert_clean();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn mentions_in_questions_ping_no_one() {
    let fake = FakeDiscord::start_with(&guild()).await;
    let bot = start_usher(&fake, config_for(&fake)).await;
    let bot_id = fake.bot_user_id();
    let role = fake.role_id("organiser");
    let asked = fake
        .send_message(MessageSpec::guild(format!(
            "<@{bot_id}> @everyone <@&{role}> where is the venue?"
        )))
        .await;
    let reply = fake.wait_for(is_reply_to(asked.get()), REPLY_TIMEOUT).await;
    assert_no_pings(reply.json());
    assert!(
        reply_text(reply.json()).contains("Clingendael 7"),
        "{}",
        reply.json()
    );
    bot.shutdown().await;
    fake.assert_clean();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bots_and_its_own_messages_get_no_reply() {
    let fake = FakeDiscord::start_with(&guild()).await;
    let bot = start_usher(&fake, config_for(&fake)).await;
    let questions = fake.channel_id("questions");
    let other_bot = fake
        .send_message(
            MessageSpec::guild("where is it?")
                .in_channel(questions)
                .by(UserSpec::new_bot(900, "otherbot")),
        )
        .await;
    let own = fake
        .send_message(
            MessageSpec::guild("where is it?")
                .in_channel(questions)
                .by(UserSpec::new_bot(fake.bot_user_id().get(), "Usher")),
        )
        .await;
    // A person's question afterwards is answered, so the two above had their chance to be (wrongly) answered.
    let person = fake
        .send_message(MessageSpec::guild("where is it?").in_channel(questions))
        .await;
    fake.wait_for(is_reply_to(person.get()), REPLY_TIMEOUT)
        .await;
    let requests = fake.requests();
    assert!(
        !requests.iter().any(is_reply_to(other_bot.get())),
        "answered another bot"
    );
    assert!(
        !requests.iter().any(is_reply_to(own.get())),
        "answered itself"
    );
    bot.shutdown().await;
    fake.assert_clean();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_4000_character_message_gets_one_bounded_reply() {
    let fake = FakeDiscord::start_with(&guild()).await;
    let bot = start_usher(&fake, config_for(&fake)).await;
    // Deterministic noise: letters, digits, punctuation, accents and emoji.
    let alphabet: Vec<char> = "abcdefghij klmnop qrstuv wxyz 0123456789 ?!.,;: éüñ 👍🎉 @#&"
        .chars()
        .collect();
    let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
    let noise: String = (0..4000)
        .map(|_| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            alphabet[usize::try_from(state % alphabet.len() as u64).expect("small")]
        })
        .collect();
    let asked = fake
        .send_message(MessageSpec::guild(noise).in_channel(fake.channel_id("questions")))
        .await;
    let reply = fake.wait_for(is_reply_to(asked.get()), REPLY_TIMEOUT).await;
    assert!(reply_text(reply.json()).chars().count() <= 6000);
    // Still answering.
    let next = fake
        .send_message(MessageSpec::guild("where is it?").in_channel(fake.channel_id("questions")))
        .await;
    fake.wait_for(is_reply_to(next.get()), REPLY_TIMEOUT).await;
    assert_eq!(
        fake.requests()
            .iter()
            .filter(|r| is_reply_to(asked.get())(r))
            .count(),
        1
    );
    bot.shutdown().await;
    fake.assert_clean();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_suggestion_button_answers_its_topic() {
    let fake = FakeDiscord::start_with(&guild()).await;
    let bot = start_usher(&fake, config_for(&fake)).await;
    // Two topics at once: Usher offers a button for each likely topic it does not answer (all of them when
    // it picks none, the other one when it answers one).
    let asked = fake
        .send_message(
            MessageSpec::guild("tell me about the venue and the hosts")
                .in_channel(fake.channel_id("questions")),
        )
        .await;
    let reply = fake.wait_for(is_reply_to(asked.get()), REPLY_TIMEOUT).await;
    let buttons: Vec<String> = reply.json()["components"]
        .as_array()
        .into_iter()
        .flatten()
        .flat_map(|row| row["components"].as_array().cloned().unwrap_or_default())
        .filter_map(|b| b["custom_id"].as_str().map(str::to_string))
        .collect();
    // What each topic's answer says, to know the button's answer when it comes.
    let expected = [("venue.", "Clingendael 7"), ("event.hosts", "ICCT")];
    let (topic_button, says) = buttons
        .iter()
        .filter(|b| b.starts_with("usher:topic:"))
        .find_map(|b| {
            expected
                .iter()
                .find(|(key, _)| b.contains(key))
                .map(|(_, says)| (b.clone(), *says))
        })
        .unwrap_or_else(|| panic!("a topic button for the venue or the hosts among {buttons:?}"));
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
        .send_interaction(InteractionSpec::button(
            serenity::all::MessageId::new(message_id),
            &topic_button,
        ))
        .await;
    let callback = fake.wait_for(|r| handle.owns(r), REPLY_TIMEOUT).await;
    assert!(
        reply_text(callback.json()).contains(says),
        "{}",
        callback.json()
    );
    assert_no_pings(callback.json());
    bot.shutdown().await;
    fake.assert_clean();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn resumes_after_the_gateway_drops_and_answers_what_came_meanwhile() {
    let fake = FakeDiscord::start_with(&guild()).await;
    let bot = start_usher(&fake, config_for(&fake)).await;
    fake.hold_gateway(true);
    fake.drop_gateway();
    let meanwhile = fake.send_message_while_disconnected(&MessageSpec::direct("when is it?"));
    fake.hold_gateway(false);
    fake.wait_for_resumed(1, Duration::from_secs(20)).await;
    assert_eq!(fake.replayed_events(), 1, "the question came in the replay");
    fake.wait_for(is_reply_to(meanwhile.get()), REPLY_TIMEOUT)
        .await;
    let asked = fake.send_message(MessageSpec::direct("where is it?")).await;
    let reply = fake.wait_for(is_reply_to(asked.get()), REPLY_TIMEOUT).await;
    assert!(reply_text(reply.json()).contains("Clingendael 7"));
    assert_eq!(fake.identify_count(), 1);
    bot.shutdown().await;
    fake.assert_clean();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn survives_server_errors_rate_limits_and_missing_permissions() {
    let fake = FakeDiscord::start_with(&guild()).await;
    let bot = start_usher(&fake, config_for(&fake)).await;
    let questions = fake.channel_id("questions");
    fake.fail_next(
        Method::POST,
        "/channels/",
        500,
        json!({"message": "500: Internal Server Error", "code": 0}),
    );
    let first = fake
        .send_message(MessageSpec::guild("where is it?").in_channel(questions))
        .await;
    fake.wait_for(is_reply_to(first.get()), REPLY_TIMEOUT).await;
    fake.fail_next_rate_limited(Method::POST, "/channels/", Duration::from_millis(200));
    let second = fake
        .send_message(MessageSpec::guild("when is it?").in_channel(questions))
        .await;
    fake.wait_for(is_reply_to(second.get()), REPLY_TIMEOUT)
        .await;
    fake.fail_next(
        Method::POST,
        "/channels/",
        403,
        json!({"message": "Missing Permissions", "code": 50013}),
    );
    let third = fake
        .send_message(MessageSpec::guild("who hosted it?").in_channel(questions))
        .await;
    fake.wait_for(is_reply_to(third.get()), REPLY_TIMEOUT).await;
    // After all three failures, the next question is answered.
    let next = fake
        .send_message(MessageSpec::guild("what is the programme?").in_channel(questions))
        .await;
    let reply = fake.wait_for(is_reply_to(next.get()), REPLY_TIMEOUT).await;
    assert_eq!(reply.status.as_u16(), 200);
    bot.shutdown().await;
    fake.assert_clean();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_user_asking_too_fast_is_told_once_to_wait() {
    let fake = FakeDiscord::start_with(&guild()).await;
    let mut config = config_for(&fake);
    config.discord.cooldown_questions = 2;
    config.discord.cooldown_seconds = 60;
    let bot = start_usher(&fake, config).await;
    let questions = fake.channel_id("questions");
    let mut asked = Vec::new();
    for q in [
        "where is it?",
        "when is it?",
        "who hosted it?",
        "what is the programme?",
    ] {
        asked.push(
            fake.send_message(MessageSpec::guild(q).in_channel(questions))
                .await,
        );
        // One at a time, so the order of arrival is the order of sending.
        tokio::time::sleep(Duration::from_millis(30)).await;
    }
    let told = fake
        .wait_for(is_reply_to(asked[2].get()), REPLY_TIMEOUT)
        .await;
    assert!(
        told.content().unwrap_or_default().contains("try again in"),
        "{}",
        told.json()
    );
    // Another user is not held back, and the fourth question of the first got no reply at all.
    let other = fake
        .send_message(
            MessageSpec::guild("where is it?")
                .in_channel(questions)
                .by(UserSpec::bob()),
        )
        .await;
    fake.wait_for(is_reply_to(other.get()), REPLY_TIMEOUT).await;
    assert!(!fake.requests().iter().any(is_reply_to(asked[3].get())));
    bot.shutdown().await;
    fake.assert_clean();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_burst_of_300_questions_is_answered_exactly_once_each() {
    let fake = FakeDiscord::start_with(&guild()).await;
    let mut config = config_for(&fake);
    config.discord.cooldown_questions = 1000;
    let bot = start_usher(&fake, config).await;
    let questions = fake.channel_id("questions");
    let phrasings = [
        "where is it?",
        "when does it start",
        "who hosted it?",
        "what about syria?",
        "asdf",
    ];
    let before = fake
        .requests()
        .iter()
        .filter(|r| r.is("POST", "/channels/*/messages"))
        .count();
    let started = Instant::now();
    let mut ids = Vec::new();
    for i in 0..300 {
        ids.push(
            fake.send_message(
                MessageSpec::guild(phrasings[i % phrasings.len()]).in_channel(questions),
            )
            .await
            .get(),
        );
    }
    fake.wait_for_count(
        |r| r.is("POST", "/channels/*/messages"),
        before + 300,
        Duration::from_secs(30),
    )
    .await;
    let elapsed = started.elapsed();
    let mut replies: HashMap<String, usize> = HashMap::new();
    for r in fake
        .requests()
        .iter()
        .filter(|r| r.is("POST", "/channels/*/messages"))
    {
        let id = r.json()["message_reference"]["message_id"]
            .as_str()
            .unwrap_or_default()
            .to_string();
        *replies.entry(id).or_default() += 1;
    }
    for id in &ids {
        assert_eq!(
            replies.get(&id.to_string()),
            Some(&1),
            "message {id} was not answered exactly once"
        );
    }
    assert_eq!(replies.len(), before + 300, "no reply to anything else");
    println!("300 questions answered exactly once each in {elapsed:?}");
    bot.shutdown().await;
    fake.assert_clean();
}
