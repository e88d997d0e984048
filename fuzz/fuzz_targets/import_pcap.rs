//! Any bytes as a pcap or pcapng file: reading never panics and stays bounded.
#![no_main]

use koseizu::import::pcap;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(p) = pcap::read(data) {
        assert!(p.hosts.len() <= koseizu::import::MAX_HOSTS);
    }
});
