//! `usher gaps`: the questions Usher could not answer, grouped with the most asked first, so a maintainer
//! sees what to add to the knowledge; then the answers participants voted down most.

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
    /// Only questions asked since then: a time ago (30m, 12h, 7d, 2w) or a time (RFC 3339); never
    /// before the retention limit, `retention_days` from the config [default: all that are kept].
    #[arg(long, value_name = "WHEN")]
    since: Option<String>,
    #[command(flatten)]
    now: NowArgs,
}

pub(crate) fn gaps(config: &Config, args: &GapsArgs) -> anyhow::Result<ExitCode> {
    let now = args.now.now();
    let requested = match &args.since {
        Some(text) => Some(gaps::parse_since(text, now)?),
        None => None,
    };
    let period = gaps::period(requested, config.gaps.retention_days, now);
    let path = store::database_path(&config.data_dir);
    // Listing must not create a database: none there means that nothing was recorded yet.
    let (questions, votes) = if path.exists() {
        let store = Store::open_read_only(&path)?;
        (
            store.unanswered_since(period.since)?,
            store.votes_since(period.since)?,
        )
    } else {
        (Vec::new(), Vec::new())
    };
    let groups = gaps::group(&questions, matching::tokeniser());
    write!(
        io::stdout().lock(),
        "{}{}",
        gaps::render_period(&groups, &period),
        gaps::render_votes(&votes)
    )?;
    Ok(ExitCode::SUCCESS)
}
