//! `koseizu map --format drawio`, loaded with mxGraph (npm `mxgraph`, the
//! engine diagrams.net is built on) in headless Chromium: every cell
//! decodes, every edge's source and target exist, containers hold the
//! children they should (and move them), encoding the model back gives the
//! same cells; the cells sit where the SVG draws them; every external
//! record's name is a cell value.
#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a failed unwrap is a failed test

mod browser;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use koseizu::graph::InventoryGraph;
use koseizu::render::{prepare, RenderOptions};
use serde_json::Value;

fn sample() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("data")
}

fn mxgraph() -> Option<PathBuf> {
    let p = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/drawio_browser/node_modules/mxgraph/javascript");
    if p.join("mxClient.js").exists() {
        return Some(p);
    }
    assert!(
        std::env::var_os("CI").is_none(),
        "CI is set but mxgraph is not installed (cd tests/drawio_browser && npm install)"
    );
    eprintln!("skipped: mxgraph not installed (cd tests/drawio_browser && npm install)");
    None
}

const CHECK: &str = r#"
const doc = mxUtils.parseXml(DRAWIO);
// Counted first: decoding moves each mxCell out of its <object>.
const xmlCells = doc.getElementsByTagName('mxCell').length;
const node = doc.documentElement.getElementsByTagName('mxGraphModel')[0];
const decode = (n) => { const m = new mxGraphModel(); new mxCodec(n.ownerDocument).decode(n, m); return m; };
const model = decode(node);
const cells = Object.values(model.cells);
const attr = (c, k) => (c.value && c.value.getAttribute) ? c.value.getAttribute(k) : null;
const isContainer = (c) => /(^|;)container=1(;|$)/.test(c.style || '');
const abs = (c) => {
  const g = c.geometry; let x = g.x, y = g.y, p = c.parent;
  while (p && p.geometry && p.vertex) { x += p.geometry.x; y += p.geometry.y; p = p.parent; }
  return [x, y, g.width, g.height];
};
const badEdges = cells.filter(c => c.edge && !(c.source && c.target && model.cells[c.source.id] === c.source && model.cells[c.target.id] === c.target)).map(c => c.id);
const badParents = cells.filter(c => c.id !== '0' && !(c.parent && (c.parent.id === '0' || c.parent.id === '1' || isContainer(c.parent)))).map(c => c.id);
const byKey = {};
for (const c of cells) {
  const k = attr(c, 'koseizu_key');
  if (k) byKey[k] = { id: c.id, parent: c.parent.id, parentKey: attr(c.parent, 'koseizu_key') || c.parent.id, geo: abs(c) };
}
const labels = cells.map(c => attr(c, 'label')).filter(Boolean);
const names = cells.map(c => attr(c, 'name')).filter(Boolean);
// Encode back and decode again: the same cells.
const again = mxUtils.parseXml(mxUtils.getXml(new mxCodec(mxUtils.createXmlDocument()).encode(model)));
const model2 = decode(again.documentElement);
const sig = (m) => Object.values(m.cells).map(c => [c.id, c.parent && c.parent.id, c.source && c.source.id, c.target && c.target.id,
  c.vertex ? 1 : 0, c.edge ? 1 : 0, c.style || '', c.value && c.value.attributes ? [...c.value.attributes].map(a => a.name + '=' + a.value).join('|') : String(c.value),
  c.geometry ? [c.geometry.x, c.geometry.y, c.geometry.width, c.geometry.height].join(',') : ''].join('\u0001')).sort();
const s1 = sig(model), s2 = sig(model2);
const roundTrip = s1.length === s2.length && s1.every((v, i) => v === s2[i]);
// Draw it, move a zone: its children move with it.
const div = document.createElement('div'); div.style.width = '1600px'; div.style.height = '1200px';
document.body.appendChild(div);
const graph = new mxGraph(div, model);
const zone = model.cells['zone-inside'];
const child = model.getChildAt(zone, 0);
const before = graph.view.getState(child).x;
graph.moveCells([zone], 100, 0);
const after = graph.view.getState(child).x;
const edgesFollow = cells.filter(c => c.edge && c.source && c.source.parent === zone).length;
return {
  cells: cells.length,
  xmlCells,
  vertices: cells.filter(c => c.vertex).length,
  edges: cells.filter(c => c.edge).length,
  badEdges, badParents, byKey, labels, names, roundTrip,
  moved: after - before, zoneChildren: model.getChildCount(zone), edgesFollow,
};
"#;

#[test]
fn mxgraph_decodes_every_cell_and_containers_hold_their_children() {
    if !browser::available() {
        return;
    }
    let Some(mx) = mxgraph() else { return };
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("diagram.drawio");
    let out = Command::new(env!("CARGO_BIN_EXE_koseizu"))
        .args([
            "map",
            sample().to_str().unwrap(),
            "--format",
            "drawio",
            "-o",
            file.to_str().unwrap(),
        ])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let xml = std::fs::read_to_string(&file).unwrap();
    assert!(
        xml.contains(r#"compressed="false""#) && xml.contains("<mxGraphModel"),
        "uncompressed"
    );
    let page = dir.path().join("load.html");
    std::fs::write(
        &page,
        format!(
            "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><script>var mxBasePath = {base}; var mxLoadResources = false; var mxLoadStylesheets = false; var DRAWIO = {xml};</script><script src={client}></script></head><body></body></html>",
            base = serde_json::to_string(&browser::file_url(&mx.join("src"))).unwrap(),
            client = serde_json::to_string(&browser::file_url(&mx.join("mxClient.js"))).unwrap(),
            xml = serde_json::to_string(&xml).unwrap().replace("</", "<\\/"),
        ),
    )
    .unwrap();
    let run = browser::run(&browser::file_url(&page), CHECK, false, None);
    assert!(run.exceptions.is_empty(), "{:#?}", run.exceptions);
    assert!(
        run.console.iter().all(|c| !c.starts_with("error")),
        "{:#?}",
        run.console
    );
    let r = &run.result;
    assert_eq!(r["cells"], r["xmlCells"], "every cell of the file decodes");
    assert!(r["edges"].as_u64().unwrap() > 20);
    assert_eq!(
        r["badEdges"],
        serde_json::json!([]),
        "edges with a missing end"
    );
    assert_eq!(
        r["badParents"],
        serde_json::json!([]),
        "cells inside a non-container"
    );
    assert_eq!(
        r["roundTrip"], true,
        "encoding the model back gives the same cells"
    );
    assert!(
        (r["moved"].as_f64().unwrap() - 100.0).abs() < 1e-6,
        "moving a zone moves its children: {}",
        r["moved"]
    );
    assert!(r["zoneChildren"].as_u64().unwrap() > 5);

    // Against the diagram itself: every item and box is a cell at the SVG's
    // coordinates, inside its own box.
    let loaded = koseizu::inputs::Inputs::load(
        &sample(),
        &koseizu::inputs::Scans::LatestPerScope,
        &mut |_| {},
    )
    .unwrap();
    let graph: InventoryGraph = loaded.graph();
    let site = loaded.site;
    let opts = RenderOptions {
        lang: site.meta.language,
        highlight: None,
        today: chrono::Local::now().date_naive(),
    };
    let (_, lay) = prepare(&site, &graph, &opts);
    let (tx, ty, s) = koseizu::render::drawio::content_transform(&lay);
    let by_key: BTreeMap<String, Value> = serde_json::from_value(r["byKey"].clone()).unwrap();
    let near = |a: f64, b: f64| (a - b).abs() < 0.2;
    for i in &lay.items {
        let c = by_key
            .get(&i.item.key)
            .unwrap_or_else(|| panic!("no cell for {}", i.item.key));
        let g: Vec<f64> = serde_json::from_value(c["geo"].clone()).unwrap();
        let want = [
            i.rect.x * s + tx,
            i.rect.y * s + ty,
            i.rect.w * s,
            i.rect.h * s,
        ];
        assert!(
            g.iter().zip(want).all(|(a, b)| near(*a, b)),
            "{}: {g:?} vs {want:?}",
            i.item.key
        );
        if let Some(b) = i.in_box {
            assert_eq!(
                c["parentKey"],
                lay.boxes[b].key.as_str(),
                "{} is inside its box",
                i.item.key
            );
        }
    }
    for b in &lay.boxes {
        let c = by_key
            .get(&b.key)
            .unwrap_or_else(|| panic!("no cell for {}", b.key));
        assert!(
            c["parent"].as_str().unwrap().starts_with("zone-"),
            "{} is inside a zone",
            b.key
        );
    }
    // Every external record's name is a cell value.
    let squeeze = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
    let values: Vec<String> = r["labels"]
        .as_array()
        .unwrap()
        .iter()
        .chain(r["names"].as_array().unwrap())
        .map(|v| squeeze(v.as_str().unwrap()))
        .collect();
    let mut names: Vec<String> = site.lines.iter().map(|l| l.name.clone()).collect();
    names.extend(site.circuits.iter().map(|c| c.vendor.clone()));
    names.extend(site.clouds.iter().map(|c| c.name.clone()));
    names.extend(site.clouds.iter().map(|c| c.provider.clone()));
    for n in names {
        assert!(
            values.iter().any(|v| v.contains(&squeeze(&n))),
            "{n:?} is no cell's value"
        );
    }
    // Records ride on the cells: a line's carrier, a device's IP and MAC.
    let l = &site.lines[0];
    assert!(xml.contains(&format!(
        r#"carrier="{}""#,
        koseizu::text::clean::xml(&l.carrier)
    )));
    let d = site
        .devices
        .iter()
        .find(|d| {
            d.mac.is_some()
                && lay
                    .items
                    .iter()
                    .any(|i| i.item.key == format!("dev:{}", d.id))
        })
        .unwrap();
    assert!(
        xml.contains(&format!(r#"mac="{}""#, d.mac.unwrap())),
        "{}",
        d.id
    );
}
