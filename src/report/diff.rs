//! The writers of `koseizu diff`: text for people, JSON for tools, CSV for
//! Excel. The changes themselves are computed by [`crate::inventory::diff`].
//!
//! Names from the network (vendor, host name) and from the ledger are
//! cleaned for each target with [`crate::text::clean`]: escaped for the
//! terminal in text (and in the CSV's text columns, which are the text
//! report's own), formula-proofed by the Excel CSV writer, and kept exact
//! but with hidden characters escaped in JSON.

use std::io::{self, Write};

use crate::excel::ExcelCsvWriter;
use crate::inventory::audit::SnapshotSummary;
use crate::inventory::diff::{port_label, Change, HostRef, SnapshotDiff};
use crate::mac::MacAddr;
use crate::report::evidence::evidence_label;
use crate::site::Lang;
use crate::text::{clean, Word};

/// The title of a change kind (the section heading and the CSV column).
pub(crate) fn kind_title(c: &Change) -> Word {
    match c {
        Change::BecameExternal { .. } => Word::DiffBecameExternal,
        Change::NewHost { .. } => Word::DiffNewHost,
        Change::IpNewMac { .. } => Word::DiffIpNewMac,
        Change::MacMoved { .. } => Word::DiffMacMoved,
        Change::MacMovedPort { .. } => Word::PollMacMoved,
        Change::HostGone { .. } => Word::DiffHostGone,
        Change::PortOpened { .. } => Word::DiffPortOpened,
        Change::PortClosed { .. } => Word::DiffPortClosed,
        Change::StoppedExternal { .. } => Word::DiffStoppedExternal,
    }
}

fn host_text(h: &HostRef, lang: Lang) -> String {
    let mut s = format!(
        "{}  {}",
        h.ip,
        h.mac.map_or_else(
            || Word::DiffMacUnknown.get(lang).to_string(),
            |m| m.to_string()
        )
    );
    if let Some(v) = &h.vendor {
        s.push_str(&format!("  {}", clean::terminal(v)));
    }
    if let Some(n) = &h.hostname {
        s.push_str(&format!(
            "  {}{}",
            Word::DiffHostName.get(lang),
            clean::terminal(n)
        ));
    }
    if let Some(id) = &h.device {
        s.push_str(&format!(
            "  [{} {} {}]",
            Word::DiffLedger.get(lang),
            clean::terminal(id),
            clean::terminal(h.device_name.as_deref().unwrap_or(""))
        ));
    }
    s
}

/// The detail of one change (the CSV's and the workbook's last column).
pub(crate) fn detail_text(c: &Change, lang: Lang) -> String {
    match c {
        Change::NewHost { external, .. } if !external.is_empty() => {
            let ev: Vec<String> = external.iter().map(|e| evidence_label(e, lang)).collect();
            format!("{}: {}", Word::DiffEvidence.get(lang), ev.join(", "))
        }
        Change::MacMoved { old_ip, host } => format!("{old_ip} → {}", host.ip),
        Change::MacMovedPort { from, to, .. } => format!(
            "{} → {}",
            crate::report::audit::placement_label(from, lang),
            crate::report::audit::placement_label(to, lang)
        ),
        Change::IpNewMac {
            old_mac,
            old_device,
            host,
        } => {
            let mut s = format!(
                "{} → {}",
                old_mac.map(|m| m.to_string()).unwrap_or_default(),
                host.mac.map(|m| m.to_string()).unwrap_or_default(),
            );
            // The ledger device the old MAC belonged to, when it is not the
            // one the host still matches (by IP, for a device without a MAC).
            if let Some(d) = old_device
                .as_deref()
                .filter(|d| Some(*d) != host.device.as_deref())
            {
                s.push_str(&format!(
                    " ({} {})",
                    Word::DiffWasDevice.get(lang),
                    clean::terminal(d)
                ));
            }
            let randomised = |m: &Option<MacAddr>| m.is_some_and(|m| m.is_locally_administered());
            if randomised(old_mac) && randomised(&host.mac) {
                s.push_str(Word::DiffBothRandomised.get(lang));
            }
            s
        }
        Change::PortOpened { port, .. } | Change::PortClosed { port, .. } => port_label(port),
        Change::BecameExternal { evidence, .. } | Change::StoppedExternal { evidence, .. } => {
            let ev: Vec<String> = evidence.iter().map(|e| evidence_label(e, lang)).collect();
            ev.join(", ")
        }
        _ => String::new(),
    }
}

/// Writes the diff for people.
pub fn write_text<W: Write>(d: &SnapshotDiff, lang: Lang, mut w: W) -> io::Result<()> {
    let when = |s: &SnapshotSummary| {
        let scopes: Vec<String> = s.scopes.iter().map(|n| n.to_string()).collect();
        format!(
            "{} ({}){}",
            s.started.format("%Y-%m-%d %H:%M UTC"),
            scopes.join(", "),
            if s.partial {
                Word::DiffPartialMark.get(lang)
            } else {
                ""
            }
        )
    };
    writeln!(w, "{}: {}", Word::DiffOlder.get(lang), when(&d.old))?;
    writeln!(w, "{}: {}", Word::DiffNewer.get(lang), when(&d.new))?;
    if d.new.partial {
        writeln!(w, "{}", Word::DiffNewerPartial.get(lang))?;
    }
    if d.old.partial {
        writeln!(w, "{}", Word::DiffOlderPartial.get(lang))?;
    }
    if d.changes.is_empty() {
        writeln!(w, "{}", Word::DiffNoChanges.get(lang))?;
    }
    for group in d.changes.chunk_by(|a, b| a.kind_name() == b.kind_name()) {
        writeln!(w)?;
        let title = kind_title(&group[0]).get(lang);
        writeln!(
            w,
            "{}",
            Word::DiffSection.fill(lang, &[&title, &group.len()])
        )?;
        for c in group {
            let detail = detail_text(c, lang);
            if detail.is_empty() {
                writeln!(w, "  - {}", host_text(c.host(), lang))?;
            } else {
                writeln!(w, "  - {}  {}", host_text(c.host(), lang), detail)?;
            }
        }
    }
    if d.outside_old_scope + d.outside_new_scope > 0 {
        writeln!(w)?;
        writeln!(
            w,
            "{}",
            Word::DiffScopesDiffer.fill(lang, &[&d.outside_old_scope, &d.outside_new_scope])
        )?;
    }
    if d.scanner_skipped > 0 {
        writeln!(
            w,
            "{}",
            Word::DiffScannersLeftOut.fill(lang, &[&d.scanner_skipped])
        )?;
    }
    if !d.ports_not_compared.is_empty() {
        writeln!(
            w,
            "{}: {}",
            Word::DiffPortsNotCompared.get(lang),
            d.ports_not_compared.join(", ")
        )?;
    }
    Ok(())
}

/// Writes the diff as JSON (names exact, hidden characters as `\uXXXX`).
pub fn write_json<W: Write>(d: &SnapshotDiff, mut w: W) -> io::Result<()> {
    let json = serde_json::to_string_pretty(d)?;
    w.write_all(clean::json_document(&json).as_bytes())?;
    writeln!(w)
}

/// Writes the changes as CSV for Excel, one row per change.
pub fn write_csv<W: Write>(d: &SnapshotDiff, lang: Lang, w: W) -> io::Result<()> {
    let mut out = ExcelCsvWriter::new(w)?;
    out.write_row(
        [
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
        .map(|word| word.get(lang)),
    )?;
    for c in &d.changes {
        let h = c.host();
        out.write_row([
            c.kind_name().to_string(),
            kind_title(c).get(lang).to_string(),
            h.ip.to_string(),
            h.mac.map(|m| m.to_string()).unwrap_or_default(),
            h.vendor.clone().unwrap_or_default(),
            h.hostname.clone().unwrap_or_default(),
            h.device.clone().unwrap_or_default(),
            h.device_name.clone().unwrap_or_default(),
            detail_text(c, lang),
        ])?;
    }
    out.finish()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::inventory::audit::tests::{device, gw, host, site, snapshot};
    use crate::inventory::diff::{diff, tests::base};
    use crate::site::DeviceKind;

    #[test]
    fn a_partial_newer_scan_says_so() {
        let old = snapshot(&["192.168.1.0/24"], base());
        let mut new = snapshot(&["192.168.1.0/24"], base()[..2].to_vec());
        new.partial = true;
        let mut out = Vec::new();
        write_text(&diff(&old, &new, None), Lang::En, &mut out).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert!(text.contains("the newer scan is partial"), "{text}");
        assert!(
            text.contains(" [partial]") && text.contains("No changes"),
            "{text}"
        );
    }

    #[test]
    fn hosts_are_named_by_ledger_device_and_every_output_cleans_names() {
        let s = site(
            vec![("core", "192.168.1.0/24")],
            vec![device(
                "fw",
                DeviceKind::Firewall,
                Some("00:1a:2b:00:00:01"),
                None,
                "core",
            )],
        );
        let old = snapshot(&["192.168.1.0/24"], base());
        let mut hosts = base();
        hosts[0].external = vec![gw()];
        let mut evil = host("192.168.1.66", Some("00:11:22:33:44:55"));
        evil.vendor = Some("@SUM(1+1)\u{202e}".into());
        evil.hostname = Some("pc\u{1b}[2J\u{2028}=HYPERLINK(\"x\")".into());
        hosts.push(evil);
        let d = diff(&old, &snapshot(&["192.168.1.0/24"], hosts), Some(&s));

        let mut out = Vec::new();
        write_text(&d, Lang::Ja, &mut out).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert!(text.contains("[台帳: fw fw-name]"), "{text}");
        assert!(text.contains("■ 新しく現れた機器: 1件"), "{text}");
        assert!(
            !text.chars().any(|c| c != '\n' && clean::is_hidden(c)),
            "{text}"
        );
        assert!(text.contains("@SUM(1+1)\\u{202e}"), "{text}");

        let mut out = Vec::new();
        write_csv(&d, Lang::En, &mut out).unwrap();
        assert!(out.starts_with(crate::excel::UTF8_BOM));
        let mut rd = csv::Reader::from_reader(&out[crate::excel::UTF8_BOM.len()..]);
        assert_eq!(&rd.headers().unwrap()[1], "change kind");
        let rows: Vec<csv::StringRecord> = rd.records().map(Result::unwrap).collect();
        assert_eq!(&rows[1][0], "new-host");
        assert_eq!(&rows[1][4], "'@SUM(1+1)\u{202e}");
        assert_eq!(&rows[1][5], "pc\u{1b}[2J\u{2028}=HYPERLINK(\"x\")");

        let mut out = Vec::new();
        write_json(&d, &mut out).unwrap();
        let raw = String::from_utf8(out).unwrap();
        assert!(
            !raw.contains('\u{202e}') && !raw.contains('\u{2028}'),
            "{raw}"
        );
        let v: serde_json::Value = serde_json::from_str(&raw).unwrap();
        assert_eq!(v["changes"][0]["change"], "became-external");
        assert_eq!(v["changes"][1]["host"]["vendor"], "@SUM(1+1)\u{202e}");
    }
}
