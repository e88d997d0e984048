//! `koseizu report` by the real binary, without a browser: the default
//! output path, the language, the page asks for nothing outside itself, and
//! a site file is never overwritten.
#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a failed unwrap is a failed test

use std::path::{Path, PathBuf};
use std::process::Command;

fn sample_copy() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("data");
    copy_dir(&src, dir.path());
    dir
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        let p = e.path();
        if p.is_dir() {
            copy_dir(&p, &to.join(e.file_name()));
        } else if !e.file_name().to_string_lossy().starts_with("report") {
            std::fs::copy(&p, to.join(e.file_name())).unwrap();
        }
    }
}

fn koseizu(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_koseizu"))
        .args(args)
        .output()
        .unwrap()
}

#[test]
fn default_output_is_site_report_html_and_self_contained() {
    let site = sample_copy();
    let out = koseizu(&["report", site.path().to_str().unwrap()]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let path: PathBuf = site.path().join("report.html");
    assert_eq!(
        String::from_utf8_lossy(&out.stdout).trim(),
        path.display().to_string()
    );
    let html = std::fs::read_to_string(&path).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>"));
    let csp = html
        .split(r#"<meta http-equiv="Content-Security-Policy" content=""#)
        .nth(1)
        .and_then(|r| r.split('"').next())
        .unwrap();
    for must in [
        "default-src 'none'",
        "img-src 'none'",
        "connect-src 'none'",
        "form-action 'none'",
        "base-uri 'none'",
    ] {
        assert!(csp.contains(must), "{csp}");
    }
    assert!(
        !csp.contains("unsafe-inline") && !csp.contains("http"),
        "{csp}"
    );
    // Nothing that could fetch: no link, import, url(), src or href to a resource.
    for bad in [
        "<link", "@import", " src=", "<iframe", "<object", "<embed", "<img",
    ] {
        assert!(!html.contains(bad), "{bad} in the page");
    }
    // Links only within the page (URLs of contacts are shown as text).
    for (i, _) in html.match_indices("href=") {
        assert!(html[i..].starts_with("href=\"#"), "{}", &html[i..i + 40]);
    }
    // url() only to the diagram's own markers.
    for (i, _) in html.match_indices("url(") {
        assert!(html[i..].starts_with("url(#"), "{}", &html[i..i + 40]);
    }
    // Every section is there, in Japanese (site.toml's language).
    for id in [
        "diagram", "devices", "audit", "changes", "external", "contacts",
    ] {
        assert!(html.contains(&format!(r#"<section id="{id}""#)), "{id}");
    }
    assert!(html.contains("機器一覧") && html.contains("前回のスキャンからの変化"));
    assert!(html.contains("<svg") && html.contains("</svg>"));
    assert!(
        !html.contains("<?xml"),
        "the inline SVG has no XML declaration"
    );
}

#[test]
fn english_on_request() {
    let site = sample_copy();
    let out_path = site.path().join("en.html");
    let out = koseizu(&[
        "report",
        site.path().to_str().unwrap(),
        "--lang",
        "en",
        "-o",
        out_path.to_str().unwrap(),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let html = std::fs::read_to_string(&out_path).unwrap();
    assert!(html.contains(r#"<html lang="en">"#));
    for w in [
        "Devices",
        "Audit findings",
        "Changes since the previous scan",
        "External connections",
        "Contacts (appendix 3)",
    ] {
        assert!(html.contains(w), "{w}");
    }
}

#[test]
fn never_overwrites_a_site_file() {
    let site = sample_copy();
    let ledger = site.path().join("devices.csv");
    let before = std::fs::read(&ledger).unwrap();
    let out = koseizu(&[
        "report",
        site.path().to_str().unwrap(),
        "-o",
        ledger.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(std::fs::read(&ledger).unwrap(), before);
}

/// The rows the page's script renders, from its embedded JSON block.
fn embedded_rows(html: &str) -> Vec<serde_json::Value> {
    let start = html
        .find(r#"<script type="application/json" id="report-data">"#)
        .unwrap();
    let body = &html[start..];
    let body = &body[body.find('>').unwrap() + 1..body.find("</script>").unwrap()];
    let data: serde_json::Value = serde_json::from_str(body).unwrap();
    data["rows"].as_array().unwrap().clone()
}

#[test]
fn the_device_table_shows_the_switch_port_an_snmp_poll_placed() {
    let site = sample_copy();
    let ledger = koseizu::site::load(site.path()).unwrap().site;
    let dev = ledger.devices.iter().find(|d| d.mac.is_some()).unwrap();
    let mac = dev.mac.unwrap().to_string();
    // The sample's latest scan, as if `koseizu poll` had also read the
    // switches: one ledger device on an edge port, one unregistered host
    // seen on uplinks only.
    let scan = site.path().join("scans/2026-11-02T010000Z.json");
    // An unregistered host with a MAC, from the report without the poll
    // (whose switch port column is empty everywhere).
    let plain = sample_copy();
    let out = koseizu(&["report", plain.path().to_str().unwrap()]);
    assert!(out.status.success());
    let html = std::fs::read_to_string(plain.path().join("report.html")).unwrap();
    let plain_rows = embedded_rows(&html);
    assert!(plain_rows.iter().all(|r| r[10] == ""));
    let stranger = plain_rows
        .iter()
        .find(|r| r[0] == "unregistered" && r[5] != "")
        .unwrap()[5]
        .as_str()
        .unwrap()
        .to_string();
    let mut snap: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&scan).unwrap()).unwrap();
    snap["switching"] = serde_json::json!({
        "placements": [
            { "mac": mac, "device": "NW-010", "device_name": "2F スイッチ",
              "port": "Gi1/0/5", "vlan": 20, "uplink_only": false },
            { "mac": stranger, "device": "NW-001", "device_name": "コアスイッチ",
              "port": "Te1/1/1", "uplink_only": true },
        ]
    });
    std::fs::write(&scan, serde_json::to_string(&snap).unwrap()).unwrap();
    let out_path = site.path().join("out.html");
    let out = koseizu(&[
        "report",
        site.path().to_str().unwrap(),
        "-o",
        out_path.to_str().unwrap(),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let html = std::fs::read_to_string(&out_path).unwrap();
    assert!(html.contains("<button type=\"button\" class=\"sort\">スイッチポート</button>"));
    let rows = embedded_rows(&html);
    let row = rows.iter().find(|r| r[1] == dev.id.as_str()).unwrap();
    assert_eq!(row[10], "2F スイッチ Gi1/0/5 (VLAN 20)", "{row:?}");
    let host = rows
        .iter()
        .find(|r| r[0] == "unregistered" && r[5] == stranger.as_str())
        .unwrap();
    assert_eq!(
        host[10], "コアスイッチ Te1/1/1 [上位ポートでのみ検出]",
        "{host:?}"
    );
    // Every other row has no port: nothing was invented.
    let with_port = rows.iter().filter(|r| r[10] != "").count();
    assert_eq!(with_port, 2);
}
