//! A deterministic generator of a conference-sized knowledge base, written as TOML files the way maintainers
//! write them, so benchmarks (and tests) load it from disk exactly as production does.
//!
//! The conference runs for three days in several venues with many rooms. Sessions are packed into rooms
//! one after another, so no two sessions in a room overlap and all lie within the event's window; each has
//! a title, a summary, themes, keywords and one to four speakers. Speakers get names built from name parts,
//! an affiliation and themes. The report has findings that point at sessions, and there are practical
//! FAQs. Everything is drawn from a seeded splitmix64, so one seed always writes the same files.
//!
//! Each kind of entry takes its keywords from its own vocabulary (topic words for sessions, phrases for
//! findings, practical words for FAQs), because a keyword shared across kinds is a validation warning and
//! a real knowledge base would not be written that way.

use std::fmt::Write as _;
use std::fs;
use std::io;
use std::path::Path;

/// The event's days, all in September 2026 (no daylight-saving change in Europe/Amsterdam).
const FIRST_DAY: u32 = 15;
const DAYS: u32 = 3;
/// The event runs from 08:00 on the first day to 20:00 on the last; sessions from 08:30 to 19:30.
const EVENT_START_MIN: u32 = 8 * 60;
const EVENT_END_MIN: u32 = 20 * 60;
const SESSIONS_FROM_MIN: u32 = 8 * 60 + 30;
const SESSIONS_UNTIL_MIN: u32 = 19 * 60 + 30;
/// How many entries go in one file: several files per kind, as a large event would split them.
const SESSIONS_PER_FILE: usize = 1_000;
const SPEAKERS_PER_FILE: usize = 500;

/// What was written, so callers can ask questions about entries that exist.
#[derive(Debug, Clone)]
pub struct Conference {
    pub title: String,
    /// Room names, by venue.
    pub rooms: Vec<Vec<String>>,
    pub venues: Vec<String>,
    pub session_titles: Vec<String>,
    pub speaker_names: Vec<String>,
    /// Every theme used by at least one session.
    pub themes: Vec<String>,
    pub findings: usize,
    pub faqs: usize,
    /// The files written, relative to the directory.
    pub files: Vec<String>,
}

/// splitmix64: tiny, fast, and good enough to make varied but reproducible text.
#[derive(Debug, Clone)]
pub struct SplitMix64(u64);

impl SplitMix64 {
    pub fn new(seed: u64) -> Self {
        SplitMix64(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (`n` > 0). The modulo bias is irrelevant for generating text.
    pub fn below(&mut self, n: usize) -> usize {
        // The modulus is at most `n`, which fits in usize, so the cast back cannot truncate.
        #[allow(clippy::cast_possible_truncation)]
        let value = (self.next_u64() % n as u64) as usize;
        value
    }

    /// A number in `low..=high`.
    pub fn between(&mut self, low: usize, high: usize) -> usize {
        low + self.below(high - low + 1)
    }

    pub fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.below(items.len())]
    }

    /// `count` different items (or all of them, if there are fewer).
    pub fn pick_distinct<T: Copy + PartialEq>(&mut self, items: &[T], count: usize) -> Vec<T> {
        let mut chosen: Vec<T> = Vec::with_capacity(count);
        while chosen.len() < count.min(items.len()) {
            let item = self.pick(items);
            if !chosen.contains(&item) {
                chosen.push(item);
            }
        }
        chosen
    }

    pub fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }
}

/// Writes a three-day conference with `sessions` sessions and `speakers` speakers into `dir` (which must
/// exist), split over several files and subdirectories, and says what it wrote. The same arguments always
/// write the same files, and the result passes validation without warnings at any size.
///
/// # Panics
///
/// If `speakers` is more than the distinct names the name parts make (5,400).
pub fn write_conference(
    dir: &Path,
    sessions: usize,
    speakers: usize,
    seed: u64,
) -> io::Result<Conference> {
    let mut rng = SplitMix64::new(seed);
    let people = people(&mut rng, speakers);
    let schedule = schedule(&mut rng, sessions);
    let venues = venues(schedule.rooms_needed);
    let programme = programme(&mut rng, &schedule, &venues, people.len());
    let findings = (sessions * 3 / 100).max(1);
    let faqs = (sessions / 50).clamp(5, 200);

    let mut files: Vec<(String, String)> = Vec::new();
    files.push(("event.toml".to_string(), event_toml(&venues)));
    files.push(("venues.toml".to_string(), venues_toml(&venues)));
    for (n, chunk) in programme.chunks(SESSIONS_PER_FILE).enumerate() {
        let mut text = String::from("# The programme, in the order the sessions were planned.\n");
        for session in chunk {
            session_toml(&mut text, session, &people);
        }
        files.push((format!("programme/sessions-{:02}.toml", n + 1), text));
    }
    for (n, chunk) in people.chunks(SPEAKERS_PER_FILE).enumerate() {
        let mut text =
            String::from("# Speakers, in alphabetical order of their ids within each file.\n");
        for person in chunk {
            speaker_toml(&mut text, person);
        }
        files.push((format!("people/speakers-{:02}.toml", n + 1), text));
    }
    files.push((
        "report.toml".to_string(),
        report_toml(&mut rng, findings, &programme),
    ));
    files.push(("faq.toml".to_string(), faq_toml(&mut rng, faqs, &venues)));
    files.push(("synonyms.toml".to_string(), SYNONYMS_TOML.to_string()));

    for (name, text) in &files {
        let path = dir.join(name);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent)?;
        }
        fs::write(path, text)?;
    }

    let mut themes: Vec<String> = programme
        .iter()
        .flat_map(|s| s.themes.iter().cloned())
        .collect();
    themes.sort();
    themes.dedup();
    Ok(Conference {
        title: EVENT_TITLE.to_string(),
        rooms: venues
            .iter()
            .map(|v| v.rooms.iter().map(|r| r.name.clone()).collect())
            .collect(),
        venues: venues.iter().map(|v| v.name.clone()).collect(),
        session_titles: programme.iter().map(|s| s.title.clone()).collect(),
        speaker_names: people.iter().map(|p| p.name.clone()).collect(),
        themes,
        findings,
        faqs,
        files: files.into_iter().map(|(name, _)| name).collect(),
    })
}

const EVENT_TITLE: &str = "Northern Lights Conference on Science, Technology and Society 2026";

struct Person {
    id: String,
    name: String,
    affiliation: String,
    role: &'static str,
    themes: Vec<&'static str>,
}

/// Speakers with unique names: each is a distinct (first, last) pair, drawn without replacement.
fn people(rng: &mut SplitMix64, count: usize) -> Vec<Person> {
    let pairs = FIRST_NAMES.len() * LAST_NAMES.len();
    assert!(
        count <= pairs,
        "at most {pairs} speakers have distinct names"
    );
    // A partial Fisher-Yates shuffle of the pair indices gives `count` distinct pairs.
    let mut order: Vec<usize> = (0..pairs).collect();
    for i in 0..count {
        let j = i + rng.below(pairs - i);
        order.swap(i, j);
    }
    let mut list: Vec<Person> = order[..count]
        .iter()
        .map(|&pair| {
            let first = FIRST_NAMES[pair % FIRST_NAMES.len()];
            let last = LAST_NAMES[pair / FIRST_NAMES.len()];
            let theme_count = rng.between(2, 4);
            Person {
                id: slug(&format!("{first} {last}")),
                name: format!("{first} {last}"),
                affiliation: affiliation(rng),
                role: rng.pick(ROLES),
                themes: rng.pick_distinct(TOPIC_WORDS, theme_count),
            }
        })
        .collect();
    list.sort_by(|a, b| a.id.cmp(&b.id));
    list
}

fn affiliation(rng: &mut SplitMix64) -> String {
    let city = rng.pick(CITIES);
    match rng.below(5) {
        0 => format!("University of {city}"),
        1 => format!("{city} Institute of {}", rng.pick(FIELDS)),
        2 => format!("{} Labs", capitalise(rng.pick(TOPIC_WORDS))),
        3 => format!("{city} Centre for {}", rng.pick(FIELDS)),
        _ => format!("{} Foundation", rng.pick(LAST_NAMES)),
    }
}

/// One session's slot: which room (a running number over all venues), which day, and when.
struct Slot {
    room: usize,
    day: u32,
    start: u32,
    end: u32,
}

struct Schedule {
    slots: Vec<Slot>,
    rooms_needed: usize,
}

/// Places sessions round-robin over lanes, like parallel tracks; each lane fills its room's days in order,
/// and when that room is full for all three days the lane moves on to a new room.
fn schedule(rng: &mut SplitMix64, sessions: usize) -> Schedule {
    // Sessions last 30 to 90 minutes with short breaks, about ten a day per room.
    const DURATIONS: &[u32] = &[30, 30, 45, 60, 60, 90];
    const BREAKS: &[u32] = &[0, 10, 15, 15];
    let lanes = sessions.div_ceil(30).max(1);
    // Per lane, the room it is filling now; per room, the day and minute of that day when it is next free.
    let mut lane_room: Vec<usize> = (0..lanes).collect();
    let mut free_at: Vec<(u32, u32)> = vec![(0, SESSIONS_FROM_MIN); lanes];
    let mut slots = Vec::with_capacity(sessions);
    for i in 0..sessions {
        let duration = rng.pick(DURATIONS);
        let pause = rng.pick(BREAKS);
        let lane = i % lanes;
        loop {
            let room = lane_room[lane];
            let (day, free) = free_at[room];
            if free + duration <= SESSIONS_UNTIL_MIN {
                slots.push(Slot {
                    room,
                    day,
                    start: free,
                    end: free + duration,
                });
                free_at[room] = (day, free + duration + pause);
                break;
            }
            if day + 1 < DAYS {
                free_at[room] = (day + 1, SESSIONS_FROM_MIN);
            } else {
                free_at.push((0, SESSIONS_FROM_MIN));
                lane_room[lane] = free_at.len() - 1;
            }
        }
    }
    Schedule {
        slots,
        rooms_needed: free_at.len(),
    }
}

struct Room {
    id: String,
    name: String,
}

struct Venue {
    id: String,
    name: String,
    street: &'static str,
    rooms: Vec<Room>,
}

/// Spreads `rooms` rooms over the venues; each venue names its rooms after its own theme (trees, stones).
fn venues(rooms: usize) -> Vec<Venue> {
    let per_venue = rooms.div_ceil(VENUES.len());
    let mut list = Vec::new();
    let mut left = rooms;
    for (name, street, room_words) in VENUES {
        if left == 0 {
            break;
        }
        let here = per_venue.min(left);
        left -= here;
        let venue_id = slug(name);
        let rooms = (0..here)
            .map(|r| {
                // Words first with the first kind, then again with the next ("Cedar Hall", ..., "Cedar Studio").
                let word = room_words[r % room_words.len()];
                let kind = ROOM_KINDS[(r / room_words.len()) % ROOM_KINDS.len()];
                let round = r / (room_words.len() * ROOM_KINDS.len());
                let name = if round == 0 {
                    format!("{word} {kind}")
                } else {
                    format!("{word} {kind} {}", round + 1)
                };
                Room {
                    id: format!("{venue_id}-{}", slug(&name)),
                    name,
                }
            })
            .collect();
        list.push(Venue {
            id: venue_id,
            name: (*name).to_string(),
            street,
            rooms,
        });
    }
    list
}

struct Session {
    id: String,
    title: String,
    kind: &'static str,
    day: u32,
    start: u32,
    end: u32,
    room_id: String,
    speakers: Vec<usize>,
    themes: Vec<String>,
    keywords: Vec<&'static str>,
    summary: String,
}

fn programme(
    rng: &mut SplitMix64,
    schedule: &Schedule,
    venues: &[Venue],
    speakers: usize,
) -> Vec<Session> {
    let room_ids: Vec<&str> = venues
        .iter()
        .flat_map(|v| v.rooms.iter().map(|r| r.id.as_str()))
        .collect();
    schedule
        .slots
        .iter()
        .enumerate()
        .map(|(i, slot)| {
            let words: Vec<&str> = rng.pick_distinct(TOPIC_WORDS, 4);
            let field = rng.pick(FIELDS);
            let kind = rng.pick(SESSION_KINDS);
            let title = title(rng, &words, field, kind);
            let mut themes: Vec<String> = vec![field.to_lowercase()];
            themes.extend(words[..rng.between(1, 3)].iter().map(|w| (*w).to_string()));
            let keyword_count = rng.between(2, 4);
            let keywords: Vec<&str> = rng.pick_distinct(TOPIC_WORDS, keyword_count);
            let summary = format!(
                "This {kind} looks at how {} shapes {}. The speakers discuss {}, {} and {}, with examples from {} and {}.",
                words[0],
                field.to_lowercase(),
                words[1],
                words[2],
                words[3],
                rng.pick(CITIES),
                rng.pick(CITIES),
            );
            let speaker_ids = if speakers == 0 {
                Vec::new()
            } else {
                // Every speaker gets a session before any gets a second one, then the rest are random.
                let count = rng.between(1, 4);
                let mut chosen = vec![i % speakers];
                while chosen.len() < count.min(speakers) {
                    let s = rng.below(speakers);
                    if !chosen.contains(&s) {
                        chosen.push(s);
                    }
                }
                chosen
            };
            Session {
                id: format!("s{:05}", i + 1),
                title,
                kind,
                day: slot.day,
                start: slot.start,
                end: slot.end,
                room_id: room_ids[slot.room].to_string(),
                speakers: speaker_ids,
                themes,
                keywords,
                summary,
            }
        })
        .collect()
}

fn title(rng: &mut SplitMix64, words: &[&str], field: &str, kind: &str) -> String {
    let [a, b, ..] = words else {
        unreachable!("a session draws four topic words")
    };
    let adjective = rng.pick(ADJECTIVES);
    match rng.below(8) {
        0 => format!("{field}: {adjective} approaches to {a}"),
        1 => format!("Rethinking {a} in {}", field.to_lowercase()),
        2 => format!("From {a} to {b}: lessons for {}", field.to_lowercase()),
        3 => format!("{} {a} at scale", capitalise(adjective)),
        4 => format!("What {} can learn from {a}", field.to_lowercase()),
        5 if kind == "panel" => format!("Panel: the future of {a} and {b}"),
        6 if kind == "workshop" => {
            format!("Hands-on {a} for {} practitioners", field.to_lowercase())
        }
        _ => format!("{} and {b}: {adjective} perspectives", capitalise(a)),
    }
}

fn clock(day: u32, minute: u32) -> String {
    format!(
        "2026-09-{:02}T{:02}:{:02}:00",
        FIRST_DAY + day,
        minute / 60,
        minute % 60
    )
}

fn event_toml(venues: &[Venue]) -> String {
    let mut text = String::new();
    let _ = writeln!(
        text,
        "# A generated three-day conference for benchmarks.\n\n[event]\nid = \"northern-lights-2026\"\ntitle = {}\nkind = \"Conference\"",
        quote(EVENT_TITLE)
    );
    let _ = writeln!(
        text,
        "description = \"Three days of talks, panels and workshops on science, technology and society, in {} venues across the city.\"",
        venues.len()
    );
    let _ = writeln!(text, "time_zone = \"Europe/Amsterdam\"");
    let _ = writeln!(text, "start = {}", clock(0, EVENT_START_MIN));
    let _ = writeln!(text, "end = {}", clock(DAYS - 1, EVENT_END_MIN));
    let _ = writeln!(text, "venue = {}", quote(&venues[0].id));
    let _ = writeln!(
        text,
        "hosts = [\"northern-lights-society\", \"city-of-leiden\"]"
    );
    let _ = writeln!(
        text,
        "participants = \"Researchers, practitioners, students and anyone curious about science and society.\""
    );
    let _ = writeln!(text, "url = \"https://example.org/northern-lights-2026\"");
    let _ = writeln!(
        text,
        "keywords = [\"conference\", \"Northern Lights\", \"NLC 2026\"]\n"
    );
    text.push_str(
        "[event.follow_up]\ntitle = \"a closing reception\"\nkeywords = [\"reception\", \"closing drinks\"]\n\n\
         [[host]]\nid = \"northern-lights-society\"\nname = \"Northern Lights Society\"\nshort_name = \"NLS\"\n\
         description = \"The Northern Lights Society organises the conference every year.\"\n\
         url = \"https://example.org/nls\"\naliases = [\"the society\"]\nkeywords = [\"organiser\"]\n\n\
         [[host]]\nid = \"city-of-leiden\"\nname = \"City of Leiden\"\n\
         description = \"The City of Leiden co-hosts the conference and provides the venues.\"\n\
         aliases = [\"municipality\"]\nkeywords = [\"co-host\"]\n",
    );
    text
}

fn venues_toml(venues: &[Venue]) -> String {
    let mut text = String::from("# The venues and their rooms.\n");
    for (i, v) in venues.iter().enumerate() {
        let _ = writeln!(
            text,
            "\n[[venue]]\nid = {}\nname = {}",
            quote(&v.id),
            quote(&v.name)
        );
        let _ = writeln!(
            text,
            "address = {}",
            quote(&format!("{} {}", v.street, 10 + i * 7))
        );
        let _ = writeln!(
            text,
            "postcode = \"{} AB\"\ncity = \"Leiden\"\ncountry = \"the Netherlands\"",
            2311 + i
        );
        let _ = writeln!(
            text,
            "map = \"https://www.openstreetmap.org/search?query={}\"",
            v.street.replace(' ', "%20")
        );
        let _ = writeln!(
            text,
            "directions = \"A short walk from Leiden Centraal; follow the signs to {}.\"",
            v.name
        );
        for room in &v.rooms {
            let _ = writeln!(
                text,
                "\n[[venue.rooms]]\nid = {}\nname = {}",
                quote(&room.id),
                quote(&room.name)
            );
        }
    }
    text
}

fn session_toml(text: &mut String, s: &Session, people: &[Person]) {
    let _ = writeln!(
        text,
        "\n[[session]]\nid = {}\ntitle = {}",
        quote(&s.id),
        quote(&s.title)
    );
    let _ = writeln!(text, "kind = {}", quote(s.kind));
    let _ = writeln!(
        text,
        "start = {}\nend = {}",
        clock(s.day, s.start),
        clock(s.day, s.end)
    );
    let _ = writeln!(text, "room = {}", quote(&s.room_id));
    if !s.speakers.is_empty() {
        let ids: Vec<&str> = s.speakers.iter().map(|&p| people[p].id.as_str()).collect();
        let _ = writeln!(text, "speakers = {}", list(&ids));
    }
    let themes: Vec<&str> = s.themes.iter().map(String::as_str).collect();
    let _ = writeln!(text, "themes = {}", list(&themes));
    let _ = writeln!(text, "summary = {}", quote(&s.summary));
    let _ = writeln!(text, "keywords = {}", list(&s.keywords));
}

fn speaker_toml(text: &mut String, p: &Person) {
    let _ = writeln!(
        text,
        "\n[[speaker]]\nid = {}\nname = {}",
        quote(&p.id),
        quote(&p.name)
    );
    let _ = writeln!(text, "affiliation = {}", quote(&p.affiliation));
    let bio = format!(
        "{} is a {} at {}, working on {}.",
        p.name,
        p.role,
        p.affiliation,
        and_list(&p.themes)
    );
    let _ = writeln!(text, "bio = {}", quote(&bio));
    let _ = writeln!(text, "themes = {}", list(&p.themes));
}

fn report_toml(rng: &mut SplitMix64, findings: usize, programme: &[Session]) -> String {
    let mut text = String::from(
        "# The conference report and its findings.\n\n[report]\ntitle = \"Conference report\"\n\
         summary = \"What the sessions found, theme by theme.\"\nkeywords = [\"report\", \"key findings\"]\n",
    );
    for n in 0..findings {
        let [a, b] = [rng.pick(TOPIC_WORDS), rng.pick(TOPIC_WORDS)];
        let field = rng.pick(FIELDS).to_lowercase();
        let title = match n % 4 {
            0 => format!("{} needs better {b}", capitalise(a)),
            1 => format!("{} is changing {field}", capitalise(a)),
            2 => format!("Little evidence yet that {a} improves {b}"),
            _ => format!("{} and {b} go together in {field}", capitalise(a)),
        };
        let _ = writeln!(
            text,
            "\n[[finding]]\nid = \"finding-{:03}\"\ntitle = {}",
            n + 1,
            quote(&title)
        );
        let _ = writeln!(
            text,
            "text = {}",
            quote(&format!(
                "Several sessions reported that {a} matters for {field}: participants agreed that work on {b} should continue, and asked for shared data on {a} and {b}."
            ))
        );
        if !programme.is_empty() {
            let _ = writeln!(
                text,
                "session = {}",
                quote(&programme[rng.below(programme.len())].id)
            );
        }
        // Findings' keywords are phrases, never a single topic word, so they are never a session's keyword.
        let _ = writeln!(
            text,
            "keywords = {}",
            list(&[&format!("{a} {b}"), &format!("{a} in {field}")])
        );
    }
    text
}

fn faq_toml(rng: &mut SplitMix64, faqs: usize, venues: &[Venue]) -> String {
    let mut text = String::from("# Practical questions, answered by the organisers.\n");
    for n in 0..faqs {
        let (facility, answer_place) = FACILITIES[n % FACILITIES.len()];
        let venue = &venues[(n / FACILITIES.len()) % venues.len()].name;
        let question = match (n / FACILITIES.len() / venues.len()) % 3 {
            0 => format!("Is there {facility} at {venue}?"),
            1 => format!("Where do I find {facility} at {venue}?"),
            _ => format!("Can I use {facility} at {venue} on every day?"),
        };
        let _ = writeln!(
            text,
            "\n[[faq]]\nid = \"faq-{:03}\"\nquestion = {}",
            n + 1,
            quote(&question)
        );
        let _ = writeln!(
            text,
            "answer = {}",
            quote(&format!("Yes: {facility} at {venue} is {answer_place}."))
        );
        let keyword = facility
            .strip_prefix("a ")
            .or_else(|| facility.strip_prefix("the "))
            .unwrap_or(facility);
        let _ = writeln!(text, "keywords = {}", list(&[keyword]));
        // A few FAQs carry alternative phrasings, as maintainers add them over time.
        if rng.chance(20) {
            let _ = writeln!(
                text,
                "alternatives = {}",
                list(&[&format!("{keyword} {venue}")])
            );
        }
    }
    text
}

const SYNONYMS_TOML: &str = "# The conference's own abbreviations.\n\n\
[[synonym]]\nwords = [\"machine learning\", \"ML\"]\n\n\
[[synonym]]\nwords = [\"artificial intelligence\", \"AI\"]\n\n\
[[synonym]]\nwords = [\"open science\", \"open research\"]\n\n\
[[synonym]]\nwords = [\"Northern Lights Conference\", \"NLC\", \"NLC 2026\"]\n";

/// A TOML basic string.
fn quote(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            _ => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A TOML array of strings.
fn list<S: AsRef<str>>(items: &[S]) -> String {
    let quoted: Vec<String> = items.iter().map(|i| quote(i.as_ref())).collect();
    format!("[{}]", quoted.join(", "))
}

fn and_list(items: &[&str]) -> String {
    match items {
        [] => String::new(),
        [one] => (*one).to_string(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

/// A valid id: lower-case ASCII letters and digits joined by `-` (accents dropped, other characters gone).
fn slug(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars() {
        let c = match c {
            'á' | 'à' | 'ä' | 'å' => 'a',
            'é' | 'è' | 'ë' => 'e',
            'í' | 'ï' => 'i',
            'ó' | 'ö' | 'ø' => 'o',
            'ú' | 'ü' => 'u',
            'ñ' => 'n',
            'ç' => 'c',
            _ => c,
        };
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    out.trim_end_matches('-').to_string()
}

fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

const FIRST_NAMES: &[&str] = &[
    "Ada",
    "Adriana",
    "Ahmed",
    "Aiko",
    "Alejandro",
    "Amara",
    "Anders",
    "Anika",
    "Arjun",
    "Astrid",
    "Beatriz",
    "Bram",
    "Camille",
    "Carlos",
    "Chiara",
    "Chidi",
    "Daan",
    "Dmitri",
    "Elena",
    "Emeka",
    "Emil",
    "Esther",
    "Fatima",
    "Femke",
    "Florian",
    "Freya",
    "Gabriel",
    "Greta",
    "Hana",
    "Hannes",
    "Hugo",
    "Ingrid",
    "Isabel",
    "Ivan",
    "Jasper",
    "Joana",
    "Jonas",
    "Julia",
    "Kaito",
    "Karin",
    "Kwame",
    "Lars",
    "Leila",
    "Lena",
    "Lucas",
    "Magnus",
    "Maja",
    "Malik",
    "Margarethe",
    "Mateo",
    "Mei",
    "Mirjam",
    "Nadia",
    "Niels",
    "Noor",
    "Olga",
    "Oskar",
    "Priya",
    "Rafael",
    "Rosa",
    "Ruben",
    "Saanvi",
    "Sander",
    "Sofia",
    "Stefan",
    "Tariq",
    "Thea",
    "Tomasz",
    "Ursula",
    "Valentina",
    "Wei",
    "Willem",
    "Yara",
    "Yusuf",
    "Zofia",
];

const LAST_NAMES: &[&str] = &[
    "Abernathy",
    "Achterberg",
    "Adeyemi",
    "Alvarez",
    "Andersson",
    "Bakker",
    "Bergstrom",
    "Bianchi",
    "Blomqvist",
    "Brouwer",
    "Castellano",
    "Chakraborty",
    "Christensen",
    "Dabrowski",
    "Dekker",
    "Delacroix",
    "Dimitrov",
    "Eriksson",
    "Esposito",
    "Fernandes",
    "Fitzgerald",
    "Gallagher",
    "Garibaldi",
    "Gonzalez",
    "Grimaldi",
    "Haugland",
    "Hendriks",
    "Hoffmann",
    "Holmberg",
    "Ivanova",
    "Jablonski",
    "Janssens",
    "Kaminski",
    "Kowalczyk",
    "Kristiansen",
    "Lachance",
    "Lindqvist",
    "Lombardi",
    "Lundgren",
    "Mackenzie",
    "Makarova",
    "Marchetti",
    "Mendoza",
    "Mortensen",
    "Nakamura",
    "Nieuwenhuis",
    "Novak",
    "Okonkwo",
    "Oyelaran",
    "Pedersen",
    "Petrovic",
    "Quispe",
    "Rasmussen",
    "Richter",
    "Rinaldi",
    "Rodrigues",
    "Sandoval",
    "Schreiber",
    "Sorensen",
    "Stavros",
    "Szymanski",
    "Takahashi",
    "Thorvaldsen",
    "Valentini",
    "Vasquez",
    "Verhoeven",
    "Vogelsang",
    "Wadsworth",
    "Wasilewski",
    "Yamamoto",
    "Zielinski",
    "Zimmermann",
];

const CITIES: &[&str] = &[
    "Aarhus",
    "Amsterdam",
    "Antwerp",
    "Barcelona",
    "Bergen",
    "Bologna",
    "Bordeaux",
    "Bristol",
    "Brno",
    "Coimbra",
    "Copenhagen",
    "Delft",
    "Dublin",
    "Edinburgh",
    "Eindhoven",
    "Gdansk",
    "Geneva",
    "Ghent",
    "Gothenburg",
    "Graz",
    "Groningen",
    "Hamburg",
    "Helsinki",
    "Krakow",
    "Leuven",
    "Lisbon",
    "Ljubljana",
    "Lyon",
    "Maastricht",
    "Nairobi",
    "Oslo",
    "Porto",
    "Reykjavik",
    "Rotterdam",
    "Tallinn",
    "Tartu",
    "Trondheim",
    "Turin",
    "Uppsala",
    "Utrecht",
    "Valencia",
    "Vienna",
    "Vilnius",
    "Zurich",
];

const FIELDS: &[&str] = &[
    "Public Health",
    "Climate Science",
    "Computer Science",
    "Urban Planning",
    "Education",
    "Economics",
    "Law",
    "Journalism",
    "Ecology",
    "Energy Systems",
    "Astronomy",
    "Neuroscience",
    "Linguistics",
    "Materials Science",
    "Agriculture",
    "Oceanography",
    "Philosophy",
    "Design",
    "Mathematics",
    "Medicine",
    "Political Science",
    "Psychology",
    "History",
    "Geography",
    "Engineering",
];

const ROLES: &[&str] = &[
    "researcher",
    "professor",
    "postdoctoral fellow",
    "doctoral candidate",
    "engineer",
    "policy adviser",
    "data scientist",
    "science journalist",
    "lecturer",
    "programme manager",
];

const SESSION_KINDS: &[&str] = &[
    "talk",
    "talk",
    "talk",
    "panel",
    "keynote",
    "workshop",
    "tutorial",
    "lightning talk",
];

const ADJECTIVES: &[&str] = &[
    "practical",
    "responsible",
    "sustainable",
    "open",
    "robust",
    "participatory",
    "evidence-based",
    "low-cost",
    "scalable",
    "inclusive",
    "transparent",
    "decentralised",
    "data-driven",
    "critical",
];

/// The topic vocabulary: a few hundred words sessions, speakers and findings are about.
const TOPIC_WORDS: &[&str] = &[
    "accessibility",
    "accountability",
    "acoustics",
    "adaptation",
    "aerosols",
    "agroforestry",
    "algorithms",
    "allergies",
    "antibiotics",
    "aquaculture",
    "aquifers",
    "archaeology",
    "archives",
    "astrophysics",
    "atmosphere",
    "automation",
    "autonomy",
    "bacteria",
    "batteries",
    "benchmarks",
    "biobanks",
    "biodiversity",
    "bioethics",
    "biofuels",
    "bioinformatics",
    "biomarkers",
    "biomass",
    "blockchain",
    "bridges",
    "broadband",
    "cancer",
    "carbon",
    "cartography",
    "catalysis",
    "censorship",
    "ceramics",
    "chemistry",
    "childhood",
    "chromosomes",
    "citizenship",
    "climate",
    "cloud",
    "coastlines",
    "cognition",
    "cohesion",
    "compilers",
    "composites",
    "compression",
    "computation",
    "concrete",
    "consent",
    "conservation",
    "cooperatives",
    "coral",
    "corrosion",
    "cryptography",
    "curriculum",
    "cybersecurity",
    "dams",
    "databases",
    "deforestation",
    "dementia",
    "democracy",
    "demography",
    "desalination",
    "diabetes",
    "diagnostics",
    "dialects",
    "diets",
    "disinformation",
    "dispersal",
    "drones",
    "drought",
    "earthquakes",
    "ecosystems",
    "elections",
    "electrification",
    "embeddings",
    "emissions",
    "encryption",
    "enzymes",
    "epidemics",
    "epigenetics",
    "erosion",
    "estuaries",
    "ethics",
    "evolution",
    "exoplanets",
    "fermentation",
    "fertilisers",
    "fisheries",
    "floods",
    "folklore",
    "forecasting",
    "forests",
    "fossils",
    "fungi",
    "galaxies",
    "gender",
    "genomics",
    "geothermal",
    "glaciers",
    "governance",
    "graphene",
    "grasslands",
    "groundwater",
    "habitats",
    "harvests",
    "heatwaves",
    "heritage",
    "housing",
    "hydrogen",
    "hydrology",
    "immunology",
    "inequality",
    "infrastructure",
    "innovation",
    "insects",
    "insulation",
    "interoperability",
    "irrigation",
    "journalism",
    "kinship",
    "labour",
    "landslides",
    "languages",
    "lasers",
    "lichens",
    "literacy",
    "livestock",
    "logistics",
    "magnetism",
    "malaria",
    "mangroves",
    "manufacturing",
    "markets",
    "meadows",
    "measurement",
    "memory",
    "metabolism",
    "metadata",
    "microbiome",
    "microplastics",
    "migration",
    "minerals",
    "mobility",
    "monsoons",
    "mosquitoes",
    "museums",
    "mutations",
    "nanotechnology",
    "navigation",
    "networks",
    "neurons",
    "nitrogen",
    "nutrition",
    "obesity",
    "observatories",
    "oceans",
    "optics",
    "orchards",
    "ownership",
    "ozone",
    "pandemics",
    "parasites",
    "participation",
    "peatlands",
    "pedagogy",
    "permafrost",
    "pesticides",
    "pharmacology",
    "phosphorus",
    "photonics",
    "photosynthesis",
    "plankton",
    "plasma",
    "policing",
    "pollination",
    "pollution",
    "polymers",
    "populism",
    "poverty",
    "precipitation",
    "privacy",
    "probability",
    "propaganda",
    "proteins",
    "provenance",
    "publishing",
    "quantum",
    "radiation",
    "railways",
    "rainfall",
    "recycling",
    "refugees",
    "regulation",
    "rehabilitation",
    "reproducibility",
    "reservoirs",
    "resilience",
    "rivers",
    "robotics",
    "satellites",
    "sanitation",
    "scheduling",
    "sediments",
    "semiconductors",
    "sensors",
    "sequencing",
    "shipping",
    "simulation",
    "sleep",
    "smartphones",
    "soil",
    "solar",
    "sovereignty",
    "spectroscopy",
    "statistics",
    "storage",
    "storms",
    "subsidies",
    "superconductors",
    "surveillance",
    "sustainability",
    "synapses",
    "taxation",
    "telescopes",
    "textiles",
    "tides",
    "tourism",
    "toxicology",
    "transit",
    "translation",
    "transparency",
    "trust",
    "tuberculosis",
    "turbines",
    "typography",
    "unemployment",
    "urbanisation",
    "vaccines",
    "verification",
    "viruses",
    "visualisation",
    "volcanoes",
    "voting",
    "wages",
    "wastewater",
    "weather",
    "wellbeing",
    "wetlands",
    "wildfires",
    "wind",
    "workflows",
    "zoning",
    "zoonoses",
];

/// Venues: name, street, and the words their rooms are named after.
const VENUES: &[(&str, &str, &[&str])] = &[
    (
        "Congress Centre Leiden",
        "Stationsplein",
        &[
            "Cedar", "Maple", "Birch", "Willow", "Alder", "Rowan", "Hazel", "Linden", "Aspen",
            "Juniper",
        ],
    ),
    (
        "Hortus Pavilion",
        "Rapenburg",
        &[
            "Amber", "Basalt", "Cobalt", "Garnet", "Jasper", "Marble", "Onyx", "Quartz", "Slate",
            "Topaz",
        ],
    ),
    (
        "Old Observatory",
        "Sterrewachtlaan",
        &[
            "Vega", "Sirius", "Altair", "Deneb", "Rigel", "Antares", "Polaris", "Capella",
            "Arcturus", "Spica",
        ],
    ),
    (
        "Harbour Hall",
        "Haven",
        &[
            "Rhine", "Meuse", "Scheldt", "Elbe", "Danube", "Loire", "Tagus", "Vistula", "Oder",
            "Thames",
        ],
    ),
    (
        "Museum Quarter Forum",
        "Steenstraat",
        &[
            "Falcon", "Heron", "Kestrel", "Osprey", "Plover", "Swift", "Tern", "Wren", "Lapwing",
            "Curlew",
        ],
    ),
    (
        "University Library Annex",
        "Witte Singel",
        &[
            "Erasmus",
            "Grotius",
            "Huygens",
            "Spinoza",
            "Descartes",
            "Boerhaave",
            "Lorentz",
            "Einstein",
            "Oort",
            "Kamerlingh",
        ],
    ),
];

const ROOM_KINDS: &[&str] = &["Hall", "Room", "Studio", "Lab", "Forum", "Salon"];

/// Practical things people ask about, and where they are.
const FACILITIES: &[(&str, &str)] = &[
    ("a cloakroom", "next to the main entrance"),
    ("wifi", "on the network NLC-Guest, no password needed"),
    (
        "a quiet room",
        "on the first floor, signposted from the lifts",
    ),
    ("a first aid post", "at the information desk"),
    ("bicycle parking", "behind the building"),
    (
        "a lactation room",
        "on the ground floor, ask at the information desk",
    ),
    ("vegetarian lunch", "served in the foyer from 12:00"),
    ("the registration desk", "in the foyer, open from 08:00"),
    ("lockers", "in the basement, free of charge"),
    ("a prayer room", "on the second floor"),
];
