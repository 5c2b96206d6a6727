//! Times in words, relative to now: "took place 11 years ago", "starts in 3 days", "ends in 40 minutes".

use jiff::{Timestamp, Unit, ZonedDateTime};

/// Where `now` stands relative to an interval.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Phase {
    Before,
    During,
    After,
}

pub fn phase(now: Timestamp, start: Timestamp, end: Timestamp) -> Phase {
    if now < start {
        Phase::Before
    } else if now < end {
        Phase::During
    } else {
        Phase::After
    }
}

/// The hour from which a time later today is "tonight".
const EVENING_FROM: i8 = 18;

/// "today", "tonight", "tomorrow" or "yesterday" for a time on one of those days as seen from `now` (both
/// in the event's zone); `None` for any other day.
pub fn day_word(z: &ZonedDateTime, now: &ZonedDateTime) -> Option<&'static str> {
    let (day, today) = (z.date(), now.date());
    if day == today {
        Some(if z.hour() >= EVENING_FROM {
            "tonight"
        } else {
            "today"
        })
    } else if today.tomorrow().ok() == Some(day) {
        Some("tomorrow")
    } else if today.yesterday().ok() == Some(day) {
        Some("yesterday")
    } else {
        None
    }
}

/// "Thursday 30 April 2015".
pub fn long_date(z: &ZonedDateTime) -> String {
    z.strftime("%A %-d %B %Y").to_string()
}

/// "14:00".
pub fn clock(z: &ZonedDateTime) -> String {
    z.strftime("%H:%M").to_string()
}

/// The time between two instants in words, in its one or two largest calendar units: "11 years",
/// "1 year and 2 months", "3 days", "2 hours and 5 minutes", "less than a minute". The order of the
/// arguments does not matter.
pub fn duration_words(a: &ZonedDateTime, b: &ZonedDateTime) -> String {
    let (from, to) = if a <= b { (a, b) } else { (b, a) };
    let Ok(span) = from.until((Unit::Year, to)) else {
        return "a long time".to_string();
    };
    let years = i64::from(span.get_years());
    let months = i64::from(span.get_months());
    let days = i64::from(span.get_days()) + 7 * i64::from(span.get_weeks());
    let hours = i64::from(span.get_hours());
    let minutes = span.get_minutes();
    let parts: Vec<(i64, &str)> = if years > 0 {
        vec![
            (years, "year"),
            (if years < 2 { months } else { 0 }, "month"),
        ]
    } else if months > 0 {
        vec![
            (months, "month"),
            (if months < 2 { days } else { 0 }, "day"),
        ]
    } else if days > 0 {
        vec![(days, "day"), (if days < 2 { hours } else { 0 }, "hour")]
    } else if hours > 0 {
        vec![(hours, "hour"), (minutes, "minute")]
    } else if minutes > 0 {
        vec![(minutes, "minute")]
    } else {
        return "less than a minute".to_string();
    };
    let words: Vec<String> = parts
        .into_iter()
        .filter(|(n, _)| *n > 0)
        .map(|(n, unit)| format!("{n} {unit}{}", if n == 1 { "" } else { "s" }))
        .collect();
    words.join(" and ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::tz::TimeZone;

    fn at(s: &str) -> ZonedDateTime {
        s.parse::<Timestamp>()
            .expect("a valid timestamp")
            .to_zoned_datetime(TimeZone::get("Europe/Amsterdam").expect("a bundled zone"))
    }

    #[test]
    fn phases() {
        let start = at("2015-04-30T12:00:00Z").timestamp();
        let end = at("2015-04-30T15:30:00Z").timestamp();
        assert_eq!(
            phase(at("2015-04-29T12:00:00Z").timestamp(), start, end),
            Phase::Before
        );
        assert_eq!(phase(start, start, end), Phase::During);
        assert_eq!(phase(end, start, end), Phase::After);
    }

    #[test]
    fn formats_dates_and_clock_times_in_the_zone() {
        let z = at("2015-04-30T12:00:00Z");
        assert_eq!(long_date(&z), "Thursday 30 April 2015");
        assert_eq!(clock(&z), "14:00");
    }

    #[test]
    fn days_near_now_have_their_words() {
        let start = at("2015-04-30T12:00:00Z");
        assert_eq!(day_word(&start, &at("2015-04-30T06:00:00Z")), Some("today"));
        assert_eq!(
            day_word(&at("2015-04-30T17:00:00Z"), &at("2015-04-30T06:00:00Z")),
            Some("tonight")
        );
        assert_eq!(
            day_word(&start, &at("2015-04-29T21:00:00Z")),
            Some("tomorrow")
        );
        assert_eq!(
            day_word(&start, &at("2015-05-01T09:00:00Z")),
            Some("yesterday")
        );
        assert_eq!(day_word(&start, &at("2015-04-27T09:00:00Z")), None);
    }

    #[test]
    fn durations_in_words() {
        let event = at("2015-04-30T15:30:00Z");
        assert_eq!(
            duration_words(&event, &at("2026-11-29T12:00:00Z")),
            "11 years"
        );
        assert_eq!(
            duration_words(&at("2026-11-29T12:00:00Z"), &event),
            "11 years",
            "order does not matter"
        );
        assert_eq!(
            duration_words(&event, &at("2016-06-30T15:30:00Z")),
            "1 year and 2 months"
        );
        assert_eq!(
            duration_words(&at("2015-04-27T12:00:00Z"), &at("2015-04-30T12:00:00Z")),
            "3 days"
        );
        assert_eq!(
            duration_words(&at("2015-04-30T10:00:00Z"), &at("2015-04-30T12:05:00Z")),
            "2 hours and 5 minutes"
        );
        assert_eq!(
            duration_words(&at("2015-04-30T12:00:00Z"), &at("2015-04-30T12:00:20Z")),
            "less than a minute"
        );
    }
}
