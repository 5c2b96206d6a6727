//! The bot's shared state and the aliases every command uses.

use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Instant;

use jiff::Timestamp;

use super::cooldown::Cooldowns;
use crate::config::Config;
use crate::live::SharedEngine;

pub type Error = Box<dyn std::error::Error + Send + Sync>;
pub type Context<'a> = poise::Context<'a, Data, Error>;

/// Where the bot reads the time: the system clock, or a clock a test sets.
pub trait Clock: Send + Sync {
    fn now(&self) -> Timestamp;
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

/// Everything commands and event handlers share.
pub struct Data {
    pub engine: SharedEngine,
    pub config: Config,
    pub clock: Box<dyn Clock>,
    pub cooldowns: Mutex<Cooldowns>,
    pub stats: Stats,
    pub started: Instant,
}

impl Data {
    pub fn new(engine: SharedEngine, config: Config, clock: Box<dyn Clock>) -> Self {
        let cooldowns = Cooldowns::new(
            config.discord.cooldown_questions,
            std::time::Duration::from_secs(config.discord.cooldown_seconds),
        );
        Data {
            engine,
            config,
            clock,
            cooldowns: Mutex::new(cooldowns),
            stats: Stats::default(),
            started: Instant::now(),
        }
    }

    pub fn now(&self) -> Timestamp {
        self.clock.now()
    }
}
