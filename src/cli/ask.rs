//! `usher ask` and `usher explain`.

use std::io::{self, BufRead, BufWriter, Write};
use std::process::ExitCode;

use clap::Args;
use serde::Serialize;

use super::{KnowledgeArgs, NowArgs, load_engine, non_blank, terminal};
use crate::answer::{Answer, NewsItem};
use crate::config::Config;
use crate::engine::{Engine, PostedNews};
use crate::gaps::UnansweredQuestion;
use crate::store::{self, NewsIn, Store};

#[derive(Debug, Args)]
pub(crate) struct AskArgs {
    #[command(flatten)]
    knowledge: KnowledgeArgs,
    #[command(flatten)]
    now: NowArgs,
    /// Print JSON: {"matched", "answer", "topic", "confidence", "suggestions"}.
    #[arg(long)]
    json: bool,
    /// Read one question per line from standard input and answer each, in order; answers are separated
    /// by a blank line (with --json, one object per line).
    #[arg(long, conflicts_with = "question")]
    batch: bool,
    #[command(flatten)]
    record: RecordArgs,
    /// The question, e.g. "where is it?".
    #[arg(required_unless_present = "batch", value_parser = non_blank)]
    question: Option<String>,
}

/// Whether questions asked in the terminal feed `usher gaps`.
#[derive(Debug, Clone, Args)]
pub(crate) struct RecordArgs {
    /// Keep questions Usher could not answer (or answered with low confidence) for `usher gaps`, as the
    /// bot does; without it, the terminal records nothing.
    #[arg(long)]
    record: bool,
}

/// Keeps the questions of a terminal session that Usher could not answer, in the state database the bot
/// uses and through the same store code, when `--record` asks for it.
pub(crate) struct Recorder<'a> {
    config: &'a Config,
    /// Opened at the first question to keep, so a session that answers everything creates no database.
    store: Option<Store>,
    on: bool,
}

impl<'a> Recorder<'a> {
    pub(crate) fn new(config: &'a Config, args: &RecordArgs) -> Self {
        Recorder {
            config,
            store: None,
            on: args.record,
        }
    }

    /// Keeps `question` if recording is on and [`UnansweredQuestion::from_answer`] says it is a gap.
    pub(crate) fn record(
        &mut self,
        question: &str,
        answer: &Answer,
        now: jiff::Timestamp,
    ) -> anyhow::Result<()> {
        if !self.on {
            return Ok(());
        }
        let Some(question) = UnansweredQuestion::from_answer(
            question,
            answer,
            self.config.gaps.low_confidence,
            now,
            Some(TERMINAL_CHANNEL.to_owned()),
        ) else {
            return Ok(());
        };
        let store = match &mut self.store {
            Some(store) => store,
            None => self
                .store
                .insert(Store::open(store::database_path(&self.config.data_dir))?),
        };
        store.record_unanswered(&question)?;
        Ok(())
    }
}

/// The channel recorded for a question asked in the terminal, where the bot records a Discord channel.
const TERMINAL_CHANNEL: &str = "terminal";

#[derive(Debug, Args)]
pub(crate) struct ExplainArgs {
    #[command(flatten)]
    knowledge: KnowledgeArgs,
    #[command(flatten)]
    now: NowArgs,
    /// The question to explain.
    #[arg(value_parser = non_blank)]
    question: String,
}

/// The JSON form of an answer, one object per line in batch mode.
#[derive(Debug, Serialize)]
struct JsonAnswer<'a> {
    matched: bool,
    answer: &'a str,
    topic: Option<&'a str>,
    confidence: f32,
    suggestions: Vec<&'a str>,
}

impl<'a> From<&'a Answer> for JsonAnswer<'a> {
    fn from(a: &'a Answer) -> Self {
        JsonAnswer {
            matched: a.matched,
            answer: &a.text,
            topic: a.topic.as_deref(),
            // Two decimals are all a reader needs, and they keep the output stable across platforms.
            confidence: (a.confidence * 100.0).round() / 100.0,
            suggestions: a.suggestions.iter().map(|s| s.topic.as_str()).collect(),
        }
    }
}

pub(crate) fn ask(config: &Config, args: &AskArgs) -> anyhow::Result<ExitCode> {
    let engine = load_engine(config, &args.knowledge)?;
    let now = args.now.now();
    let width = terminal::width();
    let mut recorder = Recorder::new(config, &args.record);
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    if args.batch {
        let mut stdin = io::stdin().lock();
        let mut bytes = Vec::new();
        let mut first = true;
        loop {
            bytes.clear();
            if stdin.read_until(b'\n', &mut bytes)? == 0 {
                break;
            }
            // A line that is not valid UTF-8 is still a question: it gets its answer (its bad bytes
            // replaced), so every line keeps its place in the protocol.
            let line = String::from_utf8_lossy(&bytes);
            let line = line.trim_end_matches(['\n', '\r']);
            let answer = answer(config, &engine, line, now);
            // Answers run over several lines, so in text a blank line marks where the next one starts.
            if !args.json && !first {
                writeln!(out)?;
            }
            first = false;
            write_answer(&mut out, &answer, args.json, width)?;
            // Each answer goes out as soon as it is ready, so a program talking to us line by line is
            // never left waiting.
            out.flush()?;
            recorder.record(line, &answer, now)?;
        }
    } else {
        let question = args.question.as_deref().unwrap_or_default();
        let answer = answer(config, &engine, question, now);
        write_answer(&mut out, &answer, args.json, width)?;
        out.flush()?;
        recorder.record(question, &answer, now)?;
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

/// Answers a question by the engine's one news rule: this installation's state database, if a bot has
/// run here, says what was posted (see [`StateDatabase`]).
pub(crate) fn answer(
    config: &Config,
    engine: &Engine,
    question: &str,
    now: jiff::Timestamp,
) -> Answer {
    let database = StateDatabase::of(config);
    engine.answer(
        question,
        now,
        database.as_ref().map(|d| d as &dyn PostedNews),
    )
}

/// The state database of the installation the config describes, when there is one: the store the bot
/// posts from. It is opened only when a question is about the news, so most questions cost no more than
/// a look at whether the file exists. Its news is what was posted in the public announcement channel, as
/// the bot tells it to participants.
pub(crate) struct StateDatabase {
    path: std::path::PathBuf,
    channels: Vec<u64>,
}

impl StateDatabase {
    pub(crate) fn of(config: &Config) -> Option<StateDatabase> {
        let path = store::database_path(&config.data_dir);
        path.exists().then(|| StateDatabase {
            path,
            channels: Vec::from_iter(config.discord.announcement_channel),
        })
    }
}

impl PostedNews for StateDatabase {
    fn latest(&self, limit: usize) -> Vec<NewsItem> {
        Store::open(&self.path).map_or_else(
            |_| Vec::new(),
            |store| {
                NewsIn {
                    store: &store,
                    channels: &self.channels,
                }
                .latest(limit)
            },
        )
    }
}

fn write_answer(
    out: &mut impl Write,
    answer: &Answer,
    json: bool,
    width: Option<usize>,
) -> anyhow::Result<()> {
    if json {
        serde_json::to_writer(&mut *out, &JsonAnswer::from(answer))?;
        writeln!(out)?;
    } else {
        writeln!(out, "{}", terminal::wrap(&answer.text, width))?;
    }
    Ok(())
}

pub(crate) fn explain(config: &Config, args: &ExplainArgs) -> anyhow::Result<ExitCode> {
    let engine = load_engine(config, &args.knowledge)?;
    let mut out = io::stdout().lock();
    write!(out, "{}", engine.explain(&args.question, args.now.now()))?;
    Ok(ExitCode::SUCCESS)
}
