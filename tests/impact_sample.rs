//! `koseizu impact` on the bundled sample hospital (data/).
#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a failed unwrap is a failed test

use std::path::Path;

use koseizu::graph::{InventoryGraph, ScanMarks};
use koseizu::impact::{analyse, resolve, CutLink, EntryKind, Impact, Route};
use koseizu::site::{Lang, Site};
use koseizu::snapshot::{
    ExternalEvidence, Host, ScanSettings, Snapshot, FORMAT_NAME, FORMAT_VERSION,
};

fn sample() -> Site {
    koseizu::site::load(Path::new(env!("CARGO_MANIFEST_DIR")).join("data").as_path())
        .expect("data/ loads")
        .site
}

fn hops(r: &Route) -> Vec<&str> {
    r.hops.iter().map(|h| h.node.id.as_str()).collect()
}

fn run(site: &Site, g: &InventoryGraph, from: &str) -> Impact {
    analyse(site, g, &resolve(site, g, from).unwrap())
}

#[test]
fn the_ssl_vpn_appliance_is_reached_directly_by_its_circuits_and_by_lines_only_through_perimeter() {
    let site = sample();
    let g = InventoryGraph::build(&site, ScanMarks::default());
    let imp = run(&site, &g, "NW-005");

    // The vendors' circuits over LINE-02 land on NW-005 itself: direct, with vendor, method, hours.
    for c in ["MNT-01", "MNT-03", "MNT-04"] {
        let r = imp.routes.iter().find(|r| r.hops[0].node.id == c).unwrap();
        assert!(r.direct, "{c}");
        assert_eq!(hops(r), [c, "LINE-02", "NW-004", "SEG-DMZ", "NW-005"]);
        let info = r.circuit.as_ref().unwrap();
        assert!(!info.vendor.is_empty() && !info.method.is_empty() && !info.hours.is_empty());
    }
    // No hospital line reaches it without breaking a perimeter device first.
    let lines: Vec<&Route> = imp
        .routes
        .iter()
        .filter(|r| r.entry == EntryKind::Line)
        .collect();
    assert!(!lines.is_empty());
    for r in &lines {
        assert!(!r.direct, "{:?}", hops(r));
        assert_eq!(
            r.through[0].id, r.hops[1].node.id,
            "the line's own terminator must be broken"
        );
    }
    let l2 = lines
        .iter()
        .find(|r| r.hops[0].node.id == "LINE-02")
        .unwrap();
    assert_eq!(hops(l2), ["LINE-02", "NW-004", "SEG-DMZ", "NW-005"]);

    // Its scope is named: its own DMZ first, the flat assumption stated.
    assert_eq!(imp.scope.segments[0].segment.id, "SEG-DMZ");
    assert_eq!(imp.scope.segments[0].segment.name, "DMZ");
    assert!(imp.scope.flat_assumption);
    let ext: Vec<&str> = imp
        .scope
        .external
        .iter()
        .map(|e| e.node.id.as_str())
        .collect();
    for want in ["LINE-02", "MNT-01", "MNT-03", "MNT-04"] {
        assert!(ext.contains(&want), "{want} in {ext:?}");
    }
    let mut out = Vec::new();
    koseizu::report::impact::write_text(&imp, Lang::Ja, &mut out).unwrap();
    let text = String::from_utf8(out).unwrap();
    assert!(
        text.contains("対象: VPN装置 リモート保守用SSL-VPN装置 (FortiGate 60F) (NW-005)"),
        "{text}"
    );
    assert!(
        text.contains("全セグメントが相互に通信できるものとして最大の範囲"),
        "{text}"
    );
    assert!(text.contains("回線 LINE-02 の切断"), "{text}");
}

/// A scan of the EHR segment that found the ledger's PC-003 and a carried-in
/// mobile router nobody registered, which answered the TTL-1 gateway probe.
fn scan_with_a_carried_in_router() -> Snapshot {
    let host = |ip: &str, mac: &str, external: Vec<ExternalEvidence>| Host {
        ip: ip.parse().unwrap(),
        mac: Some(mac.parse().unwrap()),
        other_macs: Vec::new(),
        vendor: None,
        hostname: None,
        ports: Vec::new(),
        rtt_ms: Some(0.4),
        flags: Vec::new(),
        external,
        identify: None,
    };
    let started = chrono::DateTime::parse_from_rfc3339("2026-11-27T01:00:00Z")
        .unwrap()
        .with_timezone(&chrono::Utc);
    Snapshot {
        format: FORMAT_NAME.into(),
        version: FORMAT_VERSION,
        source: koseizu::snapshot::Source::Scan,
        imported_from: None,
        started,
        finished: started + chrono::TimeDelta::minutes(3),
        partial: false,
        interface: "eth0".into(),
        scanner_ip: Some("10.10.9.250".parse().unwrap()),
        scanner_mac: None,
        default_gateway: Some("10.10.8.1".parse().unwrap()),
        scopes: vec!["10.10.8.0/22".parse().unwrap()],
        settings: ScanSettings {
            rate_pps: 100,
            host_rate_pps: 10,
            tcp_ports: vec![443],
            udp_ports: Vec::new(),
            outside_probe: Some("198.19.0.1".parse().unwrap()),
            excluded: Vec::new(),
            unprivileged: false,
        },
        hosts: vec![
            host("10.10.9.11", "00:0B:5D:5E:23:30", Vec::new()),
            host(
                "10.10.9.200",
                "00:1a:2b:10:20:30",
                vec![ExternalEvidence::GatewayProbe {
                    responder: "10.10.9.200".parse().unwrap(),
                }],
            ),
        ],
        limitations: Vec::new(),
        switching: None,
        details: vec![],
    }
}

#[test]
fn an_undeclared_router_from_a_scan_becomes_an_entry_point() {
    let site = sample();
    let marks = koseizu::inventory::scan_marks(&site, &[scan_with_a_carried_in_router()]);
    let g = InventoryGraph::build(&site, marks);
    let imp = run(&site, &g, "PC-003");
    let r = &imp.routes[0];
    assert_eq!(r.entry, EntryKind::UnregisteredExternal);
    assert!(r.direct);
    assert_eq!(hops(r), ["10.10.9.200", "SEG-EHR", "PC-003"]);
    assert!(imp
        .containment
        .cut
        .iter()
        .any(|c| matches!(c, CutLink::UndeclaredWayOut { device } if device.id == "10.10.9.200")));
    // The router itself can be X, by its IP or its MAC in another spelling.
    let by_mac = run(&site, &g, "001a.2b10.2030");
    assert_eq!(by_mac.from.id, "10.10.9.200");
    assert_eq!(by_mac.scope.segments[0].segment.id, "SEG-EHR");
}
