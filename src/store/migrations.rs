//! The database schema, as a list of versioned migration steps.
//!
//! `PRAGMA user_version` records how many steps a database has had. Opening it applies the missing ones in
//! one transaction, so a database is never left half-migrated. Steps are never edited once released; a
//! change to the schema is a new step at the end.

use std::path::Path;

use rusqlite::{Connection, Transaction, TransactionBehavior};

use super::StoreError;

/// The migration steps; step `n` (from 1) takes a database from version `n - 1` to `n`.
pub(super) const MIGRATIONS: &[&str] = &[
    // 1: announcements and their audit log. Times are unix seconds (UTC); Discord ids are their 64 bits
    // stored as a signed integer, which is exact for every id Discord will issue before 2084.
    "
    CREATE TABLE announcements (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        key TEXT NOT NULL UNIQUE,
        text TEXT NOT NULL,
        channel_id INTEGER,
        ping TEXT NOT NULL CHECK (ping IN ('none', 'role', 'everyone')),
        ping_role_id INTEGER,
        due_at INTEGER NOT NULL,
        created_by TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        source TEXT NOT NULL CHECK (source IN ('manual', 'knowledge', 'reminder')),
        status TEXT NOT NULL
            CHECK (status IN ('scheduled', 'posting', 'posted', 'missed', 'cancelled')),
        attempt INTEGER,
        claimed_at INTEGER,
        message_id INTEGER,
        posted_at INTEGER,
        missed_at INTEGER,
        cancelled_by TEXT,
        cancelled_at INTEGER
    );
    CREATE INDEX announcements_by_status_and_due_time ON announcements (status, due_at);
    CREATE TABLE announcement_audit (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        announcement_id INTEGER NOT NULL REFERENCES announcements (id),
        at INTEGER NOT NULL,
        actor TEXT NOT NULL,
        action TEXT NOT NULL,
        detail TEXT
    );
    CREATE INDEX announcement_audit_by_announcement ON announcement_audit (announcement_id, seq);
    ",
    // 2: questions the bot could not answer, kept without user ids so that organisers see the gaps in the
    // knowledge files but not who asked.
    "
    CREATE TABLE unanswered_questions (
        id INTEGER PRIMARY KEY,
        text TEXT NOT NULL,
        asked_at INTEGER NOT NULL,
        channel TEXT,
        best_topic TEXT,
        score REAL NOT NULL
    );
    CREATE INDEX unanswered_questions_by_time ON unanswered_questions (asked_at);
    ",
    // 3: what a claim targets (the channel and the marker its message carries), why an announcement was
    // missed, and when organisers were told. Announcements missed before this step were reported in the
    // log only, which counts as told.
    "
    ALTER TABLE announcements ADD COLUMN target_channel INTEGER;
    ALTER TABLE announcements ADD COLUMN marker TEXT;
    ALTER TABLE announcements ADD COLUMN missed_reason TEXT;
    ALTER TABLE announcements ADD COLUMN reported_at INTEGER;
    UPDATE announcements SET reported_at = missed_at WHERE status = 'missed';
    ",
    // 4: when the telling of organisers about a missed announcement was begun, so that a telling that may
    // have arrived is looked for before organisers are told again.
    "
    ALTER TABLE announcements ADD COLUMN report_claimed_at INTEGER;
    ",
    // 5: which Discord scheduled event mirrors which part of the programme, per guild, so that a restart
    // updates the events it made instead of making them again.
    "
    CREATE TABLE mirrored_events (
        guild_id INTEGER NOT NULL,
        key TEXT NOT NULL,
        discord_id INTEGER NOT NULL,
        fingerprint TEXT NOT NULL,
        start_at INTEGER NOT NULL,
        end_at INTEGER NOT NULL,
        PRIMARY KEY (guild_id, key)
    );
    ",
    // 6: participants' agendas and direct-message reminders, the programme last announced (so that a
    // restart does not announce the same changes again), and votes on answers. A participant is kept as
    // their Discord user id only, and only while they have something on their agenda; a vote keeps no user
    // id at all, only a keyed hash that cannot be linked across answers.
    "
    ALTER TABLE announcements ADD COLUMN recipient INTEGER;
    CREATE INDEX announcements_by_recipient ON announcements (recipient) WHERE recipient IS NOT NULL;
    CREATE TABLE agenda (
        user_id INTEGER NOT NULL,
        session_id TEXT NOT NULL,
        added_at INTEGER NOT NULL,
        PRIMARY KEY (user_id, session_id)
    );
    CREATE TABLE direct_message_refusals (
        user_id INTEGER PRIMARY KEY,
        refused_at INTEGER NOT NULL,
        told_at INTEGER
    );
    CREATE TABLE programme_announced (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        sessions TEXT NOT NULL
    );
    CREATE TABLE installation_secret (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        secret BLOB NOT NULL
    );
    CREATE TABLE answer_votes (
        message_id INTEGER NOT NULL,
        topic TEXT NOT NULL,
        voter BLOB NOT NULL,
        up INTEGER NOT NULL CHECK (up IN (0, 1)),
        at INTEGER NOT NULL,
        PRIMARY KEY (message_id, voter)
    );
    CREATE INDEX answer_votes_by_time ON answer_votes (at);
    ",
];

/// The schema version this build creates and understands: the number of migration steps.
pub const SCHEMA_VERSION: u32 = 6;

/// Brings the database up to [`SCHEMA_VERSION`], or refuses one that is newer.
pub(super) fn migrate(connection: &mut Connection, path: &Path) -> Result<(), StoreError> {
    let migrate_error = |version: u32| {
        let path = path.to_owned();
        move |source| StoreError::Migrate {
            path,
            version,
            source,
        }
    };
    // An immediate transaction takes the write lock before reading the version, so that two processes
    // opening a new database at once do not both run the same steps.
    let transaction = Transaction::new(connection, TransactionBehavior::Immediate)
        .map_err(migrate_error(SCHEMA_VERSION))?;
    let found: u32 = transaction
        .pragma_query_value(None, "user_version", |row| row.get(0))
        .map_err(migrate_error(SCHEMA_VERSION))?;
    if found > SCHEMA_VERSION {
        return Err(StoreError::TooNew {
            path: path.to_owned(),
            found,
            known: SCHEMA_VERSION,
        });
    }
    for (version, step) in (1..).zip(MIGRATIONS).skip(found as usize) {
        transaction
            .execute_batch(step)
            .map_err(migrate_error(version))?;
    }
    transaction
        .pragma_update(None, "user_version", SCHEMA_VERSION)
        .map_err(migrate_error(SCHEMA_VERSION))?;
    transaction.commit().map_err(migrate_error(SCHEMA_VERSION))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::gaps::UnansweredQuestion;
    use crate::schedule::AnnouncementId;
    use crate::store::Store;

    #[test]
    fn the_version_is_the_number_of_steps() {
        assert_eq!(SCHEMA_VERSION as usize, MIGRATIONS.len());
    }

    #[test]
    fn a_new_database_gets_the_current_version() {
        let directory = tempfile::tempdir().unwrap();
        let store = Store::open(directory.path().join("usher.sqlite3")).unwrap();
        assert_eq!(store.schema_version().unwrap(), SCHEMA_VERSION);
    }

    /// A database as the first release left it: only step 1, with one announcement in it.
    fn version_one_database(path: &Path) {
        let connection = Connection::open(path).unwrap();
        connection.execute_batch(MIGRATIONS[0]).unwrap();
        connection
            .execute(
                "INSERT INTO announcements (key, text, ping, due_at, created_by, created_at, source, status)
                 VALUES ('manual:1:0', 'doors open', 'none', 1750000000, 'alice', 1749990000, 'manual', 'scheduled')",
                [],
            )
            .unwrap();
        connection.pragma_update(None, "user_version", 1).unwrap();
    }

    #[test]
    fn an_old_database_is_migrated_and_keeps_its_data() {
        let directory = tempfile::tempdir().unwrap();
        let path = directory.path().join("usher.sqlite3");
        version_one_database(&path);

        let mut store = Store::open(&path).unwrap();
        assert_eq!(store.schema_version().unwrap(), SCHEMA_VERSION);
        let kept = store.get(AnnouncementId(1)).unwrap().unwrap();
        assert_eq!(kept.text, "doors open");
        assert_eq!(kept.created_by, "alice");
        // The table that step 2 adds works.
        let question = UnansweredQuestion {
            text: "is there a cloakroom?".to_owned(),
            asked_at: jiff::Timestamp::constant(1_750_000_100, 0),
            channel: None,
            best_topic: None,
            score: 0.1,
        };
        store.record_unanswered(&question).unwrap();
        assert_eq!(
            store.unanswered_since(jiff::Timestamp::UNIX_EPOCH).unwrap(),
            vec![question]
        );
        // And the one step 5 adds.
        let mirrored = crate::mirror::Mirrored {
            key: "event:forum".to_owned(),
            discord_id: 7,
            fingerprint: "0".to_owned(),
            start: jiff::Timestamp::constant(1_750_000_000, 0),
            end: jiff::Timestamp::constant(1_750_003_600, 0),
        };
        store.remember_mirrored(1, &mirrored).unwrap();
        assert_eq!(store.mirrored_events(1).unwrap(), vec![mirrored]);
    }

    #[test]
    fn a_version_five_database_gets_agendas_and_votes_and_keeps_its_announcements() {
        let directory = tempfile::tempdir().unwrap();
        let path = directory.path().join("usher.sqlite3");
        version_one_database(&path);
        let connection = Connection::open(&path).unwrap();
        connection.execute_batch(MIGRATIONS[1]).unwrap();
        connection.execute_batch(MIGRATIONS[2]).unwrap();
        connection.execute_batch(MIGRATIONS[3]).unwrap();
        connection.execute_batch(MIGRATIONS[4]).unwrap();
        connection.pragma_update(None, "user_version", 5).unwrap();
        drop(connection);

        let mut store = Store::open(&path).unwrap();
        assert_eq!(store.schema_version().unwrap(), 6);
        let kept = store.get(AnnouncementId(1)).unwrap().unwrap();
        assert_eq!((kept.text.as_str(), kept.recipient), ("doors open", None));
        let now = jiff::Timestamp::constant(1_750_000_100, 0);
        assert!(store.add_to_agenda(42, "keynote", now).unwrap());
        assert_eq!(store.agendas().unwrap().len(), 1);
        assert_eq!(
            store.vote(7, "session.keynote", 42, false, now).unwrap(),
            crate::store::Voted::New
        );
        assert_eq!(store.announced_programme().unwrap(), None);
    }

    #[test]
    fn a_failed_step_leaves_the_database_as_it_was() {
        let directory = tempfile::tempdir().unwrap();
        let path = directory.path().join("usher.sqlite3");
        version_one_database(&path);
        // A table in the way makes step 2 fail.
        let connection = Connection::open(&path).unwrap();
        connection
            .execute_batch("CREATE TABLE unanswered_questions (x INTEGER);")
            .unwrap();
        drop(connection);

        let error = Store::open(&path).unwrap_err().to_string();
        assert!(
            error.starts_with(&format!(
                "could not migrate the state database at {} to schema version 2: ",
                path.display()
            )),
            "{error}"
        );
        let connection = Connection::open(&path).unwrap();
        let version: u32 = connection
            .pragma_query_value(None, "user_version", |row| row.get(0))
            .unwrap();
        assert_eq!(version, 1);
        let has_index: bool = connection
            .query_row(
                "SELECT count(*) > 0 FROM sqlite_master WHERE name = 'unanswered_questions_by_time'",
                [],
                |row| row.get(0),
            )
            .unwrap();
        assert!(!has_index);
    }

    #[test]
    fn a_newer_database_is_refused_clearly() {
        let directory = tempfile::tempdir().unwrap();
        let path = directory.path().join("usher.sqlite3");
        Connection::open(&path)
            .unwrap()
            .pragma_update(None, "user_version", 99)
            .unwrap();

        let error = Store::open(&path).unwrap_err();
        assert_eq!(
            error.to_string(),
            format!(
                "the state database at {} has schema version 99, but this usher only knows up to version {SCHEMA_VERSION}; \
                 use a newer usher or another database",
                path.display()
            )
        );
        // And it was not touched.
        let version: u32 = Connection::open(&path)
            .unwrap()
            .pragma_query_value(None, "user_version", |row| row.get(0))
            .unwrap();
        assert_eq!(version, 99);
    }
}
