//! The programme mirrored as Discord scheduled events: the loop that runs the core's [`mirror::sync`]
//! whenever the knowledge changes, and [`DiscordGuildEvents`], its Discord port. What to create, update
//! or cancel, and what Discord's limit leaves out, is decided in `mirror`.

use std::collections::BTreeSet;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use serenity::all::{
    CreateScheduledEvent, EditScheduledEvent, GuildId, Http, ScheduledEventId,
    ScheduledEventStatus, ScheduledEventType, Timestamp,
};
use tracing::{info, warn};

use super::errors::describe;
use super::lock::lock;
use crate::clock::Clock;
use crate::live::SharedEngine;
use crate::mirror::{self, GuildEvents, Selection, Wanted};
use crate::store::{GuildLedger, SharedStore};

/// How often the loop looks for a new version of the knowledge.
const POLL: Duration = Duration::from_secs(1);
/// How long after a failed sync the next is tried: a missing permission must not become a request a second.
const RETRY: Duration = Duration::from_secs(60);
/// How often it syncs even when the knowledge is unchanged: events that ended make room under the limit
/// for the next ones, and an event deleted by hand in Discord is made again.
const RESYNC: Duration = Duration::from_secs(600);

/// The last sync's outcome in each guild, for `/status`.
pub type MirrorStatus = Arc<Mutex<Vec<String>>>;

/// Everything the loop runs on; cheap to clone, so that a supervisor can start it afresh.
#[derive(Clone)]
pub struct Mirror {
    pub http: Arc<Http>,
    pub store: SharedStore,
    pub engine: SharedEngine,
    pub clock: Arc<dyn Clock>,
    pub selection: Selection,
    pub guilds: Vec<u64>,
    pub status: MirrorStatus,
}

impl Mirror {
    /// The loop; it runs until the task is aborted.
    pub async fn run(self) {
        if self.guilds.is_empty() {
            warn!(
                "[discord.scheduled_events] is set but [discord] names no guilds: scheduled events are made only in the guilds listed there"
            );
            return;
        }
        let mut synced: Option<(String, std::time::Instant)> = None;
        let mut retry_at: Option<std::time::Instant> = None;
        loop {
            let engine = self.engine.load_full();
            let version = engine.knowledge().fingerprint.clone();
            let now = self.clock.instant();
            let due = synced
                .as_ref()
                .is_none_or(|(v, at)| *v != version || now.duration_since(*at) >= RESYNC)
                && retry_at.is_none_or(|at| now >= at);
            if due {
                let wanted = mirror::wanted(engine.knowledge(), &self.selection);
                let mut lines = Vec::new();
                let mut complete = true;
                for &guild in &self.guilds {
                    let (line, ok) = self.sync_guild(guild, &wanted).await;
                    complete &= ok;
                    lines.push(line);
                }
                *lock(&self.status) = lines;
                if complete {
                    synced = Some((version, now));
                    retry_at = None;
                } else {
                    retry_at = Some(now + RETRY);
                }
            }
            tokio::time::sleep(POLL).await;
        }
    }

    /// One guild's sync; the line `/status` shows, and whether every request succeeded.
    async fn sync_guild(&self, guild: u64, wanted: &[Wanted]) -> (String, bool) {
        let mut events = DiscordGuildEvents {
            http: Arc::clone(&self.http),
            guild: GuildId::new(guild),
        };
        let mut ledger = GuildLedger {
            store: self.store.clone(),
            guild,
        };
        match mirror::sync(wanted, &mut events, &mut ledger, self.clock.now()).await {
            Ok(report) => {
                let mirrored = match ledger_count(&self.store, guild).await {
                    Some(n) => n.to_string(),
                    None => "?".into(),
                };
                let mut line = format!(
                    "Scheduled events in server {guild}: {mirrored} mirrored (last sync: {} created, {} updated, {} cancelled)",
                    report.created, report.updated, report.cancelled
                );
                if report.created + report.updated + report.cancelled > 0 {
                    info!(
                        guild,
                        created = report.created,
                        updated = report.updated,
                        cancelled = report.cancelled,
                        "scheduled events synced"
                    );
                }
                let skipped = report.plan.skipped_summary();
                if !skipped.is_empty() {
                    warn!(guild, "scheduled events: {skipped}");
                    line.push_str(&format!("; {skipped}"));
                }
                for failure in &report.failed {
                    warn!(guild, "scheduled events: {failure}");
                }
                if !report.failed.is_empty() {
                    line.push_str(&format!(
                        "; {} request(s) failed and will be tried again",
                        report.failed.len()
                    ));
                }
                (line, report.failed.is_empty())
            }
            Err(err) => {
                warn!(guild, "could not sync the scheduled events: {err}");
                (
                    format!("Scheduled events in server {guild}: could not sync ({err})"),
                    false,
                )
            }
        }
    }
}

async fn ledger_count(store: &SharedStore, guild: u64) -> Option<usize> {
    store
        .run(move |s| s.mirrored_events(guild))
        .await
        .ok()
        .map(|m| m.len())
}

/// One guild's scheduled events through serenity.
pub struct DiscordGuildEvents {
    pub http: Arc<Http>,
    pub guild: GuildId,
}

/// A failed request in words; a refusal names the permission that events need.
fn explain(err: &serenity::Error) -> String {
    if let serenity::Error::Http(serenity::all::HttpError::UnsuccessfulRequest(response)) = err
        && response.status_code.as_u16() == 403
    {
        return format!(
            "Discord refused (403 {}): Usher needs the Create Events permission in this server (`usher invite` asks for it)",
            response.error.message
        );
    }
    describe(err)
}

fn discord_time(at: jiff::Timestamp) -> Result<Timestamp, String> {
    Timestamp::from_unix_timestamp(at.as_second()).map_err(|e| e.to_string())
}

impl GuildEvents for DiscordGuildEvents {
    async fn listed(&mut self) -> Result<BTreeSet<u64>, String> {
        let events = self
            .guild
            .scheduled_events(&self.http, false)
            .await
            .map_err(|e| explain(&e))?;
        Ok(events
            .into_iter()
            .filter(|e| {
                matches!(
                    e.status,
                    ScheduledEventStatus::Scheduled | ScheduledEventStatus::Active
                )
            })
            .map(|e| e.id.get())
            .collect())
    }

    async fn create(&mut self, event: &Wanted) -> Result<u64, String> {
        let builder = CreateScheduledEvent::new(
            ScheduledEventType::External,
            &event.name,
            discord_time(event.start)?,
        )
        .end_time(discord_time(event.end)?)
        .location(&event.location);
        let builder = if event.description.is_empty() {
            builder
        } else {
            builder.description(&event.description)
        };
        self.guild
            .create_scheduled_event(&self.http, builder)
            .await
            .map(|e| e.id.get())
            .map_err(|e| explain(&e))
    }

    async fn update(&mut self, id: u64, event: &Wanted) -> Result<(), String> {
        let builder = EditScheduledEvent::new()
            .name(&event.name)
            .description(&event.description)
            .start_time(discord_time(event.start)?)
            .end_time(discord_time(event.end)?)
            .location(&event.location);
        self.guild
            .edit_scheduled_event(&self.http, ScheduledEventId::new(id), builder)
            .await
            .map(drop)
            .map_err(|e| explain(&e))
    }

    async fn cancel(&mut self, id: u64) -> Result<(), String> {
        let builder = EditScheduledEvent::new().status(ScheduledEventStatus::Canceled);
        self.guild
            .edit_scheduled_event(&self.http, ScheduledEventId::new(id), builder)
            .await
            .map(drop)
            .map_err(|e| explain(&e))
    }
}
