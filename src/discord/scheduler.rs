//! The announcement scheduler: a loop that asks the pure [`schedule::plan`] what is due and carries each
//! step out through the store's atomic transitions, so every announcement is posted exactly once, across
//! restarts and crashes (see `schedule`'s module documentation for the argument).

use std::sync::Arc;
use std::time::Duration;

use jiff::{SignedDuration, Timestamp};
use serenity::all::{ChannelId, GetMessages, Http, MessageId, Nonce, UserId};
use tokio::sync::Notify;
use tokio::task::JoinHandle;
use tracing::{error, info, warn};

use super::announcement::{footer, message};
use super::errors::{describe, is_permanent};
use super::types::Clock;
use crate::config::Config;
use crate::live::SharedEngine;
use crate::schedule::{self, Action, Announcement};
use crate::store::SharedStore;

/// How often the loop looks at the store even when nothing is due: announcements added from the command
/// line by another process show up within this time.
const POLL: Duration = Duration::from_secs(5);
/// Discord's message ids encode their creation time in milliseconds since this epoch.
const DISCORD_EPOCH_MS: i64 = 1_420_070_400_000;

pub struct Scheduler {
    pub http: Arc<Http>,
    pub store: SharedStore,
    pub engine: SharedEngine,
    pub clock: Arc<dyn Clock>,
    pub config: Config,
    pub wake: Arc<Notify>,
}

impl Scheduler {
    pub fn spawn(self) -> JoinHandle<()> {
        tokio::spawn(self.run())
    }

    fn grace(&self) -> SignedDuration {
        schedule::sync::grace(&self.config.announcements)
    }

    fn event_title(&self) -> String {
        self.engine.load().knowledge().event.title.clone()
    }

    async fn run(self) {
        let mut me: Option<UserId> = None;
        let mut synced: Option<String> = None;
        loop {
            // The knowledge's announcements and the programme's reminders follow every reload: a new
            // version of the knowledge is synced on the next pass (within `POLL`).
            let version = self.engine.load().knowledge().fingerprint.clone();
            if synced.as_ref() != Some(&version) {
                self.sync_knowledge().await;
                synced = Some(version);
            }
            if me.is_none() {
                me = self.http.get_current_user().await.ok().map(|u| u.id);
            }
            let now = self.clock.now();
            let pending = match self.store.run(|s| s.list_upcoming()).await {
                Ok(pending) => pending,
                Err(err) => {
                    error!("could not read announcements: {err}");
                    Vec::new()
                }
            };
            let plan = schedule::plan(now, &pending, self.grace());
            for action in plan.actions {
                let Some(announcement) = pending.iter().find(|a| a.id == action.id()) else {
                    continue;
                };
                self.execute(action, announcement, me).await;
            }
            let sleep = plan
                .wake_at
                .map_or(POLL, |at| {
                    Duration::try_from(at.duration_since(now)).unwrap_or(Duration::ZERO)
                })
                .min(POLL);
            tokio::select! {
                () = tokio::time::sleep(sleep) => {}
                () = self.wake.notified() => {}
                () = self.clock.jumped() => {}
            }
        }
    }

    /// Brings the store in line with the knowledge's announcements and the programme's reminders.
    pub async fn sync_knowledge(&self) {
        sync(&self.store, &self.engine, &self.config, self.clock.now()).await;
    }

    async fn execute(&self, action: Action, announcement: &Announcement, me: Option<UserId>) {
        let id = announcement.id;
        let now = self.clock.now();
        let result = match action {
            Action::Post { nonce, .. } => match self.store.run(move |s| s.claim(id, now)).await {
                Ok(true) => {
                    self.send(announcement, nonce).await;
                    Ok(())
                }
                other => other.map(|_| ()),
            },
            Action::Retry { attempt, nonce, .. } => {
                match self
                    .store
                    .run(move |s| s.claim_retry(id, attempt, now))
                    .await
                {
                    Ok(true) => {
                        info!(announcement = %id, attempt, "sending again with the same nonce");
                        self.send(announcement, nonce).await;
                        Ok(())
                    }
                    other => other.map(|_| ()),
                }
            }
            Action::Verify { claimed_at, .. } => {
                self.verify(announcement, claimed_at, me).await;
                Ok(())
            }
            Action::Miss { .. } => {
                warn!(announcement = %id, due = %announcement.due_at, "missed: its time passed more than the grace window ago");
                self.store.run(move |s| s.mark_missed(id, now)).await
            }
        };
        if let Err(err) = result {
            error!(announcement = %id, "could not update the announcement: {err}");
        }
    }

    fn channel(&self, announcement: &Announcement) -> Option<u64> {
        announcement
            .channel
            .or(self.config.discord.announcement_channel)
    }

    async fn send(&self, announcement: &Announcement, nonce: String) {
        let id = announcement.id;
        let Some(channel) = self.channel(announcement) else {
            error!(announcement = %id, "no channel to post in: set `announcement_channel` in config/usher.toml");
            let now = self.clock.now();
            let _ = self.store.run(move |s| s.mark_missed(id, now)).await;
            return;
        };
        let m = message(announcement, &self.event_title())
            .nonce(Nonce::String(nonce))
            .enforce_nonce(true);
        match ChannelId::new(channel).send_message(&self.http, m).await {
            Ok(posted) => {
                let now = self.clock.now();
                let message_id = posted.id.get();
                match self
                    .store
                    .run(move |s| s.mark_posted(id, message_id, now))
                    .await
                {
                    Ok(()) => {
                        info!(announcement = %id, channel, message = message_id, "announcement posted");
                    }
                    Err(err) => {
                        error!(announcement = %id, "posted, but could not record it: {err}");
                    }
                }
            }
            Err(err) if is_permanent(&err) => {
                error!(announcement = %id, channel, "Discord refused the announcement for good, marking it missed: {}", describe(&err));
                let now = self.clock.now();
                let _ = self.store.run(move |s| s.mark_missed(id, now)).await;
            }
            Err(err) => {
                warn!(announcement = %id, channel, "could not post the announcement, will try again: {}", describe(&err));
            }
        }
    }

    /// Looks for the message of an attempt that was not recorded and is too old to resend safely.
    async fn verify(&self, announcement: &Announcement, claimed_at: Timestamp, me: Option<UserId>) {
        let id = announcement.id;
        let Some(channel) = self.channel(announcement) else {
            return;
        };
        // A minute's slack covers clock skew between this machine and Discord.
        let since = claimed_at.as_millisecond() - 60_000 - DISCORD_EPOCH_MS;
        let after = MessageId::new((u64::try_from(since.max(1)).unwrap_or(1)) << 22);
        let messages = match ChannelId::new(channel)
            .messages(&self.http, GetMessages::new().after(after).limit(100))
            .await
        {
            Ok(messages) => messages,
            Err(err) => {
                warn!(announcement = %id, "could not read the channel to verify a post: {}", describe(&err));
                return;
            }
        };
        let marker = footer(&self.event_title(), id);
        let found = messages.iter().find(|m| {
            me.is_none_or(|me| m.author.id == me)
                && m.embeds
                    .iter()
                    .any(|e| e.footer.as_ref().is_some_and(|f| f.text == marker))
        });
        let now = self.clock.now();
        let result = match found {
            Some(m) => {
                let message_id = m.id.get();
                info!(announcement = %id, message = message_id, "found the unrecorded post; recording it");
                self.store
                    .run(move |s| s.mark_posted(id, message_id, now))
                    .await
            }
            None => self.store.run(move |s| s.release(id, now)).await,
        };
        if let Err(err) = result {
            error!(announcement = %id, "could not record the verification: {err}");
        }
    }
}

/// Brings the store in line with the knowledge and the config at `now`; logs what changed.
pub async fn sync(store: &SharedStore, engine: &SharedEngine, config: &Config, now: Timestamp) {
    let knowledge = engine.load().knowledge_arc();
    // The config names sessions by id; one the knowledge does not have gets no reminder, which a
    // maintainer should hear about.
    for id in &config.announcements.reminder_sessions {
        if id != "*" && !knowledge.sessions.iter().any(|s| &s.id == id) {
            warn!(session = %id, "`reminder_sessions` names a session the knowledge does not have");
        }
    }
    let settings = config.announcements.clone();
    let result = store
        .run(move |s| {
            let existing = s.list_all()?;
            let changes = schedule::sync::changes(
                &existing,
                &knowledge,
                &settings,
                now,
                schedule::sync::grace(&settings),
            );
            s.apply(&changes, now)
        })
        .await;
    match result {
        Ok(0) => {}
        Ok(n) => info!(changes = n, "scheduled announcements follow the knowledge"),
        Err(err) => error!("could not schedule the knowledge's announcements: {err}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snowflakes_from_times_round_trip() {
        // Discord's documented example: 175928847299117063 was created at 1462015105796 ms.
        let id: u64 = 175_928_847_299_117_063;
        assert_eq!(
            i64::try_from(id >> 22).expect("fits") + DISCORD_EPOCH_MS,
            1_462_015_105_796
        );
    }
}
