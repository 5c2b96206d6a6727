//! What a test describes: users, the guild, the messages people send and the interactions they
//! trigger. The fake turns these into Discord's payloads.

use serenity::all::{ChannelId, MessageId, RoleId, UserId};

/// A Discord user the fake knows: the author of a message, the invoker of an interaction, or
/// someone mentioned.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UserSpec {
    pub id: UserId,
    pub name: String,
    /// Whether the account is a bot; poise ignores messages from bots by default.
    pub bot: bool,
}

impl UserSpec {
    pub fn new(id: u64, name: &str) -> Self {
        Self {
            id: UserId::new(id),
            name: name.to_owned(),
            bot: false,
        }
    }

    /// A participant who is a member of the fake guild with no extra role.
    pub fn alice() -> Self {
        Self::new(1_200_000_000_000_000_401, "alice")
    }

    /// A second participant, for tests that need two people.
    pub fn bob() -> Self {
        Self::new(1_200_000_000_000_000_402, "bob")
    }

    /// A bot account; poise ignores its messages unless told otherwise.
    pub fn new_bot(id: u64, name: &str) -> Self {
        Self {
            bot: true,
            ..Self::new(id, name)
        }
    }
}

/// The guild the fake pretends the bot is in, as tests describe it before the fake starts.
#[derive(Clone, Debug)]
pub struct GuildSpec {
    pub name: String,
    /// Names of the text channels, in order; the first one is where messages go by default.
    pub text_channels: Vec<String>,
    /// Names of roles besides `@everyone`; each grants manage-messages on top of `@everyone`.
    pub roles: Vec<String>,
}

impl Default for GuildSpec {
    fn default() -> Self {
        Self {
            name: "Usher Test Event".to_owned(),
            text_channels: vec!["general".to_owned(), "announcements".to_owned()],
            roles: vec!["organiser".to_owned()],
        }
    }
}

/// A message a person sends, delivered to the bot as `MESSAGE_CREATE` by
/// [`FakeDiscord::send_message`](super::FakeDiscord::send_message).
///
/// Mentions are parsed from the content as Discord does: write `<@USER_ID>` or `<@&ROLE_ID>` in
/// the text (for example `format!("<@{}> when is lunch?", fake.bot_user_id())`).
#[derive(Clone, Debug)]
pub struct MessageSpec {
    pub content: String,
    pub author: UserSpec,
    /// `None` sends to the guild's first text channel, or to the author's DM channel for a DM.
    pub channel: Option<ChannelId>,
    /// Whether the message is sent in the bot's direct messages rather than in the guild.
    pub direct: bool,
    /// The roles the author holds in the guild; they stick to the author for later requests
    /// such as `GET /guilds/{id}/members/{user}`.
    pub roles: Vec<RoleId>,
    /// The message this one replies to, which Discord attaches as `referenced_message`.
    pub reply_to: Option<MessageId>,
}

impl MessageSpec {
    /// A message from alice in the guild's first text channel.
    pub fn guild(content: impl Into<String>) -> Self {
        Self {
            content: content.into(),
            author: UserSpec::alice(),
            channel: None,
            direct: false,
            roles: Vec::new(),
            reply_to: None,
        }
    }

    /// A direct message from alice to the bot.
    pub fn direct(content: impl Into<String>) -> Self {
        Self {
            direct: true,
            ..Self::guild(content)
        }
    }

    #[must_use]
    pub fn by(mut self, author: UserSpec) -> Self {
        self.author = author;
        self
    }

    #[must_use]
    pub fn in_channel(mut self, channel: ChannelId) -> Self {
        self.channel = Some(channel);
        self
    }

    #[must_use]
    pub fn with_roles(mut self, roles: &[RoleId]) -> Self {
        self.roles = roles.to_vec();
        self
    }

    #[must_use]
    pub fn replying_to(mut self, message: MessageId) -> Self {
        self.reply_to = Some(message);
        self
    }
}

/// The value of one option a user filled in a slash command.
#[derive(Clone, Debug, PartialEq)]
pub enum OptionValue {
    String(String),
    Integer(i64),
    Number(f64),
    Boolean(bool),
    User(UserSpec),
    Channel(ChannelId),
    Role(RoleId),
    SubCommand(Vec<CommandOption>),
    SubCommandGroup(Vec<CommandOption>),
}

impl OptionValue {
    /// Discord's option type number (`ApplicationCommandOptionType`).
    pub fn kind(&self) -> u8 {
        match self {
            Self::SubCommand(_) => 1,
            Self::SubCommandGroup(_) => 2,
            Self::String(_) => 3,
            Self::Integer(_) => 4,
            Self::Boolean(_) => 5,
            Self::User(_) => 6,
            Self::Channel(_) => 7,
            Self::Role(_) => 8,
            Self::Number(_) => 10,
        }
    }
}

/// One option of an invoked slash command.
#[derive(Clone, Debug, PartialEq)]
pub struct CommandOption {
    pub name: String,
    pub value: OptionValue,
    /// Marks the option the user is typing in, for autocomplete interactions.
    pub focused: bool,
}

impl CommandOption {
    fn new(name: &str, value: OptionValue) -> Self {
        Self {
            name: name.to_owned(),
            value,
            focused: false,
        }
    }

    pub fn string(name: &str, value: &str) -> Self {
        Self::new(name, OptionValue::String(value.to_owned()))
    }

    pub fn integer(name: &str, value: i64) -> Self {
        Self::new(name, OptionValue::Integer(value))
    }

    pub fn number(name: &str, value: f64) -> Self {
        Self::new(name, OptionValue::Number(value))
    }

    pub fn boolean(name: &str, value: bool) -> Self {
        Self::new(name, OptionValue::Boolean(value))
    }

    pub fn user(name: &str, value: UserSpec) -> Self {
        Self::new(name, OptionValue::User(value))
    }

    pub fn channel(name: &str, value: ChannelId) -> Self {
        Self::new(name, OptionValue::Channel(value))
    }

    pub fn role(name: &str, value: RoleId) -> Self {
        Self::new(name, OptionValue::Role(value))
    }

    pub fn subcommand(name: &str, options: Vec<CommandOption>) -> Self {
        Self::new(name, OptionValue::SubCommand(options))
    }

    pub fn subcommand_group(name: &str, subcommands: Vec<CommandOption>) -> Self {
        Self::new(name, OptionValue::SubCommandGroup(subcommands))
    }

    /// Marks this option as the one being typed in (autocomplete).
    #[must_use]
    pub fn focused(mut self) -> Self {
        self.focused = true;
        self
    }
}

/// What kind of interaction a person triggers.
#[derive(Clone, Debug, PartialEq)]
pub enum InteractionKind {
    /// A slash command invocation (interaction type 2).
    Command {
        name: String,
        options: Vec<CommandOption>,
    },
    /// The user is typing in a slash command's option (interaction type 4); one option should be
    /// [`focused`](CommandOption::focused).
    Autocomplete {
        name: String,
        options: Vec<CommandOption>,
    },
    /// A button press on a message the bot posted (interaction type 3).
    Button {
        message: MessageId,
        custom_id: String,
    },
    /// A choice in a string select menu on a message the bot posted (interaction type 3).
    StringSelect {
        message: MessageId,
        custom_id: String,
        values: Vec<String>,
    },
}

/// An interaction a person triggers, delivered as `INTERACTION_CREATE` by
/// [`FakeDiscord::send_interaction`](super::FakeDiscord::send_interaction).
#[derive(Clone, Debug)]
pub struct InteractionSpec {
    pub kind: InteractionKind,
    pub user: UserSpec,
    /// `None` uses the guild's first text channel, or for a component, the message's channel.
    pub channel: Option<ChannelId>,
    /// Whether the interaction happens in the bot's direct messages.
    pub direct: bool,
    pub roles: Vec<RoleId>,
    /// The user's client language, e.g. `en-US` or `de`.
    pub locale: String,
}

impl InteractionSpec {
    fn new(kind: InteractionKind) -> Self {
        Self {
            kind,
            user: UserSpec::alice(),
            channel: None,
            direct: false,
            roles: Vec::new(),
            locale: "en-US".to_owned(),
        }
    }

    /// `/name option:value ...` run by alice in the guild's first text channel.
    pub fn slash(name: &str, options: Vec<CommandOption>) -> Self {
        Self::new(InteractionKind::Command {
            name: name.to_owned(),
            options,
        })
    }

    /// Alice typing in `/name`'s focused option.
    pub fn autocomplete(name: &str, options: Vec<CommandOption>) -> Self {
        Self::new(InteractionKind::Autocomplete {
            name: name.to_owned(),
            options,
        })
    }

    /// Alice pressing the button `custom_id` on the bot's message `message`.
    pub fn button(message: MessageId, custom_id: &str) -> Self {
        Self::new(InteractionKind::Button {
            message,
            custom_id: custom_id.to_owned(),
        })
    }

    /// Alice choosing `values` in the string select menu `custom_id` on the bot's message.
    pub fn string_select(message: MessageId, custom_id: &str, values: &[&str]) -> Self {
        Self::new(InteractionKind::StringSelect {
            message,
            custom_id: custom_id.to_owned(),
            values: values.iter().map(|value| (*value).to_owned()).collect(),
        })
    }

    #[must_use]
    pub fn by(mut self, user: UserSpec) -> Self {
        self.user = user;
        self
    }

    #[must_use]
    pub fn in_channel(mut self, channel: ChannelId) -> Self {
        self.channel = Some(channel);
        self
    }

    /// Moves the interaction into the bot's direct messages with the user.
    #[must_use]
    pub fn in_direct_messages(mut self) -> Self {
        self.direct = true;
        self
    }

    #[must_use]
    pub fn with_roles(mut self, roles: &[RoleId]) -> Self {
        self.roles = roles.to_vec();
        self
    }

    #[must_use]
    pub fn locale(mut self, locale: &str) -> Self {
        locale.clone_into(&mut self.locale);
        self
    }
}
