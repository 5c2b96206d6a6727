//! The shipped announcement loop, [`Announcer::step`], under injected faults: a fake [`Outbox`] in front of
//! a Discord that remembers nonces for exactly [`NONCE_WINDOW`] (the least the loop may rely on), and a
//! [`Ledger`] that can die between any two of its transitions. The property tests check that every
//! announcement ends posted exactly once, missed and reported to organisers, or cancelled, and never
//! twice; the store's tests run the same scenarios on the real `SQLite` store.
//!
//! A kill is a future that never completes: the fake ports are never otherwise pending, so the test polls
//! a step once, and a step still pending after that poll died where the kill struck. Nothing after that
//! point runs, as after a SIGKILL; the next step runs in a new "process", with a new [`Announcer`] and a
//! new monotonic clock.

use std::collections::VecDeque;
use std::future::Future;
use std::pin::pin;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::task::{Context, Poll, Waker};
use std::time::Duration;

use jiff::{SignedDuration, Timestamp};
use proptest::prelude::*;

use super::{
    Announcement, AnnouncementId, Announcer, Found, Ledger, Moment, NONCE_WINDOW, Outbox, Ping,
    Post, Sent, Settings, Source, Status, Stepped, Target, nonce,
};

/// Polls `future` once. The fake ports are never pending except when a kill strikes, so `None` means the
/// process died in it.
pub(crate) fn unless_killed<F: Future>(future: F) -> Option<F::Output> {
    let mut future = pin!(future);
    match future
        .as_mut()
        .poll(&mut Context::from_waker(Waker::noop()))
    {
        Poll::Ready(output) => Some(output),
        Poll::Pending => None,
    }
}

/// Dies here: the rest of the step never runs.
async fn die() {
    std::future::pending::<()>().await;
}

/// What goes wrong in one request to the platform.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Fault {
    None,
    /// 5xx before anything was created.
    ServerError,
    /// The message is created but the answer never comes back.
    AnswerLost,
    /// The request takes this many seconds (a slow network, or a 429 that the HTTP client sleeps through
    /// and resends inside one call); longer than the timeout, it is abandoned at the timeout, by which
    /// time it may have been created.
    Slow(u64),
    /// Refused for good (no permission).
    Refused,
    /// The process dies before the request leaves.
    KillBefore,
    /// The process dies after the request took effect, before hearing the answer.
    KillAfter,
}

fn fault() -> impl Strategy<Value = Fault> {
    prop_oneof![
        6 => Just(Fault::None),
        1 => Just(Fault::ServerError),
        1 => Just(Fault::AnswerLost),
        1 => (1_u64..200).prop_map(Fault::Slow),
        1 => Just(Fault::Refused),
        1 => Just(Fault::KillBefore),
        1 => Just(Fault::KillAfter),
    ]
}

/// What goes wrong in one transition of the store.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Death {
    None,
    Before,
    After,
}

fn death() -> impl Strategy<Value = Death> {
    prop_oneof![
        20 => Just(Death::None),
        1 => Just(Death::Before),
        1 => Just(Death::After),
    ]
}

/// A message on the fake Discord.
#[derive(Debug, Clone)]
pub(crate) struct Message {
    pub(crate) id: u64,
    pub(crate) channel: u64,
    pub(crate) nonce: String,
    pub(crate) marker: String,
    /// By the true time, which the machine's wall clock may not show.
    pub(crate) created_at: Timestamp,
}

/// Everything outside the loop: true time, the machine's clocks, Discord, the organisers' channel.
#[derive(Debug)]
pub(crate) struct World {
    pub(crate) true_now: Timestamp,
    /// How far the machine's wall clock is off.
    pub(crate) wall_error: SignedDuration,
    /// When the current process started, by the true time: its monotonic clock's origin.
    pub(crate) boot: Timestamp,
    pub(crate) title: String,
    pub(crate) messages: Vec<Message>,
    /// Announcements organisers were told were missed, once per telling.
    pub(crate) reports: Vec<AnnouncementId>,
    pub(crate) faults: VecDeque<Fault>,
    pub(crate) deaths: VecDeque<Death>,
}

impl World {
    pub(crate) fn at(true_now: Timestamp) -> Arc<Mutex<World>> {
        Arc::new(Mutex::new(World {
            true_now,
            wall_error: SignedDuration::ZERO,
            boot: true_now,
            title: "Event".to_owned(),
            messages: Vec::new(),
            reports: Vec::new(),
            faults: VecDeque::new(),
            deaths: VecDeque::new(),
        }))
    }

    fn moment(&self) -> Moment {
        Moment {
            wall: self.true_now.saturating_add(self.wall_error).unwrap(),
            monotonic: Duration::try_from(self.true_now.duration_since(self.boot))
                .unwrap_or_default(),
        }
    }

    fn pass(&mut self, duration: Duration) {
        self.true_now = self
            .true_now
            .saturating_add(SignedDuration::try_from(duration).unwrap())
            .unwrap();
    }

    /// A post reaching Discord now: with `enforce_nonce`, a nonce it saw within the window returns the
    /// message it created then.
    fn arrive(&mut self, post: &Post<'_>) -> u64 {
        let now = self.true_now;
        let remembered = self.messages.iter().find(|m| {
            m.channel == post.channel
                && m.nonce == post.nonce
                && now.duration_since(m.created_at) < NONCE_WINDOW
        });
        if let Some(message) = remembered {
            return message.id;
        }
        let id = 1000 + self.messages.len() as u64;
        self.messages.push(Message {
            id,
            channel: post.channel,
            nonce: post.nonce.to_owned(),
            marker: post.marker.to_owned(),
            created_at: now,
        });
        id
    }
}

fn lock(world: &Mutex<World>) -> MutexGuard<'_, World> {
    world.lock().unwrap_or_else(PoisonError::into_inner)
}

/// Discord, as far as the loop sees it, with the next fault applied to each request.
pub(crate) struct FakeOutbox {
    pub(crate) world: Arc<Mutex<World>>,
}

impl Outbox for FakeOutbox {
    fn marker(&self, announcement: &Announcement) -> String {
        format!(
            "{} \u{b7} announcement #{}",
            lock(&self.world).title,
            announcement.id
        )
    }

    async fn direct_channel(
        &mut self,
        user: u64,
        _timeout: Duration,
    ) -> Result<u64, super::NotOpened> {
        // Each participant's direct-message channel has an id of its own, unlike any user's.
        Ok(user + DIRECT_CHANNELS)
    }

    async fn send(&mut self, post: Post<'_>, timeout: Duration) -> Sent {
        let fault = lock(&self.world).faults.pop_front().unwrap_or(Fault::None);
        match fault {
            Fault::None => Sent::Posted {
                message_id: lock(&self.world).arrive(&post),
            },
            Fault::ServerError => Sent::Failed {
                reason: "503".to_owned(),
            },
            Fault::AnswerLost => {
                lock(&self.world).arrive(&post);
                Sent::Failed {
                    reason: "no answer".to_owned(),
                }
            }
            Fault::Slow(seconds) => {
                let mut world = lock(&self.world);
                let took = Duration::from_secs(seconds);
                if took < timeout {
                    world.pass(took);
                    Sent::Posted {
                        message_id: world.arrive(&post),
                    }
                } else {
                    // Abandoned at the timeout; at worst it arrived just before.
                    world.pass(timeout);
                    world.arrive(&post);
                    Sent::Failed {
                        reason: "timed out".to_owned(),
                    }
                }
            }
            Fault::Refused => Sent::Refused {
                reason: "403 Missing Permissions".to_owned(),
            },
            Fault::KillBefore => {
                die().await;
                unreachable!("a killed process does nothing more")
            }
            Fault::KillAfter => {
                lock(&self.world).arrive(&post);
                die().await;
                unreachable!("a killed process does nothing more")
            }
        }
    }

    async fn find(
        &mut self,
        channel: u64,
        marker: &str,
        since: Timestamp,
        _timeout: Duration,
    ) -> Found {
        let fault = lock(&self.world).faults.pop_front().unwrap_or(Fault::None);
        match fault {
            Fault::KillBefore | Fault::KillAfter => {
                die().await;
                unreachable!("a killed process does nothing more")
            }
            Fault::ServerError | Fault::AnswerLost | Fault::Slow(_) => Found::Unknown {
                reason: "Discord did not answer".to_owned(),
            },
            Fault::None | Fault::Refused => {
                let world = lock(&self.world);
                world
                    .messages
                    .iter()
                    .find(|m| m.channel == channel && m.marker == marker && m.created_at >= since)
                    .map_or(Found::Absent, |m| Found::Posted { message_id: m.id })
            }
        }
    }

    async fn find_report(
        &mut self,
        announcement: &Announcement,
        _since: Timestamp,
        _timeout: Duration,
    ) -> Found {
        // A telling is only ever begun after its claim, so any telling of this announcement is since it.
        if lock(&self.world).reports.contains(&announcement.id) {
            Found::Posted { message_id: 0 }
        } else {
            Found::Absent
        }
    }

    async fn report(&mut self, announcement: &Announcement, _reason: &str) -> Result<(), String> {
        let fault = lock(&self.world).faults.pop_front().unwrap_or(Fault::None);
        match fault {
            Fault::KillBefore => {
                die().await;
                unreachable!("a killed process does nothing more")
            }
            Fault::KillAfter => {
                lock(&self.world).reports.push(announcement.id);
                die().await;
                unreachable!("a killed process does nothing more")
            }
            // The telling arrived, but its answer was lost or late.
            Fault::AnswerLost | Fault::Slow(_) => {
                lock(&self.world).reports.push(announcement.id);
                Err("Discord did not answer".to_owned())
            }
            Fault::ServerError | Fault::Refused => Err("Discord did not answer".to_owned()),
            Fault::None => {
                lock(&self.world).reports.push(announcement.id);
                Ok(())
            }
        }
    }
}

/// What the tests need of a ledger besides the loop's transitions.
pub(crate) trait Inspect: Ledger + Send {
    fn all(&mut self) -> Vec<Announcement>;
    fn cancel_now(&mut self, id: AnnouncementId, now: Timestamp);
}

/// A ledger whose process may die before or after any transition.
pub(crate) struct Mortal<'a, L> {
    pub(crate) inner: &'a mut L,
    pub(crate) world: Arc<Mutex<World>>,
}

impl<L: Ledger + Send> Mortal<'_, L> {
    async fn guarded<T>(&mut self, op: impl AsyncFnOnce(&mut L) -> T) -> T {
        let death = lock(&self.world).deaths.pop_front().unwrap_or(Death::None);
        if death == Death::Before {
            die().await;
        }
        let result = op(self.inner).await;
        if death == Death::After {
            die().await;
        }
        result
    }
}

impl<L: Ledger + Send> Ledger for Mortal<'_, L> {
    type Error = L::Error;

    async fn upcoming(&mut self) -> Result<Vec<Announcement>, L::Error> {
        self.inner.upcoming().await
    }

    async fn claim(
        &mut self,
        id: AnnouncementId,
        channel: u64,
        marker: &str,
        now: Timestamp,
    ) -> Result<bool, L::Error> {
        self.guarded(async |l: &mut L| l.claim(id, channel, marker, now).await)
            .await
    }

    async fn claim_retry(
        &mut self,
        id: AnnouncementId,
        attempt: u32,
        now: Timestamp,
    ) -> Result<bool, L::Error> {
        self.guarded(async |l: &mut L| l.claim_retry(id, attempt, now).await)
            .await
    }

    async fn mark_posted(
        &mut self,
        id: AnnouncementId,
        message_id: u64,
        now: Timestamp,
    ) -> Result<(), L::Error> {
        self.guarded(async |l: &mut L| l.mark_posted(id, message_id, now).await)
            .await
    }

    async fn release(&mut self, id: AnnouncementId, now: Timestamp) -> Result<(), L::Error> {
        self.guarded(async |l: &mut L| l.release(id, now).await)
            .await
    }

    async fn mark_missed(
        &mut self,
        id: AnnouncementId,
        reason: &str,
        now: Timestamp,
    ) -> Result<(), L::Error> {
        self.guarded(async |l: &mut L| l.mark_missed(id, reason, now).await)
            .await
    }

    async fn unreported(&mut self) -> Result<Vec<Announcement>, L::Error> {
        self.inner.unreported().await
    }

    async fn claim_report(
        &mut self,
        id: AnnouncementId,
        now: Timestamp,
    ) -> Result<Option<Timestamp>, L::Error> {
        self.guarded(async |l: &mut L| l.claim_report(id, now).await)
            .await
    }

    async fn mark_reported(&mut self, id: AnnouncementId, now: Timestamp) -> Result<(), L::Error> {
        self.guarded(async |l: &mut L| l.mark_reported(id, now).await)
            .await
    }
}

/// A ledger in memory that applies the transitions as the store documents them.
#[derive(Debug, Default)]
pub(crate) struct MemoryLedger {
    pub(crate) announcements: Vec<Announcement>,
    pub(crate) reported: Vec<AnnouncementId>,
    /// When the telling of each missed announcement was begun.
    pub(crate) report_claims: Vec<(AnnouncementId, Timestamp)>,
}

impl MemoryLedger {
    fn find(&mut self, id: AnnouncementId) -> &mut Announcement {
        self.announcements
            .iter_mut()
            .find(|announcement| announcement.id == id)
            .expect("the loop only names known announcements")
    }
}

/// A transition the store would refuse.
#[derive(Debug)]
pub(crate) struct Refusal(String);

impl std::fmt::Display for Refusal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl Ledger for MemoryLedger {
    type Error = Refusal;

    async fn upcoming(&mut self) -> Result<Vec<Announcement>, Refusal> {
        Ok(self
            .announcements
            .iter()
            .filter(|a| !a.status.is_final())
            .cloned()
            .collect())
    }

    async fn claim(
        &mut self,
        id: AnnouncementId,
        channel: u64,
        marker: &str,
        now: Timestamp,
    ) -> Result<bool, Refusal> {
        let announcement = self.find(id);
        if announcement.status != Status::Scheduled {
            return Ok(false);
        }
        announcement.status = Status::Posting {
            attempt: 1,
            claimed_at: now,
        };
        announcement.target = Some(Target {
            channel,
            marker: marker.to_owned(),
        });
        Ok(true)
    }

    async fn claim_retry(
        &mut self,
        id: AnnouncementId,
        attempt: u32,
        _now: Timestamp,
    ) -> Result<bool, Refusal> {
        let announcement = self.find(id);
        let Status::Posting {
            attempt: current,
            claimed_at,
        } = announcement.status
        else {
            return Ok(false);
        };
        if current + 1 != attempt {
            return Ok(false);
        }
        announcement.status = Status::Posting {
            attempt,
            claimed_at,
        };
        Ok(true)
    }

    async fn mark_posted(
        &mut self,
        id: AnnouncementId,
        message_id: u64,
        now: Timestamp,
    ) -> Result<(), Refusal> {
        let announcement = self.find(id);
        match announcement.status {
            Status::Posting { .. } => {
                announcement.status = Status::Posted {
                    message_id,
                    posted_at: now,
                };
                Ok(())
            }
            Status::Posted {
                message_id: recorded,
                ..
            } if recorded == message_id => Ok(()),
            ref other => Err(Refusal(format!("{id} is {other:?}, not posting"))),
        }
    }

    async fn release(&mut self, id: AnnouncementId, _now: Timestamp) -> Result<(), Refusal> {
        let announcement = self.find(id);
        if !matches!(announcement.status, Status::Posting { .. }) {
            return Err(Refusal(format!("{id} is not posting")));
        }
        announcement.status = Status::Scheduled;
        Ok(())
    }

    async fn mark_missed(
        &mut self,
        id: AnnouncementId,
        reason: &str,
        now: Timestamp,
    ) -> Result<(), Refusal> {
        let announcement = self.find(id);
        if !matches!(
            announcement.status,
            Status::Scheduled | Status::Posting { .. }
        ) {
            return Err(Refusal(format!("{id} cannot be missed")));
        }
        announcement.status = Status::Missed {
            at: now,
            reason: reason.to_owned(),
        };
        Ok(())
    }

    async fn unreported(&mut self) -> Result<Vec<Announcement>, Refusal> {
        Ok(self
            .announcements
            .iter()
            .filter(|a| matches!(a.status, Status::Missed { .. }) && !self.reported.contains(&a.id))
            .cloned()
            .collect())
    }

    async fn claim_report(
        &mut self,
        id: AnnouncementId,
        now: Timestamp,
    ) -> Result<Option<Timestamp>, Refusal> {
        if let Some((_, at)) = self
            .report_claims
            .iter()
            .find(|(claimed, _)| *claimed == id)
        {
            return Ok(Some(*at));
        }
        self.report_claims.push((id, now));
        Ok(None)
    }

    async fn mark_reported(&mut self, id: AnnouncementId, _now: Timestamp) -> Result<(), Refusal> {
        self.reported.push(id);
        Ok(())
    }
}

impl Inspect for MemoryLedger {
    fn all(&mut self) -> Vec<Announcement> {
        self.announcements.clone()
    }

    fn cancel_now(&mut self, id: AnnouncementId, now: Timestamp) {
        let announcement = self.find(id);
        if announcement.status == Status::Scheduled {
            announcement.status = Status::Cancelled {
                by: "tester".to_owned(),
                at: now,
            };
        }
    }
}

/// A start time for simulations, in whole seconds as the store keeps them.
pub(crate) fn epoch() -> Timestamp {
    Timestamp::constant(1_750_000_000, 0)
}

/// The channel announcements go to.
pub(crate) const CHANNEL: u64 = 42;

/// Direct-message channel ids are the user's id plus this.
const DIRECT_CHANNELS: u64 = 1_000_000;

/// The scheduled announcements of a scenario, due at the given offsets in seconds after [`epoch`]. Every
/// third is a direct message to a participant (an agenda reminder), so the loop's guarantees are checked
/// for both kinds of target.
pub(crate) fn scheduled(due_offsets: &[i64]) -> Vec<Announcement> {
    due_offsets
        .iter()
        .zip(1..)
        .map(|(&offset, id)| Announcement {
            id: AnnouncementId(id),
            key: format!("test:{id}"),
            text: format!("announcement {id}"),
            channel: None,
            recipient: (id % 3 == 0).then_some(9_000 + u64::try_from(id).unwrap_or_default()),
            ping: Ping::None,
            due_at: epoch() + SignedDuration::from_secs(offset),
            created_by: "tester".to_owned(),
            created_at: epoch(),
            source: Source::Manual,
            status: Status::Scheduled,
            target: None,
        })
        .collect()
}

/// What happens before a step.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Event {
    /// This many seconds pass (gaps model downtime and outages).
    Wait(i64),
    /// The machine's wall clock is set back or forward by this many seconds; true time does not move.
    StepClock(i64),
    /// The event is renamed: new posts carry a new marker.
    Rename,
    /// An organiser cancels one.
    Cancel(usize),
    /// The process is restarted.
    Restart,
}

fn event() -> impl Strategy<Value = Event> {
    prop_oneof![
        8 => (0_i64..400).prop_map(Event::Wait),
        1 => (-300_i64..300).prop_map(Event::StepClock),
        1 => Just(Event::Rename),
        1 => (0_usize..8).prop_map(Event::Cancel),
        1 => Just(Event::Restart),
    ]
}

/// A scenario: announcements, events with a step after each, faults in order of the requests and
/// transitions they strike, and a grace window.
#[derive(Debug, Clone)]
pub(crate) struct Scenario {
    pub(crate) due_offsets: Vec<i64>,
    pub(crate) events: Vec<Event>,
    pub(crate) faults: Vec<Fault>,
    pub(crate) deaths: Vec<Death>,
    pub(crate) grace: SignedDuration,
}

pub(crate) fn scenario() -> impl Strategy<Value = Scenario> {
    (
        prop::collection::vec(-600_i64..3600, 0..8),
        prop::collection::vec(event(), 0..40),
        prop::collection::vec(fault(), 0..40),
        prop::collection::vec(death(), 0..80),
        0_i64..1200,
    )
        .prop_map(|(due_offsets, events, faults, deaths, grace)| Scenario {
            due_offsets,
            events,
            faults,
            deaths,
            grace: SignedDuration::from_secs(grace),
        })
}

pub(crate) fn settings(grace: SignedDuration) -> Settings {
    Settings {
        grace,
        default_channel: Some(CHANNEL),
        request_timeout: Duration::from_secs(10),
    }
}

/// How a run went.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Tally {
    pub(crate) posted: usize,
    pub(crate) missed: usize,
    pub(crate) cancelled: usize,
    pub(crate) kills: usize,
}

/// The loop, one step at a time, in a world that kills it when a fault says so. Each kill starts a new
/// process: a new announcer, and a new monotonic clock.
pub(crate) struct Run<'a, L> {
    pub(crate) ledger: &'a mut L,
    pub(crate) world: Arc<Mutex<World>>,
    pub(crate) settings: Settings,
    pub(crate) announcer: Announcer,
    pub(crate) kills: usize,
}

impl<'a, L: Inspect> Run<'a, L> {
    pub(crate) fn new(ledger: &'a mut L, world: Arc<Mutex<World>>, settings: Settings) -> Self {
        Run {
            ledger,
            world,
            settings,
            announcer: Announcer::default(),
            kills: 0,
        }
    }

    /// One step; returns what it did and when there is next something to do, by the true time, or `None`
    /// if the step was killed.
    pub(crate) fn step(&mut self) -> Option<(Stepped, Option<Timestamp>)> {
        let world = Arc::clone(&self.world);
        let mut clock = move || lock(&world).moment();
        let mut ledger = Mortal {
            inner: &mut *self.ledger,
            world: Arc::clone(&self.world),
        };
        let mut outbox = FakeOutbox {
            world: Arc::clone(&self.world),
        };
        let stepped = unless_killed(self.announcer.step(
            &mut clock,
            &mut ledger,
            &mut outbox,
            &self.settings,
        ));
        if let Some(stepped) = stepped {
            let error = lock(&self.world).wall_error;
            let wake = stepped
                .wake_at
                .map(|wake| wake.saturating_sub(error).unwrap());
            Some((stepped, wake))
        } else {
            self.restart();
            self.kills += 1;
            None
        }
    }

    pub(crate) fn restart(&mut self) {
        self.announcer = Announcer::default();
        let mut world = lock(&self.world);
        world.boot = world.true_now;
    }

    pub(crate) fn apply(&mut self, event: Event) {
        match event {
            Event::Wait(seconds) => {
                lock(&self.world).pass(Duration::from_secs(seconds.unsigned_abs()));
            }
            Event::StepClock(seconds) => {
                // A wall clock off by up to five minutes, within what the search for an earlier post
                // allows for (`CLOCK_SKEW`).
                let mut world = lock(&self.world);
                world.wall_error = (world.wall_error + SignedDuration::from_secs(seconds))
                    .clamp(SignedDuration::from_mins(-5), SignedDuration::from_mins(5));
            }
            Event::Rename => {
                let mut world = lock(&self.world);
                world.title = format!("{} (renamed)", world.title);
            }
            Event::Cancel(index) => {
                let ids: Vec<AnnouncementId> = self.ledger.all().iter().map(|a| a.id).collect();
                if let Some(&id) = ids.get(index) {
                    let now = lock(&self.world).moment().wall;
                    self.ledger.cancel_now(id, now);
                }
            }
            Event::Restart => self.restart(),
        }
    }

    /// Runs without faults, waking when the loop asks (and after a few seconds when a step did something,
    /// as the adapter does, since a failed request leaves work for the next), until every announcement is
    /// final and every missed one reported.
    pub(crate) fn settle(&mut self) {
        {
            let mut world = lock(&self.world);
            world.faults.clear();
            world.deaths.clear();
        }
        for _ in 0..10_000 {
            let stepped = self.step();
            let done = self.ledger.all().iter().all(|a| a.status.is_final())
                && unless_killed(self.ledger.unreported())
                    .and_then(Result::ok)
                    .is_some_and(|u| u.is_empty());
            if done {
                return;
            }
            let mut world = lock(&self.world);
            let soon = world.true_now + SignedDuration::from_secs(5);
            let next = match stepped {
                Some((stepped, Some(wake))) if stepped.happened.is_empty() => wake,
                Some((_, Some(wake))) => wake.min(soon),
                _ => soon,
            };
            world.true_now = next.max(world.true_now + SignedDuration::from_secs(1));
        }
        panic!("the loop did not settle: {:?}", self.ledger.all());
    }

    /// Checks the outcome: no announcement is on Discord twice; every one is posted (with the message
    /// Discord has), missed (with no message, and reported), or cancelled (with no message).
    pub(crate) fn check(&mut self) -> Result<Tally, TestCaseError> {
        let world = lock(&self.world);
        let mut tally = Tally {
            kills: self.kills,
            ..Tally::default()
        };
        for announcement in self.ledger.all() {
            let nonce = nonce(&announcement.key);
            let messages: Vec<&Message> =
                world.messages.iter().filter(|m| m.nonce == nonce).collect();
            prop_assert!(
                messages.len() <= 1,
                "{} was posted {} times: {:?}",
                announcement.key,
                messages.len(),
                messages
            );
            match announcement.status {
                Status::Posted { message_id, .. } => {
                    prop_assert_eq!(messages.first().map(|m| m.id), Some(message_id));
                    tally.posted += 1;
                }
                Status::Missed { .. } => {
                    prop_assert!(
                        messages.is_empty(),
                        "{} has a message but was missed",
                        announcement.key
                    );
                    let told = world
                        .reports
                        .iter()
                        .filter(|id| **id == announcement.id)
                        .count();
                    prop_assert!(
                        told == 1,
                        "{} was missed and organisers were told {} times",
                        announcement.key,
                        told
                    );
                    tally.missed += 1;
                }
                Status::Cancelled { .. } => {
                    prop_assert!(
                        messages.is_empty(),
                        "{} has a message but was cancelled",
                        announcement.key
                    );
                    tally.cancelled += 1;
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
        Ok(tally)
    }
}

/// Runs a scenario against `ledger`, which must hold [`scheduled`] of its offsets, and checks the outcome.
pub(crate) fn run_and_check(
    ledger: &mut impl Inspect,
    scenario: &Scenario,
) -> Result<Tally, TestCaseError> {
    let world = World::at(epoch());
    {
        let mut w = lock(&world);
        w.faults = scenario.faults.iter().copied().collect();
        w.deaths = scenario.deaths.iter().copied().collect();
    }
    let mut run = Run::new(ledger, world, settings(scenario.grace));
    for &event in &scenario.events {
        run.apply(event);
        run.step();
    }
    run.settle();
    run.check()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1000))]

    #[test]
    fn the_shipped_loop_posts_each_announcement_at_most_once_and_settles_all(scenario in scenario()) {
        let mut ledger = MemoryLedger { announcements: scheduled(&scenario.due_offsets), ..MemoryLedger::default() };
        run_and_check(&mut ledger, &scenario)?;
    }

    #[test]
    fn a_healthy_loop_posts_everything_on_time(
        due_offsets in prop::collection::vec(0_i64..86_400, 0..20),
        grace in 0_i64..1200,
    ) {
        let mut ledger = MemoryLedger { announcements: scheduled(&due_offsets), ..MemoryLedger::default() };
        let mut run = Run::new(&mut ledger, World::at(epoch()), settings(SignedDuration::from_secs(grace)));
        run.settle();
        let tally = run.check()?;
        prop_assert_eq!(tally.posted, due_offsets.len());
        for announcement in &ledger.announcements {
            let on_time = matches!(announcement.status, Status::Posted { posted_at, .. } if posted_at == announcement.due_at);
            prop_assert!(on_time, "{:?}", announcement);
        }
    }
}

/// A world with one announcement due at the epoch, and a run over it.
fn one_due() -> (MemoryLedger, Arc<Mutex<World>>) {
    (
        MemoryLedger {
            announcements: scheduled(&[0]),
            ..MemoryLedger::default()
        },
        World::at(epoch()),
    )
}

fn messages(world: &Arc<Mutex<World>>) -> usize {
    lock(world).messages.len()
}

#[test]
fn a_lost_answer_is_healed_by_a_retry_under_the_same_nonce() {
    let (mut ledger, world) = one_due();
    lock(&world).faults.push_back(Fault::AnswerLost);
    let mut run = Run::new(
        &mut ledger,
        Arc::clone(&world),
        settings(SignedDuration::from_mins(10)),
    );
    run.step();
    assert!(matches!(
        run.ledger.announcements[0].status,
        Status::Posting { attempt: 1, .. }
    ));
    lock(&world).pass(Duration::from_secs(20));
    run.step();
    assert_eq!(messages(&world), 1);
    assert!(matches!(
        run.ledger.announcements[0].status,
        Status::Posted { .. }
    ));
}

#[test]
fn a_kill_after_sending_is_not_resent_by_the_next_process_but_found() {
    let (mut ledger, world) = one_due();
    lock(&world).faults.push_back(Fault::KillAfter);
    let mut run = Run::new(
        &mut ledger,
        Arc::clone(&world),
        settings(SignedDuration::from_mins(10)),
    );
    run.step();
    assert_eq!(run.kills, 1);
    // Back 20 s later: inside the window, but the claim is the dead process's: no resend.
    lock(&world).pass(Duration::from_secs(20));
    run.step();
    assert_eq!(messages(&world), 1);
    assert!(matches!(
        run.ledger.announcements[0].status,
        Status::Posting { .. }
    ));
    // Once the window has passed it looks, and finds the message even though the event was renamed.
    run.apply(Event::Rename);
    lock(&world).pass(Duration::from_secs(100));
    run.step();
    assert_eq!(messages(&world), 1);
    assert!(matches!(
        run.ledger.announcements[0].status,
        Status::Posted {
            message_id: 1000,
            ..
        }
    ));
}

#[test]
fn a_wall_clock_set_back_during_retries_does_not_resend_after_the_window() {
    // Every attempt's answer is lost; meanwhile the wall clock is set back a minute. Going by the wall
    // clock, the loop would try again at 140 s true time, when Discord no longer remembers the nonce.
    let (mut ledger, world) = one_due();
    lock(&world).faults = [Fault::AnswerLost; 10].into_iter().collect();
    let mut run = Run::new(
        &mut ledger,
        Arc::clone(&world),
        settings(SignedDuration::from_mins(10)),
    );
    run.step();
    run.apply(Event::StepClock(-60));
    for _ in 0..20 {
        lock(&world).pass(Duration::from_secs(10));
        run.step();
    }
    run.settle();
    assert_eq!(messages(&world), 1, "{:?}", lock(&world).messages);
    let w = lock(&world);
    assert!(
        w.messages[0].created_at < epoch() + NONCE_WINDOW,
        "an attempt reached Discord after the window"
    );
}

#[test]
fn a_request_slower_than_the_window_is_abandoned_in_time() {
    // The second attempt starts at 100 s and would take 60 s: it must be abandoned before 120 s, or it
    // would arrive when Discord has forgotten the nonce and create a second message.
    let (mut ledger, world) = one_due();
    lock(&world).faults = [
        Fault::AnswerLost,
        Fault::ServerError,
        Fault::ServerError,
        Fault::ServerError,
        Fault::ServerError,
        Fault::Slow(60),
    ]
    .into_iter()
    .collect();
    let mut run = Run::new(
        &mut ledger,
        Arc::clone(&world),
        settings(SignedDuration::from_mins(10)),
    );
    run.settings.request_timeout = Duration::from_secs(90);
    for _ in 0..20 {
        run.step();
        lock(&world).pass(Duration::from_secs(20));
    }
    run.settle();
    let w = lock(&world);
    assert_eq!(w.messages.len(), 1, "{:?}", w.messages);
}

#[test]
fn an_outage_longer_than_the_grace_window_is_reported_missed_once() {
    let (mut ledger, world) = one_due();
    let mut run = Run::new(
        &mut ledger,
        Arc::clone(&world),
        settings(SignedDuration::from_mins(10)),
    );
    // Ten minutes and more without an answer from Discord: every request fails.
    lock(&world).faults = std::iter::repeat_n(Fault::ServerError, 200).collect();
    for _ in 0..70 {
        run.step();
        lock(&world).pass(Duration::from_secs(10));
    }
    lock(&world).faults.clear();
    run.settle();
    let tally = run.check().expect("settled");
    assert_eq!(tally.missed, 1);
    assert_eq!(lock(&world).reports, vec![AnnouncementId(1)]);
    assert_eq!(messages(&world), 0);
}
