//! The four false-positive sources found while building the sample scans,
//! each against a small hospital written as a real site folder and hosts
//! built by the scanner's own evidence rules (`scan::evidence::host`), with
//! the real findings next to them that must stay reported:
//! 1. HTTPS (443/8443) on a registered switch or AP is its management UI;
//! 2. RDP/VNC/SSH/Telnet listeners: ways to move around inside, never ways
//!    out (listed on their own, with the declared circuit that explains them);
//! 3. L3 switches and VRRP/HSRP gateway addresses route between segments;
//! 4. the scanning PC itself in the ledger.
#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a failed unwrap is a failed test

use std::fs;
use std::net::{IpAddr, Ipv4Addr};
use std::path::Path;
use std::process::Command;

use chrono::{DateTime, Utc};
use koseizu::inventory::audit::{AuditReport, Confidence};
use koseizu::report::audit::{write_csv, write_text};
use koseizu::scan::evidence::{self, Observed};
use koseizu::site::{Lang, Site};
use koseizu::snapshot::{
    ExternalEvidence, Host, Proto, ScanSettings, Snapshot, FORMAT_NAME, FORMAT_VERSION,
};

const OUTSIDE_PROBE: &str = "198.19.0.1";

/// A 300-bed hospital in miniature: a firewall declared by the internet line,
/// a core L3 switch, floor switches and an AP from router makers, servers
/// maintained by vendors, a vendor's router nobody declared, the IT room's
/// scanning PC.
fn write_site(dir: &Path) {
    fs::write(
        dir.join("site.toml"),
        "name = \"誤検出確認病院\"\nlanguage = \"en\"\n",
    )
    .unwrap();
    // The ward's gateway is .254, written in an extra column the loader keeps
    // in the notes; the other segments use the .1.
    fs::write(
        dir.join("segments.csv"),
        "id,name,cidr,notes,gateway\r\n\
         core,基幹,10.1.0.0/24,,\r\n\
         ward,病棟,10.1.8.0/24,,10.1.8.254\r\n\
         lab,検査,10.1.30.0/24,,\r\n\
         med,医療機器,10.1.50.0/24,,\r\n\
         mgmt,管理,10.1.254.0/24,,\r\n",
    )
    .unwrap();
    fs::write(
        dir.join("systems.csv"),
        "id,name\r\nSYS-LAB,検査システム\r\nSYS-DIAL,透析\r\nSYS-PACS,PACS\r\n",
    )
    .unwrap();
    fs::write(
        dir.join("devices.csv"),
        "id,name,kind,mac,ip,segment,system\r\n\
         fw,UTM,firewall,00:09:0f:00:00:01,10.1.0.254,core,\r\n\
         core-sw,コアスイッチ,L3SW,00:00:0c:00:00:02,10.1.0.2,core,\r\n\
         floor-sw,フロアスイッチ,switch,00:1a:eb:00:08:02,10.1.8.2,ward,\r\n\
         ward-ap,病棟AP,ap,00:07:40:00:08:10,10.1.8.10,ward,\r\n\
         vpn-sw,VPN対応スイッチ,switch,00:1a:eb:00:08:03,10.1.8.3,ward,\r\n\
         ike-ap,IKEを出すAP,ap,00:07:40:00:08:11,10.1.8.11,ward,\r\n\
         lab-srv,検査サーバ,server,34:fe:9e:00:30:05,10.1.30.5,lab,SYS-LAB\r\n\
         lab-srv2,検査サーバ2,server,34:fe:9e:00:30:06,10.1.30.6,lab,SYS-LAB\r\n\
         dial-srv,透析サーバ,server,34:fe:9e:00:50:11,10.1.50.11,med,SYS-DIAL\r\n\
         pacs-srv,PACS,server,34:fe:9e:00:00:30,10.1.0.30,core,SYS-PACS\r\n\
         ehr-srv,電子カルテ,server,34:fe:9e:00:00:31,10.1.0.31,core,\r\n\
         med-rtr,透析保守ルータ (Si-R),router,34:fe:9e:00:50:01,10.1.50.240,med,\r\n\
         med-sw,医療機器系スイッチ,switch,00:1a:eb:00:50:02,10.1.50.2,med,\r\n\
         scan-pc,スキャン用PC,pc,d0:43:1e:00:fe:50,10.1.254.50,mgmt,\r\n",
    )
    .unwrap();
    fs::write(
        dir.join("lines.csv"),
        "id,name,carrier,kind,device\r\ninet,インターネット,NTT,internet,fw\r\n",
    )
    .unwrap();
    fs::write(
        dir.join("maintenance.csv"),
        "id,vendor,system,line,device,method,hours\r\n\
         MNT-LAB,検査ベンダ,SYS-LAB,inet,fw,リモートデスクトップ (SSL-VPN経由),申請時のみ\r\n\
         MNT-DIAL,透析ベンダ,SYS-DIAL,inet,fw,IPsec-VPN,常時\r\n\
         MNT-PACS,画像ベンダ,SYS-PACS,inet,fw,ＶＮＣ画面共有,申請時のみ\r\n",
    )
    .unwrap();
}

fn load(dir: &Path) -> Site {
    koseizu::site::load(dir).expect("fixture site loads").site
}

fn v4(s: &str) -> Ipv4Addr {
    s.parse().unwrap()
}

/// A host as `koseizu scan` writes it: vendor and evidence from the
/// scanner's own rules.
fn seen(ip: &str, mac: &str, tcp: &[u16], udp: &[u16], routes: bool) -> Host {
    let mut ports: Vec<(Proto, u16)> = tcp.iter().map(|&p| (Proto::Tcp, p)).collect();
    ports.extend(udp.iter().map(|&p| (Proto::Udp, p)));
    let observed = Observed {
        mac: Some(mac.parse().unwrap()),
        rtt: Some(std::time::Duration::from_millis(1)),
        gateway_responder: routes.then(|| v4(ip)),
        ports,
        ..Observed::default()
    };
    evidence::host(v4(ip), &observed, None)
}

/// Every ledger device answering, as in a scan of a quiet network.
fn ledger_hosts() -> Vec<Host> {
    vec![
        seen("10.1.0.254", "00:09:0f:00:00:01", &[443], &[500], true),
        seen("10.1.0.2", "00:00:0c:00:00:02", &[22], &[], false),
        seen("10.1.8.2", "00:1a:eb:00:08:02", &[22], &[], false),
        seen("10.1.8.10", "00:07:40:00:08:10", &[], &[], false),
        seen("10.1.8.3", "00:1a:eb:00:08:03", &[], &[], false),
        seen("10.1.8.11", "00:07:40:00:08:11", &[], &[], false),
        seen("10.1.30.5", "34:fe:9e:00:30:05", &[], &[], false),
        seen("10.1.30.6", "34:fe:9e:00:30:06", &[], &[], false),
        seen("10.1.50.11", "34:fe:9e:00:50:11", &[], &[], false),
        seen("10.1.0.30", "34:fe:9e:00:00:30", &[], &[], false),
        seen("10.1.0.31", "34:fe:9e:00:00:31", &[], &[], false),
        seen("10.1.50.240", "34:fe:9e:00:50:01", &[], &[], false),
        seen("10.1.50.2", "00:1a:eb:00:50:02", &[], &[], false),
    ]
}

/// Replaces the ledger host at `ip` (or adds one) with `h`.
fn with(mut hosts: Vec<Host>, h: Host) -> Vec<Host> {
    hosts.retain(|x| x.ip != h.ip);
    hosts.push(h);
    hosts.sort_by_key(|h| h.ip);
    hosts
}

/// A complete scan from the IT room's PC (which never lists itself).
fn snapshot(hosts: Vec<Host>) -> Snapshot {
    let t: DateTime<Utc> = "2026-11-27T01:00:00Z".parse().unwrap();
    Snapshot {
        format: FORMAT_NAME.into(),
        version: FORMAT_VERSION,
        source: koseizu::snapshot::Source::Scan,
        imported_from: None,
        started: t,
        finished: t,
        partial: false,
        interface: "eno1".into(),
        scanner_ip: Some("10.1.254.50".parse().unwrap()),
        scanner_mac: Some("d0:43:1e:00:fe:50".parse().unwrap()),
        default_gateway: None,
        scopes: [
            "10.1.0.0/24",
            "10.1.8.0/24",
            "10.1.30.0/24",
            "10.1.50.0/24",
            "10.1.254.0/24",
        ]
        .iter()
        .map(|s| s.parse().unwrap())
        .collect(),
        settings: ScanSettings {
            rate_pps: 100,
            host_rate_pps: 10,
            tcp_ports: vec![22, 443, 3389, 5900, 8443, 10443],
            udp_ports: vec![500, 4500],
            outside_probe: Some(OUTSIDE_PROBE.parse().unwrap()),
            excluded: vec![],
            unprivileged: false,
        },
        hosts,
        limitations: vec![],
        switching: None,
        details: vec![],
    }
}

fn audit(hosts: Vec<Host>) -> AuditReport {
    let dir = tempfile::tempdir().unwrap();
    write_site(dir.path());
    koseizu::inventory::audit(&load(dir.path()), &[snapshot(hosts)])
}

/// (confidence, ledger id, IP) of every undeclared way out.
fn ways_out(r: &AuditReport) -> Vec<(Confidence, Option<String>, IpAddr)> {
    r.undeclared_external
        .iter()
        .map(|u| {
            (
                u.confidence,
                u.device.as_ref().map(|d| d.id.clone()),
                u.host.ip,
            )
        })
        .collect()
}

/// (ledger id, IP, explaining circuits) of every host accepting remote control.
fn remote_control(r: &AuditReport) -> Vec<(Option<String>, IpAddr, Vec<String>)> {
    r.remote_control
        .iter()
        .map(|a| {
            (
                a.device.as_ref().map(|d| d.id.clone()),
                a.host.ip,
                a.circuits.clone(),
            )
        })
        .collect()
}

fn ip(s: &str) -> IpAddr {
    s.parse().unwrap()
}

fn text(r: &AuditReport, lang: Lang) -> String {
    let mut out = Vec::new();
    write_text(r, lang, &mut out).unwrap();
    String::from_utf8(out).unwrap()
}

fn csv_rows(r: &AuditReport) -> Vec<Vec<String>> {
    let mut out = Vec::new();
    write_csv(r, Lang::En, &mut out).unwrap();
    let mut rd = csv::Reader::from_reader(out.as_slice());
    rd.records()
        .map(|r| r.unwrap().iter().map(str::to_owned).collect())
        .collect()
}

#[test]
fn the_quiet_network_has_no_findings() {
    let r = audit(ledger_hosts());
    assert_eq!(r.finding_count(), 0, "{r:#?}");
}

// 1. ---------------------------------------------------------------------

#[test]
fn https_on_a_registered_switch_or_ap_is_its_management_ui_not_a_vpn() {
    let mut hosts = ledger_hosts();
    // Allied Telesis switch and Buffalo AP: the scanner calls 443/8443 on a
    // router maker's device SSL-VPN.
    hosts = with(
        hosts,
        seen("10.1.8.2", "00:1a:eb:00:08:02", &[22, 443], &[], false),
    );
    hosts = with(
        hosts,
        seen("10.1.8.10", "00:07:40:00:08:10", &[80, 8443], &[], false),
    );
    // A Cisco core switch with its web UI too.
    hosts = with(
        hosts,
        seen("10.1.0.2", "00:00:0c:00:00:02", &[443], &[], false),
    );
    assert!(hosts
        .iter()
        .find(|h| h.ip == ip("10.1.8.2"))
        .unwrap()
        .is_external_facing());
    let r = audit(hosts);
    assert!(
        r.undeclared_external.is_empty(),
        "{:#?}",
        r.undeclared_external
    );
    assert_eq!(r.finding_count(), 0);
}

#[test]
fn real_vpn_evidence_on_switches_aps_routers_and_strangers_stays_reported() {
    let mut hosts = ledger_hosts();
    // 10443 is SSL-VPN whoever offers it; IKE is IKE.
    hosts = with(
        hosts,
        seen("10.1.8.3", "00:1a:eb:00:08:03", &[443, 10443], &[], false),
    );
    hosts = with(
        hosts,
        seen(
            "10.1.8.11",
            "00:07:40:00:08:11",
            &[443],
            &[500, 4500],
            false,
        ),
    );
    // A registered router nobody declared keeps 443 as SSL-VPN (Fujitsu is
    // not on the scanner's maker list, so the evidence comes from elsewhere).
    let mut rtr = seen("10.1.50.240", "34:fe:9e:00:50:01", &[443], &[], false);
    rtr.external.push(ExternalEvidence::Service {
        proto: Proto::Tcp,
        port: 443,
        what: "SSL-VPN".into(),
    });
    hosts = with(hosts, rtr);
    // An unregistered Buffalo box with 443: all its evidence counts.
    hosts = with(
        hosts,
        seen("10.1.8.99", "00:07:40:00:08:99", &[443], &[], false),
    );
    let r = audit(hosts);
    assert_eq!(
        ways_out(&r),
        vec![
            (Confidence::Likely, Some("vpn-sw".into()), ip("10.1.8.3")),
            (Confidence::Likely, Some("ike-ap".into()), ip("10.1.8.11")),
            (Confidence::Likely, None, ip("10.1.8.99")),
            (
                Confidence::Likely,
                Some("med-rtr".into()),
                ip("10.1.50.240")
            ),
        ]
    );
    let vpn_sw = &r.undeclared_external[0];
    let ports: Vec<u16> = vpn_sw
        .evidence
        .iter()
        .filter_map(|e| match e {
            ExternalEvidence::Service { port, .. } => Some(*port),
            _ => None,
        })
        .collect();
    assert_eq!(
        ports,
        vec![10443],
        "443 on a switch is not shown as evidence"
    );
}

// 2. ---------------------------------------------------------------------

#[test]
fn rdp_or_vnc_that_a_declared_circuit_uses_is_not_an_undeclared_way_out() {
    let mut hosts = ledger_hosts();
    // MNT-LAB reaches the lab system by リモートデスクトップ; MNT-PACS by ＶＮＣ画面共有.
    hosts = with(
        hosts,
        seen("10.1.30.5", "34:fe:9e:00:30:05", &[3389], &[], false),
    );
    hosts = with(
        hosts,
        seen("10.1.0.30", "34:fe:9e:00:00:30", &[5900], &[], false),
    );
    let r = audit(hosts);
    assert!(
        r.undeclared_external.is_empty(),
        "{:#?}",
        r.undeclared_external
    );
    assert_eq!(r.finding_count(), 0);
    // Listed as accepting remote control, with the circuit that explains it.
    assert_eq!(
        remote_control(&r),
        vec![
            (
                Some("pacs-srv".into()),
                ip("10.1.0.30"),
                vec!["MNT-PACS".into()]
            ),
            (
                Some("lab-srv".into()),
                ip("10.1.30.5"),
                vec!["MNT-LAB".into()]
            ),
        ]
    );
    let t = text(&r, Lang::En);
    assert!(
        t.contains("■ 5. Devices accepting remote control: 2"),
        "{t}"
    );
    assert!(
        t.contains("RDP (tcp/3389): reached by circuit MNT-LAB (declared)"),
        "{t}"
    );
    assert!(t.contains("MNT-PACS") && t.contains("10.1.0.30"), "{t}");
}

#[test]
fn rdp_that_no_circuit_explains_is_remote_control_not_a_way_out() {
    let mut hosts = ledger_hosts();
    // MNT-DIAL is IPsec-VPN: RDP on the dialysis server is nobody's path.
    hosts = with(
        hosts,
        seen("10.1.50.11", "34:fe:9e:00:50:11", &[3389], &[], false),
    );
    // No circuit for the EHR server's system at all.
    hosts = with(
        hosts,
        seen("10.1.0.31", "34:fe:9e:00:00:31", &[5900], &[], false),
    );
    // The lab circuit explains RDP, not an IKE endpoint on the lab server.
    hosts = with(
        hosts,
        seen("10.1.30.6", "34:fe:9e:00:30:06", &[3389], &[500], false),
    );
    // An unregistered PC with RDP in the lab segment is not the lab system.
    hosts = with(
        hosts,
        seen("10.1.30.77", "34:fe:9e:00:30:77", &[3389], &[], false),
    );
    let r = audit(hosts);
    // Only the IKE endpoint is a way out.
    assert_eq!(
        ways_out(&r),
        vec![(Confidence::Likely, Some("lab-srv2".into()), ip("10.1.30.6"))]
    );
    assert_eq!(
        remote_control(&r),
        vec![
            (Some("ehr-srv".into()), ip("10.1.0.31"), vec![]),
            (
                Some("lab-srv2".into()),
                ip("10.1.30.6"),
                vec!["MNT-LAB".into()]
            ),
            (None, ip("10.1.30.77"), vec![]),
            (Some("dial-srv".into()), ip("10.1.50.11"), vec![]),
        ]
    );
    // The unregistered PC is still unregistered, without evidence of a way out.
    let pc = r
        .unregistered
        .iter()
        .find(|u| u.host.ip == ip("10.1.30.77"));
    assert!(pc.is_some_and(|u| u.external.is_empty()), "{pc:?}");
    let t = text(&r, Lang::Ja);
    assert!(t.contains("■ 5. リモート操作を受け付ける機器: 4件"), "{t}");
    assert!(
        t.contains("RDP (tcp/3389): 保守回線一覧にある保守回線の接続経路ではありません"),
        "{t}"
    );
}

/// The defect of issue 8: a registered server that only listens for RDP was
/// reported as an undeclared way out. It is listed as accepting remote
/// control, in text, JSON and CSV; a router nobody declared that routes the
/// gateway probe is still a way out.
#[test]
fn an_rdp_only_server_is_remote_control_and_an_undeclared_router_still_a_way_out() {
    let mut hosts = ledger_hosts();
    hosts = with(
        hosts,
        seen("10.1.0.31", "34:fe:9e:00:00:31", &[3389], &[], false),
    );
    hosts = with(
        hosts,
        seen("10.1.50.240", "34:fe:9e:00:50:01", &[22], &[], true),
    );
    let r = audit(hosts);
    assert_eq!(
        ways_out(&r),
        vec![(
            Confidence::Confirmed,
            Some("med-rtr".into()),
            ip("10.1.50.240")
        )]
    );
    assert_eq!(
        remote_control(&r),
        vec![(Some("ehr-srv".into()), ip("10.1.0.31"), vec![])]
    );
    assert_eq!(r.finding_count(), 1, "list 5 is not a finding");

    for lang in [Lang::Ja, Lang::En] {
        let t = text(&r, lang);
        let way_out = t.find("■ 1.").unwrap();
        let unregistered = t.find("■ 2.").unwrap();
        let list5 = t.find("■ 5.").unwrap();
        let srv = t.find("ehr-srv").unwrap();
        let rtr = t.find("med-rtr").unwrap();
        assert!(way_out < rtr && rtr < unregistered, "{t}");
        assert!(list5 < srv && t.matches("ehr-srv").count() == 1, "{t}");
    }
    let rows = csv_rows(&r);
    let class_of = |id: &str| -> Vec<String> {
        rows.iter()
            .filter(|row| row[2] == id)
            .map(|row| row[0].clone())
            .collect()
    };
    assert_eq!(class_of("med-rtr"), ["undeclared way out"]);
    assert_eq!(class_of("ehr-srv"), ["accepts remote control"]);
    let json = serde_json::to_value(&r).unwrap();
    assert_eq!(json["remote_control"][0]["device"]["id"], "ehr-srv");
    assert_eq!(json["remote_control"][0]["services"][0]["what"], "RDP");
    assert_eq!(json["remote_control"][0]["circuits"], serde_json::json!([]));
    assert_eq!(json["undeclared_external"][0]["device"]["id"], "med-rtr");
}

// 3. ---------------------------------------------------------------------

/// The core L3 switch answers the gateway probe; so do the HSRP address of
/// the ward (its recorded gateway .254, a segment with a registered switch)
/// and the VRRP address .1 of the lab (no switch recorded there).
fn internal_routing_hosts() -> Vec<Host> {
    let mut hosts = ledger_hosts();
    hosts = with(
        hosts,
        seen("10.1.0.2", "00:00:0c:00:00:02", &[22], &[], true),
    );
    hosts = with(
        hosts,
        seen("10.1.8.254", "00:00:0c:07:ac:08", &[], &[], true),
    );
    hosts = with(
        hosts,
        seen("10.1.30.1", "00:00:5e:00:01:1e", &[], &[], true),
    );
    hosts
}

#[test]
fn a_routing_l3_switch_or_gateway_address_is_internal_routing_not_a_way_out() {
    let r = audit(internal_routing_hosts());
    assert!(
        r.undeclared_external.is_empty(),
        "{:#?}",
        r.undeclared_external
    );
    assert_eq!(r.finding_count(), 0);
    let internal: Vec<(IpAddr, Option<String>)> = r
        .internal_routers
        .iter()
        .map(|i| (i.host.ip, i.device.as_ref().map(|d| d.id.clone())))
        .collect();
    assert_eq!(
        internal,
        vec![
            (ip("10.1.0.2"), Some("core-sw".into())),
            (ip("10.1.8.254"), None),
            (ip("10.1.30.1"), None),
        ]
    );
}

#[test]
fn internal_routers_are_said_in_text_json_and_csv() {
    let r = audit(internal_routing_hosts());
    let t = text(&r, Lang::En);
    let line = t
        .lines()
        .find(|l| l.contains("core-sw"))
        .unwrap_or_else(|| panic!("{t}"));
    assert!(line.contains("10.1.0.2"), "{t}");
    assert!(
        t.contains("routes (L3 switch) — check where its default route leads"),
        "{t}"
    );
    let ja = text(&r, Lang::Ja);
    assert!(ja.contains("既定ルート"), "{ja}");
    let json = serde_json::to_value(&r).unwrap();
    assert_eq!(json["internal_routers"][0]["host"]["ip"], "10.1.0.2");
    assert_eq!(json["internal_routers"][0]["device"]["id"], "core-sw");
    let rows = csv_rows(&r);
    let core = rows
        .iter()
        .find(|row| row[2] == "core-sw")
        .unwrap_or_else(|| panic!("{rows:?}"));
    // Column 11: the detail (column 10 is the switch port from `koseizu poll`).
    assert!(
        core[11].contains("routes (L3 switch) — check where its default route leads"),
        "{core:?}"
    );
    assert_ne!(core[0], "undeclared way out");
}

#[test]
fn unregistered_and_undeclared_routers_stay_confirmed_beside_internal_routing() {
    let mut hosts = internal_routing_hosts();
    // The vendor's forgotten router: registered as a router, in no line or circuit.
    hosts = with(
        hosts,
        seen("10.1.50.240", "34:fe:9e:00:50:01", &[], &[], true),
    );
    // An LTE router nobody registered.
    hosts = with(
        hosts,
        seen("10.1.50.241", "00:80:6d:16:e2:80", &[443], &[500], true),
    );
    // A server that routes (Internet connection sharing?) is no switch.
    hosts = with(
        hosts,
        seen("10.1.0.31", "34:fe:9e:00:00:31", &[], &[], true),
    );
    // A VRRP address in the lab that is neither its gateway nor next to a
    // recorded switch or router: an unknown pair of routers.
    hosts = with(
        hosts,
        seen("10.1.30.200", "00:00:5e:00:01:05", &[], &[], true),
    );
    let r = audit(hosts);
    assert_eq!(
        ways_out(&r),
        vec![
            (
                Confidence::Confirmed,
                Some("ehr-srv".into()),
                ip("10.1.0.31")
            ),
            (Confidence::Confirmed, None, ip("10.1.30.200")),
            (
                Confidence::Confirmed,
                Some("med-rtr".into()),
                ip("10.1.50.240")
            ),
            (Confidence::Confirmed, None, ip("10.1.50.241")),
        ]
    );
    assert!(r.undeclared_external[1].virtual_router.is_some());
    assert_eq!(r.internal_routers.len(), 3);
}

// 4. ---------------------------------------------------------------------

#[test]
fn the_scanning_pc_in_the_ledger_counts_as_seen() {
    let r = audit(ledger_hosts());
    assert!(
        r.unseen.iter().all(|u| u.device.id != "scan-pc"),
        "{:#?}",
        r.unseen
    );
    assert_eq!(r.coverage.seen, 14);
    // Any other PC missing is still reported.
    let mut hosts = ledger_hosts();
    hosts.retain(|h| h.ip != ip("10.1.0.31"));
    let r = audit(hosts);
    let unseen: Vec<&str> = r.unseen.iter().map(|u| u.device.id.as_str()).collect();
    assert_eq!(unseen, vec!["ehr-srv"]);
}

#[test]
fn the_cli_prints_the_internal_router_note() {
    let dir = tempfile::tempdir().unwrap();
    write_site(dir.path());
    snapshot(internal_routing_hosts())
        .save_in_site(dir.path())
        .unwrap();
    let csv = dir.path().join("audit.csv");
    let o = Command::new(env!("CARGO_BIN_EXE_koseizu"))
        .args([
            "audit",
            dir.path().to_str().unwrap(),
            "--lang",
            "en",
            "--csv",
            csv.to_str().unwrap(),
            "--fail-on",
            "any",
        ])
        .output()
        .unwrap();
    let out = String::from_utf8_lossy(&o.stdout);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{out}{}",
        String::from_utf8_lossy(&o.stderr)
    );
    assert!(out.contains("routes (L3 switch)"), "{out}");
    assert!(fs::read_to_string(&csv)
        .unwrap()
        .contains("routes (L3 switch)"));
}
