//! How an announcement looks on Discord: its text in an embed whose footer is the marker that identifies it
//! as this announcement, the ping (if any) in the content, and mentions allowed for exactly that ping and
//! nothing else.

use serenity::all::{
    ChannelId, CreateAllowedMentions, CreateEmbed, CreateEmbedFooter, CreateMessage, EditMessage,
    Http, Message, MessageId,
};

use super::limits::{self, fit};
use crate::schedule::{Announcement, AnnouncementId, Ping};

/// The footer that marks a message as announcement `id`, so a restarted scheduler can recognise it. It is
/// recorded with the announcement's first claim and used as it is from then on, whatever the title
/// becomes.
pub fn marker(event_title: &str, id: AnnouncementId) -> String {
    fit(
        &format!("{event_title} \u{b7} announcement #{id}"),
        limits::EMBED_FOOTER,
    )
}

/// The marker an announcement's message carries: the one recorded with its claim, or for one never
/// claimed, a new one.
pub fn marker_of(announcement: &Announcement, event_title: &str) -> String {
    announcement.target.as_ref().map_or_else(
        || marker(event_title, announcement.id),
        |target| target.marker.clone(),
    )
}

/// The message for an announcement, carrying `marker`.
pub fn message(announcement: &Announcement, marker: &str) -> CreateMessage {
    let (content, mentions) = match announcement.ping {
        Ping::None => (None, CreateAllowedMentions::new()),
        Ping::Role(role) => (
            Some(format!("<@&{role}>")),
            CreateAllowedMentions::new().roles([role]),
        ),
        Ping::Everyone => (
            Some("@everyone".to_string()),
            CreateAllowedMentions::new().everyone(true),
        ),
    };
    let mut m = CreateMessage::new()
        .embed(embed(announcement, marker))
        .allowed_mentions(mentions);
    if let Some(content) = content {
        m = m.content(content);
    }
    m
}

/// The embed an announcement is posted as.
pub fn embed(announcement: &Announcement, marker: &str) -> CreateEmbed {
    CreateEmbed::new()
        .title(if announcement.recipient.is_some() {
            "Your agenda"
        } else {
            "Announcement"
        })
        .description(fit(&announcement.text, limits::EMBED_DESCRIPTION))
        .footer(CreateEmbedFooter::new(fit(marker, limits::EMBED_FOOTER)))
}

/// Updates a posted announcement's message after its text was edited; the marker stays as posted.
pub async fn edit_posted(
    http: &Http,
    channel: u64,
    message: u64,
    announcement: &Announcement,
    marker: &str,
) -> Result<Message, serenity::Error> {
    ChannelId::new(channel)
        .edit_message(
            http,
            MessageId::new(message),
            EditMessage::new().embed(embed(announcement, marker)),
        )
        .await
}
