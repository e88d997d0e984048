//! The checklist's rules on a site built here, with a known answer for
//! every judged item at every level boundary: a site that earns the top
//! level the records can show for each item, and one shortfall at a time.
#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a failed unwrap is a failed test

use chrono::{DateTime, NaiveDate, Utc};
use koseizu::checklist::{judge, Action, Checklist, Verdict};
use koseizu::inventory::diff::diff;
use koseizu::site::{
    Circuit, Cloud, Contact, Device, DeviceKind, Flow, FlowKind, Lang, Line, LineKind, Segment,
    Site, SiteMeta, SourceRef, System,
};
use koseizu::snapshot::{
    ExternalEvidence, Host, OpenPort, Proto, ScanSettings, Snapshot, FORMAT_NAME, FORMAT_VERSION,
};

fn at(file: &str) -> SourceRef {
    SourceRef {
        file: file.into(),
        line: 2,
    }
}

fn device(id: &str, kind: DeviceKind, mac: &str, ip: &str, seg: &str, system: &str) -> Device {
    Device {
        id: id.into(),
        name: format!("{id} name"),
        kind,
        mac: Some(mac.parse().unwrap()),
        ip: Some(ip.parse().unwrap()),
        segment: Some(seg.into()),
        system: (!system.is_empty()).then(|| system.into()),
        department: String::new(),
        vendor: "Maker".into(),
        location: String::new(),
        notes: String::new(),
        at: at("devices.csv"),
    }
}

fn system(id: &str) -> System {
    System {
        id: id.into(),
        name: format!("{id} system"),
        vendor: "Vendor KK".into(),
        owner: "Owner".into(),
        contact: "Contact".into(),
        phone: "0120-000-000".into(),
        email: String::new(),
        notes: String::new(),
        at: at("systems.csv"),
    }
}

fn contact(name: &str, role: &str, phone: &str) -> Contact {
    Contact {
        name: name.into(),
        role: role.into(),
        phone: phone.into(),
        email: String::new(),
        url: String::new(),
        notes: String::new(),
        at: at("contacts.csv"),
    }
}

fn flow(from: &str, to: &str, kind: FlowKind, description: &str) -> Flow {
    Flow {
        from: from.into(),
        to: to.into(),
        kind,
        description: description.into(),
        at: at("flows.csv"),
    }
}

/// A site at the top level the records can show for every judged item.
fn good_site() -> Site {
    Site {
        root: "/nowhere".into(),
        meta: SiteMeta {
            name: "テスト病院".into(),
            updated: Some(NaiveDate::from_ymd_opt(2026, 11, 10).unwrap()),
            language: Lang::Ja,
            author: None,
            timezone: Default::default(),
        },
        segments: vec![Segment {
            id: "S1".into(),
            name: "基幹".into(),
            cidr: Some("10.0.0.0/24".parse().unwrap()),
            zone: None,
            vlan: None,
            connects: vec![],
            notes: String::new(),
            at: at("segments.csv"),
        }],
        devices: vec![
            device(
                "R1",
                DeviceKind::Router,
                "00:1a:2b:00:00:01",
                "10.0.0.1",
                "S1",
                "",
            ),
            device(
                "SV1",
                DeviceKind::Server,
                "00:1a:2b:00:00:02",
                "10.0.0.10",
                "S1",
                "EHR",
            ),
            device(
                "PC1",
                DeviceKind::Pc,
                "00:1a:2b:00:00:03",
                "10.0.0.20",
                "S1",
                "EHR",
            ),
        ],
        systems: vec![system("EHR")],
        lines: vec![Line {
            id: "L1".into(),
            name: "Internet".into(),
            carrier: "Carrier".into(),
            kind: LineKind::Internet,
            device: Some("R1".into()),
            purpose: String::new(),
            notes: String::new(),
            at: at("lines.csv"),
        }],
        circuits: vec![Circuit {
            id: "M1".into(),
            vendor: "Vendor KK".into(),
            system: Some("EHR".into()),
            line: Some("L1".into()),
            device: Some("R1".into()),
            method: "SSL-VPN".into(),
            hours: "申請時のみ".into(),
            contact: "Contact".into(),
            phone: "0120-000-001".into(),
            notes: String::new(),
            at: at("maintenance.csv"),
        }],
        clouds: vec![Cloud {
            id: "C1".into(),
            name: "バックアップクラウド".into(),
            provider: "Cloud KK".into(),
            systems: vec!["EHR".into()],
            line: Some("L1".into()),
            data: "backup".into(),
            notes: String::new(),
            at: at("cloud.csv"),
        }],
        flows: vec![
            flow("EHR", "C1", FlowKind::Network, "夜間バックアップ"),
            flow(
                "EHR",
                "LTO装置",
                FlowKind::Media,
                "週次バックアップ (LTOテープ・施錠保管)",
            ),
            flow(
                "検査会社",
                "EHR",
                FlowKind::Media,
                "結果 (ウイルスチェック後に取込)",
            ),
        ],
        contacts: vec![
            contact("厚生労働省", "厚生労働省", "03-6812-7837"),
            contact(
                "IPA 情報セキュリティ安心相談窓口",
                "相談窓口",
                "03-5978-7509",
            ),
            contact("個人情報保護委員会", "個人情報保護委員会", ""),
            contact("県庁 医療政策課", "都道府県", "088-621-2366"),
            contact("県警察", "警察", "088-622-3180"),
            contact("情報システム室", "院内窓口", "内線 2301"),
        ],
    }
}

fn time(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
}

fn host(ip: &str, mac: &str) -> Host {
    Host {
        ip: ip.parse().unwrap(),
        mac: Some(mac.parse().unwrap()),
        other_macs: vec![],
        vendor: None,
        hostname: None,
        ports: vec![],
        rtt_ms: None,
        flags: vec![],
        external: vec![],
        identify: None,
    }
}

/// A complete scan of S1 that sees every device, the router routing.
fn scan(started: &str) -> Snapshot {
    let mut router = host("10.0.0.1", "00:1a:2b:00:00:01");
    router.external = vec![ExternalEvidence::GatewayProbe {
        responder: "10.0.0.1".parse().unwrap(),
    }];
    Snapshot {
        format: FORMAT_NAME.into(),
        version: FORMAT_VERSION,
        started: time(started),
        finished: time(started),
        partial: false,
        interface: "eth0".into(),
        scanner_ip: None,
        scanner_mac: None,
        default_gateway: None,
        scopes: vec!["10.0.0.0/24".parse().unwrap()],
        settings: ScanSettings {
            rate_pps: 1000,
            host_rate_pps: 20,
            tcp_ports: vec![443],
            udp_ports: vec![500],
            outside_probe: None,
            excluded: vec![],
            unprivileged: false,
        },
        hosts: vec![
            router,
            host("10.0.0.10", "00:1a:2b:00:00:02"),
            host("10.0.0.20", "00:1a:2b:00:00:03"),
        ],
        limitations: vec![],
        source: koseizu::snapshot::Source::Scan,
        imported_from: None,
        details: vec![],
        switching: None,
    }
}

fn run(site: &Site, snaps: &[Snapshot]) -> Checklist {
    judge(site, snaps, None)
}

fn level(c: &Checklist, id: &str) -> Option<u8> {
    c.items
        .iter()
        .chain(&c.inspection)
        .find(|i| i.rule.id == id)
        .unwrap_or_else(|| panic!("no item {id}"))
        .verdict
        .level()
}

fn verdict<'a>(c: &'a Checklist, id: &str) -> &'a Verdict {
    &c.items
        .iter()
        .chain(&c.inspection)
        .find(|i| i.rule.id == id)
        .unwrap()
        .verdict
}

/// The actions the item's failed checks ask for.
fn failed(c: &Checklist, id: &str) -> Vec<Action> {
    match verdict(c, id) {
        Verdict::Judged { checks, .. } => {
            checks.iter().filter(|k| !k.met).map(|k| k.action).collect()
        }
        Verdict::NotJudged { .. } => panic!("{id} not judged"),
    }
}

#[test]
fn the_good_site_earns_every_ceiling() {
    let site = good_site();
    let c = run(&site, &[scan("2026-11-02T01:00:00Z")]);
    assert_eq!(level(&c, "2"), Some(3), "{:?}", verdict(&c, "2"));
    assert_eq!(level(&c, "3"), Some(1));
    assert_eq!(level(&c, "4"), Some(2), "{:?}", verdict(&c, "4"));
    assert_eq!(level(&c, "12"), Some(2));
    assert_eq!(level(&c, "13"), Some(2));
    assert_eq!(level(&c, "15"), Some(2));
    assert_eq!(level(&c, "20"), Some(1));
    assert_eq!(level(&c, "ledger"), Some(1));
    assert_eq!(level(&c, "remote-maintenance"), Some(1));
    assert_eq!(level(&c, "contact-chart"), Some(1));
    // Nothing open accepts remote access, but the restriction itself is a question.
    assert_eq!(level(&c, "source-restriction"), None);
    for id in [
        "1", "5", "6", "7", "8", "9", "10", "11", "14", "16", "17", "18", "19",
    ] {
        assert_eq!(
            level(&c, id),
            None,
            "No.{id} is never judged from the records"
        );
    }
    assert_eq!(c.summary.judged, 7);
    assert_eq!(c.summary.per_level, [0, 2, 4, 1]);
    assert!(c.summary.actions.is_empty(), "{:?}", c.summary.actions);
    // Items at their ceiling ask the question above it.
    for id in ["3", "4", "12", "13", "15", "20"] {
        assert!(
            matches!(
                verdict(&c, id),
                Verdict::Judged {
                    beyond: Some(_),
                    ..
                }
            ),
            "No.{id}"
        );
    }
}

#[test]
fn item2_each_shortfall_lowers_it() {
    let good = good_site();
    let s = scan("2026-11-02T01:00:00Z");

    // No scan: level 2 at most.
    let c = run(&good, &[]);
    assert_eq!(level(&c, "2"), Some(2));
    assert_eq!(failed(&c, "2"), [Action::Scan]);

    // A partial scan proves nothing either.
    let mut partial = s.clone();
    partial.partial = true;
    let c = run(&good, &[partial]);
    assert_eq!(level(&c, "2"), Some(2));
    assert_eq!(failed(&c, "2"), [Action::Scan]);
    assert!(format!("{:?}", verdict(&c, "2")).contains("ChkFactOnlyPartial"));

    // An undeclared way out: a second router nobody declared.
    let mut snap = s.clone();
    let mut lte = host("10.0.0.99", "00:1a:2b:00:00:99");
    lte.external = vec![ExternalEvidence::GatewayProbe {
        responder: "10.0.0.99".parse().unwrap(),
    }];
    snap.hosts.push(lte);
    let c = run(&good, &[snap]);
    assert_eq!(level(&c, "2"), Some(2));
    assert!(failed(&c, "2").contains(&Action::DeclareWaysOut));
    assert!(failed(&c, "2").contains(&Action::ResolveUnregistered));

    // An unregistered device alone.
    let mut snap = s.clone();
    snap.hosts.push(host("10.0.0.50", "00:1a:2b:00:00:50"));
    let c = run(&good, &[snap]);
    assert_eq!(level(&c, "2"), Some(2));
    assert_eq!(failed(&c, "2"), [Action::ResolveUnregistered]);

    // A segment with devices that no scan covered.
    let mut site = good.clone();
    site.segments.push(Segment {
        id: "S2".into(),
        cidr: Some("10.0.1.0/24".parse().unwrap()),
        ..site.segments[0].clone()
    });
    site.devices.push(device(
        "PC2",
        DeviceKind::Pc,
        "00:1a:2b:00:01:01",
        "10.0.1.20",
        "S2",
        "",
    ));
    let c = run(&site, std::slice::from_ref(&s));
    assert_eq!(level(&c, "2"), Some(2));
    assert_eq!(failed(&c, "2"), [Action::ScanSegments]);

    // No update date.
    let mut site = good.clone();
    site.meta.updated = None;
    let c = run(&site, std::slice::from_ref(&s));
    assert_eq!(level(&c, "2"), Some(2));
    assert_eq!(failed(&c, "2"), [Action::UpdateRecords]);

    // Records older than changes the diff found: new host seen after the update…
    let mut site = good.clone();
    site.meta.updated = Some(NaiveDate::from_ymd_opt(2026, 10, 1).unwrap());
    let old = scan("2026-09-01T01:00:00Z");
    let mut new = scan("2026-11-02T01:00:00Z");
    new.hosts[2].ports.push(OpenPort {
        proto: Proto::Tcp,
        port: 443,
        service: None,
    });
    let d = diff(&old, &new, Some(&site));
    assert!(!d.changes.is_empty());
    let c = judge(&site, std::slice::from_ref(&new), Some(&d));
    assert_eq!(level(&c, "2"), Some(2));
    assert_eq!(failed(&c, "2"), [Action::UpdateRecords]);
    // …but older records with no change since are current.
    let same = scan("2026-11-02T01:00:00Z");
    let d = diff(&old, &same, Some(&site));
    assert!(d.changes.is_empty());
    assert_eq!(
        level(&judge(&site, std::slice::from_ref(&same), Some(&d)), "2"),
        Some(3)
    );
    // Older records and nothing to compare with: the audit decides.
    assert_eq!(level(&run(&site, &[same]), "2"), Some(3));

    // Level 1: segments without subnets, a line without its device, no systems.
    let mut site = good.clone();
    site.segments[0].cidr = None;
    let c = run(&site, &[]);
    assert_eq!(level(&c, "2"), Some(1));
    assert!(failed(&c, "2").contains(&Action::RecordSegments));
    let mut site = good.clone();
    site.lines[0].device = None;
    assert_eq!(level(&run(&site, &[]), "2"), Some(1));
    let mut site = good.clone();
    site.lines.clear();
    assert_eq!(level(&run(&site, &[]), "2"), Some(1));
    let mut site = good.clone();
    site.systems.clear();
    assert_eq!(level(&run(&site, &[]), "2"), Some(1));

    // Level 0: no device at all.
    let mut site = good.clone();
    site.devices.clear();
    assert_eq!(level(&run(&site, &[]), "2"), Some(0));
}

#[test]
fn item3_owners_vendors_circuits_and_public_contacts() {
    let good = good_site();
    assert_eq!(level(&run(&good, &[]), "3"), Some(1));
    let mut site = good.clone();
    site.systems[0].owner.clear();
    assert_eq!(level(&run(&site, &[]), "3"), Some(0));
    let mut site = good.clone();
    site.systems[0].phone.clear();
    assert_eq!(
        failed(&run(&site, &[]), "3"),
        [Action::RecordVendorContacts]
    );
    let mut site = good.clone();
    site.circuits[0].phone.clear();
    assert_eq!(
        failed(&run(&site, &[]), "3"),
        [Action::RecordCircuitContacts]
    );
    let mut site = good.clone();
    site.contacts.retain(|c| c.role != "警察");
    let c = run(&site, &[]);
    assert_eq!(level(&c, "3"), Some(0));
    assert_eq!(failed(&c, "3"), [Action::RecordPublicContacts]);
    assert_eq!(level(&c, "contact-chart"), Some(0));
    let mut site = good.clone();
    site.systems.clear();
    assert_eq!(level(&run(&site, &[]), "3"), Some(0));
}

#[test]
fn item4_backups_and_offline() {
    let good = good_site();
    assert_eq!(level(&run(&good, &[]), "4"), Some(2));
    // A second system with no backup: level 1.
    let mut site = good.clone();
    site.systems.push(system("LAB"));
    let c = run(&site, &[]);
    assert_eq!(level(&c, "4"), Some(1));
    assert_eq!(failed(&c, "4"), [Action::RecordBackups]);
    // No offline copy: level 1.
    let mut site = good.clone();
    site.flows
        .retain(|f| f.kind != FlowKind::Media || f.to != "LTO装置");
    let c = run(&site, &[]);
    assert_eq!(level(&c, "4"), Some(1));
    assert_eq!(failed(&c, "4"), [Action::OfflineBackup]);
    // No backup anywhere: level 0.
    let mut site = good.clone();
    site.flows.clear();
    site.clouds.clear();
    assert_eq!(level(&run(&site, &[]), "4"), Some(0));
}

#[test]
fn item11_waits_for_identification_and_lists_the_ways_out() {
    let c = run(&good_site(), &[scan("2026-11-02T01:00:00Z")]);
    let Verdict::NotJudged {
        facts, waits_for, ..
    } = verdict(&c, "11")
    else {
        panic!("No.11 is not judged until issue 13")
    };
    assert!(waits_for.is_some());
    assert!(
        format!("{facts:?}").contains("R1 (R1 name, Maker)"),
        "{facts:?}"
    );
}

#[test]
fn item12_media_checked() {
    let good = good_site();
    let mut site = good.clone();
    site.flows
        .push(flow("診療所", "EHR", FlowKind::Media, "紹介状の画像"));
    assert_eq!(level(&run(&site, &[]), "12"), Some(1));
    site.flows.retain(|f| !f.description.contains("ウイルス"));
    assert_eq!(level(&run(&site, &[]), "12"), Some(0));
    site.flows
        .retain(|f| f.kind != FlowKind::Media || f.to != "EHR");
    assert_eq!(
        level(&run(&site, &[]), "12"),
        None,
        "nothing received on media"
    );
}

#[test]
fn item13_circuit_method_and_hours() {
    let good = good_site();
    let mut site = good.clone();
    site.circuits[0].hours = "常時".into();
    let c = run(&site, &[]);
    assert_eq!(level(&c, "13"), Some(1));
    assert_eq!(failed(&c, "13"), [Action::LimitCircuitHours]);
    site.circuits[0].hours.clear();
    let c = run(&site, &[]);
    assert_eq!(level(&c, "13"), Some(0));
    let mut site = good.clone();
    site.circuits.clear();
    assert_eq!(level(&run(&site, &[]), "13"), None);
    // The captured-sessions part says what it waits for.
    let c = run(&good, &[]);
    let Verdict::Judged { notes, .. } = verdict(&c, "13") else {
        panic!()
    };
    assert!(format!("{notes:?}").contains("ChkNoteSessions"));
}

#[test]
fn item15_personal_and_unregistered_devices() {
    let good = good_site();
    let s = scan("2026-11-02T01:00:00Z");
    assert_eq!(level(&run(&good, &[]), "15"), None, "no scan, no answer");
    let mut snap = s.clone();
    snap.hosts.push(host("10.0.0.77", "da:00:00:00:00:77"));
    let c = run(&good, &[snap]);
    assert_eq!(level(&c, "15"), Some(0));
    assert!(failed(&c, "15").contains(&Action::RemovePersonalDevices));
    let mut snap = s.clone();
    snap.hosts.push(host("10.0.0.78", "00:1a:2b:00:00:78"));
    assert_eq!(level(&run(&good, &[snap]), "15"), Some(1));
}

#[test]
fn item20_and_inspection_contacts() {
    let good = good_site();
    let mut site = good.clone();
    site.contacts.retain(|c| c.role != "院内窓口");
    let c = run(&site, &[]);
    assert_eq!(level(&c, "20"), Some(0));
    assert_eq!(level(&c, "contact-chart"), Some(0));
    site.contacts.clear();
    assert_eq!(level(&run(&site, &[]), "20"), Some(0));
}

#[test]
fn inspection_ledger_remote_and_source() {
    let good = good_site();
    let s = scan("2026-11-02T01:00:00Z");
    // Ledger: without a scan, yes on the ledger alone; a kind missing is no.
    assert_eq!(level(&run(&good, &[]), "ledger"), Some(1));
    let mut site = good.clone();
    site.devices.retain(|d| d.kind != DeviceKind::Server);
    assert_eq!(level(&run(&site, &[]), "ledger"), Some(0));
    // Remote maintenance: a circuit naming no device is no; no circuit at
    // all and nothing undeclared is a question.
    let mut site = good.clone();
    site.circuits[0].device = None;
    assert_eq!(level(&run(&site, &[]), "remote-maintenance"), Some(0));
    let mut site = good.clone();
    site.circuits.clear();
    assert_eq!(
        level(&run(&site, std::slice::from_ref(&s)), "remote-maintenance"),
        None
    );
    // An undeclared VPN endpoint: remote maintenance no, source restriction no.
    let mut snap = s.clone();
    let mut vpn = host("10.0.0.98", "00:1a:2b:00:00:98");
    vpn.external = vec![ExternalEvidence::Service {
        proto: Proto::Udp,
        port: 500,
        what: "IKE".into(),
    }];
    snap.hosts.push(vpn);
    let c = run(&good, &[snap]);
    assert_eq!(level(&c, "remote-maintenance"), Some(0));
    assert_eq!(level(&c, "source-restriction"), Some(0));
    assert_eq!(level(&c, "ledger"), Some(0));
    // No scan: source restriction not judged.
    assert_eq!(level(&run(&good, &[]), "source-restriction"), None);
}

#[test]
fn summary_names_the_action_that_raises_the_most() {
    let good = good_site();
    let mut snap = scan("2026-11-02T01:00:00Z");
    snap.hosts.push(host("10.0.0.50", "00:1a:2b:00:00:50"));
    let c = run(&good, &[snap]);
    // One unregistered device lowers No.2 and No.15 and the ledger item:
    // resolving it alone raises all three.
    let top = &c.summary.actions[0];
    assert_eq!(top.action, Action::ResolveUnregistered);
    assert_eq!(top.levels, 3, "{top:?}");
    assert_eq!(top.items, ["2", "15", "ledger"]);
}

#[test]
fn item13_sessions_outside_the_declared_hours() {
    use koseizu::snapshot::{Detail, Fact, Source};
    let mut site = good_site();
    site.circuits[0].method = "IPsec-VPN".into();
    site.circuits[0].hours = "平日 9:00-17:00".into();
    let capture = |first: &str, last: &str| {
        let mut cap = scan(first);
        cap.source = Source::Capture;
        cap.scopes.clear();
        cap.details = vec![Detail {
            ip: Some("10.0.0.1".parse().unwrap()),
            mac: None,
            fact: Fact::RemoteSession {
                service: "IKE".into(),
                proto: Proto::Udp,
                port: 500,
                server: "10.0.0.1".parse().unwrap(),
                client: "198.19.0.7".parse().unwrap(),
                outside_peer: true,
                first: time(first),
                last: time(last),
            },
        }];
        cap
    };
    // Friday 23:00 JST: outside the hours.
    let c = run(
        &site,
        &[
            scan("2026-12-04T00:00:00Z"),
            capture("2026-12-04T14:00:00Z", "2026-12-04T14:20:00Z"),
        ],
    );
    assert_eq!(level(&c, "13"), Some(1));
    assert_eq!(failed(&c, "13"), [Action::CheckOutsideHours]);
    // Friday 10:00 JST: inside; the check is met and the note is gone.
    let c = run(
        &site,
        &[
            scan("2026-12-04T00:00:00Z"),
            capture("2026-12-04T01:00:00Z", "2026-12-04T01:20:00Z"),
        ],
    );
    assert_eq!(level(&c, "13"), Some(2));
    assert!(failed(&c, "13").is_empty());
    let Verdict::Judged { notes, checks, .. } = verdict(&c, "13") else {
        panic!()
    };
    assert!(!format!("{notes:?}").contains("ChkNoteSessions"));
    assert!(format!("{checks:?}").contains("ChkFactInsideHours"));
    // Without a capture, the note says what it waits for.
    let c = run(&site, &[scan("2026-12-04T00:00:00Z")]);
    let Verdict::Judged { notes, .. } = verdict(&c, "13") else {
        panic!()
    };
    assert!(format!("{notes:?}").contains("ChkNoteSessions"));
}
