//! Workbooks written by real tools and read by real tools:
//!
//! - LibreOffice (`soffice --headless --convert-to`) turns the sample's
//!   tables into `.xlsx`, `.xls` and `.ods` (from a flat ODS this test
//!   writes: a merged title row above each header, a formula, rich text,
//!   numbers typed as numbers), and openpyxl writes a `site.xlsx` with a
//!   merged title, a hidden sheet and a sheet of notes: koseizu reads each
//!   and gives the same `map --format json` and `audit --format json` as
//!   from the CSVs.
//! - What koseizu writes (`init`, `audit --xlsx`, `ledger --xlsx`) is read
//!   back by openpyxl (values, sheet names, frozen panes, drop-downs, no
//!   formulas) and converted back to CSV by LibreOffice, Japanese intact.
//!
//! Without the tools these tests skip with a message, except under CI
//! (`CI` set), where a missing tool is a failure.
#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a failed unwrap is a failed test

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const BIN: &str = env!("CARGO_BIN_EXE_koseizu");

/// The tables of the sample, their Japanese sheet names.
const TABLES: [(&str, &str); 8] = [
    ("segments", "セグメント"),
    ("devices", "機器台帳"),
    ("systems", "システム"),
    ("lines", "回線"),
    ("maintenance", "保守回線"),
    ("cloud", "クラウド"),
    ("flows", "データの流れ"),
    ("contacts", "連絡先"),
];

/// `Some(())` if `what` works; else a skip message, or a panic under CI.
fn require(what: &str, works: bool) -> Option<()> {
    if works {
        return Some(());
    }
    if std::env::var_os("CI").is_some() {
        panic!("{what} is missing and CI is set: .ci/run must install it");
    }
    eprintln!(
        "SKIPPED: {what} is not installed (apt-get install libreoffice-calc python3-openpyxl)"
    );
    None
}

fn soffice() -> Option<PathBuf> {
    let found = ["soffice", "libreoffice"].into_iter().find(|name| {
        Command::new(name)
            .arg("--version")
            .output()
            .is_ok_and(|o| o.status.success())
    });
    require("LibreOffice (soffice)", found.is_some())?;
    found.map(PathBuf::from)
}

/// A Python that has openpyxl (Debian's python3-openpyxl is in /usr/bin's).
fn openpyxl() -> Option<PathBuf> {
    let found = ["/usr/bin/python3", "python3"].into_iter().find(|py| {
        Command::new(py)
            .args(["-c", "import openpyxl"])
            .output()
            .is_ok_and(|o| o.status.success())
    });
    require("python3 with openpyxl", found.is_some())?;
    found.map(PathBuf::from)
}

fn run(cmd: &mut Command) -> Output {
    let out = cmd.output().expect("runs");
    assert!(
        out.status.success(),
        "{cmd:?} failed: {}\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

/// Converts `files` with LibreOffice to `format` in `outdir`, with a
/// profile of its own (parallel runs must not share one).
fn convert(soffice: &Path, format: &str, files: &[&Path], outdir: &Path) {
    let profile = tempfile::tempdir().unwrap();
    let mut cmd = Command::new(soffice);
    cmd.arg(format!(
        "-env:UserInstallation=file://{}",
        profile.path().display()
    ))
    .args(["--headless", "--convert-to", format, "--outdir"])
    .arg(outdir)
    .args(files);
    run(&mut cmd);
}

/// The sample's table as rows of cells (the files are UTF-8 or CP932).
fn sample_rows(table: &str) -> Vec<Vec<String>> {
    let bytes = fs::read(format!("data/{table}.csv")).unwrap();
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
    let text = match std::str::from_utf8(bytes) {
        Ok(t) => t.to_owned(),
        Err(_) => encoding_rs::SHIFT_JIS.decode(bytes).0.into_owned(),
    };
    csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes())
        .records()
        .map(|r| r.unwrap().iter().map(str::to_owned).collect())
        .collect()
}

/// A copy of the sample without its CSV tables (site.toml and scans stay).
fn sample_without_tables() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    fs::copy("data/site.toml", dir.path().join("site.toml")).unwrap();
    fs::create_dir(dir.path().join("scans")).unwrap();
    for e in fs::read_dir("data/scans").unwrap() {
        let e = e.unwrap();
        fs::copy(e.path(), dir.path().join("scans").join(e.file_name())).unwrap();
    }
    dir
}

fn koseizu(args: &[&str]) -> (String, String, Option<i32>) {
    let out = Command::new(BIN).args(args).output().unwrap();
    (
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
        out.status.code(),
    )
}

/// `map --format json` and `audit --format json` of `site`; the audit's
/// `"at"` (file and line of a ledger row) is dropped, as it names the
/// workbook's sheet and row instead of the CSV's line.
fn outputs(site: &Path) -> (String, String) {
    let s = site.to_str().unwrap();
    let (map, err, code) = koseizu(&["map", s, "--format", "json", "-o", "-"]);
    assert_eq!(code, Some(0), "{err}");
    let (audit, err, code) = koseizu(&["audit", s, "--format", "json"]);
    assert_eq!(code, Some(0), "{err}");
    let audit: String = audit
        .lines()
        .filter(|l| !l.trim_start().starts_with("\"at\":"))
        .map(|l| format!("{}\n", l.trim_end_matches(',')))
        .collect();
    (map, audit)
}

fn xml_escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// A flat ODS of the sample: a sheet per table, a title row merged over
/// four columns above the header, plain whole numbers typed as numbers, the
/// first segment's name as a formula and the first device's name as rich text.
fn flat_ods() -> String {
    let mut body = String::new();
    for (table, sheet) in TABLES {
        body.push_str(&format!("<table:table table:name=\"{sheet}\">"));
        body.push_str(&format!(
            "<table:table-row><table:table-cell office:value-type=\"string\" table:number-columns-spanned=\"4\"><text:p>{sheet} 2026年度 (情報システム室)</text:p></table:table-cell><table:covered-table-cell table:number-columns-repeated=\"3\"/></table:table-row>"
        ));
        for (r, row) in sample_rows(table).iter().enumerate() {
            body.push_str("<table:table-row>");
            for (c, cell) in row.iter().enumerate() {
                let plain_number = !cell.is_empty()
                    && cell.len() < 6
                    && cell.bytes().all(|b| b.is_ascii_digit())
                    && !cell.starts_with('0');
                if r == 1 && c == 1 && table == "segments" {
                    let (a, b) = cell.split_at(cell.char_indices().nth(2).unwrap().0);
                    body.push_str(&format!(
                        "<table:table-cell table:formula=\"of:=&quot;{}&quot;&amp;&quot;{}&quot;\" office:value-type=\"string\" office:string-value=\"\"><text:p></text:p></table:table-cell>",
                        xml_escape(a),
                        xml_escape(b)
                    ));
                } else if r == 1 && c == 1 && table == "devices" {
                    let (a, b) = cell.split_at(cell.char_indices().nth(3).unwrap().0);
                    body.push_str(&format!(
                        "<table:table-cell office:value-type=\"string\"><text:p>{}<text:span text:style-name=\"T1\">{}</text:span></text:p></table:table-cell>",
                        xml_escape(a),
                        xml_escape(b)
                    ));
                } else if plain_number {
                    body.push_str(&format!(
                        "<table:table-cell office:value-type=\"float\" office:value=\"{cell}\"><text:p>{cell}</text:p></table:table-cell>"
                    ));
                } else if cell.is_empty() {
                    body.push_str("<table:table-cell/>");
                } else {
                    let paragraphs: String = cell
                        .split('\n')
                        .map(|p| {
                            format!("<text:p>{}</text:p>", xml_escape(p.trim_end_matches('\r')))
                        })
                        .collect();
                    body.push_str(&format!(
                        "<table:table-cell office:value-type=\"string\">{paragraphs}</table:table-cell>"
                    ));
                }
            }
            body.push_str("</table:table-row>");
        }
        body.push_str("</table:table>");
    }
    format!(
        r##"<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" xmlns:of="urn:oasis:names:tc:opendocument:xmlns:of:1.2" office:version="1.2" office:mimetype="application/vnd.oasis.opendocument.spreadsheet">
<office:automatic-styles><style:style style:name="T1" style:family="text"><style:text-properties fo:font-weight="bold" fo:color="#c00000"/></style:style></office:automatic-styles>
<office:body><office:spreadsheet>{body}</office:spreadsheet></office:body></office:document>
"##
    )
}

#[test]
fn libreoffice_workbooks_read_as_the_csvs() {
    let Some(soffice) = soffice() else { return };
    let expected = outputs(Path::new("data"));
    let work = tempfile::tempdir().unwrap();
    let fods = work.path().join("site.fods");
    fs::write(&fods, flat_ods()).unwrap();
    for format in ["xlsx", "xls", "ods"] {
        let site = sample_without_tables();
        convert(&soffice, format, &[&fods], site.path());
        assert!(site.path().join(format!("site.{format}")).exists());
        let got = outputs(site.path());
        assert!(got.0 == expected.0, "map JSON from site.{format} differs");
        assert!(got.1 == expected.1, "audit JSON from site.{format} differs");
    }
    // One workbook per table too (LibreOffice from the sample's CSVs as UTF-8).
    let site = sample_without_tables();
    let csvs = tempfile::tempdir().unwrap();
    let mut files = Vec::new();
    for (table, _) in TABLES {
        let path = csvs.path().join(format!("{table}.csv"));
        let mut w = csv::Writer::from_path(&path).unwrap();
        for row in sample_rows(table) {
            w.write_record(&row).unwrap();
        }
        w.flush().unwrap();
        files.push(path);
    }
    let refs: Vec<&Path> = files.iter().map(PathBuf::as_path).collect();
    // 44 = comma, 34 = quote, 76 = UTF-8, 1 = from row 1, column types: all text.
    let profile = tempfile::tempdir().unwrap();
    let mut cmd = Command::new(&soffice);
    cmd.arg(format!(
        "-env:UserInstallation=file://{}",
        profile.path().display()
    ))
    .args([
        "--headless",
        "--infilter=CSV:44,34,76,1,1/2/2/2/3/2/4/2/5/2/6/2/7/2/8/2/9/2/10/2/11/2",
        "--convert-to",
        "xlsx",
        "--outdir",
    ])
    .arg(site.path())
    .args(&refs);
    run(&mut cmd);
    let got = outputs(site.path());
    assert!(got.0 == expected.0, "map JSON from per-table .xlsx differs");
    assert!(
        got.1 == expected.1,
        "audit JSON from per-table .xlsx differs"
    );
}

const OPENPYXL_SITE: &str = r#"
import csv, sys, openpyxl
out, tables = sys.argv[1], sys.argv[2:]
wb = openpyxl.Workbook()
wb.remove(wb.active)
notes = wb.create_sheet("メモ")
notes.append(["この表は台帳ではない"])
for spec in tables:
    path, sheet = spec.split("=")
    ws = wb.create_sheet(sheet)
    ws.append(["台帳 " + sheet])
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=5)
    ws.append([])
    with open(path, encoding="utf-8", newline="") as f:
        for row in csv.reader(f):
            ws.append([int(c) if c.isdigit() and not c.startswith("0") and len(c) < 6 else c for c in row])
hidden = wb.create_sheet("作業用")
hidden.append(["x"])
hidden.sheet_state = "hidden"
wb.save(out)
"#;

#[test]
fn openpyxl_workbooks_read_as_the_csvs() {
    let Some(python) = openpyxl() else { return };
    let expected = outputs(Path::new("data"));
    let site = sample_without_tables();
    let csvs = tempfile::tempdir().unwrap();
    let mut args = vec![
        "-c".to_owned(),
        OPENPYXL_SITE.to_owned(),
        site.path().join("site.xlsx").display().to_string(),
    ];
    for (table, sheet) in TABLES {
        let path = csvs.path().join(format!("{table}.csv"));
        let mut w = csv::Writer::from_path(&path).unwrap();
        for row in sample_rows(table) {
            w.write_record(&row).unwrap();
        }
        w.flush().unwrap();
        args.push(format!("{}={sheet}", path.display()));
    }
    run(Command::new(&python).args(&args));
    let got = outputs(site.path());
    assert!(
        got.0 == expected.0,
        "map JSON from openpyxl's site.xlsx differs"
    );
    assert!(
        got.1 == expected.1,
        "audit JSON from openpyxl's site.xlsx differs"
    );
    let (_, err, _) = koseizu(&["map", site.path().to_str().unwrap(), "-o", "-"]);
    assert!(
        err.contains("site.xlsx: sheets that match no table are ignored: メモ"),
        "{err}"
    );
    assert!(
        err.contains("site.xlsx: hidden sheets skipped: 作業用"),
        "{err}"
    );
}

const OPENPYXL_CHECK: &str = r#"
import json, sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
out = {}
for ws in wb.worksheets:
    out[ws.title] = {
        "freeze": ws.freeze_panes,
        "validations": [[str(v.sqref), v.formula1] for v in ws.data_validations.dataValidation],
        "types": sorted({c.data_type for row in ws.iter_rows() for c in row if c.value is not None}),
        "rows": [[c.value for c in row] for row in ws.iter_rows()],
    }
print(json.dumps(out, ensure_ascii=False))
"#;

fn read_back(python: &Path, book: &Path) -> serde_json::Value {
    let out = run(Command::new(python).args(["-c", OPENPYXL_CHECK]).arg(book));
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn openpyxl_reads_what_koseizu_writes() {
    let Some(python) = openpyxl() else { return };
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("new");
    let (_, err, code) = koseizu(&["init", site.to_str().unwrap()]);
    assert_eq!(code, Some(0), "{err}");
    let book = read_back(&python, &site.join("site.xlsx"));
    let names: Vec<&str> = book
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    for (_, sheet) in TABLES {
        assert!(names.contains(&sheet), "{names:?}");
    }
    assert!(names.contains(&"使い方"));
    let devices = &book["機器台帳"];
    assert_eq!(devices["freeze"], "A2");
    assert_eq!(devices["rows"][0][0], "資産番号");
    assert_eq!(devices["rows"][0][3], "MACアドレス");
    assert_eq!(
        devices["rows"].as_array().unwrap().len(),
        3,
        "header + 2 examples"
    );
    let validations = devices["validations"].as_array().unwrap();
    assert!(
        validations
            .iter()
            .any(|v| v[0] == "C2:C1048576" && v[1].as_str().unwrap().contains("ファイアウォール")),
        "{validations:?}"
    );
    for (sheet, column) in [
        ("回線", "D2:D1048576"),
        ("データの流れ", "C2:C1048576"),
        ("セグメント", "D2:D1048576"),
    ] {
        assert!(
            book[sheet]["validations"]
                .as_array()
                .unwrap()
                .iter()
                .any(|v| v[0] == column),
            "{sheet}: {}",
            book[sheet]["validations"]
        );
    }

    // The audit workbook: every cell text or number, hostile strings exact.
    let (_, err, code) = koseizu(&[
        "audit",
        "data",
        "--xlsx",
        dir.path().join("a.xlsx").to_str().unwrap(),
    ]);
    assert!(code == Some(0), "{err}");
    let audit = read_back(&python, &dir.path().join("a.xlsx"));
    for (name, sheet) in audit.as_object().unwrap() {
        assert_eq!(sheet["freeze"], "A2", "{name}");
        for t in sheet["types"].as_array().unwrap() {
            assert!(t == "s" || t == "n", "{name}: cell type {t}");
        }
    }
    let unregistered = &audit["2 台帳に未登録の機器"]["rows"];
    assert_eq!(unregistered[0][0], "資産番号");
    let all: String = unregistered.to_string();
    assert!(
        all.contains("=HYPERLINK(\\\"http://example.com/?a=1&b=2\\\""),
        "the sample's hostile host name is kept as text: {all}"
    );

    // The ledger review: a row per device and per unregistered host.
    let (_, err, code) = koseizu(&[
        "ledger",
        "data",
        "--xlsx",
        dir.path().join("l.xlsx").to_str().unwrap(),
    ]);
    assert!(code == Some(0), "{err}");
    let ledger = read_back(&python, &dir.path().join("l.xlsx"));
    let rows = ledger["台帳の見直し"]["rows"].as_array().unwrap();
    let devices = sample_rows("devices").len() - 1;
    assert!(rows.len() > devices + 1, "{} rows", rows.len());
    assert_eq!(rows[0][17], "状態");
    assert_eq!(rows[1][0], sample_rows("devices")[1][0]);
}

#[test]
fn libreoffice_converts_koseizu_workbooks_back_to_csv() {
    let Some(soffice) = soffice() else { return };
    let dir = tempfile::tempdir().unwrap();
    let l = dir.path().join("ledger.xlsx");
    let (_, err, code) = koseizu(&["ledger", "data", "--xlsx", l.to_str().unwrap()]);
    assert!(code == Some(0), "{err}");
    let out = dir.path().join("csv");
    fs::create_dir(&out).unwrap();
    // 44 = comma, 34 = quote, 76 = UTF-8.
    convert(
        &soffice,
        "csv:Text - txt - csv (StarCalc):44,34,76",
        &[&l],
        &out,
    );
    let text = fs::read_to_string(out.join("ledger.csv")).unwrap();
    let rows: Vec<csv::StringRecord> = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes())
        .records()
        .map(Result::unwrap)
        .collect();
    assert_eq!(&rows[0][0], "資産番号");
    assert_eq!(&rows[0][17], "状態");
    let sample = sample_rows("devices");
    for (i, device) in sample.iter().enumerate().skip(1) {
        // id, name, MAC as written (the sample's MACs are canonical once read).
        assert_eq!(&rows[i][0], device[0].as_str(), "row {i}");
        assert_eq!(&rows[i][1], device[1].as_str(), "row {i}");
    }
    assert!(text.contains("検出 (台帳どおり)"));
}
