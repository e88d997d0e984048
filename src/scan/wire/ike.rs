//! The IKE probe for UDP 500 and 4500 (RFC 7296): a minimal but complete
//! IKEv2 IKE_SA_INIT request, so a VPN gateway answers it (with its own
//! SA_INIT, or a notify such as NO_PROPOSAL_CHOSEN or INVALID_KE_PAYLOAD).
//! Any answer at all counts as an open IKE port; nothing beyond this one
//! message is ever sent, so no security association is ever set up.

use super::{check_len, WireError};

/// Length of the IKE header.
pub const HEADER_LEN: usize = 28;
/// Length of the MODP-2048 (group 14) public value.
pub const KE_LEN: usize = 256;
/// Length of our nonce.
pub const NONCE_LEN: usize = 32;
/// Length of the whole SA_INIT request we send on port 500.
pub const SA_INIT_LEN: usize = HEADER_LEN + 48 + 4 + 4 + KE_LEN + 4 + NONCE_LEN;

/// Builds the IKE_SA_INIT request: one proposal (AES-CBC-256, HMAC-SHA2-256
/// PRF and integrity, MODP-2048), a KE payload and a nonce.
///
/// `ke` must be a number below the group-14 prime (any value whose first
/// byte is below 0xff is); `nat_t` prepends the four-zero-byte non-ESP
/// marker that port 4500 requires.
pub fn sa_init_request(
    spi: [u8; 8],
    ke: &[u8; KE_LEN],
    nonce: &[u8; NONCE_LEN],
    nat_t: bool,
) -> Vec<u8> {
    let mut m = Vec::with_capacity(SA_INIT_LEN + 4);
    if nat_t {
        m.extend_from_slice(&[0, 0, 0, 0]);
    }
    // Header: initiator SPI, responder SPI 0, next payload SA (33), version 2.0,
    // exchange IKE_SA_INIT (34), flags Initiator, message id 0, length.
    m.extend_from_slice(&spi);
    m.extend_from_slice(&[0; 8]);
    m.extend_from_slice(&[33, 0x20, 34, 0x08]);
    m.extend_from_slice(&[0; 4]);
    m.extend_from_slice(&(SA_INIT_LEN as u32).to_be_bytes());
    // SA payload (next: KE 34), one proposal #1 for IKE with four transforms.
    m.extend_from_slice(&[34, 0, 0, 48]);
    m.extend_from_slice(&[0, 0, 0, 44, 1, 1, 0, 4]);
    m.extend_from_slice(&[3, 0, 0, 12, 1, 0, 0, 12, 0x80, 0x0e, 0x01, 0x00]); // ENCR AES-CBC, 256-bit key
    m.extend_from_slice(&[3, 0, 0, 8, 2, 0, 0, 5]); // PRF HMAC-SHA2-256
    m.extend_from_slice(&[3, 0, 0, 8, 3, 0, 0, 12]); // INTEG HMAC-SHA2-256-128
    m.extend_from_slice(&[0, 0, 0, 8, 4, 0, 0, 14]); // D-H group 14
                                                     // KE payload (next: Nonce 40), group 14.
    m.extend_from_slice(&[40, 0]);
    m.extend_from_slice(&((8 + KE_LEN) as u16).to_be_bytes());
    m.extend_from_slice(&[0, 14, 0, 0]);
    m.extend_from_slice(ke);
    // Nonce payload (last).
    m.extend_from_slice(&[0, 0]);
    m.extend_from_slice(&((4 + NONCE_LEN) as u16).to_be_bytes());
    m.extend_from_slice(nonce);
    m
}

/// Length of the IKEv1 Main Mode first message we send.
pub const MAIN_MODE_LEN: usize = 80;

/// Builds an IKEv1 (RFC 2409) Main Mode first message, for responders that
/// speak only IKEv1 (common in older site-to-site VPN routers): one ISAKMP
/// proposal with one transform (3DES, SHA-1, pre-shared key, MODP-1024,
/// 8 h). A responder answers with its own SA or a NO-PROPOSAL-CHOSEN
/// notification; either is an answer. Nothing more is ever sent.
pub fn main_mode_request(cookie: [u8; 8]) -> Vec<u8> {
    let mut m = Vec::with_capacity(MAIN_MODE_LEN);
    // Header: initiator cookie, responder cookie 0, next payload SA (1),
    // version 1.0, exchange Identity Protection (2), no flags, message id 0.
    m.extend_from_slice(&cookie);
    m.extend_from_slice(&[0; 8]);
    m.extend_from_slice(&[1, 0x10, 2, 0]);
    m.extend_from_slice(&[0; 4]);
    m.extend_from_slice(&(MAIN_MODE_LEN as u32).to_be_bytes());
    // SA payload: DOI IPsec (1), situation identity-only (1).
    m.extend_from_slice(&[0, 0, 0, 52, 0, 0, 0, 1, 0, 0, 0, 1]);
    // Proposal #1, PROTO_ISAKMP, no SPI, one transform.
    m.extend_from_slice(&[0, 0, 0, 40, 1, 1, 0, 1]);
    // Transform #1, KEY_IKE, six basic attributes.
    m.extend_from_slice(&[0, 0, 0, 32, 1, 1, 0, 0]);
    m.extend_from_slice(&[0x80, 0x01, 0x00, 0x05]); // encryption 3DES-CBC
    m.extend_from_slice(&[0x80, 0x02, 0x00, 0x02]); // hash SHA-1
    m.extend_from_slice(&[0x80, 0x03, 0x00, 0x01]); // authentication pre-shared key
    m.extend_from_slice(&[0x80, 0x04, 0x00, 0x02]); // group MODP-1024
    m.extend_from_slice(&[0x80, 0x0b, 0x00, 0x01]); // life type seconds
    m.extend_from_slice(&[0x80, 0x0c, 0x70, 0x80]); // life duration 28800
    m
}

/// What an answer on an IKE port looks like.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct IkeAnswer {
    /// IKE major version of the answer (1 or 2 for real IKE).
    pub major_version: u8,
    /// True if the answer carries our initiator SPI (an answer to our probe).
    pub ours: bool,
}

/// Reads the header of an answer from an IKE port (`nat_t`: strip the marker).
pub fn parse_answer(buf: &[u8], spi: [u8; 8], nat_t: bool) -> Result<IkeAnswer, WireError> {
    let buf = if nat_t {
        check_len("ike", buf, 4)?;
        if buf[..4] != [0, 0, 0, 0] {
            return Err(WireError::Malformed {
                what: "ike",
                why: "no non-ESP marker",
            });
        }
        &buf[4..]
    } else {
        buf
    };
    check_len("ike", buf, HEADER_LEN)?;
    Ok(IkeAnswer {
        major_version: buf[17] >> 4,
        ours: buf[..8] == spi,
    })
}

#[cfg(test)]
mod tests {
    use super::super::hex;
    use super::*;

    #[test]
    fn sa_init_byte_exact() {
        let spi = [1, 2, 3, 4, 5, 6, 7, 8];
        let ke = [0x5a; KE_LEN];
        let nonce = [0xa5; NONCE_LEN];
        let m = sa_init_request(spi, &ke, &nonce, false);
        let mut expected = hex(
            "0102030405060708 0000000000000000 21 20 22 08 00000000 00000178
             22 00 0030  00 00 002c 01 01 00 04
             03 00 000c 01 00 000c 800e 0100
             03 00 0008 02 00 0005
             03 00 0008 03 00 000c
             00 00 0008 04 00 000e
             28 00 0108 000e 0000",
        );
        expected.extend_from_slice(&ke);
        expected.extend_from_slice(&hex("00 00 0024"));
        expected.extend_from_slice(&nonce);
        assert_eq!(m.len(), SA_INIT_LEN);
        assert_eq!(m, expected);
        let nat = sa_init_request(spi, &ke, &nonce, true);
        assert_eq!(&nat[..4], &[0, 0, 0, 0]);
        assert_eq!(&nat[4..], &m[..]);
    }

    #[test]
    fn main_mode_byte_exact() {
        let m = main_mode_request([0xc0, 0xff, 0xee, 0, 1, 2, 3, 4]);
        assert_eq!(
            m,
            hex(
                "c0ffee0001020304 0000000000000000 01 10 02 00 00000000 00000050
                 00 00 0034 00000001 00000001
                 00 00 0028 01 01 00 01
                 00 00 0020 01 01 0000
                 8001 0005 8002 0002 8003 0001 8004 0002 800b 0001 800c 7080"
            )
        );
        assert_eq!(m.len(), MAIN_MODE_LEN);
    }

    #[test]
    fn answers() {
        let spi = [1, 2, 3, 4, 5, 6, 7, 8];
        let mut a = hex("0102030405060708 1111111111111111 29 20 22 20 00000000 0000001c");
        assert_eq!(
            parse_answer(&a, spi, false).unwrap(),
            IkeAnswer {
                major_version: 2,
                ours: true
            }
        );
        a[0] = 9;
        assert!(!parse_answer(&a, spi, false).unwrap().ours);
        assert!(parse_answer(&a[..27], spi, false).is_err());
        assert!(parse_answer(&a, spi, true).is_err());
        let mut nat = vec![0, 0, 0, 0];
        nat.extend_from_slice(&a);
        assert_eq!(parse_answer(&nat, spi, true).unwrap().major_version, 2);
    }
}
