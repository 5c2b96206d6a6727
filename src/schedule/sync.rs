//! What the knowledge and the config want scheduled: the announcements of `knowledge/announcements.toml`
//! and the reminders before sessions. Pure; the caller applies the changes to the store.

use jiff::{SignedDuration, Timestamp};
use serde::Deserialize;

use super::agenda::{AgendaEntry, agenda_prefix, agenda_wanted, reminder_text, session_slots};
use super::{Announcement, Change, Ping, Source, Wanted, reconcile, reminder_announcements};
use crate::knowledge::Knowledge;

/// How announcements are scheduled: the grace window, and the reminders before sessions. Written as
/// `[announcements]` in the config.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields, default)]
pub struct Settings {
    /// Announcements that fell due while Usher was down are still posted within this many minutes.
    pub grace_minutes: u32,
    /// Minutes before each selected session to post a reminder.
    pub reminder_offsets_minutes: Vec<u32>,
    /// Which sessions get reminders: session ids, or `["*"]` for all; none when empty.
    pub reminder_sessions: Vec<String>,
    /// The longest one request to Discord may take when posting an announcement, in seconds. It is cut
    /// shorter still near the end of Discord's two-minute memory of a post, so that no request can arrive
    /// after Discord has forgotten it and create a duplicate.
    pub request_timeout_seconds: u32,
    /// Minutes before a session on a participant's agenda that Usher sends them a direct message.
    pub agenda_reminder_minutes: u32,
    /// Whether a change to the programme (a session moved, removed, added or retitled) is summarised in
    /// the announcement channel. Participants whose agenda holds a changed session are told regardless.
    pub announce_programme_changes: bool,
    /// Days after the event ends that agendas and the reminders sent to participants are kept.
    pub agenda_retention_days: u32,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            grace_minutes: 10,
            reminder_offsets_minutes: Vec::new(),
            reminder_sessions: Vec::new(),
            request_timeout_seconds: 10,
            agenda_reminder_minutes: 10,
            announce_programme_changes: true,
            agenda_retention_days: 30,
        }
    }
}

/// The stable key of an announcement defined in the knowledge files: its id and time, so that moving it
/// schedules it anew.
pub fn knowledge_key(id: &str, at: Timestamp) -> String {
    format!("knowledge:{id}:{at}")
}

/// The announcements the knowledge files define.
pub fn knowledge_wanted(k: &Knowledge) -> Vec<Wanted> {
    k.announcements()
        .iter()
        .map(|a| Wanted {
            key: knowledge_key(&a.id, a.at),
            due_at: a.at,
            text: a.text.clone(),
            channel: a.channel,
            recipient: None,
            ping: a.ping_role.map_or(Ping::None, Ping::Role),
        })
        .collect()
}

/// The reminders the config asks for before the selected sessions that have a start time. The text says
/// which session starts when and where, from the knowledge.
pub fn reminder_wanted(k: &Knowledge, settings: &Settings) -> Vec<Wanted> {
    if settings.reminder_offsets_minutes.is_empty() || settings.reminder_sessions.is_empty() {
        return Vec::new();
    }
    let all = settings.reminder_sessions.iter().any(|s| s == "*");
    let selected = |id: &str| all || settings.reminder_sessions.iter().any(|s| s == id);
    reminder_announcements(
        &session_slots(k),
        &settings.reminder_offsets_minutes,
        selected,
        None,
        Ping::None,
        reminder_text,
    )
}

/// The changes that bring `existing` in line with the knowledge and the config at `now`. Wanted
/// announcements whose time passed longer than `grace` ago are not created at all: a reminder for a
/// session that is long over is not news, and would only be recorded as missed.
pub fn changes(
    existing: &[Announcement],
    k: &Knowledge,
    settings: &Settings,
    agenda: &[AgendaEntry],
    now: Timestamp,
    grace: SignedDuration,
) -> Vec<Change> {
    let recent = |w: &Wanted| {
        w.due_at >= now.saturating_sub(grace).unwrap_or(Timestamp::MIN)
            || existing.iter().any(|a| a.key == w.key)
    };
    let knowledge: Vec<Wanted> = knowledge_wanted(k)
        .into_iter()
        .filter(|w| recent(w))
        .collect();
    // The programme's channel reminders and participants' direct-message reminders are one source, so
    // they are reconciled together: each list would otherwise cancel the other's.
    let reminders: Vec<Wanted> = reminder_wanted(k, settings)
        .into_iter()
        .chain(agenda_wanted(k, agenda, settings.agenda_reminder_minutes))
        .filter(|w| recent(w))
        .collect();
    let mut all = reconcile(existing, &knowledge, Source::Knowledge);
    all.extend(reconcile(existing, &reminders, Source::Reminder));
    all
}

/// The changes that bring one participant's reminders in line with their agenda (`entries`, all theirs)
/// at `now`, after they added or removed a session: only announcements of theirs are looked at.
pub fn agenda_changes(
    existing: &[Announcement],
    k: &Knowledge,
    settings: &Settings,
    user: u64,
    entries: &[AgendaEntry],
    now: Timestamp,
) -> Vec<Change> {
    let prefix = agenda_prefix(user);
    let theirs: Vec<Announcement> = existing
        .iter()
        .filter(|a| a.key.starts_with(&prefix))
        .cloned()
        .collect();
    let since = now
        .saturating_sub(grace(settings))
        .unwrap_or(Timestamp::MIN);
    let wanted: Vec<Wanted> = agenda_wanted(k, entries, settings.agenda_reminder_minutes)
        .into_iter()
        .filter(|w| w.due_at >= since || theirs.iter().any(|a| a.key == w.key))
        .collect();
    reconcile(&theirs, &wanted, Source::Reminder)
}

/// The grace window of the settings.
pub fn grace(settings: &Settings) -> SignedDuration {
    SignedDuration::from_mins(i64::from(settings.grace_minutes))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn knowledge(extra: &str) -> Knowledge {
        let text = format!(
            r#"
[event]
id = "conf"
title = "Conf"
kind = "Conference"
description = "A conference."
time_zone = "Europe/Amsterdam"
start = 2026-06-01T09:00:00
end = 2026-06-01T17:00:00

[[venue]]
id = "hall"
name = "Hall"
address = "Street 1"
city = "Utrecht"
rooms = [{{ id = "room-a", name = "Room A" }}]

[[session]]
id = "keynote"
title = "The keynote"
room = "room-a"
start = 2026-06-01T10:00:00
end = 2026-06-01T11:00:00
{extra}"#
        );
        crate::knowledge::from_text(&text)
    }

    fn at(s: &str) -> Timestamp {
        s.parse().expect("a timestamp")
    }

    #[test]
    fn reminders_name_the_session_its_room_and_the_time_left() {
        let k = knowledge("");
        let settings = Settings {
            reminder_offsets_minutes: vec![60, 10],
            reminder_sessions: vec!["*".into()],
            ..Settings::default()
        };
        let wanted = reminder_wanted(&k, &settings);
        let texts: Vec<&str> = wanted.iter().map(|w| w.text.as_str()).collect();
        assert_eq!(
            texts,
            [
                "The keynote starts in 1 hour, in Room A.",
                "The keynote starts in 10 minutes, in Room A."
            ]
        );
        assert_eq!(wanted[1].due_at, at("2026-06-01T07:50:00Z"));
    }

    #[test]
    fn a_session_marked_cancelled_gets_no_reminder_in_the_channel_or_by_direct_message() {
        let settings = Settings {
            reminder_offsets_minutes: vec![10],
            reminder_sessions: vec!["*".into()],
            ..Settings::default()
        };
        let agenda = [AgendaEntry {
            user: 7,
            session: "keynote".into(),
        }];
        assert_eq!(reminder_wanted(&knowledge(""), &settings).len(), 1);
        assert_eq!(agenda_wanted(&knowledge(""), &agenda, 10).len(), 1);
        let cancelled = knowledge("cancelled = true");
        assert!(reminder_wanted(&cancelled, &settings).is_empty());
        assert!(agenda_wanted(&cancelled, &agenda, 10).is_empty());
    }

    #[test]
    fn a_session_held_twice_is_reminded_of_before_each_time_naming_every_room_at_once() {
        let k = knowledge(
            r#"
[[venue]]
id = "annex"
name = "Annex"
rooms = [{ id = "room-b", name = "Room B" }]

[[session]]
id = "forum"
title = "The forum"

[[session.slots]]
start = 2026-06-01T12:00:00
end = 2026-06-01T13:00:00
room = "room-a"

[[session.slots]]
start = 2026-06-01T12:00:00
end = 2026-06-01T13:00:00
room = "room-b"

[[session.slots]]
start = 2026-06-01T15:00:00
end = 2026-06-01T16:00:00
room = "room-a"
"#,
        );
        let settings = Settings {
            reminder_offsets_minutes: vec![10],
            reminder_sessions: vec!["forum".into()],
            ..Settings::default()
        };
        let wanted = reminder_wanted(&k, &settings);
        let texts: Vec<(&str, Timestamp)> =
            wanted.iter().map(|w| (w.text.as_str(), w.due_at)).collect();
        assert_eq!(
            texts,
            [
                (
                    "The forum starts in 10 minutes, in Room A, Room B.",
                    at("2026-06-01T09:50:00Z")
                ),
                (
                    "The forum starts in 10 minutes, in Room A.",
                    at("2026-06-01T12:50:00Z")
                ),
            ]
        );
    }

    #[test]
    fn no_reminders_unless_configured() {
        let k = knowledge("");
        assert!(reminder_wanted(&k, &Settings::default()).is_empty());
    }

    #[test]
    fn knowledge_announcements_are_wanted_but_long_past_ones_are_not_created() {
        let k = knowledge(
            r#"
[[announcement]]
id = "welcome"
text = "Welcome!"
at = 2026-06-01T08:30:00

[[announcement]]
id = "drinks"
text = "Drinks in the hall."
at = 2026-06-01T17:00:00
"#,
        );
        let settings = Settings::default();
        let now = at("2026-06-01T12:00:00Z");
        let changes = changes(&[], &k, &settings, &[], now, grace(&settings));
        assert_eq!(changes.len(), 1, "{changes:?}");
        let Change::Insert { wanted, source } = &changes[0] else {
            panic!("{changes:?}")
        };
        assert_eq!(wanted.text, "Drinks in the hall.");
        assert_eq!(*source, Source::Knowledge);
    }

    /// The announcements `changes` would create, as the store would hold them.
    fn created(changes: &[Change]) -> Vec<Announcement> {
        use crate::schedule::{AnnouncementId, Status};
        changes
            .iter()
            .zip(1..)
            .filter_map(|(change, id)| match change {
                Change::Insert { wanted, source } => Some(Announcement {
                    id: AnnouncementId(id),
                    key: wanted.key.clone(),
                    text: wanted.text.clone(),
                    channel: wanted.channel,
                    recipient: wanted.recipient,
                    ping: wanted.ping,
                    due_at: wanted.due_at,
                    created_by: "usher".into(),
                    created_at: wanted.due_at,
                    source: *source,
                    status: Status::Scheduled,
                    target: None,
                }),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn an_agenda_gets_direct_messages_beside_the_channel_reminders_and_neither_cancels_the_other() {
        let k = knowledge("");
        let settings = Settings {
            reminder_offsets_minutes: vec![10],
            reminder_sessions: vec!["*".into()],
            ..Settings::default()
        };
        let agenda = [
            AgendaEntry {
                user: 7,
                session: "keynote".into(),
            },
            AgendaEntry {
                user: 8,
                session: "gone".into(),
            },
        ];
        let now = at("2026-06-01T06:00:00Z");
        let first = changes(&[], &k, &settings, &agenda, now, grace(&settings));
        let existing = created(&first);
        let direct: Vec<(&str, Option<u64>)> = existing
            .iter()
            .map(|a| (a.text.as_str(), a.recipient))
            .collect();
        assert_eq!(
            direct,
            [
                ("The keynote starts in 10 minutes, in Room A.", None),
                (
                    "Reminder: The keynote starts in 10 minutes, in Room A.",
                    Some(7)
                ),
            ]
        );
        assert!(changes(&existing, &k, &settings, &agenda, now, grace(&settings)).is_empty());

        // One participant's own sync looks at their reminders only: removing theirs cancels just it.
        let theirs = agenda_changes(&existing, &k, &settings, 7, &[], now);
        assert_eq!(theirs, vec![Change::Cancel { id: existing[1].id }]);
        assert!(agenda_changes(&existing, &k, &settings, 8, &agenda[1..], now).is_empty());
    }

    #[test]
    fn an_agenda_session_held_twice_gets_a_direct_message_before_each_time() {
        let k = knowledge(
            r#"
[[session]]
id = "workshop"
title = "The workshop"

[[session.slots]]
start = 2026-06-01T12:00:00
room = "room-a"

[[session.slots]]
start = 2026-06-01T15:00:00
"#,
        );
        let agenda = [AgendaEntry {
            user: 7,
            session: "workshop".into(),
        }];
        let wanted = super::agenda_wanted(&k, &agenda, 10);
        let texts: Vec<(&str, Timestamp)> =
            wanted.iter().map(|w| (w.text.as_str(), w.due_at)).collect();
        assert_eq!(
            texts,
            [
                (
                    "Reminder: The workshop starts in 10 minutes, in Room A.",
                    at("2026-06-01T09:50:00Z")
                ),
                (
                    "Reminder: The workshop starts in 10 minutes.",
                    at("2026-06-01T12:50:00Z")
                ),
            ]
        );
    }
}
