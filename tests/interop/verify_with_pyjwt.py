"""Verifies the tokens this project signs (target/interop/signed.json, written by
`cargo test --test interop`) with PyJWT, an independent implementation; each also with one
signature bit flipped, which must fail."""

import base64
import json
import pathlib
import sys

import jwt

SIGNED = pathlib.Path(__file__).resolve().parents[2] / "target" / "interop" / "signed.json"


def flip(token: str) -> str:
    head, payload, signature = token.split(".")
    raw = bytearray(base64.urlsafe_b64decode(signature + "=" * (-len(signature) % 4)))
    raw[0] ^= 1
    return ".".join([head, payload, base64.urlsafe_b64encode(bytes(raw)).rstrip(b"=").decode()])


def main() -> int:
    cases = json.loads(SIGNED.read_text())
    passed = failed = 0
    for case in cases:
        key = case["key"]
        key = key.encode() if case["alg"].startswith("HS") else key
        try:
            claims = jwt.decode(case["token"], key, algorithms=[case["alg"]])
            assert claims["alg_under_test"] == case["name"], claims
            passed += 1
        except Exception as err:  # noqa: BLE001 - report every failure, keep going
            print(f"FAIL {case['name']}: PyJWT rejects our token: {err!r}")
            failed += 1
        try:
            jwt.decode(flip(case["token"]), key, algorithms=[case["alg"]])
            print(f"FAIL {case['name']}: PyJWT accepts a flipped signature")
            failed += 1
        except jwt.InvalidSignatureError:
            passed += 1
    print(f"PyJWT {jwt.__version__} verified {len(cases)} tokens and their flipped twins")
    print(f"pyjwt: {passed} passed, {failed} failed")
    return 1 if failed or not cases else 0


if __name__ == "__main__":
    sys.exit(main())
