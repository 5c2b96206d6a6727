//! The Discord adapter: serenity and poise in front of the core. Questions arrive as slash commands,
//! mentions, messages in question channels and direct messages; answers go back as embeds or plain text
//! that ping no one.
//!
//! The one seam for tests is [`Connection::proxy`]: with it, every REST call (and so the gateway URL) goes
//! to a fake Discord on 127.0.0.1 (`tests/e2e/fake_discord/`), with serenity's ratelimiter off.

pub mod checks;
pub mod commands;
pub mod cooldown;
pub mod events;
pub mod invite;
pub mod limits;
pub mod markdown;
pub mod reply;
pub mod scheduler;
pub mod token;
pub mod types;

use std::sync::Arc;
use std::time::Duration;

use anyhow::Context as _;
use serenity::all::{ClientBuilder, GatewayIntents, GuildId, HttpBuilder, ShardManager};
use tokio::task::JoinHandle;
use tracing::{error, info, warn};

use crate::config::Config;
pub use token::Token;
pub use types::{Clock, Data, Error, Services, SystemClock};

/// How to reach Discord.
#[derive(Debug, Clone)]
pub struct Connection {
    pub token: Token,
    /// Send every REST call to this base URL instead of discord.com (tests only).
    pub proxy: Option<String>,
}

/// The gateway events Usher needs: guild and direct messages with their content, and guild metadata.
pub fn intents() -> GatewayIntents {
    GatewayIntents::GUILDS
        | GatewayIntents::GUILD_MESSAGES
        | GatewayIntents::DIRECT_MESSAGES
        | GatewayIntents::MESSAGE_CONTENT
}

/// A running bot.
pub struct Bot {
    shard_manager: Arc<ShardManager>,
    task: JoinHandle<Result<(), serenity::Error>>,
    scheduler: JoinHandle<()>,
}

impl Bot {
    /// Connects to Discord and starts answering. Returns once the client is built; the gateway
    /// connection and command registration continue in the background.
    pub async fn start(
        config: Config,
        services: Services,
        connection: Connection,
    ) -> anyhow::Result<Bot> {
        let mut http = HttpBuilder::new(connection.token.expose());
        if let Some(proxy) = &connection.proxy {
            // Both are needed: with the ratelimiter on, serenity builds requests without the proxy.
            http = http.proxy(proxy.clone()).ratelimiter_disabled(true);
        }
        let http = http.build();
        let guilds: Vec<GuildId> = config
            .discord
            .guilds
            .iter()
            .map(|&g| GuildId::new(g))
            .collect();
        let failure_reports = commands::maintain::failure_reports(&config, &services);
        let data = Data::new(services, config);
        let scheduler_parts = (
            Arc::clone(&data.store),
            Arc::clone(&data.engine),
            Arc::clone(&data.clock),
            data.config.clone(),
            Arc::clone(&data.scheduler),
        );
        let framework = poise::Framework::builder()
            .options(poise::FrameworkOptions {
                commands: commands::all(),
                event_handler: |framework, event| Box::pin(events::on_event(framework, event)),
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
                    let commands = &framework.options().commands;
                    commands::register(&ctx.http, commands, &guilds).await?;
                    info!(
                        count = commands.len(),
                        guilds = guilds.len(),
                        "registered slash commands (globally when no guild is configured)"
                    );
                    info!(bot = %ready.user.name, "ready");
                    Ok(data)
                })
            })
            .build();
        let mut client = ClientBuilder::new_with_http(http, intents())
            .framework(framework)
            .await
            .context("could not build the Discord client")?;
        if let Some((channel, failures)) = failure_reports {
            let http = Arc::clone(&client.http);
            tokio::spawn(commands::maintain::post_failures(http, channel, failures));
        }
        let shard_manager = Arc::clone(&client.shard_manager);
        // The scheduler needs only REST, so it starts at once rather than after the gateway is ready: an
        // announcement due at start-up is not held up by the connection.
        let (store, engine, clock, config, wake) = scheduler_parts;
        let scheduler = scheduler::Scheduler {
            http: Arc::clone(&client.http),
            store,
            engine,
            clock,
            config,
            wake,
        }
        .spawn();
        let task = tokio::spawn(async move { client.start().await });
        Ok(Bot {
            shard_manager,
            task,
            scheduler,
        })
    }

    /// Closes the gateway connection and waits for the client to stop.
    pub async fn shutdown(self) {
        self.scheduler.abort();
        self.shard_manager.shutdown_all().await;
        match tokio::time::timeout(Duration::from_secs(5), self.task).await {
            Ok(Ok(Ok(()))) => info!("disconnected from Discord"),
            Ok(Ok(Err(err))) => warn!("the Discord client stopped with an error: {err}"),
            Ok(Err(err)) => warn!("the Discord client task failed: {err}"),
            Err(_) => warn!("the Discord client did not stop within 5 seconds"),
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
            scheduler,
        } = self;
        tokio::select! {
            result = &mut task => {
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
                    scheduler,
                }
                .shutdown()
                .await;
                Ok(())
            }
        }
    }
}

async fn on_error(err: poise::FrameworkError<'_, Data, Error>) {
    match err {
        poise::FrameworkError::Command { error, ctx, .. } => {
            error!(command = %ctx.command().name, "command failed: {error}");
            let _ = ctx
                .send(
                    reply::Reply::text("Sorry, something went wrong while answering.")
                        .ephemeral(true)
                        .to_poise(),
                )
                .await;
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
