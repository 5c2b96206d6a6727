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
/// Calendar files: the programme as RFC 5545 iCalendar text.
pub mod calendar;
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
/// Long text from event sources (Markdown) read into a structure adapters render, and its summaries.
pub mod markdown;
pub mod matching;
/// Discord's scheduled events as a mirror of the programme: what to create, update and cancel.
pub mod mirror;
/// Independent pieces of loading work shared among the machine's cores.
pub mod parallel;
/// Reasoning over the programme: what is on now and next, in a room, on a day, first and last, as lists.
pub mod programme;
/// A question's form before matching: remarks, questions outside any knowledge, yes-or-no and choice.
pub mod reading;
/// Live reload: the knowledge directory watched, and a new engine swapped in when it changes.
pub mod reload;
/// Announcement scheduling decisions: the model, when to post, reminders, and parsing of "when" input.
pub mod schedule;
/// The `SQLite` state store: announcements with their audit log, and unanswered questions.
pub mod store;
pub mod topics;
