//! How a command answers the person who used it: with a reply as the pipeline rendered it, or with a
//! private note.

use super::reply::Reply;
use super::retry::retrying;
use super::types::{Context, Error};

/// Sends `reply` as the command's answer (private if the reply says so), again if Discord was busy.
pub async fn send(ctx: Context<'_>, reply: &Reply) -> Result<(), Error> {
    retrying(|| ctx.send(reply.to_poise())).await?;
    Ok(())
}

/// Says `text` to the person who used the command, and to no one else.
pub async fn privately(ctx: Context<'_>, text: &str) -> Result<(), Error> {
    send(ctx, &Reply::text(text).ephemeral(true)).await
}
