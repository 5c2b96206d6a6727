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
}
