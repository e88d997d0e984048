//! Names are never lost on the diagram (issue 8, defect 2): every record's
//! full name is in the SVG, wrapped into the drawing where there is room,
//! else kept whole in the element's `<title>` (tooltip). Staff search the
//! file for names, and the manual wants external connections exact.
#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a failed unwrap is a failed test

#[path = "render_fixture.rs"]
mod fixture;

use koseizu::graph::{InventoryGraph, ScanMarks};
use koseizu::render::model::ItemKind;
use koseizu::render::{prepare, write_svg, RenderOptions};
use koseizu::site::{FlowKind, Lang, Site};
use koseizu::text::clean::page;
use quick_xml::events::Event;
use quick_xml::Reader;

/// What a reader of the file can find: for each element, its drawn text
/// lines joined (a wrapped name reads whole again), and every `<title>`;
/// whitespace removed, since wrapping breaks lines at spaces.
fn findable(svg: &str) -> Vec<String> {
    let mut r = Reader::from_str(svg);
    let mut out = Vec::new();
    // Joined text of each open <g>, innermost last.
    let mut groups: Vec<String> = Vec::new();
    let mut inside: Option<&'static str> = None;
    let mut title = String::new();
    loop {
        match r.read_event().expect("well-formed XML") {
            Event::Eof => break,
            Event::Start(e) => match e.name().as_ref() {
                b"g" => groups.push(String::new()),
                b"text" => inside = Some("text"),
                b"title" => {
                    inside = Some("title");
                    title.clear();
                }
                _ => {}
            },
            Event::End(e) => match e.name().as_ref() {
                b"g" => out.push(groups.pop().expect("balanced")),
                b"text" | b"title" => {
                    if inside == Some("title") {
                        out.push(std::mem::take(&mut title));
                    }
                    inside = None;
                }
                _ => {}
            },
            Event::Text(t) => {
                let t = quick_xml::escape::unescape(std::str::from_utf8(&t).unwrap())
                    .expect("escaped text")
                    .into_owned();
                match inside {
                    Some("text") => {
                        if let Some(g) = groups.last_mut() {
                            g.push_str(&t);
                        }
                    }
                    Some("title") => title.push_str(&t),
                    _ => {}
                }
            }
            _ => {}
        }
    }
    assert!(groups.is_empty(), "unclosed <g>");
    out.into_iter().map(|s| squeeze(&s)).collect()
}

fn squeeze(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

fn name_or_id(name: &str, id: &str) -> String {
    let n = page(name);
    if n.is_empty() {
        page(id)
    } else {
        n
    }
}

/// Every record's full name, with what it is (for the failure message).
fn expected_names(site: &Site, opts: &RenderOptions) -> Vec<(String, String)> {
    let g = InventoryGraph::build(site, ScanMarks::default());
    let (d, lay) = prepare(site, &g, opts);
    let mut want = Vec::new();
    let mut add = |what: &str, name: String| {
        if !name.is_empty() {
            want.push((what.to_string(), name));
        }
    };
    for s in &site.segments {
        add("segment", name_or_id(&s.name, &s.id));
    }
    for s in &site.systems {
        add("system", name_or_id(&s.name, &s.id));
    }
    for l in &site.lines {
        add("line", name_or_id(&l.name, &l.id));
    }
    for c in &site.circuits {
        add("vendor", page(&c.vendor));
        add("circuit method", page(&c.method));
    }
    for c in &site.clouds {
        add("cloud", name_or_id(&c.name, &c.id));
    }
    for f in &site.flows {
        add("flow", page(&f.description));
    }
    for (name, _) in g.outside_parties() {
        add("outside party", page(name));
    }
    // Devices drawn individually and groups are what the page shows at the
    // scale prepare settled on.
    for it in &lay.items {
        match it.item.kind {
            ItemKind::Device { .. } => {
                let id = it.item.key.trim_start_matches("dev:");
                let dev = site.devices.iter().find(|d| d.id == id).expect("a device");
                add("device", name_or_id(&dev.name, &dev.id));
            }
            ItemKind::Group { .. } => add("group", it.item.name.clone()),
            _ => {}
        }
    }
    assert!(
        d.inside.iter().any(|b| !b.groups.is_empty()),
        "the site has groups to check"
    );
    want
}

fn assert_every_name_findable(site: &Site, opts: &RenderOptions) {
    let g = InventoryGraph::build(site, ScanMarks::default());
    let mut out = Vec::new();
    write_svg(&mut out, site, &g, opts).unwrap();
    let svg = String::from_utf8(out).unwrap();
    assert!(!svg.contains("<script"), "raw markup leaked");
    let found = findable(&svg);
    let want = expected_names(site, opts);
    assert!(want.len() > 20, "only {} names checked", want.len());
    let missing: Vec<&(String, String)> = want
        .iter()
        .filter(|(_, name)| {
            let n = squeeze(name);
            !found.iter().any(|f| f.contains(&n))
        })
        .collect();
    assert!(
        missing.is_empty(),
        "names not in the SVG's text or titles: {missing:#?}"
    );
}

fn sample() -> Site {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("data");
    koseizu::site::load(&root).unwrap().site
}

#[test]
fn every_name_of_the_sample_is_in_the_svg() {
    for lang in [Lang::Ja, Lang::En] {
        let opts = RenderOptions {
            lang,
            ..Default::default()
        };
        assert_every_name_findable(&sample(), &opts);
    }
}

/// The fixture hospital with very long and hostile names on every kind of record.
fn hostile_site() -> Site {
    let mut site = fixture::hospital();
    let hostile = "<script>alert(1)</script>&\"引用\"'…";
    let long_ja = |what: &str| format!("{what}{}", "長い名前の医療情報".repeat(22));
    site.segments[0].name = format!("事務系{hostile}");
    site.segments[1].name = long_ja("セグメント");
    site.devices[0].name = hostile.to_string();
    for d in site.devices.iter_mut().skip(1).step_by(3) {
        d.name = long_ja(&d.id);
    }
    site.systems[0].name = long_ja("システム");
    site.systems[1].name = format!("{hostile}システム");
    site.lines[0].name = long_ja("回線");
    site.circuits[0].vendor = format!("{hostile}保守株式会社");
    site.circuits[0].method = format!("SSL-VPN / リモートデスクトップ {}", "経由".repeat(40));
    site.clouds[0].name = long_ja("クラウド");
    site.flows[0].description = long_ja("内容");
    site.flows.push(fixture::flow(
        &site.systems[0].id.clone(),
        &format!("院外の相手{hostile}{}", "株式会社".repeat(50)),
        FlowKind::Media,
        &format!("{hostile}{}", "画像".repeat(100)),
    ));
    site
}

#[test]
fn very_long_and_hostile_names_are_all_in_the_svg() {
    let site = hostile_site();
    assert!(site.segments[1].name.chars().count() >= 200);
    for lang in [Lang::Ja, Lang::En] {
        let opts = RenderOptions {
            lang,
            ..Default::default()
        };
        assert_every_name_findable(&site, &opts);
    }
}

/// A long name is wrapped into the drawing rather than left to the tooltip
/// when the box has room for it.
#[test]
fn a_name_that_fits_on_a_few_lines_is_wrapped_not_cut() {
    let mut site = fixture::hospital();
    let name = "電子カルテ・オーダリング統合サーバ（本番系・待機系）";
    let id = site
        .devices
        .iter()
        .find(|d| d.id == "srv-ehr")
        .map(|d| d.id.clone())
        .unwrap();
    if let Some(d) = site.devices.iter_mut().find(|d| d.id == id) {
        d.name = name.to_string();
    }
    let g = InventoryGraph::build(&site, ScanMarks::default());
    let (_, lay) = prepare(&site, &g, &RenderOptions::default());
    let item = lay
        .items
        .iter()
        .find(|i| i.item.key == format!("dev:{id}"))
        .expect("drawn individually");
    let drawn: String = item
        .lines
        .iter()
        .filter(|l| l.bold)
        .map(|l| l.text.as_str())
        .collect();
    assert!(item.lines.iter().filter(|l| l.bold).count() > 1, "wrapped");
    assert_eq!(drawn, name, "whole on the page");
    assert!(item.title.is_empty(), "no tooltip needed: {:?}", item.title);
}
