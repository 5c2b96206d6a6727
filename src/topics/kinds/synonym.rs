//! Synonyms are not asked about: they shape how questions are read (see `matching::normalise`).

use crate::knowledge::Synonym;
use crate::topics::told::Told;

impl Told for Synonym {}
