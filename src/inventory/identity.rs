//! Device identity, in one place: which ledger device a scanned host is.
//!
//! The rules (docs/audit.md):
//! - a host matches a ledger device by MAC, whatever spelling the ledger used
//!   (`MacAddr` normalises them);
//! - a ledger device without a MAC matches a host at its IP;
//! - a ledger device without an IP (DHCP) matches by MAC only;
//! - a host seen without a MAC (routed scope, unprivileged scan) matches the
//!   ledger device recorded at its IP, as that is all the scan could learn;
//! - a VRRP/HSRP virtual MAC that no ledger device lists is a virtual-router
//!   address, not a new device;
//! - anything else is unregistered, flagged when its MAC is randomised
//!   (locally administered: a phone or laptop's private Wi-Fi address).
//!
//! A ledger device with both a MAC and an IP is matched by MAC only: another
//! MAC at its IP is a different machine (a replaced NIC or an intruder), and
//! is reported as unregistered with a note naming the device at that IP.
//!
//! Indexes are hash maps, so matching n hosts against m devices is O(n + m).

use foldhash::{HashMap, HashMapExt};
use std::net::IpAddr;

use ipnetwork::IpNetwork;
use serde::Serialize;

use crate::mac::{MacAddr, MacClass};
use crate::site::{Device, Site};
use crate::snapshot::{Host, Snapshot};

/// How a host was tied to its ledger device.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum MatchedBy {
    /// Same MAC.
    Mac,
    /// The ledger device has no MAC; same IP.
    Ip,
    /// The scan saw no MAC for this host; same IP as the ledger records.
    IpNoMacSeen,
}

/// Who a scanned host is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(tag = "identity", rename_all = "kebab-case")]
pub enum Identity {
    /// A ledger device: `site.devices[device]`.
    Registered {
        /// Index into `site.devices`.
        device: usize,
        /// How it matched.
        by: MatchedBy,
    },
    /// A VRRP/HSRP virtual MAC answering for a router's virtual IP.
    VirtualRouter {
        /// VRRP or HSRP.
        class: MacClass,
        /// VRRP virtual router id / HSRP group number.
        group: u16,
        /// The ledger device recorded at this IP, if any.
        device_at_ip: Option<usize>,
    },
    /// Not in the ledger.
    Unregistered {
        /// The MAC is locally administered: likely a personal phone or laptop.
        randomised_mac: bool,
    },
}

/// The VRRP virtual router id or HSRP group number encoded in a virtual MAC.
pub fn virtual_router_group(mac: MacAddr) -> Option<u16> {
    let b = mac.octets();
    match mac.class() {
        MacClass::Vrrp => Some(u16::from(b[5])),
        // HSRPv1 00-00-0C-07-AC-gg; HSRPv2 00-00-0C-9F-Fg-gg (12-bit group).
        MacClass::Hsrp if b[3] == 0x07 => Some(u16::from(b[5])),
        MacClass::Hsrp => Some((u16::from(b[4] & 0x0f) << 8) | u16::from(b[5])),
        _ => None,
    }
}

/// Lookups of the ledger by MAC and by IP.
#[derive(Debug, Clone)]
pub struct LedgerIndex {
    by_mac: HashMap<MacAddr, usize>,
    by_ip: HashMap<IpAddr, usize>,
    by_ip_without_mac: HashMap<IpAddr, usize>,
}

impl LedgerIndex {
    /// Indexes `site.devices`. Duplicate MACs were rejected by the site
    /// loader; should a hand-built site hold one, the first device wins.
    /// Several devices at one IP: the first in the ledger wins.
    pub fn new(site: &Site) -> LedgerIndex {
        Self::from_devices(&site.devices)
    }

    /// Indexes a device list (the ledger).
    pub fn from_devices(devices: &[Device]) -> LedgerIndex {
        let mut by_mac = HashMap::with_capacity(devices.len());
        let mut by_ip = HashMap::with_capacity(devices.len());
        let mut by_ip_without_mac = HashMap::new();
        for (i, d) in devices.iter().enumerate() {
            if let Some(m) = d.mac {
                by_mac.entry(m).or_insert(i);
            }
            if let Some(ip) = d.ip {
                by_ip.entry(ip).or_insert(i);
                if d.mac.is_none() {
                    by_ip_without_mac.entry(ip).or_insert(i);
                }
            }
        }
        LedgerIndex {
            by_mac,
            by_ip,
            by_ip_without_mac,
        }
    }

    /// The ledger device with this MAC.
    pub fn device_with_mac(&self, mac: MacAddr) -> Option<usize> {
        self.by_mac.get(&mac).copied()
    }

    /// The (first) ledger device recorded at this IP.
    pub fn device_at_ip(&self, ip: IpAddr) -> Option<usize> {
        self.by_ip.get(&ip).copied()
    }

    /// Who `host` is, by the rules in the module documentation.
    pub fn identify(&self, host: &Host) -> Identity {
        let Some(mac) = host.mac else {
            return match self.by_ip.get(&host.ip) {
                Some(&device) => Identity::Registered {
                    device,
                    by: MatchedBy::IpNoMacSeen,
                },
                None => Identity::Unregistered {
                    randomised_mac: false,
                },
            };
        };
        if let Some(&device) = self.by_mac.get(&mac) {
            return Identity::Registered {
                device,
                by: MatchedBy::Mac,
            };
        }
        let class = mac.class();
        if let (MacClass::Vrrp | MacClass::Hsrp, Some(group)) = (class, virtual_router_group(mac)) {
            return Identity::VirtualRouter {
                class,
                group,
                device_at_ip: self.device_at_ip(host.ip),
            };
        }
        if let Some(&device) = self.by_ip_without_mac.get(&host.ip) {
            return Identity::Registered {
                device,
                by: MatchedBy::Ip,
            };
        }
        Identity::Unregistered {
            randomised_mac: class == MacClass::Randomised,
        }
    }
}

impl LedgerIndex {
    /// The ledger device that is the machine which ran `snap` (its
    /// `scanner_ip` / `scanner_mac`), by the same rules as any host: a scan
    /// never lists itself, so this is how that device is seen.
    pub fn identify_scanner(&self, snap: &Snapshot) -> Option<usize> {
        let Some(ip) = snap.scanner_ip else {
            return snap.scanner_mac.and_then(|m| self.device_with_mac(m));
        };
        let me = Host {
            ip,
            mac: snap.scanner_mac,
            other_macs: Vec::new(),
            vendor: None,
            hostname: None,
            ports: Vec::new(),
            rtt_ms: None,
            flags: Vec::new(),
            external: Vec::new(),
            identify: None,
        };
        match self.identify(&me) {
            Identity::Registered { device, .. } => Some(device),
            _ => None,
        }
    }
}

/// Networks with a value each, looked up by address or by contained network
/// with one hash lookup per distinct prefix length (at most 33 for IPv4),
/// so n lookups among m networks cost O(n + m), not O(n × m).
#[derive(Debug, Clone)]
pub struct NetIndex<T> {
    /// (IPv4?, prefix length, network address → values), longest prefix first.
    levels: Vec<(bool, u8, HashMap<IpAddr, Vec<T>>)>,
}

impl<T> Default for NetIndex<T> {
    fn default() -> Self {
        NetIndex { levels: Vec::new() }
    }
}

impl<T> NetIndex<T> {
    /// Adds `value` under `net`.
    pub fn insert(&mut self, net: IpNetwork, value: T) {
        let key = (net.is_ipv4(), net.prefix());
        let pos = match self.levels.iter().position(|(v4, p, _)| (*v4, *p) == key) {
            Some(pos) => pos,
            None => {
                self.levels.push((key.0, key.1, HashMap::new()));
                self.levels.sort_by_key(|(_, p, _)| std::cmp::Reverse(*p));
                self.levels
                    .iter()
                    .position(|(v4, p, _)| (*v4, *p) == key)
                    .unwrap_or_default()
            }
        };
        self.levels[pos]
            .2
            .entry(net.network())
            .or_default()
            .push(value);
    }

    /// Values of every network holding `ip`, most specific first.
    pub fn containing(&self, ip: IpAddr) -> impl Iterator<Item = &T> {
        self.levels
            .iter()
            .filter(move |(v4, _, _)| *v4 == ip.is_ipv4())
            .filter_map(move |(_, p, nets)| {
                let net = IpNetwork::new(ip, *p).ok()?;
                nets.get(&net.network())
            })
            .flatten()
    }

    /// Values of every network containing all of `inner`, most specific first.
    pub fn containing_net(&self, inner: IpNetwork) -> impl Iterator<Item = &T> {
        self.levels
            .iter()
            .filter(move |(v4, p, _)| *v4 == inner.is_ipv4() && *p <= inner.prefix())
            .filter_map(move |(_, p, nets)| {
                let net = IpNetwork::new(inner.network(), *p).ok()?;
                nets.get(&net.network())
            })
            .flatten()
    }
}

/// Finds the segment whose CIDR holds an IP (the most specific one wins).
#[derive(Debug, Clone)]
pub struct SegmentIndex {
    nets: NetIndex<usize>,
}

impl SegmentIndex {
    /// Indexes the CIDRs of `site.segments` (segments without one are skipped).
    pub fn new(site: &Site) -> SegmentIndex {
        let mut nets = NetIndex::default();
        for (i, s) in site.segments.iter().enumerate() {
            if let Some(net) = s.cidr {
                nets.insert(net, i);
            }
        }
        SegmentIndex { nets }
    }

    /// Index into `site.segments` of the segment holding `ip`.
    pub fn locate(&self, ip: IpAddr) -> Option<usize> {
        self.nets.containing(ip).next().copied()
    }
}

/// True if the network `outer` contains all of `inner`.
pub fn net_contains(outer: &IpNetwork, inner: &IpNetwork) -> bool {
    outer.is_ipv4() == inner.is_ipv4()
        && outer.prefix() <= inner.prefix()
        && outer.contains(inner.network())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::inventory::audit::tests::{device, host, site, snapshot};
    use crate::site::DeviceKind;

    fn ledger() -> Site {
        site(
            vec![("seg-a", "192.168.1.0/24"), ("seg-b", "192.168.2.0/24")],
            vec![
                device(
                    "mac-ip",
                    DeviceKind::Pc,
                    Some("00-1A-2B-3C-4D-5E"),
                    Some("192.168.1.10"),
                    "seg-a",
                ),
                device(
                    "ip-only",
                    DeviceKind::Printer,
                    None,
                    Some("192.168.1.20"),
                    "seg-a",
                ),
                device(
                    "mac-only",
                    DeviceKind::Pc,
                    Some("001a.2b3c.4d60"),
                    None,
                    "seg-a",
                ),
                device(
                    "router",
                    DeviceKind::Router,
                    Some("00:1a:2b:00:00:01"),
                    Some("192.168.1.1"),
                    "seg-a",
                ),
            ],
        )
    }

    fn id(s: &Site, ip: &str, mac: Option<&str>) -> Identity {
        LedgerIndex::new(s).identify(&host(ip, mac))
    }

    #[test]
    fn matches_by_mac_in_any_spelling_at_any_ip() {
        let s = ledger();
        let want = Identity::Registered {
            device: 0,
            by: MatchedBy::Mac,
        };
        assert_eq!(id(&s, "192.168.1.10", Some("00:1a:2b:3c:4d:5e")), want);
        assert_eq!(id(&s, "192.168.1.99", Some("001A2B3C4D5E")), want);
    }

    #[test]
    fn ledger_device_without_mac_matches_by_ip() {
        let s = ledger();
        assert_eq!(
            id(&s, "192.168.1.20", Some("00:11:22:33:44:55")),
            Identity::Registered {
                device: 1,
                by: MatchedBy::Ip
            }
        );
        // A different IP is someone else.
        assert_eq!(
            id(&s, "192.168.1.21", Some("00:11:22:33:44:55")),
            Identity::Unregistered {
                randomised_mac: false
            }
        );
    }

    #[test]
    fn ledger_device_without_ip_matches_by_mac_only() {
        let s = ledger();
        assert_eq!(
            id(&s, "192.168.1.77", Some("00:1a:2b:3c:4d:60")),
            Identity::Registered {
                device: 2,
                by: MatchedBy::Mac
            }
        );
    }

    #[test]
    fn another_mac_at_a_registered_ip_is_not_that_device() {
        let s = ledger();
        assert_eq!(
            id(&s, "192.168.1.10", Some("00:11:22:33:44:66")),
            Identity::Unregistered {
                randomised_mac: false
            }
        );
    }

    #[test]
    fn host_seen_without_mac_matches_by_ip() {
        let s = ledger();
        assert_eq!(
            id(&s, "192.168.1.10", None),
            Identity::Registered {
                device: 0,
                by: MatchedBy::IpNoMacSeen
            }
        );
        assert_eq!(
            id(&s, "192.168.1.11", None),
            Identity::Unregistered {
                randomised_mac: false
            }
        );
    }

    #[test]
    fn randomised_mac_is_flagged() {
        let s = ledger();
        assert_eq!(
            id(&s, "192.168.1.50", Some("da:a1:19:12:34:56")),
            Identity::Unregistered {
                randomised_mac: true
            }
        );
    }

    #[test]
    fn the_scanning_machine_is_identified_like_any_host() {
        let idx = LedgerIndex::new(&ledger());
        let snap = snapshot(&["192.168.1.0/24"], vec![]);
        let scanner = |snap: &Snapshot, ip: Option<&str>, mac: Option<&str>| {
            let mut snap = snap.clone();
            snap.scanner_ip = ip.map(|i| i.parse().unwrap());
            snap.scanner_mac = mac.map(|m| m.parse().unwrap());
            idx.identify_scanner(&snap)
        };
        // By MAC, wherever it is; by IP when the ledger has no MAC or the
        // snapshot none; another MAC at a recorded IP is someone else.
        assert_eq!(
            scanner(&snap, Some("192.168.1.99"), Some("001a.2b3c.4d5e")),
            Some(0)
        );
        assert_eq!(scanner(&snap, None, Some("001a.2b3c.4d60")), Some(2));
        assert_eq!(
            scanner(&snap, Some("192.168.1.20"), Some("02:00:00:00:00:01")),
            Some(1)
        );
        assert_eq!(scanner(&snap, Some("192.168.1.10"), None), Some(0));
        assert_eq!(
            scanner(&snap, Some("192.168.1.10"), Some("02:00:00:00:00:01")),
            None
        );
        assert_eq!(scanner(&snap, None, None), None);
    }

    #[test]
    fn vrrp_and_hsrp_macs_are_virtual_routers() {
        let s = ledger();
        assert_eq!(
            id(&s, "192.168.1.1", Some("00:00:5e:00:01:0a")),
            Identity::VirtualRouter {
                class: MacClass::Vrrp,
                group: 10,
                device_at_ip: Some(3)
            }
        );
        assert_eq!(
            id(&s, "192.168.2.1", Some("00:00:0c:07:ac:03")),
            Identity::VirtualRouter {
                class: MacClass::Hsrp,
                group: 3,
                device_at_ip: None
            }
        );
        assert_eq!(
            id(&s, "192.168.2.1", Some("00:00:0c:9f:f1:23")),
            Identity::VirtualRouter {
                class: MacClass::Hsrp,
                group: 0x123,
                device_at_ip: None
            }
        );
    }

    #[test]
    fn a_registered_virtual_mac_is_that_device() {
        let mut s = ledger();
        s.devices[3].mac = Some("00:00:5e:00:01:0a".parse().unwrap());
        assert_eq!(
            id(&s, "192.168.1.1", Some("00-00-5E-00-01-0A")),
            Identity::Registered {
                device: 3,
                by: MatchedBy::Mac
            }
        );
    }

    #[test]
    fn segments_are_found_most_specific_first() {
        let s = site(
            vec![
                ("wide", "10.0.0.0/8"),
                ("narrow", "10.1.2.0/24"),
                ("v6", "fd00::/64"),
            ],
            vec![],
        );
        let ix = SegmentIndex::new(&s);
        assert_eq!(ix.locate("10.1.2.3".parse().unwrap()), Some(1));
        assert_eq!(ix.locate("10.9.2.3".parse().unwrap()), Some(0));
        assert_eq!(ix.locate("192.168.0.1".parse().unwrap()), None);
        assert_eq!(ix.locate("fd00::5".parse().unwrap()), Some(2));
        assert!(net_contains(
            &"10.0.0.0/8".parse().unwrap(),
            &"10.1.2.0/24".parse().unwrap()
        ));
        assert!(!net_contains(
            &"10.1.2.0/24".parse().unwrap(),
            &"10.0.0.0/8".parse().unwrap()
        ));
    }
}
