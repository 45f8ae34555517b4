"""Keys generated here (target/interop/keys.json, written by `cargo test --test keygen`) parse
in the `cryptography` package: each private PEM's public half equals the public PEM written
beside it, and PyJWT verifies the token each key signed, from the PEM and from the JWK."""

import json
import pathlib
import sys

import jwt
from cryptography.hazmat.primitives import serialization

KEYS = pathlib.Path(__file__).resolve().parents[2] / "target" / "interop" / "keys.json"


def check(case: dict) -> None:
    alg, token = case["alg"], case["token"]
    if case["private_pem"]:
        private = serialization.load_pem_private_key(case["private_pem"].encode(), password=None)
        public_pem = private.public_key().public_bytes(
            serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
        )
        assert public_pem.decode().strip() == case["public_pem"].strip(), "public halves differ"
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
