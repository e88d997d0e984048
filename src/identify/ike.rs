//! Vendor ID payloads and behaviour in an IKE responder's answer
//! (IKEv1 RFC 2408, IKEv2 RFC 7296): a checked walk of the payload chain.

use super::observe::IkeSeen;

/// ISAKMP / IKE header length.
const HEADER: usize = 28;
/// Most Vendor IDs kept from one answer.
const MAX_VIDS: usize = 16;
/// Longest Vendor ID kept, in bytes.
const MAX_VID_BYTES: usize = 64;
/// Most payloads walked in one answer.
const MAX_PAYLOADS: usize = 64;

/// One answer read: its IKE version, Vendor IDs and what else it carried.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Answer {
    /// Major version in the header (1 or 2).
    pub major: u8,
    /// Vendor IDs, lowercase hex.
    pub vendor_ids: Vec<String>,
    /// What the answer carried (`SA`, `NO_PROPOSAL_CHOSEN`, `INVALID_KE_PAYLOAD`).
    pub behaviour: Vec<String>,
}

/// Reads an answer to our probe; `None` if it is not IKE, or not an
/// answer to `spi` (our initiator SPI / cookie).
pub fn parse(buf: &[u8], spi: [u8; 8]) -> Option<Answer> {
    if buf.len() < HEADER || buf[..8] != spi {
        return None;
    }
    let major = buf[17] >> 4;
    if major != 1 && major != 2 {
        return None;
    }
    let declared = u32::from_be_bytes([buf[24], buf[25], buf[26], buf[27]]) as usize;
    let end = declared.clamp(HEADER, buf.len());
    let (vid_type, notify_type, sa_type) = if major == 2 {
        (43, 41, 33)
    } else {
        (13, 11, 1)
    };
    let mut next = buf[16];
    let mut at = HEADER;
    let mut answer = Answer {
        major,
        ..Answer::default()
    };
    // IKEv1 flags bit 0 = encrypted: the payloads are unreadable.
    if major == 1 && buf[19] & 1 != 0 {
        answer.behaviour.push("encrypted".into());
        return Some(answer);
    }
    let mut walked = 0;
    while next != 0 && walked < MAX_PAYLOADS {
        walked += 1;
        let Some(head) = buf.get(at..at + 4) else {
            answer.behaviour.push("truncated".into());
            break;
        };
        if at >= end {
            answer.behaviour.push("truncated".into());
            break;
        }
        let len = u16::from_be_bytes([head[2], head[3]]) as usize;
        let Some(body) = (len >= 4).then(|| buf.get(at + 4..at + len)).flatten() else {
            answer.behaviour.push("malformed payload length".into());
            break;
        };
        if next == vid_type && answer.vendor_ids.len() < MAX_VIDS {
            answer.vendor_ids.push(
                body.iter()
                    .take(MAX_VID_BYTES)
                    .map(|b| format!("{b:02x}"))
                    .collect(),
            );
        } else if next == sa_type {
            answer.behaviour.push("SA".into());
        } else if next == notify_type {
            // v2: protocol(1) spi size(1) type(2); v1: DOI(4) protocol(1) spi size(1) type(2).
            let t = if major == 2 {
                body.get(2..4)
            } else {
                body.get(6..8)
            };
            if let Some(t) = t {
                answer
                    .behaviour
                    .push(notify_name(u16::from_be_bytes([t[0], t[1]])));
            }
        } else if major == 2 && next == 34 {
            answer.behaviour.push("KE".into());
        }
        next = head[0];
        at += len;
    }
    Some(answer)
}

fn notify_name(t: u16) -> String {
    match t {
        14 => "NO_PROPOSAL_CHOSEN".into(),
        17 => "INVALID_KE_PAYLOAD".into(),
        16388 => "NAT_DETECTION_SOURCE_IP".into(),
        16389 => "NAT_DETECTION_DESTINATION_IP".into(),
        16390 => "COOKIE".into(),
        16404 => "MULTIPLE_AUTH_SUPPORTED".into(),
        16430 => "IKEV2_FRAGMENTATION_SUPPORTED".into(),
        16431 => "SIGNATURE_HASH_ALGORITHMS".into(),
        other => format!("notify {other}"),
    }
}

/// Adds one answer to what was seen on `port`.
pub fn record(seen: &mut IkeSeen, port: u16, a: Answer) {
    seen.port = port;
    let tag = if a.major == 2 { "v2" } else { "v1" };
    if a.major == 2 {
        seen.v2 = true;
    } else {
        seen.v1 = true;
    }
    for v in a.vendor_ids {
        if !seen.vendor_ids.contains(&v) {
            seen.vendor_ids.push(v);
        }
    }
    for b in a.behaviour {
        let b = format!("{tag}: {b}");
        if !seen.behaviour.contains(&b) {
            seen.behaviour.push(b);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hex(s: &str) -> Vec<u8> {
        let s: String = s.split_whitespace().collect();
        (0..s.len())
            .step_by(2)
            .map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap())
            .collect()
    }

    const SPI: [u8; 8] = [1, 2, 3, 4, 5, 6, 7, 8];

    #[test]
    fn ikev2_vendor_ids_and_notify() {
        // Header (next N=41), notify NO_PROPOSAL_CHOSEN (next V=43), VID strongSwan.
        let m = hex(
            "0102030405060708 1111111111111111 29 20 22 20 00000000 00000038
             2b 00 0008 00 00 000e
             00 00 0014 882fe56d6fd20dbc2251613b2ebe5beb",
        );
        let a = parse(&m, SPI).unwrap();
        assert_eq!(a.major, 2);
        assert_eq!(a.vendor_ids, vec!["882fe56d6fd20dbc2251613b2ebe5beb"]);
        assert_eq!(a.behaviour, vec!["NO_PROPOSAL_CHOSEN"]);
        let mut seen = IkeSeen::default();
        record(&mut seen, 500, a);
        assert!(seen.v2 && !seen.v1);
    }

    #[test]
    fn ikev1_vendor_ids() {
        let m = hex(
            "0102030405060708 1111111111111111 0d 10 02 00 00000000 00000038
             0d 00 0014 afcad71368a1f1c96b8696fc77570100
             00 00 000c 09002689dfd6b712",
        );
        let a = parse(&m, SPI).unwrap();
        assert_eq!(a.major, 1);
        assert_eq!(
            a.vendor_ids,
            vec!["afcad71368a1f1c96b8696fc77570100", "09002689dfd6b712"]
        );
    }

    #[test]
    fn malformed_answers_never_panic() {
        assert!(parse(&[], SPI).is_none());
        let mut m =
            hex("0102030405060708 1111111111111111 2b 20 22 20 00000000 00000030 00 00 ffff 00");
        let a = parse(&m, SPI).unwrap();
        assert_eq!(a.behaviour, vec!["malformed payload length"]);
        m[0] = 9;
        assert!(parse(&m, SPI).is_none());
        // A zero-length payload must not loop forever.
        let z = hex(
            "0102030405060708 1111111111111111 2b 20 22 20 00000000 00000024 2b 00 0000 00000000",
        );
        assert!(parse(&z, SPI).is_some());
        for n in 0..64 {
            let mut b = vec![0u8; n];
            b[..n.min(8)].copy_from_slice(&SPI[..n.min(8)]);
            let _ = parse(&b, SPI);
        }
    }
}
