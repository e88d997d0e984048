//! How the audit reads a host's external-facing evidence in the light of the
//! ledger, in one place (docs/audit.md, "Weighing the evidence").
//!
//! The scanner records what it saw without knowing the hospital: a web UI on
//! 443 of a router maker's device, RDP, a host routing the TTL-1 probe. The
//! ledger explains some of it:
//! - on a registered device that is not a router, firewall or VPN appliance,
//!   the MAC's maker is just the maker, and HTTPS on 443/8443 is its
//!   management UI, not an SSL-VPN (10443, IKE and OpenVPN still count);
//! - RDP/VNC on a registered device is the access path of a maintenance
//!   circuit that connects to that device, or that maintains the device's
//!   system by remote desktop / screen sharing;
//! - a registered switch that routes is an L3 switch routing between the
//!   hospital's segments, and so is a VRRP/HSRP address that is a segment's
//!   gateway address or that sits in a segment with a registered switch or
//!   router (unless the ledger records a router, firewall or VPN appliance at
//!   that very address).
//!
//! Unregistered hosts keep every piece of evidence: nothing explains them.

use foldhash::{HashMap, HashMapExt, HashSet, HashSetExt};
use std::net::IpAddr;

use ipnetwork::IpNetwork;
use serde::Serialize;

use super::identity::{Identity, SegmentIndex};
use crate::site::{Device, DeviceKind, Site};
use crate::snapshot::{ExternalEvidence, Proto};

/// How sure the audit is that a host carries traffic out of the LAN.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Confidence {
    /// It routed the gateway probe or is the scanner's default gateway.
    Confirmed,
    /// It offers a VPN / remote-access service.
    Likely,
    /// Only its MAC's maker (a router/VPN vendor) suggests it.
    Possible,
}

impl Confidence {
    /// The confidence the evidence supports; `None` for no evidence.
    pub fn of(evidence: &[ExternalEvidence]) -> Option<Confidence> {
        if evidence.iter().any(ExternalEvidence::is_strong) {
            Some(Confidence::Confirmed)
        } else if evidence
            .iter()
            .any(|e| matches!(e, ExternalEvidence::Service { .. }))
        {
            Some(Confidence::Likely)
        } else if evidence.is_empty() {
            None
        } else {
            Some(Confidence::Possible)
        }
    }
}

/// Who the evidence is about, as far as the ledger knows.
#[derive(Debug, Clone, Copy)]
pub enum Subject<'a> {
    /// A ledger device.
    Registered(&'a Device),
    /// A VRRP/HSRP virtual router address, with the ledger device recorded at
    /// its IP if any.
    VirtualRouter {
        /// The virtual address.
        ip: IpAddr,
        /// The ledger device recorded at that IP.
        device_at_ip: Option<&'a Device>,
    },
    /// Not in the ledger.
    Unregistered,
}

impl<'a> Subject<'a> {
    /// The subject a ledger identity of a host names in `site`.
    pub fn of(site: &'a Site, ident: &Identity, ip: IpAddr) -> Subject<'a> {
        match *ident {
            Identity::Registered { device, .. } => Subject::Registered(&site.devices[device]),
            Identity::VirtualRouter { device_at_ip, .. } => Subject::VirtualRouter {
                ip,
                device_at_ip: device_at_ip.map(|i| &site.devices[i]),
            },
            Identity::Unregistered { .. } => Subject::Unregistered,
        }
    }
}

/// The evidence sorted into what makes a host a way out and what the ledger
/// explains.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Reading {
    /// Evidence that the host carries traffic out (what is left to report).
    pub counted: Vec<ExternalEvidence>,
    /// Routing evidence explained as routing between internal segments.
    pub internal_routing: Vec<ExternalEvidence>,
    /// Remote-access services explained by maintenance circuits.
    pub circuit_access: Vec<ExternalEvidence>,
    /// Ids of the maintenance circuits that explain them.
    pub circuits: Vec<String>,
}

impl Reading {
    /// The confidence of what is left; `None` = not a way out.
    pub fn confidence(&self) -> Option<Confidence> {
        Confidence::of(&self.counted)
    }
}

/// The ledger facts the reading needs, indexed once per audit.
#[derive(Debug)]
pub struct EvidenceRules<'a> {
    segments: &'a SegmentIndex,
    /// Circuits by the device they connect to.
    circuits_by_device: HashMap<&'a str, Vec<&'a str>>,
    /// Circuits that reach a system by remote desktop / screen sharing.
    screen_circuits_by_system: HashMap<&'a str, Vec<&'a str>>,
    /// Segments' gateway addresses: the first host address of each CIDR and
    /// any address the segment's notes give as its gateway.
    gateway_addresses: HashSet<IpAddr>,
    /// Segments (index into `site.segments`) holding a registered switch,
    /// router, firewall or VPN appliance.
    routed_segments: HashSet<usize>,
}

impl<'a> EvidenceRules<'a> {
    /// Indexes what `site` says about circuits, gateways and network devices.
    pub fn new(site: &'a Site, segments: &'a SegmentIndex) -> EvidenceRules<'a> {
        let mut circuits_by_device: HashMap<&str, Vec<&str>> = HashMap::new();
        let mut screen_circuits_by_system: HashMap<&str, Vec<&str>> = HashMap::new();
        for c in &site.circuits {
            if let Some(d) = c.device.as_deref() {
                circuits_by_device.entry(d).or_default().push(&c.id);
            }
            if let Some(s) = c.system.as_deref() {
                if is_screen_method(&c.method) {
                    screen_circuits_by_system.entry(s).or_default().push(&c.id);
                }
            }
        }
        let mut gateway_addresses = HashSet::new();
        for s in &site.segments {
            if let Some(cidr) = s.cidr {
                gateway_addresses.extend(first_host(cidr));
                gateway_addresses.extend(gateways_in_notes(&s.notes, cidr));
            }
        }
        let seg_by_id: HashMap<&str, usize> = site
            .segments
            .iter()
            .enumerate()
            .map(|(i, s)| (s.id.as_str(), i))
            .collect();
        let mut routed_segments = HashSet::new();
        for d in site.devices.iter().filter(|d| d.kind.is_network()) {
            if let Some(&i) = d.segment.as_deref().and_then(|s| seg_by_id.get(s)) {
                routed_segments.insert(i);
            }
            if let Some(i) = d.ip.and_then(|ip| segments.locate(ip)) {
                routed_segments.insert(i);
            }
        }
        EvidenceRules {
            segments,
            circuits_by_device,
            screen_circuits_by_system,
            gateway_addresses,
            routed_segments,
        }
    }

    /// Sorts `evidence` about `subject` by the rules in the module documentation.
    pub fn read(&self, subject: Subject<'_>, evidence: &[ExternalEvidence]) -> Reading {
        let mut r = Reading::default();
        match subject {
            Subject::Unregistered => r.counted = evidence.to_vec(),
            Subject::Registered(d) if d.kind.is_gateway_kind() => r.counted = evidence.to_vec(),
            Subject::Registered(d) => {
                let circuits = self.screen_circuits_of(d);
                for e in evidence {
                    match e {
                        // The maker of a switch or PC says nothing about it.
                        ExternalEvidence::Vendor { .. } => {}
                        e if is_https(e) => {}
                        e if e.is_strong() && d.kind == DeviceKind::Switch => {
                            r.internal_routing.push(e.clone())
                        }
                        e if is_screen_service(e) && !circuits.is_empty() => {
                            r.circuit_access.push(e.clone())
                        }
                        e => r.counted.push(e.clone()),
                    }
                }
                if !r.circuit_access.is_empty() {
                    r.circuits = circuits;
                }
            }
            Subject::VirtualRouter { ip, device_at_ip } => {
                let internal = match device_at_ip.map(|d| d.kind) {
                    // The ledger says this address is a router's: its own rules.
                    Some(k) if k.is_gateway_kind() => false,
                    Some(DeviceKind::Switch) => true,
                    _ => {
                        self.gateway_addresses.contains(&ip)
                            || self
                                .segments
                                .locate(ip)
                                .is_some_and(|i| self.routed_segments.contains(&i))
                    }
                };
                for e in evidence {
                    match e {
                        // 00-00-5E (IANA) / 00-00-0C (Cisco) belong to the
                        // protocol, not to whoever runs it.
                        ExternalEvidence::Vendor { .. } => {}
                        e if internal && e.is_strong() => r.internal_routing.push(e.clone()),
                        e => r.counted.push(e.clone()),
                    }
                }
            }
        }
        r
    }

    /// Circuits whose access path to `d` is remote desktop / screen sharing:
    /// they connect to `d` itself, or maintain its system that way.
    fn screen_circuits_of(&self, d: &Device) -> Vec<String> {
        let by_device = self.circuits_by_device.get(d.id.as_str());
        let by_system = d
            .system
            .as_deref()
            .and_then(|s| self.screen_circuits_by_system.get(s));
        let mut ids: Vec<String> = by_device
            .into_iter()
            .chain(by_system)
            .flatten()
            .map(|id| id.to_string())
            .collect();
        ids.sort();
        ids.dedup();
        ids
    }
}

/// HTTPS on 443/8443: a web UI, SSL-VPN only on a device that is a gateway.
fn is_https(e: &ExternalEvidence) -> bool {
    matches!(
        e,
        ExternalEvidence::Service {
            proto: Proto::Tcp,
            port: 443 | 8443,
            ..
        }
    )
}

/// RDP or VNC (by port, or as another tool named it).
fn is_screen_service(e: &ExternalEvidence) -> bool {
    match e {
        ExternalEvidence::Service { proto, port, what } => {
            matches!((proto, port), (Proto::Tcp, 3389 | 5900))
                || what.eq_ignore_ascii_case("rdp")
                || what.eq_ignore_ascii_case("vnc")
        }
        _ => false,
    }
}

/// True if a circuit's method (接続方式) is remote desktop or screen sharing:
/// `リモートデスクトップ`, `RDP`, `VNC`, `画面共有` (any width or case).
pub fn is_screen_method(method: &str) -> bool {
    let m: String = method
        .chars()
        .map(|c| match c {
            '\u{ff01}'..='\u{ff5e}' => char::from_u32(c as u32 - 0xfee0).unwrap_or(c),
            _ => c,
        })
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .to_lowercase();
    [
        "リモートデスクトップ",
        "rdp",
        "vnc",
        "画面共有",
        "remotedesktop",
    ]
    .iter()
    .any(|k| m.contains(k))
}

/// The first host address of a network (the conventional `.1` gateway).
fn first_host(net: IpNetwork) -> Option<IpAddr> {
    match net {
        IpNetwork::V4(n) if n.prefix() <= 30 => {
            Some(IpAddr::V4((u32::from(n.network()) + 1).into()))
        }
        IpNetwork::V6(n) if n.prefix() <= 126 => {
            Some(IpAddr::V6((u128::from(n.network()) + 1).into()))
        }
        _ => None,
    }
}

/// Addresses inside `cidr` on the lines of a segment's notes that speak of a
/// gateway (`gateway: 10.1.8.254`, an extra `GW` column the loader kept,
/// `デフォルトゲートウェイ 10.1.8.254`).
fn gateways_in_notes(notes: &str, cidr: IpNetwork) -> Vec<IpAddr> {
    notes
        .lines()
        .filter(|l| {
            let l = l.to_lowercase();
            l.contains("gateway") || l.contains("gw") || l.contains("ゲートウェイ")
        })
        .flat_map(|l| {
            l.split(|c: char| !(c.is_ascii_hexdigit() || c == '.' || c == ':'))
                .filter_map(|w| w.trim_matches(|c| c == '.' || c == ':').parse().ok())
        })
        .filter(|ip| cidr.contains(*ip))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::inventory::audit::tests::{circuit, device, site};

    fn service(proto: Proto, port: u16, what: &str) -> ExternalEvidence {
        ExternalEvidence::Service {
            proto,
            port,
            what: what.into(),
        }
    }

    fn probe() -> ExternalEvidence {
        ExternalEvidence::GatewayProbe {
            responder: "10.0.0.1".parse().unwrap(),
        }
    }

    fn vendor() -> ExternalEvidence {
        ExternalEvidence::Vendor {
            organization: "Allied Telesis K.K.".into(),
        }
    }

    fn rules_site() -> Site {
        let mut s = site(
            vec![("core", "10.0.0.0/24"), ("lab", "10.0.30.0/24")],
            vec![
                device("sw", DeviceKind::Switch, None, Some("10.0.0.2"), "core"),
                device("ap", DeviceKind::Ap, None, Some("10.0.0.3"), "core"),
                device("rtr", DeviceKind::Router, None, Some("10.0.0.4"), "core"),
                device("srv", DeviceKind::Server, None, Some("10.0.30.5"), "lab"),
            ],
        );
        s.devices[3].system = Some("SYS-LAB".into());
        let mut c = circuit("MNT-1", "rtr");
        c.system = Some("SYS-LAB".into());
        c.method = "リモートデスクトップ".into();
        s.circuits.push(c);
        s.segments[1].notes = "GW: 10.0.30.254\n備考 10.0.30.9".into();
        s
    }

    #[test]
    fn https_and_maker_on_switches_and_aps_are_not_evidence_but_10443_and_ike_are() {
        let s = rules_site();
        let idx = SegmentIndex::new(&s);
        let rules = EvidenceRules::new(&s, &idx);
        let ev = [
            service(Proto::Tcp, 443, "SSL-VPN"),
            service(Proto::Tcp, 8443, "SSL-VPN"),
            vendor(),
        ];
        for d in &s.devices[..2] {
            assert_eq!(rules.read(Subject::Registered(d), &ev).confidence(), None);
        }
        let r = rules.read(Subject::Registered(&s.devices[2]), &ev);
        assert_eq!(r.counted, ev.to_vec(), "a router keeps everything");
        assert_eq!(rules.read(Subject::Unregistered, &ev).counted, ev.to_vec());
        let vpn = [
            service(Proto::Tcp, 10443, "SSL-VPN"),
            service(Proto::Udp, 4500, "IKE"),
            service(Proto::Tcp, 1194, "OpenVPN"),
        ];
        let r = rules.read(Subject::Registered(&s.devices[0]), &vpn);
        assert_eq!(r.counted, vpn.to_vec());
    }

    #[test]
    fn screen_services_are_explained_only_by_a_screen_circuit_of_the_system() {
        let s = rules_site();
        let idx = SegmentIndex::new(&s);
        let rules = EvidenceRules::new(&s, &idx);
        let ev = [
            service(Proto::Tcp, 3389, "RDP"),
            service(Proto::Udp, 500, "IKE"),
        ];
        let r = rules.read(Subject::Registered(&s.devices[3]), &ev);
        assert_eq!(r.counted, vec![ev[1].clone()]);
        assert_eq!(r.circuit_access, vec![ev[0].clone()]);
        assert_eq!(r.circuits, vec!["MNT-1".to_string()]);
        // Another system, or an IPsec circuit: nothing explained.
        let mut other = s.devices[3].clone();
        other.system = Some("SYS-EHR".into());
        assert_eq!(
            rules.read(Subject::Registered(&other), &ev).counted,
            ev.to_vec()
        );
        let mut ipsec = s.clone();
        ipsec.circuits[0].method = "IPsec-VPN".into();
        let rules = EvidenceRules::new(&ipsec, &idx);
        assert_eq!(
            rules
                .read(Subject::Registered(&ipsec.devices[3]), &ev)
                .counted,
            ev.to_vec()
        );
    }

    #[test]
    fn screen_methods_in_any_spelling() {
        for m in [
            "リモートデスクトップ (SSL-VPN経由)",
            "ＲＤＰ",
            "vnc",
            "画面共有",
            "Remote Desktop",
        ] {
            assert!(is_screen_method(m), "{m}");
        }
        for m in ["IPsec-VPN", "SSL-VPN", "", "TeamViewer"] {
            assert!(!is_screen_method(m), "{m}");
        }
    }

    #[test]
    fn a_routing_switch_and_gateway_addresses_are_internal_routing() {
        let s = rules_site();
        let idx = SegmentIndex::new(&s);
        let rules = EvidenceRules::new(&s, &idx);
        let ev = [probe(), ExternalEvidence::DefaultGateway];
        let r = rules.read(Subject::Registered(&s.devices[0]), &ev);
        assert_eq!((r.counted.len(), r.internal_routing.len()), (0, 2));
        // A routing AP or server is no L3 switch.
        let r = rules.read(Subject::Registered(&s.devices[1]), &ev);
        assert_eq!(r.confidence(), Some(Confidence::Confirmed));
        let vip = |ip: &str, at: Option<&Device>| {
            rules.read(
                Subject::VirtualRouter {
                    ip: ip.parse().unwrap(),
                    device_at_ip: at,
                },
                &[probe(), vendor()],
            )
        };
        // Core has a registered switch; lab's .1 and its noted GW .254 are
        // gateway addresses; .9 (not on a GW line) and .200 are neither.
        for ip in ["10.0.0.200", "10.0.30.1", "10.0.30.254"] {
            let r = vip(ip, None);
            assert_eq!((r.counted.len(), r.internal_routing.len()), (0, 1), "{ip}");
        }
        for ip in ["10.0.30.9", "10.0.30.200"] {
            assert_eq!(vip(ip, None).counted, vec![probe()], "{ip}");
        }
        // The ledger records a router at the address: it is that router's.
        assert_eq!(vip("10.0.0.1", Some(&s.devices[2])).counted, vec![probe()]);
    }

    #[test]
    fn first_hosts() {
        assert_eq!(
            first_host("192.168.50.0/24".parse().unwrap()),
            Some("192.168.50.1".parse().unwrap())
        );
        assert_eq!(first_host("192.168.50.7/32".parse().unwrap()), None);
        assert_eq!(
            first_host("fd00::/64".parse().unwrap()),
            Some("fd00::1".parse().unwrap())
        );
    }
}
