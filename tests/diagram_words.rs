//! The diagram's own words (issue 16): legend entries that say what they
//! count, the scan date beside the update date when marks come from a scan,
//! site.toml's `author` under them, and the impact view titled for what it
//! is, with units on its counts.
#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a failed unwrap is a failed test

use std::process::Command;

fn svg(args: &[&str]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("d.svg");
    let o = Command::new(env!("CARGO_BIN_EXE_koseizu"))
        .args(args)
        .arg("-o")
        .arg(&out)
        .output()
        .unwrap();
    assert!(o.status.success(), "{o:?}");
    std::fs::read_to_string(out).unwrap()
}

const DATA: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/data");

#[test]
fn the_header_names_the_scan_date_and_the_author() {
    let with = svg(&["map", DATA]);
    assert!(
        with.contains(">更新日: 2026-11-01　スキャン日: 2026-11-02<"),
        "scan date"
    );
    assert!(with.contains(">作成者: 情報システム室<"), "author");
    let without = svg(&["map", DATA, "--no-scans"]);
    assert!(!without.contains("スキャン日"), "no scan, no scan date");
    assert!(without.contains(">更新日: 2026-11-01<"));
    assert!(without.contains(">作成者: 情報システム室<"));
    let en = svg(&["map", DATA, "--lang", "en"]);
    assert!(
        en.contains(">Updated: 2026-11-01 · Scanned: 2026-11-02<"),
        "en"
    );
    assert!(en.contains(">By: 情報システム室<"));
}

#[test]
fn legend_entries_say_what_they_count() {
    let ja = svg(&["map", DATA]);
    for entry in [
        ">⚠ 台帳に未登録の機器 3台<",
        ">⚠ 構成図に未記載の外部接続 1台<",
        ">台帳にあるが今回未検出 4台<",
    ] {
        assert!(ja.contains(entry), "{entry}");
    }
    assert!(!ja.contains(">⚠ 未登録 3台<"), "the old bare word");
    // Counts in boxes carry their unit, brackets are full-width.
    assert!(ja.contains(">未検出 1台<"));
    assert!(ja.contains(">（未検出）<") && !ja.contains(">(未検出)<"));
}

#[test]
fn the_impact_view_is_titled_for_what_it_is() {
    let ja = svg(&["impact", DATA, "--from", "192.168.50.240"]);
    assert!(ja.contains(
        "<title>医療法人さくら会 さくら総合病院 影響範囲図（起点: 192.168.50.240）</title>"
    ));
    assert!(ja.contains(">医療法人さくら会 さくら総合病院　影響範囲図（起点: 192.168.50.240）<"));
    assert!(!ja.contains("ネットワーク簡易構成図</title>"));
    assert!(ja.contains(">影響 14台<"), "units on counts");
    assert!(!regex_like_bare_count(&ja), "a count without its unit");
    let by_id = svg(&["impact", DATA, "--from", "NW-005"]);
    assert!(
        by_id.contains("影響範囲図（起点: リモート保守用SSL-VPN装置 (FortiGate 60F)（NW-005））"),
        "a record by name and id"
    );
    let en = svg(&["impact", DATA, "--from", "NW-005", "--lang", "en"]);
    assert!(en.contains("Impact diagram (from リモート保守用SSL-VPN装置 (FortiGate 60F) (NW-005))"));
}

/// True when some `<text>` is 「影響 N」 with no 台 after the number.
fn regex_like_bare_count(svg: &str) -> bool {
    svg.split(">影響 ").skip(1).any(|rest| {
        let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
        !digits.is_empty() && !rest[digits.len()..].starts_with('台')
    })
}

/// A device drawn in the perimeter band, away from its segment's box, says
/// where it lives, without nesting brackets.
#[test]
fn a_device_outside_its_box_says_where_it_lives() {
    let ja = svg(&["map", DATA]);
    let group = |key: &str| {
        let start = ja.find(&format!("data-key=\"{key}\"")).unwrap();
        let end = start + ja[start..].find("</g>").unwrap();
        ja[start..end].to_string()
    };
    assert!(
        group("dev:NW-010").contains(">（医療機器系内）<"),
        "{}",
        group("dev:NW-010")
    );
    assert!(
        group("dev:NW-009").contains(">（部門系内）<"),
        "{}",
        group("dev:NW-009")
    );
    assert!(!ja.contains("(PACS・検査・放射線)内）"), "nested brackets");
    let en = svg(&["map", DATA, "--lang", "en"]);
    assert!(en.contains(">(in 医療機器系)<"));
}
