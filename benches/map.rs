//! `koseizu map` on a large hospital: 5,000 devices, 40 segments, 20 external
//! connections (lines, circuits, cloud services) → SVG. Target: ≤ 1 s.
#![allow(clippy::unwrap_used, clippy::expect_used)] // bench code: a failed unwrap is a failed run
#![allow(missing_docs)] // criterion_group! defines undocumented public functions

use criterion::{criterion_group, Criterion};
use koseizu::graph::{InventoryGraph, ScanMarks};
use koseizu::render::{write_dot, write_svg, RenderOptions};
use koseizu::synth::{synthetic_site, SynthSpec};

/// The large hospital of the target: 5,000 devices, 40 segments, 20 external connections.
fn big_spec() -> SynthSpec {
    SynthSpec {
        devices: 5_000,
        segments: 40,
        externals: 20,
        seed: 1,
    }
}

/// The hospital group of the layout targets (issue 15): 100,000 devices,
/// 200 segments, 50 external connections (the impact bench's site).
fn huge_spec() -> SynthSpec {
    SynthSpec {
        devices: 100_000,
        segments: 200,
        externals: 50,
        seed: 5,
    }
}

fn bench_map(c: &mut Criterion) {
    let site = synthetic_site(&big_spec());
    let graph = InventoryGraph::build(&site, ScanMarks::default());
    let opts = RenderOptions::default();
    let mut g = c.benchmark_group("map");
    g.sample_size(10);
    g.bench_function("svg_5000_devices_40_segments", |b| {
        b.iter(|| {
            let mut out = Vec::with_capacity(1 << 20);
            write_svg(&mut out, &site, &graph, &opts).unwrap();
            out
        })
    });
    g.bench_function("dot_5000_devices_40_segments", |b| {
        b.iter(|| {
            let mut out = Vec::with_capacity(1 << 20);
            write_dot(&mut out, &site, &graph, &opts).unwrap();
            out
        })
    });
    g.bench_function("graph_and_svg_5000_devices_40_segments", |b| {
        b.iter(|| {
            let graph = InventoryGraph::build(&site, ScanMarks::default());
            let mut out = Vec::with_capacity(1 << 20);
            write_svg(&mut out, &site, &graph, &opts).unwrap();
            out
        })
    });
    g.finish();
}

criterion_group!(benches, bench_map);

/// With `KOSEIZU_BENCH_WRITE_SITE=DIR`, writes the benchmark's site folder to
/// DIR and exits (benches/map_vs_dot.sh times the real binary on it);
/// otherwise runs the criterion benchmarks.
fn main() {
    if let Some(dir) = std::env::var_os("KOSEIZU_BENCH_WRITE_SITE") {
        let site = synthetic_site(&big_spec());
        koseizu::synth::write_site(&site, std::path::Path::new(&dir))
            .expect("write the site folder");
        return;
    }
    if let Some(dir) = std::env::var_os("KOSEIZU_BENCH_WRITE_HUGE_SITE") {
        let site = synthetic_site(&huge_spec());
        koseizu::synth::write_site(&site, std::path::Path::new(&dir))
            .expect("write the site folder");
        return;
    }
    benches();
    Criterion::default().configure_from_args().final_summary();
}
