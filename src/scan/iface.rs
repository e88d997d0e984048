//! What the system says about the scanning interface (netdev: addresses,
//! MAC, default gateway and its MAC), read without sending anything.

use std::net::Ipv4Addr;

use ipnetwork::Ipv4Network;

use super::config::{ConfigError, InterfaceInfo};
use crate::mac::MacAddr;

/// Reads the facts about interface `name`.
pub fn interface_info(name: &str) -> Result<InterfaceInfo, ConfigError> {
    let all = netdev::get_interfaces();
    let Some(nic) = all.iter().find(|i| i.name == name) else {
        let mut names: Vec<&str> = all.iter().map(|i| i.name.as_str()).collect();
        names.sort_unstable();
        return Err(ConfigError::Interface(
            name.into(),
            format!("no such interface (there are: {})", names.join(", ")),
        ));
    };
    if !nic.is_up() {
        return Err(ConfigError::Interface(name.into(), "is down".into()));
    }
    let networks = nic
        .ipv4
        .iter()
        .filter_map(|n| Ipv4Network::new(n.addr(), n.prefix_len()).ok())
        .collect();
    let mac = nic
        .mac_addr
        .map(|m| MacAddr::new(m.octets()))
        .filter(|m| *m != MacAddr::ZERO);
    let gateway = nic.gateway.as_ref().and_then(|g| {
        let ip: Ipv4Addr = *g.ipv4.first()?;
        let mac = Some(MacAddr::new(g.mac_addr.octets()))
            .filter(|m| *m != MacAddr::ZERO && !m.is_multicast());
        Some((ip, mac))
    });
    Ok(InterfaceInfo {
        name: name.into(),
        mac,
        networks,
        gateway,
    })
}
