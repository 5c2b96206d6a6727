//! Whether a venue's place agrees with the event's time zone: answers give times "in the event's time",
//! so a zone for another part of the world (US/Pacific for a venue in Europe) makes every time wrong
//! while reading fine.
//!
//! The time-zone database names each zone after a city or country (`Europe/Amsterdam`,
//! `America/Argentina/Buenos_Aires`, `Japan`). A venue whose city or country is such a name lies in that
//! zone; if its clocks then differ from the event zone's at the event's start, the two disagree. A place
//! the database does not name is looked up by its country: `reference/countries.tsv` (from the same database) lists
//! the zones each country keeps, and a venue whose country keeps none with the event zone's clocks
//! disagrees with it. A place named by neither is not guessed at.

use jiff::Timestamp;
use jiff::tz::{self, TimeZone};

/// The zone a venue's city or country names, when its clocks differ from `zone`'s at `at`: the zone's
/// name and the two offsets, for a warning that names both.
pub fn zone_disagrees(
    city: &str,
    country: Option<&str>,
    zone: &TimeZone,
    at: Timestamp,
) -> Option<String> {
    let ours = zone.to_offset(at);
    let places: Vec<String> = std::iter::once(city)
        .chain(country)
        .map(place_key)
        .filter(|p| !p.is_empty())
        .collect();
    let Some(named) = tz::db().available().find(|name| {
        let last = name.as_str().rsplit('/').next().unwrap_or_default();
        places.contains(&place_key(last))
    }) else {
        return country.and_then(|country| country_disagrees(country, zone, at));
    };
    let theirs = TimeZone::get(named.as_str()).ok()?.to_offset(at);
    (theirs != ours).then(|| {
        let (theirs, ours) = (offset_text(theirs), offset_text(ours));
        format!(
            "{} is {theirs} at the event's start, but the event's time zone {} is {ours}: \
             times would be given for the wrong place; is `time_zone` meant to be \"{}\"?",
            named.as_str(),
            zone.iana_name().unwrap_or("the event's time zone"),
            named.as_str()
        )
    })
}

/// The zones of `country` when none of them keeps `zone`'s clocks at `at`: a warning naming both.
fn country_disagrees(country: &str, zone: &TimeZone, at: Timestamp) -> Option<String> {
    let zones = country_zones(country)?;
    let ours = zone.to_offset(at);
    let keeps = |name: &&str| TimeZone::get(name).is_ok_and(|z| z.to_offset(at) == ours);
    if zones.iter().any(keeps) {
        return None;
    }
    let first = zones.first()?;
    let theirs = offset_text(TimeZone::get(first).ok()?.to_offset(at));
    Some(format!(
        "{country} keeps {} ({first} is {theirs} at the event's start), but the event's time zone {} is {}: \
         times would be given for the wrong place; is `time_zone` meant to be \"{first}\"?",
        if zones.len() == 1 {
            "one time zone".to_string()
        } else {
            format!("{} time zones, none of them the event's", zones.len())
        },
        zone.iana_name().unwrap_or("the event's time zone"),
        offset_text(ours),
    ))
}

/// Countries and their zones, one per line: code, name, zones; a line with a code and a name only gives
/// another name for a country listed before.
const COUNTRIES: &str = include_str!("../../reference/countries.tsv");

/// The zones of a country named by its name, another common name, or its ISO 3166 code.
fn country_zones(country: &str) -> Option<Vec<&'static str>> {
    let wanted = place_key(
        country
            .trim()
            .trim_start_matches("the ")
            .trim_start_matches("The "),
    );
    let rows = || {
        COUNTRIES
            .lines()
            .filter(|line| !line.starts_with('#'))
            .map(|line| line.split('\t').collect::<Vec<_>>())
            .filter(|fields| fields.len() >= 2)
    };
    let names_it = |fields: &Vec<&str>| {
        let name = fields[1];
        // "Britain (UK)" is called "Britain", "UK" and "Britain (UK)".
        let (short, inner) = match name.split_once(" (") {
            Some((short, rest)) => (short, rest.trim_end_matches(')')),
            None => (name, ""),
        };
        [fields[0], name, short, inner]
            .iter()
            .any(|n| !n.is_empty() && place_key(n) == wanted)
    };
    let code = rows().find(names_it)?[0];
    let zones: Vec<&str> = rows()
        .filter(|fields| fields[0] == code)
        .flat_map(|fields| fields.into_iter().skip(2))
        .collect();
    (!zones.is_empty()).then_some(zones)
}

/// An offset as times show it: `+02:00`, `-07:00`.
pub fn offset_text(offset: jiff::tz::Offset) -> String {
    let seconds = offset.seconds();
    let sign = if seconds < 0 { '-' } else { '+' };
    let minutes = seconds.unsigned_abs() / 60;
    format!("{sign}{:02}:{:02}", minutes / 60, minutes % 60)
}

/// A place name compared without case, spaces or underscores: "Buenos Aires" is `Buenos_Aires`.
fn place_key(place: &str) -> String {
    place
        .chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at() -> Timestamp {
        "2026-06-01T10:00:00Z".parse().unwrap()
    }

    #[test]
    fn a_city_the_database_names_must_share_the_event_zone_s_clocks() {
        let pacific = TimeZone::get("US/Pacific").unwrap();
        let warning = zone_disagrees("Amsterdam", Some("Netherlands"), &pacific, at())
            .expect("Amsterdam is not on Pacific time");
        assert!(warning.contains("Europe/Amsterdam"), "{warning}");
        assert!(warning.contains("US/Pacific"), "{warning}");
        // Another zone with the same clocks is not a mistake.
        let paris = TimeZone::get("Europe/Paris").unwrap();
        assert_eq!(zone_disagrees("Amsterdam", None, &paris, at()), None);
        assert_eq!(
            zone_disagrees(
                "Buenos Aires",
                None,
                &TimeZone::get("America/Argentina/Buenos_Aires").unwrap(),
                at()
            ),
            None
        );
        // A country the database names as a zone counts too.
        assert!(zone_disagrees("Osaka", Some("Japan"), &paris, at()).is_some());
        // A place it does not name is not guessed at.
        assert_eq!(zone_disagrees("Utrecht", None, &pacific, at()), None);
    }

    #[test]
    fn a_country_is_checked_against_the_zones_it_keeps() {
        let pacific = TimeZone::get("US/Pacific").unwrap();
        let warning = zone_disagrees("Utrecht", Some("The Netherlands"), &pacific, at())
            .expect("the Netherlands is not on Pacific time");
        assert!(warning.contains("Europe/Amsterdam"), "{warning}");
        assert!(warning.contains("US/Pacific"), "{warning}");
        let amsterdam = TimeZone::get("Europe/Amsterdam").unwrap();
        assert_eq!(
            zone_disagrees("Utrecht", Some("Netherlands"), &amsterdam, at()),
            None
        );
        // A country of many zones agrees with any of them, by name, other name or code.
        for us in ["United States", "USA", "US"] {
            assert_eq!(
                zone_disagrees("Springfield", Some(us), &pacific, at()),
                None,
                "{us}"
            );
            assert!(zone_disagrees("Springfield", Some(us), &amsterdam, at()).is_some());
        }
        assert!(zone_disagrees("Leeds", Some("UK"), &pacific, at()).is_some());
        assert_eq!(
            zone_disagrees("Leeds", Some("Atlantis"), &pacific, at()),
            None
        );
    }
}
