//! Participants' agendas on the real bot against the fake Discord: "Remind me" under an answer and
//! `/remind` put sessions on an agenda; the reminder is a direct message sent by the one announcement
//! loop at its time; a programme change moves or withdraws reminders and tells the participant once;
//! closed direct messages are recorded and the participant told once, privately; a session marked
//! cancelled has its Discord event cancelled along with its reminders; votes under answers reach `/gaps`. The clock is the test's, moved rather than waited for.

use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, Instant};

use jiff::{SignedDuration, Timestamp};
use serde_json::json;
use usher::clock::Clock;
use usher::config::{Config, ScheduledEvents};
use usher::discord::Services;
use usher::engine::{Engine, Thresholds};
use usher::live;
use usher::reload::Reloader;
use usher::schedule::Status;
use usher::store::{SharedStore, Store};

use crate::announce::ManualClock;
use crate::bot::{REPLY_TIMEOUT, answer_to, config_for, guild, reply_text, start_usher_with};
use crate::fake_discord::{CommandOption, FakeDiscord, InteractionSpec, Method, UserSpec};

pub const EVENT: &str = r#"[event]
id = "demo"
title = "Demo Conference"
kind = "Conference"
description = "A small conference used by the tests."
time_zone = "Europe/Amsterdam"
start = 2026-06-01T09:00:00
end = 2026-06-01T17:00:00
venue = "hall"

[[venue]]
id = "hall"
name = "Grand Hall"
address = "Main Street 1"
city = "Utrecht"
rooms = [{ id = "room-a", name = "Room A" }, { id = "room-b", name = "Room B" }]
"#;

/// The opening at ten in Room A, and a workshop at two in Room B.
pub const FIRST_PROGRAMME: &str = r#"[[session]]
id = "opening"
title = "Opening keynote"
room = "room-a"
start = 2026-06-01T10:00:00
end = 2026-06-01T11:00:00

[[session]]
id = "workshop"
title = "Mapping workshop"
room = "room-b"
start = 2026-06-01T14:00:00
end = 2026-06-01T15:00:00
"#;

/// The opening an hour later; the workshop gone.
const SECOND_PROGRAMME: &str = r#"[[session]]
id = "opening"
title = "Opening keynote"
room = "room-a"
start = 2026-06-01T11:00:00
end = 2026-06-01T12:00:00
"#;

/// Eight in the morning in Amsterdam, two hours before the opening.
fn morning() -> Timestamp {
    "2026-06-01T06:00:00Z".parse().expect("a valid time")
}

pub fn write_knowledge(dir: &Path, sessions: &str) {
    std::fs::write(dir.join("event.toml"), EVENT).expect("event.toml");
    std::fs::write(dir.join("sessions.toml"), sessions).expect("sessions.toml");
}

struct Running {
    _bot: usher::discord::Bot,
    store: SharedStore,
    clock: Arc<ManualClock>,
    reloader: Arc<Reloader>,
    knowledge: tempfile::TempDir,
}

async fn start(fake: &FakeDiscord) -> Running {
    start_on(fake, EVENT, FIRST_PROGRAMME, morning(), config_for(fake)).await
}

/// Starts Usher on the knowledge `event` and `sessions`, with its clock at `now`.
async fn start_on(
    fake: &FakeDiscord,
    event: &str,
    sessions: &str,
    now: Timestamp,
    config: Config,
) -> Running {
    let knowledge = tempfile::tempdir().expect("a temp dir");
    std::fs::write(knowledge.path().join("event.toml"), event).expect("event.toml");
    std::fs::write(knowledge.path().join("sessions.toml"), sessions).expect("sessions.toml");
    let engine = live::shared(
        Engine::load(knowledge.path(), Thresholds::default())
            .expect("the test knowledge loads")
            .engine,
    );
    let clock = ManualClock::at(now);
    let reloader = Arc::new(Reloader::new(
        Arc::clone(&engine),
        knowledge.path().to_path_buf(),
        Thresholds::default(),
        Arc::clone(&clock) as Arc<dyn Clock>,
    ));
    let store = SharedStore::new(Store::open_in_memory().expect("an in-memory store"));
    let services = Services {
        engine,
        store: store.clone(),
        clock: Arc::clone(&clock) as Arc<dyn Clock>,
        reloader: Some(Arc::clone(&reloader)),
    };
    let bot = start_usher_with(fake, config, services).await;
    until(&store, "the first programme is recorded", |s| {
        s.announced_programme().expect("read").is_some()
    })
    .await;
    Running {
        _bot: bot,
        store,
        clock,
        reloader,
        knowledge,
    }
}

/// Waits (polling, at most [`REPLY_TIMEOUT`]) until the store shows `what`.
async fn until(store: &SharedStore, what: &str, ready: impl Fn(&Store) -> bool) {
    let deadline = Instant::now() + REPLY_TIMEOUT;
    while !ready(&store.lock()) {
        assert!(Instant::now() < deadline, "timed out waiting until {what}");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

/// The texts the bot sent into `channel`, in order.
fn texts_in(fake: &FakeDiscord, channel: serenity::all::ChannelId) -> Vec<String> {
    fake.requests()
        .iter()
        .filter(|r| r.is("POST", &format!("/channels/{channel}/messages")) && r.status.is_success())
        .map(|r| reply_text(r.json()))
        .collect()
}

/// What the bot answered `user`'s slash command, as text.
async fn command(
    fake: &FakeDiscord,
    user: &UserSpec,
    name: &str,
    options: Vec<CommandOption>,
) -> String {
    let handle = fake
        .send_interaction(InteractionSpec::slash(name, options).by(user.clone()))
        .await;
    reply_text(answer_to(fake, &handle).await.json())
}

/// Asks about the opening with `/ask`, and presses "Remind me" under the answer as `user`.
async fn remind_me_under_an_answer(fake: &FakeDiscord, user: &UserSpec) -> String {
    let handle = fake
        .send_interaction(
            InteractionSpec::slash(
                "ask",
                vec![CommandOption::string(
                    "question",
                    "when is the opening keynote?",
                )],
            )
            .by(user.clone()),
        )
        .await;
    let answer = answer_to(fake, &handle).await;
    let buttons: Vec<String> = answer.json()["data"]["components"]
        .as_array()
        .into_iter()
        .flatten()
        .flat_map(|row| row["components"].as_array().cloned().unwrap_or_default())
        .filter_map(|b| b["custom_id"].as_str().map(str::to_owned))
        .collect();
    assert!(
        buttons
            .iter()
            .any(|b| b == "usher:vote:down:session.opening"),
        "thumbs under the answer: {buttons:?}"
    );
    let remind = buttons
        .iter()
        .find(|b| b.starts_with("usher:remind:"))
        .unwrap_or_else(|| panic!("a Remind me button among {buttons:?}"));
    let message = fake
        .original_response(&handle)
        .expect("the answer is a message")
        .id;
    let press = fake
        .send_interaction(InteractionSpec::button(message, remind).by(user.clone()))
        .await;
    let reply = answer_to(fake, &press).await;
    assert_eq!(
        reply.json()["data"]["flags"],
        json!(64),
        "only the presser sees it"
    );
    reply_text(reply.json())
}

/// `/agenda clear` deletes the participant and every message addressed to them.
async fn clearing_deletes_everything_about_them(
    fake: &FakeDiscord,
    running: &Running,
    bob: &UserSpec,
) {
    let cleared = command(
        fake,
        bob,
        "agenda",
        vec![CommandOption::boolean("clear", true)],
    )
    .await;
    assert!(cleared.contains("cleared"), "{cleared}");
    let store = running.store.lock();
    assert!(store.agendas().expect("read").is_empty());
    assert!(
        store
            .list_all()
            .expect("read")
            .iter()
            .all(|a| a.recipient.is_none())
    );
    drop(store);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_moved_session_moves_its_reminder_and_a_removed_one_is_withdrawn_with_a_notice() {
    let fake = FakeDiscord::start_with(&guild()).await;
    let running = start(&fake).await;
    let bob = UserSpec::bob();
    let dm = fake.dm_channel_id(&bob);
    let announcements = fake.channel_id("announcements");

    let told = remind_me_under_an_answer(&fake, &bob).await;
    assert!(
        told.contains("Opening keynote") && told.contains("10 minutes"),
        "{told}"
    );
    let told = command(
        &fake,
        &bob,
        "remind",
        vec![CommandOption::string("session", "workshop")],
    )
    .await;
    assert!(told.contains("Mapping workshop"), "{told}");
    let listed = command(&fake, &bob, "agenda", vec![]).await;
    assert!(
        listed.contains("Opening keynote") && listed.contains("Mapping workshop"),
        "{listed}"
    );
    until(&running.store, "both reminders are scheduled", |s| {
        s.list_upcoming()
            .expect("read")
            .iter()
            .filter(|a| a.recipient.is_some())
            .count()
            == 2
    })
    .await;

    // The programme changes: the opening moves an hour later, the workshop is removed.
    write_knowledge(running.knowledge.path(), SECOND_PROGRAMME);
    running.reloader.reload_now().await;
    running.clock.advance(SignedDuration::from_secs(1));
    fake.wait_for(
        |r| r.is("POST", &format!("/channels/{dm}/messages")) && r.status.is_success(),
        REPLY_TIMEOUT,
    )
    .await;
    fake.wait_for(
        |r| r.is("POST", &format!("/channels/{announcements}/messages")) && r.status.is_success(),
        REPLY_TIMEOUT,
    )
    .await;
    let summary = texts_in(&fake, announcements);
    assert_eq!(summary.len(), 1, "one batched summary: {summary:?}");
    assert!(
        summary[0].contains(
            "Opening keynote: moved to Mon 1 Jun 11:00-12:00 (was Mon 1 Jun 10:00-11:00)"
        ) && summary[0].contains("Removed: Mapping workshop"),
        "{summary:?}"
    );
    let notices = texts_in(&fake, dm);
    assert_eq!(notices.len(), 1, "one message about both: {notices:?}");
    assert!(
        notices[0].contains("Your reminder follows the new time.")
            && notices[0].contains("Its reminder is cancelled."),
        "{notices:?}"
    );

    // At the old time nothing comes; at the new one, the reminder, once.
    running.clock.advance(SignedDuration::from_mins(110));
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(texts_in(&fake, dm).len(), 1, "no reminder at the old time");
    running.clock.advance(SignedDuration::from_mins(60));
    until(&running.store, "the moved reminder is sent", |s| {
        s.list_all().expect("read").iter().any(|a| {
            a.recipient.is_some()
                && a.text.contains("starts in")
                && matches!(a.status, Status::Posted { .. })
        })
    })
    .await;
    let sent = texts_in(&fake, dm);
    assert_eq!(sent.len(), 2, "{sent:?}");
    assert!(
        sent[1].contains("Opening keynote starts in 10 minutes, in Room A."),
        "{sent:?}"
    );
    let all = running.store.lock().list_all().expect("read");
    let workshop = all
        .iter()
        .find(|a| a.key.contains(":workshop:"))
        .expect("the workshop's reminder");
    assert!(
        matches!(workshop.status, Status::Cancelled { .. }),
        "{workshop:?}"
    );

    clearing_deletes_everything_about_them(&fake, &running, &bob).await;
    fake.assert_clean();
}

/// A conference in 2030, after the fake Discord's clock, so that its sessions can be Discord events.
const LATER_EVENT: &str = r#"[event]
id = "delta"
title = "Delta Days"
kind = "Conference"
description = "Two days on river deltas."
time_zone = "Europe/Amsterdam"
start = 2030-06-03T09:00:00
end = 2030-06-04T17:00:00
venue = "hall"

[[venue]]
id = "hall"
name = "Harbour Hall"
address = "Quay 4"
city = "Rotterdam"
rooms = [{ id = "room-a", name = "Room A" }, { id = "room-b", name = "Room B" }]
"#;

/// A keynote, a workshop, and a clinic held on both days.
const LATER_PROGRAMME: &str = r#"[[session]]
id = "opening"
title = "Opening keynote"
kind = "Keynote"
room = "room-a"
start = 2030-06-03T10:00:00
end = 2030-06-03T11:00:00

[[session]]
id = "workshop"
title = "Mapping workshop"
kind = "Workshop"
room = "room-b"
start = 2030-06-03T14:00:00
end = 2030-06-03T15:00:00

[[session]]
id = "clinic"
title = "Sediment clinic"
kind = "Workshop"

[[session.slots]]
start = 2030-06-03T16:00:00
end = 2030-06-03T17:00:00
room = "room-a"

[[session.slots]]
start = 2030-06-04T10:00:00
end = 2030-06-04T11:00:00
room = "room-a"
"#;

/// The keynote an hour later, the workshop marked cancelled (still in the knowledge, so answers can say
/// so), and the clinic's second day two hours later in another room.
const CHANGED_PROGRAMME: &str = r#"[[session]]
id = "opening"
title = "Opening keynote"
kind = "Keynote"
room = "room-a"
start = 2030-06-03T11:00:00
end = 2030-06-03T12:00:00

[[session]]
id = "workshop"
title = "Mapping workshop"
kind = "Workshop"
room = "room-b"
start = 2030-06-03T14:00:00
end = 2030-06-03T15:00:00
cancelled = true

[[session]]
id = "clinic"
title = "Sediment clinic"
kind = "Workshop"

[[session.slots]]
start = 2030-06-03T16:00:00
end = 2030-06-03T17:00:00
room = "room-a"

[[session.slots]]
start = 2030-06-04T12:00:00
end = 2030-06-04T13:00:00
room = "room-b"
"#;

/// The fake's scheduled events named `name`, in the order Discord made them.
fn events_named(fake: &FakeDiscord, name: &str) -> Vec<serde_json::Value> {
    fake.scheduled_events()
        .into_iter()
        .filter(|e| e["name"] == json!(name))
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[allow(
    clippy::too_many_lines,
    reason = "one story: sessions mirrored and on an agenda, the programme edited, and what follows on Discord"
)]
async fn a_cancelled_session_loses_its_discord_event_and_its_reminder_and_moved_ones_follow() {
    let fake = FakeDiscord::start_with(&guild()).await;
    let mut config = config_for(&fake);
    config.discord.scheduled_events = Some(ScheduledEvents {
        keynotes: true,
        kinds: vec!["workshop".into()],
        ..ScheduledEvents::default()
    });
    let first_morning: Timestamp = "2030-06-03T06:00:00Z".parse().expect("a valid time");
    let running = start_on(&fake, LATER_EVENT, LATER_PROGRAMME, first_morning, config).await;
    let bob = UserSpec::bob();
    let dm = fake.dm_channel_id(&bob);
    let announcements = fake.channel_id("announcements");
    for session in ["opening", "workshop", "clinic"] {
        command(
            &fake,
            &bob,
            "remind",
            vec![CommandOption::string("session", session)],
        )
        .await;
    }
    until(&running.store, "four reminders are scheduled", |s| {
        s.list_upcoming()
            .expect("read")
            .iter()
            .filter(|a| a.recipient.is_some())
            .count()
            == 4
    })
    .await;
    let deadline = Instant::now() + REPLY_TIMEOUT;
    while fake.scheduled_events().len() < 4 {
        assert!(Instant::now() < deadline, "the four events are never made");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    let workshop = &events_named(&fake, "Mapping workshop")[0];
    assert_eq!(workshop["status"], json!(1), "scheduled");

    // The maintainers save the edit and it is reloaded live.
    std::fs::write(
        running.knowledge.path().join("sessions.toml"),
        CHANGED_PROGRAMME,
    )
    .expect("sessions.toml");
    running.reloader.reload_now().await;
    running.clock.advance(SignedDuration::from_secs(1));
    let deadline = Instant::now() + REPLY_TIMEOUT;
    let settled = |fake: &FakeDiscord| {
        let opening = events_named(fake, "Opening keynote");
        let clinic = events_named(fake, "Sediment clinic");
        events_named(fake, "Mapping workshop")[0]["status"] == json!(4)
            && opening[0]["scheduled_start_time"] == json!("2030-06-03T09:00:00Z")
            && clinic
                .iter()
                .any(|e| e["scheduled_start_time"] == json!("2030-06-04T10:00:00Z"))
    };
    while !settled(&fake) {
        assert!(
            Instant::now() < deadline,
            "Discord's events never followed the edit: {:#?}",
            fake.scheduled_events()
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    // Cancelled, not deleted, so that members who marked themselves interested see it called off; the
    // others are edited in place, not made again.
    assert_eq!(fake.scheduled_events().len(), 4);
    let workshop = &events_named(&fake, "Mapping workshop")[0];
    assert_eq!(workshop["status"], json!(4), "{workshop}");
    let clinic_later = events_named(&fake, "Sediment clinic")
        .into_iter()
        .find(|e| e["scheduled_start_time"] == json!("2030-06-04T10:00:00Z"))
        .expect("the clinic's second day");
    assert_eq!(
        clinic_later["scheduled_end_time"],
        json!("2030-06-04T11:00:00Z")
    );
    assert!(
        clinic_later["entity_metadata"]["location"]
            .as_str()
            .is_some_and(|l| l.starts_with("Room B")),
        "{clinic_later}"
    );

    // One summary in the channel and one direct message to Bob, each about all three sessions.
    fake.wait_for(
        |r| r.is("POST", &format!("/channels/{dm}/messages")) && r.status.is_success(),
        REPLY_TIMEOUT,
    )
    .await;
    fake.wait_for(
        |r| r.is("POST", &format!("/channels/{announcements}/messages")) && r.status.is_success(),
        REPLY_TIMEOUT,
    )
    .await;
    let summary = texts_in(&fake, announcements);
    assert_eq!(summary.len(), 1, "one batched summary: {summary:?}");
    let notices = texts_in(&fake, dm);
    assert_eq!(notices.len(), 1, "one message about all three: {notices:?}");
    for text in [&summary[0], &notices[0]] {
        assert!(
            text.contains("Opening keynote: moved to Mon 3 Jun 11:00-12:00 (was Mon 3 Jun 10:00-11:00)")
                && text.contains("Cancelled: Mapping workshop, Mon 3 Jun 14:00-15:00, Room B.")
                && text.contains(
                    "Sediment clinic: now held Mon 3 Jun 16:00-17:00, Room A; Tue 4 Jun 12:00-13:00, \
                     Room B (was Mon 3 Jun 16:00-17:00, Room A; Tue 4 Jun 10:00-11:00, Room A)"
                ),
            "{text}"
        );
    }
    assert_eq!(
        notices[0]
            .matches("Your reminder follows the new time.")
            .count(),
        2,
        "{notices:?}"
    );
    assert!(
        notices[0].contains("Its reminder is cancelled."),
        "{notices:?}"
    );

    // The workshop's reminder is withdrawn; the others wait for the new times.
    let reminders: Vec<(String, Timestamp, Status)> = running
        .store
        .lock()
        .list_all()
        .expect("read")
        .into_iter()
        .filter(|a| a.recipient.is_some() && a.key.starts_with("agenda:"))
        .map(|a| (a.key, a.due_at, a.status))
        .collect();
    let scheduled: Vec<String> = reminders
        .iter()
        .filter(|(_, _, status)| *status == Status::Scheduled)
        .map(|(_, due, _)| due.to_string())
        .collect();
    assert_eq!(
        scheduled,
        [
            "2030-06-03T08:50:00Z",
            "2030-06-03T13:50:00Z",
            "2030-06-04T09:50:00Z"
        ],
        "{reminders:#?}"
    );
    assert!(
        reminders
            .iter()
            .filter(|(key, _, _)| key.contains(":workshop:"))
            .all(|(_, _, status)| matches!(status, Status::Cancelled { .. })),
        "{reminders:#?}"
    );

    // Reloaded again with nothing changed: nothing more is said or done.
    let before = fake.request_count();
    running.reloader.reload_now().await;
    running.clock.advance(SignedDuration::from_secs(1));
    tokio::time::sleep(Duration::from_millis(1500)).await;
    let more: Vec<String> = fake.requests()[before..]
        .iter()
        .filter(|r| r.method == Method::POST || r.method == Method::PATCH)
        .map(|r| r.path.clone())
        .collect();
    assert!(more.is_empty(), "{more:?}");
    assert_eq!(texts_in(&fake, dm).len(), 1);
    fake.assert_clean();
}

/// `/calendar agenda:True` attaches a file of the participant's own sessions, privately; with an empty
/// agenda it says so and attaches nothing.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn your_agenda_as_a_calendar_file() {
    let fake = FakeDiscord::start_with(&guild()).await;
    let running = start(&fake).await;
    let bob = UserSpec::bob();
    let mine = || vec![CommandOption::boolean("agenda", true)];
    let empty = command(&fake, &bob, "calendar", mine()).await;
    assert!(empty.starts_with("Your agenda has no session"), "{empty}");
    command(
        &fake,
        &bob,
        "remind",
        vec![CommandOption::string("session", "workshop")],
    )
    .await;
    let listed = command(&fake, &bob, "agenda", vec![]).await;
    assert!(listed.contains("`/calendar agenda:True`"), "{listed}");

    let handle = fake
        .send_interaction(InteractionSpec::slash("calendar", mine()).by(bob.clone()))
        .await;
    let reply = answer_to(&fake, &handle).await;
    assert_eq!(reply.json()["data"]["flags"], json!(64), "privately");
    assert_eq!(
        reply_text(reply.json()),
        "1 event(s) for your calendar app: open the file, or import it."
    );
    let original = fake.original_response(&handle).expect("the reply is kept");
    assert_eq!(original.attachments.len(), 1);
    assert_eq!(original.attachments[0].filename, "demo-agenda.ics");

    let both = command(
        &fake,
        &bob,
        "calendar",
        vec![
            CommandOption::string("session", "opening"),
            CommandOption::boolean("agenda", true),
        ],
    )
    .await;
    assert_eq!(both, "Choose one session or your agenda, not both.");
    drop(running);
    fake.assert_clean();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn closed_direct_messages_are_recorded_and_the_participant_is_told_once_privately() {
    let fake = FakeDiscord::start_with(&guild()).await;
    let running = start(&fake).await;
    let carol = UserSpec::new(1_200_000_000_000_000_433, "carol");
    let dm = fake.dm_channel_id(&carol);
    fake.fail_every(
        Method::POST,
        &format!("/channels/{dm}/messages"),
        403,
        json!({"message": "Cannot send messages to this user", "code": 50007}),
    );
    command(
        &fake,
        &carol,
        "remind",
        vec![CommandOption::string("session", "opening")],
    )
    .await;
    running.clock.advance(SignedDuration::from_mins(110));
    until(&running.store, "the refusal is recorded", |s| {
        s.list_all()
            .expect("read")
            .iter()
            .any(|a| a.recipient.is_some() && matches!(a.status, Status::Missed { .. }))
            && s.list_unreported().expect("read").is_empty()
    })
    .await;
    let handle = fake
        .send_interaction(InteractionSpec::slash("agenda", vec![]).by(carol.clone()))
        .await;
    let first = reply_text(answer_to(&fake, &handle).await.json());
    let shown = fake
        .original_response(&handle)
        .into_iter()
        .chain(fake.followups(&handle))
        .find(|m| m.content.contains("refused"))
        .expect("the message that tells her");
    assert!(
        shown
            .flags
            .is_some_and(|f| f.contains(serenity::all::MessageFlags::EPHEMERAL)),
        "only Carol sees it: {:?}",
        shown.flags
    );
    assert!(
        first.contains("Discord refused my direct message"),
        "{first}"
    );
    let again = command(&fake, &carol, "agenda", vec![]).await;
    assert!(!again.contains("refused"), "told once: {again}");
    // Nobody else heard of it.
    assert!(texts_in(&fake, fake.channel_id("maintainers")).is_empty());
    assert!(texts_in(&fake, fake.channel_id("announcements")).is_empty());
    fake.take_violations();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn votes_under_answers_reach_gaps_one_per_participant() {
    let fake = FakeDiscord::start_with(&guild()).await;
    let running = start(&fake).await;
    let handle = fake
        .send_interaction(InteractionSpec::slash(
            "ask",
            vec![CommandOption::string(
                "question",
                "when is the opening keynote?",
            )],
        ))
        .await;
    answer_to(&fake, &handle).await;
    let message = fake.original_response(&handle).expect("a message").id;
    for (user, custom_id) in [
        (UserSpec::alice(), "usher:vote:down:session.opening"),
        (UserSpec::alice(), "usher:vote:down:session.opening"),
        (UserSpec::bob(), "usher:vote:down:session.opening"),
    ] {
        let press = fake
            .send_interaction(InteractionSpec::button(message, custom_id).by(user))
            .await;
        assert!(reply_text(answer_to(&fake, &press).await.json()).contains("Thanks"));
    }
    let maria = UserSpec::new(1_200_000_000_000_000_410, "maria");
    let handle = fake
        .send_interaction(
            InteractionSpec::slash("gaps", vec![])
                .by(maria)
                .with_roles(&[fake.role_id("maintainer")]),
        )
        .await;
    let listing = reply_text(answer_to(&fake, &handle).await.json());
    assert!(
        listing.contains("Answers voted down:")
            && listing.contains("2 down, 0 up  session.opening"),
        "{listing}"
    );
    drop(running);
    fake.assert_clean();
}

/// The knowledge of an event whose opening starts at `start` (in the event's zone), for the process
/// tests, whose clock is the real one moved on.
fn knowledge_around(dir: &Path, start: Timestamp) {
    let tz = jiff::tz::TimeZone::get("Europe/Amsterdam").expect("a zone");
    let local = |at: Timestamp| tz.to_datetime(at).strftime("%Y-%m-%dT%H:%M:%S").to_string();
    let hour = SignedDuration::from_hours(1);
    let event = EVENT
        .replace("2026-06-01T09:00:00", &local(start - hour))
        .replace("2026-06-01T17:00:00", &local(start + hour + hour));
    let sessions = format!(
        "[[session]]\nid = \"opening\"\ntitle = \"Opening keynote\"\nroom = \"room-a\"\nstart = {}\nend = {}\n",
        local(start),
        local(start + hour)
    );
    std::fs::create_dir_all(dir).expect("a knowledge directory");
    std::fs::write(dir.join("event.toml"), event).expect("event.toml");
    std::fs::write(dir.join("sessions.toml"), sessions).expect("sessions.toml");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_reminder_is_sent_exactly_once_across_a_sigkill_at_its_due_time() {
    use crate::crash::{Clocks, open_claims, spawn_usher};

    let fake = FakeDiscord::start_with(&guild()).await;
    let bob = UserSpec::bob();
    let dm = fake.dm_channel_id(&bob);
    // Discord creates the message at once but answers only after a second and a half: a kill in
    // between leaves a message on Discord that Usher has not recorded.
    fake.set_latency(
        Method::POST,
        &format!("/channels/{dm}/messages"),
        Duration::from_millis(1500),
    );
    let dir = tempfile::tempdir().expect("a temp dir");
    let data = dir.path().join("data");
    let knowledge = dir.path().join("knowledge");
    let mut clocks = Clocks {
        file: dir.path().join("clock"),
        passed: Duration::ZERO,
        off: SignedDuration::ZERO,
    };
    clocks.write();
    let start = clocks.now() + SignedDuration::from_mins(20);
    knowledge_around(&knowledge, start);
    let config = dir.path().join("usher.toml");
    let quoted = |p: &Path| toml::Value::from(p.display().to_string());
    std::fs::write(
        &config,
        format!(
            "knowledge_dir = {}\ndata_dir = {}\n[discord]\ntoken_file = \"none\"\nguilds = [{}]\n\
             announcement_channel = {}\n[announcements]\ngrace_minutes = 5\n",
            quoted(&knowledge),
            quoted(&data),
            fake.guild_id(),
            fake.channel_id("announcements")
        ),
    )
    .expect("the config is written");
    Store::open(data.join("usher.sqlite3"))
        .expect("the store")
        .add_to_agenda(bob.id.get(), "opening", clocks.now())
        .expect("on the agenda");

    // Its time comes while Usher runs; it is killed the moment it has claimed the reminder.
    clocks.pass(Duration::from_secs(10 * 60 + 1), &fake);
    let mut child = spawn_usher(&fake, &config, &clocks.file);
    let deadline = Instant::now() + REPLY_TIMEOUT;
    while open_claims(&data) == 0 {
        assert!(Instant::now() < deadline, "the reminder was never claimed");
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    fake.wait_for(
        |r| r.is("POST", &format!("/channels/{dm}/messages")),
        REPLY_TIMEOUT,
    )
    .await;
    child.kill().expect("SIGKILL is delivered");
    child.wait().expect("reaped");
    assert_eq!(
        open_claims(&data),
        1,
        "killed between the post and its record"
    );

    // Restarted inside Discord's memory of the nonce: it does not send again.
    let mut child = spawn_usher(&fake, &config, &clocks.file);
    tokio::time::sleep(Duration::from_millis(800)).await;
    child.kill().expect("SIGKILL is delivered");
    child.wait().expect("reaped");

    // Restarted after it: it looks for the message, finds it, and records it.
    clocks.pass(Duration::from_secs(180), &fake);
    let mut child = spawn_usher(&fake, &config, &clocks.file);
    let store = Store::open(data.join("usher.sqlite3")).expect("the store");
    let deadline = Instant::now() + Duration::from_secs(20);
    let reminder = loop {
        let all = store.list_all().expect("read");
        let reminder = all
            .into_iter()
            .find(|a| a.recipient.is_some())
            .expect("the reminder");
        if reminder.status.is_final() {
            break reminder;
        }
        assert!(Instant::now() < deadline, "not settled: {reminder:?}");
        tokio::time::sleep(Duration::from_millis(100)).await;
    };
    child.kill().expect("stopped");
    child.wait().expect("reaped");
    let sent = fake.channel_messages(dm);
    assert_eq!(sent.len(), 1, "exactly one direct message: {sent:?}");
    assert!(
        matches!(reminder.status, Status::Posted { message_id, .. } if message_id == sent[0].id.get()),
        "{reminder:?}"
    );
    assert!(
        sent[0].embeds[0]
            .description
            .as_deref()
            .is_some_and(|d| d.contains("Opening keynote starts in 10 minutes"))
    );
}
