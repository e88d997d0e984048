//! The identification probes (the only identification code that opens
//! sockets): a read-only TLS handshake, `GET /` and at most one same-host
//! redirect, the SSH banner, one IKEv2 SA_INIT and one IKEv1 Main Mode
//! message — on the ports a scan found open, of the ways out only. Every
//! packet is paid for in the [`RateLimiter`] before it can go: a
//! connection pays for its SYN and ACK, the ACKs of its first receive
//! window and its RST before it starts, then each read and each write
//! pays as it happens (a read of at most one segment pays for the ACK and
//! window update it can provoke, a write for its segments), so the
//! per-host bucket is spent in small grants and refills near the cap;
//! see docs/identify.md for each byte.

use std::future::Future;
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
use super::limiter::{Grant, RateLimiter};
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
/// One TCP segment's payload, as counted (Ethernet MTU).
const SEGMENT: usize = 1460;
/// Most segments one write may make: a write is cut to this many.
const WRITE_SEGMENTS: u32 = 2;
/// A connection's start: SYN and the handshake's ACK.
pub const CONNECT_COST: u32 = 2;
/// The ACKs of the first receive window (what the server may send before
/// any read), at one per full segment: Linux acknowledges at least every
/// second one, one each is the worst case.
pub const WINDOW_COST: u32 = (RECV_BUFFER as usize).div_ceil(SEGMENT) as u32;
/// The end of every connection: the ACK of the server's FIN (when it
/// closes first) and our RST (SO_LINGER 0); one FIN more when we shut it
/// down first, paid then.
pub const CLOSE_COST: u32 = 2;
/// One read of at most one segment: the window update it can make the
/// kernel send, and the ACKs of what the server may then send into the
/// one-segment window it opens (seen on the wire: up to two segments, a
/// server writing in small pieces).
pub const READ_COST: u32 = 3;
/// The IKE probes: two datagrams, sent together.
pub const IKE_COST: u32 = 2;
/// The largest cost of one grant: the per-host cap must allow it.
pub const MAX_STEP_COST: u32 = {
    let mut m = CONNECT_COST;
    let all = [WINDOW_COST, CLOSE_COST, READ_COST, IKE_COST, WRITE_SEGMENTS];
    let mut i = 0;
    while i < all.len() {
        if all[i] > m {
            m = all[i];
        }
        i += 1;
    }
    m
};
/// How long after its release a grant of a connection's last reads is
/// still held: the kernel may delay an ACK (40 ms at least, up to 200 ms).
const ACK_AFTERMATH: Duration = Duration::from_millis(250);

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

/// Runs `f` on the limiter (a poisoned lock is still a limiter).
fn with<T>(lim: &Limiter, f: impl FnOnce(&mut RateLimiter) -> T) -> T {
    match lim.lock() {
        Ok(mut l) => f(&mut l),
        Err(p) => f(&mut p.into_inner()),
    }
}

/// Waits for leave to send `cost` packets to `ip`. `None` (nothing may
/// be sent) if the per-host cap can never allow `cost`.
async fn acquire(lim: &Limiter, ip: Ipv4Addr, cost: u32) -> Option<Grant> {
    if cost > with(lim, |l| l.max_cost()) {
        return None;
    }
    loop {
        let now = Instant::now();
        match with(lim, |l| l.try_acquire(ip, cost, now)) {
            Ok(g) => {
                return Some(g);
            }
            Err(at) => sleep_until(at.max(now + Duration::from_millis(1))).await,
        }
    }
}

/// Waits for leave to send `cost` packets to `ip`; runs `step`; releases.
/// `None` (nothing sent) if the per-host cap can never allow `cost`.
async fn paid<T, F: std::future::Future<Output = T>>(
    lim: &Limiter,
    ip: Ipv4Addr,
    cost: u32,
    step: F,
) -> Option<T> {
    let grant = acquire(lim, ip, cost).await?;
    let out = step.await;
    let at = Instant::now() + PROBE_AFTERMATH;
    with(lim, |l| l.release(grant, at));
    Some(out)
}

fn cap_too_low() -> io::Error {
    io::Error::other("the per-host cap is below this step's cost")
}

/// Leave asked for and not yet given, or given and not yet used.
#[derive(Default)]
struct Payer {
    grant: Option<Grant>,
    wait: Option<Pin<Box<tokio::time::Sleep>>>,
}

impl Payer {
    /// Ready once `cost` packets to `ip` are granted (kept in `self.grant`).
    fn poll_pay(
        &mut self,
        cx: &mut Context<'_>,
        lim: &Limiter,
        ip: Ipv4Addr,
        cost: u32,
    ) -> Poll<io::Result<()>> {
        if self.grant.is_some() {
            return Poll::Ready(Ok(()));
        }
        if cost > with(lim, |l| l.max_cost()) {
            return Poll::Ready(Err(cap_too_low()));
        }
        loop {
            if let Some(w) = self.wait.as_mut() {
                if w.as_mut().poll(cx).is_pending() {
                    return Poll::Pending;
                }
                self.wait = None;
            }
            let now = Instant::now();
            match with(lim, |l| l.try_acquire(ip, cost, now)) {
                Ok(g) => {
                    self.grant = Some(g);
                    return Poll::Ready(Ok(()));
                }
                Err(at) => {
                    self.wait = Some(Box::pin(sleep_until(
                        at.max(now + Duration::from_millis(1)),
                    )))
                }
            }
        }
    }
}

/// A TCP connection whose every packet is paid in the limiter: reads of
/// at most one segment, each paid before it (its ACK and window update),
/// writes of at most [`WRITE_SEGMENTS`] segments, each paid before it;
/// at most `left` more bytes read, then end of file. What it holds is
/// released when it is dropped (the RST goes then).
struct Metered {
    tcp: TcpStream,
    lim: Limiter,
    ip: Ipv4Addr,
    left: usize,
    read: Payer,
    write: Payer,
    /// Held until the drop: the end (the ACK of the server's FIN, the RST).
    held: Vec<Grant>,
    /// The first window's ACKs: held until the first read ends.
    window: Option<Grant>,
    /// The last read's grant.
    last_read: Option<Grant>,
}

impl Metered {
    /// Opens a connection, its start, first window and end paid first (an
    /// error, nothing sent, if the per-host cap can never allow them).
    async fn connect(ctx: &Ctx, ip: Ipv4Addr, port: u16, left: usize) -> io::Result<Metered> {
        let lim = &ctx.lim;
        let mut held = Vec::new();
        for cost in [CONNECT_COST, WINDOW_COST, CLOSE_COST] {
            match acquire(lim, ip, cost).await {
                Some(g) => held.push(g),
                None => {
                    let at = Instant::now();
                    with(lim, |l| held.drain(..).for_each(|g| l.release(g, at)));
                    return Err(cap_too_low());
                }
            }
        }
        let tcp = match connect(ip, port, &ctx.t).await {
            Ok(t) => t,
            Err(e) => {
                let at = Instant::now() + PROBE_AFTERMATH;
                with(lim, |l| held.drain(..).for_each(|g| l.release(g, at)));
                return Err(e);
            }
        };
        // The SYN and the handshake's ACK are on the wire.
        let at = Instant::now() + PROBE_AFTERMATH;
        let mut held = held.into_iter();
        if let Some(g) = held.next() {
            with(lim, |l| l.release(g, at));
        }
        let window = held.next();
        let held: Vec<Grant> = held.collect();
        Ok(Metered {
            tcp,
            lim: Arc::clone(lim),
            ip,
            left,
            read: Payer::default(),
            write: Payer::default(),
            held,
            window,
            last_read: None,
        })
    }
}

impl Drop for Metered {
    fn drop(&mut self) {
        let at = Instant::now() + ACK_AFTERMATH;
        let grants: Vec<Grant> = self
            .held
            .drain(..)
            .chain(self.last_read.take())
            .chain(self.window.take())
            .chain(self.read.grant.take())
            .chain(self.write.grant.take())
            .collect();
        with(&self.lim, |l| {
            grants.into_iter().for_each(|g| l.release(g, at))
        });
    }
}

impl AsyncRead for Metered {
    fn poll_read(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        let me = self.get_mut();
        let max = me.left.min(buf.remaining()).min(SEGMENT);
        if max == 0 {
            return Poll::Ready(Ok(()));
        }
        if let Poll::Ready(Err(e)) = me.read.poll_pay(cx, &me.lim, me.ip, READ_COST) {
            return Poll::Ready(Err(e));
        }
        if me.read.grant.is_none() {
            return Poll::Pending;
        }
        let mut sub = ReadBuf::new(buf.initialize_unfilled_to(max));
        let r = Pin::new(&mut me.tcp).poll_read(cx, &mut sub);
        let n = sub.filled().len();
        if r.is_pending() {
            return Poll::Pending;
        }
        if let Poll::Ready(Ok(())) = r {
            buf.advance(n);
            me.left -= n;
        }
        // This read's grant covers the ACKs it provokes: held until the
        // next read ends (they went with the data it returns, at most a
        // delayed-ACK time later) or the drop.
        if let Some(g) = me.read.grant.take() {
            let at = Instant::now() + ACK_AFTERMATH;
            let old = me.last_read.replace(g);
            let window = me.window.take();
            with(&me.lim, |l| {
                old.into_iter().chain(window).for_each(|g| l.release(g, at))
            });
        }
        r
    }
}
impl AsyncWrite for Metered {
    fn poll_write(self: Pin<&mut Self>, cx: &mut Context<'_>, b: &[u8]) -> Poll<io::Result<usize>> {
        let me = self.get_mut();
        if b.is_empty() {
            return Poll::Ready(Ok(0));
        }
        // A grant taken for an earlier, longer buffer still covers this one.
        let segments = match &me.write.grant {
            Some(g) => g.cost(),
            None => (b.len().div_ceil(SEGMENT) as u32).min(WRITE_SEGMENTS),
        };
        if let Poll::Ready(Err(e)) = me.write.poll_pay(cx, &me.lim, me.ip, segments) {
            return Poll::Ready(Err(e));
        }
        if me.write.grant.is_none() {
            return Poll::Pending;
        }
        let n = b.len().min(segments as usize * SEGMENT);
        let r = Pin::new(&mut me.tcp).poll_write(cx, &b[..n]);
        if r.is_ready() {
            // TCP_NODELAY: the segments leave in the send call (or, with
            // a full congestion window, at the next ACK, a round trip on).
            if let Some(g) = me.write.grant.take() {
                let at = Instant::now() + PROBE_AFTERMATH;
                with(&me.lim, |l| l.release(g, at));
            }
        }
        r
    }
    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.tcp).poll_flush(cx)
    }
    fn poll_shutdown(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        // The FIN: one packet, paid like a write.
        let me = self.get_mut();
        if let Poll::Ready(Err(e)) = me.write.poll_pay(cx, &me.lim, me.ip, 1) {
            return Poll::Ready(Err(e));
        }
        if me.write.grant.is_none() {
            return Poll::Pending;
        }
        let r = Pin::new(&mut me.tcp).poll_shutdown(cx);
        if r.is_ready() {
            if let Some(g) = me.write.grant.take() {
                let at = Instant::now() + PROBE_AFTERMATH;
                with(&me.lim, |l| l.release(g, at));
            }
        }
        r
    }
}

async fn connect(ip: Ipv4Addr, port: u16, t: &Timeouts) -> io::Result<TcpStream> {
    let sock = TcpSocket::new_v4()?;
    sock.set_recv_buffer_size(RECV_BUFFER)?;
    sock.set_nodelay(true)?;
    let stream = timeout(t.connect, sock.connect(SocketAddr::from((ip, port))))
        .await
        .map_err(|_| io::Error::new(io::ErrorKind::TimedOut, "connect timed out"))??;
    // Closed with RST at once, as every other probe.
    #[allow(deprecated)]
    let _ = stream.set_linger(Some(Duration::ZERO));
    Ok(stream)
}

/// Reads one HTTP answer: until its framing says it is all there, the
/// server closes, `max` bytes, or the timeout. With whether another
/// request may follow on the connection.
async fn read_answer<S: AsyncRead + Unpin>(s: &mut S, max: usize, t: Duration) -> (Vec<u8>, bool) {
    let mut buf = Vec::with_capacity(max.min(4096));
    let deadline = Instant::now() + t;
    let mut chunk = [0u8; 2048];
    while buf.len() < max {
        match tokio::time::timeout_at(deadline, s.read(&mut chunk)).await {
            Ok(Ok(0)) | Ok(Err(_)) | Err(_) => return (buf, false),
            Ok(Ok(n)) => buf.extend_from_slice(&chunk[..n.min(max - buf.len())]),
        }
        if let http::Framing::Done { reusable } = http::framing(&buf) {
            let keep = reusable && buf.len() < max;
            return (buf, keep);
        }
    }
    (buf, false)
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

/// An open HTTP or HTTPS connection.
enum Conn {
    Plain(Metered),
    Tls(Box<tokio_rustls::client::TlsStream<Metered>>),
}

impl Conn {
    /// Lets `bytes` more be read (for the next answer).
    fn allow(&mut self, bytes: usize) {
        match self {
            Conn::Plain(m) => m.left = bytes,
            Conn::Tls(t) => t.get_mut().0.left = bytes,
        }
    }

    /// Ends it: TLS close_notify and FIN (HTTPS), then the RST of the drop.
    async fn close(mut self) {
        if let Conn::Tls(t) = &mut self {
            let _ = timeout(Duration::from_millis(100), t.shutdown()).await;
        }
    }
}

impl AsyncRead for Conn {
    fn poll_read(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        match self.get_mut() {
            Conn::Plain(m) => Pin::new(m).poll_read(cx, buf),
            Conn::Tls(t) => Pin::new(t.as_mut()).poll_read(cx, buf),
        }
    }
}

impl AsyncWrite for Conn {
    fn poll_write(self: Pin<&mut Self>, cx: &mut Context<'_>, b: &[u8]) -> Poll<io::Result<usize>> {
        match self.get_mut() {
            Conn::Plain(m) => Pin::new(m).poll_write(cx, b),
            Conn::Tls(t) => Pin::new(t.as_mut()).poll_write(cx, b),
        }
    }
    fn poll_flush(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        match self.get_mut() {
            Conn::Plain(m) => Pin::new(m).poll_flush(cx),
            Conn::Tls(t) => Pin::new(t.as_mut()).poll_flush(cx),
        }
    }
    fn poll_shutdown(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        match self.get_mut() {
            Conn::Plain(m) => Pin::new(m).poll_shutdown(cx),
            Conn::Tls(t) => Pin::new(t.as_mut()).poll_shutdown(cx),
        }
    }
}

fn label(tls: bool) -> &'static str {
    if tls {
        "https"
    } else {
        "http"
    }
}

/// Opens a connection to `port` (with a TLS handshake when `tls`,
/// reading the certificate when `want_cert`); `None` after an error, noted.
async fn open(
    ctx: &Ctx,
    ip: Ipv4Addr,
    port: u16,
    tls: bool,
    want_cert: bool,
    obs: &mut Observations,
) -> Option<Conn> {
    let first = if tls { TLS_READ_MAX } else { HTTP_READ_MAX };
    let tcp = match Metered::connect(ctx, ip, port, first).await {
        Ok(m) => m,
        Err(e) => {
            obs.errors.push(format!(
                "{port}/{}: {}",
                if tls { "tls" } else { "http" },
                crate::identify::bounded_text(e.to_string().as_bytes(), 120)
            ));
            return None;
        }
    };
    if !tls {
        return Some(Conn::Plain(tcp));
    }
    let Some(config) = ctx.tls.clone() else {
        obs.errors.push(format!("{port}/tls: no TLS configuration"));
        return None;
    };
    let name = rustls::pki_types::ServerName::IpAddress(IpAddr::V4(ip).into());
    let stream = match timeout(
        ctx.t.exchange,
        tokio_rustls::TlsConnector::from(config).connect(name, tcp),
    )
    .await
    .map_err(|_| io::Error::new(io::ErrorKind::TimedOut, "handshake timed out"))
    .and_then(|r| r)
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
    let mut c = Conn::Tls(Box::new(stream));
    // The answer may use up what the handshake left: the cap is reset.
    c.allow(HTTP_READ_MAX);
    Some(c)
}

/// Sends `request` and reads the answer; with whether the connection may carry another.
async fn exchange(c: &mut Conn, request: &[u8], t: Duration) -> (Vec<u8>, bool) {
    if c.write_all(request).await.is_err() || c.flush().await.is_err() {
        return (Vec::new(), false);
    }
    read_answer(c, HTTP_READ_MAX, t).await
}

/// Parses an answer into `obs`'s errors or an [`HttpSeen`].
fn seen_of(
    ctx: &Ctx,
    port: u16,
    tls: bool,
    path: &str,
    answer: &[u8],
    obs: &mut Observations,
) -> Option<HttpSeen> {
    let markers: Vec<&str> = ctx.markers.iter().map(String::as_str).collect();
    match http::parse(port, tls, path, answer, &markers) {
        Ok(seen) => Some(seen),
        Err(e) => {
            obs.errors.push(format!(
                "{port}/{}: {}",
                label(tls),
                crate::identify::bounded_text(e.to_string().as_bytes(), 120)
            ));
            None
        }
    }
}

/// `GET /` on one port and at most one redirect that stays on the host:
/// on the same connection when the server keeps it open, else on a new one.
async fn visit(ctx: &Ctx, ip: Ipv4Addr, port: u16, tls: bool, obs: &mut Observations) {
    let host = ip.to_string();
    let Some(mut c) = open(ctx, ip, port, tls, true, obs).await else {
        return;
    };
    let (answer, reusable) =
        exchange(&mut c, &http::first_request(&host, "/"), ctx.t.exchange).await;
    let Some(seen) = seen_of(ctx, port, tls, "/", &answer, obs) else {
        c.close().await;
        return;
    };
    let next = http::same_host_redirect(&seen, &host, port);
    obs.http.push(seen);
    let Some(path) = next else {
        c.close().await;
        return;
    };
    let request = http::request(&host, &path);
    let mut answer = Vec::new();
    if reusable {
        c.allow(HTTP_READ_MAX);
        answer = exchange(&mut c, &request, ctx.t.exchange).await.0;
    }
    c.close().await;
    if answer.is_empty() {
        // Closed (or never to be reused): the one redirect on a second connection.
        let Some(mut c) = open(ctx, ip, port, tls, false, obs).await else {
            return;
        };
        answer = exchange(&mut c, &request, ctx.t.exchange).await.0;
        c.close().await;
    }
    if let Some(s) = seen_of(ctx, port, tls, &path, &answer, obs) {
        obs.http.push(s);
    }
}

async fn ssh_banner(ctx: &Ctx, ip: Ipv4Addr, obs: &mut Observations) {
    let got = async {
        let mut s = Metered::connect(ctx, ip, SSH_PORT, ssh::MAX_BANNER_BYTES).await?;
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
    }
    .await;
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
    let tls_ports = target
        .tcp
        .iter()
        .filter(|p| TLS_PORTS.contains(p) || target.extra_tls.contains(p));
    for &port in tls_ports {
        visit(&ctx, ip, port, true, &mut obs).await;
    }
    for &port in target.tcp.iter().filter(|p| HTTP_PORTS.contains(p)) {
        visit(&ctx, ip, port, false, &mut obs).await;
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
        assert_eq!((MAX_STEP_COST, WINDOW_COST), (3, 2));
    }
}
