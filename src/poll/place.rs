//! Turning the walked tables of every polled device into ports, links and
//! placements. Pure: no I/O, no clock.
//!
//! A port is an uplink when an LLDP/CDP neighbour on it is a switch or a
//! router (or is another polled device), or when it carries more than
//! [`PlaceOptions::many_macs`] MACs. A MAC is placed on an edge port, never
//! on an uplink; a MAC seen only on uplinks is kept with `uplink_only`.

use std::collections::{BTreeMap, HashMap};
use std::net::IpAddr;

use super::tables::DeviceTables;
use crate::mac::MacAddr;
use crate::snapshot::switching::{Neighbour, Placement, SwitchLink, SwitchPort, UplinkReason};

/// Placement settings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PlaceOptions {
    /// A port with more MACs than this is an uplink.
    pub many_macs: usize,
}

impl Default for PlaceOptions {
    fn default() -> PlaceOptions {
        PlaceOptions { many_macs: 10 }
    }
}

/// Who a polled device is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeviceId {
    /// Ledger id, or the IP.
    pub device: String,
    /// Ledger name, else sysName, else the IP.
    pub name: String,
    /// Address polled.
    pub ip: IpAddr,
}

/// The result of placing: per device its ports and neighbours, the links, the placements.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Placed {
    /// Ports of each input device, in input order.
    pub ports: Vec<Vec<SwitchPort>>,
    /// Neighbours of each input device, in input order.
    pub neighbours: Vec<Vec<Neighbour>>,
    /// Links between network devices.
    pub links: Vec<SwitchLink>,
    /// Placements, sorted by MAC.
    pub placements: Vec<Placement>,
}

/// Places every MAC of `devices` (tables read from each).
pub fn place(devices: &[(DeviceId, &DeviceTables)], opts: PlaceOptions) -> Placed {
    let mut out = Placed::default();
    // Who is who, to recognise a neighbour that is another polled device.
    let find_peer = |n: &Neighbour| -> Option<String> {
        devices
            .iter()
            .find(|(id, t)| {
                n.mgmt_ip == Some(id.ip)
                    || (!n.sys_name.is_empty()
                        && (t.system.name.as_deref() == Some(n.sys_name.as_str())
                            || id.name == n.sys_name))
            })
            .map(|(id, _)| id.device.clone())
    };

    // (device index, ifIndex) → MACs on it.
    let mut per_port: HashMap<(usize, u32), usize> = HashMap::new();
    for (d, (_, t)) in devices.iter().enumerate() {
        for f in &t.fdb {
            *per_port
                .entry((d, t.if_of_bridge_port(f.port)))
                .or_insert(0) += 1;
        }
    }

    let mut uplink: HashMap<(usize, u32), UplinkReason> = HashMap::new();
    for (d, (id, t)) in devices.iter().enumerate() {
        let mut ns = Vec::new();
        for n in &t.neighbours {
            let if_index = if n.protocol == "cdp" {
                Some(n.local)
            } else {
                t.if_of_lldp_port(n.local)
            };
            let local_port = if_index
                .and_then(|i| t.ifs.get(&i).map(|r| r.label(i)))
                .or_else(|| t.lldp_local.get(&n.local).cloned())
                .unwrap_or_else(|| format!("port {}", n.local));
            let nb = Neighbour {
                protocol: n.protocol.to_string(),
                if_index,
                local_port: local_port.clone(),
                chassis_id: n.chassis.clone(),
                port_id: n.port_id.clone(),
                sys_name: n.sys_name.clone(),
                capabilities: n.capabilities.clone(),
                mgmt_ip: n.mgmt_ip,
            };
            let peer = find_peer(&nb);
            if nb.is_network_device() || peer.is_some() {
                if let Some(i) = if_index {
                    uplink.insert((d, i), UplinkReason::Neighbour);
                }
                out.links.push(SwitchLink {
                    device: id.device.clone(),
                    port: local_port,
                    peer,
                    peer_name: nb.sys_name.clone(),
                    peer_port: nb.port_id.clone(),
                });
            }
            ns.push(nb);
        }
        out.neighbours.push(ns);
    }
    for (&(d, i), &n) in &per_port {
        if n > opts.many_macs {
            uplink.entry((d, i)).or_insert(UplinkReason::ManyMacs);
        }
    }

    for (d, (_, t)) in devices.iter().enumerate() {
        let mut ports: Vec<SwitchPort> = t
            .ifs
            .iter()
            .map(|(&i, r)| SwitchPort {
                if_index: i,
                name: r.label(i),
                descr: r.descr.clone(),
                alias: r.alias.clone(),
                if_type: r.if_type,
                up: r.up,
                speed_mbps: r.speed_mbps,
                macs: per_port.get(&(d, i)).copied().unwrap_or(0),
                uplink: uplink.get(&(d, i)).copied(),
            })
            .collect();
        // A port in the FDB the IF-MIB did not list still gets a row.
        for (&(pd, i), &n) in &per_port {
            if pd == d && !t.ifs.contains_key(&i) {
                ports.push(SwitchPort {
                    if_index: i,
                    name: format!("if{i}"),
                    descr: String::new(),
                    alias: String::new(),
                    if_type: None,
                    up: None,
                    speed_mbps: None,
                    macs: n,
                    uplink: uplink.get(&(d, i)).copied(),
                });
            }
        }
        ports.sort_by_key(|p| p.if_index);
        out.ports.push(ports);
    }

    // Every sighting of every MAC: (device, ifIndex, vlan).
    let mut seen: BTreeMap<MacAddr, Vec<(usize, u32, Option<u16>)>> = BTreeMap::new();
    for (d, (_, t)) in devices.iter().enumerate() {
        for f in &t.fdb {
            seen.entry(f.mac)
                .or_default()
                .push((d, t.if_of_bridge_port(f.port), f.vlan));
        }
    }
    for (mac, sightings) in seen {
        let edge = sightings
            .iter()
            .filter(|(d, i, _)| !uplink.contains_key(&(*d, *i)))
            .min_by_key(|(d, i, _)| (per_port.get(&(*d, *i)).copied().unwrap_or(0), *d, *i));
        let (chosen, uplink_only) = match edge {
            Some(e) => (*e, false),
            None => match sightings.first() {
                Some(s) => (*s, true),
                None => continue,
            },
        };
        let (d, i, vlan) = chosen;
        let Some((id, t)) = devices.get(d) else {
            continue;
        };
        let row = t.ifs.get(&i);
        out.placements.push(Placement {
            mac,
            device: id.device.clone(),
            device_name: id.name.clone(),
            port: row.map(|r| r.label(i)).unwrap_or_else(|| format!("if{i}")),
            alias: row.map(|r| r.alias.clone()).unwrap_or_default(),
            vlan,
            uplink_only,
        });
    }
    out.links.sort();
    out.links.dedup();
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::poll::tables::{FdbRow, IfRow, NeighbourRow};

    fn mac(n: u8) -> MacAddr {
        MacAddr::new([2, 0, 0, 0, 0, n])
    }

    fn switch(name: &str, uplink_if: u32, macs: &[(u8, u32)]) -> DeviceTables {
        let mut t = DeviceTables::default();
        t.system.name = Some(name.into());
        for i in 1..=4 {
            t.ifs.insert(
                i,
                IfRow {
                    name: format!("Gi1/0/{i}"),
                    alias: format!("{name} port {i}"),
                    ..IfRow::default()
                },
            );
        }
        t.neighbours.push(NeighbourRow {
            protocol: "lldp",
            local: uplink_if,
            sys_name: if name == "sw1" {
                "sw2".into()
            } else {
                "sw1".into()
            },
            port_id: "Gi1/0/4".into(),
            capabilities: vec!["bridge".into()],
            ..NeighbourRow::default()
        });
        for &(m, p) in macs {
            t.fdb.push(FdbRow {
                mac: mac(m),
                port: p,
                vlan: Some(20),
            });
        }
        t
    }

    fn id(n: &str, ip: &str) -> DeviceId {
        DeviceId {
            device: n.into(),
            name: n.into(),
            ip: ip.parse().unwrap(),
        }
    }

    #[test]
    fn two_switches_every_mac_on_its_edge_port() {
        // sw1: MAC 1 on port 1, MACs 2 and 3 (behind sw2) on uplink 4.
        // sw2: MACs 2, 3 on ports 2, 3; MAC 1 on uplink 4.
        let a = switch("sw1", 4, &[(1, 1), (2, 4), (3, 4), (9, 4)]);
        let b = switch("sw2", 4, &[(2, 2), (3, 3), (1, 4)]);
        let p = place(
            &[(id("sw1", "198.18.0.2"), &a), (id("sw2", "198.18.0.3"), &b)],
            PlaceOptions::default(),
        );
        let at = |m: u8| {
            let pl = p.placements.iter().find(|x| x.mac == mac(m)).unwrap();
            (pl.device.as_str(), pl.port.as_str(), pl.uplink_only)
        };
        assert_eq!(at(1), ("sw1", "Gi1/0/1", false));
        assert_eq!(at(2), ("sw2", "Gi1/0/2", false));
        assert_eq!(at(3), ("sw2", "Gi1/0/3", false));
        // Seen only on an uplink: said so.
        assert_eq!(at(9), ("sw1", "Gi1/0/4", true));
        assert_eq!(p.links.len(), 2);
        assert_eq!(p.links[0].peer.as_deref(), Some("sw2"));
        assert_eq!(p.ports[0][3].uplink, Some(UplinkReason::Neighbour));
        assert_eq!(p.placements[0].alias, "sw1 port 1");
        assert_eq!(p.placements[0].vlan, Some(20));
    }

    #[test]
    fn a_port_with_many_macs_is_an_uplink() {
        let macs: Vec<(u8, u32)> = (10..30).map(|m| (m, 2)).chain([(1, 1)]).collect();
        let mut a = switch("sw1", 4, &macs);
        a.neighbours.clear();
        let p = place(&[(id("sw1", "198.18.0.2"), &a)], PlaceOptions::default());
        assert_eq!(p.ports[0][1].uplink, Some(UplinkReason::ManyMacs));
        assert!(p
            .placements
            .iter()
            .filter(|x| x.mac != mac(1))
            .all(|x| x.uplink_only));
        assert!(
            !p.placements
                .iter()
                .find(|x| x.mac == mac(1))
                .unwrap()
                .uplink_only
        );
    }
}
