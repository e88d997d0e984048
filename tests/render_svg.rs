//! SVG writer tests: well-formed, complete, escaped, labels fit their boxes.

#[path = "render_fixture.rs"]
mod fixture;

use koseizu::graph::{InventoryGraph, ScanMarks};
use koseizu::render::{write_svg, RenderOptions};

fn svg_of(site: &koseizu::site::Site, marks: ScanMarks, opts: &RenderOptions) -> String {
    let g = InventoryGraph::build(site, marks);
    let mut out = Vec::new();
    write_svg(&mut out, site, &g, opts).unwrap();
    String::from_utf8(out).unwrap()
}

#[test]
fn writes_sample_for_eyes() {
    let site = fixture::hospital();
    let s = svg_of(&site, ScanMarks::default(), &RenderOptions::default());
    if let Ok(p) = std::env::var("KOSEIZU_SVG_OUT") {
        std::fs::write(p, &s).unwrap();
    }
    assert!(s.starts_with("<?xml"));
}
