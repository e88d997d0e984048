//! Writers of the MAC allowlist (the devices are chosen by
//! [`crate::inventory::allowlist::allowed_devices`]): plain, CSV for Excel,
//! FreeRADIUS `users` file. See that module for the formats.

use std::io::{self, Write};

use chrono::NaiveDate;

use crate::excel::ExcelCsvWriter;
use crate::inventory::allowlist::allowed_devices;
use crate::mac::MacAddr;
use crate::site::Site;
use crate::text::clean::terminal;

/// A comment line for a header: newlines and other controls as spaces so
/// the site's name cannot break out of the comment, and the other hidden
/// characters (bidi overrides, zero-width) as visible escapes.
fn comment_safe(s: &str) -> String {
    let spaced: String = s
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    terminal(&spaced).into_owned()
}

fn header(site: &Site, generated: NaiveDate) -> String {
    let count = allowed_devices(site).count();
    let updated = site
        .meta
        .updated
        .map(|d| format!(", ledger updated {d}"))
        .unwrap_or_default();
    format!(
        "# koseizu MAC allowlist: {}\n# generated {generated}{updated}; {count} registered devices with a MAC\n",
        comment_safe(&site.meta.name)
    )
}

/// Plain: one MAC a line (lower-case, colons) under a `#` header.
pub fn write_plain(site: &Site, generated: NaiveDate, w: &mut dyn Write) -> io::Result<()> {
    w.write_all(header(site, generated).as_bytes())?;
    for (_, mac) in allowed_devices(site) {
        writeln!(w, "{mac}")?;
    }
    Ok(())
}

/// CSV for Excel: id, name, MAC, IP, segment.
pub fn write_csv(site: &Site, w: &mut dyn Write) -> io::Result<()> {
    let mut out = ExcelCsvWriter::new(w)?;
    out.write_row(["id", "name", "mac", "ip", "segment"])?;
    for (d, mac) in allowed_devices(site) {
        out.write_row([
            d.id.clone(),
            d.name.clone(),
            mac.to_string(),
            d.ip.map(|i| i.to_string()).unwrap_or_default(),
            d.segment.clone().unwrap_or_default(),
        ])?;
    }
    out.finish()?;
    Ok(())
}

/// The MAC as MAB User-Name: twelve lower-case hex digits.
pub fn mab_username(mac: MacAddr) -> String {
    mac.octets().iter().map(|b| format!("{b:02x}")).collect()
}

/// FreeRADIUS `users` file: `001a2b3c4d5e Cleartext-Password := "001a2b3c4d5e"`
/// per device, each after a comment naming it.
pub fn write_freeradius(site: &Site, generated: NaiveDate, w: &mut dyn Write) -> io::Result<()> {
    w.write_all(header(site, generated).as_bytes())?;
    w.write_all(
        b"# FreeRADIUS users file (rlm_files) for MAC authentication bypass:\n\
          # User-Name and password are the MAC as 12 lower-case hex digits.\n\n",
    )?;
    for (d, mac) in allowed_devices(site) {
        let user = mab_username(mac);
        writeln!(
            w,
            "# {} {} ({})",
            comment_safe(&d.id),
            comment_safe(&d.name),
            d.at.file.clone() + ":" + &d.at.line.to_string()
        )?;
        writeln!(w, "{user} Cleartext-Password := \"{user}\"\n")?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::inventory::audit::tests::{device, site};
    use crate::site::DeviceKind;

    fn ledger() -> Site {
        let mut s = site(
            vec![("core", "192.168.1.0/24")],
            vec![
                device(
                    "a",
                    DeviceKind::Pc,
                    Some("00-1A-2B-3C-4D-5E"),
                    Some("192.168.1.5"),
                    "core",
                ),
                device("b", DeviceKind::Printer, None, Some("192.168.1.6"), "core"),
                device(
                    "c",
                    DeviceKind::Router,
                    Some("00:00:5e:00:01:01"),
                    None,
                    "core",
                ),
                device("d", DeviceKind::Pc, Some("001a.2b3c.4d60"), None, ""),
            ],
        );
        s.meta.name = "病院\nINJECT".into();
        s.devices[3].name = "=cmd|' /C calc'!A0".into();
        s
    }

    fn date() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 27).unwrap()
    }

    #[test]
    fn plain() {
        let mut out = Vec::new();
        write_plain(&ledger(), date(), &mut out).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert_eq!(
            text,
            "# koseizu MAC allowlist: 病院 INJECT\n# generated 2026-11-27; 2 registered devices with a MAC\n00:1a:2b:3c:4d:5e\n00:1a:2b:3c:4d:60\n"
        );
    }

    #[test]
    fn csv_for_excel() {
        let mut out = Vec::new();
        write_csv(&ledger(), &mut out).unwrap();
        assert!(out.starts_with(crate::excel::UTF8_BOM));
        assert!(out.windows(2).any(|w| w == b"\r\n"));
        let mut rd = csv::Reader::from_reader(out.as_slice());
        let rows: Vec<csv::StringRecord> = rd.records().map(Result::unwrap).collect();
        assert_eq!(rows.len(), 2);
        assert_eq!(&rows[0][2], "00:1a:2b:3c:4d:5e");
        assert_eq!(&rows[1][1], "'=cmd|' /C calc'!A0");
    }

    #[test]
    fn freeradius_users_file() {
        let mut out = Vec::new();
        write_freeradius(&ledger(), date(), &mut out).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert!(
            text.contains(
                "# a a-name (devices.csv:2)\n001a2b3c4d5e Cleartext-Password := \"001a2b3c4d5e\"\n"
            ),
            "{text}"
        );
        assert!(text.contains("001a2b3c4d60 Cleartext-Password := \"001a2b3c4d60\""));
        assert!(!text.contains("00005e000101"));
        // Every non-comment, non-blank line is an entry.
        for l in text
            .lines()
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
        {
            assert!(
                l.ends_with('"') && l.contains(" Cleartext-Password := \""),
                "{l}"
            );
        }
    }
}
