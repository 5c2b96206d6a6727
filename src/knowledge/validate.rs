//! Cross-file checks that turn the entries as written into the [`Knowledge`] model.
//!
//! Every problem is reported, not just the first: ids are checked across all files, references are
//! resolved by kind, times are placed in the event's time zone, and sessions are checked against the
//! event's window and each other.

use std::collections::HashMap;
use std::ops::Range;

use jiff::ZonedDateTime;
use jiff::civil::DateTime;
use jiff::tz::{Offset, TimeZone};
use toml::Spanned;
use toml::value::Datetime;

use super::diagnostic::{Diagnostic, Origin, Severity, SourceFile};
use super::load::{Parsed, RawKnowledge, closest};
use super::model::{
    Event, Faq, Finding, FollowUp, Host, Initiative, Knowledge, KnowledgeAnnouncement, Report,
    Room, RoomRef, Session, Speaker, Supporter, Venue,
};
use super::schema::Text;

/// The kinds of entry that have ids; ids are unique across all of them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum EntryKind {
    Event,
    Venue,
    Room,
    Host,
    Initiative,
    Supporter,
    Session,
    Speaker,
    Finding,
    Faq,
    Announcement,
}

impl EntryKind {
    pub fn noun(self) -> &'static str {
        match self {
            EntryKind::Event => "event",
            EntryKind::Venue => "venue",
            EntryKind::Room => "room",
            EntryKind::Host => "host",
            EntryKind::Initiative => "initiative",
            EntryKind::Supporter => "supporter",
            EntryKind::Session => "session",
            EntryKind::Speaker => "speaker",
            EntryKind::Finding => "finding",
            EntryKind::Faq => "faq",
            EntryKind::Announcement => "announcement",
        }
    }
}

struct Registered {
    kind: EntryKind,
    index: usize,
    origin: Origin,
}

/// All ids, with what they name, for resolving references.
#[derive(Default)]
struct Ids {
    map: HashMap<String, Registered>,
}

impl Ids {
    fn register(
        &mut self,
        file: &SourceFile,
        id: &Text,
        kind: EntryKind,
        index: usize,
        diags: &mut Vec<Diagnostic>,
    ) {
        let name = id.get_ref();
        if !valid_id(name) {
            diags.push(file.error(
                &id.span(),
                format!("invalid id `{name}`: use lower-case letters, digits, `-`, `_` and `.`"),
            ));
        }
        if let Some(existing) = self.map.get(name) {
            diags.push(file.error(
                &id.span(),
                format!(
                    "duplicate id `{name}`: already the id of the {} at {}",
                    existing.kind.noun(),
                    existing.origin
                ),
            ));
            return;
        }
        self.map.insert(
            name.clone(),
            Registered {
                kind,
                index,
                origin: Origin::new(file, &id.span()),
            },
        );
    }

    fn resolve(
        &self,
        file: &SourceFile,
        reference: &Text,
        want: EntryKind,
        diags: &mut Vec<Diagnostic>,
    ) -> Option<usize> {
        let name = reference.get_ref();
        match self.map.get(name) {
            Some(found) if found.kind == want => Some(found.index),
            Some(found) => {
                diags.push(file.error(
                    &reference.span(),
                    format!("`{name}` is a {}, not a {}", found.kind.noun(), want.noun()),
                ));
                None
            }
            None => {
                let candidates: Vec<&str> = self
                    .map
                    .iter()
                    .filter(|(_, r)| r.kind == want)
                    .map(|(id, _)| id.as_str())
                    .collect();
                let mut message = format!("unknown {} `{name}`", want.noun());
                if let Some(near) = closest(name, &candidates) {
                    message.push_str(&format!(", did you mean `{near}`?"));
                } else if candidates.is_empty() && want == EntryKind::Room {
                    message.push_str(": no venue lists `rooms`");
                } else if candidates.is_empty() {
                    message.push_str(&format!(": no [[{}]] is defined", want.noun()));
                }
                diags.push(file.error(&reference.span(), message));
                None
            }
        }
    }
}

fn valid_id(id: &str) -> bool {
    !id.is_empty()
        && id.chars().all(|c| {
            c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_' || c == '.'
        })
}

/// Checks `raw` and builds the model. Problems are appended to `diags`; the model is returned only if
/// there is enough to build one (an event), so callers must still treat any error diagnostic as failure.
#[allow(clippy::too_many_lines)] // One pass over every kind of entry reads best as one function.
pub fn validate(raw: &RawKnowledge, diags: &mut Vec<Diagnostic>) -> Option<Knowledge> {
    let files = &raw.files;
    let file_of = |file: usize| &files[file];
    let mut ids = Ids::default();

    // Register every id first, so references may point forwards and across files.
    let mut rooms: Vec<RoomRef> = Vec::new();
    for (i, p) in raw.events.iter().enumerate() {
        ids.register(file_of(p.file), &p.entry.id, EntryKind::Event, i, diags);
    }
    for (i, p) in raw.venues.iter().enumerate() {
        ids.register(file_of(p.file), &p.entry.id, EntryKind::Venue, i, diags);
        for (r, room) in p.entry.rooms.iter().enumerate() {
            ids.register(
                file_of(p.file),
                &room.id,
                EntryKind::Room,
                rooms.len(),
                diags,
            );
            rooms.push(RoomRef { venue: i, room: r });
        }
    }
    register_all(&mut ids, raw, &raw.hosts, EntryKind::Host, |e| &e.id, diags);
    register_all(
        &mut ids,
        raw,
        &raw.initiatives,
        EntryKind::Initiative,
        |e| &e.id,
        diags,
    );
    register_all(
        &mut ids,
        raw,
        &raw.supporters,
        EntryKind::Supporter,
        |e| &e.id,
        diags,
    );
    register_all(
        &mut ids,
        raw,
        &raw.sessions,
        EntryKind::Session,
        |e| &e.id,
        diags,
    );
    register_all(
        &mut ids,
        raw,
        &raw.speakers,
        EntryKind::Speaker,
        |e| &e.id,
        diags,
    );
    register_all(
        &mut ids,
        raw,
        &raw.findings,
        EntryKind::Finding,
        |e| &e.id,
        diags,
    );
    register_all(&mut ids, raw, &raw.faqs, EntryKind::Faq, |e| &e.id, diags);
    register_all(
        &mut ids,
        raw,
        &raw.announcements,
        EntryKind::Announcement,
        |e| &e.id,
        diags,
    );

    // Exactly one event, at most one report.
    for extra in raw.events.iter().skip(1) {
        let first = &raw.events[0];
        diags.push(file_of(extra.file).error(
            &extra.span,
            format!(
                "a second [event]: the knowledge describes one event, already defined at {}",
                Origin::new(file_of(first.file), &first.span)
            ),
        ));
    }
    for extra in raw.reports.iter().skip(1) {
        let first = &raw.reports[0];
        diags.push(file_of(extra.file).error(
            &extra.span,
            format!(
                "a second [report]: already defined at {}",
                Origin::new(file_of(first.file), &first.span)
            ),
        ));
    }
    let Some(event_entry) = raw.events.first() else {
        if raw.event_tables > 0 {
            // The [event] is there but did not parse; that error is already reported at its place.
            return None;
        }
        diags.push(Diagnostic {
            path: raw.dir.clone(),
            line: 0,
            col: 0,
            severity: Severity::Error,
            message: "no [event] in any knowledge file: one file must describe the event"
                .to_string(),
        });
        return None;
    };

    // The event and its time zone, which every other time is read in.
    let ef = file_of(event_entry.file);
    let e = &event_entry.entry;
    let time_zone = if let Ok(tz) = TimeZone::get(e.time_zone.get_ref()) {
        Some(tz)
    } else {
        diags.push(ef.error(
            &e.time_zone.span(),
            format!(
                "unknown time zone `{}`: use an IANA name such as \"Europe/Amsterdam\"",
                e.time_zone.get_ref()
            ),
        ));
        None
    };
    let tz = time_zone.clone().unwrap_or(TimeZone::UTC);
    let start = zoned(ef, &e.start, &tz, diags);
    let end = zoned(ef, &e.end, &tz, diags);
    if let (Some(start), Some(end)) = (&start, &end)
        && end <= start
    {
        diags.push(ef.error(
            &e.end.span(),
            format!(
                "the event ends ({}) before it starts ({})",
                show(end),
                show(start)
            ),
        ));
    }

    let venues: Vec<Venue> = raw
        .venues
        .iter()
        .map(|p| {
            let f = file_of(p.file);
            let v = &p.entry;
            if let Some(map) = &v.map {
                check_url(f, &p.span, "map", map, diags);
            }
            Venue {
                id: v.id.get_ref().clone(),
                name: v.name.clone(),
                address: v.address.clone(),
                postcode: v.postcode.clone(),
                city: v.city.clone(),
                country: v.country.clone(),
                map: v.map.clone(),
                aliases: words(f, &v.aliases, "alias", diags),
                rooms: v
                    .rooms
                    .iter()
                    .map(|r| Room {
                        id: r.id.get_ref().clone(),
                        name: r.name.clone(),
                        aliases: words(f, &r.aliases, "alias", diags),
                    })
                    .collect(),
                directions: v.directions.clone(),
                keywords: words(f, &v.keywords, "keyword", diags),
                origin: Origin::new(f, &p.span),
            }
        })
        .collect();

    let hosts: Vec<Host> = raw
        .hosts
        .iter()
        .map(|p| {
            let f = file_of(p.file);
            let h = &p.entry;
            Host {
                id: h.id.get_ref().clone(),
                name: h.name.clone(),
                short_name: h.short_name.clone(),
                description: h.description.clone(),
                url: h.url.clone(),
                aliases: words(f, &h.aliases, "alias", diags),
                keywords: words(f, &h.keywords, "keyword", diags),
                origin: Origin::new(f, &p.span),
            }
        })
        .collect();

    let supporters: Vec<Supporter> = raw
        .supporters
        .iter()
        .map(|p| {
            let f = file_of(p.file);
            let s = &p.entry;
            Supporter {
                id: s.id.get_ref().clone(),
                name: s.name.clone(),
                description: s.description.clone(),
                url: s.url.clone(),
                aliases: words(f, &s.aliases, "alias", diags),
                keywords: words(f, &s.keywords, "keyword", diags),
                origin: Origin::new(f, &p.span),
            }
        })
        .collect();

    let initiatives: Vec<Initiative> = raw
        .initiatives
        .iter()
        .map(|p| {
            let f = file_of(p.file);
            let i = &p.entry;
            Initiative {
                id: i.id.get_ref().clone(),
                name: i.name.clone(),
                kind: i.kind.clone(),
                description: i.description.clone(),
                part_of: i
                    .part_of
                    .as_ref()
                    .and_then(|r| ids.resolve(f, r, EntryKind::Initiative, diags)),
                run_by: resolve_all(&ids, f, &i.run_by, EntryKind::Host, diags),
                supported_by: resolve_all(&ids, f, &i.supported_by, EntryKind::Supporter, diags),
                aliases: words(f, &i.aliases, "alias", diags),
                keywords: words(f, &i.keywords, "keyword", diags),
                origin: Origin::new(f, &p.span),
            }
        })
        .collect();
    check_initiative_cycles(raw, &initiatives, diags);

    let mut sessions: Vec<Session> = raw
        .sessions
        .iter()
        .map(|p| {
            let f = file_of(p.file);
            let s = &p.entry;
            let s_start = s.start.as_ref().and_then(|t| zoned(f, t, &tz, diags));
            let s_end = s.end.as_ref().and_then(|t| zoned(f, t, &tz, diags));
            if let (Some(a), Some(b), Some(end_span)) = (&s_start, &s_end, &s.end)
                && b <= a
            {
                diags.push(f.error(
                    &end_span.span(),
                    format!(
                        "session `{}` ends ({}) before it starts ({})",
                        s.id.get_ref(),
                        show(b),
                        show(a)
                    ),
                ));
            }
            if s.end.is_some() && s.start.is_none() {
                diags.push(f.error(
                    &p.span,
                    format!("session `{}` has an end but no start", s.id.get_ref()),
                ));
            }
            // A session must lie within the event's window.
            if let (Some(ev_start), Some(ev_end)) = (&start, &end) {
                if let (Some(a), Some(span)) = (&s_start, &s.start)
                    && (a < ev_start || a >= ev_end)
                {
                    diags.push(f.error(
                        &span.span(),
                        format!(
                            "session `{}` starts at {}, outside the event ({} to {})",
                            s.id.get_ref(),
                            show(a),
                            show(ev_start),
                            show(ev_end)
                        ),
                    ));
                }
                if let (Some(b), Some(span)) = (&s_end, &s.end)
                    && (b > ev_end || b <= ev_start)
                {
                    diags.push(f.error(
                        &span.span(),
                        format!(
                            "session `{}` ends at {}, outside the event ({} to {})",
                            s.id.get_ref(),
                            show(b),
                            show(ev_start),
                            show(ev_end)
                        ),
                    ));
                }
            }
            let room = s
                .room
                .as_ref()
                .and_then(|r| ids.resolve(f, r, EntryKind::Room, diags))
                .map(|i| rooms[i]);
            Session {
                id: s.id.get_ref().clone(),
                title: s.title.clone(),
                kind: s.kind.clone(),
                start: s_start,
                end: s_end,
                room,
                speakers: resolve_all(&ids, f, &s.speakers, EntryKind::Speaker, diags),
                themes: words(f, &s.themes, "theme", diags),
                summary: s.summary.clone(),
                aliases: words(f, &s.aliases, "alias", diags),
                keywords: words(f, &s.keywords, "keyword", diags),
                findings: Vec::new(),
                origin: Origin::new(f, &p.span),
            }
        })
        .collect();
    check_room_overlaps(raw, &sessions, &venues, diags);
    check_shared_keywords(raw, diags);

    let mut speakers: Vec<Speaker> = raw
        .speakers
        .iter()
        .map(|p| {
            let f = file_of(p.file);
            let s = &p.entry;
            Speaker {
                id: s.id.get_ref().clone(),
                name: s.name.clone(),
                affiliation: s.affiliation.clone(),
                bio: s.bio.clone(),
                themes: words(f, &s.themes, "theme", diags),
                sessions: resolve_all(&ids, f, &s.sessions, EntryKind::Session, diags),
                aliases: words(f, &s.aliases, "alias", diags),
                keywords: words(f, &s.keywords, "keyword", diags),
                origin: Origin::new(f, &p.span),
            }
        })
        .collect();
    // A speaker's sessions are those they list and those that list them.
    for (si, session) in sessions.iter().enumerate() {
        for &sp in &session.speakers {
            if !speakers[sp].sessions.contains(&si) {
                speakers[sp].sessions.push(si);
            }
        }
    }
    for speaker in &mut speakers {
        speaker.sessions.sort_unstable();
    }
    for (spi, speaker) in speakers.iter().enumerate() {
        for &si in &speaker.sessions {
            if !sessions[si].speakers.contains(&spi) {
                sessions[si].speakers.push(spi);
            }
        }
    }

    let findings: Vec<Finding> = raw
        .findings
        .iter()
        .map(|p| {
            let f = file_of(p.file);
            let x = &p.entry;
            Finding {
                id: x.id.get_ref().clone(),
                title: x.title.clone(),
                text: x.text.clone(),
                session: x
                    .session
                    .as_ref()
                    .and_then(|r| ids.resolve(f, r, EntryKind::Session, diags)),
                keywords: words(f, &x.keywords, "keyword", diags),
                origin: Origin::new(f, &p.span),
            }
        })
        .collect();
    for (fi, finding) in findings.iter().enumerate() {
        if let Some(si) = finding.session {
            sessions[si].findings.push(fi);
        }
    }

    let faqs: Vec<Faq> = raw
        .faqs
        .iter()
        .map(|p| {
            let f = file_of(p.file);
            let q = &p.entry;
            Faq {
                id: q.id.get_ref().clone(),
                question: q.question.clone(),
                alternatives: words(f, &q.alternatives, "alternative", diags),
                answer: q.answer.clone(),
                keywords: words(f, &q.keywords, "keyword", diags),
                origin: Origin::new(f, &p.span),
            }
        })
        .collect();

    let synonyms: Vec<Vec<String>> = raw
        .synonyms
        .iter()
        .map(|p| {
            let f = file_of(p.file);
            let group = words(f, &p.entry.words, "word", diags);
            if p.entry.words.len() < 2 {
                diags.push(f.error(&p.span, "a synonym group needs at least two words"));
            }
            group
        })
        .collect();

    let announcements: Vec<KnowledgeAnnouncement> = raw
        .announcements
        .iter()
        .filter_map(|p| {
            let f = file_of(p.file);
            let a = &p.entry;
            if let Err(problem) = crate::schedule::check_text(a.text.get_ref()) {
                diags.push(f.error(&a.text.span(), problem.trim_end_matches('.').to_lowercase()));
            }
            if a.channel == Some(0) || a.ping_role == Some(0) {
                diags.push(f.error(&p.span, "0 is not a Discord id (`channel`, `ping_role`)"));
            }
            let at = zoned(f, &a.at, &tz, diags)?;
            Some(KnowledgeAnnouncement {
                id: a.id.get_ref().clone(),
                text: a.text.get_ref().clone(),
                at: at.timestamp(),
                channel: a.channel,
                ping_role: a.ping_role,
                origin: Origin::new(f, &p.span),
            })
        })
        .collect();

    let report = raw.reports.first().map(|p| {
        let f = file_of(p.file);
        Report {
            title: p.entry.title.clone(),
            summary: p.entry.summary.clone(),
            keywords: words(f, &p.entry.keywords, "keyword", diags),
            origin: Origin::new(f, &p.span),
        }
    });

    let event = Event {
        id: e.id.get_ref().clone(),
        title: e.title.clone(),
        kind: e.kind.clone(),
        description: e.description.clone(),
        time_zone: tz,
        time_zone_name: e.time_zone.get_ref().clone(),
        follow_up: e.follow_up.as_ref().map(|fu| FollowUp {
            title: fu.title.clone(),
            description: fu.description.clone(),
            keywords: words(ef, &fu.keywords, "keyword", diags),
        }),
        venue: e
            .venue
            .as_ref()
            .and_then(|r| ids.resolve(ef, r, EntryKind::Venue, diags)),
        hosts: resolve_all(&ids, ef, &e.hosts, EntryKind::Host, diags),
        part_of: e
            .part_of
            .as_ref()
            .and_then(|r| ids.resolve(ef, r, EntryKind::Initiative, diags)),
        participants: e.participants.clone(),
        speakers_note: e.speakers_note.clone(),
        url: e.url.clone(),
        keywords: words(ef, &e.keywords, "keyword", diags),
        origin: Origin::new(ef, &event_entry.span),
        start: start?,
        end: end?,
    };
    time_zone?;

    Some(Knowledge {
        event,
        venues,
        hosts,
        initiatives,
        supporters,
        sessions,
        speakers,
        report,
        findings,
        faqs,
        synonyms,
        announcements,
        fingerprint: fingerprint(files),
    })
}

fn register_all<T>(
    ids: &mut Ids,
    raw: &RawKnowledge,
    list: &[Parsed<T>],
    kind: EntryKind,
    id: impl Fn(&T) -> &Text,
    diags: &mut Vec<Diagnostic>,
) {
    for (i, p) in list.iter().enumerate() {
        ids.register(&raw.files[p.file], id(&p.entry), kind, i, diags);
    }
}

fn resolve_all(
    ids: &Ids,
    file: &SourceFile,
    refs: &[Text],
    kind: EntryKind,
    diags: &mut Vec<Diagnostic>,
) -> Vec<usize> {
    let mut out: Vec<usize> = Vec::new();
    for r in refs {
        if let Some(i) = ids.resolve(file, r, kind, diags) {
            if out.contains(&i) {
                diags.push(file.warning(&r.span(), format!("`{}` is listed twice", r.get_ref())));
            } else {
                out.push(i);
            }
        }
    }
    out
}

/// Keywords, aliases and the like: non-empty, trimmed strings.
fn words(file: &SourceFile, list: &[Text], what: &str, diags: &mut Vec<Diagnostic>) -> Vec<String> {
    list.iter()
        .filter_map(|w| {
            let trimmed = w.get_ref().trim();
            if trimmed.is_empty() {
                diags.push(file.error(&w.span(), format!("empty {what}")));
                None
            } else {
                Some(trimmed.to_string())
            }
        })
        .collect()
}

fn check_url(
    file: &SourceFile,
    span: &Range<usize>,
    field: &str,
    url: &str,
    diags: &mut Vec<Diagnostic>,
) {
    if !(url.starts_with("https://") || url.starts_with("http://")) {
        diags.push(file.error(
            span,
            format!("`{field}` must be an http(s) link, not `{url}`"),
        ));
    }
}

/// Places a TOML datetime in `tz`: one with an offset is an instant; a local one is read in the zone and
/// must not fall in a daylight-saving gap or fold, where it would name no instant or two.
fn zoned(
    file: &SourceFile,
    value: &Spanned<Datetime>,
    tz: &TimeZone,
    diags: &mut Vec<Diagnostic>,
) -> Option<ZonedDateTime> {
    match to_zoned(value.get_ref(), tz) {
        Ok(z) => Some(z),
        Err(message) => {
            diags.push(file.error(&value.span(), message));
            None
        }
    }
}

pub(crate) fn to_zoned(value: &Datetime, tz: &TimeZone) -> Result<ZonedDateTime, String> {
    let (Some(date), Some(time)) = (value.date, value.time) else {
        return Err(format!(
            "`{value}` needs a date and a time, e.g. 2015-04-30T14:00:00"
        ));
    };
    let civil = DateTime::new(
        i16::try_from(date.year).map_err(|_| format!("year {} is out of range", date.year))?,
        i8::try_from(date.month).unwrap_or(i8::MAX),
        i8::try_from(date.day).unwrap_or(i8::MAX),
        i8::try_from(time.hour).unwrap_or(i8::MAX),
        i8::try_from(time.minute).unwrap_or(i8::MAX),
        i8::try_from(time.second.unwrap_or(0)).unwrap_or(i8::MAX),
        i32::try_from(time.nanosecond.unwrap_or(0)).unwrap_or(i32::MAX),
    )
    .map_err(|err| format!("invalid date or time `{value}`: {err}"))?;
    match value.offset {
        Some(offset) => {
            let minutes = match offset {
                toml::value::Offset::Z => 0,
                toml::value::Offset::Custom { minutes } => i32::from(minutes),
            };
            let offset = Offset::from_seconds(minutes * 60).map_err(|err| format!("invalid offset in `{value}`: {err}"))?;
            let instant = offset
                .to_timestamp(civil)
                .map_err(|err| format!("`{value}` is out of range: {err}"))?;
            Ok(instant.to_zoned_datetime(tz.clone()))
        }
        None => tz.to_ambiguous_zoned_datetime(civil).unambiguous().map_err(|_| {
            format!(
                "`{value}` does not name one instant in {} (a daylight-saving change): add an offset such as +02:00",
                tz.iana_name().unwrap_or("the event's time zone")
            )
        }),
    }
}

/// A time for messages: the local date and time with its offset.
fn show(z: &ZonedDateTime) -> String {
    z.strftime("%Y-%m-%d %H:%M %:z").to_string()
}

/// An initiative must not be part of itself, directly or through others.
fn check_initiative_cycles(
    raw: &RawKnowledge,
    initiatives: &[Initiative],
    diags: &mut Vec<Diagnostic>,
) {
    for (start, p) in raw.initiatives.iter().enumerate() {
        let mut current = initiatives[start].part_of;
        let mut steps = 0;
        while let Some(next) = current {
            if next == start {
                let span = p
                    .entry
                    .part_of
                    .as_ref()
                    .map_or_else(|| p.span.clone(), Spanned::span);
                diags.push(raw.files[p.file].error(
                    &span,
                    format!("initiative `{}` is part of itself", initiatives[start].id),
                ));
                break;
            }
            steps += 1;
            if steps > initiatives.len() {
                break;
            }
            current = initiatives[next].part_of;
        }
    }
}

/// Two sessions in one room must not overlap in time.
fn check_room_overlaps(
    raw: &RawKnowledge,
    sessions: &[Session],
    venues: &[Venue],
    diags: &mut Vec<Diagnostic>,
) {
    let mut by_room: HashMap<RoomRef, Vec<usize>> = HashMap::new();
    for (i, s) in sessions.iter().enumerate() {
        if let (Some(room), Some(_), Some(_)) = (s.room, &s.start, &s.end) {
            by_room.entry(room).or_default().push(i);
        }
    }
    let mut rooms: Vec<_> = by_room.into_iter().collect();
    rooms.sort_by_key(|(room, _)| (room.venue, room.room));
    for (room, mut list) in rooms {
        list.sort_by_key(|&i| (sessions[i].start.clone(), i));
        // Track the session that ends latest so far: a long session overlaps every later one it covers.
        let mut latest: Option<usize> = None;
        for &i in &list {
            if let Some(prev) = latest {
                let (Some(prev_end), Some(this_start)) = (&sessions[prev].end, &sessions[i].start)
                else {
                    continue;
                };
                if this_start < prev_end {
                    let p = &raw.sessions[i];
                    let span = p
                        .entry
                        .start
                        .as_ref()
                        .map_or_else(|| p.span.clone(), Spanned::span);
                    let room_name = &venues[room.venue].rooms[room.room].id;
                    diags.push(raw.files[p.file].error(
                        &span,
                        format!(
                            "session `{}` overlaps session `{}` ({} to {}) in room `{room_name}`",
                            sessions[i].id,
                            sessions[prev].id,
                            sessions[prev].start.as_ref().map(show).unwrap_or_default(),
                            show(prev_end),
                        ),
                    ));
                }
            }
            if latest.is_none_or(|prev| sessions[i].end > sessions[prev].end) {
                latest = Some(i);
            }
        }
    }
}

/// One keyword or alias of one entry, for the shared-keyword check.
struct KeywordUse<'a> {
    kind: EntryKind,
    id: &'a str,
    file: usize,
    word: &'a Text,
}

fn keyword_uses<'a, T>(
    list: &'a [Parsed<T>],
    kind: EntryKind,
    words: impl Fn(&'a T) -> (&'a Text, Vec<&'a Text>),
    out: &mut Vec<KeywordUse<'a>>,
) {
    for p in list {
        let (id, entry_words) = words(&p.entry);
        for word in entry_words {
            out.push(KeywordUse {
                kind,
                id: id.get_ref(),
                file: p.file,
                word,
            });
        }
    }
}

/// A keyword or alias that entries of different kinds share makes a question with that word ambiguous
/// between them: a warning, since it may be meant (a host and the venue named after it).
fn check_shared_keywords(raw: &RawKnowledge, diags: &mut Vec<Diagnostic>) {
    let mut uses: Vec<KeywordUse<'_>> = Vec::new();
    keyword_uses(
        &raw.events,
        EntryKind::Event,
        |e| {
            (
                &e.id,
                e.keywords
                    .iter()
                    .chain(e.follow_up.iter().flat_map(|f| f.keywords.iter()))
                    .collect(),
            )
        },
        &mut uses,
    );
    keyword_uses(
        &raw.venues,
        EntryKind::Venue,
        |v| (&v.id, v.keywords.iter().chain(&v.aliases).collect()),
        &mut uses,
    );
    keyword_uses(
        &raw.hosts,
        EntryKind::Host,
        |h| (&h.id, h.keywords.iter().chain(&h.aliases).collect()),
        &mut uses,
    );
    keyword_uses(
        &raw.initiatives,
        EntryKind::Initiative,
        |x| (&x.id, x.keywords.iter().chain(&x.aliases).collect()),
        &mut uses,
    );
    keyword_uses(
        &raw.supporters,
        EntryKind::Supporter,
        |s| (&s.id, s.keywords.iter().chain(&s.aliases).collect()),
        &mut uses,
    );
    keyword_uses(
        &raw.sessions,
        EntryKind::Session,
        |s| (&s.id, s.keywords.iter().chain(&s.aliases).collect()),
        &mut uses,
    );
    keyword_uses(
        &raw.speakers,
        EntryKind::Speaker,
        |s| (&s.id, s.keywords.iter().chain(&s.aliases).collect()),
        &mut uses,
    );
    keyword_uses(
        &raw.findings,
        EntryKind::Finding,
        |f| (&f.id, f.keywords.iter().collect()),
        &mut uses,
    );
    keyword_uses(
        &raw.faqs,
        EntryKind::Faq,
        |q| (&q.id, q.keywords.iter().collect()),
        &mut uses,
    );

    // The first use of each keyword per kind; a later use by another kind is warned about once.
    let mut first_of_kind: HashMap<String, Vec<usize>> = HashMap::new();
    for (i, u) in uses.iter().enumerate() {
        let key = u
            .word
            .get_ref()
            .to_lowercase()
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        let seen = first_of_kind.entry(key).or_default();
        if let Some(&other) = seen.iter().find(|&&j| uses[j].kind != u.kind) {
            let o = &uses[other];
            diags.push(raw.files[u.file].warning(
                &u.word.span(),
                format!(
                    "keyword `{}` of {} `{}` is also a keyword of {} `{}` ({}): questions with it may go to either",
                    u.word.get_ref(),
                    u.kind.noun(),
                    u.id,
                    o.kind.noun(),
                    o.id,
                    Origin::new(&raw.files[o.file], &o.word.span())
                ),
            ));
        }
        if !seen.iter().any(|&j| uses[j].kind == u.kind) {
            seen.push(i);
        }
    }
}

/// FNV-1a over every file's path and text: a short, stable version for the knowledge as a whole.
fn fingerprint(files: &[SourceFile]) -> String {
    const OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
    const PRIME: u64 = 0x0100_0000_01b3;
    let mut hash = OFFSET;
    for file in files {
        for byte in file
            .path
            .to_string_lossy()
            .bytes()
            .chain([0])
            .chain(file.text.bytes())
            .chain([0])
        {
            hash ^= u64::from(byte);
            hash = hash.wrapping_mul(PRIME);
        }
    }
    format!("{hash:016x}")
}
