//! For maintainers: `/reload`, `/status` and `/gaps`, and the reports of knowledge that failed to load,
//! posted to the maintainers' channel.
//!
//! The commands are registered with `MANAGE_GUILD` as their default permission, so participants do not see
//! them, and each checks the maintainer role again when it runs. Every answer is ephemeral.

use std::fmt::Write as _;
use std::sync::Arc;
use std::time::Duration;

use serenity::all::{ChannelId, Http};
use tokio::sync::broadcast;
use tracing::{info, warn};

use crate::config::Config;
use crate::discord::errors::describe;
use crate::discord::limits::{self, fit};
use crate::discord::lock::lock;
use crate::discord::pipeline;
use crate::discord::reply::Reply;
use crate::discord::respond::privately as tell;
use crate::discord::types::{Context, Error, Services};
use crate::gaps;
use crate::matching;
use crate::reload::{Failure, Status};

/// Reload the knowledge files now, and see what changed or why they did not load.
#[poise::command(
    slash_command,
    default_member_permissions = "MANAGE_GUILD",
    check = "crate::discord::checks::maintainer"
)]
pub async fn reload(ctx: Context<'_>) -> Result<(), Error> {
    let Some(reloader) = ctx.data().reloader.clone() else {
        return tell(
            ctx,
            "This Usher was started without live reload, so there is nothing to reload.",
        )
        .await;
    };
    // Loading takes longer than Discord waits for a first response on large knowledge.
    ctx.defer_ephemeral().await?;
    let outcome = reloader.reload_now().await;
    info!(user = %ctx.author().id, ok = outcome.is_ok(), "reload requested");
    tell(
        ctx,
        &in_code_block(&outcome.to_string(), limits::MESSAGE_CONTENT),
    )
    .await
}

/// The knowledge version, the last reload error, uptime, questions answered and gateway latency.
#[poise::command(
    slash_command,
    default_member_permissions = "MANAGE_GUILD",
    check = "crate::discord::checks::maintainer"
)]
pub async fn status(ctx: Context<'_>) -> Result<(), Error> {
    let data = ctx.data();
    let knowledge = match &data.reloader {
        Some(reloader) => reloader.status(),
        None => Status {
            version: pipeline::knowledge_version(data),
            loaded_at: data.now(),
            last_error: None,
        },
    };
    let facts = Facts {
        knowledge,
        live_reload: data.reloader.is_some(),
        uptime: data.instant().duration_since(data.started),
        answered: data
            .stats
            .answered
            .load(std::sync::atomic::Ordering::Relaxed),
        unanswered: data
            .stats
            .unanswered
            .load(std::sync::atomic::Ordering::Relaxed),
        latency: ctx.ping().await,
        registration: lock(&data.registration).describe(),
        dropped_questions: data.unanswered.dropped(),
        scheduled_events: lock(&data.mirror_status).clone(),
    };
    tell(ctx, &facts.render()).await
}

/// Questions Usher could not answer, grouped with the most asked first: what to add to the knowledge.
#[poise::command(
    slash_command,
    default_member_permissions = "MANAGE_GUILD",
    check = "crate::discord::checks::maintainer"
)]
pub async fn gaps(
    ctx: Context<'_>,
    #[description = "Since when: a time ago such as 7d, 12h or 30m, or a time such as 2026-11-22T09:00:00Z"]
    since: Option<String>,
) -> Result<(), Error> {
    // Grouping many questions can take a moment: defer, so Discord's three seconds are never at risk.
    ctx.defer_ephemeral().await?;
    let data = ctx.data();
    let now = data.now();
    let requested = match since {
        Some(text) => match gaps::parse_since(&text, now) {
            Ok(at) => Some(at),
            Err(err) => return tell(ctx, &format!("{err}.")).await,
        },
        None => None,
    };
    let period = gaps::period(requested, data.config.gaps.retention_days, now);
    let store = data.store.clone();
    // Reading and grouping touch the database and build a tokeniser: work for a blocking thread.
    let listing = tokio::task::spawn_blocking(move || {
        let store = store.lock();
        let questions = store
            .unanswered_since(period.since)
            .map_err(|e| e.to_string())?;
        let votes = store.votes_since(period.since).map_err(|e| e.to_string())?;
        Ok::<_, String>(format!(
            "{}{}",
            gaps::render_period(&gaps::group(&questions, matching::tokeniser()), &period),
            gaps::render_votes(&votes)
        ))
    })
    .await?;
    match listing {
        Ok(text) => tell(ctx, &in_code_block(&text, limits::MESSAGE_CONTENT)).await,
        Err(err) => {
            warn!("could not list unanswered questions: {err}");
            tell(
                ctx,
                "Could not read the unanswered questions; the log says why.",
            )
            .await
        }
    }
}

/// What `/status` says.
struct Facts {
    knowledge: Status,
    live_reload: bool,
    uptime: Duration,
    answered: u64,
    unanswered: u64,
    latency: Duration,
    registration: String,
    /// Unanswered questions dropped because they came faster than they could be kept.
    dropped_questions: u64,
    /// What the last sync of the scheduled events did, one line per guild; empty when they are off.
    scheduled_events: Vec<String>,
}

impl Facts {
    /// The facts, with the last reload error (which may be long) at the end, cut to fit one message.
    fn render(&self) -> String {
        let k = &self.knowledge;
        let mut out = format!(
            "Knowledge version `{}`, loaded <t:{}:F>{}.\n",
            k.version,
            k.loaded_at.as_second(),
            if self.live_reload {
                ""
            } else {
                " (live reload is off)"
            }
        );
        let _ = writeln!(
            out,
            "Up {}; since start, {} question(s) answered and {} not.",
            human(self.uptime),
            self.answered,
            self.unanswered
        );
        let _ = writeln!(out, "{}", self.registration);
        if self.dropped_questions > 0 {
            let _ = writeln!(
                out,
                "{} unanswered question(s) were not kept for /gaps: they came faster than they could be written.",
                self.dropped_questions
            );
        }
        if self.latency.is_zero() {
            out.push_str("Gateway latency: not measured yet.\n");
        } else {
            let _ = writeln!(out, "Gateway latency: {} ms.", self.latency.as_millis());
        }
        for line in &self.scheduled_events {
            let _ = writeln!(out, "{line}.");
        }
        match &k.last_error {
            None => out.push_str("Last reload: no error."),
            Some(failure) => {
                let _ = writeln!(
                    out,
                    "Last reload failed <t:{}:R>, so this version stayed live:",
                    failure.at.as_second()
                );
                let room = limits::MESSAGE_CONTENT.saturating_sub(out.chars().count());
                out.push_str(&in_code_block(&failure.to_string(), room));
            }
        }
        out
    }
}

/// "2d 3h 4m 5s", leaving out the leading zero units.
fn human(duration: Duration) -> String {
    let mut rest = duration.as_secs();
    let mut out = String::new();
    for (unit, size) in [("d", 86_400), ("h", 3_600), ("m", 60), ("s", 1)] {
        let n = rest / size;
        rest %= size;
        if n > 0 || !out.is_empty() || size == 1 {
            let _ = write!(out, "{}{n}{unit}", if out.is_empty() { "" } else { " " });
        }
    }
    out
}

/// Text in a code block, so that file paths and questions show as written and no markdown in them applies;
/// the text is cut so that the block with its fences takes at most `room` characters.
fn in_code_block(text: &str, room: usize) -> String {
    const FENCES: usize = "```\n\n```".len();
    // A fence inside would end the block early.
    let text = text.replace("```", "'''");
    format!("```\n{}\n```", fit(&text, room.saturating_sub(FENCES)))
}

/// The maintainers' channel and a subscription to reload failures, when both exist; taken before the bot
/// starts, so that no failure in between is missed.
pub fn failure_reports(
    config: &Config,
    services: &Services,
) -> Option<(ChannelId, broadcast::Receiver<Arc<Failure>>)> {
    let channel = ChannelId::new(config.discord.maintainer_channel?);
    Some((channel, services.reloader.as_ref()?.failures()))
}

/// Posts each new reload failure to the maintainers' channel, until the reloader is gone.
pub async fn post_failures(
    http: Arc<Http>,
    channel: ChannelId,
    failures: Arc<tokio::sync::Mutex<broadcast::Receiver<Arc<Failure>>>>,
) {
    // The subscription outlives a restart of this task, so no failure in between is missed.
    let mut failures = failures.lock().await;
    loop {
        match failures.recv().await {
            Ok(failure) => {
                let message = Reply::text(&failure_message(&failure)).to_message();
                if let Err(err) = channel.send_message(&http, message).await {
                    warn!(%channel, "could not post a reload failure: {}", describe(&err));
                }
            }
            Err(broadcast::error::RecvError::Lagged(missed)) => {
                warn!(
                    "{missed} reload failure(s) were not posted: they came faster than Discord took them"
                );
            }
            Err(broadcast::error::RecvError::Closed) => break,
        }
    }
}

fn failure_message(failure: &Failure) -> String {
    let header = "The knowledge files changed but did not load, so the previous knowledge stays live. \
                  Fix these and save again:\n";
    let room = limits::MESSAGE_CONTENT - header.chars().count();
    format!("{header}{}", in_code_block(&failure.to_string(), room))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::knowledge::{Diagnostic, Severity};

    #[test]
    fn durations_read_from_the_largest_unit() {
        assert_eq!(human(Duration::from_secs(0)), "0s");
        assert_eq!(human(Duration::from_secs(61)), "1m 1s");
        assert_eq!(human(Duration::from_secs(2 * 86_400 + 5)), "2d 0h 0m 5s");
    }

    #[test]
    fn a_failure_message_fits_one_message_and_keeps_its_fences() {
        let error = Diagnostic {
            path: "knowledge/faq.toml".into(),
            line: 3,
            col: 19,
            severity: Severity::Error,
            message: "unknown field ```x```".into(),
        };
        let failure = Failure {
            at: jiff::Timestamp::UNIX_EPOCH,
            errors: vec![error; 100],
        };
        let message = failure_message(&failure);
        assert!(message.chars().count() <= limits::MESSAGE_CONTENT);
        assert!(message.ends_with("\n```"), "{message}");
        assert!(message.contains("knowledge/faq.toml:3:19: unknown field '''x'''"));
        assert_eq!(message.matches("```").count(), 2);
    }
}
