//! Discord calls that failed because Discord was busy (5xx) or rate limiting (429) are made again, a few
//! times, after a short pause: an answer is not lost to one bad moment.

use std::future::Future;
use std::time::Duration;

use super::errors::is_transient;

/// How many times a call is made in all.
pub const ATTEMPTS: u32 = 3;

/// Makes `call` until it succeeds, fails for good, or has been made [`ATTEMPTS`] times; the pauses
/// between attempts (a quarter of a second, then half) keep well inside the three seconds Discord gives
/// an interaction.
pub async fn retrying<T, Fut>(mut call: impl FnMut() -> Fut) -> Result<T, serenity::Error>
where
    Fut: Future<Output = Result<T, serenity::Error>>,
{
    let mut pause = Duration::from_millis(250);
    let mut attempt = 1;
    loop {
        match call().await {
            Err(err) if is_transient(&err) && attempt < ATTEMPTS => {
                tokio::time::sleep(pause).await;
                pause *= 2;
                attempt += 1;
            }
            outcome => return outcome,
        }
    }
}
