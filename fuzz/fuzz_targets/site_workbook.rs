//! Any bytes as a site's workbook: loading never panics, and it ends in
//! bounded time and memory (zip bombs, far-away cells, huge sheets are
//! refused before they are inflated or laid out).
//!
//! The first byte picks the file name (`site.xlsx`, `site.ods`,
//! `devices.xls` or `devices.xlsm`): the format is told by the bytes, the
//! name decides which tables the workbook may hold. A valid workbook makes
//! a good seed: `koseizu init DIR` writes one.
#![no_main]

use libfuzzer_sys::fuzz_target;

const NAMES: [&str; 4] = ["site.xlsx", "site.ods", "devices.xls", "devices.xlsm"];

fuzz_target!(|data: &[u8]| {
    let Some((&pick, book)) = data.split_first() else {
        return;
    };
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(dir.path().join("site.toml"), "name = \"fuzz\"\n").expect("write");
    let name = NAMES[usize::from(pick) % NAMES.len()];
    std::fs::write(dir.path().join(name), book).expect("write");
    let _ = koseizu::site::load(dir.path());
});
