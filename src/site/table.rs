//! Turning the bytes of one CSV file into trimmed cells with physical line
//! numbers: encoding detection, the open-quote check, header aliases, rows
//! that do not line up with the header.
//!
//! Excel is the editor our users have, so this module takes what Excel
//! writes: CP932 or UTF-8 (with or without BOM), CRLF, quoted cells holding
//! commas and line breaks, rows of nothing but commas, headers in Japanese
//! or English and in either character width.

use std::borrow::Cow;

use encoding_rs::SHIFT_JIS;

use crate::problem::{Problem, Problems};
use crate::site::model::SourceRef;
use crate::text::Word;

/// Text decoded from a site file, without its BOM.
pub(crate) fn decode(file: &str, bytes: &[u8]) -> Result<String, Box<Problem>> {
    // Excel's "Unicode テキスト" is UTF-16 with a BOM (and tabs between cells).
    if let Some((encoding, _)) = encoding_rs::Encoding::for_bom(bytes) {
        if encoding != encoding_rs::UTF_8 {
            let (text, had_errors) = encoding.decode_with_bom_removal(bytes);
            if had_errors {
                return Err(Box::new(Problem::error_said(
                    file,
                    None,
                    Word::MsgBadUtf16,
                    &[],
                )));
            }
            return Ok(text.into_owned());
        }
    }
    let (bytes, had_bom) = match bytes.strip_prefix(&[0xef, 0xbb, 0xbf]) {
        Some(rest) => (rest, true),
        None => (bytes, false),
    };
    match std::str::from_utf8(bytes) {
        Ok(text) => return Ok(text.to_owned()),
        Err(e) => {
            // A BOM, or real UTF-8 Japanese before the bad byte, says the
            // file is UTF-8 with damage; reading it as CP932 would only turn
            // the damage into mojibake.
            let valid = &bytes[..e.valid_up_to()];
            let non_ascii_chars = std::str::from_utf8(valid)
                .map(|s| s.chars().filter(|c| !c.is_ascii()).count())
                .unwrap_or(0);
            if had_bom || non_ascii_chars >= 3 {
                return Err(Box::new(Problem::error_said(
                    file,
                    Some(line_of(bytes, e.valid_up_to())),
                    Word::MsgBadUtf8,
                    &[],
                )));
            }
        }
    }
    // encoding_rs's Shift_JIS is the WHATWG one, i.e. Windows-31J/CP932
    // with NEC and IBM extensions (①, ㈱, 髙, ～): what Japanese Excel saves.
    let (text, had_errors) = SHIFT_JIS.decode_without_bom_handling(bytes);
    if had_errors {
        return Err(Box::new(Problem::error_said(
            file,
            first_cp932_error_line(bytes),
            Word::MsgNoEncoding,
            &[],
        )));
    }
    Ok(text.into_owned())
}

/// The physical line (1-based) holding byte `offset`.
fn line_of(bytes: &[u8], offset: usize) -> usize {
    LineCounter::new(bytes).line_at(offset)
}

/// The first line that does not decode as CP932. Splitting at `\n` is safe
/// because 0x0A is never a Shift_JIS trail byte.
fn first_cp932_error_line(bytes: &[u8]) -> Option<usize> {
    let mut offset = 0;
    for piece in bytes.split(|&b| b == b'\n') {
        let (_, had_errors) = SHIFT_JIS.decode_without_bom_handling(piece);
        if had_errors {
            return Some(line_of(bytes, offset));
        }
        offset += piece.len() + 1;
    }
    None
}

/// Counts physical lines up to increasing byte offsets in one pass.
/// A line ends at `\r\n`, `\n` or a lone `\r`, like the csv crate's reader.
pub(crate) struct LineCounter<'a> {
    bytes: &'a [u8],
    pos: usize,
    line: usize,
    /// Old Mac files end lines with a lone `\r`; almost none do, and without
    /// them counting `\n` alone is enough (and much faster).
    lone_cr: bool,
}

impl<'a> LineCounter<'a> {
    pub(crate) fn new(bytes: &'a [u8]) -> Self {
        let lone_cr = memchr::memchr_iter(b'\r', bytes).any(|i| bytes.get(i + 1) != Some(&b'\n'));
        LineCounter {
            bytes,
            pos: 0,
            line: 1,
            lone_cr,
        }
    }

    /// Line of `offset`; offsets must not decrease between calls.
    pub(crate) fn line_at(&mut self, offset: usize) -> usize {
        let end = offset.min(self.bytes.len());
        if end <= self.pos {
            return self.line;
        }
        let span = &self.bytes[self.pos..end];
        self.line += memchr::memchr_iter(b'\n', span).count();
        if self.lone_cr {
            self.line += memchr::memchr_iter(b'\r', span)
                .filter(|&i| self.bytes.get(self.pos + i + 1) != Some(&b'\n'))
                .count();
        }
        self.pos = end;
        self.line
    }
}

/// The line where a quoted cell opens and is never closed, if any.
///
/// The csv crate silently ends such a cell at end of file, swallowing every
/// row after it; Excel never writes that, so it means a hand edit gone wrong.
/// This follows csv-core's rules: a quote opens a quoted cell only at the
/// start of a cell (after a comma or line break), anywhere else it is a
/// literal character, and `""` inside a quoted cell is an escaped quote.
/// Only quotes matter, so we jump from quote to quote.
pub(crate) fn unterminated_quote_line(text: &str, delimiter: u8) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut i = 0;
    while let Some(q) = memchr::memchr(b'"', &bytes[i..]) {
        let open = i + q;
        let at_cell_start =
            open == 0 || matches!(bytes[open - 1], b'\r' | b'\n') || bytes[open - 1] == delimiter;
        i = open + 1;
        if !at_cell_start {
            continue;
        }
        // Inside a quoted cell: find the closing quote, skipping `""`.
        loop {
            match memchr::memchr(b'"', &bytes[i..]) {
                None => return Some(line_of(bytes, open)),
                Some(q) if bytes.get(i + q + 1) == Some(&b'"') => i += q + 2,
                Some(q) => {
                    i += q + 1;
                    break;
                }
            }
        }
    }
    None
}

/// Maps what a Japanese IME or Excel may type to one canonical width:
/// full-width ASCII to ASCII, the ideographic space to a space, and
/// half-width katakana (with its separate voicing marks) to full-width.
pub(crate) fn normalize_width(s: &str) -> Cow<'_, str> {
    if s.is_ascii() {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\u{ff01}'..='\u{ff5e}' => {
                out.push(char::from_u32(c as u32 - 0xfee0).unwrap_or(c));
            }
            '\u{3000}' => out.push(' '),
            '\u{ff9e}' | '\u{ff9f}' => {
                let voiced = c == '\u{ff9e}';
                let composed = out.pop().and_then(|prev| {
                    compose_voicing(prev, voiced).or_else(|| {
                        out.push(prev);
                        None
                    })
                });
                match composed {
                    Some(v) => out.push(v),
                    None => out.push(if voiced { '゛' } else { '゜' }),
                }
            }
            '\u{ff61}'..='\u{ff9d}' => out.push(HALFWIDTH_KANA[(c as u32 - 0xff61) as usize]),
            _ => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// Full-width forms of U+FF61..=U+FF9D, in order.
const HALFWIDTH_KANA: [char; 61] = [
    '。', '「', '」', '、', '・', 'ヲ', 'ァ', 'ィ', 'ゥ', 'ェ', 'ォ', 'ャ', 'ュ', 'ョ', 'ッ', 'ー',
    'ア', 'イ', 'ウ', 'エ', 'オ', 'カ', 'キ', 'ク', 'ケ', 'コ', 'サ', 'シ', 'ス', 'セ', 'ソ', 'タ',
    'チ', 'ツ', 'テ', 'ト', 'ナ', 'ニ', 'ヌ', 'ネ', 'ノ', 'ハ', 'ヒ', 'フ', 'ヘ', 'ホ', 'マ', 'ミ',
    'ム', 'メ', 'モ', 'ヤ', 'ユ', 'ヨ', 'ラ', 'リ', 'ル', 'レ', 'ロ', 'ワ', 'ン',
];

/// The voiced (゛) or semi-voiced (゜) form of a full-width katakana.
fn compose_voicing(base: char, voiced: bool) -> Option<char> {
    let code = base as u32;
    if voiced {
        if base == 'ウ' {
            return Some('ヴ');
        }
        // In Unicode the voiced form follows its base (カ→ガ), and the
        // semi-voiced form of ハ-row kana comes one further (ハ→パ).
        let can = matches!(
            base,
            'カ' | 'キ'
                | 'ク'
                | 'ケ'
                | 'コ'
                | 'サ'
                | 'シ'
                | 'ス'
                | 'セ'
                | 'ソ'
                | 'タ'
                | 'チ'
                | 'ツ'
                | 'テ'
                | 'ト'
                | 'ハ'
                | 'ヒ'
                | 'フ'
                | 'ヘ'
                | 'ホ'
        );
        if can {
            return char::from_u32(code + 1);
        }
    } else if matches!(base, 'ハ' | 'ヒ' | 'フ' | 'ヘ' | 'ホ') {
        return char::from_u32(code + 2);
    }
    None
}

/// A header reduced to what identifies it: width-normalised, lower case,
/// without spaces, `-`, `_`, `.` or `・`.
pub(crate) fn header_key(header: &str) -> String {
    normalize_width(header)
        .chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '-' | '_' | '.' | '・'))
        .flat_map(char::to_lowercase)
        .collect()
}

/// One column a file understands: its field name and the header spellings
/// that mean it (compared in [`header_key`] form).
pub(crate) struct ColumnSpec {
    pub(crate) field: &'static str,
    pub(crate) aliases: &'static [&'static str],
    pub(crate) required: bool,
}

/// Which cell index holds each known field, and the unknown columns.
pub(crate) struct Columns {
    /// (field, index, header as written).
    known: Vec<(&'static str, usize, String)>,
    /// (index, header as written) of columns no field claims.
    unknown: Vec<(usize, String)>,
    /// Indexes of columns whose header cell is empty.
    headerless: Vec<usize>,
}

/// The headers of one file as written, by field: for problems found after
/// reading (references), which must name the column as the user wrote it.
#[derive(Debug, Clone, Default)]
pub(crate) struct Headers(Vec<(&'static str, String, usize)>);

impl Headers {
    /// The header of `field` as written; the field name if the file has none.
    pub(crate) fn get(&self, field: &'static str) -> &str {
        self.0
            .iter()
            .find(|(f, _, _)| *f == field)
            .map_or(field, |(_, h, _)| h.as_str())
    }

    /// The index of the column headed `header` (as written), counting from
    /// the first cell of the header row.
    pub(crate) fn column_of(&self, header: &str) -> Option<usize> {
        self.0
            .iter()
            .find(|(_, h, _)| h == header)
            .map(|(_, _, i)| *i)
    }
}

impl Columns {
    fn headers(&self) -> Headers {
        Headers(
            self.known
                .iter()
                .map(|(f, i, h)| (*f, h.clone(), *i))
                .collect(),
        )
    }

    fn index(&self, field: &str) -> Option<(usize, &str)> {
        self.known
            .iter()
            .find(|(f, _, _)| *f == field)
            .map(|(_, i, h)| (*i, h.as_str()))
    }
}

/// A cell trimmed, and unwrapped from `="…"`: the form tools write so that
/// Excel keeps leading zeros (`="0012"`, `="001A2B3C4D5E"`).
pub(crate) fn clean_cell(cell: &str) -> &str {
    let cell = cell.trim();
    match cell.strip_prefix("=\"").and_then(|c| c.strip_suffix('"')) {
        Some(inner) if !inner.contains('"') => inner.trim(),
        _ => cell,
    }
}

/// One data row: its physical line and its cells.
pub(crate) struct Row<'a> {
    /// File name, e.g. `devices.csv`.
    pub(crate) file: &'a str,
    /// Physical line where the row starts.
    pub(crate) line: usize,
    record: &'a csv::StringRecord,
    /// Which cells a workbook typed as numbers (empty for CSV).
    numbers: &'a [bool],
    columns: &'a Columns,
}

impl<'a> Row<'a> {
    /// The trimmed cell of `field`; empty when the column or cell is absent.
    pub(crate) fn text(&self, field: &str) -> &'a str {
        self.columns
            .index(field)
            .and_then(|(i, _)| self.record.get(i))
            .map_or("", clean_cell)
    }

    /// True if a workbook stored the cell of `field` as a number (never for CSV).
    pub(crate) fn was_number(&self, field: &str) -> bool {
        self.columns
            .index(field)
            .and_then(|(i, _)| self.numbers.get(i))
            .copied()
            .unwrap_or(false)
    }

    /// The trimmed cell of `field`, `None` when empty.
    pub(crate) fn opt(&self, field: &str) -> Option<&'a str> {
        Some(self.text(field)).filter(|s| !s.is_empty())
    }

    /// The header of `field` as the file writes it (the field name if absent).
    pub(crate) fn header(&self, field: &'static str) -> &'a str {
        self.columns.index(field).map_or(field, |(_, h)| h)
    }

    /// Where this row's record comes from, for the record's `at`.
    pub(crate) fn source(&self) -> SourceRef {
        SourceRef {
            file: self.file.to_owned(),
            line: self.line,
        }
    }

    /// An error about the cell of `field`.
    pub(crate) fn error(&self, field: &'static str, value: &str, message: &str) -> Problem {
        Problem::error(self.file, Some(self.line), message).at_cell(self.header(field), value)
    }

    /// An error about the cell of `field`, said in both languages.
    pub(crate) fn error_said(
        &self,
        field: &'static str,
        value: &str,
        word: Word,
        values: &[&dyn std::fmt::Display],
    ) -> Problem {
        self.error(field, value, "").said(word, values)
    }

    /// A warning about the cell of `field`, said in both languages.
    pub(crate) fn warning_said(
        &self,
        field: &'static str,
        value: &str,
        word: Word,
        values: &[&dyn std::fmt::Display],
    ) -> Problem {
        self.warning(field, value, "").said(word, values)
    }

    /// A warning about the cell of `field`.
    pub(crate) fn warning(&self, field: &'static str, value: &str, message: &str) -> Problem {
        Problem::warning(self.file, Some(self.line), message).at_cell(self.header(field), value)
    }

    /// The `notes` cell followed by every non-empty unknown column as
    /// `header: value` lines, so nothing staff wrote is lost.
    pub(crate) fn notes_with_unknown(&self, notes_field: &str) -> String {
        let mut notes = self.text(notes_field).to_owned();
        for (i, header) in &self.columns.unknown {
            let value = self.record.get(*i).map_or("", clean_cell);
            if !value.is_empty() {
                if !notes.is_empty() {
                    notes.push('\n');
                }
                notes.push_str(header);
                notes.push_str(": ");
                notes.push_str(value);
            }
        }
        notes
    }
}

/// Reads `text` as CSV with the columns of `spec`, calling `each` for every
/// non-empty data row that lines up with the header (the others are errors
/// in `problems`, see [`misfit_row`]). Header problems and the open quote go to `problems`;
/// when a required column is missing no row is read and `None` is returned.
/// `keeps_unknown` says whether unknown columns end up in notes (else they
/// are ignored).
pub(crate) fn read_rows(
    file: &str,
    input: Input<'_>,
    spec: &[ColumnSpec],
    keeps_unknown: bool,
    problems: &mut Problems,
    each: impl FnMut(&Row<'_>),
) -> Option<Headers> {
    match input {
        Input::Csv(text) => read_csv_rows(file, text, spec, keeps_unknown, problems, each),
        Input::Sheet(sheet) => {
            let mut source = SheetSource {
                rows: sheet.rows.iter(),
                numbers: &[],
            };
            read_records(file, &mut source, spec, keeps_unknown, problems, each)
        }
    }
}

/// Where [`read_records`] takes its rows from.
trait RowSource {
    /// Fills `record` with the next row that has a non-empty cell and
    /// gives its line (CSV) or row number (workbook).
    fn next(&mut self, record: &mut csv::StringRecord) -> Option<usize>;
    /// Which cells of the last row were numbers (empty for CSV).
    fn numbers(&self) -> &[bool];
    /// True for a sheet: title rows above the header are what workbooks
    /// have, and are skipped without a warning.
    fn is_sheet(&self) -> bool;
}

struct SheetSource<'a> {
    rows: std::slice::Iter<'a, SheetRow>,
    numbers: &'a [bool],
}

impl RowSource for SheetSource<'_> {
    fn next(&mut self, record: &mut csv::StringRecord) -> Option<usize> {
        let r = self.rows.next()?;
        record.clone_from(&r.cells);
        self.numbers = &r.numbers;
        Some(r.row)
    }
    fn numbers(&self) -> &[bool] {
        self.numbers
    }
    fn is_sheet(&self) -> bool {
        true
    }
}

struct CsvSource<'a> {
    reader: csv::Reader<&'a [u8]>,
    lines: LineCounter<'a>,
    text: &'a str,
    /// Why reading stopped early, if it did.
    failed: Option<csv::Error>,
}

impl RowSource for CsvSource<'_> {
    fn next(&mut self, record: &mut csv::StringRecord) -> Option<usize> {
        loop {
            match self.reader.read_record(record) {
                Ok(true) => {}
                Ok(false) => return None,
                Err(e) => {
                    self.failed = Some(e);
                    return None;
                }
            }
            if record.iter().all(|c| c.trim().is_empty()) {
                continue;
            }
            let start = record.position().map_or(0, |p| p.byte() as usize);
            return Some(
                self.lines
                    .line_at(first_content_offset(self.text.as_bytes(), start)),
            );
        }
    }
    fn numbers(&self) -> &[bool] {
        &[]
    }
    fn is_sheet(&self) -> bool {
        false
    }
}

/// What a table is read from: CSV text, or the rows of a workbook's sheet.
#[derive(Clone, Copy)]
pub(crate) enum Input<'a> {
    /// Decoded CSV (or tab-separated) text.
    Csv(&'a str),
    /// A sheet's rows, as the workbook reader turned them into text.
    Sheet(&'a SheetRows),
}

/// One row of a sheet: its number as Excel shows it and its cells as text.
pub(crate) struct SheetRow {
    /// Row number, 1-based, as Excel shows it.
    pub(crate) row: usize,
    /// Cells from the sheet's first used column on.
    pub(crate) cells: csv::StringRecord,
    /// Which cells were typed as numbers (empty when none were).
    pub(crate) numbers: Vec<bool>,
}

/// The used rows of one sheet, empty rows left out.
#[derive(Default)]
pub(crate) struct SheetRows {
    /// Rows in order.
    pub(crate) rows: Vec<SheetRow>,
    /// Index (0 = column A) of the sheet's first used column.
    pub(crate) first_column: u32,
}

fn read_csv_rows(
    file: &str,
    text: &str,
    spec: &[ColumnSpec],
    keeps_unknown: bool,
    problems: &mut Problems,
    each: impl FnMut(&Row<'_>),
) -> Option<Headers> {
    let delimiter = delimiter_of(text);
    if let Some(line) = unterminated_quote_line(text, delimiter) {
        problems.push(Problem::error_said(
            file,
            Some(line),
            Word::MsgOpenQuote,
            &[],
        ));
        return None;
    }
    let reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut source = CsvSource {
        reader,
        lines: LineCounter::new(text.as_bytes()),
        text,
        failed: None,
    };
    let mut found = Problems::default();
    let headers = read_records(file, &mut source, spec, keeps_unknown, &mut found, each);
    problems.0.append(&mut found.0);
    if let Some(e) = source.failed {
        // Only invalid UTF-8 can fail here, and the text is a str.
        problems.push(Problem::error_said(
            file,
            None,
            Word::MsgUnreadableCsv,
            &[&e],
        ));
        return None;
    }
    headers
}

/// The shared part of reading a table: finds the header row (title rows
/// above it skipped), maps its headers, and calls `each` for every data row
/// that lines up with it.
fn read_records(
    file: &str,
    source: &mut dyn RowSource,
    spec: &[ColumnSpec],
    keeps_unknown: bool,
    problems: &mut Problems,
    mut each: impl FnMut(&Row<'_>),
) -> Option<Headers> {
    let mut record = csv::StringRecord::new();
    let mut columns: Option<Columns> = None;
    // Cells in the header row, and up to its last non-empty one: a data row
    // needs a cell under every named header, and may run on past the header
    // row only with empty cells (Excel pads rows to the widest one).
    let mut header_width = 0;
    let mut named_width = 0;
    // Rows with a value under no header: how many, and the first one.
    let mut orphans: (usize, Option<(usize, String)>) = (0, None);
    let mut above_header: Vec<(usize, csv::StringRecord)> = Vec::new();
    while let Some(line) = source.next(&mut record) {
        let numbers = source.numbers();
        match &columns {
            None if !has_required_columns(&record, spec) => {
                if above_header.len() == MAX_ROWS_ABOVE_HEADER {
                    // No header in sight: report against the first row.
                    let (line, first) = &above_header[0];
                    map_header(file, *line, first, spec, keeps_unknown, problems);
                    return None;
                }
                // Perhaps a title row ("資産台帳 2026年度") above the header.
                above_header.push((line, record.clone()));
            }
            None => {
                if let Some((first, _)) = above_header.first().filter(|_| !source.is_sheet()) {
                    let word = if above_header.len() == 1 {
                        Word::MsgRowAboveHeader
                    } else {
                        Word::MsgRowsAboveHeader
                    };
                    problems.push(Problem::warning_said(
                        file,
                        Some(*first),
                        word,
                        &[&above_header.len(), &line],
                    ));
                }
                header_width = record.len();
                named_width = used_width(&record);
                match map_header(file, line, &record, spec, keeps_unknown, problems) {
                    Some(c) => columns = Some(c),
                    None => return None,
                }
            }
            Some(cols) => {
                if let Some(problem) = misfit_row(file, line, &record, named_width, header_width) {
                    // Its cells sit under the wrong headers: reading them
                    // would only add wrong values and false problems.
                    problems.push(problem);
                    continue;
                }
                let orphan = record
                    .iter()
                    .enumerate()
                    .filter(|(i, _)| cols.headerless.contains(i))
                    .map(|(_, c)| c.trim())
                    .find(|c| !c.is_empty());
                if let Some(value) = orphan {
                    orphans.0 += 1;
                    orphans.1.get_or_insert_with(|| (line, value.to_owned()));
                }
                each(&Row {
                    file,
                    line,
                    record: &record,
                    numbers,
                    columns: cols,
                });
            }
        }
    }
    if let (count, Some((line, value))) = orphans {
        problems.push(
            Problem::warning_said(
                file,
                Some(line),
                if count == 1 {
                    Word::MsgOrphanCell
                } else {
                    Word::MsgOrphanCells
                },
                &[&count],
            )
            .at_cell("(no header)", value),
        );
    }
    match columns {
        Some(c) => Some(c.headers()),
        // No row had the required columns: report against the first row.
        None if !above_header.is_empty() => {
            let (line, first) = &above_header[0];
            map_header(file, *line, first, spec, keeps_unknown, problems);
            None
        }
        None => {
            problems.push(Problem::error(file, None, "").said_each(
                Word::MsgNoHeaderRow,
                &[&expected(spec, false)],
                &[&expected_ja(spec)],
            ));
            None
        }
    }
}

/// The error for a data row whose cells do not line up with the header
/// row: fewer cells than named headers (a cell left out, so every later cell
/// slides one header left), or a non-empty cell past the header row (an
/// unquoted comma splitting a cell). `None` for a row that fits.
fn misfit_row(
    file: &str,
    line: usize,
    record: &csv::StringRecord,
    named_width: usize,
    header_width: usize,
) -> Option<Problem> {
    if record.len() < named_width {
        return Some(Problem::error(file, Some(line), "").said_each(
            Word::MsgCellMissing,
            &[&count(record.len(), "cell"), &count(named_width, "header")],
            &[&record.len(), &named_width],
        ));
    }
    let used = used_width(record);
    if used > header_width {
        return Some(Problem::error(file, Some(line), "").said_each(
            Word::MsgCellPastEnd,
            &[&count(used, "cell"), &count(header_width, "header")],
            &[&used, &header_width],
        ));
    }
    None
}

/// Cells up to and including the last non-empty one.
fn used_width(record: &csv::StringRecord) -> usize {
    (0..record.len())
        .rev()
        .find(|&i| record.get(i).is_some_and(|c| !c.trim().is_empty()))
        .map_or(0, |i| i + 1)
}

/// `1 cell`, `10 cells`.
fn count(n: usize, noun: &str) -> String {
    format!("{n} {noun}{}", if n == 1 { "" } else { "s" })
}

/// `\t` for tab-separated text (Excel's "テキスト (タブ区切り)" and
/// "Unicode テキスト"), else `,`: whichever is commoner in the first lines.
fn delimiter_of(text: &str) -> u8 {
    let head: Vec<&str> = text
        .lines()
        .filter(|l| !l.trim().is_empty())
        .take(MAX_ROWS_ABOVE_HEADER + 1)
        .collect();
    let count = |c: char| head.iter().map(|l| l.matches(c).count()).sum::<usize>();
    if count('\t') > count(',') {
        b'\t'
    } else {
        b','
    }
}

/// How many rows above the header (titles, dates, blank-looking rows) are
/// looked through for a row with the required columns.
const MAX_ROWS_ABOVE_HEADER: usize = 5;

/// True if the row has a header cell for every required column of `spec`.
fn has_required_columns(record: &csv::StringRecord, spec: &[ColumnSpec]) -> bool {
    let keys: Vec<String> = record.iter().map(header_key).collect();
    spec.iter().filter(|c| c.required).all(|c| {
        keys.iter()
            .any(|k| *k == c.field || c.aliases.iter().any(|a| header_key(a) == *k))
    })
}

/// The first byte at or after `start` that is not a line break: where the
/// record's text begins even if the reader counts skipped blank lines into it.
fn first_content_offset(bytes: &[u8], start: usize) -> usize {
    let mut i = start;
    while i < bytes.len() && matches!(bytes[i], b'\r' | b'\n') {
        i += 1;
    }
    i
}

/// The accepted headers of the spec's columns, for error messages.
fn expected(spec: &[ColumnSpec], required_only: bool) -> String {
    spec.iter()
        .filter(|c| c.required || !required_only)
        .map(|c| c.field)
        .collect::<Vec<_>>()
        .join(", ")
}

/// The Japanese header of a column: its first alias in Japanese, else its
/// field name.
pub(crate) fn japanese_header(c: &ColumnSpec) -> &'static str {
    c.aliases
        .iter()
        .copied()
        .find(|a| !a.is_ascii())
        .unwrap_or(c.field)
}

/// The columns of the spec by their Japanese headers, for messages in Japanese.
fn expected_ja(spec: &[ColumnSpec]) -> String {
    spec.iter()
        .map(japanese_header)
        .collect::<Vec<_>>()
        .join("、")
}

fn map_header(
    file: &str,
    line: usize,
    record: &csv::StringRecord,
    spec: &[ColumnSpec],
    keeps_unknown: bool,
    problems: &mut Problems,
) -> Option<Columns> {
    let mut columns = Columns {
        known: Vec::new(),
        unknown: Vec::new(),
        headerless: Vec::new(),
    };
    for (i, cell) in record.iter().enumerate() {
        let written = cell.trim();
        if written.is_empty() {
            columns.headerless.push(i);
            continue;
        }
        let key = header_key(written);
        let field = spec
            .iter()
            .find(|c| c.field == key || c.aliases.iter().any(|a| header_key(a) == key));
        match field {
            Some(c) => {
                if let Some((_, _, first)) = columns.known.iter().find(|(f, _, _)| *f == c.field) {
                    let word = if keeps_unknown {
                        Word::MsgSameColumnKept
                    } else {
                        Word::MsgSameColumnIgnored
                    };
                    problems.push(Problem::warning_said(
                        file,
                        Some(line),
                        word,
                        &[&written, first],
                    ));
                    columns.unknown.push((i, written.to_owned()));
                } else {
                    columns.known.push((c.field, i, written.to_owned()));
                }
            }
            None => {
                let word = if keeps_unknown {
                    Word::MsgUnknownColumnKept
                } else {
                    Word::MsgUnknownColumnIgnored
                };
                problems.push(Problem::warning(file, Some(line), "").said_each(
                    word,
                    &[&written, &expected(spec, false)],
                    &[&written, &expected_ja(spec)],
                ));
                columns.unknown.push((i, written.to_owned()));
            }
        }
    }
    let mut ok = true;
    for c in spec.iter().filter(|c| c.required) {
        if columns.index(c.field).is_none() {
            let mut names = vec![c.field];
            names.extend(c.aliases.iter().filter(|a| **a != c.field));
            problems.push(Problem::error(file, Some(line), "").said_each(
                Word::MsgNoColumn,
                &[&c.field, &names.join(", ")],
                &[&japanese_header(c), &names.join("、")],
            ));
            ok = false;
        }
    }
    ok.then_some(columns)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn width_normalisation_covers_fullwidth_ascii_and_halfwidth_kana() {
        assert_eq!(normalize_width("ＩＰアドレス"), "IPアドレス");
        assert_eq!(normalize_width("ﾍﾞﾝﾀﾞｰ"), "ベンダー");
        assert_eq!(normalize_width("ﾌﾟﾘﾝﾀ"), "プリンタ");
        assert_eq!(normalize_width("ｻｰﾊﾞ"), "サーバ");
        assert_eq!(header_key(" ＭＡＣ　アドレス "), "macアドレス");
        assert_eq!(header_key("E-Mail"), "email");
    }

    #[test]
    fn open_quote_is_found_on_its_line() {
        assert_eq!(
            unterminated_quote_line("a,b\r\n1,\"x\r\ny\"\r\n2,\"z\r\n3,4\r\n", b','),
            Some(4)
        );
        assert_eq!(
            unterminated_quote_line("a,b\n1,\"x \"\"q\"\" y\"\n", b','),
            None
        );
        assert_eq!(unterminated_quote_line("a,b\n1,x\"y\n", b','), None);
        assert_eq!(unterminated_quote_line("a,\"\"\n\"x\"\"\"\n", b','), None);
        assert_eq!(unterminated_quote_line("\"\"\"\"\n", b','), None);
        assert_eq!(unterminated_quote_line("a\n\"\"\"\n", b','), Some(2));
        assert_eq!(
            unterminated_quote_line("a\r\nb\r\n\"x\"\"\r\nc\r\n", b','),
            Some(3)
        );
        assert_eq!(unterminated_quote_line("\"a\"x\"y\n", b','), None);
        assert_eq!(unterminated_quote_line("\"a\",\"b\r\n", b','), Some(1));
    }

    #[test]
    fn lines_count_crlf_lf_and_lone_cr() {
        let mut c = LineCounter::new(b"a\r\nb\nc\rd");
        assert_eq!(c.line_at(0), 1);
        assert_eq!(c.line_at(3), 2);
        assert_eq!(c.line_at(5), 3);
        assert_eq!(c.line_at(7), 4);
    }
}
