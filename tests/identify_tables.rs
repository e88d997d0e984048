//! The bundled signature and advisory tables, entry by entry: each
//! signature is matched by an observation carrying its pattern (and only
//! as what it says), recorded answers of real products are identified,
//! and every advisory is checked at its range edges: the first affected
//! release, the last, the first fixed, and a build older than every range.
#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a failed unwrap is a failed test

use koseizu::identify::observe::{HttpSeen, IkeSeen, Observations, SshSeen, TlsSeen};
use koseizu::identify::signatures::{Kind, Signature};
use koseizu::identify::version::Version;
use koseizu::identify::{Advisories, Signatures};

fn tls(subject: &str, issuer: &str) -> TlsSeen {
    TlsSeen {
        port: 443,
        subject: subject.into(),
        issuer: issuer.into(),
        serial: "01".into(),
        not_before: None,
        not_after: None,
        self_signed: false,
        key: "RSA 2048".into(),
        sha256: "00".repeat(32),
        protocol: None,
    }
}

/// An observation whose field of `e`'s kind holds `e`'s pattern (and a version after it).
fn observation_for(e: &Signature) -> Observations {
    let text = if e.reads_version {
        format!("x {}9.2p1 y", e.pattern)
    } else {
        format!("x {} y", e.pattern)
    };
    let mut o = Observations::default();
    let mut h = HttpSeen {
        port: 443,
        tls: true,
        path: "/".into(),
        status: 200,
        ..HttpSeen::default()
    };
    match e.kind {
        Kind::IkeVid => {
            o.ike = Some(IkeSeen {
                port: 500,
                v2: true,
                vendor_ids: vec![format!("{}00ff", e.pattern)],
                ..IkeSeen::default()
            })
        }
        Kind::Ssh => o.ssh.push(SshSeen {
            port: 22,
            banner: text,
        }),
        Kind::HttpServer => h.server = Some(text),
        Kind::HttpTitle => h.title = Some(text),
        Kind::HttpMarker => h.markers.push(e.pattern.clone()),
        Kind::HttpLocation => h.location = Some(text),
        Kind::HttpRealm => h.realm = Some(text),
        Kind::CertSubject => o.tls.push(tls(&text, "CN=unrelated")),
        Kind::CertIssuer => o.tls.push(tls("CN=unrelated", &text)),
    }
    if matches!(
        e.kind,
        Kind::HttpServer
            | Kind::HttpTitle
            | Kind::HttpMarker
            | Kind::HttpLocation
            | Kind::HttpRealm
    ) {
        o.http.push(h);
    }
    o
}

#[test]
fn every_signature_matches_its_own_pattern_as_what_it_says() {
    let t = Signatures::bundled().unwrap();
    for e in &t.entries {
        let o = observation_for(e);
        let m = t.matches(&o);
        assert!(
            m.iter().any(|(s, _, _)| s.line == e.line),
            "line {}: {:?} not matched by {o:?}",
            e.line,
            e.pattern
        );
        if e.reads_version {
            let v = m
                .iter()
                .find(|(s, _, _)| s.line == e.line)
                .and_then(|(_, _, v)| v.clone());
            assert_eq!(v.as_deref(), Some("9.2p1"), "line {}", e.line);
        }
        if e.make != "-" {
            let id = t
                .identify(&o)
                .unwrap_or_else(|| panic!("line {}: not identified", e.line));
            // Another entry may match the same text (a marker is also a
            // location), but never one of another make.
            assert_eq!(id.make, e.make, "line {}", e.line);
        }
        assert!(
            !e.source.is_empty() && e.checked <= t.date,
            "line {}",
            e.line
        );
    }
    // Nothing matches an empty observation, and a feature alone identifies nothing.
    assert!(t.identify(&Observations::default()).is_none());
    let dpd = Observations {
        ike: Some(IkeSeen {
            port: 500,
            v1: true,
            vendor_ids: vec!["afcad71368a1f1c96b8696fc77570100".into()],
            ..IkeSeen::default()
        }),
        ..Observations::default()
    };
    assert!(t.identify(&dpd).is_none());
}

#[test]
fn recorded_answers_are_identified() {
    let t = Signatures::bundled().unwrap();
    let markers = t.markers();
    // A FortiOS SSL-VPN portal: the redirect and the login page.
    let redirect = koseizu::identify::http::parse(
        10443,
        true,
        "/",
        b"HTTP/1.1 302 Found\r\nServer: xxxxxxxx-xxxxx\r\nLocation: /remote/login?lang=en\r\nContent-Length: 0\r\n\r\n",
        &markers,
    )
    .unwrap();
    let page = koseizu::identify::http::parse(
        10443,
        true,
        "/remote/login?lang=en",
        b"HTTP/1.1 200 OK\r\nServer: xxxxxxxx-xxxxx\r\n\r\n<html><title>Please Login</title><form action=\"/remote/logincheck\"><input type=\"password\">",
        &markers,
    )
    .unwrap();
    let o = Observations {
        http: vec![redirect, page],
        ..Observations::default()
    };
    let id = t.identify(&o).unwrap();
    assert_eq!(
        (
            id.make.as_str(),
            id.product.as_str(),
            id.platform.as_deref()
        ),
        ("Fortinet", "FortiGate", Some("FortiOS"))
    );
    assert_eq!(id.confidence, koseizu::identify::Confidence::High);
    assert!(id.evidence.len() >= 3, "{:?}", id.evidence);
    // strongSwan's Vendor ID (MD5 of "strongSwan") in an IKEv2 answer.
    let o = Observations {
        ike: Some(IkeSeen {
            port: 500,
            v2: true,
            vendor_ids: vec!["882fe56d6fd20dbc2251613b2ebe5beb".into()],
            ..IkeSeen::default()
        }),
        ..Observations::default()
    };
    assert_eq!(t.identify(&o).unwrap().product, "strongSwan");
    // OpenSSH's banner gives its version.
    let o = Observations {
        ssh: vec![
            koseizu::identify::ssh::parse(22, b"SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u3\r\n")
                .unwrap(),
        ],
        ..Observations::default()
    };
    assert_eq!(t.identify(&o).unwrap().firmware.as_deref(), Some("9.2p1"));
    // Palo Alto GlobalProtect and Ivanti Connect Secure by their redirects.
    for (loc, make) in [
        ("/global-protect/login.esp", "Palo Alto Networks"),
        ("/dana-na/auth/url_default/welcome.cgi", "Ivanti"),
        ("/+CSCOE+/logon.html", "Cisco"),
        ("/logon/LogonPoint/tmindex.html", "Citrix"),
    ] {
        let r = format!("HTTP/1.1 302 Found\r\nLocation: {loc}\r\n\r\n");
        let h = koseizu::identify::http::parse(443, true, "/", r.as_bytes(), &markers).unwrap();
        let o = Observations {
            http: vec![h],
            ..Observations::default()
        };
        assert_eq!(t.identify(&o).unwrap().make, make, "{loc}");
    }
}

#[test]
fn every_advisory_at_its_range_edges() {
    let t = Advisories::bundled().unwrap();
    // Only entries checked against their sources are bundled (see the file's header).
    assert!(t.entries.len() >= 6);
    assert!(t.entries.iter().any(|a| a.cve == "CVE-2018-13379"));
    for a in &t.entries {
        assert!(
            a.source.to_lowercase().contains("kev"),
            "{}: source must name the KEV catalogue",
            a.cve
        );
        for r in &a.ranges {
            let first = t.affecting(&a.platform, &r.first);
            assert!(
                first.iter().any(|m| m.cve == a.cve),
                "{} first {}",
                a.cve,
                r.first
            );
            let last = t.affecting(&a.platform, &r.last);
            assert!(
                last.iter().any(|m| m.cve == a.cve),
                "{} last {}",
                a.cve,
                r.last
            );
            if let Some(f) = &r.fixed {
                let fixed = t.affecting(&a.platform, f);
                assert!(
                    !fixed.iter().any(|m| m.cve == a.cve),
                    "{} fixed {f} still affected",
                    a.cve
                );
                assert_eq!(
                    first
                        .iter()
                        .find(|m| m.cve == a.cve)
                        .unwrap()
                        .fixed
                        .as_deref(),
                    Some(f.as_str())
                );
            }
        }
        // Older than every range: 0.1.
        assert!(!t
            .affecting(&a.platform, "0.1")
            .iter()
            .any(|m| m.cve == a.cve));
        // Another platform never matches.
        assert!(!t
            .affecting("toaster-os", &a.ranges[0].first)
            .iter()
            .any(|m| m.cve == a.cve));
    }
}

#[test]
fn the_handa_and_osaka_fortios_versions() {
    let t = Advisories::bundled().unwrap();
    // CVE-2018-13379: FortiOS 6.0.0–6.0.4, 5.6.3–5.6.7, 5.4.6–5.4.12 (FG-IR-18-384).
    for v in [
        "FortiOS 6.0.4",
        "v6.0.4 build0231",
        "6.0.0",
        "5.6.3",
        "5.6.7",
        "5.4.6",
        "5.4.12",
    ] {
        let m = t.affecting("FortiOS", v);
        assert!(m.iter().any(|m| m.cve == "CVE-2018-13379"), "{v}");
    }
    for v in ["6.0.5", "5.6.8", "5.6.2", "5.4.13", "5.4.5", "6.2.0"] {
        assert!(
            !t.affecting("FortiOS", v)
                .iter()
                .any(|m| m.cve == "CVE-2018-13379"),
            "{v}"
        );
    }
    let m = t.affecting("FortiOS", "v5.6.7 build1653");
    let m = m.iter().find(|m| m.cve == "CVE-2018-13379").unwrap();
    assert_eq!(m.fixed.as_deref(), Some("5.6.8"));
    assert_eq!(m.kev_added.to_string(), "2021-11-03");
    assert!(Version::parse("Rev.14.01.38").is_some());
}

#[test]
fn a_newer_table_in_the_same_format_is_read() {
    let text = "date\t2027-01-15\nCVE-2027-0001\tExample\tExampleOS\t1.0..1.2\t1.3\t2027-01-10\ttest\tCISA KEV; vendor advisory EX-1\n";
    let t = Advisories::parse(text).unwrap();
    assert_eq!(t.date.to_string(), "2027-01-15");
    assert_eq!(t.affecting("exampleos", "1.1")[0].cve, "CVE-2027-0001");
}
