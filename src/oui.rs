//! MAC vendor lookup from the IEEE registries embedded in the `oui-data`
//! crate (MA-L, MA-M, MA-S; offline), and the list of router/VPN makers
//! whose MACs count as evidence that a device may carry traffic outside.

use crate::mac::MacAddr;

/// The IEEE-registered organisation of a MAC, if any. Locally administered
/// (randomised) and group addresses have no vendor.
pub fn vendor(mac: MacAddr) -> Option<&'static str> {
    if mac.is_locally_administered() || mac.is_multicast() {
        return None;
    }
    let hex: String = mac.octets().iter().map(|b| format!("{b:02X}")).collect();
    oui_data::lookup(&hex).map(|d| d.organization())
}

/// Makers of routers, firewalls and VPN appliances found in Japanese
/// hospitals, as whole words of their IEEE organisation names (lower case,
/// punctuation read as spaces). A MAC of one of them is weak evidence only:
/// Cisco also makes switches and phones, NEC also makes PCs.
const ROUTER_VPN_MAKERS: &[&str] = &[
    "fortinet",
    "yamaha",
    "nec",
    "nec platforms",
    "cisco",
    "cisco meraki",
    "palo alto networks",
    "sonicwall",
    "juniper networks",
    "watchguard",
    "allied telesis",
    "buffalo",
    "i o data",
    "century systems",
    "furukawa network solution",
    "furukawa electric",
    "ntt me",
    "hewlett packard enterprise",
    "aruba",
    "mikrotik",
    "routerboard com",
    "ubiquiti",
    "check point software",
    "sophos",
    "barracuda networks",
    "zyxel",
    "tp link",
    "netgear",
    "huawei",
    "draytek",
];

/// Lower-cases and turns punctuation into spaces, padded with spaces so
/// that whole words match as ` word `.
fn words(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push(' ');
    let mut last_space = true;
    for c in s.chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            out.push(c);
            last_space = false;
        } else if !last_space {
            out.push(' ');
            last_space = true;
        }
    }
    if !last_space {
        out.push(' ');
    }
    out
}

/// The maker name from [`ROUTER_VPN_MAKERS`] that `organization` matches, if any.
pub fn router_vpn_maker(organization: &str) -> Option<&'static str> {
    let org = words(organization);
    ROUTER_VPN_MAKERS
        .iter()
        .find(|m| org.contains(&format!(" {m} ")))
        .copied()
}

/// True if `organization` contains `needle`, ignoring case and punctuation
/// (how `--exclude VENDOR` matches).
pub fn organization_matches(organization: &str, needle: &str) -> bool {
    let n = words(needle);
    let n = n.trim();
    !n.is_empty() && words(organization).contains(n)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mac(s: &str) -> MacAddr {
        s.parse().unwrap()
    }

    #[test]
    fn looks_up_real_registry_entries() {
        // 00:09:0F is Fortinet's, 00:A0:DE Yamaha's, 00:00:0C Cisco's (IEEE MA-L).
        let f = vendor(mac("00:09:0f:12:34:56")).unwrap();
        assert!(f.to_lowercase().contains("fortinet"), "{f}");
        assert!(router_vpn_maker(f).is_some());
        let y = vendor(mac("00:a0:de:00:00:01")).unwrap();
        assert_eq!(router_vpn_maker(y), Some("yamaha"), "{y}");
        assert_eq!(
            router_vpn_maker(vendor(mac("00:00:0c:00:00:01")).unwrap()),
            Some("cisco")
        );
        assert_eq!(vendor(mac("02:00:00:00:00:01")), None);
    }

    #[test]
    fn maker_words_match_whole_words_only() {
        assert_eq!(router_vpn_maker("NEC Platforms, Ltd."), Some("nec"));
        assert_eq!(router_vpn_maker("I-O DATA DEVICE, INC."), Some("i o data"));
        assert_eq!(router_vpn_maker("Connectec Ltd"), None);
        assert_eq!(router_vpn_maker("Intel Corporate"), None);
        assert!(organization_matches("GE Healthcare", "healthcare"));
        assert!(organization_matches("Siemens Healthineers", "SIEMENS"));
        assert!(!organization_matches("Siemens", "  "));
    }
}
