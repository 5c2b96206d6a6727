//! The matching engine: question + knowledge + now -> answer. Pure: no I/O, no clock of its own.
//!
//! [`Engine::build`] normalises every knowledge entry into an inverted index once; [`Engine::answer`]
//! then reads a question (typos corrected, synonyms and intents resolved), scores the topics it touches, and
//! either answers the best one or says plainly that it does not know.

pub mod english;
pub mod index;
pub mod normalise;
pub mod score;
pub mod speller;

use rustc_hash::FxHashMap;
use std::fmt::Write as _;
use std::path::Path;
use std::sync::Arc;

use jiff::Timestamp;

use crate::answer::{Answer, NewsItem, Suggestion};
use crate::knowledge::{self, Diagnostic, Knowledge, LoadError, Severity};
use crate::lexicon::Lexicon;
use crate::topics::render::{Focus, Rendered, and_list, render};
use crate::topics::{Subject, Topic};

pub use index::Index;
pub use score::{Analysis, Reading};

/// A question's tokens as plain strings (stems, canonical synonyms, intents such as `#where`), read with the
/// built-in lexicon alone: what unanswered questions are grouped by. It needs no knowledge, so the gaps can
/// be listed even while the knowledge files are broken, and `usher gaps` and `/gaps` group alike.
pub fn tokeniser() -> impl Fn(&str) -> Vec<String> {
    let normaliser = normalise::Normaliser::new(Lexicon::builtin(), &[]);
    move |text| {
        normaliser
            .tokens(text)
            .into_iter()
            .map(|token| token.text)
            .collect()
    }
}

/// When the engine answers and when it declines.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Thresholds {
    /// Below this confidence the answer is "I don't know".
    pub answer: f32,
    /// Between `answer` and `sure`, the best topic must lead the next by this much.
    pub margin: f32,
    /// At or above this confidence the best topic is answered even when another is as good.
    pub sure: f32,
    /// Topics scoring at least this are offered as suggestions.
    pub suggest: f32,
}

impl Default for Thresholds {
    fn default() -> Self {
        Thresholds {
            answer: 0.5,
            margin: 0.02,
            sure: 0.55,
            suggest: 0.3,
        }
    }
}

/// How many ranked topics an analysis keeps: the best and enough runners-up to offer.
const KEEP: usize = 6;
/// The most suggestions an answer carries.
const MAX_SUGGESTIONS: usize = 3;

/// Knowledge with its index: everything needed to answer, built once and shared read-only.
#[derive(Debug)]
pub struct Engine {
    knowledge: Arc<Knowledge>,
    index: Index,
    thresholds: Thresholds,
    /// Topic key -> topic id, for answering a topic chosen from a suggestion.
    by_key: FxHashMap<String, u32>,
    /// The tokens "start", "end" and "duration" become, which say what a question about time asks for.
    focus_words: [String; 3],
}

/// An engine built from a directory, with the warnings found while checking it.
#[derive(Debug)]
pub struct Built {
    pub engine: Engine,
    pub warnings: Vec<Diagnostic>,
}

impl Engine {
    /// Loads, validates and indexes the knowledge in `dir`.
    pub fn load(dir: &Path, thresholds: Thresholds) -> Result<Built, LoadError> {
        let (raw, diagnostics) = knowledge::load::read_dir(dir)?;
        let (knowledge, mut diagnostics) = knowledge::check(&raw, diagnostics);
        let Some(knowledge) = knowledge else {
            return Err(LoadError::Invalid(diagnostics));
        };
        // The index's own check runs even when validation found errors, so every problem is reported at
        // once; the engine is used only if there are none.
        let engine = Engine::build(knowledge, thresholds);
        diagnostics.extend(engine.unmatchable());
        knowledge::sort(&mut diagnostics);
        if diagnostics.iter().any(Diagnostic::is_error) {
            Err(LoadError::Invalid(diagnostics))
        } else {
            Ok(Built {
                engine,
                warnings: diagnostics,
            })
        }
    }

    /// An error for each entry no question could match.
    fn unmatchable(&self) -> Vec<Diagnostic> {
        let mut errors = Vec::new();
        for (id, topic) in self.index.topics().iter().enumerate() {
            let id = u32::try_from(id).unwrap_or(u32::MAX);
            if topic.entry.is_some() && self.index.own_term_count(id) == 0 {
                errors.push(Diagnostic {
                    path: topic.origin.path.clone(),
                    line: topic.origin.line,
                    col: topic.origin.col,
                    severity: Severity::Error,
                    message: format!(
                        "`{}` has no words a question could match: give it a title, keywords or text that is more than stop words",
                        topic.key
                    ),
                });
            }
        }
        errors
    }

    /// Indexes validated knowledge, adding the checks only the index can make: an entry no question could
    /// match is an error.
    pub fn from_knowledge(
        knowledge: Knowledge,
        mut warnings: Vec<Diagnostic>,
        thresholds: Thresholds,
    ) -> Result<Built, LoadError> {
        let engine = Engine::build(knowledge, thresholds);
        let errors = engine.unmatchable();
        if errors.is_empty() {
            Ok(Built { engine, warnings })
        } else {
            warnings.extend(errors);
            knowledge::sort(&mut warnings);
            Err(LoadError::Invalid(warnings))
        }
    }

    /// Indexes knowledge without the extra checks (for benchmarks and tests that build knowledge in code).
    pub fn build(knowledge: Knowledge, thresholds: Thresholds) -> Engine {
        let index = Index::build(&knowledge, Lexicon::builtin());
        let by_key = index
            .topics()
            .iter()
            .enumerate()
            .map(|(i, t)| (t.key.clone(), u32::try_from(i).unwrap_or(u32::MAX)))
            .collect();
        // Canonical tokens are stems ("duration" becomes "durat"), so ask the normaliser rather than guess.
        let focus_words = ["start", "end", "duration"].map(|word| {
            index
                .normaliser
                .tokens(word)
                .into_iter()
                .next()
                .map_or_else(|| word.to_string(), |t| t.text)
        });
        Engine {
            knowledge: Arc::new(knowledge),
            index,
            thresholds,
            by_key,
            focus_words,
        }
    }

    pub fn knowledge(&self) -> &Knowledge {
        &self.knowledge
    }

    pub fn knowledge_arc(&self) -> Arc<Knowledge> {
        Arc::clone(&self.knowledge)
    }

    pub fn topics(&self) -> &[Topic] {
        self.index.topics()
    }

    /// Answers a question as of `now`. The news is what the knowledge itself schedules and has fallen due;
    /// an adapter with a state store passes what was really posted with [`Engine::answer_with`].
    pub fn answer(&self, question: &str, now: Timestamp) -> Answer {
        let analysis = self.index.analyse(question, KEEP);
        self.answer_analysis(&analysis, now, None)
    }

    /// Answers a question as of `now`, with `news` (newest first) for questions about announcements.
    pub fn answer_with(&self, question: &str, now: Timestamp, news: &[NewsItem]) -> Answer {
        let analysis = self.index.analyse(question, KEEP);
        self.answer_analysis(&analysis, now, Some(news))
    }

    /// Answers a question as of `now`; only if it is about the news is `fetch` called for what was
    /// announced (newest first), so an adapter reads its store just for those questions.
    pub fn answer_fetching_news(
        &self,
        question: &str,
        now: Timestamp,
        fetch: impl FnOnce() -> Vec<NewsItem>,
    ) -> Answer {
        let analysis = self.index.analyse(question, KEEP);
        let asks_for_news = analysis
            .ranked
            .first()
            .is_some_and(|s| self.index.topic(s.topic).subject == Subject::News);
        if asks_for_news {
            self.answer_analysis(&analysis, now, Some(&fetch()))
        } else {
            self.answer_analysis(&analysis, now, None)
        }
    }

    /// Renders a topic. Without `news`, the knowledge's own announcements stand in, worked out only when
    /// the topic is the news: most questions are not about it.
    fn render_topic(
        &self,
        topic: &Topic,
        focus: Focus,
        now: Timestamp,
        news: Option<&[NewsItem]>,
    ) -> Rendered {
        let own;
        let news = match news {
            Some(news) => news,
            None if topic.subject == Subject::News => {
                own = self.knowledge_news(now);
                &own
            }
            None => &[],
        };
        render(&self.knowledge, topic.subject, focus, now, news)
    }

    /// The knowledge's own announcements that have fallen due by `now`, newest first.
    pub fn knowledge_news(&self, now: Timestamp) -> Vec<NewsItem> {
        let mut news: Vec<NewsItem> = self
            .knowledge
            .announcements
            .iter()
            .filter(|a| a.at <= now)
            .map(|a| NewsItem {
                text: a.text.clone(),
                at: a.at,
            })
            .collect();
        news.sort_by_key(|item| std::cmp::Reverse(item.at));
        news
    }

    /// Reads a question without answering it: for `usher explain`.
    pub fn analyse(&self, question: &str) -> Analysis {
        self.index.analyse(question, KEEP)
    }

    fn answer_analysis(
        &self,
        analysis: &Analysis,
        now: Timestamp,
        news: Option<&[NewsItem]>,
    ) -> Answer {
        let t = self.thresholds;
        let Some(best) = analysis.ranked.first().copied() else {
            return self.unknown(Vec::new());
        };
        let second = analysis.ranked.get(1).map_or(0.0, |s| s.score);
        let matched =
            best.score >= t.answer && (best.score - second >= t.margin || best.score >= t.sure);
        if !matched {
            let suggestions = self.suggestions(analysis, 0, t.suggest);
            return self.unknown(suggestions);
        }
        let focus = Focus {
            start: analysis.has_token(&self.focus_words[0]),
            end: analysis.has_token(&self.focus_words[1]),
            duration: analysis.has_token(&self.focus_words[2]),
        };
        let topic = self.index.topic(best.topic);
        let rendered = self.render_topic(topic, focus, now, news);
        // Runners-up close to the best are offered beside the answer.
        let suggestions = self.suggestions(analysis, 1, (best.score * 0.85).max(t.suggest));
        Answer {
            matched: true,
            topic: Some(topic.key.clone()),
            title: rendered.title,
            text: rendered.text,
            confidence: best.score,
            suggestions,
            times: rendered.times,
            place: rendered.place,
            source: rendered.source,
        }
    }

    /// Answers a topic chosen directly (a suggestion button, a slash command).
    pub fn answer_topic(&self, key: &str, now: Timestamp) -> Option<Answer> {
        let &id = self.by_key.get(key)?;
        let topic = self.index.topic(id);
        let rendered = self.render_topic(topic, Focus::default(), now, None);
        Some(Answer {
            matched: true,
            topic: Some(topic.key.clone()),
            title: rendered.title,
            text: rendered.text,
            confidence: 1.0,
            suggestions: Vec::new(),
            times: rendered.times,
            place: rendered.place,
            source: rendered.source,
        })
    }

    /// The best topic for a question among those `allowed` picks (such as findings only), if any matches
    /// well enough to answer.
    pub fn answer_among(
        &self,
        question: &str,
        now: Timestamp,
        allowed: impl Fn(&Topic) -> bool,
    ) -> Option<Answer> {
        let analysis = self.index.analyse(question, self.topics().len());
        let best = analysis
            .ranked
            .iter()
            .find(|s| allowed(self.index.topic(s.topic)))
            .filter(|s| s.score >= self.thresholds.answer)?;
        let mut answer = self.answer_topic(&self.index.topic(best.topic).key, now)?;
        answer.confidence = best.score;
        Some(answer)
    }

    /// Topic labels for what someone is typing: labels containing the text first, then topics the text
    /// matches, at most `limit`. With nothing typed, the event's own topics.
    pub fn suggest(&self, partial: &str, limit: usize) -> Vec<String> {
        let wanted = normalise::fold(partial.trim());
        let mut labels: Vec<String> = Vec::new();
        let mut push = |label: &str| {
            if labels.len() < limit && !labels.iter().any(|l| l == label) {
                labels.push(label.to_string());
            }
        };
        for topic in self.topics() {
            if normalise::fold(&topic.label).contains(&wanted) {
                push(&topic.label);
            }
        }
        if !wanted.is_empty() {
            for s in self.index.analyse(partial, limit).ranked {
                push(&self.index.topic(s.topic).label);
            }
        }
        labels
    }

    pub fn topic(&self, key: &str) -> Option<&Topic> {
        self.by_key.get(key).map(|&id| self.index.topic(id))
    }

    fn suggestions(&self, analysis: &Analysis, skip: usize, floor: f32) -> Vec<Suggestion> {
        analysis
            .ranked
            .iter()
            .skip(skip)
            .filter(|s| s.score >= floor)
            .take(MAX_SUGGESTIONS)
            .map(|s| {
                let topic = self.index.topic(s.topic);
                Suggestion {
                    topic: topic.key.clone(),
                    label: topic.label.clone(),
                    confidence: s.score,
                }
            })
            .collect()
    }

    /// What Usher can answer, in words: "the date and time, the venue, ... and the report's 22 findings".
    pub fn capabilities(&self) -> String {
        let k = &self.knowledge;
        let mut parts = vec!["the date and time".to_string()];
        if k.event.follow_up.is_some() {
            parts.push("what follows it".to_string());
        }
        if k.event.venue.is_some() || !k.venues.is_empty() {
            parts.push("the venue".to_string());
        }
        if !k.hosts.is_empty() {
            parts.push("the hosts".to_string());
        }
        if !k.sessions.is_empty() {
            parts.push("the programme".to_string());
        }
        parts.push("the speakers".to_string());
        if !k.initiatives.is_empty() || !k.supporters.is_empty() {
            parts.push("the programme it belongs to and its supporters".to_string());
        }
        if k.report.is_some() {
            parts.push(format!("the report's {} findings", k.findings.len()));
        }
        if !k.faqs.is_empty() {
            parts.push("some frequently asked questions".to_string());
        }
        and_list(&parts)
    }

    fn unknown(&self, suggestions: Vec<Suggestion>) -> Answer {
        let mut text = format!(
            "I don't know that. I can answer questions about {}: {}.",
            self.knowledge.event.title,
            self.capabilities()
        );
        if !suggestions.is_empty() {
            let labels: Vec<String> = suggestions.iter().map(|s| s.label.clone()).collect();
            let _ = write!(text, " Did you mean: {}?", labels.join("; "));
        }
        Answer {
            matched: false,
            topic: None,
            title: "I don't know that".to_string(),
            text,
            confidence: 0.0,
            suggestions,
            times: Vec::new(),
            place: None,
            source: None,
        }
    }

    /// For maintainers: how a question was read and scored.
    pub fn explain(&self, question: &str, now: Timestamp) -> String {
        let analysis = self.index.analyse(question, KEEP);
        let mut out = String::new();
        let words: Vec<String> = analysis
            .words
            .iter()
            .map(|w| match &w.typed {
                Some(typed) => format!("{typed}->{} ({:.2})", w.text, w.similarity),
                None => w.text.clone(),
            })
            .collect();
        let _ = writeln!(out, "words:      {}", words.join(" "));
        let corrections: Vec<String> = analysis
            .words
            .iter()
            .filter_map(|w| w.typed.as_ref().map(|t| format!("{t} -> {}", w.text)))
            .collect();
        let _ = writeln!(
            out,
            "fuzzy:      {}",
            if corrections.is_empty() {
                "(none)".to_string()
            } else {
                corrections.join(", ")
            }
        );
        if let Some(clause) = &analysis.clause {
            let _ = writeln!(
                out,
                "clause:     \"{clause}\" (read on its own, it answers better than the whole)"
            );
        }
        let _ = writeln!(out, "tokens:");
        for t in &analysis.tokens {
            let reading = match &t.reading {
                Reading::Known(_) if t.cover > 0.0 => {
                    format!("known, names the event (covered {:.2})", t.cover)
                }
                Reading::Known(term) => {
                    format!("known, in {} topic(s)", self.index.postings(*term).len())
                }
                Reading::Intent(intent, _) => format!("intent {}", intent.name()),
                Reading::Unknown => "unknown to the knowledge".to_string(),
            };
            let _ = writeln!(
                out,
                "  {:<20} from {:<22} weight {:.2}  {reading}",
                t.token.text,
                format!("\"{}\"", t.token.source),
                t.weight
            );
        }
        let _ = writeln!(out, "candidates:");
        for s in &analysis.ranked {
            let topic = self.index.topic(s.topic);
            let _ = writeln!(out, "  {:.3}  {:<40} {}", s.score, topic.key, topic.label);
        }
        let answer = self.answer_analysis(&analysis, now, None);
        let _ = writeln!(
            out,
            "answer:     {} (confidence {:.2}, thresholds: answer {:.2}, margin {:.2}, sure {:.2})",
            answer.topic.as_deref().unwrap_or("none: I don't know"),
            answer.confidence,
            self.thresholds.answer,
            self.thresholds.margin,
            self.thresholds.sure
        );
        let _ = writeln!(out, "{}", answer.text);
        out
    }
}
