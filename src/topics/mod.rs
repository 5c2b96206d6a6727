//! The topics a question can be about: one per knowledge entry, plus the facets every event has
//! (its date and time, venue, hosts, programme, speakers, report).
//!
//! Each topic carries the texts it can be matched by, each with a weight (a keyword counts more than a word
//! in a long summary), the intents it answers (the date answers "when"), and its subject, from which
//! [`render`] writes the answer. Matching reads questions against the topics; the answer renders the one
//! a question matched. Both need the topics, so they live here, below both.

use crate::knowledge::{
    EntryKind, Event, Faq, Finding, Host, Initiative, Kind, Knowledge, Origin, Session, Speaker,
    Supporter, Venue,
};

use crate::lexicon::{Intent, Lexicon};

pub mod render;
pub mod time;

/// What a topic is about; the answer is rendered from it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Subject {
    /// The event's date and times, relative to now.
    When,
    /// What follows the event (a reception).
    FollowUp,
    /// The event's title and description.
    About,
    /// All the event's hosts.
    Hosts,
    /// The programme as a whole.
    Programme,
    /// The speakers as a whole (or the note that none are named).
    Speakers,
    /// The report's summary and its findings.
    Report,
    /// The latest announcements.
    News,
    Venue(usize),
    Host(usize),
    Initiative(usize),
    Supporter(usize),
    Session(usize),
    Speaker(usize),
    Finding(usize),
    Faq(usize),
}

/// A piece of text a topic is matched by, and how much a match on it counts.
#[derive(Debug, Clone)]
pub struct Field {
    pub text: String,
    pub weight: f32,
    /// Whether the text is a question the topic answers (an FAQ's question and its alternatives).
    pub question: bool,
    /// Whether the text names the topic itself (a host's name, an FAQ's question). Only such text may
    /// match the event's own words more than every other topic does: "ICCT" in the ICCT's name, not
    /// "China" in a finding's title.
    pub identity: bool,
}

#[derive(Debug, Clone)]
pub struct Topic {
    /// A stable key such as `event.when`, `venue.clingendael-institute` or `finding.poverty-root-cause`.
    pub key: String,
    /// A short human label, used when offering the topic ("Date and time", a finding's title).
    pub label: String,
    pub subject: Subject,
    /// The kind of knowledge entry behind it, if it is one entry.
    pub entry: Option<EntryKind>,
    pub fields: Vec<Field>,
    pub intents: Vec<(Intent, f32)>,
    pub origin: Origin,
}

/// Field weights: how much a question word matching each kind of text counts.
const NAME: f32 = 1.0;
const KEYWORD: f32 = 1.0;
const THEME: f32 = 0.9;
const FACET: f32 = 0.9;
const RELATED: f32 = 0.6;
const BODY: f32 = 0.6;
const MENTION: f32 = 0.4;

/// How much a list topic (programme, speakers, report) answers "how many": half, since it answers with
/// a count only when the question also names what is counted ("how many parts").
const QUANTITY: f32 = 0.5;

/// The most sessions whose titles the programme topic itself is matched by; beyond this a question names
/// a session directly, and listing every title would make the programme match everything.
const PROGRAMME_TITLES: usize = 30;

struct Builder<'a> {
    lexicon: &'a Lexicon,
    fields: Vec<Field>,
}

impl<'a> Builder<'a> {
    fn new(lexicon: &'a Lexicon) -> Self {
        Builder {
            lexicon,
            fields: Vec::new(),
        }
    }

    fn add(mut self, text: &str, weight: f32) -> Self {
        if !text.trim().is_empty() {
            self.fields.push(Field {
                text: text.to_string(),
                weight,
                question: false,
                identity: false,
            });
        }
        self
    }

    /// Text that names the topic itself.
    fn name(mut self, text: &str) -> Self {
        self = self.add(text, NAME);
        if let Some(last) = self.fields.last_mut() {
            last.identity = true;
        }
        self
    }

    fn names(mut self, texts: &[String]) -> Self {
        for text in texts {
            self = self.name(text);
        }
        self
    }

    fn name_opt(self, text: Option<&String>) -> Self {
        match text {
            Some(text) => self.name(text),
            None => self,
        }
    }

    /// A question the topic answers: its question words become the topic's intents.
    fn question(mut self, text: &str) -> Self {
        self = self.name(text);
        if let Some(last) = self.fields.last_mut() {
            last.question = true;
        }
        self
    }

    fn add_opt(self, text: Option<&String>, weight: f32) -> Self {
        match text {
            Some(text) => self.add(text, weight),
            None => self,
        }
    }

    fn add_all(mut self, texts: &[String], weight: f32) -> Self {
        for text in texts {
            self = self.add(text, weight);
        }
        self
    }

    fn facet(self, name: &str, weight: f32) -> Self {
        let words = self.lexicon.facet(name);
        self.add_all(words, weight)
    }
}

/// The words that refer to the event itself ("the seminar", its title): a question may use them with
/// any topic, so they count as covered by every topic.
///
/// Each text comes with how much of such a word every topic covers: the event's title and kind fully
/// name the event ([`EVENT_COVER`]); its hosts and venue often stand for it too ("the Clingendael thing"),
/// but as often are the subject themselves ("when was the ICCT founded"), so they count for less
/// ([`RELATED_COVER`]).
pub fn context_texts(knowledge: &Knowledge, lexicon: &Lexicon) -> Vec<(String, f32)> {
    let event = &knowledge.event;
    let mut texts: Vec<(String, f32)> = vec![
        (event.title.clone(), EVENT_COVER),
        (event.kind.clone(), EVENT_COVER),
    ];
    texts.extend(event.keywords.iter().map(|k| (k.clone(), EVENT_COVER)));
    texts.extend(
        lexicon
            .facet("event")
            .iter()
            .map(|k| (k.clone(), EVENT_COVER)),
    );
    for &h in &event.hosts {
        let host = &knowledge.hosts()[h];
        texts.push((host.name.clone(), RELATED_COVER));
        texts.extend(host.short_name.iter().map(|s| (s.clone(), RELATED_COVER)));
        texts.extend(host.aliases.iter().map(|a| (a.clone(), RELATED_COVER)));
    }
    if let Some(v) = event.venue {
        texts.push((knowledge.venues()[v].name.clone(), RELATED_COVER));
    }
    texts
}

/// How much of a word naming the event itself (its title, "the seminar") every topic covers.
pub const EVENT_COVER: f32 = 0.75;
/// How much of a word naming the event's hosts or venue every topic covers.
pub const RELATED_COVER: f32 = 0.5;

/// Every topic of the knowledge: the event's facets first, then its entries, FAQs first (see below).
#[allow(clippy::too_many_lines)] // One arm per kind of topic reads best together.
pub fn topics(knowledge: &Knowledge, lexicon: &Lexicon) -> Vec<Topic> {
    let k = knowledge;
    let event = &k.event;
    let mut topics = Vec::new();
    let mut push = |key: String,
                    label: String,
                    subject: Subject,
                    entry: Option<EntryKind>,
                    b: Builder<'_>,
                    intents: Vec<(Intent, f32)>,
                    origin: &Origin| {
        topics.push(Topic {
            key,
            label,
            subject,
            entry,
            fields: b.fields,
            intents,
            origin: origin.clone(),
        });
    };

    // The event's own facets. The event itself comes first: a question that names only the event ("the
    // China seminar?") is about it, and ties go to the topic defined first.
    push(
        "event.about".into(),
        "What the event is about".into(),
        Subject::About,
        Some(Event::KIND),
        Builder::new(lexicon)
            .name(&event.title)
            .add(&event.kind, NAME)
            .add_all(&event.keywords, KEYWORD)
            .add(&event.description, BODY)
            .facet("about", FACET),
        vec![],
        &event.origin,
    );
    let date_words = date_words(k);
    push(
        "event.when".into(),
        "Date and time".into(),
        Subject::When,
        None,
        Builder::new(lexicon)
            .facet("when", FACET)
            .add(&date_words, KEYWORD),
        vec![(Intent::When, 1.0)],
        &event.origin,
    );
    if let Some(follow_up) = &event.follow_up {
        push(
            "event.follow-up".into(),
            render::label_of(&follow_up.title),
            Subject::FollowUp,
            None,
            Builder::new(lexicon)
                .add(&follow_up.title, NAME)
                .add_all(&follow_up.keywords, KEYWORD)
                .add_opt(follow_up.description.as_ref(), BODY)
                .facet("follow_up", FACET),
            vec![(Intent::When, 0.8)],
            &event.origin,
        );
    }
    if !event.hosts.is_empty() {
        // The count is a term too: "which two institutions hosted it".
        let mut b = Builder::new(lexicon)
            .facet("hosts", FACET)
            .add(&event.hosts.len().to_string(), RELATED);
        for &h in &event.hosts {
            let host = &k.hosts()[h];
            b = b
                .add(&host.name, RELATED)
                .add_opt(host.short_name.as_ref(), RELATED)
                .add_all(&host.aliases, RELATED);
        }
        push(
            "event.hosts".into(),
            "Hosts".into(),
            Subject::Hosts,
            None,
            b,
            vec![(Intent::Who, 1.0)],
            &event.origin,
        );
    }
    if !k.sessions().is_empty() {
        let mut b = Builder::new(lexicon)
            // These words name the programme itself, so it wins over a session whose title happens to
            // contain one ("Rethinking scheduling").
            .facet("programme", NAME)
            .add(&k.sessions().len().to_string(), RELATED);
        if k.sessions().len() <= PROGRAMME_TITLES {
            for session in k.sessions() {
                b = b.add(&session.title, MENTION);
            }
        }
        let timed = k.sessions().iter().any(|s| s.start.is_some());
        push(
            "event.programme".into(),
            "Programme".into(),
            Subject::Programme,
            None,
            b,
            // The programme says how many parts it has, and when they are if the knowledge says.
            if timed {
                vec![(Intent::When, 0.6), (Intent::Quantity, QUANTITY)]
            } else {
                vec![(Intent::Quantity, QUANTITY)]
            },
            &k.sessions()[0].origin,
        );
    }
    push(
        "event.speakers".into(),
        "Speakers".into(),
        Subject::Speakers,
        None,
        Builder::new(lexicon)
            .facet("speakers", FACET)
            .add_opt(event.participants.as_ref(), MENTION),
        // Without named speakers there is no count to give.
        if k.speakers().is_empty() {
            vec![(Intent::Who, 1.0)]
        } else {
            vec![(Intent::Who, 1.0), (Intent::Quantity, QUANTITY)]
        },
        &event.origin,
    );
    if let Some(report) = k.report() {
        push(
            "event.report".into(),
            "Report and key findings".into(),
            Subject::Report,
            None,
            Builder::new(lexicon)
                .name(&report.title)
                .add_all(&report.keywords, KEYWORD)
                .add(&report.summary, MENTION)
                .add(&k.findings().len().to_string(), RELATED)
                .facet("report", FACET),
            vec![(Intent::Quantity, QUANTITY)],
            &report.origin,
        );
    }

    push(
        "event.news".into(),
        "Announcements".into(),
        Subject::News,
        None,
        // These words name the announcements themselves, as the programme's words name the programme.
        Builder::new(lexicon).facet("news", NAME),
        vec![],
        &event.origin,
    );

    // One topic per entry. Ties go to the topic listed first, so the order says who wins them: a
    // maintainer's own answer to a question (an FAQ) first, then what the organisations are, then where,
    // then the programme and the findings.
    for (i, q) in k.faqs().iter().enumerate() {
        push(
            format!("faq.{}", q.id),
            q.question.clone(),
            Subject::Faq(i),
            Some(Faq::KIND),
            q.alternatives
                .iter()
                .fold(Builder::new(lexicon).question(&q.question), |b, alt| {
                    b.question(alt)
                })
                .add_all(&q.keywords, KEYWORD)
                .add(&q.answer, MENTION),
            // A maintainer's question says what it answers: its own question words become its intents
            // (see `Index::build`).
            vec![],
            &q.origin,
        );
    }
    for (i, h) in k.hosts().iter().enumerate() {
        push(
            format!("host.{}", h.id),
            h.display_name(),
            Subject::Host(i),
            Some(Host::KIND),
            Builder::new(lexicon)
                .name(&h.name)
                .name_opt(h.short_name.as_ref())
                .names(&h.aliases)
                .add_all(&h.keywords, KEYWORD)
                .add(&h.description, BODY)
                .facet("host", FACET),
            vec![(Intent::Who, 0.8)],
            &h.origin,
        );
    }
    for (i, s) in k.supporters().iter().enumerate() {
        push(
            format!("supporter.{}", s.id),
            s.name.clone(),
            Subject::Supporter(i),
            Some(Supporter::KIND),
            Builder::new(lexicon)
                .name(&s.name)
                .names(&s.aliases)
                .add_all(&s.keywords, KEYWORD)
                .add(&s.description, BODY)
                .facet("supporter", FACET),
            vec![(Intent::Who, 0.8)],
            &s.origin,
        );
    }
    for (i, x) in k.initiatives().iter().enumerate() {
        push(
            format!("initiative.{}", x.id),
            x.name.clone(),
            Subject::Initiative(i),
            Some(Initiative::KIND),
            Builder::new(lexicon)
                .name(&x.name)
                .add(&x.kind, NAME)
                .names(&x.aliases)
                .add_all(&x.keywords, KEYWORD)
                .add(&x.description, BODY)
                .facet("initiative", FACET),
            vec![],
            &x.origin,
        );
    }
    for (i, v) in k.venues().iter().enumerate() {
        let mut b = Builder::new(lexicon)
            .name(&v.name)
            .names(&v.aliases)
            // Where the venue is names it as much as its name does: "the Hague", "the Netherlands".
            .name(&v.address)
            .name_opt(v.postcode.as_ref())
            .name(&v.city)
            .name_opt(v.country.as_ref())
            .add_all(&v.keywords, KEYWORD)
            .add_opt(v.directions.as_ref(), BODY)
            .facet("venue", FACET);
        for room in &v.rooms {
            b = b.add(&room.name, RELATED).add_all(&room.aliases, RELATED);
        }
        push(
            format!("venue.{}", v.id),
            v.name.clone(),
            Subject::Venue(i),
            Some(Venue::KIND),
            b,
            vec![(Intent::Where, 1.0)],
            &v.origin,
        );
    }
    for (i, s) in k.sessions().iter().enumerate() {
        let mut b = Builder::new(lexicon)
            .name(&s.title)
            .names(&s.aliases)
            .add_opt(s.kind.as_ref(), NAME)
            .add_all(&s.keywords, KEYWORD)
            .add_all(&s.themes, THEME)
            .add_opt(s.summary.as_ref(), BODY);
        for &sp in &s.speakers {
            b = b.add(&k.speakers()[sp].name, RELATED);
        }
        if let Some(room) = s.room {
            b = b.add(k.room_name(room), RELATED);
        }
        let mut intents = Vec::new();
        if s.start.is_some() {
            intents.push((Intent::When, 1.0));
        }
        if s.room.is_some() {
            intents.push((Intent::Where, 1.0));
        }
        if !s.speakers.is_empty() {
            intents.push((Intent::Who, 0.8));
        }
        push(
            format!("session.{}", s.id),
            s.title.clone(),
            Subject::Session(i),
            Some(Session::KIND),
            b,
            intents,
            &s.origin,
        );
    }
    for (i, s) in k.speakers().iter().enumerate() {
        let mut b = Builder::new(lexicon)
            .name(&s.name)
            .names(&s.aliases)
            .add_all(&s.keywords, KEYWORD)
            .add_opt(s.affiliation.as_ref(), NAME)
            .add_all(&s.themes, THEME)
            .add_opt(s.bio.as_ref(), BODY);
        for &si in &s.sessions {
            b = b.add(&k.sessions()[si].title, RELATED);
        }
        push(
            format!("speaker.{}", s.id),
            s.name.clone(),
            Subject::Speaker(i),
            Some(Speaker::KIND),
            b,
            vec![(Intent::Who, 1.0)],
            &s.origin,
        );
    }
    for (i, f) in k.findings().iter().enumerate() {
        push(
            format!("finding.{}", f.id),
            f.title.clone(),
            Subject::Finding(i),
            Some(Finding::KIND),
            Builder::new(lexicon)
                .add(&f.title, NAME)
                .add_all(&f.keywords, KEYWORD)
                .add(&f.text, BODY),
            vec![(Intent::Why, 0.6)],
            &f.origin,
        );
    }
    topics
}

/// The words of the event's date and times ("thursday 30 april 2015 14 00 17 30"), so a question that
/// names them ("was it in april?") finds the date.
fn date_words(k: &Knowledge) -> String {
    let start = &k.event.start;
    let end = &k.event.end;
    format!(
        "{} {}",
        start.strftime("%A %-d %B %Y %H %M"),
        end.strftime("%A %-d %B %Y %H %M")
    )
}
