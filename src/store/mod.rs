//! The state store: announcements with their audit log, and unanswered questions, in one `SQLite` file.
//!
//! This is an adapter: it persists the pure model of [`crate::schedule`] and [`crate::gaps`] and carries
//! out the scheduler's transitions atomically. The bot's tasks share it as a [`SharedStore`], which runs
//! each use on a blocking thread.
//!
//! The file is opened in WAL mode with `synchronous=FULL`, so that a transition that returned is on disk
//! even if the process is killed or the machine loses power right after: the scheduler's exactly-once
//! guarantee depends on a claim never being forgotten.

mod agenda;
mod announcements;
mod ledger;
mod migrations;
mod mirrored;
mod shared;
pub mod unanswered;
mod votes;

use std::path::{Path, PathBuf};
use std::time::Duration;

use jiff::Timestamp;
use rusqlite::Connection;

use crate::schedule::AnnouncementId;

pub use announcements::{AuditAction, AuditEntry, Inserted, NewAnnouncement, NewsIn};
pub use migrations::SCHEMA_VERSION;
pub use mirrored::GuildLedger;
pub use shared::SharedStore;
pub use votes::Voted;

/// How long a write waits for another connection's write to finish before giving up.
pub const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

/// What went wrong with the state store.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The directory for the database file could not be created.
    #[error("could not create the directory {} for the state database: {source}", path.display())]
    CreateDirectory {
        /// The directory.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// The database could not be opened or configured.
    #[error("could not open the state database at {}: {source}", path.display())]
    Open {
        /// The database file.
        path: PathBuf,
        /// Why.
        source: rusqlite::Error,
    },
    /// The file system did not allow write-ahead logging (some network file systems do not).
    #[error(
        "could not open the state database at {}: it stayed in {mode} journal mode, but usher needs \
         write-ahead logging; put it on a local disk",
        path.display()
    )]
    NoWriteAheadLog {
        /// The database file.
        path: PathBuf,
        /// The journal mode it kept.
        mode: String,
    },
    /// The database was written by a newer Usher, whose schema this one does not know.
    #[error(
        "the state database at {} has schema version {found}, but this usher only knows up to version \
         {known}; use a newer usher or another database",
        path.display()
    )]
    TooNew {
        /// The database file.
        path: PathBuf,
        /// The database's version.
        found: u32,
        /// The newest version this build knows.
        known: u32,
    },
    /// A migration step failed; the database was left at its previous version.
    #[error("could not migrate the state database at {} to schema version {version}: {source}", path.display())]
    Migrate {
        /// The database file.
        path: PathBuf,
        /// The version being migrated to.
        version: u32,
        /// Why.
        source: rusqlite::Error,
    },
    /// A query failed.
    #[error("could not {action}: {source}")]
    Query {
        /// What was being done, as a phrase after "could not", such as "claim announcement 4".
        action: String,
        /// Why.
        source: rusqlite::Error,
    },
    /// No announcement has this id.
    #[error("there is no announcement {0}")]
    NotFound(AnnouncementId),
    /// The announcement is not in a status that allows the operation.
    #[error("announcement {id} is {status}, so it cannot be {verb}")]
    WrongStatus {
        /// Which announcement.
        id: AnnouncementId,
        /// Its status, as [`Status::name`](crate::schedule::Status::name) gives it.
        status: &'static str,
        /// The operation, as a past participle: "cancelled", "edited".
        verb: &'static str,
    },
}

impl StoreError {
    /// A `map_err` adapter for a failed query, with the action described lazily.
    fn query(action: impl FnOnce() -> String) -> impl FnOnce(rusqlite::Error) -> StoreError {
        move |source| StoreError::Query {
            action: action(),
            source,
        }
    }
}

/// The database file inside the configured data directory.
pub const DATABASE_FILE: &str = "usher.sqlite3";

/// The database path for a data directory.
pub fn database_path(data_dir: &Path) -> std::path::PathBuf {
    data_dir.join(DATABASE_FILE)
}

/// The state database.
#[derive(Debug)]
pub struct Store {
    connection: Connection,
}

impl Store {
    /// Opens the database at `path`, creating it and its directory if needed, and migrates it to
    /// [`SCHEMA_VERSION`].
    pub fn open(path: impl AsRef<Path>) -> Result<Store, StoreError> {
        let path = path.as_ref();
        if let Some(directory) = path
            .parent()
            .filter(|parent| !parent.as_os_str().is_empty())
        {
            std::fs::create_dir_all(directory).map_err(|source| StoreError::CreateDirectory {
                path: directory.to_owned(),
                source,
            })?;
        }
        let open_error = |source| StoreError::Open {
            path: path.to_owned(),
            source,
        };
        let connection = Connection::open(path).map_err(open_error)?;
        connection.busy_timeout(BUSY_TIMEOUT).map_err(open_error)?;
        // WAL lets the scheduler write while commands read, and FULL makes each commit durable on its own;
        // WAL's default (NORMAL) could lose the last commits on power loss, and with them a claim.
        let mode: String = connection
            .pragma_update_and_check(None, "journal_mode", "WAL", |row| row.get(0))
            .map_err(open_error)?;
        if !mode.eq_ignore_ascii_case("wal") {
            return Err(StoreError::NoWriteAheadLog {
                path: path.to_owned(),
                mode,
            });
        }
        Store::configure(connection, path)
    }

    /// Opens an existing database for reading only: nothing is created, migrated or written, so a listing
    /// works on a database this user may not write (a copy, a read-only mount) and never changes it.
    ///
    /// A database from an older Usher lacks tables that reading expects, so it is opened with [`open`]
    /// instead, which upgrades it (and needs to write, once).
    ///
    /// [`open`]: Store::open
    pub fn open_read_only(path: impl AsRef<Path>) -> Result<Store, StoreError> {
        use rusqlite::OpenFlags;

        let path = path.as_ref();
        let open_error = |source| StoreError::Open {
            path: path.to_owned(),
            source,
        };
        let connection = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .map_err(open_error)?;
        connection.busy_timeout(BUSY_TIMEOUT).map_err(open_error)?;
        let found: u32 = connection
            .pragma_query_value(None, "user_version", |row| row.get(0))
            .map_err(open_error)?;
        match found.cmp(&SCHEMA_VERSION) {
            std::cmp::Ordering::Equal => Ok(Store { connection }),
            std::cmp::Ordering::Less => {
                drop(connection);
                Store::open(path)
            }
            std::cmp::Ordering::Greater => Err(StoreError::TooNew {
                path: path.to_owned(),
                found,
                known: SCHEMA_VERSION,
            }),
        }
    }

    /// Opens a private database in memory, for tests.
    pub fn open_in_memory() -> Result<Store, StoreError> {
        let path = Path::new(":memory:");
        let connection = Connection::open_in_memory().map_err(|source| StoreError::Open {
            path: path.to_owned(),
            source,
        })?;
        Store::configure(connection, path)
    }

    /// Settings common to files and memory, then migrations.
    fn configure(mut connection: Connection, path: &Path) -> Result<Store, StoreError> {
        let open_error = |source| StoreError::Open {
            path: path.to_owned(),
            source,
        };
        connection
            .pragma_update(None, "synchronous", "FULL")
            .map_err(open_error)?;
        connection
            .pragma_update(None, "foreign_keys", "ON")
            .map_err(open_error)?;
        migrations::migrate(&mut connection, path)?;
        Ok(Store { connection })
    }

    /// The schema version of the open database.
    pub fn schema_version(&self) -> Result<u32, StoreError> {
        self.connection
            .pragma_query_value(None, "user_version", |row| row.get(0))
            .map_err(StoreError::query(|| "read the schema version".to_owned()))
    }
}

/// A timestamp as stored: whole unix seconds. Sub-second parts are dropped, which no announcement needs.
fn seconds(at: Timestamp) -> i64 {
    at.as_second()
}

/// The inverse of [`seconds`], as a column conversion so that a bad value names its column.
fn timestamp(column: usize, seconds: i64) -> rusqlite::Result<Timestamp> {
    Timestamp::from_second(seconds).map_err(|error| {
        rusqlite::Error::FromSqlConversionFailure(
            column,
            rusqlite::types::Type::Integer,
            Box::new(error),
        )
    })
}

/// A Discord id as stored: its 64 bits as a signed integer, so that every id round-trips exactly.
fn snowflake(id: u64) -> i64 {
    i64::from_ne_bytes(id.to_ne_bytes())
}

/// The inverse of [`snowflake`].
fn from_snowflake(stored: i64) -> u64 {
    u64::from_ne_bytes(stored.to_ne_bytes())
}

#[cfg(test)]
mod tests;
