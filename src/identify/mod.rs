//! Identification of ways out: what make, product and firmware each one is,
//! and whether that firmware is one attackers are known to use.
//!
//! Everything here is pure: the probes that open sockets are in
//! `scan::identify`. [`observe`] holds what a probe saw (stored in the
//! snapshot, bounded and cleaned when captured); [`cert`], [`http`],
//! [`ssh`] and [`ike`] turn the bytes a device sent into those
//! observations, never panicking on malformed input; [`signatures`]
//! matches observations to make/product/firmware; [`advisories`] matches
//! a product and firmware to known-exploited vulnerabilities; [`ledger`]
//! reads what the ledger says; [`ways_out`] puts it all together per way
//! out (for `audit`, `identify` and the checklist).

pub mod advisories;
pub mod cert;
pub mod http;
pub mod ike;
pub mod ledger;
pub mod observe;
pub mod report;
pub mod signatures;
pub mod ssh;
pub mod version;
pub mod ways_out;

pub use advisories::{Advisories, Advisory, AdvisoryMatch};
pub use observe::{HttpSeen, IkeSeen, Observations, SshSeen, TlsSeen};
pub use signatures::{Confidence, Identification, Signatures};
pub use ways_out::{ways_out, WayOutCheck, WayOutFlag, WayOutMark};

/// Longest text field kept from a device (banner, title, header, subject), in characters.
pub const MAX_FIELD_CHARS: usize = 200;

/// Bytes a device sent, as text fit to store: invalid UTF-8 replaced,
/// control, bidi and other hidden characters dropped, surrounding white
/// space trimmed, and cut to `max` characters (an ellipsis marks the cut).
pub fn bounded_text(bytes: &[u8], max: usize) -> String {
    // Look at no more than a few bytes per kept character: a 64 kB title
    // costs no more than a short one.
    let window = &bytes[..bytes.len().min(max.saturating_mul(4).saturating_add(4))];
    let text = String::from_utf8_lossy(window);
    let mut out = String::new();
    let mut kept = 0usize;
    let mut cut = bytes.len() > window.len();
    let mut pending_space = false;
    for c in text.chars() {
        let c = if c == '\t' || c == '\r' || c == '\n' {
            ' '
        } else {
            c
        };
        if c.is_control() || crate::text::clean::is_hidden(c) {
            continue;
        }
        if c == ' ' {
            pending_space = kept > 0;
            continue;
        }
        if kept >= max {
            cut = true;
            break;
        }
        if pending_space {
            if kept + 1 >= max {
                cut = true;
                break;
            }
            out.push(' ');
            kept += 1;
            pending_space = false;
        }
        out.push(c);
        kept += 1;
    }
    if cut {
        out.push('…');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hostile_text_is_bounded_and_cleaned() {
        assert_eq!(
            bounded_text(b"  FortiGate\r\n  login ", 50),
            "FortiGate login"
        );
        assert_eq!(
            bounded_text("a\u{202e}b\u{0}c\u{1b}[31m".as_bytes(), 50),
            "abc[31m"
        );
        assert_eq!(bounded_text(b"\xff\xfeok", 50), "\u{fffd}\u{fffd}ok");
        let long = vec![b'x'; 65_536];
        let t = bounded_text(&long, 200);
        assert_eq!(t.chars().count(), 201);
        assert!(t.ends_with('…'));
        assert_eq!(bounded_text(b"abcdef", 3), "abc…");
        assert_eq!(bounded_text(b"", 3), "");
    }
}
