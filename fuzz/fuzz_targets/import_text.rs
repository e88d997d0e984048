//! Any bytes as arp-scan output, dnsmasq leases, dhcpd.leases or a Windows
//! DHCP CSV, and through format recognition: never a panic.
#![no_main]

use koseizu::import::{arpscan, detect, leases, text};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = detect(data);
    let s = text::decode(data);
    let _ = arpscan::parse(&s);
    let _ = leases::parse_dnsmasq(&s);
    let _ = leases::parse_dhcpd(&s);
    let _ = leases::parse_windows_csv(&s);
});
