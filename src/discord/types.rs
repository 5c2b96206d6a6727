//! The bot's shared state and the aliases every command uses.

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Instant;

use jiff::Timestamp;
use tokio::sync::Notify;

use super::cooldown::Cooldowns;
use crate::config::Config;
use crate::live::SharedEngine;
use crate::reload::Reloader;
use crate::store::SharedStore;

pub type Error = Box<dyn std::error::Error + Send + Sync>;
pub type Context<'a> = poise::Context<'a, Data, Error>;

/// The clock lives in the core; the bot reads the time through it.
pub use crate::clock::{Clock, SystemClock};

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
    /// Announcements shown as a preview and waiting for Confirm, by draft number.
    pub drafts: Mutex<HashMap<u64, Draft>>,
    pub next_draft: AtomicU64,
}

/// An announcement an organiser has previewed but not yet confirmed.
#[derive(Debug, Clone)]
pub struct Draft {
    /// When the preview was shown; unconfirmed previews expire.
    pub shown: Instant,
    pub author: u64,
    pub author_name: String,
    pub text: String,
    /// `None` posts it at once.
    pub due: Option<Timestamp>,
    pub channel: Option<u64>,
    pub ping: crate::schedule::Ping,
}

impl Data {
    pub fn new(services: Services, config: Config) -> Self {
        let cooldowns = Cooldowns::new(
            config.discord.cooldown_questions,
            std::time::Duration::from_secs(config.discord.cooldown_seconds),
        );
        Data {
            engine: services.engine,
            store: services.store,
            config,
            clock: services.clock,
            cooldowns: Mutex::new(cooldowns),
            stats: Stats::default(),
            started: Instant::now(),
            scheduler: Arc::new(Notify::new()),
            bot_roles: Mutex::new(Vec::new()),
            drafts: Mutex::new(HashMap::new()),
            next_draft: AtomicU64::new(1),
            reloader: services.reloader,
        }
    }

    pub fn now(&self) -> Timestamp {
        self.clock.now()
    }
}
