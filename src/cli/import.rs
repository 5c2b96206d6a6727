//! `usher import pretalx|frab FILE`: a conference's schedule export written as knowledge files, with what
//! changed since the last import.

use std::fs;
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, Subcommand};

use super::KnowledgeArgs;
use crate::config::Config;
use crate::import::{self, Format, ImportError, ImportOptions, Plan, Previous};

#[derive(Debug, Args)]
pub struct ImportArgs {
    #[command(subcommand)]
    format: ImportFormat,
}

#[derive(Debug, Subcommand)]
enum ImportFormat {
    /// Import pretalx's schedule.json (frab-compatible JSON, from /<event>/schedule/export/schedule.json).
    Pretalx(SourceArgs),
    /// Import a frab or pentabarf schedule.xml.
    Frab(SourceArgs),
}

#[derive(Debug, Args)]
struct SourceArgs {
    #[command(flatten)]
    knowledge: KnowledgeArgs,
    /// Print what would change and write nothing.
    #[arg(long)]
    dry_run: bool,
    /// The conference's time zone (an IANA name such as Europe/Berlin), for an export that names none
    /// or the wrong one.
    #[arg(long, value_name = "ZONE")]
    time_zone: Option<String>,
    /// The export file, or - for standard input.
    #[arg(value_name = "FILE")]
    file: PathBuf,
}

pub fn import(config: &Config, args: &ImportArgs) -> anyhow::Result<ExitCode> {
    let (format, source) = match &args.format {
        ImportFormat::Pretalx(source) => (Format::Pretalx, source),
        ImportFormat::Frab(source) => (Format::Frab, source),
    };
    let (input, text) = read_input(&source.file)?;
    let options = ImportOptions {
        time_zone: source.time_zone.clone(),
    };
    let conference = import::read(format, &text, &options).map_err(|problem| ImportError {
        input: input.clone(),
        problem,
    })?;
    let dir = source.knowledge.dir(config);
    let plan = import::plan(&conference, &dir)?;

    let mut out = io::stdout().lock();
    let slots: usize = conference.sessions.iter().map(|s| s.slots.len()).sum();
    writeln!(
        out,
        "Read \"{}\" from {input}: {} in {}, {}, {}, {}, {}.",
        conference.title,
        count(conference.sessions.len(), "session"),
        count(slots, "slot"),
        count(conference.speakers.len(), "speaker"),
        count(conference.rooms.len(), "room"),
        count(conference.tracks.len(), "track"),
        count(conference.days.len(), "day"),
    )?;
    report(&mut out, &plan, source.dry_run)?;
    if !source.dry_run {
        plan.apply()?;
    }
    Ok(ExitCode::SUCCESS)
}

/// Says what the import changes and what it writes (or would write, with `--dry-run`).
fn report(out: &mut impl Write, plan: &Plan, dry_run: bool) -> io::Result<()> {
    let folder = plan.folder.display();
    match &plan.previous {
        Previous::None => writeln!(out, "No previous import in {folder}.")?,
        Previous::Unreadable(why) => writeln!(
            out,
            "The previous import in {folder} could not be read back ({why}); it is replaced whole."
        )?,
        Previous::Read(changes) if changes.is_empty() && plan.unchanged => {
            writeln!(out, "No changes since the last import.")?;
        }
        // The entries are the same but the files are not: written by another version of Usher.
        Previous::Read(changes) if changes.is_empty() => writeln!(
            out,
            "No changes to the programme since the last import; the files are rewritten in this version's layout."
        )?,
        Previous::Read(changes) => {
            writeln!(out, "Changes since the last import:")?;
            for change in changes {
                writeln!(out, "  {change}")?;
            }
        }
    }
    if plan.unchanged {
        return writeln!(
            out,
            "The files in {folder} are up to date; nothing was written."
        );
    }
    let files = count(plan.files.len(), "file");
    if dry_run {
        writeln!(
            out,
            "Dry run: would write {files} to {folder}; nothing was written."
        )
    } else {
        writeln!(out, "Wrote {files} to {folder}.")
    }
}

/// "1 room", "5 rooms".
fn count(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

/// The export's name for messages, and its text. `-` reads standard input.
fn read_input(file: &Path) -> anyhow::Result<(String, String)> {
    let (name, bytes) = if file == Path::new("-") {
        let mut bytes = Vec::new();
        io::stdin()
            .read_to_end(&mut bytes)
            .map_err(|err| anyhow::anyhow!("could not read standard input: {err}"))?;
        ("<stdin>".to_string(), bytes)
    } else {
        let bytes = fs::read(file)
            .map_err(|err| anyhow::anyhow!("could not read {}: {err}", file.display()))?;
        (file.display().to_string(), bytes)
    };
    let text = String::from_utf8(bytes).map_err(|err| {
        anyhow::anyhow!(
            "{name} is not UTF-8 text (invalid byte at offset {})",
            err.utf8_error().valid_up_to()
        )
    })?;
    Ok((name, text))
}
