//! How failed Discord calls are worded for the log and for organisers, and which failures retrying
//! cannot fix.

/// A short explanation of a failed Discord call, with what to do about the common ones.
pub fn describe(err: &serenity::Error) -> String {
    if let Some(response) = unsuccessful(err) {
        let status = response.status_code.as_u16();
        return match status {
            401 => format!(
                "Discord does not accept the token (401 {}): copy the bot's token again from the Developer Portal",
                response.error.message
            ),
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

/// Whether Discord refused a request in a way that retrying cannot fix: no permission, no such channel,
/// a malformed message.
pub fn is_permanent(err: &serenity::Error) -> bool {
    unsuccessful(err).is_some_and(|r| matches!(r.status_code.as_u16(), 400 | 403 | 404))
}

/// Whether Discord refused the token itself (401).
pub fn is_unauthorized(err: &serenity::Error) -> bool {
    unsuccessful(err).is_some_and(|r| r.status_code.as_u16() == 401)
}

/// Whether trying the same request again soon may succeed: Discord was busy (5xx) or rate limiting (429).
pub fn is_transient(err: &serenity::Error) -> bool {
    unsuccessful(err).is_some_and(|r| {
        let status = r.status_code.as_u16();
        status == 429 || (500..600).contains(&status)
    })
}

fn unsuccessful(err: &serenity::Error) -> Option<&serenity::all::ErrorResponse> {
    match err {
        serenity::Error::Http(serenity::all::HttpError::UnsuccessfulRequest(response)) => {
            Some(response)
        }
        _ => None,
    }
}
