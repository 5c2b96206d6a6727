//! Tests of the harness itself, with a bare serenity client (no poise, no bot code): they show
//! that the fake serves what serenity needs, that its checks can fail, and how fast it is.

use crate::fake_discord::{
    CommandOption, FakeDiscord, InteractionSpec, MessageSpec, Method, RecordedRequest,
    RunningClient, UserSpec, contract_violations,
};
use serde_json::json;
use serenity::all::{
    ActionRowComponent, AutocompleteChoice, ButtonKind, ChannelId, ClientBuilder, Command,
    CommandDataOptionValue, ComponentInteraction, ComponentInteractionDataKind, Context,
    CreateActionRow, CreateAllowedMentions, CreateAutocompleteResponse, CreateButton,
    CreateCommand, CreateInteractionResponse, CreateInteractionResponseFollowup,
    CreateInteractionResponseMessage, CreateMessage, CreateSelectMenu, CreateSelectMenuKind,
    CreateSelectMenuOption, EditInteractionResponse, EditMessage, EventHandler, GatewayIntents,
    GetMessages, Interaction, InteractionId, Message, MessageId, Ready, UserId,
};
use serenity::async_trait;
use serenity::http::{HttpBuilder, HttpError};
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// Generous for one reply on a loaded two-core machine, yet short enough to fail fast.
const REPLY_TIMEOUT: Duration = Duration::from_secs(10);

/// serenity re-identifies about 5 s after a refused RESUME (its shard restart wait).
const RECONNECT_TIMEOUT: Duration = Duration::from_secs(20);

/// The intents a bot that reads messages needs.
fn message_intents() -> GatewayIntents {
    GatewayIntents::GUILDS
        | GatewayIntents::GUILD_MESSAGES
        | GatewayIntents::DIRECT_MESSAGES
        | GatewayIntents::MESSAGE_CONTENT
}

/// A minimal bot: echoes messages as replies, answers the interactions the tests send, and
/// remembers the errors it got back from Discord.
#[derive(Default)]
struct EchoBot {
    errors: Mutex<Vec<String>>,
    ready: Mutex<Option<Ready>>,
}

impl EchoBot {
    fn note_error(&self, what: &str, error: &serenity::Error) {
        self.errors
            .lock()
            .expect("no panics while holding the error list")
            .push(format!("{what}: {error}"));
    }

    /// Waits (polling briefly, at most [`REPLY_TIMEOUT`]) until `count` errors were noted.
    async fn wait_for_errors(&self, count: usize) -> Vec<String> {
        let deadline = Instant::now() + REPLY_TIMEOUT;
        loop {
            let errors = self.errors();
            if errors.len() >= count || Instant::now() > deadline {
                assert_eq!(errors.len(), count, "{errors:?}");
                return errors;
            }
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
    }

    fn errors(&self) -> Vec<String> {
        self.errors
            .lock()
            .expect("no panics while holding the error list")
            .clone()
    }

    async fn answer_command(&self, ctx: &Context, command: &serenity::all::CommandInteraction) {
        let result = match command.data.name.as_str() {
            "ask" => {
                let question =
                    command
                        .data
                        .options
                        .first()
                        .and_then(|option| match &option.value {
                            CommandDataOptionValue::String(text) => Some(text.clone()),
                            _ => None,
                        });
                let button = CreateButton::new("more").label("More");
                let topics = ["lunch", "rooms"]
                    .map(|topic| CreateSelectMenuOption::new(topic, topic))
                    .to_vec();
                let menu = CreateSelectMenu::new(
                    "topic",
                    CreateSelectMenuKind::String { options: topics },
                );
                let message = CreateInteractionResponseMessage::new()
                    .content(format!("answer: {}", question.unwrap_or_default()))
                    .components(vec![
                        CreateActionRow::Buttons(vec![button]),
                        CreateActionRow::SelectMenu(menu),
                    ])
                    .allowed_mentions(CreateAllowedMentions::new());
                command
                    .create_response(&ctx.http, CreateInteractionResponse::Message(message))
                    .await
            }
            "slow" => {
                // Deferring ephemerally, then following up, then editing: poise's `defer_ephemeral`
                // followed by `say` and a reply-handle edit make the same calls.
                let deferred = command.defer_ephemeral(&ctx.http).await;
                let followup = CreateInteractionResponseFollowup::new().content("slow answer");
                let followed = match deferred {
                    Ok(()) => command
                        .create_followup(&ctx.http, followup)
                        .await
                        .map(|_| ()),
                    Err(error) => Err(error),
                };
                match followed {
                    Ok(()) => command
                        .edit_response(
                            &ctx.http,
                            EditInteractionResponse::new().content("slow answer, edited"),
                        )
                        .await
                        .map(|_| ()),
                    Err(error) => Err(error),
                }
            }
            _ => Ok(()),
        };
        if let Err(error) = result {
            self.note_error("command", &error);
        }
    }

    async fn answer_autocomplete(
        &self,
        ctx: &Context,
        command: &serenity::all::CommandInteraction,
    ) {
        let typed = command
            .data
            .autocomplete()
            .map(|option| option.value.to_owned())
            .unwrap_or_default();
        let choices = ["lunch", "lunch break", "launch party"]
            .into_iter()
            .filter(|choice| choice.starts_with(&typed))
            .map(|choice| AutocompleteChoice::new(choice, choice))
            .collect();
        let response = CreateAutocompleteResponse::new().set_choices(choices);
        if let Err(error) = command
            .create_response(&ctx.http, CreateInteractionResponse::Autocomplete(response))
            .await
        {
            self.note_error("autocomplete", &error);
        }
    }

    async fn answer_component(&self, ctx: &Context, component: &ComponentInteraction) {
        // A choice in the select menu keeps the components (an update without `components`
        // leaves them as they are); the button removes them.
        let message = match &component.data.kind {
            ComponentInteractionDataKind::StringSelect { values } => {
                CreateInteractionResponseMessage::new()
                    .content(format!("chose {}", values.join(", ")))
            }
            _ => CreateInteractionResponseMessage::new()
                .content(format!("pressed {}", component.data.custom_id))
                .components(Vec::new()),
        };
        if let Err(error) = component
            .create_response(&ctx.http, CreateInteractionResponse::UpdateMessage(message))
            .await
        {
            self.note_error("component", &error);
        }
    }
}

#[async_trait]
impl EventHandler for EchoBot {
    async fn ready(&self, _ctx: Context, ready: Ready) {
        *self
            .ready
            .lock()
            .expect("no panics while holding the ready slot") = Some(ready);
    }

    async fn message(&self, ctx: Context, message: Message) {
        if message.author.bot {
            return;
        }
        let reply = CreateMessage::new()
            .content(format!("echo: {}", message.content))
            .reference_message(&message)
            .allowed_mentions(CreateAllowedMentions::new());
        if let Err(error) = message.channel_id.send_message(&ctx.http, reply).await {
            self.note_error("reply", &error);
        }
    }

    async fn interaction_create(&self, ctx: Context, interaction: Interaction) {
        match &interaction {
            Interaction::Command(command) => self.answer_command(&ctx, command).await,
            Interaction::Autocomplete(command) => self.answer_autocomplete(&ctx, command).await,
            Interaction::Component(component) => self.answer_component(&ctx, component).await,
            _ => {}
        }
    }
}

/// Starts the echo bot against `fake` through the production seam: an `Http` with the fake as
/// proxy and the ratelimiter off, handed to `ClientBuilder::new_with_http`.
async fn start_echo_bot(
    fake: &FakeDiscord,
    intents: GatewayIntents,
) -> (RunningClient, Arc<EchoBot>) {
    let http = HttpBuilder::new(fake.token())
        .proxy(fake.http_proxy_url())
        .ratelimiter_disabled(true)
        .build();
    let handler = Arc::new(EchoBot::default());
    let client = ClientBuilder::new_with_http(http, intents)
        .event_handler_arc(Arc::clone(&handler))
        .await
        .expect("the client builds against the fake");
    (RunningClient::start(client), handler)
}

fn is_reply_to(content: &str) -> impl Fn(&RecordedRequest) -> bool + '_ {
    move |request| request.is("POST", "/channels/*/messages") && request.content() == Some(content)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_bot_connects_and_replies_through_the_fake() {
    let fake = FakeDiscord::start().await;
    let (bot, handler) = start_echo_bot(&fake, message_intents()).await;

    let asked = fake
        .send_message(MessageSpec::guild("when is lunch?"))
        .await;
    let reply = fake
        .wait_for(is_reply_to("echo: when is lunch?"), REPLY_TIMEOUT)
        .await;

    assert_eq!(
        fake.gateway_url_requests(),
        1,
        "serenity asks GET /gateway once, at build time"
    );
    assert_eq!(fake.gateway_connections(), 1);
    let identifies = fake.identifies();
    assert_eq!(identifies.len(), 1);
    assert_eq!(identifies[0].token, format!("Bot {}", FakeDiscord::TOKEN));
    assert_eq!(identifies[0].intents, message_intents());
    let ready = handler
        .ready
        .lock()
        .expect("no panics while holding the ready slot")
        .clone()
        .expect("READY reached the handler");
    assert_eq!(ready.application.id, fake.application_id());
    assert_eq!(
        bot.http.application_id(),
        Some(fake.application_id()),
        "serenity copies READY's application id into Http"
    );

    assert_eq!(
        reply.route,
        format!("/channels/{}/messages", fake.default_channel_id())
    );
    assert_eq!(
        reply.spec_template.as_deref(),
        Some("/channels/{channel_id}/messages")
    );
    assert_eq!(reply.status.as_u16(), 200);
    let body = reply.json();
    assert_eq!(
        body["allowed_mentions"],
        json!({"parse": [], "users": [], "roles": []}),
        "serenity's empty CreateAllowedMentions"
    );
    assert_eq!(
        body["message_reference"]["message_id"],
        json!(asked.to_string())
    );
    let stored = fake.channel_messages(fake.default_channel_id());
    assert_eq!(stored.len(), 2, "the question and the reply");
    assert_eq!(stored[0].content, "echo: when is lunch?");
    assert_eq!(
        stored[0]
            .referenced_message
            .as_ref()
            .map(|message| message.id),
        Some(asked)
    );
    assert_eq!(stored[0].author.id, fake.bot_user_id());

    // A reply to the bot's reply, and a direct message, are answered too.
    fake.send_message(MessageSpec::guild("thanks").replying_to(stored[0].id))
        .await;
    fake.wait_for(is_reply_to("echo: thanks"), REPLY_TIMEOUT)
        .await;
    let alice_dm = fake.dm_channel_id(&UserSpec::alice());
    fake.send_message(MessageSpec::direct("psst")).await;
    let dm_reply = fake
        .wait_for(is_reply_to("echo: psst"), REPLY_TIMEOUT)
        .await;
    assert_eq!(dm_reply.route, format!("/channels/{alice_dm}/messages"));

    let stopping = bot.shutdown().await;
    println!("the client stopped {stopping:?} after shutdown_all");
    assert!(handler.errors().is_empty(), "{:?}", handler.errors());
    fake.assert_clean();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_bot_resumes_after_the_gateway_drops_and_gets_what_it_missed() {
    let fake = FakeDiscord::start().await;
    let (bot, handler) = start_echo_bot(&fake, message_intents()).await;
    fake.send_message(MessageSpec::guild("before")).await;
    fake.wait_for(is_reply_to("echo: before"), REPLY_TIMEOUT)
        .await;

    let dropped_at = Instant::now();
    fake.hold_gateway(true);
    fake.drop_gateway();
    // Written while the bot is away: Discord keeps it in the session and replays it on RESUME.
    fake.send_message_while_disconnected(&MessageSpec::guild("meanwhile"));
    fake.hold_gateway(false);
    fake.wait_for_resumed(1, RECONNECT_TIMEOUT).await;
    assert_eq!(fake.replayed_events(), 1);
    println!("resumed {:?} after the drop", dropped_at.elapsed());
    fake.wait_for(is_reply_to("echo: meanwhile"), REPLY_TIMEOUT)
        .await;
    fake.send_message(MessageSpec::guild("after")).await;
    fake.wait_for(is_reply_to("echo: after"), REPLY_TIMEOUT)
        .await;

    assert_eq!(
        fake.identify_count(),
        1,
        "a resumed session needs no IDENTIFY"
    );
    assert!(fake.gateway_connections() >= 2);
    bot.shutdown().await;
    assert!(handler.errors().is_empty(), "{:?}", handler.errors());
    fake.assert_clean();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn history_pages_forward_like_discords_after_and_nonces_are_forgotten_after_minutes() {
    let fake = FakeDiscord::start().await;
    let http = fake.http();
    let channel = fake.channel_id("announcements");
    let mut ids = Vec::new();
    for i in 0..150 {
        ids.push(fake.insert_message(channel, &UserSpec::alice(), &format!("message {i}"), None));
    }
    // `after` gives the oldest messages after the given one, newest first within the page.
    let page = http
        .get_messages(
            channel,
            Some(serenity::all::MessagePagination::After(ids[9])),
            Some(100),
        )
        .await
        .expect("history is served");
    assert_eq!(page.len(), 100);
    assert_eq!(page.first().map(|m| m.id), Some(ids[109]));
    assert_eq!(page.last().map(|m| m.id), Some(ids[10]));
    // Without `after`, the newest.
    let newest = http
        .get_messages(channel, None, Some(5))
        .await
        .expect("history is served");
    assert_eq!(newest.first().map(|m| m.id), Some(ids[149]));

    // A repeated nonce returns the first message within Discord's memory, and makes a second after it.
    let body = json!({"content": "Lunch is served", "nonce": "announce-7", "enforce_nonce": true});
    let first = http
        .send_message(channel, Vec::new(), &body)
        .await
        .expect("created");
    fake.advance_clock(Duration::from_secs(60));
    let repeat = http
        .send_message(channel, Vec::new(), &body)
        .await
        .expect("returned");
    assert_eq!(repeat.id, first.id);
    fake.advance_clock(crate::fake_discord::NONCE_MEMORY);
    let late = http
        .send_message(channel, Vec::new(), &body)
        .await
        .expect("created again");
    assert_ne!(late.id, first.id);
    assert!(
        late.id.created_at().unix_timestamp() - first.id.created_at().unix_timestamp() >= 240,
        "ids carry the fake's clock"
    );
    fake.assert_clean();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn faults_can_be_injected_on_any_endpoint_and_a_wrong_token_gets_401() {
    let fake = FakeDiscord::start().await;
    let http = fake.http();
    let channel = fake.channel_id("announcements");
    fake.fail_every(
        Method::OPTIONS,
        "/",
        503,
        json!({"message": "503: Service Unavailable", "code": 0}),
    );
    for outcome in [
        http.get_messages(channel, None, Some(5)).await.err(),
        http.get_current_user().await.err(),
        http.send_message(channel, Vec::new(), &json!({"content": "hi"}))
            .await
            .err(),
    ] {
        let Some(serenity::Error::Http(HttpError::UnsuccessfulRequest(response))) = outcome else {
            panic!("an outage answers 503, got {outcome:?}");
        };
        assert_eq!(response.status_code.as_u16(), 503);
    }
    fake.clear_failures();
    assert!(http.get_current_user().await.is_ok());

    let stranger = HttpBuilder::new("not-the-token")
        .proxy(fake.http_proxy_url())
        .ratelimiter_disabled(true)
        .build();
    let Err(serenity::Error::Http(HttpError::UnsuccessfulRequest(response))) =
        stranger.get_current_user().await
    else {
        panic!("a wrong token is refused");
    };
    assert_eq!(response.status_code.as_u16(), 401);
    fake.assert_clean();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_bot_survives_server_errors_and_rate_limits() {
    let fake = FakeDiscord::start().await;
    let (bot, handler) = start_echo_bot(&fake, message_intents()).await;

    fake.fail_next(
        Method::POST,
        "/channels/",
        500,
        json!({"message": "500: Internal Server Error", "code": 0}),
    );
    fake.send_message(MessageSpec::guild("first")).await;
    let failed = fake
        .wait_for(is_reply_to("echo: first"), REPLY_TIMEOUT)
        .await;
    assert_eq!(failed.status.as_u16(), 500);

    fake.fail_next_rate_limited(Method::POST, "/channels/", Duration::from_millis(200));
    fake.send_message(MessageSpec::guild("second")).await;
    let limited = fake
        .wait_for(is_reply_to("echo: second"), REPLY_TIMEOUT)
        .await;
    assert_eq!(limited.status.as_u16(), 429);

    fake.send_message(MessageSpec::guild("third")).await;
    let answered = fake
        .wait_for(is_reply_to("echo: third"), REPLY_TIMEOUT)
        .await;
    assert_eq!(answered.status.as_u16(), 200);

    // With the ratelimiter disabled serenity does not retry: both failures reach the handler,
    // which runs each event in its own task, so the errors may be noted after the third reply.
    let errors = handler.wait_for_errors(2).await;
    assert!(
        errors.iter().any(|error| error.contains("500")),
        "{errors:?}"
    );
    // Discord's 429 body has no `code`, which serenity's error type requires: the error
    // carries status 429 and a "could not decode" message instead of Discord's text.
    assert!(
        errors
            .iter()
            .any(|error| error.contains("Could not decode json")),
        "{errors:?}"
    );
    bot.shutdown().await;
    fake.assert_clean();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_harness_catches_bodies_that_break_the_contract() {
    let fake = FakeDiscord::start().await;
    let http = fake.http();
    let channel = fake.default_channel_id();

    // 2001 characters pass the spec (it allows 4000, the Nitro limit) but not Discord's bot limit.
    let too_long = http
        .send_message(channel, Vec::new(), &json!({"content": "x".repeat(2001)}))
        .await;
    let Err(serenity::Error::Http(HttpError::UnsuccessfulRequest(response))) = too_long else {
        panic!("Discord answers 400 Invalid Form Body, got {too_long:?}");
    };
    assert_eq!(response.status_code.as_u16(), 400);
    assert_eq!(response.error.code, 50_035);
    assert!(
        response.error.errors[0].message.contains("2001 characters"),
        "{response:?}"
    );
    let violations = fake.take_violations();
    assert!(
        violations
            .iter()
            .any(|violation| violation.contains("2001 characters")),
        "{violations:?}"
    );

    // 4001 characters break the spec's own schema too.
    let _ = http
        .send_message(channel, Vec::new(), &json!({"content": "x".repeat(4001)}))
        .await;
    let violations = fake.take_violations();
    assert!(
        violations
            .iter()
            .any(|violation| violation.contains("body at /content: 4001 characters")),
        "{violations:?}"
    );

    // A wrongly typed field, an empty message, and a route Discord does not have.
    let _ = http
        .send_message(channel, Vec::new(), &json!({"content": "hi", "tts": "yes"}))
        .await;
    let _ = http
        .send_message(channel, Vec::new(), &json!({"content": ""}))
        .await;
    let _ = http.get_channel(ChannelId::new(42)).await;
    let button_without_id = json!({"content": "hi", "components": [{"type": 1, "components": [{"type": 2, "style": 1, "label": "More"}]}]});
    let _ = http
        .send_message(channel, Vec::new(), &button_without_id)
        .await;
    let unknown_style = json!({"content": "hi", "components": [{"type": 1, "components": [{"type": 2, "style": 9, "custom_id": "a"}]}]});
    let _ = http.send_message(channel, Vec::new(), &unknown_style).await;
    let too_long_answer = json!({"type": 4, "data": {"content": "x".repeat(2001)}});
    let _ = http
        .create_interaction_response(
            InteractionId::new(1),
            "unknown",
            &too_long_answer,
            Vec::new(),
        )
        .await;
    let violations = fake.take_violations();
    assert!(
        violations
            .iter()
            .any(|violation| violation.contains("body at /tts")),
        "{violations:?}"
    );
    assert!(
        violations
            .iter()
            .any(|violation| violation.contains("needs a custom_id")),
        "{violations:?}"
    );
    assert!(
        violations.iter().any(|violation| violation
            .contains("body at /components/0/components/0/style: 9 is not one of 1, 2")),
        "{violations:?}"
    );
    assert!(
        violations
            .iter()
            .any(|violation| violation.contains("body at /data/content: 2001 characters")),
        "{violations:?}"
    );
    assert!(
        violations
            .iter()
            .any(|violation| violation.contains("empty message")),
        "{violations:?}"
    );
    assert!(
        violations
            .iter()
            .any(|violation| violation.contains("does not exist")),
        "{violations:?}"
    );

    fake.assert_clean();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_message_with_an_enforced_nonce_is_created_once() {
    let fake = FakeDiscord::start().await;
    let http = fake.http();
    let channel = fake.channel_id("announcements");
    let body = json!({"content": "Lunch is served", "nonce": "announce-42", "enforce_nonce": true});

    let first = http
        .send_message(channel, Vec::new(), &body)
        .await
        .expect("the first create succeeds");
    let second = http
        .send_message(channel, Vec::new(), &body)
        .await
        .expect("the second create returns the first");

    assert_eq!(first.id, second.id);
    let history = http
        .get_messages(channel, None, Some(10))
        .await
        .expect("history is served");
    assert_eq!(
        history.iter().map(|message| message.id).collect::<Vec<_>>(),
        [first.id]
    );
    fake.assert_clean();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn slash_commands_autocomplete_and_components_round_trip() {
    let fake = FakeDiscord::start().await;
    let (bot, handler) = start_echo_bot(&fake, GatewayIntents::GUILDS).await;

    let ask = fake
        .send_interaction(InteractionSpec::slash(
            "ask",
            vec![CommandOption::string("question", "lunch?")],
        ))
        .await;
    let callback = fake
        .wait_for(|request| ask.owns(request), REPLY_TIMEOUT)
        .await;
    assert_eq!(callback.route, ask.callback_route());
    assert_eq!(callback.status.as_u16(), 204);
    assert_eq!(callback.json()["type"], json!(4));
    assert_eq!(callback.content(), Some("answer: lunch?"));
    let answer = fake
        .original_response(&ask)
        .expect("the response created a message");
    let button_message: MessageId = answer.id;
    let ActionRowComponent::Button(button) = &answer.components[0].components[0] else {
        panic!("a button")
    };
    assert!(
        matches!(&button.data, ButtonKind::NonLink { custom_id, .. } if custom_id == "more"),
        "{button:?}"
    );

    let typing = fake
        .send_interaction(InteractionSpec::autocomplete(
            "ask",
            vec![CommandOption::string("question", "lun").focused()],
        ))
        .await;
    let suggestions = fake
        .wait_for(|request| typing.owns(request), REPLY_TIMEOUT)
        .await;
    assert_eq!(suggestions.json()["type"], json!(8));
    assert_eq!(
        suggestions.json()["data"]["choices"]
            .as_array()
            .map(Vec::len),
        Some(2)
    );

    let choice = fake
        .send_interaction(InteractionSpec::string_select(
            button_message,
            "topic",
            &["rooms"],
        ))
        .await;
    let update = fake
        .wait_for(|request| choice.owns(request), REPLY_TIMEOUT)
        .await;
    assert_eq!(update.json()["type"], json!(7));
    let chosen = fake
        .message(button_message)
        .expect("the message still exists");
    assert_eq!(chosen.content, "chose rooms");
    assert_eq!(
        chosen.components.len(),
        2,
        "an update without components keeps them"
    );

    let press = fake
        .send_interaction(InteractionSpec::button(button_message, "more").by(UserSpec::bob()))
        .await;
    fake.wait_for(|request| press.owns(request), REPLY_TIMEOUT)
        .await;
    let updated = fake
        .message(button_message)
        .expect("the message still exists");
    assert_eq!(updated.content, "pressed more");
    assert!(updated.components.is_empty());

    bot.shutdown().await;
    assert!(handler.errors().is_empty(), "{:?}", handler.errors());
    fake.assert_clean();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_deferred_answer_is_resolved_by_its_first_followup() {
    let fake = FakeDiscord::start().await;
    let (bot, handler) = start_echo_bot(&fake, GatewayIntents::GUILDS).await;

    let slow = fake
        .send_interaction(InteractionSpec::slash("slow", Vec::new()))
        .await;
    let calls = fake
        .wait_for_count(|request| slow.owns(request), 3, REPLY_TIMEOUT)
        .await;
    let calls: Vec<String> = calls
        .iter()
        .map(|request| format!("{} {}", request.method, request.route))
        .collect();
    let token = &slow.token;
    let application = fake.application_id();
    assert_eq!(
        calls,
        [
            format!("POST {}", slow.callback_route()),
            format!("POST /webhooks/{application}/{token}"),
            format!("PATCH /webhooks/{application}/{token}/messages/@original"),
        ]
    );
    let original = fake
        .original_response(&slow)
        .expect("the deferral created a message");
    assert_eq!(original.content, "slow answer, edited");
    assert!(
        fake.followups(&slow).is_empty(),
        "the first followup after a deferral resolves the deferred message"
    );
    assert!(
        fake.channel_messages(fake.default_channel_id())
            .iter()
            .all(|message| message.id != original.id),
        "ephemeral"
    );

    bot.shutdown().await;
    assert!(handler.errors().is_empty(), "{:?}", handler.errors());
    fake.assert_clean();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn without_the_message_content_intent_guild_messages_arrive_blank() {
    let fake = FakeDiscord::start().await;
    let (bot, handler) = start_echo_bot(&fake, GatewayIntents::GUILD_MESSAGES).await;

    fake.send_message(MessageSpec::guild("not for the bot"))
        .await;
    fake.wait_for(is_reply_to("echo: "), REPLY_TIMEOUT).await;
    let mention = format!("<@{}> for the bot", fake.bot_user_id());
    fake.send_message(MessageSpec::guild(mention.clone())).await;
    fake.wait_for(is_reply_to(&format!("echo: {mention}")), REPLY_TIMEOUT)
        .await;

    bot.shutdown().await;
    assert!(handler.errors().is_empty(), "{:?}", handler.errors());
    fake.assert_clean();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_burst_of_300_messages_is_answered_exactly_once() {
    const BURST: usize = 300;
    let fake = FakeDiscord::start().await;
    let (bot, handler) = start_echo_bot(&fake, message_intents()).await;
    fake.wait_until_ready().await;

    let started = Instant::now();
    for index in 0..BURST {
        fake.send_message(MessageSpec::guild(format!("burst {index}")))
            .await;
    }
    let replies = fake
        .wait_for_count(
            |request| request.is("POST", "/channels/*/messages"),
            BURST,
            Duration::from_secs(30),
        )
        .await;
    let elapsed = started.elapsed();
    println!(
        "{BURST} messages answered in {elapsed:?} ({:?} each)",
        elapsed / u32::try_from(BURST).expect("small")
    );

    let mut answered: HashMap<String, usize> = HashMap::new();
    for reply in &replies {
        *answered
            .entry(reply.content().expect("replies have content").to_owned())
            .or_default() += 1;
    }
    assert_eq!(answered.len(), BURST);
    assert!(
        answered.values().all(|count| *count == 1),
        "some message was answered twice"
    );
    bot.shutdown().await;
    assert!(handler.errors().is_empty(), "{:?}", handler.errors());
    fake.assert_clean();
}

#[test]
fn the_spec_loads_once_and_quickly() {
    let load_time = FakeDiscord::spec_load_time();
    // A route no other test uses, so the first check here is the one that compiles its schema
    // (tests run in parallel and share the compiled schemas).
    let body = json!({"name": "Usher Test Event, renamed"});
    let started = Instant::now();
    let first = contract_violations(&Method::PATCH, "/guilds/1", Some(&body));
    let first_check = started.elapsed();
    let started = Instant::now();
    let second = contract_violations(&Method::PATCH, "/guilds/1", Some(&body));
    let cached_check = started.elapsed();
    println!(
        "Discord's OpenAPI spec loaded in {load_time:?}; first check of a guild edit {first_check:?} \
         (compiles its schema), second {cached_check:?}"
    );
    assert!(first.is_empty() && second.is_empty(), "{first:?}");
    assert!(
        load_time < Duration::from_secs(2),
        "loading the spec took {load_time:?}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_route_the_fake_serves_answers_what_serenity_parses() {
    let fake = FakeDiscord::start().await;
    let http = fake.http();
    // READY would set this; without a gateway connection the test sets it as READY would.
    http.set_application_id(fake.application_id());
    let general = fake.default_channel_id();
    let guild = fake.guild_id();
    let alice = UserSpec::alice();

    http.get_gateway().await.expect("GET /gateway");
    http.get_bot_gateway().await.expect("GET /gateway/bot");
    http.get_current_user().await.expect("GET /users/@me");
    let application = http
        .get_current_application_info()
        .await
        .expect("GET /oauth2/applications/@me");
    assert_eq!(
        application.owner.map(|owner| owner.id),
        Some(fake.owner().id)
    );
    http.get_user(alice.id).await.expect("GET /users/{id}");
    let dm = alice
        .id
        .create_dm_channel(&http)
        .await
        .expect("POST /users/@me/channels");
    assert_eq!(dm.id, fake.dm_channel_id(&alice));
    http.get_channel(dm.id).await.expect("GET /channels/{dm}");
    http.get_channel(general).await.expect("GET /channels/{id}");
    guild
        .to_partial_guild(&http)
        .await
        .expect("GET /guilds/{id}");
    let roles = guild.roles(&http).await.expect("GET /guilds/{id}/roles");
    assert!(roles.contains_key(&fake.role_id("organiser")));
    guild
        .channels(&http)
        .await
        .expect("GET /guilds/{id}/channels");
    guild
        .member(&http, fake.bot_user_id())
        .await
        .expect("GET /guilds/{id}/members/{bot}");
    assert!(
        guild.member(&http, UserId::new(99)).await.is_err(),
        "an unknown member is a 404"
    );

    let message = general
        .send_message(&http, CreateMessage::new().content("hello"))
        .await
        .expect("POST message");
    general.broadcast_typing(&http).await.expect("POST typing");
    message.react(&http, '👍').await.expect("PUT reaction");
    let edited = general
        .edit_message(&http, message.id, EditMessage::new().content("hello again"))
        .await
        .expect("PATCH message");
    assert!(edited.edited_timestamp.is_some());
    assert_eq!(
        general
            .message(&http, message.id)
            .await
            .expect("GET message")
            .content,
        "hello again"
    );
    let recent = general
        .messages(&http, GetMessages::new().limit(5))
        .await
        .expect("GET messages");
    assert_eq!(recent.len(), 1);
    general
        .delete_message(&http, message.id)
        .await
        .expect("DELETE message");
    assert!(fake.channel_messages(general).is_empty());

    let command = CreateCommand::new("ask").description("Ask a question");
    let global = Command::set_global_commands(&http, vec![command.clone()])
        .await
        .expect("PUT global commands");
    let again = Command::set_global_commands(&http, vec![command.clone()])
        .await
        .expect("PUT them again");
    assert_eq!(
        global[0].id, again[0].id,
        "Discord keeps a command's id when it is registered again"
    );
    guild
        .set_commands(&http, vec![command])
        .await
        .expect("PUT guild commands");
    assert_eq!(
        Command::get_global_commands(&http)
            .await
            .expect("GET global commands")
            .len(),
        1
    );

    fake.assert_clean();
}
