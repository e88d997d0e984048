//! `koseizu map --format pdf`, checked with poppler's own tools: one
//! landscape A3 page, every font embedded, the hospital's name and every
//! line, vendor and cloud service found as text (Japanese selectable); no
//! Japanese font installed → exit 2 naming the package, no file written.
#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a failed unwrap is a failed test

use std::path::{Path, PathBuf};
use std::process::Command;

fn sample() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("data")
}

/// True when poppler-utils are installed; panics under CI when not.
fn poppler() -> bool {
    let ok = Command::new("pdfinfo").arg("-v").output().is_ok();
    if !ok {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI is set but pdfinfo is missing (apt-get install poppler-utils)"
        );
        eprintln!("skipped: poppler-utils not installed");
    }
    ok
}

fn tool(name: &str, pdf: &Path) -> String {
    let out = Command::new(name)
        .arg(pdf)
        .args(if name == "pdftotext" {
            &["-"][..]
        } else {
            &[][..]
        })
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{name}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

fn squeeze(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

#[test]
fn the_sample_is_one_a3_page_with_fonts_embedded_and_its_text_searchable() {
    if !poppler() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let pdf = dir.path().join("diagram.pdf");
    let out = Command::new(env!("CARGO_BIN_EXE_koseizu"))
        .args([
            "map",
            sample().to_str().unwrap(),
            "--format",
            "pdf",
            "-o",
            pdf.to_str().unwrap(),
        ])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );

    let info = tool("pdfinfo", &pdf);
    assert!(
        info.lines()
            .any(|l| l.split_whitespace().collect::<Vec<_>>() == ["Pages:", "1"]),
        "{info}"
    );
    assert!(
        info.contains("Page size:       1190.55 x 841.89 pts"),
        "{info}"
    );

    let fonts = tool("pdffonts", &pdf);
    let rows: Vec<&str> = fonts.lines().skip(2).collect();
    assert!(!rows.is_empty(), "{fonts}");
    for r in &rows {
        // name type encoding emb sub uni object ID: emb is the 4th from the end but two.
        let cols: Vec<&str> = r.split_whitespace().collect();
        assert_eq!(cols[cols.len() - 5], "yes", "not embedded: {r}");
    }

    let text = squeeze(&tool("pdftotext", &pdf));
    let site = koseizu::site::load(&sample()).unwrap().site;
    let mut names = vec![site.meta.name.clone()];
    names.extend(site.lines.iter().map(|l| l.name.clone()));
    names.extend(site.circuits.iter().map(|c| c.vendor.clone()));
    names.extend(site.clouds.iter().map(|c| c.name.clone()));
    for n in names {
        assert!(
            text.contains(&squeeze(&n)),
            "{n:?} not found in the PDF's text"
        );
    }
}

#[test]
fn without_a_japanese_font_it_names_the_package_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let empty = dir.path().join("no-fonts");
    std::fs::create_dir(&empty).unwrap();
    let conf = dir.path().join("fonts.conf");
    std::fs::write(
        &conf,
        format!(
            "<?xml version=\"1.0\"?>\n<fontconfig><dir>{}</dir></fontconfig>\n",
            empty.display()
        ),
    )
    .unwrap();
    let pdf = dir.path().join("diagram.pdf");
    let out = Command::new(env!("CARGO_BIN_EXE_koseizu"))
        .args([
            "map",
            sample().to_str().unwrap(),
            "--format",
            "pdf",
            "-o",
            pdf.to_str().unwrap(),
        ])
        .env("FONTCONFIG_FILE", &conf)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("fonts-noto-cjk"), "{err}");
    assert!(!pdf.exists(), "no PDF with missing text");
}
