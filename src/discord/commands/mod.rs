//! Usher's slash commands, one file per feature. [`all`] lists them for registration.

mod announce;
mod ask;
mod facets;
mod help;
pub(crate) mod maintain;

pub use announce::{BUTTON as ANNOUNCE_BUTTON, on_press as on_announce_press};

use super::types::{Data, Error};

/// Every command Usher registers.
pub fn all() -> Vec<poise::Command<Data, Error>> {
    vec![
        ask::ask(),
        facets::when(),
        facets::r#where(),
        facets::programme(),
        facets::speakers(),
        facets::findings(),
        facets::about(),
        help::help(),
        announce::announce(),
        announce::announcements(),
        announce::announce_cancel(),
        announce::announce_edit(),
        maintain::reload(),
        maintain::status(),
        maintain::gaps(),
    ]
}

/// The command list as the JSON body Discord's registration endpoints take. Permission sets are sent as
/// integers, as Discord's `OpenAPI` description of the request requires; serenity writes them as strings.
pub fn registration_body(
    commands: &[poise::Command<Data, Error>],
) -> Result<serde_json::Value, serde_json::Error> {
    let mut body = serde_json::to_value(poise::builtins::create_application_commands(commands))?;
    for command in body.as_array_mut().into_iter().flatten() {
        if let Some(permissions) = command.get_mut("default_member_permissions")
            && let Some(number) = permissions.as_str().and_then(|s| s.parse::<u64>().ok())
        {
            *permissions = serde_json::Value::from(number);
        }
    }
    Ok(body)
}

/// Registers the commands in each of `guilds` (they appear at once), or globally when there are none.
pub async fn register(
    http: &serenity::all::Http,
    commands: &[poise::Command<Data, Error>],
    guilds: &[serenity::all::GuildId],
) -> Result<(), Error> {
    let body = registration_body(commands)?;
    if guilds.is_empty() {
        http.create_global_commands(&body).await?;
    } else {
        for guild in guilds {
            http.create_guild_commands(*guild, &body).await?;
        }
    }
    Ok(())
}

/// An autocomplete response offering each label (at most Discord's 25), as both what is shown and what
/// is filled in: a label is itself a question Usher answers.
pub(crate) fn choices(
    labels: impl IntoIterator<Item = String>,
) -> serenity::all::CreateAutocompleteResponse {
    use crate::discord::limits::{self, fit};
    let choices = labels
        .into_iter()
        .take(limits::AUTOCOMPLETE_CHOICES)
        .map(|label| {
            let label = fit(&label, limits::AUTOCOMPLETE_CHOICE);
            serenity::all::AutocompleteChoice::new(label.clone(), label)
        })
        .collect();
    serenity::all::CreateAutocompleteResponse::new().set_choices(choices)
}
