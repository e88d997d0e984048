//! External-facing evidence in words, shared by the audit and diff writers.

use crate::inventory::text::{tr, visible};
use crate::site::Lang;
use crate::snapshot::{ExternalEvidence, Proto};

/// External-facing evidence in words (hostile parts escaped for a terminal).
pub fn evidence_label(e: &ExternalEvidence, lang: Lang) -> String {
    match e {
        ExternalEvidence::GatewayProbe { responder } => format!(
            "{} ({responder})",
            tr(
                lang,
                "外部宛ての試験パケットを中継した",
                "routed the gateway probe"
            )
        ),
        ExternalEvidence::DefaultGateway => tr(
            lang,
            "スキャン端末の既定ゲートウェイ",
            "the scanner's default gateway",
        )
        .to_string(),
        ExternalEvidence::Service { proto, port, what } => format!(
            "{} {} ({}/{port})",
            tr(lang, "リモート接続系サービス", "remote-access service"),
            visible(what),
            match proto {
                Proto::Tcp => "tcp",
                Proto::Udp => "udp",
            }
        ),
        ExternalEvidence::Vendor { organization } => format!(
            "{} {}",
            tr(lang, "ルータ/VPN製造元のMAC:", "MAC of a router/VPN maker:"),
            visible(organization)
        ),
    }
}
