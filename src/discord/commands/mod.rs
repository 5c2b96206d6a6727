//! Usher's slash commands, one file per feature. [`all`] lists them for registration, and [`BUTTONS`]
//! the buttons they post, each handled by the command that posted it.

mod agenda;
mod announce;
mod ask;
mod calendar;
mod facets;
mod feedback;
mod help;
pub(crate) mod maintain;
mod programme;

use super::router::ButtonRoute;
use super::types::{Data, Error};

/// Every kind of button Usher posts: the suggestion, More, reminder and vote buttons under answers, the
/// "Show more" under a list cut short, the agenda's, and the announcement preview's.
pub const BUTTONS: &[ButtonRoute] = &[
    facets::TOPIC_BUTTONS,
    facets::MORE_BUTTONS,
    programme::MORE_SESSIONS_BUTTONS,
    announce::PREVIEW_BUTTONS,
    agenda::REMIND_BUTTONS,
    agenda::UNREMIND_BUTTONS,
    feedback::VOTE_UP_BUTTONS,
    feedback::VOTE_DOWN_BUTTONS,
];

/// Every command Usher registers.
pub fn all() -> Vec<poise::Command<Data, Error>> {
    vec![
        ask::ask(),
        facets::when(),
        facets::r#where(),
        programme::programme(),
        facets::speakers(),
        facets::findings(),
        facets::about(),
        calendar::calendar(),
        agenda::remind(),
        agenda::agenda(),
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
