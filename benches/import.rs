//! Benchmarks of `usher import` on a generated pretalx export of 3,000 sessions (3 days, 40 rooms, about
//! 1,200 speakers with biographies, every 30th session held twice), from the JSON text to files on disk.
//!
//! Target (from the issue): importing a 3,000-session export takes under 1 s.
//!
//! - `import/read`: the JSON parsed into the conference model.
//! - `import/first`: read, planned (ids, TOML) and written into an empty knowledge directory.
//! - `import/unchanged`: read and planned against an identical previous import, which is read back and
//!   compared; nothing is written.
//!
//! The export is generated the same way on every run (a fixed seed), so figures compare across runs.

/// The same allocator as the `usher` binary, so the figures are the ones users get.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[allow(dead_code)] // The generator of the matching benchmarks; only its random numbers are used here.
#[path = "support/conference.rs"]
mod conference;

use std::hint::black_box;
use std::time::Duration;

use criterion::{BatchSize, Criterion};
use serde_json::{Value, json};
use usher::import::{self, Format, ImportOptions, Previous};

use conference::SplitMix64;

const SESSIONS: usize = 3_000;
const SPEAKERS: usize = 1_200;
const ROOMS: usize = 40;
const DAYS: usize = 3;
/// Half-hour slots per room and day, from 08:00.
const SLOTS_PER_DAY: usize = 26;
const SEED: u64 = 2026;

const WORDS: &[&str] = &[
    "open",
    "data",
    "mapping",
    "community",
    "tools",
    "scaling",
    "privacy",
    "networks",
    "education",
    "archives",
    "research",
    "cities",
    "climate",
    "software",
    "hardware",
    "design",
    "security",
    "language",
    "health",
    "energy",
    "transport",
    "publishing",
    "science",
    "policy",
    "volunteers",
];
const TRACKS: &[&str] = &[
    "Community",
    "Science",
    "Infrastructure",
    "Policy",
    "Education",
    "Design",
    "Security",
    "Hardware",
    "Culture",
    "Lightning",
];
const TYPES: &[&str] = &["Talk", "Workshop", "Lightning talk", "Panel", "Keynote"];

fn main() {
    let mut criterion = Criterion::default()
        .configure_from_args()
        .sample_size(20)
        .measurement_time(Duration::from_secs(10));
    let export = generate_export();
    eprintln!(
        "generated export: {SESSIONS} sessions, {SPEAKERS} speakers, {ROOMS} rooms, {DAYS} days, {} bytes",
        export.len()
    );
    let options = ImportOptions::default();
    let conference =
        import::read(Format::Pretalx, &export, &options).expect("the generated export imports");
    let slots: usize = conference.sessions.iter().map(|s| s.slots.len()).sum();
    eprintln!(
        "read back: {} sessions in {slots} slots, {} speakers",
        conference.sessions.len(),
        conference.speakers.len()
    );
    assert_eq!(conference.sessions.len(), SESSIONS);

    let mut group = criterion.benchmark_group("import");
    group.bench_function("read", |b| {
        b.iter(|| import::read(Format::Pretalx, black_box(&export), &options).unwrap());
    });
    group.bench_function("first", |b| {
        b.iter_batched(
            || tempfile::tempdir().expect("a temporary directory"),
            |dir| {
                let conference = import::read(Format::Pretalx, &export, &options).unwrap();
                let plan = import::plan(&conference, dir.path()).unwrap();
                plan.apply().unwrap();
                dir
            },
            BatchSize::PerIteration,
        );
    });
    let previous = tempfile::tempdir().expect("a temporary directory");
    import::plan(&conference, previous.path())
        .unwrap()
        .apply()
        .unwrap();
    group.bench_function("unchanged", |b| {
        b.iter(|| {
            let conference = import::read(Format::Pretalx, &export, &options).unwrap();
            let plan = import::plan(&conference, previous.path()).unwrap();
            assert!(plan.unchanged);
            assert_eq!(plan.previous, Previous::Read(Vec::new()));
            plan
        });
    });
    group.finish();
    criterion.final_summary();
}

/// A pretalx `schedule.json` with [`SESSIONS`] sessions.
fn generate_export() -> String {
    let mut rng = SplitMix64::new(SEED);
    let people: Vec<Value> = (0..SPEAKERS)
        .map(|n| {
            json!({
                "id": n,
                "code": format!("P{n:05}"),
                "public_name": format!("Person {n} [{} Institute]", capitalised(rng.pick(WORDS))),
                "biography": sentences(&mut rng, 3),
                "answers": []
            })
        })
        .collect();
    let rooms: Vec<String> = (0..ROOMS).map(|n| format!("Room {n:02}")).collect();
    let mut days: Vec<Value> = (0..DAYS)
        .map(|d| {
            json!({
                "index": d + 1,
                "date": format!("2026-09-{:02}", 14 + d),
                "day_start": format!("2026-09-{:02}T04:00:00+02:00", 14 + d),
                "day_end": format!("2026-09-{:02}T03:59:00+02:00", 15 + d),
                "rooms": {}
            })
        })
        .collect();
    // Sessions fill the grid in order (room by room, day by day); every 30th also takes the next slot.
    let mut place = 0;
    for n in 0..SESSIONS {
        let mut slots = vec![place];
        place += 1;
        if n % 30 == 29 {
            slots.push(place);
            place += 1;
        }
        let title = format!(
            "{} {} for {}",
            capitalised(rng.pick(WORDS)),
            rng.pick(WORDS),
            rng.pick(WORDS)
        );
        let persons: Vec<Value> = (0..rng.between(0, 3))
            .map(|_| people[rng.below(SPEAKERS)].clone())
            .collect();
        let session = SessionText {
            code: format!("S{n:05}"),
            title,
            track: rng.pick(TRACKS),
            kind: rng.pick(TYPES),
            summary: sentences(&mut rng, 2),
            description: format!(
                "{}\n\n- {}\n- {}",
                sentences(&mut rng, 4),
                rng.pick(WORDS),
                rng.pick(WORDS)
            ),
            persons,
            recorded: n % 7 != 0,
        };
        for slot in slots {
            let day = slot / (ROOMS * SLOTS_PER_DAY);
            let room = &rooms[(slot / SLOTS_PER_DAY) % ROOMS];
            let minutes = 8 * 60 + 30 * (slot % SLOTS_PER_DAY);
            let start = format!("{:02}:{:02}", minutes / 60, minutes % 60);
            let event = session.slot_json(n, &format!("2026-09-{:02}", 14 + day), &start, room);
            let rooms_of_day = days[day]["rooms"].as_object_mut().expect("rooms is a map");
            rooms_of_day
                .entry(room.clone())
                .or_insert_with(|| json!([]))
                .as_array_mut()
                .expect("a room's events are a list")
                .push(event);
        }
    }
    assert!(
        place <= DAYS * ROOMS * SLOTS_PER_DAY,
        "the grid holds every slot"
    );
    let export = json!({
        "schedule": {
            "version": "1.0",
            "base_url": "https://cfp.example.org/bench/schedule/",
            "conference": {
                "acronym": "bench",
                "title": "Benchmark Conference",
                "start": "2026-09-14",
                "end": "2026-09-16",
                "daysCount": DAYS,
                "timeslot_duration": "00:05",
                "time_zone_name": "Europe/Berlin",
                "rooms": rooms.iter().map(|r| json!({"name": r, "guid": null, "description": "", "capacity": 100})).collect::<Vec<_>>(),
                "days": days
            }
        }
    });
    serde_json::to_string_pretty(&export).expect("the export serialises")
}

/// What every slot of one generated session shares.
struct SessionText {
    code: String,
    title: String,
    track: &'static str,
    kind: &'static str,
    summary: String,
    description: String,
    persons: Vec<Value>,
    recorded: bool,
}

impl SessionText {
    /// One slot of the session, as pretalx writes it.
    fn slot_json(&self, n: usize, date: &str, start: &str, room: &str) -> Value {
        json!({
            "id": n,
            "guid": format!("00000000-0000-4000-8000-{n:012}"),
            "code": self.code,
            "date": format!("{date}T{start}:00+02:00"),
            "start": start,
            "duration": "00:30",
            "room": room,
            "slug": format!("bench-{n}"),
            "url": format!("https://cfp.example.org/bench/talk/{}/", self.code),
            "title": self.title,
            "subtitle": "",
            "track": self.track,
            "type": self.kind,
            "language": "en",
            "abstract": self.summary,
            "description": self.description,
            "recording_license": "",
            "do_not_record": !self.recorded,
            "persons": self.persons,
            "links": [],
            "attachments": [],
            "answers": []
        })
    }
}

fn capitalised(word: &str) -> String {
    let mut chars = word.chars();
    chars
        .next()
        .map(|first| first.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

fn sentences(rng: &mut SplitMix64, count: usize) -> String {
    (0..count)
        .map(|_| {
            let words: Vec<&str> = (0..rng.between(8, 16)).map(|_| rng.pick(WORDS)).collect();
            format!("{}.", capitalised(&words.join(" ")))
        })
        .collect::<Vec<_>>()
        .join(" ")
}
