//! `koseizu identify` on a site whose ledger records a FortiGate's firmware:
//! the ledger firmware inside CVE-2018-13379's range is flagged even with
//! nothing identified on the wire, with the CVE, the fixed release and the
//! tables' dates; a check older than a year is flagged; hostile ledger
//! text comes out cleaned.
#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a failed unwrap is a failed test

use std::path::Path;
use std::process::Command;

fn copy_site(to: &Path) {
    let from = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden/synth-site");
    for e in std::fs::read_dir(&from).unwrap() {
        let e = e.unwrap();
        if e.file_type().unwrap().is_file() {
            std::fs::copy(e.path(), to.join(e.file_name())).unwrap();
        }
    }
    std::fs::create_dir_all(to.join("scans")).unwrap();
    for e in std::fs::read_dir(from.join("scans")).unwrap() {
        let e = e.unwrap();
        std::fs::copy(e.path(), to.join("scans").join(e.file_name())).unwrap();
    }
    // Add the two firmware columns: the UTM (the internet line's firewall) runs 6.0.4.
    let devices = std::fs::read_to_string(to.join("devices.csv")).unwrap();
    let mut out = String::new();
    for (i, line) in devices.lines().enumerate() {
        out.push_str(line);
        if i == 0 {
            out.push_str(",ファームウェア,確認日");
        } else if line.starts_with("D000002,") {
            out.push_str(",v6.0.4 build0231 (GA),2024/01/10");
        } else if line.starts_with("D000003,") {
            out.push_str(",\"FortiOS 6.4.15 \u{202e}<script>\",2026/11/01");
        } else {
            out.push_str(",,");
        }
        out.push('\n');
    }
    std::fs::write(to.join("devices.csv"), out).unwrap();
}

fn identify(site: &Path, args: &[&str]) -> std::process::Output {
    let o = Command::new(env!("CARGO_BIN_EXE_koseizu"))
        .arg("identify")
        .arg(site)
        .args(args)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    o
}

#[test]
fn ledger_firmware_in_an_advisory_range_is_flagged_without_probing() {
    let dir = tempfile::tempdir().unwrap();
    copy_site(dir.path());
    let o = identify(dir.path(), &["--no-probe", "--format", "json"]);
    let doc: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(doc["tables"]["advisories"], "2026-12-04");
    let ways = doc["ways_out"].as_array().unwrap();
    let utm = ways
        .iter()
        .find(|w| w["device"] == "D000002")
        .expect("the UTM is a way out");
    let flags: Vec<&str> = utm["flags"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f.as_str().unwrap())
        .collect();
    assert_eq!(flags.first(), Some(&"known-exploited"), "{utm:#}");
    assert!(flags.contains(&"firmware-check-old"), "{flags:?}");
    let cves: Vec<&str> = utm["advisories"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["cve"].as_str().unwrap())
        .collect();
    assert!(cves.contains(&"CVE-2018-13379"), "{cves:?}");
    let a = utm["advisories"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["cve"] == "CVE-2018-13379")
        .unwrap();
    assert_eq!(a["fixed"], "6.0.5");
    assert_eq!(utm["ledger"]["make"], "Fortinet");
    assert_eq!(utm["probed"], false);
    // 6.4.15 is past every FortiOS range of the table.
    let other = ways.iter().find(|w| w["device"] == "D000003").unwrap();
    assert!(
        other["advisories"].as_array().unwrap().is_empty(),
        "{other:#}"
    );
    assert!(!String::from_utf8_lossy(&o.stdout).contains('\u{202e}'));

    let o = identify(
        dir.path(),
        &["--no-probe", "--lang", "en", "--device", "D000002"],
    );
    let text = String::from_utf8(o.stdout).unwrap();
    assert!(
        text.contains("CVE-2018-13379") && text.contains("fixed in 6.0.5"),
        "{text}"
    );
    assert!(
        text.contains("firmware with a known-exploited vulnerability"),
        "{text}"
    );
    assert!(text.contains("advisories 2026-12-04"), "{text}");
    assert_eq!(text.matches("\n- ").count(), 1, "{text}");
    let o = identify(
        dir.path(),
        &["--no-probe", "--lang", "en", "--device", "D000003"],
    );
    let text = String::from_utf8(o.stdout).unwrap();
    assert!(!text.contains('\u{202e}'), "{text}");

    let bad = Command::new(env!("CARGO_BIN_EXE_koseizu"))
        .args(["identify"])
        .arg(dir.path())
        .args(["--no-probe", "--device", "nope"])
        .output()
        .unwrap();
    assert!(!bad.status.success());
}

#[test]
fn audit_has_the_ways_out_section_once_the_ledger_records_firmware() {
    let dir = tempfile::tempdir().unwrap();
    copy_site(dir.path());
    let o = Command::new(env!("CARGO_BIN_EXE_koseizu"))
        .arg("audit")
        .arg(dir.path())
        .args(["--format", "json"])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let doc: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let ways = doc["ways_out"].as_array().expect("ways_out section");
    let utm = ways.iter().find(|w| w["device"] == "D000002").unwrap();
    assert_eq!(utm["flags"][0], "known-exploited");
    assert_eq!(doc["ways_out_tables"]["advisories"], "2026-12-04");
    // A newer table without CVE-2018-13379: its date is printed, the flag goes.
    let newer = dir.path().join("newer.tsv");
    std::fs::write(
        &newer,
        "date\t2027-01-15\nCVE-2027-0001\tExample\tExampleOS\t1.0..1.2\t1.3\t2027-01-10\ttest\tCISA KEV; vendor advisory EX-1\n",
    )
    .unwrap();
    let o = Command::new(env!("CARGO_BIN_EXE_koseizu"))
        .arg("audit")
        .arg(dir.path())
        .args(["--format", "json", "--advisories"])
        .arg(&newer)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let doc: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(doc["ways_out_tables"]["advisories"], "2027-01-15");
    let utm = doc["ways_out"]
        .as_array()
        .unwrap()
        .iter()
        .find(|w| w["device"] == "D000002")
        .unwrap();
    assert!(utm["advisories"].as_array().unwrap().is_empty());
    let o = Command::new(env!("CARGO_BIN_EXE_koseizu"))
        .arg("audit")
        .arg(dir.path())
        .args(["--lang", "en", "--fail-on", "any"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    let text = String::from_utf8(o.stdout).unwrap();
    assert!(
        text.contains("Ways out to check") && text.contains("CVE-2018-13379"),
        "{text}"
    );
    let csv = dir.path().join("audit.csv");
    let o = Command::new(env!("CARGO_BIN_EXE_koseizu"))
        .arg("audit")
        .arg(dir.path())
        .arg("--csv")
        .arg(&csv)
        .output()
        .unwrap();
    assert!(o.status.success());
    let bytes = std::fs::read(&csv).unwrap();
    assert!(String::from_utf8_lossy(&bytes).contains("CVE-2018-13379"));
}

#[test]
fn the_audit_workbook_has_the_ways_out_sheet() {
    use calamine::Reader;
    let dir = tempfile::tempdir().unwrap();
    copy_site(dir.path());
    let book = dir.path().join("audit.xlsx");
    let o = Command::new(env!("CARGO_BIN_EXE_koseizu"))
        .arg("audit")
        .arg(dir.path())
        .arg("--xlsx")
        .arg(&book)
        .output()
        .unwrap();
    assert!(
        o.status.code().is_some_and(|c| c <= 1),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let mut wb: calamine::Xlsx<_> = calamine::open_workbook(&book).unwrap();
    let names = wb.sheet_names().to_vec();
    assert!(
        names.iter().any(|n| n == "6 外部接続機器の確認"),
        "{names:?}"
    );
    let range = wb.worksheet_range("6 外部接続機器の確認").unwrap();
    let rows: Vec<Vec<String>> = range
        .rows()
        .map(|r| r.iter().map(|c| c.to_string()).collect())
        .collect();
    assert_eq!(rows[0][0], "資産番号", "{:?}", rows[0]);
    assert!(
        rows[0].iter().any(|h| h == "台帳 ファームウェア"),
        "{:?}",
        rows[0]
    );
    let utm = rows
        .iter()
        .find(|r| r[0] == "D000002")
        .expect("the UTM's row");
    let joined = utm.join(" | ");
    assert!(joined.contains("v6.0.4 build0231"), "{joined}");
    assert!(joined.contains("2024-01-10"), "{joined}");
    assert!(
        joined.contains("CVE-2018-13379") && joined.contains("修正版 6.0.5"),
        "{joined}"
    );
    assert!(
        joined.contains("悪用が確認された脆弱性のあるファームウェア")
            && joined.contains("ファームウェア確認から1年以上"),
        "{joined}"
    );
    let other = rows.iter().find(|r| r[0] == "D000003").expect("D000003");
    assert!(!other.join(" ").contains('\u{202e}'), "{other:?}");
    let last = rows.last().unwrap();
    assert!(last[0].contains("2026-12-04"), "{last:?}");
    // The summary counts the section.
    let summary = wb.worksheet_range(&names[0]).unwrap();
    assert!(
        summary.rows().any(|r| r[0] == "6 外部接続機器の確認"
            && r[1].to_string().parse::<f64>().unwrap_or(0.0) >= 1.0),
        "summary"
    );
}

#[test]
fn the_diagram_marks_the_ways_out_to_check() {
    let dir = tempfile::tempdir().unwrap();
    copy_site(dir.path());
    let out = dir.path().join("d.svg");
    let o = Command::new(env!("CARGO_BIN_EXE_koseizu"))
        .arg("map")
        .arg(dir.path())
        .arg("-o")
        .arg(&out)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let svg = std::fs::read_to_string(&out).unwrap();
    // The UTM's firmware is inside CVE-2018-13379's range: its box says so.
    assert!(svg.contains("要確認: CVE-2018-13379"), "no mark in the SVG");
    let out = dir.path().join("d.json");
    let o = Command::new(env!("CARGO_BIN_EXE_koseizu"))
        .arg("map")
        .arg(dir.path())
        .args(["--format", "json", "--lang", "en", "-o"])
        .arg(&out)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let doc: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&out).unwrap()).unwrap();
    let text = doc.to_string();
    assert!(
        text.contains("check: CVE-2018-13379"),
        "no mark in the JSON"
    );
    // Without the firmware columns nothing is known-exploited: no CVE mark.
    let plain = tempfile::tempdir().unwrap();
    let from = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden/synth-site");
    for e in std::fs::read_dir(&from).unwrap() {
        let e = e.unwrap();
        if e.file_type().unwrap().is_file() {
            std::fs::copy(e.path(), plain.path().join(e.file_name())).unwrap();
        }
    }
    let out = plain.path().join("d.svg");
    let o = Command::new(env!("CARGO_BIN_EXE_koseizu"))
        .arg("map")
        .arg(plain.path())
        .arg("-o")
        .arg(&out)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(!std::fs::read_to_string(&out).unwrap().contains("CVE-"));
}

#[test]
fn checklist_item_11_is_fed_from_identification() {
    let dir = tempfile::tempdir().unwrap();
    copy_site(dir.path());
    let o = Command::new(env!("CARGO_BIN_EXE_koseizu"))
        .arg("checklist")
        .arg(dir.path())
        .args(["--format", "json"])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let doc: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let item = doc["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["id"] == "11")
        .unwrap();
    let text = item.to_string();
    assert_eq!(item["result"], "not-judged", "{item:#}");
    assert!(
        text.contains("D000002 v6.0.4 build0231 (GA) (CVE-2018-13379"),
        "{item:#}"
    );
    assert!(text.contains("2026-12-04"), "the table's date: {item:#}");
    assert!(!text.contains("issue 13"), "no longer waits: {item:#}");
    assert!(!text.contains('\u{202e}'), "{item:#}");
}

#[test]
fn the_firmware_columns_are_read_from_a_workbook_ledger_too() {
    let dir = tempfile::tempdir().unwrap();
    copy_site(dir.path());
    // The same ledger as a workbook (ファームウェア / 確認日, the date a real date cell).
    let csv = std::fs::read_to_string(dir.path().join("devices.csv")).unwrap();
    std::fs::remove_file(dir.path().join("devices.csv")).unwrap();
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("機器台帳").unwrap();
    let date_format = rust_xlsxwriter::Format::new().set_num_format("yyyy/mm/dd");
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let headers = reader.headers().unwrap().clone();
    for (c, h) in headers.iter().enumerate() {
        sheet.write_string(0, c as u16, h).unwrap();
    }
    for (r, rec) in reader.records().enumerate() {
        let rec = rec.unwrap();
        for (c, v) in rec.iter().enumerate() {
            let (row, col) = (r as u32 + 1, c as u16);
            if headers.get(c) == Some("確認日") && !v.is_empty() {
                let d =
                    rust_xlsxwriter::ExcelDateTime::parse_from_str(&v.replace('/', "-")).unwrap();
                sheet
                    .write_datetime_with_format(row, col, &d, &date_format)
                    .unwrap();
            } else {
                sheet.write_string(row, col, v).unwrap();
            }
        }
    }
    book.save(dir.path().join("devices.xlsx")).unwrap();
    let o = identify(dir.path(), &["--no-probe", "--format", "json"]);
    let doc: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let utm = doc["ways_out"]
        .as_array()
        .unwrap()
        .iter()
        .find(|w| w["device"] == "D000002")
        .expect("the UTM is a way out");
    assert_eq!(
        utm["ledger"]["firmware"], "v6.0.4 build0231 (GA)",
        "{utm:#}"
    );
    assert_eq!(utm["ledger"]["firmware_checked"], "2024-01-10", "{utm:#}");
    assert!(
        utm["advisories"]
            .as_array()
            .unwrap()
            .iter()
            .any(|a| a["cve"] == "CVE-2018-13379"),
        "{utm:#}"
    );
}
