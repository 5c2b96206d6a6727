//! The bot's shared state and the aliases every command uses.

use crate::clock::Clock;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Instant;

use jiff::Timestamp;
use tokio::sync::Notify;

use super::cooldown::{Cooldowns, Verdict};
use super::drafts::Drafts;
use super::lock::lock;
use super::registration::{self, SharedRegistration};
use super::unanswered::UnansweredQueue;
use crate::config::Config;
use crate::live::SharedEngine;
use crate::reload::Reloader;
use crate::store::SharedStore;

pub type Error = Box<dyn std::error::Error + Send + Sync>;
pub type Context<'a> = poise::Context<'a, Data, Error>;

/// Counts of questions since start, for `/status`.
#[derive(Debug, Default)]
pub struct Stats {
    pub answered: AtomicU64,
    pub unanswered: AtomicU64,
}

impl Stats {
    pub fn record(&self, matched: bool) {
        let counter = if matched {
            &self.answered
        } else {
            &self.unanswered
        };
        counter.fetch_add(1, Ordering::Relaxed);
    }
}

/// What the bot is built from besides its config: the live knowledge, the state store and the clock.
#[derive(Clone)]
pub struct Services {
    pub engine: SharedEngine,
    pub store: SharedStore,
    pub clock: Arc<dyn Clock>,
    /// Reloads the knowledge for `/reload` and shows its state in `/status`; `None` when the knowledge is
    /// fixed for the bot's life (as in most tests).
    pub reloader: Option<Arc<Reloader>>,
}

/// Everything commands and event handlers share.
pub struct Data {
    pub engine: SharedEngine,
    pub store: SharedStore,
    pub config: Config,
    pub clock: Arc<dyn Clock>,
    pub cooldowns: Mutex<Cooldowns>,
    pub stats: Stats,
    pub started: Instant,
    /// Wakes the announcement scheduler when announcements change.
    pub scheduler: Arc<Notify>,
    pub reloader: Option<Arc<Reloader>>,
    /// The roles Discord manages for this bot in each server; mentioning one mentions Usher.
    pub bot_roles: Mutex<Vec<u64>>,
    /// Announcements shown as a preview and waiting for Confirm.
    pub drafts: Mutex<Drafts>,
    /// Whether the slash commands are registered yet.
    pub registration: SharedRegistration,
    /// Questions on their way to the store for `/gaps`.
    pub unanswered: UnansweredQueue,
    /// What the last sync of the scheduled events did in each guild, for `/status`.
    pub mirror_status: super::scheduled_events::MirrorStatus,
}

impl Data {
    pub fn new(services: Services, config: Config, unanswered: UnansweredQueue) -> Self {
        let cooldowns = Cooldowns::new(
            config.discord.cooldown_questions,
            std::time::Duration::from_secs(config.discord.cooldown_seconds),
        );
        Data {
            engine: services.engine,
            store: services.store,
            config,
            cooldowns: Mutex::new(cooldowns),
            stats: Stats::default(),
            started: services.clock.instant(),
            clock: services.clock,
            scheduler: Arc::new(Notify::new()),
            bot_roles: Mutex::new(Vec::new()),
            drafts: Mutex::new(Drafts::default()),
            registration: registration::pending(),
            unanswered,
            reloader: services.reloader,
            mirror_status: super::scheduled_events::MirrorStatus::default(),
        }
    }

    /// Counts a question from `user` against the cooldown.
    pub fn cooldown(&self, user: u64) -> Verdict {
        lock(&self.cooldowns).check(user, self.instant())
    }

    /// The channels whose announcements are news to a question asked in `channel` (`None` for a direct
    /// message): that channel, and the public announcement channel.
    pub fn news_channels(&self, channel: Option<u64>) -> Vec<u64> {
        channel
            .into_iter()
            .chain(self.config.discord.announcement_channel)
            .collect()
    }

    pub fn now(&self) -> Timestamp {
        self.clock.now()
    }

    /// A monotonic reading from the bot's clock.
    pub fn instant(&self) -> Instant {
        self.clock.instant()
    }
}
