//! SVG writer tests: well-formed, complete, escaped, labels fit their boxes,
//! scan marks and highlight drawn on exactly the right things.
#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a failed unwrap is a failed test

#[path = "render_fixture.rs"]
mod fixture;

use std::collections::{HashMap, HashSet};

use koseizu::graph::{InventoryGraph, ScanMarks, UnregisteredHost};
use koseizu::render::text::text_width;
use koseizu::render::{write_svg, Highlight, RenderOptions};
use koseizu::site::{DeviceKind, Lang, Site};
use koseizu::snapshot::ExternalEvidence;
use quick_xml::events::Event;
use quick_xml::Reader;

fn svg_of(site: &Site, marks: ScanMarks, opts: &RenderOptions) -> String {
    let g = InventoryGraph::build(site, marks);
    let mut out = Vec::new();
    write_svg(&mut out, site, &g, opts).unwrap();
    String::from_utf8(out).unwrap()
}

#[derive(Debug, Default, Clone)]
struct Rect {
    x: f64,
    y: f64,
    w: f64,
    h: f64,
}

#[derive(Debug, Default, Clone)]
struct Text {
    x: f64,
    y: f64,
    size: f64,
    text: String,
}

/// A `<g>` of the SVG with its own box and texts.
#[derive(Debug, Default, Clone)]
struct Group {
    attrs: HashMap<String, String>,
    rect: Option<Rect>,
    texts: Vec<Text>,
}

impl Group {
    fn class(&self) -> &str {
        self.attrs.get("class").map(String::as_str).unwrap_or("")
    }
    fn has_class(&self, c: &str) -> bool {
        self.class().split_whitespace().any(|x| x == c)
    }
    fn nodes(&self) -> HashSet<usize> {
        self.attrs
            .get("data-nodes")
            .map(|s| s.split_whitespace().map(|n| n.parse().unwrap()).collect())
            .unwrap_or_default()
    }
    fn joined(&self) -> String {
        self.texts.iter().map(|t| t.text.as_str()).collect()
    }
}

/// Parses the whole document (failing on any XML error) into its groups.
fn parse(svg: &str) -> Vec<Group> {
    let mut r = Reader::from_str(svg);
    let mut stack: Vec<Group> = Vec::new();
    let mut done = Vec::new();
    let mut text: Option<Text> = None;
    let attrs = |e: &quick_xml::events::BytesStart| -> HashMap<String, String> {
        e.attributes()
            .map(|a| {
                let a = a.expect("well-formed attribute");
                (
                    String::from_utf8(a.key.as_ref().to_vec()).unwrap(),
                    quick_xml::escape::unescape(std::str::from_utf8(&a.value).unwrap())
                        .expect("escaped attribute")
                        .into_owned(),
                )
            })
            .collect()
    };
    let num = |m: &HashMap<String, String>, k: &str| {
        m.get(k).map(|v| v.parse::<f64>().unwrap()).unwrap_or(0.0)
    };
    loop {
        match r.read_event().expect("well-formed XML") {
            Event::Eof => break,
            Event::Start(e) if e.name().as_ref() == b"g" => stack.push(Group {
                attrs: attrs(&e),
                ..Default::default()
            }),
            Event::End(e) if e.name().as_ref() == b"g" => done.push(stack.pop().expect("balanced")),
            Event::Start(e) if e.name().as_ref() == b"text" => {
                let a = attrs(&e);
                text = Some(Text {
                    x: num(&a, "x"),
                    y: num(&a, "y"),
                    size: num(&a, "font-size"),
                    text: String::new(),
                });
            }
            Event::Text(t) => {
                if let Some(tx) = text.as_mut() {
                    tx.text.push_str(
                        &quick_xml::escape::unescape(std::str::from_utf8(&t).unwrap())
                            .expect("escaped text"),
                    );
                }
            }
            Event::End(e) if e.name().as_ref() == b"text" => {
                if let (Some(t), Some(g)) = (text.take(), stack.last_mut()) {
                    g.texts.push(t);
                }
            }
            Event::Empty(e) if e.name().as_ref() == b"rect" => {
                let a = attrs(&e);
                if a.get("class").map(String::as_str) == Some("box") {
                    if let Some(g) = stack.last_mut() {
                        g.rect = Some(Rect {
                            x: num(&a, "x"),
                            y: num(&a, "y"),
                            w: num(&a, "width"),
                            h: num(&a, "height"),
                        });
                    }
                }
            }
            _ => {}
        }
    }
    assert!(stack.is_empty(), "unclosed <g>");
    done
}

fn all_text(groups: &[Group]) -> String {
    groups.iter().map(|g| g.joined() + "\n").collect()
}

/// Every text of every group lies inside that group's box (same width estimate as the writer).
fn assert_labels_fit(groups: &[Group]) {
    let mut checked = 0;
    for g in groups {
        let Some(r) = &g.rect else { continue };
        for t in &g.texts {
            let w = text_width(&t.text, t.size);
            let eps = 0.1;
            assert!(
                t.x >= r.x - eps && t.x + w <= r.x + r.w + eps,
                "{:?} ({w:.1} wide) overflows {:?} in {}",
                t.text,
                r,
                g.class()
            );
            assert!(
                t.y - t.size * 0.8 >= r.y - eps && t.y <= r.y + r.h + eps,
                "{:?} outside {:?} vertically",
                t.text,
                r
            );
            checked += 1;
        }
    }
    assert!(checked > 20, "only {checked} labels checked");
}

/// Katakana (with ー) or a Latin letter/digit: the characters of a word
/// that must not be broken across lines when the label has another break.
fn word_class(c: char) -> Option<u8> {
    match c {
        // Katakana and ー; the middle dot ・ is a break point.
        '\u{30A1}'..='\u{30FA}' | 'ー' => Some(0),
        // Letters and digits apart: 「VLAN 10」 over 「DMZ」 are two labels.
        c if c.is_ascii_alphabetic() => Some(1),
        c if c.is_ascii_digit() => Some(2),
        _ => None,
    }
}

/// No label breaks a katakana or Latin word across two lines when it has
/// another break point (「地域連携ゲートウェ／イサーバ」 is wrong,
/// 「地域連携／ゲートウェイサーバ」 right). Allowed only where the word is
/// wider than its box, the label is that one word, or the label was cut
/// short (the fallback that keeps a name on the page).
///
/// A line break drops the space it falls on, and two labels of one box
/// (a line's carrier above its kind) sit like two lines of one: so a break
/// counts as inside a word only where the joined word is one in `source`
/// (the records and the translation table the page was drawn from).
fn assert_no_break_inside_words(groups: &[Group], source: &str) -> usize {
    let mut breaks = 0;
    for g in groups {
        let Some(r) = &g.rect else { continue };
        let truncated = g.texts.iter().any(|t| t.text.ends_with('…'));
        for pair in g.texts.windows(2) {
            let (a, b) = (&pair[0], &pair[1]);
            // The next line of the same label: same x and size, below it.
            if (a.x - b.x).abs() > 0.01 || (a.size - b.size).abs() > 0.01 || b.y <= a.y {
                continue;
            }
            breaks += 1;
            let (Some(last), Some(first)) = (a.text.chars().last(), b.text.chars().next()) else {
                continue;
            };
            let (Some(x), Some(y)) = (word_class(last), word_class(first)) else {
                continue;
            };
            if x != y || truncated {
                continue;
            }
            let head: String = a
                .text
                .chars()
                .rev()
                .take_while(|c| word_class(*c) == Some(x))
                .collect::<Vec<_>>()
                .into_iter()
                .rev()
                .collect();
            let tail: String = b
                .text
                .chars()
                .take_while(|c| word_class(*c) == Some(x))
                .collect();
            let word = format!("{head}{tail}");
            if !source.contains(&word) {
                continue;
            }
            let label = format!("{}{}", a.text, b.text);
            assert!(
                text_width(&word, a.size) > r.w || label == word,
                "「{}／{}」 breaks the word 「{word}」 although the label has another break point",
                a.text,
                b.text
            );
        }
    }
    breaks
}

/// Every text a page of `site` is drawn from: its records and both
/// languages of the translation table.
fn source_of(site: &Site) -> String {
    let mut s = format!("{site:?}");
    for w in koseizu::text::Word::ALL {
        s.push_str(w.ja());
        s.push('\n');
        s.push_str(w.en());
        s.push('\n');
    }
    s
}

/// The source of the word-break test's own cases.
const SOURCE: &str = "地域連携ゲートウェイサーバ 録画サーバ (FortiGate)";

#[test]
fn no_break_falls_inside_a_word_on_the_sample() {
    let data = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("data");
    let site = koseizu::site::load(&data).unwrap().site;
    for lang in [Lang::Ja, Lang::En] {
        let opts = RenderOptions {
            lang,
            ..Default::default()
        };
        let groups = parse(&svg_of(&site, ScanMarks::default(), &opts));
        assert_labels_fit(&groups);
        assert!(
            assert_no_break_inside_words(&groups, &source_of(&site)) > 10,
            "few wrapped labels"
        );
    }
}

#[test]
fn word_breaks_are_caught() {
    let r = Rect {
        x: 0.0,
        y: 0.0,
        w: 400.0,
        h: 100.0,
    };
    let text = |t: &str, y: f64| Text {
        x: 5.0,
        y,
        size: 20.0,
        text: t.into(),
    };
    let group = |a: &str, b: &str| Group {
        rect: Some(r.clone()),
        texts: vec![text(a, 30.0), text(b, 55.0)],
        ..Default::default()
    };
    let bad = std::panic::catch_unwind(|| {
        assert_no_break_inside_words(&[group("地域連携ゲートウェ", "イサーバ")], SOURCE)
    });
    assert!(bad.is_err(), "a katakana word broken");
    let bad = std::panic::catch_unwind(|| {
        assert_no_break_inside_words(&[group("録画サーバ (Forti", "Gate)")], SOURCE)
    });
    assert!(bad.is_err(), "a Latin word broken");
    assert_eq!(
        assert_no_break_inside_words(&[group("地域連携", "ゲートウェイサーバ")], SOURCE),
        1
    );
}

#[test]
fn well_formed_and_a3_landscape() {
    let svg = svg_of(
        &fixture::hospital(),
        ScanMarks::default(),
        &RenderOptions::default(),
    );
    parse(&svg);
    assert!(svg.contains(r#"width="420mm" height="297mm" viewBox="0 0 4200 2970""#));
    assert!(svg.contains("Noto Sans CJK JP"));
    assert!(svg.contains("更新日: 2026-04-01"));
    if let Ok(p) = std::env::var("KOSEIZU_SVG_OUT") {
        std::fs::write(p, &svg).unwrap();
    }
}

#[test]
fn every_external_and_segment_is_drawn() {
    let site = fixture::hospital();
    let groups = parse(&svg_of(
        &site,
        ScanMarks::default(),
        &RenderOptions::default(),
    ));
    let text = all_text(&groups);
    for l in &site.lines {
        assert!(text.contains(&l.name), "line {}", l.name);
        assert!(text.contains(&l.carrier), "carrier {}", l.carrier);
    }
    for c in &site.circuits {
        assert!(text.contains(&c.vendor), "vendor {}", c.vendor);
        assert!(
            text.contains(&c.method) && text.contains(&c.hours),
            "circuit {}",
            c.id
        );
    }
    for c in &site.clouds {
        assert!(
            text.contains(&c.name) && text.contains(&c.provider),
            "cloud {}",
            c.name
        );
    }
    for id in site.declared_external_devices() {
        let d = site.device(id).unwrap();
        let g = groups
            .iter()
            .find(|g| g.attrs.get("data-key") == Some(&format!("dev:{id}")))
            .expect("perimeter device drawn");
        assert!(g.joined().contains(&d.name));
    }
    for s in &site.segments {
        assert!(text.contains(&s.name), "segment {}", s.name);
    }
    assert!(text.contains("ネットワーク未接続"), "standalone group");
    assert!(text.contains("外部検査センター"), "outside party");
    assert!(text.contains("② 記録媒体"), "media flow arrow label");
    assert!(
        text.contains("② 血液分析装置（スタンドアロン） → 電子カルテ [記録媒体]: 検査結果"),
        "flow table row"
    );
    assert!(text.contains("① 電子カルテ → PACS: オーダ・画像参照"));
    assert!(groups.iter().any(|g| g.has_class("mediaflow")));
    assert!(groups.iter().any(|g| g.has_class("networkflow")));
}

#[test]
fn group_counts_equal_the_ledger() {
    let site = fixture::hospital();
    let groups = parse(&svg_of(
        &site,
        ScanMarks::default(),
        &RenderOptions::default(),
    ));
    let mut expected: HashMap<(String, DeviceKind), usize> = HashMap::new();
    for d in site.devices.iter().filter(|d| !d.kind.is_individual()) {
        let seg = d
            .segment
            .clone()
            .map(|s| format!("seg:{s}"))
            .unwrap_or("standalone".into());
        *expected.entry((seg, d.kind)).or_default() += 1;
    }
    for ((seg, kind), n) in &expected {
        let key = format!("{seg}/group:{kind:?}");
        let g = groups
            .iter()
            .find(|g| g.attrs.get("data-key") == Some(&key))
            .unwrap_or_else(|| panic!("{key}"));
        assert_eq!(g.texts[0].text, format!("{} ×{n}", kind.label(Lang::Ja)));
        assert_eq!(g.nodes().len(), *n);
    }
    assert!(expected.contains_key(&("seg:core".into(), DeviceKind::Pc)));
    assert_eq!(expected[&("seg:core".into(), DeviceKind::Pc)], 42);
}

#[test]
fn labels_fit_their_boxes() {
    let site = fixture::hospital();
    assert_labels_fit(&parse(&svg_of(
        &site,
        ScanMarks::default(),
        &RenderOptions::default(),
    )));
    let en = RenderOptions {
        lang: Lang::En,
        highlight: None,
        ..Default::default()
    };
    assert_labels_fit(&parse(&svg_of(&site, marks(&site), &en)));
    assert_no_break_inside_words(&parse(&svg_of(&site, marks(&site), &en)), &source_of(&site));
    assert_no_break_inside_words(
        &parse(&svg_of(
            &site,
            ScanMarks::default(),
            &RenderOptions::default(),
        )),
        &source_of(&site),
    );
}

fn hostile_site() -> Site {
    let mut site = fixture::hospital();
    let long = "長".repeat(1000) + &"x".repeat(1000);
    site.meta.name = "<script>alert('x')</script> & \"病院\"".into();
    site.devices[0].name = "<script>alert(1)</script>".into();
    site.devices[1].name = "A&B \"quoted\" 'single'".into();
    site.devices[2].name = long.clone();
    site.devices[3].name = "evil\u{202E}gpj.exe\u{2066}x\u{0007}".into();
    site.segments[1].name = long;
    site.lines[0].carrier = "]]><!-- \u{202D}".into();
    site.circuits[0].vendor = "<vendor & co>".into();
    site.circuits[0].method = "VPN\u{202E}NPV</text>".into();
    site.clouds[0].name = "☁ \u{2067}クラウド</svg>".into();
    site.flows[0].description = format!("{}\u{202E}<b>&amp;", "画像".repeat(300));
    site
}

#[test]
fn hostile_names_are_escaped_and_fit() {
    let site = hostile_site();
    let svg = svg_of(&site, ScanMarks::default(), &RenderOptions::default());
    let groups = parse(&svg);
    assert!(!svg.contains("<script"), "raw markup leaked");
    for c in ['\u{202E}', '\u{2066}', '\u{202D}', '\u{0007}'] {
        assert!(!svg.contains(c), "bidi/control {c:?} leaked");
    }
    let text = all_text(&groups);
    assert!(
        text.contains("<script>alert(1)</script>"),
        "escaped text reads back as written"
    );
    assert!(text.contains("A&B \"quoted\" 'single'"));
    assert!(text.contains("evilgpj.exex"));
    assert!(text.contains("<vendor & co>"));
    assert!(text.contains("VPNNPV</text>"), "circuit method");
    assert!(text.contains("☁ クラウド</svg>"), "cloud name");
    assert!(
        !text.contains("<b>&amp;") && text.contains("画像画像"),
        "the 600-character flow description is cut in the flow table"
    );
    assert!(text.contains('…'), "the 2,000-character name is cut");
    assert_labels_fit(&groups);
}

fn marks(site: &Site) -> ScanMarks {
    let host = |ip: &str, seg: Option<&str>, external: Vec<ExternalEvidence>| UnregisteredHost {
        ip: ip.parse().unwrap(),
        mac: Some("02:00:00:00:00:01".parse().unwrap()),
        vendor: Some("<Evil> Corp".into()),
        segment: seg.map(Into::into),
        external,
        randomised_mac: true,
    };
    assert!(site.device("srv-pacs").is_some());
    ScanMarks {
        switch_links: Vec::new(),
        ways_out_to_check: Default::default(),
        scanned: None,
        unseen_devices: ["srv-ehr2".to_string()].into(),
        undeclared_external_devices: ["srv-pacs".to_string()].into(),
        unregistered: vec![
            host("10.0.5.5", Some("core"), vec![]),
            host(
                "10.0.5.6",
                Some("core"),
                vec![ExternalEvidence::DefaultGateway],
            ),
            host("192.168.77.7", None, vec![]),
        ],
    }
}

#[test]
fn scan_marks_cannot_be_missed() {
    let site = fixture::hospital();
    let svg = svg_of(&site, marks(&site), &RenderOptions::default());
    if let Ok(p) = std::env::var("KOSEIZU_SVG_MARKS") {
        std::fs::write(p, &svg).unwrap();
    }
    let groups = parse(&svg);
    let by_key = |k: &str| {
        groups
            .iter()
            .find(|g| g.attrs.get("data-key").map(String::as_str) == Some(k))
            .unwrap_or_else(|| panic!("{k}"))
    };
    let u0 = by_key("unreg:0");
    assert!(u0.has_class("mark-unregistered") && u0.joined().contains("⚠ 未登録 10.0.5.5"));
    let u1 = by_key("unreg:1");
    assert!(
        u1.has_class("mark-undeclared-external")
            && u1.joined().contains("構成図に未記載の外部接続")
    );
    let pacs = by_key("dev:srv-pacs");
    assert!(pacs.has_class("mark-undeclared-external"));
    assert!(by_key("dev:srv-ehr2").has_class("mark-unseen"));
    assert!(by_key("unreg:2").has_class("mark-unregistered"));
    assert!(
        all_text(&groups).contains("所属不明"),
        "unknown-segment area"
    );
    // The undeclared ones stand in the perimeter band, above every inside segment.
    let inside_top = groups
        .iter()
        .find(|g| g.has_class("zone-inside"))
        .unwrap()
        .rect
        .clone()
        .unwrap()
        .y;
    assert!(pacs.rect.clone().unwrap().y < inside_top && u1.rect.clone().unwrap().y < inside_top);
    assert!(u0.rect.clone().unwrap().y > inside_top);
    let legend = all_text(&groups);
    // Each legend entry says what it counts, in the glossary's words.
    assert!(legend.contains("⚠ 台帳に未登録の機器 3台"), "legend counts");
    assert!(legend.contains("⚠ 構成図に未記載の外部接続 2台"));
    assert!(legend.contains("台帳にあるが今回未検出 1台"));
    // Without marks, no mark is drawn.
    let plain = parse(&svg_of(
        &site,
        ScanMarks::default(),
        &RenderOptions::default(),
    ));
    assert!(!plain.iter().any(|g| g.class().contains("mark-")));
}

#[test]
fn english_switches_words_not_names() {
    let site = fixture::hospital();
    let groups = parse(&svg_of(
        &site,
        ScanMarks::default(),
        &RenderOptions {
            lang: Lang::En,
            highlight: None,
            ..Default::default()
        },
    ));
    let text = all_text(&groups);
    for w in [
        "Outside the hospital",
        "Perimeter",
        "Inside the hospital",
        "PC ×42",
        "Legend",
        "Updated: 2026-04-01",
        "Standalone",
    ] {
        assert!(text.contains(w), "{w}");
    }
    for w in ["院外", "パソコン", "凡例", "更新日"] {
        assert!(!text.contains(w), "{w}");
    }
    assert!(text.contains("電子カルテサーバ"), "names stay as written");
}

#[test]
fn highlight_marks_exactly_the_given_nodes() {
    let site = fixture::hospital();
    let g = InventoryGraph::build(&site, ScanMarks::default());
    let route: HashSet<_> = [
        g.line("inet").unwrap(),
        g.device("rt1").unwrap(),
        g.device("fw1").unwrap(),
    ]
    .into();
    let scope: HashSet<_> = [
        g.segment("core").unwrap(),
        g.device("srv-ehr").unwrap(),
        g.device("pc3").unwrap(),
    ]
    .into();
    let opts = RenderOptions {
        lang: Lang::Ja,
        highlight: Some(Highlight {
            route: route.clone(),
            scope: scope.clone(),
            origin: None,
        }),
        ..Default::default()
    };
    let mut out = Vec::new();
    write_svg(&mut out, &site, &g, &opts).unwrap();
    let svg = String::from_utf8(out).unwrap();
    if let Ok(p) = std::env::var("KOSEIZU_SVG_HIGHLIGHT") {
        std::fs::write(p, &svg).unwrap();
    }
    let groups = parse(&svg);
    let route_ix: HashSet<usize> = route.iter().map(|n| n.index()).collect();
    let scope_ix: HashSet<usize> = scope.iter().map(|n| n.index()).collect();
    let mut seen_route = HashSet::new();
    let mut seen_scope = HashSet::new();
    for gr in groups.iter().filter(|g| g.attrs.contains_key("data-nodes")) {
        let n = gr.nodes();
        let in_route = !n.is_disjoint(&route_ix);
        let in_scope = !n.is_disjoint(&scope_ix);
        assert_eq!(gr.has_class("route"), in_route, "{:?}", gr.attrs);
        assert_eq!(
            gr.has_class("scope"),
            !in_route && in_scope,
            "{:?}",
            gr.attrs
        );
        assert_eq!(
            gr.has_class("faded"),
            !in_route && !in_scope,
            "{:?}",
            gr.attrs
        );
        if gr.has_class("route") {
            seen_route.extend(n.intersection(&route_ix).copied());
        }
        if gr.has_class("scope") {
            seen_scope.extend(n.intersection(&scope_ix).copied());
        }
    }
    assert_eq!(
        seen_route, route_ix,
        "every route node drawn in the route colour"
    );
    assert_eq!(seen_scope, scope_ix);
    let text = all_text(&groups);
    assert!(
        text.contains("侵入経路") && text.contains("影響範囲"),
        "legend"
    );
    assert!(
        text.contains("影響 1"),
        "the PC group says how many of its devices are affected"
    );
}

#[test]
fn forty_segment_hospital_stays_on_one_readable_page() {
    let mut site = fixture::hospital();
    for s in 0..40 {
        site.segments.push(fixture::seg(
            &format!("ward{s}"),
            &format!("病棟{s}階 ナースステーション"),
            &format!("10.{}.0.0/16", 100 + s),
            None,
        ));
        for d in 0..100 {
            let kind = [
                DeviceKind::Pc,
                DeviceKind::Printer,
                DeviceKind::Medical,
                DeviceKind::Server,
            ][d % 4];
            site.devices.push(fixture::dev(
                &format!("w{s}-{d}"),
                &format!("W{s}-{d}"),
                kind,
                Some(&format!("ward{s}")),
                None,
                None,
            ));
        }
    }
    let svg = svg_of(&site, ScanMarks::default(), &RenderOptions::default());
    let groups = parse(&svg);
    let text = all_text(&groups);
    for s in &site.segments {
        assert!(text.contains(&s.name), "{}", s.name);
    }
    assert_labels_fit(&groups);
    // The content is scaled to the page; text must stay printable.
    let scale: f64 = svg
        .split("scale(")
        .nth(1)
        .unwrap()
        .split(')')
        .next()
        .unwrap()
        .parse()
        .unwrap();
    assert!(
        scale >= koseizu::render::MIN_READABLE_SCALE - 1e-3,
        "page scale {scale}"
    );
    // Whatever is not drawn individually is counted: every device is on the page once.
    let mut drawn = HashSet::new();
    for g in groups
        .iter()
        .filter(|g| g.has_class("device") || g.has_class("group"))
    {
        for n in g.nodes() {
            assert!(drawn.insert(n), "node {n} drawn twice");
        }
    }
    assert_eq!(drawn.len(), site.devices.len());
    if let Ok(p) = std::env::var("KOSEIZU_SVG_OUT40") {
        std::fs::write(p, &svg).unwrap();
    }
}

#[test]
fn an_empty_site_still_draws_a_valid_page() {
    let mut site = fixture::hospital();
    site.segments.clear();
    site.devices.clear();
    site.systems.clear();
    site.lines.clear();
    site.circuits.clear();
    site.clouds.clear();
    site.flows.clear();
    site.meta.updated = None;
    let opts = RenderOptions {
        today: chrono::NaiveDate::from_ymd_opt(2026, 3, 31).unwrap(),
        ..Default::default()
    };
    let svg = svg_of(&site, ScanMarks::default(), &opts);
    let groups = parse(&svg);
    let text = all_text(&groups);
    assert!(
        text.contains("作成日: 2026-03-31"),
        "no update date: the day given in the options is shown as the creation date"
    );
    assert!(text.contains("機器 0台"));
    assert!(
        !svg.contains("NaN") && !svg.contains("inf"),
        "no broken numbers"
    );
}

/// Uplinks to inside segments run along corridors and gutters: no segment of
/// such a path passes through the inside of any segment box.
#[test]
fn uplinks_never_cross_a_segment_box() {
    let mut site = fixture::hospital();
    for s in 0..40 {
        site.segments.push(fixture::seg(
            &format!("ward{s}"),
            &format!("病棟{s}"),
            &format!("10.{}.0.0/16", 100 + s),
            None,
        ));
        site.devices.push(fixture::dev(
            &format!("gw{s}"),
            &format!("GW{s}"),
            DeviceKind::Router,
            Some(&format!("ward{s}")),
            None,
            None,
        ));
        site.lines.push(fixture::line(
            &format!("l{s}"),
            &format!("回線{s}"),
            "X",
            koseizu::site::LineKind::Mobile,
            &format!("gw{s}"),
        ));
    }
    let svg = svg_of(&site, ScanMarks::default(), &RenderOptions::default());
    let groups = parse(&svg);
    let boxes: Vec<Rect> = groups
        .iter()
        .filter(|g| {
            g.attrs
                .get("data-key")
                .is_some_and(|k| k.starts_with("seg:"))
        })
        .filter_map(|g| g.rect.clone())
        .collect();
    // Paths of uplinks (orthogonal: M, V, H commands only).
    let mut checked = 0;
    for part in svg.split(r#"<g class="link uplink""#).skip(1) {
        let d = part
            .split(r#"<path d=""#)
            .nth(1)
            .unwrap()
            .split('"')
            .next()
            .unwrap();
        if d.contains('C') {
            continue; // a curve between neighbours in the perimeter band
        }
        let (mut x, mut y) = (0.0f64, 0.0f64);
        for cmd in d.split_whitespace() {
            let (c, v) = cmd.split_at(1);
            let (nx, ny) = match c {
                "M" => {
                    let (a, b) = v.split_once(',').unwrap();
                    (a.parse().unwrap(), b.parse().unwrap())
                }
                "V" => (x, v.parse().unwrap()),
                "H" => (v.parse().unwrap(), y),
                other => panic!("unexpected path command {other}"),
            };
            if c != "M" {
                for b in &boxes {
                    let inside_x = |px: f64| px > b.x + 1.0 && px < b.x + b.w - 1.0;
                    let inside_y = |py: f64| py > b.y + 1.0 && py < b.y + b.h - 1.0;
                    let crosses = if c == "V" {
                        inside_x(x) && y.min(ny) < b.y + b.h - 1.0 && y.max(ny) > b.y + 1.0
                    } else {
                        inside_y(y) && x.min(nx) < b.x + b.w - 1.0 && x.max(nx) > b.x + 1.0
                    };
                    assert!(!crosses, "uplink {d} crosses box {b:?}");
                }
                checked += 1;
            }
            (x, y) = (nx, ny);
        }
    }
    assert!(checked > 40, "only {checked} path segments checked");
}

/// The impact view on the bundled sample: a real intrusion-route answer drawn
/// with exactly its route and scope nodes emphasised.
#[test]
fn impact_answer_on_the_sample_is_highlighted() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("data");
    let site = koseizu::site::load(&root).unwrap().site;
    let g = InventoryGraph::build(&site, ScanMarks::default());
    let target = koseizu::impact::resolve(&site, &g, "NW-005").unwrap();
    let answer = koseizu::impact::analyse(&site, &g, &target);
    let (route, scope) = (answer.route_nodes(), answer.scope_nodes());
    assert!(!route.is_empty());
    let opts = RenderOptions {
        lang: Lang::Ja,
        highlight: Some(Highlight {
            route: route.clone(),
            scope: scope.clone(),
            origin: None,
        }),
        ..Default::default()
    };
    let mut out = Vec::new();
    write_svg(&mut out, &site, &g, &opts).unwrap();
    let svg = String::from_utf8(out).unwrap();
    if let Ok(p) = std::env::var("KOSEIZU_SVG_IMPACT") {
        std::fs::write(p, &svg).unwrap();
    }
    let groups = parse(&svg);
    let route_ix: HashSet<usize> = route.iter().map(|n| n.index()).collect();
    let scope_ix: HashSet<usize> = scope.iter().map(|n| n.index()).collect();
    for gr in groups.iter().filter(|g| g.attrs.contains_key("data-nodes")) {
        let n = gr.nodes();
        assert_eq!(
            gr.has_class("route"),
            !n.is_disjoint(&route_ix),
            "{:?}",
            gr.attrs
        );
        assert_eq!(
            gr.has_class("faded"),
            n.is_disjoint(&route_ix) && n.is_disjoint(&scope_ix),
            "{:?}",
            gr.attrs
        );
    }
    assert!(groups
        .iter()
        .any(
            |g| g.attrs.get("data-key").map(String::as_str) == Some("dev:NW-005")
                && g.has_class("route")
        ));
    assert_labels_fit(&groups);
}

/// Synthetic sites of many shapes: never a panic, always well-formed, every label fits.
#[test]
fn synthetic_sites_of_many_shapes_render_cleanly() {
    use koseizu::synth::{synthetic_site, synthetic_snapshot, SnapSpec, SynthSpec};
    for seed in 0..12u64 {
        let spec = SynthSpec {
            devices: 20 + (seed as usize * 37) % 400,
            segments: 1 + (seed as usize * 7) % 30,
            externals: (seed as usize * 5) % 25,
            seed,
        };
        let site = synthetic_site(&spec);
        let snap = synthetic_snapshot(
            &site,
            &SnapSpec {
                seen_fraction: 0.8,
                unregistered: seed as usize % 4,
                undeclared_routers: seed as usize % 2,
                seed,
            },
        );
        let marks = koseizu::inventory::scan_marks(&site, &[snap]);
        for lang in [Lang::Ja, Lang::En] {
            let svg = svg_of(
                &site,
                marks.clone(),
                &RenderOptions {
                    lang,
                    highlight: None,
                    ..Default::default()
                },
            );
            let groups = parse(&svg);
            for s in &site.segments {
                let key = format!("seg:{}", s.id);
                let g = groups
                    .iter()
                    .find(|g| g.attrs.get("data-key") == Some(&key))
                    .unwrap_or_else(|| panic!("seed {seed}: {key} not drawn"));
                let title: String = g
                    .texts
                    .iter()
                    .filter(|t| t.size > 25.0)
                    .map(|t| t.text.as_str())
                    .collect();
                assert!(
                    title == s.name || title.ends_with('…'),
                    "seed {seed}: {title:?} vs {:?}",
                    s.name
                );
            }
            for g in &groups {
                let Some(r) = &g.rect else { continue };
                for t in &g.texts {
                    assert!(
                        t.x + text_width(&t.text, t.size) <= r.x + r.w + 0.1,
                        "seed {seed}: {:?} overflows",
                        t.text
                    );
                }
            }
        }
    }
}

/// Every link label is drawn after every link path: a connection drawn later
/// must not run across the label of one drawn earlier.
#[test]
fn no_link_path_is_drawn_over_a_link_label() {
    let site = fixture::hospital();
    let svg = svg_of(&site, ScanMarks::default(), &RenderOptions::default());
    let first_label = svg
        .find(r#"<g class="node link-label">"#)
        .expect("the fixture has labelled links");
    let last_path = svg
        .match_indices(r#"<g class="link "#)
        .map(|(i, _)| i)
        .max()
        .expect("the fixture has links");
    assert!(
        last_path < first_label,
        "a link path comes after a link label"
    );
}
