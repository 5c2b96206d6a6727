//! `usher serve` and `usher invite`: run the Discord bot, and print the link that adds it to a server.

use std::process::ExitCode;

use anyhow::Context as _;
use clap::Args;

use super::{KnowledgeArgs, load_engine, terminal};
use crate::clock::{Clock, StartedAt, SystemClock};
use crate::config::Config;
use std::sync::Arc;

use crate::discord::{self, Bot, Connection, Services, invite, token};
use crate::live;
use crate::reload::Reloader;
use crate::store::{self, SharedStore, Store};

#[derive(Debug, Args)]
pub(crate) struct ServeArgs {
    #[command(flatten)]
    knowledge: KnowledgeArgs,
    /// Run as if the clock had read this when the bot started (RFC 3339), to rehearse an event's day:
    /// answers, announcements and reminders all follow it [default: the clock].
    #[arg(long, value_name = "RFC3339")]
    now: Option<jiff::Timestamp>,
}

#[derive(Debug, Args)]
pub(crate) struct InviteArgs {
    /// The Application ID from the Discord Developer Portal [default: read from the token].
    #[arg(long, value_name = "ID", value_parser = clap::value_parser!(u64).range(1..))]
    client_id: Option<u64>,
}

/// Sends every Discord API call to this base URL instead of discord.com; for tests against a fake Discord
/// on this machine (any other host is refused).
pub const PROXY_ENV: &str = "USHER_DISCORD_PROXY";

/// A file whose two numbers (milliseconds) move the bot's clock: how much time has passed beyond the real
/// clock, and how far the wall clock is set off. Only together with a proxy: it lets tests against a fake
/// Discord live through minutes in seconds.
pub const TEST_CLOCK_ENV: &str = "USHER_TEST_CLOCK";

fn read_token(config: &Config) -> anyhow::Result<discord::Token> {
    let from_env = std::env::var(token::ENV).ok();
    let file = config.discord.token_file.as_deref();
    let token = token::load(from_env.clone(), file)?;
    if from_env.is_none_or(|v| v.is_empty())
        && let Some(warning) = file.and_then(token::exposure)
    {
        tracing::warn!("{warning}");
    }
    Ok(token)
}

/// Logs go to stderr, one line each; `RUST_LOG` adjusts them (default: Usher's own at info). They are
/// coloured only on a terminal and without `NO_COLOR`, so a log file or journal gets plain text. The
/// websocket libraries never log, at any level: their frames carry the token.
fn init_logging() {
    let filter = tracing_subscriber::EnvFilter::try_from_default_env().unwrap_or_else(|_| {
        tracing_subscriber::EnvFilter::new("usher=info,serenity=warn,poise=warn")
    });
    let filter = SILENT_TARGETS.iter().fold(filter, |filter, target| {
        match format!("{target}=off").parse() {
            Ok(directive) => filter.add_directive(directive),
            Err(_) => filter,
        }
    });
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_ansi(terminal::colours_for(&std::io::stderr()))
        .with_target(false)
        .try_init();
}

/// Log targets that would write the token: the websocket libraries log every frame, IDENTIFY included.
const SILENT_TARGETS: &[&str] = &["tungstenite", "tokio_tungstenite"];

pub(crate) fn serve(config: Config, args: &ServeArgs) -> anyhow::Result<ExitCode> {
    init_logging();
    // The token is read before anything else, so a missing one is reported at once.
    let token = read_token(&config)?;
    // The one seam for end-to-end tests: a fake Discord on this machine instead of discord.com.
    let proxy = std::env::var(PROXY_ENV).ok().filter(|p| !p.is_empty());
    if let Some(proxy) = &proxy {
        discord::connection::loopback_only(proxy)?;
        tracing::warn!(
            proxy,
            "sending Discord API calls to {PROXY_ENV} (meant for tests)"
        );
    }
    let clock: Arc<dyn Clock> = match std::env::var_os(TEST_CLOCK_ENV) {
        Some(path) if proxy.is_some() => Arc::new(FileClock { path: path.into() }),
        Some(_) => anyhow::bail!(
            "{TEST_CLOCK_ENV} is for tests against a fake Discord; it needs {PROXY_ENV}"
        ),
        None => match args.now {
            Some(start) => Arc::new(StartedAt::new(start)),
            None => Arc::new(SystemClock),
        },
    };
    let engine = live::shared(load_engine(&config, &args.knowledge)?);
    let reloader = Arc::new(Reloader::new(
        Arc::clone(&engine),
        args.knowledge.dir(&config),
        config.matching.thresholds(),
        Arc::clone(&clock),
    ));
    let database = store::database_path(&config.data_dir);
    let store = SharedStore::new(Store::open(&database)?);
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("could not start the async runtime")?;
    let outcome = runtime.block_on(async move {
        // Without a watch, `/reload` and SIGHUP still reload; a failed watch is no reason not to answer.
        let _watcher = reloader
            .watch()
            .inspect_err(|err| tracing::warn!("{err}; use /reload or SIGHUP after an edit"))
            .ok();
        #[cfg(unix)]
        let _hangups = crate::reload::reload_on_hangup(Arc::clone(&reloader))
            .inspect_err(|err| tracing::warn!("SIGHUP will not reload: {err}"));
        let connection = Connection { token, proxy };
        let services = Services {
            engine,
            store,
            clock,
            reloader: Some(reloader),
        };
        let bot = Bot::start(config, services, connection).await?;
        bot.run_until(discord::shutdown_signal()).await
    });
    // Work still on blocking threads (a store write) is not waited for past this: stopping is prompt.
    runtime.shutdown_timeout(std::time::Duration::from_millis(100));
    outcome?;
    Ok(ExitCode::SUCCESS)
}

/// The clock `USHER_TEST_CLOCK` names: the system clock moved by the two numbers in a file the test
/// rewrites. Time passing moves both the wall clock and the monotonic one; a wall clock set off moves only
/// the wall clock.
struct FileClock {
    path: std::path::PathBuf,
}

impl FileClock {
    /// Milliseconds passed beyond the real clock, and milliseconds the wall clock is set off.
    fn offsets(&self) -> (i64, i64) {
        let text = std::fs::read_to_string(&self.path).unwrap_or_default();
        let mut numbers = text
            .split_whitespace()
            .map(|n| n.parse::<i64>().unwrap_or(0));
        (numbers.next().unwrap_or(0), numbers.next().unwrap_or(0))
    }
}

impl Clock for FileClock {
    fn now(&self) -> jiff::Timestamp {
        let (passed, off) = self.offsets();
        jiff::Timestamp::now()
            .saturating_add(jiff::SignedDuration::from_millis(
                passed.saturating_add(off),
            ))
            .unwrap_or(jiff::Timestamp::MAX)
    }

    fn instant(&self) -> std::time::Instant {
        let (passed, _) = self.offsets();
        std::time::Instant::now() + std::time::Duration::from_millis(passed.max(0).unsigned_abs())
    }

    fn jumped(&self) -> std::pin::Pin<Box<dyn std::future::Future<Output = ()> + Send + '_>> {
        Box::pin(async move {
            let before = self.offsets();
            while self.offsets() == before {
                tokio::time::sleep(std::time::Duration::from_millis(50)).await;
            }
        })
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
        invite::url(
            client_id,
            config.discord.allow_everyone_ping,
            config.discord.scheduled_events.is_some(),
        )
    );
    Ok(ExitCode::SUCCESS)
}
