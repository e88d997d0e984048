//! What CI runs of the import fuzz targets (fuzz/fuzz_targets/import_*.rs,
//! which need cargo-fuzz for a real campaign): the same calls on a few
//! thousand deterministic mutations of real samples and random bytes, so
//! a panic in any parser fails `cargo test`. (A real cargo-fuzz campaign
//! needs a nightly toolchain, which CI does not have: this smoke is what
//! CI runs, over every parser: pcap and pcapng framing, each protocol
//! decoder from frames it really reads, nmap XML, arp-scan, lease files.)
#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a failed unwrap is a failed test

use koseizu::import::pcap::{self, Learner};
use koseizu::import::{arpscan, detect, leases, nmap, text, wire};
use pcap_parser::Linktype;

/// xorshift64*: deterministic, no dependency.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

fn mutate(rng: &mut Rng, seed: &[u8]) -> Vec<u8> {
    let mut v = seed.to_vec();
    for _ in 0..1 + rng.below(8) {
        match rng.below(5) {
            0 if !v.is_empty() => {
                let i = rng.below(v.len());
                v[i] = rng.next() as u8;
            }
            1 if !v.is_empty() => {
                let i = rng.below(v.len());
                v.truncate(i);
            }
            2 => {
                let i = rng.below(v.len() + 1);
                let b = [0x00, 0xff, b'<', b'&', b'"', b'{', b';', b'\t', b'\n', 0xc0];
                v.insert(i, b[rng.below(b.len())]);
            }
            3 if v.len() > 4 => {
                let i = rng.below(v.len() - 4);
                let n = (rng.next() as u32).to_le_bytes();
                v[i..i + 4].copy_from_slice(&n);
            }
            _ => {
                let i = rng.below(v.len() + 1);
                let copy: Vec<u8> = v[..i].to_vec();
                v.extend_from_slice(&copy[..copy.len().min(64)]);
            }
        }
    }
    v
}

fn pcap_seed() -> Vec<u8> {
    let mut f = vec![0xd4, 0xc3, 0xb2, 0xa1, 2, 0, 4, 0];
    f.extend_from_slice(&[0; 8]);
    f.extend_from_slice(&65535u32.to_le_bytes());
    f.extend_from_slice(&1u32.to_le_bytes());
    let mut frame = vec![0xff; 6];
    frame.extend_from_slice(&[
        0, 0x16, 0x3e, 0, 0, 1, 0x08, 0x06, 0, 1, 0x08, 0, 6, 4, 0, 1,
    ]);
    frame.extend_from_slice(&[0, 0x16, 0x3e, 0, 0, 1, 198, 18, 0, 5]);
    frame.extend_from_slice(&[0; 6]);
    frame.extend_from_slice(&[198, 18, 0, 1]);
    for _ in 0..3 {
        f.extend_from_slice(&[1, 0, 0, 0, 0, 0, 0, 0]);
        f.extend_from_slice(&(frame.len() as u32).to_le_bytes());
        f.extend_from_slice(&(frame.len() as u32).to_le_bytes());
        f.extend_from_slice(&frame);
    }
    f
}

const NMAP: &str = r#"<?xml version="1.0"?><!DOCTYPE nmaprun><nmaprun args="nmap -sV 198.18.0.0/24" start="1796290000"><scaninfo type="syn" protocol="tcp" services="1-1000"/><host><status state="up"/><address addr="198.18.0.1" addrtype="ipv4"/><address addr="00:16:3E:00:00:01" addrtype="mac" vendor="X"/><hostnames><hostname name="a"/></hostnames><ports><port protocol="tcp" portid="22"><state state="open"/><service name="ssh" product="OpenSSH"/></port></ports><os><osmatch name="Linux" accuracy="9"/></os></host><runstats><finished time="1796290010"/></runstats></nmaprun>"#;

const TEXTS: &[&str] = &[
    "Interface: eth0, type: EN10MB\n198.18.0.1\t00:16:3e:00:00:01\t(Unknown)\n198.18.0.1\t00:16:3e:00:00:02\tX (DUP: 2)\nEnding arp-scan 1.10.0: 256 hosts scanned in 1.9 seconds\n",
    "1796292000 00:16:3e:00:00:01 198.18.0.50 pc1 01:02\nduid 00:01\n",
    "lease 198.18.0.20 {\n starts 4 2026/12/03 11:00:00;\n binding state active;\n hardware ethernet 00:16:3e:00:00:02;\n uid \"\\001\\000\";\n client-hostname \"a\\\"b\";\n set vendor-class-identifier = \"MSFT\";\n on expiry { set x = \"y\"; }\n}\n",
    "#TYPE x\n\"IPAddress\",\"ClientId\",\"HostName\",\"AddressState\"\n\"198.18.0.30\",\"00-16-3e-00-00-30\",\"pc\",\"Active\"\n",
];

#[test]
fn every_import_parser_survives_mutations() {
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let pcap = pcap_seed();
    for _ in 0..1500 {
        let m = mutate(&mut rng, &pcap);
        let _ = pcap::read(&m[..]);
        let mut l = Learner::new();
        for lt in [
            Linktype::ETHERNET,
            Linktype::LINUX_SLL,
            Linktype::LINUX_SLL2,
        ] {
            l.frame(lt, &m[24.min(m.len())..], chrono::DateTime::UNIX_EPOCH);
        }
        let _ = l.finish();
        let _ = wire::dhcp(&m);
        let _ = wire::lldp(&m);
        let _ = wire::dns_a_records(&m);
        let _ = wire::nbns_name(&m);
        let _ = wire::ssdp_agent(&m);
        let _ = wire::dicom_associate(&m);
        let _ = wire::hl7_msh(&m);
        let _ = wire::icmpv6_nd(&m);
    }
    for _ in 0..1500 {
        let m = mutate(&mut rng, NMAP.as_bytes());
        let _ = nmap::parse(&m[..]);
        let _ = detect(&m);
    }
    for _ in 0..1500 {
        let seed = TEXTS[rng.below(TEXTS.len())];
        let m = mutate(&mut rng, seed.as_bytes());
        let _ = detect(&m);
        let s = text::decode(&m);
        let _ = arpscan::parse(&s);
        let _ = leases::parse_dnsmasq(&s);
        let _ = leases::parse_dhcpd(&s);
        let _ = leases::parse_windows_csv(&s);
    }
    for _ in 0..2000 {
        let n = rng.below(600);
        let r: Vec<u8> = (0..n).map(|_| rng.next() as u8).collect();
        let _ = pcap::read(&r[..]);
        let _ = nmap::parse(&r[..]);
        let _ = wire::dhcp(&r);
        let _ = wire::lldp(&r);
        let _ = wire::dns_a_records(&r);
        let s = text::decode(&r);
        let _ = leases::parse_dhcpd(&s);
        let _ = leases::parse_windows_csv(&s);
    }
}

/// Frames of every protocol the learner decodes, as seeds: each decoder
/// gets mutations of a frame it really reads, not only random bytes that
/// fail its first check.
fn frame_seeds() -> Vec<Vec<u8>> {
    let eth = |dst: [u8; 6], ethertype: u16, body: &[u8]| {
        let mut f = dst.to_vec();
        f.extend_from_slice(&[0, 0x16, 0x3e, 0, 0, 1]);
        f.extend_from_slice(&ethertype.to_be_bytes());
        f.extend_from_slice(body);
        f
    };
    let ip_udp = |sport: u16, dport: u16, body: &[u8]| {
        let mut p = vec![0x45, 0, 0, 0, 0, 0, 0x40, 0, 64, 17, 0, 0];
        p.extend_from_slice(&[203, 0, 113, 9, 198, 18, 0, 5]);
        let total = (20 + 8 + body.len()) as u16;
        p[2..4].copy_from_slice(&total.to_be_bytes());
        p.extend_from_slice(&sport.to_be_bytes());
        p.extend_from_slice(&dport.to_be_bytes());
        p.extend_from_slice(&((8 + body.len()) as u16).to_be_bytes());
        p.extend_from_slice(&[0, 0]);
        p.extend_from_slice(body);
        p
    };
    let ip_tcp = |sport: u16, dport: u16, body: &[u8]| {
        let mut p = vec![0x45, 0, 0, 0, 0, 0, 0x40, 0, 64, 6, 0, 0];
        p.extend_from_slice(&[203, 0, 113, 9, 198, 18, 0, 5]);
        let total = (20 + 20 + body.len()) as u16;
        p[2..4].copy_from_slice(&total.to_be_bytes());
        p.extend_from_slice(&sport.to_be_bytes());
        p.extend_from_slice(&dport.to_be_bytes());
        p.extend_from_slice(&[0, 0, 0, 1, 0, 0, 0, 1, 0x50, 0x18, 4, 0, 0, 0, 0, 0]);
        p.extend_from_slice(body);
        p
    };
    let mut dhcp = vec![0u8; 240];
    dhcp[..3].copy_from_slice(&[2, 1, 6]);
    dhcp[16..20].copy_from_slice(&[198, 18, 0, 50]);
    dhcp[28..34].copy_from_slice(&[0, 0x16, 0x3e, 0, 0, 7]);
    dhcp[236..240].copy_from_slice(&[0x63, 0x82, 0x53, 0x63]);
    dhcp.extend_from_slice(&[53, 1, 5, 3, 4, 198, 18, 0, 1, 12, 3, b'p', b'c', b'1', 255]);
    let mut lldp = vec![
        0x02, 0x07, 4, 0, 0x16, 0x3e, 0, 0, 1, 0x0a, 0x02, b's', b'w',
    ];
    lldp.extend_from_slice(&[0x0e, 0x04, 0, 0x14, 0, 0x10, 0, 0]);
    let mut cdp = vec![0xaa, 0xaa, 0x03, 0, 0, 0x0c, 0x20, 0x00, 2, 180, 0, 0];
    cdp.extend_from_slice(&[0, 1, 0, 6, b's', b'w', 0, 4, 0, 8, 0, 0, 0, 1]);
    cdp.extend_from_slice(&[0, 2, 0, 17, 0, 0, 0, 1, 1, 1, 0xcc, 0, 4, 198, 18, 0, 2]);
    let mut cdp_frame = vec![0x01, 0, 0x0c, 0xcc, 0xcc, 0xcc, 0, 0x16, 0x3e, 0, 0, 2];
    cdp_frame.extend_from_slice(&(cdp.len() as u16).to_be_bytes());
    cdp_frame.extend_from_slice(&cdp);
    let mdns = {
        let mut m = vec![0, 0, 0x84, 0, 0, 0, 0, 1, 0, 0, 0, 0];
        m.extend_from_slice(b"\x02pc\x05local\x00");
        m.extend_from_slice(&[0, 1, 0x80, 1, 0, 0, 0, 120, 0, 4, 198, 18, 0, 7]);
        m
    };
    let mut dicom = vec![0x01, 0, 0, 0, 0, 0x44, 0, 1, 0, 0];
    dicom.extend_from_slice(b"PACS_SCP        CT_ROOM1        ");
    dicom.extend_from_slice(&[0; 32]);
    let hello = [
        0x16, 0x03, 0x01, 0x00, 0xf0, 0x01, 0x00, 0x00, 0xec, 0x03, 0x03,
    ];
    let mut ra = vec![0x60, 0, 0, 0, 0, 24, 58, 255];
    ra.extend_from_slice(&[0xfe, 0x80, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1]);
    ra.extend_from_slice(&[0xff, 0x02, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1]);
    ra.extend_from_slice(&[
        134, 0, 0, 0, 64, 0, 7, 8, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 0, 0x16, 0x3e, 0, 0, 1,
    ]);
    vec![
        eth([0xff; 6], 0x0800, &ip_udp(67, 68, &dhcp)),
        eth([1, 0x80, 0xc2, 0, 0, 0x0e], 0x88cc, &lldp),
        cdp_frame,
        eth([1, 0, 0x5e, 0, 0, 0xfb], 0x0800, &ip_udp(5353, 5353, &mdns)),
        eth([0xff; 6], 0x0800, &ip_udp(500, 500, &[0; 28])),
        eth(
            [0, 0x16, 0x3e, 0, 0, 5],
            0x0800,
            &ip_tcp(40000, 8443, &hello),
        ),
        eth(
            [0, 0x16, 0x3e, 0, 0, 5],
            0x0800,
            &ip_tcp(40001, 104, &dicom),
        ),
        eth(
            [0, 0x16, 0x3e, 0, 0, 5],
            0x0800,
            &ip_tcp(
                40002,
                2575,
                b"\x0bMSH|^~\\&|RIS|HOSP|PACS|RAD|2026||ORM^O01|1|P|2.5\r",
            ),
        ),
        eth([0x33, 0x33, 0, 0, 0, 1], 0x86dd, &ra),
    ]
}

/// A pcapng file: a section, an Ethernet and a Linux-cooked interface, a
/// packet on each.
fn pcapng_seed(frame: &[u8]) -> Vec<u8> {
    let block = |kind: u32, body: &[u8]| {
        let pad = (4 - body.len() % 4) % 4;
        let len = (12 + body.len() + pad) as u32;
        let mut b = kind.to_le_bytes().to_vec();
        b.extend_from_slice(&len.to_le_bytes());
        b.extend_from_slice(body);
        b.extend_from_slice(&vec![0; pad]);
        b.extend_from_slice(&len.to_le_bytes());
        b
    };
    let mut f = block(
        0x0a0d_0d0a,
        &[
            0x4d, 0x3c, 0x2b, 0x1a, 1, 0, 0, 0, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
        ],
    );
    f.extend(block(1, &[1, 0, 0, 0, 0xff, 0xff, 0, 0]));
    f.extend(block(1, &[113, 0, 0, 0, 0xff, 0xff, 0, 0]));
    let epb = |iface: u32, data: &[u8]| {
        let mut e = iface.to_le_bytes().to_vec();
        e.extend_from_slice(&[0, 0, 0, 0, 1, 0, 0, 0]);
        e.extend_from_slice(&(data.len() as u32).to_le_bytes());
        e.extend_from_slice(&(data.len() as u32).to_le_bytes());
        e.extend_from_slice(data);
        block(6, &e)
    };
    f.extend(epb(0, frame));
    let mut cooked = vec![0, 1, 0, 1, 0, 6, 0, 0x16, 0x3e, 0, 0, 1, 0, 0];
    cooked.extend_from_slice(&frame[12..]);
    f.extend(epb(1, &cooked));
    f
}

#[test]
fn every_capture_decoder_survives_mutations_of_frames_it_reads() {
    let mut rng = Rng(0x2545_f491_4f6c_dd1d);
    let seeds = frame_seeds();
    // The seeds themselves are read: each decoder is reached.
    let mut l = Learner::new();
    for seed in &seeds {
        l.frame(Linktype::ETHERNET, seed, chrono::DateTime::UNIX_EPOCH);
    }
    let json = serde_json::to_string(&l.finish().into_snapshot(chrono::DateTime::UNIX_EPOCH, "s"))
        .unwrap();
    for kind in [
        "\"cdp\"",
        "\"lldp\"",
        "\"dhcp-server\"",
        "\"mdns\"",
        "\"dicom-ae\"",
        "\"hl7\"",
        "\"ipv6\"",
    ] {
        assert!(
            json.contains(kind),
            "{kind} not learned from the seeds: {json}"
        );
    }
    for _ in 0..3000 {
        let seed = &seeds[rng.below(seeds.len())];
        let m = mutate(&mut rng, seed);
        let mut l = Learner::new();
        l.frame(Linktype::ETHERNET, &m, chrono::DateTime::UNIX_EPOCH);
        l.frame(Linktype::LINUX_SLL, &m, chrono::DateTime::UNIX_EPOCH);
        let _ = l
            .finish()
            .into_snapshot(chrono::DateTime::UNIX_EPOCH, "m.pcap");
        if let Some(link) = wire::ethernet(&m) {
            let p = link.payload;
            let _ = wire::cdp(p);
            let _ = wire::lldp(p);
            let _ = wire::arp(p);
            let _ = wire::icmpv6_nd(p.get(40..).unwrap_or_default());
            let body = p.get(28..).unwrap_or_default();
            let _ = wire::dhcp(body);
            let _ = wire::dns_a_records(body);
            let _ = wire::nbns_name(body);
            let _ = wire::ssdp_agent(body);
            let seg = p.get(40..).unwrap_or_default();
            let _ = wire::tls_client_hello(seg);
            let _ = wire::dicom_associate(seg);
            let _ = wire::hl7_msh(seg);
        }
    }
    for _ in 0..1500 {
        let seed = pcapng_seed(&seeds[rng.below(seeds.len())]);
        let m = mutate(&mut rng, &seed);
        if let Ok(p) = pcap::read(&m[..]) {
            assert!(p.hosts.len() <= koseizu::import::MAX_HOSTS);
        }
    }
}
