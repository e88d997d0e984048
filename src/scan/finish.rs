//! A finished scan as a [`Snapshot`]: the plan it ran, when it ran, and
//! what the engine found.

use chrono::{DateTime, Utc};
use ipnetwork::IpNetwork;

use super::config::Plan;
use super::engine::ScanResult;
use crate::snapshot::{ScanSettings, Snapshot, FORMAT_NAME, FORMAT_VERSION};

/// The snapshot of a scan that ran `plan` from `started` to `finished` and
/// found `result` (hosts, whether it was stopped early, what it could not see).
pub fn snapshot(
    plan: &Plan,
    started: DateTime<Utc>,
    finished: DateTime<Utc>,
    result: ScanResult,
) -> Snapshot {
    Snapshot {
        format: FORMAT_NAME.into(),
        version: FORMAT_VERSION,
        source: crate::snapshot::Source::Scan,
        imported_from: None,
        started,
        finished,
        partial: result.partial,
        interface: plan.iface.name.clone(),
        scanner_ip: Some(plan.scanner_ip.into()),
        scanner_mac: plan.iface.mac,
        default_gateway: plan.iface.gateway.map(|(ip, _)| ip.into()),
        scopes: plan.scopes.iter().map(|n| IpNetwork::V4(*n)).collect(),
        settings: ScanSettings {
            rate_pps: plan.rate_pps,
            host_rate_pps: plan.host_rate_pps,
            tcp_ports: plan.ports.tcp.clone(),
            udp_ports: plan.ports.udp.clone(),
            outside_probe: (!plan.unprivileged).then_some(plan.outside_probe.into()),
            excluded: plan.exclude_text.clone(),
            unprivileged: plan.unprivileged,
        },
        hosts: result.hosts,
        limitations: result.limitations,
        switching: None,
        details: vec![],
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scan::config::tests::{iface, request};

    #[test]
    fn the_snapshot_says_how_the_scan_ran() {
        let mut req = request();
        req.excludes = vec!["198.18.0.9".into()];
        let plan = Plan::build(&req, iface()).unwrap();
        let t0: DateTime<Utc> = "2026-11-27T06:15:00Z".parse().unwrap();
        let t1: DateTime<Utc> = "2026-11-27T06:20:00Z".parse().unwrap();
        let result = ScanResult {
            hosts: vec![],
            partial: true,
            limitations: vec!["no gateway probe".into()],
            packets: 12,
        };
        let s = snapshot(&plan, t0, t1, result);
        assert_eq!(
            (s.format.as_str(), s.version),
            (FORMAT_NAME, FORMAT_VERSION)
        );
        assert_eq!((s.started, s.finished, s.partial), (t0, t1, true));
        assert_eq!(s.interface, plan.iface.name);
        assert_eq!(s.scanner_ip, Some(plan.scanner_ip.into()));
        assert_eq!(s.scopes.len(), plan.scopes.len());
        assert_eq!(s.settings.rate_pps, plan.rate_pps);
        assert_eq!(s.settings.excluded, vec!["198.18.0.9".to_string()]);
        assert_eq!(
            s.settings.outside_probe,
            (!plan.unprivileged).then_some(plan.outside_probe.into())
        );
        assert_eq!(s.limitations, vec!["no gateway probe".to_string()]);
        assert_eq!(s.file_name(), "2026-11-27T061500Z.json");
    }
}
