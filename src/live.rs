//! The knowledge in use right now: an engine behind an atomic pointer. Answering loads the current engine
//! without a lock; a reload builds a whole new engine and swaps it in, so a question in flight finishes on
//! the engine it started with and the next one sees the new one. Never a half-built or broken one.

use std::sync::Arc;

use arc_swap::ArcSwap;

use crate::engine::Engine;

/// The engine shared by every adapter task.
pub type SharedEngine = Arc<ArcSwap<Engine>>;

pub fn shared(engine: Engine) -> SharedEngine {
    Arc::new(ArcSwap::from_pointee(engine))
}
