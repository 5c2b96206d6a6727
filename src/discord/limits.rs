//! Discord's limits on what a bot may send, as named constants, and text cut to fit them.
//!
//! The numbers are Discord's documented limits; the fake Discord in the end-to-end tests enforces the same
//! ones (`tests/e2e/fake_discord/limits.rs`), so an answer that would be refused fails a test first.

/// Characters in a message's `content`.
pub const MESSAGE_CONTENT: usize = 2000;
/// Characters in an embed's title.
pub const EMBED_TITLE: usize = 256;
/// Characters in an embed's description.
pub const EMBED_DESCRIPTION: usize = 4096;
/// Fields in one embed.
pub const EMBED_FIELDS: usize = 25;
/// Characters in an embed field's name.
pub const EMBED_FIELD_NAME: usize = 256;
/// Characters in an embed field's value.
pub const EMBED_FIELD_VALUE: usize = 1024;
/// Characters in an embed's footer text.
pub const EMBED_FOOTER: usize = 2048;
/// Characters across all embeds of one message.
pub const EMBED_TOTAL: usize = 6000;
/// Choices in one autocomplete response.
pub const AUTOCOMPLETE_CHOICES: usize = 25;
/// Characters in an autocomplete choice's name and value.
pub const AUTOCOMPLETE_CHOICE: usize = 100;
/// Buttons in one action row.
pub const BUTTONS_PER_ROW: usize = 5;
/// Action rows in one message.
pub const ACTION_ROWS: usize = 5;
/// Characters in a button's label.
pub const BUTTON_LABEL: usize = 80;
/// Characters in a component's custom id.
pub const CUSTOM_ID: usize = 100;

/// `text` cut to at most `max` characters. A cut ends at a word boundary where one is near and is marked
/// with an ellipsis, so a reader sees that something was left out.
pub fn fit(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    if max == 0 {
        return String::new();
    }
    let keep = max - 1;
    let cut: String = text.chars().take(keep).collect();
    // Prefer to end at a line or a word break within the last fifth of the room.
    let floor = keep - keep / 5;
    let boundary = cut
        .char_indices()
        .rev()
        .find(|(i, c)| c.is_whitespace() && cut[..*i].chars().count() >= floor)
        .map(|(i, _)| i);
    let mut out = match boundary {
        Some(i) => cut[..i].trim_end().to_string(),
        None => cut,
    };
    out.push('\u{2026}');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The knowledge states the limits its texts are held to without depending on this adapter; they
    /// must be the ones answers are cut to here, or `usher check` would pass a text Discord then cuts.
    #[test]
    fn the_knowledge_holds_its_texts_to_these_limits() {
        use crate::knowledge::limits;
        assert_eq!(limits::NAME.characters, EMBED_TITLE);
        assert_eq!(limits::NAME.characters, EMBED_FIELD_NAME);
        assert_eq!(limits::PLACE.characters, EMBED_FIELD_VALUE);
        assert_eq!(limits::TEXT.characters, EMBED_DESCRIPTION);
        assert_eq!(crate::knowledge::MAX_TEXT, MESSAGE_CONTENT);
    }

    #[test]
    fn short_text_is_untouched() {
        assert_eq!(fit("hello", 5), "hello");
    }

    #[test]
    fn long_text_is_cut_at_a_word_with_an_ellipsis() {
        let text = "one two three four five six seven eight nine ten";
        let cut = fit(text, 20);
        assert!(cut.chars().count() <= 20, "{cut}");
        assert!(cut.ends_with('\u{2026}'));
        assert_eq!(cut, "one two three four\u{2026}");
    }

    #[test]
    fn cuts_count_characters_not_bytes() {
        let text = "é".repeat(3000);
        let cut = fit(&text, MESSAGE_CONTENT);
        assert_eq!(cut.chars().count(), MESSAGE_CONTENT);
    }

    #[test]
    fn a_word_longer_than_the_room_is_cut_inside() {
        let cut = fit(&"x".repeat(50), 10);
        assert_eq!(cut, format!("{}\u{2026}", "x".repeat(9)));
    }
}
