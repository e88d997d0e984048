//! The bundled sample site (data/) loads cleanly and meets the minimums the
//! project promises: a realistic hospital, not a toy.
#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a failed unwrap is a failed test

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use koseizu::problem::Severity;
use koseizu::site::{self, DeviceKind, FlowKind, LineKind, Site};

fn data_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("data")
}

fn load() -> (Site, Vec<koseizu::problem::Problem>) {
    match site::load(&data_dir()) {
        Ok(loaded) => (loaded.site, loaded.warnings),
        Err(e) => panic!("data/ does not load: {e:?}"),
    }
}

/// Flow endpoints that name no record: the outside parties.
fn outside_parties(site: &Site) -> HashSet<String> {
    let known = |id: &str| {
        site.segment(id).is_some()
            || site.device(id).is_some()
            || site.system(id).is_some()
            || site.line(id).is_some()
            || site.clouds.iter().any(|c| c.id == id)
            || site.circuits.iter().any(|c| c.id == id)
    };
    site.flows
        .iter()
        .flat_map(|f| [&f.from, &f.to])
        .filter(|e| !known(e))
        .cloned()
        .collect()
}

#[test]
fn loads_with_only_outside_party_warnings() {
    let (site, warnings) = load();
    let parties = outside_parties(&site);
    assert!(!parties.is_empty(), "the sample needs an outside party");
    for w in &warnings {
        assert_eq!(w.severity, Severity::Warning, "{w}");
        assert_eq!(w.file, "flows.csv", "unexpected warning: {w}");
    }
    // One warning per outside party, or per mention: the loader's choice.
    let warned: HashSet<String> = warnings.iter().filter_map(|w| w.value.clone()).collect();
    assert_eq!(warned, parties, "{warnings:#?}");
    assert_eq!(site.meta.name, "医療法人さくら会 さくら総合病院");
    assert!(site.meta.updated.is_some());
    assert_eq!(site.meta.language, koseizu::site::Lang::Ja);
}

#[test]
fn meets_the_minimums() {
    let (site, _) = load();
    assert!(site.segments.len() >= 4);
    assert!(site.devices.len() >= 150, "{}", site.devices.len());
    assert!(site.segments.iter().any(|s| s.is_perimeter()));
    assert!(site.segments.iter().any(|s| !s.connects.is_empty()));
    assert!(site.segments.iter().any(|s| s.connects.is_empty()));

    let internet = site
        .lines
        .iter()
        .filter(|l| l.kind == LineKind::Internet)
        .count();
    assert!(internet >= 2, "{internet} internet lines");
    assert!(site.lines.iter().any(|l| l.kind == LineKind::Closed));
    for l in &site.lines {
        let dev = l.device.as_deref().expect("every line ends on a device");
        assert!(site.device(dev).is_some(), "{dev}");
    }

    assert!(site.circuits.len() >= 3);
    let own_line: Vec<_> = site.circuits.iter().filter(|c| c.line.is_none()).collect();
    assert!(!own_line.is_empty(), "a circuit on the vendor's own line");
    for c in &own_line {
        let dev = c
            .device
            .as_deref()
            .expect("own-line circuit names its device");
        assert!(site.device(dev).is_some(), "{dev}");
    }
    assert!(site.clouds.len() >= 2);
    assert!(site.flows.iter().any(|f| f.kind == FlowKind::Media));
    assert!(site.flows.iter().any(|f| f.kind == FlowKind::Network));

    let ministry = site
        .contacts
        .iter()
        .find(|c| c.role == "厚生労働省")
        .expect("appendix 3: the ministry");
    assert_eq!(ministry.phone, "03-6812-7837");
    assert!(site.contacts.iter().any(|c| c.role == "警察"));
    assert!(site.contacts.iter().any(|c| c.name.contains("IPA")));
}

#[test]
fn ledger_has_the_awkward_cases_real_ledgers_have() {
    let (site, _) = load();
    let d = &site.devices;
    assert!(d.iter().any(|x| x.ip.is_none() && x.mac.is_some()), "DHCP");
    assert!(
        d.iter().any(|x| x.mac.is_none() && x.ip.is_some()),
        "MAC not checked"
    );
    let standalone: Vec<_> = d
        .iter()
        .filter(|x| x.ip.is_none() && x.mac.is_none())
        .collect();
    assert_eq!(standalone.len(), 1);
    assert!(standalone[0].segment.is_none());
    assert!(site
        .flows
        .iter()
        .any(|f| f.from == standalone[0].id && f.kind == FlowKind::Media));
    for kind in [
        DeviceKind::Server,
        DeviceKind::Switch,
        DeviceKind::Firewall,
        DeviceKind::Router,
        DeviceKind::Vpn,
        DeviceKind::Pc,
        DeviceKind::Printer,
        DeviceKind::Medical,
        DeviceKind::Phone,
        DeviceKind::Camera,
        DeviceKind::Ap,
    ] {
        assert!(d.iter().any(|x| x.kind == kind), "no {kind:?}");
    }
    // Every address sits inside its segment's CIDR.
    for x in d {
        if let (Some(ip), Some(seg)) = (x.ip, x.segment.as_deref()) {
            let cidr = site.segment(seg).and_then(|s| s.cidr).unwrap();
            assert!(cidr.contains(ip), "{} {ip} outside {seg} {cidr}", x.id);
        }
    }
    // The quoted cell with a comma and a line break spans two physical
    // lines: the next record starts two lines further down.
    let i = d
        .iter()
        .position(|x| x.notes.contains(",\n") || x.notes.contains(",\r\n"))
        .expect("a note with a comma and a line break");
    assert_eq!(d[i + 1].at.line, d[i].at.line + 2);
    assert_eq!(d[0].at.line, 2);
}

#[test]
fn devices_csv_is_what_japanese_excel_saves() {
    let bytes = std::fs::read(data_dir().join("devices.csv")).unwrap();
    assert!(
        std::str::from_utf8(&bytes).is_err(),
        "must be CP932, not UTF-8"
    );
    let (text, _, had_errors) = encoding_rs::SHIFT_JIS.decode(&bytes);
    assert!(!had_errors);
    assert!(text.starts_with("番号,名称,種別,MACアドレス,IPアドレス,"));
    assert!(text.contains("\r\n"), "CRLF line ends");
    // Characters only CP932 (not plain Shift_JIS) has.
    assert!(text.contains('①') && text.contains('㈱') && text.contains('髙'));
    // MACs in every common spelling.
    let mut rdr = csv::Reader::from_reader(text.as_bytes());
    let mut seps = HashSet::new();
    for rec in rdr.records() {
        let rec = rec.unwrap();
        let mac = &rec[3];
        if !mac.is_empty() {
            seps.insert(mac.chars().find(|c| !c.is_ascii_hexdigit()));
        }
    }
    assert_eq!(
        seps,
        HashSet::from([Some(':'), Some('-'), Some('.'), None]),
        "colon, hyphen, Cisco dotted and bare"
    );
}

#[test]
fn other_files_vary_in_encoding_and_headers() {
    let read = |f: &str| std::fs::read(data_dir().join(f)).unwrap();
    let bom = |b: &[u8]| b.starts_with(b"\xEF\xBB\xBF");
    assert!(bom(&read("systems.csv")));
    assert!(!bom(&read("lines.csv")));
    // One language: Japanese headers in every file (issue 16).
    for f in ["segments.csv", "lines.csv", "cloud.csv"] {
        let text = String::from_utf8(read(f)).unwrap();
        assert!(
            text.trim_start_matches('\u{feff}').starts_with("番号,"),
            "{f}"
        );
    }
    assert!(String::from_utf8(read("lines.csv"))
        .unwrap()
        .starts_with("番号,回線名,回線事業者,種別,接続機器"));
    assert!(String::from_utf8(read("maintenance.csv"))
        .unwrap()
        .contains("接続方式"));
}

#[test]
fn every_record_becomes_a_node_of_the_inventory_graph() {
    let (site, _) = load();
    let g = koseizu::graph::InventoryGraph::build(&site, Default::default());
    for s in &site.segments {
        assert!(g.segment(&s.id).is_some(), "{}", s.id);
    }
    for d in &site.devices {
        assert!(g.device(&d.id).is_some(), "{}", d.id);
    }
    for l in &site.lines {
        assert!(g.line(&l.id).is_some(), "{}", l.id);
    }
    for c in &site.circuits {
        assert!(g.circuit(&c.id).is_some(), "{}", c.id);
    }
    for c in &site.clouds {
        assert!(g.cloud(&c.id).is_some(), "{}", c.id);
    }
    let drawn: HashSet<String> = g.outside_parties().map(|(n, _)| n.to_string()).collect();
    assert_eq!(drawn, outside_parties(&site));
}

// ---------------------------------------------------------------------------
// The two bundled scans (data/scans/): the story scripts/make_sample.py plants.

use std::net::IpAddr;

use koseizu::inventory::audit::{Confidence, Mismatch};
use koseizu::inventory::diff::Change;
use koseizu::scan::evidence::{self, Observed};
use koseizu::snapshot::{
    latest_per_scope, list_site_snapshots, ExternalEvidence, HostFlag, Proto, Snapshot,
};

const PREVIOUS: &str = "2026-08-03T010000Z.json";
const CURRENT: &str = "2026-11-02T010000Z.json";
const UNDECLARED_ROUTER: &str = "192.168.50.240";
const PHONE: &str = "10.10.11.143";
const UNKNOWN_PC: &str = "10.10.20.77";

fn ip(s: &str) -> IpAddr {
    s.parse().unwrap()
}

fn scan(name: &str) -> Snapshot {
    Snapshot::read(&data_dir().join("scans").join(name)).unwrap()
}

/// Ledger id of the device with this name.
fn id_of(site: &Site, name: &str) -> String {
    let found: Vec<_> = site.devices.iter().filter(|d| d.name == name).collect();
    assert_eq!(found.len(), 1, "{name}");
    found[0].id.clone()
}

#[test]
fn sample_scans_load_and_are_what_koseizu_itself_writes() {
    let (site, _) = load();
    let files = list_site_snapshots(&data_dir()).unwrap();
    let names: Vec<String> = files
        .iter()
        .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, [PREVIOUS, CURRENT]);
    // The commands' default: the latest scan of the (one) scope set.
    let latest = latest_per_scope(&data_dir()).unwrap();
    assert_eq!(latest.len(), 1);
    assert!(latest[0].0.ends_with(CURRENT));

    for (path, name) in files.iter().zip(&names) {
        let bytes = std::fs::read(path).unwrap();
        let snap = Snapshot::from_slice(&bytes).unwrap();
        assert_eq!(&snap.file_name(), name, "named for its start time");
        // Byte for byte what `koseizu scan` would have saved.
        let mut again = Vec::new();
        snap.write_to(&mut again).unwrap();
        assert!(again == bytes, "{name} is not in serde_json's layout");

        assert!(!snap.partial && snap.finished > snap.started);
        assert_eq!(snap.default_gateway, None);
        let outside = snap.settings.outside_probe.expect("gateway probe ran");
        assert!(
            "198.19.0.0/16"
                .parse::<ipnetwork::IpNetwork>()
                .unwrap()
                .contains(outside),
            "{outside}"
        );
        // Every segment but the guest Wi-Fi, which is deliberately not scanned.
        let expected: Vec<_> = site
            .segments
            .iter()
            .filter(|s| s.id != "SEG-GUEST")
            .filter_map(|s| s.cidr)
            .collect();
        assert_eq!(snap.scopes, expected);
        let scanner = snap.scanner_ip.unwrap();
        assert!(site
            .segment("SEG-MGMT")
            .unwrap()
            .cidr
            .unwrap()
            .contains(scanner));

        assert!(snap.hosts.len() > 200, "{}", snap.hosts.len());
        assert!(
            snap.hosts.windows(2).all(|w| w[0].ip < w[1].ip),
            "sorted by IP"
        );
        for h in &snap.hosts {
            assert!(snap.scopes.iter().any(|s| s.contains(h.ip)), "{}", h.ip);
            assert!(h.mac.is_some(), "layer-2 scan: every host has its MAC");
            // Vendor, flags, service names and evidence are exactly what the
            // scanner derives from what it saw (src/scan/evidence.rs).
            let IpAddr::V4(v4) = h.ip else {
                panic!("{}", h.ip)
            };
            let responder = h.external.iter().find_map(|e| match e {
                ExternalEvidence::GatewayProbe {
                    responder: IpAddr::V4(r),
                } => Some(*r),
                _ => None,
            });
            let excluded = h.flags.contains(&HostFlag::Excluded);
            let observed = Observed {
                mac: h.mac,
                other_macs: h.other_macs.clone(),
                rtt: None,
                excluded,
                gateway_responder: responder,
                ports: h.ports.iter().map(|p| (p.proto, p.port)).collect(),
            };
            let mut expected = evidence::host(v4, &observed, None);
            expected.rtt_ms = h.rtt_ms;
            expected.hostname = h.hostname.clone();
            assert_eq!(&expected, h);
            let vendor = h.vendor.as_deref().unwrap_or("");
            assert_eq!(
                excluded,
                snap.settings
                    .excluded
                    .iter()
                    .any(|x| koseizu::oui::organization_matches(vendor, x)),
                "{}",
                h.ip
            );
            assert!(
                !excluded || h.ports.is_empty(),
                "excluded hosts get ARP only"
            );
            for p in &h.ports {
                let probed = match p.proto {
                    Proto::Tcp => &snap.settings.tcp_ports,
                    Proto::Udp => &snap.settings.udp_ports,
                };
                assert!(probed.contains(&p.port), "{} {:?}", h.ip, p);
            }
            for e in &h.external {
                if let ExternalEvidence::Service { proto, port, .. } = e {
                    assert!(h.ports.iter().any(|p| p.proto == *proto && p.port == *port));
                }
            }
        }
    }
}

#[test]
fn sample_scans_show_the_medical_and_perimeter_services() {
    let (site, _) = load();
    let now = scan(CURRENT);
    let host = |name: &str| {
        let d = site.device(&id_of(&site, name)).unwrap();
        let ip = d.ip.unwrap();
        now.hosts
            .iter()
            .find(|h| h.ip == ip)
            .unwrap_or_else(|| panic!("{name}"))
    };
    let tcp = |name: &str, port: u16| {
        host(name)
            .ports
            .iter()
            .any(|p| p.proto == Proto::Tcp && p.port == port)
    };
    assert!(tcp("PACSサーバ", 104) && tcp("PACSサーバ", 11112));
    assert!(tcp("CT装置 (Aquilion)", 104));
    assert!(tcp("検査システムサーバ", 2575) && tcp("放射線RISサーバ", 2575));
    assert!(tcp("透析管理サーバ", 3389));
    assert!(tcp("UTM (FortiGate 200F)", 10443));
    // Every line and circuit device that was on answers the gateway probe.
    let declared = site.declared_external_devices();
    let mut probed = 0;
    for id in &declared {
        let d = site.device(id).unwrap();
        if let Some(h) = now.hosts.iter().find(|h| Some(h.ip) == d.ip) {
            assert!(
                h.external
                    .iter()
                    .any(|e| matches!(e, ExternalEvidence::GatewayProbe { .. })),
                "{id}"
            );
            probed += 1;
        }
    }
    assert_eq!(probed, declared.len() - 2, "all but the two switched off");
    // The hostile host name is there, for every output to escape.
    assert!(now.hosts.iter().any(|h| h
        .hostname
        .as_deref()
        .is_some_and(|n| n.starts_with("=HYPERLINK(") && n.contains("<script>"))));
}

#[test]
fn audit_of_the_sample_reports_exactly_the_planted_findings() {
    let (site, _) = load();
    let report = koseizu::inventory::audit(&site, &[scan(CURRENT)]);

    // 1. The LTE router nobody declared (it routed the gateway probe). RDP
    //    opened on the dialysis server behind it is no way out: list 5.
    let ways_out: Vec<_> = report
        .undeclared_external
        .iter()
        .map(|u| {
            (
                u.confidence,
                u.host.ip,
                u.device.as_ref().map(|d| d.id.clone()),
            )
        })
        .collect();
    assert_eq!(
        ways_out,
        [(Confidence::Confirmed, ip(UNDECLARED_ROUTER), None)]
    );
    let remote: Vec<_> = report
        .remote_control
        .iter()
        .map(|a| {
            (
                a.host.ip,
                a.device.as_ref().map(|d| d.id.clone()),
                a.circuits.len(),
            )
        })
        .collect();
    assert_eq!(
        remote,
        [(ip("192.168.50.11"), Some(id_of(&site, "透析管理サーバ")), 0)]
    );
    let router = &report.undeclared_external[0];
    assert_eq!(router.host.segment.as_deref(), Some("SEG-MED"));
    assert_eq!(router.host.vendor.as_deref(), Some("CENTURY SYSTEMS CORP."));

    // 2. Unregistered: the phone (randomised MAC), the unknown PC, the router.
    let unregistered: Vec<_> = report
        .unregistered
        .iter()
        .map(|u| (u.host.ip, u.randomised_mac, u.host.segment.clone()))
        .collect();
    assert_eq!(
        unregistered,
        [
            (ip(PHONE), true, Some("SEG-EHR".to_string())),
            (ip(UNKNOWN_PC), false, Some("SEG-DEPT".to_string())),
            (ip(UNDECLARED_ROUTER), false, Some("SEG-MED".to_string())),
        ]
    );

    // 3. Switched off: the two perimeter routers first, with their line/circuit.
    let unseen: Vec<_> = report
        .unseen
        .iter()
        .map(|u| (u.device.id.clone(), u.perimeter_of.clone()))
        .collect();
    assert_eq!(
        unseen,
        [
            (
                id_of(&site, "災害時バックアップ LTEルータ"),
                vec!["LINE-05".to_string()]
            ),
            (
                id_of(&site, "透析装置保守用モバイルルータ (事業者所有)"),
                vec!["MNT-05".to_string()]
            ),
            (id_of(&site, "回診用X線撮影装置"), vec![]),
            (id_of(&site, "看護カート用ノートPC 12"), vec![]),
        ]
    );

    // 4. One device at another IP than the ledger's.
    assert_eq!(report.mismatches.len(), 1, "{:?}", report.mismatches);
    match &report.mismatches[0] {
        Mismatch::IpDiffers { device, seen_ip } => {
            assert_eq!(device.id, id_of(&site, "内視鏡レポート端末"));
            assert_eq!(*seen_ip, ip("10.10.20.135"));
        }
        other => panic!("{other:?}"),
    }
    assert!(report.virtual_routers.is_empty());
    assert_eq!(report.finding_count(), 1 + 3 + 4 + 1);

    // Coverage: the guest Wi-Fi was not scanned, the standalone analyser
    // cannot be matched, everything else was seen.
    let c = &report.coverage;
    assert_eq!(c.unscanned_segments, ["SEG-GUEST"]);
    assert_eq!(c.not_covered, 5, "the guest switch and four guest APs");
    assert_eq!(c.cannot_match, 1);
    assert_eq!(c.partial_only, 0);
    assert_eq!(
        c.seen + c.not_covered + c.cannot_match + 4,
        site.devices.len()
    );
}

#[test]
fn diff_of_the_sample_pair_reports_the_planted_changes() {
    let (site, _) = load();
    let d = koseizu::inventory::diff(&scan(PREVIOUS), &scan(CURRENT), Some(&site));
    let dial = id_of(&site, "透析管理サーバ");
    let changes: Vec<(&str, IpAddr, Option<String>)> = d
        .changes
        .iter()
        .map(|c| (c.kind_name(), c.host().ip, c.host().device.clone()))
        .collect();
    assert_eq!(
        changes,
        [
            ("new-host", ip(PHONE), None),
            ("new-host", ip(UNKNOWN_PC), None),
            ("new-host", ip(UNDECLARED_ROUTER), None),
            (
                "mac-moved",
                ip("10.10.20.135"),
                Some(id_of(&site, "内視鏡レポート端末"))
            ),
            (
                "host-gone",
                ip("10.10.21.18"),
                Some(id_of(&site, "回診用X線撮影装置"))
            ),
            ("port-opened", ip("192.168.50.11"), Some(dial)),
            (
                "port-closed",
                ip("192.168.50.2"),
                Some(id_of(&site, "医療機器系スイッチ"))
            ),
        ]
    );
    for c in &d.changes {
        match c {
            Change::MacMoved { old_ip, .. } => assert_eq!(*old_ip, ip("10.10.20.131")),
            Change::PortOpened { port, .. } => {
                assert_eq!((port.proto, port.port), (Proto::Tcp, 3389))
            }
            Change::PortClosed { port, .. } => {
                assert_eq!((port.proto, port.port), (Proto::Tcp, 23))
            }
            Change::NewHost { host, external } => {
                assert_eq!(host.ip == ip(UNDECLARED_ROUTER), !external.is_empty())
            }
            _ => {}
        }
    }
    assert_eq!((d.outside_old_scope, d.outside_new_scope), (0, 0));
    assert!(d.ports_not_compared.is_empty());
}

fn koseizu_bin(args: &[&str]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_koseizu"))
        .args(args)
        .output()
        .unwrap()
}

#[test]
fn every_command_uses_the_sample_scans_out_of_the_box() {
    let data = data_dir();
    let data = data.to_str().unwrap();
    let tmp = tempfile::tempdir().unwrap();
    let stdout = |o: &std::process::Output| String::from_utf8_lossy(&o.stdout).into_owned();

    let csv = tmp.path().join("audit.csv");
    let out = koseizu_bin(&["audit", data, "--csv", csv.to_str().unwrap()]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = stdout(&out);
    assert!(text.contains(UNDECLARED_ROUTER) && text.contains("CENTURY SYSTEMS CORP."));
    // The hostile host name stays text in the Excel CSV: no cell starts a formula.
    let csv = std::fs::read_to_string(&csv).unwrap();
    assert!(csv.contains("'=HYPERLINK("), "{csv}");
    assert!(!csv.contains(",=") && !csv.contains(",\"="));
    let out = koseizu_bin(&["audit", data, "--fail-on", "undeclared-external"]);
    assert_eq!(out.status.code(), Some(1));

    let out = koseizu_bin(&["diff", "--site", data]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(stdout(&out).contains("透析管理サーバ"));
    let out = koseizu_bin(&["diff", "--site", data, "--format", "csv"]);
    assert!(out.status.success());
    assert!(stdout(&out).contains("'=HYPERLINK("));

    let out = koseizu_bin(&["impact", data, "--from", UNDECLARED_ROUTER]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(stdout(&out).contains(UNDECLARED_ROUTER));

    let svg = tmp.path().join("map.svg");
    let out = koseizu_bin(&["map", data, "-o", svg.to_str().unwrap()]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let svg = std::fs::read_to_string(&svg).unwrap();
    let mut r = quick_xml::Reader::from_str(&svg);
    while r.read_event().expect("well-formed SVG") != quick_xml::events::Event::Eof {}
    assert!(svg.contains(&format!("未登録 {UNDECLARED_ROUTER}")));
    assert!(!svg.contains("<script>"));
}

/// Every file under `dir`, relative, sorted.
fn files_under(dir: &Path) -> Vec<PathBuf> {
    fn walk(root: &Path, dir: &Path, out: &mut Vec<PathBuf>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(root, &path, out);
            } else {
                out.push(path.strip_prefix(root).unwrap().to_path_buf());
            }
        }
    }
    let mut out = Vec::new();
    walk(dir, dir, &mut out);
    out.sort();
    out
}

/// `scripts/make_sample.py` is the one source of `data/`: run into a
/// temporary folder it writes exactly the files there (README.md aside,
/// which people write), byte for byte. Without Python the check is skipped,
/// except under CI, where it must run.
#[test]
fn data_is_exactly_what_make_sample_py_writes() {
    let out = tempfile::tempdir().unwrap();
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("scripts/make_sample.py");
    let run = std::process::Command::new("python3")
        .arg(&script)
        .arg(out.path())
        .output();
    let run = match run {
        Ok(run) => run,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound && std::env::var_os("CI").is_none() => {
            eprintln!("python3 not found: data/ not checked against scripts/make_sample.py");
            return;
        }
        Err(e) => panic!("python3 {}: {e}", script.display()),
    };
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let mut expected = files_under(&data_dir());
    expected.retain(|p| p != Path::new("README.md"));
    assert_eq!(files_under(out.path()), expected);
    for file in &expected {
        assert!(
            std::fs::read(out.path().join(file)).unwrap()
                == std::fs::read(data_dir().join(file)).unwrap(),
            "data/{} is not what scripts/make_sample.py writes: edit the script and run it",
            file.display()
        );
    }
}
