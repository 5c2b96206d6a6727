//! `usher gaps`: the questions Usher could not answer, grouped with the most asked first, so a maintainer
//! sees what to add to the knowledge.

use std::io::{self, Write};
use std::process::ExitCode;

use clap::Args;

use super::NowArgs;
use crate::config::Config;
use crate::gaps;
use crate::matching;
use crate::store::{self, Store};

#[derive(Debug, Args)]
pub(crate) struct GapsArgs {
    /// Only questions asked since then: a time ago (30m, 12h, 7d, 2w) or a time (RFC 3339)
    /// [default: all that are kept, `retention_days` from the config].
    #[arg(long, value_name = "WHEN")]
    since: Option<String>,
    #[command(flatten)]
    now: NowArgs,
}

pub(crate) fn gaps(config: &Config, args: &GapsArgs) -> anyhow::Result<ExitCode> {
    let now = args.now.now();
    let since = match &args.since {
        Some(text) => gaps::parse_since(text, now)?,
        None => gaps::retention_start(config.gaps.retention_days, now),
    };
    let path = store::database_path(&config.data_dir);
    // Listing must not create a database: none there means that nothing was recorded yet.
    let questions = if path.exists() {
        Store::open(&path)?.unanswered_since(since)?
    } else {
        Vec::new()
    };
    let groups = gaps::group(&questions, matching::tokeniser());
    write!(io::stdout().lock(), "{}", gaps::render(&groups, since))?;
    Ok(ExitCode::SUCCESS)
}
