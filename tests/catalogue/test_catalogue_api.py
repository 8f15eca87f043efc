"""The public catalogue over HTTP: accent-free search, filters, cursor paging, caching, indexes."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from jsonschema import Draft202012Validator
from pymongo.database import Database

from tests.support import assert_problem, collection_scans, profiled

BIRTH = "Đăng ký khai sinh"


def names(response: httpx.Response) -> list[str]:
    assert response.status_code == 200, response.text
    return [item["name_vi"] for item in response.json()["items"]]


@pytest.mark.parametrize(
    "q",
    [
        "khai sinh",
        "giay khai sinh",
        "giấy khai sinh",
        "KHAI SINH",
        "Đăng ký khai sinh",
        "dang ky khai sinh",
        "khai si",
    ],
)
def test_birth_registration_is_found_with_or_without_diacritics(api: httpx.Client, q: str) -> None:
    found = names(api.get("/api/v1/procedures", params={"q": q}))
    assert BIRTH in found[:3], found
    if q in ("khai sinh", "KHAI SINH", "Đăng ký khai sinh", "dang ky khai sinh"):
        assert found[0] == BIRTH


def test_search_is_not_fooled_by_one_shared_word(api: httpx.Client) -> None:
    found = names(api.get("/api/v1/procedures", params={"q": "khai sinh"}))
    assert not any("khai tử" in name.lower() for name in found)


def test_nothing_found_is_an_empty_page(api: httpx.Client) -> None:
    response = api.get("/api/v1/procedures", params={"q": "xyzzy plugh"})
    assert response.json() == {"items": [], "next_cursor": None}


def test_the_catalogue_has_thirty_real_procedures_across_levels(api: httpx.Client) -> None:
    items = api.get("/api/v1/procedures", params={"limit": 100}).json()["items"]
    assert len(items) >= 30
    assert {i["level"] for i in items} == {"province", "district", "commune"}
    assert {i["online_level"]["code"] for i in items} == {"full", "partial"}
    full = next(i for i in items if i["online_level"]["code"] == "full")
    assert full["online_level"]["name_vi"] == "Toàn trình"
    assert full["online_level"]["legacy_label_vi"] == "Mức độ 4"


def test_procedure_detail(api: httpx.Client) -> None:
    code = api.get("/api/v1/procedures", params={"q": "khai sinh"}).json()["items"][0]["code"]
    detail = api.get(f"/api/v1/procedures/{code}").json()
    assert detail["name_vi"] == BIRTH
    assert detail["name_en"]
    assert detail["level"] == "commune"
    assert detail["processing_days"] >= 1
    assert detail["fee_vnd"] >= 0
    assert detail["required_documents"]
    Draft202012Validator.check_schema(detail["form_schema"])
    assert detail["form_schema"]["properties"]


def test_unknown_procedure_is_a_404_problem(api: httpx.Client) -> None:
    assert_problem(api.get("/api/v1/procedures/NOPE-999"), 404, "procedure-not-found")


@pytest.mark.parametrize(
    ("params", "check"),
    [
        ({"level": "commune"}, lambda i: i["level"] == "commune"),
        ({"level": "province"}, lambda i: i["level"] == "province"),
        ({"online_level": "partial"}, lambda i: i["online_level"]["code"] == "partial"),
        ({"agency": "HD.STP"}, lambda i: i["department"] == "HD.STP"),
        ({"agency": "HD.TPHD"}, lambda i: i["level"] == "district"),
        ({"agency": "HD.STP", "q": "ly lich tu phap"}, lambda i: i["department"] == "HD.STP"),
    ],
)
def test_filters(api: httpx.Client, params: dict[str, str], check: Any) -> None:
    items = api.get("/api/v1/procedures", params={**params, "limit": 100}).json()["items"]
    assert items
    assert all(check(i) for i in items), items


def test_an_agency_of_another_level_handles_nothing_of_that_level(api: httpx.Client) -> None:
    response = api.get("/api/v1/procedures", params={"agency": "HD.STP", "level": "commune"})
    assert response.json()["items"] == []


@pytest.mark.parametrize(
    ("params", "status"),
    [
        ({"level": "planet"}, 400),
        ({"limit": "0"}, 400),
        ({"limit": "1000"}, 400),
        ({"limit": "many"}, 400),
        ({"q": "x" * 201}, 400),
        ({"cursor": "%%%not-base64"}, 422),
        ({"cursor": "WzEsMl0", "q": "khai sinh"}, 422),
        ({"agency": "XX.NOPE"}, 404),
    ],
)
def test_bad_query_parameters_are_problems(api: httpx.Client, params: dict[str, str], status: int) -> None:
    assert_problem(api.get("/api/v1/procedures", params=params), status)


@pytest.mark.parametrize(
    "params", [{}, {"q": "dang ky"}, {"level": "commune"}, {"q": "giay", "level": "province"}]
)
def test_cursor_paging_visits_every_result_once(api: httpx.Client, params: dict[str, str]) -> None:
    everything = [
        i["code"] for i in api.get("/api/v1/procedures", params={**params, "limit": 100}).json()["items"]
    ]
    assert everything
    seen: list[str] = []
    cursor = None
    while True:
        page = api.get(
            "/api/v1/procedures", params={**params, "limit": 3, **({"cursor": cursor} if cursor else {})}
        )
        body = page.json()
        seen += [i["code"] for i in body["items"]]
        cursor = body["next_cursor"]
        if cursor is None:
            break
    assert seen == everything


def test_catalogue_responses_are_cacheable_with_etags(api: httpx.Client) -> None:
    first = api.get("/api/v1/procedures", params={"q": "khai sinh"})
    etag = first.headers["etag"]
    assert "public" in first.headers["cache-control"]
    assert "max-age=" in first.headers["cache-control"]
    again = api.get("/api/v1/procedures", params={"q": "khai sinh"}, headers={"If-None-Match": etag})
    assert again.status_code == 304
    assert again.content == b""
    assert again.headers["etag"] == etag
    other = api.get("/api/v1/procedures", params={"q": "ket hon"}, headers={"If-None-Match": etag})
    assert other.status_code == 200
    assert other.headers["etag"] != etag
    detail = api.get("/api/v1/procedures/" + first.json()["items"][0]["code"])
    assert api.get(detail.url, headers={"If-None-Match": f"W/{detail.headers['etag']}"}).status_code == 304


def test_agency_tree(api: httpx.Client) -> None:
    districts = api.get("/api/v1/agencies", params={"parent": "HD", "level": "district"}).json()["items"]
    assert len(districts) == 12
    assert any(d["name_vi"] == "Ủy ban nhân dân thành phố Hải Dương" for d in districts)
    communes = api.get("/api/v1/agencies", params={"parent": "HD.TPHD"}).json()["items"]
    assert communes
    assert all(c["level"] == "commune" for c in communes)
    assert api.get("/api/v1/agencies/HD.STP").json()["level"] == "province"
    assert_problem(api.get("/api/v1/agencies/HD.NOPE"), 404, "agency-not-found")


def test_agency_paging(api: httpx.Client) -> None:
    everything = [a["code"] for a in api.get("/api/v1/agencies", params={"limit": 200}).json()["items"]]
    seen: list[str] = []
    cursor = None
    while True:
        body = api.get(
            "/api/v1/agencies", params={"limit": 7, **({"cursor": cursor} if cursor else {})}
        ).json()
        seen += [a["code"] for a in body["items"]]
        if not (cursor := body["next_cursor"]):
            break
    assert seen == everything


def test_catalogue_queries_never_scan_a_collection(
    api: httpx.Client, mongo: Database[dict[str, Any]]
) -> None:
    with profiled(mongo) as commands:
        api.get("/api/v1/procedures", params={"q": "giay khai sinh"})
        api.get("/api/v1/procedures", params={"q": "dang ky", "limit": 2})
        cursor = api.get("/api/v1/procedures", params={"q": "dang ky", "limit": 2}).json()["next_cursor"]
        api.get("/api/v1/procedures", params={"q": "dang ky", "limit": 2, "cursor": cursor})
        api.get("/api/v1/procedures", params={"level": "district", "online_level": "full"})
        api.get("/api/v1/procedures", params={"agency": "HD.STP"})
        api.get("/api/v1/procedures", params={"agency": "HD.STP", "online_level": "full"})
        api.get("/api/v1/procedures", params={"agency": "HD.TPHD", "online_level": "full"})
        api.get("/api/v1/procedures", params={"q": "giay", "level": "province", "online_level": "partial"})
        api.get("/api/v1/procedures", params={"online_level": "partial"})
        api.get("/api/v1/procedures/" + api.get("/api/v1/procedures").json()["items"][0]["code"])
        api.get("/api/v1/agencies", params={"parent": "HD"})
        api.get("/api/v1/agencies", params={"level": "commune"})
        api.get("/api/v1/agencies/HD.STP")
    assert len(commands) >= 10
    assert collection_scans(mongo, commands) == []
