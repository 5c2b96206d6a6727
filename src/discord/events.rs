//! Everything that is not a slash command: questions in messages (mentions, question channels, direct
//! messages) and presses of the suggestion buttons.

use std::time::Instant;

use std::sync::Arc;

use serenity::all::{
    ChannelId, ComponentInteraction, Context as SerenityContext, CreateInteractionResponse,
    FullEvent, Interaction, Message, UserId,
};
use tracing::{info, warn};

use super::cooldown::Verdict;
use super::reply::{self, MORE_BUTTON, Reply, TOPIC_BUTTON};
use super::types::{Data, Error};
use crate::answer::Answer;
use crate::engine::Engine;
use crate::gaps::UnansweredQuestion;

/// poise's event hook: routes the events Usher handles itself.
pub async fn on_event(
    framework: poise::FrameworkContext<'_, Data, Error>,
    event: &FullEvent,
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
            if let Ok(mut roles) = data.bot_roles.lock() {
                for role in own {
                    if !roles.contains(&role) {
                        roles.push(role);
                    }
                }
            }
        }
        FullEvent::Message { new_message } => {
            on_message(ctx, data, framework.bot_id, new_message).await;
        }
        FullEvent::InteractionCreate {
            interaction: Interaction::Component(press),
        } => on_press(ctx, data, press).await,
        _ => {}
    }
    Ok(())
}

/// Answers a question asked in `channel` (`None` for a direct message), logs one line about it, counts it,
/// and keeps it for `/gaps` if it was not answered or only with low confidence.
///
/// The caller passes the engine it loaded, and renders the reply from that same engine, so that a reload
/// in between cannot give one reply parts from two versions of the knowledge.
pub fn answer(data: &Data, engine: &Engine, channel: Option<ChannelId>, question: &str) -> Answer {
    let started = Instant::now();
    let now = data.now();
    // The news is what the store says was posted; it is read only when asked for.
    let answer = engine.answer(question, now, Some(&*data.store));
    report(data, channel, Some(question), &answer, started);
    answer
}

/// Logs one line about an answer, counts it for `/status`, and keeps a question Usher could not answer
/// well for `/gaps`. Every way of asking goes through here: messages, `/ask`, the fixed commands (with no
/// question of their own) and suggestion buttons.
pub fn report(
    data: &Data,
    channel: Option<ChannelId>,
    question: Option<&str>,
    answer: &Answer,
    started: Instant,
) {
    data.stats.record(answer.matched);
    info!(
        channel = channel.map_or_else(|| "direct".to_string(), |c| c.to_string()),
        topic = answer.topic.as_deref().unwrap_or("-"),
        matched = answer.matched,
        confidence = format_args!("{:.2}", answer.confidence),
        latency_us = started.elapsed().as_micros(),
        "answered"
    );
    if let Some(question) = question
        && (!answer.matched || answer.confidence < data.config.gaps.low_confidence)
    {
        record_unanswered(data, channel, question, answer);
    }
}

/// Keeps a question for `/gaps`, without who asked: a direct message's channel would name the asker, so it
/// is kept as no channel. The write happens on a blocking thread, because `SQLite` syncs each commit to
/// disk; a failure is logged and never affects the answer.
fn record_unanswered(data: &Data, channel: Option<ChannelId>, question: &str, answer: &Answer) {
    let (best_topic, best_score) = if answer.matched {
        (answer.topic.clone(), answer.confidence)
    } else {
        answer
            .suggestions
            .first()
            .map_or((None, 0.0), |s| (Some(s.topic.clone()), s.confidence))
    };
    let question = UnansweredQuestion {
        text: question.to_string(),
        asked_at: data.now(),
        channel: channel.map(|c| c.to_string()),
        best_topic,
        score: best_score,
    };
    let store = Arc::clone(&data.store);
    let write = move || {
        let result = match store.lock() {
            Ok(mut store) => store
                .record_unanswered(&question)
                .map_err(|e| e.to_string()),
            Err(_) => Err("the state store is unavailable after a panic".to_string()),
        };
        if let Err(err) = result {
            warn!("could not keep an unanswered question: {err}");
        }
    };
    match tokio::runtime::Handle::try_current() {
        Ok(runtime) => drop(runtime.spawn_blocking(write)),
        Err(_) => write(),
    }
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
    let bot_roles = data.bot_roles.lock().map(|r| r.clone()).unwrap_or_default();
    let Some(question) = question_in(
        message,
        bot,
        &bot_roles,
        &data.config.discord.question_channels,
    ) else {
        return;
    };
    let verdict = data.cooldowns.lock().map_or(Verdict::Allow, |mut c| {
        c.check(message.author.id.get(), Instant::now())
    });
    let reply = match verdict {
        Verdict::Allow => {
            let engine = data.engine.load();
            if question.is_empty() {
                // "@Usher" on its own: say what Usher can do.
                Reply::text(&format!(
                    "Ask me about {}: {}.",
                    engine.knowledge().event.title,
                    engine.capabilities()
                ))
            } else {
                let channel = message.guild_id.map(|_| message.channel_id);
                let a = answer(data, &engine, channel, &question);
                reply::render(
                    &a,
                    data.config.discord.reply_style,
                    &engine.knowledge().event.title,
                )
            }
        }
        Verdict::Wait { retry_after } => Reply::text(&format!(
            "You are asking quickly: please try again in {} seconds.",
            retry_after.as_secs().max(1)
        )),
        Verdict::Silent => return,
    };
    let result = message
        .channel_id
        .send_message(
            &ctx.http,
            reply.to_message().reference_message(
                // If the question was deleted meanwhile, the answer is still posted, just not as a reply.
                serenity::all::MessageReference::from(message).fail_if_not_exists(false),
            ),
        )
        .await;
    if let Err(err) = result {
        warn!(channel = %message.channel_id, "could not send the answer: {}", describe(&err));
    }
}

async fn on_press(ctx: &SerenityContext, data: &Data, press: &ComponentInteraction) {
    if press
        .data
        .custom_id
        .starts_with(super::commands::ANNOUNCE_BUTTON)
    {
        super::commands::on_announce_press(ctx, data, press).await;
        return;
    }
    let (key, more) = match (
        press.data.custom_id.strip_prefix(TOPIC_BUTTON),
        press.data.custom_id.strip_prefix(MORE_BUTTON),
    ) {
        (Some(key), _) => (key, false),
        (_, Some(key)) => (key, true),
        _ => return,
    };
    let started = Instant::now();
    let engine = data.engine.load();
    let reply = match engine.answer_topic(key, data.now(), Some(&*data.store)) {
        Some(a) if more => reply::render_more(&a),
        Some(a) => {
            report(data, Some(press.channel_id), None, &a, started);
            reply::render(
                &a,
                data.config.discord.reply_style,
                &engine.knowledge().event.title,
            )
        }
        // The knowledge was reloaded since the button was posted and the topic is gone.
        None => Reply::text("That topic is no longer in the knowledge; please ask again.")
            .ephemeral(true),
    };
    let response = CreateInteractionResponse::Message(reply.to_interaction());
    if let Err(err) = press.create_response(&ctx.http, response).await {
        warn!(channel = %press.channel_id, "could not answer a button press: {}", describe(&err));
    }
}

/// A short explanation of a failed Discord call, with what to do about the common ones.
pub fn describe(err: &serenity::Error) -> String {
    if let serenity::Error::Http(serenity::all::HttpError::UnsuccessfulRequest(response)) = err {
        let status = response.status_code.as_u16();
        return match status {
            403 => format!(
                "Discord refused (403 {}): Usher lacks a permission there; it needs View Channel, Send Messages and Embed Links",
                response.error.message
            ),
            404 => format!(
                "Discord says the channel or message does not exist (404 {})",
                response.error.message
            ),
            429 => "Discord is rate limiting Usher (429); the next questions will be answered"
                .to_string(),
            _ => format!("Discord answered {status}: {}", response.error.message),
        };
    }
    err.to_string()
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
