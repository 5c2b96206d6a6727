//! Answer quality on our own question sets (`tests/questions/`), written from the source text without
//! seeing the development set: `heldout.toml` (whose failures we have since used to find general gaps) and
//! `blind.toml` (written later by someone who saw neither the development set nor the code). The floors sit a little below the measured scores (see README),
//! so a change that makes Usher answer worse in general fails here before it reaches participants.
//! Grading follows `shared/eval/README.md`: an in-case needs `matched` and every group of alternatives
//! present in the answer; an out-case needs `matched = false`.

use std::path::Path;

use serde::Deserialize;
use usher::engine::{Engine, Thresholds};

#[derive(Deserialize)]
struct Cases {
    case: Vec<Case>,
}

#[derive(Deserialize)]
struct Case {
    q: String,
    kind: String,
    #[serde(default)]
    must: Vec<Vec<String>>,
}

/// Case-folded, with dashes, curly quotes and runs of whitespace normalised, as the grader does.
fn norm(text: &str) -> String {
    let mapped: String = text
        .to_lowercase()
        .chars()
        .map(|c| match c {
            '\u{2010}'..='\u{2014}' | '\u{2212}' => '-',
            '\u{2018}' | '\u{2019}' | '\u{02bc}' => '\'',
            '\u{201c}' | '\u{201d}' => '"',
            '\u{00a0}' | '\u{202f}' | '\u{2009}' => ' ',
            c => c,
        })
        .collect();
    mapped.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The share of cases answered correctly, and the questions that were not.
fn grade(file: &str, now: &str) -> (f64, Vec<String>) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let engine = Engine::load(&root.join("knowledge"), Thresholds::default())
        .expect("the shipped knowledge loads")
        .engine;
    let text = std::fs::read_to_string(root.join("tests/questions").join(file))
        .expect("the question set exists");
    let cases: Cases = toml::from_str(&text).expect("the question set parses");
    let now = now.parse().expect("a valid time");
    let mut failed = Vec::new();
    for case in &cases.case {
        let a = engine.answer(&case.q, now, None);
        let answer = norm(&a.text);
        let correct = match case.kind.as_str() {
            "in" => {
                a.matched
                    && case
                        .must
                        .iter()
                        .all(|group| group.iter().any(|alt| answer.contains(&norm(alt))))
            }
            _ => !a.matched,
        };
        if !correct {
            failed.push(case.q.clone());
        }
    }
    let total = cases.case.len();
    (100.0 * (total - failed.len()) as f64 / total as f64, failed)
}

fn check(file: &str, now: &str, floor: f64) {
    let (score, failed) = grade(file, now);
    println!("{file}: {score:.1}% ({} failed)", failed.len());
    assert!(
        score >= floor,
        "{file}: {score:.1}% is below {floor}%; failed: {failed:#?}"
    );
}

#[test]
fn held_out_questions_after_the_event() {
    check("heldout.toml", "2026-11-29T12:00:00Z", 96.0);
}

#[test]
fn blind_questions_after_the_event() {
    check("blind.toml", "2026-11-29T12:00:00Z", 94.0);
}

#[test]
fn held_out_questions_before_the_event() {
    check("before-event.toml", "2015-04-27T09:00:00Z", 97.0);
}

#[test]
fn held_out_questions_during_the_event() {
    check("during-event.toml", "2015-04-30T13:30:00Z", 83.0);
}

// The second blind sets, written for the question-reading work (issue 12) from the source alone by someone who
// had seen neither the code nor any question set, graded once on 6f4c497 before anyone looked at their
// failures (after 85.4 %, before 85.7 %, during 100 %). Their failures have since been read, so they are no
// longer blind; the floors keep what was gained.

#[test]
fn second_blind_questions_after_the_event() {
    check("second-blind-after.toml", "2026-11-29T12:00:00Z", 94.0);
}

#[test]
fn second_blind_questions_before_the_event() {
    check("second-blind-before.toml", "2015-04-27T09:00:00Z", 92.0);
}

#[test]
fn second_blind_questions_during_the_event() {
    check("second-blind-during.toml", "2015-04-30T13:30:00Z", 95.0);
}

// The third blind sets, written from the source alone by someone who had seen neither the code nor any
// question set, graded once on 102e299 before anyone looked at their failures (after 79.6 %, before 67.7 %,
// during 81.0 %). Their writer expected matched answers to small talk and to details the source never
// mentions (parking, fees), which the eval README's protocol and the older sets decline: those cases stay
// failing. No longer blind; the floors keep what was gained.

#[test]
fn third_blind_questions_after_the_event() {
    check("third-blind-after.toml", "2026-11-29T12:00:00Z", 90.0);
}

#[test]
fn third_blind_questions_before_the_event() {
    check("third-blind-before.toml", "2015-04-27T09:00:00Z", 87.0);
}

#[test]
fn third_blind_questions_during_the_event() {
    check("third-blind-during.toml", "2015-04-30T13:30:00Z", 90.0);
}

// The fourth blind sets, written the same way under the README's protocol, graded once on 7e87abe before
// anyone looked at their failures (after 89.5 %, before 93.5 %, during 90.9 %). No longer blind.

#[test]
fn fourth_blind_questions_after_the_event() {
    check("fourth-blind-after.toml", "2026-11-29T12:00:00Z", 97.0);
}

#[test]
fn fourth_blind_questions_before_the_event() {
    check("fourth-blind-before.toml", "2015-04-27T09:00:00Z", 96.0);
}

#[test]
fn fourth_blind_questions_during_the_event() {
    check("fourth-blind-during.toml", "2015-04-30T13:30:00Z", 86.0);
}

// The fifth blind sets, written from the source alone by a helper who had seen neither the code nor any
// set (told that details of what the text mentions but does not give are honest gaps, and details it
// never touches are out), graded once on 2eb209a before anyone looked at their failures (after 89.1 %,
// before 100 %, during 100 %). No longer blind.

#[test]
fn fifth_blind_questions_after_the_event() {
    check("fifth-blind-after.toml", "2026-11-29T12:00:00Z", 94.0);
}

#[test]
fn fifth_blind_questions_before_the_event() {
    check("fifth-blind-before.toml", "2015-04-27T09:00:00Z", 97.0);
}

#[test]
fn fifth_blind_questions_during_the_event() {
    check("fifth-blind-during.toml", "2015-04-30T13:30:00Z", 95.0);
}

// The sixth blind sets, written from the source alone by a helper who had seen neither the code nor any
// set, under the same conventions as the fifth, graded once on 03a502e before anyone looked at their
// failures (after 89.5 %, before 97.3 %, during 100 %). No longer blind.

#[test]
fn sixth_blind_questions_after_the_event() {
    check("sixth-blind-after.toml", "2026-11-29T12:00:00Z", 92.5);
}

#[test]
fn sixth_blind_questions_before_the_event() {
    check("sixth-blind-before.toml", "2015-04-27T09:00:00Z", 94.0);
}

#[test]
fn sixth_blind_questions_during_the_event() {
    check("sixth-blind-during.toml", "2015-04-30T13:30:00Z", 95.0);
}

// The seventh blind sets, written the same way by another helper, graded once on be4d64b before anyone
// looked at their failures (after 92.5 %, before 100 %, during 95.8 %; out-of-scope declined 54 of 58).
// No longer blind.

#[test]
fn seventh_blind_questions_after_the_event() {
    check("seventh-blind-after.toml", "2026-11-29T12:00:00Z", 95.0);
}

#[test]
fn seventh_blind_questions_before_the_event() {
    check("seventh-blind-before.toml", "2015-04-27T09:00:00Z", 97.0);
}

#[test]
fn seventh_blind_questions_during_the_event() {
    check("seventh-blind-during.toml", "2015-04-30T13:30:00Z", 95.0);
}

// The eighth blind sets, written the same way by another helper (told that figures the text never gives,
// the attendance among them, are out), graded once on d98078a before anyone looked at their failures
// (after 94.5 %, before 100 %, during 100 %; 281 of 294 in all, out-of-scope declined 57 of 58). No
// longer blind.

#[test]
fn eighth_blind_questions_after_the_event() {
    check("eighth-blind-after.toml", "2026-11-29T12:00:00Z", 95.5);
}

#[test]
fn eighth_blind_questions_before_the_event() {
    check("eighth-blind-before.toml", "2015-04-27T09:00:00Z", 97.0);
}

#[test]
fn eighth_blind_questions_during_the_event() {
    check("eighth-blind-during.toml", "2015-04-30T13:30:00Z", 95.0);
}

// The ninth blind sets, written the same way by another helper, graded once on 9795207 before anyone
// looked at their failures (after 93.6 %, before 97.5 %, during 100 %; out-of-scope declined 76 of 83
// after the event). No longer blind.

#[test]
fn ninth_blind_questions_after_the_event() {
    check("ninth-blind-after.toml", "2026-11-29T12:00:00Z", 96.5);
}

#[test]
fn ninth_blind_questions_before_the_event() {
    check("ninth-blind-before.toml", "2015-04-27T09:00:00Z", 95.0);
}

#[test]
fn ninth_blind_questions_during_the_event() {
    check("ninth-blind-during.toml", "2015-04-30T13:30:00Z", 95.0);
}

// The tenth blind sets, written the same way by another helper at the same time as the ninth, graded once
// on becf634 before anyone looked at their failures (after 92.4 %, before 94.7 %, during 96.2 %;
// out-of-scope declined 74 of 80 after the event). No longer blind.

#[test]
fn tenth_blind_questions_after_the_event() {
    check("tenth-blind-after.toml", "2026-11-29T12:00:00Z", 94.5);
}

#[test]
fn tenth_blind_questions_before_the_event() {
    check("tenth-blind-before.toml", "2015-04-27T09:00:00Z", 95.0);
}

#[test]
fn tenth_blind_questions_during_the_event() {
    check("tenth-blind-during.toml", "2015-04-30T13:30:00Z", 95.0);
}

// The eleventh blind sets, written by another helper who had seen no code and no set, graded once on
// 74af1fc before anyone looked at their failures (after 93.1 %, before 100 %, during 88.0 %; out-of-scope
// declined 59 of 61 after the event). Six of the after-event failures at that grade were small talk
// ("hi", "thanks") its writer marked as to be answered, where the development set declines it. No longer
// blind.

#[test]
fn eleventh_blind_questions_after_the_event() {
    check("eleventh-blind-after.toml", "2026-11-29T12:00:00Z", 96.0);
}

#[test]
fn eleventh_blind_questions_before_the_event() {
    check("eleventh-blind-before.toml", "2015-04-27T09:00:00Z", 97.0);
}

#[test]
fn eleventh_blind_questions_during_the_event() {
    check("eleventh-blind-during.toml", "2015-04-30T13:30:00Z", 95.5);
}

// The twelfth blind sets, written by another helper who had seen no code and no set (told that small talk
// is to be declined), graded once on 698730e before anyone looked at their failures (after 89.7 %, before
// 94.3 %, during 96.0 %; out-of-scope declined 54 of 59 after the event). No longer blind.

#[test]
fn twelfth_blind_questions_after_the_event() {
    check("twelfth-blind-after.toml", "2026-11-29T12:00:00Z", 92.5);
}

#[test]
fn twelfth_blind_questions_before_the_event() {
    check("twelfth-blind-before.toml", "2015-04-27T09:00:00Z", 96.5);
}

#[test]
fn twelfth_blind_questions_during_the_event() {
    check("twelfth-blind-during.toml", "2015-04-30T13:30:00Z", 95.5);
}

// The thirteenth blind sets, written by another helper who had seen no code and no set (told that small
// talk is to be declined), graded once on c1325be before anyone looked at their failures (after 89.5 %,
// before 94.9 %, during 88.5 %; out-of-scope declined 59 of 64 after the event). No longer blind.

#[test]
fn thirteenth_blind_questions_after_the_event() {
    check("thirteenth-blind-after.toml", "2026-11-29T12:00:00Z", 91.5);
}

#[test]
fn thirteenth_blind_questions_before_the_event() {
    check("thirteenth-blind-before.toml", "2015-04-27T09:00:00Z", 94.5);
}

#[test]
fn thirteenth_blind_questions_during_the_event() {
    check("thirteenth-blind-during.toml", "2015-04-30T13:30:00Z", 95.5);
}

// The fourteenth blind sets, written by another helper who had seen no code and no set, from a brief that
// wrongly called fees and dress code honest gaps to be answered (the development set declines such
// logistics), graded once on 53a8424 before anyone looked at their failures (after 88.4 %, before
// 89.5 %, during 80.8 %). No longer blind.

#[test]
fn fourteenth_blind_questions_after_the_event() {
    check("fourteenth-blind-after.toml", "2026-11-29T12:00:00Z", 87.5);
}

#[test]
fn fourteenth_blind_questions_before_the_event() {
    check("fourteenth-blind-before.toml", "2015-04-27T09:00:00Z", 88.5);
}

#[test]
fn fourteenth_blind_questions_during_the_event() {
    check("fourteenth-blind-during.toml", "2015-04-30T13:30:00Z", 83.5);
}

// The fifteenth blind sets, written by another helper who had seen no code and no set, with the
// development set's conventions (logistics declined; the honest gaps are the room, the speakers, the
// parts' times and the reception's place and end), graded once on 53a8424 before anyone looked at their
// failures (after 92.2 %, before 97.4 %, during 92.3 %; out-of-scope declined 70 of 74). No longer
// blind.

#[test]
fn fifteenth_blind_questions_after_the_event() {
    check("fifteenth-blind-after.toml", "2026-11-29T12:00:00Z", 95.5);
}

#[test]
fn fifteenth_blind_questions_before_the_event() {
    check("fifteenth-blind-before.toml", "2015-04-27T09:00:00Z", 99.0);
}

#[test]
fn fifteenth_blind_questions_during_the_event() {
    check("fifteenth-blind-during.toml", "2015-04-30T13:30:00Z", 95.5);
}

// The sixteenth blind sets, written by another helper who had seen no code and no set, with the
// development set's conventions, graded once on bbcd237 before anyone looked at their failures (after
// 93.7 %, before 98.2 %, during 97.4 %; out-of-scope declined 113 of 118). No longer blind.

#[test]
fn sixteenth_blind_questions_after_the_event() {
    check("sixteenth-blind-after.toml", "2026-11-29T12:00:00Z", 97.0);
}

#[test]
fn sixteenth_blind_questions_before_the_event() {
    check("sixteenth-blind-before.toml", "2015-04-27T09:00:00Z", 98.0);
}

#[test]
fn sixteenth_blind_questions_during_the_event() {
    check("sixteenth-blind-during.toml", "2015-04-30T13:30:00Z", 99.5);
}

// The seventeenth blind sets, written by another helper who had seen no code and no set, with the same
// conventions, graded once on 771b4a0 before anyone looked at their failures (after 94.8 %, before 96.5 %,
// during 100 %; out-of-scope declined 89 of 92). No longer blind.

#[test]
fn seventeenth_blind_questions_after_the_event() {
    check("seventeenth-blind-after.toml", "2026-11-29T12:00:00Z", 95.0);
}

#[test]
fn seventeenth_blind_questions_before_the_event() {
    check(
        "seventeenth-blind-before.toml",
        "2015-04-27T09:00:00Z",
        98.0,
    );
}

#[test]
fn seventeenth_blind_questions_during_the_event() {
    check(
        "seventeenth-blind-during.toml",
        "2015-04-30T13:30:00Z",
        99.5,
    );
}

// The eighteenth blind sets, written by two more helpers who had seen no code and no set, with the same
// conventions, graded once on a66ef41 before anyone looked at their failures: after 94.3 %, before 97.8 %,
// on the day half an hour before the start 96.7 %, during 88.3 %; out-of-scope declined 66 of 70. The
// on-the-day set was written to a brief that called that moment "during", under a 13:30 UTC header that is
// 15:30 in The Hague; it is graded at the moment its writer meant. No longer blind.

#[test]
fn eighteenth_blind_questions_after_the_event() {
    check("eighteenth-blind-after.toml", "2026-11-29T12:00:00Z", 97.0);
}

#[test]
fn eighteenth_blind_questions_before_the_event() {
    check("eighteenth-blind-before.toml", "2015-04-27T09:00:00Z", 99.5);
}

#[test]
fn eighteenth_blind_questions_on_the_day_before_the_start() {
    check("eighteenth-blind-onday.toml", "2015-04-30T11:30:00Z", 99.5);
}

#[test]
fn eighteenth_blind_questions_during_the_event() {
    check("eighteenth-blind-during.toml", "2015-04-30T13:30:00Z", 95.0);
}

// The nineteenth blind sets, written by another helper who had seen no code and no set, with the same
// conventions (the during-event moment now described as under way), graded once on 8e306c1 before anyone
// looked at their failures: after 93.6 %, before 95.6 %, during 100 %; out-of-scope declined 56 of 59.
// No longer blind.

#[test]
fn nineteenth_blind_questions_after_the_event() {
    check("nineteenth-blind-after.toml", "2026-11-29T12:00:00Z", 96.0);
}

#[test]
fn nineteenth_blind_questions_before_the_event() {
    check("nineteenth-blind-before.toml", "2015-04-27T09:00:00Z", 97.5);
}

#[test]
fn nineteenth_blind_questions_during_the_event() {
    check("nineteenth-blind-during.toml", "2015-04-30T13:30:00Z", 99.5);
}

// The twentieth blind sets, written by two more helpers who had seen no code and no set, graded once on
// ea4dbd9 before anyone looked at their failures: after 93.1 %, before 90.9 %, during 92.7 %;
// out-of-scope declined 67 of 68. No longer blind.

#[test]
fn twentieth_blind_questions_after_the_event() {
    check("twentieth-blind-after.toml", "2026-11-29T12:00:00Z", 95.0);
}

#[test]
fn twentieth_blind_questions_before_the_event() {
    check("twentieth-blind-before.toml", "2015-04-27T09:00:00Z", 96.0);
}

#[test]
fn twentieth_blind_questions_during_the_event() {
    check("twentieth-blind-during.toml", "2015-04-30T13:30:00Z", 96.0);
}

// The twenty-first blind sets, written by two more helpers who had seen no code and no set, graded once
// on 3b9d038 before anyone looked at their failures: after 95.0 %, before 92.7 %, during 96.4 %;
// out-of-scope declined 66 of 68. No longer blind.

#[test]
fn twenty_first_blind_questions_after_the_event() {
    check(
        "twenty-first-blind-after.toml",
        "2026-11-29T12:00:00Z",
        95.0,
    );
}

#[test]
fn twenty_first_blind_questions_before_the_event() {
    check(
        "twenty-first-blind-before.toml",
        "2015-04-27T09:00:00Z",
        94.0,
    );
}

#[test]
fn twenty_first_blind_questions_during_the_event() {
    check(
        "twenty-first-blind-during.toml",
        "2015-04-30T13:30:00Z",
        97.5,
    );
}

// The twenty-second blind sets, written by two more helpers who had seen no code and no set, graded once
// on dff39cd before anyone looked at their failures: after 93.8 %, before 92.7 %, during 96.4 %;
// out-of-scope declined 67 of 68. No longer blind.

#[test]
fn twenty_second_blind_questions_after_the_event() {
    check(
        "twenty-second-blind-after.toml",
        "2026-11-29T12:00:00Z",
        94.5,
    );
}

#[test]
fn twenty_second_blind_questions_before_the_event() {
    check(
        "twenty-second-blind-before.toml",
        "2015-04-27T09:00:00Z",
        92.0,
    );
}

#[test]
fn twenty_second_blind_questions_during_the_event() {
    check(
        "twenty-second-blind-during.toml",
        "2015-04-30T13:30:00Z",
        96.0,
    );
}

// The twenty-third blind sets, written by two more helpers who had seen no code and no set, graded once
// on 385dced before anyone looked at their failures: after 93.1 %, before 94.5 %, during 98.2 %;
// out-of-scope declined 66 of 68. No longer blind.

#[test]
fn twenty_third_blind_questions_after_the_event() {
    check(
        "twenty-third-blind-after.toml",
        "2026-11-29T12:00:00Z",
        96.5,
    );
}

#[test]
fn twenty_third_blind_questions_before_the_event() {
    check(
        "twenty-third-blind-before.toml",
        "2015-04-27T09:00:00Z",
        98.0,
    );
}

#[test]
fn twenty_third_blind_questions_during_the_event() {
    check(
        "twenty-third-blind-during.toml",
        "2015-04-30T13:30:00Z",
        98.0,
    );
}

// The twenty-fourth blind sets, graded once on 84206e0: after 95.6 %, before 96.4 %, during 96.4 %;
// out-of-scope declined 65 of 68. No longer blind.

#[test]
fn twenty_fourth_blind_questions_after_the_event() {
    check(
        "twenty-fourth-blind-after.toml",
        "2026-11-29T12:00:00Z",
        98.5,
    );
}

#[test]
fn twenty_fourth_blind_questions_before_the_event() {
    check(
        "twenty-fourth-blind-before.toml",
        "2015-04-27T09:00:00Z",
        98.0,
    );
}

#[test]
fn twenty_fourth_blind_questions_during_the_event() {
    check(
        "twenty-fourth-blind-during.toml",
        "2015-04-30T13:30:00Z",
        98.0,
    );
}

// The twenty-fifth blind sets, graded once on 1448b70: after 94.4 %, before 98.2 %, during 100 %;
// out-of-scope declined 67 of 68. No longer blind.

#[test]
fn twenty_fifth_blind_questions_after_the_event() {
    check(
        "twenty-fifth-blind-after.toml",
        "2026-11-29T12:00:00Z",
        96.5,
    );
}

#[test]
fn twenty_fifth_blind_questions_before_the_event() {
    check(
        "twenty-fifth-blind-before.toml",
        "2015-04-27T09:00:00Z",
        98.0,
    );
}

#[test]
fn twenty_fifth_blind_questions_during_the_event() {
    check(
        "twenty-fifth-blind-during.toml",
        "2015-04-30T13:30:00Z",
        98.0,
    );
}

// The twenty-sixth blind sets, graded once on bade9f8: after 94.4 %, before 98.2 %, during 96.4 %;
// out-of-scope declined 68 of 68. No longer blind.

#[test]
fn twenty_sixth_blind_questions_after_the_event() {
    check(
        "twenty-sixth-blind-after.toml",
        "2026-11-29T12:00:00Z",
        95.0,
    );
}

#[test]
fn twenty_sixth_blind_questions_before_the_event() {
    check(
        "twenty-sixth-blind-before.toml",
        "2015-04-27T09:00:00Z",
        98.0,
    );
}

#[test]
fn twenty_sixth_blind_questions_during_the_event() {
    check(
        "twenty-sixth-blind-during.toml",
        "2015-04-30T13:30:00Z",
        98.0,
    );
}

// The twenty-seventh blind sets, graded once on bcee8ab: after 95.0 %, before 98.2 %, during 90.9 %;
// out-of-scope declined 62 of 68. No longer blind.

#[test]
fn twenty_seventh_blind_questions_after_the_event() {
    check(
        "twenty-seventh-blind-after.toml",
        "2026-11-29T12:00:00Z",
        96.5,
    );
}

#[test]
fn twenty_seventh_blind_questions_before_the_event() {
    check(
        "twenty-seventh-blind-before.toml",
        "2015-04-27T09:00:00Z",
        98.0,
    );
}

#[test]
fn twenty_seventh_blind_questions_during_the_event() {
    check(
        "twenty-seventh-blind-during.toml",
        "2015-04-30T13:30:00Z",
        94.0,
    );
}

// The twenty-eighth blind sets, graded once on f59fe26 before anyone looked at their failures: after 95.6 %
// (111 of 118 in scope, 42 of 42 out of scope declined), before 98.2 %, during 100 %; out-of-scope
// declined 68 of 68. No longer blind.

#[test]
fn twenty_eighth_blind_questions_after_the_event() {
    check(
        "twenty-eighth-blind-after.toml",
        "2026-11-29T12:00:00Z",
        95.0,
    );
}

#[test]
fn twenty_eighth_blind_questions_before_the_event() {
    check(
        "twenty-eighth-blind-before.toml",
        "2015-04-27T09:00:00Z",
        98.0,
    );
}

#[test]
fn twenty_eighth_blind_questions_during_the_event() {
    check(
        "twenty-eighth-blind-during.toml",
        "2015-04-30T13:30:00Z",
        98.0,
    );
}
