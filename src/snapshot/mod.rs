//! The scan-result format: one versioned JSON document per scan run.
//!
//! Snapshots live in `SITE/scans/` under a UTC timestamp name
//! (`2026-11-27T061500Z.json`), are written atomically and are never
//! rewritten: quarterly rescans are compared by `diff`. See docs/snapshot-format.md.
//! [`archive`] lists them and chooses which to load.

use std::fs;
use std::io::{self, Write};
use std::net::{IpAddr, Ipv4Addr};
use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use ipnetwork::IpNetwork;
use serde::{Deserialize, Serialize};

use crate::mac::MacAddr;

pub mod archive;
pub mod switching;

pub use archive::{
    latest_pair, latest_per_scope, list_site_snapshots, read_head, Archive, ArchiveEntry,
    SnapshotHead,
};

/// Value of the `format` field, identifying a koseizu snapshot.
pub const FORMAT_NAME: &str = "koseizu-snapshot";
/// Current format version. Readers accept this version and older ones they know.
pub const FORMAT_VERSION: u32 = 1;

/// One scan run.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Snapshot {
    /// Always [`FORMAT_NAME`].
    pub format: String,
    /// Format version, [`FORMAT_VERSION`] when written.
    pub version: u32,
    /// Where the hosts came from: an active scan, a capture, an imported
    /// file. Left out for a scan, so a scan's snapshot is byte for byte what
    /// it was before the field existed; absent means `scan`.
    #[serde(default, skip_serializing_if = "Source::is_scan")]
    pub source: Source,
    /// For an import: the name of the file read (hostile text: escape on output).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub imported_from: Option<String>,
    /// When the scan started (UTC).
    pub started: DateTime<Utc>,
    /// When it ended (UTC).
    pub finished: DateTime<Utc>,
    /// True if the scan was interrupted (Ctrl-C) or cut short: absence proves nothing.
    pub partial: bool,
    /// Interface scanned from.
    pub interface: String,
    /// The scanner's own IPv4 address on that interface.
    pub scanner_ip: Option<IpAddr>,
    /// The scanner's own MAC.
    pub scanner_mac: Option<MacAddr>,
    /// The scanning host's default gateway, if it has one on this interface.
    pub default_gateway: Option<IpAddr>,
    /// Networks scanned.
    pub scopes: Vec<IpNetwork>,
    /// Settings the scan ran with.
    pub settings: ScanSettings,
    /// Hosts found, sorted by IP.
    pub hosts: Vec<Host>,
    /// Things the scan could not do (e.g. unprivileged mode: no ARP, no gateway probe).
    #[serde(default)]
    pub limitations: Vec<String>,
    /// What SNMP polling read from the switches (`source: snmp`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub switching: Option<switching::Switching>,
    /// What a source learned about hosts beyond the host fields (nmap's OS
    /// matches and products, DHCP fingerprints, lease times, names heard);
    /// empty for an active scan.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub details: Vec<Detail>,
}

/// One fact a source learned about a host, named by its IP and MAC.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Detail {
    /// The host's IP, if known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ip: Option<IpAddr>,
    /// The host's MAC, if known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mac: Option<MacAddr>,
    /// What was learned.
    #[serde(flatten)]
    pub fact: Fact,
}

/// What a source learned (all strings are hostile text: escape on output).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum Fact {
    /// An operating-system match (nmap `-O`).
    Os {
        /// The match's name.
        name: String,
        /// nmap's accuracy, percent.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        accuracy: Option<u8>,
    },
    /// A service identified on an open port (nmap `-sV`).
    Service {
        /// Protocol.
        proto: Proto,
        /// Port.
        port: u16,
        /// Product.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        product: Option<String>,
        /// Version.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        version: Option<String>,
    },
    /// What a DHCP client said about itself, and the lease it holds.
    Dhcp {
        /// Host name (option 12).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        hostname: Option<String>,
        /// Vendor class (option 60).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        vendor_class: Option<String>,
        /// Client identifier (option 61), hex.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        client_id: Option<String>,
        /// Parameter-request list (option 55) as a fingerprint, `1,3,6,15`.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        parameter_list: Option<String>,
        /// Lease start, when known.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        lease_start: Option<DateTime<Utc>>,
        /// Lease end, when known (none: infinite or unknown).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        lease_end: Option<DateTime<Utc>>,
    },
    /// What a DHCP server handed out, seen in its offers and acks.
    DhcpServer {
        /// Routers (option 3).
        routers: Vec<Ipv4Addr>,
    },
    /// What the host announced about itself in LLDP.
    Lldp {
        /// Chassis id.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        chassis_id: Option<String>,
        /// Port id.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        port_id: Option<String>,
        /// System name.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        system_name: Option<String>,
        /// System description.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        system_description: Option<String>,
        /// Enabled capabilities (`bridge`, `router`, …).
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        capabilities: Vec<String>,
        /// Management address.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        management: Option<IpAddr>,
    },
    /// What the host announced about itself in CDP (Cisco Discovery Protocol).
    Cdp {
        /// Device id: the system's name.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        device_id: Option<String>,
        /// Port id.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        port_id: Option<String>,
        /// Platform (the model).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        platform: Option<String>,
        /// Software version, its first line.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        software: Option<String>,
        /// Capabilities (`router`, `switch`, …).
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        capabilities: Vec<String>,
        /// Management address.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        management: Option<IpAddr>,
    },
    /// Remote access seen in use (a capture): a session to a remote-access
    /// service, which side served it, the peer, and when.
    RemoteSession {
        /// `RDP`, `VNC`, `TeamViewer`, `AnyDesk`, `IKE`, `OpenVPN`, `SSL-VPN`.
        service: String,
        /// Protocol.
        proto: Proto,
        /// The server's port.
        port: u16,
        /// The side that served (this detail's `ip` is the LAN side).
        server: IpAddr,
        /// The side that connected.
        client: IpAddr,
        /// True if the peer of the LAN side is outside every local subnet.
        outside_peer: bool,
        /// First packet seen.
        first: DateTime<Utc>,
        /// Last packet seen.
        last: DateTime<Utc>,
    },
    /// The IPv6 addresses a MAC used (Neighbour Discovery, Router
    /// Advertisements), the first few.
    Ipv6 {
        /// The addresses.
        addresses: Vec<std::net::Ipv6Addr>,
    },
    /// A name the host is known by, and how it was learned (`dns`, `mdns`, …).
    Name {
        /// How it was learned.
        via: String,
        /// The name.
        name: String,
    },
}

/// Where a snapshot's hosts came from.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize,
)]
#[serde(rename_all = "kebab-case")]
pub enum Source {
    /// `koseizu scan`: an active sweep of its scopes.
    #[default]
    Scan,
    /// `koseizu listen` or an imported pcap/pcapng file: traffic seen in a
    /// time window.
    Capture,
    /// An nmap XML file (`-oX`): a sweep of the targets it names.
    Nmap,
    /// arp-scan output.
    ArpScan,
    /// A DHCP server's leases (dnsmasq, ISC dhcpd, Windows Server).
    DhcpLeases,
    /// `koseizu poll`: switch and router tables read over SNMP.
    Snmp,
}

impl Source {
    /// The word used in the snapshot and in reports (`scan`, `capture`, …).
    pub fn as_str(self) -> &'static str {
        match self {
            Source::Scan => "scan",
            Source::Capture => "capture",
            Source::Nmap => "nmap",
            Source::ArpScan => "arp-scan",
            Source::DhcpLeases => "dhcp-leases",
            Source::Snmp => "snmp",
        }
    }

    /// True for [`Source::Scan`] (left out of the JSON).
    pub fn is_scan(&self) -> bool {
        *self == Source::Scan
    }

    /// True for sources that swept their scopes, whose absences mean
    /// something (an active scan, an nmap run over its targets). A capture,
    /// an arp-scan listing or a lease file only shows what it happened to
    /// see: absence is not proof.
    pub fn sweeps(self) -> bool {
        matches!(self, Source::Scan | Source::Nmap)
    }
}

/// How the scan was run.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScanSettings {
    /// Global packet-rate cap, packets per second.
    pub rate_pps: u32,
    /// Per-host packet-rate cap, packets per second.
    pub host_rate_pps: u32,
    /// TCP ports probed.
    pub tcp_ports: Vec<u16>,
    /// UDP ports probed.
    pub udp_ports: Vec<u16>,
    /// Outside address used by the gateway probe.
    pub outside_probe: Option<IpAddr>,
    /// `--exclude` values as given.
    pub excluded: Vec<String>,
    /// True if run without CAP_NET_RAW (TCP connect only).
    pub unprivileged: bool,
}

/// Transport protocol of a port.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Proto {
    /// TCP.
    Tcp,
    /// UDP.
    Udp,
}

/// An open (answering) port.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct OpenPort {
    /// TCP or UDP.
    pub proto: Proto,
    /// Port number.
    pub port: u16,
    /// Service guessed from the port or the answer (`ike`, `rdp`, `dicom`, …).
    pub service: Option<String>,
}

/// Something noteworthy about a host's addressing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum HostFlag {
    /// More than one MAC answered for this IP (conflict or spoofing).
    IpConflict,
    /// Locally administered MAC: likely a randomised phone/laptop address.
    RandomisedMac,
    /// VRRP virtual router MAC.
    VrrpMac,
    /// HSRP virtual router MAC.
    HsrpMac,
    /// Matched `--exclude`: only ARP was sent.
    Excluded,
    /// Found without layer-2 contact (routed scope or unprivileged): MAC unknown.
    NoMac,
}

/// Why a host is believed to carry traffic out of the LAN.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum ExternalEvidence {
    /// It answered the TTL-1 gateway probe with ICMP Time Exceeded: it routes.
    GatewayProbe {
        /// Source address of the Time Exceeded message.
        responder: IpAddr,
    },
    /// It offers a service typical of VPN or remote access.
    Service {
        /// Protocol.
        proto: Proto,
        /// Port.
        port: u16,
        /// What it is (`IKE`, `SSL-VPN`, `RDP`, …).
        what: String,
    },
    /// Its MAC belongs to a router/VPN maker.
    Vendor {
        /// OUI organisation name.
        organization: String,
    },
    /// It is the scanning host's own default gateway.
    DefaultGateway,
    /// Seen passively (a capture): it sent IPv6 Router Advertisements
    /// announcing a default route (router lifetime above zero), as a rogue
    /// mobile router does: a way out for every IPv6 host on the LAN.
    Ipv6DefaultRoute {
        /// Prefixes it hands out (`2001:db8::/64`), the first few.
        prefixes: Vec<String>,
    },
    /// Seen passively (a capture): it was the Ethernet source of IPv4
    /// packets from many addresses outside every local subnet, so it
    /// forwards traffic from outside: a router, declared or not.
    Forwards {
        /// The first few outside source addresses seen.
        outside: Vec<IpAddr>,
        /// How many distinct outside addresses were seen in all.
        count: u64,
    },
    /// Seen passively (a capture): it announced itself in LLDP or CDP with
    /// the router capability enabled. What it says, not what it was seen
    /// doing: `possible` unless more is seen.
    SaysRouter {
        /// `lldp` or `cdp`.
        via: String,
    },
}

impl ExternalEvidence {
    /// True for evidence that the host actually routes (not just what it looks like).
    pub fn is_strong(&self) -> bool {
        matches!(
            self,
            ExternalEvidence::GatewayProbe { .. }
                | ExternalEvidence::DefaultGateway
                | ExternalEvidence::Forwards { .. }
                | ExternalEvidence::Ipv6DefaultRoute { .. }
        )
    }
}

/// One host found by the scan.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Host {
    /// Its IP.
    pub ip: IpAddr,
    /// Its MAC (first one seen), if found at layer 2.
    pub mac: Option<MacAddr>,
    /// Other MACs that answered for the same IP.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub other_macs: Vec<MacAddr>,
    /// OUI organisation of the MAC.
    pub vendor: Option<String>,
    /// Host name if one was learned (hostile text: escape on output).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hostname: Option<String>,
    /// Open ports.
    #[serde(default)]
    pub ports: Vec<OpenPort>,
    /// Best round-trip time seen, milliseconds.
    pub rtt_ms: Option<f64>,
    /// Flags.
    #[serde(default)]
    pub flags: Vec<HostFlag>,
    /// External-facing evidence; empty = none seen.
    #[serde(default)]
    pub external: Vec<ExternalEvidence>,
    /// What the identification probes saw (ways out only; absent in
    /// snapshots written before identification existed, or with `--identify none`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub identify: Option<crate::identify::Observations>,
}

impl Host {
    /// True if any evidence says this host faces outside.
    pub fn is_external_facing(&self) -> bool {
        !self.external.is_empty()
    }
}

/// Errors reading or writing snapshots.
#[derive(Debug, thiserror::Error)]
pub enum SnapshotError {
    /// The file could not be read or written.
    #[error("{path}")]
    Io {
        /// File.
        path: PathBuf,
        /// Cause.
        source: io::Error,
    },
    /// The file is not a valid snapshot.
    #[error("{path}:{line}: {message}")]
    Invalid {
        /// File.
        path: PathBuf,
        /// Line of the problem (1-based).
        line: usize,
        /// What is wrong.
        message: String,
    },
}

impl Snapshot {
    /// Reads and validates a snapshot file.
    pub fn read(path: &Path) -> Result<Snapshot, SnapshotError> {
        let bytes = fs::read(path).map_err(|source| SnapshotError::Io {
            path: path.into(),
            source,
        })?;
        Self::from_slice(&bytes).map_err(|(line, message)| SnapshotError::Invalid {
            path: path.into(),
            line,
            message,
        })
    }

    /// Parses a snapshot from JSON bytes; on error gives (line, message).
    ///
    /// The head is checked first (format, then version), so a file that is
    /// not a koseizu snapshot, or is of a newer version, says so rather
    /// than failing on some field.
    pub fn from_slice(bytes: &[u8]) -> Result<Snapshot, (usize, String)> {
        archive::scan_head(bytes).map_err(|e| match e {
            archive::HeadError::Invalid(line, message) => (line, message),
            // A slice cannot fail to read.
            archive::HeadError::Io(e) => (1, e.to_string()),
        })?;
        serde_json::from_slice(bytes).map_err(|e| (e.line(), e.to_string()))
    }

    /// Writes the snapshot as pretty JSON.
    pub fn write_to(&self, w: &mut dyn Write) -> io::Result<()> {
        serde_json::to_writer_pretty(&mut *w, self)?;
        w.write_all(b"\n")
    }

    /// File name for this snapshot in `SITE/scans/`: its UTC start time.
    pub fn file_name(&self) -> String {
        format!("{}.json", self.started.format("%Y-%m-%dT%H%M%SZ"))
    }

    /// Saves to `path` atomically, refusing to overwrite an existing file.
    pub fn save_new(&self, path: &Path) -> Result<(), SnapshotError> {
        crate::output::write_new(path, |w| self.write_to(w)).map_err(|source| SnapshotError::Io {
            path: path.into(),
            source,
        })
    }

    /// Saves into `SITE/scans/` (created if needed) under [`Snapshot::file_name`];
    /// if that name is taken, a `-2`, `-3`, … suffix is added. Returns the path.
    pub fn save_in_site(&self, site: &Path) -> Result<PathBuf, SnapshotError> {
        let dir = site.join("scans");
        fs::create_dir_all(&dir).map_err(|source| SnapshotError::Io {
            path: dir.clone(),
            source,
        })?;
        let base = self.file_name();
        let stem = base.trim_end_matches(".json");
        for n in 1..1000 {
            let name = if n == 1 {
                base.clone()
            } else {
                format!("{stem}-{n}.json")
            };
            let path = dir.join(name);
            match self.save_new(&path) {
                Ok(()) => return Ok(path),
                Err(SnapshotError::Io { source, .. })
                    if source.kind() == io::ErrorKind::AlreadyExists =>
                {
                    continue
                }
                Err(e) => return Err(e),
            }
        }
        Err(SnapshotError::Io {
            path: dir,
            source: io::Error::new(
                io::ErrorKind::AlreadyExists,
                "too many snapshots with the same start time",
            ),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    pub(crate) fn sample() -> Snapshot {
        let t = DateTime::parse_from_rfc3339("2026-11-27T06:15:00Z")
            .unwrap()
            .with_timezone(&Utc);
        Snapshot {
            format: FORMAT_NAME.into(),
            version: FORMAT_VERSION,
            source: Source::Scan,
            imported_from: None,
            started: t,
            finished: t,
            partial: false,
            interface: "eth0".into(),
            scanner_ip: Some("198.18.0.2".parse().unwrap()),
            scanner_mac: Some("02:00:00:00:00:02".parse().unwrap()),
            default_gateway: Some("198.18.0.1".parse().unwrap()),
            scopes: vec!["198.18.0.0/24".parse().unwrap()],
            settings: ScanSettings {
                rate_pps: 1000,
                host_rate_pps: 20,
                tcp_ports: vec![22, 443],
                udp_ports: vec![500],
                outside_probe: Some("198.19.0.1".parse().unwrap()),
                excluded: vec![],
                unprivileged: false,
            },
            hosts: vec![Host {
                ip: "198.18.0.1".parse().unwrap(),
                mac: Some("00:1a:2b:3c:4d:5e".parse().unwrap()),
                other_macs: vec![],
                vendor: Some("Example <Corp> & \"Co\"".into()),
                hostname: None,
                ports: vec![OpenPort {
                    proto: Proto::Udp,
                    port: 500,
                    service: Some("ike".into()),
                }],
                rtt_ms: Some(0.4),
                flags: vec![],
                external: vec![
                    ExternalEvidence::GatewayProbe {
                        responder: "198.18.0.1".parse().unwrap(),
                    },
                    ExternalEvidence::DefaultGateway,
                ],
                identify: None,
            }],
            limitations: vec![],
            switching: None,
            details: vec![],
        }
    }

    #[test]
    fn round_trip_and_never_overwrite() {
        let dir = tempfile::tempdir().unwrap();
        let s = sample();
        let p = s.save_in_site(dir.path()).unwrap();
        assert!(p.ends_with("scans/2026-11-27T061500Z.json"));
        let p2 = s.save_in_site(dir.path()).unwrap();
        assert!(p2.ends_with("scans/2026-11-27T061500Z-2.json"));
        assert_eq!(Snapshot::read(&p).unwrap(), s);
        assert_eq!(list_site_snapshots(dir.path()).unwrap().len(), 2);
        assert_eq!(latest_per_scope(dir.path()).unwrap().len(), 1);
    }

    #[test]
    fn old_snapshots_without_a_source_are_scans() {
        let v = serde_json::to_value(sample()).unwrap();
        assert!(v.get("source").is_none(), "a scan's snapshot is unchanged");
        let s: Snapshot = serde_json::from_value(v).unwrap();
        assert_eq!(s.source, Source::Scan);
        let mut c = sample();
        c.source = Source::DhcpLeases;
        c.imported_from = Some("leases".into());
        let json = serde_json::to_string(&c).unwrap();
        assert!(json.contains("\"source\":\"dhcp-leases\""), "{json}");
        assert_eq!(Snapshot::from_slice(json.as_bytes()).unwrap(), c);
    }

    #[test]
    fn rejects_foreign_and_future_files() {
        assert!(Snapshot::from_slice(b"{\"format\":\"other\"}")
            .unwrap_err()
            .1
            .contains("not a koseizu snapshot"));
        let s = format!("{{\"format\":\"{FORMAT_NAME}\",\"version\":99}}");
        assert!(Snapshot::from_slice(s.as_bytes())
            .unwrap_err()
            .1
            .contains("not supported"));
        let mut json = serde_json::to_string_pretty(&sample()).unwrap();
        json = json.replace(
            "\"198.18.0.1\",\n      \"mac\"",
            "\"300.1.1.1\",\n      \"mac\"",
        );
        let (line, msg) = Snapshot::from_slice(json.as_bytes()).unwrap_err();
        assert!(line > 1, "{line} {msg}");
    }
}
