//! `koseizu poll`'s refusals before any packet is sent, through the binary:
//! a credentials file others can read, one with a syntax error or a
//! mistyped key on a line holding a secret, weak protocols without
//! `allow_weak`, SNMPv1. Each gives its message and exit status, and no
//! secret appears on stdout or stderr (the error chain included). Nothing
//! here opens a socket: every case stops at the credentials.
#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a failed unwrap is a failed test

use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::process::{Command, Output};

fn site(dir: &Path) {
    fs::write(
        dir.join("site.toml"),
        "name = \"テスト病院\"\nupdated = \"2026-11-01\"\n",
    )
    .unwrap();
    fs::write(
        dir.join("devices.csv"),
        "id,name,kind,mac,ip\r\nsw1,部門系スイッチ 2F,switch,,198.18.0.2\r\n",
    )
    .unwrap();
}

fn poll(dir: &Path, extra: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_koseizu"))
        .arg("poll")
        .arg(dir)
        .args(extra)
        .output()
        .unwrap()
}

fn creds(path: &Path, text: &str, mode: u32) {
    fs::write(path, text).unwrap();
    fs::set_permissions(path, fs::Permissions::from_mode(mode)).unwrap();
}

/// Every case: (what the file says, its mode, a part of the message).
const CASES: &[(&str, u32, &str)] = &[
    (
        "[[device]]\nmatch = \"default\"\nversion = \"2c\"\ncommunity = \"readable-SECRET\"\n",
        0o644,
        "chmod 600",
    ),
    (
        "[[device]]\nmatch = \"default\"\nversion = \"2c\"\ncommunity = \"unterminated-SECRET\n",
        0o600,
        "line 4",
    ),
    (
        "[[device]]\nmatch = \"default\"\nversion = \"2c\"\ncomunity = \"typo-SECRET\"\n",
        0o600,
        "not valid",
    ),
    (
        "[[device]]\nmatch = \"default\"\nversion = \"3\"\nuser = \"u\"\nauth = \"md5\"\nauth_password = \"md5-SECRET-pw\"\n",
        0o600,
        "allow_weak",
    ),
    (
        "[[device]]\nmatch = \"default\"\nversion = \"3\"\nuser = \"u\"\nauth = \"sha256\"\nauth_password = \"sha-SECRET-pw\"\nprivacy = \"des\"\nprivacy_password = \"des-SECRET-pw\"\n",
        0o600,
        "allow_weak",
    ),
    (
        "[[device]]\nmatch = \"default\"\nversion = \"1\"\ncommunity = \"v1-SECRET\"\n",
        0o600,
        "SNMPv1",
    ),
];

#[test]
fn credential_refusals_say_why_and_quote_no_secret() {
    for (i, (text, mode, says)) in CASES.iter().enumerate() {
        for via_option in [false, true] {
            let dir = tempfile::tempdir().unwrap();
            site(dir.path());
            let (path, args) = if via_option {
                let p = dir.path().join("other-creds.toml");
                (
                    p.clone(),
                    vec!["--credentials".to_string(), p.display().to_string()],
                )
            } else {
                (dir.path().join("snmp.toml"), Vec::new())
            };
            creds(&path, text, *mode);
            let args: Vec<&str> = args.iter().map(String::as_str).collect();
            let out = poll(dir.path(), &args);
            let stderr = String::from_utf8_lossy(&out.stderr);
            let stdout = String::from_utf8_lossy(&out.stdout);
            assert!(!out.status.success(), "case {i}: {stderr}");
            assert!(stderr.contains(says), "case {i}: {stderr}");
            assert!(
                !stderr.contains("SECRET") && !stdout.contains("SECRET"),
                "case {i}: a secret printed: {stderr}{stdout}"
            );
            // No snapshot was written: nothing was polled.
            assert!(!dir.path().join("scans").exists(), "case {i}");
        }
    }
}

#[test]
fn no_credentials_file_says_how_to_make_one() {
    let dir = tempfile::tempdir().unwrap();
    site(dir.path());
    let out = poll(dir.path(), &[]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success());
    assert!(
        stderr.contains("snmp.toml") && stderr.contains("0600"),
        "{stderr}"
    );
}
