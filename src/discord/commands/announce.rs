//! Announcements for organisers: `/announce` (with a preview to confirm), `/announcements`,
//! `/announce-cancel` and `/announce-edit`. Posting itself is the scheduler's job, so a post made now and
//! one scheduled for later go through the same exactly-once path.

use std::fmt::Write as _;
use std::sync::atomic::Ordering;
use std::time::{Duration, Instant};

use serenity::all::{
    ButtonStyle, ChannelId, ComponentInteraction, Context as SerenityContext, CreateActionRow,
    CreateButton, CreateInteractionResponse, CreateInteractionResponseMessage, RoleId,
};
use tracing::{info, warn};

use crate::discord::checks::{self, Role, holds_any};
use crate::discord::limits::{self, fit};
use crate::discord::reply::{Reply, no_mentions};
use crate::discord::scheduler::{edit_posted, embed, with_store};
use crate::discord::types::{Context, Data, Draft, Error};
use crate::schedule::{self, Announcement, AnnouncementId, Ping, Source, Status, check_text};
use crate::store::NewAnnouncement;

/// How long a preview waits for Confirm.
const DRAFT_LIFETIME: Duration = Duration::from_secs(15 * 60);

/// The custom-id prefix of the preview's buttons.
pub const BUTTON: &str = "usher:announce:";
/// Post an announcement now or at a set time (organisers only). You see a preview first.
#[poise::command(
    slash_command,
    guild_only,
    default_member_permissions = "MANAGE_MESSAGES"
)]
pub async fn announce(
    ctx: Context<'_>,
    #[description = "What to announce"] text: String,
    #[description = "When, in the event's time zone: 2015-04-30 13:45, 13:45, in 20 minutes (default: now)"]
    at: Option<String>,
    #[description = "A role to ping (default: nobody)"] ping: Option<RoleId>,
    #[description = "Post here instead of the announcements channel"] channel: Option<ChannelId>,
) -> Result<(), Error> {
    if !checks::require(ctx, Role::Organiser).await? {
        return Ok(());
    }
    let data = ctx.data();
    let refuse = |text: String| async move {
        ctx.send(Reply::text(&text).ephemeral(true).to_poise())
            .await
            .map(|_| ())
    };
    let text = match check_text(&text) {
        Ok(text) => text,
        Err(problem) => return Ok(refuse(problem).await?),
    };
    let now = data.now();
    let engine = data.engine.load();
    let due = match at.as_deref().map(str::trim).filter(|a| !a.is_empty()) {
        None => None,
        Some(when) => match schedule::parse_when(when, now, &engine.knowledge().event.time_zone) {
            Ok(due) => Some(due),
            Err(err) => return Ok(refuse(format!("{err}.")).await?),
        },
    };
    // `@everyone` is the guild's own role id; pinging it is opt-in for the whole installation.
    let ping = match ping {
        None => Ping::None,
        Some(role) if Some(role.get()) == ctx.guild_id().map(serenity::all::GuildId::get) => {
            if !data.config.discord.allow_everyone_ping {
                return Ok(refuse(
                    "Pinging @everyone is turned off (`allow_everyone_ping` in config/usher.toml)."
                        .to_string(),
                )
                .await?);
            }
            Ping::Everyone
        }
        Some(role) => Ping::Role(role.get()),
    };
    let channel = channel.map(ChannelId::get);
    let Some(target) = channel.or(data.config.discord.announcement_channel) else {
        return Ok(refuse(
            "No announcement channel is configured (`announcement_channel` in config/usher.toml); name a channel."
                .to_string(),
        )
        .await?);
    };
    let draft_id = data.next_draft.fetch_add(1, Ordering::Relaxed);
    let draft = Draft {
        shown: Instant::now(),
        author: ctx.author().id.get(),
        author_name: ctx.author().name.clone(),
        text,
        due,
        channel,
        ping,
    };
    let preview = preview_announcement(&draft, now);
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
    reply = reply.embed(embed(&preview, &engine.knowledge().event.title));
    {
        let mut drafts = data
            .drafts
            .lock()
            .map_err(|_| "the drafts are unavailable")?;
        // Previews nobody confirmed are forgotten, so the map does not grow without bound.
        drafts.retain(|_, d| d.shown.elapsed() < DRAFT_LIFETIME);
        drafts.insert(draft_id, draft);
    }
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
        ping: draft.ping,
        due_at: draft.due.unwrap_or(now),
        created_by: draft.author_name.clone(),
        created_at: now,
        source: Source::Manual,
        status: Status::Scheduled,
    }
}

/// Handles the preview's Confirm and Cancel buttons.
pub async fn on_press(ctx: &SerenityContext, data: &Data, press: &ComponentInteraction) {
    let Some(rest) = press.data.custom_id.strip_prefix(BUTTON) else {
        return;
    };
    let (verb, id) = rest.split_once(':').unwrap_or((rest, ""));
    let draft_id: u64 = id.parse().unwrap_or(u64::MAX);
    let text = decide(data, press, verb, draft_id).await;
    let response = CreateInteractionResponse::UpdateMessage(
        CreateInteractionResponseMessage::new()
            .content(fit(&text, limits::MESSAGE_CONTENT))
            .allowed_mentions(no_mentions())
            .components(Vec::new())
            .embeds(Vec::new()),
    );
    if let Err(err) = press.create_response(&ctx.http, response).await {
        warn!(
            "could not answer an announcement button: {}",
            crate::discord::events::describe(&err)
        );
    }
}

async fn decide(data: &Data, press: &ComponentInteraction, verb: &str, draft_id: u64) -> String {
    let draft = {
        let Ok(mut drafts) = data.drafts.lock() else {
            return "The drafts are unavailable; please try again.".to_string();
        };
        match drafts.get(&draft_id) {
            Some(d) if d.shown.elapsed() >= DRAFT_LIFETIME => {
                drafts.remove(&draft_id);
                None
            }
            Some(d) if d.author != press.user.id.get() => {
                return "Only the organiser who wrote this announcement can confirm it."
                    .to_string();
            }
            Some(_) => drafts.remove(&draft_id),
            None => None,
        }
    };
    let Some(draft) = draft else {
        return "This preview has expired; run /announce again.".to_string();
    };
    if verb != "confirm" {
        return "Cancelled: nothing was posted.".to_string();
    }
    // The role is checked again: it may have been taken away since the preview.
    let held: Vec<u64> = press
        .member
        .as_ref()
        .map(|m| m.roles.iter().map(|r| r.get()).collect())
        .unwrap_or_default();
    if !holds_any(&held, &data.config.discord.organiser_roles) {
        return "Only organisers may announce.".to_string();
    }
    let now = data.now();
    let new = NewAnnouncement {
        text: draft.text,
        channel: draft.channel,
        ping: draft.ping,
        due_at: draft.due.unwrap_or(now),
        created_by: draft.author_name,
    };
    match with_store(&data.store, move |s| s.insert(&new, now)).await {
        Ok(a) => {
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
        Err(err) => format!("Could not save the announcement: {err}"),
    }
}

/// Upcoming and recent announcements, with their ids (organisers only).
#[poise::command(
    slash_command,
    guild_only,
    default_member_permissions = "MANAGE_MESSAGES"
)]
pub async fn announcements(ctx: Context<'_>) -> Result<(), Error> {
    if !checks::require(ctx, Role::Organiser).await? {
        return Ok(());
    }
    let data = ctx.data();
    let (upcoming, recent) = with_store(&data.store, |s| {
        Ok((s.list_upcoming()?, s.list_recent(10)?))
    })
    .await?;
    let mut text = String::new();
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
    ctx.send(Reply::text(&text).ephemeral(true).to_poise())
        .await?;
    Ok(())
}

/// One announcement on one line: "#3 scheduled <t:..:f>: text".
fn line(a: &Announcement) -> String {
    format!(
        "#{} {} <t:{}:f> ({}): {}",
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
    default_member_permissions = "MANAGE_MESSAGES"
)]
pub async fn announce_cancel(
    ctx: Context<'_>,
    #[description = "The announcement's number, from /announcements"] id: i64,
) -> Result<(), Error> {
    if !checks::require(ctx, Role::Organiser).await? {
        return Ok(());
    }
    let data = ctx.data();
    let by = ctx.author().name.clone();
    let now = data.now();
    let text = match with_store(&data.store, move |s| s.cancel(AnnouncementId(id), &by, now)).await
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
    ctx.send(Reply::text(&text).ephemeral(true).to_poise())
        .await?;
    Ok(())
}

/// Change an announcement's text; a posted one is updated on Discord too (organisers only).
#[poise::command(
    slash_command,
    guild_only,
    rename = "announce-edit",
    default_member_permissions = "MANAGE_MESSAGES"
)]
pub async fn announce_edit(
    ctx: Context<'_>,
    #[description = "The announcement's number, from /announcements"] id: i64,
    #[description = "The new text"] text: String,
) -> Result<(), Error> {
    if !checks::require(ctx, Role::Organiser).await? {
        return Ok(());
    }
    // Editing the posted message is a round trip to Discord before the reply: defer, so the three
    // seconds Discord waits for a first response are never at risk.
    ctx.defer_ephemeral().await?;
    let data = ctx.data();
    let text = match check_text(&text) {
        Ok(text) => text,
        Err(problem) => {
            ctx.send(Reply::text(&problem).ephemeral(true).to_poise())
                .await?;
            return Ok(());
        }
    };
    let by = ctx.author().name.clone();
    let now = data.now();
    let id = AnnouncementId(id);
    let edited = with_store(&data.store, move |s| {
        let message = s.edit_text(id, &text, &by, now)?;
        Ok((message, s.get(id)?))
    })
    .await;
    let reply = match edited {
        Ok((Some(message_id), Some(a))) => {
            let title = data.engine.load().knowledge().event.title.clone();
            match a.channel.or(data.config.discord.announcement_channel) {
                Some(channel) => {
                    match edit_posted(ctx.http(), channel, message_id, &a, &title).await {
                        Ok(_) => format!("Announcement #{id} is updated, on Discord too."),
                        Err(err) => format!(
                            "Announcement #{id} is updated here, but its message could not be edited: {}",
                            crate::discord::events::describe(&err)
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
    ctx.send(Reply::text(&reply).ephemeral(true).to_poise())
        .await?;
    Ok(())
}
