"""Key rotation over the real server: old keys stay published while their receipts are valid;
a receipt past its expiry verifies as expired. Receipts here expire 30 days before they are due."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
from pymongo.database import Database

from backend.receipts.keys import write_key
from backend.settings import Settings
from tests.dossiers.helpers import citizen, ok, ward_official
from tests.receipts.helpers import accepted, receipt, verify

RECEIPT_OVERRIDES = {"valid_days_after_due": -30}
NOW = datetime.now(UTC)


def kids(api: httpx.Client) -> list[str]:
    return [k["kid"] for k in ok(api.get("/.well-known/jwks.json"))["keys"]]


def test_rotation_keeps_old_keys_until_their_receipts_expire(
    settings: Settings, api: httpx.Client, mongo: Database[dict[str, Any]]
) -> None:
    directory = settings.auth.key_dir / "receipts"
    oldest = write_key(directory, NOW - timedelta(days=400))  # retired long ago
    current = write_key(directory, NOW - timedelta(days=100))  # past its 90 days: rotation is due
    published = kids(api)
    # the signer, plus the successor made just now (published ahead, not signing yet)
    assert current.kid in published
    successor = [k for k in published if k > current.kid]
    assert len(successor) == 1
    assert oldest.kid not in published  # nothing it signed is still valid
    an, binh = citizen(api), ward_official(api)
    token = receipt(api, an, accepted(api, an, binh)["code"])["token"]
    assert token.split(".")[0]  # signed by the current key, not the unready successor:
    assert receipt(api, an, accepted(api, an, binh)["code"])["kid"] == current.kid
    # a still-valid receipt signed by the oldest key keeps it in the JWKS, until it expires
    receipts = mongo["receipts"]
    receipts.insert_one({"jti": "old-receipt-1", "dossier_code": "HD-2020-000001", "generation": 1,
                         "kid": oldest.kid, "token": "x", "issued_at": NOW, "received_at": NOW,
                         "due_at": NOW, "expires_at": NOW + timedelta(days=3),
                         "applicant_masked": "A."})  # fmt: skip
    assert oldest.kid in kids(api)
    receipts.update_one({"jti": "old-receipt-1"}, {"$set": {"expires_at": NOW - timedelta(seconds=1)}})
    assert oldest.kid not in kids(api)


def test_a_genuine_receipt_past_its_expiry_is_expired(api: httpx.Client) -> None:
    an, binh = citizen(api), ward_official(api)
    d = accepted(api, an, binh)
    result = verify(api, receipt(api, an, d["code"])["token"])
    assert (result["verdict"], result["genuine"]) == ("expired", True)
    assert result["status"]["code"] == "accepted"
    assert "hết hạn" in result["message_vi"]
