//! `koseizu report` in headless Chromium (DevTools protocol, network cut):
//! the sample's report loads with no console error and no request
//! attempted, search narrows the table, clicking a device highlights on
//! the diagram exactly what `koseizu impact --from X -o x.svg` highlights
//! (for every device, unregistered host, line, circuit and cloud service of
//! the sample), and hostile names execute nothing.
#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a failed unwrap is a failed test

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
                            .map(|a| {
                                quick_xml::escape::unescape(std::str::from_utf8(&a.value).unwrap())
                                    .unwrap()
                                    .to_string()
                            })
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
                        l.3.push_str(
                            &quick_xml::escape::unescape(std::str::from_utf8(&t).unwrap()).unwrap(),
                        );
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
  calls: [...document.querySelectorAll('#trace-body table tr')].map(tr => [...tr.children].map(td => td.textContent)),
  noCalls: document.querySelectorAll('#trace-body table').length === 0,
});
const out = {};
for (const b of document.querySelectorAll('button.trace-btn')) {
  b.click();
  const o = +document.getElementById('trace').dataset.origin;
  out[D.origins[o].from] = lit();
}
// Segments: a click on the segment's box.
for (const [id, info] of Object.entries(D.elems)) {
  if (!info.seg) continue;
  document.getElementById(id).dispatchEvent(new MouseEvent('click', { bubbles: true }));
  const o = +document.getElementById('trace').dataset.origin;
  if (D.origins[o].from !== info.seg) throw new Error('segment ' + info.seg + ' traced as ' + D.origins[o].from);
  out[D.origins[o].from] = lit();
  out[D.origins[o].from].tableSegment = document.getElementById('f-segment').value;
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
            r.as_array().unwrap()[1..13].iter().any(|c| {
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
    // Every segment of the ledger, by a click on its box; the table then
    // shows that segment's hosts.
    let site = koseizu::site::load(&sample()).unwrap().site;
    for seg in &site.segments {
        let p = page_lit
            .get(&seg.id)
            .unwrap_or_else(|| panic!("no trace for {}", seg.id));
        assert_eq!(p["tableSegment"], json!(seg.id), "{}", seg.id);
    }
    let froms: Vec<String> = page_lit.keys().cloned().collect();
    let sample = sample();
    let results: BTreeMap<String, (Vec<String>, Vec<String>, Value)> = std::thread::scope(|s| {
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
                            let out = koseizu(&[
                                "impact",
                                sample.to_str().unwrap(),
                                "--from",
                                from,
                                "--format",
                                "json",
                                "-o",
                                svg.to_str().unwrap(),
                            ]);
                            let answer: Value = serde_json::from_slice(&out.stdout).unwrap();
                            let text = std::fs::read_to_string(&svg).unwrap();
                            let dr = Drawing::parse(&text);
                            (
                                from.clone(),
                                (
                                    dr.with("route"),
                                    dr.with("scope"),
                                    answer["contacts"].clone(),
                                ),
                            )
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
    let mut calls_checked = 0;
    for (from, (route, scope, contacts)) in &results {
        let p = &page_lit[from];
        // Whom to call: impact's list less the site's own contact list
        // (the report's contacts section), in impact's order.
        let want: Vec<Vec<String>> = contacts
            .as_array()
            .unwrap()
            .iter()
            .filter(|c| c["reason"] != "site-contact")
            .map(|c| {
                let s = |k: &str| c[k].as_str().unwrap().to_string();
                match c["reason"].as_str().unwrap() {
                    "system" => vec![
                        c["system"]["id"].as_str().unwrap().to_string(),
                        format!("{} / {}", s("owner"), s("vendor")),
                        s("contact"),
                        s("phone"),
                        s("email"),
                    ],
                    "circuit-vendor" => vec![
                        c["circuit"]["id"].as_str().unwrap().to_string(),
                        s("vendor"),
                        s("contact"),
                        s("phone"),
                        String::new(),
                    ],
                    other => panic!("{from}: unknown call reason {other}"),
                }
            })
            .collect();
        let shown: Vec<Vec<String>> = p["calls"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| {
                r.as_array()
                    .unwrap()
                    .iter()
                    .map(|c| c.as_str().unwrap().to_string())
                    .collect()
            })
            .collect();
        assert_eq!(
            shown.len(),
            want.len(),
            "whom to call for {from}: the report lists {shown:?}, impact {want:?}"
        );
        assert_eq!(p["noCalls"], json!(want.is_empty()), "{from}");
        for (row, w) in shown.iter().zip(&want) {
            assert!(
                row[0].contains(&format!("({})", w[0])) || row[0].ends_with(&w[0]),
                "whom to call for {from}: {row:?} is not {}",
                w[0]
            );
            assert_eq!(row[1..], w[1..], "whom to call for {from}");
        }
        if !want.is_empty() {
            calls_checked += 1;
        }
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
    assert!(
        calls_checked * 2 > results.len(),
        "most traces have someone to call ({calls_checked} of {})",
        results.len()
    );
}

const IMG: &str = "<img src=x onerror=alert(1)>";
const END_SCRIPT: &str = "</script><script>alert(2)</script>";
const ATTR: &str = "\"><svg onload=alert(3)>";
const JS_URL: &str = "javascript:alert(4)";

fn csv(dir: &Path, name: &str, rows: &[&[&str]]) {
    let mut w = csv::Writer::from_path(dir.join(name)).unwrap();
    for r in rows {
        w.write_record(*r).unwrap();
    }
    w.flush().unwrap();
}

/// A site whose every free-text field is markup or script, and a scan
/// whose host names and vendors are too.
fn hostile_site(dir: &Path) {
    std::fs::create_dir_all(dir.join("scans")).unwrap();
    std::fs::write(
        dir.join("site.toml"),
        format!(
            "name = {}\nupdated = \"2026-11-01\"\nlanguage = \"ja\"\n",
            serde_json::to_string(&format!("病院 {END_SCRIPT}")).unwrap()
        ),
    )
    .unwrap();
    csv(
        dir,
        "segments.csv",
        &[
            &["id", "name", "cidr", "zone", "vlan", "connects", "notes"],
            &["seg-a", IMG, "10.9.0.0/24", "基幹系", "10", "", END_SCRIPT],
            &["seg-dmz", ATTR, "172.16.9.0/24", "DMZ", "20", "seg-a", ""],
        ],
    );
    csv(
        dir,
        "devices.csv",
        &[
            &[
                "id",
                "name",
                "kind",
                "mac",
                "ip",
                "segment",
                "system",
                "department",
                "vendor",
                "location",
                "notes",
            ],
            &[
                "rtr",
                ATTR,
                "router",
                "00:00:4c:08:d1:25",
                "172.16.9.1",
                "seg-dmz",
                "sys-x",
                "",
                END_SCRIPT,
                IMG,
                "",
            ],
            &[
                "srv",
                IMG,
                "server",
                "3c:d9:2b:d5:33:58",
                "10.9.0.10",
                "seg-a",
                "sys-x",
                IMG,
                IMG,
                END_SCRIPT,
                "",
            ],
            &[
                "pc",
                END_SCRIPT,
                "pc",
                "3c:d9:2b:d5:33:59",
                "10.9.0.20",
                "seg-a",
                "sys-x",
                "",
                ATTR,
                ATTR,
                "",
            ],
        ],
    );
    csv(
        dir,
        "lines.csv",
        &[
            &[
                "id", "name", "carrier", "kind", "device", "purpose", "notes",
            ],
            &["line-1", IMG, END_SCRIPT, "internet", "rtr", ATTR, ""],
        ],
    );
    csv(
        dir,
        "maintenance.csv",
        &[
            &[
                "id", "vendor", "system", "line", "device", "method", "hours", "contact", "phone",
                "notes",
            ],
            &[
                "mnt-1",
                IMG,
                "sys-x",
                "line-1",
                "rtr",
                END_SCRIPT,
                ATTR,
                IMG,
                "0120-000-100",
                "",
            ],
        ],
    );
    csv(
        dir,
        "systems.csv",
        &[
            &[
                "id", "name", "vendor", "owner", "contact", "phone", "email", "notes",
            ],
            &[
                "sys-x",
                END_SCRIPT,
                IMG,
                ATTR,
                IMG,
                "03-5555-0100",
                JS_URL,
                "",
            ],
        ],
    );
    csv(
        dir,
        "cloud.csv",
        &[
            &["id", "name", "provider", "systems", "line", "data", "notes"],
            &["cloud-1", IMG, END_SCRIPT, "sys-x", "line-1", ATTR, ""],
        ],
    );
    csv(
        dir,
        "contacts.csv",
        &[
            &["name", "role", "phone", "email", "url", "notes"],
            &[IMG, END_SCRIPT, "03-0000-0001", JS_URL, JS_URL, ATTR],
        ],
    );
    let host = |ip: &str, mac: &str| {
        json!({"ip": ip, "mac": mac, "vendor": IMG, "hostname": END_SCRIPT,
               "ports": [{"proto": "tcp", "port": 3389, "service": ATTR}],
               "rtt_ms": 1.0, "flags": [], "external": []})
    };
    let snap = |started: &str, hosts: Vec<Value>| {
        json!({"format": "koseizu-snapshot", "version": 1, "started": started, "finished": started,
               "partial": false, "interface": IMG, "scanner_ip": "10.9.0.252",
               "scanner_mac": "f6:c3:89:63:25:f5", "default_gateway": null,
               "scopes": ["10.9.0.0/24", "172.16.9.0/24"],
               "settings": {"rate_pps": 1000, "host_rate_pps": 20, "tcp_ports": [3389], "udp_ports": [],
                            "outside_probe": null, "excluded": [], "unprivileged": false},
               "hosts": hosts, "limitations": [END_SCRIPT]})
    };
    let old = snap(
        "2026-10-01T01:00:00Z",
        vec![host("10.9.0.10", "3c:d9:2b:d5:33:58")],
    );
    let new = snap(
        "2026-11-01T01:00:00Z",
        vec![
            host("10.9.0.10", "3c:d9:2b:d5:33:58"),
            host("10.9.0.66", "00:11:22:33:44:55"),
        ],
    );
    for (name, s) in [
        ("2026-10-01T010000Z.json", old),
        ("2026-11-01T010000Z.json", new),
    ] {
        std::fs::write(
            dir.join("scans").join(name),
            serde_json::to_string(&s).unwrap(),
        )
        .unwrap();
    }
}

#[test]
fn hostile_names_execute_nothing() {
    if !browser::available() {
        return;
    }
    let site = tempfile::tempdir().unwrap();
    hostile_site(site.path());
    let (_dir, html) = report(site.path(), &[]);
    let page = std::fs::read_to_string(&html).unwrap();
    // The JSON block holds no raw markup; the page has exactly its two scripts.
    let data = embedded(&page);
    assert_eq!(
        page.matches("<script").count(),
        2,
        "only the data block and the page's script"
    );
    assert!(!page.contains("<img") && !page.contains("onerror=alert(1)>"));
    let script = r#"
const more = document.getElementById('more');
while (!more.hidden) more.click();
const withHandlers = [...document.querySelectorAll('*')].filter(e =>
  [...e.attributes].some(a => a.name.startsWith('on') || /javascript:/i.test(a.value))).length;
const q = document.getElementById('q');
q.value = 'onerror'; q.dispatchEvent(new Event('input'));
const names = [...document.querySelectorAll('#dev-body tr')].map(tr => tr.children[2].textContent);
q.value = ''; q.dispatchEvent(new Event('input'));
for (const b of document.querySelectorAll('button.trace-btn')) b.click();
for (const g of document.querySelectorAll('#svg-wrap g[data-key]')) g.dispatchEvent(new MouseEvent('click', {bubbles: true}));
await new Promise(r => setTimeout(r, 300));
return {
  images: document.images.length,
  scripts: document.scripts.length,
  svgs: document.querySelectorAll('svg').length,
  withHandlers,
  names,
  pwned: typeof window.__pwned,
  title: document.title,
  contacts: document.querySelector('#contact-list tbody td').textContent,
  traceText: document.getElementById('trace-body').textContent.length,
};
"#;
    let run = browser::run(&browser::file_url(&html), script, true, None);
    assert_clean(&run);
    let r = &run.result;
    assert_eq!(r["images"], 0);
    assert_eq!(r["scripts"], 2);
    assert_eq!(r["svgs"], 1, "only the diagram");
    assert_eq!(r["withHandlers"], 0);
    assert_eq!(r["contacts"], IMG, "shown as text, exactly");
    assert!(r["title"].as_str().unwrap().contains(END_SCRIPT));
    let names: Vec<&str> = r["names"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    assert!(names.contains(&IMG), "{names:?}");
    assert!(r["traceText"].as_u64().unwrap() > 0);
    assert!(data["rows"].as_array().unwrap().len() >= 4);
}

#[test]
fn prints_the_diagram_on_a3_landscape_and_the_tables_on_a4_with_name_and_date() {
    if !browser::available() {
        return;
    }
    if Command::new("pdfinfo").arg("-v").output().is_err() {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI is set but poppler-utils is missing"
        );
        return;
    }
    let (dir, html) = report(&sample(), &[]);
    let pdf = dir.path().join("printed.pdf");
    let run = browser::run_with(
        &browser::file_url(&html),
        "return 1;",
        true,
        None,
        Some(&pdf),
    );
    assert_clean(&run);
    let info = String::from_utf8(
        Command::new("pdfinfo")
            .args(["-f", "1", "-l", "999"])
            .arg(&pdf)
            .output()
            .unwrap()
            .stdout,
    )
    .unwrap();
    let sizes: Vec<String> = info
        .lines()
        .filter(|l| l.starts_with("Page") && l.contains("size:"))
        .map(|l| l.split("size:").nth(1).unwrap().trim().to_string())
        .collect();
    assert!(sizes.len() >= 3, "{info}");
    // Chromium rounds page sizes to whole CSS pixels (1/96 in).
    let wh = |s: &str| -> (f64, f64) {
        let v: Vec<f64> = s
            .split_whitespace()
            .filter_map(|t| t.parse().ok())
            .collect();
        (v[0], v[1])
    };
    let near = |a: f64, b: f64| (a - b).abs() < 1.0;
    let (w, h) = wh(&sizes[0]);
    assert!(
        near(w, 1190.55) && near(h, 841.89),
        "A3 landscape first: {sizes:?}"
    );
    for s in &sizes[1..] {
        let (w, h) = wh(s);
        assert!(
            near(w, 595.28) && near(h, 841.89),
            "A4 portrait after: {sizes:?}"
        );
    }
    let site = koseizu::site::load(&sample()).unwrap().site;
    let today = chrono::Local::now()
        .date_naive()
        .format("%Y-%m-%d")
        .to_string();
    for n in 1..=sizes.len() {
        let text = String::from_utf8(
            Command::new("pdftotext")
                .args(["-f", &n.to_string(), "-l", &n.to_string()])
                .arg(&pdf)
                .arg("-")
                .output()
                .unwrap()
                .stdout,
        )
        .unwrap();
        assert!(
            text.contains(&site.meta.name),
            "page {n} has the hospital's name"
        );
        assert!(text.contains(&today), "page {n} has the date");
    }
}
