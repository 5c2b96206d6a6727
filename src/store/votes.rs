//! Votes on answers: all the SQL for the `answer_votes` and `installation_secret` tables.
//!
//! A vote is kept without the voter's id. What enforces one vote per participant per answer is a keyed
//! hash (HMAC-SHA256) of the answer's message id and the participant's id under a random secret that never
//! leaves this database: the same participant on the same answer gives the same hash, so a second vote
//! replaces the first, but the hash cannot be turned back into an id, nor linked across answers, without
//! the secret. Votes older than the retention period are deleted with their hashes.

use jiff::Timestamp;
use ring::hmac;
use ring::rand::{SecureRandom, SystemRandom};
use rusqlite::{OptionalExtension, params};

use super::{Store, StoreError, seconds, snowflake};
use crate::gaps::VotedAnswer;

/// What a vote did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Voted {
    /// The first vote of this participant on this answer.
    New,
    /// They had voted the other way; the vote is now this one.
    Changed,
    /// They had voted the same way already.
    Same,
}

impl Store {
    /// The installation's secret, made on first use.
    fn secret(&mut self) -> Result<hmac::Key, StoreError> {
        let action = || "read the installation secret".to_owned();
        let found: Option<Vec<u8>> = self
            .connection
            .query_row(
                "SELECT secret FROM installation_secret WHERE id = 1",
                [],
                |row| row.get(0),
            )
            .optional()
            .map_err(StoreError::query(action))?;
        let secret = if let Some(secret) = found {
            secret
        } else {
            let mut fresh = vec![0_u8; 32];
            SystemRandom::new()
                .fill(&mut fresh)
                .map_err(|_| StoreError::Query {
                    action: action(),
                    source: rusqlite::Error::InvalidQuery,
                })?;
            // Another process may have made one meanwhile: keep whichever was first, and use that.
            self.connection
                .execute(
                    "INSERT OR IGNORE INTO installation_secret (id, secret) VALUES (1, ?1)",
                    [&fresh],
                )
                .map_err(StoreError::query(action))?;
            self.connection
                .query_row(
                    "SELECT secret FROM installation_secret WHERE id = 1",
                    [],
                    |row| row.get(0),
                )
                .map_err(StoreError::query(action))?
        };
        Ok(hmac::Key::new(hmac::HMAC_SHA256, &secret))
    }

    /// Records `user`'s vote on the answer in message `message_id` about `topic`, keeping only a keyed
    /// hash of who voted.
    pub fn vote(
        &mut self,
        message_id: u64,
        topic: &str,
        user: u64,
        up: bool,
        now: Timestamp,
    ) -> Result<Voted, StoreError> {
        let key = self.secret()?;
        let mut signed = message_id.to_be_bytes().to_vec();
        signed.extend_from_slice(&user.to_be_bytes());
        let voter = hmac::sign(&key, &signed).as_ref().to_vec();
        let action = || "record a vote".to_owned();
        let before: Option<bool> = self
            .connection
            .query_row(
                "SELECT up FROM answer_votes WHERE message_id = ?1 AND voter = ?2",
                params![snowflake(message_id), voter],
                |row| row.get(0),
            )
            .optional()
            .map_err(StoreError::query(action))?;
        self.connection
            .execute(
                "INSERT INTO answer_votes (message_id, topic, voter, up, at) VALUES (?1, ?2, ?3, ?4, ?5)
                 ON CONFLICT (message_id, voter) DO UPDATE SET up = excluded.up",
                params![snowflake(message_id), topic, voter, up, seconds(now)],
            )
            .map_err(StoreError::query(action))?;
        Ok(match before {
            None => Voted::New,
            Some(was) if was == up => Voted::Same,
            Some(_) => Voted::Changed,
        })
    }

    /// The answers voted on since `since`, by topic, the most voted down first.
    pub fn votes_since(&self, since: Timestamp) -> Result<Vec<VotedAnswer>, StoreError> {
        let run = || -> rusqlite::Result<Vec<VotedAnswer>> {
            let mut statement = self.connection.prepare(
                "SELECT topic, sum(up = 0), sum(up = 1) FROM answer_votes WHERE at >= ?1
                 GROUP BY topic ORDER BY sum(up = 0) DESC, sum(up = 1), topic",
            )?;
            statement
                .query_map([seconds(since)], |row| {
                    Ok(VotedAnswer {
                        topic: row.get(0)?,
                        down: row.get(1)?,
                        up: row.get(2)?,
                    })
                })?
                .collect()
        };
        run().map_err(StoreError::query(|| "read the votes".to_owned()))
    }

    /// Deletes votes older than `before`, with the hashes that kept them one per participant.
    pub fn purge_votes(&mut self, before: Timestamp) -> Result<usize, StoreError> {
        self.connection
            .execute("DELETE FROM answer_votes WHERE at < ?1", [seconds(before)])
            .map_err(StoreError::query(|| "delete old votes".to_owned()))
    }
}
