//! What `koseizu poll` read from the switches and routers (SNMP), as it is
//! saved in a snapshot whose `source` is `snmp`. Every string here came
//! from a device and is hostile: writers clean it with `text::clean`.

use std::net::IpAddr;

use serde::{Deserialize, Serialize};

use crate::mac::MacAddr;

/// The switching part of an SNMP snapshot.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Switching {
    /// Devices polled (those that failed too, with `ok: false`).
    #[serde(default)]
    pub devices: Vec<PolledDevice>,
    /// Device-to-device links learned from LLDP/CDP.
    #[serde(default)]
    pub links: Vec<SwitchLink>,
    /// Where each MAC is plugged in, sorted by MAC.
    #[serde(default)]
    pub placements: Vec<Placement>,
    /// Per-device problems (timeouts, authentication, missing MIBs, malformed rows).
    #[serde(default)]
    pub problems: Vec<PollProblem>,
}

/// One polled device.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PolledDevice {
    /// Ledger id, or the IP when polled by address only.
    pub device: String,
    /// Ledger name, else sysName, else the IP.
    pub name: String,
    /// Address polled.
    pub ip: IpAddr,
    /// `v2c` or `v3`.
    pub version: String,
    /// True if the system group was read.
    pub ok: bool,
    /// sysName.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sys_name: Option<String>,
    /// sysDescr (model and firmware text).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sys_descr: Option<String>,
    /// sysObjectID, dotted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sys_object_id: Option<String>,
    /// sysUpTime in seconds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub uptime_s: Option<u64>,
    /// Interfaces.
    #[serde(default)]
    pub ports: Vec<SwitchPort>,
    /// LLDP/CDP neighbours.
    #[serde(default)]
    pub neighbours: Vec<Neighbour>,
    /// Forwarding-table entries read (own entries excluded).
    #[serde(default)]
    pub fdb_entries: usize,
    /// ARP (IP-MIB) entries read.
    #[serde(default)]
    pub arp_entries: usize,
    /// SNMP requests sent to it (retries included).
    #[serde(default)]
    pub requests: u64,
}

/// One interface of a polled device.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SwitchPort {
    /// ifIndex.
    pub if_index: u32,
    /// ifName (else ifDescr).
    pub name: String,
    /// ifDescr.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub descr: String,
    /// ifAlias (the description someone typed).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub alias: String,
    /// ifType number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub if_type: Option<i64>,
    /// ifOperStatus is up.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub up: Option<bool>,
    /// ifHighSpeed, Mb/s.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub speed_mbps: Option<u64>,
    /// MACs learned on it (own entries excluded).
    #[serde(default)]
    pub macs: usize,
    /// Why it is an uplink, if it is one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub uplink: Option<UplinkReason>,
}

/// Why a port counts as an uplink (no MAC is placed on it).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum UplinkReason {
    /// An LLDP/CDP neighbour on it is a switch or router.
    Neighbour,
    /// It carries more MACs than an edge port would.
    ManyMacs,
}

/// A neighbour announced by LLDP or CDP.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Neighbour {
    /// `lldp` or `cdp`.
    pub protocol: String,
    /// Local interface (ifIndex), if it could be mapped.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub if_index: Option<u32>,
    /// Local port name.
    pub local_port: String,
    /// Chassis id (MAC as text when it is one).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub chassis_id: String,
    /// Remote port id.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub port_id: String,
    /// Remote system name.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub sys_name: String,
    /// Enabled capabilities (`bridge`, `router`, `wlan-ap`, `telephone`, `station`, `other`).
    #[serde(default)]
    pub capabilities: Vec<String>,
    /// Remote management address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mgmt_ip: Option<IpAddr>,
}

impl Neighbour {
    /// True if it is a switch or router (its port is then an uplink).
    pub fn is_network_device(&self) -> bool {
        self.capabilities
            .iter()
            .any(|c| c == "bridge" || c == "router")
    }
}

/// A link between two network devices, learned from LLDP/CDP.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct SwitchLink {
    /// Device that reported it (ledger id or IP).
    pub device: String,
    /// Its port.
    pub port: String,
    /// The neighbour's ledger id or IP, when it is a polled or known device.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub peer: Option<String>,
    /// The neighbour's system name as announced.
    pub peer_name: String,
    /// The neighbour's port as announced.
    pub peer_port: String,
}

/// Where one MAC is plugged in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Placement {
    /// The MAC.
    pub mac: MacAddr,
    /// The device whose edge port it is on (ledger id or IP).
    pub device: String,
    /// That device's name (ledger name, else sysName).
    pub device_name: String,
    /// Port name (ifName); empty when only seen on uplinks.
    pub port: String,
    /// Port alias (ifAlias).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub alias: String,
    /// VLAN (Q-BRIDGE), if known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vlan: Option<u16>,
    /// True if the MAC was only seen on uplinks: `device`/`port` then name
    /// the nearest uplink seen, not where it is plugged in.
    #[serde(default)]
    pub uplink_only: bool,
}

/// What kind of problem one device had.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum PollProblemKind {
    /// No answer.
    Timeout,
    /// v3 credentials refused (or a v2c community mismatch answer).
    Authentication,
    /// No route or socket error.
    Unreachable,
    /// A whole MIB is missing.
    NoSuchObject,
    /// Rows with an index of the wrong shape (counted, ignored).
    MalformedIndex,
    /// A table larger than the cap: the rest was not read.
    Truncated,
    /// No credentials for the device.
    NoCredentials,
    /// Anything else the agent did wrong.
    Agent,
}

/// One problem of one device.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PollProblem {
    /// Device (ledger id or IP).
    pub device: String,
    /// Kind.
    pub kind: PollProblemKind,
    /// What happened (no secret is ever in it).
    pub message: String,
}
