//! Impact scope (影響範囲): what X can reach.
//!
//! Starting from X's own segment(s), segments are followed over routing in
//! both directions — a segment listed in X's `connects` (routed to X) and a
//! segment listing X's segment (X routed to it) — and transitively, because
//! an attacker who holds one host moves on from there. A segment whose
//! `connects` is empty is assumed reachable from and to every segment: the
//! pessimistic flat-network assumption, flagged wherever it was needed.

use std::collections::{HashMap, HashSet, VecDeque};

use petgraph::graph::NodeIndex;
use serde::Serialize;

use super::{Ctx, NodeRef, Target};
use crate::graph::Node;
use crate::site::{DeviceKind, FlowKind};

/// Number of device kinds (the length of `DeviceKind::ALL`).
const KINDS: usize = DeviceKind::ALL.len();

/// A device kind and how many devices of it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct KindCount {
    /// The kind.
    pub kind: DeviceKind,
    /// How many.
    pub count: usize,
}

/// One segment in the scope.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ScopeSegment {
    /// The segment.
    pub segment: NodeRef,
    /// Routing hops from X's segment (0 = X's own).
    pub distance: usize,
    /// True if reached only because some `connects` is empty (flat-network assumption).
    pub flat: bool,
    /// Ledger devices in it, by kind (legend order).
    pub devices: Vec<KindCount>,
    /// Unregistered hosts scans found in it.
    pub unregistered: usize,
}

/// A data flow leaving the scope's systems.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ScopeFlow {
    /// Where it starts (in the scope).
    pub from: NodeRef,
    /// Where it goes.
    pub to: NodeRef,
    /// Network or USB/media.
    pub kind: FlowKind,
    /// What moves.
    pub description: String,
    /// True if it ends outside the hospital (an outside party, a cloud, a line).
    pub leaves_hospital: bool,
}

/// What kind of way out an external connection is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ExternalKind {
    /// An external line ending on a device in scope.
    Line,
    /// A maintenance circuit landing in scope or maintaining a system in scope.
    Circuit,
    /// A cloud service used by a system in scope.
    Cloud,
    /// A ledger device in scope that scans found facing outside, undeclared.
    UndeclaredExternal,
    /// An unregistered host in scope that scans found facing outside.
    UnregisteredExternal,
}

/// A way out an attacker in the scope could use to spread or leak data.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ExternalConnection {
    /// Kind.
    pub kind: ExternalKind,
    /// The line, circuit, cloud, device or host.
    pub node: NodeRef,
    /// The device it ends on, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub at: Option<NodeRef>,
}

/// What X can reach.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Scope {
    /// Segments, X's own first, then by distance.
    pub segments: Vec<ScopeSegment>,
    /// True if any segment is in scope only by the flat-network assumption.
    pub flat_assumption: bool,
    /// Ledger devices in the scope's segments, total.
    pub device_total: usize,
    /// The same, by kind.
    pub devices: Vec<KindCount>,
    /// Systems with devices in scope (X's own first).
    pub systems: Vec<NodeRef>,
    /// Data flows leaving the scope's systems, devices and segments (media included).
    pub flows: Vec<ScopeFlow>,
    /// Cloud services the scope's systems use.
    pub clouds: Vec<NodeRef>,
    /// Ways out of the hospital from the scope.
    pub external: Vec<ExternalConnection>,
    /// Every inventory-graph node in the scope (for highlighting).
    #[serde(skip)]
    pub nodes: Vec<NodeIndex>,
}

/// X's own segments and the systems X stands for directly.
fn start(ctx: &Ctx, target: &Target) -> (Vec<usize>, Vec<usize>) {
    let sys_of = |c: usize| {
        ctx.site.circuits[c]
            .system
            .as_deref()
            .and_then(|s| ctx.system_index(s))
    };
    let (mut segs, systems): (Vec<usize>, Vec<usize>) = match *target {
        Target::Device(d) => (
            ctx.device_segment[d].into_iter().collect(),
            ctx.device_system[d].into_iter().collect(),
        ),
        Target::System(s) => (ctx.system_segments(s), vec![s]),
        Target::Line(l) => (
            ctx.line_device(l)
                .and_then(|d| ctx.device_segment[d])
                .into_iter()
                .collect(),
            Vec::new(),
        ),
        Target::Circuit(c) => {
            let mut segs: Vec<usize> = ctx
                .circuit_landing(c)
                .and_then(|d| ctx.device_segment[d])
                .into_iter()
                .collect();
            let systems: Vec<usize> = sys_of(c).into_iter().collect();
            for &s in &systems {
                segs.extend(ctx.system_segments(s));
            }
            (segs, systems)
        }
        Target::Cloud(c) => {
            let systems: Vec<usize> = ctx.site.clouds[c]
                .systems
                .iter()
                .filter_map(|s| ctx.system_index(s))
                .collect();
            let segs = systems
                .iter()
                .flat_map(|&s| ctx.system_segments(s))
                .collect();
            (segs, systems)
        }
        Target::Unregistered(u) => (
            ctx.unregistered_segment[u].into_iter().collect(),
            Vec::new(),
        ),
        Target::Segment(s) => (vec![s], Vec::new()),
    };
    segs.sort_unstable();
    segs.dedup();
    (segs, systems)
}

/// Segment adjacency for the scope: undirected, explicit links before flat ones.
fn segment_links(ctx: &Ctx) -> Vec<Vec<(usize, bool)>> {
    let segs = &ctx.site.segments;
    let n = segs.len();
    let mut adj: Vec<Vec<(usize, bool)>> = vec![Vec::new(); n];
    // Pairs already linked, as an n×n bit matrix: a flat network links every
    // pair, and hashing 40,000 pairs per query costs more than the search.
    let mut seen = vec![0u64; (n * n).div_ceil(64)];
    let mut link = |adj: &mut Vec<Vec<(usize, bool)>>, a: usize, b: usize, flat: bool| {
        let bit = a.min(b) * n + a.max(b);
        if a != b && seen[bit / 64] & (1 << (bit % 64)) == 0 {
            seen[bit / 64] |= 1 << (bit % 64);
            adj[a].push((b, flat));
            adj[b].push((a, flat));
        }
    };
    for (t, s) in segs.iter().enumerate() {
        for c in &s.connects {
            if let Some(f) = ctx.segment_index(c) {
                link(&mut adj, f, t, false);
            }
        }
    }
    for (t, s) in segs.iter().enumerate() {
        if s.connects.is_empty() {
            for o in 0..n {
                link(&mut adj, t, o, true);
            }
        }
    }
    adj
}

/// Computes the impact scope of X.
pub(crate) fn compute(ctx: &Ctx, target: &Target) -> Scope {
    let site = ctx.site;
    let x = ctx.target_node(target);
    let (start_segs, x_systems) = start(ctx, target);

    // Segments by BFS from X's own.
    let adj = segment_links(ctx);
    let mut distance: Vec<Option<(usize, bool)>> = vec![None; site.segments.len()];
    let mut order = Vec::new();
    let mut queue = VecDeque::new();
    for &s in &start_segs {
        distance[s] = Some((0, false));
        order.push(s);
        queue.push_back(s);
    }
    while let Some(a) = queue.pop_front() {
        let (d, flat_a) = distance[a].unwrap_or((0, false));
        for &(b, flat) in &adj[a] {
            if distance[b].is_none() {
                distance[b] = Some((d + 1, flat || flat_a));
                order.push(b);
                queue.push_back(b);
            }
        }
    }

    let mut nodes: Vec<NodeIndex> = vec![x];
    // Counts per segment and kind, indexed by the kind's discriminant.
    let mut per_seg: Vec<[usize; KINDS]> = vec![[0; KINDS]; site.segments.len()];
    let mut totals: [usize; KINDS] = [0; KINDS];
    let mut in_scope_device = vec![false; site.devices.len()];
    let mut systems: Vec<usize> = x_systems.clone();
    let mut system_seen: HashSet<usize> = x_systems.iter().copied().collect();
    if let Target::Device(d) = *target {
        in_scope_device[d] = true;
    }
    for (d, dev) in site.devices.iter().enumerate() {
        let Some(s) = ctx.device_segment[d] else {
            continue;
        };
        if distance[s].is_none() {
            continue;
        }
        in_scope_device[d] = true;
        nodes.push(ctx.device_node[d]);
        per_seg[s][dev.kind as usize] += 1;
        totals[dev.kind as usize] += 1;
        if let Some(sys) = ctx.device_system[d] {
            if system_seen.insert(sys) {
                systems.push(sys);
            }
        }
    }
    systems[x_systems.len()..].sort_unstable();
    let mut unregistered_in: HashMap<usize, usize> = HashMap::new();
    let mut in_scope_unregistered = Vec::new();
    for (u, seg) in ctx.unregistered_segment.iter().enumerate() {
        if let Some(s) = seg.filter(|s| distance[*s].is_some()) {
            *unregistered_in.entry(s).or_default() += 1;
            in_scope_unregistered.push(u);
            nodes.push(ctx.unregistered_node[u]);
        }
    }
    if let Target::Unregistered(u) = *target {
        if !in_scope_unregistered.contains(&u) {
            in_scope_unregistered.push(u);
        }
    }

    let counts = |m: &[usize; KINDS]| -> Vec<KindCount> {
        DeviceKind::ALL
            .iter()
            .filter_map(|k| {
                let count = m[*k as usize];
                (count > 0).then_some(KindCount { kind: *k, count })
            })
            .collect()
    };
    let segments: Vec<ScopeSegment> = order
        .iter()
        .map(|&s| {
            let (distance, flat) = distance[s].unwrap_or((0, false));
            nodes.push(ctx.segment_node[s]);
            ScopeSegment {
                segment: ctx.node_ref(ctx.segment_node[s]),
                distance,
                flat,
                devices: counts(&per_seg[s]),
                unregistered: unregistered_in.get(&s).copied().unwrap_or(0),
            }
        })
        .collect();
    let flat_assumption = segments.iter().any(|s| s.flat);
    let device_total = totals.iter().sum();

    // Flows leaving anything in scope.
    let scope_sys: HashSet<NodeIndex> = systems.iter().map(|&s| ctx.system_node[s]).collect();
    let scope_seg: HashSet<NodeIndex> = order.iter().map(|&s| ctx.segment_node[s]).collect();
    let g = &ctx.graph.graph;
    let mut flows = Vec::new();
    for f in &site.flows {
        let (Some(a), Some(b)) = (ctx.graph.endpoint(&f.from), ctx.graph.endpoint(&f.to)) else {
            continue;
        };
        let from_in_scope = a == x
            || scope_sys.contains(&a)
            || scope_seg.contains(&a)
            || matches!(g[a], Node::Device(d) if in_scope_device[d]);
        if !from_in_scope {
            continue;
        }
        nodes.push(b);
        flows.push(ScopeFlow {
            from: ctx.node_ref(a),
            to: ctx.node_ref(b),
            kind: f.kind,
            description: f.description.clone(),
            leaves_hospital: matches!(
                g[b],
                Node::OutsideParty(_) | Node::Cloud(_) | Node::Line(_) | Node::Circuit(_)
            ),
        });
    }

    // Clouds used by systems in scope.
    let sys_set: HashSet<usize> = systems.iter().copied().collect();
    let mut cloud_ix: Vec<usize> = site
        .clouds
        .iter()
        .enumerate()
        .filter(|(i, c)| {
            matches!(*target, Target::Cloud(t) if t == *i)
                || c.systems
                    .iter()
                    .filter_map(|s| ctx.system_index(s))
                    .any(|s| sys_set.contains(&s))
        })
        .map(|(i, _)| i)
        .collect();
    cloud_ix.dedup();

    // Ways out.
    let mut external = Vec::new();
    let device_in_scope = |d: usize| in_scope_device[d];
    for l in 0..site.lines.len() {
        let dev = ctx.line_device(l);
        let hit = matches!(*target, Target::Line(t) if t == l) || dev.is_some_and(device_in_scope);
        if hit {
            external.push(ExternalConnection {
                kind: ExternalKind::Line,
                node: ctx.node_ref(ctx.line_node[l]),
                at: dev.map(|d| ctx.node_ref(ctx.device_node[d])),
            });
        }
    }
    for (c, circ) in site.circuits.iter().enumerate() {
        let landing = ctx.circuit_landing(c);
        let maintains_scope = circ
            .system
            .as_deref()
            .and_then(|s| ctx.system_index(s))
            .is_some_and(|s| sys_set.contains(&s));
        let hit = matches!(*target, Target::Circuit(t) if t == c)
            || landing.is_some_and(device_in_scope)
            || maintains_scope;
        if hit {
            external.push(ExternalConnection {
                kind: ExternalKind::Circuit,
                node: ctx.node_ref(ctx.circuit_node[c]),
                at: landing.map(|d| ctx.node_ref(ctx.device_node[d])),
            });
            if let Some(v) = ctx.vendor_node.get(circ.vendor.as_str()) {
                nodes.push(*v);
            }
        }
    }
    for &c in &cloud_ix {
        external.push(ExternalConnection {
            kind: ExternalKind::Cloud,
            node: ctx.node_ref(ctx.cloud_node[c]),
            at: None,
        });
    }
    for d in ctx.undeclared_devices() {
        if in_scope_device[d] {
            external.push(ExternalConnection {
                kind: ExternalKind::UndeclaredExternal,
                node: ctx.node_ref(ctx.device_node[d]),
                at: None,
            });
        }
    }
    for u in ctx.external_unregistered() {
        if in_scope_unregistered.contains(&u) {
            external.push(ExternalConnection {
                kind: ExternalKind::UnregisteredExternal,
                node: ctx.node_ref(ctx.unregistered_node[u]),
                at: None,
            });
        }
    }
    nodes.extend(external.iter().map(|e| e.node.node));
    nodes.extend(systems.iter().map(|&s| ctx.system_node[s]));
    nodes.sort_unstable();
    nodes.dedup();

    Scope {
        segments,
        flat_assumption,
        device_total,
        devices: counts(&totals),
        systems: systems
            .iter()
            .map(|&s| ctx.node_ref(ctx.system_node[s]))
            .collect(),
        flows,
        clouds: cloud_ix
            .iter()
            .map(|&c| ctx.node_ref(ctx.cloud_node[c]))
            .collect(),
        external,
        nodes,
    }
}
