//! Whether a venue's place agrees with the event's time zone: answers give times "in the event's time",
//! so a zone for another part of the world (US/Pacific for a venue in Europe) makes every time wrong
//! while reading fine.
//!
//! The time-zone database names each zone after a city or country (`Europe/Amsterdam`,
//! `America/Argentina/Buenos_Aires`, `Japan`). A venue whose city or country is such a name lies in that
//! zone; if its clocks then differ from the event zone's at the event's start, the two disagree. A place
//! the database does not name cannot be checked this way, and is not guessed at.

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
    let named = tz::db().available().find(|name| {
        let last = name.as_str().rsplit('/').next().unwrap_or_default();
        places.contains(&place_key(last))
    })?;
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
}
