//! `koseizu poll`'s reading and placing without sockets: agents made of
//! tables (`TableAgent`) with faults a real network has — a huge forwarding
//! table, a missing MIB, malformed indexes, a dead device among live ones,
//! hostile strings — and the secrets rule on everything that is printed.
#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a failed unwrap is a failed test

use std::collections::BTreeMap;

use chrono::Utc;
use koseizu::mac::MacAddr;
use koseizu::poll::client::{AgentError, Oid, TableAgent, Value};
use koseizu::poll::credentials::{Credential, Secret};
use koseizu::poll::tables::oids;
use koseizu::poll::{read_device, snapshot, DeviceOutcome, PollOptions, Target};
use koseizu::site::Lang;
use koseizu::snapshot::switching::PollProblemKind;

fn o(s: &str) -> Oid {
    Oid::parse(s).unwrap()
}

fn target(id: &str, ip: &str) -> Target {
    Target {
        device: id.into(),
        name: id.into(),
        ip: ip.parse().unwrap(),
        port: 161,
        credential: Credential::V2c {
            community: Secret::new("faults-SECRET-community"),
        },
        expect_fdb: true,
    }
}

fn system(objects: &mut BTreeMap<Oid, Value>, name: &str) {
    objects.insert(o(oids::SYS_NAME), Value::Bytes(name.as_bytes().to_vec()));
    objects.insert(
        o(oids::SYS_DESCR),
        Value::Bytes(b"Test switch 1.0".to_vec()),
    );
    objects.insert(o(oids::SYS_UPTIME), Value::Ticks(360_000));
}

fn port(objects: &mut BTreeMap<Oid, Value>, i: u32, name: &str, alias: &str) {
    objects.insert(
        o(&format!("{}.{i}", oids::IF_NAME)),
        Value::Bytes(name.as_bytes().to_vec()),
    );
    objects.insert(
        o(&format!("{}.{i}", oids::IF_ALIAS)),
        Value::Bytes(alias.as_bytes().to_vec()),
    );
    objects.insert(o(&format!("{}.{i}", oids::IF_OPER)), Value::Int(1));
    objects.insert(
        o(&format!("{}.{i}", oids::BASE_PORT_IFINDEX)),
        Value::Int(i64::from(i)),
    );
}

fn fdb(objects: &mut BTreeMap<Oid, Value>, mac: [u8; 6], port: u32) {
    let ix = mac
        .iter()
        .map(|b| b.to_string())
        .collect::<Vec<_>>()
        .join(".");
    objects.insert(
        o(&format!("{}.{ix}", oids::FDB_PORT)),
        Value::Int(i64::from(port)),
    );
    objects.insert(o(&format!("{}.{ix}", oids::FDB_STATUS)), Value::Int(3));
}

fn outcome(t: Target, agent: &mut TableAgent, opts: &PollOptions) -> DeviceOutcome {
    let rt = tokio::runtime::Builder::new_current_thread()
        .build()
        .unwrap();
    let (tables, problems) = rt.block_on(read_device(agent, &t, opts));
    DeviceOutcome {
        target: t,
        tables,
        problems,
        requests: 0,
    }
}

#[test]
fn a_hundred_thousand_fdb_entries_are_read_and_a_cap_bounds_them() {
    let mut a = TableAgent::default();
    system(&mut a.objects, "big");
    for i in 1..=48 {
        port(&mut a.objects, i, &format!("Gi1/0/{i}"), "");
    }
    for n in 0..100_000u32 {
        let b = n.to_be_bytes();
        fdb(&mut a.objects, [2, 0, b[0], b[1], b[2], b[3]], 48);
    }
    // One MAC alone on an edge port.
    fdb(&mut a.objects, [0, 0x1b, 0x54, 0, 0, 1], 7);
    let opts = PollOptions::default();
    let out = outcome(target("big", "198.18.0.2"), &mut a.clone(), &opts);
    let t = out.tables.as_ref().unwrap();
    assert_eq!(t.fdb.len(), 100_001);
    let snap = snapshot(&[out], Utc::now(), Utc::now(), &opts);
    let sw = snap.switching.unwrap();
    let edge: Vec<_> = sw.placements.iter().filter(|p| !p.uplink_only).collect();
    assert_eq!(edge.len(), 1);
    assert_eq!(edge[0].port, "Gi1/0/7");
    assert_eq!(sw.placements.len(), 100_001);

    // A lower cap: the walk stops there and says so.
    let capped = PollOptions {
        max_rows: 10_000,
        ..PollOptions::default()
    };
    let out = outcome(target("big", "198.18.0.2"), &mut a, &capped);
    assert_eq!(out.tables.as_ref().unwrap().fdb.len(), 10_000);
    assert!(out
        .problems
        .iter()
        .any(|p| p.kind == PollProblemKind::Truncated && p.message.contains(oids::FDB_PORT)));
}

#[test]
fn missing_mibs_malformed_rows_and_a_dead_device_each_get_their_line() {
    let opts = PollOptions::default();
    // Only the system group: IF-MIB and both bridge MIBs missing.
    let mut bare = TableAgent::default();
    system(&mut bare.objects, "bare");
    let bare = outcome(target("bare", "198.18.0.3"), &mut bare, &opts);
    let msgs: Vec<&str> = bare.problems.iter().map(|p| p.message.as_str()).collect();
    assert!(
        msgs.iter().any(|m| m.starts_with("IF-MIB: no such object")),
        "{msgs:?}"
    );
    assert!(
        msgs.iter()
            .any(|m| m.starts_with("BRIDGE-MIB and Q-BRIDGE-MIB")),
        "{msgs:?}"
    );

    // Malformed: an FDB index of 5 parts, an ifTable index of 2.
    let mut bad = TableAgent::default();
    system(&mut bad.objects, "bad");
    port(&mut bad.objects, 1, "Gi1/0/1", "");
    fdb(&mut bad.objects, [2, 0, 0, 0, 0, 9], 1);
    bad.objects
        .insert(o(&format!("{}.2.0.0.0.1", oids::FDB_PORT)), Value::Int(1));
    bad.objects.insert(
        o(&format!("{}.1.5", oids::IF_NAME)),
        Value::Bytes(b"x".to_vec()),
    );
    let bad = outcome(target("bad", "198.18.0.4"), &mut bad, &opts);
    let msgs: Vec<&str> = bad.problems.iter().map(|p| p.message.as_str()).collect();
    assert!(
        msgs.contains(&"dot1dTpFdbTable: 1 row(s) with a malformed index (ignored)"),
        "{msgs:?}"
    );
    assert!(
        msgs.contains(&"ifTable: 1 row(s) with a malformed index (ignored)"),
        "{msgs:?}"
    );
    assert_eq!(bad.tables.as_ref().unwrap().fdb.len(), 1);

    // Dead: every request times out; the others' results stand.
    let mut dead = TableAgent {
        fail: Some(AgentError::Timeout { tries: 3 }),
        ..TableAgent::default()
    };
    let dead = outcome(target("dead", "198.18.0.5"), &mut dead, &opts);
    assert!(dead.tables.is_none());
    assert_eq!(dead.problems[0].kind, PollProblemKind::Timeout);
    assert_eq!(dead.requests, 0);

    let snap = snapshot(&[bare, bad, dead], Utc::now(), Utc::now(), &opts);
    assert!(snap.partial);
    let sw = snap.switching.unwrap();
    assert_eq!(sw.devices.iter().filter(|d| d.ok).count(), 2);
    assert_eq!(sw.placements.len(), 1);
    assert_eq!(sw.placements[0].mac, MacAddr::new([2, 0, 0, 0, 0, 9]));
}

#[test]
fn hostile_port_names_are_escaped_and_secrets_never_print() {
    let opts = PollOptions::default();
    let mut a = TableAgent::default();
    system(&mut a.objects, "sw\u{1b}[2J\u{202e}");
    port(
        &mut a.objects,
        1,
        "Gi1/0/1\u{1b}[31m",
        "=cmd|' /C calc'!A0\u{202e}",
    );
    fdb(&mut a.objects, [2, 0, 0, 0, 0, 1], 1);
    let t = target("sw", "198.18.0.2");
    let dbg = format!("{t:?}");
    assert!(
        !dbg.contains("faults-SECRET-community") && dbg.contains("***"),
        "{dbg}"
    );
    let out = outcome(t, &mut a, &opts);
    let snap = snapshot(&[out], Utc::now(), Utc::now(), &opts);
    let mut json = Vec::new();
    snap.write_to(&mut json).unwrap();
    let json = String::from_utf8(json).unwrap();
    assert!(!json.contains("faults-SECRET-community"));
    let p = &snap.switching.as_ref().unwrap().placements[0];
    for lang in [Lang::Ja, Lang::En] {
        let label = koseizu::report::audit::placement_label(p, lang);
        assert!(
            !label.contains('\u{1b}') && !label.contains('\u{202e}'),
            "{label:?}"
        );
        assert!(label.contains("Gi1/0/1"));
    }
}

#[test]
fn arp_tables_give_macs_and_ports_to_hosts_a_routed_scan_saw_without_one() {
    use koseizu::snapshot::{HostFlag, Source};
    // A router's ARP table (ipNetToPhysical, ifIndex 7) knows the MAC of
    // 198.18.5.77 in a routed segment; its forwarding table puts it on port 7.
    let mac = [0x00, 0x1b, 0x54, 0x12, 0x34, 0x56];
    let mut a = TableAgent::default();
    system(&mut a.objects, "l3sw");
    port(&mut a.objects, 7, "Gi1/0/7", "ward 5");
    fdb(&mut a.objects, mac, 7);
    let ix = format!(
        "{}.7.1.4.198.18.5.77",
        koseizu::poll::tables::oids::ARP_PHYS
    );
    a.objects.insert(o(&ix), Value::Bytes(mac.to_vec()));
    let opts = PollOptions::default();
    let out = outcome(target("l3sw", "198.18.0.1"), &mut a, &opts);
    assert_eq!(out.tables.as_ref().unwrap().arp.len(), 1);
    let poll = snapshot(&[out], Utc::now(), Utc::now(), &opts);

    // An active scan of the routed segment: the host answered, no MAC (routed).
    let mut scan = poll.clone();
    scan.source = Source::Scan;
    scan.switching = None;
    scan.started = poll.started - chrono::Duration::minutes(5);
    scan.scopes = vec!["198.18.5.0/24".parse().unwrap()];
    let mut h = poll.hosts[0].clone();
    h.mac = None;
    h.vendor = None;
    h.flags = vec![HostFlag::NoMac];
    scan.hosts = vec![h];

    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("site.toml"),
        "name = \"t\"\nupdated = \"2026-11-01\"\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("segments.csv"),
        "id,name,cidr\r\nlan,LAN,198.18.0.0/24\r\nward,病棟,198.18.5.0/24\r\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("devices.csv"),
        "id,name,kind,mac,ip,segment\r\nl3sw,コアスイッチ,switch,,198.18.0.1,lan\r\n",
    )
    .unwrap();
    let site = koseizu::site::load(dir.path()).unwrap().site;
    let r = koseizu::inventory::audit::audit(&site, &[scan, poll]);
    let u = r
        .unregistered
        .iter()
        .find(|u| u.host.ip.to_string() == "198.18.5.77")
        .unwrap_or_else(|| panic!("{r:#?}"));
    assert_eq!(u.host.mac, Some(MacAddr::new(mac)));
    let p = u.host.plugged_in.as_ref().unwrap();
    assert_eq!((p.device.as_str(), p.port.as_str()), ("l3sw", "Gi1/0/7"));
    assert_eq!(
        koseizu::report::audit::placement_label(p, Lang::Ja),
        "l3sw  Gi1/0/7 (ward 5)"
    );
}
