//! How an announcement looks on Discord: its text in an embed whose footer marks it as this announcement,
//! the ping (if any) in the content, and mentions allowed for exactly that ping and nothing else.

use serenity::all::{
    ChannelId, CreateAllowedMentions, CreateEmbed, CreateEmbedFooter, CreateMessage, EditMessage,
    Http, Message, MessageId,
};

use super::limits::{self, fit};
use crate::schedule::{Announcement, AnnouncementId, Ping};

/// The footer that marks a message as announcement `id`, so a restarted scheduler can recognise it.
pub fn footer(event_title: &str, id: AnnouncementId) -> String {
    format!("{event_title} \u{b7} announcement #{id}")
}

/// The message for an announcement.
pub fn message(announcement: &Announcement, event_title: &str) -> CreateMessage {
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
        .embed(embed(announcement, event_title))
        .allowed_mentions(mentions);
    if let Some(content) = content {
        m = m.content(content);
    }
    m
}

/// The embed an announcement is posted as.
pub fn embed(announcement: &Announcement, event_title: &str) -> CreateEmbed {
    CreateEmbed::new()
        .title("Announcement")
        .description(fit(&announcement.text, limits::EMBED_DESCRIPTION))
        .footer(CreateEmbedFooter::new(fit(
            &footer(event_title, announcement.id),
            limits::EMBED_FOOTER,
        )))
}

/// Updates a posted announcement's message after its text was edited.
pub async fn edit_posted(
    http: &Http,
    channel: u64,
    message: u64,
    announcement: &Announcement,
    event_title: &str,
) -> Result<Message, serenity::Error> {
    ChannelId::new(channel)
        .edit_message(
            http,
            MessageId::new(message),
            EditMessage::new().embed(embed(announcement, event_title)),
        )
        .await
}
