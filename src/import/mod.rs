//! What other tools saw, as snapshots: nmap XML, arp-scan output, DHCP
//! servers' leases (dnsmasq, ISC dhcpd, Windows Server's CSV) and packet
//! captures (pcap/pcapng).
//!
//! Every file is hostile: the parsers never panic, read a bounded amount
//! per record, and cap the host table at [`MAX_HOSTS`]. Each file becomes
//! one [`Snapshot`] whose `source` says where it came from and whose
//! start/finish are the file's own time window (nmap's start and end, the
//! first and last packet, the lease times). See docs/import.md.

use std::collections::BTreeMap;
use std::fs::File;
use std::io::{self, Read};
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};
use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use ipnetwork::IpNetwork;

use crate::mac::MacAddr;
use crate::scan::evidence::{self, Observed};
use crate::snapshot::{
    Detail, ExternalEvidence, Fact, Host, HostFlag, OpenPort, Proto, ScanSettings, Snapshot,
    Source, FORMAT_NAME, FORMAT_VERSION,
};

pub mod arpscan;
pub mod leases;
pub mod nmap;
pub mod pcap;
pub mod text;
pub mod wire;

/// Most hosts one import or capture keeps; beyond, hosts are counted and dropped.
pub const MAX_HOSTS: usize = 100_000;
/// Most details (OS matches, names, …) kept per import.
pub const MAX_DETAILS: usize = 400_000;
/// Longest text value kept (host names, vendor classes, products), in characters.
pub const MAX_TEXT: usize = 255;

/// The formats `koseizu import` reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    /// pcap or pcapng.
    Pcap,
    /// nmap `-oX`.
    Nmap,
    /// arp-scan, default or `--plain`.
    ArpScan,
    /// dnsmasq's lease file.
    Dnsmasq,
    /// ISC dhcpd's `dhcpd.leases`.
    Dhcpd,
    /// `Get-DhcpServerv4Lease | Export-Csv` from Windows Server.
    WindowsDhcp,
}

impl Format {
    /// The name used on the command line.
    pub fn name(self) -> &'static str {
        match self {
            Format::Pcap => "pcap",
            Format::Nmap => "nmap",
            Format::ArpScan => "arp-scan",
            Format::Dnsmasq => "dnsmasq",
            Format::Dhcpd => "dhcpd",
            Format::WindowsDhcp => "windows-dhcp",
        }
    }
}

/// Why a file could not be imported.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    /// The file could not be read.
    #[error("{}: {source}", .path.display())]
    Io {
        /// File.
        path: PathBuf,
        /// Cause.
        source: io::Error,
    },
    /// `--format auto` did not recognise the content.
    #[error("{}: not in any format koseizu imports (pcap, pcapng, nmap XML, arp-scan, dnsmasq leases, dhcpd.leases, Windows DHCP CSV)", .path.display())]
    Unknown {
        /// File.
        path: PathBuf,
    },
    /// The content is not valid for its format.
    #[error("{}: {format}: {message}", .path.display(), format = .format.name())]
    Invalid {
        /// File.
        path: PathBuf,
        /// The format it was read as.
        format: Format,
        /// What is wrong (line or offset included where known).
        message: String,
    },
}

/// What a parser found, before it becomes a snapshot.
#[derive(Debug, Clone, PartialEq)]
pub struct Parsed {
    /// Where it came from.
    pub source: Source,
    /// Start of the time window, if the content says.
    pub started: Option<DateTime<Utc>>,
    /// End of the time window, if the content says.
    pub finished: Option<DateTime<Utc>>,
    /// The file was cut off or the run interrupted.
    pub partial: bool,
    /// Interface named in the content.
    pub interface: Option<String>,
    /// Networks swept (nmap's targets); empty for sources that do not sweep.
    pub scopes: Vec<IpNetwork>,
    /// Ports probed, when the content says (nmap's scaninfo).
    pub tcp_ports: Vec<u16>,
    /// UDP ports probed.
    pub udp_ports: Vec<u16>,
    /// The hosts.
    pub hosts: HostTable,
    /// What the source could not tell.
    pub limitations: Vec<String>,
    /// How long the run took, when the content gives no times but a length
    /// (arp-scan's footer): the window then ends at the file's modification time.
    pub run_length: Option<chrono::Duration>,
}

impl Parsed {
    /// An empty result for `source`.
    pub fn new(source: Source) -> Parsed {
        Parsed {
            source,
            started: None,
            finished: None,
            partial: false,
            interface: None,
            scopes: Vec::new(),
            tcp_ports: Vec::new(),
            udp_ports: Vec::new(),
            hosts: HostTable::default(),
            limitations: Vec::new(),
            run_length: None,
        }
    }

    /// Widens the time window to hold `t`.
    pub fn saw_time(&mut self, t: DateTime<Utc>) {
        self.started = Some(self.started.map_or(t, |s| s.min(t)));
        self.finished = Some(self.finished.map_or(t, |f| f.max(t)));
    }

    /// The snapshot: `fallback_time` (the file's modification time) stands
    /// in for a window the content does not give; `file` is the name recorded.
    pub fn into_snapshot(mut self, fallback_time: DateTime<Utc>, file: &str) -> Snapshot {
        let started = self.started.unwrap_or_else(|| {
            self.run_length
                .and_then(|d| fallback_time.checked_sub_signed(d))
                .unwrap_or(fallback_time)
        });
        if self.started.is_none() && self.finished.is_none() {
            self.finished = Some(fallback_time);
        }
        let finished = self.finished.unwrap_or(started).max(started);
        if self.hosts.dropped > 0 {
            self.limitations.push(format!(
                "host table full: {} further hosts were not kept (cap {MAX_HOSTS})",
                self.hosts.dropped
            ));
        }
        if self.hosts.dropped_details > 0 {
            self.limitations.push(format!(
                "{} further details were not kept (cap {MAX_DETAILS})",
                self.hosts.dropped_details
            ));
        }
        if !self.source.sweeps() {
            self.limitations.push(format!(
                "{} only shows what it saw: a device absent from it is not proven absent",
                self.source.as_str()
            ));
        }
        let (hosts, details) = self.hosts.finish();
        Snapshot {
            format: FORMAT_NAME.into(),
            version: FORMAT_VERSION,
            source: self.source,
            imported_from: Some(text::bounded(file)),
            started,
            finished,
            partial: self.partial,
            interface: self.interface.unwrap_or_default(),
            scanner_ip: None,
            scanner_mac: None,
            default_gateway: None,
            scopes: self.scopes,
            settings: ScanSettings {
                rate_pps: 0,
                host_rate_pps: 0,
                tcp_ports: self.tcp_ports,
                udp_ports: self.udp_ports,
                outside_probe: None,
                excluded: Vec::new(),
                unprivileged: false,
            },
            hosts,
            limitations: self.limitations,
            switching: None,
            details,
        }
    }
}

/// What is known of one IPv4 host while a file is read.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Seen {
    /// First MAC seen for the IP.
    pub mac: Option<MacAddr>,
    /// Further MACs claiming the IP.
    pub other_macs: Vec<MacAddr>,
    /// The source itself reported a conflict (arp-scan's DUP).
    pub conflict: bool,
    /// A name.
    pub hostname: Option<String>,
    /// Vendor text from the source, used when the IEEE registry has none.
    pub vendor: Option<String>,
    /// Open ports with the source's service name.
    pub ports: BTreeMap<(Proto, u16), Option<String>>,
    /// External-facing evidence found by the source itself (a capture's
    /// forwarding evidence).
    pub external: Vec<ExternalEvidence>,
}

/// The hosts of one import, by IPv4 address (and by IPv6 address for
/// sources that list IPv6-only hosts, as nmap `-6` does), capped at
/// [`MAX_HOSTS`] together.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct HostTable {
    hosts: BTreeMap<Ipv4Addr, Seen>,
    v6: BTreeMap<Ipv6Addr, Seen>,
    details: Vec<Detail>,
    /// Hosts not kept because the table was full.
    pub dropped: u64,
    /// Details not kept because their list was full.
    pub dropped_details: u64,
}

/// Most MACs kept per IP.
const MAX_MACS_PER_IP: usize = 16;

impl HostTable {
    /// The entry for `ip`, created if there is room.
    pub fn entry(&mut self, ip: Ipv4Addr) -> Option<&mut Seen> {
        if !self.hosts.contains_key(&ip) && self.len() >= MAX_HOSTS {
            self.dropped += 1;
            return None;
        }
        Some(self.hosts.entry(ip).or_default())
    }

    /// The entry for the IPv6 host `ip` (a host known by IPv6 alone),
    /// created if there is room.
    pub fn entry_v6(&mut self, ip: Ipv6Addr) -> Option<&mut Seen> {
        if !self.v6.contains_key(&ip) && self.len() >= MAX_HOSTS {
            self.dropped += 1;
            return None;
        }
        Some(self.v6.entry(ip).or_default())
    }

    /// The entry for `ip` of either family, created if there is room.
    pub fn entry_ip(&mut self, ip: IpAddr) -> Option<&mut Seen> {
        match ip {
            IpAddr::V4(v4) => self.entry(v4),
            IpAddr::V6(v6) => self.entry_v6(v6),
        }
    }

    /// Records that `mac` claims `ip` (a second MAC is a conflict).
    pub fn claim(&mut self, ip: Ipv4Addr, mac: MacAddr) -> Option<&mut Seen> {
        self.claim_ip(IpAddr::V4(ip), mac)
    }

    /// [`HostTable::claim`] for an address of either family.
    pub fn claim_ip(&mut self, ip: IpAddr, mac: MacAddr) -> Option<&mut Seen> {
        let e = self.entry_ip(ip)?;
        match e.mac {
            None => e.mac = Some(mac),
            Some(m) if m == mac => {}
            Some(_) => {
                if !e.other_macs.contains(&mac) && e.other_macs.len() < MAX_MACS_PER_IP {
                    e.other_macs.push(mac);
                }
            }
        }
        Some(e)
    }

    /// The IPs claimed by `mac`.
    pub fn ips_of(&self, mac: MacAddr) -> Vec<Ipv4Addr> {
        self.hosts
            .iter()
            .filter(|(_, s)| s.mac == Some(mac))
            .map(|(ip, _)| *ip)
            .collect()
    }

    /// Adds `evidence` to every host whose IP `mac` claims; false when the
    /// MAC showed no local address (nothing to attach it to).
    pub fn attach_to_mac(&mut self, mac: MacAddr, evidence: &ExternalEvidence) -> bool {
        let ips = self.ips_of(mac);
        for ip in &ips {
            if let Some(seen) = self.entry(*ip) {
                seen.external.push(evidence.clone());
            }
        }
        !ips.is_empty()
    }

    /// Every kept host, mutable, by IP.
    pub fn iter_mut(&mut self) -> impl Iterator<Item = (&Ipv4Addr, &mut Seen)> {
        self.hosts.iter_mut()
    }

    /// Number of hosts kept.
    pub fn len(&self) -> usize {
        self.hosts.len() + self.v6.len()
    }

    /// True if no host was kept.
    pub fn is_empty(&self) -> bool {
        self.hosts.is_empty() && self.v6.is_empty()
    }

    /// The entry for `ip`, if kept.
    pub fn get(&self, ip: Ipv4Addr) -> Option<&Seen> {
        self.hosts.get(&ip)
    }

    /// Adds a detail, unless the list is full.
    pub fn detail(&mut self, ip: Option<IpAddr>, mac: Option<MacAddr>, fact: Fact) {
        if self.details.len() >= MAX_DETAILS {
            self.dropped_details += 1;
            return;
        }
        self.details.push(Detail { ip, mac, fact });
    }

    /// The snapshot's hosts (sorted by IP, IPv4 first) and details.
    pub fn finish(self) -> (Vec<Host>, Vec<Detail>) {
        let v4 = self
            .hosts
            .into_iter()
            .map(|(ip, seen)| (IpAddr::V4(ip), seen));
        let v6 = self.v6.into_iter().map(|(ip, seen)| (IpAddr::V6(ip), seen));
        let hosts = v4.chain(v6).map(|(ip, seen)| host_of(ip, seen)).collect();
        (hosts, self.details)
    }
}

/// The snapshot host for what was seen at `ip`.
fn host_of(ip: IpAddr, seen: Seen) -> Host {
    let observed = Observed {
        mac: seen.mac,
        other_macs: seen.other_macs.clone(),
        ports: seen.ports.keys().copied().collect(),
        ..Observed::default()
    };
    let v4 = match ip {
        IpAddr::V4(v4) => v4,
        IpAddr::V6(_) => Ipv4Addr::UNSPECIFIED,
    };
    let mut host = evidence::host(v4, &observed, None);
    host.ip = ip;
    if host.vendor.is_none() {
        host.vendor = seen.vendor.clone();
    }
    host.hostname = seen.hostname.clone();
    for e in &seen.external {
        if !host.external.contains(e) {
            host.external.push(e.clone());
        }
    }
    if seen.conflict && !host.flags.contains(&HostFlag::IpConflict) {
        host.flags.push(HostFlag::IpConflict);
        host.flags.sort();
    }
    host.ports = seen
        .ports
        .iter()
        .map(|(&(proto, port), name)| OpenPort {
            proto,
            port,
            service: name
                .clone()
                .or_else(|| evidence::service_name(proto, port).map(str::to_string)),
        })
        .collect();
    host
}

/// How many bytes of a file `auto` looks at.
const SNIFF_BYTES: usize = 16 * 1024;

/// Recognises a format from the first bytes of a file's content (its name
/// is not looked at). `None`: no known format.
pub fn detect(head: &[u8]) -> Option<Format> {
    if head.len() >= 4 {
        let m = [head[0], head[1], head[2], head[3]];
        let pcap_magics: [[u8; 4]; 5] = [
            [0xd4, 0xc3, 0xb2, 0xa1],
            [0xa1, 0xb2, 0xc3, 0xd4],
            [0x4d, 0x3c, 0xb2, 0xa1],
            [0xa1, 0xb2, 0x3c, 0x4d],
            [0x0a, 0x0d, 0x0d, 0x0a],
        ];
        if pcap_magics.contains(&m) {
            return Some(Format::Pcap);
        }
    }
    let text = text::decode(head);
    // A cut multi-byte character or UTF-16 half at the end is harmless here.
    let t = text.trim_start_matches('\u{feff}').trim_start();
    if (t.starts_with("<?xml") || t.starts_with("<!DOCTYPE") || t.starts_with("<nmaprun"))
        && t.contains("<nmaprun")
    {
        return Some(Format::Nmap);
    }
    let mut lines = t.lines().map(str::trim).filter(|l| !l.is_empty());
    let first_lines: Vec<&str> = lines.by_ref().take(40).collect();
    if first_lines.iter().any(|l| {
        l.starts_with("Starting arp-scan")
            || (l.starts_with("Interface: ") && l.contains(", type: "))
    }) {
        return Some(Format::ArpScan);
    }
    let content: Vec<&str> = first_lines
        .iter()
        .copied()
        .filter(|l| !l.starts_with('#'))
        .collect();
    if let Some(first) = content.first() {
        if leases::is_windows_header(first) {
            return Some(Format::WindowsDhcp);
        }
    }
    if content
        .iter()
        .any(|l| l.starts_with("lease ") && l.contains('{'))
        || t.contains("dhcpd.leases(5)")
    {
        return Some(Format::Dhcpd);
    }
    if !content.is_empty() && content.iter().all(|l| arpscan::is_host_line(l)) {
        return Some(Format::ArpScan);
    }
    if !content.is_empty() && content.iter().all(|l| leases::is_dnsmasq_line(l)) {
        return Some(Format::Dnsmasq);
    }
    None
}

/// Reads `path` as `format` (`None`: recognise it from the content) and
/// returns its snapshot; local times in the file (Windows DHCP) are read
/// in Asia/Tokyo.
pub fn import_file(path: &Path, format: Option<Format>) -> Result<Snapshot, ImportError> {
    import_file_in(path, format, &crate::text::TimeZone::default())
}

/// The `timezone` of the site at `dir` (`site.toml`), Asia/Tokyo when it
/// has none or cannot be read (the site reader reports those problems).
pub fn site_zone(dir: &Path) -> crate::text::TimeZone {
    std::fs::read_to_string(dir.join("site.toml"))
        .ok()
        .and_then(|t| t.parse::<toml::Table>().ok())
        .and_then(|t| t.get("timezone")?.as_str()?.parse().ok())
        .unwrap_or_default()
}

/// [`import_file`] with local times in the file read in `zone` (the site's).
pub fn import_file_in(
    path: &Path,
    format: Option<Format>,
    zone: &crate::text::TimeZone,
) -> Result<Snapshot, ImportError> {
    let io_err = |source| ImportError::Io {
        path: path.into(),
        source,
    };
    let mut file = File::open(path).map_err(io_err)?;
    let meta = file.metadata().map_err(io_err)?;
    let mtime: DateTime<Utc> = meta
        .modified()
        .map(DateTime::from)
        .unwrap_or_else(|_| Utc::now());
    let format = match format {
        Some(f) => f,
        None => {
            let mut head = Vec::with_capacity(SNIFF_BYTES);
            (&mut file)
                .take(SNIFF_BYTES as u64)
                .read_to_end(&mut head)
                .map_err(io_err)?;
            detect(&head).ok_or_else(|| ImportError::Unknown { path: path.into() })?
        }
    };
    let file = File::open(path).map_err(io_err)?;
    let invalid = |message: String| ImportError::Invalid {
        path: path.into(),
        format,
        message,
    };
    let parsed = match format {
        Format::Nmap => nmap::parse(io::BufReader::new(file)).map_err(invalid)?,
        Format::ArpScan => arpscan::parse(&text::read_text(file).map_err(io_err)?),
        Format::Dnsmasq => leases::parse_dnsmasq(&text::read_text(file).map_err(io_err)?),
        Format::Dhcpd => leases::parse_dhcpd(&text::read_text(file).map_err(io_err)?),
        Format::WindowsDhcp => {
            leases::parse_windows_csv_in(&text::read_text(file).map_err(io_err)?, zone.offset())
                .map_err(invalid)?
        }
        Format::Pcap => pcap::read(file).map_err(invalid)?,
    };
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    Ok(parsed.into_snapshot(mtime, &name))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_are_recognised_by_content() {
        assert_eq!(detect(&[0xd4, 0xc3, 0xb2, 0xa1, 2, 0]), Some(Format::Pcap));
        assert_eq!(detect(&[0x0a, 0x0d, 0x0d, 0x0a, 0, 0]), Some(Format::Pcap));
        assert_eq!(
            detect(b"<?xml version=\"1.0\"?>\n<!DOCTYPE nmaprun>\n<nmaprun scanner=\"nmap\">"),
            Some(Format::Nmap)
        );
        assert_eq!(
            detect(b"Interface: eth0, type: EN10MB, MAC: 02:00:00:00:00:01, IPv4: 198.18.0.2\n"),
            Some(Format::ArpScan)
        );
        assert_eq!(
            detect(b"198.18.0.1\t02:00:00:00:00:01\t(Unknown: locally administered)\n"),
            Some(Format::ArpScan)
        );
        assert_eq!(
            detect(b"1764900000 02:00:00:00:00:01 198.18.0.50 pc1 01:02:00:00:00:00:00:01\n"),
            Some(Format::Dnsmasq)
        );
        assert_eq!(
            detect(b"# The format of this file is documented in the dhcpd.leases(5) manual page.\nlease 198.18.0.5 {\n"),
            Some(Format::Dhcpd)
        );
        assert_eq!(
            detect(b"#TYPE Microsoft.Management.Infrastructure.CimInstance\n\"IPAddress\",\"ScopeId\",\"ClientId\"\n"),
            Some(Format::WindowsDhcp)
        );
        let mut utf16 = vec![0xff, 0xfe];
        for u in "\"IPAddress\",\"ClientId\"\r\n".encode_utf16() {
            utf16.extend_from_slice(&u.to_le_bytes());
        }
        assert_eq!(detect(&utf16), Some(Format::WindowsDhcp));
        assert_eq!(detect(b"hello world\n"), None);
        assert_eq!(detect(b""), None);
        assert_eq!(detect(b"{\"format\":\"koseizu-snapshot\"}"), None);
    }

    #[test]
    fn the_host_table_is_capped() {
        let mut t = HostTable::default();
        for i in 0..(MAX_HOSTS as u32 + 10) {
            t.claim(
                Ipv4Addr::from(0x0a00_0000 + i),
                MacAddr::new([0, 1, 2, 3, 4, 5]),
            );
        }
        assert_eq!(t.len(), MAX_HOSTS);
        assert_eq!(t.dropped, 10);
    }

    #[test]
    fn a_second_mac_for_an_ip_is_a_conflict() {
        let mut t = HostTable::default();
        let ip = Ipv4Addr::new(198, 18, 0, 5);
        t.claim(ip, MacAddr::new([0, 0x11, 0x22, 0, 0, 1]));
        t.claim(ip, MacAddr::new([0, 0x11, 0x22, 0, 0, 1]));
        t.claim(ip, MacAddr::new([0, 0x11, 0x22, 0, 0, 2]));
        let (hosts, _) = t.finish();
        assert_eq!(hosts.len(), 1);
        assert_eq!(hosts[0].other_macs.len(), 1);
        assert!(hosts[0].flags.contains(&HostFlag::IpConflict));
    }
}
