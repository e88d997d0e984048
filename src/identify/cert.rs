//! An X.509 certificate (DER, as a TLS server sent it) to a [`TlsSeen`].

use chrono::{DateTime, Utc};
use sha2::{Digest, Sha256};
use x509_parser::prelude::{FromDer, X509Certificate};
use x509_parser::public_key::PublicKey;

use super::observe::TlsSeen;
use super::{bounded_text, MAX_FIELD_CHARS};

/// A certificate that could not be read.
#[derive(Debug, thiserror::Error)]
#[error("certificate not readable: {0}")]
pub struct CertError(String);

/// Reads the fields koseizu keeps from a DER certificate seen on `port`.
pub fn parse(port: u16, der: &[u8]) -> Result<TlsSeen, CertError> {
    let (_, cert) = X509Certificate::from_der(der).map_err(|e| CertError(e.to_string()))?;
    let tbs = &cert.tbs_certificate;
    let name = |n: &x509_parser::x509::X509Name<'_>| {
        let s = n.to_string();
        bounded_text(s.as_bytes(), MAX_FIELD_CHARS)
    };
    let time = |t: &x509_parser::time::ASN1Time| DateTime::<Utc>::from_timestamp(t.timestamp(), 0);
    let serial: String = tbs
        .raw_serial()
        .iter()
        .take(40)
        .map(|b| format!("{b:02x}"))
        .collect();
    let key = match tbs.subject_pki.parsed() {
        Ok(PublicKey::RSA(rsa)) => format!("RSA {}", rsa.key_size()),
        Ok(PublicKey::EC(ec)) => {
            let curve = tbs
                .subject_pki
                .algorithm
                .parameters
                .as_ref()
                .and_then(|p| p.as_oid().ok())
                .map(|oid| match oid.to_id_string().as_str() {
                    "1.2.840.10045.3.1.7" => "P-256".to_string(),
                    "1.3.132.0.34" => "P-384".to_string(),
                    "1.3.132.0.35" => "P-521".to_string(),
                    other => other.to_string(),
                })
                .unwrap_or_else(|| format!("{} bits", ec.key_size()));
            format!("EC {curve}")
        }
        Ok(PublicKey::DSA(_)) => "DSA".to_string(),
        _ => match tbs.subject_pki.algorithm.algorithm.to_id_string().as_str() {
            "1.3.101.112" => "Ed25519".to_string(),
            "1.3.101.113" => "Ed448".to_string(),
            other => bounded_text(other.as_bytes(), 40),
        },
    };
    let sha256 = Sha256::digest(der)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    Ok(TlsSeen {
        port,
        subject: name(&tbs.subject),
        issuer: name(&tbs.issuer),
        serial,
        not_before: time(&tbs.validity.not_before),
        not_after: time(&tbs.validity.not_after),
        self_signed: tbs.subject.as_raw() == tbs.issuer.as_raw(),
        key,
        sha256,
        protocol: None,
    })
}

/// True if the certificate had expired at `now`.
pub fn expired(t: &TlsSeen, now: DateTime<Utc>) -> bool {
    t.not_after.is_some_and(|end| end < now)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn garbage_is_an_error_not_a_panic() {
        assert!(parse(443, b"").is_err());
        assert!(parse(443, &[0x30, 0x82, 0xff, 0xff, 0x00]).is_err());
        let mut x = vec![0x30u8, 0x80];
        x.extend(std::iter::repeat(0x30).take(10_000));
        assert!(parse(443, &x).is_err());
    }
}
