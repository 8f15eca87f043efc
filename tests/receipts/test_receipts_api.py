"""Receipts over HTTP: issue on acceptance, the JWKS, verification per audience, rendering."""

from __future__ import annotations

from typing import Any

import httpx
import jwt
from pymongo.database import Database

from tests.dossiers.helpers import (
    act,
    birth_form,
    citizen,
    key,
    leader,
    ok,
    other_citizen,
    province_official,
    submit,
    ward_official,
)
from tests.receipts.helpers import accepted, flip, receipt, verify
from tests.support import assert_problem

PUBLIC_MEMBERS = {"kty", "crv", "x", "y", "kid", "alg", "use"}


def test_an_accepted_dossier_has_a_receipt_that_verifies_against_the_published_jwks(
    api: httpx.Client, mongo: Database[dict[str, Any]]
) -> None:
    an, binh = citizen(api), ward_official(api)
    d = accepted(api, an, binh)
    issued = mongo["receipts"].find_one({"dossier_code": d["code"]})
    assert issued is not None  # issued at acceptance, before anyone asked for it
    r = receipt(api, an, d["code"])
    assert r["token"] == issued["token"]
    assert r["code"] == d["code"]
    assert r["title_vi"] == "Giấy tiếp nhận hồ sơ và hẹn trả kết quả"
    assert r["procedure"]["code"] == "HT-KS"
    assert r["agency"]["code"] == "HD.TPHD.TRANHUNGDAO"
    assert r["applicant_masked"] == "Nguyễn V. A."  # the demo citizen is Nguyễn Văn An
    assert r["lookup_secret"] == d["lookup_secret"]
    assert r["due_at"][:16] == d["due_at"][:16]
    assert r["url"] == f"{api.base_url}/r/{r['token']}".replace("//r/", "/r/")
    assert r["qr_svg"].startswith("<svg")
    # Verified with PyJWT against the JWKS the server publishes, not with our own code.
    jwks = ok(api.get("/.well-known/jwks.json"))
    header = jwt.get_unverified_header(r["token"])
    assert header["alg"] == "ES256"
    jwk = next(k for k in jwks["keys"] if k["kid"] == header["kid"])
    claims = jwt.decode(r["token"], jwt.PyJWK(jwk).key, algorithms=["ES256"])
    assert claims["sub"] == d["code"]
    assert claims["p"] == "HT-KS"
    # Same receipt on every request (issued once), for the official too.
    assert receipt(api, binh, d["code"])["token"] == r["token"]
    assert receipt(api, leader(api), d["code"])["token"] == r["token"]


def test_one_changed_character_fails_both_verifications(api: httpx.Client) -> None:
    an, binh = citizen(api), ward_official(api)
    token = receipt(api, an, accepted(api, an, binh)["code"])["token"]
    jwks = ok(api.get("/.well-known/jwks.json"))
    jwk = next(k for k in jwks["keys"] if k["kid"] == jwt.get_unverified_header(token)["kid"])
    for position in (40, len(token) // 2, len(token) - 5):
        altered = flip(token, position)
        result = verify(api, altered)
        assert result["verdict"] == "invalid", position
        assert result["genuine"] is False
        assert result["status"] is None
        try:
            jwt.decode(altered, jwt.PyJWK(jwk).key, algorithms=["ES256"])
            raise AssertionError("PyJWT accepted an altered token")
        except jwt.PyJWTError:
            pass


def test_the_jwks_holds_only_public_members(api: httpx.Client) -> None:
    an, binh = citizen(api), ward_official(api)
    receipt(api, an, accepted(api, an, binh)["code"])
    response = api.get("/.well-known/jwks.json")
    assert response.headers["cache-control"].startswith("public")
    keys = response.json()["keys"]
    assert keys
    for k in keys:
        assert set(k) == PUBLIC_MEMBERS, k
        assert "d" not in k
        assert (k["kty"], k["crv"], k["alg"]) == ("EC", "P-256", "ES256")


def test_no_receipt_before_acceptance(api: httpx.Client) -> None:
    an = citizen(api)
    d = submit(api, an)
    assert_problem(
        api.get(f"/api/v1/dossiers/{d['code']}/receipt", headers=an.headers), 409, "receipt-not-issued"
    )


def test_a_desk_registration_is_accepted_at_once_and_has_a_receipt(api: httpx.Client) -> None:
    binh = ward_official(api)
    body = {
        "procedure_code": "HT-KS",
        "agency_code": "HD.TPHD.TRANHUNGDAO",
        "form_data": birth_form(api),
        "applicant": {"full_name": "Trần Thị Mai Hoa"},
    }
    d = ok(api.post("/api/v1/dossiers", json=body, headers={**binh.headers, **key()}))
    r = receipt(api, binh, d["code"])
    assert r["applicant_masked"] == "Trần T. M. H."


def test_who_may_fetch_a_receipt(api: httpx.Client) -> None:
    an, binh = citizen(api), ward_official(api)
    code = accepted(api, an, binh)["code"]
    for who in (other_citizen(api), province_official(api)):
        assert_problem(
            api.get(f"/api/v1/dossiers/{code}/receipt", headers=who.headers), 404, "dossier-not-found"
        )
    assert_problem(api.get(f"/api/v1/dossiers/{code}/receipt"), 401)
    assert_problem(api.get(f"/api/v1/dossiers/{code}/receipt/qr.png"), 401)
    assert_problem(
        api.post(f"/api/v1/dossiers/{code}/receipt/reissue", headers={**an.headers, **key()}),
        403,
        "role-required",
    )


def test_verification_answers_each_audience(api: httpx.Client) -> None:
    an, binh = citizen(api), ward_official(api)
    d = accepted(api, an, binh)
    token = receipt(api, an, d["code"])["token"]
    public = verify(api, token)
    assert (public["verdict"], public["genuine"], public["code"]) == ("valid", True, d["code"])
    assert public["status"]["code"] == "accepted"
    assert public["details"] is None
    assert "Nguyễn" not in str(public)  # the public never sees the applicant
    official = verify(api, token, binh)
    assert official["details"]["applicant_name"] == "Nguyễn Văn An"
    assert official["details"]["procedure"]["code"] == "HT-KS"
    assert verify(api, token, other_citizen(api))["details"] is None
    assert verify(api, token, province_official(api))["details"] is None
    # the whole URL a camera read works as well as the bare token
    url = receipt(api, an, d["code"])["url"]
    assert verify(api, url)["verdict"] == "valid"
    # the status follows the dossier
    ok(act(api, binh, d["code"], "claim", d["version"]))
    assert verify(api, token)["status"]["code"] == "in_processing"
    # an invalid Bearer token is refused rather than silently treated as anonymous
    bad = api.post(
        "/api/v1/receipts/verify", json={"token": token}, headers={"Authorization": "Bearer x.y.z"}
    )
    assert_problem(bad, 401)
    assert_problem(api.post("/api/v1/receipts/verify", json={}), 400)


def test_alg_none_and_garbage_are_invalid_not_errors(api: httpx.Client) -> None:
    an, binh = citizen(api), ward_official(api)
    token = receipt(api, an, accepted(api, an, binh)["code"])["token"]
    header, payload, _ = token.split(".")
    none_header = "eyJhbGciOiJub25lIiwidHlwIjoicmN0In0"  # {"alg":"none","typ":"rct"}
    for forged in (f"{none_header}.{payload}.", f"{header}.{payload}.", "not-a-token", "a.b.c"):
        result = verify(api, forged)
        assert result["verdict"] == "invalid", forged
        assert result["code"] is None


def test_reissue_revokes_the_previous_receipt(api: httpx.Client) -> None:
    an, binh = citizen(api), ward_official(api)
    code = accepted(api, an, binh)["code"]
    first = receipt(api, an, code)
    headers = {**binh.headers, **key()}
    second = api.post(f"/api/v1/dossiers/{code}/receipt/reissue", headers=headers)
    assert second.status_code == 201, second.text
    replay = api.post(f"/api/v1/dossiers/{code}/receipt/reissue", headers=headers)
    assert replay.headers.get("Idempotent-Replayed") == "true"
    assert replay.json()["token"] == second.json()["token"]
    assert second.json()["generation"] == 2
    old = verify(api, first["token"])
    assert (old["verdict"], old["reason"], old["genuine"]) == ("revoked", "superseded", True)
    assert verify(api, second.json()["token"])["verdict"] == "valid"
    assert receipt(api, an, code)["token"] == second.json()["token"]


def test_a_withdrawn_dossier_is_reported_as_such(api: httpx.Client) -> None:
    an, binh = citizen(api), ward_official(api)
    d = accepted(api, an, binh)
    token = receipt(api, an, d["code"])["token"]
    assert_problem(act(api, binh, d["code"], "withdraw_on_request", d["version"]), 422, "note-required")
    w = ok(
        act(api, binh, d["code"], "withdraw_on_request", d["version"], note="Đơn xin rút hồ sơ ngày 24/11")
    )
    assert w["status"]["code"] == "withdrawn"
    result = verify(api, token)
    assert (result["verdict"], result["reason"]) == ("revoked", "withdrawn")
    assert result["status"]["code"] == "withdrawn"
    assert "rút" in result["message_vi"]


def test_qr_images_print_page_and_public_page(api: httpx.Client) -> None:
    an, binh = citizen(api), ward_official(api)
    code = accepted(api, an, binh)["code"]
    r = receipt(api, an, code)
    svg = api.get(f"/api/v1/dossiers/{code}/receipt/qr.svg", headers=an.headers)
    assert svg.headers["content-type"].startswith("image/svg+xml")
    assert svg.text == r["qr_svg"]
    png = api.get(f"/api/v1/dossiers/{code}/receipt/qr.png", headers=an.headers)
    assert png.headers["content-type"] == "image/png"
    assert png.content.startswith(b"\x89PNG\r\n\x1a\n")
    page = api.get(f"/api/v1/dossiers/{code}/receipt/print", headers=binh.headers)
    assert page.headers["content-type"].startswith("text/html")
    for expected in ("GIẤY TIẾP NHẬN", "size: A5", code, r["lookup_secret"], "Nguyễn V. A.", "<svg"):
        assert expected.lower() in page.text.lower(), expected
    # What a phone camera opens: a server page (the PWA's SPA fallback does not shadow it).
    public = api.get(f"/r/{r['token']}", headers={"Accept": "text/html"})
    assert public.status_code == 200
    assert 'data-verdict="valid"' in public.text
    assert "Đã tiếp nhận" in public.text
    assert "Nguyễn" not in public.text
    assert public.headers["cache-control"] == "no-store"
    assert public.headers["referrer-policy"] == "no-referrer"
    forged = api.get(f"/r/{flip(r['token'], len(r['token']) - 3)}", headers={"Accept": "text/html"})
    assert 'data-verdict="invalid"' in forged.text
    assert "không hợp lệ" in forged.text
