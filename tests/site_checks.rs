//! Checks within and across files: duplicates, references, addresses
//! against segments, flow endpoints; every problem of the run reported.
#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a failed unwrap is a failed test

use std::fs;

use koseizu::site;
use tempfile::TempDir;

mod site_fixture;
use site_fixture::{problems_of, site};

fn warnings_of(dir: &TempDir) -> Vec<String> {
    match site::load(dir.path()) {
        Ok(l) => l.warnings.iter().map(|w| w.to_string()).collect(),
        Err(e) => panic!("{e}"),
    }
}

#[test]
fn duplicate_ids_name_both_lines() {
    let dir = site(&[
        ("devices.csv", "ID,名称\nPC-001,a\nPC-002,b\nPC-001,c\n"),
        ("systems.csv", "番号,名称\nS1,a\nS1,b\n"),
    ]);
    let (errors, _) = problems_of(&dir);
    assert_eq!(
        errors,
        [
            "devices.csv:4: ID \"PC-001\": same id as line 2",
            "systems.csv:3: 番号 \"S1\": same id as line 2",
        ]
    );
}

#[test]
fn empty_id_is_an_error() {
    let dir = site(&[("devices.csv", "ID,名称\n,名無し\n")]);
    assert_eq!(
        problems_of(&dir).0,
        ["devices.csv:2: ID \"\": empty id: every row needs one"]
    );
}

#[test]
fn duplicate_ip_and_ip_outside_segment_are_warnings() {
    let dir = site(&[
        ("segments.csv", "id,cidr\nS1,192.168.1.0/24\nS2,\n"),
        (
            "devices.csv",
            "id,IPアドレス,segment\nD1,192.168.1.10,S1\nD2,192.168.1.10,S1\nD3,192.168.2.5,S1\nD4,10.9.9.9,S2\n",
        ),
    ]);
    assert_eq!(
        warnings_of(&dir),
        [
            "devices.csv:3: IPアドレス \"192.168.1.10\": same IP as line 2",
            "devices.csv:4: IPアドレス \"192.168.2.5\": outside segment \"S1\" (192.168.1.0/24)",
        ]
    );
}

#[test]
fn dangling_references_name_file_line_column_and_value() {
    let dir = site(&[
        ("segments.csv", "id,接続先セグメント\nS1,S9\n"),
        (
            "devices.csv",
            "id,segment,システム\nD1,S1,SYS1\nD2,S8,SYS9\n",
        ),
        ("systems.csv", "id\nSYS1\n"),
        ("lines.csv", "id,接続機器\nL1,D1\nL2,D7\n"),
        (
            "maintenance.csv",
            "id,system,回線,device\nM1,SYS1,L1,D1\nM2,SYS8,L9,D6\nM3,SYS1,,D1\n",
        ),
        ("cloud.csv", "id,利用システム,line\nC1,SYS1;SYS7,L5\n"),
    ]);
    let (errors, warnings) = problems_of(&dir);
    assert_eq!(
        errors,
        [
            "segments.csv:2: 接続先セグメント \"S9\": no such id in segments.csv",
            "devices.csv:3: segment \"S8\": no such id in segments.csv",
            "devices.csv:3: システム \"SYS9\": no such id in systems.csv",
            "lines.csv:3: 接続機器 \"D7\": no such id in devices.csv",
            "maintenance.csv:3: system \"SYS8\": no such id in systems.csv",
            "maintenance.csv:3: 回線 \"L9\": no such id in lines.csv",
            "maintenance.csv:3: device \"D6\": no such id in devices.csv",
            "cloud.csv:2: 利用システム \"SYS7\": no such id in systems.csv",
            "cloud.csv:2: line \"L5\": no such id in lines.csv",
        ]
    );
    assert!(warnings.is_empty(), "{warnings:?}");
}

#[test]
fn references_to_an_absent_file_say_so() {
    let dir = site(&[
        ("devices.csv", "id\nD1\n"),
        ("maintenance.csv", "id,line,device\nM1,L1,D1\nM2,,D1\n"),
    ]);
    assert_eq!(
        problems_of(&dir).0,
        ["maintenance.csv:2: line \"L1\": no such id: lines.csv is absent"]
    );
}

#[test]
fn absent_segments_and_systems_are_implied_with_one_warning_each() {
    let dir = site(&[
        (
            "devices.csv",
            "id,segment,system\nD1,基幹,電子カルテ\nD2,基幹,PACS\nD3,部門,\n",
        ),
        ("cloud.csv", "id,systems\nC1,PACS;画像連携\n"),
    ]);
    let loaded = site::load(dir.path()).unwrap();
    let w: Vec<String> = loaded.warnings.iter().map(|w| w.to_string()).collect();
    assert_eq!(
        w,
        [
            "segments.csv: absent: the 2 segment(s) named in devices.csv are assumed, without subnets or routing: 基幹, 部門",
            "systems.csv: absent: the 3 system(s) named in other files are assumed, without vendor or contact: 電子カルテ, PACS, 画像連携",
        ]
    );
    let s = loaded.site;
    assert_eq!(
        s.segments.iter().map(|g| g.id.as_str()).collect::<Vec<_>>(),
        ["基幹", "部門"]
    );
    assert!(s
        .segments
        .iter()
        .all(|g| g.cidr.is_none() && g.name == g.id));
    assert_eq!(s.systems.len(), 3);
}

#[test]
fn flow_endpoints_match_ids_and_names_else_outside_party() {
    let dir = site(&[
        ("devices.csv", "id,name\nD1,画像サーバ\n"),
        ("systems.csv", "id,name\nSYS1,電子カルテ\n"),
        ("lines.csv", "id\nL1\n"),
        ("cloud.csv", "id\nC1\n"),
        ("maintenance.csv", "id\nM1\n"),
        (
            "flows.csv",
            "送信元,送信先,区分,内容\nSYS1,D1,,オーダ\n電子カルテ,画像サーバ,,\nC1,L1,,\nM1,○○検査センター,USB,検体結果\n",
        ),
    ]);
    assert_eq!(
        warnings_of(&dir),
        ["flows.csv:5: 送信先 \"○○検査センター\": names no record; drawn as an outside party"]
    );
}

#[test]
fn every_problem_of_every_file_is_reported_at_once() {
    let dir = site(&[
        ("segments.csv", "id,cidr\nS1,nonsense\n"),
        (
            "devices.csv",
            "id,mac,ip,segment\nD1,zz,1.2.3,S1\nD1,,,S1\nD3,,,S5\n",
        ),
        ("lines.csv", "name\nx\n"),
        ("flows.csv", "from,to\n,D1\n"),
    ]);
    let (errors, _) = problems_of(&dir);
    assert_eq!(
        errors,
        [
            "segments.csv:2: cidr \"nonsense\": not a network in CIDR form (e.g. 192.168.10.0/24)",
            "devices.csv:2: mac \"zz\": not a MAC address",
            "devices.csv:2: ip \"1.2.3\": not an IP address",
            "devices.csv:3: id \"D1\": same id as line 2",
            "devices.csv:4: segment \"S5\": no such id in segments.csv",
            "lines.csv:1: no \"id\" column (the header row needs one of: id, 番号, No, 管理番号, 回線ID, 回線番号)",
            "flows.csv:2: from \"\": empty: a flow needs both ends",
        ]
    );
}

#[test]
fn device_without_ip_or_mac_and_circuit_without_line_are_fine() {
    let dir = site(&[
        (
            "devices.csv",
            "id,kind,mac,ip\nAN1,医療機器,,\nVPN1,vpn,,10.0.0.1\nPC1,pc,00:11:22:33:44:55,\n",
        ),
        ("maintenance.csv", "id,vendor,device,line\nM1,E社,VPN1,\n"),
    ]);
    let loaded = site::load(dir.path()).unwrap();
    assert!(loaded.warnings.is_empty(), "{:?}", loaded.warnings);
    assert_eq!(loaded.site.circuits[0].line, None);
    assert_eq!(loaded.site.declared_external_devices(), ["VPN1"]);
}

#[test]
fn unique_names_stand_for_ids_in_references() {
    let dir = site(&[
        (
            "segments.csv",
            "id,name,connects\nS1,基幹,DMZ\nS2,DMZ,\nS3,部門,\nS4,部門,\n",
        ),
        (
            "devices.csv",
            "id,segment,system\nD1,基幹,電子カルテ\nD2,S2,SYS1\nD3,部門,\n",
        ),
        ("systems.csv", "id,name\nSYS1,電子カルテ\n"),
        ("lines.csv", "id,name\nL1,光回線\n"),
        ("maintenance.csv", "id,system,line\nM1,電子カルテ,光回線\n"),
    ]);
    let (errors, _) = problems_of(&dir);
    // "部門" names two segments, so it stays a dangling reference.
    assert_eq!(
        errors,
        ["devices.csv:4: segment \"部門\": no such id in segments.csv, and 2 records there have this name (S3, S4): write the id"]
    );
    fs::write(
        dir.path().join("segments.csv"),
        "id,name,connects\nS1,基幹,DMZ\nS2,DMZ,\n",
    )
    .unwrap();
    fs::write(
        dir.path().join("devices.csv"),
        "id,segment,system\nD1,基幹,電子カルテ\nD2,S2,SYS1\n",
    )
    .unwrap();
    let s = site::load(dir.path()).unwrap().site;
    assert_eq!(s.segments[0].connects, ["S2"]);
    assert_eq!(s.devices[0].segment.as_deref(), Some("S1"));
    assert_eq!(s.devices[0].system.as_deref(), Some("SYS1"));
    assert_eq!(s.circuits[0].system.as_deref(), Some("SYS1"));
    assert_eq!(s.circuits[0].line.as_deref(), Some("L1"));
}

#[test]
fn overlapping_subnets_are_warnings() {
    let dir = site(&[
        (
            "segments.csv",
            "id,サブネット\nS1,10.0.0.0/25\nS2,10.0.0.0/16\nS3,10.1.0.0/16\nS4,192.168.0.0/24\nS5,fd00::/64\nS6,fd00::/48\nS7,\n",
        ),
        ("devices.csv", "id\nD1\n"),
    ]);
    assert_eq!(
        warnings_of(&dir),
        [
            "segments.csv:2: サブネット \"10.0.0.0/25\": overlaps segment \"S2\" (10.0.0.0/16, line 3)",
            "segments.csv:6: サブネット \"fd00::/64\": overlaps segment \"S6\" (fd00::/48, line 7)",
        ]
    );
}
