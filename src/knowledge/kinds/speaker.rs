//! `[[speaker]]`: a person who speaks. A speaker's sessions are those they list and those that list
//! them, so the speakers and the sessions are linked both ways once both are checked.

use serde::Deserialize;

use super::session::Session;
use crate::knowledge::diagnostic::Origin;
use crate::knowledge::kind::{Check, Kind, Parsed, Text};
use crate::knowledge::model::Knowledge;

/// `[[speaker]]` as written.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SpeakerEntry {
    pub id: Text,
    pub name: String,
    pub affiliation: Option<String>,
    pub bio: Option<String>,
    #[serde(default)]
    pub themes: Vec<Text>,
    /// Session ids; merged with the sessions that name this speaker.
    #[serde(default)]
    pub sessions: Vec<Text>,
    #[serde(default)]
    pub aliases: Vec<Text>,
    #[serde(default)]
    pub keywords: Vec<Text>,
}

/// A speaker, checked.
#[derive(Debug, Clone)]
pub struct Speaker {
    pub id: String,
    pub name: String,
    pub affiliation: Option<String>,
    pub bio: Option<String>,
    pub themes: Vec<String>,
    /// Indices into the sessions: those the speaker lists and those that list the speaker.
    pub sessions: Vec<usize>,
    pub aliases: Vec<String>,
    pub keywords: Vec<String>,
    pub origin: Origin,
}

impl Knowledge {
    /// Every speaker, in file order.
    pub fn speakers(&self) -> &[Speaker] {
        self.all()
    }
}

impl Kind for Speaker {
    const SECTION: &'static str = "speaker";
    const COUNTED: [&'static str; 2] = ["speaker", "speakers"];
    type Entry = SpeakerEntry;

    fn id(entry: &SpeakerEntry) -> Option<&Text> {
        Some(&entry.id)
    }

    fn keywords(entry: &SpeakerEntry) -> Vec<&Text> {
        entry.keywords.iter().chain(&entry.aliases).collect()
    }

    fn check(p: &Parsed<SpeakerEntry>, cx: &mut Check<'_>) -> Option<Speaker> {
        let f = cx.file(p.file);
        let s = &p.entry;
        Some(Speaker {
            id: s.id.get_ref().clone(),
            name: s.name.clone(),
            affiliation: s.affiliation.clone(),
            bio: s.bio.clone(),
            themes: cx.words(f, &s.themes, "theme"),
            sessions: cx.resolve_all(f, &s.sessions, Session::KIND),
            aliases: cx.words(f, &s.aliases, "alias"),
            keywords: cx.words(f, &s.keywords, "keyword"),
            origin: Origin::new(f, &p.span),
        })
    }

    /// Each on its own, then linked with the sessions, which are checked before the speakers.
    fn check_all(entries: &[Parsed<SpeakerEntry>], cx: &mut Check<'_>) -> Vec<Speaker> {
        let mut speakers: Vec<Speaker> =
            entries.iter().filter_map(|p| Self::check(p, cx)).collect();
        let sessions = cx.checked.get_mut::<Session>();
        for (si, session) in sessions.iter().enumerate() {
            for &sp in &session.speakers {
                if !speakers[sp].sessions.contains(&si) {
                    speakers[sp].sessions.push(si);
                }
            }
        }
        for speaker in &mut speakers {
            speaker.sessions.sort_unstable();
        }
        for (spi, speaker) in speakers.iter().enumerate() {
            for &si in &speaker.sessions {
                if !sessions[si].speakers.contains(&spi) {
                    sessions[si].speakers.push(spi);
                }
            }
        }
        speakers
    }
}
