//! `usher chat`: an interactive console with the same answers as everywhere else.

use std::io::{self, BufRead, Write};
use std::process::ExitCode;

use clap::Args;

use super::{KnowledgeArgs, NowArgs, load_engine};
use crate::config::Config;

#[derive(Debug, Args)]
pub(crate) struct ChatArgs {
    #[command(flatten)]
    knowledge: KnowledgeArgs,
    #[command(flatten)]
    now: NowArgs,
}

pub(crate) fn chat(config: &Config, args: &ChatArgs) -> anyhow::Result<ExitCode> {
    let engine = load_engine(config, &args.knowledge)?;
    let stdin = io::stdin();
    let mut out = io::stdout().lock();
    writeln!(
        out,
        "Usher: ask me about {}.",
        engine.knowledge().event.title
    )?;
    writeln!(
        out,
        "I can tell you about {}. Type `quit` or press Ctrl-D to leave.",
        engine.capabilities()
    )?;
    let mut lines = stdin.lock().lines();
    loop {
        write!(out, "> ")?;
        out.flush()?;
        let Some(line) = lines.next() else {
            writeln!(out)?;
            break;
        };
        let line = line?;
        let question = line.trim();
        if matches!(
            question.to_lowercase().as_str(),
            "quit" | "exit" | "bye" | ":q"
        ) {
            break;
        }
        if question.is_empty() {
            continue;
        }
        // The clock is read per question, so a long session stays current unless --now pins it.
        let now = args.now.now();
        let answer = super::ask::answer(config, &engine, question, now);
        writeln!(out, "{}", answer.text)?;
        writeln!(out)?;
    }
    Ok(ExitCode::SUCCESS)
}
