//! The diagram as JSON for tools: zones, items, groups with counts, links.

use std::io::{self, Write};

use serde::Serialize;

use super::model::{self, Diagram};
use super::text::is_bidi_control;
use super::RenderOptions;
use crate::graph::InventoryGraph;
use crate::site::Site;

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
    writeln!(w, "{}", escape_invisible(&json))
}

/// Writes bidi controls and the line/paragraph separators as `\uXXXX`.
///
/// The decoded values stay exactly as written in the site, but the file
/// itself, opened in an editor or a terminal, cannot be visually reordered
/// by a hostile name. Outside strings JSON holds only ASCII, so every such
/// character found is inside a string, where the escape is valid.
fn escape_invisible(json: &str) -> String {
    let mut out = String::with_capacity(json.len());
    for c in json.chars() {
        if is_bidi_control(c) || c == '\u{2028}' || c == '\u{2029}' {
            out.push_str(&format!("\\u{:04x}", c as u32));
        } else {
            out.push(c);
        }
    }
    out
}
