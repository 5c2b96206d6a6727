//! Text from the knowledge written as Discord Markdown: what the sources marked up (links, code, lists,
//! emphasis) shows as such, everything else shows as the text it is. Links stay links but never unfold
//! into embeds (`<url>`), and nothing in the text can ping anyone: `@everyone`, `@here` and mention
//! syntax are broken with an invisible space, on top of the replies' allowed mentions.

use crate::markdown::{Block, Inline, Rich};

/// A zero-width space: put after `@` or `<`, it keeps the text as it reads and stops Discord reading a
/// mention.
const BREAK: char = '\u{200b}';

/// The rich text as Discord Markdown.
pub fn render(rich: &Rich) -> String {
    let mut out = String::new();
    let mut previous: Option<&Block> = None;
    for block in &rich.blocks {
        if let Some(previous) = previous {
            let both_items = matches!(previous, Block::Item(_)) && matches!(block, Block::Item(_));
            out.push_str(if both_items { "\n" } else { "\n\n" });
        }
        match block {
            Block::Paragraph(inlines) => {
                for i in inlines {
                    inline(i, &mut out);
                }
            }
            Block::Item(inlines) => {
                out.push_str("- ");
                for i in inlines {
                    inline(i, &mut out);
                }
            }
            Block::Code(code) => {
                out.push_str("```\n");
                // A fence inside the code would end the block early.
                out.push_str(&neutralise(&code.trim_end().replace("```", "`\u{200b}``")));
                out.push_str("\n```");
            }
        }
        previous = Some(block);
    }
    out
}

fn inline(inline: &Inline, out: &mut String) {
    match inline {
        Inline::Text(text) => out.push_str(&text_with_links(text)),
        Inline::Code(code) => {
            let code = neutralise(code);
            if code.contains('`') {
                out.push_str(&format!("`` {code} ``"));
            } else {
                out.push_str(&format!("`{code}`"));
            }
        }
        Inline::Emphasis(text) => out.push_str(&format!("*{}*", escape(text))),
        Inline::Strong(text) => out.push_str(&format!("**{}**", escape(text))),
        Inline::Link { text, url } => {
            let url = url.replace('>', "%3E");
            if text.trim().is_empty() || text.trim() == url {
                out.push_str(&format!("<{url}>"));
            } else {
                let text = escape(text).replace('[', "\\[").replace(']', "\\]");
                out.push_str(&format!("[{text}](<{url}>)"));
            }
        }
    }
}

/// Plain text with its bare web addresses made links that do not unfold (`<https://...>`), the rest
/// escaped.
fn text_with_links(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(at) = find_url(rest) {
        out.push_str(&escape(&rest[..at]));
        let url_len = rest[at..]
            .find(|c: char| c.is_whitespace() || c == '<' || c == '>')
            .unwrap_or(rest.len() - at);
        let mut url = &rest[at..at + url_len];
        // Punctuation after an address ends the sentence, not the address.
        let trimmed = url.trim_end_matches(['.', ',', ';', ':', '!', '?', ')', '"', '\'']);
        let (url_part, tail) = url.split_at(trimmed.len());
        url = url_part;
        out.push_str(&format!("<{url}>"));
        out.push_str(&escape(tail));
        rest = &rest[at + url_len..];
    }
    out.push_str(&escape(rest));
    out
}

fn find_url(text: &str) -> Option<usize> {
    [text.find("https://"), text.find("http://")]
        .into_iter()
        .flatten()
        .min()
}

/// Text as itself: Discord's Markdown characters escaped, mentions broken.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(
            c,
            '\\' | '*' | '_' | '~' | '`' | '|' | '>' | '#' | '[' | ']'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    neutralise(&out)
}

/// `@everyone`, `@here`, `<@id>`, `<@&id>` and `<#id>` made harmless text.
fn neutralise(text: &str) -> String {
    text.replace("@everyone", &format!("@{BREAK}everyone"))
        .replace("@here", &format!("@{BREAK}here"))
        .replace("<@", &format!("<{BREAK}@"))
        .replace("<#", &format!("<{BREAK}#"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_stay_links_without_embeds_and_marks_survive() {
        let rich = Rich::parse(
            "Read [the *guide*](https://example.org/g) or https://example.org/x. Use `ood_portal` **now**.\n\n- a_b\n- c",
        );
        assert_eq!(
            render(&rich),
            "Read [the guide](<https://example.org/g>) or <https://example.org/x>. Use `ood_portal` **now**.\n\n- a\\_b\n- c"
        );
    }

    #[test]
    fn nobody_is_pinged_by_quoted_text() {
        let rich = Rich::parse("Hi @everyone and @here, ask <@123> or <@&456> in <#789>.");
        let text = render(&rich);
        for ping in ["@everyone", "@here", "<@1", "<@&", "<#"] {
            assert!(!text.contains(ping), "{ping} in {text}");
        }
        assert!(text.contains("@\u{200b}everyone"));
    }

    #[test]
    fn markdown_characters_in_plain_text_are_shown_as_written() {
        assert_eq!(
            escape("2*3 = 6_ ~x~ | > #1"),
            "2\\*3 = 6\\_ \\~x\\~ \\| \\> \\#1"
        );
    }
}
