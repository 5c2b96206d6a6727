//! Where Usher reads the time: every "now" comes from a [`Clock`] passed in, so the core decides nothing
//! by the wall clock, and tests and `--now` can set it.

use std::future::Future;
use std::pin::Pin;
use std::time::Instant;

use jiff::{SignedDuration, Timestamp};

/// A source of the current time.
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

/// A clock stopped at one moment: the command line's `--now` for a command that runs once.
#[derive(Debug, Clone, Copy)]
pub struct FixedClock(pub Timestamp);

impl Clock for FixedClock {
    fn now(&self) -> Timestamp {
        self.0
    }
}

/// A clock that read `start` when it was made and has ticked since: `usher serve --now` runs the bot as
/// if it had been started then, to rehearse an event's day.
#[derive(Debug, Clone, Copy)]
pub struct StartedAt {
    start: Timestamp,
    made: Instant,
}

impl StartedAt {
    pub fn new(start: Timestamp) -> StartedAt {
        StartedAt {
            start,
            made: Instant::now(),
        }
    }
}

impl Clock for StartedAt {
    fn now(&self) -> Timestamp {
        let elapsed = SignedDuration::try_from(self.made.elapsed()).unwrap_or(SignedDuration::MAX);
        self.start.saturating_add(elapsed).unwrap_or(Timestamp::MAX)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_fixed_clock_stays_and_a_started_clock_ticks_on_from_its_start() {
        let start: Timestamp = "2015-04-30T12:00:00Z".parse().expect("a time");
        assert_eq!(FixedClock(start).now(), start);
        let started = StartedAt::new(start);
        let first = started.now();
        std::thread::sleep(std::time::Duration::from_millis(5));
        let later = started.now();
        assert!(first >= start && later > first, "{first} then {later}");
        assert!(later - start < SignedDuration::from_secs(60));
    }
}
