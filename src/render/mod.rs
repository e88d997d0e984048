//! The simplified network diagram (ネットワーク簡易構成図, manual appendix 1).
//!
//! [`model`] decides what is drawn and in which zone; [`layout`] gives it
//! coordinates (segment contents on our own grid, the top level ordered by
//! layout-rs); [`svg`], [`dot`] and [`json`] write it. All writers take
//! `impl Write` and share one [`RenderOptions`].

use std::collections::HashSet;

use petgraph::graph::NodeIndex;

use crate::site::Lang;

pub mod dot;
pub mod json;
pub mod layout;
pub mod model;
pub mod svg;
pub mod text;

pub use dot::write_dot;
pub use json::write_json;
pub use svg::write_svg;

/// Nodes to emphasise (the `koseizu impact` view): indices into an
/// `InventoryGraph` built from the same site.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Highlight {
    /// Nodes on an intrusion route (drawn in the strongest colour).
    pub route: HashSet<NodeIndex>,
    /// Nodes in the impact scope.
    pub scope: HashSet<NodeIndex>,
}

/// How to draw the diagram.
#[derive(Debug, Clone, Default)]
pub struct RenderOptions {
    /// Language of kind names, zone titles and legend (names stay as written).
    pub lang: Lang,
    /// Impact highlight; `None` draws the plain diagram.
    pub highlight: Option<Highlight>,
}
