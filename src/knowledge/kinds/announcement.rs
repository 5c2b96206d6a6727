//! `[[announcement]]`: an announcement scheduled in the knowledge files, posted at its time like one an
//! organiser makes. Its text is held to the limits every announcement is held to.

use jiff::Timestamp;
use serde::Deserialize;
use toml::Spanned;
use toml::value::Datetime;

use crate::knowledge::diagnostic::Origin;
use crate::knowledge::kind::{Check, Kind, Parsed, Text};
use crate::knowledge::model::Knowledge;

/// The longest announcement, in characters: a Discord message's limit.
pub const MAX_TEXT: usize = 2000;

/// Checks an announcement's text, wherever it is written (the knowledge, `/announce`, `usher announce`):
/// not empty, and within Discord's limits. Returns it trimmed.
pub fn check_text(text: &str) -> Result<String, String> {
    let text = text.trim();
    if text.is_empty() {
        return Err("The announcement is empty.".to_string());
    }
    let length = text.chars().count();
    if length > MAX_TEXT {
        return Err(format!(
            "The announcement is {length} characters long; announcements may have {MAX_TEXT} (a Discord message's limit). Please shorten it."
        ));
    }
    Ok(text.to_string())
}

/// `[[announcement]]` as written.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AnnouncementEntry {
    pub id: Text,
    pub text: Text,
    /// When to post it: with an offset, or local time in the event's time zone.
    pub at: Spanned<Datetime>,
    /// A Discord channel id; the configured announcement channel when absent.
    pub channel: Option<Spanned<u64>>,
    /// A Discord role id to ping.
    pub ping_role: Option<Spanned<u64>>,
}

/// An announcement scheduled in the knowledge, checked.
#[derive(Debug, Clone)]
pub struct KnowledgeAnnouncement {
    pub id: String,
    pub text: String,
    pub at: Timestamp,
    pub channel: Option<u64>,
    pub ping_role: Option<u64>,
    pub origin: Origin,
}

impl Knowledge {
    /// Every announcement the knowledge schedules, in file order.
    pub fn announcements(&self) -> &[KnowledgeAnnouncement] {
        self.all()
    }
}

impl Kind for KnowledgeAnnouncement {
    const SECTION: &'static str = "announcement";
    const COUNTED: [&'static str; 2] = ["announcement", "announcements"];
    type Entry = AnnouncementEntry;

    fn id(entry: &AnnouncementEntry) -> Option<&Text> {
        Some(&entry.id)
    }

    fn check(p: &Parsed<AnnouncementEntry>, cx: &mut Check<'_>) -> Option<KnowledgeAnnouncement> {
        let f = cx.file(p.file);
        let a = &p.entry;
        if let Err(problem) = check_text(a.text.get_ref()) {
            // Diagnostics are lower-case phrases; only the first letter is lowered, so "Discord" stays a name.
            let mut chars = problem.trim_end_matches('.').chars();
            let phrase: String = chars
                .next()
                .map(|c| c.to_lowercase().chain(chars).collect())
                .unwrap_or_default();
            cx.error(f, &a.text.span(), phrase);
        }
        for (field, id) in [("channel", &a.channel), ("ping_role", &a.ping_role)] {
            if let Some(id) = id.as_ref().filter(|id| *id.get_ref() == 0) {
                cx.error(f, &id.span(), format!("`{field}`: 0 is not a Discord id"));
            }
        }
        let at = cx.zoned(f, &a.at)?;
        Some(KnowledgeAnnouncement {
            id: a.id.get_ref().clone(),
            text: a.text.get_ref().clone(),
            at: at.timestamp(),
            channel: a.channel.as_ref().map(|c| *c.get_ref()),
            ping_role: a.ping_role.as_ref().map(|r| *r.get_ref()),
            origin: Origin::new(f, &p.span),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn texts_must_be_present_and_fit() {
        assert_eq!(
            check_text("  Drinks at five.  ").as_deref(),
            Ok("Drinks at five.")
        );
        assert!(check_text("   ").is_err());
        let err = check_text(&"x".repeat(2001)).expect_err("too long");
        assert!(err.contains("2001 characters"), "{err}");
        assert!(check_text(&"x".repeat(2000)).is_ok());
    }
}
