//! CSV that Excel opens safely: UTF-8 with a BOM, CRLF line ends, and every
//! cell that Excel would read as a formula turned into plain text.
//!
//! Japanese Excel reads a BOM-less CSV as CP932 and garbles UTF-8, so the BOM
//! is written first. A cell beginning with `=`, `+`, `-` or `@` (or a tab or
//! carriage return, which Excel strips before looking) is evaluated as a
//! formula: a vendor string such as `=HYPERLINK("http://…","click")` taken from
//! a network answer would run in the IT office's spreadsheet (CSV injection).
//! Such cells get a leading apostrophe, which Excel shows as text and hides.
//! Leading spaces do not protect a cell, so they are looked through; the
//! full-width forms (`＝`, `＋`, `－`, `＠`) that a Japanese IME produces are
//! neutralised too, as some Excel versions convert them.

use std::io::{self, Write};

use crate::text::clean::csv_cell;

/// The UTF-8 byte-order mark Excel needs to detect UTF-8.
pub const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";

/// True if Excel could take `cell` as a formula (the one policy's rule).
pub use crate::text::clean::is_formula_like;

/// A CSV writer for Excel: BOM, CRLF, formula-like cells neutralised.
pub struct ExcelCsvWriter<W: Write> {
    inner: csv::Writer<W>,
}

impl<W: Write> ExcelCsvWriter<W> {
    /// Starts a CSV file on `out`, writing the BOM at once.
    pub fn new(mut out: W) -> io::Result<Self> {
        out.write_all(UTF8_BOM)?;
        let inner = csv::WriterBuilder::new()
            .terminator(csv::Terminator::CRLF)
            .quote_style(csv::QuoteStyle::Necessary)
            .from_writer(out);
        Ok(ExcelCsvWriter { inner })
    }

    /// Writes one row; every cell goes through [`csv_cell`] (formula-like cells as text).
    pub fn write_row<I, S>(&mut self, cells: I) -> io::Result<()>
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        let row: Vec<String> = cells
            .into_iter()
            .map(|c| csv_cell(c.as_ref()).into_owned())
            .collect();
        self.inner.write_record(&row).map_err(csv_to_io)
    }

    /// Flushes and gives back the underlying writer.
    pub fn finish(self) -> io::Result<W> {
        self.inner
            .into_inner()
            .map_err(|e| io::Error::other(e.error().to_string()))
    }
}

fn csv_to_io(e: csv::Error) -> io::Error {
    match e.into_kind() {
        csv::ErrorKind::Io(e) => e,
        other => io::Error::other(format!("{other:?}")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(rows: &[&[&str]]) -> Vec<u8> {
        let mut w = ExcelCsvWriter::new(Vec::new()).unwrap();
        for r in rows {
            w.write_row(r.iter()).unwrap();
        }
        w.finish().unwrap()
    }

    fn read_back(bytes: &[u8]) -> Vec<Vec<String>> {
        let mut r = csv::ReaderBuilder::new()
            .has_headers(false)
            .from_reader(bytes);
        r.records()
            .map(|rec| rec.unwrap().iter().map(str::to_owned).collect())
            .collect()
    }

    #[test]
    fn bom_and_crlf() {
        let out = write(&[&["a", "b"], &["c", "d"]]);
        assert!(out.starts_with(UTF8_BOM));
        assert_eq!(&out[3..], b"a,b\r\nc,d\r\n");
    }

    #[test]
    fn formula_cells_come_back_as_text() {
        let hyperlink = "=HYPERLINK(\"http://evil.example/\",\"click\")";
        let cells = [
            hyperlink, "+1+1", "-2+3", "@SUM(A1)", "\t=1", "\r=1", "  =1", "＝1", "plain", "a=b",
            "",
        ];
        let out = write(&[&cells]);
        let back = read_back(&out);
        assert_eq!(back.len(), 1);
        let row = &back[0];
        for (orig, got) in cells.iter().zip(row) {
            if ["plain", "a=b", ""].contains(orig) {
                assert_eq!(got, orig);
            } else {
                assert_eq!(got, &format!("'{orig}"), "{orig:?}");
            }
        }
    }

    #[test]
    fn japanese_and_quotes_round_trip() {
        let out = write(&[&["電子カルテ \"本番\"", "a,b", "改行\r\nあり"]]);
        let back = read_back(&out);
        assert_eq!(back[0], vec!["電子カルテ \"本番\"", "a,b", "改行\r\nあり"]);
    }
}
