//! The bot's shared state and the aliases every command uses.

use std::future::Future;
use std::pin::Pin;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::Instant;

use jiff::Timestamp;
use tokio::sync::Notify;

use super::cooldown::{Cooldowns, Verdict};
use super::drafts::Drafts;
use super::registration::{self, SharedRegistration};
use super::unanswered::UnansweredQueue;
use crate::config::Config;
use crate::live::SharedEngine;
use crate::reload::Reloader;
use crate::store::SharedStore;

pub type Error = Box<dyn std::error::Error + Send + Sync>;
pub type Context<'a> = poise::Context<'a, Data, Error>;

/// Where the bot reads the time: the system clock, or a clock a test sets.
pub trait Clock: Send + Sync {
    /// The wall-clock time, for what is due and what a reader sees.
    fn now(&self) -> Timestamp;

    /// A monotonic reading, for how long something took or waited: it never jumps when the wall clock
    /// is corrected.
    fn instant(&self) -> Instant {
        Instant::now()
    }

    /// Completes when the clock jumps rather than ticks. The system clock never does; a test clock does
    /// when the test moves it, so the scheduler looks again at once instead of sleeping real minutes.
    fn jumped(&self) -> Pin<Box<dyn Future<Output = ()> + Send + '_>> {
        Box::pin(std::future::pending())
    }
}

/// The real clock.
#[derive(Debug, Default, Clone, Copy)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> Timestamp {
        Timestamp::now()
    }
}

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
}

/// Locks one of the bot's shared values. A panic while one was held leaves it consistent (each is
/// changed by one insert or assignment at a time), so every user carries on with it: the same policy as
/// the store's ([`SharedStore::lock`]).
pub fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
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
