//! Usher answers participants' questions about an event's programme.

/// Gaps in the knowledge: unanswered questions grouped so organisers see what people ask about most.
pub mod gaps;
/// Announcement scheduling decisions: the model, when to post, reminders, and parsing of "when" input.
pub mod schedule;
/// The `SQLite` state store: announcements with their audit log, and unanswered questions.
pub mod store;
