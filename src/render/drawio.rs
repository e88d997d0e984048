//! `koseizu map --format drawio`: the same diagram as the SVG, at the same
//! coordinates (the SVG's page units, 0.1 mm), as an uncompressed
//! diagrams.net (draw.io) file that vendors can edit.
//!
//! - Zones and segment boxes are containers: their children (boxes, items)
//!   are placed relative to them, so they move with them.
//! - Every line, vendor, cloud service, outside party, device, group,
//!   system and unregistered host is a cell wrapped in an `<object>` whose
//!   attributes carry its record (ids, IP, MAC, vendor, carrier, …): draw.io
//!   shows them under Edit Data.
//! - Every connection is an edge with its real source and target cells (it
//!   follows when a box is moved) and its label.
//! - The scans' marks (unregistered, undeclared way out, not seen) are
//!   styles; the title and a legend are cells of their own.
//!
//! Labels are plain text (`html=0`), never HTML: a hostile name stays text
//! in draw.io too. Every value goes through [`crate::text::clean::xml`].

use std::collections::HashMap;
use std::io::{self, Write};

use super::layout::{
    self, Layout, PlacedItem, Rect, ZoneKind, LEGEND_W, MARGIN, PAGE_H, PAGE_W, TITLE_H,
};
use super::model::{BoxKind, Diagram, ItemKind, LinkKind, Mark};
use super::RenderOptions;
use crate::graph::{InventoryGraph, Node};
use crate::site::{Lang, Site};
use crate::text::clean::{page, xml};
use crate::text::Word;

/// Writes the diagram of `site` as a draw.io file.
pub fn write_drawio(
    w: &mut dyn Write,
    site: &Site,
    graph: &InventoryGraph,
    opts: &RenderOptions,
) -> io::Result<()> {
    let (d, lay) = super::prepare(site, graph, opts);
    write_layout(w, site, graph, &d, &lay, opts)
}

/// Where the SVG puts the content: `(tx, ty, scale)` of its
/// `translate(tx,ty) scale(scale)`.
pub fn content_transform(lay: &Layout) -> (f64, f64, f64) {
    let (aw, _) = layout::content_area();
    let scale = layout::page_scale(lay);
    (
        MARGIN + (aw - lay.width * scale) / 2.0,
        MARGIN + TITLE_H,
        scale,
    )
}

/// One cell's record: (attribute, value) pairs.
type Record = Vec<(&'static str, String)>;

fn record_of(site: &Site, graph: &InventoryGraph, nodes: &[usize], lang: Lang) -> Record {
    let mut r: Record = Vec::new();
    let mut push = |k: &'static str, v: String| {
        if !v.is_empty() {
            r.push((k, v));
        }
    };
    let single = nodes.len() == 1;
    for n in nodes {
        let Some(node) = graph.graph.node_weight(petgraph::graph::NodeIndex::new(*n)) else {
            continue;
        };
        match node {
            Node::Device(i) if single => {
                let d = &site.devices[*i];
                push("record", "device".into());
                push("record_id", d.id.clone());
                push("name", d.name.clone());
                push("kind", d.kind.label(lang).into());
                push("ip", d.ip.map(|x| x.to_string()).unwrap_or_default());
                push("mac", d.mac.map(|x| x.to_string()).unwrap_or_default());
                push("vendor", d.vendor.clone());
                push("segment", d.segment.clone().unwrap_or_default());
                push("system", d.system.clone().unwrap_or_default());
                push("department", d.department.clone());
                push("location", d.location.clone());
                push("notes", d.notes.clone());
            }
            Node::Line(i) => {
                let l = &site.lines[*i];
                push("record", "line".into());
                push("record_id", l.id.clone());
                push("name", l.name.clone());
                push("carrier", l.carrier.clone());
                push("kind", l.kind.label(lang).into());
                push("device", l.device.clone().unwrap_or_default());
                push("purpose", l.purpose.clone());
                push("notes", l.notes.clone());
            }
            Node::Vendor(v) => {
                push("record", "vendor".into());
                push("name", v.clone());
            }
            Node::Circuit(i) => {
                let c = &site.circuits[*i];
                let p = |s: &str| format!("{}: {s}", c.id);
                push("circuit", p(&c.method));
                if !c.hours.is_empty() {
                    push("hours", p(&c.hours));
                }
                if !c.contact.is_empty() || !c.phone.is_empty() {
                    push("contact", p(&format!("{} {}", c.contact, c.phone)));
                }
                if let Some(s) = &c.system {
                    push("system", p(s));
                }
            }
            Node::Cloud(i) => {
                let c = &site.clouds[*i];
                push("record", "cloud".into());
                push("record_id", c.id.clone());
                push("name", c.name.clone());
                push("provider", c.provider.clone());
                push("systems", c.systems.join(", "));
                push("line", c.line.clone().unwrap_or_default());
                push("data", c.data.clone());
            }
            Node::OutsideParty(name) => {
                push("record", "outside-party".into());
                push("name", name.clone());
            }
            Node::System(i) => {
                let s = &site.systems[*i];
                push("record", "system".into());
                push("record_id", s.id.clone());
                push("name", s.name.clone());
                push("vendor", s.vendor.clone());
                push("owner", s.owner.clone());
                push("contact", s.contact.clone());
                push("phone", s.phone.clone());
            }
            Node::Segment(i) => {
                let s = &site.segments[*i];
                push("record", "segment".into());
                push("record_id", s.id.clone());
                push("name", s.name.clone());
                push("cidr", s.cidr.map(|c| c.to_string()).unwrap_or_default());
                push("vlan", s.vlan.map(|v| v.to_string()).unwrap_or_default());
                push("zone", s.zone.clone().unwrap_or_default());
            }
            Node::Unregistered(i) => {
                if let Some(h) = graph.marks.unregistered.get(*i) {
                    push("record", "unregistered".into());
                    push("ip", h.ip.to_string());
                    push("mac", h.mac.map(|m| m.to_string()).unwrap_or_default());
                    push("vendor", h.vendor.clone().unwrap_or_default());
                    push("segment", h.segment.clone().unwrap_or_default());
                }
            }
            Node::Device(_) => {}
        }
    }
    // Merge repeated attributes (a vendor's several circuits) into one.
    let mut merged: Record = Vec::new();
    for (k, v) in r {
        match merged.iter_mut().find(|(mk, _)| *mk == k) {
            Some((_, mv)) if *mv != v => {
                mv.push_str(" / ");
                mv.push_str(&v);
            }
            Some(_) => {}
            None => merged.push((k, v)),
        }
    }
    merged
}

fn item_style(i: &PlacedItem) -> String {
    let (stroke, fill, rounded) = match i.item.kind {
        ItemKind::Line => ("#1565c0", "#e3f2fd", 1),
        ItemKind::Vendor => ("#6a1b9a", "#f3e5f5", 0),
        ItemKind::Cloud => ("#0277bd", "#e1f5fe", 1),
        ItemKind::OutsideParty => ("#546e7a", "#eceff1", 0),
        ItemKind::Device { kind } if i.perimeter || kind.is_gateway_kind() => {
            ("#e65100", "#fff3e0", 0)
        }
        ItemKind::Device { kind } if kind.is_network() => ("#00796b", "#e0f2f1", 0),
        ItemKind::Device { .. } => ("#37474f", "#ffffff", 0),
        ItemKind::Group { .. } => ("#78909c", "#f5f5f5", 0),
        ItemKind::System => ("#00695c", "#d7f0ec", 1),
        ItemKind::Unregistered => ("#d50000", "#ffebee", 0),
    };
    let mark = match (i.item.mark, i.item.kind) {
        (Mark::Unregistered, _) | (_, ItemKind::Unregistered) => {
            "strokeColor=#d50000;fillColor=#ffebee;dashed=1;strokeWidth=3;fontColor=#b71c1c;"
        }
        (Mark::UndeclaredExternal, _) => {
            "strokeColor=#d50000;fillColor=#fff0f0;strokeWidth=5;fontColor=#b71c1c;"
        }
        (Mark::Unseen, _) => "strokeColor=#9e9e9e;dashed=1;opacity=55;",
        (Mark::None, _) => "",
    };
    let shape = match i.item.kind {
        ItemKind::Cloud => "ellipse;",
        ItemKind::Group { .. } => "shadow=1;",
        _ => "",
    };
    format!(
        "rounded={rounded};{shape}whiteSpace=wrap;html=0;strokeColor={stroke};fillColor={fill};\
         strokeWidth=2;fontSize={{FS}};align=center;verticalAlign=middle;{mark}koseizu={};",
        kind_name(i.item.kind)
    )
}

fn kind_name(k: ItemKind) -> &'static str {
    match k {
        ItemKind::Line => "line",
        ItemKind::Vendor => "vendor",
        ItemKind::Cloud => "cloud",
        ItemKind::OutsideParty => "outside-party",
        ItemKind::Device { .. } => "device",
        ItemKind::Group { .. } => "group",
        ItemKind::System => "system",
        ItemKind::Unregistered => "unregistered",
    }
}

fn mark_name(m: Mark) -> &'static str {
    match m {
        Mark::None => "",
        Mark::Unseen => "unseen",
        Mark::Unregistered => "unregistered",
        Mark::UndeclaredExternal => "undeclared-external",
    }
}

/// A label: its parts cleaned for a page, escaped, one per line.
fn label<S: AsRef<str>>(parts: &[S]) -> String {
    parts
        .iter()
        .map(|p| xml(p.as_ref()))
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join("&#xa;")
}

struct Cells<'w> {
    w: &'w mut dyn Write,
    /// Page-coordinate origin of each container cell, by id.
    origin: HashMap<String, (f64, f64)>,
}

impl Cells<'_> {
    /// A vertex in page coordinates `r`, inside `parent`.
    #[allow(clippy::too_many_arguments)]
    fn vertex(
        &mut self,
        id: &str,
        parent: &str,
        r: (f64, f64, f64, f64),
        style: &str,
        value: &str,
        record: &Record,
        container: bool,
    ) -> io::Result<()> {
        let (px, py) = self.origin.get(parent).copied().unwrap_or((0.0, 0.0));
        let attrs: String = record
            .iter()
            .map(|(k, v)| format!(r#" {k}="{}""#, xml(v)))
            .collect();
        writeln!(
            self.w,
            r#"<object id="{id}" label="{value}"{attrs}><mxCell style="{style}" vertex="1" parent="{parent}"><mxGeometry x="{:.1}" y="{:.1}" width="{:.1}" height="{:.1}" as="geometry"/></mxCell></object>"#,
            r.0 - px,
            r.1 - py,
            r.2,
            r.3
        )?;
        if container {
            self.origin.insert(id.to_string(), (r.0, r.1));
        }
        Ok(())
    }
}

/// Writes an already laid-out diagram as a draw.io file.
pub fn write_layout(
    w: &mut dyn Write,
    site: &Site,
    graph: &InventoryGraph,
    d: &Diagram,
    lay: &Layout,
    opts: &RenderOptions,
) -> io::Result<()> {
    let lang = d.lang;
    let (tx, ty, scale) = content_transform(lay);
    let page_rect = |r: &Rect| (r.x * scale + tx, r.y * scale + ty, r.w * scale, r.h * scale);
    let fs = |size: f64| format!("{:.1}", size * scale);
    let title = format!("{} {}", d.title, Word::DiagramTitle.get(lang));
    writeln!(w, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
    writeln!(
        w,
        r#"<mxfile host="koseizu" agent="koseizu {}" type="device" compressed="false">"#,
        env!("CARGO_PKG_VERSION")
    )?;
    writeln!(w, r#"<diagram id="koseizu" name="{}">"#, xml(&title))?;
    writeln!(
        w,
        r#"<mxGraphModel dx="0" dy="0" grid="0" gridSize="10" guides="1" tooltips="1" connect="1" arrows="1" fold="1" page="1" pageScale="1" pageWidth="{PAGE_W}" pageHeight="{PAGE_H}" math="0" shadow="0">"#
    )?;
    writeln!(w, "<root>")?;
    writeln!(w, r#"<mxCell id="0"/>"#)?;
    writeln!(w, r#"<mxCell id="1" parent="0"/>"#)?;
    let mut cells = Cells {
        w,
        origin: HashMap::new(),
    };

    // Title.
    let date = match d.updated {
        Some(u) => format!("{}: {u}", Word::DiagramUpdated.get(lang)),
        None => format!("{}: {}", Word::DiagramCreated.get(lang), opts.today),
    };
    cells.vertex(
        "title",
        "1",
        (MARGIN, MARGIN, PAGE_W - 2.0 * MARGIN, TITLE_H - 40.0),
        "text;html=0;align=left;verticalAlign=middle;fontSize=44;fontStyle=1;koseizu=title;",
        &label(&[format!("{title}    {date}")]),
        &vec![("record", "title".to_string()), ("date", date.clone())],
        false,
    )?;

    // Zones, as containers at the top level.
    let mut zone_ids: Vec<(String, Rect)> = Vec::new();
    for z in &lay.zones {
        let id = format!("zone-{}", z.kind.key());
        let (stroke, fill) = match z.kind {
            ZoneKind::Outside => ("#90a4ae", "#eef3f9"),
            ZoneKind::Perimeter => ("#ffb74d", "#fff4e5"),
            ZoneKind::Inside => ("#81c784", "#f1f8f1"),
        };
        cells.vertex(
            &id,
            "1",
            page_rect(&z.rect),
            &format!(
                "rounded=1;arcSize=2;container=1;collapsible=0;html=0;whiteSpace=wrap;strokeColor={stroke};fillColor={fill};strokeWidth=2;verticalAlign=top;align=left;spacingLeft=10;fontSize={};fontStyle=1;koseizu=zone;",
                fs(layout::F_ZONE)
            ),
            &label(&[z.kind.title().get(lang)]),
            &vec![("record", "zone".to_string()), ("zone", z.kind.key().to_string())],
            true,
        )?;
        zone_ids.push((id, z.rect));
    }
    let zone_of = |r: &Rect| -> String {
        let (cx, cy) = r.center();
        zone_ids
            .iter()
            .find(|(_, z)| cx >= z.x && cx <= z.x + z.w && cy >= z.y && cy <= z.y + z.h)
            .map_or_else(|| "1".to_string(), |(id, _)| id.clone())
    };

    // Segment boxes, as containers inside their zone.
    let mut id_of_key: HashMap<&str, String> = HashMap::new();
    for (n, b) in lay.boxes.iter().enumerate() {
        let id = format!("b{n}");
        let (stroke, fill, dashed) = match b.boxed.kind {
            BoxKind::Segment => ("#2e7d32", "#fbfefb", 0),
            BoxKind::Dmz => ("#ef6c00", "#fffaf0", 0),
            BoxKind::Standalone => ("#757575", "#fafafa", 1),
            BoxKind::Unknown => ("#d50000", "#fff5f5", 1),
            BoxKind::Systems => ("#00695c", "#f7fcfb", 1),
        };
        let mut text = vec![b.boxed.name.clone()];
        text.extend(b.boxed.details.iter().cloned());
        let mut record = record_of(site, graph, &b.boxed.nodes, lang);
        record.insert(0, ("koseizu_key", b.key.clone()));
        cells.vertex(
            &id,
            &zone_of(&b.rect),
            page_rect(&b.rect),
            &format!(
                "rounded=1;arcSize=3;container=1;collapsible=0;html=0;whiteSpace=wrap;strokeColor={stroke};fillColor={fill};dashed={dashed};strokeWidth=2;verticalAlign=top;align=left;spacingLeft=8;fontSize={};fontStyle=1;koseizu=segment;",
                fs(layout::F_SEGMENT)
            ),
            &label(&text),
            &record,
            true,
        )?;
        id_of_key.insert(&b.key, id);
    }

    // Items, inside their box or zone.
    for (n, i) in lay.items.iter().enumerate() {
        let id = format!("i{n}");
        let parent = match i.in_box {
            Some(b) => format!("b{b}"),
            None => zone_of(&i.rect),
        };
        let mut text = vec![i.item.name.clone()];
        text.extend(i.item.details.iter().cloned());
        let mut record = record_of(site, graph, &i.item.nodes, lang);
        record.insert(0, ("koseizu_key", i.item.key.clone()));
        if let Some(c) = i.item.count {
            record.push(("count", c.to_string()));
        }
        let mark = mark_name(i.item.mark);
        if !mark.is_empty() {
            record.push(("mark", mark.to_string()));
        }
        let style = item_style(i).replace("{FS}", &fs(layout::F_NAME * 0.8));
        cells.vertex(
            &id,
            &parent,
            page_rect(&i.rect),
            &style,
            &label(&text),
            &record,
            false,
        )?;
        id_of_key.insert(&i.item.key, id);
    }

    // Connections: edges between the cells of their two ends.
    for (n, l) in lay.links.iter().enumerate() {
        let (Some(src), Some(dst)) = (
            id_of_key.get(l.link.from.as_str()),
            id_of_key.get(l.link.to.as_str()),
        ) else {
            continue;
        };
        let (color, width, dash, arrow) = match l.link.kind {
            LinkKind::Terminates => ("#1565c0", 3, 0, "none"),
            LinkKind::Circuit => ("#6a1b9a", 2, 0, "none"),
            LinkKind::CloudLine => ("#0277bd", 2, 0, "none"),
            LinkKind::Uplink => ("#455a64", 3, 0, "none"),
            LinkKind::NetworkFlow => ("#1e88e5", 2, 0, "block"),
            LinkKind::MediaFlow => ("#ef6c00", 3, 1, "block"),
            LinkKind::SwitchLink => ("#2e7d32", 3, 1, "none"),
        };
        let text = match &l.link.flow {
            Some(f) => format!(
                "{} {} → {}: {}",
                super::model::flow_mark(f.number),
                page(&f.from),
                page(&f.to),
                page(&f.description)
            ),
            None => l.link.label.clone(),
        };
        let kind = format!("{:?}", l.link.kind).to_lowercase();
        writeln!(
            cells.w,
            r#"<object id="l{n}" label="{}" record="connection" kind="{kind}" koseizu_from="{}" koseizu_to="{}"><mxCell style="edgeStyle=orthogonalEdgeStyle;rounded=1;html=0;strokeColor={color};strokeWidth={width};dashed={dash};endArrow={arrow};fontSize={};labelBackgroundColor=#ffffff;koseizu={kind};" edge="1" parent="1" source="{src}" target="{dst}"><mxGeometry relative="1" as="geometry"/></mxCell></object>"#,
            label(&[text]),
            xml(&l.link.from),
            xml(&l.link.to),
            fs(layout::F_DETAIL * 0.9)
        )?;
    }

    // Legend, a container on the right as in the SVG.
    let lx = PAGE_W - MARGIN - LEGEND_W + 20.0;
    let ly = MARGIN + TITLE_H;
    let t = &d.totals;
    // With scan marks the three mark entries say what they count, as in the
    // SVG; without, they only show the styles a vendor may use.
    let marks = t.unregistered + t.undeclared_external + t.unseen > 0;
    let counted = |plain: Word, count: Word, n: usize| {
        if marks {
            count.fill(lang, &[&n])
        } else {
            plain.get(lang).to_string()
        }
    };
    let entries: Vec<(&str, String)> = vec![
        (
            "rounded=1;strokeColor=#1565c0;fillColor=#e3f2fd;",
            Word::DiagramLine.get(lang).to_string(),
        ),
        (
            "strokeColor=#6a1b9a;fillColor=#f3e5f5;",
            Word::DiagramVendor.get(lang).to_string(),
        ),
        (
            "ellipse;strokeColor=#0277bd;fillColor=#e1f5fe;",
            Word::DiagramCloud.get(lang).to_string(),
        ),
        (
            "strokeColor=#546e7a;fillColor=#eceff1;",
            Word::DiagramParty.get(lang).to_string(),
        ),
        (
            "strokeColor=#e65100;fillColor=#fff3e0;",
            Word::DiagramPerimeterDevice.get(lang).to_string(),
        ),
        (
            "strokeColor=#37474f;fillColor=#ffffff;",
            Word::DiagramDevice.get(lang).to_string(),
        ),
        (
            "shadow=1;strokeColor=#78909c;fillColor=#f5f5f5;",
            Word::DiagramGroup.get(lang).to_string(),
        ),
        (
            "rounded=1;strokeColor=#00695c;fillColor=#d7f0ec;",
            Word::DiagramSystem.get(lang).to_string(),
        ),
        (
            "rounded=1;strokeColor=#2e7d32;fillColor=#fbfefb;",
            Word::DiagramSegment.get(lang).to_string(),
        ),
        (
            "strokeColor=#d50000;fillColor=#ffebee;dashed=1;",
            counted(
                Word::DiagramUnregistered,
                Word::DiagramLegendUnregistered,
                t.unregistered,
            ),
        ),
        (
            "strokeColor=#d50000;fillColor=#fff0f0;strokeWidth=5;",
            counted(
                Word::DiagramUndeclared,
                Word::DiagramLegendUndeclared,
                t.undeclared_external,
            ),
        ),
        (
            "strokeColor=#9e9e9e;dashed=1;opacity=55;",
            counted(Word::DiagramUnseen, Word::DiagramLegendUnseen, t.unseen),
        ),
    ];
    let row_h = 56.0;
    let legend_h = 80.0 + row_h * entries.len() as f64;
    cells.vertex(
        "legend",
        "1",
        (lx, ly, LEGEND_W - 20.0, legend_h),
        "rounded=0;container=1;collapsible=0;html=0;strokeColor=#616161;fillColor=#ffffff;verticalAlign=top;align=left;spacingLeft=10;fontSize=30;fontStyle=1;koseizu=legend;",
        &label(&[Word::DiagramLegend.get(lang)]),
        &vec![("record", "legend".to_string())],
        true,
    )?;
    for (k, (style, word)) in entries.iter().enumerate() {
        let y = ly + 60.0 + row_h * k as f64;
        cells.vertex(
            &format!("legend-{k}-sample"),
            "legend",
            (lx + 20.0, y, 90.0, 40.0),
            &format!("html=0;strokeWidth=2;{style}koseizu=legend-sample;"),
            "",
            &Vec::new(),
            false,
        )?;
        cells.vertex(
            &format!("legend-{k}"),
            "legend",
            (lx + 130.0, y, LEGEND_W - 190.0, 40.0),
            "text;html=0;align=left;verticalAlign=middle;fontSize=24;koseizu=legend-entry;",
            &label(&[word.as_str()]),
            &Vec::new(),
            false,
        )?;
    }
    let w = cells.w;
    writeln!(w, "</root>")?;
    writeln!(w, "</mxGraphModel>")?;
    writeln!(w, "</diagram>")?;
    writeln!(w, "</mxfile>")
}
