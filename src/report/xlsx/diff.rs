//! `koseizu diff --format xlsx`: the changes between two scans as a
//! workbook, the CSV's columns in a sheet of their own after a summary.

use std::io::{self, Write};

use super::{Book, Cell};
use crate::inventory::audit::SnapshotSummary;
use crate::inventory::diff::SnapshotDiff;
use crate::report::diff::{detail_text, kind_title};
use crate::site::Lang;
use crate::text::Word;

fn scan_text(s: &SnapshotSummary, lang: Lang) -> String {
    let scopes: Vec<String> = s.scopes.iter().map(|n| n.to_string()).collect();
    let mut text = format!(
        "{}  {}  {}  {} {}",
        s.started.format("%Y-%m-%d %H:%M UTC"),
        s.interface,
        scopes.join(", "),
        Word::AuditHostsFound.get(lang),
        s.hosts
    );
    if s.partial {
        text.push_str(Word::DiffPartialMark.get(lang));
    }
    text
}

/// Writes the diff as a workbook: a summary sheet, then one row per change.
pub fn write(d: &SnapshotDiff, lang: Lang, w: &mut dyn Write) -> io::Result<()> {
    let mut book = Book::new();
    {
        let mut s = book.sheet(
            Word::ExcelSheetSummary.get(lang),
            &[Word::ExcelColItem.get(lang), Word::ExcelColValue.get(lang)],
        )?;
        s.row(&[
            Cell::text(Word::DiffOlder.get(lang)),
            Cell::owned(scan_text(&d.old, lang)),
        ])?;
        s.row(&[
            Cell::text(Word::DiffNewer.get(lang)),
            Cell::owned(scan_text(&d.new, lang)),
        ])?;
        if d.new.partial {
            s.row(&[Cell::Empty, Cell::text(Word::DiffNewerPartial.get(lang))])?;
        }
        if d.old.partial {
            s.row(&[Cell::Empty, Cell::text(Word::DiffOlderPartial.get(lang))])?;
        }
        let mut kinds: Vec<(Word, usize)> = Vec::new();
        for c in &d.changes {
            let k = kind_title(c);
            match kinds.iter_mut().find(|(w, _)| *w == k) {
                Some((_, n)) => *n += 1,
                None => kinds.push((k, 1)),
            }
        }
        if kinds.is_empty() {
            s.row(&[Cell::Empty, Cell::text(Word::DiffNoChanges.get(lang))])?;
        }
        for (k, n) in kinds {
            s.row(&[Cell::text(k.get(lang)), Cell::Number(n as f64)])?;
        }
    }
    let headers = [
        Word::DiffColChange,
        Word::DiffColKind,
        Word::DiffColIp,
        Word::DiffColMac,
        Word::DiffColVendor,
        Word::DiffColHostName,
        Word::DiffColDevice,
        Word::DiffColName,
        Word::DiffColDetail,
    ]
    .map(|w| w.get(lang));
    {
        let mut s = book.sheet(Word::DiffTitle.get(lang), &headers)?;
        for c in &d.changes {
            let h = c.host();
            s.row(&[
                Cell::text(c.kind_name()),
                Cell::text(kind_title(c).get(lang)),
                Cell::owned(h.ip.to_string()),
                Cell::opt_owned(h.mac.map(|m| m.to_string())),
                Cell::opt(h.vendor.as_deref()),
                Cell::opt(h.hostname.as_deref()),
                Cell::opt(h.device.as_deref()),
                Cell::opt(h.device_name.as_deref()),
                Cell::owned(detail_text(c, lang)),
            ])?;
        }
    }
    book.write(w)
}
