//! `MacAddr`: one MAC address whatever its spelling.
//!
//! Staff type MACs the way the device label, the switch or Excel shows them:
//! `00:1A:2B:3C:4D:5E`, `00-1a-2b-3c-4d-5e`, `001a.2b3c.4d5e` (Cisco),
//! `001A2B3C4D5E`, sometimes with single-digit groups (`0:1a:2b:…`, as BSD
//! `arp` prints) or in full-width characters from a Japanese IME. The
//! `mac_address` crate parses only the first two and the bare form, so the
//! normalisation is ours; the bytes live in its `MacAddress`.

use std::fmt;
use std::str::FromStr;

use mac_address::MacAddress;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A 48-bit Ethernet MAC address, parsed from any common spelling.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct MacAddr([u8; 6]);

/// Why a string is not a MAC address.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("not a MAC address")]
pub struct MacParseError;

/// What a MAC address says about the device that uses it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum MacClass {
    /// A burned-in, globally unique address.
    Universal,
    /// Locally administered: usually a phone or laptop's randomised
    /// (private Wi-Fi) address, sometimes a virtual machine.
    Randomised,
    /// The VRRP virtual router MAC (00-00-5E-00-01-xx / 00-00-5E-00-02-xx).
    Vrrp,
    /// The Cisco HSRP virtual MAC (00-00-0C-07-AC-xx, 00-00-0C-9F-Fx-xx).
    Hsrp,
    /// A group (multicast or broadcast) address: never a host.
    Multicast,
}

impl MacAddr {
    /// The broadcast address ff:ff:ff:ff:ff:ff.
    pub const BROADCAST: MacAddr = MacAddr([0xff; 6]);
    /// The all-zero address (unknown target in ARP requests).
    pub const ZERO: MacAddr = MacAddr([0; 6]);

    /// Builds a MAC from its six bytes.
    pub const fn new(bytes: [u8; 6]) -> Self {
        MacAddr(bytes)
    }

    /// The six bytes.
    pub const fn octets(&self) -> [u8; 6] {
        self.0
    }

    /// True for locally administered addresses (bit 1 of the first octet).
    pub fn is_locally_administered(&self) -> bool {
        self.0[0] & 0x02 != 0
    }

    /// True for group (multicast/broadcast) addresses.
    pub fn is_multicast(&self) -> bool {
        self.0[0] & 0x01 != 0
    }

    /// Classifies the address: universal, randomised, VRRP/HSRP virtual, multicast.
    pub fn class(&self) -> MacClass {
        let b = self.0;
        if self.is_multicast() {
            MacClass::Multicast
        } else if b[..4] == [0x00, 0x00, 0x5e, 0x00] && (b[4] == 0x01 || b[4] == 0x02) {
            MacClass::Vrrp
        } else if b[..5] == [0x00, 0x00, 0x0c, 0x07, 0xac]
            || (b[..4] == [0x00, 0x00, 0x0c, 0x9f] && b[4] & 0xf0 == 0xf0)
        {
            MacClass::Hsrp
        } else if self.is_locally_administered() {
            MacClass::Randomised
        } else {
            MacClass::Universal
        }
    }

    /// The first three octets as upper-case hex without separators ("001A2B").
    pub fn oui_hex(&self) -> String {
        format!("{:02X}{:02X}{:02X}", self.0[0], self.0[1], self.0[2])
    }
}

impl From<MacAddress> for MacAddr {
    fn from(m: MacAddress) -> Self {
        MacAddr(m.bytes())
    }
}

impl From<MacAddr> for MacAddress {
    fn from(m: MacAddr) -> Self {
        MacAddress::new(m.0)
    }
}

impl From<[u8; 6]> for MacAddr {
    fn from(b: [u8; 6]) -> Self {
        MacAddr(b)
    }
}

/// Maps full-width ASCII (U+FF01..U+FF5E, what a Japanese IME types) to ASCII.
fn halfwidth(c: char) -> char {
    match c {
        '\u{ff01}'..='\u{ff5e}' => char::from_u32(c as u32 - 0xfee0).unwrap_or(c),
        '\u{3000}' => ' ',
        _ => c,
    }
}

impl FromStr for MacAddr {
    type Err = MacParseError;

    fn from_str(input: &str) -> Result<Self, Self::Err> {
        let s: String = input.trim().chars().map(halfwidth).collect();
        let s = s.trim();
        if s.is_empty() || !s.is_ascii() {
            return Err(MacParseError);
        }
        let seps: &[char] = &[':', '-', '.', ' '];
        let groups: Vec<&str> = s.split(seps).collect();
        let mut hex = String::with_capacity(12);
        match groups.len() {
            // bare: 001A2B3C4D5E
            1 => hex.push_str(groups[0]),
            // Cisco dotted 001a.2b3c.4d5e
            3 if groups.iter().all(|g| g.len() == 4) && s.contains('.') => {
                groups.iter().for_each(|g| hex.push_str(g))
            }
            // 6 groups of 1-2 digits, one kind of separator throughout
            6 if groups.iter().all(|g| (1..=2).contains(&g.len())) => {
                let sep_count = s.chars().filter(|c| seps.contains(c)).count();
                let first = s.chars().find(|c| seps.contains(c)).ok_or(MacParseError)?;
                if s.chars().filter(|&c| c == first).count() != sep_count {
                    return Err(MacParseError);
                }
                for g in &groups {
                    if g.len() == 1 {
                        hex.push('0');
                    }
                    hex.push_str(g);
                }
            }
            _ => return Err(MacParseError),
        }
        if hex.len() != 12 || !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Err(MacParseError);
        }
        let mut out = [0u8; 6];
        for (i, byte) in out.iter_mut().enumerate() {
            *byte = u8::from_str_radix(&hex[i * 2..i * 2 + 2], 16).map_err(|_| MacParseError)?;
        }
        Ok(MacAddr(out))
    }
}

impl fmt::Display for MacAddr {
    /// Canonical form: lower-case, colon-separated.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let b = self.0;
        write!(
            f,
            "{:02x}:{:02x}:{:02x}:{:02x}:{:02x}:{:02x}",
            b[0], b[1], b[2], b[3], b[4], b[5]
        )
    }
}

impl fmt::Debug for MacAddr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "MacAddr({self})")
    }
}

impl Serialize for MacAddr {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for MacAddr {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        s.parse()
            .map_err(|_| serde::de::Error::custom(format!("not a MAC address: {s:?}")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const BYTES: [u8; 6] = [0x00, 0x1a, 0x2b, 0x3c, 0x4d, 0x5e];

    #[test]
    fn every_common_spelling_is_one_mac() {
        for s in [
            "00:1A:2B:3C:4D:5E",
            "00-1a-2b-3c-4d-5e",
            "001a.2b3c.4d5e",
            "001A2B3C4D5E",
            "0:1a:2b:3c:4d:5e",
            " 00:1a:2b:3c:4d:5e ",
            "００：１Ａ：２Ｂ：３Ｃ：４Ｄ：５Ｅ",
        ] {
            assert_eq!(s.parse::<MacAddr>(), Ok(MacAddr(BYTES)), "{s}");
        }
    }

    #[test]
    fn malformed_macs_are_rejected() {
        for s in [
            "",
            "00:1A:2B:3C:4D",
            "00:1A:2B:3C:4D:5E:6F",
            "00:1A-2B:3C:4D:5E",
            "001A2B3C4D5",
            "00:1A:2B:3C:4D:5G",
            "001a.2b3c.4d5",
            "０１２",
            "abc:1:2:3:4:5",
        ] {
            assert!(s.parse::<MacAddr>().is_err(), "{s}");
        }
    }

    #[test]
    fn display_is_canonical_and_round_trips() {
        let m = MacAddr(BYTES);
        assert_eq!(m.to_string(), "00:1a:2b:3c:4d:5e");
        assert_eq!(m.to_string().parse::<MacAddr>(), Ok(m));
        assert_eq!(serde_json::to_string(&m).unwrap(), "\"00:1a:2b:3c:4d:5e\"");
    }

    #[test]
    fn classes() {
        let c = |s: &str| s.parse::<MacAddr>().unwrap().class();
        assert_eq!(c("00:1a:2b:3c:4d:5e"), MacClass::Universal);
        assert_eq!(c("da:a1:19:00:00:01"), MacClass::Randomised);
        assert_eq!(c("00:00:5e:00:01:0a"), MacClass::Vrrp);
        assert_eq!(c("00:00:5e:00:02:0a"), MacClass::Vrrp);
        assert_eq!(c("00:00:0c:07:ac:01"), MacClass::Hsrp);
        assert_eq!(c("00:00:0c:9f:f0:01"), MacClass::Hsrp);
        assert_eq!(c("01:00:5e:00:00:01"), MacClass::Multicast);
        assert_eq!(c("ff:ff:ff:ff:ff:ff"), MacClass::Multicast);
    }
}
