//! `config/usher.toml`: how this installation runs (paths, Discord ids, thresholds), checked like the
//! knowledge with `path:line:col` messages. Secrets never live here: the Discord token comes from the
//! environment or from a git-ignored file this config names.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::knowledge::{Diagnostic, SourceFile};
use crate::matching::Thresholds;

/// `[announcements]`: scheduling and programme reminders. The scheduling core defines what it needs.
pub use crate::schedule::sync::Settings as Announcements;

/// `[discord.scheduled_events]`: the mirror core defines what it needs.
pub use crate::mirror::Selection as ScheduledEvents;

/// The config file looked for when none is named.
pub const DEFAULT_PATH: &str = "config/usher.toml";

#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields, default)]
pub struct Config {
    /// The knowledge directory, relative to the working directory.
    pub knowledge_dir: PathBuf,
    /// Where Usher keeps its state (the `SQLite` database), relative to the working directory.
    pub data_dir: PathBuf,
    pub matching: Matching,
    pub discord: Discord,
    pub announcements: Announcements,
    pub gaps: Gaps,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            knowledge_dir: PathBuf::from("knowledge"),
            data_dir: PathBuf::from("data"),
            matching: Matching::default(),
            discord: Discord::default(),
            announcements: Announcements::default(),
            gaps: Gaps::default(),
        }
    }
}

/// `[matching]`: when Usher answers and when it says it does not know.
#[derive(Debug, Clone, Copy, Deserialize, PartialEq)]
#[serde(deny_unknown_fields, default)]
pub struct Matching {
    pub answer_threshold: f32,
    pub margin: f32,
    pub sure_threshold: f32,
    pub suggest_threshold: f32,
}

impl Default for Matching {
    fn default() -> Self {
        let t = Thresholds::default();
        Matching {
            answer_threshold: t.answer,
            margin: t.margin,
            sure_threshold: t.sure,
            suggest_threshold: t.suggest,
        }
    }
}

impl Matching {
    pub fn thresholds(self) -> Thresholds {
        Thresholds {
            answer: self.answer_threshold,
            margin: self.margin,
            sure: self.sure_threshold,
            suggest: self.suggest_threshold,
        }
    }
}

/// How replies look on Discord.
#[derive(Debug, Clone, Copy, Deserialize, PartialEq, Eq, Default)]
#[serde(rename_all = "lowercase")]
pub enum ReplyStyle {
    #[default]
    Embed,
    Plain,
}

/// `[discord]`: where the bot listens and who may do what.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields, default)]
pub struct Discord {
    /// A git-ignored TOML file with `token = "..."`, used when `DISCORD_TOKEN` is not set.
    pub token_file: Option<PathBuf>,
    /// Guilds to register slash commands in (they appear at once); global commands when empty.
    pub guilds: Vec<u64>,
    /// Channels where every message is a question (besides mentions and direct messages).
    pub question_channels: Vec<u64>,
    /// Where announcements are posted; what is announced here is news to every participant.
    pub announcement_channel: Option<u64>,
    /// Other channels organisers may name in `/announce channel:`; what is announced in one is news only
    /// to questions asked in it.
    pub extra_announcement_channels: Vec<u64>,
    /// Where organisers are told about announcements that could not be posted; `maintainer_channel` when
    /// not set.
    pub organiser_channel: Option<u64>,
    /// Where reload errors and failures of Usher's own tasks are posted for maintainers.
    pub maintainer_channel: Option<u64>,
    pub organiser_roles: Vec<u64>,
    pub maintainer_roles: Vec<u64>,
    pub reply_style: ReplyStyle,
    /// Questions one user may ask within `cooldown_seconds` before being asked to wait.
    pub cooldown_questions: u32,
    pub cooldown_seconds: u64,
    /// Whether organisers may ping @everyone in announcements.
    pub allow_everyone_ping: bool,
    /// `[discord.scheduled_events]`: which parts of the programme `usher serve` mirrors as Discord
    /// scheduled events in each of `guilds`; off without the table.
    pub scheduled_events: Option<ScheduledEvents>,
}

impl Default for Discord {
    fn default() -> Self {
        Discord {
            token_file: Some(PathBuf::from("config/secrets.toml")),
            guilds: Vec::new(),
            question_channels: Vec::new(),
            announcement_channel: None,
            extra_announcement_channels: Vec::new(),
            organiser_channel: None,
            maintainer_channel: None,
            organiser_roles: Vec::new(),
            maintainer_roles: Vec::new(),
            reply_style: ReplyStyle::Embed,
            cooldown_questions: 5,
            cooldown_seconds: 30,
            allow_everyone_ping: false,
            scheduled_events: None,
        }
    }
}

/// `[gaps]`: the record of questions Usher could not answer.
#[derive(Debug, Clone, Copy, Deserialize, PartialEq)]
#[serde(deny_unknown_fields, default)]
pub struct Gaps {
    pub retention_days: u32,
    /// Answers below this confidence are recorded too, as likely gaps.
    pub low_confidence: f32,
}

impl Default for Gaps {
    fn default() -> Self {
        Gaps {
            retention_days: 30,
            low_confidence: 0.6,
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("could not read config {}: {source}", path.display())]
    Io { path: PathBuf, source: io::Error },
    #[error("{} problem(s) in the config", .0.len())]
    Invalid(Vec<Diagnostic>),
}

/// Reads the config at `path`. When `path` is the default and does not exist, the defaults are used, so
/// Usher runs on a fresh checkout without one; a config named explicitly must exist.
pub fn load(path: Option<&Path>) -> Result<Config, ConfigError> {
    let (path, explicit) = match path {
        Some(p) => (p.to_path_buf(), true),
        None => (PathBuf::from(DEFAULT_PATH), false),
    };
    match fs::read_to_string(&path) {
        Ok(text) => parse(&path, text),
        Err(err) if err.kind() == io::ErrorKind::NotFound && !explicit => Ok(Config::default()),
        Err(source) => Err(ConfigError::Io { path, source }),
    }
}

/// Parses and checks config text; `path` is used in messages.
pub fn parse(path: &Path, text: String) -> Result<Config, ConfigError> {
    let file = SourceFile::new(path, text);
    let config: Config = toml::from_str(&file.text).map_err(|err| {
        let span = err.span().unwrap_or(0..0);
        let message = err
            .message()
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        ConfigError::Invalid(vec![file.error(&span, message)])
    })?;
    let mut problems = Vec::new();
    let m = config.matching;
    for (name, value) in [
        ("answer_threshold", m.answer_threshold),
        ("margin", m.margin),
        ("sure_threshold", m.sure_threshold),
        ("suggest_threshold", m.suggest_threshold),
        ("low_confidence", config.gaps.low_confidence),
    ] {
        if !(0.0..=1.0).contains(&value) {
            problems.push(at_key(
                &file,
                name,
                format!("`{name}` must be between 0 and 1, not {value}"),
            ));
        }
    }
    if m.sure_threshold < m.answer_threshold {
        problems.push(at_key(
            &file,
            "sure_threshold",
            "`sure_threshold` must not be below `answer_threshold`".to_string(),
        ));
    }
    // Discord ids are never 0; serenity refuses to make one, so a 0 here would stop the bot later.
    let d = &config.discord;
    for (key, ids) in [
        ("guilds", d.guilds.clone()),
        ("question_channels", d.question_channels.clone()),
        (
            "announcement_channel",
            d.announcement_channel.into_iter().collect(),
        ),
        (
            "extra_announcement_channels",
            d.extra_announcement_channels.clone(),
        ),
        (
            "organiser_channel",
            d.organiser_channel.into_iter().collect(),
        ),
        (
            "maintainer_channel",
            d.maintainer_channel.into_iter().collect(),
        ),
        ("organiser_roles", d.organiser_roles.clone()),
        ("maintainer_roles", d.maintainer_roles.clone()),
    ] {
        if ids.contains(&0) {
            problems.push(at_key(
                &file,
                key,
                format!("`{key}` holds 0, which is not a Discord id"),
            ));
        }
    }
    if !(1..=60).contains(&config.announcements.request_timeout_seconds) {
        problems.push(at_key(
            &file,
            "request_timeout_seconds",
            format!(
                "`request_timeout_seconds` must be between 1 and 60, not {}",
                config.announcements.request_timeout_seconds
            ),
        ));
    }
    if config.discord.cooldown_questions == 0 {
        problems.push(at_key(
            &file,
            "cooldown_questions",
            "`cooldown_questions` must be at least 1".to_string(),
        ));
    }
    if problems.is_empty() {
        Ok(config)
    } else {
        Err(ConfigError::Invalid(problems))
    }
}

/// A diagnostic at the line where `key` is set, or at the top of the file if it is not.
fn at_key(file: &SourceFile, key: &str, message: String) -> Diagnostic {
    let offset = file
        .text
        .lines()
        .scan(0, |pos, line| {
            let start = *pos;
            *pos += line.len() + 1;
            Some((start, line))
        })
        .find(|(_, line)| {
            let trimmed = line.trim_start();
            trimmed.starts_with(key) && trimmed[key.len()..].trim_start().starts_with('=')
        })
        .map_or(0, |(start, line)| {
            start + (line.len() - line.trim_start().len())
        });
    file.error(&(offset..offset), message)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_empty_config_is_all_defaults() {
        let config = parse(Path::new("c.toml"), String::new()).expect("valid");
        assert_eq!(config, Config::default());
    }

    #[test]
    fn unknown_keys_are_reported_with_their_place() {
        let err = parse(
            Path::new("config/usher.toml"),
            "[discord]\nguilds = []\nreply_styel = \"plain\"\n".into(),
        )
        .expect_err("unknown key");
        let ConfigError::Invalid(d) = err else {
            panic!("not a diagnostic: {err}")
        };
        assert_eq!(d.len(), 1);
        assert!(
            d[0].to_string()
                .starts_with("config/usher.toml:3:1: unknown field `reply_styel`"),
            "{}",
            d[0]
        );
    }

    #[test]
    fn scheduled_events_are_off_unless_their_table_is_there_and_its_keys_are_checked() {
        assert_eq!(Config::default().discord.scheduled_events, None);
        let config = parse(
            Path::new("u.toml"),
            "[discord.scheduled_events]\nkeynotes = true\nkinds = [\"Workshop\"]\n".into(),
        )
        .expect("valid");
        assert_eq!(
            config.discord.scheduled_events,
            Some(ScheduledEvents {
                keynotes: true,
                kinds: vec!["Workshop".into()],
                ..ScheduledEvents::default()
            })
        );
        let err = parse(
            Path::new("u.toml"),
            "[discord.scheduled_events]\ntrakcs = [\"a\"]\n".into(),
        )
        .expect_err("no such key");
        let ConfigError::Invalid(d) = err else {
            panic!("not a diagnostic: {err}")
        };
        assert!(
            d[0].to_string()
                .starts_with("u.toml:2:1: unknown field `trakcs`"),
            "{}",
            d[0]
        );
    }

    #[test]
    fn out_of_range_thresholds_point_at_their_line() {
        let err = parse(Path::new("u.toml"), "[matching]\n\n  margin = 1.5\n".into())
            .expect_err("out of range");
        let ConfigError::Invalid(d) = err else {
            panic!("not a diagnostic: {err}")
        };
        assert_eq!(
            d[0].to_string(),
            "u.toml:3:3: `margin` must be between 0 and 1, not 1.5"
        );
    }

    #[test]
    fn zero_is_not_a_discord_id() {
        let err = parse(Path::new("u.toml"), "[discord]\nguilds = [0]\n".into())
            .expect_err("0 is refused");
        let ConfigError::Invalid(d) = err else {
            panic!("not a diagnostic: {err}")
        };
        assert_eq!(
            d[0].to_string(),
            "u.toml:2:1: `guilds` holds 0, which is not a Discord id"
        );
    }

    #[test]
    fn a_missing_default_config_means_defaults_but_a_named_one_must_exist() {
        let missing = Path::new("/nonexistent/usher.toml");
        assert!(matches!(load(Some(missing)), Err(ConfigError::Io { .. })));
    }
}
