//! `usher export ics`, run as participants' organisers run it: the real binary, its output read back by a
//! strict iCalendar parser (the `icalendar` crate's) and by our own checks of line ends and folding, and
//! every session's times and place compared with the knowledge it came from.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use jiff::ZonedDateTime;
use jiff::civil::DateTime;
use jiff::tz::TimeZone;
use tempfile::TempDir;

fn usher(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_usher"))
        .args(args)
        .env("TZ", "America/Los_Angeles")
        .output()
        .expect("the usher binary runs");
    (
        out.status.code().expect("usher exits normally"),
        String::from_utf8(out.stdout).expect("stdout is UTF-8"),
        String::from_utf8(out.stderr).expect("stderr is UTF-8"),
    )
}

fn path_str(path: &Path) -> &str {
    path.to_str().expect("test paths are UTF-8")
}

fn export(dir: &Path, extra: &[&str]) -> String {
    let mut args = vec!["export", "ics", "--knowledge", path_str(dir)];
    args.extend_from_slice(extra);
    let (code, stdout, stderr) = usher(&args);
    assert_eq!(code, 0, "{stderr}");
    stdout
}

/// One `VEVENT`'s properties by name: parameters and value.
type Properties = BTreeMap<String, (Vec<(String, String)>, String)>;

/// The file's lines end in CRLF, each at most 75 octets, continuations start with a space; a strict parser
/// reads it; every `VEVENT` is returned with its properties, and the `VTIMEZONE` ids.
fn parse_strictly(ics: &str) -> (Vec<Properties>, BTreeSet<String>) {
    assert!(ics.ends_with("\r\n"), "the file ends with CRLF");
    for (i, line) in ics.split("\r\n").enumerate() {
        assert!(
            !line.contains('\n') && !line.contains('\r'),
            "line {i}: a bare line break"
        );
        assert!(
            line.len() <= 75,
            "line {i} has {} octets: {line:?}",
            line.len()
        );
    }
    let unfolded = icalendar::parser::unfold(ics);
    let calendar = icalendar::parser::read_calendar(&unfolded).expect("a strict parser accepts it");
    // The parser reads the VCALENDAR's own properties and components into `calendar`.
    assert!(ics.starts_with("BEGIN:VCALENDAR\r\n") && ics.ends_with("END:VCALENDAR\r\n"));
    let root = &calendar;
    let root_props: BTreeSet<&str> = root.properties.iter().map(|p| p.name.as_str()).collect();
    assert!(root_props.contains("VERSION") && root_props.contains("PRODID"));
    let mut events = Vec::new();
    let mut zones = BTreeSet::new();
    for component in &root.components {
        let props: Properties = component
            .properties
            .iter()
            .map(|p| {
                let params = p
                    .params
                    .iter()
                    .map(|x| {
                        (
                            x.key.as_str().to_string(),
                            x.val
                                .as_ref()
                                .map(|v| v.as_str().to_string())
                                .unwrap_or_default(),
                        )
                    })
                    .collect();
                (
                    p.name.as_str().to_string(),
                    (params, p.val.as_str().to_string()),
                )
            })
            .collect();
        match component.name.as_str() {
            "VEVENT" => {
                for required in ["UID", "DTSTAMP", "DTSTART", "SUMMARY", "SEQUENCE"] {
                    assert!(props.contains_key(required), "a VEVENT without {required}");
                }
                events.push(props);
            }
            "VTIMEZONE" => {
                zones.insert(props["TZID"].1.clone());
                assert!(
                    !component.components.is_empty(),
                    "a VTIMEZONE with no observance"
                );
            }
            other => panic!("an unexpected component {other}"),
        }
    }
    (events, zones)
}

/// A TEXT value read back.
fn unescape(text: &str) -> String {
    let mut out = String::new();
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            match chars.next() {
                Some('n' | 'N') => out.push('\n'),
                Some(other) => out.push(other),
                None => {}
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// A `DTSTART`/`DTEND` read back as an instant in the zone its `TZID` names.
fn zoned(value: &(Vec<(String, String)>, String)) -> ZonedDateTime {
    let tzid = value
        .0
        .iter()
        .find(|(k, _)| k == "TZID")
        .map(|(_, v)| v.trim_matches('"'))
        .expect("times carry their zone");
    let local = DateTime::strptime("%Y%m%dT%H%M%S", &value.1).expect("a local date-time");
    local
        .to_zoned_datetime(TimeZone::get(tzid).expect("an IANA zone"))
        .expect("the local time exists in its zone")
}

/// Every timed session of the knowledge in `dir` is one `VEVENT` with its start, end, zone and place.
/// Returns the UIDs.
fn round_trip(dir: &Path) -> BTreeSet<String> {
    let checked = usher::knowledge::load(dir).expect("the knowledge reads");
    let knowledge = checked.knowledge.expect("the knowledge is valid");
    let ics = export(dir, &[]);
    let (events, zones) = parse_strictly(&ics);
    assert_eq!(
        zones,
        BTreeSet::from([knowledge.event.time_zone_name.clone()])
    );
    let by_uid: BTreeMap<&str, &Properties> = events
        .iter()
        .map(|e| (e.get("UID").unwrap().1.as_str(), e))
        .collect();
    assert_eq!(by_uid.len(), events.len(), "UIDs are unique");
    let mut timed = 0;
    for session in knowledge.sessions() {
        for (n, slot) in session.slots.iter().enumerate() {
            timed += 1;
            let uid = format!("{}-{n}@{}.usher", session.id, knowledge.event.id);
            let event = by_uid
                .get(uid.as_str())
                .unwrap_or_else(|| panic!("no {uid}"));
            assert_eq!(unescape(&event["SUMMARY"].1), session.title);
            let read_start = zoned(&event["DTSTART"]);
            assert_eq!(read_start.timestamp(), slot.start.timestamp(), "{uid}");
            assert_eq!(
                read_start.datetime(),
                slot.start
                    .with_time_zone(knowledge.event.time_zone.clone())
                    .datetime(),
                "{uid} is written in the event's local time"
            );
            match (&slot.end, event.get("DTEND")) {
                (Some(end), Some(read)) => assert_eq!(zoned(read).timestamp(), end.timestamp()),
                (None, None) => {}
                (end, read) => panic!("{uid}: end {end:?}, written {read:?}"),
            }
            if let Some(room) = slot.room {
                let location = unescape(&event["LOCATION"].1);
                let room_name = knowledge.room_name(room);
                assert!(location.starts_with(room_name), "{uid}: {location}");
                if let Some(venue) = &knowledge.venues()[room.venue].name {
                    assert!(location.contains(venue.as_str()), "{uid}: {location}");
                }
            }
        }
    }
    assert_eq!(events.len(), timed, "one VEVENT per slot");
    by_uid.keys().map(|k| (*k).to_string()).collect()
}

const CONFERENCE: &str = r#"
[event]
id = "deltas"
title = "Deltas Conference"
kind = "Conference"
description = "Three days on river deltas."
time_zone = "Europe/Amsterdam"
start = 2026-10-23T09:00:00
end = 2026-10-25T18:00:00
venue = "hall"

[[venue]]
id = "hall"
name = "Harbour Hall"
address = "Quay 4"
city = "Rotterdam"
rooms = [{ id = "main", name = "Main Room" }, { id = "side", name = "Side Room, east; upstairs" }]

[[speaker]]
id = "ana"
name = "Ana Lima"

[[session]]
id = "opening"
title = "Opening: why deltas, and why now"
start = 2026-10-23T09:00:00
end = 2026-10-23T09:30:00
room = "main"
speakers = ["ana"]
summary = "A long summary that goes on well past the seventy-five octets of one content line, with commas, semicolons; and a line\nbreak, and non-ASCII text: Zürich, São Paulo, 東京."

[[session]]
id = "sunday-walk"
title = "Sunday walk after the clocks go back"
start = 2026-10-25T10:00:00
end = 2026-10-25T12:00:00
room = "side"

[[session]]
id = "photo"
title = "Group photo"
start = 2026-10-24T13:00:00
"#;

fn conference() -> TempDir {
    let dir = TempDir::new().unwrap();
    fs::write(dir.path().join("event.toml"), CONFERENCE).unwrap();
    dir
}

#[test]
fn a_conference_across_a_clock_change_round_trips_and_repeats_byte_for_byte() {
    let dir = conference();
    let uids = round_trip(dir.path());
    assert_eq!(uids.len(), 3);
    let ics = export(dir.path(), &[]);
    assert_eq!(
        ics,
        export(dir.path(), &[]),
        "the same knowledge, the same bytes"
    );
    assert!(ics.contains("BEGIN:DAYLIGHT") && ics.contains("BEGIN:STANDARD"));
}

#[test]
fn one_session_to_a_file_and_an_unknown_one_refused() {
    let dir = conference();
    let out = dir.path().join("walk.ics");
    let (code, stdout, stderr) = usher(&[
        "export",
        "ics",
        "--knowledge",
        path_str(dir.path()),
        "--session",
        "sunday-walk",
        "--out",
        path_str(&out),
    ]);
    assert_eq!((code, stdout.as_str()), (0, ""), "{stderr}");
    assert_eq!(
        stderr,
        format!("Wrote 1 calendar event(s) to {}.\n", out.display())
    );
    let (events, _) = parse_strictly(&fs::read_to_string(&out).unwrap());
    assert_eq!(events.len(), 1);
    assert_eq!(events[0]["UID"].1, "sunday-walk-0@deltas.usher");

    let (code, stdout, stderr) = usher(&[
        "export",
        "ics",
        "--knowledge",
        path_str(dir.path()),
        "--session",
        "walk",
    ]);
    assert_eq!((code, stdout.as_str()), (1, ""));
    assert_eq!(
        stderr,
        "error: no session `walk` in the knowledge: `usher ask \"programme\"` lists the sessions\n"
    );
}

#[test]
fn an_edit_raises_the_sequence_and_keeps_the_uids() {
    let dir = conference();
    let before = export(dir.path(), &[]);
    let sequence = |ics: &str| -> i64 {
        ics.lines()
            .find_map(|l| l.strip_prefix("SEQUENCE:"))
            .unwrap()
            .trim()
            .parse()
            .unwrap()
    };
    // File times have a resolution of a second or coarser on some file systems.
    std::thread::sleep(std::time::Duration::from_millis(1100));
    let moved = CONFERENCE.replace("2026-10-25T10:00:00", "2026-10-25T11:00:00");
    fs::write(dir.path().join("event.toml"), moved).unwrap();
    let after = export(dir.path(), &[]);
    assert!(sequence(&after) > sequence(&before));
    let uids = |ics: &str| -> Vec<String> {
        ics.lines()
            .filter(|l| l.starts_with("UID:"))
            .map(str::to_string)
            .collect()
    };
    assert_eq!(uids(&before), uids(&after));
    assert!(after.contains("DTSTART;TZID=Europe/Amsterdam:20261025T110000\r\n"));
}

/// The shared conference exports: `$USHER_SHARED_DIR/eval/conference`, or `shared/eval/conference` in
/// the nearest folder above the checkout that has one (as `tests/import.rs` finds them).
fn shared_exports() -> PathBuf {
    if let Ok(dir) = std::env::var("USHER_SHARED_DIR") {
        return Path::new(&dir).join("eval/conference");
    }
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .ancestors()
        .map(|dir| dir.join("shared/eval/conference"))
        .find(|dir| dir.is_dir())
        .expect("shared/eval/conference exists above the checkout (or set USHER_SHARED_DIR)")
}

#[test]
fn both_shared_conferences_round_trip_and_keep_their_uids_across_a_reimport() {
    for (format, file) in [
        ("pretalx", "good2025.schedule.json"),
        ("frab", "debconf23.schedule.xml"),
    ] {
        let export_file = shared_exports().join(file);
        let first = TempDir::new().unwrap();
        let second = TempDir::new().unwrap();
        for dir in [&first, &second] {
            let (code, _, stderr) = usher(&[
                "import",
                format,
                "--knowledge",
                path_str(dir.path()),
                path_str(&export_file),
            ]);
            assert_eq!(code, 0, "{stderr}");
        }
        let uids = round_trip(first.path());
        assert!(uids.len() > 50, "{file}: {} events", uids.len());
        assert_eq!(
            uids,
            round_trip(second.path()),
            "{file}: a re-import keeps every UID"
        );
    }
}
