//! `[[speaker]]`: a person who speaks, or a group ("the working group", "A & B" in one record), or a
//! placeholder ("Various Speakers", "TBA"). A speaker's sessions are those they list and those that list
//! them, so the speakers and the sessions are linked both ways once both are checked.
//!
//! Exports often hold one person twice (a record per talk): two speakers with the same name are warned
//! about, naming both, unless one says it is the other (`same_as`), which merges them for answers.

use serde::Deserialize;

use super::session::Session;
use crate::knowledge::diagnostic::Origin;
use crate::knowledge::kind::{Check, Kind, Parsed, Text, quoted_list};
use crate::knowledge::model::Knowledge;

/// `[[speaker]]` as written.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SpeakerEntry {
    pub id: Text,
    pub name: String,
    /// "person" (the default), "group" or "placeholder".
    pub kind: Option<Text>,
    /// The id of the speaker this one is a duplicate record of.
    pub same_as: Option<Text>,
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
    pub kind: SpeakerKind,
    /// Index into the speakers of the record this one duplicates; its sessions are the other's too.
    pub same_as: Option<usize>,
    pub affiliation: Option<String>,
    pub bio: Option<String>,
    pub themes: Vec<String>,
    /// Indices into the sessions: those the speaker lists and those that list the speaker.
    pub sessions: Vec<usize>,
    pub aliases: Vec<String>,
    pub keywords: Vec<String>,
    pub origin: Origin,
}

/// What a speaker record stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SpeakerKind {
    #[default]
    Person,
    /// Several people in one record: a working group, "A & B".
    Group,
    /// No one yet: "Various Speakers", "TBA". Never described as a person.
    Placeholder,
}

impl SpeakerKind {
    const ALL: [SpeakerKind; 3] = [
        SpeakerKind::Person,
        SpeakerKind::Group,
        SpeakerKind::Placeholder,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            SpeakerKind::Person => "person",
            SpeakerKind::Group => "group",
            SpeakerKind::Placeholder => "placeholder",
        }
    }
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
        let kind = s.kind.as_ref().map_or(Some(SpeakerKind::Person), |k| {
            let found = SpeakerKind::ALL
                .into_iter()
                .find(|kind| kind.as_str() == k.get_ref());
            if found.is_none() {
                let names: Vec<&str> = SpeakerKind::ALL.iter().map(|k| k.as_str()).collect();
                cx.error(
                    f,
                    &k.span(),
                    format!(
                        "unknown speaker kind `{}`, expected one of {}",
                        k.get_ref(),
                        quoted_list(&names)
                    ),
                );
            }
            found
        });
        let same_as = s.same_as.as_ref().and_then(|other| {
            if other.get_ref() == s.id.get_ref() {
                cx.error(
                    f,
                    &other.span(),
                    format!("speaker `{}` is `same_as` itself", s.id.get_ref()),
                );
                return None;
            }
            cx.resolve(f, other, Self::KIND)
        });
        Some(Speaker {
            id: s.id.get_ref().clone(),
            name: s.name.clone(),
            kind: kind.unwrap_or_default(),
            same_as,
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
        check_same_names(entries, &speakers, cx);
        let sessions = cx.checked.get_mut::<Session>();
        for (si, session) in sessions.iter().enumerate() {
            for &sp in &session.speakers {
                if !speakers[sp].sessions.contains(&si) {
                    speakers[sp].sessions.push(si);
                }
            }
        }
        // A duplicate record's sessions are the ones of the speaker it is the same as.
        for i in 0..speakers.len() {
            if let Some(target) = speakers[i].same_as {
                let theirs = speakers[i].sessions.clone();
                for si in theirs {
                    if !speakers[target].sessions.contains(&si) {
                        speakers[target].sessions.push(si);
                    }
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
        // A session names the merged speaker once: the record the others are the same as.
        for session in sessions.iter_mut() {
            let mut merged: Vec<usize> = Vec::new();
            for &sp in &session.speakers {
                let one = speakers[sp].same_as.unwrap_or(sp);
                if !merged.contains(&one) {
                    merged.push(one);
                }
            }
            session.speakers = merged;
        }
        speakers
    }
}

/// Two speakers with the same name are probably one person in two records: a warning names both, unless
/// one is `same_as` the other, or they are told apart by kind (a placeholder "TBA" may appear twice).
fn check_same_names(entries: &[Parsed<SpeakerEntry>], speakers: &[Speaker], cx: &mut Check<'_>) {
    let mut first_by_name: std::collections::HashMap<String, usize> =
        std::collections::HashMap::new();
    for (i, speaker) in speakers.iter().enumerate() {
        if speaker.kind == SpeakerKind::Placeholder {
            continue;
        }
        let name = speaker
            .name
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase();
        let Some(&first) = first_by_name.get(&name) else {
            first_by_name.insert(name, i);
            continue;
        };
        let linked = |a: usize, b: usize| {
            speakers[a].same_as == Some(b)
                || speakers[b].same_as == Some(a)
                || (speakers[a].same_as.is_some() && speakers[a].same_as == speakers[b].same_as)
        };
        if linked(first, i) {
            continue;
        }
        let p = entries
            .iter()
            .find(|p| p.entry.id.get_ref() == &speaker.id)
            .expect("every checked speaker comes from an entry");
        let message = format!(
            "speakers `{}` and `{}` are both named \"{}\": if they are one person, add `same_as = \"{}\"` to `{}`",
            speakers[first].id, speaker.id, speaker.name, speakers[first].id, speaker.id
        );
        cx.warning(cx.file(p.file), &p.entry.id.span(), message);
    }
}
