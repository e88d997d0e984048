//! An HTTP answer as any server could send it: every field bounded and
//! cleaned, a redirect only to the same host, never a panic.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(h) = koseizu::identify::http::parse(443, true, "/", data, &["/remote/logincheck"]) {
        for f in [&h.server, &h.title, &h.etag, &h.location, &h.realm].into_iter().flatten() {
            assert!(f.chars().count() <= koseizu::identify::MAX_FIELD_CHARS + 1);
            assert!(!f.chars().any(koseizu::text::clean::is_hidden));
        }
        if let Some(p) = koseizu::identify::http::same_host_redirect(&h, "198.18.0.1", 443) {
            assert!(p.starts_with('/') && !p.starts_with("//"));
        }
    }
});
