//! Captures that are not the tidy one-interface Ethernet file: pcapng with
//! several interfaces and link types (Linux cooked capture as
//! `tcpdump -i any` writes it, 802.1Q tags, a link type koseizu does not
//! read: counted and named), a file cut in the middle of a record, and a
//! 2 GB capture that must be streamed with bounded memory.
#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a failed unwrap is a failed test

use std::io::{Seek, SeekFrom, Write};
use std::process::Command;
use std::time::Duration;

use koseizu::import::pcap;
use koseizu::snapshot::Snapshot;

fn block(kind: u32, body: &[u8]) -> Vec<u8> {
    let pad = (4 - body.len() % 4) % 4;
    let len = (12 + body.len() + pad) as u32;
    let mut b = kind.to_le_bytes().to_vec();
    b.extend_from_slice(&len.to_le_bytes());
    b.extend_from_slice(body);
    b.extend_from_slice(&vec![0; pad]);
    b.extend_from_slice(&len.to_le_bytes());
    b
}

fn section() -> Vec<u8> {
    let mut shb = 0x1a2b_3c4du32.to_le_bytes().to_vec();
    shb.extend_from_slice(&[1, 0, 0, 0]);
    shb.extend_from_slice(&(-1i64).to_le_bytes());
    block(0x0a0d_0d0a, &shb)
}

fn interface(linktype: u16) -> Vec<u8> {
    let mut idb = linktype.to_le_bytes().to_vec();
    idb.extend_from_slice(&[0, 0]);
    idb.extend_from_slice(&65535u32.to_le_bytes());
    block(1, &idb)
}

fn packet(iface: u32, micros: u64, frame: &[u8]) -> Vec<u8> {
    let mut epb = iface.to_le_bytes().to_vec();
    epb.extend_from_slice(&((micros >> 32) as u32).to_le_bytes());
    epb.extend_from_slice(&(micros as u32).to_le_bytes());
    epb.extend_from_slice(&(frame.len() as u32).to_le_bytes());
    epb.extend_from_slice(&(frame.len() as u32).to_le_bytes());
    epb.extend_from_slice(frame);
    block(6, &epb)
}

/// An ARP request's body: `mac` says it has `ip`.
fn arp(mac: [u8; 6], ip: [u8; 4]) -> Vec<u8> {
    let mut a = vec![0, 1, 0x08, 0, 6, 4, 0, 1];
    a.extend_from_slice(&mac);
    a.extend_from_slice(&ip);
    a.extend_from_slice(&[0; 6]);
    a.extend_from_slice(&[198, 18, 0, 1]);
    a
}

/// 2026-12-04T00:00:00Z in microseconds.
const T0: u64 = 1_796_342_400_000_000;

fn mixed_pcapng() -> Vec<u8> {
    let tagged_mac = [0, 0x16, 0x3e, 0, 0, 0x10];
    let cooked_mac = [0, 0x16, 0x3e, 0, 0, 0x11];
    let mut f = section();
    f.extend(interface(1)); // 0: Ethernet
    f.extend(interface(113)); // 1: Linux cooked (tcpdump -i any)
    f.extend(interface(147)); // 2: USER0, not read
                              // Ethernet with an 802.1Q tag (VLAN 20).
    let mut eth = vec![0xff; 6];
    eth.extend_from_slice(&tagged_mac);
    eth.extend_from_slice(&[0x81, 0x00, 0x00, 20, 0x08, 0x06]);
    eth.extend(arp(tagged_mac, [198, 18, 20, 10]));
    f.extend(packet(0, T0, &eth));
    // Cooked v1: packet type 1 (broadcast), ARPHRD_ETHER, 6-byte address.
    let mut sll = vec![0, 1, 0, 1, 0, 6];
    sll.extend_from_slice(&cooked_mac);
    sll.extend_from_slice(&[0, 0, 0x08, 0x06]);
    sll.extend(arp(cooked_mac, [198, 18, 0, 11]));
    f.extend(packet(1, T0 + 1_000_000, &sll));
    // Cooked, tagged: tcpdump -i any on a VLAN trunk's parent.
    let mut sll_tagged = vec![0, 1, 0, 1, 0, 6];
    sll_tagged.extend_from_slice(&[0, 0x16, 0x3e, 0, 0, 0x12]);
    sll_tagged.extend_from_slice(&[0, 0, 0x81, 0x00, 0x00, 30, 0x08, 0x06]);
    sll_tagged.extend(arp([0, 0x16, 0x3e, 0, 0, 0x12], [198, 18, 30, 12]));
    f.extend(packet(1, T0 + 2_000_000, &sll_tagged));
    for i in 0..3 {
        f.extend(packet(2, T0 + 3_000_000 + i, b"not a frame koseizu reads"));
    }
    f
}

#[test]
fn pcapng_with_several_interfaces_and_link_types() {
    let p = pcap::read(&mixed_pcapng()[..]).unwrap();
    assert!(!p.partial);
    let snap = p.into_snapshot(chrono::Utc::now(), "any.pcapng");
    let pairs: Vec<(String, String)> = snap
        .hosts
        .iter()
        .map(|h| (h.ip.to_string(), h.mac.unwrap().to_string()))
        .collect();
    assert_eq!(
        pairs,
        vec![
            ("198.18.0.11".to_string(), "00:16:3e:00:00:11".to_string()),
            ("198.18.20.10".to_string(), "00:16:3e:00:00:10".to_string()),
            ("198.18.30.12".to_string(), "00:16:3e:00:00:12".to_string()),
        ]
    );
    // Each interface's own timestamps: the window is first to last packet.
    assert_eq!(snap.started.timestamp_micros() as u64, T0);
    assert_eq!(snap.finished.timestamp_micros() as u64, T0 + 3_000_002);
    assert!(
        snap.limitations
            .iter()
            .any(|l| l == "3 frames of link type unknown (147) not read"),
        "{:?}",
        snap.limitations
    );
}

#[test]
fn a_pcapng_cut_in_the_middle_of_a_record_is_partial() {
    let f = mixed_pcapng();
    // Cut inside the last block of every kind: header, body, trailer.
    let last = f.len() - 44;
    for cut in [last + 3, last + 20, f.len() - 2] {
        let p = pcap::read(&f[..cut]).unwrap();
        assert!(p.partial, "cut at {cut}");
        assert!(p
            .limitations
            .iter()
            .any(|l| l.contains("ends in the middle of a record")));
        // What came before the cut is kept.
        assert_eq!(p.hosts.len(), 3, "cut at {cut}");
    }
}

/// Peak resident memory of a running process, kB (`VmHWM`).
fn peak_kb(pid: u32) -> Option<u64> {
    let s = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = s.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

#[test]
fn a_2_gb_capture_is_streamed_with_bounded_memory() {
    // 2 GiB of 65,535-byte frames (all zero: 802.3 frames koseizu skips)
    // after one ARP frame, written sparse: only the record headers take
    // disk blocks, so the file costs ~130 MB of disk, not 2 GB.
    const RECORDS: u64 = 32_768;
    const CAPLEN: u64 = 65_535;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("big.pcap");
    let mut file = std::fs::File::create(&path).unwrap();
    let mut head = vec![0xd4, 0xc3, 0xb2, 0xa1, 2, 0, 4, 0];
    head.extend_from_slice(&[0; 8]);
    head.extend_from_slice(&65535u32.to_le_bytes());
    head.extend_from_slice(&1u32.to_le_bytes());
    let mut frame = vec![0xff; 6];
    frame.extend_from_slice(&[0, 0x16, 0x3e, 0, 0, 0x20, 0x08, 0x06]);
    frame.extend(arp([0, 0x16, 0x3e, 0, 0, 0x20], [198, 18, 0, 32]));
    head.extend_from_slice(&1_796_342_400u32.to_le_bytes());
    head.extend_from_slice(&0u32.to_le_bytes());
    head.extend_from_slice(&(frame.len() as u32).to_le_bytes());
    head.extend_from_slice(&(frame.len() as u32).to_le_bytes());
    head.extend_from_slice(&frame);
    file.write_all(&head).unwrap();
    let mut at = head.len() as u64;
    for i in 0..RECORDS {
        let mut rec = (1_796_342_401u32 + (i / 1000) as u32)
            .to_le_bytes()
            .to_vec();
        rec.extend_from_slice(&0u32.to_le_bytes());
        rec.extend_from_slice(&(CAPLEN as u32).to_le_bytes());
        rec.extend_from_slice(&(CAPLEN as u32).to_le_bytes());
        file.seek(SeekFrom::Start(at)).unwrap();
        file.write_all(&rec).unwrap();
        at += 16 + CAPLEN;
    }
    file.set_len(at).unwrap();
    drop(file);
    assert!(at > 2 << 30, "{at}");

    let out = dir.path().join("big.json");
    let mut child = Command::new(env!("CARGO_BIN_EXE_koseizu"))
        .args(["import", "-q"])
        .arg(&path)
        .arg("-o")
        .arg(&out)
        .spawn()
        .unwrap();
    let mut peak = 0;
    let status = loop {
        if let Some(kb) = peak_kb(child.id()) {
            peak = peak.max(kb);
        }
        if let Some(s) = child.try_wait().unwrap() {
            break s;
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    assert!(status.success());
    // Bounded: the 256 KiB read buffer and small tables, nowhere near 2 GB.
    assert!(peak > 0 && peak < 100 * 1024, "peak {peak} kB");
    let snap = Snapshot::read(&out).unwrap();
    assert!(!snap.partial);
    assert_eq!(snap.hosts.len(), 1);
    let bytes = RECORDS * CAPLEN + frame.len() as u64;
    let read = format!("{} frames, {bytes} bytes read", RECORDS + 1);
    assert!(
        snap.limitations.contains(&read),
        "{read:?} not in {:?}",
        snap.limitations
    );
}
