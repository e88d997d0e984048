//! The ledger review workbook (`koseizu ledger --xlsx`): one row per ledger
//! device, its ledger columns as they stand and what the scans add (last
//! seen, the IP and MAC seen, the MAC's maker, the switch port when known, a
//! status), then one row per host the ledger does not know.

use std::collections::HashMap;
use std::io::{self, Write};
use std::net::IpAddr;

use chrono::{DateTime, Utc};

use super::{ledger_headers, Book, Cell};
use crate::inventory::{Identity, LedgerIndex, SegmentIndex};
use crate::mac::MacAddr;
use crate::site::{Device, Lang, Site};
use crate::snapshot::{Host, Snapshot};
use crate::text::Word;

/// What the scans say about one ledger device.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// Seen at the recorded IP (or with no IP recorded).
    Seen,
    /// Seen, at another IP than the ledger's.
    IpDiffers,
    /// In a network a complete scan covered, and not seen.
    NotSeen,
    /// Not seen, and only interrupted scans covered its network.
    NotSeenPartial,
    /// Its IP is in no scanned network.
    NotScanned,
    /// The ledger gives neither IP nor MAC: nothing to match.
    NoAddress,
    /// A host the ledger does not know.
    Unregistered,
}

impl Status {
    /// The status for people.
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            Status::Seen => Word::ExcelStatusSeen,
            Status::IpDiffers => Word::ExcelStatusIpDiffers,
            Status::NotSeen => Word::ExcelStatusNotSeen,
            Status::NotSeenPartial => Word::ExcelStatusNotSeenPartial,
            Status::NotScanned => Word::ExcelStatusNotScanned,
            Status::NoAddress => Word::ExcelStatusNoAddress,
            Status::Unregistered => Word::ExcelStatusUnregistered,
        }
        .get(lang)
    }
}

/// The last sighting of a host.
#[derive(Debug, Clone)]
pub struct Sighting {
    /// When the scan that saw it finished.
    pub at: DateTime<Utc>,
    /// The IP it answered on.
    pub ip: IpAddr,
    /// Its MAC, if seen at layer 2.
    pub mac: Option<MacAddr>,
    /// The MAC's maker (OUI).
    pub vendor: Option<String>,
    /// The name it gave, if any.
    pub hostname: Option<String>,
}

impl Sighting {
    fn of(host: &Host, snap: &Snapshot) -> Sighting {
        Sighting {
            at: snap.finished,
            ip: host.ip,
            mac: host.mac,
            vendor: host.vendor.clone(),
            hostname: host.hostname.clone(),
        }
    }
}

/// Where a MAC is plugged in, from the switches an SNMP poll read
/// (`koseizu poll`): `device port (VLAN n)`, the newest snapshot first.
pub(crate) fn switch_ports(snaps: &[Snapshot], lang: Lang) -> HashMap<MacAddr, String> {
    let mut by_age: Vec<&Snapshot> = snaps.iter().collect();
    by_age.sort_by_key(|s| std::cmp::Reverse(s.finished));
    let mut ports = HashMap::new();
    for snap in by_age {
        let Some(switching) = &snap.switching else {
            continue;
        };
        for p in &switching.placements {
            ports.entry(p.mac).or_insert_with(|| {
                let mut s = format!("{} {}", p.device_name, p.port).trim().to_owned();
                if let Some(v) = p.vlan {
                    s.push_str(&format!(" (VLAN {v})"));
                }
                if p.uplink_only {
                    s.push_str(&format!(" [{}]", Word::ExcelUplinkOnly.get(lang)));
                }
                s
            });
        }
    }
    ports
}

/// What each polled device says it runs (sysDescr), by ledger id and by
/// the address polled, the newest SNMP snapshot first: the model and
/// firmware text the yearly review checks against the ledger.
fn polled_descriptions(snaps: &[Snapshot]) -> (HashMap<&str, &str>, HashMap<IpAddr, &str>) {
    let mut by_age: Vec<&Snapshot> = snaps.iter().collect();
    by_age.sort_by_key(|s| std::cmp::Reverse(s.finished));
    let (mut by_id, mut by_ip) = (HashMap::new(), HashMap::new());
    for d in by_age
        .into_iter()
        .filter_map(|s| s.switching.as_ref())
        .flat_map(|sw| &sw.devices)
        .filter(|d| d.ok)
    {
        if let Some(descr) = d.sys_descr.as_deref() {
            by_id.entry(d.device.as_str()).or_insert(descr);
            by_ip.entry(d.ip).or_insert(descr);
        }
    }
    (by_id, by_ip)
}

/// One row of the review.
#[derive(Debug, Clone)]
pub struct Row<'a> {
    /// The ledger device, or `None` for an unregistered host.
    pub device: Option<&'a Device>,
    /// The last sighting, if any scan saw it.
    pub seen: Option<Sighting>,
    /// The segment id an unregistered host's IP falls in.
    pub segment: Option<&'a str>,
    /// What the scans say.
    pub status: Status,
    /// The switch port it is plugged in, when an SNMP poll placed its MAC.
    pub switch_port: Option<String>,
    /// What the device said it runs when `koseizu poll` read it (sysDescr).
    pub sys_descr: Option<String>,
}

/// The rows of the review: ledger devices in ledger order, then
/// unregistered hosts by IP (each once, at its last sighting).
pub fn review<'a>(site: &'a Site, snaps: &[Snapshot], lang: Lang) -> Vec<Row<'a>> {
    let ports = switch_ports(snaps, lang);
    let (descr_by_id, descr_by_ip) = polled_descriptions(snaps);
    let port_of = |mac: Option<MacAddr>| mac.and_then(|m| ports.get(&m).cloned());
    let index = LedgerIndex::new(site);
    let segments = SegmentIndex::new(site);
    let mut seen: Vec<Option<Sighting>> = vec![None; site.devices.len()];
    let mut unregistered: Vec<Sighting> = Vec::new();
    let newer =
        |old: &Option<Sighting>, at: DateTime<Utc>| old.as_ref().map_or(true, |s| s.at < at);
    for snap in snaps {
        for host in &snap.hosts {
            match index.identify(host) {
                Identity::Registered { device, .. } => {
                    if newer(&seen[device], snap.finished) {
                        seen[device] = Some(Sighting::of(host, snap));
                    }
                }
                Identity::VirtualRouter { .. } => {}
                Identity::Unregistered { .. } => unregistered.push(Sighting::of(host, snap)),
            }
        }
        // A scan never lists the machine it ran on.
        if let (Some(device), Some(ip)) = (index.identify_scanner(snap), snap.scanner_ip) {
            if newer(&seen[device], snap.finished) {
                seen[device] = Some(Sighting {
                    at: snap.finished,
                    ip,
                    mac: snap.scanner_mac,
                    vendor: None,
                    hostname: None,
                });
            }
        }
    }
    // Each unregistered host once, at its last sighting: by MAC, else by IP.
    unregistered.sort_by(|a, b| (a.mac, a.ip, b.at).cmp(&(b.mac, b.ip, a.at)));
    unregistered.dedup_by(|later, first| match (later.mac, first.mac) {
        (Some(a), Some(b)) => a == b,
        (None, None) => later.ip == first.ip,
        _ => false,
    });
    unregistered.sort_by_key(|s| s.ip);

    let covered = |ip: IpAddr, complete: bool| {
        snaps
            .iter()
            .filter(|s| !complete || !s.partial)
            .any(|s| s.scopes.iter().any(|n| n.contains(ip)))
    };
    let mut rows: Vec<Row<'a>> = site
        .devices
        .iter()
        .zip(seen)
        .map(|(d, seen)| {
            let status = match (&seen, d.ip, d.mac) {
                (Some(s), Some(ip), _) if s.ip != ip => Status::IpDiffers,
                (Some(_), _, _) => Status::Seen,
                (None, None, None) => Status::NoAddress,
                (None, Some(ip), _) if covered(ip, true) => Status::NotSeen,
                (None, Some(ip), _) if covered(ip, false) => Status::NotSeenPartial,
                (None, Some(_), _) => Status::NotScanned,
                (None, None, Some(_)) if snaps.iter().any(|s| !s.partial) => Status::NotSeen,
                (None, None, Some(_)) => Status::NotSeenPartial,
            };
            let switch_port = port_of(seen.as_ref().and_then(|s| s.mac).or(d.mac));
            let sys_descr = descr_by_id
                .get(d.id.as_str())
                .or_else(|| d.ip.and_then(|ip| descr_by_ip.get(&ip)))
                .map(|s| (*s).to_owned());
            Row {
                device: Some(d),
                seen,
                segment: None,
                status,
                switch_port,
                sys_descr,
            }
        })
        .collect();
    rows.extend(unregistered.into_iter().map(|s| Row {
        device: None,
        segment: segments.locate(s.ip).map(|i| site.segments[i].id.as_str()),
        switch_port: port_of(s.mac),
        sys_descr: descr_by_ip.get(&s.ip).map(|d| (*d).to_owned()),
        seen: Some(s),
        status: Status::Unregistered,
    }));
    rows
}

/// The ledger's eleven columns of a device, as text cells.
pub(crate) fn device_cells(d: &Device, lang: Lang) -> Vec<Cell<'_>> {
    vec![
        Cell::text(&d.id),
        Cell::text(&d.name),
        Cell::text(d.kind.label(lang)),
        Cell::opt_owned(d.mac.map(|m| m.to_string())),
        Cell::opt_owned(d.ip.map(|i| i.to_string())),
        Cell::opt(d.segment.as_deref()),
        Cell::opt(d.system.as_deref()),
        Cell::text(&d.department),
        Cell::text(&d.vendor),
        Cell::text(&d.location),
        Cell::text(&d.notes),
    ]
}

/// Writes the review as a workbook of one sheet.
pub fn write(rows: &[Row<'_>], lang: Lang, w: &mut dyn Write) -> io::Result<()> {
    let mut book = Book::new();
    let mut headers: Vec<&str> = ledger_headers(lang).to_vec();
    headers.extend(
        [
            Word::ExcelColLastSeen,
            Word::ExcelColSeenIp,
            Word::ExcelColSeenMac,
            Word::ExcelColMacVendor,
            Word::ExcelColHostName,
            Word::ExcelColSwitchPort,
            Word::ExcelColStatus,
            Word::PollSysDescr,
        ]
        .map(|w| w.get(lang)),
    );
    {
        let mut sheet = book.sheet(Word::ExcelSheetLedger.get(lang), &headers)?;
        for row in rows {
            let mut cells = match row.device {
                Some(d) => device_cells(d, lang),
                None => {
                    let s = row.seen.as_ref();
                    let mut c = vec![Cell::Empty; 11];
                    c[1] = Cell::opt(s.and_then(|s| s.hostname.as_deref()));
                    c[3] = Cell::opt_owned(s.and_then(|s| s.mac.map(|m| m.to_string())));
                    c[4] = Cell::opt_owned(s.map(|s| s.ip.to_string()));
                    c[5] = Cell::opt(row.segment);
                    c
                }
            };
            let s = row.seen.as_ref();
            cells.extend([
                Cell::opt_owned(s.map(|s| s.at.format("%Y-%m-%d %H:%M").to_string())),
                Cell::opt_owned(s.map(|s| s.ip.to_string())),
                Cell::opt_owned(s.and_then(|s| s.mac.map(|m| m.to_string()))),
                Cell::opt(s.and_then(|s| s.vendor.as_deref())),
                Cell::opt(s.and_then(|s| s.hostname.as_deref())),
                // From `koseizu poll`'s snapshots; empty for the review to
                // fill in by hand where no switch was polled.
                Cell::opt(row.switch_port.as_deref()),
                Cell::text(row.status.label(lang)),
                // sysDescr is multi-line text from the device: one line in
                // the cell, cleaned like every other cell.
                Cell::opt_owned(
                    row.sys_descr
                        .as_deref()
                        .map(|d| d.split_whitespace().collect::<Vec<_>>().join(" ")),
                ),
            ]);
            sheet.row(&cells)?;
        }
    }
    book.write(w)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::inventory::audit::tests::{device, host, site, snapshot};
    use crate::site::DeviceKind;
    use crate::snapshot::switching::{Placement, Switching};

    #[test]
    fn rows_say_what_the_scans_and_switches_saw() {
        let s = site(
            vec![("core", "192.168.1.0/24")],
            vec![
                device(
                    "pc",
                    DeviceKind::Pc,
                    Some("00:1a:2b:00:00:01"),
                    Some("192.168.1.5"),
                    "core",
                ),
                device(
                    "gone",
                    DeviceKind::Pc,
                    Some("00:1a:2b:00:00:02"),
                    Some("192.168.1.6"),
                    "core",
                ),
            ],
        );
        let mut snap = snapshot(
            &["192.168.1.0/24"],
            vec![
                host("192.168.1.7", Some("00:1a:2b:00:00:01")),
                host("192.168.1.66", Some("00:11:22:33:44:55")),
            ],
        );
        let placement = |mac: &str, port: &str| Placement {
            mac: mac.parse().unwrap(),
            device: "sw1".into(),
            device_name: "2F スイッチ".into(),
            port: port.into(),
            alias: String::new(),
            vlan: Some(20),
            uplink_only: false,
        };
        snap.switching = Some(Switching {
            placements: vec![
                placement("00:1a:2b:00:00:01", "Gi1/0/5"),
                placement("00:11:22:33:44:55", "Gi1/0/9"),
            ],
            ..Switching::default()
        });
        let rows = review(&s, &[snap], Lang::Ja);
        assert_eq!(rows.len(), 3);
        assert_eq!(rows[0].status, Status::IpDiffers);
        assert_eq!(
            rows[0].switch_port.as_deref(),
            Some("2F スイッチ Gi1/0/5 (VLAN 20)")
        );
        assert_eq!(rows[1].status, Status::NotSeen);
        assert_eq!(rows[2].status, Status::Unregistered);
        assert_eq!(rows[2].segment, Some("core"));
        assert_eq!(
            rows[2].switch_port.as_deref(),
            Some("2F スイッチ Gi1/0/9 (VLAN 20)")
        );
        let mut out = Vec::new();
        write(&rows, Lang::En, &mut out).unwrap();
        assert!(out.starts_with(b"PK\x03\x04"));
    }

    #[test]
    fn a_polled_device_shows_what_it_said_it_runs_and_a_failed_poll_nothing() {
        use crate::snapshot::switching::PolledDevice;
        let s = site(
            vec![("core", "192.168.1.0/24")],
            vec![
                device("sw1", DeviceKind::Switch, None, Some("192.168.1.2"), "core"),
                device("sw2", DeviceKind::Switch, None, Some("192.168.1.3"), "core"),
                device("sw3", DeviceKind::Switch, None, Some("192.168.1.4"), "core"),
            ],
        );
        let polled = |device: &str, ip: &str, ok: bool, descr: &str| PolledDevice {
            device: device.into(),
            name: device.into(),
            ip: ip.parse().unwrap(),
            version: "v2c".into(),
            ok,
            sys_name: None,
            sys_descr: Some(descr.into()),
            sys_object_id: None,
            uptime_s: None,
            ports: Vec::new(),
            neighbours: Vec::new(),
            fdb_entries: 0,
            arp_entries: 0,
            requests: 1,
        };
        let mut snap = snapshot(&["192.168.1.0/24"], vec![]);
        snap.switching = Some(Switching {
            devices: vec![
                // By ledger id, and by the address polled.
                polled(
                    "sw1",
                    "192.168.1.2",
                    true,
                    "Cisco IOS Software,\r\nVersion 15.2(7)E",
                ),
                polled("192.168.1.3", "192.168.1.3", true, "YAMAHA SWX2310"),
                polled("sw3", "192.168.1.4", false, "never read"),
            ],
            ..Switching::default()
        });
        let rows = review(&s, &[snap], Lang::Ja);
        assert_eq!(
            rows[0].sys_descr.as_deref(),
            Some("Cisco IOS Software,\r\nVersion 15.2(7)E")
        );
        assert_eq!(rows[1].sys_descr.as_deref(), Some("YAMAHA SWX2310"));
        assert_eq!(rows[2].sys_descr, None);
    }
}
