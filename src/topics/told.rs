//! How a kind of entry is asked about and answered ([`Told`]), beside how it is written and checked
//! ([`Kind`]). Each kind implements both, in modules of the same name.

use crate::knowledge::{Kind, Knowledge};
use crate::lexicon::Lexicon;

use super::topic::Topic;

/// How one kind of entry is asked about: the topics it gives, each with the function that writes its
/// answer (see [`super::Subject`]).
pub trait Told: Kind {
    /// Where the topics of this kind's entries stand when a question matches two topics equally well.
    const PRECEDENCE: Precedence = Precedence::Last;

    /// The words of this kind that name the event itself ("the seminar", its title), each with how much
    /// of such a word every topic covers (see `matching::score`).
    fn context(_k: &Knowledge, _lexicon: &Lexicon, _out: &mut Vec<(String, f32)>) {}

    /// Topics about the event as a whole that this kind gives (the programme, from the sessions).
    fn facets(_k: &Knowledge, _lexicon: &Lexicon, _out: &mut Vec<Topic>) {}

    /// One topic per entry, in file order.
    fn topics(_k: &Knowledge, _lexicon: &Lexicon, _out: &mut Vec<Topic>) {}
}

/// Which topic a question gets when it matches two equally well: the one whose kind comes first here.
/// The facets of the event come before every entry; then a maintainer's own answer to a question, what
/// the organisations are and what they belong to, where, the strands of the programme (a question that
/// names a track, "which tutorials", asks for the strand, not one session in it), the programme, and last
/// the findings. Kinds of equal precedence keep the order of the list of kinds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Precedence {
    MaintainersAnswer,
    Organisation,
    Initiative,
    Place,
    Track,
    Programme,
    Finding,
    Last,
}

/// Walks every kind of a list with a [`VisitTold`]: the knowledge's list of kinds, each of which must be
/// told.
pub trait ToldList {
    fn each<V: VisitTold>(visitor: &mut V);
}

/// Something done for each kind: gathering its topics.
pub trait VisitTold {
    fn visit<K: Told>(&mut self);
}

impl ToldList for () {
    fn each<V: VisitTold>(_visitor: &mut V) {}
}

impl<Head: Told, Tail: ToldList> ToldList for (Head, Tail) {
    fn each<V: VisitTold>(visitor: &mut V) {
        visitor.visit::<Head>();
        Tail::each(visitor);
    }
}
