//! Every kind of entry the knowledge files hold, one module each: how it is written (its schema), how it
//! is checked, and the model it becomes. How each is asked about and answered is in
//! `crate::topics::kinds`, in a module of the same name.
//!
//! Adding a kind: a module here implementing [`Kind`](super::kind::Kind), one in `topics/kinds/`
//! implementing `Told`, and a line in [`Kinds`].

pub mod announcement;
pub mod event;
pub mod faq;
pub mod finding;
pub mod host;
pub mod initiative;
pub mod report;
pub mod session;
pub mod speaker;
pub mod supporter;
pub mod synonym;
pub mod track;
pub mod venue;

use super::kind::{Kind, KindList, VisitKind, kinds};
use super::model::Knowledge;

/// Every kind of entry, in the order their sections are listed, their ids registered and their entries
/// checked. A kind may rely on the kinds above it having been checked: the event comes first, since
/// every time is read in its time zone, and the speakers, tracks and findings link themselves to the sessions.
pub type Kinds = kinds![
    event::Event,                        // [event]
    venue::Venue,                        // [[venue]], with its rooms
    host::Host,                          // [[host]]
    initiative::Initiative,              // [[initiative]]
    supporter::Supporter,                // [[supporter]]
    session::Session,                    // [[session]]
    speaker::Speaker,                    // [[speaker]]
    track::Track,                        // [[track]]
    report::Report,                      // [report]
    finding::Finding,                    // [[finding]]
    faq::Faq,                            // [[faq]]
    synonym::Synonym,                    // [[synonym]]
    announcement::KnowledgeAnnouncement, // [[announcement]]
];

impl Knowledge {
    /// How many entries of each kind the knowledge holds, in the order of the kinds, each with the words
    /// for one and for more.
    pub fn counts(&self) -> Vec<(usize, [&'static str; 2])> {
        struct Count<'k> {
            knowledge: &'k Knowledge,
            counts: Vec<(usize, [&'static str; 2])>,
        }
        impl VisitKind for Count<'_> {
            fn visit<K: Kind>(&mut self) {
                self.counts
                    .push((self.knowledge.all::<K>().len(), K::COUNTED));
            }
        }
        let mut count = Count {
            knowledge: self,
            counts: Vec::new(),
        };
        Kinds::each(&mut count);
        count.counts
    }
}
