//! `usher import`, run as organisers run it: the real binary on real and hand-made schedule exports, with
//! the files it writes, what it prints, and what it leaves alone checked exactly.

use std::collections::BTreeMap;
use std::fs;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::SystemTime;

use tempfile::TempDir;

struct Output {
    code: i32,
    stdout: String,
    stderr: String,
}

/// Runs `usher` with `args`, `stdin` as its input and the machine's zone set to `zone` (imports must
/// never depend on it).
fn usher_in_zone(args: &[&str], stdin: &str, zone: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_usher"))
        .args(args)
        .env("TZ", zone)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the usher binary starts");
    child
        .stdin
        .take()
        .expect("stdin is piped")
        .write_all(stdin.as_bytes())
        .expect("stdin accepts the input");
    let out = child.wait_with_output().expect("usher runs to completion");
    Output {
        code: out.status.code().expect("usher exits normally"),
        stdout: String::from_utf8(out.stdout).expect("stdout is UTF-8"),
        stderr: String::from_utf8(out.stderr).expect("stderr is UTF-8"),
    }
}

fn usher(args: &[&str]) -> Output {
    usher_in_zone(args, "", "UTC")
}

/// The shared conference exports: `$USHER_SHARED_DIR/eval/conference`, or `shared/eval/conference` in
/// the nearest folder above the checkout that has one (the checkout's parent in CI and in worktrees).
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

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/import")
        .join(name)
}

fn path_str(path: &Path) -> &str {
    path.to_str().expect("test paths are UTF-8")
}

/// Every file below `dir` (hidden ones too) with a hash of its bytes and its modification time.
fn snapshot(dir: &Path) -> BTreeMap<PathBuf, (u64, SystemTime)> {
    let mut files = BTreeMap::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(current) = pending.pop() {
        let Ok(entries) = fs::read_dir(&current) else {
            continue;
        };
        for entry in entries {
            let path = entry.expect("a readable entry").path();
            let meta = fs::metadata(&path).expect("readable metadata");
            if meta.is_dir() {
                pending.push(path.clone());
            }
            let mut hasher = DefaultHasher::new();
            if meta.is_file() {
                fs::read(&path).expect("a readable file").hash(&mut hasher);
            }
            files.insert(path, (hasher.finish(), meta.modified().expect("an mtime")));
        }
    }
    files
}

fn toml_file(path: &Path) -> toml::Table {
    let text = fs::read_to_string(path)
        .unwrap_or_else(|err| panic!("{} is readable: {err}", path.display()));
    text.parse()
        .unwrap_or_else(|err| panic!("{} is TOML: {err}", path.display()))
}

/// The entry with `id` in the array of tables `section` of a file.
fn entry<'a>(table: &'a toml::Table, section: &str, id: &str) -> &'a toml::Table {
    table[section]
        .as_array()
        .expect("an array of tables")
        .iter()
        .filter_map(toml::Value::as_table)
        .find(|e| e["id"].as_str() == Some(id))
        .unwrap_or_else(|| panic!("no {section} {id}"))
}

fn text<'a>(table: &'a toml::Table, key: &str) -> &'a str {
    table
        .get(key)
        .unwrap_or_else(|| panic!("no `{key}` in {table:?}"))
        .as_str()
        .unwrap_or_else(|| panic!("`{key}` is not a string"))
}

/// `usher check --strict` on an import folder: no error and no warning.
fn assert_checks_strictly(folder: &Path) {
    let out = usher(&["check", "--strict", "--knowledge", path_str(folder)]);
    assert_eq!(out.code, 0, "{}{}", out.stdout, out.stderr);
    assert!(
        out.stdout
            .starts_with(&format!("{}: valid: 1 event", folder.display())),
        "{}",
        out.stdout
    );
}

fn datetime(table: &toml::Table, key: &str) -> String {
    table[key].as_datetime().expect("a datetime").to_string()
}

#[test]
fn both_shared_exports_import_with_their_times_people_and_rooms() {
    let shared = shared_exports();
    let knowledge = TempDir::new().unwrap();
    let dir = path_str(knowledge.path());

    let json = shared.join("good2025.schedule.json");
    let out = usher(&["import", "pretalx", "--knowledge", dir, path_str(&json)]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let good = knowledge.path().join("imported/good-2025");
    assert_eq!(
        out.stdout,
        format!(
            "Read \"GOOD 2025\" from {}: 65 sessions in 72 slots, 63 speakers, 5 rooms, 13 tracks, 4 days.\n\
             No previous import in {}.\nWrote 8 files to {}.\n",
            json.display(),
            good.display(),
            good.display()
        )
    );
    let tuesday = toml_file(&good.join("sessions/2025-03-18.toml"));
    let xdmod = entry(&tuesday, "session", "session-tjnp7w");
    assert_eq!(text(xdmod, "title"), "Integrating XDMoD with OnDemand");
    assert_eq!(datetime(xdmod, "start"), "2025-03-18T08:30:00-04:00");
    assert_eq!(datetime(xdmod, "end"), "2025-03-18T10:00:00-04:00");
    assert_eq!(text(xdmod, "room"), "room-tsai-auditorium-cgis-s010");
    assert_eq!(text(xdmod, "kind"), "Tutorial");
    assert!(!text(xdmod, "description").contains('\r'));
    let speakers = toml_file(&good.join("speakers.toml"));
    let dori = entry(&speakers, "speaker", "speaker-7hlywh");
    assert_eq!(text(dori, "name"), "Dori Sajdak");
    assert_eq!(text(dori, "affiliation"), "University at Buffalo");
    assert!(text(dori, "bio").starts_with("Dori is a senior systems administrator"));
    let event = toml_file(&good.join("event.toml"));
    let event = event["event"].as_table().unwrap();
    assert_eq!(text(event, "time_zone"), "US/Eastern");
    assert_eq!(datetime(event, "start"), "2025-03-17T13:00:00-04:00");
    // The forum held on three days was entered as three talks with one text: one session, three slots,
    // the id from the smallest of their codes.
    let forum = entry(&tuesday, "session", "session-fbjkt8");
    assert_eq!(text(forum, "title"), "Developer Forum");
    assert!(forum.get("start").is_none());
    let slots: Vec<String> = forum["slots"]
        .as_array()
        .unwrap()
        .iter()
        .map(|slot| datetime(slot.as_table().unwrap(), "start"))
        .collect();
    assert_eq!(
        slots,
        [
            "2025-03-18T15:00:00-04:00",
            "2025-03-19T17:30:00-04:00",
            "2025-03-20T10:30:00-04:00"
        ]
    );
    // The export's acronym is "2025", which names no event: the folder and ids come from the title.
    assert_eq!(text(event, "id"), "event-good-2025");
    assert!(event.get("short_name").is_none());
    assert_checks_strictly(&good);

    let xml = shared.join("debconf23.schedule.xml");
    let out = usher(&["import", "frab", "--knowledge", dir, path_str(&xml)]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stdout.starts_with(&format!(
            "Read \"DebConf 23\" from {}: 90 sessions in 117 slots, 87 speakers, 5 rooms, 12 tracks, 8 days.\n",
            xml.display()
        )),
        "{}",
        out.stdout
    );
    let debconf = knowledge.path().join("imported/debconf23");
    // The export's <day date> is the UTC date, a day early; the days are the local ones.
    let event = toml_file(&debconf.join("event.toml"));
    let days: Vec<String> = event["event"]["days"]
        .as_array()
        .unwrap()
        .iter()
        .map(ToString::to_string)
        .collect();
    assert_eq!(days.first().map(String::as_str), Some("2023-09-10"));
    assert_eq!(days.last().map(String::as_str), Some("2023-09-17"));
    let sunday = toml_file(&debconf.join("sessions/2023-09-10.toml"));
    let opening = entry(
        &sunday,
        "session",
        "session-455d075f-48c0-2ec2-24b3-f5add30c383a",
    );
    assert_eq!(text(opening, "title"), "Opening Ceremony");
    // <date> 05:00 UTC with <start> 10:30: one instant, written in Kolkata's time.
    assert_eq!(datetime(opening, "start"), "2023-09-10T10:30:00+05:30");
    assert_eq!(text(opening, "room"), "room-anamudi");
    assert_eq!(opening["speakers"].as_array().unwrap().len(), 1);
    let ksp = entry(
        &sunday,
        "session",
        "session-794a4f27-5ac4-6129-3c2c-459fdeed5ad7",
    );
    assert_eq!(ksp["recorded"].as_bool(), Some(false));
    assert_checks_strictly(&debconf);

    // Every written file says it is generated, so the next import can tell it from a hand-written one.
    for path in snapshot(knowledge.path()).keys().filter(|p| p.is_file()) {
        let text = fs::read_to_string(path).unwrap();
        assert!(
            text.starts_with("# Written by `usher import`"),
            "{}",
            path.display()
        );
    }
}

#[test]
fn reimporting_unchanged_exports_reports_no_change_and_rewrites_nothing() {
    let shared = shared_exports();
    for (format, file, folder) in [
        ("pretalx", "good2025.schedule.json", "good-2025"),
        ("frab", "debconf23.schedule.xml", "debconf23"),
    ] {
        let knowledge = TempDir::new().unwrap();
        let dir = path_str(knowledge.path());
        let export = shared.join(file);
        let first = usher(&["import", format, "--knowledge", dir, path_str(&export)]);
        assert_eq!(first.code, 0, "{}", first.stderr);
        let before = snapshot(knowledge.path());
        let again = usher(&["import", format, "--knowledge", dir, path_str(&export)]);
        assert_eq!(again.code, 0, "{}", again.stderr);
        let folder = knowledge.path().join("imported").join(folder);
        assert!(
            again.stdout.ends_with(&format!(
                "No changes since the last import.\nThe files in {} are up to date; nothing was written.\n",
                folder.display()
            )),
            "{}",
            again.stdout
        );
        assert_eq!(snapshot(knowledge.path()), before, "{file} was rewritten");
    }
}

/// The GOOD 2025 export with one session moved, one cancelled and one added.
fn good2025_edited() -> String {
    let text = fs::read_to_string(shared_exports().join("good2025.schedule.json")).unwrap();
    let mut export: serde_json::Value = serde_json::from_str(&text).unwrap();
    let days = export["schedule"]["conference"]["days"]
        .as_array_mut()
        .unwrap();
    let code_of = |event: &serde_json::Value| event["url"].as_str().unwrap().to_string();
    let mut added = None;
    for day in days.iter_mut() {
        for (_, events) in day["rooms"].as_object_mut().unwrap().iter_mut() {
            let events = events.as_array_mut().unwrap();
            events.retain(|e| !code_of(e).contains("/VP83KJ/"));
            for event in events.iter_mut() {
                if code_of(event).contains("/TJNP7W/") {
                    event["date"] = "2025-03-18T15:30:00-04:00".into();
                    event["start"] = "15:30".into();
                    event["room"] = "Lee Conference Room (CGIS S030)".into();
                }
                if code_of(event).contains("/UAU9AG/") {
                    let mut copy = event.clone();
                    copy["guid"] = "11111111-2222-4333-8444-555555555555".into();
                    copy["url"] = "https://cfp.openondemand.org/2025/talk/NEWTLK/".into();
                    copy["title"] = "A late addition".into();
                    copy["date"] = "2025-03-19T16:00:00-04:00".into();
                    copy["start"] = "16:00".into();
                    copy["room"] = "Kang Conference Room (CGIS S050)".into();
                    copy["persons"] = serde_json::json!([]);
                    added = Some(copy);
                }
            }
        }
    }
    let added = added.expect("UAU9AG is in the export");
    days[2]["rooms"]["Kang Conference Room (CGIS S050)"]
        .as_array_mut()
        .unwrap()
        .push(added);
    serde_json::to_string_pretty(&export).unwrap()
}

#[test]
fn a_reimport_after_moving_cancelling_and_adding_reports_exactly_those() {
    let knowledge = TempDir::new().unwrap();
    let dir = path_str(knowledge.path());
    let original = shared_exports().join("good2025.schedule.json");
    assert_eq!(
        usher(&["import", "pretalx", "--knowledge", dir, path_str(&original)]).code,
        0
    );
    let edited = knowledge.path().join("edited.json");
    fs::write(&edited, good2025_edited()).unwrap();
    let out = usher(&["import", "pretalx", "--knowledge", dir, path_str(&edited)]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let folder = knowledge.path().join("imported/good-2025");
    assert_eq!(
        out.stdout,
        format!(
            "Read \"GOOD 2025\" from {}: 65 sessions in 72 slots, 63 speakers, 5 rooms, 13 tracks, 4 days.\n\
             Changes since the last import:\n  \
             added session session-newtlk \"A late addition\": 2025-03-19 16:00-16:25 in Kang Conference Room (CGIS S050)\n  \
             removed session session-vp83kj \"Governance Working Group - Community Engagement\" (was 2025-03-20 14:00-15:00 in Tsai Auditorium (CGIS S010))\n  \
             moved session session-tjnp7w \"Integrating XDMoD with OnDemand\": 2025-03-18 08:30-10:00 in Tsai Auditorium (CGIS S010) -> 2025-03-18 15:30-17:00 in Lee Conference Room (CGIS S030)\n\
             Wrote 8 files to {}.\n",
            edited.display(),
            folder.display()
        )
    );
    let thursday = fs::read_to_string(folder.join("sessions/2025-03-20.toml")).unwrap();
    assert!(!thursday.contains("session-vp83kj"));
    // The same edit again is no change.
    let again = usher(&["import", "pretalx", "--knowledge", dir, path_str(&edited)]);
    assert!(
        again.stdout.contains("No changes since the last import."),
        "{}",
        again.stdout
    );
}

#[test]
fn retitles_speaker_changes_and_edited_details_are_reported() {
    let knowledge = TempDir::new().unwrap();
    let dir = path_str(knowledge.path());
    let original = fixture("edge.schedule.json");
    assert_eq!(
        usher(&["import", "pretalx", "--knowledge", dir, path_str(&original)]).code,
        0
    );
    let edited = fs::read_to_string(&original)
        .unwrap()
        .replace(
            "\"title\": \"Remote talk\"",
            "\"title\": \"Remote keynote\"",
        )
        .replace(
            "\"code\": \"GRACE\", \"name\": \"Grace Hopper\", \"public_name\": \"Grace Hopper\"",
            "\"code\": \"KATHERINE\", \"public_name\": \"Katherine Johnson\"",
        )
        .replace(
            "\"abstract\": \"Bring a laptop.\"",
            "\"abstract\": \"Bring a laptop and a charger.\"",
        );
    let edited_path = knowledge.path().join("edited.json");
    fs::write(&edited_path, edited).unwrap();
    let out = usher(&[
        "import",
        "pretalx",
        "--knowledge",
        dir,
        path_str(&edited_path),
    ]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let changes: Vec<&str> = out
        .stdout
        .lines()
        .filter_map(|l| l.strip_prefix("  "))
        .collect();
    assert_eq!(
        changes,
        [
            "retitled session session-remote: \"Remote talk\" -> \"Remote keynote\"",
            "changed session session-remote \"Remote keynote\": speakers",
            "changed session session-twoslot \"Hands-on mapping\": summary",
            "added speaker speaker-katherine \"Katherine Johnson\"",
            "removed speaker speaker-grace \"Grace Hopper\"",
        ]
    );
}

/// The edge-case export imported into a new knowledge directory, with the machine's zone set far from
/// the conference's (Auckland; the machine says Los Angeles): nothing may shift.
fn import_edge_fixture() -> (TempDir, PathBuf) {
    let knowledge = TempDir::new().unwrap();
    let out = usher_in_zone(
        &[
            "import",
            "pretalx",
            "--knowledge",
            path_str(knowledge.path()),
            path_str(&fixture("edge.schedule.json")),
        ],
        "",
        "America/Los_Angeles",
    );
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stdout.starts_with("Read \"Edge Case Camp\" from "),
        "{}",
        out.stdout
    );
    let folder = knowledge.path().join("imported/edgecamp");
    (knowledge, folder)
}

#[test]
fn edge_case_sessions_keep_their_slots_and_times_whatever_the_machines_zone() {
    let (_knowledge, folder) = import_edge_fixture();
    let files: Vec<String> = snapshot(&folder)
        .keys()
        .map(|p| p.strip_prefix(&folder).unwrap().display().to_string())
        .collect();
    assert_eq!(
        files,
        [
            "event.toml",
            "sessions",
            "sessions/2026-02-20.toml",
            "sessions/2026-02-21.toml",
            "speakers.toml",
            "tracks.toml",
            "venue.toml",
        ]
    );

    let event = toml_file(&folder.join("event.toml"));
    let event = event["event"].as_table().unwrap();
    assert_eq!(text(event, "title"), "Edge Case Camp");
    assert_eq!(text(event, "short_name"), "edgecamp");
    assert_eq!(datetime(event, "start"), "2026-02-20T10:00:00+13:00");
    assert_eq!(datetime(event, "end"), "2026-02-21T15:30:00+13:00");
    // The third day has nothing scheduled and is still a day of the event.
    assert_eq!(
        event["days"].to_string(),
        "[2026-02-20, 2026-02-21, 2026-02-22]"
    );

    let friday = toml_file(&folder.join("sessions/2026-02-20.toml"));
    // One talk in two slots is one session with both.
    let workshop = entry(&friday, "session", "session-twoslot");
    assert_eq!(text(workshop, "title"), "Hands-on mapping");
    assert!(workshop.get("start").is_none());
    let slots: Vec<(String, String, String)> = workshop["slots"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            let s = s.as_table().unwrap();
            (
                datetime(s, "start"),
                datetime(s, "end"),
                text(s, "room").to_string(),
            )
        })
        .collect();
    assert_eq!(
        slots,
        [
            (
                "2026-02-20T10:00:00+13:00".to_string(),
                "2026-02-20T11:30:00+13:00".to_string(),
                "room-main-hall".to_string()
            ),
            (
                "2026-02-21T14:00:00+13:00".to_string(),
                "2026-02-21T15:30:00+13:00".to_string(),
                "room-workshop-room".to_string()
            ),
        ]
    );
    assert_eq!(
        text(workshop, "description"),
        "We map the **camp**.\n\n- paper\n- pens"
    );
    // A talk without persons has no speakers.
    let lunch = entry(&friday, "session", "session-noperson");
    assert!(lunch.get("speakers").is_none());
    assert_eq!(text(lunch, "kind"), "Break");
    // A party past midnight ends the next day.
    let party = entry(&friday, "session", "session-midnight");
    assert_eq!(datetime(party, "end"), "2026-02-21T02:00:00+13:00");

    // Listed under Friday's programme at 00:30, it is Saturday's: the file of the day it happens.
    let saturday = toml_file(&folder.join("sessions/2026-02-21.toml"));
    let owl = entry(&saturday, "session", "session-owl");
    assert_eq!(datetime(owl, "start"), "2026-02-21T00:30:00+13:00");
    let remote = entry(&saturday, "session", "session-remote");
    assert_eq!(remote["recorded"].as_bool(), Some(false));
    assert_eq!(text(remote, "language"), "de");
    let links: Vec<(&str, &str)> = remote["links"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| {
            (
                text(l.as_table().unwrap(), "kind"),
                text(l.as_table().unwrap(), "url"),
            )
        })
        .collect();
    assert_eq!(
        links,
        [
            ("slides", "https://edge.example.org/slides.pdf"),
            ("other", "https://edge.example.org/handout.pdf")
        ]
    );
}

#[test]
fn edge_case_speakers_rooms_and_tracks_say_what_the_export_says() {
    let (_knowledge, folder) = import_edge_fixture();
    let speakers = toml_file(&folder.join("speakers.toml"));
    let ada = entry(&speakers, "speaker", "speaker-ada");
    assert_eq!(text(ada, "name"), "Ada Lovelace");
    assert_eq!(text(ada, "affiliation"), "Analytical Society");
    // A person without a biography has none, rather than an empty one.
    let grace = entry(&speakers, "speaker", "speaker-grace");
    assert!(grace.get("bio").is_none());
    assert_eq!(speakers["speaker"].as_array().unwrap().len(), 2);

    let venue = toml_file(&folder.join("venue.toml"));
    let venue = &venue["venue"].as_array().unwrap()[0];
    let online = venue["rooms"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(toml::Value::as_table)
        .find(|r| text(r, "id") == "room-online-stage")
        .unwrap();
    assert_eq!(online["online"].as_bool(), Some(true));
    assert_eq!(text(online, "url"), "https://stream.example.org/stage");
    let tracks = toml_file(&folder.join("tracks.toml"));
    let community = entry(&tracks, "track", "track-community");
    assert_eq!(text(community, "color"), "#2185d0");
}

#[test]
fn a_frab_export_with_a_venue_opt_outs_and_an_empty_day() {
    let knowledge = TempDir::new().unwrap();
    let dir = path_str(knowledge.path());
    let out = usher(&[
        "import",
        "frab",
        "--knowledge",
        dir,
        path_str(&fixture("edge.schedule.xml")),
    ]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let folder = knowledge.path().join("imported/tinyconf");
    let venue = toml_file(&folder.join("venue.toml"));
    let venue = venue["venue"].as_array().unwrap()[0].as_table().unwrap();
    assert_eq!(text(venue, "name"), "Casa do Largo");
    assert_eq!(text(venue, "city"), "Lisboa");
    let event = toml_file(&folder.join("event.toml"));
    assert_eq!(
        text(event["event"].as_table().unwrap(), "title"),
        "Tiny & Conf"
    );
    assert_eq!(
        event["event"]["days"].to_string(),
        "[2026-10-24, 2026-10-25]"
    );
    let day = toml_file(&folder.join("sessions/2026-10-24.toml"));
    let welcome = entry(
        &day,
        "session",
        "session-7d2b5a38-3c1a-4c9e-9a51-000000000101",
    );
    assert_eq!(
        text(welcome, "description"),
        "A *short* welcome & the plan."
    );
    assert_eq!(welcome["recorded"].as_bool(), Some(true));
    let open_space = entry(
        &day,
        "session",
        "session-7d2b5a38-3c1a-4c9e-9a51-000000000102",
    );
    assert_eq!(open_space["recorded"].as_bool(), Some(false));
    assert!(open_space.get("speakers").is_none());
    assert!(open_space.get("track").is_none());
    assert_checks_strictly(&folder);
}

#[test]
fn broken_exports_are_refused_with_their_place_and_the_knowledge_is_untouched() {
    let knowledge = TempDir::new().unwrap();
    let dir = path_str(knowledge.path());
    assert_eq!(
        usher(&[
            "import",
            "pretalx",
            "--knowledge",
            dir,
            path_str(&fixture("edge.schedule.json"))
        ])
        .code,
        0
    );
    let before = snapshot(knowledge.path());
    let cases = [
        (
            "pretalx",
            "broken/truncated.schedule.json",
            ":50:6: schedule.conference.days[0].rooms.Main Hall[2]: the file ends in the middle of the JSON (EOF while parsing an object): is it cut short?",
        ),
        (
            "pretalx",
            "broken/wrong-type.schedule.json",
            ":153:30: schedule.conference.days[1].rooms.Online Stage[0].duration: invalid type: integer `45`, expected a string",
        ),
        (
            "pretalx",
            "broken/bad-time.schedule.json",
            ": schedule.conference.days[0].rooms.Main Hall[2].start: \"25:00\" is not a time of day (expected HH:MM)",
        ),
        (
            "frab",
            "broken/unknown-element.schedule.xml",
            ":38:9: unknown element <speaker_notes> in <event> (expected <date>, <start>, <duration>, <room>, <slug>, <url>, <recording>, <title>, <subtitle>, <track>, <type>, <language>, <abstract>, <description>, <logo>, <persons>, <links>, <attachments>, <video_download_url>, <feedback_url>, <origin_url>, <tag>)",
        ),
        (
            "frab",
            "edge.schedule.json",
            ":1:1: this file is JSON, which `usher import frab` does not read; use `usher import pretalx`",
        ),
    ];
    for (format, file, place_and_message) in cases {
        let path = fixture(file);
        let out = usher(&["import", format, "--knowledge", dir, path_str(&path)]);
        assert_eq!(out.code, 1, "{file}: {}", out.stdout);
        assert_eq!(
            out.stderr,
            format!("error: {}{place_and_message}\n", path.display()),
            "{file}"
        );
        assert_eq!(out.stdout, "", "{file}");
        assert_eq!(
            snapshot(knowledge.path()),
            before,
            "{file} touched the knowledge"
        );
    }
}

#[test]
fn standard_input_and_dry_runs() {
    let knowledge = TempDir::new().unwrap();
    let dir = path_str(knowledge.path());
    let export = fs::read_to_string(fixture("edge.schedule.xml")).unwrap();
    let folder = knowledge.path().join("imported/tinyconf");

    let dry = usher_in_zone(
        &["import", "frab", "--dry-run", "--knowledge", dir, "-"],
        &export,
        "UTC",
    );
    assert_eq!(dry.code, 0, "{}", dry.stderr);
    assert_eq!(
        dry.stdout,
        format!(
            "Read \"Tiny & Conf\" from <stdin>: 2 sessions in 2 slots, 1 speaker, 1 room, 1 track, 2 days.\n\
             No previous import in {f}.\nDry run: would write 5 files to {f}; nothing was written.\n",
            f = folder.display()
        )
    );
    assert!(
        snapshot(knowledge.path()).is_empty(),
        "a dry run wrote files"
    );

    let real = usher_in_zone(&["import", "frab", "--knowledge", dir, "-"], &export, "UTC");
    assert_eq!(real.code, 0, "{}", real.stderr);
    assert!(folder.join("event.toml").is_file());

    let before = snapshot(knowledge.path());
    let moved = export.replace(
        "<date>2026-10-24T11:00:00+01:00</date>\n        <start>11:00</start>",
        "<date>2026-10-24T14:00:00+01:00</date>\n        <start>14:00</start>",
    );
    let dry_move = usher_in_zone(
        &["import", "frab", "--dry-run", "--knowledge", dir, "-"],
        &moved,
        "UTC",
    );
    assert!(
        dry_move.stdout.contains(
            "  moved session session-7d2b5a38-3c1a-4c9e-9a51-000000000102 \"Open space\": \
             2026-10-24 11:00-12:00 in Sala 1 -> 2026-10-24 14:00-15:00 in Sala 1\n"
        ),
        "{}",
        dry_move.stdout
    );
    assert!(dry_move.stdout.ends_with("nothing was written.\n"));
    assert_eq!(
        snapshot(knowledge.path()),
        before,
        "a dry run rewrote files"
    );
}

#[test]
fn a_hand_written_file_in_the_import_folder_is_never_replaced() {
    let knowledge = TempDir::new().unwrap();
    let dir = path_str(knowledge.path());
    let export = fixture("edge.schedule.json");
    assert_eq!(
        usher(&["import", "pretalx", "--knowledge", dir, path_str(&export)]).code,
        0
    );
    let hand_written = knowledge.path().join("imported/edgecamp/faq.toml");
    fs::write(&hand_written, "[[faq]]\nid = \"wifi\"\n").unwrap();
    let edited = knowledge.path().join("edited.json");
    fs::write(
        &edited,
        fs::read_to_string(&export)
            .unwrap()
            .replace("Late party", "Later party"),
    )
    .unwrap();
    let before = snapshot(knowledge.path());
    let out = usher(&["import", "pretalx", "--knowledge", dir, path_str(&edited)]);
    assert_eq!(out.code, 1, "{}", out.stdout);
    assert_eq!(
        out.stderr,
        format!(
            "error: {} was not written by `usher import`; move it out of {} (hand-written files belong outside imported/) and import again\n",
            hand_written.display(),
            knowledge.path().join("imported/edgecamp").display()
        )
    );
    assert_eq!(snapshot(knowledge.path()), before);
}

#[test]
fn an_export_without_a_time_zone_needs_one_given() {
    let knowledge = TempDir::new().unwrap();
    let dir = path_str(knowledge.path());
    let export = fs::read_to_string(fixture("edge.schedule.xml"))
        .unwrap()
        .replace("    <time_zone_name>Europe/Lisbon</time_zone_name>\n", "");
    let out = usher_in_zone(&["import", "frab", "--knowledge", dir, "-"], &export, "UTC");
    assert_eq!(out.code, 1);
    assert_eq!(
        out.stderr,
        "error: <stdin>:7:3: the export has no <time_zone_name>; give the zone with --time-zone\n"
    );
    assert!(snapshot(knowledge.path()).is_empty());
    let out = usher_in_zone(
        &[
            "import",
            "frab",
            "--time-zone",
            "Europe/Lisbon",
            "--knowledge",
            dir,
            "-",
        ],
        &export,
        "UTC",
    );
    assert_eq!(out.code, 0, "{}", out.stderr);
    let event = toml_file(&knowledge.path().join("imported/tinyconf/event.toml"));
    assert_eq!(
        text(event["event"].as_table().unwrap(), "time_zone"),
        "Europe/Lisbon"
    );
    assert_eq!(
        datetime(event["event"].as_table().unwrap(), "start"),
        "2026-10-24T10:00:00+01:00"
    );
}

#[test]
fn files_with_the_same_entries_in_another_layout_are_rewritten_and_said_so() {
    let (knowledge, folder) = import_edge_fixture();
    // As an older Usher might have written it: the same entries, laid out differently.
    let speakers = folder.join("speakers.toml");
    let text = fs::read_to_string(&speakers).unwrap();
    fs::write(
        &speakers,
        text.replace("\n[[speaker]]", "\n\n\n[[speaker]]"),
    )
    .unwrap();
    let out = usher(&[
        "import",
        "pretalx",
        "--knowledge",
        path_str(knowledge.path()),
        path_str(&fixture("edge.schedule.json")),
    ]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stdout.contains(
            "No changes to the programme since the last import; the files are rewritten in this version's layout.\n\
             Wrote 6 files to "
        ),
        "{}",
        out.stdout
    );
    assert_eq!(fs::read_to_string(&speakers).unwrap(), text);
}

/// The hand-made conference in `tests/fixtures/conference`: a talk in two slots, an online-only room,
/// a group speaker, links, a Markdown abstract and a social evening the day before.
fn conference_fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/conference")
}

#[test]
fn the_edge_fixture_imports_pass_the_strict_check() {
    let (_knowledge, folder) = import_edge_fixture();
    assert_checks_strictly(&folder);
}

#[test]
fn a_hand_written_conference_with_slots_online_rooms_groups_and_links_passes_the_strict_check() {
    assert_checks_strictly(&conference_fixture());
}

#[test]
fn a_talk_in_two_slots_is_answered_with_the_next_one_first_and_its_markdown_converted() {
    let dir = conference_fixture();
    let ask = |now: &str| {
        usher(&[
            "ask",
            "--knowledge",
            path_str(&dir),
            "--now",
            now,
            "when is the vector tiles workshop",
        ])
    };
    // During the first day, after the first slot: the second slot first, the first one after it.
    let out = ask("2026-06-01T14:00:00+02:00");
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stdout.starts_with(
            "Vector tiles from scratch (Tue 2 Jun 10:00 to 12:00, Hall A, and 1 more time): Build vector tiles with tilemaker, step by step."
        ),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout
            .contains("Also held: Mon 1 Jun 10:00 to 12:00, Hall A."),
        "{}",
        out.stdout
    );
    // Before either: the first slot first.
    let before = ask("2026-05-20T12:00:00+02:00");
    assert!(
        before
            .stdout
            .contains("(Mon 1 Jun 10:00 to 12:00, Hall A, and 1 more time)")
            && before
                .stdout
                .contains("Also held: Tue 2 Jun 10:00 to 12:00, Hall A."),
        "{}",
        before.stdout
    );
    // Markdown is converted, links keep their address, and the long abstract is cut after a sentence.
    for raw in ["**", "`", "](", "##"] {
        assert!(!out.stdout.contains(raw), "{raw} in {}", out.stdout);
    }
    assert!(
        out.stdout
            .contains("the tilemaker documentation (https://example.org/tilemaker)"),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout
            .contains("whatever their experience with maps and tiles. Also held"),
        "the last sentence is left for more: {}",
        out.stdout
    );
    assert!(
        out.stdout.contains(
            "Links: Workshop slides (https://example.org/tiles/slides.pdf), recording (https://video.example.org/tiles)."
        ),
        "{}",
        out.stdout
    );
}

#[test]
fn online_rooms_groups_and_evenings_elsewhere_are_answered() {
    let dir = conference_fixture();
    let ask = |question: &str| {
        let out = usher(&[
            "ask",
            "--knowledge",
            path_str(&dir),
            "--now",
            "2026-05-20T12:00:00+02:00",
            question,
        ]);
        assert_eq!(out.code, 0, "{}", out.stderr);
        out.stdout
    };
    assert_eq!(
        ask("where is the keynote from afar"),
        "Keynote from afar: the state of open maps (Mon 1 Jun 09:00 to 10:00, Online Stage). Join online: \
         https://meet.example.org/mapcon/stage. Speakers: Ada Cartographer (Map Institute).\n"
    );
    assert_eq!(
        ask("where is the warm-up evening"),
        "Warm-up evening (Sun 31 May, evening, The Map Room). Where: The Map Room, River Road 7, Berlin.\n"
    );
    // A placeholder is no one: not counted among the speakers, nor a topic of its own.
    assert_eq!(
        ask("who are the speakers"),
        "Two speakers: Ada Cartographer (Map Institute) and The Tile Crew.\n"
    );
    assert_eq!(
        ask("who is the tile crew"),
        "The Tile Crew. A working group on map tiles. Sessions: Vector tiles from scratch (Mon 1 Jun 10:00 \
         to 12:00, Hall A, and 1 more time).\n"
    );
}

#[test]
fn more_in_a_chat_gives_the_whole_abstract_and_description_as_plain_text() {
    let dir = conference_fixture();
    let out = usher_in_zone(
        &[
            "chat",
            "--knowledge",
            path_str(&dir),
            "--now",
            "2026-05-20T12:00:00+02:00",
        ],
        "when is the vector tiles workshop\nmore\n",
        "UTC",
    );
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stdout.contains("(Type `more` for the whole text.)"),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout.contains(
            "The last half hour is for your own data, so bring some.\n\nWhat you need\n\n- a laptop with Docker\n- some OpenStreetMap data (see https://download.example.org)\n"
        ),
        "{}",
        out.stdout
    );
}

#[test]
fn an_event_over_several_days_names_its_days_and_counts_them() {
    let dir = conference_fixture();
    let out = usher(&[
        "ask",
        "--knowledge",
        path_str(&dir),
        "--now",
        "2026-06-01T14:00:00+02:00",
        "how many days does the conference last",
    ]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(
        out.stdout,
        "The conference is happening now: it started at 09:00 today and ends at 17:00 on Tuesday 2 June \
         2026 (Berlin time), in 1 day and 3 hours. In all it lasts two days.\n"
    );
}

/// `usher ask` on a knowledge directory at a time before the edge fixture's event.
fn ask_edge(knowledge: &Path, question: &str) -> String {
    let out = usher(&[
        "ask",
        "--knowledge",
        path_str(knowledge),
        "--now",
        "2026-02-20T09:00:00+13:00",
        question,
    ]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    out.stdout
}

/// A hand-written file beside `imported/` corrects and enriches the import (`extends`), and hides a
/// cancelled session; the next imports, unchanged and changed, leave it alone and it keeps working.
#[test]
fn a_hand_written_extension_survives_reimports() {
    let knowledge = TempDir::new().unwrap();
    let dir = path_str(knowledge.path());
    let export = fixture("edge.schedule.json");
    let import = |export: &Path| {
        let out = usher(&["import", "pretalx", "--knowledge", dir, path_str(export)]);
        assert_eq!(out.code, 0, "{}", out.stderr);
        out.stdout
    };
    import(&export);
    let own = knowledge.path().join("corrections.toml");
    let corrections = "\
[[session]]
extends = \"session-remote\"
room = \"room-workshop-room\"
keywords = [\"telepresence\"]

[[session]]
extends = \"session-owl\"
hide = true
";
    fs::write(&own, corrections).unwrap();
    let assert_extended = || {
        assert_checks_strictly(knowledge.path());
        let found = ask_edge(knowledge.path(), "where is the telepresence talk?");
        assert!(
            found.starts_with("Remote talk (Sat 21 Feb 09:00 to 09:45, Workshop Room)"),
            "{found}"
        );
        let hidden = ask_edge(knowledge.path(), "when is the night owl session?");
        assert!(!hidden.contains("Night owl"), "{hidden}");
        let programme = ask_edge(knowledge.path(), "what is the programme?");
        assert!(
            programme.contains("four sessions") && programme.contains("Remote talk"),
            "{programme}"
        );
        assert!(!programme.contains("Night owl"), "{programme}");
        assert_eq!(fs::read_to_string(&own).unwrap(), corrections);
    };
    assert_extended();

    // The same export again: nothing changes, the hand-written file included.
    let unchanged = import(&export);
    assert!(unchanged.contains("No change"), "{unchanged}");
    assert_extended();

    // A changed export rewrites the imported folder; the ids it writes are the same, so the extensions
    // still find their targets.
    let edited = knowledge.path().join("edited.json");
    fs::write(
        &edited,
        fs::read_to_string(&export)
            .unwrap()
            .replace("Late party", "Later party"),
    )
    .unwrap();
    let changed = import(&edited);
    assert!(changed.contains("Later party"), "{changed}");
    fs::remove_file(&edited).unwrap();
    assert_extended();
}
