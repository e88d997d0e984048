//! External-facing evidence in words, shared by the audit and diff writers.

use crate::site::Lang;
use crate::snapshot::{ExternalEvidence, Proto};
use crate::text::clean::terminal;
use crate::text::Word;

/// External-facing evidence in words (hostile parts escaped for a terminal).
pub fn evidence_label(e: &ExternalEvidence, lang: Lang) -> String {
    match e {
        ExternalEvidence::GatewayProbe { responder } => format!(
            "{} ({responder})",
            Word::EvidenceRoutedGatewayProbe.get(lang)
        ),
        ExternalEvidence::DefaultGateway => Word::EvidenceDefaultGateway.get(lang).to_string(),
        ExternalEvidence::Ipv6DefaultRoute { prefixes } => {
            let p: Vec<String> = prefixes.iter().map(|x| terminal(x).into_owned()).collect();
            Word::EvidenceIpv6DefaultRoute.fill(lang, &[&p.join(", ")])
        }
        ExternalEvidence::Forwards { outside, count } => {
            let seen: Vec<String> = outside.iter().map(|a| a.to_string()).collect();
            Word::EvidenceForwardsOutside.fill(lang, &[&count, &seen.join(", ")])
        }
        ExternalEvidence::Service { proto, port, what } => format!(
            "{} {} ({}/{port})",
            Word::EvidenceRemoteAccessService.get(lang),
            terminal(what),
            match proto {
                Proto::Tcp => "tcp",
                Proto::Udp => "udp",
            }
        ),
        ExternalEvidence::Vendor { organization } => format!(
            "{} {}",
            Word::EvidenceRouterMakerMac.get(lang),
            terminal(organization)
        ),
    }
}

/// A service in words for a list of services: `RDP (tcp/3389)`; other
/// evidence as [`evidence_label`] says it.
pub fn service_label(e: &ExternalEvidence, lang: Lang) -> String {
    match e {
        ExternalEvidence::Service { proto, port, what } => format!(
            "{} ({}/{port})",
            terminal(what),
            match proto {
                Proto::Tcp => "tcp",
                Proto::Udp => "udp",
            }
        ),
        e => evidence_label(e, lang),
    }
}
