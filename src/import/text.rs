//! Text as exports carry it, made fit for knowledge files: one-line fields tidied, long text with
//! normalised line ends, and ids slugged from codes and names.

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// The longest slug an id part may have; room names can be long, and an id is typed by maintainers.
const SLUG_MAX: usize = 60;

/// A one-line field (a title, a name): surrounding space removed and inner runs of whitespace made one
/// space, since exports carry double spaces that no reader meant. `None` when nothing is left.
pub fn line(raw: Option<&str>) -> Option<String> {
    let text = raw?.split_whitespace().collect::<Vec<_>>().join(" ");
    (!text.is_empty()).then_some(text)
}

/// A long field (an abstract, a biography): Windows and old Mac line ends made `\n`, trailing space on
/// each line and blank lines at either end removed, and more than one blank line in a row made one. The
/// Markdown inside is kept as the source wrote it. `None` when nothing is left.
pub fn block(raw: Option<&str>) -> Option<String> {
    let raw = raw?;
    let unified = raw.replace("\r\n", "\n").replace('\r', "\n");
    let mut out = String::with_capacity(unified.len());
    let mut blank_run = 0;
    for l in unified.lines() {
        let l = l.trim_end();
        if l.is_empty() {
            blank_run += 1;
            continue;
        }
        if !out.is_empty() {
            out.push_str(if blank_run > 0 { "\n\n" } else { "\n" });
        }
        blank_run = 0;
        out.push_str(l);
    }
    let out = out.trim_start();
    (!out.is_empty()).then(|| out.to_string())
}

/// A public name split into the name and the affiliation some exports append in brackets
/// ("Ada Lovelace [Analytical Society]"). A name without that suffix is returned whole.
pub fn name_and_affiliation(name: &str) -> (String, Option<String>) {
    if let Some(open) = name.rfind('[')
        && name.ends_with(']')
    {
        let person = name[..open].trim();
        let affiliation = name[open + 1..name.len() - 1].trim();
        if !person.is_empty() && !affiliation.is_empty() && !affiliation.contains('[') {
            return (person.to_string(), Some(affiliation.to_string()));
        }
    }
    (name.to_string(), None)
}

/// A slug for an id: lower-case ASCII letters and digits separated by single hyphens, accents dropped
/// ("Salle Émile" -> "salle-emile"). Text with no Latin letters or digits at all gets a stable hash
/// instead, so that every name still yields the same id on every import.
pub fn slug(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.nfkd().filter(|c| !is_combining_mark(*c)) {
        if c.is_ascii_alphanumeric() {
            if out.len() >= SLUG_MAX {
                break;
            }
            out.push(c.to_ascii_lowercase());
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    if out.is_empty() {
        format!("x{:08x}", fnv1a(text))
    } else {
        out
    }
}

/// FNV-1a: a tiny hash whose value never changes between runs or versions (unlike `std`'s hashers),
/// which a stable id needs.
fn fnv1a(text: &str) -> u32 {
    text.bytes().fold(0x811c_9dc5_u32, |hash, byte| {
        (hash ^ u32::from(byte)).wrapping_mul(0x0100_0193)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_lose_doubled_and_surrounding_space() {
        assert_eq!(
            line(Some("  A GOOD Start:  Past,\tPresent ")).as_deref(),
            Some("A GOOD Start: Past, Present")
        );
        assert_eq!(line(Some(" \n ")), None);
        assert_eq!(line(None), None);
    }

    #[test]
    fn blocks_keep_paragraphs_and_markdown_but_not_carriage_returns() {
        let raw = "\r\n First line  \r\nsecond `code`\r\n\r\n\r\n\r\n- item\r\n  ";
        assert_eq!(
            block(Some(raw)).as_deref(),
            Some("First line\nsecond `code`\n\n- item")
        );
        assert_eq!(block(Some("\r\n  \r\n")), None);
    }

    #[test]
    fn bracketed_affiliations_are_split_from_names() {
        assert_eq!(
            name_and_affiliation("Ada Lovelace [Analytical Society]"),
            (
                "Ada Lovelace".to_string(),
                Some("Analytical Society".to_string())
            )
        );
        assert_eq!(
            name_and_affiliation("Grace Hopper"),
            ("Grace Hopper".to_string(), None)
        );
        // Brackets that are the whole name, or not at the end, are part of the name.
        assert_eq!(name_and_affiliation("[tba]"), ("[tba]".to_string(), None));
        assert_eq!(
            name_and_affiliation("A [b] c"),
            ("A [b] c".to_string(), None)
        );
    }

    #[test]
    fn slugs_are_ascii_and_stable() {
        assert_eq!(
            slug("Tsai Auditorium (CGIS S010)"),
            "tsai-auditorium-cgis-s010"
        );
        assert_eq!(slug("Salle Émile—Zola"), "salle-emile-zola");
        assert_eq!(slug("TJNP7W"), "tjnp7w");
        assert_eq!(slug("會議室"), slug("會議室"));
        assert!(slug("會議室").starts_with('x'));
        assert_ne!(slug("會議室"), slug("大廳"));
        assert!(slug(&"word ".repeat(40)).len() <= SLUG_MAX);
        assert!(!slug(&"word ".repeat(40)).ends_with('-'));
    }
}
