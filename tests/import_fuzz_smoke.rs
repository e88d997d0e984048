//! What CI runs of the import fuzz targets (fuzz/fuzz_targets/import_*.rs,
//! which need cargo-fuzz for a real campaign): the same calls on a few
//! thousand deterministic mutations of real samples and random bytes, so
//! a panic in any parser fails `cargo test`.
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
