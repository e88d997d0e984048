//! Checked decoders for what a capture teaches: link layers (Ethernet with
//! 802.1Q/802.1ad tags, 802.2 LLC/SNAP, Linux cooked capture v1 and v2),
//! ARP, DHCP, LLDP, CDP, DNS answers (mDNS, LLMNR), NetBIOS names, SSDP,
//! TLS ClientHello (the record header only), DICOM and HL7 names.
//!
//! Every decoder takes hostile bytes and returns `None` (or nothing) rather
//! than panicking; every length is checked before it is used, and only
//! the named fields are kept, never a payload.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

use super::text;
use crate::mac::MacAddr;
pub use crate::scan::wire::arp::{ArpOp, ArpRepr};

/// EtherType of IPv4.
pub const ETHERTYPE_IPV4: u16 = 0x0800;
/// EtherType of ARP.
pub const ETHERTYPE_ARP: u16 = 0x0806;
/// EtherType of IPv6.
pub const ETHERTYPE_IPV6: u16 = 0x86dd;
/// EtherType of LLDP.
pub const ETHERTYPE_LLDP: u16 = 0x88cc;
/// What [`Link::ethertype`] says for CDP, which has no EtherType: an 802.3
/// frame with LLC/SNAP, Cisco's OUI 00-00-0C and protocol id 0x2000. A
/// value below 0x0600 is an 802.3 length, never a real EtherType, so it
/// cannot be mistaken for one.
pub const ETHERTYPE_CDP: u16 = 0x0000;
/// Linux cooked capture's protocol for an 802.2 LLC frame (`ETH_P_802_2`).
const SLL_802_2: u16 = 0x0004;

/// A frame's link layer: source MAC (if the link layer has one), EtherType
/// and what follows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Link<'a> {
    /// Source MAC.
    pub src: Option<MacAddr>,
    /// Destination MAC (Ethernet only).
    pub dst: Option<MacAddr>,
    /// Innermost 802.1Q VLAN id, if tagged.
    pub vlan: Option<u16>,
    /// EtherType of the payload.
    pub ethertype: u16,
    /// The payload.
    pub payload: &'a [u8],
}

fn be16(b: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_be_bytes([*b.get(at)?, *b.get(at + 1)?]))
}

fn mac_at(b: &[u8], at: usize) -> Option<MacAddr> {
    let s: [u8; 6] = b.get(at..at + 6)?.try_into().ok()?;
    Some(MacAddr::new(s))
}

/// Most VLAN tags read in one frame.
const MAX_TAGS: usize = 4;

fn untag(b: &[u8], mut at: usize, mut ethertype: u16) -> Option<(Option<u16>, u16, usize)> {
    let mut vlan = None;
    for _ in 0..MAX_TAGS {
        if !matches!(ethertype, 0x8100 | 0x88a8 | 0x9100) {
            break;
        }
        vlan = Some(be16(b, at)? & 0x0fff);
        ethertype = be16(b, at + 2)?;
        at += 4;
    }
    Some((vlan, ethertype, at))
}

/// An Ethernet II frame (802.3 length frames other than LLC are skipped).
pub fn ethernet(b: &[u8]) -> Option<Link<'_>> {
    let dst = mac_at(b, 0)?;
    let src = mac_at(b, 6)?;
    let (vlan, ethertype, at) = untag(b, 14, be16(b, 12)?)?;
    let (ethertype, payload) = if ethertype < 0x0600 {
        // 802.3: a length, then LLC; the frame may be padded past it.
        let llc = b.get(at..)?;
        llc_snap(llc.get(..usize::from(ethertype)).unwrap_or(llc))?
    } else {
        (ethertype, b.get(at..)?)
    };
    Some(Link {
        src: Some(src),
        dst: Some(dst),
        vlan,
        ethertype,
        payload,
    })
}

/// The protocol of an 802.2 LLC frame with a SNAP header, and what
/// follows: the EtherType for OUI 00-00-00 (RFC 1042), [`ETHERTYPE_CDP`]
/// for Cisco's CDP; `None` for any other LLC frame (STP, …: not read).
fn llc_snap(b: &[u8]) -> Option<(u16, &[u8])> {
    if b.get(..3)? != [0xaa, 0xaa, 0x03] {
        return None;
    }
    let pid = be16(b, 6)?;
    let rest = b.get(8..)?;
    match (b.get(3..6)?, pid) {
        ([0, 0, 0], p) if p >= 0x0600 => Some((p, rest)),
        ([0, 0, 0x0c], 0x2000) => Some((ETHERTYPE_CDP, rest)),
        _ => None,
    }
}

/// A cooked capture's protocol and payload, LLC/SNAP read as on Ethernet.
fn cooked(proto: u16, payload: &[u8]) -> Option<(u16, &[u8])> {
    if proto == SLL_802_2 {
        llc_snap(payload)
    } else {
        Some((proto, payload))
    }
}

fn sll_src(hatype: u16, halen: usize, addr: &[u8]) -> Option<MacAddr> {
    // Ethernet-like devices only (ARPHRD_ETHER, loopback's zero address is not a host).
    (hatype == 1 && halen == 6)
        .then(|| mac_at(addr, 0))
        .flatten()
}

/// A Linux cooked capture (v1, `tcpdump -i any` before libpcap 1.10).
pub fn sll(b: &[u8]) -> Option<Link<'_>> {
    let hatype = be16(b, 2)?;
    let halen = usize::from(be16(b, 4)?);
    let addr = b.get(6..14)?;
    let (vlan, ethertype, at) = untag(b, 16, be16(b, 14)?)?;
    let (ethertype, payload) = cooked(ethertype, b.get(at..)?)?;
    Some(Link {
        src: sll_src(hatype, halen, addr),
        dst: None,
        vlan,
        ethertype,
        payload,
    })
}

/// A Linux cooked capture v2 (`tcpdump -i any` with libpcap 1.10 and later).
pub fn sll2(b: &[u8]) -> Option<Link<'_>> {
    let proto = be16(b, 0)?;
    let hatype = be16(b, 8)?;
    let halen = usize::from(*b.get(11)?);
    let addr = b.get(12..20)?;
    let (vlan, ethertype, at) = untag(b, 20, proto)?;
    let (ethertype, payload) = cooked(ethertype, b.get(at..)?)?;
    Some(Link {
        src: sll_src(hatype, halen, addr),
        dst: None,
        vlan,
        ethertype,
        payload,
    })
}

/// An ARP packet (IPv4 over Ethernet only).
pub fn arp(b: &[u8]) -> Option<ArpRepr> {
    ArpRepr::parse(b).ok()
}

/// What a DHCP message says.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Dhcp {
    /// Message type (option 53): 1 discover … 5 ack.
    pub msg_type: Option<u8>,
    /// True for a server's message (BOOTREPLY).
    pub reply: bool,
    /// Client hardware address.
    pub chaddr: Option<MacAddr>,
    /// Address assigned (yiaddr).
    pub yiaddr: Option<Ipv4Addr>,
    /// Client's own address (ciaddr).
    pub ciaddr: Option<Ipv4Addr>,
    /// Requested address (option 50).
    pub requested: Option<Ipv4Addr>,
    /// Host name (option 12).
    pub hostname: Option<String>,
    /// Vendor class (option 60).
    pub vendor_class: Option<String>,
    /// Client identifier (option 61), hex.
    pub client_id: Option<String>,
    /// Parameter-request list (option 55), `1,3,6`.
    pub parameter_list: Option<String>,
    /// Routers handed out (option 3).
    pub routers: Vec<Ipv4Addr>,
    /// Subnet mask handed out (option 1).
    pub subnet_mask: Option<Ipv4Addr>,
    /// Server identifier (option 54).
    pub server_id: Option<Ipv4Addr>,
}

fn hex_colon(b: &[u8]) -> String {
    let s: Vec<String> = b.iter().take(64).map(|x| format!("{x:02x}")).collect();
    s.join(":")
}

fn nonzero(ip: Ipv4Addr) -> Option<Ipv4Addr> {
    (!ip.is_unspecified()).then_some(ip)
}

/// Most routers kept from option 3.
const MAX_ROUTERS: usize = 8;

fn ipv4_at(b: &[u8], at: usize) -> Option<Ipv4Addr> {
    let o: [u8; 4] = b.get(at..at + 4)?.try_into().ok()?;
    Some(Ipv4Addr::from(o))
}

/// Most options read from one DHCP message.
const MAX_OPTIONS: usize = 128;

/// A DHCP message (the UDP payload on port 67 or 68), decoded by hand with
/// every length checked (dhcproto 0.12 panics on some hostile options, a
/// classless route with a prefix over 32 among them).
pub fn dhcp(b: &[u8]) -> Option<Dhcp> {
    let op = *b.first()?;
    let hlen = *b.get(2)?;
    if b.get(236..240)? != [0x63, 0x82, 0x53, 0x63] || !(op == 1 || op == 2) {
        return None;
    }
    let mut d = Dhcp {
        reply: op == 2,
        chaddr: (*b.get(1)? == 1 && hlen == 6)
            .then(|| mac_at(b, 28))
            .flatten(),
        ciaddr: ipv4_at(b, 12).and_then(nonzero),
        yiaddr: ipv4_at(b, 16).and_then(nonzero),
        ..Dhcp::default()
    };
    let mut at = 240;
    for _ in 0..MAX_OPTIONS {
        let Some(&code) = b.get(at) else { break };
        match code {
            0 => {
                at += 1;
                continue;
            }
            255 => break,
            _ => {}
        }
        let len = usize::from(*b.get(at + 1)?);
        let v = b.get(at + 2..at + 2 + len)?;
        at += 2 + len;
        match code {
            1 if len == 4 => d.subnet_mask = ipv4_at(v, 0),
            3 => {
                d.routers = v
                    .chunks_exact(4)
                    .take(MAX_ROUTERS)
                    .filter_map(|c| ipv4_at(c, 0))
                    .collect()
            }
            12 => d.hostname = text::value(&String::from_utf8_lossy(v)),
            50 if len == 4 => d.requested = ipv4_at(v, 0).and_then(nonzero),
            53 if len == 1 => d.msg_type = Some(v[0]),
            54 if len == 4 => d.server_id = ipv4_at(v, 0).and_then(nonzero),
            55 => {
                let codes: Vec<String> = v.iter().map(|c| c.to_string()).collect();
                d.parameter_list = (!codes.is_empty()).then(|| codes.join(","));
            }
            60 => d.vendor_class = text::value(&String::from_utf8_lossy(v)),
            61 => d.client_id = (!v.is_empty()).then(|| hex_colon(v)),
            _ => {}
        }
    }
    Some(d)
}

/// What an LLDP frame says about its sender.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Lldp {
    /// Chassis id (MAC as text, or the id's bytes as text).
    pub chassis_id: Option<String>,
    /// Port id.
    pub port_id: Option<String>,
    /// System name.
    pub system_name: Option<String>,
    /// System description.
    pub system_description: Option<String>,
    /// Enabled capabilities, by name (`bridge`, `router`, …).
    pub capabilities: Vec<&'static str>,
    /// Management address.
    pub management: Option<IpAddr>,
}

const CAPS: [&str; 11] = [
    "other",
    "repeater",
    "bridge",
    "wlan-ap",
    "router",
    "telephone",
    "docsis",
    "station",
    "c-vlan",
    "s-vlan",
    "tpmr",
];

fn tlv_text(v: &[u8]) -> Option<String> {
    text::value(&String::from_utf8_lossy(v))
}

fn id_text(v: &[u8]) -> Option<String> {
    // Subtype byte, then the id: a MAC (subtype 4 chassis / 3 port) as a MAC.
    let (&sub, id) = v.split_first()?;
    if id.len() == 6 && (sub == 4 || sub == 3) {
        return mac_at(id, 0).map(|m| m.to_string());
    }
    tlv_text(id)
}

/// An LLDP frame's TLVs (the EtherType 0x88cc payload).
pub fn lldp(mut b: &[u8]) -> Option<Lldp> {
    let mut out = Lldp::default();
    let mut tlvs = 0;
    while b.len() >= 2 && tlvs < 64 {
        tlvs += 1;
        let head = u16::from_be_bytes([b[0], b[1]]);
        let (kind, len) = (head >> 9, usize::from(head & 0x01ff));
        let v = b.get(2..2 + len)?;
        b = &b[2 + len..];
        match kind {
            0 => break,
            1 => out.chassis_id = id_text(v),
            2 => out.port_id = id_text(v),
            5 => out.system_name = tlv_text(v),
            6 => out.system_description = tlv_text(v),
            7 if v.len() >= 4 => {
                let enabled = u16::from_be_bytes([v[2], v[3]]);
                out.capabilities = CAPS
                    .iter()
                    .enumerate()
                    .filter(|(i, _)| enabled & (1 << i) != 0)
                    .map(|(_, n)| *n)
                    .collect();
            }
            8 if out.management.is_none() => {
                // addr-len (subtype + address), subtype (1 IPv4, 2 IPv6), address.
                let alen = usize::from(*v.first()?);
                let sub = *v.get(1)?;
                let a = v.get(2..1 + alen)?;
                out.management = match (sub, a.len()) {
                    (1, 4) => Some(IpAddr::V4(Ipv4Addr::new(a[0], a[1], a[2], a[3]))),
                    (2, 16) => {
                        let o: [u8; 16] = a.try_into().ok()?;
                        Some(IpAddr::V6(Ipv6Addr::from(o)))
                    }
                    _ => None,
                };
            }
            _ => {}
        }
    }
    (out.chassis_id.is_some() || out.system_name.is_some()).then_some(out)
}

/// What a CDP frame says about its sender.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Cdp {
    /// Device id (TLV 1): the system's name.
    pub device_id: Option<String>,
    /// Port id (TLV 3): the sender's port.
    pub port_id: Option<String>,
    /// Software version (TLV 5), its first line.
    pub software: Option<String>,
    /// Platform (TLV 6): the model.
    pub platform: Option<String>,
    /// Capabilities (TLV 4), by name (`router`, `switch`, …).
    pub capabilities: Vec<&'static str>,
    /// Management address (TLV 0x16), else the first address (TLV 2).
    pub management: Option<IpAddr>,
}

/// CDP capability bits, lowest first.
const CDP_CAPS: [&str; 11] = [
    "router",
    "trans-bridge",
    "source-route-bridge",
    "switch",
    "host",
    "igmp",
    "repeater",
    "phone",
    "remote",
    "cvta",
    "two-port-mac-relay",
];

/// Most TLVs read from one CDP frame.
const MAX_CDP_TLVS: usize = 64;

/// The first IPv4 or IPv6 address of a CDP address list (TLV 2 or 0x16):
/// count (4), then per address protocol type, length, protocol, address
/// length, address.
fn cdp_address(v: &[u8]) -> Option<IpAddr> {
    let count = u32::from_be_bytes(v.get(..4)?.try_into().ok()?);
    let mut at = 4;
    for _ in 0..count.min(8) {
        let ptype = *v.get(at)?;
        let plen = usize::from(*v.get(at + 1)?);
        let proto = v.get(at + 2..at + 2 + plen)?;
        let alen = usize::from(be16(v, at + 2 + plen)?);
        let a = v.get(at + 4 + plen..at + 4 + plen + alen)?;
        at += 4 + plen + alen;
        match (ptype, proto, alen) {
            // NLPID 0xCC: IPv4.
            (1, [0xcc], 4) => return Some(IpAddr::V4(Ipv4Addr::new(a[0], a[1], a[2], a[3]))),
            // 802.2 with the IPv6 EtherType.
            (2, [0xaa, 0xaa, 0x03, 0, 0, 0, 0x86, 0xdd], 16) => {
                let o: [u8; 16] = a.try_into().ok()?;
                return Some(IpAddr::V6(Ipv6Addr::from(o)));
            }
            _ => {}
        }
    }
    None
}

/// A CDP frame (what follows the SNAP header, [`ETHERTYPE_CDP`]): version,
/// TTL, checksum, then TLVs (type, length counting the 4-byte header).
pub fn cdp(b: &[u8]) -> Option<Cdp> {
    if !matches!(*b.first()?, 1 | 2) {
        return None;
    }
    let mut out = Cdp::default();
    let mut first_address = None;
    let mut at = 4;
    for _ in 0..MAX_CDP_TLVS {
        let (Some(kind), Some(len)) = (be16(b, at), be16(b, at + 2)) else {
            break;
        };
        let len = usize::from(len);
        if len < 4 {
            break;
        }
        // A TLV running past the end (padding of a cooked frame): stop there.
        let Some(v) = b.get(at + 4..at + len) else {
            break;
        };
        at += len;
        match kind {
            0x01 => out.device_id = tlv_text(v),
            0x02 if first_address.is_none() => first_address = cdp_address(v),
            0x03 => out.port_id = tlv_text(v),
            0x04 if v.len() >= 4 => {
                let bits = u32::from_be_bytes([v[0], v[1], v[2], v[3]]);
                out.capabilities = CDP_CAPS
                    .iter()
                    .enumerate()
                    .filter(|(i, _)| bits & (1 << i) != 0)
                    .map(|(_, n)| *n)
                    .collect();
            }
            0x05 => {
                let first = v.split(|&c| c == b'\n' || c == b'\r').next().unwrap_or(v);
                out.software = tlv_text(first);
            }
            0x06 => out.platform = tlv_text(v),
            0x16 if out.management.is_none() => out.management = cdp_address(v),
            _ => {}
        }
    }
    out.management = out.management.or(first_address);
    (out.device_id.is_some() || out.port_id.is_some()).then_some(out)
}

/// True if a TCP payload starts with a TLS handshake record holding a
/// ClientHello (record type 22, version 3.x, handshake type 1): the
/// opening of a TLS session, SSL-VPN among them. Nothing else is read.
pub fn tls_client_hello(b: &[u8]) -> bool {
    matches!(
        (b.first(), b.get(1), b.get(2), b.get(5)),
        (Some(0x16), Some(3), Some(0..=4), Some(1))
    ) && be16(b, 3).is_some_and(|len| (4..=18_432).contains(&len))
}

/// Most labels followed in one DNS name (compression loops end here).
const MAX_LABELS: usize = 64;

fn dns_name(msg: &[u8], mut at: usize) -> Option<(String, usize)> {
    let mut name = String::new();
    let mut end = None;
    for _ in 0..MAX_LABELS {
        let len = *msg.get(at)?;
        match len {
            0 => {
                return Some((name, end.unwrap_or(at + 1)));
            }
            l if l & 0xc0 == 0xc0 => {
                let ptr = usize::from(u16::from_be_bytes([l & 0x3f, *msg.get(at + 1)?]));
                end.get_or_insert(at + 2);
                if ptr >= at {
                    return None;
                }
                at = ptr;
            }
            l if l & 0xc0 == 0 => {
                let label = msg.get(at + 1..at + 1 + usize::from(l))?;
                if !name.is_empty() {
                    name.push('.');
                }
                name.push_str(&String::from_utf8_lossy(label));
                if name.len() > 255 {
                    return None;
                }
                at += 1 + usize::from(l);
            }
            _ => return None,
        }
    }
    None
}

/// Most answers read from one DNS message.
const MAX_ANSWERS: usize = 32;

/// The A records among a DNS message's answers and additional records
/// (mDNS and LLMNR responses): (name, address).
pub fn dns_a_records(msg: &[u8]) -> Vec<(String, Ipv4Addr)> {
    let mut out = Vec::new();
    let Some(flags) = be16(msg, 2) else {
        return out;
    };
    if flags & 0x8000 == 0 {
        return out; // a query
    }
    let (Some(qd), Some(an), Some(ns), Some(ar)) =
        (be16(msg, 4), be16(msg, 6), be16(msg, 8), be16(msg, 10))
    else {
        return out;
    };
    let mut at = 12;
    for _ in 0..qd.min(16) {
        let Some((_, next)) = dns_name(msg, at) else {
            return out;
        };
        at = next + 4;
    }
    let records = usize::from(an) + usize::from(ns) + usize::from(ar);
    for _ in 0..records.min(MAX_ANSWERS) {
        let Some((name, next)) = dns_name(msg, at) else {
            return out;
        };
        let (Some(rtype), Some(rdlen)) = (be16(msg, next), be16(msg, next + 8)) else {
            return out;
        };
        let rdata_at = next + 10;
        let Some(rdata) = msg.get(rdata_at..rdata_at + usize::from(rdlen)) else {
            return out;
        };
        if rtype == 1 && rdata.len() == 4 {
            if let Some(n) = text::value(&name) {
                out.push((n, Ipv4Addr::new(rdata[0], rdata[1], rdata[2], rdata[3])));
            }
        }
        at = rdata_at + usize::from(rdlen);
    }
    out
}

/// The NetBIOS name of a name-service registration or positive response
/// (UDP 137): the first-level decoded name, trailing spaces and the
/// suffix byte dropped.
pub fn nbns_name(msg: &[u8]) -> Option<String> {
    let flags = be16(msg, 2)?;
    let opcode = (flags >> 11) & 0x0f;
    // Registration (5), refresh (8/9), or a positive query response.
    let response = flags & 0x8000 != 0;
    if !(opcode == 5 || opcode == 8 || opcode == 9 || (response && opcode == 0)) {
        return None;
    }
    let at = 12;
    if *msg.get(at)? != 32 {
        return None;
    }
    let enc = msg.get(at + 1..at + 33)?;
    let mut name = Vec::with_capacity(16);
    for pair in enc.chunks(2) {
        let (a, b) = (pair[0].wrapping_sub(b'A'), pair[1].wrapping_sub(b'A'));
        if a > 15 || b > 15 {
            return None;
        }
        name.push((a << 4) | b);
    }
    name.pop(); // the suffix (00 workstation, 20 server, …)
    let s = String::from_utf8_lossy(&name);
    text::value(s.trim_end())
}

/// The `SERVER:` or `USER-AGENT:` header of an SSDP message (UDP 1900).
pub fn ssdp_agent(msg: &[u8]) -> Option<String> {
    let head = msg.get(..msg.len().min(2048))?;
    let text = String::from_utf8_lossy(head);
    for line in text.lines().take(32) {
        let Some((k, v)) = line.split_once(':') else {
            continue;
        };
        let k = k.trim();
        if k.eq_ignore_ascii_case("server") || k.eq_ignore_ascii_case("user-agent") {
            return text::value(v);
        }
    }
    None
}

/// What an ICMPv6 Neighbour Discovery message says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Nd {
    /// A Router Advertisement: default route announced (lifetime above
    /// zero), and the prefixes of its Prefix Information options.
    RouterAdvertisement {
        /// Router lifetime above zero.
        default_route: bool,
        /// `prefix/len`, the first few.
        prefixes: Vec<String>,
    },
    /// A Neighbour Solicitation or Advertisement, or a Router Solicitation.
    Neighbour,
}

/// Most prefixes kept from one Router Advertisement.
const MAX_PREFIXES: usize = 8;

/// An ICMPv6 message (the IPv6 payload with next header 58): the ND kinds only.
pub fn icmpv6_nd(b: &[u8]) -> Option<Nd> {
    match *b.first()? {
        134 => {
            let lifetime = be16(b, 6)?;
            let mut prefixes = Vec::new();
            let mut at = 16;
            for _ in 0..32 {
                let (Some(&kind), Some(&len8)) = (b.get(at), b.get(at + 1)) else {
                    break;
                };
                let len = usize::from(len8) * 8;
                if len == 0 {
                    break;
                }
                let opt = b.get(at..at + len)?;
                if kind == 3 && len == 32 && prefixes.len() < MAX_PREFIXES {
                    let plen = opt[2];
                    let p: [u8; 16] = opt[16..32].try_into().ok()?;
                    prefixes.push(format!("{}/{plen}", Ipv6Addr::from(p)));
                }
                at += len;
            }
            Some(Nd::RouterAdvertisement {
                default_route: lifetime > 0,
                prefixes,
            })
        }
        133 | 135 | 136 => Some(Nd::Neighbour),
        _ => None,
    }
}

/// AE title field: 16 bytes, space padded.
fn ae_title(b: &[u8]) -> Option<String> {
    let s = String::from_utf8_lossy(b);
    let t = s.trim_matches(|c: char| c == ' ' || c == '\0');
    text::value(t)
}

/// (calling AE title, called AE title) of a DICOM A-ASSOCIATE-RQ at the
/// start of a TCP payload. Nothing after the two titles is read (the
/// association's later PDUs carry the images and the patient).
pub fn dicom_associate(b: &[u8]) -> Option<(String, String)> {
    // PDU type 1, reserved, 4-byte length, protocol version 1, reserved,
    // called AE (16), calling AE (16).
    if *b.first()? != 0x01 || *b.get(1)? != 0 {
        return None;
    }
    let len = u32::from_be_bytes(b.get(2..6)?.try_into().ok()?);
    if !(68..=1 << 20).contains(&len) || be16(b, 6)? != 1 {
        return None;
    }
    let called = ae_title(b.get(10..26)?)?;
    let calling = ae_title(b.get(26..42)?)?;
    Some((calling, called))
}

/// (sending application^facility, receiving application^facility): MSH-3
/// to MSH-6 of an HL7 v2 message over MLLP at the start of a TCP payload.
/// Only the MSH segment is read, and of it only those four fields: never
/// PID, PV1 or any other segment.
pub fn hl7_msh(b: &[u8]) -> Option<(String, String)> {
    let rest = b.strip_prefix(&[0x0b])?;
    let msh = rest.get(..rest.len().min(512))?;
    if !msh.starts_with(b"MSH") || msh.len() < 8 {
        return None;
    }
    let sep = msh[3];
    // The MSH segment ends at the first CR (or LF): nothing after it is looked at.
    let end = msh
        .iter()
        .position(|&c| c == b'\r' || c == b'\n')
        .unwrap_or(msh.len());
    let seg = &msh[..end];
    let fields: Vec<&[u8]> = seg.split(|&c| c == sep).take(6).collect();
    // fields[0] "MSH", [1] encoding characters (MSH-2), [2..=5] MSH-3..6.
    let f = |i: usize| -> String {
        fields
            .get(i)
            .map(|v| String::from_utf8_lossy(v).into_owned())
            .unwrap_or_default()
    };
    if fields.len() < 6 {
        return None;
    }
    let sending = text::value(&format!("{}^{}", f(2), f(3)))?;
    let receiving = text::value(&format!("{}^{}", f(4), f(5)))?;
    Some((sending, receiving))
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    #[test]
    fn tagged_and_cooked_frames() {
        let mut f = vec![0xff; 6];
        f.extend_from_slice(&[0, 0x16, 0x3e, 0, 0, 1]);
        f.extend_from_slice(&[0x81, 0x00, 0x00, 0x0a, 0x08, 0x06, 1, 2]);
        let l = ethernet(&f).unwrap();
        assert_eq!(
            (l.vlan, l.ethertype, l.payload),
            (Some(10), 0x0806, &[1u8, 2][..])
        );
        assert!(ethernet(&f[..13]).is_none());
        let mut s = vec![
            0, 0, 0, 1, 0, 6, 0, 0x16, 0x3e, 0, 0, 2, 0, 0, 0x08, 0x00, 9,
        ];
        let l = sll(&s).unwrap();
        assert_eq!(l.src.unwrap().to_string(), "00:16:3e:00:00:02");
        assert_eq!(l.payload, &[9]);
        s.truncate(10);
        assert!(sll(&s).is_none());
    }

    #[test]
    fn lldp_tlvs() {
        let mut b = Vec::new();
        let tlv = |b: &mut Vec<u8>, t: u16, v: &[u8]| {
            b.extend_from_slice(&((t << 9) | v.len() as u16).to_be_bytes());
            b.extend_from_slice(v);
        };
        tlv(&mut b, 1, &[4, 0, 0x16, 0x3e, 0, 0, 9]);
        tlv(&mut b, 2, b"\x05eth0");
        tlv(&mut b, 5, b"sw-core");
        tlv(&mut b, 7, &[0, 0x14, 0, 0x10]);
        tlv(&mut b, 8, &[5, 1, 198, 18, 0, 9, 2, 0, 0, 0, 0, 0]);
        tlv(&mut b, 0, &[]);
        let l = lldp(&b).unwrap();
        assert_eq!(l.chassis_id.as_deref(), Some("00:16:3e:00:00:09"));
        assert_eq!(l.port_id.as_deref(), Some("eth0"));
        assert_eq!(l.system_name.as_deref(), Some("sw-core"));
        assert_eq!(l.capabilities, vec!["router"]);
        assert_eq!(l.management, Some("198.18.0.9".parse().unwrap()));
        // Cut anywhere: no panic.
        for n in 0..b.len() {
            let _ = lldp(&b[..n]);
        }
    }

    #[test]
    fn dns_answers_with_compression_and_loops() {
        // Response, 0 questions, 1 answer: pc.local A 198.18.0.7
        let mut m = vec![0, 0, 0x84, 0, 0, 0, 0, 1, 0, 0, 0, 0];
        m.extend_from_slice(b"\x02pc\x05local\x00");
        m.extend_from_slice(&[0, 1, 0x80, 1, 0, 0, 0, 120, 0, 4, 198, 18, 0, 7]);
        assert_eq!(
            dns_a_records(&m),
            vec![("pc.local".to_string(), "198.18.0.7".parse().unwrap())]
        );
        // A pointer to itself must not loop.
        let mut l = vec![0, 0, 0x84, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0xc0, 12];
        l.extend_from_slice(&[0, 1, 0, 1, 0, 0, 0, 1, 0, 4, 1, 2, 3, 4]);
        assert!(dns_a_records(&l).is_empty());
        for n in 0..m.len() {
            let _ = dns_a_records(&m[..n]);
        }
    }

    #[test]
    fn dhcp_options_checked() {
        let mut m = vec![0u8; 240];
        m[0] = 1;
        m[1] = 1;
        m[2] = 6;
        m[28..34].copy_from_slice(&[0, 0x16, 0x3e, 0, 0, 7]);
        m[236..240].copy_from_slice(&[0x63, 0x82, 0x53, 0x63]);
        m.extend_from_slice(&[
            53, 1, 3, 12, 3, b'p', b'c', b'1', 60, 4, b'M', b'S', b'F', b'T',
        ]);
        m.extend_from_slice(&[55, 3, 1, 3, 6, 61, 2, 1, 9, 50, 4, 198, 18, 0, 9]);
        // A classless route with prefix 40: dhcproto panicked on it.
        m.extend_from_slice(&[121, 5, 40, 10, 0, 0, 1, 255]);
        let d = dhcp(&m).unwrap();
        assert!(!d.reply);
        assert_eq!(d.msg_type, Some(3));
        assert_eq!(d.hostname.as_deref(), Some("pc1"));
        assert_eq!(d.vendor_class.as_deref(), Some("MSFT"));
        assert_eq!(d.parameter_list.as_deref(), Some("1,3,6"));
        assert_eq!(d.client_id.as_deref(), Some("01:09"));
        assert_eq!(d.requested, Some("198.18.0.9".parse().unwrap()));
        assert_eq!(d.chaddr.unwrap().to_string(), "00:16:3e:00:00:07");
        for n in 0..m.len() {
            let _ = dhcp(&m[..n]);
        }
    }

    #[test]
    fn router_advertisements() {
        let mut ra = vec![134, 0, 0, 0, 64, 0, 0x07, 0x08, 0, 0, 0, 0, 0, 0, 0, 0];
        ra.extend_from_slice(&[1, 1, 0, 0x16, 0x3e, 0, 0, 9]);
        let mut pi = vec![3, 4, 64, 0xc0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0];
        pi.extend_from_slice(&"2001:db8:1::".parse::<Ipv6Addr>().unwrap().octets());
        ra.extend_from_slice(&pi);
        assert_eq!(
            icmpv6_nd(&ra),
            Some(Nd::RouterAdvertisement {
                default_route: true,
                prefixes: vec!["2001:db8:1::/64".into()]
            })
        );
        ra[6] = 0;
        ra[7] = 0;
        assert!(matches!(
            icmpv6_nd(&ra),
            Some(Nd::RouterAdvertisement {
                default_route: false,
                ..
            })
        ));
        for n in 0..ra.len() {
            let _ = icmpv6_nd(&ra[..n]);
        }
        assert_eq!(icmpv6_nd(&[136, 0, 0, 0]), Some(Nd::Neighbour));
        assert_eq!(icmpv6_nd(&[128, 0]), None);
    }

    #[test]
    fn dicom_and_hl7_names_only() {
        let mut a = vec![0x01, 0, 0, 0, 0, 0x44, 0, 1, 0, 0];
        a.extend_from_slice(b"PACS_SCP        ");
        a.extend_from_slice(b"CT_ROOM1        ");
        a.extend_from_slice(&[0; 32]);
        a.extend_from_slice(b"YAMADA^HANAKO");
        assert_eq!(
            dicom_associate(&a),
            Some(("CT_ROOM1".to_string(), "PACS_SCP".to_string()))
        );
        for n in 0..a.len() {
            let _ = dicom_associate(&a[..n]);
        }
        let m = b"\x0bMSH|^~\\&|RIS|HOSP|PACS|RAD|20261204||ORM^O01|1|P|2.5\rPID|1||9||KANJA^TARO\r\x1c\r";
        assert_eq!(
            hl7_msh(m),
            Some(("RIS^HOSP".to_string(), "PACS^RAD".to_string()))
        );
        assert_eq!(hl7_msh(b"\x0bMSH|^~\\&|A\rPID|1||KANJA|B|C|D"), None);
        for n in 0..m.len() {
            let _ = hl7_msh(&m[..n]);
        }
    }

    #[test]
    fn netbios_and_ssdp() {
        let mut m = vec![0, 1, 0x29, 0x10, 0, 1, 0, 0, 0, 0, 0, 1, 32];
        let mut name = *b"WS01           \x00";
        name[15] = 0;
        for c in name {
            m.push(b'A' + (c >> 4));
            m.push(b'A' + (c & 0x0f));
        }
        m.push(0);
        assert_eq!(nbns_name(&m).as_deref(), Some("WS01"));
        assert_eq!(
            ssdp_agent(b"NOTIFY * HTTP/1.1\r\nHOST: 239.255.255.250:1900\r\nSERVER: Linux/5.10 UPnP/1.0 Modality/2\r\n\r\n")
                .as_deref(),
            Some("Linux/5.10 UPnP/1.0 Modality/2")
        );
    }

    /// A CDP frame as a Cisco switch sends it: 802.3, LLC/SNAP, Cisco OUI.
    pub(crate) fn cdp_frame(src: [u8; 6], caps: u32) -> Vec<u8> {
        let tlv = |b: &mut Vec<u8>, t: u16, v: &[u8]| {
            b.extend_from_slice(&t.to_be_bytes());
            b.extend_from_slice(&(v.len() as u16 + 4).to_be_bytes());
            b.extend_from_slice(v);
        };
        let mut c = vec![2, 180, 0, 0];
        tlv(&mut c, 1, b"core-sw1.hosp.local");
        let mut addr = vec![0, 0, 0, 1, 1, 1, 0xcc, 0, 4];
        addr.extend_from_slice(&[198, 18, 0, 2]);
        tlv(&mut c, 2, &addr);
        tlv(&mut c, 3, b"GigabitEthernet1/0/24");
        tlv(&mut c, 4, &caps.to_be_bytes());
        tlv(
            &mut c,
            5,
            b"Cisco IOS Software, C2960 Version 15.2(7)E4\nCopyright (c) 1986-2021",
        );
        tlv(&mut c, 6, b"cisco WS-C2960X-48TS-L");
        let mut mgmt = vec![0, 0, 0, 1, 1, 1, 0xcc, 0, 4];
        mgmt.extend_from_slice(&[198, 18, 0, 254]);
        tlv(&mut c, 0x16, &mgmt);
        let mut f = vec![0x01, 0x00, 0x0c, 0xcc, 0xcc, 0xcc];
        f.extend_from_slice(&src);
        let llc = [0xaa, 0xaa, 0x03, 0, 0, 0x0c, 0x20, 0x00];
        f.extend_from_slice(&((llc.len() + c.len()) as u16).to_be_bytes());
        f.extend_from_slice(&llc);
        f.extend_from_slice(&c);
        // Ethernet padding past the 802.3 length is not CDP.
        f.extend_from_slice(&[0xee; 4]);
        f
    }

    #[test]
    fn cdp_through_llc_snap() {
        let f = cdp_frame([0, 0x1b, 0x54, 0, 0, 2], 0x29);
        let l = ethernet(&f).unwrap();
        assert_eq!(l.ethertype, ETHERTYPE_CDP);
        assert_eq!(l.payload.last(), Some(&0xfe), "cut at the 802.3 length");
        let c = cdp(l.payload).unwrap();
        assert_eq!(c.device_id.as_deref(), Some("core-sw1.hosp.local"));
        assert_eq!(c.port_id.as_deref(), Some("GigabitEthernet1/0/24"));
        assert_eq!(c.platform.as_deref(), Some("cisco WS-C2960X-48TS-L"));
        assert_eq!(
            c.software.as_deref(),
            Some("Cisco IOS Software, C2960 Version 15.2(7)E4")
        );
        assert_eq!(c.capabilities, vec!["router", "switch", "igmp"]);
        // The management address TLV wins over the first address.
        assert_eq!(c.management, Some("198.18.0.254".parse().unwrap()));
        for n in 0..f.len() {
            if let Some(l) = ethernet(&f[..n]) {
                let _ = cdp(l.payload);
            }
        }
        // The same frame through a cooked capture (tcpdump -i any): 802.2.
        let mut s = vec![0, 0, 0, 1, 0, 6, 0, 0x1b, 0x54, 0, 0, 2, 0, 0, 0, 4];
        s.extend_from_slice(&f[14..]);
        let l = sll(&s).unwrap();
        assert_eq!(l.ethertype, ETHERTYPE_CDP);
        assert!(cdp(l.payload).is_some());
        // Other LLC (spanning tree) is not read; RFC 1042 SNAP is an EtherType.
        let mut stp = f[..12].to_vec();
        stp.extend_from_slice(&[0, 38, 0x42, 0x42, 0x03, 0, 0]);
        assert!(ethernet(&stp).is_none());
        let mut rfc1042 = f[..12].to_vec();
        rfc1042.extend_from_slice(&[0, 10, 0xaa, 0xaa, 0x03, 0, 0, 0, 0x08, 0x06, 7, 7]);
        let l = ethernet(&rfc1042).unwrap();
        assert_eq!((l.ethertype, l.payload), (ETHERTYPE_ARP, &[7u8, 7][..]));
    }

    #[test]
    fn tls_client_hello_is_recognised_by_its_header_only() {
        let hello = [
            0x16, 0x03, 0x01, 0x02, 0x00, 0x01, 0x00, 0x01, 0xfc, 0x03, 0x03,
        ];
        assert!(tls_client_hello(&hello));
        // ServerHello (2), application data (23), HTTP, too short.
        assert!(!tls_client_hello(&[0x16, 0x03, 0x03, 0x00, 0x50, 0x02]));
        assert!(!tls_client_hello(&[0x17, 0x03, 0x03, 0x00, 0x50, 0x01]));
        assert!(!tls_client_hello(b"GET / HTTP/1.1\r\n"));
        // Six bytes say it; fewer say nothing.
        for n in 0..hello.len() {
            assert_eq!(tls_client_hello(&hello[..n]), n >= 6, "{n}");
        }
    }
}
