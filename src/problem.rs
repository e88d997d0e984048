//! Problems found in input files: errors stop a run, warnings do not.
//!
//! Every problem names the file, the physical line (1-based, as Excel and
//! editors count, header = line 1), the column as the user wrote it, and the
//! offending value, e.g. `devices.csv:14: MACアドレス "00:1A:2B:3C:4D": not a MAC address`.
//! In a workbook the place is the sheet and the cell as Excel shows them:
//! `site.xlsx [機器台帳] F14: MACアドレス "00:1A:2B:3C:4D": not a MAC address`.

use std::fmt;

use serde::Serialize;

use crate::text::clean::terminal;
use crate::text::{Lang, Word};

/// How serious a problem is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Reported; the run goes on.
    Warning,
    /// The input cannot be used; the command exits 2 and writes nothing.
    Error,
}

/// Where in a workbook a problem is: the sheet, and the cell's column.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SheetPlace {
    /// Sheet name as on its tab.
    pub sheet: String,
    /// Column letters (`F` in `F14`), if the problem is in one cell.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub column: Option<String>,
}

/// One problem in one place of one input file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Problem {
    /// Error or warning.
    pub severity: Severity,
    /// File name as shown to the user (relative to the site folder, e.g. `devices.csv`).
    pub file: String,
    /// Physical line, 1-based (in a workbook: the row as Excel numbers it);
    /// `None` for whole-file problems.
    pub line: Option<usize>,
    /// The sheet and column in a workbook (`None` for CSV and TOML files).
    #[serde(flatten)]
    pub place: Option<Box<SheetPlace>>,
    /// Column header as written in the file (e.g. `MACアドレス`), if the problem is in one cell.
    pub field: Option<String>,
    /// The offending value, if any.
    pub value: Option<String>,
    /// What is wrong, in plain words (English).
    pub message: String,
    /// The same in Japanese, for [`Problem::shown`] (`None` until a reader
    /// says it with [`Problem::said`]; English is shown then).
    #[serde(skip)]
    pub message_ja: Option<String>,
    /// True for a warning that only matters where the records are drawn
    /// (`map`): commands that draw nothing do not show it.
    #[serde(skip)]
    pub drawing_only: bool,
}

impl Problem {
    /// An error at `file:line`.
    pub fn error(file: impl Into<String>, line: Option<usize>, message: impl Into<String>) -> Self {
        Problem {
            severity: Severity::Error,
            file: file.into(),
            line,
            place: None,
            field: None,
            value: None,
            message: message.into(),
            message_ja: None,
            drawing_only: false,
        }
    }

    /// An error at `file:line` said in both languages by `word`.
    pub fn error_said(
        file: impl Into<String>,
        line: Option<usize>,
        word: Word,
        values: &[&dyn fmt::Display],
    ) -> Self {
        Problem::error(file, line, String::new()).said(word, values)
    }

    /// A warning at `file:line` said in both languages by `word`.
    pub fn warning_said(
        file: impl Into<String>,
        line: Option<usize>,
        word: Word,
        values: &[&dyn fmt::Display],
    ) -> Self {
        Problem::warning(file, line, String::new()).said(word, values)
    }

    /// Says what is wrong in both languages, from one entry of the
    /// translation table. For a problem in a cell, the Japanese text follows
    /// the quoted value directly (`MACアドレス「…」` + `の形式が…`).
    pub fn said(mut self, word: Word, values: &[&dyn fmt::Display]) -> Self {
        self.message = word.fill(Lang::En, values);
        self.message_ja = Some(word.fill(Lang::Ja, values));
        self
    }

    /// Like [`Problem::said`], with values that differ by language (a
    /// header's Japanese or English name, a count with its English noun).
    pub fn said_each(
        mut self,
        word: Word,
        en: &[&dyn fmt::Display],
        ja: &[&dyn fmt::Display],
    ) -> Self {
        self.message = word.fill(Lang::En, en);
        self.message_ja = Some(word.fill(Lang::Ja, ja));
        self
    }

    /// Marks a warning as mattering only where the records are drawn.
    pub fn for_drawing_only(mut self) -> Self {
        self.drawing_only = true;
        self
    }

    /// The problem as shown to a reader of `lang`: English as
    /// [`Display`](fmt::Display) writes it, Japanese as
    /// `devices.csv 2行目: MACアドレス「…」の形式が正しくありません…`.
    pub fn shown(&self, lang: Lang) -> Shown<'_> {
        Shown {
            problem: self,
            lang,
        }
    }

    /// A warning at `file:line`.
    pub fn warning(
        file: impl Into<String>,
        line: Option<usize>,
        message: impl Into<String>,
    ) -> Self {
        Problem {
            severity: Severity::Warning,
            ..Problem::error(file, line, message)
        }
    }

    /// Names the cell: column header and offending value.
    pub fn at_cell(mut self, field: impl Into<String>, value: impl Into<String>) -> Self {
        self.field = Some(field.into());
        self.value = Some(value.into());
        self
    }

    /// Places the problem in a workbook: the file, the sheet and, if known,
    /// the cell's column (0 = A); the line is then the row as Excel shows it.
    pub fn in_sheet(
        mut self,
        workbook: impl Into<String>,
        sheet: impl Into<String>,
        column: Option<u32>,
    ) -> Self {
        self.file = workbook.into();
        self.place = Some(Box::new(SheetPlace {
            sheet: sheet.into(),
            column: column.map(column_letters),
        }));
        self
    }

    /// True for errors.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

/// Excel's letters for a column index: 0 → `A`, 25 → `Z`, 26 → `AA`.
pub fn column_letters(index: u32) -> String {
    let mut n = index as u64 + 1;
    let mut letters = Vec::new();
    while n > 0 {
        let rem = ((n - 1) % 26) as u8;
        letters.push(b'A' + rem);
        n = (n - 1) / 26;
    }
    letters.reverse();
    String::from_utf8_lossy(&letters).into_owned()
}

/// Longest value shown in full in a message; longer ones are cut (at a
/// character, never inside one) and their length given.
const MAX_VALUE_CHARS: usize = 200;

/// Longest file name, header or message shown in full.
const MAX_TEXT_CHARS: usize = 2000;

/// Writes `s` for a terminal by the one untrusted-text policy
/// ([`crate::text::clean::terminal`]: control, bidi, zero-width and
/// line-separator characters as visible `\u{…}` escapes): headers, ids and
/// keys quoted in messages come from the files, and must neither drive the
/// terminal nor fake a second problem line.
fn write_visible(f: &mut fmt::Formatter<'_>, s: &str) -> fmt::Result {
    // Messages quote ids and headers; a hostile one of a million characters
    // must not bury the rest.
    match s.char_indices().nth(MAX_TEXT_CHARS) {
        Some((cut, _)) => write!(
            f,
            "{}… ({} characters)",
            terminal(&s[..cut]),
            s.chars().count()
        ),
        None => f.write_str(&terminal(s)),
    }
}

/// A [`Problem`] in one language, from [`Problem::shown`].
#[derive(Debug, Clone, Copy)]
pub struct Shown<'a> {
    problem: &'a Problem,
    lang: Lang,
}

impl fmt::Display for Shown<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let p = self.problem;
        let Some(message) = p.message_ja.as_deref().filter(|_| self.lang == Lang::Ja) else {
            return write!(f, "{p}");
        };
        write_visible(f, &p.file)?;
        if let Some(place) = &p.place {
            // In a workbook, the place as Excel shows it: sheet and cell.
            write!(f, " [")?;
            write_visible(f, &place.sheet)?;
            write!(f, "]")?;
            match (&place.column, p.line) {
                (Some(col), Some(row)) => write!(f, " {col}{row}")?,
                (None, Some(row)) => write!(f, " {row}行目")?,
                _ => {}
            }
        } else if let Some(line) = p.line {
            write!(f, " {line}行目")?;
        }
        write!(f, ": ")?;
        if let Some(field) = &p.field {
            write_visible(f, field)?;
        }
        if let Some(value) = p.value.as_deref().filter(|v| !v.is_empty()) {
            f.write_str("「")?;
            match value.char_indices().nth(MAX_VALUE_CHARS) {
                Some((cut, _)) => write!(
                    f,
                    "{}…（{}文字）",
                    terminal(&value[..cut]),
                    value.chars().count()
                )?,
                None => f.write_str(&terminal(value))?,
            }
            f.write_str("」")?;
        }
        write_visible(f, message)
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write_visible(f, &self.file)?;
        if let Some(place) = &self.place {
            write!(f, " [")?;
            write_visible(f, &place.sheet)?;
            write!(f, "]")?;
            match (&place.column, self.line) {
                (Some(col), Some(row)) => write!(f, " {col}{row}")?,
                (None, Some(row)) => write!(f, " row {row}")?,
                _ => {}
            }
        } else if let Some(line) = self.line {
            write!(f, ":{line}")?;
        }
        write!(f, ":")?;
        if let Some(field) = &self.field {
            write!(f, " ")?;
            write_visible(f, field)?;
        }
        if let Some(value) = &self.value {
            // Debug-quote so control characters and quotes stay visible.
            match value.char_indices().nth(MAX_VALUE_CHARS) {
                // A cell of a million characters would bury the message.
                Some((cut, _)) => write!(
                    f,
                    " {:?}… ({} characters)",
                    &value[..cut],
                    value.chars().count()
                )?,
                None => write!(f, " {value:?}")?,
            }
        }
        if self.field.is_some() || self.value.is_some() {
            write!(f, ":")?;
        }
        write!(f, " ")?;
        write_visible(f, &self.message)
    }
}

/// All the problems of one run, errors and warnings together.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Problems(pub Vec<Problem>);

impl Problems {
    /// Adds one problem.
    pub fn push(&mut self, p: Problem) {
        self.0.push(p);
    }
    /// True if any problem is an error.
    pub fn has_errors(&self) -> bool {
        self.0.iter().any(Problem::is_error)
    }
    /// The errors only.
    pub fn errors(&self) -> impl Iterator<Item = &Problem> {
        self.0.iter().filter(|p| p.is_error())
    }
    /// The warnings only.
    pub fn warnings(&self) -> impl Iterator<Item = &Problem> {
        self.0.iter().filter(|p| !p.is_error())
    }
}

impl fmt::Display for Problems {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for p in &self.0 {
            writeln!(
                f,
                "{}: {p}",
                match p.severity {
                    Severity::Error => "error",
                    Severity::Warning => "warning",
                }
            )?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_names_file_line_field_and_value() {
        let p = Problem::error("devices.csv", Some(14), "not a MAC address")
            .at_cell("MACアドレス", "00:1A:2B:3C:4D");
        assert_eq!(
            p.to_string(),
            "devices.csv:14: MACアドレス \"00:1A:2B:3C:4D\": not a MAC address"
        );
        let w = Problem::warning("site.toml", None, "no name");
        assert_eq!(w.to_string(), "site.toml: no name");
    }

    #[test]
    fn display_names_workbook_sheet_and_cell() {
        let p = Problem::error("devices.csv", Some(14), "not a MAC address")
            .at_cell("MACアドレス", "00:1A:2B:3C:4D")
            .in_sheet("site.xlsx", "機器台帳", Some(5));
        assert_eq!(
            p.to_string(),
            "site.xlsx [機器台帳] F14: MACアドレス \"00:1A:2B:3C:4D\": not a MAC address"
        );
        let row = Problem::error("x", Some(3), "same id").in_sheet("site.xlsx", "回線", None);
        assert_eq!(row.to_string(), "site.xlsx [回線] row 3: same id");
        let whole = Problem::warning("x", None, "hidden").in_sheet("a.xlsx", "s\u{202e}", None);
        assert_eq!(whole.to_string(), "a.xlsx [s\\u{202e}]: hidden");
        assert_eq!(column_letters(0), "A");
        assert_eq!(column_letters(25), "Z");
        assert_eq!(column_letters(26), "AA");
        assert_eq!(column_letters(16383), "XFD");
    }

    #[test]
    fn display_cuts_a_huge_value_at_a_character() {
        let value = "長".repeat(100_000);
        let shown = Problem::error("devices.csv", Some(2), "not a MAC address")
            .at_cell("MAC", value)
            .to_string();
        assert_eq!(
            shown,
            format!(
                "devices.csv:2: MAC \"{}\"… (100000 characters): not a MAC address",
                "長".repeat(200)
            )
        );
        let id = "長".repeat(5000);
        let shown = Problem::warning("segments.csv", None, format!("absent: {id}")).to_string();
        assert!(shown.ends_with("… (5008 characters)"));
        assert_eq!(
            shown.chars().count(),
            "segments.csv: ".len() + 2000 + "… (5008 characters)".chars().count()
        );
        let exact = "x".repeat(200);
        let shown = Problem::error("a.csv", Some(2), "m").at_cell("f", exact.clone());
        assert_eq!(shown.to_string(), format!("a.csv:2: f \"{exact}\": m"));
    }

    #[test]
    fn display_escapes_controls_and_bidi_from_the_files() {
        // A header and an id as a hostile file could write them.
        let p = Problem::warning(
            "devices.csv",
            Some(1),
            "unknown column \"x\u{202E}y\u{1b}[2J\" ignored\nerror: forged",
        )
        .at_cell("col\u{2066}", "v\u{202E}");
        assert_eq!(
            p.to_string(),
            "devices.csv:1: col\\u{2066} \"v\\u{202e}\": unknown column \"x\\u{202e}y\\u{1b}[2J\" ignored\\u{a}error: forged"
        );
        assert_eq!(
            Problem::error("表.csv", Some(2), "「日本語」はそのまま").to_string(),
            "表.csv:2: 「日本語」はそのまま"
        );
    }
}
