//! End-to-end tests: the real serenity client against a fake Discord on 127.0.0.1.
//!
//! One test binary holds every e2e test, because each binary links serenity and on two cores
//! linking dominates build time. [`fake_discord`] is the harness; each other module tests one
//! part of the bot through it.

mod fake_discord;
mod harness;
mod poise_seam;
