//! The texts a topic is matched by, and how much each counts: a keyword counts more than a word in a
//! long summary.

use crate::lexicon::Lexicon;

use super::topic::{Extent, Field};

/// Field weights: how much a question word matching each kind of text counts.
pub const NAME: f32 = 1.0;
pub const KEYWORD: f32 = 1.0;
pub const THEME: f32 = 0.9;
pub const FACET: f32 = 0.9;
pub const RELATED: f32 = 0.6;
pub const BODY: f32 = 0.6;
pub const MENTION: f32 = 0.4;

/// How much a list topic (programme, speakers, report) answers "how many": half, since it answers with
/// a count only when the question also names what is counted ("how many parts").
pub const QUANTITY: f32 = 0.5;

/// The most sessions whose titles the programme topic itself is matched by; beyond this a question names
/// a session directly, and listing every title would make the programme match everything.
pub const PROGRAMME_TITLES: usize = 30;

/// A text of more words than this is prose (an abstract, a bio): see [`Extent::Prose`]. Titles, names and
/// keywords are shorter; a one-line summary ("Coffee and cake in the foyer") is short enough to count as
/// what the entry is.
pub const PROSE_WORDS: usize = 20;

/// The texts a topic is matched by, added one kind of text at a time.
pub struct Builder<'a> {
    lexicon: &'a Lexicon,
    fields: Vec<Field>,
}

impl<'a> Builder<'a> {
    pub fn new(lexicon: &'a Lexicon) -> Self {
        Builder {
            lexicon,
            fields: Vec::new(),
        }
    }

    pub fn add(mut self, text: &str, weight: f32) -> Self {
        if !text.trim().is_empty() {
            self.fields.push(Field {
                text: text.to_string(),
                weight,
                asks: 0.0,
                identity: false,
                facet: false,
                // Counting stops at the first word past the limit: an abstract may have hundreds.
                extent: if text.split_whitespace().nth(PROSE_WORDS).is_some() {
                    Extent::Prose
                } else {
                    Extent::Short
                },
            });
        }
        self
    }

    /// Text that names the topic itself.
    pub fn name(mut self, text: &str) -> Self {
        self = self.add(text, NAME);
        if let Some(last) = self.fields.last_mut() {
            // Text that names the topic is never prose, however long the name.
            last.identity = true;
            last.extent = Extent::Short;
        }
        self
    }

    pub fn names(mut self, texts: &[String]) -> Self {
        for text in texts {
            self = self.name(text);
        }
        self
    }

    pub fn name_opt(self, text: Option<&String>) -> Self {
        match text {
            Some(text) => self.name(text),
            None => self,
        }
    }

    /// A question the topic answers: its question words become the topic's intents.
    pub fn question(mut self, text: &str) -> Self {
        self = self.name(text);
        if let Some(last) = self.fields.last_mut() {
            last.asks = 1.0;
        }
        self
    }

    /// Words people ask with ("how many people"): matched like keywords, and their question words become
    /// the topic's intents as much as a list's count is ([`QUANTITY`]), so that "how many" asks this
    /// topic as much as the lists that count, and the other words decide between them.
    pub fn asked_with(mut self, texts: &[String], weight: f32) -> Self {
        for text in texts {
            self = self.add(text, weight);
            if let Some(last) = self.fields.last_mut() {
                last.asks = QUANTITY;
            }
        }
        self
    }

    pub fn add_opt(self, text: Option<&String>, weight: f32) -> Self {
        match text {
            Some(text) => self.add(text, weight),
            None => self,
        }
    }

    pub fn add_all(mut self, texts: &[String], weight: f32) -> Self {
        for text in texts {
            self = self.add(text, weight);
        }
        self
    }

    /// Texts every topic of its kind has (see [`Extent::Shared`]).
    pub fn shared(mut self, texts: &[String], weight: f32) -> Self {
        let from = self.fields.len();
        self = self.add_all(texts, weight);
        for field in &mut self.fields[from..] {
            field.extent = Extent::Shared;
        }
        self
    }

    pub fn facet(mut self, name: &str, weight: f32) -> Self {
        let from = self.fields.len();
        let words = self.lexicon.facet(name);
        self = self.add_all(words, weight);
        for field in &mut self.fields[from..] {
            field.facet = true;
        }
        self
    }

    /// The texts added.
    pub fn fields(self) -> Vec<Field> {
        self.fields
    }
}

impl Field {
    /// Whether the text is what the topic says (a description, an answer, a finding's text), not a name
    /// it goes by, a keyword a maintainer asks it by, or a word of its facet. Here beside the weights
    /// that tell them apart.
    pub fn is_said(&self) -> bool {
        !self.facet && !self.identity && self.weight < KEYWORD
    }
}
