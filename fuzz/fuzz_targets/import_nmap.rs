//! Any bytes as nmap XML: parsing never panics, never expands an entity.
#![no_main]

use koseizu::import::nmap;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = nmap::parse(data);
});
