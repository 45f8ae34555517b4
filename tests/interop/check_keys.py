"""Keys generated here (target/interop/keys.json, written by `cargo test --test keygen`) parse
in the `cryptography` package: each private PEM's public half equals the public PEM written
beside it, and PyJWT verifies the token each key signed, from the PEM and from the JWK. PyJWT
2.10.1 has no ML-DSA: an ML-DSA key's token is verified by `cryptography` itself, from the PEM
and from the JWK's `pub`."""

import json
import pathlib
import sys

import jwt
from cryptography.hazmat.primitives import serialization
from verify_ml_dsa import PUBLIC as ML_DSA, b64url  # beside this file

KEYS = pathlib.Path(__file__).resolve().parents[2] / "target" / "interop" / "keys.json"


def check_ml_dsa(case: dict) -> None:
    """The token verifies with the public PEM and with the JWK's `pub` (cryptography raises
    InvalidSignature otherwise), and the private JWK's `pub` is the PEM's key."""
    alg = case["alg"]
    head, payload, signature = case["token"].split(".")
    signed, sig = f"{head}.{payload}".encode(), b64url(signature)
    from_pem = serialization.load_pem_public_key(case["public_pem"].encode())
    assert isinstance(from_pem, ML_DSA[alg]), type(from_pem)
    from_jwk = ML_DSA[alg].from_public_bytes(b64url(case["private_jwk"]["pub"]))
    assert from_jwk.public_bytes_raw() == from_pem.public_bytes_raw(), "the JWK's pub is another key"
    for key in (from_pem, from_jwk):
        key.verify(sig, signed)


def check(case: dict) -> None:
    alg, token = case["alg"], case["token"]
    if case["private_pem"]:
        private = serialization.load_pem_private_key(case["private_pem"].encode(), password=None)
        public_pem = private.public_key().public_bytes(
            serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
        )
        assert public_pem.decode().strip() == case["public_pem"].strip(), "public halves differ"
        if alg in ML_DSA:
            check_ml_dsa(case)
            return
        jwt.decode(token, case["public_pem"], algorithms=[alg])
    jwt.PyJWK(case["private_jwk"], algorithm=alg)  # the private JWK loads
    private_members = {"d", "p", "q", "dp", "dq", "qi"}
    public_jwk = {k: v for k, v in case["private_jwk"].items() if k not in private_members}
    jwt.decode(token, jwt.PyJWK(public_jwk, algorithm=alg), algorithms=[alg])


def main() -> int:
    cases = json.loads(KEYS.read_text())
    passed = failed = 0
    for case in cases:
        try:
            check(case)
            passed += 1
        except Exception as err:  # noqa: BLE001 - report every failure, keep going
            print(f"FAIL {case['kind']}: {err!r}")
            failed += 1
    print(f"cryptography and PyJWT read {len(cases)} generated keys")
    print(f"keys: {passed} passed, {failed} failed")
    return 1 if failed or not cases else 0


if __name__ == "__main__":
    sys.exit(main())
