//! DHCP servers' leases: dnsmasq's lease file, ISC dhcpd's `dhcpd.leases`,
//! and the lease list of Windows Server (`Get-DhcpServerv4Lease |
//! Export-Csv`, or the DHCP console's "Export List", English or Japanese).
//!
//! A lease file lists who asked for an address, not who is there: the
//! snapshot's source is `dhcp-leases`, which never proves an absence.

use std::net::{IpAddr, Ipv4Addr};

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveDateTime, TimeZone, Utc};

use super::{text, Parsed};
use crate::mac::MacAddr;
use crate::snapshot::{Fact, Source};

/// True for a line of a dnsmasq lease file (IPv4, IPv6 or the `duid` line).
pub fn is_dnsmasq_line(line: &str) -> bool {
    let f: Vec<&str> = line.split_whitespace().collect();
    if f.first() == Some(&"duid") && f.len() == 2 {
        return true;
    }
    f.len() == 5
        && f[0].parse::<u64>().is_ok()
        && f[2].parse::<IpAddr>().is_ok()
        && (f[1].parse::<u64>().is_ok() || f[1].contains(':') || f[1].contains('-'))
}

fn unix(secs: i64) -> Option<DateTime<Utc>> {
    Utc.timestamp_opt(secs, 0).single()
}

fn name_value(s: &str) -> Option<String> {
    (s != "*").then(|| text::value(s)).flatten()
}

/// Parses a dnsmasq lease file: `expiry MAC IP hostname client-id` per
/// line (expiry 0: infinite). IPv6 lines are counted, not kept.
pub fn parse_dnsmasq(input: &str) -> Parsed {
    let mut out = Parsed::new(Source::DhcpLeases);
    let (mut ipv6, mut bad) = (0usize, 0usize);
    for line in input.lines().map(str::trim).filter(|l| !l.is_empty()) {
        let f: Vec<&str> = line.split_whitespace().collect();
        if f.first() == Some(&"duid") {
            continue;
        }
        if f.len() != 5 {
            bad += 1;
            continue;
        }
        let (Ok(expiry), Ok(ip)) = (f[0].parse::<i64>(), f[2].parse::<IpAddr>()) else {
            bad += 1;
            continue;
        };
        let IpAddr::V4(ip) = ip else {
            ipv6 += 1;
            continue;
        };
        let Ok(mac) = f[1].parse::<MacAddr>() else {
            bad += 1;
            continue;
        };
        let hostname = name_value(f[3]);
        let Some(seen) = out.hosts.claim(ip, mac) else {
            continue;
        };
        if seen.hostname.is_none() {
            seen.hostname = hostname.clone();
        }
        let lease_end = (expiry > 0).then(|| unix(expiry)).flatten();
        out.hosts.detail(
            Some(IpAddr::V4(ip)),
            Some(mac),
            Fact::Dhcp {
                hostname,
                vendor_class: None,
                client_id: name_value(f[4]),
                parameter_list: None,
                lease_start: None,
                lease_end,
            },
        );
    }
    if ipv6 > 0 {
        out.limitations
            .push(format!("dnsmasq: {ipv6} IPv6 leases not imported"));
    }
    if bad > 0 {
        out.limitations
            .push(format!("dnsmasq: {bad} lines not understood, ignored"));
    }
    out
}

/// One token of `dhcpd.leases`.
#[derive(Debug, Clone, PartialEq)]
enum Tok {
    Word(String),
    Str(String),
    Open,
    Close,
    Semi,
}

/// Longest token kept, in bytes (longer ones are cut).
const MAX_TOKEN: usize = 4096;

fn tokens(input: &str) -> Vec<Tok> {
    let mut out = Vec::new();
    let mut chars = input.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '#' => {
                for c in chars.by_ref() {
                    if c == '\n' {
                        break;
                    }
                }
            }
            '{' => out.push(Tok::Open),
            '}' => out.push(Tok::Close),
            ';' => out.push(Tok::Semi),
            '"' => {
                let mut s = String::new();
                while let Some(c) = chars.next() {
                    match c {
                        '"' => break,
                        '\\' => {
                            // \ooo octal, or an escaped character.
                            let mut digits = String::new();
                            while digits.len() < 3 {
                                match chars.peek() {
                                    Some(d) if d.is_digit(8) => {
                                        digits.push(*d);
                                        chars.next();
                                    }
                                    _ => break,
                                }
                            }
                            if digits.is_empty() {
                                if let Some(e) = chars.next() {
                                    push_bounded(&mut s, e);
                                }
                            } else if let Ok(v) = u8::from_str_radix(&digits, 8) {
                                push_bounded(&mut s, char::from(v));
                            }
                        }
                        c => push_bounded(&mut s, c),
                    }
                }
                out.push(Tok::Str(s));
            }
            c if c.is_whitespace() => {}
            c => {
                let mut w = String::new();
                push_bounded(&mut w, c);
                while let Some(&n) = chars.peek() {
                    if n.is_whitespace() || "{};\"#".contains(n) {
                        break;
                    }
                    push_bounded(&mut w, n);
                    chars.next();
                }
                out.push(Tok::Word(w));
            }
        }
    }
    out
}

fn push_bounded(s: &mut String, c: char) {
    if s.len() < MAX_TOKEN {
        s.push(c);
    }
}

/// A dhcpd time: `W YYYY/MM/DD HH:MM:SS` (UTC), `epoch N`, or `never`.
fn dhcpd_time(args: &[Tok]) -> Option<DateTime<Utc>> {
    let words: Vec<&str> = args
        .iter()
        .filter_map(|t| match t {
            Tok::Word(w) => Some(w.as_str()),
            _ => None,
        })
        .collect();
    match words.as_slice() {
        ["epoch", n, ..] => n.parse().ok().and_then(unix),
        [_, date, time, ..] => {
            NaiveDateTime::parse_from_str(&format!("{date} {time}"), "%Y/%m/%d %H:%M:%S")
                .ok()
                .map(|t| t.and_utc())
        }
        _ => None,
    }
}

#[derive(Default)]
struct Lease {
    mac: Option<MacAddr>,
    hostname: Option<String>,
    vendor_class: Option<String>,
    client_id: Option<String>,
    starts: Option<DateTime<Utc>>,
    ends: Option<DateTime<Utc>>,
    state: Option<String>,
}

fn string_arg(args: &[Tok]) -> Option<String> {
    args.iter().find_map(|t| match t {
        Tok::Str(s) => text::value(s),
        _ => None,
    })
}

fn hex(s: &str) -> String {
    s.bytes()
        .map(|b| format!("{b:02x}"))
        .collect::<Vec<_>>()
        .join(":")
}

/// Parses ISC dhcpd's `dhcpd.leases`: the last entry of each address wins
/// (the file is appended to); only active bindings are hosts.
pub fn parse_dhcpd(input: &str) -> Parsed {
    let mut out = Parsed::new(Source::DhcpLeases);
    let toks = tokens(input);
    let mut leases: std::collections::BTreeMap<Ipv4Addr, Lease> = Default::default();
    let mut i = 0;
    let mut skipped_blocks = 0usize;
    while i < toks.len() {
        match &toks[i] {
            Tok::Word(w) if w == "lease" => {
                let ip = match toks.get(i + 1) {
                    Some(Tok::Word(a)) => a.parse::<Ipv4Addr>().ok(),
                    _ => None,
                };
                if toks.get(i + 2) != Some(&Tok::Open) {
                    i += 1;
                    continue;
                }
                let (lease, next) = lease_body(&toks, i + 3);
                i = next;
                if let Some(ip) = ip {
                    leases.insert(ip, lease);
                }
            }
            Tok::Open => {
                // Some other block (host, failover, lease6, …): skip it whole.
                skipped_blocks += 1;
                i = skip_block(&toks, i + 1);
            }
            _ => i += 1,
        }
    }
    let mut inactive = 0usize;
    for (ip, l) in leases {
        if l.state.as_deref().is_some_and(|s| s != "active") {
            inactive += 1;
            continue;
        }
        if let Some(s) = l.starts {
            out.saw_time(s);
        }
        let Some(mac) = l.mac else {
            inactive += 1;
            continue;
        };
        let Some(seen) = out.hosts.claim(ip, mac) else {
            continue;
        };
        if seen.hostname.is_none() {
            seen.hostname = l.hostname.clone();
        }
        out.hosts.detail(
            Some(IpAddr::V4(ip)),
            Some(mac),
            Fact::Dhcp {
                hostname: l.hostname,
                vendor_class: l.vendor_class,
                client_id: l.client_id,
                parameter_list: None,
                lease_start: l.starts,
                lease_end: l.ends,
            },
        );
    }
    if inactive > 0 {
        out.limitations.push(format!(
            "dhcpd.leases: {inactive} leases not active (free, expired, abandoned or without MAC), not imported"
        ));
    }
    if skipped_blocks > 0 {
        out.limitations.push(format!(
            "dhcpd.leases: {skipped_blocks} blocks other than IPv4 leases ignored"
        ));
    }
    out
}

fn skip_block(toks: &[Tok], mut i: usize) -> usize {
    let mut depth = 1usize;
    while i < toks.len() && depth > 0 {
        match toks[i] {
            Tok::Open => depth += 1,
            Tok::Close => depth -= 1,
            _ => {}
        }
        i += 1;
    }
    i
}

fn lease_body(toks: &[Tok], mut i: usize) -> (Lease, usize) {
    let mut l = Lease::default();
    while i < toks.len() {
        if toks[i] == Tok::Close {
            return (l, i + 1);
        }
        let start = i;
        while i < toks.len() && !matches!(toks[i], Tok::Semi | Tok::Open | Tok::Close) {
            i += 1;
        }
        if toks.get(i) == Some(&Tok::Open) {
            i = skip_block(toks, i + 1);
            continue;
        }
        let stmt = &toks[start..i];
        if toks.get(i) == Some(&Tok::Semi) {
            i += 1;
        }
        let Some(Tok::Word(head)) = stmt.first() else {
            continue;
        };
        let args = &stmt[1..];
        let word = |n: usize| match args.get(n) {
            Some(Tok::Word(w)) => Some(w.as_str()),
            _ => None,
        };
        match head.as_str() {
            "starts" => l.starts = dhcpd_time(args),
            "ends" => l.ends = dhcpd_time(args),
            "binding" if word(0) == Some("state") => l.state = word(1).map(str::to_string),
            "hardware" if word(0) == Some("ethernet") => {
                l.mac = word(1).and_then(|m| m.parse().ok())
            }
            "client-hostname" => l.hostname = string_arg(args),
            "uid" => {
                l.client_id = match args.first() {
                    Some(Tok::Str(s)) => Some(text::bounded(&hex(s))),
                    Some(Tok::Word(w)) => text::value(w),
                    _ => None,
                }
            }
            "set" if word(0) == Some("vendor-class-identifier") => {
                l.vendor_class = string_arg(args)
            }
            _ => {}
        }
    }
    (l, i)
}

/// A header cell as compared: lower case, no spaces, no quotes.
fn header_key(h: &str) -> String {
    h.trim()
        .trim_matches('"')
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '\u{3000}')
        .flat_map(char::to_lowercase)
        .collect()
}

/// Header names of each column, in `Export-Csv` (property names, the same
/// in every Windows language) and in the DHCP console's "Export List"
/// (English and Japanese Windows).
const WIN_IP: &[&str] = &["ipaddress", "clientipaddress", "クライアントipアドレス"];
const WIN_ID: &[&str] = &["clientid", "uniqueid", "一意のid"];
const WIN_HOST: &[&str] = &["hostname", "name", "名前"];
const WIN_STATE: &[&str] = &["addressstate"];
const WIN_EXPIRY: &[&str] = &["leaseexpirytime", "leaseexpiration", "リースの有効期限"];

/// True if `header` (the first line of a file) is a Windows DHCP lease list.
pub fn is_windows_header(header: &str) -> bool {
    let cells: Vec<String> = header.split([',', '\t']).map(header_key).collect();
    let has = |names: &[&str]| cells.iter().any(|c| names.contains(&c.as_str()));
    has(WIN_IP) && has(WIN_ID)
}

/// A local date and time as Windows writes it in each culture:
/// `2026/12/04 10:00:00` (ja-JP), `12/4/2026 10:00:00 AM` (en-US),
/// `04/12/2026 10:00:00` (en-GB), `04.12.2026 10:00:00` (de-DE),
/// `2026-12-04T10:00:00` (ISO), with or without seconds, `午前`/`午後` too.
pub fn windows_local_time(s: &str) -> Option<NaiveDateTime> {
    let mut t = s.trim().replace('\u{3000}', " ");
    let mut pm = None;
    for (word, is_pm) in [
        ("午前", false),
        ("午後", true),
        ("AM", false),
        ("PM", true),
        ("am", false),
        ("pm", true),
    ] {
        if t.contains(word) {
            pm = Some(is_pm);
            t = t.replace(word, " ");
        }
    }
    let t = t.split_whitespace().collect::<Vec<_>>().join(" ");
    let (date, time) = t.split_once([' ', 'T'])?;
    let nums: Vec<&str> = date.split(['/', '-', '.']).collect();
    let [a, b, c] = nums.as_slice() else {
        return None;
    };
    let (y, m, d): (i32, u32, u32) = if a.len() == 4 {
        (a.parse().ok()?, b.parse().ok()?, c.parse().ok()?)
    } else if pm.is_some() {
        // With AM/PM: month first (en-US).
        (c.parse().ok()?, a.parse().ok()?, b.parse().ok()?)
    } else {
        // Without: day first (en-GB, de-DE and most others).
        (c.parse().ok()?, b.parse().ok()?, a.parse().ok()?)
    };
    let date = NaiveDate::from_ymd_opt(y, m, d)?;
    let hms: Vec<&str> = time.trim().split(':').collect();
    let (mut h, mi, sec): (u32, u32, u32) = match hms.as_slice() {
        [h, m] => (h.parse().ok()?, m.parse().ok()?, 0),
        [h, m, s] => (
            h.parse().ok()?,
            m.parse().ok()?,
            s.split('.').next()?.parse().ok()?,
        ),
        _ => return None,
    };
    match pm {
        Some(true) if h < 12 => h += 12,
        Some(false) if h == 12 => h = 0,
        _ => {}
    }
    date.and_hms_opt(h, mi, sec)
}

/// Parses the lease list of a Windows DHCP server: the CSV of
/// `Get-DhcpServerv4Lease | Export-Csv` (with or without the `#TYPE`
/// line), or the DHCP console's "Export List" (comma or tab separated,
/// English or Japanese headers); columns found by name. Only active leases
/// and reservations are hosts. Lease expiry times are the server's local
/// time, read in the zone `offset` (the site's, Asia/Tokyo by default).
pub fn parse_windows_csv_in(input: &str, offset: FixedOffset) -> Result<Parsed, String> {
    let mut out = Parsed::new(Source::DhcpLeases);
    let body: String = {
        let mut lines = input.trim_start_matches('\u{feff}').lines().peekable();
        while lines.peek().is_some_and(|l| l.starts_with('#')) {
            lines.next();
        }
        lines.collect::<Vec<_>>().join("\n")
    };
    let first = body.lines().next().unwrap_or("");
    let delimiter = if first.contains('\t') && !first.contains(',') {
        b'\t'
    } else {
        b','
    };
    let mut rdr = csv::ReaderBuilder::new()
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(body.as_bytes());
    let headers = rdr.headers().map_err(|e| e.to_string())?.clone();
    let col = |names: &[&str]| {
        headers
            .iter()
            .position(|h| names.contains(&header_key(h).as_str()))
    };
    let ip_col = col(WIN_IP).ok_or("no IPAddress column")?;
    let id_col = col(WIN_ID).ok_or("no ClientId column")?;
    let host_col = col(WIN_HOST);
    let state_col = col(WIN_STATE);
    let expiry_col = col(WIN_EXPIRY);
    let (mut inactive, mut bad, mut unread_times) = (0usize, 0usize, 0usize);
    for rec in rdr.records() {
        let Ok(rec) = rec else {
            bad += 1;
            continue;
        };
        let field = |c: Option<usize>| c.and_then(|c| rec.get(c)).map(str::trim);
        let Some(Ok(ip)) = field(Some(ip_col)).map(str::parse::<Ipv4Addr>) else {
            bad += 1;
            continue;
        };
        if let Some(state) = field(state_col) {
            if !state.is_empty() && !state.starts_with("Active") {
                inactive += 1;
                continue;
            }
        }
        let expiry = field(expiry_col).unwrap_or("");
        // The console writes the reservation's state where a lease has its expiry.
        let lower = expiry.to_lowercase();
        if lower.contains("inactive") || expiry.contains("非アクティブ") {
            inactive += 1;
            continue;
        }
        let lease_end =
            if expiry.is_empty() || lower.contains("reservation") || expiry.contains("予約") {
                None
            } else {
                match windows_local_time(expiry) {
                    Some(local) => local
                        .and_local_timezone(offset)
                        .single()
                        .map(|t| t.with_timezone(&Utc)),
                    None => {
                        unread_times += 1;
                        None
                    }
                }
            };
        let id = field(Some(id_col)).unwrap_or("");
        let hostname = field(host_col).and_then(text::value);
        let mac = id.parse::<MacAddr>().ok();
        let seen = match mac {
            Some(m) => out.hosts.claim(ip, m),
            None => out.hosts.entry(ip),
        };
        let Some(seen) = seen else { continue };
        if seen.hostname.is_none() {
            seen.hostname = hostname.clone();
        }
        out.hosts.detail(
            Some(IpAddr::V4(ip)),
            mac,
            Fact::Dhcp {
                hostname,
                vendor_class: None,
                client_id: text::value(id),
                parameter_list: None,
                lease_start: None,
                lease_end,
            },
        );
    }
    if expiry_col.is_some() {
        out.limitations.push(format!(
            "Windows DHCP: lease expiry times read as local time at UTC{offset}; the list gives no lease start, so the snapshot's time is the file's"
        ));
    } else {
        out.limitations
            .push("Windows DHCP: no lease expiry column; the snapshot's time is the file's".into());
    }
    if unread_times > 0 {
        out.limitations.push(format!(
            "Windows DHCP: {unread_times} lease expiry times not understood, left out"
        ));
    }
    if inactive > 0 {
        out.limitations.push(format!(
            "Windows DHCP: {inactive} leases not active (expired, declined, inactive reservations), not imported"
        ));
    }
    if bad > 0 {
        out.limitations
            .push(format!("Windows DHCP: {bad} rows not understood, ignored"));
    }
    Ok(out)
}

/// [`parse_windows_csv_in`] with times read in Asia/Tokyo.
pub fn parse_windows_csv(input: &str) -> Result<Parsed, String> {
    parse_windows_csv_in(input, crate::text::TimeZone::default().offset())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dnsmasq_leases() {
        let p = parse_dnsmasq(
            "1764900000 02:00:00:00:00:32 198.18.0.50 pc1 01:02:00:00:00:00:32\n\
             0 00:1a:2b:3c:4d:5e 198.18.0.51 * *\n\
             1764900000 1234 2001:db8::5 * 00:01:00:01\n\
             duid 00:01:00:01:2c:00:00:00\n\
             junk\n",
        );
        assert_eq!(p.hosts.len(), 2);
        assert!(p.limitations.iter().any(|l| l.contains("1 IPv6")));
        assert!(p.limitations.iter().any(|l| l.contains("1 lines")));
        let (hosts, details) = p.hosts.finish();
        assert_eq!(hosts[0].hostname.as_deref(), Some("pc1"));
        assert_eq!(hosts[1].hostname, None);
        assert_eq!(details.len(), 2);
        match &details[1].fact {
            Fact::Dhcp { lease_end, .. } => assert_eq!(*lease_end, None),
            f => panic!("{f:?}"),
        }
    }

    const DHCPD: &str = r#"# The format of this file is documented in the dhcpd.leases(5) manual page.
# This lease file was written by isc-dhcp-4.4.3
authoring-byte-order little-endian;
server-duid "\000\001\000\001";
lease 198.18.0.20 {
  starts 4 2026/12/03 10:00:00;
  ends 4 2026/12/03 22:00:00;
  binding state free;
  hardware ethernet 00:1a:2b:3c:4d:01;
}
lease 198.18.0.20 {
  starts 4 2026/12/03 11:00:00;
  ends 4 2026/12/03 23:00:00;
  cltt 4 2026/12/03 11:00:00;
  binding state active;
  next binding state free;
  hardware ethernet 00:1a:2b:3c:4d:02;
  uid "\001\000\032+<M\002";
  set vendor-class-identifier = "MSFT 5.0";
  client-hostname "US-\"01\"";
}
lease 198.18.0.21 {
  starts epoch 1796292000; # Thu Dec 03 10:00:00 2026
  ends never;
  binding state active;
  hardware ethernet 00:1a:2b:3c:4d:03;
  on expiry { set x = "y"; }
}
host fixed { hardware ethernet 00:1a:2b:3c:4d:09; fixed-address 198.18.0.99; }
lease 198.18.0.22 {
"#;

    #[test]
    fn dhcpd_leases_last_entry_wins() {
        let p = parse_dhcpd(DHCPD);
        assert_eq!(p.hosts.len(), 2, "{:?}", p.hosts);
        assert_eq!(p.started.unwrap().to_rfc3339(), "2026-12-03T10:00:00+00:00");
        assert_eq!(
            p.finished.unwrap().to_rfc3339(),
            "2026-12-03T11:00:00+00:00"
        );
        let (hosts, details) = p.hosts.finish();
        assert_eq!(hosts[0].mac.unwrap().to_string(), "00:1a:2b:3c:4d:02");
        assert_eq!(hosts[0].hostname.as_deref(), Some("US-\"01\""));
        match &details[0].fact {
            Fact::Dhcp {
                vendor_class,
                client_id,
                lease_end,
                ..
            } => {
                assert_eq!(vendor_class.as_deref(), Some("MSFT 5.0"));
                assert_eq!(client_id.as_deref(), Some("01:00:1a:2b:3c:4d:02"));
                assert!(lease_end.is_some());
            }
            f => panic!("{f:?}"),
        }
        match &details[1].fact {
            Fact::Dhcp { lease_end, .. } => assert_eq!(*lease_end, None),
            f => panic!("{f:?}"),
        }
    }

    #[test]
    fn windows_csv_in_its_encodings() {
        let csv = "#TYPE Microsoft.Management.Infrastructure.CimInstance#root/Microsoft/Windows/DHCP/DhcpServerv4Lease\r\n\
\"IPAddress\",\"ScopeId\",\"AddressState\",\"ClientId\",\"ClientType\",\"Description\",\"HostName\",\"LeaseExpiryTime\"\r\n\
\"198.18.0.30\",\"198.18.0.0\",\"Active\",\"00-1a-2b-3c-4d-30\",\"Dhcp\",\"\",\"放射線科-PC01.hosp.local\",\"2026/12/04 10:00:00\"\r\n\
\"198.18.0.31\",\"198.18.0.0\",\"ActiveReservation\",\"00-1a-2b-3c-4d-31\",\"Dhcp\",\"\",\"\",\"\"\r\n\
\"198.18.0.32\",\"198.18.0.0\",\"Expired\",\"00-1a-2b-3c-4d-32\",\"Dhcp\",\"\",\"old\",\"\"\r\n";
        let mut utf16 = vec![0xff, 0xfe];
        for u in csv.encode_utf16() {
            utf16.extend_from_slice(&u.to_le_bytes());
        }
        let mut bom8 = b"\xef\xbb\xbf".to_vec();
        bom8.extend_from_slice(csv.as_bytes());
        let (sjis, _, _) = encoding_rs::SHIFT_JIS.encode(csv);
        for bytes in [utf16, bom8, sjis.into_owned()] {
            let p = parse_windows_csv(&text::decode(&bytes)).unwrap();
            assert_eq!(p.hosts.len(), 2);
            let (hosts, _) = p.hosts.finish();
            assert_eq!(
                hosts[0].hostname.as_deref(),
                Some("放射線科-PC01.hosp.local")
            );
            assert_eq!(hosts[0].mac.unwrap().to_string(), "00:1a:2b:3c:4d:30");
        }
        assert!(parse_windows_csv("a,b\n1,2\n").is_err());
    }

    #[test]
    fn windows_lease_times_in_each_culture() {
        let t = |s: &str| windows_local_time(s).map(|t| t.to_string());
        let want = Some("2026-12-04 22:05:09".to_string());
        for s in [
            "2026/12/04 22:05:09",
            "2026/12/4 22:05:09",
            "2026/12/04 午後 10:05:09",
            "12/4/2026 10:05:09 PM",
            "04/12/2026 22:05:09",
            "04.12.2026 22:05:09",
            "2026-12-04T22:05:09",
            "2026-12-04 22:05:09.123",
        ] {
            assert_eq!(t(s), want, "{s}");
        }
        assert_eq!(
            t("12/4/2026 12:05 AM").as_deref(),
            Some("2026-12-04 00:05:00")
        );
        assert_eq!(
            t("2026/12/04 午前 12:00:00").as_deref(),
            Some("2026-12-04 00:00:00")
        );
        for bad in [
            "",
            "never",
            "2026/13/04 10:00:00",
            "2026/12/04",
            "12/4 10:00",
        ] {
            assert_eq!(t(bad), None, "{bad}");
        }
    }

    #[test]
    fn windows_lease_expiry_is_read_in_the_sites_zone() {
        let csv =
            "\"IPAddress\",\"ClientId\",\"AddressState\",\"HostName\",\"LeaseExpiryTime\"\r\n\
\"198.18.0.30\",\"00-1a-2b-3c-4d-30\",\"Active\",\"pc30\",\"12/4/2026 10:00:00 PM\"\r\n\
\"198.18.0.31\",\"00-1a-2b-3c-4d-31\",\"ActiveReservation\",\"\",\"\"\r\n";
        let p = parse_windows_csv(csv).unwrap();
        let (_, details) = p.hosts.finish();
        match &details[0].fact {
            Fact::Dhcp { lease_end, .. } => assert_eq!(
                lease_end.map(|t| t.to_rfc3339()).as_deref(),
                Some("2026-12-04T13:00:00+00:00")
            ),
            f => panic!("{f:?}"),
        }
        match &details[1].fact {
            Fact::Dhcp { lease_end, .. } => assert_eq!(*lease_end, None),
            f => panic!("{f:?}"),
        }
        let utc = FixedOffset::east_opt(0).unwrap();
        let p = parse_windows_csv_in(csv, utc).unwrap();
        let (_, details) = p.hosts.finish();
        assert!(matches!(&details[0].fact,
            Fact::Dhcp { lease_end: Some(t), .. } if t.to_rfc3339() == "2026-12-04T22:00:00+00:00"));
    }

    #[test]
    fn the_dhcp_consoles_export_list_in_japanese_and_english() {
        // 「一覧のエクスポート」 of the DHCP console, Japanese Windows, tab separated.
        let ja = "クライアント IP アドレス\t名前\tリースの有効期限\t種類\t一意の ID\t説明\r\n\
198.18.0.40\t放射線科-PC02.hosp.local\t2026/12/05 9:30:00\tDHCP\t001a2b3c4d40\t\r\n\
198.18.0.41\tprinter01\t予約 (アクティブ)\tDHCP\t001a2b3c4d41\t\r\n\
198.18.0.42\told\t予約 (非アクティブ)\tDHCP\t001a2b3c4d42\t\r\n";
        let en = "Client IP Address,Name,Lease Expiration,Type,Unique ID,Description\r\n\
198.18.0.40,pc02,12/5/2026 9:30:00 AM,DHCP,001a2b3c4d40,\r\n\
198.18.0.41,printer01,Reservation (active),DHCP,001a2b3c4d41,\r\n\
198.18.0.42,old,Reservation (inactive),DHCP,001a2b3c4d42,\r\n";
        let mut utf16 = vec![0xff, 0xfe];
        for u in ja.encode_utf16() {
            utf16.extend_from_slice(&u.to_le_bytes());
        }
        let (sjis, _, _) = encoding_rs::SHIFT_JIS.encode(ja);
        for bytes in [utf16, sjis.into_owned(), en.as_bytes().to_vec()] {
            assert_eq!(
                crate::import::detect(&bytes),
                Some(crate::import::Format::WindowsDhcp)
            );
            let p = parse_windows_csv(&text::decode(&bytes)).unwrap();
            assert_eq!(p.hosts.len(), 2, "{:?}", p.limitations);
            assert!(p
                .limitations
                .iter()
                .any(|l| l.contains("1 leases not active")));
            let (hosts, details) = p.hosts.finish();
            assert_eq!(hosts[0].mac.unwrap().to_string(), "00:1a:2b:3c:4d:40");
            assert!(matches!(&details[0].fact,
                Fact::Dhcp { lease_end: Some(t), .. } if t.to_rfc3339() == "2026-12-05T00:30:00+00:00"));
            assert!(matches!(
                &details[1].fact,
                Fact::Dhcp {
                    lease_end: None,
                    ..
                }
            ));
        }
    }
}
