"""Illegal transitions change nothing; uploads are checked; deadlines skip holidays; drafts resume."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

import httpx
import pytest
from pymongo.database import Database

from tests.dossiers.helpers import (
    PDF,
    WARD,
    act,
    admin,
    citizen,
    key,
    ok,
    other_citizen,
    province_official,
    second_ward_official,
    submit,
    upload,
    view,
    ward_admin,
    ward_official,
)
from tests.support import assert_problem

LOCAL = ZoneInfo("Asia/Ho_Chi_Minh")


def _snapshot(mongo: Database[dict[str, Any]], code: str) -> dict[str, Any]:
    doc = mongo.dossiers.find_one({"code": code})
    assert doc is not None
    return {"version": doc["version"], "status": doc["status"], "history": len(doc["history"])}


@pytest.mark.parametrize(
    ("who", "action", "status", "slug"),
    [
        ("official", "approve", 409, "illegal-transition"),  # wrong state: not yet accepted
        ("official", "supplement", 403, "action-not-allowed"),  # wrong role: only the applicant supplements
        ("citizen", "accept", 403, "action-not-allowed"),  # wrong role
        ("province_official", "accept", 404, "dossier-not-found"),  # another agency's dossier
        ("other_citizen", "withdraw", 404, "dossier-not-found"),  # someone else's dossier
        ("official", "reject", 409, "illegal-transition"),
    ],
)
def test_illegal_transitions_are_refused_and_change_nothing(
    api: httpx.Client, mongo: Database[dict[str, Any]], who: str, action: str, status: int, slug: str
) -> None:
    people = {
        "official": ward_official,
        "citizen": citizen,
        "province_official": province_official,
        "other_citizen": other_citizen,
    }
    dossier = submit(api, citizen(api))
    before = _snapshot(mongo, dossier["code"])
    events = mongo.dossier_events.count_documents({"dossier_code": dossier["code"]})
    audits = mongo.audit_log.count_documents({"target": f"dossier:{dossier['code']}"})
    response = act(api, people[who](api), dossier["code"], action, dossier["version"], note="x")
    assert_problem(response, status, slug)
    assert _snapshot(mongo, dossier["code"]) == before
    assert mongo.dossier_events.count_documents({"dossier_code": dossier["code"]}) == events
    assert mongo.audit_log.count_documents({"target": f"dossier:{dossier['code']}"}) == audits


def test_required_fields_of_actions(api: httpx.Client) -> None:
    binh = ward_official(api)
    dossier = submit(api, citizen(api))
    assert_problem(act(api, binh, dossier["code"], "return_incomplete", 1), 422, "note-required")
    accepted = ok(act(api, binh, dossier["code"], "accept", 1))
    claimed = ok(act(api, binh, dossier["code"], "claim", accepted["version"]))
    v = claimed["version"]
    assert_problem(act(api, binh, dossier["code"], "request_supplement", v), 422, "missing-items-required")
    assert_problem(act(api, binh, dossier["code"], "reject", v), 422, "note-required")
    assert_problem(
        act(api, binh, dossier["code"], "transfer", v, assignee_id="0" * 24), 422, "invalid-assignee"
    )
    province = province_official(api).user["id"]
    assert_problem(
        act(api, binh, dossier["code"], "transfer", v, assignee_id=province), 422, "invalid-assignee"
    )
    assert view(api, binh, dossier["code"])["version"] == v


def test_withdraw_only_before_acceptance(api: httpx.Client) -> None:
    an, binh = citizen(api), ward_official(api)
    first = submit(api, an)
    withdrawn = ok(act(api, an, first["code"], "withdraw", first["version"]))
    assert withdrawn["status"]["code"] == "withdrawn"
    assert withdrawn["allowed_actions"] == []
    second = submit(api, an)
    accepted = ok(act(api, binh, second["code"], "accept", second["version"]))
    assert_problem(act(api, an, second["code"], "withdraw", accepted["version"]), 409, "illegal-transition")


def test_assign_transfer_and_the_second_branch_of_the_workflow(api: httpx.Client) -> None:
    an, binh, dung, hanh = citizen(api), ward_official(api), second_ward_official(api), ward_admin(api)
    d = submit(api, an)
    code = d["code"]
    d = ok(act(api, binh, code, "accept", d["version"]))
    assert_problem(act(api, binh, code, "assign", d["version"], assignee_id=dung.user["id"]), 403)
    d = ok(act(api, hanh, code, "assign", d["version"], assignee_id=binh.user["id"]))
    assert d["holder"]["name_vi"] == "Trần Thị Bình"
    # Only the holder (or the agency admin) may pass it on.
    assert_problem(
        act(api, dung, code, "transfer", d["version"], assignee_id=dung.user["id"]), 403, "not-assignee"
    )
    d = ok(act(api, binh, code, "transfer", d["version"], assignee_id=dung.user["id"], note="Đúng lĩnh vực"))
    assert d["holder"]["name_vi"] == "Lê Văn Dũng"
    assert d["status"]["code"] == "in_processing"
    d = ok(act(api, dung, code, "request_supplement", d["version"], missing_items=["Tờ khai có chữ ký"]))
    file_id = ok(upload(api, an))["file_id"]
    d = ok(act(api, an, code, "supplement", d["version"], attachment_ids=[file_id]))
    d = ok(act(api, dung, code, "request_supplement", d["version"], missing_items=["Bản chính để đối chiếu"]))
    d = ok(act(api, an, code, "supplement", d["version"], form_data={"child_full_name": "Nguyễn Minh Khôi"}))
    assert d["form_data"]["child_full_name"] == "Nguyễn Minh Khôi"
    d = ok(act(api, hanh, code, "reject", d["version"], note="Không đủ điều kiện theo Điều 16 Luật Hộ tịch"))
    assert d["status"]["code"] == "rejected"
    assert d["rejection_reason"].startswith("Không đủ")
    assert d["timeliness"] in ("early", "on_time")


def test_a_supplement_must_keep_the_form_valid_and_bring_something(api: httpx.Client) -> None:
    an, binh = citizen(api), ward_official(api)
    d = submit(api, an)
    d = ok(act(api, binh, d["code"], "accept", d["version"]))
    d = ok(act(api, binh, d["code"], "claim", d["version"]))
    d = ok(act(api, binh, d["code"], "request_supplement", d["version"], missing_items=["Giấy chứng sinh"]))
    assert_problem(act(api, an, d["code"], "supplement", d["version"]), 422, "supplement-empty")
    bad = act(api, an, d["code"], "supplement", d["version"], form_data={"child_sex": "unknown"})
    body = assert_problem(bad, 422, "form-invalid")
    assert body["errors"][0]["field"] == "form_data.child_sex"
    stranger = ok(upload(api, other_citizen(api)))["file_id"]
    assert_problem(
        act(api, an, d["code"], "supplement", d["version"], attachment_ids=[stranger]), 404, "file-not-found"
    )


def test_submission_validation(api: httpx.Client) -> None:
    an = citizen(api)
    base = {"procedure_code": "HT-KS", "agency_code": WARD, "form_data": {}}
    body = assert_problem(
        api.post("/api/v1/dossiers", json=base, headers={**an.headers, **key()}), 422, "form-invalid"
    )
    assert {e["field"] for e in body["errors"]} >= {"form_data"}
    wrong_level = {**base, "agency_code": "HD.TPHD"}
    assert_problem(
        api.post("/api/v1/dossiers", json=wrong_level, headers={**an.headers, **key()}),
        422,
        "wrong-agency-level",
    )
    unknown = {**base, "procedure_code": "NOPE"}
    assert_problem(
        api.post("/api/v1/dossiers", json=unknown, headers={**an.headers, **key()}),
        404,
        "procedure-not-found",
    )
    bad_key = api.post("/api/v1/dossiers", json=base, headers={**an.headers, "Idempotency-Key": "short"})
    assert_problem(bad_key, 422, "idempotency-key-required")


@pytest.mark.parametrize(
    ("content", "name", "status", "slug"),
    [
        (b"MZ\x90\x00" + b"\x00" * 200, "giay-to.pdf", 415, "unsupported-file-type"),
        (b"\x7fELF\x02\x01\x01" + b"\x00" * 200, "anh.jpg", 415, "unsupported-file-type"),
        (b"", "empty.pdf", 422, "empty-file"),
        (b"%PDF-1.4\n" + b"0" * (10 * 1024 * 1024), "huge.pdf", 413, "file-too-large"),
        (b"%PDF-1.4\n1 0 obj", "truncated.pdf", 422, "incomplete-file"),
    ],
)
def test_bad_uploads_leave_nothing_behind(
    api: httpx.Client, mongo: Database[dict[str, Any]], content: bytes, name: str, status: int, slug: str
) -> None:
    files, chunks = (
        mongo["attachments.files"].count_documents({}),
        mongo["attachments.chunks"].count_documents({}),
    )
    assert_problem(upload(api, citizen(api), content, name), status, slug)
    assert mongo["attachments.files"].count_documents({}) == files
    assert mongo["attachments.chunks"].count_documents({}) == chunks


def test_an_upload_is_checked_by_content_and_served_only_to_its_owner(api: httpx.Client) -> None:
    an = citizen(api)
    stored = ok(upload(api, an, PDF, "../../Giấy khai sinh.exe"))
    assert stored["content_type"] == "application/pdf"
    assert stored["filename"].endswith(".pdf")
    assert "/" not in stored["filename"]
    assert api.get(f"/api/v1/attachments/{stored['file_id']}", headers=an.headers).content == PDF
    assert_problem(
        api.get(f"/api/v1/attachments/{stored['file_id']}", headers=other_citizen(api).headers), 404
    )


def test_a_due_date_skips_a_public_holiday(api: httpx.Client) -> None:
    an, binh, root = citizen(api), ward_official(api), admin(api)
    first = submit(api, an)
    due_before = datetime.fromisoformat(ok(act(api, binh, first["code"], "accept", 1))["due_at"]).astimezone(
        LOCAL
    )
    holiday = due_before.date().isoformat()
    put = api.put(
        f"/api/v1/calendar/holidays/{holiday}",
        json={"name_vi": "Ngày nghỉ thử nghiệm", "name_en": "Test day off", "kind": "day_off"},
        headers=root.headers,
    )
    assert put.status_code == 200, put.text
    try:
        second = submit(api, an)
        due_after = datetime.fromisoformat(
            ok(act(api, binh, second["code"], "accept", 1))["due_at"]
        ).astimezone(LOCAL)
        assert due_after.date() > due_before.date()
        assert due_after.date().isoformat() != holiday
        assert due_after.weekday() < 5
        assert (due_after.hour, due_after.minute) == (17, 0)
    finally:
        api.delete(f"/api/v1/calendar/holidays/{holiday}", headers=root.headers)


def test_drafts_resume_on_another_device(api: httpx.Client) -> None:
    phone_a = citizen(api)
    draft_id = str(uuid.uuid4())
    body = {"procedure_code": "HT-KS", "form_data": {"child_full_name": "Nguyễn Minh"}}
    assert (
        ok(api.put(f"/api/v1/drafts/{draft_id}", json=body, headers=phone_a.headers))["draft_id"] == draft_id
    )
    again = api.put(f"/api/v1/drafts/{draft_id}", json=body, headers=phone_a.headers)  # a replay is harmless
    assert again.status_code == 200
    phone_b = citizen(api)  # a second login: another device
    drafts = ok(api.get("/api/v1/drafts", headers=phone_b.headers))["items"]
    assert [d["draft_id"] for d in drafts].count(draft_id) == 1
    assert (
        ok(api.get(f"/api/v1/drafts/{draft_id}", headers=phone_b.headers))["form_data"] == body["form_data"]
    )
    assert_problem(
        api.get(f"/api/v1/drafts/{draft_id}", headers=other_citizen(api).headers), 404, "draft-not-found"
    )
    submitted = submit(api, phone_b, draft_id=draft_id)
    assert submitted["status"]["code"] == "submitted"
    assert_problem(api.get(f"/api/v1/drafts/{draft_id}", headers=phone_b.headers), 404, "draft-not-found")
    assert_problem(api.put(f"/api/v1/drafts/{draft_id}", json=body, headers=ward_official(api).headers), 403)


def test_a_retried_upload_with_its_key_returns_the_first_file(
    api: httpx.Client, mongo: Database[dict[str, Any]]
) -> None:
    an = citizen(api)
    headers = {**an.headers, **key()}
    files = {"data": ("giay-to.pdf", PDF, "application/pdf")}
    first = api.post("/api/v1/attachments", headers=headers, files=files)
    count = mongo["attachments.files"].count_documents({})
    again = api.post("/api/v1/attachments", headers=headers, files=files)
    assert first.status_code == again.status_code == 201
    assert again.json()["file_id"] == first.json()["file_id"]
    assert again.headers["idempotent-replayed"] == "true"
    assert mongo["attachments.files"].count_documents({}) == count


def test_a_retried_result_upload_keeps_one_file(api: httpx.Client, mongo: Database[dict[str, Any]]) -> None:
    binh = ward_official(api)
    d = submit(api, citizen(api))
    for action in ("accept", "claim", "approve"):
        d = ok(act(api, binh, d["code"], action, d["version"]))
    headers = {**binh.headers, **key(), "If-Match": f'"{d["version"]}"'}
    files = {"data": ("ket-qua.pdf", PDF, "application/pdf")}
    first = ok(api.post(f"/api/v1/dossiers/{d['code']}/result", headers=headers, files=files))
    count = mongo["attachments.files"].count_documents({})
    again = api.post(f"/api/v1/dossiers/{d['code']}/result", headers=headers, files=files)
    assert again.status_code == 200
    assert again.headers["idempotent-replayed"] == "true"
    assert again.json()["result"]["file_id"] == first["result"]["file_id"]
    assert mongo["attachments.files"].count_documents({}) == count
