//! Turns what the engine observed about a host into a snapshot [`Host`]:
//! vendor, flags and the external-facing evidence. Pure.

use std::net::{IpAddr, Ipv4Addr};
use std::time::Duration;

use crate::mac::{MacAddr, MacClass};
use crate::oui;
use crate::snapshot::{ExternalEvidence, Host, HostFlag, OpenPort, Proto};

/// Everything the engine learned about one host.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Observed {
    /// First MAC that answered ARP for the IP.
    pub mac: Option<MacAddr>,
    /// Further MACs that answered for the same IP.
    pub other_macs: Vec<MacAddr>,
    /// Best round-trip time.
    pub rtt: Option<Duration>,
    /// Matched `--exclude`.
    pub excluded: bool,
    /// Source of the ICMP Time Exceeded answering the gateway probe.
    pub gateway_responder: Option<Ipv4Addr>,
    /// Open ports.
    pub ports: Vec<(Proto, u16)>,
}

impl Observed {
    /// Keeps the smaller round-trip time.
    pub fn note_rtt(&mut self, rtt: Duration) {
        self.rtt = Some(self.rtt.map_or(rtt, |r| r.min(rtt)));
    }
}

/// Common service name of a port, for the snapshot's `service` field.
pub fn service_name(proto: Proto, port: u16) -> Option<&'static str> {
    Some(match (proto, port) {
        (Proto::Tcp, 22) => "ssh",
        (Proto::Tcp, 23) => "telnet",
        (Proto::Tcp, 80) => "http",
        (Proto::Tcp, 104) | (Proto::Tcp, 11112) => "dicom",
        (Proto::Tcp, 443) => "https",
        (Proto::Tcp, 445) => "smb",
        (_, 1194) => "openvpn",
        (Proto::Tcp, 2575) => "hl7",
        (Proto::Tcp, 3389) => "rdp",
        (Proto::Tcp, 5900) => "vnc",
        (Proto::Tcp, 5938) => "teamviewer",
        (Proto::Tcp, 8080) => "http-alt",
        (Proto::Tcp, 8443) => "https-alt",
        (Proto::Tcp, 10443) => "ssl-vpn",
        (Proto::Udp, 500) => "ike",
        (Proto::Udp, 4500) => "ike-nat-t",
        _ => return None,
    })
}

/// The way-out service an open port signals, if any. Web ports count as
/// SSL-VPN only on a router/VPN maker's device (otherwise every web server
/// would be a way out).
pub fn external_service(proto: Proto, port: u16, router_vendor: bool) -> Option<&'static str> {
    Some(match (proto, port) {
        (Proto::Udp, 500) | (Proto::Udp, 4500) => "IKE",
        (_, 1194) => "OpenVPN",
        (Proto::Tcp, 3389) => "RDP",
        (Proto::Tcp, 5900) => "VNC",
        (Proto::Tcp, 5938) => "TeamViewer",
        (Proto::Tcp, 10443) => "SSL-VPN",
        (Proto::Tcp, 443) | (Proto::Tcp, 8443) if router_vendor => "SSL-VPN",
        _ => return None,
    })
}

/// Builds the snapshot host for `ip`; `default_gateway` is the scanning
/// host's own gateway.
pub fn host(ip: Ipv4Addr, seen: &Observed, default_gateway: Option<Ipv4Addr>) -> Host {
    let vendor = seen.mac.and_then(oui::vendor);
    let maker = vendor.and_then(oui::router_vpn_maker);
    let mut flags = Vec::new();
    if !seen.other_macs.is_empty() {
        flags.push(HostFlag::IpConflict);
    }
    match seen.mac.map(|m| m.class()) {
        Some(MacClass::Randomised) => flags.push(HostFlag::RandomisedMac),
        Some(MacClass::Vrrp) => flags.push(HostFlag::VrrpMac),
        Some(MacClass::Hsrp) => flags.push(HostFlag::HsrpMac),
        Some(_) => {}
        None => flags.push(HostFlag::NoMac),
    }
    if seen.excluded {
        flags.push(HostFlag::Excluded);
    }
    flags.sort();
    let mut ports: Vec<(Proto, u16)> = seen.ports.clone();
    ports.sort();
    ports.dedup();
    let mut external = Vec::new();
    if let Some(r) = seen.gateway_responder {
        external.push(ExternalEvidence::GatewayProbe {
            responder: IpAddr::V4(r),
        });
    }
    if default_gateway == Some(ip) {
        external.push(ExternalEvidence::DefaultGateway);
    }
    for &(proto, port) in &ports {
        if let Some(what) = external_service(proto, port, maker.is_some()) {
            external.push(ExternalEvidence::Service {
                proto,
                port,
                what: what.into(),
            });
        }
    }
    if let (Some(org), Some(_)) = (vendor, maker) {
        external.push(ExternalEvidence::Vendor {
            organization: org.into(),
        });
    }
    Host {
        ip: IpAddr::V4(ip),
        mac: seen.mac,
        other_macs: seen.other_macs.clone(),
        vendor: vendor.map(str::to_string),
        hostname: None,
        ports: ports
            .iter()
            .map(|&(proto, port)| OpenPort {
                proto,
                port,
                service: service_name(proto, port).map(str::to_string),
            })
            .collect(),
        rtt_ms: seen
            .rtt
            .map(|d| (d.as_secs_f64() * 1000.0 * 1000.0).round() / 1000.0),
        flags,
        external,
        identify: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn evidence_and_flags() {
        let seen = Observed {
            mac: Some("00:09:0f:aa:bb:cc".parse().unwrap()),
            other_macs: vec!["02:11:22:33:44:55".parse().unwrap()],
            rtt: Some(Duration::from_micros(1234)),
            excluded: false,
            gateway_responder: Some(Ipv4Addr::new(198, 18, 0, 1)),
            ports: vec![
                (Proto::Udp, 500),
                (Proto::Tcp, 443),
                (Proto::Tcp, 22),
                (Proto::Tcp, 443),
            ],
        };
        let h = host(
            Ipv4Addr::new(198, 18, 0, 1),
            &seen,
            Some(Ipv4Addr::new(198, 18, 0, 1)),
        );
        assert_eq!(h.flags, vec![HostFlag::IpConflict]);
        assert_eq!(h.rtt_ms, Some(1.234));
        assert_eq!(h.ports.len(), 3);
        assert_eq!(h.ports[0].service.as_deref(), Some("ssh"));
        let kinds: Vec<String> = h
            .external
            .iter()
            .map(|e| {
                serde_json::to_value(e).unwrap()["kind"]
                    .as_str()
                    .unwrap()
                    .to_string()
            })
            .collect();
        assert_eq!(
            kinds,
            [
                "gateway-probe",
                "default-gateway",
                "service",
                "service",
                "vendor"
            ]
        );
        assert!(h.external.contains(&ExternalEvidence::Service {
            proto: Proto::Tcp,
            port: 443,
            what: "SSL-VPN".into()
        }));
        // A plain web server with a non-router MAC is not a way out.
        let web = Observed {
            mac: Some("02:00:00:00:00:09".parse().unwrap()),
            ports: vec![(Proto::Tcp, 443)],
            excluded: true,
            ..Observed::default()
        };
        let h = host(Ipv4Addr::new(198, 18, 0, 9), &web, None);
        assert!(h.external.is_empty());
        assert_eq!(h.flags, vec![HostFlag::RandomisedMac, HostFlag::Excluded]);
        let vrrp = Observed {
            mac: Some("00:00:5e:00:01:07".parse().unwrap()),
            ..Observed::default()
        };
        assert_eq!(
            host(Ipv4Addr::new(198, 18, 0, 9), &vrrp, None).flags,
            vec![HostFlag::VrrpMac]
        );
        assert_eq!(
            host(Ipv4Addr::new(198, 18, 0, 9), &Observed::default(), None).flags,
            vec![HostFlag::NoMac]
        );
    }
}
