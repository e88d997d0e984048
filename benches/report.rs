//! `koseizu report`, `map --format drawio` and `map --format pdf` on the
//! large hospital: 5,000 devices, 40 segments, 20 external connections, a
//! scan that saw 95 % of it plus 50 unregistered hosts. Targets: ≤ 1 s
//! each, the report ≤ 5 MB.
//!
//! Run: `cargo bench --bench report` (the browser-side timings:
//! `cargo test --release --test report_speed -- --ignored --nocapture`).
//! With `KOSEIZU_BENCH_WRITE_SITE=DIR` it writes the same site folder and
//! scan to DIR and exits (`benches/report_end_to_end.sh` times the real
//! binary on it).
#![allow(clippy::unwrap_used, clippy::expect_used)] // bench code: a failed unwrap is a failed run
#![allow(missing_docs)] // criterion_group! defines undocumented public functions

use std::hint::black_box;

use criterion::{criterion_group, Criterion};
use koseizu::graph::InventoryGraph;
use koseizu::inventory::audit::{audit, scan_marks};
use koseizu::render::{prepare, write_drawio, RenderOptions};
use koseizu::report::html::{traces, write_html, ReportInput};
use koseizu::synth::{synthetic_site, synthetic_snapshot, SnapSpec, SynthSpec};

/// The benchmark's hospital and the scan of it.
fn hospital() -> (koseizu::site::Site, koseizu::snapshot::Snapshot) {
    let site = synthetic_site(&SynthSpec {
        devices: 5_000,
        segments: 40,
        externals: 20,
        seed: 1,
    });
    let snap = synthetic_snapshot(
        &site,
        &SnapSpec {
            seen_fraction: 0.95,
            unregistered: 50,
            undeclared_routers: 2,
            seed: 2,
        },
    );
    (site, snap)
}

fn bench(c: &mut Criterion) {
    let (site, snap) = hospital();
    let snaps = vec![snap];
    let graph = InventoryGraph::build(&site, scan_marks(&site, &snaps));
    let report = audit(&site, &snaps);
    let today = chrono::NaiveDate::from_ymd_opt(2026, 12, 4).unwrap();
    let input = ReportInput {
        site: &site,
        graph: &graph,
        snapshots: &snaps,
        audit: Some(&report),
        changes: None,
        lang: site.meta.language,
        today,
    };
    let opts = RenderOptions {
        lang: site.meta.language,
        highlight: None,
        today,
    };
    let mut size = Vec::new();
    write_html(&mut size, &input).unwrap();
    eprintln!("report of 5,000 devices: {} bytes", size.len());

    let mut g = c.benchmark_group("report");
    g.sample_size(10);
    g.bench_function("html_5000_devices", |b| {
        b.iter(|| {
            let mut out = Vec::with_capacity(4 << 20);
            write_html(&mut out, &input).unwrap();
            black_box(out.len())
        })
    });
    let (d, lay) = prepare(&site, &graph, &opts);
    g.bench_function("traces_5000_devices", |b| {
        b.iter(|| black_box(traces(&site, &graph, &opts, &d, &lay).origins.len()))
    });
    g.bench_function("drawio_5000_devices", |b| {
        b.iter(|| {
            let mut out = Vec::with_capacity(1 << 20);
            write_drawio(&mut out, &site, &graph, &opts).unwrap();
            black_box(out.len())
        })
    });
    g.bench_function("pdf_5000_devices", |b| {
        b.iter(|| {
            black_box(
                koseizu::render::pdf::pdf_bytes(&site, &graph, &opts)
                    .unwrap()
                    .len(),
            )
        })
    });
    g.finish();
}

criterion_group!(benches, bench);

fn main() {
    if let Some(dir) = std::env::var_os("KOSEIZU_BENCH_WRITE_SITE") {
        let dir = std::path::Path::new(&dir);
        let (site, snap) = hospital();
        koseizu::synth::write_site(&site, dir).expect("write the site folder");
        snap.save_in_site(dir).expect("write the scan");
        return;
    }
    benches();
    Criterion::default().configure_from_args().final_summary();
}
