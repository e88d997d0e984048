//! The one policy for untrusted text: host names, banners, vendor strings and
//! cells are hostile, and each output target has its own way to keep them
//! harmless.
//!
//! One character set, [`is_hidden`], decides what must not reach a reader as
//! itself: control characters (they move a terminal's cursor, forge report
//! lines), bidi embeddings, overrides, isolates and marks (they reverse what
//! staff read: `evil\u{202e}gpj.exe`), zero-width characters, the line and
//! paragraph separators U+2028/U+2029 (a second line in a one-line field),
//! the byte-order mark and the non-characters U+FFFE/U+FFFF. Each target then
//! treats them its own way:
//!
//! | target | what happens to a hidden character |
//! |---|---|
//! | [`Target::Terminal`] | shown as a visible `\u{…}` escape (a backslash is doubled, so escapes cannot be forged) |
//! | [`Target::Xml`] | dropped; tabs and newlines become spaces, runs of spaces collapse |
//! | [`Target::Json`] | kept in the value, written as a `\uXXXX` escape |
//! | [`Target::CsvCell`] | kept; a cell Excel would run as a formula gets a leading `'` |

use std::borrow::Cow;

/// Where untrusted text is going.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    /// A terminal or a plain-text report.
    Terminal,
    /// XML character data or attribute values (SVG, HTML, draw.io).
    Xml,
    /// A JSON document (applied to the serialised document).
    Json,
    /// One cell of a CSV file or workbook opened in Excel.
    CsvCell,
}

/// Bidi embeddings, overrides, isolates and marks (U+202A–U+202E,
/// U+2066–U+2069, U+200E, U+200F, U+061C): invisible, yet they reorder the
/// text that follows them.
pub fn is_bidi_control(c: char) -> bool {
    matches!(
        c,
        '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}'
    )
}

/// True for the characters no target lets through as themselves (see the
/// module documentation).
pub fn is_hidden(c: char) -> bool {
    c.is_control()
        || is_bidi_control(c)
        || matches!(
            c,
            '\u{200B}'..='\u{200D}' | '\u{2028}' | '\u{2029}' | '\u{2060}'..='\u{2065}' | '\u{FEFF}' | '\u{FFFE}' | '\u{FFFF}'
        )
}

/// `s` made safe for `target`; see the module documentation for what each
/// target does. For [`Target::Xml`] the result is cleaned but not yet
/// escaped: use [`xml`] for character data and attribute values.
pub fn clean(s: &str, target: Target) -> Cow<'_, str> {
    match target {
        Target::Terminal => terminal(s),
        Target::Xml => Cow::Owned(page(s)),
        Target::Json => json_document(s),
        Target::CsvCell => csv_cell(s),
    }
}

/// `s` for a terminal: hidden characters as visible `\u{…}` escapes.
pub fn terminal(s: &str) -> Cow<'_, str> {
    if !s.chars().any(|c| is_hidden(c) || c == '\\') {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if c == '\\' {
            out.push_str("\\\\");
        } else if is_hidden(c) {
            out.push_str(&format!("\\u{{{:x}}}", c as u32));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// `s` for a page (SVG, HTML): hidden characters dropped, tabs and newlines
/// as spaces, runs of spaces collapsed, no space at either end.
///
/// Bidi controls are dropped rather than escaped because an escaped
/// `&#x202E;` is still an override once the viewer parses it.
pub fn page(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut last_space = true;
    for c in s.chars() {
        let c = match c {
            '\t' | '\n' | '\r' => ' ',
            c if is_hidden(c) => continue,
            c => c,
        };
        if c == ' ' {
            if last_space {
                continue;
            }
            last_space = true;
        } else {
            last_space = false;
        }
        out.push(c);
    }
    while out.ends_with(' ') {
        out.pop();
    }
    out
}

/// `s` cleaned for a page and escaped for XML character data and attribute
/// values (all five of `< > & " '`).
pub fn xml(s: &str) -> String {
    let cleaned = page(s);
    let mut out = String::with_capacity(cleaned.len() + 8);
    for c in cleaned.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c => out.push(c),
        }
    }
    out
}

/// A serialised JSON document with every hidden non-ASCII character written
/// as a `\uXXXX` escape.
///
/// serde_json already escapes the ASCII controls; the values stay exactly as
/// they were, but the file itself, opened in an editor or a terminal, cannot
/// be reordered by a hostile name. Outside strings JSON holds only ASCII, so
/// every such character found is inside a string, where the escape is valid.
pub fn json_document(json: &str) -> Cow<'_, str> {
    if !json.chars().any(|c| !c.is_ascii() && is_hidden(c)) {
        return Cow::Borrowed(json);
    }
    let mut out = String::with_capacity(json.len() + 16);
    for c in json.chars() {
        if !c.is_ascii() && is_hidden(c) {
            let mut units = [0u16; 2];
            for u in c.encode_utf16(&mut units) {
                out.push_str(&format!("\\u{u:04x}"));
            }
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// True if Excel could take `cell` as a formula (after any leading spaces).
pub fn is_formula_like(cell: &str) -> bool {
    let rest = cell.trim_start_matches([' ', '\u{3000}']);
    matches!(
        rest.chars().next(),
        Some('=' | '+' | '-' | '@' | '\t' | '\r' | '\n' | '＝' | '＋' | '－' | '＠')
    )
}

/// `cell` as Excel will show it as text: prefixed with `'` when formula-like
/// (CSV injection: `=HYPERLINK(…)` from a network answer would otherwise run
/// in the IT office's spreadsheet).
pub fn csv_cell(cell: &str) -> Cow<'_, str> {
    if is_formula_like(cell) {
        Cow::Owned(format!("'{cell}"))
    } else {
        Cow::Borrowed(cell)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const HOSTILE: &str = "a\u{1b}[2J\u{202e}b\u{2028}c\u{200b}<script>&\"'\u{feff}";

    #[test]
    fn terminal_escapes_every_hidden_character() {
        assert_eq!(terminal("Cisco Systems"), "Cisco Systems");
        assert_eq!(terminal("a\\u{1b}"), "a\\\\u{1b}");
        let out = terminal(HOSTILE);
        assert!(!out.chars().any(is_hidden), "{out}");
        assert!(out.contains("\\u{202e}") && out.contains("\\u{2028}"));
    }

    #[test]
    fn page_drops_them_and_xml_escapes_markup() {
        assert_eq!(page("  x\n\ty  "), "x y");
        assert_eq!(xml(HOSTILE), "a[2Jbc&lt;script&gt;&amp;&quot;&apos;");
    }

    #[test]
    fn json_keeps_values_but_not_raw() {
        let doc = serde_json::to_string(HOSTILE).unwrap();
        let out = json_document(&doc);
        assert!(!out.chars().any(is_hidden), "{out}");
        let back: String = serde_json::from_str(&out).unwrap();
        assert_eq!(back, HOSTILE);
    }

    #[test]
    fn formulas_become_text() {
        assert_eq!(csv_cell("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(csv_cell("  ＠SUM(A1)"), "'  ＠SUM(A1)");
        assert_eq!(csv_cell("PC-101"), "PC-101");
    }
}
