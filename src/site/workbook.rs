//! Site tables kept in workbooks (`.xlsx`, `.xlsm`, `.xls`, `.ods`), read
//! into the same rows of text the CSV reader makes, so every rule and every
//! message is shared (see docs/site-format.md, "Workbooks").
//!
//! A cell becomes the text Excel shows for it: text as it is (rich text
//! plain, phonetic guides dropped), whole numbers without `.0`, dates as
//! `YYYY-MM-DD`, formulas as their cached values. Which cells were numbers
//! is kept, so a MAC that Excel turned into a number gets its own advice.
//!
//! Workbooks are zip files and a hostile one can inflate without end, or
//! place two cells a million rows and 16,000 columns apart so that a dense
//! grid would need terabytes: sizes are checked before anything is
//! inflated, sheets of `.xlsx` are read cell by cell into a sparse list, and
//! rows wider than [`MAX_COLUMNS`] are refused.

use std::fs;
use std::io::{self, Cursor, Read as _};
use std::path::{Path, PathBuf};

use calamine::{Data, DataRef, Ods, Reader, SheetVisible, Xls, Xlsx};

use super::table::{header_key, Headers, SheetRow, SheetRows};
use crate::problem::{column_letters, Problem, Problems};

/// Largest workbook file read (a 100,000-row ledger is about 6 MB).
pub const MAX_FILE_BYTES: u64 = 64 << 20;
/// Most bytes the parts of one workbook may inflate to, all parts together.
pub const MAX_INFLATED_BYTES: u64 = 512 << 20;
/// Most parts in one workbook's zip.
const MAX_PARTS: usize = 10_000;
/// Widest sheet read: a site table has a dozen columns.
pub const MAX_COLUMNS: u32 = 256;
/// Most non-empty cells read from one sheet.
pub const MAX_CELLS: usize = 5_000_000;

/// An opened workbook.
pub(crate) enum Book {
    /// Office Open XML (`.xlsx`, `.xlsm`).
    Xlsx(Box<Xlsx<Cursor<Vec<u8>>>>),
    /// The binary format of Excel 97–2003 (`.xls`).
    Xls(Box<Xls<Cursor<Vec<u8>>>>),
    /// OpenDocument (`.ods`).
    Ods(Box<Ods<Cursor<Vec<u8>>>>),
}

/// A sheet's name and whether it is shown.
pub(crate) struct SheetInfo {
    /// Name on the tab.
    pub(crate) name: String,
    /// False for hidden and very hidden sheets.
    pub(crate) visible: bool,
}

const ZIP_MAGIC: &[u8] = b"PK\x03\x04";
const CFB_MAGIC: &[u8] = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1";

/// Opens the workbook `file` (its name in messages) from its bytes. The
/// format is told by the bytes, not by the name.
pub(crate) fn open(file: &str, bytes: Vec<u8>) -> Result<Book, Box<Problem>> {
    let err = |message: String| Box::new(Problem::error(file, None, message));
    if bytes.is_empty() {
        return Err(err(
            "empty file (0 bytes): not a workbook; save it again from Excel".into(),
        ));
    }
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(err(format!(
            "{} MB: larger than the {} MB a site workbook can be; save the tables as CSV instead",
            bytes.len() >> 20,
            MAX_FILE_BYTES >> 20
        )));
    }
    if bytes.starts_with(ZIP_MAGIC) {
        let kind = check_zip(&bytes, MAX_INFLATED_BYTES).map_err(err)?;
        return match kind {
            ZipKind::Xlsx => Xlsx::new(Cursor::new(bytes))
                .map(|b| Book::Xlsx(Box::new(b)))
                .map_err(|e| err(format!("not a readable .xlsx workbook: {e}"))),
            ZipKind::Ods => Ods::new(Cursor::new(bytes))
                .map(|b| Book::Ods(Box::new(b)))
                .map_err(|e| err(format!("not a readable .ods workbook: {e}"))),
        };
    }
    if bytes.starts_with(CFB_MAGIC) {
        if contains_utf16(&bytes, "EncryptedPackage") {
            return Err(err(PASSWORD.into()));
        }
        return match Xls::new(Cursor::new(bytes)) {
            Ok(b) => Ok(Book::Xls(Box::new(b))),
            Err(calamine::XlsError::Password) => Err(err(PASSWORD.into())),
            Err(e) => Err(err(format!("not a readable .xls workbook: {e}"))),
        };
    }
    let head = &bytes[..bytes.len().min(4096)];
    let text = std::str::from_utf8(head).is_ok()
        || encoding_rs::SHIFT_JIS
            .decode_without_bom_handling_and_without_replacement(head)
            .is_some();
    Err(err(
        if text && head.iter().any(|b| matches!(b, b',' | b'\t')) {
            "not a workbook: this is text (CSV?) under a workbook's name; name it .csv, or open it in Excel and save it as a workbook (.xlsx)".into()
        } else {
            "not a workbook (neither .xlsx, .xls nor .ods): open it in Excel and save it as .xlsx"
                .into()
        },
    ))
}

const PASSWORD: &str = "protected by a password (encrypted): koseizu cannot open it; save a copy without the password (ファイル → 情報 → ブックの保護 → パスワードを使用して暗号化, and clear it)";

/// True if `bytes` hold `s` in UTF-16LE (the names in a compound file's directory).
fn contains_utf16(bytes: &[u8], s: &str) -> bool {
    let needle: Vec<u8> = s.encode_utf16().flat_map(u16::to_le_bytes).collect();
    memchr::memmem::find(bytes, &needle).is_some()
}

enum ZipKind {
    Xlsx,
    Ods,
}

/// Checks a zip before calamine inflates any of it: a bounded number of
/// parts, their declared sizes, then their real sizes by inflating each into
/// nothing with a cap (a zip may declare small sizes and inflate to
/// gigabytes). Says which kind of workbook it holds.
fn check_zip(bytes: &[u8], cap: u64) -> Result<ZipKind, String> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes))
        .map_err(|e| format!("a damaged zip file, not a readable workbook: {e}"))?;
    if zip.len() > MAX_PARTS {
        return Err(format!(
            "a zip of {} parts: not a workbook koseizu will read",
            zip.len()
        ));
    }
    let names: Vec<String> = zip.file_names().map(str::to_owned).collect();
    let kind = if names.iter().any(|n| n == "xl/workbook.xml") {
        ZipKind::Xlsx
    } else if names.iter().any(|n| n == "content.xml") {
        ZipKind::Ods
    } else {
        return Err(
            "a zip file, but not a workbook (no xl/workbook.xml or content.xml inside)".into(),
        );
    };
    let too_big = || {
        format!(
            "its parts inflate to more than {} MB: not a site workbook (a zip bomb?)",
            cap >> 20
        )
    };
    let mut declared: u64 = 0;
    for i in 0..zip.len() {
        let part = zip
            .by_index_raw(i)
            .map_err(|e| format!("a damaged zip file: {e}"))?;
        declared = declared.saturating_add(part.size());
    }
    if declared > cap {
        return Err(too_big());
    }
    let mut left = cap;
    for i in 0..zip.len() {
        let part = zip
            .by_index(i)
            .map_err(|e| format!("a damaged zip file: {e}"))?;
        let copied = io::copy(&mut part.take(left + 1), &mut io::sink())
            .map_err(|e| format!("a damaged zip file: {e}"))?;
        if copied > left {
            return Err(too_big());
        }
        left -= copied;
    }
    Ok(kind)
}

impl Book {
    /// The sheets in workbook order.
    pub(crate) fn sheets(&self) -> Vec<SheetInfo> {
        let meta = match self {
            Book::Xlsx(b) => b.sheets_metadata(),
            Book::Xls(b) => b.sheets_metadata(),
            Book::Ods(b) => b.sheets_metadata(),
        };
        meta.iter()
            .map(|s| SheetInfo {
                name: s.name.clone(),
                visible: s.visible == SheetVisible::Visible,
            })
            .collect()
    }

    /// The used rows of sheet `name` as text; `file` names the workbook in messages.
    pub(crate) fn rows(&mut self, file: &str, name: &str) -> Result<SheetRows, Box<Problem>> {
        let err = |message: String| {
            Box::new(Problem::error(file, None, message).in_sheet(file, name, None))
        };
        let mut cells = Cells::default();
        let mut buf = String::new();
        match self {
            Book::Xlsx(b) => {
                let mut reader = b
                    .worksheet_cells_reader(name)
                    .map_err(|e| err(format!("unreadable sheet: {e}")))?;
                while let Some(cell) = reader
                    .next_cell()
                    .map_err(|e| err(format!("unreadable sheet: {e}")))?
                {
                    let (row, col) = cell.get_position();
                    let pushed = match cell.get_value() {
                        DataRef::SharedString(s) => cells.push(row, col, s, false),
                        DataRef::String(s) => cells.push(row, col, s, false),
                        value => match text_of_ref(value, &mut buf) {
                            Some(number) => cells.push(row, col, &buf, number),
                            None => Ok(()),
                        },
                    };
                    pushed.map_err(err)?;
                }
            }
            Book::Xls(b) => {
                let range = b
                    .worksheet_range(name)
                    .map_err(|e| err(format!("unreadable sheet: {e}")))?;
                cells.push_range(&range).map_err(err)?;
            }
            Book::Ods(b) => {
                let range = b
                    .worksheet_range(name)
                    .map_err(|e| err(format!("unreadable sheet: {e}")))?;
                cells.push_range(&range).map_err(err)?;
            }
        }
        Ok(cells.into_rows())
    }
}

/// Builds a sheet's rows as its cells stream in (row by row, left to
/// right, as `.xlsx` stores them): text goes straight into each row's
/// record, with no grid and no string per cell. Cells out of order (a
/// hand-made file may have them) are put in place, more slowly.
#[derive(Default)]
struct Cells {
    rows: Vec<SheetRow>,
    /// Row index (0-based) and column count of the row being built.
    current: Option<u32>,
    width: u32,
    record: csv::StringRecord,
    numbers: Vec<bool>,
    filled: usize,
    first_column: u32,
    last_column: u32,
    out_of_order: bool,
}

impl Cells {
    fn push(&mut self, row: u32, col: u32, text: &str, number: bool) -> Result<(), String> {
        if text.trim().is_empty() {
            return Ok(());
        }
        if col >= MAX_COLUMNS {
            return Err(format!(
                "a value in cell {}{}, past column {}: a site table is a dozen columns wide (delete the columns on the right)",
                column_letters(col),
                row + 1,
                column_letters(MAX_COLUMNS - 1)
            ));
        }
        if self.filled >= MAX_CELLS {
            return Err(format!(
                "more than {MAX_CELLS} filled cells: too large for a site table"
            ));
        }
        if self.filled == 0 {
            self.first_column = col;
        }
        self.filled += 1;
        self.first_column = self.first_column.min(col);
        self.last_column = self.last_column.max(col);
        if self.current != Some(row) {
            self.finish_row();
            self.current = Some(row);
        }
        if col < self.width {
            // Out of order within the row: rebuild it with the cell in place.
            let mut cells: Vec<String> = self.record.iter().map(str::to_owned).collect();
            cells[col as usize] = text.to_owned();
            self.record = cells.iter().map(String::as_str).collect();
            self.set_number(col, number);
            return Ok(());
        }
        while self.width < col {
            self.record.push_field("");
            self.width += 1;
        }
        self.record.push_field(text);
        self.width += 1;
        self.set_number(col, number);
        Ok(())
    }

    fn set_number(&mut self, col: u32, number: bool) {
        if number {
            if self.numbers.len() <= col as usize {
                self.numbers.resize(col as usize + 1, false);
            }
            self.numbers[col as usize] = true;
        }
    }

    fn finish_row(&mut self) {
        let Some(row) = self.current.take() else {
            return;
        };
        if let Some(last) = self.rows.last() {
            if last.row > row as usize + 1 {
                self.out_of_order = true;
            }
        }
        self.rows.push(SheetRow {
            row: row as usize + 1,
            cells: std::mem::take(&mut self.record),
            numbers: std::mem::take(&mut self.numbers),
        });
        self.width = 0;
    }

    fn push_range(&mut self, range: &calamine::Range<Data>) -> Result<(), String> {
        let (r0, c0) = range.start().unwrap_or((0, 0));
        let mut buf = String::new();
        for (r, row) in range.rows().enumerate() {
            for (c, value) in row.iter().enumerate() {
                if let Some(number) = text_of(value, &mut buf) {
                    self.push(r0 + r as u32, c0 + c as u32, &buf, number)?;
                }
            }
        }
        Ok(())
    }

    /// The rows, each cut to start at the sheet's first used column and
    /// padded to its last (a table's rows all have the same width).
    fn into_rows(mut self) -> SheetRows {
        self.finish_row();
        if self.out_of_order {
            self.rows.sort_by_key(|r| r.row);
        }
        let first = self.first_column as usize;
        let width = (self.last_column - self.first_column) as usize + 1;
        for r in &mut self.rows {
            if first > 0 || r.cells.len() != first + width {
                let mut cells: csv::StringRecord = r.cells.iter().skip(first).collect();
                while cells.len() < width {
                    cells.push_field("");
                }
                r.cells = cells;
                if !r.numbers.is_empty() {
                    r.numbers = r.numbers.iter().skip(first).copied().collect();
                }
            }
        }
        SheetRows {
            rows: self.rows,
            first_column: self.first_column,
        }
    }
}

/// The text Excel shows for a number in General format, near enough:
/// whole numbers without a decimal point.
fn number_text(f: f64) -> String {
    if f.fract() == 0.0 && f.abs() < 1e15 {
        format!("{}", f as i64)
    } else {
        f.to_string()
    }
}

fn date_text(d: &calamine::ExcelDateTime) -> String {
    if d.is_duration() {
        return number_text(d.as_f64());
    }
    match d.as_datetime() {
        Some(dt) if dt.time() == chrono::NaiveTime::MIN => dt.format("%Y-%m-%d").to_string(),
        Some(dt) => dt.format("%Y-%m-%d %H:%M:%S").to_string(),
        None => number_text(d.as_f64()),
    }
}

/// Writes a cell's text into `buf`; says whether it was a number, `None`
/// when the cell is empty.
fn text_of(value: &Data, buf: &mut String) -> Option<bool> {
    buf.clear();
    Some(match value {
        Data::Empty => return None,
        Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => {
            buf.push_str(s);
            false
        }
        Data::Int(i) => {
            buf.push_str(&i.to_string());
            true
        }
        Data::Float(f) => {
            buf.push_str(&number_text(*f));
            true
        }
        Data::Bool(b) => {
            buf.push_str(if *b { "TRUE" } else { "FALSE" });
            false
        }
        Data::DateTime(d) => {
            buf.push_str(&date_text(d));
            false
        }
        Data::Error(e) => {
            buf.push_str(&e.to_string());
            false
        }
    })
}

/// [`text_of`] for the cells the `.xlsx` reader streams.
fn text_of_ref(value: &DataRef<'_>, buf: &mut String) -> Option<bool> {
    buf.clear();
    Some(match value {
        DataRef::Empty => return None,
        DataRef::SharedString(s) => {
            buf.push_str(s);
            false
        }
        DataRef::String(s) | DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => {
            buf.push_str(s);
            false
        }
        DataRef::Int(i) => {
            buf.push_str(&i.to_string());
            true
        }
        DataRef::Float(f) => {
            buf.push_str(&number_text(*f));
            true
        }
        DataRef::Bool(b) => {
            buf.push_str(if *b { "TRUE" } else { "FALSE" });
            false
        }
        DataRef::DateTime(d) => {
            buf.push_str(&date_text(d));
            false
        }
        DataRef::Error(e) => {
            buf.push_str(&e.to_string());
            false
        }
    })
}

/// The tables, by their CSV file name, and the sheet names that mean them
/// (compared in [`header_key`] form: width, case and spaces do not matter).
pub const SHEET_NAMES: [(&str, &[&str]); 8] = [
    (
        "segments.csv",
        &["segments", "segment", "セグメント", "セグメント一覧"],
    ),
    (
        "devices.csv",
        &[
            "devices",
            "device",
            "機器台帳",
            "資産台帳",
            "機器",
            "ledger",
        ],
    ),
    (
        "systems.csv",
        &[
            "systems",
            "system",
            "システム",
            "医療情報システム",
            "システム一覧",
        ],
    ),
    (
        "lines.csv",
        &["lines", "line", "回線", "回線一覧", "外部回線"],
    ),
    (
        "maintenance.csv",
        &["maintenance", "保守回線", "リモート保守", "保守"],
    ),
    ("cloud.csv", &["cloud", "クラウド", "クラウドサービス"]),
    (
        "flows.csv",
        &["flows", "flow", "データの流れ", "データフロー"],
    ),
    (
        "contacts.csv",
        &["contacts", "contact", "連絡先", "外部連絡先"],
    ),
];

/// Sheets that explain a workbook (the one `koseizu init` writes has one):
/// not tables, and not worth a warning.
const GUIDE_SHEETS: [&str; 4] = ["使い方", "howtouse", "readme", "説明"];

/// Workbook extensions read, in the order they are looked for.
pub const EXTENSIONS: [&str; 4] = ["xlsx", "xlsm", "xls", "ods"];

/// True if a file of this name in a site folder is read as a workbook of
/// the site (`site.xlsx`, `devices.ods`, …; any case).
pub fn is_site_workbook(name: &str) -> bool {
    let lower = name.to_lowercase();
    lower.rsplit_once('.').is_some_and(|(stem, ext)| {
        EXTENSIONS.contains(&ext)
            && (stem == "site"
                || SHEET_NAMES
                    .iter()
                    .any(|(t, _)| t.trim_end_matches(".csv") == stem))
    })
}

/// The table (CSV file name) a sheet name means, if any.
pub fn table_of_sheet(name: &str) -> Option<&'static str> {
    let key = header_key(name);
    SHEET_NAMES
        .iter()
        .find(|(file, names)| key == header_key(file) || names.iter().any(|n| header_key(n) == key))
        .map(|(file, _)| *file)
}

/// A table found in a workbook, with what turns its problems into cell
/// positions.
struct Placed {
    /// The name rows are read under: `site.xlsx [機器台帳]`.
    label: String,
    /// The table's CSV name, for the order of problems.
    table: &'static str,
    workbook: String,
    sheet: String,
    first_column: u32,
    headers: Option<Headers>,
}

/// The workbooks of a site folder and which sheet holds which table.
#[derive(Default)]
pub(crate) struct Sources {
    /// File name and the opened workbook (`None`: it could not be opened).
    books: Vec<(String, Option<Book>)>,
    /// (table, book index, sheet name) for every sheet that holds a table.
    claims: Vec<(&'static str, usize, String)>,
    placed: Vec<Placed>,
}

/// Where one table comes from, as far as workbooks are concerned.
pub(crate) enum FromBook {
    /// No workbook holds it.
    No,
    /// A workbook that should hold it cannot be read, or it is given twice:
    /// reported; the table is unusable.
    Broken,
    /// This sheet holds it, read under this label.
    Sheet(String, SheetRows),
}

impl Sources {
    /// Opens `site.xlsx` (or `.xlsm`, `.xls`, `.ods`) and the per-table
    /// workbooks (`devices.xlsx`, …) in `root`, reporting sheets that are
    /// hidden or match no table. An unreadable file is an I/O error.
    pub(crate) fn find(
        root: &Path,
        problems: &mut Problems,
    ) -> Result<Sources, (PathBuf, io::Error)> {
        let mut sources = Sources::default();
        let entries = fs::read_dir(root).map_err(|e| (root.to_path_buf(), e))?;
        let mut names: Vec<String> = entries
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
            .filter_map(|e| e.file_name().into_string().ok())
            .filter(|n| !n.starts_with("~$"))
            .collect();
        names.sort();
        let stem_of = |table: &str| table.trim_end_matches(".csv").to_owned();
        for name in &names {
            let lower = name.to_lowercase();
            let Some((stem, ext)) = lower.rsplit_once('.') else {
                continue;
            };
            if !EXTENSIONS.contains(&ext) {
                continue;
            }
            let per_table = SHEET_NAMES
                .iter()
                .map(|(t, _)| *t)
                .find(|t| stem_of(t) == stem);
            if stem != "site" && per_table.is_none() {
                continue;
            }
            let path = root.join(name);
            let bytes = read_capped(&path).map_err(|e| (path.clone(), e))?;
            let book = match open(name, bytes) {
                Ok(b) => b,
                Err(p) => {
                    problems.push(*p);
                    sources.books.push((name.clone(), None));
                    continue;
                }
            };
            let index = sources.books.len();
            let sheets = book.sheets();
            match per_table {
                Some(table) => {
                    let sheet = sheets
                        .iter()
                        .find(|s| table_of_sheet(&s.name) == Some(table))
                        .or_else(|| sheets.iter().find(|s| s.visible));
                    match sheet {
                        Some(s) => sources.claims.push((table, index, s.name.clone())),
                        None => problems.push(Problem::error(
                            name.as_str(),
                            None,
                            "no visible sheet: nothing to read",
                        )),
                    }
                }
                None => {
                    let mut unknown = Vec::new();
                    let mut hidden = Vec::new();
                    for s in &sheets {
                        match table_of_sheet(&s.name) {
                            Some(table) => sources.claims.push((table, index, s.name.clone())),
                            None if !s.visible => hidden.push(s.name.as_str()),
                            None if GUIDE_SHEETS.contains(&header_key(&s.name).as_str()) => {}
                            None => unknown.push(s.name.as_str()),
                        }
                    }
                    if !unknown.is_empty() {
                        problems.push(Problem::warning(
                            name.as_str(),
                            None,
                            format!(
                                "sheets that match no table are ignored: {} (sheet names are listed in docs/site-format.md, e.g. 機器台帳, セグメント, 回線)",
                                unknown.join(", ")
                            ),
                        ));
                    }
                    if !hidden.is_empty() {
                        problems.push(Problem::warning(
                            name.as_str(),
                            None,
                            format!("hidden sheets skipped: {}", hidden.join(", ")),
                        ));
                    }
                }
            }
            sources.books.push((name.clone(), Some(book)));
        }
        Ok(sources)
    }

    /// True if a workbook of the folder could not be opened: a table missing
    /// from the rest may be in it, so its absence is not reported.
    pub(crate) fn any_broken(&self) -> bool {
        self.books.iter().any(|(_, b)| b.is_none())
    }

    /// True if the folder has any workbook named like a site workbook.
    pub(crate) fn any(&self) -> bool {
        !self.books.is_empty()
    }

    /// The rows of `table` from its workbook, if one holds it; `csv` says
    /// whether the CSV file is there too (then the table is given twice).
    pub(crate) fn table(
        &mut self,
        table: &'static str,
        csv: bool,
        problems: &mut Problems,
    ) -> FromBook {
        let claims: Vec<(usize, String)> = self
            .claims
            .iter()
            .filter(|(t, _, _)| *t == table)
            .map(|(_, i, s)| (*i, s.clone()))
            .collect();
        let label = |(i, sheet): &(usize, String)| format!("{} [{sheet}]", self.books[*i].0);
        if claims.is_empty() {
            return FromBook::No;
        }
        if csv || claims.len() > 1 {
            let mut places: Vec<String> = Vec::new();
            if csv {
                places.push(table.to_owned());
            }
            places.extend(claims.iter().map(label));
            problems.push(Problem::error(
                table,
                None,
                format!(
                    "this table is given {} times: {}; keep one and delete or rename the others",
                    places.len(),
                    places.join(", ")
                ),
            ));
            return FromBook::Broken;
        }
        let (index, sheet) = &claims[0];
        let workbook = self.books[*index].0.clone();
        let Some(book) = self.books[*index].1.as_mut() else {
            return FromBook::Broken;
        };
        match book.rows(&workbook, sheet) {
            Ok(rows) => {
                let label = format!("{workbook} [{sheet}]");
                self.placed.push(Placed {
                    label: label.clone(),
                    table,
                    workbook,
                    sheet: sheet.clone(),
                    first_column: rows.first_column,
                    headers: None,
                });
                FromBook::Sheet(label, rows)
            }
            Err(p) => {
                problems.push(*p);
                FromBook::Broken
            }
        }
    }

    /// Remembers the headers read under `label`, to place later problems
    /// (references checked after reading) in their cells.
    pub(crate) fn headers(&mut self, label: &str, headers: &Headers) {
        if let Some(p) = self.placed.iter_mut().find(|p| p.label == label) {
            p.headers = Some(headers.clone());
        }
    }

    /// The table (CSV file name) whose rows were read under `label`.
    pub(crate) fn table_of_label(&self, label: &str) -> Option<&'static str> {
        self.placed
            .iter()
            .find(|p| p.label == label)
            .map(|p| p.table)
    }

    /// Rewrites problems found under a sheet's label as positions in the
    /// workbook: file, sheet and the cell's column, found by its header.
    pub(crate) fn place(&self, problems: &mut Problems) {
        for p in &mut problems.0 {
            let Some(placed) = self.placed.iter().find(|s| s.label == p.file) else {
                continue;
            };
            let column = p
                .field
                .as_deref()
                .zip(placed.headers.as_ref())
                .and_then(|(field, h)| h.column_of(field))
                .map(|i| placed.first_column + i as u32);
            *p = p
                .clone()
                .in_sheet(placed.workbook.clone(), placed.sheet.clone(), column);
        }
    }
}

/// Reads at most [`MAX_FILE_BYTES`] + 1 bytes of `path`: enough to refuse a
/// larger file without reading it all.
fn read_capped(path: &Path) -> io::Result<Vec<u8>> {
    let mut bytes = Vec::new();
    fs::File::open(path)?
        .take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)?;
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_show_as_excel_shows_them() {
        assert_eq!(number_text(12.0), "12");
        assert_eq!(number_text(-3.0), "-3");
        assert_eq!(number_text(1.5), "1.5");
        assert_eq!(number_text(1122334455.0), "1122334455");
    }

    #[test]
    fn not_workbooks_are_told_apart() {
        let msg = |b: &[u8]| match open("devices.xlsx", b.to_vec()) {
            Err(p) => p.message,
            Ok(_) => "opened".into(),
        };
        assert!(msg(b"").contains("0 bytes"));
        assert!(msg("番号,名称\n1,a\n".as_bytes()).contains("CSV"));
        assert!(msg(b"\x89PNG\r\n\x1a\n\0\0\0").contains("neither"));
        let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
        zip.start_file("readme.txt", zip::write::SimpleFileOptions::default())
            .unwrap();
        std::io::Write::write_all(&mut zip, b"hello").unwrap();
        let bytes = zip.finish().unwrap().into_inner();
        assert!(msg(&bytes).contains("not a workbook (no xl/workbook.xml"));
    }

    /// A zip whose one part inflates to `mb` MB of zeros, declaring `declared` bytes.
    fn bomb(mb: usize) -> Vec<u8> {
        let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        zip.start_file("xl/workbook.xml", options).unwrap();
        let zeros = vec![0u8; 1 << 20];
        for _ in 0..mb {
            std::io::Write::write_all(&mut zip, &zeros).unwrap();
        }
        zip.finish().unwrap().into_inner()
    }

    #[test]
    fn a_zip_bomb_is_refused_before_it_inflates() {
        let bytes = bomb(8);
        assert!(bytes.len() < 64 << 10, "{}", bytes.len());
        let Err(e) = check_zip(&bytes, 4 << 20) else {
            panic!("passed a bomb")
        };
        assert!(e.contains("zip bomb"), "{e}");
        assert!(check_zip(&bytes, 16 << 20).is_ok());
    }

    #[test]
    fn a_zip_that_lies_about_its_sizes_is_caught_inflating() {
        // Declared sizes are in the central directory: patch them to 1 byte.
        let mut bytes = bomb(8);
        let cd = memchr::memmem::rfind(&bytes, b"PK\x01\x02").unwrap();
        bytes[cd + 24..cd + 28].copy_from_slice(&1u32.to_le_bytes());
        let Err(e) = check_zip(&bytes, 4 << 20) else {
            panic!("passed a lying bomb")
        };
        assert!(e.contains("zip bomb") || e.contains("damaged"), "{e}");
    }
}
