//! Audit and diff at hospital-group scale: a 100,000-row ledger against a
//! 100,000-host snapshot, and the diff of two 100,000-host snapshots.
//!
//! Run: `cargo bench --bench audit`. Data from `koseizu::synth` (fixed
//! seeds): 100,000 devices in 200 segments; each scan sees 95% of them plus
//! 5,000 unregistered hosts and 20 undeclared routers.

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion};
use koseizu::inventory::{audit, diff};
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
    let mut g = c.benchmark_group("audit_and_diff");
    g.sample_size(10);
    g.bench_function("audit 100k hosts x 100k ledger", |b| {
        b.iter(|| black_box(audit(black_box(&site), black_box(&snaps))))
    });
    g.bench_function("diff 100k x 100k hosts", |b| {
        b.iter(|| black_box(diff(black_box(&old), black_box(&new), None)))
    });
    g.bench_function("diff 100k x 100k hosts named by ledger", |b| {
        b.iter(|| black_box(diff(black_box(&old), black_box(&new), Some(&site))))
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
