"""The whole level-4 journey over HTTP, as the issue's acceptance describes it."""

from __future__ import annotations

from typing import Any

import httpx
from pymongo.database import Database

from tests.dossiers.helpers import PDF, act, citizen, key, ok, submit, upload, ward_official
from tests.support import collection_scans, profiled


def test_submit_to_completion_with_a_visible_timeline(
    api: httpx.Client, mongo: Database[dict[str, Any]]
) -> None:
    with profiled(mongo) as commands:
        _journey(api)
    scans = collection_scans(mongo, commands)
    assert scans == [], "\n".join(
        sorted(
            {
                str(
                    {
                        k: v
                        for k, v in s.items()
                        if k
                        in (
                            "find",
                            "aggregate",
                            "update",
                            "delete",
                            "findAndModify",
                            "filter",
                            "query",
                            "pipeline",
                            "updates",
                            "deletes",
                            "sort",
                        )
                    }
                )[:300]
                for s in scans
            }
        )
    )


def _journey(api: httpx.Client) -> None:
    an, binh = citizen(api), ward_official(api)
    file_id = ok(upload(api, an))["file_id"]
    dossier = submit(api, an, attachment_ids=[file_id])
    code = dossier["code"]
    assert dossier["status"]["code"] == "submitted"
    assert dossier["holder"]["kind"] == "agency"
    assert dossier["attachments"][0]["file_id"] == file_id
    assert code.startswith("HD-20")

    queue = ok(api.get("/api/v1/workbench/queue", headers=binh.headers))
    assert code in [d["code"] for d in queue["items"]]

    accepted = ok(act(api, binh, code, "accept", dossier["version"]))
    assert accepted["status"]["code"] == "accepted"
    assert accepted["due_at"] is not None
    assert accepted["step_deadline"] is not None  # the SLA of the "accepted" step: assignment
    claimed = ok(act(api, binh, code, "claim", accepted["version"]))
    assert claimed["holder"]["kind"] == "official"
    assert claimed["holder"]["name_vi"] == "Trần Thị Bình"
    assert claimed["holder"]["position"] == "Công chức Tư pháp - Hộ tịch"

    asked = ok(act(api, binh, code, "request_supplement", claimed["version"],
                   missing_items=["Bản sao Giấy chứng sinh"], note="Ảnh chụp bị mờ"))  # fmt: skip
    assert asked["status"]["code"] == "supplement_requested"
    assert asked["clock_paused"] is True
    assert asked["holder"]["kind"] == "applicant"

    mine = ok(api.get(f"/api/v1/dossiers/{code}", headers=an.headers))
    assert mine["missing_items"] == ["Bản sao Giấy chứng sinh"]
    assert mine["allowed_actions"] == ["supplement"]
    new_file = ok(upload(api, an, PDF, "giay-chung-sinh-ro.pdf"))["file_id"]
    supplemented = ok(act(api, an, code, "supplement", mine["version"], attachment_ids=[new_file]))
    assert supplemented["status"]["code"] == "supplemented"
    assert supplemented["clock_paused"] is False
    assert len(supplemented["attachments"]) == 2

    approved = ok(act(api, binh, code, "approve", supplemented["version"]))
    result = api.post(
        f"/api/v1/dossiers/{code}/result",
        headers={**binh.headers, **key(), "If-Match": f'"{approved["version"]}"'},
        files={"data": ("trich-luc-khai-sinh.pdf", PDF, "application/pdf")},
    )
    ready = ok(result)
    assert ready["status"]["code"] == "result_ready"
    result_id = ready["result"]["file_id"]

    download = api.get(f"/api/v1/dossiers/{code}/files/{result_id}", headers=an.headers)
    assert download.status_code == 200
    assert download.content == PDF
    assert download.headers["content-type"] == "application/pdf"

    final = ok(api.get(f"/api/v1/dossiers/{code}", headers=an.headers))
    assert final["status"]["code"] == "completed"
    assert final["timeliness"] in ("early", "on_time")
    steps = [(t["action"]["code"], t["to_status"]) for t in final["timeline"]]
    assert steps == [
        ("submit", "submitted"),
        ("accept", "accepted"),
        ("claim", "in_processing"),
        ("request_supplement", "supplement_requested"),
        ("supplement", "supplemented"),
        ("approve", "approved"),
        ("upload_result", "result_ready"),
        ("complete", "completed"),
    ]
    actors = [t["actor_name"] for t in final["timeline"]]
    assert actors == ["Nguyễn Văn An", "Trần Thị Bình", "Trần Thị Bình", "Trần Thị Bình",
                      "Nguyễn Văn An", "Trần Thị Bình", "Trần Thị Bình", "Nguyễn Văn An"]  # fmt: skip
    times = [t["at"] for t in final["timeline"]]
    assert times == sorted(times)
    assert final["timeline"][3]["note"] == "Ảnh chụp bị mờ"

    listed = ok(api.get("/api/v1/dossiers", headers=an.headers))
    assert code in [d["code"] for d in listed["items"]]

    public = api.get(f"/api/v1/lookup/{code}", params={"secret": final["lookup_secret"].lower()})
    assert public.status_code == 200
    text = public.text
    for private in ("Nguyễn Văn An", "Trần Thị Bình", "+8490", final["lookup_secret"], "form_data"):
        assert private not in text
    assert public.json()["status"]["code"] == "completed"
    assert api.get(f"/api/v1/lookup/{code}", params={"secret": "WRONGSEC"}).status_code == 404
