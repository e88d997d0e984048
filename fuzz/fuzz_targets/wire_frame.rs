//! Any bytes off the wire: parsing never panics, and what parses re-parses the same.
#![no_main]

use koseizu::scan::wire::parse_frame;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|frame: &[u8]| {
    if let Ok(first) = parse_frame(frame) {
        // Parsing is a pure function of the bytes.
        let again = parse_frame(frame).expect("parsed once, parses twice");
        assert_eq!(format!("{first:?}"), format!("{again:?}"));
    }
});
