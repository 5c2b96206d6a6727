//! `/help`: what Usher can do and how to ask.

use crate::discord::pipeline;
use crate::discord::respond;
use crate::discord::types::{Context, Error};

/// How to ask Usher, and what it knows.
#[poise::command(slash_command, check = "crate::discord::checks::not_too_fast")]
pub async fn help(ctx: Context<'_>) -> Result<(), Error> {
    respond::privately(ctx, &pipeline::help(ctx.data())).await
}
