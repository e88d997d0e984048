//! A test LAN built from Linux network namespaces, for tests and benches that
//! send real packets (`mod testbed;` from a test file).
//!
//! Layout (every name starts with this run's prefix `kz<pid>x<n>`):
//!
//! ```text
//!   <p>-sc  scanner: eth0 ─┐
//!   <p>-h1  host:    eth0 ─┤
//!   ...                    ├─ <p>-sw  switch: bridge br0 (+ nftables loss)
//!   <p>-hN  host:    eth0 ─┤
//!   <p>-r1  router:  eth0 ─┘  eth1 ── <p>-out  "outside" (198.19.0.1 on lo)
//! ```
//!
//! THE NETWORK RULE: the LAN lives in 198.18.0.0/16 and the outside in
//! 198.19.0.0/16; no namespace has a link to the machine's real interfaces,
//! so nothing sent here can leave. Namespaces are deleted by name on drop
//! (also while a failing test unwinds), and names left by a dead run are
//! deleted when the next run builds its first LAN.
//!
//! Each host is its own namespace with one veth into the bridge, so it has
//! its own MAC and its own kernel answering ARP. Routers have
//! `ip_forward=1`: a TTL-1 packet sent to their MAC for an outside address
//! makes their kernel answer ICMP Time Exceeded, which is what the scanner's
//! gateway probe looks for. Ordinary hosts drop such packets silently.
//!
//! Service listeners (TCP 104/443/2575/3389, UDP 500/4500) are tokio tasks
//! inside this process: one thread per service host enters the host's
//! namespace with setns(2) before binding, so no helper program is needed.
#![allow(dead_code)]

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::io::{BufRead, BufReader, Write};
use std::net::{IpAddr, Ipv4Addr, SocketAddr, TcpStream, UdpSocket};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{mpsc, Mutex, MutexGuard, Once, OnceLock};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use anyhow::{anyhow, bail, Context, Result};
use koseizu::mac::MacAddr;
use nix::sys::signal::{self, Signal};
use nix::unistd::Pid;

/// The address every test and bench passes as `--outside-probe`: it lives on
/// the outside namespace's loopback, beyond the routers.
pub const OUTSIDE_PROBE: Ipv4Addr = Ipv4Addr::new(198, 19, 0, 1);

/// Name of the scanner's interface inside its namespace.
pub const SCANNER_IFACE: &str = "eth0";

/// TCP ports the service hosts listen on (what the hospital scan must find).
pub const SERVICE_TCP: [u16; 4] = [104, 443, 2575, 3389];
/// UDP ports the service hosts answer on (IKE and IKE NAT-T).
pub const SERVICE_UDP: [u16; 2] = [500, 4500];

/// Service sets handed out to service hosts in turn, so that hosts differ
/// and a scanner that reports one host's ports on another is caught.
const SERVICE_PROFILES: [(&[u16], &[u16]); 4] = [
    (&[104, 2575], &[]),                     // PACS / HL7 server
    (&[443], &[500, 4500]),                  // VPN appliance
    (&[3389], &[]),                          // PC with remote desktop
    (&[104, 443, 2575, 3389], &[500, 4500]), // everything
];

/// First three octets of every MAC the testbed hands out (Xensource: a
/// neutral, globally administered OUI that no router-vendor list contains,
/// so routers must be found by the gateway probe, not by their vendor).
const OUI: [u8; 3] = [0x00, 0x16, 0x3e];

/// Namespace-name prefix shared by every run: `kz<pid>x<n>`.
const NAME_PREFIX: &str = "kz";

static LAN_COUNTER: AtomicUsize = AtomicUsize::new(0);
static STALE_CLEANUP: Once = Once::new();
static SERIAL: Mutex<()> = Mutex::new(());

/// Serialises namespace tests inside one test binary: two LANs scanning at
/// once on two shared cores make timing-dependent results (recall, rates)
/// depend on the neighbour. Names are unique anyway, so this is about load.
pub fn serial() -> MutexGuard<'static, ()> {
    SERIAL
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// True if this process can build namespace LANs. If not: panics when the
/// `CI` environment variable is set (CI must not skip real-packet tests),
/// otherwise prints why the test is skipped and returns false.
pub fn available(test: &str) -> bool {
    // Probed once per process: tests call this from parallel threads.
    static PROBE: OnceLock<Result<(), String>> = OnceLock::new();
    match PROBE.get_or_init(|| probe_environment().map_err(|e| format!("{e:#}"))) {
        Ok(()) => true,
        Err(reason) => {
            if std::env::var_os("CI").is_some_and(|v| !v.is_empty()) {
                panic!("{test}: network-namespace testbed unavailable and CI is set: {reason}");
            }
            eprintln!("SKIPPED {test}: network-namespace testbed unavailable: {reason}");
            false
        }
    }
}

fn probe_environment() -> Result<()> {
    for tool in ["ip", "nft", "tcpdump"] {
        let found = std::env::var_os("PATH")
            .map(|paths| std::env::split_paths(&paths).any(|dir| dir.join(tool).is_file()))
            .unwrap_or(false);
        if !found {
            bail!("`{tool}` is not installed (apt-get install iproute2 nftables tcpdump)");
        }
    }
    let name = format!("{NAME_PREFIX}{}xprobe", std::process::id());
    run(Command::new("ip").args(["netns", "add", &name]))
        .context("cannot create a network namespace (root or CAP_SYS_ADMIN needed)")?;
    run(Command::new("ip").args(["netns", "del", &name]))?;
    Ok(())
}

/// Runs a command; an error names the command and carries its stderr.
pub fn run(cmd: &mut Command) -> Result<Output> {
    let out = cmd
        .stdin(Stdio::null())
        .output()
        .with_context(|| format!("cannot start {cmd:?}"))?;
    if !out.status.success() {
        bail!(
            "{cmd:?} failed ({}): {}",
            out.status,
            String::from_utf8_lossy(&out.stderr).trim()
        );
    }
    Ok(out)
}

/// Feeds `lines` to `ip [-n NS] -batch -`: one process for many changes.
fn ip_batch(netns: Option<&str>, lines: &str) -> Result<()> {
    let mut cmd = Command::new("ip");
    if let Some(ns) = netns {
        cmd.args(["-n", ns]);
    }
    cmd.args(["-batch", "-"]);
    pipe_to(&mut cmd, lines)
}

/// Deletes namespaces by name in one `ip -force -batch -`: `-force` goes on
/// past a name that is already gone, where a plain batch would stop there
/// and leave every later namespace behind.
fn delete_namespaces<'a>(names: impl IntoIterator<Item = &'a str>) -> Result<()> {
    let mut batch = String::new();
    for name in names {
        let _ = writeln!(batch, "netns del {name}");
    }
    pipe_to(Command::new("ip").args(["-force", "-batch", "-"]), &batch)
}

/// Runs `cmd` with `lines` on its stdin; an error carries its stderr.
fn pipe_to(cmd: &mut Command, lines: &str) -> Result<()> {
    if lines.is_empty() {
        return Ok(());
    }
    cmd.stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = cmd
        .spawn()
        .with_context(|| format!("cannot start {cmd:?}"))?;
    child
        .stdin
        .take()
        .ok_or_else(|| anyhow!("{cmd:?}: no stdin"))?
        .write_all(lines.as_bytes())
        .with_context(|| format!("writing to {cmd:?}"))?;
    let out = child.wait_with_output()?;
    if !out.status.success() {
        bail!(
            "{cmd:?} failed ({}): {}\nfirst lines of its input:\n{}",
            out.status,
            String::from_utf8_lossy(&out.stderr).trim(),
            lines.lines().take(5).collect::<Vec<_>>().join("\n")
        );
    }
    Ok(())
}

/// Runs `sh -c script` inside a namespace (for /proc/sys writes).
fn ns_shell(ns: &str, script: &str) -> Result<()> {
    run(Command::new("ip").args(["netns", "exec", ns, "sh", "-c", script]))?;
    Ok(())
}

/// Names of every network namespace (`ip netns list`); empty if it fails.
fn namespace_names() -> Vec<String> {
    let Ok(out) = run(Command::new("ip").args(["netns", "list"])) else {
        return Vec::new();
    };
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter_map(|line| line.split_whitespace().next())
        .map(str::to_string)
        .collect()
}

/// Deletes every namespace this process made, found by its name prefix:
/// for a signal handler, which cannot reach the `Lan` values to drop them.
pub fn delete_own_namespaces() {
    let mine = format!("{NAME_PREFIX}{}x", std::process::id());
    let names = namespace_names();
    if let Err(e) = delete_namespaces(
        names
            .iter()
            .map(String::as_str)
            .filter(|n| n.starts_with(&mine)),
    ) {
        eprintln!("testbed: could not delete this run's namespaces: {e:#}");
    }
}

/// Deletes namespaces left by runs whose process is gone (a killed test).
fn cleanup_stale() {
    let names = namespace_names();
    let mut stale = Vec::new();
    for name in &names {
        let Some(rest) = name.strip_prefix(NAME_PREFIX) else {
            continue;
        };
        let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
        if digits.is_empty() || !rest[digits.len()..].starts_with('x') {
            continue;
        }
        if !Path::new(&format!("/proc/{digits}")).exists() {
            stale.push(name.to_string());
        }
    }
    if let Err(e) = delete_namespaces(stale.iter().map(String::as_str)) {
        eprintln!("testbed: could not delete stale namespaces: {e:#}");
    }
}

/// Enters a namespace on the current thread (network namespaces are per thread).
fn enter_netns(ns: &str) -> Result<()> {
    let file = std::fs::File::open(format!("/run/netns/{ns}"))
        .with_context(|| format!("namespace {ns} not found"))?;
    nix::sched::setns(file, nix::sched::CloneFlags::CLONE_NEWNET)
        .with_context(|| format!("setns into {ns}"))?;
    Ok(())
}

/// Runs `f` on a fresh thread inside namespace `ns` and returns its result.
pub fn in_netns<T: Send + 'static>(
    ns: &str,
    f: impl FnOnce() -> Result<T> + Send + 'static,
) -> Result<T> {
    let ns = ns.to_string();
    std::thread::spawn(move || {
        enter_netns(&ns)?;
        f()
    })
    .join()
    .map_err(|_| anyhow!("thread in namespace panicked"))?
}

/// What a LAN member is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// An end host (PC, server, modality): does not forward.
    Host,
    /// Forwards to the outside namespace (`ip_forward=1`, default route out).
    Router,
}

/// One host or router on the LAN.
#[derive(Debug, Clone)]
pub struct Node {
    /// Its namespace.
    pub ns: String,
    /// Its LAN address.
    pub ip: Ipv4Addr,
    /// Its MAC (on eth0, the LAN leg).
    pub mac: MacAddr,
    /// Host or router.
    pub role: Role,
    /// TCP ports it listens on.
    pub tcp: Vec<u16>,
    /// UDP ports it answers on.
    pub udp: Vec<u16>,
    /// Name of its port on the switch.
    pub port: String,
}

/// How to add one host after the LAN is built.
#[derive(Debug, Clone, Default)]
pub struct HostSpec {
    /// MAC to use; default: the next testbed MAC.
    pub mac: Option<MacAddr>,
    /// TCP ports to listen on.
    pub tcp: Vec<u16>,
    /// UDP ports to answer on.
    pub udp: Vec<u16>,
}

/// Builds a [`Lan`].
#[derive(Debug, Clone)]
pub struct LanBuilder {
    network: Ipv4Addr,
    prefix_len: u8,
    hosts: usize,
    routers: usize,
    service_hosts: usize,
    loss_pct: u8,
    scanner_gateway: bool,
    flood_arp: bool,
}

impl LanBuilder {
    /// LAN subnet (must lie in 198.18.0.0/16); default 198.18.0.0/24.
    pub fn cidr(mut self, cidr: &str) -> Self {
        let (addr, len) = cidr.split_once('/').expect("cidr is ADDR/LEN");
        self.network = addr.parse().expect("cidr address");
        self.prefix_len = len.parse().expect("cidr length");
        self
    }

    /// Number of end hosts.
    pub fn hosts(mut self, n: usize) -> Self {
        self.hosts = n;
        self
    }

    /// Number of routers (each with its own leg into the outside namespace).
    pub fn routers(mut self, n: usize) -> Self {
        self.routers = n;
        self
    }

    /// How many of the hosts run listeners, cycling through the service profiles.
    pub fn services(mut self, n: usize) -> Self {
        self.service_hosts = n;
        self
    }

    /// Frame loss in percent, applied by the switch to every forwarded frame
    /// (so both directions, independently).
    pub fn loss(mut self, pct: u8) -> Self {
        self.loss_pct = pct;
        self
    }

    /// Whether the scanner gets a default route via the first router (default yes).
    pub fn scanner_gateway(mut self, yes: bool) -> Self {
        self.scanner_gateway = yes;
        self
    }

    /// Whether the switch floods ARP requests to every port like a plain
    /// bridge (default: no, each request goes to the port that owns the
    /// address; see `Lan::create_base`).
    pub fn flood_arp(mut self, yes: bool) -> Self {
        self.flood_arp = yes;
        self
    }

    /// Creates the namespaces, links, addresses, loss rule and listeners.
    pub fn build(self) -> Result<Lan> {
        let mask = u32::MAX
            .checked_shl(32 - u32::from(self.prefix_len))
            .unwrap_or(0);
        let net = u32::from(self.network) & mask;
        let lan16 = u32::from(Ipv4Addr::new(198, 18, 0, 0));
        if self.prefix_len < 16 || self.prefix_len > 30 || net & 0xffff_0000 != lan16 {
            bail!(
                "testbed LAN {}/{} must lie inside 198.18.0.0/16 (network rule)",
                self.network,
                self.prefix_len
            );
        }
        let size = 1u32 << (32 - u32::from(self.prefix_len));
        // Usable: net+1 ..= net+size-2; the scanner takes the last one.
        let needed = (self.hosts + self.routers + 1) as u32;
        if needed > size - 2 {
            bail!("{needed} addresses do not fit in /{}", self.prefix_len);
        }
        STALE_CLEANUP.call_once(cleanup_stale);

        let started = Instant::now();
        let n = LAN_COUNTER.fetch_add(1, Ordering::SeqCst);
        let prefix = format!("{NAME_PREFIX}{}x{n}", std::process::id());
        let mut lan = Lan {
            switch_ns: format!("{prefix}-sw"),
            scanner_ns: format!("{prefix}-sc"),
            outside_ns: format!("{prefix}-out"),
            prefix,
            iface: SCANNER_IFACE.to_string(),
            network: Ipv4Addr::from(net),
            prefix_len: self.prefix_len,
            scanner_ip: Ipv4Addr::from(net + size - 2),
            scanner_mac: MacAddr::new([OUI[0], OUI[1], OUI[2], 0xff, 0xff, 0xfe]),
            nodes: Vec::new(),
            next_ip: net + 1,
            next_host: 1,
            next_router: 1,
            loss_pct: 0,
            flood_arp: self.flood_arp,
            listeners: Vec::new(),
            namespaces: Vec::new(),
            setup_time: Duration::ZERO,
        };
        // From here on `lan` owns whatever exists: an error drops it and cleans up.
        lan.create_base()?;
        let mut new_nodes = Vec::new();
        for _ in 0..self.routers {
            new_nodes.push(lan.allocate(Role::Router, HostSpec::default())?);
        }
        for i in 0..self.hosts {
            let mut spec = HostSpec::default();
            if i < self.service_hosts {
                let (tcp, udp) = SERVICE_PROFILES[i % SERVICE_PROFILES.len()];
                spec.tcp = tcp.to_vec();
                spec.udp = udp.to_vec();
            }
            new_nodes.push(lan.allocate(Role::Host, spec)?);
        }
        lan.attach(&new_nodes)?;
        if self.scanner_gateway {
            if let Some(gw) = lan.routers().next().map(|r| r.ip) {
                ip_batch(
                    Some(&lan.scanner_ns),
                    &format!("route add default via {gw} dev {SCANNER_IFACE}\n"),
                )?;
            }
        }
        lan.set_loss(self.loss_pct)?;
        lan.setup_time = started.elapsed();
        Ok(lan)
    }
}

/// A live namespace LAN; dropping it deletes every namespace it made.
pub struct Lan {
    /// Name prefix of this LAN's namespaces.
    pub prefix: String,
    /// Namespace of the switch (bridge `br0`, nftables table `kz`).
    pub switch_ns: String,
    /// Namespace the scanner runs in.
    pub scanner_ns: String,
    /// Namespace standing for the internet (holds [`OUTSIDE_PROBE`]).
    pub outside_ns: String,
    /// The scanner's interface in its namespace.
    pub iface: String,
    /// LAN network address.
    pub network: Ipv4Addr,
    /// LAN prefix length.
    pub prefix_len: u8,
    /// The scanner's address.
    pub scanner_ip: Ipv4Addr,
    /// The scanner's MAC.
    pub scanner_mac: MacAddr,
    /// Hosts and routers currently on the LAN.
    pub nodes: Vec<Node>,
    /// How long `build` took.
    pub setup_time: Duration,
    next_ip: u32,
    next_host: u32,
    next_router: u32,
    loss_pct: u8,
    flood_arp: bool,
    listeners: Vec<(String, Listener)>,
    namespaces: Vec<String>,
}

impl Lan {
    /// Starts describing a LAN: 198.18.0.0/24, no hosts, no routers, no loss.
    pub fn builder() -> LanBuilder {
        LanBuilder {
            network: Ipv4Addr::new(198, 18, 0, 0),
            prefix_len: 24,
            hosts: 0,
            routers: 0,
            service_hosts: 0,
            loss_pct: 0,
            scanner_gateway: true,
            flood_arp: false,
        }
    }

    /// The LAN as `ADDR/LEN`.
    pub fn cidr(&self) -> String {
        format!("{}/{}", self.network, self.prefix_len)
    }

    /// End hosts.
    pub fn hosts(&self) -> impl Iterator<Item = &Node> {
        self.nodes.iter().filter(|n| n.role == Role::Host)
    }

    /// Routers.
    pub fn routers(&self) -> impl Iterator<Item = &Node> {
        self.nodes.iter().filter(|n| n.role == Role::Router)
    }

    /// The node with this address.
    pub fn node(&self, ip: Ipv4Addr) -> Option<&Node> {
        self.nodes.iter().find(|n| n.ip == ip)
    }

    /// A command run inside the scanner namespace (`ip netns exec`).
    pub fn scanner_command(&self, program: impl AsRef<std::ffi::OsStr>) -> Command {
        let mut cmd = Command::new("ip");
        cmd.args(["netns", "exec", &self.scanner_ns]).arg(program);
        cmd
    }

    /// Runs a program in the scanner namespace and returns its output, whatever its exit status.
    pub fn run_in_scanner<I, S>(&self, program: &str, args: I) -> Result<Output>
    where
        I: IntoIterator<Item = S>,
        S: AsRef<std::ffi::OsStr>,
    {
        let mut cmd = self.scanner_command(program);
        cmd.args(args).stdin(Stdio::null());
        cmd.output()
            .with_context(|| format!("cannot run {program} in {}", self.scanner_ns))
    }

    /// Sets the frame loss of the switch (0 removes it).
    pub fn set_loss(&mut self, pct: u8) -> Result<()> {
        if pct > 100 {
            bail!("loss {pct} % is not a percentage");
        }
        // `numgen random mod 100 < pct` per forwarded frame: each direction
        // and each flooded copy of a broadcast is dropped independently.
        let mut script = String::from("flush chain bridge kz loss\n");
        if pct > 0 {
            let _ = writeln!(
                script,
                "add rule bridge kz loss numgen random mod 100 < {pct} counter drop"
            );
        }
        self.nft(&script)?;
        self.loss_pct = pct;
        Ok(())
    }

    /// Runs an nftables script in the switch namespace.
    fn nft(&self, script: &str) -> Result<()> {
        let mut child = Command::new("ip")
            .args(["netns", "exec", &self.switch_ns, "nft", "-f", "-"])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .context("cannot start nft")?;
        child
            .stdin
            .take()
            .ok_or_else(|| anyhow!("nft: no stdin"))?
            .write_all(script.as_bytes())?;
        let out = child.wait_with_output()?;
        if !out.status.success() {
            bail!(
                "nft in {} failed: {}\nscript starts: {}",
                self.switch_ns,
                String::from_utf8_lossy(&out.stderr).trim(),
                script.lines().take(3).collect::<Vec<_>>().join(" / ")
            );
        }
        Ok(())
    }

    /// Current loss in percent.
    pub fn loss(&self) -> u8 {
        self.loss_pct
    }

    /// Adds one end host (e.g. an unregistered PC, or a phone with a
    /// locally administered MAC) at the next unused address.
    pub fn add_host(&mut self, spec: HostSpec) -> Result<Node> {
        let node = self.allocate(Role::Host, spec)?;
        self.attach(std::slice::from_ref(&node))?;
        Ok(node)
    }

    /// Adds one router at the next unused address.
    pub fn add_router(&mut self) -> Result<Node> {
        let node = self.allocate(Role::Router, HostSpec::default())?;
        self.attach(std::slice::from_ref(&node))?;
        Ok(node)
    }

    /// Removes a host or router from the LAN (its namespace is deleted).
    pub fn remove(&mut self, ip: Ipv4Addr) -> Result<Node> {
        let idx = self
            .nodes
            .iter()
            .position(|n| n.ip == ip)
            .ok_or_else(|| anyhow!("no node at {ip}"))?;
        let node = self.nodes.remove(idx);
        self.listeners.retain(|(ns, _)| ns != &node.ns);
        // A router's outside leg goes with its namespace.
        self.nft(&format!(
            "delete element bridge kz port_ip {{ \"{}\" . {ip} }}\n\
             delete element bridge kz ip_mac {{ {ip} }}\n",
            node.port,
            ip = node.ip
        ))?;
        // Unplug first: deleting the switch-side end of the veth takes the
        // pair down at once, whereas `netns del` only drops the name and the
        // namespace lives on while a listener's socket still holds it.
        ip_batch(Some(&self.switch_ns), &format!("link del {}\n", node.port))?;
        let batch = format!("netns del {}\n", node.ns);
        ip_batch(None, &batch)?;
        self.namespaces.retain(|n| n != &node.ns);
        if node.role == Role::Router {
            // The outside's way back to the LAN may have gone through it.
            let route = match self.routers().next() {
                Some(r) => format!(
                    "route replace 198.18.0.0/16 via 198.19.{}.1\n",
                    router_number(r)
                ),
                None => "route flush 198.18.0.0/16\n".to_string(),
            };
            ip_batch(Some(&self.outside_ns), &route)?;
        }
        Ok(node)
    }

    fn create_base(&mut self) -> Result<()> {
        let names = [&self.switch_ns, &self.scanner_ns, &self.outside_ns];
        let mut batch = String::new();
        for name in names {
            let _ = writeln!(batch, "netns add {name}");
        }
        // Recorded first: a batch failing half-way has made some of them.
        self.namespaces.extend(names.iter().map(|n| n.to_string()));
        ip_batch(None, &batch)?;
        // addrgenmode none everywhere: no IPv6 link-local addresses, so no
        // router solicitations or MLD reports mixing into the counted traffic.
        ip_batch(
            Some(&self.switch_ns),
            "link add br0 type bridge\nlink set br0 addrgenmode none up\n",
        )?;
        ip_batch(
            None,
            &format!(
                "link add sc netns {sw} type veth peer name {SCANNER_IFACE} netns {sc} address {mac}\n",
                sw = self.switch_ns,
                sc = self.scanner_ns,
                mac = self.scanner_mac
            ),
        )?;
        ip_batch(
            Some(&self.switch_ns),
            "link set sc master br0 addrgenmode none up\n",
        )?;
        ip_batch(
            Some(&self.scanner_ns),
            &format!(
                "link set lo up\nlink set {SCANNER_IFACE} addrgenmode none up\naddr add {}/{} dev {SCANNER_IFACE}\n",
                self.scanner_ip, self.prefix_len
            ),
        )?;
        ip_batch(
            Some(&self.outside_ns),
            &format!("link set lo up\naddr add {OUTSIDE_PROBE}/32 dev lo\n"),
        )?;
        // The switch's rules. A plain bridge floods every ARP request to
        // every port: at 1,000 hosts that is a million deliveries on two
        // cores, and the bench measured the machine, not the scanners. So,
        // like a switch with ARP suppression, this one (unless `flood_arp`)
        // hands each request only to the port that owns the asked address:
        // `unicast` rewrites the broadcast to the owner's MAC (the port is in
        // the FDB), `directed` drops the copies of requests for addresses
        // nobody owns. Who answers, and what the scanner's port sees, is
        // unchanged. `loss`: see set_loss.
        let (unicast, directed) = if self.flood_arp {
            ("", "")
        } else {
            (
                "arp operation request ether daddr ff:ff:ff:ff:ff:ff ether daddr set arp daddr ip map @ip_mac;",
                "arp operation request oifname . arp daddr ip != @port_ip drop;",
            )
        };
        self.nft(&format!(
            "table bridge kz {{\n\
               set port_ip {{ type ifname . ipv4_addr; }}\n\
               map ip_mac {{ type ipv4_addr : ether_addr; }}\n\
               chain unicast {{ type filter hook prerouting priority -10; policy accept; {unicast} }}\n\
               chain directed {{ type filter hook forward priority -10; policy accept; {directed} }}\n\
               chain loss {{ type filter hook forward priority 0; policy accept; }}\n\
             }}\n\
             add element bridge kz port_ip {{ \"sc\" . {ip} }}\n\
             add element bridge kz ip_mac {{ {ip} : {mac} }}\n",
            ip = self.scanner_ip,
            mac = self.scanner_mac,
        ))?;
        run(Command::new("bridge").args([
            "-n",
            &self.switch_ns,
            "fdb",
            "replace",
            &self.scanner_mac.to_string(),
            "dev",
            "sc",
            "master",
            "static",
        ]))?;
        Ok(())
    }

    /// Reserves an address, MAC and names for a new node (nothing created yet).
    fn allocate(&mut self, role: Role, spec: HostSpec) -> Result<Node> {
        let size = 1u32 << (32 - u32::from(self.prefix_len));
        let last_usable = u32::from(self.network) + size - 2;
        if self.next_ip >= last_usable {
            bail!("LAN {} is full", self.cidr());
        }
        let ip = Ipv4Addr::from(self.next_ip);
        self.next_ip += 1;
        let (ns, port, mac) = match role {
            Role::Host => {
                let k = self.next_host;
                self.next_host += 1;
                let mac = spec.mac.unwrap_or_else(|| {
                    MacAddr::new([
                        OUI[0],
                        OUI[1],
                        OUI[2],
                        (k >> 16) as u8,
                        (k >> 8) as u8,
                        k as u8,
                    ])
                });
                (format!("{}-h{k}", self.prefix), format!("h{k}"), mac)
            }
            Role::Router => {
                let k = self.next_router;
                if k > 250 {
                    bail!("too many routers");
                }
                self.next_router += 1;
                let mac = MacAddr::new([OUI[0], OUI[1], OUI[2], 0xfe, 0x00, k as u8]);
                (format!("{}-r{k}", self.prefix), format!("r{k}"), mac)
            }
        };
        Ok(Node {
            ns,
            ip,
            mac,
            role,
            tcp: spec.tcp,
            udp: spec.udp,
            port,
        })
    }

    /// Creates the namespaces and links of `nodes` and records them.
    fn attach(&mut self, nodes: &[Node]) -> Result<()> {
        let mut batch = String::new();
        for node in nodes {
            let _ = writeln!(batch, "netns add {}", node.ns);
        }
        // Recorded first: a batch failing half-way has made some of them.
        self.namespaces.extend(nodes.iter().map(|n| n.ns.clone()));
        ip_batch(None, &batch)?;

        let mut links = String::new();
        let mut ports = String::new();
        for node in nodes {
            let _ = writeln!(
                links,
                "link add {port} netns {sw} type veth peer name eth0 netns {ns} address {mac}",
                port = node.port,
                sw = self.switch_ns,
                ns = node.ns,
                mac = node.mac
            );
            let _ = writeln!(
                ports,
                "link set {} master br0 addrgenmode none up",
                node.port
            );
            if node.role == Role::Router {
                let _ = writeln!(
                    links,
                    "link add eth1 netns {ns} type veth peer name {port} netns {out}",
                    ns = node.ns,
                    port = node.port,
                    out = self.outside_ns
                );
            }
        }
        ip_batch(None, &links)?;
        ip_batch(Some(&self.switch_ns), &ports)?;
        let mut elements = String::new();
        let mut fdb = String::new();
        for node in nodes {
            let _ = writeln!(
                elements,
                "add element bridge kz port_ip {{ \"{port}\" . {ip} }}\n\
                 add element bridge kz ip_mac {{ {ip} : {mac} }}",
                port = node.port,
                ip = node.ip,
                mac = node.mac
            );
            let _ = writeln!(
                fdb,
                "fdb replace {} dev {} master static",
                node.mac, node.port
            );
        }
        self.nft(&elements)?;
        let mut cmd = Command::new("bridge");
        cmd.args(["-n", &self.switch_ns, "-batch", "-"]);
        pipe_to(&mut cmd, &fdb)?;

        // One `ip` per namespace; two threads because this dominates setup
        // time at 1,000 hosts (about 7 ms per process).
        let prefix_len = self.prefix_len;
        let jobs: Vec<(String, String)> = nodes
            .iter()
            .map(|node| {
                let mut cmds = format!(
                    "link set eth0 addrgenmode none up\naddr add {}/{prefix_len} dev eth0\n",
                    node.ip
                );
                if node.role == Role::Router {
                    let k = router_number(node);
                    let _ = write!(
                        cmds,
                        "link set eth1 addrgenmode none up\naddr add 198.19.{k}.1/24 dev eth1\n\
                         route add default via 198.19.{k}.2 dev eth1\n"
                    );
                }
                (node.ns.clone(), cmds)
            })
            .collect();
        let errors: Vec<anyhow::Error> = std::thread::scope(|scope| {
            let handles: Vec<_> = jobs
                .chunks(jobs.len().div_ceil(2).max(1))
                .map(|chunk| {
                    scope.spawn(move || {
                        chunk
                            .iter()
                            .filter_map(|(ns, cmds)| ip_batch(Some(ns), cmds).err())
                            .collect::<Vec<_>>()
                    })
                })
                .collect();
            handles
                .into_iter()
                .flat_map(|h| {
                    h.join()
                        .unwrap_or_else(|_| vec![anyhow!("setup thread panicked")])
                })
                .collect()
        });
        if let Some(e) = errors.into_iter().next() {
            return Err(e);
        }

        let mut outside = String::new();
        for node in nodes.iter().filter(|n| n.role == Role::Router) {
            let k = router_number(node);
            ns_shell(&node.ns, "echo 1 > /proc/sys/net/ipv4/ip_forward")?;
            let _ = writeln!(
                outside,
                "link set {port} addrgenmode none up\naddr add 198.19.{k}.2/24 dev {port}",
                port = node.port
            );
        }
        ip_batch(Some(&self.outside_ns), &outside)?;
        self.nodes.extend(nodes.iter().cloned());
        // The outside answers the LAN through the first router, like an ISP
        // routing a customer prefix back (only matters for TTL > 1 traffic).
        if let Some(first) = self.routers().next() {
            let k = router_number(first);
            ip_batch(
                Some(&self.outside_ns),
                &format!("route replace 198.18.0.0/16 via 198.19.{k}.1\n"),
            )?;
        }
        for node in nodes {
            if !node.tcp.is_empty() || !node.udp.is_empty() {
                let listener = Listener::start(&node.ns, node.ip, &node.tcp, &node.udp)?;
                self.listeners.push((node.ns.clone(), listener));
            }
        }
        Ok(())
    }

    /// Summarises frames captured by [`Lan::capture_scanner`], per node.
    pub fn traffic(&self, frames: &[Frame]) -> TrafficReport {
        let owners = self.nodes.iter().map(|n| (n.mac, n.ip)).collect();
        TrafficReport::from_frames(frames, &owners)
    }

    /// Starts counting every frame the scanner sends into the switch (a
    /// tcpdump on the scanner's switch port, before the loss rule).
    pub fn capture_scanner(&self) -> Result<Capture> {
        Capture::start(&self.switch_ns, "sc", self.scanner_mac)
    }

    /// ARP-resolves every address of the LAN from the scanner namespace
    /// (independently of koseizu, with pnet) and returns who answered.
    pub fn arp_sweep(&self, rounds: usize) -> Result<BTreeMap<Ipv4Addr, BTreeSet<MacAddr>>> {
        let targets: Vec<Ipv4Addr> = self
            .addresses()
            .filter(|ip| *ip != self.scanner_ip)
            .collect();
        let (mac, ip) = (self.scanner_mac, self.scanner_ip);
        in_netns(&self.scanner_ns, move || {
            probe::arp_sweep(mac, ip, &targets, rounds)
        })
    }

    /// Sends a TTL-1 ICMP echo for [`OUTSIDE_PROBE`] to each MAC and returns
    /// the MACs whose owner answered ICMP Time Exceeded (i.e. routes).
    pub fn ttl1_probe(&self, targets: &[MacAddr]) -> Result<BTreeSet<MacAddr>> {
        let targets = targets.to_vec();
        let (mac, ip) = (self.scanner_mac, self.scanner_ip);
        in_netns(&self.scanner_ns, move || {
            probe::ttl1_probe(mac, ip, &targets)
        })
    }

    /// True if a TCP connection from the scanner to `ip:port` succeeds.
    pub fn tcp_open(&self, ip: Ipv4Addr, port: u16) -> Result<bool> {
        in_netns(&self.scanner_ns, move || {
            let addr = SocketAddr::new(IpAddr::V4(ip), port);
            Ok(TcpStream::connect_timeout(&addr, Duration::from_secs(2)).is_ok())
        })
    }

    /// The answer to a UDP datagram sent from the scanner to `ip:port`, if any.
    pub fn udp_exchange(
        &self,
        ip: Ipv4Addr,
        port: u16,
        payload: Vec<u8>,
    ) -> Result<Option<Vec<u8>>> {
        in_netns(&self.scanner_ns, move || {
            let sock = UdpSocket::bind("0.0.0.0:0")?;
            sock.set_read_timeout(Some(Duration::from_secs(2)))?;
            sock.connect((ip, port))?;
            sock.send(&payload)?;
            let mut buf = [0u8; 2048];
            match sock.recv(&mut buf) {
                Ok(n) => Ok(Some(buf[..n].to_vec())),
                Err(_) => Ok(None),
            }
        })
    }

    /// Every address of the LAN subnet except network and broadcast.
    pub fn addresses(&self) -> impl Iterator<Item = Ipv4Addr> {
        let size = 1u32 << (32 - u32::from(self.prefix_len));
        let net = u32::from(self.network);
        (net + 1..net + size - 1).map(Ipv4Addr::from)
    }
}

fn router_number(node: &Node) -> u32 {
    node.port
        .strip_prefix('r')
        .and_then(|k| k.parse().ok())
        .expect("router port is r<k>")
}

impl Drop for Lan {
    fn drop(&mut self) {
        // Listener threads hold sockets in host namespaces: stop them first.
        self.listeners.clear();
        // Nothing we start in the scanner or switch namespace may outlive it.
        for ns in [&self.scanner_ns, &self.switch_ns] {
            if let Ok(out) = run(Command::new("ip").args(["netns", "pids", ns])) {
                for pid in String::from_utf8_lossy(&out.stdout).split_whitespace() {
                    if let Ok(pid) = pid.parse() {
                        let _ = signal::kill(Pid::from_raw(pid), Signal::SIGKILL);
                    }
                }
            }
        }
        if let Err(e) = delete_namespaces(self.namespaces.iter().map(String::as_str)) {
            eprintln!("testbed: cleanup of {} failed: {e:#}", self.prefix);
        }
    }
}

/// Listeners of one host: a thread inside its namespace running tokio tasks.
struct Listener {
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    thread: Option<JoinHandle<()>>,
}

impl Listener {
    fn start(ns: &str, ip: Ipv4Addr, tcp: &[u16], udp: &[u16]) -> Result<Listener> {
        let (ready_tx, ready_rx) = mpsc::channel::<Result<()>>();
        let (stop_tx, stop_rx) = tokio::sync::oneshot::channel::<()>();
        let (ns, tcp, udp) = (ns.to_string(), tcp.to_vec(), udp.to_vec());
        let thread = std::thread::spawn(move || {
            let setup = || -> Result<tokio::runtime::Runtime> {
                enter_netns(&ns)?;
                Ok(tokio::runtime::Builder::new_current_thread()
                    .enable_io()
                    .build()?)
            };
            let rt = match setup() {
                Ok(rt) => rt,
                Err(e) => {
                    let _ = ready_tx.send(Err(e));
                    return;
                }
            };
            rt.block_on(async move {
                let mut tasks = Vec::new();
                for port in tcp {
                    match tokio::net::TcpListener::bind((ip, port)).await {
                        Ok(l) => tasks.push(tokio::spawn(async move {
                            // Accept and close: the handshake is what a connect scan sees.
                            while let Ok((conn, _)) = l.accept().await {
                                drop(conn);
                            }
                        })),
                        Err(e) => {
                            let _ = ready_tx.send(Err(anyhow!("{ns}: bind tcp {ip}:{port}: {e}")));
                            return;
                        }
                    }
                }
                for port in udp {
                    match tokio::net::UdpSocket::bind((ip, port)).await {
                        Ok(s) => tasks.push(tokio::spawn(async move {
                            let mut buf = vec![0u8; 4096];
                            while let Ok((n, from)) = s.recv_from(&mut buf).await {
                                let reply = ike_reply(&buf[..n], port == 4500);
                                let _ = s.send_to(&reply, from).await;
                            }
                        })),
                        Err(e) => {
                            let _ = ready_tx.send(Err(anyhow!("{ns}: bind udp {ip}:{port}: {e}")));
                            return;
                        }
                    }
                }
                let _ = ready_tx.send(Ok(()));
                let _ = stop_rx.await;
                for t in tasks {
                    t.abort();
                }
            });
        });
        match ready_rx.recv_timeout(Duration::from_secs(10)) {
            Ok(Ok(())) => Ok(Listener {
                stop: Some(stop_tx),
                thread: Some(thread),
            }),
            Ok(Err(e)) => Err(e),
            Err(_) => Err(anyhow!("listener thread did not start")),
        }
    }
}

impl Drop for Listener {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

/// What the testbed's IKE responder sends back: for a datagram that looks
/// like an IKE header (after the 4-byte non-ESP marker on 4500), a
/// 28-byte IKE header answering it (same initiator SPI and message ID, a
/// responder SPI, the response flag); for anything else, a fixed text, so
/// that a UDP probe of any shape gets an answer.
pub fn ike_reply(request: &[u8], nat_t: bool) -> Vec<u8> {
    let (marker, ike) = if nat_t && request.len() >= 4 && request[..4] == [0; 4] {
        (&request[..4], &request[4..])
    } else {
        (&request[..0], request)
    };
    if ike.len() < 28 {
        return b"koseizu-testbed-ike".to_vec();
    }
    let mut out = marker.to_vec();
    out.extend_from_slice(&ike[0..8]); // initiator SPI
    out.extend_from_slice(&[0x4b, 0x5a, 0x54, 0x45, 0x53, 0x54, 0x42, 0x44]); // responder SPI "KZTESTBD"
    out.push(0); // next payload: none
    out.push(ike[17]); // version as asked
    out.push(ike[18]); // exchange type as asked
    out.push(0x20); // flags: response
    out.extend_from_slice(&ike[20..24]); // message ID
    out.extend_from_slice(&28u32.to_be_bytes());
    out
}

/// One frame the scanner sent, as captured on its switch port.
#[derive(Debug, Clone)]
pub struct Frame {
    /// Seconds since the epoch.
    pub time: f64,
    /// Nanoseconds since the epoch (the capture's own precision): what the
    /// one-second windows are counted on, exactly.
    pub nanos: u64,
    /// Destination MAC.
    pub dst: MacAddr,
    /// Ethertype.
    pub ethertype: u16,
    /// The LAN address the frame is about: IPv4 destination, or the ARP target.
    pub target: Option<Ipv4Addr>,
    /// IP protocol number for IPv4 frames.
    pub ip_proto: Option<u8>,
    /// IPv4 TTL.
    pub ttl: Option<u8>,
    /// ARP operation (1 request, 2 reply), for ARP frames.
    pub arp_op: Option<u16>,
    /// ICMP type, for ICMP frames.
    pub icmp_type: Option<u8>,
    /// TCP flags, for TCP frames.
    pub tcp_flags: Option<u8>,
}

impl Frame {
    /// A short name of what the frame is, for reports: `arp-request`,
    /// `arp-reply`, `icmp-8` (echo request), `icmp-3` (unreachable),
    /// `tcp-syn`, `udp`...
    pub fn kind(&self) -> String {
        match (self.ethertype, self.ip_proto) {
            (ETHERTYPE_ARP, _) => match self.arp_op {
                Some(1) => "arp-request".into(),
                Some(2) => "arp-reply".into(),
                _ => "arp".into(),
            },
            (ETHERTYPE_IPV4, Some(1)) => match self.icmp_type {
                Some(t) => format!("icmp-{t}"),
                None => "icmp".into(),
            },
            (ETHERTYPE_IPV4, Some(6)) => match self.tcp_flags {
                Some(f) if f & 0x04 != 0 => "tcp-rst".into(),
                Some(f) if f & 0x12 == 0x02 => "tcp-syn".into(),
                Some(f) if f & 0x01 != 0 => "tcp-fin".into(),
                Some(_) => "tcp-ack".into(),
                None => "tcp".into(),
            },
            (ETHERTYPE_IPV4, Some(17)) => "udp".into(),
            (ETHERTYPE_IPV4, Some(p)) => format!("ip-{p}"),
            (e, _) => format!("ether-{e:04x}"),
        }
    }
}

/// ARP ethertype.
pub const ETHERTYPE_ARP: u16 = 0x0806;
/// IPv4 ethertype.
pub const ETHERTYPE_IPV4: u16 = 0x0800;

/// A running tcpdump on one switch port.
pub struct Capture {
    child: Option<Child>,
    /// Holds the pcap file; deleted with the capture.
    _dir: tempfile::TempDir,
    path: PathBuf,
    /// All of tcpdump's stderr, sent once it exits (holds its drop count).
    stderr_end: mpsc::Receiver<std::result::Result<(), String>>,
}

/// The "N packets dropped by kernel" count of tcpdump's exit summary.
/// `None` if the summary is missing (tcpdump did not end cleanly).
pub fn tcpdump_kernel_drops(stderr: &str) -> Option<u64> {
    stderr.lines().find_map(|line| {
        let count = line.trim().strip_suffix("packets dropped by kernel")?;
        count.trim().parse().ok()
    })
}

impl Capture {
    fn start(switch_ns: &str, port: &str, src: MacAddr) -> Result<Capture> {
        let dir = tempfile::tempdir()?;
        let path = dir.path().join("scanner.pcap");
        let mut child = Command::new("ip")
            .args([
                "netns", "exec", switch_ns, "tcpdump", "-i", port, "-n", "-U", "-s", "128",
            ])
            .args(["-B", "16384", "-Z", "root", "--immediate-mode"])
            // Nanosecond stamps: a one-second window is counted to the
            // nanosecond, not to a microsecond that could merge two edges.
            .args(["--time-stamp-precision", "nano", "-w"])
            .arg(&path)
            .arg("ether")
            .arg("src")
            .arg(src.to_string())
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .context("cannot start tcpdump")?;
        let stderr = child
            .stderr
            .take()
            .ok_or_else(|| anyhow!("tcpdump: no stderr"))?;
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            let mut lines = Vec::new();
            for line in BufReader::new(stderr).lines().map_while(|l| l.ok()) {
                if line.contains("listening on") {
                    let _ = tx.send(Ok(()));
                }
                lines.push(line);
            }
            let _ = tx.send(Err(lines.join("\n")));
        });
        let mut capture = Capture {
            child: Some(child),
            _dir: dir,
            path,
            stderr_end: rx,
        };
        match capture.stderr_end.recv_timeout(Duration::from_secs(10)) {
            Ok(Ok(())) => Ok(capture),
            Ok(Err(msg)) => {
                capture.stop();
                bail!("tcpdump on {switch_ns}/{port} exited: {msg}")
            }
            Err(_) => {
                capture.stop();
                bail!("tcpdump on {switch_ns}/{port} did not start")
            }
        }
    }

    fn stop(&mut self) {
        if let Some(mut child) = self.child.take() {
            // SIGINT lets tcpdump flush; `ip netns exec` has exec'd it, same pid.
            if let Ok(pid) = i32::try_from(child.id()) {
                let _ = signal::kill(Pid::from_raw(pid), Signal::SIGINT);
            }
            let deadline = Instant::now() + Duration::from_secs(5);
            while Instant::now() < deadline {
                if let Ok(Some(_)) = child.try_wait() {
                    return;
                }
                std::thread::sleep(Duration::from_millis(20));
            }
            let _ = child.kill();
            let _ = child.wait();
        }
    }

    /// Stops the capture and returns the frames seen.
    pub fn finish(mut self) -> Result<Vec<Frame>> {
        // Frames still in flight reach the port within microseconds; give
        // tcpdump a moment so the last ones are in the file.
        std::thread::sleep(Duration::from_millis(200));
        self.stop();
        // A frame tcpdump dropped is a frame not counted: the rate-cap
        // checks would pass on a short count. Only a clean zero will do.
        let stderr = match self.stderr_end.recv_timeout(Duration::from_secs(5)) {
            Ok(Err(text)) => text,
            _ => bail!("tcpdump gave no exit summary: its count cannot be trusted"),
        };
        match tcpdump_kernel_drops(&stderr) {
            Some(0) => {}
            Some(n) => bail!("tcpdump dropped {n} frames: the count is short\n{stderr}"),
            None => bail!("tcpdump's exit summary has no drop count:\n{stderr}"),
        }
        let bytes = std::fs::read(&self.path)
            .with_context(|| format!("reading {}", self.path.display()))?;
        parse_pcap(&bytes)
    }
}

impl Drop for Capture {
    fn drop(&mut self) {
        self.stop();
    }
}

/// Parses a classic pcap file (what `tcpdump -w` writes) of Ethernet frames.
pub fn parse_pcap(bytes: &[u8]) -> Result<Vec<Frame>> {
    if bytes.len() < 24 {
        bail!("pcap file too short ({} bytes)", bytes.len());
    }
    let magic = [bytes[0], bytes[1], bytes[2], bytes[3]];
    let (big_endian, nanos) = match magic {
        [0xd4, 0xc3, 0xb2, 0xa1] => (false, false),
        [0xa1, 0xb2, 0xc3, 0xd4] => (true, false),
        [0x4d, 0x3c, 0xb2, 0xa1] => (false, true),
        [0xa1, 0xb2, 0x3c, 0x4d] => (true, true),
        _ => bail!("not a pcap file (magic {magic:02x?})"),
    };
    let u32_at = |b: &[u8], at: usize| -> u32 {
        let w = [b[at], b[at + 1], b[at + 2], b[at + 3]];
        if big_endian {
            u32::from_be_bytes(w)
        } else {
            u32::from_le_bytes(w)
        }
    };
    let linktype = u32_at(bytes, 20);
    if linktype != 1 {
        bail!("pcap link type {linktype}, expected Ethernet (1)");
    }
    let mut frames = Vec::new();
    let mut at = 24;
    while at + 16 <= bytes.len() {
        let secs = u32_at(bytes, at);
        let frac = u32_at(bytes, at + 4);
        let caplen = u32_at(bytes, at + 8) as usize;
        at += 16;
        if at + caplen > bytes.len() {
            break; // last record cut short by the stop
        }
        let data = &bytes[at..at + caplen];
        at += caplen;
        let stamp =
            u64::from(secs) * 1_000_000_000 + u64::from(frac) * if nanos { 1 } else { 1_000 };
        if let Some(frame) = parse_frame(stamp, data) {
            frames.push(frame);
        }
    }
    Ok(frames)
}

fn parse_frame(nanos: u64, data: &[u8]) -> Option<Frame> {
    if data.len() < 14 {
        return None;
    }
    let mut dst = [0u8; 6];
    dst.copy_from_slice(&data[0..6]);
    let ethertype = u16::from_be_bytes([data[12], data[13]]);
    let payload = &data[14..];
    let ipv4_at = |at: usize| -> Option<Ipv4Addr> {
        payload
            .get(at..at + 4)
            .map(|b| Ipv4Addr::new(b[0], b[1], b[2], b[3]))
    };
    let (target, ip_proto, ttl) = match ethertype {
        ETHERTYPE_ARP => (ipv4_at(24), None, None),
        ETHERTYPE_IPV4 => (
            ipv4_at(16),
            payload.get(9).copied(),
            payload.get(8).copied(),
        ),
        _ => (None, None, None),
    };
    // The transport header, after the IPv4 header's own length.
    let l4 = payload
        .first()
        .map(|b| usize::from(b & 0x0f) * 4)
        .and_then(|ihl| payload.get(ihl..));
    let arp_op = match ethertype {
        ETHERTYPE_ARP => payload.get(6..8).map(|b| u16::from_be_bytes([b[0], b[1]])),
        _ => None,
    };
    let icmp_type = match ip_proto {
        Some(1) => l4.and_then(|h| h.first().copied()),
        _ => None,
    };
    let tcp_flags = match ip_proto {
        Some(6) => l4.and_then(|h| h.get(13).copied()),
        _ => None,
    };
    Some(Frame {
        time: nanos as f64 / 1e9,
        nanos,
        dst: MacAddr::new(dst),
        ethertype,
        target,
        ip_proto,
        ttl,
        arp_op,
        icmp_type,
        tcp_flags,
    })
}

/// Nanoseconds in the one-second window every cap is counted over.
pub const SECOND_NS: u64 = 1_000_000_000;

/// The most events inside any window `[t, t + window_ns)` of any start time
/// `t` (times in nanoseconds, sorted or not). The busiest window of any
/// start time begins at an event, so trying each event as the start is
/// trying every start time.
pub fn max_in_window(times: &[u64], window_ns: u64) -> usize {
    busiest_window(times, window_ns).1
}

/// The busiest window as (index into the sorted times of its first event,
/// events in it); `(0, 0)` for no events.
fn busiest_window(times: &[u64], window_ns: u64) -> (usize, usize) {
    let mut t = times.to_vec();
    t.sort_unstable();
    let mut best = (0, 0);
    let mut hi = 0;
    for lo in 0..t.len() {
        while hi < t.len() && t[hi] - t[lo] < window_ns {
            hi += 1;
        }
        if hi - lo > best.1 {
            best = (lo, hi - lo);
        }
    }
    best
}

/// The frames of the busiest one-second window (any start time), in time
/// order, with what they are: `(start ns, frames, count per kind)`.
pub fn busiest_second(frames: &[Frame]) -> (u64, Vec<Frame>, BTreeMap<String, usize>) {
    let mut sorted = frames.to_vec();
    sorted.sort_by_key(|f| f.nanos);
    let times: Vec<u64> = sorted.iter().map(|f| f.nanos).collect();
    let (lo, n) = busiest_window(&times, SECOND_NS);
    let window: Vec<Frame> = sorted[lo..lo + n].to_vec();
    let mut kinds = BTreeMap::new();
    for f in &window {
        *kinds.entry(f.kind()).or_default() += 1;
    }
    (times.get(lo).copied().unwrap_or(0), window, kinds)
}

/// What the scanner sent, seen from the LAN side.
#[derive(Debug, Clone, Default)]
pub struct TrafficReport {
    /// Frames in all.
    pub total: usize,
    /// Seconds from first to last frame.
    pub duration: f64,
    /// Most frames in any one-second window.
    pub max_per_second: usize,
    /// Per LAN address: most frames to it in any one-second window. A
    /// unicast frame counts for the node owning its destination MAC (so a
    /// gateway probe, addressed to an outside IP, counts for the router it
    /// is sent to); a broadcast for its ARP target or IPv4 destination.
    pub max_per_second_by_target: BTreeMap<Ipv4Addr, usize>,
    /// Per LAN address (attributed as above): frames other than ARP.
    pub non_arp_by_target: BTreeMap<Ipv4Addr, usize>,
    /// Per destination MAC: frames other than ARP.
    pub non_arp_by_mac: BTreeMap<MacAddr, usize>,
}

impl TrafficReport {
    /// Summarises captured frames; `owners` maps the LAN's MACs to their addresses.
    pub fn from_frames(frames: &[Frame], owners: &BTreeMap<MacAddr, Ipv4Addr>) -> TrafficReport {
        let times: Vec<f64> = frames.iter().map(|f| f.time).collect();
        let nanos: Vec<u64> = frames.iter().map(|f| f.nanos).collect();
        let mut by_target: BTreeMap<Ipv4Addr, Vec<u64>> = BTreeMap::new();
        let mut report = TrafficReport {
            total: frames.len(),
            max_per_second: max_in_window(&nanos, SECOND_NS),
            ..TrafficReport::default()
        };
        if let (Some(first), Some(last)) = (
            times.iter().copied().reduce(f64::min),
            times.iter().copied().reduce(f64::max),
        ) {
            report.duration = last - first;
        }
        for f in frames {
            let owner = if f.dst.is_multicast() {
                None
            } else {
                owners.get(&f.dst).copied()
            };
            if let Some(t) = owner.or(f.target) {
                by_target.entry(t).or_default().push(f.nanos);
                if f.ethertype != ETHERTYPE_ARP {
                    *report.non_arp_by_target.entry(t).or_default() += 1;
                }
            }
            if f.ethertype != ETHERTYPE_ARP {
                *report.non_arp_by_mac.entry(f.dst).or_default() += 1;
            }
        }
        report.max_per_second_by_target = by_target
            .into_iter()
            .map(|(ip, t)| (ip, max_in_window(&t, SECOND_NS)))
            .collect();
        report
    }

    /// The busiest target and its most frames in one second.
    pub fn busiest_target(&self) -> Option<(Ipv4Addr, usize)> {
        self.max_per_second_by_target
            .iter()
            .max_by_key(|(_, n)| **n)
            .map(|(ip, n)| (*ip, *n))
    }
}

/// Raw layer-2 probes from the scanner namespace with pnet, independent of
/// koseizu's own packet code: they prove the testbed, not the scanner.
mod probe {
    use super::*;
    use pnet::datalink::{self, Channel, DataLinkReceiver, DataLinkSender};
    use pnet::packet::arp::{ArpHardwareTypes, ArpOperations, ArpPacket, MutableArpPacket};
    use pnet::packet::ethernet::{EtherTypes, EthernetPacket, MutableEthernetPacket};
    use pnet::packet::icmp::{self, IcmpPacket, IcmpTypes, MutableIcmpPacket};
    use pnet::packet::ip::IpNextHeaderProtocols;
    use pnet::packet::ipv4::{self, Ipv4Packet, MutableIpv4Packet};
    use pnet::packet::{MutablePacket, Packet};
    use pnet::util::MacAddr as PnetMac;

    fn pmac(m: MacAddr) -> PnetMac {
        let o = m.octets();
        PnetMac::new(o[0], o[1], o[2], o[3], o[4], o[5])
    }

    fn kmac(m: PnetMac) -> MacAddr {
        MacAddr::new(m.octets())
    }

    fn open() -> Result<(Box<dyn DataLinkSender>, Box<dyn DataLinkReceiver>)> {
        let iface = datalink::interfaces()
            .into_iter()
            .find(|i| i.name == SCANNER_IFACE)
            .ok_or_else(|| anyhow!("no {SCANNER_IFACE} in the scanner namespace"))?;
        let config = datalink::Config {
            read_timeout: Some(Duration::from_millis(50)),
            ..Default::default()
        };
        match datalink::channel(&iface, config)? {
            Channel::Ethernet(tx, rx) => Ok((tx, rx)),
            _ => bail!("unexpected datalink channel type"),
        }
    }

    fn send(tx: &mut dyn DataLinkSender, frame: &[u8]) -> Result<()> {
        tx.send_to(frame, None)
            .ok_or_else(|| anyhow!("datalink send: no result"))??;
        Ok(())
    }

    pub fn arp_sweep(
        me: MacAddr,
        my_ip: Ipv4Addr,
        targets: &[Ipv4Addr],
        rounds: usize,
    ) -> Result<BTreeMap<Ipv4Addr, BTreeSet<MacAddr>>> {
        let (mut tx, mut rx) = open()?;
        let mut seen: BTreeMap<Ipv4Addr, BTreeSet<MacAddr>> = BTreeMap::new();
        let drain = |rx: &mut Box<dyn DataLinkReceiver>,
                     until: Instant,
                     seen: &mut BTreeMap<_, BTreeSet<_>>| {
            while Instant::now() < until {
                let Ok(bytes) = rx.next() else { continue };
                let Some(eth) = EthernetPacket::new(bytes) else {
                    continue;
                };
                if eth.get_ethertype() != EtherTypes::Arp {
                    continue;
                }
                let Some(arp) = ArpPacket::new(eth.payload()) else {
                    continue;
                };
                if arp.get_operation() == ArpOperations::Reply
                    && arp.get_target_proto_addr() == my_ip
                {
                    seen.entry(arp.get_sender_proto_addr())
                        .or_default()
                        .insert(kmac(arp.get_sender_hw_addr()));
                }
            }
        };
        for _ in 0..rounds.max(1) {
            for (i, ip) in targets.iter().enumerate() {
                if seen.contains_key(ip) {
                    continue;
                }
                let mut buf = [0u8; 42];
                {
                    let mut eth = MutableEthernetPacket::new(&mut buf).expect("42 bytes");
                    eth.set_destination(PnetMac::broadcast());
                    eth.set_source(pmac(me));
                    eth.set_ethertype(EtherTypes::Arp);
                    let mut arp = MutableArpPacket::new(eth.payload_mut()).expect("28 bytes");
                    arp.set_hardware_type(ArpHardwareTypes::Ethernet);
                    arp.set_protocol_type(EtherTypes::Ipv4);
                    arp.set_hw_addr_len(6);
                    arp.set_proto_addr_len(4);
                    arp.set_operation(ArpOperations::Request);
                    arp.set_sender_hw_addr(pmac(me));
                    arp.set_sender_proto_addr(my_ip);
                    arp.set_target_hw_addr(PnetMac::zero());
                    arp.set_target_proto_addr(*ip);
                }
                send(tx.as_mut(), &buf)?;
                // Pace at about 1,000 frames/s so no queue overflows.
                if i % 10 == 9 {
                    drain(
                        &mut rx,
                        Instant::now() + Duration::from_millis(10),
                        &mut seen,
                    );
                }
            }
            drain(
                &mut rx,
                Instant::now() + Duration::from_millis(700),
                &mut seen,
            );
        }
        Ok(seen)
    }

    pub fn ttl1_probe(
        me: MacAddr,
        my_ip: Ipv4Addr,
        targets: &[MacAddr],
    ) -> Result<BTreeSet<MacAddr>> {
        let (mut tx, mut rx) = open()?;
        for (i, target) in targets.iter().enumerate() {
            let mut buf = [0u8; 14 + 20 + 8];
            {
                let mut eth = MutableEthernetPacket::new(&mut buf).expect("frame");
                eth.set_destination(pmac(*target));
                eth.set_source(pmac(me));
                eth.set_ethertype(EtherTypes::Ipv4);
                let mut ip = MutableIpv4Packet::new(eth.payload_mut()).expect("ipv4");
                ip.set_version(4);
                ip.set_header_length(5);
                ip.set_total_length(28);
                ip.set_identification(i as u16);
                ip.set_ttl(1);
                ip.set_next_level_protocol(IpNextHeaderProtocols::Icmp);
                ip.set_source(my_ip);
                ip.set_destination(OUTSIDE_PROBE);
                {
                    let mut echo = MutableIcmpPacket::new(ip.payload_mut()).expect("icmp");
                    echo.set_icmp_type(IcmpTypes::EchoRequest);
                    // Identifier "KZ", sequence = probe index.
                    let seq = (i as u16).to_be_bytes();
                    echo.packet_mut()[4..8].copy_from_slice(&[0x4b, 0x5a, seq[0], seq[1]]);
                    let sum = icmp::checksum(&echo.to_immutable());
                    echo.set_checksum(sum);
                }
                let sum = ipv4::checksum(&ip.to_immutable());
                ip.set_checksum(sum);
            }
            send(tx.as_mut(), &buf)?;
            std::thread::sleep(Duration::from_millis(2));
        }
        let mut routers = BTreeSet::new();
        let deadline = Instant::now() + Duration::from_millis(1500);
        while Instant::now() < deadline {
            let Ok(bytes) = rx.next() else { continue };
            let Some(eth) = EthernetPacket::new(bytes) else {
                continue;
            };
            if eth.get_ethertype() != EtherTypes::Ipv4 || eth.get_destination() != pmac(me) {
                continue;
            }
            let Some(ip) = Ipv4Packet::new(eth.payload()) else {
                continue;
            };
            if ip.get_next_level_protocol() != IpNextHeaderProtocols::Icmp {
                continue;
            }
            let Some(icmp) = IcmpPacket::new(ip.payload()) else {
                continue;
            };
            if icmp.get_icmp_type() == IcmpTypes::TimeExceeded {
                routers.insert(kmac(eth.get_source()));
            }
        }
        Ok(routers)
    }
}

/// `program` run inside namespace `ns` (stdin closed).
pub fn netns_command(ns: &str, program: &str) -> Command {
    let mut c = Command::new("ip");
    c.args(["netns", "exec", ns, program]);
    c.stdin(Stdio::null());
    c
}

/// Daemons a test started, stopped on drop: SIGTERM to all, up to 3 s each
/// to exit, then SIGKILL and reaped.
pub struct Daemons(pub Vec<Child>);

impl Drop for Daemons {
    fn drop(&mut self) {
        for c in &mut self.0 {
            let _ = signal::kill(Pid::from_raw(c.id() as i32), Signal::SIGTERM);
        }
        for c in &mut self.0 {
            let t0 = Instant::now();
            while c.try_wait().ok().flatten().is_none() && t0.elapsed() < Duration::from_secs(3) {
                std::thread::sleep(Duration::from_millis(50));
            }
            let _ = c.kill();
            let _ = c.wait();
        }
    }
}

/// One more namespace of a test's own, plugged into the LAN's switch as
/// port `tag` with `eth0` at `mac` (no IPv6 address generated), deleted by
/// name on drop.
pub struct Extra {
    /// The namespace's name (`PREFIX-tag`).
    pub ns: String,
    port: String,
    switch_ns: String,
}

impl Extra {
    /// Plugs a new namespace into `lan`'s bridge.
    pub fn plug(lan: &Lan, tag: &str, mac: &str) -> Extra {
        let ns = format!("{}-{tag}", lan.prefix);
        let e = Extra {
            ns: ns.clone(),
            port: tag.to_string(),
            switch_ns: lan.switch_ns.clone(),
        };
        let ip = |args: &[&str]| {
            run(Command::new("ip").args(args)).expect("ip");
        };
        ip(&["netns", "add", &ns]);
        ip(&[
            "link",
            "add",
            tag,
            "netns",
            &lan.switch_ns,
            "type",
            "veth",
            "peer",
            "name",
            "eth0",
            "netns",
            &ns,
            "address",
            mac,
        ]);
        ip(&[
            "-n",
            &lan.switch_ns,
            "link",
            "set",
            tag,
            "master",
            "br0",
            "up",
        ]);
        ip(&["-n", &ns, "link", "set", "lo", "up"]);
        ip(&[
            "-n",
            &ns,
            "link",
            "set",
            "eth0",
            "addrgenmode",
            "none",
            "up",
        ]);
        e
    }
}

impl Drop for Extra {
    fn drop(&mut self) {
        let _ = Command::new("ip")
            .args(["-n", &self.switch_ns, "link", "del", &self.port])
            .status();
        let _ = Command::new("ip").args(["netns", "del", &self.ns]).status();
    }
}
