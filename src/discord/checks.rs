//! Who may do what: organisers announce, maintainers reload and read gaps. Commands for them are registered
//! with `default_member_permissions`, so others do not see them; the role is checked again when one runs,
//! because server admins can change who sees a command. The checks are poise `check` functions, named on
//! each command's attribute: `#[poise::command(slash_command, check = "organiser")]`.

use std::time::Duration;

use super::cooldown::Verdict;
use super::respond;
use super::types::{Context, Error};

/// Which configured roles a command needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    Organiser,
    Maintainer,
}

impl Role {
    fn name(self) -> &'static str {
        match self {
            Role::Organiser => "organiser",
            Role::Maintainer => "maintainer",
        }
    }
}

/// Whether someone holding `held` roles has one of the `allowed` ones.
pub fn holds_any(held: &[u64], allowed: &[u64]) -> bool {
    held.iter().any(|r| allowed.contains(r))
}

/// Lets a participant ask unless they are asking too fast (the cooldown every way of asking shares); one
/// who is is told privately when to try again.
pub async fn not_too_fast(ctx: Context<'_>) -> Result<bool, Error> {
    match ctx.data().cooldown(ctx.author().id.get()) {
        Verdict::Allow => Ok(true),
        Verdict::Wait { retry_after } | Verdict::Silent { retry_after } => {
            respond::privately(ctx, &slow_down(retry_after)).await?;
            Ok(false)
        }
    }
}

/// What a participant asking too fast is told.
pub fn slow_down(retry_after: Duration) -> String {
    format!(
        "You are asking quickly: please try again in {} seconds.",
        retry_after.as_secs().max(1)
    )
}

/// Lets organisers run the command; anyone else is told privately why not.
pub async fn organiser(ctx: Context<'_>) -> Result<bool, Error> {
    require(ctx, Role::Organiser).await
}

/// Lets maintainers run the command; anyone else is told privately why not.
pub async fn maintainer(ctx: Context<'_>) -> Result<bool, Error> {
    require(ctx, Role::Maintainer).await
}

/// Checks the invoking member's roles. A refusal is answered privately here, so poise only has to stop.
async fn require(ctx: Context<'_>, role: Role) -> Result<bool, Error> {
    let config = &ctx.data().config.discord;
    let allowed = match role {
        Role::Organiser => &config.organiser_roles,
        Role::Maintainer => &config.maintainer_roles,
    };
    let held: Vec<u64> = ctx
        .author_member()
        .await
        .map(|m| m.roles.iter().map(|r| r.get()).collect())
        .unwrap_or_default();
    if holds_any(&held, allowed) {
        return Ok(true);
    }
    let text = if allowed.is_empty() {
        format!(
            "Only {}s may do that, and no {} role is configured (`{}_roles` in config/usher.toml).",
            role.name(),
            role.name(),
            role.name()
        )
    } else {
        format!("Only {}s may do that.", role.name())
    };
    respond::privately(ctx, &text).await?;
    Ok(false)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_shared_role_is_enough() {
        assert!(holds_any(&[1, 2], &[2, 3]));
        assert!(!holds_any(&[1], &[2, 3]));
        assert!(!holds_any(&[], &[2]));
        assert!(!holds_any(&[1], &[]), "no configured role means nobody");
    }
}
