//! The Discord adapter: serenity and poise in front of the core. Questions arrive as slash commands,
//! mentions, messages in question channels and direct messages; answers go back as embeds or plain text
//! that ping no one.
//!
//! A question travels `events` (a message) or `commands` (a slash command or a button, through `router`)
//! -> `pipeline` (the core's answer, logged and counted) -> `reply` (as Discord shows it) -> `respond` (sent
//! to the asker). Announcements travel `commands::announce` -> the store -> `scheduler` -> `announcement`.
//!
//! Long-running work (the scheduler, registering the commands, writing unanswered questions, purging old
//! ones, reporting reload failures) runs under `supervisor`, which restarts a task that panicked.
//!
//! The one seam for tests is [`Connection::proxy`]: with it, every REST call (and so the gateway URL) goes
//! to a fake Discord on 127.0.0.1 (`tests/e2e/fake_discord/`), with serenity's ratelimiter off.

pub mod announcement;
pub mod autocomplete;
pub mod checks;
pub mod commands;
pub mod connection;
pub mod cooldown;
pub mod drafts;
pub mod errors;
pub mod events;
pub mod invite;
pub mod limits;
pub mod lock;
pub mod markdown;
pub mod pipeline;
pub mod registration;
pub mod reply;
pub mod respond;
pub mod retry;
pub mod router;
pub mod scheduled_events;
pub mod scheduler;
pub mod supervisor;
pub mod token;
pub mod types;
pub mod unanswered;

use std::sync::{Arc, Mutex};
use std::time::Duration;

use anyhow::Context as _;
use serenity::all::{ChannelId, ClientBuilder, GatewayIntents, GuildId, ShardManager};
use tokio::task::JoinHandle;
use tracing::{error, info, warn};

pub use crate::clock::{Clock, SystemClock};
use crate::config::Config;
pub use connection::Connection;
use supervisor::{Maintainers, supervise};
pub use token::Token;
pub use types::{Data, Error, Services};

/// How long a shutdown waits for the gateway to close before it stops waiting; with the rest, well under
/// a second from Ctrl-C to exit.
const SHUTDOWN_WAIT: Duration = Duration::from_millis(250);

/// The gateway events Usher needs: guild and direct messages with their content, and guild metadata.
pub fn intents() -> GatewayIntents {
    GatewayIntents::GUILDS
        | GatewayIntents::GUILD_MESSAGES
        | GatewayIntents::DIRECT_MESSAGES
        | GatewayIntents::MESSAGE_CONTENT
}

/// The supervised tasks of a running bot, stopped with it; registration adds its own once the gateway is
/// ready.
type Tasks = Arc<Mutex<Vec<JoinHandle<()>>>>;

/// A running bot.
pub struct Bot {
    shard_manager: Arc<ShardManager>,
    task: JoinHandle<Result<(), serenity::Error>>,
    tasks: Tasks,
}

impl Bot {
    /// Checks the token with Discord, connects and starts answering. Returns once the client is built;
    /// the gateway connection and command registration continue in the background.
    pub async fn start(
        config: Config,
        services: Services,
        connection: Connection,
    ) -> anyhow::Result<Bot> {
        let http = connection.http()?;
        connection::check_token(&http).await?;
        let failure_reports = commands::maintain::failure_reports(&config, &services);
        let (queue, pending) = unanswered::queue(unanswered::CAPACITY);
        let data = Data::new(services, config, queue);
        let background = Background {
            store: data.store.clone(),
            engine: Arc::clone(&data.engine),
            clock: Arc::clone(&data.clock),
            config: data.config.clone(),
            wake: Arc::clone(&data.scheduler),
            pending,
            failure_reports,
            mirror_status: Arc::clone(&data.mirror_status),
        };
        let tasks: Tasks = Arc::default();
        let mut client = ClientBuilder::new_with_http(http, intents())
            .framework(framework(data, Arc::clone(&tasks)))
            .await
            .context("could not build the Discord client")?;
        let started = background.spawn(&client.http);
        lock::lock(&tasks).extend(started);
        let shard_manager = Arc::clone(&client.shard_manager);
        let task = tokio::spawn(async move { client.start().await });
        Ok(Bot {
            shard_manager,
            task,
            tasks,
        })
    }

    /// Stops every task, closes the gateway connection, and waits a moment for the client to stop.
    pub async fn shutdown(self) {
        for task in lock::lock(&self.tasks).drain(..) {
            task.abort();
        }
        let closing = self.shard_manager.shutdown_all();
        if tokio::time::timeout(SHUTDOWN_WAIT, closing).await.is_err() {
            warn!("the gateway did not close in time");
        }
        let mut task = self.task;
        match tokio::time::timeout(SHUTDOWN_WAIT, &mut task).await {
            Ok(Ok(Ok(()))) => info!("disconnected from Discord"),
            Ok(Ok(Err(err))) => warn!("the Discord client stopped with an error: {err}"),
            Ok(Err(err)) => warn!("the Discord client task failed: {err}"),
            Err(_) => {
                task.abort();
                warn!("the Discord client did not stop in time; stopped it");
            }
        }
    }

    /// Runs until the client stops by itself (an invalid token, say) or `stop` completes.
    pub async fn run_until(
        self,
        stop: impl std::future::Future<Output = ()>,
    ) -> anyhow::Result<()> {
        let Bot {
            shard_manager,
            mut task,
            tasks,
        } = self;
        tokio::select! {
            result = &mut task => {
                for task in lock::lock(&tasks).drain(..) {
                    task.abort();
                }
                match result {
                    Ok(Ok(())) => Ok(()),
                    Ok(Err(err)) => Err(anyhow::anyhow!("the Discord client stopped: {err}")),
                    Err(err) => Err(anyhow::anyhow!("the Discord client task failed: {err}")),
                }
            }
            () = stop => {
                info!("shutting down");
                Bot {
                    shard_manager,
                    task,
                    tasks,
                }
                .shutdown()
                .await;
                Ok(())
            }
        }
    }
}

/// poise with Usher's commands, buttons and error handling. Its setup, which poise runs once when the
/// gateway is ready, only starts the registration of the commands as a task of its own, retried until it
/// succeeds, and returns at once: poise answers nothing until setup returns.
fn framework(data: Data, tasks: Tasks) -> poise::Framework<Data, Error> {
    let guilds: Vec<GuildId> = data
        .config
        .discord
        .guilds
        .iter()
        .map(|&g| GuildId::new(g))
        .collect();
    let maintainer_channel = data.config.discord.maintainer_channel.map(ChannelId::new);
    let registration = Arc::clone(&data.registration);
    poise::Framework::builder()
        .options(poise::FrameworkOptions {
            commands: commands::all(),
            event_handler: |framework, event| {
                Box::pin(events::on_event(framework, event, commands::BUTTONS))
            },
            on_error: |err| Box::pin(on_error(err)),
            // poise's default pings users and the replied-to author; an answer pings no one.
            allowed_mentions: Some(reply::no_mentions()),
            // Questions in messages are read by the event handler, not as prefix commands.
            prefix_options: poise::PrefixFrameworkOptions {
                prefix: None,
                mention_as_prefix: false,
                ..Default::default()
            },
            initialize_owners: false,
            ..Default::default()
        })
        .setup(move |ctx, ready, framework| {
            Box::pin(async move {
                let body = commands::registration_body(&framework.options().commands)?;
                let http = Arc::clone(&ctx.http);
                let maintainers = Maintainers {
                    http: Arc::clone(&http),
                    channel: maintainer_channel,
                };
                let registering = supervise("slash command registration", maintainers, move || {
                    registration::register_until_done(
                        Arc::clone(&http),
                        body.clone(),
                        guilds.clone(),
                        Arc::clone(&registration),
                    )
                });
                lock::lock(&tasks).push(registering);
                info!(bot = %ready.user.name, "ready");
                Ok(data)
            })
        })
        .build()
}

/// What the bot's background tasks run on, taken before the bot's data goes to poise.
struct Background {
    store: crate::store::SharedStore,
    engine: crate::live::SharedEngine,
    clock: Arc<dyn Clock>,
    config: Config,
    wake: Arc<tokio::sync::Notify>,
    pending: unanswered::Pending,
    failure_reports: Option<(
        ChannelId,
        tokio::sync::broadcast::Receiver<Arc<crate::reload::Failure>>,
    )>,
    mirror_status: scheduled_events::MirrorStatus,
}

impl Background {
    /// Starts every background task under a supervisor. The scheduler needs only REST, so it starts at
    /// once rather than after the gateway is ready: an announcement due at start-up is not held up by the
    /// connection.
    fn spawn(self, http: &Arc<serenity::all::Http>) -> Vec<JoinHandle<()>> {
        let maintainers = Maintainers {
            http: Arc::clone(http),
            channel: self.config.discord.maintainer_channel.map(ChannelId::new),
        };
        let mut started = Vec::new();
        if let Some((channel, failures)) = self.failure_reports {
            let http = Arc::clone(http);
            let failures = Arc::new(tokio::sync::Mutex::new(failures));
            started.push(supervise(
                "report of reload failures",
                maintainers.clone(),
                move || {
                    commands::maintain::post_failures(
                        Arc::clone(&http),
                        channel,
                        Arc::clone(&failures),
                    )
                },
            ));
        }
        let (store, pending) = (self.store.clone(), self.pending);
        started.push(supervise(
            "writer of unanswered questions",
            maintainers.clone(),
            move || unanswered::write(Arc::clone(&pending), store.clone()),
        ));
        let (store, clock) = (self.store.clone(), Arc::clone(&self.clock));
        let retention_days = self.config.gaps.retention_days;
        started.push(supervise(
            "purge of old unanswered questions",
            maintainers.clone(),
            move || unanswered::purge(store.clone(), Arc::clone(&clock), retention_days),
        ));
        if let Some(selection) = self.config.discord.scheduled_events.clone() {
            let mirror = scheduled_events::Mirror {
                http: Arc::clone(http),
                store: self.store.clone(),
                engine: Arc::clone(&self.engine),
                clock: Arc::clone(&self.clock),
                selection,
                guilds: self.config.discord.guilds.clone(),
                status: self.mirror_status,
            };
            started.push(supervise(
                "mirror of scheduled events",
                maintainers.clone(),
                move || mirror.clone().run(),
            ));
        }
        let scheduler = scheduler::Scheduler {
            http: Arc::clone(http),
            store: self.store,
            engine: self.engine,
            clock: self.clock,
            config: self.config,
            wake: self.wake,
        };
        started.push(supervise(
            "announcement scheduler",
            maintainers,
            move || scheduler.clone().run(),
        ));
        started
    }
}

async fn on_error(err: poise::FrameworkError<'_, Data, Error>) {
    match err {
        poise::FrameworkError::Command { error, ctx, .. } => {
            error!(command = %ctx.command().name, "command failed: {error}");
            let _ = respond::privately(ctx, "Sorry, something went wrong while answering.").await;
        }
        // A role check that said no has told the person why already.
        poise::FrameworkError::CommandCheckFailed {
            error: None, ctx, ..
        } => {
            info!(command = %ctx.command().name, user = %ctx.author().id, "refused: lacks the role");
        }
        poise::FrameworkError::Setup { error, .. } => error!("start-up failed: {error}"),
        poise::FrameworkError::EventHandler { error, .. } => {
            error!("event handling failed: {error}");
        }
        other => {
            if let Err(e) = poise::builtins::on_error(other).await {
                error!("error while handling an error: {e}");
            }
        }
    }
}

/// Waits for Ctrl-C or SIGTERM.
pub async fn shutdown_signal() {
    let ctrl_c = async {
        if tokio::signal::ctrl_c().await.is_err() {
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
}
