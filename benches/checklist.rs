//! The checklist at hospital-group scale: a 100,000-device ledger, the
//! latest of two 100,000-host snapshots audited and the two compared.
//!
//! Run: `cargo bench --bench checklist`. Data from `koseizu::synth` (fixed
//! seeds), as in `benches/audit.rs`: 100,000 devices in 200 segments; each
//! scan sees 95% of them plus 5,000 unregistered hosts and 20 undeclared
//! routers. Target (issue 14): ≤ 1 s for the whole checklist.
#![allow(clippy::unwrap_used, clippy::expect_used)] // bench code: a failed unwrap is a failed run
#![allow(missing_docs)] // criterion_group! defines undocumented public functions

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion};
use koseizu::checklist::judge;
use koseizu::inventory::diff;
use koseizu::report::checklist::{write_csv, write_json, write_text};
use koseizu::site::Lang;
use koseizu::synth::{synthetic_site, synthetic_snapshot, SnapSpec, SynthSpec};

fn bench(c: &mut Criterion) {
    let site = synthetic_site(&SynthSpec {
        devices: 100_000,
        segments: 200,
        externals: 30,
        seed: 1,
    });
    let scan = |seed| {
        synthetic_snapshot(
            &site,
            &SnapSpec {
                seen_fraction: 0.95,
                unregistered: 5_000,
                undeclared_routers: 20,
                seed,
            },
        )
    };
    let old = scan(1);
    let new = scan(2);
    eprintln!(
        "ledger {} devices; snapshots of {} and {} hosts",
        site.devices.len(),
        old.hosts.len(),
        new.hosts.len()
    );
    let snaps = [new.clone()];
    let mut g = c.benchmark_group("checklist");
    g.sample_size(10);
    g.bench_function(
        "checklist 100k ledger, 2 x 100k-host scans (audit + diff + rules)",
        |b| {
            b.iter(|| {
                let d = diff(black_box(&old), black_box(&new), Some(&site));
                black_box(judge(black_box(&site), black_box(&snaps), Some(&d)))
            })
        },
    );
    let d = diff(&old, &new, Some(&site));
    let list = judge(&site, &snaps, Some(&d));
    g.bench_function("checklist writers (text + JSON + CSV)", |b| {
        b.iter(|| {
            let mut out = Vec::with_capacity(1 << 16);
            write_text(black_box(&list), Lang::Ja, &mut out).unwrap();
            write_json(black_box(&list), Lang::Ja, &mut out).unwrap();
            write_csv(black_box(&list), Lang::Ja, &mut out).unwrap();
            black_box(out.len())
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
