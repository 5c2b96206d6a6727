//! `[[initiative]]`: a project, programme or series the event belongs to, possibly within a broader one.

use serde::Deserialize;
use toml::Spanned;

use crate::knowledge::diagnostic::Origin;
use crate::knowledge::kind::{Check, EntryKind, Kind, Parsed, Text};
use crate::knowledge::model::Knowledge;

/// `[[initiative]]` as written.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct InitiativeEntry {
    pub id: Text,
    pub name: String,
    /// "project", "programme", "series", ...
    pub kind: String,
    pub description: String,
    /// A broader initiative this one is carried out within.
    pub part_of: Option<Text>,
    /// Host ids of the organisations that run it.
    #[serde(default)]
    pub run_by: Vec<Text>,
    /// Supporter ids.
    #[serde(default)]
    pub supported_by: Vec<Text>,
    #[serde(default)]
    pub aliases: Vec<Text>,
    #[serde(default)]
    pub keywords: Vec<Text>,
}

/// An initiative, checked.
#[derive(Debug, Clone)]
pub struct Initiative {
    pub id: String,
    pub name: String,
    pub kind: String,
    pub description: String,
    /// Index into the initiatives.
    pub part_of: Option<usize>,
    /// Indices into the hosts.
    pub run_by: Vec<usize>,
    /// Indices into the supporters.
    pub supported_by: Vec<usize>,
    pub aliases: Vec<String>,
    pub keywords: Vec<String>,
    pub origin: Origin,
}

impl Knowledge {
    /// Every initiative, in file order.
    pub fn initiatives(&self) -> &[Initiative] {
        self.all()
    }
}

const HOST: EntryKind = EntryKind::named("host");
const SUPPORTER: EntryKind = EntryKind::named("supporter");

impl Kind for Initiative {
    const SECTION: &'static str = "initiative";
    const COUNTED: [&'static str; 2] = ["initiative", "initiatives"];
    type Entry = InitiativeEntry;

    fn id(entry: &InitiativeEntry) -> Option<&Text> {
        Some(&entry.id)
    }

    fn keywords(entry: &InitiativeEntry) -> Vec<&Text> {
        entry.keywords.iter().chain(&entry.aliases).collect()
    }

    fn check(p: &Parsed<InitiativeEntry>, cx: &mut Check<'_>) -> Option<Initiative> {
        let f = cx.file(p.file);
        let i = &p.entry;
        Some(Initiative {
            id: i.id.get_ref().clone(),
            name: i.name.clone(),
            kind: i.kind.clone(),
            description: i.description.clone(),
            part_of: i
                .part_of
                .as_ref()
                .and_then(|r| cx.resolve(f, r, Self::KIND)),
            run_by: cx.resolve_all(f, &i.run_by, HOST),
            supported_by: cx.resolve_all(f, &i.supported_by, SUPPORTER),
            aliases: cx.words(f, &i.aliases, "alias"),
            keywords: cx.words(f, &i.keywords, "keyword"),
            origin: Origin::new(f, &p.span),
        })
    }

    /// Each on its own, then: an initiative must not be part of itself, directly or through others.
    fn check_all(entries: &[Parsed<InitiativeEntry>], cx: &mut Check<'_>) -> Vec<Initiative> {
        let initiatives: Vec<Initiative> =
            entries.iter().filter_map(|p| Self::check(p, cx)).collect();
        for (start, p) in entries.iter().enumerate() {
            let mut current = initiatives[start].part_of;
            let mut steps = 0;
            while let Some(next) = current {
                if next == start {
                    let span = p
                        .entry
                        .part_of
                        .as_ref()
                        .map_or_else(|| p.span.clone(), Spanned::span);
                    cx.error(
                        cx.file(p.file),
                        &span,
                        format!("initiative `{}` is part of itself", initiatives[start].id),
                    );
                    break;
                }
                steps += 1;
                if steps > initiatives.len() {
                    break;
                }
                current = initiatives[next].part_of;
            }
        }
        initiatives
    }
}
