//! Guild scheduled events as Discord keeps them: external events only (the kind Usher makes), with
//! Discord's rules for them (an end time, a location of 1 to 100 characters, a start in the future, the
//! status changes Discord allows) and its limit of 100 scheduled or active events per guild.

use serde_json::{Value, json};
use serenity::all::ScheduledEvent;

use super::{Call, Reply, Shared, State, StatusCode, parse_id, typed};

/// Discord's limit of scheduled or active events in one guild.
pub const MAX_EVENTS: usize = 100;
const EXTERNAL: u64 = 3;
const SCHEDULED: u64 = 1;
const ACTIVE: u64 = 2;
const COMPLETED: u64 = 3;
const CANCELED: u64 = 4;
const UNKNOWN_SCHEDULED_EVENT: u32 = 10_070;
const MAX_SCHEDULED_EVENTS: u32 = 30_038;
const INVALID_FORM_BODY: u32 = 50_035;

pub(super) fn route(
    shared: &Shared,
    state: &mut State,
    call: &Call<'_>,
    rest: &[&str],
) -> Option<Reply> {
    Some(match (call.method.as_str(), rest) {
        ("GET", ["scheduled-events"]) => {
            let events: Vec<Value> = state.scheduled_events.values().cloned().collect();
            typed::<Vec<ScheduledEvent>>(state, "scheduled event list", json!(events))
        }
        ("POST", ["scheduled-events"]) => create(shared, state, call.body()),
        ("GET" | "PATCH" | "DELETE", ["scheduled-events", id]) => {
            let id = parse_id(id)?;
            if !state.scheduled_events.contains_key(&id) {
                return Some(Reply::error(
                    StatusCode::NOT_FOUND,
                    UNKNOWN_SCHEDULED_EVENT,
                    "Unknown Guild Scheduled Event",
                ));
            }
            match call.method.as_str() {
                "GET" => {
                    let event = state.scheduled_events[&id].clone();
                    typed::<ScheduledEvent>(state, "scheduled event", event)
                }
                "PATCH" => edit(shared, state, id, call.body()),
                _ => {
                    state.scheduled_events.remove(&id);
                    Reply::no_content()
                }
            }
        }
        _ => return None,
    })
}

fn invalid(message: &str) -> Reply {
    let mut reply = Reply::error(
        StatusCode::BAD_REQUEST,
        INVALID_FORM_BODY,
        "Invalid Form Body",
    );
    if let Some(body) = reply.body.as_mut() {
        body["errors"] = json!({"_errors": [{"code": "BASE_TYPE_INVALID", "message": message}]});
    }
    reply
}

/// Discord's rules for an external event, whole: what a create needs and what an edit must leave.
fn check_external(shared: &Shared, event: &Value, start_changed: bool) -> Option<Reply> {
    let location = event["entity_metadata"]["location"]
        .as_str()
        .unwrap_or_default();
    if !(1..=100).contains(&location.chars().count()) {
        return Some(invalid(
            "entity_metadata.location must be 1 to 100 characters for an external event",
        ));
    }
    let Some(end) = event["scheduled_end_time"].as_str() else {
        return Some(invalid(
            "scheduled_end_time is required for an external event",
        ));
    };
    let start = event["scheduled_start_time"].as_str().unwrap_or_default();
    let (Ok(start), Ok(end)) = (
        start.parse::<jiff::Timestamp>(),
        end.parse::<jiff::Timestamp>(),
    ) else {
        return Some(invalid("the start and end must be ISO 8601 times"));
    };
    if end <= start {
        return Some(invalid("the end must be after the start"));
    }
    let now = i64::try_from(shared.snowflakes.now_ms()).expect("the time fits");
    if start_changed && start.as_millisecond() < now {
        return Some(invalid("Cannot schedule event in the past."));
    }
    None
}

fn create(shared: &Shared, state: &mut State, body: &Value) -> Reply {
    if body["entity_type"].as_u64() != Some(EXTERNAL) {
        return invalid("this fake makes external events only");
    }
    let held = state
        .scheduled_events
        .values()
        .filter(|e| matches!(e["status"].as_u64(), Some(SCHEDULED | ACTIVE)))
        .count();
    if held >= MAX_EVENTS {
        return Reply::error(
            StatusCode::BAD_REQUEST,
            MAX_SCHEDULED_EVENTS,
            "Maximum number of guild scheduled events reached (100)",
        );
    }
    let id = shared.snowflakes.next();
    let fixture = &shared.fixture;
    let event = json!({
        "id": id.to_string(),
        "guild_id": fixture.guild_id.to_string(),
        "channel_id": null,
        "creator_id": fixture.bot.id.to_string(),
        "name": body["name"],
        "description": body.get("description").cloned().unwrap_or(Value::Null),
        "scheduled_start_time": body["scheduled_start_time"],
        "scheduled_end_time": body.get("scheduled_end_time").cloned().unwrap_or(Value::Null),
        "privacy_level": body["privacy_level"],
        "status": SCHEDULED,
        "entity_type": EXTERNAL,
        "entity_id": null,
        "entity_metadata": body["entity_metadata"],
        "user_count": 0,
        "image": null,
    });
    if let Some(refusal) = check_external(shared, &event, true) {
        return refusal;
    }
    state.scheduled_events.insert(id, event.clone());
    typed::<ScheduledEvent>(state, "scheduled event", event)
}

fn edit(shared: &Shared, state: &mut State, id: u64, body: &Value) -> Reply {
    let mut event = state.scheduled_events[&id].clone();
    let status = event["status"].as_u64().unwrap_or_default();
    if matches!(status, COMPLETED | CANCELED) {
        return invalid("a completed or cancelled event cannot be edited");
    }
    if let Some(new) = body.get("status").and_then(Value::as_u64) {
        // Discord allows SCHEDULED -> ACTIVE or CANCELED, and ACTIVE -> COMPLETED.
        let allowed = matches!(
            (status, new),
            (SCHEDULED, ACTIVE | CANCELED) | (ACTIVE, COMPLETED)
        ) || status == new;
        if !allowed {
            return invalid(&format!("the status cannot go from {status} to {new}"));
        }
    }
    for field in [
        "name",
        "description",
        "scheduled_start_time",
        "scheduled_end_time",
        "entity_metadata",
        "status",
    ] {
        if let Some(value) = body.get(field) {
            event[field] = value.clone();
        }
    }
    let start_changed = body.get("scheduled_start_time").is_some();
    if let Some(refusal) = check_external(shared, &event, start_changed) {
        return refusal;
    }
    state.scheduled_events.insert(id, event.clone());
    typed::<ScheduledEvent>(state, "scheduled event", event)
}
