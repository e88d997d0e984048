//! `koseizu listen`: live passive capture. The AF_PACKET socket is opened
//! for reading only (pnet's sender half is dropped at once, so nothing can
//! be sent), in promiscuous mode for a mirror port; CAP_NET_RAW is raised
//! only to open it and every capability is dropped right after, as `scan`
//! does (`crate::scan::privilege`). The socket is koseizu's own, read
//! through a TPACKET_V3 ring ([`ring`]: blocks of frames, no system call
//! per frame), or where the kernel refuses a ring by pnet one frame at a
//! time with a large receive buffer ([`socket`]); the kernel's drop counter
//! is read either way.
//! Frames go to the same
//! [`Learner`](crate::import::pcap::Learner) as an imported capture, so a
//! live capture and a tcpdump file of the same traffic give the same hosts.

use std::fs::{File, OpenOptions};
use std::io::{self, BufWriter, Write};
use std::os::fd::{AsRawFd, IntoRawFd, RawFd};
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use caps::{CapSet, Capability};
use chrono::{DateTime, Utc};
use pcap_parser::Linktype;
use pnet::datalink::{self, DataLinkReceiver};

use crate::import::pcap::{Learner, Stats};
use crate::import::MAX_HOSTS;
use crate::scan::link::{self, LinkError};
use crate::scan::privilege;
use crate::snapshot::{Snapshot, Source};

/// How long a read blocks before the stop flag and the deadline are checked.
const READ_TIMEOUT: Duration = Duration::from_millis(100);
/// Largest frame written to `--write-pcap`.
const SNAPLEN: u32 = 65_535;

pub mod ring;
pub mod socket;

/// How frames are read.
enum Reader {
    /// A TPACKET_V3 ring: blocks of frames, no system call per frame.
    Ring(ring::Ring),
    /// pnet, one `recv` per frame, with a large receive buffer: where the
    /// kernel refuses a ring.
    Recv(Box<dyn DataLinkReceiver>),
}

/// A reading-only capture socket on one interface.
pub struct Listener {
    iface: String,
    reader: Reader,
    /// The socket read (owned by `reader`), for its drop counter.
    fd: RawFd,
    /// Receive buffer the kernel granted (`Recv`), bytes; `None` for a ring.
    buffer: Option<usize>,
    /// Why the ring could not be used, when it could not.
    no_ring: Option<String>,
}

/// Opens `iface` for capture (promiscuous), then drops every capability.
/// Call from the main thread before any other thread exists.
pub fn open_then_drop(iface: &str) -> Result<Listener, LinkError> {
    // CAP_NET_ADMIN (when permitted) lets the buffer grow past rmem_max.
    for cap in [Capability::CAP_NET_RAW, Capability::CAP_NET_ADMIN] {
        if caps::has_cap(None, CapSet::Permitted, cap).unwrap_or(false) {
            let _ = caps::raise(None, CapSet::Effective, cap);
        }
    }
    let opened = open(iface);
    privilege::drop_all()?;
    opened
}

fn open(iface: &str) -> Result<Listener, LinkError> {
    let open_error = |source: io::Error| {
        if source.kind() == io::ErrorKind::PermissionDenied {
            link::needs_cap_net_raw(iface)
        } else {
            LinkError::Open {
                iface: iface.into(),
                source,
            }
        }
    };
    let nic = link::interface(iface)?;
    let sock = socket::packet_socket().map_err(open_error)?;
    let fd = sock.as_raw_fd();
    let no_ring = match ring::Ring::open(sock, nic.index) {
        Ok(r) => {
            // Start the counters at the bind.
            let _ = socket::take_statistics(fd);
            return Ok(Listener {
                iface: iface.into(),
                reader: Reader::Ring(r),
                fd,
                buffer: None,
                no_ring: None,
            });
        }
        Err(e) if e.kind() == io::ErrorKind::PermissionDenied => return Err(open_error(e)),
        Err(e) => e.to_string(),
    };
    let sock = socket::packet_socket().map_err(open_error)?;
    let buffer = socket::set_receive_buffer(&sock, socket::RECEIVE_BUFFER).map_err(open_error)?;
    let fd = sock.as_raw_fd();
    let config = datalink::Config {
        read_timeout: Some(READ_TIMEOUT),
        read_buffer_size: SNAPLEN as usize,
        promiscuous: true,
        // pnet binds this socket to the interface and owns it from here on.
        socket_fd: Some(sock.into_raw_fd()),
        ..datalink::Config::default()
    };
    // Never send: the sending half is gone before the first read.
    let rx = link::open_datalink(iface, config)?.into_receiver();
    // Start the counters at the bind.
    let _ = socket::take_statistics(fd);
    Ok(Listener {
        iface: iface.into(),
        reader: Reader::Recv(rx),
        fd,
        buffer: Some(buffer),
        no_ring: Some(no_ring),
    })
}

impl Listener {
    /// Adds the kernel's drops since the last reading to `stats`.
    fn read_drops(&self, stats: &mut Stats) -> bool {
        match socket::take_statistics(self.fd) {
            Ok(s) => {
                stats.kernel_drops += s.drops;
                true
            }
            Err(_) => false,
        }
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
    let mut drops_read = true;
    let ended = loop {
        if stop.load(Ordering::Relaxed) {
            break Ended::Interrupted;
        }
        if duration.is_some_and(|d| t0.elapsed() >= d) {
            break Ended::Duration;
        }
        match &mut listener.reader {
            Reader::Ring(r) => {
                r.read(READ_TIMEOUT, &mut |frame, ts| {
                    learner.frame(Linktype::ETHERNET, frame, ts);
                    match pcap.as_deref_mut() {
                        Some(w) => w.write(ts, frame),
                        None => Ok(()),
                    }
                })?;
            }
            Reader::Recv(rx) => match rx.next() {
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
            },
        }
        if !warned_full && learner.hosts() >= MAX_HOSTS {
            warned_full = true;
            progress.table_full();
        }
        if last_report.elapsed() >= Duration::from_secs(1) {
            last_report = Instant::now();
            drops_read &= listener.read_drops(&mut learner.stats);
            progress.update(&learner.stats, learner.hosts());
        }
    };
    let finished = Utc::now();
    learner.saw_window(finished);
    drops_read &= listener.read_drops(&mut learner.stats);
    progress.update(&learner.stats, learner.hosts());
    let learner_drops = learner.stats.kernel_drops;
    let mut parsed = learner.finish();
    parsed.interface = Some(listener.iface.clone());
    parsed.partial = ended == Ended::Interrupted;
    if !drops_read {
        parsed.limitations.push(
            "the kernel's drop counter could not be read: a busy link may have lost frames unseen"
                .into(),
        );
    } else if learner_drops == 0 {
        parsed
            .limitations
            .push("the kernel dropped no frames (read from the socket)".into());
    }
    if let Some(why) = &listener.no_ring {
        parsed.limitations.push(format!(
            "no TPACKET_V3 ring ({why}): frames were read one at a time"
        ));
    }
    if let Some(buffer) = listener.buffer.filter(|b| *b < socket::RECEIVE_BUFFER / 2) {
        parsed.limitations.push(format!(
            "the socket receive buffer is {} kB (net.core.rmem_max; CAP_NET_ADMIN lets listen ask for {} MB): a burst may be dropped",
            buffer >> 10,
            socket::RECEIVE_BUFFER >> 20
        ));
    }
    let mut snap = parsed.into_snapshot(started, "");
    snap.imported_from = None;
    snap.source = Source::Capture;
    Ok((snap, ended))
}
