//! `usher check`: validate the knowledge and say so in one line, or list every problem.

use std::io::{self, Write};
use std::process::ExitCode;

use clap::Args;

use super::KnowledgeArgs;
use crate::config::Config;
use crate::engine::Engine;
use crate::knowledge::{Knowledge, LoadError};

#[derive(Debug, Args)]
pub(crate) struct CheckArgs {
    #[command(flatten)]
    knowledge: KnowledgeArgs,
    /// Treat warnings as errors (exit 1).
    #[arg(long)]
    strict: bool,
}

pub(crate) fn check(config: &Config, args: &CheckArgs) -> ExitCode {
    let dir = args.knowledge.dir(config);
    let mut stderr = io::stderr().lock();
    match Engine::load(&dir, config.matching.thresholds()) {
        Ok(built) => {
            for w in &built.warnings {
                let _ = writeln!(stderr, "{w}");
            }
            let _ = writeln!(
                io::stdout(),
                "{}: valid: {}{}",
                dir.display(),
                summary(built.engine.knowledge()),
                match built.warnings.len() {
                    0 => String::new(),
                    n => format!(" ({n} warning(s))"),
                }
            );
            if args.strict && !built.warnings.is_empty() {
                ExitCode::FAILURE
            } else {
                ExitCode::SUCCESS
            }
        }
        Err(LoadError::Invalid(problems)) => {
            for p in &problems {
                let _ = writeln!(stderr, "{p}");
            }
            let errors = problems.iter().filter(|p| p.is_error()).count();
            let _ = writeln!(stderr, "{}: {errors} error(s)", dir.display());
            ExitCode::FAILURE
        }
        Err(LoadError::Read(err)) => {
            let _ = writeln!(stderr, "error: {err}");
            if let Some(hint) = super::knowledge_hint(&err) {
                let _ = writeln!(stderr, "{hint}");
            }
            ExitCode::FAILURE
        }
    }
}

/// "1 event, 1 venue, 2 hosts, ...": what the knowledge holds.
fn summary(k: &Knowledge) -> String {
    let parts: Vec<String> = k
        .counts()
        .into_iter()
        .map(|(n, [one, many])| format!("{n} {}", if n == 1 { one } else { many }))
        .collect();
    format!("{}; version {}", parts.join(", "), k.fingerprint)
}
