//! Announcements: "any news?". The answer is what has been announced, read through [`PostedNews`](crate::topics::PostedNews) only
//! when someone asks.

use crate::knowledge::{Knowledge, KnowledgeAnnouncement};
use crate::lexicon::Lexicon;
use crate::topics::builder::{Builder, NAME};
use crate::topics::told::Told;
use crate::topics::topic::{Subject, Topic};
use crate::topics::writer::{Rendered, Writer};

/// The most announcements a news answer shows.
const NEWS_LIMIT: usize = 5;

impl Told for KnowledgeAnnouncement {
    fn facets(k: &Knowledge, lexicon: &Lexicon, out: &mut Vec<Topic>) {
        out.push(Topic {
            key: "event.news".into(),
            label: "Announcements".into(),
            subject: Subject::facet(news),
            entry: None,
            // These words name the announcements themselves, as the programme's words name the programme.
            fields: Builder::new(lexicon).facet("news", NAME).fields(),
            intents: vec![],
            origin: k.event.origin.clone(),
        });
    }
}

/// The latest announcements, newest first, in the event's time zone.
fn news(w: &Writer<'_>, _: usize) -> Rendered {
    let news = w.news.latest(NEWS_LIMIT);
    let text = if news.is_empty() {
        format!("There are no announcements about {} yet.", w.the_event())
    } else {
        let mut text = String::from("Latest announcements:");
        for item in &news {
            let at = item.at.to_zoned_datetime(w.k.event.time_zone.clone());
            text.push_str(&format!(
                "\n- {}: {}",
                at.strftime("%a %-d %b %H:%M"),
                item.text
            ));
        }
        text
    };
    Rendered {
        title: "Announcements".to_string(),
        text,
        times: Vec::new(),
        place: None,
        source: None,
        rich: None,
    }
}
