//! Registering the slash commands with Discord, retried with growing pauses until it succeeds. It runs as
//! its own task, outside poise's one-shot setup, so a failed registration never keeps the bot from
//! answering: mentions, direct messages and question channels are answered meanwhile, and `/status` and the
//! log say that registration is pending.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use serenity::all::{GuildId, Http};
use tracing::{info, warn};

use super::errors::describe;
use super::lock::lock;

/// The longest pause between two attempts.
const MAX_PAUSE: Duration = Duration::from_secs(60);
/// The longest one attempt may take.
const ATTEMPT_TIMEOUT: Duration = Duration::from_secs(15);

/// Where registration stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Registration {
    /// Not done yet: how many attempts failed, and why the last one did.
    Pending {
        failed: u32,
        last_error: Option<String>,
    },
    /// Every command is registered.
    Done,
}

impl Registration {
    /// One line for `/status`.
    pub fn describe(&self) -> String {
        match self {
            Registration::Done => "Slash commands: registered.".to_string(),
            Registration::Pending {
                failed: 0,
                last_error: _,
            } => "Slash commands: registration is pending.".to_string(),
            Registration::Pending { failed, last_error } => format!(
                "Slash commands: registration is pending; {failed} attempt(s) failed, the last with: {}. \
                 Mentions, direct messages and question channels are answered meanwhile.",
                last_error.as_deref().unwrap_or("no reason given")
            ),
        }
    }
}

/// The registration state shared with `/status`.
pub type SharedRegistration = Arc<Mutex<Registration>>;

pub fn pending() -> SharedRegistration {
    Arc::new(Mutex::new(Registration::Pending {
        failed: 0,
        last_error: None,
    }))
}

/// Registers `body` (the command list as Discord takes it) in each of `guilds`, or globally when there are
/// none, trying again after 1 s, 2 s, 4 s and so on up to a minute until it succeeds.
pub async fn register_until_done(
    http: Arc<Http>,
    body: serde_json::Value,
    guilds: Vec<GuildId>,
    state: SharedRegistration,
) {
    let mut pause = Duration::from_secs(1);
    loop {
        match tokio::time::timeout(ATTEMPT_TIMEOUT, register(&http, &body, &guilds)).await {
            Ok(Ok(())) => {
                *lock(&state) = Registration::Done;
                info!(
                    guilds = guilds.len(),
                    "registered slash commands (globally when no guild is configured)"
                );
                return;
            }
            outcome => {
                let why = match outcome {
                    Ok(Err(err)) => describe(&err),
                    _ => format!("no answer within {} s", ATTEMPT_TIMEOUT.as_secs()),
                };
                let failed = {
                    let mut state = lock(&state);
                    let failed = match &*state {
                        Registration::Pending { failed, .. } => failed + 1,
                        Registration::Done => 1,
                    };
                    *state = Registration::Pending {
                        failed,
                        last_error: Some(why.clone()),
                    };
                    failed
                };
                warn!(
                    attempt = failed,
                    "slash commands are not registered yet ({why}); trying again in {} s; mentions, direct \
                     messages and question channels are answered meanwhile",
                    pause.as_secs()
                );
                tokio::time::sleep(pause).await;
                pause = (pause * 2).min(MAX_PAUSE);
            }
        }
    }
}

async fn register(
    http: &Http,
    body: &serde_json::Value,
    guilds: &[GuildId],
) -> Result<(), serenity::Error> {
    if guilds.is_empty() {
        http.create_global_commands(body).await?;
    } else {
        for guild in guilds {
            http.create_guild_commands(*guild, body).await?;
        }
    }
    Ok(())
}
