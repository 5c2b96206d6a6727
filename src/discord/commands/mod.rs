//! Usher's slash commands, one file per feature. [`all`] lists them for registration.

mod ask;
mod facets;
mod help;
pub(crate) mod maintain;

use super::types::{Data, Error};

/// Every command Usher registers.
pub fn all() -> Vec<poise::Command<Data, Error>> {
    vec![
        ask::ask(),
        facets::when(),
        facets::r#where(),
        facets::programme(),
        facets::speakers(),
        facets::findings(),
        facets::about(),
        help::help(),
        maintain::reload(),
        maintain::status(),
        maintain::gaps(),
    ]
}
