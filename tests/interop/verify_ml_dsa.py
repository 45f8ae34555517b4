"""Verifies the ML-DSA tokens this project signs (target/interop/ml_dsa.json, written by
`cargo test --test ml_dsa`) with Python `cryptography` (50.0.2, OpenSSL's ML-DSA), an
independent implementation: pure ML-DSA with the empty context (draft-ietf-cose-dilithium),
the key read both from the SPKI PEM and from the AKP JWK's `pub`; each token also with one
signature bit flipped, which must fail."""

import base64
import json
import pathlib
import sys

import cryptography
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import mldsa

SIGNED = pathlib.Path(__file__).resolve().parents[2] / "target" / "interop" / "ml_dsa.json"
PUBLIC = {
    "ML-DSA-44": mldsa.MLDSA44PublicKey,
    "ML-DSA-65": mldsa.MLDSA65PublicKey,
    "ML-DSA-87": mldsa.MLDSA87PublicKey,
}


def b64url(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def main() -> int:
    cases = json.loads(SIGNED.read_text())
    passed = failed = 0
    for case in cases:
        alg = case["alg"]
        head, payload, signature = case["token"].split(".")
        signed = f"{head}.{payload}".encode()
        sig = b64url(signature)
        assert json.loads(b64url(head))["alg"] == alg
        from_pem = serialization.load_pem_public_key(case["spki-pem"].encode())
        from_jwk = PUBLIC[alg].from_public_bytes(b64url(case["jwk"]["pub"]))
        assert isinstance(from_pem, PUBLIC[alg]), type(from_pem)
        for name, key in [("SPKI", from_pem), ("JWK", from_jwk)]:
            try:
                key.verify(sig, signed)
                passed += 1
            except InvalidSignature:
                print(f"FAIL {alg} ({name}): cryptography rejects our token")
                failed += 1
            flipped = bytearray(sig)
            flipped[0] ^= 1
            try:
                key.verify(bytes(flipped), signed)
                print(f"FAIL {alg} ({name}): cryptography accepts a flipped signature")
                failed += 1
            except InvalidSignature:
                passed += 1
    print(f"cryptography {cryptography.__version__} verified {len(cases)} ML-DSA tokens and their flipped twins")
    print(f"ml-dsa: {passed} passed, {failed} failed")
    return 1 if failed or not cases else 0


if __name__ == "__main__":
    sys.exit(main())
