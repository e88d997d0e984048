//! `koseizu poll`: reads the ledger's switches, routers and firewalls over
//! SNMP and writes one snapshot (`source: snmp`) into `SITE/scans/`.

use std::net::IpAddr;
use std::process::ExitCode;
use std::time::Duration;

use anyhow::{bail, Context};
use chrono::Utc;
use koseizu::inputs::Scans;
use koseizu::poll::client::Pace;
use koseizu::poll::credentials::Credentials;
use koseizu::poll::{self, DeviceOutcome, PollOptions, Target};
use koseizu::site::DeviceKind;
use koseizu::text::clean::terminal;

use super::PollArgs;

/// One line per device: what was read, or each problem.
fn report(o: &DeviceOutcome, quiet: bool) {
    let who = format!("{} ({})", terminal(&o.target.device), o.target.ip);
    if let Some(t) = &o.tables {
        if !quiet {
            eprintln!(
                "koseizu poll: {who}: {} interfaces, {} MACs, {} neighbours, {} ARP entries, {} requests",
                t.ifs.len(),
                t.fdb.len(),
                t.neighbours.len(),
                t.arp.len(),
                o.requests
            );
        }
    }
    for p in &o.problems {
        eprintln!("koseizu poll: {who}: {}", terminal(&p.message));
    }
}

/// Runs `koseizu poll`.
pub fn run(a: &PollArgs) -> anyhow::Result<ExitCode> {
    let inputs = super::common::load_inputs(&a.site, &Scans::None)?;
    let cred_path = a
        .credentials
        .clone()
        .unwrap_or_else(|| a.site.join("snmp.toml"));
    if !cred_path.exists() {
        bail!(
            "no SNMP credentials: create {} (mode 0600) or give --credentials FILE (see docs/poll.md)",
            cred_path.display()
        );
    }
    let creds = Credentials::load(&cred_path)?;
    for w in &creds.warnings {
        eprintln!("koseizu poll: warning: {}: {w}", cred_path.display());
    }

    // Which devices: those named, else every switch, router and firewall with an IP.
    let mut chosen: Vec<(String, String, IpAddr, bool)> = Vec::new();
    let devices = &inputs.site.devices;
    if a.devices.is_empty() {
        for d in devices {
            if matches!(
                d.kind,
                DeviceKind::Switch | DeviceKind::Router | DeviceKind::Firewall
            ) {
                if let Some(ip) = d.ip {
                    chosen.push((
                        d.id.clone(),
                        d.name.clone(),
                        ip,
                        d.kind == DeviceKind::Switch,
                    ));
                }
            }
        }
        if chosen.is_empty() {
            bail!("the ledger lists no switch, router or firewall with an IP; name devices with --device ID|IP");
        }
    } else {
        for want in &a.devices {
            if let Some(d) = devices.iter().find(|d| d.id == *want) {
                let ip = d.ip.with_context(|| {
                    format!("device {} has no IP in the ledger", terminal(want))
                })?;
                chosen.push((
                    d.id.clone(),
                    d.name.clone(),
                    ip,
                    d.kind == DeviceKind::Switch,
                ));
            } else if let Ok(ip) = want.parse::<IpAddr>() {
                match devices.iter().find(|d| d.ip == Some(ip)) {
                    Some(d) => chosen.push((
                        d.id.clone(),
                        d.name.clone(),
                        ip,
                        d.kind == DeviceKind::Switch,
                    )),
                    None => chosen.push((ip.to_string(), ip.to_string(), ip, true)),
                }
            } else {
                bail!(
                    "--device {}: no ledger device has this id, and it is not an IP",
                    terminal(want)
                );
            }
        }
    }
    chosen.dedup_by(|x, y| x.2 == y.2);

    let mut targets = Vec::new();
    let mut without = 0;
    for (id, name, ip, expect_fdb) in chosen {
        match creds.for_device(Some(&id), ip) {
            Some(c) => targets.push(Target {
                device: id,
                name,
                ip,
                port: a.port,
                credential: c.clone(),
                expect_fdb,
            }),
            None => {
                without += 1;
                eprintln!(
                    "koseizu poll: {} ({ip}): no credentials in {} match it (by id, IP, CIDR or default); not polled",
                    terminal(&id),
                    cred_path.display()
                );
            }
        }
    }
    if targets.is_empty() {
        bail!("no device to poll has credentials");
    }
    let opts = PollOptions {
        pace: Pace {
            rate: a.rate.max(1),
            timeout: Duration::from_millis(a.timeout_ms.max(1)),
            retries: a.retries.min(10),
            max_repetitions: a
                .max_repetitions
                .clamp(1, koseizu::poll::client::MAX_REPETITIONS),
        },
        ..PollOptions::default()
    };
    if !a.quiet {
        eprintln!(
            "koseizu poll: {} device(s), at most {} requests/s each, one at a time",
            targets.len(),
            opts.pace.rate
        );
    }
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .context("starting the async runtime")?;
    let started = Utc::now();
    let quiet = a.quiet;
    let outcomes = runtime.block_on(poll::poll_all(targets, opts, &mut |o| report(o, quiet)));
    let finished = Utc::now();
    let snap = poll::snapshot(&outcomes, started, finished, &opts);
    let path = match &a.output {
        Some(p) => {
            snap.save_new(p)?;
            p.clone()
        }
        None => snap.save_in_site(&a.site)?,
    };
    let read = outcomes.iter().filter(|o| o.tables.is_some()).count();
    if !a.quiet {
        let placed = snap.switching.as_ref().map_or(0, |s| {
            s.placements.iter().filter(|p| !p.uplink_only).count()
        });
        eprintln!(
            "koseizu poll: {read}/{} device(s) read, {placed} MACs placed on edge ports, {} ARP hosts; saved {}",
            outcomes.len(),
            snap.hosts.len(),
            path.display()
        );
    }
    if read == 0 {
        bail!(
            "no device could be read (snapshot saved with the problems: {})",
            path.display()
        );
    }
    Ok(if read < outcomes.len() || without > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}
