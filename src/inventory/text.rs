//! Making hostile strings safe to print in a terminal or a text report.
//!
//! Vendor strings and host names come off the network. In a terminal a
//! control character can move the cursor, clear the screen or forge lines of
//! the report, and a bidi override (U+202E) can reverse what staff read, so
//! both are shown as visible `\u{…}` escapes instead.

use std::borrow::Cow;

use crate::site::Lang;

/// Picks the Japanese or English wording.
pub fn tr(lang: Lang, ja: &'static str, en: &'static str) -> &'static str {
    match lang {
        Lang::Ja => ja,
        Lang::En => en,
    }
}

/// Moved to [`crate::report::evidence::evidence_label`]; kept here until
/// the diff writer moves to `report` too.
pub use crate::report::evidence::evidence_label;

/// True for characters that must not reach a terminal as themselves.
fn is_unsafe(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{061c}'
                | '\u{200b}'..='\u{200f}'
                | '\u{2028}'..='\u{202e}'
                | '\u{2060}'..='\u{2069}'
                | '\u{feff}'
        )
}

/// `s` with control characters and bidi/invisible formatting characters
/// replaced by visible `\u{…}` escapes (a backslash is doubled so the
/// escapes cannot be forged).
pub fn visible(s: &str) -> Cow<'_, str> {
    if !s.chars().any(|c| is_unsafe(c) || c == '\\') {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if c == '\\' {
            out.push_str("\\\\");
        } else if is_unsafe(c) {
            out.push_str(&format!("\\u{{{:x}}}", c as u32));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn controls_and_bidi_become_visible() {
        assert_eq!(visible("Cisco Systems"), "Cisco Systems");
        assert_eq!(visible("日本電気"), "日本電気");
        assert_eq!(visible("a\x1b[2Jb"), "a\\u{1b}[2Jb");
        assert_eq!(visible("x\ny"), "x\\u{a}y");
        assert_eq!(visible("evil\u{202e}gpj.exe"), "evil\\u{202e}gpj.exe");
        assert_eq!(visible("a\\u{1b}"), "a\\\\u{1b}");
        let out = visible("\u{7}\u{85}\u{2066}\u{200b}");
        assert!(!out.chars().any(is_unsafe), "{out}");
    }
}
