"""Decrypts the tokens this project encrypts (target/interop/encrypted.json, written by
`cargo test --test jwe_encrypt`) with jwcrypto, an independent implementation; each also with
one tag bit flipped, which must fail."""

import base64
import json
import pathlib
import sys

from jwcrypto import jwe, jwk

ENCRYPTED = pathlib.Path(__file__).resolve().parents[2] / "target" / "interop" / "encrypted.json"
ALGS = ["dir", "A128KW", "A192KW", "A256KW", "A128GCMKW", "A192GCMKW", "A256GCMKW", "RSA-OAEP",
        "RSA-OAEP-256", "ECDH-ES", "ECDH-ES+A128KW", "ECDH-ES+A192KW", "ECDH-ES+A256KW",
        "PBES2-HS256+A128KW", "PBES2-HS384+A192KW", "PBES2-HS512+A256KW",
        "A128GCM", "A192GCM", "A256GCM", "A128CBC-HS256", "A192CBC-HS384", "A256CBC-HS512"]


def key_of(text: str) -> jwk.JWK:
    if text.startswith("{"):
        return jwk.JWK.from_json(text)
    if text.startswith("-----BEGIN"):
        return jwk.JWK.from_pem(text.encode())
    return jwk.JWK.from_password(text)


def flip_tag(token: str) -> str:
    *rest, tag = token.split(".")
    raw = bytearray(base64.urlsafe_b64decode(tag + "=" * (-len(tag) % 4)))
    raw[0] ^= 1
    return ".".join([*rest, base64.urlsafe_b64encode(bytes(raw)).rstrip(b"=").decode()])


def decrypt(token: str, key: jwk.JWK) -> bytes:
    opened = jwe.JWE(algs=ALGS)
    opened.deserialize(token, key=key)
    return opened.payload


def main() -> int:
    cases = json.loads(ENCRYPTED.read_text())
    passed = failed = 0
    for case in cases:
        key = key_of(case["key"])
        try:
            assert decrypt(case["token"], key) == b"Encrypted by the JWT debugger."
            passed += 1
        except Exception as err:  # noqa: BLE001 - report every failure, keep going
            print(f"FAIL {case['name']}: jwcrypto cannot decrypt our token: {err!r}")
            failed += 1
        try:
            decrypt(flip_tag(case["token"]), key)
            print(f"FAIL {case['name']}: jwcrypto accepts a flipped tag")
            failed += 1
        except Exception:  # noqa: BLE001 - any refusal is right
            passed += 1
    print(f"jwcrypto: {passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
