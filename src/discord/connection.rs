//! How Usher reaches Discord: the token, and for tests a fake Discord on this machine instead of
//! discord.com. A token Discord refuses is reported at once rather than retried forever.

use std::time::Duration;

use anyhow::Context as _;
use serenity::all::{Http, HttpBuilder};
use tracing::warn;

use super::errors::{describe, is_unauthorized};
use super::token::Token;

/// How long the start-up check of the token waits for Discord.
const TOKEN_CHECK_TIMEOUT: Duration = Duration::from_secs(10);

/// How to reach Discord.
#[derive(Debug, Clone)]
pub struct Connection {
    pub token: Token,
    /// Send every REST call to this base URL instead of discord.com: only to a fake Discord on this
    /// machine (tests), since every call carries the token.
    pub proxy: Option<String>,
}

impl Connection {
    /// The REST client, aimed at Discord or at the fake.
    pub fn http(&self) -> anyhow::Result<Http> {
        let mut http = HttpBuilder::new(self.token.expose());
        if let Some(proxy) = &self.proxy {
            loopback_only(proxy)?;
            // Both are needed: with the ratelimiter on, serenity builds requests without the proxy.
            http = http.proxy(proxy.clone()).ratelimiter_disabled(true);
        }
        Ok(http.build())
    }
}

/// Refuses a proxy that is not on this machine: it would receive the token with every request, over
/// plain http at that.
pub fn loopback_only(proxy: &str) -> anyhow::Result<()> {
    let rest = proxy
        .strip_prefix("http://")
        .or_else(|| proxy.strip_prefix("https://"))
        .with_context(|| format!("the Discord proxy {proxy:?} is not an http:// URL"))?;
    let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
    let host = match authority.strip_prefix('[') {
        // An IPv6 literal: [::1]:8080.
        Some(bracketed) => bracketed.split(']').next().unwrap_or_default(),
        None => authority
            .rsplit_once(':')
            .map_or(authority, |(host, _)| host),
    };
    let loopback = host.eq_ignore_ascii_case("localhost")
        || host
            .parse::<std::net::IpAddr>()
            .is_ok_and(|ip| ip.is_loopback());
    if loopback && !authority.contains('@') {
        Ok(())
    } else {
        anyhow::bail!(
            "the Discord proxy must be on this machine (127.0.0.1, ::1 or localhost), not {proxy:?}: it is \
             for tests against a fake Discord, and would receive the bot's token"
        )
    }
}

/// Asks Discord who the token belongs to. A token Discord refuses (401) is an error at once; if Discord
/// cannot be reached, the client's own reconnecting takes over.
pub async fn check_token(http: &Http) -> anyhow::Result<()> {
    match tokio::time::timeout(TOKEN_CHECK_TIMEOUT, http.get_current_user()).await {
        Ok(Ok(_)) => Ok(()),
        Ok(Err(err)) if is_unauthorized(&err) => Err(anyhow::anyhow!(
            "Discord refused the token (401 Unauthorized). Copy the bot's token again from \
             https://discord.com/developers/applications (Bot, Reset Token) into DISCORD_TOKEN or the \
             secrets file"
        )),
        Ok(Err(err)) => {
            warn!(
                "could not check the token with Discord, carrying on: {}",
                describe(&err)
            );
            Ok(())
        }
        Err(_) => {
            warn!("Discord did not answer the token check in time, carrying on");
            Ok(())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_this_machine_may_be_the_proxy() {
        for ok in [
            "http://127.0.0.1:8080",
            "http://127.0.0.1:8080/api",
            "http://localhost:1",
            "http://[::1]:9000",
            "https://127.1.2.3",
        ] {
            assert!(loopback_only(ok).is_ok(), "{ok}");
        }
        for refused in [
            "http://example.com",
            "http://10.0.0.1:80",
            "http://127.0.0.1.evil.example:80",
            "http://user@127.0.0.1:80",
            "ftp://127.0.0.1",
            "127.0.0.1:80",
        ] {
            let err = loopback_only(refused).expect_err(refused).to_string();
            assert!(
                err.contains("this machine") || err.contains("not an http"),
                "{err}"
            );
        }
    }
}
