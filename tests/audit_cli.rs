//! `koseizu audit` and `koseizu diff` through the real binary, on a small
//! hospital: a first scan that matches the ledger, then a second one after
//! a PC was removed and an unregistered PC, a phone with a randomised MAC
//! and an undeclared router appeared (the namespace scenario of issue 4, as
//! snapshot files).
#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a failed unwrap is a failed test

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use chrono::{DateTime, Utc};
use koseizu::snapshot::{
    ExternalEvidence, Host, OpenPort, Proto, ScanSettings, Snapshot, FORMAT_NAME, FORMAT_VERSION,
};

const HOSTILE_VENDOR: &str = "=HYPERLINK(\"http://evil.example/\",\"click\")";
const HOSTILE_NAME: &str = "pwn\x1b[2J\u{202e}txt.exe";

fn koseizu(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_koseizu"))
        .args(args)
        .output()
        .expect("run koseizu")
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).unwrap()
}

fn write_site(dir: &Path) {
    fs::write(
        dir.join("site.toml"),
        "name = \"テスト病院\"\nupdated = \"2026-11-01\"\nlanguage = \"ja\"\n",
    )
    .unwrap();
    fs::write(
        dir.join("segments.csv"),
        "id,name,cidr\r\ncore,基幹,198.18.0.0/24\r\nward,病棟,198.18.1.0/24\r\n",
    )
    .unwrap();
    fs::write(
        dir.join("devices.csv"),
        "id,name,kind,mac,ip,segment\r\n\
         fw,ファイアウォール,firewall,00-1A-2B-00-00-01,198.18.0.1,core\r\n\
         ehr,電子カルテ,server,001a.2b00.0010,198.18.0.10,core\r\n\
         prn,プリンタ,printer,,198.18.0.20,core\r\n\
         old-pc,古いPC,pc,00:1a:2b:00:00:40,198.18.0.40,core\r\n\
         ward-pc,病棟PC,pc,00:1a:2b:00:01:05,,ward\r\n",
    )
    .unwrap();
    fs::write(
        dir.join("lines.csv"),
        "id,name,carrier,kind,device\r\ninet,インターネット,NTT,internet,fw\r\n",
    )
    .unwrap();
}

fn host(ip: &str, mac: &str) -> Host {
    Host {
        ip: ip.parse().unwrap(),
        mac: Some(mac.parse().unwrap()),
        other_macs: vec![],
        vendor: None,
        hostname: None,
        ports: vec![],
        rtt_ms: Some(0.3),
        flags: vec![],
        external: vec![],
        identify: None,
    }
}

fn snapshot(day: u32, hosts: Vec<Host>) -> Snapshot {
    let t: DateTime<Utc> = format!("2026-11-{day:02}T06:00:00Z").parse().unwrap();
    Snapshot {
        format: FORMAT_NAME.into(),
        version: FORMAT_VERSION,
        source: koseizu::snapshot::Source::Scan,
        imported_from: None,
        started: t,
        finished: t,
        partial: false,
        interface: "veth0".into(),
        scanner_ip: Some("198.18.0.2".parse().unwrap()),
        scanner_mac: Some("02:00:00:00:00:02".parse().unwrap()),
        default_gateway: Some("198.18.0.1".parse().unwrap()),
        scopes: vec![
            "198.18.0.0/24".parse().unwrap(),
            "198.18.1.0/24".parse().unwrap(),
        ],
        settings: ScanSettings {
            rate_pps: 100,
            host_rate_pps: 10,
            tcp_ports: vec![22, 80, 443],
            udp_ports: vec![500],
            outside_probe: Some("198.19.0.1".parse().unwrap()),
            excluded: vec![],
            unprivileged: false,
        },
        hosts,
        limitations: vec![],
        switching: None,
        details: vec![],
    }
}

fn first_scan() -> Snapshot {
    let mut fw = host("198.18.0.1", "00:1a:2b:00:00:01");
    fw.external = vec![
        ExternalEvidence::GatewayProbe {
            responder: "198.18.0.1".parse().unwrap(),
        },
        ExternalEvidence::DefaultGateway,
    ];
    let hosts = vec![
        fw,
        host("198.18.0.2", "02:00:00:00:00:02"), // the scanner itself
        host("198.18.0.10", "00:1a:2b:00:00:10"),
        host("198.18.0.20", "00:99:00:00:00:20"),
        host("198.18.0.40", "00:1a:2b:00:00:40"),
        host("198.18.1.33", "00:1a:2b:00:01:05"),
    ];
    snapshot(1, hosts)
}

fn second_scan() -> Snapshot {
    let mut s = first_scan();
    s.started = "2026-11-20T06:00:00Z".parse().unwrap();
    s.finished = s.started;
    s.hosts.retain(|h| h.ip.to_string() != "198.18.0.40");
    let mut pc = host("198.18.0.77", "00:11:22:33:44:55");
    pc.vendor = Some(HOSTILE_VENDOR.into());
    pc.hostname = Some(HOSTILE_NAME.into());
    let phone = host("198.18.1.88", "da:a1:19:12:34:56");
    let mut router = host("198.18.1.254", "00:a0:de:00:00:99");
    router.external = vec![ExternalEvidence::GatewayProbe {
        responder: "198.18.1.254".parse().unwrap(),
    }];
    router.ports = vec![OpenPort {
        proto: Proto::Tcp,
        port: 443,
        service: Some("https".into()),
    }];
    s.hosts.extend([pc, phone, router]);
    s.hosts.sort_by_key(|h| h.ip);
    s
}

/// A site folder with both scans saved in scans/.
fn site_with_scans() -> (tempfile::TempDir, PathBuf, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    write_site(dir.path());
    let a = first_scan().save_in_site(dir.path()).unwrap();
    let b = second_scan().save_in_site(dir.path()).unwrap();
    (dir, a, b)
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

#[test]
fn audit_reports_exactly_the_changes_in_json() {
    let (dir, _, _) = site_with_scans();
    let o = koseizu(&["audit", s(dir.path()), "--format", "json"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let ips = |key: &str| -> Vec<String> {
        v[key]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["host"]["ip"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(ips("undeclared_external"), vec!["198.18.1.254"]);
    assert_eq!(v["undeclared_external"][0]["confidence"], "confirmed");
    assert_eq!(
        ips("unregistered"),
        vec!["198.18.0.77", "198.18.1.88", "198.18.1.254"]
    );
    let randomised: Vec<bool> = v["unregistered"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| u["randomised_mac"].as_bool().unwrap())
        .collect();
    assert_eq!(randomised, vec![false, true, false]);
    let unseen: Vec<&str> = v["unseen"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| u["device"]["id"].as_str().unwrap())
        .collect();
    assert_eq!(unseen, vec!["old-pc"]);
    assert_eq!(v["mismatches"].as_array().unwrap().len(), 0);
    assert_eq!(v["coverage"]["scanner_skipped"], 1);
}

#[test]
fn audit_text_is_japanese_with_headings_and_escaped() {
    let (dir, _, _) = site_with_scans();
    let o = koseizu(&["audit", s(dir.path())]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let text = stdout(&o);
    for want in [
        "■ 1. 構成図に未記載の外部接続: 1件",
        "■ 2. 台帳に未登録の機器（うちランダムMAC 1件）: 3件",
        "■ 3. 台帳にあるが今回検出されなかった機器: 1件",
        "■ 4. 台帳との不一致: 0件",
        "pwn\\u{1b}[2J\\u{202e}txt.exe",
    ] {
        assert!(text.contains(want), "missing {want:?} in\n{text}");
    }
    assert!(!text.contains('\x1b') && !text.contains('\u{202e}'));
    let en = stdout(&koseizu(&["audit", s(dir.path()), "--lang", "en"]));
    assert!(en.contains("■ 1. Undeclared ways out: 1"), "{en}");
}

#[test]
fn fail_on_exit_codes() {
    let (dir, first, _) = site_with_scans();
    let code = |extra: &[&str]| {
        let mut args = vec!["audit", s(dir.path()), "--format", "json"];
        args.extend_from_slice(extra);
        koseizu(&args).status.code()
    };
    assert_eq!(code(&["--fail-on", "unregistered"]), Some(1));
    assert_eq!(code(&["--fail-on", "undeclared-external"]), Some(1));
    assert_eq!(code(&["--fail-on", "any"]), Some(1));
    // The first scan matches the ledger: nothing to fail on.
    let clean = ["--scan", s(&first)];
    assert_eq!(code(&[&clean[..], &["--fail-on", "any"]].concat()), Some(0));
    assert_eq!(
        code(&[&clean[..], &["--fail-on", "unregistered"]].concat()),
        Some(0)
    );
    assert_eq!(code(&["--fail-on", "nonsense"]), Some(2));
}

#[test]
fn csv_for_excel_keeps_the_formula_as_text() {
    let (dir, _, _) = site_with_scans();
    let out = dir.path().join("audit.csv");
    let o = koseizu(&["audit", s(dir.path()), "--csv", s(&out), "--lang", "en"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let bytes = fs::read(&out).unwrap();
    assert!(bytes.starts_with(b"\xEF\xBB\xBF"), "BOM");
    assert!(bytes.windows(2).any(|w| w == b"\r\n"));
    assert!(!bytes
        .split(|&b| b == b'\n')
        .any(|l| !l.is_empty() && !l.ends_with(b"\r")));
    let mut rd = csv::Reader::from_reader(bytes.as_slice());
    assert_eq!(&rd.headers().unwrap()[7], "vendor");
    let rows: Vec<csv::StringRecord> = rd.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 5, "1 undeclared + 3 unregistered + 1 unseen");
    let pc = rows.iter().find(|r| &r[5] == "198.18.0.77").unwrap();
    assert_eq!(&pc[7], &format!("'{HOSTILE_VENDOR}"));
    assert!(pc[7].starts_with('\''));
}

#[test]
fn allowlists_in_three_formats() {
    let (dir, _, _) = site_with_scans();
    let plain = dir.path().join("allow.txt");
    let radius = dir.path().join("authorize");
    let csv_out = dir.path().join("allow.csv");
    for (path, fmt) in [
        (&plain, "plain"),
        (&radius, "freeradius"),
        (&csv_out, "csv"),
    ] {
        let o = koseizu(&[
            "audit",
            s(dir.path()),
            "--allowlist",
            s(path),
            "--allowlist-format",
            fmt,
        ]);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    }
    let text = fs::read_to_string(&plain).unwrap();
    let macs: Vec<&str> = text.lines().filter(|l| !l.starts_with('#')).collect();
    assert_eq!(
        macs,
        [
            "00:1a:2b:00:00:01",
            "00:1a:2b:00:00:10",
            "00:1a:2b:00:00:40",
            "00:1a:2b:00:01:05"
        ]
    );
    assert!(text.starts_with("# koseizu MAC allowlist: テスト病院\n"));
    let radius = fs::read_to_string(&radius).unwrap();
    assert!(radius.contains("001a2b000010 Cleartext-Password := \"001a2b000010\""));
    let bytes = fs::read(&csv_out).unwrap();
    let mut rd = csv::Reader::from_reader(bytes.as_slice());
    assert_eq!(rd.records().count(), 4);
}

#[test]
fn no_snapshots_is_a_clear_error_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    write_site(dir.path());
    let out = dir.path().join("audit.csv");
    let o = koseizu(&["audit", s(dir.path()), "--csv", s(&out)]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("koseizu scan --site"), "{}", stderr(&o));
    assert!(!out.exists());
}

#[test]
fn an_unwritable_second_output_writes_neither() {
    let (dir, _, _) = site_with_scans();
    let csv = dir.path().join("audit.csv");
    let bad = dir.path().join("no-such-dir").join("allow.txt");
    let o = koseizu(&[
        "audit",
        s(dir.path()),
        "--csv",
        s(&csv),
        "--allowlist",
        s(&bad),
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("allow.txt"), "{}", stderr(&o));
    assert!(!csv.exists(), "the CSV was written although the run failed");
    assert!(o.stdout.is_empty());
    // A directory where the CSV should go: named, nothing written.
    let allow = dir.path().join("allow.txt");
    let o = koseizu(&[
        "audit",
        s(dir.path()),
        "--allowlist",
        s(&allow),
        "--csv",
        s(dir.path()),
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains(s(dir.path())), "{}", stderr(&o));
    assert!(!allow.exists());
}

#[test]
fn a_bad_ledger_is_exit_2_and_writes_nothing() {
    let (dir, _, _) = site_with_scans();
    fs::write(
        dir.path().join("devices.csv"),
        "id,name,kind,mac,ip,segment\r\nfw,FW,firewall,00-1A-2B-00-00,198.18.0.1,core\r\n",
    )
    .unwrap();
    let out = dir.path().join("audit.csv");
    let o = koseizu(&["audit", s(dir.path()), "--csv", s(&out)]);
    assert_eq!(o.status.code(), Some(2));
    // The site's language is Japanese (site.toml names none), so are its messages.
    assert!(stderr(&o).contains("devices.csv 2行目"), "{}", stderr(&o));
    assert!(!out.exists());
}

#[test]
fn diff_of_the_two_latest_scans_names_hosts_by_ledger() {
    let (dir, first, second) = site_with_scans();
    let o = koseizu(&["diff", "--site", s(dir.path()), "--format", "json"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let got: Vec<(String, String)> = v["changes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["change"].as_str().unwrap().to_string(),
                c["host"]["ip"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let want: Vec<(String, String)> = [
        ("new-host", "198.18.0.77"),
        ("new-host", "198.18.1.88"),
        ("new-host", "198.18.1.254"),
        ("host-gone", "198.18.0.40"),
    ]
    .iter()
    .map(|(a, b)| (a.to_string(), b.to_string()))
    .collect();
    assert_eq!(got, want);
    assert_eq!(v["changes"][3]["host"]["device"], "old-pc");

    // Explicit files give the same; text and CSV work.
    let o = koseizu(&["diff", s(&first), s(&second), "--lang", "en"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let text = stdout(&o);
    assert!(text.contains("■ New hosts: 3"), "{text}");
    assert!(text.contains("■ Hosts gone: 1"), "{text}");
    assert!(!text.contains('\x1b'));
    let o = koseizu(&["diff", s(&first), s(&second), "--format", "csv"]);
    assert!(o.stdout.starts_with(b"\xEF\xBB\xBF"));
    let mut rd = csv::Reader::from_reader(o.stdout.as_slice());
    let rows: Vec<csv::StringRecord> = rd.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 4);
    assert_eq!(&rows[0][4], &format!("'{HOSTILE_VENDOR}"));
}

#[test]
fn diff_needs_two_snapshots() {
    let dir = tempfile::tempdir().unwrap();
    write_site(dir.path());
    let only = first_scan().save_in_site(dir.path()).unwrap();
    let o = koseizu(&["diff", "--site", s(dir.path())]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("同じネットワークのスキャン結果が2回分ありません"),
        "{}",
        stderr(&o)
    );
    let o = koseizu(&["diff", s(&only)]);
    assert_eq!(o.status.code(), Some(2));
    let o = koseizu(&["diff"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("--site"), "{}", stderr(&o));
}

#[test]
fn duplicate_macs_in_any_spelling_stop_the_audit_naming_both_lines() {
    let (dir, _, _) = site_with_scans();
    fs::write(
        dir.path().join("devices.csv"),
        "id,name,kind,mac,ip,segment\r\n\
         fw,FW,firewall,00-1A-2B-00-00-01,198.18.0.1,core\r\n\
         fw2,FW2,firewall,001a.2b00.0001,198.18.0.3,core\r\n",
    )
    .unwrap();
    let out = dir.path().join("allow.txt");
    let o = koseizu(&["audit", s(dir.path()), "--allowlist", s(&out)]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(
        err.contains("devices.csv 3行目") && err.contains("2行目と同じMACアドレス"),
        "{err}"
    );
    assert!(!out.exists());
}

#[test]
fn diff_picks_the_latest_pair_of_the_same_scope_and_rejects_foreign_files() {
    let (dir, _, _) = site_with_scans();
    // A later scan of another network only: not comparable with the others,
    // and being the latest, it leaves no pair.
    let mut other = second_scan();
    other.started = "2026-11-25T06:00:00Z".parse().unwrap();
    other.scopes = vec!["198.18.5.0/24".parse().unwrap()];
    other.save_in_site(dir.path()).unwrap();
    let o = koseizu(&["diff", "--site", s(dir.path())]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("同じネットワークのスキャン結果が2回分ありません"),
        "{}",
        stderr(&o)
    );
    // A third scan of the usual networks: compared with the second.
    let mut third = second_scan();
    third.started = "2026-11-26T06:00:00Z".parse().unwrap();
    third.hosts.retain(|h| h.ip.to_string() != "198.18.1.88");
    third.save_in_site(dir.path()).unwrap();
    let o = koseizu(&["diff", "--site", s(dir.path()), "--format", "json"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["changes"].as_array().unwrap().len(), 1);
    assert_eq!(v["changes"][0]["change"], "host-gone");
    assert_eq!(v["changes"][0]["host"]["ip"], "198.18.1.88");
    // Something else saved in scans/ is an error naming the file.
    fs::write(dir.path().join("scans/notes.json"), "{\"hello\": 1}").unwrap();
    let o = koseizu(&["diff", "--site", s(dir.path())]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("notes.json"), "{}", stderr(&o));
}
