//! The values a list of the programme can be narrowed by, as a command offers them: the event's days
//! ("Fri 6 Jun"), its rooms, its labels (kinds and tracks) and the speakers on its programme. Each comes
//! from the knowledge; what someone types is matched against them case-insensitively and with typos
//! forgiven, both while they type (suggestions) and when they send it (a [`Filter`]).

use jiff::civil::Date;

use super::reading::words;
use super::{Filter, Programme};
use crate::knowledge::{Knowledge, RoomRef};

/// One way of narrowing a list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Facet {
    Day,
    Room,
    /// A kind or track: one of the programme's labels.
    Track,
    Speaker,
}

impl Facet {
    /// The facet's name, as a command's option is called.
    pub fn name(self) -> &'static str {
        match self {
            Facet::Day => "day",
            Facet::Room => "room",
            Facet::Track => "track",
            Facet::Speaker => "speaker",
        }
    }

    /// What the facet's values are called together, for a reply naming them.
    fn plural(self) -> &'static str {
        match self {
            Facet::Day => "days",
            Facet::Room => "rooms",
            Facet::Track => "tracks and kinds of session",
            Facet::Speaker => "speakers",
        }
    }
}

/// A value that names nothing on the programme, or more than one thing equally well, with what there
/// is to choose from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unknown {
    pub facet: Facet,
    pub typed: String,
    /// The values that match what was typed equally well, or, when none matches, all of the facet's.
    pub known: Vec<String>,
    /// Whether `known` are the values it matches (it names several) rather than all there are.
    pub several: bool,
}

impl Unknown {
    /// "There is no room "Hall C" on the programme. The rooms are: Hall A, Online Stage.", or for a value
    /// that names several, "The speaker "jon" could be any of: ...". Names at most `limit` values and
    /// counts the rest.
    pub fn describe(&self, limit: usize) -> String {
        let shown: Vec<&str> = self.known.iter().take(limit).map(String::as_str).collect();
        let mut text = if self.several {
            format!(
                "The {} \"{}\" could be any of: {}",
                self.facet.name(),
                self.typed.trim(),
                shown.join(", ")
            )
        } else {
            format!(
                "There is no {} \"{}\" on the programme. The {} are: {}",
                self.facet.name(),
                self.typed.trim(),
                self.facet.plural(),
                shown.join(", ")
            )
        };
        if self.known.len() > shown.len() {
            text.push_str(&format!(" and {} more", self.known.len() - shown.len()));
        }
        text.push('.');
        text
    }
}

/// What choosing a value sets in a filter.
#[derive(Debug, Clone, Copy)]
enum Setting {
    Day(Date),
    Room(RoomRef),
    Label(usize),
    Speaker(usize),
}

/// One value of a facet: its label (what is shown and filled in), the folded forms it is known by, and
/// forms that name it only when typed whole (a date's digits are in every other date).
#[derive(Debug, Clone)]
struct Value {
    label: String,
    forms: Vec<String>,
    whole: Vec<String>,
    setting: Setting,
}

impl Value {
    fn score(&self, typed: &str) -> Option<f64> {
        if self.whole.iter().any(|w| w == typed) {
            return Some(EXACT);
        }
        score(typed, &self.forms)
    }
}

/// A match of typed text and a value: exact, a start, a part, or typed words each close to a word of it.
const EXACT: f64 = 4.0;
const STARTS: f64 = 3.0;
const CONTAINS: f64 = 2.0;
/// How alike (Jaro-Winkler) a typed word and a word of a value must be to count as a typo of it.
const ALIKE: f64 = 0.85;

/// Lower case, letters and digits only, one space between words: "Fri 6 Jun." -> "fri 6 jun".
fn fold(text: &str) -> String {
    words(text).join(" ")
}

/// How well `typed` (folded) matches a value's forms, if at all; anything matches nothing typed.
fn score(typed: &str, forms: &[String]) -> Option<f64> {
    if typed.is_empty() {
        return Some(1.0);
    }
    let mut best: Option<f64> = None;
    for form in forms {
        let s = if form == typed {
            EXACT
        } else if form.starts_with(typed) {
            STARTS
        } else if form.contains(typed) {
            CONTAINS
        } else {
            // Every typed word is the start of a word of the form or a near miss of one ("keynot",
            // "auditorum b"); the score is that of the worst, below any exact part.
            let known: Vec<&str> = form.split(' ').collect();
            let worst = typed
                .split(' ')
                .map(|t| {
                    known
                        .iter()
                        .map(|k| {
                            if k.starts_with(t) {
                                1.0
                            } else {
                                strsim::jaro_winkler(t, k)
                            }
                        })
                        .fold(0.0, f64::max)
                })
                .fold(1.0, f64::min);
            if worst < ALIKE {
                continue;
            }
            1.0 + worst * 0.9
        };
        best = Some(best.map_or(s, |b: f64| b.max(s)));
    }
    best
}

/// Every value of every facet, built once with the programme: a suggestion is asked for at each key
/// someone types, and a large programme's speakers take milliseconds to gather.
#[derive(Debug, Clone, Default)]
pub(super) struct Choices {
    days: Vec<Value>,
    rooms: Vec<Value>,
    tracks: Vec<Value>,
    speakers: Vec<Value>,
}

impl Choices {
    /// The values of `p`'s facets: the event's days (and any other day a session is held on) in
    /// order, its rooms and labels in the knowledge's order, and the speakers of its sessions that have
    /// a time, by name.
    pub(super) fn build(p: &Programme, k: &Knowledge) -> Choices {
        Choices {
            days: Choices::values(p, k, Facet::Day),
            rooms: Choices::values(p, k, Facet::Room),
            tracks: Choices::values(p, k, Facet::Track),
            speakers: Choices::values(p, k, Facet::Speaker),
        }
    }

    fn of(&self, facet: Facet) -> &[Value] {
        match facet {
            Facet::Day => &self.days,
            Facet::Room => &self.rooms,
            Facet::Track => &self.tracks,
            Facet::Speaker => &self.speakers,
        }
    }

    fn values(p: &Programme, k: &Knowledge, facet: Facet) -> Vec<Value> {
        match facet {
            Facet::Day => {
                let mut days = p.days.clone();
                for o in &p.occurrences {
                    let day = o.day;
                    if !days.contains(&day) {
                        days.push(day);
                    }
                }
                days.sort_unstable();
                let numbered: Vec<Date> = p.days.clone();
                days.into_iter()
                    .map(|day| {
                        let label = Programme::day_label(day);
                        let mut forms =
                            vec![fold(&label), fold(&day.strftime("%A %-d %B").to_string())];
                        if let Some(n) = numbered.iter().position(|d| *d == day) {
                            forms.push(format!("day {}", n + 1));
                        }
                        Value {
                            label,
                            forms,
                            whole: vec![fold(&day.to_string())],
                            setting: Setting::Day(day),
                        }
                    })
                    .collect()
            }
            Facet::Room => p
                .rooms
                .iter()
                .map(|r| {
                    let room = &k.venues()[r.room.venue].rooms[r.room.room];
                    let forms = std::iter::once(&room.name)
                        .chain(std::iter::once(&room.id))
                        .chain(&room.aliases)
                        .map(|t| fold(t))
                        .collect();
                    Value {
                        label: r.name.clone(),
                        forms,
                        whole: Vec::new(),
                        setting: Setting::Room(r.room),
                    }
                })
                .collect(),
            Facet::Track => p
                .labels
                .iter()
                .enumerate()
                .map(|(i, l)| Value {
                    label: l.name.clone(),
                    forms: vec![fold(&l.name)],
                    whole: Vec::new(),
                    setting: Setting::Label(i),
                })
                .collect(),
            Facet::Speaker => {
                let mut on: Vec<usize> = p
                    .occurrences
                    .iter()
                    .flat_map(|o| k.sessions()[o.session].speakers.iter().copied())
                    .collect();
                on.sort_unstable();
                on.dedup();
                // By name, so that a long list with nothing typed yet can be browsed.
                on.sort_by_cached_key(|s| fold(&k.speakers()[*s].name));
                on.into_iter()
                    .map(|s| {
                        let speaker = &k.speakers()[s];
                        Value {
                            label: speaker.name.clone(),
                            forms: vec![fold(&speaker.name)],
                            whole: vec![fold(&speaker.id)],
                            setting: Setting::Speaker(s),
                        }
                    })
                    .collect()
            }
        }
    }
}

impl Programme {
    /// A day as a command shows it: "Fri 6 Jun".
    pub fn day_label(day: Date) -> String {
        day.strftime("%a %-d %b").to_string()
    }

    /// The values of a facet that match what has been typed so far, best first (in the order above
    /// among equals), at most `limit`; with nothing typed, the first `limit` values.
    pub fn suggest(&self, facet: Facet, typed: &str, limit: usize) -> Vec<String> {
        let typed = fold(typed);
        let mut scored: Vec<(f64, &str)> = self
            .choices
            .of(facet)
            .iter()
            .filter_map(|v| v.score(&typed).map(|s| (s, v.label.as_str())))
            .collect();
        // A stable sort keeps the values' own order among those that match equally well.
        scored.sort_by(|a, b| b.0.total_cmp(&a.0));
        let mut labels: Vec<String> = Vec::new();
        for (_, label) in scored {
            if labels.len() == limit {
                break;
            }
            if !labels.iter().any(|l| l == label) {
                labels.push(label.to_string());
            }
        }
        labels
    }

    /// Narrows `filter` by the value of `facet` that `typed` names: the one value it matches best, or an
    /// [`Unknown`] naming what there is when it matches none, or several equally well.
    pub fn narrow(&self, filter: &mut Filter, facet: Facet, typed: &str) -> Result<(), Unknown> {
        let folded = fold(typed);
        let values = self.choices.of(facet);
        let mut scored: Vec<(f64, &Value)> = if folded.is_empty() {
            Vec::new()
        } else {
            values
                .iter()
                .filter_map(|v| v.score(&folded).map(|s| (s, v)))
                .collect()
        };
        scored.sort_by(|a, b| b.0.total_cmp(&a.0));
        let chosen = match scored.as_slice() {
            [(_, only)] => Some(*only),
            [(best, value), (next, _), ..] if best > next => Some(*value),
            _ => None,
        };
        let Some(value) = chosen else {
            let best = scored.first().map(|(s, _)| *s);
            let near: Vec<String> = scored
                .iter()
                .filter(|(s, _)| Some(*s) == best)
                .map(|(_, v)| v.label.clone())
                .collect();
            let several = !near.is_empty();
            let known = if several {
                near
            } else {
                values.iter().map(|v| v.label.clone()).collect()
            };
            return Err(Unknown {
                facet,
                typed: typed.to_string(),
                known,
                several,
            });
        };
        match value.setting {
            Setting::Day(day) => filter.day = Some(day),
            Setting::Room(room) => filter.room = Some(room),
            Setting::Label(label) => filter.label = Some(label),
            Setting::Speaker(speaker) => filter.speaker = Some(speaker),
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::programme::Window;
    use crate::programme::tests::{at, forum};

    fn suggested(facet: Facet, typed: &str) -> Vec<String> {
        let (_, p) = forum();
        p.suggest(facet, typed, 25)
    }

    #[test]
    fn days_are_offered_by_name_weekday_date_and_number() {
        assert_eq!(suggested(Facet::Day, ""), ["Mon 1 Jun", "Tue 2 Jun"]);
        assert_eq!(suggested(Facet::Day, "TUE"), ["Tue 2 Jun"]);
        assert_eq!(suggested(Facet::Day, "tuesday"), ["Tue 2 Jun"]);
        assert_eq!(suggested(Facet::Day, "day 1"), ["Mon 1 Jun"]);
        assert_eq!(suggested(Facet::Day, "2026-06-02"), ["Tue 2 Jun"]);
        assert_eq!(
            suggested(Facet::Day, "2"),
            ["Tue 2 Jun"],
            "a date's digits are matched only whole"
        );
        assert!(suggested(Facet::Day, "friday").is_empty());
    }

    #[test]
    fn rooms_tracks_and_speakers_match_parts_and_typos() {
        assert_eq!(suggested(Facet::Room, "aud"), ["Blue Auditorium"]);
        assert_eq!(suggested(Facet::Room, "auditorum"), ["Blue Auditorium"]);
        assert_eq!(suggested(Facet::Room, "room-12"), ["Room 12"]);
        assert_eq!(
            suggested(Facet::Room, ""),
            ["Blue Auditorium", "Room 12"],
            "with nothing typed, every room in order"
        );
        assert_eq!(suggested(Facet::Track, "work"), ["Workshop"]);
        assert_eq!(suggested(Facet::Track, "keynot"), ["Keynote"]);
        assert_eq!(suggested(Facet::Speaker, "lovel"), ["Ada Lovelace"]);
        assert!(suggested(Facet::Speaker, "grace").is_empty());
        let (_, p) = forum();
        assert_eq!(p.suggest(Facet::Room, "", 1), ["Blue Auditorium"]);
    }

    #[test]
    fn values_narrow_a_list_and_unknown_ones_name_what_there_is() {
        let (k, p) = forum();
        let mut filter = Filter::default();
        p.narrow(&mut filter, Facet::Room, "blue auditorium")
            .expect("a room");
        p.narrow(&mut filter, Facet::Track, "workshops")
            .expect("a kind");
        p.narrow(&mut filter, Facet::Day, "Mon 1 Jun")
            .expect("a day");
        let listed = p.list(&k, &filter, at("2026-06-01T07:00:00Z"));
        assert!(listed.text.contains("Rain"), "{}", listed.text);
        assert!(!listed.text.contains("Rivers"), "{}", listed.text);

        let unknown = p
            .narrow(&mut Filter::default(), Facet::Room, "Hall C")
            .expect_err("no such room");
        assert_eq!(unknown.known, ["Blue Auditorium", "Room 12"]);
        assert_eq!(
            unknown.describe(25),
            "There is no room \"Hall C\" on the programme. The rooms are: Blue Auditorium, Room 12."
        );
        assert_eq!(
            unknown.describe(1),
            "There is no room \"Hall C\" on the programme. The rooms are: Blue Auditorium and 1 more."
        );
        // The start of one day's name is enough; an empty value names nothing.
        assert!(p.narrow(&mut Filter::default(), Facet::Day, "t").is_ok());
        assert!(p.narrow(&mut Filter::default(), Facet::Day, " ").is_err());
    }

    #[test]
    fn a_value_two_things_match_equally_is_refused_with_both() {
        let (_, p) = forum();
        // "o" starts no room's name but is in both.
        let unknown = p
            .narrow(&mut Filter::default(), Facet::Room, "o")
            .expect_err("ambiguous");
        assert_eq!(unknown.known, ["Blue Auditorium", "Room 12"]);
        assert_eq!(
            unknown.describe(25),
            "The room \"o\" could be any of: Blue Auditorium, Room 12."
        );
    }

    #[test]
    fn a_window_pages_through_a_long_list() {
        let (k, p) = forum();
        let now = at("2026-06-01T07:00:00Z");
        let (first, lines) =
            p.list_window(&k, &Filter::default(), now, Window { from: 0, count: 2 });
        assert_eq!(lines, 4);
        assert!(first.text.contains("Opening"), "{}", first.text);
        assert!(
            first
                .text
                .ends_with("... and 2 more; ask about a day, a room or a track to narrow it."),
            "{}",
            first.text
        );
        let (rest, _) = p.list_window(&k, &Filter::default(), now, Window { from: 2, count: 2 });
        assert!(!rest.text.contains("Opening"), "{}", rest.text);
        assert!(rest.text.contains("Closing"), "{}", rest.text);
        assert!(!rest.text.contains("more;"), "{}", rest.text);
    }
}
