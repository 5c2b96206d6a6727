//! The announcement model shared by the scheduler and the state store.

use std::fmt;

use jiff::Timestamp;
use serde::{Deserialize, Serialize};

/// The state store's identifier of an announcement.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct AnnouncementId(pub i64);

impl fmt::Display for AnnouncementId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

/// A message to post in a Discord channel at a given time.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Announcement {
    /// The store's identifier.
    pub id: AnnouncementId,
    /// A unique, stable key: `manual:…` for announcements made by people, `reminder:…` for programme
    /// reminders, and the knowledge file's own key for announcements defined there. Discord's message nonce
    /// is derived from it (see [`nonce`](super::nonce)).
    pub key: String,
    /// The message text, without the ping.
    pub text: String,
    /// The channel to post in; `None` means the bot's configured announcements channel.
    pub channel: Option<u64>,
    /// The Discord user it is sent to as a direct message instead of a channel (a personal reminder);
    /// its channel is then the direct-message channel with that user, opened when it is first claimed.
    pub recipient: Option<u64>,
    /// Whom the message mentions.
    pub ping: Ping,
    /// When the announcement should go out.
    pub due_at: Timestamp,
    /// Who made it: a Discord user name for manual ones, or the generator for generated ones.
    pub created_by: String,
    /// When it was made.
    pub created_at: Timestamp,
    /// Where it came from.
    pub source: Source,
    /// Where it is in its life cycle.
    pub status: Status,
    /// Where its message goes and what marks it, fixed when it is first claimed; `None` before.
    pub target: Option<Target>,
}

/// Where an announcement's message goes and how it is recognised there, recorded with its first claim, so
/// that a restarted scheduler looks in the right channel for the right mark whatever changed since (the
/// configured channel, the event's title).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Target {
    /// The channel it is posted in.
    pub channel: u64,
    /// The text that marks its message as this announcement (on Discord, the embed's footer).
    pub marker: String,
}

/// Whom an announcement mentions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum Ping {
    /// Nobody.
    #[default]
    None,
    /// The members of one role.
    Role(u64),
    /// `@everyone`.
    Everyone,
}

/// Where an announcement came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Source {
    /// An organiser scheduled it with a command.
    Manual,
    /// The knowledge files define it.
    Knowledge,
    /// It was generated from the programme as a reminder before a session.
    Reminder,
}

impl Source {
    /// The name stored in the database and shown in lists.
    pub fn as_str(self) -> &'static str {
        match self {
            Source::Manual => "manual",
            Source::Knowledge => "knowledge",
            Source::Reminder => "reminder",
        }
    }

    /// The inverse of [`Source::as_str`].
    pub fn from_name(name: &str) -> Option<Source> {
        match name {
            "manual" => Some(Source::Manual),
            "knowledge" => Some(Source::Knowledge),
            "reminder" => Some(Source::Reminder),
            _ => None,
        }
    }
}

/// Where an announcement is in its life cycle.
///
/// The only ways forward are `Scheduled -> Posting -> Posted`, `Scheduled -> Missed`,
/// `Scheduled -> Cancelled`, and, when a post attempt is known not to have reached Discord,
/// `Posting -> Scheduled` or `Posting -> Missed`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Status {
    /// Waiting for its time.
    Scheduled,
    /// Claimed by the scheduler, which is sending it to Discord or crashed while doing so.
    Posting {
        /// How many times it has been sent, counting the first; each retry claims the next number.
        attempt: u32,
        /// When the first attempt claimed it, by the wall clock. Only the process that claimed it retries,
        /// timed by its monotonic clock (see [`NONCE_WINDOW`](super::NONCE_WINDOW)); another process
        /// looks for the message once this is a window ago, so it never moves forward on a retry.
        claimed_at: Timestamp,
    },
    /// On Discord.
    Posted {
        /// Discord's id of the message, so that edits can update it.
        message_id: u64,
        /// When the post was recorded.
        posted_at: Timestamp,
    },
    /// It will not be posted: its time passed by more than the grace window while it was not posted, or
    /// Discord refused it for good.
    Missed {
        /// When this was decided.
        at: Timestamp,
        /// Why, for organisers: a sentence without a final full stop.
        reason: String,
    },
    /// Withdrawn before it was posted.
    Cancelled {
        /// Who withdrew it: a user name, or [`RECONCILE_ACTOR`](super::RECONCILE_ACTOR) when a generated
        /// announcement was no longer wanted.
        by: String,
        /// When.
        at: Timestamp,
    },
}

impl Status {
    /// A short lower-case name for lists and error messages.
    pub fn name(&self) -> &'static str {
        match self {
            Status::Scheduled => "scheduled",
            Status::Posting { .. } => "being posted",
            Status::Posted { .. } => "posted",
            Status::Missed { .. } => "missed",
            Status::Cancelled { .. } => "cancelled",
        }
    }

    /// Whether nothing will happen to it any more.
    pub fn is_final(&self) -> bool {
        matches!(
            self,
            Status::Posted { .. } | Status::Missed { .. } | Status::Cancelled { .. }
        )
    }
}
