//! Workbooks for people (crate `rust_xlsxwriter`): one sheet per table,
//! the header row styled and frozen, column widths from the content, and
//! every cell plain text or a number, never a formula.
//!
//! The small API every workbook of koseizu is written with (`audit --xlsx`,
//! `diff --format xlsx`, `ledger --xlsx`, `init`'s starter workbook):
//!
//! ```no_run
//! # fn main() -> std::io::Result<()> {
//! use koseizu::report::xlsx::{Book, Cell};
//! let mut book = Book::new();
//! {
//!     let mut sheet = book.sheet("機器台帳", &["番号", "名称", "台数"])?;
//!     sheet.row(&[Cell::text("PC-001"), Cell::text("受付端末"), Cell::Number(2.0)])?;
//! }
//! book.write(&mut std::io::stdout())?;
//! # Ok(()) }
//! ```
//!
//! Untrusted text (vendor strings, host names, ledger cells) is written as a
//! string cell, which Excel never evaluates; a string that looks like a
//! formula ([`crate::text::clean::is_formula_like`]) also gets Excel's quote
//! prefix, so it stays text when someone edits the cell and presses Enter,
//! and its value is kept exact (no visible apostrophe as in CSV).

use std::borrow::Cow;
use std::io::{self, Write};

use rust_xlsxwriter::{
    Color, DataValidation, DataValidationErrorStyle, Format, FormatBorder, Workbook, Worksheet,
    XlsxError,
};

use crate::site::Lang;
use crate::text::clean::is_formula_like;
use crate::text::Word;

pub mod audit;
pub mod diff;
pub mod ledger;

/// The ledger's columns (devices.csv) as headers the site reader knows, so
/// rows written under them can be pasted into the ledger.
pub fn ledger_headers(lang: Lang) -> [&'static str; 11] {
    [
        Word::ExcelColId,
        Word::ExcelColName,
        Word::ExcelColKind,
        Word::ExcelColMac,
        Word::ExcelColIp,
        Word::ExcelColSegment,
        Word::ExcelColSystem,
        Word::ExcelColDepartment,
        Word::ExcelColVendor,
        Word::ExcelColLocation,
        Word::ExcelColNotes,
    ]
    .map(|w| w.get(lang))
}

/// Excel's limit on the characters of one cell.
pub const MAX_CELL_CHARS: usize = 32_767;
/// Excel's limit on rows in a sheet (the header included).
pub const MAX_ROWS: u32 = 1_048_576;
/// Widest column set from the content, in Excel's character units.
const MAX_WIDTH: f64 = 60.0;

/// One cell's value.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell<'a> {
    /// Text, written as a string cell whatever it looks like.
    Text(Cow<'a, str>),
    /// A number.
    Number(f64),
    /// Nothing.
    Empty,
}

impl<'a> Cell<'a> {
    /// A text cell borrowing `s`.
    pub fn text(s: &'a str) -> Cell<'a> {
        Cell::Text(Cow::Borrowed(s))
    }
    /// A text cell owning `s`.
    pub fn owned(s: String) -> Cell<'static> {
        Cell::Text(Cow::Owned(s))
    }
    /// A text cell, or an empty one for `None`.
    pub fn opt(s: Option<&'a str>) -> Cell<'a> {
        s.map_or(Cell::Empty, Cell::text)
    }
    /// An owned text cell, or an empty one for `None`.
    pub fn opt_owned(s: Option<String>) -> Cell<'a> {
        s.map_or(Cell::Empty, |s| Cell::Text(Cow::Owned(s)))
    }
}

impl<'a> From<&'a str> for Cell<'a> {
    fn from(s: &'a str) -> Self {
        Cell::text(s)
    }
}

impl From<String> for Cell<'static> {
    fn from(s: String) -> Self {
        Cell::owned(s)
    }
}

/// A workbook being written.
pub struct Book {
    workbook: Workbook,
    header: Format,
    quoted: Format,
    example: Format,
    example_quoted: Format,
}

impl Default for Book {
    fn default() -> Self {
        Book::new()
    }
}

fn to_io(e: XlsxError) -> io::Error {
    match e {
        XlsxError::IoError(e) => e,
        other => io::Error::other(other.to_string()),
    }
}

impl Book {
    /// An empty workbook.
    pub fn new() -> Book {
        let header = Format::new()
            .set_bold()
            .set_background_color(Color::RGB(0xDDEBF7))
            .set_border_bottom(FormatBorder::Thin);
        let example = Format::new()
            .set_font_color(Color::RGB(0x808080))
            .set_italic();
        Book {
            workbook: Workbook::new(),
            header,
            quoted: Format::new().set_quote_prefix(),
            example_quoted: example.clone().set_quote_prefix(),
            example,
        }
    }

    /// Adds a sheet named `name` (at most 31 characters, none of `[]:*?/\`)
    /// with `headers` in its first row, styled and frozen.
    pub fn sheet(&mut self, name: &str, headers: &[&str]) -> io::Result<SheetWriter<'_>> {
        let sheet = self.workbook.add_worksheet();
        sheet.set_name(name).map_err(to_io)?;
        let mut widths = vec![0.0f64; headers.len()];
        for (i, h) in headers.iter().enumerate() {
            sheet
                .write_string_with_format(0, i as u16, *h, &self.header)
                .map_err(to_io)?;
            widths[i] = display_width(h) + 2.0;
        }
        if !headers.is_empty() {
            sheet.set_freeze_panes(1, 0).map_err(to_io)?;
        }
        Ok(SheetWriter {
            sheet,
            quoted: &self.quoted,
            example: &self.example,
            example_quoted: &self.example_quoted,
            next_row: 1,
            widths,
            fixed: Vec::new(),
        })
    }

    /// Adds a sheet of plain lines (a guide): one paragraph per row in column A.
    pub fn text_sheet(&mut self, name: &str, lines: &[&str]) -> io::Result<()> {
        let sheet = self.workbook.add_worksheet();
        sheet.set_name(name).map_err(to_io)?;
        let title = self.header.clone();
        for (i, line) in lines.iter().enumerate() {
            let format = if i == 0 { &title } else { &self.quoted };
            sheet
                .write_string_with_format(i as u32, 0, *line, format)
                .map_err(to_io)?;
        }
        sheet.set_column_width(0, 110).map_err(to_io)?;
        Ok(())
    }

    /// Writes the finished workbook to `w`.
    pub fn write(mut self, w: &mut dyn Write) -> io::Result<()> {
        let bytes = self.workbook.save_to_buffer().map_err(to_io)?;
        w.write_all(&bytes)
    }
}

/// Rows being added to one sheet; column widths are set when it is dropped.
pub struct SheetWriter<'a> {
    sheet: &'a mut Worksheet,
    quoted: &'a Format,
    example: &'a Format,
    example_quoted: &'a Format,
    next_row: u32,
    widths: Vec<f64>,
    /// Columns whose width was set by hand.
    fixed: Vec<u16>,
}

impl SheetWriter<'_> {
    /// Adds one row below the last.
    pub fn row(&mut self, cells: &[Cell<'_>]) -> io::Result<()> {
        self.write_row(cells, false)
    }

    /// Adds one row shown as an example (grey, italic).
    pub fn example_row(&mut self, cells: &[Cell<'_>]) -> io::Result<()> {
        self.write_row(cells, true)
    }

    fn write_row(&mut self, cells: &[Cell<'_>], example: bool) -> io::Result<()> {
        if self.next_row >= MAX_ROWS {
            return Err(io::Error::other(format!(
                "more than {} rows: Excel cannot show them in one sheet",
                MAX_ROWS - 1
            )));
        }
        let row = self.next_row;
        for (i, cell) in cells.iter().enumerate() {
            let col = i as u16;
            let width = match cell {
                Cell::Empty => {
                    if example {
                        self.sheet
                            .write_blank(row, col, self.example)
                            .map_err(to_io)?;
                    }
                    0.0
                }
                Cell::Number(n) => {
                    if example {
                        self.sheet
                            .write_number_with_format(row, col, *n, self.example)
                            .map_err(to_io)?;
                    } else {
                        self.sheet.write_number(row, col, *n).map_err(to_io)?;
                    }
                    n.to_string().len() as f64
                }
                Cell::Text(s) => {
                    let s = cut(s);
                    let format = match (example, is_formula_like(&s)) {
                        (false, false) => None,
                        (false, true) => Some(self.quoted),
                        (true, false) => Some(self.example),
                        (true, true) => Some(self.example_quoted),
                    };
                    match format {
                        None => self.sheet.write_string(row, col, s.as_ref()),
                        Some(f) => self.sheet.write_string_with_format(row, col, s.as_ref(), f),
                    }
                    .map_err(to_io)?;
                    display_width(s.lines().next().unwrap_or(""))
                }
            };
            if let Some(w) = self.widths.get_mut(i) {
                *w = w.max(width + 1.0);
            } else {
                self.widths.push(width + 1.0);
            }
        }
        self.next_row += 1;
        Ok(())
    }

    /// Sets the width of column `col` (0 = A) by hand, in characters.
    pub fn width(&mut self, col: u16, width: f64) -> io::Result<()> {
        self.sheet.set_column_width(col, width).map_err(to_io)?;
        self.fixed.push(col);
        Ok(())
    }

    /// A drop-down list on column `col` for every row below the header.
    /// With `strict`, Excel refuses other values; else it only warns.
    pub fn choices(&mut self, col: u16, choices: &[&str], strict: bool) -> io::Result<()> {
        let mut v = DataValidation::new()
            .allow_list_strings(choices)
            .map_err(to_io)?;
        if !strict {
            v = v.set_error_style(DataValidationErrorStyle::Warning);
        }
        self.sheet
            .add_data_validation(1, col, MAX_ROWS - 1, col, &v)
            .map_err(to_io)?;
        Ok(())
    }

    /// Rows written so far below the header.
    pub fn rows(&self) -> u32 {
        self.next_row - 1
    }
}

impl Drop for SheetWriter<'_> {
    fn drop(&mut self) {
        for (i, w) in self.widths.iter().enumerate() {
            let col = i as u16;
            if !self.fixed.contains(&col) {
                // Widths only fail for a column past Excel's last: none here.
                let _ = self.sheet.set_column_width(col, w.clamp(6.0, MAX_WIDTH));
            }
        }
    }
}

/// `s` cut to what one cell can hold.
fn cut(s: &str) -> Cow<'_, str> {
    match s.char_indices().nth(MAX_CELL_CHARS - 1) {
        Some((at, _)) => Cow::Owned(format!("{}…", &s[..at])),
        None => Cow::Borrowed(s),
    }
}

/// Width in Excel's character units: East Asian wide characters count two.
fn display_width(s: &str) -> f64 {
    s.chars()
        .take(MAX_WIDTH as usize)
        .map(|c| if is_wide(c) { 2.0 } else { 1.0 })
        .sum::<f64>()
        .min(MAX_WIDTH)
}

fn is_wide(c: char) -> bool {
    matches!(c as u32,
        0x1100..=0x115F | 0x2E80..=0x303E | 0x3041..=0x33FF | 0x3400..=0x4DBF
        | 0x4E00..=0x9FFF | 0xA000..=0xA4CF | 0xAC00..=0xD7A3 | 0xF900..=0xFAFF
        | 0xFE30..=0xFE4F | 0xFF00..=0xFF60 | 0xFFE0..=0xFFE6)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_a_zip_workbook_with_cut_cells() {
        let mut book = Book::new();
        {
            let mut s = book.sheet("機器台帳", &["番号", "名称"]).unwrap();
            let long = "x".repeat(40_000);
            s.row(&[Cell::text("=HYPERLINK(\"http://e/\")"), Cell::text(&long)])
                .unwrap();
            s.choices(0, &["a", "b"], true).unwrap();
            assert_eq!(s.rows(), 1);
        }
        let mut out = Vec::new();
        book.write(&mut out).unwrap();
        assert!(out.starts_with(b"PK\x03\x04"));
        assert_eq!(cut(&"y".repeat(40_000)).chars().count(), MAX_CELL_CHARS);
        assert_eq!(display_width("受付PC"), 6.0);
    }

    #[test]
    fn a_bad_sheet_name_is_an_error() {
        let mut book = Book::new();
        assert!(book.sheet("a[b]", &["x"]).is_err());
    }
}
