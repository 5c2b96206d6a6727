//! `/ask`: any question, with suggestions from the knowledge while typing.

use serenity::all::CreateAutocompleteResponse;

use crate::discord::autocomplete::choices;
use crate::discord::limits;
use crate::discord::pipeline;
use crate::discord::respond;
use crate::discord::types::{Context, Error};

/// Suggests topics, sessions, speakers and findings that match what has been typed so far.
#[allow(
    clippy::unused_async,
    reason = "poise calls autocomplete callbacks as async functions"
)]
async fn suggest(ctx: Context<'_>, partial: &str) -> CreateAutocompleteResponse {
    choices(pipeline::suggest(
        ctx.data(),
        partial,
        limits::AUTOCOMPLETE_CHOICES,
    ))
}

/// Ask Usher anything about the event: when, where, who, the programme, the findings.
#[poise::command(slash_command, check = "crate::discord::checks::not_too_fast")]
pub async fn ask(
    ctx: Context<'_>,
    #[description = "Your question, e.g. \"where is it?\" or \"what did they say about poverty?\""]
    #[autocomplete = "suggest"]
    question: String,
) -> Result<(), Error> {
    let channel = ctx.guild_id().map(|_| ctx.channel_id());
    if pipeline::reads_store(ctx.data(), &question) {
        ctx.defer().await?;
    }
    respond::send(ctx, &pipeline::ask(ctx.data(), channel, &question).await).await
}
