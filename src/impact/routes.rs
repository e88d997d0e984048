//! Intrusion routes (侵入経路): from every way into the hospital to X.
//!
//! The traversal graph, built per query from the site (not the whole
//! inventory graph: 100,000 PCs are never intermediate hops):
//! - line → the device terminating it → that device's segment;
//! - maintenance circuit → its line (when it uses one) or else its device;
//! - cloud service → each system using it → the segments its devices are in;
//! - outside party → the target of each flow it sends (USB/media and network);
//! - undeclared external device / unregistered host with external evidence → its segment;
//! - segment A → segment B when B's `connects` lists A, or B's `connects` is
//!   empty (the pessimistic flat-network assumption: reachable from all);
//! - outside party → X when X is a standalone device of the system it hands
//!   media to (USB is the only way into a device on no network);
//! - segment → X when X is in it (a system reaches X through X's segment:
//!   a catch-all system such as the network infrastructure must not make
//!   every one of its devices one hop from the cloud it uses).
//!
//! For each entry point the [`ROUTES_PER_ENTRY`] shortest simple routes are
//! enumerated (Yen's algorithm; each search is A* guided by the exact
//! distance to X in the unblocked graph, so it walks straight to X even in a
//! flat network of hundreds of segments).
//!
//! A route is *direct* unless it passes a perimeter device (a gateway-kind
//! device terminating a line or circuit) other than X, which the attacker
//! would have to break first. For a maintenance circuit, the devices it
//! lands on (its own device and its line's device) are not counted: the
//! vendor holds credentials for them, so passing them breaks nothing.

use std::cmp::Reverse;
use std::collections::{BinaryHeap, HashMap, HashSet};

use petgraph::graph::NodeIndex;
use serde::Serialize;

use super::{Ctx, NodeRef, Target};
use crate::graph::Node;
use crate::site::FlowKind;

/// How many routes are enumerated per entry point (shortest first).
pub const ROUTES_PER_ENTRY: usize = 3;

/// How one hop is reached from the previous one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "link", rename_all = "kebab-case")]
pub enum Via {
    /// The line ends at this device.
    Terminates,
    /// The circuit runs over this line.
    CircuitLine,
    /// The circuit connects to this device (vendor's own line).
    CircuitDevice,
    /// The cloud service is used by this system.
    CloudUse,
    /// Data handed over by USB memory or other media.
    MediaFlow {
        /// What is handed over (flows.csv 内容).
        description: String,
    },
    /// Data sent over the network.
    NetworkFlow {
        /// What is sent.
        description: String,
    },
    /// The device is in this segment, or the segment holds this device.
    Member,
    /// The system has devices in this segment.
    SystemDevices,
    /// The previous segment is routed to this one.
    Routed {
        /// True if only because this segment's `connects` is empty (flat-network assumption).
        flat: bool,
    },
}

/// What kind of way in a route starts from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum EntryKind {
    /// An external line (internet, closed network, VPN, mobile).
    Line,
    /// A vendor's maintenance circuit.
    Circuit,
    /// A cloud service.
    Cloud,
    /// USB/media handed in from outside.
    MediaHandoff,
    /// Data sent in over the network by an outside party.
    OutsideNetworkFlow,
    /// A ledger device scans found facing outside with no line declaring it.
    UndeclaredExternal,
    /// A host scans found facing outside that is not even in the ledger.
    UnregisteredExternal,
}

/// One hop of a route.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Hop {
    /// The node.
    #[serde(flatten)]
    pub node: NodeRef,
    /// How it is reached from the previous hop (`None` for the entry point).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub via: Option<Via>,
}

/// The maintenance circuit a route enters by.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CircuitInfo {
    /// Circuit id.
    pub id: String,
    /// Vendor (保守事業者).
    pub vendor: String,
    /// Method (接続方式).
    pub method: String,
    /// Hours (接続時間).
    pub hours: String,
    /// Contact at the vendor.
    pub contact: String,
    /// Vendor phone.
    pub phone: String,
    /// The vendor's node in the inventory graph.
    #[serde(skip)]
    pub vendor_node: Option<NodeIndex>,
}

/// One intrusion route, entry point first, X last.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Route {
    /// Kind of entry point.
    pub entry: EntryKind,
    /// Hops from the entry point to X (a single hop when X is itself an entry point).
    pub hops: Vec<Hop>,
    /// True when no other perimeter device stands on the way.
    pub direct: bool,
    /// Perimeter devices an attacker would have to break first, in route order.
    pub through: Vec<NodeRef>,
    /// True if a hop exists only by the flat-network assumption (a segment with empty `connects`).
    pub flat_assumption: bool,
    /// The circuit's vendor, method and hours, when the route enters by a circuit.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub circuit: Option<CircuitInfo>,
}

struct LocalEdge {
    from: usize,
    to: usize,
    via: Via,
}

/// The traversal graph on dense local indices.
struct Trav {
    nodes: Vec<NodeIndex>,
    local: HashMap<NodeIndex, usize>,
    edges: Vec<LocalEdge>,
    out: Vec<Vec<usize>>,
    rev: Vec<Vec<usize>>,
}

impl Trav {
    fn id(&mut self, n: NodeIndex) -> usize {
        if let Some(&i) = self.local.get(&n) {
            return i;
        }
        let i = self.nodes.len();
        self.nodes.push(n);
        self.local.insert(n, i);
        self.out.push(Vec::new());
        self.rev.push(Vec::new());
        i
    }
    fn add(&mut self, a: NodeIndex, b: NodeIndex, via: Via) {
        let (a, b) = (self.id(a), self.id(b));
        let e = self.edges.len();
        self.edges.push(LocalEdge {
            from: a,
            to: b,
            via,
        });
        self.out[a].push(e);
        self.rev[b].push(e);
    }
}

/// One entry point: its node and kind (outside parties get their kind per route).
struct Entry {
    node: NodeIndex,
    kind: EntryKind,
    circuit: Option<usize>,
}

fn build(ctx: &Ctx, target: &Target) -> (Trav, Vec<Entry>) {
    let site = ctx.site;
    let mut t = Trav {
        nodes: Vec::new(),
        local: HashMap::new(),
        edges: Vec::new(),
        out: Vec::new(),
        rev: Vec::new(),
    };
    let mut entries = Vec::new();
    let mut devices_linked: HashSet<usize> = HashSet::new();
    let mut link_device = |t: &mut Trav, d: usize| {
        if devices_linked.insert(d) {
            if let Some(s) = ctx.device_segment[d] {
                t.add(ctx.device_node[d], ctx.segment_node[s], Via::Member);
            } else {
                t.id(ctx.device_node[d]);
            }
        }
    };

    for l in 0..site.lines.len() {
        let n = ctx.line_node[l];
        t.id(n);
        if let Some(d) = ctx.line_device(l) {
            t.add(n, ctx.device_node[d], Via::Terminates);
            link_device(&mut t, d);
        }
        entries.push(Entry {
            node: n,
            kind: EntryKind::Line,
            circuit: None,
        });
    }
    for c in 0..site.circuits.len() {
        let n = ctx.circuit_node[c];
        t.id(n);
        if let Some(l) = ctx.circuit_line(c) {
            t.add(n, ctx.line_node[l], Via::CircuitLine);
        } else if let Some(d) = ctx.circuit_device(c) {
            t.add(n, ctx.device_node[d], Via::CircuitDevice);
            link_device(&mut t, d);
        }
        entries.push(Entry {
            node: n,
            kind: EntryKind::Circuit,
            circuit: Some(c),
        });
    }
    for (c, cloud) in site.clouds.iter().enumerate() {
        let n = ctx.cloud_node[c];
        t.id(n);
        for s in cloud.systems.iter().filter_map(|s| ctx.system_index(s)) {
            t.add(n, ctx.system_node[s], Via::CloudUse);
        }
        entries.push(Entry {
            node: n,
            kind: EntryKind::Cloud,
            circuit: None,
        });
    }
    let mut outside_entries: Vec<NodeIndex> = Vec::new();
    for f in &site.flows {
        let (Some(a), Some(b)) = (ctx.graph.endpoint(&f.from), ctx.graph.endpoint(&f.to)) else {
            continue;
        };
        let g = &ctx.graph.graph;
        if !matches!(g[a], Node::OutsideParty(_)) || matches!(g[b], Node::OutsideParty(_)) {
            continue;
        }
        let via = match f.kind {
            FlowKind::Media => Via::MediaFlow {
                description: f.description.clone(),
            },
            FlowKind::Network => Via::NetworkFlow {
                description: f.description.clone(),
            },
        };
        t.add(a, b, via);
        if let Node::Device(d) = g[b] {
            link_device(&mut t, d);
        }
        if !outside_entries.contains(&a) {
            outside_entries.push(a);
        }
    }
    entries.extend(outside_entries.into_iter().map(|n| Entry {
        node: n,
        // Refined per route from its first link (media or network).
        kind: EntryKind::OutsideNetworkFlow,
        circuit: None,
    }));
    for d in ctx.undeclared_devices() {
        link_device(&mut t, d);
        entries.push(Entry {
            node: ctx.device_node[d],
            kind: EntryKind::UndeclaredExternal,
            circuit: None,
        });
    }
    for u in ctx.external_unregistered() {
        let n = ctx.unregistered_node[u];
        t.id(n);
        if let Some(s) = ctx.unregistered_segment[u] {
            t.add(n, ctx.segment_node[s], Via::Member);
        }
        entries.push(Entry {
            node: n,
            kind: EntryKind::UnregisteredExternal,
            circuit: None,
        });
    }
    for (s, segs) in ctx.all_system_segments().into_iter().enumerate() {
        for seg in segs {
            t.add(
                ctx.system_node[s],
                ctx.segment_node[seg],
                Via::SystemDevices,
            );
        }
    }
    for to in 0..site.segments.len() {
        let flat = site.segments[to].connects.is_empty();
        for from in ctx.routed_from(to) {
            t.add(
                ctx.segment_node[from],
                ctx.segment_node[to],
                Via::Routed { flat },
            );
        }
    }
    match *target {
        Target::Device(d) => {
            if let Some(s) = ctx.device_segment[d] {
                t.add(ctx.segment_node[s], ctx.device_node[d], Via::Member);
            } else if let Some(sys) = ctx.device_system[d] {
                // A standalone device (an analyser on no network) is reached
                // only by hand: media handed in from outside for its system.
                let g = &ctx.graph.graph;
                for f in site.flows.iter().filter(|f| f.kind == FlowKind::Media) {
                    let (Some(a), Some(b)) =
                        (ctx.graph.endpoint(&f.from), ctx.graph.endpoint(&f.to))
                    else {
                        continue;
                    };
                    if matches!(g[a], Node::OutsideParty(_)) && b == ctx.system_node[sys] {
                        t.add(
                            a,
                            ctx.device_node[d],
                            Via::MediaFlow {
                                description: f.description.clone(),
                            },
                        );
                    }
                }
            }
        }
        Target::System(s) => {
            for seg in ctx.system_segments(s) {
                t.add(
                    ctx.segment_node[seg],
                    ctx.system_node[s],
                    Via::SystemDevices,
                );
            }
        }
        Target::Unregistered(u) => {
            if let Some(s) = ctx.unregistered_segment[u] {
                t.add(ctx.segment_node[s], ctx.unregistered_node[u], Via::Member);
            }
        }
        // A segment is in the traversal graph already (routing, members).
        Target::Line(_) | Target::Circuit(_) | Target::Cloud(_) | Target::Segment(_) => {}
    }
    t.id(ctx.target_node(target));
    (t, entries)
}

/// A path on local indices: nodes, and the edge taken into each node after the first.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Path {
    nodes: Vec<usize>,
    edges: Vec<usize>,
}

/// Reusable search state: A* on unit weights with a generation stamp, so a
/// search costs what it visits, not the size of the graph.
struct Search {
    dist_to_target: Vec<u32>,
    stamp: Vec<u32>,
    generation: u32,
    g: Vec<u32>,
    parent_edge: Vec<usize>,
    parent: Vec<usize>,
}

impl Search {
    fn new(t: &Trav, target: usize) -> Search {
        // Exact hop distance of every node to X, by BFS on the reversed edges.
        let n = t.nodes.len();
        let mut dist = vec![u32::MAX; n];
        let mut queue = std::collections::VecDeque::new();
        dist[target] = 0;
        queue.push_back(target);
        while let Some(v) = queue.pop_front() {
            for &e in &t.rev[v] {
                let a = t.edges[e].from;
                if dist[a] == u32::MAX {
                    dist[a] = dist[v] + 1;
                    queue.push_back(a);
                }
            }
        }
        Search {
            dist_to_target: dist,
            stamp: vec![0; n],
            generation: 0,
            g: vec![0; n],
            parent_edge: vec![usize::MAX; n],
            parent: vec![usize::MAX; n],
        }
    }

    /// Shortest path from `src` to the target avoiding `blocked_nodes` and `blocked_edges`.
    fn shortest(
        &mut self,
        t: &Trav,
        src: usize,
        target: usize,
        blocked_nodes: &[usize],
        blocked_edges: &[usize],
    ) -> Option<Path> {
        if self.dist_to_target[src] == u32::MAX {
            return None;
        }
        // Yen blocks the last hop into X on every spur at X's segment; when
        // every way into X is blocked, say so now instead of exploring the
        // whole (in a flat network, fully meshed) segment graph first.
        let open_into_target = t.rev[target]
            .iter()
            .any(|e| !blocked_edges.contains(e) && !blocked_nodes.contains(&t.edges[*e].from));
        if src != target && !open_into_target {
            return None;
        }
        self.generation += 1;
        let gen = self.generation;
        let mut heap = BinaryHeap::new();
        self.stamp[src] = gen;
        self.g[src] = 0;
        self.parent[src] = usize::MAX;
        heap.push(Reverse((self.dist_to_target[src], u32::MAX, src)));
        while let Some(Reverse((_, depth_key, v))) = heap.pop() {
            let g = u32::MAX - depth_key;
            if g > self.g[v] {
                continue;
            }
            if v == target {
                let mut nodes = vec![v];
                let mut edges = Vec::new();
                let mut cur = v;
                while self.parent[cur] != usize::MAX {
                    edges.push(self.parent_edge[cur]);
                    cur = self.parent[cur];
                    nodes.push(cur);
                }
                nodes.reverse();
                edges.reverse();
                return Some(Path { nodes, edges });
            }
            for &e in &t.out[v] {
                let w = t.edges[e].to;
                let h = self.dist_to_target[w];
                if h == u32::MAX || blocked_edges.contains(&e) || blocked_nodes.contains(&w) {
                    continue;
                }
                let ng = g + 1;
                if self.stamp[w] != gen || ng < self.g[w] {
                    self.stamp[w] = gen;
                    self.g[w] = ng;
                    self.parent[w] = v;
                    self.parent_edge[w] = e;
                    // Among equal estimates the deeper node first: with an exact
                    // heuristic this walks straight to X instead of expanding
                    // every segment of a flat network at the same depth.
                    heap.push(Reverse((ng + h, u32::MAX - ng, w)));
                }
            }
        }
        None
    }

    /// Up to `k` shortest simple paths from `src` to the target (Yen's algorithm).
    fn k_shortest(&mut self, t: &Trav, src: usize, target: usize, k: usize) -> Vec<Path> {
        let Some(first) = self.shortest(t, src, target, &[], &[]) else {
            return Vec::new();
        };
        let mut found = vec![first];
        let mut candidates: Vec<Path> = Vec::new();
        while found.len() < k {
            let last = found[found.len() - 1].clone();
            for i in 0..last.nodes.len() - 1 {
                let spur = last.nodes[i];
                let root_nodes = &last.nodes[..=i];
                let root_edges = &last.edges[..i];
                let blocked_edges: Vec<usize> = found
                    .iter()
                    .filter(|p| {
                        p.nodes.len() > i + 1
                            && p.nodes[..=i] == *root_nodes
                            && p.edges[..i] == *root_edges
                    })
                    .map(|p| p.edges[i])
                    .collect();
                let Some(spur_path) =
                    self.shortest(t, spur, target, &root_nodes[..i], &blocked_edges)
                else {
                    continue;
                };
                let mut nodes = root_nodes[..i].to_vec();
                nodes.extend(spur_path.nodes);
                let mut edges = root_edges.to_vec();
                edges.extend(spur_path.edges);
                let p = Path { nodes, edges };
                if !found.contains(&p) && !candidates.contains(&p) {
                    candidates.push(p);
                }
            }
            // Shortest candidate; ties keep discovery order, which follows file order.
            let Some(best) = (0..candidates.len()).min_by_key(|&i| candidates[i].nodes.len())
            else {
                break;
            };
            found.push(candidates.remove(best));
        }
        found
    }
}

/// Every intrusion route to X: direct routes first, then shortest first.
pub(crate) fn find(ctx: &Ctx, target: &Target) -> Vec<Route> {
    let (trav, entries) = build(ctx, target);
    let x = ctx.target_node(target);
    let x_local = trav.local[&x];
    let mut search = Search::new(&trav, x_local);
    let perimeter: HashSet<NodeIndex> = ctx
        .perimeter_devices()
        .into_iter()
        .map(|d| ctx.device_node[d])
        .collect();

    let mut routes: Vec<(usize, Route)> = Vec::new();
    for (order, entry) in entries.iter().enumerate() {
        let Some(&src) = trav.local.get(&entry.node) else {
            continue;
        };
        let paths = if src == x_local {
            vec![Path {
                nodes: vec![src],
                edges: Vec::new(),
            }]
        } else {
            search.k_shortest(&trav, src, x_local, ROUTES_PER_ENTRY)
        };
        for p in paths {
            routes.push((order, make_route(ctx, &trav, entry, &p, x, &perimeter)));
        }
    }
    routes.sort_by(|(oa, a), (ob, b)| {
        (!a.direct, a.hops.len(), *oa).cmp(&(!b.direct, b.hops.len(), *ob))
    });
    routes.into_iter().map(|(_, r)| r).collect()
}

fn make_route(
    ctx: &Ctx,
    trav: &Trav,
    entry: &Entry,
    p: &Path,
    x: NodeIndex,
    perimeter: &HashSet<NodeIndex>,
) -> Route {
    let mut hops = Vec::with_capacity(p.nodes.len());
    for (i, &n) in p.nodes.iter().enumerate() {
        let via = (i > 0).then(|| trav.edges[p.edges[i - 1]].via.clone());
        hops.push(Hop {
            node: ctx.node_ref(trav.nodes[n]),
            via,
        });
    }
    let kind = match (entry.kind, hops.get(1).and_then(|h| h.via.as_ref())) {
        (EntryKind::OutsideNetworkFlow, Some(Via::MediaFlow { .. })) => EntryKind::MediaHandoff,
        (k, _) => k,
    };
    let mut exempt: HashSet<NodeIndex> = HashSet::from([x]);
    let mut circuit = None;
    if let Some(c) = entry.circuit {
        exempt.extend(ctx.circuit_device(c).map(|d| ctx.device_node[d]));
        exempt.extend(
            ctx.circuit_line(c)
                .and_then(|l| ctx.line_device(l))
                .map(|d| ctx.device_node[d]),
        );
        let ci = &ctx.site.circuits[c];
        circuit = Some(CircuitInfo {
            id: ci.id.clone(),
            vendor: ci.vendor.clone(),
            method: ci.method.clone(),
            hours: ci.hours.clone(),
            contact: ci.contact.clone(),
            phone: ci.phone.clone(),
            vendor_node: ctx.vendor_node.get(ci.vendor.as_str()).copied(),
        });
    }
    let through: Vec<NodeRef> = hops
        .iter()
        .filter(|h| perimeter.contains(&h.node.node) && !exempt.contains(&h.node.node))
        .map(|h| h.node.clone())
        .collect();
    let flat_assumption = hops
        .iter()
        .any(|h| matches!(h.via, Some(Via::Routed { flat: true })));
    Route {
        entry: kind,
        direct: through.is_empty(),
        through,
        flat_assumption,
        circuit,
        hops,
    }
}
