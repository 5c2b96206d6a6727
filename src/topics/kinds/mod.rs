//! How each kind of entry is asked about and answered: its topics, and the function that writes the
//! answer about each, side by side. One module per kind, named as in `crate::knowledge::kinds`, where the
//! same kind is written and checked.

mod announcement;
mod event;
mod faq;
mod finding;
mod host;
mod initiative;
mod report;
mod session;
mod speaker;
mod supporter;
mod synonym;
mod track;
mod venue;
