//! The checklist at hospital-group scale: a 100,000-device ledger, the
//! latest of two 100,000-host snapshots audited and the two compared.
//!
//! - `checklist/judge_100k`: the diff of the two snapshots named by the
//!   ledger, the audit of the newer one and the rules, in memory.
//! - `checklist/command_100k`: the real binary, `koseizu checklist SITE`,
//!   on that site written to a temp dir with both snapshots in `scans/`:
//!   reading the CSV folder and the snapshots, the same, and the text.
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
use koseizu::synth::{synthetic_site, synthetic_snapshot, write_site, SnapSpec, SynthSpec};

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
    g.bench_function("judge_100k", |b| {
        b.iter(|| {
            let d = diff(black_box(&old), black_box(&new), Some(&site));
            black_box(judge(black_box(&site), black_box(&snaps), Some(&d)))
        })
    });
    let d = diff(&old, &new, Some(&site));
    let list = judge(&site, &snaps, Some(&d));
    g.bench_function("writers", |b| {
        b.iter(|| {
            let mut out = Vec::with_capacity(1 << 16);
            write_text(black_box(&list), Lang::Ja, &mut out).unwrap();
            write_json(black_box(&list), Lang::Ja, &mut out).unwrap();
            write_csv(black_box(&list), Lang::Ja, &mut out).unwrap();
            black_box(out.len())
        })
    });

    let dir = tempfile::tempdir().unwrap();
    write_site(&site, dir.path()).unwrap();
    old.save_in_site(dir.path()).unwrap();
    new.save_in_site(dir.path()).unwrap();
    // The real binary (built with the bench profile), as staff run it.
    let site_dir = dir.path().to_str().unwrap().to_string();
    g.bench_function("command_100k", |b| {
        b.iter(|| {
            let out = std::process::Command::new(env!("CARGO_BIN_EXE_koseizu"))
                .args(["checklist", &site_dir])
                .output()
                .unwrap();
            assert!(out.status.success());
            black_box(out.stdout.len())
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
