//! Packet captures (pcap and pcapng, streamed record by record with
//! bounded memory) and what their traffic teaches: [`Learner`] takes
//! frames one at a time, from a file or from `koseizu listen`'s socket.
//!
//! Per host (MAC and IPv4): ARP senders and answers (an IP claimed by two
//! MACs is a conflict); DHCP hostname, vendor class, client id, parameter
//! list and the address assigned, the server and the routers it hands out;
//! names from mDNS, LLMNR and NetBIOS; SSDP server strings; LLDP system
//! name, description, port, capabilities and management address; CDP
//! device id, platform, software, port, capabilities and management
//! address (an LLDP or CDP neighbour that says *router* is evidence of a
//! way out, `possible` on its own); remote access in use (RDP, VNC,
//! AnyDesk, TeamViewer, IKE, OpenVPN, SSL-VPN: a TLS ClientHello from an
//! outside address to a LAN host's 443/8443/4433, or any session to
//! 10443); and passive gateway evidence: a MAC that is the Ethernet source of IPv4
//! packets from at least [`FORWARDS_MIN`] addresses outside every local
//! subnet forwards for the outside. No payload is ever kept.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::hash::BuildHasher;
use std::io::Read;
use std::net::{IpAddr, Ipv4Addr};

use chrono::{DateTime, TimeZone, Utc};
use ipnetwork::Ipv4Network;
use pcap_parser::pcapng::Block;
use pcap_parser::{create_reader, Linktype, PcapBlockOwned, PcapError};

use super::wire::{self, ArpOp, Link};
use super::{Parsed, MAX_DETAILS, MAX_HOSTS};
use crate::mac::MacAddr;
use crate::snapshot::{ExternalEvidence, Fact, Proto, Source};

/// Distinct outside source addresses from one MAC that make it a forwarder.
pub const FORWARDS_MIN: usize = 3;
/// Source addresses remembered per MAC (more are counted, not kept).
const SRC_PER_MAC: usize = 64;
/// Outside addresses listed in the evidence.
const OUTSIDE_LISTED: usize = 5;
/// Most local networks remembered.
const MAX_LOCAL_NETS: usize = 4096;
/// Most names remembered.
const MAX_NAMES: usize = MAX_HOSTS;
/// Buffer of the pcap reader, and the largest it may grow to.
const READ_BUFFER: usize = 256 << 10;
const MAX_READ_BUFFER: usize = 64 << 20;

/// Counters of a capture.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Stats {
    /// Frames read.
    pub frames: u64,
    /// Bytes of frames read.
    pub bytes: u64,
    /// Frames whose link type koseizu does not read, by link type.
    pub unread_linktypes: BTreeMap<i32, u64>,
    /// Frames the kernel dropped (live capture).
    pub kernel_drops: u64,
}

#[derive(Debug, Default)]
struct SrcIps {
    ips: Vec<Ipv4Addr>,
    more: u64,
}

/// What a capture has taught so far. Bounded: hosts, names, details and
/// per-MAC address lists are all capped.
#[derive(Debug, Default)]
pub struct Learner {
    parsed: Option<Parsed>,
    /// Counters.
    pub stats: Stats,
    src_ips: HashMap<MacAddr, SrcIps>,
    ipv6: HashMap<MacAddr, Vec<std::net::Ipv6Addr>>,
    sessions: HashMap<(Ipv4Addr, Ipv4Addr, Proto, u16), Session>,
    now: DateTime<Utc>,
    ra: HashMap<MacAddr, Vec<String>>,
    local: HashSet<Ipv4Network>,
    names: HashMap<Ipv4Addr, String>,
    mac_names: HashMap<MacAddr, String>,
    seen_details: HashSet<u64>,
    dropped_macs: u64,
    /// MACs that announced the router capability, and in what (`lldp`, `cdp`).
    says_router: HashMap<MacAddr, &'static str>,
}

/// A remote-access session being followed.
#[derive(Debug, Clone, Copy)]
struct Session {
    service: &'static str,
    first: DateTime<Utc>,
    last: DateTime<Utc>,
    /// The server answered (SYN-ACK, or a UDP packet from its port).
    answered: bool,
}

/// Most sessions followed.
const MAX_SESSIONS: usize = 10_000;

/// The remote-access service of a server port, if any.
fn remote_service(proto: Proto, port: u16) -> Option<&'static str> {
    Some(match (proto, port) {
        (Proto::Tcp, 3389) => "RDP",
        (Proto::Tcp, 5900..=5903) => "VNC",
        (Proto::Tcp, 5938) | (Proto::Udp, 5938) => "TeamViewer",
        (Proto::Tcp, 7070) | (Proto::Tcp, 6568) => "AnyDesk",
        (Proto::Udp, 500) | (Proto::Udp, 4500) => "IKE",
        (_, 1194) => "OpenVPN",
        (Proto::Tcp, 10443) => "SSL-VPN",
        _ => return None,
    })
}

/// TLS ports of a perimeter device's SSL-VPN besides 10443: a session to
/// them counts only when it opens with a ClientHello from outside.
fn is_tls_vpn_port(port: u16) -> bool {
    matches!(port, 443 | 8443 | 4433)
}

/// The name of SSL-VPN sessions.
const SSL_VPN: &str = "SSL-VPN";

fn is_host_mac(m: MacAddr) -> bool {
    !m.is_multicast() && m != MacAddr::ZERO
}

fn is_unicast_host_ip(ip: Ipv4Addr) -> bool {
    !(ip.is_unspecified() || ip.is_broadcast() || ip.is_multicast() || ip.is_loopback())
}

impl Learner {
    /// A learner with nothing learned yet.
    pub fn new() -> Learner {
        Learner {
            parsed: Some(Parsed::new(Source::Capture)),
            ..Learner::default()
        }
    }

    fn parsed(&mut self) -> &mut Parsed {
        self.parsed
            .get_or_insert_with(|| Parsed::new(Source::Capture))
    }

    /// Widens the capture's time window to hold `t` (a live capture's
    /// start and end, even when no frame came).
    pub fn saw_window(&mut self, t: DateTime<Utc>) {
        self.parsed().saw_time(t);
    }

    /// Number of hosts learned so far.
    pub fn hosts(&self) -> usize {
        self.parsed.as_ref().map_or(0, |p| p.hosts.len())
    }

    fn local_net(&mut self, ip: Ipv4Addr, prefix: u8) {
        if self.local.len() < MAX_LOCAL_NETS {
            if let Ok(n) = Ipv4Network::new(ip, prefix) {
                if let Ok(n) = Ipv4Network::new(n.network(), prefix) {
                    self.local.insert(n);
                }
            }
        }
    }

    fn is_local(&self, ip: Ipv4Addr) -> bool {
        ip.is_link_local() || self.local.iter().any(|n| n.contains(ip))
    }

    fn claim(&mut self, ip: Ipv4Addr, mac: MacAddr) {
        if is_unicast_host_ip(ip) && is_host_mac(mac) {
            self.local_net(ip, 24);
            self.parsed().hosts.claim(ip, mac);
        }
    }

    fn detail(&mut self, ip: Option<IpAddr>, mac: Option<MacAddr>, fact: Fact) {
        if self.seen_details.len() >= MAX_DETAILS {
            self.parsed().hosts.dropped_details += 1;
            return;
        }
        let key = foldhash::fast::FixedState::with_seed(7).hash_one((ip, mac, format!("{fact:?}")));
        if self.seen_details.insert(key) {
            self.parsed().hosts.detail(ip, mac, fact);
        }
    }

    fn name(&mut self, ip: Ipv4Addr, name: String, via: &str) {
        if !is_unicast_host_ip(ip) {
            return;
        }
        // AE titles and HL7 applications name a system, not a host name.
        let host_name = !matches!(via, "dicom-ae" | "hl7");
        if host_name && self.names.len() < MAX_NAMES && !self.names.contains_key(&ip) {
            self.names.insert(ip, name.clone());
        }
        self.detail(
            Some(IpAddr::V4(ip)),
            None,
            Fact::Name {
                via: via.into(),
                name,
            },
        );
    }

    /// Takes one frame of link type `linktype` captured at `ts`.
    pub fn frame(&mut self, linktype: Linktype, data: &[u8], ts: DateTime<Utc>) {
        self.stats.frames += 1;
        self.stats.bytes += data.len() as u64;
        self.now = ts;
        self.parsed().saw_time(ts);
        let link = match linktype {
            Linktype::ETHERNET => wire::ethernet(data),
            Linktype::LINUX_SLL => wire::sll(data),
            Linktype::LINUX_SLL2 => wire::sll2(data),
            other => {
                *self.stats.unread_linktypes.entry(other.0).or_default() += 1;
                return;
            }
        };
        if let Some(link) = link {
            self.link(&link);
        }
    }

    fn link(&mut self, link: &Link) {
        match link.ethertype {
            wire::ETHERTYPE_ARP => {
                if let Some(a) = wire::arp(link.payload) {
                    self.claim(a.sender_ip, a.sender_mac);
                    if a.op == ArpOp::Reply {
                        // The reply's target is the asker: a real host too.
                        self.claim(a.target_ip, a.target_mac);
                    }
                }
            }
            wire::ETHERTYPE_LLDP => {
                if let (Some(l), Some(src)) = (wire::lldp(link.payload), link.src) {
                    self.neighbour(src, l.system_name.as_ref(), &l.capabilities, "lldp");
                    self.detail(
                        None,
                        Some(src),
                        Fact::Lldp {
                            chassis_id: l.chassis_id,
                            port_id: l.port_id,
                            system_name: l.system_name,
                            system_description: l.system_description,
                            capabilities: l.capabilities.iter().map(|c| c.to_string()).collect(),
                            management: l.management,
                        },
                    );
                }
            }
            wire::ETHERTYPE_CDP => {
                if let (Some(c), Some(src)) = (wire::cdp(link.payload), link.src) {
                    self.cdp(c, src);
                }
            }
            wire::ETHERTYPE_IPV4 => self.ipv4(link),
            wire::ETHERTYPE_IPV6 => self.ipv6(link),
            _ => {}
        }
    }

    fn says_router(&mut self, mac: MacAddr, via: &'static str) {
        if is_host_mac(mac)
            && (self.says_router.len() < MAX_HOSTS || self.says_router.contains_key(&mac))
        {
            self.says_router.entry(mac).or_insert(via);
        }
    }

    /// What an LLDP or CDP announcement says of its sender: its name, and
    /// whether it claims the router capability (`possible` evidence).
    fn neighbour(
        &mut self,
        src: MacAddr,
        name: Option<&String>,
        capabilities: &[&'static str],
        via: &'static str,
    ) {
        if let Some(n) = name {
            if self.mac_names.len() < MAX_NAMES {
                self.mac_names.entry(src).or_insert_with(|| n.clone());
            }
        }
        if capabilities.contains(&"router") {
            self.says_router(src, via);
        }
    }

    fn cdp(&mut self, c: wire::Cdp, src: MacAddr) {
        self.neighbour(src, c.device_id.as_ref(), &c.capabilities, "cdp");
        self.detail(
            None,
            Some(src),
            Fact::Cdp {
                device_id: c.device_id,
                port_id: c.port_id,
                platform: c.platform,
                software: c.software,
                capabilities: c.capabilities.iter().map(|c| c.to_string()).collect(),
                management: c.management,
            },
        );
    }

    fn ipv4(&mut self, link: &Link) {
        let Ok(ip) = etherparse::Ipv4Slice::from_slice(link.payload) else {
            return;
        };
        let src = ip.header().source_addr();
        if let Some(mac) = link.src.filter(|m| is_host_mac(*m)) {
            if is_unicast_host_ip(src) {
                if !self.src_ips.contains_key(&mac) && self.src_ips.len() >= MAX_HOSTS {
                    self.dropped_macs += 1;
                } else {
                    let e = self.src_ips.entry(mac).or_default();
                    if !e.ips.contains(&src) {
                        if e.ips.len() < SRC_PER_MAC {
                            e.ips.push(src);
                        } else {
                            e.more += 1;
                        }
                    }
                }
            }
        }
        if ip.is_payload_fragmented() {
            return;
        }
        if ip.payload_ip_number() == etherparse::IpNumber::TCP {
            self.tcp(ip.payload().payload, src, ip.header().destination_addr());
            return;
        }
        if ip.payload_ip_number() != etherparse::IpNumber::UDP {
            return;
        }
        let Ok(udp) = etherparse::UdpSlice::from_slice(ip.payload().payload) else {
            return;
        };
        let (sport, dport) = (udp.source_port(), udp.destination_port());
        let dst = ip.header().destination_addr();
        self.udp_session(src, dst, sport, dport);
        let body = udp.payload();
        match (sport, dport) {
            (67 | 68, 67 | 68) => self.dhcp(body, src, link.src),
            (5353, _) | (_, 5353) => {
                for (n, a) in wire::dns_a_records(body) {
                    self.name(a, n, "mdns");
                }
            }
            (5355, _) => {
                for (n, a) in wire::dns_a_records(body) {
                    self.name(a, n, "llmnr");
                }
            }
            (137, _) => {
                if let Some(n) = wire::nbns_name(body) {
                    self.name(src, n, "netbios");
                }
            }
            (_, 1900) | (1900, _) => {
                if let Some(agent) = wire::ssdp_agent(body) {
                    self.detail(
                        Some(IpAddr::V4(src)),
                        link.src,
                        Fact::Name {
                            via: "ssdp".into(),
                            name: agent,
                        },
                    );
                }
            }
            _ => {}
        }
    }

    fn ipv6(&mut self, link: &Link) {
        let Some(mac) = link.src.filter(|m| is_host_mac(*m)) else {
            return;
        };
        let Ok(ip) = etherparse::Ipv6Slice::from_slice(link.payload) else {
            return;
        };
        let payload = ip.payload();
        if payload.ip_number != etherparse::IpNumber::IPV6_ICMP || payload.fragmented {
            return;
        }
        let Some(nd) = wire::icmpv6_nd(payload.payload) else {
            return;
        };
        let src = ip.header().source_addr();
        if !src.is_unspecified() && (self.ipv6.contains_key(&mac) || self.ipv6.len() < MAX_HOSTS) {
            let a = self.ipv6.entry(mac).or_default();
            if !a.contains(&src) && a.len() < 16 {
                a.push(src);
            }
        }
        if let wire::Nd::RouterAdvertisement {
            default_route: true,
            prefixes,
        } = nd
        {
            if self.ra.contains_key(&mac) || self.ra.len() < MAX_HOSTS {
                let p = self.ra.entry(mac).or_default();
                for x in prefixes {
                    if !p.contains(&x) && p.len() < 8 {
                        p.push(x);
                    }
                }
            }
        }
    }

    /// Follows a UDP remote-access session. Both ends often use the
    /// service's port (IKE 500 to 500): a packet whose reverse is already
    /// followed is the server's answer.
    fn udp_session(&mut self, src: Ipv4Addr, dst: Ipv4Addr, sport: u16, dport: u16) {
        if let Some(service) = remote_service(Proto::Udp, sport) {
            if self.sessions.contains_key(&(dst, src, Proto::Udp, sport)) {
                self.session(dst, src, Proto::Udp, sport, service, true);
                return;
            }
        }
        if let Some(service) = remote_service(Proto::Udp, dport) {
            self.session(src, dst, Proto::Udp, dport, service, false);
        } else if let Some(service) = remote_service(Proto::Udp, sport) {
            self.session(dst, src, Proto::Udp, sport, service, true);
        }
    }

    fn session(
        &mut self,
        client: Ipv4Addr,
        server: Ipv4Addr,
        proto: Proto,
        port: u16,
        service: &'static str,
        answered: bool,
    ) {
        if !is_unicast_host_ip(client) || !is_unicast_host_ip(server) {
            return;
        }
        let now = self.now;
        let key = (client, server, proto, port);
        if let Some(s) = self.sessions.get_mut(&key) {
            s.first = s.first.min(now);
            s.last = s.last.max(now);
            s.answered |= answered;
        } else if self.sessions.len() < MAX_SESSIONS {
            self.sessions.insert(
                key,
                Session {
                    service,
                    first: now,
                    last: now,
                    answered,
                },
            );
        }
    }

    /// Follows SSL-VPN on the TLS ports (443, 8443, 4433): a session opens
    /// with a ClientHello from an address outside every local subnet known
    /// so far (checked again at the end), and is answered by anything from
    /// the server's port. Web browsing from the LAN is not followed.
    fn tls_session(&mut self, src: Ipv4Addr, dst: Ipv4Addr, sport: u16, dport: u16, body: &[u8]) {
        if is_tls_vpn_port(dport) {
            let key = (src, dst, Proto::Tcp, dport);
            if self.sessions.contains_key(&key)
                || (!self.is_local(src) && wire::tls_client_hello(body))
            {
                self.session(src, dst, Proto::Tcp, dport, SSL_VPN, false);
            }
        } else if is_tls_vpn_port(sport)
            && self.sessions.contains_key(&(dst, src, Proto::Tcp, sport))
        {
            self.session(dst, src, Proto::Tcp, sport, SSL_VPN, true);
        }
    }

    /// Names systems from the start of a TCP payload: DICOM AE titles of an
    /// association request, HL7 MSH-3..6. Nothing else of the payload is read.
    fn tcp(&mut self, segment: &[u8], src: Ipv4Addr, dst: Ipv4Addr) {
        let Ok(tcp) = etherparse::TcpSlice::from_slice(segment) else {
            return;
        };
        let (sport, dport) = (tcp.source_port(), tcp.destination_port());
        self.tls_session(src, dst, sport, dport, tcp.payload());
        if tcp.syn() && !tcp.ack() {
            if let Some(service) = remote_service(Proto::Tcp, dport) {
                self.session(src, dst, Proto::Tcp, dport, service, false);
            }
        } else if let Some(service) = remote_service(Proto::Tcp, sport) {
            // From the server: SYN-ACK or data; only sessions seen opening count.
            let key = (dst, src, Proto::Tcp, sport);
            if tcp.syn() || self.sessions.contains_key(&key) {
                self.session(dst, src, Proto::Tcp, sport, service, true);
            }
        } else if let Some(service) = remote_service(Proto::Tcp, dport) {
            let key = (src, dst, Proto::Tcp, dport);
            if self.sessions.contains_key(&key) {
                self.session(src, dst, Proto::Tcp, dport, service, false);
            }
        }
        let body = tcp.payload();
        if body.is_empty() {
            return;
        }
        if let Some((calling, called)) = wire::dicom_associate(body) {
            self.name(src, calling, "dicom-ae");
            self.name(dst, called, "dicom-ae");
        } else if let Some((sending, receiving)) = wire::hl7_msh(body) {
            self.name(src, sending, "hl7");
            self.name(dst, receiving, "hl7");
        }
    }

    fn dhcp(&mut self, body: &[u8], src: Ipv4Addr, src_mac: Option<MacAddr>) {
        let Some(d) = wire::dhcp(body) else { return };
        if d.reply {
            if let (Some(ip), Some(mac)) = (d.yiaddr, d.chaddr) {
                if d.msg_type == Some(5) {
                    self.claim(ip, mac);
                    if let Some(mask) = d.subnet_mask {
                        let prefix = u32::from(mask).leading_ones() as u8;
                        self.local_net(ip, prefix);
                    }
                }
            }
            let server = d.server_id.unwrap_or(src);
            if let Some(mac) = src_mac {
                if server == src {
                    self.claim(server, mac);
                }
            }
            if d.msg_type == Some(2) || d.msg_type == Some(5) {
                self.detail(
                    Some(IpAddr::V4(server)),
                    src_mac,
                    Fact::DhcpServer { routers: d.routers },
                );
            }
            return;
        }
        let Some(mac) = d.chaddr else { return };
        if let Some(h) = &d.hostname {
            if self.mac_names.len() < MAX_NAMES {
                self.mac_names.insert(mac, h.clone());
            }
        }
        let ip = d.ciaddr.or(d.requested);
        self.detail(
            ip.map(IpAddr::V4),
            Some(mac),
            Fact::Dhcp {
                hostname: d.hostname,
                vendor_class: d.vendor_class,
                client_id: d.client_id,
                parameter_list: d.parameter_list,
                lease_start: None,
                lease_end: None,
            },
        );
    }

    /// What was learned, as a [`Parsed`] capture.
    pub fn finish(mut self) -> Parsed {
        let mut out = self
            .parsed
            .take()
            .unwrap_or_else(|| Parsed::new(Source::Capture));
        let src_ips = std::mem::take(&mut self.src_ips);
        let mut forwarders: Vec<(MacAddr, Vec<Ipv4Addr>, u64)> = Vec::new();
        for (mac, s) in src_ips {
            let mut outside = Vec::new();
            for ip in s.ips {
                if self.is_local(ip) {
                    out.hosts.claim(ip, mac);
                } else {
                    outside.push(ip);
                }
            }
            let count = outside.len() as u64 + s.more;
            if outside.len() >= FORWARDS_MIN {
                forwarders.push((mac, outside, count));
            }
        }
        let mut unplaced = 0usize;
        for (mac, mut outside, count) in forwarders {
            outside.sort();
            outside.truncate(OUTSIDE_LISTED);
            let ev = ExternalEvidence::Forwards {
                outside: outside.into_iter().map(IpAddr::V4).collect(),
                count,
            };
            if !out.hosts.attach_to_mac(mac, &ev) {
                unplaced += 1;
            }
        }
        if unplaced > 0 {
            out.limitations.push(format!(
                "{unplaced} MACs forwarded outside traffic but never showed a local address: not listed"
            ));
        }
        let mut sessions: Vec<_> = std::mem::take(&mut self.sessions).into_iter().collect();
        sessions.sort_by_key(|(k, s)| (s.first, *k));
        for ((client, server, proto, port), s) in sessions {
            if !s.answered {
                continue;
            }
            let server_local = self.is_local(server);
            // SSL-VPN on a TLS port: only to a LAN host from outside.
            if proto == Proto::Tcp
                && is_tls_vpn_port(port)
                && (!server_local || self.is_local(client))
            {
                continue;
            }
            let lan_side = if server_local { server } else { client };
            let peer = if server_local { client } else { server };
            if server_local {
                // It served the session: it listens there, like an open port.
                if let Some(seen) = out
                    .hosts
                    .get(server)
                    .map(|_| ())
                    .and(out.hosts.entry(server))
                {
                    seen.ports.entry((proto, port)).or_insert(None);
                }
            }
            let fact = Fact::RemoteSession {
                service: s.service.into(),
                proto,
                port,
                server: IpAddr::V4(server),
                client: IpAddr::V4(client),
                outside_peer: !self.is_local(peer),
                first: s.first,
                last: s.last,
            };
            out.hosts.detail(Some(IpAddr::V4(lan_side)), None, fact);
        }
        let mut says: Vec<(MacAddr, &'static str)> =
            std::mem::take(&mut self.says_router).into_iter().collect();
        says.sort();
        let mut says_unplaced = 0usize;
        for (mac, via) in says {
            let ev = ExternalEvidence::SaysRouter { via: via.into() };
            if !out.hosts.attach_to_mac(mac, &ev) {
                says_unplaced += 1;
            }
        }
        if says_unplaced > 0 {
            out.limitations.push(format!(
                "{says_unplaced} MACs announced the router capability (LLDP/CDP) but showed no IPv4 address: not listed as hosts (see the lldp/cdp details)"
            ));
        }
        let mut ra_unplaced = 0usize;
        for (mac, prefixes) in std::mem::take(&mut self.ra) {
            let ev = ExternalEvidence::Ipv6DefaultRoute { prefixes };
            if !out.hosts.attach_to_mac(mac, &ev) {
                ra_unplaced += 1;
            }
        }
        if ra_unplaced > 0 {
            out.limitations.push(format!(
                "{ra_unplaced} MACs announced an IPv6 default route but showed no IPv4 address: not listed as hosts (see the ipv6 details)"
            ));
        }
        let mut v6: Vec<(MacAddr, Vec<std::net::Ipv6Addr>)> =
            std::mem::take(&mut self.ipv6).into_iter().collect();
        v6.sort();
        for (mac, addresses) in v6 {
            out.hosts.detail(None, Some(mac), Fact::Ipv6 { addresses });
        }
        for (ip, seen) in out.hosts.iter_mut() {
            if seen.hostname.is_none() {
                seen.hostname = self
                    .names
                    .get(ip)
                    .cloned()
                    .or_else(|| seen.mac.and_then(|m| self.mac_names.get(&m).cloned()));
            }
        }
        for (lt, n) in &self.stats.unread_linktypes {
            out.limitations.push(format!(
                "{n} frames of link type {} ({lt}) not read",
                linktype_name(*lt)
            ));
        }
        if self.stats.kernel_drops > 0 {
            out.limitations.push(format!(
                "the kernel dropped {} frames during the capture",
                self.stats.kernel_drops
            ));
        }
        if self.dropped_macs > 0 {
            out.limitations.push(format!(
                "{} further source MACs not followed (cap {MAX_HOSTS})",
                self.dropped_macs
            ));
        }
        out.limitations.push(format!(
            "{} frames, {} bytes read",
            self.stats.frames, self.stats.bytes
        ));
        out
    }
}

/// A link type's name as libpcap says it, for the common ones.
pub fn linktype_name(lt: i32) -> &'static str {
    match lt {
        0 => "NULL",
        1 => "EN10MB",
        101 => "RAW",
        105 => "IEEE802_11",
        113 => "LINUX_SLL",
        127 => "IEEE802_11_RADIOTAP",
        228 => "IPV4",
        229 => "IPV6",
        276 => "LINUX_SLL2",
        _ => "unknown",
    }
}

/// Per-interface state of a pcapng section.
#[derive(Debug, Clone, Copy)]
struct Iface {
    linktype: Linktype,
    resolution: u64,
    offset: i64,
}

fn at_nanos(secs: i64, nanos: u64) -> DateTime<Utc> {
    Utc.timestamp_opt(secs, (nanos % 1_000_000_000) as u32)
        .single()
        .unwrap_or_default()
}

/// Reads a pcap or pcapng stream into a capture. A record cut off at the
/// end makes the capture `partial`; a damaged header is an error.
pub fn read<R: Read>(input: R) -> Result<Parsed, String> {
    let mut learner = Learner::new();
    let mut reader = create_reader(READ_BUFFER, input).map_err(|e| match e {
        PcapError::HeaderNotRecognized => "not a pcap or pcapng file".to_string(),
        e => format!("cannot read the file header: {e:?}"),
    })?;
    let mut legacy: Option<(Linktype, bool)> = None;
    let mut ifaces: Vec<Iface> = Vec::new();
    let mut cut = false;
    let mut capacity = READ_BUFFER;
    loop {
        match reader.next() {
            Ok((offset, block)) => {
                match block {
                    PcapBlockOwned::LegacyHeader(h) => {
                        legacy = Some((h.network, h.is_nanosecond_precision()));
                    }
                    PcapBlockOwned::Legacy(b) => {
                        if let Some((lt, nanos)) = legacy {
                            let frac = u64::from(b.ts_usec) * if nanos { 1 } else { 1000 };
                            let ts = at_nanos(i64::from(b.ts_sec), frac);
                            let data = b.data.get(..b.caplen as usize).unwrap_or(b.data);
                            learner.frame(lt, data, ts);
                        }
                    }
                    PcapBlockOwned::NG(Block::SectionHeader(_)) => ifaces.clear(),
                    PcapBlockOwned::NG(Block::InterfaceDescription(idb)) => {
                        if ifaces.len() < 4096 {
                            ifaces.push(Iface {
                                linktype: idb.linktype,
                                resolution: idb.ts_resolution().unwrap_or(1_000_000).max(1),
                                offset: idb.if_tsoffset,
                            });
                        }
                    }
                    PcapBlockOwned::NG(Block::EnhancedPacket(epb)) => {
                        if let Some(i) = ifaces.get(epb.if_id as usize).copied() {
                            let t = (u64::from(epb.ts_high) << 32) | u64::from(epb.ts_low);
                            let secs = (t / i.resolution) as i64;
                            let frac = t % i.resolution;
                            let nanos = (u128::from(frac) * 1_000_000_000
                                / u128::from(i.resolution))
                                as u64;
                            let ts = at_nanos(secs.saturating_add(i.offset), nanos);
                            let data = epb.data.get(..epb.caplen as usize).unwrap_or(epb.data);
                            learner.frame(i.linktype, data, ts);
                        }
                    }
                    PcapBlockOwned::NG(Block::SimplePacket(spb)) => {
                        if let Some(i) = ifaces.first().copied() {
                            let ts = learner
                                .parsed
                                .as_ref()
                                .and_then(|p| p.finished)
                                .unwrap_or_default();
                            learner.frame(i.linktype, spb.data, ts);
                        }
                    }
                    PcapBlockOwned::NG(Block::InterfaceStatistics(isb)) => {
                        for o in &isb.options {
                            // isb_ifdrop (5): frames the interface dropped.
                            if o.code.0 == 5 && o.value.len() >= 8 {
                                if let Ok(v) = <[u8; 8]>::try_from(&o.value[..8]) {
                                    learner.stats.kernel_drops =
                                        learner.stats.kernel_drops.max(u64::from_le_bytes(v));
                                }
                            }
                        }
                    }
                    PcapBlockOwned::NG(_) => {}
                }
                reader.consume(offset);
            }
            Err(PcapError::Eof) => break,
            Err(PcapError::Incomplete(_)) => {
                if reader.reader_exhausted() {
                    cut = true;
                    break;
                }
                if reader.refill().is_err() {
                    cut = true;
                    break;
                }
            }
            Err(PcapError::BufferTooSmall) => {
                if capacity >= MAX_READ_BUFFER || !reader.grow(capacity * 2) {
                    return Err(format!("a record larger than {MAX_READ_BUFFER} bytes"));
                }
                capacity *= 2;
                if reader.refill().is_err() {
                    cut = true;
                    break;
                }
            }
            Err(PcapError::UnexpectedEof) => {
                cut = true;
                break;
            }
            Err(e) => {
                let frames = learner.stats.frames;
                if frames == 0 {
                    return Err(format!("damaged capture: {e:?}"));
                }
                cut = true;
                learner.parsed().limitations.push(format!(
                    "the capture is damaged after {frames} frames; the rest was not read"
                ));
                break;
            }
        }
    }
    let mut parsed = learner.finish();
    if cut {
        parsed.partial = true;
        parsed
            .limitations
            .push("the capture ends in the middle of a record (cut off)".into());
    }
    Ok(parsed)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn arp_frame(mac: [u8; 6], ip: [u8; 4]) -> Vec<u8> {
        let mut f = vec![0xff; 6];
        f.extend_from_slice(&mac);
        f.extend_from_slice(&[0x08, 0x06, 0, 1, 0x08, 0, 6, 4, 0, 1]);
        f.extend_from_slice(&mac);
        f.extend_from_slice(&ip);
        f.extend_from_slice(&[0; 6]);
        f.extend_from_slice(&[198, 18, 0, 1]);
        f
    }

    #[test]
    fn a_flood_of_random_sources_caps_the_host_table() {
        let mut l = Learner::new();
        let t = Utc::now();
        let n = MAX_HOSTS as u32 + 500;
        for i in 0..n {
            let b = i.to_be_bytes();
            let f = arp_frame([0x00, 0x16, b[0], b[1], b[2], b[3]], [10, b[1], b[2], b[3]]);
            l.frame(Linktype::ETHERNET, &f, t);
        }
        assert_eq!(l.hosts(), MAX_HOSTS);
        let p = l.finish();
        assert_eq!(p.hosts.dropped, 500);
        let snap = p.into_snapshot(t, "flood.pcap");
        assert_eq!(snap.hosts.len(), MAX_HOSTS);
        assert!(snap
            .limitations
            .iter()
            .any(|l| l.contains("host table full")));
    }

    #[test]
    fn a_router_advertisement_is_a_way_out() {
        let mut l = Learner::new();
        let t = Utc::now();
        let mac = [0x00, 0x16, 0x3e, 0, 0, 9];
        l.frame(Linktype::ETHERNET, &arp_frame(mac, [198, 18, 0, 9]), t);
        let mut f = vec![0x33, 0x33, 0, 0, 0, 1];
        f.extend_from_slice(&mac);
        f.extend_from_slice(&[0x86, 0xdd]);
        let mut ra = vec![134, 0, 0, 0, 64, 0, 0x07, 0x08, 0, 0, 0, 0, 0, 0, 0, 0];
        let mut pi = vec![3, 4, 64, 0xc0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0];
        pi.extend_from_slice(
            &"2001:db8:1::"
                .parse::<std::net::Ipv6Addr>()
                .unwrap()
                .octets(),
        );
        ra.extend_from_slice(&pi);
        let mut ip6 = vec![0x60, 0, 0, 0];
        ip6.extend_from_slice(&(ra.len() as u16).to_be_bytes());
        ip6.extend_from_slice(&[58, 255]);
        ip6.extend_from_slice(
            &"fe80::216:3eff:fe00:9"
                .parse::<std::net::Ipv6Addr>()
                .unwrap()
                .octets(),
        );
        ip6.extend_from_slice(&"ff02::1".parse::<std::net::Ipv6Addr>().unwrap().octets());
        ip6.extend_from_slice(&ra);
        f.extend_from_slice(&ip6);
        l.frame(Linktype::ETHERNET, &f, t);
        let (hosts, details) = l.finish().hosts.finish();
        assert_eq!(hosts.len(), 1);
        assert_eq!(
            hosts[0].external,
            vec![ExternalEvidence::Ipv6DefaultRoute {
                prefixes: vec!["2001:db8:1::/64".into()]
            }]
        );
        assert!(details
            .iter()
            .any(|d| matches!(&d.fact, Fact::Ipv6 { addresses } if addresses.len() == 1)));
    }

    fn tcp_frame(
        src_mac: [u8; 6],
        src: [u8; 4],
        dst: [u8; 4],
        sport: u16,
        dport: u16,
        syn: bool,
        ack: bool,
    ) -> Vec<u8> {
        let mut f = vec![0, 0x16, 0x3e, 0xee, 0xee, 0xee];
        f.extend_from_slice(&src_mac);
        f.extend_from_slice(&[0x08, 0x00]);
        let mut tcp = etherparse::TcpHeader::new(sport, dport, 1, 1024);
        tcp.syn = syn;
        tcp.ack = ack;
        let ip = etherparse::Ipv4Header::new(
            tcp.header_len() as u16,
            64,
            etherparse::IpNumber::TCP,
            src,
            dst,
        )
        .unwrap();
        ip.write(&mut f).unwrap();
        tcp.write(&mut f).unwrap();
        f
    }

    #[test]
    fn remote_sessions_are_followed_with_their_times() {
        let mut l = Learner::new();
        let pc = [0, 0x16, 0x3e, 0, 0, 5];
        let gw = [0, 0x16, 0x3e, 0, 0, 1];
        let t0: DateTime<Utc> = "2026-12-04T02:00:00Z".parse().unwrap();
        let t1: DateTime<Utc> = "2026-12-04T02:30:00Z".parse().unwrap();
        l.frame(Linktype::ETHERNET, &arp_frame(pc, [198, 18, 0, 5]), t0);
        l.frame(Linktype::ETHERNET, &arp_frame(gw, [198, 18, 0, 1]), t0);
        // From outside (via the router's MAC) to the PC's RDP, answered.
        l.frame(
            Linktype::ETHERNET,
            &tcp_frame(
                gw,
                [203, 0, 113, 9],
                [198, 18, 0, 5],
                50000,
                3389,
                true,
                false,
            ),
            t0,
        );
        l.frame(
            Linktype::ETHERNET,
            &tcp_frame(
                pc,
                [198, 18, 0, 5],
                [203, 0, 113, 9],
                3389,
                50000,
                true,
                true,
            ),
            t0,
        );
        l.frame(
            Linktype::ETHERNET,
            &tcp_frame(
                gw,
                [203, 0, 113, 9],
                [198, 18, 0, 5],
                50000,
                3389,
                false,
                true,
            ),
            t1,
        );
        // An unanswered SYN to VNC: not a session.
        l.frame(
            Linktype::ETHERNET,
            &tcp_frame(
                gw,
                [203, 0, 113, 9],
                [198, 18, 0, 5],
                50001,
                5900,
                true,
                false,
            ),
            t1,
        );
        let (hosts, details) = l.finish().hosts.finish();
        let pc_host = hosts
            .iter()
            .find(|h| h.ip.to_string() == "198.18.0.5")
            .unwrap();
        assert_eq!(
            pc_host.ports.iter().map(|p| p.port).collect::<Vec<_>>(),
            vec![3389]
        );
        let sessions: Vec<_> = details
            .iter()
            .filter(|d| matches!(d.fact, Fact::RemoteSession { .. }))
            .collect();
        assert_eq!(sessions.len(), 1);
        match &sessions[0].fact {
            Fact::RemoteSession {
                service,
                outside_peer,
                first,
                last,
                client,
                ..
            } => {
                assert_eq!(service, "RDP");
                assert!(*outside_peer);
                assert_eq!((*first, *last), (t0, t1));
                assert_eq!(client.to_string(), "203.0.113.9");
            }
            f => panic!("{f:?}"),
        }
    }

    #[test]
    fn hostile_captures_never_panic() {
        // A valid header, then garbage, cut records, absurd lengths.
        let mut f = vec![0xd4, 0xc3, 0xb2, 0xa1, 2, 0, 4, 0];
        f.extend_from_slice(&[0; 8]);
        f.extend_from_slice(&65535u32.to_le_bytes());
        f.extend_from_slice(&1u32.to_le_bytes());
        let header = f.clone();
        let frame = arp_frame([0, 0x16, 0x3e, 0, 0, 1], [198, 18, 0, 5]);
        f.extend_from_slice(&[1, 0, 0, 0, 0, 0, 0, 0]);
        f.extend_from_slice(&(frame.len() as u32).to_le_bytes());
        f.extend_from_slice(&(frame.len() as u32).to_le_bytes());
        f.extend_from_slice(&frame);
        let p = read(&f[..]).unwrap();
        assert!(!p.partial);
        assert_eq!(p.hosts.len(), 1);
        for cut in header.len()..f.len() {
            let p = read(&f[..cut]).unwrap();
            assert!(p.partial || cut == header.len(), "{cut}");
        }
        let mut huge = header.clone();
        huge.extend_from_slice(&[0; 8]);
        huge.extend_from_slice(&u32::MAX.to_le_bytes());
        huge.extend_from_slice(&u32::MAX.to_le_bytes());
        let _ = read(&huge[..]);
        assert!(read(&b"not a capture at all"[..]).is_err());
        // Every link type's decoder on every prefix of a frame.
        let mut l = Learner::new();
        for lt in [
            Linktype::ETHERNET,
            Linktype::LINUX_SLL,
            Linktype::LINUX_SLL2,
        ] {
            for n in 0..frame.len() {
                l.frame(lt, &frame[..n], Utc::now());
            }
        }
    }

    fn ip_frame(
        src_mac: [u8; 6],
        src: [u8; 4],
        dst: [u8; 4],
        transport: etherparse::TransportHeader,
        payload: &[u8],
    ) -> Vec<u8> {
        let mut f = vec![0, 0x16, 0x3e, 0xee, 0xee, 0xee];
        f.extend_from_slice(&src_mac);
        f.extend_from_slice(&[0x08, 0x00]);
        let (proto, len) = match &transport {
            etherparse::TransportHeader::Udp(_) => (etherparse::IpNumber::UDP, 8),
            etherparse::TransportHeader::Tcp(t) => (etherparse::IpNumber::TCP, t.header_len()),
            _ => unreachable!(),
        };
        let ip =
            etherparse::Ipv4Header::new((len + payload.len()) as u16, 64, proto, src, dst).unwrap();
        ip.write(&mut f).unwrap();
        match transport {
            etherparse::TransportHeader::Udp(mut u) => {
                u.length = (8 + payload.len()) as u16;
                u.write(&mut f).unwrap();
            }
            etherparse::TransportHeader::Tcp(t) => t.write(&mut f).unwrap(),
            _ => unreachable!(),
        }
        f.extend_from_slice(payload);
        f
    }

    fn udp(sport: u16, dport: u16) -> etherparse::TransportHeader {
        etherparse::TransportHeader::Udp(etherparse::UdpHeader {
            source_port: sport,
            destination_port: dport,
            length: 0,
            checksum: 0,
        })
    }

    fn tcp(sport: u16, dport: u16, ack: bool) -> etherparse::TransportHeader {
        let mut t = etherparse::TcpHeader::new(sport, dport, 1, 1024);
        t.ack = ack;
        t.psh = true;
        etherparse::TransportHeader::Tcp(t)
    }

    fn sessions(p: Parsed) -> Vec<Fact> {
        let (_, details) = p.hosts.finish();
        details
            .into_iter()
            .filter(|d| matches!(d.fact, Fact::RemoteSession { .. }))
            .map(|d| d.fact)
            .collect()
    }

    #[test]
    fn ike_between_two_port_500s_is_one_answered_session() {
        let mut l = Learner::new();
        let gw = [0, 0x16, 0x3e, 0, 0, 1];
        let vpn = [0, 0x16, 0x3e, 0, 0, 7];
        let t0: DateTime<Utc> = "2026-12-04T01:00:00Z".parse().unwrap();
        let t1: DateTime<Utc> = "2026-12-04T01:05:00Z".parse().unwrap();
        l.frame(Linktype::ETHERNET, &arp_frame(vpn, [198, 18, 0, 7]), t0);
        l.frame(Linktype::ETHERNET, &arp_frame(gw, [198, 18, 0, 1]), t0);
        let out = [198, 19, 0, 9];
        let lan = [198, 18, 0, 7];
        l.frame(
            Linktype::ETHERNET,
            &ip_frame(gw, out, lan, udp(500, 500), &[0; 28]),
            t0,
        );
        l.frame(
            Linktype::ETHERNET,
            &ip_frame(vpn, lan, out, udp(500, 500), &[0; 28]),
            t0,
        );
        l.frame(
            Linktype::ETHERNET,
            &ip_frame(gw, out, lan, udp(4500, 4500), &[0; 28]),
            t1,
        );
        l.frame(
            Linktype::ETHERNET,
            &ip_frame(vpn, lan, out, udp(4500, 4500), &[0; 28]),
            t1,
        );
        let s = sessions(l.finish());
        assert_eq!(s.len(), 2, "{s:?}");
        for (f, port, when) in [(&s[0], 500, t0), (&s[1], 4500, t1)] {
            match f {
                Fact::RemoteSession {
                    service,
                    proto,
                    port: p,
                    server,
                    client,
                    outside_peer,
                    first,
                    last,
                } => {
                    assert_eq!((service.as_str(), *proto, *p), ("IKE", Proto::Udp, port));
                    assert_eq!(
                        server.to_string(),
                        "198.18.0.7",
                        "the initiator is the client"
                    );
                    assert_eq!(client.to_string(), "198.19.0.9");
                    assert!(*outside_peer);
                    assert_eq!((*first, *last), (when, when));
                }
                f => panic!("{f:?}"),
            }
        }
    }

    #[test]
    fn ssl_vpn_is_a_client_hello_from_outside_to_a_lan_host() {
        let mut l = Learner::new();
        let gw = [0, 0x16, 0x3e, 0, 0, 1];
        let fw = [0, 0x16, 0x3e, 0, 0, 2];
        let pc = [0, 0x16, 0x3e, 0, 0, 5];
        let t0: DateTime<Utc> = "2026-12-04T03:00:00Z".parse().unwrap();
        let t1: DateTime<Utc> = "2026-12-04T03:40:00Z".parse().unwrap();
        for (m, ip) in [
            (gw, [198, 18, 0, 1]),
            (fw, [198, 18, 0, 2]),
            (pc, [198, 18, 0, 5]),
        ] {
            l.frame(Linktype::ETHERNET, &arp_frame(m, ip), t0);
        }
        let hello = [
            0x16, 0x03, 0x01, 0x00, 0xf0, 0x01, 0x00, 0x00, 0xec, 0x03, 0x03,
        ];
        let outside = [203, 0, 113, 50];
        // From outside to the firewall's 8443: a ClientHello, answered, later data.
        let f = ip_frame(gw, outside, [198, 18, 0, 2], tcp(40000, 8443, true), &hello);
        l.frame(Linktype::ETHERNET, &f, t0);
        let f = ip_frame(
            fw,
            [198, 18, 0, 2],
            outside,
            tcp(8443, 40000, true),
            &[0x16, 3, 3, 0, 9, 2],
        );
        l.frame(Linktype::ETHERNET, &f, t0);
        let f = ip_frame(
            gw,
            outside,
            [198, 18, 0, 2],
            tcp(40000, 8443, true),
            &[0x17, 3, 3, 0, 1, 0],
        );
        l.frame(Linktype::ETHERNET, &f, t1);
        // The PC browsing a web site outside: not remote access.
        let f = ip_frame(pc, [198, 18, 0, 5], outside, tcp(50000, 443, true), &hello);
        l.frame(Linktype::ETHERNET, &f, t0);
        let f = ip_frame(
            gw,
            outside,
            [198, 18, 0, 5],
            tcp(443, 50000, true),
            &[0x16, 3, 3, 0, 9, 2],
        );
        l.frame(Linktype::ETHERNET, &f, t0);
        // From outside to the PC's 443 without a ClientHello (plain HTTP): not TLS.
        let f = ip_frame(
            gw,
            outside,
            [198, 18, 0, 5],
            tcp(40001, 443, true),
            b"GET / HTTP/1.1\r\n",
        );
        l.frame(Linktype::ETHERNET, &f, t0);
        let s = sessions(l.finish());
        assert_eq!(s.len(), 1, "{s:?}");
        match &s[0] {
            Fact::RemoteSession {
                service,
                port,
                server,
                client,
                outside_peer,
                first,
                last,
                ..
            } => {
                assert_eq!((service.as_str(), *port), ("SSL-VPN", 8443));
                assert_eq!(server.to_string(), "198.18.0.2");
                assert_eq!(client.to_string(), "203.0.113.50");
                assert!(*outside_peer);
                assert_eq!((*first, *last), (t0, t1));
            }
            f => panic!("{f:?}"),
        }
    }

    #[test]
    fn a_cdp_or_lldp_neighbour_that_says_router_is_possible_evidence() {
        use crate::inventory::evidence::Confidence;
        let mut l = Learner::new();
        let t = Utc::now();
        let sw = [0, 0x16, 0x3e, 0, 0, 2];
        let ph = [0, 0x16, 0x3e, 0, 0, 3];
        l.frame(Linktype::ETHERNET, &arp_frame(sw, [198, 18, 0, 2]), t);
        l.frame(Linktype::ETHERNET, &arp_frame(ph, [198, 18, 0, 3]), t);
        // Router + switch + IGMP; a phone (host + phone bits) says no router.
        l.frame(Linktype::ETHERNET, &wire::tests::cdp_frame(sw, 0x29), t);
        l.frame(Linktype::ETHERNET, &wire::tests::cdp_frame(ph, 0x90), t);
        let snap = l.finish().into_snapshot(t, "cdp.pcap");
        let h = |ip: &str| snap.hosts.iter().find(|h| h.ip.to_string() == ip).unwrap();
        assert_eq!(
            h("198.18.0.2").external,
            vec![ExternalEvidence::SaysRouter { via: "cdp".into() }]
        );
        assert_eq!(
            Confidence::of(&h("198.18.0.2").external),
            Some(Confidence::Possible)
        );
        assert!(h("198.18.0.3").external.is_empty());
        assert_eq!(
            h("198.18.0.2").hostname.as_deref(),
            Some("core-sw1.hosp.local")
        );
        assert!(snap.details.iter().any(|d| matches!(
            &d.fact,
            Fact::Cdp { platform: Some(p), port_id: Some(port), .. }
                if p == "cisco WS-C2960X-48TS-L" && port == "GigabitEthernet1/0/24"
        )));
        // An LLDP neighbour with the router capability enabled: the same.
        let mut l = Learner::new();
        l.frame(Linktype::ETHERNET, &arp_frame(sw, [198, 18, 0, 2]), t);
        let mut f = vec![0x01, 0x80, 0xc2, 0, 0, 0x0e];
        f.extend_from_slice(&sw);
        f.extend_from_slice(&[0x88, 0xcc]);
        let tlv = |b: &mut Vec<u8>, t: u16, v: &[u8]| {
            b.extend_from_slice(&((t << 9) | v.len() as u16).to_be_bytes());
            b.extend_from_slice(v);
        };
        tlv(&mut f, 1, &[4, 0, 0x16, 0x3e, 0, 0, 2]);
        tlv(&mut f, 5, b"edge-rt");
        tlv(&mut f, 7, &[0, 0x14, 0, 0x10]);
        tlv(&mut f, 0, &[]);
        l.frame(Linktype::ETHERNET, &f, t);
        let snap = l.finish().into_snapshot(t, "lldp.pcap");
        assert_eq!(
            snap.hosts[0].external,
            vec![ExternalEvidence::SaysRouter { via: "lldp".into() }]
        );
        // More seen (it forwards outside traffic): confirmed, not possible.
        let both = [
            ExternalEvidence::SaysRouter { via: "lldp".into() },
            ExternalEvidence::Forwards {
                outside: vec![],
                count: 3,
            },
        ];
        assert_eq!(Confidence::of(&both), Some(Confidence::Confirmed));
    }

    #[test]
    fn every_remote_access_service_names_server_peer_and_times() {
        let pc = [0, 0x16, 0x3e, 0, 0, 5];
        let gw = [0, 0x16, 0x3e, 0, 0, 1];
        let t0: DateTime<Utc> = "2026-12-04T02:00:00Z".parse().unwrap();
        let t1: DateTime<Utc> = "2026-12-04T02:10:00Z".parse().unwrap();
        let lan = [198, 18, 0, 5];
        let out = [203, 0, 113, 9];
        for (service, proto, port) in [
            ("VNC", Proto::Tcp, 5901),
            ("AnyDesk", Proto::Tcp, 7070),
            ("TeamViewer", Proto::Tcp, 5938),
            ("TeamViewer", Proto::Udp, 5938),
            ("OpenVPN", Proto::Tcp, 1194),
            ("OpenVPN", Proto::Udp, 1194),
            ("SSL-VPN", Proto::Tcp, 10443),
        ] {
            // Inbound (outside client, LAN server) and outbound (LAN
            // client to a server outside, as TeamViewer and AnyDesk do).
            for inbound in [true, false] {
                let mut l = Learner::new();
                l.frame(Linktype::ETHERNET, &arp_frame(pc, lan), t0);
                l.frame(Linktype::ETHERNET, &arp_frame(gw, [198, 18, 0, 1]), t0);
                let (c_mac, c, s_mac, s) = if inbound {
                    (gw, out, pc, lan)
                } else {
                    (pc, lan, gw, out)
                };
                let frames = match proto {
                    Proto::Tcp => vec![
                        (tcp_frame(c_mac, c, s, 41000, port, true, false), t0),
                        (tcp_frame(s_mac, s, c, port, 41000, true, true), t0),
                        (tcp_frame(c_mac, c, s, 41000, port, false, true), t1),
                    ],
                    Proto::Udp => vec![
                        (ip_frame(c_mac, c, s, udp(41000, port), &[1; 20]), t0),
                        (ip_frame(s_mac, s, c, udp(port, 41000), &[2; 20]), t1),
                    ],
                };
                for (f, t) in frames {
                    l.frame(Linktype::ETHERNET, &f, t);
                }
                let (_, details) = l.finish().hosts.finish();
                let got: Vec<_> = details
                    .iter()
                    .filter(|d| matches!(d.fact, Fact::RemoteSession { .. }))
                    .collect();
                assert_eq!(got.len(), 1, "{service} {proto:?} {inbound}");
                let d = got[0];
                assert_eq!(d.ip.unwrap().to_string(), "198.18.0.5", "the LAN side");
                match &d.fact {
                    Fact::RemoteSession {
                        service: sv,
                        proto: pr,
                        port: po,
                        server,
                        client,
                        outside_peer,
                        first,
                        last,
                    } => {
                        assert_eq!((sv.as_str(), *pr, *po), (service, proto, port));
                        assert_eq!(*server, IpAddr::from(s), "{service}");
                        assert_eq!(*client, IpAddr::from(c), "{service}");
                        assert!(*outside_peer);
                        assert_eq!((*first, *last), (t0, t1), "{service}");
                    }
                    f => panic!("{f:?}"),
                }
            }
        }
    }
}
