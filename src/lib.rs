//! Usher answers participants' questions about an event's programme.
//!
//! A question travels `knowledge` (what the event's files say) -> `matching` (which entry the question is
//! about) -> `answer` (the reply, as plain text and structured facts) -> an adapter (`cli` or `discord`).
//! The core (`knowledge`, `matching`, `answer`, `schedule`) imports neither serenity nor tokio.

pub mod knowledge;
pub mod answer;
pub mod matching;
pub mod config;
pub mod cli;
