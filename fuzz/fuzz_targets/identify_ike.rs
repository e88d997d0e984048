//! An IKE responder's answer: Vendor IDs read by a checked walk of the
//! payload chain, bounded in number and size, never a panic.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let spi = match data.get(..8) {
        Some(s) => <[u8; 8]>::try_from(s).unwrap_or([0; 8]),
        None => return,
    };
    if let Some(a) = koseizu::identify::ike::parse(data, spi) {
        assert!(a.vendor_ids.len() <= 16);
        assert!(a.vendor_ids.iter().all(|v| v.len() <= 128));
        assert!(a.behaviour.len() <= 70);
    }
});
