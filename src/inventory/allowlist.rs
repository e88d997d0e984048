//! Which ledger devices belong on the MAC allowlist for MAC-address
//! authentication (chapter 10 of the manual: keep unregistered devices off
//! the network); the files themselves are written by
//! [`crate::report::allowlist`] in three formats:
//! - `plain`: one lower-case colon-separated MAC a line under a `#` header
//!   (switch port-security lists, scripts);
//! - `csv`: id, name, MAC, IP, segment for Excel (BOM, CRLF, neutralised);
//! - `freeradius`: a FreeRADIUS `users`/`authorize` file (rlm_files) for MAC
//!   authentication bypass: one entry per device whose name is the MAC as
//!   twelve lower-case hex digits, checked with `Cleartext-Password :=` the
//!   same string, which is what switches doing MAB send as User-Name and
//!   User-Password by default (Cisco; others can be set to it).
//!
//! Group, multicast and VRRP/HSRP virtual MACs are left out: no device
//! authenticates with them.

use crate::mac::{MacAddr, MacClass};
use crate::site::{Device, Site};

/// Ledger devices that belong on the allowlist, in ledger order.
pub fn allowed_devices(site: &Site) -> impl Iterator<Item = (&Device, MacAddr)> {
    site.devices.iter().filter_map(|d| {
        let mac = d.mac?;
        matches!(mac.class(), MacClass::Universal | MacClass::Randomised).then_some((d, mac))
    })
}
