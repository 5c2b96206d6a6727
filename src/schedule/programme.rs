//! Changes to the programme between the version last announced and the one loaded now: which sessions
//! moved (in time or room), were removed, added or retitled, and what participants are told about them.
//!
//! The store remembers the programme it last announced (as [`ProgrammeSlot`]s), and records the new one
//! in the same transaction as the messages about the difference, so a restart never repeats them; and
//! since the difference is computed from the two versions, a reload that changes nothing in the
//! programme says nothing. The messages are [`Wanted`] announcements the one loop posts exactly once: one
//! summary for the announcement channel, and one direct message per participant whose agenda holds a
//! changed session.

use std::collections::{BTreeMap, HashMap};

use jiff::Timestamp;
use jiff::tz::TimeZone;
use serde::{Deserialize, Serialize};

use super::agenda::AgendaEntry;
use super::reminders::Wanted;
use super::{MAX_TEXT, Ping, nonce};
use crate::knowledge::Knowledge;

/// A session as the change summary compares it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProgrammeSlot {
    pub id: String,
    pub title: String,
    /// The earliest time it is held, and where.
    pub start: Option<Timestamp>,
    pub end: Option<Timestamp>,
    pub room: Option<String>,
    /// Every time it is held, soonest first (empty without an exact time). `None` in a programme the
    /// store recorded before the times were kept: such a session is compared by its earliest time only,
    /// so that the first sync after an upgrade does not report every session held twice as changed.
    #[serde(default)]
    pub times: Option<Vec<HeldAt>>,
    /// Marked cancelled in the knowledge. Absent, so false, in a programme recorded before sessions could
    /// be marked.
    #[serde(default)]
    pub cancelled: bool,
}

/// One time a session is held, and where.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HeldAt {
    pub start: Timestamp,
    pub end: Option<Timestamp>,
    pub room: Option<String>,
}

impl ProgrammeSlot {
    /// Whether it is held at the same times in the same rooms as `other`.
    fn same_times(&self, other: &ProgrammeSlot) -> bool {
        let first = self.start == other.start && self.end == other.end && self.room == other.room;
        match (&self.times, &other.times) {
            (Some(mine), Some(theirs)) => first && mine == theirs,
            _ => first,
        }
    }

    /// Whether any of its start times differs from `other`'s, so that its reminders move.
    fn starts_moved(&self, other: &ProgrammeSlot) -> bool {
        let starts = |s: &ProgrammeSlot| -> Option<Vec<Timestamp>> {
            s.times
                .as_ref()
                .map(|times| times.iter().map(|t| t.start).collect())
        };
        self.start != other.start
            || matches!((starts(self), starts(other)), (Some(a), Some(b)) if a != b)
    }

    /// Whether it is held more than once, as far as the record says.
    fn held_several_times(&self) -> bool {
        self.times.as_ref().is_some_and(|times| times.len() > 1)
    }
}

/// The programme of `k`, in order of its sessions.
pub fn programme(k: &Knowledge) -> Vec<ProgrammeSlot> {
    k.sessions()
        .iter()
        .map(|s| {
            let mut times: Vec<HeldAt> = s
                .slots
                .iter()
                .map(|slot| HeldAt {
                    start: slot.start.timestamp(),
                    end: slot.end.as_ref().map(jiff::ZonedDateTime::timestamp),
                    room: slot.room.map(|r| k.room_name(r).to_string()),
                })
                .collect();
            times.sort_by_key(|t| t.start);
            ProgrammeSlot {
                id: s.id.clone(),
                title: s.title.clone(),
                start: s.start.as_ref().map(jiff::ZonedDateTime::timestamp),
                end: s.end.as_ref().map(jiff::ZonedDateTime::timestamp),
                room: s.room.map(|r| k.room_name(r).to_string()),
                times: Some(times),
                cancelled: s.cancelled,
            }
        })
        .collect()
}

/// One session that changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ProgrammeChange {
    Added(ProgrammeSlot),
    Removed(ProgrammeSlot),
    /// Marked cancelled; still in the knowledge, with the time it would have been held.
    Cancelled(ProgrammeSlot),
    /// Moved in time or room, retitled, or several of these.
    Changed {
        before: ProgrammeSlot,
        after: ProgrammeSlot,
    },
}

impl ProgrammeChange {
    /// The session's id.
    pub fn session(&self) -> &str {
        match self {
            ProgrammeChange::Added(s)
            | ProgrammeChange::Removed(s)
            | ProgrammeChange::Cancelled(s) => &s.id,
            ProgrammeChange::Changed { after, .. } => &after.id,
        }
    }

    /// One line saying what changed, with times in the event's zone.
    pub fn describe(&self, tz: &TimeZone) -> String {
        match self {
            ProgrammeChange::Added(s) => format!("Added: {}{}.", s.title, slot(s, tz)),
            ProgrammeChange::Removed(s) => {
                format!("Removed: {}{}.", s.title, slot(s, tz))
            }
            ProgrammeChange::Cancelled(s) => format!("Cancelled: {}{}.", s.title, slot(s, tz)),
            ProgrammeChange::Changed { before, after } => {
                let mut parts = Vec::new();
                if before.cancelled && !after.cancelled {
                    parts.push("no longer cancelled".to_owned());
                }
                if before.title != after.title {
                    parts.push(format!("now titled \u{201c}{}\u{201d}", after.title));
                }
                if (before.held_several_times() || after.held_several_times())
                    && !before.same_times(after)
                {
                    // Each time with its room: a later time that moved is news too, and rooms can
                    // differ from one time to the next.
                    parts.push(format!(
                        "now held {} (was {})",
                        all_times(after, tz),
                        all_times(before, tz)
                    ));
                } else {
                    if before.start != after.start || before.end != after.end {
                        parts.push(format!(
                            "moved to {} (was {})",
                            time(after, tz),
                            time(before, tz)
                        ));
                    }
                    if before.room != after.room {
                        parts.push(format!(
                            "now in {} (was {})",
                            after.room.as_deref().unwrap_or("no set room"),
                            before.room.as_deref().unwrap_or("no set room")
                        ));
                    }
                }
                format!("Changed: {}: {}.", before.title, parts.join("; "))
            }
        }
    }
}

/// ", Sat 6 Jun 10:00, Room A": the slot of a session, as far as it is known (every one, if several).
fn slot(s: &ProgrammeSlot, tz: &TimeZone) -> String {
    if s.held_several_times() {
        return format!(", {}", all_times(s, tz));
    }
    let mut out = String::new();
    if s.start.is_some() {
        out.push_str(", ");
        out.push_str(&time(s, tz));
    }
    if let Some(room) = &s.room {
        out.push_str(", ");
        out.push_str(room);
    }
    out
}

/// "Sat 6 Jun 10:00-11:00", or "no set time".
fn time(s: &ProgrammeSlot, tz: &TimeZone) -> String {
    let Some(start) = s.start else {
        return "no set time".to_owned();
    };
    let mut out = tz
        .to_datetime(start)
        .strftime("%a %-d %b %H:%M")
        .to_string();
    if let Some(end) = s.end {
        out.push('-');
        out.push_str(&tz.to_datetime(end).strftime("%H:%M").to_string());
    }
    out
}

/// "Mon 1 Jun 10:00-11:00, Room A; Tue 2 Jun 14:00-15:00, Room B": every time a session is held.
fn all_times(s: &ProgrammeSlot, tz: &TimeZone) -> String {
    let Some(times) = s.times.as_ref().filter(|t| !t.is_empty()) else {
        return time(s, tz);
    };
    times
        .iter()
        .map(|held| {
            let one = ProgrammeSlot {
                start: Some(held.start),
                end: held.end,
                room: held.room.clone(),
                times: None,
                ..s.clone()
            };
            match &held.room {
                Some(room) => format!("{}, {room}", time(&one, tz)),
                None => time(&one, tz),
            }
        })
        .collect::<Vec<_>>()
        .join("; ")
}

/// What changed from `before` to `after`, sessions matched by id; in the order of `after`, then removals.
pub fn diff(before: &[ProgrammeSlot], after: &[ProgrammeSlot]) -> Vec<ProgrammeChange> {
    let old: HashMap<&str, &ProgrammeSlot> = before.iter().map(|s| (s.id.as_str(), s)).collect();
    let new: HashMap<&str, &ProgrammeSlot> = after.iter().map(|s| (s.id.as_str(), s)).collect();
    let mut changes: Vec<ProgrammeChange> = after
        .iter()
        .filter_map(|s| match old.get(s.id.as_str()) {
            // Cancelled is what participants need to know; a time or title changed with it is not news.
            Some(was) if s.cancelled && !was.cancelled => {
                Some(ProgrammeChange::Cancelled(s.clone()))
            }
            // A session added already cancelled, or changed while cancelled, concerns nobody.
            None | Some(_) if s.cancelled => None,
            None => Some(ProgrammeChange::Added(s.clone())),
            Some(was) if was.title != s.title || !was.same_times(s) || was.cancelled => {
                Some(ProgrammeChange::Changed {
                    before: (*was).clone(),
                    after: s.clone(),
                })
            }
            Some(_) => None,
        })
        .collect();
    changes.extend(
        before
            .iter()
            // A session removed after it was cancelled was already announced as gone.
            .filter(|s| !new.contains_key(s.id.as_str()) && !s.cancelled)
            .map(|s| ProgrammeChange::Removed(s.clone())),
    );
    changes
}

/// The messages about the changes: what to post and to whom.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ProgrammeNews {
    pub changes: Vec<ProgrammeChange>,
    /// The summary for the announcement channel (if organisers want it) and one direct message per
    /// participant with a changed session on their agenda; all due `now`.
    pub messages: Vec<Wanted>,
}

/// The news of the programme going from `before` to `after`, at `now`. Nothing when nothing changed.
/// `summary` says whether the announcement channel gets one; participants are told either way.
pub fn programme_news(
    before: &[ProgrammeSlot],
    after: &[ProgrammeSlot],
    agenda: &[AgendaEntry],
    tz: &TimeZone,
    summary: bool,
    now: Timestamp,
) -> ProgrammeNews {
    let changes = diff(before, after);
    let mut messages = Vec::new();
    if changes.is_empty() {
        return ProgrammeNews { changes, messages };
    }
    // The key names the moment and the new programme, so that each change is announced under its own key
    // even if the programme later changes back.
    let version = nonce(&serde_json::to_string(after).unwrap_or_default());
    let key = |whom: &str| format!("programme:{}:{version}:{whom}", now.as_second());
    if summary {
        let lines: Vec<String> = changes.iter().map(|c| c.describe(tz)).collect();
        messages.push(Wanted {
            key: key("channel"),
            due_at: now,
            text: listing("The programme changed:", &lines),
            channel: None,
            recipient: None,
            ping: Ping::None,
        });
    }
    let mut by_user: BTreeMap<u64, Vec<&ProgrammeChange>> = BTreeMap::new();
    for entry in agenda {
        if let Some(change) = changes.iter().find(|c| c.session() == entry.session) {
            by_user.entry(entry.user).or_default().push(change);
        }
    }
    for (user, theirs) in by_user {
        let lines: Vec<String> = theirs
            .iter()
            .map(|c| {
                let consequence = match c {
                    ProgrammeChange::Removed(_) | ProgrammeChange::Cancelled(_) => {
                        " Its reminder is cancelled."
                    }
                    ProgrammeChange::Changed { before, after } if before.starts_moved(after) => {
                        " Your reminder follows the new time."
                    }
                    _ => "",
                };
                format!("{}{consequence}", c.describe(tz))
            })
            .collect();
        messages.push(Wanted {
            key: key(&user.to_string()),
            due_at: now,
            text: listing("A session on your agenda changed:", &lines),
            channel: None,
            recipient: Some(user),
            ping: Ping::None,
        });
    }
    ProgrammeNews { changes, messages }
}

/// A heading and one line per change, cut to an announcement's length with a count of what was left out.
fn listing(heading: &str, lines: &[String]) -> String {
    let mut text = heading.to_owned();
    for (shown, line) in lines.iter().enumerate() {
        let rest = lines.len() - shown;
        let more = format!("\n\u{2026} and {rest} more.");
        if text.chars().count() + 3 + line.chars().count() + more.chars().count() > MAX_TEXT {
            text.push_str(&more);
            return text;
        }
        text.push_str("\n- ");
        text.push_str(line);
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    fn slot(id: &str, title: &str, start: i64, room: &str) -> ProgrammeSlot {
        held(id, title, &[(start, room)])
    }

    /// A session held at each of `times` (seconds after a fixed moment, for an hour, in a room).
    fn held(id: &str, title: &str, times: &[(i64, &str)]) -> ProgrammeSlot {
        let times: Vec<HeldAt> = times
            .iter()
            .map(|&(start, room)| HeldAt {
                start: Timestamp::from_second(1_780_000_000 + start).unwrap(),
                end: Some(Timestamp::from_second(1_780_003_600 + start).unwrap()),
                room: Some(room.to_owned()),
            })
            .collect();
        ProgrammeSlot {
            id: id.to_owned(),
            title: title.to_owned(),
            start: Some(times[0].start),
            end: times[0].end,
            room: times[0].room.clone(),
            times: Some(times),
            cancelled: false,
        }
    }

    #[test]
    fn a_session_marked_cancelled_is_reported_cancelled_once_with_its_reminder_withdrawn() {
        let before = vec![
            slot("a", "Alpha", 0, "Room A"),
            slot("b", "Beta", 0, "Room B"),
        ];
        let mut cancelled = before.clone();
        cancelled[0].cancelled = true;
        let news = programme_news(
            &before,
            &cancelled,
            &[entry(7, "a")],
            &TimeZone::UTC,
            true,
            Timestamp::UNIX_EPOCH,
        );
        assert_eq!(
            news.changes
                .iter()
                .map(|c| c.describe(&TimeZone::UTC))
                .collect::<Vec<_>>(),
            vec!["Cancelled: Alpha, Thu 28 May 20:26-21:26, Room A."]
        );
        assert_eq!(news.messages.len(), 2);
        assert_eq!(news.messages[1].recipient, Some(7));
        assert!(
            news.messages[1].text.contains("Its reminder is cancelled."),
            "{:?}",
            news.messages
        );
        // Once cancelled, a later edit of it is no news, nor is its removal; taking the mark back is.
        let mut moved = cancelled.clone();
        moved[0].room = Some("Room Z".to_owned());
        assert!(diff(&cancelled, &moved).is_empty());
        assert!(diff(&cancelled, &cancelled[1..]).is_empty());
        assert_eq!(
            diff(&cancelled, &before)[0].describe(&TimeZone::UTC),
            "Changed: Alpha: no longer cancelled."
        );
        // A programme the store recorded before sessions could be marked reads as none cancelled.
        let recorded: Vec<ProgrammeSlot> = serde_json::from_str(
            r#"[{"id":"a","title":"Alpha","start":null,"end":null,"room":null}]"#,
        )
        .unwrap();
        assert!(!recorded[0].cancelled);
    }

    #[test]
    fn a_later_time_of_a_session_held_twice_that_moves_is_news_and_its_reminder_follows() {
        let day = 86_400;
        let before = vec![held("clinic", "Clinic", &[(0, "Room A"), (day, "Room A")])];
        let after = vec![held(
            "clinic",
            "Clinic",
            &[(0, "Room A"), (day + 7200, "Room B")],
        )];
        let news = programme_news(
            &before,
            &after,
            &[entry(7, "clinic")],
            &TimeZone::UTC,
            true,
            Timestamp::UNIX_EPOCH,
        );
        assert_eq!(
            news.changes
                .iter()
                .map(|c| c.describe(&TimeZone::UTC))
                .collect::<Vec<_>>(),
            vec![
                "Changed: Clinic: now held Thu 28 May 20:26-21:26, Room A; Fri 29 May 22:26-23:26, \
                 Room B (was Thu 28 May 20:26-21:26, Room A; Fri 29 May 20:26-21:26, Room A)."
            ]
        );
        assert!(
            news.messages[1]
                .text
                .contains("Your reminder follows the new time."),
            "{:?}",
            news.messages
        );
        // A second time added is news as well; the same times in the same rooms are not.
        let added = vec![held(
            "clinic",
            "Clinic",
            &[(0, "Room A"), (day, "Room A"), (2 * day, "Room A")],
        )];
        assert_eq!(diff(&before, &added).len(), 1);
        assert!(diff(&after, &after.clone()).is_empty());
    }

    #[test]
    fn a_programme_recorded_before_times_were_kept_reads_and_compares_by_the_first_time() {
        // A row the store wrote before `times` existed.
        let recorded: Vec<ProgrammeSlot> = serde_json::from_str(
            r#"[{"id":"clinic","title":"Clinic","start":"2026-05-28T20:26:40Z",
                 "end":"2026-05-28T21:26:40Z","room":"Room A"}]"#,
        )
        .unwrap();
        assert_eq!(recorded[0].times, None);
        let day = 86_400;
        let now = vec![held("clinic", "Clinic", &[(0, "Room A"), (day, "Room A")])];
        assert!(diff(&recorded, &now).is_empty(), "no change to report");
        let moved = vec![held(
            "clinic",
            "Clinic",
            &[(600, "Room A"), (day, "Room A")],
        )];
        assert_eq!(diff(&recorded, &moved).len(), 1);
    }

    fn entry(user: u64, session: &str) -> AgendaEntry {
        AgendaEntry {
            user,
            session: session.to_owned(),
        }
    }

    #[test]
    fn moves_removals_additions_and_new_titles_are_found() {
        let before = vec![
            slot("a", "Alpha", 0, "Room A"),
            slot("b", "Beta", 0, "Room B"),
            slot("c", "Gamma", 0, "Room C"),
            slot("d", "Delta", 0, "Room D"),
        ];
        let after = vec![
            slot("a", "Alpha", 3600, "Room A"),
            slot("b", "Beta", 0, "Room E"),
            slot("d", "Delta and more", 0, "Room D"),
            slot("e", "Epsilon", 0, "Room A"),
        ];
        let tz = TimeZone::UTC;
        let lines: Vec<String> = diff(&before, &after)
            .iter()
            .map(|c| c.describe(&tz))
            .collect();
        assert_eq!(
            lines,
            vec![
                "Changed: Alpha: moved to Thu 28 May 21:26-22:26 (was Thu 28 May 20:26-21:26).",
                "Changed: Beta: now in Room E (was Room B).",
                "Changed: Delta: now titled \u{201c}Delta and more\u{201d}.",
                "Added: Epsilon, Thu 28 May 20:26-21:26, Room A.",
                "Removed: Gamma, Thu 28 May 20:26-21:26, Room C.",
            ]
        );
    }

    #[test]
    fn an_unchanged_programme_makes_no_news() {
        let programme = vec![slot("a", "Alpha", 0, "Room A")];
        let news = programme_news(
            &programme,
            &programme,
            &[entry(1, "a")],
            &TimeZone::UTC,
            true,
            Timestamp::UNIX_EPOCH,
        );
        assert!(news.changes.is_empty() && news.messages.is_empty());
    }

    #[test]
    fn one_summary_and_one_message_per_participant_with_a_changed_session() {
        let before = vec![
            slot("a", "Alpha", 0, "Room A"),
            slot("b", "Beta", 0, "Room B"),
        ];
        let after = vec![slot("a", "Alpha", 600, "Room A")];
        let agenda = [entry(7, "a"), entry(7, "b"), entry(8, "b"), entry(9, "z")];
        let news = programme_news(
            &before,
            &after,
            &agenda,
            &TimeZone::UTC,
            true,
            Timestamp::UNIX_EPOCH,
        );
        let whom: Vec<Option<u64>> = news.messages.iter().map(|m| m.recipient).collect();
        assert_eq!(whom, vec![None, Some(7), Some(8)]);
        assert_eq!(news.messages[0].text.lines().count(), 3);
        assert!(
            news.messages[1]
                .text
                .contains("Your reminder follows the new time.")
        );
        assert!(news.messages[1].text.contains("Its reminder is cancelled."));
        assert!(!news.messages[2].text.contains("Alpha"));

        let quiet = programme_news(
            &before,
            &after,
            &agenda,
            &TimeZone::UTC,
            false,
            Timestamp::UNIX_EPOCH,
        );
        assert_eq!(
            quiet.messages.len(),
            2,
            "participants are told even without the summary"
        );
    }

    #[test]
    fn a_long_summary_fits_one_message() {
        let before: Vec<ProgrammeSlot> = (0..500)
            .map(|i| {
                slot(
                    &format!("s{i}"),
                    &format!("Session number {i}"),
                    0,
                    "Room A",
                )
            })
            .collect();
        let news = programme_news(
            &before,
            &[],
            &[],
            &TimeZone::UTC,
            true,
            Timestamp::UNIX_EPOCH,
        );
        assert_eq!(news.messages.len(), 1);
        let text = &news.messages[0].text;
        assert!(text.chars().count() <= MAX_TEXT);
        assert!(text.ends_with("more."), "{text}");
    }
}
