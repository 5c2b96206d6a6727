//! A small XML element tree that remembers where each element starts, so an importer can say
//! `line:col` about any element it refuses, not only about syntax errors.

use quick_xml::XmlVersion;
use quick_xml::escape::resolve_predefined_entity;
use quick_xml::events::{BytesStart, Event};
use quick_xml::reader::Reader;

use super::{Place, Problem};

#[derive(Debug, Clone)]
pub struct Element {
    pub name: String,
    pub attributes: Vec<(String, String)>,
    pub children: Vec<Element>,
    /// The element's own text (text, CDATA and entity references, joined), not its children's.
    pub text: String,
    /// The byte offset of the element's `<`.
    pub offset: usize,
}

impl Element {
    pub fn attribute(&self, name: &str) -> Option<&str> {
        self.attributes
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    pub fn child(&self, name: &str) -> Option<&Element> {
        self.children.iter().find(|c| c.name == name)
    }

    pub fn children_named<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a Element> + 'a {
        self.children.iter().filter(move |c| c.name == name)
    }

    /// The text of the first child called `name`, if there is one.
    pub fn child_text(&self, name: &str) -> Option<&str> {
        self.child(name).map(|c| c.text.as_str())
    }
}

/// The line and column (both from 1, the column in characters) of a byte offset in `text`.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let before = &text.as_bytes()[..offset];
    let line = before.split(|&b| b == b'\n').count();
    let line_start = before
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |p| p + 1);
    let column = String::from_utf8_lossy(&before[line_start..])
        .chars()
        .count()
        + 1;
    (line, column)
}

/// A problem at a byte offset of `text`.
pub fn problem_at(text: &str, offset: usize, message: impl Into<String>) -> Problem {
    let (line, col) = line_col(text, offset);
    Problem {
        place: Place::Xml { line, col },
        message: message.into(),
    }
}

/// Parses `text` into its root element. Syntax errors, mismatched or unclosed tags, and unknown entities
/// are problems at the place they were found.
pub fn parse(text: &str) -> Result<Element, Problem> {
    let mut reader = Reader::from_str(text);
    reader.config_mut().check_end_names = true;
    let mut open: Vec<Element> = Vec::new();
    let mut root: Option<Element> = None;
    loop {
        let offset = usize::try_from(reader.buffer_position()).unwrap_or(usize::MAX);
        let event = reader.read_event().map_err(|err| {
            let at = usize::try_from(reader.error_position()).unwrap_or(usize::MAX);
            problem_at(text, at, format!("not well-formed XML: {err}"))
        })?;
        match event {
            Event::Start(start) => open.push(element(text, &start, offset)?),
            Event::Empty(start) => {
                let done = element(text, &start, offset)?;
                close(text, &mut open, &mut root, done)?;
            }
            Event::End(_) => {
                let done = open
                    .pop()
                    .expect("quick-xml checks end tags against open ones");
                close(text, &mut open, &mut root, done)?;
            }
            Event::Text(t) => {
                let content = t
                    .xml10_content()
                    .map_err(|err| problem_at(text, offset, format!("unreadable text: {err}")))?;
                append_text(text, &mut open, &content, offset)?;
            }
            Event::CData(t) => {
                let content = t
                    .decode()
                    .map_err(|err| problem_at(text, offset, format!("unreadable CDATA: {err}")))?;
                append_text(text, &mut open, &content, offset)?;
            }
            Event::GeneralRef(r) => {
                let resolved = match r.resolve_char_ref() {
                    Ok(Some(c)) => c.to_string(),
                    Ok(None) => {
                        let name = r.decode().unwrap_or_default();
                        resolve_predefined_entity(&name)
                            .ok_or_else(|| {
                                problem_at(text, offset, format!("unknown entity &{name};"))
                            })?
                            .to_string()
                    }
                    Err(err) => {
                        return Err(problem_at(
                            text,
                            offset,
                            format!("bad character reference: {err}"),
                        ));
                    }
                };
                append_text(text, &mut open, &resolved, offset)?;
            }
            Event::Eof => break,
            Event::Comment(_) | Event::Decl(_) | Event::PI(_) | Event::DocType(_) => {}
        }
    }
    if let Some(unclosed) = open.last() {
        return Err(problem_at(
            text,
            text.len(),
            format!(
                "the file ends inside <{}> (opened at line {}), so it is cut short",
                unclosed.name,
                line_col(text, unclosed.offset).0
            ),
        ));
    }
    root.ok_or_else(|| problem_at(text, text.len(), "the file has no XML element"))
}

fn element(text: &str, start: &BytesStart, offset: usize) -> Result<Element, Problem> {
    let name = String::from_utf8_lossy(start.name().as_ref()).into_owned();
    let mut attributes = Vec::new();
    for attribute in start.attributes() {
        let attribute = attribute
            .map_err(|err| problem_at(text, offset, format!("bad attribute in <{name}>: {err}")))?;
        let key = String::from_utf8_lossy(attribute.key.as_ref()).into_owned();
        let value = attribute
            .normalized_value(XmlVersion::Implicit1_0)
            .map_err(|err| {
                problem_at(
                    text,
                    offset,
                    format!("bad attribute `{key}` in <{name}>: {err}"),
                )
            })?
            .into_owned();
        attributes.push((key, value));
    }
    Ok(Element {
        name,
        attributes,
        children: Vec::new(),
        text: String::new(),
        offset,
    })
}

fn close(
    text: &str,
    open: &mut [Element],
    root: &mut Option<Element>,
    done: Element,
) -> Result<(), Problem> {
    match open.last_mut() {
        Some(parent) => parent.children.push(done),
        None if root.is_none() => *root = Some(done),
        None => {
            return Err(problem_at(
                text,
                done.offset,
                format!("a second root element <{}> after the first", done.name),
            ));
        }
    }
    Ok(())
}

fn append_text(
    text: &str,
    open: &mut [Element],
    content: &str,
    offset: usize,
) -> Result<(), Problem> {
    match open.last_mut() {
        Some(current) => current.text.push_str(content),
        None if content.trim().is_empty() => {}
        None => return Err(problem_at(text, offset, "text outside the root element")),
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn elements_know_their_line_and_column() {
        let text = "<a>\n  <b x=\"1 &amp; 2\">one &lt; two</b>\n  <c/>\n</a>";
        let root = parse(text).unwrap();
        let b = root.child("b").unwrap();
        assert_eq!(b.attribute("x"), Some("1 & 2"));
        assert_eq!(b.text, "one < two");
        assert_eq!(line_col(text, b.offset), (2, 3));
        assert_eq!(line_col(text, root.child("c").unwrap().offset), (3, 3));
    }

    #[test]
    fn a_cut_file_is_an_error_at_its_end() {
        let err = parse("<a>\n<b>text</b>\n<c>").unwrap_err();
        assert_eq!(err.place, Place::Xml { line: 3, col: 4 });
        assert!(err.message.contains("ends inside <c>"), "{}", err.message);
    }

    #[test]
    fn mismatched_tags_are_errors() {
        let err = parse("<a>\n<b></c>\n</a>").unwrap_err();
        assert!(
            matches!(err.place, Place::Xml { line: 2, .. }),
            "{:?}",
            err.place
        );
    }
}
