//! The inventory graph: every record of a site (and what scans added) as
//! one petgraph graph, for rendering, export and impact queries.
//!
//! Nodes are segments, devices, systems, lines, maintenance circuits, the
//! vendors behind them, cloud services, outside parties and unregistered
//! hosts seen by scans. Edges are typed (membership, termination,
//! maintenance access, cloud use, data flows, segment routing).

use std::collections::{HashMap, HashSet};
use std::net::IpAddr;

use petgraph::graph::{DiGraph, NodeIndex};
use serde::Serialize;

use crate::mac::MacAddr;
use crate::site::{DeviceKind, FlowKind, Site};
use crate::snapshot::ExternalEvidence;

/// A node of the inventory graph. Indices point into the `Site`'s vectors.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
#[serde(tag = "type", content = "ref", rename_all = "kebab-case")]
pub enum Node {
    /// `site.segments[i]`.
    Segment(usize),
    /// `site.devices[i]`.
    Device(usize),
    /// `site.systems[i]`.
    System(usize),
    /// `site.lines[i]`.
    Line(usize),
    /// `site.circuits[i]`.
    Circuit(usize),
    /// A maintenance vendor, by name (one node per distinct vendor).
    Vendor(String),
    /// `site.clouds[i]`.
    Cloud(usize),
    /// A flow endpoint that names no record: a party outside the hospital.
    OutsideParty(String),
    /// `marks.unregistered[i]`: a host seen by a scan and not in the ledger.
    Unregistered(usize),
}

/// A typed edge. Direction follows how traffic or data enters: outside → inside.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Edge {
    /// Device → its segment (and segment → device: both directions are added).
    Member,
    /// Line → the device that terminates it.
    Terminates,
    /// Vendor → its circuit.
    OperatesCircuit,
    /// Circuit → the line it uses.
    CircuitLine,
    /// Circuit → the device it reaches (VPN appliance / gateway).
    CircuitDevice,
    /// Circuit → the system it maintains.
    Maintains,
    /// Device → the system it belongs to (and back).
    RunsSystem,
    /// Cloud → the line it is reached over.
    CloudLine,
    /// Cloud ↔ a system using it.
    CloudUse,
    /// A data flow over the network.
    NetworkFlow,
    /// A data flow by USB / removable media.
    MediaFlow,
    /// Segment → segment it is routed to.
    Routed,
}

/// What scans said about the records (produced by the audit, consumed by map and impact).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct ScanMarks {
    /// Ids of ledger devices in a scanned segment that no scan saw.
    pub unseen_devices: HashSet<String>,
    /// Ids of ledger devices that scans found external-facing although no line or circuit declares them.
    pub undeclared_external_devices: HashSet<String>,
    /// Hosts seen by scans that match no ledger device.
    pub unregistered: Vec<UnregisteredHost>,
    /// Links between two ledger network devices learned from LLDP/CDP by
    /// `koseizu poll` (device ids, each pair once, smaller id first).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub switch_links: Vec<(String, String)>,
    /// Ledger devices that are ways out with something to check (issue 13:
    /// a known-exploited firmware, firmware unknown, …), by device id.
    #[serde(skip_serializing_if = "std::collections::BTreeMap::is_empty")]
    pub ways_out_to_check: std::collections::BTreeMap<String, crate::identify::WayOutMark>,
    /// When the latest of the scans started (the diagram's スキャン日).
    #[serde(skip)]
    pub scanned: Option<chrono::DateTime<chrono::Utc>>,
}

/// A host seen on the network that is not in the ledger.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct UnregisteredHost {
    /// Its IP.
    pub ip: IpAddr,
    /// Its MAC, if seen at layer 2.
    pub mac: Option<MacAddr>,
    /// OUI vendor (hostile text).
    pub vendor: Option<String>,
    /// Segment whose CIDR holds its IP, if any.
    pub segment: Option<String>,
    /// Evidence that it faces outside; non-empty = an undeclared way out.
    pub external: Vec<ExternalEvidence>,
    /// True if its MAC is locally administered (randomised).
    pub randomised_mac: bool,
}

/// The inventory graph with lookups by record id.
#[derive(Debug, Clone)]
pub struct InventoryGraph {
    /// The graph itself.
    pub graph: DiGraph<Node, Edge>,
    /// Scan marks the graph was built with (empty without scans).
    pub marks: ScanMarks,
    segment_ix: HashMap<String, NodeIndex>,
    device_ix: HashMap<String, NodeIndex>,
    system_ix: HashMap<String, NodeIndex>,
    line_ix: HashMap<String, NodeIndex>,
    circuit_ix: HashMap<String, NodeIndex>,
    cloud_ix: HashMap<String, NodeIndex>,
    outside_ix: HashMap<String, NodeIndex>,
}

impl InventoryGraph {
    /// Builds the graph from a validated site and optional scan marks.
    ///
    /// References were checked by `site::load`; one that still dangles here
    /// (a hand-built `Site`) is skipped rather than panicking.
    pub fn build(site: &Site, marks: ScanMarks) -> InventoryGraph {
        let mut g = DiGraph::new();
        let mut segment_ix = HashMap::new();
        let mut device_ix = HashMap::new();
        let mut system_ix = HashMap::new();
        let mut line_ix = HashMap::new();
        let mut circuit_ix = HashMap::new();
        let mut cloud_ix = HashMap::new();
        let mut outside_ix = HashMap::new();
        let mut vendor_ix: HashMap<String, NodeIndex> = HashMap::new();

        for (i, s) in site.segments.iter().enumerate() {
            segment_ix.insert(s.id.clone(), g.add_node(Node::Segment(i)));
        }
        for (i, s) in site.systems.iter().enumerate() {
            system_ix.insert(s.id.clone(), g.add_node(Node::System(i)));
        }
        for (i, d) in site.devices.iter().enumerate() {
            let n = g.add_node(Node::Device(i));
            device_ix.insert(d.id.clone(), n);
            if let Some(s) = d.segment.as_ref().and_then(|s| segment_ix.get(s)) {
                g.add_edge(n, *s, Edge::Member);
                g.add_edge(*s, n, Edge::Member);
            }
            if let Some(s) = d.system.as_ref().and_then(|s| system_ix.get(s)) {
                g.add_edge(n, *s, Edge::RunsSystem);
                g.add_edge(*s, n, Edge::RunsSystem);
            }
        }
        for (i, l) in site.lines.iter().enumerate() {
            let n = g.add_node(Node::Line(i));
            line_ix.insert(l.id.clone(), n);
            if let Some(d) = l.device.as_ref().and_then(|d| device_ix.get(d)) {
                g.add_edge(n, *d, Edge::Terminates);
            }
        }
        for (i, c) in site.circuits.iter().enumerate() {
            let n = g.add_node(Node::Circuit(i));
            circuit_ix.insert(c.id.clone(), n);
            let v = *vendor_ix
                .entry(c.vendor.clone())
                .or_insert_with(|| g.add_node(Node::Vendor(c.vendor.clone())));
            g.add_edge(v, n, Edge::OperatesCircuit);
            if let Some(l) = c.line.as_ref().and_then(|l| line_ix.get(l)) {
                g.add_edge(n, *l, Edge::CircuitLine);
            }
            if let Some(d) = c.device.as_ref().and_then(|d| device_ix.get(d)) {
                g.add_edge(n, *d, Edge::CircuitDevice);
            }
            if let Some(s) = c.system.as_ref().and_then(|s| system_ix.get(s)) {
                g.add_edge(n, *s, Edge::Maintains);
            }
        }
        for (i, c) in site.clouds.iter().enumerate() {
            let n = g.add_node(Node::Cloud(i));
            cloud_ix.insert(c.id.clone(), n);
            if let Some(l) = c.line.as_ref().and_then(|l| line_ix.get(l)) {
                g.add_edge(n, *l, Edge::CloudLine);
            }
            for s in c.systems.iter().filter_map(|s| system_ix.get(s)) {
                g.add_edge(n, *s, Edge::CloudUse);
                g.add_edge(*s, n, Edge::CloudUse);
            }
        }
        // Segment routing: `connects` lists the segments routed to this one;
        // an empty list means reachable from all (pessimistic flat network).
        // Pairs are deduplicated in a set: `find_edge` walks a segment's
        // whole edge list (hundreds of member devices), which made this loop
        // take seconds on 100,000 devices in a flat network.
        let mut routed: HashSet<(NodeIndex, NodeIndex)> = HashSet::new();
        for s in &site.segments {
            let to = segment_ix[&s.id];
            let from: Vec<NodeIndex> = if s.connects.is_empty() {
                site.segments
                    .iter()
                    .filter(|o| o.id != s.id)
                    .map(|o| segment_ix[&o.id])
                    .collect()
            } else {
                s.connects
                    .iter()
                    .filter_map(|c| segment_ix.get(c).copied())
                    .collect()
            };
            for f in from {
                if routed.insert((f, to)) {
                    g.add_edge(f, to, Edge::Routed);
                }
            }
        }
        let mut ix = InventoryGraph {
            graph: g,
            marks: ScanMarks::default(),
            segment_ix,
            device_ix,
            system_ix,
            line_ix,
            circuit_ix,
            cloud_ix,
            outside_ix: HashMap::new(),
        };
        for f in &site.flows {
            let a = ix.endpoint(&f.from).unwrap_or_else(|| {
                *outside_ix
                    .entry(f.from.clone())
                    .or_insert_with(|| ix.graph.add_node(Node::OutsideParty(f.from.clone())))
            });
            let b = ix.endpoint(&f.to).unwrap_or_else(|| {
                *outside_ix
                    .entry(f.to.clone())
                    .or_insert_with(|| ix.graph.add_node(Node::OutsideParty(f.to.clone())))
            });
            let e = match f.kind {
                FlowKind::Network => Edge::NetworkFlow,
                FlowKind::Media => Edge::MediaFlow,
            };
            ix.graph.add_edge(a, b, e);
        }
        ix.outside_ix = outside_ix;
        for (i, h) in marks.unregistered.iter().enumerate() {
            let n = ix.graph.add_node(Node::Unregistered(i));
            if let Some(s) = h
                .segment
                .as_ref()
                .and_then(|s| ix.segment_ix.get(s).copied())
            {
                ix.graph.add_edge(n, s, Edge::Member);
                ix.graph.add_edge(s, n, Edge::Member);
            }
        }
        ix.marks = marks;
        ix
    }

    /// Resolves a flow endpoint id: system, device, segment, cloud, line or circuit, in that order.
    pub fn endpoint(&self, id: &str) -> Option<NodeIndex> {
        self.system_ix
            .get(id)
            .or_else(|| self.device_ix.get(id))
            .or_else(|| self.segment_ix.get(id))
            .or_else(|| self.cloud_ix.get(id))
            .or_else(|| self.line_ix.get(id))
            .or_else(|| self.circuit_ix.get(id))
            .or_else(|| self.outside_ix.get(id))
            .copied()
    }

    /// Node of a segment id.
    pub fn segment(&self, id: &str) -> Option<NodeIndex> {
        self.segment_ix.get(id).copied()
    }
    /// Node of a device id.
    pub fn device(&self, id: &str) -> Option<NodeIndex> {
        self.device_ix.get(id).copied()
    }
    /// Node of a system id.
    pub fn system(&self, id: &str) -> Option<NodeIndex> {
        self.system_ix.get(id).copied()
    }
    /// Node of a line id.
    pub fn line(&self, id: &str) -> Option<NodeIndex> {
        self.line_ix.get(id).copied()
    }
    /// Node of a circuit id.
    pub fn circuit(&self, id: &str) -> Option<NodeIndex> {
        self.circuit_ix.get(id).copied()
    }
    /// Node of a cloud id.
    pub fn cloud(&self, id: &str) -> Option<NodeIndex> {
        self.cloud_ix.get(id).copied()
    }
    /// Outside parties (flow endpoints naming no record), by name.
    pub fn outside_parties(&self) -> impl Iterator<Item = (&str, NodeIndex)> {
        self.outside_ix.iter().map(|(k, v)| (k.as_str(), *v))
    }

    /// Device nodes whose kind is one of `kinds` in a segment, counted: the grouping the diagram draws.
    pub fn kind_counts(site: &Site, segment: &str) -> Vec<(DeviceKind, usize)> {
        let mut counts: HashMap<DeviceKind, usize> = HashMap::new();
        for d in site
            .devices
            .iter()
            .filter(|d| d.segment.as_deref() == Some(segment))
        {
            *counts.entry(d.kind).or_default() += 1;
        }
        let mut v: Vec<_> = counts.into_iter().collect();
        v.sort();
        v
    }
}
