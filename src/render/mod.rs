//! The simplified network diagram (ネットワーク簡易構成図, manual appendix 1).
//!
//! [`model`] decides what is drawn and in which zone; [`layout`] gives it
//! coordinates (segment contents on our own grid, the top level ordered by
//! layout-rs); [`svg`], [`dot`] and [`json`] write it. All writers take
//! `impl Write` and share one [`RenderOptions`].

use std::collections::HashSet;

use chrono::NaiveDate;
use petgraph::graph::NodeIndex;

use crate::graph::InventoryGraph;
use crate::site::{Lang, Site};

pub mod dot;
pub mod drawio;
pub mod json;
pub mod layout;
pub mod model;
pub mod pdf;
pub mod route;
pub mod svg;
pub mod text;

pub use dot::write_dot;
pub use drawio::write_drawio;
pub use json::write_json;
pub use pdf::write_pdf;
pub use svg::write_svg;

/// Nodes to emphasise (the `koseizu impact` view): indices into an
/// `InventoryGraph` built from the same site.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Highlight {
    /// Nodes on an intrusion route (drawn in the strongest colour).
    pub route: HashSet<NodeIndex>,
    /// Nodes in the impact scope.
    pub scope: HashSet<NodeIndex>,
    /// The compromised node, as people name it (the title's 起点), if known.
    pub origin: Option<String>,
}

/// How to draw the diagram.
#[derive(Debug, Clone, Default)]
pub struct RenderOptions {
    /// Language of kind names, zone titles and legend (names stay as written).
    pub lang: Lang,
    /// Impact highlight; `None` draws the plain diagram.
    pub highlight: Option<Highlight>,
    /// The day the diagram is drawn, printed as 作成日 when the site gives
    /// no 更新日; the caller reads the clock, the renderer never does.
    pub today: NaiveDate,
}

/// Below this page scale, text on A3 gets too small to read (item names
/// under 1.9 mm), so fewer devices are drawn individually.
pub const MIN_READABLE_SCALE: f64 = 0.8;

/// How many devices per segment may be drawn individually, tried in turn
/// until the page is readable. Devices not drawn individually are still
/// counted in their kind's group, so no device ever disappears.
const INDIVIDUAL_CAPS: [usize; 5] = [model::MAX_INDIVIDUAL_PER_SEGMENT, 12, 6, 2, 0];

/// Builds the model and lays it out for the A3 page: the one place SVG and
/// DOT get their content from, so both show the same labels.
pub fn prepare(
    site: &Site,
    graph: &InventoryGraph,
    opts: &RenderOptions,
) -> (model::Diagram, layout::Layout) {
    let (aw, ah) = layout::content_area();
    let mut d = model::build_capped(site, graph, opts, INDIVIDUAL_CAPS[0]);
    // layout-rs runs once: the order of top-level nodes does not depend on
    // how many devices each box shows.
    let order = layout::top_order(&d);
    let mut lay = layout::place(&d, &order, aw, ah);
    if layout::page_scale(&lay) < MIN_READABLE_SCALE {
        // The fewest devices per box first: when even they leave the page
        // unreadable, no cap between does (one model build, not four).
        let fewest = INDIVIDUAL_CAPS[INDIVIDUAL_CAPS.len() - 1];
        let last = model::build_capped(site, graph, opts, fewest);
        let last_lay = layout::place(&last, &order, aw, ah);
        let mut between = false;
        if layout::page_scale(&last_lay) >= MIN_READABLE_SCALE {
            for cap in &INDIVIDUAL_CAPS[1..INDIVIDUAL_CAPS.len() - 1] {
                d = model::build_capped(site, graph, opts, *cap);
                lay = layout::place(&d, &order, aw, ah);
                if layout::page_scale(&lay) >= MIN_READABLE_SCALE {
                    between = true;
                    break;
                }
            }
        }
        if !between {
            (d, lay) = (last, last_lay);
        }
    }
    // Links are routed once, on the page that is drawn.
    layout::route_links(&d, &mut lay);
    (d, lay)
}
