//! Announcement scheduling, decided without I/O.
//!
//! Everything here is pure: the clock is passed in, and nothing touches Discord, the database or the
//! runtime. The scheduler loop in the Discord adapter asks [`plan`] what to do, carries each [`Action`] out
//! through the state store's atomic transitions, and sleeps until [`Plan::wake_at`].
//!
//! - [`Announcement`] and its [`Status`] are the model the store persists.
//! - [`plan`] decides what to post, retry, verify or mark missed, and [`nonce`] makes posts idempotent.
//! - [`parse_when`] reads the times organisers type.
//! - [`reminders`] and [`reconcile`] turn the programme and the knowledge files into announcements.
//!
//! # Exactly once
//!
//! An announcement is posted at most once and, unless Discord is unreachable for longer than the grace
//! window, exactly once. The adapter must:
//!
//! 1. for [`Action::Post`], win the store's claim (`Scheduled -> Posting`, one atomic update) before
//!    sending, and send with `nonce` set to the action's nonce and `enforce_nonce: true` (in serenity,
//!    `CreateMessage::nonce(Nonce::String(..)).enforce_nonce(true)`); then record the returned message id.
//!    If the send fails, leave the claim as it is: the plan retries it;
//! 2. for [`Action::Retry`], win the store's retry claim for that attempt number, then send exactly as
//!    before. A retry is planned only within [`NONCE_WINDOW`] of the first claim, while Discord still
//!    answers a repeated nonce with the message it already created instead of a new one;
//! 3. for [`Action::Verify`], look at the bot's messages in the channel created since `claimed_at` for this
//!    announcement; record it as posted if one is there, and release the claim if not;
//! 4. if Discord refuses a post for good (missing permissions, unknown channel), mark it missed: no
//!    message exists, and retrying would not help;
//! 5. carry out one plan's actions before asking for the next plan, and plan again whenever an
//!    announcement is added, edited or cancelled.
//!
//! A SIGKILL after the claim leaves the announcement `Posting`, and the restarted process retries it with the
//! same nonce if that is still safe, or verifies it otherwise; either way no second message appears.
//!
//! [`plan`]: crate::schedule::plan()
//! [`Plan::wake_at`]: crate::schedule::Plan::wake_at
//! [`Action`]: crate::schedule::Action
//! [`Action::Post`]: crate::schedule::Action::Post
//! [`Action::Retry`]: crate::schedule::Action::Retry
//! [`Action::Verify`]: crate::schedule::Action::Verify
//! [`Announcement`]: crate::schedule::Announcement
//! [`Status`]: crate::schedule::Status
//! [`nonce`]: crate::schedule::nonce()
//! [`NONCE_WINDOW`]: crate::schedule::NONCE_WINDOW
//! [`parse_when`]: crate::schedule::parse_when()
//! [`reminders`]: crate::schedule::reminders()
//! [`reconcile`]: crate::schedule::reconcile()

mod model;
mod plan;
mod reminders;
#[cfg(test)]
pub(crate) mod simulation;
pub mod sync;
mod when;

/// An announcement's text is held to the same limits wherever it is written, the knowledge included.
pub use crate::knowledge::{MAX_TEXT, check_text};
pub use model::{Announcement, AnnouncementId, Ping, Source, Status};
pub use plan::{
    Action, DEFAULT_GRACE, NONCE_MAX_LEN, NONCE_WINDOW, Plan, RETRY_SPACING, nonce, plan,
};
pub use reminders::{
    Change, RECONCILE_ACTOR, ReminderSpec, SessionSlot, Wanted, reconcile, reminder_announcements,
    reminder_key, reminders,
};
pub use when::{ACCEPTED_FORMS, MAX_AHEAD, WhenError, parse_when};
