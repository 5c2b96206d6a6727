//! Mirrored Discord events: all the SQL for the `mirrored_events` table, and the ledger port the mirror
//! sync records through.

use rusqlite::params;

use super::{SharedStore, Store, StoreError, from_snowflake, seconds, snowflake, timestamp};
use crate::mirror::{MirrorLedger, Mirrored};

impl Store {
    /// The events Usher made in `guild`, by key.
    pub fn mirrored_events(&self, guild: u64) -> Result<Vec<Mirrored>, StoreError> {
        let read = || -> rusqlite::Result<Vec<Mirrored>> {
            let mut select = self.connection.prepare(
                "SELECT key, discord_id, fingerprint, start_at, end_at FROM mirrored_events
                 WHERE guild_id = ?1 ORDER BY key",
            )?;
            select
                .query_map([snowflake(guild)], |row| {
                    Ok(Mirrored {
                        key: row.get(0)?,
                        discord_id: from_snowflake(row.get(1)?),
                        fingerprint: row.get(2)?,
                        start: timestamp(3, row.get(3)?)?,
                        end: timestamp(4, row.get(4)?)?,
                    })
                })?
                .collect()
        };
        read().map_err(StoreError::query(|| {
            format!("read the mirrored events of guild {guild}")
        }))
    }

    /// Records that `mirrored.discord_id` mirrors `mirrored.key` in `guild`, replacing an earlier record.
    pub fn remember_mirrored(&mut self, guild: u64, mirrored: &Mirrored) -> Result<(), StoreError> {
        self.connection
            .execute(
                "INSERT INTO mirrored_events (guild_id, key, discord_id, fingerprint, start_at, end_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)
                 ON CONFLICT (guild_id, key) DO UPDATE SET discord_id = excluded.discord_id,
                     fingerprint = excluded.fingerprint, start_at = excluded.start_at,
                     end_at = excluded.end_at",
                params![
                    snowflake(guild),
                    mirrored.key,
                    snowflake(mirrored.discord_id),
                    mirrored.fingerprint,
                    seconds(mirrored.start),
                    seconds(mirrored.end),
                ],
            )
            .map(drop)
            .map_err(StoreError::query(|| {
                format!("record the mirrored event for {}", mirrored.key)
            }))
    }

    pub fn forget_mirrored(&mut self, guild: u64, key: &str) -> Result<(), StoreError> {
        self.connection
            .execute(
                "DELETE FROM mirrored_events WHERE guild_id = ?1 AND key = ?2",
                params![snowflake(guild), key],
            )
            .map(drop)
            .map_err(StoreError::query(|| {
                format!("forget the mirrored event for {key}")
            }))
    }
}

/// One guild's records in the shared store, as the mirror sync's ledger.
#[derive(Debug, Clone)]
pub struct GuildLedger {
    pub store: SharedStore,
    pub guild: u64,
}

impl MirrorLedger for GuildLedger {
    async fn mirrored(&mut self) -> Result<Vec<Mirrored>, String> {
        let guild = self.guild;
        self.store
            .run(move |s| s.mirrored_events(guild))
            .await
            .map_err(|e| e.to_string())
    }

    async fn remember(&mut self, mirrored: Mirrored) -> Result<(), String> {
        let guild = self.guild;
        self.store
            .run(move |s| s.remember_mirrored(guild, &mirrored))
            .await
            .map_err(|e| e.to_string())
    }

    async fn forget(&mut self, key: &str) -> Result<(), String> {
        let (guild, key) = (self.guild, key.to_string());
        self.store
            .run(move |s| s.forget_mirrored(guild, &key))
            .await
            .map_err(|e| e.to_string())
    }
}

#[cfg(test)]
mod tests {
    use jiff::Timestamp;

    use super::*;

    fn mirrored(key: &str, id: u64) -> Mirrored {
        Mirrored {
            key: key.into(),
            discord_id: id,
            fingerprint: "f".into(),
            start: Timestamp::from_second(1_800_000_000).unwrap(),
            end: Timestamp::from_second(1_800_003_600).unwrap(),
        }
    }

    #[test]
    fn records_survive_a_reopen_per_guild_and_are_replaced_and_forgotten() {
        let directory = tempfile::tempdir().unwrap();
        let path = directory.path().join("usher.sqlite3");
        {
            let mut store = Store::open(&path).unwrap();
            store
                .remember_mirrored(1, &mirrored("session:a:0", u64::MAX - 7))
                .unwrap();
            store
                .remember_mirrored(1, &mirrored("session:b:0", 20))
                .unwrap();
            store
                .remember_mirrored(2, &mirrored("session:a:0", 30))
                .unwrap();
            store
                .remember_mirrored(1, &mirrored("session:b:0", 21))
                .unwrap();
        }
        let mut store = Store::open(&path).unwrap();
        assert_eq!(
            store.mirrored_events(1).unwrap(),
            vec![
                mirrored("session:a:0", u64::MAX - 7),
                mirrored("session:b:0", 21)
            ]
        );
        store.forget_mirrored(1, "session:a:0").unwrap();
        assert_eq!(store.mirrored_events(1).unwrap().len(), 1);
        assert_eq!(
            store.mirrored_events(2).unwrap(),
            vec![mirrored("session:a:0", 30)]
        );
    }
}
