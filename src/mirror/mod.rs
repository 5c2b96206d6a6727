//! Discord's scheduled events as a mirror of the programme: the event, its keynotes, sessions of chosen
//! kinds or one per day, shown in a server's Events tab, where members mark themselves interested and
//! Discord reminds them.
//!
//! Decided here, performed elsewhere: [`wanted`] says which events the knowledge asks for; [`plan`]
//! compares them with what the store says is mirrored and what the guild holds, and gives the requests to
//! make within Discord's limit; [`sync`] performs a plan through two ports, [`GuildEvents`] (Discord) and
//! [`MirrorLedger`] (the store), recording each request's outcome as soon as it is known. A restart reads
//! the ledger again, so it updates what it made instead of making it twice.
//!
//! The limit: Discord holds at most [`MAX_EVENTS_PER_GUILD`] scheduled or active events per guild, the
//! ones people made by hand included. When more are wanted, the soonest are mirrored and the rest are
//! skipped with the reason, which the log and `/status` show; as events end, the next ones get their turn.

#[cfg(test)]
mod tests;

use std::collections::{BTreeMap, BTreeSet};
use std::future::Future;

use jiff::civil::Date;
use jiff::{Timestamp, ZonedDateTime};
use serde::Deserialize;

use crate::calendar;
use crate::knowledge::{Category, Knowledge};

/// Discord's limit of scheduled or active events in one guild.
pub const MAX_EVENTS_PER_GUILD: usize = 100;
/// The most characters of an event's name.
pub const NAME_LENGTH: usize = 100;
/// The most characters of an event's description.
pub const DESCRIPTION_LENGTH: usize = 1000;
/// The most characters of an external event's location (`entity_metadata.location`); at least one.
pub const LOCATION_LENGTH: usize = 100;

/// `[discord.scheduled_events]`: which parts of the programme become Discord events. The table's presence
/// turns mirroring on; each choice is off unless set.
#[derive(Debug, Clone, Default, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields, default)]
pub struct Selection {
    /// The event itself, from its start to its end.
    pub event: bool,
    /// Keynotes (a session whose category, or kind, says so).
    pub keynotes: bool,
    /// Sessions of these kinds or categories ("workshop", "panel", "Long talk"), without regard to case.
    pub kinds: Vec<String>,
    /// Sessions in these tracks, by id or name, without regard to case.
    pub tracks: Vec<String>,
    /// One event per day of the programme, from its first session's start to its last one's end.
    pub days: bool,
}

/// A Discord event the knowledge asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Wanted {
    /// What it mirrors: `event:<id>`, `session:<id>:<n>` (the n-th time it is held) or `day:<date>`.
    pub key: String,
    pub name: String,
    pub description: String,
    pub location: String,
    pub start: Timestamp,
    pub end: Timestamp,
}

impl Wanted {
    /// A digest of everything Discord shows, so a change is seen without asking Discord.
    pub fn fingerprint(&self) -> String {
        let text = format!(
            "{}\u{1f}{}\u{1f}{}\u{1f}{}\u{1f}{}",
            self.name, self.description, self.location, self.start, self.end
        );
        // FNV-1a: stable across builds and platforms, unlike the standard library's hasher.
        let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
        for byte in text.bytes() {
            hash ^= u64::from(byte);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
        format!("{hash:016x}")
    }
}

/// A Discord event Usher made, as the store remembers it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mirrored {
    pub key: String,
    pub discord_id: u64,
    pub fingerprint: String,
    pub start: Timestamp,
    pub end: Timestamp,
}

/// One request to make.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    Create(Wanted),
    Update {
        discord_id: u64,
        wanted: Wanted,
    },
    /// The knowledge no longer asks for it and it has not started: cancelled, so members who marked
    /// themselves interested see it called off.
    Cancel {
        key: String,
        discord_id: u64,
    },
    /// Over, or gone from the guild: only the store's record goes.
    Forget {
        key: String,
    },
}

/// Why a wanted event is not mirrored.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SkipReason {
    /// Discord's limit of events per guild is reached.
    Limit,
    /// It has started already, and Discord refuses a start time in the past.
    Started,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skipped {
    pub key: String,
    pub name: String,
    pub reason: SkipReason,
}

/// The requests that bring a guild's events in line with the knowledge.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Plan {
    pub actions: Vec<Action>,
    pub skipped: Vec<Skipped>,
    /// Events in the guild that Usher did not make; they count towards the limit.
    pub others: usize,
}

impl Plan {
    /// What was skipped and why, in one line for the log and `/status`; empty when nothing was.
    pub fn skipped_summary(&self) -> String {
        let limit = self
            .skipped
            .iter()
            .filter(|s| s.reason == SkipReason::Limit)
            .count();
        let started = self.skipped.len() - limit;
        let mut parts = Vec::new();
        if limit > 0 {
            parts.push(format!(
                "{limit} not mirrored: Discord allows {MAX_EVENTS_PER_GUILD} scheduled or active events per server ({} made by others); the soonest come first and the rest follow as events end",
                self.others
            ));
        }
        if started > 0 {
            parts.push(format!(
                "{started} not mirrored: already started, and Discord takes no start time in the past"
            ));
        }
        parts.join("; ")
    }
}

/// The Discord events `selection` asks for, soonest first.
pub fn wanted(knowledge: &Knowledge, selection: &Selection) -> Vec<Wanted> {
    let event = &knowledge.event;
    let mut out = Vec::new();
    if selection.event {
        out.push(Wanted {
            key: format!("event:{}", event.id),
            name: clip(&event.title, NAME_LENGTH),
            description: clip(&event.description, DESCRIPTION_LENGTH),
            location: location(
                event
                    .venue
                    .map(|v| calendar::location_line(knowledge, None, Some(v))),
                &event.title,
            ),
            start: event.start.timestamp(),
            end: event.end.timestamp(),
        });
    }
    let kinds: Vec<String> = selection.kinds.iter().map(|k| k.to_lowercase()).collect();
    let tracks: Vec<String> = selection.tracks.iter().map(|t| t.to_lowercase()).collect();
    let mut days: BTreeMap<Date, (Timestamp, Timestamp)> = BTreeMap::new();
    // A cancelled session is not wanted: its mirrored event is cancelled like a removed one's, and it
    // does not stretch its day's span.
    for session in knowledge.sessions().iter().filter(|s| !s.cancelled) {
        let kind = session.kind.as_deref().unwrap_or_default().to_lowercase();
        let category = session.category.map(Category::as_str);
        let track = session.track.map(|t| &knowledge.tracks()[t]);
        let in_track = track.is_some_and(|t| {
            tracks.contains(&t.id.to_lowercase()) || tracks.contains(&t.name.to_lowercase())
        });
        let chosen = (selection.keynotes
            && (category == Some("keynote") || kind.contains("keynote")))
            || (!kind.is_empty() && kinds.contains(&kind))
            || category.is_some_and(|c| kinds.iter().any(|k| k == c))
            || in_track;
        for (slot, occurrence) in calendar::occurrences(knowledge, session)
            .into_iter()
            .enumerate()
        {
            let start = occurrence.start.timestamp();
            // Discord needs an end for an external event: a session with a start only takes no time.
            let end = occurrence
                .end
                .as_ref()
                .map_or(start, ZonedDateTime::timestamp);
            let day = occurrence
                .start
                .with_time_zone(event.time_zone.clone())
                .date();
            let span = days.entry(day).or_insert((start, end));
            *span = (span.0.min(start), span.1.max(end));
            if !chosen {
                continue;
            }
            let mut description = session.summary.clone().unwrap_or_default();
            let speakers: Vec<&str> = session
                .speakers
                .iter()
                .map(|&i| knowledge.speakers()[i].name.as_str())
                .collect();
            if !speakers.is_empty() {
                description = format!("{}\n\n{description}", speakers.join(", "));
            }
            out.push(Wanted {
                key: format!("session:{}:{slot}", session.id),
                name: clip(&session.title, NAME_LENGTH),
                description: clip(description.trim(), DESCRIPTION_LENGTH),
                location: location(occurrence.location, &event.title),
                start,
                end: end.max(start),
            });
        }
    }
    if selection.days {
        let venue = event
            .venue
            .map(|v| calendar::location_line(knowledge, None, Some(v)));
        for (n, (day, (start, end))) in days.into_iter().enumerate() {
            out.push(Wanted {
                key: format!("day:{day}"),
                name: clip(
                    &format!(
                        "{}: day {} ({})",
                        event.title,
                        n + 1,
                        day.strftime("%A %-d %B")
                    ),
                    NAME_LENGTH,
                ),
                description: clip(&event.description, DESCRIPTION_LENGTH),
                location: location(venue.clone(), &event.title),
                start,
                end,
            });
        }
    }
    out.sort_by(|a, b| (a.start, &a.key).cmp(&(b.start, &b.key)));
    out
}

/// A location Discord accepts: 1 to 100 characters; the event's title when nothing better is known.
fn location(place: Option<String>, fallback: &str) -> String {
    let text = place
        .filter(|p| !p.trim().is_empty())
        .unwrap_or_else(|| fallback.to_string());
    clip(&text, LOCATION_LENGTH)
}

/// `text` cut to `max` characters, with an ellipsis when cut.
fn clip(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let mut cut: String = text.chars().take(max - 1).collect();
    cut.push('…');
    cut
}

/// The requests that make the guild mirror `wanted`, given what the store remembers (`mirrored`), the ids
/// of the scheduled or active events the guild holds (`listed`), and the time.
pub fn plan(
    wanted: &[Wanted],
    mirrored: &[Mirrored],
    listed: &BTreeSet<u64>,
    now: Timestamp,
) -> Plan {
    let ours: BTreeSet<u64> = mirrored.iter().map(|m| m.discord_id).collect();
    let others = listed.difference(&ours).count();
    let wanted_by_key: BTreeMap<&str, &Wanted> =
        wanted.iter().map(|w| (w.key.as_str(), w)).collect();
    let mut actions = Vec::new();
    let mut kept: BTreeSet<&str> = BTreeSet::new();
    for m in mirrored {
        // Gone from the guild (ended, or deleted by hand): forgotten, and made again if still wanted.
        if !listed.contains(&m.discord_id) || m.end <= now {
            actions.push(Action::Forget { key: m.key.clone() });
            continue;
        }
        match wanted_by_key.get(m.key.as_str()) {
            None if m.start > now => actions.push(Action::Cancel {
                key: m.key.clone(),
                discord_id: m.discord_id,
            }),
            // Started: Discord ends it at its end time; only the record goes.
            None => actions.push(Action::Forget { key: m.key.clone() }),
            Some(w) => {
                kept.insert(&m.key);
                // A started event's start cannot be moved; the rest would follow, but a running event
                // is left as it is.
                if w.fingerprint() != m.fingerprint && m.start > now && w.start > now {
                    actions.push(Action::Update {
                        discord_id: m.discord_id,
                        wanted: (*w).clone(),
                    });
                }
            }
        }
    }
    let mut room = MAX_EVENTS_PER_GUILD.saturating_sub(others + kept.len());
    let mut skipped = Vec::new();
    for w in wanted.iter().filter(|w| !kept.contains(w.key.as_str())) {
        if w.end <= now {
            continue;
        }
        let reason = if w.start <= now {
            SkipReason::Started
        } else if room == 0 {
            SkipReason::Limit
        } else {
            room -= 1;
            actions.push(Action::Create(w.clone()));
            continue;
        };
        skipped.push(Skipped {
            key: w.key.clone(),
            name: w.name.clone(),
            reason,
        });
    }
    Plan {
        actions,
        skipped,
        others,
    }
}

/// Discord's side: a guild's scheduled events.
pub trait GuildEvents {
    /// The ids of the guild's scheduled or active events, whoever made them.
    fn listed(&mut self) -> impl Future<Output = Result<BTreeSet<u64>, String>> + Send;
    /// Makes an external event; its id.
    fn create(&mut self, event: &Wanted) -> impl Future<Output = Result<u64, String>> + Send;
    fn update(
        &mut self,
        id: u64,
        event: &Wanted,
    ) -> impl Future<Output = Result<(), String>> + Send;
    fn cancel(&mut self, id: u64) -> impl Future<Output = Result<(), String>> + Send;
}

/// The store's side: which Discord event mirrors what.
pub trait MirrorLedger {
    fn mirrored(&mut self) -> impl Future<Output = Result<Vec<Mirrored>, String>> + Send;
    fn remember(&mut self, mirrored: Mirrored) -> impl Future<Output = Result<(), String>> + Send;
    fn forget(&mut self, key: &str) -> impl Future<Output = Result<(), String>> + Send;
}

/// What one sync did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Report {
    pub created: usize,
    pub updated: usize,
    pub cancelled: usize,
    /// Requests Discord or the store refused, with why; they are tried again on the next sync.
    pub failed: Vec<String>,
    pub plan: Plan,
}

/// Plans and performs one sync. Each request's outcome is recorded at once: a Discord event made but not
/// recorded would be made again after a restart, so the record is written right after Discord answers.
pub async fn sync(
    wanted: &[Wanted],
    guild: &mut impl GuildEvents,
    ledger: &mut impl MirrorLedger,
    now: Timestamp,
) -> Result<Report, String> {
    let mirrored = ledger.mirrored().await?;
    let listed = guild.listed().await?;
    let plan = plan(wanted, &mirrored, &listed, now);
    let mut report = Report::default();
    for action in &plan.actions {
        let outcome = match action {
            Action::Create(w) => match guild.create(w).await {
                Ok(id) => {
                    report.created += 1;
                    ledger.remember(record(w, id)).await
                }
                Err(e) => Err(format!("could not create \"{}\": {e}", w.name)),
            },
            Action::Update { discord_id, wanted } => {
                match guild.update(*discord_id, wanted).await {
                    Ok(()) => {
                        report.updated += 1;
                        ledger.remember(record(wanted, *discord_id)).await
                    }
                    Err(e) => Err(format!("could not update \"{}\": {e}", wanted.name)),
                }
            }
            Action::Cancel { key, discord_id } => match guild.cancel(*discord_id).await {
                Ok(()) => {
                    report.cancelled += 1;
                    ledger.forget(key).await
                }
                Err(e) => Err(format!("could not cancel the event for {key}: {e}")),
            },
            Action::Forget { key } => ledger.forget(key).await,
        };
        if let Err(e) = outcome {
            report.failed.push(e);
        }
    }
    report.plan = plan;
    Ok(report)
}

fn record(w: &Wanted, discord_id: u64) -> Mirrored {
    Mirrored {
        key: w.key.clone(),
        discord_id,
        fingerprint: w.fingerprint(),
        start: w.start,
        end: w.end,
    }
}
