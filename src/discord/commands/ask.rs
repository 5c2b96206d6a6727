//! `/ask`: any question, with suggestions from the knowledge while typing.

use serenity::all::CreateAutocompleteResponse;

use crate::discord::events::answer;
use crate::discord::limits;
use crate::discord::reply;
use crate::discord::types::{Context, Error};

/// Suggests topics, sessions, speakers and findings that match what has been typed so far.
#[allow(
    clippy::unused_async,
    reason = "poise calls autocomplete callbacks as async functions"
)]
async fn suggest(ctx: Context<'_>, partial: &str) -> CreateAutocompleteResponse {
    let engine = ctx.data().engine.load();
    super::choices(engine.suggest(partial, limits::AUTOCOMPLETE_CHOICES))
}

/// Ask Usher anything about the event: when, where, who, the programme, the findings.
#[poise::command(slash_command)]
pub async fn ask(
    ctx: Context<'_>,
    #[description = "Your question, e.g. \"where is it?\" or \"what did they say about poverty?\""]
    #[autocomplete = "suggest"]
    question: String,
) -> Result<(), Error> {
    let data = ctx.data();
    let engine = data.engine.load();
    let a = answer(
        data,
        &engine,
        ctx.guild_id().map(|_| ctx.channel_id()),
        &question,
    );
    // A question Usher cannot answer gets its reply privately: no need to show the channel.
    let r = reply::render(
        &a,
        data.config.discord.reply_style,
        &engine.knowledge().event.title,
    )
    .ephemeral(!a.matched);
    ctx.send(r.to_poise()).await?;
    Ok(())
}
