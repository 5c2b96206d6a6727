//! How long a text in the knowledge may be: at most what the places it is shown in can hold.
//!
//! Answers are shown in Discord, whose limits are the tightest (the terminal prints anything): an entry's
//! name or title heads an answer (an embed's title), a venue's address goes in one field of it, and every
//! other text may be an answer's body (an embed's description). A longer text would be cut there, so it
//! is refused here, where the maintainer can shorten it. The numbers are Discord's documented limits,
//! stated again on this side so that the knowledge does not depend on the Discord adapter; announcements
//! are posted as messages and have their own limit (`kinds::announcement::MAX_TEXT`).

/// The most characters a text may have, and the place that holds no more, for messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limit {
    pub characters: usize,
    pub shown_in: &'static str,
}

/// A name or title: an answer's title (a Discord embed title holds 256 characters).
pub const NAME: Limit = Limit {
    characters: 256,
    shown_in: "an answer's title",
};

/// A part of an address: one field of an answer (a Discord embed field holds 1,024 characters).
pub const PLACE: Limit = Limit {
    characters: 1024,
    shown_in: "an answer's place line",
};

/// Any other text: an answer's body (a Discord embed description holds 4,096 characters).
pub const TEXT: Limit = Limit {
    characters: 4096,
    shown_in: "an answer",
};

/// The limit of a field of an entry of `section`, by the field's name; `None` for an announcement's text,
/// which its own check holds to a message's limit (so a long one is one error, not two).
pub fn of_field(section: &str, field: &str) -> Option<Limit> {
    match (section, field) {
        ("announcement", "text") => None,
        (_, "name" | "title") => Some(NAME),
        (_, "address" | "postcode" | "city" | "country") => Some(PLACE),
        _ => Some(TEXT),
    }
}
