//! What the announcement loop should do now, decided from the announcements, the clocks and the loop's
//! own claims alone.

use std::collections::BTreeMap;
use std::time::Duration;

use jiff::{SignedDuration, Timestamp};

use super::model::{Announcement, AnnouncementId, Status};

/// Discord's limit on the length of a message nonce (`nonce` in "Create Message").
pub const NONCE_MAX_LEN: usize = 25;

/// How long after the first attempt a post may be sent again with the same nonce.
///
/// Discord, asked to `enforce_nonce`, returns the existing message instead of creating a second one when the
/// same author sent the same nonce "in the past few minutes". It does not say how many, so this stays well
/// inside: two minutes, measured on the monotonic clock of the process that claimed the post, and no
/// attempt may still be under way when it ends. After that a resend could create a duplicate, so the loop
/// looks for the message instead.
pub const NONCE_WINDOW: SignedDuration = SignedDuration::from_mins(2);

/// The pause between attempts to send the same announcement, so that a failing Discord is not hammered.
/// With [`NONCE_WINDOW`] this allows six attempts in all.
pub const RETRY_SPACING: SignedDuration = SignedDuration::from_secs(20);

/// How long before the end of [`NONCE_WINDOW`] every attempt must be over: a request abandoned at its
/// deadline may still be on its way, and this machine's monotonic clock and Discord's may run a little
/// apart.
pub const SEND_MARGIN: Duration = Duration::from_secs(5);

/// The shortest time an attempt is given; an attempt that would have less before the window ends is not
/// made.
pub const MIN_ATTEMPT: Duration = Duration::from_secs(1);

/// A sensible grace window: an announcement that fell due while the bot was down is still posted if the bot
/// is back within this long, and marked missed otherwise.
pub const DEFAULT_GRACE: SignedDuration = SignedDuration::from_mins(10);

/// A reading of the clocks: the wall clock, for what is due, and a monotonic clock, for how long this
/// process has been waiting on its own posts. A wall clock set back or forward never changes the second.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Moment {
    pub wall: Timestamp,
    /// Time on a clock that only runs forward, from any origin fixed for the life of the process.
    pub monotonic: Duration,
}

/// A claim this process made and still holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OwnClaim {
    /// The attempt last sent.
    pub attempt: u32,
    /// When the first attempt was claimed, on the monotonic clock.
    pub since: Duration,
}

/// The claims this process holds, by announcement. A claim not in here was made by another process (or by
/// this one before a restart), whose attempts this process cannot time.
pub type OwnClaims = BTreeMap<AnnouncementId, OwnClaim>;

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
    /// This process's earlier attempt did not get recorded (the send failed or its answer was lost). Claim
    /// this attempt number (the previous one plus one) and, only if that is won, send again with the same
    /// nonce, giving up by `deadline`; Discord returns the earlier message if it had arrived.
    Retry {
        /// Which announcement.
        id: AnnouncementId,
        /// The number of this attempt; the store's retry claim succeeds only if the previous one is current.
        attempt: u32,
        /// The same nonce as every earlier attempt.
        nonce: String,
        /// On the monotonic clock, when every attempt must be over: [`SEND_MARGIN`] before the nonce
        /// window ends.
        deadline: Duration,
    },
    /// An attempt is unrecorded and no attempt can be under way any more: this process's window has
    /// passed, or the claim is another process's and a window has passed by the wall clock. Look in the
    /// claim's channel for the bot's own message with the claim's marker, created since `claimed_at`
    /// (less a minute, for clock skew). If it is there, record it as posted; if not, release the claim
    /// (`Posting -> Scheduled`) and the next plan posts it again if it is still within the grace window. If
    /// the channel cannot be read, do nothing: the next plan asks again.
    Verify {
        /// Which announcement.
        id: AnnouncementId,
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

/// Decides what to do at `now`, given the claims this process holds.
///
/// Scheduled announcements due at most `grace` ago are posted, including those that fell due while the bot
/// was down; older ones are missed. This process's unrecorded claims are retried with the same nonce while
/// its monotonic clock says that is safe, and verified after; another process's claims are verified once
/// the wall clock says a window has passed since they were made, or at once if they seem to have been made
/// in the future (the wall clock was set back since). Final ones are ignored.
pub fn plan(
    now: Moment,
    announcements: &[Announcement],
    grace: SignedDuration,
    own: &OwnClaims,
) -> Plan {
    let mut due: Vec<(&Announcement, Action)> = Vec::new();
    let mut wake_at: Option<Timestamp> = None;
    let mut wake = |at: Timestamp| {
        wake_at = Some(wake_at.map_or(at, |current| current.min(at)));
    };

    for announcement in announcements {
        let id = announcement.id;
        match announcement.status {
            Status::Scheduled => {
                if announcement.due_at > now.wall {
                    wake(announcement.due_at);
                } else if now.wall.duration_since(announcement.due_at) <= grace {
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
                if let Some(claim) = own.get(&id).filter(|claim| claim.attempt == attempt) {
                    let deadline = claim
                        .since
                        .saturating_add(unsigned(NONCE_WINDOW).saturating_sub(SEND_MARGIN));
                    let next_try = claim
                        .since
                        .saturating_add(unsigned(RETRY_SPACING).saturating_mul(attempt));
                    if now.monotonic >= deadline {
                        due.push((announcement, Action::Verify { id, claimed_at }));
                    } else if next_try.saturating_add(MIN_ATTEMPT) > deadline {
                        wake(later(now, deadline));
                    } else if now.monotonic >= next_try {
                        let action = Action::Retry {
                            id,
                            attempt: attempt.saturating_add(1),
                            nonce: nonce(&announcement.key),
                            deadline,
                        };
                        due.push((announcement, action));
                    } else {
                        wake(later(now, next_try));
                    }
                } else {
                    let window_end = after(claimed_at, NONCE_WINDOW);
                    if now.wall >= window_end || claimed_at > now.wall {
                        due.push((announcement, Action::Verify { id, claimed_at }));
                    } else {
                        wake(window_end);
                    }
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

/// The wall-clock time at which the monotonic clock will read `monotonic`, as far as one can tell now.
fn later(now: Moment, monotonic: Duration) -> Timestamp {
    let ahead = SignedDuration::try_from(monotonic.saturating_sub(now.monotonic))
        .unwrap_or(SignedDuration::MAX);
    after(now.wall, ahead)
}

/// A non-negative duration constant as a [`Duration`].
fn unsigned(duration: SignedDuration) -> Duration {
    Duration::try_from(duration).unwrap_or(Duration::ZERO)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schedule::model::{Ping, Source};

    const GRACE: SignedDuration = SignedDuration::from_mins(10);

    fn at(seconds: i64) -> Timestamp {
        Timestamp::constant(1_750_000_000 + seconds, 0)
    }

    /// The clocks `seconds` into the test, with the monotonic clock started at the test's beginning.
    fn moment(seconds: i64) -> Moment {
        Moment {
            wall: at(seconds),
            monotonic: Duration::from_secs(seconds.unsigned_abs()) + Duration::from_secs(1000),
        }
    }

    fn announcement(id: i64, due: i64, status: Status) -> Announcement {
        Announcement {
            id: AnnouncementId(id),
            key: format!("manual:{id}"),
            text: format!("announcement {id}"),
            channel: None,
            recipient: None,
            ping: Ping::None,
            due_at: at(due),
            created_by: "alice".to_owned(),
            created_at: at(-3600),
            source: Source::Manual,
            status,
            target: None,
        }
    }

    fn posting(attempt: u32, claimed: i64) -> Status {
        Status::Posting {
            attempt,
            claimed_at: at(claimed),
        }
    }

    /// This process's claim of announcement 1, made `claimed` seconds into the test.
    fn own(attempt: u32, claimed: i64) -> OwnClaims {
        OwnClaims::from([(
            AnnouncementId(1),
            OwnClaim {
                attempt,
                since: moment(claimed).monotonic,
            },
        )])
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
            moment(0),
            &[
                announcement(1, 300, Status::Scheduled),
                announcement(2, 60, Status::Scheduled),
            ],
            GRACE,
            &OwnClaims::new(),
        );
        assert_eq!(plan.actions, vec![]);
        assert_eq!(plan.wake_at, Some(at(60)));
    }

    #[test]
    fn due_announcements_are_posted_in_due_order() {
        let plan = plan(
            moment(0),
            &[
                announcement(1, 0, Status::Scheduled),
                announcement(2, -120, Status::Scheduled),
            ],
            GRACE,
            &OwnClaims::new(),
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
            moment(0),
            &[
                announcement(1, -600, Status::Scheduled),
                announcement(2, -601, Status::Scheduled),
            ],
            GRACE,
            &OwnClaims::new(),
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
            Status::Missed {
                at: at(-10),
                reason: "late".to_owned(),
            },
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
        assert_eq!(
            plan(moment(0), &announcements, GRACE, &OwnClaims::new()),
            Plan::default()
        );
    }

    #[test]
    fn an_own_unrecorded_claim_is_retried_after_the_spacing_before_the_window_ends() {
        let claims = own(1, 0);
        let early = plan(
            moment(5),
            &[announcement(1, 0, posting(1, 0))],
            GRACE,
            &claims,
        );
        assert_eq!(early.actions, vec![]);
        assert_eq!(early.wake_at, Some(at(20)));

        let on_time = plan(
            moment(20),
            &[announcement(1, 0, posting(1, 0))],
            GRACE,
            &claims,
        );
        assert_eq!(
            on_time.actions,
            vec![Action::Retry {
                id: AnnouncementId(1),
                attempt: 2,
                nonce: nonce("manual:1"),
                deadline: moment(115).monotonic,
            }]
        );
    }

    #[test]
    fn own_retries_stop_inside_the_nonce_window_and_then_verify() {
        // The sixth attempt was made at 100 s; a seventh would start at 120 s, which is past the deadline
        // (115 s), so the plan waits for the deadline and then asks for verification.
        let claims = own(6, 0);
        let waiting = plan(
            moment(110),
            &[announcement(1, 0, posting(6, 0))],
            GRACE,
            &claims,
        );
        assert_eq!(waiting.actions, vec![]);
        assert_eq!(waiting.wake_at, Some(at(115)));

        let verify = plan(
            moment(115),
            &[announcement(1, 0, posting(6, 0))],
            GRACE,
            &claims,
        );
        assert_eq!(
            verify.actions,
            vec![Action::Verify {
                id: AnnouncementId(1),
                claimed_at: at(0)
            }]
        );
    }

    #[test]
    fn a_wall_clock_set_back_does_not_extend_own_retries() {
        // Claimed at 0; 130 s later by the monotonic clock, but the wall clock was set back a minute, so it
        // reads 70 s. Going by the wall clock would retry; the monotonic clock says the window is over.
        let claims = own(2, 0);
        let now = Moment {
            wall: at(70),
            monotonic: moment(130).monotonic,
        };
        let plan = plan(now, &[announcement(1, 0, posting(2, 0))], GRACE, &claims);
        assert_eq!(
            plan.actions,
            vec![Action::Verify {
                id: AnnouncementId(1),
                claimed_at: at(0)
            }]
        );
    }

    #[test]
    fn another_process_claim_is_never_resent_only_verified_after_a_window() {
        // No own claim: the process that made it died (or is another one). It is not resent, even with time
        // left in the window; it is verified when the window has passed by the wall clock.
        let inside = plan(
            moment(20),
            &[announcement(1, 0, posting(1, 0))],
            GRACE,
            &OwnClaims::new(),
        );
        assert_eq!(inside.actions, vec![]);
        assert_eq!(inside.wake_at, Some(at(120)));
        for later in [120, 3600] {
            let after = plan(
                moment(later),
                &[announcement(1, 0, posting(1, 0))],
                GRACE,
                &OwnClaims::new(),
            );
            assert_eq!(
                after.actions,
                vec![Action::Verify {
                    id: AnnouncementId(1),
                    claimed_at: at(0)
                }]
            );
        }
        // A claim from the future means the wall clock was set back since: its window cannot be timed, and
        // its process is gone, so it is verified at once.
        let future = plan(
            moment(0),
            &[announcement(1, 0, posting(1, 600))],
            GRACE,
            &OwnClaims::new(),
        );
        assert!(matches!(future.actions[..], [Action::Verify { .. }]));
    }

    #[test]
    fn timestamps_at_the_end_of_time_do_not_panic() {
        let claimed = Status::Posting {
            attempt: u32::MAX,
            claimed_at: Timestamp::MAX,
        };
        let now = Moment {
            wall: Timestamp::MIN,
            monotonic: Duration::MAX,
        };
        let claims = OwnClaims::from([(
            AnnouncementId(1),
            OwnClaim {
                attempt: u32::MAX,
                since: Duration::MAX,
            },
        )]);
        let plan = plan(
            now,
            &[
                announcement(1, 0, claimed),
                Announcement {
                    due_at: Timestamp::MAX,
                    ..announcement(2, 0, Status::Scheduled)
                },
            ],
            SignedDuration::MAX,
            &claims,
        );
        assert_eq!(plan.wake_at, Some(Timestamp::MAX));
    }
}
