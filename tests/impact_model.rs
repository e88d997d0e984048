//! `koseizu impact` on a small hospital with known answers.
#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a failed unwrap is a failed test

mod impact_fixture;

use impact_fixture as fx;
use koseizu::graph::InventoryGraph;
use koseizu::impact::{
    analyse, resolve, CallEntry, CutLink, EntryKind, Impact, ResolveError, Route, Target,
};
use koseizu::site::{DeviceKind, Lang, Site};

fn hops(r: &Route) -> Vec<&str> {
    r.hops.iter().map(|h| h.node.id.as_str()).collect()
}

fn run(site: &Site, g: &InventoryGraph, from: &str) -> Impact {
    let t = resolve(site, g, from).unwrap_or_else(|e| panic!("{from}: {e}"));
    analyse(site, g, &t)
}

fn text(imp: &Impact, lang: Lang) -> String {
    let mut out = Vec::new();
    koseizu::report::impact::write_text(imp, lang, &mut out).unwrap();
    String::from_utf8(out).unwrap()
}

#[test]
fn routes_to_a_pc_direct_first_then_shortest_first() {
    let site = fx::site();
    let g = fx::graph(&site);
    let imp = run(&site, &g, "pc-1");
    let got: Vec<(EntryKind, Vec<&str>, bool)> = imp
        .routes
        .iter()
        .map(|r| (r.entry, hops(r), r.direct))
        .collect();
    assert_eq!(
        got,
        vec![
            (
                EntryKind::Cloud,
                vec!["K1", "lab", "seg-dept", "seg-core", "pc-1"],
                true
            ),
            (
                EntryKind::MediaHandoff,
                vec!["検査会社", "lab", "seg-dept", "seg-core", "pc-1"],
                true
            ),
            (
                EntryKind::Circuit,
                vec!["C1", "L2", "vpn-1", "seg-dmz", "seg-core", "pc-1"],
                true
            ),
            (
                EntryKind::Line,
                vec!["L1", "rtr-1", "seg-dmz", "seg-core", "pc-1"],
                false
            ),
            (
                EntryKind::Line,
                vec!["L2", "vpn-1", "seg-dmz", "seg-core", "pc-1"],
                false
            ),
        ]
    );
    // The circuit carries its vendor, method and hours; lines name what must be broken.
    let c1 = imp.routes[2].circuit.as_ref().unwrap();
    assert_eq!(
        (c1.vendor.as_str(), c1.method.as_str(), c1.hours.as_str()),
        ("カルテ社", "IPsec-VPN", "常時")
    );
    let through: Vec<&str> = imp.routes[3]
        .through
        .iter()
        .map(|n| n.id.as_str())
        .collect();
    assert_eq!(through, ["rtr-1"]);
    let t = text(&imp, Lang::Ja);
    assert!(
        t.contains("（先に ルータ インターネットルータ (rtr-1) の突破が必要）"),
        "{t}"
    );
    assert!(
        t.contains("事業者 カルテ社、接続方式 IPsec-VPN、接続時間 常時"),
        "{t}"
    );
    let t = text(&imp, Lang::En);
    assert!(
        t.contains("requires breaking Router インターネットルータ (rtr-1) first"),
        "{t}"
    );
}

#[test]
fn a_vpn_appliance_is_reached_directly_by_its_line_and_circuit() {
    let site = fx::site();
    let g = fx::graph(&site);
    let imp = run(&site, &g, "vpn-1");
    let direct_from_outside_lines: Vec<Vec<&str>> = imp
        .routes
        .iter()
        .filter(|r| r.direct && matches!(r.entry, EntryKind::Line | EntryKind::Circuit))
        .map(hops)
        .collect();
    assert_eq!(
        direct_from_outside_lines,
        vec![vec!["L2", "vpn-1"], vec!["C1", "L2", "vpn-1"]]
    );
    let l1 = imp
        .routes
        .iter()
        .find(|r| r.hops[0].node.id == "L1")
        .unwrap();
    assert!(!l1.direct);
    assert_eq!(hops(l1), ["L1", "rtr-1", "seg-dmz", "vpn-1"]);
    // Routes after the first non-direct one are all non-direct.
    let first_indirect = imp.routes.iter().position(|r| !r.direct).unwrap();
    assert!(imp.routes[first_indirect..].iter().all(|r| !r.direct));
}

#[test]
fn scope_with_explicit_connects_makes_no_flat_assumption() {
    let site = fx::site();
    let g = fx::graph(&site);
    let imp = run(&site, &g, "pc-1");
    let s = &imp.scope;
    let segs: Vec<(&str, usize, bool)> = s
        .segments
        .iter()
        .map(|x| (x.segment.id.as_str(), x.distance, x.flat))
        .collect();
    assert_eq!(
        segs,
        [
            ("seg-core", 0, false),
            ("seg-dmz", 1, false),
            ("seg-dept", 1, false),
            ("seg-med", 2, false)
        ]
    );
    assert!(!s.flat_assumption);
    assert_eq!(s.device_total, 8);
    let core = &s.segments[0];
    let kinds: Vec<(DeviceKind, usize)> = core.devices.iter().map(|k| (k.kind, k.count)).collect();
    assert_eq!(kinds, [(DeviceKind::Server, 1), (DeviceKind::Pc, 1)]);
    let systems: Vec<&str> = s.systems.iter().map(|n| n.id.as_str()).collect();
    assert_eq!(systems, ["ehr", "lab", "pacs"]);
    let flows: Vec<(&str, &str, bool)> = s
        .flows
        .iter()
        .map(|f| (f.from.id.as_str(), f.to.id.as_str(), f.leaves_hospital))
        .collect();
    assert_eq!(flows, [("ehr", "紹介先病院", true), ("lab", "ehr", false)]);
    let clouds: Vec<&str> = s.clouds.iter().map(|n| n.id.as_str()).collect();
    assert_eq!(clouds, ["K1"]);
    let ext: Vec<&str> = s.external.iter().map(|e| e.node.id.as_str()).collect();
    assert_eq!(ext, ["L1", "L2", "C1", "C2", "K1"]);
    let t = text(&imp, Lang::Ja);
    assert!(!t.contains("フラットネットワーク仮定"), "{t}");
}

#[test]
fn scope_with_an_empty_connects_states_the_flat_assumption() {
    let mut site = fx::site();
    site.segments
        .push(fx::segment("seg-guest", "来客Wi-Fi", &[]));
    site.devices.push(fx::device(
        "ap-1",
        "来客AP",
        DeviceKind::Ap,
        Some("seg-guest"),
        None,
        None,
        None,
    ));
    let g = fx::graph(&site);
    let imp = run(&site, &g, "pc-1");
    let guest = imp
        .scope
        .segments
        .iter()
        .find(|s| s.segment.id == "seg-guest")
        .unwrap();
    assert_eq!((guest.distance, guest.flat), (1, true));
    assert!(imp.scope.flat_assumption);
    assert_eq!(imp.scope.device_total, 9);
    let t = text(&imp, Lang::Ja);
    assert!(
        t.contains("全セグメントが相互に通信できるものとして最大の範囲"),
        "{t}"
    );
    let t = text(&imp, Lang::En);
    assert!(t.contains("pessimistic flat-network assumption"), "{t}");
    // The flat segment is one uplink to cut, not one route per other segment.
    assert!(imp.containment.flat_assumption);
    assert!(imp
        .containment
        .cut
        .iter()
        .any(|c| matches!(c, CutLink::SegmentFromCore { segment } if segment.id == "seg-core")));
}

fn cut_names(imp: &Impact) -> Vec<String> {
    imp.containment
        .cut
        .iter()
        .map(|c| match c {
            CutLink::LineFromDevice { line, device } => format!("line {}|{}", line.id, device.id),
            CutLink::CircuitAtDevice { circuit, device } => {
                format!("circuit {}|{}", circuit.id, device.id)
            }
            CutLink::CircuitOnLine { circuit, line } => {
                format!("circuit {}|{}", circuit.id, line.id)
            }
            CutLink::DeviceFromSegment { device, segment } => {
                format!("port {}|{}", device.id, segment.id)
            }
            CutLink::SegmentFromCore { segment } => format!("uplink {}", segment.id),
            CutLink::SegmentFromSegment { a, b } => format!("route {}|{}", a.id, b.id),
            CutLink::CloudOnLine { cloud, line } => format!("cloud {}|{}", cloud.id, line.id),
            CutLink::CloudFromSegment { cloud, segment } => {
                format!("cloud {}|{}", cloud.id, segment.id)
            }
            CutLink::OutsideFromSegment { party, segment } => {
                format!("outside {}|{}", party.id, segment.id)
            }
            CutLink::UndeclaredWayOut { device } => format!("wayout {}", device.id),
        })
        .collect()
}

#[test]
fn containment_is_the_minimum_cut() {
    let site = fx::site();
    let g = fx::graph(&site);
    let pc = run(&site, &g, "pc-1");
    assert_eq!(
        cut_names(&pc),
        [
            "outside 紹介先病院|seg-core",
            "route seg-core|seg-dmz",
            "route seg-dept|seg-core"
        ]
    );
    assert_eq!(pc.containment.isolate_first.as_ref().unwrap().id, "pc-1");
    assert!(!pc.containment.flat_assumption);

    // The VPN appliance: its own line, the router's line in the same DMZ, and the DMZ's route.
    let vpn = run(&site, &g, "vpn-1");
    assert_eq!(
        cut_names(&vpn),
        ["line L1|rtr-1", "line L2|vpn-1", "route seg-core|seg-dmz"]
    );
    let t = text(&vpn, Lang::Ja);
    assert!(t.contains("回線 L2 の切断"), "{t}");
    let t = text(&vpn, Lang::En);
    assert!(
        t.contains("unplug line (Internet VPN) 光回線B (L2) from VPN appliance VPN装置 (vpn-1)"),
        "{t}"
    );

    // A circuit: stop it on its line. A vendor's own line: stop it at its device.
    assert_eq!(cut_names(&run(&site, &g, "C1")), ["circuit C1|L2"]);
    assert_eq!(cut_names(&run(&site, &g, "C2")), ["circuit C2|med-1"]);
    // A line: unplug it; its circuits and clouds are its own traffic.
    assert_eq!(cut_names(&run(&site, &g, "L1")), ["line L1|rtr-1"]);
    // A standalone analyser has no cable; only its media hand-offs remain.
    let an = run(&site, &g, "analyser");
    assert!(an.containment.cut.is_empty());
    assert!(an.containment.isolate_first.is_none());
    let media: Vec<&str> = an.containment.media.iter().map(|n| n.id.as_str()).collect();
    assert_eq!(media, ["検査会社"]);
    // It is reached only by the USB hand-off for its system.
    let routes: Vec<(EntryKind, Vec<&str>)> =
        an.routes.iter().map(|r| (r.entry, hops(r))).collect();
    assert_eq!(
        routes,
        vec![(EntryKind::MediaHandoff, vec!["検査会社", "analyser"])]
    );
}

#[test]
fn contacts_owners_then_circuit_vendors_then_site_list() {
    let site = fx::site();
    let g = fx::graph(&site);
    let imp = run(&site, &g, "pc-1");
    let got: Vec<String> = imp
        .contacts
        .iter()
        .map(|c| match c {
            CallEntry::System { system, phone, .. } => format!("system {} {phone}", system.id),
            CallEntry::CircuitVendor {
                circuit,
                vendor,
                phone,
                ..
            } => {
                format!("circuit {} {vendor} {phone}", circuit.id)
            }
            CallEntry::SiteContact { name, phone, .. } => format!("contact {name} {phone}"),
        })
        .collect();
    assert_eq!(
        got,
        [
            "system ehr 03-1111-1111",
            "system lab 03-2222-2222",
            "system pacs 03-3333-3333",
            "circuit C1 カルテ社 03-4444-4444",
            "contact 厚生労働省 03-0000-0001",
            "contact 県警察 03-0000-0002",
        ]
    );
}

#[test]
fn x_in_every_supported_form() {
    let site = fx::site();
    let marks = fx::marks();
    let g = InventoryGraph::build(&site, marks);
    let r = |q: &str| resolve(&site, &g, q).unwrap_or_else(|e| panic!("{q}: {e}"));
    assert_eq!(r("pc-1"), Target::Device(3));
    assert_eq!(r("電子カルテサーバ"), Target::Device(2));
    assert_eq!(r("10.1.0.101"), Target::Device(3));
    assert_eq!(r("0011.2233.4455"), Target::Device(3));
    assert_eq!(r("001A2B3C4D5E"), Target::Device(1));
    assert_eq!(r("ehr"), Target::System(0));
    assert_eq!(r("電子カルテ"), Target::System(0));
    assert_eq!(r("L2"), Target::Line(1));
    assert_eq!(r("C2"), Target::Circuit(1));
    assert_eq!(r("K1"), Target::Cloud(0));
    assert_eq!(r("10.2.0.99"), Target::Unregistered(0));
    assert_eq!(r("02-AA-BB-CC-DD-EE"), Target::Unregistered(0));
    // Case and full-width digits as an IME types them.
    assert_eq!(r("ＰＣ－１".replace('－', "-").as_str()), Target::Device(3));
}

#[test]
fn ambiguous_and_unknown_x() {
    let site = fx::site();
    let g = fx::graph(&site);
    match resolve(&site, &g, "受付PC") {
        Err(ResolveError::Ambiguous { candidates, .. }) => {
            assert_eq!(
                candidates,
                [
                    "device pc-1 (受付PC) in seg-core",
                    "device pc-2 (受付PC) in seg-dept"
                ]
            );
        }
        other => panic!("{other:?}"),
    }
    match resolve(&site, &g, "電子カルテサーパ") {
        Err(e @ ResolveError::Unknown { .. }) => {
            let ResolveError::Unknown { suggestions, .. } = &e else {
                unreachable!()
            };
            assert_eq!(suggestions[0], "電子カルテサーバ (device srv-ehr)");
            assert!(
                e.to_string()
                    .contains("did you mean 電子カルテサーバ (device srv-ehr)"),
                "{e}"
            );
        }
        other => panic!("{other:?}"),
    }
    assert!(matches!(
        resolve(&site, &g, "10.9.9.9"),
        Err(ResolveError::Unknown { .. })
    ));
}

#[test]
fn system_line_circuit_and_unregistered_as_x() {
    let site = fx::site();
    let g = InventoryGraph::build(&site, fx::marks());
    // A system: routes end at the system through the segment its devices are in.
    let ehr = run(&site, &g, "ehr");
    assert_eq!(
        hops(&ehr.routes[0]),
        ["wifi-rtr", "seg-dept", "seg-core", "ehr"]
    );
    let cloud = ehr
        .routes
        .iter()
        .find(|r| r.entry == EntryKind::Cloud)
        .unwrap();
    assert_eq!(hops(cloud), ["K1", "lab", "seg-dept", "seg-core", "ehr"]);
    // A line is itself a way in, and circuits reach it.
    let l2 = run(&site, &g, "L2");
    let got: Vec<Vec<&str>> = l2.routes.iter().map(hops).collect();
    assert_eq!(got, vec![vec!["L2"], vec!["C1", "L2"]]);
    assert_eq!(l2.scope.segments[0].segment.id, "seg-dmz");
    // A circuit: its scope includes the system it maintains.
    let c2 = run(&site, &g, "C2");
    assert_eq!(hops(&c2.routes[0]), ["C2"]);
    assert!(c2.scope.systems.iter().any(|s| s.id == "pacs"));
    // An unregistered host that routes outside is its own way in.
    let u = run(&site, &g, "10.2.0.99");
    assert_eq!(u.routes[0].entry, EntryKind::UnregisteredExternal);
    assert_eq!(hops(&u.routes[0]), ["10.2.0.99"]);
    assert_eq!(u.scope.segments[0].segment.id, "seg-dept");
    assert!(cut_names(&u).contains(&"wayout 10.2.0.99".to_string()));
}

#[test]
fn undeclared_ways_out_from_scans_become_entry_points() {
    let site = fx::site();
    let g = InventoryGraph::build(&site, fx::marks());
    let imp = run(&site, &g, "pc-1");
    let first: Vec<(EntryKind, Vec<&str>)> = imp
        .routes
        .iter()
        .take(2)
        .map(|r| (r.entry, hops(r)))
        .collect();
    assert_eq!(
        first,
        vec![
            (
                EntryKind::UndeclaredExternal,
                vec!["wifi-rtr", "seg-dept", "seg-core", "pc-1"]
            ),
            (
                EntryKind::UnregisteredExternal,
                vec!["10.2.0.99", "seg-dept", "seg-core", "pc-1"]
            ),
        ]
    );
    let ext: Vec<&str> = imp
        .scope
        .external
        .iter()
        .map(|e| e.node.id.as_str())
        .collect();
    assert!(ext.ends_with(&["wifi-rtr", "10.2.0.99"]), "{ext:?}");
}

#[test]
fn highlight_sets_are_exactly_routes_and_scope() {
    let site = fx::site();
    let g = fx::graph(&site);
    let imp = run(&site, &g, "vpn-1");
    let names = |set: &std::collections::HashSet<petgraph::graph::NodeIndex>| {
        let mut v: Vec<String> = set.iter().map(|n| format!("{:?}", g.graph[*n])).collect();
        v.sort();
        v
    };
    let route = names(&imp.route_nodes());
    // Every hop of every route, plus the circuit's vendor.
    let mut want: Vec<String> = [
        "Line(1)",
        "Device(1)",
        "Circuit(0)",
        "Vendor(\"カルテ社\")",
        "Cloud(0)",
        "System(1)",
        "Segment(2)",
        "Segment(1)",
        "Segment(0)",
        "OutsideParty(\"検査会社\")",
        "Line(0)",
        "Device(0)",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    want.sort();
    assert_eq!(route, want);
    let scope = imp.scope_nodes();
    assert_eq!(scope.len(), imp.scope.nodes.len());
    // All 8 networked devices, 4 segments, 3 systems, 2 lines, 2 circuits (+ 2 vendors),
    // 1 cloud, and the flow's outside party; not the standalone analyser.
    assert_eq!(scope.len(), 8 + 4 + 3 + 2 + 2 + 2 + 1 + 1);
    assert!(!scope.contains(&g.device("analyser").unwrap()));
    assert!(scope.contains(&g.device("vpn-1").unwrap()));
}

#[test]
fn json_names_every_part() {
    let site = fx::site();
    let g = fx::graph(&site);
    let imp = run(&site, &g, "pc-1");
    let mut out = Vec::new();
    koseizu::report::impact::write_json(&imp, &mut out).unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(v["from"]["id"], "pc-1");
    assert_eq!(v["routes"][0]["entry"], "cloud");
    assert_eq!(v["routes"][0]["hops"][1]["via"]["link"], "cloud-use");
    assert_eq!(v["routes"][2]["circuit"]["vendor"], "カルテ社");
    assert_eq!(v["scope"]["device_total"], 8);
    assert_eq!(v["containment"]["cut"][0]["action"], "outside-from-segment");
    assert_eq!(v["contacts"][0]["reason"], "system");
}

#[test]
fn routes_per_entry_are_the_k_shortest_simple_routes() {
    let mut site = fx::site();
    // Three more ways from 部門系 into 基幹系, each through one extra segment.
    for b in ["seg-b1", "seg-b2", "seg-b3"] {
        site.segments.push(fx::segment(b, b, &["seg-dept"]));
        site.segments[1].connects.push(b.to_string());
    }
    let g = fx::graph(&site);
    let imp = run(&site, &g, "pc-1");
    let from_cloud: Vec<Vec<&str>> = imp
        .routes
        .iter()
        .filter(|r| r.entry == EntryKind::Cloud)
        .map(hops)
        .collect();
    assert_eq!(koseizu::impact::ROUTES_PER_ENTRY, 3);
    assert_eq!(
        from_cloud,
        vec![
            vec!["K1", "lab", "seg-dept", "seg-core", "pc-1"],
            vec!["K1", "lab", "seg-dept", "seg-b1", "seg-core", "pc-1"],
            vec!["K1", "lab", "seg-dept", "seg-b2", "seg-core", "pc-1"],
        ]
    );
    // Every route is simple (no node twice).
    for r in &imp.routes {
        let mut ids = hops(r);
        ids.sort();
        ids.dedup();
        assert_eq!(ids.len(), r.hops.len(), "{:?}", hops(r));
    }
}
