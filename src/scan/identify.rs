//! The identification probes (the only identification code that opens
//! sockets): a read-only TLS handshake, `GET /` and at most one same-host
//! redirect, the SSH banner, one IKEv2 SA_INIT and one IKEv1 Main Mode
//! message — on the ports a scan found open, of the ways out only. Every
//! connection is paid for in the [`RateLimiter`] before it starts, at a
//! cost that bounds the packets it can put on the wire (reads are capped
//! and the receive buffer kept small); see docs/identify.md for each byte.

use std::io;
use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};
use std::time::Duration;

use chrono::Utc;
use tokio::io::{AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt, ReadBuf};
use tokio::net::{TcpSocket, TcpStream, UdpSocket};
use tokio::task::JoinSet;
use tokio::time::{sleep_until, timeout, Instant};

use super::engine::PROBE_AFTERMATH;
use super::limiter::RateLimiter;
use super::wire::ike as ike_wire;
use crate::identify::observe::{HttpSeen, IkeSeen, Observations};
use crate::identify::{cert, http, ike, ssh};

/// TCP ports where a TLS handshake is tried (when open): web and SSL-VPN portals.
pub const TLS_PORTS: &[u16] = &[443, 4433, 8443, 10443];
/// TCP ports where plain `GET /` is sent (when open).
pub const HTTP_PORTS: &[u16] = &[80, 8080];
/// TCP port of the SSH banner read.
pub const SSH_PORT: u16 = 22;
/// UDP port of the IKE probes.
pub const IKE_PORT: u16 = 500;

/// Most bytes read during a TLS handshake (the server's first flight).
pub const TLS_READ_MAX: usize = 6 * 1024;
/// Most bytes of an HTTP answer read.
pub const HTTP_READ_MAX: usize = 8 * 1024;
/// Receive buffer asked for: what the server may send ahead of our reads.
const RECV_BUFFER: u32 = 2 * 1024;
/// ACKs the kernel can send for `bytes` read plus the receive buffer, at
/// one per full 1,460-byte segment (Linux acknowledges at least every
/// second one; one each is the worst case).
const fn acks(bytes: usize) -> u32 {
    ((bytes + RECV_BUFFER as usize).div_ceil(1460)) as u32
}
/// Packets we send for a TLS handshake: SYN, ACK, two ClientHello
/// segments, three of our second flight, and the ACKs of at most
/// [`TLS_READ_MAX`] bytes (13 in all).
pub const TLS_HANDSHAKE_COST: u32 = 7 + acks(TLS_READ_MAX);
/// Packets for one HTTP exchange on an open connection: the request,
/// the ACKs of at most [`HTTP_READ_MAX`] bytes, close_notify, FIN and RST (12).
pub const HTTP_EXCHANGE_COST: u32 = 4 + acks(HTTP_READ_MAX);
/// A plain HTTP connection: SYN and ACK, then [`HTTP_EXCHANGE_COST`].
pub const HTTP_PLAIN_COST: u32 = 2 + HTTP_EXCHANGE_COST;
/// The SSH banner read: SYN, ACK, the ACK of the banner, RST (a TCP probe).
pub const SSH_COST: u32 = super::config::TCP_PROBE_COST;
/// The IKE probes: two datagrams, sent together.
pub const IKE_COST: u32 = 2;
/// The largest cost of one step: the per-host cap must allow it.
pub const MAX_STEP_COST: u32 = TLS_HANDSHAKE_COST;

// The default per-host cap allows every step.
const _: () = assert!(MAX_STEP_COST <= super::config::DEFAULT_HOST_RATE);

/// How long each step may take.
#[derive(Debug, Clone, Copy)]
pub struct Timeouts {
    /// TCP connect.
    pub connect: Duration,
    /// Each exchange after the connection is up (handshake, answer, banner, IKE answers).
    pub exchange: Duration,
}

impl Default for Timeouts {
    fn default() -> Self {
        Timeouts {
            connect: Duration::from_millis(800),
            exchange: Duration::from_millis(2000),
        }
    }
}

/// One host to identify, and what the scan found open on it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Target {
    /// Its address.
    pub ip: Ipv4Addr,
    /// Open TCP ports.
    pub tcp: Vec<u16>,
    /// UDP 500 answered.
    pub ike: bool,
    /// Open ports beyond [`TLS_PORTS`] to try TLS on (those `--ports` added).
    pub extra_tls: Vec<u16>,
}

/// Packets counted by the limiter for identification.
pub type Limiter = Arc<Mutex<RateLimiter>>;

/// A new limiter for identification under these caps.
pub fn limiter(global_pps: u32, host_pps: u32) -> Limiter {
    Arc::new(Mutex::new(RateLimiter::new(
        global_pps,
        host_pps,
        MAX_STEP_COST.min(host_pps.max(1)),
    )))
}

/// Waits for leave to send `cost` packets to `ip`; runs `step`; releases.
/// `None` (nothing sent) if the per-host cap can never allow `cost`.
async fn paid<T, F: std::future::Future<Output = T>>(
    lim: &Limiter,
    ip: Ipv4Addr,
    cost: u32,
    step: F,
) -> Option<T> {
    let max = match lim.lock() {
        Ok(l) => l.max_cost(),
        Err(p) => p.into_inner().max_cost(),
    };
    if cost > max {
        return None;
    }
    let grant = loop {
        let now = Instant::now();
        let r = match lim.lock() {
            Ok(mut l) => l.try_acquire(ip, cost, now),
            Err(p) => p.into_inner().try_acquire(ip, cost, now),
        };
        match r {
            Ok(g) => break g,
            Err(at) => sleep_until(at.max(now + Duration::from_millis(1))).await,
        }
    };
    let out = step.await;
    let at = Instant::now() + PROBE_AFTERMATH;
    match lim.lock() {
        Ok(mut l) => l.release(grant, at),
        Err(p) => p.into_inner().release(grant, at),
    }
    Some(out)
}

fn cap_too_low() -> io::Error {
    io::Error::other("the per-host cap is below this step's cost")
}

/// A stream that reads at most `left` more bytes, then reports end of file.
struct Capped<S> {
    inner: S,
    left: usize,
}

impl<S: AsyncRead + Unpin> AsyncRead for Capped<S> {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        if self.left == 0 {
            return Poll::Ready(Ok(()));
        }
        let max = self.left.min(buf.remaining());
        let mut sub = ReadBuf::new(buf.initialize_unfilled_to(max));
        let r = Pin::new(&mut self.inner).poll_read(cx, &mut sub);
        let n = sub.filled().len();
        if let Poll::Ready(Ok(())) = r {
            buf.advance(n);
            self.left -= n;
        }
        r
    }
}

impl<S: AsyncWrite + Unpin> AsyncWrite for Capped<S> {
    fn poll_write(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        b: &[u8],
    ) -> Poll<io::Result<usize>> {
        Pin::new(&mut self.inner).poll_write(cx, b)
    }
    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.inner).poll_flush(cx)
    }
    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.inner).poll_shutdown(cx)
    }
}

async fn connect(ip: Ipv4Addr, port: u16, t: &Timeouts) -> io::Result<TcpStream> {
    let sock = TcpSocket::new_v4()?;
    sock.set_recv_buffer_size(RECV_BUFFER)?;
    let stream = timeout(t.connect, sock.connect(SocketAddr::from((ip, port))))
        .await
        .map_err(|_| io::Error::new(io::ErrorKind::TimedOut, "connect timed out"))??;
    // Closed with RST at once, as every other probe.
    #[allow(deprecated)]
    let _ = stream.set_linger(Some(Duration::ZERO));
    Ok(stream)
}

/// Reads until end of file, `max` bytes, or the timeout.
async fn read_some<S: AsyncRead + Unpin>(s: &mut S, max: usize, t: Duration) -> Vec<u8> {
    let mut buf = Vec::with_capacity(max.min(4096));
    let deadline = Instant::now() + t;
    let mut chunk = [0u8; 2048];
    while buf.len() < max {
        match tokio::time::timeout_at(deadline, s.read(&mut chunk)).await {
            Ok(Ok(0)) | Ok(Err(_)) | Err(_) => break,
            Ok(Ok(n)) => buf.extend_from_slice(&chunk[..n.min(max - buf.len())]),
        }
    }
    buf
}

/// Accepts any certificate: the handshake is for reading it, not trusting it.
#[derive(Debug)]
struct ReadOnly(Arc<rustls::crypto::CryptoProvider>);

impl rustls::client::danger::ServerCertVerifier for ReadOnly {
    fn verify_server_cert(
        &self,
        _: &rustls::pki_types::CertificateDer<'_>,
        _: &[rustls::pki_types::CertificateDer<'_>],
        _: &rustls::pki_types::ServerName<'_>,
        _: &[u8],
        _: rustls::pki_types::UnixTime,
    ) -> Result<rustls::client::danger::ServerCertVerified, rustls::Error> {
        Ok(rustls::client::danger::ServerCertVerified::assertion())
    }
    fn verify_tls12_signature(
        &self,
        _: &[u8],
        _: &rustls::pki_types::CertificateDer<'_>,
        _: &rustls::DigitallySignedStruct,
    ) -> Result<rustls::client::danger::HandshakeSignatureValid, rustls::Error> {
        Ok(rustls::client::danger::HandshakeSignatureValid::assertion())
    }
    fn verify_tls13_signature(
        &self,
        _: &[u8],
        _: &rustls::pki_types::CertificateDer<'_>,
        _: &rustls::DigitallySignedStruct,
    ) -> Result<rustls::client::danger::HandshakeSignatureValid, rustls::Error> {
        Ok(rustls::client::danger::HandshakeSignatureValid::assertion())
    }
    fn supported_verify_schemes(&self) -> Vec<rustls::SignatureScheme> {
        self.0.signature_verification_algorithms.supported_schemes()
    }
}

fn tls_config() -> Result<Arc<rustls::ClientConfig>, rustls::Error> {
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let config = rustls::ClientConfig::builder_with_provider(provider.clone())
        .with_safe_default_protocol_versions()?
        .dangerous()
        .with_custom_certificate_verifier(Arc::new(ReadOnly(provider)))
        .with_no_client_auth();
    Ok(Arc::new(config))
}

/// What the probes of one host need.
struct Ctx {
    lim: Limiter,
    t: Timeouts,
    tls: Option<Arc<rustls::ClientConfig>>,
    markers: Arc<Vec<String>>,
}

/// One HTTPS visit: handshake (certificate), `GET path`, answer.
async fn https(
    ctx: &Ctx,
    ip: Ipv4Addr,
    port: u16,
    path: &str,
    obs: &mut Observations,
    want_cert: bool,
) -> Option<HttpSeen> {
    let Some(config) = ctx.tls.clone() else {
        obs.errors.push(format!("{port}/tls: no TLS configuration"));
        return None;
    };
    let stream = match paid(&ctx.lim, ip, TLS_HANDSHAKE_COST, async {
        let tcp = connect(ip, port, &ctx.t).await?;
        let capped = Capped {
            inner: tcp,
            left: TLS_READ_MAX,
        };
        let name = rustls::pki_types::ServerName::IpAddress(IpAddr::V4(ip).into());
        timeout(
            ctx.t.exchange,
            tokio_rustls::TlsConnector::from(config).connect(name, capped),
        )
        .await
        .map_err(|_| io::Error::new(io::ErrorKind::TimedOut, "handshake timed out"))?
    })
    .await
    .unwrap_or_else(|| Err(cap_too_low()))
    {
        Ok(s) => s,
        Err(e) => {
            obs.errors.push(format!(
                "{port}/tls: {}",
                crate::identify::bounded_text(e.to_string().as_bytes(), 120)
            ));
            return None;
        }
    };
    let mut stream = stream;
    if want_cert {
        let (_, conn) = stream.get_ref();
        let version = conn
            .protocol_version()
            .map(|v| format!("{v:?}").replace("_", "."));
        match conn.peer_certificates().and_then(|c| c.first()) {
            Some(der) => match cert::parse(port, der) {
                Ok(mut seen) => {
                    seen.protocol = version;
                    obs.tls.push(seen);
                }
                Err(e) => obs.errors.push(format!("{port}/tls: {e}")),
            },
            None => obs.errors.push(format!("{port}/tls: no certificate")),
        }
    }
    // The answer may use up what the handshake left: the cap is reset.
    stream.get_mut().0.left = HTTP_READ_MAX;
    let host = ip.to_string();
    let answer = paid(&ctx.lim, ip, HTTP_EXCHANGE_COST, async {
        if stream.write_all(&http::request(&host, path)).await.is_err() {
            return Vec::new();
        }
        let _ = stream.flush().await;
        let bytes = read_some(&mut stream, HTTP_READ_MAX, ctx.t.exchange).await;
        let _ = timeout(Duration::from_millis(100), stream.shutdown()).await;
        drop(stream);
        bytes
    })
    .await
    .unwrap_or_default();
    let markers: Vec<&str> = ctx.markers.iter().map(String::as_str).collect();
    match http::parse(port, true, path, &answer, &markers) {
        Ok(seen) => Some(seen),
        Err(e) => {
            obs.errors.push(format!("{port}/https: {e}"));
            None
        }
    }
}

/// One plain HTTP visit.
async fn plain_http(
    ctx: &Ctx,
    ip: Ipv4Addr,
    port: u16,
    path: &str,
    obs: &mut Observations,
) -> Option<HttpSeen> {
    let host = ip.to_string();
    let answer = paid(&ctx.lim, ip, HTTP_PLAIN_COST, async {
        let tcp = connect(ip, port, &ctx.t).await?;
        let mut s = Capped {
            inner: tcp,
            left: HTTP_READ_MAX,
        };
        s.inner.write_all(&http::request(&host, path)).await?;
        let bytes = read_some(&mut s, HTTP_READ_MAX, ctx.t.exchange).await;
        io::Result::Ok(bytes)
    })
    .await
    .unwrap_or_else(|| Err(cap_too_low()));
    let markers: Vec<&str> = ctx.markers.iter().map(String::as_str).collect();
    match answer
        .map_err(|e| e.to_string())
        .and_then(|a| http::parse(port, false, path, &a, &markers).map_err(|e| e.to_string()))
    {
        Ok(seen) => Some(seen),
        Err(e) => {
            obs.errors.push(format!(
                "{port}/http: {}",
                crate::identify::bounded_text(e.as_bytes(), 120)
            ));
            None
        }
    }
}

async fn ssh_banner(ctx: &Ctx, ip: Ipv4Addr, obs: &mut Observations) {
    let got = paid(&ctx.lim, ip, SSH_COST, async {
        let tcp = connect(ip, SSH_PORT, &ctx.t).await?;
        let mut s = Capped {
            inner: tcp,
            left: ssh::MAX_BANNER_BYTES,
        };
        // The first line is enough: stop at the first newline after "SSH-".
        let mut buf = Vec::new();
        let deadline = Instant::now() + ctx.t.exchange;
        let mut chunk = [0u8; 512];
        while buf.len() < ssh::MAX_BANNER_BYTES {
            match tokio::time::timeout_at(deadline, s.read(&mut chunk)).await {
                Ok(Ok(0)) | Ok(Err(_)) | Err(_) => break,
                Ok(Ok(n)) => buf.extend_from_slice(&chunk[..n]),
            }
            if ssh::parse(SSH_PORT, &buf).is_some_and(|_| buf.ends_with(b"\n")) {
                break;
            }
        }
        io::Result::Ok(buf)
    })
    .await
    .unwrap_or_else(|| Err(cap_too_low()));
    match got {
        Ok(b) => match ssh::parse(SSH_PORT, &b) {
            Some(s) => obs.ssh.push(s),
            None => obs
                .errors
                .push(format!("{SSH_PORT}/ssh: no SSH identification line")),
        },
        Err(e) => obs.errors.push(format!("{SSH_PORT}/ssh: {e}")),
    }
}

async fn ike_probe(ctx: &Ctx, ip: Ipv4Addr, obs: &mut Observations) {
    let mut spi = [0u8; 8];
    let mut ke = Box::new([0u8; ike_wire::KE_LEN]);
    let mut nonce = [0u8; ike_wire::NONCE_LEN];
    fill_random(&mut spi);
    fill_random(&mut ke[..]);
    ke[0] = (ke[0] & 0x7f) | 1;
    fill_random(&mut nonce);
    let answers = paid(&ctx.lim, ip, IKE_COST, async {
        let sock = UdpSocket::bind((Ipv4Addr::UNSPECIFIED, 0)).await?;
        sock.connect((ip, IKE_PORT)).await?;
        sock.send(&ike_wire::sa_init_request(spi, &ke, &nonce, false))
            .await?;
        sock.send(&ike_wire::main_mode_request(spi)).await?;
        let mut got = Vec::new();
        let deadline = Instant::now() + ctx.t.exchange;
        let mut buf = vec![0u8; 4096];
        // The socket stays open until both answered or the time is up:
        // closed, a late answer would make the kernel send an ICMP error.
        while got.len() < 2 {
            match tokio::time::timeout_at(deadline, sock.recv(&mut buf)).await {
                Ok(Ok(n)) => got.push(buf[..n].to_vec()),
                _ => break,
            }
        }
        io::Result::Ok(got)
    })
    .await
    .unwrap_or_else(|| Err(cap_too_low()));
    match answers {
        Ok(list) => {
            let mut seen = IkeSeen::default();
            let mut any = false;
            for a in list {
                if let Some(a) = ike::parse(&a, spi) {
                    ike::record(&mut seen, IKE_PORT, a);
                    any = true;
                }
            }
            if any {
                obs.ike = Some(seen);
            } else {
                obs.errors.push(format!("{IKE_PORT}/ike: no IKE answer"));
            }
        }
        Err(e) => obs.errors.push(format!("{IKE_PORT}/ike: {e}")),
    }
}

fn fill_random(buf: &mut [u8]) {
    use std::io::Read;
    let ok = std::fs::File::open("/dev/urandom")
        .and_then(|mut f| f.read_exact(buf))
        .is_ok();
    if !ok {
        let mut x = Utc::now().timestamp_nanos_opt().unwrap_or(0x9e37_79b9) as u64 | 1;
        for b in buf {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            *b = x as u8;
        }
    }
}

/// Probes one host: every step in turn, each paid before it starts.
async fn one(ctx: Arc<Ctx>, target: Target) -> (Ipv4Addr, Observations) {
    let ip = target.ip;
    let mut obs = Observations {
        at: Some(Utc::now()),
        ..Observations::default()
    };
    let host = ip.to_string();
    let tls_ports = target
        .tcp
        .iter()
        .filter(|p| TLS_PORTS.contains(p) || target.extra_tls.contains(p));
    for &port in tls_ports {
        if let Some(seen) = https(&ctx, ip, port, "/", &mut obs, true).await {
            let next = http::same_host_redirect(&seen, &host, port);
            obs.http.push(seen);
            if let Some(path) = next {
                if let Some(s) = https(&ctx, ip, port, &path, &mut obs, false).await {
                    obs.http.push(s);
                }
            }
        }
    }
    for &port in target.tcp.iter().filter(|p| HTTP_PORTS.contains(p)) {
        if let Some(seen) = plain_http(&ctx, ip, port, "/", &mut obs).await {
            let next = http::same_host_redirect(&seen, &host, port);
            obs.http.push(seen);
            if let Some(path) = next {
                if let Some(s) = plain_http(&ctx, ip, port, &path, &mut obs).await {
                    obs.http.push(s);
                }
            }
        }
    }
    if target.tcp.contains(&SSH_PORT) {
        ssh_banner(&ctx, ip, &mut obs).await;
    }
    if target.ike {
        ike_probe(&ctx, ip, &mut obs).await;
    }
    (ip, obs)
}

/// Identifies `targets` (at most `concurrency` hosts at once), every
/// packet paid in `lim`; `markers` are the signature table's login-page
/// strings looked for in each page. Answers in the order of `targets`.
pub async fn identify(
    targets: Vec<Target>,
    lim: Limiter,
    markers: Vec<String>,
    t: Timeouts,
    concurrency: usize,
) -> Vec<(Ipv4Addr, Observations)> {
    let ctx = Arc::new(Ctx {
        lim,
        t,
        tls: tls_config().ok(),
        markers: Arc::new(markers),
    });
    let order: Vec<Ipv4Addr> = targets.iter().map(|t| t.ip).collect();
    let mut set = JoinSet::new();
    let mut pending = targets.into_iter();
    let mut out = Vec::new();
    loop {
        while set.len() < concurrency.max(1) {
            match pending.next() {
                Some(t) => {
                    set.spawn(one(Arc::clone(&ctx), t));
                }
                None => break,
            }
        }
        match set.join_next().await {
            Some(Ok(r)) => out.push(r),
            Some(Err(_)) => {}
            None => break,
        }
    }
    out.sort_by_key(|(ip, _)| order.iter().position(|o| o == ip));
    out
}

/// The hosts of `hosts` worth identifying (external-facing evidence, or
/// an address in `perimeter`: the ledger's perimeter devices), not
/// excluded, with the ports the scan found open; `extra_tls` are ports
/// beyond [`TLS_PORTS`] to try TLS on.
pub fn targets_of(
    hosts: &[crate::snapshot::Host],
    perimeter: &[IpAddr],
    extra_tls: &[u16],
) -> Vec<Target> {
    use crate::snapshot::HostFlag;
    hosts
        .iter()
        .filter(|h| {
            crate::inventory::evidence::shows_way_out(&h.external) || perimeter.contains(&h.ip)
        })
        .filter(|h| !h.flags.contains(&HostFlag::Excluded))
        .filter_map(|h| {
            let IpAddr::V4(ip) = h.ip else { return None };
            Some(target_of(
                ip,
                h.ports.iter().map(|p| (p.proto, p.port)),
                extra_tls,
            ))
        })
        .filter(|t: &Target| !t.tcp.is_empty() || t.ike)
        .collect()
}

/// Ports of `tcp` beyond the scan's default list (and the HTTP and SSH
/// ports): the ones `--ports` added, tried as TLS.
pub fn added_tls_ports(tcp: &[u16]) -> Vec<u16> {
    tcp.iter()
        .copied()
        .filter(|p| {
            !super::config::DEFAULT_TCP_PORTS.contains(p)
                && !HTTP_PORTS.contains(p)
                && *p != SSH_PORT
        })
        .collect()
}

/// A target from its open ports.
pub fn target_of(
    ip: Ipv4Addr,
    ports: impl Iterator<Item = (crate::snapshot::Proto, u16)>,
    extra_tls: &[u16],
) -> Target {
    use crate::snapshot::Proto;
    let mut t = Target {
        ip,
        tcp: Vec::new(),
        ike: false,
        extra_tls: extra_tls.to_vec(),
    };
    for (proto, port) in ports {
        match proto {
            Proto::Tcp
                if TLS_PORTS.contains(&port)
                    || extra_tls.contains(&port)
                    || HTTP_PORTS.contains(&port)
                    || port == SSH_PORT =>
            {
                t.tcp.push(port)
            }
            Proto::Udp if port == IKE_PORT => t.ike = true,
            _ => {}
        }
    }
    t.tcp.sort_unstable();
    t.tcp.dedup();
    t
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::snapshot::Proto;

    #[test]
    fn targets_take_only_identification_ports() {
        let t = target_of(
            Ipv4Addr::new(198, 18, 0, 1),
            [
                (Proto::Tcp, 443),
                (Proto::Tcp, 3389),
                (Proto::Tcp, 4443),
                (Proto::Udp, 500),
                (Proto::Tcp, 22),
            ]
            .into_iter(),
            &added_tls_ports(&[22, 443, 3389, 4443]),
        );
        assert_eq!(t.tcp, vec![22, 443, 4443]);
        assert!(t.ike);
        assert_eq!(added_tls_ports(&[22, 80, 443, 4443, 3389]), vec![4443]);
        assert_eq!(
            (TLS_HANDSHAKE_COST, HTTP_EXCHANGE_COST, HTTP_PLAIN_COST),
            (13, 12, 14)
        );
    }
}
