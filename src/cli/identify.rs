//! `koseizu identify`: identifies the latest snapshot's ways out (or the
//! `--device`s given) with the safe probes, and reports each one's make,
//! product and firmware against the known-exploited advisories.

use std::io::{self, BufWriter, Write};
use std::net::{IpAddr, Ipv4Addr};
use std::process::ExitCode;

use anyhow::{bail, Context};
use koseizu::identify::report::{self, TableDates};
use koseizu::identify::{ways_out, Advisories, Signatures};
use koseizu::inputs::{Inputs, Scans};
use koseizu::scan::config::{parse_exclude, Exclude, PRIVATE_RANGES};
use koseizu::scan::identify::{self as probe, Target};
use koseizu::snapshot::{Host, HostFlag, Snapshot};
use koseizu::text::Word;

use super::common::{lang, load_inputs};
use super::{IdentifyArgs, ReportFormat};

fn private(ip: Ipv4Addr) -> bool {
    PRIVATE_RANGES
        .iter()
        .any(|(net, len)| ipnetwork::Ipv4Network::new(*net, *len).is_ok_and(|n| n.contains(ip)))
}

/// Runs `koseizu identify`.
pub fn run(args: &IdentifyArgs) -> anyhow::Result<ExitCode> {
    let Inputs { site, scans } = load_inputs(&args.site, &Scans::given_or_latest(&args.scans))?;
    let mut snaps = scans.snapshots;
    let lang = lang(args.lang, &site);
    let signatures = Signatures::bundled().context("the bundled signature table")?;
    let advisories = match &args.advisories {
        Some(p) => {
            let text = std::fs::read_to_string(p)
                .with_context(|| Word::MsgCannotRead.fill(lang, &[&p.display()]))?;
            Advisories::parse(&text).with_context(|| p.display().to_string())?
        }
        None => Advisories::bundled().context("the bundled advisory table")?,
    };
    let today = chrono::Local::now().date_naive();
    let mut checks = ways_out(&site, &snaps, &signatures, &advisories, today);
    if !args.devices.is_empty() {
        for d in &args.devices {
            let known = checks.iter().any(|c| {
                c.device.as_deref() == Some(d.as_str())
                    || c.ip.is_some_and(|ip| ip.to_string() == *d)
            });
            if !known {
                bail!("--device {d}: not a way out of this site (a line's or circuit's device, a router, firewall or VPN device, or an external-facing host)");
            }
        }
        checks.retain(|c| {
            args.devices.iter().any(|d| {
                c.device.as_deref() == Some(d.as_str())
                    || c.ip.is_some_and(|ip| ip.to_string() == *d)
            })
        });
    }

    if !args.no_probe {
        let mut excludes: Vec<Exclude> = Vec::new();
        for e in args
            .excludes
            .iter()
            .chain(snaps.iter().flat_map(|s| &s.settings.excluded))
        {
            excludes.push(parse_exclude(e).with_context(|| format!("--exclude {e}"))?);
        }
        let hosts: Vec<&Host> = snaps.iter().flat_map(|s| &s.hosts).collect();
        let mut targets: Vec<Target> = Vec::new();
        for c in &checks {
            let Some(IpAddr::V4(ip)) = c.ip else { continue };
            if !args.allow_public && !private(ip) {
                bail!("{ip}: not a private address; koseizu identifies only inside the hospital (--allow-public to override)");
            }
            let seen: Vec<&&Host> = hosts.iter().filter(|h| h.ip == IpAddr::V4(ip)).collect();
            let mac = seen.iter().find_map(|h| h.mac);
            let vendor = seen.iter().find_map(|h| h.vendor.as_deref());
            if seen.iter().any(|h| h.flags.contains(&HostFlag::Excluded))
                || excludes.iter().any(|e| e.matches(ip, mac, vendor))
            {
                continue;
            }
            let t = if seen.is_empty() {
                // Declared but never scanned: every identification port.
                probe::target_of(
                    ip,
                    probe::TLS_PORTS
                        .iter()
                        .chain(probe::HTTP_PORTS)
                        .chain(std::iter::once(&probe::SSH_PORT))
                        .map(|p| (koseizu::snapshot::Proto::Tcp, *p))
                        .chain(std::iter::once((
                            koseizu::snapshot::Proto::Udp,
                            probe::IKE_PORT,
                        ))),
                    &[],
                )
            } else {
                let tcp: Vec<u16> = snaps
                    .iter()
                    .flat_map(|s| s.settings.tcp_ports.iter().copied())
                    .collect();
                probe::target_of(
                    ip,
                    seen.iter()
                        .flat_map(|h| h.ports.iter().map(|p| (p.proto, p.port))),
                    &probe::added_tls_ports(&tcp),
                )
            };
            if (!t.tcp.is_empty() || t.ike) && !targets.iter().any(|x| x.ip == ip) {
                targets.push(t);
            }
        }
        if args.host_rate < probe::MAX_STEP_COST {
            bail!(
                "--host-rate {}: one identification step can cost {} packets; give at least that",
                args.host_rate,
                probe::MAX_STEP_COST
            );
        }
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .context("starting the async runtime")?;
        let markers: Vec<String> = signatures
            .markers()
            .into_iter()
            .map(str::to_string)
            .collect();
        let lim = probe::limiter(args.rate, args.host_rate);
        let seen = runtime.block_on(probe::identify(
            targets,
            lim,
            markers,
            probe::Timeouts::default(),
            32,
        ));
        // Each observation goes to the newest snapshot's host of that
        // address (a host entry is made in the latest snapshot if none).
        let latest = snaps
            .iter()
            .enumerate()
            .max_by_key(|(_, s)| s.started)
            .map(|(i, _)| i);
        for (ip, obs) in seen {
            let ip = IpAddr::V4(ip);
            let at = snaps
                .iter()
                .enumerate()
                .filter(|(_, s)| s.hosts.iter().any(|h| h.ip == ip))
                .max_by_key(|(_, s)| s.started)
                .map(|(i, _)| i)
                .or(latest);
            let Some(i) = at else { continue };
            let s = &mut snaps[i];
            match s.hosts.iter_mut().find(|h| h.ip == ip) {
                Some(h) => h.identify = Some(obs),
                None => {
                    s.hosts.push(Host {
                        ip,
                        mac: None,
                        other_macs: Vec::new(),
                        vendor: None,
                        hostname: None,
                        ports: Vec::new(),
                        rtt_ms: None,
                        flags: vec![HostFlag::NoMac],
                        external: Vec::new(),
                        identify: Some(obs),
                    });
                    s.hosts.sort_by_key(|h| h.ip);
                }
            }
        }
        let keep: Vec<(Option<String>, Option<IpAddr>)> =
            checks.iter().map(|c| (c.device.clone(), c.ip)).collect();
        checks = ways_out(&site, &snaps, &signatures, &advisories, today);
        checks.retain(|c| keep.contains(&(c.device.clone(), c.ip)));
        if args.save {
            let Some(i) = latest else {
                bail!("--save: no snapshot to start from");
            };
            let mut s: Snapshot = snaps[i].clone();
            let now = chrono::Utc::now();
            s.limitations.push(format!(
                "identification only, {}: the hosts are those of the scan started {}",
                now.format("%Y-%m-%dT%H:%M:%SZ"),
                snaps[i].started.format("%Y-%m-%dT%H:%M:%SZ")
            ));
            s.started = now;
            s.finished = now;
            let p = s.save_in_site(&args.site)?;
            eprintln!("koseizu identify: written to {}", p.display());
        }
    }

    let dates = TableDates {
        signatures: signatures.date,
        advisories: advisories.date,
    };
    let mut out = BufWriter::new(io::stdout().lock());
    match args.format {
        ReportFormat::Text => report::write_text(&checks, dates, lang, &mut out)?,
        ReportFormat::Json => report::write_json(&checks, dates, &mut out)?,
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}
