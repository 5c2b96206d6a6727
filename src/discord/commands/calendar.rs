//! `/calendar`: the programme, one session, or one's own agenda, as a calendar file to add to one's own
//! calendar app.

use serde_json::json;
use serenity::all::{AutocompleteChoice, CreateAttachment, CreateAutocompleteResponse};
use tracing::warn;

use crate::calendar::{self, Version};
use crate::discord::limits::{self, fit};
use crate::discord::reply::Reply;
use crate::discord::respond;
use crate::discord::retry::retrying;
use crate::discord::types::{Context, Data, Error};
use crate::knowledge;

/// Offers the sessions with a time whose title has what was typed so far; each fills in its id.
#[allow(
    clippy::unused_async,
    reason = "poise calls autocomplete callbacks as async functions"
)]
async fn sessions(ctx: Context<'_>, partial: &str) -> CreateAutocompleteResponse {
    let engine = ctx.data().engine.load();
    let typed = partial.trim().to_lowercase();
    let choices = engine
        .knowledge()
        .sessions()
        .iter()
        .filter(|s| s.start.is_some() && s.title.to_lowercase().contains(&typed))
        .take(limits::AUTOCOMPLETE_CHOICES)
        .map(|s| AutocompleteChoice::new(fit(&s.title, limits::AUTOCOMPLETE_CHOICE), s.id.clone()))
        .collect();
    CreateAutocompleteResponse::new().set_choices(choices)
}

/// Which sessions a calendar file holds.
enum Choice<'a> {
    Programme,
    /// One session, by id or by its exact title (typed without picking a suggestion).
    Session(&'a str),
    /// The sessions on a participant's agenda, by id.
    Agenda(Vec<String>),
}

/// The calendar file's text and name, or what to tell the participant instead.
fn calendar_file(data: &Data, choice: &Choice<'_>) -> Result<(String, String), String> {
    let engine = data.engine.load();
    let knowledge = engine.knowledge();
    let (calendar, name) = match choice {
        Choice::Agenda(ids) => {
            let calendar = calendar::of_sessions(knowledge, ids);
            // A calendar file must hold at least one event (RFC 5545, section 3.6).
            if calendar.entries.is_empty() {
                return Err(
                    "Your agenda has no session with a time yet. Press **Remind me** under an answer \
                     about a session, or use `/remind`, to add one."
                        .to_string(),
                );
            }
            (calendar, format!("{}-agenda", knowledge.event.id))
        }
        Choice::Programme | Choice::Session(_) => {
            let session = match choice {
                Choice::Session(wanted) => Some(
                    knowledge
                        .sessions()
                        .iter()
                        .find(|s| s.id == *wanted || s.title.eq_ignore_ascii_case(wanted.trim()))
                        .map_or_else(|| (*wanted).to_string(), |s| s.id.clone()),
                ),
                _ => None,
            };
            let calendar =
                calendar::from_knowledge(knowledge, session.as_deref()).map_err(|e| match e {
                    calendar::CalendarError::UnknownSession(_) => {
                        "There is no such session; pick one of the suggestions while typing."
                            .to_string()
                    }
                    calendar::CalendarError::Untimed(_) => {
                        "That session has no time yet, so it cannot go in a calendar.".to_string()
                    }
                })?;
            let name = session.unwrap_or_else(|| knowledge.event.id.clone());
            (calendar, name)
        }
    };
    // The files' times: the same knowledge gives the same file. Without readable files (knowledge given
    // to the bot in memory) the event's start stands in, which is as stable.
    let changed = knowledge::changed_at(&data.config.knowledge_dir)
        .unwrap_or_else(|_| knowledge.event.start.timestamp());
    let text = calendar::write(&calendar, Version { changed });
    Ok((text, format!("{name}.ics")))
}

/// The programme as a calendar file for your calendar app, or one session's, or your agenda's.
#[poise::command(slash_command, check = "crate::discord::checks::not_too_fast")]
pub async fn calendar(
    ctx: Context<'_>,
    #[description = "Only this session (leave empty for the whole programme)"]
    #[autocomplete = "sessions"]
    session: Option<String>,
    #[description = "True for only the sessions on your agenda"] agenda: Option<bool>,
) -> Result<(), Error> {
    let choice = match (session.as_deref(), agenda == Some(true)) {
        (Some(_), true) => {
            return respond::privately(ctx, "Choose one session or your agenda, not both.").await;
        }
        (Some(session), false) => Choice::Session(session),
        (None, false) => Choice::Programme,
        (None, true) => {
            let user = ctx.author().id.get();
            match ctx.data().store.run(move |s| s.agenda_of(user)).await {
                Ok(entries) => Choice::Agenda(entries.into_iter().map(|e| e.session).collect()),
                Err(err) => {
                    warn!("could not read an agenda: {err}");
                    return respond::privately(
                        ctx,
                        "I could not read your agenda just now; please try again.",
                    )
                    .await;
                }
            }
        }
    };
    match calendar_file(ctx.data(), &choice) {
        Ok((text, name)) => {
            let count = text.matches("BEGIN:VEVENT").count();
            let content =
                format!("{count} event(s) for your calendar app: open the file, or import it.");
            let poise::Context::Application(app) = ctx else {
                // Registered as a slash command only, so always an application context.
                return respond::privately(ctx, &content).await;
            };
            // serenity's builders send a new attachment's id as the number 0; Discord's API description
            // asks for a string snowflake, so this one response is written by hand: ephemeral (64), no
            // pings, the file as the first upload.
            let body = json!({
                "type": 4,
                "data": {
                    "content": content,
                    "flags": 64,
                    "allowed_mentions": {"parse": []},
                    "attachments": [{"id": "0", "filename": name}],
                },
            });
            let interaction = app.interaction;
            retrying(|| {
                ctx.http().create_interaction_response(
                    interaction.id,
                    &interaction.token,
                    &body,
                    vec![CreateAttachment::bytes(
                        text.clone().into_bytes(),
                        name.clone(),
                    )],
                )
            })
            .await?;
            Ok(())
        }
        Err(why) => respond::send(ctx, &Reply::text(&why).ephemeral(true)).await,
    }
}
