//! The event: the words that name it, and its facets. What it is about (its own topic), its date and
//! time, and what follows it.

use jiff::ZonedDateTime;

use crate::knowledge::{Event, Kind, Knowledge};
use crate::lexicon::{Intent, Lexicon};
use crate::topics::builder::{BODY, Builder, FACET, KEYWORD, NAME};
use crate::topics::prose::{capitalise, label_of, with_article};
use crate::topics::time::{Phase, clock, duration_words, long_date};
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
        if let Some(v) = event.venue {
            out.push((k.venues()[v].name.clone(), RELATED_COVER));
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
                key: "event.follow-up".into(),
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
    }
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
    let mut text = format!(
        "\u{201c}{}\u{201d} {} {} ",
        e.title,
        w.was_or_is(),
        with_article(&e.kind.to_lowercase())
    );
    text.push_str(&match e.venue {
        Some(v) => format!(
            "at {}, {}, on {}.",
            w.k.venues()[v].name,
            w.k.venues()[v].city,
            long_date(&start)
        ),
        None => format!("on {}.", long_date(&start)),
    });
    text.push(' ');
    text.push_str(&e.description);
    Rendered {
        title: e.title.clone(),
        text,
        times: w.event_times(),
        place: w.event_place(),
        source: Some(e.origin.clone()),
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
    let text = match w.phase {
        Phase::After => when_after(w, focus, &start, &end, &now),
        Phase::Before => when_before(w, focus, &start, &end, &now),
        Phase::During => when_during(w, focus, &start, &end, &now),
    };
    Rendered {
        title: "Date and time".to_string(),
        text,
        times: w.event_times(),
        place: w.event_place(),
        source: Some(e.origin.clone()),
    }
}

/// " It was followed by a reception." in the tense of `verb`, or nothing.
fn followed_by(w: &Writer<'_>, verb: &str) -> String {
    w.k.event
        .follow_up
        .as_ref()
        .map(|f| format!(" It {verb} followed by {}.", f.title))
        .unwrap_or_default()
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
            duration_words(start, end),
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
            duration_words(start, end),
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
    format!(
        "{lead}{} It starts in {}.",
        followed_by(w, "is"),
        duration_words(now, start)
    )
}

fn when_during(
    w: &Writer<'_>,
    focus: Focus,
    start: &ZonedDateTime,
    end: &ZonedDateTime,
    now: &ZonedDateTime,
) -> String {
    let mut text = format!(
        "{} is happening now: it started at {} and ends at {} ({}), in {}.",
        capitalise(&w.the_event()),
        clock(start),
        clock(end),
        w.zone_label(),
        duration_words(now, end)
    );
    if focus.duration {
        text.push_str(&format!(" In all it lasts {}.", duration_words(start, end)));
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
        place: w.event_place(),
        source: Some(e.origin.clone()),
    }
}
