"""Reads what this project makes with Ed448 and X448 with jwcrypto, an independent
implementation: the tokens signed here (target/interop/ed448_signed.json, written by
`cargo test --test ed448`; `alg` EdDSA with an Ed448 key, and the fully specified Ed448) must
verify with the public JWK, and not with one signature bit flipped; the X448 ECDH-ES JWEs made
here (target/interop/x448_encrypted.json, written by `cargo test --test x448`) must decrypt with
the private JWK, and not with one tag bit flipped."""

import base64
import json
import pathlib
import sys

from jwcrypto import jwe, jwk, jws

INTEROP = pathlib.Path(__file__).resolve().parents[2] / "target" / "interop"
ECDH = ["ECDH-ES", "ECDH-ES+A128KW", "ECDH-ES+A192KW", "ECDH-ES+A256KW", "A256GCM", "A128CBC-HS256"]


def flip_last(token: str) -> str:
    *rest, last = token.split(".")
    raw = bytearray(base64.urlsafe_b64decode(last + "=" * (-len(last) % 4)))
    raw[0] ^= 1
    return ".".join([*rest, base64.urlsafe_b64encode(bytes(raw)).rstrip(b"=").decode()])


def verify(token: str, key: jwk.JWK, alg: str) -> bytes:
    signed = jws.JWS()
    signed.deserialize(token)
    signed.verify(key, alg=alg)
    return signed.payload


def decrypt(token: str, key: jwk.JWK) -> bytes:
    opened = jwe.JWE(algs=ECDH)
    opened.deserialize(token, key=key)
    return opened.payload


def main() -> int:
    passed = failed = 0
    signed = json.loads((INTEROP / "ed448_signed.json").read_text())
    encrypted = json.loads((INTEROP / "x448_encrypted.json").read_text())
    checks = [
        (case["name"], lambda c=case: verify(c["token"], jwk.JWK.from_json(c["key"]), c["alg"]),
         lambda c=case: verify(flip_last(c["token"]), jwk.JWK.from_json(c["key"]), c["alg"]),
         lambda payload, c=case: json.loads(payload)["alg_under_test"] == c["alg"])
        for case in signed
    ] + [
        (case["name"], lambda c=case: decrypt(c["token"], jwk.JWK.from_json(c["key"])),
         lambda c=case: decrypt(flip_last(c["token"]), jwk.JWK.from_json(c["key"])),
         lambda payload: payload == b"Encrypted by the JWT debugger.")
        for case in encrypted
    ]
    for name, good, flipped, expected in checks:
        try:
            assert expected(good())
            passed += 1
        except Exception as err:  # noqa: BLE001 - report every failure, keep going
            print(f"FAIL {name}: jwcrypto does not read what was made here: {err!r}")
            failed += 1
        try:
            flipped()
            print(f"FAIL {name}: jwcrypto accepts a flipped bit")
            failed += 1
        except Exception:  # noqa: BLE001 - any refusal is right
            passed += 1
    print(f"jwcrypto Ed448/X448: {passed} passed, {failed} failed")
    return 1 if failed or not checks else 0


if __name__ == "__main__":
    sys.exit(main())
