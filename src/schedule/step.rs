//! The announcement loop, written once: [`Announcer::step`] asks [`plan`] what to do and carries it out
//! through two ports, the [`Ledger`] (the store's atomic transitions) and the [`Outbox`] (the chat
//! platform). The Discord adapter implements both and calls `step` from its wait-and-notify loop; the
//! property tests call the same `step` with fake ports that lose answers, time out, refuse, and die.
//!
//! Nothing here waits or reads a clock by itself: the caller passes the clocks and the ports, and every
//! request the outbox makes is given a timeout that ends before the nonce window does.

use std::fmt;
use std::future::Future;
use std::time::Duration;

use jiff::{SignedDuration, Timestamp};

use super::model::{Announcement, AnnouncementId, Status};
use super::plan::{
    Action, MIN_ATTEMPT, Moment, NONCE_WINDOW, OwnClaim, OwnClaims, SEND_MARGIN, plan,
};

/// How much earlier than its claim a message is looked for: the claim time is this machine's wall clock,
/// the message's time the platform's, and the two may disagree by this much (a clock set wrong, or
/// corrected since the claim). Reading further back costs a page of history at most in all but the
/// busiest channels.
pub const CLOCK_SKEW: SignedDuration = SignedDuration::from_mins(10);

/// Why an announcement is missed when its time passed while it could not be posted.
pub const LATE: &str = "its time passed more than the grace window ago while it could not be posted \
                        (Usher was not running, or Discord could not be reached)";

/// How the reason of an announcement Discord refused for good begins.
pub const REFUSED: &str = "Discord refused it: ";

/// Why an announcement is missed when it has no channel.
pub const NO_CHANNEL: &str =
    "there is no channel to post it in (set `announcement_channel` in config/usher.toml)";

/// What the loop needs to know besides the announcements.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Settings {
    /// An announcement that fell due while it could not be posted is still posted within this long.
    pub grace: SignedDuration,
    /// Where announcements without a channel of their own go.
    pub default_channel: Option<u64>,
    /// The longest one request to the platform may take; shorter still near the end of a nonce window.
    pub request_timeout: Duration,
}

/// The store's side of the loop: the announcements and their atomic transitions. Each transition succeeds
/// for exactly one caller, in this process or another.
pub trait Ledger {
    type Error: fmt::Display + Send;

    /// The announcements still to be posted (scheduled or being posted).
    fn upcoming(&mut self) -> impl Future<Output = Result<Vec<Announcement>, Self::Error>> + Send;

    /// `Scheduled -> Posting { attempt: 1 }`, recording where it goes and what marks it; whether this call
    /// won.
    fn claim(
        &mut self,
        id: AnnouncementId,
        channel: u64,
        marker: &str,
        now: Timestamp,
    ) -> impl Future<Output = Result<bool, Self::Error>> + Send;

    /// `Posting { attempt - 1 } -> Posting { attempt }`; whether this call won.
    fn claim_retry(
        &mut self,
        id: AnnouncementId,
        attempt: u32,
        now: Timestamp,
    ) -> impl Future<Output = Result<bool, Self::Error>> + Send;

    /// `Posting -> Posted`.
    fn mark_posted(
        &mut self,
        id: AnnouncementId,
        message_id: u64,
        now: Timestamp,
    ) -> impl Future<Output = Result<(), Self::Error>> + Send;

    /// `Posting -> Scheduled`, after verification found no message.
    fn release(
        &mut self,
        id: AnnouncementId,
        now: Timestamp,
    ) -> impl Future<Output = Result<(), Self::Error>> + Send;

    /// `Scheduled -> Missed` or `Posting -> Missed`, with the reason organisers will be given.
    fn mark_missed(
        &mut self,
        id: AnnouncementId,
        reason: &str,
        now: Timestamp,
    ) -> impl Future<Output = Result<(), Self::Error>> + Send;

    /// The missed announcements organisers have not been told about yet.
    fn unreported(&mut self)
    -> impl Future<Output = Result<Vec<Announcement>, Self::Error>> + Send;

    /// Records that organisers are about to be told about a missed announcement, unless an earlier
    /// telling was begun: then that one's start, which the telling that may have arrived is looked for
    /// from, and nothing changes.
    fn claim_report(
        &mut self,
        id: AnnouncementId,
        now: Timestamp,
    ) -> impl Future<Output = Result<Option<Timestamp>, Self::Error>> + Send;

    /// Records that organisers were told about a missed announcement.
    fn mark_reported(
        &mut self,
        id: AnnouncementId,
        now: Timestamp,
    ) -> impl Future<Output = Result<(), Self::Error>> + Send;
}

/// One message to post.
#[derive(Debug, Clone, Copy)]
pub struct Post<'a> {
    pub announcement: &'a Announcement,
    pub channel: u64,
    /// Sent with `enforce_nonce`, so that a repeat within the nonce window returns the first message.
    pub nonce: &'a str,
    /// What the message carries to mark it as this announcement.
    pub marker: &'a str,
}

/// What became of a post.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Sent {
    /// The message is on the platform (created now, or earlier under the same nonce).
    Posted { message_id: u64 },
    /// The platform refused it for good (no permission, no such channel): no message exists.
    Refused { reason: String },
    /// It may or may not have arrived: a timeout, a lost answer, a server error.
    Failed { reason: String },
}

/// Why a direct-message channel could not be opened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NotOpened {
    /// For good (the user is unknown, or shares no server with the bot): the message is missed.
    Refused { reason: String },
    /// For now (a timeout, a server error): it is tried again.
    Failed { reason: String },
}

/// What a look for an earlier post found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Found {
    /// The bot's own message with the marker.
    Posted { message_id: u64 },
    /// Every message since the claim was read, and none is it.
    Absent,
    /// The channel could not be read to the end.
    Unknown { reason: String },
}

/// The platform's side of the loop.
pub trait Outbox {
    /// The marker a new post of `announcement` carries (on Discord, its embed's footer).
    fn marker(&self, announcement: &Announcement) -> String;

    /// The direct-message channel with `user`, for an announcement with a
    /// [`recipient`](Announcement::recipient), opened if need be; the request must be over within
    /// `timeout`.
    fn direct_channel(
        &mut self,
        user: u64,
        timeout: Duration,
    ) -> impl Future<Output = Result<u64, NotOpened>> + Send;

    /// Sends a post; the request must be over within `timeout`, arrived or abandoned.
    fn send(&mut self, post: Post<'_>, timeout: Duration) -> impl Future<Output = Sent> + Send;

    /// Looks through `channel` for the bot's own message carrying `marker`, created since `since`; each
    /// request must be over within `timeout`.
    fn find(
        &mut self,
        channel: u64,
        marker: &str,
        since: Timestamp,
        timeout: Duration,
    ) -> impl Future<Output = Found> + Send;

    /// Looks through the organisers' channel for the bot's own telling that `announcement` was missed,
    /// sent since `since`; each request must be over within `timeout`.
    fn find_report(
        &mut self,
        announcement: &Announcement,
        since: Timestamp,
        timeout: Duration,
    ) -> impl Future<Output = Found> + Send;

    /// Tells organisers that `announcement` was missed, and why.
    fn report(
        &mut self,
        announcement: &Announcement,
        reason: &str,
    ) -> impl Future<Output = Result<(), String>> + Send;
}

/// What one step did, for the log.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Happened {
    Posted {
        id: AnnouncementId,
        attempt: u32,
        message_id: u64,
    },
    Failed {
        id: AnnouncementId,
        attempt: u32,
        reason: String,
    },
    /// Verification found the message of an unrecorded attempt.
    Found {
        id: AnnouncementId,
        message_id: u64,
    },
    /// Verification found no message; the announcement is scheduled again.
    Released {
        id: AnnouncementId,
    },
    /// Verification could not read the channel; it will be tried again.
    Unverified {
        id: AnnouncementId,
        reason: String,
    },
    Missed {
        id: AnnouncementId,
        reason: String,
    },
    Reported {
        id: AnnouncementId,
    },
    Unreported {
        id: AnnouncementId,
        reason: String,
    },
    /// Another loop won the claim.
    Lost {
        id: AnnouncementId,
    },
    /// The store failed; the step stopped there.
    LedgerFailed {
        reason: String,
    },
}

/// What a step leaves for the caller.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Stepped {
    pub happened: Vec<Happened>,
    /// When there will next be something to do, if nothing changes; the caller should also look again
    /// after a short while, since a failed request leaves work for the next step.
    pub wake_at: Option<Timestamp>,
}

/// The loop's memory between steps: the claims this process holds, which only it may resend.
#[derive(Debug, Default)]
pub struct Announcer {
    own: OwnClaims,
}

impl Announcer {
    /// One pass: plan, carry out every action, then tell organisers about what was missed. `clock` is read
    /// afresh before each transition and each request, since requests take time.
    pub async fn step<L: Ledger + Send, O: Outbox + Send>(
        &mut self,
        clock: &mut (impl FnMut() -> Moment + Send),
        ledger: &mut L,
        outbox: &mut O,
        settings: &Settings,
    ) -> Stepped {
        let mut stepped = Stepped::default();
        if let Err(err) = self
            .carry_out(clock, ledger, outbox, settings, &mut stepped)
            .await
        {
            stepped.happened.push(Happened::LedgerFailed {
                reason: err.to_string(),
            });
        }
        stepped
    }

    async fn carry_out<L: Ledger + Send, O: Outbox + Send>(
        &mut self,
        clock: &mut (impl FnMut() -> Moment + Send),
        ledger: &mut L,
        outbox: &mut O,
        settings: &Settings,
        stepped: &mut Stepped,
    ) -> Result<(), L::Error> {
        let upcoming = ledger.upcoming().await?;
        // A claim that is no longer being posted (recorded, or changed by another process) is not ours.
        self.own.retain(|id, _| {
            upcoming
                .iter()
                .any(|a| a.id == *id && matches!(a.status, Status::Posting { .. }))
        });
        let plan = plan(clock(), &upcoming, settings.grace, &self.own);
        stepped.wake_at = plan.wake_at;
        for action in plan.actions {
            let Some(announcement) = upcoming.iter().find(|a| a.id == action.id()) else {
                continue;
            };
            let mut carrier = Carrier {
                own: &mut self.own,
                clock: &mut *clock,
                ledger: &mut *ledger,
                outbox: &mut *outbox,
                settings,
                happened: &mut stepped.happened,
            };
            match action {
                Action::Post { nonce, .. } => carrier.post(announcement, &nonce).await?,
                Action::Retry {
                    attempt,
                    nonce,
                    deadline,
                    ..
                } => {
                    carrier
                        .retry(announcement, attempt, &nonce, deadline)
                        .await?;
                }
                Action::Verify { claimed_at, .. } => {
                    carrier.verify(announcement, claimed_at).await?;
                }
                Action::Miss { id } => carrier.miss(id, LATE).await?,
            }
        }
        // A released announcement is due again at once (posted, or missed if it is too late): plan again
        // now rather than at the old wake time.
        if stepped
            .happened
            .iter()
            .any(|h| matches!(h, Happened::Released { .. }))
        {
            stepped.wake_at = Some(clock().wall);
        }
        for missed in ledger.unreported().await? {
            let Status::Missed { reason, .. } = &missed.status else {
                continue;
            };
            // Organisers are told once: a telling begun before (by a process that died, or whose request
            // got no answer) may have arrived, so it is looked for before telling again.
            if let Some(since) = ledger.claim_report(missed.id, clock().wall).await? {
                match outbox
                    .find_report(&missed, since, settings.request_timeout)
                    .await
                {
                    Found::Posted { .. } => {
                        ledger.mark_reported(missed.id, clock().wall).await?;
                        stepped.happened.push(Happened::Reported { id: missed.id });
                        continue;
                    }
                    Found::Unknown { reason } => {
                        stepped.happened.push(Happened::Unreported {
                            id: missed.id,
                            reason,
                        });
                        continue;
                    }
                    Found::Absent => {}
                }
            }
            match outbox.report(&missed, reason).await {
                Ok(()) => {
                    ledger.mark_reported(missed.id, clock().wall).await?;
                    stepped.happened.push(Happened::Reported { id: missed.id });
                }
                Err(reason) => stepped.happened.push(Happened::Unreported {
                    id: missed.id,
                    reason,
                }),
            }
        }
        Ok(())
    }
}

/// Carries out the actions of one plan.
struct Carrier<'a, C, L, O> {
    own: &'a mut OwnClaims,
    clock: &'a mut C,
    ledger: &'a mut L,
    outbox: &'a mut O,
    settings: &'a Settings,
    happened: &'a mut Vec<Happened>,
}

impl<C, L, O> Carrier<'_, C, L, O>
where
    C: FnMut() -> Moment + Send,
    L: Ledger + Send,
    O: Outbox + Send,
{
    async fn post(&mut self, announcement: &Announcement, nonce: &str) -> Result<(), L::Error> {
        let id = announcement.id;
        let channel = match announcement.recipient {
            // A direct message's channel is opened before the claim, so that the claim records it and a
            // restarted loop looks for the message there. Opening twice gives the same channel.
            Some(user) => match self
                .outbox
                .direct_channel(user, self.settings.request_timeout)
                .await
            {
                Ok(channel) => Some(channel),
                Err(NotOpened::Refused { reason }) => {
                    return self.miss(id, &format!("{REFUSED}{reason}")).await;
                }
                Err(NotOpened::Failed { reason }) => {
                    // Nothing was claimed or sent: the next plan posts it again.
                    self.happened.push(Happened::Failed {
                        id,
                        attempt: 0,
                        reason,
                    });
                    return Ok(());
                }
            },
            None => announcement.channel.or(self.settings.default_channel),
        };
        let Some(channel) = channel else {
            return self.miss(id, NO_CHANNEL).await;
        };
        let marker = self.outbox.marker(announcement);
        let now = (self.clock)();
        if !self.ledger.claim(id, channel, &marker, now.wall).await? {
            self.happened.push(Happened::Lost { id });
            return Ok(());
        }
        self.own.insert(
            id,
            OwnClaim {
                attempt: 1,
                since: now.monotonic,
            },
        );
        let deadline = now.monotonic.saturating_add(
            Duration::try_from(NONCE_WINDOW)
                .unwrap_or_default()
                .saturating_sub(SEND_MARGIN),
        );
        self.send(announcement, channel, &marker, nonce, 1, deadline)
            .await
    }

    async fn retry(
        &mut self,
        announcement: &Announcement,
        attempt: u32,
        nonce: &str,
        deadline: Duration,
    ) -> Result<(), L::Error> {
        let id = announcement.id;
        let now = (self.clock)();
        if deadline.saturating_sub(now.monotonic) < MIN_ATTEMPT {
            // The previous request took so long that no time is left: the next plan verifies.
            return Ok(());
        }
        if !self.ledger.claim_retry(id, attempt, now.wall).await? {
            self.own.remove(&id);
            self.happened.push(Happened::Lost { id });
            return Ok(());
        }
        if let Some(claim) = self.own.get_mut(&id) {
            claim.attempt = attempt;
        }
        let (channel, marker) = self.target(announcement);
        let Some(channel) = channel else {
            return self.miss(id, NO_CHANNEL).await;
        };
        self.send(announcement, channel, &marker, nonce, attempt, deadline)
            .await
    }

    async fn send(
        &mut self,
        announcement: &Announcement,
        channel: u64,
        marker: &str,
        nonce: &str,
        attempt: u32,
        deadline: Duration,
    ) -> Result<(), L::Error> {
        let id = announcement.id;
        let timeout = self
            .settings
            .request_timeout
            .min(deadline.saturating_sub((self.clock)().monotonic));
        let post = Post {
            announcement,
            channel,
            nonce,
            marker,
        };
        match self.outbox.send(post, timeout).await {
            Sent::Posted { message_id } => {
                self.ledger
                    .mark_posted(id, message_id, (self.clock)().wall)
                    .await?;
                self.own.remove(&id);
                self.happened.push(Happened::Posted {
                    id,
                    attempt,
                    message_id,
                });
            }
            Sent::Refused { reason } if attempt == 1 => {
                // The first attempt was refused: no message exists, and none will.
                self.own.remove(&id);
                self.miss(id, &format!("{REFUSED}{reason}")).await?;
            }
            Sent::Refused { reason } => {
                // An earlier attempt may have arrived before Discord began refusing: no more resends,
                // but a look for the message once the window has passed; if it is not there, the next
                // post is refused as a first attempt and missed.
                self.own.remove(&id);
                self.happened.push(Happened::Failed {
                    id,
                    attempt,
                    reason,
                });
            }
            Sent::Failed { reason } => {
                self.happened.push(Happened::Failed {
                    id,
                    attempt,
                    reason,
                });
            }
        }
        Ok(())
    }

    async fn verify(
        &mut self,
        announcement: &Announcement,
        claimed_at: Timestamp,
    ) -> Result<(), L::Error> {
        let id = announcement.id;
        let (channel, marker) = self.target(announcement);
        let Some(channel) = channel else {
            // Never sent anywhere: nothing to find.
            self.own.remove(&id);
            self.ledger.release(id, (self.clock)().wall).await?;
            self.happened.push(Happened::Released { id });
            return Ok(());
        };
        let since = claimed_at
            .saturating_sub(CLOCK_SKEW)
            .unwrap_or(Timestamp::MIN);
        let found = self
            .outbox
            .find(channel, &marker, since, self.settings.request_timeout)
            .await;
        match found {
            Found::Posted { message_id } => {
                self.own.remove(&id);
                self.ledger
                    .mark_posted(id, message_id, (self.clock)().wall)
                    .await?;
                self.happened.push(Happened::Found { id, message_id });
            }
            Found::Absent => {
                self.own.remove(&id);
                self.ledger.release(id, (self.clock)().wall).await?;
                self.happened.push(Happened::Released { id });
            }
            Found::Unknown { reason } => {
                self.happened.push(Happened::Unverified { id, reason });
            }
        }
        Ok(())
    }

    async fn miss(&mut self, id: AnnouncementId, reason: &str) -> Result<(), L::Error> {
        self.ledger
            .mark_missed(id, reason, (self.clock)().wall)
            .await?;
        self.happened.push(Happened::Missed {
            id,
            reason: reason.to_string(),
        });
        Ok(())
    }

    /// Where a claimed announcement went and what marks it. Claims recorded before the target was stored
    /// fall back to what a new post would use.
    fn target(&self, announcement: &Announcement) -> (Option<u64>, String) {
        match &announcement.target {
            Some(target) => (Some(target.channel), target.marker.clone()),
            None => (
                announcement.channel.or(self.settings.default_channel),
                self.outbox.marker(announcement),
            ),
        }
    }
}
