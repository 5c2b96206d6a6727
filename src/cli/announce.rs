//! `usher announce list|add|cancel`: the announcement store from a terminal. A running bot picks up what
//! is added or cancelled here within seconds (its scheduler looks at the store regularly).

use std::fmt::Write as _;
use std::io::{self, Write};
use std::process::ExitCode;

use clap::{Args, Subcommand};

use super::{KnowledgeArgs, NowArgs, load_engine};
use crate::config::Config;
use crate::schedule::{self, Announcement, AnnouncementId, Ping, check_text};
use crate::store::{self, NewAnnouncement, Store};

#[derive(Debug, Args)]
pub(crate) struct AnnounceArgs {
    #[command(subcommand)]
    command: AnnounceCommand,
}

#[derive(Debug, Subcommand)]
enum AnnounceCommand {
    /// List upcoming and recent announcements; with --all, every one and the audit log.
    List {
        /// Every announcement, and who did what when.
        #[arg(long)]
        all: bool,
    },
    /// Schedule an announcement.
    Add(AddArgs),
    /// Cancel a scheduled announcement.
    Cancel {
        /// The announcement's number, from `usher announce list`.
        id: i64,
        /// Who cancels it, for the audit log [default: $USER].
        #[arg(long)]
        by: Option<String>,
    },
}

#[derive(Debug, Args)]
struct AddArgs {
    #[command(flatten)]
    knowledge: KnowledgeArgs,
    #[command(flatten)]
    now: NowArgs,
    /// When, in the event's time zone: "2015-04-30 13:45", "13:45", "in 20 minutes", "tomorrow 09:00".
    #[arg(long, value_name = "WHEN")]
    at: String,
    /// The Discord channel id [default: the configured announcement channel].
    #[arg(long, value_name = "ID", value_parser = clap::value_parser!(u64).range(1..))]
    channel: Option<u64>,
    /// A Discord role id to ping [default: nobody].
    #[arg(long, value_name = "ID", value_parser = clap::value_parser!(u64).range(1..))]
    ping_role: Option<u64>,
    /// Who schedules it, for the audit log [default: $USER].
    #[arg(long)]
    by: Option<String>,
    /// The announcement.
    text: String,
}

fn actor(by: Option<&String>) -> String {
    by.cloned()
        .or_else(|| std::env::var("USER").ok())
        .unwrap_or_else(|| "terminal".to_string())
}

fn open(config: &Config) -> anyhow::Result<Store> {
    Ok(Store::open(store::database_path(&config.data_dir))?)
}

pub(crate) fn announce(config: &Config, args: &AnnounceArgs) -> anyhow::Result<ExitCode> {
    let mut out = io::stdout().lock();
    match &args.command {
        AnnounceCommand::List { all } => {
            // Listing never creates the database: with none, nothing was ever announced here.
            if store::database_path(&config.data_dir).exists() {
                let store = open(config)?;
                write!(out, "{}", list(&store, *all)?)?;
            } else {
                writeln!(out, "no announcements")?;
            }
        }
        AnnounceCommand::Add(add) => {
            let text = check_text(&add.text).map_err(|e| anyhow::anyhow!(e))?;
            let engine = load_engine(config, &add.knowledge)?;
            let now = add.now.now();
            let due = schedule::parse_when(&add.at, now, &engine.knowledge().event.time_zone)
                .map_err(|e| anyhow::anyhow!("{e}"))?;
            let mut store = open(config)?;
            let created = store.insert(
                &NewAnnouncement {
                    text,
                    channel: add.channel,
                    ping: add.ping_role.map_or(Ping::None, Ping::Role),
                    due_at: due,
                    created_by: actor(add.by.as_ref()),
                },
                now,
            )?;
            writeln!(
                out,
                "scheduled announcement #{} for {}",
                created.id,
                local(&created, &engine)
            )?;
        }
        AnnounceCommand::Cancel { id, by } => {
            let mut store = open(config)?;
            let cancelled = store.cancel(
                AnnouncementId(*id),
                &actor(by.as_ref()),
                jiff::Timestamp::now(),
            )?;
            writeln!(out, "cancelled announcement #{}", cancelled.id)?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn local(a: &Announcement, engine: &crate::matching::Engine) -> String {
    let tz = engine.knowledge().event.time_zone.clone();
    a.due_at
        .to_zoned_datetime(tz)
        .strftime("%Y-%m-%d %H:%M %Z")
        .to_string()
}

/// The listing: upcoming first, then the rest; with `all`, the audit log after.
fn list(store: &Store, all: bool) -> anyhow::Result<String> {
    let mut text = String::new();
    let upcoming = store.list_upcoming()?;
    let others: Vec<Announcement> = if all {
        store
            .list_all()?
            .into_iter()
            .filter(|a| a.status.is_final())
            .collect()
    } else {
        store
            .list_recent(10)?
            .into_iter()
            .filter(|a| a.status.is_final())
            .collect()
    };
    if upcoming.is_empty() && others.is_empty() {
        text.push_str("no announcements\n");
    }
    for (heading, list) in [
        ("upcoming", &upcoming),
        (if all { "done" } else { "recent" }, &others),
    ] {
        if list.is_empty() {
            continue;
        }
        let _ = writeln!(text, "{heading}:");
        for a in list {
            let _ = writeln!(
                text,
                "  #{:<4} {:<12} {}  {:<9} {:<16} {}",
                a.id,
                a.status.name(),
                a.due_at.strftime("%Y-%m-%d %H:%M UTC"),
                a.source.as_str(),
                a.created_by,
                a.text.replace('\n', " ")
            );
            if let schedule::Status::Missed { reason, .. } = &a.status {
                let _ = writeln!(text, "        not posted: {reason}");
            }
        }
    }
    if all {
        let audit = store.audit_all()?;
        if !audit.is_empty() {
            let _ = writeln!(text, "audit:");
            for entry in audit {
                let _ = writeln!(
                    text,
                    "  {}  #{:<4} {:<10} by {}{}",
                    entry.at.strftime("%Y-%m-%d %H:%M:%S UTC"),
                    entry.announcement_id,
                    entry.action.as_str(),
                    entry.actor,
                    entry.detail.map(|d| format!(": {d}")).unwrap_or_default()
                );
            }
        }
    }
    Ok(text)
}
