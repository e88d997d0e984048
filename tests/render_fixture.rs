//! A hospital site built in code, shared by the render tests (`#[path]`-included).
#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a failed unwrap is a failed test
#![allow(dead_code)]

use std::path::PathBuf;

use koseizu::site::*;

fn at(file: &str, line: usize) -> SourceRef {
    SourceRef {
        file: file.into(),
        line,
    }
}

/// A segment.
pub fn seg(id: &str, name: &str, cidr: &str, zone: Option<&str>) -> Segment {
    Segment {
        id: id.into(),
        name: name.into(),
        cidr: Some(cidr.parse().unwrap()),
        zone: zone.map(Into::into),
        vlan: Some(10),
        connects: Vec::new(),
        notes: String::new(),
        at: at("segments.csv", 2),
    }
}

/// A device.
pub fn dev(
    id: &str,
    name: &str,
    kind: DeviceKind,
    seg: Option<&str>,
    system: Option<&str>,
    ip: Option<&str>,
) -> Device {
    Device {
        id: id.into(),
        name: name.into(),
        kind,
        mac: None,
        ip: ip.map(|i| i.parse().unwrap()),
        segment: seg.map(Into::into),
        system: system.map(Into::into),
        department: String::new(),
        vendor: String::new(),
        location: String::new(),
        notes: String::new(),
        at: at("devices.csv", 2),
    }
}

/// A system.
pub fn sys(id: &str, name: &str, vendor: &str) -> System {
    System {
        id: id.into(),
        name: name.into(),
        vendor: vendor.into(),
        owner: String::new(),
        contact: String::new(),
        phone: String::new(),
        email: String::new(),
        notes: String::new(),
        at: at("systems.csv", 2),
    }
}

/// A line.
pub fn line(id: &str, name: &str, carrier: &str, kind: LineKind, device: &str) -> Line {
    Line {
        id: id.into(),
        name: name.into(),
        carrier: carrier.into(),
        kind,
        device: Some(device.into()),
        purpose: String::new(),
        notes: String::new(),
        at: at("lines.csv", 2),
    }
}

/// A circuit.
pub fn circuit(
    id: &str,
    vendor: &str,
    system: &str,
    line: Option<&str>,
    device: &str,
    method: &str,
    hours: &str,
) -> Circuit {
    Circuit {
        id: id.into(),
        vendor: vendor.into(),
        system: Some(system.into()),
        line: line.map(Into::into),
        device: Some(device.into()),
        method: method.into(),
        hours: hours.into(),
        contact: String::new(),
        phone: String::new(),
        notes: String::new(),
        at: at("maintenance.csv", 2),
    }
}

/// A flow.
pub fn flow(from: &str, to: &str, kind: FlowKind, description: &str) -> Flow {
    Flow {
        from: from.into(),
        to: to.into(),
        kind,
        description: description.into(),
        at: at("flows.csv", 2),
    }
}

/// A small but complete hospital: lines, vendors (one on its own line),
/// clouds, a DMZ, four inside segments, grouped PCs, a standalone analyser,
/// network and USB flows, and an outside party.
pub fn hospital() -> Site {
    let mut devices = vec![
        dev(
            "fw1",
            "FW-01 (UTM)",
            DeviceKind::Firewall,
            Some("core"),
            None,
            Some("10.0.0.1"),
        ),
        dev(
            "rt1",
            "インターネットルータ",
            DeviceKind::Router,
            Some("dmz"),
            None,
            Some("172.16.0.1"),
        ),
        dev(
            "vpn1",
            "PACS保守VPN装置",
            DeviceKind::Vpn,
            Some("img"),
            Some("pacs"),
            Some("10.2.0.254"),
        ),
        dev(
            "rt-ehr",
            "電子カルテ保守ルータ",
            DeviceKind::Router,
            Some("core"),
            Some("ehr"),
            Some("10.0.0.254"),
        ),
        dev(
            "sw1",
            "コアスイッチ",
            DeviceKind::Switch,
            Some("core"),
            None,
            Some("10.0.0.2"),
        ),
        dev(
            "srv-ehr",
            "電子カルテサーバ",
            DeviceKind::Server,
            Some("core"),
            Some("ehr"),
            Some("10.0.1.10"),
        ),
        dev(
            "srv-ehr2",
            "電子カルテDBサーバ",
            DeviceKind::Server,
            Some("core"),
            Some("ehr"),
            Some("10.0.1.11"),
        ),
        dev(
            "srv-pacs",
            "PACSサーバ",
            DeviceKind::Server,
            Some("img"),
            Some("pacs"),
            Some("10.2.0.10"),
        ),
        dev(
            "nas1",
            "画像保管NAS",
            DeviceKind::Storage,
            Some("img"),
            Some("pacs"),
            Some("10.2.0.20"),
        ),
        dev(
            "web1",
            "公開Webサーバ",
            DeviceKind::Server,
            Some("dmz"),
            None,
            Some("172.16.0.10"),
        ),
        dev(
            "ct1",
            "CT装置",
            DeviceKind::Medical,
            Some("img"),
            Some("pacs"),
            None,
        ),
        dev(
            "mri1",
            "MRI装置",
            DeviceKind::Medical,
            Some("img"),
            Some("pacs"),
            None,
        ),
        dev(
            "ana1",
            "血液分析装置（スタンドアロン）",
            DeviceKind::Medical,
            None,
            Some("lab"),
            None,
        ),
    ];
    for i in 0..42 {
        devices.push(dev(
            &format!("pc{i}"),
            &format!("PC-{i:03}"),
            DeviceKind::Pc,
            Some("core"),
            Some("ehr"),
            None,
        ));
    }
    for i in 0..12 {
        devices.push(dev(
            &format!("office{i}"),
            &format!("事務PC-{i}"),
            DeviceKind::Pc,
            Some("office"),
            None,
            None,
        ));
    }
    for i in 0..3 {
        devices.push(dev(
            &format!("prn{i}"),
            &format!("プリンタ{i}"),
            DeviceKind::Printer,
            Some("office"),
            None,
            None,
        ));
    }
    Site {
        root: PathBuf::from("/nonexistent"),
        meta: SiteMeta {
            name: "県立みなと病院".into(),
            updated: Some(chrono::NaiveDate::from_ymd_opt(2026, 4, 1).unwrap()),
            language: Lang::Ja,
            author: None,
            timezone: Default::default(),
        },
        segments: vec![
            seg("dmz", "DMZ", "172.16.0.0/24", Some("DMZ")),
            seg(
                "core",
                "基幹系（電子カルテ）",
                "10.0.0.0/16",
                Some("基幹系"),
            ),
            seg("img", "画像系（PACS）", "10.2.0.0/16", Some("基幹系")),
            seg("office", "事務系", "10.3.0.0/16", Some("情報系")),
            seg("wifi", "来院者Wi-Fi", "10.9.0.0/16", None),
        ],
        devices,
        systems: vec![
            sys("ehr", "電子カルテ", "Aメディカル"),
            sys("pacs", "PACS", "B画像"),
            sys("lab", "検体検査システム", "C検査"),
            sys("acct", "医事会計", "D社"),
        ],
        lines: vec![
            line(
                "inet",
                "インターネット回線",
                "NTT東日本 フレッツ光",
                LineKind::Internet,
                "rt1",
            ),
            line(
                "closed",
                "地域医療連携網",
                "県医師会",
                LineKind::Closed,
                "fw1",
            ),
        ],
        circuits: vec![
            circuit(
                "m1",
                "B画像株式会社",
                "pacs",
                Some("inet"),
                "vpn1",
                "IPsec-VPN",
                "申請時のみ",
            ),
            circuit("m2", "Aメディカル", "ehr", None, "rt-ehr", "専用線", "常時"),
        ],
        clouds: vec![Cloud {
            id: "c1".into(),
            name: "地域連携クラウド".into(),
            provider: "Eクラウド".into(),
            systems: vec!["ehr".into()],
            line: Some("closed".into()),
            data: "診療情報".into(),
            notes: String::new(),
            at: at("cloud.csv", 2),
        }],
        flows: vec![
            flow("ehr", "pacs", FlowKind::Network, "オーダ・画像参照"),
            flow("ana1", "ehr", FlowKind::Media, "検査結果"),
            flow("ehr", "外部検査センター", FlowKind::Network, "検査依頼"),
        ],
        contacts: Vec::new(),
    }
}
