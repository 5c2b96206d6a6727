//! The Discord token: from `DISCORD_TOKEN`, or from a git-ignored secrets file. It is never logged,
//! printed or echoed: [`Token`]'s `Debug` shows only that there is one.

use std::fmt;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

/// The environment variable that holds the token.
pub const ENV: &str = "DISCORD_TOKEN";

/// A bot token. Deliberately not `Display`, and its `Debug` redacts it.
#[derive(Clone, PartialEq, Eq)]
pub struct Token(String);

impl Token {
    /// The token itself, for the one place that sends it to Discord.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Token {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Token(<redacted>)")
    }
}

#[derive(Debug, thiserror::Error)]
pub enum TokenError {
    #[error(
        "no Discord token. Set {ENV}, or put `token = \"...\"` in {} (git-ignored). To get one: create an \
         application at https://discord.com/developers/applications, add a bot, copy its token, and enable \
         the Message Content intent. Without a token, `usher chat` answers the same questions in the terminal.",
        .file.as_ref().map_or_else(|| "the secrets file named by `token_file` in the config".to_string(), |f| f.display().to_string())
    )]
    Missing { file: Option<PathBuf> },
    #[error("could not read the secrets file {}: {source}", path.display())]
    Unreadable { path: PathBuf, source: io::Error },
    #[error("the secrets file {} is not valid: {message} (at line {line})", path.display())]
    Invalid {
        path: PathBuf,
        line: usize,
        message: String,
    },
    #[error("the Discord token from {0} is empty or contains spaces")]
    Malformed(String),
}

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct SecretsFile {
    token: String,
}

/// Reads the token: the environment first, then the secrets file.
pub fn load(env_value: Option<String>, file: Option<&Path>) -> Result<Token, TokenError> {
    if let Some(value) = env_value.filter(|v| !v.is_empty()) {
        return checked(&value, ENV);
    }
    let Some(path) = file else {
        return Err(TokenError::Missing { file: None });
    };
    let text = match fs::read_to_string(path) {
        Ok(text) => text,
        Err(err) if err.kind() == io::ErrorKind::NotFound => {
            return Err(TokenError::Missing {
                file: Some(path.to_path_buf()),
            });
        }
        Err(source) => {
            return Err(TokenError::Unreadable {
                path: path.to_path_buf(),
                source,
            });
        }
    };
    let secrets: SecretsFile = toml::from_str(&text).map_err(|err| {
        let line = err.span().map_or(1, |span| {
            text[..span.start.min(text.len())].matches('\n').count() + 1
        });
        // toml's message names keys and types, never the token's value.
        TokenError::Invalid {
            path: path.to_path_buf(),
            line,
            message: err
                .message()
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" "),
        }
    })?;
    checked(&secrets.token, &path.display().to_string())
}

/// A warning if the secrets file at `path` can be read by users other than its owner, who could then
/// read the token.
#[cfg(unix)]
pub fn exposure(path: &Path) -> Option<String> {
    use std::os::unix::fs::PermissionsExt as _;
    let mode = fs::metadata(path).ok()?.permissions().mode();
    (mode & 0o077 != 0).then(|| {
        format!(
            "the secrets file {} can be read by other users (mode {:o}); run `chmod 600 {}`",
            path.display(),
            mode & 0o777,
            path.display()
        )
    })
}

/// Other systems keep permissions differently; there is nothing to check.
#[cfg(not(unix))]
pub fn exposure(_path: &Path) -> Option<String> {
    None
}

fn checked(value: &str, source: &str) -> Result<Token, TokenError> {
    let value = value.trim().to_string();
    if value.is_empty() || value.contains(char::is_whitespace) {
        return Err(TokenError::Malformed(source.to_string()));
    }
    Ok(Token(value))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_environment_wins_and_debug_never_shows_the_token() {
        let token = load(Some("abc.def.ghi".into()), None).expect("a token");
        assert_eq!(token.expose(), "abc.def.ghi");
        assert_eq!(format!("{token:?}"), "Token(<redacted>)");
    }

    #[test]
    fn a_missing_token_says_how_to_get_one() {
        let err = load(None, Some(Path::new("/nonexistent/secrets.toml"))).expect_err("no token");
        let message = err.to_string();
        assert!(message.contains("DISCORD_TOKEN"), "{message}");
        assert!(message.contains("usher chat"), "{message}");
        assert!(message.contains("Message Content intent"), "{message}");
    }

    #[test]
    fn the_secrets_file_is_read_and_its_errors_do_not_echo_the_value() {
        let dir = tempfile::tempdir().expect("a temp dir");
        let path = dir.path().join("secrets.toml");
        fs::write(&path, "token = \"s3cr3t.value.here\"\n").expect("written");
        assert_eq!(
            load(None, Some(&path)).expect("read").expose(),
            "s3cr3t.value.here"
        );
        fs::write(&path, "tokn = \"s3cr3t.value.here\"\n").expect("written");
        let err = load(None, Some(&path))
            .expect_err("unknown key")
            .to_string();
        assert!(err.contains("unknown field `tokn`"), "{err}");
        assert!(!err.contains("s3cr3t"), "the token leaked into: {err}");
    }

    #[cfg(unix)]
    #[test]
    fn a_secrets_file_others_can_read_gets_a_warning() {
        use std::os::unix::fs::PermissionsExt as _;
        let dir = tempfile::tempdir().expect("a temp dir");
        let path = dir.path().join("secrets.toml");
        fs::write(&path, "token = \"a.b.c\"\n").expect("written");
        fs::set_permissions(&path, fs::Permissions::from_mode(0o644)).expect("chmod");
        let warning = exposure(&path).expect("a warning");
        assert!(
            warning.contains("mode 644") && warning.contains("chmod 600"),
            "{warning}"
        );
        fs::set_permissions(&path, fs::Permissions::from_mode(0o600)).expect("chmod");
        assert_eq!(exposure(&path), None);
    }
}
