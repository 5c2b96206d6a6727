//! `[[supporter]]`: a funder or sponsor.

use serde::Deserialize;

use crate::knowledge::diagnostic::Origin;
use crate::knowledge::kind::{Check, Kind, Parsed, Text};
use crate::knowledge::model::Knowledge;

/// `[[supporter]]` as written.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SupporterEntry {
    pub id: Text,
    pub name: String,
    pub description: String,
    pub url: Option<Text>,
    #[serde(default)]
    pub aliases: Vec<Text>,
    #[serde(default)]
    pub keywords: Vec<Text>,
}

/// A supporter, checked.
#[derive(Debug, Clone)]
pub struct Supporter {
    pub id: String,
    pub name: String,
    pub description: String,
    pub url: Option<String>,
    pub aliases: Vec<String>,
    pub keywords: Vec<String>,
    pub origin: Origin,
}

impl Knowledge {
    /// Every supporter, in file order.
    pub fn supporters(&self) -> &[Supporter] {
        self.all()
    }
}

impl Kind for Supporter {
    const SECTION: &'static str = "supporter";
    const COUNTED: [&'static str; 2] = ["supporter", "supporters"];
    type Entry = SupporterEntry;

    fn id(entry: &SupporterEntry) -> Option<&Text> {
        Some(&entry.id)
    }

    fn keywords(entry: &SupporterEntry) -> Vec<&Text> {
        entry.keywords.iter().chain(&entry.aliases).collect()
    }

    fn check(p: &Parsed<SupporterEntry>, cx: &mut Check<'_>) -> Option<Supporter> {
        let f = cx.file(p.file);
        let s = &p.entry;
        if let Some(url) = &s.url {
            cx.link(f, url, "url");
        }
        Some(Supporter {
            id: s.id.get_ref().clone(),
            name: s.name.clone(),
            description: s.description.clone(),
            url: s.url.as_ref().map(|u| u.get_ref().clone()),
            aliases: cx.words(f, &s.aliases, "alias"),
            keywords: cx.words(f, &s.keywords, "keyword"),
            origin: Origin::new(f, &p.span),
        })
    }
}
