//! Real peers across a router namespace, seen passively: an IKE exchange
//! between two strongSwan `charon` daemons (a vendor outside, the VPN
//! appliance inside), DICOM from dcmtk (`echoscu`, `storescu` with a
//! patient name in the file, to `storescp`), and IPv6 Router Advertisements
//! from dnsmasq (`enable-ra`). Captured twice at once on the VPN
//! appliance's switch port: live with `koseizu listen`, and with tcpdump
//! into a file given to `koseizu import`; both must give the same hosts and
//! agree with `tshark -T fields` on the same file. Then the audit: the IKE
//! session against the circuit's declared hours in `maintenance.csv`; and
//! `nmap -6` XML of the LAN's IPv6 addresses, imported.
//!
//! Layout (names `k9b<pid>-*`, deleted by name on drop):
//!
//! ```text
//!   vpn  198.18.0.2 ── pv ┐ sw (br0) ┌ pr ── 198.18.0.1 rt 198.19.0.1 ── 198.19.0.2 out
//! ```
//!
//! THE NETWORK RULE: 198.18.0.0/24 and 198.19.0.0/24 (and the IPv6 ULA
//! fd00:198:18::/64 on the LAN) only; no namespace has a link to the real
//! interfaces, and each namespace's resolver is its own loopback
//! (`/etc/netns/NAME/resolv.conf`), so the daemons' name lookups stay in it.
//! Needs root; with `CI` set a missing tool or namespace support fails.
#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a failed unwrap is a failed test

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

use chrono::{Timelike, Utc};
use koseizu::snapshot::{Fact, Snapshot};

const CHARON: &str = "/usr/lib/ipsec/charon";
const TOOLS: &[&str] = &[
    "ip", "unshare", "nmap", "swanctl", "storescp", "echoscu", "storescu", "dump2dcm", "dnsmasq",
    "tcpdump", "tshark",
];
/// A patient name that must reach no output.
const PATIENT: &str = "YAMADA^HANAKOQ";
const SECRET: &str = "koseizu-test-only-not-a-secret";

fn ci() -> bool {
    std::env::var_os("CI").is_some_and(|v| !v.is_empty())
}

fn on_path(tool: &str) -> bool {
    std::env::var_os("PATH")
        .map(|paths| std::env::split_paths(&paths).any(|d| d.join(tool).is_file()))
        .unwrap_or(false)
}

/// True if every tool is here and namespaces can be made; else skips (fails under CI).
fn ready(test: &str) -> bool {
    let mut missing: Vec<&str> = TOOLS.iter().copied().filter(|t| !on_path(t)).collect();
    if !Path::new(CHARON).is_file() {
        missing.push(CHARON);
    }
    let why = if !missing.is_empty() {
        Some(format!(
            "missing {} (apt-get install iproute2 util-linux strongswan-charon strongswan-swanctl dcmtk dnsmasq-base tcpdump tshark nmap)",
            missing.join(", ")
        ))
    } else {
        let probe = format!("k9b{}-probe", std::process::id());
        let made = Command::new("ip")
            .args(["netns", "add", &probe])
            .output()
            .is_ok_and(|o| o.status.success());
        let _ = Command::new("ip").args(["netns", "del", &probe]).output();
        (!made).then(|| "cannot create a network namespace (root needed)".to_string())
    };
    match why {
        None => true,
        Some(why) if ci() => panic!("{test}: {why}, and CI is set"),
        Some(why) => {
            eprintln!("SKIPPED {test}: {why}");
            false
        }
    }
}

fn run(cmd: &mut Command) -> Output {
    let o = cmd.stdin(Stdio::null()).output().expect("spawn");
    assert!(
        o.status.success(),
        "{cmd:?}: {}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    );
    o
}

/// The namespaces, the daemons and the resolver files, removed on drop.
struct Net {
    p: String,
    children: Vec<Child>,
}

impl Net {
    fn ns(&self, n: &str) -> String {
        format!("{}-{n}", self.p)
    }

    fn sh(&self, n: &str, script: &str) {
        run(Command::new("ip").args(["netns", "exec", &self.ns(n), "sh", "-ec", script]));
    }

    fn cmd(&self, n: &str, program: &str) -> Command {
        let mut c = Command::new("ip");
        c.args(["netns", "exec", &self.ns(n), program]);
        c
    }

    fn spawn(&mut self, mut c: Command, log: &Path) -> usize {
        let log = std::fs::File::create(log).unwrap();
        let child = c
            .stdin(Stdio::null())
            .stdout(log.try_clone().unwrap())
            .stderr(log)
            .spawn()
            .expect("spawn");
        self.children.push(child);
        self.children.len() - 1
    }

    fn build() -> Net {
        let p = format!("k9b{}", std::process::id());
        let net = Net {
            p,
            children: Vec::new(),
        };
        for n in ["sw", "vpn", "rt", "out"] {
            // Name lookups of the daemons stay on the namespace's loopback.
            let etc = PathBuf::from("/etc/netns").join(net.ns(n));
            std::fs::create_dir_all(&etc).unwrap();
            std::fs::write(etc.join("resolv.conf"), "nameserver 127.0.0.1\n").unwrap();
            run(Command::new("ip").args(["netns", "add", &net.ns(n)]));
        }
        let p = &net.p;
        for (a, an, b, bn) in [
            ("sw", "pv", "vpn", "eth0"),
            ("sw", "pr", "rt", "eth0"),
            ("rt", "eth1", "out", "eth0"),
        ] {
            let (x, y) = (format!("{p}-{an}{bn}x"), format!("{p}-{an}{bn}y"));
            let (x, y) = (
                &x[x.len().saturating_sub(15)..],
                &y[y.len().saturating_sub(15)..],
            );
            run(Command::new("ip").args(["link", "add", x, "type", "veth", "peer", "name", y]));
            run(Command::new("ip").args(["link", "set", x, "netns", &net.ns(a)]));
            run(Command::new("ip").args(["link", "set", y, "netns", &net.ns(b)]));
            net.sh(
                a,
                &format!("ip link set {x} name {an}; ip link set {an} up"),
            );
            net.sh(
                b,
                &format!("ip link set {y} name {bn}; ip link set {bn} up"),
            );
        }
        net.sh(
            "sw",
            "ip link set lo up; ip link add br0 type bridge; ip link set br0 up; \
             ip link set pv master br0; ip link set pr master br0",
        );
        net.sh(
            "vpn",
            "ip link set lo up; ip addr add 198.18.0.2/24 dev eth0; \
             ip route add default via 198.18.0.1; sysctl -qw net.ipv6.conf.eth0.accept_ra=2",
        );
        net.sh(
            "rt",
            "ip link set lo up; ip addr add 198.18.0.1/24 dev eth0; ip addr add 198.19.0.1/24 dev eth1; \
             sysctl -qw net.ipv4.ip_forward=1; sysctl -qw net.ipv6.conf.all.forwarding=1; \
             ip -6 addr add fd00:198:18::1/64 dev eth0 nodad",
        );
        net.sh(
            "out",
            "ip link set lo up; ip addr add 198.19.0.2/24 dev eth0; ip route add default via 198.19.0.1",
        );
        net
    }
}

impl Drop for Net {
    fn drop(&mut self) {
        for c in &mut self.children {
            let _ = c.kill();
            let _ = c.wait();
        }
        for n in ["sw", "vpn", "rt", "out"] {
            let _ = Command::new("ip")
                .args(["netns", "del", &self.ns(n)])
                .output();
            let _ = std::fs::remove_dir_all(PathBuf::from("/etc/netns").join(self.ns(n)));
        }
    }
}

fn strongswan_conf(dir: &Path) -> String {
    format!(
        "charon {{\n  install_routes = no\n  install_virtual_ip = no\n  \
         plugins {{\n    vici {{\n      socket = unix://{}/charon.vici\n    }}\n  }}\n  \
         filelog {{\n    stderr {{\n      default = 1\n    }}\n  }}\n}}\n",
        dir.display()
    )
}

fn swanctl_conf(
    local: &str,
    remote: &str,
    me: &str,
    peer: &str,
    ts_local: &str,
    ts_remote: &str,
) -> String {
    format!(
        "connections {{\n mnt {{\n  version = 2\n  local_addrs = {local}\n  remote_addrs = {remote}\n  \
         proposals = aes256-sha256-modp2048\n  local {{\n   auth = psk\n   id = {me}\n  }}\n  \
         remote {{\n   auth = psk\n   id = {peer}\n  }}\n  children {{\n   c {{\n    local_ts = {ts_local}\n    \
         remote_ts = {ts_remote}\n    esp_proposals = aes256-sha256\n   }}\n  }}\n }}\n}}\n\
         secrets {{\n ike-1 {{\n  id-a = {me}\n  id-b = {peer}\n  secret = \"{SECRET}\"\n }}\n}}\n"
    )
}

/// Starts charon in namespace `n` (its own /run, its vici socket in `dir`)
/// and loads `conf`.
fn charon(net: &mut Net, n: &str, dir: &Path, conf: &str) {
    std::fs::create_dir_all(dir).unwrap();
    std::fs::write(dir.join("strongswan.conf"), strongswan_conf(dir)).unwrap();
    std::fs::write(dir.join("swanctl.conf"), conf).unwrap();
    let mut c = net.cmd(n, "unshare");
    c.args([
        "-m",
        "sh",
        "-c",
        &format!("mount -t tmpfs tmpfs /run && exec {CHARON}"),
    ])
    .env("STRONGSWAN_CONF", dir.join("strongswan.conf"));
    net.spawn(c, &dir.join("charon.log"));
    let start = Instant::now();
    while !dir.join("charon.vici").exists() {
        assert!(
            start.elapsed() < Duration::from_secs(20),
            "charon in {n} never opened its socket: {}",
            std::fs::read_to_string(dir.join("charon.log")).unwrap_or_default()
        );
        std::thread::sleep(Duration::from_millis(200));
    }
    run(net
        .cmd(n, "swanctl")
        .args(["--load-all", "--uri"])
        .arg(format!("unix://{}/charon.vici", dir.display()))
        .arg("--file")
        .arg(dir.join("swanctl.conf")));
}

fn tshark(file: &Path, filter: &str, fields: &[&str]) -> Vec<Vec<String>> {
    let mut c = Command::new("tshark");
    c.arg("-r").arg(file).args(["-Y", filter, "-T", "fields"]);
    for f in fields {
        c.args(["-e", f]);
    }
    let o = run(&mut c);
    String::from_utf8_lossy(&o.stdout)
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| l.split('\t').map(str::to_string).collect())
        .collect()
}

fn koseizu(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_koseizu"))
        .args(args)
        .stdin(Stdio::null())
        .output()
        .expect("koseizu")
}

fn pairs(s: &Snapshot) -> BTreeSet<(String, String)> {
    s.hosts
        .iter()
        .map(|h| {
            (
                h.ip.to_string(),
                h.mac.map(|m| m.to_string()).unwrap_or_default(),
            )
        })
        .collect()
}

fn ae_titles(s: &Snapshot) -> BTreeSet<(String, String)> {
    s.details
        .iter()
        .filter_map(|d| match &d.fact {
            Fact::Name { via, name } if via == "dicom-ae" => Some((
                d.ip.map(|i| i.to_string()).unwrap_or_default(),
                name.clone(),
            )),
            _ => None,
        })
        .collect()
}

fn ike(s: &Snapshot) -> BTreeSet<(String, String, u16, bool)> {
    s.details
        .iter()
        .filter_map(|d| match &d.fact {
            Fact::RemoteSession {
                service,
                server,
                client,
                port,
                outside_peer,
                ..
            } if service == "IKE" => {
                Some((server.to_string(), client.to_string(), *port, *outside_peer))
            }
            _ => None,
        })
        .collect()
}

fn ra_prefixes(s: &Snapshot) -> BTreeSet<(String, String)> {
    s.hosts
        .iter()
        .flat_map(|h| {
            h.external.iter().filter_map(move |e| match e {
                koseizu::snapshot::ExternalEvidence::Ipv6DefaultRoute { prefixes } => Some(
                    prefixes
                        .iter()
                        .map(|p| {
                            (
                                h.mac.map(|m| m.to_string()).unwrap_or_default(),
                                p.to_string(),
                            )
                        })
                        .collect::<Vec<_>>(),
                ),
                _ => None,
            })
        })
        .flatten()
        .collect()
}

fn write_site(dir: &Path, hours: &str) {
    std::fs::create_dir_all(dir).unwrap();
    std::fs::write(
        dir.join("site.toml"),
        "name = \"テスト病院\"\nlanguage = \"ja\"\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("segments.csv"),
        "id,name,cidr\r\ncore,基幹,198.18.0.0/24\r\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("devices.csv"),
        "id,name,kind,ip,segment\r\nVPN-01,VPN装置,vpn,198.18.0.2,core\r\nRT-01,ルータ,router,198.18.0.1,core\r\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("maintenance.csv"),
        format!(
            "番号,事業者,システム,回線,接続機器,接続方式,接続時間,担当者,電話番号,備考\r\n\
             MNT-01,保守ベンダ株式会社,,,VPN-01,IPsec-VPN,{hours},担当,0120-000-000,\r\n"
        ),
    )
    .unwrap();
}

fn audit_json(site: &Path) -> serde_json::Value {
    let o = koseizu(&["audit", site.to_str().unwrap(), "--format", "json"]);
    assert!(
        o.status.success() || o.status.code() == Some(1),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    serde_json::from_slice(&o.stdout).unwrap()
}

#[test]
fn real_peers_seen_live_and_from_a_file_agree_with_tshark() {
    if !ready("real_peers_seen_live_and_from_a_file_agree_with_tshark") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let mut net = Net::build();
    charon(
        &mut net,
        "vpn",
        &d.join("vpn"),
        &swanctl_conf(
            "198.18.0.2",
            "198.19.0.2",
            "vpn.hosp.test",
            "vendor.test",
            "198.18.0.0/24",
            "198.19.0.2/32",
        ),
    );
    charon(
        &mut net,
        "out",
        &d.join("out"),
        &swanctl_conf(
            "198.19.0.2",
            "198.18.0.2",
            "vendor.test",
            "vpn.hosp.test",
            "198.19.0.2/32",
            "198.18.0.0/24",
        ),
    );

    // Both captures on the appliance's switch port, at once.
    let pcap = d.join("cap.pcap");
    let mut c = net.cmd("sw", "tcpdump");
    c.args(["-i", "pv", "-U", "-n", "-w"]).arg(&pcap);
    let tcpdump = net.spawn(c, &d.join("tcpdump.log"));
    let live = d.join("listen.json");
    let mut c = net.cmd("sw", env!("CARGO_BIN_EXE_koseizu"));
    c.args(["listen", "--iface", "pv", "--duration", "25s", "-q", "-o"])
        .arg(&live);
    let listen = net.spawn(c, &d.join("listen.log"));
    let start = Instant::now();
    while !std::fs::read_to_string(d.join("tcpdump.log"))
        .unwrap_or_default()
        .contains("listening on")
    {
        assert!(
            start.elapsed() < Duration::from_secs(10),
            "tcpdump never started"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
    std::thread::sleep(Duration::from_secs(2));

    // DICOM: a C-ECHO and a C-STORE of a file with a patient name.
    let store = d.join("store");
    std::fs::create_dir_all(&store).unwrap();
    let mut c = net.cmd("vpn", "storescp");
    c.args(["-aet", "PACS", "-od"]).arg(&store).arg("104");
    net.spawn(c, &d.join("storescp.log"));
    // IPv6 Router Advertisements from the router.
    let mut c = net.cmd("rt", "dnsmasq");
    c.args([
        "--no-daemon",
        "--conf-file=/dev/null",
        "--port=0",
        "--interface=eth0",
        "--bind-interfaces",
        "--enable-ra",
        "--dhcp-range=::,constructor:eth0,ra-only",
    ])
    .arg(format!("--pid-file={}", d.join("dnsmasq.pid").display()))
    .arg(format!("--dhcp-leasefile={}", d.join("leases").display()));
    net.spawn(c, &d.join("dnsmasq.log"));
    let dump = d.join("ct.dump");
    std::fs::write(
        &dump,
        format!(
            "(0008,0016) UI =CTImageStorage\n(0008,0018) UI [1.2.392.200036.9116.2.6.1.48.1.1764800000.1]\n\
             (0008,0060) CS [CT]\n(0010,0010) PN [{PATIENT}]\n(0010,0020) LO [PID12345]\n\
             (0020,000d) UI [1.2.392.200036.9116.2.6.1.48.1.1764800000.2]\n\
             (0020,000e) UI [1.2.392.200036.9116.2.6.1.48.1.1764800000.3]\n"
        ),
    )
    .unwrap();
    let dcm = d.join("ct.dcm");
    run(Command::new("dump2dcm")
        .arg("--write-xfer-little")
        .arg(&dump)
        .arg(&dcm));
    let start = Instant::now();
    loop {
        let o = net
            .cmd("rt", "echoscu")
            .args(["-aet", "MODALITY1", "-aec", "PACS", "198.18.0.2", "104"])
            .output()
            .unwrap();
        if o.status.success() {
            break;
        }
        assert!(start.elapsed() < Duration::from_secs(10), "echoscu: {o:?}");
        std::thread::sleep(Duration::from_millis(300));
    }
    run(net
        .cmd("rt", "storescu")
        .args(["-aet", "MODALITY1", "-aec", "PACS", "198.18.0.2", "104"])
        .arg(&dcm));
    // IKE from the vendor outside to the appliance (the child SA may fail
    // where the kernel has no IPsec; the IKE SA is what is seen).
    let when = Utc::now();
    let o = net
        .cmd("out", "swanctl")
        .args(["--initiate", "--child", "c", "--timeout", "15", "--uri"])
        .arg(format!("unix://{}/charon.vici", d.join("out").display()))
        .output()
        .unwrap();
    let said = String::from_utf8_lossy(&o.stdout).into_owned();
    assert!(
        said.contains("IKE_SA") && said.contains("established"),
        "{said}"
    );

    let status = net.children[listen].wait().unwrap();
    assert!(
        status.success(),
        "{}",
        std::fs::read_to_string(d.join("listen.log")).unwrap()
    );
    // tcpdump (exec'd by `ip netns exec`) flushes its file on SIGTERM.
    let pid = nix::unistd::Pid::from_raw(net.children[tcpdump].id() as i32);
    nix::sys::signal::kill(pid, nix::sys::signal::Signal::SIGTERM).unwrap();
    let _ = net.children[tcpdump].wait();

    let imported = d.join("import.json");
    let o = koseizu(&[
        "import",
        pcap.to_str().unwrap(),
        "-o",
        imported.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let live_snap = Snapshot::read(&live).unwrap();
    let file_snap = Snapshot::read(&imported).unwrap();

    // Ground truth from tshark on the same file.
    let arp: BTreeSet<(String, String)> =
        tshark(&pcap, "arp", &["arp.src.proto_ipv4", "arp.src.hw_mac"])
            .into_iter()
            .filter(|r| r.len() == 2 && r[0] != "0.0.0.0")
            .map(|r| (r[0].clone(), r[1].clone()))
            .collect();
    assert!(!arp.is_empty());
    let mut ae: BTreeSet<(String, String)> = BTreeSet::new();
    // A-ASSOCIATE-RQ (PDU type 1): the sender is the calling AE.
    for r in tshark(
        &pcap,
        "dicom.pdu.type == 1",
        &[
            "ip.src",
            "ip.dst",
            "dicom.assoc.ae.calling",
            "dicom.assoc.ae.called",
        ],
    ) {
        if r.len() == 4 && !r[2].is_empty() {
            ae.insert((r[0].clone(), r[2].trim().to_string()));
            ae.insert((r[1].clone(), r[3].trim().to_string()));
        }
    }
    assert_eq!(
        ae,
        [
            ("198.18.0.1".to_string(), "MODALITY1".to_string()),
            ("198.18.0.2".to_string(), "PACS".to_string())
        ]
        .into_iter()
        .collect()
    );
    let ike_truth: BTreeSet<(String, String, u16)> =
        tshark(&pcap, "isakmp", &["ip.src", "ip.dst", "udp.dstport"])
            .into_iter()
            .filter(|r| r.len() == 3 && r[0] == "198.19.0.2")
            .map(|r| (r[1].clone(), r[0].clone(), r[2].parse().unwrap()))
            .collect();
    assert!(
        ike_truth.contains(&("198.18.0.2".into(), "198.19.0.2".into(), 500)),
        "{ike_truth:?}"
    );
    let ra_truth: BTreeSet<(String, String)> = tshark(
        &pcap,
        "icmpv6.type == 134",
        &["eth.src", "icmpv6.opt.prefix", "icmpv6.opt.prefix.length"],
    )
    .into_iter()
    .filter(|r| r.len() == 3 && !r[1].is_empty())
    .flat_map(|r| {
        r[1].split(',')
            .zip(r[2].split(','))
            .map(|(p, l)| (r[0].clone(), format!("{p}/{l}")))
            .collect::<Vec<_>>()
    })
    .collect();
    assert!(!ra_truth.is_empty(), "no Router Advertisement captured");

    for (what, snap) in [("listen", &live_snap), ("import", &file_snap)] {
        let seen = pairs(snap);
        for p in &arp {
            assert!(
                seen.contains(p),
                "{what}: ARP pair {p:?} missing from {seen:?}"
            );
        }
        assert_eq!(ae_titles(snap), ae, "{what}");
        let sessions = ike(snap);
        let as_truth: BTreeSet<(String, String, u16)> = sessions
            .iter()
            .map(|(s, c, p, _)| (s.clone(), c.clone(), *p))
            .collect();
        assert_eq!(as_truth, ike_truth, "{what}");
        assert!(
            sessions.iter().all(|s| s.3),
            "{what}: the vendor is an outside peer"
        );
        assert_eq!(ra_prefixes(snap), ra_truth, "{what}");
    }
    assert_eq!(pairs(&live_snap), pairs(&file_snap));
    assert!(storeq(&store), "storescp stored nothing");

    // The audit: the IKE session against the declared hours, in Asia/Tokyo.
    let hour = (when.hour() + 9) % 24;
    let closed = format!("毎日 {}:00-{}:00", (hour + 2) % 24, (hour + 3) % 24);
    for (i, (hours, findings, not_checked)) in [
        (closed.as_str(), 1, 0),
        ("常時", 0, 0),
        ("申請時のみ", 0, 1),
        ("夜間のみ", 0, 1),
    ]
    .into_iter()
    .enumerate()
    {
        let site = d.join(format!("site-{i}"));
        write_site(&site, hours);
        let o = koseizu(&[
            "import",
            pcap.to_str().unwrap(),
            "--site",
            site.to_str().unwrap(),
        ]);
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        let v = audit_json(&site);
        let outside = v["outside_hours"].as_array().cloned().unwrap_or_default();
        assert_eq!(outside.len(), findings, "{hours}: {v:#}");
        if findings > 0 {
            assert_eq!(outside[0]["device"]["id"], "VPN-01");
            assert_eq!(outside[0]["peer"], "198.19.0.2");
            assert_eq!(outside[0]["service"], "IKE");
            assert_eq!(outside[0]["circuits"][0]["id"], "MNT-01");
            let o = koseizu(&["audit", site.to_str().unwrap()]);
            let text = String::from_utf8_lossy(&o.stdout);
            assert!(
                text.contains("保守回線の接続時間外のリモート接続: 1件"),
                "{text}"
            );
        }
        let nc = v["hours_not_checked"]
            .as_array()
            .cloned()
            .unwrap_or_default();
        assert_eq!(nc.len(), not_checked, "{hours}: {v:#}");
        // No patient data in any output.
        for args in [
            vec!["audit"],
            vec!["audit", "--format", "json"],
            vec!["map", "--format", "json", "-o", "-"],
        ] {
            let mut a: Vec<&str> = args.clone();
            a.insert(1, site.to_str().unwrap());
            let o = koseizu(&a);
            for out in [&o.stdout, &o.stderr] {
                assert!(!String::from_utf8_lossy(out).contains("YAMADA"), "{args:?}");
            }
        }
    }
    // nmap -6 against the LAN's IPv6 addresses (the appliance's from the
    // Router Advertisement): hosts known by IPv6 alone are kept.
    let start = Instant::now();
    let slaac = loop {
        let o = run(net
            .cmd("vpn", "ip")
            .args(["-6", "-o", "addr", "show", "dev", "eth0", "scope", "global"]));
        let text = String::from_utf8_lossy(&o.stdout).into_owned();
        if let Some(a) = text
            .split_whitespace()
            .find(|w| w.starts_with("fd00:198:18:"))
            .and_then(|w| w.split('/').next())
        {
            break a.to_string();
        }
        assert!(
            start.elapsed() < Duration::from_secs(15),
            "no SLAAC address: {text}"
        );
        std::thread::sleep(Duration::from_millis(300));
    };
    let v6 = d.join("v6.xml");
    run(net
        .cmd("rt", "nmap")
        .args(["-6", "-sn", "-n", "-oX"])
        .arg(&v6)
        .args([slaac.as_str(), "fd00:198:18::1"]));
    let o = koseizu(&["import", v6.to_str().unwrap(), "-o", "-"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let snap: Snapshot = serde_json::from_slice(&o.stdout).unwrap();
    let vpn_mac = live_snap
        .hosts
        .iter()
        .find(|h| h.ip.to_string() == "198.18.0.2")
        .and_then(|h| h.mac);
    let found = snap.hosts.iter().find(|h| h.ip.to_string() == slaac);
    assert_eq!(found.map(|h| h.mac), Some(vpn_mac), "{:?}", snap.hosts);
    assert!(snap
        .hosts
        .iter()
        .any(|h| h.ip.to_string() == "fd00:198:18::1"));
    assert!(snap
        .scopes
        .contains(&format!("{slaac}/128").parse().unwrap()));

    for f in [&live, &imported] {
        let bytes = std::fs::read(f).unwrap();
        assert!(
            !String::from_utf8_lossy(&bytes).contains("YAMADA"),
            "{}",
            f.display()
        );
        assert!(
            !String::from_utf8_lossy(&bytes).contains("PID12345"),
            "{}",
            f.display()
        );
    }
    eprintln!(
        "hosts {:?}; AE {ae:?}; IKE {ike_truth:?}; RA {ra_truth:?}",
        pairs(&live_snap)
    );
}

fn storeq(dir: &Path) -> bool {
    std::fs::read_dir(dir).is_ok_and(|mut r| r.next().is_some())
}
