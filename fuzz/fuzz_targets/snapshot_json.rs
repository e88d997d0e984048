//! Any bytes as a snapshot file: an error or a snapshot that writes and reads back equal.
#![no_main]

use koseizu::snapshot::Snapshot;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(snap) = Snapshot::from_slice(data) {
        let mut out = Vec::new();
        snap.write_to(&mut out).expect("write to Vec");
        let back = Snapshot::from_slice(&out).expect("what we write we read");
        assert_eq!(back, snap);
    }
});
