use jiff::Timestamp;

use super::*;

const FORUM: &str = r#"
[event]
id = "forum"
title = "Water Forum"
kind = "Forum"
description = "A forum on water."
time_zone = "Europe/Amsterdam"
start = 2026-03-28T09:00:00
end = 2026-03-29T17:00:00
venue = "hall"

[[venue]]
id = "hall"
name = "Grand Hall"
address = "Main Street 1"
city = "Utrecht"
rooms = [{ id = "room-a", name = "Room A; upstairs" }]

[[speaker]]
id = "ada"
name = "Ada"

[[session]]
id = "opening"
title = "Opening, with coffee"
start = 2026-03-28T09:00:00
end = 2026-03-28T10:00:00
room = "room-a"
speakers = ["ada"]
summary = "Why rivers matter."

[[session]]
id = "sunday"
title = "After the clocks change"
start = 2026-03-29T09:00:00
end = 2026-03-29T10:00:00

[[session]]
id = "untimed"
title = "Hallway track"
"#;

fn version() -> Version {
    Version {
        changed: "2026-03-01T12:00:00Z".parse::<Timestamp>().unwrap(),
    }
}

#[test]
fn each_timed_session_is_one_event_in_the_event_zone_with_the_dst_change_it_spans() {
    let knowledge = crate::knowledge::from_text(FORUM);
    let calendar = from_knowledge(&knowledge, None).unwrap();
    let ics = write(&calendar, version());
    let lines: Vec<&str> = ics.split("\r\n").collect();
    assert_eq!(lines.last(), Some(&""), "the file ends with CRLF");
    assert_eq!(
        ics.matches("BEGIN:VEVENT").count(),
        2,
        "the untimed one is left out"
    );
    for expected in [
        "UID:opening-0@forum.usher",
        "DTSTART;TZID=Europe/Amsterdam:20260328T090000",
        "DTEND;TZID=Europe/Amsterdam:20260328T100000",
        "SUMMARY:Opening\\, with coffee",
        "LOCATION:Room A\\; upstairs\\, Grand Hall\\, Main Street 1\\, Utrecht",
        "DESCRIPTION:Why rivers matter.\\n\\nSpeakers: Ada",
        "DTSTAMP:20260301T120000Z",
        "STATUS:CONFIRMED",
        // A session without a room is at the event's venue.
        "LOCATION:Grand Hall\\, Main Street 1\\, Utrecht",
        // Winter time in force at the first session, summer time from 29 March 02:00.
        "TZOFFSETTO:+0100",
        "DTSTART:20260329T020000",
        "TZOFFSETFROM:+0100",
        "TZOFFSETTO:+0200",
    ] {
        assert!(lines.contains(&expected), "no line {expected:?} in\n{ics}");
    }
    assert_eq!(ics.matches("BEGIN:DAYLIGHT").count(), 1);
}

#[test]
fn the_same_knowledge_gives_the_same_bytes_and_a_newer_version_a_higher_sequence() {
    let knowledge = crate::knowledge::from_text(FORUM);
    let calendar = from_knowledge(&knowledge, None).unwrap();
    assert_eq!(write(&calendar, version()), write(&calendar, version()));
    let seq = |ics: &str| -> i64 {
        ics.lines()
            .find_map(|l| l.strip_prefix("SEQUENCE:"))
            .unwrap()
            .trim()
            .parse()
            .unwrap()
    };
    let later = Version {
        changed: version()
            .changed
            .checked_add(jiff::SignedDuration::from_secs(60))
            .unwrap(),
    };
    assert_eq!(
        seq(&write(&calendar, later)) - seq(&write(&calendar, version())),
        60
    );
}

#[test]
fn one_session_or_an_error_that_says_why_not() {
    let knowledge = crate::knowledge::from_text(FORUM);
    let one = from_knowledge(&knowledge, Some("sunday")).unwrap();
    assert_eq!(one.entries.len(), 1);
    assert_eq!(
        from_knowledge(&knowledge, Some("nope")).unwrap_err(),
        CalendarError::UnknownSession("nope".into())
    );
    assert_eq!(
        from_knowledge(&knowledge, Some("untimed")).unwrap_err(),
        CalendarError::Untimed("untimed".into())
    );
}

#[test]
fn several_occurrences_get_one_event_each_and_a_cancelled_entry_says_so() {
    let knowledge = crate::knowledge::from_text(FORUM);
    let mut calendar = from_knowledge(&knowledge, Some("opening")).unwrap();
    let entry = &mut calendar.entries[0];
    let mut again = entry.occurrences[0].clone();
    again.start = again
        .start
        .checked_add(jiff::SignedDuration::from_hours(24))
        .unwrap();
    again.end = None;
    entry.occurrences.push(again);
    entry.cancelled = true;
    let ics = write(&calendar, version());
    assert!(ics.contains("UID:opening-0@forum.usher\r\n"));
    assert!(ics.contains("UID:opening-1@forum.usher\r\n"));
    assert_eq!(ics.matches("STATUS:CANCELLED\r\n").count(), 2);
    assert_eq!(
        ics.matches("DTEND").count(),
        1,
        "an occurrence without end has none"
    );
}

#[test]
fn an_event_without_timed_sessions_is_its_own_entry() {
    let text = FORUM.split("[[speaker]]").next().unwrap();
    let knowledge = crate::knowledge::from_text(text);
    let calendar = from_knowledge(&knowledge, None).unwrap();
    assert_eq!(calendar.entries.len(), 1);
    assert_eq!(calendar.entries[0].id, "forum");
    let ics = write(&calendar, version());
    assert!(ics.contains("DTEND;TZID=Europe/Amsterdam:20260329T170000\r\n"));
}

#[test]
fn an_agenda_holds_its_timed_sessions_in_programme_order_and_nothing_else() {
    let knowledge = crate::knowledge::from_text(FORUM);
    let ids = |list: &[&str]| -> Vec<String> { list.iter().map(|s| (*s).to_owned()).collect() };
    let calendar = of_sessions(&knowledge, &ids(&["sunday", "untimed", "gone", "opening"]));
    let entries: Vec<&str> = calendar.entries.iter().map(|e| e.id.as_str()).collect();
    assert_eq!(entries, ["opening", "sunday"]);
    assert_eq!(calendar.event_id, "forum");
    assert!(
        of_sessions(&knowledge, &ids(&["untimed"]))
            .entries
            .is_empty()
    );
}

#[test]
fn a_session_marked_cancelled_keeps_its_uid_and_is_written_cancelled() {
    let marked = FORUM.replace(
        "summary = \"Why rivers matter.\"",
        "summary = \"Why rivers matter.\"\ncancelled = true",
    );
    let knowledge = crate::knowledge::from_text(&marked);
    let ics = write(&from_knowledge(&knowledge, None).unwrap(), version());
    let opening = ics
        .split("BEGIN:VEVENT")
        .find(|e| e.contains("UID:opening-0@forum.usher"))
        .expect("the cancelled session is still in the file");
    assert!(opening.contains("STATUS:CANCELLED\r\n"), "{opening}");
    assert_eq!(
        ics.matches("STATUS:CANCELLED").count(),
        1,
        "only it is cancelled"
    );
    // The mark is an edit of the knowledge, so its version, and with it every SEQUENCE, rises.
    let later = Version {
        changed: "2026-03-02T12:00:00Z".parse::<Timestamp>().unwrap(),
    };
    let before = write(
        &from_knowledge(&crate::knowledge::from_text(FORUM), None).unwrap(),
        version(),
    );
    let sequence = |text: &str| -> i64 {
        text.lines()
            .find_map(|l| l.strip_prefix("SEQUENCE:"))
            .unwrap()
            .trim()
            .parse()
            .unwrap()
    };
    assert!(
        sequence(&write(&from_knowledge(&knowledge, None).unwrap(), later)) > sequence(&before)
    );
}
