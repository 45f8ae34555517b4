//! ML-DSA (FIPS 204) with RustCrypto's `ml-dsa`: verification with the empty context the JOSE
//! draft (draft-ietf-cose-dilithium) uses, deterministic signing, and private keys from a seed
//! or an expanded key. Only the worker runs this: the page hands ML-DSA checks to it.

use std::fmt;

use ml_dsa::{
    EncodedVerifyingKey, ExpandedSigningKey, ExpandedSigningKeyBytes, MlDsa44, MlDsa65, MlDsa87,
    MlDsaParams, Signature, SigningKey, VerifyingKey,
};
use sha3::digest::{ExtendableOutput, Update, XofReader};
use zeroize::Zeroizing;

use super::alg::MlDsaSet;
use super::key::ml_dsa::MlDsaPublic;

/// Whether `signature` is `key`'s ML-DSA signature over `input`, with the empty context.
pub fn verify(key: &MlDsaPublic, input: &[u8], signature: &[u8]) -> bool {
    match key.set() {
        MlDsaSet::MlDsa44 => verify_with::<MlDsa44>(key.bytes(), input, signature),
        MlDsaSet::MlDsa65 => verify_with::<MlDsa65>(key.bytes(), input, signature),
        MlDsaSet::MlDsa87 => verify_with::<MlDsa87>(key.bytes(), input, signature),
    }
}

fn verify_with<P: MlDsaParams>(public: &[u8], input: &[u8], signature: &[u8]) -> bool {
    let Ok(encoded) = EncodedVerifyingKey::<P>::try_from(public) else {
        return false;
    };
    let Ok(signature) = Signature::<P>::try_from(signature) else {
        return false;
    };
    VerifyingKey::<P>::decode(&encoded).verify_with_context(input, &[], &signature)
}

/// An ML-DSA private key: the expanded key, and the 32-byte seed it came from when known (an
/// expanded key alone has none). `Debug` prints neither.
#[derive(Clone)]
pub struct MlDsaPrivate {
    set: MlDsaSet,
    seed: Option<Zeroizing<[u8; 32]>>,
    key: Expanded,
}

#[derive(Clone)]
enum Expanded {
    MlDsa44(Box<ExpandedSigningKey<MlDsa44>>),
    MlDsa65(Box<ExpandedSigningKey<MlDsa65>>),
    MlDsa87(Box<ExpandedSigningKey<MlDsa87>>),
}

impl fmt::Debug for MlDsaPrivate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "MlDsaPrivate({})", self.set.name())
    }
}

impl MlDsaPrivate {
    /// The key `ML-DSA.KeyGen_internal` makes from a 32-byte seed (FIPS 204 Algorithm 6).
    pub fn from_seed(set: MlDsaSet, seed: &[u8; 32]) -> MlDsaPrivate {
        let xi = ml_dsa::Seed::from(*seed);
        let key = match set {
            MlDsaSet::MlDsa44 => Expanded::MlDsa44(Box::new(expanded_of::<MlDsa44>(&xi))),
            MlDsaSet::MlDsa65 => Expanded::MlDsa65(Box::new(expanded_of::<MlDsa65>(&xi))),
            MlDsaSet::MlDsa87 => Expanded::MlDsa87(Box::new(expanded_of::<MlDsa87>(&xi))),
        };
        MlDsaPrivate {
            set,
            seed: Some(Zeroizing::new(*seed)),
            key,
        }
    }

    /// A key from its expanded form (`skEncode`, FIPS 204 Algorithm 24) alone. It is checked
    /// before use: every s1 and s2 coefficient in range (the decoder would panic otherwise),
    /// the encoding canonical, and `tr` the hash of the public key the key makes.
    pub fn from_expanded(set: MlDsaSet, bytes: &[u8]) -> Result<MlDsaPrivate, String> {
        if bytes.len() != set.expanded_key_len() {
            return Err(format!(
                "an {} expanded key is {} bytes, not {}",
                set.name(),
                set.expanded_key_len(),
                bytes.len()
            ));
        }
        if !secrets_in_range(set, bytes) {
            return Err(format!(
                "the {} expanded key's s1 or s2 has a coefficient out of range",
                set.name()
            ));
        }
        let key = match set {
            MlDsaSet::MlDsa44 => Expanded::MlDsa44(Box::new(decode_expanded::<MlDsa44>(bytes)?)),
            MlDsaSet::MlDsa65 => Expanded::MlDsa65(Box::new(decode_expanded::<MlDsa65>(bytes)?)),
            MlDsaSet::MlDsa87 => Expanded::MlDsa87(Box::new(decode_expanded::<MlDsa87>(bytes)?)),
        };
        let private = MlDsaPrivate {
            set,
            seed: None,
            key,
        };
        if private.expanded().as_slice() != bytes {
            return Err("the expanded key is not canonically encoded".to_owned());
        }
        let tr = bytes.get(64..128).unwrap_or_default();
        if shake256_64(private.public().bytes()) != tr {
            return Err(
                "the expanded key's tr is not the hash of its public key: the key is inconsistent"
                    .to_owned(),
            );
        }
        // `tr` covers the public key made from s1 and s2, not t0, which any 13-bit values
        // encode: a t0 that is not the key's signs tokens its own public key rejects. One
        // signature, checked, catches that (a t0 off by a little may still sign tokens that
        // verify, which is all that matters here).
        let probe = b"ML-DSA expanded key self-check";
        let signed = private.sign(probe)?;
        if !verify(&private.public(), probe, &signed) {
            return Err(format!(
                "the {} expanded key signs what its own public key does not verify (its t0 is not the key's)",
                set.name()
            ));
        }
        Ok(private)
    }

    /// The parameter set.
    pub fn set(&self) -> MlDsaSet {
        self.set
    }

    /// The 32-byte seed, when the key came from one.
    pub fn seed(&self) -> Option<&[u8; 32]> {
        self.seed.as_deref()
    }

    /// The expanded private key (`skEncode`).
    pub fn expanded(&self) -> Zeroizing<Vec<u8>> {
        #[allow(deprecated)] // the form is still one PKCS#8 carries (LAMPS key-format draft)
        let bytes = match &self.key {
            Expanded::MlDsa44(key) => key.to_expanded().to_vec(),
            Expanded::MlDsa65(key) => key.to_expanded().to_vec(),
            Expanded::MlDsa87(key) => key.to_expanded().to_vec(),
        };
        Zeroizing::new(bytes)
    }

    /// The public key.
    pub fn public(&self) -> MlDsaPublic {
        let bytes = match &self.key {
            Expanded::MlDsa44(key) => key.verifying_key().encode().to_vec(),
            Expanded::MlDsa65(key) => key.verifying_key().encode().to_vec(),
            Expanded::MlDsa87(key) => key.verifying_key().encode().to_vec(),
        };
        // `pkEncode` writes exactly the set's length.
        MlDsaPublic::from_encoder(self.set, bytes)
    }

    /// The deterministic ML-DSA signature over `input` with the empty context (FIPS 204
    /// Algorithm 2 with rnd = 0³²).
    pub fn sign(&self, input: &[u8]) -> Result<Vec<u8>, String> {
        let failed = |err: ml_dsa::Error| format!("the ML-DSA signature could not be made ({err})");
        match &self.key {
            Expanded::MlDsa44(key) => key
                .sign_deterministic(input, &[])
                .map(|s| s.encode().to_vec()),
            Expanded::MlDsa65(key) => key
                .sign_deterministic(input, &[])
                .map(|s| s.encode().to_vec()),
            Expanded::MlDsa87(key) => key
                .sign_deterministic(input, &[])
                .map(|s| s.encode().to_vec()),
        }
        .map_err(failed)
    }
}

fn expanded_of<P: MlDsaParams>(seed: &ml_dsa::Seed) -> ExpandedSigningKey<P> {
    SigningKey::<P>::from_seed(seed).expanded_key().clone()
}

fn decode_expanded<P: MlDsaParams>(bytes: &[u8]) -> Result<ExpandedSigningKey<P>, String> {
    let encoded = ExpandedSigningKeyBytes::<P>::try_from(bytes)
        .map_err(|_| "the expanded key has the wrong length".to_owned())?;
    #[allow(deprecated)] // checked first by `secrets_in_range`, so the decoder cannot panic
    Ok(ExpandedSigningKey::<P>::from_expanded(&encoded))
}

/// Whether every coefficient of s1 and s2 in an expanded key is at most 2η (FIPS 204 §7.2,
/// `skDecode` with `BitUnpack(…, η, η)`): 3 bits each for η = 2, 4 bits for η = 4.
fn secrets_in_range(set: MlDsaSet, bytes: &[u8]) -> bool {
    let (eta, bits, l, k): (u32, usize, usize, usize) = match set {
        MlDsaSet::MlDsa44 => (2, 3, 4, 4),
        MlDsaSet::MlDsa65 => (4, 4, 5, 6),
        MlDsaSet::MlDsa87 => (2, 3, 7, 8),
    };
    // ρ (32), K (32), tr (64), then s1 and s2: 256 coefficients per polynomial.
    let start = 128;
    let len = (l + k) * 256 * bits / 8;
    let Some(packed) = bytes.get(start..start + len) else {
        return false;
    };
    let mask = (1u32 << bits) - 1;
    let mut acc: u32 = 0;
    let mut held = 0usize;
    for &byte in packed {
        acc |= u32::from(byte) << held;
        held += 8;
        while held >= bits {
            if acc & mask > 2 * eta {
                return false;
            }
            acc >>= bits;
            held -= bits;
        }
    }
    true
}

/// SHAKE256 with 64 bytes of output: `tr = H(pk, 64)` (FIPS 204 Algorithm 6).
fn shake256_64(data: &[u8]) -> [u8; 64] {
    let mut hasher = sha3::Shake256::default();
    hasher.update(data);
    let mut out = [0u8; 64];
    hasher.finalize_xof().read(&mut out);
    out
}
