//! Pure packet code: checked parsing and exact emission of the few packets
//! the scanner sends and reads (Ethernet II, ARP, IPv4, ICMPv4, IKE probes).
//!
//! Nothing here touches a socket. Parsers take untrusted bytes and return
//! `Err(WireError)` rather than panic, however short or odd the input; enums
//! of protocol numbers are open (`Unknown(n)`) so an unexpected value is data,
//! not a failure. Builders only ever produce well-formed packets, and every
//! packet built or parsed has a byte-exact test.

pub mod arp;
pub mod ethernet;
pub mod icmp;
pub mod ike;
pub mod ipv4;

use std::net::Ipv4Addr;

use crate::mac::MacAddr;

pub use arp::{ArpOp, ArpRepr};
pub use ethernet::{EtherType, EthernetRepr};
pub use icmp::IcmpRepr;
pub use ipv4::{IpProto, Ipv4Repr};

/// Why bytes could not be read as the expected packet.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum WireError {
    /// Fewer bytes than the header or the length field needs.
    #[error("{what}: truncated ({got} bytes, need {need})")]
    Truncated {
        /// Which packet.
        what: &'static str,
        /// Bytes needed.
        need: usize,
        /// Bytes present.
        got: usize,
    },
    /// A field holds a value the packet cannot have.
    #[error("{what}: malformed ({why})")]
    Malformed {
        /// Which packet.
        what: &'static str,
        /// What is wrong.
        why: &'static str,
    },
    /// The checksum does not match.
    #[error("{what}: bad checksum")]
    Checksum {
        /// Which packet.
        what: &'static str,
    },
}

/// Checks that `buf` holds at least `need` bytes.
pub(crate) fn check_len(what: &'static str, buf: &[u8], need: usize) -> Result<(), WireError> {
    if buf.len() < need {
        Err(WireError::Truncated {
            what,
            need,
            got: buf.len(),
        })
    } else {
        Ok(())
    }
}

/// Internet checksum (RFC 1071) of `data`.
pub fn internet_checksum(data: &[u8]) -> u16 {
    let mut sum: u32 = 0;
    let mut chunks = data.chunks_exact(2);
    for c in &mut chunks {
        sum += u32::from(u16::from_be_bytes([c[0], c[1]]));
    }
    if let [last] = chunks.remainder() {
        sum += u32::from(*last) << 8;
    }
    while sum >> 16 != 0 {
        sum = (sum & 0xffff) + (sum >> 16);
    }
    !(sum as u16)
}

/// Converts our MAC to pnet's.
pub(crate) fn to_pnet(mac: MacAddr) -> pnet::util::MacAddr {
    let b = mac.octets();
    pnet::util::MacAddr::new(b[0], b[1], b[2], b[3], b[4], b[5])
}

/// Converts pnet's MAC to ours.
pub(crate) fn from_pnet(mac: pnet::util::MacAddr) -> MacAddr {
    MacAddr::new(mac.octets())
}

/// A received frame, classified as far as the scanner cares.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Incoming {
    /// An ARP packet.
    Arp {
        /// Ethernet header.
        eth: EthernetRepr,
        /// ARP body.
        arp: ArpRepr,
    },
    /// An ICMPv4 message inside IPv4.
    Icmp {
        /// Ethernet header.
        eth: EthernetRepr,
        /// IPv4 header.
        ip: Ipv4Repr,
        /// ICMP message.
        icmp: IcmpRepr,
    },
    /// Any other frame (other EtherType or IP protocol): ignored by the scanner.
    Other,
}

/// Parses a received Ethernet frame into what the scanner reads.
pub fn parse_frame(frame: &[u8]) -> Result<Incoming, WireError> {
    let (eth, payload) = EthernetRepr::parse(frame)?;
    match eth.ethertype {
        EtherType::Arp => Ok(Incoming::Arp {
            eth,
            arp: ArpRepr::parse(payload)?,
        }),
        EtherType::Ipv4 => {
            let (ip, ip_payload) = Ipv4Repr::parse(payload)?;
            if ip.protocol != IpProto::Icmp || ip.fragment_offset != 0 || ip.more_fragments {
                return Ok(Incoming::Other);
            }
            Ok(Incoming::Icmp {
                eth,
                ip,
                icmp: IcmpRepr::parse(ip_payload)?,
            })
        }
        EtherType::Unknown(_) => Ok(Incoming::Other),
    }
}

/// Builds a complete broadcast ARP request frame asking who has `target`.
pub fn arp_request_frame(src_mac: MacAddr, src_ip: Ipv4Addr, target: Ipv4Addr) -> Vec<u8> {
    let arp = ArpRepr {
        op: ArpOp::Request,
        sender_mac: src_mac,
        sender_ip: src_ip,
        target_mac: MacAddr::ZERO,
        target_ip: target,
    };
    let eth = EthernetRepr {
        dst: MacAddr::BROADCAST,
        src: src_mac,
        ethertype: EtherType::Arp,
    };
    let mut frame = vec![0u8; ethernet::MIN_FRAME_LEN];
    eth.emit(&mut frame);
    arp.emit(&mut frame[ethernet::HEADER_LEN..]);
    frame
}

/// Addresses of an IPv4-in-Ethernet frame the scanner sends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Ipv4FrameAddrs {
    /// Our MAC.
    pub src_mac: MacAddr,
    /// The next hop's MAC.
    pub dst_mac: MacAddr,
    /// Our IP.
    pub src_ip: Ipv4Addr,
    /// Destination IP.
    pub dst_ip: Ipv4Addr,
}

/// Builds a complete ICMP echo request frame with the given TTL and IP ident.
pub fn icmp_echo_frame(
    addrs: Ipv4FrameAddrs,
    ttl: u8,
    ip_ident: u16,
    echo_ident: u16,
    echo_seq: u16,
    data: &[u8],
) -> Vec<u8> {
    let icmp = IcmpRepr::EchoRequest {
        ident: echo_ident,
        seq: echo_seq,
        data: data.to_vec(),
    };
    let ip = Ipv4Repr {
        src: addrs.src_ip,
        dst: addrs.dst_ip,
        protocol: IpProto::Icmp,
        ttl,
        ident: ip_ident,
        dont_fragment: true,
        more_fragments: false,
        fragment_offset: 0,
        payload_len: icmp.buffer_len(),
    };
    let eth = EthernetRepr {
        dst: addrs.dst_mac,
        src: addrs.src_mac,
        ethertype: EtherType::Ipv4,
    };
    let len =
        (ethernet::HEADER_LEN + ipv4::HEADER_LEN + icmp.buffer_len()).max(ethernet::MIN_FRAME_LEN);
    let mut frame = vec![0u8; len];
    eth.emit(&mut frame);
    ip.emit(&mut frame[ethernet::HEADER_LEN..]);
    icmp.emit(&mut frame[ethernet::HEADER_LEN + ipv4::HEADER_LEN..]);
    frame
}

/// Parses hex with optional whitespace (test fixtures).
#[cfg(test)]
pub(crate) fn hex(s: &str) -> Vec<u8> {
    let digits: Vec<u8> = s.bytes().filter(|b| b.is_ascii_hexdigit()).collect();
    digits
        .chunks(2)
        .map(|p| u8::from_str_radix(std::str::from_utf8(p).unwrap(), 16).unwrap())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn checksum_rfc1071_example() {
        // RFC 1071 section 3 example bytes: sum is 0xddf2, checksum its complement.
        assert_eq!(internet_checksum(&hex("0001 f203 f4f5 f6f7")), !0xddf2);
        assert_eq!(internet_checksum(&[0xff]), !0xff00);
    }

    #[test]
    fn parse_frame_never_panics_on_garbage() {
        // Every prefix of valid frames and some noise: errors or Other, never a panic.
        let frames = [
            arp_request_frame(
                "02:00:00:00:00:01".parse().unwrap(),
                Ipv4Addr::new(198, 18, 0, 2),
                Ipv4Addr::new(198, 18, 0, 3),
            ),
            hex(icmp::tests::TIME_EXCEEDED_FRAME),
        ];
        for f in &frames {
            for n in 0..=f.len() {
                let _ = parse_frame(&f[..n]);
            }
        }
        let mut seed = 0x1234_5678u32;
        for len in 0..200usize {
            let mut buf = vec![0u8; len];
            for b in &mut buf {
                seed ^= seed << 13;
                seed ^= seed >> 17;
                seed ^= seed << 5;
                *b = seed as u8;
            }
            if len > 14 {
                buf[12] = 0x08;
                buf[13] = if len % 2 == 0 { 0x00 } else { 0x06 };
            }
            if len > 34 {
                buf[14] = 0x45;
            }
            let _ = parse_frame(&buf);
        }
    }
}
