//! Everything that is not a slash command: questions in messages (mentions, question channels, direct
//! messages), and button presses, which go to the command that posted the button.

use serenity::all::{Context as SerenityContext, FullEvent, Interaction, Message, UserId};
use tracing::{info, warn};

use super::checks::slow_down;
use super::cooldown::Verdict;
use super::errors::describe;
use super::lock::lock;
use super::pipeline;
use super::retry::retrying;
use super::router::{self, ButtonRoute};
use super::types::{Data, Error};

/// poise's event hook: routes the events Usher handles itself; presses of buttons go to `buttons`.
pub async fn on_event(
    framework: poise::FrameworkContext<'_, Data, Error>,
    event: &FullEvent,
    buttons: &[ButtonRoute],
) -> Result<(), Error> {
    let ctx = framework.serenity_context;
    let data = framework.user_data;
    match event {
        FullEvent::Ready { data_about_bot } => {
            info!(user = %data_about_bot.user.name, guilds = data_about_bot.guilds.len(), "connected to Discord");
        }
        FullEvent::GuildCreate { guild, .. } => {
            // The roles Discord made for this bot, so that mentioning one of them reaches Usher.
            let own = guild
                .roles
                .values()
                .filter(|r| r.tags.bot_id == Some(framework.bot_id))
                .map(|r| r.id.get());
            let mut roles = lock(&data.bot_roles);
            for role in own {
                if !roles.contains(&role) {
                    roles.push(role);
                }
            }
        }
        FullEvent::Message { new_message } => {
            on_message(ctx, data, framework.bot_id, new_message).await;
        }
        FullEvent::InteractionCreate {
            interaction: Interaction::Component(press),
        } => router::route(buttons, ctx, data, press).await,
        _ => {}
    }
    Ok(())
}

/// The question in a message, or `None` if the message is not one for Usher: it must come from a person
/// and be a direct message, mention Usher, or be in a question channel.
///
/// Typing "@Usher" may insert the bot's own managed role rather than the bot (Discord offers both when
/// they share a name), so a mention of one of `bot_roles` counts as a mention of Usher.
pub fn question_in(
    message: &Message,
    bot: UserId,
    bot_roles: &[u64],
    question_channels: &[u64],
) -> Option<String> {
    if message.author.bot {
        return None;
    }
    let direct = message.guild_id.is_none();
    let mentioned = message.mentions.iter().any(|u| u.id == bot)
        || message
            .mention_roles
            .iter()
            .any(|r| bot_roles.contains(&r.get()));
    let in_channel = question_channels.contains(&message.channel_id.get());
    if !(direct || mentioned || in_channel) {
        return None;
    }
    let id = bot.get();
    let mut text = message
        .content
        .replace(&format!("<@{id}>"), " ")
        .replace(&format!("<@!{id}>"), " ");
    for role in bot_roles {
        text = text.replace(&format!("<@&{role}>"), " ");
    }
    Some(text.trim().to_string())
}

async fn on_message(ctx: &SerenityContext, data: &Data, bot: UserId, message: &Message) {
    let bot_roles = lock(&data.bot_roles).clone();
    let Some(question) = question_in(
        message,
        bot,
        &bot_roles,
        &data.config.discord.question_channels,
    ) else {
        return;
    };
    let reply = match data.cooldown(message.author.id.get()) {
        // "@Usher" on its own: say what Usher can do.
        Verdict::Allow if question.is_empty() => pipeline::greeting(data),
        Verdict::Allow => {
            let channel = message.guild_id.map(|_| message.channel_id);
            pipeline::ask(data, channel, &question).await
        }
        Verdict::Wait { retry_after } => super::reply::Reply::text(&slow_down(retry_after)),
        Verdict::Silent { .. } => return,
    };
    let answer = reply.to_message().reference_message(
        // If the question was deleted meanwhile, the answer is still posted, just not as a reply.
        serenity::all::MessageReference::from(message).fail_if_not_exists(false),
    );
    let result = retrying(|| message.channel_id.send_message(&ctx.http, answer.clone())).await;
    if let Err(err) = result {
        warn!(channel = %message.channel_id, "could not send the answer: {}", describe(&err));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn message(content: &str, mentions: &str, mention_roles: &str) -> Message {
        serde_json::from_str(&format!(
            r#"{{"id":"10","channel_id":"20","guild_id":"30","author":{{"id":"40","username":"alice"}},
            "content":{content:?},"timestamp":"2026-11-29T12:00:00Z","tts":false,"mention_everyone":false,
            "mentions":{mentions},"mention_roles":{mention_roles},"attachments":[],"embeds":[],"pinned":false,"type":0}}"#
        ))
        .expect("a valid message")
    }

    #[test]
    fn a_mention_of_usher_or_its_role_is_a_question_and_the_mention_goes() {
        let bot = UserId::new(99);
        let roles = [77];
        let direct = message(
            "<@99> where is it?",
            r#"[{"id":"99","username":"Usher"}]"#,
            "[]",
        );
        assert_eq!(
            question_in(&direct, bot, &roles, &[]).as_deref(),
            Some("where is it?")
        );
        let by_role = message("<@&77> when is it?", "[]", r#"["77"]"#);
        assert_eq!(
            question_in(&by_role, bot, &roles, &[]).as_deref(),
            Some("when is it?")
        );
        let other_role = message("<@&55> when is it?", "[]", r#"["55"]"#);
        assert_eq!(question_in(&other_role, bot, &roles, &[]), None);
        let in_channel = message("when is it?", "[]", "[]");
        assert_eq!(
            question_in(&in_channel, bot, &roles, &[20]).as_deref(),
            Some("when is it?")
        );
    }
}
