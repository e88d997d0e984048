//! Every way out, with what it is as seen and as the ledger says, and the
//! flags of audit section "ways out to check" (外部接続機器の確認) and of
//! the checklist's item 11: [`ways_out`].

use std::collections::BTreeSet;
use std::net::IpAddr;

use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;

use super::advisories::{Advisories, AdvisoryMatch};
use super::cert;
use super::ledger::{self, LedgerView};
use super::observe::Observations;
use super::signatures::{Identification, Signatures};
use super::version::Version;
use crate::inventory::evidence::shows_way_out;
use crate::site::{Device, DeviceKind, Site};
use crate::snapshot::{Host, Snapshot};

/// How old a `firmware_checked` date may be before it is flagged.
pub const CHECK_MAX_AGE_DAYS: i64 = 365;

/// Something about a way out that needs someone's attention.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum WayOutFlag {
    /// Its firmware is inside a known-exploited advisory's affected range.
    KnownExploited,
    /// The device of a vendor's maintenance circuit, not identified on the wire.
    VendorDeviceNotIdentified,
    /// Neither the device nor the ledger told its firmware.
    FirmwareUnknown,
    /// The ledger and the device disagree on make or firmware.
    LedgerDisagrees,
    /// A certificate it presents has expired.
    CertificateExpired,
    /// A certificate it presents is self-signed.
    CertificateSelfSigned,
    /// The ledger's `firmware_checked` is more than a year old.
    FirmwareCheckOld,
}

impl WayOutFlag {
    /// Its name in JSON and CSV.
    pub fn as_str(self) -> &'static str {
        match self {
            WayOutFlag::KnownExploited => "known-exploited",
            WayOutFlag::VendorDeviceNotIdentified => "vendor-device-not-identified",
            WayOutFlag::FirmwareUnknown => "firmware-unknown",
            WayOutFlag::LedgerDisagrees => "ledger-disagrees",
            WayOutFlag::CertificateExpired => "certificate-expired",
            WayOutFlag::CertificateSelfSigned => "certificate-self-signed",
            WayOutFlag::FirmwareCheckOld => "firmware-check-old",
        }
    }
}

/// What the diagram marks on a way out to check: its flags (most serious
/// first) and the known-exploited CVEs its firmware falls in.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct WayOutMark {
    /// Flags, most serious first.
    pub flags: Vec<WayOutFlag>,
    /// CVEs of the advisories its firmware falls in.
    pub cves: Vec<String>,
}

impl WayOutMark {
    /// The mark of `check`, if it has anything to check (a self-signed
    /// certificate alone, usual on appliances, is not drawn).
    pub fn of(check: &WayOutCheck) -> Option<WayOutMark> {
        let flags: Vec<WayOutFlag> = check
            .flags
            .iter()
            .copied()
            .filter(|f| *f != WayOutFlag::CertificateSelfSigned)
            .collect();
        (!flags.is_empty()).then(|| WayOutMark {
            flags,
            cves: check.advisories.iter().map(|a| a.cve.clone()).collect(),
        })
    }
}

/// One way out to check.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct WayOutCheck {
    /// Ledger device id, if the way out is in the ledger.
    pub device: Option<String>,
    /// Ledger device name.
    pub name: Option<String>,
    /// Its address (ledger or scan).
    pub ip: Option<IpAddr>,
    /// Lines and maintenance circuits it terminates.
    pub perimeter_of: Vec<String>,
    /// A vendor's maintenance circuit ends on it.
    pub vendor_circuit: bool,
    /// Identification probes ran on it.
    pub probed: bool,
    /// What the device is, as seen on the wire.
    pub seen: Option<Identification>,
    /// What was seen when nothing matched (banners, titles, certificate subjects).
    pub unknown_seen: Vec<String>,
    /// What the ledger says.
    pub ledger: LedgerView,
    /// Known-exploited advisories its firmware falls in.
    pub advisories: Vec<AdvisoryMatch>,
    /// Flags, most serious first.
    pub flags: Vec<WayOutFlag>,
}

/// Is `d` a perimeter device by its kind (router, firewall, VPN appliance)?
fn perimeter_kind(d: &Device) -> bool {
    matches!(
        d.kind,
        DeviceKind::Router | DeviceKind::Firewall | DeviceKind::Vpn
    )
}

/// The newest observations of `ip` over `snaps`, and the host.
fn newest(snaps: &[Snapshot], ip: IpAddr) -> (Option<&Host>, Option<&Observations>) {
    let mut host: Option<(&Snapshot, &Host)> = None;
    let mut obs: Option<(DateTime<Utc>, &Observations)> = None;
    for s in snaps {
        for h in s.hosts.iter().filter(|h| h.ip == ip) {
            if host.map_or(true, |(old, _)| old.started <= s.started) {
                host = Some((s, h));
            }
            if let Some(o) = &h.identify {
                let at = o.at.unwrap_or(s.started);
                if obs.map_or(true, |(t, _)| t <= at) {
                    obs = Some((at, o));
                }
            }
        }
    }
    (host.map(|(_, h)| h), obs.map(|(_, o)| o))
}

/// Addresses of the perimeter devices the records declare (the devices of
/// lines and circuits, and the ledger's routers, firewalls and VPN
/// devices): the ledger's IP, else that of a host in `hosts` with the
/// device's MAC.
pub fn perimeter_addresses(site: &Site, hosts: &[Host]) -> Vec<IpAddr> {
    let declared = site.declared_external_devices();
    let mut out: Vec<IpAddr> = site
        .devices
        .iter()
        .filter(|d| declared.contains(&d.id.as_str()) || perimeter_kind(d))
        .filter_map(|d| {
            d.ip.or_else(|| {
                let mac = d.mac?;
                hosts.iter().find(|h| h.mac == Some(mac)).map(|h| h.ip)
            })
        })
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// What was seen, in a few lines, for a way out nothing matched.
fn summary(o: &Observations) -> Vec<String> {
    let mut v = Vec::new();
    for t in &o.tls {
        v.push(format!(
            "{}/tls: {} (issuer {})",
            t.port, t.subject, t.issuer
        ));
    }
    for h in &o.http {
        let mut s = format!(
            "{}/{} {}: {}",
            h.port,
            if h.tls { "https" } else { "http" },
            h.path,
            h.status
        );
        if let Some(x) = &h.server {
            s.push_str(&format!(", Server {x}"));
        }
        if let Some(x) = &h.title {
            s.push_str(&format!(", title {x}"));
        }
        v.push(s);
    }
    for s in &o.ssh {
        v.push(format!("{}/ssh: {}", s.port, s.banner));
    }
    if let Some(i) = &o.ike {
        v.push(format!(
            "{}/ike: {}{} {} vendor IDs",
            i.port,
            if i.v2 { "IKEv2 " } else { "" },
            if i.v1 { "IKEv1" } else { "" },
            i.vendor_ids.len()
        ));
    }
    v
}

/// Every way out of `site` over `snaps`: the devices of lines and circuits,
/// the ledger's routers, firewalls and VPN appliances, and every scanned
/// host with external-facing evidence; each with what it is as seen and as
/// the ledger says, the known-exploited advisories its firmware falls in,
/// and its flags. `today` dates the firmware-check age. Sorted by flags
/// (most serious first), then device id and address.
pub fn ways_out(
    site: &Site,
    snaps: &[Snapshot],
    signatures: &Signatures,
    advisories: &Advisories,
    today: NaiveDate,
) -> Vec<WayOutCheck> {
    let mut perimeter: std::collections::BTreeMap<&str, (Vec<String>, bool)> = Default::default();
    for l in &site.lines {
        if let Some(d) = &l.device {
            perimeter.entry(d).or_default().0.push(l.id.clone());
        }
    }
    for c in &site.circuits {
        if let Some(d) = &c.device {
            let e = perimeter.entry(d).or_default();
            e.0.push(c.id.clone());
            e.1 = true;
        }
    }
    let mut out = Vec::new();
    let mut covered: BTreeSet<IpAddr> = BTreeSet::new();
    for d in &site.devices {
        let per = perimeter.get(d.id.as_str());
        if per.is_none() && !perimeter_kind(d) {
            continue;
        }
        // The address: the ledger's, else a scanned host with its MAC.
        let ip = d.ip.or_else(|| {
            let mac = d.mac?;
            snaps
                .iter()
                .flat_map(|s| &s.hosts)
                .find(|h| h.mac == Some(mac))
                .map(|h| h.ip)
        });
        if let Some(ip) = ip {
            covered.insert(ip);
        }
        let (_, obs) = ip.map_or((None, None), |ip| newest(snaps, ip));
        let (lines, vendor) = per.cloned().unwrap_or_default();
        out.push(check(
            Some(d),
            ip,
            lines,
            vendor,
            obs,
            signatures,
            advisories,
            today,
        ));
    }
    let mut extra: BTreeSet<IpAddr> = BTreeSet::new();
    for s in snaps {
        for h in &s.hosts {
            if shows_way_out(&h.external) && !covered.contains(&h.ip) {
                extra.insert(h.ip);
            }
        }
    }
    for ip in extra {
        // A registered host (by MAC) that the ledger does not call a perimeter device.
        let (host, obs) = newest(snaps, ip);
        let device = host
            .and_then(|h| h.mac)
            .and_then(|m| site.devices.iter().find(|d| d.mac == Some(m)))
            .or_else(|| site.devices.iter().find(|d| d.ip == Some(ip)));
        out.push(check(
            device,
            Some(ip),
            Vec::new(),
            false,
            obs,
            signatures,
            advisories,
            today,
        ));
    }
    out.sort_by(|a, b| {
        a.flags
            .first()
            .map_or(u8::MAX, |f| *f as u8)
            .cmp(&b.flags.first().map_or(u8::MAX, |f| *f as u8))
            .then_with(|| a.device.cmp(&b.device))
            .then_with(|| a.ip.cmp(&b.ip))
    });
    out
}

#[allow(clippy::too_many_arguments)]
fn check(
    device: Option<&Device>,
    ip: Option<IpAddr>,
    perimeter_of: Vec<String>,
    vendor_circuit: bool,
    obs: Option<&Observations>,
    signatures: &Signatures,
    advisories: &Advisories,
    today: NaiveDate,
) -> WayOutCheck {
    let ledger = device.map(ledger::view).unwrap_or_default();
    let seen = obs.and_then(|o| signatures.identify(o));
    let unknown_seen = match (&seen, obs) {
        (None, Some(o)) => summary(o),
        _ => Vec::new(),
    };
    let mut flags = BTreeSet::new();
    // Advisories: the firmware seen on the device, and the ledger's.
    let mut matches: Vec<AdvisoryMatch> = Vec::new();
    let platform_seen = seen.as_ref().and_then(|s| s.platform.clone());
    let platform = platform_seen.clone().or_else(|| ledger.platform.clone());
    let firmwares = [
        seen.as_ref().and_then(|s| s.firmware.clone()),
        ledger.firmware.clone(),
    ];
    if let Some(p) = &platform {
        for f in firmwares.iter().flatten() {
            for m in advisories.affecting(p, f) {
                if !matches.iter().any(|x| x.cve == m.cve) {
                    matches.push(m);
                }
            }
        }
    }
    if !matches.is_empty() {
        flags.insert(WayOutFlag::KnownExploited);
    }
    if vendor_circuit && seen.is_none() {
        flags.insert(WayOutFlag::VendorDeviceNotIdentified);
    }
    if firmwares.iter().all(Option::is_none) {
        flags.insert(WayOutFlag::FirmwareUnknown);
    }
    if let Some(s) = &seen {
        let make_differs = ledger
            .make
            .as_deref()
            .is_some_and(|m| !m.eq_ignore_ascii_case(&s.make) && s.make != "-");
        let firmware_differs = match (&s.firmware, &ledger.firmware) {
            (Some(a), Some(b)) => match (Version::parse(a), Version::parse(b)) {
                (Some(x), Some(y)) => x.parts() != y.parts(),
                _ => false,
            },
            _ => false,
        };
        if make_differs || firmware_differs {
            flags.insert(WayOutFlag::LedgerDisagrees);
        }
    }
    let now = today.and_hms_opt(0, 0, 0).map(|t| t.and_utc());
    if let Some(o) = obs {
        if now.is_some_and(|now| o.tls.iter().any(|t| cert::expired(t, now))) {
            flags.insert(WayOutFlag::CertificateExpired);
        }
        if o.tls.iter().any(|t| t.self_signed) {
            flags.insert(WayOutFlag::CertificateSelfSigned);
        }
    }
    if ledger
        .firmware_checked
        .is_some_and(|d| (today - d).num_days() > CHECK_MAX_AGE_DAYS)
    {
        flags.insert(WayOutFlag::FirmwareCheckOld);
    }
    WayOutCheck {
        device: device.map(|d| d.id.clone()),
        name: device.map(|d| d.name.clone()),
        ip,
        perimeter_of,
        vendor_circuit,
        probed: obs.is_some(),
        seen,
        unknown_seen,
        ledger,
        advisories: matches,
        flags: flags.into_iter().collect(),
    }
}
