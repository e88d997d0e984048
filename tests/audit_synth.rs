//! The audit against synthetic hospitals (koseizu::synth): exactly the
//! unregistered hosts and undeclared routers the generator mixed in, and no
//! false findings, at several sizes and seeds.
#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a failed unwrap is a failed test

use std::collections::HashSet;

use koseizu::inventory::audit::Confidence;
use koseizu::inventory::{audit, scan_marks};
use koseizu::synth::{synthetic_site, synthetic_snapshot, SnapSpec, SynthSpec};

#[test]
fn exactly_the_mixed_in_hosts_are_reported() {
    for (devices, segments, seed) in [(200, 4, 1), (1_000, 12, 2), (3_000, 30, 3)] {
        let site = synthetic_site(&SynthSpec {
            devices,
            segments,
            externals: 8,
            seed,
        });
        let spec = SnapSpec {
            seen_fraction: 0.9,
            unregistered: 7,
            undeclared_routers: 2,
            seed,
        };
        let snap = synthetic_snapshot(&site, &spec);
        let r = audit(&site, std::slice::from_ref(&snap));

        let ledger_macs: HashSet<_> = site.devices.iter().filter_map(|d| d.mac).collect();
        let ledger_ips: HashSet<_> = site.devices.iter().filter_map(|d| d.ip).collect();
        let extra: Vec<_> = snap
            .hosts
            .iter()
            .filter(|h| {
                !h.mac.is_some_and(|m| ledger_macs.contains(&m)) && !ledger_ips.contains(&h.ip)
            })
            .collect();
        assert_eq!(extra.len(), 9, "the generator mixed in 7 + 2 hosts");
        assert_eq!(
            r.unregistered.len(),
            9,
            "seed {seed}: {:#?}",
            r.unregistered
        );
        let routers: Vec<_> = r.undeclared_external.iter().map(|u| u.host.ip).collect();
        assert_eq!(
            routers.len(),
            2,
            "seed {seed}: {:#?}",
            r.undeclared_external
        );
        assert!(r
            .undeclared_external
            .iter()
            .all(|u| u.device.is_none() && u.confidence == Confidence::Confirmed));
        assert!(r.mismatches.is_empty(), "{:#?}", r.mismatches);
        assert_eq!(
            r.unregistered.iter().filter(|u| u.randomised_mac).count(),
            snap.hosts
                .iter()
                .filter(|h| h.mac.is_some_and(|m| m.is_locally_administered()))
                .count()
        );

        // Nothing reported unseen is in the scan, and seen + unseen + not
        // covered + unmatchable is the whole ledger.
        let seen_macs: HashSet<_> = snap.hosts.iter().filter_map(|h| h.mac).collect();
        for u in &r.unseen {
            assert!(
                !u.device.mac.is_some_and(|m| seen_macs.contains(&m)),
                "{u:?}"
            );
        }
        let c = &r.coverage;
        assert_eq!(
            c.seen + r.unseen.len() + c.not_covered + c.cannot_match,
            site.devices.len()
        );

        let marks = scan_marks(&site, &[snap]);
        assert_eq!(marks.unregistered.len(), 9);
        assert_eq!(marks.unseen_devices.len(), r.unseen.len());
        assert!(marks.undeclared_external_devices.is_empty());
    }
}
