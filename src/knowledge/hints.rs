//! Messages about raw knowledge TOML that both reading a file and applying an extension give: a did-you-mean
//! for an unknown field, a toml message on one line, and the ids written in a value. They live apart so
//! that `read` and `extend`, which each use the other's work, do not import each other for them.

use std::collections::HashSet;
use std::ops::Range;

use toml::Spanned;
use toml::de::DeValue;

use super::kind::{closest, quoted_list};

/// Every `id` written in a value, at any depth.
pub(super) fn collect_ids(value: &Spanned<DeValue<'_>>, ids: &mut HashSet<String>) {
    match value.get_ref() {
        DeValue::Table(table) => {
            for (key, value) in table {
                match value.get_ref() {
                    DeValue::String(id) if key.get_ref() == "id" => {
                        ids.insert(id.to_string());
                    }
                    _ => collect_ids(value, ids),
                }
            }
        }
        DeValue::Array(items) => {
            for item in items {
                collect_ids(item, ids);
            }
        }
        _ => {}
    }
}

/// Field names that schedule exports and habit use for one of the knowledge format's own: when one is
/// written, the hint names the field meant, which no spelling distance would find.
const OTHER_NAMES: &[(&str, &str)] = &[
    ("abstract", "summary"),
    ("synopsis", "summary"),
    ("blurb", "summary"),
    ("desc", "description"),
    ("details", "description"),
    ("name", "title"),
    ("speaker", "speakers"),
    ("presenter", "speakers"),
    ("presenters", "speakers"),
    ("persons", "speakers"),
    ("begin", "start"),
    ("from", "start"),
    ("finish", "end"),
    ("until", "end"),
    ("timezone", "time_zone"),
    ("tz", "time_zone"),
    ("biography", "bio"),
    ("website", "url"),
    ("homepage", "url"),
    ("link", "url"),
    ("tags", "keywords"),
    ("lang", "language"),
    ("type", "kind"),
];

/// "`sumary` is not a field of a session; did you mean `summary`?" for serde's "unknown field
/// `sumary`, expected one of ...", naming the table the field was written in: the entry's kind, or for a
/// table inside it (a venue's `rooms`) that table's key, made singular.
pub(super) fn unknown_field_hint(
    entry: &Spanned<DeValue<'_>>,
    section: &str,
    at: &Range<usize>,
    message: &str,
) -> Option<String> {
    let rest = message.strip_prefix("unknown field `")?;
    let (field, expected) = rest.split_once('`')?;
    let known: Vec<&str> = expected.split('`').skip(1).step_by(2).collect();
    let owner = table_holding(entry, at, section)?;
    let owner = owner.strip_suffix('s').unwrap_or(owner);
    let article = if owner.starts_with(['a', 'e', 'i', 'o', 'u']) {
        "an"
    } else {
        "a"
    };
    let mut hint = format!("`{field}` is not a field of {article} {owner}");
    let other_name = OTHER_NAMES
        .iter()
        .find(|(other, ours)| *other == field && known.contains(ours))
        .map(|(_, ours)| *ours);
    if let Some(near) = other_name.or_else(|| closest(field, &known)) {
        hint.push_str(&format!("; did you mean `{near}`?"));
    } else if known.is_empty() {
        hint.push_str("; it has no fields");
    } else {
        hint.push_str(&format!("; expected one of {}", quoted_list(&known)));
    }
    Some(hint)
}

/// The key of the table in which a key at `at` is written: `within` if it is this table's own.
fn table_holding<'v>(
    value: &'v Spanned<DeValue<'_>>,
    at: &Range<usize>,
    within: &'v str,
) -> Option<&'v str> {
    match value.get_ref() {
        DeValue::Table(table) => {
            if table.keys().any(|k| k.span() == *at) {
                return Some(within);
            }
            table
                .iter()
                .find_map(|(k, v)| table_holding(v, at, k.get_ref()))
        }
        DeValue::Array(items) => items.iter().find_map(|v| table_holding(v, at, within)),
        _ => None,
    }
}

/// toml's messages sometimes end with a newline or carry a trailing period; diagnostics are one line each.
pub(super) fn clean_message(message: &str) -> String {
    let one_line = message.split_whitespace().collect::<Vec<_>>().join(" ");
    one_line.trim_end_matches('.').to_string()
}
