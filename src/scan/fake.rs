//! A fake LAN behind a [`Link`] and a fake [`PortProber`], for unit tests on
//! tokio's paused clock: hosts answer ARP, routers answer the TTL-1 probe
//! with Time Exceeded and forward echoes to hosts behind them, frames are
//! lost at a set rate each way, and garbage arrives unasked.

use std::collections::{HashMap, VecDeque};
use std::future::Future;
use std::io;
use std::net::Ipv4Addr;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::time::{sleep_until, Instant};

use super::link::Link;
use super::probe::{PortOutcome, PortProber};
use super::wire::{
    self, ethernet, ipv4, ArpOp, ArpRepr, EtherType, EthernetRepr, IcmpRepr, Incoming, IpProto,
    Ipv4Repr,
};
use crate::mac::MacAddr;
use crate::snapshot::Proto;

/// One simulated device.
#[derive(Debug, Clone)]
pub struct FakeHost {
    /// Its IP.
    pub ip: Ipv4Addr,
    /// Its MAC.
    pub mac: MacAddr,
    /// True if it forwards IP (answers TTL 1 with Time Exceeded).
    pub routes: bool,
    /// Hosts reachable through it (answer echoes it forwards).
    pub behind: Vec<Ipv4Addr>,
}

impl FakeHost {
    /// A plain host.
    pub fn new(ip: [u8; 4], mac: &str) -> FakeHost {
        FakeHost {
            ip: Ipv4Addr::from(ip),
            mac: mac.parse().expect("test MAC"),
            routes: false,
            behind: vec![],
        }
    }

    /// A router.
    pub fn router(ip: [u8; 4], mac: &str) -> FakeHost {
        FakeHost {
            routes: true,
            ..FakeHost::new(ip, mac)
        }
    }
}

/// Frames the fake received from the engine, with their (virtual) times.
pub type SentLog = Arc<Mutex<Vec<(Instant, Vec<u8>)>>>;

/// The fake LAN.
pub struct FakeLink {
    hosts: Vec<FakeHost>,
    /// Loss towards the hosts and back, in percent.
    loss_out: u32,
    loss_in: u32,
    garbage: bool,
    delay: Duration,
    rng: u64,
    queue: VecDeque<(Instant, Vec<u8>)>,
    /// Everything the engine sent.
    pub sent: SentLog,
}

impl FakeLink {
    /// A LAN of these hosts, lossless, answering after 1 ms.
    pub fn new(hosts: Vec<FakeHost>) -> FakeLink {
        FakeLink {
            hosts,
            loss_out: 0,
            loss_in: 0,
            garbage: false,
            delay: Duration::from_millis(1),
            rng: 0x2545_f491_4f6c_dd1d,
            queue: VecDeque::new(),
            sent: Arc::default(),
        }
    }

    /// Loses `out`% of frames to hosts and `back`% of their answers.
    pub fn with_loss(mut self, out: u32, back: u32, seed: u64) -> FakeLink {
        self.loss_out = out;
        self.loss_in = back;
        self.rng = seed | 1;
        self
    }

    /// Also delivers garbage and unrelated frames after every frame sent.
    pub fn with_garbage(mut self) -> FakeLink {
        self.garbage = true;
        self
    }

    fn next_rand(&mut self) -> u64 {
        self.rng ^= self.rng << 13;
        self.rng ^= self.rng >> 7;
        self.rng ^= self.rng << 17;
        self.rng
    }

    fn lost(&mut self, percent: u32) -> bool {
        percent > 0 && (self.next_rand() % 100) < u64::from(percent)
    }

    fn deliver(&mut self, frame: Vec<u8>) {
        if !self.lost(self.loss_in) {
            self.queue.push_back((Instant::now() + self.delay, frame));
        }
    }

    fn ip_frame(src_mac: MacAddr, dst_mac: MacAddr, ip: Ipv4Repr, icmp: &IcmpRepr) -> Vec<u8> {
        let ip = Ipv4Repr {
            payload_len: icmp.buffer_len(),
            ..ip
        };
        let mut f = vec![0u8; ethernet::HEADER_LEN + ip.total_len()];
        EthernetRepr {
            dst: dst_mac,
            src: src_mac,
            ethertype: EtherType::Ipv4,
        }
        .emit(&mut f);
        ip.emit(&mut f[ethernet::HEADER_LEN..]);
        icmp.emit(&mut f[ethernet::HEADER_LEN + ipv4::HEADER_LEN..]);
        f
    }

    fn answer_ip(ip_src: Ipv4Addr, ip_dst: Ipv4Addr) -> Ipv4Repr {
        Ipv4Repr {
            src: ip_src,
            dst: ip_dst,
            protocol: IpProto::Icmp,
            ttl: 64,
            ident: 0,
            dont_fragment: false,
            more_fragments: false,
            fragment_offset: 0,
            payload_len: 0,
        }
    }

    fn garbage_frames(&mut self) -> Vec<Vec<u8>> {
        let mut junk: Vec<u8> = (0..(self.next_rand() % 80) as usize)
            .map(|_| self.next_rand() as u8)
            .collect();
        if junk.len() > 14 {
            junk[12] = 0x08;
            junk[13] = 0x06;
        }
        let stranger: MacAddr = "02:99:99:99:99:99".parse().expect("mac");
        // An ARP request from a stranger (not an answer: must not count),
        // and an ARP reply for an address outside any scope.
        let mut req = wire::arp_request_frame(
            stranger,
            Ipv4Addr::new(198, 18, 0, 250),
            Ipv4Addr::new(198, 18, 0, 251),
        );
        let mut reply = vec![0u8; 42];
        EthernetRepr {
            dst: MacAddr::BROADCAST,
            src: stranger,
            ethertype: EtherType::Arp,
        }
        .emit(&mut reply);
        ArpRepr {
            op: ArpOp::Reply,
            sender_mac: stranger,
            sender_ip: Ipv4Addr::new(203, 0, 113, 9),
            target_mac: MacAddr::ZERO,
            target_ip: Ipv4Addr::new(198, 18, 0, 2),
        }
        .emit(&mut reply[14..]);
        req.truncate(42);
        vec![junk, req, reply]
    }
}

impl Link for FakeLink {
    fn send(&mut self, frame: &[u8]) -> io::Result<()> {
        self.sent
            .lock()
            .expect("log")
            .push((Instant::now(), frame.to_vec()));
        if self.garbage {
            for g in self.garbage_frames() {
                self.queue.push_back((Instant::now(), g));
            }
        }
        let Ok(incoming) = wire::parse_frame(frame) else {
            return Ok(());
        };
        match incoming {
            Incoming::Arp { eth, arp }
                if arp.op == ArpOp::Request && eth.dst == MacAddr::BROADCAST =>
            {
                let answering: Vec<FakeHost> = self
                    .hosts
                    .iter()
                    .filter(|h| h.ip == arp.target_ip)
                    .cloned()
                    .collect();
                for h in answering {
                    if self.lost(self.loss_out) {
                        continue;
                    }
                    let mut f = vec![0u8; 42];
                    EthernetRepr {
                        dst: arp.sender_mac,
                        src: h.mac,
                        ethertype: EtherType::Arp,
                    }
                    .emit(&mut f);
                    ArpRepr {
                        op: ArpOp::Reply,
                        sender_mac: h.mac,
                        sender_ip: h.ip,
                        target_mac: arp.sender_mac,
                        target_ip: arp.sender_ip,
                    }
                    .emit(&mut f[14..]);
                    self.deliver(f);
                }
            }
            Incoming::Icmp { eth, ip, icmp } => {
                let Some(h) = self.hosts.iter().find(|h| h.mac == eth.dst).cloned() else {
                    return Ok(());
                };
                if self.lost(self.loss_out) {
                    return Ok(());
                }
                let IcmpRepr::EchoRequest { ident, seq, data } = icmp.clone() else {
                    return Ok(());
                };
                if ip.dst == h.ip {
                    let reply = IcmpRepr::EchoReply { ident, seq, data };
                    let f = Self::ip_frame(h.mac, eth.src, Self::answer_ip(h.ip, ip.src), &reply);
                    self.deliver(f);
                } else if h.routes && ip.ttl <= 1 {
                    let mut first8 = vec![0u8; icmp.buffer_len()];
                    icmp.emit(&mut first8);
                    first8.truncate(8);
                    let te = IcmpRepr::TimeExceeded {
                        code: 0,
                        quoted: ip,
                        quoted_payload: first8,
                    };
                    let f = Self::ip_frame(h.mac, eth.src, Self::answer_ip(h.ip, ip.src), &te);
                    self.deliver(f);
                } else if h.routes && h.behind.contains(&ip.dst) {
                    let reply = IcmpRepr::EchoReply { ident, seq, data };
                    let f = Self::ip_frame(h.mac, eth.src, Self::answer_ip(ip.dst, ip.src), &reply);
                    self.deliver(f);
                }
            }
            _ => {}
        }
        Ok(())
    }

    fn try_recv(&mut self) -> Option<Vec<u8>> {
        match self.queue.front() {
            Some((at, _)) if *at <= Instant::now() => self.queue.pop_front().map(|(_, f)| f),
            _ => None,
        }
    }

    async fn recv(&mut self) -> Option<Vec<u8>> {
        loop {
            match self.queue.front() {
                Some((at, _)) if *at <= Instant::now() => {
                    return self.queue.pop_front().map(|(_, f)| f);
                }
                Some((at, _)) => sleep_until(*at).await,
                None => std::future::pending::<()>().await,
            }
        }
    }
}

/// Probes the fake prober received: (time, host, protocol, port).
pub type ProbeLog = Arc<Mutex<Vec<(Instant, Ipv4Addr, Proto, u16)>>>;

/// Port answers by (host, protocol, port); anything else is silent.
#[derive(Default)]
pub struct FakeProber {
    /// Open ports.
    pub open: HashMap<(Ipv4Addr, Proto, u16), ()>,
    /// Hosts that refuse (alive, port closed) every port not open.
    pub refusing: Vec<Ipv4Addr>,
    /// Every probe made.
    pub log: ProbeLog,
}

impl FakeProber {
    /// Marks a port open.
    pub fn open(mut self, ip: [u8; 4], proto: Proto, port: u16) -> FakeProber {
        self.open.insert((Ipv4Addr::from(ip), proto, port), ());
        self
    }
}

impl PortProber for FakeProber {
    fn probe(
        &self,
        ip: Ipv4Addr,
        proto: Proto,
        port: u16,
    ) -> impl Future<Output = PortOutcome> + Send {
        self.log
            .lock()
            .expect("log")
            .push((Instant::now(), ip, proto, port));
        let outcome = if self.open.contains_key(&(ip, proto, port)) {
            PortOutcome::Open {
                rtt: Duration::from_millis(2),
            }
        } else if self.refusing.contains(&ip) {
            PortOutcome::Closed {
                rtt: Duration::from_millis(2),
            }
        } else {
            PortOutcome::Silent
        };
        async move {
            let wait = match outcome {
                PortOutcome::Silent => Duration::from_millis(800),
                _ => Duration::from_millis(2),
            };
            tokio::time::sleep(wait).await;
            outcome
        }
    }
}
