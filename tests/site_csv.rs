//! CSV as Excel writes it: CRLF, quoted cells with commas and line breaks,
//! empty rows; physical line numbers and the open quote.
#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a failed unwrap is a failed test

use std::fs;

use koseizu::site;

mod site_fixture;
use site_fixture::{errors_of, site_with_devices};

#[test]
fn crlf_quoted_line_breaks_keep_later_line_numbers_right() {
    // Line 2 holds a cell spanning lines 2-4; the bad MAC is on physical line 6.
    let text = "id,name,mac,notes\r\n\
                D1,\"サーバ, 本館\",00:1a:2b:3c:4d:5e,\"一行目\r\n二行目\r\n三行目\"\r\n\
                D2,b,,\r\n\
                D3,c,00:1A:2B:3C:4D,\r\n";
    let dir = site_with_devices(text);
    assert_eq!(
        errors_of(&dir),
        ["devices.csv:6: mac \"00:1A:2B:3C:4D\": not a MAC address"]
    );
}

#[test]
fn crlf_quoted_cells_are_read_whole() {
    let text =
        "id,name,notes\r\nD1,\"サーバ, 本館\",\"一行目\r\n二行目\"\r\nD2,\"say \"\"hi\"\"\",\r\n";
    let loaded = site::load(site_with_devices(text).path()).unwrap();
    let d = &loaded.site.devices;
    assert_eq!(d[0].name, "サーバ, 本館");
    assert_eq!(d[0].notes, "一行目\r\n二行目");
    assert_eq!(d[1].name, "say \"hi\"");
    assert_eq!((d[0].at.line, d[1].at.line), (2, 4));
}

#[test]
fn lf_file_line_numbers() {
    let text = "id,name,notes\nD1,a,\"x\ny\"\nD2,b,\nD3,c,\n";
    let loaded = site::load(site_with_devices(text).path()).unwrap();
    let lines: Vec<usize> = loaded.site.devices.iter().map(|d| d.at.line).collect();
    assert_eq!(lines, [2, 4, 5]);
}

#[test]
fn open_quote_is_an_error_naming_the_line_it_opens() {
    let text = "id,name,notes\r\nD1,a,\r\nD2,b,\"never closed\r\nD3,c,\r\nD4,d,\r\n";
    assert_eq!(
        errors_of(&site_with_devices(text)),
        ["devices.csv:3: a quoted cell opens here and is never closed (a missing \")"]
    );
}

#[test]
fn empty_rows_and_blank_lines_are_skipped_and_cells_trimmed() {
    let text = "id,name,kind\r\n,,\r\nD1 ,　電カル　, pc \r\n\r\n , ,\r\nD2,b,\r\n,,\r\n";
    let loaded = site::load(site_with_devices(text).path()).unwrap();
    let d = &loaded.site.devices;
    assert_eq!(d.len(), 2);
    assert_eq!((d[0].id.as_str(), d[0].name.as_str()), ("D1", "電カル"));
    assert_eq!(d[0].at.line, 3);
    assert_eq!(d[1].at.line, 6);
}

#[test]
fn blank_lines_before_the_header_count() {
    let text = "\r\n\r\nid,ip\r\nD1,not-an-ip\r\n";
    assert_eq!(
        errors_of(&site_with_devices(text)),
        ["devices.csv:4: ip \"not-an-ip\": not an IP address"]
    );
}

#[test]
fn cells_under_no_header_are_warned_about_once() {
    // D2's fifth cell is past the header row but empty: Excel's padding.
    let text = "id,name,,notes\nD1,a,,\nD2,b,,,\nD3,c,x,\nD4,d,y,,\n";
    let loaded = site::load(site_with_devices(text).path()).unwrap();
    let w: Vec<String> = loaded.warnings.iter().map(|w| w.to_string()).collect();
    assert_eq!(
        w,
        ["devices.csv:4: (no header) \"x\": cells under no header are ignored (2 rows with such cells, the first here)"]
    );
}

#[test]
fn header_only_and_empty_files() {
    let loaded = site::load(site_with_devices("id,name\r\n").path()).unwrap();
    assert!(loaded.site.devices.is_empty());
    assert_eq!(
        errors_of(&site_with_devices("")),
        ["devices.csv: empty: no header row (expected columns: id, name, kind, mac, ip, segment, system, department, vendor, location, notes)"]
    );
}

#[test]
fn title_rows_above_the_header_are_skipped_with_a_warning() {
    let text = "資産台帳（2026年度）,,\r\n作成: 情報システム室,,\r\n,,\r\n番号,機器名,IPアドレス\r\nD1,a,10.0.0.1\r\nD2,b,10.0.0.300\r\n";
    let dir = site_with_devices(text);
    assert_eq!(
        errors_of(&dir),
        ["devices.csv:6: IPアドレス \"10.0.0.300\": not an IP address"]
    );
    fs::write(
        dir.path().join("devices.csv"),
        "資産台帳,,\r\n番号,機器名\r\nD1,a\r\n",
    )
    .unwrap();
    let loaded = site::load(dir.path()).unwrap();
    assert_eq!(loaded.site.devices[0].at.line, 3);
    let w: Vec<String> = loaded.warnings.iter().map(|w| w.to_string()).collect();
    assert_eq!(
        w,
        ["devices.csv:1: 1 row above the header row (line 2) ignored"]
    );
}

#[test]
fn without_a_header_row_the_first_row_is_blamed() {
    let text = "機器名,種別\na,pc\nb,pc\nc,pc\nd,pc\ne,pc\nf,pc\ng,pc\n";
    assert_eq!(
        errors_of(&site_with_devices(text)),
        ["devices.csv:1: no \"id\" column (the header row needs one of: id, 番号, No, 管理番号, 資産番号, 機器番号, 機器ID, 資産ID)"]
    );
}
