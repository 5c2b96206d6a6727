//! Usher answers participants' questions about an event's programme.
