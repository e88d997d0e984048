//! arp-scan output, the default form (header, one line per answer, footer)
//! and `--plain` (answer lines only): `IP<TAB>MAC<TAB>vendor`, where a
//! repeated answer ends in `(DUP: n)`.
//!
//! A DUP line with another MAC than the first answer is an IP claimed by
//! two devices (`ip-conflict`); a DUP from the same MAC is the same device
//! answering twice. arp-scan's `(Unknown…)` vendors are no vendor.

use std::net::Ipv4Addr;

use super::{text, Parsed};
use crate::mac::MacAddr;
use crate::snapshot::Source;

/// True for an answer line (`IP<TAB>MAC…`).
pub fn is_host_line(line: &str) -> bool {
    host_line(line).is_some()
}

/// (IP, MAC, vendor, DUP) of an answer line.
fn host_line(line: &str) -> Option<(Ipv4Addr, MacAddr, Option<&str>, bool)> {
    let mut fields = line.splitn(3, '\t');
    let ip: Ipv4Addr = fields.next()?.trim().parse().ok()?;
    let mac_text = fields.next()?.trim();
    // arp-scan writes colon-separated lower-case hex; nothing else is an answer.
    if mac_text.len() != 17 || mac_text.bytes().filter(|&b| b == b':').count() != 5 {
        return None;
    }
    let mac: MacAddr = mac_text.parse().ok()?;
    let mut vendor = fields.next().map(str::trim).unwrap_or("");
    let mut dup = false;
    if let Some(i) = vendor.rfind("(DUP: ") {
        if vendor.ends_with(')') {
            dup = true;
            vendor = vendor[..i].trim_end();
        }
    }
    let vendor = (!vendor.is_empty() && !vendor.starts_with("(Unknown")).then_some(vendor);
    Some((ip, mac, vendor, dup))
}

/// Parses arp-scan output. Lines that are neither header, footer nor
/// answers are ignored and counted in a limitation.
pub fn parse(input: &str) -> Parsed {
    let mut out = Parsed::new(Source::ArpScan);
    let mut ignored = 0usize;
    let mut seconds: Option<f64> = None;
    for line in input.lines() {
        let line = line.trim_end_matches('\r');
        if line.trim().is_empty() {
            continue;
        }
        if let Some((ip, mac, vendor, dup)) = host_line(line) {
            let Some(seen) = out.hosts.claim(ip, mac) else {
                continue;
            };
            if seen.vendor.is_none() {
                seen.vendor = vendor.map(text::bounded);
            }
            // A DUP from another MAC is already a conflict through other_macs.
            let _ = dup;
            continue;
        }
        if let Some(rest) = line.strip_prefix("Interface: ") {
            out.interface = rest.split(',').next().and_then(text::value);
        } else if line.starts_with("Starting arp-scan") {
        } else if let Some(rest) = line.strip_prefix("Ending arp-scan") {
            seconds = rest
                .split(" scanned in ")
                .nth(1)
                .and_then(|r| r.split_whitespace().next())
                .and_then(|s| s.parse::<f64>().ok())
                .filter(|s| s.is_finite() && *s >= 0.0 && *s < 1e7);
        } else if line.contains("packets received by filter") {
            let dropped = line
                .split(", ")
                .find(|p| p.contains("dropped by kernel"))
                .and_then(|p| p.split_whitespace().next())
                .and_then(|n| n.parse::<u64>().ok());
            if let Some(n) = dropped.filter(|&n| n > 0) {
                out.limitations
                    .push(format!("arp-scan: {n} packets dropped by kernel"));
            }
        } else {
            ignored += 1;
        }
    }
    if ignored > 0 {
        out.limitations
            .push(format!("arp-scan: {ignored} lines not understood, ignored"));
    }
    // No times in the output: the file's modification time is the end, and
    // the run's length (if the footer gives it) sets the start.
    out.run_length = seconds.and_then(|s| chrono::Duration::try_milliseconds((s * 1000.0) as i64));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::snapshot::HostFlag;

    const DEFAULT: &str = "Interface: eth0, type: EN10MB, MAC: 02:00:00:00:00:02, IPv4: 198.18.0.2
Starting arp-scan 1.10.0 with 256 hosts (https://github.com/royhills/arp-scan)
198.18.0.1\t00:1a:2b:3c:4d:5e\t(Unknown)
198.18.0.7\t02:00:00:00:00:07\t(Unknown: locally administered)
198.18.0.9\t00:00:0c:11:22:33\tCisco Systems, Inc
198.18.0.9\t00:00:0c:11:22:44\tCisco Systems, Inc (DUP: 2)
198.18.0.10\t00:00:0c:11:22:55\tCisco Systems, Inc
198.18.0.10\t00:00:0c:11:22:55\tCisco Systems, Inc (DUP: 2)

4 packets received by filter, 0 packets dropped by kernel
Ending arp-scan 1.10.0: 256 hosts scanned in 1.936 seconds (132.23 hosts/sec). 4 responded
";

    #[test]
    fn default_output_with_dup_and_unknown() {
        let p = parse(DEFAULT);
        assert_eq!(p.interface.as_deref(), Some("eth0"));
        assert_eq!(p.hosts.len(), 4);
        let (hosts, _) = p.hosts.finish();
        let by = |ip: &str| hosts.iter().find(|h| h.ip.to_string() == ip).unwrap();
        // "(Unknown)" is never a vendor: the IEEE registry's name, if any, is.
        assert_eq!(
            by("198.18.0.1").vendor.as_deref(),
            Some("Ayecom Technology Co., Ltd.")
        );
        assert_eq!(by("198.18.0.7").vendor, None);
        assert!(by("198.18.0.9").flags.contains(&HostFlag::IpConflict));
        assert_eq!(by("198.18.0.9").other_macs.len(), 1);
        assert!(!by("198.18.0.10").flags.contains(&HostFlag::IpConflict));
        assert!(by("198.18.0.9")
            .vendor
            .as_deref()
            .unwrap()
            .contains("Cisco"));
    }

    #[test]
    fn plain_output_and_noise() {
        let p = parse("198.18.0.1\t00:1a:2b:3c:4d:5e\t(Unknown)\r\ngarbage \u{202e} line\n198.18.0.300\t00:1a:2b:3c:4d:5e\tx\n");
        assert_eq!(p.hosts.len(), 1);
        assert!(p.limitations.iter().any(|l| l.contains("2 lines")));
        assert!(is_host_line("198.18.0.1\t00:1a:2b:3c:4d:5e"));
        assert!(!is_host_line("198.18.0.1 00:1a:2b:3c:4d:5e"));
        assert!(!is_host_line("198.18.0.1\t001a2b3c4d5e\tx"));
    }
}
