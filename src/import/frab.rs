//! frab's and pentabarf's `schedule.xml` (also written by pretalx, wafer and others).
//!
//! The shape is `<schedule><conference/><day><room><event/>...`, one `<event>` per slot. Every element is
//! checked against the format's known elements: an unknown one is refused with its line and column, since
//! it may carry something the import would otherwise silently drop (and the XML schema of the format
//! does not allow it either). Unknown attributes are ignored.

use jiff::civil::Date;
use jiff::tz::TimeZone;

use super::clock::{self, Field};
use super::model::{
    Conference, Draft, Link, LinkKind, Room, ScheduledEvent, Session, Slot, Speaker, Track,
};
use super::pretalx::talk_code;
use super::text::{block, line, slug};
use super::xml::{self, Element, problem_at};
use super::{ImportOptions, Problem};

const SCHEDULE: &[&str] = &["generator", "version", "url", "conference", "day"];
const CONFERENCE: &[&str] = &[
    "title",
    "subtitle",
    "acronym",
    "description",
    "start",
    "end",
    "days",
    "day_change",
    "timeslot_duration",
    "base_url",
    "url",
    "logo",
    "time_zone_name",
    "release",
    "venue",
    "city",
    "track",
    "rooms",
];
const CONFERENCE_ROOMS: &[&str] = &["room"];
const DAY: &[&str] = &["room"];
const ROOM: &[&str] = &["event"];
const EVENT: &[&str] = &[
    "date",
    "start",
    "duration",
    "room",
    "slug",
    "url",
    "recording",
    "title",
    "subtitle",
    "track",
    "type",
    "language",
    "abstract",
    "description",
    "logo",
    "persons",
    "links",
    "attachments",
    "video_download_url",
    "feedback_url",
    "origin_url",
    "tag",
];
const RECORDING: &[&str] = &["license", "optout", "url"];
const PERSONS: &[&str] = &["person"];
const LINKS: &[&str] = &["link"];
const ATTACHMENTS: &[&str] = &["attachment"];
/// Elements whose content is text only.
const LEAF: &[&str] = &[];

/// Reads a `schedule.xml` export.
pub fn parse(text: &str, options: &ImportOptions) -> Result<Conference, Problem> {
    let root = xml::parse(text)?;
    let reader = Reader { text };
    reader.read(&root, options)
}

struct Reader<'t> {
    text: &'t str,
}

impl Reader<'_> {
    fn problem(&self, element: &Element, message: impl Into<String>) -> Problem {
        problem_at(self.text, element.offset, message)
    }

    /// Refuses any child of `element` not in `known`, and any text of its own (for elements that hold
    /// only other elements).
    fn check(&self, element: &Element, known: &[&str]) -> Result<(), Problem> {
        for child in &element.children {
            if !known.contains(&child.name.as_str()) {
                let expected = if known.is_empty() {
                    "it holds only text".to_string()
                } else {
                    format!(
                        "expected {}",
                        known
                            .iter()
                            .map(|k| format!("<{k}>"))
                            .collect::<Vec<_>>()
                            .join(", ")
                    )
                };
                return Err(self.problem(
                    child,
                    format!(
                        "unknown element <{}> in <{}> ({expected})",
                        child.name, element.name
                    ),
                ));
            }
        }
        Ok(())
    }

    fn read(&self, root: &Element, options: &ImportOptions) -> Result<Conference, Problem> {
        if root.name != "schedule" {
            return Err(self.problem(
                root,
                format!(
                    "the root element is <{}>, not <schedule>: this is not a frab schedule.xml",
                    root.name
                ),
            ));
        }
        self.check(root, SCHEDULE)?;
        let conf = root
            .child("conference")
            .ok_or_else(|| self.problem(root, "<schedule> has no <conference>"))?;
        self.check(conf, CONFERENCE)?;
        for leaf in &conf.children {
            if !matches!(leaf.name.as_str(), "track" | "rooms") {
                self.check(leaf, LEAF)?;
            }
        }
        let zone_name = options
            .time_zone
            .clone()
            .or_else(|| line(conf.child_text("time_zone_name")))
            .ok_or_else(|| {
                self.problem(
                    conf,
                    "the export has no <time_zone_name>; give the zone with --time-zone",
                )
            })?;
        let tz = clock::time_zone(&zone_name)
            .map_err(|m| self.problem(conf.child("time_zone_name").unwrap_or(conf), m))?;
        let title = line(conf.child_text("title"))
            .ok_or_else(|| self.problem(conf, "<conference> has no <title>"))?;
        let acronym = line(conf.child_text("acronym")).unwrap_or_else(|| slug(&title));
        let date_of = |name: &str| -> Result<Option<Date>, Problem> {
            match conf.child(name) {
                Some(el) if !el.text.trim().is_empty() => clock::date(&el.text, &tz)
                    .map(Some)
                    .map_err(|m| self.problem(el, m)),
                _ => Ok(None),
            }
        };
        let start_date = date_of("start")?;
        let end_date = date_of("end")?;
        let mut draft = Draft::new(Conference {
            title,
            acronym,
            description: block(conf.child_text("description")),
            url: line(conf.child_text("url")).or_else(|| line(conf.child_text("base_url"))),
            time_zone_name: zone_name,
            time_zone: tz.clone(),
            start_date,
            end_date,
            days: Vec::new(),
            venue_name: line(conf.child_text("venue")),
            city: line(conf.child_text("city")),
            rooms: Vec::new(),
            tracks: Vec::new(),
            sessions: Vec::new(),
            speakers: Vec::new(),
        });
        for track in conf.children_named("track") {
            self.check(track, LEAF)?;
            let Some(name) = line(track.attribute("name")).or_else(|| line(Some(&track.text)))
            else {
                return Err(self.problem(track, "a <track> without a name"));
            };
            draft.add_track(Track {
                name,
                color: line(track.attribute("color")),
                description: None,
            });
        }
        for rooms in conf.children_named("rooms") {
            self.check(rooms, CONFERENCE_ROOMS)?;
            for room in rooms.children_named("room") {
                self.check(room, LEAF)?;
                let Some(name) = line(room.attribute("name")) else {
                    return Err(self.problem(room, "a <room> without a name"));
                };
                draft.add_room(Room {
                    name,
                    description: line(room.attribute("description"))
                        .or_else(|| line(Some(&room.text))),
                    capacity: None,
                    online: false,
                    url: None,
                });
            }
        }
        for day in root.children_named("day") {
            self.read_day(day, &tz, &mut draft)?;
        }
        Ok(draft.finish())
    }

    fn read_day(&self, day: &Element, tz: &TimeZone, draft: &mut Draft) -> Result<(), Problem> {
        self.check(day, DAY)?;
        // The day's `date` can be a day early (DebConf's is the UTC date of a start at 21:30 UTC);
        // the local date of its `start` is the day people mean. Slots without a `<date>` of their own
        // (old pentabarf) use the `date` as written.
        let listed = day
            .attribute("date")
            .filter(|d| !d.trim().is_empty())
            .map(|d| clock::date(d, tz).map_err(|m| self.problem(day, format!("`date`: {m}"))))
            .transpose()?;
        let local = day
            .attribute("start")
            .filter(|d| !d.trim().is_empty())
            .map(|d| clock::date(d, tz).map_err(|m| self.problem(day, format!("`start`: {m}"))))
            .transpose()?;
        let Some(date) = local.or(listed) else {
            return Err(self.problem(day, "a <day> with neither a `date` nor a `start`"));
        };
        draft.add_day(date);
        for room in day.children_named("room") {
            self.check(room, ROOM)?;
            let room_name = line(room.attribute("name"));
            for event in room.children_named("event") {
                let scheduled =
                    self.read_event(event, room_name.as_deref(), listed.or(local), tz)?;
                draft.add_event(scheduled);
            }
        }
        Ok(())
    }

    fn read_event(
        &self,
        event: &Element,
        room_name: Option<&str>,
        day: Option<Date>,
        tz: &TimeZone,
    ) -> Result<ScheduledEvent, Problem> {
        self.check(event, EVENT)?;
        for child in &event.children {
            match child.name.as_str() {
                "recording" => self.check(child, RECORDING)?,
                "persons" => self.check(child, PERSONS)?,
                "links" => self.check(child, LINKS)?,
                "attachments" => self.check(child, ATTACHMENTS)?,
                _ => self.check(child, LEAF)?,
            }
        }
        let field = |name: &str| event.child_text(name);
        let title = line(field("title"))
            .ok_or_else(|| self.problem(event, "an <event> without a <title>"))?;
        let start =
            clock::slot_start(field("date"), field("start"), day, tz).map_err(|(which, m)| {
                let name = match which {
                    Field::Date => "date",
                    Field::Start => "start",
                };
                self.problem(event.child(name).unwrap_or(event), m)
            })?;
        let duration_element = event
            .child("duration")
            .ok_or_else(|| self.problem(event, "an <event> without a <duration>"))?;
        let duration = clock::duration(&duration_element.text)
            .map_err(|m| self.problem(duration_element, m))?;
        let url = line(field("url"));
        let key = url
            .as_deref()
            .and_then(talk_code)
            .or_else(|| line(event.attribute("guid")))
            .or_else(|| line(event.attribute("id")))
            .ok_or_else(|| {
                self.problem(
                    event,
                    "an <event> with no guid or id, so it could not keep its id across imports",
                )
            })?;
        let persons = self.persons(event)?;
        let links = links(event);
        let recorded = self.recorded(event)?;
        let room = line(field("room")).or_else(|| room_name.map(str::to_string));
        Ok(ScheduledEvent {
            session: Session {
                key,
                title,
                subtitle: line(field("subtitle")),
                kind: line(field("type")),
                track: line(field("track")),
                language: line(field("language")),
                summary: block(field("abstract")),
                description: block(field("description")),
                url,
                recorded,
                links,
                speakers: persons.iter().map(|p| p.key.clone()).collect(),
                slots: vec![Slot {
                    start,
                    duration,
                    room,
                }],
            },
            persons,
        })
    }

    /// The event's `<persons>`, keyed by their code, guid or id, else by name.
    fn persons(&self, event: &Element) -> Result<Vec<Speaker>, Problem> {
        let mut persons = Vec::new();
        for person in event
            .children_named("persons")
            .flat_map(|list| list.children_named("person"))
        {
            self.check(person, LEAF)?;
            let Some(name) = line(Some(&person.text)) else {
                return Err(self.problem(person, "a <person> without a name"));
            };
            let key = line(person.attribute("code"))
                .or_else(|| line(person.attribute("guid")))
                .or_else(|| line(person.attribute("id")))
                .unwrap_or_else(|| name.clone());
            persons.push(Speaker {
                key,
                name,
                affiliation: None,
                bio: None,
            });
        }
        Ok(persons)
    }

    /// Whether the event is recorded, from `<recording><optout>`; `None` when the export does not say.
    fn recorded(&self, event: &Element) -> Result<Option<bool>, Problem> {
        let Some(optout) = event.child("recording").and_then(|r| r.child("optout")) else {
            return Ok(None);
        };
        match optout.text.trim() {
            "true" | "1" => Ok(Some(false)),
            "false" | "0" => Ok(Some(true)),
            "" => Ok(None),
            other => Err(self.problem(
                optout,
                format!("<optout> is \"{other}\", expected true or false"),
            )),
        }
    }
}

/// The event's `<links>`, `<attachments>` and `<video_download_url>`.
fn links(event: &Element) -> Vec<Link> {
    let mut links = Vec::new();
    for (list, item, kind) in [
        ("links", "link", LinkKind::Website),
        ("attachments", "attachment", LinkKind::Other),
    ] {
        for element in event
            .children_named(list)
            .flat_map(|l| l.children_named(item))
        {
            let Some(href) = line(element.attribute("href")) else {
                continue;
            };
            links.push(Link {
                kind,
                title: line(Some(&element.text)),
                url: href,
            });
        }
    }
    if let Some(video) = line(event.child_text("video_download_url")) {
        links.push(Link {
            kind: LinkKind::Recording,
            title: None,
            url: video,
        });
    }
    links
}
