//! `usher export ics`: the programme, or one session, as an iCalendar file for calendar apps.

use std::fs;
use std::io::{self, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context as _;
use clap::{Args, Subcommand};

use super::{KnowledgeArgs, load_engine};
use crate::calendar::{self, Version};
use crate::config::Config;
use crate::knowledge;

#[derive(Debug, Args)]
pub(crate) struct ExportArgs {
    #[command(subcommand)]
    format: ExportFormat,
}

#[derive(Debug, Subcommand)]
enum ExportFormat {
    /// An RFC 5545 calendar file: one event per session time, with the event's time zone. The same
    /// knowledge gives the same bytes, so a file can be re-imported to update a calendar.
    Ics(IcsArgs),
}

#[derive(Debug, Args)]
struct IcsArgs {
    #[command(flatten)]
    knowledge: KnowledgeArgs,
    /// Only this session (its id in the knowledge) [default: every session with a time].
    #[arg(long, value_name = "ID")]
    session: Option<String>,
    /// Write the file here [default: standard output].
    #[arg(long, value_name = "FILE")]
    out: Option<PathBuf>,
}

pub(crate) fn export(config: &Config, args: &ExportArgs) -> anyhow::Result<ExitCode> {
    let ExportFormat::Ics(args) = &args.format;
    let engine = load_engine(config, &args.knowledge)?;
    let dir = args.knowledge.dir(config);
    let version = Version {
        changed: knowledge::changed_at(&dir)
            .with_context(|| format!("could not read the knowledge in {}", dir.display()))?,
    };
    let calendar = calendar::from_knowledge(engine.knowledge(), args.session.as_deref())?;
    let text = calendar::write(&calendar, version);
    match &args.out {
        None => io::stdout().lock().write_all(text.as_bytes())?,
        Some(path) => {
            // Written beside the target and renamed over it, so a reader never sees half a file.
            let partial = path.with_extension("ics.partial");
            fs::write(&partial, &text)
                .and_then(|()| fs::rename(&partial, path))
                .with_context(|| format!("could not write {}", path.display()))?;
            let count = text.matches("BEGIN:VEVENT").count();
            writeln!(
                io::stderr().lock(),
                "Wrote {count} calendar event(s) to {}.",
                path.display()
            )?;
        }
    }
    Ok(ExitCode::SUCCESS)
}
