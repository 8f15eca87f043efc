"""Receipt verification and rendering: the API over HTTP next to the same work done raw, same run.

    .venv/bin/python bench/receipts.py [--requests 300]

"raw" for verify = PyJWT checking the ES256 signature with the published key + the two indexed
PyMongo reads the service does (receipt by jti, dossier by code); for the receipt = rendering
its QR SVG in-process, uncached (the API caches it per URL, so its ratio is below 1).
Prints p50/p95 (ms) and the API/raw ratio.
"""

from __future__ import annotations

import argparse
import uuid

import jwt
from harness import ms, running_app, timed

from backend.catalogue.samples import example_form
from backend.receipts.render import qr_svg


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=300)
    args = parser.parse_args()
    with running_app(demo_accounts=True) as (api, raw):

        def login(phone: str, password: str) -> dict[str, str]:
            body = api.post("/api/v1/auth/login", json={"phone": phone, "password": password}).json()
            return {"Authorization": f"Bearer {body['access_token']}"}

        citizen, official = login("0900000001", "congdan-demo-1"), login("0900000011", "canbo-demo-1")
        form = example_form(api.get("/api/v1/procedures/HT-KS").json()["form_schema"])
        submitted = api.post(
            "/api/v1/dossiers",
            json={"procedure_code": "HT-KS", "agency_code": "HD.TPHD.TRANHUNGDAO", "form_data": form},
            headers={**citizen, "Idempotency-Key": uuid.uuid4().hex},
        ).json()
        code = submitted["code"]
        api.post(
            f"/api/v1/dossiers/{code}/transitions",
            json={"action": "accept"},
            headers={
                **official,
                "Idempotency-Key": uuid.uuid4().hex,
                "If-Match": f'"{submitted["version"]}"',
            },
        ).raise_for_status()
        receipt = api.get(f"/api/v1/dossiers/{code}/receipt", headers=citizen).json()
        token, url = receipt["token"], receipt["url"]
        jwk = api.get("/.well-known/jwks.json").json()["keys"][0]
        key = jwt.PyJWK(jwk).key

        def raw_verify() -> None:
            claims = jwt.decode(token, key, algorithms=["ES256"])
            assert raw.receipts.find_one({"jti": claims["jti"]}) is not None
            assert raw.dossiers.find_one({"code": claims["sub"]}) is not None

        cases = [
            (
                "verify (public)",
                lambda: api.post("/api/v1/receipts/verify", json={"token": token}).raise_for_status(),
                raw_verify,
            ),
            (
                "verify (official)",
                lambda: api.post("/api/v1/receipts/verify", json={"token": token}, headers=official),
                raw_verify,
            ),
            (
                "GET receipt (+QR SVG)",
                lambda: api.get(f"/api/v1/dossiers/{code}/receipt", headers=citizen).raise_for_status(),
                lambda: qr_svg.__wrapped__(url),  # an uncached render: what the API's cache saves
            ),
        ]
        print(f"{'operation':<24} {'API p50':>8} {'p95':>7} {'raw p50':>8} {'p95':>7} {'ratio p50':>9}")
        for name, via_api, direct in cases:
            a, r = timed(via_api, args.requests), timed(direct, args.requests)
            a50, a95, r50, r95 = ms(a, 0.5), ms(a, 0.95), ms(r, 0.5), ms(r, 0.95)
            print(f"{name:<24} {a50:8.2f} {a95:7.2f} {r50:8.2f} {r95:7.2f} {a50 / r50:9.2f}")
        print(f"token: {len(token)} characters; QR URL: {len(url)} characters")


if __name__ == "__main__":
    main()
