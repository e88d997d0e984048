//! Site folders written into temp dirs for the site reader tests, and the
//! problems a load reports, as the user sees them.
#![allow(dead_code)]

use std::fs;

use koseizu::site::{self, SiteError};
use tempfile::TempDir;

/// A site folder with a minimal `site.toml` and the given files.
pub fn site(files: &[(&str, &str)]) -> TempDir {
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        dir.path().join("site.toml"),
        "name = \"H\"\nupdated = \"2026-11-01\"\n",
    )
    .unwrap();
    for (name, text) in files {
        fs::write(dir.path().join(name), text).unwrap();
    }
    dir
}

/// A site folder whose only ledger is `devices.csv`.
pub fn site_with_devices(devices: &str) -> TempDir {
    site(&[("devices.csv", devices)])
}

/// The errors of a load that must fail, as displayed.
pub fn errors_of(dir: &TempDir) -> Vec<String> {
    problems_of(dir).0
}

/// Errors and warnings of a load that must fail, as displayed.
pub fn problems_of(dir: &TempDir) -> (Vec<String>, Vec<String>) {
    match site::load(dir.path()) {
        Err(SiteError::Invalid(p)) => (
            p.errors().map(|e| e.to_string()).collect(),
            p.warnings().map(|e| e.to_string()).collect(),
        ),
        other => panic!("expected problems, got {other:?}"),
    }
}
