//! Participants' agendas, the direct messages Discord refused, and the programme last announced: all the
//! SQL for the `agenda`, `direct_message_refusals` and `programme_announced` tables.
//!
//! A participant is kept as their Discord user id and the session ids they chose, nothing else; `/agenda
//! clear` deletes all of it, with the reminders addressed to them, and [`Store::purge_agendas`] deletes
//! everyone's once the event is over by the retention period.

use jiff::Timestamp;
use rusqlite::{OptionalExtension, Transaction, TransactionBehavior, params};

use super::{Store, StoreError, from_snowflake, seconds, snowflake};
use crate::schedule::programme::ProgrammeSlot;
use crate::schedule::{AgendaEntry, Change};

impl Store {
    /// Puts a session on a participant's agenda; whether it was not there yet.
    pub fn add_to_agenda(
        &mut self,
        user: u64,
        session: &str,
        now: Timestamp,
    ) -> Result<bool, StoreError> {
        self.connection
            .execute(
                "INSERT OR IGNORE INTO agenda (user_id, session_id, added_at) VALUES (?1, ?2, ?3)",
                params![snowflake(user), session, seconds(now)],
            )
            .map(|n| n > 0)
            .map_err(StoreError::query(|| "add to an agenda".to_owned()))
    }

    /// Takes a session off a participant's agenda; whether it was there.
    pub fn remove_from_agenda(&mut self, user: u64, session: &str) -> Result<bool, StoreError> {
        self.connection
            .execute(
                "DELETE FROM agenda WHERE user_id = ?1 AND session_id = ?2",
                params![snowflake(user), session],
            )
            .map(|n| n > 0)
            .map_err(StoreError::query(|| "remove from an agenda".to_owned()))
    }

    /// One participant's agenda, in the order they added the sessions.
    pub fn agenda_of(&self, user: u64) -> Result<Vec<AgendaEntry>, StoreError> {
        self.select_agenda(
            "WHERE user_id = ?1 ORDER BY added_at, session_id",
            [snowflake(user)],
        )
    }

    /// Every participant's agenda.
    pub fn agendas(&self) -> Result<Vec<AgendaEntry>, StoreError> {
        self.select_agenda("ORDER BY user_id, added_at, session_id", [])
    }

    fn select_agenda<P: rusqlite::Params>(
        &self,
        clauses: &str,
        params: P,
    ) -> Result<Vec<AgendaEntry>, StoreError> {
        let run = || -> rusqlite::Result<Vec<AgendaEntry>> {
            let mut statement = self
                .connection
                .prepare(&format!("SELECT user_id, session_id FROM agenda {clauses}"))?;
            statement
                .query_map(params, |row| {
                    Ok(AgendaEntry {
                        user: from_snowflake(row.get(0)?),
                        session: row.get(1)?,
                    })
                })?
                .collect()
        };
        run().map_err(StoreError::query(|| "read agendas".to_owned()))
    }

    /// Deletes everything kept about one participant: their agenda, the reminders and notices addressed
    /// to them (except one being sent right now, which the loop finishes and the retention purge deletes),
    /// and the record of a refused message. Returns how many sessions their agenda held.
    pub fn clear_agenda(&mut self, user: u64) -> Result<usize, StoreError> {
        self.forget(
            "clear an agenda",
            "user_id = ?1",
            "recipient = ?1 AND status != 'posting'",
            Some(user),
        )
    }

    /// Deletes every agenda, every message addressed to a participant and every refusal record: the event
    /// is over by more than the retention period. Returns how many agenda entries there were.
    pub fn purge_agendas(&mut self) -> Result<usize, StoreError> {
        self.forget(
            "delete agendas past their retention",
            "?1 IS NULL",
            "?1 IS NULL AND recipient IS NOT NULL",
            None,
        )
    }

    fn forget(
        &mut self,
        action: &str,
        agenda_rows: &str,
        announcement_rows: &str,
        user: Option<u64>,
    ) -> Result<usize, StoreError> {
        let user = user.map(snowflake);
        let run = |connection: &mut rusqlite::Connection| -> rusqlite::Result<usize> {
            let transaction = Transaction::new(connection, TransactionBehavior::Immediate)?;
            let agenda = transaction.execute(
                &format!("DELETE FROM agenda WHERE {agenda_rows}"),
                params![user],
            )?;
            transaction.execute(
                &format!(
                    "DELETE FROM announcement_audit WHERE announcement_id IN
                     (SELECT id FROM announcements WHERE {announcement_rows})"
                ),
                params![user],
            )?;
            transaction.execute(
                &format!("DELETE FROM announcements WHERE {announcement_rows}"),
                params![user],
            )?;
            transaction.execute(
                &format!("DELETE FROM direct_message_refusals WHERE {agenda_rows}"),
                params![user],
            )?;
            transaction.commit()?;
            Ok(agenda)
        };
        run(&mut self.connection).map_err(StoreError::query(|| action.to_owned()))
    }

    /// Records that Discord refused a direct message to `user` (their direct messages are closed).
    pub fn record_refusal(&mut self, user: u64, now: Timestamp) -> Result<(), StoreError> {
        self.connection
            .execute(
                "INSERT OR IGNORE INTO direct_message_refusals (user_id, refused_at) VALUES (?1, ?2)",
                params![snowflake(user), seconds(now)],
            )
            .map(drop)
            .map_err(StoreError::query(|| "record a refused message".to_owned()))
    }

    /// Whether `user` should now be told that their direct messages were refused: true once, the first
    /// time this is asked after a refusal, and never again.
    pub fn take_refusal_notice(&mut self, user: u64, now: Timestamp) -> Result<bool, StoreError> {
        self.connection
            .execute(
                "UPDATE direct_message_refusals SET told_at = ?2 WHERE user_id = ?1 AND told_at IS NULL",
                params![snowflake(user), seconds(now)],
            )
            .map(|n| n > 0)
            .map_err(StoreError::query(|| "read refused messages".to_owned()))
    }

    /// The programme as last announced, or `None` before the first.
    pub fn announced_programme(&self) -> Result<Option<Vec<ProgrammeSlot>>, StoreError> {
        let action = || "read the programme last announced".to_owned();
        let text: Option<String> = self
            .connection
            .query_row(
                "SELECT sessions FROM programme_announced WHERE id = 1",
                [],
                |row| row.get(0),
            )
            .optional()
            .map_err(StoreError::query(action))?;
        text.map(|text| {
            serde_json::from_str(&text).map_err(|error| StoreError::Query {
                action: action(),
                source: rusqlite::Error::FromSqlConversionFailure(
                    0,
                    rusqlite::types::Type::Text,
                    Box::new(error),
                ),
            })
        })
        .transpose()
    }

    /// Applies reminder changes and schedules the messages about a programme change, and records
    /// `programme` as announced, all in one transaction: the messages are scheduled exactly when the
    /// programme they describe is recorded, so a crash or restart neither loses nor repeats them.
    pub fn apply_programme(
        &mut self,
        changes: &[Change],
        programme: &[ProgrammeSlot],
        now: Timestamp,
    ) -> Result<usize, StoreError> {
        let sessions = serde_json::to_string(programme).unwrap_or_else(|_| "[]".to_owned());
        self.apply_then(changes, now, move |transaction| {
            transaction.execute(
                "INSERT INTO programme_announced (id, sessions) VALUES (1, ?1)
                 ON CONFLICT (id) DO UPDATE SET sessions = excluded.sessions",
                [&sessions],
            )?;
            Ok(())
        })
    }
}
