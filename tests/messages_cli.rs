//! Messages about the site folder in the user's language, by exact text:
//! Japanese with `language = "ja"` (or `--lang ja`), English with `en`; each
//! says what is expected, not only what is wrong.
#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a failed unwrap is a failed test

use std::path::Path;
use std::process::{Command, Output};

fn koseizu(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_koseizu"))
        .args(args)
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env("LANG", "C.UTF-8")
        .output()
        .unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).unwrap()
}

/// A site folder with `files` (name, text) and a site.toml in `lang`.
fn site(lang: &str, files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("site.toml"),
        format!("name = \"テスト病院\"\nupdated = \"2026-11-01\"\nlanguage = \"{lang}\"\n"),
    )
    .unwrap();
    for (name, text) in files {
        std::fs::write(dir.path().join(name), text).unwrap();
    }
    dir
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

const SEGMENTS: &str = "番号,名称,サブネット\nSEG-CORE,基幹サーバ系,10.10.0.0/24\n";

#[test]
fn a_bad_mac_says_what_a_mac_looks_like() {
    let devices = "番号,名称,種別,MACアドレス\nSV-001,電子カルテサーバ,サーバ,00-1b-54-2e-9a-zz\n";
    for (lang, expected) in [
        (
            "ja",
            "koseizu: サイトフォルダ（{}）に誤りが1件あります。修正して再実行してください。\n\
             devices.csv 2行目: MACアドレス「00-1b-54-2e-9a-zz」の形式が正しくありません（例: 00:1A:2B:3C:4D:5E）\n",
        ),
        (
            "en",
            "koseizu: site folder {} has 1 error:\n\
             devices.csv:2: MACアドレス \"00-1b-54-2e-9a-zz\": not a MAC address\n",
        ),
    ] {
        let dir = site(lang, &[("devices.csv", devices)]);
        let o = koseizu(&["map", s(dir.path()), "-o", "-"]);
        assert_eq!(o.status.code(), Some(2));
        assert_eq!(stderr(&o), expected.replace("{}", s(dir.path())), "{lang}");
        assert!(o.stdout.is_empty());
    }
}

#[test]
fn a_dangling_reference_suggests_the_close_id() {
    let devices = "番号,名称,種別,セグメント\nSV-001,電子カルテサーバ,サーバ,SEG-COER\n";
    let dir = site(
        "ja",
        &[("devices.csv", devices), ("segments.csv", SEGMENTS)],
    );
    let o = koseizu(&["audit", s(dir.path())]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).ends_with(
            "\ndevices.csv 2行目: セグメント「SEG-COER」は segments.csv にありません。SEG-CORE の誤りではありませんか\n"
        ),
        "{}",
        stderr(&o)
    );
    let o = koseizu(&["audit", s(dir.path()), "--lang", "en"]);
    assert!(
        stderr(&o).ends_with(
            "\ndevices.csv:2: セグメント \"SEG-COER\": no such id in segments.csv; did you mean SEG-CORE?\n"
        ),
        "{}",
        stderr(&o)
    );
}

#[test]
fn a_missing_ledger_is_one_message_in_the_users_header_words() {
    // Lines and circuits name devices: none of them adds a second message.
    let lines = "番号,回線名,種別,接続機器\nLINE-01,インターネット回線,インターネット,NW-003\n";
    let circuits = "番号,事業者,接続機器\nMNT-01,保守事業者,NW-005\n";
    let dir = site("ja", &[("lines.csv", lines), ("maintenance.csv", circuits)]);
    let o = koseizu(&["map", s(dir.path()), "-o", "-"]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(
        stderr(&o),
        format!(
            "koseizu: サイトフォルダ（{}）に誤りが1件あります。修正して再実行してください。\n\
             devices.csv: 資産台帳がありません。1行目に「番号,名称,種別,MACアドレス,IPアドレス,セグメント,システム,部署,ベンダ,設置場所,備考」の列名を書き、1行に1台ずつ記入した devices.csv を作ってください（必須は 番号 の列だけです）\n",
            s(dir.path())
        )
    );
    let dir = site("en", &[("lines.csv", lines), ("maintenance.csv", circuits)]);
    let o = koseizu(&["map", s(dir.path()), "-o", "-"]);
    assert_eq!(
        stderr(&o),
        format!(
            "koseizu: site folder {} has 1 error:\n\
             devices.csv: missing: every site folder needs its asset ledger (id, name, kind, mac, ip, segment, …)\n",
            s(dir.path())
        )
    );
}

#[test]
fn an_unknown_column_names_the_columns_that_are_known() {
    let devices = "番号,名称,型番\nSV-001,電子カルテサーバ,PRIMERGY\n";
    let dir = site("ja", &[("devices.csv", devices)]);
    let o = koseizu(&["map", s(dir.path()), "-o", "-"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(
        stderr(&o),
        "警告: devices.csv 1行目: 列「型番」は知らない列のため、値を備考に残します（使える列: 番号、名称、種別、MACアドレス、IPアドレス、セグメント、システム、部署、ベンダ、設置場所、備考）\n"
    );
    let o = koseizu(&["map", s(dir.path()), "-o", "-", "--lang", "en"]);
    assert_eq!(
        stderr(&o),
        "warning: devices.csv:1: unknown column \"型番\" kept in notes (known columns: id, name, kind, mac, ip, segment, system, department, vendor, location, notes)\n"
    );
}

#[test]
fn an_outside_party_is_told_by_map_only() {
    let devices = "番号,名称,種別\nSV-001,PACSサーバ,サーバ\n";
    let systems = "番号,名称\nSYS-PACS,PACS\n";
    let flows = "送信元,送信先,区分,内容\nSYS-PACS,○○画像診断センター,媒体,紹介患者の画像\n";
    let dir = site(
        "ja",
        &[
            ("devices.csv", devices),
            ("systems.csv", systems),
            ("flows.csv", flows),
        ],
    );
    let o = koseizu(&["map", s(dir.path()), "-o", "-"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(
        stderr(&o),
        "警告: flows.csv 2行目: 送信先「○○画像診断センター」は台帳にないため院外の相手先として描きます\n"
    );
    let o = koseizu(&["map", s(dir.path()), "-o", "-", "--lang", "en"]);
    assert_eq!(
        stderr(&o),
        "warning: flows.csv:2: 送信先 \"○○画像診断センター\": names no record; drawn as an outside party\n"
    );
    // impact draws nothing unless asked (-o): the warning would mean nothing.
    let o = koseizu(&["impact", s(dir.path()), "--from", "SV-001"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(stderr(&o), "");
}

#[test]
fn without_a_site_toml_the_locale_chooses() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("devices.csv"), "番号\nSV-001\n").unwrap();
    let run = |lang: &str| {
        Command::new(env!("CARGO_BIN_EXE_koseizu"))
            .args(["map", s(dir.path()), "-o", "-"])
            .env_remove("LC_ALL")
            .env_remove("LC_MESSAGES")
            .env("LANG", lang)
            .output()
            .unwrap()
    };
    let ja = stderr(&run("ja_JP.UTF-8"));
    assert!(
        ja.ends_with("\nsite.toml: ファイルがありません。サイトフォルダに site.toml を作り、少なくとも name = \"○○病院\" の行を書いてください\n"),
        "{ja}"
    );
    let en = stderr(&run("en_US.UTF-8"));
    assert!(
        en.ends_with(
            "\nsite.toml: missing: every site folder needs one, with at least name = \"○○病院\"\n"
        ),
        "{en}"
    );
}

#[test]
fn times_are_the_sites_local_time_and_a_bad_zone_says_what_is_expected() {
    let dir = tempfile::tempdir().unwrap();
    let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("data");
    std::fs::create_dir(dir.path().join("scans")).unwrap();
    for e in std::fs::read_dir(&data)
        .unwrap()
        .chain(std::fs::read_dir(data.join("scans")).unwrap())
    {
        let p = e.unwrap().path();
        if p.is_file() {
            let rel = p.strip_prefix(&data).unwrap();
            std::fs::copy(&p, dir.path().join(rel)).unwrap();
        }
    }
    // Default: Asia/Tokyo (the scan started at 01:00 UTC).
    let o = koseizu(&["diff", "--site", s(dir.path())]);
    let out = String::from_utf8(o.stdout).unwrap();
    assert!(out.contains("今回: 2026年11月2日 10:00（"), "{out}");
    let toml = dir.path().join("site.toml");
    let text = std::fs::read_to_string(&toml).unwrap();
    std::fs::write(&toml, format!("{text}timezone = \"UTC\"\n")).unwrap();
    let o = koseizu(&["diff", "--site", s(dir.path())]);
    let out = String::from_utf8(o.stdout).unwrap();
    assert!(out.contains("今回: 2026年11月2日 01:00（"), "{out}");
    let o = koseizu(&["audit", s(dir.path()), "--lang", "en"]);
    let out = String::from_utf8(o.stdout).unwrap();
    assert!(out.contains("  2026-11-02 01:00 (UTC)  eno1"), "{out}");
    // JSON keeps RFC 3339 UTC.
    let o = koseizu(&["diff", "--site", s(dir.path()), "--format", "json"]);
    assert!(String::from_utf8(o.stdout)
        .unwrap()
        .contains("2026-11-02T01:00:00Z"));

    std::fs::write(&toml, format!("{text}timezone = \"Mars/Olympus\"\n")).unwrap();
    let o = koseizu(&["audit", s(dir.path())]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).ends_with(
            "site.toml 6行目: timezone「Mars/Olympus」は時間帯として使えません（例: Asia/Tokyo、UTC、+09:00）\n"
        ),
        "{}",
        stderr(&o)
    );
}

/// `scan`'s errors before any packet follow `--lang`, the site's language
/// and the locale like every other command's (nothing is sent: each case
/// fails its checks first).
#[test]
fn scan_speaks_the_users_language_before_any_packet() {
    let exists = tempfile::NamedTempFile::new().unwrap();
    let taken = s(exists.path());
    let cases: [(&[&str], &str, &str); 4] = [
        (
            &["scan", "--iface", "k16-none", "--lang", "ja"],
            "koseizu: インタフェース k16-none: このインタフェースはありません（あるもの: ",
            "koseizu: interface k16-none: no such interface (there are: ",
        ),
        (
            &["scan", "--iface", "lo", "--lang", "ja"],
            "koseizu: インタフェース lo: MACアドレスがありません（イーサネットではありません）。TCPの確認だけで調べるなら --unprivileged を付けてください\n",
            "koseizu: interface lo: has no MAC address (not Ethernet): use --unprivileged for TCP probes only\n",
        ),
        (
            &["scan", "--iface", "lo", "--unprivileged", "--cidr", "127.0.0.0/8", "--lang", "ja"],
            "koseizu: --cidr 127.0.0.0/8: ループバック・マルチキャスト・予約済みのアドレスか /8 より広い範囲のため、スキャンしません\n",
            "koseizu: --cidr 127.0.0.0/8: loopback, multicast, reserved or wider than /8: never scanned\n",
        ),
        (
            &["scan", "--iface", "lo", "--unprivileged", "--rate", "0", "--lang", "ja"],
            "koseizu: --rate 0: 1〜10000 パケット/秒で指定してください\n",
            "koseizu: --rate 0: must be 1 to 10000 packets per second\n",
        ),
    ];
    for (args, ja, en) in cases {
        let o = koseizu(args);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {o:?}");
        assert!(stderr(&o).starts_with(ja), "{args:?}: {}", stderr(&o));
        let mut english: Vec<&str> = args.to_vec();
        let n = english.len();
        english[n - 1] = "en";
        let o = koseizu(&english);
        assert!(stderr(&o).starts_with(en), "{english:?}: {}", stderr(&o));
    }
    // An existing output file: refused in the locale's language.
    let o = Command::new(env!("CARGO_BIN_EXE_koseizu"))
        .args([
            "scan",
            "--iface",
            "lo",
            "--unprivileged",
            "--cidr",
            "10.99.0.0/24",
            "-o",
            taken,
        ])
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env("LANG", "ja_JP.UTF-8")
        .output()
        .unwrap();
    assert_eq!(
        stderr(&o),
        format!("koseizu: {taken} はすでにあります。スキャン結果は上書きしません。別のファイル名を指定してください\n")
    );
}

/// `import` summarises in the user's language, times in Japan's local time
/// in Japanese; its refusals too.
#[test]
fn import_speaks_the_users_language() {
    let dir = tempfile::tempdir().unwrap();
    let leases = dir.path().join("dnsmasq.leases");
    // 1796292000 = 2026-12-03T11:20:00Z = 20:20 in Tokyo.
    std::fs::write(&leases, "1796292000 00:1a:2b:00:00:01 198.18.0.1 fw *\n").unwrap();
    let out = dir.path().join("ja.json");
    let o = koseizu(&["import", s(&leases), "--lang", "ja", "-o", s(&out)]);
    assert!(o.status.success(), "{o:?}");
    let said = stderr(&o);
    assert!(
        said.starts_with(&format!("koseizu import: {}: dhcp-leases（", s(&leases))),
        "{said}"
    );
    assert!(
        said.contains(&format!("）、機器 1台。{} に保存しました\n", s(&out))),
        "{said}"
    );
    assert!(
        said.contains("koseizu import: 注意: dhcp-leases に載るのは見えた機器だけです。載っていない機器が無いとは限りません\n"),
        "{said}"
    );
    let again = koseizu(&["import", s(&leases), "--lang", "ja", "-o", s(&out)]);
    assert_eq!(
        stderr(&again),
        format!("koseizu: {} はすでにあります。スキャン結果は上書きしません。別のファイル名を指定してください\n", s(&out))
    );
    let two = koseizu(&["import", s(&leases), s(&leases), "--lang", "ja"]);
    assert_eq!(
        stderr(&two),
        "koseizu: ファイルが2個あり、スキャン結果も2個になります。2個以上を取り込むときは --site サイトフォルダ を指定してください\n"
    );
    let two = koseizu(&["import", s(&leases), s(&leases), "--lang", "en"]);
    assert_eq!(
        stderr(&two),
        "koseizu: 2 files give 2 snapshots: use --site SITE to import more than one\n"
    );
    let en_out = dir.path().join("en.json");
    let o = koseizu(&["import", s(&leases), "--lang", "en", "-o", s(&en_out)]);
    assert!(stderr(&o).contains("1 hosts; written to"), "{}", stderr(&o));
}

/// `init` refuses in the language it writes the workbook in.
#[test]
fn init_refuses_in_its_language() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("a-file");
    std::fs::write(&file, "x").unwrap();
    let o = koseizu(&["init", s(&file)]);
    assert_eq!(
        stderr(&o),
        format!("koseizu: {} にサイトフォルダを作れません: ファイルです。新しいフォルダ名を指定してください\n", s(&file))
    );
    let o = koseizu(&["init", s(&file), "--lang", "en"]);
    assert_eq!(
        stderr(&o),
        format!(
            "koseizu: cannot make a site folder at {}: it is a file\n",
            s(&file)
        )
    );
}

/// `impact --from` suggests close records in the user's words (no English
/// library descriptions, names in 「」 so brackets never nest); English
/// keeps its own.
#[test]
fn impact_from_suggestions_speak_the_users_language() {
    let data = concat!(env!("CARGO_MANIFEST_DIR"), "/data");
    let o = koseizu(&["impact", data, "--from", "NW-05"]);
    assert_eq!(o.status.code(), Some(2));
    let ja = stderr(&o);
    assert!(
        ja.contains("がありません。NW-005（機器「リモート保守用SSL-VPN装置 (FortiGate 60F)」）、NW-015（機器「フロアスイッチ 本館5F」）"),
        "{ja}"
    );
    assert!(!ja.contains("device") && !ja.contains("system"), "{ja}");
    let o = koseizu(&["impact", data, "--from", "電子カル"]);
    assert!(
        stderr(&o).contains("。「電子カルテ」（システム SYS-EHR）、"),
        "{}",
        stderr(&o)
    );
    let o = koseizu(&["impact", data, "--from", "NW-05", "--lang", "en"]);
    assert!(
        stderr(&o)
            .contains("; did you mean NW-005 (device リモート保守用SSL-VPN装置 (FortiGate 60F)), "),
        "{}",
        stderr(&o)
    );
}
