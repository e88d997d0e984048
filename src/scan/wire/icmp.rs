//! ICMPv4 (RFC 792): echo request/reply, and the errors that quote the
//! original datagram (time exceeded, destination unreachable).

use pnet::packet::icmp::{IcmpPacket, IcmpType, MutableIcmpPacket};

use super::{check_len, internet_checksum, Ipv4Repr, WireError};

/// ICMP header length (type, code, checksum, 4 bytes of rest-of-header).
pub const HEADER_LEN: usize = 8;

/// An ICMPv4 message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum IcmpRepr {
    /// Type 8.
    EchoRequest {
        /// Identifier.
        ident: u16,
        /// Sequence number.
        seq: u16,
        /// Payload.
        data: Vec<u8>,
    },
    /// Type 0.
    EchoReply {
        /// Identifier.
        ident: u16,
        /// Sequence number.
        seq: u16,
        /// Payload.
        data: Vec<u8>,
    },
    /// Type 11: a router dropped a datagram whose TTL ran out.
    TimeExceeded {
        /// 0 = TTL exceeded in transit, 1 = reassembly time exceeded.
        code: u8,
        /// The original datagram's header.
        quoted: Ipv4Repr,
        /// The original datagram's first payload bytes (at least 8 when well formed).
        quoted_payload: Vec<u8>,
    },
    /// Type 3.
    DestinationUnreachable {
        /// Why.
        code: u8,
        /// The original datagram's header.
        quoted: Ipv4Repr,
        /// The original datagram's first payload bytes.
        quoted_payload: Vec<u8>,
    },
    /// Any other type: kept, not interpreted.
    Other {
        /// ICMP type.
        icmp_type: u8,
        /// ICMP code.
        code: u8,
    },
}

impl IcmpRepr {
    /// Parses an ICMP message (checksum verified over all of `buf`).
    pub fn parse(buf: &[u8]) -> Result<IcmpRepr, WireError> {
        check_len("icmp", buf, HEADER_LEN)?;
        if internet_checksum(buf) != 0 {
            return Err(WireError::Checksum { what: "icmp" });
        }
        let p = IcmpPacket::new(buf).ok_or(WireError::Truncated {
            what: "icmp",
            need: HEADER_LEN,
            got: buf.len(),
        })?;
        let icmp_type = p.get_icmp_type().0;
        let code = p.get_icmp_code().0;
        let ident = u16::from_be_bytes([buf[4], buf[5]]);
        let seq = u16::from_be_bytes([buf[6], buf[7]]);
        let body = &buf[HEADER_LEN..];
        Ok(match icmp_type {
            0 => IcmpRepr::EchoReply {
                ident,
                seq,
                data: body.to_vec(),
            },
            8 => IcmpRepr::EchoRequest {
                ident,
                seq,
                data: body.to_vec(),
            },
            3 | 11 => {
                let (quoted, payload) = Ipv4Repr::parse_quoted(body)?;
                let quoted_payload = payload.to_vec();
                if icmp_type == 11 {
                    IcmpRepr::TimeExceeded {
                        code,
                        quoted,
                        quoted_payload,
                    }
                } else {
                    IcmpRepr::DestinationUnreachable {
                        code,
                        quoted,
                        quoted_payload,
                    }
                }
            }
            _ => IcmpRepr::Other { icmp_type, code },
        })
    }

    /// Bytes this message takes when emitted.
    pub fn buffer_len(&self) -> usize {
        match self {
            IcmpRepr::EchoRequest { data, .. } | IcmpRepr::EchoReply { data, .. } => {
                HEADER_LEN + data.len()
            }
            IcmpRepr::TimeExceeded { quoted_payload, .. }
            | IcmpRepr::DestinationUnreachable { quoted_payload, .. } => {
                HEADER_LEN + super::ipv4::HEADER_LEN + quoted_payload.len()
            }
            IcmpRepr::Other { .. } => HEADER_LEN,
        }
    }

    /// Writes the message with its checksum into the first `buffer_len()` bytes of `buf`.
    // Emitting our own packet into a buffer the caller sized: a short
    // buffer is a bug in koseizu, never something read off the wire.
    #[allow(clippy::expect_used)]
    pub fn emit(&self, buf: &mut [u8]) {
        let len = self.buffer_len();
        let buf = &mut buf[..len];
        buf.fill(0);
        let (icmp_type, code) = match self {
            IcmpRepr::EchoReply { ident, seq, data }
            | IcmpRepr::EchoRequest { ident, seq, data } => {
                buf[4..6].copy_from_slice(&ident.to_be_bytes());
                buf[6..8].copy_from_slice(&seq.to_be_bytes());
                buf[HEADER_LEN..].copy_from_slice(data);
                (
                    if matches!(self, IcmpRepr::EchoReply { .. }) {
                        0
                    } else {
                        8
                    },
                    0,
                )
            }
            IcmpRepr::TimeExceeded {
                code,
                quoted,
                quoted_payload,
            }
            | IcmpRepr::DestinationUnreachable {
                code,
                quoted,
                quoted_payload,
            } => {
                let at = HEADER_LEN + super::ipv4::HEADER_LEN;
                quoted.emit(&mut buf[HEADER_LEN..at]);
                buf[at..].copy_from_slice(quoted_payload);
                (
                    if matches!(self, IcmpRepr::TimeExceeded { .. }) {
                        11
                    } else {
                        3
                    },
                    *code,
                )
            }
            IcmpRepr::Other { icmp_type, code } => (*icmp_type, *code),
        };
        let mut p = MutableIcmpPacket::new(buf).expect("buffer_len >= HEADER_LEN");
        p.set_icmp_type(IcmpType(icmp_type));
        p.set_icmp_code(pnet::packet::icmp::IcmpCode(code));
        p.set_checksum(0);
        let sum = internet_checksum(buf);
        buf[2..4].copy_from_slice(&sum.to_be_bytes());
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use std::net::Ipv4Addr;

    use super::super::{hex, icmp_echo_frame, parse_frame, Incoming, Ipv4FrameAddrs};
    use super::*;
    use crate::scan::wire::IpProto;

    // Fixtures computed independently (Python, RFC 1071 checksums).
    /// Gateway probe: 198.18.0.2 → 198.19.0.1 via 52:54:00:aa:bb:cc, TTL 1,
    /// IP id 7, echo ident 0xbeef seq 7, "koseizu probe", padded to 60 bytes.
    pub(crate) const PROBE_FRAME: &str = "525400aabbcc 020000000001 0800
        4500 0029 0007 4000 0101 eda4 c6120002 c6130001
        0800 36c4 beef 0007 6b6f7365697a752070726f6265
        0000000000";
    /// The router's answer: Time Exceeded from 198.18.0.1 quoting the probe.
    pub(crate) const TIME_EXCEEDED_FRAME: &str = "020000000001 525400aabbcc 0800
        4500 0038 5555 0000 4001 9948 c6120001 c6120002
        0b00 f744 00000000
        4500 0029 0007 4000 0101 eda4 c6120002 c6130001 0800 36c4 beef 0007";
    /// Echo reply from 198.18.5.9 (routed host), ident 0xbeef seq 9.
    const ECHO_REPLY_FRAME: &str = "020000000001 525400aabbcc 0800
        4500 0029 1111 0000 3f01 d993 c6120509 c6120002
        0000 3ec2 beef 0009 6b6f7365697a752070726f6265";

    fn addrs() -> Ipv4FrameAddrs {
        Ipv4FrameAddrs {
            src_mac: "02:00:00:00:00:01".parse().unwrap(),
            dst_mac: "52:54:00:aa:bb:cc".parse().unwrap(),
            src_ip: Ipv4Addr::new(198, 18, 0, 2),
            dst_ip: Ipv4Addr::new(198, 19, 0, 1),
        }
    }

    #[test]
    fn probe_built_byte_exact_and_parses_back() {
        let f = icmp_echo_frame(addrs(), 1, 7, 0xbeef, 7, b"koseizu probe");
        assert_eq!(f, hex(PROBE_FRAME));
        let Incoming::Icmp { ip, icmp, .. } = parse_frame(&f).unwrap() else {
            panic!()
        };
        assert_eq!(ip.ttl, 1);
        assert_eq!(
            icmp,
            IcmpRepr::EchoRequest {
                ident: 0xbeef,
                seq: 7,
                data: b"koseizu probe".to_vec()
            }
        );
    }

    #[test]
    fn time_exceeded_parsed_and_reemitted_exact() {
        let bytes = hex(TIME_EXCEEDED_FRAME);
        let Incoming::Icmp { eth, ip, icmp } = parse_frame(&bytes).unwrap() else {
            panic!()
        };
        assert_eq!(eth.src, "52:54:00:aa:bb:cc".parse().unwrap());
        assert_eq!(ip.src, Ipv4Addr::new(198, 18, 0, 1));
        let IcmpRepr::TimeExceeded {
            code,
            quoted,
            ref quoted_payload,
        } = icmp
        else {
            panic!("{icmp:?}")
        };
        assert_eq!(code, 0);
        assert_eq!(quoted.dst, Ipv4Addr::new(198, 19, 0, 1));
        assert_eq!(quoted.protocol, IpProto::Icmp);
        assert_eq!(quoted.ident, 7);
        assert_eq!(quoted_payload, &hex("0800 36c4 beef 0007"));
        let mut out = vec![0u8; icmp.buffer_len()];
        icmp.emit(&mut out);
        assert_eq!(out, bytes[34..]);
    }

    #[test]
    fn echo_reply_parsed_and_reemitted_exact() {
        let bytes = hex(ECHO_REPLY_FRAME);
        let Incoming::Icmp { ip, icmp, .. } = parse_frame(&bytes).unwrap() else {
            panic!()
        };
        assert_eq!(ip.src, Ipv4Addr::new(198, 18, 5, 9));
        assert_eq!(
            icmp,
            IcmpRepr::EchoReply {
                ident: 0xbeef,
                seq: 9,
                data: b"koseizu probe".to_vec()
            }
        );
        let mut out = vec![0u8; icmp.buffer_len()];
        icmp.emit(&mut out);
        assert_eq!(out, bytes[34..]);
    }

    #[test]
    fn rejects_bad_checksum_and_short_quote() {
        let mut bytes = hex(ECHO_REPLY_FRAME);
        bytes[40] ^= 0xff;
        assert_eq!(
            parse_frame(&bytes),
            Err(WireError::Checksum { what: "icmp" })
        );
        let te = hex("0b00 afff 00000000 4500");
        assert!(IcmpRepr::parse(&te).is_err());
        let other = hex("0d00 f2ff 0000 0000");
        assert_eq!(
            IcmpRepr::parse(&other).unwrap(),
            IcmpRepr::Other {
                icmp_type: 13,
                code: 0
            }
        );
    }
}
