//! `/programme`: the programme's parts or sessions, or, with filters (`day:`, `room:`, `track:`,
//! `speaker:`, each offered from the knowledge while typing), the list of the sessions they ask for. A
//! list cut short has a "Show more" button that shows the next lines to the one who pressed it.

use serenity::all::{
    ComponentInteraction, Context as SerenityContext, CreateAutocompleteResponse,
    CreateInteractionResponse,
};
use tracing::warn;

use super::facets::{channel_of, topic};
use crate::discord::autocomplete::choices;
use crate::discord::checks::slow_down;
use crate::discord::cooldown::Verdict;
use crate::discord::errors::describe;
use crate::discord::limits;
use crate::discord::pipeline::{self, ProgrammePage, Topic};
use crate::discord::reply::{Button, Reply};
use crate::discord::respond;
use crate::discord::retry::retrying;
use crate::discord::router::{ButtonRoute, Handling};
use crate::discord::types::{Context, Data, Error};
use crate::engine::{Facet, Filter, Window};
use crate::knowledge::RoomRef;

/// The prefix of a "Show more" button's custom id; the rest is the list's filter and where it goes on
/// (see [`Continuation`]).
const MORE_SESSIONS_BUTTON: &str = "usher:programme:";

/// How many lines each press of "Show more" shows: as many as fit a message comfortably.
const PAGE: usize = 12;

/// The "Show more" buttons under lists cut short.
pub const MORE_SESSIONS_BUTTONS: ButtonRoute = ButtonRoute {
    prefix: MORE_SESSIONS_BUTTON,
    handle: on_more_press,
};

/// The values of one filter that match what has been typed so far, from the knowledge in use.
fn suggest(ctx: Context<'_>, facet: Facet, partial: &str) -> CreateAutocompleteResponse {
    choices(pipeline::programme_choices(
        ctx.data(),
        facet,
        partial,
        limits::AUTOCOMPLETE_CHOICES,
    ))
}

#[allow(
    clippy::unused_async,
    reason = "poise calls autocomplete callbacks as async functions"
)]
async fn days(ctx: Context<'_>, partial: &str) -> CreateAutocompleteResponse {
    suggest(ctx, Facet::Day, partial)
}

#[allow(
    clippy::unused_async,
    reason = "poise calls autocomplete callbacks as async functions"
)]
async fn rooms(ctx: Context<'_>, partial: &str) -> CreateAutocompleteResponse {
    suggest(ctx, Facet::Room, partial)
}

#[allow(
    clippy::unused_async,
    reason = "poise calls autocomplete callbacks as async functions"
)]
async fn tracks(ctx: Context<'_>, partial: &str) -> CreateAutocompleteResponse {
    suggest(ctx, Facet::Track, partial)
}

#[allow(
    clippy::unused_async,
    reason = "poise calls autocomplete callbacks as async functions"
)]
async fn speakers(ctx: Context<'_>, partial: &str) -> CreateAutocompleteResponse {
    suggest(ctx, Facet::Speaker, partial)
}

/// The programme, or its sessions on a day, in a room, of a track or with a speaker.
#[poise::command(slash_command, check = "crate::discord::checks::not_too_fast")]
pub async fn programme(
    ctx: Context<'_>,
    #[description = "Only sessions on this day"]
    #[autocomplete = "days"]
    day: Option<String>,
    #[description = "Only sessions in this room"]
    #[autocomplete = "rooms"]
    room: Option<String>,
    #[description = "Only sessions of this track or kind"]
    #[autocomplete = "tracks"]
    track: Option<String>,
    #[description = "Only this speaker's sessions"]
    #[autocomplete = "speakers"]
    speaker: Option<String>,
) -> Result<(), Error> {
    let chosen: Vec<(Facet, &str)> = [
        (Facet::Day, &day),
        (Facet::Room, &room),
        (Facet::Track, &track),
        (Facet::Speaker, &speaker),
    ]
    .into_iter()
    .filter_map(|(facet, value)| value.as_deref().map(|v| (facet, v)))
    .collect();
    if chosen.is_empty() {
        return topic(ctx, Topic::Key("event.programme")).await;
    }
    let reply = match pipeline::programme_list(ctx.data(), channel_of(ctx), &chosen) {
        Ok(page) => with_more_button(page, Window::FIRST),
        // A value that names nothing is the asker's to fix: only they need see what there is.
        Err(unknown) => Reply::text(&unknown).ephemeral(true),
    };
    respond::send(ctx, &reply).await
}

/// A page's reply, with a "Show more" button if lines after those `window` shows remain.
fn with_more_button(page: ProgrammePage, window: Window) -> Reply {
    let ProgrammePage {
        mut reply,
        filter,
        lines,
        version,
    } = page;
    // A page that would leave only a line or two shows them too (see `Window::fitted`).
    let window = window.fitted(lines);
    let next = window.from + window.count;
    if lines > next {
        let rest = Continuation {
            version,
            filter,
            from: next,
        };
        let custom_id = rest.custom_id();
        // A custom id too long for Discord would be refused with the whole reply; the list's own last line
        // already says how to narrow it.
        if custom_id.chars().count() <= limits::CUSTOM_ID {
            reply.actions.insert(
                0,
                Button {
                    custom_id,
                    label: "Show more".to_string(),
                },
            );
        }
    }
    reply
}

/// Where a list cut short goes on: the knowledge's version, the list's filter and the first line not yet
/// shown, written into a button's custom id as `version:from:day:room:track:speaker` (an unset filter
/// left empty). Rooms, tracks and speakers are written by their place in the knowledge, which is why
/// the version goes with them. Only what `/programme` sets is written: a day, a room, a label and a
/// speaker.
#[derive(Debug, Clone, PartialEq)]
struct Continuation {
    version: String,
    filter: Filter,
    from: usize,
}

impl Continuation {
    fn custom_id(&self) -> String {
        let f = &self.filter;
        let number = |n: Option<usize>| n.map(|n| n.to_string()).unwrap_or_default();
        format!(
            "{MORE_SESSIONS_BUTTON}{}:{}:{}:{}:{}:{}",
            self.version,
            self.from,
            f.day.map(|d| d.to_string()).unwrap_or_default(),
            f.room
                .map(|r| format!("{}.{}", r.venue, r.room))
                .unwrap_or_default(),
            number(f.label),
            number(f.speaker),
        )
    }

    /// Reads a custom id [`Continuation::custom_id`] wrote; `None` for any other text.
    fn parse(custom_id: &str) -> Option<Continuation> {
        let rest = custom_id.strip_prefix(MORE_SESSIONS_BUTTON)?;
        let parts: Vec<&str> = rest.split(':').collect();
        let [version, from, day, room, label, speaker] = parts.as_slice() else {
            return None;
        };
        let optional = |text: &str| -> Option<Option<usize>> {
            if text.is_empty() {
                Some(None)
            } else {
                text.parse().ok().map(Some)
            }
        };
        let room = if room.is_empty() {
            None
        } else {
            let (venue, room) = room.split_once('.')?;
            Some(RoomRef {
                venue: venue.parse().ok()?,
                room: room.parse().ok()?,
            })
        };
        let day = if day.is_empty() {
            None
        } else {
            Some(day.parse().ok()?)
        };
        Some(Continuation {
            version: (*version).to_string(),
            filter: Filter {
                day,
                room,
                label: optional(label)?,
                speaker: optional(speaker)?,
                ..Filter::default()
            },
            from: from.parse().ok()?,
        })
    }
}

fn on_more_press<'a>(
    ctx: &'a SerenityContext,
    data: &'a Data,
    press: &'a ComponentInteraction,
) -> Handling<'a> {
    Box::pin(show_more(ctx, data, press))
}

/// Shows the next lines of a list cut short, privately: the list is under someone else's command as
/// often as not, and the channel need not see each page.
async fn show_more(ctx: &SerenityContext, data: &Data, press: &ComponentInteraction) {
    let reply = match data.cooldown(press.user.id.get()) {
        Verdict::Allow => {
            let window = |from| Window { from, count: PAGE };
            Continuation::parse(&press.data.custom_id)
                .and_then(|c| {
                    pipeline::programme_more(
                        data,
                        Some(press.channel_id),
                        c.filter,
                        window(c.from),
                        &c.version,
                    )
                    .map(|page| (page, c.from))
                })
                .map_or_else(
                    // The knowledge was reloaded since the button was posted: its numbers may name
                    // other rooms or speakers now.
                    || Reply::text("The programme has changed since; please use /programme again."),
                    |(page, from)| with_more_button(page, window(from)),
                )
        }
        Verdict::Wait { retry_after } | Verdict::Silent { retry_after } => {
            Reply::text(&slow_down(retry_after))
        }
    };
    let response = CreateInteractionResponse::Message(reply.ephemeral(true).to_interaction());
    let answered = retrying(|| press.create_response(&ctx.http, response.clone())).await;
    if let Err(err) = answered {
        warn!(channel = %press.channel_id, "could not answer a Show more press: {}", describe(&err));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_continuation_reads_back_what_it_wrote_and_fits_a_custom_id() {
        let full = Continuation {
            version: "0123456789abcdef".to_string(),
            filter: Filter {
                day: Some(jiff::civil::date(2026, 6, 2)),
                room: Some(RoomRef {
                    venue: 12,
                    room: 345,
                }),
                label: Some(6789),
                speaker: Some(12_345),
                ..Filter::default()
            },
            from: 1_000_000,
        };
        let id = full.custom_id();
        assert!(id.chars().count() <= limits::CUSTOM_ID, "{id}");
        assert_eq!(Continuation::parse(&id), Some(full));
        let bare = Continuation {
            version: "fedcba9876543210".to_string(),
            filter: Filter::default(),
            from: 6,
        };
        assert_eq!(Continuation::parse(&bare.custom_id()), Some(bare));
        for other in [
            "usher:topic:event.when",
            "usher:programme:v:6:2026-13-01:::",
            "usher:programme:v:x:::::",
            "usher:programme:v:6:::",
            "usher:programme:v:6::1:::",
        ] {
            assert_eq!(Continuation::parse(other), None, "{other}");
        }
    }
}
