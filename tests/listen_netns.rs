//! `koseizu listen` on a namespace LAN: it sends nothing (every frame the
//! listener's interface sends is counted on the switch: zero), learns the
//! same hosts as `koseizu import` of a tcpdump file of the same traffic
//! taken beside it, stops at `--duration`, and on Ctrl-C writes a partial
//! snapshot and exits 130.
//!
//! Needs root and the tools (tcpdump, dnsmasq, busybox, avahi-daemon).
//! Without them the tests print a note and pass, except where `CI` is set.
#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a failed unwrap is a failed test

mod testbed;

use std::net::IpAddr;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use koseizu::snapshot::{Snapshot, Source};
use testbed::{netns_command as netns, Daemons, Extra, Lan};

fn tools(test: &str) -> bool {
    if !testbed::available(test) {
        return false;
    }
    let missing: Vec<&str> = ["tcpdump", "dnsmasq", "busybox", "avahi-daemon"]
        .into_iter()
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

fn signal(child: &Child, sig: nix::sys::signal::Signal) {
    let _ = nix::sys::signal::kill(nix::unistd::Pid::from_raw(child.id() as i32), sig);
}

fn import(file: &Path) -> Snapshot {
    let out = Command::new(env!("CARGO_BIN_EXE_koseizu"))
        .args(["import", "-q"])
        .arg(file)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    Snapshot::from_slice(&out.stdout).unwrap()
}

/// Real traffic that reaches the listener's port: DHCP from dnsmasq in
/// one host and udhcpc clients, an mDNS name from avahi, ARP broadcasts.
fn traffic(lan: &Lan, dir: &Path) -> (Daemons, Vec<Extra>) {
    let h1 = lan.hosts().next().unwrap().clone();
    let h2 = lan.hosts().nth(1).unwrap().clone();
    let mut daemons = Daemons(Vec::new());
    daemons.0.push(
        netns(&h2.ns, "dnsmasq")
            .args([
                "--no-daemon",
                "--conf-file=/dev/null",
                "--port=0",
                "--interface=eth0",
                "--bind-interfaces",
                "--no-ping",
                "--dhcp-authoritative",
                "--dhcp-range=198.18.0.100,198.18.0.150,255.255.255.0,12h",
                "--dhcp-broadcast",
            ])
            .arg(format!("--dhcp-leasefile={}", dir.join("leases").display()))
            .arg("--pid-file")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap(),
    );
    let conf = dir.join("avahi.conf");
    std::fs::write(
        &conf,
        "[server]\nhost-name=icu-monitor-3\nuse-ipv6=no\nenable-dbus=no\nallow-interfaces=eth0\n",
    )
    .unwrap();
    let run = dir.join("avahi-run");
    std::fs::create_dir_all(&run).unwrap();
    daemons.0.push(
        netns(&h1.ns, "unshare")
            .args(["-m", "sh", "-c"])
            .arg(format!(
                "mkdir -p /run/avahi-daemon && mount --bind {} /run/avahi-daemon && exec avahi-daemon --no-drop-root --no-chroot --no-rlimits -f {}",
                run.display(),
                conf.display()
            ))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap(),
    );
    std::thread::sleep(Duration::from_millis(500));
    let mut plugged = Vec::new();
    for (tag, mac, name) in [
        ("c1", "00:16:3e:dc:00:11", "ecg-cart-1"),
        ("c2", "00:16:3e:dc:00:12", "infusion-2"),
    ] {
        let e = Extra::plug(lan, tag, mac);
        let out = netns(&e.ns, "busybox")
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
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "udhcpc: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        plugged.push(e);
    }
    for _ in 0..2 {
        let _ = netns(&h1.ns, "busybox")
            .args([
                "arping",
                "-c",
                "1",
                "-w",
                "1",
                "-I",
                "eth0",
                &h2.ip.to_string(),
            ])
            .output();
    }
    std::thread::sleep(Duration::from_secs(2));
    (daemons, plugged)
}

#[test]
fn listen_sends_nothing_and_sees_what_tcpdump_sees() {
    if !tools("listen_sends_nothing_and_sees_what_tcpdump_sees") {
        return;
    }
    let _serial = testbed::serial();
    let lan = Lan::builder()
        .hosts(2)
        .routers(1)
        .flood_arp(true)
        .build()
        .expect("LAN");
    let dir = tempfile::tempdir().unwrap();
    // Everything the listener's interface sends, counted on its switch port.
    let sent = dir.path().join("sent.pcap");
    let mut counter = netns(&lan.switch_ns, "tcpdump")
        .args(["-i", "sc", "-n", "-U", "-Q", "in", "-w"])
        .arg(&sent)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let file = dir.path().join("beside.pcap");
    let mut beside = netns(&lan.scanner_ns, "tcpdump")
        .args(["-i", "eth0", "-n", "-U", "-w"])
        .arg(&file)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let out = dir.path().join("listen.json");
    let wrote = dir.path().join("listen.pcap");
    let listen = netns(&lan.scanner_ns, env!("CARGO_BIN_EXE_koseizu"))
        .args(["listen", "--iface", "eth0", "--duration", "12s", "-q", "-o"])
        .arg(&out)
        .arg("--write-pcap")
        .arg(&wrote)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    std::thread::sleep(Duration::from_millis(1500));
    let t0 = Instant::now();
    let (daemons, plugged) = traffic(&lan, dir.path());
    drop(daemons);
    assert!(
        t0.elapsed() < Duration::from_secs(9),
        "traffic took {:?}",
        t0.elapsed()
    );
    let o = listen.wait_with_output().unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    std::thread::sleep(Duration::from_millis(300));
    signal(&beside, nix::sys::signal::Signal::SIGINT);
    let _ = beside.wait();
    signal(&counter, nix::sys::signal::Signal::SIGINT);
    let _ = counter.wait();
    drop(plugged);

    // Nothing sent: the capture of the port's ingress holds no frame.
    let frames = testbed::parse_pcap(&std::fs::read(&sent).unwrap()).unwrap();
    assert!(
        frames.is_empty(),
        "the listener's interface sent {} frames",
        frames.len()
    );

    let live = Snapshot::read(&out).unwrap();
    assert_eq!(live.source, Source::Capture);
    assert!(!live.partial);
    assert_eq!(live.interface, "eth0");
    // Read through the TPACKET_V3 ring, not frame by frame.
    assert!(
        !live
            .limitations
            .iter()
            .any(|l| l.contains("no TPACKET_V3 ring")),
        "{:?}",
        live.limitations
    );
    // The kernel's drop counter was read from the socket (a quiet LAN: none).
    assert!(
        live.limitations
            .iter()
            .any(|l| l == "the kernel dropped no frames (read from the socket)"),
        "{:?}",
        live.limitations
    );
    let secs = (live.finished - live.started).num_milliseconds();
    assert!((11_000..16_000).contains(&secs), "{secs} ms");
    let file_snap = import(&file);
    let hosts = |s: &Snapshot| {
        s.hosts
            .iter()
            .map(|h| (h.ip, h.mac, h.hostname.clone()))
            .collect::<Vec<_>>()
    };
    assert!(live.hosts.len() >= 4, "{:?}", hosts(&live));
    assert_eq!(hosts(&live), hosts(&file_snap));
    let h1 = lan.hosts().next().unwrap();
    let h = live
        .hosts
        .iter()
        .find(|h| h.ip == IpAddr::V4(h1.ip))
        .unwrap();
    assert_eq!(h.hostname.as_deref(), Some("icu-monitor-3.local"));
    assert!(live
        .hosts
        .iter()
        .any(|h| h.hostname.as_deref() == Some("ecg-cart-1")));
    // --write-pcap wrote the frames: importing it gives the same hosts.
    assert_eq!(hosts(&import(&wrote)), hosts(&live));
}

#[test]
fn ctrl_c_writes_a_partial_snapshot() {
    if !tools("ctrl_c_writes_a_partial_snapshot") {
        return;
    }
    let _serial = testbed::serial();
    let lan = Lan::builder()
        .hosts(1)
        .flood_arp(true)
        .build()
        .expect("LAN");
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("site");
    std::fs::create_dir(&site).unwrap();
    let listen = netns(&lan.scanner_ns, env!("CARGO_BIN_EXE_koseizu"))
        // Progress is checked in English, whatever the locale.
        .args(["listen", "--lang", "en", "--iface", "eth0", "--site"])
        .arg(&site)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    std::thread::sleep(Duration::from_millis(2500));
    signal(&listen, nix::sys::signal::Signal::SIGINT);
    let o = listen.wait_with_output().unwrap();
    assert_eq!(
        o.status.code(),
        Some(130),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("packets"), "{err}");
    let files: Vec<_> = std::fs::read_dir(site.join("scans")).unwrap().collect();
    assert_eq!(files.len(), 1);
    let snap = Snapshot::read(&files[0].as_ref().unwrap().path()).unwrap();
    assert!(snap.partial);
    assert_eq!(snap.source, Source::Capture);
}

#[test]
fn listen_without_the_interface_is_refused() {
    let o = Command::new(env!("CARGO_BIN_EXE_koseizu"))
        .args(["listen", "--iface", "no-such-if0", "--duration", "1s"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("no-such-if0"));
    let o = Command::new(env!("CARGO_BIN_EXE_koseizu"))
        .args(["listen", "--iface", "lo", "--duration", "5x"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
}
