//! SNMP credentials: `SITE/snmp.toml` or `--credentials FILE`, never the CSVs.
//!
//! ```toml
//! [[device]]
//! match = "default"          # a device id, an IP, a CIDR, or `default`
//! version = "2c"
//! community = "…"
//!
//! [[device]]
//! match = "198.18.0.0/24"
//! version = "3"
//! user = "koseizu"
//! auth = "sha256"            # sha | sha256 (md5 only with allow_weak = true)
//! auth_password = "…"
//! privacy = "aes128"         # aes128 (des only with allow_weak = true)
//! privacy_password = "…"
//! ```
//!
//! A device takes the entry matching its id, else its IP, else the
//! narrowest CIDR holding its IP, else `default`. The file must not be
//! readable by anyone but its owner (mode 0600 or stricter, as ssh asks of
//! its keys). Secrets live in [`Secret`], whose `Debug` and `Display` print
//! `***`; no error message quotes a value from the file.

use std::fmt;
use std::net::IpAddr;
use std::path::{Path, PathBuf};

use ipnetwork::IpNetwork;
use serde::Deserialize;

/// The largest credentials file read (a hostile file cannot fill memory).
const MAX_FILE_BYTES: u64 = 1 << 20;

/// A password or community: printed as `***` by `Debug` and `Display`.
#[derive(Clone, PartialEq, Eq, Deserialize)]
#[serde(transparent)]
pub struct Secret(String);

impl Secret {
    /// Wraps a secret value.
    pub fn new(s: impl Into<String>) -> Secret {
        Secret(s.into())
    }

    /// The value itself, for the SNMP message only.
    pub fn expose(&self) -> &[u8] {
        self.0.as_bytes()
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("***")
    }
}

impl fmt::Display for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("***")
    }
}

/// SNMPv3 authentication protocol.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AuthProto {
    /// HMAC-MD5-96 (weak: only with `allow_weak`).
    Md5,
    /// HMAC-SHA-96.
    Sha1,
    /// HMAC-SHA-256 (usmHMAC192SHA256AuthProtocol).
    Sha256,
}

/// SNMPv3 privacy protocol.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PrivProto {
    /// CBC-DES (weak: only with `allow_weak`).
    Des,
    /// CFB128-AES-128.
    Aes128,
}

/// How to talk to one device.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Credential {
    /// SNMPv2c with a community.
    V2c {
        /// The community.
        community: Secret,
    },
    /// SNMPv3 (USM).
    V3 {
        /// The user name (not secret, but not printed either).
        user: String,
        /// Authentication protocol.
        auth: AuthProto,
        /// Authentication password.
        auth_password: Secret,
        /// Privacy (protocol and password), if any.
        privacy: Option<(PrivProto, Secret)>,
    },
}

impl Credential {
    /// `v2c` or `v3`, for messages.
    pub fn version_name(&self) -> &'static str {
        match self {
            Credential::V2c { .. } => "v2c",
            Credential::V3 { .. } => "v3",
        }
    }

    /// Every secret value in this credential (for tests that grep outputs).
    pub fn secrets(&self) -> Vec<&Secret> {
        match self {
            Credential::V2c { community } => vec![community],
            Credential::V3 {
                auth_password,
                privacy,
                ..
            } => {
                let mut v = vec![auth_password];
                if let Some((_, p)) = privacy {
                    v.push(p);
                }
                v
            }
        }
    }
}

/// What an entry matches.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Selector {
    /// A ledger device id.
    Id(String),
    /// One address.
    Ip(IpAddr),
    /// A network.
    Cidr(IpNetwork),
    /// Every device no other entry matches.
    Default,
}

/// The parsed file.
#[derive(Debug, Clone, Default)]
pub struct Credentials {
    /// Entries in file order.
    pub entries: Vec<(Selector, Credential)>,
    /// Warnings (weak protocols the file asked for explicitly).
    pub warnings: Vec<String>,
}

/// Why a credentials file was refused. No variant carries a value from the file.
#[derive(Debug, thiserror::Error)]
pub enum CredentialsError {
    /// The file could not be read.
    #[error("cannot read credentials file {}", .path.display())]
    Io {
        /// File.
        path: PathBuf,
        /// Cause.
        #[source]
        source: std::io::Error,
    },
    /// Others can read or write it.
    #[error(
        "credentials file {} is readable by others (mode {mode:04o}); run `chmod 600 {}`",
        .path.display(), .path.display()
    )]
    Permissions {
        /// File.
        path: PathBuf,
        /// Its permission bits.
        mode: u32,
    },
    /// Too large to be a credentials file.
    #[error("credentials file {} is larger than 1 MiB", .path.display())]
    TooLarge {
        /// File.
        path: PathBuf,
    },
    /// Not valid: says where and what, never quoting a value.
    #[error("credentials file {}: {what}", .path.display())]
    Invalid {
        /// File.
        path: PathBuf,
        /// What is wrong (entry number, key name).
        what: String,
    },
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    #[serde(default)]
    device: Vec<RawEntry>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawEntry {
    #[serde(rename = "match")]
    selector: String,
    version: String,
    community: Option<Secret>,
    user: Option<String>,
    auth: Option<String>,
    auth_password: Option<Secret>,
    privacy: Option<String>,
    privacy_password: Option<Secret>,
    #[serde(default)]
    allow_weak: bool,
}

impl Credentials {
    /// Reads and checks a credentials file (permissions first, then content).
    pub fn load(path: &Path) -> Result<Credentials, CredentialsError> {
        let io = |source| CredentialsError::Io {
            path: path.into(),
            source,
        };
        let meta = std::fs::metadata(path).map_err(io)?;
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = meta.permissions().mode() & 0o7777;
            if mode & 0o077 != 0 {
                return Err(CredentialsError::Permissions {
                    path: path.into(),
                    mode,
                });
            }
        }
        if meta.len() > MAX_FILE_BYTES {
            return Err(CredentialsError::TooLarge { path: path.into() });
        }
        let text = std::fs::read_to_string(path).map_err(io)?;
        Credentials::parse(&text).map_err(|what| CredentialsError::Invalid {
            path: path.into(),
            what,
        })
    }

    /// Parses the text of a credentials file; the error names the entry or
    /// line, never a value.
    pub fn parse(text: &str) -> Result<Credentials, String> {
        let raw: RawFile = toml::from_str(text).map_err(|e| {
            // toml's own message may quote the file: give the line alone.
            let line = e
                .span()
                .map(|s| {
                    let upto = text.as_bytes().get(..s.start).unwrap_or(text.as_bytes());
                    upto.iter().filter(|&&b| b == b'\n').count() + 1
                });
            match line {
                Some(l) => format!("line {l}: not valid (TOML syntax, or a key other than match, version, community, user, auth, auth_password, privacy, privacy_password, allow_weak)"),
                None => "not valid TOML".into(),
            }
        })?;
        let mut out = Credentials::default();
        for (i, e) in raw.device.into_iter().enumerate() {
            let n = i + 1;
            let sel = parse_selector(&e.selector).ok_or_else(|| {
                format!("entry {n}: `match` is not a device id, IP, CIDR or `default`")
            })?;
            let cred = match e.version.as_str() {
                "2c" | "v2c" => {
                    let community = e
                        .community
                        .ok_or_else(|| format!("entry {n}: version 2c needs `community`"))?;
                    if e.user.is_some() || e.auth_password.is_some() || e.privacy_password.is_some()
                    {
                        return Err(format!("entry {n}: version 2c takes `community` only"));
                    }
                    Credential::V2c { community }
                }
                "3" | "v3" => {
                    let user = e
                        .user
                        .ok_or_else(|| format!("entry {n}: version 3 needs `user`"))?;
                    let auth = match e.auth.as_deref().unwrap_or("sha256") {
                        "sha" | "sha1" => AuthProto::Sha1,
                        "sha256" | "sha-256" => AuthProto::Sha256,
                        "md5" if e.allow_weak => {
                            out.warnings
                                .push(format!("entry {n}: MD5 authentication is weak (allowed by allow_weak)"));
                            AuthProto::Md5
                        }
                        "md5" => {
                            return Err(format!(
                                "entry {n}: MD5 authentication is refused unless the entry says allow_weak = true"
                            ))
                        }
                        _ => return Err(format!("entry {n}: `auth` must be sha or sha256")),
                    };
                    let auth_password = e
                        .auth_password
                        .ok_or_else(|| format!("entry {n}: version 3 needs `auth_password` (authNoPriv and authPriv only)"))?;
                    if auth_password.expose().len() < 8 {
                        return Err(format!(
                            "entry {n}: `auth_password` is shorter than 8 characters (RFC 3414)"
                        ));
                    }
                    let privacy = match (e.privacy.as_deref(), e.privacy_password) {
                        (None, None) => None,
                        (p, Some(pw)) => {
                            let proto = match p.unwrap_or("aes128") {
                                "aes" | "aes128" | "aes-128" => PrivProto::Aes128,
                                "des" if e.allow_weak => {
                                    out.warnings.push(format!(
                                        "entry {n}: DES privacy is weak (allowed by allow_weak)"
                                    ));
                                    PrivProto::Des
                                }
                                "des" => {
                                    return Err(format!(
                                        "entry {n}: DES privacy is refused unless the entry says allow_weak = true"
                                    ))
                                }
                                _ => return Err(format!("entry {n}: `privacy` must be aes128")),
                            };
                            if pw.expose().len() < 8 {
                                return Err(format!("entry {n}: `privacy_password` is shorter than 8 characters (RFC 3414)"));
                            }
                            Some((proto, pw))
                        }
                        (Some(_), None) => {
                            return Err(format!("entry {n}: `privacy` needs `privacy_password`"))
                        }
                    };
                    if e.community.is_some() {
                        return Err(format!("entry {n}: version 3 takes no `community`"));
                    }
                    Credential::V3 {
                        user,
                        auth,
                        auth_password,
                        privacy,
                    }
                }
                "1" | "v1" => {
                    return Err(format!("entry {n}: SNMPv1 is not supported (use 2c or 3)"))
                }
                _ => return Err(format!("entry {n}: `version` must be 2c or 3")),
            };
            out.entries.push((sel, cred));
        }
        Ok(out)
    }

    /// The credential for a device: by id, else IP, else the narrowest
    /// CIDR, else `default`.
    pub fn for_device(&self, id: Option<&str>, ip: IpAddr) -> Option<&Credential> {
        if let Some(id) = id {
            if let Some((_, c)) = self
                .entries
                .iter()
                .find(|(s, _)| matches!(s, Selector::Id(x) if x == id))
            {
                return Some(c);
            }
        }
        if let Some((_, c)) = self
            .entries
            .iter()
            .find(|(s, _)| matches!(s, Selector::Ip(x) if *x == ip))
        {
            return Some(c);
        }
        let best = self
            .entries
            .iter()
            .filter_map(|(s, c)| match s {
                Selector::Cidr(n) if n.contains(ip) => Some((n.prefix(), c)),
                _ => None,
            })
            .max_by_key(|(p, _)| *p);
        if let Some((_, c)) = best {
            return Some(c);
        }
        self.entries
            .iter()
            .find(|(s, _)| *s == Selector::Default)
            .map(|(_, c)| c)
    }

    /// Every secret in the file (for tests that grep outputs).
    pub fn secrets(&self) -> Vec<&Secret> {
        self.entries.iter().flat_map(|(_, c)| c.secrets()).collect()
    }
}

fn parse_selector(s: &str) -> Option<Selector> {
    let s = s.trim();
    if s.is_empty() {
        return None;
    }
    if s == "default" {
        return Some(Selector::Default);
    }
    if let Ok(ip) = s.parse::<IpAddr>() {
        return Some(Selector::Ip(ip));
    }
    if s.contains('/') {
        return s.parse::<IpNetwork>().ok().map(Selector::Cidr);
    }
    Some(Selector::Id(s.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    const FILE: &str = r#"
[[device]]
match = "default"
version = "2c"
community = "c-default-SECRET"

[[device]]
match = "198.18.0.0/16"
version = "2c"
community = "c-wide-SECRET"

[[device]]
match = "198.18.5.0/24"
version = "3"
user = "koseizu"
auth = "sha"
auth_password = "auth-SECRET-1"
privacy = "aes128"
privacy_password = "priv-SECRET-1"

[[device]]
match = "sw-core"
version = "2c"
community = "c-core-SECRET"
"#;

    #[test]
    fn precedence_id_ip_narrowest_cidr_default() {
        let c = Credentials::parse(FILE).unwrap();
        let ip = |s: &str| s.parse::<IpAddr>().unwrap();
        let comm = |c: Option<&Credential>| match c.unwrap() {
            Credential::V2c { community } => {
                String::from_utf8(community.expose().to_vec()).unwrap()
            }
            Credential::V3 { user, .. } => format!("v3:{user}"),
        };
        assert_eq!(
            comm(c.for_device(Some("sw-core"), ip("198.18.5.1"))),
            "c-core-SECRET"
        );
        assert_eq!(
            comm(c.for_device(Some("x"), ip("198.18.5.1"))),
            "v3:koseizu"
        );
        assert_eq!(comm(c.for_device(None, ip("198.18.7.1"))), "c-wide-SECRET");
        assert_eq!(comm(c.for_device(None, ip("10.0.0.1"))), "c-default-SECRET");
    }

    #[test]
    fn secrets_never_print() {
        let c = Credentials::parse(FILE).unwrap();
        let dbg = format!("{c:?}");
        for s in c.secrets() {
            let v = String::from_utf8(s.expose().to_vec()).unwrap();
            assert!(!dbg.contains(&v), "{dbg}");
            assert_eq!(format!("{s}"), "***");
        }
        assert!(dbg.contains("***"));
    }

    #[test]
    fn weak_protocols_need_allow_weak_and_errors_quote_nothing() {
        let md5 = "[[device]]\nmatch='default'\nversion='3'\nuser='u'\nauth='md5'\nauth_password='md5-SECRET-x'\n";
        let e = Credentials::parse(md5).unwrap_err();
        assert!(e.contains("allow_weak"), "{e}");
        assert!(!e.contains("SECRET"));
        let ok = Credentials::parse(&format!("{md5}allow_weak = true\n")).unwrap();
        assert_eq!(ok.warnings.len(), 1);
        let v1 = "[[device]]\nmatch='default'\nversion='1'\ncommunity='v1-SECRET'\n";
        assert!(Credentials::parse(v1).unwrap_err().contains("SNMPv1"));
        // A syntax error on a line holding a secret: the line number only.
        let bad = "[[device]]\nmatch='default'\nversion='2c'\ncommunity='bad-SECRET\n";
        let e = Credentials::parse(bad).unwrap_err();
        assert!(!e.contains("SECRET"), "{e}");
        assert!(e.contains("line 4"), "{e}");
        let unknown = "[[device]]\nmatch='default'\nversion='2c'\ncomunity='typo-SECRET'\n";
        let e = Credentials::parse(unknown).unwrap_err();
        assert!(!e.contains("SECRET"), "{e}");
    }

    #[test]
    fn refuses_files_others_can_read() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("snmp.toml");
        std::fs::write(&p, FILE).unwrap();
        std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o644)).unwrap();
        let e = Credentials::load(&p).unwrap_err().to_string();
        assert!(e.contains(&format!("chmod 600 {}", p.display())), "{e}");
        assert!(!e.contains("SECRET"));
        std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o600)).unwrap();
        assert_eq!(Credentials::load(&p).unwrap().entries.len(), 4);
    }
}
