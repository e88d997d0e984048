//! The transport boundary: TCP connect and UDP probes behind a trait, so the
//! engine runs against a fake in unit tests. [`NetProber`] is the real one
//! (tokio sockets; no privileges needed).

use std::future::Future;
use std::io;
use std::net::{Ipv4Addr, SocketAddr};
use std::time::Duration;

use tokio::net::{TcpStream, UdpSocket};
use tokio::time::{timeout, Instant};

use super::wire::ike;
use crate::snapshot::Proto;

/// What one port probe learned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PortOutcome {
    /// Something answered on the port.
    Open {
        /// Time to the answer.
        rtt: Duration,
    },
    /// The host refused (TCP RST, ICMP port unreachable): alive, port closed.
    Closed {
        /// Time to the refusal.
        rtt: Duration,
    },
    /// No answer in time, or unreachable.
    Silent,
}

/// Probes one port of one host.
pub trait PortProber: Send + Sync + 'static {
    /// Probes `ip`:`port` over `proto`.
    fn probe(
        &self,
        ip: Ipv4Addr,
        proto: Proto,
        port: u16,
    ) -> impl Future<Output = PortOutcome> + Send;
}

/// Real probes: a TCP connect closed with RST at once (SO_LINGER 0, so a
/// probe is SYN, ACK, RST, plus the kernel's answer to the server's first
/// segment if it sends one — a banner, or its FIN when it closes at once), or one UDP datagram (the IKE
/// SA_INIT on 500/4500, empty elsewhere).
#[derive(Debug, Clone)]
pub struct NetProber {
    connect_timeout: Duration,
    udp_timeout: Duration,
    spi: [u8; 8],
    ke: Box<[u8; ike::KE_LEN]>,
    nonce: [u8; ike::NONCE_LEN],
}

/// Bytes from the kernel's random source (falls back to the clock).
fn random_bytes(buf: &mut [u8]) {
    use std::io::Read;
    if std::fs::File::open("/dev/urandom")
        .and_then(|mut f| f.read_exact(buf))
        .is_err()
    {
        let mut x = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_nanos() as u64)
            .unwrap_or(0x9e37_79b9_7f4a_7c15)
            | 1;
        for b in buf {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            *b = x as u8;
        }
    }
}

impl NetProber {
    /// A prober with these timeouts and fresh random IKE values.
    pub fn new(connect_timeout: Duration, udp_timeout: Duration) -> NetProber {
        let mut spi = [0u8; 8];
        random_bytes(&mut spi);
        let mut ke = Box::new([0u8; ike::KE_LEN]);
        random_bytes(&mut ke[..]);
        // Keep the public value below the group-14 prime (which starts 0xff..).
        ke[0] &= 0x7f;
        ke[0] |= 0x01;
        let mut nonce = [0u8; ike::NONCE_LEN];
        random_bytes(&mut nonce);
        NetProber {
            connect_timeout,
            udp_timeout,
            spi,
            ke,
            nonce,
        }
    }

    async fn tcp(&self, addr: SocketAddr) -> PortOutcome {
        let start = Instant::now();
        match timeout(self.connect_timeout, TcpStream::connect(addr)).await {
            Ok(Ok(stream)) => {
                let rtt = start.elapsed();
                // Deprecated because a non-zero linger blocks on drop; zero
                // never blocks: the kernel sends RST at once and forgets the socket.
                #[allow(deprecated)]
                let _ = stream.set_linger(Some(Duration::ZERO));
                drop(stream);
                PortOutcome::Open { rtt }
            }
            Ok(Err(e)) if e.kind() == io::ErrorKind::ConnectionRefused => PortOutcome::Closed {
                rtt: start.elapsed(),
            },
            _ => PortOutcome::Silent,
        }
    }

    async fn udp(&self, addr: SocketAddr) -> PortOutcome {
        // Port 500: IKEv2, and IKEv1 Main Mode for IKEv1-only responders.
        // Both go together, when the limiter charged them: a fallback sent a
        // timeout later would land in a second the limiter had already
        // given to other probes of the same host.
        let payloads = match addr.port() {
            500 => vec![
                ike::sa_init_request(self.spi, &self.ke, &self.nonce, false),
                ike::main_mode_request(self.spi),
            ],
            4500 => vec![ike::sa_init_request(self.spi, &self.ke, &self.nonce, true)],
            _ => vec![Vec::new()],
        };
        let Ok(sock) = UdpSocket::bind((Ipv4Addr::UNSPECIFIED, 0)).await else {
            return PortOutcome::Silent;
        };
        if sock.connect(addr).await.is_err() {
            return PortOutcome::Silent;
        }
        let start = Instant::now();
        let sent = payloads.len();
        for payload in payloads {
            if sock.send(&payload).await.is_err() {
                return PortOutcome::Silent;
            }
        }
        let deadline = start + self.udp_timeout;
        let mut buf = [0u8; 2048];
        let outcome = match timeout(self.udp_timeout, sock.recv(&mut buf)).await {
            Ok(Ok(_)) => PortOutcome::Open {
                rtt: start.elapsed(),
            },
            Ok(Err(e)) if e.kind() == io::ErrorKind::ConnectionRefused => {
                return PortOutcome::Closed {
                    rtt: start.elapsed(),
                }
            }
            _ => return PortOutcome::Silent,
        };
        // A responder may answer each of our datagrams (on 500, both the
        // IKEv2 and the IKEv1 request). The socket stays open for the other
        // answers, up to the timeout: closed, each one arriving would make
        // the kernel send an ICMP port unreachable — a frame on the wire
        // the limiter never charged, outside the probe's time.
        let mut answers = 1;
        while answers < sent {
            match tokio::time::timeout_at(deadline, sock.recv(&mut buf)).await {
                Ok(Ok(_)) => answers += 1,
                _ => break,
            }
        }
        outcome
    }
}

impl PortProber for NetProber {
    fn probe(
        &self,
        ip: Ipv4Addr,
        proto: Proto,
        port: u16,
    ) -> impl Future<Output = PortOutcome> + Send {
        let addr = SocketAddr::from((ip, port));
        async move {
            match proto {
                Proto::Tcp => self.tcp(addr).await,
                Proto::Udp => self.udp(addr).await,
            }
        }
    }
}
