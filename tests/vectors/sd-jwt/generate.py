"""Makes examples.json from the SD-JWT specification's example sources with the reference
implementation (sd-jwt 0.10.4, openwallet-foundation-labs/sd-jwt-python), the way its
`sd-jwt-generate example` command does: the spec's fixed issuer and holder keys and salts from
`random.seed(0)` (settings.yml), the issuer SDJWTIssuer, the holder SDJWTHolder, then the
reference SDJWTVerifier's processed payload as `verified`.

    python3 -m venv /work/sdjwt-venv
    /work/sdjwt-venv/bin/pip install 'sd-jwt==0.10.4'
    cd tests/vectors/sd-jwt && /work/sdjwt-venv/bin/python generate.py

ES256 signatures are randomized, so a rerun changes the tokens (never the salts or digests);
the tests only need the file to be self-consistent.
"""

import json
from pathlib import Path

from sd_jwt.holder import SDJWTHolder
from sd_jwt.issuer import SDJWTIssuer
from sd_jwt.utils.demo_utils import get_jwk, load_yaml_settings
from sd_jwt.utils.yaml_specification import load_yaml_specification
from sd_jwt.verifier import SDJWTVerifier

HERE = Path(__file__).parent
# name -> where the example sits in RFC 9901 (or the reference implementation's test suite).
SOURCES = {
    "simple": "RFC 9901 Section 5 (the issuance and presentation example; spec examples/simple)",
    "simple_structured": "RFC 9901 Appendix A.1 (Simple Structured SD-JWT, with decoys)",
    "complex_ekyc": "RFC 9901 Appendix A.2 (Complex Structured SD-JWT, OpenID Connect for Identity Assurance)",
    "arf-pid": "RFC 9901 Appendix A.3 (SD-JWT-Based Verifiable Credentials)",
    "address_only_structured": "RFC 9901 Appendix (Considerations on Nested Data: structured SD-JWT)",
    "address_only_recursive": "RFC 9901 Appendix (Considerations on Nested Data: recursive disclosures)",
    "simple_array": "sd-jwt-python examples/simple_array (array elements, nested arrays, data types)",
    "recursions": "sd-jwt-python tests/testcases/recursions (disclosures inside disclosed values)",
}


def generate(name, settings):
    spec = load_yaml_specification(HERE / "specs" / f"{name}.yml")
    keys = get_jwk(settings["key_settings"], True, settings["random_seed"])
    key_binding = spec.get("key_binding", False)
    claims = {
        "iss": settings["identifiers"]["issuer"],
        "iat": settings["iat"],
        "exp": settings["exp"],
    }
    claims.update(spec["user_claims"])
    SDJWTIssuer.unsafe_randomness = True
    issuer = SDJWTIssuer(
        claims,
        keys["issuer_key"],
        keys["holder_key"] if key_binding else None,
        add_decoy_claims=spec.get("add_decoy_claims", False),
        extra_header_parameters=spec.get("extra_header_parameters", {}),
    )
    holder = SDJWTHolder(issuer.sd_jwt_issuance)
    aud = settings["identifiers"]["verifier"] if key_binding else None
    nonce = settings["key_binding_nonce"] if key_binding else None
    holder.create_presentation(
        spec["holder_disclosed_claims"], nonce, aud,
        keys["holder_key"] if key_binding else None,
    )
    verifier = SDJWTVerifier(
        holder.sd_jwt_presentation,
        lambda iss, header: keys["issuer_public_key"],
        aud,
        nonce,
    )
    return {
        "name": name,
        "source": SOURCES[name],
        "issuer_jwk": json.loads(keys["issuer_public_key"].export_public()),
        "holder_jwk": json.loads(keys["holder_key"].export_public()) if key_binding else None,
        "issuance": issuer.sd_jwt_issuance,
        "presentation": holder.sd_jwt_presentation,
        "issuer_payload": issuer.sd_jwt_payload,
        "disclosures": len(issuer.ii_disclosures),
        "decoys": len(issuer.decoy_digests),
        "aud": aud,
        "nonce": nonce,
        "verified": verifier.get_verified_payload(),
    }


def main():
    settings = load_yaml_settings(HERE / "specs" / "settings.yml")
    examples = [generate(name, settings) for name in SOURCES]
    (HERE / "examples.json").write_text(json.dumps(examples, indent=1, ensure_ascii=False) + "\n")
    print(f"{len(examples)} examples")


if __name__ == "__main__":
    main()
