//! Hosts: the event's hosts as a whole, and each host.

use crate::knowledge::{Host, Kind, Knowledge};
use crate::lexicon::{Intent, Lexicon};
use crate::topics::builder::{BODY, Builder, FACET, KEYWORD, QUANTITY, RELATED};
use crate::topics::prose::{and_list, count_words};
use crate::topics::told::{Precedence, Told};
use crate::topics::topic::{Subject, Topic};
use crate::topics::writer::{Rendered, Writer};

impl Told for Host {
    const PRECEDENCE: Precedence = Precedence::Organisation;

    /// "Who hosted it": the event's hosts together. The count is a term too: "which two institutions
    /// hosted it".
    fn facets(k: &Knowledge, lexicon: &Lexicon, out: &mut Vec<Topic>) {
        let event = &k.event;
        if event.hosts.is_empty() {
            return;
        }
        let mut b = Builder::new(lexicon)
            .facet("hosts", FACET)
            .add(&event.hosts.len().to_string(), RELATED);
        for &h in &event.hosts {
            let host = &k.hosts()[h];
            b = b
                .add(&host.name, RELATED)
                .add_opt(host.short_name.as_ref(), RELATED)
                .add_all(&host.aliases, RELATED);
        }
        out.push(Topic {
            key: crate::topics::HOSTS.into(),
            label: "Hosts".into(),
            subject: Subject::facet(hosts),
            entry: None,
            fields: b.fields(),
            // The answer names how many hosts there are, so it answers "how many organisers?" too.
            intents: vec![(Intent::Who, 1.0), (Intent::Count, QUANTITY)],
            origin: event.origin.clone(),
        });
    }

    fn topics(k: &Knowledge, lexicon: &Lexicon, out: &mut Vec<Topic>) {
        for (i, h) in k.hosts().iter().enumerate() {
            out.push(Topic {
                key: format!("host.{}", h.id),
                label: h.display_name(),
                subject: Subject::entry(host, i),
                entry: Some(Host::KIND),
                fields: Builder::new(lexicon)
                    .name(&h.name)
                    .name_opt(h.short_name.as_ref())
                    .names(&h.aliases)
                    .add_all(&h.keywords, KEYWORD)
                    .add(&h.description, BODY)
                    .facet("host", FACET)
                    .fields(),
                intents: vec![(Intent::Who, 0.8)],
                origin: h.origin.clone(),
            });
        }
    }
}

/// "The expert seminar was hosted by two organisations: A and B."
fn hosts(w: &Writer<'_>, _: usize) -> Rendered {
    let e = &w.k.event;
    let names: Vec<String> = e
        .hosts
        .iter()
        .map(|&h| w.k.hosts()[h].display_name())
        .collect();
    let text = format!(
        "{} {} hosted by {} {}: {}.",
        w.event_subject(),
        w.was_or_is(),
        count_words(names.len()),
        if names.len() == 1 {
            "organisation"
        } else {
            "organisations"
        },
        and_list(&names)
    );
    Rendered::plain("Hosts".to_string(), text, &e.origin)
}

/// What the host is, and its website.
fn host(w: &Writer<'_>, i: usize) -> Rendered {
    let h = &w.k.hosts()[i];
    let mut text = h.description.clone();
    if let Some(url) = &h.url {
        text.push_str(&format!(" Website: {url}"));
    }
    Rendered::plain(h.display_name(), text, &h.origin)
}
