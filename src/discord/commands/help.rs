//! `/help`: what Usher can do and how to ask.

use crate::discord::reply::Reply;
use crate::discord::types::{Context, Error};

/// How to ask Usher, and what it knows.
#[poise::command(slash_command)]
pub async fn help(ctx: Context<'_>) -> Result<(), Error> {
    let engine = ctx.data().engine.load();
    let text = format!(
        "I answer questions about {}. I know {}.\n\
         Ask with `/ask`, mention me (\"@Usher where is it?\"), or send me a direct message.\n\
         Quick answers: `/when`, `/where`, `/programme`, `/speakers`, `/findings`, `/about`.",
        engine.knowledge().event.title,
        engine.capabilities()
    );
    ctx.send(Reply::text(&text).ephemeral(true).to_poise())
        .await?;
    Ok(())
}
