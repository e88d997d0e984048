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
