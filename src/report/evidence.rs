//! External-facing evidence in words, shared by the audit and diff writers.

use crate::site::Lang;
use crate::snapshot::{ExternalEvidence, Proto, Source};
use crate::text::clean::terminal;
use crate::text::Word;

/// Every piece of evidence in words, each said once (IKE on udp/500 and
/// udp/4500 is one VPN service to a reader of Japanese).
pub fn evidence_labels(evidence: &[ExternalEvidence], lang: Lang) -> Vec<String> {
    let mut out: Vec<String> = Vec::with_capacity(evidence.len());
    for label in evidence.iter().map(|e| evidence_label(e, lang)) {
        if !out.contains(&label) {
            out.push(label);
        }
    }
    out
}

/// Like [`evidence_labels`], each piece followed by the sources that saw
/// it (`sources` parallel to `evidence`) unless a scan saw it alone, as an
/// active scan's evidence always was before imports and captures existed.
pub fn sourced_evidence_labels(
    evidence: &[ExternalEvidence],
    sources: &[Vec<Source>],
    lang: Lang,
) -> Vec<String> {
    let mut out: Vec<String> = Vec::with_capacity(evidence.len());
    for (i, e) in evidence.iter().enumerate() {
        let mut label = evidence_label(e, lang);
        if let Some(s) = sources
            .get(i)
            .filter(|s| s.iter().any(|x| *x != Source::Scan))
        {
            let names: Vec<&str> = s.iter().map(|x| x.as_str()).collect();
            let sep = if lang == Lang::Ja { "、" } else { ", " };
            label.push_str(&Word::EvidenceSeenBy.fill(lang, &[&names.join(sep)]));
        }
        if !out.contains(&label) {
            out.push(label);
        }
    }
    out
}

/// External-facing evidence in words (hostile parts escaped for a terminal):
/// in Japanese as plain statements (「院外への通信を中継できる（ルータとして動作）」,
/// 「VPN用サービス（IKE）が応答」), in English with the probe's details.
pub fn evidence_label(e: &ExternalEvidence, lang: Lang) -> String {
    if lang == Lang::Ja {
        return match e {
            ExternalEvidence::GatewayProbe { .. } => {
                Word::EvidenceRoutedGatewayProbe.get(lang).to_string()
            }
            ExternalEvidence::Service { what, .. } => {
                let remote_control = ["RDP", "VNC"].iter().any(|r| what.eq_ignore_ascii_case(r));
                let word = if remote_control {
                    Word::EvidenceRemoteControlAnswers
                } else {
                    Word::EvidenceVpnAnswers
                };
                word.fill(lang, &[&terminal(what)])
            }
            ExternalEvidence::DefaultGateway => Word::EvidenceDefaultGateway.get(lang).to_string(),
            ExternalEvidence::Vendor { organization } => {
                Word::EvidenceMakerIs.fill(lang, &[&terminal(organization)])
            }
            ExternalEvidence::Ipv6DefaultRoute { prefixes } => {
                let p: Vec<String> = prefixes.iter().map(|x| terminal(x).into_owned()).collect();
                Word::EvidenceIpv6DefaultRoute.fill(lang, &[&p.join("、")])
            }
            ExternalEvidence::Forwards { outside, count } => {
                let seen: Vec<String> = outside.iter().map(|a| a.to_string()).collect();
                Word::EvidenceForwardsOutside.fill(lang, &[&count, &seen.join("、")])
            }
            ExternalEvidence::SaysRouter { via } => {
                Word::EvidenceSaysRouter.fill(lang, &[&terminal(&via.to_uppercase())])
            }
        };
    }
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
        ExternalEvidence::SaysRouter { via } => {
            Word::EvidenceSaysRouter.fill(lang, &[&terminal(&via.to_uppercase())])
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
