//! `koseizu listen`: live passive capture. The AF_PACKET socket is opened
//! for reading only (pnet's sender half is dropped at once, so nothing can
//! be sent), in promiscuous mode for a mirror port; CAP_NET_RAW is raised
//! only to open it and every capability is dropped right after, as `scan`
//! does (`crate::scan::privilege`). Frames go to the same
//! [`Learner`](crate::import::pcap::Learner) as an imported capture, so a
//! live capture and a tcpdump file of the same traffic give the same hosts.

use std::fs::{File, OpenOptions};
use std::io::{self, BufWriter, Write};
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use caps::{CapSet, Capability};
use chrono::{DateTime, Utc};
use pcap_parser::Linktype;
use pnet::datalink::{self, Channel, DataLinkReceiver, NetworkInterface};

use crate::import::pcap::{Learner, Stats};
use crate::import::MAX_HOSTS;
use crate::scan::link::LinkError;
use crate::scan::privilege;
use crate::snapshot::{Snapshot, Source};

/// How long a read blocks before the stop flag and the deadline are checked.
const READ_TIMEOUT: Duration = Duration::from_millis(100);
/// Largest frame written to `--write-pcap`.
const SNAPLEN: u32 = 65_535;

/// A reading-only capture socket on one interface.
pub struct Listener {
    iface: String,
    rx: Box<dyn DataLinkReceiver>,
}

/// Opens `iface` for capture (promiscuous), then drops every capability.
/// Call from the main thread before any other thread exists.
pub fn open_then_drop(iface: &str) -> Result<Listener, LinkError> {
    if caps::has_cap(None, CapSet::Permitted, Capability::CAP_NET_RAW).unwrap_or(false) {
        let _ = caps::raise(None, CapSet::Effective, Capability::CAP_NET_RAW);
    }
    let opened = open(iface);
    privilege::drop_all()?;
    opened
}

fn open(iface: &str) -> Result<Listener, LinkError> {
    let nic: NetworkInterface = datalink::interfaces()
        .into_iter()
        .find(|i| i.name == iface)
        .ok_or_else(|| LinkError::NoInterface(iface.into()))?;
    let config = datalink::Config {
        read_timeout: Some(READ_TIMEOUT),
        promiscuous: true,
        ..datalink::Config::default()
    };
    match datalink::channel(&nic, config) {
        Ok(Channel::Ethernet(tx, rx)) => {
            // Never send: the sending half is gone before the first read.
            drop(tx);
            Ok(Listener {
                iface: iface.into(),
                rx,
            })
        }
        Ok(_) => Err(LinkError::NotEthernet(iface.into())),
        Err(e) if e.kind() == io::ErrorKind::PermissionDenied => Err(LinkError::NeedsCapNetRaw {
            iface: iface.into(),
            binary: std::env::current_exe()
                .map(|p| p.display().to_string())
                .unwrap_or_else(|_| "koseizu".into()),
        }),
        Err(source) => Err(LinkError::Open {
            iface: iface.into(),
            source,
        }),
    }
}

/// A pcap file being written (`--write-pcap`): classic pcap, microsecond
/// stamps, Ethernet.
pub struct PcapWriter {
    out: BufWriter<File>,
}

impl PcapWriter {
    /// Creates `path` (never overwriting an existing file) and writes the header.
    pub fn create(path: &Path) -> io::Result<PcapWriter> {
        let file = OpenOptions::new().write(true).create_new(true).open(path)?;
        let mut out = BufWriter::new(file);
        out.write_all(&0xa1b2_c3d4u32.to_le_bytes())?;
        out.write_all(&2u16.to_le_bytes())?;
        out.write_all(&4u16.to_le_bytes())?;
        out.write_all(&0i32.to_le_bytes())?;
        out.write_all(&0u32.to_le_bytes())?;
        out.write_all(&SNAPLEN.to_le_bytes())?;
        out.write_all(&1u32.to_le_bytes())?;
        Ok(PcapWriter { out })
    }

    /// Writes one frame captured at `ts`.
    pub fn write(&mut self, ts: DateTime<Utc>, frame: &[u8]) -> io::Result<()> {
        let cap = frame.len().min(SNAPLEN as usize);
        let secs = u32::try_from(ts.timestamp()).unwrap_or(0);
        self.out.write_all(&secs.to_le_bytes())?;
        self.out
            .write_all(&ts.timestamp_subsec_micros().to_le_bytes())?;
        self.out.write_all(&(cap as u32).to_le_bytes())?;
        self.out.write_all(&(frame.len() as u32).to_le_bytes())?;
        self.out.write_all(&frame[..cap])
    }

    /// Flushes the file.
    pub fn finish(mut self) -> io::Result<()> {
        self.out.flush()
    }
}

/// Progress of a live capture, for stderr.
pub trait Progress {
    /// Called about once a second.
    fn update(&mut self, stats: &Stats, hosts: usize);
    /// Called once when the host table is full.
    fn table_full(&mut self) {}
}

/// No progress output.
pub struct NoProgress;

impl Progress for NoProgress {
    fn update(&mut self, _: &Stats, _: usize) {}
}

/// How a capture ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ended {
    /// `--duration` ran out.
    Duration,
    /// Stopped (Ctrl-C, SIGTERM): partial.
    Interrupted,
}

/// Captures until `duration` runs out or `stop` is set, feeding every frame
/// to a learner (and to `pcap` when given); returns the snapshot.
pub fn run(
    listener: &mut Listener,
    duration: Option<Duration>,
    stop: &AtomicBool,
    mut pcap: Option<&mut PcapWriter>,
    progress: &mut dyn Progress,
) -> io::Result<(Snapshot, Ended)> {
    let started = Utc::now();
    let t0 = Instant::now();
    let mut learner = Learner::new();
    learner.saw_window(started);
    let mut last_report = Instant::now();
    let mut warned_full = false;
    let ended = loop {
        if stop.load(Ordering::Relaxed) {
            break Ended::Interrupted;
        }
        if duration.is_some_and(|d| t0.elapsed() >= d) {
            break Ended::Duration;
        }
        match listener.rx.next() {
            Ok(frame) => {
                let now = Utc::now();
                learner.frame(Linktype::ETHERNET, frame, now);
                if let Some(w) = pcap.as_deref_mut() {
                    w.write(now, frame)?;
                }
            }
            Err(e)
                if matches!(
                    e.kind(),
                    io::ErrorKind::TimedOut
                        | io::ErrorKind::WouldBlock
                        | io::ErrorKind::Interrupted
                ) => {}
            Err(e) => return Err(e),
        }
        if !warned_full && learner.hosts() >= MAX_HOSTS {
            warned_full = true;
            progress.table_full();
        }
        if last_report.elapsed() >= Duration::from_secs(1) {
            last_report = Instant::now();
            progress.update(&learner.stats, learner.hosts());
        }
    };
    let finished = Utc::now();
    learner.saw_window(finished);
    progress.update(&learner.stats, learner.hosts());
    let mut parsed = learner.finish();
    parsed.interface = Some(listener.iface.clone());
    parsed.partial = ended == Ended::Interrupted;
    parsed.limitations.push(
        "kernel drops are not read from the socket by this build: a busy link may have lost frames unseen".into(),
    );
    let mut snap = parsed.into_snapshot(started, "");
    snap.imported_from = None;
    snap.source = Source::Capture;
    Ok((snap, ended))
}
