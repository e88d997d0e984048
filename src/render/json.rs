//! The diagram as JSON for tools: zones, items, groups with counts, links.

use std::io::{self, Write};

use serde::Serialize;

use super::model::{self, Diagram};
use super::RenderOptions;
use crate::graph::InventoryGraph;
use crate::site::Site;
use crate::text::clean::json_document;

/// Version of the JSON layout; raised on incompatible changes.
pub const JSON_VERSION: u32 = 1;

#[derive(Serialize)]
struct Document<'a> {
    format: &'static str,
    version: u32,
    #[serde(flatten)]
    diagram: &'a Diagram,
}

/// Writes the diagram model of `site` as pretty-printed JSON.
pub fn write_json(
    w: &mut dyn Write,
    site: &Site,
    graph: &InventoryGraph,
    opts: &RenderOptions,
) -> io::Result<()> {
    let d = model::build(site, graph, opts);
    let doc = Document {
        format: "koseizu-diagram",
        version: JSON_VERSION,
        diagram: &d,
    };
    let json = serde_json::to_string_pretty(&doc).map_err(io::Error::other)?;
    // Hidden characters stay in the values but are written as `\uXXXX`.
    writeln!(w, "{}", json_document(&json))
}
