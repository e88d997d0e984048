//! `model::rehighlight` applied to a plain model gives every item, box and
//! link the emphasis `model::build_capped` gives them when it is built with
//! that highlight: checked for every impact answer of the sample and the
//! golden synthetic site, with merged parallel circuits, flows and
//! structural links among them.
#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a failed unwrap is a failed test

use std::path::PathBuf;

use koseizu::graph::{InventoryGraph, Node};
use koseizu::impact::{analyse, Target};
use koseizu::inputs::{Inputs, Scans};
use koseizu::render::model::{build_capped, rehighlight, Diagram, Emphasis, LitBy};
use koseizu::render::{Highlight, RenderOptions};

/// Every element's key (links: ends, kind and label) with its emphasis.
fn emphases(d: &Diagram) -> Vec<(String, Emphasis)> {
    let mut out = Vec::new();
    for i in d.outside.iter().chain(&d.perimeter) {
        out.push((i.key.clone(), i.emphasis));
    }
    for b in d.dmz.iter().chain(&d.inside) {
        out.push((b.key.clone(), b.emphasis));
        for i in b
            .systems
            .iter()
            .chain(&b.devices)
            .chain(&b.groups)
            .chain(&b.unregistered)
        {
            out.push((i.key.clone(), i.emphasis));
        }
    }
    for l in &d.links {
        out.push((
            format!("{} -> {} {:?} {}", l.from, l.to, l.kind, l.label),
            l.emphasis,
        ));
    }
    out
}

fn target_of(n: &Node) -> Option<Target> {
    match *n {
        Node::Device(i) => Some(Target::Device(i)),
        Node::System(i) => Some(Target::System(i)),
        Node::Line(i) => Some(Target::Line(i)),
        Node::Circuit(i) => Some(Target::Circuit(i)),
        Node::Cloud(i) => Some(Target::Cloud(i)),
        Node::Unregistered(i) => Some(Target::Unregistered(i)),
        Node::Segment(i) => Some(Target::Segment(i)),
        _ => None,
    }
}

#[test]
fn rehighlight_equals_a_model_built_with_the_highlight() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    for dir in [root.join("data"), root.join("tests/golden/synth-site")] {
        let inputs = Inputs::load(&dir, &Scans::LatestPerScope, &mut |_| {}).unwrap();
        let graph: InventoryGraph = inputs.graph();
        let site = &inputs.site;
        let plain_opts = RenderOptions {
            lang: site.meta.language,
            highlight: None,
            today: chrono::NaiveDate::from_ymd_opt(2026, 12, 4).unwrap(),
        };
        for cap in [24, 2] {
            let plain = build_capped(site, &graph, &plain_opts, cap);
            let mut merged = 0;
            for l in &plain.links {
                if matches!(l.lit_by, LitBy::Merged(_)) {
                    merged += 1;
                }
            }
            let mut m = plain.clone();
            let mut checked = 0;
            let mut lit_links = 0;
            for n in graph.graph.node_indices() {
                let Some(t) = target_of(&graph.graph[n]) else {
                    continue;
                };
                let a = analyse(site, &graph, &t);
                // As the report draws it: no origin in the title.
                let h = Highlight {
                    route: a.route_nodes(),
                    scope: a.scope_nodes(),
                    origin: None,
                };
                let built = build_capped(
                    site,
                    &graph,
                    &RenderOptions {
                        highlight: Some(h.clone()),
                        ..plain_opts.clone()
                    },
                    cap,
                );
                rehighlight(&mut m, Some(&h));
                assert!(m.highlighted);
                assert_eq!(emphases(&m), emphases(&built), "{t:?} (cap {cap})");
                lit_links += m
                    .links
                    .iter()
                    .filter(|l| matches!(l.emphasis, Emphasis::Route | Emphasis::Scope))
                    .count();
                checked += 1;
            }
            // Back to the plain model.
            rehighlight(&mut m, None);
            assert!(!m.highlighted);
            assert_eq!(emphases(&m), emphases(&plain));
            assert!(checked > 10, "{} origins", checked);
            assert!(lit_links > 0, "no link was ever lit in {}", dir.display());
            if dir.ends_with("data") {
                assert!(merged > 0, "the sample has parallel circuits merged");
            }
        }
    }
}
