//! What changed between two snapshots (the rescan after every equipment
//! change the manual asks for, or the quarterly one).
//!
//! Hosts are paired old ↔ new in three passes: the same IP and MAC; then the
//! same MAC at another IP (a move); then the same IP with another MAC (a
//! replacement, or someone taking the address: the flip-flop). A pair where
//! one scan saw no MAC (an unprivileged or routed scan) is the same host.
//! What stays unpaired is new or gone.
//!
//! Absence proves nothing in a partial scan, so when the newer snapshot is
//! partial no host is reported gone and no port or evidence as lost. A host
//! outside the other snapshot's scopes is neither new nor gone: it is
//! counted apart. A port is compared only when both scans probed it.

use foldhash::{HashMap, HashMapExt, HashSet, HashSetExt};
use std::net::IpAddr;

use ipnetwork::IpNetwork;
use serde::Serialize;

use super::audit::{is_scanner, SnapshotSummary};
use super::evidence::{EvidenceRules, Subject};
use super::identity::{Identity, LedgerIndex, SegmentIndex};
use crate::mac::MacAddr;
use crate::site::Site;
use crate::snapshot::switching::Placement;
use crate::snapshot::{ExternalEvidence, Host, OpenPort, Proto, Snapshot};
use crate::text::clean;

/// A host as a diff names it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct HostRef {
    /// IP (in the newer snapshot, or the older one for a host gone).
    pub ip: IpAddr,
    /// MAC, if seen.
    pub mac: Option<MacAddr>,
    /// OUI vendor (hostile text).
    pub vendor: Option<String>,
    /// Host name (hostile text).
    pub hostname: Option<String>,
    /// Ledger device id, when a site was given and the host matches one.
    pub device: Option<String>,
    /// Ledger device name.
    pub device_name: Option<String>,
}

/// One change between the snapshots.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "change", rename_all = "kebab-case")]
pub enum Change {
    /// A host the older scan did not see.
    NewHost {
        /// The host.
        host: HostRef,
        /// External-facing evidence it shows.
        external: Vec<ExternalEvidence>,
    },
    /// A host the newer scan no longer sees.
    HostGone {
        /// The host (as the older scan saw it).
        host: HostRef,
    },
    /// A MAC now answers at another IP.
    MacMoved {
        /// The host (new IP).
        host: HostRef,
        /// Its previous IP.
        old_ip: IpAddr,
    },
    /// An IP now answers with another MAC (replacement or spoofing).
    IpNewMac {
        /// The host with its new MAC.
        host: HostRef,
        /// The MAC that answered before.
        old_mac: Option<MacAddr>,
        /// The ledger device of the old MAC, if any.
        old_device: Option<String>,
    },
    /// A port answers now that did not before.
    PortOpened {
        /// The host.
        host: HostRef,
        /// The port.
        port: OpenPort,
    },
    /// A port that answered before no longer does.
    PortClosed {
        /// The host.
        host: HostRef,
        /// The port.
        port: OpenPort,
    },
    /// The host now shows external-facing evidence.
    BecameExternal {
        /// The host.
        host: HostRef,
        /// The evidence.
        evidence: Vec<ExternalEvidence>,
    },
    /// The host no longer shows external-facing evidence.
    StoppedExternal {
        /// The host.
        host: HostRef,
        /// The evidence it showed before.
        evidence: Vec<ExternalEvidence>,
    },
    /// A MAC is now on another switch port (two polls by `koseizu poll`).
    /// `host.ip` is its ARP address, or unspecified (0.0.0.0) when no ARP
    /// table gave one.
    MacMovedPort {
        /// The host.
        host: HostRef,
        /// Where it was.
        from: Placement,
        /// Where it is now.
        to: Placement,
    },
}

impl Change {
    /// Stable name of the change kind (JSON tag and CSV column).
    pub fn kind_name(&self) -> &'static str {
        match self {
            Change::NewHost { .. } => "new-host",
            Change::HostGone { .. } => "host-gone",
            Change::MacMoved { .. } => "mac-moved",
            Change::IpNewMac { .. } => "ip-new-mac",
            Change::PortOpened { .. } => "port-opened",
            Change::PortClosed { .. } => "port-closed",
            Change::BecameExternal { .. } => "became-external",
            Change::StoppedExternal { .. } => "stopped-external",
            Change::MacMovedPort { .. } => "mac-moved-port",
        }
    }

    fn order(&self) -> u8 {
        match self {
            Change::BecameExternal { .. } => 0,
            Change::NewHost { .. } => 1,
            Change::IpNewMac { .. } => 2,
            Change::MacMoved { .. } => 3,
            Change::HostGone { .. } => 4,
            Change::PortOpened { .. } => 5,
            Change::PortClosed { .. } => 6,
            Change::StoppedExternal { .. } => 7,
            Change::MacMovedPort { .. } => 8,
        }
    }

    /// The host the change is about.
    pub fn host(&self) -> &HostRef {
        match self {
            Change::NewHost { host, .. }
            | Change::HostGone { host }
            | Change::MacMoved { host, .. }
            | Change::IpNewMac { host, .. }
            | Change::PortOpened { host, .. }
            | Change::PortClosed { host, .. }
            | Change::BecameExternal { host, .. }
            | Change::StoppedExternal { host, .. }
            | Change::MacMovedPort { host, .. } => host,
        }
    }
}

/// The differences between an older and a newer snapshot.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SnapshotDiff {
    /// The older snapshot.
    pub old: SnapshotSummary,
    /// The newer snapshot.
    pub new: SnapshotSummary,
    /// Changes, the most serious kinds first, by IP within a kind.
    pub changes: Vec<Change>,
    /// Hosts in the newer scan outside the older scan's scopes (not "new").
    pub outside_old_scope: usize,
    /// Hosts in the older scan outside the newer scan's scopes (not "gone").
    pub outside_new_scope: usize,
    /// Ports probed by only one of the scans, not compared.
    pub ports_not_compared: Vec<String>,
    /// Unpaired hosts left out because they are a scanning machine itself.
    pub scanner_skipped: usize,
}

fn in_scopes(scopes: &[IpNetwork], ip: IpAddr) -> bool {
    scopes.iter().any(|n| n.contains(ip))
}

/// The ledger, when a site was given: names hosts by device and reads their
/// evidence by the audit's rules.
struct Ledger<'a> {
    site: &'a Site,
    index: LedgerIndex,
    rules: EvidenceRules<'a>,
}

struct Namer<'a> {
    ledger: Option<Ledger<'a>>,
}

impl Namer<'_> {
    fn device_of(&self, h: &Host) -> Option<(String, String)> {
        let l = self.ledger.as_ref()?;
        match l.index.identify(h) {
            Identity::Registered { device, .. } => {
                let d = &l.site.devices[device];
                Some((d.id.clone(), d.name.clone()))
            }
            _ => None,
        }
    }

    fn name(&self, h: &Host) -> HostRef {
        let dev = self.device_of(h);
        HostRef {
            ip: h.ip,
            mac: h.mac,
            vendor: h.vendor.clone(),
            hostname: h.hostname.clone(),
            device: dev.as_ref().map(|d| d.0.clone()),
            device_name: dev.map(|d| d.1),
        }
    }

    /// The evidence that makes `h` external-facing: with a site, what the
    /// audit's rules leave of it (a switch's web UI, an L3 switch routing,
    /// RDP of a maintenance circuit are explained); without, all of it.
    fn external(&self, h: &Host) -> Vec<ExternalEvidence> {
        match &self.ledger {
            Some(l) if !h.external.is_empty() => {
                let subject = Subject::of(l.site, &l.index.identify(h), h.ip);
                l.rules.read(subject, &h.external).counted
            }
            _ => h.external.clone(),
        }
    }
}

/// Compares `old` with `new`; with a site, hosts are named by ledger device.
pub fn diff(old: &Snapshot, new: &Snapshot, site: Option<&Site>) -> SnapshotDiff {
    let segments = site.map(SegmentIndex::new);
    let namer = Namer {
        ledger: site.zip(segments.as_ref()).map(|(site, segments)| Ledger {
            site,
            index: LedgerIndex::new(site),
            rules: EvidenceRules::new(site, segments),
        }),
    };
    let n_old = old.hosts.len();
    let mut old_paired = vec![false; n_old];
    let mut new_pair: Vec<Option<usize>> = vec![None; new.hosts.len()];
    let mut changes = Vec::new();

    // Pass 1: same IP and MAC.
    let mut exact: HashMap<(IpAddr, Option<MacAddr>), usize> = HashMap::with_capacity(n_old);
    for (i, h) in old.hosts.iter().enumerate() {
        exact.entry((h.ip, h.mac)).or_insert(i);
    }
    for (j, h) in new.hosts.iter().enumerate() {
        if let Some(&i) = exact.get(&(h.ip, h.mac)) {
            if !old_paired[i] {
                old_paired[i] = true;
                new_pair[j] = Some(i);
            }
        }
    }
    // Pass 2: same MAC, another IP.
    let mut by_mac: HashMap<MacAddr, Vec<usize>> = HashMap::new();
    for (i, h) in old.hosts.iter().enumerate() {
        if let (Some(m), false) = (h.mac, old_paired[i]) {
            by_mac.entry(m).or_default().push(i);
        }
    }
    for (j, h) in new.hosts.iter().enumerate() {
        if new_pair[j].is_some() {
            continue;
        }
        let Some(cands) = h.mac.and_then(|m| by_mac.get_mut(&m)) else {
            continue;
        };
        if let Some(pos) = cands.iter().position(|&i| !old_paired[i]) {
            let i = cands.swap_remove(pos);
            old_paired[i] = true;
            new_pair[j] = Some(i);
            changes.push(Change::MacMoved {
                host: namer.name(h),
                old_ip: old.hosts[i].ip,
            });
        }
    }
    // Pass 3: same IP, another MAC (or a MAC only one scan could see).
    let mut by_ip: HashMap<IpAddr, Vec<usize>> = HashMap::new();
    for (i, h) in old.hosts.iter().enumerate() {
        if !old_paired[i] {
            by_ip.entry(h.ip).or_default().push(i);
        }
    }
    let mut replaced: HashSet<usize> = HashSet::new();
    for (j, h) in new.hosts.iter().enumerate() {
        if new_pair[j].is_some() {
            continue;
        }
        let Some(cands) = by_ip.get_mut(&h.ip) else {
            continue;
        };
        if let Some(pos) = cands.iter().position(|&i| !old_paired[i]) {
            let i = cands.swap_remove(pos);
            old_paired[i] = true;
            new_pair[j] = Some(i);
            let o = &old.hosts[i];
            if o.mac.is_some() && h.mac.is_some() {
                replaced.insert(j);
                changes.push(Change::IpNewMac {
                    host: namer.name(h),
                    old_mac: o.mac,
                    old_device: namer.device_of(o).map(|d| d.0),
                });
            }
        }
    }

    // Paired hosts: ports, evidence, MACs newly answering for the same IP.
    let comparable = |p: &OpenPort| -> bool {
        let probed = |s: &Snapshot| match p.proto {
            Proto::Tcp => s.settings.tcp_ports.contains(&p.port),
            Proto::Udp => s.settings.udp_ports.contains(&p.port),
        };
        (old.settings.tcp_ports == new.settings.tcp_ports
            && old.settings.udp_ports == new.settings.udp_ports)
            || (probed(old) && probed(new))
    };
    let mut not_compared: HashSet<String> = HashSet::new();
    for (j, h) in new.hosts.iter().enumerate() {
        let Some(i) = new_pair[j] else { continue };
        let o = &old.hosts[i];
        if replaced.contains(&j) {
            continue;
        }
        let name = || namer.name(h);
        for m in &h.other_macs {
            let known = o.mac == Some(*m) || o.other_macs.contains(m);
            if !known && Some(*m) != h.mac {
                let mut host = name();
                host.mac = Some(*m);
                changes.push(Change::IpNewMac {
                    host,
                    old_mac: h.mac,
                    old_device: None,
                });
            }
        }
        // Port lists are a handful long: a linear search beats hashing.
        let has = |ports: &[OpenPort], p: &OpenPort| {
            ports.iter().any(|q| q.proto == p.proto && q.port == p.port)
        };
        for p in &h.ports {
            if !has(&o.ports, p) {
                if comparable(p) {
                    changes.push(Change::PortOpened {
                        host: name(),
                        port: p.clone(),
                    });
                } else {
                    not_compared.insert(port_label(p));
                }
            }
        }
        if !new.partial {
            for p in &o.ports {
                if !has(&h.ports, p) {
                    if comparable(p) {
                        changes.push(Change::PortClosed {
                            host: name(),
                            port: p.clone(),
                        });
                    } else {
                        not_compared.insert(port_label(p));
                    }
                }
            }
        }
        let (was, is) = (namer.external(o), namer.external(h));
        match (was.is_empty(), is.is_empty()) {
            (true, false) => changes.push(Change::BecameExternal {
                host: name(),
                evidence: is,
            }),
            (false, true) if !new.partial => changes.push(Change::StoppedExternal {
                host: name(),
                evidence: was,
            }),
            _ => {}
        }
    }

    // The scanning machine (often a laptop brought for the day) is not news.
    let mut scanner_skipped = 0;
    let mut outside_old_scope = 0;
    for (j, h) in new.hosts.iter().enumerate() {
        if new_pair[j].is_some() {
            continue;
        }
        if is_scanner(new, h) {
            scanner_skipped += 1;
            continue;
        }
        if !in_scopes(&old.scopes, h.ip) {
            outside_old_scope += 1;
            continue;
        }
        changes.push(Change::NewHost {
            host: namer.name(h),
            external: namer.external(h),
        });
    }
    let mut outside_new_scope = 0;
    if !new.partial {
        for (i, o) in old.hosts.iter().enumerate() {
            if old_paired[i] {
                continue;
            }
            if is_scanner(old, o) {
                scanner_skipped += 1;
                continue;
            }
            if !in_scopes(&new.scopes, o.ip) {
                outside_new_scope += 1;
                continue;
            }
            changes.push(Change::HostGone {
                host: namer.name(o),
            });
        }
    }
    changes.extend(moved_ports(old, new, &namer));
    changes.sort_by(|a, b| {
        (a.order(), a.host().ip, a.host().mac).cmp(&(b.order(), b.host().ip, b.host().mac))
    });
    let mut ports_not_compared: Vec<String> = not_compared.into_iter().collect();
    ports_not_compared.sort();
    SnapshotDiff {
        old: SnapshotSummary::from(old),
        new: SnapshotSummary::from(new),
        changes,
        outside_old_scope,
        outside_new_scope,
        ports_not_compared,
        scanner_skipped,
    }
}

/// MACs placed on an edge port by both snapshots' polls, on different ports.
fn moved_ports(old: &Snapshot, new: &Snapshot, namer: &Namer) -> Vec<Change> {
    let (Some(a), Some(b)) = (&old.switching, &new.switching) else {
        return Vec::new();
    };
    let before: HashMap<MacAddr, &Placement> = a
        .placements
        .iter()
        .filter(|p| !p.uplink_only)
        .map(|p| (p.mac, p))
        .collect();
    let mut out = Vec::new();
    for p in b.placements.iter().filter(|p| !p.uplink_only) {
        let Some(was) = before.get(&p.mac) else {
            continue;
        };
        if (was.device.as_str(), was.port.as_str()) == (p.device.as_str(), p.port.as_str()) {
            continue;
        }
        let host = match new.hosts.iter().find(|h| h.mac == Some(p.mac)) {
            Some(h) => namer.name(h),
            None => namer.name(&Host {
                ip: IpAddr::V4(std::net::Ipv4Addr::UNSPECIFIED),
                mac: Some(p.mac),
                other_macs: Vec::new(),
                vendor: crate::oui::vendor(p.mac).map(str::to_string),
                hostname: None,
                ports: Vec::new(),
                rtt_ms: None,
                flags: Vec::new(),
                external: Vec::new(),
                identify: None,
            }),
        };
        out.push(Change::MacMovedPort {
            host,
            from: (*was).clone(),
            to: p.clone(),
        });
    }
    out
}

/// A port as the diff names it: `tcp/443 (https)` (the service name
/// escaped for a terminal).
pub fn port_label(p: &OpenPort) -> String {
    let proto = match p.proto {
        Proto::Tcp => "tcp",
        Proto::Udp => "udp",
    };
    match &p.service {
        Some(s) => format!("{proto}/{} ({})", p.port, clean::terminal(s)),
        None => format!("{proto}/{}", p.port),
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::inventory::audit::tests::{device, gw, host, site, snapshot};
    use crate::site::DeviceKind;

    fn port(proto: Proto, port: u16) -> OpenPort {
        OpenPort {
            proto,
            port,
            service: None,
        }
    }

    pub(crate) fn base() -> Vec<Host> {
        let mut a = host("192.168.1.10", Some("00:1a:2b:00:00:10"));
        a.ports = vec![port(Proto::Tcp, 22), port(Proto::Tcp, 443)];
        vec![
            host("192.168.1.1", Some("00:1a:2b:00:00:01")),
            a,
            host("192.168.1.20", Some("00:1a:2b:00:00:20")),
            host("192.168.1.30", Some("00:1a:2b:00:00:30")),
            host("192.168.1.40", Some("00:1a:2b:00:00:40")),
        ]
    }

    fn kinds(d: &SnapshotDiff) -> Vec<(&'static str, String)> {
        d.changes
            .iter()
            .map(|c| (c.kind_name(), c.host().ip.to_string()))
            .collect()
    }

    #[test]
    fn identical_snapshots_have_no_changes() {
        let a = snapshot(&["192.168.1.0/24"], base());
        let d = diff(&a, &a.clone(), None);
        assert!(d.changes.is_empty(), "{:#?}", d.changes);
    }

    #[test]
    fn every_kind_of_change() {
        let old = snapshot(&["192.168.1.0/24"], base());
        let mut hosts = base();
        hosts[1].ports = vec![port(Proto::Tcp, 22), port(Proto::Tcp, 3389)]; // 443 closed, 3389 opened
        hosts[2].ip = "192.168.1.21".parse().unwrap(); // moved
        hosts[3].mac = Some("00:99:99:00:00:30".parse().unwrap()); // replaced at .30
        hosts.remove(4); // .40 gone
        hosts[0].external = vec![gw()]; // .1 became external
        hosts.push(host("192.168.1.50", Some("da:a1:19:00:00:50"))); // new
        hosts.push(host("10.0.0.5", Some("00:1a:2b:00:10:05"))); // outside old scope
        let mut new = snapshot(&["192.168.1.0/24", "10.0.0.0/24"], hosts);
        new.started = old.started + chrono::Duration::days(90);
        let d = diff(&old, &new, None);
        assert_eq!(
            kinds(&d),
            vec![
                ("became-external", "192.168.1.1".into()),
                ("new-host", "192.168.1.50".into()),
                ("ip-new-mac", "192.168.1.30".into()),
                ("mac-moved", "192.168.1.21".into()),
                ("host-gone", "192.168.1.40".into()),
                ("port-opened", "192.168.1.10".into()),
                ("port-closed", "192.168.1.10".into()),
            ]
        );
        assert_eq!(d.outside_old_scope, 1);
        match &d.changes[2] {
            Change::IpNewMac { old_mac, .. } => {
                assert_eq!(*old_mac, Some("00:1a:2b:00:00:30".parse().unwrap()))
            }
            other => panic!("{other:?}"),
        }
        // And back: stopped being external.
        let back = diff(&new, &old, None);
        assert!(back.changes.iter().any(
            |c| c.kind_name() == "stopped-external" && c.host().ip.to_string() == "192.168.1.1"
        ));
        assert_eq!(back.outside_new_scope, 1);
    }

    #[test]
    fn the_scanning_machines_come_and_go_silently() {
        let mut old = snapshot(&["192.168.1.0/24"], base());
        old.hosts
            .push(host("192.168.1.200", Some("02:00:00:00:00:01")));
        old.scanner_mac = Some("02:00:00:00:00:01".parse().unwrap());
        let mut new = snapshot(&["192.168.1.0/24"], base());
        new.hosts
            .push(host("192.168.1.201", Some("02:00:00:00:00:02")));
        new.scanner_ip = Some("192.168.1.201".parse().unwrap());
        let d = diff(&old, &new, None);
        assert!(d.changes.is_empty(), "{:#?}", d.changes);
        assert_eq!(d.scanner_skipped, 2);
    }

    #[test]
    fn a_second_mac_answering_is_a_flip_flop() {
        let old = snapshot(&["192.168.1.0/24"], base());
        let mut hosts = base();
        hosts[0].other_macs = vec!["00:66:66:66:66:66".parse().unwrap()];
        let d = diff(&old, &snapshot(&["192.168.1.0/24"], hosts), None);
        assert_eq!(kinds(&d), vec![("ip-new-mac", "192.168.1.1".into())]);
        assert_eq!(
            d.changes[0].host().mac,
            Some("00:66:66:66:66:66".parse().unwrap())
        );
    }

    #[test]
    fn a_partial_newer_scan_reports_nothing_gone() {
        let old = snapshot(&["192.168.1.0/24"], base());
        let mut hosts = base();
        hosts.truncate(2);
        hosts[1].ports.clear();
        hosts.push(host("192.168.1.99", Some("00:1a:2b:00:00:99")));
        let mut new = snapshot(&["192.168.1.0/24"], hosts);
        new.partial = true;
        let d = diff(&old, &new, None);
        assert_eq!(kinds(&d), vec![("new-host", "192.168.1.99".into())]);
    }

    #[test]
    fn ports_probed_by_one_scan_only_are_not_compared() {
        let old = snapshot(&["192.168.1.0/24"], base());
        let mut new = snapshot(&["192.168.1.0/24"], base());
        new.settings.tcp_ports = vec![22];
        new.hosts[1].ports = vec![port(Proto::Tcp, 22)];
        let d = diff(&old, &new, None);
        assert!(d.changes.is_empty(), "{:#?}", d.changes);
        assert_eq!(d.ports_not_compared, vec!["tcp/443".to_string()]);
    }

    #[test]
    fn a_mac_seen_by_only_one_scan_is_the_same_host() {
        let old = snapshot(&["192.168.1.0/24"], base());
        let mut hosts = base();
        for h in &mut hosts {
            h.mac = None;
        }
        let d = diff(&old, &snapshot(&["192.168.1.0/24"], hosts), None);
        assert!(d.changes.is_empty(), "{:#?}", d.changes);
    }

    #[test]
    fn with_a_site_external_facing_is_judged_by_the_audit_rules() {
        use crate::snapshot::ExternalEvidence;
        let s = site(
            vec![("core", "192.168.1.0/24")],
            vec![
                device(
                    "sw",
                    DeviceKind::Switch,
                    Some("00:1a:2b:00:00:20"),
                    None,
                    "core",
                ),
                device(
                    "pc",
                    DeviceKind::Pc,
                    Some("00:1a:2b:00:00:30"),
                    None,
                    "core",
                ),
            ],
        );
        let https = ExternalEvidence::Service {
            proto: Proto::Tcp,
            port: 443,
            what: "SSL-VPN".into(),
        };
        let old = snapshot(&["192.168.1.0/24"], base());
        let mut hosts = base();
        // The switch's web UI and its routing (an L3 switch) appear; the PC
        // starts routing the TTL-1 probe; an unknown host shows HTTPS.
        hosts[2].external = vec![https.clone(), gw()];
        hosts[3].external = vec![https.clone(), gw()];
        let mut evil = host("192.168.1.66", Some("00:11:22:33:44:55"));
        evil.external = vec![https.clone()];
        hosts.push(evil);
        let new = snapshot(&["192.168.1.0/24"], hosts);

        // Without a site the scanner's raw evidence is all there is.
        let raw = diff(&old, &new, None);
        assert!(kinds(&raw).contains(&("became-external", "192.168.1.20".into())));

        let d = diff(&old, &new, Some(&s));
        let k = kinds(&d);
        assert!(
            !k.iter().any(|(_, ip)| ip == "192.168.1.20"),
            "a switch's web UI and L3 routing are not a way out: {k:?}"
        );
        let pc = d
            .changes
            .iter()
            .find(|c| c.host().ip.to_string() == "192.168.1.30")
            .expect("the PC routing is news");
        match pc {
            Change::BecameExternal { evidence, .. } => assert_eq!(evidence, &vec![gw()]),
            c => panic!("{c:?}"),
        }
        match d.changes.iter().find(|c| c.kind_name() == "new-host") {
            Some(Change::NewHost { external, .. }) => assert_eq!(external, &vec![https]),
            c => panic!("{c:?}"),
        }
        // And back: the switch's evidence going away is no news either.
        let back = diff(&new, &old, Some(&s));
        let k = kinds(&back);
        assert!(!k.iter().any(|(_, ip)| ip == "192.168.1.20"), "{k:?}");
        assert!(k.contains(&("stopped-external", "192.168.1.30".into())));
    }

    #[test]
    fn hosts_are_named_by_ledger_device() {
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
        hosts.push(evil);
        let d = diff(&old, &snapshot(&["192.168.1.0/24"], hosts), Some(&s));
        assert_eq!(d.changes[0].host().device.as_deref(), Some("fw"));
        assert_eq!(d.changes[0].kind_name(), "became-external");
    }
}
