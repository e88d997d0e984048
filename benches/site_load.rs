//! How long `site::load` takes on a large ledger: 100,000 devices in 400
//! segments, written as Excel would (CRLF, Japanese headers, some quoted cells).
#![allow(clippy::unwrap_used, clippy::expect_used)] // bench code: a failed unwrap is a failed run
#![allow(missing_docs)] // criterion_group! defines undocumented public functions

use std::fmt::Write as _;
use std::fs;
use std::path::Path;
use std::time::Duration;

use criterion::{criterion_group, criterion_main, Criterion};

const DEVICES: usize = 100_000;
const PER_SEGMENT: usize = 250;

fn write_site(dir: &Path) {
    fs::write(
        dir.join("site.toml"),
        "name = \"ベンチ総合病院\"\nupdated = \"2026-11-01\"\n",
    )
    .unwrap();
    let segments = DEVICES.div_ceil(PER_SEGMENT);
    let mut seg = String::from("ID,名称,サブネット,VLAN,ゾーン\r\n");
    for s in 0..segments {
        let _ = write!(
            seg,
            "SEG{s:03},部門{s}系,10.{}.{}.0/24,{},基幹系\r\n",
            s / 256,
            s % 256,
            s % 4094 + 1
        );
    }
    fs::write(dir.join("segments.csv"), seg).unwrap();
    let kinds = ["パソコン", "プリンタ", "医療機器", "サーバ", "pc", "カメラ"];
    let mut dev = String::from(
        "ID,機器名,種別,MACアドレス,IPアドレス,セグメント,部署,メーカー,設置場所,備考\r\n",
    );
    for i in 0..DEVICES {
        let s = i / PER_SEGMENT;
        let host = i % PER_SEGMENT + 1;
        let _ = write!(
            dev,
            "PC-{i:06},端末{i},{},00:1a:{:02x}:{:02x}:{:02x}:{:02x},10.{}.{}.{host},SEG{s:03},医事課,A社,\"本館 {}F, 東\",{}\r\n",
            kinds[i % kinds.len()],
            (i >> 24) & 0xff,
            (i >> 16) & 0xff,
            (i >> 8) & 0xff,
            i & 0xff,
            s / 256,
            s % 256,
            i % 9 + 1,
            if i % 10 == 0 { "\"リース\r\n2027年返却\"" } else { "" },
        );
    }
    fs::write(dir.join("devices.csv"), dev).unwrap();
}

/// Nanoseconds this thread has run on a CPU (Linux schedstat), if available.
fn thread_cpu_ns() -> Option<u64> {
    fs::read_to_string("/proc/thread-self/schedstat")
        .ok()?
        .split_whitespace()
        .next()?
        .parse()
        .ok()
}

fn bench(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    write_site(dir.path());
    let loaded = koseizu::site::load(dir.path()).expect("generated site is valid");
    assert_eq!(loaded.site.devices.len(), DEVICES);
    assert!(loaded.warnings.is_empty(), "{:?}", &loaded.warnings[..1]);
    let mut group = c.benchmark_group("site_load");
    group.sample_size(10);
    group.bench_function("100k_devices", |b| {
        b.iter(|| koseizu::site::load(dir.path()).unwrap())
    });
    // The machine is shared, so wall time includes waiting for a core; the
    // time this thread actually ran on one is the loader's own cost.
    if thread_cpu_ns().is_some() {
        group.bench_function("100k_devices_thread_cpu_time", |b| {
            b.iter_custom(|iters| {
                let start = thread_cpu_ns().unwrap_or(0);
                for _ in 0..iters {
                    criterion::black_box(koseizu::site::load(dir.path()).unwrap());
                }
                Duration::from_nanos(thread_cpu_ns().unwrap_or(0).saturating_sub(start))
            })
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
