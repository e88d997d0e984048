//! Builds the namespace test LAN of tests/testbed for benches/scan_bench.sh
//! and keeps it up while the script runs tools in the scanner namespace.
//!
//! ```text
//! testbed_lan --cidr 198.18.0.0/22 --hosts 1000 --routers 2 [--loss PCT] [--flood-arp]
//! ```
//! Prints `ready NS IFACE SCANNER_IP SETUP_SECONDS`, then answers commands
//! read from stdin, one per line, until `quit` or end of input, when every
//! namespace is deleted:
//! - `loss PCT`: change the switch's frame loss;
//! - `capture`: start counting what the scanner sends;
//! - `traffic`: stop counting; prints `traffic FRAMES SECONDS MAX_PER_S BUSIEST_HOST MAX_PER_HOST_S`;
//! - `score FILE`: FILE has `IP [MAC]` lines found by some tool; prints
//!   `score LIVE FOUND MAC_OK MAC_WRONG NO_MAC PHANTOM`;
//! - `score-snapshot FILE`: the same for a koseizu snapshot, plus the
//!   number of hosts with gateway-probe evidence and how many are routers.
//!
//! Needs root. Sends nothing itself: it only builds the LAN.
#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a failed unwrap is a failed test

#[path = "../tests/testbed/mod.rs"]
mod testbed;

use std::collections::BTreeMap;
use std::io::{self, BufRead, Write};
use std::net::{IpAddr, Ipv4Addr};
use std::process::ExitCode;

use anyhow::{bail, Context, Result};
use koseizu::mac::MacAddr;
use koseizu::snapshot::{ExternalEvidence, Snapshot};
use testbed::{Lan, Role};

fn main() -> ExitCode {
    // Ctrl-C reaches the whole process group of the bench script, this
    // program included: delete the namespaces by name before going, as a
    // dropped `Lan` would, instead of dying with them still there.
    if let Err(e) = clean_up_on_signal() {
        eprintln!("testbed_lan: {e:#}");
        return ExitCode::from(2);
    }
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("testbed_lan: {e:#}");
            ExitCode::from(2)
        }
    }
}

/// Starts a thread that, on SIGINT, SIGTERM or SIGHUP, deletes this
/// process's namespaces and exits 130; returns once it is listening.
fn clean_up_on_signal() -> Result<()> {
    use tokio::signal::unix::{signal, SignalKind};
    let (ready_tx, ready_rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let runtime = match tokio::runtime::Builder::new_current_thread()
            .enable_io()
            .build()
        {
            Ok(r) => r,
            Err(e) => return ready_tx.send(Err(anyhow::Error::from(e))),
        };
        runtime.block_on(async move {
            let streams = (|| {
                Ok::<_, std::io::Error>((
                    signal(SignalKind::interrupt())?,
                    signal(SignalKind::terminate())?,
                    signal(SignalKind::hangup())?,
                ))
            })();
            let (mut int, mut term, mut hup) = match streams {
                Ok(s) => s,
                Err(e) => return ready_tx.send(Err(e.into())),
            };
            let _ = ready_tx.send(Ok(()));
            tokio::select! {
                _ = int.recv() => {}
                _ = term.recv() => {}
                _ = hup.recv() => {}
            }
            testbed::delete_own_namespaces();
            std::process::exit(130);
        })
    });
    ready_rx
        .recv()
        .context("signal thread ended before listening")?
        .context("listening for signals")
}

fn run() -> Result<()> {
    let mut builder = Lan::builder();
    let mut args = std::env::args().skip(1);
    while let Some(flag) = args.next() {
        let mut value = || args.next().with_context(|| format!("{flag} needs a value"));
        builder = match flag.as_str() {
            "--cidr" => builder.cidr(&value()?),
            "--hosts" => builder.hosts(value()?.parse()?),
            "--routers" => builder.routers(value()?.parse()?),
            "--services" => builder.services(value()?.parse()?),
            "--loss" => builder.loss(value()?.parse()?),
            "--flood-arp" => builder.flood_arp(true),
            other => bail!("unknown argument {other}"),
        };
    }
    let mut lan = builder.build()?;
    let mut out = io::stdout().lock();
    writeln!(
        out,
        "ready {} {} {} {:.2}",
        lan.scanner_ns,
        lan.iface,
        lan.scanner_ip,
        lan.setup_time.as_secs_f64()
    )?;
    out.flush()?;
    let mut capture = None;
    for line in io::stdin().lock().lines() {
        let line = line?;
        let (cmd, arg) = line.split_once(' ').unwrap_or((line.as_str(), ""));
        let reply = match cmd {
            "quit" => break,
            "loss" => {
                lan.set_loss(arg.parse().context("loss PCT")?)?;
                "ok".to_string()
            }
            "capture" => {
                capture = Some(lan.capture_scanner()?);
                "ok".to_string()
            }
            "traffic" => {
                let frames = capture.take().context("no capture running")?.finish()?;
                let r = lan.traffic(&frames);
                let (busiest, per_host) = r
                    .busiest_target()
                    .map(|(ip, n)| (ip.to_string(), n))
                    .unwrap_or(("-".into(), 0));
                format!(
                    "traffic {} {:.2} {} {busiest} {per_host}",
                    r.total, r.duration, r.max_per_second
                )
            }
            "score" => {
                let text = std::fs::read_to_string(arg).with_context(|| arg.to_string())?;
                let mut found: BTreeMap<Ipv4Addr, Option<MacAddr>> = BTreeMap::new();
                for l in text.lines() {
                    let mut words = l.split_whitespace();
                    let Some(ip) = words.next().and_then(|w| w.parse().ok()) else {
                        continue;
                    };
                    let mac = words.next().and_then(|w| w.parse().ok());
                    found.insert(ip, mac);
                }
                score(&lan, &found)
            }
            "score-snapshot" => {
                let snap = Snapshot::read(arg.as_ref())?;
                let mut found = BTreeMap::new();
                let mut probed = Vec::new();
                for h in &snap.hosts {
                    if let IpAddr::V4(ip) = h.ip {
                        found.insert(ip, h.mac);
                        if h.external
                            .iter()
                            .any(|e| matches!(e, ExternalEvidence::GatewayProbe { .. }))
                        {
                            probed.push(ip);
                        }
                    }
                }
                let routers_probed = probed
                    .iter()
                    .filter(|ip| lan.node(**ip).is_some_and(|n| n.role == Role::Router))
                    .count();
                format!(
                    "{} {} {routers_probed} {}",
                    score(&lan, &found),
                    probed.len(),
                    lan.routers().count()
                )
            }
            other => format!("error unknown command {other:?}"),
        };
        writeln!(out, "{reply}")?;
        out.flush()?;
    }
    Ok(())
}

/// `score LIVE FOUND MAC_OK MAC_WRONG NO_MAC PHANTOM`, leaving out the scanner's own address.
fn score(lan: &Lan, found: &BTreeMap<Ipv4Addr, Option<MacAddr>>) -> String {
    let (mut hit, mut mac_ok, mut mac_wrong, mut no_mac, mut phantom) = (0, 0, 0, 0, 0);
    for (ip, mac) in found {
        if *ip == lan.scanner_ip {
            continue;
        }
        match lan.node(*ip) {
            None => phantom += 1,
            Some(node) => {
                hit += 1;
                match mac {
                    Some(m) if *m == node.mac => mac_ok += 1,
                    Some(_) => mac_wrong += 1,
                    None => no_mac += 1,
                }
            }
        }
    }
    format!(
        "score {} {hit} {mac_ok} {mac_wrong} {no_mac} {phantom}",
        lan.nodes.len()
    )
}
