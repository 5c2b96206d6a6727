//! A per-user limit on questions, so one user cannot flood a channel or the record of unanswered
//! questions. Every way of asking counts: messages, mentions, direct messages, slash commands and
//! suggestion buttons. Pure: the caller passes the time.

use std::collections::HashMap;
use std::time::{Duration, Instant};

/// What to do with a question from a user.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// Answer it.
    Allow,
    /// Do not answer; tell the user (once) when they may ask again.
    Wait { retry_after: Duration },
    /// Do not answer, and stay silent where silence is possible: the user was already told in this
    /// window. (A slash command must still be answered, with the same notice.)
    Silent { retry_after: Duration },
}

/// At most `limit` questions per user in any `window`.
#[derive(Debug)]
pub struct Cooldowns {
    limit: usize,
    window: Duration,
    asked: HashMap<u64, UserWindow>,
}

#[derive(Debug, Default)]
struct UserWindow {
    times: Vec<Instant>,
    told: bool,
}

impl Cooldowns {
    pub fn new(limit: u32, window: Duration) -> Self {
        Cooldowns {
            limit: usize::try_from(limit.max(1)).unwrap_or(usize::MAX),
            window,
            asked: HashMap::new(),
        }
    }

    /// Records a question from `user` at `now`, if it is allowed.
    pub fn check(&mut self, user: u64, now: Instant) -> Verdict {
        let window = self.window;
        // Forget users who have been quiet for a whole window, so the map does not grow without bound.
        if self.asked.len() > 10_000 {
            self.asked.retain(|_, w| {
                w.times
                    .last()
                    .is_some_and(|t| now.duration_since(*t) < window)
            });
        }
        let entry = self.asked.entry(user).or_default();
        entry.times.retain(|t| now.duration_since(*t) < window);
        if entry.times.len() < self.limit {
            entry.times.push(now);
            entry.told = false;
            return Verdict::Allow;
        }
        let retry_after = window.saturating_sub(now.duration_since(entry.times[0]));
        if entry.told {
            return Verdict::Silent { retry_after };
        }
        entry.told = true;
        Verdict::Wait { retry_after }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn allows_the_limit_then_tells_once_then_stays_silent() {
        let mut c = Cooldowns::new(2, Duration::from_secs(30));
        let t0 = Instant::now();
        assert_eq!(c.check(1, t0), Verdict::Allow);
        assert_eq!(c.check(1, t0 + Duration::from_secs(1)), Verdict::Allow);
        assert_eq!(
            c.check(1, t0 + Duration::from_secs(10)),
            Verdict::Wait {
                retry_after: Duration::from_secs(20),
            }
        );
        assert_eq!(
            c.check(1, t0 + Duration::from_secs(11)),
            Verdict::Silent {
                retry_after: Duration::from_secs(19)
            }
        );
        // Another user is not affected.
        assert_eq!(c.check(2, t0 + Duration::from_secs(11)), Verdict::Allow);
        // Once the window has passed, the user may ask again.
        assert_eq!(c.check(1, t0 + Duration::from_secs(31)), Verdict::Allow);
    }
}
