//! `koseizu report` in headless Chromium (DevTools protocol, network cut):
//! the sample's report loads with no console error and no request
//! attempted, search narrows the table, clicking a device highlights on
//! the diagram exactly what `koseizu impact --from X -o x.svg` highlights
//! (for every device, unregistered host, line, circuit and cloud service of
//! the sample), and hostile names execute nothing.

mod browser;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Command;

use quick_xml::events::Event;
use quick_xml::Reader;
use serde_json::{json, Value};

fn sample() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("data")
}

fn koseizu(args: &[&str]) -> std::process::Output {
    let out = Command::new(env!("CARGO_BIN_EXE_koseizu"))
        .args(args)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

/// The report of `site` written to a temp dir.
fn report(site: &Path, extra: &[&str]) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("report.html");
    let mut args = vec![
        "report",
        site.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
    ];
    args.extend_from_slice(extra);
    koseizu(&args);
    (dir, out)
}

/// The JSON block the report embeds.
fn embedded(html: &str) -> Value {
    let start = html
        .find(r#"<script type="application/json" id="report-data">"#)
        .unwrap();
    let rest = &html[start..];
    let open = rest.find('>').unwrap() + 1;
    let close = rest.find("</script>").unwrap();
    serde_json::from_str(&rest[open..close]).unwrap()
}

fn assert_clean(run: &browser::Run) {
    assert!(run.console.is_empty(), "console: {:#?}", run.console);
    assert!(
        run.exceptions.is_empty(),
        "exceptions: {:#?}",
        run.exceptions
    );
    assert!(run.requests.is_empty(), "requests: {:#?}", run.requests);
    assert!(run.dialogs.is_empty(), "dialogs: {:#?}", run.dialogs);
}

/// One drawing's elements, named so that they can be found in another
/// drawing of the same diagram (the impact view lays the page out again,
/// highlighted connections drawn last: coordinates and link ids differ).
#[derive(Default)]
struct Drawing {
    /// Item and box rects by data-key.
    rects: Vec<(String, [f64; 4])>,
    /// Element id → (name, stroke).
    elems: BTreeMap<String, (String, String)>,
}

fn ends(d: &str) -> ((f64, f64), (f64, f64)) {
    let nums: Vec<f64> = d
        .split(|c: char| !(c.is_ascii_digit() || c == '.' || c == '-'))
        .filter(|s| !s.is_empty())
        .map(|s| s.parse().unwrap())
        .collect();
    // The last point: a path ending in V or H has a lone last coordinate.
    let (mut x, mut y) = (nums[0], nums[1]);
    let mut cmd_x = x;
    let mut cmd_y = y;
    let mut i = 0;
    let mut it = d.chars().peekable();
    let mut cmd = 'M';
    while let Some(c) = it.next() {
        if c.is_ascii_alphabetic() {
            cmd = c;
            continue;
        }
        if c.is_ascii_digit() || c == '-' || c == '.' {
            let mut t = String::from(c);
            while let Some(&n) = it.peek() {
                if n.is_ascii_digit() || n == '.' {
                    t.push(n);
                    it.next();
                } else {
                    break;
                }
            }
            let v: f64 = t.parse().unwrap();
            match cmd {
                'H' => cmd_x = v,
                'V' => cmd_y = v,
                _ => {
                    if i % 2 == 0 {
                        cmd_x = v
                    } else {
                        cmd_y = v
                    }
                    i += 1;
                }
            }
            x = cmd_x;
            y = cmd_y;
        }
    }
    ((nums[0], nums[1]), (x, y))
}

impl Drawing {
    fn parse(svg: &str) -> Drawing {
        let mut dr = Drawing::default();
        let mut reader = Reader::from_str(svg);
        let mut in_key: Option<String> = None;
        // Inside a connection or tag: (id, class, first stroke, d or text).
        let mut link: Option<(String, String, Option<String>, String)> = None;
        let mut links = Vec::new();
        let mut in_text = false;
        let mut depth = 0usize;
        loop {
            match reader.read_event().unwrap() {
                Event::Eof => break,
                Event::Start(e) | Event::Empty(e) => {
                    let attr = |k: &[u8]| {
                        e.attributes()
                            .map(|a| a.unwrap())
                            .find(|a| a.key.as_ref() == k)
                            .map(|a| a.unescape_value().unwrap().to_string())
                    };
                    let f = |k: &[u8]| attr(k).unwrap().parse::<f64>().unwrap();
                    match e.name().as_ref() {
                        b"g" => {
                            if link.is_some() {
                                depth += 1;
                            }
                            if let (Some(id), Some(class)) = (attr(b"id"), attr(b"class")) {
                                if class.starts_with("link") && link.is_none() {
                                    link = Some((id, class, None, String::new()));
                                    depth = 1;
                                } else if let Some(key) = attr(b"data-key") {
                                    let tokens: Vec<&str> = class.split_whitespace().collect();
                                    let emph = ["route", "scope", "normal", "faded"]
                                        .into_iter()
                                        .find(|t| tokens.contains(t))
                                        .unwrap_or("");
                                    dr.elems
                                        .insert(id, (format!("key:{key}"), emph.to_string()));
                                    in_key = Some(key);
                                }
                            }
                        }
                        b"rect" if attr(b"class").as_deref() == Some("box") => {
                            if let Some(key) = in_key.take() {
                                dr.rects
                                    .push((key, [f(b"x"), f(b"y"), f(b"width"), f(b"height")]));
                            }
                            if let Some(l) = link.as_mut() {
                                if l.2.is_none() {
                                    l.2 = attr(b"stroke");
                                }
                            }
                        }
                        b"path" => {
                            if let Some(l) = link.as_mut() {
                                if l.2.is_none() {
                                    l.2 = attr(b"stroke");
                                    l.3 = attr(b"d").unwrap();
                                }
                            }
                        }
                        b"text" => in_text = link.is_some(),
                        _ => {}
                    }
                }
                Event::Text(t) if in_text => {
                    if let Some(l) = link.as_mut() {
                        l.3.push_str(&t.unescape().unwrap());
                    }
                }
                Event::End(e) if e.name().as_ref() == b"text" => in_text = false,
                Event::End(e) if e.name().as_ref() == b"g" && link.is_some() => {
                    depth -= 1;
                    if depth == 0 {
                        links.extend(link.take());
                    }
                }
                _ => {}
            }
        }
        links.extend(link);
        let nearest = |(x, y): (f64, f64)| -> String {
            let dist = |r: &[f64; 4]| {
                let dx = (r[0] - x).max(0.0).max(x - (r[0] + r[2]));
                let dy = (r[1] - y).max(0.0).max(y - (r[1] + r[3]));
                let outside = (dx * dx + dy * dy).sqrt();
                let inside = (x - r[0])
                    .min(r[0] + r[2] - x)
                    .min(y - r[1])
                    .min(r[1] + r[3] - y)
                    .max(0.0);
                outside + inside
            };
            dr.rects
                .iter()
                .min_by(|a, b| dist(&a.1).total_cmp(&dist(&b.1)))
                .map(|r| r.0.clone())
                .unwrap()
        };
        for (id, class, stroke, body) in links {
            let name = if id.starts_with('l') {
                let (a, b) = ends(&body);
                format!("{class}:{}→{}", nearest(a), nearest(b))
            } else {
                format!("{class}:{body}")
            };
            let emph = match stroke.as_deref() {
                Some("#c2185b") => "route",
                Some("#f9a825") => "scope",
                _ => "",
            };
            dr.elems.insert(id, (name, emph.to_string()));
        }
        dr
    }

    /// Names of the elements drawn with `emph`, as a sorted list (a name
    /// may repeat: parallel connections).
    fn with(&self, emph: &str) -> Vec<String> {
        let mut v: Vec<String> = self
            .elems
            .values()
            .filter(|(_, e)| e == emph)
            .map(|(n, _)| n.clone())
            .collect();
        v.sort();
        v
    }

    /// Names of these element ids, sorted.
    fn names(&self, ids: &[String]) -> Vec<String> {
        let mut v: Vec<String> = ids.iter().map(|i| self.elems[i].0.clone()).collect();
        v.sort();
        v
    }
}

/// Clicks every trace button the page offers (table rows and external
/// connections) and returns, per `--from` value, what the diagram lit.
const TRACE_ALL: &str = r#"
const more = document.getElementById('more');
while (!more.hidden) more.click();
const svg = document.querySelector('#svg-wrap svg');
const D = JSON.parse(document.getElementById('report-data').textContent);
const lit = () => ({
  route: [...svg.querySelectorAll('.hl-route')].map(e => e.id),
  scope: [...svg.querySelectorAll('.hl-scope')].map(e => e.id),
  title: document.getElementById('trace-title').textContent,
  calls: document.querySelectorAll('#trace-body table tr').length,
});
const out = {};
for (const b of document.querySelectorAll('button.trace-btn')) {
  b.click();
  const o = +document.getElementById('trace').dataset.origin;
  out[D.origins[o].from] = lit();
}
return out;
"#;

#[test]
fn sample_report_is_offline_searchable_and_traces_as_impact_does() {
    if !browser::available() {
        return;
    }
    let (dir, html) = report(&sample(), &[]);
    let page = std::fs::read_to_string(&html).unwrap();
    let data = embedded(&page);
    // Search: the rows whose fields hold "PC-06", counted from the ledger
    // the page embeds; the page must show exactly those.
    let want_pc06: BTreeSet<String> = data["rows"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| {
            r.as_array().unwrap()[1..12].iter().any(|c| {
                c.as_str()
                    .unwrap_or_default()
                    .to_lowercase()
                    .contains("pc-06")
            })
        })
        .map(|r| r[1].as_str().unwrap().to_string())
        .collect();
    assert!(!want_pc06.is_empty(), "the sample has PC-06x devices");
    let script = r#"
const ids = () => [...document.querySelectorAll('#dev-body tr')].map(tr => tr.children[1].textContent);
const total = ids().length;
const q = document.getElementById('q');
q.value = 'PC-06'; q.dispatchEvent(new Event('input'));
const pc06 = ids();
// Japanese: full-width query matches half-width text (NFKC).
q.value = 'ＰＣ－０６'; q.dispatchEvent(new Event('input'));
const wide = ids().length;
q.value = '電子カルテ'; q.dispatchEvent(new Event('input'));
const ja = ids().length;
q.value = ''; q.dispatchEvent(new Event('input'));
// Filter by status, then sort by IP descending.
const st = document.getElementById('f-status');
st.value = 'unregistered'; st.dispatchEvent(new Event('change'));
const unreg = ids().length;
st.value = ''; st.dispatchEvent(new Event('change'));
const ipHead = document.querySelector('#dev-table th[data-col="4"] button');
ipHead.click(); ipHead.click();
const firstIp = document.querySelector('#dev-body tr').children[4].textContent;
// Row to diagram: the row's map button flashes its element.
const row = [...document.querySelectorAll('#dev-body tr')].find(tr => tr.querySelector('.map-btn'));
row.querySelector('.map-btn').click();
const flashed = document.querySelectorAll('#svg-wrap .flash').length;
return { ready: document.documentElement.dataset.ready, total, pc06, wide, ja, unreg, firstIp, flashed,
         count: document.getElementById('count').textContent };
"#;
    let run = browser::run(&browser::file_url(&html), script, true, None);
    assert_clean(&run);
    let r = &run.result;
    assert_eq!(r["ready"], "1");
    assert_eq!(
        r["total"], 200,
        "the first page of rows is rendered, not all"
    );
    let got: BTreeSet<String> = r["pc06"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap().to_string())
        .collect();
    assert_eq!(got, want_pc06);
    assert_eq!(r["wide"], json!(want_pc06.len()));
    assert!(r["ja"].as_u64().unwrap() > 0);
    let unreg = data["rows"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r[0] == "unregistered")
        .count();
    assert!(unreg > 0);
    assert_eq!(r["unreg"], json!(unreg));
    let max_ip = data["rows"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|r| r[4].as_str()?.parse::<std::net::Ipv4Addr>().ok())
        .max()
        .unwrap();
    assert_eq!(
        r["firstIp"],
        json!(max_ip.to_string()),
        "IP sort is numeric"
    );
    assert_eq!(r["flashed"], 1);
    drop(dir);
}

#[test]
fn every_trace_lights_what_impact_draws() {
    if !browser::available() {
        return;
    }
    let (dir, html) = report(&sample(), &[]);
    let run = browser::run(&browser::file_url(&html), TRACE_ALL, true, None);
    assert_clean(&run);
    let page_lit = run.result.as_object().unwrap().clone();
    let data = embedded(&std::fs::read_to_string(&html).unwrap());
    // Every device of the ledger, every unregistered host, line, circuit
    // and cloud service has a trace button that the script clicked.
    let devices: Vec<String> = data["rows"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r[0] != "unregistered")
        .map(|r| r[1].as_str().unwrap().to_string())
        .collect();
    assert!(devices.len() > 200, "{}", devices.len());
    for d in &devices {
        assert!(page_lit.contains_key(d), "no trace for {d}");
    }
    for id in ["LINE-01", "MNT-01", "CLOUD-01"] {
        assert!(page_lit.contains_key(id), "no trace for {id}");
    }
    let froms: Vec<String> = page_lit.keys().cloned().collect();
    let sample = sample();
    let results: BTreeMap<String, (Vec<String>, Vec<String>)> = std::thread::scope(|s| {
        let chunks: Vec<&[String]> = froms.chunks(froms.len().div_ceil(4)).collect();
        let handles: Vec<_> = chunks
            .into_iter()
            .enumerate()
            .map(|(n, chunk)| {
                let dir = dir.path();
                let sample = &sample;
                s.spawn(move || {
                    let svg = dir.join(format!("impact-{n}.svg"));
                    chunk
                        .iter()
                        .map(|from| {
                            koseizu(&[
                                "impact",
                                sample.to_str().unwrap(),
                                "--from",
                                from,
                                "-o",
                                svg.to_str().unwrap(),
                            ]);
                            let text = std::fs::read_to_string(&svg).unwrap();
                            let dr = Drawing::parse(&text);
                            (from.clone(), (dr.with("route"), dr.with("scope")))
                        })
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().unwrap())
            .collect()
    });
    let page_text = std::fs::read_to_string(&html).unwrap();
    let svg_start = page_text.find("<svg").unwrap();
    let svg_end = page_text.find("</svg>").unwrap() + "</svg>".len();
    let plain = Drawing::parse(&page_text[svg_start..svg_end]);
    let set = |v: &Value| -> Vec<String> {
        let ids: Vec<String> = v
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s.as_str().unwrap().to_string())
            .collect();
        plain.names(&ids)
    };
    let mut lit_something = 0;
    for (from, (route, scope)) in &results {
        let p = &page_lit[from];
        for (what, page, svg) in [
            ("route", set(&p["route"]), route),
            ("scope", set(&p["scope"]), scope),
        ] {
            let only_page: Vec<_> = page.iter().filter(|n| !svg.contains(n)).collect();
            let only_svg: Vec<_> = svg.iter().filter(|n| !page.contains(n)).collect();
            assert!(
                page == *svg,
                "{what} of {from}: lit only by the report {only_page:?}, only by impact {only_svg:?}"
            );
        }
        assert!(
            p["title"].as_str().unwrap().contains(from.as_str())
                || !p["title"].as_str().unwrap().is_empty()
        );
        if !route.is_empty() {
            lit_something += 1;
        }
    }
    assert_eq!(lit_something, results.len(), "every trace lights its route");
}
