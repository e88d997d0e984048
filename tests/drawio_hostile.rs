//! `map --format drawio` with markup in every name: the file stays
//! well-formed XML, every label is plain text (`html=0`, so draw.io never
//! renders a name as HTML), and each hostile name is kept exactly as text.
#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a failed unwrap is a failed test

use std::path::Path;
use std::process::Command;

use quick_xml::events::Event;
use quick_xml::Reader;

const IMG: &str = "<img src=x onerror=alert(1)>";
const QUOTE: &str = "\"><svg onload=alert(3)>&amp;";

fn csv(dir: &Path, name: &str, rows: &[&[&str]]) {
    let mut w = csv::Writer::from_path(dir.join(name)).unwrap();
    for r in rows {
        w.write_record(*r).unwrap();
    }
    w.flush().unwrap();
}

#[test]
fn hostile_names_stay_text() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(
        d.join("site.toml"),
        "name = \"<b>H</b>\"\nupdated = \"2026-11-01\"\nlanguage = \"en\"\n",
    )
    .unwrap();
    csv(
        d,
        "segments.csv",
        &[&["id", "name", "cidr"], &["seg-a", IMG, "10.9.0.0/24"]],
    );
    csv(
        d,
        "devices.csv",
        &[
            &["id", "name", "kind", "ip", "segment", "vendor"],
            &["rtr", QUOTE, "router", "10.9.0.1", "seg-a", IMG],
            &["srv", IMG, "server", "10.9.0.10", "seg-a", QUOTE],
        ],
    );
    csv(
        d,
        "lines.csv",
        &[
            &["id", "name", "carrier", "kind", "device"],
            &["line-1", IMG, QUOTE, "internet", "rtr"],
        ],
    );
    let file = d.join("out.drawio");
    let out = Command::new(env!("CARGO_BIN_EXE_koseizu"))
        .args([
            "map",
            d.to_str().unwrap(),
            "--format",
            "drawio",
            "-o",
            file.to_str().unwrap(),
        ])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let xml = std::fs::read_to_string(&file).unwrap();
    assert!(!xml.contains("<img") && !xml.contains("<svg") && !xml.contains("<b>"));
    let mut reader = Reader::from_str(&xml);
    let (mut labels, mut attrs, mut styles) = (Vec::new(), Vec::new(), Vec::new());
    loop {
        match reader.read_event().expect("well-formed XML") {
            Event::Eof => break,
            Event::Start(e) | Event::Empty(e) => {
                for a in e.attributes() {
                    let a = a.unwrap();
                    let v = quick_xml::escape::unescape(std::str::from_utf8(&a.value).unwrap())
                        .unwrap()
                        .to_string();
                    match a.key.as_ref() {
                        b"label" => labels.push(v),
                        b"style" => styles.push(v),
                        _ => attrs.push(v),
                    }
                }
            }
            _ => {}
        }
    }
    assert!(labels.iter().any(|l| l.contains(IMG)), "{labels:?}");
    assert!(labels.iter().any(|l| l.contains(QUOTE)), "{labels:?}");
    assert!(
        attrs.iter().any(|v| v == IMG),
        "records keep the exact value"
    );
    assert!(attrs.iter().any(|v| v == QUOTE));
    assert!(!styles.is_empty());
    for s in &styles {
        assert!(s.contains("html=0") && !s.contains("html=1"), "{s}");
    }
}

/// The legend says what the scan marks count, as the SVG's does (issue 16:
/// 「台帳に未登録の機器 3台」), and only the styles without scans.
#[test]
fn the_legend_counts_the_scan_marks() {
    let dir = tempfile::tempdir().unwrap();
    let map = |extra: &[&str], name: &str| {
        let file = dir.path().join(name);
        let mut args = vec![
            "map",
            "data",
            "--format",
            "drawio",
            "-o",
            file.to_str().unwrap(),
        ];
        args.extend(extra);
        let out = Command::new(env!("CARGO_BIN_EXE_koseizu"))
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .args(&args)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        std::fs::read_to_string(file).unwrap()
    };
    let xml = map(&[], "scans.drawio");
    for entry in [
        "台帳に未登録の機器 3台",
        "構成図に未記載の外部接続 1台",
        "台帳にあるが今回未検出 4台",
    ] {
        assert!(xml.contains(entry), "{entry} missing from the legend");
    }
    let xml = map(&["--no-scans"], "plain.drawio");
    assert!(
        !xml.contains("台帳に未登録の機器 0台"),
        "no count without scans"
    );
}
