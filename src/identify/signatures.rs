//! The signature table: what a device shows (a Vendor ID, a banner, a
//! login page, a certificate) and what make, product and firmware that
//! means. Bundled as `src/identify/data/signatures.tsv` (dated, a source
//! per entry), validated when loaded.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::Serialize;

use super::observe::Observations;
use super::{bounded_text, MAX_FIELD_CHARS};

/// The bundled table.
pub const BUNDLED: &str = include_str!("data/signatures.tsv");

/// What kind of observation an entry looks at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Kind {
    /// Hex prefix of an IKE Vendor ID.
    IkeVid,
    /// SSH banner.
    Ssh,
    /// HTTP `Server` header.
    HttpServer,
    /// HTML title.
    HttpTitle,
    /// Text in the page.
    HttpMarker,
    /// Redirect target or path requested.
    HttpLocation,
    /// `WWW-Authenticate` header.
    HttpRealm,
    /// Certificate subject.
    CertSubject,
    /// Certificate issuer.
    CertIssuer,
}

impl Kind {
    fn parse(s: &str) -> Option<Kind> {
        Some(match s {
            "ike-vid" => Kind::IkeVid,
            "ssh" => Kind::Ssh,
            "http-server" => Kind::HttpServer,
            "http-title" => Kind::HttpTitle,
            "http-marker" => Kind::HttpMarker,
            "http-location" => Kind::HttpLocation,
            "http-realm" => Kind::HttpRealm,
            "cert-subject" => Kind::CertSubject,
            "cert-issuer" => Kind::CertIssuer,
            _ => return None,
        })
    }
}

/// How sure an identification is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Confidence {
    /// Shared with others, or the vendor's name only.
    Low,
    /// The product's usual default.
    Medium,
    /// The product's own mark, or two independent marks.
    High,
}

impl Confidence {
    fn parse(s: &str) -> Option<Confidence> {
        Some(match s {
            "low" => Confidence::Low,
            "medium" => Confidence::Medium,
            "high" => Confidence::High,
            _ => return None,
        })
    }

    /// `high`, `medium` or `low`.
    pub fn as_str(self) -> &'static str {
        match self {
            Confidence::Low => "low",
            Confidence::Medium => "medium",
            Confidence::High => "high",
        }
    }
}

/// One entry of the table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Signature {
    /// What it looks at.
    pub kind: Kind,
    /// The text (lowercase for matching; `{v}` removed).
    pub pattern: String,
    /// True if the firmware version follows the pattern.
    pub reads_version: bool,
    /// Make (`-` for a protocol feature many makes share).
    pub make: String,
    /// Product.
    pub product: String,
    /// Firmware family advisories name (`FortiOS`), if any.
    pub platform: Option<String>,
    /// How sure a match is.
    pub confidence: Confidence,
    /// When its source was read.
    pub checked: NaiveDate,
    /// Where the fact comes from.
    pub source: String,
    /// Line in the table.
    pub line: usize,
}

/// An entry the table could not take.
#[derive(Debug, thiserror::Error)]
#[error("signatures line {line}: {why}")]
pub struct TableError {
    /// Line (1-based).
    pub line: usize,
    /// What is wrong.
    pub why: String,
}

/// The signature table.
#[derive(Debug, Clone)]
pub struct Signatures {
    /// The table's date.
    pub date: NaiveDate,
    /// Its entries.
    pub entries: Vec<Signature>,
}

/// What a host is, as far as its observations tell.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Identification {
    /// Make.
    pub make: String,
    /// Product.
    pub product: String,
    /// Firmware family (`FortiOS`).
    pub platform: Option<String>,
    /// Firmware version the device revealed.
    pub firmware: Option<String>,
    /// How sure.
    pub confidence: Confidence,
    /// Each observation that matched, with the entry's source line.
    pub evidence: Vec<String>,
}

fn date(s: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").ok()
}

impl Signatures {
    /// The bundled table.
    pub fn bundled() -> Result<Signatures, TableError> {
        Signatures::parse(BUNDLED)
    }

    /// Reads and checks a table: a `date` line, then entries of eight
    /// TAB-separated fields, each with a known kind and confidence, a
    /// non-empty pattern and source, and a date.
    pub fn parse(text: &str) -> Result<Signatures, TableError> {
        let mut table_date = None;
        let mut entries = Vec::new();
        for (i, raw) in text.lines().enumerate() {
            let line = i + 1;
            let err = |why: &str| TableError {
                line,
                why: why.to_string(),
            };
            if raw.trim().is_empty() || raw.starts_with('#') {
                continue;
            }
            let f: Vec<&str> = raw.split('\t').collect();
            if f[0] == "date" {
                table_date = Some(
                    f.get(1)
                        .and_then(|d| date(d))
                        .ok_or_else(|| err("date is not YYYY-MM-DD"))?,
                );
                continue;
            }
            if f.len() != 8 {
                return Err(err(&format!("{} fields, expected 8", f.len())));
            }
            let kind = Kind::parse(f[0]).ok_or_else(|| err("unknown kind"))?;
            let (pattern, reads_version) = match f[1].strip_suffix("{v}") {
                Some(p) => (p, true),
                None => (f[1], false),
            };
            if pattern.trim().is_empty() || pattern.contains("{v}") {
                return Err(err("empty pattern, or {v} not at its end"));
            }
            if kind == Kind::IkeVid && !pattern.bytes().all(|b| b.is_ascii_hexdigit()) {
                return Err(err("ike-vid pattern is not hex"));
            }
            if f[2].is_empty() || f[3].is_empty() {
                return Err(err("make and product are required"));
            }
            let confidence =
                Confidence::parse(f[5]).ok_or_else(|| err("confidence is high, medium or low"))?;
            let checked = date(f[6]).ok_or_else(|| err("checked date is not YYYY-MM-DD"))?;
            if f[7].trim().len() < 8 {
                return Err(err("no source"));
            }
            entries.push(Signature {
                kind,
                pattern: pattern.to_lowercase(),
                reads_version,
                make: f[2].to_string(),
                product: f[3].to_string(),
                platform: (f[4] != "-").then(|| f[4].to_string()),
                confidence,
                checked,
                source: f[7].to_string(),
                line,
            });
        }
        let date = table_date.ok_or(TableError {
            line: 1,
            why: "no date line".into(),
        })?;
        Ok(Signatures { date, entries })
    }

    /// The login-page markers HTTP probes look for in a page.
    pub fn markers(&self) -> Vec<&str> {
        self.entries
            .iter()
            .filter(|e| e.kind == Kind::HttpMarker)
            .map(|e| e.pattern.as_str())
            .collect()
    }

    /// Every entry that matches one of `obs`, with the text it matched
    /// and the version read after it.
    pub fn matches<'a>(
        &'a self,
        obs: &Observations,
    ) -> Vec<(&'a Signature, String, Option<String>)> {
        let mut fields: Vec<(Kind, String, String)> = Vec::new();
        let mut add =
            |k: Kind, what: &str, v: &str| fields.push((k, what.to_string(), v.to_string()));
        for t in &obs.tls {
            add(
                Kind::CertSubject,
                &format!("{}/tls subject", t.port),
                &t.subject,
            );
            add(
                Kind::CertIssuer,
                &format!("{}/tls issuer", t.port),
                &t.issuer,
            );
        }
        for h in &obs.http {
            let at = format!("{}/{}", h.port, if h.tls { "https" } else { "http" });
            for (k, v) in [
                (Kind::HttpServer, &h.server),
                (Kind::HttpTitle, &h.title),
                (Kind::HttpRealm, &h.realm),
                (Kind::HttpLocation, &h.location),
            ] {
                if let Some(v) = v {
                    add(k, &at, v);
                }
            }
            add(Kind::HttpLocation, &at, &h.path);
            for m in &h.markers {
                add(Kind::HttpMarker, &at, m);
            }
        }
        for s in &obs.ssh {
            add(Kind::Ssh, &format!("{}/ssh", s.port), &s.banner);
        }
        if let Some(ike) = &obs.ike {
            for v in &ike.vendor_ids {
                add(Kind::IkeVid, &format!("{}/ike", ike.port), v);
            }
        }
        let mut out = Vec::new();
        for e in &self.entries {
            for (k, what, value) in &fields {
                if *k != e.kind {
                    continue;
                }
                let lower = value.to_lowercase();
                let at = if e.kind == Kind::IkeVid {
                    lower.starts_with(&e.pattern).then_some(0)
                } else {
                    lower.find(&e.pattern)
                };
                let Some(at) = at else { continue };
                let version = e.reads_version.then(|| {
                    let rest = &value[(at + e.pattern.len()).min(value.len())..];
                    let v: String = rest
                        .chars()
                        .take_while(|c| {
                            c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_' | '+')
                        })
                        .take(40)
                        .collect();
                    v
                });
                let version = version.filter(|v| v.chars().any(|c| c.is_ascii_digit()));
                let seen = bounded_text(format!("{what}: {value}").as_bytes(), MAX_FIELD_CHARS);
                out.push((e, seen, version));
                break;
            }
        }
        out
    }

    /// What `obs` say the host is: the make and product with the most
    /// (and surest) matching entries; `None` when nothing matched but
    /// protocol features many makes share.
    pub fn identify(&self, obs: &Observations) -> Option<Identification> {
        let mut by: BTreeMap<(String, String), Identification> = BTreeMap::new();
        let mut score: BTreeMap<(String, String), (usize, Confidence)> = BTreeMap::new();
        for (e, seen, version) in self.matches(obs) {
            if e.make == "-" {
                continue;
            }
            let key = (e.make.clone(), e.product.clone());
            let id = by.entry(key.clone()).or_insert_with(|| Identification {
                make: e.make.clone(),
                product: e.product.clone(),
                platform: e.platform.clone(),
                firmware: None,
                confidence: e.confidence,
                evidence: Vec::new(),
            });
            id.confidence = id.confidence.max(e.confidence);
            if id.firmware.is_none() {
                id.firmware = version;
            }
            id.evidence
                .push(format!("{seen} (signatures line {})", e.line));
            let s = score.entry(key).or_insert((0, e.confidence));
            s.0 += 1;
            s.1 = s.1.max(e.confidence);
        }
        // Two independent marks of the same product make a medium one sure.
        for id in by.values_mut() {
            if id.evidence.len() >= 2 && id.confidence == Confidence::Medium {
                id.confidence = Confidence::High;
            }
        }
        let best = score
            .iter()
            .max_by_key(|(_, (n, c))| (*c, *n))
            .map(|(k, _)| k.clone())?;
        by.remove(&best)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bundled_table_loads() {
        let t = Signatures::bundled().unwrap();
        assert!(t.entries.len() >= 30);
        for make in [
            "Fortinet",
            "Cisco",
            "Palo Alto Networks",
            "Ivanti",
            "SonicWall",
            "Citrix",
            "WatchGuard",
            "YAMAHA",
            "NEC",
            "Allied Telesis",
            "Century Systems",
            "strongSwan project",
            "Libreswan project",
        ] {
            assert!(t.entries.iter().any(|e| e.make == make), "{make}");
        }
    }

    #[test]
    fn bad_tables_are_refused_with_their_line() {
        let ok = "date\t2026-12-04\nssh\tOpenSSH_{v}\tx\ty\t-\tlow\t2026-12-04\tsome source\n";
        assert!(Signatures::parse(ok).is_ok());
        for (bad, line) in [
            ("ssh\tx\tx\ty\t-\tlow\t2026-12-04\tsome source\n", 1),
            (
                "date\t2026-12-04\nssh\tx\tx\ty\t-\tsure\t2026-12-04\tsome source\n",
                2,
            ),
            (
                "date\t2026-12-04\nfoo\tx\tx\ty\t-\tlow\t2026-12-04\tsome source\n",
                2,
            ),
            (
                "date\t2026-12-04\nike-vid\tzz\tx\ty\t-\tlow\t2026-12-04\tsome source\n",
                2,
            ),
            (
                "date\t2026-12-04\nssh\tx\tx\ty\t-\tlow\t2026-13-04\tsome source\n",
                2,
            ),
            ("date\t2026-12-04\nssh\tx\tx\ty\t-\tlow\t2026-12-04\t\n", 2),
            (
                "date\t2026-12-04\nssh\t{v}x\tx\ty\t-\tlow\t2026-12-04\tsome source\n",
                2,
            ),
            ("date\tsoon\n", 1),
        ] {
            assert_eq!(Signatures::parse(bad).unwrap_err().line, line, "{bad}");
        }
    }
}
