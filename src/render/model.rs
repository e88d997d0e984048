//! The diagram model: what the simplified diagram shows, grouped into zones,
//! before any coordinates exist. Pure: built from a `Site` and its
//! `InventoryGraph` (which carries the scan marks).
//!
//! Zones follow the manual's appendix 1: outside the hospital (lines,
//! maintenance vendors with their circuits, cloud services, outside
//! parties), the perimeter (every external-facing device individually, DMZ
//! segments) and inside (one box per segment; servers, storage and network
//! devices individually, everything else counted per kind).

use std::collections::{BTreeMap, HashMap, HashSet};

use chrono::NaiveDate;
use petgraph::graph::NodeIndex;
use serde::Serialize;

use super::{Highlight, RenderOptions};
use crate::graph::{InventoryGraph, Node, ScanMarks, UnregisteredHost};
use crate::site::{Circuit, DeviceKind, FlowKind, Lang, Site};
use crate::text::clean::page;
use crate::text::Word;

/// More individual devices than this in one segment are counted in its kind groups instead,
/// so one server farm cannot push the rest of the page below readable size.
pub const MAX_INDIVIDUAL_PER_SEGMENT: usize = 24;

/// The whole diagram, zone by zone.
#[derive(Debug, Clone, Serialize)]
pub struct Diagram {
    /// Hospital name.
    pub title: String,
    /// Date the records were brought up to date.
    pub updated: Option<NaiveDate>,
    /// Language of kind names, zone titles and legend.
    pub lang: Lang,
    /// Outside the hospital: lines, vendors, cloud services, outside parties.
    pub outside: Vec<Item>,
    /// Perimeter devices (and hosts scans found facing outside).
    pub perimeter: Vec<Item>,
    /// DMZ segments (drawn in the perimeter zone).
    pub dmz: Vec<SegmentBox>,
    /// Inside segments, then the standalone, unknown-segment and device-less-systems areas.
    pub inside: Vec<SegmentBox>,
    /// Connections and data flows between items and boxes, by key.
    pub links: Vec<Link>,
    /// Totals for the legend.
    pub totals: Totals,
    /// True when a highlight (impact) was applied.
    pub highlighted: bool,
    /// The impact's starting point (起点), for the title of the impact view.
    #[serde(skip)]
    pub origin: Option<String>,
    /// The day (site's local calendar) of the latest scan whose marks are drawn.
    #[serde(skip)]
    pub scanned: Option<NaiveDate>,
    /// Who keeps the diagram (site.toml `author`), shown under the dates.
    #[serde(skip)]
    pub author: Option<String>,
}

/// One drawn thing (a line, vendor, device, group, system chip, …).
#[derive(Debug, Clone, Serialize)]
pub struct Item {
    /// Unique key within the diagram (`dev:ID`, `line:ID`, …).
    pub key: String,
    /// What it is.
    pub kind: ItemKind,
    /// Main label (cleaned by the page policy, `text::clean::page`).
    pub name: String,
    /// Secondary label lines.
    pub details: Vec<String>,
    /// For groups: how many devices it stands for.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub count: Option<usize>,
    /// Inventory-graph node indices it stands for.
    pub nodes: Vec<usize>,
    /// Scan mark.
    pub mark: Mark,
    /// Highlight state.
    pub emphasis: Emphasis,
}

/// Kinds of drawn items.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(tag = "type", rename_all = "kebab-case")]
pub enum ItemKind {
    /// External line.
    Line,
    /// Maintenance vendor with its circuits.
    Vendor,
    /// Cloud service.
    Cloud,
    /// Party outside the hospital named by a flow.
    OutsideParty,
    /// A ledger device drawn individually.
    Device {
        /// Its kind.
        kind: DeviceKind,
    },
    /// Devices of one kind in one box, counted.
    Group {
        /// Their kind.
        kind: DeviceKind,
    },
    /// A medical information system, shown where its devices are.
    System,
    /// A host seen by a scan and not in the ledger.
    Unregistered,
}

/// What scans said about an item.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Mark {
    /// Nothing to say.
    None,
    /// In the ledger, in a scanned segment, not seen.
    Unseen,
    /// Seen, not in the ledger.
    Unregistered,
    /// Faces outside though no line or circuit declares it.
    UndeclaredExternal,
}

/// Highlight state of an item (impact view).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Emphasis {
    /// No highlight in effect.
    Normal,
    /// On an intrusion route.
    Route,
    /// In the impact scope.
    Scope,
    /// Neither (faded).
    Faded,
}

/// What a box stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum BoxKind {
    /// A segment inside the hospital.
    Segment,
    /// A DMZ segment (perimeter).
    Dmz,
    /// Devices without a segment (ネットワーク未接続).
    Standalone,
    /// Unregistered hosts whose segment is unknown (所属不明).
    Unknown,
    /// Systems with no device in the ledger.
    Systems,
}

/// A segment (or pseudo-segment) box and its contents.
#[derive(Debug, Clone, Serialize)]
pub struct SegmentBox {
    /// Unique key (`seg:ID`, `standalone`, `unknown`, `systems`).
    pub key: String,
    /// What it stands for.
    pub kind: BoxKind,
    /// Title.
    pub name: String,
    /// Subtitle (id, CIDR, VLAN, zone).
    pub details: Vec<String>,
    /// Graph nodes (the segment's own).
    pub nodes: Vec<usize>,
    /// Systems whose devices are here.
    pub systems: Vec<Item>,
    /// Devices drawn individually.
    pub devices: Vec<Item>,
    /// Devices counted per kind.
    pub groups: Vec<Item>,
    /// Unregistered hosts seen here.
    pub unregistered: Vec<Item>,
    /// Highlight state.
    pub emphasis: Emphasis,
}

/// A drawn connection between two keys.
#[derive(Debug, Clone, Serialize)]
pub struct Link {
    /// Key of the source.
    pub from: String,
    /// Key of the destination.
    pub to: String,
    /// What it is.
    pub kind: LinkKind,
    /// Label (circuit method, flow content).
    pub label: String,
    /// Highlight state.
    pub emphasis: Emphasis,
    /// For data flows: number and ends, listed in the flow table.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub flow: Option<FlowDetail>,
    /// Where its emphasis comes from (not drawn): [`rehighlight`] reads it.
    #[serde(skip)]
    pub lit_by: LitBy,
}

/// Where a link's emphasis comes from under a highlight, kept so that
/// [`rehighlight`] can apply another highlight without a rebuild.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum LitBy {
    /// The emphasis of the boxes and top-level items at its two ends
    /// (structural links).
    #[default]
    Ends,
    /// These graph nodes' (a maintenance circuit's).
    Nodes(Vec<usize>),
    /// Both graph nodes (a data flow is on the route only if both ends are).
    Both(usize, usize),
    /// Parallel links merged into one: the strongest of theirs.
    Merged(Vec<LitBy>),
}

/// A data flow as the flow table lists it (the arrow carries only its number).
#[derive(Debug, Clone, Serialize)]
pub struct FlowDetail {
    /// 1-based number shown on the arrow and in the table.
    pub number: usize,
    /// Source's name.
    pub from: String,
    /// Destination's name.
    pub to: String,
    /// What moves (内容).
    pub description: String,
}

/// The mark of flow `n` on its arrow: ① … ㊿, then `#n`.
pub fn flow_mark(n: usize) -> String {
    let c = match n {
        1..=20 => char::from_u32(0x2460 + n as u32 - 1),
        21..=35 => char::from_u32(0x3251 + n as u32 - 21),
        36..=50 => char::from_u32(0x32B1 + n as u32 - 36),
        _ => None,
    };
    c.map(String::from).unwrap_or_else(|| format!("#{n}"))
}

/// Kinds of connections.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum LinkKind {
    /// Line → the device terminating it.
    Terminates,
    /// Vendor → line or device, for one maintenance circuit.
    Circuit,
    /// Cloud → the line it is reached over.
    CloudLine,
    /// Perimeter device → its segment.
    Uplink,
    /// Data flow over the network.
    NetworkFlow,
    /// Data hand-off by USB or other media.
    MediaFlow,
    /// Network device ↔ network device, learned from LLDP/CDP (`koseizu poll`).
    SwitchLink,
}

/// Counts shown in the legend and exported in JSON.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Totals {
    /// Ledger devices.
    pub devices: usize,
    /// Segments.
    pub segments: usize,
    /// External lines.
    pub lines: usize,
    /// Maintenance circuits.
    pub circuits: usize,
    /// Cloud services.
    pub clouds: usize,
    /// Unregistered hosts from scans.
    pub unregistered: usize,
    /// External-facing devices not declared by any line or circuit.
    pub undeclared_external: usize,
    /// Ledger devices scans did not see.
    pub unseen: usize,
}

/// `s` in round brackets: full-width in Japanese text (（他）), ASCII in English.
fn paren(lang: Lang, s: &str) -> String {
    match lang {
        Lang::Ja => format!("（{s}）"),
        Lang::En => format!("({s})"),
    }
}

fn name_or_id(name: &str, id: &str) -> String {
    let n = page(name);
    if n.is_empty() {
        page(id)
    } else {
        n
    }
}

struct Emph<'a>(Option<&'a Highlight>);

impl Emph<'_> {
    fn of(&self, nodes: &[usize]) -> Emphasis {
        let Some(h) = self.0 else {
            return Emphasis::Normal;
        };
        let has =
            |set: &HashSet<NodeIndex>| nodes.iter().any(|n| set.contains(&NodeIndex::new(*n)));
        if has(&h.route) {
            Emphasis::Route
        } else if has(&h.scope) {
            Emphasis::Scope
        } else {
            Emphasis::Faded
        }
    }
}

/// Builds the diagram model of `site` (scan marks come from `graph.marks`).
pub fn build(site: &Site, graph: &InventoryGraph, opts: &RenderOptions) -> Diagram {
    build_capped(site, graph, opts, MAX_INDIVIDUAL_PER_SEGMENT)
}

/// Like [`build`], drawing at most `cap` devices individually per segment
/// (the rest are counted in their kind's group).
///
/// The steps run zone by zone, in the order the page reads (outside,
/// perimeter, segment boxes, systems, flows), each adding its items and links
/// to one [`Builder`]; [`Builder::finish`] then settles the links.
pub fn build_capped(
    site: &Site,
    graph: &InventoryGraph,
    opts: &RenderOptions,
    cap: usize,
) -> Diagram {
    let mut b = Builder::new(site, graph, opts, cap);
    b.outside_lines();
    b.outside_vendors();
    b.outside_clouds();
    b.outside_parties();
    b.perimeter_devices();
    b.perimeter_unregistered();
    b.segment_boxes();
    b.standalone_box();
    b.unknown_box();
    b.systems();
    b.flows();
    b.switch_links();
    b.finish()
}

/// The model being built, and what the steps share.
struct Builder<'a> {
    site: &'a Site,
    graph: &'a InventoryGraph,
    marks: &'a ScanMarks,
    opts: &'a RenderOptions,
    lang: Lang,
    emph: Emph<'a>,
    /// Devices per segment drawn individually at most.
    cap: usize,
    /// Devices lines and circuits declare external-facing.
    declared: HashSet<&'a str>,
    /// Vendor name → its graph node.
    vendor_nodes: HashMap<&'a str, usize>,
    /// Index into `marks.unregistered` → its graph node.
    unreg_nodes: HashMap<usize, usize>,
    /// Graph node → key of the item that represents it (flow anchors).
    anchor: HashMap<usize, String>,
    /// System id → (key of a box holding its devices, how many), box by box.
    system_here: BTreeMap<String, Vec<(String, usize)>>,
    outside: Vec<Item>,
    perimeter: Vec<Item>,
    dmz: Vec<SegmentBox>,
    inside: Vec<SegmentBox>,
    links: Vec<Link>,
}

/// The graph node of a record, as the list items carry it.
fn ix(n: Option<NodeIndex>) -> Vec<usize> {
    n.map(|n| vec![n.index()]).unwrap_or_default()
}

/// A structural link with no label and no highlight of its own yet.
fn plain_link(from: String, to: String, kind: LinkKind) -> Link {
    Link {
        from,
        to,
        kind,
        label: String::new(),
        emphasis: Emphasis::Normal,
        flow: None,
        lit_by: LitBy::Ends,
    }
}

impl<'a> Builder<'a> {
    fn new(
        site: &'a Site,
        graph: &'a InventoryGraph,
        opts: &'a RenderOptions,
        cap: usize,
    ) -> Builder<'a> {
        let mut vendor_nodes = HashMap::new();
        let mut unreg_nodes = HashMap::new();
        for n in graph.graph.node_indices() {
            match &graph.graph[n] {
                Node::Vendor(v) => {
                    vendor_nodes.insert(v.as_str(), n.index());
                }
                Node::Unregistered(i) => {
                    unreg_nodes.insert(*i, n.index());
                }
                _ => {}
            }
        }
        Builder {
            site,
            graph,
            marks: &graph.marks,
            opts,
            lang: opts.lang,
            emph: Emph(opts.highlight.as_ref()),
            cap,
            declared: site.declared_external_devices().into_iter().collect(),
            vendor_nodes,
            unreg_nodes,
            anchor: HashMap::new(),
            system_here: BTreeMap::new(),
            outside: Vec::new(),
            perimeter: Vec::new(),
            dmz: Vec::new(),
            inside: Vec::new(),
            links: Vec::new(),
        }
    }

    /// Makes `key` the anchor of `nodes` (what flows to them attach to).
    fn anchor_all(&mut self, nodes: &[usize], key: &str) {
        for n in nodes {
            self.anchor.insert(*n, key.to_string());
        }
    }

    /// Outside: one item per external line.
    fn outside_lines(&mut self) {
        let (site, graph, lang) = (self.site, self.graph, self.lang);
        for l in &site.lines {
            let nodes = ix(graph.line(&l.id));
            let key = format!("line:{}", l.id);
            self.anchor_all(&nodes, &key);
            let mut details = vec![l.kind.label(lang).to_string()];
            if !page(&l.carrier).is_empty() {
                details.insert(0, page(&l.carrier));
            }
            if let Some(d) = &l.device {
                self.links.push(plain_link(
                    key.clone(),
                    format!("dev:{d}"),
                    LinkKind::Terminates,
                ));
            }
            self.outside.push(Item {
                key,
                kind: ItemKind::Line,
                name: name_or_id(&l.name, &l.id),
                details,
                count: None,
                emphasis: self.emph.of(&nodes),
                nodes,
                mark: Mark::None,
            });
        }
    }

    /// Outside: one item per maintenance vendor, a detail line per circuit,
    /// and the circuits' links to the lines and devices they reach.
    fn outside_vendors(&mut self) {
        let site = self.site;
        let mut vendors: Vec<&str> = Vec::new();
        for c in &site.circuits {
            if !vendors.contains(&c.vendor.as_str()) {
                vendors.push(&c.vendor);
            }
        }
        for v in vendors {
            let key = format!("vendor:{v}");
            let mut nodes: Vec<usize> = self.vendor_nodes.get(v).copied().into_iter().collect();
            let mut details = Vec::new();
            for c in site.circuits.iter().filter(|c| c.vendor == v) {
                let cn = ix(self.graph.circuit(&c.id));
                self.anchor_all(&cn, &key);
                nodes.extend(&cn);
                details.push(self.circuit_detail(c));
                self.circuit_links(&key, c, &cn);
            }
            self.outside.push(Item {
                key: key.clone(),
                kind: ItemKind::Vendor,
                name: name_or_id(v, v),
                details,
                count: None,
                emphasis: self.emph.of(&nodes),
                nodes,
                mark: Mark::None,
            });
        }
    }

    /// A circuit as its vendor's detail line: system, method and hours.
    fn circuit_detail(&self, c: &Circuit) -> String {
        let system = c
            .system
            .as_deref()
            .and_then(|s| self.site.system(s))
            .map(|s| name_or_id(&s.name, &s.id));
        let mut d = String::new();
        if let Some(s) = system {
            d.push_str(&s);
            d.push_str(": ");
        }
        let how: Vec<String> = [page(&c.method), page(&c.hours)]
            .into_iter()
            .filter(|s| !s.is_empty())
            .collect();
        d.push_str(&how.join("・"));
        if c.line.is_none() {
            d.push_str(&format!("（{}）", Word::DiagramOwnLine.get(self.lang)));
        }
        d
    }

    /// A circuit's links: vendor → line (→ device when the line ends
    /// elsewhere), or vendor → device over the vendor's own line.
    fn circuit_links(&mut self, vendor_key: &str, c: &Circuit, cn: &[usize]) {
        let label = page(&c.method);
        let emphasis = self.emph.of(cn);
        let circuit = |from: String, to: String, label: String| Link {
            from,
            to,
            kind: LinkKind::Circuit,
            label,
            emphasis,
            flow: None,
            lit_by: LitBy::Nodes(cn.to_vec()),
        };
        match (&c.line, &c.device) {
            (Some(l), dev) => {
                self.links.push(circuit(
                    vendor_key.to_string(),
                    format!("line:{l}"),
                    label.clone(),
                ));
                let terminating = self.site.line(l).and_then(|l| l.device.as_deref());
                if let Some(d) = dev.as_deref().filter(|d| Some(*d) != terminating) {
                    self.links
                        .push(circuit(format!("line:{l}"), format!("dev:{d}"), label));
                }
            }
            (None, Some(d)) => {
                self.links
                    .push(circuit(vendor_key.to_string(), format!("dev:{d}"), label));
            }
            (None, None) => {}
        }
    }

    /// Outside: one item per cloud service, with the systems using it.
    fn outside_clouds(&mut self) {
        let site = self.site;
        for c in &site.clouds {
            let nodes = ix(self.graph.cloud(&c.id));
            let key = format!("cloud:{}", c.id);
            self.anchor_all(&nodes, &key);
            let mut details = Vec::new();
            if !page(&c.provider).is_empty() {
                details.push(page(&c.provider));
            }
            let users: Vec<String> = c
                .systems
                .iter()
                .map(|s| {
                    site.system(s)
                        .map(|s| name_or_id(&s.name, &s.id))
                        .unwrap_or_else(|| page(s))
                })
                .collect();
            if !users.is_empty() {
                details.push(format!(
                    "{}: {}",
                    Word::DiagramUses.get(self.lang),
                    users.join("、")
                ));
            }
            if let Some(l) = &c.line {
                self.links.push(plain_link(
                    key.clone(),
                    format!("line:{l}"),
                    LinkKind::CloudLine,
                ));
            }
            self.outside.push(Item {
                key,
                kind: ItemKind::Cloud,
                name: name_or_id(&c.name, &c.id),
                details,
                count: None,
                emphasis: self.emph.of(&nodes),
                nodes,
                mark: Mark::None,
            });
        }
    }

    /// Outside: the parties outside the hospital that flows name.
    fn outside_parties(&mut self) {
        let mut parties: Vec<(&str, NodeIndex)> = self.graph.outside_parties().collect();
        parties.sort();
        for (name, n) in parties {
            let key = format!("party:{name}");
            self.anchor.insert(n.index(), key.clone());
            self.outside.push(Item {
                key,
                kind: ItemKind::OutsideParty,
                name: name_or_id(name, name),
                details: vec![Word::DiagramParty.get(self.lang).to_string()],
                count: None,
                emphasis: self.emph.of(&[n.index()]),
                nodes: vec![n.index()],
                mark: Mark::None,
            });
        }
    }

    /// True for a device drawn in the perimeter: declared by a line or
    /// circuit, or found facing outside by a scan.
    fn is_perimeter_device(&self, id: &str) -> bool {
        self.declared.contains(id) || self.marks.undeclared_external_devices.contains(id)
    }

    /// What scans said about a ledger device.
    fn device_mark(&self, id: &str) -> Mark {
        if self.marks.undeclared_external_devices.contains(id) && !self.declared.contains(id) {
            Mark::UndeclaredExternal
        } else if self.marks.unseen_devices.contains(id) {
            Mark::Unseen
        } else {
            Mark::None
        }
    }

    /// Ledger device `i` drawn individually (and anchoring its node).
    fn device_item(&mut self, i: usize) -> Item {
        let d = &self.site.devices[i];
        let lang = self.lang;
        let nodes = ix(self.graph.device(&d.id));
        let key = format!("dev:{}", d.id);
        self.anchor_all(&nodes, &key);
        let mut detail = d.kind.label(lang).to_string();
        if let Some(ip) = d.ip {
            detail.push(' ');
            detail.push_str(&ip.to_string());
        }
        let mark = self.device_mark(&d.id);
        let mut details = vec![detail];
        match mark {
            Mark::UndeclaredExternal => {
                details.push(format!("⚠ {}", Word::DiagramUndeclared.get(lang)))
            }
            Mark::Unseen => details.push(paren(lang, Word::DiagramUnseen.get(lang))),
            _ => {}
        }
        // A way out to check (issue 13): its CVEs, else its first flag.
        if let Some(m) = self.marks.ways_out_to_check.get(&d.id) {
            let what = if m.cves.is_empty() {
                m.flags
                    .first()
                    .map(|f| crate::identify::report::flag_word(*f).get(lang).to_string())
                    .unwrap_or_default()
            } else {
                m.cves.join(", ")
            };
            details.push(format!("⚠ {}", Word::IdDiagramMark.fill(lang, &[&what])));
        }
        Item {
            key,
            kind: ItemKind::Device { kind: d.kind },
            name: name_or_id(&d.name, &d.id),
            details,
            count: None,
            emphasis: self.emph.of(&nodes),
            nodes,
            mark,
        }
    }

    /// Unregistered host `i` of the scan marks (and anchoring its node).
    fn unreg_item(&mut self, i: usize, h: &UnregisteredHost) -> Item {
        let lang = self.lang;
        let nodes: Vec<usize> = self.unreg_nodes.get(&i).copied().into_iter().collect();
        let key = format!("unreg:{i}");
        self.anchor_all(&nodes, &key);
        let mut details = Vec::new();
        let mut l2 = String::new();
        if let Some(m) = &h.mac {
            l2.push_str(&m.to_string());
        }
        if let Some(v) = h.vendor.as_deref().map(page).filter(|v| !v.is_empty()) {
            if !l2.is_empty() {
                l2.push(' ');
            }
            l2.push_str(&v);
        }
        if !l2.is_empty() {
            details.push(l2);
        }
        let mark = if h.external.is_empty() {
            Mark::Unregistered
        } else {
            details.push(format!("⚠ {}", Word::DiagramUndeclared.get(lang)));
            Mark::UndeclaredExternal
        };
        Item {
            key,
            kind: ItemKind::Unregistered,
            name: format!("⚠ {} {}", Word::DiagramUnregistered.get(lang), h.ip),
            details,
            count: None,
            emphasis: self.emph.of(&nodes),
            nodes,
            mark,
        }
    }

    /// Perimeter: every external-facing ledger device, with its uplink.
    fn perimeter_devices(&mut self) {
        for (i, d) in self.site.devices.iter().enumerate() {
            if self.is_perimeter_device(&d.id) {
                let mut item = self.device_item(i);
                item.details.extend(self.within(d.segment.as_deref()));
                self.perimeter.push(item);
                if let Some(s) = &d.segment {
                    self.links.push(plain_link(
                        format!("dev:{}", d.id),
                        format!("seg:{s}"),
                        LinkKind::Uplink,
                    ));
                }
            }
        }
    }

    /// Where a thing drawn outside its segment's box lives: 「（医療機器系内）」.
    fn within(&self, segment: Option<&str>) -> Option<String> {
        let s = self.site.segment(segment?)?;
        // The name without its own bracketed note, so brackets never nest:
        // 「部門系 (PACS・検査・放射線)」 → 「（部門系内）」.
        let short = s
            .name
            .split(['(', '（'])
            .next()
            .map(str::trim)
            .filter(|n| !n.is_empty());
        let name = short.unwrap_or(&s.id);
        Some(Word::DiagramWithin.fill(self.lang, &[&page(name)]))
    }

    /// Perimeter: unregistered hosts scans found facing outside.
    fn perimeter_unregistered(&mut self) {
        for (i, h) in self.marks.unregistered.iter().enumerate() {
            if !h.external.is_empty() {
                let mut item = self.unreg_item(i, h);
                item.details.extend(self.within(h.segment.as_deref()));
                self.perimeter.push(item);
                if let Some(s) = &h.segment {
                    self.links.push(plain_link(
                        format!("unreg:{i}"),
                        format!("seg:{s}"),
                        LinkKind::Uplink,
                    ));
                }
            }
        }
    }

    /// Inside and DMZ: one box per segment, with its devices and the
    /// unregistered hosts seen in it.
    fn segment_boxes(&mut self) {
        let site = self.site;
        let mut members: HashMap<&str, Vec<usize>> = HashMap::new();
        for (i, d) in site.devices.iter().enumerate() {
            if let Some(s) = d.segment.as_deref().filter(|s| site.segment(s).is_some()) {
                members.entry(s).or_default().push(i);
            }
        }
        for s in &site.segments {
            let nodes = ix(self.graph.segment(&s.id));
            let key = format!("seg:{}", s.id);
            self.anchor_all(&nodes, &key);
            let mut details = Vec::new();
            let mut sub = vec![page(&s.id)];
            if let Some(c) = s.cidr {
                sub.push(c.to_string());
            }
            if let Some(v) = s.vlan {
                sub.push(format!("VLAN {v}"));
            }
            details.push(sub.join(" · "));
            if let Some(z) = s.zone.as_deref().map(page).filter(|z| !z.is_empty()) {
                details.push(z);
            }
            let mut bx = SegmentBox {
                key,
                kind: if s.is_perimeter() {
                    BoxKind::Dmz
                } else {
                    BoxKind::Segment
                },
                name: name_or_id(&s.name, &s.id),
                details,
                emphasis: self.emph.of(&nodes),
                nodes,
                systems: Vec::new(),
                devices: Vec::new(),
                groups: Vec::new(),
                unregistered: Vec::new(),
            };
            self.fill_box(
                &mut bx,
                members.get(s.id.as_str()).map(Vec::as_slice).unwrap_or(&[]),
            );
            for (i, h) in self.marks.unregistered.iter().enumerate() {
                if h.external.is_empty() && h.segment.as_deref() == Some(s.id.as_str()) {
                    let item = self.unreg_item(i, h);
                    bx.unregistered.push(item);
                }
            }
            if bx.kind == BoxKind::Dmz {
                self.dmz.push(bx);
            } else {
                self.inside.push(bx);
            }
        }
    }

    /// Inside: the box of devices without a (known) segment, if any.
    fn standalone_box(&mut self) {
        let site = self.site;
        let members: Vec<usize> = site
            .devices
            .iter()
            .enumerate()
            .filter(|(_, d)| d.segment.as_deref().and_then(|s| site.segment(s)).is_none())
            .map(|(i, _)| i)
            .collect();
        if members.is_empty() {
            return;
        }
        let mut bx = pseudo_box(
            "standalone",
            BoxKind::Standalone,
            Word::DiagramStandalone.get(self.lang),
            &self.emph,
        );
        self.fill_box(&mut bx, &members);
        self.inside.push(bx);
    }

    /// Inside: the box of unregistered hosts whose segment is unknown, if any.
    fn unknown_box(&mut self) {
        let site = self.site;
        let mut unknown = Vec::new();
        for (i, h) in self.marks.unregistered.iter().enumerate() {
            if h.external.is_empty() && h.segment.as_deref().and_then(|s| site.segment(s)).is_none()
            {
                unknown.push(self.unreg_item(i, h));
            }
        }
        if unknown.is_empty() {
            return;
        }
        let mut bx = pseudo_box(
            "unknown",
            BoxKind::Unknown,
            Word::DiagramUnknown.get(self.lang),
            &self.emph,
        );
        bx.unregistered = unknown;
        self.inside.push(bx);
    }

    /// Puts ledger devices `members` into `bx`: the first `cap` individual
    /// kinds one by one (perimeter devices are drawn in the perimeter), the
    /// rest counted per kind; notes which systems have devices here.
    fn fill_box(&mut self, bx: &mut SegmentBox, members: &[usize]) {
        let site = self.site;
        let mut individual = 0usize;
        let mut groups: BTreeMap<(usize, DeviceKind), Vec<usize>> = BTreeMap::new();
        let mut sys_count: BTreeMap<&str, usize> = BTreeMap::new();
        for &i in members {
            let d = &site.devices[i];
            if let Some(s) = d.system.as_deref() {
                *sys_count.entry(s).or_default() += 1;
            }
            if self.is_perimeter_device(&d.id) {
                continue;
            }
            if d.kind.is_individual() && individual < self.cap {
                individual += 1;
                let item = self.device_item(i);
                bx.devices.push(item);
            } else {
                let order = DeviceKind::ALL
                    .iter()
                    .position(|k| *k == d.kind)
                    .unwrap_or(99);
                groups.entry((order, d.kind)).or_default().push(i);
            }
        }
        for ((_, kind), devs) in groups {
            let group = self.group_item(bx, kind, &devs);
            bx.groups.push(group);
        }
        for (s, n) in sys_count {
            self.system_here
                .entry(s.to_string())
                .or_default()
                .push((bx.key.clone(), n));
        }
    }

    /// The counted group of devices `devs` (all of `kind`) in box `bx`.
    fn group_item(&mut self, bx: &SegmentBox, kind: DeviceKind, devs: &[usize]) -> Item {
        let (site, lang) = (self.site, self.lang);
        let key = format!("{}/group:{kind:?}", bx.key);
        let nodes: Vec<usize> = devs
            .iter()
            .filter_map(|i| self.graph.device(&site.devices[*i].id))
            .map(|n| n.index())
            .collect();
        self.anchor_all(&nodes, &key);
        let unseen = devs
            .iter()
            .filter(|i| self.marks.unseen_devices.contains(&site.devices[**i].id))
            .count();
        let mut details = Vec::new();
        if bx
            .devices
            .iter()
            .any(|i| i.kind == ItemKind::Device { kind })
        {
            details.push(paren(lang, Word::DiagramMore.get(lang)));
        }
        if unseen > 0 {
            details.push(Word::DiagramUnseenCount.fill(lang, &[&unseen]));
        }
        if let Some(h) = self.opts.highlight.as_ref() {
            let hit = nodes
                .iter()
                .filter(|n| {
                    h.route.contains(&NodeIndex::new(**n)) || h.scope.contains(&NodeIndex::new(**n))
                })
                .count();
            if hit > 0 {
                details.push(Word::DiagramAffectedCount.fill(lang, &[&hit]));
            }
        }
        Item {
            key,
            kind: ItemKind::Group { kind },
            name: format!("{} ×{}", kind.label(lang), devs.len()),
            details,
            count: Some(devs.len()),
            emphasis: self.emph.of(&nodes),
            nodes,
            mark: if unseen == devs.len() {
                Mark::Unseen
            } else {
                Mark::None
            },
        }
    }

    /// Systems: a chip in every box holding their devices (flows attach to
    /// the box with most of them); systems with no device get a box of
    /// their own.
    fn systems(&mut self) {
        let site = self.site;
        let system_here = std::mem::take(&mut self.system_here);
        let mut orphan_systems = Vec::new();
        for s in &site.systems {
            let nodes = ix(self.graph.system(&s.id));
            let name = name_or_id(&s.name, &s.id);
            let emphasis = self.emph.of(&nodes);
            let mk = |key: String| Item {
                key,
                kind: ItemKind::System,
                name: name.clone(),
                details: if page(&s.vendor).is_empty() {
                    Vec::new()
                } else {
                    vec![page(&s.vendor)]
                },
                count: None,
                emphasis,
                nodes: nodes.clone(),
                mark: Mark::None,
            };
            match system_here.get(&s.id) {
                Some(places) => {
                    let best = places
                        .iter()
                        .max_by_key(|(k, n)| (*n, std::cmp::Reverse(k.clone())))
                        .map(|(k, _)| k.clone());
                    for (bkey, _) in places {
                        let key = format!("{bkey}/sys:{}", s.id);
                        if Some(bkey) == best.as_ref() {
                            self.anchor_all(&nodes, &key);
                        }
                        if let Some(bx) = self
                            .dmz
                            .iter_mut()
                            .chain(self.inside.iter_mut())
                            .find(|b| &b.key == bkey)
                        {
                            bx.systems.push(mk(key));
                        }
                    }
                }
                None => {
                    let key = format!("systems/sys:{}", s.id);
                    self.anchor_all(&nodes, &key);
                    orphan_systems.push(mk(key));
                }
            }
        }
        if !orphan_systems.is_empty() {
            let mut bx = pseudo_box(
                "systems",
                BoxKind::Systems,
                Word::DiagramSystems.get(self.lang),
                &self.emph,
            );
            bx.systems = orphan_systems;
            self.inside.push(bx);
        }
    }

    /// Data flows, attached to whatever represents each endpoint.
    fn flows(&mut self) {
        let (site, graph) = (self.site, self.graph);
        for f in &site.flows {
            let (Some(a), Some(b)) = (graph.endpoint(&f.from), graph.endpoint(&f.to)) else {
                continue;
            };
            let (Some(ka), Some(kb)) = (self.anchor.get(&a.index()), self.anchor.get(&b.index()))
            else {
                continue;
            };
            let kind = match f.kind {
                FlowKind::Network => LinkKind::NetworkFlow,
                FlowKind::Media => LinkKind::MediaFlow,
            };
            let link = Link {
                from: ka.clone(),
                to: kb.clone(),
                kind,
                label: String::new(),
                // A flow is on the route only if both its ends are.
                emphasis: strongest_common(self.emph.of(&[a.index()]), self.emph.of(&[b.index()])),
                flow: Some(FlowDetail {
                    number: 0,
                    from: node_name(site, graph, a, &f.from),
                    to: node_name(site, graph, b, &f.to),
                    description: page(&f.description),
                }),
                lit_by: LitBy::Both(a.index(), b.index()),
            };
            self.links.push(link);
        }
    }

    /// Settles the links (highlight of both ends, dangling ones dropped,
    /// parallel circuits merged, flows numbered) and counts the totals.
    /// Links between network devices drawn individually, from the polls' LLDP/CDP.
    fn switch_links(&mut self) {
        if self.marks.switch_links.is_empty() {
            return;
        }
        let drawn: HashSet<&str> = self
            .perimeter
            .iter()
            .chain(self.dmz.iter().chain(&self.inside).flat_map(|b| &b.devices))
            .map(|i| i.key.as_str())
            .collect();
        let mut new = Vec::new();
        for (a, b) in &self.marks.switch_links {
            let (ka, kb) = (format!("dev:{a}"), format!("dev:{b}"));
            if drawn.contains(ka.as_str()) && drawn.contains(kb.as_str()) {
                let mut l = plain_link(ka, kb, LinkKind::SwitchLink);
                l.label = "LLDP".into();
                new.push(l);
            }
        }
        self.links.extend(new);
    }

    fn finish(self) -> Diagram {
        let Builder {
            site,
            marks,
            opts,
            lang,
            declared,
            outside,
            perimeter,
            dmz,
            inside,
            links,
            ..
        } = self;
        // Structural links take the highlight of both ends.
        let emph_of_key: HashMap<String, Emphasis> = outside
            .iter()
            .chain(&perimeter)
            .map(|i| (i.key.clone(), i.emphasis))
            .chain(
                dmz.iter()
                    .chain(&inside)
                    .map(|b| (b.key.clone(), b.emphasis)),
            )
            .collect();
        let mut links = links;
        if opts.highlight.is_some() {
            for l in links.iter_mut().filter(|l| {
                !matches!(
                    l.kind,
                    LinkKind::NetworkFlow | LinkKind::MediaFlow | LinkKind::Circuit
                )
            }) {
                let a = emph_of_key.get(&l.from).copied().unwrap_or(Emphasis::Faded);
                let b = emph_of_key.get(&l.to).copied().unwrap_or(Emphasis::Faded);
                l.emphasis = strongest_common(a, b);
            }
        }
        // Drop links whose ends are not drawn (a dangling reference in a hand-built site).
        let mut keys: HashSet<String> = emph_of_key.into_keys().collect();
        for b in dmz.iter().chain(&inside) {
            for i in b
                .systems
                .iter()
                .chain(&b.devices)
                .chain(&b.groups)
                .chain(&b.unregistered)
            {
                keys.insert(i.key.clone());
            }
        }
        links.retain(|l| keys.contains(&l.from) && keys.contains(&l.to));
        let mut links = merge_parallel(links);
        number_flows(&mut links, lang);

        let unregistered = marks.unregistered.len();
        let undeclared_external = marks
            .undeclared_external_devices
            .iter()
            .filter(|d| !declared.contains(d.as_str()))
            .count()
            + marks
                .unregistered
                .iter()
                .filter(|h| !h.external.is_empty())
                .count();
        Diagram {
            title: page(&site.meta.name),
            updated: site.meta.updated,
            lang,
            outside,
            perimeter,
            dmz,
            inside,
            links,
            totals: Totals {
                devices: site.devices.len(),
                segments: site.segments.len(),
                lines: site.lines.len(),
                circuits: site.circuits.len(),
                clouds: site.clouds.len(),
                unregistered,
                undeclared_external,
                unseen: marks.unseen_devices.len(),
            },
            highlighted: opts.highlight.is_some(),
            origin: opts
                .highlight
                .as_ref()
                .and_then(|h| h.origin.as_deref())
                .map(page),
            scanned: self.marks.scanned.map(|t| site.meta.timezone.day(t)),
            author: site
                .meta
                .author
                .as_deref()
                .map(page)
                .filter(|a| !a.trim().is_empty()),
        }
    }
}

/// Gives every item, box and link of `d` the emphasis [`build_capped`]
/// with highlight `h` would give it, without rebuilding the model (the
/// report applies one highlight per traced answer to one model). Only
/// emphasis and `highlighted` change: texts (a group's count of affected
/// devices) stay as built.
pub fn rehighlight(d: &mut Diagram, h: Option<&Highlight>) {
    let emph = Emph(h);
    d.highlighted = h.is_some();
    let Diagram {
        outside,
        perimeter,
        dmz,
        inside,
        links,
        ..
    } = d;
    for i in outside.iter_mut().chain(perimeter.iter_mut()) {
        i.emphasis = emph.of(&i.nodes);
    }
    for b in dmz.iter_mut().chain(inside.iter_mut()) {
        b.emphasis = emph.of(&b.nodes);
        for i in b
            .systems
            .iter_mut()
            .chain(b.devices.iter_mut())
            .chain(b.groups.iter_mut())
            .chain(b.unregistered.iter_mut())
        {
            i.emphasis = emph.of(&i.nodes);
        }
    }
    // As `Builder::finish` reads the ends of structural links.
    let emph_of_key: HashMap<&str, Emphasis> = outside
        .iter()
        .chain(perimeter.iter())
        .map(|i| (i.key.as_str(), i.emphasis))
        .chain(
            dmz.iter()
                .chain(inside.iter())
                .map(|b| (b.key.as_str(), b.emphasis)),
        )
        .collect();
    fn lit(by: &LitBy, l: &Link, emph: &Emph, ends: &HashMap<&str, Emphasis>) -> Emphasis {
        match by {
            LitBy::Ends if emph.0.is_none() => Emphasis::Normal,
            LitBy::Ends => {
                let end = |k: &str| ends.get(k).copied().unwrap_or(Emphasis::Faded);
                strongest_common(end(&l.from), end(&l.to))
            }
            LitBy::Nodes(n) => emph.of(n),
            LitBy::Both(a, b) => strongest_common(emph.of(&[*a]), emph.of(&[*b])),
            LitBy::Merged(all) => all
                .iter()
                .map(|by| lit(by, l, emph, ends))
                .reduce(strongest)
                .unwrap_or(Emphasis::Normal),
        }
    }
    for l in links.iter_mut() {
        l.emphasis = lit(&l.lit_by, l, &emph, &emph_of_key);
    }
}

/// Several circuits over one line to one device are one connection on
/// paper: merges them, keeping each distinct method once in the label.
fn merge_parallel(links: Vec<Link>) -> Vec<Link> {
    let mut merged: Vec<Link> = Vec::with_capacity(links.len());
    let mut at: HashMap<(String, String, LinkKind), usize> = HashMap::new();
    for l in links {
        if l.flow.is_some() {
            merged.push(l);
            continue;
        }
        match at.get(&(l.from.clone(), l.to.clone(), l.kind)) {
            Some(&i) => {
                let m = &mut merged[i];
                if !l.label.is_empty() && !m.label.split(" / ").any(|x| x == l.label) {
                    if !m.label.is_empty() {
                        m.label.push_str(" / ");
                    }
                    m.label.push_str(&l.label);
                }
                m.emphasis = strongest(m.emphasis, l.emphasis);
                match &mut m.lit_by {
                    LitBy::Merged(all) => all.push(l.lit_by),
                    first => {
                        let one = std::mem::take(first);
                        *first = LitBy::Merged(vec![one, l.lit_by]);
                    }
                }
            }
            None => {
                at.insert((l.from.clone(), l.to.clone(), l.kind), merged.len());
                merged.push(l);
            }
        }
    }
    merged
}

/// Numbers the flows in order: arrows carry a number (and the media mark);
/// the flow table says the rest.
fn number_flows(links: &mut [Link], lang: Lang) {
    let mut number = 0;
    for l in links {
        if let Some(f) = l.flow.as_mut() {
            number += 1;
            f.number = number;
            l.label = if l.kind == LinkKind::MediaFlow {
                format!("{} {}", flow_mark(number), Word::DiagramMedia.get(lang))
            } else {
                flow_mark(number)
            };
        }
    }
}

/// The emphasis a link between two ends gets: route if both are on the
/// route, scope if both are at least in scope, else faded.
fn strongest_common(a: Emphasis, b: Emphasis) -> Emphasis {
    match (a, b) {
        (Emphasis::Normal, _) | (_, Emphasis::Normal) => Emphasis::Normal,
        (Emphasis::Route, Emphasis::Route) => Emphasis::Route,
        (Emphasis::Route | Emphasis::Scope, Emphasis::Route | Emphasis::Scope) => Emphasis::Scope,
        _ => Emphasis::Faded,
    }
}

fn strongest(a: Emphasis, b: Emphasis) -> Emphasis {
    let rank = |e| match e {
        Emphasis::Route => 3,
        Emphasis::Scope => 2,
        Emphasis::Normal => 1,
        Emphasis::Faded => 0,
    };
    if rank(b) > rank(a) {
        b
    } else {
        a
    }
}

/// A flow endpoint's name for people.
fn node_name(site: &Site, graph: &InventoryGraph, n: NodeIndex, written: &str) -> String {
    let named = match &graph.graph[n] {
        Node::Segment(i) => site.segments.get(*i).map(|s| name_or_id(&s.name, &s.id)),
        Node::Device(i) => site.devices.get(*i).map(|d| name_or_id(&d.name, &d.id)),
        Node::System(i) => site.systems.get(*i).map(|s| name_or_id(&s.name, &s.id)),
        Node::Line(i) => site.lines.get(*i).map(|l| name_or_id(&l.name, &l.id)),
        Node::Circuit(i) => site.circuits.get(*i).map(|c| name_or_id(&c.vendor, &c.id)),
        Node::Cloud(i) => site.clouds.get(*i).map(|c| name_or_id(&c.name, &c.id)),
        Node::Vendor(v) | Node::OutsideParty(v) => Some(page(v)),
        Node::Unregistered(_) => None,
    };
    named.unwrap_or_else(|| page(written))
}

fn pseudo_box(key: &str, kind: BoxKind, name: &str, emph: &Emph) -> SegmentBox {
    SegmentBox {
        key: key.to_string(),
        kind,
        name: name.to_string(),
        details: Vec::new(),
        nodes: Vec::new(),
        systems: Vec::new(),
        devices: Vec::new(),
        groups: Vec::new(),
        unregistered: Vec::new(),
        emphasis: emph.of(&[]),
    }
}
