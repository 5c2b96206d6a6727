//! `[[finding]]`: one finding of the report, possibly from one session; a session lists the findings that
//! came out of it.

use serde::Deserialize;

use super::session::Session;
use crate::knowledge::diagnostic::Origin;
use crate::knowledge::kind::{Check, Kind, Parsed, Text};
use crate::knowledge::model::Knowledge;

/// `[[finding]]` as written.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FindingEntry {
    pub id: Text,
    pub title: String,
    pub text: String,
    /// The session the finding came out of.
    pub session: Option<Text>,
    #[serde(default)]
    pub keywords: Vec<Text>,
}

/// A finding, checked.
#[derive(Debug, Clone)]
pub struct Finding {
    pub id: String,
    pub title: String,
    pub text: String,
    /// Index into the sessions.
    pub session: Option<usize>,
    pub keywords: Vec<String>,
    pub origin: Origin,
}

impl Knowledge {
    /// Every finding, in file order.
    pub fn findings(&self) -> &[Finding] {
        self.all()
    }
}

impl Kind for Finding {
    const SECTION: &'static str = "finding";
    const COUNTED: [&'static str; 2] = ["finding", "findings"];
    type Entry = FindingEntry;

    fn id(entry: &FindingEntry) -> Option<&Text> {
        Some(&entry.id)
    }

    fn keywords(entry: &FindingEntry) -> Vec<&Text> {
        entry.keywords.iter().collect()
    }

    fn check(p: &Parsed<FindingEntry>, cx: &mut Check<'_>) -> Option<Finding> {
        let f = cx.file(p.file);
        let x = &p.entry;
        Some(Finding {
            id: x.id.get_ref().clone(),
            title: x.title.clone(),
            text: x.text.clone(),
            session: x
                .session
                .as_ref()
                .and_then(|r| cx.resolve(f, r, Session::KIND)),
            keywords: cx.words(f, &x.keywords, "keyword"),
            origin: Origin::new(f, &p.span),
        })
    }

    /// Each on its own, then listed in the session each came out of (sessions are checked before).
    fn check_all(entries: &[Parsed<FindingEntry>], cx: &mut Check<'_>) -> Vec<Finding> {
        let findings: Vec<Finding> = entries.iter().filter_map(|p| Self::check(p, cx)).collect();
        let sessions = cx.checked.get_mut::<Session>();
        for (fi, finding) in findings.iter().enumerate() {
            if let Some(si) = finding.session {
                sessions[si].findings.push(fi);
            }
        }
        findings
    }
}
