//! A poise 0.7.1 bot against the fake: the template for the bot's own e2e tests, and a record
//! of the REST calls poise makes, checked against Discord's contract.
//!
//! The commands here are stand-ins written for the test; they show the poise features the bot
//! uses (slash and prefix commands, autocomplete, ephemeral replies, deferral, a button handled
//! by a collector, a permission check) and what each one sends.

use crate::fake_discord::{
    CommandOption, FakeDiscord, InteractionSpec, MessageSpec, RecordedRequest, RunningClient,
};
use serde_json::json;
use serenity::all::{
    AutocompleteChoice, ClientBuilder, CreateActionRow, CreateAllowedMentions,
    CreateAutocompleteResponse, CreateButton, CreateInteractionResponse,
    CreateInteractionResponseMessage, FullEvent, GatewayIntents, GuildId, Interaction,
};
use std::time::Duration;

type Error = Box<dyn std::error::Error + Send + Sync>;
type Context<'a> = poise::Context<'a, Data, Error>;

/// What the stand-in bot keeps: the guild to register its commands in.
struct Data;

const REPLY_TIMEOUT: Duration = Duration::from_secs(10);

#[allow(
    clippy::unused_async,
    reason = "poise calls autocomplete functions as async functions"
)]
async fn suggest_questions(_ctx: Context<'_>, partial: &str) -> CreateAutocompleteResponse {
    let choices = ["when is lunch", "where is room B"]
        .into_iter()
        .filter(|question| question.starts_with(partial))
        .map(|question| AutocompleteChoice::new(question, question))
        .collect();
    CreateAutocompleteResponse::new().set_choices(choices)
}

/// Answers a question about the event, with a button for more.
#[poise::command(slash_command, prefix_command)]
async fn ask(
    ctx: Context<'_>,
    #[description = "What you want to know"]
    #[autocomplete = "suggest_questions"]
    #[rest]
    question: String,
) -> Result<(), Error> {
    // The button carries the question in its custom id, so the global component handler can
    // answer a press at any time, even after a restart.
    let button = CreateButton::new(format!("{MORE_PREFIX}{question}")).label("More");
    let reply = poise::CreateReply::default()
        .content(format!("answer: {question}"))
        .components(vec![CreateActionRow::Buttons(vec![button])]);
    ctx.send(reply).await?;
    Ok(())
}

/// The custom-id prefix of `/ask`'s "More" button.
const MORE_PREFIX: &str = "ask-more:";

/// Handles button presses for all messages. A `ComponentInteractionCollector` awaited inside
/// the command would race with the press (a press that arrives before the collector exists is
/// lost) and die with the process; a global handler has neither problem.
async fn on_event(ctx: &serenity::all::Context, event: &FullEvent) -> Result<(), Error> {
    if let FullEvent::InteractionCreate {
        interaction: Interaction::Component(press),
    } = event
    {
        if let Some(question) = press.data.custom_id.strip_prefix(MORE_PREFIX) {
            let update = CreateInteractionResponseMessage::new()
                .content(format!("more about: {question}"))
                .components(Vec::new());
            press
                .create_response(ctx, CreateInteractionResponse::UpdateMessage(update))
                .await?;
        }
    }
    Ok(())
}

/// Takes a while: defers ephemerally, answers, then edits the answer.
#[poise::command(slash_command)]
async fn slow(ctx: Context<'_>) -> Result<(), Error> {
    ctx.defer_ephemeral().await?;
    let handle = ctx.say("working").await?;
    handle
        .edit(ctx, poise::CreateReply::default().content("done"))
        .await?;
    Ok(())
}

/// Posts an announcement; for organisers only.
#[poise::command(
    prefix_command,
    slash_command,
    required_permissions = "MANAGE_MESSAGES"
)]
async fn announce(ctx: Context<'_>, #[rest] text: String) -> Result<(), Error> {
    ctx.send(
        poise::CreateReply::default()
            .content(format!("announced: {text}"))
            .ephemeral(true),
    )
    .await?;
    Ok(())
}

async fn start_poise_bot(fake: &FakeDiscord) -> RunningClient {
    let guild_id: GuildId = fake.guild_id();
    let framework = poise::Framework::builder()
        .options(poise::FrameworkOptions {
            commands: vec![ask(), slow(), announce()],
            prefix_options: poise::PrefixFrameworkOptions {
                prefix: Some("!".into()),
                ..Default::default()
            },
            // poise's default allows user and reply pings; an answer bot should ping no one.
            allowed_mentions: Some(CreateAllowedMentions::new()),
            event_handler: |framework, event| Box::pin(on_event(framework.serenity_context, event)),
            ..Default::default()
        })
        .setup(move |ctx, _ready, framework| {
            Box::pin(async move {
                poise::builtins::register_in_guild(ctx, &framework.options().commands, guild_id)
                    .await?;
                Ok(Data)
            })
        })
        .build();
    let intents =
        GatewayIntents::GUILDS | GatewayIntents::GUILD_MESSAGES | GatewayIntents::MESSAGE_CONTENT;
    let client = ClientBuilder::new_with_http(fake.http(), intents)
        .framework(framework)
        .await
        .expect("the poise client builds against the fake");
    RunningClient::start(client)
}

fn posted(content: &str) -> impl Fn(&RecordedRequest) -> bool + '_ {
    move |request| request.is("POST", "/channels/*/messages") && request.content() == Some(content)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_poise_bot_registers_its_commands_and_answers() {
    let fake = FakeDiscord::start().await;
    let bot = start_poise_bot(&fake).await;

    // Startup: poise reads the application's owner, then `setup` registers the guild commands.
    let owner_lookup = fake
        .wait_for(
            |request| request.is("GET", "/oauth2/applications/@me"),
            REPLY_TIMEOUT,
        )
        .await;
    assert_eq!(owner_lookup.status.as_u16(), 200);
    let registration = fake
        .wait_for(
            |request| request.is("PUT", "/applications/*/guilds/*/commands"),
            REPLY_TIMEOUT,
        )
        .await;
    let names: Vec<&str> = registration
        .json()
        .as_array()
        .expect("a command list")
        .iter()
        .filter_map(|command| command["name"].as_str())
        .collect();
    assert_eq!(names, ["ask", "slow", "announce"]);

    // A prefix command: a plain channel message, no reference, mentions as configured.
    fake.send_message(MessageSpec::guild("!ask when is lunch"))
        .await;
    let prefix_reply = fake
        .wait_for(posted("answer: when is lunch"), REPLY_TIMEOUT)
        .await;
    assert_eq!(
        prefix_reply.json()["allowed_mentions"],
        json!({"parse": [], "users": [], "roles": []})
    );
    assert!(prefix_reply.json().get("message_reference").is_none());

    // A slash command: one callback of type 4 carrying the message in `data`.
    let asked = fake
        .send_interaction(InteractionSpec::slash(
            "ask",
            vec![CommandOption::string("question", "where is room B")],
        ))
        .await;
    let callback = fake
        .wait_for(|request| asked.owns(request), REPLY_TIMEOUT)
        .await;
    assert_eq!(callback.json()["type"], json!(4));
    assert_eq!(callback.content(), Some("answer: where is room B"));
    let answer = fake
        .original_response(&asked)
        .expect("the callback created the answer");

    // The button on that answer: the global handler updates the message in place.
    let press = fake
        .send_interaction(InteractionSpec::button(
            answer.id,
            "ask-more:where is room B",
        ))
        .await;
    let update = fake
        .wait_for(|request| press.owns(request), REPLY_TIMEOUT)
        .await;
    assert_eq!(update.json()["type"], json!(7));
    assert_eq!(
        fake.message(answer.id).expect("still there").content,
        "more about: where is room B"
    );

    // Autocomplete: poise answers type 8 with the choices.
    let typing = fake
        .send_interaction(InteractionSpec::autocomplete(
            "ask",
            vec![CommandOption::string("question", "wh").focused()],
        ))
        .await;
    let choices = fake
        .wait_for(|request| typing.owns(request), REPLY_TIMEOUT)
        .await;
    assert_eq!(
        choices.json(),
        &json!({"type": 8, "data": {"choices": [
            {"name": "when is lunch", "value": "when is lunch"},
            {"name": "where is room B", "value": "where is room B"},
        ]}})
    );

    bot.shutdown().await;
    fake.assert_clean();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn poise_defers_follows_up_and_checks_permissions() {
    let fake = FakeDiscord::start().await;
    let bot = start_poise_bot(&fake).await;

    // Deferral: type 5 with the ephemeral flag; `say` becomes a followup webhook call, which
    // Discord applies to the deferred message; editing the handle edits that followup.
    let slow = fake
        .send_interaction(InteractionSpec::slash("slow", Vec::new()))
        .await;
    let calls = fake
        .wait_for_count(|request| slow.owns(request), 3, REPLY_TIMEOUT)
        .await;
    assert_eq!(
        calls[0].json(),
        &json!({"type": 5, "data": {"flags": 64, "attachments": []}})
    );
    assert!(calls[1].is("POST", "/webhooks/*/*"));
    let original = fake
        .original_response(&slow)
        .expect("the deferral created a message");
    assert!(calls[2].is("PATCH", &format!("/webhooks/*/*/messages/{}", original.id)));
    assert_eq!(original.content, "done");
    assert!(
        original.flags.is_some_and(|flags| flags.bits() & 64 != 0),
        "still ephemeral"
    );

    // A prefix command with required permissions: poise fetches the guild and the channel over
    // REST (the cache is off; the bot's member too if `required_bot_permissions` is set), then
    // refuses alice and serves an organiser.
    fake.send_message(MessageSpec::guild("!announce lunch is ready"))
        .await;
    let refusal = fake
        .wait_for(
            |request| request.is("POST", "/channels/*/messages"),
            REPLY_TIMEOUT,
        )
        .await;
    assert_eq!(
        refusal.content(),
        Some("You're lacking permissions for `!announce`: Manage Messages")
    );
    for route in ["/guilds/*", "/channels/*"] {
        assert!(
            fake.requests()
                .iter()
                .any(|request| request.is("GET", route)),
            "poise fetched {route}"
        );
    }
    let organiser = fake.role_id("organiser");
    fake.send_message(MessageSpec::guild("!announce lunch is ready").with_roles(&[organiser]))
        .await;
    let announced = fake
        .wait_for(posted("announced: lunch is ready"), REPLY_TIMEOUT)
        .await;
    // `ephemeral` means nothing for a prefix reply: poise posts it publicly without the flag.
    assert!(
        announced
            .json()
            .get("flags")
            .is_none_or(|flags| flags.as_u64().unwrap_or_default() & 64 == 0)
    );

    // The same command as a slash command is checked with the member's permissions from the
    // interaction payload, without REST calls.
    let requests_before = fake.request_count();
    let slash = fake
        .send_interaction(
            InteractionSpec::slash(
                "announce",
                vec![CommandOption::string("text", "doors open")],
            )
            .with_roles(&[organiser]),
        )
        .await;
    let callback = fake
        .wait_for_after(
            requests_before,
            |request| slash.owns(request),
            REPLY_TIMEOUT,
        )
        .await;
    assert_eq!(callback.json()["data"]["flags"], json!(64));
    assert_eq!(fake.request_count(), requests_before + 1);

    bot.shutdown().await;
    fake.assert_clean();
}
