//! Runs a serenity `Client` (with or without poise) in the background for the length of a test,
//! and shuts it down cleanly so no task outlives the test.

use serenity::Client;
use serenity::gateway::ShardManager;
use serenity::http::Http;
use std::sync::Arc;
use std::time::Duration;
use tokio::task::JoinHandle;

/// How long shutting down may take; serenity's own close handshake needs about half a second.
const SHUTDOWN_TIMEOUT: Duration = Duration::from_secs(10);

/// A client started with [`RunningClient::start`]; call [`RunningClient::shutdown`] at the end
/// of the test.
pub struct RunningClient {
    pub shard_manager: Arc<ShardManager>,
    pub http: Arc<Http>,
    task: JoinHandle<Result<(), serenity::Error>>,
}

impl RunningClient {
    /// Spawns `client.start()` (one shard, like production).
    pub fn start(mut client: Client) -> Self {
        let shard_manager = Arc::clone(&client.shard_manager);
        let http = Arc::clone(&client.http);
        let task = tokio::spawn(async move { client.start().await });
        Self {
            shard_manager,
            http,
            task,
        }
    }

    /// Closes the gateway connection with a close frame and waits for `Client::start` to
    /// return; panics if it returned an error or does not stop within ten seconds. Returns how
    /// long stopping took.
    pub async fn shutdown(self) -> Duration {
        let started = std::time::Instant::now();
        self.shard_manager.shutdown_all().await;
        match tokio::time::timeout(SHUTDOWN_TIMEOUT, self.task).await {
            Ok(Ok(Ok(()))) => started.elapsed(),
            Ok(Ok(Err(error))) => panic!("the client stopped with an error: {error}"),
            Ok(Err(join_error)) => panic!("the client task failed: {join_error}"),
            Err(elapsed) => panic!(
                "the client did not stop within {SHUTDOWN_TIMEOUT:?} of shutdown_all: {elapsed}"
            ),
        }
    }
}
