//! Incident tracing (`koseizu impact`): for one compromised node X, how an
//! attacker could have got in (侵入経路), what X can reach (影響範囲), which
//! links to cut to contain it, and whom to call (appendix 2 and 3 of the manual).
//!
//! Everything here is a pure computation on the [`InventoryGraph`] and its
//! [`Site`]; see docs/impact.md for the model (which links an attacker is
//! assumed to be able to use, and why).

mod contacts;
mod containment;
mod resolve;
mod routes;
mod scope;

use std::collections::HashMap;
use std::collections::HashSet;

use petgraph::graph::NodeIndex;
use serde::Serialize;

use petgraph::visit::EdgeRef;

use crate::graph::{Edge, InventoryGraph, Node};
use crate::site::{DeviceKind, Lang, LineKind, Site};
use crate::text::Word;

pub use contacts::CallEntry;
pub use containment::{add_ports_to_shut, Containment, CutLink, PortToShut};
pub use resolve::{resolve, Candidate, CandidateKind, ResolveError, Target};
pub use routes::{EntryKind, Hop, Route, Via, ROUTES_PER_ENTRY};
pub use scope::{ExternalConnection, ExternalKind, KindCount, Scope, ScopeFlow, ScopeSegment};

/// The whole answer for one compromised node.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Impact {
    /// The hospital's name (site.toml).
    pub site: String,
    /// The compromised node X.
    pub from: NodeRef,
    /// Intrusion routes (侵入経路): direct routes first, then shortest first.
    pub routes: Vec<Route>,
    /// Impact scope (影響範囲).
    pub scope: Scope,
    /// Links to cut to contain X.
    pub containment: Containment,
    /// Whom to call, in order.
    pub contacts: Vec<CallEntry>,
}

impl Impact {
    /// Every inventory-graph node on an intrusion route (for the highlighted diagram).
    pub fn route_nodes(&self) -> HashSet<NodeIndex> {
        let mut set = HashSet::new();
        for r in &self.routes {
            set.extend(r.hops.iter().map(|h| h.node.node));
            if let Some(v) = r.circuit.as_ref().and_then(|c| c.vendor_node) {
                set.insert(v);
            }
        }
        set
    }

    /// Every inventory-graph node in the impact scope (for the highlighted diagram).
    pub fn scope_nodes(&self) -> HashSet<NodeIndex> {
        self.scope.nodes.iter().copied().collect()
    }
}

/// Traces one compromised node: routes, scope, containment and contacts.
///
/// `graph` must be built from `site` and `target` resolved against both
/// (see [`resolve`]).
pub fn analyse(site: &Site, graph: &InventoryGraph, target: &Target) -> Impact {
    answer(&Ctx::new(site, graph), target)
}

/// [`analyse`] on a context already built.
fn answer(ctx: &Ctx, target: &Target) -> Impact {
    let site = ctx.site;
    let from = ctx.node_ref(ctx.target_node(target));
    let routes = routes::find(ctx, target);
    let scope = scope::compute(ctx, target);
    let containment = containment::compute(ctx, target);
    let contacts = contacts::collect(ctx, &routes, &scope);
    Impact {
        site: site.meta.name.clone(),
        from,
        routes,
        scope,
        containment,
        contacts,
    }
}

/// The answers for many origins at once, each computed once per class of
/// origins `impact` answers alike (see [`analyse_shared`]).
#[derive(Debug, Clone)]
pub struct SharedAnswers {
    /// One answer per class, for the class's first origin.
    pub answers: Vec<Impact>,
    /// For each origin given, the index of its class in `answers`.
    pub class: Vec<usize>,
    /// Each origin given, named.
    pub origins: Vec<NodeRef>,
}

impl SharedAnswers {
    /// The whole answer for origin `i`, exactly what [`analyse`] gives for it.
    pub fn impact(&self, i: usize) -> Impact {
        let mut a = self.answers[self.class[i]].clone();
        let me = &self.origins[i];
        if a.from != *me {
            let rep = a.from.node;
            for r in &mut a.routes {
                if let Some(last) = r.hops.last_mut().filter(|h| h.node.node == rep) {
                    last.node = me.clone();
                }
            }
            if let Some(f) = a.containment.isolate_first.as_mut() {
                *f = me.clone();
            }
            a.from = me.clone();
        }
        a
    }

    /// The graph nodes on origin `i`'s intrusion routes, given those of its
    /// class's answer (`class_route_nodes`, from [`Impact::route_nodes`]).
    pub fn route_nodes_of(
        &self,
        i: usize,
        class_route_nodes: &HashSet<NodeIndex>,
    ) -> HashSet<NodeIndex> {
        let rep = self.answers[self.class[i]].from.node;
        let me = self.origins[i].node;
        let mut set = class_route_nodes.clone();
        if me != rep && set.remove(&rep) {
            set.insert(me);
        }
        set
    }
}

/// Traces many origins at once: [`analyse`] for each, but computed once per
/// class of origins that `impact` answers alike up to their own name.
///
/// Two devices are alike when both sit in the same segment, run the same
/// system (or none), and nothing else names them: no line or circuit ends
/// on them, no data flow starts or ends at them, and no scan found them
/// facing outside. Their traversal graphs are then the same but for their
/// own node (reached only from their segment), their scope is the same set
/// of segments, systems and ways out, and their containment cuts the same
/// links. Unregistered hosts without external evidence in the same segment
/// are alike in the same way. Everything else is its own class.
pub fn analyse_shared(site: &Site, graph: &InventoryGraph, targets: &[Target]) -> SharedAnswers {
    let ctx = Ctx::new(site, graph);
    // Devices some record other than their segment and system names.
    let mut named = vec![false; site.devices.len()];
    let mut mark = |d: Option<usize>| {
        if let Some(d) = d {
            named[d] = true;
        }
    };
    for l in 0..site.lines.len() {
        mark(ctx.line_device(l));
    }
    for c in 0..site.circuits.len() {
        mark(ctx.circuit_device(c));
        mark(ctx.circuit_landing(c));
    }
    for d in ctx.undeclared_devices() {
        mark(Some(d));
    }
    for f in &site.flows {
        for end in [&f.from, &f.to] {
            if let Some(Node::Device(d)) = graph.endpoint(end).map(|n| &graph.graph[n]) {
                mark(Some(*d));
            }
        }
    }
    let external: HashSet<usize> = ctx.external_unregistered().into_iter().collect();
    #[derive(PartialEq, Eq, Hash)]
    enum Key {
        Device(usize, Option<usize>),
        Unregistered(usize),
    }
    let key = |t: &Target| match *t {
        Target::Device(d) if !named[d] => {
            ctx.device_segment[d].map(|s| Key::Device(s, ctx.device_system[d]))
        }
        Target::Unregistered(u) if !external.contains(&u) => {
            ctx.unregistered_segment[u].map(Key::Unregistered)
        }
        _ => None,
    };
    let mut class_of_key: HashMap<Key, usize> = HashMap::new();
    let mut reps: Vec<Target> = Vec::new();
    let mut class = Vec::with_capacity(targets.len());
    for t in targets {
        let c = match key(t) {
            Some(k) => *class_of_key.entry(k).or_insert_with(|| {
                reps.push(*t);
                reps.len() - 1
            }),
            None => {
                reps.push(*t);
                reps.len() - 1
            }
        };
        class.push(c);
    }
    let origins = targets
        .iter()
        .map(|t| ctx.node_ref(ctx.target_node(t)))
        .collect();
    let threads = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(1)
        .clamp(1, 8);
    let chunk = reps.len().div_ceil(threads).max(1);
    let ctx = &ctx;
    let answers: Vec<Impact> = std::thread::scope(|s| {
        let handles: Vec<_> = reps
            .chunks(chunk)
            .map(|part| s.spawn(move || part.iter().map(|t| answer(ctx, t)).collect::<Vec<_>>()))
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
            .collect()
    });
    SharedAnswers {
        answers,
        class,
        origins,
    }
}

/// [`analyse`] for each of `targets`, in order, computed as [`analyse_shared`] does.
pub fn analyse_many(site: &Site, graph: &InventoryGraph, targets: &[Target]) -> Vec<Impact> {
    let shared = analyse_shared(site, graph, targets);
    (0..targets.len()).map(|i| shared.impact(i)).collect()
}

/// What a node is, for JSON readers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum NodeType {
    /// A segment.
    Segment,
    /// A ledger device.
    Device,
    /// A medical information system.
    System,
    /// An external line.
    Line,
    /// A maintenance circuit.
    Circuit,
    /// A maintenance vendor.
    Vendor,
    /// A cloud service.
    Cloud,
    /// A party outside the hospital named by a flow.
    OutsideParty,
    /// A host seen by a scan that is not in the ledger.
    Unregistered,
}

/// A node of the inventory graph, named for people and tools.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NodeRef {
    /// Its index in the inventory graph.
    #[serde(skip)]
    pub node: NodeIndex,
    /// What it is.
    #[serde(rename = "type")]
    pub node_type: NodeType,
    /// Device kind, for devices.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub device_kind: Option<DeviceKind>,
    /// Line kind, for lines.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line_kind: Option<LineKind>,
    /// Record id (the IP for an unregistered host, the name for vendors and outside parties).
    pub id: String,
    /// Name for people (may equal the id).
    pub name: String,
}

impl NodeRef {
    /// "種別 名前 (id)" in the given language, e.g. `VPN装置 VPN-1 (dev-vpn)`.
    pub fn label(&self, lang: Lang) -> String {
        let word = |w: Word| w.get(lang).to_string();
        let kind = match self.node_type {
            NodeType::Device => self
                .device_kind
                .map_or(String::new(), |k| k.label(lang).to_string()),
            NodeType::Line => {
                let k = self.line_kind.map_or("", |k| k.label(lang));
                Word::ImpactNodeLine.fill(lang, &[&k])
            }
            NodeType::Segment => word(Word::ImpactNodeSegment),
            NodeType::System => word(Word::ImpactNodeSystem),
            NodeType::Circuit => word(Word::ImpactMaintenanceCircuit),
            NodeType::Vendor => word(Word::ImpactNodeVendor),
            NodeType::Cloud => word(Word::ImpactCloud),
            NodeType::OutsideParty => word(Word::ImpactNodeOutsideParty),
            NodeType::Unregistered => word(Word::ImpactNodeUnregistered),
        };
        if self.name == self.id || self.name.is_empty() {
            format!("{kind} {}", self.id)
        } else {
            format!("{kind} {} ({})", self.name, self.id)
        }
    }
}

/// Index tables shared by the computations: record index → graph node, and
/// the few per-device facts every part needs, computed once per query from
/// the graph's own edges (no string hashing per device: a query must stay
/// well under 100 ms on 100,000 devices).
pub(crate) struct Ctx<'a> {
    pub site: &'a Site,
    pub graph: &'a InventoryGraph,
    pub segment_node: Vec<NodeIndex>,
    pub device_node: Vec<NodeIndex>,
    pub system_node: Vec<NodeIndex>,
    pub line_node: Vec<NodeIndex>,
    pub circuit_node: Vec<NodeIndex>,
    pub cloud_node: Vec<NodeIndex>,
    pub unregistered_node: Vec<NodeIndex>,
    pub vendor_node: HashMap<&'a str, NodeIndex>,
    /// Segment index of each device (`None`: standalone or dangling).
    pub device_segment: Vec<Option<usize>>,
    /// System index of each device.
    pub device_system: Vec<Option<usize>>,
    /// Segment index of each unregistered host.
    pub unregistered_segment: Vec<Option<usize>>,
}

impl<'a> Ctx<'a> {
    pub fn new(site: &'a Site, graph: &'a InventoryGraph) -> Ctx<'a> {
        let g = &graph.graph;
        let mut segment_node = vec![NodeIndex::end(); site.segments.len()];
        let mut device_node = vec![NodeIndex::end(); site.devices.len()];
        let mut system_node = vec![NodeIndex::end(); site.systems.len()];
        let mut line_node = vec![NodeIndex::end(); site.lines.len()];
        let mut circuit_node = vec![NodeIndex::end(); site.circuits.len()];
        let mut cloud_node = vec![NodeIndex::end(); site.clouds.len()];
        let mut unregistered_node = vec![NodeIndex::end(); graph.marks.unregistered.len()];
        let mut vendor_node = HashMap::new();
        let mut device_segment = vec![None; site.devices.len()];
        let mut device_system = vec![None; site.devices.len()];
        let mut unregistered_segment = vec![None; graph.marks.unregistered.len()];
        for n in g.node_indices() {
            let slot = match &g[n] {
                Node::Segment(i) => segment_node.get_mut(*i),
                Node::Device(i) => {
                    for e in g.edges(n) {
                        match (e.weight(), &g[e.target()]) {
                            (Edge::Member, Node::Segment(s)) => device_segment[*i] = Some(*s),
                            (Edge::RunsSystem, Node::System(s)) => device_system[*i] = Some(*s),
                            _ => {}
                        }
                    }
                    device_node.get_mut(*i)
                }
                Node::System(i) => system_node.get_mut(*i),
                Node::Line(i) => line_node.get_mut(*i),
                Node::Circuit(i) => circuit_node.get_mut(*i),
                Node::Cloud(i) => cloud_node.get_mut(*i),
                Node::Unregistered(i) => {
                    for e in g.edges(n) {
                        if let (Edge::Member, Node::Segment(s)) = (e.weight(), &g[e.target()]) {
                            unregistered_segment[*i] = Some(*s);
                        }
                    }
                    unregistered_node.get_mut(*i)
                }
                Node::Vendor(v) => {
                    vendor_node.insert(v.as_str(), n);
                    None
                }
                Node::OutsideParty(_) => None,
            };
            if let Some(s) = slot {
                *s = n;
            }
        }
        Ctx {
            site,
            graph,
            segment_node,
            device_node,
            system_node,
            line_node,
            circuit_node,
            cloud_node,
            unregistered_node,
            vendor_node,
            device_segment,
            device_system,
            unregistered_segment,
        }
    }

    /// Index of the segment with this id.
    pub fn segment_index(&self, id: &str) -> Option<usize> {
        match self.graph.graph[self.graph.segment(id)?] {
            Node::Segment(i) => Some(i),
            _ => None,
        }
    }

    /// Index of the device with this id.
    pub fn device_index(&self, id: &str) -> Option<usize> {
        match self.graph.graph[self.graph.device(id)?] {
            Node::Device(i) => Some(i),
            _ => None,
        }
    }

    /// Index of the system with this id.
    pub fn system_index(&self, id: &str) -> Option<usize> {
        match self.graph.graph[self.graph.system(id)?] {
            Node::System(i) => Some(i),
            _ => None,
        }
    }

    /// Index of the line with this id.
    pub fn line_index(&self, id: &str) -> Option<usize> {
        match self.graph.graph[self.graph.line(id)?] {
            Node::Line(i) => Some(i),
            _ => None,
        }
    }

    /// The graph node of a resolved target.
    pub fn target_node(&self, t: &Target) -> NodeIndex {
        match *t {
            Target::Device(i) => self.device_node[i],
            Target::System(i) => self.system_node[i],
            Target::Line(i) => self.line_node[i],
            Target::Circuit(i) => self.circuit_node[i],
            Target::Cloud(i) => self.cloud_node[i],
            Target::Unregistered(i) => self.unregistered_node[i],
            Target::Segment(i) => self.segment_node[i],
        }
    }

    /// Names a graph node.
    pub fn node_ref(&self, n: NodeIndex) -> NodeRef {
        let site = self.site;
        let plain = |t: NodeType, id: &str, name: &str| NodeRef {
            node: n,
            node_type: t,
            device_kind: None,
            line_kind: None,
            id: id.to_string(),
            name: name.to_string(),
        };
        match &self.graph.graph[n] {
            Node::Segment(i) => {
                let s = &site.segments[*i];
                plain(NodeType::Segment, &s.id, &s.name)
            }
            Node::Device(i) => {
                let d = &site.devices[*i];
                NodeRef {
                    device_kind: Some(d.kind),
                    ..plain(NodeType::Device, &d.id, &d.name)
                }
            }
            Node::System(i) => {
                let s = &site.systems[*i];
                plain(NodeType::System, &s.id, &s.name)
            }
            Node::Line(i) => {
                let l = &site.lines[*i];
                NodeRef {
                    line_kind: Some(l.kind),
                    ..plain(NodeType::Line, &l.id, &l.name)
                }
            }
            Node::Circuit(i) => {
                let c = &site.circuits[*i];
                plain(NodeType::Circuit, &c.id, &c.vendor)
            }
            Node::Vendor(v) => plain(NodeType::Vendor, v, v),
            Node::Cloud(i) => {
                let c = &site.clouds[*i];
                plain(NodeType::Cloud, &c.id, &c.name)
            }
            Node::OutsideParty(p) => plain(NodeType::OutsideParty, p, p),
            Node::Unregistered(i) => {
                let h = &self.graph.marks.unregistered[*i];
                let name = h.mac.map_or_else(|| h.ip.to_string(), |m| m.to_string());
                plain(NodeType::Unregistered, &h.ip.to_string(), &name)
            }
        }
    }

    /// Segment indices holding devices of system `s`, ascending.
    pub fn system_segments(&self, s: usize) -> Vec<usize> {
        let mut segs: Vec<usize> = self
            .device_system
            .iter()
            .zip(&self.device_segment)
            .filter(|(sys, _)| **sys == Some(s))
            .filter_map(|(_, seg)| *seg)
            .collect();
        segs.sort_unstable();
        segs.dedup();
        segs
    }

    /// The segments each system's devices are in, for every system at once (one pass).
    pub fn all_system_segments(&self) -> Vec<Vec<usize>> {
        let mut out = vec![Vec::new(); self.site.systems.len()];
        for (sys, seg) in self.device_system.iter().zip(&self.device_segment) {
            if let (Some(sys), Some(seg)) = (sys, seg) {
                out[*sys].push(*seg);
            }
        }
        for v in &mut out {
            v.sort_unstable();
            v.dedup();
        }
        out
    }

    /// Segments routed to segment `t` (its `connects`; empty = every other segment).
    pub fn routed_from(&self, t: usize) -> Vec<usize> {
        let seg = &self.site.segments[t];
        if seg.connects.is_empty() {
            (0..self.site.segments.len()).filter(|&f| f != t).collect()
        } else {
            let mut v: Vec<usize> = seg
                .connects
                .iter()
                .filter_map(|c| self.segment_index(c))
                .filter(|&f| f != t)
                .collect();
            v.sort_unstable();
            v.dedup();
            v
        }
    }

    /// Device index a line terminates at.
    pub fn line_device(&self, l: usize) -> Option<usize> {
        self.site.lines[l]
            .device
            .as_deref()
            .and_then(|d| self.device_index(d))
    }

    /// Line index a circuit uses.
    pub fn circuit_line(&self, c: usize) -> Option<usize> {
        self.site.circuits[c]
            .line
            .as_deref()
            .and_then(|l| self.line_index(l))
    }

    /// Device index a circuit names.
    pub fn circuit_device(&self, c: usize) -> Option<usize> {
        self.site.circuits[c]
            .device
            .as_deref()
            .and_then(|d| self.device_index(d))
    }

    /// Device a circuit lands on inside the hospital: its own device, else its line's device.
    pub fn circuit_landing(&self, c: usize) -> Option<usize> {
        self.circuit_device(c)
            .or_else(|| self.circuit_line(c).and_then(|l| self.line_device(l)))
    }

    /// Perimeter devices: gateway-kind devices that terminate a line or a circuit.
    pub fn perimeter_devices(&self) -> HashSet<usize> {
        let site = self.site;
        (0..site.lines.len())
            .filter_map(|l| self.line_device(l))
            .chain((0..site.circuits.len()).filter_map(|c| self.circuit_device(c)))
            .filter(|&d| site.devices[d].kind.is_gateway_kind())
            .collect()
    }

    /// Ledger devices that scans found external-facing without a declaration, ascending.
    pub fn undeclared_devices(&self) -> Vec<usize> {
        let mut v: Vec<usize> = self
            .graph
            .marks
            .undeclared_external_devices
            .iter()
            .filter_map(|id| self.device_index(id))
            .collect();
        v.sort_unstable();
        v
    }

    /// Unregistered hosts with external-facing evidence, ascending.
    pub fn external_unregistered(&self) -> Vec<usize> {
        self.graph
            .marks
            .unregistered
            .iter()
            .enumerate()
            .filter(|(_, h)| !h.external.is_empty())
            .map(|(i, _)| i)
            .collect()
    }
}
