//! Content decryption (RFC 7518 §5): AES-GCM, and AES-CBC with HMAC-SHA-2, whose tag is checked
//! before anything is decrypted.

use aes_gcm::aead::{Aead, Payload};
use aes_gcm::{Aes128Gcm, Aes256Gcm, AesGcm, KeyInit, Nonce};
use cbc::cipher::block_padding::Pkcs7;
use cbc::cipher::{BlockModeDecrypt, KeyIvInit};
use hmac::{Hmac, Mac};
use sha2::{Sha256, Sha384, Sha512};

use super::alg::{AesSize, EncAlg};

type Aes192Gcm = AesGcm<aes::Aes192, aes_gcm::aead::consts::U12>;

/// Why the content did not decrypt. Deliberately coarse: a wrong key and an altered token look
/// the same, so the page is no oracle.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TagMismatch;

/// Decrypts and authenticates `ciphertext` with the CEK; `aad` is the additional authenticated
/// data (the protected header's base64url text, and `.aad` for JSON with `aad`).
pub fn decrypt(
    enc: EncAlg,
    cek: &[u8],
    iv: &[u8],
    ciphertext: &[u8],
    tag: &[u8],
    aad: &[u8],
) -> Result<Vec<u8>, TagMismatch> {
    if cek.len() != enc.key_len() || iv.len() != enc.iv_len() || tag.len() != enc.tag_len() {
        return Err(TagMismatch);
    }
    match enc {
        EncAlg::AesGcm(_) => gcm_open(cek, iv, ciphertext, tag, aad),
        EncAlg::AesCbcHs(size) => {
            let (mac_key, enc_key) = cek.split_at(size.bytes());
            // AL: the AAD's length in bits, as a 64-bit big-endian number (RFC 7518 §5.2.2.1).
            let aad_bits = (aad.len() as u64).saturating_mul(8).to_be_bytes();
            let input = [aad, iv, ciphertext, &aad_bits];
            let authentic = match size {
                AesSize::Aes128 => check_tag::<Hmac<Sha256>>(mac_key, &input, tag),
                AesSize::Aes192 => check_tag::<Hmac<Sha384>>(mac_key, &input, tag),
                AesSize::Aes256 => check_tag::<Hmac<Sha512>>(mac_key, &input, tag),
            };
            if !authentic {
                return Err(TagMismatch);
            }
            match size {
                AesSize::Aes128 => cbc_decrypt::<aes::Aes128>(enc_key, iv, ciphertext),
                AesSize::Aes192 => cbc_decrypt::<aes::Aes192>(enc_key, iv, ciphertext),
                AesSize::Aes256 => cbc_decrypt::<aes::Aes256>(enc_key, iv, ciphertext),
            }
        }
    }
}

/// The tag is the first half of the HMAC over the inputs, compared in constant time.
fn check_tag<M: Mac + hmac::KeyInit>(key: &[u8], input: &[&[u8]], tag: &[u8]) -> bool {
    let Ok(mut mac) = <M as hmac::KeyInit>::new_from_slice(key) else {
        return false;
    };
    for part in input {
        mac.update(part);
    }
    mac.verify_truncated_left(tag).is_ok()
}

fn cbc_decrypt<C>(key: &[u8], iv: &[u8], ciphertext: &[u8]) -> Result<Vec<u8>, TagMismatch>
where
    C: cbc::cipher::BlockCipherDecrypt + cbc::cipher::KeyInit,
    cbc::Decryptor<C>: KeyIvInit + BlockModeDecrypt,
{
    cbc::Decryptor::<C>::new_from_slices(key, iv)
        .map_err(|_| TagMismatch)?
        .decrypt_padded_vec::<Pkcs7>(ciphertext)
        .map_err(|_| TagMismatch)
}

/// Encrypts `plaintext` with the CEK and IV; the ciphertext and the authentication tag.
pub fn encrypt(
    enc: EncAlg,
    cek: &[u8],
    iv: &[u8],
    plaintext: &[u8],
    aad: &[u8],
) -> Option<(Vec<u8>, Vec<u8>)> {
    use cbc::cipher::BlockModeEncrypt;
    if cek.len() != enc.key_len() || iv.len() != enc.iv_len() {
        return None;
    }
    match enc {
        EncAlg::AesGcm(_) => gcm_seal(cek, iv, plaintext, aad),
        EncAlg::AesCbcHs(size) => {
            let (mac_key, enc_key) = cek.split_at(size.bytes());
            let ciphertext = match size {
                AesSize::Aes128 => cbc::Encryptor::<aes::Aes128>::new_from_slices(enc_key, iv)
                    .ok()?
                    .encrypt_padded_vec::<Pkcs7>(plaintext),
                AesSize::Aes192 => cbc::Encryptor::<aes::Aes192>::new_from_slices(enc_key, iv)
                    .ok()?
                    .encrypt_padded_vec::<Pkcs7>(plaintext),
                AesSize::Aes256 => cbc::Encryptor::<aes::Aes256>::new_from_slices(enc_key, iv)
                    .ok()?
                    .encrypt_padded_vec::<Pkcs7>(plaintext),
            };
            let aad_bits = (aad.len() as u64).saturating_mul(8).to_be_bytes();
            let input = [aad, iv, &ciphertext[..], &aad_bits];
            let mut tag = match size {
                AesSize::Aes128 => full_mac::<Hmac<Sha256>>(mac_key, &input)?,
                AesSize::Aes192 => full_mac::<Hmac<Sha384>>(mac_key, &input)?,
                AesSize::Aes256 => full_mac::<Hmac<Sha512>>(mac_key, &input)?,
            };
            tag.truncate(enc.tag_len());
            Some((ciphertext, tag))
        }
    }
}

fn full_mac<M: Mac + hmac::KeyInit>(key: &[u8], input: &[&[u8]]) -> Option<Vec<u8>> {
    let mut mac = <M as hmac::KeyInit>::new_from_slice(key).ok()?;
    for part in input {
        mac.update(part);
    }
    Some(mac.finalize().into_bytes().to_vec())
}

/// AES-GCM (128, 192 or 256-bit key by its length) opening `ciphertext` with its 16-byte `tag`:
/// the content cipher, and the AES-GCM key wrap's.
pub fn gcm_open(
    key: &[u8],
    iv: &[u8],
    ciphertext: &[u8],
    tag: &[u8],
    aad: &[u8],
) -> Result<Vec<u8>, TagMismatch> {
    let nonce = Nonce::try_from(iv).map_err(|_| TagMismatch)?;
    let sealed = [ciphertext, tag].concat();
    let payload = Payload { msg: &sealed, aad };
    match key.len() {
        16 => Aes128Gcm::new_from_slice(key)
            .map_err(|_| TagMismatch)?
            .decrypt(&nonce, payload),
        24 => Aes192Gcm::new_from_slice(key)
            .map_err(|_| TagMismatch)?
            .decrypt(&nonce, payload),
        32 => Aes256Gcm::new_from_slice(key)
            .map_err(|_| TagMismatch)?
            .decrypt(&nonce, payload),
        _ => return Err(TagMismatch),
    }
    .map_err(|_| TagMismatch)
}

/// AES-GCM sealing `plaintext`: the ciphertext and the 16-byte tag.
pub fn gcm_seal(key: &[u8], iv: &[u8], plaintext: &[u8], aad: &[u8]) -> Option<(Vec<u8>, Vec<u8>)> {
    let nonce = Nonce::try_from(iv).ok()?;
    let payload = Payload {
        msg: plaintext,
        aad,
    };
    let mut sealed = match key.len() {
        16 => Aes128Gcm::new_from_slice(key)
            .ok()?
            .encrypt(&nonce, payload),
        24 => Aes192Gcm::new_from_slice(key)
            .ok()?
            .encrypt(&nonce, payload),
        32 => Aes256Gcm::new_from_slice(key)
            .ok()?
            .encrypt(&nonce, payload),
        _ => return None,
    }
    .ok()?;
    let tag = sealed.split_off(sealed.len().checked_sub(16)?);
    Some((sealed, tag))
}
