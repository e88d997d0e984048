//! Browser-side speed of the report (ignored by default; run in release):
//!
//! `cargo test --release --test report_speed -- --ignored --nocapture`
//!
//! The 5,000-device site: loaded and a search answered within 1 s, file
//! ≤ 5 MB. 100,000 devices: rows rendered on demand, a search within
//! 200 ms. Times are the browser's own (`performance.now()`, navigation
//! timing).
#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a failed unwrap is a failed test

mod browser;

use std::time::Instant;

use koseizu::graph::InventoryGraph;
use koseizu::inventory::audit::{audit, scan_marks};
use koseizu::report::html::{write_html, ReportInput};
use koseizu::synth::{synthetic_site, synthetic_snapshot, SnapSpec, SynthSpec};

const MEASURE: &str = r#"
const t = performance.getEntriesByType('navigation')[0];
const load = t.loadEventEnd || performance.now();
const q = document.getElementById('q');
const s0 = performance.now();
q.value = 'PC-01234'; q.dispatchEvent(new Event('input'));
const rows = document.querySelectorAll('#dev-body tr').length;
const s1 = performance.now();
q.value = '電子カルテ'; q.dispatchEvent(new Event('input'));
const s2 = performance.now();
return { load, search: s1 - s0, search_ja: s2 - s1, rows, rendered_max: 200 };
"#;

fn measure(devices: usize, segments: usize) -> (usize, f64, serde_json::Value) {
    let site = synthetic_site(&SynthSpec {
        devices,
        segments,
        externals: 20,
        seed: 1,
    });
    let snaps = vec![synthetic_snapshot(
        &site,
        &SnapSpec {
            seen_fraction: 0.95,
            unregistered: 50,
            undeclared_routers: 2,
            seed: 2,
        },
    )];
    let graph = InventoryGraph::build(&site, scan_marks(&site, &snaps));
    let report = audit(&site, &snaps);
    let input = ReportInput {
        site: &site,
        graph: &graph,
        snapshots: &snaps,
        audit: Some(&report),
        changes: None,
        lang: site.meta.language,
        today: chrono::NaiveDate::from_ymd_opt(2026, 12, 4).unwrap(),
    };
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("report.html");
    let t = Instant::now();
    koseizu::output::write_atomic(&path, |w| write_html(w, &input)).unwrap();
    let secs = t.elapsed().as_secs_f64();
    let size = std::fs::metadata(&path).unwrap().len() as usize;
    let run = browser::run(&browser::file_url(&path), MEASURE, true, None);
    assert!(
        run.console.is_empty() && run.exceptions.is_empty(),
        "{:?} {:?}",
        run.console,
        run.exceptions
    );
    (size, secs, run.result)
}

#[test]
#[ignore]
fn five_thousand_devices() {
    if !browser::available() {
        return;
    }
    let (size, secs, r) = measure(5_000, 40);
    println!("5,000 devices: written in {secs:.3} s, {size} bytes; browser: {r}");
    assert!(size <= 5 << 20, "{size} bytes");
    assert!(
        r["load"].as_f64().unwrap() + r["search"].as_f64().unwrap() <= 1000.0,
        "{r}"
    );
}

#[test]
#[ignore]
fn one_hundred_thousand_devices() {
    if !browser::available() {
        return;
    }
    let (size, secs, r) = measure(100_000, 200);
    println!("100,000 devices: written in {secs:.3} s, {size} bytes; browser: {r}");
    assert!(r["search"].as_f64().unwrap() <= 200.0, "{r}");
    assert!(
        r["rows"].as_u64().unwrap() <= 200,
        "rows rendered on demand"
    );
}
