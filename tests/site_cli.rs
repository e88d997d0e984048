//! The real binary on a site folder: warnings on stderr and the run goes on;
//! errors listed all at once, exit status 2, nothing written.
#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a failed unwrap is a failed test

use std::fs;
use std::process::Command;

fn koseizu() -> Command {
    Command::new(env!("CARGO_BIN_EXE_koseizu"))
}

#[test]
fn errors_are_all_listed_exit_2_and_nothing_is_written() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        dir.path().join("site.toml"),
        "name = \"H\"\nupdated = \"2026-11-01\"\nlanguage = \"en\"\n",
    )
    .unwrap();
    fs::write(
        dir.path().join("devices.csv"),
        "ID,MACアドレス,セグメント,資産区分\r\nD1,00:1A:2B:3C:4D,S1,リース\r\nD2,xx,S1,\r\n",
    )
    .unwrap();
    fs::write(dir.path().join("segments.csv"), "id,vlan\r\nS1,9999\r\n").unwrap();
    let out_file = dir.path().join("diagram.svg");
    let out = koseizu()
        .arg("map")
        .arg(dir.path())
        .arg("--no-scans")
        .arg("-o")
        .arg(&out_file)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(
        stderr,
        format!(
            "warning: devices.csv:1: unknown column \"資産区分\" kept in notes (known columns: id, name, kind, mac, ip, segment, system, department, vendor, location, notes)\n\
             koseizu: site folder {} has 3 errors:\n\
             segments.csv:2: vlan \"9999\": not a VLAN id (1 to 4094)\n\
             devices.csv:2: MACアドレス \"00:1A:2B:3C:4D\": not a MAC address\n\
             devices.csv:3: MACアドレス \"xx\": not a MAC address\n",
            dir.path().display()
        )
    );
    assert!(!out_file.exists());
}

#[test]
fn warnings_go_to_stderr_and_the_run_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        dir.path().join("site.toml"),
        "name = \"H\"\nupdated = \"2026-11-01\"\nlanguage = \"en\"\n",
    )
    .unwrap();
    fs::write(
        dir.path().join("devices.csv"),
        "id,kind,segment\nR1,router,基幹\n",
    )
    .unwrap();
    let out_file = dir.path().join("diagram.dot");
    let out = koseizu()
        .arg("map")
        .arg(dir.path())
        .args(["--no-scans", "--format", "dot", "-o"])
        .arg(&out_file)
        .output()
        .unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert_eq!(
        stderr,
        "warning: segments.csv: absent: the 1 segment(s) named in devices.csv are assumed, without subnets or routing: 基幹\n"
    );
    assert!(fs::read_to_string(&out_file).unwrap().contains("基幹"));
}
