//! The fake's gateway: a plain `ws://` websocket server that speaks Discord's gateway protocol
//! closely enough for serenity's shard runner.
//!
//! Each connection: HELLO, then the bot's IDENTIFY is answered with READY and `GUILD_CREATE` and the
//! connection becomes the live one that tests dispatch to; heartbeats are acknowledged. An IDENTIFY
//! starts a session, whose sequence numbers run across connections; a RESUME of a known session with
//! the right token replays every dispatch after the bot's last sequence number and then `RESUMED`, as
//! Discord does; a RESUME of an unknown session is refused with `INVALID_SESSION` `false`.

use super::payloads;
use super::{Identify, LiveConnection, Outgoing, Shared};
use futures_util::{SinkExt, StreamExt};
use serde_json::{Value, json};
use serenity::all::{GatewayIntents, GuildCreateEvent, ReadyEvent};
use serenity::model::event::{Event, GatewayEvent};
use std::sync::Arc;
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::mpsc;
use tokio_tungstenite::WebSocketStream;
use tokio_tungstenite::tungstenite::Message;
use tokio_tungstenite::tungstenite::handshake::server::{Request, Response};
use tokio_tungstenite::tungstenite::protocol::CloseFrame;
use tokio_tungstenite::tungstenite::protocol::frame::coding::CloseCode;

/// What HELLO tells the bot; long enough that no test sees a heartbeat it did not ask for.
const HEARTBEAT_INTERVAL_MS: u64 = 41_250;

/// Gateway opcodes the fake sends or reads.
const DISPATCH: u64 = 0;
const HEARTBEAT: u64 = 1;
const IDENTIFY: u64 = 2;
const PRESENCE_UPDATE: u64 = 3;
const RESUME: u64 = 6;
const INVALID_SESSION: u64 = 9;
const HELLO: u64 = 10;
const HEARTBEAT_ACK: u64 = 11;

/// Discord's close code for a token it does not accept.
const AUTHENTICATION_FAILED: u16 = 4004;
const ALREADY_AUTHENTICATED: u16 = 4005;

/// Accepts gateway connections until the fake is dropped.
pub(super) async fn serve(listener: TcpListener, shared: Arc<Shared>) {
    loop {
        let Ok((stream, _)) = listener.accept().await else {
            continue;
        };
        // Without TCP_NODELAY each small event waits ~40 ms for the bot's delayed ACK.
        if let Err(error) = stream.set_nodelay(true) {
            shared.lock().harness_errors.push(format!(
                "cannot set TCP_NODELAY on a gateway socket: {error}"
            ));
        }
        tokio::spawn(run_connection(stream, Arc::clone(&shared)));
    }
}

/// One websocket connection from the bot, from handshake to close.
struct Connection {
    socket: WebSocketStream<TcpStream>,
    shared: Arc<Shared>,
    serial: usize,
    /// The session it identified or resumed, once it has.
    session: Option<String>,
    outbox: mpsc::UnboundedSender<Outgoing>,
}

async fn run_connection(stream: TcpStream, shared: Arc<Shared>) {
    let mut held = shared.gateway_held.subscribe();
    // A closed sender means the fake is going away; the connection may as well go on.
    let _ = held.wait_for(|held| !held).await;
    let mut query = None;
    // tungstenite's callback signature fixes the error type; the closure never returns it.
    #[allow(clippy::result_large_err, reason = "the error type is tungstenite's")]
    let capture_query = |request: &Request, response: Response| {
        query = request.uri().query().map(str::to_owned);
        Ok(response)
    };
    let socket = match tokio_tungstenite::accept_hdr_async(stream, capture_query).await {
        Ok(socket) => socket,
        Err(error) => {
            shared
                .lock()
                .violations
                .push(format!("gateway: websocket handshake failed: {error}"));
            return;
        }
    };
    let (outbox, mut inbox) = mpsc::unbounded_channel();
    let serial = {
        let mut state = shared.lock();
        state.gateway.connections += 1;
        if query
            .as_deref()
            .is_none_or(|query| !query.split('&').any(|pair| pair == "v=10"))
        {
            state.violations.push(format!(
                "gateway: connected with query {query:?}, expected v=10"
            ));
        }
        state.gateway.connections
    };
    shared.bump_gateway();
    let mut connection = Connection {
        socket,
        shared: Arc::clone(&shared),
        serial,
        session: None,
        outbox,
    };
    connection.run(&mut inbox).await;
    {
        let mut state = shared.lock();
        if state
            .gateway
            .live
            .as_ref()
            .is_some_and(|live| live.serial == serial)
        {
            state.gateway.live = None;
        }
    }
    shared.bump_gateway();
}

impl Connection {
    async fn run(&mut self, inbox: &mut mpsc::UnboundedReceiver<Outgoing>) {
        if self
            .send(&json!({"op": HELLO, "d": {"heartbeat_interval": HEARTBEAT_INTERVAL_MS}}))
            .await
            .is_err()
        {
            return;
        }
        loop {
            tokio::select! {
                incoming = self.socket.next() => match incoming {
                    Some(Ok(Message::Text(text))) => {
                        if self.on_client_payload(&text).await.is_err() {
                            return;
                        }
                    }
                    Some(Ok(Message::Binary(_))) => {
                        self.shared.lock().violations.push("gateway: the bot sent a binary frame; Discord expects JSON text".to_owned());
                    }
                    // After a close frame, reading on lets tungstenite send its reply, so the
                    // bot's shutdown completes instead of waiting for a timeout.
                    Some(Ok(_)) => {}
                    Some(Err(_)) | None => return,
                },
                outgoing = inbox.recv() => match outgoing {
                    Some(Outgoing::Frame(frame)) => {
                        if self.send_frame(frame).await.is_err() {
                            return;
                        }
                    }
                    // Returning drops the socket: the TCP connection ends without a close frame.
                    Some(Outgoing::Drop) | None => return,
                },
            }
        }
    }

    async fn send(&mut self, payload: &Value) -> Result<(), ()> {
        self.socket
            .send(Message::Text(payload.to_string()))
            .await
            .map_err(|_| ())
    }

    /// Sends a dispatch with the session's next sequence number.
    async fn dispatch(&mut self, event: &str, data: Value) -> Result<(), ()> {
        let frame = {
            let mut state = self.shared.lock();
            let session = self.session.clone().unwrap_or_default();
            state
                .gateway
                .sessions
                .entry(session)
                .or_default()
                .frame(event, &data)
        };
        self.send_frame(frame).await
    }

    /// Sends a numbered dispatch, after checking that serenity's `GatewayEvent` parses it as the
    /// event it is rather than as `Event::Unknown`.
    async fn send_frame(&mut self, frame: Value) -> Result<(), ()> {
        debug_assert_eq!(frame["op"], json!(DISPATCH));
        let event = frame["t"].as_str().unwrap_or_default().to_owned();
        match serde_json::from_value::<GatewayEvent>(frame.clone()) {
            Ok(GatewayEvent::Dispatch(_, Event::Unknown(_))) => {
                self.shared.lock().harness_errors.push(format!(
                    "serenity reads the fake's {event} as an unknown event: {frame}"
                ));
            }
            Ok(_) => {}
            Err(error) => {
                self.shared.lock().harness_errors.push(format!(
                    "serenity cannot parse the fake's {event} frame: {error}"
                ));
            }
        }
        self.send(&frame).await
    }

    async fn on_client_payload(&mut self, text: &str) -> Result<(), ()> {
        let Ok(payload) = serde_json::from_str::<Value>(text) else {
            self.shared.lock().violations.push(format!(
                "gateway: the bot sent text that is not JSON: {text}"
            ));
            return Ok(());
        };
        match payload["op"].as_u64() {
            Some(HEARTBEAT) => {
                self.shared.lock().gateway.heartbeats += 1;
                self.send(&json!({"op": HEARTBEAT_ACK})).await
            }
            Some(IDENTIFY) => self.on_identify(&payload["d"]).await,
            Some(RESUME) => self.on_resume(&payload["d"]).await,
            Some(PRESENCE_UPDATE) => Ok(()),
            other => {
                self.shared.lock().violations.push(format!(
                    "gateway: unexpected opcode {other:?} from the bot: {text}"
                ));
                Ok(())
            }
        }
    }

    async fn on_identify(&mut self, data: &Value) -> Result<(), ()> {
        let token = data["token"].as_str().unwrap_or_default().to_owned();
        let intents =
            GatewayIntents::from_bits_retain(data["intents"].as_u64().unwrap_or_default());
        if self.session.is_some() {
            self.shared
                .lock()
                .violations
                .push("gateway: IDENTIFY sent twice on one connection".to_owned());
            return self
                .close(ALREADY_AUTHENTICATED, "Already authenticated.")
                .await;
        }
        let expected = format!("Bot {}", self.shared.token);
        {
            let mut state = self.shared.lock();
            state.gateway.identifies.push(Identify {
                token: token.clone(),
                intents,
                connection: self.serial,
            });
            if token != expected {
                let prefix = if token.starts_with("Bot ") {
                    "has the Bot prefix"
                } else {
                    "lacks the `Bot ` prefix"
                };
                state.violations.push(format!(
                    "gateway: IDENTIFY with a token the fake does not accept ({prefix})"
                ));
            }
        }
        if token != expected {
            self.shared.bump_gateway();
            return self
                .close(AUTHENTICATION_FAILED, "Authentication failed.")
                .await;
        }
        let session_id = format!("fake-session-{}", self.serial);
        {
            let mut state = self.shared.lock();
            state.gateway.sessions.insert(
                session_id.clone(),
                super::Session {
                    intents,
                    ..super::Session::default()
                },
            );
            state.gateway.latest = Some(session_id.clone());
        }
        self.session = Some(session_id.clone());
        let fixture = &self.shared.fixture;
        let ready = payloads::ready(fixture, &session_id, &self.shared.gateway_url);
        let guild = payloads::guild_create(fixture);
        for (what, check) in [
            (
                "READY",
                payloads::check_typed::<ReadyEvent>("READY", &ready).err(),
            ),
            (
                "GUILD_CREATE",
                payloads::check_typed::<GuildCreateEvent>("GUILD_CREATE", &guild).err(),
            ),
        ] {
            if let Some(message) = check {
                self.shared
                    .lock()
                    .harness_errors
                    .push(format!("{what}: {message}"));
            }
        }
        self.dispatch("READY", ready).await?;
        self.dispatch("GUILD_CREATE", guild).await?;
        self.shared.lock().gateway.live = Some(LiveConnection {
            serial: self.serial,
            outbox: self.outbox.clone(),
            intents,
            session: session_id,
        });
        self.shared.bump_gateway();
        Ok(())
    }

    /// Resumes a known session: replays what the bot missed, then `RESUMED`, and makes this the live
    /// connection, all under one lock, so that an event sent meanwhile is either in the replay or
    /// queued after it. An unknown session, or the wrong token, is refused so that the bot identifies.
    async fn on_resume(&mut self, data: &Value) -> Result<(), ()> {
        let token = data["token"].as_str().unwrap_or_default();
        let session_id = data["session_id"].as_str().unwrap_or_default().to_owned();
        let last = data["seq"].as_u64().unwrap_or_default();
        let replay = {
            let mut state = self.shared.lock();
            state.gateway.resumes += 1;
            let expected = format!("Bot {}", self.shared.token);
            let known = token == expected && self.session.is_none();
            match state
                .gateway
                .sessions
                .get_mut(&session_id)
                .filter(|_| known)
            {
                Some(session) => {
                    let mut frames: Vec<Value> = session
                        .sent
                        .iter()
                        .filter(|frame| frame["s"].as_u64().is_some_and(|s| s > last))
                        .cloned()
                        .collect();
                    let replayed = frames.len();
                    frames.push(session.frame("RESUMED", &json!({})));
                    let intents = session.intents;
                    state.gateway.resumed += 1;
                    state.gateway.replayed += replayed;
                    state.gateway.latest = Some(session_id.clone());
                    state.gateway.live = Some(LiveConnection {
                        serial: self.serial,
                        outbox: self.outbox.clone(),
                        intents,
                        session: session_id.clone(),
                    });
                    Some(frames)
                }
                None => None,
            }
        };
        let Some(frames) = replay else {
            return self.send(&json!({"op": INVALID_SESSION, "d": false})).await;
        };
        self.session = Some(session_id);
        for frame in frames {
            self.send_frame(frame).await?;
        }
        self.shared.bump_gateway();
        Ok(())
    }

    async fn close(&mut self, code: u16, reason: &str) -> Result<(), ()> {
        let frame = CloseFrame {
            code: CloseCode::from(code),
            reason: reason.to_owned().into(),
        };
        let _ = self.socket.close(Some(frame)).await;
        Err(())
    }
}
