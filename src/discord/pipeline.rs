//! The question pipeline: a question, or a topic chosen with a command or a button, goes to the core and
//! comes back as a [`Reply`]; on the way it is logged, counted for `/status`, and kept for `/gaps` when
//! Usher could not answer it well. Every call the Discord adapter makes into the engine is here.
//!
//! Each function loads the live engine once and renders the reply from that same engine, so that a reload
//! in between cannot give one reply parts from two versions of the knowledge. Nothing here waits on the
//! store on an async worker: the news is read on a blocking thread, and unanswered questions are queued.

use std::cell::Cell;
use std::time::Instant;

use serenity::all::ChannelId;
use tracing::{info, warn};

use super::limits;
use super::reply::{self, Reply};
use super::types::Data;
use crate::answer::{Answer, NewsItem};
use crate::engine::{Engine, Facet, Filter, PostedNews, Window};
use crate::gaps::UnansweredQuestion;
use crate::knowledge::{Finding, Kind};
use crate::store::NewsIn;

/// Answers a question asked in `channel` (`None` for a direct message). The reply is private where
/// privacy is possible (slash commands) when Usher could not answer: no need to show the channel.
pub async fn ask(data: &Data, channel: Option<ChannelId>, question: &str) -> Reply {
    let started = data.instant();
    let engine = data.engine.load_full();
    let now = data.now();
    let answer = with_news(data, channel, |news| {
        engine.answer(question, now, Some(news))
    })
    .await;
    report(data, channel, Some(question), &answer, started);
    render(data, &engine, &answer).ephemeral(!answer.matched)
}

/// Whether answering `question` reads the store (it is about the news), so that a slash command defers
/// before it: Discord waits three seconds for a first response, and the store may be slow.
pub fn reads_store(data: &Data, question: &str) -> bool {
    let probe = NewsProbe::default();
    data.engine
        .load()
        .answer(question, data.now(), Some(&probe));
    probe.wanted.get().is_some()
}

/// What Usher says to a mention with no question: what it can answer.
pub fn greeting(data: &Data) -> Reply {
    let engine = data.engine.load();
    Reply::text(&format!(
        "Ask me about {}: {}.",
        engine.knowledge().event.title,
        engine.capabilities()
    ))
}

/// `/help`'s text: how to ask, and what Usher knows.
pub fn help(data: &Data) -> String {
    let engine = data.engine.load();
    format!(
        "I answer questions about {}. I know {}.\n\
         Ask with `/ask`, mention me (\"@Usher where is it?\"), or send me a direct message.\n\
         Quick answers: `/when`, `/where`, `/programme`, `/speakers`, `/findings`, `/about`.\n\
         Sessions on a day, in a room, of a track or with a speaker: `/programme day: room: track: speaker:`.\n\
         The programme in your calendar app: `/calendar`; `/calendar session:` for one session, `/calendar agenda:True` for yours.\n\
         Reminders: press **Remind me** under an answer about a session, or use `/remind`; `/agenda` lists them.",
        engine.knowledge().event.title,
        engine.capabilities()
    )
}

/// Which topic a fixed command or a suggestion button names.
#[derive(Debug, Clone, Copy)]
pub enum Topic<'a> {
    /// A topic by its key, such as `event.when`.
    Key(&'a str),
    /// The event's own venue, whatever its id.
    Venue,
}

/// The answer to a topic chosen directly, or `None` if this knowledge has no such topic (a button from
/// before a reload, an event without a venue).
pub async fn topic(data: &Data, channel: Option<ChannelId>, topic: Topic<'_>) -> Option<Reply> {
    let started = data.instant();
    let engine = data.engine.load_full();
    let key = match topic {
        Topic::Key(key) => key.to_string(),
        Topic::Venue => {
            let k = engine.knowledge();
            format!("venue.{}", k.venues()[k.event.venue?].id)
        }
    };
    let now = data.now();
    let answer = with_news(data, channel, |news| {
        engine.answer_topic(&key, now, Some(news))
    })
    .await?;
    report(data, channel, None, &answer, started);
    Some(render(data, &engine, &answer))
}

/// The whole long text of a topic (a session's abstract and description), for its "More" button; `None`
/// if this knowledge has no such topic any more.
pub async fn more(data: &Data, channel: Option<ChannelId>, key: &str) -> Option<Reply> {
    let engine = data.engine.load_full();
    let now = data.now();
    let answer = with_news(data, channel, |news| {
        engine.answer_topic(key, now, Some(news))
    })
    .await?;
    Some(reply::render_more(&answer))
}

/// The finding on a subject, or the whole pipeline's answer if no finding matches it.
pub async fn finding(data: &Data, channel: Option<ChannelId>, subject: &str) -> Reply {
    let started = data.instant();
    let engine = data.engine.load_full();
    let now = data.now();
    let found = with_news(data, channel, |news| {
        engine.answer_among(subject, now, Finding::KIND, Some(news))
    })
    .await;
    let answer = match found {
        Some(answer) => answer,
        None => {
            with_news(data, channel, |news| {
                engine.answer(subject, now, Some(news))
            })
            .await
        }
    };
    report(data, channel, Some(subject), &answer, started);
    render(data, &engine, &answer).ephemeral(!answer.matched)
}

/// The values of one of `/programme`'s filters that match what has been typed so far, best first.
pub fn programme_choices(data: &Data, facet: Facet, partial: &str, limit: usize) -> Vec<String> {
    data.engine.load().programme_choices(facet, partial, limit)
}

/// Lines of the programme a filter asks for, rendered, with what a follow-up needs to show the lines
/// after them.
#[derive(Debug)]
pub struct ProgrammePage {
    pub reply: Reply,
    /// The filter the values named.
    pub filter: Filter,
    /// How many lines the whole list has.
    pub lines: usize,
    /// The fingerprint of the knowledge the list came from: a follow-up from another version of the
    /// knowledge would name other rooms or speakers by the same numbers.
    pub version: String,
}

/// The first lines of the list that `/programme`'s filter values ask for; or, when a value names
/// nothing on the programme, what to say instead (naming what there is).
pub fn programme_list(
    data: &Data,
    channel: Option<ChannelId>,
    chosen: &[(Facet, &str)],
) -> Result<ProgrammePage, String> {
    let engine = data.engine.load_full();
    let filter = engine
        .programme_filter(chosen)
        .map_err(|unknown| unknown.describe(limits::AUTOCOMPLETE_CHOICES))?;
    Ok(programme_page(
        data,
        &engine,
        channel,
        filter,
        Window::FIRST,
    ))
}

/// Lines `window` asks for of the list `filter` asks for, if the knowledge is still the `version` the
/// filter was made from.
pub fn programme_more(
    data: &Data,
    channel: Option<ChannelId>,
    filter: Filter,
    window: Window,
    version: &str,
) -> Option<ProgrammePage> {
    let engine = data.engine.load_full();
    (engine.knowledge().fingerprint == version)
        .then(|| programme_page(data, &engine, channel, filter, window))
}

fn programme_page(
    data: &Data,
    engine: &Engine,
    channel: Option<ChannelId>,
    filter: Filter,
    window: Window,
) -> ProgrammePage {
    let started = data.instant();
    let (answer, lines) = engine.programme_page(&filter, data.now(), window);
    report(data, channel, None, &answer, started);
    ProgrammePage {
        reply: render(data, engine, &answer),
        filter,
        lines,
        version: engine.knowledge().fingerprint.clone(),
    }
}

/// The knowledge in use, whole: the agenda commands read its sessions and give it to the scheduler's
/// reconciliation.
pub fn knowledge(data: &Data) -> std::sync::Arc<crate::knowledge::Knowledge> {
    data.engine.load().knowledge_arc()
}

/// The event's title, which announcements carry in their footer.
pub fn event_title(data: &Data) -> String {
    data.engine.load().knowledge().event.title.clone()
}

/// The fingerprint of the knowledge in use.
pub fn knowledge_version(data: &Data) -> String {
    data.engine.load().knowledge().fingerprint.clone()
}

/// The event's time zone, in which organisers give times.
pub fn time_zone(data: &Data) -> jiff::tz::TimeZone {
    data.engine.load().knowledge().event.time_zone.clone()
}

/// What the knowledge can answer, as one phrase.
pub fn capabilities(data: &Data) -> String {
    data.engine.load().capabilities()
}

/// Topics, sessions, speakers and findings that match what has been typed so far.
pub fn suggest(data: &Data, partial: &str, limit: usize) -> Vec<String> {
    data.engine.load().suggest(partial, limit)
}

/// The titles of the findings that contain what has been typed so far.
pub fn finding_titles(data: &Data, partial: &str) -> Vec<String> {
    let engine = data.engine.load();
    let wanted = partial.to_lowercase();
    engine
        .knowledge()
        .findings()
        .iter()
        .filter(|f| f.title.to_lowercase().contains(&wanted))
        .map(|f| f.title.clone())
        .collect()
}

/// Asks the engine with the news participants in `channel` may be told: what was posted there or in the
/// public announcement channel, which only the store knows. No async worker waits on `SQLite`: `ask` runs
/// first with a probe that notes whether the question wants the news; only then is the store read, on a
/// blocking thread, and `ask` run again with what it holds.
async fn with_news<T>(
    data: &Data,
    channel: Option<ChannelId>,
    ask: impl Fn(&dyn PostedNews) -> T,
) -> T {
    let probe = NewsProbe::default();
    let first = ask(&probe);
    let Some(limit) = probe.wanted.get() else {
        return first;
    };
    let channels = data.news_channels(channel.map(ChannelId::get));
    let news = data
        .store
        .run(move |store| {
            Ok(NewsIn {
                store,
                channels: &channels,
            }
            .latest(limit))
        })
        .await
        .unwrap_or_else(|err| {
            warn!("could not read the news: {err}");
            Vec::new()
        });
    ask(&Fetched(news))
}

/// A stand-in for the store that only notes how much news a question asked for.
#[derive(Default)]
struct NewsProbe {
    wanted: Cell<Option<usize>>,
}

impl PostedNews for NewsProbe {
    fn latest(&self, limit: usize) -> Vec<NewsItem> {
        self.wanted.set(Some(limit));
        Vec::new()
    }
}

/// The news as read from the store.
struct Fetched(Vec<NewsItem>);

impl PostedNews for Fetched {
    fn latest(&self, limit: usize) -> Vec<NewsItem> {
        self.0.iter().take(limit).cloned().collect()
    }
}

/// An answer as a Discord reply, in the configured style, with the event's title from the same engine.
fn render(data: &Data, engine: &Engine, answer: &Answer) -> Reply {
    reply::render(
        answer,
        data.config.discord.reply_style,
        &engine.knowledge().event.title,
    )
}

/// Logs one line about an answer, counts it for `/status`, and keeps a question Usher could not answer
/// well for `/gaps`. Every way of asking goes through here: messages, `/ask`, the fixed commands (with no
/// question of their own) and suggestion buttons.
fn report(
    data: &Data,
    channel: Option<ChannelId>,
    question: Option<&str>,
    answer: &Answer,
    started: Instant,
) {
    data.stats.record(answer.matched);
    info!(
        channel = channel.map_or_else(|| "direct".to_string(), |c| c.to_string()),
        topic = answer.topic.as_deref().unwrap_or("-"),
        matched = answer.matched,
        confidence = format_args!("{:.2}", answer.confidence),
        latency_us = data.instant().duration_since(started).as_micros(),
        "answered"
    );
    // Kept without who asked: a direct message's channel would name the asker, so it is kept as none.
    // It joins the bounded queue the writer empties in batches; answering never waits for it.
    if let Some(question) = question
        && let Some(kept) = UnansweredQuestion::from_answer(
            question,
            answer,
            data.config.gaps.low_confidence,
            data.now(),
            channel.map(|c| c.to_string()),
        )
    {
        data.unanswered.keep(kept);
    }
}
