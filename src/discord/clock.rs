//! Where the bot reads the time: the system clock, or a clock a test moves.

use std::future::Future;
use std::pin::Pin;
use std::time::Instant;

use jiff::Timestamp;

/// Where the bot reads the time: the system clock, or a clock a test sets.
pub trait Clock: Send + Sync {
    /// The wall-clock time, for what is due and what a reader sees.
    fn now(&self) -> Timestamp;

    /// A monotonic reading, for how long something took or waited: it never jumps when the wall clock
    /// is corrected.
    fn instant(&self) -> Instant {
        Instant::now()
    }

    /// Completes when the clock jumps rather than ticks. The system clock never does; a test clock does
    /// when the test moves it, so the scheduler looks again at once instead of sleeping real minutes.
    fn jumped(&self) -> Pin<Box<dyn Future<Output = ()> + Send + '_>> {
        Box::pin(std::future::pending())
    }
}

/// The real clock.
#[derive(Debug, Default, Clone, Copy)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> Timestamp {
        Timestamp::now()
    }
}
