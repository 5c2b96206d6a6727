//! The two rules of iCalendar text that every writer gets wrong once: escaping TEXT values and folding
//! content lines (RFC 5545 sections 3.3.11 and 3.1).

/// The most octets a content line may have before its line break.
pub const LINE_OCTETS: usize = 75;

/// A TEXT value escaped: backslash, semicolon and comma get a backslash, a line break becomes `\n`.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\r' => {
                // A CRLF pair is one line break.
                if chars.peek() != Some(&'\n') {
                    out.push_str("\\n");
                }
            }
            '\n' => out.push_str("\\n"),
            // Other control characters are not allowed in TEXT.
            c if c.is_control() && c != '\t' => {}
            c => out.push(c),
        }
    }
    out
}

/// A content line folded: at most 75 octets per physical line, each continuation starting with a space,
/// never splitting a UTF-8 character. Lines are joined with CRLF; the caller ends the last.
pub fn fold(line: &str) -> String {
    let mut out = String::with_capacity(line.len() + line.len() / 70 * 3);
    let mut used = 0;
    let mut limit = LINE_OCTETS;
    for c in line.chars() {
        let width = c.len_utf8();
        if used + width > limit {
            out.push_str("\r\n ");
            // The leading space counts towards the continuation line's 75 octets.
            used = 1;
            limit = LINE_OCTETS;
        }
        out.push(c);
        used += width;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_values_escape_the_characters_that_end_them() {
        assert_eq!(
            escape("Room A; 2nd floor, left\\right\r\nnext\nline"),
            "Room A\\; 2nd floor\\, left\\\\right\\nnext\\nline"
        );
    }

    #[test]
    fn long_lines_fold_at_75_octets_without_splitting_a_character() {
        let line = format!("DESCRIPTION:{}", "é".repeat(100));
        let folded = fold(&line);
        for (i, physical) in folded.split("\r\n").enumerate() {
            assert!(
                physical.len() <= LINE_OCTETS,
                "{i}: {} octets",
                physical.len()
            );
            if i > 0 {
                assert!(physical.starts_with(' '));
            }
        }
        let unfolded = folded.replace("\r\n ", "");
        assert_eq!(unfolded, line);
        assert_eq!(fold("SHORT:x"), "SHORT:x");
    }
}
