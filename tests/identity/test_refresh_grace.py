"""The refresh-token reuse grace: a lost response is not a theft, an old replay still is."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import httpx
from pymongo.database import Database

from tests.support import assert_problem, register

AUTH_OVERRIDES = {"refresh_reuse_grace_seconds": 30}


def _refresh(api: httpx.Client, token: str) -> httpx.Response:
    return api.post("/api/v1/auth/refresh", json={"refresh_token": token})


def test_a_spent_token_presented_again_at_once_gets_another_successor_in_its_family(
    api: httpx.Client, mongo: Database[dict[str, Any]]
) -> None:
    session = register(api)
    first = _refresh(api, session.refresh_token)  # its response is "lost" on the way to the phone
    assert first.status_code == 200, first.text
    again = _refresh(api, session.refresh_token)
    assert again.status_code == 200, again.text
    assert again.json()["refresh_token"] not in (session.refresh_token, first.json()["refresh_token"])
    assert _refresh(api, again.json()["refresh_token"]).status_code == 200
    families = {doc["family_id"] for doc in mongo.refresh_tokens.find({"user_id": session.user["id"]})}
    assert len(families) == 1
    assert (
        mongo.refresh_tokens.count_documents({"user_id": session.user["id"], "revoked_at": {"$ne": None}})
        == 0
    )


def test_a_replay_after_the_grace_still_revokes_the_family(
    api: httpx.Client, mongo: Database[dict[str, Any]]
) -> None:
    session = register(api)
    successor = _refresh(api, session.refresh_token).json()["refresh_token"]
    # The spend happened a minute ago: move it back, as the clock would.
    spent = mongo.refresh_tokens.find_one({"user_id": session.user["id"], "used_at": {"$ne": None}})
    assert spent is not None
    mongo.refresh_tokens.update_one(
        {"_id": spent["_id"]}, {"$set": {"used_at": spent["used_at"] - timedelta(seconds=60)}}
    )
    assert_problem(_refresh(api, session.refresh_token), 401, "refresh-token-reused")
    assert_problem(_refresh(api, successor), 401)


def test_no_grace_for_a_logged_out_family(api: httpx.Client) -> None:
    session = register(api)
    successor = _refresh(api, session.refresh_token).json()["refresh_token"]
    assert api.post("/api/v1/auth/logout", json={"refresh_token": successor}).status_code == 204
    assert_problem(_refresh(api, session.refresh_token), 401)
