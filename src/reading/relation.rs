//! Where a yes-or-no question places what it asks about relative to now ("is it today?", "has it already
//! happened?", "can I still make it?", "is it next Thursday?"), and whether the times of the answer bear
//! it out. The words are data (`[relations]` in `reading.toml`); the verdict is worked out from the
//! answer's times, `now` and the event's time zone, so it holds for any event, one day or several.

use jiff::Timestamp;
use jiff::civil::{Date, Weekday};
use jiff::tz::TimeZone;

use super::{Words, contains};

/// How a question places what it asks about relative to now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Relation {
    /// On the asker's today: "is it today", "tonight".
    Today,
    /// On the asker's tomorrow.
    Tomorrow,
    /// Going on at this moment: "is it happening right now".
    Now,
    /// Begun by now: "has it started yet".
    Started,
    /// Ended by now: "has it already happened".
    Over,
    /// Too late to take part: "am I too late", "are we too late to sign up"; over, and not before.
    TooLate,
    /// Not ended by now, so the asker can still come: "can I still make it", "is it still coming up".
    Ahead,
    /// Whether one can still sign up: the knowledge holds no deadline, so only an event that is over
    /// decides it.
    SignUp,
    /// In the asker's calendar week (Monday to Sunday).
    ThisWeek,
    /// In the week after it.
    NextWeek,
    /// In the asker's calendar month.
    ThisMonth,
    /// In the month after it.
    NextMonth,
    /// In the asker's calendar year.
    ThisYear,
    /// In the year after it.
    NextYear,
    /// On the coming day of the week named: today or later for "this Thursday", after today for "next
    /// Thursday".
    Weekday { day: Weekday, after_today: bool },
    /// The asker arrives on the coming day of the week named and asks whether that is in time.
    Arrival(Weekday),
}

/// What the times of an answer say to a question's relation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Judged {
    Yes,
    No,
    /// No, because it has not begun: "has it already happened?" before it.
    NotYet,
}

/// The words of `[relations]` in `reading.toml`.
#[derive(Debug, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RelationWords {
    arrival: Vec<String>,
    this: Vec<String>,
    next: Vec<String>,
    /// The words for each day of the week, Monday first.
    weekdays: Vec<Vec<String>>,
    /// The words for each month, January first.
    pub(super) months: Vec<Vec<String>>,
    today: Vec<String>,
    tomorrow: Vec<String>,
    now: Vec<String>,
    started: Vec<String>,
    over: Vec<String>,
    pub(super) sign_up: Vec<String>,
    /// Words asking how far along the event is ("almost", "halfway").
    approximate: Vec<String>,
    /// Words asking whether something is needed ("do I need to", "required").
    pub(super) necessity: Vec<String>,
    too_late: Vec<String>,
    ahead: Vec<String>,
    this_week: Vec<String>,
    next_week: Vec<String>,
    this_month: Vec<String>,
    next_month: Vec<String>,
    this_year: Vec<String>,
    next_year: Vec<String>,
    /// Words that open a question asking whether anything is on ("is there", "anything on"): with a
    /// period of the calendar, it asks what is on then, not when the event is.
    pub(super) existential: Vec<String>,
    /// Words that end a statement to make it a question to be confirmed: "30 April, right?".
    pub(super) tags: Vec<String>,
    pub(super) tag_verbs: Vec<String>,
    pub(super) tag_pronouns: Vec<String>,
}

/// Whether `words` has `phrase` (one or more words) in a row.
pub(super) fn has_phrase(words: &[String], phrase: &str) -> bool {
    let phrase: Vec<&str> = phrase.split_whitespace().collect();
    !phrase.is_empty()
        && words
            .windows(phrase.len())
            .any(|w| w.iter().map(String::as_str).eq(phrase.iter().copied()))
}

fn has_any(words: &[String], list: &[String]) -> bool {
    list.iter().any(|phrase| has_phrase(words, phrase))
}

/// The month a word names (1 for January), by its place in the `months` list.
pub(super) fn month(r: &RelationWords, word: &str) -> Option<i8> {
    let at = r.months.iter().position(|month| contains(month, word))?;
    i8::try_from(at + 1).ok()
}

/// The day of the week a word names, by its place in the `weekdays` list (Monday first).
pub(super) fn weekday(r: &RelationWords, word: &str) -> Option<Weekday> {
    let at = r.weekdays.iter().position(|day| contains(day, word))?;
    Weekday::from_monday_zero_offset(i8::try_from(at).ok()?).ok()
}

/// The relation a yes-or-no question's words make, if any, and, when the relation names a day ("is it
/// next Thursday?", "is it today?"), the question with that day replaced by the word asking when, so that
/// matching finds the time rather than what the day's words are near. A day of the week without a word
/// making it relative ("is it on Thursday", "I can only make it Friday") asks for the event's own day,
/// which the answer's text shows, so it makes none; the words of the other relations are read in the
/// order of the list in `reading.toml`, the narrowest first.
pub(super) fn read(w: &Words, words: &[String]) -> Option<(Relation, Option<String>)> {
    let r = &w.relations;
    // "Is it almost over?", "are we halfway?": how far along it is, which the times in the answer show,
    // and which neither yes nor no says truly (ten minutes before the end it is not over, yet almost).
    if r.approximate.iter().any(|phrase| has_phrase(words, phrase)) {
        return None;
    }
    let signing_up = || {
        r.sign_up
            .iter()
            .find(|phrase| has_phrase(words, phrase))
            .map(|phrase| (Relation::SignUp, Some(replaced(words, phrase))))
    };
    let named_day = words
        .iter()
        .enumerate()
        .find_map(|(at, word)| weekday(r, word).map(|day| (at, day)));
    if let Some((at, day)) = named_day {
        if has_any(words, &r.arrival) {
            return Some((Relation::Arrival(day), None));
        }
        let before = at.checked_sub(1).map(|b| words[b].as_str());
        let after_today = match before {
            Some(b) if contains(&r.next, b) => true,
            Some(b) if contains(&r.this, b) => false,
            // "Is registration still open for Thursday?": the day is the event's, and no date to check.
            _ => return signing_up(),
        };
        let mut rewritten: Vec<&str> = words[..at - 1].iter().map(String::as_str).collect();
        rewritten.push("when");
        rewritten.extend(words[at + 1..].iter().map(String::as_str));
        return Some((
            Relation::Weekday { day, after_today },
            Some(rewritten.join(" ")),
        ));
    }
    // A date of the calendar ("30 April") is checked against the answer's text in the same way.
    if words
        .iter()
        .any(|word| month(r, word).is_some() || super::is_number(word))
    {
        return None;
    }
    let days = periods(r);
    for (list, relation) in days {
        if let Some(phrase) = list.iter().find(|phrase| has_phrase(words, phrase)) {
            return Some((relation, Some(replaced(words, phrase))));
        }
    }
    // "Are we too late to sign up?" asks whether it is over, whatever it would have taken part in.
    if r.too_late.iter().any(|phrase| has_phrase(words, phrase))
        && !r.ahead.iter().any(|phrase| has_phrase(words, phrase))
    {
        return Some((Relation::TooLate, None));
    }
    // "Is there still time to register?": what one signs up for is the event, whose time decides it; the
    // words for signing up are no subject of the knowledge.
    if let Some(signed) = signing_up() {
        return Some(signed);
    }
    [
        (&r.ahead, Relation::Ahead),
        (&r.started, Relation::Started),
        (&r.over, Relation::Over),
        (&r.now, Relation::Now),
    ]
    .into_iter()
    .find(|(list, _)| has_any(words, list))
    .map(|(_, relation)| (relation, None))
}

/// The periods of the calendar relative to now, each with its words, the narrowest first.
fn periods(r: &RelationWords) -> [(&Vec<String>, Relation); 8] {
    [
        (&r.today, Relation::Today),
        (&r.tomorrow, Relation::Tomorrow),
        (&r.this_week, Relation::ThisWeek),
        (&r.next_week, Relation::NextWeek),
        (&r.this_month, Relation::ThisMonth),
        (&r.next_month, Relation::NextMonth),
        (&r.this_year, Relation::ThisYear),
        (&r.next_year, Relation::NextYear),
    ]
}

/// The period of the calendar a question names relative to now ("next week", "tomorrow", "next
/// Thursday"), with the words that name it taken out: what is left says whether the question asks when
/// (then the period is a guess of the time) or what is on then.
pub(super) fn period(w: &Words, words: &[String]) -> Option<(Relation, Vec<String>)> {
    let r = &w.relations;
    let without = |at: usize, len: usize| -> Vec<String> {
        words[..at]
            .iter()
            .chain(&words[at + len..])
            .cloned()
            .collect()
    };
    for (at, word) in words.iter().enumerate() {
        let Some(day) = weekday(r, word) else {
            continue;
        };
        let after_today = match at.checked_sub(1).map(|b| words[b].as_str()) {
            Some(b) if contains(&r.next, b) => true,
            Some(b) if contains(&r.this, b) => false,
            _ => continue,
        };
        return Some((Relation::Weekday { day, after_today }, without(at - 1, 2)));
    }
    for (list, relation) in periods(r) {
        for phrase in list {
            let phrase: Vec<&str> = phrase.split_whitespace().collect();
            if phrase.is_empty() {
                continue;
            }
            if let Some(at) = words
                .windows(phrase.len())
                .position(|w| w.iter().map(String::as_str).eq(phrase.iter().copied()))
            {
                return Some((relation, without(at, phrase.len())));
            }
        }
    }
    None
}

/// `words` with the first occurrence of `phrase` replaced by the word asking when.
fn replaced(words: &[String], phrase: &str) -> String {
    let phrase: Vec<&str> = phrase.split_whitespace().collect();
    let at = words
        .windows(phrase.len())
        .position(|w| w.iter().map(String::as_str).eq(phrase.iter().copied()))
        .unwrap_or(words.len());
    let mut out: Vec<&str> = words[..at].iter().map(String::as_str).collect();
    out.push("when");
    out.extend(
        words
            .get(at + phrase.len()..)
            .unwrap_or_default()
            .iter()
            .map(String::as_str),
    );
    out.join(" ")
}

/// One time of an answer: its start and, if it has one, its end.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Span {
    pub start: Timestamp,
    pub end: Option<Timestamp>,
}

/// A span in the event's zone as its first and last instant and its first and last day. Something with
/// no end of its own (a reception after the event) is taken to go on until the end of its day: the
/// knowledge says no more, and no such thing runs into the next.
struct Local {
    start: Timestamp,
    end: Timestamp,
    first: Date,
    last: Date,
}

fn local(span: Span, zone: &TimeZone) -> Option<Local> {
    let start = span.start.to_zoned_datetime(zone.clone());
    let end = match span.end {
        Some(end) => end,
        None => start
            .date()
            .tomorrow()
            .ok()?
            .to_zoned_datetime(zone.clone())
            .ok()?
            .timestamp(),
    };
    // The last day is the day of the last instant before the end: an end at midnight closes the day before.
    let last = (end - jiff::SignedDuration::from_secs(1))
        .to_zoned_datetime(zone.clone())
        .date()
        .max(start.date());
    Some(Local {
        start: span.start,
        end,
        first: start.date(),
        last,
    })
}

/// The first day on or after `from` (after it, if `after` is set) that is the day of the week `day`.
fn coming(from: Date, day: Weekday, after: bool) -> Date {
    let ahead = i64::from(day.to_monday_zero_offset() - from.weekday().to_monday_zero_offset())
        .rem_euclid(7);
    let ahead = if ahead == 0 && after { 7 } else { ahead };
    from.checked_add(jiff::Span::new().days(ahead))
        .unwrap_or(from)
}

/// Whether the times `spans` of an answer bear out `relation` as of `now` in `zone`; `None` when they
/// cannot say (no times, or an arrival on the first day, where the hour decides).
pub fn judge(
    relation: Relation,
    spans: &[Span],
    now: Timestamp,
    zone: &TimeZone,
) -> Option<Judged> {
    let spans: Vec<Local> = spans.iter().filter_map(|s| local(*s, zone)).collect();
    if spans.is_empty() {
        return None;
    }
    let today = now.to_zoned_datetime(zone.clone()).date();
    let on = |day: Date| spans.iter().any(|s| s.first <= day && day <= s.last);
    let within = |from: Date, to: Date| spans.iter().any(|s| s.first <= to && from <= s.last);
    let yes = |b: bool| if b { Judged::Yes } else { Judged::No };
    let all_over = spans.iter().all(|s| s.end <= now);
    let begun = spans.iter().any(|s| s.start <= now);
    let week_from = |weeks: i64| {
        let monday = today
            .checked_sub(jiff::Span::new().days(i64::from(today.weekday().to_monday_zero_offset())))
            .unwrap_or(today);
        let start = monday
            .checked_add(jiff::Span::new().days(7 * weeks))
            .unwrap_or(monday);
        (
            start,
            start
                .checked_add(jiff::Span::new().days(6))
                .unwrap_or(start),
        )
    };
    Some(match relation {
        Relation::Today => yes(on(today)),
        Relation::Tomorrow => yes(today.tomorrow().is_ok_and(on)),
        Relation::Now => yes(spans.iter().any(|s| s.start <= now && now < s.end)),
        Relation::Started if begun => Judged::Yes,
        Relation::Over | Relation::TooLate if all_over => Judged::Yes,
        // Not over: whether or not it has begun, one is not too late.
        Relation::TooLate => Judged::No,
        Relation::Over if begun => Judged::No,
        // Nothing has begun: it has neither started nor ended yet.
        Relation::Started | Relation::Over => Judged::NotYet,
        Relation::Ahead => yes(!all_over),
        // Once it is over, one can neither sign up for it nor arrive in time.
        Relation::SignUp | Relation::Arrival(_) if all_over => Judged::No,
        Relation::SignUp => return None,
        Relation::ThisWeek => {
            let (from, to) = week_from(0);
            yes(within(from, to))
        }
        Relation::NextWeek => {
            let (from, to) = week_from(1);
            yes(within(from, to))
        }
        Relation::ThisMonth | Relation::NextMonth => {
            let first = today.first_of_month();
            let first = if relation == Relation::NextMonth {
                first.checked_add(jiff::Span::new().months(1)).ok()?
            } else {
                first
            };
            yes(within(first, first.last_of_month()))
        }
        Relation::ThisYear | Relation::NextYear => {
            let first = today.first_of_year();
            let first = if relation == Relation::NextYear {
                first.checked_add(jiff::Span::new().years(1)).ok()?
            } else {
                first
            };
            yes(within(first, first.last_of_year()))
        }
        Relation::Weekday { day, after_today } => yes(on(coming(today, day, after_today))),
        Relation::Arrival(day) => {
            let arrives = coming(today, day, false);
            let first = spans
                .iter()
                .filter(|s| s.end > now)
                .map(|s| s.first)
                .min()?;
            let last = spans.iter().map(|s| s.last).max()?;
            if arrives < first {
                Judged::Yes
            } else if arrives > last {
                Judged::No
            } else {
                return None;
            }
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn zone() -> TimeZone {
        TimeZone::get("Europe/Amsterdam").expect("a bundled zone")
    }

    fn at(text: &str) -> Timestamp {
        text.parse().expect("a timestamp")
    }

    /// A three-day conference: Monday 1 June 2026 09:00 to Wednesday 3 June 17:00, Amsterdam time.
    fn three_days() -> Vec<Span> {
        vec![Span {
            start: at("2026-06-01T07:00:00Z"),
            end: Some(at("2026-06-03T15:00:00Z")),
        }]
    }

    fn judged(relation: Relation, now: &str) -> Option<Judged> {
        judge(relation, &three_days(), at(now), &zone())
    }

    #[test]
    fn the_days_of_the_week_are_seven_and_read_as_typed() {
        let r = &crate::reading::words_of().relations;
        assert_eq!(r.weekdays.len(), 7);
        assert_eq!(weekday(r, "wed"), Some(Weekday::Wednesday));
        assert_eq!(weekday(r, "sundays"), Some(Weekday::Sunday));
        // "sun" is the sun as well.
        assert_eq!(weekday(r, "sun"), None);
    }

    #[test]
    fn today_and_now_hold_on_any_day_of_a_multi_day_event() {
        // Tuesday, day two of three, in the evening after the day's sessions.
        let tuesday = "2026-06-02T19:00:00Z";
        assert_eq!(judged(Relation::Today, tuesday), Some(Judged::Yes));
        assert_eq!(judged(Relation::Tomorrow, tuesday), Some(Judged::Yes));
        assert_eq!(judged(Relation::Now, tuesday), Some(Judged::Yes));
        assert_eq!(judged(Relation::Over, tuesday), Some(Judged::No));
        assert_eq!(judged(Relation::Ahead, tuesday), Some(Judged::Yes));
        // At 00:30 on Thursday, Amsterdam time (still Wednesday in UTC), its last day is yesterday.
        let thursday = "2026-06-03T22:30:00Z";
        assert_eq!(judged(Relation::Today, thursday), Some(Judged::No));
        assert_eq!(judged(Relation::Over, thursday), Some(Judged::Yes));
    }

    #[test]
    fn one_is_too_late_only_once_it_is_over() {
        assert_eq!(
            judged(Relation::TooLate, "2026-05-29T10:00:00Z"),
            Some(Judged::No)
        );
        assert_eq!(
            judged(Relation::TooLate, "2026-06-02T19:00:00Z"),
            Some(Judged::No)
        );
        assert_eq!(
            judged(Relation::TooLate, "2026-06-03T22:30:00Z"),
            Some(Judged::Yes)
        );
    }

    #[test]
    fn months_and_years_are_the_askers_calendar_ones() {
        // Friday 29 May 2026: the conference (1 to 3 June) is next month and this year.
        let friday_before = "2026-05-29T10:00:00Z";
        assert_eq!(judged(Relation::ThisMonth, friday_before), Some(Judged::No));
        assert_eq!(
            judged(Relation::NextMonth, friday_before),
            Some(Judged::Yes)
        );
        assert_eq!(judged(Relation::ThisYear, friday_before), Some(Judged::Yes));
        assert_eq!(judged(Relation::NextYear, friday_before), Some(Judged::No));
        // On its second day it is this month; in December it is neither this month nor next year.
        assert_eq!(
            judged(Relation::ThisMonth, "2026-06-02T10:00:00Z"),
            Some(Judged::Yes)
        );
        assert_eq!(
            judged(Relation::NextYear, "2025-12-30T10:00:00Z"),
            Some(Judged::Yes)
        );
        assert_eq!(
            judged(Relation::ThisMonth, "2026-12-02T10:00:00Z"),
            Some(Judged::No)
        );
    }

    #[test]
    fn before_it_begins_it_has_not_happened_yet() {
        let friday_before = "2026-05-29T10:00:00Z";
        assert_eq!(judged(Relation::Over, friday_before), Some(Judged::NotYet));
        assert_eq!(
            judged(Relation::Started, friday_before),
            Some(Judged::NotYet)
        );
        assert_eq!(judged(Relation::Today, friday_before), Some(Judged::No));
        assert_eq!(judged(Relation::ThisWeek, friday_before), Some(Judged::No));
        assert_eq!(judged(Relation::NextWeek, friday_before), Some(Judged::Yes));
        assert_eq!(judged(Relation::Ahead, friday_before), Some(Judged::Yes));
        // Nothing in the knowledge says until when one can sign up.
        assert_eq!(judged(Relation::SignUp, friday_before), None);
        // Arriving on Sunday is in time; on Thursday, after it, is not; on Monday the hour decides.
        assert_eq!(
            judged(Relation::Arrival(Weekday::Sunday), friday_before),
            Some(Judged::Yes)
        );
        assert_eq!(
            judged(Relation::Arrival(Weekday::Thursday), friday_before),
            Some(Judged::No)
        );
        assert_eq!(
            judged(Relation::Arrival(Weekday::Monday), friday_before),
            None
        );
    }

    #[test]
    fn once_over_nothing_is_ahead() {
        let later = "2026-11-29T12:00:00Z";
        assert_eq!(judged(Relation::Ahead, later), Some(Judged::No));
        assert_eq!(judged(Relation::SignUp, later), Some(Judged::No));
        assert_eq!(judged(Relation::Over, later), Some(Judged::Yes));
        assert_eq!(judged(Relation::Started, later), Some(Judged::Yes));
        let next_tuesday = Relation::Weekday {
            day: Weekday::Tuesday,
            after_today: true,
        };
        assert_eq!(judged(next_tuesday, later), Some(Judged::No));
    }

    #[test]
    fn a_named_day_of_the_week_is_the_coming_one() {
        // On Saturday 30 May, "this Tuesday" and "next Tuesday" are both 2 June; "this Thursday" is after it.
        let saturday = "2026-05-30T10:00:00Z";
        for after_today in [false, true] {
            let tuesday = Relation::Weekday {
                day: Weekday::Tuesday,
                after_today,
            };
            assert_eq!(judged(tuesday, saturday), Some(Judged::Yes));
        }
        let thursday = Relation::Weekday {
            day: Weekday::Thursday,
            after_today: false,
        };
        assert_eq!(judged(thursday, saturday), Some(Judged::No));
        // On Monday itself, "this Monday" is today and "next Monday" a week later.
        let monday = "2026-06-01T06:00:00Z";
        let this_monday = Relation::Weekday {
            day: Weekday::Monday,
            after_today: false,
        };
        let next_monday = Relation::Weekday {
            day: Weekday::Monday,
            after_today: true,
        };
        assert_eq!(judged(this_monday, monday), Some(Judged::Yes));
        assert_eq!(judged(next_monday, monday), Some(Judged::No));
    }

    #[test]
    fn something_with_no_end_lasts_until_the_end_of_its_day() {
        // A reception from 17:30, with no end given.
        let reception = [Span {
            start: at("2026-06-03T15:30:00Z"),
            end: None,
        }];
        let judged = |relation, now: &str| judge(relation, &reception, at(now), &zone());
        assert_eq!(
            judged(Relation::Now, "2026-06-03T19:00:00Z"),
            Some(Judged::Yes)
        );
        assert_eq!(
            judged(Relation::Today, "2026-06-03T10:00:00Z"),
            Some(Judged::Yes)
        );
        assert_eq!(
            judged(Relation::Over, "2026-06-04T08:00:00Z"),
            Some(Judged::Yes)
        );
        assert_eq!(
            judge(Relation::Today, &[], at("2026-06-03T10:00:00Z"), &zone()),
            None
        );
    }
}
