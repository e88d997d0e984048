//! Any bytes as the site's files: loading never panics.
//!
//! The input is split on the first two 0xFF bytes into site.toml,
//! devices.csv and segments.csv, so the fuzzer can reach references
//! between files as well as each file's parser.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let mut parts = data.splitn(3, |b| *b == 0xff);
    let toml = parts.next().unwrap_or_default();
    let devices = parts.next().unwrap_or_default();
    let segments = parts.next();
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(dir.path().join("site.toml"), toml).expect("write");
    std::fs::write(dir.path().join("devices.csv"), devices).expect("write");
    if let Some(s) = segments {
        std::fs::write(dir.path().join("segments.csv"), s).expect("write");
    }
    let _ = koseizu::site::load(dir.path());
});
