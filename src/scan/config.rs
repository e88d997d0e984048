//! Turns command-line values into a checked scan plan before any packet is
//! sent (the two-stage arguments → config of ripgrep). Everything here is
//! pure: the interface's facts come in as an [`InterfaceInfo`].

use std::net::{IpAddr, Ipv4Addr};
use std::time::Duration;

use ipnetwork::{IpNetwork, Ipv4Network};

use crate::mac::MacAddr;

/// Default TCP ports: remote access, file sharing, web and VPN portals, and
/// the medical protocols (DICOM 104/11112, HL7 2575).
pub const DEFAULT_TCP_PORTS: &[u16] = &[
    22, 23, 80, 104, 443, 445, 2575, 3389, 5900, 8080, 8443, 10443, 11112,
];
/// Default UDP ports: IKE and IKE over NAT-T (VPN gateways).
pub const DEFAULT_UDP_PORTS: &[u16] = &[500, 4500];
/// Default outside address for the gateway probe (it never gets there: TTL 1).
pub const DEFAULT_OUTSIDE_PROBE: Ipv4Addr = Ipv4Addr::new(8, 8, 8, 8);
/// Default global cap, packets per second.
pub const DEFAULT_RATE: u32 = 1000;
/// Default per-host cap, packets per second.
pub const DEFAULT_HOST_RATE: u32 = 20;
/// Highest `--rate` accepted.
pub const MAX_RATE: u32 = 10_000;
/// Targets allowed without `--max-targets`.
pub const DEFAULT_MAX_TARGETS: u64 = 65_536;
/// Packets one TCP connect probe can put on the wire to its host: SYN, ACK,
/// RST, and the kernel's answer to the first segment the server sends on
/// its own once the connection is up (its banner or its FIN: an ACK while
/// our socket is open, an RST once it is closed).
pub const TCP_PROBE_COST: u32 = 4;
/// Packets one UDP probe puts on the wire to its host: one datagram, two on
/// port 500 (IKEv2 and IKEv1, sent together).
pub fn udp_probe_cost(port: u16) -> u32 {
    if port == 500 {
        2
    } else {
        1
    }
}
/// Extra packet of the first TCP/UDP probe to a host on the local network:
/// the kernel's own ARP request before it can send (our raw ARP sweep does
/// not fill the kernel's neighbour table).
pub const NEIGHBOUR_RESOLUTION_COST: u32 = 1;

/// Largest cost in packets of one probe with these ports: the ARP request
/// or gateway probe (1), or a first port probe with the kernel's ARP.
pub fn max_probe_cost(ports: &PortList) -> u32 {
    if !ports.tcp.is_empty() {
        TCP_PROBE_COST + NEIGHBOUR_RESOLUTION_COST
    } else if let Some(udp) = ports.udp.iter().map(|p| udp_probe_cost(*p)).max() {
        udp + NEIGHBOUR_RESOLUTION_COST
    } else {
        1
    }
}

/// Ranges scanned without `--allow-public`: RFC 1918, the benchmarking
/// range (used by the test LAN), carrier-grade NAT and link-local.
pub const PRIVATE_RANGES: &[(Ipv4Addr, u8)] = &[
    (Ipv4Addr::new(10, 0, 0, 0), 8),
    (Ipv4Addr::new(172, 16, 0, 0), 12),
    (Ipv4Addr::new(192, 168, 0, 0), 16),
    (Ipv4Addr::new(198, 18, 0, 0), 15),
    (Ipv4Addr::new(100, 64, 0, 0), 10),
    (Ipv4Addr::new(169, 254, 0, 0), 16),
];

/// Why the command line cannot become a scan.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ConfigError {
    /// `--ports` value not understood.
    #[error("--ports \"{value}\": {why} (expected e.g. `22,443,u500`, `1-1024`, or `none`)")]
    Ports {
        /// The whole value.
        value: String,
        /// What is wrong.
        why: String,
    },
    /// `--exclude` value not understood.
    #[error("--exclude \"{0}\": not a CIDR, IP, MAC or vendor name")]
    Exclude(String),
    /// A scope that may not be scanned.
    #[error("--cidr {scope}: {why}")]
    Scope {
        /// The scope.
        scope: String,
        /// Why not.
        why: String,
    },
    /// Too many targets.
    #[error("{count} targets is more than {limit}; narrow --cidr or pass --max-targets {count}")]
    TooManyTargets {
        /// Targets in the scopes.
        count: u64,
        /// Allowed.
        limit: u64,
    },
    /// A rate out of range.
    #[error("{flag} {value}: {why}")]
    Rate {
        /// `--rate` or `--host-rate`.
        flag: &'static str,
        /// Value given.
        value: u32,
        /// Allowed range.
        why: String,
    },
    /// The gateway-probe address is not usable.
    #[error("--outside-probe {0}: {1}")]
    OutsideProbe(IpAddr, String),
    /// The interface cannot scan.
    #[error("interface {0}: {1}")]
    Interface(String, String),
    /// A MAC or vendor exclusion cannot be honoured without layer 2.
    #[error("--exclude \"{0}\": a MAC or vendor can only be recognised from its ARP reply, which --unprivileged cannot see; exclude it by IP or CIDR")]
    ExcludeNeedsLayer2(String),
    /// `--unprivileged` with nothing to probe.
    #[error("--unprivileged finds hosts only by TCP/UDP probes, and --ports none leaves none")]
    NothingToProbe,
}

/// Ports to probe.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct PortList {
    /// TCP ports.
    pub tcp: Vec<u16>,
    /// UDP ports.
    pub udp: Vec<u16>,
}

impl PortList {
    /// The default hospital list.
    pub fn hospital_default() -> PortList {
        PortList {
            tcp: DEFAULT_TCP_PORTS.to_vec(),
            udp: DEFAULT_UDP_PORTS.to_vec(),
        }
    }

    /// True if nothing is to be probed.
    pub fn is_empty(&self) -> bool {
        self.tcp.is_empty() && self.udp.is_empty()
    }

    /// Number of probes per host.
    pub fn len(&self) -> usize {
        self.tcp.len() + self.udp.len()
    }
}

/// Parses `--ports`: `none`, or a comma list of `N`, `tN`, `uN`, `N-M`, `uN-M`.
pub fn parse_ports(value: &str) -> Result<PortList, ConfigError> {
    let err = |why: String| ConfigError::Ports {
        value: value.into(),
        why,
    };
    let v = value.trim();
    if v.eq_ignore_ascii_case("none") {
        return Ok(PortList::default());
    }
    let mut list = PortList::default();
    for item in v.split(',') {
        let item = item.trim();
        if item.is_empty() {
            return Err(err("empty item".into()));
        }
        let (udp, nums) = match item.as_bytes()[0] {
            b'u' | b'U' => (true, &item[1..]),
            b't' | b'T' => (false, &item[1..]),
            _ => (false, item),
        };
        let port = |s: &str| -> Result<u16, ConfigError> {
            match s.trim().parse::<u16>() {
                Ok(p) if p > 0 => Ok(p),
                _ => Err(err(format!("\"{s}\" is not a port 1-65535"))),
            }
        };
        let (lo, hi) = match nums.split_once('-') {
            Some((a, b)) => (port(a)?, port(b)?),
            None => {
                let p = port(nums)?;
                (p, p)
            }
        };
        if lo > hi {
            return Err(err(format!("range {item} runs backwards")));
        }
        let dest = if udp { &mut list.udp } else { &mut list.tcp };
        dest.extend(lo..=hi);
    }
    list.tcp.sort_unstable();
    list.tcp.dedup();
    list.udp.sort_unstable();
    list.udp.dedup();
    Ok(list)
}

/// One `--exclude` rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Exclude {
    /// Addresses in this network.
    Network(Ipv4Network),
    /// This MAC.
    Mac(MacAddr),
    /// MACs whose OUI organisation contains this text (case-insensitive).
    Vendor(String),
}

/// Parses `--exclude`: a CIDR or IP, then a MAC, else a vendor name.
pub fn parse_exclude(value: &str) -> Result<Exclude, ConfigError> {
    let v = value.trim();
    if let Ok(n) = v.parse::<Ipv4Network>() {
        return Ok(Exclude::Network(n));
    }
    if let Ok(ip) = v.parse::<Ipv4Addr>() {
        return Ok(Exclude::Network(Ipv4Network::from(ip)));
    }
    if let Ok(m) = v.parse::<MacAddr>() {
        return Ok(Exclude::Mac(m));
    }
    let looks_like_address = v
        .chars()
        .all(|c| c.is_ascii_hexdigit() || ":.-/".contains(c));
    if v.chars().filter(|c| c.is_alphanumeric()).count() < 2
        || looks_like_address && v.contains(['.', ':', '/'])
    {
        return Err(ConfigError::Exclude(value.into()));
    }
    Ok(Exclude::Vendor(v.into()))
}

impl Exclude {
    /// True if a host with this IP, MAC and vendor is excluded.
    pub fn matches(&self, ip: Ipv4Addr, mac: Option<MacAddr>, vendor: Option<&str>) -> bool {
        match self {
            Exclude::Network(n) => n.contains(ip),
            Exclude::Mac(m) => mac == Some(*m),
            Exclude::Vendor(v) => {
                vendor.is_some_and(|org| crate::oui::organization_matches(org, v))
            }
        }
    }
}

/// What the scan needs to know about the interface (from netdev in the CLI).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InterfaceInfo {
    /// Name.
    pub name: String,
    /// Its MAC, if it has one.
    pub mac: Option<MacAddr>,
    /// Its IPv4 networks (address with prefix).
    pub networks: Vec<Ipv4Network>,
    /// The default gateway through it, if any: IP and, when known, MAC.
    pub gateway: Option<(Ipv4Addr, Option<MacAddr>)>,
}

/// Timing knobs of the engine (defaults suit a LAN; tests shorten nothing,
/// they run on a paused clock).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Timing {
    /// ARP rounds always made (the first plus retries for the silent).
    pub arp_min_rounds: u32,
    /// ARP rounds at most.
    pub arp_max_rounds: u32,
    /// Shortest wait before an address is asked again, grown by
    /// `round_backoff` each round; longer when hosts answer slowly (four
    /// times the slowest answer seen), up to `max_wait`.
    pub round_wait: Duration,
    /// Added to the wait each further round.
    pub round_backoff: Duration,
    /// Gateway probes per host at most (retries only when loss is seen).
    pub gateway_max_probes: u32,
    /// Wait before re-probing a host that did not answer the gateway probe.
    pub gateway_retry_wait: Duration,
    /// Shortest wait for late answers after the last packet (grown like `round_wait`).
    pub final_wait: Duration,
    /// Longest wait between rounds or at the end.
    pub max_wait: Duration,
    /// TCP connect timeout (below Linux's 1 s SYN retransmit, so one SYN per probe).
    pub connect_timeout: Duration,
    /// How long to wait for a UDP answer.
    pub udp_timeout: Duration,
    /// Port probes in flight at most.
    pub concurrency: usize,
}

impl Default for Timing {
    fn default() -> Self {
        Timing {
            arp_min_rounds: 2,
            arp_max_rounds: 12,
            round_wait: Duration::from_millis(30),
            round_backoff: Duration::from_millis(10),
            gateway_max_probes: 4,
            gateway_retry_wait: Duration::from_millis(120),
            final_wait: Duration::from_millis(60),
            max_wait: Duration::from_millis(500),
            connect_timeout: Duration::from_millis(800),
            udp_timeout: Duration::from_millis(1000),
            concurrency: 256,
        }
    }
}

/// A checked scan plan.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Plan {
    /// The interface.
    pub iface: InterfaceInfo,
    /// The scanner's own IPv4 address on it.
    pub scanner_ip: Ipv4Addr,
    /// Networks to scan (non-overlapping).
    pub scopes: Vec<Ipv4Network>,
    /// Ports to probe.
    pub ports: PortList,
    /// Gateway-probe destination.
    pub outside_probe: Ipv4Addr,
    /// Exclusion rules.
    pub excludes: Vec<Exclude>,
    /// `--exclude` values as given.
    pub exclude_text: Vec<String>,
    /// Global cap.
    pub rate_pps: u32,
    /// Per-host cap.
    pub host_rate_pps: u32,
    /// TCP connect only, no layer 2.
    pub unprivileged: bool,
    /// ICMP echo identifier of this run: answers to other programs' pings are ignored.
    pub ident: u16,
    /// Engine timing.
    pub timing: Timing,
}

/// Command-line values, before checking.
#[derive(Debug, Clone, Default)]
pub struct Request {
    /// `--cidr` values (empty: the interface's own subnet).
    pub cidrs: Vec<IpNetwork>,
    /// `--rate`.
    pub rate: u32,
    /// `--host-rate`.
    pub host_rate: u32,
    /// `--ports`, if given.
    pub ports: Option<String>,
    /// `--outside-probe`, if given.
    pub outside_probe: Option<IpAddr>,
    /// `--exclude` values.
    pub excludes: Vec<String>,
    /// `--allow-public`.
    pub allow_public: bool,
    /// `--max-targets`, if given.
    pub max_targets: Option<u64>,
    /// `--unprivileged`.
    pub unprivileged: bool,
}

fn is_private(n: &Ipv4Network) -> bool {
    PRIVATE_RANGES.iter().any(|(ip, p)| {
        Ipv4Network::new(*ip, *p).is_ok_and(|r| r.prefix() <= n.prefix() && r.contains(n.network()))
    })
}

fn within(outer: &Ipv4Network, inner: &Ipv4Network) -> bool {
    outer.prefix() <= inner.prefix() && outer.contains(inner.network())
}

/// Number of addresses probed in a scope: all but the network and
/// broadcast addresses, except in /31 and /32.
pub fn scope_size(n: &Ipv4Network) -> u64 {
    let all = 1u64 << (32 - u32::from(n.prefix()));
    if n.prefix() <= 30 {
        all - 2
    } else {
        all
    }
}

/// The addresses probed in `scopes`, lazily, without `skip` (the scanner).
pub fn targets(
    scopes: &[Ipv4Network],
    skip: Ipv4Addr,
) -> impl Iterator<Item = Ipv4Addr> + Clone + '_ {
    scopes.iter().flat_map(move |n| {
        let net = n.network();
        let bcast = n.broadcast();
        let edges = n.prefix() <= 30;
        n.iter()
            .filter(move |ip| !(edges && (*ip == net || *ip == bcast)) && *ip != skip)
    })
}

impl Plan {
    /// Checks a request against the interface; nothing is sent before this passes.
    pub fn build(req: &Request, iface: InterfaceInfo) -> Result<Plan, ConfigError> {
        let scanner_ip = iface.networks.first().map(|n| n.ip()).ok_or_else(|| {
            ConfigError::Interface(iface.name.clone(), "has no IPv4 address".into())
        })?;
        if !req.unprivileged && iface.mac.is_none() {
            return Err(ConfigError::Interface(
                iface.name.clone(),
                "has no MAC address (not Ethernet): use --unprivileged for TCP probes only".into(),
            ));
        }
        if req.rate == 0 || req.rate > MAX_RATE {
            return Err(ConfigError::Rate {
                flag: "--rate",
                value: req.rate,
                why: format!("must be 1 to {MAX_RATE} packets per second"),
            });
        }
        let ports = match &req.ports {
            Some(p) => parse_ports(p)?,
            None => PortList::hospital_default(),
        };
        let min_host_rate = max_probe_cost(&ports);
        if req.host_rate < min_host_rate || req.host_rate > req.rate {
            return Err(ConfigError::Rate {
                flag: "--host-rate",
                value: req.host_rate,
                why: format!(
                    "must be {min_host_rate} to --rate ({}){}",
                    req.rate,
                    if min_host_rate > 1 {
                        "; a first port probe to a host is up to 5 packets (kernel ARP, SYN, ACK, the answer to the server's first segment, RST)"
                    } else {
                        ""
                    }
                ),
            });
        }
        if req.unprivileged && ports.is_empty() {
            return Err(ConfigError::NothingToProbe);
        }
        let own: Vec<Ipv4Network> = iface
            .networks
            .iter()
            .filter_map(|n| Ipv4Network::new(n.network(), n.prefix()).ok())
            .collect();
        let scopes: Vec<Ipv4Network> = if req.cidrs.is_empty() {
            own.first().copied().into_iter().collect()
        } else {
            let mut v = vec![];
            for c in &req.cidrs {
                match c {
                    IpNetwork::V4(n) => {
                        v.push(Ipv4Network::new(n.network(), n.prefix()).map_err(|e| {
                            ConfigError::Scope {
                                scope: c.to_string(),
                                why: e.to_string(),
                            }
                        })?)
                    }
                    IpNetwork::V6(_) => {
                        return Err(ConfigError::Scope {
                            scope: c.to_string(),
                            why: "IPv6 scopes are not scanned (IPv4 only)".into(),
                        })
                    }
                }
            }
            v
        };
        for s in &scopes {
            let first = s.network();
            if first.is_loopback()
                || first.is_multicast()
                || first.octets()[0] == 0
                || first.octets()[0] >= 224
                || s.prefix() < 8
            {
                return Err(ConfigError::Scope {
                    scope: s.to_string(),
                    why: "loopback, multicast, reserved or wider than /8: never scanned".into(),
                });
            }
            let allowed = is_private(s) || own.iter().any(|o| within(o, s));
            if !allowed && !req.allow_public {
                return Err(ConfigError::Scope {
                    scope: s.to_string(),
                    why: "outside the private ranges and the interface's own networks; pass --allow-public if you are sure".into(),
                });
            }
        }
        for (i, a) in scopes.iter().enumerate() {
            for b in &scopes[i + 1..] {
                if a.contains(b.network()) || b.contains(a.network()) {
                    return Err(ConfigError::Scope {
                        scope: b.to_string(),
                        why: format!("overlaps {a}; give each network once"),
                    });
                }
            }
        }
        // Speak from the interface address on the first scope's network, if
        // one is (ARP replies come back to the address that asked).
        let scanner_ip = scopes
            .first()
            .and_then(|s| iface.networks.iter().find(|n| n.contains(s.network())))
            .map_or(scanner_ip, |n| n.ip());
        let count: u64 = scopes.iter().map(scope_size).sum();
        let limit = req.max_targets.unwrap_or(DEFAULT_MAX_TARGETS);
        if count > limit {
            return Err(ConfigError::TooManyTargets { count, limit });
        }
        let outside_probe = match req.outside_probe {
            None => DEFAULT_OUTSIDE_PROBE,
            Some(IpAddr::V4(ip)) => ip,
            Some(ip @ IpAddr::V6(_)) => {
                return Err(ConfigError::OutsideProbe(
                    ip,
                    "must be an IPv4 address".into(),
                ))
            }
        };
        if scopes.iter().chain(&own).any(|n| n.contains(outside_probe))
            || outside_probe.is_loopback()
            || outside_probe.is_multicast()
            || outside_probe.is_broadcast()
            || outside_probe.is_unspecified()
        {
            return Err(ConfigError::OutsideProbe(
                IpAddr::V4(outside_probe),
                "must be an address outside the LAN and the scopes".into(),
            ));
        }
        let excludes = req
            .excludes
            .iter()
            .map(|e| parse_exclude(e))
            .collect::<Result<Vec<_>, _>>()?;
        if req.unprivileged {
            if let Some((text, _)) = req
                .excludes
                .iter()
                .zip(&excludes)
                .find(|(_, e)| !matches!(e, Exclude::Network(_)))
            {
                return Err(ConfigError::ExcludeNeedsLayer2(text.clone()));
            }
        }
        Ok(Plan {
            iface,
            scanner_ip,
            scopes,
            ports,
            outside_probe,
            excludes,
            exclude_text: req.excludes.clone(),
            rate_pps: req.rate,
            host_rate_pps: req.host_rate,
            unprivileged: req.unprivileged,
            ident: (std::process::id() as u16) ^ 0x4b53,
            timing: Timing::default(),
        })
    }

    /// The addresses to probe, lazily.
    pub fn targets(&self) -> impl Iterator<Item = Ipv4Addr> + Clone + '_ {
        targets(&self.scopes, self.scanner_ip)
    }

    /// True if `ip` is on the interface's own networks (reachable by ARP).
    pub fn is_local(&self, ip: Ipv4Addr) -> bool {
        self.iface.networks.iter().any(|n| n.contains(ip))
    }

    /// True if a host is excluded.
    pub fn is_excluded(&self, ip: Ipv4Addr, mac: Option<MacAddr>, vendor: Option<&str>) -> bool {
        self.excludes.iter().any(|e| e.matches(ip, mac, vendor))
    }

    /// Largest probe cost in packets (see [`max_probe_cost`]).
    pub fn max_probe_cost(&self) -> u32 {
        max_probe_cost(&self.ports)
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    pub(crate) fn iface() -> InterfaceInfo {
        InterfaceInfo {
            name: "veth0".into(),
            mac: Some("02:00:00:00:00:01".parse().unwrap()),
            networks: vec!["198.18.0.2/24".parse().unwrap()],
            gateway: Some((Ipv4Addr::new(198, 18, 0, 1), None)),
        }
    }

    pub(crate) fn request() -> Request {
        Request {
            rate: DEFAULT_RATE,
            host_rate: DEFAULT_HOST_RATE,
            outside_probe: Some("198.19.0.1".parse().unwrap()),
            ..Request::default()
        }
    }

    #[test]
    fn ports_parse() {
        assert_eq!(
            parse_ports("22, 443,u500,U4500,t80,1-3").unwrap(),
            PortList {
                tcp: vec![1, 2, 3, 22, 80, 443],
                udp: vec![500, 4500]
            }
        );
        assert!(parse_ports("none").unwrap().is_empty());
        for bad in ["", "0", "65536", "22,,80", "x1", "u", "9-3", "22;80"] {
            let e = parse_ports(bad).unwrap_err().to_string();
            assert!(e.contains(&format!("--ports \"{bad}\"")), "{e}");
        }
    }

    #[test]
    fn excludes_parse_and_match() {
        let ip = Ipv4Addr::new(198, 18, 0, 7);
        let mac: MacAddr = "00:09:0f:00:00:01".parse().unwrap();
        assert!(parse_exclude("198.18.0.0/29")
            .unwrap()
            .matches(ip, None, None));
        assert!(parse_exclude("198.18.0.7").unwrap().matches(ip, None, None));
        assert!(!parse_exclude("198.18.0.8").unwrap().matches(ip, None, None));
        assert!(parse_exclude("00-09-0F-00-00-01")
            .unwrap()
            .matches(ip, Some(mac), None));
        let v = parse_exclude("fortinet").unwrap();
        assert!(v.matches(ip, Some(mac), Some("Fortinet, Inc.")));
        assert!(!v.matches(ip, Some(mac), None));
        assert!(parse_exclude("198.18.0.0/33").is_err());
        assert!(parse_exclude("-").is_err());
    }

    #[test]
    fn default_scope_and_targets() {
        let plan = Plan::build(&request(), iface()).unwrap();
        assert_eq!(
            plan.scopes,
            vec!["198.18.0.0/24".parse::<Ipv4Network>().unwrap()]
        );
        assert_eq!(plan.scanner_ip, Ipv4Addr::new(198, 18, 0, 2));
        let t: Vec<_> = plan.targets().collect();
        assert_eq!(t.len(), 253);
        assert_eq!(t[0], Ipv4Addr::new(198, 18, 0, 1));
        assert!(!t.contains(&plan.scanner_ip));
        assert_eq!(*t.last().unwrap(), Ipv4Addr::new(198, 18, 0, 254));
        assert_eq!(plan.ports, PortList::hospital_default());
        let n: Vec<Ipv4Network> = vec![
            "198.18.0.4/31".parse().unwrap(),
            "198.18.0.9/32".parse().unwrap(),
        ];
        assert_eq!(targets(&n, plan.scanner_ip).count(), 3);
    }

    #[test]
    fn speaks_from_the_address_on_the_scanned_network() {
        let mut i = iface();
        i.networks.push("198.18.8.5/24".parse().unwrap());
        let mut r = request();
        assert_eq!(
            Plan::build(&r, i.clone()).unwrap().scanner_ip,
            Ipv4Addr::new(198, 18, 0, 2)
        );
        r.cidrs = vec!["198.18.8.0/25".parse().unwrap()];
        let plan = Plan::build(&r, i).unwrap();
        assert_eq!(plan.scanner_ip, Ipv4Addr::new(198, 18, 8, 5));
        assert!(plan.is_local(Ipv4Addr::new(198, 18, 8, 9)));
        assert!(!plan.targets().any(|t| t == plan.scanner_ip));
    }

    #[test]
    fn refusals_before_any_packet() {
        let mut r = request();
        r.cidrs = vec!["8.8.8.0/24".parse().unwrap()];
        let e = Plan::build(&r, iface()).unwrap_err().to_string();
        assert!(e.contains("--allow-public"), "{e}");
        r.allow_public = true;
        assert!(Plan::build(&r, iface()).is_ok());
        r.cidrs = vec!["10.0.0.0/8".parse().unwrap()];
        let e = Plan::build(&r, iface()).unwrap_err();
        assert_eq!(
            e,
            ConfigError::TooManyTargets {
                count: 16_777_214,
                limit: 65_536
            }
        );
        r.max_targets = Some(20_000_000);
        assert!(Plan::build(&r, iface()).is_ok());
        r.cidrs = vec![
            "198.18.0.0/24".parse().unwrap(),
            "198.18.0.128/25".parse().unwrap(),
        ];
        assert!(Plan::build(&r, iface())
            .unwrap_err()
            .to_string()
            .contains("overlaps"));
        r.cidrs = vec!["127.0.0.0/8".parse().unwrap()];
        assert!(Plan::build(&r, iface()).is_err());
        r.cidrs = vec!["fd00::/64".parse().unwrap()];
        assert!(Plan::build(&r, iface())
            .unwrap_err()
            .to_string()
            .contains("IPv6"));
        let mut r = request();
        r.outside_probe = Some("198.18.0.77".parse().unwrap());
        assert!(matches!(
            Plan::build(&r, iface()),
            Err(ConfigError::OutsideProbe(..))
        ));
        let mut r = request();
        r.rate = 0;
        assert!(Plan::build(&r, iface()).is_err());
        let mut r = request();
        r.host_rate = 4;
        assert!(Plan::build(&r, iface())
            .unwrap_err()
            .to_string()
            .contains("5 packets"));
        r.host_rate = 3;
        r.ports = Some("u500".into());
        assert!(Plan::build(&r, iface()).is_ok());
        r.host_rate = 2;
        assert!(Plan::build(&r, iface()).is_err());
        r.ports = Some("u4500".into());
        assert!(Plan::build(&r, iface()).is_ok());
        r.ports = Some("none".into());
        assert!(Plan::build(&r, iface()).is_ok());
        r.unprivileged = true;
        assert_eq!(Plan::build(&r, iface()), Err(ConfigError::NothingToProbe));
        r.ports = Some("22".into());
        r.host_rate = 20;
        r.excludes = vec!["198.18.0.9".into(), "GE Healthcare".into()];
        assert_eq!(
            Plan::build(&r, iface()),
            Err(ConfigError::ExcludeNeedsLayer2("GE Healthcare".into()))
        );
    }
}
