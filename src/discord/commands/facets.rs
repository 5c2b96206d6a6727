//! The fixed questions: `/when`, `/where`, `/programme`, `/speakers`, `/findings`, `/about`.

use serenity::all::CreateAutocompleteResponse;

use std::time::Instant;

use crate::discord::events::{answer, report};
use crate::discord::reply::{self, Reply};
use crate::discord::types::{Context, Error};
use crate::knowledge::{Finding, Kind};

/// The channel a command was used in, or none in a direct message (which would name the person).
fn channel_of(ctx: Context<'_>) -> Option<serenity::all::ChannelId> {
    ctx.guild_id().map(|_| ctx.channel_id())
}

/// Answers a topic by its key, publicly; a topic this knowledge does not have gets a private note.
async fn topic(ctx: Context<'_>, key: &str) -> Result<(), Error> {
    let started = Instant::now();
    let data = ctx.data();
    let engine = data.engine.load();
    let r = match engine.answer_topic(key, data.now(), Some(&*data.store)) {
        Some(a) => {
            report(data, channel_of(ctx), None, &a, started);
            reply::render(
                &a,
                data.config.discord.reply_style,
                &engine.knowledge().event.title,
            )
        }
        None => Reply::text(&format!(
            "The knowledge has nothing on that. I can tell you about {}.",
            engine.capabilities()
        ))
        .ephemeral(true),
    };
    ctx.send(r.to_poise()).await?;
    Ok(())
}

/// When the event takes place, in your own time zone.
#[poise::command(slash_command)]
pub async fn when(ctx: Context<'_>) -> Result<(), Error> {
    topic(ctx, "event.when").await
}

/// Where the event takes place: the venue, its address and a map.
#[poise::command(slash_command, rename = "where")]
pub async fn r#where(ctx: Context<'_>) -> Result<(), Error> {
    let key = {
        let engine = ctx.data().engine.load();
        let k = engine.knowledge();
        k.event
            .venue
            .map(|v| format!("venue.{}", k.venues()[v].id))
            .unwrap_or_default()
    };
    topic(ctx, &key).await
}

/// The programme: its parts or sessions.
#[poise::command(slash_command)]
pub async fn programme(ctx: Context<'_>) -> Result<(), Error> {
    topic(ctx, "event.programme").await
}

/// Who speaks at the event.
#[poise::command(slash_command)]
pub async fn speakers(ctx: Context<'_>) -> Result<(), Error> {
    topic(ctx, "event.speakers").await
}

/// What the event is about.
#[poise::command(slash_command)]
pub async fn about(ctx: Context<'_>) -> Result<(), Error> {
    topic(ctx, "event.about").await
}

#[allow(
    clippy::unused_async,
    reason = "poise calls autocomplete callbacks as async functions"
)]
async fn suggest_finding(ctx: Context<'_>, partial: &str) -> CreateAutocompleteResponse {
    let engine = ctx.data().engine.load();
    let wanted = partial.to_lowercase();
    super::choices(
        engine
            .knowledge()
            .findings()
            .iter()
            .filter(|f| f.title.to_lowercase().contains(&wanted))
            .map(|f| f.title.clone()),
    )
}

/// The report's key findings, or the finding on a topic.
#[poise::command(slash_command)]
pub async fn findings(
    ctx: Context<'_>,
    #[description = "A subject, e.g. poverty, Syria, NGOs"]
    #[autocomplete = "suggest_finding"]
    #[rename = "topic"]
    subject: Option<String>,
) -> Result<(), Error> {
    let Some(words) = subject else {
        return topic(ctx, "event.report").await;
    };
    let started = Instant::now();
    let data = ctx.data();
    let engine = data.engine.load();
    let found = engine.answer_among(&words, data.now(), Finding::KIND, Some(&*data.store));
    let a = match found {
        Some(a) => {
            report(data, channel_of(ctx), Some(&words), &a, started);
            a
        }
        None => answer(data, &engine, channel_of(ctx), &words),
    };
    let r = reply::render(
        &a,
        data.config.discord.reply_style,
        &engine.knowledge().event.title,
    )
    .ephemeral(!a.matched);
    ctx.send(r.to_poise()).await?;
    Ok(())
}
