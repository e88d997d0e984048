//! Ordering of the diagram's top level (issue 15): on small built sites
//! whose best drawing is known to have no crossing, the drawing has none.
//! Each site is listed so that keeping the records' (or a naive layered
//! layout's) order would cross.
#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a failed unwrap is a failed test

#[path = "render_fixture.rs"]
mod fixture;

use fixture::{dev, flow, line, seg, sys};
use koseizu::graph::{InventoryGraph, ScanMarks};
use koseizu::render::layout::Layout;
use koseizu::render::model::{Diagram, LinkKind};
use koseizu::render::route::crossings;
use koseizu::render::{prepare, RenderOptions};
use koseizu::site::{DeviceKind, FlowKind, LineKind, Site};

fn laid_out(site: &Site) -> (Diagram, Layout) {
    let g = InventoryGraph::build(site, ScanMarks::default());
    prepare(site, &g, &RenderOptions::default())
}

/// A site with `n` segments and nothing else (the fixture hospital's header).
fn empty(n: usize) -> Site {
    let mut s = fixture::hospital();
    s.segments = (0..n)
        .map(|i| {
            seg(
                &format!("s{i}"),
                &format!("セグメント{i}"),
                &format!("10.{i}.0.0/16"),
                None,
            )
        })
        .collect();
    s.devices = Vec::new();
    s.systems = Vec::new();
    s.lines = Vec::new();
    s.circuits = Vec::new();
    s.clouds = Vec::new();
    s.flows = Vec::new();
    s
}

/// `n` segments, each with its own router on its own line; the lines are
/// listed in the reverse of the segments' order.
fn lines_reversed(n: usize) -> Site {
    let mut s = empty(n);
    for i in 0..n {
        s.devices.push(dev(
            &format!("r{i}"),
            &format!("ルータ{i}"),
            DeviceKind::Router,
            Some(&format!("s{i}")),
            None,
            Some(&format!("10.{i}.0.1")),
        ));
    }
    for i in (0..n).rev() {
        s.lines.push(line(
            &format!("l{i}"),
            &format!("回線{i}"),
            "通信事業者",
            LineKind::Closed,
            &format!("r{i}"),
        ));
    }
    s
}

/// `n` segments, each with one system sending to its own outside party;
/// the parties appear in the reverse of the segments' order.
fn flows_reversed(n: usize) -> Site {
    let mut s = empty(n);
    for i in 0..n {
        s.systems
            .push(sys(&format!("y{i}"), &format!("システム{i}"), "ベンダ"));
        s.devices.push(dev(
            &format!("d{i}"),
            &format!("サーバ{i}"),
            DeviceKind::Server,
            Some(&format!("s{i}")),
            Some(&format!("y{i}")),
            Some(&format!("10.{i}.0.10")),
        ));
    }
    for i in 0..n {
        s.flows.push(flow(
            &format!("y{}", n - 1 - i),
            &format!("相手先{i}"),
            FlowKind::Network,
            "データ",
        ));
    }
    s
}

/// Crossing pairs of the drawn links of `kinds` (all when empty).
fn crossing_pairs(lay: &Layout, kinds: &[LinkKind]) -> usize {
    let paths: Vec<Vec<(f64, f64)>> = lay
        .links
        .iter()
        .filter(|l| kinds.is_empty() || kinds.contains(&l.link.kind))
        .map(|l| l.points.clone())
        .collect();
    crossings(&paths, 30.0)
}

/// The drawn x centre of the item `key`.
fn x_of(lay: &Layout, key: &str) -> f64 {
    let i = lay.items.iter().find(|i| i.item.key == key).unwrap();
    i.rect.x + i.rect.w / 2.0
}

/// Lines listed against the segments' order: each line must stand over
/// the router it ends on, and nothing crosses. (Layout-rs's order alone
/// crosses one pair at 3 and 4 segments, four at 8.)
#[test]
fn lines_stand_over_their_routers() {
    for n in [3, 4, 8] {
        let site = lines_reversed(n);
        let (d, lay) = laid_out(&site);
        assert_eq!(lay.links.len(), 2 * n, "{n} segments: a link was dropped");
        // (line, router) of every line.
        let lines: Vec<(String, String)> = d
            .links
            .iter()
            .filter(|l| l.kind == LinkKind::Terminates)
            .map(|l| (l.from.clone(), l.to.clone()))
            .collect();
        assert_eq!(lines.len(), n);
        let mut by_line: Vec<&(String, String)> = lines.iter().collect();
        by_line.sort_by(|a, b| x_of(&lay, &a.0).total_cmp(&x_of(&lay, &b.0)));
        let mut by_router = by_line.clone();
        by_router.sort_by(|a, b| x_of(&lay, &a.1).total_cmp(&x_of(&lay, &b.1)));
        assert_eq!(
            by_line, by_router,
            "{n} segments: lines and their routers in different orders"
        );
        let x = crossing_pairs(&lay, &[]);
        if n <= 4 {
            assert_eq!(x, 0, "{n} segments: {x} crossing pairs, the best is 0");
        } else {
            // Eight routers' uplinks into a one-column stack of segments:
            // the router meets one pair where its gutters join.
            assert!(x <= 1, "{n} segments: {x} crossing pairs");
        }
    }
}

/// A generated hospital whose best drawing has no crossing (layout-rs's
/// order alone crosses 7 pairs here).
#[test]
fn generated_hospital_draws_without_crossings() {
    let site = koseizu::synth::synthetic_site(&koseizu::synth::SynthSpec {
        devices: 600,
        segments: 12,
        externals: 12,
        seed: 4,
    });
    let (_, lay) = laid_out(&site);
    let x = crossing_pairs(&lay, &[]);
    assert_eq!(x, 0, "{x} crossing pairs, the best is 0");
}

/// The fixture hospital's best drawing has no crossing (layout-rs's order
/// alone crosses one pair).
#[test]
fn fixture_hospital_draws_without_crossings() {
    let (_, lay) = laid_out(&fixture::hospital());
    let x = crossing_pairs(&lay, &[]);
    assert_eq!(x, 0, "{x} crossing pairs, the best is 0");
}

/// Flows from segments to outside parties listed in the reverse order:
/// with three segments in one row nothing need cross.
#[test]
fn reversed_flows_do_not_cross() {
    let (_, lay) = laid_out(&flows_reversed(3));
    assert_eq!(lay.links.len(), 3);
    assert_eq!(crossing_pairs(&lay, &[]), 0);
}
