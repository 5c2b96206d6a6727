//! End-to-end tests: the real serenity client against a fake Discord on 127.0.0.1.
//!
//! One test binary holds every e2e test, because each binary links serenity and on two cores
//! linking dominates build time. [`fake_discord`] is the harness; each other module tests one
//! part of the bot through it. To add tests, add a module here (`mod ask;` for `ask.rs`).
//!
//! The fake checks requests against Discord's `OpenAPI` spec, read from
//! `../shared/discord-api-spec/openapi.json` beside the repository, or from the file that the
//! `USHER_DISCORD_OPENAPI` environment variable names.

mod agenda;
mod announce;
mod bot;
mod crash;
mod fake_discord;
mod harness;
mod more;
mod poise_seam;
mod programme;
mod reliability;
mod reload;
mod scheduled_events;
mod serve;
