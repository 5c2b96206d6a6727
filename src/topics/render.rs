//! Answers in words, from the knowledge and the clock. Every fact comes from the knowledge; this module
//! only arranges the facts into sentences and puts verbs in the right tense for `now`.

use jiff::{Timestamp, ZonedDateTime};

use crate::knowledge::{Knowledge, Origin, Session, Venue};

use super::Subject;
use super::time::{Phase, clock, duration_words, long_date, phase};

/// The most items a list in an answer names before saying how many more there are.
const LIST_LIMIT: usize = 15;
/// The most announcements a news answer shows.
const NEWS_LIMIT: usize = 5;

/// Which part of a time the question asked about, read from its words ("when does it end").
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Focus {
    pub start: bool,
    pub end: bool,
    pub duration: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct TimeFact {
    pub label: String,
    pub start: Timestamp,
    pub end: Option<Timestamp>,
}

/// An announcement already made, for participants who ask for the news.
#[derive(Debug, Clone, PartialEq)]
pub struct NewsItem {
    pub text: String,
    pub at: Timestamp,
}

/// What has been announced so far: the port an answer about the news reads it through, and only when a
/// question is about the news. An adapter with a state store passes what its store says was posted.
pub trait PostedNews {
    /// The `limit` announcements made last, newest first.
    fn latest(&self, limit: usize) -> Vec<NewsItem>;
}

#[derive(Debug, Clone, PartialEq)]
pub struct PlaceFact {
    pub name: String,
    pub address: String,
    pub map: Option<String>,
}

/// The parts of an answer that depend on its subject.
#[derive(Debug, Clone, PartialEq)]
pub struct Rendered {
    pub title: String,
    pub text: String,
    pub times: Vec<TimeFact>,
    pub place: Option<PlaceFact>,
    pub source: Option<Origin>,
}

struct Writer<'a> {
    k: &'a Knowledge,
    now: Timestamp,
    phase: Phase,
}

/// Renders the answer about `subject`. `news` says what has been announced, read only for the news.
pub fn render(
    k: &Knowledge,
    subject: Subject,
    focus: Focus,
    now: Timestamp,
    news: &dyn PostedNews,
) -> Rendered {
    let w = Writer {
        k,
        now,
        phase: phase(now, k.event.start.timestamp(), k.event.end.timestamp()),
    };
    match subject {
        Subject::When => w.when(focus),
        Subject::FollowUp => w.follow_up(),
        Subject::About => w.about(),
        Subject::Hosts => w.hosts(),
        Subject::Programme => w.programme(),
        Subject::Speakers => w.speakers(),
        Subject::Report => w.report(),
        Subject::News => w.news(news),
        Subject::Venue(i) => w.venue(i),
        Subject::Host(i) => {
            let h = &k.hosts()[i];
            let mut text = h.description.clone();
            if let Some(url) = &h.url {
                text.push_str(&format!(" Website: {url}"));
            }
            plain(h.display_name(), text, &h.origin)
        }
        Subject::Initiative(i) => {
            let x = &k.initiatives()[i];
            plain(x.name.clone(), x.description.clone(), &x.origin)
        }
        Subject::Supporter(i) => {
            let s = &k.supporters()[i];
            let mut text = s.description.clone();
            if let Some(url) = &s.url {
                text.push_str(&format!(" Website: {url}"));
            }
            plain(s.name.clone(), text, &s.origin)
        }
        Subject::Session(i) => w.session(i),
        Subject::Speaker(i) => w.speaker(i),
        Subject::Finding(i) => {
            let f = &k.findings()[i];
            plain(f.title.clone(), f.text.clone(), &f.origin)
        }
        Subject::Faq(i) => {
            let q = &k.faqs()[i];
            plain(q.question.clone(), q.answer.clone(), &q.origin)
        }
    }
}

fn plain(title: String, text: String, origin: &Origin) -> Rendered {
    Rendered {
        title,
        text,
        times: Vec::new(),
        place: None,
        source: Some(origin.clone()),
    }
}

impl Writer<'_> {
    /// "the expert seminar": how prose refers to the event.
    fn the_event(&self) -> String {
        let kind = self.k.event.kind.trim();
        if kind.is_empty() {
            "the event".to_string()
        } else {
            format!("the {}", kind.to_lowercase())
        }
    }

    fn event_subject(&self) -> String {
        capitalise(&self.the_event())
    }

    /// "The Hague time": the venue's city, or the time zone's place name.
    fn zone_label(&self) -> String {
        let place = self.k.event.venue.map_or_else(
            || {
                let name = &self.k.event.time_zone_name;
                name.rsplit('/').next().unwrap_or(name).replace('_', " ")
            },
            |v| self.k.venues()[v].city.clone(),
        );
        format!("{place} time")
    }

    fn zoned(&self, t: &ZonedDateTime) -> ZonedDateTime {
        t.with_time_zone(self.k.event.time_zone.clone())
    }

    fn now_zoned(&self) -> ZonedDateTime {
        self.now.to_zoned_datetime(self.k.event.time_zone.clone())
    }

    /// "on Thursday 30 April 2015, from 14:00 to 17:30 (The Hague time)", or across days.
    fn span_words(&self, start: &ZonedDateTime, end: Option<&ZonedDateTime>) -> String {
        let start = self.zoned(start);
        let zone = self.zone_label();
        match end.map(|e| self.zoned(e)) {
            Some(end) if end.date() == start.date() => format!(
                "on {}, from {} to {} ({zone})",
                long_date(&start),
                clock(&start),
                clock(&end)
            ),
            Some(end) => format!(
                "from {} at {} to {} at {} ({zone})",
                long_date(&start),
                clock(&start),
                long_date(&end),
                clock(&end)
            ),
            None => format!("on {} at {} ({zone})", long_date(&start), clock(&start)),
        }
    }

    fn event_place(&self) -> Option<PlaceFact> {
        self.k.event.venue.map(|v| place_fact(&self.k.venues()[v]))
    }

    fn event_times(&self) -> Vec<TimeFact> {
        vec![TimeFact {
            label: capitalise(&self.k.event.kind),
            start: self.k.event.start.timestamp(),
            end: Some(self.k.event.end.timestamp()),
        }]
    }

    fn when(&self, focus: Focus) -> Rendered {
        let e = &self.k.event;
        let start = self.zoned(&e.start);
        let end = self.zoned(&e.end);
        let now = self.now_zoned();
        let text = match self.phase {
            Phase::After => self.when_after(focus, &start, &end, &now),
            Phase::Before => self.when_before(focus, &start, &end, &now),
            Phase::During => self.when_during(focus, &start, &end, &now),
        };
        Rendered {
            title: "Date and time".to_string(),
            text,
            times: self.event_times(),
            place: self.event_place(),
            source: Some(e.origin.clone()),
        }
    }

    /// " It was followed by a reception." in the tense of `verb`, or nothing.
    fn followed_by(&self, verb: &str) -> String {
        self.k
            .event
            .follow_up
            .as_ref()
            .map(|f| format!(" It {verb} followed by {}.", f.title))
            .unwrap_or_default()
    }

    fn when_after(
        &self,
        focus: Focus,
        start: &ZonedDateTime,
        end: &ZonedDateTime,
        now: &ZonedDateTime,
    ) -> String {
        let event = capitalise(&self.the_event());
        let zone = self.zone_label();
        let ago = duration_words(end, now);
        let lead = if focus.duration {
            format!(
                "{event} is over: it lasted {}, {}, {ago} ago.",
                duration_words(start, end),
                self.span_words(start, Some(end))
            )
        } else if focus.end && !focus.start {
            format!(
                "{event} is over: it ended at {} ({zone}) on {}, {ago} ago, after starting at {}.",
                clock(end),
                long_date(end),
                clock(start)
            )
        } else if focus.start && !focus.end {
            format!(
                "{event} is over: it started at {} ({zone}) on {}, {ago} ago, and ran until {}.",
                clock(start),
                long_date(start),
                clock(end)
            )
        } else {
            format!(
                "{event} is over: it took place {}, {ago} ago.",
                self.span_words(start, Some(end))
            )
        };
        lead + &self.followed_by("was")
    }

    fn when_before(
        &self,
        focus: Focus,
        start: &ZonedDateTime,
        end: &ZonedDateTime,
        now: &ZonedDateTime,
    ) -> String {
        let event = capitalise(&self.the_event());
        let zone = self.zone_label();
        let lead = if focus.duration {
            format!(
                "{event} lasts {}: it takes place {}.",
                duration_words(start, end),
                self.span_words(start, Some(end))
            )
        } else if focus.end && !focus.start {
            format!(
                "{event} ends at {} ({zone}) on {}; it starts at {}.",
                clock(end),
                long_date(end),
                clock(start)
            )
        } else {
            format!("{event} takes place {}.", self.span_words(start, Some(end)))
        };
        format!(
            "{lead}{} It starts in {}.",
            self.followed_by("is"),
            duration_words(now, start)
        )
    }

    fn when_during(
        &self,
        focus: Focus,
        start: &ZonedDateTime,
        end: &ZonedDateTime,
        now: &ZonedDateTime,
    ) -> String {
        let mut text = format!(
            "{} is happening now: it started at {} and ends at {} ({}), in {}.",
            capitalise(&self.the_event()),
            clock(start),
            clock(end),
            self.zone_label(),
            duration_words(now, end)
        );
        if focus.duration {
            text.push_str(&format!(" In all it lasts {}.", duration_words(start, end)));
        }
        text + &self.followed_by("is")
    }

    fn follow_up(&self) -> Rendered {
        let e = &self.k.event;
        let Some(f) = &e.follow_up else {
            return self.when(Focus::default());
        };
        let end = self.zoned(&e.end);
        let now = self.now_zoned();
        let zone = self.zone_label();
        let event = self.event_subject();
        let mut text = match self.phase {
            Phase::After => format!(
                "{event} was followed by {}, after it ended at {} ({zone}) on {}, {} ago.",
                f.title,
                clock(&end),
                long_date(&end),
                duration_words(&end, &now)
            ),
            Phase::Before | Phase::During => format!(
                "{event} is followed by {}, after it ends at {} ({zone}) on {}, in {}.",
                f.title,
                clock(&end),
                long_date(&end),
                duration_words(&now, &end)
            ),
        };
        if let Some(description) = &f.description {
            text.push(' ');
            text.push_str(description);
        }
        Rendered {
            title: label_of(&f.title),
            text,
            times: vec![TimeFact {
                label: label_of(&f.title),
                start: e.end.timestamp(),
                end: None,
            }],
            place: self.event_place(),
            source: Some(e.origin.clone()),
        }
    }

    fn about(&self) -> Rendered {
        let e = &self.k.event;
        let start = self.zoned(&e.start);
        let verb = if self.phase == Phase::After {
            "was"
        } else {
            "is"
        };
        let mut text = format!(
            "\u{201c}{}\u{201d} {verb} {} ",
            e.title,
            with_article(&e.kind.to_lowercase())
        );
        text.push_str(&match e.venue {
            Some(v) => format!(
                "at {}, {}, on {}.",
                self.k.venues()[v].name,
                self.k.venues()[v].city,
                long_date(&start)
            ),
            None => format!("on {}.", long_date(&start)),
        });
        text.push(' ');
        text.push_str(&e.description);
        Rendered {
            title: e.title.clone(),
            text,
            times: self.event_times(),
            place: self.event_place(),
            source: Some(e.origin.clone()),
        }
    }

    fn hosts(&self) -> Rendered {
        let e = &self.k.event;
        let names: Vec<String> = e
            .hosts
            .iter()
            .map(|&h| self.k.hosts()[h].display_name())
            .collect();
        let verb = if self.phase == Phase::After {
            "was"
        } else {
            "is"
        };
        let text = format!(
            "{} {verb} hosted by {} {}: {}.",
            self.event_subject(),
            count_words(names.len()),
            if names.len() == 1 {
                "organisation"
            } else {
                "organisations"
            },
            and_list(&names)
        );
        plain("Hosts".to_string(), text, &e.origin)
    }

    fn venue(&self, i: usize) -> Rendered {
        let v = &self.k.venues()[i];
        let is_event_venue = self.k.event.venue == Some(i);
        let mut text = if is_event_venue {
            let verb = if self.phase == Phase::After {
                "took place"
            } else {
                "takes place"
            };
            format!(
                "{} {verb} at {}, {}.",
                self.event_subject(),
                v.name,
                v.full_address()
            )
        } else {
            format!("{}: {}.", v.name, v.full_address())
        };
        if let Some(directions) = &v.directions {
            text.push(' ');
            text.push_str(directions);
        }
        if !v.rooms.is_empty() {
            let rooms: Vec<String> = v.rooms.iter().map(|r| r.name.clone()).collect();
            text.push_str(&format!(" Rooms: {}.", rooms.join(", ")));
        }
        if let Some(map) = &v.map {
            text.push_str(&format!(" Map: {map}"));
        }
        Rendered {
            title: v.name.clone(),
            text,
            times: Vec::new(),
            place: Some(place_fact(v)),
            source: Some(v.origin.clone()),
        }
    }

    /// "Part two (14:00 to 15:30, Room A)".
    fn session_heading(&self, s: &Session) -> String {
        let mut details = Vec::new();
        if let Some(start) = &s.start {
            let start = self.zoned(start);
            match &s.end {
                Some(end) => details.push(format!(
                    "{} {} to {}",
                    start.strftime("%a %-d %b"),
                    clock(&start),
                    clock(&self.zoned(end))
                )),
                None => details.push(format!("{} {}", start.strftime("%a %-d %b"), clock(&start))),
            }
        }
        if let Some(room) = s.room {
            details.push(self.k.room_name(room).to_string());
        }
        if details.is_empty() {
            s.title.clone()
        } else {
            format!("{} ({})", s.title, details.join(", "))
        }
    }

    fn programme(&self) -> Rendered {
        let mut sessions: Vec<&Session> = self.k.sessions().iter().collect();
        sessions.sort_by_key(|s| s.start.as_ref().map(ZonedDateTime::timestamp));
        let kind = self.the_event();
        // "Two parts" when the knowledge calls its sessions parts, "10000 sessions" otherwise.
        let noun = if sessions.iter().all(|s| s.kind.as_deref() == Some("part")) {
            "part"
        } else {
            "session"
        };
        let mut text = format!(
            "The programme of {kind} has {} {noun}{}:",
            count_words(sessions.len()),
            if sessions.len() == 1 { "" } else { "s" }
        );
        for s in sessions.iter().take(LIST_LIMIT) {
            text.push_str(&format!("\n- {}", self.session_heading(s)));
            if !s.themes.is_empty() {
                text.push_str(&format!(": {}", s.themes.join(", ")));
            } else if let Some(summary) = &s.summary {
                text.push_str(&format!(": {summary}"));
            }
        }
        if sessions.len() > LIST_LIMIT {
            text.push_str(&format!(
                "\n... and {} more. Ask about a session by its title or theme.",
                sessions.len() - LIST_LIMIT
            ));
        }
        let source = sessions.first().map(|s| s.origin.clone());
        Rendered {
            title: "Programme".to_string(),
            text,
            times: Vec::new(),
            place: None,
            source,
        }
    }

    fn session(&self, i: usize) -> Rendered {
        let s = &self.k.sessions()[i];
        let mut text = self.session_heading(s);
        match &s.summary {
            Some(summary) => text.push_str(&format!(": {summary}")),
            None => text.push('.'),
        }
        if !s.themes.is_empty() {
            text.push_str(&format!(" Themes: {}.", s.themes.join(", ")));
        }
        if !s.speakers.is_empty() {
            let names: Vec<String> = s.speakers.iter().map(|&sp| self.speaker_name(sp)).collect();
            text.push_str(&format!(
                " Speakers: {}.",
                limited_list(&names, names.len())
            ));
        }
        if !s.findings.is_empty() {
            let titles: Vec<String> = s
                .findings
                .iter()
                .map(|&f| self.k.findings()[f].title.clone())
                .collect();
            text.push_str(&format!(
                " Findings: {}.",
                limited_list(&titles, titles.len())
            ));
        }
        let times = s
            .start
            .as_ref()
            .map(|start| TimeFact {
                label: s.title.clone(),
                start: start.timestamp(),
                end: s.end.as_ref().map(ZonedDateTime::timestamp),
            })
            .into_iter()
            .collect();
        Rendered {
            title: s.title.clone(),
            text,
            times,
            place: s.room.map(|r| place_fact(&self.k.venues()[r.venue])),
            source: Some(s.origin.clone()),
        }
    }

    fn speaker_name(&self, i: usize) -> String {
        let s = &self.k.speakers()[i];
        match &s.affiliation {
            Some(a) => format!("{} ({a})", s.name),
            None => s.name.clone(),
        }
    }

    fn speakers(&self) -> Rendered {
        let e = &self.k.event;
        if self.k.speakers().is_empty() {
            let text = e
                .speakers_note
                .clone()
                .or_else(|| e.participants.clone())
                .unwrap_or_else(|| "The knowledge lists no speakers.".to_string());
            return plain("Speakers".to_string(), text, &e.origin);
        }
        // Only the names shown are formatted: a conference has thousands of speakers.
        let total = self.k.speakers().len();
        let names: Vec<String> = (0..total.min(LIST_LIMIT + 1))
            .map(|i| self.speaker_name(i))
            .collect();
        let text = format!(
            "{} {}: {}.",
            count_words(total),
            if total == 1 { "speaker" } else { "speakers" },
            limited_list(&names, total)
        );
        plain(
            "Speakers".to_string(),
            capitalise(&text),
            &self.k.speakers()[0].origin,
        )
    }

    fn speaker(&self, i: usize) -> Rendered {
        let s = &self.k.speakers()[i];
        let mut text = self.speaker_name(i);
        text.push('.');
        if let Some(bio) = &s.bio {
            text.push(' ');
            text.push_str(bio);
        }
        if !s.sessions.is_empty() {
            let sessions: Vec<String> = s
                .sessions
                .iter()
                .map(|&si| self.session_heading(&self.k.sessions()[si]))
                .collect();
            text.push_str(&format!(
                " Sessions: {}.",
                limited_list(&sessions, sessions.len())
            ));
        }
        if !s.themes.is_empty() {
            text.push_str(&format!(" Themes: {}.", s.themes.join(", ")));
        }
        let times = s
            .sessions
            .iter()
            .filter_map(|&si| {
                let session = &self.k.sessions()[si];
                session.start.as_ref().map(|start| TimeFact {
                    label: session.title.clone(),
                    start: start.timestamp(),
                    end: session.end.as_ref().map(ZonedDateTime::timestamp),
                })
            })
            .collect();
        Rendered {
            title: s.name.clone(),
            text,
            times,
            place: None,
            source: Some(s.origin.clone()),
        }
    }

    fn news(&self, news: &dyn PostedNews) -> Rendered {
        let news = news.latest(NEWS_LIMIT);
        let text = if news.is_empty() {
            format!("There are no announcements about {} yet.", self.the_event())
        } else {
            let mut text = String::from("Latest announcements:");
            for item in &news {
                let at = item.at.to_zoned_datetime(self.k.event.time_zone.clone());
                text.push_str(&format!(
                    "\n- {}: {}",
                    at.strftime("%a %-d %b %H:%M"),
                    item.text
                ));
            }
            text
        };
        Rendered {
            title: "Announcements".to_string(),
            text,
            times: Vec::new(),
            place: None,
            source: None,
        }
    }

    fn report(&self) -> Rendered {
        let Some(report) = self.k.report() else {
            return self.about();
        };
        let mut text = report.summary.clone();
        if !self.k.findings().is_empty() {
            text.push_str("\nKey findings:");
            for (n, f) in self.k.findings().iter().enumerate().take(LIST_LIMIT * 2) {
                text.push_str(&format!("\n{}. {}", n + 1, f.title));
            }
            if self.k.findings().len() > LIST_LIMIT * 2 {
                text.push_str(&format!(
                    "\n... and {} more.",
                    self.k.findings().len() - LIST_LIMIT * 2
                ));
            }
        }
        plain(report.title.clone(), text, &report.origin)
    }
}

fn place_fact(v: &Venue) -> PlaceFact {
    PlaceFact {
        name: v.name.clone(),
        address: v.full_address(),
        map: v.map.clone(),
    }
}

/// "Reception" for "a reception": a title as it reads in a sentence, made a label.
pub(crate) fn label_of(title: &str) -> String {
    let bare = ["a ", "an ", "the "]
        .iter()
        .find_map(|article| title.strip_prefix(article))
        .unwrap_or(title);
    capitalise(bare)
}

pub(crate) fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

fn with_article(noun: &str) -> String {
    let vowel = noun.chars().next().is_some_and(|c| "aeiou".contains(c));
    format!("{} {noun}", if vowel { "an" } else { "a" })
}

/// "A, B and C".
pub(crate) fn and_list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

/// Up to [`LIST_LIMIT`] of `items`, then how many more of `total` there are. `items` may hold only the
/// first few of the `total`, so long lists need not be formatted whole.
fn limited_list(items: &[String], total: usize) -> String {
    if total <= LIST_LIMIT {
        and_list(items)
    } else {
        format!(
            "{} and {} more",
            items[..LIST_LIMIT.min(items.len())].join(", "),
            total - LIST_LIMIT.min(items.len())
        )
    }
}

/// Small counts in words, larger ones in digits.
pub(crate) fn count_words(n: usize) -> String {
    const WORDS: [&str; 11] = [
        "no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    ];
    WORDS
        .get(n)
        .map_or_else(|| n.to_string(), |w| (*w).to_string())
}
