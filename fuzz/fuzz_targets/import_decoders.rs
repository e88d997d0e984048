//! Any bytes through every per-protocol decoder of a capture (link layers,
//! ARP, DHCP, LLDP, CDP, DNS answers, NetBIOS, SSDP, TLS ClientHello, DICOM,
//! HL7, ICMPv6 ND) and the learner: never a panic.
#![no_main]

use koseizu::import::pcap::Learner;
use koseizu::import::wire;
use libfuzzer_sys::fuzz_target;
use pcap_parser::Linktype;

fuzz_target!(|data: &[u8]| {
    let _ = wire::ethernet(data);
    let _ = wire::sll(data);
    let _ = wire::sll2(data);
    let _ = wire::arp(data);
    let _ = wire::dhcp(data);
    let _ = wire::lldp(data);
    let _ = wire::cdp(data);
    let _ = wire::tls_client_hello(data);
    let _ = wire::dns_a_records(data);
    let _ = wire::nbns_name(data);
    let _ = wire::ssdp_agent(data);
    let _ = wire::dicom_associate(data);
    let _ = wire::hl7_msh(data);
    let _ = wire::icmpv6_nd(data);
    let mut l = Learner::new();
    for lt in [Linktype::ETHERNET, Linktype::LINUX_SLL, Linktype::LINUX_SLL2] {
        l.frame(lt, data, chrono::DateTime::UNIX_EPOCH);
    }
    let _ = l.finish();
});
