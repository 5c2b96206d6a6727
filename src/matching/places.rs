//! The places of the world a text can name: the countries of the time-zone database's list and the
//! continents and large regions, folded and split into words ("south sudan", "west africa").

use rustc_hash::FxHashMap;

use super::normalise;
use super::normalise::fold;

/// Place names keyed by their first word, so a text is looked up by its own words.
pub type Places = FxHashMap<String, Vec<Vec<String>>>;

fn keyed(names: impl Iterator<Item = Vec<String>>) -> Places {
    let mut places: Places = FxHashMap::default();
    for name in names.filter(|words| !words.is_empty()) {
        places.entry(name[0].clone()).or_default().push(name);
    }
    places
}

/// The countries of the world by their common names, from `reference/countries.tsv`.
pub fn countries() -> &'static Places {
    static NAMES: std::sync::OnceLock<Places> = std::sync::OnceLock::new();
    NAMES.get_or_init(|| {
        keyed(
            include_str!("../../reference/countries.tsv")
                .lines()
                .filter(|line| !line.starts_with('#'))
                .filter_map(|line| line.split('\t').nth(1))
                // "Britain (UK)" is named "Britain", and both Koreas "Korea": a text names them so.
                .map(|name| name.split_once(" (").map_or(name, |(short, _)| short))
                .map(|name| normalise::split_words(&fold(name))),
        )
    })
}

/// A country a question names, and every name a text may give it: its names in `countries.tsv` and the
/// adjectives for it in `demonyms.tsv` ("Dutch" of the Netherlands).
#[derive(Debug)]
pub struct Named {
    /// The words as the question names it.
    pub asked: Vec<String>,
    /// The names and adjectives of the countries those words name.
    pub names: Vec<Vec<String>>,
}

/// Names and adjectives by ISO 3166 code.
fn by_code() -> &'static FxHashMap<&'static str, Vec<Vec<String>>> {
    static NAMES: std::sync::OnceLock<FxHashMap<&'static str, Vec<Vec<String>>>> =
        std::sync::OnceLock::new();
    NAMES.get_or_init(|| {
        let mut names: FxHashMap<&'static str, Vec<Vec<String>>> = FxHashMap::default();
        let countries = include_str!("../../reference/countries.tsv");
        let demonyms = include_str!("../../reference/demonyms.tsv");
        for line in countries
            .lines()
            .chain(demonyms.lines())
            .filter(|line| !line.starts_with('#'))
        {
            let mut fields = line.split('\t');
            let (Some(code), Some(name)) = (fields.next(), fields.next()) else {
                continue;
            };
            let name = name.split_once(" (").map_or(name, |(short, _)| short);
            names
                .entry(code)
                .or_default()
                .push(normalise::split_words(&fold(name)));
        }
        names
    })
}

/// The codes each adjective for a country stands for (an adjective may stand for more than one).
fn demonyms() -> &'static FxHashMap<&'static str, Vec<&'static str>> {
    static CODES: std::sync::OnceLock<FxHashMap<&'static str, Vec<&'static str>>> =
        std::sync::OnceLock::new();
    CODES.get_or_init(|| {
        let mut codes: FxHashMap<&'static str, Vec<&'static str>> = FxHashMap::default();
        for line in include_str!("../../reference/demonyms.tsv")
            .lines()
            .filter(|line| !line.starts_with('#'))
        {
            if let Some((code, word)) = line.split_once('\t') {
                codes.entry(word).or_default().push(code);
            }
        }
        codes
    })
}

/// The countries a question's words name, by a name ("the Netherlands", "the US") or an adjective
/// ("Dutch", "the French", "Americans"), each with every name a text may give it.
pub fn countries_named(words: &[String]) -> Vec<Named> {
    let codes_of_name = |name: &[String]| -> Vec<&'static str> {
        by_code()
            .iter()
            .filter(|(_, names)| names.iter().any(|n| n.as_slice() == name))
            .map(|(code, _)| *code)
            .collect()
    };
    let mut named = Vec::new();
    for (at, word) in words.iter().enumerate() {
        for name in countries().get(word).into_iter().flatten() {
            if words[at..].starts_with(name) {
                named.push((name.clone(), codes_of_name(name)));
            }
        }
        // Of a people, the plural too ("Americans"). An adjective that names a language ("in English",
        // "speak French", "Spanish subtitles") names no country.
        let singular = word.strip_suffix('s').unwrap_or(word);
        let a_language = at.checked_sub(1).is_some_and(|before| {
            matches!(
                words[before].as_str(),
                "in" | "into" | "speak" | "speaks" | "spoken" | "speaking" | "translated"
            )
        }) || words.get(at + 1).is_some_and(|next| {
            matches!(
                next.as_str(),
                "language" | "subtitles" | "translation" | "version" | "speakers"
            )
        });
        if a_language {
            continue;
        }
        if let Some(codes) = demonyms()
            .get(word.as_str())
            .or_else(|| demonyms().get(singular))
        {
            named.push((vec![word.clone()], codes.clone()));
        }
    }
    named
        .into_iter()
        .map(|(asked, codes)| Named {
            names: codes
                .iter()
                .filter_map(|code| by_code().get(code))
                .flatten()
                .cloned()
                .collect(),
            asked,
        })
        .collect()
}

/// The continents and large regions of the world, from `reference/regions.txt`.
fn regions() -> &'static Places {
    static NAMES: std::sync::OnceLock<Places> = std::sync::OnceLock::new();
    NAMES.get_or_init(|| {
        keyed(
            include_str!("../../reference/regions.txt")
                .lines()
                .filter(|line| !line.starts_with('#'))
                .map(|name| normalise::split_words(&fold(name))),
        )
    })
}

/// Whether a text names a country, a continent or a large region of the world.
pub fn names_a_place(text: &str) -> bool {
    let words = normalise::split_words(&fold(text));
    words.iter().enumerate().any(|(at, word)| {
        [countries(), regions()]
            .iter()
            .filter_map(|places| places.get(word))
            .flatten()
            .any(|name| words[at..].starts_with(name))
    })
}

/// Whether a text names a continent or a large region of the world ("Africa", "the Middle East"), which
/// holds countries rather than being one.
pub fn names_a_region(text: &str) -> bool {
    let words = normalise::split_words(&fold(text));
    words.iter().enumerate().any(|(at, word)| {
        regions()
            .get(word)
            .into_iter()
            .flatten()
            .any(|name| words[at..].starts_with(name))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn countries_and_regions_are_places_and_other_words_are_not() {
        assert!(names_a_place("the mission in South Sudan"));
        assert!(names_a_place("Peru's role in Latin America"));
        assert!(names_a_place("instability in Africa's north"));
        assert!(!names_a_place("the protection of economic interests"));
        // A country's name must be whole: "South" alone is no place.
        assert!(!names_a_place("the south wing"));
        assert!(names_a_region("china in africa"));
        assert!(!names_a_region("china in south sudan"));
    }

    #[test]
    fn a_country_is_named_by_its_names_and_its_adjectives() {
        let words = |text: &str| normalise::split_words(&fold(text));
        let named = countries_named(&words("did the dutch send soldiers"));
        assert_eq!(named.len(), 1);
        assert!(named[0].names.contains(&words("Netherlands")));
        let named = countries_named(&words("what about the americans"));
        assert!(named[0].names.contains(&words("United States")));
        let named = countries_named(&words("does the US support it"));
        assert_eq!(named[0].asked, words("the us"));
        assert!(named[0].names.contains(&words("United States")));
        assert!(countries_named(&words("let us know")).is_empty());
        // A language is no country.
        assert!(countries_named(&words("are the recordings in english")).is_empty());
    }
}
