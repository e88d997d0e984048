//! Coordinates for the diagram model.
//!
//! layout-rs never sees a large graph: its crossing optimiser grows about as
//! n^2.7 (0.58 s at 200 nodes, 41 s at 1,000). So the work is split:
//!
//! 1. Each segment box lays out its own contents on a fixed-width grid we
//!    compute (systems as chips, individual devices two per row, counted
//!    groups as chips), which gives the box its height.
//! 2. The top level — outside items, perimeter devices, DMZ and inside
//!    segment boxes — is at most a few hundred nodes (40 segments and 20
//!    external connections is ~100). layout-rs lays that graph out through
//!    our own `RenderBackend` ([`PositionRecorder`]), and we keep only the
//!    left-to-right order it found in each zone: its crossing reduction is
//!    what we want from it. The optimiser is switched off above
//!    [`OPTIMISER_LIMIT`] nodes so the time stays bounded. That order is
//!    then improved on our own placement (barycentre sorts and neighbour
//!    exchanges of each band, kept when a sketch of the routed links
//!    crosses less; see `improve_order`), since layout-rs's ranks and rows
//!    are not ours.
//! 3. We place the zones as horizontal bands (outside on top, then the
//!    perimeter, then inside), wrapping each band into rows. layout-rs's own
//!    coordinates are not used for placement because its ranks do not follow
//!    our zones and it cannot wrap a rank: 40 segments would become one row
//!    forty boxes wide, unreadable once shrunk to A3. The number of segment
//!    columns is chosen to make the content's shape closest to the page's.

use std::collections::HashMap;

use layout::core::base::Orientation;
use layout::core::format::{ClipHandle, RenderBackend};
use layout::core::geometry::Point;
use layout::core::style::StyleAttr;
use layout::std_shapes::shapes::{Arrow, Element, ShapeKind};
use layout::topo::layout::VisualGraph;

use super::model::{BoxKind, Diagram, Emphasis, Item, ItemKind, Link, LinkKind, SegmentBox};
use super::route::{self, End, Pt, Request, Scene};
use super::text::{shows_whole, text_width, truncate, wrap_checked};
use crate::site::Lang;
use crate::text::Word;

/// Page width in user units (0.1 mm: landscape A3 is 420 × 297 mm).
pub const PAGE_W: f64 = 4200.0;
/// Page height in user units.
pub const PAGE_H: f64 = 2970.0;
/// Page margin.
pub const MARGIN: f64 = 60.0;
/// Height reserved for the title.
pub const TITLE_H: f64 = 150.0;
/// Width reserved for the legend on the right.
pub const LEGEND_W: f64 = 720.0;
/// Above this many top-level nodes layout-rs runs without its crossing optimiser.
pub const OPTIMISER_LIMIT: usize = 150;

/// Above this many top-level nodes layout-rs is not used at all.
pub const LAYOUT_RS_MAX_NODES: usize = 800;

/// Font size of item names.
pub const F_NAME: f64 = 24.0;
/// Font size of secondary lines.
pub const F_DETAIL: f64 = 19.0;
/// Font size of segment titles.
pub const F_SEGMENT: f64 = 28.0;
/// Font size of zone titles.
pub const F_ZONE: f64 = 32.0;
/// Line height as a multiple of the font size.
pub const LINE_H: f64 = 1.3;

const PAD: f64 = 12.0;
const GAP: f64 = 60.0;
const SMALL_GAP: f64 = 12.0;
const ITEM_MIN_W: f64 = 200.0;
const ITEM_MAX_W: f64 = 460.0;
const SEG_W: f64 = 560.0;
const ZONE_PAD: f64 = 30.0;
const ZONE_TITLE_H: f64 = 56.0;
const MAX_DETAILS: usize = 5;
/// Lines a name may wrap to before it is cut (the whole name then goes in
/// the element's `<title>`): free-standing items, items in a box, chips,
/// segment titles.
const FREE_NAME_LINES: usize = 4;
const BOX_NAME_LINES: usize = 3;
const CHIP_NAME_LINES: usize = 2;
const SEGMENT_NAME_LINES: usize = 3;
/// Lines each secondary line (detail) may wrap to.
const DETAIL_LINES: usize = 2;
const FLOW_LABEL_MAX: f64 = 320.0;

/// An axis-aligned rectangle.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Rect {
    /// Left.
    pub x: f64,
    /// Top.
    pub y: f64,
    /// Width.
    pub w: f64,
    /// Height.
    pub h: f64,
}

impl Rect {
    fn shift(self, dx: f64, dy: f64) -> Rect {
        Rect {
            x: self.x + dx,
            y: self.y + dy,
            ..self
        }
    }
    /// Centre point.
    pub fn center(&self) -> (f64, f64) {
        (self.x + self.w / 2.0, self.y + self.h / 2.0)
    }
    /// Bottom edge.
    pub fn bottom(&self) -> f64 {
        self.y + self.h
    }
}

/// One line of text, left-aligned at `x` with its baseline at `y`.
#[derive(Debug, Clone, PartialEq)]
pub struct TextLine {
    /// The text (already cleaned, wrapped and truncated to fit).
    pub text: String,
    /// Left edge.
    pub x: f64,
    /// Baseline.
    pub y: f64,
    /// Font size.
    pub size: f64,
    /// Bold.
    pub bold: bool,
}

/// An item with its box and label lines, in page-content coordinates.
#[derive(Debug, Clone)]
pub struct PlacedItem {
    /// The model item.
    pub item: Item,
    /// Its box.
    pub rect: Rect,
    /// Its label lines (all inside `rect`).
    pub lines: Vec<TextLine>,
    /// True when drawn in the perimeter zone.
    pub perimeter: bool,
    /// Index into [`Layout::boxes`] of the box holding it, if any.
    pub in_box: Option<usize>,
    /// The whole label (name, then each detail) when `lines` had to cut
    /// any of it; empty when everything is shown. Written as the element's
    /// `<title>`, so the full name stays in the file.
    pub title: Vec<String>,
}

/// A segment (or pseudo-segment) box.
#[derive(Debug, Clone)]
pub struct PlacedBox {
    /// Key.
    pub key: String,
    /// The model box (contents are placed separately as items).
    pub boxed: SegmentBox,
    /// Its outline.
    pub rect: Rect,
    /// Title and subtitle lines.
    pub lines: Vec<TextLine>,
    /// The whole title and subtitles when `lines` had to cut any of them
    /// (see [`PlacedItem::title`]).
    pub title: Vec<String>,
}

/// A connection with its path.
#[derive(Debug, Clone)]
pub struct PlacedLink {
    /// The model link.
    pub link: Link,
    /// SVG path data.
    pub path: String,
    /// Label box and its text, if the link has a label.
    pub label: Option<(Rect, TextLine)>,
    /// The whole label when its one line had to cut it (else empty).
    pub title: Vec<String>,
    /// The path's corner points (orthogonal: each piece horizontal or
    /// vertical), from a point on the source's box to one on the target's.
    pub points: Vec<(f64, f64)>,
}

/// The three zones of the manual's appendix 1, top to bottom.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ZoneKind {
    /// Outside the hospital: lines, vendors, clouds, parties.
    Outside,
    /// The perimeter: external-facing devices and DMZ segments.
    Perimeter,
    /// Inside the hospital: the segment boxes.
    Inside,
}

impl ZoneKind {
    /// Every zone, top to bottom.
    pub const ALL: [ZoneKind; 3] = [ZoneKind::Outside, ZoneKind::Perimeter, ZoneKind::Inside];

    /// Its name in SVG classes and DOT cluster ids.
    pub fn key(self) -> &'static str {
        match self {
            ZoneKind::Outside => "outside",
            ZoneKind::Perimeter => "perimeter",
            ZoneKind::Inside => "inside",
        }
    }

    /// Its title for people.
    pub fn title(self) -> Word {
        match self {
            ZoneKind::Outside => Word::DiagramOutside,
            ZoneKind::Perimeter => Word::DiagramPerimeter,
            ZoneKind::Inside => Word::DiagramInside,
        }
    }
}

/// A zone band.
#[derive(Debug, Clone)]
pub struct Zone {
    /// Which zone.
    pub kind: ZoneKind,
    /// Band outline.
    pub rect: Rect,
    /// Title line (inside `rect`).
    pub title: TextLine,
}

/// The laid-out diagram in content coordinates (origin top-left, unscaled).
#[derive(Debug, Clone)]
pub struct Layout {
    /// Content width.
    pub width: f64,
    /// Content height.
    pub height: f64,
    /// Zone bands, drawn first.
    pub zones: Vec<Zone>,
    /// Segment boxes.
    pub boxes: Vec<PlacedBox>,
    /// Items (outside, perimeter, and the contents of boxes).
    pub items: Vec<PlacedItem>,
    /// Links.
    pub links: Vec<PlacedLink>,
}

fn line_h(size: f64) -> f64 {
    size * LINE_H
}

/// An item's label lines relative to its box's top-left, the box height they
/// need, and whether any text had to be cut.
struct Label {
    lines: Vec<TextLine>,
    h: f64,
    cut: bool,
}

/// Label lines of an item laid out for a given inner width: the name on up
/// to `name_lines` lines, each detail on up to [`DETAIL_LINES`].
fn item_lines(item: &Item, inner_w: f64, inset: f64, name_lines: usize) -> Label {
    let mut lines = Vec::new();
    let mut y = inset;
    let (name, mut cut) = wrap_checked(&item.name, F_NAME, inner_w, name_lines);
    for l in name {
        y += line_h(F_NAME);
        lines.push(TextLine {
            text: l,
            x: inset,
            y: y - F_NAME * 0.3,
            size: F_NAME,
            bold: true,
        });
    }
    let mut details: Vec<String> = item.details.iter().take(MAX_DETAILS).cloned().collect();
    if item.details.len() > MAX_DETAILS {
        details[MAX_DETAILS - 1] = format!("+{}", item.details.len() - MAX_DETAILS + 1);
        cut = true;
    }
    for d in details {
        let (wrapped, c) = wrap_checked(&d, F_DETAIL, inner_w, DETAIL_LINES);
        cut |= c;
        for l in wrapped {
            y += line_h(F_DETAIL);
            lines.push(TextLine {
                text: l,
                x: inset,
                y: y - F_DETAIL * 0.3,
                size: F_DETAIL,
                bold: false,
            });
        }
    }
    Label {
        lines,
        h: y + inset,
        cut,
    }
}

/// What an item's `<title>` holds when its label was cut: the name, then
/// every detail, whole.
fn full_label(name: &str, details: &[String]) -> Vec<String> {
    std::iter::once(name)
        .chain(details.iter().map(String::as_str))
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect()
}

fn inset_of(item: &Item) -> f64 {
    match item.kind {
        // Clouds and lines are drawn with round ends: keep text off the curve.
        ItemKind::Cloud => PAD + 14.0,
        ItemKind::Line => PAD + 8.0,
        _ => PAD,
    }
}

/// Sizes a free-standing item (outside or perimeter): as wide as its text, within limits.
fn size_free(item: &Item) -> (f64, Label) {
    let inset = inset_of(item);
    let natural = item
        .details
        .iter()
        .take(MAX_DETAILS)
        .map(|d| text_width(d, F_DETAIL))
        .fold(text_width(&item.name, F_NAME), f64::max);
    let w = (natural + 2.0 * inset).clamp(ITEM_MIN_W, ITEM_MAX_W);
    (w, item_lines(item, w - 2.0 * inset, inset, FREE_NAME_LINES))
}

/// Sizes an item of fixed width (inside a segment box).
fn size_fixed(item: &Item, w: f64) -> Label {
    item_lines(item, w - 2.0 * PAD, PAD, BOX_NAME_LINES)
}

/// A chip (system or group) as wide as its text, at most `max_w`.
fn size_chip(item: &Item, max_w: f64) -> (f64, Label) {
    let inset = 8.0;
    let mut texts: Vec<(&str, f64, bool, usize)> =
        vec![(&item.name, F_DETAIL, true, CHIP_NAME_LINES)];
    texts.extend(
        item.details
            .iter()
            .take(MAX_DETAILS)
            .map(|d| (d.as_str(), F_DETAIL * 0.9, false, DETAIL_LINES)),
    );
    let natural = texts
        .iter()
        .map(|(t, s, _, _)| text_width(t, *s))
        .fold(0.0, f64::max);
    let w = (natural + 2.0 * inset).min(max_w);
    let mut y = inset * 0.6;
    let mut lines = Vec::new();
    let mut cut = item.details.len() > MAX_DETAILS;
    for (t, s, bold, max_lines) in texts {
        let (wrapped, c) = wrap_checked(t, s, w - 2.0 * inset, max_lines);
        cut |= c;
        for text in wrapped {
            y += line_h(s);
            lines.push(TextLine {
                text,
                x: inset,
                y: y - s * 0.3,
                size: s,
                bold,
            });
        }
    }
    let h = y + inset * 0.6;
    (w, Label { lines, h, cut })
}

/// An item inside a segment box, placed relative to the box.
struct BoxedItem {
    item: Item,
    rect: Rect,
    lines: Vec<TextLine>,
    cut: bool,
}

struct BoxContents {
    h: f64,
    lines: Vec<TextLine>,
    /// True when the box's own title or subtitles had to be cut.
    cut: bool,
    items: Vec<BoxedItem>,
}

/// Lays out a segment box's contents on its own grid (relative coordinates).
fn layout_box(b: &SegmentBox) -> BoxContents {
    let inner = SEG_W - 2.0 * PAD;
    let mut lines = Vec::new();
    let mut y = PAD;
    let mut texts = vec![(b.name.as_str(), F_SEGMENT, true, SEGMENT_NAME_LINES)];
    texts.extend(
        b.details
            .iter()
            .map(|d| (d.as_str(), F_DETAIL, false, DETAIL_LINES)),
    );
    let mut cut = false;
    for (t, size, bold, max_lines) in texts {
        let (wrapped, c) = wrap_checked(t, size, inner, max_lines);
        cut |= c;
        for text in wrapped {
            y += line_h(size);
            lines.push(TextLine {
                text,
                x: PAD,
                y: y - size * 0.3,
                size,
                bold,
            });
        }
    }
    y += SMALL_GAP;
    let mut items = Vec::new();

    let flow = |chips: &[Item], y: &mut f64, items: &mut Vec<BoxedItem>| {
        if chips.is_empty() {
            return;
        }
        let mut x = PAD;
        let mut row_h: f64 = 0.0;
        for c in chips {
            let (w, label) = size_chip(c, inner);
            let h = label.h;
            if x > PAD && x + w > PAD + inner {
                x = PAD;
                *y += row_h + SMALL_GAP / 2.0;
                row_h = 0.0;
            }
            items.push(BoxedItem {
                item: c.clone(),
                rect: Rect { x, y: *y, w, h },
                lines: label.lines,
                cut: label.cut,
            });
            x += w + SMALL_GAP / 2.0;
            row_h = row_h.max(h);
        }
        *y += row_h + SMALL_GAP;
    };
    let grid = |cells: &[Item], cols: usize, y: &mut f64, items: &mut Vec<BoxedItem>| {
        let cw = (inner - SMALL_GAP * (cols as f64 - 1.0)) / cols as f64;
        for row in cells.chunks(cols) {
            let mut row_h: f64 = 0.0;
            for (k, c) in row.iter().enumerate() {
                let label = size_fixed(c, cw);
                let x = PAD + k as f64 * (cw + SMALL_GAP);
                row_h = row_h.max(label.h);
                items.push(BoxedItem {
                    item: c.clone(),
                    rect: Rect {
                        x,
                        y: *y,
                        w: cw,
                        h: label.h,
                    },
                    lines: label.lines,
                    cut: label.cut,
                });
            }
            // Equal heights within a row look tidier on paper.
            let n = items.len();
            for it in &mut items[n - row.len()..] {
                it.rect.h = row_h;
            }
            *y += row_h + SMALL_GAP / 2.0;
        }
        if !cells.is_empty() {
            *y += SMALL_GAP / 2.0;
        }
    };
    flow(&b.systems, &mut y, &mut items);
    grid(&b.devices, 2, &mut y, &mut items);
    flow(&b.groups, &mut y, &mut items);
    // Unregistered hosts get the full width: their address must never be cut.
    grid(&b.unregistered, 1, &mut y, &mut items);
    BoxContents {
        h: y.max(PAD * 2.0 + line_h(F_SEGMENT)) + PAD / 2.0,
        lines,
        cut,
        items,
    }
}

/// Records where layout-rs put each keyed element; everything else it draws is ignored.
#[derive(Default)]
pub struct PositionRecorder {
    /// Key → centre x.
    pub x: HashMap<String, f64>,
}

impl RenderBackend for PositionRecorder {
    fn draw_rect(
        &mut self,
        xy: Point,
        size: Point,
        _look: &StyleAttr,
        properties: Option<String>,
        _clip: Option<ClipHandle>,
    ) {
        if let Some(k) = properties {
            self.x.insert(k, xy.x + size.x / 2.0);
        }
    }
    fn draw_line(&mut self, _: Point, _: Point, _: &StyleAttr, _: Option<String>) {}
    fn draw_circle(&mut self, _: Point, _: Point, _: &StyleAttr, _: Option<String>) {}
    fn draw_text(&mut self, _: Point, _: &str, _: &StyleAttr) {}
    fn draw_arrow(
        &mut self,
        _: &[(Point, Point)],
        _: bool,
        _: (bool, bool),
        _: &StyleAttr,
        _: Option<String>,
        _: &str,
    ) {
    }
    fn create_clip(&mut self, _: Point, _: Point, _: usize) -> ClipHandle {
        0
    }
}

/// Left-to-right order of the top-level nodes as layout-rs's layered layout puts them.
fn order_with_layout_rs(
    nodes: &[(String, f64, f64)],
    edges: &[(String, String)],
) -> HashMap<String, f64> {
    // Beyond this even the unoptimised layout takes seconds (3,000 nodes:
    // 4.3 s); the caller then keeps the records' own order.
    if nodes.is_empty() || nodes.len() > LAYOUT_RS_MAX_NODES {
        return HashMap::new();
    }
    let mut vg = VisualGraph::new(Orientation::TopToBottom);
    let mut handle = HashMap::new();
    for (k, w, h) in nodes {
        let e = Element::create_with_properties(
            ShapeKind::Box(String::new()),
            StyleAttr::simple(),
            Orientation::TopToBottom,
            Point::new(w / 4.0, h / 4.0),
            k.clone(),
        );
        handle.insert(k.clone(), vg.add_node(e));
    }
    let mut seen = std::collections::HashSet::new();
    for (a, b) in edges {
        if a == b || !seen.insert((a.clone(), b.clone())) {
            continue;
        }
        if let (Some(x), Some(y)) = (handle.get(a), handle.get(b)) {
            vg.add_edge(Arrow::simple(""), *x, *y);
        }
    }
    let mut rec = PositionRecorder::default();
    vg.do_it(false, nodes.len() > OPTIMISER_LIMIT, false, &mut rec);
    rec.x
}

/// Left-to-right positions layout-rs gave the top-level nodes (items outside
/// boxes, and boxes), by key.
#[derive(Debug, Clone, Default)]
pub struct TopOrder {
    /// Key → centre x in layout-rs's drawing.
    pub x: HashMap<String, f64>,
}

/// Runs layout-rs once over the top-level graph of `d`: outside items,
/// perimeter items and segment boxes, with the links between them (links
/// to things inside a box count as links to the box).
pub fn top_order(d: &Diagram) -> TopOrder {
    let mut top_of: HashMap<&str, &str> = HashMap::new();
    let mut nodes = Vec::new();
    for i in d.outside.iter().chain(&d.perimeter) {
        top_of.insert(&i.key, &i.key);
        let (w, label) = size_free(i);
        nodes.push((i.key.clone(), w, label.h));
    }
    for b in d.dmz.iter().chain(&d.inside) {
        top_of.insert(&b.key, &b.key);
        for it in box_contents(b) {
            top_of.insert(&it.key, &b.key);
        }
        nodes.push((b.key.clone(), SEG_W, SEG_W / 2.0));
    }
    let edges: Vec<(String, String)> = d
        .links
        .iter()
        .filter_map(|l| {
            Some((
                top_of.get(l.from.as_str())?.to_string(),
                top_of.get(l.to.as_str())?.to_string(),
            ))
        })
        .collect();
    TopOrder {
        x: order_with_layout_rs(&nodes, &edges),
    }
}

/// The scale at which `lay` fits the page's content area (never above 1.6:
/// a tiny site should not print in poster lettering).
pub fn page_scale(lay: &Layout) -> f64 {
    let (aw, ah) = content_area();
    (aw / lay.width.max(1.0))
        .min(ah / lay.height.max(1.0))
        .min(1.6)
}

/// Places `sizes` left to right in rows no wider than `max_w`; returns each
/// one's offset and the rows' total width and height.
fn wrap_rows(sizes: &[(f64, f64)], max_w: f64, gap: f64) -> (Vec<(f64, f64)>, f64, f64) {
    let mut rows: Vec<Vec<usize>> = vec![Vec::new()];
    let mut x = 0.0;
    for (i, (w, _)) in sizes.iter().enumerate() {
        if x > 0.0 && x + w > max_w {
            rows.push(Vec::new());
            x = 0.0;
        }
        if let Some(r) = rows.last_mut() {
            r.push(i);
        }
        x += w + gap;
    }
    let mut pos = vec![(0.0, 0.0); sizes.len()];
    let mut y = 0.0;
    let mut width: f64 = 0.0;
    for r in rows.iter().filter(|r| !r.is_empty()) {
        let row_w = r.iter().map(|i| sizes[*i].0).sum::<f64>() + gap * (r.len() as f64 - 1.0);
        width = width.max(row_w);
        let row_h = r.iter().map(|i| sizes[*i].1).fold(0.0, f64::max);
        let mut x = 0.0;
        for i in r {
            pos[*i] = (x, y);
            x += sizes[*i].0 + gap;
        }
        y += row_h + gap;
    }
    (pos, width, (y - gap).max(0.0))
}

/// Centres rows produced by [`wrap_rows`] within `total_w`.
fn center_rows(pos: &mut [(f64, f64)], sizes: &[(f64, f64)], total_w: f64, gap: f64) {
    let mut by_row: HashMap<u64, Vec<usize>> = HashMap::new();
    for (i, p) in pos.iter().enumerate() {
        by_row.entry(p.1.to_bits()).or_default().push(i);
    }
    for (_, r) in by_row {
        let row_w = r.iter().map(|i| sizes[*i].0).sum::<f64>() + gap * (r.len() as f64 - 1.0);
        let dx = (total_w - row_w) / 2.0;
        for i in r {
            pos[i].0 += dx;
        }
    }
}

/// Lays out the diagram for a content area of `area_w` × `area_h` user units.
///
/// Five steps: measure every item and box ([`measure`]), order each band
/// as layout-rs found ([`Bands::new`]), choose the number of segment columns
/// ([`choose_shape`]) and improve the order (`improve_order`), place the
/// bands ([`Placer`]) and route the links ([`route_links`]).
pub fn layout(d: &Diagram, order: &TopOrder, area_w: f64, area_h: f64) -> Layout {
    let mut out = place(d, order, area_w, area_h);
    route_links(d, &mut out);
    out
}

/// The first four steps of [`layout`]: everything placed, no link routed
/// yet (enough to know the page scale).
pub fn place(d: &Diagram, order: &TopOrder, area_w: f64, area_h: f64) -> Layout {
    let m = measure(d);
    let mut bands = Bands::new(d, &m, order);
    let shape = choose_shape(&bands, area_w, area_h);
    improve_order(
        &m,
        &TopGraph::new(d, &m),
        &mut bands,
        &shape,
        (area_w, area_h),
    );
    let mut placer = Placer::new(d.lang, &shape);
    let s = spots(&bands, &shape);
    placer.bands(&m, &bands, &s);
    placer.finish()
}

/// A free-standing item (outside or perimeter) measured: its size and its
/// label lines relative to its top-left corner.
struct Measured {
    item: Item,
    w: f64,
    lines: Vec<TextLine>,
    h: f64,
    cut: bool,
}

/// A segment box measured: the box and its contents on its own grid.
struct MeasuredBox {
    boxed: SegmentBox,
    contents: BoxContents,
}

/// Step 1: every top-level thing measured, zone by zone.
struct Measures {
    outside: Vec<Measured>,
    perimeter: Vec<Measured>,
    dmz: Vec<MeasuredBox>,
    inside: Vec<MeasuredBox>,
}

fn measure(d: &Diagram) -> Measures {
    let free = |i: &Item| {
        let (w, label) = size_free(i);
        Measured {
            item: i.clone(),
            w,
            lines: label.lines,
            h: label.h,
            cut: label.cut,
        }
    };
    let boxed = |b: &SegmentBox| MeasuredBox {
        boxed: b.clone(),
        contents: layout_box(b),
    };
    Measures {
        outside: d.outside.iter().map(free).collect(),
        perimeter: d.perimeter.iter().map(free).collect(),
        dmz: d.dmz.iter().map(boxed).collect(),
        inside: d.inside.iter().map(boxed).collect(),
    }
}

/// A member of the perimeter band, which mixes devices and DMZ boxes
/// (devices sort first among equals, as they are listed first).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum PerimeterMember {
    /// Index into [`Measures::perimeter`].
    Item(usize),
    /// Index into [`Measures::dmz`].
    Dmz(usize),
}

/// Step 2: the members of each band in drawing order, with their sizes.
#[derive(Debug, Clone)]
struct Bands {
    /// Outside services (vendors using a line, clouds, parties): indices into `outside`.
    services: Vec<usize>,
    /// Outside lines and vendors with their own line: indices into `outside`.
    lines: Vec<usize>,
    perimeter: Vec<PerimeterMember>,
    /// Indices into `inside`; segments first, pseudo boxes last.
    inside: Vec<usize>,
    service_sizes: Vec<(f64, f64)>,
    line_sizes: Vec<(f64, f64)>,
    per_sizes: Vec<(f64, f64)>,
    in_sizes: Vec<(f64, f64)>,
}

impl Bands {
    /// Orders each band left to right as layout-rs put its members (computed
    /// once, see [`top_order`]); ties keep the model's order.
    fn new(d: &Diagram, m: &Measures, order: &TopOrder) -> Bands {
        let x_of = |k: &str| order.x.get(k).copied().unwrap_or(0.0);
        fn sort_by_x<T: Ord + Copy>(v: &mut [T], x: impl Fn(T) -> f64) {
            v.sort_by(|a, b| x(*a).total_cmp(&x(*b)).then(a.cmp(b)));
        }
        // Outside: services (vendors, clouds, parties) above the lines they use.
        // A vendor that brought its own line is a way in of its own: it stands in
        // the lines row, so its link goes straight down to the device it reaches.
        let uses_a_line = |key: &str| {
            d.links
                .iter()
                .any(|l| l.from == key && l.kind == LinkKind::Circuit && l.to.starts_with("line:"))
        };
        let in_lines_row = |i: &Item| {
            i.kind == ItemKind::Line || (i.kind == ItemKind::Vendor && !uses_a_line(&i.key))
        };
        let (mut lines, mut services): (Vec<usize>, Vec<usize>) =
            (0..m.outside.len()).partition(|i| in_lines_row(&m.outside[*i].item));
        sort_by_x(&mut services, |i| x_of(&m.outside[i].item.key));
        sort_by_x(&mut lines, |i| x_of(&m.outside[i].item.key));
        let mut perimeter: Vec<PerimeterMember> = (0..m.perimeter.len())
            .map(PerimeterMember::Item)
            .chain((0..m.dmz.len()).map(PerimeterMember::Dmz))
            .collect();
        sort_by_x(&mut perimeter, |p| match p {
            PerimeterMember::Item(i) => x_of(&m.perimeter[i].item.key),
            PerimeterMember::Dmz(i) => x_of(&m.dmz[i].boxed.key),
        });
        let mut inside: Vec<usize> = (0..m.inside.len()).collect();
        sort_by_x(&mut inside, |i| x_of(&m.inside[i].boxed.key));
        // Pseudo boxes (standalone, unknown, systems) always come last.
        inside.sort_by_key(|i| m.inside[*i].boxed.kind != BoxKind::Segment);

        let mut b = Bands {
            services,
            lines,
            perimeter,
            inside,
            service_sizes: Vec::new(),
            line_sizes: Vec::new(),
            per_sizes: Vec::new(),
            in_sizes: Vec::new(),
        };
        b.resize(m);
        b
    }

    /// Sets each member's size (after the members were ordered).
    fn resize(&mut self, m: &Measures) {
        let free_size = |i: &usize| (m.outside[*i].w, m.outside[*i].h);
        self.service_sizes = self.services.iter().map(free_size).collect();
        self.line_sizes = self.lines.iter().map(free_size).collect();
        self.per_sizes = self
            .perimeter
            .iter()
            .map(|p| match *p {
                PerimeterMember::Item(i) => (m.perimeter[i].w, m.perimeter[i].h),
                PerimeterMember::Dmz(i) => (SEG_W, m.dmz[i].contents.h),
            })
            .collect();
        self.in_sizes = self
            .inside
            .iter()
            .map(|i| (SEG_W, m.inside[*i].contents.h))
            .collect();
    }

    /// Height of the inside grid with `cols` columns (each row as tall as
    /// its tallest box).
    fn inside_h(&self, cols: usize) -> f64 {
        let rows: Vec<f64> = self
            .in_sizes
            .chunks(cols)
            .map(|r| r.iter().map(|s| s.1).fold(0.0, f64::max))
            .collect();
        rows.iter().sum::<f64>() + GAP * (rows.len() as f64 - 1.0).max(0.0)
    }

    /// Vertical offset of the lines row under the services row (zero when
    /// either row is empty).
    fn lines_dy(services_h: f64, lines_h: f64) -> f64 {
        if services_h > 0.0 && lines_h > 0.0 {
            services_h + GAP * 1.5
        } else {
            0.0
        }
    }
}

/// Height of a zone band holding `content_h` of content (none when empty).
fn band_h(content_h: f64) -> f64 {
    if content_h > 0.0 {
        content_h + 2.0 * ZONE_PAD + ZONE_TITLE_H
    } else {
        0.0
    }
}

/// Step 3's answer: how many segment columns, and how wide the content is.
struct Shape {
    cols: usize,
    /// Content width, zone padding included.
    total_w: f64,
    /// Width inside the zone padding.
    inner_w: f64,
}

/// Chooses the number of segment columns (and how much wider than the
/// segment grid the top bands may be) that lets the page scale largest;
/// among equal scales, the shape closest to the page's.
fn choose_shape(b: &Bands, area_w: f64, area_h: f64) -> Shape {
    let widest = b
        .service_sizes
        .iter()
        .chain(&b.line_sizes)
        .chain(&b.per_sizes)
        .map(|s| s.0)
        .fold(SEG_W, f64::max);
    // The top bands may be wider than the segment grid (one row of ten
    // perimeter devices beats three rows on a landscape page).
    let eval = |cols: usize, band_w: f64| -> (f64, f64, f64) {
        let grid_w = cols as f64 * SEG_W + (cols as f64 - 1.0) * GAP;
        let inner_w = grid_w.max(widest).max(band_w);
        let (_, w1, h1) = wrap_rows(&b.service_sizes, inner_w, GAP);
        let (_, w2, h2) = wrap_rows(&b.line_sizes, inner_w, GAP);
        let (_, w3, h3) = wrap_rows(&b.per_sizes, inner_w, GAP);
        let h4 = b.inside_h(cols);
        let w = inner_w.max(w1).max(w2).max(w3) + 2.0 * ZONE_PAD;
        let out_h = if h1 > 0.0 && h2 > 0.0 {
            h1 + GAP * 1.5 + h2
        } else {
            h1 + h2
        };
        let h = band_h(out_h) + band_h(h3) + band_h(h4) + 2.0 * GAP;
        ((area_w / w).min(area_h / h), w, h)
    };
    let max_cols = b.in_sizes.len().clamp(1, 16);
    // Largest scale wins (up to the page's cap); among equals, the shape
    // closest to the page's.
    let mut best = (1, 0.0, f64::MIN, f64::MIN);
    for cols in 1..=max_cols {
        let grid_w = cols as f64 * SEG_W + (cols as f64 - 1.0) * GAP;
        for band_w in [grid_w, grid_w * 1.25, grid_w * 1.5, grid_w * 2.0] {
            let (scale, w, h) = eval(cols, band_w);
            let scale = (scale * 1000.0).round().min(1600.0);
            let fit = -((w / h) / (area_w / area_h)).ln().abs();
            if scale > best.2 || (scale == best.2 && fit > best.3 + 1e-9) {
                best = (cols, band_w, scale, fit);
            }
        }
    }
    let (cols, band_w, _, _) = best;
    let (_, total_w, _) = eval(cols, band_w);
    Shape {
        cols,
        total_w,
        inner_w: total_w - 2.0 * ZONE_PAD,
    }
}

/// Step 4: places the bands top to bottom into the layout being built.
struct Placer {
    out: Layout,
    /// Top of the next band.
    y: f64,
    lang: Lang,
}

impl Placer {
    fn new(lang: Lang, shape: &Shape) -> Placer {
        Placer {
            out: Layout {
                width: shape.total_w,
                height: 0.0,
                zones: Vec::new(),
                boxes: Vec::new(),
                items: Vec::new(),
                links: Vec::new(),
            },
            y: 0.0,
            lang,
        }
    }

    /// Adds the band of zone `key` for `content_h` of content; returns the
    /// top of its content.
    fn zone(&mut self, kind: ZoneKind, content_h: f64) -> f64 {
        let total_w = self.out.width;
        let rect = Rect {
            x: 0.0,
            y: self.y,
            w: total_w,
            h: content_h + 2.0 * ZONE_PAD + ZONE_TITLE_H,
        };
        let title = TextLine {
            text: truncate(
                kind.title().get(self.lang),
                F_ZONE,
                total_w - 2.0 * ZONE_PAD,
            ),
            x: ZONE_PAD,
            y: self.y + ZONE_PAD / 2.0 + F_ZONE,
            size: F_ZONE,
            bold: true,
        };
        self.out.zones.push(Zone { kind, rect, title });
        let top = self.y + ZONE_PAD + ZONE_TITLE_H;
        self.y += rect.h + GAP;
        top
    }

    fn place_free(&mut self, src: &Measured, x: f64, y: f64, perimeter: bool) {
        self.out.items.push(PlacedItem {
            item: src.item.clone(),
            rect: Rect {
                x,
                y,
                w: src.w,
                h: src.h,
            },
            lines: shifted(&src.lines, x, y),
            perimeter,
            in_box: None,
            title: title_if(src.cut, &src.item),
        });
    }

    fn place_box(&mut self, b: &MeasuredBox, x: f64, y: f64, h: f64) {
        let bi = self.out.boxes.len();
        self.out.boxes.push(PlacedBox {
            key: b.boxed.key.clone(),
            boxed: b.boxed.clone(),
            rect: Rect { x, y, w: SEG_W, h },
            lines: shifted(&b.contents.lines, x, y),
            title: if b.contents.cut {
                full_label(&b.boxed.name, &b.boxed.details)
            } else {
                Vec::new()
            },
        });
        for BoxedItem {
            item,
            rect: r,
            lines: ls,
            cut,
        } in &b.contents.items
        {
            self.out.items.push(PlacedItem {
                item: item.clone(),
                rect: r.shift(x, y),
                // Summed in this order (line + box + item) for the same rounding as always.
                lines: ls
                    .iter()
                    .map(|l| TextLine {
                        x: l.x + x + r.x,
                        y: l.y + y + r.y,
                        ..l.clone()
                    })
                    .collect(),
                perimeter: false,
                in_box: Some(bi),
                title: title_if(*cut, item),
            });
        }
    }

    /// Places every band at the spots computed for it ([`spots`]).
    fn bands(&mut self, m: &Measures, b: &Bands, s: &Spots) {
        let mut zones = s.zones.iter();
        if !m.outside.is_empty() {
            if let Some((kind, content_h)) = zones.next() {
                self.zone(*kind, *content_h);
                let members = b.services.iter().zip(&s.services);
                for (i, p) in members.chain(b.lines.iter().zip(&s.lines)) {
                    self.place_free(&m.outside[*i], p.0, p.1, false);
                }
            }
        }
        if !b.per_sizes.is_empty() {
            if let Some((kind, content_h)) = zones.next() {
                self.zone(*kind, *content_h);
                for (member, p) in b.perimeter.iter().zip(&s.perimeter) {
                    let (x, y) = *p;
                    match *member {
                        PerimeterMember::Item(i) => self.place_free(&m.perimeter[i], x, y, true),
                        PerimeterMember::Dmz(i) => {
                            let bx = &m.dmz[i];
                            self.place_box(bx, x, y, bx.contents.h);
                        }
                    }
                }
            }
        }
        if !b.in_sizes.is_empty() {
            if let Some((kind, content_h)) = zones.next() {
                self.zone(*kind, *content_h);
                for (i, p) in b.inside.iter().zip(&s.inside) {
                    self.place_box(&m.inside[*i], p.0, p.1, p.2);
                }
            }
        }
    }

    /// The placed layout (its height set).
    fn finish(mut self) -> Layout {
        self.out.height = (self.y - GAP).max(0.0);
        self.out
    }
}

/// Where step 4 puts each band's members (their top-left corners, in
/// content coordinates).
#[derive(Debug, Clone, Default)]
struct Spots {
    /// Top-left of each service, in band order.
    services: Vec<(f64, f64)>,
    /// Top-left of each line, in band order.
    lines: Vec<(f64, f64)>,
    /// Top-left of each perimeter member, in band order.
    perimeter: Vec<(f64, f64)>,
    /// Top-left and row height of each inside box, in band order.
    inside: Vec<(f64, f64, f64)>,
    /// The non-empty zone bands, top to bottom, with their content heights.
    zones: Vec<(ZoneKind, f64)>,
    /// The content's height.
    height: f64,
}

/// Step 4's arithmetic: the outside band (services in rows, the lines' rows
/// under them, each row centred), the perimeter band (devices and DMZ boxes
/// in centred rows) and the inside band (a grid of equal-width columns, each
/// row as tall as its tallest box), stacked top to bottom.
fn spots(b: &Bands, shape: &Shape) -> Spots {
    let inner_w = shape.inner_w;
    let mut s = Spots::default();
    let mut y = 0.0;
    // Each band's content top; the next band's top moves down.
    let mut zone = |s: &mut Spots, kind: ZoneKind, content_h: f64| -> f64 {
        s.zones.push((kind, content_h));
        let top = y + ZONE_PAD + ZONE_TITLE_H;
        let h = content_h + 2.0 * ZONE_PAD + ZONE_TITLE_H;
        y += h + GAP;
        top
    };
    if !b.service_sizes.is_empty() || !b.line_sizes.is_empty() {
        let (mut p1, _, h1) = wrap_rows(&b.service_sizes, inner_w, GAP);
        let (mut p2, _, h2) = wrap_rows(&b.line_sizes, inner_w, GAP);
        center_rows(&mut p1, &b.service_sizes, inner_w, GAP);
        center_rows(&mut p2, &b.line_sizes, inner_w, GAP);
        let lines_dy = Bands::lines_dy(h1, h2);
        let top = zone(
            &mut s,
            ZoneKind::Outside,
            lines_dy + h2.max(if lines_dy > 0.0 { 0.0 } else { h1 }),
        );
        s.services = p1.iter().map(|p| (ZONE_PAD + p.0, top + p.1)).collect();
        s.lines = p2
            .iter()
            .map(|p| (ZONE_PAD + p.0, top + lines_dy + p.1))
            .collect();
    }
    if !b.per_sizes.is_empty() {
        let (mut p, _, h) = wrap_rows(&b.per_sizes, inner_w, GAP);
        center_rows(&mut p, &b.per_sizes, inner_w, GAP);
        let top = zone(&mut s, ZoneKind::Perimeter, h);
        s.perimeter = p.iter().map(|p| (ZONE_PAD + p.0, top + p.1)).collect();
    }
    if !b.in_sizes.is_empty() {
        let cols = shape.cols;
        let row_h: Vec<f64> = b
            .in_sizes
            .chunks(cols)
            .map(|r| r.iter().map(|s| s.1).fold(0.0, f64::max))
            .collect();
        let content_h = row_h.iter().sum::<f64>() + GAP * (row_h.len() as f64 - 1.0);
        let top = zone(&mut s, ZoneKind::Inside, content_h);
        let grid_w = cols.min(b.in_sizes.len()) as f64 * (SEG_W + GAP) - GAP;
        let x0 = ZONE_PAD + (inner_w - grid_w) / 2.0;
        let mut y = top;
        for (r, h) in row_h.iter().enumerate() {
            let n = cols.min(b.in_sizes.len() - r * cols);
            for c in 0..n {
                s.inside.push((x0 + c as f64 * (SEG_W + GAP), y, *h));
            }
            y += h + GAP;
        }
    }
    s.height = (y - GAP).max(0.0);
    s
}

/// The top-level graph the band order is improved on: one node per band
/// member (outside items, then perimeter items, DMZ boxes, inside boxes, in
/// [`Measures`] order), an edge per pair of members a link joins (a link to
/// something inside a box joins the box).
struct TopGraph {
    edges: Vec<(usize, usize)>,
    /// Where on each edge's two nodes the link ends: the centre of the item
    /// it joins inside a box, relative to the box's top-left (`None`: the
    /// node's own centre).
    ends: Vec<[Option<Pt>; 2]>,
    /// Neighbours of each node.
    adj: Vec<Vec<usize>>,
}

/// Everything drawn inside a segment box.
fn box_contents(b: &SegmentBox) -> impl Iterator<Item = &Item> {
    b.systems
        .iter()
        .chain(&b.devices)
        .chain(&b.groups)
        .chain(&b.unregistered)
}

impl TopGraph {
    fn new(d: &Diagram, m: &Measures) -> TopGraph {
        let (o, p, z) = (m.outside.len(), m.perimeter.len(), m.dmz.len());
        let mut node: HashMap<&str, (usize, Option<Pt>)> = HashMap::new();
        for (i, it) in m.outside.iter().chain(&m.perimeter).enumerate() {
            node.insert(&it.item.key, (i, None));
        }
        for (i, b) in m.dmz.iter().chain(&m.inside).enumerate() {
            node.insert(&b.boxed.key, (o + p + i, None));
            for it in &b.contents.items {
                node.insert(&it.item.key, (o + p + i, Some(it.rect.center())));
            }
        }
        let n = o + p + z + m.inside.len();
        let mut edges = Vec::new();
        let mut ends = Vec::new();
        let mut seen = std::collections::HashSet::new();
        for l in &d.links {
            let (Some(a), Some(b)) = (node.get(l.from.as_str()), node.get(l.to.as_str())) else {
                continue;
            };
            let (a, b) = if a.0 <= b.0 { (a, b) } else { (b, a) };
            if a.0 == b.0 || !seen.insert((l.from.as_str(), l.to.as_str())) {
                continue;
            }
            edges.push((a.0, b.0));
            ends.push([a.1, b.1]);
        }
        let mut adj = vec![Vec::new(); n];
        for &(a, b) in &edges {
            adj[a].push(b);
            adj[b].push(a);
        }
        TopGraph { edges, ends, adj }
    }
}

/// One band whose order is improved.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Band {
    Services,
    Lines,
    Perimeter,
    Inside,
}

impl Bands {
    /// The graph nodes of `band`'s members, in band order.
    fn nodes(&self, band: Band, m: &Measures) -> Vec<usize> {
        let (o, p) = (m.outside.len(), m.perimeter.len());
        match band {
            Band::Services => self.services.clone(),
            Band::Lines => self.lines.clone(),
            Band::Perimeter => self
                .perimeter
                .iter()
                .map(|x| match *x {
                    PerimeterMember::Item(i) => o + i,
                    PerimeterMember::Dmz(i) => o + p + i,
                })
                .collect(),
            Band::Inside => self
                .inside
                .iter()
                .map(|i| o + p + m.dmz.len() + i)
                .collect(),
        }
    }

    /// How many of `band`'s first members may be reordered (pseudo boxes
    /// stay last in the inside band).
    fn movable(&self, band: Band, m: &Measures) -> usize {
        match band {
            Band::Services => self.services.len(),
            Band::Lines => self.lines.len(),
            Band::Perimeter => self.perimeter.len(),
            Band::Inside => self
                .inside
                .iter()
                .take_while(|i| m.inside[**i].boxed.kind == BoxKind::Segment)
                .count(),
        }
    }

    /// Swaps members `i` and `j` of `band`.
    fn swap(&mut self, band: Band, i: usize, j: usize) {
        match band {
            Band::Services => self.services.swap(i, j),
            Band::Lines => self.lines.swap(i, j),
            Band::Perimeter => self.perimeter.swap(i, j),
            Band::Inside => self.inside.swap(i, j),
        }
    }

    /// Puts `band`'s members in the order `perm` (positions into the current order).
    fn permute(&mut self, band: Band, perm: &[usize]) {
        fn apply<T: Copy>(v: &mut [T], perm: &[usize]) {
            let old: Vec<T> = perm.iter().map(|k| v[*k]).collect();
            v[..old.len()].copy_from_slice(&old);
        }
        match band {
            Band::Services => apply(&mut self.services, perm),
            Band::Lines => apply(&mut self.lines, perm),
            Band::Perimeter => apply(&mut self.perimeter, perm),
            Band::Inside => apply(&mut self.inside, perm),
        }
    }
}

/// How good an order is: straight lines between the centres of the members
/// each link joins, crossing pairs first, then total length; and the
/// content height it needs.
#[derive(Debug, Clone, Copy)]
struct Score {
    crossings: usize,
    length: f64,
    height: f64,
}

impl Score {
    fn better_than(&self, o: &Score) -> bool {
        self.crossings < o.crossings
            || (self.crossings == o.crossings && self.length < o.length - 1e-6)
    }
}

/// Where a node (see [`TopGraph`]) is for an order: its box, its band, and
/// the top of that band's first row.
#[derive(Debug, Clone, Copy, Default)]
struct NodeAt {
    rect: Rect,
    band: u8,
    band_top: f64,
}

impl NodeAt {
    fn centre(&self) -> (f64, f64) {
        self.rect.center()
    }
}

/// Every node's place with the members at `s`.
fn node_places(b: &Bands, s: &Spots, m: &Measures) -> Vec<NodeAt> {
    let (o, p) = (m.outside.len(), m.perimeter.len());
    let mut c = vec![NodeAt::default(); o + p + m.dmz.len() + m.inside.len()];
    let mut put = |band: u8, k: usize, at: (f64, f64), size: (f64, f64)| {
        c[k] = NodeAt {
            rect: Rect {
                x: at.0,
                y: at.1,
                w: size.0,
                h: size.1,
            },
            band,
            band_top: 0.0,
        };
    };
    for ((i, at), size) in b.services.iter().zip(&s.services).zip(&b.service_sizes) {
        put(0, *i, *at, *size);
    }
    for ((i, at), size) in b.lines.iter().zip(&s.lines).zip(&b.line_sizes) {
        put(1, *i, *at, *size);
    }
    for ((x, at), size) in b.perimeter.iter().zip(&s.perimeter).zip(&b.per_sizes) {
        let k = match *x {
            PerimeterMember::Item(i) => o + i,
            PerimeterMember::Dmz(i) => o + p + i,
        };
        put(2, k, *at, *size);
    }
    for ((i, at), size) in b.inside.iter().zip(&s.inside).zip(&b.in_sizes) {
        put(3, o + p + m.dmz.len() + i, (at.0, at.1), *size);
    }
    let mut top = [f64::INFINITY; 4];
    for n in &c {
        top[usize::from(n.band)] = top[usize::from(n.band)].min(n.rect.y);
    }
    for n in &mut c {
        n.band_top = top[usize::from(n.band)];
    }
    c
}

/// A sketch of how the router will draw a link between two placed nodes:
/// down from the upper one to the gap just above the lower one, across and
/// into it; a box below its band's first row is reached down the gutter
/// beside it on the shorter side (the router cannot cross the boxes above it).
fn sketch(
    a: &NodeAt,
    a_end: Option<(f64, f64)>,
    b: &NodeAt,
    b_end: Option<(f64, f64)>,
) -> ([(f64, f64); 5], usize) {
    let end = |n: &NodeAt, e: Option<(f64, f64)>| {
        e.map_or(n.centre(), |(x, y)| (n.rect.x + x, n.rect.y + y))
    };
    let (ae, be) = (end(a, a_end), end(b, b_end));
    let ((u, uc), (l, lc)) = if a.rect.y <= b.rect.y {
        ((a, ae), (b, be))
    } else {
        ((b, be), (a, ae))
    };
    let mut pts = [lc; 5];
    pts[0] = uc;
    if (uc.1 - lc.1).abs() < 1.0 || l.rect.y < u.rect.bottom() {
        pts[1] = lc;
        return (pts, 2);
    }
    if u.band == l.band || l.rect.y <= l.band_top + 0.5 {
        let yc = l.rect.y - GAP / 2.0;
        pts[1] = (uc.0, yc);
        pts[2] = (lc.0, yc);
        pts[3] = lc;
        return (pts, 4);
    }
    let yc = l.band_top - GAP / 2.0;
    let left = l.rect.x - GAP / 2.0;
    let right = l.rect.x + l.rect.w + GAP / 2.0;
    let via = |g: f64| (uc.0 - g).abs() + (g - lc.0).abs();
    let g = if via(left) <= via(right) { left } else { right };
    pts[1] = (uc.0, yc);
    pts[2] = (g, yc);
    pts[3] = (g, lc.1);
    pts[4] = lc;
    (pts, 5)
}

/// A link's [`sketch`] with its bounding box.
struct Sketch {
    pts: [Pt; 5],
    n: usize,
    bbox: Rect,
}

/// True when the open segments a–b and c–d cross at one point.
fn segments_cross(a: (f64, f64), b: (f64, f64), c: (f64, f64), d: (f64, f64)) -> bool {
    let o = |p: (f64, f64), q: (f64, f64), r: (f64, f64)| {
        (q.0 - p.0) * (r.1 - p.1) - (q.1 - p.1) * (r.0 - p.0)
    };
    o(c, d, a) * o(c, d, b) < 0.0 && o(a, b, c) * o(a, b, d) < 0.0
}

/// Scores the order `b`: crossing pairs and length of the links' sketches
/// ([`sketch`]); also every node's centre.
fn score(b: &Bands, shape: &Shape, m: &Measures, g: &TopGraph) -> (Score, Vec<(f64, f64)>) {
    let s = spots(b, shape);
    let at = node_places(b, &s, m);
    let mut length = 0.0;
    let sketches: Vec<Sketch> = g
        .edges
        .iter()
        .zip(&g.ends)
        .map(|(&(x, y), &[ex, ey])| {
            let (pts, n) = sketch(&at[x], ex, &at[y], ey);
            let (mut x0, mut y0, mut x1, mut y1) = (f64::MAX, f64::MAX, f64::MIN, f64::MIN);
            for (k, p) in pts[..n].iter().enumerate() {
                x0 = x0.min(p.0);
                y0 = y0.min(p.1);
                x1 = x1.max(p.0);
                y1 = y1.max(p.1);
                if k > 0 {
                    length += (p.0 - pts[k - 1].0).abs() + (p.1 - pts[k - 1].1).abs();
                }
            }
            let bbox = Rect {
                x: x0,
                y: y0,
                w: x1 - x0,
                h: y1 - y0,
            };
            Sketch { pts, n, bbox }
        })
        .collect();
    let mut crossings = 0;
    for (
        k,
        Sketch {
            pts: p,
            n,
            bbox: bp,
        },
    ) in sketches.iter().enumerate()
    {
        let (a, bb) = g.edges[k];
        for (
            j,
            Sketch {
                pts: q,
                n: m2,
                bbox: bq,
            },
        ) in sketches.iter().enumerate().skip(k + 1)
        {
            let (x, y) = g.edges[j];
            if x == a || x == bb || y == a || y == bb {
                continue;
            }
            if bp.x > bq.x + bq.w || bq.x > bp.x + bp.w || bp.y > bq.y + bq.h || bq.y > bp.y + bp.h
            {
                continue;
            }
            let hit = p[..*n].windows(2).any(|s| {
                q[..*m2]
                    .windows(2)
                    .any(|t| segments_cross(s[0], s[1], t[0], t[1]))
            });
            crossings += usize::from(hit);
            // The straight line between the ends counts too: the router
            // may well take it (the two together predict its crossings
            // better than either alone).
            crossings += usize::from(segments_cross(p[0], p[*n - 1], q[0], q[*m2 - 1]));
        }
    }
    let sc = Score {
        crossings,
        length,
        height: s.height,
    };
    (sc, at.iter().map(NodeAt::centre).collect())
}

/// Most rounds of barycentre sorting and neighbour exchanges.
const ORDER_ROUNDS: usize = 6;

/// Step 2b: improves the order layout-rs found. Each round sorts each band
/// (top to bottom, then back up) by the barycentre — the mean x — of what
/// its members connect to, then tries exchanging neighbours (side by side,
/// and in the segment grid one above the other); a change is kept when the
/// straight lines between connected members cross less (then, run shorter)
/// and the page's scale does not drop. Pseudo boxes stay last.
fn improve_order(m: &Measures, g: &TopGraph, b: &mut Bands, shape: &Shape, area: (f64, f64)) {
    if g.edges.len() < 2 {
        return;
    }
    let (mut best, mut c) = score(b, shape, m, g);
    // The page scale the height allows, capped where the width already caps it.
    let cap = (area.0 / shape.total_w.max(1.0)).min(1.6);
    let scale = |h: f64| (area.1 / h.max(1.0)).min(cap);
    let floor = scale(best.height) - 1e-9;
    let try_it = |cand: Bands, best: &mut Score, c: &mut Vec<(f64, f64)>, b: &mut Bands| {
        let (sc, cc) = score(&cand, shape, m, g);
        if sc.better_than(best) && scale(sc.height) >= floor {
            *best = sc;
            *c = cc;
            *b = cand;
            true
        } else {
            false
        }
    };
    let sweep = [
        Band::Services,
        Band::Lines,
        Band::Perimeter,
        Band::Inside,
        Band::Perimeter,
        Band::Lines,
    ];
    for _ in 0..ORDER_ROUNDS {
        let mut improved = false;
        for band in sweep {
            let n = b.movable(band, m);
            if n < 2 {
                continue;
            }
            let nodes = b.nodes(band, m);
            // Barycentre sort.
            let key: Vec<f64> = nodes[..n]
                .iter()
                .map(|&v| {
                    let nb = &g.adj[v];
                    if nb.is_empty() {
                        c[v].0
                    } else {
                        nb.iter().map(|u| c[*u].0).sum::<f64>() / nb.len() as f64
                    }
                })
                .collect();
            let mut perm: Vec<usize> = (0..n).collect();
            perm.sort_by(|x, y| key[*x].total_cmp(&key[*y]).then(x.cmp(y)));
            if band == Band::Inside && shape.cols > 1 {
                // Fill the grid column by column, so the left column holds
                // the boxes whose connections are furthest left.
                let mut slots: Vec<usize> = (0..n).collect();
                slots.sort_by_key(|k| (k % shape.cols, k / shape.cols));
                let mut p2 = vec![0; n];
                for (slot, member) in slots.iter().zip(&perm) {
                    p2[*slot] = *member;
                }
                perm = p2;
            }
            if perm.iter().enumerate().any(|(k, v)| k != *v) {
                let mut cand = b.clone();
                cand.permute(band, &perm);
                cand.resize(m);
                improved |= try_it(cand, &mut best, &mut c, b);
            }
            // Neighbour exchanges, of members with connections.
            let steps: &[usize] = if band == Band::Inside && shape.cols > 1 {
                &[1, shape.cols]
            } else {
                &[1]
            };
            for &step in steps {
                for i in 0..n.saturating_sub(step) {
                    let nodes = b.nodes(band, m);
                    if g.adj[nodes[i]].is_empty() && g.adj[nodes[i + step]].is_empty() {
                        continue;
                    }
                    let mut cand = b.clone();
                    cand.swap(band, i, i + step);
                    cand.resize(m);
                    improved |= try_it(cand, &mut best, &mut c, b);
                }
            }
        }
        if !improved {
            break;
        }
    }
}
/// The `<title>` of an item: its whole label if `cut`, else nothing.
fn title_if(cut: bool, item: &Item) -> Vec<String> {
    if cut {
        full_label(&item.name, &item.details)
    } else {
        Vec::new()
    }
}

/// `lines` moved by (`dx`, `dy`).
fn shifted(lines: &[TextLine], dx: f64, dy: f64) -> Vec<TextLine> {
    lines
        .iter()
        .map(|l| TextLine {
            x: l.x + dx,
            y: l.y + dy,
            ..l.clone()
        })
        .collect()
}

/// Step 5: a path (and a label box) for every link whose ends are drawn,
/// routed orthogonally through the gaps between boxes ([`route`]);
/// highlighted links last, so nothing covers them.
pub fn route_links(d: &Diagram, out: &mut Layout) {
    // Each drawn thing by key: its box and the segment box holding it.
    let mut end_of: HashMap<&str, End> = HashMap::new();
    for b in &out.boxes {
        end_of.insert(
            &b.key,
            End {
                rect: b.rect,
                container: None,
            },
        );
    }
    for i in &out.items {
        end_of.insert(
            &i.item.key,
            End {
                rect: i.rect,
                container: i.in_box,
            },
        );
    }
    let mut drawn = Vec::new();
    let mut reqs = Vec::new();
    for l in &d.links {
        if let (Some(a), Some(b)) = (end_of.get(l.from.as_str()), end_of.get(l.to.as_str())) {
            drawn.push(l);
            reqs.push(Request { from: *a, to: *b });
        }
    }
    let scene = scene(out, &reqs);
    let paths = route::route(&scene, &reqs);
    let mut links = Vec::new();
    for (l, points) in drawn.into_iter().zip(paths) {
        let mid = route::label_point(&points);
        let label = (!l.label.is_empty()).then(|| link_label(&l.label, mid));
        // One line on the link itself: where it cannot hold the label, the
        // tooltip does (the vendor's box lists each circuit's method whole).
        let title = match &label {
            Some((_, t)) if !shows_whole(&l.label, &[&t.text]) => vec![l.label.clone()],
            _ => Vec::new(),
        };
        links.push(PlacedLink {
            link: l.clone(),
            path: route::path_data(&points),
            label,
            title,
            points,
        });
    }
    // Highlighted links are drawn last so nothing covers them.
    links.sort_by_key(|l| match l.link.emphasis {
        Emphasis::Route => 3,
        Emphasis::Scope => 2,
        Emphasis::Normal => 1,
        Emphasis::Faded => 0,
    });
    out.links = links;
}

/// What the router must go around: every free-standing item, the items of
/// the segment boxes a link ends in (other boxes are crossed by no link, so
/// their contents need no grid lines), every box's title area and every
/// zone's title; the segment boxes as frames; the zone bands as guides.
fn scene(out: &Layout, reqs: &[Request]) -> Scene {
    let mut used = vec![false; out.boxes.len()];
    for q in reqs {
        for c in [q.from.container, q.to.container].into_iter().flatten() {
            if let Some(u) = used.get_mut(c) {
                *u = true;
            }
        }
    }
    let mut solid: Vec<Rect> = out
        .items
        .iter()
        .filter(|i| {
            i.in_box
                .map_or(true, |b| used.get(b).copied().unwrap_or(false))
        })
        .map(|i| i.rect)
        .collect();
    for b in &out.boxes {
        if let Some(h) = text_bottom(&b.lines) {
            solid.push(Rect {
                h: h + PAD / 2.0 - b.rect.y,
                ..b.rect
            });
        }
    }
    for z in &out.zones {
        solid.push(Rect {
            x: z.title.x,
            y: z.title.y - z.title.size,
            w: text_width(&z.title.text, z.title.size),
            h: z.title.size * LINE_H,
        });
    }
    Scene {
        solid,
        frames: out.boxes.iter().map(|b| b.rect).collect(),
        guides: out.zones.iter().map(|z| z.rect).collect(),
        bounds: Rect {
            x: 0.0,
            y: 0.0,
            w: out.width,
            h: out.height,
        },
    }
}

/// The lowest point of some text lines (their last baseline plus descent).
fn text_bottom(lines: &[TextLine]) -> Option<f64> {
    lines
        .iter()
        .map(|l| l.y + l.size * 0.3)
        .fold(None, |m, y| Some(m.map_or(y, |m: f64| m.max(y))))
}

/// A link's label box centred on `mid`, and its text.
fn link_label(label: &str, mid: (f64, f64)) -> (Rect, TextLine) {
    let size = F_DETAIL * 0.9;
    let text = truncate(label, size, FLOW_LABEL_MAX);
    let w = text_width(&text, size) + 12.0;
    let h = line_h(size) + 4.0;
    let r = Rect {
        x: mid.0 - w / 2.0,
        y: mid.1 - h / 2.0,
        w,
        h,
    };
    (
        r,
        TextLine {
            text,
            x: r.x + 6.0,
            y: r.y + h / 2.0 + size * 0.35,
            size,
            bold: false,
        },
    )
}

/// Page area available to the content (right of it is the legend, above it the title).
pub fn content_area() -> (f64, f64) {
    (
        PAGE_W - 2.0 * MARGIN - LEGEND_W - 40.0,
        PAGE_H - 2.0 * MARGIN - TITLE_H,
    )
}
