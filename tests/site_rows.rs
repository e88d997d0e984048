//! Rows of the wrong length: a row with fewer cells than the header row has
//! headers, or with a non-empty cell past the header row, is an error naming
//! the file and the physical line where the row starts; empty cells past the
//! header row (Excel's padding) are accepted.
#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a failed unwrap is a failed test

use std::fs;
use std::process::Command;

use koseizu::site;

mod site_fixture;
use site_fixture::{errors_of, problems_of, site, site_with_devices};

const HEADER: &str = "id,name,kind,mac,ip,segment,system,department,vendor,location,notes";

const SHORT: &str = "a cell is missing, so the cells after it would be read under the wrong headers (every row needs a cell, empty or not, under every header)";

const LONG: &str =
    "a cell past the last header is not empty (a comma in a cell that is not in double quotes?)";

/// A devices.csv of the 11 standard columns whose rows 2..=18 are good
/// (row 3 holds a quoted cell over three physical lines), then `row` on
/// physical line 21, then one more good row.
fn ledger_with(row: &str) -> String {
    let mut text = format!("{HEADER}\r\n");
    text.push_str("D00,受付PC,pc,,10.0.0.10,,,医事課,NEC,1F,\"一行目\r\n二行目\r\n三行目\"\r\n");
    for i in 1..17 {
        text.push_str(&format!(
            "D{i:02},端末{i},pc,,10.0.0.{},,,医事課,NEC,1F,\r\n",
            i + 10
        ));
    }
    text.push_str(row);
    text.push_str("\r\nD99,最後,pc,,10.0.0.99,,,医事課,NEC,1F,\r\n");
    text
}

#[test]
fn a_short_row_is_an_error_naming_its_physical_line() {
    // The department cell is left out: vendor, location and notes would
    // slide one column left.
    let dir = site_with_devices(&ledger_with("D50,電カル端末,pc,,10.0.0.50,,,富士通,2F,"));
    assert_eq!(
        errors_of(&dir),
        [format!(
            "devices.csv:21: 10 cells under 11 headers: {SHORT}"
        )]
    );
}

#[test]
fn a_long_row_with_a_value_past_the_header_is_an_error() {
    // An unquoted comma in the notes makes a twelfth cell.
    let dir = site_with_devices(&ledger_with(
        "D50,電カル端末,pc,,10.0.0.50,,,医事課,富士通,2F,保守は月1回,年1回点検",
    ));
    assert_eq!(
        errors_of(&dir),
        [format!("devices.csv:21: 12 cells under 11 headers: {LONG}")]
    );
    // Past Excel's padding the count is of the cells up to the last value.
    let dir = site_with_devices(&ledger_with(
        "D50,電カル端末,pc,,10.0.0.50,,,医事課,富士通,2F,保守,,点検,,",
    ));
    assert_eq!(
        errors_of(&dir),
        [format!("devices.csv:21: 13 cells under 11 headers: {LONG}")]
    );
}

#[test]
fn empty_cells_past_the_header_are_excel_padding_and_accepted() {
    let loaded = site::load(
        site_with_devices(&ledger_with(
            "D50,電カル端末,pc,,10.0.0.50,,,医事課,富士通,2F,保守,,,  ,",
        ))
        .path(),
    )
    .unwrap();
    let d = loaded
        .site
        .devices
        .iter()
        .find(|d| d.id.as_str() == "D50")
        .unwrap();
    assert_eq!(d.at.line, 21);
    assert_eq!(d.vendor, "富士通");
    assert_eq!(d.location, "2F");
    assert_eq!(d.notes, "保守");
    assert!(loaded.warnings.is_empty(), "{:?}", loaded.warnings);
}

#[test]
fn every_misfit_row_is_listed_and_nothing_else_about_them() {
    // The short rows' slid cells would be a bad IP and a bad MAC: not reported.
    let text = "id,ip,mac,notes\r\n\
                D1,10.0.0.1,,\r\n\
                D2,00:1a:2b:3c:4d:5e,\r\n\
                D3,\"a\r\nb\",\r\n\
                D4,10.0.0.4,,x,y\r\n\
                D5,10.0.0.300,,\r\n";
    assert_eq!(
        errors_of(&site_with_devices(text)),
        [
            format!("devices.csv:3: 3 cells under 4 headers: {SHORT}"),
            format!("devices.csv:4: 3 cells under 4 headers: {SHORT}"),
            format!("devices.csv:6: 5 cells under 4 headers: {LONG}"),
            "devices.csv:7: ip \"10.0.0.300\": not an IP address".to_owned(),
        ]
    );
}

#[test]
fn a_one_cell_row_and_a_one_column_file() {
    let text = "id,name\nD1,a\nD2\n";
    assert_eq!(
        errors_of(&site_with_devices(text)),
        [format!("devices.csv:3: 1 cell under 2 headers: {SHORT}")]
    );
    let text = "id\nD1\nD2,x\n";
    assert_eq!(
        errors_of(&site_with_devices(text)),
        [format!("devices.csv:3: 2 cells under 1 header: {LONG}")]
    );
    let loaded = site::load(site_with_devices("id\nD1\nD2,,\n").path()).unwrap();
    assert_eq!(loaded.site.devices.len(), 2);
}

#[test]
fn empty_header_cells_at_the_end_of_the_header_row_are_not_headers() {
    // A header row padded by Excel: rows need cells under the named headers
    // only; a value under an empty header cell is the old warning.
    let text = "id,name,,\r\nD1,a\r\nD2,b,,\r\nD3,c,x,\r\n";
    let loaded = site::load(site_with_devices(text).path()).unwrap();
    assert_eq!(loaded.site.devices.len(), 3);
    let w: Vec<String> = loaded.warnings.iter().map(|w| w.to_string()).collect();
    assert_eq!(
        w,
        ["devices.csv:4: (no header) \"x\": cells under no header are ignored (1 row with such cells, the first here)"]
    );
    let text = "id,name,,\r\nD1,a,,,x\r\n";
    assert_eq!(
        errors_of(&site_with_devices(text)),
        [format!("devices.csv:2: 5 cells under 4 headers: {LONG}")]
    );
}

#[test]
fn title_rows_above_the_header_may_be_of_any_length() {
    let text = "資産台帳（2026年度）\r\n作成: 情報システム室,,,,,,,,,,,,,,\r\n\r\n番号,機器名,IPアドレス\r\nD1,a,10.0.0.1\r\nD2,b\r\n";
    let (errors, warnings) = problems_of(&site_with_devices(text));
    assert_eq!(
        errors,
        [format!("devices.csv:6: 2 cells under 3 headers: {SHORT}")]
    );
    assert_eq!(
        warnings,
        ["devices.csv:1: 2 rows above the header row (line 4) ignored"]
    );
}

#[test]
fn tab_separated_and_utf16_rows_are_counted_too() {
    let tsv = "番号\t機器名\t備考\r\nD1\t\"受付\r\n1F\"\t\r\nD2\tx\r\nD3\ty\tz\tw\r\n";
    let expected = [
        format!("devices.csv:4: 2 cells under 3 headers: {SHORT}"),
        format!("devices.csv:5: 4 cells under 3 headers: {LONG}"),
    ];
    assert_eq!(errors_of(&site_with_devices(tsv)), expected);
    for big_endian in [false, true] {
        let bytes: Vec<u8> = "\u{feff}"
            .chars()
            .chain(tsv.chars())
            .collect::<String>()
            .encode_utf16()
            .flat_map(|u| {
                if big_endian {
                    u.to_be_bytes()
                } else {
                    u.to_le_bytes()
                }
            })
            .collect();
        let dir = site(&[]);
        fs::write(dir.path().join("devices.csv"), bytes).unwrap();
        assert_eq!(errors_of(&dir), expected);
    }
}

#[test]
fn cp932_rows_are_counted_too() {
    let text = "番号,機器名,設置場所\r\nD1,受付ＰＣ,１Ｆ\r\nD2,髙橋さんの端末\r\n";
    let (bytes, _, unmappable) = encoding_rs::SHIFT_JIS.encode(text);
    assert!(!unmappable);
    let dir = site(&[]);
    fs::write(dir.path().join("devices.csv"), bytes).unwrap();
    assert_eq!(
        errors_of(&dir),
        [format!("devices.csv:3: 2 cells under 3 headers: {SHORT}")]
    );
}

#[test]
fn every_table_checks_its_rows() {
    let dir = site(&[
        ("devices.csv", "id,name\nD1\n"),
        ("segments.csv", "id,name,vlan\nS1,事務系\n"),
        ("systems.csv", "id,name\nY1,電カル,x\n"),
        ("lines.csv", "id,name,carrier\nL1,光回線\n"),
        ("maintenance.csv", "id,vendor,method\nM1,富士通\n"),
        ("cloud.csv", "id,name\nC1,a,b,c\n"),
        ("flows.csv", "from,to\nY1\n"),
        ("contacts.csv", "name,phone\n情報システム室\n"),
    ]);
    let mut errors = errors_of(&dir);
    errors.sort();
    assert_eq!(
        errors,
        [
            format!("cloud.csv:2: 4 cells under 2 headers: {LONG}"),
            format!("contacts.csv:2: 1 cell under 2 headers: {SHORT}"),
            format!("devices.csv:2: 1 cell under 2 headers: {SHORT}"),
            format!("flows.csv:2: 1 cell under 2 headers: {SHORT}"),
            format!("lines.csv:2: 2 cells under 3 headers: {SHORT}"),
            format!("maintenance.csv:2: 2 cells under 3 headers: {SHORT}"),
            format!("segments.csv:2: 2 cells under 3 headers: {SHORT}"),
            format!("systems.csv:2: 3 cells under 2 headers: {LONG}"),
        ]
    );
}

#[test]
fn the_binary_exits_2_and_writes_nothing() {
    let dir = site_with_devices(&ledger_with("D50,電カル端末,pc,,10.0.0.50,,,富士通,2F,"));
    let out_file = dir.path().join("diagram.svg");
    let out = Command::new(env!("CARGO_BIN_EXE_koseizu"))
        .arg("map")
        .arg(dir.path())
        .args(["--no-scans", "--lang", "en"])
        .arg("-o")
        .arg(&out_file)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.contains(&format!(
            "devices.csv:21: 10 cells under 11 headers: {SHORT}\n"
        )),
        "{stderr}"
    );
    assert!(!out_file.exists());
}
