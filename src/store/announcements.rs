//! Announcements and their audit log: all the SQL for the `announcements` and `announcement_audit` tables.
//!
//! Every change to an announcement happens in one immediate transaction together with its audit row, and
//! every status transition is a single conditional `UPDATE … WHERE status = …`, so that of two connections
//! attempting the same transition exactly one succeeds.

use jiff::Timestamp;
use rusqlite::types::Type;
use rusqlite::{Connection, OptionalExtension, Row, Transaction, TransactionBehavior, params};

use super::{Store, StoreError, from_snowflake, seconds, snowflake, timestamp};
use crate::answer::{NewsItem, PostedNews};
use crate::schedule::{
    Announcement, AnnouncementId, Change, Ping, RECONCILE_ACTOR, Source, Status, Target, Wanted,
};

/// An announcement an organiser schedules by hand.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewAnnouncement {
    /// The message text.
    pub text: String,
    /// The channel; `None` is the bot's announcements channel.
    pub channel: Option<u64>,
    /// Whom to mention.
    pub ping: Ping,
    /// When to post it.
    pub due_at: Timestamp,
    /// Who scheduled it.
    pub created_by: String,
}

/// What [`Store::insert_unless_repeated`] did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Inserted {
    /// Scheduled a new announcement.
    New(Announcement),
    /// Found the same one scheduled a moment ago, and scheduled nothing.
    Repeated(Announcement),
}

/// One line of the audit log: who did what to which announcement, and when.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditEntry {
    /// Which announcement.
    pub announcement_id: AnnouncementId,
    /// When.
    pub at: Timestamp,
    /// Who: a user name, or [`RECONCILE_ACTOR`] for the scheduler and generated announcements.
    pub actor: String,
    /// What.
    pub action: AuditAction,
    /// The particulars: the text after a creation or edit, the attempt number of a claim, the message id
    /// of a post.
    pub detail: Option<String>,
}

/// What happened to an announcement.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AuditAction {
    /// It was scheduled, by hand or by reconciliation.
    Created,
    /// Its text was edited by hand.
    Edited,
    /// Reconciliation changed its time, text, channel or ping.
    Updated,
    /// Reconciliation scheduled it again after cancelling it earlier.
    Restored,
    /// It was withdrawn.
    Cancelled,
    /// The scheduler claimed it for its first post attempt.
    Claimed,
    /// The scheduler claimed it for another attempt.
    Retried,
    /// It reached Discord.
    Posted,
    /// Verification found no message, so the claim was given up and it is scheduled again.
    Released,
    /// It will not be posted: its time passed, or Discord refused it for good.
    Missed,
}

impl AuditAction {
    const ALL: [AuditAction; 10] = [
        AuditAction::Created,
        AuditAction::Edited,
        AuditAction::Updated,
        AuditAction::Restored,
        AuditAction::Cancelled,
        AuditAction::Claimed,
        AuditAction::Retried,
        AuditAction::Posted,
        AuditAction::Released,
        AuditAction::Missed,
    ];

    /// The name stored in the database and shown in the log.
    pub fn as_str(self) -> &'static str {
        match self {
            AuditAction::Created => "created",
            AuditAction::Edited => "edited",
            AuditAction::Updated => "updated",
            AuditAction::Restored => "restored",
            AuditAction::Cancelled => "cancelled",
            AuditAction::Claimed => "claimed",
            AuditAction::Retried => "retried",
            AuditAction::Posted => "posted",
            AuditAction::Released => "released",
            AuditAction::Missed => "missed",
        }
    }

    /// The inverse of [`AuditAction::as_str`].
    pub fn from_name(name: &str) -> Option<AuditAction> {
        AuditAction::ALL
            .into_iter()
            .find(|action| action.as_str() == name)
    }
}

/// The columns every announcement query selects, in the order [`announcement`] reads them.
const COLUMNS: &str = "id, key, text, channel_id, ping, ping_role_id, due_at, created_by, created_at, \
    source, status, attempt, claimed_at, message_id, posted_at, missed_at, cancelled_by, cancelled_at, \
    target_channel, marker, missed_reason, recipient";

impl Store {
    /// Schedules an announcement made by hand and records who made it. Its key is `manual:{id}:{now}`;
    /// the time is part of it so that a key, and so a nonce, is not reused if the database is ever
    /// recreated while Discord still remembers an earlier nonce.
    pub fn insert(
        &mut self,
        new: &NewAnnouncement,
        now: Timestamp,
    ) -> Result<Announcement, StoreError> {
        self.write("schedule an announcement".to_owned(), |transaction| {
            insert_manual(transaction, new, now)
        })
    }

    /// Schedules an announcement made by hand unless the same person scheduled the same one (text,
    /// channel, ping, and time, or both "now") within `window` and did not cancel it: a confirmation that
    /// is repeated, because the first seemed to fail, schedules nothing new.
    pub fn insert_unless_repeated(
        &mut self,
        new: &NewAnnouncement,
        now: Timestamp,
        window: jiff::SignedDuration,
    ) -> Result<Inserted, StoreError> {
        self.write("schedule an announcement".to_owned(), |transaction| {
            let (ping, role) = ping_columns(new.ping);
            let since = now.saturating_sub(window).unwrap_or(Timestamp::MIN);
            let repeated: Option<i64> = transaction
                .query_row(
                    "SELECT id FROM announcements
                     WHERE source = 'manual' AND status != 'cancelled' AND created_by = ?1
                       AND text = ?2 AND channel_id IS ?3 AND ping = ?4 AND ping_role_id IS ?5
                       AND created_at >= ?6 AND (due_at = ?7 OR (?8 AND due_at = created_at))
                     ORDER BY id DESC LIMIT 1",
                    params![
                        new.created_by,
                        new.text,
                        new.channel.map(snowflake),
                        ping,
                        role,
                        seconds(since),
                        seconds(new.due_at),
                        new.due_at == now,
                    ],
                    |row| row.get(0),
                )
                .optional()?;
            match repeated {
                Some(id) => Ok(existing(transaction, AnnouncementId(id))?.map(Inserted::Repeated)),
                None => Ok(insert_manual(transaction, new, now)?.map(Inserted::New)),
            }
        })
    }

    /// Applies the changes [`reconcile`](crate::schedule::reconcile) decided, in one transaction, with
    /// [`RECONCILE_ACTOR`] as the actor. A change whose announcement moved on since (the scheduler claimed
    /// it, someone cancelled it) is skipped; the next reconciliation sees the new state. Returns how many
    /// changes were applied.
    pub fn apply(&mut self, changes: &[Change], now: Timestamp) -> Result<usize, StoreError> {
        self.apply_then(changes, now, |_| Ok(()))
    }

    /// [`Store::apply`], then `then` in the same transaction.
    pub(super) fn apply_then(
        &mut self,
        changes: &[Change],
        now: Timestamp,
        then: impl FnOnce(&Transaction<'_>) -> rusqlite::Result<()>,
    ) -> Result<usize, StoreError> {
        self.write("apply generated announcements".to_owned(), |transaction| {
            let mut applied = 0;
            for change in changes {
                if let Some((id, action, text)) = apply_one(transaction, change, now)? {
                    record(transaction, id, now, RECONCILE_ACTOR, action, text)?;
                    applied += 1;
                }
            }
            then(transaction)?;
            Ok(Ok(applied))
        })
    }

    /// Claims a scheduled announcement for its first post attempt (`Scheduled -> Posting`), recording the
    /// channel it goes to and the marker its message carries. Of several callers, in this process or
    /// another, exactly one gets `true`; only that one may send it. The target stays once recorded, even
    /// when a claim is released, so that a message sent under it can still be found.
    pub fn claim(
        &mut self,
        id: AnnouncementId,
        target: &Target,
        now: Timestamp,
    ) -> Result<bool, StoreError> {
        self.write(format!("claim announcement {id}"), |transaction| {
            let changed = transaction.execute(
                "UPDATE announcements SET status = 'posting', attempt = 1, claimed_at = ?2,
                     target_channel = ?3, marker = ?4
                 WHERE id = ?1 AND status = 'scheduled'",
                params![id.0, seconds(now), snowflake(target.channel), target.marker],
            )?;
            if changed == 0 {
                return Ok(exists(transaction, id)?.map(|()| false));
            }
            record(
                transaction,
                id,
                now,
                RECONCILE_ACTOR,
                AuditAction::Claimed,
                Some("attempt 1"),
            )?;
            Ok(Ok(true))
        })
    }

    /// Claims attempt number `attempt` of a post whose previous attempt went unrecorded
    /// (`Posting { attempt - 1 } -> Posting { attempt }`); as with [`Store::claim`], only one caller wins.
    /// The claim time stays that of the first attempt.
    pub fn claim_retry(
        &mut self,
        id: AnnouncementId,
        attempt: u32,
        now: Timestamp,
    ) -> Result<bool, StoreError> {
        self.write(format!("claim announcement {id} again"), |transaction| {
            let changed = transaction.execute(
                "UPDATE announcements SET attempt = ?2
                 WHERE id = ?1 AND status = 'posting' AND attempt = ?2 - 1",
                params![id.0, attempt],
            )?;
            if changed == 0 {
                return Ok(exists(transaction, id)?.map(|()| false));
            }
            let detail = format!("attempt {attempt}");
            record(
                transaction,
                id,
                now,
                RECONCILE_ACTOR,
                AuditAction::Retried,
                Some(&detail),
            )?;
            Ok(Ok(true))
        })
    }

    /// Records that a claimed announcement is on Discord as `message_id`. Recording the same message again
    /// succeeds and changes nothing.
    pub fn mark_posted(
        &mut self,
        id: AnnouncementId,
        message_id: u64,
        now: Timestamp,
    ) -> Result<(), StoreError> {
        self.write(
            format!("record announcement {id} as posted"),
            |transaction| {
                let changed = transaction.execute(
                    "UPDATE announcements SET status = 'posted', message_id = ?2, posted_at = ?3
                 WHERE id = ?1 AND status = 'posting'",
                    params![id.0, snowflake(message_id), seconds(now)],
                )?;
                if changed == 0 {
                    return match load(transaction, id)? {
                        Some(Announcement {
                            status:
                                Status::Posted {
                                    message_id: recorded,
                                    ..
                                },
                            ..
                        }) if recorded == message_id => Ok(Ok(())),
                        current => Ok(Err(refusal(id, current.as_ref(), "marked posted"))),
                    };
                }
                let detail = format!("message {message_id}");
                record(
                    transaction,
                    id,
                    now,
                    RECONCILE_ACTOR,
                    AuditAction::Posted,
                    Some(&detail),
                )?;
                Ok(Ok(()))
            },
        )
    }

    /// Gives up a claim after verification found no message on Discord (`Posting -> Scheduled`), so that
    /// the scheduler posts it again if it is still within the grace window.
    pub fn release(&mut self, id: AnnouncementId, now: Timestamp) -> Result<(), StoreError> {
        self.write(format!("release announcement {id}"), |transaction| {
            let changed = transaction.execute(
                "UPDATE announcements SET status = 'scheduled', attempt = NULL, claimed_at = NULL
                 WHERE id = ?1 AND status = 'posting'",
                [id.0],
            )?;
            if changed == 0 {
                return Ok(Err(refusal(
                    id,
                    load(transaction, id)?.as_ref(),
                    "released",
                )));
            }
            record(
                transaction,
                id,
                now,
                RECONCILE_ACTOR,
                AuditAction::Released,
                Some("no message found"),
            )?;
            Ok(Ok(()))
        })
    }

    /// Records that an announcement will not be posted, and why: it is scheduled but past the grace window,
    /// or it is being posted and Discord refused it for good (say, missing permissions), so no message
    /// exists. Organisers have yet to be told ([`Store::list_unreported`]).
    pub fn mark_missed(
        &mut self,
        id: AnnouncementId,
        reason: &str,
        now: Timestamp,
    ) -> Result<(), StoreError> {
        self.write(
            format!("record announcement {id} as missed"),
            |transaction| {
                let changed = transaction.execute(
                    "UPDATE announcements SET status = 'missed', missed_at = ?2, missed_reason = ?3,
                     reported_at = NULL, report_claimed_at = NULL
                 WHERE id = ?1 AND status IN ('scheduled', 'posting')",
                    params![id.0, seconds(now), reason],
                )?;
                if changed == 0 {
                    return Ok(Err(refusal(
                        id,
                        load(transaction, id)?.as_ref(),
                        "marked missed",
                    )));
                }
                record(
                    transaction,
                    id,
                    now,
                    RECONCILE_ACTOR,
                    AuditAction::Missed,
                    Some(reason),
                )?;
                Ok(Ok(()))
            },
        )
    }

    /// The missed announcements organisers have not been told about, oldest first.
    pub fn list_unreported(&self) -> Result<Vec<Announcement>, StoreError> {
        self.select(
            "list unreported missed announcements",
            "WHERE status = 'missed' AND reported_at IS NULL ORDER BY missed_at, id",
            [],
        )
    }

    /// Records that organisers are about to be told about a missed announcement, unless a telling was
    /// begun before: then when that one began, and nothing changes.
    pub fn claim_report(
        &mut self,
        id: AnnouncementId,
        now: Timestamp,
    ) -> Result<Option<Timestamp>, StoreError> {
        self.write(
            format!("record that organisers are told about announcement {id}"),
            |transaction| {
                let earlier: Option<Option<i64>> = transaction
                    .query_row(
                        "SELECT report_claimed_at FROM announcements
                         WHERE id = ?1 AND status = 'missed' AND reported_at IS NULL",
                        params![id.0],
                        |row| row.get(0),
                    )
                    .optional()?;
                match earlier {
                    None => Ok(Err(refusal(
                        id,
                        load(transaction, id)?.as_ref(),
                        "reported as missed",
                    ))),
                    Some(Some(at)) => Ok(Ok(Some(timestamp(0, at)?))),
                    Some(None) => {
                        transaction.execute(
                            "UPDATE announcements SET report_claimed_at = ?2 WHERE id = ?1",
                            params![id.0, seconds(now)],
                        )?;
                        Ok(Ok(None))
                    }
                }
            },
        )
    }

    /// Records that organisers were told about a missed announcement.
    pub fn mark_reported(&mut self, id: AnnouncementId, now: Timestamp) -> Result<(), StoreError> {
        self.write(
            format!("record announcement {id} as reported"),
            |transaction| {
                let changed = transaction.execute(
                    "UPDATE announcements SET reported_at = ?2 WHERE id = ?1 AND status = 'missed'",
                    params![id.0, seconds(now)],
                )?;
                if changed == 0 {
                    return Ok(Err(refusal(
                        id,
                        load(transaction, id)?.as_ref(),
                        "reported as missed",
                    )));
                }
                Ok(Ok(()))
            },
        )
    }

    /// Withdraws a scheduled announcement. One that is being posted, posted, missed or already cancelled
    /// cannot be, and the error says which it is.
    pub fn cancel(
        &mut self,
        id: AnnouncementId,
        by: &str,
        now: Timestamp,
    ) -> Result<Announcement, StoreError> {
        self.write(format!("cancel announcement {id}"), |transaction| {
            let changed = transaction.execute(
                "UPDATE announcements SET status = 'cancelled', cancelled_by = ?2, cancelled_at = ?3
                 WHERE id = ?1 AND status = 'scheduled'",
                params![id.0, by, seconds(now)],
            )?;
            if changed == 0 {
                return Ok(Err(refusal(
                    id,
                    load(transaction, id)?.as_ref(),
                    "cancelled",
                )));
            }
            record(transaction, id, now, by, AuditAction::Cancelled, None)?;
            existing(transaction, id)
        })
    }

    /// Changes the text of a scheduled or posted announcement. For a posted one it returns the Discord
    /// message id, so that the caller can edit the message too. One being posted cannot be edited, since
    /// the old text may be on its way.
    pub fn edit_text(
        &mut self,
        id: AnnouncementId,
        text: &str,
        by: &str,
        now: Timestamp,
    ) -> Result<Option<u64>, StoreError> {
        self.write(format!("edit announcement {id}"), |transaction| {
            let changed = transaction.execute(
                "UPDATE announcements SET text = ?2 WHERE id = ?1 AND status IN ('scheduled', 'posted')",
                params![id.0, text],
            )?;
            if changed == 0 {
                return Ok(Err(refusal(id, load(transaction, id)?.as_ref(), "edited")));
            }
            record(transaction, id, now, by, AuditAction::Edited, Some(text))?;
            Ok(existing(transaction, id)?.map(|announcement| match announcement.status {
                Status::Posted { message_id, .. } => Some(message_id),
                _ => None,
            }))
        })
    }

    /// One announcement, if it exists.
    pub fn get(&self, id: AnnouncementId) -> Result<Option<Announcement>, StoreError> {
        load(&self.connection, id).map_err(StoreError::query(|| format!("read announcement {id}")))
    }

    /// The announcements still to be posted (scheduled or being posted), soonest first.
    pub fn list_upcoming(&self) -> Result<Vec<Announcement>, StoreError> {
        self.select(
            "list upcoming announcements",
            "WHERE status IN ('scheduled', 'posting') ORDER BY due_at, id",
            [],
        )
    }

    /// The `n` announcements created last, newest first, in any status.
    pub fn list_recent(&self, n: usize) -> Result<Vec<Announcement>, StoreError> {
        self.select(
            "list recent announcements",
            "ORDER BY created_at DESC, id DESC LIMIT ?1",
            [limit(n)],
        )
    }

    /// Every announcement, by due time.
    pub fn list_all(&self) -> Result<Vec<Announcement>, StoreError> {
        self.select("list announcements", "ORDER BY due_at, id", [])
    }

    /// What has been announced in `channels`, newest first: the news participants ask for. Only posts
    /// whose channel was recorded count, so that what went to a staff channel is never news elsewhere.
    pub fn news(&self, channels: &[u64], n: usize) -> Result<Vec<NewsItem>, StoreError> {
        if channels.is_empty() {
            return Ok(Vec::new());
        }
        let list = channels
            .iter()
            .map(|c| snowflake(*c).to_string())
            .collect::<Vec<_>>()
            .join(", ");
        let posted = self.select(
            "list posted announcements",
            &format!(
                "WHERE status = 'posted' AND COALESCE(target_channel, channel_id) IN ({list})
                 ORDER BY posted_at DESC, id DESC LIMIT ?1"
            ),
            [limit(n)],
        )?;
        Ok(posted
            .into_iter()
            .map(|a| NewsItem {
                at: match a.status {
                    Status::Posted { posted_at, .. } => posted_at,
                    _ => a.due_at,
                },
                text: a.text,
            })
            .collect())
    }

    /// The audit log of one announcement, oldest first.
    pub fn audit(&self, id: AnnouncementId) -> Result<Vec<AuditEntry>, StoreError> {
        self.select_audit(
            format!("read the audit log of announcement {id}"),
            "WHERE announcement_id = ?1",
            [id.0],
        )
    }

    /// The whole audit log, oldest first.
    pub fn audit_all(&self) -> Result<Vec<AuditEntry>, StoreError> {
        self.select_audit("read the audit log".to_owned(), "", [])
    }

    /// Runs `body` in an immediate transaction and commits it if the body succeeds. The body returns a
    /// database error, which is wrapped with `action`, or a domain outcome; an error outcome rolls back.
    fn write<T>(
        &mut self,
        action: String,
        body: impl FnOnce(&Transaction<'_>) -> rusqlite::Result<Result<T, StoreError>>,
    ) -> Result<T, StoreError> {
        let run = |connection: &mut Connection| -> rusqlite::Result<Result<T, StoreError>> {
            let transaction = Transaction::new(connection, TransactionBehavior::Immediate)?;
            let outcome = body(&transaction)?;
            if outcome.is_ok() {
                transaction.commit()?;
            }
            Ok(outcome)
        };
        run(&mut self.connection).map_err(|source| StoreError::Query { action, source })?
    }

    fn select<P: rusqlite::Params>(
        &self,
        action: &str,
        clauses: &str,
        params: P,
    ) -> Result<Vec<Announcement>, StoreError> {
        let run = || -> rusqlite::Result<Vec<Announcement>> {
            let mut statement = self
                .connection
                .prepare(&format!("SELECT {COLUMNS} FROM announcements {clauses}"))?;
            statement.query_map(params, announcement)?.collect()
        };
        run().map_err(StoreError::query(|| action.to_owned()))
    }

    fn select_audit<P: rusqlite::Params>(
        &self,
        action: String,
        clauses: &str,
        params: P,
    ) -> Result<Vec<AuditEntry>, StoreError> {
        let run = || -> rusqlite::Result<Vec<AuditEntry>> {
            let mut statement = self.connection.prepare(&format!(
                "SELECT announcement_id, at, actor, action, detail FROM announcement_audit {clauses} ORDER BY seq"
            ))?;
            statement.query_map(params, audit_entry)?.collect()
        };
        run().map_err(|source| StoreError::Query { action, source })
    }
}

/// Inserts an announcement made by hand, with its audit row. Its key is `manual:{id}:{now}`.
fn insert_manual(
    transaction: &Transaction<'_>,
    new: &NewAnnouncement,
    now: Timestamp,
) -> rusqlite::Result<Result<Announcement, StoreError>> {
    let wanted = Wanted {
        // A placeholder until the id is known; the write lock keeps anyone else from seeing it.
        key: "manual:pending".to_owned(),
        due_at: new.due_at,
        text: new.text.clone(),
        channel: new.channel,
        recipient: None,
        ping: new.ping,
    };
    let id = insert_row(transaction, &wanted, Source::Manual, &new.created_by, now)?;
    let key = format!("manual:{id}:{}", seconds(now));
    transaction.execute(
        "UPDATE announcements SET key = ?2 WHERE id = ?1",
        params![id.0, key],
    )?;
    record(
        transaction,
        id,
        now,
        &new.created_by,
        AuditAction::Created,
        Some(&new.text),
    )?;
    existing(transaction, id)
}

/// Inserts a scheduled announcement and returns its id.
fn insert_row(
    transaction: &Transaction<'_>,
    wanted: &Wanted,
    source: Source,
    created_by: &str,
    now: Timestamp,
) -> rusqlite::Result<AnnouncementId> {
    let (ping, role) = ping_columns(wanted.ping);
    transaction.execute(
        "INSERT INTO announcements
             (key, text, channel_id, ping, ping_role_id, due_at, created_by, created_at, source, status,
              recipient)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, 'scheduled', ?10)",
        params![
            wanted.key,
            wanted.text,
            wanted.channel.map(snowflake),
            ping,
            role,
            seconds(wanted.due_at),
            created_by,
            seconds(now),
            source.as_str(),
            wanted.recipient.map(snowflake),
        ],
    )?;
    Ok(AnnouncementId(transaction.last_insert_rowid()))
}

/// Carries out one reconciliation change if the announcement is still as reconciliation saw it; returns
/// what to record in the audit log, or `None` if the change was skipped.
fn apply_one<'change>(
    transaction: &Transaction<'_>,
    change: &'change Change,
    now: Timestamp,
) -> rusqlite::Result<Option<(AnnouncementId, AuditAction, Option<&'change str>)>> {
    Ok(match change {
        Change::Insert { wanted, source } => {
            let taken: bool = transaction.query_row(
                "SELECT count(*) > 0 FROM announcements WHERE key = ?1",
                [&wanted.key],
                |row| row.get(0),
            )?;
            if taken {
                None
            } else {
                let id = insert_row(transaction, wanted, *source, RECONCILE_ACTOR, now)?;
                Some((id, AuditAction::Created, Some(wanted.text.as_str())))
            }
        }
        Change::Update { id, wanted } => rewrite(transaction, *id, wanted, Rewrite::Scheduled)?
            .then_some((*id, AuditAction::Updated, Some(wanted.text.as_str()))),
        Change::Restore { id, wanted } => {
            rewrite(transaction, *id, wanted, Rewrite::CancelledByReconcile)?.then_some((
                *id,
                AuditAction::Restored,
                Some(wanted.text.as_str()),
            ))
        }
        Change::Cancel { id } => {
            let changed = transaction.execute(
                "UPDATE announcements SET status = 'cancelled', cancelled_by = ?2, cancelled_at = ?3
                 WHERE id = ?1 AND status = 'scheduled'",
                params![id.0, RECONCILE_ACTOR, seconds(now)],
            )?;
            (changed > 0).then_some((*id, AuditAction::Cancelled, None))
        }
    })
}

/// Which announcements [`rewrite`] may change.
#[derive(Clone, Copy)]
enum Rewrite {
    /// Scheduled ones, to update them.
    Scheduled,
    /// Ones that reconciliation cancelled, to restore them.
    CancelledByReconcile,
}

/// Sets an announcement's time, text, channel and ping and makes it scheduled, if it is in the status
/// `from` names; returns whether it was.
fn rewrite(
    transaction: &Transaction<'_>,
    id: AnnouncementId,
    wanted: &Wanted,
    from: Rewrite,
) -> rusqlite::Result<bool> {
    let (ping, role) = ping_columns(wanted.ping);
    let changed = transaction.execute(
        "UPDATE announcements SET due_at = ?2, text = ?3, channel_id = ?4, ping = ?5, ping_role_id = ?6,
             status = 'scheduled', cancelled_by = NULL, cancelled_at = NULL
         WHERE id = ?1 AND (
             (?7 AND status = 'scheduled')
             OR (NOT ?7 AND status = 'cancelled' AND cancelled_by = ?8)
         )",
        params![
            id.0,
            seconds(wanted.due_at),
            wanted.text,
            wanted.channel.map(snowflake),
            ping,
            role,
            matches!(from, Rewrite::Scheduled),
            RECONCILE_ACTOR,
        ],
    )?;
    Ok(changed > 0)
}

/// Appends to the audit log.
fn record(
    transaction: &Transaction<'_>,
    id: AnnouncementId,
    at: Timestamp,
    actor: &str,
    action: AuditAction,
    detail: Option<&str>,
) -> rusqlite::Result<()> {
    transaction.execute(
        "INSERT INTO announcement_audit (announcement_id, at, actor, action, detail)
         VALUES (?1, ?2, ?3, ?4, ?5)",
        params![id.0, seconds(at), actor, action.as_str(), detail],
    )?;
    Ok(())
}

fn load(connection: &Connection, id: AnnouncementId) -> rusqlite::Result<Option<Announcement>> {
    connection
        .query_row(
            &format!("SELECT {COLUMNS} FROM announcements WHERE id = ?1"),
            [id.0],
            announcement,
        )
        .optional()
}

/// The announcement after a change, which must exist since the change just found it.
fn existing(
    transaction: &Transaction<'_>,
    id: AnnouncementId,
) -> rusqlite::Result<Result<Announcement, StoreError>> {
    Ok(load(transaction, id)?.ok_or(StoreError::NotFound(id)))
}

/// `Ok(())` if the announcement exists, the not-found error otherwise.
fn exists(
    transaction: &Transaction<'_>,
    id: AnnouncementId,
) -> rusqlite::Result<Result<(), StoreError>> {
    let found: bool = transaction.query_row(
        "SELECT count(*) > 0 FROM announcements WHERE id = ?1",
        [id.0],
        |row| row.get(0),
    )?;
    Ok(if found {
        Ok(())
    } else {
        Err(StoreError::NotFound(id))
    })
}

/// The error for an operation its current status does not allow.
fn refusal(id: AnnouncementId, current: Option<&Announcement>, verb: &'static str) -> StoreError {
    match current {
        None => StoreError::NotFound(id),
        Some(announcement) => StoreError::WrongStatus {
            id,
            status: announcement.status.name(),
            verb,
        },
    }
}

fn limit(n: usize) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}

fn ping_columns(ping: Ping) -> (&'static str, Option<i64>) {
    match ping {
        Ping::None => ("none", None),
        Ping::Role(role) => ("role", Some(snowflake(role))),
        Ping::Everyone => ("everyone", None),
    }
}

/// A value in the database that this code never writes.
fn corrupt(column: usize, message: String) -> rusqlite::Error {
    rusqlite::Error::FromSqlConversionFailure(column, Type::Text, message.into())
}

/// Reads a row selected with [`COLUMNS`].
fn announcement(row: &Row<'_>) -> rusqlite::Result<Announcement> {
    let ping = match row.get_ref(4)?.as_str()? {
        "none" => Ping::None,
        "role" => Ping::Role(from_snowflake(row.get(5)?)),
        "everyone" => Ping::Everyone,
        other => return Err(corrupt(4, format!("unknown ping {other:?}"))),
    };
    let source_name: String = row.get(9)?;
    let source = Source::from_name(&source_name)
        .ok_or_else(|| corrupt(9, format!("unknown source {source_name:?}")))?;
    let status = match row.get_ref(10)?.as_str()? {
        "scheduled" => Status::Scheduled,
        "posting" => Status::Posting {
            attempt: row.get(11)?,
            claimed_at: timestamp(12, row.get(12)?)?,
        },
        "posted" => Status::Posted {
            message_id: from_snowflake(row.get(13)?),
            posted_at: timestamp(14, row.get(14)?)?,
        },
        "missed" => Status::Missed {
            at: timestamp(15, row.get(15)?)?,
            reason: row
                .get::<_, Option<String>>(20)?
                .unwrap_or_else(|| "no reason was recorded".to_owned()),
        },
        "cancelled" => Status::Cancelled {
            by: row.get(16)?,
            at: timestamp(17, row.get(17)?)?,
        },
        other => return Err(corrupt(10, format!("unknown status {other:?}"))),
    };
    Ok(Announcement {
        id: AnnouncementId(row.get(0)?),
        key: row.get(1)?,
        text: row.get(2)?,
        channel: row.get::<_, Option<i64>>(3)?.map(from_snowflake),
        recipient: row.get::<_, Option<i64>>(21)?.map(from_snowflake),
        ping,
        due_at: timestamp(6, row.get(6)?)?,
        created_by: row.get(7)?,
        created_at: timestamp(8, row.get(8)?)?,
        source,
        status,
        target: match (
            row.get::<_, Option<i64>>(18)?,
            row.get::<_, Option<String>>(19)?,
        ) {
            (Some(channel), Some(marker)) => Some(Target {
                channel: from_snowflake(channel),
                marker,
            }),
            _ => None,
        },
    })
}

fn audit_entry(row: &Row<'_>) -> rusqlite::Result<AuditEntry> {
    let action_name: String = row.get(3)?;
    Ok(AuditEntry {
        announcement_id: AnnouncementId(row.get(0)?),
        at: timestamp(1, row.get(1)?)?,
        actor: row.get(2)?,
        action: AuditAction::from_name(&action_name)
            .ok_or_else(|| corrupt(3, format!("unknown audit action {action_name:?}")))?,
        detail: row.get(4)?,
    })
}

/// What participants in some channels may be told was announced: the store's posts to those channels.
/// The store is what says what was posted, so an unreadable store has posted nothing anyone can be told of.
pub struct NewsIn<'a> {
    pub store: &'a Store,
    pub channels: &'a [u64],
}

impl PostedNews for NewsIn<'_> {
    fn latest(&self, limit: usize) -> Vec<NewsItem> {
        self.store.news(self.channels, limit).unwrap_or_default()
    }
}
