//! The store shared by a running bot's tasks, and how they reach it without stalling the async runtime.

use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

use super::{Store, StoreError};

/// One store behind a lock, cheap to clone. Each use holds the lock for one short statement or transaction.
///
/// A task that panicked while holding the lock poisons it. The store is still consistent, because every
/// write is one transaction that either committed or did not, so every user carries on with it: that is
/// the one policy for a poisoned lock, and [`SharedStore::lock`] is the only way in.
#[derive(Debug, Clone)]
pub struct SharedStore(Arc<Mutex<Store>>);

impl SharedStore {
    pub fn new(store: Store) -> SharedStore {
        SharedStore(Arc::new(Mutex::new(store)))
    }

    /// The store itself, waiting for the lock. `SQLite` syncs each commit to disk, so this blocks: call it
    /// from a blocking thread (as [`SharedStore::run`] does), from the command line, or in tests.
    pub fn lock(&self) -> MutexGuard<'_, Store> {
        self.0.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Runs `f` on the store on a blocking thread, so that `SQLite` work never stalls an async worker.
    pub async fn run<T: Send + 'static>(
        &self,
        f: impl FnOnce(&mut Store) -> Result<T, StoreError> + Send + 'static,
    ) -> Result<T, StoreError> {
        let store = self.clone();
        tokio::task::spawn_blocking(move || f(&mut store.lock()))
            .await
            .unwrap_or_else(|err| std::panic::resume_unwind(err.into_panic()))
    }
}
