//! The layer-2 boundary: a [`Link`] sends and receives Ethernet frames.
//! [`PnetLink`] is the real one (an AF_PACKET socket through pnet's datalink
//! channel); tests use a fake LAN (`scan::fake`).

use std::future::Future;
use std::io;
use std::thread::JoinHandle;
use std::time::Duration;

use pnet::datalink::{self, Channel, DataLinkReceiver, DataLinkSender, NetworkInterface};
use tokio::sync::mpsc;

/// Sends and receives whole Ethernet frames.
pub trait Link {
    /// Sends one frame (already rate-limited by the caller).
    fn send(&mut self, frame: &[u8]) -> io::Result<()>;
    /// A received frame, if one is waiting; never blocks.
    fn try_recv(&mut self) -> Option<Vec<u8>>;
    /// Waits for the next received frame; `None` once the link is closed.
    /// Cancel-safe: dropping the future loses no frame.
    fn recv(&mut self) -> impl Future<Output = Option<Vec<u8>>>;
}

/// Why the layer-2 channel could not be opened.
#[derive(Debug, thiserror::Error)]
pub enum LinkError {
    /// No interface of that name.
    #[error("no network interface named \"{0}\"")]
    NoInterface(String),
    /// The process lacks CAP_NET_RAW.
    #[error(
        "opening a raw socket on {iface} needs CAP_NET_RAW (not root): run\n    sudo setcap cap_net_raw+p {binary}\nonce, or scan with --unprivileged (TCP/UDP connect probes only: no MACs, no ARP, no gateway probe)"
    )]
    NeedsCapNetRaw {
        /// Interface.
        iface: String,
        /// Path of this binary.
        binary: String,
    },
    /// Any other failure opening the socket.
    #[error("opening a raw socket on {iface}")]
    Open {
        /// Interface.
        iface: String,
        /// Cause.
        source: io::Error,
    },
    /// pnet gave something other than an Ethernet channel.
    #[error("{0} is not an Ethernet interface")]
    NotEthernet(String),
    /// Capabilities could not be dropped after opening.
    #[error("could not drop capabilities after opening the socket: {0}")]
    DropPrivileges(String),
}

/// An opened AF_PACKET channel, not yet reading (no thread started).
pub struct OpenChannel {
    tx: Box<dyn DataLinkSender>,
    rx: Box<dyn DataLinkReceiver>,
}

impl OpenChannel {
    /// The receiving half alone: the sender is dropped here, so nothing
    /// can be sent through this channel afterwards (`listen`).
    pub fn into_receiver(self) -> Box<dyn DataLinkReceiver> {
        drop(self.tx);
        self.rx
    }
}

/// How long the reader thread blocks before checking whether it is still wanted.
const READ_TIMEOUT: Duration = Duration::from_millis(20);
/// Frames queued between the reader thread and the engine.
const QUEUE: usize = 16_384;

/// Opens the AF_PACKET channel on `iface` (needs CAP_NET_RAW in the effective set).
pub fn open_channel(iface: &str) -> Result<OpenChannel, LinkError> {
    let config = datalink::Config {
        read_timeout: Some(READ_TIMEOUT),
        // We read only what is addressed to us or broadcast.
        promiscuous: false,
        ..datalink::Config::default()
    };
    open_datalink(iface, config)
}

/// Opens pnet's AF_PACKET channel on `iface` with `config`, naming what
/// went wrong: the one place where `scan` and `listen` open a packet
/// socket (`listen` hands in a socket of its own through
/// `config.socket_fd` and drops the sending half at once).
pub fn open_datalink(iface: &str, config: datalink::Config) -> Result<OpenChannel, LinkError> {
    let nic = interface(iface)?;
    match datalink::channel(&nic, config) {
        Ok(Channel::Ethernet(tx, rx)) => Ok(OpenChannel { tx, rx }),
        Ok(_) => Err(LinkError::NotEthernet(iface.into())),
        Err(e) if e.kind() == io::ErrorKind::PermissionDenied => Err(needs_cap_net_raw(iface)),
        Err(source) => Err(LinkError::Open {
            iface: iface.into(),
            source,
        }),
    }
}

/// The interface named `iface`.
pub fn interface(iface: &str) -> Result<NetworkInterface, LinkError> {
    datalink::interfaces()
        .into_iter()
        .find(|i| i.name == iface)
        .ok_or_else(|| LinkError::NoInterface(iface.into()))
}

/// The error for a packet socket refused for want of CAP_NET_RAW.
pub fn needs_cap_net_raw(iface: &str) -> LinkError {
    LinkError::NeedsCapNetRaw {
        iface: iface.into(),
        binary: std::env::current_exe()
            .map(|p| p.display().to_string())
            .unwrap_or_else(|_| "koseizu".into()),
    }
}

/// The real link: frames are read by a thread (pnet's receiver blocks) and
/// handed over through a bounded queue; only ARP and IPv4 frames pass, since
/// an idle socket also returns unrelated traffic.
pub struct PnetLink {
    tx: Box<dyn DataLinkSender>,
    frames: mpsc::Receiver<Vec<u8>>,
    reader: Option<JoinHandle<()>>,
}

impl PnetLink {
    /// Starts reading. Call after capabilities are dropped: the thread inherits them.
    pub fn start(channel: OpenChannel) -> PnetLink {
        let (tx_frames, frames) = mpsc::channel(QUEUE);
        let mut rx = channel.rx;
        let reader = std::thread::Builder::new()
            .name("koseizu-rx".into())
            .spawn(move || loop {
                if tx_frames.is_closed() {
                    return;
                }
                match rx.next() {
                    Ok(frame) => {
                        let wanted = frame.len() >= 14
                            && matches!((frame[12], frame[13]), (0x08, 0x00) | (0x08, 0x06));
                        if wanted && tx_frames.blocking_send(frame.to_vec()).is_err() {
                            return;
                        }
                    }
                    Err(e)
                        if matches!(
                            e.kind(),
                            io::ErrorKind::TimedOut
                                | io::ErrorKind::WouldBlock
                                | io::ErrorKind::Interrupted
                        ) => {}
                    Err(_) => return,
                }
            })
            .ok();
        PnetLink {
            tx: channel.tx,
            frames,
            reader,
        }
    }
}

impl Link for PnetLink {
    fn send(&mut self, frame: &[u8]) -> io::Result<()> {
        match self.tx.send_to(frame, None) {
            Some(r) => r,
            None => Err(io::Error::other("datalink sender refused the frame")),
        }
    }

    fn try_recv(&mut self) -> Option<Vec<u8>> {
        self.frames.try_recv().ok()
    }

    fn recv(&mut self) -> impl Future<Output = Option<Vec<u8>>> {
        self.frames.recv()
    }
}

impl Drop for PnetLink {
    fn drop(&mut self) {
        // The reader thread notices within READ_TIMEOUT and ends; nothing
        // waits for it (it holds no data worth keeping).
        self.frames.close();
        drop(self.reader.take());
    }
}
