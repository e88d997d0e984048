//! nmap XML (`-oX`): hosts with status `up` only, their IPv4, IPv6 and
//! MAC addresses (with nmap's vendor; a host known by IPv6 alone, as
//! `nmap -6` lists them, is kept under its IPv6 address), host names, open ports with service,
//! product and version, OS matches; the run's arguments and times.
//!
//! Hostile input: a DOCTYPE declaring entities or naming an external DTD
//! is refused (no entity is ever expanded or fetched), and a file cut off
//! before `</nmaprun>` (nmap killed) yields its complete hosts, `partial`.

use std::io::BufRead;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

use chrono::{DateTime, TimeZone, Utc};
use ipnetwork::{IpNetwork, Ipv4Network, Ipv6Network};
use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;

use super::{text, Parsed};
use crate::mac::MacAddr;
use crate::snapshot::{Fact, Proto, Source};

/// Largest single element (tag with attributes) accepted, in bytes.
const MAX_ELEMENT: usize = 1024 * 1024;
/// Most ports kept per host.
const MAX_PORTS: usize = 65_536 * 2;
/// Most OS matches kept per host.
const MAX_OS: usize = 8;
/// Most targets read from the arguments.
const MAX_SCOPES: usize = 4096;

#[derive(Default)]
struct HostBuild {
    up: bool,
    ipv4: Option<Ipv4Addr>,
    ipv6: Option<Ipv6Addr>,
    mac: Option<MacAddr>,
    vendor: Option<String>,
    hostname: Option<String>,
    ports: Vec<(Proto, u16, PortBuild)>,
    os: Vec<(String, Option<u8>)>,
    start: Option<DateTime<Utc>>,
    end: Option<DateTime<Utc>>,
}

#[derive(Default)]
struct PortBuild {
    proto: Option<Proto>,
    port: Option<u16>,
    open: bool,
    name: Option<String>,
    product: Option<String>,
    version: Option<String>,
}

fn attr(e: &BytesStart, key: &[u8]) -> Result<Option<String>, String> {
    for a in e.attributes() {
        let a = a.map_err(|err| err.to_string())?;
        if a.key.as_ref() == key {
            // Only the five predefined entities and character references
            // are expanded (DOCTYPE entity declarations are refused earlier).
            let raw = std::str::from_utf8(&a.value).map_err(|err| err.to_string())?;
            let v = quick_xml::escape::unescape(raw).map_err(|err| err.to_string())?;
            return Ok(Some(v.into_owned()));
        }
    }
    Ok(None)
}

fn unix_attr(e: &BytesStart, key: &[u8]) -> Result<Option<DateTime<Utc>>, String> {
    Ok(attr(e, key)?
        .and_then(|v| v.trim().parse::<i64>().ok())
        .and_then(|s| Utc.timestamp_opt(s, 0).single()))
}

/// The targets named in nmap's arguments, as networks; the second value is
/// true when some target was not understood (a name or a range).
pub fn targets(args: &str) -> (Vec<IpNetwork>, bool) {
    let mut out = Vec::new();
    let mut unknown = false;
    let mut words = args.split_whitespace().skip(1);
    // Options whose next word is a value, not a target.
    const WITH_VALUE: &[&str] = &[
        "-p",
        "-oX",
        "-oN",
        "-oG",
        "-oA",
        "-oS",
        "-iL",
        "-e",
        "-S",
        "--exclude",
        "--excludefile",
        "--top-ports",
        "-D",
        "-g",
        "--source-port",
        "--max-retries",
        "--host-timeout",
        "--min-rate",
        "--max-rate",
        "-T",
        "--script",
        "--script-args",
        "--dns-servers",
        "--scan-delay",
        "--max-scan-delay",
        "--ttl",
        "--data-length",
        "--mtu",
        "--version-intensity",
        "-PS",
        "-PA",
        "-PU",
        "--stylesheet",
        "--datadir",
        "--resume",
        "-iR",
    ];
    while let Some(w) = words.next() {
        if w.starts_with('-') {
            if WITH_VALUE.contains(&w) {
                words.next();
            }
            continue;
        }
        if out.len() >= MAX_SCOPES {
            unknown = true;
            break;
        }
        if let Ok(n) = w.parse::<Ipv4Network>() {
            out.push(IpNetwork::V4(
                Ipv4Network::new(n.network(), n.prefix()).unwrap_or(n),
            ));
        } else if let Ok(ip) = w.parse::<Ipv4Addr>() {
            if let Ok(n) = Ipv4Network::new(ip, 32) {
                out.push(IpNetwork::V4(n));
            }
        } else if let Ok(n) = w.parse::<Ipv6Network>() {
            out.push(IpNetwork::V6(
                Ipv6Network::new(n.network(), n.prefix()).unwrap_or(n),
            ));
        } else {
            unknown = true;
        }
    }
    out.sort();
    out.dedup();
    (out, unknown)
}

/// Port list of nmap's `scaninfo services` (`1-1000,3389`), bounded.
fn port_list(services: &str) -> Vec<u16> {
    let mut out = Vec::new();
    for part in services.split(',') {
        let (a, b) = match part.split_once('-') {
            Some((a, b)) => (a.trim().parse::<u16>(), b.trim().parse::<u16>()),
            None => (part.trim().parse::<u16>(), part.trim().parse::<u16>()),
        };
        if let (Ok(a), Ok(b)) = (a, b) {
            if a <= b && out.len() < 65_536 {
                out.extend(a..=b);
            }
        }
    }
    out.sort_unstable();
    out.dedup();
    out
}

/// True if a DOCTYPE's text declares entities or names an external DTD.
fn doctype_is_dangerous(raw: &[u8]) -> bool {
    let up = raw.to_ascii_uppercase();
    let has = |needle: &[u8]| up.windows(needle.len()).any(|w| w == needle);
    has(b"ENTITY") || has(b"SYSTEM") || has(b"PUBLIC") || has(b"[")
}

/// Parses nmap XML from `input`; an error is a message with the byte offset.
pub fn parse<R: BufRead>(input: R) -> Result<Parsed, String> {
    let mut out = Parsed::new(Source::Nmap);
    let mut reader = Reader::from_reader(input);
    reader.config_mut().expand_empty_elements = false;
    let mut buf = Vec::new();
    let mut seen_root = false;
    let mut closed = false;
    let mut host: Option<HostBuild> = None;
    let mut port: Option<PortBuild> = None;
    let mut run_start: Option<DateTime<Utc>> = None;
    let mut run_end: Option<DateTime<Utc>> = None;
    let mut last_host_end: Option<DateTime<Utc>> = None;
    let mut ipv6_only = 0usize;
    let mut down = 0usize;
    loop {
        buf.clear();
        let ev = match reader.read_event_into(&mut buf) {
            Ok(ev) => ev,
            Err(quick_xml::Error::Syntax(_)) if seen_root => {
                // Cut off inside a tag, comment or declaration: nmap was killed.
                break;
            }
            Err(e) => {
                return Err(format!(
                    "byte {}: not well-formed XML: {e}",
                    reader.error_position()
                ))
            }
        };
        let size = match &ev {
            Event::Start(e) | Event::Empty(e) => e.len(),
            Event::Text(t) => t.len(),
            Event::DocType(t) => t.len(),
            _ => 0,
        };
        if size > MAX_ELEMENT {
            return Err(format!(
                "byte {}: an element larger than {MAX_ELEMENT} bytes",
                reader.buffer_position()
            ));
        }
        let at = |m: String| format!("byte {}: {m}", reader.buffer_position());
        match ev {
            Event::DocType(d) if doctype_is_dangerous(d.as_ref()) => {
                return Err(at(
                    "a DOCTYPE that declares entities or an external DTD is refused".into(),
                ));
            }
            Event::Start(_) | Event::Empty(_) => {
                let (e, is_empty) = match &ev {
                    Event::Start(e) => (e, false),
                    Event::Empty(e) => (e, true),
                    _ => continue,
                };
                let e = e.clone();
                match e.name().as_ref() {
                    b"nmaprun" => {
                        seen_root = true;
                        run_start = unix_attr(&e, b"start").map_err(at)?;
                        if let Some(args) = attr(&e, b"args").map_err(at)? {
                            let (scopes, unknown) = targets(&args);
                            out.scopes = scopes;
                            if unknown {
                                out.limitations.push(
                                    "nmap: some targets are names or ranges koseizu does not read; the scopes list only address and CIDR targets".into(),
                                );
                            }
                        }
                    }
                    _ if !seen_root => {
                        return Err(at("not an nmap XML file (no <nmaprun>)".into()));
                    }
                    b"scaninfo" => {
                        let proto = attr(&e, b"protocol").map_err(at)?;
                        let services = attr(&e, b"services").map_err(at)?.unwrap_or_default();
                        match proto.as_deref() {
                            Some("tcp") => out.tcp_ports = port_list(&services),
                            Some("udp") => out.udp_ports = port_list(&services),
                            _ => {}
                        }
                    }
                    b"host" => {
                        host = Some(HostBuild {
                            start: unix_attr(&e, b"starttime").map_err(at)?,
                            end: unix_attr(&e, b"endtime").map_err(at)?,
                            ..HostBuild::default()
                        });
                    }
                    b"status" => {
                        if let Some(h) = host.as_mut() {
                            h.up = attr(&e, b"state").map_err(at)?.as_deref() == Some("up");
                        }
                    }
                    b"address" => {
                        if let Some(h) = host.as_mut() {
                            let addr = attr(&e, b"addr").map_err(at)?.unwrap_or_default();
                            match attr(&e, b"addrtype").map_err(at)?.as_deref() {
                                Some("ipv4") => h.ipv4 = addr.parse().ok(),
                                Some("ipv6") if h.ipv6.is_none() => {
                                    h.ipv6 = addr.parse().ok();
                                }
                                Some("mac") => {
                                    h.mac = addr.parse().ok();
                                    h.vendor = attr(&e, b"vendor")
                                        .map_err(at)?
                                        .and_then(|v| text::value(&v));
                                }
                                _ => {}
                            }
                        }
                    }
                    b"hostname" => {
                        if let Some(h) = host.as_mut() {
                            if h.hostname.is_none() {
                                h.hostname =
                                    attr(&e, b"name").map_err(at)?.and_then(|v| text::value(&v));
                            }
                        }
                    }
                    b"port" if host.is_some() => {
                        let proto = match attr(&e, b"protocol").map_err(at)?.as_deref() {
                            Some("tcp") => Some(Proto::Tcp),
                            Some("udp") => Some(Proto::Udp),
                            _ => None,
                        };
                        port = Some(PortBuild {
                            proto,
                            port: attr(&e, b"portid")
                                .map_err(at)?
                                .and_then(|p| p.parse().ok()),
                            ..PortBuild::default()
                        });
                    }
                    b"state" => {
                        if let Some(p) = port.as_mut() {
                            p.open = attr(&e, b"state").map_err(at)?.as_deref() == Some("open");
                        }
                    }
                    b"service" => {
                        if let Some(p) = port.as_mut() {
                            let v = |k: &[u8]| -> Result<Option<String>, String> {
                                Ok(attr(&e, k).map_err(at)?.and_then(|v| text::value(&v)))
                            };
                            p.name = v(b"name")?;
                            p.product = v(b"product")?;
                            p.version = v(b"version")?;
                        }
                    }
                    b"osmatch" => {
                        if let Some(h) = host.as_mut() {
                            if h.os.len() < MAX_OS {
                                if let Some(name) =
                                    attr(&e, b"name").map_err(at)?.and_then(|v| text::value(&v))
                                {
                                    let acc = attr(&e, b"accuracy")
                                        .map_err(at)?
                                        .and_then(|a| a.parse().ok());
                                    h.os.push((name, acc));
                                }
                            }
                        }
                    }
                    b"finished" => run_end = unix_attr(&e, b"time").map_err(at)?,
                    _ => {}
                }
                // An empty <port/> closes itself.
                if is_empty && e.name().as_ref() == b"port" {
                    finish_port(&mut host, &mut port);
                }
            }
            Event::End(e) => match e.name().as_ref() {
                b"port" => finish_port(&mut host, &mut port),
                b"host" => {
                    if let Some(h) = host.take() {
                        if h.end.is_some() {
                            last_host_end = h.end;
                        }
                        if !h.up {
                            down += 1;
                        } else {
                            if h.ipv4.is_none() && h.ipv6.is_some() {
                                ipv6_only += 1;
                            }
                            commit(&mut out, h);
                        }
                    }
                }
                b"nmaprun" => {
                    closed = true;
                    break;
                }
                _ => {}
            },
            Event::Eof => break,
            _ => {}
        }
    }
    if !seen_root {
        return Err("not an nmap XML file (no <nmaprun>)".into());
    }
    let _ = down;
    if ipv6_only > 0 {
        out.limitations.push(format!(
            "nmap: {ipv6_only} hosts known by an IPv6 address only (nmap -6): they are matched to the ledger by MAC and IPv6 address"
        ));
    }
    out.partial = !closed || run_end.is_none();
    if out.partial {
        out.limitations
            .push("nmap: the file ends before the run did (nmap stopped): hosts after the cut are missing".into());
    }
    out.started = run_start;
    out.finished = run_end.or(last_host_end).or(run_start);
    Ok(out)
}

fn finish_port(host: &mut Option<HostBuild>, port: &mut Option<PortBuild>) {
    let (Some(h), Some(p)) = (host.as_mut(), port.take()) else {
        return;
    };
    if let (true, Some(proto), Some(n)) = (p.open, p.proto, p.port) {
        if h.ports.len() < MAX_PORTS {
            h.ports.push((proto, n, p));
        }
    }
}

fn commit(out: &mut Parsed, h: HostBuild) {
    let Some(ip) = h.ipv4.map(IpAddr::V4).or(h.ipv6.map(IpAddr::V6)) else {
        return;
    };
    let seen = match h.mac {
        Some(m) => out.hosts.claim_ip(ip, m),
        None => out.hosts.entry_ip(ip),
    };
    let Some(seen) = seen else { return };
    if seen.hostname.is_none() {
        seen.hostname = h.hostname;
    }
    if seen.vendor.is_none() {
        seen.vendor = h.vendor.filter(|v| v != "Unknown");
    }
    for (proto, port, p) in &h.ports {
        seen.ports.insert((*proto, *port), p.name.clone());
    }
    let (ipa, mac) = (Some(ip), h.mac);
    for (proto, port, p) in h.ports {
        let (product, version) = (p.product, p.version);
        if product.is_some() || version.is_some() {
            out.hosts.detail(
                ipa,
                mac,
                Fact::Service {
                    proto,
                    port,
                    product,
                    version,
                },
            );
        }
    }
    // A dual-stack host is its IPv4 entry; its IPv6 address is a detail.
    if let (Some(_), Some(v6)) = (h.ipv4, h.ipv6) {
        out.hosts.detail(
            ipa,
            mac,
            Fact::Ipv6 {
                addresses: vec![v6],
            },
        );
    }
    for (name, accuracy) in h.os {
        out.hosts.detail(ipa, mac, Fact::Os { name, accuracy });
    }
    if let Some(s) = h.start {
        out.saw_time(s);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::snapshot::HostFlag;

    pub(crate) const SAMPLE: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE nmaprun>
<?xml-stylesheet href="file:///usr/bin/../share/nmap/nmap.xsl" type="text/xsl"?>
<nmaprun scanner="nmap" args="nmap -sV -oX out.xml 198.18.0.0/24 198.18.1.5" start="1764800000" startstr="x" version="7.93" xmloutputversion="1.05">
<scaninfo type="syn" protocol="tcp" numservices="3" services="22,80,3389"/>
<verbose level="0"/>
<hosthint><status state="up" reason="arp-response" reason_ttl="0"/>
<address addr="198.18.0.99" addrtype="ipv4"/>
</hosthint>
<host starttime="1764800001" endtime="1764800010"><status state="up" reason="arp-response" reason_ttl="0"/>
<address addr="198.18.0.1" addrtype="ipv4"/>
<address addr="00:00:0C:11:22:33" addrtype="mac" vendor="Cisco Systems"/>
<hostnames><hostname name="gw.hosp.local" type="PTR"/></hostnames>
<ports><extraports state="closed" count="1"/>
<port protocol="tcp" portid="22"><state state="open" reason="syn-ack" reason_ttl="64"/><service name="ssh" product="OpenSSH" version="9.2p1" method="probed" conf="10"/></port>
<port protocol="tcp" portid="3389"><state state="open" reason="syn-ack" reason_ttl="64"/><service name="ms-wbt-server" method="table" conf="3"/></port>
<port protocol="tcp" portid="80"><state state="filtered" reason="no-response" reason_ttl="0"/></port>
</ports>
<os><osmatch name="Linux 5.4" accuracy="95" line="1"/></os>
</host>
<host starttime="1764800001" endtime="1764800010"><status state="down" reason="no-response" reason_ttl="0"/>
<address addr="198.18.0.2" addrtype="ipv4"/>
</host>
<host><status state="up" reason="arp-response" reason_ttl="0"/>
<address addr="198.18.0.3" addrtype="ipv4"/>
<address addr="02:00:00:00:00:03" addrtype="mac"/>
</host>
<runstats><finished time="1764800020" timestr="x" summary="x" elapsed="20" exit="success"/><hosts up="2" down="1" total="3"/>
</runstats>
</nmaprun>
"#;

    #[test]
    fn a_complete_run() {
        let p = parse(SAMPLE.as_bytes()).unwrap();
        assert!(!p.partial);
        assert_eq!(p.hosts.len(), 2);
        assert_eq!(
            p.scopes,
            vec![
                "198.18.0.0/24".parse().unwrap(),
                "198.18.1.5/32".parse().unwrap()
            ]
        );
        assert_eq!(p.tcp_ports, vec![22, 80, 3389]);
        assert_eq!(p.started.unwrap().timestamp(), 1764800000);
        assert_eq!(p.finished.unwrap().timestamp(), 1764800020);
        let (hosts, details) = p.hosts.finish();
        let gw = &hosts[0];
        assert_eq!(gw.hostname.as_deref(), Some("gw.hosp.local"));
        assert_eq!(gw.ports.len(), 2);
        assert_eq!(gw.ports[0].service.as_deref(), Some("ssh"));
        assert!(gw.external.iter().any(|e| matches!(
            e,
            crate::snapshot::ExternalEvidence::Service { port: 3389, .. }
        )));
        assert!(hosts[1].flags.contains(&HostFlag::RandomisedMac));
        assert!(details.iter().any(
            |d| matches!(&d.fact, Fact::Os { name, accuracy: Some(95) } if name == "Linux 5.4")
        ));
        assert!(details
            .iter()
            .any(|d| matches!(&d.fact, Fact::Service { product: Some(p), .. } if p == "OpenSSH")));
    }

    #[test]
    fn a_cut_file_keeps_complete_hosts_and_is_partial() {
        let cut = SAMPLE.find("<host><status").unwrap() + 20;
        for (end, hosts) in [(cut, 1), (SAMPLE.find("<runstats>").unwrap(), 2)] {
            let p = parse(&SAMPLE.as_bytes()[..end]).unwrap();
            assert!(p.partial, "{end}");
            assert_eq!(p.hosts.len(), hosts, "{end}");
        }
    }

    #[test]
    fn entities_and_external_dtds_are_refused() {
        let laughs = r#"<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
]>
<nmaprun args="&lol3;"></nmaprun>"#;
        let e = parse(laughs.as_bytes()).unwrap_err();
        assert!(e.contains("DOCTYPE"), "{e}");
        let xxe = r#"<?xml version="1.0"?>
<!DOCTYPE nmaprun [ <!ENTITY xxe SYSTEM "file:///etc/passwd"> ]>
<nmaprun args="nmap 198.18.0.1"><host><status state="up"/><address addr="198.18.0.1" addrtype="ipv4"/><hostnames><hostname name="&xxe;"/></hostnames></host></nmaprun>"#;
        let e = parse(xxe.as_bytes()).unwrap_err();
        assert!(e.contains("DOCTYPE"), "{e}");
        // Without a DOCTYPE, an undeclared entity is an error, never a lookup.
        let bare = r#"<nmaprun args="nmap"><host><status state="up"/><address addr="198.18.0.1" addrtype="ipv4"/><hostnames><hostname name="&xxe;"/></hostnames></host></nmaprun>"#;
        assert!(parse(bare.as_bytes()).is_err());
        assert!(parse(&b"<html><body/></html>"[..]).is_err());
        assert!(parse(&b"\xff\xfe garbage"[..]).is_err());
    }

    #[test]
    fn ipv6_hosts_are_kept() {
        // As nmap 7.93 writes `nmap -6 -sn -oX - fd00:198:18::/64`.
        let xml = r#"<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE nmaprun>
<nmaprun scanner="nmap" args="nmap -6 -sn -oX - fd00:198:18::5/64 198.18.0.1" start="1764800000" version="7.93" xmloutputversion="1.05">
<verbose level="0"/>
<host><status state="up" reason="nd-response" reason_ttl="255"/>
<address addr="fd00:198:18::10" addrtype="ipv6"/>
<address addr="02:00:00:00:00:10" addrtype="mac"/>
<hostnames>
</hostnames>
<times srtt="120" rttvar="5000" to="100000"/>
</host>
<host><status state="up" reason="localhost-response" reason_ttl="0"/>
<address addr="fd00:198:18::1" addrtype="ipv6"/>
<hostnames><hostname name="gw6.hosp.local" type="PTR"/></hostnames>
</host>
<host><status state="up" reason="arp-response" reason_ttl="0"/>
<address addr="198.18.0.1" addrtype="ipv4"/>
<address addr="fd00:198:18::2" addrtype="ipv6"/>
<address addr="00:00:0C:11:22:33" addrtype="mac" vendor="Cisco Systems"/>
</host>
<runstats><finished time="1764800005" elapsed="5" exit="success"/><hosts up="3" down="0" total="3"/></runstats>
</nmaprun>
"#;
        let p = parse(xml.as_bytes()).unwrap();
        assert_eq!(
            p.scopes,
            vec![
                "198.18.0.1/32".parse().unwrap(),
                "fd00:198:18::/64".parse().unwrap()
            ]
        );
        assert!(p
            .limitations
            .iter()
            .any(|l| l.contains("2 hosts known by an IPv6 address only")));
        let (hosts, details) = p.hosts.finish();
        let ips: Vec<String> = hosts.iter().map(|h| h.ip.to_string()).collect();
        assert_eq!(ips, ["198.18.0.1", "fd00:198:18::1", "fd00:198:18::10"]);
        assert_eq!(hosts[1].hostname.as_deref(), Some("gw6.hosp.local"));
        assert_eq!(hosts[1].mac, None);
        assert_eq!(hosts[2].mac.unwrap().to_string(), "02:00:00:00:00:10");
        assert!(details.iter().any(|d| matches!(&d.fact,
            Fact::Ipv6 { addresses } if addresses == &["fd00:198:18::2".parse::<Ipv6Addr>().unwrap()])
            && d.ip == Some("198.18.0.1".parse().unwrap())));
    }

    #[test]
    fn targets_from_arguments() {
        let (t, unknown) = targets(
            "nmap -sn -p 22 --exclude 198.18.0.9 -oX a.xml 198.18.0.0/24 host.example 10.0.0.1-5",
        );
        assert_eq!(t, vec!["198.18.0.0/24".parse().unwrap()]);
        assert!(unknown);
        let (t, unknown) = targets("nmap 198.18.0.77/24");
        assert_eq!(t, vec!["198.18.0.0/24".parse().unwrap()]);
        assert!(!unknown);
    }
}
