//! The report traces every origin with `impact::analyse_shared` (one
//! answer per class of origins `impact` answers alike): for every origin of
//! the sample, the golden synthetic site and two generated hospitals, the
//! shared answer must equal `impact::analyse` of that origin alone, field
//! for field, and the highlighted nodes the report derives from it must
//! equal the answer's own.
#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a failed unwrap is a failed test

use std::path::{Path, PathBuf};

use koseizu::graph::{InventoryGraph, Node};
use koseizu::impact::{analyse, analyse_many, analyse_shared, Target};
use koseizu::inputs::{Inputs, Scans};
use koseizu::inventory::audit::scan_marks;
use koseizu::render::{prepare, RenderOptions};
use koseizu::report::html::{traces, traces_one_by_one};
use koseizu::site::Site;
use koseizu::synth::{synthetic_site, synthetic_snapshot, SnapSpec, SynthSpec};

fn every_target(graph: &InventoryGraph) -> Vec<Target> {
    graph
        .graph
        .node_indices()
        .filter_map(|n| match graph.graph[n] {
            Node::Device(i) => Some(Target::Device(i)),
            Node::System(i) => Some(Target::System(i)),
            Node::Line(i) => Some(Target::Line(i)),
            Node::Circuit(i) => Some(Target::Circuit(i)),
            Node::Cloud(i) => Some(Target::Cloud(i)),
            Node::Unregistered(i) => Some(Target::Unregistered(i)),
            Node::Segment(i) => Some(Target::Segment(i)),
            _ => None,
        })
        .collect()
}

/// Checks every origin; returns (origins, classes).
fn check(site: &Site, graph: &InventoryGraph) -> (usize, usize) {
    let targets = every_target(graph);
    let shared = analyse_shared(site, graph, &targets);
    let many = analyse_many(site, graph, &targets);
    assert_eq!(many.len(), targets.len());
    for (i, t) in targets.iter().enumerate() {
        let alone = analyse(site, graph, t);
        assert!(
            many[i] == alone,
            "{t:?} ({}): the shared answer differs from analyse's",
            alone.from.id
        );
        let class_routes = shared.answers[shared.class[i]].route_nodes();
        assert_eq!(
            shared.route_nodes_of(i, &class_routes),
            alone.route_nodes(),
            "{t:?}: route nodes"
        );
        assert_eq!(
            shared.answers[shared.class[i]].scope_nodes(),
            alone.scope_nodes(),
            "{t:?}: scope nodes"
        );
    }
    (targets.len(), shared.answers.len())
}

fn from_folder(dir: &Path) -> (Site, InventoryGraph) {
    let inputs = Inputs::load(dir, &Scans::LatestPerScope, &mut |_| {}).unwrap();
    let graph = inputs.graph();
    (inputs.site, graph)
}

#[test]
fn the_sample_with_its_scans() {
    let (site, graph) = from_folder(&PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("data"));
    assert!(!graph.marks.unregistered.is_empty());
    let (origins, classes) = check(&site, &graph);
    assert!(classes < origins, "{classes} classes for {origins} origins");
}

#[test]
fn the_sample_without_scans() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("data");
    let inputs = Inputs::load(&dir, &Scans::None, &mut |_| {}).unwrap();
    let graph = inputs.graph();
    check(&inputs.site, &graph);
}

#[test]
fn the_golden_synthetic_site() {
    let (site, graph) =
        from_folder(&PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/golden/synth-site"));
    check(&site, &graph);
}

#[test]
fn generated_hospitals_with_scans() {
    for (devices, segments, externals, seed) in [(600, 12, 10, 3), (1_000, 40, 20, 1)] {
        let site = synthetic_site(&SynthSpec {
            devices,
            segments,
            externals,
            seed,
        });
        let snap = synthetic_snapshot(
            &site,
            &SnapSpec {
                seen_fraction: 0.9,
                unregistered: 30,
                undeclared_routers: 2,
                seed: seed + 1,
            },
        );
        let graph = InventoryGraph::build(&site, scan_marks(&site, &[snap]));
        assert!(
            !graph.marks.undeclared_external_devices.is_empty()
                || !graph.marks.unregistered.is_empty()
        );
        let (origins, classes) = check(&site, &graph);
        assert!(
            classes * 4 < origins,
            "{devices} devices: {classes} classes for {origins} origins"
        );
    }
}

/// The report's traces, made the fast way (an individually drawn origin's
/// item moved onto the route by hand) and by drawing the model for every
/// distinct highlight: the same table.
fn same_traces(site: &Site, graph: &InventoryGraph) -> usize {
    let opts = RenderOptions {
        lang: site.meta.language,
        highlight: None,
        today: chrono::NaiveDate::from_ymd_opt(2026, 12, 4).unwrap(),
    };
    let (d, lay) = prepare(site, graph, &opts);
    let fast = traces(site, graph, &opts, &d, &lay);
    let slow = traces_one_by_one(site, graph, &opts, &d, &lay);
    assert_eq!(fast.origins.len(), slow.origins.len());
    for (a, b) in fast.origins.iter().zip(&slow.origins) {
        assert_eq!(a, b);
    }
    assert_eq!(fast.lit, slow.lit);
    assert_eq!(fast.calls, slow.calls);
    fast.origins.len()
}

#[test]
fn the_fast_highlights_equal_the_model_drawn_one_by_one() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    for dir in [root.join("data"), root.join("tests/golden/synth-site")] {
        let (site, graph) = from_folder(&dir);
        assert!(same_traces(&site, &graph) > 10);
    }
    let site = synthetic_site(&SynthSpec {
        devices: 1_000,
        segments: 12,
        externals: 10,
        seed: 4,
    });
    let snap = synthetic_snapshot(
        &site,
        &SnapSpec {
            seen_fraction: 0.9,
            unregistered: 20,
            undeclared_routers: 1,
            seed: 5,
        },
    );
    let graph = InventoryGraph::build(&site, scan_marks(&site, &[snap]));
    assert!(same_traces(&site, &graph) > 1_000);
}
