//! A minimal site folder loads: only site.toml and devices.csv.
#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a failed unwrap is a failed test

use std::fs;

use koseizu::site::{self, DeviceKind, Lang};

#[test]
fn site_with_only_toml_and_devices_loads() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        dir.path().join("site.toml"),
        "name = \"テスト病院\"\nupdated = \"2026/11/01\"\n",
    )
    .unwrap();
    fs::write(
        dir.path().join("devices.csv"),
        "id,name,kind,mac,ip,segment\r\nD1,電カルサーバ,サーバ,00-1a-2b-3c-4d-5e,192.168.1.10,基幹\r\nD2,,pc,,,\r\n",
    )
    .unwrap();
    let loaded = site::load(dir.path()).unwrap();
    let s = loaded.site;
    assert_eq!(s.meta.name, "テスト病院");
    assert_eq!(s.meta.language, Lang::Ja);
    assert_eq!(s.meta.updated.unwrap().to_string(), "2026-11-01");
    assert_eq!(s.devices.len(), 2);
    assert_eq!(s.devices[0].kind, DeviceKind::Server);
    assert_eq!(s.devices[0].at.line, 2);
    assert_eq!(s.devices[1].name, "D2");
    assert_eq!(s.devices[1].at.line, 3);
    assert!(s.devices[1].mac.is_none() && s.devices[1].ip.is_none());
    // segments.csv absent: the one segment named is implied, with a warning.
    assert_eq!(s.segments.len(), 1);
    assert_eq!(s.segments[0].id, "基幹");
    let shown: Vec<String> = loaded.warnings.iter().map(|w| w.to_string()).collect();
    assert_eq!(
        shown,
        ["segments.csv: absent: the 1 segment(s) named in devices.csv are assumed, without subnets or routing: 基幹"]
    );
}
