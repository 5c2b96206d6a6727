//! Announcements generated from data: reminders before programme sessions, and announcements that the
//! knowledge files define. Both are reconciled with what the store already holds by a stable key.

use std::collections::{BTreeSet, HashMap, HashSet};

use jiff::{SignedDuration, Timestamp};

use super::model::{Announcement, AnnouncementId, Ping, Source, Status};

/// The actor recorded when reconciliation creates, updates or cancels a generated announcement.
pub const RECONCILE_ACTOR: &str = "usher";

/// A session of the programme, as far as reminders need it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SessionSlot {
    /// The session's identifier in the knowledge files.
    pub id: String,
    /// Its title, for the caller's reminder text.
    pub title: String,
    /// When it starts.
    pub start: Timestamp,
    /// Where, if known, for the caller's reminder text.
    pub room: Option<String>,
}

/// A reminder that the programme asks for: `offset` minutes before a session starts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReminderSpec {
    /// `reminder:{session_id}:{start in RFC 3339 UTC}:{offset}m`. The start is part of the key so that a
    /// session that moves gets a new reminder, which is announced again, while the old one is cancelled.
    pub key: String,
    /// When to post it.
    pub due_at: Timestamp,
    /// The session it is about.
    pub session_id: String,
    /// When that session (this slot of it) starts.
    pub start: Timestamp,
    /// Minutes before the start.
    pub offset: u32,
}

/// An announcement that generated data wants to exist.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Wanted {
    /// Its stable key; see [`Announcement::key`].
    pub key: String,
    /// When to post it.
    pub due_at: Timestamp,
    /// What to post.
    pub text: String,
    /// Where to post it; `None` is the bot's announcements channel.
    pub channel: Option<u64>,
    /// The user it is sent to directly instead (see [`Announcement::recipient`]).
    pub recipient: Option<u64>,
    /// Whom to mention.
    pub ping: Ping,
}

/// One change that brings the store in line with what generated data wants.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    /// A new announcement.
    Insert {
        /// What it is.
        wanted: Wanted,
        /// The generator.
        source: Source,
    },
    /// A scheduled announcement whose time, text, channel or ping changed under the same key.
    Update {
        /// Which one.
        id: AnnouncementId,
        /// What it should now be.
        wanted: Wanted,
    },
    /// An announcement that reconciliation cancelled earlier (its session was removed, say) and that is
    /// wanted again; it goes back to scheduled.
    Restore {
        /// Which one.
        id: AnnouncementId,
        /// What it should now be.
        wanted: Wanted,
    },
    /// A scheduled generated announcement that is no longer wanted.
    Cancel {
        /// Which one.
        id: AnnouncementId,
    },
}

/// The reminders the programme asks for: one per selected session and offset, sorted by due time and key.
///
/// `selected` says, by session id, which sessions get reminders. Offsets given twice count once.
pub fn reminders(
    sessions: &[SessionSlot],
    offsets_minutes: &[u32],
    selected: impl Fn(&str) -> bool,
) -> Vec<ReminderSpec> {
    let offsets: BTreeSet<u32> = offsets_minutes.iter().copied().collect();
    let mut specs: Vec<ReminderSpec> = sessions
        .iter()
        .filter(|session| selected(&session.id))
        .flat_map(|session| {
            offsets.iter().map(move |&offset| ReminderSpec {
                key: reminder_key(&session.id, session.start, offset),
                due_at: session
                    .start
                    .saturating_sub(SignedDuration::from_mins(i64::from(offset)))
                    .unwrap_or(Timestamp::MIN),
                session_id: session.id.clone(),
                start: session.start,
                offset,
            })
        })
        .collect();
    specs.sort_by(|a, b| (a.due_at, &a.key).cmp(&(b.due_at, &b.key)));
    specs.dedup_by(|a, b| a.key == b.key);
    specs
}

/// The reminders the programme asks for as wanted announcements, with the caller's text for each:
/// `text(session, offset)` renders it, so that no event facts or wording live here.
pub fn reminder_announcements(
    sessions: &[SessionSlot],
    offsets_minutes: &[u32],
    selected: impl Fn(&str) -> bool,
    channel: Option<u64>,
    ping: Ping,
    text: impl Fn(&SessionSlot, u32) -> String,
) -> Vec<Wanted> {
    // A session held several times has a slot per start, so a reminder finds its slot by both.
    let by_slot: HashMap<(&str, Timestamp), &SessionSlot> = sessions
        .iter()
        .map(|session| ((session.id.as_str(), session.start), session))
        .collect();
    reminders(sessions, offsets_minutes, selected)
        .into_iter()
        .filter_map(|spec| {
            let session = by_slot.get(&(spec.session_id.as_str(), spec.start))?;
            Some(Wanted {
                text: text(session, spec.offset),
                key: spec.key,
                due_at: spec.due_at,
                channel,
                recipient: None,
                ping,
            })
        })
        .collect()
}

/// The key of the reminder `offset` minutes before `session_id` starting at `start`.
pub fn reminder_key(session_id: &str, start: Timestamp, offset: u32) -> String {
    // Timestamp's Display is RFC 3339 in UTC with a `Z`, so the key does not depend on the event's zone.
    format!("reminder:{session_id}:{start}:{offset}m")
}

/// The changes that make the announcements of `source` in `existing` match `wanted`.
///
/// - A wanted key that does not exist is inserted, even if it is already due: the scheduler then posts it
///   within the grace window or marks it missed, which leaves a visible record either way.
/// - A scheduled one whose time, text, channel or ping differ is updated. This also undoes a manual edit of a
///   generated announcement; edit the knowledge files instead.
/// - One that reconciliation itself cancelled earlier is restored; one that a person cancelled stays cancelled.
/// - A scheduled one of `source` that is not wanted is cancelled.
/// - Posting, posted and missed ones are never touched, nor are announcements of other sources.
///
/// If `wanted` lists a key twice, the first wins.
pub fn reconcile(existing: &[Announcement], wanted: &[Wanted], source: Source) -> Vec<Change> {
    let existing_by_key: HashMap<&str, &Announcement> = existing
        .iter()
        .map(|announcement| (announcement.key.as_str(), announcement))
        .collect();
    let mut seen: HashSet<&str> = HashSet::new();
    let mut changes = Vec::new();

    for wanted in wanted {
        if !seen.insert(wanted.key.as_str()) {
            continue;
        }
        match existing_by_key.get(wanted.key.as_str()) {
            None => changes.push(Change::Insert {
                wanted: wanted.clone(),
                source,
            }),
            // A key of another source is not ours to change; keys are namespaced, so this only happens if
            // the knowledge files reuse a reminder key.
            Some(announcement) if announcement.source != source => {}
            Some(announcement) => match &announcement.status {
                Status::Scheduled if !matches(announcement, wanted) => {
                    changes.push(Change::Update {
                        id: announcement.id,
                        wanted: wanted.clone(),
                    });
                }
                Status::Cancelled { by, .. } if by == RECONCILE_ACTOR => {
                    changes.push(Change::Restore {
                        id: announcement.id,
                        wanted: wanted.clone(),
                    });
                }
                _ => {}
            },
        }
    }

    for announcement in existing {
        if announcement.source == source
            && announcement.status == Status::Scheduled
            && !seen.contains(announcement.key.as_str())
        {
            changes.push(Change::Cancel {
                id: announcement.id,
            });
        }
    }
    changes
}

/// Whether an announcement already says and does what `wanted` asks.
fn matches(announcement: &Announcement, wanted: &Wanted) -> bool {
    announcement.due_at == wanted.due_at
        && announcement.text == wanted.text
        && announcement.channel == wanted.channel
        && announcement.recipient == wanted.recipient
        && announcement.ping == wanted.ping
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str) -> Timestamp {
        text.parse().unwrap()
    }

    fn session(id: &str, start: &str) -> SessionSlot {
        SessionSlot {
            id: id.to_owned(),
            title: format!("Talk {id}"),
            start: at(start),
            room: Some("Room A".to_owned()),
        }
    }

    fn wanted(key: &str, due: &str, text: &str) -> Wanted {
        Wanted {
            key: key.to_owned(),
            due_at: at(due),
            text: text.to_owned(),
            channel: None,
            recipient: None,
            ping: Ping::None,
        }
    }

    fn existing(id: i64, wanted: &Wanted, source: Source, status: Status) -> Announcement {
        Announcement {
            id: AnnouncementId(id),
            key: wanted.key.clone(),
            text: wanted.text.clone(),
            channel: wanted.channel,
            recipient: None,
            ping: wanted.ping,
            due_at: wanted.due_at,
            created_by: RECONCILE_ACTOR.to_owned(),
            created_at: at("2025-05-01T00:00:00Z"),
            source,
            status,
            target: None,
        }
    }

    #[test]
    fn reminders_have_stable_keys_and_due_times() {
        let sessions = [
            session("keynote", "2025-06-01T09:00:00Z"),
            session("lunch", "2025-06-01T12:00:00Z"),
            session("closing", "2025-06-01T17:00:00+02:00"),
        ];
        let specs = reminders(&sessions, &[15, 5, 15], |id| id != "lunch");
        let keys: Vec<(&str, String)> = specs
            .iter()
            .map(|spec| (spec.key.as_str(), spec.due_at.to_string()))
            .collect();
        assert_eq!(
            keys,
            vec![
                (
                    "reminder:keynote:2025-06-01T09:00:00Z:15m",
                    "2025-06-01T08:45:00Z".to_owned()
                ),
                (
                    "reminder:keynote:2025-06-01T09:00:00Z:5m",
                    "2025-06-01T08:55:00Z".to_owned()
                ),
                (
                    "reminder:closing:2025-06-01T15:00:00Z:15m",
                    "2025-06-01T14:45:00Z".to_owned()
                ),
                (
                    "reminder:closing:2025-06-01T15:00:00Z:5m",
                    "2025-06-01T14:55:00Z".to_owned()
                ),
            ]
        );
        assert_eq!(specs[0].session_id, "keynote");
        assert_eq!(specs[0].offset, 15);
    }

    #[test]
    fn reminder_text_comes_from_the_caller() {
        let sessions = [session("keynote", "2025-06-01T09:00:00Z")];
        let wanted = reminder_announcements(
            &sessions,
            &[10],
            |_| true,
            Some(7),
            Ping::Role(3),
            |s, offset| {
                format!(
                    "{} starts in {offset} minutes in {}",
                    s.title,
                    s.room.as_deref().unwrap_or("?")
                )
            },
        );
        assert_eq!(
            wanted,
            vec![Wanted {
                key: "reminder:keynote:2025-06-01T09:00:00Z:10m".to_owned(),
                due_at: at("2025-06-01T08:50:00Z"),
                text: "Talk keynote starts in 10 minutes in Room A".to_owned(),
                channel: Some(7),
                recipient: None,
                ping: Ping::Role(3),
            }]
        );
    }

    #[test]
    fn a_moved_session_replaces_its_reminder_and_a_removed_one_is_cancelled() {
        let before = reminder_announcements(
            &[
                session("a", "2025-06-01T09:00:00Z"),
                session("b", "2025-06-01T10:00:00Z"),
            ],
            &[10],
            |_| true,
            None,
            Ping::None,
            |s, _| s.title.clone(),
        );
        let stored: Vec<Announcement> = before
            .iter()
            .zip(1..)
            .map(|(wanted, id)| existing(id, wanted, Source::Reminder, Status::Scheduled))
            .collect();
        // Session a moves by half an hour, session b is dropped.
        let after = reminder_announcements(
            &[session("a", "2025-06-01T09:30:00Z")],
            &[10],
            |_| true,
            None,
            Ping::None,
            |s, _| s.title.clone(),
        );
        let changes = reconcile(&stored, &after, Source::Reminder);
        assert_eq!(
            changes,
            vec![
                Change::Insert {
                    wanted: after[0].clone(),
                    source: Source::Reminder
                },
                Change::Cancel {
                    id: AnnouncementId(1)
                },
                Change::Cancel {
                    id: AnnouncementId(2)
                },
            ]
        );
    }

    #[test]
    fn reconcile_leaves_sent_and_foreign_announcements_alone() {
        let posted = wanted("k:posted", "2025-06-01T09:00:00Z", "posted");
        let missed = wanted("k:missed", "2025-06-01T09:00:00Z", "missed");
        let posting = wanted("k:posting", "2025-06-01T09:00:00Z", "posting");
        let manual = wanted("manual:1", "2025-06-01T09:00:00Z", "manual");
        let stored = vec![
            existing(
                1,
                &posted,
                Source::Knowledge,
                Status::Posted {
                    message_id: 5,
                    posted_at: at("2025-06-01T09:00:00Z"),
                },
            ),
            existing(
                2,
                &missed,
                Source::Knowledge,
                Status::Missed {
                    at: at("2025-06-01T09:30:00Z"),
                    reason: "late".to_owned(),
                },
            ),
            existing(
                3,
                &posting,
                Source::Knowledge,
                Status::Posting {
                    attempt: 1,
                    claimed_at: at("2025-06-01T09:00:00Z"),
                },
            ),
            existing(4, &manual, Source::Manual, Status::Scheduled),
        ];
        // Nothing is wanted any more, and the texts of those still wanted changed: none of it matters.
        assert_eq!(reconcile(&stored, &[], Source::Knowledge), vec![]);
        let reworded: Vec<Wanted> = [&posted, &missed, &posting]
            .into_iter()
            .map(|w| Wanted {
                text: "reworded".to_owned(),
                ..w.clone()
            })
            .collect();
        assert_eq!(reconcile(&stored, &reworded, Source::Knowledge), vec![]);
    }

    #[test]
    fn reconcile_updates_scheduled_ones_that_changed() {
        let original = wanted("news:wifi", "2025-06-01T09:00:00Z", "wifi is up");
        let stored = vec![existing(1, &original, Source::Knowledge, Status::Scheduled)];
        assert_eq!(
            reconcile(&stored, std::slice::from_ref(&original), Source::Knowledge),
            vec![]
        );

        let reworded = Wanted {
            text: "the wifi is up".to_owned(),
            ping: Ping::Everyone,
            ..original
        };
        assert_eq!(
            reconcile(&stored, std::slice::from_ref(&reworded), Source::Knowledge),
            vec![Change::Update {
                id: AnnouncementId(1),
                wanted: reworded
            }]
        );
    }

    #[test]
    fn reconcile_restores_only_what_it_cancelled_itself() {
        let a = wanted("news:a", "2025-06-01T09:00:00Z", "a");
        let b = wanted("news:b", "2025-06-01T09:00:00Z", "b");
        let cancelled_by = |by: &str| Status::Cancelled {
            by: by.to_owned(),
            at: at("2025-05-02T00:00:00Z"),
        };
        let stored = vec![
            existing(1, &a, Source::Knowledge, cancelled_by(RECONCILE_ACTOR)),
            existing(2, &b, Source::Knowledge, cancelled_by("alice")),
        ];
        assert_eq!(
            reconcile(&stored, &[a.clone(), b], Source::Knowledge),
            vec![Change::Restore {
                id: AnnouncementId(1),
                wanted: a
            }]
        );
    }

    #[test]
    fn reconcile_takes_the_first_of_duplicate_keys() {
        let first = wanted("news:a", "2025-06-01T09:00:00Z", "first");
        let second = wanted("news:a", "2025-06-01T10:00:00Z", "second");
        assert_eq!(
            reconcile(&[], &[first.clone(), second], Source::Knowledge),
            vec![Change::Insert {
                wanted: first,
                source: Source::Knowledge
            }]
        );
    }
}
