//! Reading the "when" of an announcement as organisers type it.

use jiff::civil::{Date, DateTime, Time};
use jiff::tz::{AmbiguousOffset, Offset, TimeZone};
use jiff::{SignedDuration, Timestamp};

/// What organisers can type, listed in every error about unreadable input.
pub const ACCEPTED_FORMS: &str = "2025-06-01 13:45, 13:45, tomorrow 09:00, in 20 minutes, in 1h30m, \
or an rfc 3339 timestamp such as 2025-06-01T13:45:00+02:00";

/// The furthest ahead an announcement can be scheduled; anything later is almost surely a typo.
pub const MAX_AHEAD: SignedDuration = SignedDuration::from_hours(24 * 366);

/// Why a "when" could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum WhenError {
    /// The input matches none of the accepted forms.
    #[error("cannot read \"{input}\" as a time; use {ACCEPTED_FORMS}")]
    Unreadable {
        /// What was typed, trimmed.
        input: String,
    },
    /// The date has the right shape but is not on the calendar.
    #[error("{date} is not a date")]
    NoSuchDate {
        /// The date as typed.
        date: String,
    },
    /// The time of day has the right shape but is not on the clock.
    #[error("{time} is not a time of day")]
    NoSuchTime {
        /// The time as typed.
        time: String,
    },
    /// A clock time alone that was earlier today; it is not moved to tomorrow, since the organiser may have
    /// meant today and be late.
    #[error("{time} today has already passed; say \"tomorrow {time}\" or give a date")]
    PassedToday {
        /// The time as typed.
        time: String,
    },
    /// The time is not in the future.
    #[error("{when} has already passed")]
    Passed {
        /// The time, written in the event's time zone.
        when: String,
    },
    /// A relative time of zero, such as `in 0 minutes`.
    #[error("the delay must be longer than zero")]
    ZeroDelay,
    /// A local time that the clocks skip when they go forward for daylight saving.
    #[error(
        "{when} does not exist in {zone}: the clocks go forward then (from {before} to {after}); pick \
         another time"
    )]
    Skipped {
        /// The date and time as read.
        when: String,
        /// The event's time zone.
        zone: String,
        /// The offset before the change, as `+01:00`.
        before: String,
        /// The offset after it.
        after: String,
    },
    /// A local time that happens twice, when the clocks go back.
    #[error(
        "{when} happens twice in {zone}, as the clocks go back; say which with an offset: \
         {rfc3339}{first} (the first) or {rfc3339}{second} (the second)"
    )]
    Twice {
        /// The date and time as read.
        when: String,
        /// The event's time zone.
        zone: String,
        /// The date and time in RFC 3339 form, without its offset.
        rfc3339: String,
        /// The offset of the first occurrence, as `+02:00`.
        first: String,
        /// The offset of the second.
        second: String,
    },
    /// More than [`MAX_AHEAD`] from now.
    #[error("that is too far ahead; announcements can be at most 366 days away")]
    TooFarAhead,
}

/// Reads when an announcement should go out.
///
/// Accepted forms, all but the last in the event's time zone `tz`:
/// - `2015-04-30 13:45` or `2015-04-30T13:45`;
/// - `13:45` (today; an error if that has passed, rather than silently tomorrow) and `today 13:45`;
/// - `tomorrow 09:00`;
/// - `in 20 minutes`, `in 2 hours`, `in 1h30m`, `in 1 hour 30 min`, `in 2 days`;
/// - an RFC 3339 timestamp with an offset, such as `2015-04-30T13:45:00+02:00` or `…Z`.
///
/// A local time that falls in a daylight-saving gap (the clocks skip it) is an error, as is one that occurs
/// twice when the clocks go back: guessing would post at a time the organiser did not mean, and the
/// knowledge loader refuses such times too. The error for a repeated time names both instants as RFC 3339
/// timestamps with their offsets, which are accepted.
///
/// The result must be later than `now` and no more than [`MAX_AHEAD`] away.
pub fn parse_when(input: &str, now: Timestamp, tz: &TimeZone) -> Result<Timestamp, WhenError> {
    let input = input.trim();
    let lower = input.to_lowercase();
    let unreadable = || WhenError::Unreadable {
        input: input.to_owned(),
    };
    let today = now.to_zoned_datetime(tz.clone()).date();

    let when = if let Some(delay) = lower.strip_prefix("in ") {
        let delay = parse_delay(delay).ok_or_else(unreadable)?;
        if delay.is_zero() {
            return Err(WhenError::ZeroDelay);
        }
        now.checked_add(delay).map_err(|_| WhenError::TooFarAhead)?
    } else if let Some(clock) = lower.strip_prefix("tomorrow ") {
        let time = parse_clock(clock.trim())?.ok_or_else(unreadable)?;
        let tomorrow = today.tomorrow().map_err(|_| WhenError::TooFarAhead)?;
        local(tz, tomorrow.to_datetime(time))?
    } else if let Some(clock) = lower.strip_prefix("today ") {
        today_at(clock.trim(), today, now, tz)?.ok_or_else(unreadable)?
    } else if let Some(when) = today_at(&lower, today, now, tz)? {
        when
    } else if let Some(datetime) = parse_datetime(&lower)? {
        local(tz, datetime)?
    } else if let Ok(timestamp) = input.parse::<Timestamp>() {
        timestamp
    } else {
        return Err(unreadable());
    };

    if when <= now {
        return Err(WhenError::Passed {
            when: describe(when, tz),
        });
    }
    if when.duration_since(now) > MAX_AHEAD {
        return Err(WhenError::TooFarAhead);
    }
    Ok(when)
}

/// `HH:MM` today, or `None` if `clock` is not a clock time.
fn today_at(
    clock: &str,
    today: Date,
    now: Timestamp,
    tz: &TimeZone,
) -> Result<Option<Timestamp>, WhenError> {
    let Some(time) = parse_clock(clock)? else {
        return Ok(None);
    };
    let when = local(tz, today.to_datetime(time))?;
    if when <= now {
        return Err(WhenError::PassedToday {
            time: clock.to_owned(),
        });
    }
    Ok(Some(when))
}

/// A civil date and time in the event's zone, which must name exactly one instant, as [`parse_when`]
/// documents.
fn local(tz: &TimeZone, datetime: DateTime) -> Result<Timestamp, WhenError> {
    let zone = || tz.iana_name().unwrap_or("the event's time zone").to_owned();
    let when = || datetime.strftime("%Y-%m-%d %H:%M").to_string();
    match tz.to_ambiguous_timestamp(datetime).offset() {
        AmbiguousOffset::Unambiguous { offset } => offset
            .to_timestamp(datetime)
            .map_err(|_| WhenError::TooFarAhead),
        AmbiguousOffset::Gap { before, after } => Err(WhenError::Skipped {
            when: when(),
            zone: zone(),
            before: rfc3339_offset(before),
            after: rfc3339_offset(after),
        }),
        AmbiguousOffset::Fold { before, after } => Err(WhenError::Twice {
            when: when(),
            zone: zone(),
            rfc3339: datetime.strftime("%Y-%m-%dT%H:%M:%S").to_string(),
            first: rfc3339_offset(before),
            second: rfc3339_offset(after),
        }),
    }
}

/// An offset as RFC 3339 writes it, `+02:00`, so that a message can suggest a timestamp that is accepted.
fn rfc3339_offset(offset: Offset) -> String {
    let seconds = offset.seconds();
    let sign = if seconds < 0 { '-' } else { '+' };
    let minutes = seconds.unsigned_abs() / 60;
    format!("{sign}{:02}:{:02}", minutes / 60, minutes % 60)
}

/// Writes a timestamp for an error message in the event's zone, as `2025-06-01 13:45 (Europe/Paris)`.
fn describe(when: Timestamp, tz: &TimeZone) -> String {
    let zoned = when.to_zoned_datetime(tz.clone());
    let name = tz.iana_name().unwrap_or("local time");
    format!("{} ({name})", zoned.strftime("%Y-%m-%d %H:%M"))
}

/// `YYYY-MM-DD HH:MM` or `YYYY-MM-DDTHH:MM` (lower-cased, so `t`); `None` if it has another shape.
fn parse_datetime(input: &str) -> Result<Option<DateTime>, WhenError> {
    let Some((date, clock)) = input.split_once([' ', 't']) else {
        return Ok(None);
    };
    let Some(date) = parse_date(date)? else {
        return Ok(None);
    };
    let Some(time) = parse_clock(clock.trim_start())? else {
        return Ok(None);
    };
    Ok(Some(date.to_datetime(time)))
}

/// `YYYY-MM-DD`; `None` if it has another shape, an error if it has this shape but is not a date.
fn parse_date(input: &str) -> Result<Option<Date>, WhenError> {
    let mut parts = input.split('-');
    let (Some(year), Some(month), Some(day), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Ok(None);
    };
    if !(all_digits(year, 4, 4) && all_digits(month, 2, 2) && all_digits(day, 2, 2)) {
        return Ok(None);
    }
    let no_such_date = || WhenError::NoSuchDate {
        date: input.to_owned(),
    };
    let (Ok(year), Ok(month), Ok(day)) = (year.parse(), month.parse(), day.parse()) else {
        return Err(no_such_date());
    };
    Date::new(year, month, day)
        .map(Some)
        .map_err(|_| no_such_date())
}

/// `H:MM` or `HH:MM`; `None` if it has another shape, an error if it has this shape but is not a time.
fn parse_clock(input: &str) -> Result<Option<Time>, WhenError> {
    let Some((hour, minute)) = input.split_once(':') else {
        return Ok(None);
    };
    if !(all_digits(hour, 1, 2) && all_digits(minute, 2, 2)) {
        return Ok(None);
    }
    let no_such_time = || WhenError::NoSuchTime {
        time: input.to_owned(),
    };
    let (Ok(hour), Ok(minute)) = (hour.parse(), minute.parse()) else {
        return Err(no_such_time());
    };
    Time::new(hour, minute, 0, 0)
        .map(Some)
        .map_err(|_| no_such_time())
}

/// Whether `text` is between `min` and `max` ASCII digits long and nothing else.
fn all_digits(text: &str, min: usize, max: usize) -> bool {
    (min..=max).contains(&text.len()) && text.bytes().all(|byte| byte.is_ascii_digit())
}

/// A sum of amounts with units, such as `20 minutes`, `1h30m` or `1 hour 30 min`; `None` if unreadable.
fn parse_delay(input: &str) -> Option<SignedDuration> {
    let mut rest = input.trim();
    let mut total = SignedDuration::ZERO;
    if rest.is_empty() {
        return None;
    }
    while !rest.is_empty() {
        let digits = rest
            .find(|c: char| !c.is_ascii_digit())
            .unwrap_or(rest.len());
        if digits == 0 {
            return None;
        }
        // Amounts too large to be an i64 are certainly too far ahead; saturating keeps them too large.
        let amount: i64 = rest[..digits].parse().unwrap_or(i64::MAX);
        rest = rest[digits..].trim_start();
        let letters = rest
            .find(|c: char| !c.is_ascii_alphabetic())
            .unwrap_or(rest.len());
        let seconds_per_unit = match &rest[..letters] {
            "m" | "min" | "mins" | "minute" | "minutes" => 60,
            "h" | "hr" | "hrs" | "hour" | "hours" => 3600,
            "d" | "day" | "days" => 86_400,
            _ => return None,
        };
        rest = rest[letters..].trim_start();
        let seconds = amount.saturating_mul(seconds_per_unit);
        total = total.saturating_add(SignedDuration::from_secs(seconds));
    }
    Some(total)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn paris() -> TimeZone {
        TimeZone::get("Europe/Paris").unwrap()
    }

    /// 2025-06-01 10:00:00 in Paris (08:00 UTC).
    fn now() -> Timestamp {
        "2025-06-01T08:00:00Z".parse().unwrap()
    }

    fn parse(input: &str) -> Result<String, String> {
        parse_when(input, now(), &paris())
            .map(|when| when.to_string())
            .map_err(|error| error.to_string())
    }

    #[test]
    fn dates_with_times_are_read_in_the_event_zone() {
        assert_eq!(parse("2025-06-01 13:45"), Ok("2025-06-01T11:45:00Z".into()));
        assert_eq!(parse("2025-06-01T13:45"), Ok("2025-06-01T11:45:00Z".into()));
        assert_eq!(
            parse(" 2025-06-02  9:05 "),
            Ok("2025-06-02T07:05:00Z".into())
        );
    }

    #[test]
    fn a_clock_time_is_today_and_never_silently_tomorrow() {
        assert_eq!(parse("13:45"), Ok("2025-06-01T11:45:00Z".into()));
        assert_eq!(parse("today 13:45"), Ok("2025-06-01T11:45:00Z".into()));
        assert_eq!(
            parse("09:30"),
            Err("09:30 today has already passed; say \"tomorrow 09:30\" or give a date".into())
        );
        assert_eq!(
            parse("10:00"),
            Err("10:00 today has already passed; say \"tomorrow 10:00\" or give a date".into())
        );
    }

    #[test]
    fn today_is_the_event_zones_today() {
        // 23:30 UTC on 31 May is already 1 June in Paris, so "13:45" means 1 June.
        let late: Timestamp = "2025-05-31T23:30:00Z".parse().unwrap();
        let when = parse_when("13:45", late, &paris()).unwrap();
        assert_eq!(when.to_string(), "2025-06-01T11:45:00Z");
    }

    #[test]
    fn tomorrow_is_the_next_day_in_the_event_zone() {
        assert_eq!(parse("tomorrow 09:00"), Ok("2025-06-02T07:00:00Z".into()));
        assert_eq!(parse("Tomorrow 9:00"), Ok("2025-06-02T07:00:00Z".into()));
    }

    #[test]
    fn relative_delays_add_up() {
        assert_eq!(parse("in 20 minutes"), Ok("2025-06-01T08:20:00Z".into()));
        assert_eq!(parse("in 1 minute"), Ok("2025-06-01T08:01:00Z".into()));
        assert_eq!(parse("in 2 hours"), Ok("2025-06-01T10:00:00Z".into()));
        assert_eq!(parse("in 1h30m"), Ok("2025-06-01T09:30:00Z".into()));
        assert_eq!(parse("IN 1 hour 30 min"), Ok("2025-06-01T09:30:00Z".into()));
        assert_eq!(parse("in 90m"), Ok("2025-06-01T09:30:00Z".into()));
        assert_eq!(parse("in 2 days"), Ok("2025-06-03T08:00:00Z".into()));
    }

    #[test]
    fn rfc3339_timestamps_keep_their_offset() {
        assert_eq!(
            parse("2025-06-01T13:45:00+02:00"),
            Ok("2025-06-01T11:45:00Z".into())
        );
        assert_eq!(
            parse("2025-06-01T13:45:00Z"),
            Ok("2025-06-01T13:45:00Z".into())
        );
    }

    #[test]
    fn the_past_is_rejected() {
        assert_eq!(
            parse("2025-06-01 09:59"),
            Err("2025-06-01 09:59 (Europe/Paris) has already passed".into())
        );
        assert_eq!(
            parse("2025-06-01T08:00:00Z"),
            Err("2025-06-01 10:00 (Europe/Paris) has already passed".into())
        );
        assert_eq!(
            parse("in 0 minutes"),
            Err("the delay must be longer than zero".into())
        );
    }

    #[test]
    fn nonsense_is_rejected_with_the_accepted_forms() {
        for input in [
            "",
            "soon",
            "in",
            "in minutes",
            "in 20 fortnights",
            "in -5 minutes",
            "13h45",
            "2025-6-1 13:45",
            "2025-06-01",
            "tomorrow",
            "tomorrow noon",
            "13:45:00",
            "2025-06-01T13:45:00",
        ] {
            let error = parse(input).unwrap_err();
            assert!(
                error.starts_with(&format!(
                    "cannot read \"{}\" as a time; use 2025-06-01 13:45",
                    input.trim()
                )),
                "{input:?} gave {error:?}"
            );
        }
    }

    #[test]
    fn impossible_dates_and_times_say_so() {
        assert_eq!(
            parse("2025-02-30 10:00"),
            Err("2025-02-30 is not a date".into())
        );
        assert_eq!(parse("25:00"), Err("25:00 is not a time of day".into()));
        assert_eq!(
            parse("tomorrow 12:60"),
            Err("12:60 is not a time of day".into())
        );
    }

    #[test]
    fn far_future_is_rejected() {
        let too_far = "that is too far ahead; announcements can be at most 366 days away";
        assert_eq!(parse("in 367 days"), Err(too_far.into()));
        assert_eq!(parse("in 99999999999999999999 hours"), Err(too_far.into()));
        assert_eq!(parse("9999-12-31 23:59"), Err(too_far.into()));
        assert!(parse("in 366 days").is_ok());
    }

    #[test]
    fn a_time_the_clocks_skip_is_an_error_not_moved() {
        // On 30 March 2025 Paris clocks jump from 02:00 to 03:00: 02:30 does not exist.
        let before: Timestamp = "2025-03-29T12:00:00Z".parse().unwrap();
        let skipped = "2025-03-30 02:30 does not exist in Europe/Paris: the clocks go forward then (from \
                       +01:00 to +02:00); pick another time";
        for input in ["2025-03-30 02:30", "tomorrow 02:30"] {
            let error = parse_when(input, before, &paris()).unwrap_err();
            assert_eq!(error.to_string(), skipped, "{input}");
        }
        assert!(parse_when("2025-03-30 03:30", before, &paris()).is_ok());
    }

    #[test]
    fn a_time_that_happens_twice_needs_an_offset() {
        // On 26 October 2025 Paris clocks go from 03:00 back to 02:00: 02:30 happens twice.
        let before: Timestamp = "2025-10-25T12:00:00Z".parse().unwrap();
        let error = parse_when("2025-10-26 02:30", before, &paris()).unwrap_err();
        assert_eq!(
            error.to_string(),
            "2025-10-26 02:30 happens twice in Europe/Paris, as the clocks go back; say which with an \
             offset: 2025-10-26T02:30:00+02:00 (the first) or 2025-10-26T02:30:00+01:00 (the second)"
        );
        let first = parse_when("2025-10-26T02:30:00+02:00", before, &paris()).unwrap();
        assert_eq!(first.to_string(), "2025-10-26T00:30:00Z");
        let second = parse_when("2025-10-26T02:30:00+01:00", before, &paris()).unwrap();
        assert_eq!(second.to_string(), "2025-10-26T01:30:00Z");
    }

    #[test]
    fn relative_delays_ignore_the_clock_change() {
        // Twenty minutes are twenty minutes even across the jump: 01:50 + 20 min is 03:10 on the wall clock.
        let before: Timestamp = "2025-03-30T00:50:00Z".parse().unwrap();
        let when = parse_when("in 20 minutes", before, &paris()).unwrap();
        assert_eq!(
            when.to_zoned_datetime(paris()).to_string(),
            "2025-03-30T03:10:00+02:00[Europe/Paris]"
        );
    }
}
