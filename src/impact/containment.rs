//! Containment: the fewest links to cut so X can reach neither the other
//! segments nor the outside.
//!
//! This is a minimum s–t cut, computed by max-flow (petgraph's
//! `ford_fulkerson`, the Edmonds–Karp variant) on a small condensed graph,
//! never on the 100,000-device inventory graph:
//! - the source is X merged with its own segment(s) (X's segment-mates are
//!   not protected from X: the cut separates *that* from the rest);
//! - the sink collects every other segment and everything outside (lines,
//!   circuits, clouds, outside parties, undeclared ways out);
//! - between them, each physical or logical link a person can act on is an
//!   undirected link of equal capacity (two opposite arcs): a line plugged into
//!   its device, a vendor's own line into its device, a device's port on its
//!   segment, a route between two segments, a segment's uplink to the core,
//!   a cloud or outside party reached from a segment, an undeclared way out.
//!
//! Segments with empty `connects` are reachable from all (the flat-network
//! assumption); they are modelled as hanging off one "core" node, so that
//! cutting a segment from everything is one action ("cut segment S from the
//! core") rather than one per other segment. With equal capacities the max
//! flow counts the links of the smallest cut (Menger). Each capacity carries
//! a small preference on top (stop a circuit rather than unplug a line,
//! unplug a line rather than a device, a device rather than a segment), far
//! too small to trade one link for two, so among the smallest cuts the least
//! disruptive one is chosen.

use std::collections::{HashMap, HashSet};

use petgraph::algo::ford_fulkerson;
use petgraph::graph::{DiGraph, NodeIndex, NodeIndex as CIx};
use petgraph::visit::EdgeRef;
use serde::Serialize;

use super::{Ctx, NodeRef, Target};
use crate::graph::Node;
use crate::site::FlowKind;
use crate::snapshot::switching::Placement;

/// A link to cut, phrased for the person at the switch.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "action", rename_all = "kebab-case")]
pub enum CutLink {
    /// Unplug line `line` from `device`.
    LineFromDevice {
        /// The line.
        line: NodeRef,
        /// The device it ends on.
        device: NodeRef,
    },
    /// Stop a vendor's own-line circuit at the device it reaches.
    CircuitAtDevice {
        /// The circuit.
        circuit: NodeRef,
        /// The device.
        device: NodeRef,
    },
    /// Stop a vendor's circuit on the hospital's line (disable its VPN account).
    CircuitOnLine {
        /// The circuit.
        circuit: NodeRef,
        /// The line.
        line: NodeRef,
    },
    /// Unplug a device from its segment's switch.
    DeviceFromSegment {
        /// The device (or unregistered host).
        device: NodeRef,
        /// Its segment.
        segment: NodeRef,
    },
    /// Cut a segment from the core (its uplink).
    SegmentFromCore {
        /// The segment.
        segment: NodeRef,
    },
    /// Stop routing between two segments.
    SegmentFromSegment {
        /// One segment.
        a: NodeRef,
        /// The other.
        b: NodeRef,
    },
    /// Block a cloud service on the line it is reached over.
    CloudOnLine {
        /// The cloud.
        cloud: NodeRef,
        /// The line.
        line: NodeRef,
    },
    /// Block a cloud service from a segment.
    CloudFromSegment {
        /// The cloud.
        cloud: NodeRef,
        /// The segment.
        segment: NodeRef,
    },
    /// Stop network data exchange with an outside party from a segment.
    OutsideFromSegment {
        /// The party.
        party: NodeRef,
        /// The segment.
        segment: NodeRef,
    },
    /// Find and unplug a way out that no line declares.
    UndeclaredWayOut {
        /// The device or host found facing outside.
        device: NodeRef,
    },
}

/// What to cut, and what to do first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Containment {
    /// Take X itself off the network first (its LAN cable / Wi-Fi), when it has a port.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub isolate_first: Option<NodeRef>,
    /// The smallest set of links separating X's segment from the rest and the outside.
    pub cut: Vec<CutLink>,
    /// True if the model used the core for segments with empty `connects`.
    pub flat_assumption: bool,
    /// USB/media hand-offs from the scope's start to stop as well (no cable to pull).
    pub media: Vec<NodeRef>,
    /// Switch ports to shut (from `koseizu poll`): where X, or a device the
    /// cut unplugs, is plugged in.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub shut_ports: Vec<PortToShut>,
}

/// One switch port to shut, and whose it is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PortToShut {
    /// The device or host plugged in there.
    pub node: NodeRef,
    /// Where: switch, port, alias, VLAN.
    pub placement: Placement,
}

/// Fills [`Containment::shut_ports`] from the placements of the polls in
/// `snaps`: for X (when it is to be isolated first), every device the cut
/// unplugs from its segment, and every undeclared way out. A MAC seen on
/// uplinks only gives no port.
pub fn add_ports_to_shut(
    c: &mut Containment,
    site: &crate::site::Site,
    graph: &crate::graph::InventoryGraph,
    snaps: &[crate::snapshot::Snapshot],
) {
    let mut placed: HashMap<crate::mac::MacAddr, &Placement> = HashMap::new();
    let mut polls: Vec<&crate::snapshot::Snapshot> =
        snaps.iter().filter(|s| s.switching.is_some()).collect();
    polls.sort_by_key(|s| s.started);
    for s in polls {
        for p in s.switching.iter().flat_map(|w| &w.placements) {
            if !p.uplink_only {
                placed.insert(p.mac, p);
            }
        }
    }
    if placed.is_empty() {
        return;
    }
    let mut nodes: Vec<&NodeRef> = c.isolate_first.iter().collect();
    for cut in &c.cut {
        match cut {
            CutLink::DeviceFromSegment { device, .. } | CutLink::UndeclaredWayOut { device } => {
                nodes.push(device)
            }
            _ => {}
        }
    }
    let mut out: Vec<PortToShut> = Vec::new();
    for n in nodes {
        let mac = match graph.graph.node_weight(n.node) {
            Some(Node::Device(i)) => site.devices.get(*i).and_then(|d| d.mac),
            Some(Node::Unregistered(i)) => graph.marks.unregistered.get(*i).and_then(|u| u.mac),
            _ => None,
        };
        if let Some(p) = mac.and_then(|m| placed.get(&m)) {
            if !out.iter().any(|o| o.placement == **p) {
                out.push(PortToShut {
                    node: n.clone(),
                    placement: (*p).clone(),
                });
            }
        }
    }
    c.shut_ports = out;
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum C {
    Source,
    Sink,
    Core,
    Segment(usize),
    Device(usize),
    Unregistered(usize),
    WayOut(NodeIndex),
    Outside(NodeIndex),
}

/// Capacity of one cuttable link: large, so that the small preference added
/// by [`preference`] only ever breaks ties between cuts of equal size.
const LINK: u64 = 10_000;
/// Capacity of links nobody can cut (inside the sink, or from outside nodes
/// to the sink): more than every cuttable link together.
const UNCUTTABLE: u64 = 1 << 50;

/// Tie-break among equally small cuts: stop a circuit before unplugging a
/// line, a line before a cloud or outside exchange, those before unplugging
/// a device, and a device before cutting a whole segment off.
fn preference(c: &CutLink) -> u64 {
    match c {
        CutLink::CircuitAtDevice { .. } | CutLink::CircuitOnLine { .. } => 0,
        CutLink::LineFromDevice { .. } => 1,
        CutLink::CloudOnLine { .. }
        | CutLink::CloudFromSegment { .. }
        | CutLink::OutsideFromSegment { .. }
        | CutLink::UndeclaredWayOut { .. } => 2,
        CutLink::DeviceFromSegment { .. } => 3,
        CutLink::SegmentFromSegment { .. } | CutLink::SegmentFromCore { .. } => 4,
    }
}

struct Net {
    g: DiGraph<C, u64>,
    ix: HashMap<C, CIx>,
    merged: HashSet<C>,
    links: Vec<(CIx, CIx, CutLink)>,
}

impl Net {
    fn node(&mut self, c: C) -> CIx {
        let key = if self.merged.contains(&c) {
            C::Source
        } else {
            c
        };
        if let Some(&i) = self.ix.get(&key) {
            return i;
        }
        let i = self.g.add_node(key.clone());
        self.ix.insert(key, i);
        i
    }
    fn link(&mut self, a: C, b: C, what: CutLink) {
        let (a, b) = (self.node(a), self.node(b));
        if a != b {
            let cap = LINK + preference(&what);
            self.g.add_edge(a, b, cap);
            self.g.add_edge(b, a, cap);
            self.links.push((a, b, what));
        }
    }
    fn drain_to_sink(&mut self, a: C) {
        let a = self.node(a);
        let s = self.node(C::Sink);
        if a != self.ix[&C::Source] {
            self.g.add_edge(a, s, UNCUTTABLE);
        }
    }
}

/// Computes the containment advice for X.
pub(crate) fn compute(ctx: &Ctx, target: &Target) -> Containment {
    let site = ctx.site;
    let x = ctx.target_node(target);
    let seg = |s: usize| ctx.node_ref(ctx.segment_node[s]);
    let dev = |d: usize| ctx.node_ref(ctx.device_node[d]);

    // What the source stands for.
    let mut merged: HashSet<C> = HashSet::new();
    let mut isolate_first = None;
    match *target {
        Target::Device(d) => {
            merged.insert(C::Device(d));
            if let Some(s) = ctx.device_segment[d] {
                merged.insert(C::Segment(s));
                isolate_first = Some(dev(d));
            }
        }
        Target::System(s) => {
            merged.extend(ctx.system_segments(s).into_iter().map(C::Segment));
        }
        Target::Unregistered(u) => {
            merged.insert(C::Unregistered(u));
            if let Some(s) = ctx.unregistered_segment[u] {
                merged.insert(C::Segment(s));
                isolate_first = Some(ctx.node_ref(ctx.unregistered_node[u]));
            }
        }
        Target::Line(l) => {
            // The circuits and clouds carried by the line are its own traffic,
            // not a separate outside to cut it from.
            merged.insert(C::Outside(x));
            for c in (0..site.circuits.len()).filter(|&c| ctx.circuit_line(c) == Some(l)) {
                merged.insert(C::Outside(ctx.circuit_node[c]));
            }
            for (c, cloud) in site.clouds.iter().enumerate() {
                if cloud.line.as_deref() == Some(site.lines[l].id.as_str()) {
                    merged.insert(C::Outside(ctx.cloud_node[c]));
                }
            }
        }
        Target::Circuit(_) | Target::Cloud(_) => {
            merged.insert(C::Outside(x));
        }
        Target::Segment(s) => {
            merged.insert(C::Segment(s));
        }
    }
    let mut net = Net {
        g: DiGraph::new(),
        ix: HashMap::new(),
        merged,
        links: Vec::new(),
    };
    let source = net.node(C::Source);
    let sink = net.node(C::Sink);

    // Segments and their routing.
    let flat_any = site.segments.iter().any(|s| s.connects.is_empty());
    let mut seg_pairs: HashSet<(usize, usize)> = HashSet::new();
    for (t, s) in site.segments.iter().enumerate() {
        net.drain_to_sink(C::Segment(t));
        if flat_any {
            net.link(
                C::Segment(t),
                C::Core,
                CutLink::SegmentFromCore { segment: seg(t) },
            );
        }
        for c in &s.connects {
            if let Some(f) = ctx.segment_index(c) {
                if f != t && seg_pairs.insert((f.min(t), f.max(t))) {
                    net.link(
                        C::Segment(f),
                        C::Segment(t),
                        CutLink::SegmentFromSegment {
                            a: seg(f),
                            b: seg(t),
                        },
                    );
                }
            }
        }
    }

    // Devices facing outside: declared by lines and circuits, or found by scans.
    let mut edge_devices: Vec<usize> = (0..site.lines.len())
        .filter_map(|l| ctx.line_device(l))
        .chain((0..site.circuits.len()).filter_map(|c| ctx.circuit_device(c)))
        .chain(ctx.undeclared_devices())
        .collect();
    if let Target::Device(d) = *target {
        edge_devices.push(d);
    }
    edge_devices.sort_unstable();
    edge_devices.dedup();
    for &d in &edge_devices {
        if let Some(s) = ctx.device_segment[d] {
            net.link(
                C::Device(d),
                C::Segment(s),
                CutLink::DeviceFromSegment {
                    device: dev(d),
                    segment: seg(s),
                },
            );
        }
    }
    for d in ctx.undeclared_devices() {
        let way = C::WayOut(ctx.device_node[d]);
        net.drain_to_sink(way.clone());
        net.link(
            C::Device(d),
            way,
            CutLink::UndeclaredWayOut { device: dev(d) },
        );
    }
    for u in ctx.external_unregistered() {
        let host = ctx.node_ref(ctx.unregistered_node[u]);
        if let Some(s) = ctx.unregistered_segment[u] {
            net.link(
                C::Unregistered(u),
                C::Segment(s),
                CutLink::DeviceFromSegment {
                    device: host.clone(),
                    segment: seg(s),
                },
            );
        }
        let way = C::WayOut(ctx.unregistered_node[u]);
        net.drain_to_sink(way.clone());
        net.link(
            C::Unregistered(u),
            way,
            CutLink::UndeclaredWayOut { device: host },
        );
    }

    // Lines, circuits, clouds, outside parties.
    for l in 0..site.lines.len() {
        let ln = ctx.line_node[l];
        net.drain_to_sink(C::Outside(ln));
        if let Some(d) = ctx.line_device(l) {
            net.link(
                C::Outside(ln),
                C::Device(d),
                CutLink::LineFromDevice {
                    line: ctx.node_ref(ln),
                    device: dev(d),
                },
            );
        }
    }
    for c in 0..site.circuits.len() {
        let cn = ctx.circuit_node[c];
        net.drain_to_sink(C::Outside(cn));
        if let Some(l) = ctx.circuit_line(c) {
            net.link(
                C::Outside(cn),
                C::Outside(ctx.line_node[l]),
                CutLink::CircuitOnLine {
                    circuit: ctx.node_ref(cn),
                    line: ctx.node_ref(ctx.line_node[l]),
                },
            );
        } else if let Some(d) = ctx.circuit_device(c) {
            net.link(
                C::Outside(cn),
                C::Device(d),
                CutLink::CircuitAtDevice {
                    circuit: ctx.node_ref(cn),
                    device: dev(d),
                },
            );
        }
    }
    let system_segments = ctx.all_system_segments();
    for (c, cloud) in site.clouds.iter().enumerate() {
        let cn = ctx.cloud_node[c];
        net.drain_to_sink(C::Outside(cn));
        let line = cloud.line.as_deref().and_then(|l| ctx.line_index(l));
        if let Some(l) = line {
            net.link(
                C::Outside(cn),
                C::Outside(ctx.line_node[l]),
                CutLink::CloudOnLine {
                    cloud: ctx.node_ref(cn),
                    line: ctx.node_ref(ctx.line_node[l]),
                },
            );
        } else {
            let mut segs: Vec<usize> = cloud
                .systems
                .iter()
                .filter_map(|s| ctx.system_index(s))
                .flat_map(|s| system_segments[s].iter().copied())
                .collect();
            segs.sort_unstable();
            segs.dedup();
            for s in segs {
                net.link(
                    C::Outside(cn),
                    C::Segment(s),
                    CutLink::CloudFromSegment {
                        cloud: ctx.node_ref(cn),
                        segment: seg(s),
                    },
                );
            }
        }
    }
    let g = &ctx.graph.graph;
    let mut media = Vec::new();
    // Media for X itself, X's own system, and anything in X's segment(s).
    let x_system = match *target {
        Target::Device(d) => ctx.device_system[d].map(|s| ctx.system_node[s]),
        _ => None,
    };
    let start_nodes: HashSet<NodeIndex> = std::iter::once(x)
        .chain(x_system)
        .chain(net.merged.iter().filter_map(|c| match c {
            C::Segment(s) => Some(ctx.segment_node[*s]),
            _ => None,
        }))
        .collect();
    for f in &site.flows {
        let (Some(a), Some(b)) = (ctx.graph.endpoint(&f.from), ctx.graph.endpoint(&f.to)) else {
            continue;
        };
        let (party, inside) = match (&g[a], &g[b]) {
            (Node::OutsideParty(_), Node::OutsideParty(_)) => continue,
            (Node::OutsideParty(_), _) => (a, b),
            (_, Node::OutsideParty(_)) => (b, a),
            _ => continue,
        };
        if f.kind == FlowKind::Media {
            if start_nodes.contains(&inside)
                || inside_segments(ctx, inside, &system_segments)
                    .iter()
                    .any(|s| net.merged.contains(&C::Segment(*s)))
            {
                let r = ctx.node_ref(party);
                if !media.contains(&r) {
                    media.push(r);
                }
            }
            continue;
        }
        net.drain_to_sink(C::Outside(party));
        for s in inside_segments(ctx, inside, &system_segments) {
            net.link(
                C::Outside(party),
                C::Segment(s),
                CutLink::OutsideFromSegment {
                    party: ctx.node_ref(party),
                    segment: seg(s),
                },
            );
        }
    }

    let (flow, flows) = ford_fulkerson(&net.g, source, sink);
    let cut = if flow == 0 || flow >= UNCUTTABLE {
        Vec::new()
    } else {
        sink_side_cut(&net, &flows, sink)
    };
    Containment {
        isolate_first,
        flat_assumption: flat_any
            && cut
                .iter()
                .any(|c| matches!(c, CutLink::SegmentFromCore { .. })),
        cut,
        media,
        shut_ports: Vec::new(),
    }
}

/// Segments a flow endpoint inside the hospital stands in.
fn inside_segments(ctx: &Ctx, n: NodeIndex, system_segments: &[Vec<usize>]) -> Vec<usize> {
    match ctx.graph.graph[n] {
        Node::Segment(s) => vec![s],
        Node::Device(d) => ctx.device_segment[d].into_iter().collect(),
        Node::System(s) => system_segments[s].clone(),
        _ => Vec::new(),
    }
}

/// The minimum cut nearest the sink: links from outside the set of nodes
/// that can still reach the sink in the residual graph into that set.
fn sink_side_cut(net: &Net, flows: &[u64], sink: CIx) -> Vec<CutLink> {
    let g = &net.g;
    let mut reach = vec![false; g.node_count()];
    reach[sink.index()] = true;
    let mut stack = vec![sink];
    while let Some(v) = stack.pop() {
        // u → v residual if the arc u→v has spare capacity, or v→u carries flow.
        for e in g.edges_directed(v, petgraph::Direction::Incoming) {
            let u = e.source();
            if !reach[u.index()] && flows[e.id().index()] < *e.weight() {
                reach[u.index()] = true;
                stack.push(u);
            }
        }
        for e in g.edges_directed(v, petgraph::Direction::Outgoing) {
            let u = e.target();
            if !reach[u.index()] && flows[e.id().index()] > 0 {
                reach[u.index()] = true;
                stack.push(u);
            }
        }
    }
    let mut cut: Vec<CutLink> = net
        .links
        .iter()
        .filter(|(a, b, _)| reach[a.index()] != reach[b.index()])
        .map(|(_, _, l)| l.clone())
        .collect();
    // Outside-facing actions first (unplug lines, stop circuits), then segments.
    cut.sort_by_key(rank);
    cut
}

fn rank(c: &CutLink) -> u8 {
    match c {
        CutLink::LineFromDevice { .. } => 0,
        CutLink::CircuitAtDevice { .. } | CutLink::CircuitOnLine { .. } => 1,
        CutLink::UndeclaredWayOut { .. } => 2,
        CutLink::CloudOnLine { .. } | CutLink::CloudFromSegment { .. } => 3,
        CutLink::OutsideFromSegment { .. } => 4,
        CutLink::DeviceFromSegment { .. } => 5,
        CutLink::SegmentFromSegment { .. } | CutLink::SegmentFromCore { .. } => 6,
    }
}
