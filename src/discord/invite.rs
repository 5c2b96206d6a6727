//! The `OAuth2` link that invites Usher to a server, with exactly the scopes and permissions it needs.

/// Discord permission bits Usher uses (from Discord's permission documentation).
pub mod permission {
    pub const VIEW_CHANNEL: u64 = 1 << 10;
    pub const SEND_MESSAGES: u64 = 1 << 11;
    pub const EMBED_LINKS: u64 = 1 << 14;
    pub const READ_MESSAGE_HISTORY: u64 = 1 << 16;
    pub const MENTION_EVERYONE: u64 = 1 << 17;
    pub const SEND_MESSAGES_IN_THREADS: u64 = 1 << 38;
    /// Creating scheduled events, and editing and cancelling the ones the bot created.
    pub const CREATE_EVENTS: u64 = 1 << 44;
}

/// The permissions Usher asks for. Reading history lets it find its own earlier announcements after a
/// restart; mentioning everyone is asked for only when organisers may ping @everyone, and creating events
/// only when the programme is mirrored as scheduled events.
pub fn permissions(allow_everyone_ping: bool, scheduled_events: bool) -> u64 {
    use permission::{
        CREATE_EVENTS, EMBED_LINKS, MENTION_EVERYONE, READ_MESSAGE_HISTORY, SEND_MESSAGES,
        SEND_MESSAGES_IN_THREADS, VIEW_CHANNEL,
    };
    let base = VIEW_CHANNEL
        | SEND_MESSAGES
        | SEND_MESSAGES_IN_THREADS
        | EMBED_LINKS
        | READ_MESSAGE_HISTORY;
    let ping = if allow_everyone_ping {
        MENTION_EVERYONE
    } else {
        0
    };
    let events = if scheduled_events { CREATE_EVENTS } else { 0 };
    base | ping | events
}

/// The invite link for the application `client_id`: the `bot` scope to join, `applications.commands` for
/// slash commands.
pub fn url(client_id: u64, allow_everyone_ping: bool, scheduled_events: bool) -> String {
    format!(
        "https://discord.com/oauth2/authorize?client_id={client_id}&scope=bot%20applications.commands&permissions={}",
        permissions(allow_everyone_ping, scheduled_events)
    )
}

/// The application id inside a bot token: its first part is the bot's user id in base64, which for a bot
/// is the application's id.
pub fn client_id_from_token(token: &str) -> Option<u64> {
    let first = token.split('.').next()?;
    let bytes = base64_decode(first)?;
    std::str::from_utf8(&bytes).ok()?.parse().ok()
}

/// Decodes unpadded standard or URL-safe base64; tokens carry only ASCII digits in this part, so a small
/// decoder is enough.
fn base64_decode(text: &str) -> Option<Vec<u8>> {
    let value = |c: u8| -> Option<u32> {
        Some(u32::from(match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'+' | b'-' => 62,
            b'/' | b'_' => 63,
            _ => return None,
        }))
    };
    let mut out = Vec::new();
    let mut buffer = 0u32;
    let mut bits = 0;
    for c in text.trim_end_matches('=').bytes() {
        buffer = (buffer << 6) | value(c)?;
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push(u8::try_from((buffer >> bits) & 0xff).ok()?);
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_link_names_both_scopes_and_the_permissions() {
        let link = url(123, false, false);
        assert_eq!(
            link,
            "https://discord.com/oauth2/authorize?client_id=123&scope=bot%20applications.commands&permissions=274877991936"
        );
        assert_eq!(
            permissions(true, false) & permission::MENTION_EVERYONE,
            permission::MENTION_EVERYONE
        );
        assert_eq!(permissions(false, false) & permission::MENTION_EVERYONE, 0);
        assert_eq!(permissions(false, false) & permission::CREATE_EVENTS, 0);
        assert_eq!(
            permissions(false, true),
            permissions(false, false) | permission::CREATE_EVENTS
        );
    }

    #[test]
    fn reads_the_application_id_from_a_token() {
        // "MTIzNDU2Nzg5" is base64 for "123456789"; the rest of a token is a timestamp and a signature.
        assert_eq!(
            client_id_from_token("MTIzNDU2Nzg5.GaBcDe.signature"),
            Some(123_456_789)
        );
        assert_eq!(client_id_from_token("not a token"), None);
    }
}
