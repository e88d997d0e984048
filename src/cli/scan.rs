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
use koseizu::scan::config::{ConfigError, Plan, Request};
use koseizu::scan::engine::{self, Phase, Progress, ProgressStats};
use koseizu::scan::link::PnetLink;
use koseizu::scan::probe::NetProber;
use koseizu::scan::{finish, iface, neighbours, privilege};

use koseizu::site::Lang;
use koseizu::text::Word;

use super::{IdentifyScope, ScanArgs};

/// Exit status of a scan stopped by Ctrl-C (what shells use for SIGINT).
const EXIT_INTERRUPTED: u8 = 130;

/// Progress bar for a terminal: one bar per phase.
struct BarProgress {
    bar: Option<ProgressBar>,
    phase: Option<Phase>,
    lang: Lang,
}

impl Progress for BarProgress {
    fn update(&mut self, s: &ProgressStats) {
        if self.phase != Some(s.phase) {
            self.phase = Some(s.phase);
            if let Some(old) = self.bar.take() {
                old.finish_and_clear();
            }
            let what = match s.phase {
                Phase::Discovery => Word::ScanPhaseTargets.get(self.lang),
                Phase::Ports => Word::ScanPhasePorts.get(self.lang),
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
            bar.set_message(
                Word::ScanBarMessage.fill(self.lang, &[&s.hosts, &format!("{:.0}", s.rate_pps)]),
            );
        }
    }
}

/// Plain progress lines (stderr is not a terminal): one a second.
struct LineProgress {
    last: Option<Instant>,
    phase: Option<Phase>,
    lang: Lang,
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
            Phase::Discovery => Word::ScanPhaseDiscovery,
            Phase::Ports => Word::ScanPhasePortsLine,
            Phase::Done => Word::ScanPhaseDone,
        }
        .get(self.lang);
        eprintln!("{}", progress_line(self.lang, phase, s));
    }
}

/// One plain progress line in `lang`.
fn progress_line(lang: Lang, phase: &str, s: &ProgressStats) -> String {
    Word::ScanProgressLine.fill(
        lang,
        &[
            &phase,
            &s.done,
            &s.total,
            &s.hosts,
            &format!("{:.0}", s.rate_pps),
            &s.packets,
        ],
    )
}

/// A limitation of the scan (kept in English in the snapshot) said in
/// `lang`: the engine's known ones translated, any other as it is.
fn note_in(lang: Lang, note: &str) -> String {
    const KNOWN: &[Word] = &[
        Word::ScanNoteRoutedExcludes,
        Word::ScanNoteNoGatewayMac,
        Word::ScanNoteGatewayExcluded,
    ];
    let said = if let Some(w) = KNOWN.iter().find(|w| w.en() == note) {
        w.get(lang).to_owned()
    } else if let Some(cause) = note.strip_prefix("some frames could not be sent: ") {
        Word::ScanNoteSendError.fill(lang, &[&cause])
    } else {
        note.to_owned()
    };
    Word::ScanNote.fill(lang, &[&said])
}

/// The closing summary of a scan in `lang`.
fn summary(
    lang: Lang,
    hosts: usize,
    external: usize,
    partial: bool,
    written: Option<&Path>,
) -> String {
    let mut s = Word::ScanSummary.fill(lang, &[&hosts, &external]);
    if partial {
        s.push_str(Word::ScanSummaryPartial.get(lang));
    }
    if let Some(p) = written {
        s.push_str(&Word::ScanSummaryWritten.fill(lang, &[&p.display()]));
    }
    s
}

/// Why the command line cannot become a scan, said in `lang` (English: the
/// library's own text).
fn config_error(e: ConfigError, lang: Lang) -> anyhow::Error {
    if lang == Lang::En {
        return e.into();
    }
    // A reason the library gives as text, said in `lang` when it is one of
    // the known ones (else as it is).
    let why = |why: &str| -> String {
        const FIXED: &[Word] = &[
            Word::ScanErrNeverScanned,
            Word::ScanErrNotPrivate,
            Word::ScanErrProbeV4,
            Word::ScanErrProbeOutside,
            Word::ScanErrNoIpv4,
            Word::ScanErrNoMac,
            Word::ScanErrIsDown,
        ];
        if let Some(w) = FIXED.iter().find(|w| w.en() == why) {
            w.get(lang).to_owned()
        } else if let Some(other) = why
            .strip_prefix("overlaps ")
            .and_then(|r| r.strip_suffix("; give each network once"))
        {
            Word::ScanErrOverlaps.fill(lang, &[&other])
        } else if let Some(names) = why
            .strip_prefix("no such interface (there are: ")
            .and_then(|r| r.strip_suffix(')'))
        {
            Word::ScanErrNoSuchIface.fill(lang, &[&names])
        } else {
            why.to_owned()
        }
    };
    let said = match e {
        ConfigError::Ports { value, why } => Word::ScanErrPorts.fill(lang, &[&value, &why]),
        ConfigError::Exclude(v) => Word::ScanErrExclude.fill(lang, &[&v]),
        ConfigError::Scope { scope, why: w } => Word::ScanErrScope.fill(lang, &[&scope, &why(&w)]),
        ConfigError::TooManyTargets { count, limit } => {
            Word::ScanErrTooMany.fill(lang, &[&count, &limit])
        }
        ConfigError::Rate {
            flag,
            value,
            why: w,
        } => {
            // "must be MIN to --rate (RATE)…" for --host-rate.
            let host = w.strip_prefix("must be ").and_then(|r| {
                let (min, rest) = r.split_once(" to --rate (")?;
                let (rate, _) = rest.split_once(')')?;
                Some((min.to_owned(), rate.to_owned()))
            });
            match host {
                Some((min, rate)) if flag == "--host-rate" => {
                    Word::ScanErrHostRate.fill(lang, &[&value, &min, &rate])
                }
                _ => {
                    Word::ScanErrRate.fill(lang, &[&flag, &value, &koseizu::scan::config::MAX_RATE])
                }
            }
        }
        ConfigError::OutsideProbe(ip, w) => Word::ScanErrOutsideProbe.fill(lang, &[&ip, &why(&w)]),
        ConfigError::Interface(name, w) => Word::ScanErrInterface.fill(lang, &[&name, &why(&w)]),
        ConfigError::ExcludeNeedsLayer2(v) => Word::ScanErrExcludeLayer2.fill(lang, &[&v]),
        ConfigError::NothingToProbe => Word::ScanErrNothingToProbe.get(lang).to_owned(),
    };
    anyhow::anyhow!(said)
}

/// Runs `koseizu scan`.
pub fn run(args: &ScanArgs) -> anyhow::Result<ExitCode> {
    let lang = super::common::message_lang(args.lang, args.site.as_deref());
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
    let info = iface::interface_info(&args.iface).map_err(|e| config_error(e, lang))?;
    let plan = Plan::build(&request, info).map_err(|e| config_error(e, lang))?;
    let to_stdout = match (&args.site, &args.output) {
        (None, None) => true,
        (None, Some(p)) if p.as_os_str() == "-" => true,
        (None, Some(p)) => {
            if p.exists() {
                bail!(Word::ScanExists.fill(lang, &[&p.display()]));
            }
            false
        }
        (Some(site), _) => {
            if !site.is_dir() {
                bail!(Word::ScanSiteNotDir.fill(lang, &[&site.display()]));
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
            lang,
        })
    } else {
        Box::new(LineProgress {
            last: None,
            phase: None,
            lang,
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
            eprintln!("{}", Word::ScanStopping.get(lang));
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
    // Notes this function adds: (as kept in the snapshot, as said to the user).
    let mut own_notes: Vec<(String, String)> = Vec::new();
    if args.identify == IdentifyScope::WaysOut && !result.partial {
        // With --site, the perimeter devices its records declare too.
        let perimeter = match &args.site {
            Some(dir) => match koseizu::site::load(dir) {
                Ok(l) => koseizu::identify::ways_out::perimeter_addresses(&l.site, &result.hosts),
                Err(e) => {
                    let w = Word::ScanRecordsUnreadable;
                    own_notes.push((w.fill(Lang::En, &[&e]), w.fill(lang, &[&e])));
                    result.limitations.push(w.fill(Lang::En, &[&e]));
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
            let values: [&dyn std::fmt::Display; 2] =
                [&plan.host_rate_pps, &koseizu::scan::identify::MAX_STEP_COST];
            let w = Word::ScanHostRateTooLow;
            own_notes.push((w.fill(Lang::En, &values), w.fill(lang, &values)));
            result.limitations.push(w.fill(Lang::En, &values));
        } else if !targets.is_empty() {
            if !args.quiet {
                eprintln!("{}", Word::ScanIdentifying.fill(lang, &[&targets.len()]));
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
    let summary = summary(
        lang,
        snapshot.hosts.len(),
        external,
        snapshot.partial,
        written.as_deref(),
    );
    if to_stdout {
        eprintln!("koseizu scan: {summary}");
    } else {
        println!("{summary}");
    }
    for l in &snapshot.limitations {
        match own_notes.iter().find(|(en, _)| en == l) {
            Some((_, said)) => eprintln!("{}", Word::ScanNote.fill(lang, &[said])),
            None => eprintln!("{}", note_in(lang, l)),
        }
    }
    Ok(if snapshot.partial {
        ExitCode::from(EXIT_INTERRUPTED)
    } else {
        ExitCode::SUCCESS
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn progress_and_summary_are_said_in_either_language() {
        let s = ProgressStats {
            phase: Phase::Ports,
            done: 120,
            total: 400,
            hosts: 7,
            rate_pps: 812.4,
            packets: 3050,
        };
        assert_eq!(
            progress_line(Lang::Ja, Word::ScanPhasePortsLine.get(Lang::Ja), &s),
            "koseizu scan: ポートの確認: 120/400 件確認、見つかった機器 7台、812 パケット/秒、送信 3050 パケット"
        );
        assert_eq!(
            progress_line(Lang::En, Word::ScanPhasePortsLine.get(Lang::En), &s),
            "koseizu scan: ports: 120/400 probed, 7 hosts, 812 pps, 3050 packets"
        );
        let out = Path::new("site/scans/x.json");
        assert_eq!(
            summary(Lang::Ja, 12, 2, true, Some(out)),
            "見つかった機器 12台、うち院外への経路がある機器 2台（途中で中止したため一部のみ）。site/scans/x.json に保存しました"
        );
        assert_eq!(
            summary(Lang::En, 12, 2, true, Some(out)),
            "12 hosts, 2 external-facing (partial: stopped early); written to site/scans/x.json"
        );
        assert_eq!(
            summary(Lang::Ja, 1, 0, false, None),
            "見つかった機器 1台、うち院外への経路がある機器 0台"
        );
    }

    #[test]
    fn the_engines_notes_are_translated_and_unknown_ones_kept() {
        assert_eq!(
            note_in(Lang::Ja, Word::ScanNoteNoGatewayMac.en()),
            format!("koseizu scan: 注意: {}", Word::ScanNoteNoGatewayMac.ja())
        );
        assert_eq!(
            note_in(
                Lang::Ja,
                "some frames could not be sent: No buffer space available"
            ),
            "koseizu scan: 注意: 一部のフレームを送信できませんでした: No buffer space available"
        );
        assert_eq!(
            note_in(Lang::Ja, "no gateway probe"),
            "koseizu scan: 注意: no gateway probe"
        );
        assert_eq!(
            note_in(Lang::En, Word::ScanNoteGatewayExcluded.en()),
            format!("koseizu scan: note: {}", Word::ScanNoteGatewayExcluded.en())
        );
    }

    #[test]
    fn the_engines_note_texts_are_the_ones_translated() {
        // The engine writes its notes in English; the table must hold them
        // word for word or they would be shown untranslated.
        let engine = include_str!("../scan/engine.rs");
        let engine: String = engine.split_whitespace().collect::<Vec<_>>().join(" ");
        for w in [
            Word::ScanNoteRoutedExcludes,
            Word::ScanNoteNoGatewayMac,
            Word::ScanNoteGatewayExcluded,
        ] {
            assert!(engine.contains(w.en()), "{w:?}");
        }
        let config = include_str!("../scan/config.rs");
        for w in [
            Word::ScanErrNeverScanned,
            Word::ScanErrNotPrivate,
            Word::ScanErrProbeV4,
            Word::ScanErrProbeOutside,
            Word::ScanErrNoIpv4,
            Word::ScanErrNoMac,
        ] {
            assert!(config.contains(w.en()), "{w:?}");
        }
    }
}
