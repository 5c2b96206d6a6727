//! Usher's long-running tasks (the announcement scheduler, command registration, the writer of unanswered
//! questions, the reports of failed reloads) run under a supervisor: a panic is logged, reported to the
//! maintainers' channel, and the task is started again after a pause that grows with each panic.

use std::any::Any;
use std::future::Future;
use std::sync::Arc;
use std::time::Duration;

use serenity::all::{ChannelId, Http};
use tokio::task::JoinHandle;
use tracing::{error, warn};

use super::errors::describe;
use super::reply::Reply;

/// The longest pause before a task that keeps panicking is started again.
const MAX_PAUSE: Duration = Duration::from_secs(60);

/// Where a supervisor reports a panic.
#[derive(Clone)]
pub struct Maintainers {
    pub http: Arc<Http>,
    pub channel: Option<ChannelId>,
}

impl Maintainers {
    async fn tell(&self, text: &str) {
        let Some(channel) = self.channel else {
            return;
        };
        if let Err(err) = channel
            .send_message(&self.http, Reply::text(text).to_message())
            .await
        {
            warn!(%channel, "could not tell the maintainers: {}", describe(&err));
        }
    }
}

/// Aborts the task it holds when dropped, so that aborting a supervisor stops its task too.
struct Owned(JoinHandle<()>);

impl Drop for Owned {
    fn drop(&mut self) {
        self.0.abort();
    }
}

/// Runs `start()` as a task, and again after each panic, until it returns. The returned handle stops the
/// task when aborted.
pub fn supervise<F, Fut>(
    name: &'static str,
    maintainers: Maintainers,
    mut start: F,
) -> JoinHandle<()>
where
    F: FnMut() -> Fut + Send + 'static,
    Fut: Future<Output = ()> + Send + 'static,
{
    tokio::spawn(async move {
        let mut panics: u32 = 0;
        loop {
            let mut task = Owned(tokio::spawn(start()));
            match (&mut task.0).await {
                Err(err) if err.is_panic() => {
                    panics = panics.saturating_add(1);
                    let pause = Duration::from_millis(500)
                        .saturating_mul(2_u32.saturating_pow(panics.min(8)))
                        .min(MAX_PAUSE);
                    let why = panic_message(err.into_panic().as_ref());
                    error!(task = name, "panicked, restarting in {pause:?}: {why}");
                    maintainers
                        .tell(&format!(
                            "Usher's {name} stopped after an internal error and is being restarted: {why}"
                        ))
                        .await;
                    tokio::time::sleep(pause).await;
                }
                // Finished, or cancelled because the bot is shutting down.
                _ => return,
            }
        }
    })
}

fn panic_message(payload: &(dyn Any + Send)) -> String {
    payload
        .downcast_ref::<&str>()
        .map(|s| (*s).to_string())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "a panic without a message".to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicU32, Ordering};

    #[tokio::test]
    async fn a_panicking_task_is_restarted_until_it_finishes() {
        let runs = Arc::new(AtomicU32::new(0));
        let counted = Arc::clone(&runs);
        let maintainers = Maintainers {
            http: Arc::new(Http::new("unused")),
            channel: None,
        };
        let handle = supervise("test task", maintainers, move || {
            let runs = Arc::clone(&counted);
            async move {
                assert!(
                    runs.fetch_add(1, Ordering::SeqCst) > 0,
                    "the first run fails"
                );
            }
        });
        tokio::time::timeout(Duration::from_secs(10), handle)
            .await
            .expect("restarted and finished in time")
            .expect("the supervisor itself never panics");
        assert_eq!(runs.load(Ordering::SeqCst), 2);
    }
}
