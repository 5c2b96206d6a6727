//! Limits Discord documents and enforces that its `OpenAPI` spec does not express.
//!
//! The spec allows 4000 characters of message content on `POST /channels/{id}/messages` (the
//! limit for Nitro users), but Discord rejects more than 2000 from a bot; it cannot state the
//! 6000-character total over all embeds of a message or the five action rows of a classic
//! message. These checks close those gaps.

use serde_json::Value;

/// Characters of content a bot's message may carry.
pub const MESSAGE_CONTENT_LENGTH: usize = 2000;

/// Characters over all embeds of one message: titles, descriptions, field names and values,
/// footer texts and author names together.
pub const EMBED_TOTAL_LENGTH: usize = 6000;

/// Top-level action rows a message without the components-v2 flag may carry.
pub const ACTION_ROW_COUNT: usize = 5;

/// The message flag that switches a message to components v2, where layout components replace
/// action rows and the row limit does not apply.
const IS_COMPONENTS_V2: u64 = 1 << 15;

/// Checks the message-shaped part of a request body, if the route carries one, and returns a
/// description of each broken limit.
pub fn check(method: &str, route: &str, body: &Value) -> Vec<String> {
    let segments: Vec<&str> = route.trim_start_matches('/').split('/').collect();
    let message = match (method, segments.as_slice()) {
        ("POST", ["channels", _, "messages"] | ["webhooks", _, _])
        | ("PATCH", ["channels", _, "messages", _] | ["webhooks", _, _, "messages", _]) => {
            Some(body)
        }
        ("POST", ["interactions", _, _, "callback"]) => {
            body.get("data").filter(|data| data.is_object())
        }
        _ => None,
    };
    let mut problems = Vec::new();
    if let Some(message) = message {
        check_message(message, &mut problems);
    }
    if let (
        "PUT" | "POST",
        ["applications", _, "commands"] | ["applications", _, "guilds", _, "commands"],
    ) = (method, segments.as_slice())
    {
        let commands: Vec<&Value> = match body {
            Value::Array(commands) => commands.iter().collect(),
            command => vec![command],
        };
        for command in commands {
            check_command_name(command, &mut problems);
        }
    }
    problems
        .iter()
        .map(|problem| format!("{method} {route}: {problem}"))
        .collect()
}

fn check_message(message: &Value, problems: &mut Vec<String>) {
    if let Some(content) = message["content"].as_str() {
        let length = content.chars().count();
        if length > MESSAGE_CONTENT_LENGTH {
            problems.push(format!(
                "content is {length} characters; Discord rejects more than {MESSAGE_CONTENT_LENGTH} from a bot"
            ));
        }
    }
    if let Some(embeds) = message["embeds"].as_array() {
        let total: usize = embeds.iter().map(embed_text_length).sum();
        if total > EMBED_TOTAL_LENGTH {
            problems.push(format!(
                "the embeds hold {total} characters together; Discord allows {EMBED_TOTAL_LENGTH}"
            ));
        }
    }
    let components_v2 = message["flags"]
        .as_u64()
        .is_some_and(|flags| flags & IS_COMPONENTS_V2 != 0);
    if let Some(rows) = message["components"].as_array() {
        if !components_v2 && rows.len() > ACTION_ROW_COUNT {
            problems.push(format!(
                "{} action rows; Discord allows {ACTION_ROW_COUNT} on a message",
                rows.len()
            ));
        }
        for (row_index, row) in rows.iter().enumerate() {
            for (index, component) in row["components"]
                .as_array()
                .into_iter()
                .flatten()
                .enumerate()
            {
                check_component(
                    component,
                    &format!("/components/{row_index}/components/{index}"),
                    problems,
                );
            }
        }
    }
}

/// Button styles (`ButtonStyle`): 1 to 4 send an interaction, 5 is a link, 6 a premium button.
const LINK_BUTTON: u64 = 5;
const PREMIUM_BUTTON: u64 = 6;

/// The spec makes `custom_id`, `url` and `sku_id` all optional on a button; Discord requires
/// exactly the one the style calls for, and a `custom_id` on every select menu.
fn check_component(component: &Value, at: &str, problems: &mut Vec<String>) {
    let has = |key: &str| {
        component[key]
            .as_str()
            .is_some_and(|value| !value.is_empty())
    };
    match component["type"].as_u64() {
        Some(2) => {
            let (needed, forbidden): (&str, &[&str]) = match component["style"].as_u64() {
                Some(LINK_BUTTON) => ("url", &["custom_id", "sku_id"]),
                Some(PREMIUM_BUTTON) => ("sku_id", &["custom_id", "url"]),
                _ => ("custom_id", &["url", "sku_id"]),
            };
            if !has(needed) {
                problems.push(format!(
                    "{at}: a button of style {} needs a {needed}",
                    component["style"]
                ));
            }
            for key in forbidden.iter().filter(|key| has(key)) {
                problems.push(format!(
                    "{at}: a button of style {} must not have a {key}",
                    component["style"]
                ));
            }
        }
        Some(3 | 5..=8) if !has("custom_id") => {
            problems.push(format!("{at}: a select menu needs a custom_id"));
        }
        _ => {}
    }
}

fn embed_text_length(embed: &Value) -> usize {
    let text = |value: &Value| value.as_str().map_or(0, |text| text.chars().count());
    let fields: usize = embed["fields"].as_array().map_or(0, |fields| {
        fields
            .iter()
            .map(|field| text(&field["name"]) + text(&field["value"]))
            .sum()
    });
    text(&embed["title"])
        + text(&embed["description"])
        + text(&embed["footer"]["text"])
        + text(&embed["author"]["name"])
        + fields
}

/// Discord's rule for slash-command names (type 1): 1 to 32 characters, lowercase where the
/// script has case, letters, digits, `-` and `_` only. The spec checks only the length.
fn check_command_name(command: &Value, problems: &mut Vec<String>) {
    let is_slash_command = command["type"].as_u64().is_none_or(|kind| kind == 1);
    let Some(name) = command["name"].as_str() else {
        return;
    };
    let valid = name
        .chars()
        .all(|c| (c.is_alphanumeric() && !c.is_uppercase()) || c == '-' || c == '_');
    if is_slash_command && !valid {
        problems.push(format!(
            "command name {name:?} must be lowercase letters, digits, '-' or '_'"
        ));
    }
}
