//! Hostile devices: certificate fields, titles and banners with control
//! characters, bidi overrides, markup, 64 kB lengths and invalid UTF-8 come
//! out bounded and cleaned in every output, and no parser panics on
//! arbitrary bytes (a deterministic sweep; the fuzz targets go further).
#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a failed unwrap is a failed test

use std::process::{Command, Stdio};

use koseizu::identify::observe::{HttpSeen, Observations, SshSeen};
use koseizu::identify::{cert, http, ike, ssh, MAX_FIELD_CHARS};

fn xorshift(seed: &mut u64) -> u64 {
    *seed ^= *seed << 13;
    *seed ^= *seed >> 7;
    *seed ^= *seed << 17;
    *seed
}

#[test]
fn no_parser_panics_on_arbitrary_bytes() {
    let mut seed = 0x9e37_79b9_7f4a_7c15u64;
    let spi = [1, 2, 3, 4, 5, 6, 7, 8];
    for round in 0..20_000 {
        let len = (xorshift(&mut seed) % 600) as usize;
        let mut b: Vec<u8> = (0..len).map(|_| xorshift(&mut seed) as u8).collect();
        // Start some inputs like the real thing, so the parsers get deep.
        match round % 4 {
            0 if b.len() > 8 => b[..8].copy_from_slice(&spi),
            1 => b
                .splice(0..0, b"HTTP/1.1 200 OK\r\n".iter().copied())
                .for_each(drop),
            2 => b.splice(0..0, b"SSH-2.0-".iter().copied()).for_each(drop),
            _ if b.len() > 2 => b[..2].copy_from_slice(&[0x30, 0x82]),
            _ => {}
        }
        let _ = cert::parse(443, &b);
        if let Ok(h) = http::parse(443, true, "/", &b, &["/remote/logincheck"]) {
            for f in [&h.server, &h.title, &h.etag, &h.location, &h.realm]
                .into_iter()
                .flatten()
            {
                assert!(f.chars().count() <= MAX_FIELD_CHARS + 1);
                assert!(!f.chars().any(koseizu::text::clean::is_hidden), "{f:?}");
            }
            let _ = http::same_host_redirect(&h, "198.18.0.1", 443);
        }
        if let Some(s) = ssh::parse(22, &b) {
            assert!(!s.banner.chars().any(koseizu::text::clean::is_hidden));
        }
        if let Some(a) = ike::parse(&b, spi) {
            assert!(a.vendor_ids.len() <= 16);
        }
    }
}

#[test]
fn a_hostile_certificate_is_read_bounded_and_cleaned() {
    if Command::new("openssl")
        .arg("version")
        .stdout(Stdio::null())
        .status()
        .is_err()
    {
        assert!(
            std::env::var_os("CI").is_none(),
            "openssl is needed and CI is set"
        );
        eprintln!("SKIPPED: openssl is not installed");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let (key, der) = (dir.path().join("k.pem"), dir.path().join("c.der"));
    let long = "A".repeat(60);
    let subj = format!("/CN=\u{202e}<script>alert(1)</script>\u{1b}[31m{long}/O={long}/OU={long}");
    let ok = Command::new("openssl")
        .args([
            "req",
            "-x509",
            "-newkey",
            "ec",
            "-pkeyopt",
            "ec_paramgen_curve:P-256",
            "-nodes",
            "-days",
            "1",
            "-utf8",
            "-outform",
            "DER",
            "-subj",
        ])
        .arg(&subj)
        .arg("-keyout")
        .arg(&key)
        .arg("-out")
        .arg(&der)
        .stderr(Stdio::null())
        .status()
        .unwrap();
    assert!(ok.success());
    let t = cert::parse(8443, &std::fs::read(&der).unwrap()).unwrap();
    assert_eq!(t.key, "EC P-256");
    assert!(t.self_signed);
    assert!(
        t.subject.chars().count() <= MAX_FIELD_CHARS + 1,
        "{}",
        t.subject
    );
    assert!(
        !t.subject.chars().any(koseizu::text::clean::is_hidden),
        "{:?}",
        t.subject
    );
    assert!(t.not_after > t.not_before);
}

#[test]
fn hostile_observations_come_out_clean_in_text_and_json() {
    let evil = "\u{202e}<script>x</script>\u{1b}]0;t\u{7}";
    let obs = Observations {
        http: vec![HttpSeen {
            port: 443,
            tls: true,
            path: "/".into(),
            status: 200,
            title: Some(evil.into()),
            server: Some(evil.into()),
            ..HttpSeen::default()
        }],
        ssh: vec![SshSeen {
            port: 22,
            banner: format!("SSH-2.0-{evil}"),
        }],
        ..Observations::default()
    };
    let check = koseizu::identify::WayOutCheck {
        device: Some(evil.into()),
        name: Some(evil.into()),
        ip: "198.18.0.1".parse().ok(),
        perimeter_of: vec![evil.into()],
        vendor_circuit: false,
        probed: true,
        seen: None,
        unknown_seen: vec![format!("443/https /: 200, title {evil}")],
        ledger: Default::default(),
        advisories: vec![],
        flags: vec![],
    };
    assert!(koseizu::identify::Signatures::bundled()
        .unwrap()
        .identify(&obs)
        .is_none());
    let dates = koseizu::identify::report::bundled_dates();
    let mut text = Vec::new();
    koseizu::identify::report::write_text(
        std::slice::from_ref(&check),
        dates,
        koseizu::site::Lang::En,
        &mut text,
    )
    .unwrap();
    let text = String::from_utf8(text).unwrap();
    assert!(
        !text.contains('\u{202e}') && !text.contains('\u{1b}') && !text.contains('\u{7}'),
        "{text:?}"
    );
    let mut json = Vec::new();
    koseizu::identify::report::write_json(&[check], dates, &mut json).unwrap();
    let json = String::from_utf8(json).unwrap();
    assert!(
        !json.contains('\u{202e}') && !json.contains('\u{1b}'),
        "{json}"
    );
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["ways_out"][0]["device"], evil);
}

#[test]
fn a_64_kb_title_and_banner_with_invalid_utf8_and_bidi_come_out_bounded() {
    use koseizu::identify::{http, ssh, MAX_FIELD_CHARS};
    let mut body = b"<html><head><title>".to_vec();
    for _ in 0..(64 * 1024 / 16) {
        body.extend_from_slice(b"\xff\xfe\xe2\x80\xae<b>\x1b[2J\xc3(AB");
    }
    body.extend_from_slice(b"</title></head></html>");
    let mut answer = format!(
        "HTTP/1.1 200 OK\r\nServer: \u{202e}evil\r\nContent-Length: {}\r\n\r\n",
        body.len()
    )
    .into_bytes();
    answer.extend_from_slice(&body);
    let seen = http::parse(443, true, "/", &answer, &[]).unwrap();
    let title = seen.title.expect("a title");
    // At most the bound, and the ellipsis that says it was cut.
    assert!(
        title.chars().count() <= MAX_FIELD_CHARS + 1 && title.ends_with('…'),
        "{}",
        title.chars().count()
    );
    assert!(
        !title
            .chars()
            .any(|c| c == '\u{202e}' || c == '\u{1b}' || c.is_control()),
        "{title:?}"
    );
    let server = seen.server.expect("server");
    assert!(
        !server.contains('\u{202e}') && !server.contains('\u{7}'),
        "{server:?}"
    );

    let mut banner = b"SSH-2.0-".to_vec();
    for _ in 0..(64 * 1024 / 8) {
        banner.extend_from_slice(b"\xff\xe2\x80\xae\x1b]0;");
    }
    banner.extend_from_slice(b"\r\n");
    if let Some(s) = ssh::parse(22, &banner) {
        assert!(s.banner.chars().count() <= 256, "{}", s.banner.len());
        assert!(
            !s.banner.chars().any(|c| c == '\u{202e}' || c.is_control()),
            "{:?}",
            s.banner
        );
    }
}
