//! `koseizu impact` run as a program on the bundled sample.
#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a failed unwrap is a failed test

use std::path::PathBuf;
use std::process::Command;

fn data() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("data")
}

fn koseizu(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_koseizu"))
        .args(args)
        .output()
        .expect("runs")
}

#[test]
fn json_and_svg_for_a_mac_in_another_spelling() {
    let dir = tempfile::tempdir().unwrap();
    let svg = dir.path().join("impact.svg");
    let out = koseizu(&[
        "impact",
        data().to_str().unwrap(),
        "--from",
        "000B.5D5E.2330",
        "--format",
        "json",
        "-o",
        svg.to_str().unwrap(),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["from"]["id"], "PC-003");
    assert!(!v["routes"].as_array().unwrap().is_empty());
    let drawn = std::fs::read_to_string(&svg).unwrap();
    assert!(
        drawn.starts_with("<?xml") || drawn.starts_with("<svg"),
        "{}",
        &drawn[..40]
    );
    assert!(drawn.contains("侵入経路"));
}

#[test]
fn english_text_reads_as_one_answer() {
    let out = koseizu(&[
        "impact",
        data().to_str().unwrap(),
        "--from",
        "NW-005",
        "--lang",
        "en",
    ]);
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    for part in [
        "Intrusion routes",
        "Impact scope",
        "Containment",
        "Whom to call",
    ] {
        assert!(text.contains(part), "{part} in {text}");
    }
    assert!(
        text.contains("pessimistic flat-network assumption"),
        "{text}"
    );
}

#[test]
fn unknown_x_exits_2_suggests_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let svg = dir.path().join("impact.svg");
    let out = koseizu(&[
        "impact",
        data().to_str().unwrap(),
        "--from",
        "電子カルテ端末 01",
        "-o",
        svg.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("「電子カルテ端末 001」（機器 PC-003）")
            && err.contains("の誤りではありませんか"),
        "{err}"
    );
    assert!(out.stdout.is_empty());
    assert!(!svg.exists());
}

#[test]
fn the_sample_scans_add_their_undeclared_ways_out_as_entry_points() {
    // No --scan: the latest snapshots in data/scans/ are used.
    let out = koseizu(&[
        "impact",
        data().to_str().unwrap(),
        "--from",
        "PC-003",
        "--format",
        "json",
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let from_scans: Vec<&str> = v["routes"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["entry"] == "undeclared-external" || r["entry"] == "unregistered-external")
        .map(|r| r["hops"][0]["id"].as_str().unwrap())
        .collect();
    assert!(!from_scans.is_empty(), "{}", v["routes"]);
    // Every such route is direct: a way out nobody declared bypasses the perimeter.
    assert!(v["routes"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["entry"] == "unregistered-external")
        .all(|r| r["direct"] == true));
}

#[test]
fn the_text_is_a_page_and_the_json_keeps_everything() {
    let run = |format: &str, lang: &str| {
        let out = koseizu(&[
            "impact",
            data().to_str().unwrap(),
            "--from",
            "192.168.50.240",
            "--format",
            format,
            "--lang",
            lang,
        ]);
        assert!(out.status.success());
        String::from_utf8(out.stdout).unwrap()
    };
    let v: serde_json::Value = serde_json::from_str(&run("json", "ja")).unwrap();
    let flows = v["scope"]["flows"].as_array().unwrap().len();
    let ways_out = v["scope"]["external"].as_array().unwrap().len();
    let calls = v["contacts"].as_array().unwrap().len();
    assert!(
        flows > 10 && ways_out > 10 && calls > 30,
        "{flows} {ways_out} {calls}"
    );
    for lang in ["ja", "en"] {
        let text = run("text", lang);
        // The whole flat sample network is in scope: the text names the
        // first items and counts the rest, one line per contact to call.
        assert!(text.lines().count() <= 75, "{lang}: {text}");
        let more = match lang {
            "ja" => format!("（全{flows}件は --all で表示できます）"),
            _ => format!("(all {flows}: --all)"),
        };
        assert!(text.contains(&more), "{more} in {text}");
        assert_eq!(text.matches("0120-000-101").count(), 1, "{text}");
        // Undeclared ways out are named first, never summarised away.
        assert!(text.contains("(192.168.50.240)"), "{text}");
        assert!(
            text.contains("088-622-3180"),
            "the police is still called: {text}"
        );
    }
}
