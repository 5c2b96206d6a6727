//! A participant's agenda: the "Remind me" button under answers about sessions, `/remind`, and `/agenda`
//! to list, remove and clear. Each change to an agenda brings that participant's direct-message reminders
//! in line at once (in the store, through the same reconciliation the scheduler uses) and wakes the one
//! announcement loop, which sends them.

use serenity::all::{
    AutocompleteChoice, ComponentInteraction, Context as SerenityContext,
    CreateAutocompleteResponse, CreateInteractionResponse,
};
use tracing::warn;

use crate::discord::errors::describe;
use crate::discord::limits::{self, fit};
use crate::discord::pipeline;
use crate::discord::reply::{Button, REMIND_BUTTON, Reply};
use crate::discord::respond;
use crate::discord::retry::retrying;
use crate::discord::router::{ButtonRoute, Handling};
use crate::discord::scheduler::sync_agenda;
use crate::discord::types::{Context, Data, Error};
use crate::knowledge::Knowledge;
use crate::schedule::agenda::offset_phrase;

/// The prefix of an agenda listing's "Remove" button; the rest is the session id.
const UNREMIND_BUTTON: &str = "usher:unremind:";

/// "Remind me" under an answer about a session.
pub const REMIND_BUTTONS: ButtonRoute = ButtonRoute {
    prefix: REMIND_BUTTON,
    handle: on_remind_press,
};

/// "Remove" beside a session in `/agenda`.
pub const UNREMIND_BUTTONS: ButtonRoute = ButtonRoute {
    prefix: UNREMIND_BUTTON,
    handle: on_unremind_press,
};

/// What was done to an agenda, in words for the participant.
async fn change(data: &Data, user: u64, session: &str, add: bool) -> String {
    let knowledge = pipeline::knowledge(data);
    let Some(found) = knowledge.sessions().iter().find(|s| s.id == session) else {
        return "That session is no longer in the programme.".to_owned();
    };
    let title = found.title.clone();
    let start = found.start.as_ref().map(jiff::ZonedDateTime::timestamp);
    let now = data.now();
    let config = data.config.clone();
    let id = session.to_owned();
    let changed = data
        .store
        .run(move |s| {
            let changed = if add {
                s.add_to_agenda(user, &id, now)?
            } else {
                s.remove_from_agenda(user, &id)?
            };
            sync_agenda(s, &knowledge, &config, user, now)?;
            let told = s.take_refusal_notice(user, now)?;
            Ok((changed, told))
        })
        .await;
    let (changed, refused) = match changed {
        Ok(outcome) => outcome,
        Err(err) => {
            warn!("could not change an agenda: {err}");
            return "I could not change your agenda just now; please try again.".to_owned();
        }
    };
    data.scheduler.notify_one();
    let minutes = data.config.announcements.agenda_reminder_minutes;
    let mut text = if refused {
        refusal_notice()
    } else {
        String::new()
    };
    text.push_str(&match (add, changed, start) {
        (true, _, Some(start)) => format!(
            "**{title}** is on your agenda. I will send you a direct message {} before it starts \
             (<t:{}:F>). `/agenda` lists your sessions.",
            offset_phrase(minutes),
            start.as_second()
        ),
        (true, _, None) => format!(
            "**{title}** is on your agenda. It has no set time yet; I will remind you once it has one."
        ),
        (false, true, _) => format!("**{title}** is off your agenda, and its reminder cancelled."),
        (false, false, _) => format!("**{title}** was not on your agenda."),
    });
    text
}

/// What a participant whose direct messages were refused is told, once.
fn refusal_notice() -> String {
    "I could not send you a reminder: Discord refused my direct message (your direct messages are \
     closed to this server). Allow direct messages from server members in this server's privacy \
     settings to get them.\n"
        .to_owned()
}

/// Sessions whose title contains what has been typed, as (title, id) choices.
#[allow(
    clippy::unused_async,
    reason = "poise calls autocomplete callbacks as async functions"
)]
async fn suggest_session(ctx: Context<'_>, partial: &str) -> CreateAutocompleteResponse {
    let knowledge = pipeline::knowledge(ctx.data());
    let wanted = partial.to_lowercase();
    let choices = knowledge
        .sessions()
        .iter()
        .filter(|s| s.start.is_some() && s.title.to_lowercase().contains(&wanted))
        .take(limits::AUTOCOMPLETE_CHOICES)
        .map(|s| AutocompleteChoice::new(fit(&s.title, limits::AUTOCOMPLETE_CHOICE), s.id.clone()))
        .collect();
    CreateAutocompleteResponse::new().set_choices(choices)
}

/// The session a `/remind` option names: its id (what autocomplete fills in) or its title.
fn session_named<'k>(knowledge: &'k Knowledge, named: &str) -> Option<&'k str> {
    let sessions = knowledge.sessions();
    sessions
        .iter()
        .find(|s| s.id == named)
        .or_else(|| {
            sessions
                .iter()
                .find(|s| s.title.eq_ignore_ascii_case(named.trim()))
        })
        .map(|s| s.id.as_str())
}

/// Sends you a direct message before a session starts.
#[poise::command(slash_command, check = "crate::discord::checks::not_too_fast")]
pub async fn remind(
    ctx: Context<'_>,
    #[description = "The session, as you start typing its title"]
    #[autocomplete = "suggest_session"]
    session: String,
) -> Result<(), Error> {
    let data = ctx.data();
    let knowledge = pipeline::knowledge(data);
    let Some(id) = session_named(&knowledge, &session).map(str::to_owned) else {
        return respond::privately(
            ctx,
            "There is no such session in the programme; pick one from the list as you type.",
        )
        .await;
    };
    ctx.defer_ephemeral().await?;
    let text = change(data, ctx.author().id.get(), &id, true).await;
    respond::privately(ctx, &text).await
}

/// Your agenda: the sessions you will be reminded of, each with a button to remove it.
#[poise::command(slash_command, check = "crate::discord::checks::not_too_fast")]
pub async fn agenda(
    ctx: Context<'_>,
    #[description = "True to delete your agenda and everything Usher keeps about you for it"]
    clear: Option<bool>,
) -> Result<(), Error> {
    ctx.defer_ephemeral().await?;
    let data = ctx.data();
    let user = ctx.author().id.get();
    let now = data.now();
    if clear == Some(true) {
        let cleared = data.store.run(move |s| s.clear_agenda(user)).await;
        data.scheduler.notify_one();
        let text = match cleared {
            Ok(n) => format!(
                "Your agenda is cleared ({n} session{}), with its reminders. Usher keeps nothing about \
                 you now.",
                if n == 1 { "" } else { "s" }
            ),
            Err(err) => {
                warn!("could not clear an agenda: {err}");
                "I could not clear your agenda just now; please try again.".to_owned()
            }
        };
        return respond::privately(ctx, &text).await;
    }
    let read = data
        .store
        .run(move |s| Ok((s.agenda_of(user)?, s.take_refusal_notice(user, now)?)))
        .await;
    let (entries, refused) = match read {
        Ok(read) => read,
        Err(err) => {
            warn!("could not read an agenda: {err}");
            return respond::privately(
                ctx,
                "I could not read your agenda just now; please try again.",
            )
            .await;
        }
    };
    let knowledge = pipeline::knowledge(data);
    let mut text = if refused {
        refusal_notice()
    } else {
        String::new()
    };
    if entries.is_empty() {
        text.push_str(
            "Your agenda is empty. Press **Remind me** under an answer about a session, or use \
             `/remind`, and I will send you a direct message before it starts.",
        );
        return respond::privately(ctx, &text).await;
    }
    text.push_str("Your agenda:\n");
    let mut buttons = Vec::new();
    for entry in &entries {
        match knowledge.sessions().iter().find(|s| s.id == entry.session) {
            Some(session) => {
                let when = session.start.as_ref().map_or_else(
                    || "no set time yet".to_owned(),
                    |s| format!("<t:{}:F>", s.timestamp().as_second()),
                );
                let room = session
                    .room
                    .map(|r| format!(", {}", knowledge.room_name(r)))
                    .unwrap_or_default();
                text.push_str(&format!("- **{}**, {when}{room}\n", session.title));
                let custom_id = format!("{UNREMIND_BUTTON}{}", session.id);
                if custom_id.chars().count() <= limits::CUSTOM_ID {
                    buttons.push(Button {
                        custom_id,
                        label: fit(&format!("Remove {}", session.title), limits::BUTTON_LABEL),
                    });
                }
            }
            None => text.push_str(&format!(
                "- `{}`: no longer in the programme\n",
                entry.session
            )),
        }
    }
    text.push_str(
        "`/calendar agenda:True` gives you these sessions as a file for your calendar app.\n",
    );
    text.push_str(&format!(
        "Usher keeps your Discord user id and these sessions until you use `/agenda clear:True`, or \
         until {} days after the event.",
        data.config.announcements.agenda_retention_days
    ));
    let mut reply = Reply::text(&text).ephemeral(true);
    reply.buttons = buttons;
    respond::send(ctx, &reply).await
}

fn on_remind_press<'a>(
    ctx: &'a SerenityContext,
    data: &'a Data,
    press: &'a ComponentInteraction,
) -> Handling<'a> {
    Box::pin(press_changes_agenda(ctx, data, press, REMIND_BUTTON, true))
}

fn on_unremind_press<'a>(
    ctx: &'a SerenityContext,
    data: &'a Data,
    press: &'a ComponentInteraction,
) -> Handling<'a> {
    Box::pin(press_changes_agenda(
        ctx,
        data,
        press,
        UNREMIND_BUTTON,
        false,
    ))
}

/// Adds or removes the session a button names, and tells the presser privately.
async fn press_changes_agenda(
    ctx: &SerenityContext,
    data: &Data,
    press: &ComponentInteraction,
    prefix: &str,
    add: bool,
) {
    let Some(session) = press.data.custom_id.strip_prefix(prefix) else {
        return;
    };
    let text = change(data, press.user.id.get(), session, add).await;
    let response =
        CreateInteractionResponse::Message(Reply::text(&text).ephemeral(true).to_interaction());
    let answered = retrying(|| press.create_response(&ctx.http, response.clone())).await;
    if let Err(err) = answered {
        warn!(channel = %press.channel_id, "could not answer an agenda button: {}", describe(&err));
    }
}
