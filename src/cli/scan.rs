//! `koseizu scan`: checks everything, opens the raw socket and drops
//! privileges, runs the engine, writes one snapshot.

use std::io::{IsTerminal, Write};
use std::path::Path;
use std::process::ExitCode;
use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::{bail, Context};
use chrono::Utc;
use indicatif::{ProgressBar, ProgressStyle};
use koseizu::scan::config::{Plan, Request};
use koseizu::scan::engine::{self, Phase, Progress, ProgressStats};
use koseizu::scan::link::PnetLink;
use koseizu::scan::probe::NetProber;
use koseizu::scan::{finish, iface, neighbours, privilege};

use super::{IdentifyScope, ScanArgs};

/// Exit status of a scan stopped by Ctrl-C (what shells use for SIGINT).
const EXIT_INTERRUPTED: u8 = 130;

/// Progress bar for a terminal: one bar per phase.
struct BarProgress {
    bar: Option<ProgressBar>,
    phase: Option<Phase>,
}

impl Progress for BarProgress {
    fn update(&mut self, s: &ProgressStats) {
        if self.phase != Some(s.phase) {
            self.phase = Some(s.phase);
            if let Some(old) = self.bar.take() {
                old.finish_and_clear();
            }
            let what = match s.phase {
                Phase::Discovery => "targets",
                Phase::Ports => "port probes",
                Phase::Done => return,
            };
            let style = ProgressStyle::with_template(&format!(
                "{{bar:30}} {{pos}}/{{len}} {what}  {{msg}}"
            ))
            .unwrap_or_else(|_| ProgressStyle::default_bar());
            self.bar = Some(ProgressBar::new(s.total).with_style(style));
        }
        if let Some(bar) = &self.bar {
            bar.set_length(s.total);
            bar.set_position(s.done.min(s.total));
            bar.set_message(format!("{} hosts, {:.0} pps", s.hosts, s.rate_pps));
        }
    }
}

/// Plain progress lines (stderr is not a terminal): one a second.
struct LineProgress {
    last: Option<Instant>,
    phase: Option<Phase>,
}

impl Progress for LineProgress {
    fn update(&mut self, s: &ProgressStats) {
        let changed = self.phase != Some(s.phase);
        if !changed
            && self
                .last
                .is_some_and(|t| t.elapsed() < Duration::from_secs(1))
        {
            return;
        }
        self.phase = Some(s.phase);
        self.last = Some(Instant::now());
        let phase = match s.phase {
            Phase::Discovery => "discovery",
            Phase::Ports => "ports",
            Phase::Done => "done",
        };
        eprintln!(
            "koseizu scan: {phase}: {}/{} probed, {} hosts, {:.0} pps, {} packets",
            s.done, s.total, s.hosts, s.rate_pps, s.packets
        );
    }
}

/// Runs `koseizu scan`.
pub fn run(args: &ScanArgs) -> anyhow::Result<ExitCode> {
    // Stage 1: every check before any packet.
    let request = Request {
        cidrs: args.cidrs.clone(),
        rate: args.rate,
        host_rate: args.host_rate,
        ports: args.ports.clone(),
        outside_probe: args.outside_probe,
        excludes: args.excludes.clone(),
        allow_public: args.allow_public,
        max_targets: args.max_targets,
        unprivileged: args.unprivileged,
    };
    let info = iface::interface_info(&args.iface)?;
    let plan = Plan::build(&request, info)?;
    let to_stdout = match (&args.site, &args.output) {
        (None, None) => true,
        (None, Some(p)) if p.as_os_str() == "-" => true,
        (None, Some(p)) => {
            if p.exists() {
                bail!(
                    "{}: already exists; snapshots are never overwritten",
                    p.display()
                );
            }
            false
        }
        (Some(site), _) => {
            if !site.is_dir() {
                bail!("--site {}: not a directory", site.display());
            }
            false
        }
    };

    // Stage 2: open the raw socket, then drop every capability, before any
    // thread exists.
    let channel = if plan.unprivileged {
        let _ = privilege::drop_all();
        None
    } else {
        Some(privilege::open_then_drop(&plan.iface.name)?)
    };
    let mut link = channel.map(PnetLink::start);

    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .context("starting the async runtime")?;
    let started = Utc::now();
    let mut progress: Box<dyn Progress> = if args.quiet {
        Box::new(engine::NoProgress)
    } else if std::io::stderr().is_terminal() {
        Box::new(BarProgress {
            bar: None,
            phase: None,
        })
    } else {
        Box::new(LineProgress {
            last: None,
            phase: None,
        })
    };
    let prober = Arc::new(NetProber::new(
        plan.timing.connect_timeout,
        plan.timing.udp_timeout,
    ));
    let result = runtime.block_on(async {
        let (stop_tx, stop_rx) = tokio::sync::watch::channel(false);
        // Ctrl-C (SIGINT) or SIGTERM: stop sending, keep what was found.
        // Registered here, before the first packet: a task's first poll
        // waits for the engine's first pause, and a signal before it would
        // kill the process with nothing written.
        use tokio::signal::unix::{signal, SignalKind};
        let mut int = signal(SignalKind::interrupt()).context("listening for Ctrl-C")?;
        let mut term = signal(SignalKind::terminate()).context("listening for SIGTERM")?;
        tokio::spawn(async move {
            tokio::select! {
                _ = int.recv() => {}
                _ = term.recv() => {}
            }
            eprintln!("koseizu scan: stopping; writing what was found (partial)");
            let _ = stop_tx.send(true);
        });
        let iface_name = plan.iface.name.clone();
        let neighbours = move || neighbours::read(&iface_name);
        anyhow::Ok(
            engine::run_keeping_limiter(
                &plan,
                link.as_mut(),
                prober,
                &neighbours,
                progress.as_mut(),
                stop_rx,
            )
            .await,
        )
    })?;
    drop(link);
    let (mut result, scan_limiter) = result;
    if args.identify == IdentifyScope::WaysOut && !result.partial {
        // With --site, the perimeter devices its records declare too.
        let perimeter = match &args.site {
            Some(dir) => match koseizu::site::load(dir) {
                Ok(l) => koseizu::identify::ways_out::perimeter_addresses(&l.site, &result.hosts),
                Err(e) => {
                    result.limitations.push(format!(
                        "identification: the site's records could not be read ({e}); only hosts with external-facing evidence were identified"
                    ));
                    Vec::new()
                }
            },
            None => Vec::new(),
        };
        let targets = koseizu::scan::identify::targets_of(
            &result.hosts,
            &perimeter,
            &koseizu::scan::identify::added_tls_ports(&plan.ports.tcp),
        );
        if !targets.is_empty() && plan.host_rate_pps < koseizu::scan::identify::MAX_STEP_COST {
            result.limitations.push(format!(
                "no identification of the ways out: --host-rate {} is below the {} packets of one identification step",
                plan.host_rate_pps,
                koseizu::scan::identify::MAX_STEP_COST
            ));
        } else if !targets.is_empty() {
            if !args.quiet {
                eprintln!("koseizu scan: identifying {} ways out", targets.len());
            }
            let markers = koseizu::identify::Signatures::bundled()
                .map(|s| s.markers().into_iter().map(str::to_string).collect())
                .unwrap_or_default();
            // The scan's limiter goes on: every packet it sent still
            // counts, so identification starts at once under the same caps.
            let limiter = std::sync::Arc::new(std::sync::Mutex::new(
                scan_limiter.with_max_cost(koseizu::scan::identify::MAX_STEP_COST),
            ));
            let seen = runtime.block_on(koseizu::scan::identify::identify(
                targets,
                limiter,
                markers,
                koseizu::scan::identify::Timeouts::default(),
                32,
            ));
            for (ip, obs) in seen {
                if let Some(h) = result
                    .hosts
                    .iter_mut()
                    .find(|h| h.ip == std::net::IpAddr::V4(ip))
                {
                    h.identify = Some(obs);
                }
            }
        }
    }
    let finished = Utc::now();

    let snapshot = finish::snapshot(&plan, started, finished, result);
    let written = if to_stdout {
        let mut out = std::io::stdout().lock();
        snapshot.write_to(&mut out)?;
        out.flush()?;
        None
    } else if let Some(site) = &args.site {
        Some(snapshot.save_in_site(site)?)
    } else {
        let path = args.output.as_deref().unwrap_or(Path::new("-"));
        snapshot.save_new(path)?;
        Some(path.to_path_buf())
    };
    let external = snapshot
        .hosts
        .iter()
        .filter(|h| koseizu::inventory::evidence::shows_way_out(&h.external))
        .count();
    let summary = format!(
        "{} hosts, {} external-facing{}{}",
        snapshot.hosts.len(),
        external,
        if snapshot.partial {
            " (partial: stopped early)"
        } else {
            ""
        },
        match &written {
            Some(p) => format!("; written to {}", p.display()),
            None => String::new(),
        }
    );
    if to_stdout {
        eprintln!("koseizu scan: {summary}");
    } else {
        println!("{summary}");
    }
    for l in &snapshot.limitations {
        eprintln!("koseizu scan: note: {l}");
    }
    Ok(if snapshot.partial {
        ExitCode::from(EXIT_INTERRUPTED)
    } else {
        ExitCode::SUCCESS
    })
}
