//! The same diagram as Graphviz DOT: a cluster per zone and per segment, with
//! exactly the label lines the SVG shows (taken from the same layout).

use std::collections::HashMap;
use std::io::{self, Write};

use super::layout::{self, TextLine, ZoneKind};
use super::model::{BoxKind, Emphasis, ItemKind, LinkKind, Mark};
use super::svg::FONT_FAMILY;
use super::RenderOptions;
use crate::graph::InventoryGraph;
use crate::site::Site;
use crate::text::clean::page;
use crate::text::Word;

/// Escapes text for a double-quoted DOT string, after the shared page policy
/// ([`crate::text::clean::page`]) has dropped the hidden characters.
///
/// `&` becomes `&amp;` because Graphviz decodes HTML entities even in plain
/// quoted labels: a name written `&#x202E;` would otherwise come out of
/// `dot -Tsvg` as a real right-to-left override.
pub fn escape_dot(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in page(s).chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '&' => out.push_str("&amp;"),
            // Graphviz decodes these entities in labels, so the drawing
            // shows the name as it is while the file holds no raw markup
            // that a careless SVG pipeline could pass through.
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            c => out.push(c),
        }
    }
    out
}

fn label(lines: &[TextLine]) -> String {
    lines
        .iter()
        .map(|l| escape_dot(&l.text))
        .collect::<Vec<_>>()
        .join("\\n")
}

fn item_attrs(kind: ItemKind, mark: Mark, emphasis: Emphasis) -> String {
    let (shape, fill) = match kind {
        ItemKind::Line => ("box", "#e3f2fd"),
        ItemKind::Vendor => ("box", "#f3e5f5"),
        ItemKind::Cloud => ("ellipse", "#e1f5fe"),
        ItemKind::OutsideParty => ("box", "#eceff1"),
        ItemKind::Device { .. } => ("box", "#ffffff"),
        ItemKind::Group { .. } => ("box3d", "#f5f5f5"),
        ItemKind::System => ("component", "#d7f0ec"),
        ItemKind::Unregistered => ("box", "#ffebee"),
    };
    let mut a = format!(
        "shape={shape}, style=\"filled{}\", fillcolor=\"{fill}\"",
        match mark {
            Mark::Unregistered => ",dashed,bold",
            Mark::UndeclaredExternal => ",bold",
            Mark::Unseen => ",dotted",
            Mark::None => "",
        }
    );
    match mark {
        Mark::Unregistered | Mark::UndeclaredExternal => {
            a.push_str(", color=\"#d50000\", penwidth=3")
        }
        Mark::Unseen => a.push_str(", fontcolor=\"#9e9e9e\", color=\"#9e9e9e\""),
        Mark::None => {}
    }
    match emphasis {
        Emphasis::Route => a.push_str(", color=\"#c2185b\", penwidth=4"),
        Emphasis::Scope => a.push_str(", color=\"#f9a825\", penwidth=3"),
        Emphasis::Faded => a.push_str(", fontcolor=\"#9e9e9e\""),
        Emphasis::Normal => {}
    }
    a
}

/// Writes the diagram of `site` as DOT.
pub fn write_dot(
    w: &mut dyn Write,
    site: &Site,
    graph: &InventoryGraph,
    opts: &RenderOptions,
) -> io::Result<()> {
    let (d, lay) = super::prepare(site, graph, opts);
    let font = escape_dot(
        FONT_FAMILY
            .split(',')
            .next()
            .unwrap_or("sans-serif")
            .trim_matches(|c| c == '\'' || c == ' '),
    );
    let title = if d.title.is_empty() {
        Word::DiagramTitle.get(d.lang).to_string()
    } else {
        format!("{} {}", d.title, Word::DiagramTitle.get(d.lang))
    };
    writeln!(w, "digraph koseizu {{")?;
    writeln!(w, "  graph [rankdir=TB, compound=true, newrank=true, labelloc=t, fontsize=20, fontname=\"{font}\", label=\"{}\"];", escape_dot(&title))?;
    writeln!(w, "  node [fontname=\"{font}\", fontsize=11];")?;
    writeln!(w, "  edge [fontname=\"{font}\", fontsize=9];")?;

    let mut id_of: HashMap<&str, String> = HashMap::new();
    let node_line =
        |w: &mut dyn Write, indent: &str, id: &str, it: &layout::PlacedItem| -> io::Result<()> {
            writeln!(
                w,
                "{indent}{id} [label=\"{}\", {}];",
                label(&it.lines),
                item_attrs(it.item.kind, it.item.mark, it.item.emphasis)
            )
        };
    for (n, it) in lay.items.iter().enumerate() {
        id_of.insert(&it.item.key, format!("n{n}"));
    }
    for (n, b) in lay.boxes.iter().enumerate() {
        id_of.insert(&b.key, format!("b{n}"));
    }
    for zone in ZoneKind::ALL {
        writeln!(w, "  subgraph cluster_{} {{", zone.key())?;
        writeln!(
            w,
            "    label=\"{}\"; style=filled; fillcolor=\"{}\";",
            escape_dot(zone.title().get(d.lang)),
            match zone {
                ZoneKind::Outside => "#eef3f9",
                ZoneKind::Perimeter => "#fff4e5",
                ZoneKind::Inside => "#f1f8f1",
            }
        )?;
        for (n, it) in lay.items.iter().enumerate() {
            let here = it.in_box.is_none()
                && match zone {
                    ZoneKind::Outside => !it.perimeter,
                    ZoneKind::Perimeter => it.perimeter,
                    ZoneKind::Inside => false,
                };
            if here {
                node_line(w, "    ", &format!("n{n}"), it)?;
            }
        }
        for (bn, b) in lay.boxes.iter().enumerate() {
            let in_zone = if b.boxed.kind == BoxKind::Dmz {
                ZoneKind::Perimeter
            } else {
                ZoneKind::Inside
            };
            if in_zone != zone {
                continue;
            }
            writeln!(w, "    subgraph cluster_b{bn} {{")?;
            writeln!(
                w,
                "      label=\"{}\"; style=\"rounded{}\"; fillcolor=\"#ffffff\";",
                label(&b.lines),
                if matches!(b.boxed.kind, BoxKind::Segment | BoxKind::Dmz) {
                    ""
                } else {
                    ",dashed"
                }
            )?;
            // The segment itself as a node, so links can end at it.
            writeln!(
                w,
                "      b{bn} [label=\"{}\", shape=tab, style=filled, fillcolor=\"#e8f5e9\"];",
                label(&b.lines)
            )?;
            for (n, it) in lay
                .items
                .iter()
                .enumerate()
                .filter(|(_, it)| it.in_box == Some(bn))
            {
                node_line(w, "      ", &format!("n{n}"), it)?;
            }
            writeln!(w, "    }}")?;
        }
        writeln!(w, "  }}")?;
    }
    for l in &lay.links {
        let (Some(a), Some(b)) = (
            id_of.get(l.link.from.as_str()),
            id_of.get(l.link.to.as_str()),
        ) else {
            continue;
        };
        let mut attrs = match l.link.kind {
            LinkKind::NetworkFlow => "color=\"#1e88e5\", penwidth=2".to_string(),
            LinkKind::MediaFlow => "color=\"#ef6c00\", style=dashed, penwidth=2".to_string(),
            LinkKind::Circuit => "color=\"#6a1b9a\", dir=none".to_string(),
            _ => "color=\"#455a64\", dir=none".to_string(),
        };
        if let Some((_, t)) = &l.label {
            // DOT has room for what the SVG puts in its flow table.
            let text = match &l.link.flow {
                Some(f) if !f.description.is_empty() => format!("{}: {}", t.text, f.description),
                _ => t.text.clone(),
            };
            attrs.push_str(&format!(", label=\"{}\"", escape_dot(&text)));
        }
        match l.link.emphasis {
            Emphasis::Route => attrs.push_str(", color=\"#c2185b\", penwidth=4"),
            Emphasis::Scope => attrs.push_str(", color=\"#f9a825\", penwidth=3"),
            Emphasis::Faded => attrs.push_str(", color=\"#cfd8dc\""),
            Emphasis::Normal => {}
        }
        writeln!(w, "  {a} -> {b} [{attrs}];")?;
    }
    writeln!(w, "}}")
}
