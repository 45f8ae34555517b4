"""Verifies the SD-JWT presentations this project issues (target/interop/sd_jwt_ours.json,
written by `cargo test --test sd_jwt_issue`) with the IETF reference implementation's verifier
(PyPI `sd-jwt`, openwallet-foundation-labs/sd-jwt-python, `SDJWTVerifier`): the issuer
signature, the disclosures' digests, and for key-bound ones the KB-JWT (holder key from
`cnf.jwk`, typ, aud, nonce, sd_hash). Its processed payload must equal the one each case
expects; the cases whose `verified` is null must be refused for the reason `refusal` names
(`kb-signature`: a KB-JWT by a key other than `cnf.jwk`; `sd-hash`: a KB-JWT moved onto another
presentation), and every accepted case with one issuer signature bit flipped must be refused. The reference classes hash with SHA-256 only; a subclass swaps
their `HASH_ALG` for the sha-512 cases, as tests/fixtures/sd_jwt/generate.py does."""

import base64
import hashlib
import json
import pathlib
import sys

from importlib.metadata import version

from jwcrypto.jwk import JWK
from sd_jwt.verifier import SDJWTVerifier

OURS = pathlib.Path(__file__).resolve().parents[2] / "target" / "interop" / "sd_jwt_ours.json"

HASHES = {"sha-256": hashlib.sha256, "sha-512": hashlib.sha512}


def refused_for(refusal, err):
    """True when the reference verifier's exception is the one the case's `refusal` names."""
    if refusal == "sd-hash":
        return isinstance(err, ValueError) and "Invalid digest in KB-JWT" in str(err)
    if refusal == "kb-signature" or refusal == "issuer-signature":
        return type(err).__name__ == "InvalidJWSSignature"
    return False


def flip_issuer_signature(presentation):
    """The presentation with the first bit of the issuer JWT's signature flipped."""
    issuer_jwt, rest = presentation.split("~", 1)
    head, payload, signature = issuer_jwt.split(".")
    raw = bytearray(base64.urlsafe_b64decode(signature + "=" * (-len(signature) % 4)))
    raw[0] ^= 1
    flipped = base64.urlsafe_b64encode(bytes(raw)).rstrip(b"=").decode()
    return f"{head}.{payload}.{flipped}~{rest}"


def verify(case):
    """The reference verifier's processed payload for the case (raises when it refuses)."""

    class Verifier(SDJWTVerifier):
        HASH_ALG = {"name": case["sd_alg"], "fn": HASHES[case["sd_alg"]]}

    issuer_key = JWK.from_json(json.dumps(case["issuer_jwk"]))
    verifier = Verifier(
        case["presentation"],
        lambda iss, header: issuer_key,
        case["aud"],
        case["nonce"],
    )
    return verifier.get_verified_payload()


def main() -> int:
    cases = json.loads(OURS.read_text())
    passed = failed = 0
    twins = [
        dict(case, name=f"{case['name']}-flipped-issuer-signature", verified=None,
             refusal="issuer-signature", presentation=flip_issuer_signature(case["presentation"]))
        for case in cases
        if case["verified"] is not None
    ]
    for case in cases + twins:
        name = case["name"]
        expected = case["verified"]
        try:
            payload = verify(case)
        except Exception as err:  # noqa: BLE001 - report every failure, keep going
            if expected is None and refused_for(case["refusal"], err):
                passed += 1
            elif expected is None:
                print(f"FAIL {name}: refused, but not for {case['refusal']}: {err!r}")
                failed += 1
            else:
                print(f"FAIL {name}: the reference verifier refuses our presentation: {err!r}")
                failed += 1
            continue
        if expected is None:
            print(f"FAIL {name}: the reference verifier accepts a presentation it must refuse")
            failed += 1
        elif payload != expected:
            print(f"FAIL {name}: processed payload differs")
            print(f"  reference: {json.dumps(payload, ensure_ascii=False, sort_keys=True)}")
            print(f"  expected:  {json.dumps(expected, ensure_ascii=False, sort_keys=True)}")
            failed += 1
        else:
            passed += 1
    print(f"sd-jwt {version('sd-jwt')} (reference SDJWTVerifier) checked {len(cases)} presentations and {len(twins)} flipped twins")
    print(f"sd-jwt reference: {passed} passed, {failed} failed")
    return 1 if failed or not cases else 0


if __name__ == "__main__":
    sys.exit(main())
