//! `koseizu impact` on the bundled sample hospital (data/).

use std::path::Path;

use koseizu::graph::{InventoryGraph, ScanMarks, UnregisteredHost};
use koseizu::impact::{analyse, resolve, EntryKind, Impact, Route};
use koseizu::site::{Lang, Site};
use koseizu::snapshot::ExternalEvidence;

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
    koseizu::impact::write_text(&imp, Lang::Ja, &mut out).unwrap();
    let text = String::from_utf8(out).unwrap();
    assert!(
        text.contains("対象: VPN装置 リモート保守用SSL-VPN装置 (FortiGate 60F) (NW-005)"),
        "{text}"
    );
    assert!(text.contains("悲観的なフラットネットワーク仮定"), "{text}");
    assert!(text.contains("回線LINE-02の切断"), "{text}");
}

#[test]
fn an_undeclared_router_from_a_scan_becomes_an_entry_point() {
    let site = sample();
    // A carried-in mobile router in the EHR segment that answered the gateway probe.
    let mut marks = ScanMarks::default();
    marks.unregistered.push(UnregisteredHost {
        ip: "10.10.9.200".parse().unwrap(),
        mac: Some("02:00:5e:10:20:30".parse().unwrap()),
        vendor: None,
        segment: Some("SEG-EHR".into()),
        external: vec![ExternalEvidence::GatewayProbe {
            responder: "10.10.9.200".parse().unwrap(),
        }],
        randomised_mac: true,
    });
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
        .any(|c| matches!(c, koseizu::impact::CutLink::UndeclaredWayOut { device } if device.id == "10.10.9.200")));
}
