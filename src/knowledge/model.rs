//! The checked knowledge: every reference resolved, every time placed in its time zone.
//!
//! The event is a field of its own, since there is always exactly one. Every kind's entries are read with
//! [`Knowledge::all`], or with the accessor its module defines beside it (`venues()` in `kinds/venue.rs`).

use super::kind::{ByKind, Kind};
use super::kinds::event::Event;

/// Everything Usher knows about one event, validated. Built by [`super::load`].
#[derive(Debug)]
pub struct Knowledge {
    pub event: Event,
    entries: ByKind,
    /// A hash of every file's path and contents: the knowledge version shown to maintainers.
    pub fingerprint: String,
}

impl Knowledge {
    pub(crate) fn new(event: Event, entries: ByKind, fingerprint: String) -> Knowledge {
        Knowledge {
            event,
            entries,
            fingerprint,
        }
    }

    /// Every entry of kind `K`, in file order.
    pub fn all<K: Kind>(&self) -> &[K] {
        self.entries.get::<K>()
    }
}
