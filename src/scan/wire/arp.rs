//! ARP for IPv4 over Ethernet (RFC 826).

use std::net::Ipv4Addr;

use pnet::packet::arp::{ArpHardwareType, ArpOperation, ArpPacket, MutableArpPacket};

use super::{check_len, from_pnet, to_pnet, WireError};
use crate::mac::MacAddr;

/// Length of an IPv4-over-Ethernet ARP packet.
pub const PACKET_LEN: usize = 28;

/// ARP operation; unknown values are kept.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ArpOp {
    /// 1.
    Request,
    /// 2.
    Reply,
    /// Any other value.
    Unknown(u16),
}

impl From<u16> for ArpOp {
    fn from(v: u16) -> Self {
        match v {
            1 => ArpOp::Request,
            2 => ArpOp::Reply,
            n => ArpOp::Unknown(n),
        }
    }
}

impl From<ArpOp> for u16 {
    fn from(op: ArpOp) -> u16 {
        match op {
            ArpOp::Request => 1,
            ArpOp::Reply => 2,
            ArpOp::Unknown(n) => n,
        }
    }
}

/// An IPv4-over-Ethernet ARP packet.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ArpRepr {
    /// Request or reply.
    pub op: ArpOp,
    /// Sender hardware address.
    pub sender_mac: MacAddr,
    /// Sender protocol address.
    pub sender_ip: Ipv4Addr,
    /// Target hardware address (zero in requests).
    pub target_mac: MacAddr,
    /// Target protocol address.
    pub target_ip: Ipv4Addr,
}

impl ArpRepr {
    /// Parses an ARP packet; anything but Ethernet/IPv4 ARP is `Malformed`.
    pub fn parse(buf: &[u8]) -> Result<ArpRepr, WireError> {
        check_len("arp", buf, PACKET_LEN)?;
        let p = ArpPacket::new(buf).ok_or(WireError::Truncated {
            what: "arp",
            need: PACKET_LEN,
            got: buf.len(),
        })?;
        if p.get_hardware_type() != ArpHardwareType(1)
            || p.get_protocol_type().0 != 0x0800
            || p.get_hw_addr_len() != 6
            || p.get_proto_addr_len() != 4
        {
            return Err(WireError::Malformed {
                what: "arp",
                why: "not IPv4 over Ethernet",
            });
        }
        Ok(ArpRepr {
            op: ArpOp::from(p.get_operation().0),
            sender_mac: from_pnet(p.get_sender_hw_addr()),
            sender_ip: p.get_sender_proto_addr(),
            target_mac: from_pnet(p.get_target_hw_addr()),
            target_ip: p.get_target_proto_addr(),
        })
    }

    /// Writes the packet into the first 28 bytes of `buf` (which must hold them).
    // Emitting our own packet into a buffer the caller sized: a short
    // buffer is a bug in koseizu (the slice would panic first), never
    // something read off the wire.
    #[allow(clippy::expect_used)]
    pub fn emit(&self, buf: &mut [u8]) {
        let mut p = MutableArpPacket::new(&mut buf[..PACKET_LEN])
            .expect("caller provides PACKET_LEN bytes");
        p.set_hardware_type(ArpHardwareType(1));
        p.set_protocol_type(pnet::packet::ethernet::EtherType(0x0800));
        p.set_hw_addr_len(6);
        p.set_proto_addr_len(4);
        p.set_operation(ArpOperation(u16::from(self.op)));
        p.set_sender_hw_addr(to_pnet(self.sender_mac));
        p.set_sender_proto_addr(self.sender_ip);
        p.set_target_hw_addr(to_pnet(self.target_mac));
        p.set_target_proto_addr(self.target_ip);
    }
}

#[cfg(test)]
mod tests {
    use super::super::{arp_request_frame, hex, parse_frame, Incoming};
    use super::*;

    /// Broadcast ARP request from 02:00:00:00:00:01 (198.18.0.2) for 198.18.0.3, padded to 60 bytes.
    const REQUEST_FRAME: &str = "ffffffffffff 020000000001 0806
        0001 0800 06 04 0001 020000000001 c6120002 000000000000 c6120003
        000000000000000000000000000000000000";
    /// Reply from 198.18.0.3 at 52:54:00:12:34:56 (no padding, as veth delivers it).
    const REPLY_FRAME: &str = "020000000001 525400123456 0806
        0001 0800 06 04 0002 525400123456 c6120003 020000000001 c6120002";

    #[test]
    fn request_built_byte_exact() {
        let f = arp_request_frame(
            "02:00:00:00:00:01".parse().unwrap(),
            Ipv4Addr::new(198, 18, 0, 2),
            Ipv4Addr::new(198, 18, 0, 3),
        );
        assert_eq!(f, hex(REQUEST_FRAME));
    }

    #[test]
    fn reply_parsed_and_reemitted_exact() {
        let bytes = hex(REPLY_FRAME);
        let Incoming::Arp { eth, arp } = parse_frame(&bytes).unwrap() else {
            panic!("not arp")
        };
        assert_eq!(eth.src, "52:54:00:12:34:56".parse().unwrap());
        assert_eq!(
            arp,
            ArpRepr {
                op: ArpOp::Reply,
                sender_mac: "52:54:00:12:34:56".parse().unwrap(),
                sender_ip: Ipv4Addr::new(198, 18, 0, 3),
                target_mac: "02:00:00:00:00:01".parse().unwrap(),
                target_ip: Ipv4Addr::new(198, 18, 0, 2),
            }
        );
        let mut out = vec![0u8; PACKET_LEN];
        arp.emit(&mut out);
        assert_eq!(out, bytes[14..]);
    }

    #[test]
    fn rejects_short_and_foreign() {
        let bytes = hex(REPLY_FRAME);
        assert!(matches!(
            ArpRepr::parse(&bytes[14..41]),
            Err(WireError::Truncated { .. })
        ));
        let mut b = bytes[14..].to_vec();
        b[5] = 16; // protocol address length 16: not IPv4
        assert!(matches!(
            ArpRepr::parse(&b),
            Err(WireError::Malformed { .. })
        ));
        let mut b = bytes[14..].to_vec();
        b[7] = 9;
        assert_eq!(ArpRepr::parse(&b).unwrap().op, ArpOp::Unknown(9));
    }
}
