//! `impact --all`: the full route list (and every segment, system, data
//! flow and way out) as text for staff, in the same words as the one-page
//! answer, which points to it.
#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a failed unwrap is a failed test

use std::process::Command;

fn impact(extra: &[&str]) -> String {
    let data = concat!(env!("CARGO_MANIFEST_DIR"), "/data");
    let o = Command::new(env!("CARGO_BIN_EXE_koseizu"))
        .args(["impact", data, "--from", "192.168.50.240"])
        .args(extra)
        .output()
        .unwrap();
    assert!(o.status.success(), "{o:?}");
    String::from_utf8(o.stdout).unwrap()
}

fn json_routes() -> usize {
    let v: serde_json::Value = serde_json::from_str(&impact(&["--format", "json"])).unwrap();
    v["routes"].as_array().unwrap().len()
}

#[test]
fn all_lists_every_route_and_the_short_answer_says_how() {
    let total = json_routes();
    assert!(total > 6, "the sample has more routes than one page shows");
    let short = impact(&[]);
    assert!(
        short.contains(&format!(
            "…ほか {} 経路（全経路は --all で表示できます）",
            total - 6
        )),
        "{short}"
    );
    let all = impact(&["--all"]);
    for i in 1..=total {
        assert!(
            all.contains(&format!("\n  {i}. ［")),
            "route {i} missing:\n{all}"
        );
    }
    assert!(!all.contains(&format!("\n  {}. ［", total + 1)));
    assert!(!all.contains("--all で表示できます"), "{all}");
    assert!(!all.contains("--format json"), "{all}");
    // The one-page answer is the start of the full one.
    let first_line = |s: &str| s.lines().take(3).collect::<Vec<_>>().join("\n");
    assert_eq!(first_line(&short), first_line(&all));
}

#[test]
fn all_in_english_too() {
    let all = impact(&["--all", "--lang", "en"]);
    assert!(all.contains(&format!("\n  {}. [", json_routes())), "{all}");
    assert!(!all.contains("more routes"), "{all}");
    let short = impact(&["--lang", "en"]);
    assert!(short.contains("more routes (--all lists all)"), "{short}");
}

/// Containment steps name whom to ask, from the records: the device's
/// maintainer (its system's vendor), the network's maintainer for routing,
/// the circuit's own vendor.
#[test]
fn containment_names_whom_to_ask() {
    let data = concat!(env!("CARGO_MANIFEST_DIR"), "/data");
    let run = |from: &str, lang: &str| {
        let o = Command::new(env!("CARGO_BIN_EXE_koseizu"))
            .args(["impact", data, "--from", from, "--lang", lang])
            .output()
            .unwrap();
        assert!(o.status.success(), "{o:?}");
        String::from_utf8(o.stdout).unwrap()
    };
    let vpn = run("NW-005", "ja");
    assert!(
        vpn.contains("（回線 LINE-01 の切断）。抜けない場合は UTM (FortiGate 200F) での遮断を 阿波ネットワークサービス株式会社 に依頼"),
        "{vpn}"
    );
    assert!(
        vpn.contains("の間の通信を止める。ルータ・L3スイッチでの遮断を 阿波ネットワークサービス株式会社 に依頼"),
        "{vpn}"
    );
    assert!(!vpn.contains("担当事業者に依頼"), "{vpn}");
    let host = run("192.168.50.240", "ja");
    assert!(
        host.contains("で止める（事業者の回線を抜く）。ダイアケア株式会社 に保守回線の停止を連絡"),
        "{host}"
    );
    let en = run("NW-005", "en");
    assert!(
        en.contains("; if it cannot be unplugged, ask 阿波ネットワークサービス株式会社 to block it at UTM (FortiGate 200F)"),
        "{en}"
    );
}
