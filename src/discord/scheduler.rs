//! The announcement scheduler: the core's one loop, [`Announcer::step`], called whenever it has something
//! to do, announcements change, or the clock jumps; and [`DiscordOutbox`], the serenity side of it.
//! The exactly-once argument is in `schedule`'s module documentation.

use std::sync::Arc;
use std::time::Duration;

use jiff::{SignedDuration, Timestamp};
use serenity::all::{ChannelId, GetMessages, Http, MessageId, Nonce, UserId};
use tokio::sync::Notify;
use tracing::{error, info, warn};

use super::announcement::{marker, message};
use super::errors::{describe, is_permanent};
use super::limits::{self, fit};
use super::reply::Reply;
use crate::clock::Clock;
use crate::config::Config;
use crate::live::SharedEngine;
use crate::schedule::{
    self, AgendaEntry, Announcement, Announcer, Found, Happened, Moment, NotOpened, Outbox, Post,
    REFUSED, Sent, Settings,
};
use crate::store::SharedStore;

/// How often the loop looks at the store even when nothing is due: announcements added from the command
/// line by another process show up within this time, and a failed request is tried again.
const POLL: Duration = Duration::from_secs(5);
/// Discord's message ids encode their creation time in milliseconds since this epoch.
const DISCORD_EPOCH_MS: i64 = 1_420_070_400_000;
/// The most messages Discord returns in one page of history.
const PAGE: u8 = 100;
/// How many pages of history a look for an earlier post reads before giving up for now.
const MAX_PAGES: usize = 50;

/// Everything the loop runs on; cheap to clone, so that a supervisor can start it afresh.
#[derive(Clone)]
pub struct Scheduler {
    pub http: Arc<Http>,
    pub store: SharedStore,
    pub engine: SharedEngine,
    pub clock: Arc<dyn Clock>,
    pub config: Config,
    pub wake: Arc<Notify>,
}

impl Scheduler {
    /// The loop; it runs until the task is aborted.
    pub async fn run(self) {
        let origin = self.clock.instant();
        let settings = Settings {
            grace: schedule::sync::grace(&self.config.announcements),
            default_channel: self.config.discord.announcement_channel,
            request_timeout: Duration::from_secs(
                self.config.announcements.request_timeout_seconds.into(),
            ),
        };
        let mut outbox = DiscordOutbox {
            http: Arc::clone(&self.http),
            engine: Arc::clone(&self.engine),
            me: None,
            organisers: self
                .config
                .discord
                .organiser_channel
                .or(self.config.discord.maintainer_channel)
                .map(ChannelId::new),
            timeout: settings.request_timeout,
            store: self.store.clone(),
            clock: Arc::clone(&self.clock),
        };
        let mut ledger = self.store.clone();
        let mut announcer = Announcer::default();
        let mut synced: Option<(String, Timestamp)> = None;
        loop {
            // The knowledge's announcements and the programme's reminders follow every reload: a new
            // version of the knowledge is synced on the next pass (within `POLL`). It is synced once a
            // day as well, so that agendas past their retention are deleted from a bot that runs on.
            let version = self.engine.load().knowledge().fingerprint.clone();
            let now = self.clock.now();
            let stale = synced.as_ref().is_none_or(|(synced, at)| {
                *synced != version || now.duration_since(*at) > SignedDuration::from_hours(24)
            });
            if stale {
                sync(&self.store, &self.engine, &self.config, now).await;
                synced = Some((version, now));
            }
            let clock = Arc::clone(&self.clock);
            let mut now = move || Moment {
                wall: clock.now(),
                monotonic: clock.instant().saturating_duration_since(origin),
            };
            let stepped = announcer
                .step(&mut now, &mut ledger, &mut outbox, &settings)
                .await;
            stepped.happened.iter().for_each(log);
            let wall = self.clock.now();
            let sleep = stepped
                .wake_at
                .map_or(POLL, |at| {
                    Duration::try_from(at.duration_since(wall)).unwrap_or(Duration::ZERO)
                })
                .min(POLL);
            tokio::select! {
                () = tokio::time::sleep(sleep) => {}
                () = self.wake.notified() => {}
                () = self.clock.jumped() => {}
            }
        }
    }
}

/// One line in the log for each thing a step did.
fn log(happened: &Happened) {
    match happened {
        Happened::Posted {
            id,
            attempt,
            message_id,
        } => info!(announcement = %id, attempt, message = message_id, "announcement posted"),
        Happened::Failed {
            id,
            attempt,
            reason,
        } => {
            warn!(announcement = %id, attempt, "could not post the announcement, will try again: {reason}");
        }
        Happened::Found { id, message_id } => {
            info!(announcement = %id, message = message_id, "found the unrecorded post; recorded it");
        }
        Happened::Released { id } => {
            info!(announcement = %id, "no earlier post found; it is scheduled again");
        }
        Happened::Unverified { id, reason } => {
            warn!(announcement = %id, "could not look for an earlier post, will try again: {reason}");
        }
        Happened::Missed { id, reason } => warn!(announcement = %id, "missed: {reason}"),
        Happened::Reported { id } => {
            info!(announcement = %id, "organisers were told it was missed");
        }
        Happened::Unreported { id, reason } => {
            warn!(announcement = %id, "could not tell organisers it was missed, will try again: {reason}");
        }
        Happened::Lost { id } => info!(announcement = %id, "another scheduler claimed it first"),
        Happened::LedgerFailed { reason } => error!("announcements: {reason}"),
    }
}

/// Discord as the loop's outbox: posts with a nonce, looks through channel history, and tells organisers.
pub struct DiscordOutbox {
    pub http: Arc<Http>,
    pub engine: SharedEngine,
    /// The bot's own user, learnt on first need: only its messages can be its posts.
    pub me: Option<UserId>,
    /// Where organisers are told about missed announcements.
    pub organisers: Option<ChannelId>,
    /// The longest one report may take.
    pub timeout: Duration,
    /// Where a refused direct message is recorded, so that its participant is told once.
    pub store: SharedStore,
    pub clock: Arc<dyn Clock>,
}

impl DiscordOutbox {
    async fn me(&mut self, timeout: Duration) -> Result<UserId, String> {
        if let Some(me) = self.me {
            return Ok(me);
        }
        match tokio::time::timeout(timeout, self.http.get_current_user()).await {
            Ok(Ok(user)) => {
                self.me = Some(user.id);
                Ok(user.id)
            }
            Ok(Err(err)) => Err(format!(
                "could not learn the bot's own id: {}",
                describe(&err)
            )),
            Err(_) => Err("could not learn the bot's own id: no answer in time".to_string()),
        }
    }
}

impl Outbox for DiscordOutbox {
    fn marker(&self, announcement: &Announcement) -> String {
        marker(&self.engine.load().knowledge().event.title, announcement.id)
    }

    async fn direct_channel(&mut self, user: u64, timeout: Duration) -> Result<u64, NotOpened> {
        match tokio::time::timeout(timeout, UserId::new(user).create_dm_channel(&self.http)).await {
            Ok(Ok(channel)) => Ok(channel.id.get()),
            Ok(Err(err)) if is_permanent(&err) => Err(NotOpened::Refused {
                reason: describe(&err),
            }),
            Ok(Err(err)) => Err(NotOpened::Failed {
                reason: describe(&err),
            }),
            Err(_) => Err(NotOpened::Failed {
                reason: format!("no answer within {} ms", timeout.as_millis()),
            }),
        }
    }

    async fn send(&mut self, post: Post<'_>, timeout: Duration) -> Sent {
        let m = message(post.announcement, post.marker)
            .nonce(Nonce::String(post.nonce.to_string()))
            .enforce_nonce(true);
        // Dropping the request at the timeout cancels it: no attempt reaches Discord after its deadline,
        // however long serenity's own rate limiter would have waited and resent.
        let sent = tokio::time::timeout(
            timeout,
            ChannelId::new(post.channel).send_message(&self.http, m),
        )
        .await;
        match sent {
            Ok(Ok(posted)) => Sent::Posted {
                message_id: posted.id.get(),
            },
            Ok(Err(err)) if is_permanent(&err) => Sent::Refused {
                reason: describe(&err),
            },
            Ok(Err(err)) => Sent::Failed {
                reason: describe(&err),
            },
            Err(_) => Sent::Failed {
                reason: format!("no answer within {} ms", timeout.as_millis()),
            },
        }
    }

    async fn find(
        &mut self,
        channel: u64,
        marker: &str,
        since: Timestamp,
        timeout: Duration,
    ) -> Found {
        self.look_for(channel, since, timeout, |m| {
            m.embeds
                .iter()
                .any(|e| e.footer.as_ref().is_some_and(|f| f.text == marker))
        })
        .await
    }

    async fn find_report(
        &mut self,
        announcement: &Announcement,
        since: Timestamp,
        timeout: Duration,
    ) -> Found {
        // A participant's own message is never told to organisers, and without an organisers' channel
        // nothing was sent anywhere.
        let Some(channel) = self.organisers.filter(|_| announcement.recipient.is_none()) else {
            return Found::Absent;
        };
        let told = report_opening(announcement);
        self.look_for(channel.get(), since, timeout, |m| {
            m.content.starts_with(&told)
        })
        .await
    }

    async fn report(&mut self, announcement: &Announcement, reason: &str) -> Result<(), String> {
        if let Some(user) = announcement.recipient {
            // A participant's own message is nothing organisers need to act on. If Discord refused it
            // (their direct messages are closed), they are told once, privately, the next time they use
            // Usher in a channel; a message that was late is only logged.
            warn!(announcement = %announcement.id, "a direct message was not sent: {reason}");
            if reason.starts_with(REFUSED) {
                let now = self.clock.now();
                return self
                    .store
                    .run(move |s| s.record_refusal(user, now))
                    .await
                    .map_err(|err| err.to_string());
            }
            return Ok(());
        }
        let Some(channel) = self.organisers else {
            warn!(
                announcement = %announcement.id,
                "missed, and no organiser_channel or maintainer_channel is configured to tell: {reason}"
            );
            return Ok(());
        };
        let text = format!(
            "{}: {reason}. It was due <t:{}:F>. Its text:\n>>> {}",
            report_opening(announcement),
            announcement.due_at.as_second(),
            fit(&announcement.text, limits::MESSAGE_CONTENT / 2)
        );
        // A nonce of its own, so that a process killed after telling and before recording it does not
        // tell twice when its successor tells again within Discord's memory of the nonce.
        let told = Reply::text(&text)
            .to_message()
            .nonce(Nonce::String(schedule::nonce(&format!(
                "report:{}",
                announcement.key
            ))))
            .enforce_nonce(true);
        let sent = tokio::time::timeout(self.timeout, channel.send_message(&self.http, told)).await;
        match sent {
            Ok(Ok(_)) => Ok(()),
            Ok(Err(err)) => Err(describe(&err)),
            Err(_) => Err("no answer in time".to_string()),
        }
    }
}

impl DiscordOutbox {
    /// Pages through `channel` from `since` for the bot's own message that `is_it`.
    async fn look_for(
        &mut self,
        channel: u64,
        since: Timestamp,
        timeout: Duration,
        is_it: impl Fn(&serenity::all::Message) -> bool + Send,
    ) -> Found {
        let me = match self.me(timeout).await {
            Ok(me) => me,
            Err(reason) => return Found::Unknown { reason },
        };
        // Discord's `after` returns the oldest messages after the given one, so paging forward from the
        // claim reads every message since, however busy the channel.
        let mut after = MessageId::new(snowflake_at(since));
        for _ in 0..MAX_PAGES {
            let request = ChannelId::new(channel)
                .messages(&self.http, GetMessages::new().after(after).limit(PAGE));
            let page = match tokio::time::timeout(timeout, request).await {
                Ok(Ok(page)) => page,
                Ok(Err(err)) => {
                    return Found::Unknown {
                        reason: describe(&err),
                    };
                }
                Err(_) => {
                    return Found::Unknown {
                        reason: "no answer in time".to_string(),
                    };
                }
            };
            let ours = page.iter().find(|m| m.author.id == me && is_it(m));
            if let Some(posted) = ours {
                return Found::Posted {
                    message_id: posted.id.get(),
                };
            }
            match page.iter().map(|m| m.id).max() {
                Some(newest) if page.len() >= usize::from(PAGE) => after = newest,
                _ => return Found::Absent,
            }
        }
        Found::Unknown {
            reason: format!(
                "more than {} messages since the claim",
                MAX_PAGES * usize::from(PAGE)
            ),
        }
    }
}

/// How a telling that an announcement was missed begins: what finds it again.
fn report_opening(announcement: &Announcement) -> String {
    format!("Announcement #{} was not posted", announcement.id)
}

/// The smallest message id Discord could have given a message created at `at` (never 0).
fn snowflake_at(at: Timestamp) -> u64 {
    let since_epoch = at.as_millisecond().saturating_sub(DISCORD_EPOCH_MS).max(1);
    u64::try_from(since_epoch).map_or(1, |ms| ms << 22)
}

/// Brings the store in line with the knowledge and the config at `now`; logs what changed.
pub async fn sync(store: &SharedStore, engine: &SharedEngine, config: &Config, now: Timestamp) {
    let knowledge = engine.load().knowledge_arc();
    // The config names sessions by id; one the knowledge does not have gets no reminder, which a
    // maintainer should hear about.
    for id in &config.announcements.reminder_sessions {
        if id != "*" && !knowledge.sessions().iter().any(|s| &s.id == id) {
            warn!(session = %id, "`reminder_sessions` names a session the knowledge does not have");
        }
    }
    let settings = config.announcements.clone();
    let result = store
        .run(move |s| {
            let expired =
                schedule::agenda::agenda_expired(&knowledge, settings.agenda_retention_days, now);
            if expired {
                s.purge_agendas()?;
            }
            let agenda = s.agendas()?;
            let existing = s.list_all()?;
            let mut changes = schedule::sync::changes(
                &existing,
                &knowledge,
                &settings,
                &agenda,
                now,
                schedule::sync::grace(&settings),
            );
            let after = schedule::programme::programme(&knowledge);
            // The first programme Usher sees is recorded, not announced: there is nothing it changed from.
            let news = match s.announced_programme()? {
                Some(before) if !expired => schedule::programme::programme_news(
                    &before,
                    &after,
                    &agenda,
                    &knowledge.event.time_zone,
                    settings.announce_programme_changes,
                    now,
                ),
                _ => schedule::programme::ProgrammeNews::default(),
            };
            changes.extend(
                news.messages
                    .into_iter()
                    .map(|wanted| schedule::Change::Insert {
                        wanted,
                        source: schedule::Source::Manual,
                    }),
            );
            let applied = s.apply_programme(&changes, &after, now)?;
            Ok((applied, news.changes.len()))
        })
        .await;
    match result {
        Ok((0, _)) => {}
        Ok((n, 0)) => info!(changes = n, "scheduled announcements follow the knowledge"),
        Ok((n, programme)) => info!(
            changes = n,
            programme, "scheduled announcements follow the knowledge; the programme changed"
        ),
        Err(err) => error!("could not schedule the knowledge's announcements: {err}"),
    }
}

/// Brings one participant's reminders in line with their agenda, after they changed it.
pub fn sync_agenda(
    store: &mut crate::store::Store,
    knowledge: &crate::knowledge::Knowledge,
    config: &Config,
    user: u64,
    now: Timestamp,
) -> Result<usize, crate::store::StoreError> {
    let entries: Vec<AgendaEntry> = store.agenda_of(user)?;
    let existing = store.list_all()?;
    let changes = schedule::sync::agenda_changes(
        &existing,
        knowledge,
        &config.announcements,
        user,
        &entries,
        now,
    );
    store.apply(&changes, now)
}

#[cfg(test)]
mod tests {
    use super::*;

    const EVENT: &str = r#"[event]
id = "conf"
title = "Conf"
kind = "Conference"
description = "A conference."
time_zone = "UTC"
start = 2026-06-01T09:00:00
end = 2026-06-01T17:00:00
"#;

    fn engine_with(dir: &std::path::Path, start: &str) -> crate::engine::Engine {
        std::fs::write(dir.join("event.toml"), EVENT).unwrap();
        std::fs::write(
            dir.join("sessions.toml"),
            format!("[[session]]\nid = \"talk\"\ntitle = \"Mapping rivers\"\nstart = {start}\n"),
        )
        .unwrap();
        crate::engine::Engine::load(dir, crate::engine::Thresholds::default())
            .unwrap()
            .engine
    }

    /// Sessions moved between two syncs are announced by the second, and never again: not by a sync
    /// after a restart, which starts from what the store recorded.
    #[tokio::test]
    async fn a_programme_change_is_announced_once_whatever_restarts_follow() {
        let dir = tempfile::tempdir().unwrap();
        let engine = crate::live::shared(engine_with(dir.path(), "2026-06-01T10:00:00"));
        let store = SharedStore::new(crate::store::Store::open_in_memory().unwrap());
        let config = Config::default();
        let t = |s: i64| Timestamp::from_second(1_780_290_000 + s).unwrap();
        store.lock().add_to_agenda(5, "talk", t(0)).unwrap();
        sync(&store, &engine, &config, t(0)).await;
        let messages = |store: &SharedStore| {
            store
                .lock()
                .list_all()
                .unwrap()
                .into_iter()
                .filter(|a| a.key.starts_with("programme:"))
                .map(|a| (a.recipient, a.text))
                .collect::<Vec<_>>()
        };
        assert!(
            messages(&store).is_empty(),
            "the first programme is only recorded"
        );

        engine.store(Arc::new(engine_with(dir.path(), "2026-06-01T11:00:00")));
        sync(&store, &engine, &config, t(60)).await;
        sync(&store, &engine, &config, t(120)).await;
        let sent = messages(&store);
        assert_eq!(sent.len(), 2, "{sent:?}");
        assert_eq!(sent[0].0, None);
        assert_eq!(sent[1].0, Some(5));
        assert!(
            sent[1]
                .1
                .contains("Mapping rivers: moved to Mon 1 Jun 11:00 (was Mon 1 Jun 10:00)"),
            "{sent:?}"
        );
        let reminders: Vec<Timestamp> = store
            .lock()
            .list_upcoming()
            .unwrap()
            .into_iter()
            .filter(|a| a.key.starts_with("agenda:"))
            .map(|a| a.due_at)
            .collect();
        assert_eq!(
            reminders,
            vec!["2026-06-01T10:50:00Z".parse::<Timestamp>().unwrap()]
        );
    }

    #[test]
    fn snowflakes_from_times_round_trip() {
        // Discord's documented example: 175928847299117063 was created at 1462015105796 ms.
        let id: u64 = 175_928_847_299_117_063;
        let at = Timestamp::from_millisecond(1_462_015_105_796).expect("a valid time");
        assert_eq!(snowflake_at(at), id >> 22 << 22);
        assert_eq!(snowflake_at(Timestamp::MIN), 1 << 22);
    }
}
