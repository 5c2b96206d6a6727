//! Autocomplete answers: labels offered while someone types a command's option.

use serenity::all::{AutocompleteChoice, CreateAutocompleteResponse};

use super::limits::{self, fit};

/// An autocomplete response offering each label (at most Discord's 25), as both what is shown and what
/// is filled in: a label is itself a question Usher answers.
pub fn choices(labels: impl IntoIterator<Item = String>) -> CreateAutocompleteResponse {
    let choices = labels
        .into_iter()
        .take(limits::AUTOCOMPLETE_CHOICES)
        .map(|label| {
            let label = fit(&label, limits::AUTOCOMPLETE_CHOICE);
            AutocompleteChoice::new(label.clone(), label)
        })
        .collect();
    CreateAutocompleteResponse::new().set_choices(choices)
}
