//! What the scheduler loop should do now, decided from the announcements and the clock alone.

use jiff::{SignedDuration, Timestamp};

use super::model::{Announcement, AnnouncementId, Status};

/// Discord's limit on the length of a message nonce (`nonce` in "Create Message").
pub const NONCE_MAX_LEN: usize = 25;

/// How long after the first attempt a post may be sent again with the same nonce.
///
/// Discord, asked to `enforce_nonce`, returns the existing message instead of creating a second one when the
/// same author sent the same nonce "in the past few minutes". It does not say how many, so this stays well
/// inside: two minutes. After that a resend could create a duplicate, so the scheduler verifies instead.
pub const NONCE_WINDOW: SignedDuration = SignedDuration::from_mins(2);

/// The pause between attempts to send the same announcement, so that a failing Discord is not hammered.
/// With [`NONCE_WINDOW`] this allows six attempts in all.
pub const RETRY_SPACING: SignedDuration = SignedDuration::from_secs(20);

/// A sensible grace window: an announcement that fell due while the bot was down is still posted if the bot
/// is back within this long, and marked missed otherwise.
pub const DEFAULT_GRACE: SignedDuration = SignedDuration::from_mins(10);

/// The actions a scheduler loop should take now, and when to look again.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Plan {
    /// What to do now, in the order the announcements fell due.
    pub actions: Vec<Action>,
    /// When the plan will next have something to do, if nothing changes in between. The loop should also
    /// plan again whenever an announcement is added, edited or cancelled.
    pub wake_at: Option<Timestamp>,
}

/// One step for the scheduler loop. Each goes through an atomic transition in the store first, so that
/// two loops (or a loop and its restarted self) never both act on the same announcement.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    /// The announcement is due: claim it (`Scheduled -> Posting`), and only if the claim is won, send it
    /// with this nonce and `enforce_nonce`, then record the message id.
    Post {
        /// Which announcement.
        id: AnnouncementId,
        /// The message nonce, [`nonce`] of its key.
        nonce: String,
    },
    /// An earlier attempt did not get recorded: the send failed, or the process died between claiming and
    /// recording. Claim this attempt number (the previous one plus one) and, only if that is won, send again
    /// with the same nonce; Discord returns the earlier message if it had arrived.
    Retry {
        /// Which announcement.
        id: AnnouncementId,
        /// The number of this attempt; the store's retry claim succeeds only if the previous one is current.
        attempt: u32,
        /// The same nonce as every earlier attempt.
        nonce: String,
    },
    /// An attempt is unrecorded and too old for the nonce to protect a resend. Look in the channel for the
    /// bot's message created since `claimed_at` (ask for messages `after` the snowflake of `claimed_at`
    /// less a minute, for clock skew): one whose `nonce` is this nonce or, since Discord may not return
    /// nonces when listing history, whose content is this announcement as rendered. If it is there,
    /// record it as posted; if not, release the claim (`Posting -> Scheduled`) and the next plan posts it
    /// again if it is still within the grace window. If the channel cannot be read, do nothing: the next
    /// plan asks again.
    Verify {
        /// Which announcement.
        id: AnnouncementId,
        /// The nonce the attempts carried.
        nonce: String,
        /// When the first attempt was claimed; no message of this announcement can be older.
        claimed_at: Timestamp,
    },
    /// The announcement was due longer ago than the grace window and was never sent: mark it missed.
    Miss {
        /// Which announcement.
        id: AnnouncementId,
    },
}

impl Action {
    /// The announcement this action is about.
    pub fn id(&self) -> AnnouncementId {
        match self {
            Action::Post { id, .. }
            | Action::Retry { id, .. }
            | Action::Verify { id, .. }
            | Action::Miss { id } => *id,
        }
    }
}

/// Decides what to do at `now`.
///
/// Scheduled announcements due at most `grace` ago are posted, including those that fell due while the bot
/// was down; older ones are missed. Claimed but unrecorded ones are retried with the same nonce while that
/// is safe, and verified after. Final ones are ignored.
pub fn plan(now: Timestamp, announcements: &[Announcement], grace: SignedDuration) -> Plan {
    let mut due: Vec<(&Announcement, Action)> = Vec::new();
    let mut wake_at: Option<Timestamp> = None;
    let mut wake = |at: Timestamp| {
        wake_at = Some(wake_at.map_or(at, |current| current.min(at)));
    };

    for announcement in announcements {
        let id = announcement.id;
        match announcement.status {
            Status::Scheduled => {
                if announcement.due_at > now {
                    wake(announcement.due_at);
                } else if now.duration_since(announcement.due_at) <= grace {
                    let nonce = nonce(&announcement.key);
                    due.push((announcement, Action::Post { id, nonce }));
                } else {
                    due.push((announcement, Action::Miss { id }));
                }
            }
            Status::Posting {
                attempt,
                claimed_at,
            } => {
                let window_end = after(claimed_at, NONCE_WINDOW);
                let next_try = after(
                    claimed_at,
                    RETRY_SPACING.saturating_mul(attempt_factor(attempt)),
                );
                if now >= window_end {
                    // Whatever attempts remain, a resend now could create a second message.
                    let action = Action::Verify {
                        id,
                        nonce: nonce(&announcement.key),
                        claimed_at,
                    };
                    due.push((announcement, action));
                } else if next_try >= window_end {
                    wake(window_end);
                } else if now >= next_try {
                    let action = Action::Retry {
                        id,
                        attempt: attempt.saturating_add(1),
                        nonce: nonce(&announcement.key),
                    };
                    due.push((announcement, action));
                } else {
                    wake(next_try);
                }
            }
            Status::Posted { .. } | Status::Missed { .. } | Status::Cancelled { .. } => {}
        }
    }

    // Announcements go out in the order they fell due, so that a backlog after downtime reads in order.
    due.sort_by_key(|(announcement, _)| (announcement.due_at, announcement.id));
    Plan {
        actions: due.into_iter().map(|(_, action)| action).collect(),
        wake_at,
    }
}

/// The message nonce for an announcement key: `u` and 16 hex digits of the key's 64-bit FNV-1a hash.
///
/// It must be the same in every process and every version of Usher, because a retry after a restart relies
/// on Discord recognising it; std's hasher is randomised per process and may change between releases, so
/// this spells out FNV-1a. 64 bits make a collision between two keys of one event negligible.
pub fn nonce(key: &str) -> String {
    const FNV_OFFSET_BASIS: u64 = 0xcbf2_9ce4_8422_2325;
    const FNV_PRIME: u64 = 0x0000_0100_0000_01b3;
    let hash = key.bytes().fold(FNV_OFFSET_BASIS, |hash, byte| {
        (hash ^ u64::from(byte)).wrapping_mul(FNV_PRIME)
    });
    format!("u{hash:016x}")
}

/// `at + duration`, saturating at the end of time rather than failing: a wake-up that far away never comes.
fn after(at: Timestamp, duration: SignedDuration) -> Timestamp {
    at.saturating_add(duration).unwrap_or(Timestamp::MAX)
}

/// The attempt number as a multiplier for [`RETRY_SPACING`]; attempts never come near `i32::MAX`.
fn attempt_factor(attempt: u32) -> i32 {
    i32::try_from(attempt).unwrap_or(i32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schedule::model::{Ping, Source};

    const GRACE: SignedDuration = SignedDuration::from_mins(10);

    fn at(seconds: i64) -> Timestamp {
        Timestamp::constant(1_750_000_000 + seconds, 0)
    }

    fn announcement(id: i64, due: i64, status: Status) -> Announcement {
        Announcement {
            id: AnnouncementId(id),
            key: format!("manual:{id}"),
            text: format!("announcement {id}"),
            channel: None,
            ping: Ping::None,
            due_at: at(due),
            created_by: "alice".to_owned(),
            created_at: at(-3600),
            source: Source::Manual,
            status,
        }
    }

    #[test]
    fn nonce_is_pinned_short_and_distinct() {
        // These values are part of the contract with Discord across restarts and upgrades: if this test
        // fails, a retry after an upgrade could post a duplicate.
        assert_eq!(nonce(""), "ucbf29ce484222325");
        assert_eq!(nonce("a"), "uaf63dc4c8601ec8c");
        assert_eq!(nonce("manual:1"), nonce("manual:1"));
        assert_ne!(nonce("manual:1"), nonce("manual:2"));
        let long = "reminder:a-very-long-session-identifier:2025-06-01T09:00:00Z:15m";
        assert!(nonce(long).len() <= NONCE_MAX_LEN);
        assert!(nonce(long).is_ascii());
    }

    #[test]
    fn future_announcements_only_set_the_wake_time() {
        let plan = plan(
            at(0),
            &[
                announcement(1, 300, Status::Scheduled),
                announcement(2, 60, Status::Scheduled),
            ],
            GRACE,
        );
        assert_eq!(plan.actions, vec![]);
        assert_eq!(plan.wake_at, Some(at(60)));
    }

    #[test]
    fn due_announcements_are_posted_in_due_order() {
        let plan = plan(
            at(0),
            &[
                announcement(1, 0, Status::Scheduled),
                announcement(2, -120, Status::Scheduled),
            ],
            GRACE,
        );
        assert_eq!(
            plan.actions,
            vec![
                Action::Post {
                    id: AnnouncementId(2),
                    nonce: nonce("manual:2")
                },
                Action::Post {
                    id: AnnouncementId(1),
                    nonce: nonce("manual:1")
                },
            ]
        );
        assert_eq!(plan.wake_at, None);
    }

    #[test]
    fn the_grace_window_is_inclusive_and_older_ones_are_missed() {
        let plan = plan(
            at(0),
            &[
                announcement(1, -600, Status::Scheduled),
                announcement(2, -601, Status::Scheduled),
            ],
            GRACE,
        );
        assert_eq!(
            plan.actions,
            vec![
                Action::Miss {
                    id: AnnouncementId(2)
                },
                Action::Post {
                    id: AnnouncementId(1),
                    nonce: nonce("manual:1")
                },
            ]
        );
    }

    #[test]
    fn final_announcements_are_left_alone() {
        let statuses = [
            Status::Posted {
                message_id: 9,
                posted_at: at(-10),
            },
            Status::Missed { at: at(-10) },
            Status::Cancelled {
                by: "bob".to_owned(),
                at: at(-10),
            },
        ];
        let announcements: Vec<_> = statuses
            .into_iter()
            .enumerate()
            .map(|(index, status)| announcement(i64::try_from(index).unwrap(), -60, status))
            .collect();
        assert_eq!(plan(at(0), &announcements, GRACE), Plan::default());
    }

    #[test]
    fn an_unrecorded_claim_is_retried_after_the_spacing() {
        let claimed = Status::Posting {
            attempt: 1,
            claimed_at: at(0),
        };
        let early = plan(at(5), &[announcement(1, 0, claimed.clone())], GRACE);
        assert_eq!(early.actions, vec![]);
        assert_eq!(early.wake_at, Some(at(20)));

        let on_time = plan(at(20), &[announcement(1, 0, claimed)], GRACE);
        assert_eq!(
            on_time.actions,
            vec![Action::Retry {
                id: AnnouncementId(1),
                attempt: 2,
                nonce: nonce("manual:1")
            }]
        );
    }

    #[test]
    fn retries_stop_inside_the_nonce_window_and_then_verify() {
        // The sixth attempt was claimed at 100 s; a seventh would start at 120 s, which is no longer inside
        // the window, so the plan waits for the window to end and then asks for verification.
        let sixth = Status::Posting {
            attempt: 6,
            claimed_at: at(0),
        };
        let waiting = plan(at(110), &[announcement(1, 0, sixth.clone())], GRACE);
        assert_eq!(waiting.actions, vec![]);
        assert_eq!(waiting.wake_at, Some(at(120)));

        let verify = plan(at(120), &[announcement(1, 0, sixth)], GRACE);
        assert_eq!(
            verify.actions,
            vec![Action::Verify {
                id: AnnouncementId(1),
                nonce: nonce("manual:1"),
                claimed_at: at(0)
            }]
        );
    }

    #[test]
    fn a_restart_after_the_window_verifies_even_with_attempts_left() {
        // Only one attempt was made, but the window has closed while the process was down.
        let claimed = Status::Posting {
            attempt: 1,
            claimed_at: at(0),
        };
        let plan = plan(at(120), &[announcement(1, 0, claimed)], GRACE);
        assert_eq!(
            plan.actions,
            vec![Action::Verify {
                id: AnnouncementId(1),
                nonce: nonce("manual:1"),
                claimed_at: at(0)
            }]
        );
    }

    #[test]
    fn a_claim_found_long_after_a_crash_is_verified_not_resent() {
        let claimed = Status::Posting {
            attempt: 1,
            claimed_at: at(0),
        };
        let plan = plan(at(3600), &[announcement(1, 0, claimed)], GRACE);
        assert_eq!(
            plan.actions,
            vec![Action::Verify {
                id: AnnouncementId(1),
                nonce: nonce("manual:1"),
                claimed_at: at(0)
            }]
        );
    }

    #[test]
    fn timestamps_at_the_end_of_time_do_not_panic() {
        let claimed = Status::Posting {
            attempt: u32::MAX,
            claimed_at: Timestamp::MAX,
        };
        let plan = plan(
            Timestamp::MIN,
            &[
                announcement(1, 0, claimed),
                Announcement {
                    due_at: Timestamp::MAX,
                    ..announcement(2, 0, Status::Scheduled)
                },
            ],
            SignedDuration::MAX,
        );
        assert_eq!(plan.actions, vec![]);
        assert_eq!(plan.wake_at, Some(Timestamp::MAX));
    }
}
