//! Audit and diff at hospital-group scale: a 100,000-row ledger against a
//! 100,000-host snapshot, and the diff of two 100,000-host snapshots.
//!
//! Run: `cargo bench --bench audit`. Data from `koseizu::synth` (fixed
//! seeds): 100,000 devices in 200 segments; each scan sees 95% of them plus
//! 5,000 unregistered hosts and 20 undeclared routers.
//!
//! The `snapshot_archive` group times what `audit` does before auditing:
//! choosing and loading the latest snapshot of each scope set from a
//! `scans/` folder holding 20 snapshots of 100,000 hosts (16 of the whole
//! hospital, 4 of one building's segments), once the way koseizu did it
//! until issue 8 (every snapshot parsed whole) and once through
//! `snapshot::Archive` (heads only, then the two it uses).
#![allow(clippy::unwrap_used, clippy::expect_used)] // bench code: a failed unwrap is a failed run
#![allow(missing_docs)] // criterion_group! defines undocumented public functions

use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::Duration;

use criterion::{criterion_group, criterion_main, Criterion};
use koseizu::inventory::{audit, diff};
use koseizu::snapshot::{latest_per_scope, list_site_snapshots, Snapshot};
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

/// The snapshot loading of koseizu before issue 8, kept here to measure
/// against: every file read and parsed whole (a `serde_json::Value` for the
/// format check, then the typed snapshot), the latest per scope set kept.
fn old_latest_per_scope(site: &Path) -> Vec<(PathBuf, Snapshot)> {
    let mut latest: Vec<(PathBuf, Snapshot)> = Vec::new();
    for path in list_site_snapshots(site).unwrap() {
        let bytes = std::fs::read(&path).unwrap();
        let value: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
        assert_eq!(value["format"], "koseizu-snapshot");
        let snap: Snapshot = serde_json::from_slice(&bytes).unwrap();
        let mut key = snap.scopes.clone();
        key.sort();
        match latest.iter_mut().find(|(_, s)| {
            let mut k = s.scopes.clone();
            k.sort();
            k == key
        }) {
            Some(slot) if slot.1.started <= snap.started => *slot = (path, snap),
            Some(_) => {}
            None => latest.push((path, snap)),
        }
    }
    latest.sort_by_key(|(_, s)| s.started);
    latest
}

fn archive(c: &mut Criterion) {
    let site = synthetic_site(&SynthSpec {
        devices: 100_000,
        segments: 200,
        externals: 30,
        seed: 1,
    });
    let mut snap = synthetic_snapshot(
        &site,
        &SnapSpec {
            seen_fraction: 0.95,
            unregistered: 5_000,
            undeclared_routers: 20,
            seed: 1,
        },
    );
    let dir = tempfile::tempdir().unwrap();
    let whole = snap.scopes.clone();
    let building: Vec<_> = whole.iter().take(10).copied().collect();
    for i in 0..20 {
        snap.scopes = if i % 5 == 4 {
            building.clone()
        } else {
            whole.clone()
        };
        snap.save_in_site(dir.path()).unwrap();
        snap.started += chrono::Duration::days(7);
        snap.finished += chrono::Duration::days(7);
    }
    let files = list_site_snapshots(dir.path()).unwrap();
    let bytes: u64 = files
        .iter()
        .map(|f| std::fs::metadata(f).unwrap().len())
        .sum();
    eprintln!(
        "scans/: {} snapshots of {} hosts, {} MB in all",
        files.len(),
        snap.hosts.len(),
        bytes / 1_000_000
    );
    let (old, new) = (
        old_latest_per_scope(dir.path()),
        latest_per_scope(dir.path()).unwrap(),
    );
    assert_eq!(old.len(), 2);
    assert!(old == new, "both ways choose the same snapshots");

    let mut g = c.benchmark_group("snapshot_archive");
    g.sample_size(10);
    g.warm_up_time(Duration::from_secs(1));
    g.bench_function(
        "latest per scope of 20 x 100k hosts, every file parsed (before)",
        |b| b.iter(|| black_box(old_latest_per_scope(black_box(dir.path())))),
    );
    g.bench_function(
        "latest per scope of 20 x 100k hosts, heads then 2 loaded (Archive)",
        |b| b.iter(|| black_box(latest_per_scope(black_box(dir.path())).unwrap())),
    );
    g.finish();
}

criterion_group!(benches, bench, archive);
criterion_main!(benches);
