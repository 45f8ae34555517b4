//! One X.509 certificate read for chain checks: what is shown of it, and what its links need
//! (the exact signed bytes, the names as DER, the constraints, the key).

use der::asn1::{AnyRef, ObjectIdentifier};
use der::{Decode, Encode, SliceReader};
use sha2::{Digest, Sha256};
use x509_cert::ext::pkix::{BasicConstraints, KeyUsage};

use super::{CertificateDetails, EntryError};
use crate::jose::key::{name, pem, rsa_key, Key, KeyEntry};

/// Extensions whose meaning this page honours or may ignore without changing the verdict; any
/// other critical extension (name or policy constraints, …) fails the certificate, as RFC 5280
/// §4.2 asks of a verifier that does not process it.
const HANDLED_EXTENSIONS: [ObjectIdentifier; 7] = [
    ObjectIdentifier::new_unwrap("2.5.29.19"), // basicConstraints
    ObjectIdentifier::new_unwrap("2.5.29.15"), // keyUsage
    ObjectIdentifier::new_unwrap("2.5.29.37"), // extKeyUsage: an application's rule
    ObjectIdentifier::new_unwrap("2.5.29.17"), // subjectAltName: no host name to match here
    ObjectIdentifier::new_unwrap("2.5.29.14"), // subjectKeyIdentifier
    ObjectIdentifier::new_unwrap("2.5.29.35"), // authorityKeyIdentifier
    ObjectIdentifier::new_unwrap("2.5.29.32"), // certificatePolicies: any policy is accepted
];

/// A parsed certificate with everything its links are checked with.
#[derive(Clone, Debug, PartialEq)]
pub(super) struct Parsed {
    pub der: Vec<u8>,
    /// The TBSCertificate exactly as received: what the issuer signed.
    pub tbs: Vec<u8>,
    pub subject_der: Vec<u8>,
    pub issuer_der: Vec<u8>,
    /// The outer signatureAlgorithm, and whether the TBS's copy is identical (RFC 5280
    /// §4.1.1.2 requires it).
    pub algorithm: x509_cert::spki::AlgorithmIdentifierOwned,
    pub algorithms_agree: bool,
    /// `None` when the BIT STRING has unused bits, which no signature has.
    pub signature: Option<Vec<u8>>,
    pub basic_constraints: Option<BasicConstraints>,
    pub key_usage: Option<KeyUsage>,
    /// The first critical extension this page does not process, dotted.
    pub unhandled_critical: Option<String>,
    pub key: Result<KeyEntry, String>,
    pub details: CertificateDetails,
}

impl Parsed {
    /// Reads a DER certificate; a certificate whose key is not usable still parses (its
    /// details say why), so the chain around it can be shown.
    pub fn from_der(der: &[u8]) -> Result<Parsed, EntryError> {
        let not_der = |err: der::Error| EntryError::NotDer {
            detail: err.to_string(),
        };
        let cert = x509_cert::Certificate::from_der(der).map_err(not_der)?;
        let tbs_bytes = raw_tbs(der).map_err(not_der)?;
        let tbs = cert.tbs_certificate();
        let basic_constraints = tbs
            .get_extension::<BasicConstraints>()
            .map_err(|err| EntryError::Extension {
                name: "basicConstraints",
                detail: err.to_string(),
            })?
            .map(|(_, value)| value);
        let key_usage = tbs
            .get_extension::<KeyUsage>()
            .map_err(|err| EntryError::Extension {
                name: "keyUsage",
                detail: err.to_string(),
            })?
            .map(|(_, value)| value);
        let unhandled_critical = tbs
            .extensions()
            .into_iter()
            .flatten()
            .find(|ext| ext.critical && !HANDLED_EXTENSIONS.contains(&ext.extn_id))
            .map(|ext| ext.extn_id.to_string());
        let subject_der = tbs.subject().to_der().map_err(not_der)?;
        let issuer_der = tbs.issuer().to_der().map_err(not_der)?;
        // The key box's reader names the key, or says why it cannot be used.
        let key = pem::certificate(der);
        let validity = tbs.validity();
        let seconds = |time: x509_cert::time::Time| {
            i64::try_from(time.to_unix_duration().as_secs()).unwrap_or(i64::MAX)
        };
        let details = CertificateDetails {
            subject: name::rfc4514(tbs.subject()),
            issuer: name::rfc4514(tbs.issuer()),
            serial: colon_hex(tbs.serial_number().as_bytes()),
            not_before: seconds(validity.not_before),
            not_after: seconds(validity.not_after),
            key: key
                .as_ref()
                .map(|entry| key_name(&entry.key))
                .map_err(Clone::clone),
            signature_algorithm: super::signature::name(&cert.signature_algorithm().oid),
            sha256: colon_hex(&Sha256::digest(der)),
            is_ca: basic_constraints.as_ref().is_some_and(|bc| bc.ca),
            path_len: basic_constraints
                .as_ref()
                .and_then(|bc| bc.path_len_constraint),
            self_issued: subject_der == issuer_der,
        };
        Ok(Parsed {
            der: der.to_vec(),
            tbs: tbs_bytes,
            algorithms_agree: tbs.signature() == cert.signature_algorithm(),
            algorithm: cert.signature_algorithm().clone(),
            signature: cert.signature().as_bytes().map(<[u8]>::to_vec),
            subject_der,
            issuer_der,
            basic_constraints,
            key_usage,
            unhandled_critical,
            key,
            details,
        })
    }

    /// Why this certificate may not sign others: RFC 5280 §4.2.1.9 (cA) and §4.2.1.3
    /// (keyCertSign, when key usage is present).
    pub fn not_a_ca(&self) -> Option<super::NotCa> {
        match &self.basic_constraints {
            None => Some(super::NotCa::NoBasicConstraints),
            Some(bc) if !bc.ca => Some(super::NotCa::CaFalse),
            Some(_) if self.key_usage.is_some_and(|usage| !usage.key_cert_sign()) => {
                Some(super::NotCa::NoKeyCertSign)
            }
            Some(_) => None,
        }
    }
}

/// The TBSCertificate's bytes as received (not re-encoded): the first element of the outer
/// SEQUENCE.
fn raw_tbs(der: &[u8]) -> der::Result<Vec<u8>> {
    let outer = AnyRef::from_der(der)?;
    let mut reader = SliceReader::new(outer.value())?;
    let tbs = AnyRef::decode(&mut reader)?;
    let len = usize::try_from(tbs.encoded_len()?)?;
    Ok(outer.value().get(..len).unwrap_or_default().to_vec())
}

/// "RSA 2048-bit", "EC P-256", "Ed25519".
pub(super) fn key_name(key: &Key) -> String {
    match key {
        Key::Rsa(rsa) => format!("RSA {}-bit", rsa_key::modulus_bits(rsa)),
        Key::Ec(ec) => format!("EC {}", ec.curve().jwk_name()),
        Key::Ed25519(_) => "Ed25519".to_owned(),
        Key::MlDsa(key) => key.set().name().to_owned(),
        Key::Ed448(_) => "Ed448".to_owned(),
        Key::Secret(_) => "a secret".to_owned(),
    }
}

/// Upper-case hex with colons, as browsers show fingerprints and serial numbers.
fn colon_hex(bytes: &[u8]) -> String {
    bytes
        .iter()
        .map(|byte| format!("{byte:02X}"))
        .collect::<Vec<_>>()
        .join(":")
}

/// The DER of every `CERTIFICATE` block in the text, in order; other blocks are skipped.
pub(super) fn certificate_blocks(text: &str) -> Vec<Vec<u8>> {
    const BEGIN: &str = "-----BEGIN CERTIFICATE-----";
    const END: &str = "-----END CERTIFICATE-----";
    let mut found = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find(BEGIN) {
        let from_begin = rest.get(start..).unwrap_or_default();
        let Some(end) = from_begin.find(END) else {
            break;
        };
        let block = from_begin.get(..end + END.len()).unwrap_or_default();
        if let Ok((_, der)) = der::pem::decode_vec(block.as_bytes()) {
            found.push(der);
        }
        rest = from_begin.get(end + END.len()..).unwrap_or_default();
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colon_hex_is_upper_case_pairs() {
        assert_eq!(colon_hex(&[0x0a, 0xff, 0x00]), "0A:FF:00");
        assert_eq!(colon_hex(&[]), "");
    }

    #[test]
    fn raw_tbs_refuses_what_is_not_a_sequence() {
        assert!(raw_tbs(&[0x02, 0x01, 0x00]).is_err());
        assert!(raw_tbs(&[]).is_err());
    }
}
