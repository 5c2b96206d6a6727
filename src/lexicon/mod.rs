//! The built-in English lexicon (`lexicon.toml`): how people ask about any event. Stop words, question
//! intents, everyday synonyms, and the words that point at the parts of any event. It knows nothing of one
//! event: the topics take their facet words from it, and matching reads questions with it.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use serde::Deserialize;

/// What a question asks for, read from its question words.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Intent {
    When,
    Where,
    Who,
    Why,
    /// A count or an amount: "how many", "how much".
    Quantity,
    /// The current time of day, which no event knowledge answers.
    Clock,
}

impl Intent {
    pub const ALL: [Intent; 6] = [
        Intent::When,
        Intent::Where,
        Intent::Who,
        Intent::Why,
        Intent::Quantity,
        Intent::Clock,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Intent::When => "when",
            Intent::Where => "where",
            Intent::Who => "who",
            Intent::Why => "why",
            Intent::Quantity => "quantity",
            Intent::Clock => "clock",
        }
    }

    /// The token an intent becomes in a normalised question; `#` keeps it apart from any word.
    pub fn token(self) -> String {
        format!("#{}", self.name())
    }

    pub fn from_token(token: &str) -> Option<Intent> {
        let name = token.strip_prefix('#')?;
        Intent::ALL.into_iter().find(|i| i.name() == name)
    }
}

/// The lexicon as written in `lexicon.toml`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Lexicon {
    pub stop_words: Vec<String>,
    pub stop_phrases: Vec<String>,
    pub synonyms: Vec<Vec<String>>,
    pub intents: BTreeMap<String, Vec<String>>,
    pub facets: BTreeMap<String, Vec<String>>,
    /// How people ask about a programme: order words, days, parts of a day, and plain session nouns.
    pub programme: ProgrammeWords,
}

/// The `[programme]` table of `lexicon.toml`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProgrammeWords {
    pub now: Vec<String>,
    pub next: Vec<String>,
    pub first: Vec<String>,
    pub last: Vec<String>,
    pub today: Vec<String>,
    pub tomorrow: Vec<String>,
    pub yesterday: Vec<String>,
    pub tonight: Vec<String>,
    pub morning: Vec<String>,
    pub afternoon: Vec<String>,
    pub evening: Vec<String>,
    pub sessions: Vec<String>,
    pub nouns: Vec<String>,
}

const LEXICON_TOML: &str = include_str!("lexicon.toml");

impl Lexicon {
    /// The built-in lexicon, parsed once.
    pub fn builtin() -> &'static Lexicon {
        static LEXICON: OnceLock<Lexicon> = OnceLock::new();
        // The file is compiled in and covered by tests, so a parse failure is a build defect, not input.
        LEXICON.get_or_init(|| {
            toml::from_str(LEXICON_TOML).expect("the built-in lexicon.toml is valid")
        })
    }

    /// The cue phrases of each intent.
    pub fn intent_cues(&self) -> impl Iterator<Item = (Intent, &[String])> {
        Intent::ALL.into_iter().filter_map(|intent| {
            self.intents
                .get(intent.name())
                .map(|cues| (intent, cues.as_slice()))
        })
    }

    /// The words of one facet ("when", "venue", "hosts", ...); empty if the lexicon has none.
    pub fn facet(&self, name: &str) -> &[String] {
        self.facets.get(name).map_or(&[], Vec::as_slice)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_lexicon_parses_and_names_only_known_intents() {
        let lexicon = Lexicon::builtin();
        assert!(lexicon.stop_words.iter().any(|w| w == "the"));
        for name in lexicon.intents.keys() {
            assert!(
                Intent::ALL.iter().any(|i| i.name() == name),
                "lexicon.toml names an unknown intent `{name}`"
            );
        }
        for group in &lexicon.synonyms {
            assert!(
                group.len() >= 2,
                "a synonym group needs two words: {group:?}"
            );
        }
    }

    #[test]
    fn intent_tokens_round_trip() {
        for intent in Intent::ALL {
            assert_eq!(Intent::from_token(&intent.token()), Some(intent));
        }
        assert_eq!(Intent::from_token("when"), None);
    }
}
