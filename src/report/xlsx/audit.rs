//! The audit report as a workbook (`audit --xlsx`): a summary sheet and a
//! sheet per section. Unregistered devices are laid out in the ledger's own
//! columns (paste them into 機器台帳), evidence and open ports in their own.

use std::io::{self, Write};

use super::{ledger_headers, Book, Cell};
use crate::inventory::audit::{AuditReport, DeviceRef, SeenHost};
use crate::inventory::evidence::Confidence;
use crate::report::audit::{
    hours_not_checked_note, internal_router_note, mismatch_cells, mismatch_line, placement_label,
    remote_control_note, what_to_do,
};
use crate::report::evidence::{evidence_label, sourced_evidence_labels};
use crate::site::Lang;
use crate::snapshot::{ExternalEvidence, OpenPort, Proto};
use crate::text::clean::terminal;
use crate::text::time::TimeZone;
use crate::text::Word;

fn confidence(c: Confidence, lang: Lang) -> &'static str {
    match c {
        Confidence::Confirmed => Word::AuditConfirmed.get(lang),
        Confidence::Likely => Word::AuditLikely.get(lang),
        Confidence::Possible => Word::AuditPossible.get(lang),
    }
}

fn evidence(e: &[ExternalEvidence], lang: Lang) -> String {
    e.iter()
        .map(|e| evidence_label(e, lang))
        .collect::<Vec<_>>()
        .join("\n")
}

fn ports(p: &[OpenPort]) -> String {
    p.iter()
        .map(|p| {
            let proto = match p.proto {
                Proto::Tcp => "tcp",
                Proto::Udp => "udp",
            };
            match &p.service {
                Some(s) => format!("{proto}/{} {s}", p.port),
                None => format!("{proto}/{}", p.port),
            }
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// Device columns: id, name, kind.
fn device<'a>(d: Option<&'a DeviceRef>, lang: Lang) -> [Cell<'a>; 3] {
    match d {
        Some(d) => [
            Cell::text(&d.id),
            Cell::text(&d.name),
            Cell::text(d.kind.label(lang)),
        ],
        None => [Cell::Empty, Cell::Empty, Cell::Empty],
    }
}

/// Host columns: IP, MAC, MAC vendor, host name, segment.
fn host(h: &SeenHost) -> [Cell<'_>; 5] {
    [
        Cell::owned(h.ip.to_string()),
        Cell::opt_owned(h.mac.map(|m| m.to_string())),
        Cell::opt(h.vendor.as_deref()),
        Cell::opt(h.hostname.as_deref()),
        Cell::opt(h.segment.as_deref()),
    ]
}

fn headers(lang: Lang, words: &[Word]) -> Vec<&'static str> {
    words.iter().map(|w| w.get(lang)).collect()
}

const DEVICE_COLS: [Word; 3] = [Word::ExcelColId, Word::ExcelColName, Word::ExcelColKind];
const HOST_COLS: [Word; 5] = [
    Word::ExcelColSeenIp,
    Word::ExcelColSeenMac,
    Word::ExcelColMacVendor,
    Word::ExcelColHostName,
    Word::ExcelColSegment,
];

/// Writes the audit report as a workbook (times in Asia/Tokyo).
pub fn write(r: &AuditReport, lang: Lang, w: &mut dyn Write) -> io::Result<()> {
    write_in(r, lang, &TimeZone::default(), w)
}

/// Writes the audit report as a workbook, times in `tz` (the site's
/// `timezone`).
pub fn write_in(r: &AuditReport, lang: Lang, tz: &TimeZone, w: &mut dyn Write) -> io::Result<()> {
    let mut book = Book::new();
    summary(&mut book, r, lang)?;

    {
        let mut cols = vec![Word::ExcelColConfidence];
        cols.extend(DEVICE_COLS);
        cols.extend(HOST_COLS);
        cols.extend([
            Word::ExcelColEvidence,
            Word::ExcelColOpenPorts,
            Word::ExcelColWhatToDo,
        ]);
        let mut s = book.sheet(Word::ExcelSheetUndeclared.get(lang), &headers(lang, &cols))?;
        for u in &r.undeclared_external {
            let mut cells = vec![Cell::text(confidence(u.confidence, lang))];
            cells.extend(device(u.device.as_ref(), lang));
            cells.extend(host(&u.host));
            cells.extend([
                // Each piece of evidence with the source that saw it
                // (capture, nmap, …) where that was not the scan.
                Cell::owned(
                    sourced_evidence_labels(&u.evidence, &u.evidence_sources, lang).join("\n"),
                ),
                Cell::owned(ports(&u.host.ports)),
                Cell::text(what_to_do(1, lang)),
            ]);
            s.row(&cells)?;
        }
    }
    if !r.outside_hours.is_empty() || !r.hours_not_checked.is_empty() {
        outside_hours(&mut book, r, lang, tz)?;
    }
    {
        let mut cols: Vec<&str> = ledger_headers(lang).to_vec();
        cols.extend(headers(
            lang,
            &[
                Word::ExcelColHostName,
                Word::ExcelColEvidence,
                Word::ExcelColOpenPorts,
                Word::ExcelColSwitchPort,
                Word::ExcelColDetail,
                Word::ExcelColWhatToDo,
            ],
        ));
        let mut s = book.sheet(Word::ExcelSheetUnregistered.get(lang), &cols)?;
        for u in &r.unregistered {
            let h = &u.host;
            let mut detail = Vec::new();
            if u.randomised_mac {
                detail.push(Word::AuditRandomisedMacShort.get(lang).to_string());
            }
            if let Some(d) = &u.ip_recorded_for {
                detail.push(format!(
                    "{} {}",
                    Word::AuditLedgerDeviceAtThisIp.get(lang),
                    d.id
                ));
            }
            // The ledger's columns: id, name and kind are for staff to fill
            // in; the maker (from the MAC) goes under the ledger's maker.
            let cells = [
                Cell::Empty,
                Cell::Empty,
                Cell::Empty,
                Cell::opt_owned(h.mac.map(|m| m.to_string())),
                Cell::owned(h.ip.to_string()),
                Cell::opt(h.segment.as_deref()),
                Cell::Empty,
                Cell::Empty,
                Cell::opt(h.vendor.as_deref()),
                Cell::Empty,
                Cell::Empty,
                Cell::opt(h.hostname.as_deref()),
                Cell::owned(evidence(&u.external, lang)),
                Cell::owned(ports(&h.ports)),
                // Where `koseizu poll` placed it: switch, port, VLAN.
                Cell::opt_owned(h.plugged_in.as_ref().map(|p| placement_label(p, lang))),
                Cell::owned(detail.join("\n")),
                Cell::text(what_to_do(2, lang)),
            ];
            s.row(&cells)?;
        }
    }
    {
        let mut cols: Vec<Word> = DEVICE_COLS.to_vec();
        cols.extend([
            Word::ExcelColIp,
            Word::ExcelColMac,
            Word::ExcelColSegment,
            Word::ExcelColDetail,
            Word::ExcelColWhatToDo,
        ]);
        let mut s = book.sheet(Word::ExcelSheetUnseen.get(lang), &headers(lang, &cols))?;
        for u in &r.unseen {
            let d = &u.device;
            let mut cells: Vec<Cell<'_>> = device(Some(d), lang).to_vec();
            let detail = if u.perimeter_of.is_empty() {
                String::new()
            } else {
                format!(
                    "{}: {}",
                    Word::AuditPerimeterDevice.get(lang),
                    u.perimeter_of.join(", ")
                )
            };
            cells.extend([
                Cell::opt_owned(d.ip.map(|i| i.to_string())),
                Cell::opt_owned(d.mac.map(|m| m.to_string())),
                Cell::opt(d.segment.as_deref()),
                Cell::owned(detail),
                Cell::text(what_to_do(3, lang)),
            ]);
            s.row(&cells)?;
        }
    }
    {
        let mut cols: Vec<Word> = DEVICE_COLS.to_vec();
        cols.extend([
            Word::ExcelColSeenIp,
            Word::ExcelColSeenMac,
            Word::ExcelColSegment,
            Word::ExcelColDetail,
            Word::ExcelColWhatToDo,
        ]);
        let mut s = book.sheet(Word::ExcelSheetMismatch.get(lang), &headers(lang, &cols))?;
        for m in &r.mismatches {
            let (dev, ip, mac, seg) = mismatch_cells(m);
            let mut cells: Vec<Cell<'_>> = device(dev, lang).to_vec();
            cells.extend([
                Cell::owned(ip),
                Cell::opt_owned(mac),
                Cell::opt_owned(seg),
                Cell::owned(mismatch_line(m, lang)),
                Cell::text(what_to_do(4, lang)),
            ]);
            s.row(&cells)?;
        }
    }
    {
        let mut cols: Vec<Word> = DEVICE_COLS.to_vec();
        cols.extend(HOST_COLS);
        cols.extend([
            Word::ExcelColOpenPorts,
            Word::ExcelColDetail,
            Word::ExcelColWhatToDo,
        ]);
        let mut s = book.sheet(Word::ExcelSheetRemote.get(lang), &headers(lang, &cols))?;
        for a in &r.remote_control {
            let mut cells: Vec<Cell<'_>> = device(a.device.as_ref(), lang).to_vec();
            cells.extend(host(&a.host));
            cells.extend([
                Cell::owned(ports(&a.host.ports)),
                Cell::owned(remote_control_note(a, lang)),
                Cell::text(what_to_do(5, lang)),
            ]);
            s.row(&cells)?;
        }
    }
    if !r.ways_out.is_empty() {
        ways_out(&mut book, r, lang)?;
    }
    {
        let mut cols: Vec<Word> = DEVICE_COLS.to_vec();
        cols.extend(HOST_COLS);
        cols.extend([Word::ExcelColEvidence, Word::ExcelColDetail]);
        let mut s = book.sheet(Word::ExcelSheetInternal.get(lang), &headers(lang, &cols))?;
        for i in &r.internal_routers {
            let mut cells: Vec<Cell<'_>> = device(i.device.as_ref(), lang).to_vec();
            cells.extend(host(&i.host));
            cells.extend([
                Cell::owned(evidence(&i.evidence, lang)),
                Cell::owned(internal_router_note(i, lang)),
            ]);
            s.row(&cells)?;
        }
    }
    book.write(w)
}

/// Remote sessions a capture saw on a circuit outside its declared hours
/// (checklist item 13), then, for information, the circuits whose hours
/// cannot be checked by time.
fn outside_hours(book: &mut Book, r: &AuditReport, lang: Lang, tz: &TimeZone) -> io::Result<()> {
    let mut cols: Vec<Word> = DEVICE_COLS.to_vec();
    cols.extend([
        Word::ExcelColSeenIp,
        Word::ExcelColSegment,
        Word::ExcelColDetail,
        Word::ExcelColEvidence,
        Word::ExcelColWhatToDo,
    ]);
    let mut s = book.sheet(
        Word::AuditClassOutsideHours.get(lang),
        &headers(lang, &cols),
    )?;
    for o in &r.outside_hours {
        let circuits: Vec<String> = o
            .circuits
            .iter()
            .map(|c| Word::AuditOutsideHoursCircuit.fill(lang, &[&c.id, &c.vendor, &c.hours]))
            .collect();
        let mut cells: Vec<Cell<'_>> = device(Some(&o.device), lang).to_vec();
        cells.extend([
            Cell::opt_owned(o.device.ip.map(|i| i.to_string())),
            Cell::opt(o.device.segment.as_deref()),
            Cell::owned(crate::report::audit::outside_hours_line(o, lang, tz)),
            Cell::owned(circuits.join("\n")),
            Cell::text(Word::AuditDoOutsideHours.get(lang)),
        ]);
        s.row(&cells)?;
    }
    // For information: the circuit in the name column, why in the detail.
    for n in &r.hours_not_checked {
        s.row(&[
            Cell::text(Word::AuditInformationPrefix.get(lang)),
            Cell::text(&n.circuit.id),
            Cell::Empty,
            Cell::Empty,
            Cell::Empty,
            Cell::owned(hours_not_checked_note(n, lang)),
        ])?;
    }
    Ok(())
}

/// Section 6, the ways out to check: one row per way out, what the device
/// showed beside what the ledger says, the advisories its firmware falls
/// in and every flag; the tables' dates in the last row.
fn ways_out(book: &mut Book, r: &AuditReport, lang: Lang) -> io::Result<()> {
    let cols = [
        Word::ExcelColId,
        Word::ExcelColName,
        Word::ExcelColSeenIp,
        Word::IdColPerimeterOf,
        Word::IdColSeenMake,
        Word::IdColSeenProduct,
        Word::IdColSeenFirmware,
        Word::IdColConfidence,
        Word::IdColEvidence,
        Word::IdColLedgerMake,
        Word::IdColLedgerProduct,
        Word::IdColLedgerFirmware,
        Word::IdChecked,
        Word::IdColAdvisories,
        Word::IdColFlags,
    ];
    let mut s = book.sheet(Word::IdSheet.get(lang), &headers(lang, &cols))?;
    // What came from a device or the ledger, hidden characters shown escaped.
    let t = |s: &str| Cell::owned(terminal(s).into_owned());
    let ot = |s: Option<&String>| s.map_or(Cell::Empty, |s| t(s));
    let lines = |v: Vec<String>| {
        Cell::owned(
            v.iter()
                .map(|s| terminal(s).into_owned())
                .collect::<Vec<_>>()
                .join("\n"),
        )
    };
    for c in &r.ways_out {
        let seen = c.seen.as_ref();
        let not_seen = if c.probed {
            Word::IdUnknown.get(lang)
        } else {
            Word::IdNotProbed.get(lang)
        };
        let mut evidence: Vec<String> = seen.map(|s| s.evidence.clone()).unwrap_or_default();
        evidence.extend(c.unknown_seen.iter().cloned());
        let advisories: Vec<String> = c
            .advisories
            .iter()
            .map(|a| {
                let fixed = a
                    .fixed
                    .as_deref()
                    .map(|f| Word::IdFixed.fill(lang, &[&f]))
                    .unwrap_or_default();
                let kev = Word::IdKevAdded.fill(lang, &[&a.kev_added]);
                [
                    a.cve.as_str(),
                    a.affected.as_str(),
                    fixed.as_str(),
                    kev.as_str(),
                ]
                .iter()
                .filter(|p| !p.is_empty())
                .copied()
                .collect::<Vec<_>>()
                .join(", ")
            })
            .collect();
        let flags: Vec<&str> = c
            .flags
            .iter()
            .map(|f| crate::identify::report::flag_word(*f).get(lang))
            .collect();
        let l = &c.ledger;
        s.row(&[
            ot(c.device.as_ref()),
            ot(c.name.as_ref()),
            Cell::opt_owned(c.ip.map(|ip| ip.to_string())),
            t(&c.perimeter_of.join(", ")),
            seen.map_or(Cell::text(not_seen), |s| t(&s.make)),
            seen.map_or(Cell::Empty, |s| t(&s.product)),
            ot(seen.and_then(|s| s.firmware.as_ref())),
            seen.map_or(Cell::Empty, |s| Cell::text(s.confidence.as_str())),
            lines(evidence),
            ot(l.make.as_ref()),
            ot(l.product.as_ref()),
            ot(l.firmware.as_ref()),
            Cell::opt_owned(l.firmware_checked.map(|d| d.to_string())),
            lines(advisories),
            Cell::owned(flags.join("\n")),
        ])?;
    }
    let dates = r
        .ways_out_tables
        .unwrap_or_else(crate::identify::report::bundled_dates);
    s.row(&[Cell::owned(
        Word::IdTables.fill(lang, &[&dates.signatures, &dates.advisories]),
    )])?;
    Ok(())
}

fn summary(book: &mut Book, r: &AuditReport, lang: Lang) -> io::Result<()> {
    let mut s = book.sheet(
        Word::ExcelSheetSummary.get(lang),
        &headers(lang, &[Word::ExcelColItem, Word::ExcelColValue]),
    )?;
    s.row(&[Cell::text(Word::ExcelSite.get(lang)), Cell::text(&r.site)])?;
    for snap in &r.snapshots {
        let scopes: Vec<String> = snap.scopes.iter().map(|n| n.to_string()).collect();
        let mut text = format!(
            "{}  {}  {}  {} {}",
            snap.started.format("%Y-%m-%d %H:%M UTC"),
            snap.interface,
            scopes.join(", "),
            Word::AuditHostsFound.get(lang),
            snap.hosts
        );
        if snap.partial {
            text.push_str(&format!("  [{}]", Word::AuditPartialScan.get(lang)));
        }
        s.row(&[Cell::text(Word::ExcelScan.get(lang)), Cell::owned(text)])?;
    }
    let c = &r.coverage;
    s.row(&[
        Cell::text(Word::ExcelColStatus.get(lang)),
        Cell::owned(Word::AuditCoverage.fill(
            lang,
            &[&c.ledger_devices, &c.seen, &c.not_covered, &c.cannot_match],
        )),
    ])?;
    let sections = [
        (Word::ExcelSheetUndeclared, r.undeclared_external.len()),
        (Word::ExcelSheetUnregistered, r.unregistered.len()),
        (Word::ExcelSheetUnseen, r.unseen.len()),
        (Word::ExcelSheetMismatch, r.mismatches.len()),
        (Word::ExcelSheetRemote, r.remote_control.len()),
        (Word::IdSheet, r.ways_out.len()),
        (Word::AuditClassOutsideHours, r.outside_hours.len()),
        (Word::ExcelSheetInternal, r.internal_routers.len()),
    ];
    for (word, n) in sections {
        s.row(&[Cell::text(word.get(lang)), Cell::Number(n as f64)])?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use calamine::{Reader, Xlsx};

    #[test]
    fn sessions_outside_the_declared_hours_have_their_own_sheet_in_local_time() {
        let r = crate::report::audit::tests::outside_hours_report();
        let mut out = Vec::new();
        write(&r, Lang::Ja, &mut out).unwrap();
        let mut book: Xlsx<_> = Xlsx::new(std::io::Cursor::new(out)).unwrap();
        let sheet = book.worksheet_range("接続時間外のリモート接続").unwrap();
        let rows: Vec<Vec<String>> = sheet
            .rows()
            .map(|r| r.iter().map(|c| c.to_string()).collect())
            .collect();
        assert_eq!(rows[0][0], "資産番号", "{rows:?}");
        assert_eq!(rows.len(), 3, "{rows:?}");
        assert_eq!(rows[1][0], "vpn");
        assert_eq!(rows[1][3], "192.168.1.2");
        assert!(
            rows[1][5].contains("相手 198.19.0.7  2026年12月4日 23:00"),
            "{rows:?}"
        );
        assert!(rows[1][6].contains("平日 9:00-17:00"), "{rows:?}");
        assert!(!rows[1][6].contains('\x1b'), "{rows:?}");
        assert_eq!(rows[2][0], "参考:");
        assert_eq!(rows[2][1], "MNT-02");
        assert!(rows[2][5].contains("申請時のみ"), "{rows:?}");
        let summary = book.worksheet_range("概要").unwrap();
        assert!(
            summary
                .rows()
                .any(|r| r[0] == "接続時間外のリモート接続" && r[1] == 1.0),
            "the summary counts it"
        );
    }
}
