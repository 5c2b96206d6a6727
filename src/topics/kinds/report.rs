//! The report: its summary and the list of its findings.

use crate::knowledge::{Knowledge, Report};
use crate::lexicon::{Intent, Lexicon};
use crate::topics::builder::{Builder, FACET, KEYWORD, MENTION, QUANTITY, RELATED};
use crate::topics::prose::LIST_LIMIT;
use crate::topics::time::Phase;
use crate::topics::told::Told;
use crate::topics::topic::{Subject, Topic};
use crate::topics::writer::{Rendered, Writer};

use super::event::about;

impl Told for Report {
    /// The report as a whole, with its findings: "what did they conclude", "how many findings".
    fn facets(k: &Knowledge, lexicon: &Lexicon, out: &mut Vec<Topic>) {
        let Some(report) = k.report() else {
            return;
        };
        out.push(Topic {
            key: "event.report".into(),
            label: "Report and key findings".into(),
            subject: Subject::facet(report_answer),
            entry: None,
            fields: Builder::new(lexicon)
                .name(&report.title)
                .add_all(&report.keywords, KEYWORD)
                .add(&report.summary, MENTION)
                .add(&k.findings().len().to_string(), RELATED)
                .facet("report", FACET)
                .fields(),
            intents: vec![(Intent::Count, QUANTITY)],
            origin: report.origin.clone(),
        });
    }
}

/// The summary, then the findings numbered, up to twice [`LIST_LIMIT`].
fn report_answer(w: &Writer<'_>, _: usize) -> Rendered {
    let Some(report) = w.k.report() else {
        return about(w, 0);
    };
    let findings = w.k.findings();
    let mut text = report.summary.clone();
    if let Some(note) = until_over(w) {
        text = format!("{note} {text}");
    }
    if !findings.is_empty() {
        text.push_str("\nKey findings:");
        for (n, f) in findings.iter().enumerate().take(LIST_LIMIT * 2) {
            text.push_str(&format!("\n{}. {}", n + 1, f.title));
        }
        if findings.len() > LIST_LIMIT * 2 {
            text.push_str(&format!(
                "\n... and {} more.",
                findings.len() - LIST_LIMIT * 2
            ));
        }
    }
    Rendered::plain(report.title.clone(), text, &report.origin)
}

/// What the knowledge says before the report's words while the event has not ended, if it says anything:
/// the report is written after the event.
pub(super) fn until_over<'w>(w: &Writer<'w>) -> Option<&'w str> {
    if w.phase == Phase::After {
        return None;
    }
    w.k.report()?.until_over.as_deref()
}
