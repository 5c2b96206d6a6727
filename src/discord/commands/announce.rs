//! Announcements for organisers: `/announce` (with a preview to confirm), `/announcements`,
//! `/announce-cancel` and `/announce-edit`. Posting itself is the scheduler's job, so a post made now and
//! one scheduled for later go through the same exactly-once path.

use std::fmt::Write as _;

use jiff::SignedDuration;
use serenity::all::{
    ButtonStyle, ChannelId, ComponentInteraction, Context as SerenityContext, CreateActionRow,
    CreateButton, CreateInteractionResponse, CreateInteractionResponseMessage,
    EditInteractionResponse, RoleId,
};
use tracing::{info, warn};

use crate::discord::announcement::{edit_posted, embed, marker_of};
use crate::discord::checks::holds_any;
use crate::discord::drafts::{DRAFT_LIFETIME, Draft, NotYours};
use crate::discord::errors::describe;
use crate::discord::limits::{self, fit};
use crate::discord::lock::lock;
use crate::discord::pipeline;
use crate::discord::reply::{Reply, no_mentions};
use crate::discord::respond;
use crate::discord::retry::retrying;
use crate::discord::router::{ButtonRoute, Handling};
use crate::discord::types::{Context, Data, Error};
use crate::schedule::{self, Announcement, AnnouncementId, Ping, Source, Status, check_text};
use crate::store::{Inserted, NewAnnouncement};

/// The custom-id prefix of the preview's buttons.
const BUTTON: &str = "usher:announce:";

/// The preview's Confirm and Cancel buttons.
pub const PREVIEW_BUTTONS: ButtonRoute = ButtonRoute {
    prefix: BUTTON,
    handle: on_press,
};

/// Post an announcement now or at a set time (organisers only). You see a preview first.
#[poise::command(
    slash_command,
    guild_only,
    default_member_permissions = "MANAGE_MESSAGES",
    check = "crate::discord::checks::organiser"
)]
pub async fn announce(
    ctx: Context<'_>,
    #[description = "What to announce"] text: String,
    #[description = "When, in the event's time zone: 2015-04-30 13:45, 13:45, in 20 minutes (default: now)"]
    at: Option<String>,
    #[description = "A role to ping (default: nobody)"] ping: Option<RoleId>,
    #[description = "Post here instead of the announcements channel"] channel: Option<ChannelId>,
) -> Result<(), Error> {
    let data = ctx.data();
    let text = match check_text(&text) {
        Ok(text) => text,
        Err(problem) => return respond::privately(ctx, &problem).await,
    };
    let now = data.now();
    let due = match at.as_deref().map(str::trim).filter(|a| !a.is_empty()) {
        None => None,
        Some(when) => match schedule::parse_when(when, now, &pipeline::time_zone(data)) {
            Ok(due) => Some(due),
            Err(err) => return respond::privately(ctx, &format!("{err}.")).await,
        },
    };
    // `@everyone` is the guild's own role id; pinging it is opt-in for the whole installation.
    let ping = match ping {
        None => Ping::None,
        Some(role) if Some(role.get()) == ctx.guild_id().map(serenity::all::GuildId::get) => {
            if !data.config.discord.allow_everyone_ping {
                return respond::privately(
                    ctx,
                    "Pinging @everyone is turned off (`allow_everyone_ping` in config/usher.toml).",
                )
                .await;
            }
            Ping::Everyone
        }
        Some(role) => Ping::Role(role.get()),
    };
    let channel = channel.map(ChannelId::get);
    let discord = &data.config.discord;
    if let Some(named) = channel
        && discord.announcement_channel != Some(named)
        && !discord.extra_announcement_channels.contains(&named)
    {
        return respond::privately(
            ctx,
            &format!(
                "Announcements may go only to the announcement channel or to a channel listed in \
                 `extra_announcement_channels` in config/usher.toml, and <#{named}> is neither."
            ),
        )
        .await;
    }
    let Some(target) = channel.or(discord.announcement_channel) else {
        return respond::privately(
            ctx,
            "No announcement channel is configured (`announcement_channel` in config/usher.toml); name a channel.",
        )
        .await;
    };
    let draft = Draft {
        shown: data.instant(),
        author: ctx.author().id.get(),
        author_name: ctx.author().name.clone(),
        text,
        due,
        channel,
        ping,
    };
    let preview = preview_announcement(&draft, now);
    let preview_embed = embed(&preview, &marker_of(&preview, &pipeline::event_title(data)));
    let draft_id = lock(&data.drafts).add(draft, data.instant());
    let when = match due {
        Some(due) => format!("scheduled for <t:{0}:F> (<t:{0}:R>)", due.as_second()),
        None => "posted now".to_string(),
    };
    let pings = match ping {
        Ping::None => "It pings no one".to_string(),
        Ping::Role(role) => format!("It pings <@&{role}>"),
        Ping::Everyone => "It pings @everyone".to_string(),
    };
    let intro = format!("Preview: this will be {when} in <#{target}>. {pings}. Confirm?");
    let mut reply = poise::CreateReply::default()
        .content(intro)
        .allowed_mentions(no_mentions())
        .ephemeral(true)
        .components(vec![CreateActionRow::Buttons(vec![
            CreateButton::new(format!("{BUTTON}confirm:{draft_id}"))
                .label("Confirm")
                .style(ButtonStyle::Success),
            CreateButton::new(format!("{BUTTON}cancel:{draft_id}"))
                .label("Cancel")
                .style(ButtonStyle::Secondary),
        ])]);
    reply = reply.embed(preview_embed);
    ctx.send(reply).await?;
    Ok(())
}

/// A draft as the announcement it will become, for the preview.
fn preview_announcement(draft: &Draft, now: jiff::Timestamp) -> Announcement {
    Announcement {
        id: AnnouncementId(0),
        key: String::new(),
        text: draft.text.clone(),
        channel: draft.channel,
        recipient: None,
        ping: draft.ping,
        due_at: draft.due.unwrap_or(now),
        created_by: draft.author_name.clone(),
        created_at: now,
        source: Source::Manual,
        status: Status::Scheduled,
        target: None,
    }
}

fn on_press<'a>(
    ctx: &'a SerenityContext,
    data: &'a Data,
    press: &'a ComponentInteraction,
) -> Handling<'a> {
    Box::pin(answer_press(ctx, data, press))
}

/// Handles the preview's Confirm and Cancel buttons. What needs only memory is answered at once; a
/// confirmation, which writes to the store, is acknowledged first and answered when it is saved, so that
/// Discord's three seconds are never at risk and a confirmation never goes unanswered after saving.
async fn answer_press(ctx: &SerenityContext, data: &Data, press: &ComponentInteraction) {
    let Some(rest) = press.data.custom_id.strip_prefix(BUTTON) else {
        return;
    };
    let (verb, id) = rest.split_once(':').unwrap_or((rest, ""));
    let draft_id: u64 = id.parse().unwrap_or(u64::MAX);
    let answered = match take_confirmed(data, press, verb, draft_id) {
        Err(Answer::Update(text)) => {
            let response = CreateInteractionResponse::UpdateMessage(
                CreateInteractionResponseMessage::new()
                    .content(fit(&text, limits::MESSAGE_CONTENT))
                    .allowed_mentions(no_mentions())
                    .components(Vec::new())
                    .embeds(Vec::new()),
            );
            retrying(|| press.create_response(&ctx.http, response.clone())).await
        }
        Err(Answer::Privately(text)) => {
            let response = CreateInteractionResponse::Message(
                Reply::text(&text).ephemeral(true).to_interaction(),
            );
            retrying(|| press.create_response(&ctx.http, response.clone())).await
        }
        Ok(draft) => {
            let acknowledged = retrying(|| {
                press.create_response(&ctx.http, CreateInteractionResponse::Acknowledge)
            })
            .await;
            let text = save(data, draft).await;
            let edit = EditInteractionResponse::new()
                .content(fit(&text, limits::MESSAGE_CONTENT))
                .allowed_mentions(no_mentions())
                .components(Vec::new())
                .embeds(Vec::new());
            match acknowledged {
                Ok(()) => retrying(|| press.edit_response(&ctx.http, edit.clone()))
                    .await
                    .map(|_| ()),
                Err(err) => Err(err),
            }
        }
    };
    if let Err(err) = answered {
        warn!(
            "could not answer an announcement button: {}",
            describe(&err)
        );
    }
}

/// How a press that saves nothing is answered.
enum Answer {
    /// In place of the preview.
    Update(String),
    /// In a private message of its own, leaving the preview (and what it says now) as it is.
    Privately(String),
}

/// The draft a press confirms, or how to answer a press that confirms nothing.
fn take_confirmed(
    data: &Data,
    press: &ComponentInteraction,
    verb: &str,
    draft_id: u64,
) -> Result<Draft, Answer> {
    let taken = lock(&data.drafts).take(draft_id, press.user.id.get(), data.instant());
    let draft = match taken {
        Ok(draft) => draft,
        Err(NotYours::OtherAuthor) => {
            return Err(Answer::Update(
                "Only the organiser who wrote this announcement can confirm it.".to_string(),
            ));
        }
        Err(NotYours::Answered) => {
            return Err(Answer::Privately(
                "This preview was already answered; nothing new is posted. /announcements lists what is scheduled."
                    .to_string(),
            ));
        }
        Err(NotYours::Gone) => {
            return Err(Answer::Update(
                "This preview has expired; run /announce again.".to_string(),
            ));
        }
    };
    if verb != "confirm" {
        return Err(Answer::Update("Cancelled: nothing was posted.".to_string()));
    }
    // The role is checked again: it may have been taken away since the preview.
    let held: Vec<u64> = press
        .member
        .as_ref()
        .map(|m| m.roles.iter().map(|r| r.get()).collect())
        .unwrap_or_default();
    if !holds_any(&held, &data.config.discord.organiser_roles) {
        return Err(Answer::Update("Only organisers may announce.".to_string()));
    }
    Ok(draft)
}

/// Schedules a confirmed draft, unless the same announcement was confirmed a moment ago (the organiser
/// retried a confirmation that seemed to fail): then nothing new is scheduled, and the organiser is told.
async fn save(data: &Data, draft: Draft) -> String {
    let now = data.now();
    let new = NewAnnouncement {
        text: draft.text,
        channel: draft.channel,
        ping: draft.ping,
        due_at: draft.due.unwrap_or(now),
        created_by: draft.author_name,
    };
    let window = SignedDuration::try_from(DRAFT_LIFETIME).unwrap_or(SignedDuration::ZERO);
    match data
        .store
        .run(move |s| s.insert_unless_repeated(&new, now, window))
        .await
    {
        Ok(Inserted::New(a)) => {
            data.scheduler.notify_one();
            info!(announcement = %a.id, by = %a.created_by, due = %a.due_at, "announcement created");
            match draft.due {
                Some(due) => format!(
                    "Announcement #{} is scheduled for <t:{1}:F> (<t:{1}:R>).",
                    a.id,
                    due.as_second()
                ),
                None => format!("Announcement #{} is being posted.", a.id),
            }
        }
        Ok(Inserted::Repeated(a)) => format!(
            "This is announcement #{}, confirmed <t:{}:R>; nothing new was posted. To post it again, \
             change its text.",
            a.id,
            a.created_at.as_second()
        ),
        Err(err) => format!("Could not save the announcement: {err}"),
    }
}

/// Upcoming and recent announcements, with their ids (organisers only).
#[poise::command(
    slash_command,
    guild_only,
    default_member_permissions = "MANAGE_MESSAGES",
    check = "crate::discord::checks::organiser"
)]
pub async fn announcements(ctx: Context<'_>) -> Result<(), Error> {
    // Reading the store comes before the answer: defer, so Discord's three seconds are never at risk.
    ctx.defer_ephemeral().await?;
    let (upcoming, recent) = ctx
        .data()
        .store
        .run(|s| Ok((s.list_upcoming()?, s.list_recent(10)?)))
        .await?;
    // Messages to participants (agenda reminders, change notices) are theirs, not organisers' to read:
    // only their number is shown.
    let personal = upcoming.iter().filter(|a| a.recipient.is_some()).count();
    let upcoming: Vec<Announcement> = upcoming
        .into_iter()
        .filter(|a| a.recipient.is_none())
        .collect();
    let recent: Vec<Announcement> = recent
        .into_iter()
        .filter(|a| a.recipient.is_none())
        .collect();
    let mut text = String::new();
    if personal > 0 {
        let _ = writeln!(
            text,
            "{personal} direct message{} to participants (agenda reminders, programme changes) pending.",
            if personal == 1 { "" } else { "s" }
        );
    }
    if upcoming.is_empty() {
        text.push_str("Nothing is scheduled.\n");
    } else {
        text.push_str("Upcoming:\n");
        for a in &upcoming {
            let _ = writeln!(text, "{}", line(a));
        }
    }
    let recent: Vec<&Announcement> = recent.iter().filter(|a| a.status.is_final()).collect();
    if !recent.is_empty() {
        text.push_str("Recent:\n");
        for a in recent {
            let _ = writeln!(text, "{}", line(a));
        }
    }
    respond::privately(ctx, &text).await
}

/// One announcement on one line: "#3 scheduled <t:..:f> (manual): text", and for a missed one, why.
fn line(a: &Announcement) -> String {
    let why = match &a.status {
        Status::Missed { reason, .. } => format!(" \u{2014} not posted: {reason}"),
        _ => String::new(),
    };
    format!(
        "#{} {} <t:{}:f> ({}): {}{why}",
        a.id,
        a.status.name(),
        a.due_at.as_second(),
        a.source.as_str(),
        fit(&a.text, 80)
    )
}

/// Cancel a scheduled announcement (organisers only).
#[poise::command(
    slash_command,
    guild_only,
    rename = "announce-cancel",
    default_member_permissions = "MANAGE_MESSAGES",
    check = "crate::discord::checks::organiser"
)]
pub async fn announce_cancel(
    ctx: Context<'_>,
    #[description = "The announcement's number, from /announcements"] id: i64,
) -> Result<(), Error> {
    // Writing to the store comes before the answer: defer, so Discord's three seconds are never at risk.
    ctx.defer_ephemeral().await?;
    let data = ctx.data();
    let by = ctx.author().name.clone();
    let now = data.now();
    let text = match data
        .store
        .run(move |s| s.cancel(AnnouncementId(id), &by, now))
        .await
    {
        Ok(a) => {
            data.scheduler.notify_one();
            info!(announcement = %a.id, "announcement cancelled");
            format!(
                "Announcement #{} is cancelled; it will not be posted.",
                a.id
            )
        }
        Err(err) => format!("Could not cancel: {err}."),
    };
    respond::privately(ctx, &text).await
}

/// Change an announcement's text; a posted one is updated on Discord too (organisers only).
#[poise::command(
    slash_command,
    guild_only,
    rename = "announce-edit",
    default_member_permissions = "MANAGE_MESSAGES",
    check = "crate::discord::checks::organiser"
)]
pub async fn announce_edit(
    ctx: Context<'_>,
    #[description = "The announcement's number, from /announcements"] id: i64,
    #[description = "The new text"] text: String,
) -> Result<(), Error> {
    // Editing the posted message is a round trip to Discord before the reply: defer, so the three
    // seconds Discord waits for a first response are never at risk.
    ctx.defer_ephemeral().await?;
    let data = ctx.data();
    let text = match check_text(&text) {
        Ok(text) => text,
        Err(problem) => return respond::privately(ctx, &problem).await,
    };
    let by = ctx.author().name.clone();
    let now = data.now();
    let id = AnnouncementId(id);
    let edited = data
        .store
        .run(move |s| {
            let message = s.edit_text(id, &text, &by, now)?;
            Ok((message, s.get(id)?))
        })
        .await;
    let reply = match edited {
        Ok((Some(message_id), Some(a))) => {
            let marker = marker_of(&a, &pipeline::event_title(data));
            let channel = a
                .target
                .as_ref()
                .map(|t| t.channel)
                .or(a.channel)
                .or(data.config.discord.announcement_channel);
            match channel {
                Some(channel) => {
                    match edit_posted(ctx.http(), channel, message_id, &a, &marker).await {
                        Ok(_) => format!("Announcement #{id} is updated, on Discord too."),
                        Err(err) => format!(
                            "Announcement #{id} is updated here, but its message could not be edited: {}",
                            describe(&err)
                        ),
                    }
                }
                None => format!(
                    "Announcement #{id} is updated here; no announcement channel is configured, so its message was not edited."
                ),
            }
        }
        Ok(_) => {
            data.scheduler.notify_one();
            format!("Announcement #{id} is updated.")
        }
        Err(err) => format!("Could not edit: {err}."),
    };
    respond::privately(ctx, &reply).await
}
