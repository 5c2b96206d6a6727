//! Small pieces of English every answer uses: capitals, articles, lists and counts.

/// The most items a list in an answer names before saying how many more there are.
pub const LIST_LIMIT: usize = 15;

/// "Reception" for "a reception": a title as it reads in a sentence, made a label.
pub fn label_of(title: &str) -> String {
    let bare = ["a ", "an ", "the "]
        .iter()
        .find_map(|article| title.strip_prefix(article))
        .unwrap_or(title);
    capitalise(bare)
}

pub fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// "an expert seminar", "a conference".
pub fn with_article(noun: &str) -> String {
    let vowel = noun.chars().next().is_some_and(|c| "aeiou".contains(c));
    format!("{} {noun}", if vowel { "an" } else { "a" })
}

/// "A, B and C".
pub fn and_list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

/// Up to [`LIST_LIMIT`] of `items`, then how many more of `total` there are. `items` may hold only the
/// first few of the `total`, so long lists need not be formatted whole.
pub fn limited_list(items: &[String], total: usize) -> String {
    if total <= LIST_LIMIT {
        and_list(items)
    } else {
        format!(
            "{} and {} more",
            items[..LIST_LIMIT.min(items.len())].join(", "),
            total - LIST_LIMIT.min(items.len())
        )
    }
}

/// Small counts in words, larger ones in digits.
pub fn count_words(n: usize) -> String {
    const WORDS: [&str; 11] = [
        "no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    ];
    WORDS
        .get(n)
        .map_or_else(|| n.to_string(), |w| (*w).to_string())
}
