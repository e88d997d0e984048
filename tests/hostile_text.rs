//! The same hostile string through every writer of every command, by the
//! real binary: a site whose names, vendors, locations and notes carry it,
//! and two scans whose host names, vendors and service strings carry it.
//!
//! Each output is checked for its own target (docs: `text::clean`): text
//! and allowlists hold no raw control, bidi or separator character; SVG and
//! DOT hold no raw `<script>` either; JSON parses back to the exact value yet
//! holds no raw bidi or U+2028; no CSV cell begins with `=`, `+`, `-` or `@`.
#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a failed unwrap is a failed test

use std::path::Path;
use std::process::Command;

use serde_json::{json, Value};

/// Control characters (an ESC sequence that clears the screen, one that
/// sets the terminal title, a bell, a carriage return and a newline that
/// forge a report line), bidi overrides, the line separator, markup and a
/// formula Excel would run.
const HOSTILE: &str = "=HYPERLINK(\"http://x\",\"y\")\u{1b}[2J\u{1b}]0;pwned\u{7}\
    \u{202e}gpj.exe\u{2066}\u{2028}<script>alert(1)</script>\r\nFORGED LINE\t\u{0}end";

/// A 2,000-character name that is hostile as well.
fn long_name() -> String {
    let mut s = String::from(HOSTILE);
    while s.chars().count() < 2000 {
        s.push('長');
    }
    s
}

/// A hostile string in a cell of its own, marked so each can be found.
fn h(tag: &str) -> String {
    format!("{HOSTILE} {tag}")
}

fn csv_file(dir: &Path, name: &str, rows: &[Vec<String>]) {
    let mut w = csv::Writer::from_path(dir.join(name)).unwrap();
    for r in rows {
        w.write_record(r).unwrap();
    }
    w.flush().unwrap();
}

fn row(cells: &[&str]) -> Vec<String> {
    cells.iter().map(|c| c.to_string()).collect()
}

/// The site: hostile in every free-text field staff fill in.
fn write_site(dir: &Path) {
    std::fs::create_dir_all(dir.join("scans")).unwrap();
    let toml_name = serde_json::to_string(&h("site")).unwrap(); // a TOML basic string
    std::fs::write(
        dir.join("site.toml"),
        format!("name = {toml_name}\nupdated = \"2026-11-01\"\nlanguage = \"ja\"\n"),
    )
    .unwrap();
    csv_file(
        dir,
        "segments.csv",
        &[
            row(&["id", "name", "cidr", "zone", "vlan", "connects", "notes"]),
            row(&[
                "seg-a",
                &long_name(),
                "10.9.0.0/24",
                "基幹系",
                "10",
                "",
                &h("seg-notes"),
            ]),
            row(&[
                "seg-dmz",
                &h("dmz"),
                "172.16.9.0/24",
                "DMZ",
                "20",
                "seg-a",
                "",
            ]),
        ],
    );
    let dev = |id: &str, kind: &str, mac: &str, ip: &str, seg: &str, sys: &str| {
        vec![
            id.to_string(),
            h(&format!("name-{id}")),
            kind.to_string(),
            mac.to_string(),
            ip.to_string(),
            seg.to_string(),
            sys.to_string(),
            h("dept"),
            h("vendor"),
            h("location"),
            h("notes"),
        ]
    };
    csv_file(
        dir,
        "devices.csv",
        &[
            row(&[
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
            ]),
            dev(
                "rtr",
                "router",
                "00:00:4c:08:d1:25",
                "172.16.9.1",
                "seg-dmz",
                "sys-x",
            ),
            dev(
                "srv",
                "server",
                "3c:d9:2b:d5:33:58",
                "10.9.0.10",
                "seg-a",
                "sys-x",
            ),
            dev(
                "pc",
                "pc",
                "3c:d9:2b:d5:33:59",
                "10.9.0.20",
                "seg-a",
                "sys-x",
            ),
            dev("gone", "pc", "3c:d9:2b:d5:33:5a", "10.9.0.30", "seg-a", ""),
            dev("moved", "pc", "3c:d9:2b:d5:33:5b", "10.9.0.40", "seg-a", ""),
        ],
    );
    csv_file(
        dir,
        "lines.csv",
        &[
            row(&[
                "id", "name", "carrier", "kind", "device", "purpose", "notes",
            ]),
            row(&[
                "line-1",
                &h("line"),
                &h("carrier"),
                "internet",
                "rtr",
                &h("purpose"),
                "",
            ]),
        ],
    );
    csv_file(
        dir,
        "maintenance.csv",
        &[
            row(&[
                "id", "vendor", "system", "line", "device", "method", "hours", "contact", "phone",
                "notes",
            ]),
            row(&[
                "mnt-1",
                &h("mvendor"),
                "sys-x",
                "line-1",
                "rtr",
                &h("method"),
                &h("hours"),
                &h("contact"),
                "0120-000-100",
                "",
            ]),
        ],
    );
    csv_file(
        dir,
        "systems.csv",
        &[
            row(&[
                "id", "name", "vendor", "owner", "contact", "phone", "email", "notes",
            ]),
            row(&[
                "sys-x",
                &h("system"),
                &h("svendor"),
                &h("owner"),
                &h("scontact"),
                "03-5555-0100",
                "a@example.jp",
                "",
            ]),
        ],
    );
    csv_file(
        dir,
        "flows.csv",
        &[
            row(&["from", "to", "kind", "description"]),
            row(&["sys-x", &h("party"), "media", &h("flow")]),
        ],
    );
    csv_file(
        dir,
        "cloud.csv",
        &[
            row(&["id", "name", "provider", "systems", "line", "data", "notes"]),
            row(&[
                "cloud-1",
                &h("cloud"),
                &h("provider"),
                "sys-x",
                "line-1",
                &h("data"),
                "",
            ]),
        ],
    );
    csv_file(
        dir,
        "contacts.csv",
        &[
            row(&["name", "role", "phone", "email", "url", "notes"]),
            row(&[&h("person"), &h("role"), "03-0000-0001", "", "", ""]),
        ],
    );
}

fn host(ip: &str, mac: &str, external: Value) -> Value {
    json!({
        "ip": ip,
        "mac": mac,
        "vendor": h("scan-vendor"),
        "hostname": h(&format!("host-{ip}")),
        "ports": [{"proto": "tcp", "port": 3389, "service": h("service")}],
        "rtt_ms": 1.0,
        "flags": [],
        "external": external,
    })
}

fn snapshot(started: &str, hosts: Vec<Value>) -> Value {
    json!({
        "format": "koseizu-snapshot",
        "version": 1,
        "started": started,
        "finished": started,
        "partial": false,
        "interface": h("iface"),
        "scanner_ip": "10.9.0.252",
        "scanner_mac": "f6:c3:89:63:25:f5",
        "default_gateway": null,
        "scopes": ["10.9.0.0/24", "172.16.9.0/24"],
        "settings": {
            "rate_pps": 1000, "host_rate_pps": 20, "tcp_ports": [3389], "udp_ports": [500],
            "outside_probe": "198.19.0.1", "excluded": [], "unprivileged": false
        },
        "hosts": hosts,
        "limitations": [h("limitation")],
    })
}

/// Two scans: the second adds an unregistered host with hostile evidence,
/// loses a device, and sees another at a new IP.
fn write_scans(dir: &Path) {
    let service =
        |what: String| json!([{"kind": "service", "proto": "tcp", "port": 3389, "what": what}]);
    let routes = json!([
        {"kind": "gateway-probe", "responder": "172.16.9.1"},
        {"kind": "vendor", "organization": h("organization")},
        {"kind": "service", "proto": "udp", "port": 500, "what": h("ike")}
    ]);
    let old = snapshot(
        "2026-10-01T01:00:00Z",
        vec![
            host("172.16.9.1", "00:00:4c:08:d1:25", json!([])),
            host("10.9.0.10", "3c:d9:2b:d5:33:58", json!([])),
            host("10.9.0.20", "3c:d9:2b:d5:33:59", json!([])),
            host("10.9.0.30", "3c:d9:2b:d5:33:5a", json!([])),
            host("10.9.0.40", "3c:d9:2b:d5:33:5b", json!([])),
        ],
    );
    let new = snapshot(
        "2026-11-01T01:00:00Z",
        vec![
            host("172.16.9.1", "00:00:4c:08:d1:25", routes.clone()),
            host("10.9.0.10", "3c:d9:2b:d5:33:58", service(h("rdp"))),
            host("10.9.0.20", "3c:d9:2b:d5:33:59", json!([])),
            host("10.9.0.41", "3c:d9:2b:d5:33:5b", json!([])),
            host("10.9.0.66", "00:11:22:33:44:55", routes),
            host("10.9.0.67", "02:11:22:33:44:56", service(h("vnc"))),
        ],
    );
    for (name, snap) in [
        ("2026-10-01T010000Z.json", old),
        ("2026-11-01T010000Z.json", new),
    ] {
        std::fs::write(
            dir.join("scans").join(name),
            serde_json::to_string_pretty(&snap).unwrap(),
        )
        .unwrap();
    }
}

/// Runs the binary; returns its standard output. It must succeed.
fn run(args: &[&str]) -> Vec<u8> {
    let out = Command::new(env!("CARGO_BIN_EXE_koseizu"))
        .args(args)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{args:?}: {:?}\n{}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
}

fn hidden(c: char) -> bool {
    koseizu::text::clean::is_hidden(c)
}

/// What went wrong with one output, if anything.
type Check = Result<(), String>;

fn utf8<'a>(what: &str, bytes: &'a [u8]) -> Result<&'a str, String> {
    std::str::from_utf8(bytes).map_err(|e| format!("{what}: {e}"))
}

/// Text for a terminal: no hidden character but the file's own newlines,
/// the names there, and no line that a hostile value started.
fn check_text(what: &str, bytes: &[u8]) -> Check {
    let text = utf8(what, bytes)?;
    if !text.contains("alert(1)") {
        return Err(format!("{what}: the names are missing"));
    }
    if let Some(c) = text.chars().find(|&c| c != '\n' && hidden(c)) {
        return Err(format!("{what}: raw {c:?}"));
    }
    if text.lines().any(|l| l.starts_with("FORGED LINE")) {
        return Err(format!("{what}: a forged line"));
    }
    Ok(())
}

/// SVG and DOT: no raw markup from the files, no hidden character but the
/// file's own newlines (and tabs of its indentation).
fn check_markup(what: &str, bytes: &[u8]) -> Check {
    let text = utf8(what, bytes)?;
    if !text.contains("alert(1)") {
        return Err(format!("{what}: the names are missing"));
    }
    if text.contains("<script") {
        return Err(format!("{what}: raw <script>"));
    }
    if let Some(c) = text.chars().find(|&c| c != '\n' && c != '\t' && hidden(c)) {
        return Err(format!("{what}: raw {c:?}"));
    }
    Ok(())
}

/// Every string value in a JSON document.
fn strings(v: &Value, out: &mut Vec<String>) {
    match v {
        Value::String(s) => out.push(s.clone()),
        Value::Array(a) => a.iter().for_each(|v| strings(v, out)),
        Value::Object(o) => o.values().for_each(|v| strings(v, out)),
        _ => {}
    }
}

/// JSON: no raw bidi or separator character (serde escapes the ASCII
/// controls itself), and it parses back to the exact hostile values.
fn check_json(what: &str, bytes: &[u8], exact: &[String]) -> Check {
    let text = utf8(what, bytes)?;
    if let Some(c) = text.chars().find(|&c| c != '\n' && hidden(c)) {
        return Err(format!("{what}: raw {c:?}"));
    }
    let v: Value = serde_json::from_str(text).map_err(|e| format!("{what}: {e}"))?;
    let mut all = Vec::new();
    strings(&v, &mut all);
    match exact.iter().find(|e| !all.contains(e)) {
        Some(e) => Err(format!(
            "{what}: the value of {} characters ending {:?} is not kept exactly",
            e.chars().count(),
            e.chars().rev().take(12).collect::<String>()
        )),
        None => Ok(()),
    }
}

/// CSV for Excel: parses, holds the names, and no cell Excel would run as
/// a formula.
fn check_csv(what: &str, bytes: &[u8]) -> Check {
    let body = bytes
        .strip_prefix(b"\xEF\xBB\xBF".as_slice())
        .unwrap_or(bytes);
    if !String::from_utf8_lossy(body).contains("alert(1)") {
        return Err(format!("{what}: the names are missing"));
    }
    let mut rd = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(body);
    for rec in rd.records() {
        let rec = rec.map_err(|e| format!("{what}: {e}"))?;
        if let Some(c) = rec.iter().find(|c| c.starts_with(['=', '+', '-', '@'])) {
            return Err(format!("{what}: formula-like cell {c:?}"));
        }
    }
    Ok(())
}

/// A site and its two scans in a temporary folder.
struct Fixture {
    tmp: tempfile::TempDir,
    site: String,
}

impl Fixture {
    fn new() -> Fixture {
        let tmp = tempfile::tempdir().unwrap();
        let site = tmp.path().join("site");
        write_site(&site);
        write_scans(&site);
        let site = site.to_string_lossy().into_owned();
        Fixture { tmp, site }
    }

    fn out(&self, f: &str) -> String {
        self.tmp.path().join(f).to_string_lossy().into_owned()
    }

    fn read(&self, f: &str) -> Vec<u8> {
        std::fs::read(self.tmp.path().join(f)).unwrap()
    }
}

/// Fails naming every output that let the hostile string through.
fn all_pass(checks: Vec<Check>) {
    let failed: Vec<String> = checks.into_iter().filter_map(Result::err).collect();
    assert!(failed.is_empty(), "{}", failed.join("\n"));
}

/// The diagram writers: SVG, DOT and JSON of the map, and impact's SVG.
#[test]
fn map_svg_dot_json_and_impact_svg() {
    let f = Fixture::new();
    let s = f.site.as_str();
    let mut checks = Vec::new();
    for lang in ["ja", "en"] {
        run(&["map", s, "--lang", lang, "-o", &f.out("d.svg")]);
        checks.push(check_markup(&format!("map svg {lang}"), &f.read("d.svg")));
    }
    run(&["map", s, "--format", "dot", "-o", &f.out("d.dot")]);
    checks.push(check_markup("map dot", &f.read("d.dot")));
    run(&["map", s, "--format", "json", "-o", &f.out("d.json")]);
    // The diagram's JSON holds the labels as the diagram shows them: the
    // page policy's cleaning, but the whole name, never cut.
    let shown = |s: String| koseizu::text::clean::page(&s);
    checks.push(check_json(
        "map json",
        &f.read("d.json"),
        &[shown(long_name()), shown(h("name-srv")), shown(h("system"))],
    ));
    for from in ["srv", "10.9.0.66"] {
        run(&["impact", s, "--from", from, "-o", &f.out("i.svg")]);
        checks.push(check_markup(
            &format!("impact svg {from}"),
            &f.read("i.svg"),
        ));
    }
    all_pass(checks);
}

#[test]
fn audit_text_json_csv_and_allowlists() {
    let f = Fixture::new();
    let s = f.site.as_str();
    let mut checks = Vec::new();
    for lang in ["ja", "en"] {
        let text = run(&["audit", s, "--lang", lang]);
        checks.push(check_text(&format!("audit text {lang}"), &text));
    }
    let json = run(&[
        "audit",
        s,
        "--format",
        "json",
        "--csv",
        &f.out("f.csv"),
        "--allowlist",
        &f.out("a.txt"),
    ]);
    checks.push(check_json(
        "audit json",
        &json,
        &[
            h("site"),
            h("host-10.9.0.66"),
            h("scan-vendor"),
            h("name-srv"),
            h("rdp"),
        ],
    ));
    checks.push(check_csv("audit csv", &f.read("f.csv")));
    checks.push(check_text("allowlist plain", &f.read("a.txt")));
    for (format, file) in [("csv", "a.csv"), ("freeradius", "users")] {
        run(&[
            "audit",
            s,
            "--allowlist",
            &f.out(file),
            "--allowlist-format",
            format,
        ]);
        checks.push(if format == "csv" {
            check_csv("allowlist csv", &f.read(file))
        } else {
            check_text("allowlist freeradius", &f.read(file))
        });
    }
    all_pass(checks);
}

#[test]
fn diff_text_and_csv() {
    let f = Fixture::new();
    let s = f.site.as_str();
    let mut checks = Vec::new();
    for lang in ["ja", "en"] {
        let text = run(&["diff", "--site", s, "--lang", lang]);
        checks.push(check_text(&format!("diff text {lang}"), &text));
    }
    let csv = run(&["diff", "--site", s, "--format", "csv"]);
    checks.push(check_csv("diff csv", &csv));
    all_pass(checks);
}

/// Diff's JSON writer.
#[test]
fn diff_json() {
    let f = Fixture::new();
    let json = run(&["diff", "--site", &f.site, "--format", "json"]);
    all_pass(vec![check_json(
        "diff json",
        &json,
        &[h("host-10.9.0.66"), h("scan-vendor")],
    )]);
}

#[test]
fn impact_text_and_json() {
    let f = Fixture::new();
    let s = f.site.as_str();
    let mut checks = Vec::new();
    // From a device and from an unregistered host.
    for (from, lang) in [("srv", "ja"), ("10.9.0.66", "en")] {
        let text = run(&["impact", s, "--from", from, "--lang", lang]);
        checks.push(check_text(&format!("impact text {from}"), &text));
    }
    let json = run(&["impact", s, "--from", "srv", "--format", "json"]);
    checks.push(check_json(
        "impact json",
        &json,
        &[
            long_name(),
            h("site"),
            h("name-srv"),
            h("system"),
            h("flow"),
        ],
    ));
    all_pass(checks);
}
