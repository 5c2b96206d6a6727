//! Announcements an organiser has previewed with `/announce` and not yet confirmed. Pure: the caller
//! passes the time.

use std::collections::HashMap;
use std::time::{Duration, Instant};

use jiff::Timestamp;

use crate::schedule::Ping;

/// How long a preview waits for Confirm.
pub const DRAFT_LIFETIME: Duration = Duration::from_secs(15 * 60);

/// An announcement an organiser has previewed but not yet confirmed.
#[derive(Debug, Clone)]
pub struct Draft {
    /// When the preview was shown; unconfirmed previews expire.
    pub shown: Instant,
    pub author: u64,
    pub author_name: String,
    pub text: String,
    /// `None` posts it at once.
    pub due: Option<Timestamp>,
    pub channel: Option<u64>,
    pub ping: Ping,
}

/// Why a preview's button cannot be acted on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NotYours {
    /// It expired, or was never shown by this process.
    Gone,
    /// Its author already pressed Confirm or Cancel: a second press (or Discord's retry of the first) does
    /// nothing.
    Answered,
    /// Someone other than its author pressed it.
    OtherAuthor,
}

/// The previews waiting for Confirm, by draft number, and those already answered.
#[derive(Debug)]
pub struct Drafts {
    waiting: HashMap<u64, Draft>,
    /// When each answered draft was shown, so that it is forgotten with the rest.
    answered: HashMap<u64, Instant>,
    next: u64,
}

impl Default for Drafts {
    fn default() -> Self {
        Drafts {
            waiting: HashMap::new(),
            answered: HashMap::new(),
            next: 1,
        }
    }
}

impl Drafts {
    /// Keeps a draft and returns its number. Previews nobody confirmed are forgotten here, so the map does
    /// not grow without bound.
    pub fn add(&mut self, draft: Draft, now: Instant) -> u64 {
        self.waiting
            .retain(|_, d| now.duration_since(d.shown) < DRAFT_LIFETIME);
        self.answered
            .retain(|_, shown| now.duration_since(*shown) < DRAFT_LIFETIME);
        let id = self.next;
        self.next += 1;
        self.waiting.insert(id, draft);
        id
    }

    /// Takes draft `id` for an answer from `user`: only its author may answer it, and only once.
    pub fn take(&mut self, id: u64, user: u64, now: Instant) -> Result<Draft, NotYours> {
        match self.waiting.get(&id) {
            Some(d) if now.duration_since(d.shown) >= DRAFT_LIFETIME => {
                self.waiting.remove(&id);
                Err(NotYours::Gone)
            }
            Some(d) if d.author != user => Err(NotYours::OtherAuthor),
            Some(_) => {
                let draft = self.waiting.remove(&id).ok_or(NotYours::Gone)?;
                self.answered.insert(id, draft.shown);
                Ok(draft)
            }
            None if self.answered.contains_key(&id) => Err(NotYours::Answered),
            None => Err(NotYours::Gone),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn draft(shown: Instant) -> Draft {
        Draft {
            shown,
            author: 7,
            author_name: "ada".into(),
            text: "Doors open.".into(),
            due: None,
            channel: None,
            ping: Ping::None,
        }
    }

    #[test]
    fn only_the_author_takes_a_draft_and_only_once_before_it_expires() {
        let t0 = Instant::now();
        let mut drafts = Drafts::default();
        let id = drafts.add(draft(t0), t0);
        assert_eq!(drafts.take(id, 8, t0).err(), Some(NotYours::OtherAuthor));
        assert!(drafts.take(id, 7, t0).is_ok());
        assert_eq!(drafts.take(id, 7, t0).err(), Some(NotYours::Answered));
        let late = drafts.add(draft(t0), t0);
        assert_eq!(
            drafts.take(late, 7, t0 + DRAFT_LIFETIME).err(),
            Some(NotYours::Gone)
        );
    }
}
