//! The scan engine: runs a checked [`Plan`] over a [`Link`] and a
//! [`PortProber`], every packet through the one [`RateLimiter`].
//!
//! Layer 2 (when a link is given): an ARP sweep of the local targets,
//! pipelined (requests go out at the rate cap while replies are gathered),
//! then further rounds only for addresses that did not answer; as soon as a
//! host answers, its gateway probe is queued — an ICMP echo to the outside
//! address with TTL 1, sent to the host's MAC, which only a router answers
//! (Time Exceeded) and which dies at that first hop. Routed targets (not on
//! the interface's networks) get an ICMP echo through the default gateway.
//! Then the port probes, bounded in number in flight, over found hosts and
//! routed targets; a refused connection also proves a host is there.
//!
//! How many ARP rounds: at least `arp_min_rounds`; more while the loss rate
//! estimated from the rounds in which hosts first answered says live hosts
//! may still be missing. Gateway-probe retries follow the same estimate.

use std::cmp::Reverse;
use std::collections::{BTreeMap, BinaryHeap, HashMap, HashSet, VecDeque};
use std::net::Ipv4Addr;
use std::sync::Arc;
use std::time::Duration;

use tokio::sync::watch;
use tokio::task::JoinSet;
use tokio::time::{sleep_until, Instant};

use super::config::{udp_probe_cost, Plan, NEIGHBOUR_RESOLUTION_COST, TCP_PROBE_COST};
use super::evidence::{self, Observed};
use super::limiter::{Grant, RateLimiter};
use super::link::Link;
use super::probe::{PortOutcome, PortProber};
use super::wire::{self, IcmpRepr, Incoming, IpProto, Ipv4FrameAddrs};
use crate::mac::MacAddr;
use crate::oui;
use crate::snapshot::{Host, Proto};

/// Payload of our ICMP echoes: says who sent them to anyone capturing.
pub const ECHO_DATA: &[u8] = b"koseizu probe";
/// TTL of routed ICMP echoes.
const ROUTED_TTL: u8 = 64;
/// Progress is reported at most this often.
const PROGRESS_EVERY: Duration = Duration::from_millis(100);
/// How long after a port probe ends its grant is still held: the server's
/// own first segment (a banner, the FIN of a service that closes at once)
/// can cross our RST, and the kernel answers it with one more RST.
pub const PROBE_AFTERMATH: Duration = Duration::from_millis(50);
/// Stop retrying when fewer live hosts than this are expected to be missing.
const MISSING_HOSTS_TOLERATED: f64 = 0.02;
/// Gateway-probe retries aim to miss fewer routers than this share.
const ROUTER_MISS_TOLERATED: f64 = 0.01;

/// What the engine is doing, for progress display.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Phase {
    /// ARP sweep, gateway and ICMP probes.
    Discovery,
    /// TCP/UDP port probes.
    Ports,
    /// Finished.
    Done,
}

/// A progress report.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ProgressStats {
    /// Current phase.
    pub phase: Phase,
    /// Targets (discovery) or port probes (ports) done so far.
    pub done: u64,
    /// Of how many.
    pub total: u64,
    /// Hosts found so far.
    pub hosts: usize,
    /// Packets per second over the last report interval.
    pub rate_pps: f64,
    /// Packets sent in all.
    pub packets: u64,
}

/// Receives progress reports.
pub trait Progress {
    /// Called about every 100 ms and at phase changes.
    fn update(&mut self, stats: &ProgressStats);
}

/// Discards progress.
#[derive(Debug, Default)]
pub struct NoProgress;

impl Progress for NoProgress {
    fn update(&mut self, _: &ProgressStats) {}
}

/// The outcome of a scan.
#[derive(Debug, Clone, PartialEq)]
pub struct ScanResult {
    /// Hosts found, sorted by IP.
    pub hosts: Vec<Host>,
    /// True if stopped early (Ctrl-C).
    pub partial: bool,
    /// What the scan could not see.
    pub limitations: Vec<String>,
    /// Packets sent (as counted by the limiter).
    pub packets: u64,
}

/// State shared by the phases.
struct Run<'p> {
    plan: &'p Plan,
    limiter: RateLimiter,
    hosts: BTreeMap<Ipv4Addr, Observed>,
    /// Round in which each ARP-found host first answered (loss estimate).
    found_round: HashMap<Ipv4Addr, u32>,
    arp_round: u32,
    /// Last ARP / echo sent to each target, for round-trip times.
    sent_at: HashMap<Ipv4Addr, Instant>,
    /// Gateway-probe index → host, and back.
    gw_hosts: Vec<Ipv4Addr>,
    gw_index: HashMap<Ipv4Addr, usize>,
    /// First gateway probes waiting for the per-host cap: (ready, host).
    gw_first: BinaryHeap<Reverse<(Instant, Ipv4Addr)>>,
    /// Gateway-probe retries: (due, host, attempt number).
    gw_retry: BinaryHeap<Reverse<(Instant, Ipv4Addr, u32)>>,
    gw_attempts: HashMap<Ipv4Addr, u32>,
    partial: bool,
    limitations: Vec<String>,
    done: u64,
    total: u64,
    /// (time, packets sent) at recent reports, for the displayed rate.
    samples: VecDeque<(Instant, u64)>,
    /// MAC of the default gateway (from the system, or learned by ARP).
    gateway_mac: Option<MacAddr>,
}

fn min_instant(a: Option<Instant>, b: Instant) -> Option<Instant> {
    Some(a.map_or(b, |a| a.min(b)))
}

impl<'p> Run<'p> {
    fn new(plan: &'p Plan) -> Run<'p> {
        Run {
            plan,
            limiter: RateLimiter::new(plan.rate_pps, plan.host_rate_pps, plan.max_probe_cost()),
            hosts: BTreeMap::new(),
            found_round: HashMap::new(),
            arp_round: 0,
            sent_at: HashMap::new(),
            gw_hosts: Vec::new(),
            gw_index: HashMap::new(),
            gw_first: BinaryHeap::new(),
            gw_retry: BinaryHeap::new(),
            gw_attempts: HashMap::new(),
            partial: false,
            limitations: Vec::new(),
            done: 0,
            total: 0,
            samples: VecDeque::new(),
            gateway_mac: plan.iface.gateway.and_then(|(_, m)| m),
        }
    }

    fn report(&mut self, progress: &mut dyn Progress, phase: Phase, force: bool) {
        let now = Instant::now();
        let packets = self.limiter.packets();
        if !force
            && self
                .samples
                .back()
                .is_some_and(|(t, _)| now.duration_since(*t) < PROGRESS_EVERY)
        {
            return;
        }
        // Rate over the last second (not the last report interval, which
        // would show the limiter's small bursts as rates above the cap).
        while self.samples.len() > 1
            && self
                .samples
                .front()
                .is_some_and(|(t, _)| now.duration_since(*t) > Duration::from_secs(1))
        {
            self.samples.pop_front();
        }
        let rate = match self.samples.front() {
            Some((t, p)) if now.duration_since(*t) >= PROGRESS_EVERY => {
                (packets - p) as f64 / now.duration_since(*t).as_secs_f64()
            }
            _ => 0.0,
        };
        self.samples.push_back((now, packets));
        progress.update(&ProgressStats {
            phase,
            done: self.done,
            total: self.total,
            hosts: self.hosts.len(),
            rate_pps: rate,
            packets,
        });
    }

    /// Per-attempt answer probability estimated from the rounds in which
    /// hosts first answered (geometric: p = hosts / attempts they needed).
    fn answer_probability(&self) -> Option<f64> {
        let n = self.found_round.len();
        if n == 0 {
            return None;
        }
        let attempts: u64 = self.found_round.values().map(|&r| u64::from(r)).sum();
        Some(n as f64 / attempts as f64)
    }

    /// Live hosts expected to be still missing after `rounds` ARP rounds.
    fn expected_missing(&self, rounds: u32) -> f64 {
        let Some(p) = self.answer_probability() else {
            return 0.0;
        };
        let miss = (1.0 - p).powi(rounds as i32);
        if miss >= 1.0 {
            return f64::INFINITY;
        }
        self.found_round.len() as f64 * miss / (1.0 - miss)
    }

    /// Gateway probes per host the loss estimate calls for.
    fn gateway_probes_needed(&self) -> u32 {
        let max = self.plan.timing.gateway_max_probes.max(1);
        let q = 1.0 - self.answer_probability().unwrap_or(1.0);
        if q <= 0.0 {
            return 1;
        }
        let n = (ROUTER_MISS_TOLERATED.ln() / q.ln()).ceil();
        (n.max(1.0) as u32).min(max)
    }

    /// A wait of at least `floor`, longer when answers come slowly: four
    /// times the slowest round trip seen, at most `max_wait`.
    fn wait(&self, floor: Duration) -> Duration {
        let slowest = self
            .hosts
            .values()
            .filter_map(|s| s.rtt)
            .max()
            .unwrap_or_default();
        (slowest * 4)
            .max(floor)
            .min(self.plan.timing.max_wait.max(floor))
    }

    fn excluded(&self, ip: Ipv4Addr, mac: Option<MacAddr>) -> bool {
        self.plan.is_excluded(ip, mac, mac.and_then(oui::vendor))
    }

    /// True if the default gateway matches `--exclude`: every packet to a
    /// routed target would pass through it, so routed targets get none.
    fn gateway_excluded(&self) -> bool {
        self.plan
            .iface
            .gateway
            .is_some_and(|(ip, _)| self.excluded(ip, self.gateway_mac))
    }

    fn in_scope(&self, ip: Ipv4Addr) -> bool {
        ip != self.plan.scanner_ip
            && self.plan.scopes.iter().any(|n| {
                n.contains(ip) && (n.prefix() > 30 || (ip != n.network() && ip != n.broadcast()))
            })
    }

    /// Reads one received frame; anything unexpected is ignored.
    fn handle_frame(&mut self, frame: &[u8], now: Instant) {
        let Ok(incoming) = wire::parse_frame(frame) else {
            return;
        };
        let scanner = self.plan.scanner_ip;
        match incoming {
            Incoming::Arp { arp, .. } => {
                let usable_mac = !arp.sender_mac.is_multicast() && arp.sender_mac != MacAddr::ZERO;
                if arp.op == wire::ArpOp::Reply
                    && arp.target_ip == scanner
                    && usable_mac
                    && self.gateway_mac.is_none()
                    && self.plan.iface.gateway.map(|(ip, _)| ip) == Some(arp.sender_ip)
                {
                    self.gateway_mac = Some(arp.sender_mac);
                }
                if arp.op != wire::ArpOp::Reply
                    || arp.target_ip != scanner
                    || !self.in_scope(arp.sender_ip)
                    || !self.plan.is_local(arp.sender_ip)
                    || arp.sender_mac.is_multicast()
                    || arp.sender_mac == MacAddr::ZERO
                {
                    return;
                }
                self.arp_answer(arp.sender_ip, arp.sender_mac, now);
            }
            Incoming::Icmp { ip, icmp, .. } => {
                if ip.dst != scanner {
                    return;
                }
                match icmp {
                    IcmpRepr::TimeExceeded {
                        quoted,
                        quoted_payload,
                        ..
                    } => {
                        if quoted.src != scanner
                            || quoted.dst != self.plan.outside_probe
                            || quoted.protocol != IpProto::Icmp
                            || quoted_payload.len() < 8
                            || quoted_payload[0] != 8
                        {
                            return;
                        }
                        let ident = u16::from_be_bytes([quoted_payload[4], quoted_payload[5]]);
                        let seq = u16::from_be_bytes([quoted_payload[6], quoted_payload[7]]);
                        if ident != self.plan.ident {
                            return;
                        }
                        let index = (usize::from(quoted.ident) << 16) | usize::from(seq);
                        if let Some(&host) = self.gw_hosts.get(index) {
                            if let Some(seen) = self.hosts.get_mut(&host) {
                                seen.gateway_responder.get_or_insert(ip.src);
                            }
                        }
                    }
                    IcmpRepr::EchoReply { ident, .. } => {
                        if ident != self.plan.ident
                            || self.plan.is_local(ip.src)
                            || !self.in_scope(ip.src)
                        {
                            return;
                        }
                        let rtt = self.sent_at.get(&ip.src).map(|t| now.duration_since(*t));
                        let seen = self.hosts.entry(ip.src).or_default();
                        if let Some(rtt) = rtt {
                            seen.note_rtt(rtt);
                        }
                    }
                    _ => {}
                }
            }
            Incoming::Other => {}
        }
    }

    fn arp_answer(&mut self, ip: Ipv4Addr, mac: MacAddr, now: Instant) {
        let rtt = self.sent_at.get(&ip).map(|t| now.duration_since(*t));
        if let Some(seen) = self.hosts.get_mut(&ip) {
            if seen.mac != Some(mac) && !seen.other_macs.contains(&mac) {
                seen.other_macs.push(mac);
                // Port probes go by IP and may reach either device.
                if self.plan.is_excluded(ip, Some(mac), oui::vendor(mac)) {
                    seen.excluded = true;
                }
            }
            if let Some(rtt) = rtt {
                seen.note_rtt(rtt);
            }
            return;
        }
        let excluded = self.excluded(ip, Some(mac));
        let mut seen = Observed {
            mac: Some(mac),
            excluded,
            ..Observed::default()
        };
        if let Some(rtt) = rtt {
            seen.note_rtt(rtt);
        }
        self.hosts.insert(ip, seen);
        self.found_round.insert(ip, self.arp_round.max(1));
        if !excluded {
            let ready = self.limiter.ready_at(ip, 1, now);
            self.gw_first.push(Reverse((ready, ip)));
        }
    }

    /// Sends one frame under `grant`, then releases it: the frame is on
    /// the wire once the send returns, so that is when its second starts.
    fn send<L: Link>(&mut self, link: &mut L, frame: &[u8], grant: Grant) {
        if let Err(e) = link.send(frame) {
            self.note_send_error(&e);
        }
        self.limiter.release(grant, Instant::now());
    }

    /// Sends a gateway probe to `host` under `grant`.
    fn send_gateway_probe<L: Link>(
        &mut self,
        link: &mut L,
        host: Ipv4Addr,
        attempt: u32,
        now: Instant,
        grant: Grant,
    ) {
        let Some(mac) = self.hosts.get(&host).and_then(|s| s.mac) else {
            self.limiter.release(grant, now);
            return;
        };
        let index = match self.gw_index.get(&host) {
            Some(&i) => i,
            None => {
                self.gw_hosts.push(host);
                self.gw_index.insert(host, self.gw_hosts.len() - 1);
                self.gw_hosts.len() - 1
            }
        };
        self.gw_attempts.insert(host, attempt);
        let Some(own_mac) = self.plan.iface.mac else {
            self.limiter.release(grant, now);
            return;
        };
        let frame = wire::icmp_echo_frame(
            Ipv4FrameAddrs {
                src_mac: own_mac,
                dst_mac: mac,
                src_ip: self.plan.scanner_ip,
                dst_ip: self.plan.outside_probe,
            },
            1,
            (index >> 16) as u16,
            self.plan.ident,
            (index & 0xffff) as u16,
            ECHO_DATA,
        );
        self.send(link, &frame, grant);
        self.gw_retry.push(Reverse((
            now + self.plan.timing.gateway_retry_wait,
            host,
            attempt + 1,
        )));
    }

    fn note_send_error(&mut self, e: &std::io::Error) {
        let msg = format!("some frames could not be sent: {e}");
        if !self.limitations.contains(&msg) {
            self.limitations.push(msg);
        }
    }

    fn unanswered_local(&self, ip: Ipv4Addr) -> bool {
        self.plan.is_local(ip) && !self.hosts.contains_key(&ip)
    }
}

/// Waits for the stop signal (Ctrl-C), or forever if its sender is gone.
async fn stopped(stop: &mut watch::Receiver<bool>) {
    loop {
        if *stop.borrow() {
            return;
        }
        if stop.changed().await.is_err() {
            std::future::pending::<()>().await;
        }
    }
}

/// Layer-2 discovery: ARP sweep with retries, gateway probes, routed echoes.
async fn discover<L: Link>(
    run: &mut Run<'_>,
    link: &mut L,
    progress: &mut dyn Progress,
    stop: &mut watch::Receiver<bool>,
) {
    let plan = run.plan;
    let Some(own_mac) = plan.iface.mac else {
        return;
    };
    let timing = &plan.timing;
    run.total = plan.targets().count() as u64;
    run.arp_round = 1;
    let local_targets = move || {
        plan.targets()
            .filter(move |ip| plan.is_local(*ip))
            .peekable()
    };
    let mut arp = Some(local_targets());
    let mut routed = plan
        .targets()
        .filter(|ip| !plan.is_local(*ip) && !plan.is_excluded(*ip, None, None))
        .peekable();
    let has_routed = routed.peek().is_some();
    if has_routed
        && plan
            .excludes
            .iter()
            .any(|e| !matches!(e, super::config::Exclude::Network(_)))
    {
        run.limitations.push(
            "routed scopes: MAC and vendor exclusions cannot be recognised there (no ARP); only IP/CIDR exclusions apply".into(),
        );
    }
    // Routed echoes go through the default gateway: if the system does not
    // know its MAC yet, ask it (a few times, in case of loss).
    let gateway_ip = plan
        .iface
        .gateway
        .map(|(ip, _)| ip)
        .filter(|ip| plan.is_local(*ip));
    let mut gateway_asks_left: u32 = if has_routed && gateway_ip.is_some() {
        5
    } else {
        0
    };
    let mut next_gateway_ask = Instant::now();
    let mut routed_seq: u16 = 0;
    let mut retry_wait = timing.round_wait;
    let mut arp_done = false;
    let mut last_sent = Instant::now();
    loop {
        let now = Instant::now();
        while let Some(frame) = link.try_recv() {
            run.handle_frame(&frame, now);
        }
        if *stop.borrow() {
            run.partial = true;
            return;
        }
        run.report(progress, Phase::Discovery, false);
        let mut wake: Option<Instant> = None;
        let mut sent = false;

        // 0. The default gateway's MAC, when routed targets need it.
        if run.gateway_mac.is_some() {
            gateway_asks_left = 0;
        }
        if let (Some(gw), true) = (gateway_ip, gateway_asks_left > 0) {
            if next_gateway_ask <= now {
                match run.limiter.try_acquire(gw, 1, now) {
                    Ok(grant) => {
                        let frame = wire::arp_request_frame(own_mac, plan.scanner_ip, gw);
                        run.send(link, &frame, grant);
                        gateway_asks_left -= 1;
                        next_gateway_ask = now + run.wait(timing.round_wait * 4);
                        sent = true;
                    }
                    Err(t) => wake = min_instant(wake, t),
                }
            } else {
                wake = min_instant(wake, next_gateway_ask);
            }
        }
        // 1. First gateway probes of newly found hosts.
        let first_probe = if sent {
            None
        } else {
            run.gw_first.peek().copied()
        };
        if let Some(Reverse((ready, host))) = first_probe {
            if ready <= now {
                match run.limiter.try_acquire(host, 1, now) {
                    Ok(grant) => {
                        run.gw_first.pop();
                        run.send_gateway_probe(link, host, 1, now, grant);
                        sent = true;
                    }
                    Err(t) => {
                        // Still capped: requeue at the time the limiter gave.
                        run.gw_first.pop();
                        run.gw_first.push(Reverse((t, host)));
                        wake = min_instant(wake, t);
                    }
                }
            } else {
                wake = min_instant(wake, ready);
            }
        }
        // 2. Gateway-probe retries, once the loss estimate is final.
        if !sent && arp_done {
            let needed = run.gateway_probes_needed();
            while let Some(&Reverse((due, host, attempt))) = run.gw_retry.peek() {
                let answered = run
                    .hosts
                    .get(&host)
                    .map_or(true, |s| s.gateway_responder.is_some());
                if answered || attempt > needed {
                    run.gw_retry.pop();
                    continue;
                }
                if due > now {
                    wake = min_instant(wake, due);
                    break;
                }
                match run.limiter.try_acquire(host, 1, now) {
                    Ok(grant) => {
                        run.gw_retry.pop();
                        run.send_gateway_probe(link, host, attempt, now, grant);
                        sent = true;
                    }
                    Err(t) => {
                        run.gw_retry.pop();
                        run.gw_retry.push(Reverse((t, host, attempt)));
                        wake = min_instant(wake, t);
                    }
                }
                break;
            }
        }
        // 3. The ARP sweep. A retry waits only for its own address's last
        // request to have had time to be answered, so rounds follow each
        // other without a pause.
        if !sent {
            if let Some(iter) = arp.as_mut() {
                while iter.peek().is_some_and(|ip| !run.unanswered_local(*ip)) {
                    iter.next();
                }
                if let Some(&target) = iter.peek() {
                    let due = run.sent_at.get(&target).map_or(now, |t| *t + retry_wait);
                    if due > now {
                        wake = min_instant(wake, due);
                    } else {
                        match run.limiter.try_acquire(target, 1, now) {
                            Ok(grant) => {
                                iter.next();
                                let frame =
                                    wire::arp_request_frame(own_mac, plan.scanner_ip, target);
                                run.send(link, &frame, grant);
                                run.sent_at.insert(target, now);
                                if run.arp_round == 1 {
                                    run.done += 1;
                                }
                                sent = true;
                            }
                            Err(t) => wake = min_instant(wake, t),
                        }
                    }
                } else {
                    // End of a round: is another worth it?
                    let r = run.arp_round;
                    let missing = run.expected_missing(r);
                    let silent_left = plan.targets().any(|ip| run.unanswered_local(ip));
                    let another = silent_left
                        && r < timing.arp_max_rounds
                        && (r < timing.arp_min_rounds || missing > MISSING_HOSTS_TOLERATED);
                    if another {
                        run.arp_round += 1;
                        retry_wait = run
                            .wait(timing.round_wait + timing.round_backoff * (run.arp_round - 2));
                        arp = Some(local_targets());
                        continue;
                    }
                    arp = None;
                    arp_done = true;
                }
            }
        }
        // 4. Routed targets: one echo each through the default gateway.
        if !sent && !run.gateway_excluded() {
            if let Some(gw_mac) = run.gateway_mac {
                if let Some(&target) = routed.peek() {
                    match run.limiter.try_acquire(target, 1, now) {
                        Ok(grant) => {
                            routed.next();
                            let frame = wire::icmp_echo_frame(
                                Ipv4FrameAddrs {
                                    src_mac: own_mac,
                                    dst_mac: gw_mac,
                                    src_ip: plan.scanner_ip,
                                    dst_ip: target,
                                },
                                ROUTED_TTL,
                                routed_seq,
                                plan.ident,
                                routed_seq,
                                ECHO_DATA,
                            );
                            routed_seq = routed_seq.wrapping_add(1);
                            run.send(link, &frame, grant);
                            run.sent_at.insert(target, now);
                            run.done += 1;
                            sent = true;
                        }
                        Err(t) => wake = min_instant(wake, t),
                    }
                }
            }
        }
        if sent {
            last_sent = now;
            continue;
        }
        let idle = arp_done
            && run.gw_first.is_empty()
            && run.gw_retry.is_empty()
            && gateway_asks_left == 0
            && (run.gateway_mac.is_none() || run.gateway_excluded() || routed.peek().is_none());
        if idle {
            // Counted from the last packet: the round waits overlap it.
            let end = last_sent + run.wait(timing.final_wait);
            if end <= now {
                if has_routed && run.gateway_mac.is_none() && !run.gateway_excluded() {
                    run.limitations.push(
                        "routed scopes: the default gateway's MAC is unknown, so no ICMP echo was sent; routed hosts were found by TCP/UDP probes only".into(),
                    );
                }
                return;
            }
            wake = min_instant(wake, end);
        }
        let deadline = wake.unwrap_or(now + timing.round_wait);
        tokio::select! {
            biased;
            _ = stopped(stop) => {}
            frame = link.recv() => {
                if let Some(frame) = frame {
                    run.handle_frame(&frame, Instant::now());
                }
            }
            _ = sleep_until(deadline) => {}
        }
    }
}

/// Port probes over found hosts and (when discovery could not reach them
/// at layer 2) routed or all targets.
async fn probe_ports<P: PortProber>(
    run: &mut Run<'_>,
    prober: Arc<P>,
    layer2: bool,
    progress: &mut dyn Progress,
    stop: &mut watch::Receiver<bool>,
) {
    let plan = run.plan;
    if plan.ports.is_empty() {
        return;
    }
    // Hosts found at layer 2 and not excluded, then the targets layer 2 did
    // not reach (routed ones; all of them when unprivileged). The two sets
    // are disjoint: found hosts are local, blind targets are not.
    let found: Vec<Ipv4Addr> = run
        .hosts
        .iter()
        .filter(|(ip, s)| !s.excluded && (!layer2 || plan.is_local(**ip)))
        .map(|(ip, _)| *ip)
        .collect();
    let gateway_excluded = run.gateway_excluded();
    let blind = move |ip: &Ipv4Addr| {
        (!layer2 || !plan.is_local(*ip))
            && !plan.is_excluded(*ip, None, None)
            && (plan.is_local(*ip) || !gateway_excluded)
    };
    let blind_count = plan.targets().filter(|ip| blind(ip)).count();
    let per_port = found.len() + blind_count;
    let ports: Vec<(Proto, u16)> = plan
        .ports
        .tcp
        .iter()
        .map(|p| (Proto::Tcp, *p))
        .chain(plan.ports.udp.iter().map(|p| (Proto::Udp, *p)))
        .collect();
    run.done = 0;
    run.total = (per_port * ports.len()) as u64;
    run.report(progress, Phase::Ports, true);
    // Ports outer, hosts inner: consecutive probes go to different hosts,
    // so the per-host cap rarely holds the queue up.
    let found_ref = &found;
    let mut jobs = ports
        .iter()
        .flat_map(move |&(proto, port)| {
            found_ref
                .iter()
                .copied()
                .chain(plan.targets().filter(move |ip| blind(ip)))
                .map(move |ip| (ip, proto, port))
        })
        .peekable();
    let mut set: JoinSet<(Ipv4Addr, Proto, u16, PortOutcome)> = JoinSet::new();
    // The grant of each probe running: its frames (SYN, ACK, RST, the
    // kernel's ARP; the datagrams) go out while it runs, so it is released
    // when the probe is over, not when it starts.
    let mut grants: HashMap<tokio::task::Id, Grant> = HashMap::new();
    // Local hosts already probed once (their kernel ARP is paid).
    let mut contacted: HashSet<Ipv4Addr> = HashSet::new();
    let concurrency = plan.timing.concurrency.max(1);
    loop {
        if *stop.borrow() {
            run.partial = true;
            set.abort_all();
            return;
        }
        let now = Instant::now();
        let mut wake = None;
        while set.len() < concurrency {
            let Some(&(ip, proto, port)) = jobs.peek() else {
                break;
            };
            let mut cost = if proto == Proto::Tcp {
                TCP_PROBE_COST
            } else {
                udp_probe_cost(port)
            };
            let first_local = plan.is_local(ip) && !contacted.contains(&ip);
            if first_local {
                cost += NEIGHBOUR_RESOLUTION_COST;
            }
            match run.limiter.try_acquire(ip, cost, now) {
                Ok(grant) => {
                    jobs.next();
                    if first_local {
                        contacted.insert(ip);
                    }
                    let p = Arc::clone(&prober);
                    let task =
                        set.spawn(async move { (ip, proto, port, p.probe(ip, proto, port).await) });
                    grants.insert(task.id(), grant);
                }
                Err(t) => {
                    wake = Some(t);
                    break;
                }
            }
        }
        run.report(progress, Phase::Ports, false);
        if set.is_empty() && jobs.peek().is_none() {
            return;
        }
        tokio::select! {
            biased;
            _ = stopped(stop) => {}
            res = set.join_next_with_id(), if !set.is_empty() => {
                let id = match &res {
                    Some(Ok((id, _))) => Some(*id),
                    Some(Err(e)) => Some(e.id()),
                    None => None,
                };
                if let Some(grant) = id.and_then(|id| grants.remove(&id)) {
                    run.limiter.release(grant, Instant::now() + PROBE_AFTERMATH);
                }
                if let Some(Ok((_, (ip, proto, port, outcome)))) = res {
                    run.done += 1;
                    match outcome {
                        PortOutcome::Open { rtt } => {
                            let seen = run.hosts.entry(ip).or_default();
                            seen.ports.push((proto, port));
                            seen.note_rtt(rtt);
                        }
                        PortOutcome::Closed { rtt } => run.hosts.entry(ip).or_default().note_rtt(rtt),
                        PortOutcome::Silent => {}
                    }
                }
            }
            _ = sleep_until(wake.unwrap_or(now + PROGRESS_EVERY)) => {}
        }
    }
}

/// The system's neighbour (ARP) table: (IP, MAC) pairs.
pub type NeighbourTable<'a> = &'a dyn Fn() -> Vec<(Ipv4Addr, MacAddr)>;

/// Runs the scan. `link` is `None` in unprivileged mode, where MACs of local
/// hosts come from `neighbours` after the probes. Setting `stop` to true
/// (Ctrl-C) ends it early with what was found, marked partial.
pub async fn run<L: Link, P: PortProber>(
    plan: &Plan,
    link: Option<&mut L>,
    prober: Arc<P>,
    neighbours: NeighbourTable<'_>,
    progress: &mut dyn Progress,
    stop: watch::Receiver<bool>,
) -> ScanResult {
    run_keeping_limiter(plan, link, prober, neighbours, progress, stop)
        .await
        .0
}

/// [`run`], and the rate limiter with every packet the scan sent still
/// counted: what comes next (identification) goes on under the same caps
/// at once, without waiting for the scan's packets to leave the window.
pub async fn run_keeping_limiter<L: Link, P: PortProber>(
    plan: &Plan,
    link: Option<&mut L>,
    prober: Arc<P>,
    neighbours: NeighbourTable<'_>,
    progress: &mut dyn Progress,
    mut stop: watch::Receiver<bool>,
) -> (ScanResult, RateLimiter) {
    let mut run = Run::new(plan);
    let layer2 = link.is_some();
    if let Some(link) = link {
        discover(&mut run, link, progress, &mut stop).await;
    } else {
        run.limitations.extend([
            "unprivileged: no ARP sweep, so hosts that answer no probed port are not found"
                .to_string(),
            "unprivileged: MACs only from the kernel's neighbour table (local hosts that answered a probe); no IP-conflict detection"
                .to_string(),
            "unprivileged: no gateway probe, so routers are found only by their services"
                .to_string(),
        ]);
    }
    if !run.partial {
        probe_ports(&mut run, prober, layer2, progress, &mut stop).await;
    }
    if run.gateway_excluded() && plan.targets().any(|ip| !plan.is_local(ip)) {
        run.limitations.push(
            "routed scopes: the default gateway is excluded (--exclude) and every packet to a routed target would pass through it, so routed targets were not probed".into(),
        );
    }
    if !layer2 {
        for (ip, mac) in neighbours() {
            if plan.is_local(ip) {
                if let Some(seen) = run.hosts.get_mut(&ip) {
                    seen.mac.get_or_insert(mac);
                }
            }
        }
    }
    run.report(progress, Phase::Done, true);
    let gateway = plan.iface.gateway.map(|(ip, _)| ip);
    let hosts = run
        .hosts
        .iter()
        .filter(|(ip, _)| **ip != plan.scanner_ip)
        .map(|(ip, seen)| evidence::host(*ip, seen, gateway))
        .collect();
    let result = ScanResult {
        hosts,
        partial: run.partial,
        limitations: run.limitations,
        packets: run.limiter.packets(),
    };
    (result, run.limiter)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scan::config::tests::{iface, request};
    use crate::scan::fake::{FakeHost, FakeLink, FakeProber};
    use crate::snapshot::{ExternalEvidence, HostFlag};

    const GW_MAC: &str = "00:09:0f:00:00:01"; // a Fortinet OUI

    fn plan_with(f: impl FnOnce(&mut crate::scan::config::Request)) -> Plan {
        let mut req = request();
        f(&mut req);
        let mut i = iface();
        i.gateway = Some((Ipv4Addr::new(198, 18, 0, 1), Some(GW_MAC.parse().unwrap())));
        Plan::build(&req, i).unwrap()
    }

    fn lan() -> Vec<FakeHost> {
        let mut behind_router = FakeHost::router([198, 18, 0, 1], GW_MAC);
        behind_router.behind = vec![Ipv4Addr::new(198, 18, 5, 9)];
        vec![
            behind_router,
            FakeHost::new([198, 18, 0, 10], "00:11:22:33:44:10"),
            FakeHost::new([198, 18, 0, 11], "02:11:22:33:44:11"),
            // A router nobody declared.
            FakeHost::router([198, 18, 0, 77], "52:54:00:00:00:77"),
            FakeHost::new([198, 18, 0, 200], "00:00:5e:00:01:01"),
            // The scanner itself must not become a host.
            FakeHost::new([198, 18, 0, 2], "02:00:00:00:00:01"),
        ]
    }

    async fn scan(plan: &Plan, link: &mut FakeLink, prober: FakeProber) -> ScanResult {
        let (_tx, rx) = watch::channel(false);
        run(
            plan,
            Some(link),
            Arc::new(prober),
            &no_neighbours,
            &mut NoProgress,
            rx,
        )
        .await
    }

    fn no_neighbours() -> Vec<(Ipv4Addr, MacAddr)> {
        Vec::new()
    }

    fn ips(r: &ScanResult) -> Vec<String> {
        r.hosts.iter().map(|h| h.ip.to_string()).collect()
    }

    #[tokio::test(start_paused = true)]
    async fn finds_exactly_the_hosts_and_flags_only_routers() {
        let plan = plan_with(|r| r.ports = Some("22,443,u500".into()));
        let mut link = FakeLink::new(lan()).with_garbage();
        let prober = FakeProber::default()
            .open([198, 18, 0, 10], Proto::Tcp, 22)
            .open([198, 18, 0, 1], Proto::Tcp, 443)
            .open([198, 18, 0, 77], Proto::Udp, 500);
        let r = scan(&plan, &mut link, prober).await;
        assert!(!r.partial);
        assert_eq!(
            ips(&r),
            [
                "198.18.0.1",
                "198.18.0.10",
                "198.18.0.11",
                "198.18.0.77",
                "198.18.0.200"
            ]
        );
        let by_ip: HashMap<String, &Host> = r.hosts.iter().map(|h| (h.ip.to_string(), h)).collect();
        assert_eq!(
            by_ip["198.18.0.10"].mac,
            Some("00:11:22:33:44:10".parse().unwrap())
        );
        assert_eq!(
            by_ip["198.18.0.77"].mac,
            Some("52:54:00:00:00:77".parse().unwrap())
        );
        for (ip, h) in &by_ip {
            let probed = h
                .external
                .iter()
                .any(|e| matches!(e, ExternalEvidence::GatewayProbe { .. }));
            assert_eq!(probed, ip == "198.18.0.1" || ip == "198.18.0.77", "{ip}");
        }
        let gw = by_ip["198.18.0.1"];
        assert!(gw.external.contains(&ExternalEvidence::DefaultGateway));
        assert!(gw
            .external
            .iter()
            .any(|e| matches!(e, ExternalEvidence::Vendor { .. })));
        assert!(gw.external.contains(&ExternalEvidence::Service {
            proto: Proto::Tcp,
            port: 443,
            what: "SSL-VPN".into()
        }));
        assert!(by_ip["198.18.0.77"]
            .external
            .contains(&ExternalEvidence::Service {
                proto: Proto::Udp,
                port: 500,
                what: "IKE".into()
            }));
        assert_eq!(
            by_ip["198.18.0.10"].ports[0].service.as_deref(),
            Some("ssh")
        );
        assert_eq!(by_ip["198.18.0.11"].flags, vec![HostFlag::RandomisedMac]);
        assert_eq!(by_ip["198.18.0.200"].flags, vec![HostFlag::VrrpMac]);
        // Everything sent is well formed; gateway probes carry TTL 1 and go
        // to the outside address; nothing is addressed to the scanner.
        for (_, f) in link.sent.lock().unwrap().iter() {
            match wire::parse_frame(f).expect("engine sent a malformed frame") {
                Incoming::Arp { arp, .. } => assert_ne!(arp.target_ip, plan.scanner_ip),
                Incoming::Icmp { ip, .. } => {
                    assert_eq!(ip.dst, plan.outside_probe);
                    assert_eq!(ip.ttl, 1);
                }
                Incoming::Other => panic!("unexpected frame"),
            }
        }
    }

    #[tokio::test(start_paused = true)]
    async fn excluded_hosts_get_nothing_but_arp() {
        let plan = plan_with(|r| {
            r.ports = Some("22,u500".into());
            r.excludes = vec![
                "198.18.0.10".into(),
                "52-54-00-00-00-77".into(),
                "fortinet".into(),
            ];
        });
        let mut link = FakeLink::new(lan());
        let prober = FakeProber::default();
        let log = prober.log.clone();
        let r = scan(&plan, &mut link, prober).await;
        let excluded: HashSet<Ipv4Addr> = ["198.18.0.10", "198.18.0.77", "198.18.0.1"]
            .iter()
            .map(|s| s.parse().unwrap())
            .collect();
        let excluded_macs: Vec<MacAddr> = ["00:11:22:33:44:10", "52:54:00:00:00:77", GW_MAC]
            .iter()
            .map(|s| s.parse().unwrap())
            .collect();
        for h in &r.hosts {
            let ip = match h.ip {
                std::net::IpAddr::V4(ip) => ip,
                _ => unreachable!(),
            };
            assert_eq!(
                h.flags.contains(&HostFlag::Excluded),
                excluded.contains(&ip),
                "{ip}"
            );
            if excluded.contains(&ip) {
                assert!(h
                    .external
                    .iter()
                    .all(|e| !matches!(e, ExternalEvidence::GatewayProbe { .. })));
            }
        }
        assert_eq!(r.hosts.len(), 5);
        let mut arps_to_excluded = 0;
        for (_, f) in link.sent.lock().unwrap().iter() {
            let (eth, _) = wire::EthernetRepr::parse(f).unwrap();
            assert!(
                !excluded_macs.contains(&eth.dst),
                "non-ARP frame sent to an excluded host"
            );
            if let Ok(Incoming::Arp { arp, .. }) = wire::parse_frame(f) {
                arps_to_excluded += usize::from(excluded.contains(&arp.target_ip));
            }
        }
        assert!(arps_to_excluded >= 3);
        let probed: HashSet<Ipv4Addr> = log.lock().unwrap().iter().map(|p| p.1).collect();
        assert!(probed.is_disjoint(&excluded), "{probed:?}");
        assert!(probed.contains(&"198.18.0.11".parse().unwrap()));
    }

    /// Largest weighted count in any one-second window.
    fn max_in_window(events: &mut [(Instant, u32)]) -> u32 {
        events.sort_by_key(|e| e.0);
        let mut best = 0;
        for i in 0..events.len() {
            let t0 = events[i].0;
            let n: u32 = events[i..]
                .iter()
                .take_while(|(t, _)| *t < t0 + Duration::from_secs(1))
                .map(|e| e.1)
                .sum();
            best = best.max(n);
        }
        best
    }

    #[tokio::test(start_paused = true)]
    async fn both_rate_caps_hold_for_every_kind_of_probe() {
        let plan = plan_with(|r| {
            r.cidrs = vec!["198.18.0.0/26".parse().unwrap()];
            r.rate = 150;
            r.host_rate = 10;
            r.ports = Some("22,80,443,3389,u500,u4500".into());
        });
        let mut hosts: Vec<FakeHost> = (3..40u8)
            .map(|i| FakeHost::new([198, 18, 0, i], &format!("00:11:22:33:44:{i:02x}")))
            .collect();
        hosts.push(FakeHost::router([198, 18, 0, 1], GW_MAC));
        let mut link = FakeLink::new(hosts);
        let mut prober = FakeProber::default().open([198, 18, 0, 5], Proto::Tcp, 22);
        prober.refusing = vec![Ipv4Addr::new(198, 18, 0, 6)];
        let log = prober.log.clone();
        let r = scan(&plan, &mut link, prober).await;
        assert_eq!(r.hosts.len(), 38);
        let mac_to_ip: HashMap<MacAddr, Ipv4Addr> = r
            .hosts
            .iter()
            .filter_map(|h| match h.ip {
                std::net::IpAddr::V4(ip) => h.mac.map(|m| (m, ip)),
                _ => None,
            })
            .collect();
        let mut per_host: HashMap<Ipv4Addr, Vec<(Instant, u32)>> = HashMap::new();
        let mut all: Vec<(Instant, u32)> = vec![];
        for (t, f) in link.sent.lock().unwrap().iter() {
            let host = match wire::parse_frame(f).unwrap() {
                Incoming::Arp { arp, .. } => arp.target_ip,
                Incoming::Icmp { eth, .. } => mac_to_ip[&eth.dst],
                Incoming::Other => unreachable!(),
            };
            per_host.entry(host).or_default().push((*t, 1));
            all.push((*t, 1));
        }
        let mut contacted = HashSet::new();
        for (t, ip, proto, port) in log.lock().unwrap().iter() {
            // SYN, ACK, RST and an answer, or the datagrams, plus the
            // kernel's ARP the first time.
            let cost = if *proto == Proto::Tcp {
                TCP_PROBE_COST
            } else {
                udp_probe_cost(*port)
            } + u32::from(contacted.insert(*ip));
            per_host.entry(*ip).or_default().push((*t, cost));
            all.push((*t, cost));
        }
        for (ip, ev) in per_host.iter_mut() {
            let n = max_in_window(ev);
            assert!(n <= 10, "{ip}: {n} packets in one second");
        }
        let n = max_in_window(&mut all);
        assert!(n <= 150, "{n} packets in one second overall");
        assert!(n >= 100, "the cap should be used: {n}");
        assert_eq!(r.packets, all.iter().map(|e| u64::from(e.1)).sum::<u64>());
    }

    #[tokio::test(start_paused = true)]
    async fn recovers_from_loss_both_ways() {
        let plan = plan_with(|r| {
            r.ports = Some("none".into());
            r.rate = 2000;
        });
        // 250 hosts, every 25th a router.
        let hosts: Vec<FakeHost> = (3..=252u8)
            .map(|i| {
                let mac = format!("00:11:22:33:00:{i:02x}");
                if i % 25 == 0 {
                    FakeHost::router([198, 18, 0, i], &mac)
                } else {
                    FakeHost::new([198, 18, 0, i], &mac)
                }
            })
            .collect();
        let n = hosts.len();
        let mut found_total = 0;
        let mut routers_flagged = 0;
        for seed in [1u64, 7, 1234] {
            let mut link = FakeLink::new(hosts.clone()).with_loss(20, 20, seed);
            let r = scan(&plan, &mut link, FakeProber::default()).await;
            // No phantoms, every MAC right.
            for h in &r.hosts {
                let std::net::IpAddr::V4(ip) = h.ip else {
                    unreachable!()
                };
                let last = ip.octets()[3];
                assert!((3..=252).contains(&last));
                assert_eq!(
                    h.mac,
                    Some(format!("00:11:22:33:00:{last:02x}").parse().unwrap())
                );
            }
            found_total += r.hosts.len();
            for h in &r.hosts {
                let flagged = h
                    .external
                    .iter()
                    .any(|e| matches!(e, ExternalEvidence::GatewayProbe { .. }));
                let std::net::IpAddr::V4(ip) = h.ip else {
                    unreachable!()
                };
                assert!(!flagged || ip.octets()[3] % 25 == 0, "{ip} is no router");
                routers_flagged += usize::from(flagged);
            }
        }
        let recall = found_total as f64 / (3 * n) as f64;
        assert!(recall >= 0.995, "recall {recall}");
        // Retries of the gateway probe follow the loss seen: 30 routers in
        // three runs, each probe answered with p = 0.64, up to 4 tries.
        assert!(
            routers_flagged >= 27,
            "{routers_flagged} of 30 routers flagged"
        );
    }

    #[tokio::test(start_paused = true)]
    async fn lossless_lan_needs_one_gateway_probe_per_host() {
        let plan = plan_with(|r| r.ports = Some("none".into()));
        let mut link = FakeLink::new(lan());
        scan(&plan, &mut link, FakeProber::default()).await;
        let icmp = link
            .sent
            .lock()
            .unwrap()
            .iter()
            .filter(|(_, f)| matches!(wire::parse_frame(f), Ok(Incoming::Icmp { .. })))
            .count();
        // Five hosts found (not the scanner), one probe each.
        assert_eq!(icmp, 5);
    }

    /// Port probes go by IP, so they reach whichever device holds it: an
    /// excluded MAC answering second for an address must still keep every
    /// probe away from that address.
    #[tokio::test(start_paused = true)]
    async fn excluded_mac_answering_second_for_an_ip_keeps_probes_away() {
        let plan = plan_with(|r| {
            r.ports = Some("22".into());
            r.excludes = vec!["00:11:22:33:44:99".into()];
        });
        let mut hosts = lan();
        hosts.push(FakeHost::new([198, 18, 0, 10], "00:11:22:33:44:99"));
        let mut link = FakeLink::new(hosts);
        let prober = FakeProber::default();
        let log = prober.log.clone();
        let r = scan(&plan, &mut link, prober).await;
        let h = r
            .hosts
            .iter()
            .find(|h| h.ip.to_string() == "198.18.0.10")
            .unwrap();
        assert_eq!(h.other_macs.len(), 1);
        assert!(h.flags.contains(&HostFlag::Excluded));
        let probed: HashSet<Ipv4Addr> = log.lock().unwrap().iter().map(|p| p.1).collect();
        assert!(
            !probed.contains(&Ipv4Addr::new(198, 18, 0, 10)),
            "{probed:?}"
        );
        assert!(probed.contains(&Ipv4Addr::new(198, 18, 0, 11)));
        let excluded_mac: MacAddr = "00:11:22:33:44:99".parse().unwrap();
        for (_, f) in link.sent.lock().unwrap().iter() {
            let (eth, _) = wire::EthernetRepr::parse(f).unwrap();
            assert_ne!(eth.dst, excluded_mac, "non-ARP frame to the excluded MAC");
        }
    }

    #[tokio::test(start_paused = true)]
    async fn ip_answered_by_two_macs_is_a_conflict() {
        let plan = plan_with(|r| r.ports = Some("none".into()));
        let mut hosts = lan();
        hosts.push(FakeHost::new([198, 18, 0, 10], "00:11:22:33:44:99"));
        let mut link = FakeLink::new(hosts);
        let r = scan(&plan, &mut link, FakeProber::default()).await;
        let h = r
            .hosts
            .iter()
            .find(|h| h.ip.to_string() == "198.18.0.10")
            .unwrap();
        assert!(h.flags.contains(&HostFlag::IpConflict));
        assert_eq!(h.other_macs.len(), 1);
        let mut macs = vec![h.mac.unwrap(), h.other_macs[0]];
        macs.sort();
        assert_eq!(
            macs,
            vec![
                "00:11:22:33:44:10".parse::<MacAddr>().unwrap(),
                "00:11:22:33:44:99".parse().unwrap()
            ]
        );
        assert_eq!(
            r.hosts
                .iter()
                .filter(|h| h.flags.contains(&HostFlag::IpConflict))
                .count(),
            1
        );
    }

    #[tokio::test(start_paused = true)]
    async fn routed_scope_found_by_echo_through_the_gateway() {
        let plan = plan_with(|r| {
            r.cidrs = vec![
                "198.18.0.0/24".parse().unwrap(),
                "198.18.5.8/29".parse().unwrap(),
            ];
            r.ports = Some("22".into());
        });
        let mut link = FakeLink::new(lan());
        let prober = FakeProber::default().open([198, 18, 5, 12], Proto::Tcp, 22);
        let r = scan(&plan, &mut link, prober).await;
        let routed: Vec<&Host> = r
            .hosts
            .iter()
            .filter(|h| h.ip.to_string().starts_with("198.18.5."))
            .collect();
        assert_eq!(routed.len(), 2, "{:?}", ips(&r));
        assert!(routed
            .iter()
            .all(|h| h.mac.is_none() && h.flags == vec![HostFlag::NoMac]));
        assert!(routed[0].rtt_ms.is_some());
        assert_eq!(routed[1].ports.len(), 1);
    }

    /// Every packet to a routed target passes through the default gateway:
    /// an excluded gateway means routed targets get nothing, and the
    /// snapshot says why.
    #[tokio::test(start_paused = true)]
    async fn excluded_gateway_carries_no_probe_to_routed_targets() {
        for exclude in [GW_MAC, "198.18.0.1", "fortinet"] {
            let plan = plan_with(|r| {
                r.cidrs = vec![
                    "198.18.0.0/24".parse().unwrap(),
                    "198.18.5.8/29".parse().unwrap(),
                ];
                r.ports = Some("22".into());
                r.excludes = vec![exclude.into()];
            });
            let mut link = FakeLink::new(lan());
            let prober = FakeProber::default().open([198, 18, 5, 12], Proto::Tcp, 22);
            let log = prober.log.clone();
            let r = scan(&plan, &mut link, prober).await;
            let gw_mac: MacAddr = GW_MAC.parse().unwrap();
            for (_, f) in link.sent.lock().unwrap().iter() {
                let (eth, _) = wire::EthernetRepr::parse(f).unwrap();
                assert_ne!(
                    eth.dst, gw_mac,
                    "--exclude {exclude}: non-ARP frame to the gateway"
                );
            }
            let probed: Vec<Ipv4Addr> = log.lock().unwrap().iter().map(|p| p.1).collect();
            assert!(
                probed.iter().all(|ip| plan.is_local(*ip)),
                "--exclude {exclude}: routed targets probed through the gateway: {probed:?}"
            );
            assert!(probed.contains(&Ipv4Addr::new(198, 18, 0, 11)));
            assert!(
                r.hosts
                    .iter()
                    .all(|h| !h.ip.to_string().starts_with("198.18.5.")),
                "{:?}",
                ips(&r)
            );
            assert!(
                r.limitations
                    .iter()
                    .any(|l| l.contains("gateway is excluded")),
                "{:?}",
                r.limitations
            );
        }
    }

    #[tokio::test(start_paused = true)]
    async fn learns_the_gateway_mac_by_arp_for_routed_scopes() {
        let mut req = request();
        req.cidrs = vec!["198.18.5.8/29".parse().unwrap()];
        req.ports = Some("none".into());
        // The system does not know the gateway's MAC yet.
        let plan = Plan::build(&req, iface()).unwrap();
        assert_eq!(
            plan.iface.gateway,
            Some((Ipv4Addr::new(198, 18, 0, 1), None))
        );
        let mut link = FakeLink::new(lan()).with_loss(30, 0, 99);
        let r = scan(&plan, &mut link, FakeProber::default()).await;
        // The gateway is out of scope: not a host; the routed host behind it is.
        assert_eq!(ips(&r), ["198.18.5.9"]);
        assert!(r.limitations.is_empty(), "{:?}", r.limitations);
    }

    #[tokio::test(start_paused = true)]
    async fn stop_ends_early_and_marks_partial() {
        let plan = plan_with(|r| {
            r.cidrs = vec!["198.18.0.0/22".parse().unwrap()];
            r.rate = 100;
            r.ports = Some("none".into());
        });
        let mut link = FakeLink::new(lan());
        let (tx, rx) = watch::channel(false);
        tokio::spawn(async move {
            tokio::time::sleep(Duration::from_millis(500)).await;
            let _ = tx.send(true);
        });
        let start = Instant::now();
        let r = run(
            &plan,
            Some(&mut link),
            Arc::new(FakeProber::default()),
            &no_neighbours,
            &mut NoProgress,
            rx,
        )
        .await;
        assert!(r.partial);
        assert!(start.elapsed() < Duration::from_secs(1));
        // At 100 pps, half a second reaches 198.18.0.1..~50: some hosts found.
        assert!(r.hosts.iter().any(|h| h.ip.to_string() == "198.18.0.10"));
    }

    #[tokio::test(start_paused = true)]
    async fn unprivileged_finds_hosts_by_tcp_only() {
        let plan = plan_with(|r| {
            r.unprivileged = true;
            r.cidrs = vec!["198.18.0.0/28".parse().unwrap()];
            r.ports = Some("22,443".into());
        });
        let mut prober = FakeProber::default().open([198, 18, 0, 10], Proto::Tcp, 443);
        prober.refusing = vec![Ipv4Addr::new(198, 18, 0, 11)];
        let (_tx, rx) = watch::channel(false);
        let table = || {
            vec![
                (
                    Ipv4Addr::new(198, 18, 0, 10),
                    "00:09:0f:00:00:10".parse().unwrap(),
                ),
                // Not found by any probe: the table does not make it a host.
                (
                    Ipv4Addr::new(198, 18, 0, 12),
                    "00:09:0f:00:00:12".parse().unwrap(),
                ),
            ]
        };
        let r = run(
            &plan,
            None::<&mut FakeLink>,
            Arc::new(prober),
            &table,
            &mut NoProgress,
            rx,
        )
        .await;
        assert_eq!(ips(&r), ["198.18.0.10", "198.18.0.11"]);
        assert_eq!(r.hosts[0].mac, Some("00:09:0f:00:00:10".parse().unwrap()));
        assert!(r.hosts[0].vendor.is_some());
        assert_eq!(r.hosts[1].mac, None);
        assert_eq!(r.hosts[1].flags, vec![HostFlag::NoMac]);
        assert!(r.limitations.iter().any(|l| l.contains("no gateway probe")));
    }
}
