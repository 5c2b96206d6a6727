//! Usher answers participants' questions about an event's programme.
//!
//! A question travels `knowledge` (what the event's files say) -> `matching` (which entry the question is
//! about) -> `answer` (the reply, as plain text and structured facts) -> an adapter (`cli` or `discord`).
//! The core (`knowledge`, `matching`, `answer`, `schedule`, `gaps`) imports neither serenity nor tokio;
//! `store` keeps state in `SQLite`, and `config` says how an installation runs.

pub mod answer;
pub mod cli;
pub mod config;
pub mod discord;
/// Gaps in the knowledge: unanswered questions grouped so maintainers see what people ask about most.
pub mod gaps;
pub mod import;
pub mod knowledge;
pub mod live;
pub mod matching;
/// Live reload: the knowledge directory watched, and a new engine swapped in when it changes.
pub mod reload;
/// Announcement scheduling decisions: the model, when to post, reminders, and parsing of "when" input.
pub mod schedule;
/// The `SQLite` state store: announcements with their audit log, and unanswered questions.
pub mod store;
