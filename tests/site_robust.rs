//! The loader never panics on hostile or broken input: any bytes in any file
//! give either a site or a list of problems.
#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a failed unwrap is a failed test

use std::fs;

use koseizu::site::{self, SiteError};

/// A small deterministic generator (xorshift), so failures reproduce.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn pick<'a>(&mut self, from: &[&'a [u8]]) -> &'a [u8] {
        from[(self.next() % from.len() as u64) as usize]
    }
}

/// Pieces that matter to the parser: separators, quotes, line ends,
/// multi-byte UTF-8 and CP932, BOMs, full-width and odd values.
const PIECES: &[&[u8]] = &[
    b",",
    b"\"",
    b"\"\"",
    b"\r\n",
    b"\n",
    b"\r",
    b" ",
    b"id",
    b"name",
    b"mac",
    b"ip",
    b"segment",
    b"S1",
    b"D1",
    b"10.0.0.1",
    b"00:11:22:33:44:55",
    b"192.168.0.0/24",
    b"\xef\xbb\xbf",
    b"\xff\xfe",
    b"\x82\xa0",
    b"\x87\x40",
    b"\xb1",
    b"\xe3\x81\x82",
    "ＭＡＣアドレス".as_bytes(),
    "ｾｸﾞﾒﾝﾄ".as_bytes(),
    "①".as_bytes(),
    b"\x00",
    b";",
    "；".as_bytes(),
    b"=",
    b"[",
    b"]",
    b"\\",
    b"9999999999999999999999",
];

fn random_file(rng: &mut Rng) -> Vec<u8> {
    let mut out = Vec::new();
    for _ in 0..(rng.next() % 40) {
        out.extend_from_slice(rng.pick(PIECES));
    }
    out
}

#[test]
fn random_bytes_never_panic() {
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let files = [
        "site.toml",
        "devices.csv",
        "segments.csv",
        "systems.csv",
        "lines.csv",
        "maintenance.csv",
        "cloud.csv",
        "flows.csv",
        "contacts.csv",
    ];
    let dir = tempfile::tempdir().unwrap();
    let mut invalid = 0;
    for round in 0..400 {
        fs::write(
            dir.path().join("site.toml"),
            "name = \"H\"\nupdated = \"2026-11-01\"\n",
        )
        .unwrap();
        fs::write(
            dir.path().join("devices.csv"),
            "id,name,mac,ip,segment,system\nD1,a,,,S1,\n",
        )
        .unwrap();
        // Each round garbles one to three files.
        for _ in 0..=(rng.next() % 3) {
            let name = files[(rng.next() % files.len() as u64) as usize];
            fs::write(dir.path().join(name), random_file(&mut rng)).unwrap();
        }
        match site::load(dir.path()) {
            Ok(_) => {}
            Err(SiteError::Invalid(p)) => {
                assert!(p.has_errors(), "round {round}: Invalid without errors");
                invalid += 1;
            }
            Err(e) => panic!("round {round}: {e}"),
        }
        for name in files {
            let _ = fs::remove_file(dir.path().join(name));
        }
    }
    // Most garbled folders must be refused, not silently accepted.
    assert!(
        invalid > 200,
        "only {invalid} of 400 garbled folders refused"
    );
}
