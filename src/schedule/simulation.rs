//! A simulated scheduler loop against a fake Discord, with crashes and failures injected, to check that
//! following [`plan`] posts every announcement at most once and settles every due one.
//!
//! The loop runs against a [`Ledger`]: an in-memory one here, and the real `SQLite` store in the store's
//! tests, so that both honour the same transitions.

use jiff::{SignedDuration, Timestamp};
use proptest::prelude::*;

use super::{Action, Announcement, AnnouncementId, NONCE_WINDOW, Ping, Source, Status, plan};

/// The transitions a scheduler loop needs from its state store.
pub(crate) trait Ledger {
    /// Every announcement, in any status.
    fn announcements(&mut self) -> Vec<Announcement>;
    /// `Scheduled -> Posting { attempt: 1 }`; whether this call won.
    fn claim(&mut self, id: AnnouncementId, now: Timestamp) -> bool;
    /// `Posting { attempt - 1 } -> Posting { attempt }`; whether this call won.
    fn claim_retry(&mut self, id: AnnouncementId, attempt: u32, now: Timestamp) -> bool;
    /// `Posting -> Posted`.
    fn mark_posted(&mut self, id: AnnouncementId, message_id: u64, now: Timestamp);
    /// `Posting -> Scheduled`, after verification found no message.
    fn release(&mut self, id: AnnouncementId, now: Timestamp);
    /// `Scheduled -> Missed`.
    fn mark_missed(&mut self, id: AnnouncementId, now: Timestamp);
    /// `Scheduled -> Cancelled`; whether it was still scheduled.
    fn cancel(&mut self, id: AnnouncementId, now: Timestamp) -> bool;
}

/// A ledger that holds announcements in memory and applies the transitions as the store documents them.
#[derive(Debug, Default)]
pub(crate) struct MemoryLedger {
    pub(crate) announcements: Vec<Announcement>,
}

impl MemoryLedger {
    fn find(&mut self, id: AnnouncementId) -> &mut Announcement {
        self.announcements
            .iter_mut()
            .find(|announcement| announcement.id == id)
            .expect("the plan only names known announcements")
    }
}

impl Ledger for MemoryLedger {
    fn announcements(&mut self) -> Vec<Announcement> {
        self.announcements.clone()
    }

    fn claim(&mut self, id: AnnouncementId, now: Timestamp) -> bool {
        let announcement = self.find(id);
        if announcement.status != Status::Scheduled {
            return false;
        }
        announcement.status = Status::Posting {
            attempt: 1,
            claimed_at: now,
        };
        true
    }

    fn claim_retry(&mut self, id: AnnouncementId, attempt: u32, _now: Timestamp) -> bool {
        let announcement = self.find(id);
        let Status::Posting {
            attempt: current,
            claimed_at,
        } = announcement.status
        else {
            return false;
        };
        if current + 1 != attempt {
            return false;
        }
        announcement.status = Status::Posting {
            attempt,
            claimed_at,
        };
        true
    }

    fn mark_posted(&mut self, id: AnnouncementId, message_id: u64, now: Timestamp) {
        let announcement = self.find(id);
        assert!(matches!(announcement.status, Status::Posting { .. }));
        announcement.status = Status::Posted {
            message_id,
            posted_at: now,
        };
    }

    fn release(&mut self, id: AnnouncementId, _now: Timestamp) {
        let announcement = self.find(id);
        assert!(matches!(announcement.status, Status::Posting { .. }));
        announcement.status = Status::Scheduled;
    }

    fn mark_missed(&mut self, id: AnnouncementId, now: Timestamp) {
        let announcement = self.find(id);
        assert_eq!(announcement.status, Status::Scheduled);
        announcement.status = Status::Missed { at: now };
    }

    fn cancel(&mut self, id: AnnouncementId, now: Timestamp) -> bool {
        let announcement = self.find(id);
        if announcement.status != Status::Scheduled {
            return false;
        }
        announcement.status = Status::Cancelled {
            by: "tester".to_owned(),
            at: now,
        };
        true
    }
}

/// A message on the fake Discord.
#[derive(Debug, Clone)]
pub(crate) struct Message {
    pub(crate) id: u64,
    pub(crate) nonce: String,
    pub(crate) created_at: Timestamp,
}

/// Discord as far as posting with `enforce_nonce` goes, assuming its deduplication lasts exactly
/// [`NONCE_WINDOW`]: the least the scheduler may rely on.
#[derive(Debug, Default)]
pub(crate) struct FakeDiscord {
    pub(crate) messages: Vec<Message>,
}

impl FakeDiscord {
    /// Creates a message, or returns the one this nonce created within the window.
    fn send(&mut self, nonce: &str, now: Timestamp) -> u64 {
        let recent = self.messages.iter().find(|message| {
            message.nonce == nonce && now.duration_since(message.created_at) < NONCE_WINDOW
        });
        if let Some(message) = recent {
            return message.id;
        }
        let id = 1000 + self.messages.len() as u64;
        self.messages.push(Message {
            id,
            nonce: nonce.to_owned(),
            created_at: now,
        });
        id
    }

    /// What the adapter's verification finds: a message with this nonce created since `since`.
    fn find(&self, nonce: &str, since: Timestamp) -> Option<u64> {
        self.messages
            .iter()
            .find(|message| message.nonce == nonce && message.created_at >= since)
            .map(|message| message.id)
    }
}

/// What goes wrong while carrying out one action that talks to Discord.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Fault {
    /// Nothing.
    None,
    /// The process dies after claiming, before sending.
    CrashAfterClaim,
    /// The request fails before reaching Discord; the loop carries on.
    SendFails,
    /// Discord creates the message but the response is lost; the loop carries on.
    ResponseLost,
    /// Discord creates the message and the process dies before recording it.
    CrashAfterSend,
}

fn fault() -> impl Strategy<Value = Fault> {
    prop_oneof![
        3 => Just(Fault::None),
        1 => Just(Fault::CrashAfterClaim),
        1 => Just(Fault::SendFails),
        1 => Just(Fault::ResponseLost),
        1 => Just(Fault::CrashAfterSend),
    ]
}

/// Sends an announcement that the loop has just claimed, as the adapter does, unless `fault` intervenes.
/// Returns false if the process crashed.
fn send(
    ledger: &mut impl Ledger,
    discord: &mut FakeDiscord,
    id: AnnouncementId,
    nonce: &str,
    now: Timestamp,
    fault: Fault,
) -> bool {
    match fault {
        Fault::None => {
            let message_id = discord.send(nonce, now);
            ledger.mark_posted(id, message_id, now);
            true
        }
        Fault::CrashAfterClaim => false,
        Fault::SendFails => true,
        Fault::ResponseLost => {
            discord.send(nonce, now);
            true
        }
        Fault::CrashAfterSend => {
            discord.send(nonce, now);
            false
        }
    }
}

/// One pass of the scheduler loop at `now`: plan, then carry the actions out until a fault kills the process.
/// Returns the plan it followed.
pub(crate) fn tick(
    ledger: &mut impl Ledger,
    discord: &mut FakeDiscord,
    now: Timestamp,
    grace: SignedDuration,
    faults: &mut impl Iterator<Item = Fault>,
) -> super::Plan {
    let plan = plan(now, &ledger.announcements(), grace);
    for action in &plan.actions {
        let alive = match action {
            Action::Post { id, nonce } => {
                !ledger.claim(*id, now)
                    || send(
                        ledger,
                        discord,
                        *id,
                        nonce,
                        now,
                        faults.next().unwrap_or(Fault::None),
                    )
            }
            Action::Retry { id, attempt, nonce } => {
                !ledger.claim_retry(*id, *attempt, now)
                    || send(
                        ledger,
                        discord,
                        *id,
                        nonce,
                        now,
                        faults.next().unwrap_or(Fault::None),
                    )
            }
            Action::Verify {
                id,
                nonce,
                claimed_at,
            } => {
                let crashed = matches!(
                    faults.next(),
                    Some(Fault::CrashAfterClaim | Fault::CrashAfterSend)
                );
                if !crashed {
                    match discord.find(nonce, *claimed_at) {
                        Some(message_id) => ledger.mark_posted(*id, message_id, now),
                        None => ledger.release(*id, now),
                    }
                }
                !crashed
            }
            Action::Miss { id } => {
                ledger.mark_missed(*id, now);
                true
            }
        };
        if !alive {
            break;
        }
    }
    plan
}

/// Runs the loop without faults, waking when the plan asks, until nothing is left to do.
pub(crate) fn settle(
    ledger: &mut impl Ledger,
    discord: &mut FakeDiscord,
    mut now: Timestamp,
    grace: SignedDuration,
) -> Timestamp {
    for _ in 0..10_000 {
        let plan = tick(ledger, discord, now, grace, &mut std::iter::empty());
        if plan.actions.is_empty() {
            match plan.wake_at {
                Some(wake_at) => now = now.max(wake_at),
                None => return now,
            }
        }
    }
    panic!("the scheduler did not settle");
}

/// A start time for simulations, in whole seconds as the store keeps them.
pub(crate) fn epoch() -> Timestamp {
    Timestamp::constant(1_750_000_000, 0)
}

/// The scheduled announcements of a scenario, due at the given offsets in seconds after [`epoch`].
pub(crate) fn scheduled(due_offsets: &[i64]) -> Vec<Announcement> {
    due_offsets
        .iter()
        .zip(1..)
        .map(|(&offset, id)| Announcement {
            id: AnnouncementId(id),
            key: format!("test:{id}"),
            text: format!("announcement {id}"),
            channel: None,
            ping: Ping::None,
            due_at: epoch() + SignedDuration::from_secs(offset),
            created_by: "tester".to_owned(),
            created_at: epoch(),
            source: Source::Manual,
            status: Status::Scheduled,
        })
        .collect()
}

/// A scenario: announcements, a run of ticks with faults and cancellations, and a grace window.
#[derive(Debug, Clone)]
pub(crate) struct Scenario {
    pub(crate) due_offsets: Vec<i64>,
    /// Seconds to advance before each tick (gaps model downtime), and an announcement to cancel first.
    pub(crate) steps: Vec<(i64, Option<usize>)>,
    pub(crate) faults: Vec<Fault>,
    pub(crate) grace: SignedDuration,
}

pub(crate) fn scenario() -> impl Strategy<Value = Scenario> {
    (
        prop::collection::vec(-600_i64..3600, 0..8),
        prop::collection::vec((0_i64..400, prop::option::weighted(0.1, 0_usize..8)), 0..40),
        prop::collection::vec(fault(), 0..30),
        0_i64..1200,
    )
        .prop_map(|(due_offsets, steps, faults, grace)| Scenario {
            due_offsets,
            steps,
            faults,
            grace: SignedDuration::from_secs(grace),
        })
}

/// Runs a scenario against `ledger`, which must hold [`scheduled`] of its offsets, and checks the outcome:
/// no announcement is ever on Discord twice, and in the end every one is posted (with the message Discord
/// has), missed or cancelled (with no message at all).
pub(crate) fn run_and_check(
    ledger: &mut impl Ledger,
    scenario: &Scenario,
) -> Result<(), TestCaseError> {
    let mut discord = FakeDiscord::default();
    let mut faults = scenario.faults.iter().copied();
    let mut now = epoch();
    for &(advance, cancel) in &scenario.steps {
        now += SignedDuration::from_secs(advance);
        if let Some(index) = cancel {
            let ids: Vec<AnnouncementId> = ledger.announcements().iter().map(|a| a.id).collect();
            if let Some(&id) = ids.get(index) {
                ledger.cancel(id, now);
            }
        }
        tick(ledger, &mut discord, now, scenario.grace, &mut faults);
    }
    settle(ledger, &mut discord, now, scenario.grace);

    for announcement in ledger.announcements() {
        let nonce = super::nonce(&announcement.key);
        let messages: Vec<&Message> = discord
            .messages
            .iter()
            .filter(|message| message.nonce == nonce)
            .collect();
        prop_assert!(
            messages.len() <= 1,
            "{} was posted {} times",
            announcement.key,
            messages.len()
        );
        match announcement.status {
            Status::Posted { message_id, .. } => {
                prop_assert_eq!(messages.first().map(|message| message.id), Some(message_id));
            }
            Status::Missed { .. } | Status::Cancelled { .. } => {
                prop_assert!(
                    messages.is_empty(),
                    "{} has a message but is {:?}",
                    announcement.key,
                    announcement.status
                );
            }
            Status::Scheduled | Status::Posting { .. } => {
                prop_assert!(
                    false,
                    "{} did not settle: {:?}",
                    announcement.key,
                    announcement.status
                );
            }
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn following_the_plan_posts_each_announcement_at_most_once_and_settles_all(scenario in scenario()) {
        let mut ledger = MemoryLedger { announcements: scheduled(&scenario.due_offsets) };
        run_and_check(&mut ledger, &scenario)?;
    }

    #[test]
    fn a_healthy_loop_posts_everything_on_time(
        due_offsets in prop::collection::vec(0_i64..86_400, 0..20),
        grace in 0_i64..1200,
    ) {
        let mut ledger = MemoryLedger { announcements: scheduled(&due_offsets) };
        let mut discord = FakeDiscord::default();
        settle(&mut ledger, &mut discord, epoch(), SignedDuration::from_secs(grace));
        prop_assert_eq!(discord.messages.len(), due_offsets.len());
        for announcement in &ledger.announcements {
            let on_time = matches!(announcement.status, Status::Posted { posted_at, .. } if posted_at == announcement.due_at);
            prop_assert!(on_time, "{:?}", announcement);
        }
    }
}

#[test]
fn a_crash_between_send_and_record_is_healed_by_the_nonce() {
    let mut ledger = MemoryLedger {
        announcements: scheduled(&[0]),
    };
    let mut discord = FakeDiscord::default();
    let grace = SignedDuration::from_mins(10);
    let plan = tick(
        &mut ledger,
        &mut discord,
        epoch(),
        grace,
        &mut [Fault::CrashAfterSend].into_iter(),
    );
    assert_eq!(plan.actions.len(), 1);
    assert!(matches!(
        ledger.announcements[0].status,
        Status::Posting { attempt: 1, .. }
    ));
    assert_eq!(discord.messages.len(), 1);

    // The restarted process retries 20 s later; Discord answers with the message it already has.
    let restart = epoch() + SignedDuration::from_secs(20);
    let plan = tick(
        &mut ledger,
        &mut discord,
        restart,
        grace,
        &mut std::iter::empty(),
    );
    assert!(matches!(
        plan.actions[..],
        [Action::Retry { attempt: 2, .. }]
    ));
    assert_eq!(discord.messages.len(), 1);
    assert_eq!(
        ledger.announcements[0].status,
        Status::Posted {
            message_id: discord.messages[0].id,
            posted_at: restart
        }
    );
}

#[test]
fn a_crash_found_after_the_window_is_verified_and_not_reposted() {
    let mut ledger = MemoryLedger {
        announcements: scheduled(&[0]),
    };
    let mut discord = FakeDiscord::default();
    let grace = SignedDuration::from_mins(10);
    tick(
        &mut ledger,
        &mut discord,
        epoch(),
        grace,
        &mut [Fault::CrashAfterSend].into_iter(),
    );
    // Back after an hour: Discord no longer deduplicates, so only verification can tell.
    let later = epoch() + SignedDuration::from_hours(1);
    let plan = tick(
        &mut ledger,
        &mut discord,
        later,
        grace,
        &mut std::iter::empty(),
    );
    assert!(matches!(plan.actions[..], [Action::Verify { .. }]));
    assert_eq!(discord.messages.len(), 1);
    assert!(matches!(
        ledger.announcements[0].status,
        Status::Posted { .. }
    ));
}

#[test]
fn a_claim_that_never_reached_discord_is_released_and_posted_within_grace() {
    let mut ledger = MemoryLedger {
        announcements: scheduled(&[0]),
    };
    let mut discord = FakeDiscord::default();
    let grace = SignedDuration::from_mins(10);
    tick(
        &mut ledger,
        &mut discord,
        epoch(),
        grace,
        &mut [Fault::CrashAfterClaim].into_iter(),
    );
    let back = epoch() + SignedDuration::from_mins(5);
    tick(
        &mut ledger,
        &mut discord,
        back,
        grace,
        &mut std::iter::empty(),
    );
    assert_eq!(ledger.announcements[0].status, Status::Scheduled);
    tick(
        &mut ledger,
        &mut discord,
        back,
        grace,
        &mut std::iter::empty(),
    );
    assert_eq!(discord.messages.len(), 1);
    assert!(matches!(
        ledger.announcements[0].status,
        Status::Posted { .. }
    ));
}
