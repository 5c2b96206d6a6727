//! Answers to programme questions: short, scannable lists (time, title, room, speakers where it helps),
//! at most [`SHOWN`] lines and how many more, or one session when the question means only one.

use std::fmt::Write as _;

use jiff::Timestamp;
use rustc_hash::FxHashMap;

use super::{Filter, Listing, Occurrence, Order, Programme, Query, Reply};
use crate::knowledge::{Knowledge, RoomRef};
use crate::topics::prose::{capitalise, count_words};
use crate::topics::time::{clock, long_date};
use crate::topics::{Rendered, TimeFact};

/// The most lines a list shows; the rest are counted, and a narrower question (a day, a room, a track)
/// lists them.
pub const SHOWN: usize = 6;

/// How long after a time a session starting counts as "at" it when nothing is on at that very time.
const SOON_AFTER_SECONDS: i64 = 45 * 60;

pub fn answer(p: &Programme, k: &Knowledge, q: &Query, now: Timestamp) -> Reply {
    answer_window(p, k, q, now, Window::FIRST).0
}

/// Which lines of a list to show: `count` of them from line `from` (counted from 0). A follow-up that
/// pages through a long list asks for the lines after those already shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Window {
    pub from: usize,
    pub count: usize,
}

/// The fewest lines a list leaves for later: the line saying how many more there are takes the place of
/// one of them, so hiding one or two only makes the reader ask again.
const HIDDEN_AT_LEAST: usize = 3;

impl Window {
    /// The window widened to the end of a list of `total` lines when fewer than [`HIDDEN_AT_LEAST`]
    /// would be left after it. A window narrower than a list shows (a test's, a probe's) is kept.
    #[must_use]
    pub fn fitted(self, total: usize) -> Window {
        let after = self.from.saturating_add(self.count);
        if self.count >= SHOWN && total > after && total - after < HIDDEN_AT_LEAST {
            Window {
                from: self.from,
                count: total - self.from,
            }
        } else {
            self
        }
    }

    /// The first lines, as many as a list shows.
    pub const FIRST: Window = Window {
        from: 0,
        count: SHOWN,
    };
}

/// The answer with the lines `window` asks for, and how many lines the whole list has (0 for one session
/// answered on its own).
pub fn answer_window(
    p: &Programme,
    k: &Knowledge,
    q: &Query,
    now: Timestamp,
    window: Window,
) -> (Reply, usize) {
    if q.listing != Listing::Sessions {
        return (Reply::List(Box::new(groups(p, k, q.listing))), 0);
    }
    let f = &q.filter;
    let passing: Vec<&Occurrence> = p.occurrences.iter().filter(|o| p.passes(k, o, f)).collect();
    // What is on now, next, first or last leaves cancelled sessions out; a full list keeps them, marked.
    let held: Vec<&Occurrence> = passing
        .iter()
        .copied()
        .filter(|o| !k.sessions()[o.session].cancelled)
        .collect();
    let chosen: Vec<&Occurrence> = match q.order {
        Order::All => {
            if let Some(at) = f.at {
                at_time(&passing, at)
            } else {
                // Without a day or a time, what is still to come leads: a session held several times
                // lists its next slot first.
                let (to_come, past): (Vec<&Occurrence>, Vec<&Occurrence>) =
                    passing.iter().partition(|o| o.end > now || o.start >= now);
                if f.day.is_none() {
                    to_come.into_iter().chain(past).collect()
                } else {
                    passing.clone()
                }
            }
        }
        Order::Now => held
            .iter()
            .copied()
            .filter(|o| o.start <= now && now < o.end)
            .collect(),
        Order::Next => first_group(held.iter().copied().filter(|o| o.start > now)),
        Order::First => first_group(held.iter().copied()),
        Order::Last => last_group(&held),
        Order::Previous => {
            let ended: Vec<&Occurrence> = held.iter().copied().filter(|o| o.end <= now).collect();
            last_group(&ended)
        }
    };
    // One session, held once, answers with everything about it.
    if let [one] = chosen.as_slice()
        && p.occurrences
            .iter()
            .filter(|o| o.session == one.session)
            .count()
            == 1
        && q.order != Order::Now
    {
        return (Reply::Session(one.session), 0);
    }
    let mut text = heading(p, k, q, now, chosen.len());
    let mut lines = 0;
    if chosen.is_empty() {
        if q.order == Order::Now {
            let upcoming = first_group(held.iter().copied().filter(|o| o.start > now));
            if upcoming.is_empty() {
                text.push_str(" Nothing more is scheduled.");
            } else {
                text.push_str(" Next:");
                let known = known_day(p, f, now);
                write_lines(p, k, &upcoming, f.room, known, Window::FIRST, &mut text);
            }
        }
    } else {
        let known = known_day(p, f, now);
        lines = write_lines(p, k, &chosen, q.filter.room, known, window, &mut text);
    }
    let window = window.fitted(lines);
    // The list's source is its first session, or the event when nothing is listed.
    let origin = chosen
        .first()
        .map_or(&k.event.origin, |o| &k.sessions()[o.session].origin);
    let mut rendered = Rendered::plain("Programme".to_string(), text, origin);
    rendered.times = chosen
        .iter()
        .skip(window.from)
        .take(window.count)
        .map(|o| TimeFact {
            label: k.sessions()[o.session].title.clone(),
            start: o.start,
            end: (o.end > o.start).then_some(o.end),
        })
        .collect();
    (Reply::List(Box::new(rendered)), lines)
}

/// The answer about one session as a list of one, for a command that asked for a list.
pub fn single(p: &Programme, k: &Knowledge, session: usize, q: &Query, now: Timestamp) -> Rendered {
    let chosen: Vec<&Occurrence> = p
        .occurrences
        .iter()
        .filter(|o| o.session == session)
        .collect();
    let mut text = heading(p, k, q, now, chosen.len());
    let known = known_day(p, &q.filter, now);
    write_lines(
        p,
        k,
        &chosen,
        q.filter.room,
        known,
        Window::FIRST,
        &mut text,
    );
    Rendered::plain("Programme".to_string(), text, &k.sessions()[session].origin)
}

/// Sessions that answer a question together, in the order given (best first): each with all its slots,
/// the ones still to come first.
pub fn sessions(p: &Programme, k: &Knowledge, sessions: &[usize], now: Timestamp) -> Rendered {
    let mut chosen: Vec<&Occurrence> = Vec::new();
    for &session in sessions {
        let (to_come, past): (Vec<&Occurrence>, Vec<&Occurrence>) = p
            .occurrences
            .iter()
            .filter(|o| o.session == session)
            .partition(|o| o.end > now || o.start >= now);
        chosen.extend(to_come.into_iter().chain(past));
    }
    let mut text = heading(p, k, &Query::default(), now, sessions.len());
    let known = known_day(p, &Filter::default(), now);
    write_lines(p, k, &chosen, None, known, Window::FIRST, &mut text);
    let origin = sessions
        .first()
        .map_or(&k.event.origin, |&s| &k.sessions()[s].origin);
    let mut rendered = Rendered::plain("Programme".to_string(), text, origin);
    rendered.times = chosen
        .iter()
        .take(SHOWN)
        .map(|o| TimeFact {
            label: k.sessions()[o.session].title.clone(),
            start: o.start,
            end: (o.end > o.start).then_some(o.end),
        })
        .collect();
    rendered
}

/// Sessions on at `at`, or if none, those starting soonest after it (within [`SOON_AFTER_SECONDS`]).
fn at_time<'o>(passing: &[&'o Occurrence], at: Timestamp) -> Vec<&'o Occurrence> {
    let on: Vec<&Occurrence> = passing
        .iter()
        .copied()
        .filter(|o| o.start <= at && (at < o.end || o.start == at))
        .collect();
    if !on.is_empty() {
        return on;
    }
    let soon = first_group(passing.iter().copied().filter(|o| o.start > at));
    soon.into_iter()
        .filter(|o| o.start.as_second() - at.as_second() <= SOON_AFTER_SECONDS)
        .collect()
}

/// The occurrences that start first (parallel sessions together).
fn first_group<'o>(mut it: impl Iterator<Item = &'o Occurrence>) -> Vec<&'o Occurrence> {
    let Some(first) = it.next() else {
        return Vec::new();
    };
    let start = first.start;
    std::iter::once(first)
        .chain(it.take_while(|o| o.start == start))
        .collect()
}

/// The occurrences that start last.
fn last_group<'o>(passing: &[&'o Occurrence]) -> Vec<&'o Occurrence> {
    let Some(last) = passing.last() else {
        return Vec::new();
    };
    passing
        .iter()
        .copied()
        .filter(|o| o.start == last.start)
        .collect()
}

/// "On now in Kang Room (Tuesday 18 March, 14:40):", "3 sessions of type Tutorial:".
fn heading(p: &Programme, k: &Knowledge, q: &Query, now: Timestamp, found: usize) -> String {
    let f = &q.filter;
    let zone = &p.zone;
    let scope = scope_words(p, k, f);
    if found == 0 {
        return match q.order {
            Order::Now => {
                let now = now.to_zoned_datetime(zone.clone());
                format!(
                    "Nothing is on{scope} right now ({} on {}).",
                    clock(&now),
                    long_date(&now)
                )
            }
            Order::Next => format!("Nothing more is scheduled{scope}."),
            Order::Previous => format!("Nothing has ended{scope} yet."),
            _ => {
                let mut text = format!("Nothing is scheduled{scope}.");
                if let (Some(day), Some(first), Some(last)) = (f.day, p.days.first(), p.days.last())
                    && !p.days.contains(&day)
                {
                    let _ = write!(
                        text,
                        " The programme runs from {} to {}.",
                        first.strftime("%A %-d %B"),
                        last.strftime("%A %-d %B %Y")
                    );
                }
                text
            }
        };
    }
    match q.order {
        Order::Now => {
            let now = now.to_zoned_datetime(zone.clone());
            format!("On now{scope} ({} on {}):", clock(&now), long_date(&now))
        }
        Order::Next => format!("Next{scope}:"),
        Order::First => format!("First{scope}:"),
        Order::Last => format!("Last{scope}:"),
        Order::Previous => format!("Just ended{scope}:"),
        Order::All => format!(
            "{} session{}{scope}:",
            capitalise(&count_words(found)),
            if found == 1 { "" } else { "s" }
        ),
    }
}

/// " of type Tutorial in Tsai Auditorium on Wednesday 19 March, afternoon, at 14:00".
fn scope_words(p: &Programme, k: &Knowledge, f: &Filter) -> String {
    let mut out = String::new();
    if let Some(l) = f.label {
        let _ = write!(out, " ({})", p.labels[l].name);
    }
    if let Some(s) = f.speaker {
        let _ = write!(out, " with {}", k.speakers()[s].name);
    }
    if let Some(r) = f.room {
        let _ = write!(out, " in {}", k.room_name(r));
    }
    if let Some(day) = f.day {
        let _ = write!(out, " on {}", day.strftime("%A %-d %B"));
    }
    if let Some((from, to)) = f.hours {
        let part = match (from, to) {
            (0, 12) => "in the morning",
            (12, 18) => "in the afternoon",
            _ => "in the evening",
        };
        let _ = write!(out, " {part}");
    }
    if let Some(at) = f.at {
        let _ = write!(out, " at {}", clock(&at.to_zoned_datetime(p.zone.clone())));
    }
    if let Some(after) = f.after {
        let _ = write!(
            out,
            " from {}",
            clock(&after.to_zoned_datetime(p.zone.clone()))
        );
    }
    out
}

/// The programme's tracks or kinds of session, each with how many sessions it has, in the knowledge's
/// order. Names that differ only in case, a plural "s" or a note in brackets are one ("Poster",
/// "Posters"); a track named only by the word "track" and stop words ("No Track") is not one.
fn groups(p: &Programme, k: &Knowledge, listing: Listing) -> Rendered {
    let named: Vec<(&str, usize)> = match listing {
        Listing::Tracks => k
            .tracks()
            .iter()
            .map(|t| (t.name.as_str(), t.sessions.len()))
            .collect(),
        _ => k
            .sessions()
            .iter()
            .filter_map(|s| s.kind.as_deref())
            .map(|kind| (kind, 1))
            .collect(),
    };
    let noun = match listing {
        Listing::Tracks => "track",
        _ => "kind of session",
    };
    let mut found: Vec<(String, &str, usize)> = Vec::new();
    for (name, count) in named {
        let key = super::group_words(&p.vocabulary, name).join(" ");
        if key.is_empty() {
            continue;
        }
        match found.iter_mut().find(|(seen, _, _)| *seen == key) {
            Some((_, _, total)) => *total += count,
            None => found.push((key, name, count)),
        }
    }
    let mut text = if found.len() == 1 {
        format!("One {noun}:")
    } else {
        let plural = match listing {
            Listing::Tracks => "tracks",
            _ => "kinds of session",
        };
        format!("{} {plural}:", capitalise(&count_words(found.len())))
    };
    if found.is_empty() {
        text = match listing {
            Listing::Tracks => "The programme has no tracks.".to_string(),
            _ => "The programme does not name kinds of session.".to_string(),
        };
    }
    for (_, name, count) in &found {
        let _ = write!(
            text,
            "\n- {name} ({} session{})",
            count,
            if *count == 1 { "" } else { "s" }
        );
    }
    Rendered::plain("Programme".to_string(), text, &k.event.origin)
}

/// The day a reader knows a list is on without being told on each line: the day the question named (its
/// heading says it), or else today.
fn known_day(p: &Programme, f: &Filter, now: Timestamp) -> jiff::civil::Date {
    f.day
        .unwrap_or_else(|| now.to_zoned_datetime(p.zone.clone()).date())
}

/// One line per session and start time, with every room it is in then, for the lines `window` asks for;
/// the day leads each line when the list spans days or is on a day other than `known` ("the first
/// lunch" on another day than today). Returns how many lines the whole list has.
fn write_lines(
    programme: &Programme,
    k: &Knowledge,
    chosen: &[&Occurrence],
    room_filter: Option<RoomRef>,
    known: jiff::civil::Date,
    window: Window,
    text: &mut String,
) -> usize {
    let zone = &programme.zone;
    let one_day = chosen.iter().all(|o| o.day == known);
    // The same title at the same time in several rooms is one session held in several rooms.
    let mut lines: Vec<(&Occurrence, Vec<String>)> = Vec::new();
    // The line of each start time and title, so that a long list finds a line's twin at once.
    let mut line_of: FxHashMap<(Timestamp, &str), usize> = FxHashMap::default();
    for o in chosen {
        let title = k.sessions()[o.session].title.as_str();
        // A list of one room's sessions does not repeat the room on every line.
        let room = o
            .room
            .filter(|_| room_filter.is_none())
            .map(|r| k.room_name(r).to_string());
        if let Some(&at) = line_of.get(&(o.start, title)) {
            lines[at].1.extend(room);
        } else {
            line_of.insert((o.start, title), lines.len());
            lines.push((o, room.into_iter().collect()));
        }
    }
    let total = lines.len();
    let window = window.fitted(total);
    for (o, rooms) in lines.iter().skip(window.from).take(window.count) {
        let s = &k.sessions()[o.session];
        let start = o.start.to_zoned_datetime(zone.clone());
        let mut line = String::from("\n- ");
        if !one_day {
            let _ = write!(line, "{} ", start.strftime("%a %-d %b"));
        }
        line.push_str(&clock(&start));
        if o.end > o.start {
            let _ = write!(
                line,
                "\u{2013}{}",
                clock(&o.end.to_zoned_datetime(zone.clone()))
            );
        }
        let _ = write!(line, " {}", s.title);
        if s.cancelled {
            line.push_str(" (cancelled)");
        }
        if !rooms.is_empty() {
            let _ = write!(line, " ({})", rooms.join(", "));
        }
        match s.speakers.as_slice() {
            [] => {}
            [one] => {
                let _ = write!(line, " \u{2014} {}", k.speakers()[*one].name);
            }
            [first, second] => {
                let _ = write!(
                    line,
                    " \u{2014} {} and {}",
                    k.speakers()[*first].name,
                    k.speakers()[*second].name
                );
            }
            [first, rest @ ..] => {
                let _ = write!(
                    line,
                    " \u{2014} {} and {} others",
                    k.speakers()[*first].name,
                    rest.len()
                );
            }
        }
        text.push_str(&line);
    }
    let after = window.from.saturating_add(window.count);
    if total > after {
        let _ = write!(
            text,
            "\n... and {} more; ask about a day, a room or a track to narrow it.",
            total - after
        );
    }
    total
}
