//! A fake Discord on 127.0.0.1 for end-to-end tests of the bot: REST over plain HTTP and the
//! gateway over a plain `ws://` websocket, driven by the real serenity client.
//!
//! What it guarantees:
//! - every REST request the bot makes is recorded, checked against Discord's `OpenAPI` spec (path,
//!   method, query and JSON body) and against documented limits the spec leaves out, and every
//!   failure becomes a [violation](FakeDiscord::violations);
//! - every payload the fake sends, over the gateway or as a REST reply, is first parsed as the
//!   serenity type that will receive it, so a fake that drifts from serenity fails loudly instead
//!   of having its events silently dropped;
//! - the gateway behaves like Discord's where bots commonly go wrong: intents filter what is
//!   delivered (no `MESSAGE_CONTENT` intent, no content), RESUME is refused, an interaction must be
//!   answered once and within three seconds.
//!
//! A test starts one fake, points the bot's `Http` at it, drives the bot with
//! [`FakeDiscord::send_message`] and [`FakeDiscord::send_interaction`], waits for the REST calls
//! it expects with [`FakeDiscord::wait_for`], and ends with [`RunningClient::shutdown`] and
//! [`FakeDiscord::assert_clean`]. `poise_seam.rs` does this for a poise bot; `harness.rs` for a
//! bare serenity client:
//!
//! ```ignore
//! let fake = FakeDiscord::start().await;
//! let http = HttpBuilder::new(fake.token())
//!     .proxy(fake.http_proxy_url())
//!     .ratelimiter_disabled(true)
//!     .build();
//! let client = ClientBuilder::new_with_http(http, intents).event_handler(handler).await?;
//! let bot = RunningClient::start(client);
//! fake.send_message(MessageSpec::guild("hello")).await;
//! let reply = fake
//!     .wait_for(|request| request.is("POST", "/channels/*/messages"), Duration::from_secs(10))
//!     .await;
//! bot.shutdown().await;
//! fake.assert_clean();
//! ```

// Each test uses a different part of the harness, so some items are unused in any one build.
#![allow(
    dead_code,
    reason = "the harness API is shared by all e2e tests; no single test uses all of it"
)]

mod client;
mod gateway;
mod limits;
mod openapi;
mod payloads;
mod rest;
mod specs;

pub use client::RunningClient;
pub use hyper::Method;
pub use specs::{
    CommandOption, GuildSpec, InteractionKind, InteractionSpec, MessageSpec, OptionValue, UserSpec,
};

use hyper::{HeaderMap, StatusCode};
use payloads::{Fixture, MessageParts, Snowflakes};
use serde_json::{Value, json};
use serenity::all::{
    ApplicationId, ChannelId, GatewayIntents, GuildId, InteractionCreateEvent, InteractionId,
    Message, MessageCreateEvent, MessageId, RoleId, UserId,
};
use serenity::http::{Http, HttpBuilder};
use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant};
use tokio::net::TcpListener;
use tokio::sync::{mpsc, watch};
use tokio::task::JoinHandle;

/// How long the send methods wait for the bot to have an identified gateway connection.
const GATEWAY_READY_TIMEOUT: Duration = Duration::from_secs(15);

/// Discord expects an interaction to be answered (or deferred) within this time.
pub const INTERACTION_RESPONSE_DEADLINE: Duration = Duration::from_secs(3);

/// A REST request the bot made, with what the fake answered.
#[derive(Clone, Debug)]
pub struct RecordedRequest {
    /// Position in the fake's request log, starting at 0.
    pub index: usize,
    pub method: Method,
    /// The path as sent, e.g. `/api/v10/channels/1/messages`.
    pub path: String,
    /// The path without the `/api/v10` prefix, e.g. `/channels/1/messages`.
    pub route: String,
    /// Query parameters in order. serenity writes `?&limit=5`; the empty pair is dropped.
    pub query: Vec<(String, String)>,
    pub headers: HeaderMap,
    /// The JSON body, or the `payload_json` part of a multipart body.
    pub body: Option<Value>,
    /// The spec's path template the route matched, e.g. `/channels/{channel_id}/messages`.
    pub spec_template: Option<String>,
    pub status: StatusCode,
    pub response: Option<Value>,
    pub received_at: Instant,
}

impl RecordedRequest {
    /// Whether this is `method` on a route matching `pattern`, where `*` stands for one path
    /// segment: `request.is("POST", "/channels/*/messages")`.
    pub fn is(&self, method: &str, pattern: &str) -> bool {
        self.method.as_str() == method && route_matches(&self.route, pattern)
    }

    /// The JSON body; panics if the request had none.
    #[track_caller]
    pub fn json(&self) -> &Value {
        self.body
            .as_ref()
            .unwrap_or_else(|| panic!("{} {} has no JSON body", self.method, self.path))
    }

    /// The message text the request carries: `content` of a message create or edit or of a
    /// webhook, or `data.content` of an interaction callback.
    pub fn content(&self) -> Option<&str> {
        let body = self.body.as_ref()?;
        body["content"]
            .as_str()
            .or_else(|| body["data"]["content"].as_str())
    }

    /// The query parameter `name`, if present.
    pub fn query_value(&self, name: &str) -> Option<&str> {
        self.query
            .iter()
            .find(|(key, _)| key == name)
            .map(|(_, value)| value.as_str())
    }
}

/// Whether `route` matches `pattern`, `*` matching any one segment.
fn route_matches(route: &str, pattern: &str) -> bool {
    let route: Vec<&str> = route.trim_start_matches('/').split('/').collect();
    let pattern: Vec<&str> = pattern.trim_start_matches('/').split('/').collect();
    route.len() == pattern.len()
        && route
            .iter()
            .zip(&pattern)
            .all(|(segment, expected)| *expected == "*" || segment == expected)
}

/// One IDENTIFY the bot sent.
#[derive(Clone, Debug)]
pub struct Identify {
    /// The token as sent; serenity sends it with the `Bot ` prefix.
    pub token: String,
    pub intents: GatewayIntents,
    pub connection: usize,
}

/// Returned by [`FakeDiscord::send_interaction`]: what identifies the interaction in the REST
/// calls the bot makes to answer it.
#[derive(Clone, Debug)]
pub struct InteractionHandle {
    pub id: InteractionId,
    pub token: String,
}

impl InteractionHandle {
    /// The route of the initial response, `/interactions/{id}/{token}/callback`.
    pub fn callback_route(&self) -> String {
        format!("/interactions/{}/{}/callback", self.id, self.token)
    }

    /// Whether `request` belongs to this interaction: its callback or a webhook call with its token.
    pub fn owns(&self, request: &RecordedRequest) -> bool {
        request.route == self.callback_route()
            || request.route.split('/').nth(3) == Some(self.token.as_str())
    }
}

/// A failure to answer instead of the real reply, armed by [`FakeDiscord::fail_next`] or
/// [`FakeDiscord::fail_every`].
#[derive(Clone, Debug)]
struct InjectedFailure {
    method: Method,
    route_prefix: String,
    status: StatusCode,
    body: Value,
    /// How many more requests it answers; `None` until cleared.
    remaining: Option<usize>,
}

/// How long Discord remembers a message nonce sent with `enforce_nonce`: "a few minutes".
pub const NONCE_MEMORY: Duration = Duration::from_secs(3 * 60);

/// A message the fake holds, as serenity's `Message` JSON.
#[derive(Clone, Debug)]
struct StoredMessage {
    channel_id: ChannelId,
    value: Value,
    /// Ephemeral messages are seen only by the interaction's user, never in channel history.
    ephemeral: bool,
}

/// What kind of interaction a token belongs to, which decides the responses Discord accepts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum InteractionFamily {
    Command,
    Autocomplete,
    Component,
}

#[derive(Clone, Debug)]
struct InteractionRecord {
    id: InteractionId,
    token: String,
    family: InteractionFamily,
    channel_id: ChannelId,
    direct: bool,
    user: UserSpec,
    command_name: Option<String>,
    /// The bot's message a component interaction came from.
    component_message: Option<MessageId>,
    sent_at: Instant,
    /// The callback type of the initial response, once there is one.
    acknowledged_with: Option<u64>,
    original_message: Option<MessageId>,
    followups: Vec<MessageId>,
}

/// The bot's registered application commands, by scope (`None` is global).
#[derive(Debug, Default)]
struct CommandRegistry {
    by_scope: HashMap<Option<GuildId>, Vec<Value>>,
    /// Command ids stay the same when a command is registered again, as on Discord.
    ids: HashMap<(Option<GuildId>, String), u64>,
}

/// The live gateway connection the fake dispatches to.
#[derive(Clone, Debug)]
struct LiveConnection {
    serial: usize,
    outbox: mpsc::UnboundedSender<Outgoing>,
    intents: GatewayIntents,
    session: String,
}

/// What the test side asks a gateway connection task to do.
#[derive(Debug)]
enum Outgoing {
    /// Send this frame, already numbered in its session.
    Frame(Value),
    /// Close the TCP connection without a websocket close frame.
    Drop,
}

/// A gateway session: its sequence numbers run across connections, and the dispatches it was sent are
/// kept, so that a RESUME replays those the bot missed, as Discord does.
#[derive(Debug, Default)]
struct Session {
    sequence: u64,
    sent: Vec<Value>,
    intents: GatewayIntents,
}

impl Session {
    /// The most dispatches kept for replay.
    const KEPT: usize = 1000;

    /// Numbers a dispatch and keeps it for replay.
    fn frame(&mut self, event: &str, data: &Value) -> Value {
        self.sequence += 1;
        let frame = json!({"op": 0, "s": self.sequence, "t": event, "d": data});
        self.sent.push(frame.clone());
        if self.sent.len() > Self::KEPT {
            self.sent.remove(0);
        }
        frame
    }
}

#[derive(Debug, Default)]
struct GatewayState {
    connections: usize,
    identifies: Vec<Identify>,
    /// RESUMEs the bot sent, and how many the fake accepted (with a replay).
    resumes: usize,
    resumed: usize,
    /// Dispatches sent again on a RESUME.
    replayed: usize,
    heartbeats: usize,
    live: Option<LiveConnection>,
    sessions: HashMap<String, Session>,
    /// The session of the last connection that identified or resumed: where events wait while the bot
    /// is reconnecting.
    latest: Option<String>,
}

/// Everything the fake remembers; guarded by one mutex that is never held across an `.await`.
#[derive(Debug, Default)]
struct State {
    requests: Vec<RecordedRequest>,
    violations: Vec<String>,
    /// Payloads the fake built that serenity could not parse: bugs in the fake, reported loudly.
    harness_errors: Vec<String>,
    /// Dispatches that Discord would not deliver to this bot, e.g. for missing intents.
    withheld: Vec<String>,
    failures: Vec<InjectedFailure>,
    /// Delays before answering matching requests, after their effect is applied: what a slow network
    /// looks like to a client that is killed while waiting.
    latencies: Vec<(Method, String, Duration)>,
    messages: BTreeMap<MessageId, StoredMessage>,
    /// Each enforced nonce's message and when it was created (the fake's Unix milliseconds).
    nonces: HashMap<(ChannelId, String), (MessageId, u64)>,
    users: HashMap<UserId, UserSpec>,
    member_roles: HashMap<UserId, Vec<RoleId>>,
    dm_channels: HashMap<UserId, ChannelId>,
    interactions: HashMap<String, InteractionRecord>,
    commands: CommandRegistry,
    gateway: GatewayState,
    /// The guild's scheduled events by id, as Discord returns them.
    scheduled_events: BTreeMap<u64, Value>,
}

/// What the REST and gateway tasks share with the test's handle.
struct Shared {
    fixture: Fixture,
    token: String,
    rest_url: String,
    gateway_url: String,
    snowflakes: Snowflakes,
    state: Mutex<State>,
    /// Bumped after each recorded request, so waiters wake without polling.
    requests_changed: watch::Sender<usize>,
    /// Bumped whenever a gateway connection opens, identifies or closes.
    gateway_changed: watch::Sender<usize>,
    /// While true, new gateway connections wait before their handshake: the bot cannot reconnect.
    gateway_held: watch::Sender<bool>,
}

impl Shared {
    fn lock(&self) -> MutexGuard<'_, State> {
        // A panic while holding the lock is a harness bug already reported by that panic; the
        // state is still usable for the rest of the report.
        self.state
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    fn bump_gateway(&self) {
        self.gateway_changed.send_modify(|count| *count += 1);
    }
}

/// The fake Discord: start one per test.
pub struct FakeDiscord {
    shared: Arc<Shared>,
    tasks: Vec<JoinHandle<()>>,
}

impl Drop for FakeDiscord {
    fn drop(&mut self) {
        for task in &self.tasks {
            task.abort();
        }
    }
}

impl FakeDiscord {
    /// The bot token the fake accepts; serenity adds the `Bot ` prefix itself.
    pub const TOKEN: &'static str = "fake-token-for-usher-tests";

    /// Starts the fake with the default guild (channels `general` and `announcements`, role
    /// `organiser`) on ephemeral 127.0.0.1 ports.
    pub async fn start() -> Self {
        Self::start_with(&GuildSpec::default()).await
    }

    /// Starts the fake with the guild the test describes.
    pub async fn start_with(guild: &GuildSpec) -> Self {
        let rest_listener = TcpListener::bind("127.0.0.1:0")
            .await
            .expect("binding the fake REST port on 127.0.0.1");
        let gateway_listener = TcpListener::bind("127.0.0.1:0")
            .await
            .expect("binding the fake gateway port on 127.0.0.1");
        let rest_url = format!(
            "http://{}",
            rest_listener
                .local_addr()
                .expect("a bound socket has an address")
        );
        let gateway_url = format!(
            "ws://{}",
            gateway_listener
                .local_addr()
                .expect("a bound socket has an address")
        );
        let fixture = Fixture::new(guild);

        // The payloads every connection starts with are checked here, on the test's task, so a
        // fixture serenity cannot parse fails the test at once with serde's message.
        payloads::expect_typed::<serenity::all::ReadyEvent>(
            "READY",
            &payloads::ready(&fixture, "check", &gateway_url),
        );
        payloads::expect_typed::<serenity::all::GuildCreateEvent>(
            "GUILD_CREATE",
            &payloads::guild_create(&fixture),
        );

        let mut state = State::default();
        for user in [
            UserSpec::alice(),
            UserSpec::bob(),
            fixture.owner.clone(),
            fixture.bot.clone(),
        ] {
            state.users.insert(user.id, user);
        }
        state.member_roles.insert(fixture.bot.id, Vec::new());
        let shared = Arc::new(Shared {
            fixture,
            token: Self::TOKEN.to_owned(),
            rest_url,
            gateway_url,
            snowflakes: Snowflakes::new(),
            state: Mutex::new(state),
            requests_changed: watch::channel(0).0,
            gateway_changed: watch::channel(0).0,
            gateway_held: watch::channel(false).0,
        });
        let tasks = vec![
            tokio::spawn(rest::serve(rest_listener, Arc::clone(&shared))),
            tokio::spawn(gateway::serve(gateway_listener, Arc::clone(&shared))),
        ];
        // Touching the spec here makes its one-time load happen before the bot's first request.
        openapi::spec();
        Self { shared, tasks }
    }

    /// How long loading Discord's `OpenAPI` spec took in this process (it is loaded once).
    pub fn spec_load_time() -> Duration {
        openapi::spec().load_time
    }

    /// `http://127.0.0.1:PORT`, for `HttpBuilder::proxy`.
    pub fn http_proxy_url(&self) -> &str {
        &self.shared.rest_url
    }

    /// `ws://127.0.0.1:PORT`, what `GET /gateway` answers.
    pub fn gateway_url(&self) -> &str {
        &self.shared.gateway_url
    }

    pub fn token(&self) -> &str {
        &self.shared.token
    }

    /// An `Http` aimed at the fake: the proxy and a disabled ratelimiter, both required (with
    /// the ratelimiter on, serenity builds requests without the proxy).
    pub fn http(&self) -> Http {
        HttpBuilder::new(self.token())
            .proxy(self.http_proxy_url())
            .ratelimiter_disabled(true)
            .build()
    }

    /// The guild's scheduled events, whatever their status, oldest first.
    pub fn scheduled_events(&self) -> Vec<Value> {
        self.shared
            .lock()
            .scheduled_events
            .values()
            .cloned()
            .collect()
    }

    pub fn bot_user_id(&self) -> UserId {
        self.shared.fixture.bot.id
    }

    pub fn application_id(&self) -> ApplicationId {
        self.shared.fixture.application_id
    }

    pub fn guild_id(&self) -> GuildId {
        self.shared.fixture.guild_id
    }

    /// The owner of the application, as `GET /oauth2/applications/@me` reports it.
    pub fn owner(&self) -> UserSpec {
        self.shared.fixture.owner.clone()
    }

    /// The id of the guild's text channel `name`; panics if the guild has none by that name.
    #[track_caller]
    pub fn channel_id(&self, name: &str) -> ChannelId {
        let fixture = &self.shared.fixture;
        let Some((id, _)) = fixture.channels.iter().find(|(_, channel)| channel == name) else {
            panic!(
                "the fake guild has no channel {name:?}; it has {:?}",
                fixture.channels
            );
        };
        *id
    }

    /// The guild's first text channel, where messages go unless a test picks another.
    pub fn default_channel_id(&self) -> ChannelId {
        self.shared.fixture.default_channel()
    }

    /// The id of the guild role `name`; `@everyone` has the guild's id.
    #[track_caller]
    pub fn role_id(&self, name: &str) -> RoleId {
        let fixture = &self.shared.fixture;
        if name == "@everyone" {
            return RoleId::new(fixture.guild_id.get());
        }
        let Some((id, _)) = fixture.roles.iter().find(|(_, role)| role == name) else {
            panic!(
                "the fake guild has no role {name:?}; it has {:?}",
                fixture.roles
            );
        };
        *id
    }

    /// The bot's DM channel with `user`, created on first use.
    pub fn dm_channel_id(&self, user: &UserSpec) -> ChannelId {
        let mut state = self.shared.lock();
        state.users.entry(user.id).or_insert_with(|| user.clone());
        dm_channel_for(&self.shared, &mut state, user.id)
    }

    /// Sends `MESSAGE_CREATE` for a message a person writes, and returns its id.
    ///
    /// Waits (up to 15 s) for the bot to have an identified gateway connection. Like Discord,
    /// the fake delivers nothing without the `GUILD_MESSAGES` (guild) or `DIRECT_MESSAGES` (DM)
    /// intent, and blanks the content of guild messages that do not mention the bot when the
    /// `MESSAGE_CONTENT` intent is missing; withheld events show in timeout reports.
    pub async fn send_message(&self, spec: MessageSpec) -> MessageId {
        let live = self.live_connection().await;
        let (id, data, required_intent, content_visible) = {
            let mut state = self.shared.lock();
            build_user_message(&self.shared, &mut state, &spec, live.intents)
        };
        payloads::expect_typed::<MessageCreateEvent>("MESSAGE_CREATE", &data);
        if !live.intents.contains(required_intent) {
            self.shared.lock().withheld.push(format!(
                "MESSAGE_CREATE {id} ({:?}) not delivered: the bot did not ask for the {required_intent:?} intent",
                spec.content
            ));
            return id;
        }
        if !content_visible {
            self.shared.lock().withheld.push(format!(
                "MESSAGE_CREATE {id} delivered with empty content: no MESSAGE_CONTENT intent and the bot is not mentioned"
            ));
        }
        self.dispatch(&live, "MESSAGE_CREATE", &data);
        id
    }

    /// Sends `INTERACTION_CREATE` for a slash command, autocomplete, or component interaction.
    pub async fn send_interaction(&self, spec: InteractionSpec) -> InteractionHandle {
        let live = self.live_connection().await;
        let (handle, data) = {
            let mut state = self.shared.lock();
            build_interaction(&self.shared, &mut state, &spec)
        };
        payloads::expect_typed::<InteractionCreateEvent>("INTERACTION_CREATE", &data);
        self.dispatch(&live, "INTERACTION_CREATE", &data);
        handle
    }

    fn dispatch(&self, live: &LiveConnection, event: &'static str, data: &Value) {
        let frame = {
            let mut state = self.shared.lock();
            let session = state
                .gateway
                .sessions
                .entry(live.session.clone())
                .or_default();
            session.frame(event, data)
        };
        if live.outbox.send(Outgoing::Frame(frame)).is_err() {
            // The connection closed between choosing it and sending: Discord would lose the
            // event too, but a test should know.
            self.shared.lock().withheld.push(format!(
                "{event} lost: gateway connection {} closed while sending",
                live.serial
            ));
        }
    }

    /// Waits until the bot has an identified gateway connection, and returns it.
    async fn live_connection(&self) -> LiveConnection {
        let mut changes = self.shared.gateway_changed.subscribe();
        let deadline = tokio::time::Instant::now() + GATEWAY_READY_TIMEOUT;
        loop {
            if let Some(live) = self.shared.lock().gateway.live.clone() {
                if !live.outbox.is_closed() {
                    return live;
                }
            }
            if tokio::time::timeout_at(deadline, changes.changed())
                .await
                .is_err()
            {
                panic!(
                    "the bot has no identified gateway connection after {GATEWAY_READY_TIMEOUT:?}\n{}",
                    self.report()
                );
            }
        }
    }

    /// Waits until the bot has identified on a gateway connection.
    pub async fn wait_until_ready(&self) {
        self.live_connection().await;
    }

    /// Waits until the bot has sent `count` IDENTIFYs in all, e.g. 2 after a reconnect.
    pub async fn wait_for_identify_count(&self, count: usize, timeout: Duration) {
        let mut changes = self.shared.gateway_changed.subscribe();
        let deadline = tokio::time::Instant::now() + timeout;
        while self.identify_count() < count {
            if tokio::time::timeout_at(deadline, changes.changed())
                .await
                .is_err()
            {
                panic!(
                    "expected {count} IDENTIFYs within {timeout:?}, saw {}\n{}",
                    self.identify_count(),
                    self.report()
                );
            }
        }
    }

    /// Every REST request the bot has made so far, in order.
    pub fn requests(&self) -> Vec<RecordedRequest> {
        self.shared.lock().requests.clone()
    }

    /// How many REST requests the bot has made so far; pass it to [`Self::wait_for_after`] to
    /// ignore earlier ones.
    pub fn request_count(&self) -> usize {
        self.shared.lock().requests.len()
    }

    /// Waits for the first REST request (already made or still to come) that `matches` accepts.
    /// Panics after `timeout` with a report of what the bot did instead.
    pub async fn wait_for(
        &self,
        matches: impl Fn(&RecordedRequest) -> bool,
        timeout: Duration,
    ) -> RecordedRequest {
        self.wait_for_after(0, matches, timeout).await
    }

    /// Like [`Self::wait_for`], but considers only requests from index `first` on.
    pub async fn wait_for_after(
        &self,
        first: usize,
        matches: impl Fn(&RecordedRequest) -> bool,
        timeout: Duration,
    ) -> RecordedRequest {
        let mut found = self.wait_for_count_after(first, matches, 1, timeout).await;
        found.swap_remove(0)
    }

    /// Waits until `count` REST requests match, and returns the matching ones (there may be
    /// more than `count` by then).
    pub async fn wait_for_count(
        &self,
        matches: impl Fn(&RecordedRequest) -> bool,
        count: usize,
        timeout: Duration,
    ) -> Vec<RecordedRequest> {
        self.wait_for_count_after(0, matches, count, timeout).await
    }

    async fn wait_for_count_after(
        &self,
        first: usize,
        matches: impl Fn(&RecordedRequest) -> bool,
        count: usize,
        timeout: Duration,
    ) -> Vec<RecordedRequest> {
        let mut changes = self.shared.requests_changed.subscribe();
        let deadline = tokio::time::Instant::now() + timeout;
        loop {
            let found: Vec<RecordedRequest> = {
                let state = self.shared.lock();
                assert!(
                    state.harness_errors.is_empty(),
                    "the fake built a payload serenity rejects:\n{}",
                    state.harness_errors.join("\n")
                );
                state
                    .requests
                    .iter()
                    .skip(first)
                    .filter(|request| matches(request))
                    .cloned()
                    .collect()
            };
            if found.len() >= count {
                return found;
            }
            if tokio::time::timeout_at(deadline, changes.changed())
                .await
                .is_err()
            {
                panic!(
                    "waited {timeout:?} for {count} matching request(s), saw {}\n{}",
                    found.len(),
                    self.report()
                );
            }
        }
    }

    /// The message with `id` as the fake holds it now (after edits), if it exists.
    pub fn message(&self, id: MessageId) -> Option<Message> {
        let value = self.shared.lock().messages.get(&id)?.value.clone();
        Some(payloads::expect_typed("stored message", &value))
    }

    /// The non-ephemeral messages in `channel`, newest first, as `GET /channels/{id}/messages`
    /// returns them.
    pub fn channel_messages(&self, channel: ChannelId) -> Vec<Message> {
        let values: Vec<Value> = channel_history(&self.shared.lock(), channel)
            .map(|stored| stored.value.clone())
            .collect();
        values
            .iter()
            .map(|value| payloads::expect_typed("stored message", value))
            .collect()
    }

    /// The bot's initial response to an interaction, as it stands now (after edits).
    pub fn original_response(&self, interaction: &InteractionHandle) -> Option<Message> {
        let id = self
            .shared
            .lock()
            .interactions
            .get(&interaction.token)?
            .original_message?;
        self.message(id)
    }

    /// The followup messages the bot sent for an interaction, oldest first.
    pub fn followups(&self, interaction: &InteractionHandle) -> Vec<Message> {
        let ids = self
            .shared
            .lock()
            .interactions
            .get(&interaction.token)
            .map(|record| record.followups.clone());
        ids.unwrap_or_default()
            .into_iter()
            .filter_map(|id| self.message(id))
            .collect()
    }

    /// How many websocket connections the bot has opened to the gateway.
    pub fn gateway_connections(&self) -> usize {
        self.shared.lock().gateway.connections
    }

    pub fn identify_count(&self) -> usize {
        self.shared.lock().gateway.identifies.len()
    }

    pub fn identifies(&self) -> Vec<Identify> {
        self.shared.lock().gateway.identifies.clone()
    }

    /// How many RESUMEs the bot sent.
    pub fn resume_attempts(&self) -> usize {
        self.shared.lock().gateway.resumes
    }

    /// How many RESUMEs the fake accepted, replaying what the bot missed.
    pub fn resumed_sessions(&self) -> usize {
        self.shared.lock().gateway.resumed
    }

    /// How many dispatches RESUMEs replayed.
    pub fn replayed_events(&self) -> usize {
        self.shared.lock().gateway.replayed
    }

    /// Keeps the bot from reconnecting (`true`) until released (`false`).
    pub fn hold_gateway(&self, held: bool) {
        self.shared.gateway_held.send_replace(held);
    }

    /// Waits until the fake has accepted `count` RESUMEs in all.
    pub async fn wait_for_resumed(&self, count: usize, timeout: Duration) {
        let mut changes = self.shared.gateway_changed.subscribe();
        let deadline = tokio::time::Instant::now() + timeout;
        while self.resumed_sessions() < count {
            if tokio::time::timeout_at(deadline, changes.changed())
                .await
                .is_err()
            {
                panic!(
                    "expected {count} resumed session(s) within {timeout:?}\n{}",
                    self.report()
                );
            }
        }
    }

    /// Queues `MESSAGE_CREATE` for a message a person writes while the bot is disconnected: Discord keeps
    /// it in the bot's session and replays it when the bot resumes (or sends it at once if the bot has
    /// resumed already). Returns its id.
    pub fn send_message_while_disconnected(&self, spec: &MessageSpec) -> MessageId {
        let mut state = self.shared.lock();
        let session = state
            .gateway
            .latest
            .clone()
            .expect("the bot has had a session to resume");
        let intents = state
            .gateway
            .sessions
            .get(&session)
            .map_or(GatewayIntents::empty(), |s| s.intents);
        let (id, data, _, _) = build_user_message(&self.shared, &mut state, spec, intents);
        let frame = state
            .gateway
            .sessions
            .entry(session.clone())
            .or_default()
            .frame("MESSAGE_CREATE", &data);
        // The bot may have resumed already: then it gets the event now, like any other.
        if let Some(live) = state.gateway.live.as_ref().filter(|l| l.session == session) {
            let _ = live.outbox.send(Outgoing::Frame(frame));
        }
        id
    }

    /// Lets `by` pass on the fake's clock: message ids and the memory of nonces follow, as they would on
    /// Discord after so long.
    pub fn advance_clock(&self, by: Duration) {
        self.shared.snowflakes.advance(by);
    }

    /// Puts a message in `channel` from `author`, with an embed whose footer is `footer` if given, as if
    /// posted while no one was watching: it reaches no gateway connection.
    pub fn insert_message(
        &self,
        channel: ChannelId,
        author: &UserSpec,
        content: &str,
        footer: Option<&str>,
    ) -> MessageId {
        let id = MessageId::new(self.shared.snowflakes.next());
        let mut message = payloads::message(&MessageParts {
            id: id.get(),
            channel_id: channel,
            author,
            content,
            kind: 0,
            flags: 0,
        });
        if let Some(footer) = footer {
            message["embeds"] =
                json!([{"type": "rich", "description": content, "footer": {"text": footer}}]);
        }
        let mut state = self.shared.lock();
        state
            .users
            .entry(author.id)
            .or_insert_with(|| author.clone());
        state.messages.insert(
            id,
            StoredMessage {
                channel_id: channel,
                value: message,
                ephemeral: false,
            },
        );
        id
    }

    /// How many times the bot asked `GET /gateway` for the websocket URL.
    pub fn gateway_url_requests(&self) -> usize {
        self.shared
            .lock()
            .requests
            .iter()
            .filter(|request| request.is("GET", "/gateway"))
            .count()
    }

    /// Closes the current gateway connection abruptly (no close frame), as a network failure
    /// would, so the bot must reconnect. serenity tries to RESUME on a new connection; the fake
    /// accepts, replays what the bot missed, and the session carries on.
    pub fn drop_gateway(&self) {
        let live = self.shared.lock().gateway.live.take();
        if let Some(live) = live {
            // An error means the connection is already gone, which is what was asked.
            let _ = live.outbox.send(Outgoing::Drop);
        }
        self.shared.bump_gateway();
    }

    /// Answers the next `method` request whose route (without `/api/v10`) starts with
    /// `route_prefix` with `status` and `body` instead of serving it. A 429 gets Discord's
    /// rate-limit headers, computed from `retry_after` and `global` in `body`.
    /// Answers every `method` request whose route starts with `route_prefix` only after `delay`, with
    /// its effect (a created message, say) already applied. A bot killed while waiting has then sent a
    /// request that took effect without learning so: the case exactly-once posting must survive.
    pub fn set_latency(&self, method: Method, route_prefix: &str, delay: Duration) {
        self.shared
            .lock()
            .latencies
            .push((method, route_prefix.to_owned(), delay));
    }

    pub fn fail_next(&self, method: Method, route_prefix: &str, status: u16, body: Value) {
        self.fail(method, route_prefix, status, body, Some(1));
    }

    /// Answers every matching request with `status` and `body` until [`Self::clear_failures`]: an
    /// endpoint that is down. `Method::OPTIONS` stands for every method.
    pub fn fail_every(&self, method: Method, route_prefix: &str, status: u16, body: Value) {
        self.fail(method, route_prefix, status, body, None);
    }

    /// Ends the failures armed with [`Self::fail_every`] and any unused ones.
    pub fn clear_failures(&self) {
        self.shared.lock().failures.clear();
    }

    fn fail(
        &self,
        method: Method,
        route_prefix: &str,
        status: u16,
        body: Value,
        remaining: Option<usize>,
    ) {
        let route_prefix = route_prefix
            .strip_prefix("/api/v10")
            .unwrap_or(route_prefix)
            .to_owned();
        let status = StatusCode::from_u16(status).expect("a failure needs a valid HTTP status");
        self.shared.lock().failures.push(InjectedFailure {
            method,
            route_prefix,
            status,
            body,
            remaining,
        });
    }

    /// Answers the next matching request with Discord's 429 for a per-route rate limit.
    pub fn fail_next_rate_limited(
        &self,
        method: Method,
        route_prefix: &str,
        retry_after: Duration,
    ) {
        let body = json!({
            "message": "You are being rate limited.",
            "retry_after": retry_after.as_secs_f64(),
            "global": false,
        });
        self.fail_next(method, route_prefix, 429, body);
    }

    /// Contract violations collected so far: spec mismatches, broken limits, misuse of
    /// interactions, unknown routes.
    pub fn violations(&self) -> Vec<String> {
        self.shared.lock().violations.clone()
    }

    /// Returns and forgets the violations so far, for tests that provoke one on purpose.
    pub fn take_violations(&self) -> Vec<String> {
        std::mem::take(&mut self.shared.lock().violations)
    }

    /// Panics with a report if any violation or harness error was recorded.
    #[track_caller]
    pub fn assert_clean(&self) {
        let state = self.shared.lock();
        if state.violations.is_empty() && state.harness_errors.is_empty() {
            return;
        }
        drop(state);
        panic!("the bot broke Discord's contract:\n{}", self.report());
    }

    /// A readable summary of what happened, for failure messages.
    pub fn report(&self) -> String {
        let state = self.shared.lock();
        let mut report = String::new();
        let gateway = &state.gateway;
        let _ = writeln!(
            report,
            "gateway: {} connection(s), {} IDENTIFY(s), {} RESUME(s) ({} accepted), live: {}",
            gateway.connections,
            gateway.identifies.len(),
            gateway.resumes,
            gateway.resumed,
            gateway
                .live
                .as_ref()
                .map_or("none".to_owned(), |live| format!("#{}", live.serial))
        );
        let _ = writeln!(report, "REST requests ({}):", state.requests.len());
        // The last requests tell the most; a burst of hundreds would drown the report.
        let skip = state.requests.len().saturating_sub(40);
        for request in state.requests.iter().skip(skip) {
            let content = request
                .content()
                .map(|text| format!(" {:?}", openapi::shorten_to(text, 60)))
                .unwrap_or_default();
            let _ = writeln!(
                report,
                "  #{} {} {} -> {}{content}",
                request.index,
                request.method,
                request.route,
                request.status.as_u16()
            );
        }
        for (title, lines) in [
            ("violations", &state.violations),
            ("harness errors", &state.harness_errors),
            ("events Discord would not deliver as sent", &state.withheld),
        ] {
            if !lines.is_empty() {
                let _ = writeln!(report, "{title}:");
                for line in lines {
                    let _ = writeln!(report, "  - {line}");
                }
            }
        }
        report
    }
}

/// The violations the fake would record for a request, without a fake or a bot: Discord's
/// spec for `method route` (without `/api/v10`) and the limits it leaves out. Useful to check
/// a builder's JSON directly, e.g. `serde_json::to_value(CreateMessage::new()...)`.
pub fn contract_violations(method: &Method, route: &str, body: Option<&Value>) -> Vec<String> {
    let check = openapi::spec().check(method, route, &[], body);
    let mut violations = check.violations;
    violations.extend(check.body_violations);
    if let Some(body) = body {
        violations.extend(limits::check(method.as_str(), route, body));
    }
    violations
}

/// The bot's DM channel with `user`, created on first use.
fn dm_channel_for(shared: &Shared, state: &mut State, user: UserId) -> ChannelId {
    *state
        .dm_channels
        .entry(user)
        .or_insert_with(|| ChannelId::new(shared.snowflakes.next()))
}

/// The stored, non-ephemeral messages of `channel`, newest first.
fn channel_history(state: &State, channel: ChannelId) -> impl Iterator<Item = &StoredMessage> {
    state
        .messages
        .values()
        .rev()
        .filter(move |stored| stored.channel_id == channel && !stored.ephemeral)
}

/// Users, roles and `@everyone` mentioned in `content`, parsed as Discord does from `<@id>`,
/// `<@!id>` and `<@&id>`.
#[derive(Debug, Default)]
struct Mentions {
    users: Vec<u64>,
    roles: Vec<u64>,
    everyone: bool,
}

fn parse_mentions(content: &str) -> Mentions {
    let mut mentions = Mentions {
        everyone: content.contains("@everyone") || content.contains("@here"),
        ..Mentions::default()
    };
    let mut rest = content;
    while let Some(start) = rest.find("<@") {
        rest = &rest[start + 2..];
        let (is_role, digits_start) = match rest.as_bytes().first() {
            Some(b'&') => (true, 1),
            Some(b'!') => (false, 1),
            _ => (false, 0),
        };
        let digits: String = rest[digits_start..]
            .chars()
            .take_while(char::is_ascii_digit)
            .collect();
        if rest[digits_start + digits.len()..].starts_with('>') {
            if let Ok(id) = digits.parse::<u64>() {
                let list = if is_role {
                    &mut mentions.roles
                } else {
                    &mut mentions.users
                };
                if !list.contains(&id) {
                    list.push(id);
                }
            }
        }
    }
    mentions
}

/// Fills `mentions` and `mention_roles` of a message JSON from its content, with the users and
/// roles the fake knows.
fn fill_mentions(shared: &Shared, state: &State, message: &mut Value, content: &str) {
    let mentions = parse_mentions(content);
    let users: Vec<Value> = mentions
        .users
        .iter()
        .filter_map(|id| state.users.get(&UserId::new(*id)))
        .map(payloads::user)
        .collect();
    let known_roles = &shared.fixture.roles;
    let roles: Vec<String> = mentions
        .roles
        .iter()
        .filter(|id| known_roles.iter().any(|(role, _)| role.get() == **id))
        .map(ToString::to_string)
        .collect();
    message["mentions"] = json!(users);
    message["mention_roles"] = json!(roles);
}

/// Builds `MESSAGE_CREATE`'s `d` for a person's message and stores the message. Returns the id,
/// the payload as the bot would receive it, the intent needed to receive it at all, and whether
/// its content is visible to the bot.
fn build_user_message(
    shared: &Shared,
    state: &mut State,
    spec: &MessageSpec,
    intents: GatewayIntents,
) -> (MessageId, Value, GatewayIntents, bool) {
    let fixture = &shared.fixture;
    state
        .users
        .entry(spec.author.id)
        .or_insert_with(|| spec.author.clone());
    let channel_id = if spec.direct {
        spec.channel
            .unwrap_or_else(|| dm_channel_for(shared, state, spec.author.id))
    } else {
        let channel = spec.channel.unwrap_or_else(|| fixture.default_channel());
        assert!(
            fixture.is_guild_channel(channel),
            "MessageSpec: {channel} is not a channel of the fake guild"
        );
        state
            .member_roles
            .insert(spec.author.id, spec.roles.clone());
        channel
    };
    let id = MessageId::new(shared.snowflakes.next());
    let mut message = payloads::message(&MessageParts {
        id: id.get(),
        channel_id,
        author: &spec.author,
        content: &spec.content,
        kind: if spec.reply_to.is_some() { 19 } else { 0 },
        flags: 0,
    });
    fill_mentions(shared, state, &mut message, &spec.content);
    if let Some(reply_to) = spec.reply_to {
        let referenced = state
            .messages
            .get(&reply_to)
            .map(|stored| stored.value.clone());
        let referenced = referenced.unwrap_or_else(|| {
            panic!("MessageSpec replies to {reply_to}, which the fake does not hold")
        });
        let mut reference = json!({"type": 0, "message_id": reply_to.to_string(), "channel_id": channel_id.to_string()});
        if !spec.direct {
            reference["guild_id"] = json!(fixture.guild_id.to_string());
        }
        message["message_reference"] = reference;
        message["referenced_message"] = referenced;
    }
    state.messages.insert(
        id,
        StoredMessage {
            channel_id,
            value: message.clone(),
            ephemeral: false,
        },
    );

    // What the bot receives differs from what is stored: the gateway adds guild_id and member,
    // and hides content without the MESSAGE_CONTENT intent.
    let mut event = message;
    let required_intent = if spec.direct {
        GatewayIntents::DIRECT_MESSAGES
    } else {
        event["guild_id"] = json!(fixture.guild_id.to_string());
        event["member"] = payloads::member(fixture, &spec.author, &spec.roles, false);
        GatewayIntents::GUILD_MESSAGES
    };
    let mentions_bot = parse_mentions(&spec.content)
        .users
        .contains(&fixture.bot.id.get());
    let content_visible =
        spec.direct || mentions_bot || intents.contains(GatewayIntents::MESSAGE_CONTENT);
    if !content_visible {
        event["content"] = json!("");
        event["embeds"] = json!([]);
        event["attachments"] = json!([]);
        event["components"] = json!([]);
    }
    (id, event, required_intent, content_visible)
}

/// Builds `INTERACTION_CREATE`'s `d` and registers the interaction so the REST side can check the
/// bot's answers.
fn build_interaction(
    shared: &Shared,
    state: &mut State,
    spec: &InteractionSpec,
) -> (InteractionHandle, Value) {
    let fixture = &shared.fixture;
    state
        .users
        .entry(spec.user.id)
        .or_insert_with(|| spec.user.clone());
    let id = InteractionId::new(shared.snowflakes.next());
    let token = format!("interaction-token-{id}");
    let InteractionData {
        family,
        kind_number,
        data,
        command_name,
        component_message,
    } = interaction_data(shared, state, spec);
    let attached_message = component_message.map(|message_id| {
        let Some(stored) = state.messages.get(&message_id) else {
            panic!("InteractionSpec: the fake holds no message {message_id} to attach the component to");
        };
        // Discord only sends interactions for components that exist; a test that presses a
        // button the bot never posted is testing nothing.
        let wanted = (data["component_type"].as_u64().unwrap_or_default(), data["custom_id"].clone());
        let mut present = Vec::new();
        collect_components(&stored.value["components"], &mut present);
        assert!(
            present.iter().any(|(kind, custom_id)| (*kind, custom_id) == (wanted.0, &wanted.1)),
            "InteractionSpec: message {message_id} has no component of type {} with custom_id {}; it has {present:?}",
            wanted.0,
            wanted.1,
        );
        stored.clone()
    });
    let channel_id = match (&attached_message, spec.channel) {
        (Some(stored), _) => stored.channel_id,
        (None, Some(channel)) => channel,
        (None, None) if spec.direct => dm_channel_for(shared, state, spec.user.id),
        (None, None) => fixture.default_channel(),
    };
    let channel = if spec.direct {
        payloads::dm_channel(channel_id, &spec.user)
    } else {
        let name = fixture
            .channels
            .iter()
            .find(|(id, _)| *id == channel_id)
            .map_or("unknown", |(_, name)| name.as_str());
        payloads::text_channel(fixture, channel_id, name, 0)
    };
    let mut value = json!({
        "id": id.to_string(),
        "application_id": fixture.application_id.to_string(),
        "type": kind_number,
        "data": data,
        "channel": channel,
        "channel_id": channel_id.to_string(),
        "token": token,
        "version": 1,
        // The bot holds no role, so it has `@everyone`'s permissions.
        "app_permissions": payloads::member_permissions(fixture, &[]).to_string(),
        "locale": spec.locale,
        "entitlements": [],
        "authorizing_integration_owners": {"0": if spec.direct { fixture.owner.id.to_string() } else { fixture.guild_id.to_string() }},
        "context": u8::from(spec.direct),
        "attachment_size_limit": 10_485_760,
    });
    if spec.direct {
        value["user"] = payloads::user(&spec.user);
    } else {
        state.member_roles.insert(spec.user.id, spec.roles.clone());
        let mut member = payloads::member(fixture, &spec.user, &spec.roles, true);
        member["permissions"] =
            json!(payloads::member_permissions(fixture, &spec.roles).to_string());
        value["member"] = member;
        value["guild_id"] = json!(fixture.guild_id.to_string());
        value["guild_locale"] = json!("en-US");
    }
    if let Some(stored) = &attached_message {
        value["message"] = stored.value.clone();
    }
    state.interactions.insert(
        token.clone(),
        InteractionRecord {
            id,
            token: token.clone(),
            family,
            channel_id,
            direct: spec.direct,
            user: spec.user.clone(),
            command_name,
            component_message,
            sent_at: Instant::now(),
            acknowledged_with: None,
            original_message: None,
            followups: Vec::new(),
        },
    );
    (InteractionHandle { id, token }, value)
}

/// The kind-specific part of an interaction: what `type` and `data` say and what the fake
/// must remember to judge the answers.
struct InteractionData {
    family: InteractionFamily,
    kind_number: u8,
    data: Value,
    command_name: Option<String>,
    component_message: Option<MessageId>,
}

fn interaction_data(shared: &Shared, state: &mut State, spec: &InteractionSpec) -> InteractionData {
    let fixture = &shared.fixture;
    match &spec.kind {
        InteractionKind::Command { name, options }
        | InteractionKind::Autocomplete { name, options } => {
            let is_command = matches!(spec.kind, InteractionKind::Command { .. });
            let command_id = command_id_for(shared, state, name, spec.direct);
            let mut data = json!({
                "id": command_id.to_string(),
                "name": name,
                "type": 1,
                "options": options.iter().map(option_json).collect::<Vec<_>>(),
            });
            let resolved = resolved_json(fixture, state, options);
            if resolved.as_object().is_some_and(|map| !map.is_empty()) {
                data["resolved"] = resolved;
            }
            if !spec.direct {
                data["guild_id"] = json!(fixture.guild_id.to_string());
            }
            InteractionData {
                family: if is_command {
                    InteractionFamily::Command
                } else {
                    InteractionFamily::Autocomplete
                },
                kind_number: if is_command { 2 } else { 4 },
                data,
                command_name: Some(name.clone()),
                component_message: None,
            }
        }
        InteractionKind::Button { message, custom_id } => InteractionData {
            family: InteractionFamily::Component,
            kind_number: 3,
            data: json!({"custom_id": custom_id, "component_type": 2}),
            command_name: None,
            component_message: Some(*message),
        },
        InteractionKind::StringSelect {
            message,
            custom_id,
            values,
        } => InteractionData {
            family: InteractionFamily::Component,
            kind_number: 3,
            data: json!({"custom_id": custom_id, "component_type": 3, "values": values}),
            command_name: None,
            component_message: Some(*message),
        },
    }
}

/// Pushes `(type, custom_id)` of every interactive component in `components`, at any depth
/// (action rows, and the containers, sections and accessories of components v2).
fn collect_components(components: &Value, found: &mut Vec<(u64, Value)>) {
    for component in components.as_array().into_iter().flatten() {
        if !component["custom_id"].is_null() {
            found.push((
                component["type"].as_u64().unwrap_or_default(),
                component["custom_id"].clone(),
            ));
        }
        collect_components(&component["components"], found);
        if component["accessory"].is_object() {
            collect_components(&Value::Array(vec![component["accessory"].clone()]), found);
        }
    }
}

/// The id of the registered command `name` (guild commands first, then global); a made-up but
/// stable id if the bot registered none by that name, since poise dispatches by name.
fn command_id_for(shared: &Shared, state: &mut State, name: &str, direct: bool) -> u64 {
    let guild_scope = (!direct).then_some(shared.fixture.guild_id);
    let ids = &mut state.commands.ids;
    if let Some(id) = ids
        .get(&(guild_scope, name.to_owned()))
        .or_else(|| ids.get(&(None, name.to_owned())))
    {
        return *id;
    }
    *ids.entry((None, name.to_owned()))
        .or_insert_with(|| shared.snowflakes.next())
}

fn option_json(option: &CommandOption) -> Value {
    let mut value = json!({"name": option.name, "type": option.value.kind()});
    match &option.value {
        OptionValue::String(text) => value["value"] = json!(text),
        OptionValue::Integer(number) => value["value"] = json!(number),
        OptionValue::Number(number) => value["value"] = json!(number),
        OptionValue::Boolean(flag) => value["value"] = json!(flag),
        OptionValue::User(user) => value["value"] = json!(user.id.to_string()),
        OptionValue::Channel(channel) => value["value"] = json!(channel.to_string()),
        OptionValue::Role(role) => value["value"] = json!(role.to_string()),
        OptionValue::SubCommand(options) | OptionValue::SubCommandGroup(options) => {
            value["options"] = json!(options.iter().map(option_json).collect::<Vec<_>>());
        }
    }
    if option.focused {
        value["focused"] = json!(true);
    }
    value
}

/// `data.resolved` for the user, channel and role options among `options` (at any depth).
fn resolved_json(fixture: &Fixture, state: &mut State, options: &[CommandOption]) -> Value {
    let mut resolved = serde_json::Map::new();
    for option in options {
        match &option.value {
            OptionValue::User(user) => {
                state.users.entry(user.id).or_insert_with(|| user.clone());
                let roles = state
                    .member_roles
                    .get(&user.id)
                    .cloned()
                    .unwrap_or_default();
                let key = user.id.to_string();
                let users = resolved.entry("users").or_insert_with(|| json!({}));
                users[&key] = payloads::user(user);
                let members = resolved.entry("members").or_insert_with(|| json!({}));
                members[&key] = payloads::member(fixture, user, &roles, false);
            }
            OptionValue::Channel(channel) => {
                let name = fixture
                    .channels
                    .iter()
                    .find(|(id, _)| id == channel)
                    .map_or("unknown", |(_, name)| name.as_str());
                let channels = resolved.entry("channels").or_insert_with(|| json!({}));
                channels[channel.to_string()] = json!({"id": channel.to_string(), "name": name, "type": 0, "permissions": payloads::member_permissions(fixture, &[]).to_string()});
            }
            OptionValue::Role(role) => {
                let name = fixture
                    .roles
                    .iter()
                    .find(|(id, _)| id == role)
                    .map_or("unknown", |(_, name)| name.as_str());
                let roles = resolved.entry("roles").or_insert_with(|| json!({}));
                roles[role.to_string()] = payloads::role(*role, name, 1, 0);
            }
            OptionValue::SubCommand(nested) | OptionValue::SubCommandGroup(nested) => {
                if let Value::Object(inner) = resolved_json(fixture, state, nested) {
                    for (kind, entries) in inner {
                        let target = resolved.entry(kind).or_insert_with(|| json!({}));
                        if let (Some(target), Value::Object(entries)) =
                            (target.as_object_mut(), entries)
                        {
                            target.extend(entries);
                        }
                    }
                }
            }
            _ => {}
        }
    }
    Value::Object(resolved)
}

#[cfg(test)]
mod tests {
    use super::{parse_mentions, route_matches};

    #[test]
    fn mentions_are_parsed_like_discord() {
        let mentions = parse_mentions("<@1> and <@!2>, <@&3>, <@x> <@4 @everyone");
        assert_eq!(mentions.users, [1, 2]);
        assert_eq!(mentions.roles, [3]);
        assert!(mentions.everyone);
    }

    #[test]
    fn route_patterns_match_one_segment_per_star() {
        assert!(route_matches(
            "/channels/1/messages",
            "/channels/*/messages"
        ));
        assert!(!route_matches(
            "/channels/1/messages/2",
            "/channels/*/messages"
        ));
        assert!(route_matches("/gateway", "/gateway"));
    }
}
