//! `koseizu impact` on a generated hospital of 100,000 devices in 200
//! segments with 50 external connections (lines, circuits, clouds).
//!
//! - `impact/query_100k`: one query (resolve X + routes, scope, containment,
//!   contacts) on a site and graph already loaded. Budget: 100 ms.
//! - `impact/command_100k`: what the command does: read the site folder's
//!   CSV from a temp dir, build the graph, resolve, analyse, write the text
//!   answer. Budget: 1 s.
//!
//! Run: `cargo bench --bench impact`
#![allow(clippy::unwrap_used, clippy::expect_used)] // bench code: a failed unwrap is a failed run
#![allow(missing_docs)] // criterion_group! defines undocumented public functions

use std::hint::black_box;
use std::io::Write;

use criterion::{criterion_group, criterion_main, Criterion};
use koseizu::graph::{InventoryGraph, ScanMarks};
use koseizu::impact::{analyse, resolve};
use koseizu::report::impact::write_text;
use koseizu::site::{DeviceKind, Lang};
use koseizu::synth::{synthetic_site, write_site, SynthSpec};

const SPEC: SynthSpec = SynthSpec {
    devices: 100_000,
    segments: 200,
    externals: 50,
    seed: 5,
};

fn bench(c: &mut Criterion) {
    let site = synthetic_site(&SPEC);
    let graph = InventoryGraph::build(&site, ScanMarks::default());
    // A PC halfway down the ledger, and the first VPN appliance (a perimeter device).
    let pc = site
        .devices
        .iter()
        .filter(|d| d.kind == DeviceKind::Pc)
        .nth(20_000)
        .expect("synthetic site has PCs")
        .id
        .clone();
    let vpn = site
        .devices
        .iter()
        .find(|d| d.kind == DeviceKind::Vpn)
        .expect("synthetic site has a VPN appliance")
        .id
        .clone();

    let mut group = c.benchmark_group("impact");
    group.sample_size(20);
    for (name, x) in [("query_100k_pc", &pc), ("query_100k_vpn", &vpn)] {
        group.bench_function(name, |b| {
            b.iter(|| {
                let t = resolve(&site, &graph, black_box(x)).unwrap();
                black_box(analyse(&site, &graph, &t))
            })
        });
    }

    let dir = tempfile::tempdir().unwrap();
    write_site(&site, dir.path()).unwrap();
    group.sample_size(10);
    group.bench_function("command_100k", |b| {
        b.iter(|| {
            let site = koseizu::site::load(dir.path()).unwrap().site;
            let graph = InventoryGraph::build(&site, ScanMarks::default());
            let t = resolve(&site, &graph, &pc).unwrap();
            let imp = analyse(&site, &graph, &t);
            let mut out = Vec::new();
            write_text(&imp, Lang::Ja, &mut out).unwrap();
            out.flush().unwrap();
            black_box(out.len())
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
