//! `[[track]]`: a strand of a conference's programme ("Platform Track", "Tutorial") that sessions belong
//! to, with the colour the conference shows it in.

use serde::Deserialize;

use super::session::Session;
use crate::knowledge::diagnostic::Origin;
use crate::knowledge::kind::{Check, Kind, Parsed, Text};
use crate::knowledge::model::Knowledge;

/// `[[track]]` as written.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TrackEntry {
    pub id: Text,
    pub name: String,
    /// The colour the conference shows the track in: "#2185d0".
    pub color: Option<Text>,
    pub description: Option<String>,
    #[serde(default)]
    pub aliases: Vec<Text>,
    #[serde(default)]
    pub keywords: Vec<Text>,
}

/// A track, checked.
#[derive(Debug, Clone)]
pub struct Track {
    pub id: String,
    pub name: String,
    /// A hex colour, `#` and six digits, lower-case.
    pub color: Option<String>,
    pub description: Option<String>,
    pub aliases: Vec<String>,
    pub keywords: Vec<String>,
    /// Indices into the sessions of the sessions in the track.
    pub sessions: Vec<usize>,
    pub origin: Origin,
}

impl Knowledge {
    /// Every track, in file order.
    pub fn tracks(&self) -> &[Track] {
        self.all()
    }
}

impl Kind for Track {
    const SECTION: &'static str = "track";
    const COUNTED: [&'static str; 2] = ["track", "tracks"];
    type Entry = TrackEntry;

    fn id(entry: &TrackEntry) -> Option<&Text> {
        Some(&entry.id)
    }

    fn keywords(entry: &TrackEntry) -> Vec<&Text> {
        entry.keywords.iter().chain(&entry.aliases).collect()
    }

    fn check(p: &Parsed<TrackEntry>, cx: &mut Check<'_>) -> Option<Track> {
        let f = cx.file(p.file);
        let t = &p.entry;
        let color = t.color.as_ref().and_then(|c| {
            let colour = hex_colour(c.get_ref());
            if colour.is_none() {
                cx.error(
                    f,
                    &c.span(),
                    format!(
                        "`color` must be a hex colour such as \"#2185d0\" or \"#28a\", not `{}`",
                        c.get_ref()
                    ),
                );
            }
            colour
        });
        if t.name.trim().is_empty() {
            cx.error(
                f,
                &p.span,
                format!("track `{}` has an empty `name`", t.id.get_ref()),
            );
        }
        Some(Track {
            id: t.id.get_ref().clone(),
            name: t.name.trim().to_string(),
            color,
            description: t.description.clone(),
            aliases: cx.words(f, &t.aliases, "alias"),
            keywords: cx.words(f, &t.keywords, "keyword"),
            sessions: Vec::new(),
            origin: Origin::new(f, &p.span),
        })
    }

    fn check_all(entries: &[Parsed<TrackEntry>], cx: &mut Check<'_>) -> Vec<Track> {
        let mut tracks: Vec<Track> = entries.iter().filter_map(|p| Self::check(p, cx)).collect();
        Track::link(&mut tracks, cx);
        tracks
    }
}

impl Track {
    /// Each on its own, then linked with the sessions that name it, which are checked before the tracks.
    fn link(tracks: &mut [Track], cx: &Check<'_>) {
        for (i, session) in cx.checked.get::<Session>().iter().enumerate() {
            if let Some(track) = session.track.and_then(|t| tracks.get_mut(t)) {
                track.sessions.push(i);
            }
        }
    }
}

/// "#2185D0" or "#28a" as "#2185d0" and "#2288aa"; `None` for anything else.
fn hex_colour(text: &str) -> Option<String> {
    let digits = text.strip_prefix('#')?;
    if !digits.chars().all(|c| c.is_ascii_hexdigit()) {
        return None;
    }
    match digits.len() {
        6 => Some(format!("#{}", digits.to_ascii_lowercase())),
        3 => Some(
            std::iter::once('#')
                .chain(digits.chars().flat_map(|c| [c, c]))
                .collect::<String>()
                .to_ascii_lowercase(),
        ),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::hex_colour;

    #[test]
    fn colours_are_six_or_three_hex_digits_after_a_hash() {
        assert_eq!(hex_colour("#2185D0").as_deref(), Some("#2185d0"));
        assert_eq!(hex_colour("#28a").as_deref(), Some("#2288aa"));
        for bad in ["2185d0", "#2185d", "#gggggg", "blue", "#"] {
            assert_eq!(hex_colour(bad), None, "{bad}");
        }
    }
}
