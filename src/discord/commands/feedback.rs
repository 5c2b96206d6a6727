//! The thumbs up and down under answers. A vote is stored against the answer's topic with a keyed hash of
//! the voter in place of their id (see the store), and read back by `/gaps` and `usher gaps`.

use serenity::all::{ComponentInteraction, Context as SerenityContext, CreateInteractionResponse};
use tracing::warn;

use crate::discord::errors::describe;
use crate::discord::reply::{Reply, VOTE_DOWN_BUTTON, VOTE_UP_BUTTON};
use crate::discord::retry::retrying;
use crate::discord::router::{ButtonRoute, Handling};
use crate::discord::types::Data;
use crate::store::Voted;

/// Thumbs up.
pub const VOTE_UP_BUTTONS: ButtonRoute = ButtonRoute {
    prefix: VOTE_UP_BUTTON,
    handle: on_vote_up,
};

/// Thumbs down.
pub const VOTE_DOWN_BUTTONS: ButtonRoute = ButtonRoute {
    prefix: VOTE_DOWN_BUTTON,
    handle: on_vote_down,
};

fn on_vote_up<'a>(
    ctx: &'a SerenityContext,
    data: &'a Data,
    press: &'a ComponentInteraction,
) -> Handling<'a> {
    Box::pin(vote(ctx, data, press, VOTE_UP_BUTTON, true))
}

fn on_vote_down<'a>(
    ctx: &'a SerenityContext,
    data: &'a Data,
    press: &'a ComponentInteraction,
) -> Handling<'a> {
    Box::pin(vote(ctx, data, press, VOTE_DOWN_BUTTON, false))
}

/// Records a vote on the answer the button is under, and thanks the voter privately.
async fn vote(
    ctx: &SerenityContext,
    data: &Data,
    press: &ComponentInteraction,
    prefix: &str,
    up: bool,
) {
    let Some(topic) = press.data.custom_id.strip_prefix(prefix).map(str::to_owned) else {
        return;
    };
    let message = press.message.id.get();
    let user = press.user.id.get();
    let now = data.now();
    let voted = data
        .store
        .run(move |s| s.vote(message, &topic, user, up, now))
        .await;
    let text = match voted {
        Ok(Voted::New | Voted::Same) => "Thanks for the feedback.",
        Ok(Voted::Changed) => "Thanks: your vote on this answer is changed.",
        Err(err) => {
            warn!("could not record a vote: {err}");
            "I could not record your vote just now; please try again."
        }
    };
    let response =
        CreateInteractionResponse::Message(Reply::text(text).ephemeral(true).to_interaction());
    let answered = retrying(|| press.create_response(&ctx.http, response.clone())).await;
    if let Err(err) = answered {
        warn!(channel = %press.channel_id, "could not answer a vote: {}", describe(&err));
    }
}
