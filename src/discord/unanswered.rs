//! Questions Usher could not answer well, on their way to the store for `/gaps`: one bounded queue, written
//! in batches of one transaction each, so that a flood of questions costs a few disk syncs, not one per
//! question, and can neither pile up tasks nor fill memory. When the queue is full, a question is dropped
//! and counted (`/status` shows the count); answering never waits for it. Also the daily purge of
//! questions older than the retention period.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use tokio::sync::{Mutex, mpsc};
use tracing::{info, warn};

use crate::clock::Clock;
use crate::gaps::{UnansweredQuestion, retention_start};
use crate::store::SharedStore;

/// How many questions may wait to be written.
pub const CAPACITY: usize = 1_000;
/// The most questions one transaction writes.
pub const BATCH: usize = 200;

/// The sending end, which every answer path holds.
#[derive(Debug)]
pub struct UnansweredQueue {
    sender: mpsc::Sender<UnansweredQuestion>,
    dropped: AtomicU64,
}

/// The receiving end, kept across restarts of the writer.
pub type Pending = Arc<Mutex<mpsc::Receiver<UnansweredQuestion>>>;

/// A queue of `capacity` questions and its receiving end.
pub fn queue(capacity: usize) -> (UnansweredQueue, Pending) {
    let (sender, receiver) = mpsc::channel(capacity.max(1));
    (
        UnansweredQueue {
            sender,
            dropped: AtomicU64::new(0),
        },
        Arc::new(Mutex::new(receiver)),
    )
}

impl UnansweredQueue {
    /// Queues a question for the writer, or drops and counts it if the queue is full.
    pub fn keep(&self, question: UnansweredQuestion) {
        if self.sender.try_send(question).is_err() {
            let dropped = self.dropped.fetch_add(1, Ordering::Relaxed) + 1;
            // One line per hundred, so that a flood does not flood the log too.
            if dropped % 100 == 1 {
                warn!(
                    dropped,
                    "unanswered questions are coming faster than they can be kept; dropping some"
                );
            }
        }
    }

    /// How many questions were dropped since start.
    pub fn dropped(&self) -> u64 {
        self.dropped.load(Ordering::Relaxed)
    }
}

/// Writes queued questions until the queue's senders are gone: each batch is what has arrived by the
/// time the last one was written, up to [`BATCH`].
pub async fn write(pending: Pending, store: SharedStore) {
    let mut receiver = pending.lock().await;
    while let Some(first) = receiver.recv().await {
        let mut batch = vec![first];
        while batch.len() < BATCH {
            match receiver.try_recv() {
                Ok(question) => batch.push(question),
                Err(_) => break,
            }
        }
        let count = batch.len();
        if let Err(err) = store.run(move |s| s.record_unanswered_batch(&batch)).await {
            warn!("could not keep {count} unanswered question(s): {err}");
        }
    }
}

/// Deletes unanswered questions and votes on answers (with the hashes that kept votes one per participant)
/// older than the retention period, at start and then once a day.
pub async fn purge(store: SharedStore, clock: Arc<dyn Clock>, retention_days: u32) {
    const DAY: Duration = Duration::from_secs(24 * 60 * 60);
    loop {
        let cutoff = retention_start(retention_days, clock.now());
        match store.run(move |s| s.purge_older_than(cutoff)).await {
            Ok(0) => {}
            Ok(n) => info!("purged {n} unanswered question(s) older than {retention_days} days"),
            Err(err) => warn!("could not purge old unanswered questions: {err}"),
        }
        match store.run(move |s| s.purge_votes(cutoff)).await {
            Ok(0) => {}
            Ok(n) => info!("purged {n} vote(s) on answers older than {retention_days} days"),
            Err(err) => warn!("could not purge old votes on answers: {err}"),
        }
        tokio::time::sleep(DAY).await;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::Store;

    fn question(text: &str) -> UnansweredQuestion {
        UnansweredQuestion {
            text: text.to_string(),
            asked_at: jiff::Timestamp::constant(1_750_000_000, 0),
            channel: None,
            best_topic: None,
            score: 0.0,
        }
    }

    #[tokio::test]
    async fn a_full_queue_drops_and_counts_and_the_rest_is_written_in_one_batch() {
        let (queue, pending) = queue(3);
        for i in 0..5 {
            queue.keep(question(&format!("question {i}")));
        }
        assert_eq!(queue.dropped(), 2);
        let store = SharedStore::new(Store::open_in_memory().expect("a store"));
        drop(queue);
        write(pending, store.clone()).await;
        let kept = store
            .lock()
            .unanswered_since(jiff::Timestamp::UNIX_EPOCH)
            .expect("listed");
        assert_eq!(kept.len(), 3);
    }
}
