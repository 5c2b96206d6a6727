//! Long text from an event's sources (abstracts, descriptions, biographies), which exports write in
//! Markdown: read into a small structure ([`Rich`]) that every adapter renders its own way, so no raw
//! Markdown reaches a participant. The terminal and the plain answer text get [`Rich::plain`]; Discord
//! renders the same structure as Discord Markdown in its adapter.
//!
//! Answers show a short summary ([`Rich::summary`]: the first sentences, cut on a sentence or word
//! boundary) and keep the rest for when it is asked for.

use pulldown_cmark::{CodeBlockKind, Event, Options, Parser, Tag, TagEnd};

/// How long a summary in an answer may be, in characters: two or three sentences, short enough to read
/// in a chat message beside the session's time, room and speakers.
pub const SUMMARY_LENGTH: usize = 400;

/// Text with the structure its Markdown gave it: paragraphs, list items and code blocks of inline
/// pieces.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Rich {
    pub blocks: Vec<Block>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    Paragraph(Vec<Inline>),
    /// An item of a list (nested lists are flattened into items).
    Item(Vec<Inline>),
    /// Preformatted text, shown as it is.
    Code(String),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Inline {
    Text(String),
    Code(String),
    Emphasis(String),
    Strong(String),
    /// A link to an http(s) or mailto address; links to anything else keep only their text.
    Link {
        text: String,
        url: String,
    },
}

impl Inline {
    /// The inline as plain text: a link as "text (address)", or the address alone when that is its
    /// text.
    fn plain(&self, out: &mut String) {
        match self {
            Inline::Text(t) | Inline::Code(t) | Inline::Emphasis(t) | Inline::Strong(t) => {
                out.push_str(t);
            }
            Inline::Link { text, url } => {
                if text.trim().is_empty() || text.trim() == url {
                    out.push_str(url);
                } else {
                    out.push_str(&format!("{text} ({url})"));
                }
            }
        }
    }

    fn plain_len(&self) -> usize {
        let mut s = String::new();
        self.plain(&mut s);
        s.chars().count()
    }
}

impl Rich {
    /// Markdown read into its structure. Raw HTML is dropped, images keep their description, and
    /// anything that is not Markdown reads as the text it is.
    pub fn parse(markdown: &str) -> Rich {
        let mut reader = Reader::default();
        let options = Options::ENABLE_STRIKETHROUGH | Options::ENABLE_TABLES;
        for event in Parser::new_ext(markdown, options) {
            reader.event(event);
        }
        reader.flush();
        Rich {
            blocks: reader.blocks,
        }
    }

    /// Plain text, written by the program (not read as Markdown): one paragraph.
    pub fn text(text: impl Into<String>) -> Rich {
        let text = text.into();
        if text.is_empty() {
            return Rich::default();
        }
        Rich {
            blocks: vec![Block::Paragraph(vec![Inline::Text(text)])],
        }
    }

    pub fn is_empty(&self) -> bool {
        self.blocks.is_empty()
    }

    /// Appends plain text to the last paragraph (or starts one).
    pub fn push_text(&mut self, text: &str) {
        self.push_inline(Inline::Text(text.to_string()));
    }

    /// Appends inline pieces to the last paragraph (or starts one).
    pub fn push_inlines(&mut self, inlines: impl IntoIterator<Item = Inline>) {
        for inline in inlines {
            self.push_inline(inline);
        }
    }

    fn push_inline(&mut self, inline: Inline) {
        match self.blocks.last_mut() {
            Some(Block::Paragraph(inlines)) => push_merged(inlines, inline),
            _ => self.blocks.push(Block::Paragraph(vec![inline])),
        }
    }

    /// Appends `other`: its first paragraph continues this one's last, the rest follow as they are.
    pub fn append_inline(&mut self, other: Rich) {
        let mut blocks = other.blocks.into_iter();
        match blocks.next() {
            Some(Block::Paragraph(inlines)) => self.push_inlines(inlines),
            Some(block) => self.blocks.push(block),
            None => {}
        }
        self.blocks.extend(blocks);
    }

    /// Appends `other`'s blocks after this one's.
    pub fn append_blocks(&mut self, other: Rich) {
        self.blocks.extend(other.blocks);
    }

    /// Plain text: paragraphs apart by a blank line, list items one a line after "- ".
    pub fn plain(&self) -> String {
        let mut out = String::new();
        let mut previous: Option<&Block> = None;
        for block in &self.blocks {
            if let Some(previous) = previous {
                let both_items =
                    matches!(previous, Block::Item(_)) && matches!(block, Block::Item(_));
                out.push_str(if both_items { "\n" } else { "\n\n" });
            }
            match block {
                Block::Paragraph(inlines) => {
                    for i in inlines {
                        i.plain(&mut out);
                    }
                }
                Block::Item(inlines) => {
                    out.push_str("- ");
                    for i in inlines {
                        i.plain(&mut out);
                    }
                }
                Block::Code(code) => out.push_str(code.trim_end()),
            }
            previous = Some(block);
        }
        out
    }

    /// The first sentences, at most `max` characters as plain text, and whether anything was left out.
    /// Whole paragraphs are kept while they fit; a paragraph that does not is cut after its last
    /// sentence that fits, or failing that after its last word that fits (with "…"). A link or code
    /// span is never cut in two.
    pub fn summary(&self, max: usize) -> (Rich, bool) {
        let mut kept: Vec<Block> = Vec::new();
        let mut used = 0;
        for (index, block) in self.blocks.iter().enumerate() {
            let separator = if kept.is_empty() { 0 } else { 2 };
            let length = block_len(block);
            if used + separator + length <= max {
                kept.push(block.clone());
                used += separator + length;
                continue;
            }
            // The first block that does not fit is cut, unless something is kept already.
            if kept.is_empty()
                && let Some(cut) = cut_block(block, max)
            {
                kept.push(cut);
            }
            let _ = index;
            return (Rich { blocks: kept }, true);
        }
        (Rich { blocks: kept }, false)
    }
}

fn block_len(block: &Block) -> usize {
    match block {
        Block::Paragraph(inlines) => inlines.iter().map(Inline::plain_len).sum(),
        Block::Item(inlines) => 2 + inlines.iter().map(Inline::plain_len).sum::<usize>(),
        Block::Code(code) => code.trim_end().chars().count(),
    }
}

/// A paragraph or item cut to at most `max` characters; a code block is not cut but left out.
fn cut_block(block: &Block, max: usize) -> Option<Block> {
    type Wrap = fn(Vec<Inline>) -> Block;
    let (inlines, wrap): (&[Inline], Wrap) = match block {
        Block::Paragraph(inlines) => (inlines, Block::Paragraph),
        Block::Item(inlines) => (inlines, Block::Item),
        Block::Code(_) => return None,
    };
    // The best cut so far: after a sentence, and after a word.
    let mut sentence: Option<Vec<Inline>> = None;
    let mut word: Option<Vec<Inline>> = None;
    let mut used = 0;
    for (i, inline) in inlines.iter().enumerate() {
        if let Inline::Text(text) = inline {
            for (at, ch) in text.char_indices() {
                let position = used + text[..at].chars().count();
                if position > max {
                    break;
                }
                if ch.is_whitespace() {
                    let before = &text[..at];
                    let mut kept = inlines[..i].to_vec();
                    kept.push(Inline::Text(before.trim_end().to_string()));
                    if ends_sentence(before) {
                        sentence = Some(kept.clone());
                    }
                    if !before.trim().is_empty() || i > 0 {
                        word = Some(kept);
                    }
                }
            }
        } else if used + inline.plain_len() < max {
            let kept = inlines[..=i].to_vec();
            word = Some(kept);
        }
        used += inline.plain_len();
        if used >= max {
            break;
        }
    }
    if let Some(kept) = sentence {
        return Some(wrap(kept));
    }
    let mut kept = word?;
    match kept.last_mut() {
        Some(Inline::Text(text)) => {
            let trimmed = text.trim_end_matches([',', ';', ':', '-', ' ']).to_string();
            *text = format!("{trimmed}\u{2026}");
        }
        _ => kept.push(Inline::Text("\u{2026}".to_string())),
    }
    Some(wrap(kept))
}

/// Whether text ends a sentence: a full stop, question or exclamation mark (perhaps inside closing
/// quotes or brackets), not after an abbreviation such as "e.g." or a single initial.
fn ends_sentence(text: &str) -> bool {
    // Words that end in a full stop without ending a sentence.
    const TITLES: [&str; 8] = ["dr", "mr", "mrs", "ms", "prof", "st", "vs", "etc"];
    let trimmed = text.trim_end_matches(['"', '\'', ')', '\u{201d}', '\u{2019}']);
    let Some(last) = trimmed.chars().last() else {
        return false;
    };
    if last == '!' || last == '?' {
        return true;
    }
    if last != '.' {
        return false;
    }
    let word = trimmed
        .rsplit(char::is_whitespace)
        .next()
        .unwrap_or_default()
        .trim_start_matches(['(', '"', '\'']);
    let stem = word.trim_end_matches('.');
    // "e.g.", "i.e.", "U.S.": dots inside the word; "A." an initial; "Dr." a short title.
    !(stem.contains('.')
        || stem.chars().count() == 1
        || TITLES.contains(&stem.to_lowercase().as_str()))
}

/// Appends an inline, joining it to the one before when both are plain text.
fn push_merged(inlines: &mut Vec<Inline>, inline: Inline) {
    if let (Some(Inline::Text(last)), Inline::Text(text)) = (inlines.last_mut(), &inline) {
        last.push_str(text);
    } else {
        inlines.push(inline);
    }
}

/// Builds blocks from pulldown-cmark's events.
#[derive(Default)]
struct Reader {
    blocks: Vec<Block>,
    inlines: Vec<Inline>,
    /// Inside a list item whose first paragraph has not been written yet.
    item: bool,
    /// Inside emphasis or strong text, how deep.
    emphasis: usize,
    strong: usize,
    /// Inside a link: its address and the text so far.
    link: Option<(String, String)>,
    /// Inside a code block: its text so far.
    code: Option<String>,
}

impl Reader {
    fn event(&mut self, event: Event<'_>) {
        if let Some(code) = &mut self.code {
            match event {
                Event::Text(t) => code.push_str(&t),
                Event::End(TagEnd::CodeBlock) => {
                    let code = self.code.take().unwrap_or_default();
                    self.blocks.push(Block::Code(code));
                }
                _ => {}
            }
            return;
        }
        match event {
            Event::Start(Tag::Item) => {
                self.flush();
                self.item = true;
            }
            Event::Start(Tag::CodeBlock(kind)) => {
                self.flush();
                let _ = matches!(kind, CodeBlockKind::Fenced(_));
                self.code = Some(String::new());
            }
            Event::Start(Tag::Emphasis) => self.emphasis += 1,
            Event::End(TagEnd::Emphasis) => self.emphasis = self.emphasis.saturating_sub(1),
            Event::Start(Tag::Strong) => self.strong += 1,
            Event::End(TagEnd::Strong) => self.strong = self.strong.saturating_sub(1),
            Event::Start(Tag::Link { dest_url, .. }) => {
                self.link = Some((dest_url.to_string(), String::new()));
            }
            Event::End(TagEnd::Link) => {
                if let Some((url, text)) = self.link.take() {
                    let linkable = ["https://", "http://", "mailto:"]
                        .iter()
                        .any(|scheme| url.starts_with(scheme));
                    if linkable {
                        self.inlines.push(Inline::Link { text, url });
                    } else {
                        self.text(&text);
                    }
                }
            }
            Event::Start(Tag::List(_))
            | Event::End(
                TagEnd::Item
                | TagEnd::Paragraph
                | TagEnd::Heading(_)
                | TagEnd::BlockQuote(_)
                | TagEnd::TableRow
                | TagEnd::TableHead
                | TagEnd::List(_),
            )
            | Event::Rule => self.flush(),
            Event::End(TagEnd::TableCell) | Event::SoftBreak | Event::HardBreak => self.text(" "),
            // Maths reads as its text; raw HTML is dropped (it is not for participants).
            Event::Text(t) | Event::InlineMath(t) | Event::DisplayMath(t) => self.text(&t),
            Event::Code(t) => {
                if let Some((_, text)) = &mut self.link {
                    text.push_str(&t);
                } else {
                    self.inlines.push(Inline::Code(t.to_string()));
                }
            }
            Event::TaskListMarker(done) => self.text(if done { "[x] " } else { "[ ] " }),
            _ => {}
        }
    }

    fn text(&mut self, text: &str) {
        if let Some((_, link_text)) = &mut self.link {
            link_text.push_str(text);
        } else if self.strong > 0 {
            self.inlines.push(Inline::Strong(text.to_string()));
        } else if self.emphasis > 0 {
            self.inlines.push(Inline::Emphasis(text.to_string()));
        } else {
            push_merged(&mut self.inlines, Inline::Text(text.to_string()));
        }
    }

    /// Ends the block being read, if it has any text.
    fn flush(&mut self) {
        let mut inlines = std::mem::take(&mut self.inlines);
        // Leading and trailing spaces of a block are layout, not text.
        if let Some(Inline::Text(first)) = inlines.first_mut() {
            *first = first.trim_start().to_string();
        }
        if let Some(Inline::Text(last)) = inlines.last_mut() {
            *last = last.trim_end().to_string();
        }
        inlines.retain(|i| !matches!(i, Inline::Text(t) if t.is_empty()));
        if inlines.is_empty() {
            return;
        }
        if self.item {
            self.blocks.push(Block::Item(inlines));
            self.item = false;
        } else {
            self.blocks.push(Block::Paragraph(inlines));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_reads_as_plain_text_without_its_marks() {
        let rich = Rich::parse(
            "Install **Open OnDemand** with `ood-portal`, see [the docs](https://example.org/docs).\n\n\
             - one\n- two *items*\n\n<b>raw</b> html and ![a diagram](https://example.org/a.png)",
        );
        assert_eq!(
            rich.plain(),
            "Install Open OnDemand with ood-portal, see the docs (https://example.org/docs).\n\n\
             - one\n- two items\n\nraw html and a diagram"
        );
    }

    #[test]
    fn a_link_to_anything_but_the_web_or_mail_keeps_only_its_text() {
        let rich = Rich::parse("[click](javascript:alert(1)) and [mail](mailto:a@example.org)");
        assert_eq!(
            rich.blocks,
            [Block::Paragraph(vec![
                Inline::Text("click and ".into()),
                Inline::Link {
                    text: "mail".into(),
                    url: "mailto:a@example.org".into()
                },
            ])]
        );
    }

    #[test]
    fn a_short_text_is_its_own_summary() {
        let rich = Rich::parse("One sentence. Two sentences.");
        assert_eq!(rich.summary(100), (rich.clone(), false));
    }

    #[test]
    fn a_summary_is_cut_after_the_last_sentence_that_fits() {
        let rich = Rich::parse(
            "This tutorial installs it, e.g. on a laptop. Dr. Smith explains why. Then a third sentence follows.",
        );
        let (short, cut) = rich.summary(70);
        assert!(cut);
        assert_eq!(
            short.plain(),
            "This tutorial installs it, e.g. on a laptop. Dr. Smith explains why."
        );
    }

    #[test]
    fn without_a_sentence_end_a_summary_is_cut_after_a_word() {
        let rich = Rich::parse("a very long sentence without any full stop in it at all");
        let (short, cut) = rich.summary(20);
        assert!(cut);
        assert_eq!(short.plain(), "a very long sentence\u{2026}");
    }

    #[test]
    fn whole_paragraphs_are_kept_while_they_fit() {
        let rich =
            Rich::parse("First paragraph.\n\nSecond one.\n\nA third paragraph that is long.");
        let (short, cut) = rich.summary(35);
        assert!(cut);
        assert_eq!(short.plain(), "First paragraph.\n\nSecond one.");
    }

    #[test]
    fn a_link_is_never_cut_in_two() {
        let rich =
            Rich::parse("See [the documentation site](https://example.org/a/long/path) for more");
        let (short, _) = rich.summary(30);
        assert_eq!(short.plain(), "See\u{2026}");
    }
}
