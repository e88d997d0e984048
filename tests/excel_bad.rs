//! Workbooks that are wrong: a bad cell named by sheet and cell, duplicate
//! ids, a table given twice, and files that are not workbooks at all (a
//! renamed CSV, a zip of something else, a password-protected workbook, a
//! zip bomb, 0 bytes). Every one: exit 2, a clear message, nothing written.
#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a failed unwrap is a failed test

use std::fs;
use std::io::Write;
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use rust_xlsxwriter::Workbook;

const BIN: &str = env!("CARGO_BIN_EXE_koseizu");

const HEADERS: [&str; 6] = [
    "資産番号",
    "機器名",
    "種別",
    "IPアドレス",
    "セグメント",
    "MACアドレス",
];

/// A site folder with `site.toml` and a `segments` sheet in `site.xlsx`
/// whose devices sheet (機器台帳) holds a title row, the header in row 2
/// and `rows` from row 3 on; `edit` may change the workbook before saving.
fn site_with(rows: &[[&str; 6]], edit: impl FnOnce(&mut Workbook)) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        dir.path().join("site.toml"),
        "name = \"テスト病院\"\nupdated = \"2026-11-01\"\n",
    )
    .unwrap();
    let mut book = Workbook::new();
    let seg = book.add_worksheet();
    seg.set_name("セグメント").unwrap();
    seg.write_row(0, 0, ["番号", "名称", "サブネット"]).unwrap();
    seg.write_row(1, 0, ["SEG-1", "基幹系", "10.0.0.0/24"])
        .unwrap();
    let dev = book.add_worksheet();
    dev.set_name("機器台帳").unwrap();
    dev.merge_range(
        0,
        0,
        0,
        5,
        "資産台帳 2026年度",
        &rust_xlsxwriter::Format::new(),
    )
    .unwrap();
    dev.write_row(1, 0, HEADERS).unwrap();
    for (i, row) in rows.iter().enumerate() {
        dev.write_row(2 + i as u32, 0, *row).unwrap();
    }
    edit(&mut book);
    book.save(dir.path().join("site.xlsx")).unwrap();
    dir
}

fn device(id: &'static str, ip: &'static str, mac: &'static str) -> [&'static str; 6] {
    [id, "端末", "パソコン", ip, "SEG-1", mac]
}

/// Runs `map SITE -o SITE/out.svg`: its exit code and stderr, and checks
/// that a failed run wrote nothing.
fn map(site: &Path) -> (Option<i32>, String) {
    let out_file = site.join("out.svg");
    let out = Command::new(BIN)
        .args(["map"])
        .arg(site)
        .arg("-o")
        .arg(&out_file)
        .output()
        .unwrap();
    let code = out.status.code();
    if code != Some(0) {
        assert!(
            !out_file.exists(),
            "a failed run wrote {}",
            out_file.display()
        );
    }
    (code, String::from_utf8_lossy(&out.stderr).into_owned())
}

#[test]
fn a_good_workbook_reads_and_text_ids_keep_their_zeros() {
    let site = site_with(
        &[
            device("0012", "10.0.0.5", "00:1a:2b:3c:4d:5e"),
            device("0013", "10.0.0.6", "00-1A-2B-3C-4D-5F"),
        ],
        |_| {},
    );
    let (code, err) = map(site.path());
    assert_eq!(code, Some(0), "{err}");
    // The ledger review lists the ids as read.
    let review = site.path().join("review.xlsx");
    let out = Command::new(BIN)
        .arg("ledger")
        .arg(site.path())
        .arg("--xlsx")
        .arg(&review)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let mut book: calamine::Xlsx<_> = calamine::open_workbook(&review).unwrap();
    use calamine::Reader;
    let range = book.worksheet_range_at(0).unwrap().unwrap();
    assert_eq!(range.get_value((1, 0)).unwrap().to_string(), "0012");
    assert_eq!(
        range.get_value((2, 3)).unwrap().to_string(),
        "00:1a:2b:3c:4d:5f"
    );
    assert!(
        !err.contains("above the header"),
        "title rows are no news: {err}"
    );
}

#[test]
fn a_broken_mac_is_named_by_sheet_and_cell() {
    let mut rows: Vec<[&str; 6]> = Vec::new();
    let ips = [
        "10.0.0.1",
        "10.0.0.2",
        "10.0.0.3",
        "10.0.0.4",
        "10.0.0.5",
        "10.0.0.6",
        "10.0.0.7",
        "10.0.0.8",
        "10.0.0.9",
        "10.0.0.10",
        "10.0.0.11",
    ];
    let ids = [
        "PC-01", "PC-02", "PC-03", "PC-04", "PC-05", "PC-06", "PC-07", "PC-08", "PC-09", "PC-10",
        "PC-11",
    ];
    let macs = [
        "00:1a:2b:00:00:01",
        "00:1a:2b:00:00:02",
        "00:1a:2b:00:00:03",
        "00:1a:2b:00:00:04",
        "00:1a:2b:00:00:05",
        "00:1a:2b:00:00:06",
        "00:1a:2b:00:00:07",
        "00:1a:2b:00:00:08",
        "00:1a:2b:00:00:09",
        "00:1a:2b:00:00:0a",
        "00:1a:2b:00:00:0b",
    ];
    for i in 0..11 {
        rows.push(device(ids[i], ips[i], macs[i]));
    }
    // Row 14: the header is row 2, so the 12th device.
    rows.push(device("PC-12", "10.0.0.12", "00:1A:2B:3C:4D"));
    let site = site_with(&rows, |book| {
        // Row 15: a MAC that Excel turned into a number.
        let sheet = book.worksheet_from_name("機器台帳").unwrap();
        sheet
            .write_row(14, 0, ["PC-13", "端末", "パソコン", "10.0.0.13", "SEG-1"])
            .unwrap();
        sheet.write_number(14, 5, 1122334455.0).unwrap();
    });
    let (code, err) = map(site.path());
    assert_eq!(code, Some(2), "{err}");
    assert!(
        err.contains(
            "site.xlsx [機器台帳] F14: MACアドレス「00:1A:2B:3C:4D」の形式が正しくありません"
        ),
        "{err}"
    );
    assert!(
        err.contains("site.xlsx [機器台帳] F15: MACアドレス「1122334455」")
            && err.contains("Excel が数値に変えています"),
        "{err}"
    );
}

#[test]
fn a_duplicate_id_names_both_rows() {
    let site = site_with(
        &[
            device("PC-1", "10.0.0.5", "00:1a:2b:3c:4d:01"),
            device("PC-2", "10.0.0.6", "00:1a:2b:3c:4d:02"),
            device("PC-1", "10.0.0.7", "00:1a:2b:3c:4d:03"),
        ],
        |_| {},
    );
    let (code, err) = map(site.path());
    assert_eq!(code, Some(2), "{err}");
    assert!(
        err.contains("site.xlsx [機器台帳] A5: 資産番号「PC-1」は3行目と同じ番号です"),
        "{err}"
    );
}

#[test]
fn a_table_given_twice_names_both() {
    let site = site_with(&[device("PC-1", "10.0.0.5", "00:1a:2b:3c:4d:01")], |_| {});
    fs::write(site.path().join("devices.csv"), "id,name,kind\nPC-9,x,pc\n").unwrap();
    let (code, err) = map(site.path());
    assert_eq!(code, Some(2), "{err}");
    assert!(
        err.contains("devices.csv: this table is given 2 times: devices.csv, site.xlsx [機器台帳]"),
        "{err}"
    );
    assert!(!err.contains("missing"), "{err}");
}

/// A site folder whose only ledger is `devices.xlsx` holding `bytes`.
fn site_with_file(name: &str, bytes: &[u8]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("site.toml"), "name = \"テスト病院\"\n").unwrap();
    fs::write(dir.path().join(name), bytes).unwrap();
    dir
}

fn refused(name: &str, bytes: &[u8], expected: &str) {
    let site = site_with_file(name, bytes);
    let started = Instant::now();
    let (code, err) = map(site.path());
    assert!(
        started.elapsed() < Duration::from_secs(10),
        "took {:?}",
        started.elapsed()
    );
    assert_eq!(code, Some(2), "{err}");
    assert!(err.contains(&format!("{name}: ")), "{err}");
    assert!(err.contains(expected), "{err}");
    assert!(!err.contains("panicked"), "{err}");
    assert!(
        !err.contains("devices.csv: missing"),
        "a broken workbook may hold the ledger: {err}"
    );
}

#[test]
fn a_renamed_csv_is_not_a_workbook() {
    refused(
        "devices.xlsx",
        "資産番号,機器名\r\nPC-1,受付\r\n".as_bytes(),
        "not a workbook: this is text (CSV?)",
    );
    refused(
        "site.xlsx",
        b"id,name\r\nPC-1,x\r\n",
        "not a workbook: this is text (CSV?)",
    );
}

#[test]
fn a_zip_of_something_else_is_not_a_workbook() {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    zip.start_file("photo.txt", zip::write::SimpleFileOptions::default())
        .unwrap();
    zip.write_all(b"not a sheet").unwrap();
    let bytes = zip.finish().unwrap().into_inner();
    refused(
        "site.xlsx",
        &bytes,
        "a zip file, but not a workbook (no xl/workbook.xml or content.xml inside)",
    );
    // A truncated zip.
    refused("site.xlsx", &bytes[..bytes.len() / 2], "zip");
}

#[test]
fn an_empty_file_is_not_a_workbook() {
    refused("site.xlsx", b"", "empty file (0 bytes)");
    refused("devices.ods", b"", "empty file (0 bytes)");
}

#[test]
fn a_password_protected_workbook_is_a_clear_error() {
    // What Excel writes for ファイル → 情報 → パスワードを使用して暗号化:
    // a compound file holding EncryptionInfo and the EncryptedPackage.
    let mut file = cfb::CompoundFile::create(std::io::Cursor::new(Vec::new())).unwrap();
    file.create_stream("/EncryptionInfo")
        .unwrap()
        .write_all(&[4, 0, 4, 0, 0x40, 0, 0, 0])
        .unwrap();
    file.create_stream("/EncryptedPackage")
        .unwrap()
        .write_all(&[0x5a; 4096])
        .unwrap();
    let bytes = file.into_inner().into_inner();
    refused("site.xlsx", &bytes, "protected by a password");
    refused("devices.xls", &bytes, "protected by a password");
}

/// A zip whose one part (`xl/workbook.xml`) inflates to `mb` MB of zeros,
/// built from one sync-flushed deflate block repeated (cheap to make).
fn bomb(mb: u32) -> Vec<u8> {
    let mut deflate = flate2::Compress::new(flate2::Compression::best(), false);
    let zeros = vec![0u8; 1 << 20];
    let mut block = Vec::with_capacity(1 << 16);
    deflate
        .compress_vec(&zeros, &mut block, flate2::FlushCompress::Sync)
        .unwrap();
    let mut data = Vec::new();
    for _ in 0..mb {
        data.extend_from_slice(&block);
    }
    data.extend_from_slice(&[0x03, 0x00]); // a final, empty fixed-Huffman block
    let name = b"xl/workbook.xml";
    let size = mb << 20;
    let mut zip = Vec::new();
    let header = |sig: u32, central: bool, out: &mut Vec<u8>| {
        out.extend_from_slice(&sig.to_le_bytes());
        if central {
            out.extend_from_slice(&20u16.to_le_bytes());
        }
        out.extend_from_slice(&20u16.to_le_bytes()); // version needed
        out.extend_from_slice(&0u16.to_le_bytes()); // flags
        out.extend_from_slice(&8u16.to_le_bytes()); // deflate
        out.extend_from_slice(&[0; 4]); // time, date
        out.extend_from_slice(&0u32.to_le_bytes()); // crc (never reached)
        out.extend_from_slice(&(data.len() as u32).to_le_bytes());
        out.extend_from_slice(&size.to_le_bytes());
        out.extend_from_slice(&(name.len() as u16).to_le_bytes());
        out.extend_from_slice(&0u16.to_le_bytes());
        if central {
            out.extend_from_slice(&[0; 6]); // comment len, disk, internal attributes
            out.extend_from_slice(&0u32.to_le_bytes()); // external attributes
            out.extend_from_slice(&0u32.to_le_bytes()); // local header offset
        }
        out.extend_from_slice(name);
    };
    header(0x0403_4b50, false, &mut zip);
    zip.extend_from_slice(&data);
    let central_at = zip.len() as u32;
    header(0x0201_4b50, true, &mut zip);
    let central_len = zip.len() as u32 - central_at;
    zip.extend_from_slice(&0x0605_4b50u32.to_le_bytes());
    zip.extend_from_slice(&[0; 4]);
    zip.extend_from_slice(&1u16.to_le_bytes());
    zip.extend_from_slice(&1u16.to_le_bytes());
    zip.extend_from_slice(&central_len.to_le_bytes());
    zip.extend_from_slice(&central_at.to_le_bytes());
    zip.extend_from_slice(&0u16.to_le_bytes());
    zip
}

#[test]
fn a_zip_bomb_is_refused_in_bounded_time() {
    // 4 GB of zeros in a few megabytes.
    let bytes = bomb(4000);
    assert!(bytes.len() < 8 << 20, "{} bytes", bytes.len());
    refused("site.xlsx", &bytes, "zip bomb");
}

#[test]
fn a_far_away_cell_does_not_make_a_huge_grid() {
    // Two cells a million rows and 16,000 columns apart: a dense grid of
    // them would need terabytes.
    let site = site_with(&[device("PC-1", "10.0.0.5", "00:1a:2b:3c:4d:01")], |book| {
        let sheet = book.worksheet_from_name("機器台帳").unwrap();
        sheet.write_string(1_048_575, 16_383, "x").unwrap();
    });
    let started = Instant::now();
    let (code, err) = map(site.path());
    assert!(started.elapsed() < Duration::from_secs(10));
    assert_eq!(code, Some(2), "{err}");
    assert!(
        err.contains("site.xlsx [機器台帳]: a value in cell XFD1048576"),
        "{err}"
    );
}

#[test]
fn damaged_workbooks_never_crash_the_reader() {
    // A real workbook, then bytes flipped and cut the way a damaged copy
    // or a fuzzer would: every load ends with a result, never a panic.
    let good = site_with(
        &[
            device("PC-1", "10.0.0.5", "00:1a:2b:3c:4d:01"),
            device("PC-2", "10.0.0.6", "00:1a:2b:3c:4d:02"),
        ],
        |_| {},
    );
    let bytes = fs::read(good.path().join("site.xlsx")).unwrap();
    let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("site.toml"), "name = \"x\"\n").unwrap();
    for round in 0..300 {
        let mut damaged = bytes.clone();
        match round % 3 {
            0 => {
                for _ in 0..1 + next() % 8 {
                    let at = (next() as usize) % damaged.len();
                    damaged[at] ^= 1 << (next() % 8);
                }
            }
            1 => damaged.truncate((next() as usize) % damaged.len()),
            _ => {
                let at = (next() as usize) % damaged.len();
                let len = ((next() as usize) % 64).min(damaged.len() - at);
                damaged.drain(at..at + len);
            }
        }
        fs::write(dir.path().join("site.xlsx"), &damaged).unwrap();
        let _ = koseizu::site::load(dir.path());
    }
}

#[test]
fn no_output_replaces_the_site_workbook() {
    let site = site_with(&[device("PC-1", "10.0.0.5", "00:1a:2b:3c:4d:01")], |_| {});
    let book = site.path().join("site.xlsx");
    let before = fs::read(&book).unwrap();
    for args in [
        vec!["ledger", "{site}", "--xlsx", "{site}/site.xlsx"],
        vec!["map", "{site}", "-o", "{site}/SITE.XLSX"],
    ] {
        let s = site.path().to_str().unwrap();
        let args: Vec<String> = args.iter().map(|a| a.replace("{site}", s)).collect();
        let out = Command::new(BIN).args(&args).output().unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {err}");
        assert!(err.contains("はサイトフォルダの"), "{err}");
    }
    assert_eq!(fs::read(&book).unwrap(), before);
}

#[test]
fn init_refuses_a_folder_with_site_files_and_makes_a_site_that_maps() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("Devices.CSV"), "id\nx\n").unwrap();
    let out = Command::new(BIN)
        .arg("init")
        .arg(dir.path())
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.contains("Devices.CSV"), "{err}");
    assert!(!dir.path().join("site.xlsx").exists());

    for lang in ["ja", "en"] {
        let new = dir.path().join(format!("new-{lang}"));
        let out = Command::new(BIN)
            .arg("init")
            .arg(&new)
            .args(["--lang", lang])
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let (code, err) = map(&new);
        assert_eq!(code, Some(0), "{err}");
        assert!(
            err.is_empty(),
            "the starter workbook draws without a warning: {err}"
        );
        assert!(new.join("out.svg").exists());
    }
}
