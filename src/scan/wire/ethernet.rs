//! Ethernet II header.

use pnet::packet::ethernet::{EthernetPacket, MutableEthernetPacket};
use pnet::packet::Packet;

use super::{check_len, from_pnet, to_pnet, WireError};
use crate::mac::MacAddr;

/// Ethernet II header length.
pub const HEADER_LEN: usize = 14;
/// Minimum Ethernet frame length without the FCS: shorter frames are padded.
pub const MIN_FRAME_LEN: usize = 60;

/// The EtherTypes the scanner knows; anything else is `Unknown`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum EtherType {
    /// 0x0800.
    Ipv4,
    /// 0x0806.
    Arp,
    /// Any other value.
    Unknown(u16),
}

impl From<u16> for EtherType {
    fn from(v: u16) -> Self {
        match v {
            0x0800 => EtherType::Ipv4,
            0x0806 => EtherType::Arp,
            n => EtherType::Unknown(n),
        }
    }
}

impl From<EtherType> for u16 {
    fn from(t: EtherType) -> u16 {
        match t {
            EtherType::Ipv4 => 0x0800,
            EtherType::Arp => 0x0806,
            EtherType::Unknown(n) => n,
        }
    }
}

/// An Ethernet II header.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EthernetRepr {
    /// Destination MAC.
    pub dst: MacAddr,
    /// Source MAC.
    pub src: MacAddr,
    /// Payload type.
    pub ethertype: EtherType,
}

impl EthernetRepr {
    /// Parses a frame into its header and payload (which may include padding).
    pub fn parse(frame: &[u8]) -> Result<(EthernetRepr, &[u8]), WireError> {
        check_len("ethernet", frame, HEADER_LEN)?;
        let p = EthernetPacket::new(frame).ok_or(WireError::Truncated {
            what: "ethernet",
            need: HEADER_LEN,
            got: frame.len(),
        })?;
        let repr = EthernetRepr {
            dst: from_pnet(p.get_destination()),
            src: from_pnet(p.get_source()),
            ethertype: EtherType::from(p.get_ethertype().0),
        };
        debug_assert_eq!(p.payload().len(), frame.len() - HEADER_LEN);
        Ok((repr, &frame[HEADER_LEN..]))
    }

    /// Writes the header into the first 14 bytes of `buf` (which must hold them).
    // Emitting our own packet into a buffer the caller sized: a short
    // buffer is a bug in koseizu (the slice would panic first), never
    // something read off the wire.
    #[allow(clippy::expect_used)]
    pub fn emit(&self, buf: &mut [u8]) {
        let mut p = MutableEthernetPacket::new(&mut buf[..HEADER_LEN])
            .expect("caller provides HEADER_LEN bytes");
        p.set_destination(to_pnet(self.dst));
        p.set_source(to_pnet(self.src));
        p.set_ethertype(pnet::packet::ethernet::EtherType(u16::from(self.ethertype)));
    }
}

#[cfg(test)]
mod tests {
    use super::super::hex;
    use super::*;

    const BYTES: &str = "ffffffffffff 020000000001 0806 aabb";

    #[test]
    fn parse_and_emit_exact() {
        let bytes = hex(BYTES);
        let (repr, payload) = EthernetRepr::parse(&bytes).unwrap();
        assert_eq!(repr.dst, MacAddr::BROADCAST);
        assert_eq!(repr.src, "02:00:00:00:00:01".parse().unwrap());
        assert_eq!(repr.ethertype, EtherType::Arp);
        assert_eq!(payload, &[0xaa, 0xbb]);
        let mut out = vec![0u8; 16];
        repr.emit(&mut out);
        out[14..].copy_from_slice(&[0xaa, 0xbb]);
        assert_eq!(out, bytes);
    }

    #[test]
    fn short_and_unknown() {
        assert!(matches!(
            EthernetRepr::parse(&[0u8; 13]),
            Err(WireError::Truncated {
                need: 14,
                got: 13,
                ..
            })
        ));
        let mut b = hex(BYTES);
        b[12] = 0x86;
        b[13] = 0xdd;
        assert_eq!(
            EthernetRepr::parse(&b).unwrap().0.ethertype,
            EtherType::Unknown(0x86dd)
        );
    }
}
