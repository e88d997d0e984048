//! Audit and diff at hospital-group scale: a 100,000-row ledger against a
//! 100,000-host snapshot, and the diff of two 100,000-host snapshots.
//!
//! Run: `cargo bench --bench audit`. The data is generated here
//! deterministically: 400 segments of 250 devices; the scan sees 95% of them
//! (1% at another IP), plus 5,000 unregistered hosts (a fifth with
//! randomised MACs) and some external-facing evidence.

use std::hint::black_box;
use std::net::{IpAddr, Ipv4Addr};

use chrono::{DateTime, Utc};
use criterion::{criterion_group, criterion_main, Criterion};
use koseizu::inventory::{audit, diff};
use koseizu::mac::MacAddr;
use koseizu::site::{Device, DeviceKind, Lang, Line, LineKind, Segment, Site, SiteMeta, SourceRef};
use koseizu::snapshot::{
    ExternalEvidence, Host, OpenPort, Proto, ScanSettings, Snapshot, FORMAT_NAME, FORMAT_VERSION,
};

const SEGMENTS: u32 = 400;
const PER_SEGMENT: u32 = 250;

fn ip(seg: u32, host: u32) -> IpAddr {
    IpAddr::V4(Ipv4Addr::new(
        10,
        (seg / 256) as u8,
        (seg % 256) as u8,
        host as u8,
    ))
}

fn mac(n: u32, first: u8) -> MacAddr {
    let b = n.to_be_bytes();
    MacAddr::new([first, 0x1a, b[0], b[1], b[2], b[3]])
}

fn at(file: &str, line: usize) -> SourceRef {
    SourceRef {
        file: file.into(),
        line,
    }
}

fn ledger() -> Site {
    let mut segments = Vec::new();
    let mut devices = Vec::new();
    for s in 0..SEGMENTS {
        segments.push(Segment {
            id: format!("seg{s}"),
            name: format!("セグメント{s}"),
            cidr: Some(format!("10.{}.{}.0/24", s / 256, s % 256).parse().unwrap()),
            zone: None,
            vlan: Some(s as u16 + 1),
            connects: vec![],
            notes: String::new(),
            at: at("segments.csv", s as usize + 2),
        });
        for h in 1..=PER_SEGMENT {
            let n = s * PER_SEGMENT + h;
            devices.push(Device {
                id: format!("D{n:06}"),
                name: format!("端末{n}"),
                kind: if h == 1 {
                    DeviceKind::Router
                } else {
                    DeviceKind::Pc
                },
                // Every 10th device is DHCP (no IP); every 50th has no MAC.
                mac: (n % 50 != 0).then(|| mac(n, 0x00)),
                ip: (n % 10 != 0).then(|| ip(s, h)),
                segment: Some(format!("seg{s}")),
                system: None,
                department: String::new(),
                vendor: String::new(),
                location: String::new(),
                notes: String::new(),
                at: at("devices.csv", devices.len() + 2),
            });
        }
    }
    let lines = vec![Line {
        id: "inet".into(),
        name: "インターネット".into(),
        carrier: "NTT".into(),
        kind: LineKind::Internet,
        device: Some("D000001".into()),
        purpose: String::new(),
        notes: String::new(),
        at: at("lines.csv", 2),
    }];
    Site {
        root: "/bench".into(),
        meta: SiteMeta {
            name: "ベンチ病院".into(),
            updated: None,
            language: Lang::Ja,
            author: None,
        },
        segments,
        devices,
        systems: vec![],
        lines,
        circuits: vec![],
        clouds: vec![],
        flows: vec![],
        contacts: vec![],
    }
}

fn snapshot(site: &Site, variant: u32) -> Snapshot {
    let mut hosts = Vec::with_capacity(site.devices.len());
    for (i, d) in site.devices.iter().enumerate() {
        let n = i as u32 + 1;
        if (n + variant) % 20 == 0 {
            continue; // not seen
        }
        let (s, h) = (i as u32 / PER_SEGMENT, i as u32 % PER_SEGMENT + 1);
        let moved = (n + variant) % 100 == 1;
        hosts.push(Host {
            ip: if moved {
                ip(s, 251 + h % 4)
            } else {
                d.ip.unwrap_or(ip(s, h))
            },
            mac: d.mac.or(Some(mac(n, 0x04))),
            other_macs: vec![],
            vendor: Some("Example Corp".into()),
            hostname: None,
            ports: if (n + variant) % 7 == 0 {
                vec![OpenPort {
                    proto: Proto::Tcp,
                    port: 3389,
                    service: Some("rdp".into()),
                }]
            } else {
                vec![]
            },
            rtt_ms: Some(0.5),
            flags: vec![],
            external: if h == 1 || (n + variant) % 997 == 0 {
                vec![ExternalEvidence::GatewayProbe {
                    responder: ip(s, 1),
                }]
            } else {
                vec![]
            },
        });
    }
    for k in 0..5_000u32 {
        let s = k % SEGMENTS;
        hosts.push(Host {
            ip: ip(s, 255 - (k / SEGMENTS) % 4),
            mac: Some(mac(
                1_000_000 + k + variant,
                if k % 5 == 0 { 0xda } else { 0x08 },
            )),
            other_macs: vec![],
            vendor: None,
            hostname: None,
            ports: vec![],
            rtt_ms: None,
            flags: vec![],
            external: vec![],
        });
    }
    hosts.sort_by_key(|h| h.ip);
    let t: DateTime<Utc> =
        DateTime::from_timestamp(1_795_000_000 + i64::from(variant) * 86_400, 0).unwrap();
    Snapshot {
        format: FORMAT_NAME.into(),
        version: FORMAT_VERSION,
        started: t,
        finished: t,
        partial: false,
        interface: "eth0".into(),
        scanner_ip: None,
        scanner_mac: None,
        default_gateway: None,
        scopes: vec!["10.0.0.0/8".parse().unwrap()],
        settings: ScanSettings {
            rate_pps: 1000,
            host_rate_pps: 20,
            tcp_ports: vec![22, 443, 3389],
            udp_ports: vec![500],
            outside_probe: Some("198.19.0.1".parse().unwrap()),
            excluded: vec![],
            unprivileged: false,
        },
        hosts,
        limitations: vec![],
    }
}

fn bench(c: &mut Criterion) {
    let site = ledger();
    let old = snapshot(&site, 0);
    let new = snapshot(&site, 3);
    let snaps = [old.clone()];
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
