//! The event: the words that name it, and its facets. What it is about (its own topic), its date and
//! time, and what follows it.

use jiff::ZonedDateTime;

use crate::knowledge::{Event, Kind, Knowledge};
use crate::lexicon::{Intent, Lexicon};
use crate::topics::builder::{BODY, Builder, FACET, KEYWORD, MENTION, NAME};
use crate::topics::prose::{and_list, capitalise, count_words, label_of, with_article};
use crate::topics::time::{Phase, clock, day_word, duration_words, long_date};
use crate::topics::told::Told;
use crate::topics::topic::{Subject, Topic};
use crate::topics::writer::{Focus, Rendered, TimeFact, Writer};
use crate::topics::{EVENT_COVER, RELATED_COVER};

impl Told for Event {
    /// The event's title and kind fully name it; its hosts and venue often stand for it too ("the
    /// institute thing"), but as often are the subject themselves ("when was the institute founded"), so they
    /// count for less.
    fn context(k: &Knowledge, lexicon: &Lexicon, out: &mut Vec<(String, f32)>) {
        let event = &k.event;
        out.push((event.title.clone(), EVENT_COVER));
        out.push((event.kind.clone(), EVENT_COVER));
        out.extend(event.keywords.iter().map(|w| (w.clone(), EVENT_COVER)));
        out.extend(
            lexicon
                .facet("event")
                .iter()
                .map(|w| (w.clone(), EVENT_COVER)),
        );
        for &h in &event.hosts {
            let host = &k.hosts()[h];
            out.push((host.name.clone(), RELATED_COVER));
            out.extend(host.short_name.iter().map(|s| (s.clone(), RELATED_COVER)));
            out.extend(host.aliases.iter().map(|a| (a.clone(), RELATED_COVER)));
        }
        if let Some(name) = event.venue.and_then(|v| k.venues()[v].name.clone()) {
            out.push((name, RELATED_COVER));
        }
        if let Some(short) = &event.short_name {
            out.push((short.clone(), EVENT_COVER));
        }
        // The event's years name it as its place does: "what did they say in 2015 about rivers" asks
        // about rivers, not the date.
        for year in [event.start.year(), event.end.year()] {
            out.push((year.to_string(), RELATED_COVER));
        }
    }

    /// The event itself comes first: a question that names only the event ("the water forum?") is
    /// about it, and ties go to the topic listed first.
    fn facets(k: &Knowledge, lexicon: &Lexicon, out: &mut Vec<Topic>) {
        let event = &k.event;
        out.push(Topic {
            key: "event.about".into(),
            label: "What the event is about".into(),
            subject: Subject::facet(about),
            entry: Some(Event::KIND),
            fields: Builder::new(lexicon)
                .name(&event.title)
                .add(&event.kind, NAME)
                .add_all(&event.keywords, KEYWORD)
                .add(&event.description, BODY)
                .facet("about", FACET)
                .fields(),
            intents: vec![],
            origin: event.origin.clone(),
        });
        out.push(Topic {
            key: "event.when".into(),
            label: "Date and time".into(),
            subject: Subject::facet(when),
            entry: None,
            fields: Builder::new(lexicon)
                .facet("when", FACET)
                .add(&date_words(event), KEYWORD)
                .fields(),
            intents: vec![(Intent::When, 1.0)],
            origin: event.origin.clone(),
        });
        if let Some(follow_up) = &event.follow_up {
            out.push(Topic {
                key: crate::topics::FOLLOW_UP.into(),
                label: label_of(&follow_up.title),
                subject: Subject::facet(follow_up_answer),
                entry: None,
                fields: Builder::new(lexicon)
                    .add(&follow_up.title, NAME)
                    .add_all(&follow_up.keywords, KEYWORD)
                    .add_opt(follow_up.description.as_ref(), BODY)
                    .facet("follow_up", FACET)
                    .fields(),
                intents: vec![(Intent::When, 0.8)],
                origin: event.origin.clone(),
            });
        }
        if let Some(short) = &event.short_name {
            out.push(Topic {
                key: "event.short-name".into(),
                label: "Short name".into(),
                subject: Subject::facet(short_name),
                entry: None,
                fields: Builder::new(lexicon)
                    .facet("short_name", FACET)
                    .add(short, KEYWORD)
                    .fields(),
                intents: vec![],
                origin: event.origin.clone(),
            });
        }
        // Each detail the source does not give is answered by saying so: matched by the detail's name
        // ("room"), and only a little by the words of the note itself.
        for (i, detail) in event.not_given.iter().enumerate() {
            let fields = Builder::new(lexicon)
                .add(&detail.detail, KEYWORD)
                .asked_with(&detail.keywords, KEYWORD);
            out.push(Topic {
                key: format!("{}{}", crate::topics::NOT_GIVEN, detail.detail),
                label: capitalise(&detail.detail),
                subject: Subject::entry(not_given, i),
                entry: None,
                fields: fields.add(&detail.note, MENTION).fields(),
                intents: vec![],
                origin: event.origin.clone(),
            });
        }
    }
}

/// The event's short name (its acronym), beside its full title.
fn short_name(w: &Writer<'_>, _: usize) -> Rendered {
    let e = &w.k.event;
    let short = e.short_name.as_deref().unwrap_or(&e.title);
    Rendered::plain(
        "Short name".to_string(),
        format!("{} is known as {short}.", e.title),
        &e.origin,
    )
}

/// What the knowledge says about a detail the source does not give.
fn not_given(w: &Writer<'_>, i: usize) -> Rendered {
    let e = &w.k.event;
    let detail = &e.not_given[i];
    Rendered::plain(capitalise(&detail.detail), detail.note.clone(), &e.origin)
}

/// The words of the event's date and times ("thursday 30 april 2015 14 00 17 30"), so a question that
/// names them ("was it in april?") finds the date.
fn date_words(event: &Event) -> String {
    format!(
        "{} {}",
        event.start.strftime("%A %-d %B %Y %H %M"),
        event.end.strftime("%A %-d %B %Y %H %M")
    )
}

/// "“Title” is an expert seminar at the venue, on its date." and the description.
pub fn about(w: &Writer<'_>, _: usize) -> Rendered {
    let e = &w.k.event;
    let start = w.zoned(&e.start);
    let mut text = format!("\u{201c}{}\u{201d} {} ", e.title, w.was_or_is());
    if !e.kind.trim().is_empty() {
        text.push_str(&with_article(&e.kind.to_lowercase()));
        text.push(' ');
    }
    let place = e.venue.map(|v| &w.k.venues()[v]).and_then(|v| {
        let parts: Vec<&str> = [v.name.as_deref(), v.city.as_deref()]
            .into_iter()
            .flatten()
            .collect();
        (!parts.is_empty()).then(|| parts.join(", "))
    });
    // An event of several days is named by its first and last: "on Monday" alone would leave out the rest.
    let end = w.zoned(&e.end);
    let dates = if start.date() == end.date() {
        format!("on {}", long_date(&start))
    } else {
        format!("from {} to {}", long_date(&start), long_date(&end))
    };
    text.push_str(&match place {
        Some(place) => format!("at {place}, {dates}."),
        None => format!("{dates}."),
    });
    if e.description.is_empty() {
        // A schedule export often has no description of the event: its programme is what the knowledge
        // says it is about, and the answer says so rather than stopping at the date.
        let sessions = w.k.sessions().len();
        if sessions > 0 {
            text.push_str(&format!(
                " The source gives no description of it; its programme has {sessions} session{}",
                if sessions == 1 { "" } else { "s" }
            ));
            let tracks: Vec<String> = w.k.tracks().iter().map(|t| t.name.clone()).collect();
            if !tracks.is_empty() {
                text.push_str(&format!(" in these tracks: {}", and_list(&tracks)));
            }
            text.push('.');
        }
    } else {
        text.push(' ');
        text.push_str(&e.description);
    }
    Rendered {
        title: e.title.clone(),
        text,
        times: w.event_times(),
        place: w.event_place(),
        source: Some(e.origin.clone()),
        rich: None,
    }
}

fn when(w: &Writer<'_>, _: usize) -> Rendered {
    when_focused(w, w.focus)
}

/// When the event is, was or ends, in the tense of now, leading with what the question asked about.
fn when_focused(w: &Writer<'_>, focus: Focus) -> Rendered {
    let e = &w.k.event;
    let start = w.zoned(&e.start);
    let end = w.zoned(&e.end);
    let now = w.now_zoned();
    let mut text = match w.phase {
        Phase::After => when_after(w, focus, &start, &end, &now),
        Phase::Before => when_before(w, focus, &start, &end, &now),
        Phase::During => when_during(w, focus, &start, &end, &now),
    };
    // Asked for the time zone, the answer names it as clocks show it that day: "CEST, UTC+02:00".
    if focus.zone {
        text.push_str(&format!(
            " All times are {}: {}, UTC{}.",
            w.zone_label(),
            start.strftime("%Z"),
            start.strftime("%:z")
        ));
    }
    Rendered {
        title: "Date and time".to_string(),
        text,
        times: w.event_times(),
        place: w.event_place(),
        source: Some(e.origin.clone()),
        rich: None,
    }
}

/// How long after the event a follow-up with no end of its own is taken to be under way: long enough for a
/// reception or a dinner, and never past the end of the day.
const FOLLOW_UP_LASTS_HOURS: i64 = 2;

/// Whether the follow-up (which has no end time) is likely under way: the event ended less than
/// [`FOLLOW_UP_LASTS_HOURS`] ago, today.
fn follow_up_under_way(w: &Writer<'_>) -> bool {
    let end = w.zoned(&w.k.event.end);
    let now = w.now_zoned();
    w.phase == Phase::After
        && end.date() == now.date()
        && now.timestamp().as_second() - end.timestamp().as_second() < FOLLOW_UP_LASTS_HOURS * 3600
}

/// " It was followed by a reception." in the tense of `verb` (" It is followed by ..., which is under
/// way." shortly after the event), or nothing.
fn followed_by(w: &Writer<'_>, verb: &str) -> String {
    w.k.event
        .follow_up
        .as_ref()
        .map(|f| {
            if follow_up_under_way(w) {
                format!(" It is followed by {}, which is under way now.", f.title)
            } else {
                format!(" It {verb} followed by {}.", f.title)
            }
        })
        .unwrap_or_default()
}

/// "tomorrow at 14:00, in 1 day" when `start` is on a day near now, "in 5 days" otherwise.
fn starts_in(start: &ZonedDateTime, now: &ZonedDateTime) -> String {
    let wait = duration_words(now, start);
    match day_word(start, now) {
        Some(day) => format!("{day} at {}, in {wait}", clock(start)),
        None => format!("in {wait}"),
    }
}

fn when_after(
    w: &Writer<'_>,
    focus: Focus,
    start: &ZonedDateTime,
    end: &ZonedDateTime,
    now: &ZonedDateTime,
) -> String {
    let event = capitalise(&w.the_event());
    let zone = w.zone_label();
    let ago = duration_words(end, now);
    let lead = if focus.duration {
        format!(
            "{event} is over: it lasted {}, {}, {ago} ago.",
            length_words(w, start, end),
            w.span_words(start, Some(end))
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
            w.span_words(start, Some(end))
        )
    };
    lead + &followed_by(w, "was")
}

fn when_before(
    w: &Writer<'_>,
    focus: Focus,
    start: &ZonedDateTime,
    end: &ZonedDateTime,
    now: &ZonedDateTime,
) -> String {
    let event = capitalise(&w.the_event());
    let zone = w.zone_label();
    let lead = if focus.duration {
        format!(
            "{event} lasts {}: it takes place {}.",
            length_words(w, start, end),
            w.span_words(start, Some(end))
        )
    } else if focus.end && !focus.start {
        format!(
            "{event} ends at {} ({zone}) on {}; it starts at {}.",
            clock(end),
            long_date(end),
            clock(start)
        )
    } else {
        format!("{event} takes place {}.", w.span_words(start, Some(end)))
    };
    // The start comes before the follow-up, so that "it" in both sentences is the event.
    format!(
        "{lead} It starts {}.{}",
        starts_in(start, now),
        followed_by(w, "is")
    )
}

fn when_during(
    w: &Writer<'_>,
    focus: Focus,
    start: &ZonedDateTime,
    end: &ZonedDateTime,
    now: &ZonedDateTime,
) -> String {
    // Over several days, each time is named with its day ("ends on Friday 2 May at 17:30", or "today").
    let on_day = |z: &ZonedDateTime| {
        if start.date() == end.date() {
            clock(z)
        } else if z.date() == now.date() {
            format!("{} today", clock(z))
        } else {
            format!("{} on {}", clock(z), long_date(z))
        }
    };
    // On one day, that day is named once ("today, Thursday 30 April"), so that "which day is it?" is
    // answered too.
    let today = if start.date() == end.date() {
        format!(", today, {}", long_date(start))
    } else {
        String::new()
    };
    let mut text = format!(
        "{} is happening now{today}: it started at {} and ends at {} ({}), in {}.",
        capitalise(&w.the_event()),
        on_day(start),
        on_day(end),
        w.zone_label(),
        duration_words(now, end)
    );
    if focus.duration {
        text.push_str(&format!(
            " In all it lasts {}.",
            length_words(w, start, end)
        ));
    }
    text + &followed_by(w, "is")
}

/// What follows the event, and when.
fn follow_up_answer(w: &Writer<'_>, _: usize) -> Rendered {
    let e = &w.k.event;
    let Some(f) = &e.follow_up else {
        return when_focused(w, Focus::default());
    };
    let end = w.zoned(&e.end);
    let now = w.now_zoned();
    let zone = w.zone_label();
    let event = w.event_subject();
    let mut text = match w.phase {
        Phase::After if follow_up_under_way(w) => format!(
            "{event} ended at {} ({zone}), {} ago, and is followed by {}, which is under way now.",
            clock(&end),
            duration_words(&end, &now),
            f.title
        ),
        Phase::After => format!(
            "{event} was followed by {}, after it ended at {} ({zone}) on {}, {} ago.",
            f.title,
            clock(&end),
            long_date(&end),
            duration_words(&end, &now)
        ),
        Phase::Before | Phase::During => format!(
            "{event} is followed by {}, after it ends at {} ({zone}) {}, in {}.",
            f.title,
            clock(&end),
            day_word(&end, &now).map_or_else(|| format!("on {}", long_date(&end)), str::to_string),
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
        place: w.event_place(),
        source: Some(e.origin.clone()),
        rich: None,
    }
}

/// How long the event lasts: its duration within a day ("3 hours 30 minutes", "one day (13 hours)" when
/// the knowledge lists the day), or over several days the number of days it runs on ("4 days" for Monday
/// 13:00 to Thursday 15:00), as people count a conference.
fn length_words(w: &Writer<'_>, start: &ZonedDateTime, end: &ZonedDateTime) -> String {
    // The end is exclusive: an event ending at midnight does not run on the day that begins.
    let last = end
        .checked_sub(jiff::SignedDuration::from_nanos(1))
        .map_or_else(|_| end.date(), |e| e.date());
    let listed = w.k.event.days.len();
    let spanned = start
        .date()
        .until(last)
        .ok()
        .and_then(|span| usize::try_from(span.get_days()).ok())
        .map_or(0, |days| days + 1);
    match listed.max(spanned) {
        // A programme that lists its one day is counted in days too, as people count a workshop.
        1 if listed == 1 => format!("one day ({})", duration_words(start, end)),
        0 | 1 => duration_words(start, end),
        days => format!("{} days", count_words(days)),
    }
}
