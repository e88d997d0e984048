//! The audit: the ledger (`Site`) against what scans saw (`Snapshot`s).
//!
//! Four classes of findings, most serious first (docs/audit.md):
//! 1. undeclared ways out — hosts with external-facing evidence whose ledger
//!    device no line or maintenance circuit declares, or that are unregistered
//!    (the evidence read first in the light of the ledger: `super::evidence`);
//! 2. unregistered devices — seen, not in the ledger (持ち込み管理);
//! 3. declared but not seen — ledger devices missing from complete scans
//!    that covered them;
//! 4. mismatches — a device at another IP or in another segment than
//!    recorded, an IP answered by several MACs;
//!
//! and, as a list of its own that is not a finding, 5. devices accepting
//! remote control (RDP, VNC, SSH, Telnet): ways to move around inside the
//! LAN, not ways out of it, each with the declared maintenance circuits
//! whose access path it is.
//!
//! Absence proves something only when a complete scan covered the place: a
//! device is reported unseen only if a non-partial snapshot's scope holds
//! its segment's CIDR or its IP (and, for a device known by MAC alone, the
//! scan could see MACs there). Everything else is counted as not covered.
//! Only sources that swept their scopes count here (an active scan, an nmap
//! run over its targets: [`crate::snapshot::Source::sweeps`]); a capture,
//! an arp-scan listing or a lease file shows what it happened to see, so a
//! device it did not see is counted as "not seen in the capture window",
//! never reported as a finding.

use foldhash::{HashMap, HashMapExt, HashSet};
use std::borrow::Cow;
use std::net::IpAddr;

use chrono::{DateTime, Utc};
use ipnetwork::IpNetwork;
use serde::Serialize;

pub use super::evidence::Confidence;
use super::evidence::{EvidenceRules, Reading, Subject};
use super::hours::{self, Hours};
use super::identity::{Identity, LedgerIndex, MatchedBy, NetIndex, SegmentIndex};
use crate::graph::{ScanMarks, UnregisteredHost};
use crate::mac::{MacAddr, MacClass};
use crate::site::{Circuit, Device, DeviceKind, Site};
use crate::snapshot::switching::Placement;
use crate::snapshot::{ExternalEvidence, Fact, Host, HostFlag, OpenPort, Proto, Snapshot, Source};

fn is_scan(s: &Source) -> bool {
    *s == Source::Scan
}

/// A ledger device as the report shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DeviceRef {
    /// Asset id.
    pub id: String,
    /// Name.
    pub name: String,
    /// Kind.
    pub kind: DeviceKind,
    /// Recorded MAC.
    pub mac: Option<MacAddr>,
    /// Recorded IP.
    pub ip: Option<IpAddr>,
    /// Recorded segment id.
    pub segment: Option<String>,
    /// Where it is in the ledger (`devices.csv:14`).
    pub at: String,
}

impl DeviceRef {
    fn of(d: &Device) -> DeviceRef {
        DeviceRef {
            id: d.id.clone(),
            name: d.name.clone(),
            kind: d.kind,
            mac: d.mac,
            ip: d.ip,
            segment: d.segment.clone(),
            at: format!("{}:{}", d.at.file, d.at.line),
        }
    }
}

/// A host as a scan saw it (vendor and hostname are hostile text).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SeenHost {
    /// IP.
    pub ip: IpAddr,
    /// MAC, if seen at layer 2.
    pub mac: Option<MacAddr>,
    /// OUI vendor.
    pub vendor: Option<String>,
    /// Host name learned by the scan.
    pub hostname: Option<String>,
    /// Segment whose CIDR holds the IP.
    pub segment: Option<String>,
    /// Open ports.
    pub ports: Vec<OpenPort>,
    /// Where it is plugged in (switch, port, VLAN), from `koseizu poll`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub plugged_in: Option<Placement>,
}

/// Finding class 1: an external-facing host nobody declared.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct UndeclaredExternal {
    /// How sure we are it faces outside.
    pub confidence: Confidence,
    /// The ledger device, if the host is registered (or the device recorded
    /// at a virtual router's IP).
    pub device: Option<DeviceRef>,
    /// The host as seen.
    pub host: SeenHost,
    /// Why it is believed external-facing.
    pub evidence: Vec<ExternalEvidence>,
    /// Which sources saw each piece of evidence (parallel to `evidence`:
    /// `scan`, `capture`, `nmap`, …); left out of the JSON when a scan saw
    /// every piece alone.
    #[serde(skip_serializing_if = "scans_only")]
    pub evidence_sources: Vec<Vec<Source>>,
    /// Set when the address is a VRRP/HSRP virtual router address.
    pub virtual_router: Option<MacClass>,
}

fn scans_only(sources: &[Vec<Source>]) -> bool {
    sources.iter().all(|s| s.iter().all(|x| *x == Source::Scan))
}

/// Fills each undeclared way out's `evidence_sources`: the sources of the
/// snapshots whose host at that address (same MAC, or none) gave that
/// piece of evidence.
fn name_evidence_sources(report: &mut AuditReport, snaps: &[Snapshot]) {
    if report.undeclared_external.is_empty() {
        return;
    }
    /// A piece of evidence a snapshot's host gave: its MAC, the piece, the source.
    type Given<'a> = (Option<MacAddr>, &'a ExternalEvidence, Source);
    let mut by_ip: HashMap<IpAddr, Vec<Given>> = HashMap::new();
    for snap in snaps {
        for h in snap.hosts.iter().filter(|h| !h.external.is_empty()) {
            let at = by_ip.entry(h.ip).or_default();
            at.extend(h.external.iter().map(|e| (h.mac, e, snap.source)));
        }
    }
    for u in &mut report.undeclared_external {
        let seen = by_ip.get(&u.host.ip).map(Vec::as_slice).unwrap_or_default();
        u.evidence_sources = u
            .evidence
            .iter()
            .map(|e| {
                let mut sources: Vec<Source> = seen
                    .iter()
                    .filter(|(mac, x, _)| *x == e && (mac.is_none() || *mac == u.host.mac))
                    .map(|(_, _, s)| *s)
                    .collect();
                sources.sort();
                sources.dedup();
                sources
            })
            .collect();
    }
}

/// Finding class 2: a host seen on the network that is not in the ledger.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Unregistered {
    /// The host as seen.
    pub host: SeenHost,
    /// Its MAC is locally administered: likely a personal phone or laptop.
    pub randomised_mac: bool,
    /// External-facing evidence (non-empty: also listed as an undeclared way out).
    pub external: Vec<ExternalEvidence>,
    /// A ledger device recorded at the same IP with another MAC (a replaced
    /// device or NIC, or someone taking its address).
    pub ip_recorded_for: Option<DeviceRef>,
}

/// Finding class 3: a ledger device a complete scan should have seen.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Unseen {
    /// The device.
    pub device: DeviceRef,
    /// Lines and maintenance circuits it terminates (a perimeter device).
    pub perimeter_of: Vec<String>,
}

/// Finding class 4: the network and the ledger disagree.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum Mismatch {
    /// The device's MAC answered at another IP than recorded (same segment).
    IpDiffers {
        /// The device.
        device: DeviceRef,
        /// Where it was seen.
        seen_ip: IpAddr,
    },
    /// The device was seen outside its recorded segment.
    SegmentDiffers {
        /// The device.
        device: DeviceRef,
        /// Where it was seen.
        seen_ip: IpAddr,
        /// Segment holding that IP, if any.
        seen_segment: Option<String>,
    },
    /// Several MACs answered for one IP (address conflict or ARP spoofing).
    IpConflict {
        /// The IP.
        ip: IpAddr,
        /// Every MAC that answered.
        macs: Vec<MacAddr>,
        /// Ledger devices owning any of those MACs.
        devices: Vec<DeviceRef>,
    },
}

/// A VRRP/HSRP virtual-router address (informational, not a new device).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct VirtualRouterAddr {
    /// The host as seen.
    pub host: SeenHost,
    /// VRRP or HSRP.
    pub class: MacClass,
    /// Virtual router id / group number.
    pub group: u16,
    /// Ledger device recorded at this IP, if any.
    pub device_at_ip: Option<DeviceRef>,
}

/// A host that routes between the hospital's own segments (an L3 switch, or
/// the VRRP/HSRP gateway address of a segment): informational, not a way
/// out by itself, but where its default route leads is worth a look.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct InternalRouter {
    /// The ledger switch, or the ledger device recorded at a virtual address.
    pub device: Option<DeviceRef>,
    /// The host as seen.
    pub host: SeenHost,
    /// The routing evidence (gateway probe, default gateway).
    pub evidence: Vec<ExternalEvidence>,
    /// Set when the address is a VRRP/HSRP virtual router address.
    pub virtual_router: Option<MacClass>,
}

/// List 5: a host accepting remote control (RDP, VNC, SSH, Telnet) inside
/// the LAN — a way to move from device to device, not a way out.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RemoteControl {
    /// The ledger device (`None`: the host is not in the ledger), or the
    /// device recorded at a virtual router's IP.
    pub device: Option<DeviceRef>,
    /// The host as seen.
    pub host: SeenHost,
    /// The listening remote-control services.
    pub services: Vec<ExternalEvidence>,
    /// Ids of the declared maintenance circuits (`maintenance.csv`) whose
    /// access path they are; empty: no declared circuit explains them.
    pub circuits: Vec<String>,
}

/// A maintenance circuit as the hours finding shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CircuitHours {
    /// Circuit id (`maintenance.csv` 番号).
    pub id: String,
    /// Maintenance vendor.
    pub vendor: String,
    /// Declared hours, as written (接続時間).
    pub hours: String,
}

impl CircuitHours {
    fn of(c: &Circuit) -> CircuitHours {
        CircuitHours {
            id: c.id.clone(),
            vendor: c.vendor.clone(),
            hours: c.hours.clone(),
        }
    }
}

/// A finding: a remote session a capture saw on a maintenance circuit's
/// landing device, from outside, at a time the circuit's declared hours do
/// not allow (checklist item 13).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OutsideHours {
    /// The landing device (`maintenance.csv` 接続機器).
    pub device: DeviceRef,
    /// The circuits that land there and could carry the session; none
    /// allows it at that time.
    pub circuits: Vec<CircuitHours>,
    /// `IKE`, `SSL-VPN`, `RDP`, … as the capture named it.
    pub service: String,
    /// Protocol.
    pub proto: Proto,
    /// The server's port.
    pub port: u16,
    /// The outside peer.
    pub peer: IpAddr,
    /// First packet seen.
    pub first: DateTime<Utc>,
    /// Last packet seen.
    pub last: DateTime<Utc>,
}

/// Sessions seen on a circuit whose hours cannot be checked by time (for
/// information, not a finding).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct HoursNotChecked {
    /// The circuit.
    pub circuit: CircuitHours,
    /// True: the hours depend on a request (`申請時のみ`); false: the text
    /// could not be read.
    pub on_request: bool,
    /// Sessions seen on it.
    pub sessions: usize,
}

/// What the scans could and could not check.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Coverage {
    /// Devices in the ledger.
    pub ledger_devices: usize,
    /// Ledger devices seen by some scan.
    pub seen: usize,
    /// Unseen devices that no complete scan covered: not checked, not reported.
    pub not_covered: usize,
    /// Of those, devices covered only by partial scans (absence proves nothing).
    pub partial_only: usize,
    /// Of those, devices a capture, lease file or other non-sweeping source
    /// did not see in its window: absence is not proof, not a finding.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub not_seen_in_window: usize,
    /// Devices with neither MAC nor IP: a scan cannot recognise them.
    pub cannot_match: usize,
    /// Segments with ledger devices whose CIDR no complete scan covered.
    pub unscanned_segments: Vec<String>,
    /// Unregistered hosts skipped because they are the scanning machine itself.
    pub scanner_skipped: usize,
    /// Ledger devices that are the scanning machine (a scan never lists
    /// itself): counted as seen.
    pub scanner_devices: Vec<String>,
}

fn is_zero(n: &usize) -> bool {
    *n == 0
}

/// One snapshot the audit used.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SnapshotSummary {
    /// Where its hosts came from (left out of the JSON for a scan).
    #[serde(skip_serializing_if = "is_scan")]
    pub source: Source,
    /// Start (UTC).
    pub started: DateTime<Utc>,
    /// Interface.
    pub interface: String,
    /// Scopes scanned.
    pub scopes: Vec<IpNetwork>,
    /// Interrupted or cut short.
    pub partial: bool,
    /// Hosts found.
    pub hosts: usize,
    /// What the scan could not do.
    pub limitations: Vec<String>,
    /// The devices an SNMP poll read, with their model and firmware text
    /// (sysDescr); empty for other sources.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub polled: Vec<PolledSystem>,
}

/// A device `koseizu poll` read: who it is and what it says it runs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PolledSystem {
    /// Ledger id (or the IP when polled by address).
    pub device: String,
    /// Ledger name (else sysName).
    pub name: String,
    /// Address polled.
    pub ip: IpAddr,
    /// sysDescr: model and firmware text (hostile).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sys_descr: Option<String>,
}

impl From<&Snapshot> for SnapshotSummary {
    fn from(s: &Snapshot) -> Self {
        SnapshotSummary {
            source: s.source,
            started: s.started,
            interface: s.interface.clone(),
            scopes: s.scopes.clone(),
            partial: s.partial,
            hosts: s.hosts.len(),
            limitations: s.limitations.clone(),
            polled: s
                .switching
                .iter()
                .flat_map(|sw| &sw.devices)
                .filter(|d| d.ok)
                .map(|d| PolledSystem {
                    device: d.device.clone(),
                    name: d.name.clone(),
                    ip: d.ip,
                    sys_descr: d.sys_descr.clone(),
                })
                .collect(),
        }
    }
}

/// The whole audit, findings in order of seriousness.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AuditReport {
    /// Hospital name.
    pub site: String,
    /// Snapshots used.
    pub snapshots: Vec<SnapshotSummary>,
    /// 1. Undeclared ways out.
    pub undeclared_external: Vec<UndeclaredExternal>,
    /// 2. Unregistered devices.
    pub unregistered: Vec<Unregistered>,
    /// 3. Declared but not seen.
    pub unseen: Vec<Unseen>,
    /// 4. Mismatches.
    pub mismatches: Vec<Mismatch>,
    /// 5. Devices accepting remote control (a list, not a finding).
    pub remote_control: Vec<RemoteControl>,
    /// Virtual router addresses seen (for information).
    pub virtual_routers: Vec<VirtualRouterAddr>,
    /// Hosts routing between internal segments (for information).
    pub internal_routers: Vec<InternalRouter>,
    /// What was and was not checked.
    pub coverage: Coverage,
    /// Where the MACs of the mismatches are plugged in (from `koseizu poll`).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub mismatch_ports: Vec<Placement>,
    /// Section 6, ways out to check (外部接続機器の確認): make, product and
    /// firmware of every way out as seen and as the ledger says, with
    /// known-exploited advisories. Filled once identification has run or
    /// the ledger records firmware (see [`ways_out_section`]); empty otherwise.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub ways_out: Vec<crate::identify::WayOutCheck>,
    /// Dates of the signature and advisory tables section 6 used.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ways_out_tables: Option<crate::identify::report::TableDates>,
    /// Remote sessions outside a maintenance circuit's declared hours (a
    /// finding; from captures only).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub outside_hours: Vec<OutsideHours>,
    /// Circuits with sessions whose hours could not be checked (for information).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub hours_not_checked: Vec<HoursNotChecked>,
}

impl Mismatch {
    /// The MACs this mismatch is about.
    pub fn macs(&self) -> Vec<MacAddr> {
        match self {
            Mismatch::IpDiffers { device, .. } | Mismatch::SegmentDiffers { device, .. } => {
                device.mac.into_iter().collect()
            }
            Mismatch::IpConflict { macs, .. } => macs.clone(),
        }
    }
}

impl AuditReport {
    /// Number of findings in the four classes (list 5, remote control, is
    /// not a finding).
    pub fn finding_count(&self) -> usize {
        self.undeclared_external.len()
            + self.outside_hours.len()
            + self.unregistered.len()
            + self.unseen.len()
            + self.mismatches.len()
            + self
                .ways_out
                .iter()
                .filter(|w| {
                    w.flags
                        .contains(&crate::identify::WayOutFlag::KnownExploited)
                })
                .count()
    }
}

/// A host merged over snapshots: the same (IP, MAC) seen by several scans
/// (overlapping scopes) is one host with the union of what each saw.
struct MergedHost<'a> {
    host: Cow<'a, Host>,
    external: Cow<'a, [ExternalEvidence]>,
    other_macs: Cow<'a, [MacAddr]>,
    conflict: bool,
    is_scanner: bool,
}

/// True if `h` is the machine that ran the scan `snap`.
pub(crate) fn is_scanner(snap: &Snapshot, h: &Host) -> bool {
    snap.scanner_ip == Some(h.ip) || (h.mac.is_some() && h.mac == snap.scanner_mac)
}

/// The MAC behind each IP in the ARP tables `koseizu poll` read: it gives
/// a MAC to a host a scan of a routed scope saw without one.
fn arp_macs(snaps: &[Snapshot]) -> HashMap<IpAddr, MacAddr> {
    snaps
        .iter()
        .filter(|s| s.source == Source::Snmp)
        .flat_map(|s| &s.hosts)
        .filter_map(|h| Some((h.ip, h.mac?)))
        .collect()
}

/// Where each MAC is plugged in, by the latest poll that placed it.
fn placements(snaps: &[Snapshot]) -> HashMap<MacAddr, &Placement> {
    let mut out = HashMap::new();
    let mut polls: Vec<&Snapshot> = snaps.iter().filter(|s| s.switching.is_some()).collect();
    polls.sort_by_key(|s| s.started);
    for s in polls {
        for p in s.switching.iter().flat_map(|w| &w.placements) {
            out.insert(p.mac, p);
        }
    }
    out
}

fn merge_hosts(snaps: &[Snapshot]) -> Vec<MergedHost<'_>> {
    let total = snaps.iter().map(|s| s.hosts.len()).sum();
    let mut out: Vec<MergedHost> = Vec::with_capacity(total);
    let mut index: HashMap<(IpAddr, Option<MacAddr>), usize> = HashMap::new();
    let arp = arp_macs(snaps);
    for snap in snaps {
        for h in &snap.hosts {
            // A host seen without a MAC gets the one the ARP tables give its IP.
            let h: Cow<'_, Host> = match (h.mac, arp.get(&h.ip)) {
                (None, Some(mac)) => {
                    let mut with = h.clone();
                    with.mac = Some(*mac);
                    with.flags.retain(|f| *f != HostFlag::NoMac);
                    Cow::Owned(with)
                }
                _ => Cow::Borrowed(h),
            };
            let is_scanner = is_scanner(snap, &h);
            let conflict = !h.other_macs.is_empty() || h.flags.contains(&HostFlag::IpConflict);
            // A single snapshot lists each (IP, MAC) once: no index needed.
            let existing = if snaps.len() > 1 {
                index.get(&(h.ip, h.mac)).copied()
            } else {
                None
            };
            match existing {
                Some(i) => {
                    let m = &mut out[i];
                    for e in &h.external {
                        if !m.external.contains(e) {
                            m.external.to_mut().push(e.clone());
                        }
                    }
                    for o in &h.other_macs {
                        if !m.other_macs.contains(o) {
                            m.other_macs.to_mut().push(*o);
                        }
                    }
                    m.conflict |= conflict;
                    m.is_scanner |= is_scanner;
                }
                None => {
                    if snaps.len() > 1 {
                        index.insert((h.ip, h.mac), out.len());
                    }
                    let (external, other_macs) = match &h {
                        Cow::Borrowed(b) => (
                            Cow::Borrowed(&b.external[..]),
                            Cow::Borrowed(&b.other_macs[..]),
                        ),
                        Cow::Owned(o) => (
                            Cow::Owned(o.external.clone()),
                            Cow::Owned(o.other_macs.clone()),
                        ),
                    };
                    out.push(MergedHost {
                        host: h,
                        external,
                        other_macs,
                        conflict,
                        is_scanner,
                    });
                }
            }
        }
    }
    out.sort_by_key(|m| (m.host.ip, m.host.mac));
    out
}

/// The scopes of the snapshots, indexed: complete scans with whether each
/// scope was MAC-blind (the scan could not see MACs there: unprivileged, or
/// a routed scope where no host came with a MAC), and partial scans.
struct ScopeCover {
    full: NetIndex<bool>,
    partial: NetIndex<()>,
    /// Some snapshot came from a source that does not sweep (a capture, leases).
    windows: bool,
}

impl ScopeCover {
    fn new(snaps: &[Snapshot]) -> ScopeCover {
        let mut full = NetIndex::default();
        let mut partial = NetIndex::default();
        let mut windows = false;
        for s in snaps {
            if !s.source.sweeps() {
                windows = true;
                continue;
            }
            if s.partial {
                for scope in &s.scopes {
                    partial.insert(*scope, ());
                }
                continue;
            }
            // (hosts with a MAC, hosts without) per scope of this snapshot.
            let mut scopes: NetIndex<usize> = NetIndex::default();
            for (i, scope) in s.scopes.iter().enumerate() {
                scopes.insert(*scope, i);
            }
            let mut counts = vec![(0usize, 0usize); s.scopes.len()];
            for h in &s.hosts {
                for &i in scopes.containing(h.ip) {
                    if h.mac.is_some() {
                        counts[i].0 += 1;
                    } else {
                        counts[i].1 += 1;
                    }
                }
            }
            for (scope, (with_mac, without)) in s.scopes.iter().zip(counts) {
                let blind = s.settings.unprivileged || (with_mac == 0 && without > 0);
                full.insert(*scope, blind);
            }
        }
        ScopeCover {
            full,
            partial,
            windows,
        }
    }

    /// Whether a complete scan covered the device, so its absence means something.
    fn covers(&self, d: &Device, seg_cidr: Option<IpNetwork>) -> bool {
        // Known by MAC only: a MAC-blind scan could not have recognised it.
        let usable = |blind: &bool| d.ip.is_some() || !*blind;
        d.ip.is_some_and(|ip| self.full.containing(ip).any(usable))
            || seg_cidr.is_some_and(|c| self.full.containing_net(c).any(usable))
    }

    fn covers_partially(&self, d: &Device, seg_cidr: Option<IpNetwork>) -> bool {
        d.ip.is_some_and(|ip| self.partial.containing(ip).next().is_some())
            || seg_cidr.is_some_and(|c| self.partial.containing_net(c).next().is_some())
    }

    fn covers_segment(&self, cidr: IpNetwork) -> bool {
        self.full.containing_net(cidr).next().is_some()
    }
}

/// Runs the audit of `site` against `snaps`.
pub fn audit(site: &Site, snaps: &[Snapshot]) -> AuditReport {
    let ledger = LedgerIndex::new(site);
    let segments = SegmentIndex::new(site);
    let seg_by_id: HashMap<&str, usize> = site
        .segments
        .iter()
        .enumerate()
        .map(|(i, s)| (s.id.as_str(), i))
        .collect();
    // Each device's recorded segment, looked up once.
    let device_seg: Vec<Option<usize>> = site
        .devices
        .iter()
        .map(|d| d.segment.as_deref().and_then(|s| seg_by_id.get(s)).copied())
        .collect();
    let declared: HashSet<&str> = site.declared_external_devices().into_iter().collect();
    let mut perimeter_of: HashMap<&str, Vec<String>> = HashMap::new();
    for l in &site.lines {
        if let Some(d) = &l.device {
            perimeter_of.entry(d).or_default().push(l.id.clone());
        }
    }
    for c in &site.circuits {
        if let Some(d) = &c.device {
            perimeter_of.entry(d).or_default().push(c.id.clone());
        }
    }
    let seg_name = |ip: IpAddr| segments.locate(ip).map(|i| site.segments[i].id.clone());
    let placed = placements(snaps);
    let seen_host = |m: &MergedHost| SeenHost {
        ip: m.host.ip,
        mac: m.host.mac,
        vendor: m.host.vendor.clone(),
        hostname: m.host.hostname.clone(),
        segment: seg_name(m.host.ip),
        ports: m.host.ports.clone(),
        plugged_in: m
            .host
            .mac
            .and_then(|mac| placed.get(&mac))
            .map(|p| (*p).clone()),
    };

    let merged = merge_hosts(snaps);
    let mut seen = vec![false; site.devices.len()];
    let mut report = AuditReport {
        site: site.meta.name.clone(),
        snapshots: snaps.iter().map(SnapshotSummary::from).collect(),
        undeclared_external: Vec::new(),
        unregistered: Vec::new(),
        unseen: Vec::new(),
        mismatches: Vec::new(),
        remote_control: Vec::new(),
        virtual_routers: Vec::new(),
        internal_routers: Vec::new(),
        coverage: Coverage {
            ledger_devices: site.devices.len(),
            ..Coverage::default()
        },
        mismatch_ports: Vec::new(),
        ways_out: Vec::new(),
        ways_out_tables: None,
        outside_hours: Vec::new(),
        hours_not_checked: Vec::new(),
    };
    maintenance_hours(&mut report, site, snaps);
    if let Ok(adv) = crate::identify::Advisories::bundled() {
        set_ways_out(&mut report, site, snaps, &adv);
    }
    let rules = EvidenceRules::new(site, &segments);
    // A virtual router address faces outside on behalf of the physical
    // routers that share it. It is declared if the device recorded at its IP
    // is declared, or if a declared device sits in the same segment (the
    // VRRP/HSRP pair behind it).
    let declared_segments: HashSet<&str> = site
        .devices
        .iter()
        .filter(|d| declared.contains(d.id.as_str()))
        .filter_map(|d| d.segment.as_deref())
        .collect();

    // The scanning machine never lists itself: if it is in the ledger, it was there.
    for snap in snaps {
        if let Some(i) = ledger.identify_scanner(snap) {
            seen[i] = true;
            let id = &site.devices[i].id;
            if !report.coverage.scanner_devices.contains(id) {
                report.coverage.scanner_devices.push(id.clone());
            }
        }
    }

    // A device `koseizu poll` read was there, whatever its ARP neighbours say.
    for sw in snaps.iter().filter_map(|s| s.switching.as_ref()) {
        for d in sw.devices.iter().filter(|d| d.ok) {
            if let Some(i) = site.devices.iter().position(|x| x.id == d.device) {
                seen[i] = true;
            }
        }
    }

    for m in &merged {
        let h = &*m.host;
        let ident = ledger.identify(h);
        match ident {
            Identity::Registered { device, by } => {
                seen[device] = true;
                let d = &site.devices[device];
                if !m.external.is_empty() {
                    let reading = rules.read(Subject::Registered(d), &m.external);
                    let declared = declared.contains(d.id.as_str());
                    report_reading(&mut report, reading, declared, Some(d), seen_host(m), None);
                }
                if by == MatchedBy::Mac {
                    let recorded_cidr = device_seg[device].and_then(|i| site.segments[i].cidr);
                    if recorded_cidr.is_some_and(|c| !c.contains(h.ip)) {
                        report.mismatches.push(Mismatch::SegmentDiffers {
                            device: DeviceRef::of(d),
                            seen_ip: h.ip,
                            seen_segment: seg_name(h.ip),
                        });
                    } else if d.ip.is_some_and(|ip| ip != h.ip) {
                        report.mismatches.push(Mismatch::IpDiffers {
                            device: DeviceRef::of(d),
                            seen_ip: h.ip,
                        });
                    }
                }
            }
            Identity::VirtualRouter {
                class,
                group,
                device_at_ip,
            } => {
                let at_ip = device_at_ip.map(|i| &site.devices[i]);
                report.virtual_routers.push(VirtualRouterAddr {
                    host: seen_host(m),
                    class,
                    group,
                    device_at_ip: at_ip.map(DeviceRef::of),
                });
                let by_ip = at_ip.is_some_and(|d| declared.contains(d.id.as_str()));
                let by_segment = segments
                    .locate(h.ip)
                    .is_some_and(|i| declared_segments.contains(site.segments[i].id.as_str()));
                if !m.external.is_empty() {
                    let reading = rules.read(
                        Subject::VirtualRouter {
                            ip: h.ip,
                            device_at_ip: at_ip,
                        },
                        &m.external,
                    );
                    let declared = by_ip || by_segment;
                    report_reading(
                        &mut report,
                        reading,
                        declared,
                        at_ip,
                        seen_host(m),
                        Some(class),
                    );
                }
            }
            Identity::Unregistered { randomised_mac } => {
                if m.is_scanner {
                    report.coverage.scanner_skipped += 1;
                    continue;
                }
                let ip_recorded_for = ledger
                    .device_at_ip(h.ip)
                    .map(|i| DeviceRef::of(&site.devices[i]));
                let reading = rules.read(Subject::Unregistered, &m.external);
                let external = reading.counted.clone();
                report_reading(&mut report, reading, false, None, seen_host(m), None);
                report.unregistered.push(Unregistered {
                    host: seen_host(m),
                    randomised_mac,
                    external,
                    ip_recorded_for,
                });
            }
        }
        if m.conflict {
            let mut macs: Vec<MacAddr> = h
                .mac
                .into_iter()
                .chain(m.other_macs.iter().copied())
                .collect();
            macs.sort();
            macs.dedup();
            let devices = macs
                .iter()
                .filter_map(|mac| ledger.device_with_mac(*mac))
                .map(|i| DeviceRef::of(&site.devices[i]))
                .collect();
            report.mismatches.push(Mismatch::IpConflict {
                ip: h.ip,
                macs,
                devices,
            });
        }
    }

    name_evidence_sources(&mut report, snaps);

    let cover = ScopeCover::new(snaps);
    for (i, d) in site.devices.iter().enumerate() {
        if seen[i] {
            report.coverage.seen += 1;
            continue;
        }
        if d.mac.is_none() && d.ip.is_none() {
            report.coverage.cannot_match += 1;
            continue;
        }
        let seg_cidr = device_seg[i].and_then(|i| site.segments[i].cidr);
        if cover.covers(d, seg_cidr) {
            report.unseen.push(Unseen {
                device: DeviceRef::of(d),
                perimeter_of: perimeter_of.get(d.id.as_str()).cloned().unwrap_or_default(),
            });
        } else {
            report.coverage.not_covered += 1;
            if cover.covers_partially(d, seg_cidr) {
                report.coverage.partial_only += 1;
            }
            if cover.windows {
                report.coverage.not_seen_in_window += 1;
            }
        }
    }
    let used: HashSet<usize> = device_seg.iter().flatten().copied().collect();
    let mut unscanned: Vec<String> = used
        .into_iter()
        .map(|i| &site.segments[i])
        .filter(|seg| seg.cidr.is_some_and(|c| !cover.covers_segment(c)))
        .map(|seg| seg.id.clone())
        .collect();
    unscanned.sort();
    report.coverage.unscanned_segments = unscanned;

    let mut ports: Vec<Placement> = report
        .mismatches
        .iter()
        .flat_map(Mismatch::macs)
        .filter_map(|m| placed.get(&m).map(|p| (*p).clone()))
        .collect();
    ports.sort_by_key(|p| p.mac);
    ports.dedup();
    report.mismatch_ports = ports;
    report
        .undeclared_external
        .sort_by_key(|u| (u.confidence, u.host.ip));
    report.internal_routers.sort_by_key(|i| i.host.ip);
    report.remote_control.sort_by_key(|c| c.host.ip);
    report.unseen.sort_by(|a, b| {
        (a.perimeter_of.is_empty(), &a.device.segment, &a.device.id).cmp(&(
            b.perimeter_of.is_empty(),
            &b.device.segment,
            &b.device.id,
        ))
    });
    report
}

/// The session's service is what `method` (接続方式) describes.
fn method_carries(method: &str, service: &str) -> bool {
    let m = method.to_lowercase();
    let has = |words: &[&str]| words.iter().any(|w| m.contains(w));
    match service {
        "IKE" => has(&["ipsec", "ike", "l2tp"]),
        "SSL-VPN" | "TLS" => has(&["ssl", "tls", "https"]),
        "OpenVPN" => has(&["openvpn"]),
        "RDP" => has(&["rdp", "リモートデスクトップ", "remote desktop"]),
        "VNC" => has(&["vnc"]),
        "TeamViewer" => has(&["teamviewer"]),
        "AnyDesk" => has(&["anydesk"]),
        _ => false,
    }
}

/// A remote session from outside, merged over captures.
struct CircuitSession {
    lan: IpAddr,
    peer: IpAddr,
    service: String,
    mac: Option<MacAddr>,
    proto: Proto,
    port: u16,
    first: DateTime<Utc>,
    last: DateTime<Utc>,
}

/// Checks the remote sessions captures saw on each maintenance circuit's
/// landing device against the circuit's declared hours, in the site's
/// time zone (checklist item 13).
fn maintenance_hours(report: &mut AuditReport, site: &Site, snaps: &[Snapshot]) {
    if site.circuits.is_empty() {
        return;
    }
    let offset = site.meta.timezone.offset();
    let parsed: Vec<Hours> = site
        .circuits
        .iter()
        .map(|c| hours::parse(&c.hours))
        .collect();
    let mut not_checked: Vec<usize> = vec![0; site.circuits.len()];
    // One session per LAN side, peer and service over every capture: IKE
    // moving from port 500 to 4500 is one session.
    let mut sessions: Vec<CircuitSession> = Vec::new();
    for snap in snaps {
        for d in &snap.details {
            let Fact::RemoteSession {
                service,
                proto,
                port,
                server,
                client,
                outside_peer: true,
                first,
                last,
            } = &d.fact
            else {
                continue;
            };
            // The LAN side is the detail's host; the peer is the other end.
            let lan = d.ip.unwrap_or(*server);
            let peer = if lan == *server { *client } else { *server };
            match sessions
                .iter_mut()
                .find(|s| s.lan == lan && s.peer == peer && s.service == *service)
            {
                Some(s) => {
                    s.first = s.first.min(*first);
                    s.last = s.last.max(*last);
                }
                None => sessions.push(CircuitSession {
                    lan,
                    peer,
                    service: service.clone(),
                    mac: d.mac,
                    proto: *proto,
                    port: *port,
                    first: *first,
                    last: *last,
                }),
            }
        }
    }
    for CircuitSession {
        lan,
        peer,
        service,
        mac,
        proto,
        port,
        first,
        last,
    } in sessions
    {
        let lands_on = |c: &Circuit| {
            c.device
                .as_deref()
                .and_then(|id| site.device(id))
                .is_some_and(|dev| dev.ip == Some(lan) || (mac.is_some() && dev.mac == mac))
        };
        let on_device: Vec<usize> = (0..site.circuits.len())
            .filter(|&i| lands_on(&site.circuits[i]))
            .collect();
        if on_device.is_empty() {
            continue;
        }
        // Narrow to the circuits whose method carries this service, if any does.
        let by_method: Vec<usize> = on_device
            .iter()
            .copied()
            .filter(|&i| method_carries(&site.circuits[i].method, &service))
            .collect();
        let candidates = if by_method.is_empty() {
            on_device
        } else {
            by_method
        };
        let verdicts: Vec<Option<bool>> = candidates
            .iter()
            .map(|&i| parsed[i].allows(first, last, offset))
            .collect();
        if verdicts.contains(&Some(true)) {
            continue;
        }
        if verdicts.contains(&None) {
            for (&i, v) in candidates.iter().zip(&verdicts) {
                if v.is_none() {
                    not_checked[i] += 1;
                }
            }
            continue;
        }
        let Some(dev) = site.circuits[candidates[0]]
            .device
            .as_deref()
            .and_then(|id| site.device(id))
        else {
            continue;
        };
        let finding = OutsideHours {
            device: DeviceRef::of(dev),
            circuits: candidates
                .iter()
                .map(|&i| CircuitHours::of(&site.circuits[i]))
                .collect(),
            service: service.clone(),
            proto,
            port,
            peer,
            first,
            last,
        };
        if !report.outside_hours.contains(&finding) {
            report.outside_hours.push(finding);
        }
    }
    report
        .outside_hours
        .sort_by(|a, b| (a.first, &a.device.id, a.peer).cmp(&(b.first, &b.device.id, b.peer)));
    report.hours_not_checked = not_checked
        .iter()
        .enumerate()
        .filter(|(_, &n)| n > 0)
        .map(|(i, &n)| HoursNotChecked {
            circuit: CircuitHours::of(&site.circuits[i]),
            on_request: parsed[i] == Hours::OnRequest,
            sessions: n,
        })
        .collect();
}

/// Fills section 6 of `report` with `advisories` (`--advisories FILE`, or
/// the bundled table) and records the tables' dates.
pub fn set_ways_out(
    report: &mut AuditReport,
    site: &Site,
    snaps: &[Snapshot],
    advisories: &crate::identify::Advisories,
) {
    report.ways_out = ways_out_section(site, snaps, advisories);
    report.ways_out_tables = match crate::identify::Signatures::bundled() {
        Ok(sig) if !report.ways_out.is_empty() => Some(crate::identify::report::TableDates {
            signatures: sig.date,
            advisories: advisories.date,
        }),
        _ => None,
    };
}

/// Section 6 of the audit: [`crate::identify::ways_out`] with the bundled
/// signatures and `adv`, dated by the newest snapshot (certificate expiry,
/// the age of `firmware_checked`); empty unless some snapshot holds
/// identification observations or the ledger records some way out's
/// firmware, so audits of sites that have neither read as before.
pub fn ways_out_section(
    site: &Site,
    snaps: &[Snapshot],
    adv: &crate::identify::Advisories,
) -> Vec<crate::identify::WayOutCheck> {
    let Ok(sig) = crate::identify::Signatures::bundled() else {
        return Vec::new();
    };
    let Some(day) = snaps.iter().map(|s| s.finished).max() else {
        return Vec::new();
    };
    let checks = crate::identify::ways_out(site, snaps, &sig, adv, day.date_naive());
    let any = checks
        .iter()
        .any(|c| c.probed || c.ledger.firmware.is_some() || c.ledger.firmware_checked.is_some());
    if any {
        checks
    } else {
        Vec::new()
    }
}

/// Files what the evidence reading of one host says: an undeclared way out
/// for what is left (unless a line or circuit declares the host), internal
/// routing for information, and its remote-control services in list 5.
fn report_reading(
    report: &mut AuditReport,
    reading: Reading,
    declared: bool,
    device: Option<&Device>,
    host: SeenHost,
    virtual_router: Option<MacClass>,
) {
    let confidence = reading.confidence();
    if !reading.remote_control.is_empty() {
        report.remote_control.push(RemoteControl {
            device: device.map(DeviceRef::of),
            host: host.clone(),
            services: reading.remote_control,
            circuits: reading.circuits,
        });
    }
    if declared {
        return;
    }
    if let Some(confidence) = confidence {
        report.undeclared_external.push(UndeclaredExternal {
            confidence,
            device: device.map(DeviceRef::of),
            host: host.clone(),
            evidence: reading.counted,
            evidence_sources: Vec::new(),
            virtual_router,
        });
    }
    if !reading.internal_routing.is_empty() {
        report.internal_routers.push(InternalRouter {
            device: device.map(DeviceRef::of),
            host,
            evidence: reading.internal_routing,
            virtual_router,
        });
    }
}

/// The marks the map and impact views draw: built from the audit.
pub fn scan_marks(site: &Site, snaps: &[Snapshot]) -> ScanMarks {
    let mut marks = marks_from_report(&audit(site, snaps));
    marks.switch_links = switch_links(site, snaps);
    marks
}

/// The device-to-device links the polls in `snaps` learned, between two
/// ledger devices, each pair once (smaller id first), sorted.
pub fn switch_links(site: &Site, snaps: &[Snapshot]) -> Vec<(String, String)> {
    let known: HashSet<&str> = site.devices.iter().map(|d| d.id.as_str()).collect();
    let mut out: Vec<(String, String)> = snaps
        .iter()
        .filter_map(|s| s.switching.as_ref())
        .flat_map(|w| &w.links)
        .filter_map(|l| {
            let peer = l.peer.as_deref()?;
            (known.contains(l.device.as_str()) && known.contains(peer) && l.device != peer).then(
                || {
                    let (a, b) = (l.device.clone(), peer.to_string());
                    if a < b {
                        (a, b)
                    } else {
                        (b, a)
                    }
                },
            )
        })
        .collect();
    out.sort();
    out.dedup();
    out
}

/// The marks of an audit already run.
pub fn marks_from_report(report: &AuditReport) -> ScanMarks {
    ScanMarks {
        unseen_devices: report.unseen.iter().map(|u| u.device.id.clone()).collect(),
        undeclared_external_devices: report
            .undeclared_external
            .iter()
            .filter(|u| u.virtual_router.is_none())
            .filter_map(|u| u.device.as_ref().map(|d| d.id.clone()))
            .collect(),
        unregistered: report
            .unregistered
            .iter()
            .map(|u| UnregisteredHost {
                ip: u.host.ip,
                mac: u.host.mac,
                vendor: u.host.vendor.clone(),
                segment: u.host.segment.clone(),
                external: u.external.clone(),
                randomised_mac: u.randomised_mac,
            })
            .collect(),
        switch_links: Vec::new(),
        ways_out_to_check: report
            .ways_out
            .iter()
            .filter_map(|c| {
                let mark = crate::identify::WayOutMark::of(c)?;
                Some((c.device.clone()?, mark))
            })
            .collect(),
        scanned: report.snapshots.iter().map(|s| s.started).max(),
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::site::{Circuit, Line, LineKind, Segment, SiteMeta, SourceRef};
    use crate::snapshot::{Detail, Proto, ScanSettings, FORMAT_NAME, FORMAT_VERSION};

    pub(crate) fn at(file: &str, line: usize) -> SourceRef {
        SourceRef {
            file: file.into(),
            line,
        }
    }

    pub(crate) fn device(
        id: &str,
        kind: DeviceKind,
        mac: Option<&str>,
        ip: Option<&str>,
        seg: &str,
    ) -> Device {
        Device {
            id: id.into(),
            name: format!("{id}-name"),
            kind,
            mac: mac.map(|m| m.parse().unwrap()),
            ip: ip.map(|i| i.parse().unwrap()),
            segment: (!seg.is_empty()).then(|| seg.into()),
            system: None,
            department: String::new(),
            vendor: String::new(),
            location: String::new(),
            notes: String::new(),
            at: at("devices.csv", 2),
        }
    }

    pub(crate) fn site(segs: Vec<(&str, &str)>, devices: Vec<Device>) -> Site {
        Site {
            root: "/nonexistent".into(),
            meta: SiteMeta {
                name: "テスト病院".into(),
                updated: None,
                language: crate::site::Lang::Ja,
                author: None,
                timezone: Default::default(),
            },
            segments: segs
                .into_iter()
                .enumerate()
                .map(|(i, (id, cidr))| Segment {
                    id: id.into(),
                    name: format!("{id}-name"),
                    cidr: Some(cidr.parse().unwrap()),
                    zone: None,
                    vlan: None,
                    connects: vec![],
                    notes: String::new(),
                    at: at("segments.csv", i + 2),
                })
                .collect(),
            devices,
            systems: vec![],
            lines: vec![],
            circuits: vec![],
            clouds: vec![],
            flows: vec![],
            contacts: vec![],
        }
    }

    pub(crate) fn line(id: &str, device: &str) -> Line {
        Line {
            id: id.into(),
            name: format!("{id}-name"),
            carrier: "NTT".into(),
            kind: LineKind::Internet,
            device: Some(device.into()),
            purpose: String::new(),
            notes: String::new(),
            at: at("lines.csv", 2),
        }
    }

    pub(crate) fn circuit(id: &str, device: &str) -> Circuit {
        Circuit {
            id: id.into(),
            vendor: "保守ベンダ".into(),
            system: None,
            line: None,
            device: Some(device.into()),
            method: "IPsec-VPN".into(),
            hours: "常時".into(),
            contact: String::new(),
            phone: String::new(),
            notes: String::new(),
            at: at("maintenance.csv", 2),
        }
    }

    pub(crate) fn host(ip: &str, mac: Option<&str>) -> Host {
        Host {
            ip: ip.parse().unwrap(),
            mac: mac.map(|m| m.parse().unwrap()),
            other_macs: vec![],
            vendor: None,
            hostname: None,
            ports: vec![],
            rtt_ms: Some(1.0),
            flags: vec![],
            external: vec![],
            identify: None,
        }
    }

    pub(crate) fn snapshot(scopes: &[&str], hosts: Vec<Host>) -> Snapshot {
        let t = DateTime::parse_from_rfc3339("2026-11-27T06:15:00Z")
            .unwrap()
            .with_timezone(&Utc);
        Snapshot {
            format: FORMAT_NAME.into(),
            version: FORMAT_VERSION,
            source: crate::snapshot::Source::Scan,
            imported_from: None,
            started: t,
            finished: t,
            partial: false,
            interface: "eth0".into(),
            scanner_ip: None,
            scanner_mac: None,
            default_gateway: None,
            scopes: scopes.iter().map(|s| s.parse().unwrap()).collect(),
            settings: ScanSettings {
                rate_pps: 1000,
                host_rate_pps: 20,
                tcp_ports: vec![22, 443, 3389],
                udp_ports: vec![500],
                outside_probe: Some("198.19.0.1".parse().unwrap()),
                excluded: vec![],
                unprivileged: false,
            },
            hosts,
            limitations: vec![],
            switching: None,
            details: vec![],
        }
    }

    pub(crate) fn gw() -> ExternalEvidence {
        ExternalEvidence::GatewayProbe {
            responder: "192.168.1.1".parse().unwrap(),
        }
    }

    /// A small hospital: core segment scanned, a ward segment with its own CIDR.
    fn hospital() -> Site {
        let mut s = site(
            vec![
                ("core", "192.168.1.0/24"),
                ("ward", "192.168.2.0/24"),
                ("lab", "192.168.3.0/24"),
            ],
            vec![
                device(
                    "fw",
                    DeviceKind::Firewall,
                    Some("00:1a:2b:00:00:01"),
                    Some("192.168.1.1"),
                    "core",
                ),
                device(
                    "vpn",
                    DeviceKind::Vpn,
                    Some("00:1a:2b:00:00:02"),
                    Some("192.168.1.2"),
                    "core",
                ),
                device(
                    "ehr",
                    DeviceKind::Server,
                    Some("00:1a:2b:00:00:10"),
                    Some("192.168.1.10"),
                    "core",
                ),
                device(
                    "prn",
                    DeviceKind::Printer,
                    None,
                    Some("192.168.1.20"),
                    "core",
                ),
                device(
                    "pc1",
                    DeviceKind::Pc,
                    Some("00:1a:2b:00:00:31"),
                    None,
                    "core",
                ),
                device(
                    "ward-pc",
                    DeviceKind::Pc,
                    Some("00:1a:2b:00:02:01"),
                    Some("192.168.2.5"),
                    "ward",
                ),
                device(
                    "lab-an",
                    DeviceKind::Medical,
                    Some("00:1a:2b:00:03:01"),
                    Some("192.168.3.5"),
                    "lab",
                ),
                device("usb-only", DeviceKind::Medical, None, None, ""),
            ],
        );
        s.lines.push(line("inet", "fw"));
        s.circuits.push(circuit("maint-1", "vpn"));
        s
    }

    fn all_seen_hosts() -> Vec<Host> {
        let mut fw = host("192.168.1.1", Some("00:1a:2b:00:00:01"));
        fw.external = vec![gw(), ExternalEvidence::DefaultGateway];
        vec![
            fw,
            host("192.168.1.2", Some("00:1a:2b:00:00:02")),
            host("192.168.1.10", Some("00:1a:2b:00:00:10")),
            host("192.168.1.20", Some("00:99:99:00:00:20")),
            host("192.168.1.77", Some("00:1a:2b:00:00:31")),
            host("192.168.2.5", Some("00:1a:2b:00:02:01")),
        ]
    }

    #[test]
    fn a_clean_network_has_no_findings_and_no_false_unregistered() {
        let s = hospital();
        let snap = snapshot(&["192.168.1.0/24", "192.168.2.0/24"], all_seen_hosts());
        let r = audit(&s, &[snap]);
        assert_eq!(r.finding_count(), 0, "{r:#?}");
        assert_eq!(r.coverage.seen, 6);
        assert_eq!(r.coverage.cannot_match, 1);
        assert_eq!(r.coverage.not_covered, 1, "lab is not scanned");
        assert_eq!(r.coverage.unscanned_segments, vec!["lab".to_string()]);
    }

    #[test]
    fn undeclared_ways_out_registered_and_unregistered() {
        let s = hospital();
        let mut hosts = all_seen_hosts();
        // The EHR server routes: nobody declared it.
        hosts[2].external = vec![gw()];
        // An unknown router with a VPN service.
        let mut rogue = host("192.168.1.250", Some("00:a0:de:11:22:33"));
        rogue.external = vec![ExternalEvidence::Service {
            proto: Proto::Udp,
            port: 500,
            what: "IKE".into(),
        }];
        rogue.vendor = Some("YAMAHA CORPORATION".into());
        hosts.push(rogue);
        // A registered PC whose MAC maker makes routers: not credible alone.
        hosts[4].external = vec![ExternalEvidence::Vendor {
            organization: "Cisco Systems".into(),
        }];
        let r = audit(
            &s,
            &[snapshot(&["192.168.1.0/24", "192.168.2.0/24"], hosts)],
        );
        let got: Vec<(Confidence, Option<&str>, IpAddr)> = r
            .undeclared_external
            .iter()
            .map(|u| {
                (
                    u.confidence,
                    u.device.as_ref().map(|d| d.id.as_str()),
                    u.host.ip,
                )
            })
            .collect();
        assert_eq!(
            got,
            vec![
                (
                    Confidence::Confirmed,
                    Some("ehr"),
                    "192.168.1.10".parse().unwrap()
                ),
                (Confidence::Likely, None, "192.168.1.250".parse().unwrap()),
            ]
        );
        assert_eq!(r.unregistered.len(), 1);
        assert_eq!(r.unregistered[0].external.len(), 1);
        let marks = marks_from_report(&r);
        assert_eq!(
            marks.undeclared_external_devices,
            std::collections::HashSet::from(["ehr".to_string()])
        );
        assert_eq!(marks.unregistered.len(), 1);
        assert_eq!(marks.unregistered[0].segment.as_deref(), Some("core"));
    }

    #[test]
    fn unregistered_devices_with_segment_vendor_and_randomised_note() {
        let s = hospital();
        let mut hosts = all_seen_hosts();
        let mut pc = host("192.168.2.77", Some("00:11:22:33:44:55"));
        pc.vendor = Some("=HYPERLINK(\"x\")".into());
        hosts.push(pc);
        hosts.push(host("192.168.1.88", Some("da:a1:19:12:34:56")));
        // Outside every recorded segment: no segment, still unregistered.
        hosts.push(host("192.168.9.9", Some("00:11:22:33:44:99")));
        let r = audit(&s, &[snapshot(&["192.168.0.0/16"], hosts)]);
        let got: Vec<(String, Option<String>, bool)> = r
            .unregistered
            .iter()
            .map(|u| {
                (
                    u.host.ip.to_string(),
                    u.host.segment.clone(),
                    u.randomised_mac,
                )
            })
            .collect();
        assert_eq!(
            got,
            vec![
                ("192.168.1.88".into(), Some("core".into()), true),
                ("192.168.2.77".into(), Some("ward".into()), false),
                ("192.168.9.9".into(), None, false),
            ]
        );
        assert_eq!(
            r.unregistered[1].host.vendor.as_deref(),
            Some("=HYPERLINK(\"x\")")
        );
        assert!(r.undeclared_external.is_empty());
    }

    #[test]
    fn another_mac_at_a_recorded_ip_names_the_device() {
        let s = hospital();
        let mut hosts = all_seen_hosts();
        hosts[2] = host("192.168.1.10", Some("00:11:22:33:44:10"));
        let r = audit(
            &s,
            &[snapshot(&["192.168.1.0/24", "192.168.2.0/24"], hosts)],
        );
        assert_eq!(r.unregistered.len(), 1);
        assert_eq!(
            r.unregistered[0].ip_recorded_for.as_ref().unwrap().id,
            "ehr"
        );
        assert_eq!(r.unseen.len(), 1);
        assert_eq!(r.unseen[0].device.id, "ehr");
    }

    #[test]
    fn unseen_only_where_a_complete_scan_looked_perimeter_first() {
        let s = hospital();
        // Only the ward PC and the EHR server answer; the core and ward are scanned.
        let hosts = vec![
            host("192.168.1.10", Some("00:1a:2b:00:00:10")),
            host("192.168.2.5", Some("00:1a:2b:00:02:01")),
        ];
        let r = audit(
            &s,
            &[snapshot(&["192.168.1.0/24", "192.168.2.0/24"], hosts)],
        );
        let got: Vec<(&str, Vec<String>)> = r
            .unseen
            .iter()
            .map(|u| (u.device.id.as_str(), u.perimeter_of.clone()))
            .collect();
        assert_eq!(
            got,
            vec![
                ("fw", vec!["inet".to_string()]),
                ("vpn", vec!["maint-1".to_string()]),
                ("pc1", vec![]),
                ("prn", vec![]),
            ]
        );
        assert_eq!(r.coverage.not_covered, 1);
        let marks = marks_from_report(&r);
        assert!(marks.unseen_devices.contains("fw") && !marks.unseen_devices.contains("lab-an"));
    }

    #[test]
    fn a_scan_of_one_ip_covers_that_device_only() {
        let s = hospital();
        let r = audit(&s, &[snapshot(&["192.168.1.10/32"], vec![])]);
        let ids: Vec<&str> = r.unseen.iter().map(|u| u.device.id.as_str()).collect();
        assert_eq!(ids, vec!["ehr"]);
    }

    #[test]
    fn partial_scans_prove_no_absence() {
        let s = hospital();
        let mut snap = snapshot(&["192.168.1.0/24", "192.168.2.0/24"], vec![]);
        snap.partial = true;
        let r = audit(&s, &[snap]);
        assert!(r.unseen.is_empty());
        assert_eq!(r.coverage.not_covered, 7);
        assert_eq!(r.coverage.partial_only, 6);
        // But what a partial scan did see still counts.
        let mut snap = snapshot(
            &["192.168.1.0/24"],
            vec![host("192.168.1.99", Some("00:11:22:33:44:55"))],
        );
        snap.partial = true;
        assert_eq!(audit(&s, &[snap]).unregistered.len(), 1);
    }

    #[test]
    fn evidence_names_the_sources_that_saw_it() {
        let s = hospital();
        let rogue = |ev: Vec<ExternalEvidence>| {
            let mut h = host("192.168.1.99", Some("00:11:22:33:44:55"));
            h.external = ev;
            h
        };
        let scopes = ["192.168.1.0/24", "192.168.2.0/24"];
        let scan = snapshot(&scopes, vec![rogue(vec![gw()])]);
        let mut capture = snapshot(
            &[],
            vec![rogue(vec![
                gw(),
                ExternalEvidence::SaysRouter { via: "lldp".into() },
            ])],
        );
        capture.source = Source::Capture;
        let r = audit(&s, &[scan.clone(), capture]);
        let u = &r.undeclared_external[0];
        assert_eq!(u.evidence.len(), 2);
        assert_eq!(
            u.evidence_sources,
            vec![vec![Source::Scan, Source::Capture], vec![Source::Capture]]
        );
        let json = serde_json::to_string(u).unwrap();
        assert!(
            json.contains(r#""evidence_sources":[["scan","capture"],["capture"]]"#),
            "{json}"
        );
        let mut text = Vec::new();
        crate::report::audit::write_text(&r, crate::site::Lang::En, &mut text).unwrap();
        let text = String::from_utf8(text).unwrap();
        assert!(text.contains("(seen by scan, capture)"), "{text}");
        assert!(text.contains("(seen by capture)"), "{text}");
        // A scan alone: nothing added, in the JSON or the text.
        let r = audit(&s, &[scan]);
        let json = serde_json::to_string(&r.undeclared_external[0]).unwrap();
        assert!(!json.contains("evidence_sources"), "{json}");
        let mut text = Vec::new();
        crate::report::audit::write_text(&r, crate::site::Lang::En, &mut text).unwrap();
        assert!(!String::from_utf8(text).unwrap().contains("seen by"));
    }

    #[test]
    fn absence_from_a_capture_or_leases_is_not_proof() {
        let s = hospital();
        for source in [Source::Capture, Source::ArpScan, Source::DhcpLeases] {
            let mut snap = snapshot(
                &["192.168.1.0/24", "192.168.2.0/24"],
                vec![host("192.168.1.99", Some("00:11:22:33:44:55"))],
            );
            snap.source = source;
            let r = audit(&s, &[snap]);
            assert!(r.unseen.is_empty(), "{source:?}");
            assert_eq!(r.coverage.not_covered, 7, "{source:?}");
            assert_eq!(r.coverage.not_seen_in_window, 7, "{source:?}");
            // What it did see still counts.
            assert_eq!(r.unregistered.len(), 1, "{source:?}");
        }
        // An nmap run swept its targets: its absences are findings.
        let mut snap = snapshot(&["192.168.1.0/24", "192.168.2.0/24"], vec![]);
        snap.source = Source::Nmap;
        let r = audit(&s, &[snap]);
        assert!(!r.unseen.is_empty());
        assert_eq!(r.coverage.not_seen_in_window, 0);
    }

    pub(crate) fn session(lan: &str, peer: &str, service: &str, first: &str, last: &str) -> Detail {
        let t = |s: &str| DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc);
        Detail {
            ip: Some(lan.parse().unwrap()),
            mac: None,
            fact: Fact::RemoteSession {
                service: service.into(),
                proto: Proto::Udp,
                port: 500,
                server: lan.parse().unwrap(),
                client: peer.parse().unwrap(),
                outside_peer: true,
                first: t(first),
                last: t(last),
            },
        }
    }

    #[test]
    fn a_session_outside_the_declared_hours_is_a_finding() {
        let mut s = hospital();
        let vpn = "192.168.1.2";
        let mut weekday = circuit("MNT-01", "vpn");
        weekday.hours = "平日 9:00-17:00".into();
        let mut rdp = circuit("MNT-02", "vpn");
        rdp.method = "リモートデスクトップ".into();
        rdp.hours = "常時".into();
        let mut asked = circuit("MNT-03", "vpn");
        asked.method = "SSL-VPN".into();
        asked.hours = "申請時のみ".into();
        s.circuits = vec![weekday, rdp, asked];
        let mut snap = snapshot(&[], vec![host(vpn, Some("00:00:5e:00:01:02"))]);
        snap.source = Source::Capture;
        snap.details = vec![
            // Friday 10:00-11:00 JST: inside the hours.
            session(
                vpn,
                "198.19.0.7",
                "IKE",
                "2026-12-04T01:00:00Z",
                "2026-12-04T02:00:00Z",
            ),
            // Friday 23:00 JST: outside; the IPsec circuit only (the RDP
            // circuit is always open but does not carry IKE).
            session(
                vpn,
                "198.19.0.7",
                "IKE",
                "2026-12-04T14:00:00Z",
                "2026-12-04T14:30:00Z",
            ),
            // Saturday, over SSL-VPN: the on-request circuit, not checked.
            session(
                vpn,
                "198.19.0.8",
                "SSL-VPN",
                "2026-12-05T01:00:00Z",
                "2026-12-05T01:10:00Z",
            ),
            // To another device: not this circuit's.
            session(
                "192.168.1.50",
                "198.19.0.9",
                "IKE",
                "2026-12-04T14:00:00Z",
                "2026-12-04T14:30:00Z",
            ),
        ];
        let r = audit(&s, &[snap.clone()]);
        assert_eq!(r.outside_hours.len(), 1, "{:?}", r.outside_hours);
        let f = &r.outside_hours[0];
        assert_eq!(f.device.id, "vpn");
        assert_eq!(f.peer.to_string(), "198.19.0.7");
        assert_eq!(f.circuits.len(), 1);
        assert_eq!(f.circuits[0].id, "MNT-01");
        assert_eq!(r.hours_not_checked.len(), 1);
        assert_eq!(r.hours_not_checked[0].circuit.id, "MNT-03");
        assert!(r.hours_not_checked[0].on_request);
        assert_eq!(
            r.finding_count(),
            1 + {
                let mut quiet = snap.clone();
                quiet.details.clear();
                audit(&s, &[quiet]).finding_count()
            }
        );
        // In UTC, Friday 14:00 is inside 9:00-17:00 and 01:00 is not.
        s.meta.timezone = "UTC".parse().unwrap();
        let r = audit(&s, &[snap]);
        assert_eq!(r.outside_hours.len(), 1, "{:?}", r.outside_hours);
        assert_eq!(
            r.outside_hours[0].first.to_rfc3339(),
            "2026-12-04T01:00:00+00:00"
        );
    }

    #[test]
    fn mac_only_devices_are_not_unseen_where_the_scan_was_mac_blind() {
        let s = hospital();
        let mut hosts = all_seen_hosts();
        for h in &mut hosts {
            h.mac = None;
        }
        hosts.retain(|h| h.ip.to_string() != "192.168.1.77");
        let r = audit(
            &s,
            &[snapshot(&["192.168.1.0/24", "192.168.2.0/24"], hosts)],
        );
        assert!(r.unseen.is_empty(), "{:#?}", r.unseen);
        assert!(r.unregistered.is_empty());
    }

    #[test]
    fn mismatches_ip_segment_and_conflict() {
        let s = hospital();
        let mut hosts = all_seen_hosts();
        hosts[2].ip = "192.168.1.11".parse().unwrap(); // ehr at another IP
        hosts[5].ip = "192.168.1.55".parse().unwrap(); // ward PC in core
        let mut conflict = host("192.168.1.2", Some("00:1a:2b:00:00:02"));
        conflict.other_macs = vec!["00:1a:2b:00:00:31".parse().unwrap()];
        conflict.flags = vec![HostFlag::IpConflict];
        hosts[1] = conflict;
        let r = audit(
            &s,
            &[snapshot(&["192.168.1.0/24", "192.168.2.0/24"], hosts)],
        );
        let ehr = DeviceRef::of(&s.devices[2]);
        let ward = DeviceRef::of(&s.devices[5]);
        assert_eq!(
            r.mismatches,
            vec![
                Mismatch::IpConflict {
                    ip: "192.168.1.2".parse().unwrap(),
                    macs: vec![
                        "00:1a:2b:00:00:02".parse().unwrap(),
                        "00:1a:2b:00:00:31".parse().unwrap()
                    ],
                    devices: vec![DeviceRef::of(&s.devices[1]), DeviceRef::of(&s.devices[4])],
                },
                Mismatch::IpDiffers {
                    device: ehr,
                    seen_ip: "192.168.1.11".parse().unwrap()
                },
                Mismatch::SegmentDiffers {
                    device: ward,
                    seen_ip: "192.168.1.55".parse().unwrap(),
                    seen_segment: Some("core".into())
                },
            ]
        );
        assert!(r.unregistered.is_empty());
    }

    #[test]
    fn vrrp_gateway_is_a_virtual_router_not_an_unregistered_device() {
        let s = hospital();
        let mut hosts = all_seen_hosts();
        let mut vip = host("192.168.1.254", Some("00:00:5e:00:01:01"));
        vip.external = vec![ExternalEvidence::DefaultGateway];
        hosts.push(vip.clone());
        let r = audit(
            &s,
            &[snapshot(
                &["192.168.1.0/24", "192.168.2.0/24"],
                hosts.clone(),
            )],
        );
        assert!(r.unregistered.is_empty());
        assert_eq!(r.virtual_routers.len(), 1);
        assert_eq!(r.virtual_routers[0].group, 1);
        // The declared firewall sits in the same segment: declared.
        assert!(r.undeclared_external.is_empty());
        // In a segment with no declared device it is an undeclared way out.
        let mut vip2 = vip;
        vip2.ip = "192.168.2.254".parse().unwrap();
        hosts.push(vip2);
        let r = audit(
            &s,
            &[snapshot(&["192.168.1.0/24", "192.168.2.0/24"], hosts)],
        );
        assert_eq!(r.undeclared_external.len(), 1);
        assert_eq!(
            r.undeclared_external[0].virtual_router,
            Some(MacClass::Vrrp)
        );
        assert!(r.unregistered.is_empty());
        assert!(marks_from_report(&r).unregistered.is_empty());
    }

    #[test]
    fn the_scanner_itself_is_not_unregistered_and_duplicates_merge() {
        let s = hospital();
        let mut hosts = all_seen_hosts();
        hosts.push(host("192.168.1.200", Some("02:00:00:00:00:02")));
        let mut a = snapshot(&["192.168.1.0/24", "192.168.2.0/24"], hosts.clone());
        a.scanner_ip = Some("192.168.1.200".parse().unwrap());
        let b = snapshot(&["192.168.1.0/24"], hosts[..5].to_vec());
        let r = audit(&s, &[a, b]);
        assert_eq!(r.finding_count(), 0, "{r:#?}");
        assert_eq!(r.coverage.scanner_skipped, 1);
    }
}
