//! `[report]`: the event's report, at most one. Its findings are entries of their own.

use serde::Deserialize;

use crate::knowledge::diagnostic::Origin;
use crate::knowledge::kind::{Check, Kind, Parsed, Shape, Text, only_one};
use crate::knowledge::model::Knowledge;

/// `[report]` as written.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReportEntry {
    pub title: String,
    pub summary: String,
    /// What to say before the report's summary or a finding while the event has not ended: the report is
    /// written after the event, so what it says is not yet said ("From the seminar's report, written
    /// after it:").
    pub until_over: Option<String>,
    #[serde(default)]
    pub keywords: Vec<Text>,
}

/// The report, checked.
#[derive(Debug, Clone)]
pub struct Report {
    pub title: String,
    pub summary: String,
    pub until_over: Option<String>,
    pub keywords: Vec<String>,
    pub origin: Origin,
}

impl Knowledge {
    /// The event's report, if the knowledge has one.
    pub fn report(&self) -> Option<&Report> {
        self.all::<Report>().first()
    }
}

impl Kind for Report {
    const SECTION: &'static str = "report";
    const SHAPE: Shape = Shape::Table;
    const COUNTED: [&'static str; 2] = ["report", "reports"];
    type Entry = ReportEntry;

    fn register(entries: &[Parsed<ReportEntry>], cx: &mut Check<'_>) {
        only_one(entries, cx, "a second [report]: already defined at");
    }

    /// Only the first `[report]` is checked; a second is an error already.
    fn check_all(entries: &[Parsed<ReportEntry>], cx: &mut Check<'_>) -> Vec<Report> {
        entries
            .first()
            .and_then(|p| Self::check(p, cx))
            .into_iter()
            .collect()
    }

    fn check(p: &Parsed<ReportEntry>, cx: &mut Check<'_>) -> Option<Report> {
        let f = cx.file(p.file);
        Some(Report {
            title: p.entry.title.clone(),
            summary: p.entry.summary.clone(),
            until_over: p.entry.until_over.clone(),
            keywords: cx.words(f, &p.entry.keywords, "keyword"),
            origin: Origin::new(f, &p.span),
        })
    }
}
