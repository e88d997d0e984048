//! What an SSH server sends first: a bounded, cleaned banner or none, never a panic.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Some(s) = koseizu::identify::ssh::parse(22, data) {
        assert!(s.banner.starts_with("SSH-"));
        assert!(s.banner.chars().count() <= 256);
        assert!(!s.banner.chars().any(koseizu::text::clean::is_hidden));
    }
});
