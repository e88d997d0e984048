//! The Japanese outputs speak the glossary's words (docs/ja/glossary.md,
//! taken from the manual): checked on the saved golden outputs of the sample
//! and the synthetic site, so a wording that drifts from the glossary (or a
//! glossary entry that no output uses any more) fails here.
#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a failed unwrap is a failed test

use std::path::Path;

fn golden(name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/golden/expected")
        .join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The Japanese golden outputs, per command.
const AUDIT: &[&str] = &["sample-audit-text.stdout", "synth-audit-text.stdout"];
const DIFF: &[&str] = &["sample-diff-text.stdout", "synth-diff-text.stdout"];
const IMPACT: &[&str] = &["sample-impact-ip.stdout", "synth-impact-vpn.stdout"];
const MAP: &[&str] = &["sample-map-svg.d.svg", "sample-map-svg-noscans.d.svg"];
const CHECKLIST: &[&str] = &[
    "sample-checklist-text.stdout",
    "synth-checklist-text.stdout",
];

/// Glossary terms and the outputs that must use them.
const TERMS: &[(&str, &[&str])] = &[
    ("台帳とスキャン結果の照合", AUDIT),
    ("構成図に未記載の外部接続", AUDIT),
    ("台帳に未登録の機器", AUDIT),
    ("台帳にあるが今回検出されなかった機器", AUDIT),
    ("台帳との不一致", AUDIT),
    ("ランダムMAC", &["sample-audit-text.stdout"]),
    (
        "リモート操作を受け付ける機器",
        &["sample-audit-text.stdout"],
    ),
    ("今回検出されなかった機器", &["sample-diff-text.stdout"]),
    ("新たに応答したサービス", &["sample-diff-text.stdout"]),
    ("応答しなくなったサービス", &["sample-diff-text.stdout"]),
    ("外部接続の根拠", DIFF),
    ("侵入経路", IMPACT),
    ("影響範囲", IMPACT),
    ("封じ込め", IMPACT),
    ("保守回線", IMPACT),
    ("記録媒体", &["sample-impact-ip.stdout"]),
    ("接続先セグメント", IMPACT),
    ("ネットワーク簡易構成図", MAP),
    ("外部接続機器", MAP),
    ("院外の相手先", MAP),
    ("記録媒体（USBメモリ・CD等）によるデータの受渡し", MAP),
    ("構成図に未記載の外部接続", &["sample-map-svg.d.svg"]),
    ("構成図に未記載の外部接続", CHECKLIST),
    ("台帳に未登録の機器", CHECKLIST),
    ("ランダムMAC", CHECKLIST),
    ("保守回線", CHECKLIST),
    ("回線一覧", &["sample-checklist-text.stdout"]),
    ("保守回線一覧", &["sample-checklist-text.stdout"]),
    ("構成図に反映", &["sample-checklist-text.stdout"]),
];

/// Wordings the review replaced, with the glossary's word: none may come back.
const DRIFTED: &[(&str, &str)] = &[
    ("未申告", "構成図に未記載の外部接続"),
    ("申告", "回線一覧・保守回線一覧に記載"),
    ("ネットワーク監査", "台帳とスキャン結果の照合"),
    ("[可能性高]", "［可能性が高い］"),
    ("■ 4. 不一致", "台帳との不一致"),
    ("見えなくなった機器", "今回検出されなかった機器"),
    ("開いたポート", "新たに応答したサービス"),
    ("閉じたポート", "応答しなくなったサービス"),
    ("開いているポート", "応答したサービス"),
    ("USB/媒体", "記録媒体"),
    ("媒体持ち込み", "記録媒体の持ち込み"),
    (
        "フラット仮定",
        "接続先セグメントが未記入のため…（一度だけ）",
    ),
    (
        "外部宛ての試験パケット",
        "院外への通信を中継できる（ルータとして動作）",
    ),
    ("リモート接続系サービス", "VPN用サービス（…）が応答"),
    ("アップリンクを抜く", "基幹スイッチとつなぐケーブルを抜く"),
    ("ルーティングを止める", "通信を止める"),
    (" @ ", "（接続機器: …）"),
    ("(rdp)", "RDP (tcp/3389)"),
    (
        "個人情報保護委員会 (個人情報保護委員会)",
        "個人情報保護委員会（名称を繰り返さない）",
    ),
    (") の事業者 ", "事業者名を一度だけ（外部連絡先一覧の形）"),
    ("未登録機器", "台帳に未登録の機器"),
    ("（保守事業者 (", "（保守事業者・…）: brackets never nest"),
    ("IPsec-VPN (LTE)、", "IPsec-VPN・LTE inside （…）"),
    (" UTC", "現地時刻（site.toml の timezone、既定 Asia/Tokyo）"),
];

#[test]
fn japanese_outputs_use_the_glossary_terms() {
    let glossary =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/ja/glossary.md"))
            .unwrap();
    for (term, files) in TERMS {
        assert!(
            glossary.contains(term),
            "「{term}」 is used by the outputs but missing from docs/ja/glossary.md"
        );
        for f in *files {
            assert!(golden(f).contains(term), "{f} no longer says 「{term}」");
        }
    }
}

#[test]
fn no_replaced_wording_comes_back() {
    for f in AUDIT
        .iter()
        .chain(DIFF)
        .chain(IMPACT)
        .chain(MAP)
        .chain(CHECKLIST)
    {
        let text = golden(f);
        for (old, new) in DRIFTED {
            assert!(
                !text.contains(old),
                "{f} says 「{old}」: the glossary's word is 「{new}」"
            );
        }
    }
}

#[test]
fn the_flat_network_note_is_said_once() {
    for f in IMPACT {
        let text = golden(f);
        assert!(
            text.matches("接続先セグメントが未記入のため").count() <= 1,
            "{f}: the flat-network note more than once"
        );
    }
    assert_eq!(
        golden("sample-impact-ip.stdout")
            .matches("接続先セグメントが未記入のため")
            .count(),
        1
    );
}

#[test]
fn contacts_are_laid_out_like_the_manuals_list_inside_first() {
    let text = golden("sample-impact-ip.stdout");
    let calls: Vec<&str> = text
        .lines()
        .skip_while(|l| !l.starts_with("■ 連絡先"))
        .skip(1)
        .collect();
    assert!(
        calls[0].starts_with("  1. さくら総合病院 情報システム室"),
        "{calls:?}"
    );
    assert!(calls.iter().any(|l| l.contains(
        "株式会社ミライ医療システム（保守事業者・電子カルテ）: 担当 山本 大輔 (カスタマーサポート部)、電話 0120-000-101"
    )), "{calls:?}");
    assert!(
        calls
            .iter()
            .any(|l| l.ends_with("個人情報保護委員会: https://www.ppc.go.jp/legal/rouei/")),
        "{calls:?}"
    );
}
