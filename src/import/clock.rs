//! Times as frab-compatible exports write them, read into instants in the conference's time zone.
//!
//! An event slot has a `date` (a full datetime, usually with an offset; some exports write it in UTC, pretalx
//! in local time), a `start` ("HH:MM", local time in the conference's zone) and a `duration` ("HH:MM", hours
//! not limited to 24, sometimes with seconds). The `date` is the instant; `start` must agree with it, or
//! the export contradicts itself and the import stops rather than guess which of the two is right.

use jiff::civil::{Date, DateTime, Time};
use jiff::tz::TimeZone;
use jiff::{SignedDuration, Timestamp};

/// Which field of a slot a time problem is in, so the error can point at it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Date,
    Start,
}

/// A time zone by its IANA name, from the bundled database so the machine's own zone never matters.
pub fn time_zone(name: &str) -> Result<TimeZone, String> {
    jiff::tz::db().get(name).map_err(|_| {
        format!("`{name}` is not a known time zone name (expected e.g. Europe/Berlin)")
    })
}

/// A time of day: "HH:MM" or "HH:MM:SS".
pub fn clock(text: &str) -> Result<Time, String> {
    let bad = || format!("\"{text}\" is not a time of day (expected HH:MM)");
    let parts = numbers(text).ok_or_else(bad)?;
    let (hour, minute, second) = match parts.as_slice() {
        [h, m] => (*h, *m, 0),
        [h, m, s] => (*h, *m, *s),
        _ => return Err(bad()),
    };
    let narrow = |n: u64| i8::try_from(n).map_err(|_| bad());
    Time::new(narrow(hour)?, narrow(minute)?, narrow(second)?, 0).map_err(|_| bad())
}

/// A length of time: "H:MM", "HH:MM" or "HH:MM:SS", with any number of hours (a 30-hour hackathon is
/// "30:00").
pub fn duration(text: &str) -> Result<SignedDuration, String> {
    let bad = || format!("\"{text}\" is not a duration (expected HH:MM, e.g. 01:30)");
    let parts = numbers(text).ok_or_else(bad)?;
    let (hours, minutes, seconds) = match parts.as_slice() {
        [h, m] => (*h, *m, 0),
        [h, m, s] => (*h, *m, *s),
        _ => return Err(bad()),
    };
    if minutes >= 60 || seconds >= 60 || hours > 24 * 366 {
        return Err(bad());
    }
    let total = hours * 3600 + minutes * 60 + seconds;
    Ok(SignedDuration::from_secs(
        i64::try_from(total).map_err(|_| bad())?,
    ))
}

/// A calendar date given as a date ("2025-03-17") or as a datetime, whose date in `tz` is meant.
pub fn date(text: &str, tz: &TimeZone) -> Result<Date, String> {
    let text = text.trim();
    if let Some(date) = date_only(text) {
        return Ok(date);
    }
    instant(text, tz)
        .map(|ts| ts.to_zoned_datetime(tz.clone()).date())
        .map_err(|_| format!("\"{text}\" is not a date (expected YYYY-MM-DD)"))
}

/// The instant a slot starts. `date` is a datetime (with an offset, or local in `tz`) or only a date, in
/// which case `start` gives the time; a missing `date` falls back to the `day` the slot is listed under.
/// When both a datetime and `start` are given they must name the same local time.
pub fn slot_start(
    date: Option<&str>,
    start: Option<&str>,
    day: Option<Date>,
    tz: &TimeZone,
) -> Result<Timestamp, (Field, String)> {
    let start_time = start
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(|s| clock(s).map_err(|m| (Field::Start, m)))
        .transpose()?;
    let date = date.map(str::trim).filter(|d| !d.is_empty());
    if let Some(text) = date
        && date_only(text).is_none()
    {
        let at = instant(text, tz).map_err(|m| (Field::Date, m))?;
        if let Some(time) = start_time {
            let local = at.to_zoned_datetime(tz.clone()).time();
            if (local.hour(), local.minute(), local.second())
                != (time.hour(), time.minute(), time.second())
            {
                return Err((
                    Field::Start,
                    format!(
                        "{} does not agree with `date` {text}, which is {} in {}",
                        hh_mm(time),
                        hh_mm(local),
                        tz.iana_name().unwrap_or("the conference's time zone"),
                    ),
                ));
            }
        }
        return Ok(at);
    }
    let calendar_date = date.and_then(date_only).or(day);
    let Some(calendar_date) = calendar_date else {
        return Err((
            Field::Date,
            "the slot has no `date`, so its day is unknown".to_string(),
        ));
    };
    let Some(time) = start_time else {
        return Err((
            Field::Start,
            "the slot has a date but no `start` time".to_string(),
        ));
    };
    local(calendar_date.to_datetime(time), tz).map_err(|m| (Field::Start, m))
}

/// A date written without a time ("2025-03-17"). jiff's date parser also accepts a datetime and drops
/// its time, which would take a UTC date for a local one.
fn date_only(text: &str) -> Option<Date> {
    if text.len() == 10 {
        text.parse().ok()
    } else {
        None
    }
}

/// A datetime with an offset, or a local one in `tz`.
fn instant(text: &str, tz: &TimeZone) -> Result<Timestamp, String> {
    if let Ok(ts) = text.parse::<Timestamp>() {
        return Ok(ts);
    }
    match text.parse::<DateTime>() {
        Ok(dt) => local(dt, tz),
        Err(_) => Err(format!(
            "\"{text}\" is not a datetime (expected e.g. 2025-03-18T09:30:00+01:00)"
        )),
    }
}

/// A local datetime in `tz`; one that falls in a daylight-saving gap or fold is refused, since which
/// instant the export meant cannot be known.
fn local(dt: DateTime, tz: &TimeZone) -> Result<Timestamp, String> {
    tz.to_ambiguous_timestamp(dt).unambiguous().map_err(|_| {
        format!(
            "{dt} is skipped or repeated by a daylight-saving change in {}",
            tz.iana_name().unwrap_or("the conference's time zone")
        )
    })
}

fn hh_mm(time: Time) -> String {
    if time.second() == 0 {
        format!("{:02}:{:02}", time.hour(), time.minute())
    } else {
        format!(
            "{:02}:{:02}:{:02}",
            time.hour(),
            time.minute(),
            time.second()
        )
    }
}

/// The colon-separated numbers of "01:30" or "00:30:00"; `None` if any part is not digits or the
/// minutes and seconds are not two digits.
fn numbers(text: &str) -> Option<Vec<u64>> {
    let parts: Vec<&str> = text.trim().split(':').collect();
    if parts
        .iter()
        .any(|p| p.is_empty() || !p.bytes().all(|b| b.is_ascii_digit()))
        || parts.iter().skip(1).any(|p| p.len() != 2)
        || parts[0].len() > 4
    {
        return None;
    }
    parts.iter().map(|p| p.parse().ok()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tz(name: &str) -> TimeZone {
        time_zone(name).unwrap()
    }

    #[test]
    fn durations_take_every_form_exports_use() {
        assert_eq!(duration("1:30"), Ok(SignedDuration::from_mins(90)));
        assert_eq!(duration("01:30"), Ok(SignedDuration::from_mins(90)));
        assert_eq!(duration("00:30:00"), Ok(SignedDuration::from_mins(30)));
        assert_eq!(duration("30:00"), Ok(SignedDuration::from_hours(30)));
        assert_eq!(duration("00:00"), Ok(SignedDuration::ZERO));
        for bad in [
            "90",
            "1:5",
            "1:60",
            "-1:00",
            "a:00",
            "",
            "1:30:00:00",
            "1.5:00",
        ] {
            assert!(duration(bad).is_err(), "{bad} was accepted");
        }
    }

    #[test]
    fn clocks_are_times_of_day() {
        assert_eq!(clock("08:30"), Ok(Time::constant(8, 30, 0, 0)));
        assert_eq!(clock("8:30:15"), Ok(Time::constant(8, 30, 15, 0)));
        assert!(clock("24:00").is_err());
        assert!(clock("12:75").is_err());
    }

    #[test]
    fn old_zone_links_are_known() {
        // GOOD 2025's export names its zone `US/Eastern`, a link in the time zone database.
        assert!(time_zone("US/Eastern").is_ok());
        assert!(time_zone("Mars/Olympus").is_err());
    }

    #[test]
    fn a_utc_date_with_a_local_start_is_one_instant() {
        // DebConf's form: `date` in UTC, `start` local in the conference's zone.
        let at = slot_start(
            Some("2023-09-10T05:00:00+00:00"),
            Some("10:30"),
            None,
            &tz("Asia/Kolkata"),
        )
        .unwrap();
        assert_eq!(at, "2023-09-10T05:00:00Z".parse::<Timestamp>().unwrap());
    }

    #[test]
    fn a_start_that_contradicts_the_date_is_an_error_at_start() {
        let err = slot_start(
            Some("2023-09-10T05:00:00+00:00"),
            Some("10:00"),
            None,
            &tz("Asia/Kolkata"),
        )
        .unwrap_err();
        assert_eq!(err.0, Field::Start);
        assert_eq!(
            err.1,
            "10:00 does not agree with `date` 2023-09-10T05:00:00+00:00, which is 10:30 in Asia/Kolkata"
        );
    }

    #[test]
    fn dates_without_times_take_start_and_local_dates_take_the_zone() {
        let berlin = tz("Europe/Berlin");
        let expected: Timestamp = "2026-06-01T07:00:00Z".parse().unwrap();
        assert_eq!(
            slot_start(Some("2026-06-01"), Some("09:00"), None, &berlin),
            Ok(expected)
        );
        assert_eq!(
            slot_start(Some("2026-06-01T09:00:00"), Some("09:00"), None, &berlin),
            Ok(expected)
        );
        let day = Date::constant(2026, 6, 1);
        assert_eq!(
            slot_start(None, Some("09:00"), Some(day), &berlin),
            Ok(expected)
        );
        assert_eq!(
            slot_start(None, None, Some(day), &berlin).unwrap_err().0,
            Field::Start
        );
        assert_eq!(
            slot_start(Some("soon"), None, None, &berlin).unwrap_err().0,
            Field::Date
        );
    }

    #[test]
    fn a_local_time_in_a_daylight_saving_gap_is_refused() {
        let err = slot_start(
            Some("2026-03-29"),
            Some("02:30"),
            None,
            &tz("Europe/Berlin"),
        )
        .unwrap_err();
        assert!(err.1.contains("daylight-saving"), "{}", err.1);
    }

    #[test]
    fn dates_may_be_datetimes() {
        let kolkata = tz("Asia/Kolkata");
        assert_eq!(
            date("2023-09-10", &kolkata),
            Ok(Date::constant(2023, 9, 10))
        );
        assert_eq!(
            date("2023-09-09T21:30:00+00:00", &kolkata),
            Ok(Date::constant(2023, 9, 10))
        );
        assert!(date("next week", &kolkata).is_err());
    }
}
