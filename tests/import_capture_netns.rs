//! A capture of real traffic on a namespace LAN, made with tcpdump like a
//! mirror port (`-i any` in the switch: Linux cooked frames of every port),
//! imported, and checked against `tshark -T fields` on the same file:
//! real dnsmasq handing out addresses and a router option to real udhcpc
//! clients sending a hostname and a vendor class, lldpd on the router,
//! avahi-daemon announcing a name, a router forwarding replies from the
//! outside namespace (passive gateway evidence), and HL7 and DICOM bytes
//! carrying patient data that must reach no output.
//!
//! Needs root and the tools (tcpdump, tshark, mergecap, dnsmasq, busybox,
//! lldpd, avahi-daemon). Without them the test prints a note and passes,
//! except where `CI` is set: there it fails.
#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a failed unwrap is a failed test

mod testbed;

use std::collections::{BTreeMap, BTreeSet};
use std::io::Write;
use std::net::IpAddr;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use koseizu::mac::MacAddr;
use koseizu::snapshot::{ExternalEvidence, Fact, Snapshot, Source};
use testbed::{netns_command as netns, Daemons, Extra, Lan};

const TOOLS: &[&str] = &[
    "tcpdump",
    "tshark",
    "mergecap",
    "dnsmasq",
    "busybox",
    "lldpd",
    "lldpcli",
    "avahi-daemon",
];

/// Patient data that must never reach an output.
const PATIENT_HL7: &str = "KANJA^TAROUZ";
const PATIENT_DICOM: &str = "YAMADA^HANAKOQ";

fn tools(test: &str) -> bool {
    if !testbed::available(test) {
        return false;
    }
    let missing: Vec<&str> = TOOLS
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

fn tshark(file: &Path, filter: &str, fields: &[&str]) -> Vec<Vec<String>> {
    let mut c = Command::new("tshark");
    c.args(["-n", "-r"])
        .arg(file)
        .args(["-Y", filter, "-T", "fields"]);
    for f in fields {
        c.args(["-e", f]);
    }
    let out = testbed::run(&mut c).expect("tshark");
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| l.split('\t').map(str::to_string).collect())
        .collect()
}

fn import(file: &Path) -> Snapshot {
    let out = Command::new(env!("CARGO_BIN_EXE_koseizu"))
        .args(["import", "-q"])
        .arg(file)
        .stdin(Stdio::null())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    Snapshot::from_slice(&out.stdout).unwrap()
}

#[test]
fn a_capture_teaches_what_tshark_sees() {
    if !tools("a_capture_teaches_what_tshark_sees") {
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
    let pcap = dir.path().join("mirror.pcap");
    let router = lan.routers().next().unwrap().clone();
    let h1 = lan.hosts().next().unwrap().clone();
    let h2 = lan.hosts().nth(1).unwrap().clone();
    // Two more outside addresses: replies from three outside sources.
    testbed::run(Command::new("ip").args([
        "-n",
        &lan.outside_ns,
        "addr",
        "add",
        "198.19.0.2/32",
        "dev",
        "lo",
    ]))
    .unwrap();
    testbed::run(Command::new("ip").args([
        "-n",
        &lan.outside_ns,
        "addr",
        "add",
        "198.19.0.3/32",
        "dev",
        "lo",
    ]))
    .unwrap();

    let mut capture = netns(&lan.switch_ns, "tcpdump")
        .args(["-i", "any", "-n", "-U", "-w"])
        .arg(&pcap)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    // And the router's switch port alone, as plain Ethernet.
    let router_port = lan.routers().next().unwrap().port.clone();
    let port_pcap = dir.path().join("router-port.pcap");
    let mut port_capture = netns(&lan.switch_ns, "tcpdump")
        .args(["-i", &router_port, "-n", "-U", "-w"])
        .arg(&port_pcap)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    std::thread::sleep(Duration::from_millis(800));

    let mut daemons = Daemons(Vec::new());
    let leases = dir.path().join("leases");
    daemons.0.push(
        netns(&lan.scanner_ns, "dnsmasq")
            .args([
                "--no-daemon",
                "--conf-file=/dev/null",
                "--port=0",
                "--interface=eth0",
                "--bind-interfaces",
                "--no-ping",
                "--dhcp-authoritative",
                "--dhcp-range=198.18.0.100,198.18.0.150,255.255.255.0,12h",
                &format!("--dhcp-option=3,{}", router.ip),
                &format!("--dhcp-leasefile={}", leases.display()),
                "--pid-file",
            ])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap(),
    );
    let lldp_sock = dir.path().join("lldpd.socket");
    daemons.0.push(
        netns(&router.ns, "lldpd")
            // -cc: CDPv1 sent too, even with no CDP neighbour heard; -l:
            // LLDP still sent once a CDP speaker is around.
            .args(["-d", "-cc", "-l", "-I", "eth0", "-u"])
            .arg(&lldp_sock)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap(),
    );
    let avahi_conf = dir.path().join("avahi.conf");
    std::fs::write(
        &avahi_conf,
        "[server]\nhost-name=ward-pc-7\nuse-ipv6=no\nenable-dbus=no\nallow-interfaces=eth0\n[publish]\npublish-addresses=yes\n",
    )
    .unwrap();
    let avahi_run = dir.path().join("avahi-run");
    std::fs::create_dir(&avahi_run).unwrap();
    daemons.0.push(
        netns(&h1.ns, "unshare")
            .args(["-m", "sh", "-c"])
            .arg(format!(
                "mkdir -p /run/avahi-daemon && mount --bind {} /run/avahi-daemon && exec avahi-daemon --no-drop-root --no-chroot --no-rlimits -f {}",
                avahi_run.display(),
                avahi_conf.display()
            ))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap(),
    );
    std::thread::sleep(Duration::from_millis(500));
    let t0 = Instant::now();
    while !lldp_sock.exists() && t0.elapsed() < Duration::from_secs(5) {
        std::thread::sleep(Duration::from_millis(100));
    }
    let _ = netns(&router.ns, "lldpcli")
        .arg("-u")
        .arg(&lldp_sock)
        .args(["configure", "system", "hostname", "edge-router-1"])
        .output();
    let _ = netns(&router.ns, "lldpcli")
        .arg("-u")
        .arg(&lldp_sock)
        .args(["update"])
        .output();

    // DHCP clients.
    let clients = [
        ("c1", "00:16:3e:dc:00:01", "us-console-1", "GE-Ultrasound"),
        ("c2", "00:16:3e:dc:00:02", "pacs-view-2", "MSFT 5.0"),
    ];
    let mut plugged = Vec::new();
    for (tag, mac, name, vendor) in clients {
        let e = Extra::plug(&lan, tag, mac);
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
            ])
            .arg("-x")
            .arg(format!("hostname:{name}"))
            .args(["-V", vendor])
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "udhcpc: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        plugged.push(e);
    }
    // Traffic forwarded from outside: the scanner's default route is the router.
    for ip in ["198.19.0.1", "198.19.0.2", "198.19.0.3"] {
        let out = netns(&lan.scanner_ns, "busybox")
            .args(["ping", "-c", "2", "-W", "1", ip])
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "ping {ip}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    // HL7 (MLLP) with a PID segment, and DICOM bytes with a patient name,
    // from h2 to h1: payloads koseizu must never keep.
    let mut server = netns(&h1.ns, "busybox")
        .args(["nc", "-l", "-p", "2575"])
        .stdout(Stdio::null())
        .spawn()
        .unwrap();
    let mut dicom_server = netns(&h1.ns, "busybox")
        .args(["nc", "-l", "-p", "104"])
        .stdout(Stdio::null())
        .spawn()
        .unwrap();
    std::thread::sleep(Duration::from_millis(300));
    let hl7 = format!(
        "\x0bMSH|^~\\&|RIS|HOSP|PACS|HOSP|20261204120000||ORM^O01|1|P|2.5\rPID|1||123456||{PATIENT_HL7}||19700101|M\r\x1c\r"
    );
    // An A-ASSOCIATE-RQ (calling CT_ROOM1, called PACS_SCP), then a
    // P-DATA-TF carrying a patient name, in one stream.
    let mut dicom = vec![0x01, 0, 0, 0, 0, 0x44, 0, 1, 0, 0];
    dicom.extend_from_slice(b"PACS_SCP        CT_ROOM1        ");
    dicom.extend_from_slice(&[0; 32]);
    dicom.extend_from_slice(&[0x04, 0x00, 0, 0, 0, 0x40]);
    dicom.extend_from_slice(&[0x10, 0x00, 0x10, 0x00, b'P', b'N', 14, 0]);
    dicom.extend_from_slice(PATIENT_DICOM.as_bytes());
    for (port, bytes) in [("2575", hl7.into_bytes()), ("104", dicom)] {
        let mut c = netns(&h2.ns, "busybox")
            .args(["nc", "-w", "1", &h1.ip.to_string(), port])
            .stdin(Stdio::piped())
            .stdout(Stdio::null())
            .spawn()
            .unwrap();
        c.stdin.take().unwrap().write_all(&bytes).unwrap();
        let _ = c.wait();
    }
    let _ = server.kill();
    let _ = server.wait();
    let _ = dicom_server.kill();
    let _ = dicom_server.wait();
    std::thread::sleep(Duration::from_secs(3));
    drop(daemons);
    std::thread::sleep(Duration::from_millis(500));
    let _ = nix::sys::signal::kill(
        nix::unistd::Pid::from_raw(capture.id() as i32),
        nix::sys::signal::Signal::SIGINT,
    );
    let _ = capture.wait();
    let _ = nix::sys::signal::kill(
        nix::unistd::Pid::from_raw(port_capture.id() as i32),
        nix::sys::signal::Signal::SIGINT,
    );
    let _ = port_capture.wait();
    drop(plugged);

    let snap = import(&pcap);
    assert_eq!(snap.source, Source::Capture);
    assert!(!snap.partial, "{:?}", snap.limitations);
    let by_ip: BTreeMap<IpAddr, &koseizu::snapshot::Host> =
        snap.hosts.iter().map(|h| (h.ip, h)).collect();

    // ARP and DHCP (MAC, IP) pairs: tshark's are koseizu's.
    let mut truth: BTreeSet<(String, String)> = BTreeSet::new();
    for r in tshark(&pcap, "arp", &["arp.src.hw_mac", "arp.src.proto_ipv4"]) {
        if r[1] != "0.0.0.0" {
            truth.insert((r[0].clone(), r[1].clone()));
        }
    }
    for r in tshark(
        &pcap,
        "dhcp.option.dhcp == 5",
        &["dhcp.hw.mac_addr", "dhcp.ip.your"],
    ) {
        truth.insert((r[0].clone(), r[1].clone()));
    }
    assert!(truth.len() >= 4, "{truth:?}");
    for (mac, ip) in &truth {
        let ip: IpAddr = ip.parse().unwrap();
        let h = by_ip.get(&ip).unwrap_or_else(|| panic!("{ip} missing"));
        assert_eq!(h.mac.unwrap().to_string(), *mac, "{ip}");
    }
    // DHCP host names.
    for r in tshark(
        &pcap,
        "dhcp.option.hostname",
        &["dhcp.hw.mac_addr", "dhcp.option.hostname"],
    ) {
        // tshark repeats a field that a frame holds twice.
        let mac: MacAddr = r[0].split(',').next().unwrap().parse().unwrap();
        let h = snap.hosts.iter().find(|h| h.mac == Some(mac)).unwrap();
        assert_eq!(h.hostname.as_deref(), Some(r[1].as_str()));
    }
    assert!(
        snap.details.iter().any(|d| matches!(&d.fact,
        Fact::Dhcp { vendor_class: Some(v), parameter_list: Some(_), .. } if v == "GE-Ultrasound"))
    );
    assert!(snap.details.iter().any(|d| matches!(&d.fact,
        Fact::DhcpServer { routers } if routers == &vec![router.ip])));
    // LLDP system names.
    let lldp = tshark(&pcap, "lldp", &["eth.src", "lldp.tlv.system.name"]);
    assert!(!lldp.is_empty());
    let names: BTreeSet<&str> = snap
        .details
        .iter()
        .filter_map(|d| match &d.fact {
            Fact::Lldp { system_name, .. } => system_name.as_deref(),
            _ => None,
        })
        .collect();
    let want: BTreeSet<&str> = lldp
        .iter()
        .map(|r| r[1].as_str())
        .filter(|n| !n.is_empty())
        .collect();
    assert_eq!(names, want);
    // CDP from the same lldpd: device id, port and platform as tshark reads them.
    let cdp = tshark(
        &pcap,
        "cdp",
        &["eth.src", "cdp.deviceid", "cdp.portid", "cdp.platform"],
    );
    assert!(!cdp.is_empty(), "lldpd -cc sent no CDP");
    let ours_cdp: BTreeSet<(String, String, String)> = snap
        .details
        .iter()
        .filter_map(|d| match &d.fact {
            Fact::Cdp {
                device_id: Some(id),
                port_id,
                platform,
                ..
            } => Some((
                id.clone(),
                port_id.clone().unwrap_or_default(),
                platform.clone().unwrap_or_default(),
            )),
            _ => None,
        })
        .collect();
    let want_cdp: BTreeSet<(String, String, String)> = cdp
        .iter()
        .map(|r| (r[1].clone(), r[2].clone(), r[3].clone()))
        .collect();
    assert_eq!(ours_cdp, want_cdp);
    // lldpd on a forwarding router announces the router capability, in
    // LLDP and CDP: evidence that it says so, on the router only.
    for h in &snap.hosts {
        let says = h
            .external
            .iter()
            .any(|e| matches!(e, ExternalEvidence::SaysRouter { .. }));
        assert_eq!(says, h.mac == Some(router.mac), "{h:?}");
    }
    // mDNS names.
    let mdns: BTreeSet<String> = tshark(
        &pcap,
        "mdns && dns.flags.response == 1 && dns.a",
        &["dns.resp.name"],
    )
    .into_iter()
    .flat_map(|r| r[0].split(',').map(str::to_string).collect::<Vec<_>>())
    .filter(|n| n.ends_with(".local"))
    .collect();
    assert!(mdns.contains("ward-pc-7.local"), "{mdns:?}");
    let ours: BTreeSet<String> = snap
        .details
        .iter()
        .filter_map(|d| match &d.fact {
            Fact::Name { via, name } if via == "mdns" => Some(name.clone()),
            _ => None,
        })
        .collect();
    assert_eq!(ours, mdns);
    assert_eq!(
        by_ip[&IpAddr::V4(h1.ip)].hostname.as_deref(),
        Some("ward-pc-7.local")
    );
    // Passive gateway evidence: the router and only the router.
    for h in &snap.hosts {
        let fwd = h
            .external
            .iter()
            .find(|e| matches!(e, ExternalEvidence::Forwards { .. }));
        if h.mac == Some(router.mac) {
            match fwd {
                Some(ExternalEvidence::Forwards { count, outside }) => {
                    assert_eq!(*count, 3);
                    assert_eq!(outside.len(), 3);
                }
                _ => panic!("router without forwarding evidence: {h:?}"),
            }
        } else {
            assert!(fwd.is_none(), "{h:?}");
        }
    }
    // pcapng with two interfaces of two link types (the cooked capture
    // and the router port's Ethernet one, merged): the same hosts, the
    // router port's frames being a subset.
    let ng = dir.path().join("mixed.pcapng");
    testbed::run(
        Command::new("mergecap")
            .args(["-F", "pcapng", "-w"])
            .arg(&ng)
            .arg(&pcap)
            .arg(&port_pcap),
    )
    .unwrap();
    let ng_snap = import(&ng);
    let hosts = |s: &Snapshot| s.hosts.iter().map(|h| (h.ip, h.mac)).collect::<Vec<_>>();
    assert_eq!(hosts(&ng_snap), hosts(&snap));
    let port_snap = import(&port_pcap);
    assert!(port_snap.hosts.iter().any(|h| h.mac == Some(router.mac)
        && h.external
            .iter()
            .any(|e| matches!(e, ExternalEvidence::Forwards { .. }))));
    assert_eq!(ng_snap.started, snap.started.min(port_snap.started));

    // A link type koseizu does not read is counted and named, not fatal.
    let raw = dir.path().join("raw.pcap");
    testbed::run(
        Command::new("editcap")
            .args(["-T", "rawip"])
            .arg(&port_pcap)
            .arg(&raw),
    )
    .unwrap();
    let raw_snap = import(&raw);
    assert!(raw_snap.hosts.is_empty());
    assert!(
        raw_snap
            .limitations
            .iter()
            .any(|l| l.contains("link type RAW")),
        "{:?}",
        raw_snap.limitations
    );

    // Cut in the middle of a record: the complete records, partial.
    let bytes = std::fs::read(&pcap).unwrap();
    let cut = dir.path().join("cut.pcap");
    std::fs::write(&cut, &bytes[..bytes.len() - 7]).unwrap();
    let cut_snap = import(&cut);
    assert!(cut_snap.partial);
    assert!(cut_snap.hosts.len() + 1 >= snap.hosts.len());

    // DICOM and HL7 name the systems (AE titles, MSH-3..6) …
    let named = |via: &str, ip: std::net::Ipv4Addr| -> BTreeSet<String> {
        snap.details
            .iter()
            .filter(|d| d.ip == Some(IpAddr::V4(ip)))
            .filter_map(|d| match &d.fact {
                Fact::Name { via: v, name } if v == via => Some(name.clone()),
                _ => None,
            })
            .collect()
    };
    assert_eq!(
        named("dicom-ae", h2.ip),
        BTreeSet::from(["CT_ROOM1".to_string()])
    );
    assert_eq!(
        named("dicom-ae", h1.ip),
        BTreeSet::from(["PACS_SCP".to_string()])
    );
    assert_eq!(
        named("hl7", h2.ip),
        BTreeSet::from(["RIS^HOSP".to_string()])
    );
    assert_eq!(
        named("hl7", h1.ip),
        BTreeSet::from(["PACS^HOSP".to_string()])
    );

    // … and no patient data reaches any output: the snapshot, audit, map.
    let site = dir.path().join("site");
    std::fs::create_dir(&site).unwrap();
    std::fs::write(
        site.join("site.toml"),
        "name = \"H\"\nupdated = \"2026-12-01\"\n",
    )
    .unwrap();
    std::fs::write(
        site.join("segments.csv"),
        "id,name,cidr\nlan,LAN,198.18.0.0/24\n",
    )
    .unwrap();
    std::fs::write(
        site.join("devices.csv"),
        format!(
            "id,name,kind,mac,ip,segment\npacs,PACS,server,{},{},lan\n",
            h1.mac, h1.ip
        ),
    )
    .unwrap();
    let o = Command::new(env!("CARGO_BIN_EXE_koseizu"))
        .args(["import"])
        .arg(&pcap)
        .arg("--site")
        .arg(&site)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let mut outputs = vec![serde_json::to_vec(&snap).unwrap(), o.stdout, o.stderr];
    for args in [
        vec!["audit", site.to_str().unwrap()],
        vec!["audit", site.to_str().unwrap(), "--format", "json"],
        vec!["map", site.to_str().unwrap(), "-o", "-"],
    ] {
        let o = Command::new(env!("CARGO_BIN_EXE_koseizu"))
            .args(&args)
            .output()
            .unwrap();
        assert!(
            o.status.code().is_some_and(|c| c <= 1),
            "{args:?}: {}",
            String::from_utf8_lossy(&o.stderr)
        );
        outputs.push(o.stdout);
        outputs.push(o.stderr);
    }
    for entry in std::fs::read_dir(site.join("scans")).unwrap() {
        outputs.push(std::fs::read(entry.unwrap().path()).unwrap());
    }
    let raw = std::fs::read(&pcap).unwrap();
    for secret in [PATIENT_HL7, PATIENT_DICOM, "PID|1"] {
        // The capture holds it (so the test means something) …
        assert!(
            raw.windows(secret.len()).any(|w| w == secret.as_bytes()),
            "{secret}"
        );
        // … and no output does.
        for o in &outputs {
            assert!(
                !o.windows(secret.len()).any(|w| w == secret.as_bytes()),
                "{secret} leaked"
            );
        }
    }
}
