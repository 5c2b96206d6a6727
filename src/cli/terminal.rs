//! What the terminal allows: colours, the width to wrap at, and stored text that cannot disturb it.

use std::ffi::OsStr;
use std::io::{self, IsTerminal};

use textwrap::{Options, WordSeparator, WordSplitter};

/// The narrowest `COLUMNS` honoured; anything less would put one word on each line.
const MIN_WIDTH: usize = 20;

/// Whether to colour what goes to a stream: only a terminal reads colour codes, and a user who set
/// `NO_COLOR` to anything (see no-color.org) wants none, wherever the output goes.
pub(crate) fn colours(is_terminal: bool, no_color: Option<&OsStr>) -> bool {
    is_terminal && no_color.is_none_or(OsStr::is_empty)
}

/// [`colours`] for a stream of this process, with its `NO_COLOR`.
pub(crate) fn colours_for(stream: &impl IsTerminal) -> bool {
    colours(
        stream.is_terminal(),
        std::env::var_os("NO_COLOR").as_deref(),
    )
}

/// Writes `text` in bold when `on`; the escape codes are only ever added here.
pub(crate) fn bold(text: &str, on: bool) -> String {
    if on {
        format!("\x1b[1m{text}\x1b[0m")
    } else {
        text.to_owned()
    }
}

/// The width to wrap answers at: the terminal's when standard output is one; otherwise `COLUMNS` if it
/// is set, so a pipe can ask for wrapped lines; otherwise none, since a program reading the output wants
/// each line whole.
pub(crate) fn width() -> Option<usize> {
    if io::stdout().is_terminal() {
        return Some(textwrap::termwidth());
    }
    std::env::var("COLUMNS")
        .ok()?
        .trim()
        .parse()
        .ok()
        .filter(|&width| width >= MIN_WIDTH)
}

/// Wraps every line of `text` at `width` columns, between words only: a word longer than the line (a
/// link) stays whole and overflows rather than being cut. A list item's continuation lines are indented
/// under its text, past its `-` or `1.`. Without a width, the text is unchanged.
pub(crate) fn wrap(text: &str, width: Option<usize>) -> String {
    let Some(width) = width else {
        return text.to_owned();
    };
    let mut wrapped = Vec::new();
    for line in text.split('\n') {
        let indent = " ".repeat(hanging_indent(line));
        let options = Options::new(width)
            .break_words(false)
            .word_separator(WordSeparator::AsciiSpace)
            .word_splitter(WordSplitter::NoHyphenation)
            .subsequent_indent(&indent);
        wrapped.extend(
            textwrap::wrap(line, options)
                .into_iter()
                .map(std::borrow::Cow::into_owned),
        );
    }
    wrapped.join("\n")
}

/// How far a line's continuation lines are indented: its own indentation, plus its list marker.
fn hanging_indent(line: &str) -> usize {
    let body = line.trim_start_matches(' ');
    let indent = line.len() - body.len();
    let digits = body.bytes().take_while(u8::is_ascii_digit).count();
    let marker = if body.starts_with("- ") || body.starts_with("* ") {
        2
    } else if digits > 0 && body[digits..].starts_with(". ") {
        digits + 2
    } else {
        0
    };
    indent + marker
}

/// `text` cut to at most `max` characters at a word boundary, with `…` marking the cut.
pub(crate) fn shortened(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_owned();
    }
    let cut: String = text.chars().take(max.saturating_sub(1)).collect();
    // Back to the last space, unless that would leave almost nothing.
    let cut = match cut.rfind(' ') {
        Some(space) if space > max / 2 => cut[..space].trim_end(),
        _ => cut.as_str(),
    };
    format!("{cut}…")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colours_only_on_a_terminal_and_never_with_no_color() {
        assert!(colours(true, None));
        assert!(
            colours(true, Some(OsStr::new(""))),
            "an empty NO_COLOR is unset"
        );
        assert!(!colours(true, Some(OsStr::new("1"))));
        assert!(!colours(false, None));
        assert!(!colours(false, Some(OsStr::new("1"))));
    }

    #[test]
    fn wrapping_breaks_between_words_and_keeps_list_items_aligned() {
        let text = "Key findings:\n- A separate national protection unit in the mission\n2. so-called \
                    low-risk experience https://example.org/a/very/long/link/that/never/breaks";
        let wrapped = wrap(text, Some(24));
        assert_eq!(
            wrapped,
            "Key findings:\n\
             - A separate national\n  protection unit in the\n  mission\n\
             2. so-called low-risk\n   experience\n   https://example.org/a/very/long/link/that/never/breaks"
        );
        assert_eq!(wrap(text, None), text);
    }

    #[test]
    fn long_text_is_cut_at_a_word_with_a_marker() {
        assert_eq!(shortened("short", 10), "short");
        assert_eq!(
            shortened("Doors open at nine in the main hall", 20),
            "Doors open at nine…"
        );
        assert_eq!(
            shortened(&"x".repeat(30), 10),
            format!("{}…", "x".repeat(9))
        );
    }
}
