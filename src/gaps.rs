//! Gaps in the knowledge files: the questions the bot could not answer, grouped so that organisers see
//! what people keep asking.
//!
//! Grouping is pure. The tokeniser is passed in because the matching core owns normalisation (case,
//! accents, stop words, stemming); this module only compares the token sets it gets.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use jiff::Timestamp;

use crate::answer::Answer;

/// How alike two questions' token sets must be (Jaccard index: shared tokens over all tokens) for them to
/// be grouped. At one half, a question that adds a word to another ("wifi" and "wifi password") joins it,
/// while two that share one token of three or more each ("wifi password", "password reset") stay apart.
pub const SIMILARITY_THRESHOLD: f64 = 0.5;

/// How many other phrasings a group shows besides its representative.
pub const MAX_EXAMPLES: usize = 3;

/// A question the bot could not answer. There is no user id, by design.
#[derive(Debug, Clone, PartialEq)]
pub struct UnansweredQuestion {
    /// The question as asked.
    pub text: String,
    /// When.
    pub asked_at: Timestamp,
    /// The channel's name, or `None` for a direct message.
    pub channel: Option<String>,
    /// The topic the matcher found closest, below its threshold.
    pub best_topic: Option<String>,
    /// That topic's score.
    pub score: f32,
}

impl UnansweredQuestion {
    /// The question to keep for the gaps listing, if `answer` did not answer it or answered it with a
    /// confidence below `low_confidence`; `None` if it was answered well or is blank. The closest topic is
    /// the answer's own, or else its first suggestion. Every adapter that records questions decides
    /// with this one rule, so the terminal's `--record` feeds the listing exactly as the bot does.
    pub fn from_answer(
        question: &str,
        answer: &Answer,
        low_confidence: f32,
        asked_at: Timestamp,
        channel: Option<String>,
    ) -> Option<UnansweredQuestion> {
        if question.trim().is_empty() || (answer.matched && answer.confidence >= low_confidence) {
            return None;
        }
        let (best_topic, score) = if answer.matched {
            (answer.topic.clone(), answer.confidence)
        } else {
            answer
                .suggestions
                .first()
                .map_or((None, 0.0), |s| (Some(s.topic.clone()), s.confidence))
        };
        Some(UnansweredQuestion {
            text: question.to_owned(),
            asked_at,
            channel,
            best_topic,
            score,
        })
    }
}

/// The votes on the answers about one topic.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VotedAnswer {
    /// The topic answered, such as `session.opening`.
    pub topic: String,
    /// Thumbs down.
    pub down: u32,
    /// Thumbs up.
    pub up: u32,
}

/// The answers voted down, the most first, as lines beside the unanswered questions; empty when none was.
pub fn render_votes(votes: &[VotedAnswer]) -> String {
    let down: Vec<&VotedAnswer> = votes.iter().filter(|v| v.down > 0).collect();
    if down.is_empty() {
        return String::new();
    }
    let mut out = String::from("\nAnswers voted down:\n");
    for v in down {
        out.push_str(&format!("  {} down, {} up  {}\n", v.down, v.up, v.topic));
    }
    out
}

/// Questions that ask the same thing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GapGroup {
    /// The latest phrasing of the group's most asked form.
    pub representative: String,
    /// How many questions the group holds.
    pub count: usize,
    /// Up to [`MAX_EXAMPLES`] other phrasings, latest first.
    pub examples: Vec<String>,
    /// When a question of the group was last asked.
    pub last_asked: Timestamp,
    /// The closest topic that most of the group's questions found, if any did.
    pub best_topic: Option<String>,
}

/// Groups near-identical questions, most frequent first and, among equally frequent ones, most recently
/// asked first.
///
/// Questions with the same token set form one variant. Variants are then taken from the most asked down,
/// and each joins the group whose first (most asked) variant it is most similar to, if that similarity
/// reaches [`SIMILARITY_THRESHOLD`]; otherwise it starts a group. Comparing with the group's first variant,
/// rather than with any member, keeps a chain of small steps from pulling unrelated questions together.
/// Questions without any tokens are only grouped with each other.
///
/// The result does not depend on the order of `questions`.
pub fn group(
    questions: &[UnansweredQuestion],
    tokens: impl Fn(&str) -> Vec<String>,
) -> Vec<GapGroup> {
    let mut variants: BTreeMap<BTreeSet<String>, Vec<&UnansweredQuestion>> = BTreeMap::new();
    for question in questions {
        let set: BTreeSet<String> = tokens(&question.text).into_iter().collect();
        variants.entry(set).or_default().push(question);
    }
    let mut variants: Vec<(BTreeSet<String>, Vec<&UnansweredQuestion>)> =
        variants.into_iter().collect();
    for (_, members) in &mut variants {
        members.sort_by(|a, b| latest_first(a, b));
    }
    // Most asked first; then latest; the token sets were already in a fixed order, and the sort is stable.
    variants.sort_by(|(_, a), (_, b)| b.len().cmp(&a.len()).then_with(|| latest_first(a[0], b[0])));

    let mut clusters: Vec<(
        &BTreeSet<String>,
        Vec<&UnansweredQuestion>,
        &UnansweredQuestion,
    )> = Vec::new();
    for (set, members) in &variants {
        let nearest = clusters
            .iter()
            .enumerate()
            .map(|(index, (leader, _, _))| (index, jaccard(leader, set)))
            .filter(|&(_, similarity)| similarity >= SIMILARITY_THRESHOLD)
            .fold(None, |best: Option<(usize, f64)>, candidate| match best {
                Some((_, best_similarity)) if best_similarity >= candidate.1 => best,
                _ => Some(candidate),
            });
        match nearest {
            Some((index, _)) => clusters[index].1.extend(members.iter().copied()),
            None => clusters.push((set, members.clone(), members[0])),
        }
    }

    let mut groups: Vec<GapGroup> = clusters
        .into_iter()
        .map(|(_, mut members, representative)| {
            members.sort_by(|a, b| latest_first(a, b));
            gap_group(&members, representative)
        })
        .collect();
    groups.sort_by(|a, b| {
        b.count
            .cmp(&a.count)
            .then(b.last_asked.cmp(&a.last_asked))
            .then_with(|| a.representative.cmp(&b.representative))
    });
    groups
}

/// Builds a group from its members, latest first, and the question that represents it.
fn gap_group(members: &[&UnansweredQuestion], representative: &UnansweredQuestion) -> GapGroup {
    let mut shown = vec![phrasing_key(&representative.text)];
    let mut examples = Vec::new();
    for member in members {
        if examples.len() == MAX_EXAMPLES {
            break;
        }
        let key = phrasing_key(&member.text);
        if !shown.contains(&key) {
            shown.push(key);
            examples.push(member.text.trim().to_owned());
        }
    }
    GapGroup {
        representative: representative.text.trim().to_owned(),
        count: members.len(),
        examples,
        last_asked: members
            .iter()
            .map(|member| member.asked_at)
            .max()
            .unwrap_or(representative.asked_at),
        best_topic: most_common_topic(members),
    }
}

/// The topic most members found closest; ties go to the topic with the highest score, then by name.
fn most_common_topic(members: &[&UnansweredQuestion]) -> Option<String> {
    let mut topics: HashMap<&str, (usize, f32)> = HashMap::new();
    for member in members {
        if let Some(topic) = &member.best_topic {
            let entry = topics.entry(topic).or_insert((0, f32::NEG_INFINITY));
            entry.0 += 1;
            entry.1 = entry.1.max(member.score);
        }
    }
    topics
        .into_iter()
        .max_by(
            |(a_topic, (a_count, a_score)), (b_topic, (b_count, b_score))| {
                a_count
                    .cmp(b_count)
                    .then(a_score.total_cmp(b_score))
                    .then_with(|| b_topic.cmp(a_topic))
            },
        )
        .map(|(topic, _)| topic.to_owned())
}

/// Orders questions latest first, and equally recent ones by text, so that choices are deterministic.
fn latest_first(a: &UnansweredQuestion, b: &UnansweredQuestion) -> std::cmp::Ordering {
    b.asked_at
        .cmp(&a.asked_at)
        .then_with(|| a.text.cmp(&b.text))
}

/// Two phrasings that differ only in case, punctuation or spacing are the same example.
fn phrasing_key(text: &str) -> String {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|word| !word.is_empty())
        .map(str::to_lowercase)
        .collect::<Vec<_>>()
        .join(" ")
}

/// Shared tokens over all tokens; zero when both sets are empty, so that empty sets attract nothing.
fn jaccard(a: &BTreeSet<String>, b: &BTreeSet<String>) -> f64 {
    let shared = a.intersection(b).count();
    let all = a.len() + b.len() - shared;
    if all == 0 {
        0.0
    } else {
        shared as f64 / all as f64
    }
}

/// The start of a retention period of `days` ending `now`: questions asked before it are purged.
pub fn retention_start(days: u32, now: Timestamp) -> Timestamp {
    let kept = jiff::SignedDuration::from_hours(i64::from(days) * 24);
    now.checked_sub(kept).unwrap_or(Timestamp::MIN)
}

/// A `--since` that is neither a time nor a time ago.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("`{0}` is neither a time (2026-11-22T09:00:00Z) nor a time ago (30m, 12h, 7d, 2w)")]
pub struct SinceError(String);

/// When a listing of gaps starts: an RFC 3339 time, or a time before `now` as a whole number of minutes,
/// hours, days or weeks (`30m`, `12h`, `7d`, `2w`).
pub fn parse_since(text: &str, now: Timestamp) -> Result<Timestamp, SinceError> {
    let text = text.trim();
    if let Ok(at) = text.parse::<Timestamp>() {
        return Ok(at);
    }
    let error = || SinceError(text.to_owned());
    let split = text
        .find(|c: char| !c.is_ascii_digit())
        .filter(|&i| i > 0)
        .ok_or_else(error)?;
    let (count, unit) = text.split_at(split);
    let count: i64 = count.parse().map_err(|_| error())?;
    let minutes = match unit.trim() {
        "m" | "min" => 1,
        "h" => 60,
        "d" => 24 * 60,
        "w" => 7 * 24 * 60,
        _ => return Err(error()),
    };
    // Checked all the way: "99999999999999w" is an error, not an overflow.
    let seconds = count
        .checked_mul(minutes)
        .and_then(|m| m.checked_mul(60))
        .ok_or_else(error)?;
    let ago = jiff::SignedDuration::from_secs(seconds);
    now.checked_sub(ago).map_err(|_| error())
}

/// The stretch of time a listing covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Period {
    /// The listing's start.
    pub since: Timestamp,
    /// Set, to the retention period in days, when an earlier start was asked for than questions are kept:
    /// the listing then starts at the retention limit, and says so.
    pub retention_limit: Option<u32>,
}

/// What a listing covers: from `requested` (default: as far back as questions are kept), but never
/// before the retention limit of `retention_days`, since older questions are purged and a listing that
/// claimed to cover them would mislead.
pub fn period(requested: Option<Timestamp>, retention_days: u32, now: Timestamp) -> Period {
    let kept = retention_start(retention_days, now);
    match requested {
        Some(since) if since < kept => Period {
            since: kept,
            retention_limit: Some(retention_days),
        },
        Some(since) => Period {
            since,
            retention_limit: None,
        },
        None => Period {
            since: kept,
            retention_limit: None,
        },
    }
}

/// The groups as plain text for maintainers, most asked first:
///
/// ```text
/// 4 unanswered questions since 2026-11-22 12:00 UTC, in 2 groups:
///
/// 3x  Is there WiFi
///     also asked: "wifi password?"
///     closest topic: venue.hall; last asked 2026-11-29 11:00 UTC
/// ```
pub fn render(groups: &[GapGroup], since: Timestamp) -> String {
    render_period(
        groups,
        &Period {
            since,
            retention_limit: None,
        },
    )
}

/// [`render`] for a [`Period`], which names the retention limit when it cut the listing short. Questions
/// are shown through [`printable`], so a stored newline or terminal escape cannot break the layout.
pub fn render_period(groups: &[GapGroup], period: &Period) -> String {
    let since = match period.retention_limit {
        Some(days) => format!(
            "{} (the retention limit of {days} day{}; older questions are not kept)",
            minutes(period.since),
            if days == 1 { "" } else { "s" }
        ),
        None => minutes(period.since),
    };
    let total: usize = groups.iter().map(|g| g.count).sum();
    if total == 0 {
        return format!("No unanswered questions since {since}.\n");
    }
    let mut out = format!(
        "{total} unanswered question{} since {since}, in {} group{}:\n",
        if total == 1 { "" } else { "s" },
        groups.len(),
        if groups.len() == 1 { "" } else { "s" },
    );
    for group in groups {
        let count = format!("{}x", group.count);
        out.push_str(&format!(
            "\n{count:<4}{}\n",
            printable(&group.representative)
        ));
        if !group.examples.is_empty() {
            let examples: Vec<String> = group
                .examples
                .iter()
                .map(|e| format!("\"{}\"", printable(e)))
                .collect();
            out.push_str(&format!("    also asked: {}\n", examples.join(", ")));
        }
        let closest = group
            .best_topic
            .as_deref()
            .map_or_else(String::new, |t| format!("closest topic: {t}; "));
        out.push_str(&format!(
            "    {closest}last asked {}\n",
            minutes(group.last_asked)
        ));
    }
    out
}

/// Text that someone typed, made safe to print on one line of a listing: control characters such as
/// newlines and the escape that starts a terminal control sequence, and the invisible marks that reverse
/// the direction of text, are shown as escapes (`\n`, `\u{1b}`) instead of acting on the display.
/// Announcement listings use it too.
pub fn printable(text: &str) -> String {
    let mut shown = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_control() || is_direction_mark(c) {
            shown.extend(c.escape_default());
        } else {
            shown.push(c);
        }
    }
    shown
}

/// The Unicode marks that override or isolate the direction of the text around them.
fn is_direction_mark(c: char) -> bool {
    matches!(c, '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// A time to the minute, in UTC: "2026-11-29 11:00 UTC".
fn minutes(at: Timestamp) -> String {
    at.strftime("%Y-%m-%d %H:%M UTC").to_string()
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    #[test]
    fn control_characters_and_direction_marks_are_shown_escaped() {
        assert_eq!(
            printable("Doors\nopen \x1b[31mnow\u{202e}!"),
            "Doors\\nopen \\u{1b}[31mnow\\u{202e}!"
        );
        assert_eq!(printable("Café – \"ok\""), "Café – \"ok\"");
    }

    #[test]
    fn a_listing_never_claims_more_than_is_kept() {
        let now: Timestamp = "2026-11-29T12:00:00Z".parse().expect("a time");
        let kept: Timestamp = "2026-10-30T12:00:00Z".parse().expect("a time");
        let year_ago = parse_since("52w", now).expect("a time ago");
        let limited = period(Some(year_ago), 30, now);
        assert_eq!(
            limited,
            Period {
                since: kept,
                retention_limit: Some(30)
            }
        );
        assert_eq!(
            render_period(&[], &limited),
            "No unanswered questions since 2026-10-30 12:00 UTC (the retention limit of 30 days; older \
             questions are not kept).\n"
        );
        let day_ago = parse_since("1d", now).expect("a time ago");
        assert_eq!(period(Some(day_ago), 30, now).retention_limit, None);
        assert_eq!(period(None, 30, now).since, kept);
    }

    #[test]
    fn a_huge_time_ago_is_an_error_not_an_overflow() {
        let now: Timestamp = "2026-11-29T12:00:00Z".parse().expect("a time");
        assert!(parse_since("99999999999999w", now).is_err());
        assert_eq!(
            parse_since("2d", now).expect("two days"),
            "2026-11-27T12:00:00Z".parse::<Timestamp>().expect("a time")
        );
    }

    /// A stand-in for the matching core's tokeniser: lower case, words only, a few stop words dropped.
    fn tokens(text: &str) -> Vec<String> {
        const STOP_WORDS: &[&str] = &[
            "is", "there", "a", "the", "what", "where", "can", "i", "do", "we",
        ];
        text.split(|c: char| !c.is_alphanumeric())
            .map(str::to_lowercase)
            .filter(|word| !word.is_empty() && !STOP_WORDS.contains(&word.as_str()))
            .collect()
    }

    fn question(text: &str, minute: i64, topic: Option<&str>, score: f32) -> UnansweredQuestion {
        UnansweredQuestion {
            text: text.to_owned(),
            asked_at: Timestamp::constant(1_750_000_000 + minute * 60, 0),
            channel: Some("help".to_owned()),
            best_topic: topic.map(str::to_owned),
            score,
        }
    }

    #[test]
    fn near_identical_questions_are_grouped_and_others_kept_apart() {
        let questions = [
            question("is there wifi?", 1, Some("venue"), 0.2),
            question("parking?", 2, Some("travel"), 0.3),
            question("Is there WiFi", 3, Some("venue"), 0.25),
            question("wifi password?", 4, Some("network"), 0.4),
        ];
        let groups = group(&questions, tokens);
        assert_eq!(
            groups,
            vec![
                GapGroup {
                    representative: "Is there WiFi".to_owned(),
                    count: 3,
                    examples: vec!["wifi password?".to_owned()],
                    last_asked: questions[3].asked_at,
                    best_topic: Some("venue".to_owned()),
                },
                GapGroup {
                    representative: "parking?".to_owned(),
                    count: 1,
                    examples: vec![],
                    last_asked: questions[1].asked_at,
                    best_topic: Some("travel".to_owned()),
                },
            ]
        );
    }

    #[test]
    fn groups_compare_with_their_first_form_so_chains_do_not_merge() {
        // "password reset" shares a word with "wifi password" but nothing with the group's "wifi".
        let questions = [
            question("wifi?", 1, None, 0.0),
            question("wifi", 2, None, 0.0),
            question("wifi password", 3, None, 0.0),
            question("password reset", 4, None, 0.0),
        ];
        let groups = group(&questions, tokens);
        let summary: Vec<(&str, usize)> = groups
            .iter()
            .map(|group| (group.representative.as_str(), group.count))
            .collect();
        assert_eq!(summary, vec![("wifi", 3), ("password reset", 1)]);
    }

    #[test]
    fn ties_in_frequency_go_to_the_most_recent() {
        let questions = [
            question("lunch?", 1, None, 0.0),
            question("cloakroom?", 5, None, 0.0),
            question("badge?", 3, None, 0.0),
        ];
        let order: Vec<String> = group(&questions, tokens)
            .into_iter()
            .map(|group| group.representative)
            .collect();
        assert_eq!(order, vec!["cloakroom?", "badge?", "lunch?"]);
    }

    #[test]
    fn examples_are_distinct_latest_and_at_most_three() {
        let questions = [
            question("wifi", 1, None, 0.0),
            question("wifi", 2, None, 0.0),
            question("Wifi?", 2, None, 0.0),
            question("wifi password", 3, None, 0.0),
            question("WIFI PASSWORD!", 4, None, 0.0),
            question("wifi speed", 5, None, 0.0),
            question("wifi code", 6, None, 0.0),
            question("wifi name", 7, None, 0.0),
        ];
        let groups = group(&questions, tokens);
        assert_eq!(groups.len(), 1);
        // The latest of the three phrasings of the most asked form; "Wifi?" and "wifi" at the same minute
        // are ordered by text, so the choice is deterministic.
        assert_eq!(groups[0].representative, "Wifi?");
        assert_eq!(groups[0].count, 8);
        assert_eq!(
            groups[0].examples,
            vec!["wifi name", "wifi code", "wifi speed"]
        );
    }

    #[test]
    fn the_best_topic_is_the_most_common_then_the_highest_scored() {
        let questions = [
            question("wifi", 1, Some("network"), 0.1),
            question("wifi", 2, Some("venue"), 0.4),
            question("wifi", 3, Some("network"), 0.2),
            question("wifi", 4, None, 0.0),
        ];
        assert_eq!(
            group(&questions, tokens)[0].best_topic.as_deref(),
            Some("network")
        );

        let tied = [
            question("wifi", 1, Some("network"), 0.1),
            question("wifi", 2, Some("venue"), 0.4),
        ];
        assert_eq!(group(&tied, tokens)[0].best_topic.as_deref(), Some("venue"));

        let none = [question("wifi", 1, None, 0.0)];
        assert_eq!(group(&none, tokens)[0].best_topic, None);
    }

    #[test]
    fn questions_without_tokens_only_group_with_each_other() {
        let questions = [
            question("?", 1, None, 0.0),
            question("is there?", 2, None, 0.0),
            question("wifi", 3, None, 0.0),
        ];
        let summary: Vec<(String, usize)> = group(&questions, tokens)
            .into_iter()
            .map(|group| (group.representative, group.count))
            .collect();
        assert_eq!(
            summary,
            vec![("is there?".to_owned(), 2), ("wifi".to_owned(), 1)]
        );
        assert_eq!(group(&[], tokens), vec![]);
    }

    #[test]
    fn since_is_a_time_or_a_time_ago() {
        let now: Timestamp = "2026-11-29T12:00:00Z".parse().unwrap();
        let at = |s: &str| parse_since(s, now).map(|t| t.to_string());
        assert_eq!(at("7d").unwrap(), "2026-11-22T12:00:00Z");
        assert_eq!(at("12h").unwrap(), "2026-11-29T00:00:00Z");
        assert_eq!(at("30m").unwrap(), "2026-11-29T11:30:00Z");
        assert_eq!(at("2w").unwrap(), "2026-11-15T12:00:00Z");
        assert_eq!(at("2026-11-01T09:00:00Z").unwrap(), "2026-11-01T09:00:00Z");
        for bad in ["", "d", "7", "7 years", "yesterday", "-3d"] {
            assert_eq!(
                at(bad),
                Err(SinceError(bad.to_owned())),
                "{bad:?} should not parse"
            );
        }
    }

    #[test]
    fn rendered_groups_show_counts_examples_and_the_closest_topic() {
        let questions = [
            question("is there wifi?", 1, Some("venue"), 0.2),
            question("parking?", 2, None, 0.0),
            question("Is there WiFi", 3, Some("venue"), 0.25),
            question("wifi password?", 4, Some("network"), 0.4),
        ];
        let since = Timestamp::constant(1_750_000_000, 0);
        assert_eq!(
            render(&group(&questions, tokens), since),
            "4 unanswered questions since 2025-06-15 15:06 UTC, in 2 groups:\n\
             \n\
             3x  Is there WiFi\n\
             \x20   also asked: \"wifi password?\"\n\
             \x20   closest topic: venue; last asked 2025-06-15 15:10 UTC\n\
             \n\
             1x  parking?\n\
             \x20   last asked 2025-06-15 15:08 UTC\n"
        );
        assert_eq!(
            render(&[], since),
            "No unanswered questions since 2025-06-15 15:06 UTC.\n"
        );
    }

    fn questions() -> impl Strategy<Value = Vec<UnansweredQuestion>> {
        let words = prop::sample::select(vec![
            "wifi", "password", "parking", "lunch", "badge", "is", "there",
        ]);
        prop::collection::vec(
            (
                prop::collection::vec(words, 0..4),
                0_i64..50,
                prop::option::of(0_u8..3),
            ),
            0..30,
        )
        .prop_map(|raw| {
            raw.into_iter()
                .map(|(words, minute, topic)| {
                    let topic = topic.map(|t| format!("topic{t}"));
                    question(&words.join(" "), minute, topic.as_deref(), 0.1)
                })
                .collect()
        })
    }

    proptest! {
        #[test]
        fn every_question_is_counted_once_and_order_does_not_matter(
            questions in questions(),
            seed in any::<u64>(),
        ) {
            let groups = group(&questions, tokens);
            prop_assert_eq!(groups.iter().map(|group| group.count).sum::<usize>(), questions.len());
            for pair in groups.windows(2) {
                prop_assert!((pair[0].count, pair[0].last_asked) >= (pair[1].count, pair[1].last_asked));
            }
            for group in &groups {
                prop_assert!(group.examples.len() <= MAX_EXAMPLES);
                prop_assert!(group.count > group.examples.len());
            }

            let mut shuffled = questions.clone();
            // A deterministic shuffle from the seed: rotate, then reverse on odd seeds.
            if !shuffled.is_empty() {
                let len = shuffled.len();
                shuffled.rotate_left(usize::try_from(seed % len as u64).unwrap());
            }
            if seed % 2 == 1 {
                shuffled.reverse();
            }
            prop_assert_eq!(group(&shuffled, tokens), groups);
        }
    }
}
