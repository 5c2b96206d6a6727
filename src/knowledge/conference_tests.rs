//! The fields a conference needs, each with a value that is accepted and one that is refused with its
//! exact message and place: slots, tracks, categories, links, language, recordings, loose times, edges,
//! off-site locations, online venues and rooms, speaker kinds and merged duplicates, the short name.

use super::{Category, DayPart, LinkKind, SpeakerKind, from_text, problems};

/// A conference of two days with one venue (a physical room and an online one), a track and two
/// speakers; each test appends what it is about.
const BASE: &str = r##"
[event]
id = "conf"
title = "Example Conference 2026"
short_name = "ExCon"
time_zone = "Europe/Berlin"
start = 2026-06-01T09:00:00
end = 2026-06-02T18:00:00
days = [2026-06-01, 2026-06-02]
venue = "hall"

[[venue]]
id = "hall"
online = true
url = "https://meet.example.org/excon"

[[venue.rooms]]
id = "main"
name = "Main Hall"
description = "Ground floor, by the entrance"
floor = "ground floor"
capacity = 300

[[venue.rooms]]
id = "stream"
name = "Stream"
online = true
url = "https://meet.example.org/stream"

[[track]]
id = "maps"
name = "Maps"
color = "#2185D0"
description = "Everything about maps."

[[speaker]]
id = "ada"
name = "Ada Lovelace"

[[speaker]]
id = "crew"
name = "The Map Crew"
kind = "group"
"##;

fn with(extra: &str) -> String {
    format!("{BASE}{extra}")
}

/// The line of the first line of `extra` in `with(extra)`.
fn line_of(extra_line: usize) -> usize {
    BASE.lines().count() + extra_line
}

#[test]
fn a_conference_with_every_new_field_loads() {
    let k = from_text(&with(
        r#"
[[session]]
id = "workshop"
title = "Mapping workshop"
subtitle = "Bring a laptop"
kind = "Workshop (2h)"
track = "maps"
language = "pt-BR"
speakers = ["ada", "crew"]
recorded = false
url = "https://example.org/talk/workshop"
summary = "Learn to **map**."
description = "A longer text."

[[session.slots]]
start = 2026-06-01T10:00:00
end = 2026-06-01T12:00:00
room = "main"

[[session.slots]]
start = 2026-06-02T10:00:00
end = 2026-06-02T12:00:00
room = "main"

[[session.links]]
kind = "slides"
title = "The slides"
url = "https://example.org/slides.pdf"

[[session]]
id = "party"
title = "Social evening"
date = 2026-05-31
time = "evening"
edge = true
location = { name = "Example Park", address = "Park Lane 4", city = "Berlin", map = "https://maps.example.org/park" }

[[session]]
id = "keynote"
title = "Opening"
category = "keynote"
start = 2026-06-01T09:00:00
end = 2026-06-01T10:00:00
room = "stream"
"#,
    ));
    assert_eq!(k.event.short_name.as_deref(), Some("ExCon"));
    assert_eq!(k.event.days.len(), 2);
    let venue = &k.venues()[0];
    assert!(venue.online && venue.name.is_none() && venue.full_address().is_none());
    assert_eq!(venue.rooms[0].capacity, Some(300));
    assert_eq!(venue.rooms[0].floor.as_deref(), Some("ground floor"));
    assert!(venue.rooms[1].online);
    assert_eq!(k.tracks()[0].color.as_deref(), Some("#2185d0"));
    assert_eq!(k.tracks()[0].sessions, [0]);
    let workshop = &k.sessions()[0];
    assert_eq!(workshop.slots.len(), 2);
    assert_eq!(workshop.start, Some(workshop.slots[0].start.clone()));
    assert_eq!(workshop.category, Some(Category::Workshop));
    assert_eq!(workshop.track, Some(0));
    assert_eq!(workshop.language.as_deref(), Some("pt-BR"));
    assert_eq!(workshop.recorded, Some(false));
    assert_eq!(workshop.links[0].kind, LinkKind::Slides);
    assert_eq!(workshop.description.as_deref(), Some("A longer text."));
    let party = &k.sessions()[1];
    assert!(party.edge && party.slots.is_empty());
    assert_eq!(party.loose.map(|l| l.part), Some(DayPart::Evening));
    assert_eq!(
        party.location.as_ref().map(|l| l.name.as_str()),
        Some("Example Park")
    );
    assert_eq!(k.sessions()[2].category, Some(Category::Keynote));
    assert_eq!(k.speakers()[1].kind, SpeakerKind::Group);
}

#[test]
fn categories_are_recognised_from_the_words_conferences_use() {
    for (kind, category) in [
        ("Long talk (45 minutes)", Some(Category::Talk)),
        ("Lightning talks", Some(Category::LightningTalk)),
        ("Keynote", Some(Category::Keynote)),
        ("Coffee Break", Some(Category::Break)),
        ("Lunch", Some(Category::Break)),
        ("Reception", Some(Category::Social)),
        ("Tutorial", Some(Category::Workshop)),
        ("Poster", Some(Category::Poster)),
        ("BoF (45 minutes)", None),
    ] {
        assert_eq!(Category::recognise(kind), category, "{kind}");
    }
}

/// Each bad value, the line it is on (counted from the first line of the appended text) and the
/// message `usher check` gives.
#[test]
fn bad_values_are_refused_with_their_place() {
    let cases: [(&str, usize, usize, &str); 12] = [
        (
            "[[session]]\nid = \"s\"\ntitle = \"S\"\nlanguage = \"English\"\n",
            4,
            12,
            "`language` is a language code such as \"en\" or \"pt-BR\", not `English`",
        ),
        (
            "[[session]]\nid = \"s\"\ntitle = \"S\"\ncategory = \"talkshow\"\n",
            4,
            12,
            "unknown session category `talkshow`, expected one of `talk`, `keynote`, `lightning talk`, `workshop`, `panel`, `break`, `social`, `poster`",
        ),
        (
            "[[session]]\nid = \"s\"\ntitle = \"S\"\n[[session.links]]\nkind = \"podcast\"\nurl = \"https://example.org/p\"\n",
            5,
            8,
            "unknown link kind `podcast`, expected one of `video`, `slides`, `stream`, `recording`, `website`, `other`",
        ),
        (
            "[[session]]\nid = \"s\"\ntitle = \"S\"\n[[session.links]]\nkind = \"video\"\nurl = \"ftp://example.org/v\"\n",
            6,
            7,
            "`url` must be a web link: `ftp://example.org/v` is not an http(s) link",
        ),
        (
            "[[session]]\nid = \"s\"\ntitle = \"S\"\ntrack = \"map\"\n",
            4,
            9,
            "unknown track `map`, did you mean `maps`?",
        ),
        (
            "[[session]]\nid = \"s\"\ntitle = \"S\"\nstart = 2026-06-01T10:00:00\n[[session.slots]]\nstart = 2026-06-01T11:00:00\n",
            4,
            9,
            "session `s` has `slots` and `start`: with `slots`, write every time and room in the slots",
        ),
        (
            "[[session]]\nid = \"s\"\ntitle = \"S\"\ndate = 2026-06-01\ntime = \"teatime\"\n",
            5,
            8,
            "unknown `time` `teatime`, expected one of `morning`, `afternoon`, `evening`, `night`, `all day`",
        ),
        (
            "[[session]]\nid = \"s\"\ntitle = \"S\"\ndate = 2026-05-31\ntime = \"evening\"\n",
            4,
            8,
            "session `s` is on 2026-05-31, outside the event (2026-06-01 09:00 +02:00 to 2026-06-02 18:00 +02:00); a session just before or after it can say `edge = true`",
        ),
        (
            "[[session]]\nid = \"s\"\ntitle = \"S\"\nroom = \"main\"\nlocation = { name = \"Park\" }\n",
            4,
            8,
            "session `s` has a `room` and a `location`: an off-site session has a location instead of a room",
        ),
        (
            "[[track]]\nid = \"t\"\nname = \"T\"\ncolor = \"blue\"\n",
            4,
            9,
            "`color` must be a hex colour such as \"#2185d0\" or \"#28a\", not `blue`",
        ),
        (
            "[[venue]]\nid = \"v\"\nonline = true\n",
            3,
            10,
            "venue `v` is online: give the `url` participants join it at",
        ),
        (
            "[[speaker]]\nid = \"s\"\nname = \"S\"\nkind = \"robot\"\n",
            4,
            8,
            "unknown speaker kind `robot`, expected one of `person`, `group`, `placeholder`",
        ),
    ];
    for (extra, line, col, message) in cases {
        let expected = format!("k.toml:{}:{col}: {message}", line_of(line));
        assert_eq!(problems(&with(extra)), [expected], "{extra}");
    }
}

#[test]
fn a_room_seats_at_least_one() {
    let text = BASE.replace("capacity = 300", "capacity = 0");
    let line = BASE.lines().position(|l| l == "capacity = 300").unwrap() + 1;
    assert_eq!(
        problems(&text),
        [format!(
            "k.toml:{line}:12: `capacity` of room `main` is a number of seats, at least 1, not 0"
        )]
    );
}

#[test]
fn days_are_dates_each_once_in_order() {
    let line = BASE.lines().position(|l| l.starts_with("days")).unwrap() + 1;
    let text = BASE.replace(
        "days = [2026-06-01, 2026-06-02]",
        "days = [2026-06-02, 2026-06-01T10:00:00, 2026-06-01]",
    );
    assert_eq!(
        problems(&text),
        [
            format!(
                "k.toml:{line}:21: `days` lists dates such as 2025-03-18, not `2026-06-01T10:00:00`"
            ),
            format!(
                "k.toml:{line}:42: day 2026-06-01 is listed out of order or twice: list each day once, in order"
            ),
        ]
    );
}

#[test]
fn an_edge_inside_the_event_is_warned_about() {
    let extra =
        "[[session]]\nid = \"s\"\ntitle = \"S\"\nstart = 2026-06-01T10:00:00\nedge = true\n";
    assert_eq!(
        problems(&with(extra)),
        [format!(
            "k.toml:{}:8: warning: session `s` is marked `edge` but lies within the event: remove `edge`",
            line_of(5)
        )]
    );
}

#[test]
fn a_session_held_twice_in_one_room_does_not_overlap_itself_but_others_do() {
    let slots = "[[session]]\nid = \"a\"\ntitle = \"A\"\n\
        [[session.slots]]\nstart = 2026-06-01T10:00:00\nend = 2026-06-01T11:00:00\nroom = \"main\"\n\
        [[session.slots]]\nstart = 2026-06-01T11:00:00\nend = 2026-06-01T12:00:00\nroom = \"main\"\n";
    assert_eq!(problems(&with(slots)), Vec::<String>::new());
    let clash = format!(
        "{slots}[[session]]\nid = \"b\"\ntitle = \"B\"\nstart = 2026-06-01T11:30:00\nend = 2026-06-01T12:30:00\nroom = \"main\"\n"
    );
    assert_eq!(
        problems(&with(&clash)),
        [format!(
            "k.toml:{}:9: session `b` overlaps session `a` (2026-06-01 11:00 +02:00 to 2026-06-01 12:00 +02:00) in room `main`",
            line_of(15)
        )]
    );
}

#[test]
fn sessions_within_another_in_its_room_are_parts_of_it() {
    let extra = "[[session]]\nid = \"reception\"\ntitle = \"Reception\"\nstart = 2026-06-01T17:00:00\nend = 2026-06-01T18:00:00\nroom = \"main\"\n\
        [[session]]\nid = \"poster-1\"\ntitle = \"Poster one\"\nstart = 2026-06-01T17:00:00\nend = 2026-06-01T17:30:00\nroom = \"main\"\n\
        [[session]]\nid = \"poster-2\"\ntitle = \"Poster two\"\nstart = 2026-06-01T17:20:00\nend = 2026-06-01T17:40:00\nroom = \"main\"\n";
    assert_eq!(
        problems(&with(extra)),
        [format!(
            "k.toml:{}:9: session `poster-2` overlaps session `poster-1` (2026-06-01 17:00 +02:00 to 2026-06-01 17:30 +02:00) in room `main`",
            line_of(16)
        )],
        "the parts may not overlap each other"
    );
}

#[test]
fn two_speakers_of_one_name_are_warned_about_naming_both_unless_one_is_the_other() {
    let twice = "[[speaker]]\nid = \"ada-2\"\nname = \"Ada  Lovelace\"\n";
    assert_eq!(
        problems(&with(twice)),
        [format!(
            "k.toml:{}:6: warning: speakers `ada` and `ada-2` are both named \"Ada  Lovelace\": if they are one person, add `same_as = \"ada\"` to `ada-2`",
            line_of(2)
        )]
    );
    let merged = format!(
        "{twice}same_as = \"ada\"\n[[session]]\nid = \"s\"\ntitle = \"S\"\nspeakers = [\"ada-2\"]\n"
    );
    let k = from_text(&with(&merged));
    assert_eq!(
        k.sessions()[0].speakers,
        [0],
        "answered as the speaker it is the same as"
    );
    assert_eq!(k.speakers()[0].sessions, [0]);
    let placeholders = "[[speaker]]\nid = \"tba\"\nname = \"TBA\"\nkind = \"placeholder\"\n\
        [[speaker]]\nid = \"tba-2\"\nname = \"TBA\"\nkind = \"placeholder\"\n";
    assert_eq!(problems(&with(placeholders)), Vec::<String>::new());
}

#[test]
fn an_event_given_by_dates_runs_from_the_first_days_start_to_the_last_days_end() {
    let text = BASE
        .replace("start = 2026-06-01T09:00:00", "start = 2026-06-01")
        .replace("end = 2026-06-02T18:00:00", "end = 2026-06-02");
    let k = from_text(&text);
    assert_eq!(
        k.event.start.to_string(),
        "2026-06-01T00:00:00+02:00[Europe/Berlin]"
    );
    assert_eq!(
        k.event.end.to_string(),
        "2026-06-03T00:00:00+02:00[Europe/Berlin]"
    );
    assert_eq!(k.event.kind, "", "a kind is optional");
}
