//! What the identification probes saw on one host: stored in the snapshot
//! (`Host::identify`), every text field already bounded and cleaned when
//! captured (and cleaned again for each output).

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// Everything the identification probes learned about one host.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Observations {
    /// When the probes ran.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub at: Option<DateTime<Utc>>,
    /// TLS certificates, one per TLS port that completed a handshake.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tls: Vec<TlsSeen>,
    /// HTTP(S) answers to `GET /` (and at most one same-host redirect).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub http: Vec<HttpSeen>,
    /// SSH banners.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub ssh: Vec<SshSeen>,
    /// What UDP 500 answered to one IKEv2 SA_INIT and one IKEv1 Main Mode message.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ike: Option<IkeSeen>,
    /// Probes that could not finish, and why (`443/tls: timed out`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<String>,
}

impl Observations {
    /// True if no probe saw anything.
    pub fn is_empty(&self) -> bool {
        self.tls.is_empty() && self.http.is_empty() && self.ssh.is_empty() && self.ike.is_none()
    }
}

/// The leaf certificate a TLS port presented.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TlsSeen {
    /// TCP port.
    pub port: u16,
    /// Subject distinguished name (`CN=FGT60F..., O=Fortinet`).
    pub subject: String,
    /// Issuer distinguished name.
    pub issuer: String,
    /// Serial number, hex.
    pub serial: String,
    /// Start of validity.
    pub not_before: Option<DateTime<Utc>>,
    /// End of validity.
    pub not_after: Option<DateTime<Utc>>,
    /// Subject and issuer are the same (no authority vouches for it).
    pub self_signed: bool,
    /// Key type and size (`RSA 2048`, `EC P-256`, `Ed25519`).
    pub key: String,
    /// SHA-256 of the certificate's DER bytes, lowercase hex.
    pub sha256: String,
    /// The TLS version negotiated (`TLSv1.2`, `TLSv1.3`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub protocol: Option<String>,
}

/// One HTTP answer.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct HttpSeen {
    /// TCP port.
    pub port: u16,
    /// Over TLS.
    pub tls: bool,
    /// Path requested: `/`, or the one same-host redirect target.
    pub path: String,
    /// Status code.
    pub status: u16,
    /// `Server` header.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub server: Option<String>,
    /// `ETag` header.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub etag: Option<String>,
    /// `WWW-Authenticate` header (routers' basic-auth realm often names the model).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub realm: Option<String>,
    /// `Location` header (a redirect's target, as sent).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub location: Option<String>,
    /// The page's `<title>`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// Login-page markers of the signature table found in the page.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub markers: Vec<String>,
    /// The page has a password field.
    #[serde(default)]
    pub login_form: bool,
}

/// An SSH server's identification line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SshSeen {
    /// TCP port.
    pub port: u16,
    /// The line, without CR LF (`SSH-2.0-OpenSSH_9.2p1 Debian-2`).
    pub banner: String,
}

/// What an IKE responder answered.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct IkeSeen {
    /// UDP port.
    pub port: u16,
    /// It answered the IKEv2 IKE_SA_INIT.
    pub v2: bool,
    /// It answered the IKEv1 Main Mode message.
    pub v1: bool,
    /// Vendor ID payloads, lowercase hex, in the order received (IKEv2 first).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub vendor_ids: Vec<String>,
    /// Notifications and what the answers carried (`v2: SA`, `v2: NO_PROPOSAL_CHOSEN`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub behaviour: Vec<String>,
}
