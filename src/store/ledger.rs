//! The store as the announcement loop's [`Ledger`]: directly on a [`Store`] (the property tests and the
//! command line), and on a [`SharedStore`], which runs each transition on a blocking thread.

use jiff::Timestamp;

use super::{SharedStore, Store, StoreError};
use crate::schedule::{Announcement, AnnouncementId, Ledger, Target};

impl Ledger for Store {
    type Error = StoreError;

    async fn upcoming(&mut self) -> Result<Vec<Announcement>, StoreError> {
        self.list_upcoming()
    }

    async fn claim(
        &mut self,
        id: AnnouncementId,
        channel: u64,
        marker: &str,
        now: Timestamp,
    ) -> Result<bool, StoreError> {
        let target = Target {
            channel,
            marker: marker.to_owned(),
        };
        Store::claim(self, id, &target, now)
    }

    async fn claim_retry(
        &mut self,
        id: AnnouncementId,
        attempt: u32,
        now: Timestamp,
    ) -> Result<bool, StoreError> {
        Store::claim_retry(self, id, attempt, now)
    }

    async fn mark_posted(
        &mut self,
        id: AnnouncementId,
        message_id: u64,
        now: Timestamp,
    ) -> Result<(), StoreError> {
        Store::mark_posted(self, id, message_id, now)
    }

    async fn release(&mut self, id: AnnouncementId, now: Timestamp) -> Result<(), StoreError> {
        Store::release(self, id, now)
    }

    async fn mark_missed(
        &mut self,
        id: AnnouncementId,
        reason: &str,
        now: Timestamp,
    ) -> Result<(), StoreError> {
        Store::mark_missed(self, id, reason, now)
    }

    async fn unreported(&mut self) -> Result<Vec<Announcement>, StoreError> {
        self.list_unreported()
    }

    async fn claim_report(
        &mut self,
        id: AnnouncementId,
        now: Timestamp,
    ) -> Result<Option<Timestamp>, StoreError> {
        Store::claim_report(self, id, now)
    }

    async fn mark_reported(
        &mut self,
        id: AnnouncementId,
        now: Timestamp,
    ) -> Result<(), StoreError> {
        Store::mark_reported(self, id, now)
    }
}

impl Ledger for SharedStore {
    type Error = StoreError;

    async fn upcoming(&mut self) -> Result<Vec<Announcement>, StoreError> {
        self.run(|s| s.list_upcoming()).await
    }

    async fn claim(
        &mut self,
        id: AnnouncementId,
        channel: u64,
        marker: &str,
        now: Timestamp,
    ) -> Result<bool, StoreError> {
        let target = Target {
            channel,
            marker: marker.to_owned(),
        };
        self.run(move |s| s.claim(id, &target, now)).await
    }

    async fn claim_retry(
        &mut self,
        id: AnnouncementId,
        attempt: u32,
        now: Timestamp,
    ) -> Result<bool, StoreError> {
        self.run(move |s| s.claim_retry(id, attempt, now)).await
    }

    async fn mark_posted(
        &mut self,
        id: AnnouncementId,
        message_id: u64,
        now: Timestamp,
    ) -> Result<(), StoreError> {
        self.run(move |s| s.mark_posted(id, message_id, now)).await
    }

    async fn release(&mut self, id: AnnouncementId, now: Timestamp) -> Result<(), StoreError> {
        self.run(move |s| s.release(id, now)).await
    }

    async fn mark_missed(
        &mut self,
        id: AnnouncementId,
        reason: &str,
        now: Timestamp,
    ) -> Result<(), StoreError> {
        let reason = reason.to_owned();
        self.run(move |s| s.mark_missed(id, &reason, now)).await
    }

    async fn unreported(&mut self) -> Result<Vec<Announcement>, StoreError> {
        self.run(|s| s.list_unreported()).await
    }

    async fn claim_report(
        &mut self,
        id: AnnouncementId,
        now: Timestamp,
    ) -> Result<Option<Timestamp>, StoreError> {
        self.run(move |s| s.claim_report(id, now)).await
    }

    async fn mark_reported(
        &mut self,
        id: AnnouncementId,
        now: Timestamp,
    ) -> Result<(), StoreError> {
        self.run(move |s| s.mark_reported(id, now)).await
    }
}
