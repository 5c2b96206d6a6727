//! The one policy for a poisoned lock, for the bot's own shared values.

use std::sync::{Mutex, MutexGuard, PoisonError};

/// Locks one of the bot's shared values. A panic while one was held leaves it consistent (each is
/// changed by one insert or assignment at a time), so every user carries on with it: the same policy as
/// the store's ([`crate::store::SharedStore::lock`]).
pub fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}
