//! Unanswered questions: all the SQL for the `unanswered_questions` table.
//!
//! Questions are stored without user ids, by design: organisers need to know what people ask and the
//! knowledge files lack, not who asked.

use jiff::Timestamp;
use rusqlite::params;

use super::{Store, StoreError, seconds, timestamp};
use crate::gaps::UnansweredQuestion;

impl Store {
    /// Keeps a question that the bot could not answer.
    pub fn record_unanswered(&mut self, question: &UnansweredQuestion) -> Result<(), StoreError> {
        self.connection
            .execute(
                "INSERT INTO unanswered_questions (text, asked_at, channel, best_topic, score)
                 VALUES (?1, ?2, ?3, ?4, ?5)",
                params![
                    question.text,
                    seconds(question.asked_at),
                    question.channel,
                    question.best_topic,
                    f64::from(question.score),
                ],
            )
            .map(|_| ())
            .map_err(StoreError::query(|| {
                "record an unanswered question".to_owned()
            }))
    }

    /// Deletes the questions asked before `cutoff`; returns how many.
    pub fn purge_older_than(&mut self, cutoff: Timestamp) -> Result<usize, StoreError> {
        self.connection
            .execute(
                "DELETE FROM unanswered_questions WHERE asked_at < ?1",
                [seconds(cutoff)],
            )
            .map_err(StoreError::query(|| {
                "purge old unanswered questions".to_owned()
            }))
    }

    /// The questions asked at or after `cutoff`, oldest first.
    pub fn unanswered_since(
        &self,
        cutoff: Timestamp,
    ) -> Result<Vec<UnansweredQuestion>, StoreError> {
        let run = || -> rusqlite::Result<Vec<UnansweredQuestion>> {
            let mut statement = self.connection.prepare(
                "SELECT text, asked_at, channel, best_topic, score FROM unanswered_questions
                 WHERE asked_at >= ?1 ORDER BY asked_at, id",
            )?;
            statement
                .query_map([seconds(cutoff)], |row| {
                    Ok(UnansweredQuestion {
                        text: row.get(0)?,
                        asked_at: timestamp(1, row.get(1)?)?,
                        channel: row.get(2)?,
                        best_topic: row.get(3)?,
                        // Scores are written from an f32, so reading them back loses nothing.
                        #[allow(
                            clippy::cast_possible_truncation,
                            reason = "scores are stored from f32"
                        )]
                        score: row.get::<_, f64>(4)? as f32,
                    })
                })?
                .collect()
        };
        run().map_err(StoreError::query(|| "list unanswered questions".to_owned()))
    }
}
