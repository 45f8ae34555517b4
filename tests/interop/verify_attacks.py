"""The attack lab's tokens (target/interop/attacks.json, written by `cargo test --test attacks`)
checked by two independent libraries configured as a correct verifier is: PyJWT and jwcrypto,
each told the source token's algorithm and given its real key. Every token must be refused, and
each refusal must be the one the lab's expected-behaviour line names (the algorithm is not the
configured one, the key is not an HMAC secret, the signature does not match). The embedded-key
token must verify against its own embedded key (that is the attack), and the jku/x5u tokens
against the content to host there."""

import json
import pathlib
import sys

import jwt
from jwcrypto import jwk, jws
from jwcrypto.common import JWException

ATTACKS = pathlib.Path(__file__).resolve().parents[2] / "target" / "interop" / "attacks.json"


def pyjwt_key(case):
    key = case["key"]
    if isinstance(key, dict):  # an HMAC secret as an oct JWK
        return jwt.PyJWK(key).key
    return key


def jwcrypto_key(case):
    key = case["key"]
    if isinstance(key, dict):
        return jwk.JWK(**key)
    return jwk.JWK.from_pem(key.encode())


def refused_by_pyjwt(case):
    try:
        jwt.decode(case["token"], pyjwt_key(case), algorithms=[case["source_alg"]],
                   options={"verify_exp": False, "verify_iat": False, "verify_nbf": False})
    except jwt.InvalidAlgorithmError:
        return "alg"
    except jwt.InvalidSignatureError:
        return "signature"
    except jwt.DecodeError as err:
        return f"decode: {err}"
    return None


def refused_by_jwcrypto(case):
    token = jws.JWS()
    try:
        token.deserialize(case["token"])
        token.verify(jwcrypto_key(case), alg=case["source_alg"])
    except (JWException, ValueError, TypeError) as err:
        return type(err).__name__
    return None


def main():
    cases = json.loads(ATTACKS.read_text())
    passed = failed = 0
    for case in cases:
        label = f"{case['source']} {case['kind']}: {case['variant']}"
        for peer, refused in (("PyJWT", refused_by_pyjwt), ("jwcrypto", refused_by_jwcrypto)):
            why = refused(case)
            if why is None:
                print(f"FAIL {label}: {peer} accepts it")
                failed += 1
                continue
            # The expected line: a token whose alg differs from the configured one is refused
            # for its algorithm (PyJWT names it); the same alg fails on the signature.
            header = jwt.get_unverified_header(case["token"]) if case["kind"] != "null-signature" else {}
            if peer == "PyJWT" and header.get("alg") not in (None, case["source_alg"]) and why != "alg":
                print(f"FAIL {label}: PyJWT refused it, but not for its algorithm ({why})")
                failed += 1
                continue
            passed += 1
        if case["kind"] == "embedded-jwk":
            embedded = jwk.JWK(**jwt.get_unverified_header(case["token"])["jwk"])
            token = jws.JWS()
            token.deserialize(case["token"])
            token.verify(embedded, alg="ES256")
            passed += 1
        if case["kind"] in ("jku", "x5u"):
            host = case["host"]
            key = jwk.JWKSet.from_json(host).get_key("attacker-key") if case["kind"] == "jku" else jwk.JWK.from_pem(host.encode())
            token = jws.JWS()
            token.deserialize(case["token"])
            token.verify(key, alg="ES256")
            passed += 1
    print(f"attack lab with PyJWT {jwt.__version__} and jwcrypto: {passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
