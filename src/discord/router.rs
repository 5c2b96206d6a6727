//! Button presses go to the command that posted the button. Each command module declares the custom-id
//! prefix of its buttons and the function that handles a press as a [`ButtonRoute`]; the list of routes is
//! handed to [`route`], which knows no command.

use std::future::Future;
use std::pin::Pin;

use serenity::all::{ComponentInteraction, Context as SerenityContext};

use super::types::Data;

/// The work of handling one press.
pub type Handling<'a> = Pin<Box<dyn Future<Output = ()> + Send + 'a>>;

/// The buttons whose custom id starts with `prefix`, and what handles a press of one.
#[derive(Clone, Copy)]
pub struct ButtonRoute {
    pub prefix: &'static str,
    pub handle: for<'a> fn(&'a SerenityContext, &'a Data, &'a ComponentInteraction) -> Handling<'a>,
}

/// Hands a press to the route whose prefix its custom id starts with; a press of a button no route
/// claims (from an older version of Usher, say) is ignored.
pub async fn route(
    routes: &[ButtonRoute],
    ctx: &SerenityContext,
    data: &Data,
    press: &ComponentInteraction,
) {
    if let Some(route) = routes
        .iter()
        .find(|r| press.data.custom_id.starts_with(r.prefix))
    {
        (route.handle)(ctx, data, press).await;
    }
}
