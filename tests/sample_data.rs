//! The bundled sample site (data/) loads cleanly and meets the minimums the
//! project promises: a realistic hospital, not a toy.

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
    assert!(read("lines.csv").starts_with(b"id,name,carrier,kind,device"));
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
