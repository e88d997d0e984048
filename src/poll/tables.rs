//! The MIB objects koseizu reads, and turning walked columns into rows.
//!
//! Pure: [`DeviceTables::parse`] takes what was walked (column root →
//! rows) and never fails; a row whose index has the wrong shape is counted
//! in [`DeviceTables::malformed`], never silently dropped. Strings are cut
//! to [`MAX_TEXT`] bytes and decoded lossily (they are hostile; writers
//! clean them).

use std::collections::{BTreeMap, HashMap};
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

use super::client::{Oid, Value, VarBind, WalkStop, Walked};
use crate::mac::MacAddr;

/// Longest string kept from a device, in bytes.
pub const MAX_TEXT: usize = 255;

/// The columns and scalars read, by name; [`oids::WALKS`] says which are walked together.
pub mod oids {
    /// sysDescr.0
    pub const SYS_DESCR: &str = "1.3.6.1.2.1.1.1.0";
    /// sysObjectID.0
    pub const SYS_OBJECT_ID: &str = "1.3.6.1.2.1.1.2.0";
    /// sysUpTime.0
    pub const SYS_UPTIME: &str = "1.3.6.1.2.1.1.3.0";
    /// sysName.0
    pub const SYS_NAME: &str = "1.3.6.1.2.1.1.5.0";
    /// ifDescr
    pub const IF_DESCR: &str = "1.3.6.1.2.1.2.2.1.2";
    /// ifType
    pub const IF_TYPE: &str = "1.3.6.1.2.1.2.2.1.3";
    /// ifOperStatus
    pub const IF_OPER: &str = "1.3.6.1.2.1.2.2.1.8";
    /// ifName
    pub const IF_NAME: &str = "1.3.6.1.2.1.31.1.1.1.1";
    /// ifHighSpeed
    pub const IF_HIGH_SPEED: &str = "1.3.6.1.2.1.31.1.1.1.15";
    /// ifAlias
    pub const IF_ALIAS: &str = "1.3.6.1.2.1.31.1.1.1.18";
    /// dot1dBasePortIfIndex
    pub const BASE_PORT_IFINDEX: &str = "1.3.6.1.2.1.17.1.4.1.2";
    /// dot1dTpFdbPort
    pub const FDB_PORT: &str = "1.3.6.1.2.1.17.4.3.1.2";
    /// dot1dTpFdbStatus
    pub const FDB_STATUS: &str = "1.3.6.1.2.1.17.4.3.1.3";
    /// dot1qTpFdbPort
    pub const QFDB_PORT: &str = "1.3.6.1.2.1.17.7.1.2.2.1.2";
    /// dot1qTpFdbStatus
    pub const QFDB_STATUS: &str = "1.3.6.1.2.1.17.7.1.2.2.1.3";
    /// lldpLocPortId
    pub const LLDP_LOC_PORT_ID: &str = "1.0.8802.1.1.2.1.3.7.1.3";
    /// lldpRemChassisId
    pub const LLDP_REM_CHASSIS: &str = "1.0.8802.1.1.2.1.4.1.1.5";
    /// lldpRemPortIdSubtype
    pub const LLDP_REM_PORT_SUBTYPE: &str = "1.0.8802.1.1.2.1.4.1.1.6";
    /// lldpRemPortId
    pub const LLDP_REM_PORT_ID: &str = "1.0.8802.1.1.2.1.4.1.1.7";
    /// lldpRemSysName
    pub const LLDP_REM_SYS_NAME: &str = "1.0.8802.1.1.2.1.4.1.1.9";
    /// lldpRemSysCapEnabled
    pub const LLDP_REM_CAP: &str = "1.0.8802.1.1.2.1.4.1.1.12";
    /// lldpRemManAddrIfSubtype (the address is in the index)
    pub const LLDP_REM_MAN_ADDR: &str = "1.0.8802.1.1.2.1.4.2.1.3";
    /// cdpCacheAddress
    pub const CDP_ADDRESS: &str = "1.3.6.1.4.1.9.9.23.1.2.1.1.4";
    /// cdpCacheDeviceId
    pub const CDP_DEVICE_ID: &str = "1.3.6.1.4.1.9.9.23.1.2.1.1.6";
    /// cdpCacheDevicePort
    pub const CDP_DEVICE_PORT: &str = "1.3.6.1.4.1.9.9.23.1.2.1.1.7";
    /// cdpCacheCapabilities
    pub const CDP_CAPS: &str = "1.3.6.1.4.1.9.9.23.1.2.1.1.9";
    /// ipNetToPhysicalPhysAddress
    pub const ARP_PHYS: &str = "1.3.6.1.2.1.4.35.1.4";
    /// ipNetToPhysicalType
    pub const ARP_PHYS_TYPE: &str = "1.3.6.1.2.1.4.35.1.6";
    /// ipNetToMediaPhysAddress
    pub const ARP_MEDIA: &str = "1.3.6.1.2.1.4.22.1.2";
    /// ipNetToMediaType
    pub const ARP_MEDIA_TYPE: &str = "1.3.6.1.2.1.4.22.1.4";

    /// Every column walked, in the order walked, with the MIB it belongs to.
    pub const COLUMNS: &[(&str, &str)] = &[
        (IF_DESCR, "IF-MIB"),
        (IF_TYPE, "IF-MIB"),
        (IF_OPER, "IF-MIB"),
        (IF_NAME, "IF-MIB"),
        (IF_HIGH_SPEED, "IF-MIB"),
        (IF_ALIAS, "IF-MIB"),
        (BASE_PORT_IFINDEX, "BRIDGE-MIB"),
        (FDB_PORT, "BRIDGE-MIB"),
        (FDB_STATUS, "BRIDGE-MIB"),
        (QFDB_PORT, "Q-BRIDGE-MIB"),
        (QFDB_STATUS, "Q-BRIDGE-MIB"),
        (LLDP_LOC_PORT_ID, "LLDP-MIB"),
        (LLDP_REM_CHASSIS, "LLDP-MIB"),
        (LLDP_REM_PORT_SUBTYPE, "LLDP-MIB"),
        (LLDP_REM_PORT_ID, "LLDP-MIB"),
        (LLDP_REM_SYS_NAME, "LLDP-MIB"),
        (LLDP_REM_CAP, "LLDP-MIB"),
        (LLDP_REM_MAN_ADDR, "LLDP-MIB"),
        (CDP_ADDRESS, "CISCO-CDP-MIB"),
        (CDP_DEVICE_ID, "CISCO-CDP-MIB"),
        (CDP_DEVICE_PORT, "CISCO-CDP-MIB"),
        (CDP_CAPS, "CISCO-CDP-MIB"),
        (ARP_PHYS, "IP-MIB"),
        (ARP_PHYS_TYPE, "IP-MIB"),
        (ARP_MEDIA, "IP-MIB"),
        (ARP_MEDIA_TYPE, "IP-MIB"),
    ];

    /// The columns walked side by side (one GETBULK for each group per
    /// round): the columns of one table, or of small tables read together
    /// (a table the agent lacks then costs no request of its own). Every
    /// column of [`COLUMNS`] is in exactly one group. The last group, the
    /// older ARP table, is walked only when the first ARP table was empty
    /// (see `poll::read_device`).
    pub const WALKS: &[&[&str]] = &[
        &[IF_DESCR, IF_TYPE, IF_OPER, IF_NAME, IF_HIGH_SPEED, IF_ALIAS],
        // Both indexed by the bridge / LLDP local port number.
        &[BASE_PORT_IFINDEX, LLDP_LOC_PORT_ID],
        // BRIDGE-MIB and Q-BRIDGE-MIB: a switch has one or both.
        &[FDB_PORT, FDB_STATUS, QFDB_PORT, QFDB_STATUS],
        // The neighbours, LLDP and CDP: a few rows per port at most.
        &[
            LLDP_REM_CHASSIS,
            LLDP_REM_PORT_SUBTYPE,
            LLDP_REM_PORT_ID,
            LLDP_REM_SYS_NAME,
            LLDP_REM_CAP,
            LLDP_REM_MAN_ADDR,
            CDP_ADDRESS,
            CDP_DEVICE_ID,
            CDP_DEVICE_PORT,
            CDP_CAPS,
        ],
        &[ARP_PHYS, ARP_PHYS_TYPE],
        &[ARP_MEDIA, ARP_MEDIA_TYPE],
    ];
}

/// The system group.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SystemInfo {
    /// sysName.
    pub name: Option<String>,
    /// sysDescr.
    pub descr: Option<String>,
    /// sysObjectID, dotted.
    pub object_id: Option<String>,
    /// sysUpTime, seconds.
    pub uptime_s: Option<u64>,
}

impl SystemInfo {
    /// From the answer to the GET of the four system objects.
    pub fn from_get(vbs: &[VarBind]) -> SystemInfo {
        let mut s = SystemInfo::default();
        for (oid, v) in vbs {
            let is = |x: &str| Oid::parse(x).as_ref() == Some(oid);
            if is(oids::SYS_NAME) {
                s.name = v.as_bytes().map(text);
            } else if is(oids::SYS_DESCR) {
                s.descr = v.as_bytes().map(text);
            } else if is(oids::SYS_OBJECT_ID) {
                if let Value::Oid(o) = v {
                    s.object_id = Some(o.to_string());
                }
            } else if is(oids::SYS_UPTIME) {
                s.uptime_s = v.as_i64().and_then(|t| u64::try_from(t / 100).ok());
            }
        }
        s
    }

    /// True if the agent had none of the four.
    pub fn is_empty(&self) -> bool {
        *self == SystemInfo::default()
    }
}

/// One interface.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct IfRow {
    /// ifName.
    pub name: String,
    /// ifDescr.
    pub descr: String,
    /// ifAlias.
    pub alias: String,
    /// ifType.
    pub if_type: Option<i64>,
    /// ifOperStatus == up(1).
    pub up: Option<bool>,
    /// ifHighSpeed.
    pub speed_mbps: Option<u64>,
}

impl IfRow {
    /// ifName, else ifDescr, else `if<N>`.
    pub fn label(&self, if_index: u32) -> String {
        if !self.name.is_empty() {
            self.name.clone()
        } else if !self.descr.is_empty() {
            self.descr.clone()
        } else {
            format!("if{if_index}")
        }
    }
}

/// One forwarding-table entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FdbRow {
    /// The MAC.
    pub mac: MacAddr,
    /// Bridge port number.
    pub port: u32,
    /// VLAN (Q-BRIDGE fdb id), if known.
    pub vlan: Option<u16>,
}

/// One LLDP or CDP neighbour, as read.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NeighbourRow {
    /// `lldp` or `cdp`.
    pub protocol: &'static str,
    /// LLDP local port number, or CDP ifIndex.
    pub local: u32,
    /// Chassis id (text; a MAC when it is 6 bytes).
    pub chassis: String,
    /// Remote port id.
    pub port_id: String,
    /// Remote system name.
    pub sys_name: String,
    /// Capabilities enabled.
    pub capabilities: Vec<String>,
    /// Management address.
    pub mgmt_ip: Option<IpAddr>,
}

/// Everything read from one device, as rows.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DeviceTables {
    /// System group.
    pub system: SystemInfo,
    /// Interfaces by ifIndex.
    pub ifs: BTreeMap<u32, IfRow>,
    /// Bridge port → ifIndex.
    pub base_port: HashMap<u32, u32>,
    /// Forwarding entries, own (`self`) and invalid ones excluded.
    pub fdb: Vec<FdbRow>,
    /// LLDP local port number → local port id (usually the ifName).
    pub lldp_local: HashMap<u32, String>,
    /// Neighbours.
    pub neighbours: Vec<NeighbourRow>,
    /// ARP pairs: (ifIndex, IP, MAC).
    pub arp: Vec<(u32, IpAddr, MacAddr)>,
    /// Table → rows whose index had the wrong shape.
    pub malformed: BTreeMap<&'static str, usize>,
    /// Tables cut at the row cap.
    pub truncated: Vec<&'static str>,
    /// MIBs the agent has none of (of those koseizu reads).
    pub absent: Vec<&'static str>,
}

/// Hostile bytes to a bounded, lossily decoded string.
pub fn text(b: &[u8]) -> String {
    let b = &b[..b.len().min(MAX_TEXT)];
    String::from_utf8_lossy(b).into_owned()
}

fn mac_of(b: &[u8]) -> Option<MacAddr> {
    let a: [u8; 6] = b.try_into().ok()?;
    Some(MacAddr::new(a))
}

fn mac_of_index(ix: &[u32]) -> Option<MacAddr> {
    if ix.len() != 6 {
        return None;
    }
    let mut a = [0u8; 6];
    for (d, s) in a.iter_mut().zip(ix) {
        *d = u8::try_from(*s).ok()?;
    }
    Some(MacAddr::new(a))
}

/// An IP from an InetAddressType + length-prefixed index part.
fn inet_of_index(ix: &[u32]) -> Option<IpAddr> {
    let (&ty, rest) = ix.split_first()?;
    let (&len, addr) = rest.split_first()?;
    if addr.len() != len as usize {
        return None;
    }
    let bytes: Vec<u8> = addr
        .iter()
        .map(|&p| u8::try_from(p).ok())
        .collect::<Option<_>>()?;
    match (ty, bytes.len()) {
        (1, 4) => Some(IpAddr::V4(Ipv4Addr::new(
            bytes[0], bytes[1], bytes[2], bytes[3],
        ))),
        (2, 16) => {
            let a: [u8; 16] = bytes.try_into().ok()?;
            Some(IpAddr::V6(Ipv6Addr::from(a)))
        }
        _ => None,
    }
}

/// LLDP capability bits (BITS: bit 0 is the first byte's top bit).
fn lldp_caps(b: &[u8]) -> Vec<String> {
    const NAMES: [&str; 8] = [
        "other",
        "repeater",
        "bridge",
        "wlan-ap",
        "router",
        "telephone",
        "docsis",
        "station",
    ];
    let first = b.first().copied().unwrap_or(0);
    NAMES
        .iter()
        .enumerate()
        .filter(|(i, _)| first & (0x80 >> i) != 0)
        .map(|(_, n)| (*n).to_string())
        .collect()
}

/// CDP capability bits (a 32-bit big-endian mask).
fn cdp_caps(b: &[u8]) -> Vec<String> {
    let mut n = 0u32;
    for &x in b.iter().take(4) {
        n = (n << 8) | u32::from(x);
    }
    let mut out = Vec::new();
    if n & 0x01 != 0 {
        out.push("router".to_string());
    }
    if n & 0x0a != 0 {
        out.push("bridge".to_string());
    }
    if n & 0x10 != 0 {
        out.push("station".to_string());
    }
    if n & 0x80 != 0 {
        out.push("telephone".to_string());
    }
    out
}

/// Chassis or port id: a MAC when it is six bytes, else text.
fn id_text(b: &[u8]) -> String {
    match mac_of(b) {
        Some(m) if b.iter().any(|c| !c.is_ascii_graphic()) => m.to_string(),
        _ => text(b),
    }
}

impl DeviceTables {
    /// Rows from the walked columns (`walks` by column root, as in
    /// [`oids::COLUMNS`]).
    pub fn parse(system: SystemInfo, walks: &HashMap<&'static str, Walked>) -> DeviceTables {
        let mut t = DeviceTables {
            system,
            ..DeviceTables::default()
        };
        for (col, _) in oids::COLUMNS {
            if walks
                .get(col)
                .is_some_and(|w| w.stop == WalkStop::Truncated)
            {
                t.truncated.push(col);
            }
        }
        let bad = |t: &mut DeviceTables, table: &'static str| {
            *t.malformed.entry(table).or_insert(0) += 1;
        };
        let rows = |col: &str| -> Vec<(&[u32], &Value)> {
            let Some(root) = Oid::parse(col) else {
                return Vec::new();
            };
            walks
                .get(col)
                .map(|w| {
                    w.rows
                        .iter()
                        .filter_map(|(o, v)| Some((o.index_after(&root)?, v)))
                        .collect()
                })
                .unwrap_or_default()
        };

        // IF-MIB: index is one ifIndex.
        for (col, field) in [
            (oids::IF_DESCR, 0),
            (oids::IF_TYPE, 1),
            (oids::IF_OPER, 2),
            (oids::IF_NAME, 3),
            (oids::IF_HIGH_SPEED, 4),
            (oids::IF_ALIAS, 5),
        ] {
            for (ix, v) in rows(col) {
                let [i] = ix else {
                    bad(&mut t, "ifTable");
                    continue;
                };
                let row = t.ifs.entry(*i).or_default();
                match field {
                    0 => row.descr = v.as_bytes().map(text).unwrap_or_default(),
                    1 => row.if_type = v.as_i64(),
                    2 => row.up = v.as_i64().map(|s| s == 1),
                    3 => row.name = v.as_bytes().map(text).unwrap_or_default(),
                    4 => row.speed_mbps = v.as_i64().and_then(|s| u64::try_from(s).ok()),
                    _ => row.alias = v.as_bytes().map(text).unwrap_or_default(),
                }
            }
        }

        for (ix, v) in rows(oids::BASE_PORT_IFINDEX) {
            match (ix, v.as_i64().and_then(|i| u32::try_from(i).ok())) {
                ([p], Some(i)) => {
                    t.base_port.insert(*p, i);
                }
                _ => bad(&mut t, "dot1dBasePortTable"),
            }
        }

        // FDB: statuses first (4 = self, 2 = invalid are skipped).
        let skip_status = |s: Option<i64>| matches!(s, Some(2) | Some(4));
        let mut status: HashMap<Vec<u32>, i64> = HashMap::new();
        for (ix, v) in rows(oids::FDB_STATUS) {
            if let Some(s) = v.as_i64() {
                status.insert(ix.to_vec(), s);
            }
        }
        for (ix, v) in rows(oids::FDB_PORT) {
            let (Some(mac), Some(port)) = (
                mac_of_index(ix),
                v.as_i64().and_then(|p| u32::try_from(p).ok()),
            ) else {
                bad(&mut t, "dot1dTpFdbTable");
                continue;
            };
            if skip_status(status.get(ix).copied()) || port == 0 {
                continue;
            }
            t.fdb.push(FdbRow {
                mac,
                port,
                vlan: None,
            });
        }
        let mut qstatus: HashMap<Vec<u32>, i64> = HashMap::new();
        for (ix, v) in rows(oids::QFDB_STATUS) {
            if let Some(s) = v.as_i64() {
                qstatus.insert(ix.to_vec(), s);
            }
        }
        let mut q = Vec::new();
        for (ix, v) in rows(oids::QFDB_PORT) {
            let parsed = ix.split_first().and_then(|(fdb, mac)| {
                Some((
                    u16::try_from(*fdb).ok()?,
                    mac_of_index(mac)?,
                    v.as_i64().and_then(|p| u32::try_from(p).ok())?,
                ))
            });
            let Some((vlan, mac, port)) = parsed else {
                bad(&mut t, "dot1qTpFdbTable");
                continue;
            };
            if skip_status(qstatus.get(ix).copied()) || port == 0 {
                continue;
            }
            q.push(FdbRow {
                mac,
                port,
                vlan: Some(vlan),
            });
        }
        // Q-BRIDGE knows the VLAN: where it has rows, it replaces BRIDGE-MIB's.
        if !q.is_empty() {
            t.fdb = q;
        }

        // LLDP: local port ids, then the remote table (index timeMark.localPort.index).
        for (ix, v) in rows(oids::LLDP_LOC_PORT_ID) {
            match ix {
                [p] => {
                    t.lldp_local
                        .insert(*p, v.as_bytes().map(text).unwrap_or_default());
                }
                _ => bad(&mut t, "lldpLocPortTable"),
            }
        }
        let mut lldp: BTreeMap<(u32, u32, u32), NeighbourRow> = BTreeMap::new();
        for col in [
            oids::LLDP_REM_CHASSIS,
            oids::LLDP_REM_PORT_ID,
            oids::LLDP_REM_SYS_NAME,
            oids::LLDP_REM_CAP,
        ] {
            for (ix, v) in rows(col) {
                let [tm, local, n] = ix else {
                    bad(&mut t, "lldpRemTable");
                    continue;
                };
                let row = lldp
                    .entry((*tm, *local, *n))
                    .or_insert_with(|| NeighbourRow {
                        protocol: "lldp",
                        local: *local,
                        ..NeighbourRow::default()
                    });
                let b = v.as_bytes().unwrap_or_default();
                if col == oids::LLDP_REM_CHASSIS {
                    row.chassis = id_text(b);
                } else if col == oids::LLDP_REM_PORT_ID {
                    row.port_id = id_text(b);
                } else if col == oids::LLDP_REM_SYS_NAME {
                    row.sys_name = text(b);
                } else {
                    row.capabilities = lldp_caps(b);
                }
            }
        }
        for (ix, _) in rows(oids::LLDP_REM_MAN_ADDR) {
            let parsed = match ix {
                [tm, local, n, rest @ ..] => inet_of_index(rest).map(|ip| ((*tm, *local, *n), ip)),
                _ => None,
            };
            match parsed {
                Some((key, ip)) => {
                    if let Some(row) = lldp.get_mut(&key) {
                        row.mgmt_ip.get_or_insert(ip);
                    }
                }
                None => bad(&mut t, "lldpRemManAddrTable"),
            }
        }
        t.neighbours.extend(lldp.into_values());

        // CDP: index ifIndex.deviceIndex.
        let mut cdp: BTreeMap<(u32, u32), NeighbourRow> = BTreeMap::new();
        for col in [
            oids::CDP_DEVICE_ID,
            oids::CDP_DEVICE_PORT,
            oids::CDP_CAPS,
            oids::CDP_ADDRESS,
        ] {
            for (ix, v) in rows(col) {
                let [ifx, n] = ix else {
                    bad(&mut t, "cdpCacheTable");
                    continue;
                };
                let row = cdp.entry((*ifx, *n)).or_insert_with(|| NeighbourRow {
                    protocol: "cdp",
                    local: *ifx,
                    ..NeighbourRow::default()
                });
                let b = v.as_bytes().unwrap_or_default();
                if col == oids::CDP_DEVICE_ID {
                    row.sys_name = text(b);
                } else if col == oids::CDP_DEVICE_PORT {
                    row.port_id = text(b);
                } else if col == oids::CDP_CAPS {
                    row.capabilities = cdp_caps(b);
                } else if let Ok(a) = <[u8; 4]>::try_from(b) {
                    row.mgmt_ip = Some(IpAddr::V4(Ipv4Addr::from(a)));
                }
            }
        }
        t.neighbours.extend(cdp.into_values());

        // IP-MIB: ipNetToPhysical (ifIndex.type.len.addr), else ipNetToMedia (ifIndex.a.b.c.d).
        let mut invalid: std::collections::HashSet<Vec<u32>> = std::collections::HashSet::new();
        for (ix, v) in rows(oids::ARP_PHYS_TYPE) {
            if v.as_i64() == Some(2) {
                invalid.insert(ix.to_vec());
            }
        }
        for (ix, v) in rows(oids::ARP_PHYS) {
            let parsed = ix
                .split_first()
                .and_then(|(ifx, rest)| Some((*ifx, inet_of_index(rest)?)));
            match (parsed, v.as_bytes().and_then(mac_of)) {
                (Some((ifx, ip)), Some(mac)) => {
                    if !invalid.contains(ix) {
                        t.arp.push((ifx, ip, mac));
                    }
                }
                (Some(_), None) => {} // an incomplete entry: no MAC yet
                _ => bad(&mut t, "ipNetToPhysicalTable"),
            }
        }
        if t.arp.is_empty() {
            let mut invalid: std::collections::HashSet<Vec<u32>> = std::collections::HashSet::new();
            for (ix, v) in rows(oids::ARP_MEDIA_TYPE) {
                if v.as_i64() == Some(2) {
                    invalid.insert(ix.to_vec());
                }
            }
            for (ix, v) in rows(oids::ARP_MEDIA) {
                let parsed = match ix {
                    [ifx, a, b, c, d] => (|| {
                        Some((
                            *ifx,
                            Ipv4Addr::new(
                                u8::try_from(*a).ok()?,
                                u8::try_from(*b).ok()?,
                                u8::try_from(*c).ok()?,
                                u8::try_from(*d).ok()?,
                            ),
                        ))
                    })(),
                    _ => None,
                };
                match (parsed, v.as_bytes().and_then(mac_of)) {
                    (Some((ifx, ip)), Some(mac)) => {
                        if !invalid.contains(ix) {
                            t.arp.push((ifx, IpAddr::V4(ip), mac));
                        }
                    }
                    (Some(_), None) => {}
                    _ => bad(&mut t, "ipNetToMediaTable"),
                }
            }
        }
        t.arp
            .retain(|(_, _, m)| !m.is_multicast() && m.octets() != [0; 6]);
        t.arp.sort();
        t.arp.dedup();

        let has = |prefix: &str| {
            oids::COLUMNS
                .iter()
                .filter(|(_, mib)| *mib == prefix)
                .any(|(c, _)| walks.get(c).is_some_and(|w| !w.rows.is_empty()))
        };
        for mib in ["IF-MIB", "BRIDGE-MIB", "Q-BRIDGE-MIB", "LLDP-MIB", "IP-MIB"] {
            if !has(mib) {
                t.absent.push(mib);
            }
        }
        t
    }

    /// The ifIndex of a bridge port (the port itself when the agent has no map).
    pub fn if_of_bridge_port(&self, port: u32) -> u32 {
        self.base_port.get(&port).copied().unwrap_or(port)
    }

    /// The ifIndex of an LLDP local port number: by its port id matching an
    /// ifName, else as a bridge port, else as an ifIndex.
    pub fn if_of_lldp_port(&self, local: u32) -> Option<u32> {
        if let Some(id) = self.lldp_local.get(&local).filter(|s| !s.is_empty()) {
            if let Some((i, _)) = self
                .ifs
                .iter()
                .find(|(_, r)| r.name == *id || r.descr == *id)
            {
                return Some(*i);
            }
        }
        if let Some(i) = self.base_port.get(&local) {
            return Some(*i);
        }
        self.ifs.contains_key(&local).then_some(local)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn walked(rows: Vec<(String, Value)>) -> Walked {
        Walked {
            rows: rows
                .into_iter()
                .map(|(o, v)| (Oid::parse(&o).unwrap(), v))
                .collect(),
            stop: WalkStop::Done,
        }
    }

    #[test]
    fn every_column_is_walked_once() {
        let mut seen: Vec<&str> = oids::WALKS.iter().flat_map(|g| g.iter().copied()).collect();
        seen.sort_unstable();
        let mut all: Vec<&str> = oids::COLUMNS.iter().map(|(c, _)| *c).collect();
        all.sort_unstable();
        assert_eq!(seen, all);
    }

    #[test]
    fn fdb_skips_self_and_q_bridge_gives_the_vlan() {
        let mut w = HashMap::new();
        w.insert(
            oids::QFDB_PORT,
            walked(vec![
                (format!("{}.20.2.0.0.0.0.1", oids::QFDB_PORT), Value::Int(3)),
                (format!("{}.20.2.0.0.0.0.2", oids::QFDB_PORT), Value::Int(0)),
                (format!("{}.20.2.0.0.0.0.9", oids::QFDB_PORT), Value::Int(5)),
                (format!("{}.20.2.0.0.0.300", oids::QFDB_PORT), Value::Int(5)),
            ]),
        );
        w.insert(
            oids::QFDB_STATUS,
            walked(vec![(
                format!("{}.20.2.0.0.0.0.9", oids::QFDB_STATUS),
                Value::Int(4),
            )]),
        );
        let t = DeviceTables::parse(SystemInfo::default(), &w);
        assert_eq!(t.fdb.len(), 1);
        assert_eq!(t.fdb[0].vlan, Some(20));
        assert_eq!(t.fdb[0].port, 3);
        assert_eq!(t.malformed.get("dot1qTpFdbTable"), Some(&1));
    }

    #[test]
    fn lldp_index_with_two_parts_is_counted() {
        let mut w = HashMap::new();
        w.insert(
            oids::LLDP_REM_SYS_NAME,
            walked(vec![
                (
                    format!("{}.0.5.1", oids::LLDP_REM_SYS_NAME),
                    Value::Bytes(b"sw2".to_vec()),
                ),
                (
                    format!("{}.0.6", oids::LLDP_REM_SYS_NAME),
                    Value::Bytes(b"bad".to_vec()),
                ),
            ]),
        );
        w.insert(
            oids::LLDP_REM_CAP,
            walked(vec![(
                format!("{}.0.5.1", oids::LLDP_REM_CAP),
                Value::Bytes(vec![0x28, 0]),
            )]),
        );
        let t = DeviceTables::parse(SystemInfo::default(), &w);
        assert_eq!(t.neighbours.len(), 1);
        assert_eq!(t.neighbours[0].local, 5);
        assert_eq!(t.neighbours[0].capabilities, vec!["bridge", "router"]);
        assert_eq!(t.malformed.get("lldpRemTable"), Some(&1));
    }

    #[test]
    fn arp_from_ip_net_to_physical_and_hostile_text_is_bounded() {
        let mut w = HashMap::new();
        w.insert(
            oids::ARP_PHYS,
            walked(vec![
                (
                    format!("{}.2.1.4.198.18.0.7", oids::ARP_PHYS),
                    Value::Bytes(vec![2, 0, 0, 0, 0, 7]),
                ),
                (
                    format!("{}.2.1.4.198.18", oids::ARP_PHYS),
                    Value::Bytes(vec![2, 0, 0, 0, 0, 8]),
                ),
            ]),
        );
        w.insert(
            oids::IF_ALIAS,
            walked(vec![(
                format!("{}.1", oids::IF_ALIAS),
                Value::Bytes(vec![b'A'; 5000]),
            )]),
        );
        let t = DeviceTables::parse(SystemInfo::default(), &w);
        assert_eq!(t.arp.len(), 1);
        assert_eq!(t.arp[0].1, "198.18.0.7".parse::<IpAddr>().unwrap());
        assert_eq!(t.malformed.get("ipNetToPhysicalTable"), Some(&1));
        assert_eq!(t.ifs[&1].alias.len(), MAX_TEXT);
    }

    #[test]
    fn cdp_neighbours_and_the_older_arp_table() {
        let mut w = HashMap::new();
        w.insert(
            oids::CDP_DEVICE_ID,
            walked(vec![(
                format!("{}.10.1", oids::CDP_DEVICE_ID),
                Value::Bytes(b"core-sw".to_vec()),
            )]),
        );
        w.insert(
            oids::CDP_CAPS,
            walked(vec![(
                format!("{}.10.1", oids::CDP_CAPS),
                Value::Bytes(vec![0, 0, 0, 0x29]),
            )]),
        );
        w.insert(
            oids::CDP_ADDRESS,
            walked(vec![(
                format!("{}.10.1", oids::CDP_ADDRESS),
                Value::Bytes(vec![198, 18, 0, 1]),
            )]),
        );
        w.insert(
            oids::ARP_MEDIA,
            walked(vec![
                (
                    format!("{}.3.198.18.1.9", oids::ARP_MEDIA),
                    Value::Bytes(vec![0, 0x1b, 0x54, 0, 0, 9]),
                ),
                (
                    format!("{}.3.198.18.1", oids::ARP_MEDIA),
                    Value::Bytes(vec![0, 0x1b, 0x54, 0, 0, 8]),
                ),
            ]),
        );
        let t = DeviceTables::parse(SystemInfo::default(), &w);
        assert_eq!(t.neighbours.len(), 1);
        let n = &t.neighbours[0];
        assert_eq!(
            (n.protocol, n.local, n.sys_name.as_str()),
            ("cdp", 10, "core-sw")
        );
        assert_eq!(n.capabilities, vec!["router", "bridge"]);
        assert_eq!(n.mgmt_ip, Some("198.18.0.1".parse().unwrap()));
        assert_eq!(
            t.arp,
            vec![(
                3,
                "198.18.1.9".parse().unwrap(),
                MacAddr::new([0, 0x1b, 0x54, 0, 0, 9])
            )]
        );
        assert_eq!(t.malformed.get("ipNetToMediaTable"), Some(&1));
        assert!(t.absent.contains(&"BRIDGE-MIB"));
    }
}
