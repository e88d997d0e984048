//! A certificate as any TLS server could send it: read or refused, never a panic.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(t) = koseizu::identify::cert::parse(443, data) {
        assert!(t.subject.chars().count() <= koseizu::identify::MAX_FIELD_CHARS + 1);
        assert!(!t.subject.chars().any(koseizu::text::clean::is_hidden));
    }
});
