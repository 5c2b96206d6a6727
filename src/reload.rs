//! Live reload: the knowledge directory is watched, and a change builds a whole new engine that is swapped
//! in atomically. This is an adapter (it uses tokio and notify); the core it drives is
//! [`Engine::load`].
//!
//! The guarantees, in the order a maintainer meets them:
//!
//! - Questions never wait: answering loads the current engine from the [`SharedEngine`] without a lock, so a
//!   question in flight finishes on the engine it started with and the next one sees the new engine.
//! - Knowledge that fails to load never goes live: the engine that was live stays live, and the failure
//!   (every error as `path:line:col: message`) is logged and sent to [`Reloader::failures`] subscribers once
//!   per distinct failure, so a maintainers' channel is not flooded by an editor that saves every second.
//! - One editor save is one reload: file events are debounced by [`DEBOUNCE`], and a change is live well
//!   within a second of the write.
//!
//! ```no_run
//! # async fn run(engine: usher::live::SharedEngine) -> Result<(), usher::reload::WatchError> {
//! use std::sync::Arc;
//! use usher::clock::SystemClock;
//! use usher::reload::Reloader;
//!
//! let clock = Arc::new(SystemClock);
//! let reloader = Arc::new(Reloader::new(engine, "knowledge".into(), Default::default(), clock));
//! let _watcher = reloader.watch()?; // reloads on every change until dropped
//! println!("{}", reloader.reload_now().await); // or reload at once, as `/reload` and SIGHUP do
//! # Ok(())
//! # }
//! ```

use std::collections::{BTreeMap, hash_map::DefaultHasher};
use std::fmt;
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::{Duration, Instant};

use jiff::Timestamp;
use notify::event::{AccessKind, AccessMode};
use notify::{Event, EventKind, RecommendedWatcher, RecursiveMode, Watcher as _};
use tokio::sync::{broadcast, mpsc};
use tokio::task::JoinHandle;
use tracing::{debug, info, warn};

use crate::clock::Clock;
use crate::engine::{Built, Engine, Thresholds};
use crate::knowledge::{self, Diagnostic, LoadError, ReadError, Severity};
use crate::live::SharedEngine;

/// How long the files must be quiet before a reload: long enough that an editor's save (write, rename,
/// attribute change) is one reload, short enough that a change is live well within a second.
pub const DEBOUNCE: Duration = Duration::from_millis(250);

/// How many failures a slow subscriber may fall behind by before it misses some.
const FAILURE_BACKLOG: usize = 16;

/// Knowledge that did not load: its errors, each at its place in a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failure {
    /// When the reload was tried.
    pub at: Timestamp,
    /// The errors, in file order. A directory or file that could not be read at all is one error with no
    /// line (it displays as `path: message`).
    pub errors: Vec<Diagnostic>,
}

impl Failure {
    fn from_load_error(err: LoadError, dir: &Path, at: Timestamp) -> Failure {
        let errors = match err {
            LoadError::Invalid(problems) => {
                problems.into_iter().filter(Diagnostic::is_error).collect()
            }
            LoadError::Read(read) => vec![unreadable(read, dir)],
        };
        Failure { at, errors }
    }
}

/// A problem reading the directory, as a diagnostic without a line.
fn unreadable(err: ReadError, dir: &Path) -> Diagnostic {
    let (path, message) = match err {
        ReadError::Missing(path) => (path, "the knowledge directory does not exist".to_string()),
        ReadError::NotADirectory(path) => {
            (path, "the knowledge path is not a directory".to_string())
        }
        ReadError::Io { path, source } => (path, format!("could not be read: {source}")),
    };
    Diagnostic {
        path: if path.as_os_str().is_empty() {
            dir.to_path_buf()
        } else {
            path
        },
        line: 0,
        col: 0,
        severity: Severity::Error,
        message,
    }
}

impl fmt::Display for Failure {
    /// One error per line, as `path:line:col: message`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, error) in self.errors.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{error}")?;
        }
        Ok(())
    }
}

/// What a reload changed, by topic key (such as `faq.wifi` or `session.opening`), each list sorted.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Changes {
    pub added: Vec<String>,
    /// Topics whose text, matching fields or answer differ.
    pub changed: Vec<String>,
    pub removed: Vec<String>,
}

impl Changes {
    /// The differences between two engines' topics. A topic is identified by its key and compared by a
    /// hash of what it is matched by and what it answers, so moving an entry within its file is no change
    /// but editing a word of its answer is.
    pub fn between(old: &Engine, new: &Engine, now: Timestamp) -> Changes {
        let old = topic_hashes(old, now);
        let new = topic_hashes(new, now);
        let mut changes = Changes::default();
        for (key, hash) in &new {
            match old.get(key) {
                None => changes.added.push(key.clone()),
                Some(before) if before != hash => changes.changed.push(key.clone()),
                Some(_) => {}
            }
        }
        changes.removed = old
            .keys()
            .filter(|key| !new.contains_key(*key))
            .cloned()
            .collect();
        changes
    }

    pub fn is_empty(&self) -> bool {
        self.added.is_empty() && self.changed.is_empty() && self.removed.is_empty()
    }
}

impl fmt::Display for Changes {
    /// "2 added (faq.wifi, faq.lunch), 1 changed (session.opening), 0 removed".
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let parts = [
            ("added", &self.added),
            ("changed", &self.changed),
            ("removed", &self.removed),
        ];
        for (i, (verb, keys)) in parts.iter().enumerate() {
            if i > 0 {
                write!(f, ", ")?;
            }
            write!(f, "{} {verb}", keys.len())?;
            if !keys.is_empty() {
                write!(f, " ({})", keys.join(", "))?;
            }
        }
        Ok(())
    }
}

/// Each topic's key with a hash of its label, matching fields, intents and rendered answer. Both engines
/// are rendered as of the same `now`, so relative times ("in 3 days") never count as a change.
fn topic_hashes(engine: &Engine, now: Timestamp) -> BTreeMap<String, u64> {
    engine
        .topics()
        .iter()
        .map(|topic| {
            let mut hasher = DefaultHasher::new();
            // Debug output covers every field of these types, floats included, without requiring them to
            // implement Hash; the origin is left out on purpose (see `Changes::between`).
            format!("{:?}{:?}{:?}", topic.label, topic.fields, topic.intents).hash(&mut hasher);
            if let Some(answer) = engine.answer_topic(&topic.key, now, None) {
                format!(
                    "{:?}{:?}{:?}{:?}",
                    answer.title, answer.text, answer.times, answer.place
                )
                .hash(&mut hasher);
            }
            (topic.key.clone(), hasher.finish())
        })
        .collect()
}

/// The changes to the knowledge files a watcher has seen, counted as they happen, before they are
/// debounced.
#[derive(Debug, Default, Clone, Copy)]
struct Seen {
    count: u64,
    last: Option<Instant>,
}

fn seen(changes: &Mutex<Seen>) -> Seen {
    // Two plain values, each written in one statement: a panic cannot leave them half-updated.
    *changes.lock().unwrap_or_else(PoisonError::into_inner)
}

/// What one load of the directory found, before it is applied.
enum Loaded {
    /// The files hold the knowledge that is live.
    Same,
    /// New knowledge, and how it differs from the live one.
    New(Box<Built>, Changes),
    /// The files kept changing while they were read.
    Unsettled,
}

/// The result of one reload.
#[derive(Debug, Clone)]
pub enum ReloadOutcome {
    /// The new knowledge is live.
    Swapped {
        version: String,
        changes: Changes,
        warnings: Vec<Diagnostic>,
    },
    /// The files hold exactly the knowledge that is live already; nothing was swapped.
    Unchanged { version: String },
    /// The files kept changing while they were read (a save in progress), so the knowledge of `version`
    /// stays live; the save's own file events bring the next reload.
    Unsettled { version: String },
    /// The files did not load; the knowledge of `version` stays live.
    Kept {
        version: String,
        failure: Arc<Failure>,
    },
}

impl ReloadOutcome {
    /// Whether the knowledge that is live now came from the files as they are.
    pub fn is_ok(&self) -> bool {
        !matches!(
            self,
            ReloadOutcome::Kept { .. } | ReloadOutcome::Unsettled { .. }
        )
    }
}

impl fmt::Display for ReloadOutcome {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ReloadOutcome::Swapped {
                version,
                changes,
                warnings,
            } => {
                write!(f, "reloaded: version {version} is live; {changes}")?;
                for warning in warnings {
                    write!(f, "\n{warning}")?;
                }
                Ok(())
            }
            ReloadOutcome::Unchanged { version } => {
                write!(f, "no change: version {version} is live")
            }
            ReloadOutcome::Unsettled { version } => write!(
                f,
                "the files kept changing while they were read, so version {version} stays live"
            ),
            ReloadOutcome::Kept { version, failure } => write!(
                f,
                "the knowledge did not load, so version {version} stays live:\n{failure}"
            ),
        }
    }
}

/// What `/status` shows about the knowledge.
#[derive(Debug, Clone)]
pub struct Status {
    /// The live knowledge's version (a hash of its files).
    pub version: String,
    /// When the live knowledge was loaded.
    pub loaded_at: Timestamp,
    /// The last failure, if the last reload failed; a successful reload clears it.
    pub last_error: Option<Arc<Failure>>,
}

/// Why the directory could not be watched.
#[derive(Debug, thiserror::Error)]
#[error("could not watch {} for changes: {source}", path.display())]
pub struct WatchError {
    path: PathBuf,
    source: notify::Error,
}

#[derive(Debug)]
struct State {
    loaded_at: Timestamp,
    last_error: Option<Arc<Failure>>,
    /// The text of the last failure sent to subscribers, so the same failure is sent once. A successful
    /// reload clears it: the same mistake made again after a fix is news again.
    reported: Option<String>,
}

/// Reloads the knowledge in a directory into a [`SharedEngine`].
pub struct Reloader {
    engine: SharedEngine,
    dir: PathBuf,
    thresholds: Thresholds,
    /// When a reload happened and what "now" the changes it reports are rendered at.
    clock: Arc<dyn Clock>,
    state: Mutex<State>,
    /// Held for a whole reload, so two reloads (a file event and `/reload`) cannot swap in the opposite
    /// order to the one they loaded in. Answering never takes it.
    serial: tokio::sync::Mutex<()>,
    failures: broadcast::Sender<Arc<Failure>>,
    /// The changes to the files the watcher has seen, as they happen.
    changes_seen: Arc<Mutex<Seen>>,
}

impl fmt::Debug for Reloader {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Reloader")
            .field("dir", &self.dir)
            .field("thresholds", &self.thresholds)
            .field("state", &self.state)
            .finish_non_exhaustive()
    }
}

impl Reloader {
    /// A reloader for `engine`, which was loaded from `dir` just now, as `clock` tells the time.
    pub fn new(
        engine: SharedEngine,
        dir: PathBuf,
        thresholds: Thresholds,
        clock: Arc<dyn Clock>,
    ) -> Reloader {
        let (failures, _) = broadcast::channel(FAILURE_BACKLOG);
        Reloader {
            engine,
            dir,
            thresholds,
            state: Mutex::new(State {
                loaded_at: clock.now(),
                last_error: None,
                reported: None,
            }),
            serial: tokio::sync::Mutex::new(()),
            failures,
            changes_seen: Arc::default(),
            clock,
        }
    }

    pub fn engine(&self) -> &SharedEngine {
        &self.engine
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// New failures, each once: see [`Reloader`]'s deduplication. Only failures after the call are seen.
    pub fn failures(&self) -> broadcast::Receiver<Arc<Failure>> {
        self.failures.subscribe()
    }

    pub fn status(&self) -> Status {
        let state = self.state();
        Status {
            version: self.engine.load().knowledge().fingerprint.clone(),
            loaded_at: state.loaded_at,
            last_error: state.last_error.clone(),
        }
    }

    fn state(&self) -> MutexGuard<'_, State> {
        // The state is a few plain values, each written in one statement; a panic elsewhere cannot leave
        // it half-updated.
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Loads and validates the directory now, off the async threads, and swaps the result in if it is
    /// valid and differs from what is live.
    pub async fn reload_now(&self) -> ReloadOutcome {
        let _serial = self.serial.lock().await;
        let old = self.engine.load_full();
        let dir = self.dir.clone();
        let thresholds = self.thresholds;
        let clock = Arc::clone(&self.clock);
        let changes_seen = Arc::clone(&self.changes_seen);
        let before = seen(&changes_seen);
        // A save truncates a file before it writes it, and a load that reads between the two finds an empty
        // file, which may be valid knowledge with nothing in it. So the files must have been quiet for
        // [`DEBOUNCE`] before the load and stay so while it runs, and must still hold what it loaded;
        // otherwise the load is thrown away, and the save's own events bring the next reload.
        if before.last.is_some_and(|at| at.elapsed() < DEBOUNCE) {
            return self.apply(Ok(Loaded::Unsettled));
        }
        let loaded = tokio::task::spawn_blocking(move || {
            let now = clock.now();
            let loaded = Engine::load(&dir, thresholds);
            let overtaken = seen(&changes_seen).count != before.count
                || loaded.as_ref().is_ok_and(|built| {
                    knowledge::version_on_disk(&dir).as_ref()
                        != Some(&built.engine.knowledge().fingerprint)
                });
            if overtaken {
                return Ok(Loaded::Unsettled);
            }
            let built = loaded.map_err(|err| Failure::from_load_error(err, &dir, now))?;
            if built.engine.knowledge().fingerprint == old.knowledge().fingerprint {
                return Ok(Loaded::Same);
            }
            let changes = Changes::between(&old, &built.engine, now);
            Ok(Loaded::New(Box::new(built), changes))
        })
        .await
        .unwrap_or_else(|panic| {
            // A panic while loading is a bug, but the live knowledge must outlive it all the same.
            Err(Failure {
                at: self.clock.now(),
                errors: vec![Diagnostic {
                    path: self.dir.clone(),
                    line: 0,
                    col: 0,
                    severity: Severity::Error,
                    message: format!("loading failed unexpectedly: {panic}"),
                }],
            })
        });
        self.apply(loaded)
    }

    fn apply(&self, loaded: Result<Loaded, Failure>) -> ReloadOutcome {
        let mut state = self.state();
        match loaded {
            Ok(Loaded::Same) => {
                state.last_error = None;
                state.reported = None;
                let version = self.engine.load().knowledge().fingerprint.clone();
                debug!(%version, "reload found no change");
                ReloadOutcome::Unchanged { version }
            }
            Ok(Loaded::Unsettled) => {
                let version = self.engine.load().knowledge().fingerprint.clone();
                debug!(%version, "the knowledge kept changing while it was read; the live version stays");
                ReloadOutcome::Unsettled { version }
            }
            Ok(Loaded::New(built, changes)) => {
                let version = built.engine.knowledge().fingerprint.clone();
                self.engine.store(Arc::new(built.engine));
                state.loaded_at = self.clock.now();
                state.last_error = None;
                state.reported = None;
                info!(%version, "knowledge reloaded: {changes}");
                for warning in &built.warnings {
                    warn!("{warning}");
                }
                ReloadOutcome::Swapped {
                    version,
                    changes,
                    warnings: built.warnings,
                }
            }
            Err(failure) => {
                let failure = Arc::new(failure);
                let version = self.engine.load().knowledge().fingerprint.clone();
                let text = failure.to_string();
                if state.reported.as_deref() == Some(text.as_str()) {
                    debug!(%version, "reload failed again with the same errors");
                } else {
                    warn!(%version, "the knowledge did not load; the live version stays");
                    for error in &failure.errors {
                        warn!("{error}");
                    }
                    state.reported = Some(text);
                    // No subscriber is not an error: the failure is logged either way.
                    let _ = self.failures.send(Arc::clone(&failure));
                }
                state.last_error = Some(Arc::clone(&failure));
                ReloadOutcome::Kept { version, failure }
            }
        }
    }

    /// Watches the directory and reloads on every change until the returned [`Watcher`] is dropped. Must
    /// be called within a tokio runtime.
    ///
    /// The directory's parent is watched too, so that a directory deleted and made again is seen and
    /// watched again; editors that save by writing a temporary file and renaming it over the old one
    /// produce a rename event in the directory, which counts like any other change.
    ///
    /// Each change is counted the moment it is seen, before it is debounced, so that a reload (by the
    /// watcher, `/reload` or SIGHUP) that a change overtook is not swapped in.
    pub fn watch(self: &Arc<Self>) -> Result<Watcher, WatchError> {
        let dir = std::path::absolute(&self.dir).unwrap_or_else(|_| self.dir.clone());
        let (events_tx, events) = mpsc::unbounded_channel();
        let watch_error = |path: &Path| {
            let path = path.to_path_buf();
            move |source| WatchError { path, source }
        };
        let changes_seen = Arc::clone(&self.changes_seen);
        let seen_dir = dir.clone();
        let mut watcher = notify::recommended_watcher(move |event: notify::Result<Event>| {
            if concerns(&event, &seen_dir) {
                {
                    let mut seen = changes_seen.lock().unwrap_or_else(PoisonError::into_inner);
                    seen.count += 1;
                    seen.last = Some(Instant::now());
                }
                // The receiver is gone only once the watcher stopped.
                let _ = events_tx.send(());
            }
        })
        .map_err(watch_error(&dir))?;
        if let Some(parent) = dir.parent().filter(|p| p.exists()) {
            watcher
                .watch(parent, RecursiveMode::NonRecursive)
                .map_err(watch_error(parent))?;
        }
        watcher
            .watch(&dir, RecursiveMode::Recursive)
            .map_err(watch_error(&dir))?;
        info!(dir = %dir.display(), "watching the knowledge for changes");
        let task = tokio::spawn(watch_loop(
            Arc::clone(self),
            dir,
            Arc::new(Mutex::new(watcher)),
            events,
        ));
        Ok(Watcher { task })
    }
}

/// Reloads on every SIGHUP, the Unix way of telling a server to read its files again, until the returned
/// task is aborted. Must be called within a tokio runtime; the handler is in place when this returns, so a
/// SIGHUP no longer ends the process.
#[cfg(unix)]
pub fn reload_on_hangup(reloader: Arc<Reloader>) -> std::io::Result<JoinHandle<()>> {
    use tokio::signal::unix::{SignalKind, signal};
    let mut hangups = signal(SignalKind::hangup())?;
    Ok(tokio::spawn(async move {
        while hangups.recv().await.is_some() {
            info!("SIGHUP: reloading the knowledge");
            reloader.reload_now().await;
        }
    }))
}

/// A running watch; dropping it stops watching.
#[derive(Debug)]
pub struct Watcher {
    task: JoinHandle<()>,
}

impl Drop for Watcher {
    fn drop(&mut self) {
        // The task owns the file watcher, whose drop stops its thread.
        self.task.abort();
    }
}

/// Waits for changes, and reloads once the directory has been quiet for [`DEBOUNCE`].
async fn watch_loop(
    reloader: Arc<Reloader>,
    dir: PathBuf,
    watcher: Arc<Mutex<RecommendedWatcher>>,
    mut changes: mpsc::UnboundedReceiver<()>,
) {
    let mut pending = false;
    loop {
        if !pending && changes.recv().await.is_none() {
            return;
        }
        // A save is several events (truncate, write, close, rename): the reload waits for the last one.
        loop {
            match tokio::time::timeout(DEBOUNCE, changes.recv()).await {
                Ok(Some(())) => {}
                Ok(None) => return,
                Err(_quiet) => break,
            }
        }
        let rewatch = {
            let watcher = Arc::clone(&watcher);
            let dir = dir.clone();
            tokio::task::spawn_blocking(move || rewatch(&watcher, &dir))
        };
        let _ = rewatch.await;
        // The outcome is logged by the reload itself, and failures go to subscribers. A reload that a
        // change overtook is not swapped in, and is tried again once the files are quiet.
        pending = matches!(reloader.reload_now().await, ReloadOutcome::Unsettled { .. });
    }
}

/// Watches the directory again if it exists: a directory that was deleted lost its watch, and one made
/// again in its place has none yet. Watching a path that is watched already only refreshes its watch.
fn rewatch(watcher: &Mutex<RecommendedWatcher>, dir: &Path) {
    if !dir.is_dir() {
        return;
    }
    let mut watcher = watcher.lock().unwrap_or_else(PoisonError::into_inner);
    if let Err(err) = watcher.watch(dir, RecursiveMode::Recursive) {
        warn!(dir = %dir.display(), "could not watch the knowledge directory again: {err}");
    }
}

/// Whether a file event may change the knowledge in `dir`.
fn concerns(event: &notify::Result<Event>, dir: &Path) -> bool {
    let event = match event {
        Ok(event) => event,
        Err(err) => {
            // An error may mean events were lost (an overflowing queue), so reloading is the safe answer.
            warn!("watching the knowledge: {err}");
            return true;
        }
    };
    let writes = match event.kind {
        // Opening and reading a file changes nothing, and reloading opens every file: counting those
        // would reload forever. Closing a file written to does count.
        EventKind::Access(kind) => kind == AccessKind::Close(AccessMode::Write),
        _ => true,
    };
    writes && event.paths.iter().any(|path| path_concerns(path, dir))
}

/// Paths in the directory that could be knowledge: the directory itself, `*.toml` files and anything
/// without an extension (a subdirectory). Editors' hidden swap files and `~` backups are not.
fn path_concerns(path: &Path, dir: &Path) -> bool {
    let Ok(inside) = path.strip_prefix(dir) else {
        return false;
    };
    let hidden = inside
        .components()
        .any(|c| c.as_os_str().to_string_lossy().starts_with('.'));
    let kind_ok = path == dir
        || path
            .extension()
            .is_none_or(|ext| ext.eq_ignore_ascii_case("toml"));
    !hidden && kind_ok
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_knowledge_paths_in_the_directory_concern_it() {
        let dir = Path::new("/srv/usher/knowledge");
        assert!(path_concerns(dir, dir));
        assert!(path_concerns(&dir.join("faq.toml"), dir));
        assert!(path_concerns(&dir.join("sub/faq.TOML"), dir));
        assert!(path_concerns(&dir.join("sub"), dir));
        assert!(!path_concerns(&dir.join(".faq.toml.swp"), dir));
        assert!(!path_concerns(&dir.join("faq.toml~"), dir));
        assert!(!path_concerns(&dir.join(".git/HEAD"), dir));
        assert!(!path_concerns(Path::new("/srv/usher/README.md"), dir));
        assert!(!path_concerns(
            Path::new("/srv/usher/knowledge-old/faq.toml"),
            dir
        ));
    }

    #[test]
    fn changes_read_as_counts_with_keys() {
        let changes = Changes {
            added: vec!["faq.wifi".into(), "faq.lunch".into()],
            changed: vec!["session.opening".into()],
            removed: vec![],
        };
        assert_eq!(
            changes.to_string(),
            "2 added (faq.wifi, faq.lunch), 1 changed (session.opening), 0 removed"
        );
    }

    #[test]
    fn a_failure_lists_every_error_with_its_place() {
        let failure = Failure {
            at: Timestamp::UNIX_EPOCH,
            errors: vec![
                Diagnostic {
                    path: "knowledge/faq.toml".into(),
                    line: 3,
                    col: 19,
                    severity: Severity::Error,
                    message: "expected `=`".into(),
                },
                unreadable(
                    ReadError::Missing("knowledge".into()),
                    Path::new("knowledge"),
                ),
            ],
        };
        assert_eq!(
            failure.to_string(),
            "knowledge/faq.toml:3:19: expected `=`\nknowledge: the knowledge directory does not exist"
        );
    }
}
