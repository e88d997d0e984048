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
