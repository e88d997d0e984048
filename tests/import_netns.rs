//! Real tools' output imported: `nmap` (`-sn` and `-sV`) and `arp-scan`
//! run against a namespace LAN (tests/testbed/mod.rs), and the lease file of
//! a real `dnsmasq` after real `udhcpc` clients asked it for addresses.
//! Each import is checked against the LAN's ground truth (every node's IP
//! and MAC), then used by `koseizu audit`.
//!
//! Needs root and the tools (apt-get install nmap arp-scan dnsmasq-base
//! busybox). Without them the tests print a note and pass, except where
//! `CI` is set: there they fail.
#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a failed unwrap is a failed test

mod testbed;

use std::collections::BTreeMap;
use std::net::{IpAddr, Ipv4Addr};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use koseizu::mac::MacAddr;
use koseizu::snapshot::{Fact, HostFlag, Snapshot, Source};
use testbed::Lan;

fn tools(test: &str, names: &[&str]) -> bool {
    if !testbed::available(test) {
        return false;
    }
    let missing: Vec<&str> = names
        .iter()
        .copied()
        .filter(|t| {
            !std::env::var_os("PATH")
                .map(|p| std::env::split_paths(&p).any(|d| d.join(t).is_file()))
                .unwrap_or(false)
        })
        .collect();
    if missing.is_empty() {
        return true;
    }
    if std::env::var_os("CI").is_some_and(|v| !v.is_empty()) {
        panic!("{test}: {missing:?} not installed and CI is set");
    }
    eprintln!("SKIPPED {test}: {missing:?} not installed");
    false
}

fn koseizu(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_koseizu"))
        .args(args)
        .stdin(Stdio::null())
        .output()
        .expect("run koseizu")
}

fn import(file: &Path) -> Snapshot {
    let out = koseizu(&["import", "-q", file.to_str().unwrap()]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    Snapshot::from_slice(&out.stdout).expect("snapshot")
}

fn pairs(s: &Snapshot) -> BTreeMap<IpAddr, Option<MacAddr>> {
    s.hosts.iter().map(|h| (h.ip, h.mac)).collect()
}

fn truth(lan: &Lan) -> BTreeMap<IpAddr, Option<MacAddr>> {
    lan.nodes
        .iter()
        .map(|n| (IpAddr::V4(n.ip), Some(n.mac)))
        .collect()
}

/// A namespace of this test's own on the LAN's switch, deleted by name on drop.
struct Extra {
    ns: String,
    port: String,
    switch_ns: String,
}

impl Extra {
    fn plug(lan: &Lan, tag: &str, mac: &str, ip: Option<Ipv4Addr>) -> Extra {
        let ns = format!("{}-{tag}", lan.prefix);
        let port = tag.to_string();
        let e = Extra {
            ns: ns.clone(),
            port: port.clone(),
            switch_ns: lan.switch_ns.clone(),
        };
        let ip_cmd = |args: &[&str]| {
            testbed::run(Command::new("ip").args(args)).expect("ip");
        };
        ip_cmd(&["netns", "add", &ns]);
        ip_cmd(&[
            "link",
            "add",
            &port,
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
        ip_cmd(&[
            "-n",
            &lan.switch_ns,
            "link",
            "set",
            &port,
            "master",
            "br0",
            "up",
        ]);
        ip_cmd(&["-n", &ns, "link", "set", "lo", "up"]);
        ip_cmd(&["-n", &ns, "link", "set", "eth0", "up"]);
        if let Some(ip) = ip {
            ip_cmd(&["-n", &ns, "addr", "add", &format!("{ip}/24"), "dev", "eth0"]);
        }
        e
    }

    fn command(&self, program: &str) -> Command {
        let mut c = Command::new("ip");
        c.args(["netns", "exec", &self.ns, program]);
        c
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

#[test]
fn nmap_xml_from_real_nmap_matches_the_lan() {
    if !tools("nmap_xml_from_real_nmap_matches_the_lan", &["nmap"]) {
        return;
    }
    let _serial = testbed::serial();
    let lan = Lan::builder()
        .hosts(5)
        .routers(1)
        .services(4)
        .flood_arp(true)
        .build()
        .expect("LAN");
    let dir = tempfile::tempdir().unwrap();
    let sn = dir.path().join("sn.xml");
    let out = lan
        .run_in_scanner(
            "nmap",
            ["-sn", "-n", "-oX", sn.to_str().unwrap(), &lan.cidr()],
        )
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let snap = import(&sn);
    assert_eq!(snap.source, Source::Nmap);
    assert!(!snap.partial);
    assert_eq!(snap.scopes, vec![lan.cidr().parse().unwrap()]);
    let mut seen = pairs(&snap);
    // nmap lists the scanning host itself, without a MAC.
    assert_eq!(seen.remove(&IpAddr::V4(lan.scanner_ip)), Some(None));
    assert_eq!(seen, truth(&lan));
    assert!(snap.finished >= snap.started);

    // A port scan with service detection: the listeners the testbed opened.
    let sv = dir.path().join("sv.xml");
    let ports = testbed::SERVICE_TCP.map(|p| p.to_string()).join(",");
    let out = lan
        .run_in_scanner(
            "nmap",
            [
                "-sS",
                "-sV",
                "-n",
                "--version-light",
                "-p",
                &ports,
                "-oX",
                sv.to_str().unwrap(),
                &lan.cidr(),
            ],
        )
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let snap = import(&sv);
    for node in &lan.nodes {
        let host = snap
            .hosts
            .iter()
            .find(|h| h.ip == IpAddr::V4(node.ip))
            .unwrap_or_else(|| panic!("{} missing", node.ip));
        assert_eq!(host.mac, Some(node.mac));
        let mut open: Vec<u16> = host.ports.iter().map(|p| p.port).collect();
        open.sort();
        let mut want = node.tcp.clone();
        want.sort();
        assert_eq!(open, want, "{}", node.ip);
    }
    assert_eq!(snap.settings.tcp_ports, {
        let mut p = testbed::SERVICE_TCP.to_vec();
        p.sort();
        p
    });

    // nmap killed: the file stops before </nmaprun>.
    let text = std::fs::read_to_string(&sn).unwrap();
    let cut_at = text
        .match_indices("<host")
        .filter(|(i, _)| matches!(text.as_bytes().get(i + 5), Some(b'>' | b' ')))
        .last()
        .unwrap()
        .0
        + 10;
    let cut = dir.path().join("cut.xml");
    std::fs::write(&cut, &text[..cut_at]).unwrap();
    let snap = import(&cut);
    assert!(snap.partial);
    // Every host but the one cut through (the scanner's own line counts too).
    assert_eq!(snap.hosts.len(), lan.nodes.len());
}

#[test]
fn arp_scan_output_matches_the_lan_and_flags_a_conflict() {
    if !tools(
        "arp_scan_output_matches_the_lan_and_flags_a_conflict",
        &["arp-scan"],
    ) {
        return;
    }
    let _serial = testbed::serial();
    let lan = Lan::builder()
        .hosts(4)
        .routers(1)
        .flood_arp(true)
        .build()
        .expect("LAN");
    let dir = tempfile::tempdir().unwrap();
    let run = |extra: &[&str], name: &str| {
        let mut args = vec!["-I", "eth0", "--retry=2"];
        args.extend_from_slice(extra);
        let cidr = lan.cidr();
        args.push(&cidr);
        let out = lan.run_in_scanner("arp-scan", &args).unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let path = dir.path().join(name);
        std::fs::write(&path, &out.stdout).unwrap();
        path
    };
    let default = run(&[], "default.txt");
    let plain = run(&["--plain"], "plain.txt");
    for file in [&default, &plain] {
        let snap = import(file);
        assert_eq!(snap.source, Source::ArpScan);
        assert_eq!(pairs(&snap), truth(&lan), "{}", file.display());
        // arp-scan says "(Unknown)" for the testbed's MACs where its own
        // list lacks them: never a vendor of that name.
        assert!(snap
            .hosts
            .iter()
            .all(|h| !h.vendor.as_deref().unwrap_or("").contains("Unknown")));
    }
    assert_eq!(import(&default).interface, "eth0");

    // A second device claims the first host's address.
    let victim = lan.hosts().next().unwrap().ip;
    let _dup = Extra::plug(&lan, "dup", "00:16:3e:aa:00:01", Some(victim));
    let conflict = run(&[], "dup.txt");
    let text = std::fs::read_to_string(&conflict).unwrap();
    assert!(text.contains("(DUP: 2)"), "{text}");
    let snap = import(&conflict);
    let host = snap
        .hosts
        .iter()
        .find(|h| h.ip == IpAddr::V4(victim))
        .unwrap();
    assert!(host.flags.contains(&HostFlag::IpConflict), "{host:?}");
    assert_eq!(host.other_macs.len(), 1);
}

#[test]
fn dnsmasq_leases_from_real_dhcp_clients() {
    if !tools(
        "dnsmasq_leases_from_real_dhcp_clients",
        &["dnsmasq", "busybox"],
    ) {
        return;
    }
    let _serial = testbed::serial();
    let lan = Lan::builder()
        .hosts(1)
        .routers(1)
        .flood_arp(true)
        .build()
        .expect("LAN");
    let dir = tempfile::tempdir().unwrap();
    let leases = dir.path().join("dnsmasq.leases");
    let router = lan.routers().next().unwrap().ip;
    let mut server = lan
        .scanner_command("dnsmasq")
        .args([
            "--no-daemon",
            "--conf-file=/dev/null",
            "--port=0",
            "--interface=eth0",
            "--bind-interfaces",
            "--no-ping",
            "--dhcp-authoritative",
            "--dhcp-range=198.18.0.100,198.18.0.150,12h",
            &format!("--dhcp-option=3,{router}"),
            &format!("--dhcp-leasefile={}", leases.display()),
            "--pid-file",
        ])
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("dnsmasq");
    std::thread::sleep(Duration::from_millis(300));
    let clients = [
        ("c1", "00:16:3e:dc:00:01", "us-console-1", "GE-Healthcare"),
        ("c2", "00:16:3e:dc:00:02", "pacs-view-2", "MSFT 5.0"),
    ];
    let mut plugged = Vec::new();
    for (tag, mac, name, vendor) in clients {
        let e = Extra::plug(&lan, tag, mac, None);
        let out = e
            .command("busybox")
            .args([
                "udhcpc",
                "-i",
                "eth0",
                "-n",
                "-q",
                "-f",
                "-t",
                "5",
                "-T",
                "1",
                "-s",
                "/bin/true",
                "-x",
            ])
            .arg(format!("hostname:{name}"))
            .args(["-V", vendor])
            .stdin(Stdio::null())
            .output()
            .expect("udhcpc");
        assert!(
            out.status.success(),
            "udhcpc {tag}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        plugged.push(e);
    }
    // dnsmasq writes the file on each lease; wait for both.
    let t0 = Instant::now();
    while std::fs::read_to_string(&leases)
        .map(|t| t.lines().count())
        .unwrap_or(0)
        < 2
    {
        assert!(t0.elapsed() < Duration::from_secs(10), "no leases written");
        std::thread::sleep(Duration::from_millis(100));
    }
    let _ = server.kill();
    let _ = server.wait();
    let snap = import(&leases);
    assert_eq!(snap.source, Source::DhcpLeases);
    assert_eq!(snap.hosts.len(), 2);
    for (_, mac, name, _) in clients {
        let mac: MacAddr = mac.parse().unwrap();
        let host = snap.hosts.iter().find(|h| h.mac == Some(mac)).unwrap();
        assert_eq!(host.hostname.as_deref(), Some(name));
        let IpAddr::V4(ip) = host.ip else { panic!() };
        assert!((100..=150).contains(&ip.octets()[3]), "{ip}");
        assert!(snap.details.iter().any(|d| d.mac == Some(mac)
            && matches!(
                &d.fact,
                Fact::Dhcp {
                    lease_end: Some(_),
                    ..
                }
            )));
    }
    drop(plugged);
}
