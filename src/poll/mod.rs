//! `koseizu poll`: read the switches, routers and firewalls over SNMP
//! (read-only, gently) and save what they know as one snapshot whose
//! `source` is `snmp`: the MAC behind every edge port (with VLAN), the
//! LLDP/CDP links between network devices, and the MAC↔IP pairs of every
//! segment they route (ARP tables, as the snapshot's hosts).
//!
//! [`client`] talks to agents (GET and GETBULK only, one request in flight
//! per device, a per-device rate cap), [`tables`] turns walked columns into
//! rows, [`place`] decides uplinks and edge ports, [`credentials`] reads
//! `SITE/snmp.toml`. One device's failure never stops the others: each
//! problem becomes a [`PollProblem`] line.

use std::collections::{BTreeMap, HashMap};
use std::net::IpAddr;

use chrono::{DateTime, Utc};

pub mod client;
pub mod credentials;
pub mod place;
pub mod tables;

use client::{walk_columns, Agent, AgentError, Oid, Pace, SnmpAgent, WalkStop};
use credentials::Credential;
use place::{DeviceId, PlaceOptions};
use tables::{oids, DeviceTables, SystemInfo};

use crate::snapshot::switching::{PollProblem, PollProblemKind, PolledDevice, Switching};
use crate::snapshot::{
    Host, HostFlag, ScanSettings, Snapshot, Source, FORMAT_NAME, FORMAT_VERSION,
};

/// One device to poll.
#[derive(Debug, Clone)]
pub struct Target {
    /// Ledger id, or the IP when not in the ledger.
    pub device: String,
    /// Ledger name (else the IP).
    pub name: String,
    /// Address.
    pub ip: IpAddr,
    /// UDP port (161).
    pub port: u16,
    /// How to talk to it.
    pub credential: Credential,
    /// A switch: a missing forwarding table is worth a line.
    pub expect_fdb: bool,
}

/// How to poll.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PollOptions {
    /// Per-device pacing, timeout, retries, GETBULK size.
    pub pace: Pace,
    /// At most this many rows per column (bounded memory).
    pub max_rows: usize,
    /// Placement settings.
    pub place: PlaceOptions,
}

impl Default for PollOptions {
    fn default() -> PollOptions {
        PollOptions {
            pace: Pace::default(),
            max_rows: 200_000,
            place: PlaceOptions::default(),
        }
    }
}

/// What one device gave.
#[derive(Debug, Clone)]
pub struct DeviceOutcome {
    /// The device.
    pub target: Target,
    /// Its tables, if the system group could be read.
    pub tables: Option<DeviceTables>,
    /// Its problems.
    pub problems: Vec<PollProblem>,
    /// Requests sent.
    pub requests: u64,
}

fn problem(device: &str, kind: PollProblemKind, message: String) -> PollProblem {
    PollProblem {
        device: device.to_string(),
        kind,
        message,
    }
}

fn agent_problem(device: &str, what: &str, e: &AgentError) -> PollProblem {
    let kind = match e {
        AgentError::Timeout { .. } => PollProblemKind::Timeout,
        AgentError::Auth(_) => PollProblemKind::Authentication,
        AgentError::Unreachable(_) => PollProblemKind::Unreachable,
        AgentError::Status { .. } | AgentError::Malformed(_) => PollProblemKind::Agent,
    };
    problem(device, kind, format!("{what}: {e}"))
}

/// Reads everything from one agent. Never fails: problems are returned.
pub async fn read_device<A: Agent>(
    agent: &mut A,
    target: &Target,
    opts: &PollOptions,
) -> (Option<DeviceTables>, Vec<PollProblem>) {
    let dev = target.device.as_str();
    let mut problems = Vec::new();
    let system_oids: Vec<Oid> = [
        oids::SYS_DESCR,
        oids::SYS_OBJECT_ID,
        oids::SYS_UPTIME,
        oids::SYS_NAME,
    ]
    .iter()
    .filter_map(|s| Oid::parse(s))
    .collect();
    let system = match agent.get(&system_oids).await {
        Ok(vbs) => SystemInfo::from_get(&vbs),
        Err(e) => {
            problems.push(agent_problem(dev, "system", &e));
            return (None, problems);
        }
    };
    if system.is_empty() {
        problems.push(problem(
            dev,
            PollProblemKind::NoSuchObject,
            "SNMPv2-MIB system: no such object (the agent's view hides it)".into(),
        ));
    }
    let mut walks = HashMap::new();
    let mib_of = |col: &str| {
        oids::COLUMNS
            .iter()
            .find(|(c, _)| *c == col)
            .map_or("", |(_, m)| *m)
    };
    for group in oids::WALKS {
        // The older ARP table only where the newer one had nothing.
        if group.first() == Some(&oids::ARP_MEDIA)
            && walks
                .get(oids::ARP_PHYS)
                .is_some_and(|w: &client::Walked| !w.rows.is_empty())
        {
            continue;
        }
        let roots: Vec<Oid> = group.iter().filter_map(|c| Oid::parse(c)).collect();
        // A MIB the agent lacks costs one request per group.
        match walk_columns(agent, &roots, opts.pace.max_repetitions, opts.max_rows).await {
            Ok(ws) => {
                for (col, w) in group.iter().zip(ws) {
                    if w.stop == WalkStop::NotIncreasing {
                        problems.push(problem(
                            dev,
                            PollProblemKind::Agent,
                            format!(
                                "{} {col}: the agent answered out of order; walk stopped",
                                mib_of(col)
                            ),
                        ));
                    }
                    walks.insert(*col, w);
                }
            }
            Err(e) => {
                // Gentle: a device that stopped answering is not asked more.
                let first = group.first().copied().unwrap_or_default();
                problems.push(agent_problem(
                    dev,
                    &format!("{} {first}", mib_of(first)),
                    &e,
                ));
                break;
            }
        }
    }
    let t = DeviceTables::parse(system, &walks);
    for col in &t.truncated {
        problems.push(problem(
            dev,
            PollProblemKind::Truncated,
            format!(
                "{col}: more than {} rows; the rest was not read",
                opts.max_rows
            ),
        ));
    }
    for (table, n) in &t.malformed {
        problems.push(problem(
            dev,
            PollProblemKind::MalformedIndex,
            format!("{table}: {n} row(s) with a malformed index (ignored)"),
        ));
    }
    if t.absent.contains(&"IF-MIB") {
        problems.push(problem(
            dev,
            PollProblemKind::NoSuchObject,
            "IF-MIB: no such object".into(),
        ));
    }
    if target.expect_fdb && t.absent.contains(&"BRIDGE-MIB") && t.absent.contains(&"Q-BRIDGE-MIB") {
        problems.push(problem(
            dev,
            PollProblemKind::NoSuchObject,
            "BRIDGE-MIB and Q-BRIDGE-MIB: no such object (no forwarding table: MACs cannot be placed on this switch)".into(),
        ));
    }
    (Some(t), problems)
}

/// Polls one target over UDP.
pub async fn poll_one(target: Target, opts: PollOptions) -> DeviceOutcome {
    match SnmpAgent::connect(target.ip, target.port, &target.credential, opts.pace).await {
        Ok(mut agent) => {
            let (tables, problems) = read_device(&mut agent, &target, &opts).await;
            DeviceOutcome {
                requests: agent.requests_sent(),
                target,
                tables,
                problems,
            }
        }
        Err(e) => DeviceOutcome {
            problems: vec![agent_problem(&target.device, "connect", &e)],
            requests: 0,
            target,
            tables: None,
        },
    }
}

/// Polls every target at once (each device paced on its own), calling
/// `on_done` as each finishes. Results come back in target order.
pub async fn poll_all(
    targets: Vec<Target>,
    opts: PollOptions,
    on_done: &mut dyn FnMut(&DeviceOutcome),
) -> Vec<DeviceOutcome> {
    let mut set = tokio::task::JoinSet::new();
    let n = targets.len();
    for (i, t) in targets.into_iter().enumerate() {
        set.spawn(async move { (i, poll_one(t, opts).await) });
    }
    let mut out: Vec<Option<DeviceOutcome>> = (0..n).map(|_| None).collect();
    while let Some(r) = set.join_next().await {
        if let Ok((i, o)) = r {
            on_done(&o);
            if let Some(slot) = out.get_mut(i) {
                *slot = Some(o);
            }
        }
    }
    out.into_iter().flatten().collect()
}

/// The snapshot of a poll: switching tables, and the ARP pairs as hosts.
pub fn snapshot(
    outcomes: &[DeviceOutcome],
    started: DateTime<Utc>,
    finished: DateTime<Utc>,
    opts: &PollOptions,
) -> Snapshot {
    let ids: Vec<DeviceId> = outcomes
        .iter()
        .map(|o| DeviceId {
            device: o.target.device.clone(),
            name: if o.target.name == o.target.ip.to_string() {
                o.tables
                    .as_ref()
                    .and_then(|t| t.system.name.clone())
                    .unwrap_or_else(|| o.target.name.clone())
            } else {
                o.target.name.clone()
            },
            ip: o.target.ip,
        })
        .collect();
    let read: Vec<(DeviceId, &DeviceTables)> = outcomes
        .iter()
        .zip(&ids)
        .filter_map(|(o, id)| o.tables.as_ref().map(|t| (id.clone(), t)))
        .collect();
    let placed = place::place(&read, opts.place);
    let mut sw = Switching {
        links: placed.links,
        placements: placed.placements,
        ..Switching::default()
    };
    let mut k = 0;
    for (o, id) in outcomes.iter().zip(&ids) {
        let (ports, neighbours) = if o.tables.is_some() {
            let r = (
                placed.ports.get(k).cloned().unwrap_or_default(),
                placed.neighbours.get(k).cloned().unwrap_or_default(),
            );
            k += 1;
            r
        } else {
            (Vec::new(), Vec::new())
        };
        let t = o.tables.as_ref();
        sw.devices.push(PolledDevice {
            device: id.device.clone(),
            name: id.name.clone(),
            ip: id.ip,
            version: o.target.credential.version_name().into(),
            ok: t.is_some(),
            sys_name: t.and_then(|t| t.system.name.clone()),
            sys_descr: t.and_then(|t| t.system.descr.clone()),
            sys_object_id: t.and_then(|t| t.system.object_id.clone()),
            uptime_s: t.and_then(|t| t.system.uptime_s),
            ports,
            neighbours,
            fdb_entries: t.map_or(0, |t| t.fdb.len()),
            arp_entries: t.map_or(0, |t| t.arp.len()),
            requests: o.requests,
        });
        sw.problems.extend(o.problems.iter().cloned());
    }

    // Hosts: every ARP pair, once per IP (further MACs as other_macs).
    let mut by_ip: BTreeMap<IpAddr, Vec<crate::mac::MacAddr>> = BTreeMap::new();
    for t in outcomes.iter().filter_map(|o| o.tables.as_ref()) {
        for (_, ip, mac) in &t.arp {
            let v = by_ip.entry(*ip).or_default();
            if !v.contains(mac) {
                v.push(*mac);
            }
        }
    }
    let hosts = by_ip
        .into_iter()
        .filter_map(|(ip, macs)| {
            let (&mac, rest) = macs.split_first()?;
            let mut flags = Vec::new();
            if mac.is_locally_administered() {
                flags.push(HostFlag::RandomisedMac);
            }
            Some(Host {
                ip,
                mac: Some(mac),
                other_macs: rest.to_vec(),
                vendor: crate::oui::vendor(mac).map(str::to_string),
                hostname: None,
                ports: Vec::new(),
                rtt_ms: None,
                flags,
                external: Vec::new(),
                identify: None,
            })
        })
        .collect();
    let failed = outcomes.iter().any(|o| o.tables.is_none());
    let mut limitations = vec![
        "snmp: hosts are the ARP entries of the polled devices; no host was probed".to_string(),
    ];
    if failed {
        limitations.push("snmp: some devices could not be read (see switching.problems)".into());
    }
    Snapshot {
        format: FORMAT_NAME.into(),
        version: FORMAT_VERSION,
        started,
        finished,
        partial: failed,
        interface: "snmp".into(),
        scanner_ip: None,
        scanner_mac: None,
        default_gateway: None,
        scopes: Vec::new(),
        settings: ScanSettings {
            rate_pps: opts.pace.rate,
            host_rate_pps: opts.pace.rate,
            tcp_ports: Vec::new(),
            udp_ports: Vec::new(),
            outside_probe: None,
            excluded: Vec::new(),
            unprivileged: false,
        },
        hosts,
        limitations,
        source: Source::Snmp,
        imported_from: None,
        details: vec![],
        switching: Some(sw),
    }
}
