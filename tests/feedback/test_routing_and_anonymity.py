"""A harassment report reaches the leaders above the official, never the official; the reporter
stays hidden from staff. The authorization matrix, then the whole workflow with a reopen."""

from __future__ import annotations

from typing import Any

import httpx
from pymongo.database import Database

from tests.dossiers.helpers import (
    citizen,
    leader,
    other_citizen,
    province_official,
    second_ward_official,
    upload,
    ward_admin,
    ward_official,
)
from tests.feedback.helpers import act, report, staff, user_id
from tests.support import Session, assert_problem, collection_scans, profiled

REPORTER_NAME, REPORTER_PHONE = "Nguyễn Văn An", "900000001"


def sees(api: httpx.Client, who: Session, code: str) -> bool:
    one = api.get(f"/api/v1/feedback/{code}", headers=who.headers)
    listed = api.get("/api/v1/feedback", headers=who.headers)
    assert listed.status_code == 200, listed.text
    in_list = code in [r["code"] for r in listed.json()["items"]]
    assert (one.status_code == 200) == in_list, (one.status_code, in_list)
    if one.status_code != 200:
        assert_problem(one, 404, "report-not-found")
    return in_list


def test_harassment_report_reaches_leaders_not_the_official_and_hides_the_reporter(
    api: httpx.Client, mongo: Database[dict[str, Any]]
) -> None:
    an, binh = citizen(api), ward_official(api)
    binh_id = user_id(mongo, "0900000011")
    district_leader = staff(api, "leader", "HD.TPHD")
    ward_leader = staff(api, "leader", "HD.TPHD.TRANHUNGDAO")
    other_district_leader = staff(api, "leader", "HD.CHILINH")

    with profiled(mongo) as commands:
        filed = report(api, an, official_id=binh_id)
        assert filed.status_code == 201, filed.text
        code = filed.json()["code"]
        assert filed.json()["secret"] is None  # logged in: followed from the account
        assert filed.json()["reporter"]["name"] == REPORTER_NAME  # the reporter sees themself
        sees(api, leader(api), code)
    assert collection_scans(mongo, commands) == []

    matrix = {
        "reporter": (an, True),
        "province leader": (leader(api), True),
        "district leader": (district_leader, True),
        "ward leader": (ward_leader, True),
        "leader of another district": (other_district_leader, False),
        "the reported official": (binh, False),
        "a colleague of the official": (second_ward_official(api), False),
        "the ward's agency admin": (ward_admin(api), False),
        "a province official": (province_official(api), False),
        "another citizen": (other_citizen(api), False),
    }
    for name, (who, expected) in matrix.items():
        assert sees(api, who, code) is expected, name

    for who in (leader(api), district_leader, ward_leader):
        seen = api.get(f"/api/v1/feedback/{code}", headers=who.headers)
        assert seen.json()["reporter"] is None
        assert seen.json()["official_name"] == "Trần Thị Bình"
        assert REPORTER_NAME not in seen.text
        assert REPORTER_PHONE not in seen.text
        assert set(seen.json()["allowed_actions"]) == {"assign", "answer"}

    # Never assigned to the official it is about; then to a colleague, who still cannot see the reporter.
    assert_problem(act(api, ward_leader, code, "assign", assignee_id=binh_id), 422, "assignee-is-reported")
    dung = second_ward_official(api)
    assigned = act(api, ward_leader, code, "assign", assignee_id=user_id(mongo, "0900000014"))
    assert assigned.status_code == 200, assigned.text
    assert sees(api, dung, code) is True
    assert sees(api, binh, code) is False
    handled = api.get(f"/api/v1/feedback/{code}", headers=dung.headers)
    assert handled.json()["reporter"] is None
    assert REPORTER_NAME not in handled.text
    assert_problem(act(api, binh, code, "answer", answer="Không có chuyện đó."), 404)

    answered = act(api, dung, code, "answer", answer="Đã xác minh, cán bộ đã bị nhắc nhở và kiểm điểm.")
    assert answered.json()["status"]["code"] == "answered"
    assert_problem(act(api, dung, code, "reopen", note="x"), 403, "action-not-allowed")
    assert_problem(act(api, an, code, "reopen"), 422, "note-required")
    reopened = act(api, an, code, "reopen", note="Cán bộ vẫn tiếp tục gây khó dễ.")
    assert reopened.json()["status"]["code"] == "received"
    assert reopened.json()["reopen_count"] == 1
    again = act(api, leader(api), code, "answer", answer="Đã chuyển cán bộ sang vị trí khác.")
    assert again.json()["status"]["code"] == "answered"
    closed = act(api, an, code, "close")
    assert closed.json()["status"]["code"] == "closed"
    assert_problem(act(api, leader(api), code, "answer", answer="..."), 409, "illegal-transition")
    steps = [(s["action"], s["actor_kind"]) for s in closed.json()["history"]]
    assert steps == [("submit", "reporter"), ("assign", "leader"), ("answer", "handler"),
                     ("reopen", "reporter"), ("answer", "leader"), ("close", "reporter")]  # fmt: skip
    assert all(s["actor_name"] is None for s in closed.json()["history"] if s["actor_kind"] == "reporter")

    stats = api.get("/api/v1/stats/feedback").json()
    assert stats["received"] == 1
    assert stats["harassment"] == 1
    assert stats["answered"] == 1
    assert stats["answered_on_time"] == 1
    assert REPORTER_NAME not in str(stats)
    assert "Trần Thị Bình" not in str(stats)


def test_a_reporter_may_share_their_identity(api: httpx.Client) -> None:
    an = citizen(api)
    filed = report(api, an, agency_code="HD.TPHD.TRANHUNGDAO", category="delay", share_identity=True)
    code = filed.json()["code"]
    seen = api.get(f"/api/v1/feedback/{code}", headers=leader(api).headers).json()
    assert seen["reporter"]["name"] == REPORTER_NAME


def test_anonymous_report_with_tracking_code_and_secret(api: httpx.Client) -> None:
    filed = report(api, agency_code="HD.TPHD.TRANHUNGDAO", category="attitude", contact_name="Người dân")
    assert filed.status_code == 201, filed.text
    code, secret = filed.json()["code"], filed.json()["secret"]
    assert code.startswith("PA-")
    assert len(secret) == 16
    tracked = api.post("/api/v1/feedback/track", json={"code": code, "secret": secret.lower()})
    assert tracked.status_code == 200
    assert tracked.json()["status"]["code"] == "received"
    assert_problem(api.post("/api/v1/feedback/track", json={"code": code, "secret": "WRONGSECRET1"}), 404)
    assert_problem(act(api, None, code, "close", secret=secret), 409, "illegal-transition")
    answered = act(api, leader(api), code, "answer", answer="Cảm ơn, chúng tôi đã chấn chỉnh.")
    assert answered.status_code == 200
    assert answered.json()["reporter"] is None  # "Người dân" is not shared
    assert_problem(act(api, None, code, "reopen", note="Chưa được giải quyết"), 404)
    assert_problem(act(api, None, code, "reopen", note="Chưa được giải quyết", secret="WRONGSECRET1"), 404)
    reopened = act(api, None, code, "reopen", note="Chưa được giải quyết", secret=secret)
    assert reopened.json()["status"]["code"] == "received"
    # Attachments need an account (uploads are owned); a bad token is refused, not ignored.
    assert_problem(report(api, agency_code="HD", attachment_ids=["0" * 24]), 422, "login-to-attach")
    bad_token = report(api, agency_code="HD", headers={"Authorization": "Bearer nope"})
    assert_problem(bad_token, 401)


def test_reports_are_validated(api: httpx.Client) -> None:
    an = citizen(api)
    assert_problem(report(api, an), 422, "agency-required")
    assert_problem(report(api, an, official_id="0123456789abcdef01234567"), 422, "unknown-official")
    assert_problem(report(api, an, dossier_code="HD-2026-999999"), 422, "unknown-dossier")
    assert_problem(report(api, an, agency_code="HD.NOWHERE"), 404, "agency-not-found")
    assert_problem(report(api, an, agency_code="HD", content="ngắn"), 400, "validation-error")
    assert_problem(report(api, ward_official(api), agency_code="HD"), 403, "citizens-only")


def test_malformed_attachment_ids_are_a_400_not_a_500(api: httpx.Client) -> None:
    an = citizen(api)
    for bad in ("x", "0" * 23, "Z" * 24):
        answer = report(api, an, agency_code="HD", attachment_ids=[bad])
        assert_problem(answer, 400, "validation-error")


def test_staff_never_see_the_hidden_reporters_account_through_attachments(
    api: httpx.Client, mongo: Database[dict[str, Any]]
) -> None:
    an = citizen(api)
    an_id = user_id(mongo, "0900000001")
    uploaded = upload(api, an)
    assert uploaded.status_code == 201, uploaded.text
    file_id = uploaded.json()["file_id"]
    filed = report(api, an, agency_code="HD.TPHD.TRANHUNGDAO", category="fees", attachment_ids=[file_id])
    assert filed.status_code == 201, filed.text
    assert filed.json()["attachments"][0]["uploaded_by"] == an_id  # the reporter sees their own file
    seen = api.get(f"/api/v1/feedback/{filed.json()['code']}", headers=leader(api).headers)
    assert seen.status_code == 200, seen.text
    assert seen.json()["reporter"] is None
    assert [a["file_id"] for a in seen.json()["attachments"]] == [file_id]
    assert an_id not in seen.text


def test_a_retried_report_with_the_same_key_replays_the_first_answer(api: httpx.Client) -> None:
    """A phone that lost the answer sends the same request again: one report, the same answer."""
    an = citizen(api)
    body = {
        "category": "delay",
        "title": "Hồ sơ chậm trả kết quả",
        "content": "Hồ sơ của tôi đã quá hạn hai tuần mà chưa có kết quả.",
        "agency_code": "HD.TPHD",
    }
    headers = {**an.headers, "Idempotency-Key": "report-retry-0001"}
    first = api.post("/api/v1/feedback", json=body, headers=headers)
    assert first.status_code == 201, first.text
    again = api.post("/api/v1/feedback", json=body, headers=headers)
    assert again.status_code == 201, again.text
    assert again.json() == first.json()
    mine = api.get("/api/v1/feedback", headers=an.headers).json()["items"]
    assert [r["code"] for r in mine].count(first.json()["code"]) == 1
    assert len([r for r in mine if r["title"] == body["title"]]) == 1


def test_a_retried_report_action_with_the_same_key_is_applied_once(api: httpx.Client) -> None:
    """The reporter's "not solved, reopen" sent twice (the first answer was lost) reopens once."""
    an = citizen(api)
    code = report(api, an, agency_code="HD.TPHD", category="delay").json()["code"]
    assert act(api, leader(api), code, "answer", answer="Đã xử lý xong.").status_code == 200
    body = {"action": "reopen", "note": "Vẫn chưa có kết quả."}
    headers = {**an.headers, "Idempotency-Key": "report-reopen-0001"}
    first = api.post(f"/api/v1/feedback/{code}/actions", json=body, headers=headers)
    assert first.status_code == 200, first.text
    again = api.post(f"/api/v1/feedback/{code}/actions", json=body, headers=headers)
    assert again.status_code == 200, again.text
    assert again.json() == first.json()
    assert again.headers.get("Idempotent-Replayed") == "true"
    seen = api.get(f"/api/v1/feedback/{code}", headers=an.headers).json()
    assert seen["reopen_count"] == 1
    assert [s["action"] for s in seen["history"]].count("reopen") == 1
    other = api.post(f"/api/v1/feedback/{code}/actions", json={**body, "note": "Khác"}, headers=headers)
    assert_problem(other, 409, "idempotency-key-reused")
