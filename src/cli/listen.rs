//! `koseizu listen`: opens the interface for capture and drops privileges,
//! listens (sending nothing) until `--duration` ends or Ctrl-C, writes one
//! snapshot.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;

use anyhow::{bail, Context};
use koseizu::capture::{self, Ended, PcapWriter, Progress};
use koseizu::import::pcap::Stats;
use koseizu::import::MAX_HOSTS;
use koseizu::site::Lang;
use koseizu::text::Word;

use super::ListenArgs;

/// Exit status of a capture stopped by Ctrl-C (what shells use for SIGINT).
const EXIT_INTERRUPTED: u8 = 130;

/// `30m`, `45s`, `2h`, `1d`, or plain seconds.
pub fn parse_duration(s: &str) -> Result<Duration, String> {
    let s = s.trim();
    let (num, unit) = match s.find(|c: char| !c.is_ascii_digit()) {
        Some(i) => s.split_at(i),
        None => (s, "s"),
    };
    let n: u64 = num
        .parse()
        .map_err(|_| format!("{s:?}: expected a number with s, m, h or d"))?;
    let secs = match unit {
        "s" => n,
        "m" => n.saturating_mul(60),
        "h" => n.saturating_mul(3600),
        "d" => n.saturating_mul(86_400),
        _ => return Err(format!("{s:?}: unit must be s, m, h or d")),
    };
    if secs == 0 {
        return Err("the duration must be at least one second".into());
    }
    Ok(Duration::from_secs(secs))
}

/// Progress lines in the user's language.
struct LineProgress {
    lang: Lang,
}

impl Progress for LineProgress {
    fn update(&mut self, s: &Stats, hosts: usize) {
        eprintln!(
            "{}",
            Word::ListenProgress.fill(self.lang, &[&s.frames, &s.bytes, &hosts, &s.kernel_drops])
        );
    }

    fn table_full(&mut self) {
        eprintln!("{}", Word::ListenTableFull.fill(self.lang, &[&MAX_HOSTS]));
    }
}

/// Runs `koseizu listen`.
pub fn run(args: &ListenArgs) -> anyhow::Result<ExitCode> {
    let lang = super::common::message_lang(args.lang, args.site.as_deref());
    let to_stdout = match (&args.site, &args.output) {
        (Some(site), _) => {
            if !site.is_dir() {
                bail!(Word::ScanSiteNotDir.fill(lang, &[&site.display()]));
            }
            false
        }
        (None, Some(p)) if p.as_os_str() == "-" => true,
        (None, Some(p)) => {
            if p.exists() {
                bail!(Word::ScanExists.fill(lang, &[&p.display()]));
            }
            false
        }
        (None, None) => true,
    };
    let mut pcap = match &args.write_pcap {
        Some(p) => Some(
            PcapWriter::create(p)
                .with_context(|| Word::ListenWritePcap.fill(lang, &[&p.display()]))?,
        ),
        None => None,
    };
    // Open the socket, then drop every capability, before any thread exists.
    let mut listener = capture::open_then_drop(&args.iface)?;

    let stop = Arc::new(AtomicBool::new(false));
    {
        let stop = Arc::clone(&stop);
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .context("starting the signal handler")?;
        // Registered before the first frame is read: a signal before it
        // would otherwise kill the process with nothing written.
        let (mut int, mut term) = runtime.block_on(async {
            use tokio::signal::unix::{signal, SignalKind};
            anyhow::Ok((
                signal(SignalKind::interrupt()).context("listening for Ctrl-C")?,
                signal(SignalKind::terminate()).context("listening for SIGTERM")?,
            ))
        })?;
        std::thread::spawn(move || {
            runtime.block_on(async {
                tokio::select! {
                    _ = int.recv() => {}
                    _ = term.recv() => {}
                }
            });
            eprintln!("{}", Word::ListenStopping.get(lang));
            stop.store(true, Ordering::Relaxed);
        });
    }
    let mut progress: Box<dyn Progress> = if args.quiet {
        Box::new(capture::NoProgress)
    } else {
        Box::new(LineProgress { lang })
    };
    let (snapshot, ended) = capture::run(
        &mut listener,
        args.duration,
        &stop,
        pcap.as_mut(),
        progress.as_mut(),
    )
    .context(Word::ListenCapturing.get(lang))?;
    if let Some(w) = pcap.take() {
        w.finish().context(Word::ListenWritingPcap.get(lang))?;
    }
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
    if !args.quiet {
        eprintln!(
            "{}",
            Word::ListenSummary.fill(
                lang,
                &[
                    &snapshot.hosts.len(),
                    &if snapshot.partial {
                        Word::ScanSummaryPartial.get(lang)
                    } else {
                        ""
                    },
                    &match &written {
                        Some(p) => Word::ScanSummaryWritten.fill(lang, &[&p.display()]),
                        None => String::new(),
                    },
                ]
            )
        );
    }
    Ok(if ended == Ended::Interrupted {
        ExitCode::from(EXIT_INTERRUPTED)
    } else {
        ExitCode::SUCCESS
    })
}
