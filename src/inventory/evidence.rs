//! How the audit reads a host's external-facing evidence in the light of the
//! ledger, in one place (docs/audit.md, "Weighing the evidence").
//!
//! The scanner records what it saw without knowing the hospital: a web UI on
//! 443 of a router maker's device, RDP, a host routing the TTL-1 probe. The
//! ledger explains some of it:
//! - on a registered device that is not a router, firewall or VPN appliance,
//!   the MAC's maker is just the maker, and HTTPS on 443/8443 is its
//!   management UI, not an SSL-VPN (10443, IKE and OpenVPN still count);
//! - a listening remote-control service (RDP, VNC, SSH, Telnet) is never a
//!   way out, whoever offers it: it is a way to move around inside the LAN
//!   (the ransomware cases used RDP for exactly that), listed on its own,
//!   with the maintenance circuits whose access path it is — circuits that
//!   connect to the device itself, or that maintain the device's system by
//!   remote desktop / screen sharing (RDP, VNC) or by SSH / Telnet;
//! - a registered switch that routes, or says it is a router in LLDP/CDP,
//!   is an L3 switch routing between the hospital's segments, and so is a VRRP/HSRP address that is a segment's
//!   gateway address or that sits in a segment with a registered switch or
//!   router (unless the ledger records a router, firewall or VPN appliance at
//!   that very address).
//!
//! Unregistered hosts keep every other piece of evidence: nothing explains
//! them.
//!
//! Without a ledger ([`is_way_out`], used by `scan`'s closing summary and as
//! the first step of [`EvidenceRules::read`]) a way out is a host that routes
//! (gateway probe, default gateway), a VPN endpoint (IKE, SSL-VPN, OpenVPN),
//! a remote-support service (TeamViewer, which connects through its
//! maker's servers outside), or a router/VPN maker's MAC.

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

/// Remote-control services, by what explains them: screen (RDP, VNC) or
/// shell (SSH, Telnet).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum RemoteKind {
    Screen,
    Shell,
}

/// The kind of remote-control service `e` is (by port, or as another tool
/// named it), if it is one.
fn remote_kind(e: &ExternalEvidence) -> Option<RemoteKind> {
    let ExternalEvidence::Service { proto, port, what } = e else {
        return None;
    };
    let named = |n: &str| what.eq_ignore_ascii_case(n);
    if matches!((proto, port), (Proto::Tcp, 3389 | 5900)) || named("rdp") || named("vnc") {
        Some(RemoteKind::Screen)
    } else if matches!((proto, port), (Proto::Tcp, 22 | 23)) || named("ssh") || named("telnet") {
        Some(RemoteKind::Shell)
    } else {
        None
    }
}

/// True for a listening remote-control service (RDP, VNC, SSH, Telnet): a
/// way to move around inside the LAN, not a way out of it.
pub fn is_remote_control(e: &ExternalEvidence) -> bool {
    remote_kind(e).is_some()
}

/// True for evidence of a way out before the ledger explains anything:
/// everything a scan records but a listening remote-control service (see
/// the module documentation). The one rule of `audit` and `scan`.
pub fn is_way_out(e: &ExternalEvidence) -> bool {
    !is_remote_control(e)
}

/// True if any of a host's evidence is evidence of a way out
/// ([`is_way_out`]): what `scan`'s closing summary counts.
pub fn shows_way_out(evidence: &[ExternalEvidence]) -> bool {
    evidence.iter().any(is_way_out)
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
    /// Listening remote-control services (RDP, VNC, SSH, Telnet): not ways
    /// out, listed on their own.
    pub remote_control: Vec<ExternalEvidence>,
    /// Ids of the declared maintenance circuits whose access path they are
    /// (empty: none; always empty for a host not in the ledger).
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
    /// Circuits that maintain a system by remote desktop / screen sharing
    /// or by SSH / Telnet, with the kinds of service their method names.
    remote_circuits_by_system: HashMap<&'a str, Vec<(&'a str, RemoteKind)>>,
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
        let mut remote_circuits_by_system: HashMap<&str, Vec<(&str, RemoteKind)>> = HashMap::new();
        for c in &site.circuits {
            if let Some(d) = c.device.as_deref() {
                circuits_by_device.entry(d).or_default().push(&c.id);
            }
            if let Some(s) = c.system.as_deref() {
                let by = remote_circuits_by_system.entry(s).or_default();
                if is_screen_method(&c.method) {
                    by.push((&c.id, RemoteKind::Screen));
                }
                if is_shell_method(&c.method) {
                    by.push((&c.id, RemoteKind::Shell));
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
            remote_circuits_by_system,
            gateway_addresses,
            routed_segments,
        }
    }

    /// Sorts `evidence` about `subject` by the rules in the module documentation.
    pub fn read(&self, subject: Subject<'_>, evidence: &[ExternalEvidence]) -> Reading {
        let mut r = Reading::default();
        let (remote, evidence): (Vec<&ExternalEvidence>, Vec<&ExternalEvidence>) =
            evidence.iter().partition(|e| is_remote_control(e));
        r.remote_control = remote.into_iter().cloned().collect();
        let device = match subject {
            Subject::Registered(d) => Some(d),
            Subject::VirtualRouter { device_at_ip, .. } => device_at_ip,
            Subject::Unregistered => None,
        };
        if let Some(d) = device {
            r.circuits = self.remote_circuits_of(d, &r.remote_control);
        }
        match subject {
            Subject::Unregistered => r.counted = evidence.into_iter().cloned().collect(),
            Subject::Registered(d) if d.kind.is_gateway_kind() => {
                r.counted = evidence.into_iter().cloned().collect()
            }
            Subject::Registered(d) => {
                for e in evidence {
                    match e {
                        // The maker of a switch or PC says nothing about it.
                        ExternalEvidence::Vendor { .. } => {}
                        e if is_https(e) => {}
                        // A registered switch that says "router" in LLDP/CDP
                        // is an L3 switch, like one that routes.
                        e @ ExternalEvidence::SaysRouter { .. } if d.kind == DeviceKind::Switch => {
                            r.internal_routing.push(e.clone())
                        }
                        e if e.is_strong() && d.kind == DeviceKind::Switch => {
                            r.internal_routing.push(e.clone())
                        }
                        e => r.counted.push(e.clone()),
                    }
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

    /// Declared circuits whose access path to `d` are the `services`: they
    /// connect to `d` itself, or maintain its system by a method naming that
    /// kind of service (remote desktop / screen sharing for RDP and VNC,
    /// SSH / Telnet for those). Sorted, no duplicates.
    fn remote_circuits_of(&self, d: &Device, services: &[ExternalEvidence]) -> Vec<String> {
        let kinds: Vec<RemoteKind> = services.iter().filter_map(remote_kind).collect();
        if kinds.is_empty() {
            return Vec::new();
        }
        let by_device = self
            .circuits_by_device
            .get(d.id.as_str())
            .into_iter()
            .flatten()
            .copied();
        let by_system = d
            .system
            .as_deref()
            .and_then(|s| self.remote_circuits_by_system.get(s))
            .into_iter()
            .flatten()
            .filter(|(_, k)| kinds.contains(k))
            .map(|(id, _)| *id);
        let mut ids: Vec<String> = by_device.chain(by_system).map(str::to_string).collect();
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

/// A circuit's method folded for matching: full-width forms as ASCII, no
/// spaces, lower case.
fn fold_method(method: &str) -> String {
    method
        .chars()
        .map(|c| match c {
            '\u{ff01}'..='\u{ff5e}' => char::from_u32(c as u32 - 0xfee0).unwrap_or(c),
            _ => c,
        })
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .to_lowercase()
}

/// True if a circuit's method (接続方式) is SSH or Telnet (any width or case).
pub fn is_shell_method(method: &str) -> bool {
    let m = fold_method(method);
    m.contains("ssh") || m.contains("telnet")
}

/// True if a circuit's method (接続方式) is remote desktop or screen sharing:
/// `リモートデスクトップ`, `RDP`, `VNC`, `画面共有` (any width or case).
pub fn is_screen_method(method: &str) -> bool {
    let m = fold_method(method);
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
    fn remote_control_is_never_a_way_out_and_circuits_of_its_kind_explain_it() {
        let s = rules_site();
        let idx = SegmentIndex::new(&s);
        let rules = EvidenceRules::new(&s, &idx);
        let ev = [
            service(Proto::Tcp, 3389, "RDP"),
            service(Proto::Udp, 500, "IKE"),
        ];
        let r = rules.read(Subject::Registered(&s.devices[3]), &ev);
        assert_eq!(r.counted, vec![ev[1].clone()]);
        assert_eq!(r.remote_control, vec![ev[0].clone()]);
        assert_eq!(r.circuits, vec!["MNT-1".to_string()]);
        // Another system, or an IPsec circuit: still not a way out, but no
        // circuit explains it.
        let mut other = s.devices[3].clone();
        other.system = Some("SYS-EHR".into());
        let r = rules.read(Subject::Registered(&other), &ev);
        assert_eq!(
            (r.counted, r.remote_control.len(), r.circuits.len()),
            (vec![ev[1].clone()], 1, 0)
        );
        let mut ipsec = s.clone();
        ipsec.circuits[0].method = "IPsec-VPN".into();
        let ipsec_rules = EvidenceRules::new(&ipsec, &idx);
        let r = ipsec_rules.read(Subject::Registered(&ipsec.devices[3]), &ev);
        assert_eq!((r.remote_control.len(), r.circuits.len()), (1, 0));
        // An SSH circuit of the system explains SSH, not RDP.
        let mut ssh = s.clone();
        ssh.circuits[0].method = "ＳＳＨ".into();
        let ssh_rules = EvidenceRules::new(&ssh, &idx);
        let shell = [service(Proto::Tcp, 22, "SSH")];
        let r = ssh_rules.read(Subject::Registered(&ssh.devices[3]), &shell);
        assert_eq!((r.counted.len(), r.circuits.len()), (0, 1));
        let r = ssh_rules.read(Subject::Registered(&ssh.devices[3]), &ev[..1]);
        assert!(r.circuits.is_empty());
        // A router, an unregistered host: RDP and Telnet are no way out either.
        let listeners = [
            service(Proto::Tcp, 3389, "RDP"),
            service(Proto::Tcp, 23, "telnet"),
            service(Proto::Tcp, 5900, "VNC"),
        ];
        for subject in [Subject::Registered(&s.devices[2]), Subject::Unregistered] {
            let r = rules.read(subject, &listeners);
            assert_eq!((r.confidence(), r.remote_control.len()), (None, 3));
        }
        // The router's own circuit connects to it: it explains its listeners.
        assert_eq!(
            rules
                .read(Subject::Registered(&s.devices[2]), &listeners)
                .circuits,
            vec!["MNT-1".to_string()]
        );
    }

    #[test]
    fn ways_out_without_a_ledger_are_everything_but_remote_control() {
        assert!(!shows_way_out(&[
            service(Proto::Tcp, 3389, "RDP"),
            service(Proto::Tcp, 5900, "VNC"),
            service(Proto::Tcp, 22, "SSH"),
            service(Proto::Tcp, 2323, "Telnet"),
        ]));
        for e in [
            probe(),
            ExternalEvidence::DefaultGateway,
            service(Proto::Udp, 500, "IKE"),
            service(Proto::Tcp, 10443, "SSL-VPN"),
            service(Proto::Tcp, 5938, "TeamViewer"),
            vendor(),
        ] {
            assert!(
                is_way_out(&e) && shows_way_out(std::slice::from_ref(&e)),
                "{e:?}"
            );
        }
        assert!(!shows_way_out(&[]));
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
