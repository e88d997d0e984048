//! The old helpers for text for people, kept only until the diff writer
//! moves to `report` and takes its words from [`crate::text::Word`]; every
//! other writer already uses [`crate::text`] directly.

use std::borrow::Cow;

use crate::site::Lang;

/// Moved to [`crate::report::evidence::evidence_label`]; kept here until
/// the diff writer moves to `report` too.
pub use crate::report::evidence::evidence_label;

/// Picks the Japanese or English wording (superseded by [`crate::text::Word`]).
pub fn tr(lang: Lang, ja: &'static str, en: &'static str) -> &'static str {
    match lang {
        Lang::Ja => ja,
        Lang::En => en,
    }
}

/// `s` for a terminal: the one policy, [`crate::text::clean::terminal`].
pub fn visible(s: &str) -> Cow<'_, str> {
    crate::text::clean::terminal(s)
}
