//! Encodings a site file may come in, detected without asking.
#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a failed unwrap is a failed test

use std::fs;

use encoding_rs::SHIFT_JIS;
use koseizu::site::{self, DeviceKind};
use tempfile::TempDir;

mod site_fixture;
use site_fixture::errors_of;

const TOML: &[u8] = b"name = \"Test Hospital\"\nupdated = \"2026-11-01\"\n";

fn site_with_devices(devices: &[u8]) -> TempDir {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("site.toml"), TOML).unwrap();
    fs::write(dir.path().join("devices.csv"), devices).unwrap();
    dir
}

const JAPANESE: &str = "番号,機器名,種別,設置場所,備考\r\n\
    ①,㈱髙橋メディカル検査装置,医療機器,検査室～2F,ｻｰﾊﾞｰ室の隣\r\n\
    2,受付端末,ﾊﾟｿｺﾝ,受付,\r\n";

fn check_japanese(dir: &TempDir) {
    let loaded = site::load(dir.path()).unwrap();
    let d = &loaded.site.devices;
    assert_eq!(d.len(), 2);
    assert_eq!(d[0].id, "①");
    assert_eq!(d[0].name, "㈱髙橋メディカル検査装置");
    assert_eq!(d[0].kind, DeviceKind::Medical);
    assert_eq!(d[0].location, "検査室～2F");
    // Half-width kana in a value is kept as written (it is the user's text)…
    assert_eq!(d[0].notes, "ｻｰﾊﾞｰ室の隣");
    // …but understood in a kind.
    assert_eq!(d[1].kind, DeviceKind::Pc);
    assert_eq!(d[1].at.line, 3);
}

#[test]
fn utf8_without_bom() {
    check_japanese(&site_with_devices(JAPANESE.as_bytes()));
}

#[test]
fn utf8_with_bom() {
    let mut bytes = vec![0xef, 0xbb, 0xbf];
    bytes.extend_from_slice(JAPANESE.as_bytes());
    check_japanese(&site_with_devices(&bytes));
}

#[test]
fn cp932_with_nec_and_ibm_extensions_and_halfwidth_kana() {
    let (bytes, _, unmappable) = SHIFT_JIS.encode(JAPANESE);
    assert!(!unmappable, "every test character exists in CP932");
    assert!(
        std::str::from_utf8(&bytes).is_err(),
        "the fixture really is not UTF-8"
    );
    check_japanese(&site_with_devices(&bytes));
}

#[test]
fn cp932_site_toml_is_read_too() {
    let dir = site_with_devices(b"id\nD1\n");
    let (toml, _, _) = SHIFT_JIS.encode("name = \"㈱テスト①病院\"\nupdated = \"2026-11-01\"\n");
    fs::write(dir.path().join("site.toml"), &toml).unwrap();
    assert_eq!(
        site::load(dir.path()).unwrap().site.meta.name,
        "㈱テスト①病院"
    );
}

#[test]
fn undecodable_bytes_are_an_error_naming_the_line() {
    // 0x85 0x40 is an unassigned CP932 code; line 3 holds it.
    let mut bytes = b"id,name\r\nD1,a\r\nD2,".to_vec();
    bytes.extend_from_slice(&[0x85, 0x40]);
    bytes.extend_from_slice(b"\r\n");
    let dir = site_with_devices(&bytes);
    assert_eq!(
        errors_of(&dir),
        ["devices.csv:3: neither UTF-8 nor Shift_JIS (CP932): a character here cannot be decoded; save the file as \"CSV UTF-8\""]
    );
}

#[test]
fn damaged_utf8_is_not_read_as_cp932_mojibake() {
    let mut bytes = "id,name\nD1,電子カルテサーバ\nD2,".as_bytes().to_vec();
    bytes.push(0xff);
    bytes.extend_from_slice(b"\n");
    let dir = site_with_devices(&bytes);
    assert_eq!(
        errors_of(&dir),
        ["devices.csv:3: not valid UTF-8 (the file is UTF-8 up to here and then has a broken character)"]
    );
}

fn utf16(text: &str, big_endian: bool) -> Vec<u8> {
    std::iter::once('\u{feff}')
        .chain(text.chars())
        .collect::<String>()
        .encode_utf16()
        .flat_map(|u| {
            if big_endian {
                u.to_be_bytes()
            } else {
                u.to_le_bytes()
            }
        })
        .collect()
}

#[test]
fn excel_unicode_text_is_utf16_with_tabs() {
    let tsv = JAPANESE.replace(',', "\t");
    check_japanese(&site_with_devices(&utf16(&tsv, false)));
    check_japanese(&site_with_devices(&utf16(&tsv, true)));
}

#[test]
fn broken_utf16_is_an_error() {
    let mut bytes = utf16("id\r\nD1\r\n", false);
    bytes.extend_from_slice(&[0x00, 0xd8]); // an unpaired high surrogate
    let dir = site_with_devices(&bytes);
    assert_eq!(
        errors_of(&dir),
        ["devices.csv: marked as UTF-16 but not valid UTF-16; save it as \"CSV UTF-8\""]
    );
}

#[test]
fn tab_separated_utf8_with_quoted_tabs_and_commas() {
    let text = "番号\t機器名\t備考\r\nD1\t\"受付, 1F\"\t\"a\tb\"\r\nD2\tx\t\"open\r\n";
    let dir = site_with_devices(text.as_bytes());
    assert_eq!(
        errors_of(&dir),
        ["devices.csv:3: a quoted cell opens here and is never closed (a missing \")"]
    );
    fs::write(
        dir.path().join("devices.csv"),
        "番号\t機器名\t備考\r\nD1\t\"受付, 1F\"\t\"a\tb\"\r\n",
    )
    .unwrap();
    let d = &site::load(dir.path()).unwrap().site.devices[0];
    assert_eq!((d.name.as_str(), d.notes.as_str()), ("受付, 1F", "a\tb"));
}
