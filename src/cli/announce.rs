//! `usher announce list|add|cancel`: the announcement store from a terminal. A running bot picks up what
//! is added or cancelled here within seconds (its scheduler looks at the store regularly).
//!
//! Times are shown in the event's time zone with its abbreviation, in `add` and `list` alike.

use std::fmt::Write as _;
use std::io::{self, Write};
use std::process::ExitCode;

use clap::{Args, Subcommand};
use jiff::Timestamp;
use jiff::tz::TimeZone;

use super::{KnowledgeArgs, NowArgs, load_engine, non_blank, terminal};
use crate::config::Config;
use crate::gaps::printable;
use crate::schedule::{self, Announcement, AnnouncementId, MAX_TEXT, Ping, Status, check_text};
use crate::store::{self, NewAnnouncement, Store};

#[derive(Debug, Args)]
pub(crate) struct AnnounceArgs {
    #[command(subcommand)]
    command: AnnounceCommand,
}

#[derive(Debug, Subcommand)]
enum AnnounceCommand {
    /// List upcoming, overdue and recent announcements in the event's time zone; with --all, every one
    /// with its whole text, and the audit log.
    List(ListArgs),
    /// Schedule an announcement.
    Add(AddArgs),
    /// Cancel a scheduled announcement.
    Cancel {
        /// The announcement's number, from `usher announce list`: 3 or #3.
        #[arg(value_parser = announcement_id)]
        id: i64,
        /// Who cancels it, for the audit log [default: $USER].
        #[arg(long, value_parser = non_blank)]
        by: Option<String>,
        #[command(flatten)]
        now: NowArgs,
    },
}

#[derive(Debug, Args)]
struct ListArgs {
    /// Every announcement with its whole text, and who did what when.
    #[arg(long)]
    all: bool,
    #[command(flatten)]
    knowledge: KnowledgeArgs,
    #[command(flatten)]
    now: NowArgs,
}

#[derive(Debug, Args)]
struct AddArgs {
    #[command(flatten)]
    knowledge: KnowledgeArgs,
    #[command(flatten)]
    now: NowArgs,
    /// When, in the event's time zone: "2015-04-30 13:45", "13:45", "in 20 minutes", "tomorrow 09:00",
    /// or with an offset, "2015-04-30T13:45:00+02:00" (needed for a time the clocks pass twice).
    #[arg(long, value_name = "WHEN")]
    at: String,
    /// The Discord channel id [default: `announcement_channel` from the config].
    #[arg(long, value_name = "ID", value_parser = clap::value_parser!(u64).range(1..))]
    channel: Option<u64>,
    /// A Discord role id to ping [default: nobody].
    #[arg(long, value_name = "ID", value_parser = clap::value_parser!(u64).range(1..))]
    ping_role: Option<u64>,
    /// Who schedules it, for the audit log [default: $USER].
    #[arg(long, value_parser = non_blank)]
    by: Option<String>,
    /// The announcement.
    text: String,
}

/// How many characters of an announcement a line of `list` shows; `list --all` shows all of them.
const LISTED_TEXT: usize = 60;

/// The width `list --all` wraps texts at when standard output is not a terminal.
const LISTING_WIDTH: usize = 100;

/// The heading of announcements whose time has come but that no bot has posted.
const OVERDUE: &str = "due, not yet posted (is `usher serve` running?)";

/// `3` or `#3`, as `list` shows it.
fn announcement_id(value: &str) -> Result<i64, String> {
    value
        .trim()
        .strip_prefix('#')
        .unwrap_or(value.trim())
        .parse::<i64>()
        .ok()
        .filter(|&id| id > 0)
        .ok_or_else(|| "an announcement is named by its number, such as 3 or #3".to_owned())
}

fn actor(by: Option<&String>) -> String {
    by.cloned()
        .or_else(|| std::env::var("USER").ok().filter(|u| !u.trim().is_empty()))
        .unwrap_or_else(|| "terminal".to_string())
}

fn open(config: &Config) -> anyhow::Result<Store> {
    Ok(Store::open(store::database_path(&config.data_dir))?)
}

pub(crate) fn announce(config: &Config, args: &AnnounceArgs) -> anyhow::Result<ExitCode> {
    let mut out = io::stdout().lock();
    match &args.command {
        AnnounceCommand::List(list_args) => {
            let path = store::database_path(&config.data_dir);
            // Listing never creates the database: with none, nothing was ever announced here. It only
            // reads, so it works where the database cannot be written.
            if path.exists() {
                let store = Store::open_read_only(&path)?;
                let tz = listing_zone(config, &list_args.knowledge);
                write!(
                    out,
                    "{}",
                    list(&store, list_args.all, &tz, list_args.now.now())?
                )?;
            } else {
                writeln!(out, "no announcements")?;
            }
        }
        AnnounceCommand::Add(add) => add_announcement(config, add, &mut out)?,
        AnnounceCommand::Cancel { id, by, now } => {
            let mut store = open(config)?;
            let cancelled = store.cancel(AnnouncementId(*id), &actor(by.as_ref()), now.now())?;
            writeln!(out, "cancelled announcement #{}", cancelled.id)?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn add_announcement(config: &Config, add: &AddArgs, out: &mut impl Write) -> anyhow::Result<()> {
    let text = check_text(&add.text).map_err(|_| {
        // The rule is the scheduler's; the wording is the command line's.
        let length = add.text.trim().chars().count();
        if length == 0 {
            anyhow::anyhow!("the announcement is empty")
        } else {
            anyhow::anyhow!(
                "the announcement is {length} characters long; the most is {MAX_TEXT}, a Discord message's limit"
            )
        }
    })?;
    let engine = load_engine(config, &add.knowledge)?;
    let tz = &engine.knowledge().event.time_zone;
    let now = add.now.now();
    let due = schedule::parse_when(&add.at, now, tz).map_err(|e| anyhow::anyhow!("{e}"))?;
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
        local(created.due_at, tz)
    )?;
    if add.channel.is_none() && config.discord.announcement_channel.is_none() {
        let _ = writeln!(
            io::stderr(),
            "warning: there is no channel to post it in: set `announcement_channel` in the config, or \
             cancel it and add it again with --channel"
        );
    }
    Ok(())
}

/// The event's time zone for a listing; if the knowledge cannot be read, UTC, with a warning, since a
/// listing is still worth having.
fn listing_zone(config: &Config, knowledge: &KnowledgeArgs) -> TimeZone {
    let dir = knowledge.dir(config);
    let problem = match crate::knowledge::load(&dir) {
        // The zone is worth having even when other parts of the knowledge have errors.
        Ok(crate::knowledge::Checked {
            knowledge: Some(knowledge),
            ..
        }) => return knowledge.event.time_zone,
        Ok(_) => "the event is not valid".to_string(),
        Err(err) => err.to_string(),
    };
    let _ = writeln!(
        io::stderr(),
        "warning: times are in UTC: the event's time zone could not be read from {} ({problem}; \
         run `usher check`)",
        dir.display()
    );
    TimeZone::UTC
}

/// A time in the event's zone with its abbreviation: `2015-04-30 13:45 CEST`.
fn local(at: Timestamp, tz: &TimeZone) -> String {
    at.to_zoned_datetime(tz.clone())
        .strftime("%Y-%m-%d %H:%M %Z")
        .to_string()
}

/// The listing: upcoming first, then those overdue, then the rest; with `all`, every text whole and the
/// audit log after.
fn list(store: &Store, all: bool, tz: &TimeZone, now: Timestamp) -> anyhow::Result<String> {
    let mut text = String::new();
    // Messages to participants (agenda reminders, change notices) are theirs: they are not listed.
    let (overdue, upcoming): (Vec<Announcement>, Vec<Announcement>) = store
        .list_upcoming()?
        .into_iter()
        .filter(|a| a.recipient.is_none())
        .partition(|a| matches!(a.status, Status::Scheduled) && a.due_at <= now);
    let others: Vec<Announcement> = if all {
        store.list_all()?
    } else {
        store.list_recent(10)?
    }
    .into_iter()
    .filter(|a| a.status.is_final() && a.recipient.is_none())
    .collect();
    if upcoming.is_empty() && overdue.is_empty() && others.is_empty() {
        text.push_str("no announcements\n");
    }
    let width = terminal::width().unwrap_or(LISTING_WIDTH);
    for (heading, list) in [
        ("upcoming", &upcoming),
        (OVERDUE, &overdue),
        (if all { "done" } else { "recent" }, &others),
    ] {
        if list.is_empty() {
            continue;
        }
        let _ = writeln!(text, "{heading}:");
        for a in list {
            let shown = printable(&a.text);
            let line = format!(
                "  #{:<4} {:<12} {:<22} {:<9} {:<16}",
                a.id,
                a.status.name(),
                local(a.due_at, tz),
                a.source.as_str(),
                printable(&a.created_by),
            );
            if all {
                // The whole text, under its line, so a long one reads as a paragraph.
                let _ = writeln!(text, "{}", line.trim_end());
                let indent = " ".repeat(8);
                let options = textwrap::Options::new(width)
                    .break_words(false)
                    .word_separator(textwrap::WordSeparator::AsciiSpace)
                    .word_splitter(textwrap::WordSplitter::NoHyphenation)
                    .initial_indent(&indent)
                    .subsequent_indent(&indent);
                for line in textwrap::wrap(&shown, options) {
                    let _ = writeln!(text, "{line}");
                }
            } else {
                let _ = writeln!(text, "{line} {}", terminal::shortened(&shown, LISTED_TEXT));
            }
            if let schedule::Status::Missed { reason, .. } = &a.status {
                let _ = writeln!(text, "        not posted: {}", printable(reason));
            }
        }
    }
    if all {
        let audit = store.audit_all()?;
        if !audit.is_empty() {
            let _ = writeln!(text, "audit:");
            for entry in audit {
                let line = format!(
                    "  {}  #{:<4} {:<10} by {}",
                    entry
                        .at
                        .to_zoned_datetime(tz.clone())
                        .strftime("%Y-%m-%d %H:%M:%S %Z"),
                    entry.announcement_id,
                    entry.action.as_str(),
                    printable(&entry.actor),
                );
                // A detail (the text, or an edit) is cut to what is left of the line.
                let room = width.saturating_sub(line.chars().count() + 2).max(20);
                let detail = entry
                    .detail
                    .map(|d| format!(": {}", terminal::shortened(&printable(&d), room)))
                    .unwrap_or_default();
                let _ = writeln!(text, "{line}{detail}");
            }
        }
    }
    Ok(text)
}
