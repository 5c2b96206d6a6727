//! Usher answers participants' questions about an event's programme.
//!
//! A question travels one way: `knowledge` (what the event's files say, checked) -> `topics` (what a
//! question can be about, and how each answer is written) -> `matching` (question -> a `Match`) ->
//! `answer` (match + knowledge + now -> `Answer`) -> `engine` (the one door every adapter uses) -> an
//! adapter (`cli` or `discord`). The core (`clock`, `lexicon`, `knowledge`, `topics`, `matching`,
//! `answer`, `engine`, `schedule`, `gaps`) imports neither serenity nor tokio, nor anything above it
//! (`tests/layering.rs` holds it to that); `store` keeps state in `SQLite`, and `config` says how an
//! installation runs.

pub mod answer;
pub mod cli;
pub mod clock;
pub mod config;
pub mod discord;
pub mod engine;
/// Gaps in the knowledge: unanswered questions grouped so maintainers see what people ask about most.
pub mod gaps;
pub mod import;
pub mod knowledge;
/// How people ask about any event: stop words, question words, everyday synonyms, facet words.
pub mod lexicon;
pub mod live;
pub mod matching;
pub mod programme;
/// Live reload: the knowledge directory watched, and a new engine swapped in when it changes.
pub mod reload;
/// Announcement scheduling decisions: the model, when to post, reminders, and parsing of "when" input.
pub mod schedule;
/// The `SQLite` state store: announcements with their audit log, and unanswered questions.
pub mod store;
pub mod topics;
