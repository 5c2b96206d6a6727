//! Unanswered questions: all the SQL for the `unanswered_questions` table.
//!
//! Questions are stored without user ids, by design: organisers need to know what people ask and the
//! knowledge files lack, not who asked.

use jiff::Timestamp;
use rusqlite::params;

use super::{Store, StoreError, seconds, timestamp};
use crate::gaps::UnansweredQuestion;

/// The most characters of a question kept: enough to see what was asked, and a 4,000-character message
/// cannot fill the disk.
pub const MAX_QUESTION_CHARS: usize = 500;
/// The most questions kept; the oldest go first. A flood of questions cannot grow the table without bound.
pub const MAX_QUESTIONS: i64 = 50_000;
/// The most questions a listing reads (the newest), so grouping stays quick.
pub const MAX_LISTED: i64 = 5_000;

impl Store {
    /// Keeps a question that the bot could not answer (its first [`MAX_QUESTION_CHARS`] characters), and
    /// drops the oldest beyond [`MAX_QUESTIONS`].
    pub fn record_unanswered(&mut self, question: &UnansweredQuestion) -> Result<(), StoreError> {
        self.record_unanswered_batch(std::slice::from_ref(question))
    }

    /// Keeps several questions in one transaction: one sync to disk for the lot.
    pub fn record_unanswered_batch(
        &mut self,
        questions: &[UnansweredQuestion],
    ) -> Result<(), StoreError> {
        let run = |connection: &mut rusqlite::Connection| -> rusqlite::Result<()> {
            let transaction = connection.transaction()?;
            {
                let mut insert = transaction.prepare(
                    "INSERT INTO unanswered_questions (text, asked_at, channel, best_topic, score)
                     VALUES (?1, ?2, ?3, ?4, ?5)",
                )?;
                for question in questions {
                    let text: String = question.text.chars().take(MAX_QUESTION_CHARS).collect();
                    insert.execute(params![
                        text,
                        seconds(question.asked_at),
                        question.channel,
                        question.best_topic,
                        f64::from(question.score),
                    ])?;
                }
            }
            transaction.execute(
                "DELETE FROM unanswered_questions
                 WHERE id <= (SELECT MAX(id) FROM unanswered_questions) - ?1",
                [MAX_QUESTIONS],
            )?;
            transaction.commit()
        };
        run(&mut self.connection).map_err(StoreError::query(|| {
            format!("record {} unanswered question(s)", questions.len())
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

    /// The questions asked at or after `cutoff` (at most the newest [`MAX_LISTED`]), oldest first.
    pub fn unanswered_since(
        &self,
        cutoff: Timestamp,
    ) -> Result<Vec<UnansweredQuestion>, StoreError> {
        let run = || -> rusqlite::Result<Vec<UnansweredQuestion>> {
            let mut statement = self.connection.prepare(
                "SELECT text, asked_at, channel, best_topic, score FROM (
                     SELECT id, text, asked_at, channel, best_topic, score FROM unanswered_questions
                     WHERE asked_at >= ?1 ORDER BY asked_at DESC, id DESC LIMIT ?2
                 ) ORDER BY asked_at, id",
            )?;
            statement
                .query_map(params![seconds(cutoff), MAX_LISTED], |row| {
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
