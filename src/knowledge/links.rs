//! Links in the knowledge (an event's website, a venue's map, a session's slides): shown to participants
//! as they are written, so only web links are allowed. A `javascript:` or `file:` link, or text that is no
//! link at all, would be shown as if it were one.

/// Why `link` is not a web link Usher may show, if it is not one: it must be `http://` or `https://`
/// followed by a host, with no spaces or control characters in it.
pub fn problem(link: &str) -> Option<String> {
    let lower = link.get(..8).unwrap_or(link).to_ascii_lowercase();
    let rest = if lower.starts_with("https://") {
        &link[8..]
    } else if lower.starts_with("http://") {
        &link[7..]
    } else {
        return Some(format!("`{}` is not an http(s) link", printable(link)));
    };
    if link.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Some(format!(
            "`{}` has spaces or control characters in it: write a space as %20",
            printable(link)
        ));
    }
    let host = rest.split(['/', '?', '#']).next().unwrap_or_default();
    let host = host.rsplit('@').next().unwrap_or_default();
    if host.is_empty() || host.starts_with(':') {
        return Some(format!("`{}` names no host", printable(link)));
    }
    None
}

/// A link as it can be shown in a message: control characters escaped, and cut if very long.
fn printable(link: &str) -> String {
    const SHOWN: usize = 80;
    let escaped: String = link.chars().flat_map(char::escape_debug).collect();
    if escaped.chars().count() > SHOWN {
        let cut: String = escaped.chars().take(SHOWN).collect();
        format!("{cut}...")
    } else {
        escaped
    }
}

#[cfg(test)]
mod tests {
    use super::problem;

    #[test]
    fn only_web_links_with_a_host_pass() {
        for good in [
            "https://example.org",
            "http://example.org/a?b=c#d",
            "HTTPS://Example.org/",
            "https://[::1]:8080/x",
        ] {
            assert_eq!(problem(good), None, "{good}");
        }
        for bad in [
            "javascript:alert(1)",
            "file:///etc/passwd",
            "ftp://example.org",
            "example.org",
            "https://",
            "https:///path",
            "https://exa mple.org",
            "https://example.org/\n",
            "",
        ] {
            assert!(problem(bad).is_some(), "{bad:?} passed");
        }
    }
}
