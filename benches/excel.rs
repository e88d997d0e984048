//! Workbooks at hospital-group scale, with openpyxl as the reference in
//! the same run:
//!
//! - `site::load` of a site whose 100,000-row ledger is a sheet of
//!   `site.xlsx` (target ≤ 2 s, and ≥ 10× faster than openpyxl reading the
//!   same file in its fastest, read-only mode);
//! - `audit --xlsx` for 100,000 devices: the audit workbook of a
//!   100,000-row ledger against a 100,000-host scan (target ≤ 2 s).
//!
//! Run: `cargo bench --bench excel` (needs `apt-get install python3-openpyxl`
//! for the reference; without it that line says so). Plain timing, not
//! criterion, so the reference runs in the same process's wall clock.
#![allow(clippy::unwrap_used, clippy::expect_used)] // bench code: a failed unwrap is a failed run
#![allow(missing_docs)]

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use koseizu::inventory::audit;
use koseizu::report::xlsx::{ledger_headers, Book, Cell};
use koseizu::site::{Lang, Site};
use koseizu::synth::{synthetic_site, synthetic_snapshot, SnapSpec, SynthSpec};

const DEVICES: usize = 100_000;

/// Writes `site` as `site.toml` + `site.xlsx` (セグメント, 機器台帳) with a
/// title row above each header, as staff keep it.
fn write_workbook_site(site: &Site, dir: &Path) {
    std::fs::write(
        dir.join("site.toml"),
        "name = \"ベンチ総合病院\"\nupdated = \"2026-11-01\"\n",
    )
    .unwrap();
    let mut book = Book::new();
    {
        let mut s = book
            .sheet(
                "セグメント",
                &["番号", "名称", "サブネット", "ゾーン", "VLAN"],
            )
            .unwrap();
        for seg in &site.segments {
            s.row(&[
                Cell::text(&seg.id),
                Cell::text(&seg.name),
                Cell::opt_owned(seg.cidr.map(|c| c.to_string())),
                Cell::opt(seg.zone.as_deref()),
                seg.vlan.map_or(Cell::Empty, |v| Cell::Number(f64::from(v))),
            ])
            .unwrap();
        }
    }
    {
        let mut s = book.sheet("機器台帳", &ledger_headers(Lang::Ja)).unwrap();
        for d in &site.devices {
            s.row(&[
                Cell::text(&d.id),
                Cell::text(&d.name),
                Cell::text(d.kind.label(Lang::Ja)),
                Cell::opt_owned(d.mac.map(|m| m.to_string())),
                Cell::opt_owned(d.ip.map(|i| i.to_string())),
                Cell::opt(d.segment.as_deref()),
                Cell::opt(d.system.as_deref()),
                Cell::text(&d.department),
                Cell::text(&d.vendor),
                Cell::text(&d.location),
                Cell::text(&d.notes),
            ])
            .unwrap();
        }
    }
    let mut bytes = Vec::new();
    book.write(&mut bytes).unwrap();
    std::fs::write(dir.join("site.xlsx"), bytes).unwrap();
}

fn median(mut runs: Vec<Duration>) -> Duration {
    runs.sort();
    runs[runs.len() / 2]
}

fn time<T>(runs: usize, mut f: impl FnMut() -> T) -> Duration {
    median(
        (0..runs)
            .map(|_| {
                let t = Instant::now();
                std::hint::black_box(f());
                t.elapsed()
            })
            .collect(),
    )
}

const OPENPYXL: &str = r#"
import sys, time, openpyxl
t = time.perf_counter()
wb = openpyxl.load_workbook(sys.argv[1], read_only=sys.argv[2] == "read-only")
n = 0
for ws in wb.worksheets:
    for row in ws.iter_rows(values_only=True):
        n += 1
print(n, time.perf_counter() - t)
"#;

fn main() {
    // `cargo test --benches` runs benches with --bench absent: do nothing then.
    if !std::env::args().any(|a| a == "--bench") {
        return;
    }
    let site = synthetic_site(&SynthSpec {
        devices: DEVICES,
        segments: 400,
        externals: 30,
        seed: 1,
    });
    let dir = tempfile::tempdir().unwrap();
    write_workbook_site(&site, dir.path());
    let size = std::fs::metadata(dir.path().join("site.xlsx"))
        .unwrap()
        .len();
    println!(
        "site.xlsx: {} devices, {} segments, {:.1} MB",
        site.devices.len(),
        site.segments.len(),
        size as f64 / 1e6
    );

    let load = time(5, || {
        let loaded = koseizu::site::load(dir.path()).unwrap();
        assert_eq!(loaded.site.devices.len(), DEVICES);
        loaded
    });
    println!("site::load (site.xlsx, 100,000-row ledger): median of 5 {load:.2?}  (target ≤ 2 s)");

    // Where the time goes: calamine alone (open, shared strings, every
    // cell of the ledger streamed and dropped), the rest is koseizu's rows
    // and checks.
    let calamine_only = time(3, || {
        let mut book: calamine::Xlsx<_> =
            calamine::open_workbook(dir.path().join("site.xlsx")).unwrap();
        let mut cells = 0usize;
        for sheet in ["セグメント", "機器台帳"] {
            let mut reader = book.worksheet_cells_reader(sheet).unwrap();
            while let Some(cell) = reader.next_cell().unwrap() {
                std::hint::black_box(cell.get_value());
                cells += 1;
            }
        }
        cells
    });
    println!(
        "  of which calamine alone (open + stream every cell): median of 3 {calamine_only:.2?}"
    );

    let python = ["/usr/bin/python3", "python3"].into_iter().find(|py| {
        Command::new(py)
            .args(["-c", "import openpyxl"])
            .output()
            .is_ok_and(|o| o.status.success())
    });
    match python {
        Some(py) => {
            for mode in ["read-only", "default"] {
                let out = Command::new(py)
                    .args(["-c", OPENPYXL])
                    .arg(dir.path().join("site.xlsx"))
                    .arg(mode)
                    .output()
                    .unwrap();
                let text = String::from_utf8_lossy(&out.stdout);
                let secs: f64 = text
                    .split_whitespace()
                    .nth(1)
                    .and_then(|s| s.parse().ok())
                    .unwrap_or(f64::NAN);
                println!(
                    "openpyxl ({mode} mode), same file, rows only: {secs:.2} s  → koseizu (load + every check) is {:.1}× faster (target ≥ 10×)",
                    secs / load.as_secs_f64()
                );
            }
        }
        None => {
            println!("openpyxl: not installed (apt-get install python3-openpyxl), no reference")
        }
    }

    let snap = synthetic_snapshot(
        &site,
        &SnapSpec {
            seen_fraction: 0.95,
            unregistered: 5_000,
            undeclared_routers: 20,
            seed: 1,
        },
    );
    let snaps = [snap];
    let report = audit(&site, &snaps);
    let mut bytes = Vec::new();
    let write = time(3, || {
        bytes.clear();
        koseizu::report::xlsx::audit::write(&report, Lang::Ja, &mut bytes).unwrap();
    });
    let both = time(3, || {
        let report = audit(&site, &snaps);
        let mut out = Vec::new();
        koseizu::report::xlsx::audit::write(&report, Lang::Ja, &mut out).unwrap();
        out.len()
    });
    println!(
        "audit --xlsx, 100,000 devices x {} hosts ({} unregistered, {} not seen): writing the workbook {write:.2?}, audit + workbook {both:.2?}  (target ≤ 2 s), {:.1} MB",
        snaps[0].hosts.len(),
        report.unregistered.len(),
        report.unseen.len(),
        bytes.len() as f64 / 1e6
    );
}
