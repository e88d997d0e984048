//! `koseizu map` end to end: the real binary on a copy of the bundled sample site.
#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a failed unwrap is a failed test

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn koseizu(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_koseizu"))
        .args(args)
        .output()
        .unwrap()
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        let p = e.path();
        if p.is_dir() {
            copy_dir(&p, &to.join(e.file_name()));
        } else {
            std::fs::copy(&p, to.join(e.file_name())).unwrap();
        }
    }
}

fn sample() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("site");
    copy_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("data"), &site);
    (dir, site)
}

fn well_formed(xml: &str) {
    let mut r = quick_xml::Reader::from_str(xml);
    loop {
        if r.read_event().expect("well-formed SVG") == quick_xml::events::Event::Eof {
            break;
        }
    }
}

#[test]
fn default_output_is_site_diagram_svg() {
    let (_d, site) = sample();
    let out = koseizu(&["map", site.to_str().unwrap(), "--no-scans"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let path = site.join("diagram.svg");
    assert_eq!(
        String::from_utf8_lossy(&out.stdout).trim(),
        path.display().to_string()
    );
    let svg = std::fs::read_to_string(&path).unwrap();
    well_formed(&svg);
    assert!(svg.contains("さくら総合病院"));
    assert!(svg.contains("更新日: 2026-11-01"));
    assert!(svg.contains("ネットワーク未接続") || svg.contains("セグメント"));
    let leftovers: Vec<_> = std::fs::read_dir(&site)
        .unwrap()
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "temporary file left behind");
}

#[test]
fn formats_language_and_stdout() {
    let (_d, site) = sample();
    let s = site.to_str().unwrap();
    let dot = koseizu(&["map", s, "--format", "dot", "-o", "-"]);
    assert!(dot.status.success());
    let dot = String::from_utf8(dot.stdout).unwrap();
    assert!(dot.starts_with("digraph koseizu {") && dot.contains("cluster_inside"));
    let json = koseizu(&["map", s, "--format", "json", "-o", "-", "--lang", "en"]);
    assert!(json.status.success());
    let v: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(v["lang"], "en");
    assert!(v["totals"]["devices"].as_u64().unwrap() > 200);
    let en = site.join("en.svg");
    let out = koseizu(&["map", s, "--lang", "en", "-o", en.to_str().unwrap()]);
    assert!(out.status.success());
    let svg = std::fs::read_to_string(&en).unwrap();
    well_formed(&svg);
    assert!(svg.contains("Outside the hospital") && !svg.contains("院外（外部接続）"));
}

#[test]
fn bad_site_exits_2_and_leaves_the_old_diagram() {
    let (_d, site) = sample();
    let s = site.to_str().unwrap();
    let target = site.join("diagram.svg");
    std::fs::write(&target, "old diagram").unwrap();
    // A dangling reference: a line terminated by a device nobody registered.
    let lines = std::fs::read_to_string(site.join("lines.csv")).unwrap();
    let broken = lines.replacen("NW-003", "NO-SUCH-DEVICE", 1);
    assert_ne!(lines, broken);
    std::fs::write(site.join("lines.csv"), &broken).unwrap();
    // English messages (the sample's own language is Japanese).
    let out = koseizu(&["map", s, "--lang", "en"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("lines.csv") && err.contains("NO-SUCH-DEVICE"),
        "{err}"
    );
    // File, line, column and value, exactly.
    let row = broken
        .lines()
        .position(|l| l.contains("NO-SUCH-DEVICE"))
        .unwrap()
        + 1;
    let expected =
        format!("lines.csv:{row}: 接続機器 \"NO-SUCH-DEVICE\": no such id in devices.csv");
    assert!(err.lines().any(|l| l == expected), "{err}");
    assert!(out.stdout.is_empty(), "nothing announced as written");
    assert_eq!(std::fs::read_to_string(&target).unwrap(), "old diagram");

    let out = koseizu(&["map", "/nonexistent/koseizu-site"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("/nonexistent/koseizu-site"));
    assert!(!Path::new("/nonexistent/koseizu-site/diagram.svg").exists());
}

/// `-o` naming one of the site's own files is refused before anything is written.
#[test]
fn output_onto_a_site_file_is_refused() {
    let (_d, site) = sample();
    let ledger = site.join("devices.csv");
    let before = std::fs::read(&ledger).unwrap();
    let out = koseizu(&[
        "map",
        site.to_str().unwrap(),
        "-o",
        ledger.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("devices.csv") && err.contains("-o"), "{err}");
    assert_eq!(std::fs::read(&ledger).unwrap(), before, "ledger replaced");
    // The same file reached through another spelling of the folder.
    let other = site.join(".").join("site.toml");
    let toml = std::fs::read(site.join("site.toml")).unwrap();
    let out = koseizu(&["map", site.to_str().unwrap(), "-o", other.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(std::fs::read(site.join("site.toml")).unwrap(), toml);
}

#[test]
fn unwritable_output_exits_2_without_a_file() {
    let (_d, site) = sample();
    let target = site.join("no-such-dir").join("d.svg");
    let out = koseizu(&[
        "map",
        site.to_str().unwrap(),
        "-o",
        target.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(!target.exists());
    assert!(String::from_utf8_lossy(&out.stderr).contains("d.svg"));
}

#[test]
fn scans_in_the_site_are_marked_and_no_scans_ignores_them() {
    use koseizu::synth::{synthetic_snapshot, SnapSpec};
    let (_d, site) = sample();
    let loaded = koseizu::site::load(&site).unwrap().site;
    let snap = synthetic_snapshot(
        &loaded,
        &SnapSpec {
            seen_fraction: 0.9,
            unregistered: 3,
            undeclared_routers: 1,
            seed: 7,
        },
    );
    snap.save_in_site(&site).unwrap();
    let s = site.to_str().unwrap();
    let out = koseizu(&["map", s, "-o", "-"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let svg = String::from_utf8(out.stdout).unwrap();
    well_formed(&svg);
    assert!(
        svg.matches("mark-unregistered").count() >= 3,
        "unregistered hosts drawn"
    );
    assert!(
        svg.contains("mark-undeclared-external"),
        "the undeclared router drawn"
    );
    assert!(svg.contains("⚠ 未登録"));
    let plain = koseizu(&["map", s, "-o", "-", "--no-scans"]);
    assert!(plain.status.success());
    assert!(!String::from_utf8(plain.stdout)
        .unwrap()
        .contains("mark-unregistered"));
}
