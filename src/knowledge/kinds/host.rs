//! `[[host]]`: an organisation that hosts or organises the event.

use serde::Deserialize;

use crate::knowledge::diagnostic::Origin;
use crate::knowledge::kind::{Check, Kind, Parsed, Text};
use crate::knowledge::model::Knowledge;

/// `[[host]]` as written.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HostEntry {
    pub id: Text,
    pub name: String,
    pub short_name: Option<String>,
    /// What the organisation is.
    pub description: String,
    pub url: Option<Text>,
    #[serde(default)]
    pub aliases: Vec<Text>,
    #[serde(default)]
    pub keywords: Vec<Text>,
}

/// A host, checked.
#[derive(Debug, Clone)]
pub struct Host {
    pub id: String,
    pub name: String,
    pub short_name: Option<String>,
    pub description: String,
    pub url: Option<String>,
    pub aliases: Vec<String>,
    pub keywords: Vec<String>,
    pub origin: Origin,
}

impl Host {
    /// "International Water Institute (IWI)", or the name alone.
    pub fn display_name(&self) -> String {
        match &self.short_name {
            Some(short) if !self.name.contains(short.as_str()) => {
                format!("{} ({short})", self.name)
            }
            _ => self.name.clone(),
        }
    }
}

impl Knowledge {
    /// Every host, in file order.
    pub fn hosts(&self) -> &[Host] {
        self.all()
    }
}

impl Kind for Host {
    const SECTION: &'static str = "host";
    const COUNTED: [&'static str; 2] = ["host", "hosts"];
    type Entry = HostEntry;

    fn id(entry: &HostEntry) -> Option<&Text> {
        Some(&entry.id)
    }

    fn keywords(entry: &HostEntry) -> Vec<&Text> {
        entry.keywords.iter().chain(&entry.aliases).collect()
    }

    fn check(p: &Parsed<HostEntry>, cx: &mut Check<'_>) -> Option<Host> {
        let f = cx.file(p.file);
        let h = &p.entry;
        if let Some(url) = &h.url {
            cx.link(f, url, "url");
        }
        Some(Host {
            id: h.id.get_ref().clone(),
            name: h.name.clone(),
            short_name: h.short_name.clone(),
            description: h.description.clone(),
            url: h.url.as_ref().map(|u| u.get_ref().clone()),
            aliases: cx.words(f, &h.aliases, "alias"),
            keywords: cx.words(f, &h.keywords, "keyword"),
            origin: Origin::new(f, &p.span),
        })
    }
}
