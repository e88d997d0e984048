//! The kernel's IPv4 neighbour (ARP) table, read from `/proc/net/arp`
//! without privileges: after unprivileged probes it holds the MACs of the
//! local hosts that were contacted.

use std::net::Ipv4Addr;

use crate::mac::MacAddr;

/// `ATF_COM`: the entry is complete (the MAC is known).
const ATF_COM: u32 = 0x2;

/// Parses the text of `/proc/net/arp`, keeping complete entries on `iface`.
/// Lines that do not parse are skipped.
pub fn parse_proc_net_arp(text: &str, iface: &str) -> Vec<(Ipv4Addr, MacAddr)> {
    text.lines()
        .skip(1)
        .filter_map(|line| {
            let f: Vec<&str> = line.split_whitespace().collect();
            let [ip, _hw_type, flags, mac, _mask, dev] = f.as_slice() else {
                return None;
            };
            let flags = u32::from_str_radix(flags.trim_start_matches("0x"), 16).ok()?;
            let mac: MacAddr = mac.parse().ok()?;
            if *dev != iface || flags & ATF_COM == 0 || mac == MacAddr::ZERO || mac.is_multicast() {
                return None;
            }
            Some((ip.parse().ok()?, mac))
        })
        .collect()
}

/// Reads the kernel's neighbour table for `iface` (empty if unreadable).
pub fn read(iface: &str) -> Vec<(Ipv4Addr, MacAddr)> {
    std::fs::read_to_string("/proc/net/arp")
        .map(|t| parse_proc_net_arp(&t, iface))
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_complete_entries_of_the_interface() {
        let text = "IP address       HW type     Flags       HW address            Mask     Device
198.18.0.10      0x1         0x2         f6:01:47:bd:3c:e3     *        vs
198.18.0.11      0x1         0x0         00:00:00:00:00:00     *        vs
198.18.0.12      0x1         0x2         00:11:22:33:44:55     *        eth9
198.18.0.13      0x1         0x6         00:11:22:33:44:66     *        vs
garbage line
198.18.0.300     0x1         0x2         00:11:22:33:44:77     *        vs
";
        assert_eq!(
            parse_proc_net_arp(text, "vs"),
            vec![
                (
                    "198.18.0.10".parse().unwrap(),
                    "f6:01:47:bd:3c:e3".parse().unwrap()
                ),
                (
                    "198.18.0.13".parse().unwrap(),
                    "00:11:22:33:44:66".parse().unwrap()
                ),
            ]
        );
    }
}
