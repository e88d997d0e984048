//! `koseizu checklist` by the real binary: the bundled sample, a site of
//! nothing but site.toml and devices.csv, hostile names in every format,
//! and bad input (exit 2, no file written).
#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a failed unwrap is a failed test

use std::path::Path;
use std::process::{Command, Output};

use serde_json::{json, Value};

fn koseizu(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_koseizu"))
        .args(args)
        .output()
        .unwrap()
}

fn ok(args: &[&str]) -> Vec<u8> {
    let out = koseizu(args);
    assert!(
        out.status.success(),
        "{args:?}: {:?}\n{}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
}

fn data() -> String {
    format!("{}/data", env!("CARGO_MANIFEST_DIR"))
}

fn item<'a>(doc: &'a Value, id: &str) -> &'a Value {
    doc["items"]
        .as_array()
        .unwrap()
        .iter()
        .chain(doc["inspection"].as_array().unwrap())
        .find(|i| i["id"] == id)
        .unwrap_or_else(|| panic!("no item {id}"))
}

#[test]
fn the_sample_in_every_format() {
    let d = data();
    let doc: Value = serde_json::from_slice(&ok(&["checklist", &d, "--format", "json"])).unwrap();
    assert_eq!(doc["format"], "koseizu-checklist");
    assert_eq!(doc["items"].as_array().unwrap().len(), 20);
    assert_eq!(doc["inspection"].as_array().unwrap().len(), 4);
    // What the sample's records and two scans say (see data/README.md):
    // an undeclared LTE router, a phone with a randomised MAC, a guest
    // segment never scanned, seven changes after the records' update.
    assert_eq!(item(&doc, "2")["level"], 2);
    assert_eq!(item(&doc, "3")["level"], 1);
    assert_eq!(item(&doc, "4")["level"], 1);
    assert_eq!(item(&doc, "12")["level"], 1);
    assert_eq!(item(&doc, "13")["level"], 1);
    assert_eq!(item(&doc, "15")["level"], 0);
    assert_eq!(item(&doc, "20")["level"], 1);
    assert_eq!(item(&doc, "11")["result"], "not-judged");
    assert_eq!(item(&doc, "ledger")["answer"], "no");
    assert_eq!(item(&doc, "contact-chart")["answer"], "yes");
    assert_eq!(doc["compared"]["changes"], 7);
    // Every judged level comes with evidence; every other item with its question.
    for i in doc["items"].as_array().unwrap() {
        match i["result"].as_str().unwrap() {
            "judged" => assert!(!i["evidence"].as_array().unwrap().is_empty(), "{i}"),
            _ => assert!(i["question"].as_str().is_some_and(|q| !q.is_empty()), "{i}"),
        }
        assert!(i["section"].as_str().unwrap().contains("p."), "{i}");
    }
    assert_eq!(doc["summary"]["actions"].as_array().unwrap().len(), 3);

    let text = String::from_utf8(ok(&["checklist", &d])).unwrap();
    assert!(text.starts_with("サイバーセキュリティ対策チェックリスト"));
    assert!(text.contains("No.2 全体構成図が最新か  [2]"), "{text}");
    assert!(text.contains("✗ [レベル3] 構成図に未記載の外部接続 1件: 192.168.50.240"));
    assert!(text.contains("記録からは判定できません"));
    let en = String::from_utf8(ok(&["checklist", &d, "--lang", "en"])).unwrap();
    assert!(en.contains("Proposed level: 2 — A detailed network and system diagram exists."));

    let csv_out = ok(&["checklist", &d, "--format", "csv"]);
    assert!(csv_out.starts_with(b"\xEF\xBB\xBF"));
    let mut rd = csv::ReaderBuilder::new().from_reader(&csv_out[3..]);
    let headers = rd.headers().unwrap().clone();
    assert_eq!(
        headers.iter().collect::<Vec<_>>(),
        [
            "No",
            "チェック項目",
            "結果",
            "レベル判定（0～3）",
            "根拠",
            "マニュアル記載箇所"
        ]
    );
    let rows: Vec<csv::StringRecord> = rd.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 24);
    assert_eq!(&rows[1][0], "2");
    assert_eq!(&rows[1][2], "2");
    assert!(rows[1][3].starts_with("0: 対策／取組みができていない状態。\n1: "));
    assert_eq!(&rows[4][2], "記録からは判定できません");
}

#[test]
fn scans_given_by_file() {
    let d = data();
    let (aug, nov) = (
        format!("{d}/scans/2026-08-03T010000Z.json"),
        format!("{d}/scans/2026-11-02T010000Z.json"),
    );
    let json = |args: &[&str]| -> Value { serde_json::from_slice(&ok(args)).unwrap() };
    let one = json(&["checklist", &d, "--scan", &nov, "--format", "json"]);
    assert_eq!(one["compared"], Value::Null, "one scan: nothing to compare");
    assert_eq!(one["scans"].as_array().unwrap().len(), 1);
    let two = json(&[
        "checklist",
        &d,
        "--scan",
        &aug,
        "--scan",
        &nov,
        "--format",
        "json",
    ]);
    assert_eq!(two["compared"]["changes"], 7);
    assert_eq!(two["compared"]["new"], "2026-11-02T01:00:00Z");
}

#[test]
fn a_site_of_only_site_toml_and_devices_csv() {
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path();
    std::fs::write(site.join("site.toml"), "name = \"小さな診療所\"\n").unwrap();
    std::fs::write(
        site.join("devices.csv"),
        "id,name,kind,mac,ip,segment\nPC1,受付,pc,00:1a:2b:00:00:01,192.168.1.10,LAN\n",
    )
    .unwrap();
    let s = site.to_str().unwrap();
    let doc: Value = serde_json::from_slice(&ok(&["checklist", s, "--format", "json"])).unwrap();
    // Low levels with their reasons, not errors.
    assert_eq!(item(&doc, "2")["level"], 1);
    let ev = item(&doc, "2")["evidence"].to_string();
    assert!(ev.contains("サブネットの記録がないセグメント"), "{ev}");
    assert!(ev.contains("外部回線（lines.csv）の記録がない"), "{ev}");
    assert!(ev.contains("スキャンがない"), "{ev}");
    assert_eq!(item(&doc, "3")["level"], 0);
    assert_eq!(item(&doc, "4")["level"], 0);
    assert_eq!(item(&doc, "20")["level"], 0);
    assert_eq!(item(&doc, "ledger")["answer"], "no");
    assert_eq!(item(&doc, "contact-chart")["answer"], "no");
    // The rest are listed as not judged, each with its question.
    for id in ["1", "5", "11", "12", "13", "14", "15", "19"] {
        assert_eq!(item(&doc, id)["result"], "not-judged", "No.{id}");
    }
    assert_eq!(item(&doc, "remote-maintenance")["result"], "not-judged");
    assert_eq!(item(&doc, "source-restriction")["result"], "not-judged");
    assert_eq!(doc["summary"]["judged"], 4);
    assert_eq!(doc["summary"]["not_judged"], 16);
    assert_eq!(doc["updated"], Value::Null);
    let text = String::from_utf8(ok(&["checklist", s])).unwrap();
    assert!(text.contains("スキャン: なし"), "{text}");
    assert!(text.contains("記録の更新日: なし"), "{text}");
}

#[test]
fn output_file_stdout_and_bad_input() {
    let d = data();
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("checklist.csv");
    let o = out.to_str().unwrap();
    assert!(ok(&["checklist", &d, "--format", "csv", "-o", o]).is_empty());
    assert!(std::fs::read(&out).unwrap().starts_with(b"\xEF\xBB\xBF"));
    assert_eq!(
        std::fs::read_dir(tmp.path()).unwrap().count(),
        1,
        "no temporary file left"
    );
    assert!(ok(&["checklist", &d, "-o", "-"]).starts_with("サイバー".as_bytes()));

    // Bad input: exit 2 with the reason, and nothing written.
    let missing = tmp.path().join("nowhere");
    let bad = |args: &[&str], says: &str| {
        let r = koseizu(args);
        assert_eq!(r.status.code(), Some(2), "{args:?}");
        let err = String::from_utf8_lossy(&r.stderr);
        assert!(err.contains(says), "{args:?}: {err}");
    };
    bad(
        &["checklist", missing.to_str().unwrap()],
        "cannot read site folder",
    );
    let junk = tmp.path().join("junk.json");
    std::fs::write(&junk, "{}").unwrap();
    bad(
        &["checklist", &d, "--scan", junk.to_str().unwrap(), "-o", o],
        "junk.json",
    );
    let nodir = tmp.path().join("no/such/dir/out.txt");
    bad(
        &["checklist", &d, "-o", nodir.to_str().unwrap()],
        // In the sample's language, like every other message.
        &format!("koseizu: {} に書き込めません", nodir.display()),
    );
    assert!(!nodir.exists());
    bad(
        &["checklist", &d, "-o", &format!("{d}/devices.csv")],
        // The sample's language is Japanese, and so are its messages.
        "はサイトフォルダの devices.csv です",
    );
}

/// `--format xlsx`: the manual's table as a workbook, read back with
/// calamine: the header, one row per item (20 items and the 4 inspection
/// items), every cell a string, hostile names kept as inert text.
#[test]
fn the_checklist_as_a_workbook() {
    use calamine::{Data, Reader, Xlsx};
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("site");
    hostile_site(&site);
    let out = tmp.path().join("checklist.xlsx");
    ok(&[
        "checklist",
        site.to_str().unwrap(),
        "--format",
        "xlsx",
        "-o",
        out.to_str().unwrap(),
    ]);
    let mut book: Xlsx<_> = calamine::open_workbook(&out).unwrap();
    assert_eq!(book.sheet_names(), vec!["チェックリスト".to_string()]);
    let range = book.worksheet_range("チェックリスト").unwrap();
    let rows: Vec<_> = range.rows().collect();
    assert_eq!(
        rows.len(),
        1 + 20 + 4,
        "header, 20 items, 4 inspection items"
    );
    assert_eq!(rows[0][0], Data::String("No".into()));
    assert_eq!(rows[1][0], Data::String("1".into()));
    let all: Vec<String> = rows
        .iter()
        .flat_map(|r| r.iter())
        .map(|c| match c {
            Data::String(s) => s.clone(),
            Data::Empty => String::new(),
            other => panic!("a cell that is not text: {other:?}"),
        })
        .collect();
    // Control characters travel as OOXML's `_xHHHH_` escapes, which Excel
    // turns back into the characters (calamine leaves them as written).
    let decoded = |c: &String| {
        let mut out = String::new();
        let mut rest = c.as_str();
        while let Some(i) = rest.find("_x") {
            let code = rest
                .get(i + 2..i + 6)
                .filter(|_| rest.get(i + 6..i + 7) == Some("_"));
            match code
                .and_then(|h| u32::from_str_radix(h, 16).ok())
                .and_then(char::from_u32)
            {
                Some(ch) => {
                    out.push_str(&rest[..i]);
                    out.push(ch);
                    rest = &rest[i + 7..];
                }
                None => {
                    out.push_str(&rest[..i + 2]);
                    rest = &rest[i + 2..];
                }
            }
        }
        out.push_str(rest);
        out
    };
    assert!(
        all.iter().map(decoded).any(|c| c.contains(&h("router"))),
        "hostile name kept exactly"
    );
    // The formula-looking name stays a string cell: calamine would read a
    // formula's cached value as a string too, so look at the sheet's XML.
    let mut zip = zip::ZipArchive::new(std::fs::File::open(&out).unwrap()).unwrap();
    let mut part = |name: &str| {
        let mut xml = String::new();
        std::io::Read::read_to_string(&mut zip.by_name(name).unwrap(), &mut xml).unwrap();
        xml
    };
    let sheet = part("xl/worksheets/sheet1.xml");
    let strings = part("xl/sharedStrings.xml");
    assert!(
        sheet.contains("HYPERLINK") || strings.contains("HYPERLINK"),
        "the hostile name is in the workbook"
    );
    assert!(
        !sheet.contains("<f>") && !sheet.contains("<f "),
        "no formula cell"
    );
}

/// Control characters, a forged line, bidi overrides, the line separator,
/// markup and a formula Excel would run.
const HOSTILE: &str = "=HYPERLINK(\"http://x\",\"y\")\u{1b}[2J\u{7}\u{202e}gpj.exe\u{2066}\
    \u{2028}<script>alert(1)</script>\r\nFORGED LINE\t\u{0}end";

fn h(tag: &str) -> String {
    format!("{HOSTILE} {tag}")
}

fn csv_file(dir: &Path, name: &str, rows: &[Vec<String>]) {
    let mut w = csv::Writer::from_path(dir.join(name)).unwrap();
    for r in rows {
        w.write_record(r).unwrap();
    }
    w.flush().unwrap();
}

fn row(cells: &[&str]) -> Vec<String> {
    cells.iter().map(|c| c.to_string()).collect()
}

/// A site whose names reach the checklist's evidence: the declared
/// router's name and maker (No.11), the circuit's vendor and hours
/// (No.13), media hand-offs with an outside party (No.12, No.14), the
/// in-hospital contact (No.20); and a scan with an undeclared router whose
/// vendor string is hostile (No.11, No.2).
fn hostile_site(dir: &Path) {
    std::fs::create_dir_all(dir.join("scans")).unwrap();
    let name = serde_json::to_string(&h("site")).unwrap();
    std::fs::write(
        dir.join("site.toml"),
        format!("name = {name}\nupdated = \"2026-11-01\"\n"),
    )
    .unwrap();
    csv_file(
        dir,
        "segments.csv",
        &[
            row(&["id", "name", "cidr"]),
            row(&["seg-a", &h("segment"), "10.9.0.0/24"]),
        ],
    );
    csv_file(
        dir,
        "devices.csv",
        &[
            row(&[
                "id", "name", "kind", "mac", "ip", "segment", "system", "vendor",
            ]),
            row(&[
                "rtr",
                &h("router"),
                "router",
                "00:00:4c:08:d1:25",
                "10.9.0.1",
                "seg-a",
                "sys-x",
                &h("maker"),
            ]),
        ],
    );
    csv_file(
        dir,
        "systems.csv",
        &[
            row(&["id", "name", "vendor", "owner", "contact", "phone"]),
            row(&["sys-x", &h("system"), &h("vendor"), "", "", ""]),
        ],
    );
    csv_file(
        dir,
        "lines.csv",
        &[
            row(&["id", "name", "kind", "device"]),
            row(&["line-1", &h("line"), "internet", "rtr"]),
        ],
    );
    csv_file(
        dir,
        "maintenance.csv",
        &[
            row(&[
                "id", "vendor", "system", "line", "device", "method", "hours", "contact", "phone",
            ]),
            row(&[
                "mnt-1",
                &h("mvendor"),
                "sys-x",
                "line-1",
                "rtr",
                "SSL-VPN",
                &h("常時"),
                "",
                "",
            ]),
        ],
    );
    csv_file(
        dir,
        "flows.csv",
        &[
            row(&["from", "to", "kind", "description"]),
            row(&["sys-x", &h("party"), "media", &h("out")]),
            row(&[&h("sender"), "sys-x", "usb", &h("in")]),
        ],
    );
    csv_file(
        dir,
        "contacts.csv",
        &[
            row(&["name", "role", "phone"]),
            row(&[&h("person"), "院内窓口", "内線 1"]),
        ],
    );
    let snap = json!({
        "format": "koseizu-snapshot", "version": 1,
        "started": "2026-11-02T01:00:00Z", "finished": "2026-11-02T01:05:00Z",
        "partial": false, "interface": h("eth0"),
        "scanner_ip": null, "scanner_mac": null, "default_gateway": null,
        "scopes": ["10.9.0.0/24"],
        "settings": {"rate_pps": 1000, "host_rate_pps": 20, "tcp_ports": [443],
            "udp_ports": [500], "outside_probe": null, "excluded": [], "unprivileged": false},
        "hosts": [
            {"ip": "10.9.0.1", "mac": "00:00:4c:08:d1:25", "vendor": h("oui"),
             "ports": [], "rtt_ms": 1.0, "flags": [],
             "external": [{"kind": "gateway-probe", "responder": "10.9.0.1"}]},
            {"ip": "10.9.0.99", "mac": "00:00:4c:08:d1:99", "vendor": h("lte"),
             "hostname": h("host"), "ports": [], "rtt_ms": 1.0, "flags": [],
             "external": [{"kind": "gateway-probe", "responder": "10.9.0.99"}]}
        ]
    });
    std::fs::write(
        dir.join("scans/2026-11-02T010000Z.json"),
        serde_json::to_vec_pretty(&snap).unwrap(),
    )
    .unwrap();
}

fn hidden(c: char) -> bool {
    koseizu::text::clean::is_hidden(c)
}

fn strings(v: &Value, out: &mut Vec<String>) {
    match v {
        Value::String(s) => out.push(s.clone()),
        Value::Array(a) => a.iter().for_each(|v| strings(v, out)),
        Value::Object(o) => o.values().for_each(|v| strings(v, out)),
        _ => {}
    }
}

#[test]
fn hostile_names_are_escaped_in_every_format() {
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("site");
    hostile_site(&site);
    let s = site.to_str().unwrap();

    for lang in ["ja", "en"] {
        let text = String::from_utf8(ok(&["checklist", s, "--lang", lang])).unwrap();
        for tag in [
            "site", "router", "maker", "mvendor", "party", "sender", "person", "lte",
        ] {
            assert!(
                text.contains(&format!(
                    "alert(1)</script>\\u{{d}}\\u{{a}}FORGED LINE\\u{{9}}\\u{{0}}end {tag}"
                )),
                "{lang}: {tag} is missing or not escaped:\n{text}"
            );
        }
        assert!(
            !text.chars().any(|c| c != '\n' && hidden(c)),
            "raw hidden character in {lang} text"
        );
        assert!(!text.lines().any(|l| l.starts_with("FORGED LINE")));
    }

    let json_out = String::from_utf8(ok(&["checklist", s, "--format", "json"])).unwrap();
    assert!(
        !json_out.chars().any(|c| c != '\n' && hidden(c)),
        "raw hidden character in JSON"
    );
    let doc: Value = serde_json::from_str(&json_out).unwrap();
    assert_eq!(doc["site"], h("site"), "values kept exactly");
    let mut all = Vec::new();
    strings(&doc, &mut all);
    for tag in ["router", "maker", "mvendor", "party", "person", "lte"] {
        assert!(
            all.iter().any(|v| v.contains(&h(tag))),
            "{tag} not kept exactly in JSON"
        );
    }

    let csv_out = ok(&["checklist", s, "--format", "csv"]);
    assert!(String::from_utf8_lossy(&csv_out).contains("alert(1)"));
    let mut rd = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(&csv_out[3..]);
    for rec in rd.records() {
        let rec = rec.unwrap();
        for cell in rec.iter() {
            assert!(
                !cell.trim_start().starts_with(['=', '+', '-', '@']),
                "formula-like cell {cell:?}"
            );
        }
    }
}
