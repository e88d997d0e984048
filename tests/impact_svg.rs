//! `koseizu impact -o impact.svg`: the diagram highlights exactly the route and scope nodes.
#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a failed unwrap is a failed test

mod impact_fixture;

use std::collections::HashSet;

use impact_fixture as fx;
use koseizu::graph::InventoryGraph;
use koseizu::impact::{analyse, resolve};
use koseizu::render::{write_svg, Highlight, RenderOptions};
use koseizu::site::Lang;
use petgraph::graph::NodeIndex;
use quick_xml::events::Event;
use quick_xml::Reader;

/// (class, data-nodes) of every diagram element that stands for graph nodes.
fn node_elements(svg: &str) -> Vec<(String, Vec<usize>)> {
    let mut reader = Reader::from_str(svg);
    let mut out = Vec::new();
    loop {
        match reader.read_event().expect("well-formed SVG") {
            Event::Eof => break,
            Event::Start(e) | Event::Empty(e) => {
                let mut class = None;
                let mut nodes = None;
                for a in e.attributes() {
                    let a = a.expect("well-formed attribute");
                    let v = quick_xml::escape::unescape(std::str::from_utf8(&a.value).unwrap())
                        .unwrap()
                        .to_string();
                    match a.key.as_ref() {
                        b"class" => class = Some(v),
                        b"data-nodes" => nodes = Some(v),
                        _ => {}
                    }
                }
                if let (Some(c), Some(n)) = (class, nodes) {
                    let ids: Vec<usize> =
                        n.split_whitespace().map(|s| s.parse().unwrap()).collect();
                    if !ids.is_empty() {
                        out.push((c, ids));
                    }
                }
            }
            _ => {}
        }
    }
    out
}

#[test]
fn the_svg_highlights_exactly_the_routes_and_the_scope() {
    let mut site = fx::site();
    // An isolated segment nothing routes to, so something is left to fade.
    site.segments
        .push(fx::segment("seg-iso", "隔離系", &["seg-iso-peer"]));
    site.segments
        .push(fx::segment("seg-iso-peer", "隔離系2", &["seg-iso"]));
    site.devices.push(fx::device(
        "srv-iso",
        "隔離サーバ",
        koseizu::site::DeviceKind::Server,
        Some("seg-iso"),
        None,
        None,
        None,
    ));
    let g = InventoryGraph::build(&site, fx::marks());
    let imp = analyse(&site, &g, &resolve(&site, &g, "pc-1").unwrap());
    let route = imp.route_nodes();
    let scope = imp.scope_nodes();
    let opts = RenderOptions {
        lang: Lang::Ja,
        highlight: Some(Highlight {
            route: route.clone(),
            scope: scope.clone(),
            origin: None,
        }),
        ..Default::default()
    };
    let mut out = Vec::new();
    write_svg(&mut out, &site, &g, &opts).unwrap();
    let svg = String::from_utf8(out).unwrap();

    let elements = node_elements(&svg);
    assert!(!elements.is_empty());
    let any = |set: &HashSet<NodeIndex>, ids: &[usize]| {
        ids.iter().any(|i| set.contains(&NodeIndex::new(*i)))
    };
    let (mut routes, mut scopes, mut faded) = (0, 0, 0);
    for (class, ids) in &elements {
        let want = if any(&route, ids) {
            routes += 1;
            "route"
        } else if any(&scope, ids) {
            scopes += 1;
            "scope"
        } else {
            faded += 1;
            "faded"
        };
        assert!(
            class.split_whitespace().any(|c| c == want),
            "element {class:?} with nodes {ids:?} should be {want}"
        );
    }
    assert!(
        routes > 0 && scopes > 0 && faded > 0,
        "{routes} {scopes} {faded}"
    );
    // The isolated server is drawn, and faded.
    let iso = g.device("srv-iso").unwrap().index();
    assert!(elements
        .iter()
        .any(|(c, ids)| ids.contains(&iso) && c.split_whitespace().any(|c| c == "faded")));
    // X itself is on the routes (their last hop) and drawn as such.
    let x = g.device("pc-1").unwrap();
    assert!(route.contains(&x));
    // The legend explains the colours.
    assert!(
        svg.contains("侵入経路") && svg.contains("影響範囲"),
        "legend"
    );
}
