//! The offline report (`koseizu report`): one self-contained HTML file for
//! IT staff, opened from a USB stick by double-click with no network.
//!
//! The page makes no request of any kind: no CDN, no web font, no image
//! file; a Content-Security-Policy `<meta>` forbids every fetch and lets only
//! the page's own script and style (by their SHA-256 hashes) run. Its
//! sections: the diagram (the same SVG as `koseizu map`, inline), the device
//! table (ledger devices and every host the scans saw), the audit findings,
//! the changes since the previous scan, the external connections and the
//! contacts.
//!
//! Click to trace: the answer of `koseizu impact --from X` for every
//! device, system, line, circuit, cloud service and unregistered host is
//! computed here, ahead of time, by [`crate::impact::analyse_shared`]
//! (once per class of origins `impact` answers alike), and turned
//! into the diagram elements it highlights by the diagram's own model
//! ([`crate::render::model::build_capped`] with the highlight, exactly what
//! `impact -o x.svg` draws). The page only looks the answer up: there is one
//! implementation of the rules.
//!
//! Every value reaches the page escaped: element text and attributes
//! through [`crate::text::clean::xml`], the embedded JSON with `<`, `>` and
//! `&` as `\u` escapes (no `</script>` can end its block), and the page's
//! script writes values with `textContent` only.

use std::collections::{BTreeSet, HashMap};
use std::io::{self, Write};

use base64::Engine;
use chrono::{DateTime, NaiveDate, Utc};
use petgraph::graph::NodeIndex;
use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::graph::{InventoryGraph, Node};
use crate::impact::{self, CallEntry, Target};
use crate::inventory::audit::AuditReport;
use crate::inventory::diff::SnapshotDiff;
use crate::inventory::identity::{Identity, LedgerIndex};
use crate::render::layout::Layout;
use crate::render::model::{self, Diagram, Emphasis, LinkKind};
use crate::render::{self, Highlight, RenderOptions};
use crate::site::{Lang, Site};
use crate::snapshot::Snapshot;
use crate::text::clean::{page, xml};
use crate::text::Word;

const CSS: &str = include_str!("assets/report.css");

/// Up to this many devices and unregistered hosts, every one of them (and
/// every segment) is traced ahead of time; above it only the ways in
/// (lines, circuits, cloud services, systems, perimeter devices) are, and
/// the others are traced with `koseizu impact --from`.
pub const TRACE_EVERY_HOST_UP_TO: usize = 10_000;
const JS: &str = include_str!("assets/report.js");

/// Everything the report shows, already computed by the library.
#[derive(Debug, Clone, Copy)]
pub struct ReportInput<'a> {
    /// The site's records.
    pub site: &'a Site,
    /// The inventory graph with the scans' marks.
    pub graph: &'a InventoryGraph,
    /// The snapshots the marks come from (latest per scope).
    pub snapshots: &'a [Snapshot],
    /// The audit of those snapshots (`None` without scans).
    pub audit: Option<&'a AuditReport>,
    /// What changed since the previous scan of the same networks (`None`: no pair).
    pub changes: Option<&'a SnapshotDiff>,
    /// Language of every fixed word.
    pub lang: Lang,
    /// The day the report is made (printed on every page).
    pub today: NaiveDate,
}

/// What one trace origin highlights, as SVG element ids.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub struct Lit {
    /// Elements on an intrusion route.
    pub route: BTreeSet<String>,
    /// Elements in the impact scope.
    pub scope: BTreeSet<String>,
}

/// A node `koseizu impact --from` can trace, with its precomputed answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Origin {
    /// What `--from` takes for it (record id; the IP of an unregistered host).
    pub from: String,
    /// Its label for people ("種別 名前 (id)").
    pub label: String,
    /// Index into [`Traces::lit`].
    pub lit: usize,
    /// Index into [`Traces::calls`].
    pub calls: usize,
    /// Number of intrusion routes.
    pub routes: usize,
    /// Ledger devices in the impact scope.
    pub scope_devices: usize,
}

/// The click-to-trace table: every origin, the distinct highlights and the
/// distinct call lists (many origins share them).
#[derive(Debug, Clone, Default, Serialize)]
pub struct Traces {
    /// Origins, in graph order.
    pub origins: Vec<Origin>,
    /// Distinct highlights.
    pub lit: Vec<Lit>,
    /// Distinct call lists: (who, organisation, person, phone, e-mail), the
    /// site's own contact list left out (the contacts section shows it).
    pub calls: Vec<Vec<[String; 5]>>,
    /// Graph node index → index into `origins`.
    #[serde(skip)]
    pub by_node: HashMap<usize, usize>,
}

/// The SVG element ids of the diagram as `render::svg` numbers them:
/// items `i{n}`, boxes `b{n}`, links `l{n}` (connections first, then data
/// flows) with their label tags `t{n}`.
#[derive(Debug, Clone, Default)]
pub struct ElementIds {
    /// Item key → id.
    pub items: HashMap<String, String>,
    /// Box key → id.
    pub boxes: HashMap<String, String>,
    /// For each link of the layout, in order: its id number.
    pub links: Vec<usize>,
}

impl ElementIds {
    /// The ids of `lay`'s elements.
    pub fn of(lay: &Layout) -> ElementIds {
        let mut ids = ElementIds::default();
        for (n, i) in lay.items.iter().enumerate() {
            ids.items.insert(i.item.key.clone(), format!("i{n}"));
        }
        for (n, b) in lay.boxes.iter().enumerate() {
            ids.boxes.insert(b.key.clone(), format!("b{n}"));
        }
        let is_flow = |k: LinkKind| matches!(k, LinkKind::NetworkFlow | LinkKind::MediaFlow);
        let structure = lay.links.iter().filter(|l| !is_flow(l.link.kind)).count();
        let (mut s, mut f) = (0, structure);
        for l in &lay.links {
            if is_flow(l.link.kind) {
                ids.links.push(f);
                f += 1;
            } else {
                ids.links.push(s);
                s += 1;
            }
        }
        ids
    }
}

/// The individual-device cap `render::prepare` chose for `d`: the largest
/// cap whose plain model has the same items as `d`.
fn cap_of(site: &Site, graph: &InventoryGraph, opts: &RenderOptions, d: &Diagram) -> usize {
    let keys = |d: &Diagram| -> Vec<String> {
        let mut k: Vec<String> = d
            .outside
            .iter()
            .chain(&d.perimeter)
            .map(|i| i.key.clone())
            .collect();
        for b in d.dmz.iter().chain(&d.inside) {
            k.push(b.key.clone());
            k.extend(
                b.systems
                    .iter()
                    .chain(&b.devices)
                    .chain(&b.groups)
                    .chain(&b.unregistered)
                    .map(|i| i.key.clone()),
            );
        }
        k
    };
    let want = keys(d);
    (0..=model::MAX_INDIVIDUAL_PER_SEGMENT)
        .rev()
        .find(|cap| keys(&model::build_capped(site, graph, opts, *cap)) == want)
        .unwrap_or(model::MAX_INDIVIDUAL_PER_SEGMENT)
}

/// The elements a highlighted model emphasises, by id.
fn lit_of(d: &Diagram, ids: &ElementIds, lay: &Layout) -> Lit {
    let mut lit = Lit::default();
    let mut put = |id: &str, e: Emphasis| match e {
        Emphasis::Route => {
            lit.route.insert(id.to_string());
        }
        Emphasis::Scope => {
            lit.scope.insert(id.to_string());
        }
        Emphasis::Normal | Emphasis::Faded => {}
    };
    for i in d.outside.iter().chain(&d.perimeter) {
        if let Some(id) = ids.items.get(&i.key) {
            put(id, i.emphasis);
        }
    }
    for b in d.dmz.iter().chain(&d.inside) {
        if let Some(id) = ids.boxes.get(&b.key) {
            put(id, b.emphasis);
        }
        for i in b
            .systems
            .iter()
            .chain(&b.devices)
            .chain(&b.groups)
            .chain(&b.unregistered)
        {
            if let Some(id) = ids.items.get(&i.key) {
                put(id, i.emphasis);
            }
        }
    }
    // The layout keeps the model's links in order; match each by its ends
    // and kind so that a reordering could never light the wrong path.
    for (placed, n) in lay.links.iter().zip(&ids.links) {
        let same = d.links.iter().find(|l| {
            l.from == placed.link.from
                && l.to == placed.link.to
                && l.kind == placed.link.kind
                && l.flow.as_ref().map(|f| f.number) == placed.link.flow.as_ref().map(|f| f.number)
        });
        if let Some(l) = same {
            put(&format!("l{n}"), l.emphasis);
            if placed.label.is_some() {
                put(&format!("t{n}"), l.emphasis);
            }
        }
    }
    lit
}

/// The `impact` target a graph node stands for, if it can be traced.
fn target_of(node: &Node) -> Option<Target> {
    match *node {
        Node::Device(i) => Some(Target::Device(i)),
        Node::System(i) => Some(Target::System(i)),
        Node::Line(i) => Some(Target::Line(i)),
        Node::Circuit(i) => Some(Target::Circuit(i)),
        Node::Cloud(i) => Some(Target::Cloud(i)),
        Node::Unregistered(i) => Some(Target::Unregistered(i)),
        Node::Segment(i) => Some(Target::Segment(i)),
        Node::Vendor(_) | Node::OutsideParty(_) => None,
    }
}

/// What `--from` takes for a target.
fn from_arg(site: &Site, graph: &InventoryGraph, t: &Target) -> String {
    match *t {
        Target::Device(i) => site.devices[i].id.clone(),
        Target::System(i) => site.systems[i].id.clone(),
        Target::Line(i) => site.lines[i].id.clone(),
        Target::Circuit(i) => site.circuits[i].id.clone(),
        Target::Cloud(i) => site.clouds[i].id.clone(),
        Target::Segment(i) => site.segments[i].id.clone(),
        Target::Unregistered(i) => graph
            .marks
            .unregistered
            .get(i)
            .map(|h| h.ip.to_string())
            .unwrap_or_default(),
    }
}

fn call_row(c: &CallEntry, lang: Lang) -> Option<[String; 5]> {
    match c {
        CallEntry::System {
            system,
            owner,
            vendor,
            contact,
            phone,
            email,
        } => Some([
            page(&system.label(lang)),
            page(&format!("{owner} / {vendor}")),
            page(contact),
            page(phone),
            page(email),
        ]),
        CallEntry::CircuitVendor {
            circuit,
            vendor,
            contact,
            phone,
        } => Some([
            page(&circuit.label(lang)),
            page(vendor),
            page(contact),
            page(phone),
            String::new(),
        ]),
        CallEntry::SiteContact { .. } => None,
    }
}

/// The groups of graph nodes through which a highlight reaches the
/// diagram's model: each item's and box's nodes, each data flow's two ends
/// and each maintenance circuit (the model gives every element its
/// emphasis from one of these).
fn emphasis_units(graph: &InventoryGraph, d: &Diagram) -> Vec<Vec<usize>> {
    let mut units: Vec<Vec<usize>> = Vec::new();
    for i in d.outside.iter().chain(&d.perimeter) {
        units.push(i.nodes.clone());
    }
    for b in d.dmz.iter().chain(&d.inside) {
        units.push(b.nodes.clone());
        for i in b
            .systems
            .iter()
            .chain(&b.devices)
            .chain(&b.groups)
            .chain(&b.unregistered)
        {
            units.push(i.nodes.clone());
        }
    }
    for e in graph.graph.edge_indices() {
        if let (Some((a, b)), Some(w)) = (graph.graph.edge_endpoints(e), graph.graph.edge_weight(e))
        {
            if matches!(
                w,
                crate::graph::Edge::NetworkFlow | crate::graph::Edge::MediaFlow
            ) {
                units.push(vec![a.index()]);
                units.push(vec![b.index()]);
            }
        }
    }
    for n in graph.graph.node_indices() {
        if matches!(graph.graph[n], Node::Circuit(_)) {
            units.push(vec![n.index()]);
        }
    }
    units
}

/// What one origin's answer is, before the diagram is asked about it.
struct Answer {
    node: usize,
    from: String,
    label: String,
    /// Its class in the shared answers.
    class: usize,
    /// Its highlight, as an index into the distinct ones. (A highlight's
    /// signature, how many route and scope nodes each emphasis unit holds,
    /// makes the model draw the same: it is asked once per signature.)
    sig: usize,
    /// The element id of its own item, when its elements are its
    /// highlight's with that item moved from the scope to the route.
    moved: Option<String>,
}

/// Traces every node `koseizu impact --from` accepts, ahead of time: its
/// answer by [`impact::analyse_shared`], the elements of the diagram `d`/`lay`
/// (drawn by [`render::prepare`] with `opts`) that the model highlighted
/// with that answer emphasises, and whom to call (above
/// [`TRACE_EVERY_HOST_UP_TO`] hosts, only the ways in). The work is spread
/// over the machine's cores.
pub fn traces(
    site: &Site,
    graph: &InventoryGraph,
    opts: &RenderOptions,
    d: &Diagram,
    lay: &Layout,
) -> Traces {
    traces_with(site, graph, opts, d, lay, false)
}

/// [`traces`] with the model built anew for every distinct signature (not
/// one model re-highlighted), no item moved by hand: slower, the same
/// answer (for tests).
pub fn traces_one_by_one(
    site: &Site,
    graph: &InventoryGraph,
    opts: &RenderOptions,
    d: &Diagram,
    lay: &Layout,
) -> Traces {
    traces_with(site, graph, opts, d, lay, true)
}

fn traces_with(
    site: &Site,
    graph: &InventoryGraph,
    opts: &RenderOptions,
    d: &Diagram,
    lay: &Layout,
    one_by_one: bool,
) -> Traces {
    let ids = ElementIds::of(lay);
    let cap = cap_of(site, graph, opts, d);
    let units = emphasis_units(graph, d);
    let mut units_of: HashMap<usize, Vec<usize>> = HashMap::new();
    for (u, nodes) in units.iter().enumerate() {
        for n in nodes {
            units_of.entry(*n).or_default().push(u);
        }
    }
    // On a very large site only the ways in are traced ahead of time (one
    // answer costs a whole-graph query, and each segment its own drawing):
    // lines, circuits, cloud services, systems and the perimeter's own
    // devices; a click on a segment then filters the table.
    let hosts = site.devices.len() + graph.marks.unregistered.len();
    let perimeter: std::collections::HashSet<usize> = lay
        .items
        .iter()
        .filter(|i| i.perimeter && i.item.nodes.len() == 1)
        .flat_map(|i| i.item.nodes.iter().copied())
        .collect();
    let wanted = |n: NodeIndex, t: &Target| {
        hosts <= TRACE_EVERY_HOST_UP_TO
            || !matches!(
                t,
                Target::Device(_) | Target::Unregistered(_) | Target::Segment(_)
            )
            || perimeter.contains(&n.index())
    };
    let targets: Vec<(NodeIndex, Target)> = graph
        .graph
        .node_indices()
        .filter_map(|n| target_of(&graph.graph[n]).map(|t| (n, t)))
        .filter(|(n, t)| wanted(*n, t))
        .collect();
    let threads = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(1)
        .clamp(1, 8);

    // 1. Every answer, once per class of origins impact answers alike, and
    // one highlight per distinct signature.
    let just_targets: Vec<Target> = targets.iter().map(|(_, t)| *t).collect();
    let shared = impact::analyse_shared(site, graph, &just_targets);
    let add = |sig: &mut [(u32, u32)], n: NodeIndex, route: bool, by: i32| {
        for u in units_of.get(&n.index()).into_iter().flatten() {
            let slot = if route {
                &mut sig[*u].0
            } else {
                &mut sig[*u].1
            };
            *slot = slot.saturating_add_signed(by);
        }
    };
    struct Class {
        route: std::collections::HashSet<NodeIndex>,
        scope: std::collections::HashSet<NodeIndex>,
        /// The signature without the class's own origin on the route.
        base: Vec<(u32, u32)>,
        /// Whether the origin itself is on its routes (it is whenever there is one).
        origin_on_route: bool,
        calls: Vec<[String; 5]>,
    }
    let classes: Vec<Class> = shared
        .answers
        .iter()
        .map(|a| {
            let route = a.route_nodes();
            let scope = a.scope_nodes();
            let mut base = vec![(0u32, 0u32); units.len()];
            for r in &route {
                add(&mut base, *r, true, 1);
            }
            for n in &scope {
                add(&mut base, *n, false, 1);
            }
            let origin_on_route = route.contains(&a.from.node);
            if origin_on_route {
                add(&mut base, a.from.node, true, -1);
            }
            Class {
                route,
                scope,
                base,
                origin_on_route,
                calls: a
                    .contacts
                    .iter()
                    .filter_map(|c| call_row(c, opts.lang))
                    .collect(),
            }
        })
        .collect();
    // Within a class the origins differ only by their own node on the
    // route: the signature is the class's plus the units holding the
    // origin, so it is built once per (class, those units).
    //
    // An origin drawn as an item of its own that no link touches (most
    // individually drawn PCs) changes the drawing only there: the model
    // draws its item on the route instead of in the scope (an item's
    // emphasis comes from its own nodes, a link's from its two ends). Its
    // elements are the class's without its own origin on the route, that
    // item moved from the scope to the route: the class's drawing is made
    // once, not once per such origin. `traces_one_by_one` draws every
    // signature instead; a test checks the two agree.
    let linked: std::collections::HashSet<&str> = lay
        .links
        .iter()
        .flat_map(|l| [l.link.from.as_str(), l.link.to.as_str()])
        .collect();
    let lone_item: HashMap<usize, &str> = if one_by_one {
        HashMap::new()
    } else {
        lay.items
            .iter()
            .filter(|i| i.item.nodes.len() == 1 && !linked.contains(i.item.key.as_str()))
            .filter(|i| units_of.get(&i.item.nodes[0]).is_some_and(|u| u.len() == 1))
            .filter_map(|i| Some((i.item.nodes[0], ids.items.get(&i.item.key)?.as_str())))
            .collect()
    };
    let mut sig_of_key: HashMap<(usize, &[usize]), usize> = HashMap::new();
    let mut sig_ix: HashMap<Vec<(u32, u32)>, usize> = HashMap::new();
    let mut distinct: Vec<Highlight> = Vec::new();
    let mut answers = Vec::with_capacity(targets.len());
    for (i, (n, target)) in targets.iter().enumerate() {
        let c = shared.class[i];
        let class = &classes[c];
        let own: &[usize] = if class.origin_on_route {
            units_of.get(&n.index()).map_or(&[], |v| v.as_slice())
        } else {
            &[]
        };
        let moved = if class.origin_on_route {
            lone_item.get(&n.index()).copied()
        } else {
            None
        };
        let key: (usize, &[usize]) = if moved.is_some() { (c, &[]) } else { (c, own) };
        let sig = match sig_of_key.get(&key) {
            Some(&s) => s,
            None => {
                let mut signature = class.base.clone();
                if class.origin_on_route && moved.is_none() {
                    add(&mut signature, *n, true, 1);
                }
                let next = distinct.len();
                let s = *sig_ix.entry(signature).or_insert(next);
                if s == next {
                    let mut route = shared.route_nodes_of(i, &class.route);
                    if moved.is_some() {
                        route.remove(n);
                    }
                    distinct.push(Highlight {
                        route,
                        scope: class.scope.clone(),
                        origin: None,
                    });
                }
                sig_of_key.insert(key, s);
                s
            }
        };
        answers.push(Answer {
            node: n.index(),
            from: page(&from_arg(site, graph, target)),
            label: page(&shared.origins[i].label(opts.lang)),
            class: c,
            sig,
            moved: moved.map(str::to_string),
        });
    }

    // 2. The model with each distinct highlight: which elements it
    // emphasises. The model is built once and each highlight applied to it
    // (`model::rehighlight`); `traces_one_by_one` builds it anew for each.
    let chunk = distinct.len().div_ceil(threads).max(1);
    let plain = (!one_by_one).then(|| {
        let popts = RenderOptions {
            highlight: None,
            ..opts.clone()
        };
        model::build_capped(site, graph, &popts, cap)
    });
    let lit_of_sig: Vec<Lit> = std::thread::scope(|s| {
        let handles: Vec<_> = distinct
            .chunks(chunk)
            .map(|part| {
                let ids = &ids;
                let mut mine = plain.clone();
                s.spawn(move || {
                    part.iter()
                        .map(|h| match mine.as_mut() {
                            Some(m) => {
                                model::rehighlight(m, Some(h));
                                lit_of(m, ids, lay)
                            }
                            None => {
                                let hopts = RenderOptions {
                                    highlight: Some(h.clone()),
                                    ..opts.clone()
                                };
                                let hd = model::build_capped(site, graph, &hopts, cap);
                                lit_of(&hd, ids, lay)
                            }
                        })
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
            .collect()
    });

    // 3. The table, each distinct highlight and call list once.
    let mut out = Traces::default();
    let mut lit_ix: HashMap<Lit, usize> = HashMap::new();
    let mut calls_ix: HashMap<&[[String; 5]], usize> = HashMap::new();
    for a in answers {
        let next = lit_ix.len();
        let lit = match &a.moved {
            None => *lit_ix.entry(lit_of_sig[a.sig].clone()).or_insert(next),
            Some(item) => {
                let mut l = lit_of_sig[a.sig].clone();
                l.scope.remove(item);
                l.route.insert(item.clone());
                *lit_ix.entry(l).or_insert(next)
            }
        };
        let class = &classes[a.class];
        let next = out.calls.len();
        let calls = *calls_ix.entry(&class.calls).or_insert_with(|| {
            out.calls.push(class.calls.clone());
            next
        });
        let answer = &shared.answers[a.class];
        out.by_node.insert(a.node, out.origins.len());
        out.origins.push(Origin {
            from: a.from,
            label: a.label,
            lit,
            calls,
            routes: answer.routes.len(),
            scope_devices: answer.scope.device_total,
        });
    }
    let mut lits: Vec<(Lit, usize)> = lit_ix.into_iter().collect();
    lits.sort_by_key(|(_, i)| *i);
    out.lit = lits.into_iter().map(|(l, _)| l).collect();
    out
}

/// Status of a row of the device table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
enum Status {
    /// In the ledger, seen by a scan (or no scan says otherwise).
    Registered,
    /// Seen by a scan, not in the ledger.
    Unregistered,
    /// In the ledger, in a scanned segment, not seen.
    Unseen,
}

/// When scans saw a ledger device or a host.
#[derive(Debug, Clone, Default)]
struct Seen {
    first: Option<DateTime<Utc>>,
    last: Option<DateTime<Utc>>,
    vendor: Option<String>,
    hostname: Option<String>,
}

impl Seen {
    fn add(&mut self, at: DateTime<Utc>, vendor: &Option<String>, hostname: &Option<String>) {
        self.first = Some(self.first.map_or(at, |f| f.min(at)));
        if self.last.map_or(true, |l| at >= l) {
            self.last = Some(at);
            if vendor.is_some() {
                self.vendor.clone_from(vendor);
            }
            if hostname.is_some() {
                self.hostname.clone_from(hostname);
            }
        }
    }
}

fn day(t: Option<DateTime<Utc>>) -> String {
    t.map(|t| t.format("%Y-%m-%d %H:%M").to_string())
        .unwrap_or_default()
}

/// The device table's rows: `[status, id, name, kind, ip, mac, vendor,
/// segment, system, location, switch port, first seen, last seen, element
/// id, origin]` (switch port: where an SNMP poll placed its MAC, the
/// newest poll first, as `koseizu ledger --xlsx` says it; origin: index
/// into the traces' origins, or -1).
fn device_rows(
    input: &ReportInput,
    elem_of_node: &HashMap<usize, String>,
    traces: &Traces,
) -> Vec<serde_json::Value> {
    let site = input.site;
    let graph = input.graph;
    let lang = input.lang;
    let index = LedgerIndex::new(site);
    let ports = crate::report::xlsx::ledger::switch_ports(input.snapshots, lang);
    let port_of = |mac: Option<crate::mac::MacAddr>| -> String {
        mac.and_then(|m| ports.get(&m))
            .map(|p| page(p))
            .unwrap_or_default()
    };
    let mut seen_dev: HashMap<usize, Seen> = HashMap::new();
    let mut seen_ip: HashMap<std::net::IpAddr, Seen> = HashMap::new();
    for s in input.snapshots {
        for h in &s.hosts {
            if let Identity::Registered { device, .. } = index.identify(h) {
                seen_dev
                    .entry(device)
                    .or_default()
                    .add(s.started, &h.vendor, &h.hostname);
            }
            seen_ip
                .entry(h.ip)
                .or_default()
                .add(s.started, &h.vendor, &h.hostname);
        }
    }
    let origin_of = |n: Option<NodeIndex>| -> i64 {
        n.and_then(|n| traces.by_node.get(&n.index()))
            .map_or(-1, |&o| o as i64)
    };
    let elem_of = |n: Option<NodeIndex>| -> String {
        n.and_then(|n| elem_of_node.get(&n.index()))
            .cloned()
            .unwrap_or_default()
    };
    let system_name = |id: &Option<String>| -> String {
        id.as_deref()
            .map(|id| {
                site.systems
                    .iter()
                    .find(|s| s.id == id)
                    .map_or_else(|| id.to_string(), |s| format!("{} ({id})", s.name))
            })
            .unwrap_or_default()
    };
    let segment_of = |id: &Option<String>| id.clone().unwrap_or_default();
    let mut rows = Vec::with_capacity(site.devices.len() + graph.marks.unregistered.len());
    for (i, dev) in site.devices.iter().enumerate() {
        let status = if graph.marks.unseen_devices.contains(&dev.id) {
            Status::Unseen
        } else {
            Status::Registered
        };
        let seen = seen_dev.get(&i).cloned().unwrap_or_default();
        let node = graph.device(&dev.id);
        let vendor = if dev.vendor.is_empty() {
            seen.vendor.clone().unwrap_or_default()
        } else {
            dev.vendor.clone()
        };
        rows.push(serde_json::json!([
            status,
            page(&dev.id),
            page(&dev.name),
            dev.kind.label(lang),
            dev.ip.map(|ip| ip.to_string()).unwrap_or_default(),
            dev.mac.map(|m| m.to_string()).unwrap_or_default(),
            page(&vendor),
            page(&segment_of(&dev.segment)),
            page(&system_name(&dev.system)),
            page(&dev.location),
            port_of(dev.mac),
            day(seen.first),
            day(seen.last),
            elem_of(node),
            origin_of(node),
        ]));
    }
    let unreg_node: HashMap<usize, NodeIndex> = graph
        .graph
        .node_indices()
        .filter_map(|n| match graph.graph[n] {
            Node::Unregistered(i) => Some((i, n)),
            _ => None,
        })
        .collect();
    for (i, h) in graph.marks.unregistered.iter().enumerate() {
        let seen = seen_ip.get(&h.ip).cloned().unwrap_or_default();
        let node = unreg_node.get(&i).copied();
        rows.push(serde_json::json!([
            Status::Unregistered,
            "",
            page(seen.hostname.as_deref().unwrap_or_default()),
            Word::DiagramUnregistered.get(lang),
            h.ip.to_string(),
            h.mac.map(|m| m.to_string()).unwrap_or_default(),
            page(h.vendor.as_deref().unwrap_or_default()),
            page(&segment_of(&h.segment)),
            "",
            "",
            port_of(h.mac),
            day(seen.first),
            day(seen.last),
            elem_of(node),
            origin_of(node),
        ]));
    }
    rows
}

/// `json` safe inside a `<script type="application/json">` block: no `<`,
/// `>` or `&` (so no `</script>` or `<!--`), no hidden character.
fn script_json(json: &str) -> String {
    let doc = crate::text::clean::json_document(json);
    let mut out = String::with_capacity(doc.len() + 64);
    for c in doc.chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            c => out.push(c),
        }
    }
    out
}

/// Plain text (a text report) for a `<pre>`: each line cleaned for a page
/// and escaped, its indentation kept.
fn pre_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 64);
    for line in text.lines() {
        let indent = line.len() - line.trim_start_matches(' ').len();
        out.push_str(&" ".repeat(indent));
        out.push_str(&xml(line));
        out.push('\n');
    }
    out
}

/// `s` as a CSS string literal: every character but letters, digits and
/// spaces as a `\HEX ` escape, so no value can end the string or the
/// `<style>` block.
fn css_string(s: &str) -> String {
    let mut out = String::from("\"");
    for c in page(s).chars() {
        if c.is_alphanumeric() || c == ' ' {
            out.push(c);
        } else {
            out.push_str(&format!("\\{:x} ", c as u32));
        }
    }
    out.push('"');
    out
}

/// The print style that puts the hospital's name and the date at the top
/// of every printed page (CSS page-margin boxes).
fn print_css(name: &str, date: &str) -> String {
    format!(
        "@media print {{ @page {{ @top-left {{ content: {}; font-size: 9pt; color: #455a64; }} \
         @top-right {{ content: {}; font-size: 9pt; color: #455a64; }} }} }}",
        css_string(name),
        css_string(date)
    )
}

fn sha256_b64(s: &str) -> String {
    base64::engine::general_purpose::STANDARD.encode(Sha256::digest(s.as_bytes()))
}

/// The Content-Security-Policy of the page: nothing may be fetched, sent
/// or framed; only the page's own script and styles (by hash) apply.
pub fn content_security_policy(print_css: &str) -> String {
    format!(
        "default-src 'none'; script-src 'sha256-{}'; style-src 'sha256-{}' 'sha256-{}'; \
         img-src 'none'; font-src 'none'; connect-src 'none'; media-src 'none'; \
         object-src 'none'; frame-src 'none'; worker-src 'none'; manifest-src 'none'; \
         base-uri 'none'; form-action 'none'",
        sha256_b64(JS),
        sha256_b64(CSS),
        sha256_b64(print_css)
    )
}

/// The fixed words the page's script uses, by name.
fn ui_words(lang: Lang) -> serde_json::Value {
    let w = |x: Word| x.get(lang);
    serde_json::json!({
        "registered": w(Word::ReportStatusRegistered),
        "unregistered": w(Word::ReportStatusUnregistered),
        "unseen": w(Word::ReportStatusUnseen),
        "shown": w(Word::ReportRowsShown),
        "more": w(Word::ReportShowMore),
        "map": w(Word::ReportOnDiagram),
        "trace": w(Word::ReportTrace),
        "traceOf": w(Word::ReportTraceOf),
        "calls": w(Word::ReportWhomToCall),
        "pick": w(Word::ReportPickOne),
        "inTable": w(Word::ReportShownInTable),
        "routes": w(Word::ReportRoutesCount),
        "hint": w(Word::ReportImpactHint),
        "noCalls": w(Word::ReportNoCalls),
        "none": w(Word::ReportNoMatch),
        "route": w(Word::DiagramRoute),
        "scope": w(Word::DiagramScope),
    })
}

/// Writes the whole report.
pub fn write_html(w: &mut dyn Write, input: &ReportInput) -> io::Result<()> {
    let site = input.site;
    let lang = input.lang;
    let opts = RenderOptions {
        lang,
        highlight: None,
        today: input.today,
    };
    let (d, lay) = render::prepare(site, input.graph, &opts);
    let mut svg = Vec::new();
    render::svg::write_layout(&mut svg, &d, &lay, input.today)?;
    let svg = String::from_utf8_lossy(&svg);
    // The same SVG as `map`, less its XML declaration (not allowed inline).
    let svg = svg
        .strip_prefix(r#"<?xml version="1.0" encoding="UTF-8"?>"#)
        .unwrap_or(&svg)
        .trim_start();
    let traces = traces(site, input.graph, &opts, &d, &lay);

    // Element id → the origins it stands for; graph node → element.
    let mut elem_of_node: HashMap<usize, String> = HashMap::new();
    let mut elems: serde_json::Map<String, serde_json::Value> = serde_json::Map::new();
    for (n, it) in lay.items.iter().enumerate() {
        let id = format!("i{n}");
        for nd in &it.item.nodes {
            elem_of_node.entry(*nd).or_insert_with(|| id.clone());
        }
        let origins: Vec<usize> = it
            .item
            .nodes
            .iter()
            .filter_map(|nd| traces.by_node.get(nd).copied())
            .collect();
        elems.insert(id, serde_json::json!({ "o": origins }));
    }
    for (n, b) in lay.boxes.iter().enumerate() {
        let seg = b.key.strip_prefix("seg:").map(page);
        let origins: Vec<usize> = b
            .boxed
            .nodes
            .iter()
            .filter_map(|nd| traces.by_node.get(nd).copied())
            .collect();
        elems.insert(
            format!("b{n}"),
            serde_json::json!({ "seg": seg, "o": origins }),
        );
    }

    let rows = device_rows(input, &elem_of_node, &traces);
    let mut segments: Vec<String> = site.segments.iter().map(|s| page(&s.id)).collect();
    segments.sort();
    let mut kinds: Vec<&str> = site.devices.iter().map(|d| d.kind.label(lang)).collect();
    kinds.push(Word::DiagramUnregistered.get(lang));
    kinds.sort_unstable();
    kinds.dedup();
    let data = serde_json::json!({
        "lang": match lang { Lang::Ja => "ja", Lang::En => "en" },
        "words": ui_words(lang),
        "rows": rows,
        "segments": segments,
        "kinds": kinds,
        "origins": traces.origins,
        "lit": traces.lit.iter().map(|l| serde_json::json!({
            "r": l.route.iter().cloned().collect::<Vec<_>>().join(" "),
            "s": l.scope.iter().cloned().collect::<Vec<_>>().join(" "),
        })).collect::<Vec<_>>(),
        "calls": traces.calls,
        "elems": elems,
    });
    let data = script_json(&serde_json::to_string(&data)?);

    let word = |x: Word| x.get(lang);
    let title = xml(&site.meta.name);
    let today = input.today.format("%Y-%m-%d").to_string();
    let print = print_css(
        &site.meta.name,
        &format!("{} {today}", word(Word::ReportMade)),
    );
    writeln!(w, "<!DOCTYPE html>")?;
    writeln!(
        w,
        r#"<html lang="{}">"#,
        if lang == Lang::Ja { "ja" } else { "en" }
    )?;
    writeln!(w, "<head>")?;
    writeln!(w, r#"<meta charset="utf-8">"#)?;
    writeln!(
        w,
        r#"<meta http-equiv="Content-Security-Policy" content="{}">"#,
        content_security_policy(&print)
    )?;
    writeln!(w, r#"<meta name="referrer" content="no-referrer">"#)?;
    writeln!(
        w,
        r#"<meta name="viewport" content="width=device-width, initial-scale=1">"#
    )?;
    writeln!(
        w,
        "<title>{title} {} {today}</title>",
        word(Word::ReportTitle)
    )?;
    write!(w, "<style>{CSS}</style>")?;
    write!(w, "<style>{print}</style>")?;
    writeln!(w, "</head>")?;
    writeln!(w, "<body>")?;
    writeln!(w, r#"<nav class="toc">"#)?;
    writeln!(w, r#"<h1>{title} — {}</h1>"#, word(Word::ReportTitle))?;
    for (id, wd) in [
        ("diagram", Word::ReportSectionDiagram),
        ("devices", Word::ReportSectionDevices),
        ("audit", Word::ReportSectionAudit),
        ("changes", Word::ReportSectionChanges),
        ("external", Word::ReportSectionExternal),
        ("contacts", Word::ReportSectionContacts),
    ] {
        writeln!(w, r##"<a href="#{id}">{}</a>"##, word(wd))?;
    }
    writeln!(w, "</nav>")?;

    // 1. The diagram, with the trace panel beside it.
    writeln!(w, r#"<section id="diagram" class="sheet-a3">"#)?;
    writeln!(w, "<h2>{}</h2>", word(Word::ReportSectionDiagram))?;
    writeln!(
        w,
        r#"<p class="hint noprint">{}</p>"#,
        word(Word::ReportClickHint)
    )?;
    writeln!(
        w,
        r#"<div id="trace" class="trace noprint" hidden><div class="trace-head"><strong id="trace-title"></strong> <button type="button" id="trace-clear">{}</button></div><div id="trace-body"></div></div>"#,
        word(Word::ReportClear)
    )?;
    writeln!(w, r#"<div id="svg-wrap" class="svg-wrap">"#)?;
    w.write_all(svg.as_bytes())?;
    writeln!(w, "</div>")?;
    writeln!(w, "</section>")?;

    // 2. The device table (filled by the script from the JSON block).
    writeln!(w, r#"<section id="devices" class="sheet-a4">"#)?;
    writeln!(w, "<h2>{}</h2>", word(Word::ReportSectionDevices))?;
    writeln!(w, r#"<div class="filters noprint">"#)?;
    writeln!(
        w,
        r#"<label>{} <input type="search" id="q" autocomplete="off"></label>"#,
        word(Word::ReportSearch)
    )?;
    for (id, wd) in [
        ("f-status", Word::ReportColStatus),
        ("f-segment", Word::ReportColSegment),
        ("f-kind", Word::ReportColKind),
    ] {
        writeln!(
            w,
            r#"<label>{} <select id="{id}"><option value="">{}</option></select></label>"#,
            word(wd),
            word(Word::ReportAll)
        )?;
    }
    writeln!(
        w,
        r#"<span id="count" class="count" aria-live="polite"></span> <button type="button" id="f-reset" hidden>{}</button>"#,
        word(Word::ReportClear)
    )?;
    writeln!(w, "</div>")?;
    writeln!(w, r#"<table id="dev-table" class="grid"><thead><tr>"#)?;
    for (n, wd) in [
        Word::ReportColStatus,
        Word::ReportColId,
        Word::ReportColName,
        Word::ReportColKind,
        Word::ReportColIp,
        Word::ReportColMac,
        Word::ReportColVendor,
        Word::ReportColSegment,
        Word::ReportColSystem,
        Word::ReportColLocation,
        Word::ReportColSwitchPort,
        Word::ReportColFirstSeen,
        Word::ReportColLastSeen,
    ]
    .iter()
    .enumerate()
    {
        writeln!(
            w,
            r#"<th data-col="{n}" aria-sort="none"><button type="button" class="sort">{}</button></th>"#,
            word(*wd)
        )?;
    }
    writeln!(
        w,
        r#"<th class="noprint"></th></tr></thead><tbody id="dev-body"></tbody></table>"#
    )?;
    writeln!(
        w,
        r#"<p class="noprint"><button type="button" id="more" hidden>{}</button></p>"#,
        word(Word::ReportShowMore)
    )?;
    writeln!(w, "</section>")?;

    // 3. Audit findings (the audit's own text report).
    writeln!(w, r#"<section id="audit" class="sheet-a4">"#)?;
    writeln!(w, "<h2>{}</h2>", word(Word::ReportSectionAudit))?;
    match input.audit {
        Some(a) => {
            let mut text = Vec::new();
            crate::report::audit::write_text_in(a, lang, &input.site.meta.timezone, &mut text)?;
            writeln!(
                w,
                r#"<pre class="report">{}</pre>"#,
                pre_text(&String::from_utf8_lossy(&text))
            )?;
        }
        None => writeln!(w, "<p>{}</p>", word(Word::ReportNoScans))?,
    }
    writeln!(w, "</section>")?;

    // 4. Changes since the previous scan (diff's own text report).
    writeln!(w, r#"<section id="changes" class="sheet-a4">"#)?;
    writeln!(w, "<h2>{}</h2>", word(Word::ReportSectionChanges))?;
    match input.changes {
        Some(c) => {
            let mut text = Vec::new();
            crate::report::diff::write_text(c, lang, &mut text)?;
            writeln!(
                w,
                r#"<pre class="report">{}</pre>"#,
                pre_text(&String::from_utf8_lossy(&text))
            )?;
        }
        None => writeln!(w, "<p>{}</p>", word(Word::ReportNoPrevious))?,
    }
    writeln!(w, "</section>")?;

    // 5. External connections.
    writeln!(w, r#"<section id="external" class="sheet-a4">"#)?;
    writeln!(w, "<h2>{}</h2>", word(Word::ReportSectionExternal))?;
    let origin_attr = |n: Option<NodeIndex>| -> String {
        n.and_then(|n| traces.by_node.get(&n.index()))
            .map(|o| format!(r#" data-origin="{o}""#))
            .unwrap_or_default()
    };
    let trace_cell = |n: Option<NodeIndex>| -> String {
        if origin_attr(n).is_empty() {
            r#"<td class="noprint"></td>"#.to_string()
        } else {
            format!(
                r#"<td class="noprint"><button type="button" class="trace-btn"{}>{}</button></td>"#,
                origin_attr(n),
                word(Word::ReportTrace)
            )
        }
    };
    table(
        w,
        "lines",
        word(Word::ReportLines),
        &[
            Word::ReportColId,
            Word::ReportColName,
            Word::ReportColCarrier,
            Word::ReportColKind,
            Word::ReportColDevice,
            Word::ReportColPurpose,
        ],
        lang,
        site.lines.iter().map(|l| {
            (
                vec![
                    l.id.clone(),
                    l.name.clone(),
                    l.carrier.clone(),
                    l.kind.label(lang).to_string(),
                    l.device.clone().unwrap_or_default(),
                    l.purpose.clone(),
                ],
                trace_cell(input.graph.line(&l.id)),
            )
        }),
    )?;
    table(
        w,
        "circuits",
        word(Word::ReportCircuits),
        &[
            Word::ReportColId,
            Word::ReportColVendor,
            Word::ReportColSystem,
            Word::ReportColLine,
            Word::ReportColDevice,
            Word::ReportColMethod,
            Word::ReportColHours,
            Word::ReportColContact,
            Word::ReportColPhone,
        ],
        lang,
        site.circuits.iter().map(|c| {
            (
                vec![
                    c.id.clone(),
                    c.vendor.clone(),
                    c.system.clone().unwrap_or_default(),
                    c.line
                        .clone()
                        .unwrap_or_else(|| Word::DiagramOwnLine.get(lang).to_string()),
                    c.device.clone().unwrap_or_default(),
                    c.method.clone(),
                    c.hours.clone(),
                    c.contact.clone(),
                    c.phone.clone(),
                ],
                trace_cell(input.graph.circuit(&c.id)),
            )
        }),
    )?;
    table(
        w,
        "clouds",
        word(Word::ReportClouds),
        &[
            Word::ReportColId,
            Word::ReportColName,
            Word::ReportColProvider,
            Word::ReportColSystem,
            Word::ReportColLine,
            Word::ReportColData,
        ],
        lang,
        site.clouds.iter().map(|c| {
            (
                vec![
                    c.id.clone(),
                    c.name.clone(),
                    c.provider.clone(),
                    c.systems.join(", "),
                    c.line.clone().unwrap_or_default(),
                    c.data.clone(),
                ],
                trace_cell(input.graph.cloud(&c.id)),
            )
        }),
    )?;
    writeln!(w, "</section>")?;

    // 6. Contacts (appendix 3).
    writeln!(w, r#"<section id="contacts" class="sheet-a4">"#)?;
    writeln!(w, "<h2>{}</h2>", word(Word::ReportSectionContacts))?;
    table(
        w,
        "contact-list",
        "",
        &[
            Word::ReportColName,
            Word::ReportColRole,
            Word::ReportColPhone,
            Word::ReportColEmail,
            Word::ReportColUrl,
            Word::ReportColNotes,
        ],
        lang,
        site.contacts.iter().map(|c| {
            (
                vec![
                    c.name.clone(),
                    c.role.clone(),
                    c.phone.clone(),
                    c.email.clone(),
                    c.url.clone(),
                    c.notes.clone(),
                ],
                String::new(),
            )
        }),
    )?;
    writeln!(w, "</section>")?;

    writeln!(
        w,
        r#"<script type="application/json" id="report-data">{data}</script>"#
    )?;
    write!(w, "<script>{JS}</script>")?;
    writeln!(w, "\n</body>\n</html>")
}

/// A static table: every cell escaped; URLs are shown, never linked.
fn table<I>(
    w: &mut dyn Write,
    id: &str,
    caption: &str,
    cols: &[Word],
    lang: Lang,
    rows: I,
) -> io::Result<()>
where
    I: Iterator<Item = (Vec<String>, String)>,
{
    if !caption.is_empty() {
        writeln!(w, "<h3>{}</h3>", xml(caption))?;
    }
    writeln!(w, r#"<table id="{id}" class="grid static"><thead><tr>"#)?;
    for c in cols {
        write!(w, "<th>{}</th>", c.get(lang))?;
    }
    writeln!(w, r#"<th class="noprint"></th></tr></thead><tbody>"#)?;
    for (cells, extra) in rows {
        write!(w, "<tr>")?;
        for c in &cells {
            write!(w, "<td>{}</td>", xml(c))?;
        }
        writeln!(w, "{extra}</tr>")?;
    }
    writeln!(w, "</tbody></table>")
}
