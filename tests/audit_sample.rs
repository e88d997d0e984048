//! The bundled sample hospital (data/) against a complete synthetic scan of
//! itself: a ledger that matches the network gives no findings at all, and
//! the carried-in devices mixed in are exactly what is reported.
#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a failed unwrap is a failed test

use std::path::Path;

use koseizu::inventory::audit;
use koseizu::synth::{synthetic_snapshot, SnapSpec};

fn sample_site() -> koseizu::site::Site {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("data");
    koseizu::site::load(&root)
        .expect("bundled sample loads")
        .site
}

#[test]
fn a_matching_network_gives_no_findings() {
    let site = sample_site();
    let snap = synthetic_snapshot(
        &site,
        &SnapSpec {
            seen_fraction: 1.0,
            unregistered: 0,
            undeclared_routers: 0,
            seed: 11,
        },
    );
    let r = audit(&site, &[snap]);
    assert!(
        r.undeclared_external.is_empty(),
        "{:#?}",
        r.undeclared_external
    );
    assert!(r.unregistered.is_empty(), "{:#?}", r.unregistered);
    assert!(r.mismatches.is_empty(), "{:#?}", r.mismatches);
    assert!(r.unseen.is_empty(), "{:#?}", r.unseen);
}

#[test]
fn carried_in_devices_are_exactly_what_is_reported() {
    let site = sample_site();
    let snap = synthetic_snapshot(
        &site,
        &SnapSpec {
            seen_fraction: 1.0,
            unregistered: 5,
            undeclared_routers: 1,
            seed: 12,
        },
    );
    let r = audit(&site, &[snap]);
    assert_eq!(r.unregistered.len(), 6, "{:#?}", r.unregistered);
    assert_eq!(
        r.undeclared_external.len(),
        1,
        "{:#?}",
        r.undeclared_external
    );
    assert!(r.undeclared_external[0].device.is_none());
    assert!(r.mismatches.is_empty(), "{:#?}", r.mismatches);
}
