//! A small hospital built in code, with known answers for `koseizu impact`.
//!
//! Segments (connects = segments routed to this one):
//!   seg-dmz  DMZ    ← seg-core
//!   seg-core 基幹系 ← seg-dmz, seg-dept
//!   seg-dept 部門系 ← seg-core
//!   seg-med  医療機器 ← seg-dept
//! Lines: L1 (internet) → rtr-1, L2 (VPN) → vpn-1, both in the DMZ.
//! Circuits: C1 カルテ社 over L2 to vpn-1 (system ehr); C2 画像社 on its own line to med-1.
//! Cloud K1 used by system lab, over L1. Flows: 検査会社 hands USB media to lab;
//! ehr sends 紹介状 to 紹介先病院 over the network; lab sends results to ehr.
#![allow(dead_code)]

use std::net::IpAddr;
use std::path::PathBuf;

use koseizu::graph::{InventoryGraph, ScanMarks, UnregisteredHost};
use koseizu::site::*;
use koseizu::snapshot::ExternalEvidence;

fn at(file: &str, line: usize) -> SourceRef {
    SourceRef {
        file: file.into(),
        line,
    }
}

pub fn segment(id: &str, name: &str, connects: &[&str]) -> Segment {
    Segment {
        id: id.into(),
        name: name.into(),
        cidr: None,
        zone: None,
        vlan: None,
        connects: connects.iter().map(|s| s.to_string()).collect(),
        notes: String::new(),
        at: at("segments.csv", 2),
    }
}

#[allow(clippy::too_many_arguments)]
pub fn device(
    id: &str,
    name: &str,
    kind: DeviceKind,
    segment: Option<&str>,
    system: Option<&str>,
    ip: Option<&str>,
    mac: Option<&str>,
) -> Device {
    Device {
        id: id.into(),
        name: name.into(),
        kind,
        mac: mac.map(|m| m.parse().unwrap()),
        ip: ip.map(|i| i.parse().unwrap()),
        segment: segment.map(String::from),
        system: system.map(String::from),
        department: String::new(),
        vendor: String::new(),
        location: String::new(),
        notes: String::new(),
        at: at("devices.csv", 2),
    }
}

pub fn system(id: &str, name: &str, vendor: &str, owner: &str, phone: &str) -> System {
    System {
        id: id.into(),
        name: name.into(),
        vendor: vendor.into(),
        owner: owner.into(),
        contact: format!("{owner}担当"),
        phone: phone.into(),
        email: format!("{id}@example.jp"),
        notes: String::new(),
        at: at("systems.csv", 2),
    }
}

pub fn line(id: &str, name: &str, kind: LineKind, device: &str) -> Line {
    Line {
        id: id.into(),
        name: name.into(),
        carrier: "NTT".into(),
        kind,
        device: Some(device.into()),
        purpose: String::new(),
        notes: String::new(),
        at: at("lines.csv", 2),
    }
}

pub fn circuit(
    id: &str,
    vendor: &str,
    system: &str,
    line: Option<&str>,
    device: &str,
    phone: &str,
) -> Circuit {
    Circuit {
        id: id.into(),
        vendor: vendor.into(),
        system: Some(system.into()),
        line: line.map(String::from),
        device: Some(device.into()),
        method: "IPsec-VPN".into(),
        hours: "常時".into(),
        contact: format!("{vendor}保守窓口"),
        phone: phone.into(),
        notes: String::new(),
        at: at("maintenance.csv", 2),
    }
}

pub fn flow(from: &str, to: &str, kind: FlowKind, description: &str) -> Flow {
    Flow {
        from: from.into(),
        to: to.into(),
        kind,
        description: description.into(),
        at: at("flows.csv", 2),
    }
}

pub fn contact(name: &str, role: &str, phone: &str) -> Contact {
    Contact {
        name: name.into(),
        role: role.into(),
        phone: phone.into(),
        email: String::new(),
        url: String::new(),
        notes: String::new(),
        at: at("contacts.csv", 2),
    }
}

/// The fixture site.
pub fn site() -> Site {
    use DeviceKind::*;
    Site {
        root: PathBuf::from("fixture"),
        meta: SiteMeta {
            name: "テスト病院".into(),
            updated: None,
            language: Lang::Ja,
            author: None,
            timezone: Default::default(),
        },
        segments: vec![
            segment("seg-dmz", "DMZ", &["seg-core"]),
            segment("seg-core", "基幹系", &["seg-dmz", "seg-dept"]),
            segment("seg-dept", "部門系", &["seg-core"]),
            segment("seg-med", "医療機器", &["seg-dept"]),
        ],
        devices: vec![
            device(
                "rtr-1",
                "インターネットルータ",
                Router,
                Some("seg-dmz"),
                None,
                Some("10.0.0.1"),
                None,
            ),
            device(
                "vpn-1",
                "VPN装置",
                Vpn,
                Some("seg-dmz"),
                None,
                Some("10.0.0.2"),
                Some("00:1a:2b:3c:4d:5e"),
            ),
            device(
                "srv-ehr",
                "電子カルテサーバ",
                Server,
                Some("seg-core"),
                Some("ehr"),
                Some("10.1.0.10"),
                None,
            ),
            device(
                "pc-1",
                "受付PC",
                Pc,
                Some("seg-core"),
                Some("ehr"),
                Some("10.1.0.101"),
                Some("00-11-22-33-44-55"),
            ),
            device("pc-2", "受付PC", Pc, Some("seg-dept"), None, None, None),
            device(
                "srv-lab",
                "検査サーバ",
                Server,
                Some("seg-dept"),
                Some("lab"),
                Some("10.2.0.10"),
                None,
            ),
            device(
                "med-1",
                "CT",
                Medical,
                Some("seg-med"),
                Some("pacs"),
                Some("10.3.0.5"),
                None,
            ),
            device(
                "analyser",
                "分析装置",
                Medical,
                None,
                Some("lab"),
                None,
                None,
            ),
            device(
                "wifi-rtr",
                "無線ルータ",
                Router,
                Some("seg-dept"),
                None,
                Some("10.2.0.1"),
                None,
            ),
        ],
        systems: vec![
            system(
                "ehr",
                "電子カルテ",
                "カルテ社",
                "医療情報課",
                "03-1111-1111",
            ),
            system(
                "lab",
                "検査システム",
                "検査機器社",
                "検査科",
                "03-2222-2222",
            ),
            system("pacs", "画像システム", "画像社", "放射線科", "03-3333-3333"),
        ],
        lines: vec![
            line("L1", "光回線A", LineKind::Internet, "rtr-1"),
            line("L2", "光回線B", LineKind::Vpn, "vpn-1"),
        ],
        circuits: vec![
            circuit("C1", "カルテ社", "ehr", Some("L2"), "vpn-1", "03-4444-4444"),
            circuit("C2", "画像社", "pacs", None, "med-1", "03-5555-5555"),
        ],
        clouds: vec![Cloud {
            id: "K1".into(),
            name: "検査結果クラウド".into(),
            provider: "クラウド社".into(),
            systems: vec!["lab".into()],
            line: Some("L1".into()),
            data: "検査結果".into(),
            notes: String::new(),
            at: at("cloud.csv", 2),
        }],
        flows: vec![
            flow("検査会社", "lab", FlowKind::Media, "検査結果"),
            flow("ehr", "紹介先病院", FlowKind::Network, "紹介状"),
            flow("lab", "ehr", FlowKind::Network, "検査結果"),
        ],
        contacts: vec![
            contact("厚生労働省", "医療情報セキュリティ", "03-0000-0001"),
            contact("県警察", "サイバー犯罪相談", "03-0000-0002"),
        ],
    }
}

/// Scan marks: an unregistered host in 部門系 that routes outside, and the
/// ledger's wifi-rtr found external-facing without a declaring line.
pub fn marks() -> ScanMarks {
    let mut m = ScanMarks::default();
    m.undeclared_external_devices.insert("wifi-rtr".into());
    m.unregistered.push(UnregisteredHost {
        ip: "10.2.0.99".parse::<IpAddr>().unwrap(),
        mac: Some("02:aa:bb:cc:dd:ee".parse().unwrap()),
        vendor: None,
        segment: Some("seg-dept".into()),
        external: vec![ExternalEvidence::GatewayProbe {
            responder: "10.2.0.99".parse().unwrap(),
        }],
        randomised_mac: true,
    });
    m
}

/// The fixture's graph without scans.
pub fn graph(site: &Site) -> InventoryGraph {
    InventoryGraph::build(site, ScanMarks::default())
}
