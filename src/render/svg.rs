//! The printable SVG: landscape A3, Japanese fonts, title, legend.
//!
//! The page is 420 × 297 mm with a viewBox in 0.1 mm units, so it prints on
//! A3 at the intended size; the diagram is scaled as one piece into the area
//! left of the legend. Presentation is in attributes rather than CSS so that
//! converters that ignore `<style>` (some PDF and office tools) draw the same.

use std::io::{self, Write};

use super::layout::{
    self, Layout, PlacedBox, PlacedItem, PlacedLink, Rect, TextLine, ZoneKind, LEGEND_W, MARGIN,
    PAGE_H, PAGE_W, TITLE_H,
};
use super::model::{self, BoxKind, Diagram, Emphasis, ItemKind, LinkKind, Mark};
use super::text::{text_width, truncate, wrap, wrap_checked};
use super::RenderOptions;
use crate::graph::InventoryGraph;
use crate::site::{Lang, Site};
use crate::text::clean::xml;
use crate::text::Word;

/// Font families, Japanese first: whichever the printing machine has.
pub const FONT_FAMILY: &str =
    "'Noto Sans CJK JP', 'Noto Sans JP', 'Hiragino Sans', 'Yu Gothic', Meiryo, IPAexGothic, sans-serif";

const ROUTE: &str = "#c2185b";
const SCOPE: &str = "#f9a825";
const ALERT: &str = "#d50000";
const NET_FLOW: &str = "#1e88e5";
const MEDIA_FLOW: &str = "#ef6c00";
const F_LEGEND: f64 = 22.0;
/// Lines a flow table row may take when the table has room.
const FLOW_ROW_LINES: usize = 3;

/// Writes the diagram of `site` as SVG.
pub fn write_svg(
    w: &mut dyn Write,
    site: &Site,
    graph: &InventoryGraph,
    opts: &RenderOptions,
) -> io::Result<()> {
    let (d, lay) = super::prepare(site, graph, opts);
    write_layout(w, &d, &lay, opts.today)
}

/// A box's look: stroke, fill, stroke width, dash pattern, corner radius.
struct Look {
    stroke: &'static str,
    fill: &'static str,
    width: f64,
    dash: Option<&'static str>,
    rx: f64,
}

impl Look {
    /// The look as it is painted, unchanged.
    fn paint(&self) -> Paint<'static> {
        Paint {
            stroke: self.stroke,
            fill: self.fill,
            width: self.width,
            dash: self.dash,
            rx: self.rx,
        }
    }
}

fn item_look(i: &PlacedItem) -> Look {
    let base = match i.item.kind {
        ItemKind::Line => Look {
            stroke: "#1565c0",
            fill: "#e3f2fd",
            width: 3.0,
            dash: None,
            rx: 22.0,
        },
        ItemKind::Vendor => Look {
            stroke: "#6a1b9a",
            fill: "#f3e5f5",
            width: 3.0,
            dash: None,
            rx: 4.0,
        },
        ItemKind::Cloud => Look {
            stroke: "#0277bd",
            fill: "#e1f5fe",
            width: 3.0,
            dash: None,
            rx: 34.0,
        },
        ItemKind::OutsideParty => Look {
            stroke: "#546e7a",
            fill: "#eceff1",
            width: 3.0,
            dash: None,
            rx: 4.0,
        },
        ItemKind::Device { kind } if i.perimeter || kind.is_gateway_kind() => Look {
            stroke: "#e65100",
            fill: "#fff3e0",
            width: 4.0,
            dash: None,
            rx: 2.0,
        },
        ItemKind::Device { kind } if kind.is_network() => Look {
            stroke: "#00796b",
            fill: "#e0f2f1",
            width: 2.5,
            dash: None,
            rx: 2.0,
        },
        ItemKind::Device { .. } => Look {
            stroke: "#37474f",
            fill: "#ffffff",
            width: 2.5,
            dash: None,
            rx: 2.0,
        },
        ItemKind::Group { .. } => Look {
            stroke: "#78909c",
            fill: "#f5f5f5",
            width: 2.0,
            dash: None,
            rx: 3.0,
        },
        ItemKind::System => Look {
            stroke: "#00695c",
            fill: "#d7f0ec",
            width: 2.0,
            dash: None,
            rx: 12.0,
        },
        ItemKind::Unregistered => Look {
            stroke: ALERT,
            fill: "#ffebee",
            width: 5.0,
            dash: Some("12 6"),
            rx: 2.0,
        },
    };
    match i.item.mark {
        Mark::Unregistered => Look {
            stroke: ALERT,
            fill: "#ffebee",
            width: 5.0,
            dash: Some("12 6"),
            ..base
        },
        Mark::UndeclaredExternal => Look {
            stroke: ALERT,
            fill: "#fff0f0",
            width: 6.0,
            dash: None,
            ..base
        },
        Mark::Unseen => Look {
            stroke: "#9e9e9e",
            dash: Some("4 4"),
            ..base
        },
        Mark::None => base,
    }
}

fn box_look(b: &PlacedBox) -> Look {
    match b.boxed.kind {
        BoxKind::Segment => Look {
            stroke: "#2e7d32",
            fill: "#fbfefb",
            width: 3.0,
            dash: None,
            rx: 8.0,
        },
        BoxKind::Dmz => Look {
            stroke: "#ef6c00",
            fill: "#fffaf0",
            width: 3.0,
            dash: None,
            rx: 8.0,
        },
        BoxKind::Standalone => Look {
            stroke: "#757575",
            fill: "#fafafa",
            width: 3.0,
            dash: Some("10 6"),
            rx: 8.0,
        },
        BoxKind::Unknown => Look {
            stroke: ALERT,
            fill: "#fff5f5",
            width: 4.0,
            dash: Some("12 6"),
            rx: 8.0,
        },
        BoxKind::Systems => Look {
            stroke: "#00695c",
            fill: "#f7fcfb",
            width: 3.0,
            dash: Some("10 6"),
            rx: 8.0,
        },
    }
}

fn emphasis_attrs(e: Emphasis, look: &Look) -> (String, String, f64, &'static str) {
    match e {
        Emphasis::Normal => (look.stroke.into(), look.fill.into(), 1.0, "normal"),
        Emphasis::Route => (ROUTE.into(), "#fce4ec".into(), 1.0, "route"),
        Emphasis::Scope => (SCOPE.into(), "#fff8e1".into(), 1.0, "scope"),
        Emphasis::Faded => (look.stroke.into(), look.fill.into(), 0.28, "faded"),
    }
}

fn nodes_attr(nodes: &[usize]) -> String {
    nodes
        .iter()
        .map(|n| n.to_string())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Writes `parts` (a name, then its details) as the enclosing element's
/// `<title>`, one part a line: browsers show it as a tooltip, screen readers
/// read it, and a search of the file finds the whole name where the drawing
/// had to cut it. Nothing is written for no parts.
fn write_title_of<S: AsRef<str>>(w: &mut dyn Write, parts: &[S]) -> io::Result<()> {
    if parts.is_empty() {
        return Ok(());
    }
    let text: Vec<String> = parts.iter().map(|p| xml(p.as_ref())).collect();
    writeln!(w, "<title>{}</title>", text.join("\n"))
}

fn write_text(w: &mut dyn Write, t: &TextLine, fill: &str) -> io::Result<()> {
    writeln!(
        w,
        r#"<text x="{:.1}" y="{:.1}" font-size="{:.1}"{} fill="{fill}">{}</text>"#,
        t.x,
        t.y,
        t.size,
        if t.bold { r#" font-weight="bold""# } else { "" },
        xml(&t.text)
    )
}

/// How a rectangle is painted.
struct Paint<'a> {
    stroke: &'a str,
    fill: &'a str,
    width: f64,
    dash: Option<&'a str>,
    rx: f64,
}

/// An unpainted rect: it only gives a label its box (the label-fit check reads it).
const INVISIBLE: Paint<'static> = Paint {
    stroke: "none",
    fill: "none",
    width: 0.0,
    dash: None,
    rx: 0.0,
};

fn write_rect(w: &mut dyn Write, r: &Rect, class: &str, p: &Paint) -> io::Result<()> {
    writeln!(
        w,
        r#"<rect class="{class}" x="{:.1}" y="{:.1}" width="{:.1}" height="{:.1}" rx="{:.1}" fill="{}" stroke="{}" stroke-width="{:.1}"{}/>"#,
        r.x,
        r.y,
        r.w,
        r.h,
        p.rx,
        p.fill,
        p.stroke,
        p.width,
        p.dash
            .map(|d| format!(r#" stroke-dasharray="{d}""#))
            .unwrap_or_default()
    )
}

fn kind_class(k: ItemKind) -> String {
    match k {
        ItemKind::Line => "line".into(),
        ItemKind::Vendor => "vendor".into(),
        ItemKind::Cloud => "cloud".into(),
        ItemKind::OutsideParty => "party".into(),
        ItemKind::Device { kind } => format!("device kind-{}", format!("{kind:?}").to_lowercase()),
        ItemKind::Group { kind } => format!("group kind-{}", format!("{kind:?}").to_lowercase()),
        ItemKind::System => "system".into(),
        ItemKind::Unregistered => "unregistered".into(),
    }
}

fn mark_class(m: Mark) -> &'static str {
    match m {
        Mark::None => "",
        Mark::Unseen => " mark-unseen",
        Mark::Unregistered => " mark-unregistered",
        Mark::UndeclaredExternal => " mark-undeclared-external",
    }
}

fn write_item(w: &mut dyn Write, n: usize, i: &PlacedItem) -> io::Result<()> {
    let look = item_look(i);
    let (stroke, fill, opacity, ecls) = emphasis_attrs(i.item.emphasis, &look);
    // Scan marks keep their red even in the impact view: they must never fade away.
    let stroke = if matches!(i.item.mark, Mark::Unregistered | Mark::UndeclaredExternal) {
        ALERT.to_string()
    } else {
        stroke
    };
    let opacity = if i.item.mark == Mark::Unseen {
        opacity * 0.55
    } else {
        opacity
    };
    writeln!(
        w,
        r#"<g class="node {}{} {ecls}" id="i{n}" data-key="{}" data-nodes="{}" opacity="{opacity:.2}">"#,
        kind_class(i.item.kind),
        mark_class(i.item.mark),
        xml(&i.item.key),
        nodes_attr(&i.item.nodes)
    )?;
    write_title_of(w, &i.title)?;
    let r = i.rect;
    if matches!(i.item.kind, ItemKind::Group { .. }) {
        // A second outline behind: "several of these".
        write_rect(
            w,
            &r.clone_shift(5.0, 5.0),
            "stack",
            &Paint {
                stroke: &stroke,
                fill: &fill,
                width: look.width,
                dash: look.dash,
                rx: look.rx,
            },
        )?;
    }
    if i.item.mark == Mark::UndeclaredExternal {
        // Double red frame: the one mark for a way out nobody declared.
        let outer = r.grown(7.0);
        write_rect(
            w,
            &outer,
            "alert-frame",
            &Paint {
                stroke: ALERT,
                fill: "none",
                width: 3.0,
                dash: None,
                rx: look.rx + 4.0,
            },
        )?;
    }
    let width = if i.item.emphasis == Emphasis::Route {
        look.width + 2.0
    } else {
        look.width
    };
    write_rect(
        w,
        &r,
        "box",
        &Paint {
            stroke: &stroke,
            fill: &fill,
            width,
            dash: look.dash,
            rx: look.rx,
        },
    )?;
    let text_fill = if matches!(i.item.mark, Mark::Unregistered | Mark::UndeclaredExternal) {
        "#b71c1c"
    } else {
        "#212121"
    };
    for t in &i.lines {
        write_text(w, t, text_fill)?;
    }
    writeln!(w, "</g>")
}

/// Copies of a rect moved or enlarged: stacked group cards, alert frames.
trait Shift {
    fn clone_shift(&self, dx: f64, dy: f64) -> Rect;
    /// The same centre, `d` larger on every side.
    fn grown(&self, d: f64) -> Rect;
}
impl Shift for Rect {
    fn clone_shift(&self, dx: f64, dy: f64) -> Rect {
        Rect {
            x: self.x + dx,
            y: self.y + dy,
            ..*self
        }
    }
    fn grown(&self, d: f64) -> Rect {
        Rect {
            x: self.x - d,
            y: self.y - d,
            w: self.w + 2.0 * d,
            h: self.h + 2.0 * d,
        }
    }
}

fn write_box(w: &mut dyn Write, n: usize, b: &PlacedBox) -> io::Result<()> {
    let look = box_look(b);
    let (stroke, fill, opacity, ecls) = emphasis_attrs(b.boxed.emphasis, &look);
    // Fading a box must not fade its contents (they carry their own state), so
    // only the outline and title take the box's opacity.
    writeln!(
        w,
        r#"<g class="node segment box-{:?} {ecls}" id="b{n}" data-key="{}" data-nodes="{}" opacity="{opacity:.2}">"#,
        b.boxed.kind,
        xml(&b.key),
        nodes_attr(&b.boxed.nodes)
    )?;
    write_title_of(w, &b.title)?;
    write_rect(
        w,
        &b.rect,
        "box",
        &Paint {
            stroke: &stroke,
            fill: &fill,
            width: look.width,
            dash: look.dash,
            rx: look.rx,
        },
    )?;
    for t in &b.lines {
        write_text(
            w,
            t,
            if b.boxed.kind == BoxKind::Unknown {
                "#b71c1c"
            } else {
                "#1b5e20"
            },
        )?;
    }
    writeln!(w, "</g>")
}

fn link_style(l: &PlacedLink) -> (String, f64, Option<&'static str>, &'static str) {
    let (color, width, dash, marker) = match l.link.kind {
        LinkKind::Terminates => ("#1565c0", 4.0, None, ""),
        LinkKind::Circuit => ("#6a1b9a", 3.0, None, ""),
        LinkKind::CloudLine => ("#0277bd", 3.0, None, ""),
        LinkKind::Uplink => ("#455a64", 4.0, None, ""),
        LinkKind::NetworkFlow => (NET_FLOW, 3.5, None, "url(#arrow-net)"),
        LinkKind::MediaFlow => (MEDIA_FLOW, 4.5, Some("16 9"), "url(#arrow-media)"),
        LinkKind::SwitchLink => ("#2e7d32", 3.0, Some("6 4"), ""),
    };
    match l.link.emphasis {
        Emphasis::Route => (
            ROUTE.into(),
            width + 3.0,
            dash,
            if marker.is_empty() {
                ""
            } else {
                "url(#arrow-route)"
            },
        ),
        Emphasis::Scope => (
            SCOPE.into(),
            width + 1.0,
            dash,
            if marker.is_empty() {
                ""
            } else {
                "url(#arrow-scope)"
            },
        ),
        _ => (color.into(), width, dash, marker),
    }
}

/// Which part of a link to write: paths go under the items (so no label of
/// a box is crossed out), link labels and flow number tags above every path.
#[derive(Clone, Copy, PartialEq)]
enum LinkPart {
    Path,
    Label,
}

fn write_link(
    w: &mut dyn Write,
    lang: Lang,
    n: usize,
    l: &PlacedLink,
    part: LinkPart,
) -> io::Result<()> {
    let (color, width, dash, marker) = link_style(l);
    let opacity = if l.link.emphasis == Emphasis::Faded {
        0.25
    } else {
        1.0
    };
    let kind = format!("{:?}", l.link.kind).to_lowercase();
    if part == LinkPart::Label && l.label.is_none() {
        return Ok(());
    }
    let (class, id) = match part {
        LinkPart::Label => (format!("link-tag {kind}-tag"), format!("t{n}")),
        _ => (format!("link {kind}"), format!("l{n}")),
    };
    writeln!(w, r#"<g class="{class}" id="{id}" opacity="{opacity:.2}">"#)?;
    if part == LinkPart::Path {
        writeln!(
            w,
            r#"<path d="{}" fill="none" stroke="{color}" stroke-width="{width:.1}"{}{}/>"#,
            l.path,
            dash.map(|d| format!(r#" stroke-dasharray="{d}""#))
                .unwrap_or_default(),
            if marker.is_empty() {
                String::new()
            } else {
                format!(r#" marker-end="{marker}""#)
            }
        )?;
    }
    if let Some((r, t)) = l.label.as_ref().filter(|_| part == LinkPart::Label) {
        writeln!(w, r#"<g class="node link-label">"#)?;
        // A flow's tag shows only its number: its tooltip says the rest,
        // whether or not the flow table had room for it.
        match &l.link.flow {
            Some(f) => write_title_of(
                w,
                &[flow_row_text(lang, f, l.link.kind == LinkKind::MediaFlow)],
            )?,
            None => write_title_of(w, &l.title)?,
        }
        write_rect(
            w,
            r,
            "box",
            &Paint {
                stroke: &color,
                fill: "#ffffff",
                width: 1.5,
                dash: None,
                rx: 4.0,
            },
        )?;
        write_text(
            w,
            t,
            if l.link.kind == LinkKind::MediaFlow {
                "#bf360c"
            } else {
                "#0d47a1"
            },
        )?;
        writeln!(w, "</g>")?;
    }
    writeln!(w, "</g>")
}

fn write_markers(w: &mut dyn Write) -> io::Result<()> {
    writeln!(w, "<defs>")?;
    for (id, color) in [
        ("arrow-net", NET_FLOW),
        ("arrow-media", MEDIA_FLOW),
        ("arrow-route", ROUTE),
        ("arrow-scope", SCOPE),
    ] {
        writeln!(
            w,
            r#"<marker id="{id}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="5" markerHeight="5" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="{color}"/></marker>"#
        )?;
    }
    writeln!(w, "</defs>")
}

/// One legend row: a sample and its explanation.
enum Sample {
    Rect(Look),
    Stack(Look),
    Double(Look),
    Path {
        color: &'static str,
        width: f64,
        dash: Option<&'static str>,
        marker: &'static str,
    },
}

fn legend_rows(d: &Diagram) -> Vec<(Sample, String)> {
    let lang = d.lang;
    let wd = |k: Word| k.get(lang).to_string();
    let look = |stroke, fill, width, dash, rx| Look {
        stroke,
        fill,
        width,
        dash,
        rx,
    };
    let mut rows = vec![
        (
            Sample::Rect(look("#90a4ae", "#eef3f9", 2.0, None, 0.0)),
            wd(Word::DiagramOutside),
        ),
        (
            Sample::Rect(look("#ffb74d", "#fff4e5", 2.0, None, 0.0)),
            wd(Word::DiagramPerimeter),
        ),
        (
            Sample::Rect(look("#81c784", "#f1f8f1", 2.0, None, 0.0)),
            wd(Word::DiagramInside),
        ),
        (
            Sample::Rect(look("#1565c0", "#e3f2fd", 3.0, None, 16.0)),
            wd(Word::DiagramLine),
        ),
        (
            Sample::Rect(look("#6a1b9a", "#f3e5f5", 3.0, None, 4.0)),
            wd(Word::DiagramVendor),
        ),
        (
            Sample::Rect(look("#0277bd", "#e1f5fe", 3.0, None, 20.0)),
            wd(Word::DiagramCloud),
        ),
        (
            Sample::Rect(look("#546e7a", "#eceff1", 3.0, None, 4.0)),
            wd(Word::DiagramParty),
        ),
        (
            Sample::Rect(look("#e65100", "#fff3e0", 4.0, None, 2.0)),
            wd(Word::DiagramPerimeterDevice),
        ),
        (
            Sample::Rect(look("#2e7d32", "#fbfefb", 3.0, None, 8.0)),
            wd(Word::DiagramSegment),
        ),
        (
            Sample::Rect(look("#37474f", "#ffffff", 2.5, None, 2.0)),
            wd(Word::DiagramDevice),
        ),
        (
            Sample::Stack(look("#78909c", "#f5f5f5", 2.0, None, 3.0)),
            wd(Word::DiagramGroup),
        ),
        (
            Sample::Rect(look("#00695c", "#d7f0ec", 2.0, None, 12.0)),
            wd(Word::DiagramSystem),
        ),
        (
            Sample::Path {
                color: "#455a64",
                width: 4.0,
                dash: None,
                marker: "",
            },
            wd(Word::DiagramConnection),
        ),
        (
            Sample::Path {
                color: NET_FLOW,
                width: 3.5,
                dash: None,
                marker: "url(#arrow-net)",
            },
            wd(Word::DiagramNetworkFlow),
        ),
        (
            Sample::Path {
                color: MEDIA_FLOW,
                width: 4.5,
                dash: Some("16 9"),
                marker: "url(#arrow-media)",
            },
            wd(Word::DiagramMediaFlow),
        ),
    ];
    let t = &d.totals;
    if t.unregistered + t.undeclared_external + t.unseen > 0 {
        rows.push((
            Sample::Rect(look(ALERT, "#ffebee", 5.0, Some("12 6"), 2.0)),
            format!(
                "⚠ {}",
                Word::DiagramLegendUnregistered.fill(lang, &[&t.unregistered])
            ),
        ));
        rows.push((
            Sample::Double(look(ALERT, "#fff0f0", 6.0, None, 2.0)),
            format!(
                "⚠ {}",
                Word::DiagramLegendUndeclared.fill(lang, &[&t.undeclared_external])
            ),
        ));
        rows.push((
            Sample::Rect(look("#9e9e9e", "#ffffff", 2.5, Some("4 4"), 2.0)),
            Word::DiagramLegendUnseen.fill(lang, &[&t.unseen]),
        ));
    }
    if d.highlighted {
        rows.push((
            Sample::Rect(look(ROUTE, "#fce4ec", 5.0, None, 2.0)),
            wd(Word::DiagramRoute),
        ));
        rows.push((
            Sample::Rect(look(SCOPE, "#fff8e1", 5.0, None, 2.0)),
            wd(Word::DiagramScope),
        ));
        rows.push((
            Sample::Rect(look("#bdbdbd", "#f5f5f5", 2.0, None, 2.0)),
            wd(Word::DiagramFaded),
        ));
    }
    rows
}

/// Writes the legend; returns where it ends.
fn write_legend(w: &mut dyn Write, d: &Diagram) -> io::Result<f64> {
    let x0 = PAGE_W - MARGIN - LEGEND_W;
    let top = MARGIN + TITLE_H;
    let mut y = top;
    let inner = LEGEND_W - 40.0;
    writeln!(w, r#"<g class="legend">"#)?;
    let rows = legend_rows(d);
    let sample_w = 110.0;
    let text_w = inner - sample_w - 20.0;
    let heights: Vec<Vec<String>> = rows
        .iter()
        .map(|(_, t)| wrap(t, F_LEGEND, text_w, 2))
        .collect();
    let total_h: f64 = 70.0
        + heights
            .iter()
            .map(|l| (l.len().max(1) as f64 * F_LEGEND * 1.3).max(44.0) + 12.0)
            .sum::<f64>()
        + 90.0;
    writeln!(w, r#"<g class="node legend-box">"#)?;
    write_rect(
        w,
        &Rect {
            x: x0,
            y,
            w: LEGEND_W,
            h: total_h,
        },
        "box",
        &Paint {
            stroke: "#616161",
            fill: "#ffffff",
            width: 2.0,
            dash: None,
            rx: 6.0,
        },
    )?;
    write_text(
        w,
        &TextLine {
            text: Word::DiagramLegend.get(d.lang).into(),
            x: x0 + 20.0,
            y: y + 46.0,
            size: 30.0,
            bold: true,
        },
        "#212121",
    )?;
    writeln!(w, "</g>")?;
    y += 70.0;
    for ((sample, _), lines) in rows.iter().zip(&heights) {
        let row_h = (lines.len().max(1) as f64 * F_LEGEND * 1.3).max(44.0);
        let s = Rect {
            x: x0 + 20.0,
            y: y + (row_h - 36.0) / 2.0,
            w: sample_w,
            h: 36.0,
        };
        match sample {
            Sample::Rect(l) => write_rect(w, &s, "sample", &l.paint())?,
            Sample::Stack(l) => {
                write_rect(w, &s.clone_shift(5.0, 5.0), "sample", &l.paint())?;
                write_rect(w, &s, "sample", &l.paint())?;
            }
            Sample::Double(l) => {
                let o = s.grown(6.0);
                write_rect(
                    w,
                    &o,
                    "sample",
                    &Paint {
                        stroke: l.stroke,
                        fill: "none",
                        width: 3.0,
                        dash: None,
                        rx: l.rx + 4.0,
                    },
                )?;
                write_rect(w, &s, "sample", &l.paint())?;
            }
            Sample::Path {
                color,
                width,
                dash,
                marker,
            } => writeln!(
                w,
                r#"<path d="M{:.1},{:.1} H{:.1}" stroke="{color}" stroke-width="{width}" fill="none"{}{}/>"#,
                s.x,
                s.y + 18.0,
                s.x + s.w - 6.0,
                dash.map(|d| format!(r#" stroke-dasharray="{d}""#))
                    .unwrap_or_default(),
                if marker.is_empty() {
                    String::new()
                } else {
                    format!(r#" marker-end="{marker}""#)
                }
            )?,
        }
        let tx = x0 + 20.0 + sample_w + 20.0;
        let box_r = Rect {
            x: tx - 4.0,
            y,
            w: text_w + 8.0,
            h: row_h,
        };
        writeln!(w, r#"<g class="node legend-entry">"#)?;
        write_rect(w, &box_r, "box", &INVISIBLE)?;
        let first = y + (row_h - lines.len() as f64 * F_LEGEND * 1.3) / 2.0;
        for (k, l) in lines.iter().enumerate() {
            let t = TextLine {
                text: l.clone(),
                x: tx,
                y: first + (k as f64 + 1.0) * F_LEGEND * 1.3 - F_LEGEND * 0.3,
                size: F_LEGEND,
                bold: false,
            };
            write_text(w, &t, "#212121")?;
        }
        writeln!(w, "</g>")?;
        y += row_h + 12.0;
    }
    // Totals, so a reader can check the counts against the ledger.
    let t = &d.totals;
    let summary = Word::DiagramTotals.fill(
        d.lang,
        &[&t.devices, &t.segments, &t.lines, &t.circuits, &t.clouds],
    );
    let lines = wrap(&summary, F_LEGEND * 0.9, inner, 3);
    let r = Rect {
        x: x0 + 16.0,
        y: y + 4.0,
        w: inner + 8.0,
        h: 80.0,
    };
    writeln!(w, r#"<g class="node legend-entry">"#)?;
    write_rect(w, &r, "box", &INVISIBLE)?;
    for (k, l) in lines.iter().take(3).enumerate() {
        let size = F_LEGEND * 0.9;
        write_text(
            w,
            &TextLine {
                text: l.clone(),
                x: x0 + 20.0,
                y: y + 4.0 + (k as f64 + 1.0) * size * 1.3 - size * 0.3,
                size,
                bold: false,
            },
            "#424242",
        )?;
    }
    writeln!(w, "</g>")?;
    writeln!(w, "</g>")?;
    Ok(top + total_h)
}

/// A flow as the table lists it: number, ends, media mark, what moves.
fn flow_row_text(lang: Lang, f: &model::FlowDetail, media: bool) -> String {
    let kind = if media {
        format!(" [{}]", Word::DiagramMedia.get(lang))
    } else {
        String::new()
    };
    let desc = if f.description.is_empty() {
        String::new()
    } else {
        format!(": {}", f.description)
    };
    format!(
        "{} {} → {}{kind}{desc}",
        model::flow_mark(f.number),
        f.from,
        f.to
    )
}

/// The flow table under the legend: what each numbered arrow carries.
fn write_flow_table(w: &mut dyn Write, d: &Diagram, top: f64) -> io::Result<()> {
    let flows: Vec<(&model::FlowDetail, bool)> = d
        .links
        .iter()
        .filter_map(|l| l.flow.as_ref().map(|f| (f, l.kind == LinkKind::MediaFlow)))
        .collect();
    if flows.is_empty() {
        return Ok(());
    }
    let x0 = PAGE_W - MARGIN - LEGEND_W;
    let inner = LEGEND_W - 40.0;
    let size = 20.0;
    let lh = size * 1.3;
    let room = PAGE_H - MARGIN - top - 70.0;
    // Every flow on as many lines as it needs (up to FLOW_ROW_LINES) when the
    // table has room for that, else fewer; when not even one line each fits,
    // a count of the rest. A cut row keeps its whole text as its tooltip.
    let texts: Vec<String> = flows
        .iter()
        .map(|(f, media)| flow_row_text(d.lang, f, *media))
        .collect();
    let needs: Vec<usize> = texts
        .iter()
        .map(|t| wrap(t, size, inner, FLOW_ROW_LINES).len().max(1))
        .collect();
    let height_at = |m: usize| {
        needs
            .iter()
            .map(|n| (*n).min(m) as f64 * lh + 6.0)
            .sum::<f64>()
    };
    let (max_lines, shown) = match (2..=FLOW_ROW_LINES).rev().find(|m| height_at(*m) <= room) {
        Some(m) => (m, flows.len()),
        None => {
            let fit_rows = ((room - lh) / (lh + 6.0)).floor().max(0.0) as usize;
            let shown = if flows.len() <= fit_rows {
                flows.len()
            } else {
                fit_rows.saturating_sub(1)
            };
            (1, shown)
        }
    };
    let rows: Vec<(Vec<String>, bool, &str)> = flows[..shown]
        .iter()
        .zip(&texts)
        .map(|((_, media), text)| {
            let (lines, cut) = wrap_checked(text, size, inner, max_lines);
            (lines, *media, if cut { text.as_str() } else { "" })
        })
        .collect();
    let total_h = 70.0
        + rows
            .iter()
            .map(|(l, _, _)| l.len() as f64 * lh + 6.0)
            .sum::<f64>()
        + if shown < flows.len() { lh + 6.0 } else { 0.0 }
        + 10.0;
    writeln!(w, r#"<g class="legend flow-table">"#)?;
    writeln!(w, r#"<g class="node legend-box">"#)?;
    let frame = Paint {
        stroke: "#616161",
        fill: "#ffffff",
        width: 2.0,
        dash: None,
        rx: 6.0,
    };
    write_rect(
        w,
        &Rect {
            x: x0,
            y: top,
            w: LEGEND_W,
            h: total_h,
        },
        "box",
        &frame,
    )?;
    write_text(
        w,
        &TextLine {
            text: Word::DiagramFlows.get(d.lang).into(),
            x: x0 + 20.0,
            y: top + 46.0,
            size: 30.0,
            bold: true,
        },
        "#212121",
    )?;
    writeln!(w, "</g>")?;
    let none = Paint {
        stroke: "none",
        fill: "none",
        width: 0.0,
        dash: None,
        rx: 0.0,
    };
    let mut y = top + 64.0;
    for (lines, media, whole) in &rows {
        let h = lines.len() as f64 * lh;
        writeln!(w, r#"<g class="node legend-entry">"#)?;
        if !whole.is_empty() {
            write_title_of(w, &[whole])?;
        }
        write_rect(
            w,
            &Rect {
                x: x0 + 16.0,
                y,
                w: inner + 8.0,
                h: h + 4.0,
            },
            "box",
            &none,
        )?;
        for (k, l) in lines.iter().enumerate() {
            let t = TextLine {
                text: l.clone(),
                x: x0 + 20.0,
                y: y + (k as f64 + 1.0) * lh - size * 0.3,
                size,
                bold: false,
            };
            write_text(w, &t, if *media { "#bf360c" } else { "#0d47a1" })?;
        }
        writeln!(w, "</g>")?;
        y += h + 6.0;
    }
    if shown < flows.len() {
        let rest = flows.len() - shown;
        let text = Word::DiagramFlowsMore.fill(d.lang, &[&rest]);
        writeln!(w, r#"<g class="node legend-entry">"#)?;
        write_rect(
            w,
            &Rect {
                x: x0 + 16.0,
                y,
                w: inner + 8.0,
                h: lh + 4.0,
            },
            "box",
            &none,
        )?;
        write_text(
            w,
            &TextLine {
                text: truncate(&text, size, inner),
                x: x0 + 20.0,
                y: y + lh - size * 0.3,
                size,
                bold: false,
            },
            "#424242",
        )?;
        writeln!(w, "</g>")?;
    }
    writeln!(w, "</g>")
}

/// What the page is: the network diagram, or the impact view of one
/// starting point (影響範囲図（起点: …）).
fn diagram_kind(d: &Diagram) -> String {
    match &d.origin {
        Some(o) => Word::DiagramImpactTitle.fill(d.lang, &[o]),
        None => Word::DiagramTitle.get(d.lang).to_string(),
    }
}

fn write_title(w: &mut dyn Write, d: &Diagram, today: chrono::NaiveDate) -> io::Result<()> {
    let title_w = PAGE_W - 2.0 * MARGIN - 900.0;
    let name = if d.title.is_empty() {
        diagram_kind(d)
    } else {
        format!("{}　{}", d.title, diagram_kind(d))
    };
    let size = 56.0;
    let text = truncate(&name, size, title_w);
    let mut date = match d.updated {
        Some(u) => format!(
            "{}: {}",
            Word::DiagramUpdated.get(d.lang),
            u.format("%Y-%m-%d")
        ),
        None => format!(
            "{}: {}",
            Word::DiagramCreated.get(d.lang),
            today.format("%Y-%m-%d")
        ),
    };
    // The marks are as of the latest scan: its day beside the records'.
    if let Some(s) = d.scanned {
        let gap = match d.lang {
            Lang::Ja => "　",
            Lang::En => " · ",
        };
        date.push_str(&format!(
            "{gap}{}: {}",
            Word::DiagramScanned.get(d.lang),
            s.format("%Y-%m-%d")
        ));
    }
    writeln!(w, r#"<g class="node title">"#)?;
    write_rect(
        w,
        &Rect {
            x: MARGIN,
            y: MARGIN,
            w: PAGE_W - 2.0 * MARGIN,
            h: TITLE_H - 30.0,
        },
        "box",
        &INVISIBLE,
    )?;
    write_text(
        w,
        &TextLine {
            text,
            x: MARGIN + 10.0,
            y: MARGIN + 70.0,
            size,
            bold: true,
        },
        "#212121",
    )?;
    let dsize = 30.0;
    let dx = PAGE_W - MARGIN - 10.0 - text_width(&date, dsize);
    // With an author the dates move up and the author goes under them.
    let date_y = if d.author.is_some() { 55.0 } else { 70.0 };
    write_text(
        w,
        &TextLine {
            text: date,
            x: dx,
            y: MARGIN + date_y,
            size: dsize,
            bold: false,
        },
        "#424242",
    )?;
    if let Some(a) = &d.author {
        let asize = 26.0;
        let by = truncate(
            &format!("{}: {a}", Word::DiagramAuthor.get(d.lang)),
            asize,
            880.0,
        );
        let ax = PAGE_W - MARGIN - 10.0 - text_width(&by, asize);
        write_text(
            w,
            &TextLine {
                text: by,
                x: ax,
                y: MARGIN + 100.0,
                size: asize,
                bold: false,
            },
            "#424242",
        )?;
    }
    writeln!(w, "</g>")?;
    writeln!(
        w,
        r##"<path d="M{MARGIN},{:.1} H{:.1}" stroke="#424242" stroke-width="3"/>"##,
        MARGIN + TITLE_H - 30.0,
        PAGE_W - MARGIN
    )
}

/// Writes an already laid-out diagram (exposed for tests and the impact view).
pub fn write_layout(
    w: &mut dyn Write,
    d: &Diagram,
    lay: &Layout,
    today: chrono::NaiveDate,
) -> io::Result<()> {
    writeln!(w, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
    writeln!(
        w,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="420mm" height="297mm" viewBox="0 0 {PAGE_W} {PAGE_H}" font-family="{FONT_FAMILY}">"#
    )?;
    writeln!(
        w,
        "<title>{} {}</title>",
        xml(&d.title),
        xml(&diagram_kind(d))
    )?;
    write_markers(w)?;
    writeln!(
        w,
        r##"<rect x="0" y="0" width="{PAGE_W}" height="{PAGE_H}" fill="#ffffff"/>"##
    )?;
    write_title(w, d, today)?;

    let (aw, _) = layout::content_area();
    let scale = layout::page_scale(lay);
    let tx = MARGIN + (aw - lay.width * scale) / 2.0;
    let ty = MARGIN + TITLE_H;
    writeln!(
        w,
        r#"<g class="content" transform="translate({tx:.1},{ty:.1}) scale({scale:.4})">"#
    )?;
    for z in &lay.zones {
        let (stroke, fill) = match z.kind {
            ZoneKind::Outside => ("#90a4ae", "#eef3f9"),
            ZoneKind::Perimeter => ("#ffb74d", "#fff4e5"),
            ZoneKind::Inside => ("#81c784", "#f1f8f1"),
        };
        writeln!(w, r#"<g class="node zone zone-{}">"#, z.kind.key())?;
        write_rect(
            w,
            &z.rect,
            "box",
            &Paint {
                stroke,
                fill,
                width: 3.0,
                dash: None,
                rx: 14.0,
            },
        )?;
        write_text(w, &z.title, "#37474f")?;
        writeln!(w, "</g>")?;
    }
    for (n, b) in lay.boxes.iter().enumerate() {
        write_box(w, n, b)?;
    }
    let (flows, structure): (Vec<_>, Vec<_>) = lay
        .links
        .iter()
        .partition(|l| matches!(l.link.kind, LinkKind::NetworkFlow | LinkKind::MediaFlow));
    for (n, l) in structure.iter().enumerate() {
        write_link(w, d.lang, n, l, LinkPart::Path)?;
    }
    for (n, l) in flows.iter().enumerate() {
        write_link(w, d.lang, structure.len() + n, l, LinkPart::Path)?;
    }
    // Labels of connections after every path, so no later line crosses one out.
    for (n, l) in structure.iter().enumerate() {
        write_link(w, d.lang, n, l, LinkPart::Label)?;
    }
    for (n, i) in lay.items.iter().enumerate() {
        write_item(w, n, i)?;
    }
    for (n, l) in flows.iter().enumerate() {
        write_link(w, d.lang, structure.len() + n, l, LinkPart::Label)?;
    }
    writeln!(w, "</g>")?;
    let legend_end = write_legend(w, d)?;
    write_flow_table(w, d, legend_end + 30.0)?;
    writeln!(w, "</svg>")
}
