//! The fake's REST API on plain HTTP: records and checks each request, then answers it as
//! Discord would, from the fake's state.

use super::openapi;
use super::payloads::{self, MessageParts};
use super::{
    InjectedFailure, InteractionFamily, InteractionRecord, RecordedRequest, Shared, State,
    StoredMessage, channel_history, dm_channel_for, fill_mentions, limits,
};
use http_body_util::{BodyExt, Full};
use hyper::body::{Bytes, Incoming};
use hyper::header::{AUTHORIZATION, CONTENT_TYPE, USER_AGENT};
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper::{HeaderMap, Method, Request, Response, StatusCode};
use hyper_util::rt::TokioIo;
use serde::de::DeserializeOwned;
use serde_json::{Value, json};
use serenity::all::{
    Channel, ChannelId, Command, CurrentApplicationInfo, CurrentUser, GuildChannel, GuildId,
    InteractionId, Member, Message, MessageId, PartialGuild, PrivateChannel, Role, Timestamp, User,
    UserId,
};
use serenity::model::gateway::{BotGateway, Gateway};
use std::convert::Infallible;
use std::sync::Arc;
use std::time::{Instant, SystemTime, UNIX_EPOCH};
use tokio::net::TcpListener;

/// Every REST path Discord serves starts with this.
const API_PREFIX: &str = "/api/v10";

#[path = "scheduled_events.rs"]
mod scheduled_events;

/// Message flags (`MessageFlags`) the fake reads from request bodies.
const SUPPRESS_EMBEDS: u64 = 1 << 2;
const EPHEMERAL: u64 = 1 << 6;
const LOADING: u64 = 1 << 7;
const SUPPRESS_NOTIFICATIONS: u64 = 1 << 12;
const IS_COMPONENTS_V2: u64 = 1 << 15;

/// Message types (`MessageType`) of the messages the bot creates.
const REGULAR_MESSAGE: u64 = 0;
const INLINE_REPLY: u64 = 19;
const CHAT_INPUT_COMMAND: u64 = 20;

/// Interaction callback types (`InteractionResponseType`).
const CHANNEL_MESSAGE_WITH_SOURCE: u64 = 4;
const DEFERRED_CHANNEL_MESSAGE_WITH_SOURCE: u64 = 5;
const DEFERRED_UPDATE_MESSAGE: u64 = 6;
const UPDATE_MESSAGE: u64 = 7;
const AUTOCOMPLETE_RESULT: u64 = 8;
const MODAL: u64 = 9;

/// Discord's JSON error codes the fake answers with.
const UNKNOWN_CHANNEL: u32 = 10_003;
const UNKNOWN_MEMBER: u32 = 10_007;
const UNKNOWN_MESSAGE: u32 = 10_008;
const UNKNOWN_WEBHOOK: u32 = 10_015;
const UNKNOWN_USER: u32 = 10_013;
const UNKNOWN_INTERACTION: u32 = 10_062;
const CANNOT_SEND_EMPTY_MESSAGE: u32 = 50_006;
const INVALID_FORM_BODY: u32 = 50_035;
const ALREADY_ACKNOWLEDGED: u32 = 40_060;

/// Accepts REST connections until the fake is dropped.
pub(super) async fn serve(listener: TcpListener, shared: Arc<Shared>) {
    loop {
        let Ok((stream, _)) = listener.accept().await else {
            continue;
        };
        // Small replies would otherwise wait for Nagle's algorithm.
        let _ = stream.set_nodelay(true);
        let shared = Arc::clone(&shared);
        tokio::spawn(async move {
            let service = service_fn(move |request| {
                let shared = Arc::clone(&shared);
                async move { Ok::<_, Infallible>(answer(&shared, request).await) }
            });
            // A connection error means the bot hung up, which is its right.
            let _ = http1::Builder::new()
                .serve_connection(TokioIo::new(stream), service)
                .await;
        });
    }
}

/// A file part of a multipart request.
#[derive(Debug)]
struct FilePart {
    filename: String,
    size: usize,
}

/// A request as the route handlers see it.
struct Call<'a> {
    method: &'a Method,
    route: &'a str,
    segments: Vec<&'a str>,
    query: &'a [(String, String)],
    body: Option<&'a Value>,
    files: &'a [FilePart],
}

impl Call<'_> {
    fn body(&self) -> &Value {
        static NULL: Value = Value::Null;
        self.body.unwrap_or(&NULL)
    }
}

/// The fake's answer to one request.
struct Reply {
    status: StatusCode,
    body: Option<Value>,
    headers: Vec<(&'static str, String)>,
}

impl Reply {
    fn json(value: Value) -> Self {
        Self {
            status: StatusCode::OK,
            body: Some(value),
            headers: Vec::new(),
        }
    }

    fn no_content() -> Self {
        Self {
            status: StatusCode::NO_CONTENT,
            body: None,
            headers: Vec::new(),
        }
    }

    fn error(status: StatusCode, code: u32, message: &str) -> Self {
        Self {
            status,
            body: Some(payloads::error_body(code, message)),
            headers: Vec::new(),
        }
    }

    fn not_found() -> Self {
        Self::error(StatusCode::NOT_FOUND, 0, "404: Not Found")
    }
}

/// Replies with `value` after checking that serenity parses it as `T`; a value serenity rejects
/// is a harness bug, recorded and answered with a 500 so the test fails fast.
fn typed<T: DeserializeOwned>(state: &mut State, what: &str, value: Value) -> Reply {
    match payloads::check_typed::<T>(what, &value) {
        Ok(_) => Reply::json(value),
        Err(message) => {
            let reply = Reply::error(
                StatusCode::INTERNAL_SERVER_ERROR,
                0,
                &format!("the fake built a reply serenity rejects: {message}"),
            );
            state.harness_errors.push(message);
            reply
        }
    }
}

async fn answer(shared: &Shared, request: Request<Incoming>) -> Response<Full<Bytes>> {
    let (parts, body) = request.into_parts();
    let bytes = body
        .collect()
        .await
        .map(http_body_util::Collected::to_bytes)
        .unwrap_or_default();
    let path = parts.uri.path().to_owned();
    let query = parse_query(parts.uri.query());
    let mut violations = Vec::new();
    let route = if let Some(route) = path.strip_prefix(API_PREFIX) {
        route.to_owned()
    } else {
        violations.push(format!("{} {path}: not under {API_PREFIX}", parts.method));
        path.clone()
    };
    let (body, files) = decode_body(
        &parts.method,
        &route,
        &parts.headers,
        &bytes,
        &mut violations,
    );
    check_headers(&parts.method, &route, &parts.headers, &mut violations);

    let spec_check = openapi::spec().check(&parts.method, &route, &query, body.as_ref());
    violations.extend(spec_check.violations.iter().cloned());
    let mut form_errors = spec_check.body_violations.clone();
    if let Some(body) = &body {
        form_errors.extend(limits::check(parts.method.as_str(), &route, body));
    }
    violations.extend(form_errors.iter().cloned());

    // The lock is held only here: the answer may wait (see `set_latency`) and must not block others.
    let (reply, delay) = {
        let mut state = shared.lock();
        let delay = state
            .latencies
            .iter()
            .find(|(method, prefix, _)| {
                *method == parts.method && route.starts_with(prefix.as_str())
            })
            .map(|(_, _, delay)| *delay);
        let reply = if let Some(reply) =
            refusal_or_fault(shared, &mut state, &parts.method, &route, &parts.headers)
        {
            reply
        } else if !form_errors.is_empty() {
            // Discord rejects a body that breaks its schema or limits with 400 Invalid Form Body.
            let mut reply = Reply::error(
                StatusCode::BAD_REQUEST,
                INVALID_FORM_BODY,
                "Invalid Form Body",
            );
            // Discord nests errors by field path; each violation already names its path, so all
            // go under the top-level `_errors`, which serenity reads into `ErrorResponse::errors`.
            let errors: Vec<Value> = form_errors
                .iter()
                .map(|message| json!({"code": "BASE_TYPE_INVALID", "message": message}))
                .collect();
            if let Some(body) = reply.body.as_mut() {
                body["errors"] = json!({"_errors": errors});
            }
            reply
        } else {
            let call = Call {
                method: &parts.method,
                route: &route,
                segments: route.trim_start_matches('/').split('/').collect(),
                query: &query,
                body: body.as_ref(),
                files: &files,
            };
            route_call(shared, &mut state, &call, &mut violations)
        };
        let index = state.requests.len();
        state.requests.push(RecordedRequest {
            index,
            method: parts.method.clone(),
            path,
            route,
            query,
            headers: parts.headers,
            body,
            spec_template: spec_check.template,
            status: reply.status,
            response: reply.body.clone(),
            received_at: Instant::now(),
        });
        state.violations.extend(violations);
        (reply, delay)
    };
    shared.requests_changed.send_modify(|count| *count += 1);
    if let Some(delay) = delay {
        tokio::time::sleep(delay).await;
    }
    into_response(&reply)
}

/// Discord's 401 for a token it does not know, whatever the route, or the fault a test armed for this
/// request.
fn refusal_or_fault(
    shared: &Shared,
    state: &mut State,
    method: &Method,
    route: &str,
    headers: &HeaderMap,
) -> Option<Reply> {
    let authorised = headers
        .get(AUTHORIZATION)
        .and_then(|value| value.to_str().ok())
        == Some(format!("Bot {}", shared.token).as_str());
    if !authorised {
        return Some(Reply::error(
            StatusCode::UNAUTHORIZED,
            0,
            "401: Unauthorized",
        ));
    }
    let index = state.failures.iter().position(|failure| {
        (failure.method == *method || failure.method == Method::OPTIONS)
            && route.starts_with(&failure.route_prefix)
    })?;
    let failure = state.failures[index].clone();
    match &mut state.failures[index].remaining {
        Some(1) => {
            state.failures.remove(index);
        }
        Some(left) => *left -= 1,
        None => {}
    }
    Some(injected_reply(&failure))
}

fn into_response(reply: &Reply) -> Response<Full<Bytes>> {
    let mut response = Response::builder().status(reply.status);
    for (name, value) in &reply.headers {
        response = response.header(*name, value);
    }
    let body = match &reply.body {
        Some(value) => {
            response = response.header(CONTENT_TYPE, "application/json");
            Bytes::from(serde_json::to_vec(value).expect("a JSON value serialises"))
        }
        None => Bytes::new(),
    };
    response
        .body(Full::new(body))
        .expect("the fake's status and headers are valid")
}

/// serenity writes `?&limit=5&before=1`; empty pairs are dropped and values taken as sent
/// (serenity does not percent-encode them).
fn parse_query(query: Option<&str>) -> Vec<(String, String)> {
    query
        .unwrap_or_default()
        .split('&')
        .filter(|pair| !pair.is_empty())
        .map(|pair| match pair.split_once('=') {
            Some((name, value)) => (name.to_owned(), value.to_owned()),
            None => (pair.to_owned(), String::new()),
        })
        .collect()
}

fn check_headers(method: &Method, route: &str, headers: &HeaderMap, violations: &mut Vec<String>) {
    // A wrong token is the bot's configuration, answered with 401; a missing `Bot ` prefix is the
    // client's mistake.
    if !headers
        .get(AUTHORIZATION)
        .and_then(|value| value.to_str().ok())
        .is_some_and(|value| value.starts_with("Bot "))
    {
        violations.push(format!(
            "{method} {route}: Authorization is not `Bot <token>`"
        ));
    }
    // Discord requires `DiscordBot ($url, $version)` and blocks other user agents.
    let agent = headers
        .get(USER_AGENT)
        .and_then(|value| value.to_str().ok())
        .unwrap_or_default();
    if !agent.starts_with("DiscordBot (") {
        violations.push(format!(
            "{method} {route}: User-Agent {agent:?} is not `DiscordBot (url, version)`"
        ));
    }
}

/// The JSON body of a request (the `payload_json` part of a multipart one) and its files.
fn decode_body(
    method: &Method,
    route: &str,
    headers: &HeaderMap,
    bytes: &Bytes,
    violations: &mut Vec<String>,
) -> (Option<Value>, Vec<FilePart>) {
    if bytes.is_empty() {
        return (None, Vec::new());
    }
    let content_type = headers
        .get(CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .unwrap_or_default();
    if let Some(boundary) = content_type.strip_prefix("multipart/form-data; boundary=") {
        return decode_multipart(method, route, boundary.trim_matches('"'), bytes, violations);
    }
    if content_type != "application/json" {
        violations.push(format!(
            "{method} {route}: body with Content-Type {content_type:?}, expected JSON"
        ));
    }
    match serde_json::from_slice(bytes) {
        Ok(value) => (Some(value), Vec::new()),
        Err(error) => {
            violations.push(format!("{method} {route}: body is not JSON: {error}"));
            (None, Vec::new())
        }
    }
}

fn decode_multipart(
    method: &Method,
    route: &str,
    boundary: &str,
    bytes: &[u8],
    violations: &mut Vec<String>,
) -> (Option<Value>, Vec<FilePart>) {
    let delimiter = format!("--{boundary}");
    let mut payload = None;
    let mut files = Vec::new();
    for part in split_bytes(bytes, delimiter.as_bytes()).into_iter().skip(1) {
        let part = part.strip_prefix(b"\r\n").unwrap_or(part);
        if part.starts_with(b"--") {
            break;
        }
        let Some(header_end) = find_bytes(part, b"\r\n\r\n") else {
            continue;
        };
        let head = String::from_utf8_lossy(&part[..header_end]);
        let content = part[header_end + 4..]
            .strip_suffix(b"\r\n")
            .unwrap_or(&part[header_end + 4..]);
        let field = |name: &str| {
            head.split(';').find_map(|piece| {
                piece
                    .trim()
                    .strip_prefix(&format!("{name}=\""))
                    .map(|rest| rest.trim_end_matches('"').to_owned())
            })
        };
        match (field("name").as_deref(), field("filename")) {
            (Some("payload_json"), _) => match serde_json::from_slice(content) {
                Ok(value) => payload = Some(value),
                Err(error) => violations.push(format!(
                    "{method} {route}: payload_json is not JSON: {error}"
                )),
            },
            (_, Some(filename)) => files.push(FilePart {
                filename,
                size: content.len(),
            }),
            (name, None) => violations.push(format!(
                "{method} {route}: unexpected multipart field {name:?}"
            )),
        }
    }
    (payload, files)
}

fn find_bytes(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack
        .windows(needle.len())
        .position(|window| window == needle)
}

fn split_bytes<'a>(mut bytes: &'a [u8], delimiter: &[u8]) -> Vec<&'a [u8]> {
    let mut pieces = Vec::new();
    while let Some(at) = find_bytes(bytes, delimiter) {
        pieces.push(&bytes[..at]);
        bytes = &bytes[at + delimiter.len()..];
    }
    pieces.push(bytes);
    pieces
}

/// The reply armed by `fail_next`, with rate-limit headers for a 429.
fn injected_reply(failure: &InjectedFailure) -> Reply {
    let mut reply = Reply {
        status: failure.status,
        body: Some(failure.body.clone()),
        headers: Vec::new(),
    };
    if failure.status == StatusCode::TOO_MANY_REQUESTS {
        let retry_after = failure.body["retry_after"].as_f64().unwrap_or(1.0);
        let global = failure.body["global"].as_bool().unwrap_or(false);
        let now = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .expect("the clock is after 1970")
            .as_secs_f64();
        #[allow(
            clippy::cast_possible_truncation,
            clippy::cast_sign_loss,
            reason = "retry_after is a few seconds at most"
        )]
        let whole_seconds = retry_after.ceil().max(1.0) as u64;
        reply.headers = vec![
            ("retry-after", whole_seconds.to_string()),
            ("x-ratelimit-limit", "5".to_owned()),
            ("x-ratelimit-remaining", "0".to_owned()),
            ("x-ratelimit-reset", format!("{:.3}", now + retry_after)),
            ("x-ratelimit-reset-after", format!("{retry_after:.3}")),
            ("x-ratelimit-bucket", "fake-bucket".to_owned()),
            (
                "x-ratelimit-scope",
                if global { "global" } else { "user" }.to_owned(),
            ),
        ];
        if global {
            reply
                .headers
                .push(("x-ratelimit-global", "true".to_owned()));
        }
    }
    reply
}

fn route_call(
    shared: &Shared,
    state: &mut State,
    call: &Call<'_>,
    violations: &mut Vec<String>,
) -> Reply {
    let reply = match call.segments.first().copied() {
        Some("gateway" | "users" | "oauth2") => route_accounts(shared, state, call),
        Some("applications") => route_applications(shared, state, call),
        Some("channels") => route_channels(shared, state, call, violations),
        Some("guilds") => route_guilds(shared, state, call),
        Some("interactions") => route_interaction_callback(shared, state, call, violations),
        Some("webhooks") => route_webhooks(shared, state, call, violations),
        _ => None,
    };
    reply.unwrap_or_else(|| {
        violations.push(format!(
            "{} {}: the fake does not serve this route",
            call.method, call.route
        ));
        Reply::not_found()
    })
}

fn route_accounts(shared: &Shared, state: &mut State, call: &Call<'_>) -> Option<Reply> {
    let fixture = &shared.fixture;
    Some(match (call.method.as_str(), call.segments.as_slice()) {
        ("GET", ["gateway"]) => {
            typed::<Gateway>(state, "GET /gateway", json!({"url": shared.gateway_url}))
        }
        ("GET", ["gateway", "bot"]) => {
            let value = json!({
                "url": shared.gateway_url,
                "shards": 1,
                "session_start_limit": {"total": 1000, "remaining": 999, "reset_after": 86_400_000, "max_concurrency": 1},
            });
            typed::<BotGateway>(state, "GET /gateway/bot", value)
        }
        ("GET", ["oauth2", "applications", "@me"]) => typed::<CurrentApplicationInfo>(
            state,
            "application info",
            payloads::application_info(fixture),
        ),
        ("GET", ["users", "@me"]) => {
            typed::<CurrentUser>(state, "current user", payloads::current_user(&fixture.bot))
        }
        ("GET", ["users", user]) => match user
            .parse()
            .ok()
            .and_then(|id| state.users.get(&UserId::new(id)))
            .cloned()
        {
            Some(user) => typed::<User>(state, "user", payloads::user(&user)),
            None => Reply::error(StatusCode::NOT_FOUND, UNKNOWN_USER, "Unknown User"),
        },
        ("POST", ["users", "@me", "channels"]) => {
            let recipient = call.body()["recipient_id"]
                .as_str()
                .and_then(|id| id.parse().ok())
                .map(UserId::new);
            match recipient.and_then(|id| state.users.get(&id).cloned()) {
                Some(user) => {
                    let channel = dm_channel_for(shared, state, user.id);
                    typed::<PrivateChannel>(
                        state,
                        "DM channel",
                        payloads::dm_channel(channel, &user),
                    )
                }
                None => Reply::error(StatusCode::NOT_FOUND, UNKNOWN_USER, "Unknown User"),
            }
        }
        _ => return None,
    })
}

fn route_applications(shared: &Shared, state: &mut State, call: &Call<'_>) -> Option<Reply> {
    let fixture = &shared.fixture;
    let (application, scope, rest) = match call.segments.as_slice() {
        ["applications", application, "commands", rest @ ..] => (*application, None, rest),
        [
            "applications",
            application,
            "guilds",
            guild,
            "commands",
            rest @ ..,
        ] => (*application, Some(GuildId::new(guild.parse().ok()?)), rest),
        _ => return None,
    };
    if application != fixture.application_id.to_string()
        || scope.is_some_and(|guild| guild != fixture.guild_id)
    {
        return Some(Reply::error(
            StatusCode::FORBIDDEN,
            50_001,
            "Missing Access",
        ));
    }
    Some(match (call.method.as_str(), rest) {
        ("GET", []) => {
            let commands = state
                .commands
                .by_scope
                .get(&scope)
                .cloned()
                .unwrap_or_default();
            typed::<Vec<Command>>(state, "command list", json!(commands))
        }
        ("PUT", []) => {
            let requested = call.body().as_array().cloned().unwrap_or_default();
            let registered: Vec<Value> = requested
                .iter()
                .map(|command| register_command(shared, state, scope, command))
                .collect();
            state.commands.by_scope.insert(scope, registered.clone());
            typed::<Vec<Command>>(state, "registered commands", json!(registered))
        }
        ("POST", []) => {
            let command = register_command(shared, state, scope, call.body());
            let list = state.commands.by_scope.entry(scope).or_default();
            list.retain(|existing| existing["name"] != command["name"]);
            list.push(command.clone());
            typed::<Command>(state, "registered command", command)
        }
        ("DELETE", [id]) => {
            let list = state.commands.by_scope.entry(scope).or_default();
            let before = list.len();
            list.retain(|command| command["id"] != *id);
            if list.len() == before {
                Reply::error(StatusCode::NOT_FOUND, 10_063, "Unknown application command")
            } else {
                Reply::no_content()
            }
        }
        _ => return None,
    })
}

/// The registered form of one command: the same id as before for the same name, a new version.
fn register_command(
    shared: &Shared,
    state: &mut State,
    scope: Option<GuildId>,
    request: &Value,
) -> Value {
    let name = request["name"].as_str().unwrap_or_default().to_owned();
    let id = *state
        .commands
        .ids
        .entry((scope, name))
        .or_insert_with(|| shared.snowflakes.next());
    let request = if request.is_object() {
        request.clone()
    } else {
        json!({})
    };
    payloads::registered_command(
        &request,
        id,
        shared.fixture.application_id,
        scope,
        shared.snowflakes.next(),
    )
}

fn parse_id(segment: &str) -> Option<u64> {
    segment.parse().ok()
}

/// Whether the bot can see `channel`: a channel of the fake guild or a DM channel it has.
fn channel_exists(shared: &Shared, state: &State, channel: ChannelId) -> bool {
    shared.fixture.is_guild_channel(channel) || state.dm_channels.values().any(|dm| *dm == channel)
}

fn route_channels(
    shared: &Shared,
    state: &mut State,
    call: &Call<'_>,
    violations: &mut Vec<String>,
) -> Option<Reply> {
    let ["channels", channel, rest @ ..] = call.segments.as_slice() else {
        return None;
    };
    let channel = ChannelId::new(parse_id(channel)?);
    if !channel_exists(shared, state, channel) {
        violations.push(format!(
            "{} {}: the bot used a channel that does not exist",
            call.method, call.route
        ));
        return Some(Reply::error(
            StatusCode::NOT_FOUND,
            UNKNOWN_CHANNEL,
            "Unknown Channel",
        ));
    }
    Some(match (call.method.as_str(), rest) {
        ("GET", []) => channel_json(shared, state, channel),
        ("POST", ["messages"]) => create_channel_message(shared, state, call, channel, violations),
        ("GET", ["messages"]) => list_messages(state, call, channel),
        ("GET" | "PATCH" | "DELETE", ["messages", message]) => {
            let message = MessageId::new(parse_id(message)?);
            if state
                .messages
                .get(&message)
                .is_none_or(|stored| stored.channel_id != channel)
            {
                return Some(Reply::error(
                    StatusCode::NOT_FOUND,
                    UNKNOWN_MESSAGE,
                    "Unknown Message",
                ));
            }
            match call.method.as_str() {
                "GET" => stored_message_reply(state, message),
                "PATCH" => edit_message(shared, state, call, message, violations),
                _ => {
                    state.messages.remove(&message);
                    Reply::no_content()
                }
            }
        }
        ("POST", ["typing"]) | ("PUT" | "DELETE", ["messages", _, "reactions", _, "@me"]) => {
            Reply::no_content()
        }
        _ => return None,
    })
}

fn channel_json(shared: &Shared, state: &mut State, channel: ChannelId) -> Reply {
    let fixture = &shared.fixture;
    if let Some(position) = fixture.channels.iter().position(|(id, _)| *id == channel) {
        let value =
            payloads::text_channel(fixture, channel, &fixture.channels[position].1, position);
        return typed::<Channel>(state, "channel", value);
    }
    let recipient = state
        .dm_channels
        .iter()
        .find(|(_, dm)| **dm == channel)
        .and_then(|(user, _)| state.users.get(user))
        .cloned();
    match recipient {
        Some(user) => typed::<Channel>(state, "DM channel", payloads::dm_channel(channel, &user)),
        None => Reply::error(StatusCode::NOT_FOUND, UNKNOWN_CHANNEL, "Unknown Channel"),
    }
}

fn stored_message_reply(state: &mut State, message: MessageId) -> Reply {
    match state
        .messages
        .get(&message)
        .map(|stored| stored.value.clone())
    {
        Some(value) => typed::<Message>(state, "message", value),
        None => Reply::error(StatusCode::NOT_FOUND, UNKNOWN_MESSAGE, "Unknown Message"),
    }
}

/// `GET /channels/{id}/messages`: the channel's messages (people's and the bot's), honouring
/// `limit` (default 50), `before` and `after` as Discord does: without `after`, the newest ones
/// (before `before`); with `after`, the oldest ones after it, so that paging forward from a point
/// reads every message since. Either way a page lists its messages newest first.
fn list_messages(state: &mut State, call: &Call<'_>, channel: ChannelId) -> Reply {
    let value_of = |name: &str| {
        call.query
            .iter()
            .find(|(key, _)| key == name)
            .and_then(|(_, value)| value.parse::<u64>().ok())
    };
    let limit =
        usize::try_from(value_of("limit").unwrap_or(50).clamp(1, 100)).expect("at most 100");
    let before = value_of("before");
    let after = value_of("after");
    let matching = channel_history(state, channel).filter(|stored| {
        let id = stored.value["id"]
            .as_str()
            .and_then(|id| id.parse::<u64>().ok())
            .unwrap_or_default();
        before.is_none_or(|before| id < before) && after.is_none_or(|after| id > after)
    });
    let mut page: Vec<&StoredMessage> = if after.is_some() && before.is_none() {
        let mut oldest_first: Vec<&StoredMessage> = matching.collect();
        oldest_first.reverse();
        oldest_first.truncate(limit);
        oldest_first.reverse();
        oldest_first
    } else {
        matching.take(limit).collect()
    };
    page.dedup_by_key(|stored| stored.value["id"].clone());
    let messages: Vec<Value> = page.iter().map(|stored| stored.value.clone()).collect();
    typed::<Vec<Message>>(state, "message list", json!(messages))
}

/// Whether a message body carries something to show; Discord refuses an empty message.
fn has_message_content(body: &Value, files: &[FilePart]) -> bool {
    let non_empty = |key: &str| match &body[key] {
        Value::String(text) => !text.is_empty(),
        Value::Array(items) => !items.is_empty(),
        Value::Object(_) => true,
        _ => false,
    };
    [
        "content",
        "embeds",
        "components",
        "sticker_ids",
        "attachments",
        "poll",
    ]
    .iter()
    .any(|key| non_empty(key))
        || !files.is_empty()
}

fn create_channel_message(
    shared: &Shared,
    state: &mut State,
    call: &Call<'_>,
    channel: ChannelId,
    violations: &mut Vec<String>,
) -> Reply {
    let body = call.body();
    if !has_message_content(body, call.files) {
        violations.push(format!(
            "POST {}: empty message (no content, embeds, components or files)",
            call.route
        ));
        return Reply::error(
            StatusCode::BAD_REQUEST,
            CANNOT_SEND_EMPTY_MESSAGE,
            "Cannot send an empty message",
        );
    }
    if body["flags"]
        .as_u64()
        .is_some_and(|flags| flags & EPHEMERAL != 0)
    {
        violations.push(format!(
            "POST {}: the EPHEMERAL flag only works on interaction responses; Discord posts this message publicly",
            call.route
        ));
    }
    // With `enforce_nonce`, Discord returns the message already created with this nonce in
    // this channel instead of creating a second one.
    let nonce = body["nonce"]
        .as_str()
        .map(str::to_owned)
        .or_else(|| body["nonce"].as_i64().map(|nonce| nonce.to_string()));
    let enforced_nonce = nonce.filter(|_| body["enforce_nonce"] == true);
    // Discord remembers a nonce for a few minutes only: a repeat after that creates a second message.
    let now_ms = shared.snowflakes.now_ms();
    if let Some(nonce) = &enforced_nonce {
        if let Some((existing, at_ms)) = state.nonces.get(&(channel, nonce.clone())).copied() {
            let remembered =
                u128::from(now_ms.saturating_sub(at_ms)) < super::NONCE_MEMORY.as_millis();
            if remembered && state.messages.contains_key(&existing) {
                return stored_message_reply(state, existing);
            }
        }
    }
    let reference = &body["message_reference"];
    let referenced = reference["message_id"]
        .as_str()
        .and_then(parse_id)
        .map(MessageId::new);
    let kind = if referenced.is_some() {
        INLINE_REPLY
    } else {
        REGULAR_MESSAGE
    };
    let mut message = new_bot_message(shared, channel, kind);
    apply_message_fields(shared, state, &mut message, body, call.files, channel);
    if !body["nonce"].is_null() {
        message["nonce"] = body["nonce"].clone();
    }
    if let Some(referenced) = referenced {
        match state.messages.get(&referenced) {
            Some(target) => {
                let mut echoed = json!({"type": 0, "message_id": referenced.to_string(), "channel_id": target.channel_id.to_string()});
                if shared.fixture.is_guild_channel(target.channel_id) {
                    echoed["guild_id"] = json!(shared.fixture.guild_id.to_string());
                }
                message["message_reference"] = echoed;
                message["referenced_message"] = target.value.clone();
            }
            None if reference["fail_if_not_exists"] == false => {}
            None => {
                violations.push(format!(
                    "POST {}: replies to message {referenced}, which does not exist",
                    call.route
                ));
                return Reply::error(
                    StatusCode::BAD_REQUEST,
                    INVALID_FORM_BODY,
                    "Invalid Form Body: Unknown message",
                );
            }
        }
    }
    let id = store_message(state, channel, message, false);
    if let Some(nonce) = enforced_nonce {
        state.nonces.insert((channel, nonce), (id, now_ms));
    }
    stored_message_reply(state, id)
}

/// A message authored by the bot, before the request's fields are applied.
fn new_bot_message(shared: &Shared, channel: ChannelId, kind: u64) -> Value {
    let id = shared.snowflakes.next();
    payloads::message(&MessageParts {
        id,
        channel_id: channel,
        author: &shared.fixture.bot,
        content: "",
        kind: u8::try_from(kind).expect("message types fit in u8"),
        flags: 0,
    })
}

fn store_message(
    state: &mut State,
    channel: ChannelId,
    message: Value,
    ephemeral: bool,
) -> MessageId {
    let id = MessageId::new(
        message["id"]
            .as_str()
            .and_then(parse_id)
            .expect("the fake's messages have ids"),
    );
    state.messages.insert(
        id,
        StoredMessage {
            channel_id: channel,
            value: message,
            ephemeral,
        },
    );
    id
}

/// Copies the fields a create or edit request sets onto `message`, as Discord stores them.
fn apply_message_fields(
    shared: &Shared,
    state: &State,
    message: &mut Value,
    body: &Value,
    files: &[FilePart],
    channel: ChannelId,
) {
    if let Some(content) = body.get("content") {
        let content = content.as_str().unwrap_or_default().to_owned();
        fill_mentions(shared, state, message, &content);
        message["content"] = json!(content);
    }
    if let Some(embeds) = body.get("embeds") {
        let embeds: Vec<Value> = embeds
            .as_array()
            .cloned()
            .unwrap_or_default()
            .into_iter()
            .map(normalise_embed)
            .collect();
        message["embeds"] = json!(embeds);
    }
    if let Some(components) = body.get("components") {
        message["components"] = if components.is_array() {
            components.clone()
        } else {
            json!([])
        };
    }
    if let Some(flags) = body.get("flags") {
        let kept = SUPPRESS_EMBEDS | EPHEMERAL | SUPPRESS_NOTIFICATIONS | IS_COMPONENTS_V2;
        let previous = message["flags"].as_u64().unwrap_or_default();
        message["flags"] =
            json!((previous & (EPHEMERAL | LOADING)) | (flags.as_u64().unwrap_or_default() & kept));
    }
    if let Some(tts) = body.get("tts") {
        message["tts"] = json!(tts.as_bool().unwrap_or_default());
    }
    if body.get("attachments").is_some() || !files.is_empty() {
        message["attachments"] = json!(attachments(shared, body, files, channel));
    }
}

/// Discord fills `type` and the size fields it computes; the rest is stored as sent.
fn normalise_embed(mut embed: Value) -> Value {
    if let Some(map) = embed.as_object_mut() {
        map.entry("type").or_insert(json!("rich"));
        if let Some(fields) = map.get_mut("fields").and_then(Value::as_array_mut) {
            for field in fields {
                field
                    .as_object_mut()
                    .map(|field| field.entry("inline").or_insert(json!(false)));
            }
        }
    }
    embed
}

/// The attachments of a message: the request's `attachments` entries, matched with the uploaded
/// files by position; files without an entry become attachments too.
fn attachments(
    shared: &Shared,
    body: &Value,
    files: &[FilePart],
    channel: ChannelId,
) -> Vec<Value> {
    let entries = body["attachments"].as_array().cloned().unwrap_or_default();
    let count = entries.len().max(files.len());
    (0..count)
        .map(|index| {
            let entry = entries.get(index).cloned().unwrap_or_default();
            let file = files.get(index);
            let filename = entry["filename"]
                .as_str()
                .map(str::to_owned)
                .or_else(|| file.map(|file| file.filename.clone()))
                .unwrap_or_default();
            let id = shared.snowflakes.next();
            let url = format!("https://cdn.discordapp.com/attachments/{channel}/{id}/{filename}");
            json!({
                "id": id.to_string(),
                "filename": filename,
                "description": entry["description"],
                "size": file.map_or(0, |file| file.size),
                "url": url,
                "proxy_url": url.replace("cdn.discordapp.com", "media.discordapp.net"),
            })
        })
        .collect()
}

fn edit_message(
    shared: &Shared,
    state: &mut State,
    call: &Call<'_>,
    message: MessageId,
    violations: &mut Vec<String>,
) -> Reply {
    let Some(stored) = state.messages.get(&message).cloned() else {
        return Reply::error(StatusCode::NOT_FOUND, UNKNOWN_MESSAGE, "Unknown Message");
    };
    if stored.value["author"]["id"] != shared.fixture.bot.id.to_string()
        && call.body().get("content").is_some()
    {
        violations.push(format!(
            "PATCH {}: the bot edits the content of someone else's message",
            call.route
        ));
        return Reply::error(
            StatusCode::FORBIDDEN,
            50_005,
            "Cannot edit a message authored by another user",
        );
    }
    let mut value = stored.value;
    apply_message_fields(
        shared,
        state,
        &mut value,
        call.body(),
        call.files,
        stored.channel_id,
    );
    value["edited_timestamp"] = json!(Timestamp::now().to_string());
    state
        .messages
        .insert(message, StoredMessage { value, ..stored });
    stored_message_reply(state, message)
}

fn route_guilds(shared: &Shared, state: &mut State, call: &Call<'_>) -> Option<Reply> {
    let fixture = &shared.fixture;
    let ["guilds", guild, rest @ ..] = call.segments.as_slice() else {
        return None;
    };
    if *guild != fixture.guild_id.to_string() {
        return Some(Reply::error(StatusCode::NOT_FOUND, 10_004, "Unknown Guild"));
    }
    // serenity adds `guild_id` to roles and members before parsing; the check does the same.
    let with_guild_id = |mut value: Value| {
        if let Some(map) = value.as_object_mut() {
            map.insert("guild_id".to_owned(), json!(fixture.guild_id.get()));
        }
        value
    };
    Some(match (call.method.as_str(), rest) {
        ("GET", []) => typed::<PartialGuild>(state, "guild", payloads::partial_guild(fixture)),
        (_, ["scheduled-events", ..]) => scheduled_events::route(shared, state, call, rest)?,
        ("GET", ["roles"]) => {
            let roles = payloads::roles(fixture);
            let checked: Vec<Value> = roles.iter().cloned().map(with_guild_id).collect();
            if let Err(message) = payloads::check_typed::<Vec<Role>>("role list", &json!(checked)) {
                state.harness_errors.push(message);
            }
            Reply::json(json!(roles))
        }
        ("GET", ["channels"]) => {
            let channels: Vec<Value> = (0..)
                .zip(&fixture.channels)
                .map(|(position, (id, name))| payloads::text_channel(fixture, *id, name, position))
                .collect();
            typed::<Vec<GuildChannel>>(state, "channel list", json!(channels))
        }
        ("GET", ["members", user]) => {
            let user = UserId::new(parse_id(user)?);
            match (
                state.users.get(&user).cloned(),
                state.member_roles.get(&user).cloned(),
            ) {
                (Some(user), Some(roles)) => {
                    let member = payloads::member(fixture, &user, &roles, true);
                    if let Err(message) =
                        payloads::check_typed::<Member>("member", &with_guild_id(member.clone()))
                    {
                        state.harness_errors.push(message);
                    }
                    Reply::json(member)
                }
                _ => Reply::error(StatusCode::NOT_FOUND, UNKNOWN_MEMBER, "Unknown Member"),
            }
        }
        _ => return None,
    })
}

fn route_interaction_callback(
    shared: &Shared,
    state: &mut State,
    call: &Call<'_>,
    violations: &mut Vec<String>,
) -> Option<Reply> {
    let ("POST", ["interactions", id, token, "callback"]) =
        (call.method.as_str(), call.segments.as_slice())
    else {
        return None;
    };
    let route = call.route;
    let interaction_id = InteractionId::new(parse_id(id)?);
    let Some(record) = state
        .interactions
        .get(*token)
        .filter(|record| record.id == interaction_id)
        .cloned()
    else {
        violations.push(format!("POST {route}: no such interaction"));
        return Some(Reply::error(
            StatusCode::NOT_FOUND,
            UNKNOWN_INTERACTION,
            "Unknown interaction",
        ));
    };
    if let Some(previous) = record.acknowledged_with {
        violations.push(format!(
            "POST {route}: the interaction was already answered (callback type {previous})"
        ));
        return Some(Reply::error(
            StatusCode::BAD_REQUEST,
            ALREADY_ACKNOWLEDGED,
            "Interaction has already been acknowledged.",
        ));
    }
    let elapsed = record.sent_at.elapsed();
    if elapsed > super::INTERACTION_RESPONSE_DEADLINE {
        violations.push(format!(
            "POST {route}: answered after {elapsed:?}; Discord expires interactions after 3 s"
        ));
        return Some(Reply::error(
            StatusCode::NOT_FOUND,
            UNKNOWN_INTERACTION,
            "Unknown interaction",
        ));
    }
    let body = call.body();
    let kind = body["type"].as_u64().unwrap_or_default();
    if !allowed_callbacks(record.family).contains(&kind) {
        violations.push(format!(
            "POST {route}: callback type {kind} is not allowed for a {:?} interaction",
            record.family
        ));
        return Some(Reply::error(
            StatusCode::BAD_REQUEST,
            INVALID_FORM_BODY,
            "Invalid Form Body",
        ));
    }
    let data = body.get("data").cloned().unwrap_or_default();
    if kind == CHANNEL_MESSAGE_WITH_SOURCE && !has_message_content(&data, call.files) {
        violations.push(format!("POST {route}: empty message response"));
        return Some(Reply::error(
            StatusCode::BAD_REQUEST,
            CANNOT_SEND_EMPTY_MESSAGE,
            "Cannot send an empty message",
        ));
    }
    let original = apply_callback(shared, state, &record, kind, &data, call.files);
    let entry = state
        .interactions
        .get_mut(*token)
        .expect("the interaction was found above");
    entry.acknowledged_with = Some(kind);
    entry.original_message = original;
    Some(Reply::no_content())
}

/// The callback types Discord accepts for each kind of interaction.
fn allowed_callbacks(family: InteractionFamily) -> &'static [u64] {
    match family {
        InteractionFamily::Command => &[
            CHANNEL_MESSAGE_WITH_SOURCE,
            DEFERRED_CHANNEL_MESSAGE_WITH_SOURCE,
            MODAL,
        ],
        InteractionFamily::Autocomplete => &[AUTOCOMPLETE_RESULT],
        InteractionFamily::Component => &[
            CHANNEL_MESSAGE_WITH_SOURCE,
            DEFERRED_CHANNEL_MESSAGE_WITH_SOURCE,
            DEFERRED_UPDATE_MESSAGE,
            UPDATE_MESSAGE,
            MODAL,
        ],
    }
}

/// Carries out an accepted callback and returns the message that `@original` now names: the
/// new answer or placeholder, or for component updates the message the component is on.
fn apply_callback(
    shared: &Shared,
    state: &mut State,
    record: &InteractionRecord,
    kind: u64,
    data: &Value,
    files: &[FilePart],
) -> Option<MessageId> {
    match kind {
        CHANNEL_MESSAGE_WITH_SOURCE | DEFERRED_CHANNEL_MESSAGE_WITH_SOURCE => Some(
            create_interaction_message(shared, state, record, kind, data, files),
        ),
        UPDATE_MESSAGE => {
            let message = record
                .component_message
                .expect("component interactions carry their message");
            if let Some(mut stored) = state.messages.get(&message).cloned() {
                apply_message_fields(
                    shared,
                    state,
                    &mut stored.value,
                    data,
                    files,
                    stored.channel_id,
                );
                stored.value["edited_timestamp"] = json!(Timestamp::now().to_string());
                state.messages.insert(message, stored);
            }
            Some(message)
        }
        DEFERRED_UPDATE_MESSAGE => record.component_message,
        _ => None,
    }
}

/// The message an interaction's initial response creates: the answer for type 4, the "thinking"
/// placeholder for type 5.
fn create_interaction_message(
    shared: &Shared,
    state: &mut State,
    record: &InteractionRecord,
    kind: u64,
    data: &Value,
    files: &[FilePart],
) -> MessageId {
    let message_kind = if record.family == InteractionFamily::Command {
        CHAT_INPUT_COMMAND
    } else {
        REGULAR_MESSAGE
    };
    let mut message = new_bot_message(shared, record.channel_id, message_kind);
    let requested_flags = data["flags"].as_u64().unwrap_or_default();
    if kind == DEFERRED_CHANNEL_MESSAGE_WITH_SOURCE {
        message["flags"] = json!(LOADING | (requested_flags & EPHEMERAL));
    } else {
        apply_message_fields(shared, state, &mut message, data, files, record.channel_id);
    }
    add_interaction_metadata(shared, &mut message, record);
    let ephemeral = message["flags"].as_u64().unwrap_or_default() & EPHEMERAL != 0;
    store_message(state, record.channel_id, message, ephemeral)
}

fn add_interaction_metadata(shared: &Shared, message: &mut Value, record: &InteractionRecord) {
    let application = shared.fixture.application_id.to_string();
    message["webhook_id"] = json!(application);
    message["application_id"] = json!(application);
    if let Some(name) = &record.command_name {
        message["interaction"] = json!({
            "id": record.id.to_string(),
            "type": 2,
            "name": name,
            "user": payloads::user(&record.user),
        });
    }
}

fn route_webhooks(
    shared: &Shared,
    state: &mut State,
    call: &Call<'_>,
    violations: &mut Vec<String>,
) -> Option<Reply> {
    let ["webhooks", application, token, rest @ ..] = call.segments.as_slice() else {
        return None;
    };
    let route = call.route;
    let method = call.method.as_str();
    let record = state.interactions.get(*token).cloned();
    let Some(record) = record.filter(|_| *application == shared.fixture.application_id.to_string())
    else {
        violations.push(format!(
            "{method} {route}: no interaction webhook with this application id and token"
        ));
        return Some(Reply::error(
            StatusCode::NOT_FOUND,
            UNKNOWN_WEBHOOK,
            "Unknown Webhook",
        ));
    };
    if record.acknowledged_with.is_none() {
        violations.push(format!(
            "{method} {route}: used before the interaction was answered with a callback"
        ));
        return Some(Reply::error(
            StatusCode::NOT_FOUND,
            UNKNOWN_WEBHOOK,
            "Unknown Webhook",
        ));
    }
    let target = match rest {
        [] => None,
        ["messages", "@original"] => {
            let Some(original) = record.original_message else {
                violations.push(format!(
                    "{method} {route}: the interaction has no message response to address"
                ));
                return Some(Reply::error(
                    StatusCode::NOT_FOUND,
                    UNKNOWN_MESSAGE,
                    "Unknown Message",
                ));
            };
            Some(original)
        }
        ["messages", id] => {
            let id = MessageId::new(parse_id(id)?);
            if !record.followups.contains(&id) && record.original_message != Some(id) {
                violations.push(format!(
                    "{method} {route}: not a message of this interaction"
                ));
                return Some(Reply::error(
                    StatusCode::NOT_FOUND,
                    UNKNOWN_MESSAGE,
                    "Unknown Message",
                ));
            }
            Some(id)
        }
        _ => return None,
    };
    Some(match (method, target) {
        ("POST", None) => create_followup(shared, state, call, &record, violations),
        ("GET", Some(message)) => stored_message_reply(state, message),
        ("PATCH", Some(message)) => {
            let reply = edit_message(shared, state, call, message, violations);
            // Editing a deferred response resolves its "thinking" state.
            if let Some(stored) = state.messages.get_mut(&message) {
                let flags = stored.value["flags"].as_u64().unwrap_or_default();
                stored.value["flags"] = json!(flags & !LOADING);
            }
            if reply.status.is_success() {
                stored_message_reply(state, message)
            } else {
                reply
            }
        }
        ("DELETE", Some(message)) => {
            state.messages.remove(&message);
            Reply::no_content()
        }
        _ => return None,
    })
}

/// `POST /webhooks/{app}/{token}`: a followup message. After a deferral, Discord treats the
/// first followup as resolving the "thinking" message: it edits that message and keeps its
/// ephemeral flag, whatever flags the followup asks for.
fn create_followup(
    shared: &Shared,
    state: &mut State,
    call: &Call<'_>,
    record: &InteractionRecord,
    violations: &mut Vec<String>,
) -> Reply {
    let body = call.body();
    if !has_message_content(body, call.files) {
        violations.push(format!("POST {}: empty followup message", call.route));
        return Reply::error(
            StatusCode::BAD_REQUEST,
            CANNOT_SEND_EMPTY_MESSAGE,
            "Cannot send an empty message",
        );
    }
    let loading_original = record.original_message.filter(|original| {
        state
            .messages
            .get(original)
            .is_some_and(|stored| stored.value["flags"].as_u64().unwrap_or_default() & LOADING != 0)
    });
    if let Some(original) = loading_original {
        let mut stored = state
            .messages
            .get(&original)
            .cloned()
            .expect("filtered on presence above");
        let kept_flags = stored.value["flags"].as_u64().unwrap_or_default() & EPHEMERAL;
        apply_message_fields(
            shared,
            state,
            &mut stored.value,
            body,
            call.files,
            stored.channel_id,
        );
        stored.value["flags"] = json!(
            kept_flags
                | (stored.value["flags"].as_u64().unwrap_or_default() & !(EPHEMERAL | LOADING))
        );
        state.messages.insert(original, stored);
        return stored_message_reply(state, original);
    }
    let mut message = new_bot_message(shared, record.channel_id, REGULAR_MESSAGE);
    apply_message_fields(
        shared,
        state,
        &mut message,
        body,
        call.files,
        record.channel_id,
    );
    add_interaction_metadata(shared, &mut message, record);
    let ephemeral = message["flags"].as_u64().unwrap_or_default() & EPHEMERAL != 0;
    let id = store_message(state, record.channel_id, message, ephemeral);
    if let Some(entry) = state.interactions.get_mut(&record.token) {
        entry.followups.push(id);
    }
    stored_message_reply(state, id)
}
