//! How failed Discord calls are worded for the log and for organisers, and which failures retrying
//! cannot fix.

/// A short explanation of a failed Discord call, with what to do about the common ones.
pub fn describe(err: &serenity::Error) -> String {
    if let Some(response) = unsuccessful(err) {
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

/// Whether Discord refused a request in a way that retrying cannot fix: no permission, no such channel,
/// a malformed message.
pub fn is_permanent(err: &serenity::Error) -> bool {
    unsuccessful(err).is_some_and(|r| matches!(r.status_code.as_u16(), 400 | 403 | 404))
}

fn unsuccessful(err: &serenity::Error) -> Option<&serenity::all::ErrorResponse> {
    match err {
        serenity::Error::Http(serenity::all::HttpError::UnsuccessfulRequest(response)) => {
            Some(response)
        }
        _ => None,
    }
}
