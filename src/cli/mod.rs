//! The `usher` command line: the same answers as on Discord, from the same core, with no token needed.

mod announce;
mod ask;
mod chat;
mod check;
mod export;
mod gaps;
mod import;
mod serve;
mod terminal;

use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};
use jiff::Timestamp;

use crate::clock::{Clock, FixedClock, SystemClock};
use crate::config::{self, Config};
use crate::engine::Engine;
use crate::knowledge::LoadError;

/// Usher answers participants' questions about an event's programme, on Discord or here in the terminal.
#[derive(Debug, Parser)]
#[command(name = "usher", version, propagate_version = true)]
pub struct Cli {
    /// The config file [default: config/usher.toml, if it exists].
    #[arg(long, global = true, value_name = "FILE")]
    config: Option<PathBuf>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Answer one question, or one per line of standard input with --batch.
    Ask(ask::AskArgs),
    /// Ask questions interactively, with line editing and this session's history (arrows, Ctrl-R);
    /// `more` shows the whole text a long answer shortened; `quit`, `exit` or Ctrl-D ends.
    Chat(chat::ChatArgs),
    /// Show how a question is read and scored: tokens, typo corrections, candidate topics.
    Explain(ask::ExplainArgs),
    /// Validate the knowledge files; every problem is printed as path:line:col: message.
    Check(check::CheckArgs),
    /// Run the Discord bot (needs a token in `DISCORD_TOKEN` or the secrets file).
    Serve(serve::ServeArgs),
    /// Print the link that adds Usher to a Discord server, with the permissions it needs.
    Invite(serve::InviteArgs),
    /// List, schedule or cancel announcements (the same store the bot posts from).
    Announce(announce::AnnounceArgs),
    /// List the questions Usher could not answer, grouped with the most asked first.
    Gaps(gaps::GapsArgs),
    /// Write a conference's schedule export (pretalx JSON, frab XML) as knowledge files.
    Import(import::ImportArgs),
    /// Write the programme in another format: `usher export ics` for calendar apps.
    Export(export::ExportArgs),
}

/// Where the knowledge is, shared by the commands that read it.
#[derive(Debug, Clone, Args)]
pub(crate) struct KnowledgeArgs {
    /// The knowledge directory [default: `knowledge_dir` from the config, or knowledge/].
    #[arg(long, value_name = "DIR")]
    knowledge: Option<PathBuf>,
}

/// The current time, settable so answers can be seen as of any moment.
#[derive(Debug, Clone, Args)]
pub(crate) struct NowArgs {
    /// Act as if it were this time (RFC 3339, e.g. 2026-11-29T12:00:00Z) [default: the clock].
    #[arg(long, value_name = "RFC3339", value_parser = parse_now)]
    now: Option<Timestamp>,
}

impl NowArgs {
    /// The clock a command reads: stopped at `--now`, or the system clock.
    fn clock(&self) -> Box<dyn Clock> {
        match self.now {
            Some(now) => Box::new(FixedClock(now)),
            None => Box::new(SystemClock),
        }
    }

    fn now(&self) -> Timestamp {
        self.clock().now()
    }
}

/// Runs the command line and maps the outcome to an exit code: 0 success, 1 failure, 2 usage errors
/// (clap's own).
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        Err(err) => {
            // A closed pipe (`usher ask ... | head`) is the reader's choice, not an error.
            if err
                .downcast_ref::<io::Error>()
                .is_some_and(|e| e.kind() == io::ErrorKind::BrokenPipe)
            {
                return ExitCode::SUCCESS;
            }
            let _ = writeln!(io::stderr(), "error: {}", describe(&err));
            ExitCode::FAILURE
        }
    }
}

/// An error and its causes on one line, each cause once.
///
/// Errors here include their cause in their own message ("could not open ...: permission denied") and
/// also return it as their source, as `thiserror`'s `{source}` fields do; `rusqlite`'s errors do the same
/// one level down. Printing the whole chain (`{:#}`) therefore repeated each cause. A cause is added only
/// when the text so far does not already say it, and once one is found said, the walk stops: the error
/// that said it spoke for its cause's own causes too (a context added with `anyhow` that does not name its
/// cause still gets it appended).
fn describe(err: &anyhow::Error) -> String {
    let mut text = String::new();
    for cause in err.chain() {
        let cause = cause.to_string();
        if text.is_empty() {
            text = cause;
        } else if text.contains(&cause) {
            break;
        } else {
            text.push_str(": ");
            text.push_str(&cause);
        }
    }
    text
}

/// A `--now` time: RFC 3339, in the years knowledge may name (so that the date library's own limits are
/// never what a user reads).
fn parse_now(value: &str) -> Result<Timestamp, String> {
    let years = crate::knowledge::kind::YEARS;
    let refused = || {
        format!(
            "not a time usher can act at: write an RFC 3339 time in the years {} to {}, e.g. 2026-11-29T12:00:00Z",
            years.start(),
            years.end()
        )
    };
    let at: Timestamp = value.parse().map_err(|_| refused())?;
    let year = at.to_zoned_datetime(jiff::tz::TimeZone::UTC).year();
    if u16::try_from(year).is_ok_and(|y| years.contains(&y)) {
        Ok(at)
    } else {
        Err(refused())
    }
}

/// Says how to point Usher at its knowledge when the directory is not where it looked.
pub(crate) fn knowledge_hint(err: &crate::knowledge::ReadError) -> Option<&'static str> {
    matches!(err, crate::knowledge::ReadError::Missing(_)).then_some(
        "hint: run usher in the folder that holds the knowledge directory, or pass --knowledge DIR (or set `knowledge_dir` in the config)",
    )
}

/// A value that must say something: empty or only spaces is refused as clap refuses any invalid value.
pub(crate) fn non_blank(value: &str) -> Result<String, &'static str> {
    if value.trim().is_empty() {
        Err("it is empty")
    } else {
        Ok(value.to_owned())
    }
}

fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    let config = load_config(cli.config.as_deref())?;
    match cli.command {
        Command::Ask(args) => ask::ask(&config, &args),
        Command::Chat(args) => chat::chat(&config, &args),
        Command::Explain(args) => ask::explain(&config, &args),
        Command::Check(args) => Ok(check::check(&config, &args)),
        Command::Serve(args) => serve::serve(config, &args),
        Command::Invite(args) => serve::invite(&config, &args),
        Command::Announce(args) => announce::announce(&config, &args),
        Command::Gaps(args) => gaps::gaps(&config, &args),
        Command::Import(args) => import::import(&config, &args),
        Command::Export(args) => export::export(&config, &args),
    }
}

fn load_config(path: Option<&Path>) -> anyhow::Result<Config> {
    match config::load(path) {
        Ok(config) => Ok(config),
        Err(config::ConfigError::Invalid(problems)) => {
            let mut stderr = io::stderr().lock();
            for p in &problems {
                let _ = writeln!(stderr, "{p}");
            }
            anyhow::bail!("the config is not valid ({} problem(s))", problems.len())
        }
        Err(err) => Err(err.into()),
    }
}

impl KnowledgeArgs {
    pub(crate) fn dir(&self, config: &Config) -> PathBuf {
        self.knowledge
            .clone()
            .unwrap_or_else(|| config.knowledge_dir.clone())
    }
}

/// Loads the engine for answering; invalid knowledge is printed (every problem) and is an error.
pub(crate) fn load_engine(config: &Config, args: &KnowledgeArgs) -> anyhow::Result<Engine> {
    let dir = args.dir(config);
    match Engine::load(&dir, config.matching.thresholds()) {
        Ok(built) => Ok(built.engine),
        Err(LoadError::Invalid(problems)) => {
            let mut stderr = io::stderr().lock();
            for p in &problems {
                let _ = writeln!(stderr, "{p}");
            }
            let errors = problems.iter().filter(|p| p.is_error()).count();
            anyhow::bail!(
                "the knowledge in {} is not valid ({errors} error(s)); run `usher check` for details",
                dir.display()
            )
        }
        Err(LoadError::Read(err)) => match knowledge_hint(&err) {
            Some(hint) => anyhow::bail!("could not load the knowledge: {err}\n{hint}"),
            None => Err(anyhow::Error::new(err).context("could not load the knowledge")),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, thiserror::Error)]
    #[error("could not open the state database at data/usher.sqlite3: {source}")]
    struct OpenError {
        source: io::Error,
    }

    #[test]
    fn each_cause_is_described_once() {
        let denied = io::Error::from(io::ErrorKind::PermissionDenied);
        let err = anyhow::Error::new(OpenError { source: denied });
        assert_eq!(
            describe(&err),
            "could not open the state database at data/usher.sqlite3: permission denied"
        );
        // A context that does not include its cause still shows it.
        let err = anyhow::Error::new(io::Error::from(io::ErrorKind::NotFound))
            .context("could not load the knowledge");
        assert_eq!(
            describe(&err),
            "could not load the knowledge: entity not found"
        );
    }
}
