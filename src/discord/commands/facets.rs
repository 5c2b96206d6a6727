//! The fixed questions: `/when`, `/where`, `/speakers`, `/findings`, `/about` (and `/programme` without
//! filters), and the suggestion buttons under answers, which answer a topic the same way.

use serenity::all::{
    ChannelId, ComponentInteraction, Context as SerenityContext, CreateAutocompleteResponse,
    CreateInteractionResponse,
};
use tracing::warn;

use crate::discord::autocomplete::choices;
use crate::discord::checks::slow_down;
use crate::discord::cooldown::Verdict;
use crate::discord::errors::describe;
use crate::discord::pipeline::{self, Topic};
use crate::discord::reply::{MORE_BUTTON, Reply, TOPIC_BUTTON};
use crate::discord::respond;
use crate::discord::retry::retrying;
use crate::discord::router::{ButtonRoute, Handling};
use crate::discord::types::{Context, Data, Error};

/// The "More" buttons under long answers: each shows its topic's whole text.
pub const MORE_BUTTONS: ButtonRoute = ButtonRoute {
    prefix: MORE_BUTTON,
    handle: on_topic_press,
};

/// The suggestion buttons: each answers its topic.
pub const TOPIC_BUTTONS: ButtonRoute = ButtonRoute {
    prefix: TOPIC_BUTTON,
    handle: on_topic_press,
};

/// The channel a command was used in, or none in a direct message (which would name the person).
pub(super) fn channel_of(ctx: Context<'_>) -> Option<ChannelId> {
    ctx.guild_id().map(|_| ctx.channel_id())
}

/// Answers a topic, publicly; a topic this knowledge does not have gets a private note.
pub(super) async fn topic(ctx: Context<'_>, topic: Topic<'_>) -> Result<(), Error> {
    let data = ctx.data();
    let reply = pipeline::topic(data, channel_of(ctx), topic)
        .await
        .unwrap_or_else(|| {
            Reply::text(&format!(
                "The knowledge has nothing on that. I can tell you about {}.",
                pipeline::capabilities(data)
            ))
            .ephemeral(true)
        });
    respond::send(ctx, &reply).await
}

/// When the event takes place, in your own time zone.
#[poise::command(slash_command, check = "crate::discord::checks::not_too_fast")]
pub async fn when(ctx: Context<'_>) -> Result<(), Error> {
    topic(ctx, Topic::Key("event.when")).await
}

/// Where the event takes place: the venue, its address and a map.
#[poise::command(
    slash_command,
    rename = "where",
    check = "crate::discord::checks::not_too_fast"
)]
pub async fn r#where(ctx: Context<'_>) -> Result<(), Error> {
    topic(ctx, Topic::Venue).await
}

/// Who speaks at the event.
#[poise::command(slash_command, check = "crate::discord::checks::not_too_fast")]
pub async fn speakers(ctx: Context<'_>) -> Result<(), Error> {
    topic(ctx, Topic::Key("event.speakers")).await
}

/// What the event is about.
#[poise::command(slash_command, check = "crate::discord::checks::not_too_fast")]
pub async fn about(ctx: Context<'_>) -> Result<(), Error> {
    topic(ctx, Topic::Key("event.about")).await
}

#[allow(
    clippy::unused_async,
    reason = "poise calls autocomplete callbacks as async functions"
)]
async fn suggest_finding(ctx: Context<'_>, partial: &str) -> CreateAutocompleteResponse {
    choices(pipeline::finding_titles(ctx.data(), partial))
}

/// The report's key findings, or the finding on a topic.
#[poise::command(slash_command, check = "crate::discord::checks::not_too_fast")]
pub async fn findings(
    ctx: Context<'_>,
    #[description = "A subject, e.g. a theme, a place or a group"]
    #[autocomplete = "suggest_finding"]
    #[rename = "topic"]
    subject: Option<String>,
) -> Result<(), Error> {
    let Some(words) = subject else {
        return topic(ctx, Topic::Key("event.report")).await;
    };
    if pipeline::reads_store(ctx.data(), &words) {
        ctx.defer().await?;
    }
    respond::send(
        ctx,
        &pipeline::finding(ctx.data(), channel_of(ctx), &words).await,
    )
    .await
}

fn on_topic_press<'a>(
    ctx: &'a SerenityContext,
    data: &'a Data,
    press: &'a ComponentInteraction,
) -> Handling<'a> {
    Box::pin(answer_topic_press(ctx, data, press))
}

/// Answers the topic a suggestion button names, or shows the whole text a "More" button stands for,
/// privately: the button is under someone else's question as often as not, and the channel need not see
/// each press.
async fn answer_topic_press(ctx: &SerenityContext, data: &Data, press: &ComponentInteraction) {
    let id = &press.data.custom_id;
    let (key, more) = match (id.strip_prefix(TOPIC_BUTTON), id.strip_prefix(MORE_BUTTON)) {
        (Some(key), _) => (key, false),
        (_, Some(key)) => (key, true),
        _ => return,
    };
    let channel = Some(press.channel_id);
    let reply = match data.cooldown(press.user.id.get()) {
        Verdict::Allow => {
            let reply = if more {
                pipeline::more(data, channel, key).await
            } else {
                pipeline::topic(data, channel, Topic::Key(key)).await
            };
            reply.unwrap_or_else(|| {
                // The knowledge was reloaded since the button was posted and the topic is gone.
                Reply::text("That topic is no longer in the knowledge; please ask again.")
            })
        }
        Verdict::Wait { retry_after } | Verdict::Silent { retry_after } => {
            Reply::text(&slow_down(retry_after))
        }
    };
    let response = CreateInteractionResponse::Message(reply.ephemeral(true).to_interaction());
    let answered = retrying(|| press.create_response(&ctx.http, response.clone())).await;
    if let Err(err) = answered {
        warn!(channel = %press.channel_id, "could not answer a button press: {}", describe(&err));
    }
}
