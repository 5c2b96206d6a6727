//! Participants' agendas: the sessions each one asked to be reminded of, turned into direct-message
//! reminders that go through the same announcement loop as everything else.
//!
//! A reminder's key holds the participant, the session, its start and the offset, so that a session that
//! moves gets a new reminder (and the old one is cancelled by reconciliation) exactly like the programme's
//! channel reminders. Nothing here reads the store or Discord: the caller passes the agenda in.

use jiff::{SignedDuration, Timestamp};

use super::reminders::Wanted;
use super::{Ping, SessionSlot};
use crate::knowledge::Knowledge;

/// One session on one participant's agenda.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct AgendaEntry {
    /// The participant's Discord user id: the one thing kept about them.
    pub user: u64,
    /// The session's id in the knowledge files.
    pub session: String,
}

/// The prefix every agenda reminder of `user` has, so that one participant's reminders can be reconciled
/// (or deleted) on their own.
pub fn agenda_prefix(user: u64) -> String {
    format!("agenda:{user}:")
}

/// The key of `user`'s reminder `offset` minutes before `session_id` starting at `start`.
pub fn agenda_key(user: u64, session_id: &str, start: Timestamp, offset: u32) -> String {
    format!("{}{session_id}:{start}:{offset}m", agenda_prefix(user))
}

/// The sessions of the programme that have a start time and are not cancelled, as reminders need them.
pub fn session_slots(k: &Knowledge) -> Vec<SessionSlot> {
    // A session held several times is reminded of before each time; slots at one time in several rooms
    // (a breakout) are one reminder naming every room. A cancelled session has no slot here, so its
    // reminders are withdrawn as a removed session's are.
    let mut slots: Vec<SessionSlot> = Vec::new();
    for s in k.sessions().iter().filter(|s| !s.cancelled) {
        let mut starts: Vec<Timestamp> =
            s.slots.iter().map(|slot| slot.start.timestamp()).collect();
        starts.sort();
        starts.dedup();
        for start in starts {
            let rooms: Vec<&str> = s
                .slots
                .iter()
                .filter(|slot| slot.start.timestamp() == start)
                .filter_map(|slot| slot.room)
                .map(|r| k.room_name(r))
                .collect();
            slots.push(SessionSlot {
                id: s.id.clone(),
                title: s.title.clone(),
                start,
                room: (!rooms.is_empty()).then(|| rooms.join(", ")),
            });
        }
    }
    slots
}

/// "10 minutes", "1 hour", "2 hours".
pub fn offset_phrase(offset: u32) -> String {
    if offset % 60 == 0 && offset >= 60 {
        let hours = offset / 60;
        format!("{hours} hour{}", if hours == 1 { "" } else { "s" })
    } else {
        format!("{offset} minute{}", if offset == 1 { "" } else { "s" })
    }
}

/// What a reminder before `slot` says, in a channel or a direct message.
pub fn reminder_text(slot: &SessionSlot, offset: u32) -> String {
    let when = offset_phrase(offset);
    match &slot.room {
        Some(room) => format!("{} starts in {when}, in {room}.", slot.title),
        None => format!("{} starts in {when}.", slot.title),
    }
}

/// The direct-message reminders `entries` ask for, `minutes` before each session that has a start time.
/// A session the knowledge no longer has gets none (its earlier reminder is cancelled by reconciliation).
pub fn agenda_wanted(k: &Knowledge, entries: &[AgendaEntry], minutes: u32) -> Vec<Wanted> {
    let slots = session_slots(k);
    let mut wanted: Vec<Wanted> = entries
        .iter()
        .flat_map(|entry| {
            // A session held several times is reminded of before each of its times.
            slots
                .iter()
                .filter(|s| s.id == entry.session)
                .map(|slot| Wanted {
                    key: agenda_key(entry.user, &slot.id, slot.start, minutes),
                    due_at: slot
                        .start
                        .saturating_sub(SignedDuration::from_mins(i64::from(minutes)))
                        .unwrap_or(Timestamp::MIN),
                    text: format!("Reminder: {}", reminder_text(slot, minutes)),
                    channel: None,
                    recipient: Some(entry.user),
                    ping: Ping::None,
                })
        })
        .collect();
    wanted.sort_by(|a, b| (a.due_at, &a.key).cmp(&(b.due_at, &b.key)));
    wanted
}

/// Whether the agenda data of this event is past keeping: the event ended more than `retention_days`
/// ago. Agendas, reminders sent to participants and refused-message records are then deleted.
pub fn agenda_expired(k: &Knowledge, retention_days: u32, now: Timestamp) -> bool {
    let end = k.event.end.timestamp();
    now > end
        .saturating_add(SignedDuration::from_hours(24 * i64::from(retention_days)))
        .unwrap_or(Timestamp::MAX)
}
