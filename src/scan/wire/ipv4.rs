//! IPv4 header (RFC 791), without options on emit.

use std::net::Ipv4Addr;

use pnet::packet::ipv4::{Ipv4Packet, MutableIpv4Packet};

use super::{check_len, internet_checksum, WireError};

/// Length of an IPv4 header without options (the only kind we emit).
pub const HEADER_LEN: usize = 20;

/// IP protocol number; unknown values are kept.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum IpProto {
    /// 1.
    Icmp,
    /// 6.
    Tcp,
    /// 17.
    Udp,
    /// Any other value.
    Unknown(u8),
}

impl From<u8> for IpProto {
    fn from(v: u8) -> Self {
        match v {
            1 => IpProto::Icmp,
            6 => IpProto::Tcp,
            17 => IpProto::Udp,
            n => IpProto::Unknown(n),
        }
    }
}

impl From<IpProto> for u8 {
    fn from(p: IpProto) -> u8 {
        match p {
            IpProto::Icmp => 1,
            IpProto::Tcp => 6,
            IpProto::Udp => 17,
            IpProto::Unknown(n) => n,
        }
    }
}

/// The IPv4 header fields the scanner uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Ipv4Repr {
    /// Source address.
    pub src: Ipv4Addr,
    /// Destination address.
    pub dst: Ipv4Addr,
    /// Payload protocol.
    pub protocol: IpProto,
    /// Time to live.
    pub ttl: u8,
    /// Identification.
    pub ident: u16,
    /// DF flag.
    pub dont_fragment: bool,
    /// MF flag.
    pub more_fragments: bool,
    /// Fragment offset in 8-byte units.
    pub fragment_offset: u16,
    /// Payload length (total length minus header length).
    pub payload_len: usize,
}

impl Ipv4Repr {
    /// Reads the header fields of `buf` after checking version and header length.
    fn read_header(buf: &[u8]) -> Result<(Ipv4Repr, usize, usize), WireError> {
        check_len("ipv4", buf, HEADER_LEN)?;
        let version = buf[0] >> 4;
        let header_len = usize::from(buf[0] & 0x0f) * 4;
        if version != 4 {
            return Err(WireError::Malformed {
                what: "ipv4",
                why: "version is not 4",
            });
        }
        if header_len < HEADER_LEN {
            return Err(WireError::Malformed {
                what: "ipv4",
                why: "header length below 20",
            });
        }
        check_len("ipv4", buf, header_len)?;
        let p = Ipv4Packet::new(buf).ok_or(WireError::Truncated {
            what: "ipv4",
            need: HEADER_LEN,
            got: buf.len(),
        })?;
        let total_len = usize::from(p.get_total_length());
        if total_len < header_len {
            return Err(WireError::Malformed {
                what: "ipv4",
                why: "total length below header length",
            });
        }
        let flags = p.get_flags();
        let repr = Ipv4Repr {
            src: p.get_source(),
            dst: p.get_destination(),
            protocol: IpProto::from(p.get_next_level_protocol().0),
            ttl: p.get_ttl(),
            ident: p.get_identification(),
            dont_fragment: flags & 0b010 != 0,
            more_fragments: flags & 0b001 != 0,
            fragment_offset: p.get_fragment_offset(),
            payload_len: total_len - header_len,
        };
        Ok((repr, header_len, total_len))
    }

    /// Parses a complete IPv4 packet (checksum verified); returns the header
    /// and its payload, without any Ethernet padding that followed it.
    pub fn parse(buf: &[u8]) -> Result<(Ipv4Repr, &[u8]), WireError> {
        let (repr, header_len, total_len) = Self::read_header(buf)?;
        check_len("ipv4", buf, total_len)?;
        if internet_checksum(&buf[..header_len]) != 0 {
            return Err(WireError::Checksum { what: "ipv4" });
        }
        Ok((repr, &buf[header_len..total_len]))
    }

    /// Parses the original header quoted inside an ICMP error: the packet is
    /// cut short by design, so the total length is not checked against the
    /// bytes present, nor the checksum (some routers rewrite fields).
    /// Returns the header and the quoted payload bytes that are present.
    pub fn parse_quoted(buf: &[u8]) -> Result<(Ipv4Repr, &[u8]), WireError> {
        let (repr, header_len, total_len) = Self::read_header(buf)?;
        let end = total_len.min(buf.len());
        Ok((repr, &buf[header_len..end]))
    }

    /// Header length of an emitted packet plus its payload.
    pub fn total_len(&self) -> usize {
        HEADER_LEN + self.payload_len
    }

    /// Writes a 20-byte header with a correct checksum into `buf`.
    // Emitting our own packet into a buffer the caller sized: a short
    // buffer is a bug in koseizu (the slice would panic first), never
    // something read off the wire.
    #[allow(clippy::expect_used)]
    pub fn emit(&self, buf: &mut [u8]) {
        let mut p = MutableIpv4Packet::new(&mut buf[..HEADER_LEN])
            .expect("caller provides HEADER_LEN bytes");
        p.set_version(4);
        p.set_header_length(5);
        p.set_dscp(0);
        p.set_ecn(0);
        p.set_total_length(
            u16::try_from(self.total_len()).expect("scanner packets are far below 64 KiB"),
        );
        p.set_identification(self.ident);
        p.set_flags(u8::from(self.dont_fragment) << 1 | u8::from(self.more_fragments));
        p.set_fragment_offset(self.fragment_offset);
        p.set_ttl(self.ttl);
        p.set_next_level_protocol(pnet::packet::ip::IpNextHeaderProtocol(u8::from(
            self.protocol,
        )));
        p.set_source(self.src);
        p.set_destination(self.dst);
        p.set_checksum(0);
        let sum = internet_checksum(&buf[..HEADER_LEN]);
        buf[10..12].copy_from_slice(&sum.to_be_bytes());
    }
}

#[cfg(test)]
mod tests {
    use super::super::hex;
    use super::*;

    /// 198.18.0.2 → 198.19.0.1, TTL 1, ICMP, id 0x1234, DF, 28 bytes total.
    pub(crate) const HEADER: &str = "4500 001c 1234 4000 0101 0000 c6120002 c6130001";

    fn header_bytes() -> Vec<u8> {
        // Checksum computed independently: the fixture stores it, the test checks it.
        let mut h = hex(HEADER);
        h[10] = 0xdb;
        h[11] = 0x84;
        h
    }

    fn repr() -> Ipv4Repr {
        Ipv4Repr {
            src: Ipv4Addr::new(198, 18, 0, 2),
            dst: Ipv4Addr::new(198, 19, 0, 1),
            protocol: IpProto::Icmp,
            ttl: 1,
            ident: 0x1234,
            dont_fragment: true,
            more_fragments: false,
            fragment_offset: 0,
            payload_len: 8,
        }
    }

    #[test]
    fn emit_and_parse_exact() {
        let mut out = vec![0u8; HEADER_LEN];
        repr().emit(&mut out);
        assert_eq!(out, header_bytes());
        let mut pkt = header_bytes();
        pkt.extend_from_slice(&[1, 2, 3, 4, 5, 6, 7, 8, 0, 0]); // + 2 bytes padding
        let (r, payload) = Ipv4Repr::parse(&pkt).unwrap();
        assert_eq!(r, repr());
        assert_eq!(payload, &[1, 2, 3, 4, 5, 6, 7, 8]);
    }

    #[test]
    fn rejects_bad_input() {
        let mut pkt = header_bytes();
        pkt.extend_from_slice(&[0; 8]);
        let mut bad = pkt.clone();
        bad[11] ^= 1;
        assert_eq!(
            Ipv4Repr::parse(&bad),
            Err(WireError::Checksum { what: "ipv4" })
        );
        assert!(matches!(
            Ipv4Repr::parse(&pkt[..27]),
            Err(WireError::Truncated { .. })
        ));
        let mut bad = pkt.clone();
        bad[0] = 0x4f; // header length 60 > buffer
        assert!(matches!(
            Ipv4Repr::parse(&bad),
            Err(WireError::Truncated { .. })
        ));
        bad[0] = 0x44;
        assert!(matches!(
            Ipv4Repr::parse(&bad),
            Err(WireError::Malformed { .. })
        ));
        bad[0] = 0x65;
        assert!(matches!(
            Ipv4Repr::parse(&bad),
            Err(WireError::Malformed { .. })
        ));
        // Quoted form: cut short and checksum not checked.
        let mut quoted = pkt[..24].to_vec();
        quoted[11] ^= 1;
        let (q, rest) = Ipv4Repr::parse_quoted(&quoted).unwrap();
        assert_eq!(q.dst, Ipv4Addr::new(198, 19, 0, 1));
        assert_eq!(rest, &[0, 0, 0, 0]);
    }
}
