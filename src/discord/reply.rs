//! How an answer looks on Discord: an embed (title, text, fields for time and place, a map link, a footer
//! naming the event and the source) or plain text, with buttons for the topics the question may have
//! meant. Everything is cut to Discord's limits here, so no caller can send an oversized message.

use serenity::all::{
    ButtonStyle, CreateActionRow, CreateAllowedMentions, CreateButton, CreateEmbed,
    CreateEmbedFooter, CreateInteractionResponseMessage, CreateMessage,
};

use super::limits::{self, fit};
use super::markdown;
use crate::answer::{Answer, PlaceFact, TimeFact};
use crate::config::ReplyStyle;

/// The prefix of a suggestion button's custom id; the rest is the topic key.
pub const TOPIC_BUTTON: &str = "usher:topic:";
/// The prefix of a "Remind me" button's custom id; the rest is the session id.
pub const REMIND_BUTTON: &str = "usher:remind:";
/// The prefixes of the vote buttons' custom ids; the rest is the topic key.
pub const VOTE_UP_BUTTON: &str = "usher:vote:up:";
pub const VOTE_DOWN_BUTTON: &str = "usher:vote:down:";
/// The topic keys of sessions begin with this; the rest is the session id.
const SESSION_TOPIC: &str = "session.";

/// The prefix of a "More" button's custom id; the rest is the key of the topic whose long text it
/// shows in full.
pub const MORE_BUTTON: &str = "usher:more:";

/// A reply, independent of how it is sent (message, interaction response, followup).
#[derive(Debug, Clone, PartialEq)]
pub struct Reply {
    pub content: Option<String>,
    pub embed: Option<Embed>,
    pub buttons: Vec<Button>,
    /// Buttons that act on the answer ("Remind me", votes), in a row of their own below the suggestions.
    pub actions: Vec<Button>,
    /// Whether only the asker sees it (slash commands only).
    pub ephemeral: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Embed {
    pub title: String,
    pub url: Option<String>,
    pub description: String,
    pub fields: Vec<(String, String)>,
    pub footer: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Button {
    pub custom_id: String,
    pub label: String,
}

/// "<t:1430395200:F> to <t:1430407800:t> (<t:1430395200:R>)": shown by Discord in each reader's own time
/// zone and language.
pub fn discord_times(t: &TimeFact) -> String {
    let start = t.start.as_second();
    match t.end {
        Some(end) => format!("<t:{start}:F> to <t:{}:t> (<t:{start}:R>)", end.as_second()),
        None => format!("<t:{start}:F> (<t:{start}:R>)"),
    }
}

fn place_line(p: &PlaceFact) -> String {
    match &p.map {
        Some(map) => format!("{}, {} ([map]({map}))", p.name, p.address),
        None => format!("{}, {}", p.name, p.address),
    }
}

/// Renders an answer for Discord.
pub fn render(answer: &Answer, style: ReplyStyle, event_title: &str) -> Reply {
    let buttons: Vec<Button> = answer
        .suggestions
        .iter()
        .take(limits::BUTTONS_PER_ROW)
        .map(|s| Button {
            custom_id: fit(&format!("{TOPIC_BUTTON}{}", s.topic), limits::CUSTOM_ID),
            label: fit(&s.label, limits::BUTTON_LABEL),
        })
        .collect();
    let actions = actions(answer);
    match style {
        ReplyStyle::Embed => Reply {
            content: None,
            embed: Some(embed(answer, event_title)),
            buttons,
            actions,
            ephemeral: false,
        },
        ReplyStyle::Plain => Reply {
            content: Some(plain(answer)),
            embed: None,
            buttons,
            actions,
            ephemeral: false,
        },
    }
}

/// The buttons under an answer from the knowledge: "More" for a long text cut short, "Remind me" for a
/// session, and a thumbs up and down.
/// A custom id that would not fit Discord's limit is left out rather than cut, since a cut one would
/// name another topic.
fn actions(answer: &Answer) -> Vec<Button> {
    let Some(topic) = answer.topic.as_deref().filter(|_| answer.matched) else {
        return Vec::new();
    };
    let mut actions = Vec::new();
    // The rest of a long text is a press away, first in the row.
    if answer.rich.as_ref().and_then(|r| r.more.as_ref()).is_some() {
        actions.push(Button {
            custom_id: format!("{MORE_BUTTON}{topic}"),
            label: "More".to_string(),
        });
    }
    if let Some(session) = topic.strip_prefix(SESSION_TOPIC) {
        actions.push(Button {
            custom_id: format!("{REMIND_BUTTON}{session}"),
            label: "Remind me".to_string(),
        });
    }
    actions.push(Button {
        custom_id: format!("{VOTE_UP_BUTTON}{topic}"),
        label: "\u{1f44d}".to_string(),
    });
    actions.push(Button {
        custom_id: format!("{VOTE_DOWN_BUTTON}{topic}"),
        label: "\u{1f44e}".to_string(),
    });
    actions.retain(|b| b.custom_id.chars().count() <= limits::CUSTOM_ID);
    actions
}

fn embed(answer: &Answer, event_title: &str) -> Embed {
    let mut fields = Vec::new();
    for t in answer.times.iter().take(3) {
        fields.push((
            fit(&format!("When ({})", t.label), limits::EMBED_FIELD_NAME),
            fit(&discord_times(t), limits::EMBED_FIELD_VALUE),
        ));
    }
    if let Some(p) = &answer.place {
        fields.push((
            "Where".to_string(),
            fit(&place_line(p), limits::EMBED_FIELD_VALUE),
        ));
    }
    fields.truncate(limits::EMBED_FIELDS);
    let footer = match (&answer.source, &answer.topic) {
        // The file name and line, not the full path: participants need no server paths.
        (Some(source), Some(topic)) => format!(
            "{event_title} \u{b7} {topic} ({}:{})",
            source.path.file_name().map_or_else(
                || source.path.display().to_string(),
                |n| n.to_string_lossy().into_owned()
            ),
            source.line
        ),
        _ => event_title.to_string(),
    };
    let title = fit(&answer.title, limits::EMBED_TITLE);
    let footer = fit(&footer, limits::EMBED_FOOTER);
    // The description gets whatever room the other parts leave of the total.
    let used: usize = title.chars().count()
        + footer.chars().count()
        + fields
            .iter()
            .map(|(n, v)| n.chars().count() + v.chars().count())
            .sum::<usize>();
    let room = limits::EMBED_TOTAL
        .saturating_sub(used)
        .min(limits::EMBED_DESCRIPTION);
    Embed {
        title,
        url: answer.place.as_ref().and_then(|p| p.map.clone()),
        description: fit(&body(answer), room),
        fields,
        footer,
    }
}

/// The answer's text for Discord: with the Markdown it quotes rendered, when it quotes any.
fn body(answer: &Answer) -> String {
    answer
        .rich
        .as_ref()
        .map_or_else(|| answer.text.clone(), |rich| markdown::render(&rich.body))
}

/// The whole of an answer's long text (a session's abstract and description), for the "More" button;
/// only the one who pressed it sees it.
pub fn render_more(answer: &Answer) -> Reply {
    let more = answer.rich.as_ref().and_then(|r| r.more.as_ref());
    let text = more.map_or_else(|| body(answer), markdown::render);
    Reply::text(&format!("**{}**\n{text}", markdown::escape(&answer.title))).ephemeral(true)
}

fn plain(answer: &Answer) -> String {
    let mut text = body(answer);
    for t in answer.times.iter().take(1) {
        text.push_str(&format!("\n{}", discord_times(t)));
    }
    fit(&text, limits::MESSAGE_CONTENT)
}

/// Nobody is ever pinged by an answer: not `@everyone`, not a role, not a user, not the asker.
pub fn no_mentions() -> CreateAllowedMentions {
    CreateAllowedMentions::new().replied_user(false)
}

fn create_embed(e: &Embed) -> CreateEmbed {
    let mut embed = CreateEmbed::new()
        .title(&e.title)
        .description(&e.description)
        .footer(CreateEmbedFooter::new(&e.footer));
    if let Some(url) = &e.url {
        embed = embed.url(url);
    }
    for (name, value) in &e.fields {
        embed = embed.field(name, value, false);
    }
    embed
}

fn rows(buttons: &[Button], actions: &[Button]) -> Vec<CreateActionRow> {
    buttons
        .chunks(limits::BUTTONS_PER_ROW)
        .chain(actions.chunks(limits::BUTTONS_PER_ROW))
        .take(limits::ACTION_ROWS)
        .map(|chunk| {
            CreateActionRow::Buttons(
                chunk
                    .iter()
                    .map(|b| {
                        CreateButton::new(&b.custom_id)
                            .label(&b.label)
                            .style(ButtonStyle::Secondary)
                    })
                    .collect(),
            )
        })
        .collect()
}

impl Reply {
    /// A plain text reply (errors, cooldown notices).
    pub fn text(text: &str) -> Reply {
        Reply {
            content: Some(fit(text, limits::MESSAGE_CONTENT)),
            embed: None,
            buttons: Vec::new(),
            actions: Vec::new(),
            ephemeral: false,
        }
    }

    #[must_use]
    pub fn ephemeral(mut self, ephemeral: bool) -> Self {
        self.ephemeral = ephemeral;
        self
    }

    pub fn to_message(&self) -> CreateMessage {
        let mut m = CreateMessage::new().allowed_mentions(no_mentions());
        if let Some(content) = &self.content {
            m = m.content(content);
        }
        if let Some(e) = &self.embed {
            m = m.embed(create_embed(e));
        }
        if !self.buttons.is_empty() || !self.actions.is_empty() {
            m = m.components(rows(&self.buttons, &self.actions));
        }
        m
    }

    pub fn to_interaction(&self) -> CreateInteractionResponseMessage {
        let mut m = CreateInteractionResponseMessage::new()
            .allowed_mentions(no_mentions())
            .ephemeral(self.ephemeral);
        if let Some(content) = &self.content {
            m = m.content(content);
        }
        if let Some(e) = &self.embed {
            m = m.embed(create_embed(e));
        }
        if !self.buttons.is_empty() || !self.actions.is_empty() {
            m = m.components(rows(&self.buttons, &self.actions));
        }
        m
    }

    pub fn to_poise(&self) -> poise::CreateReply {
        let mut r = poise::CreateReply::default()
            .allowed_mentions(no_mentions())
            .ephemeral(self.ephemeral);
        if let Some(content) = &self.content {
            r = r.content(content);
        }
        if let Some(e) = &self.embed {
            r = r.embed(create_embed(e));
        }
        if !self.buttons.is_empty() || !self.actions.is_empty() {
            r = r.components(rows(&self.buttons, &self.actions));
        }
        r
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::answer::Suggestion;

    fn answer(text: &str) -> Answer {
        Answer {
            matched: true,
            topic: Some("event.when".into()),
            title: "Date and time".into(),
            text: text.into(),
            confidence: 0.9,
            suggestions: vec![Suggestion {
                topic: "venue.hall".into(),
                label: "Grand Hall".into(),
                confidence: 0.8,
            }],
            times: vec![TimeFact {
                label: "Seminar".into(),
                start: "2015-04-30T12:00:00Z".parse().expect("a timestamp"),
                end: Some("2015-04-30T15:30:00Z".parse().expect("a timestamp")),
            }],
            place: Some(PlaceFact {
                name: "Grand Hall".into(),
                address: "Main Street 1, 3511 AB Utrecht".into(),
                map: Some("https://www.openstreetmap.org/search?query=x".into()),
            }),
            source: None,
            rich: None,
        }
    }

    #[test]
    fn times_are_discord_timestamps() {
        let r = render(&answer("It took place."), ReplyStyle::Embed, "Seminar");
        let e = r.embed.expect("an embed");
        assert_eq!(
            e.fields[0].1,
            "<t:1430395200:F> to <t:1430407800:t> (<t:1430395200:R>)"
        );
        assert!(
            e.fields[1]
                .1
                .contains("[map](https://www.openstreetmap.org/search?query=x)")
        );
        assert_eq!(r.buttons[0].custom_id, "usher:topic:venue.hall");
        let actions: Vec<&str> = r.actions.iter().map(|b| b.custom_id.as_str()).collect();
        assert_eq!(
            actions,
            ["usher:vote:up:event.when", "usher:vote:down:event.when"]
        );
    }

    #[test]
    fn an_answer_about_a_session_offers_a_reminder_and_an_unmatched_one_no_votes() {
        let mut a = answer("It starts at ten.");
        a.topic = Some("session.keynote".into());
        let r = render(&a, ReplyStyle::Plain, "Seminar");
        assert_eq!(r.actions[0].custom_id, "usher:remind:keynote");
        assert_eq!(r.actions[0].label, "Remind me");
        a.matched = false;
        assert!(render(&a, ReplyStyle::Plain, "Seminar").actions.is_empty());
        a.matched = true;
        a.topic = Some(format!("session.{}", "x".repeat(100)));
        assert!(render(&a, ReplyStyle::Plain, "Seminar").actions.is_empty());
    }

    #[test]
    fn everything_fits_discords_limits() {
        let long = "word ".repeat(3000);
        let mut a = answer(&long);
        a.title = "t".repeat(500);
        let e = render(&a, ReplyStyle::Embed, &"e".repeat(3000))
            .embed
            .expect("an embed");
        let total = e.title.chars().count()
            + e.description.chars().count()
            + e.footer.chars().count()
            + e.fields
                .iter()
                .map(|(n, v)| n.chars().count() + v.chars().count())
                .sum::<usize>();
        assert!(e.title.chars().count() <= limits::EMBED_TITLE);
        assert!(e.description.chars().count() <= limits::EMBED_DESCRIPTION);
        assert!(e.footer.chars().count() <= limits::EMBED_FOOTER);
        assert!(total <= limits::EMBED_TOTAL, "{total}");
        let p = render(&a, ReplyStyle::Plain, "Seminar")
            .content
            .expect("text");
        assert!(p.chars().count() <= limits::MESSAGE_CONTENT);
    }

    #[test]
    fn quoted_markdown_is_discord_markdown_with_the_rest_a_press_away() {
        use crate::answer::RichAnswer;
        use crate::markdown::Rich;
        let mut a = answer("plain");
        a.topic = Some("session.tiles".into());
        let mut body = Rich::text("Tiles (Mon 10:00): ");
        body.append_inline(Rich::parse(
            "Use **tilemaker**, see [the docs](https://example.org/d) or https://example.org/x. @everyone",
        ));
        a.rich = Some(RichAnswer {
            body,
            more: Some(Rich::parse("All of it, with `code`.")),
        });
        let r = render(&a, ReplyStyle::Embed, "Conf");
        assert_eq!(
            r.embed.expect("an embed").description,
            "Tiles (Mon 10:00): Use **tilemaker**, see [the docs](<https://example.org/d>) or \
             <https://example.org/x>. @\u{200b}everyone"
        );
        // More comes first among the answer's own buttons, before Remind me; the suggestions keep theirs.
        assert_eq!(r.actions[0].custom_id, "usher:more:session.tiles");
        assert_eq!(r.actions[0].label, "More");
        assert_eq!(r.actions[1].custom_id, "usher:remind:tiles");
        assert_eq!(r.buttons[0].custom_id, "usher:topic:venue.hall");
        let more = render_more(&a);
        assert!(more.ephemeral);
        assert_eq!(
            more.content.as_deref(),
            Some("**Date and time**\nAll of it, with `code`.")
        );
    }

    #[test]
    fn an_answer_without_long_text_has_no_more_button() {
        let r = render(&answer("It took place."), ReplyStyle::Plain, "Seminar");
        assert!(
            r.buttons
                .iter()
                .chain(&r.actions)
                .all(|b| !b.custom_id.starts_with(MORE_BUTTON))
        );
        assert!(r.content.expect("text").starts_with("It took place."));
    }
}
