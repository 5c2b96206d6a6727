//! `usher chat`: an interactive console with the same answers as everywhere else.
//!
//! On a terminal, lines are read with `rustyline`: arrows move and recall, Ctrl-R searches what was asked
//! before. That history lives in memory for the session only; no file is written, so nothing asked here
//! is left on disk. From a pipe or a file, lines are read one by one with no editing, which is how tests
//! and scripts talk to it.

use std::io::{self, BufRead, IsTerminal, Write};
use std::process::ExitCode;

use clap::Args;
use rustyline::DefaultEditor;
use rustyline::error::ReadlineError;

use super::ask::{RecordArgs, Recorder};
use super::{KnowledgeArgs, NowArgs, load_engine, terminal};
use crate::config::Config;

#[derive(Debug, Args)]
pub(crate) struct ChatArgs {
    #[command(flatten)]
    knowledge: KnowledgeArgs,
    #[command(flatten)]
    now: NowArgs,
    #[command(flatten)]
    record: RecordArgs,
}

/// The words that end a session, besides Ctrl-D (and Ctrl-C at the prompt).
const FAREWELLS: &[&str] = &["quit", "exit", "bye", ":q"];

const PROMPT: &str = "> ";

/// What to type for the whole of the last answer's long text (a session's full abstract and description).
const MORE: &str = "more";

/// Where questions come from: a terminal with line editing, or lines from a pipe or file.
enum Lines {
    Terminal(Box<DefaultEditor>),
    Piped {
        stdin: io::StdinLock<'static>,
        /// A person typing with the output going elsewhere still needs a prompt; a script piping
        /// questions in gets only the answers.
        prompt: bool,
    },
}

impl Lines {
    fn open() -> anyhow::Result<Lines> {
        if io::stdin().is_terminal() && io::stdout().is_terminal() {
            let config = rustyline::Config::builder().auto_add_history(true).build();
            Ok(Lines::Terminal(Box::new(DefaultEditor::with_config(
                config,
            )?)))
        } else {
            Ok(Lines::Piped {
                stdin: io::stdin().lock(),
                prompt: io::stdin().is_terminal(),
            })
        }
    }

    /// The next line, or `None` at the end of input (Ctrl-D, or Ctrl-C on a terminal).
    fn next(&mut self, out: &mut impl Write, colours: bool) -> anyhow::Result<Option<String>> {
        match self {
            Lines::Terminal(editor) => {
                let styled = terminal::bold(PROMPT, colours);
                match editor.readline(&(PROMPT, styled.as_str())) {
                    Ok(line) => Ok(Some(line)),
                    Err(ReadlineError::Eof | ReadlineError::Interrupted) => Ok(None),
                    Err(err) => Err(err.into()),
                }
            }
            Lines::Piped { stdin, prompt } => {
                if *prompt {
                    write!(out, "{PROMPT}")?;
                    out.flush()?;
                }
                let mut bytes = Vec::new();
                if stdin.read_until(b'\n', &mut bytes)? == 0 {
                    if *prompt {
                        writeln!(out)?;
                    }
                    return Ok(None);
                }
                // Bad bytes are replaced rather than ending the session, as `ask --batch` does.
                let line = String::from_utf8_lossy(&bytes);
                Ok(Some(line.trim_end_matches(['\n', '\r']).to_owned()))
            }
        }
    }
}

pub(crate) fn chat(config: &Config, args: &ChatArgs) -> anyhow::Result<ExitCode> {
    let engine = load_engine(config, &args.knowledge)?;
    let mut recorder = Recorder::new(config, &args.record);
    let mut out = io::stdout().lock();
    let colours = terminal::colours_for(&io::stdout());
    let width = terminal::width();
    let greeting = format!(
        "{} ask me about {}.\nI can tell you about {}. Type `quit` or `exit`, or press Ctrl-D, to leave.",
        terminal::bold("Usher:", colours),
        engine.knowledge().event.title,
        engine.capabilities()
    );
    writeln!(out, "{}", terminal::wrap(&greeting, width))?;
    let mut lines = Lines::open()?;
    // The rest of the last answer's long text, for `more`.
    let mut more: Option<String> = None;
    while let Some(line) = lines.next(&mut out, colours)? {
        let question = line.trim();
        if FAREWELLS.contains(&question.to_lowercase().as_str()) {
            break;
        }
        if question.is_empty() {
            continue;
        }
        if question.eq_ignore_ascii_case(MORE)
            && let Some(rest) = more.take()
        {
            writeln!(out, "{}", terminal::wrap(&rest, width))?;
            writeln!(out)?;
            continue;
        }
        // The clock is read per question, so a long session stays current unless --now pins it.
        let now = args.now.now();
        let answer = super::ask::answer(config, &engine, question, now);
        writeln!(out, "{}", terminal::wrap(&answer.text, width))?;
        more = answer
            .rich
            .as_ref()
            .and_then(|rich| rich.more.as_ref())
            .map(crate::markdown::Rich::plain);
        if more.is_some() {
            writeln!(out, "(Type `{MORE}` for the whole text.)")?;
        }
        writeln!(out)?;
        recorder.record(question, &answer, now)?;
    }
    Ok(ExitCode::SUCCESS)
}
