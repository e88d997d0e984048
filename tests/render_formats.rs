//! DOT and JSON writers: same labels as the SVG, escaped, counts equal the ledger.
#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a failed unwrap is a failed test

#[path = "render_fixture.rs"]
mod fixture;

use koseizu::graph::{InventoryGraph, ScanMarks};
use koseizu::render::dot::escape_dot;
use koseizu::render::{write_dot, write_json, write_svg, RenderOptions};
use koseizu::site::{Lang, Site};
use quick_xml::events::Event;
use quick_xml::Reader;

fn out(
    site: &Site,
    f: fn(&mut dyn std::io::Write, &Site, &InventoryGraph, &RenderOptions) -> std::io::Result<()>,
    lang: Lang,
) -> String {
    let g = InventoryGraph::build(site, ScanMarks::default());
    let mut v = Vec::new();
    f(
        &mut v,
        site,
        &g,
        &RenderOptions {
            lang,
            highlight: None,
            ..Default::default()
        },
    )
    .unwrap();
    String::from_utf8(v).unwrap()
}

/// Texts of the diagram's items and boxes (not title, legend or zone titles).
fn svg_node_texts(svg: &str) -> Vec<String> {
    let mut r = Reader::from_str(svg);
    let mut classes: Vec<String> = Vec::new();
    let mut in_text = false;
    let mut texts = Vec::new();
    loop {
        match r.read_event().unwrap() {
            Event::Eof => break,
            Event::Start(e) if e.name().as_ref() == b"g" => {
                let c = e
                    .attributes()
                    .filter_map(Result::ok)
                    .find(|a| a.key.as_ref() == b"class")
                    .map(|a| {
                        quick_xml::escape::unescape(std::str::from_utf8(&a.value).unwrap())
                            .unwrap()
                            .into_owned()
                    })
                    .unwrap_or_default();
                classes.push(c);
            }
            Event::End(e) if e.name().as_ref() == b"g" => {
                classes.pop();
            }
            Event::Start(e) if e.name().as_ref() == b"text" => in_text = true,
            Event::End(e) if e.name().as_ref() == b"text" => in_text = false,
            Event::Text(t) if in_text => {
                let c = classes.last().cloned().unwrap_or_default();
                let diagram_node = c.starts_with("node ")
                    && !c.contains("legend")
                    && !c.contains("title")
                    && !c.contains("zone");
                if diagram_node || c.contains("link-label") {
                    texts.push(
                        quick_xml::escape::unescape(std::str::from_utf8(&t).unwrap())
                            .unwrap()
                            .into_owned(),
                    );
                }
            }
            _ => {}
        }
    }
    texts
}

/// Checks DOT strings are closed and braces balance outside strings.
fn assert_dot_well_formed(dot: &str) {
    let (mut in_str, mut esc, mut depth) = (false, false, 0i32);
    for c in dot.chars() {
        if in_str {
            match (esc, c) {
                (true, _) => esc = false,
                (false, '\\') => esc = true,
                (false, '"') => in_str = false,
                _ => {}
            }
        } else {
            match c {
                '"' => in_str = true,
                '{' => depth += 1,
                '}' => depth -= 1,
                _ => {}
            }
            assert!(depth >= 0);
        }
    }
    assert!(!in_str && depth == 0, "unbalanced DOT");
}

#[test]
fn dot_has_the_same_labels_as_the_svg() {
    for lang in [Lang::Ja, Lang::En] {
        let site = fixture::hospital();
        let svg = out(&site, write_svg, lang);
        let dot = out(&site, write_dot, lang);
        assert_dot_well_formed(&dot);
        let texts = svg_node_texts(&svg);
        assert!(texts.len() > 40, "{}", texts.len());
        for t in texts {
            assert!(dot.contains(&escape_dot(&t)), "DOT lacks {t:?}");
        }
        for c in [
            "cluster_outside",
            "cluster_perimeter",
            "cluster_inside",
            "style=dashed",
        ] {
            assert!(dot.contains(c), "{c}");
        }
    }
}

#[test]
fn dot_escapes_hostile_names() {
    let mut site = fixture::hospital();
    site.devices[0].name = "a\"b\\\"; evil [label=x]\u{202E}".into();
    site.segments[1].name = "}\"{ digraph".into();
    site.circuits[0].vendor = "x\\".into();
    let dot = out(&site, write_dot, Lang::Ja);
    assert_dot_well_formed(&dot);
    assert!(dot.contains(r#"a\"b\\\"; evil [label=x]"#));
    assert!(!dot.contains('\u{202E}'));
}

#[test]
fn json_counts_equal_the_ledger() {
    let site = fixture::hospital();
    let v: serde_json::Value = serde_json::from_str(&out(&site, write_json, Lang::Ja)).unwrap();
    assert_eq!(v["format"], "koseizu-diagram");
    assert_eq!(v["totals"]["devices"], site.devices.len());
    assert_eq!(v["totals"]["segments"], site.segments.len());
    let mut counted = 0;
    let boxes: Vec<&serde_json::Value> = v["inside"]
        .as_array()
        .unwrap()
        .iter()
        .chain(v["dmz"].as_array().unwrap())
        .collect();
    for b in &boxes {
        counted += b["devices"].as_array().unwrap().len();
        for g in b["groups"].as_array().unwrap() {
            let n = g["count"].as_u64().unwrap() as usize;
            assert_eq!(g["nodes"].as_array().unwrap().len(), n);
            counted += n;
        }
    }
    counted += v["perimeter"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|i| i["kind"]["type"] == "device")
        .count();
    assert_eq!(
        counted,
        site.devices.len(),
        "every device counted exactly once"
    );
    let core = boxes.iter().find(|b| b["key"] == "seg:core").unwrap();
    let pcs = core["groups"]
        .as_array()
        .unwrap()
        .iter()
        .find(|g| g["kind"]["kind"] == "pc")
        .unwrap();
    assert_eq!(pcs["count"], 42);
    assert_eq!(pcs["name"], "パソコン ×42");
    let own_line = v["links"].as_array().unwrap().iter().any(|l| {
        l["from"] == "vendor:Aメディカル" && l["to"] == "dev:rt-ehr" && l["kind"] == "circuit"
    });
    assert!(own_line, "a vendor's own line goes straight to its device");
    let kinds: Vec<&str> = v["links"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["kind"].as_str().unwrap())
        .collect();
    for k in [
        "terminates",
        "circuit",
        "cloud-line",
        "uplink",
        "network-flow",
        "media-flow",
    ] {
        assert!(kinds.contains(&k), "{k}");
    }
}

#[test]
fn circuits_over_one_line_to_one_device_merge() {
    let mut site = fixture::hospital();
    site.circuits.push(fixture::circuit(
        "m3",
        "C社",
        "pacs",
        Some("inet"),
        "vpn1",
        "SSL-VPN",
        "常時",
    ));
    site.circuits.push(fixture::circuit(
        "m4",
        "D社",
        "pacs",
        Some("inet"),
        "vpn1",
        "IPsec-VPN",
        "常時",
    ));
    let v: serde_json::Value = serde_json::from_str(&out(&site, write_json, Lang::Ja)).unwrap();
    let hits: Vec<&serde_json::Value> = v["links"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|l| l["from"] == "line:inet" && l["to"] == "dev:vpn1")
        .collect();
    assert_eq!(hits.len(), 1);
    assert_eq!(hits[0]["label"], "IPsec-VPN / SSL-VPN");
    // Each vendor still has its own link to the line.
    let vendors = v["links"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|l| l["to"] == "line:inet" && l["kind"] == "circuit")
        .count();
    assert_eq!(vendors, 3);
}

/// Graphviz itself accepts the DOT (skipped where Graphviz is not installed).
#[test]
fn graphviz_accepts_the_dot() {
    let Ok(status) = std::process::Command::new("dot").arg("-V").output() else {
        eprintln!("graphviz not installed: skipped");
        return;
    };
    assert!(status.status.success());
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("d.dot");
    std::fs::write(&file, out(&fixture::hospital(), write_dot, Lang::Ja)).unwrap();
    let run = std::process::Command::new("dot")
        .arg("-Tsvg")
        .arg(&file)
        .output()
        .unwrap();
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    assert!(String::from_utf8_lossy(&run.stdout).contains("電子カルテサーバ"));
}

/// Graphviz decodes HTML entities in plain labels, so a name spelling an
/// entity must reach the DOT with its `&` escaped: it must not turn into a
/// bidi override or markup in Graphviz's own output.
#[test]
fn dot_names_spelling_entities_stay_literal() {
    let mut site = fixture::hospital();
    site.devices[0].name = "evil&#x202E;gpj.exe".into();
    site.segments[1].name = "R&D &lt;lab&gt;".into();
    let dot = out(&site, write_dot, Lang::Ja);
    assert_dot_well_formed(&dot);
    assert!(
        dot.contains("evil&amp;#x202E;gpj.exe"),
        "entity not escaped"
    );
    assert!(dot.contains("R&amp;D &amp;lt;lab&amp;gt;"));
    assert!(!dot.contains("evil&#x202E;"));

    let Ok(version) = std::process::Command::new("dot").arg("-V").output() else {
        eprintln!("graphviz not installed: rendering skipped");
        return;
    };
    assert!(version.status.success());
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("d.dot");
    std::fs::write(&file, &dot).unwrap();
    let run = std::process::Command::new("dot")
        .arg("-Tsvg")
        .arg(&file)
        .output()
        .unwrap();
    assert!(run.status.success());
    let svg = String::from_utf8_lossy(&run.stdout);
    assert!(
        !svg.contains('\u{202E}'),
        "Graphviz produced a bidi override"
    );
    assert!(
        svg.contains("evil&amp;#x202E;gpj.exe"),
        "name not shown as written"
    );
}

/// The JSON names what the diagram shows (names cleaned like the SVG's), and
/// whatever else reaches it raw (ids in keys, line separators) is written as
/// an escape, so the file cannot be reordered when someone reads it.
#[test]
fn json_has_no_raw_bidi_controls() {
    let mut site = fixture::hospital();
    site.devices[0].name = "evil\u{202E}gpj.exe\u{2066}x\u{2028}y".into();
    site.meta.name = "病院\u{200F}".into();
    let old_id = site.devices[1].id.clone();
    let id = format!("{old_id}\u{202E}");
    for f in &mut site.flows {
        for end in [&mut f.from, &mut f.to] {
            if *end == old_id {
                *end = id.clone();
            }
        }
    }
    site.devices[1].id = id.clone();
    let json = out(&site, write_json, Lang::Ja);
    for c in ['\u{202E}', '\u{2066}', '\u{2028}', '\u{200F}'] {
        assert!(!json.contains(c), "{c:?} written raw");
    }
    assert!(
        json.contains("evilgpj.exexy"),
        "name as the SVG shows it (the page policy drops U+2028 too)"
    );
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert!(
        json_strings(&v).iter().any(|s| s.contains(&id)),
        "the id does not decode back as written"
    );
}
fn json_strings(v: &serde_json::Value) -> Vec<String> {
    match v {
        serde_json::Value::String(s) => vec![s.clone()],
        serde_json::Value::Array(a) => a.iter().flat_map(json_strings).collect(),
        serde_json::Value::Object(o) => o.values().flat_map(json_strings).collect(),
        _ => Vec::new(),
    }
}
