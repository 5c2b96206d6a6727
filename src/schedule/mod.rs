//! Announcement scheduling, decided without I/O.
//!
//! Everything here is pure: the clocks are passed in, and nothing touches Discord, the database or the
//! runtime. The one announcement loop is [`Announcer::step`]: it asks [`plan`] what to do, carries each
//! [`Action`] out through two ports the adapters implement, a [`Ledger`] (the state store's atomic
//! transitions) and an [`Outbox`] (Discord), and says when to look again. The Discord adapter calls it in a
//! loop that sleeps until then or until announcements change; the property tests call it with fake ports.
//!
//! - [`Announcement`] and its [`Status`] are the model the store persists.
//! - [`plan`] decides what to post, retry, verify or mark missed, and [`nonce`] makes posts idempotent.
//! - [`parse_when`] reads the times organisers type.
//! - [`reminders`] and [`reconcile`] turn the programme and the knowledge files into announcements.
//!
//! # Exactly once
//!
//! An announcement is posted at most once and, unless Discord is unreachable for longer than the grace
//! window, exactly once; otherwise it is marked missed and organisers are told. The loop:
//!
//! 1. for [`Action::Post`], wins the store's claim (`Scheduled -> Posting`, one atomic update, recording
//!    the channel and the marker the message will carry) before sending, and sends with `nonce` set to
//!    the action's nonce and `enforce_nonce: true`; then records the returned message id. If the send
//!    fails, the claim stays: the plan retries it;
//! 2. for [`Action::Retry`], wins the store's retry claim for that attempt number, then sends exactly as
//!    before. Only the process that made the claim retries, timed by its monotonic clock, and every
//!    request must be over before [`NONCE_WINDOW`] has passed since the claim: while Discord still
//!    answers a repeated nonce with the message it already created instead of a new one. A wall clock set
//!    back cannot stretch this;
//! 3. for [`Action::Verify`], pages through the claim's channel for the bot's own message with the claim's
//!    marker created since the claim; records it as posted if it is there, and releases the claim if not;
//! 4. if Discord refuses a post for good (missing permissions, unknown channel), marks it missed: no
//!    message exists, and retrying would not help;
//! 5. tells organisers about every missed announcement, and records that it did.
//!
//! A SIGKILL after the claim leaves the announcement `Posting`; the restarted process does not resend it,
//! but looks for its message once the window has passed and posts it again only if it is not there.
//!
//! [`plan`]: crate::schedule::plan()
//! [`nonce`]: crate::schedule::nonce()
//! [`parse_when`]: crate::schedule::parse_when()
//! [`reminders`]: crate::schedule::reminders()
//! [`reconcile`]: crate::schedule::reconcile()

pub mod agenda;
mod model;
mod plan;
pub mod programme;
mod reminders;
mod step;
pub mod sync;
#[cfg(test)]
pub(crate) mod under_faults;
mod when;

/// An announcement's text is held to the same limits wherever it is written, the knowledge included.
pub use crate::knowledge::{MAX_TEXT, check_text};
pub use agenda::AgendaEntry;
pub use model::{Announcement, AnnouncementId, Ping, Source, Status, Target};
pub use plan::{
    Action, DEFAULT_GRACE, MIN_ATTEMPT, Moment, NONCE_MAX_LEN, NONCE_WINDOW, OwnClaim, OwnClaims,
    Plan, RETRY_SPACING, SEND_MARGIN, nonce, plan,
};
pub use reminders::{
    Change, RECONCILE_ACTOR, ReminderSpec, SessionSlot, Wanted, reconcile, reminder_announcements,
    reminder_key, reminders,
};
pub use step::{
    Announcer, CLOCK_SKEW, Found, Happened, LATE, Ledger, NO_CHANNEL, NotOpened, Outbox, Post,
    REFUSED, Sent, Settings, Stepped,
};
pub use when::{ACCEPTED_FORMS, MAX_AHEAD, WhenError, parse_when};
