//! Writers of the ways out to check (`koseizu identify`, and the audit's
//! section): text for people, JSON for tools. Every string that came from
//! a device or a file is cleaned for its target.

use std::io::{self, Write};

use chrono::NaiveDate;
use serde::Serialize;

use super::ways_out::{WayOutCheck, WayOutFlag};
use crate::site::Lang;
use crate::text::clean::terminal;
use crate::text::Word;

/// The word for a flag.
pub fn flag_word(f: WayOutFlag) -> Word {
    match f {
        WayOutFlag::KnownExploited => Word::IdFlagKnownExploited,
        WayOutFlag::VendorDeviceNotIdentified => Word::IdFlagVendorDevice,
        WayOutFlag::FirmwareUnknown => Word::IdFlagFirmwareUnknown,
        WayOutFlag::LedgerDisagrees => Word::IdFlagLedgerDisagrees,
        WayOutFlag::CertificateExpired => Word::IdFlagCertExpired,
        WayOutFlag::CertificateSelfSigned => Word::IdFlagCertSelfSigned,
        WayOutFlag::FirmwareCheckOld => Word::IdFlagCheckOld,
    }
}

/// The tables' dates, printed by every output that uses them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct TableDates {
    /// Signature table date.
    pub signatures: NaiveDate,
    /// Advisory table date.
    pub advisories: NaiveDate,
}

/// The bundled tables' dates (the epoch if one failed to load, which the tests rule out).
pub fn bundled_dates() -> TableDates {
    let epoch = NaiveDate::default();
    TableDates {
        signatures: super::Signatures::bundled().map_or(epoch, |s| s.date),
        advisories: super::Advisories::bundled().map_or(epoch, |a| a.date),
    }
}

/// Writes the ways out as text.
pub fn write_text(
    checks: &[WayOutCheck],
    dates: TableDates,
    lang: Lang,
    w: &mut dyn Write,
) -> io::Result<()> {
    writeln!(w, "{} ({})", Word::IdTitle.get(lang), checks.len())?;
    writeln!(
        w,
        "  {}",
        Word::IdTables.fill(lang, &[&dates.signatures, &dates.advisories])
    )?;
    if checks.is_empty() {
        writeln!(w, "  {}", Word::IdNone.get(lang))?;
    }
    for c in checks {
        let who = match (&c.device, &c.name) {
            (Some(id), Some(name)) => format!("{} {}", terminal(id), terminal(name)),
            (Some(id), None) => terminal(id).into_owned(),
            _ => String::new(),
        };
        let ip = c.ip.map(|ip| ip.to_string()).unwrap_or_default();
        let per = if c.perimeter_of.is_empty() {
            String::new()
        } else {
            format!(" [{}]", terminal(&c.perimeter_of.join(", ")))
        };
        let head = [who.trim(), ip.as_str()]
            .iter()
            .filter(|s| !s.is_empty())
            .copied()
            .collect::<Vec<_>>()
            .join(" ");
        writeln!(w, "\n- {head}{per}")?;
        let seen = match (&c.seen, c.probed) {
            (Some(s), _) => format!(
                "{} {} {}{} ({})",
                terminal(&s.make),
                terminal(&s.product),
                s.firmware
                    .as_deref()
                    .map(|f| format!("{} {}", Word::IdFirmware.get(lang), terminal(f)))
                    .unwrap_or_default(),
                "",
                s.confidence.as_str()
            ),
            (None, true) => Word::IdUnknown.get(lang).to_string(),
            (None, false) => Word::IdNotProbed.get(lang).to_string(),
        };
        writeln!(w, "    {}: {}", Word::IdSeen.get(lang), seen.trim_end())?;
        if let Some(s) = &c.seen {
            for e in &s.evidence {
                writeln!(w, "      · {}", terminal(e))?;
            }
        }
        for u in &c.unknown_seen {
            writeln!(w, "      · {}", terminal(u))?;
        }
        let l = &c.ledger;
        let unknown = Word::IdUnknown.get(lang);
        let what = format!(
            "{} {}",
            terminal(l.make.as_deref().unwrap_or(unknown)),
            terminal(l.product.as_deref().unwrap_or(""))
        );
        writeln!(
            w,
            "    {}: {} / {} {}{}",
            Word::IdLedger.get(lang),
            what.trim_end(),
            Word::IdFirmware.get(lang),
            terminal(l.firmware.as_deref().unwrap_or(unknown)),
            l.firmware_checked
                .map(|d| format!(" ({} {d})", Word::IdChecked.get(lang)))
                .unwrap_or_default()
        )?;
        for a in &c.advisories {
            writeln!(
                w,
                "    ! {} {} ({}; {}; {})",
                terminal(&a.cve),
                terminal(&a.name),
                terminal(&a.affected),
                a.fixed
                    .as_deref()
                    .map(|f| Word::IdFixed.fill(lang, &[&terminal(f)]))
                    .unwrap_or_default(),
                Word::IdKevAdded.fill(lang, &[&a.kev_added])
            )?;
        }
        for f in &c.flags {
            writeln!(w, "    * {}", flag_word(*f).get(lang))?;
        }
    }
    Ok(())
}

#[derive(Serialize)]
struct Doc<'a> {
    format: &'static str,
    tables: TableDates,
    ways_out: &'a [WayOutCheck],
}

/// Writes the ways out as one JSON document (hidden characters escaped).
pub fn write_json(checks: &[WayOutCheck], dates: TableDates, w: &mut dyn Write) -> io::Result<()> {
    let doc = Doc {
        format: "koseizu-identify",
        tables: dates,
        ways_out: checks,
    };
    let json = serde_json::to_string_pretty(&doc).map_err(io::Error::other)?;
    w.write_all(crate::text::clean::json_document(&json).as_bytes())?;
    w.write_all(b"\n")
}
