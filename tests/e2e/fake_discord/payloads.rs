//! JSON payloads the fake sends, and the typed check every one of them passes first.
//!
//! serenity drops a gateway event whose payload does not deserialise (its `Event` enum ends in an
//! untagged `Unknown` variant) and turns a bad REST reply into an error far from its cause. So every
//! payload built here is parsed as the concrete serenity type before it leaves the fake, and a
//! failure names the payload and quotes serde's message.

use super::specs::{GuildSpec, UserSpec};
use serde::de::DeserializeOwned;
use serde_json::{Value, json};
use serenity::all::{ApplicationId, ChannelId, GuildId, RoleId, Timestamp};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{SystemTime, UNIX_EPOCH};

/// Discord's epoch (2015-01-01) in Unix milliseconds; snowflakes count from it.
const DISCORD_EPOCH_MS: u64 = 1_420_070_400_000;

/// Permissions the fake guild's `@everyone` role grants: view channels, send messages, embed
/// links, read message history, use application commands.
const EVERYONE_PERMISSIONS: u64 = (1 << 10) | (1 << 11) | (1 << 14) | (1 << 16) | (1 << 31);

/// Permissions of the other roles the fixture creates: everything `@everyone` has plus
/// manage messages, so tests can tell an organiser from a participant.
const STAFF_PERMISSIONS: u64 = EVERYONE_PERMISSIONS | (1 << 13);

/// Parses `value` as serenity's `T`, or says which payload serenity would have rejected and why.
pub fn check_typed<T: DeserializeOwned>(what: &str, value: &Value) -> Result<T, String> {
    T::deserialize(value).map_err(|error| {
        format!("serenity cannot parse the fake's {what} payload: {error}\npayload: {value}")
    })
}

/// Like [`check_typed`], but panics: used where the payload is built on the test's own task, so
/// the panic fails the test at the line that asked for the payload.
#[track_caller]
pub fn expect_typed<T: DeserializeOwned>(what: &str, value: &Value) -> T {
    match check_typed(what, value) {
        Ok(typed) => typed,
        Err(message) => panic!("{message}"),
    }
}

/// Hands out snowflakes that rise strictly and carry the current time, like Discord's, so that
/// `MessageId::created_at` and "newest first" ordering behave as in production.
#[derive(Debug)]
pub struct Snowflakes {
    last: AtomicU64,
    /// How far the fake's clock is ahead of the real one, in milliseconds: a test lets minutes pass in an
    /// instant, and Discord's ids and its memory of nonces follow.
    ahead_ms: AtomicU64,
}

impl Snowflakes {
    pub fn new() -> Self {
        Self {
            last: AtomicU64::new(0),
            ahead_ms: AtomicU64::new(0),
        }
    }

    /// Moves the fake's clock forward.
    pub fn advance(&self, by: std::time::Duration) {
        let ms = u64::try_from(by.as_millis()).expect("a test advances by less than ages");
        self.ahead_ms.fetch_add(ms, Ordering::Relaxed);
    }

    /// The fake's time, in Unix milliseconds.
    pub fn now_ms(&self) -> u64 {
        u64::try_from(
            SystemTime::now()
                .duration_since(UNIX_EPOCH)
                .expect("the clock is after 1970")
                .as_millis(),
        )
        .expect("milliseconds since 1970 fit in u64")
            + self.ahead_ms.load(Ordering::Relaxed)
    }

    pub fn next(&self) -> u64 {
        let candidate = (self.now_ms().saturating_sub(DISCORD_EPOCH_MS)) << 22;
        let mut previous = self.last.load(Ordering::Relaxed);
        loop {
            let next = candidate.max(previous + 1);
            match self
                .last
                .compare_exchange(previous, next, Ordering::Relaxed, Ordering::Relaxed)
            {
                Ok(_) => return next,
                Err(actual) => previous = actual,
            }
        }
    }
}

/// The fixed identities of one fake Discord: the bot, its application and owner, and the guild
/// with its channels and roles.
#[derive(Clone, Debug)]
pub struct Fixture {
    pub bot: UserSpec,
    pub owner: UserSpec,
    pub application_id: ApplicationId,
    pub guild_id: GuildId,
    pub guild_name: String,
    pub channels: Vec<(ChannelId, String)>,
    pub roles: Vec<(RoleId, String)>,
    /// When the bot "joined" the guild; members' `joined_at` uses it too.
    pub joined_at: Timestamp,
}

impl Fixture {
    pub fn new(guild: &GuildSpec) -> Self {
        // Modern Discord applications share their id with their bot user.
        let bot_id = 1_200_000_000_000_000_001;
        let guild_id = 1_200_000_000_000_000_100;
        let channels = (0_u64..)
            .zip(&guild.text_channels)
            .map(|(index, name)| {
                (
                    ChannelId::new(1_200_000_000_000_000_200 + index),
                    name.clone(),
                )
            })
            .collect();
        let roles = (0_u64..)
            .zip(&guild.roles)
            .map(|(index, name)| (RoleId::new(1_200_000_000_000_000_300 + index), name.clone()))
            .collect();
        Self {
            bot: UserSpec::new_bot(bot_id, "usher"),
            owner: UserSpec::new(1_200_000_000_000_000_002, "owner"),
            application_id: ApplicationId::new(bot_id),
            guild_id: GuildId::new(guild_id),
            guild_name: guild.name.clone(),
            channels,
            roles,
            joined_at: Timestamp::now(),
        }
    }

    pub fn default_channel(&self) -> ChannelId {
        self.channels
            .first()
            .expect("the fake guild has at least one text channel")
            .0
    }

    pub fn is_guild_channel(&self, channel: ChannelId) -> bool {
        self.channels.iter().any(|(id, _)| *id == channel)
    }
}

/// The permissions a member holding `roles` has in the guild's channels (they have no
/// overwrites): the staff set with any fixture role, else `@everyone`'s.
pub fn member_permissions(fixture: &Fixture, roles: &[RoleId]) -> u64 {
    let is_staff = roles
        .iter()
        .any(|role| fixture.roles.iter().any(|(id, _)| id == role));
    if is_staff {
        STAFF_PERMISSIONS
    } else {
        EVERYONE_PERMISSIONS
    }
}

pub fn user(user: &UserSpec) -> Value {
    json!({
        "id": user.id.to_string(),
        "username": user.name,
        "global_name": user.name,
        "discriminator": "0",
        "avatar": null,
        "bot": user.bot,
        "public_flags": 0,
    })
}

/// The bot's own account as `GET /users/@me` and READY describe it.
pub fn current_user(bot: &UserSpec) -> Value {
    let mut value = user(bot);
    let map = value.as_object_mut().expect("a user is an object");
    map.insert("verified".to_owned(), json!(true));
    map.insert("mfa_enabled".to_owned(), json!(false));
    map.insert("flags".to_owned(), json!(0));
    value
}

/// A guild member; `with_user` is false inside `MESSAGE_CREATE`, where Discord leaves the user out
/// of `member` because it is the message's `author`.
pub fn member(fixture: &Fixture, user_spec: &UserSpec, roles: &[RoleId], with_user: bool) -> Value {
    let mut value = json!({
        "roles": roles.iter().map(ToString::to_string).collect::<Vec<_>>(),
        "nick": null,
        "avatar": null,
        "banner": null,
        "joined_at": fixture.joined_at.to_string(),
        "premium_since": null,
        "deaf": false,
        "mute": false,
        "flags": 0,
        "pending": false,
        "communication_disabled_until": null,
    });
    if with_user {
        value["user"] = user(user_spec);
    }
    value
}

pub fn role(id: RoleId, name: &str, position: u16, permissions: u64) -> Value {
    json!({
        "id": id.to_string(),
        "name": name,
        "description": null,
        "color": 0,
        "colors": {"primary_color": 0, "secondary_color": null, "tertiary_color": null},
        "hoist": false,
        "icon": null,
        "unicode_emoji": null,
        "position": position,
        "permissions": permissions.to_string(),
        "managed": false,
        "mentionable": true,
        "flags": 0,
    })
}

pub fn roles(fixture: &Fixture) -> Vec<Value> {
    let everyone = role(
        RoleId::new(fixture.guild_id.get()),
        "@everyone",
        0,
        EVERYONE_PERMISSIONS,
    );
    std::iter::once(everyone)
        .chain(
            (1_u16..)
                .zip(&fixture.roles)
                .map(|(position, (id, name))| role(*id, name, position, STAFF_PERMISSIONS)),
        )
        .collect()
}

pub fn text_channel(fixture: &Fixture, id: ChannelId, name: &str, position: usize) -> Value {
    json!({
        "id": id.to_string(),
        "type": 0,
        "guild_id": fixture.guild_id.to_string(),
        "name": name,
        "position": position,
        "permission_overwrites": [],
        "topic": null,
        "nsfw": false,
        "last_message_id": null,
        "rate_limit_per_user": 0,
        "parent_id": null,
        "flags": 0,
    })
}

pub fn dm_channel(id: ChannelId, recipient: &UserSpec) -> Value {
    json!({
        "id": id.to_string(),
        "type": 1,
        "last_message_id": null,
        "recipients": [user(recipient)],
        "flags": 0,
    })
}

/// The guild as `GET /guilds/{id}` returns it (serenity's `PartialGuild`).
pub fn partial_guild(fixture: &Fixture) -> Value {
    json!({
        "id": fixture.guild_id.to_string(),
        "name": fixture.guild_name,
        "icon": null,
        "splash": null,
        "discovery_splash": null,
        "owner_id": fixture.owner.id.to_string(),
        "afk_channel_id": null,
        "afk_timeout": 300,
        "widget_enabled": false,
        "widget_channel_id": null,
        "verification_level": 0,
        "default_message_notifications": 0,
        "explicit_content_filter": 0,
        "roles": roles(fixture),
        "emojis": [],
        "features": [],
        "mfa_level": 0,
        "application_id": null,
        "system_channel_id": null,
        "system_channel_flags": 0,
        "rules_channel_id": null,
        "max_members": 500_000,
        "vanity_url_code": null,
        "description": null,
        "banner": null,
        "premium_tier": 0,
        "premium_subscription_count": 0,
        "preferred_locale": "en-US",
        "public_updates_channel_id": null,
        "max_video_channel_users": 25,
        "nsfw_level": 0,
        "stickers": [],
        "premium_progress_bar_enabled": false,
        "safety_alerts_channel_id": null,
    })
}

/// `GUILD_CREATE`'s `d`: the partial guild plus what only the gateway sends (channels, the bot as
/// member, counts), so serenity's cache and guild-based code have something to work with.
pub fn guild_create(fixture: &Fixture) -> Value {
    let mut value = partial_guild(fixture);
    let channels: Vec<Value> = (0..)
        .zip(&fixture.channels)
        .map(|(position, (id, name))| text_channel(fixture, *id, name, position))
        .collect();
    let extra = json!({
        "joined_at": fixture.joined_at.to_string(),
        "large": false,
        "unavailable": false,
        "member_count": 1,
        "voice_states": [],
        "members": [member(fixture, &fixture.bot, &[], true)],
        "channels": channels,
        "threads": [],
        "presences": [],
        "stage_instances": [],
        "guild_scheduled_events": [],
        "soundboard_sounds": [],
    });
    let map = value.as_object_mut().expect("a guild is an object");
    map.extend(extra.as_object().expect("an object literal").clone());
    value
}

pub fn ready(fixture: &Fixture, session_id: &str, gateway_url: &str) -> Value {
    json!({
        "v": 10,
        "user": current_user(&fixture.bot),
        "guilds": [{"id": fixture.guild_id.to_string(), "unavailable": true}],
        "session_id": session_id,
        "resume_gateway_url": gateway_url,
        "shard": [0, 1],
        "application": {"id": fixture.application_id.to_string(), "flags": 0},
        "private_channels": [],
        "relationships": [],
        "presences": [],
    })
}

/// What `GET /oauth2/applications/@me` returns; poise reads `owner` to fill its owner list.
pub fn application_info(fixture: &Fixture) -> Value {
    json!({
        "id": fixture.application_id.to_string(),
        "name": fixture.bot.name,
        "icon": null,
        "description": "",
        "rpc_origins": [],
        "bot_public": false,
        "bot_require_code_grant": false,
        "bot": user(&fixture.bot),
        "owner": user(&fixture.owner),
        "verify_key": "0".repeat(64),
        "team": null,
        "flags": 0,
        "tags": [],
        "redirect_uris": [],
        "interactions_endpoint_url": null,
        "approximate_guild_count": 1,
    })
}

/// A message as Discord stores it, before the extra fields a particular event or reply adds.
pub struct MessageParts<'a> {
    pub id: u64,
    pub channel_id: ChannelId,
    pub author: &'a UserSpec,
    pub content: &'a str,
    pub kind: u8,
    pub flags: u64,
}

pub fn message(parts: &MessageParts<'_>) -> Value {
    json!({
        "id": parts.id.to_string(),
        "channel_id": parts.channel_id.to_string(),
        "author": user(parts.author),
        "content": parts.content,
        "timestamp": Timestamp::now().to_string(),
        "edited_timestamp": null,
        "tts": false,
        "mention_everyone": false,
        "mentions": [],
        "mention_roles": [],
        "mention_channels": [],
        "attachments": [],
        "embeds": [],
        "reactions": [],
        "pinned": false,
        "type": parts.kind,
        "flags": parts.flags,
        "components": [],
        "sticker_items": [],
    })
}

/// A command option the fake reports as registered; Discord adds nothing to options on echo.
pub fn registered_command(
    request: &Value,
    id: u64,
    application_id: ApplicationId,
    guild_id: Option<GuildId>,
    version: u64,
) -> Value {
    let mut command = request.clone();
    let map = command
        .as_object_mut()
        .expect("the caller checked that a command is an object");
    map.insert("id".to_owned(), json!(id.to_string()));
    map.insert(
        "application_id".to_owned(),
        json!(application_id.to_string()),
    );
    map.insert("version".to_owned(), json!(version.to_string()));
    map.entry("type").or_insert(json!(1));
    map.entry("description").or_insert(json!(""));
    map.entry("options").or_insert(json!([]));
    map.entry("default_member_permissions")
        .or_insert(Value::Null);
    map.entry("nsfw").or_insert(json!(false));
    if let Some(guild_id) = guild_id {
        map.insert("guild_id".to_owned(), json!(guild_id.to_string()));
    } else {
        map.entry("contexts").or_insert(json!([0, 1, 2]));
        map.entry("integration_types").or_insert(json!([0]));
    }
    command
}

/// The body of a Discord-style JSON error.
pub fn error_body(code: u32, message: &str) -> Value {
    json!({"code": code, "message": message})
}
