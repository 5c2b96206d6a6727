//! `usher serve` and `usher invite`: run the Discord bot, and print the link that adds it to a server.

use std::process::ExitCode;

use anyhow::Context as _;
use clap::Args;

use super::{KnowledgeArgs, load_engine};
use crate::config::Config;
use std::sync::Arc;

use crate::discord::{self, Bot, Connection, Services, SystemClock, invite, token};
use crate::live;
use crate::reload::Reloader;
use crate::store::{self, SharedStore, Store};

#[derive(Debug, Args)]
pub(crate) struct ServeArgs {
    #[command(flatten)]
    knowledge: KnowledgeArgs,
}

#[derive(Debug, Args)]
pub(crate) struct InviteArgs {
    /// The Application ID from the Discord Developer Portal [default: read from the token].
    #[arg(long, value_name = "ID", value_parser = clap::value_parser!(u64).range(1..))]
    client_id: Option<u64>,
}

/// Sends every Discord API call to this base URL instead of discord.com; for tests against a fake Discord.
pub const PROXY_ENV: &str = "USHER_DISCORD_PROXY";

fn read_token(config: &Config) -> anyhow::Result<discord::Token> {
    Ok(token::load(
        std::env::var(token::ENV).ok(),
        config.discord.token_file.as_deref(),
    )?)
}

/// Logs go to stderr, one line each; `RUST_LOG` adjusts them (default: Usher's own at info).
fn init_logging() {
    let filter = tracing_subscriber::EnvFilter::try_from_default_env().unwrap_or_else(|_| {
        tracing_subscriber::EnvFilter::new("usher=info,serenity=warn,poise=warn")
    });
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_target(false)
        .try_init();
}

pub(crate) fn serve(config: Config, args: &ServeArgs) -> anyhow::Result<ExitCode> {
    // The token is checked before anything else, so a missing one is reported at once.
    let token = read_token(&config)?;
    init_logging();
    let engine = live::shared(load_engine(&config, &args.knowledge)?);
    let reloader = Arc::new(Reloader::new(
        Arc::clone(&engine),
        args.knowledge.dir(&config),
        config.matching.thresholds(),
    ));
    let database = store::database_path(&config.data_dir);
    let store = SharedStore::new(Store::open(&database)?);
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("could not start the async runtime")?;
    runtime.block_on(async move {
        // Without a watch, `/reload` and SIGHUP still reload; a failed watch is no reason not to answer.
        let _watcher = reloader
            .watch()
            .inspect_err(|err| tracing::warn!("{err}; use /reload or SIGHUP after an edit"))
            .ok();
        #[cfg(unix)]
        let _hangups = crate::reload::reload_on_hangup(Arc::clone(&reloader))
            .inspect_err(|err| tracing::warn!("SIGHUP will not reload: {err}"));
        tokio::spawn(purge_unanswered(store.clone(), config.gaps.retention_days));
        // The one seam for end-to-end tests: a fake Discord on 127.0.0.1 instead of discord.com.
        let proxy = std::env::var(PROXY_ENV).ok().filter(|p| !p.is_empty());
        if let Some(proxy) = &proxy {
            tracing::warn!(
                proxy,
                "sending Discord API calls to {PROXY_ENV} (meant for tests)"
            );
        }
        let connection = Connection { token, proxy };
        let services = Services {
            engine,
            store,
            clock: Arc::new(SystemClock),
            reloader: Some(reloader),
        };
        let bot = Bot::start(config, services, connection).await?;
        bot.run_until(discord::shutdown_signal()).await
    })?;
    Ok(ExitCode::SUCCESS)
}

/// Deletes unanswered questions older than the retention period, at start and then once a day.
async fn purge_unanswered(store: SharedStore, retention_days: u32) {
    const DAY: std::time::Duration = std::time::Duration::from_secs(24 * 60 * 60);
    loop {
        let cutoff = crate::gaps::retention_start(retention_days, jiff::Timestamp::now());
        match store.run(move |s| s.purge_older_than(cutoff)).await {
            Ok(0) => {}
            Ok(n) => {
                tracing::info!(
                    "purged {n} unanswered question(s) older than {retention_days} days"
                );
            }
            Err(err) => tracing::warn!("could not purge old unanswered questions: {err}"),
        }
        tokio::time::sleep(DAY).await;
    }
}

pub(crate) fn invite(config: &Config, args: &InviteArgs) -> anyhow::Result<ExitCode> {
    let client_id = if let Some(id) = args.client_id {
        id
    } else {
        let token = read_token(config).context(
            "give --client-id (the Application ID on the Developer Portal's General Information page), or a token to read it from",
        )?;
        invite::client_id_from_token(token.expose())
            .context("the token does not contain an application id; give --client-id")?
    };
    println!(
        "{}",
        invite::url(client_id, config.discord.allow_everyone_ping)
    );
    Ok(ExitCode::SUCCESS)
}
