//! Reading a question as a programme [`Query`]: order words ("next", "first"), days ("tomorrow",
//! "Saturday", "day 2"), parts of a day ("afternoon", "this evening"), clock times ("14:00", "10am"),
//! rooms, kinds and tracks. A question is read only if every word of it is one of these, a stop word, a
//! plain session noun, or one of the event's own words: anything else is a subject the topics answer.

use jiff::Timestamp;
use jiff::civil::{Date, Time, Weekday};
use rustc_hash::{FxHashMap, FxHashSet};

use super::index::{same_word, singular_of};
use super::{Filter, Listing, Occurrence, Order, Programme, Query, RoomWords};
use crate::knowledge::Knowledge;
use crate::lexicon::Lexicon;

/// What a phrase of the `[programme]` lexicon says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Cue {
    Order(Order),
    /// What is still to come today.
    Rest,
    Tracks,
    Kinds,
    Today,
    Tomorrow,
    Yesterday,
    Tonight,
    Morning,
    Afternoon,
    Evening,
}

/// The words a programme question is read with, from the lexicon and the event's own words.
#[derive(Debug)]
pub struct Vocabulary {
    /// Phrases (as word lists) by their first word, longest first.
    phrases: FxHashMap<String, Vec<(Vec<String>, Cue)>>,
    /// Function words: the lexicon's stop words that are not programme nouns.
    stop: FxHashSet<String>,
    /// All the lexicon's stop words: the words that do not name a session in its title ("the").
    untitled: FxHashSet<String>,
    /// Words that say only "a session", "the programme" or "the event".
    fillers: FxHashSet<String>,
    /// Words that name sessions or the programme.
    sessions: FxHashSet<String>,
    /// Words that name the event itself, and "it".
    event: FxHashSet<String>,
}

/// Words that ask something a list does not answer: a count, a reason, a person, a manner.
const NOT_A_LIST: [&str; 6] = ["how", "why", "who", "whom", "whose", "many"];

impl Vocabulary {
    pub fn new(lexicon: &Lexicon, k: &Knowledge) -> Vocabulary {
        let words_of = &lexicon.programme;
        let groups: [(&[String], Cue); 15] = [
            (&words_of.now, Cue::Order(Order::Now)),
            (&words_of.previous, Cue::Order(Order::Previous)),
            (&words_of.rest, Cue::Rest),
            (&words_of.tracks, Cue::Tracks),
            (&words_of.kinds, Cue::Kinds),
            (&words_of.next, Cue::Order(Order::Next)),
            (&words_of.first, Cue::Order(Order::First)),
            (&words_of.last, Cue::Order(Order::Last)),
            (&words_of.today, Cue::Today),
            (&words_of.tomorrow, Cue::Tomorrow),
            (&words_of.yesterday, Cue::Yesterday),
            (&words_of.tonight, Cue::Tonight),
            (&words_of.morning, Cue::Morning),
            (&words_of.afternoon, Cue::Afternoon),
            (&words_of.evening, Cue::Evening),
        ];
        let mut phrases: FxHashMap<String, Vec<(Vec<String>, Cue)>> = FxHashMap::default();
        for (list, cue) in groups {
            for phrase in list {
                let w = words(phrase);
                if let Some(first) = w.first() {
                    phrases.entry(first.clone()).or_default().push((w, cue));
                }
            }
        }
        for list in phrases.values_mut() {
            list.sort_by_key(|entry| std::cmp::Reverse(entry.0.len()));
        }
        let nouns: FxHashSet<String> = words_of.nouns.iter().flat_map(|n| words(n)).collect();
        let untitled: FxHashSet<String> =
            lexicon.stop_words.iter().flat_map(|w| words(w)).collect();
        let stop: FxHashSet<String> = untitled
            .iter()
            .filter(|w| !nouns.contains(*w) && !NOT_A_LIST.contains(&w.as_str()))
            .cloned()
            .collect();
        let mut fillers = nouns;
        let mut event_words: FxHashSet<String> =
            ["it", "its"].into_iter().map(String::from).collect();
        let event = &k.event;
        for text in std::iter::once(&event.title)
            .chain(std::iter::once(&event.kind))
            .chain(&event.keywords)
            .chain(lexicon.facet("event"))
        {
            event_words.extend(words(text).into_iter().filter(|w| !stop.contains(w)));
        }
        fillers.extend(event_words.iter().cloned());
        Vocabulary {
            phrases,
            stop,
            untitled,
            fillers,
            sessions: words_of.sessions.iter().flat_map(|n| words(n)).collect(),
            event: event_words,
        }
    }

    /// Whether a word only says "track" ("track", "streams").
    pub fn names_tracks(&self, word: &str) -> bool {
        self.phrases.get(word).is_some_and(|list| {
            list.iter()
                .any(|(phrase, cue)| *cue == Cue::Tracks && phrase.len() == 1)
        })
    }

    /// Whether a word says nothing of which session a title names.
    pub fn is_untitled(&self, word: &str) -> bool {
        self.untitled.contains(word)
    }

    pub fn is_stop(&self, word: &str) -> bool {
        self.stop.contains(word)
    }

    fn phrase_at(&self, ws: &[String], i: usize) -> Option<(Cue, usize)> {
        self.phrases.get(&ws[i])?.iter().find_map(|(phrase, cue)| {
            (ws.len() >= i + phrase.len() && ws[i..i + phrase.len()] == phrase[..])
                .then_some((*cue, phrase.len()))
        })
    }
}

/// Folded words: lower case, letters and digits, split where letters meet digits ("day2" -> "day", "2");
/// apostrophes dropped ("what's" -> "whats").
pub fn words(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut current = String::new();
    for c in text.chars().flat_map(char::to_lowercase) {
        if c == '\'' || c == '\u{2019}' {
            continue;
        }
        if c.is_alphanumeric() {
            let boundary = current
                .chars()
                .last()
                .is_some_and(|last| last.is_ascii_digit() != c.is_ascii_digit());
            if boundary {
                out.push(std::mem::take(&mut current));
            }
            current.push(c);
        } else if !current.is_empty() {
            out.push(std::mem::take(&mut current));
        }
    }
    if !current.is_empty() {
        out.push(current);
    }
    out
}

/// A word without a plural "s" ("workshops" -> "workshop", "bofs" -> "bof"); short words stay.
pub fn singular(word: &str) -> String {
    singular_of(word).to_string()
}

/// Clock times in the text ("14:00", "2.30 pm", "10am", "at 3"), and the text with them blanked out.
fn clock_times(text: &str) -> (Vec<Time>, String) {
    let lower = text.to_lowercase();
    let chars: Vec<char> = lower.chars().collect();
    let mut times = Vec::new();
    let mut rest = String::new();
    let mut i = 0;
    while i < chars.len() {
        let starts_number =
            chars[i].is_ascii_digit() && (i == 0 || !chars[i - 1].is_alphanumeric());
        if !starts_number {
            rest.push(chars[i]);
            i += 1;
            continue;
        }
        let mut j = i;
        let mut hour = 0u32;
        while j < chars.len() && chars[j].is_ascii_digit() && j - i < 2 {
            hour = hour * 10 + chars[j].to_digit(10).unwrap_or(0);
            j += 1;
        }
        let mut minute = 0u32;
        let mut exact = false;
        if j + 2 < chars.len() + 1
            && j < chars.len()
            && matches!(chars[j], ':' | '.' | 'h')
            && chars.get(j + 1).is_some_and(char::is_ascii_digit)
            && chars.get(j + 2).is_some_and(char::is_ascii_digit)
        {
            minute = chars[j + 1].to_digit(10).unwrap_or(0) * 10
                + chars[j + 2].to_digit(10).unwrap_or(0);
            j += 3;
            exact = true;
        }
        if chars.get(j).is_some_and(char::is_ascii_digit) {
            // A longer number (a year, a room number): not a time.
            while j < chars.len() && chars[j].is_alphanumeric() {
                j += 1;
            }
            rest.extend(&chars[i..j]);
            i = j;
            continue;
        }
        let mut k = j;
        while k < chars.len() && chars[k] == ' ' {
            k += 1;
        }
        let tail: String = chars[k..].iter().take(4).collect();
        let meridiem = ["am", "a.m", "pm", "p.m"].iter().find(|m| {
            tail.starts_with(*m) && !tail[m.len()..].starts_with(|c: char| c.is_alphabetic())
        });
        if let Some(m) = meridiem {
            if hour == 12 {
                hour = 0;
            }
            if m.starts_with('p') {
                hour += 12;
            }
            k += m.len();
            if chars.get(k) == Some(&'.') {
                k += 1;
            }
            j = k;
            exact = true;
        } else {
            // "at 3", "around 14": a bare number after "at" or "around" is a time.
            let before: String = rest
                .trim_end()
                .chars()
                .rev()
                .take(6)
                .collect::<String>()
                .chars()
                .rev()
                .collect();
            exact |= before.ends_with(" at") || before.ends_with("around") || before == "at";
        }
        if exact && hour < 24 && minute < 60 {
            if let Ok(t) = Time::new(
                i8::try_from(hour).unwrap_or(0),
                i8::try_from(minute).unwrap_or(0),
                0,
                0,
            ) {
                times.push(t);
            }
            rest.push(' ');
        } else {
            rest.extend(&chars[i..j]);
        }
        i = j;
    }
    (times, rest)
}

fn weekday(word: &str) -> Option<Weekday> {
    Some(match word {
        "monday" | "mon" => Weekday::Monday,
        "tuesday" | "tue" | "tues" => Weekday::Tuesday,
        "wednesday" | "wed" | "weds" => Weekday::Wednesday,
        "thursday" | "thu" | "thur" | "thurs" => Weekday::Thursday,
        "friday" | "fri" => Weekday::Friday,
        "saturday" | "sat" => Weekday::Saturday,
        "sunday" | "sun" => Weekday::Sunday,
        _ => return None,
    })
}

fn ordinal(word: &str) -> Option<usize> {
    Some(match word {
        "first" | "1st" | "one" | "1" | "opening" => 1,
        "second" | "2nd" | "two" | "2" => 2,
        "third" | "3rd" | "three" | "3" => 3,
        "fourth" | "4th" | "four" | "4" => 4,
        "fifth" | "5th" | "five" | "5" => 5,
        "sixth" | "6th" | "six" | "6" => 6,
        "seventh" | "7th" | "seven" | "7" => 7,
        _ => return None,
    })
}

/// Which day a question means, as read so far.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum DayWord {
    Relative(i64),
    Weekday(Weekday),
    /// The n-th day of the event, from 1.
    Nth(usize),
    LastDay,
}

/// Whether a question says "am" or "pm" (or "a.m.", "p.m.") anywhere, so that its times are not guessed.
fn says_am_or_pm(question: &str) -> bool {
    let lower = question.to_lowercase();
    lower.contains("a.m")
        || lower.contains("p.m")
        || words(&lower).iter().any(|w| {
            w == "am"
                || w == "pm"
                || (w.ends_with("am") || w.ends_with("pm"))
                    && w[..w.len() - 2].chars().all(|c| c.is_ascii_digit())
                    && w.len() > 2
        })
}

/// What the words of a question say about a list, before rooms and labels are looked for.
struct Scan<'q> {
    order: Order,
    day: Option<DayWord>,
    hours: Option<(i8, i8)>,
    /// The words left to account for: not a day, a part of a day, an order or a stop word.
    rest: Vec<&'q String>,
    /// Whether any word asks for a list (a day, a time, "next", ...).
    cues: bool,
    /// Whether the question asks for what is still to come today.
    rest_of_day: bool,
    /// Whether the question asks for the groups sessions fall in rather than sessions.
    listing: Listing,
}

/// Reads the day words, day parts and orders in `ws`, keeping the other words that are not stop words.
fn scan<'q>(vocabulary: &Vocabulary, ws: &'q [String]) -> Scan<'q> {
    let mut scan = Scan {
        order: Order::All,
        day: None,
        hours: None,
        rest: Vec::new(),
        cues: false,
        rest_of_day: false,
        listing: Listing::Sessions,
    };
    let mut at = 0;
    while at < ws.len() {
        let word = ws[at].as_str();
        let next = ws.get(at + 1).map(String::as_str);
        // "day 2", "second day", "last day".
        let nth = if word == "day" {
            next.and_then(ordinal).map(DayWord::Nth)
        } else if next == Some("day") {
            ordinal(word).map(DayWord::Nth).or_else(|| {
                matches!(word, "last" | "final" | "closing").then_some(DayWord::LastDay)
            })
        } else {
            None
        };
        if let Some(day) = nth {
            scan.day = Some(day);
            scan.cues = true;
            at += 2;
            continue;
        }
        if let Some(weekday) = weekday(word) {
            scan.day = Some(DayWord::Weekday(weekday));
            scan.cues = true;
            at += 1;
            continue;
        }
        if let Some((cue, len)) = vocabulary.phrase_at(ws, at) {
            scan.cues = true;
            match cue {
                Cue::Order(order) => scan.order = order,
                Cue::Rest => {
                    scan.day = Some(DayWord::Relative(0));
                    scan.rest_of_day = true;
                }
                Cue::Tracks => scan.listing = Listing::Tracks,
                Cue::Kinds => scan.listing = Listing::Kinds,
                Cue::Today => scan.day = Some(DayWord::Relative(0)),
                Cue::Tomorrow => scan.day = Some(DayWord::Relative(1)),
                Cue::Yesterday => scan.day = Some(DayWord::Relative(-1)),
                Cue::Tonight => {
                    scan.day = Some(DayWord::Relative(0));
                    scan.hours = Some((17, 24));
                }
                Cue::Morning => scan.hours = Some((0, 12)),
                Cue::Afternoon => scan.hours = Some((12, 18)),
                Cue::Evening => scan.hours = Some((17, 24)),
            }
            at += len;
            continue;
        }
        if !vocabulary.is_stop(word) {
            scan.rest.push(&ws[at]);
        }
        at += 1;
    }
    scan
}

/// The room whose own words `rest` uses most, if any (the first such room on a tie); its words are then
/// taken out of `rest`. Two words that name a room only together ("room a") count twice.
fn take_room<'p>(
    programme: &'p Programme,
    ws: &[String],
    rest: &mut Vec<&String>,
) -> Option<&'p RoomWords> {
    let fillers = &programme.vocabulary.fillers;
    let index = &programme.room_index;
    let used: FxHashSet<usize> = rest.iter().flat_map(|w| index.matches(w)).collect();
    let mut hits: FxHashMap<usize, usize> = FxHashMap::default();
    for id in used {
        if fillers.contains(index.word(id)) {
            continue;
        }
        for &room in index.owners(id) {
            *hits.entry(room).or_default() += 1;
        }
    }
    let pairs: FxHashSet<String> = ws.windows(2).map(|pair| pair.join(" ")).collect();
    for pair in &pairs {
        for &room in programme.room_phrases.get(pair).into_iter().flatten() {
            *hits.entry(room).or_default() += 2;
        }
    }
    let best = hits
        .into_iter()
        .max_by_key(|&(room, count)| (count, std::cmp::Reverse(room)))
        .map(|(room, _)| room)?;
    let room = &programme.rooms[best];
    rest.retain(|w| !room.words.iter().any(|rw| same_word(w, rw)));
    Some(room)
}

/// The kind or track all of whose words `rest` has, the longest (the first such on a tie); its words are
/// then taken out of `rest`. A word that names a kind of session on its own ("Workshops" in "Hands-on
/// Workshops") may go unsaid when another word of the label is said: "hands-on sessions" names that
/// track. A label said in full wins over one said in part.
fn take_label(programme: &Programme, rest: &mut Vec<&String>) -> Option<usize> {
    let index = &programme.label_index;
    let used: FxHashSet<usize> = rest.iter().flat_map(|w| index.matches(w)).collect();
    let mut hits: FxHashMap<usize, usize> = FxHashMap::default();
    let mut said: FxHashSet<&str> = FxHashSet::default();
    for id in used {
        said.insert(index.word(id));
        for &label in index.owners(id) {
            *hits.entry(label).or_default() += 1;
        }
    }
    let generic = &programme.kind_words;
    let label = hits
        .into_iter()
        .filter_map(|(label, count)| {
            let words = &programme.labels[label].words;
            let full = count == words.len();
            let in_part = words
                .iter()
                .all(|w| said.contains(w.as_str()) || generic.contains(w))
                && words
                    .iter()
                    .any(|w| said.contains(w.as_str()) && !generic.contains(w));
            (full || in_part).then_some((label, count, full))
        })
        .max_by_key(|&(label, count, full)| (full, count, std::cmp::Reverse(label)))
        .map(|(label, _, _)| label)?;
    let words = &programme.labels[label].words;
    rest.retain(|w| !words.iter().any(|lw| same_word(w, lw)));
    Some(label)
}

/// A question as a list of the programme: `None` when it is not one (it names the event alone, or has
/// words no list accounts for), and the topics answer it instead.
pub fn read(programme: &Programme, question: &str, now: Timestamp) -> Option<Query> {
    // A programme without a single timed session has no list to give: its sessions (parts named by a
    // kind, say) are answered by the topics, with what the knowledge says of their times.
    if programme.occurrences.is_empty() {
        return None;
    }
    let (times, text) = clock_times(question);
    // Chat spellings ("wat", "rn") are read as the words they stand for.
    let typed: Vec<String> = crate::lexicon::respell(&words(&text))
        .into_iter()
        .map(|(word, _)| word)
        .collect();
    let (typed, asks_who) = without_who(typed)?;
    // "After lunch", "after the developer forum": the session named after "after" is taken out of the
    // question, and the list starts when it ends.
    let (ws, anchor) = match take_anchor(programme, &typed) {
        Some((rest, anchor)) => (rest, Some(anchor)),
        None => (typed, None),
    };
    let vocabulary = &programme.vocabulary;
    let Scan {
        order,
        day,
        hours,
        mut rest,
        cues,
        rest_of_day,
        listing,
    } = scan(vocabulary, &ws);
    if asks_who && order == Order::All {
        return None;
    }
    let cues = cues || anchor.is_some();
    let room = take_room(programme, &ws, &mut rest);
    let label = take_label(programme, &mut rest);
    // A session named by its title narrows a list only when a day, a time or an order asks for one:
    // "the vector tiles workshop" names one session, for the topics to answer in full.
    let narrows = cues || !times.is_empty();
    let cues = narrows || room.is_some() || label.is_some();
    // "Is it on now?", "is the conference on thursday?": about the event, unless sessions are named.
    let names_event = ws.iter().any(|w| vocabulary.event.contains(w));
    let names_sessions =
        room.is_some() || label.is_some() || ws.iter().any(|w| vocabulary.sessions.contains(w));
    if names_event && !names_sessions {
        return None;
    }
    // "Where is the workshop held?" asks for a place, not a list of the sessions of that kind: without a
    // day, a time, a room or an order there is no list to give.
    let asks_where = ws.iter().any(|w| matches!(w.as_str(), "where" | "wheres"));
    if asks_where && day.is_none() && times.is_empty() && room.is_none() && order == Order::All {
        return None;
    }
    // "When is lunch tomorrow": words left over that name sessions by their title narrow a list that a
    // day, a time or an order asks for; any other word is a subject for the topics.
    let titled = titled_by(programme, &rest, cues, narrows)?;
    let today = now.to_zoned_datetime(programme.zone.clone()).date();
    let date = day.and_then(|d| resolve_day(programme, d, today));
    if day.is_some() && date.is_none() {
        return None;
    }
    // "What tracks are there" asks for the tracks themselves; with a room, a day or a kind named it asks
    // for sessions, and the word only says they are a track's.
    let listing = if room.is_none()
        && label.is_none()
        && day.is_none()
        && times.is_empty()
        && order == Order::All
        && anchor.is_none()
    {
        listing
    } else {
        Listing::Sessions
    };
    let anchored = anchor
        .as_ref()
        .and_then(|sessions| anchor_time(programme, sessions, date, now));
    if anchor.is_some() && anchored.is_none() {
        return None;
    }
    let date = anchored.map_or(date, |o| Some(o.day));
    let after = anchored
        .map(|o| o.end.max(o.start))
        .or_else(|| rest_of_day.then_some(now));
    let at = times
        .first()
        .and_then(|time| moment(programme, *time, date, today, question));
    let filter = Filter {
        day: date,
        hours,
        at,
        after,
        room: room.map(|r| r.room),
        label,
        speaker: None,
        titled,
    };
    // Sessions named by their title that the rest of the question rules out ("the afternoon coffee
    // break" when the coffee is in the morning) were not what it named: the topics answer it.
    if !filter.titled.is_empty()
        && !programme
            .occurrences
            .iter()
            .any(|o| programme.passes_without_speaker(o, &filter))
    {
        return None;
    }
    Some(Query {
        order,
        filter,
        listing,
    })
}

/// The words of a question without "who", and whether it had one; `None` when it has a word that asks
/// something else a list does not answer (a count, a reason, a manner). "Who is speaking next?": a person
/// asked of what is on now, next, first, last or just before is answered by that list, which names each
/// session's speakers; any other "who" asks of a person, for the caller to rule out.
fn without_who(typed: Vec<String>) -> Option<(Vec<String>, bool)> {
    let who = |w: &str| matches!(w, "who" | "whos");
    if typed
        .iter()
        .any(|w| NOT_A_LIST.contains(&w.as_str()) && !who(w))
    {
        return None;
    }
    let asks_who = typed.iter().any(|w| who(w));
    let rest = typed.into_iter().filter(|w| !who(w)).collect();
    Some((rest, asks_who))
}

/// The sessions the words left over name by their title (empty when none are left over), or `None` when
/// some are and they name none or nothing `narrows` them, or nothing asks for a list.
fn titled_by(
    programme: &Programme,
    rest: &[&String],
    cues: bool,
    narrows: bool,
) -> Option<Vec<usize>> {
    let fillers = &programme.vocabulary.fillers;
    let unaccounted: Vec<String> = rest
        .iter()
        .filter(|w| !fillers.contains(w.as_str()) && !fillers.contains(&singular(w)))
        .map(|w| singular(w))
        .collect();
    if !cues {
        return None;
    }
    if unaccounted.is_empty() {
        return Some(Vec::new());
    }
    if !narrows {
        return None;
    }
    let titled = programme.sessions_titled(&unaccounted);
    (!titled.is_empty()).then_some(titled)
}

/// The moment a clock time means: on the day asked about, else today, or the first day's before the
/// event.
fn moment(
    programme: &Programme,
    time: Time,
    date: Option<Date>,
    today: Date,
    question: &str,
) -> Option<Timestamp> {
    let on = date.unwrap_or_else(|| {
        if programme.days.contains(&today) {
            today
        } else {
            programme
                .days
                .iter()
                .copied()
                .find(|d| *d >= today)
                .unwrap_or(today)
        }
    });
    let at = |time: Time| {
        on.to_datetime(time)
            .to_zoned_datetime(programme.zone.clone())
            .ok()
            .map(|z| z.timestamp())
    };
    let morning = at(time)?;
    // "At 3:30" on a programme that runs from the morning into the evening means 15:30: a time
    // written without am or pm that falls outside the day's sessions is read as the afternoon's
    // when that one falls inside them.
    let afternoon = (time.hour() < 12 && !says_am_or_pm(question))
        .then(|| at(Time::new(time.hour() + 12, time.minute(), 0, 0).ok()?))
        .flatten();
    let within = |t: Timestamp| {
        programme
            .occurrences
            .iter()
            .filter(|o| o.day == on)
            .any(|o| o.start <= t && t < o.end.max(o.start))
    };
    let starts = programme
        .occurrences
        .iter()
        .filter(|o| o.day == on)
        .map(|o| o.start)
        .min();
    match afternoon {
        Some(later) if !within(morning) && starts.is_some_and(|first| morning < first) => {
            Some(later)
        }
        _ => Some(morning),
    }
}

/// The sessions a question names after "after" ("after afternoon tea", "after the developer forum"),
/// and the question without "after" and their words. The longest run of words after "after" that names
/// sessions wins: every word of it is in their titles, and it has at least half of their title's
/// words, or it names a kind or track. Several sessions named alike (a lunch on each day) are all kept;
/// [`anchor_time`] picks one.
fn take_anchor(programme: &Programme, ws: &[String]) -> Option<(Vec<String>, Vec<usize>)> {
    let at = ws.iter().position(|w| w == "after")?;
    let tail = &ws[at + 1..];
    for len in (1..=tail.len()).rev() {
        let named: Vec<String> = tail[..len]
            .iter()
            .filter(|w| !programme.vocabulary.is_untitled(w))
            .map(|w| singular(w))
            .collect();
        if named.is_empty() {
            continue;
        }
        let mut sessions = programme.sessions_titled(&named);
        // "After the keynote": a kind or track named by exactly these words stands for its sessions.
        if sessions.is_empty() {
            let mut key = named.clone();
            key.sort();
            key.dedup();
            if let Some(label) = programme.labels.iter().find(|l| l.words == key) {
                sessions.clone_from(&label.sessions);
            }
        }
        if !sessions.is_empty() {
            let mut rest = ws[..at].to_vec();
            rest.extend_from_slice(&tail[len..]);
            return Some((rest, sessions));
        }
    }
    None
}

/// The occurrence of the named sessions a question means: the one on the day it names; else today's,
/// else the next to come, else the last.
fn anchor_time<'p>(
    programme: &'p Programme,
    sessions: &[usize],
    day: Option<Date>,
    now: Timestamp,
) -> Option<&'p Occurrence> {
    let held: Vec<&Occurrence> = programme
        .occurrences
        .iter()
        .filter(|o| sessions.contains(&o.session))
        .collect();
    let today = now.to_zoned_datetime(programme.zone.clone()).date();
    match day {
        Some(day) => held.iter().copied().find(|o| o.day == day),
        None => held
            .iter()
            .copied()
            .find(|o| o.day == today)
            .or_else(|| held.iter().copied().find(|o| o.start >= now))
            .or_else(|| held.last().copied()),
    }
}

/// The date a day word means: relative to today, the event's n-th day, or the event day with that
/// weekday (the next one on or after today when there are several, else the last before).
fn resolve_day(p: &Programme, day: DayWord, today: Date) -> Option<Date> {
    match day {
        DayWord::Relative(n) => today.checked_add(jiff::Span::new().days(n)).ok(),
        DayWord::Nth(n) => p.days.get(n.checked_sub(1)?).copied(),
        DayWord::LastDay => p.days.last().copied(),
        DayWord::Weekday(w) => {
            let same: Vec<Date> = p
                .days
                .iter()
                .copied()
                .filter(|d| d.weekday() == w)
                .collect();
            same.iter()
                .copied()
                .find(|d| *d >= today)
                .or_else(|| same.last().copied())
                .or_else(|| today.nth_weekday(1, w).ok())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_fold_and_split() {
        assert_eq!(
            words("What's on in Room12?"),
            ["whats", "on", "in", "room", "12"]
        );
    }

    #[test]
    fn clock_times_are_read_and_blanked() {
        let (t, rest) = clock_times("what's at 10am tomorrow in room 12");
        assert_eq!(t, [Time::constant(10, 0, 0, 0)]);
        assert!(!rest.contains("10"), "{rest}");
        assert!(rest.contains("12"), "a room number is not a time: {rest}");
        let (t, _) = clock_times("in room 12 at 14:00 on day 2");
        assert_eq!(t, [Time::constant(14, 0, 0, 0)]);
        let (t, _) = clock_times("anything at 2.30 pm");
        assert_eq!(t, [Time::constant(14, 30, 0, 0)]);
        let (t, _) = clock_times("state of the map 2022");
        assert!(t.is_empty());
    }
}
