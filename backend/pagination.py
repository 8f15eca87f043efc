"""Opaque cursors for keyset paging: base64url of a small JSON value."""

from __future__ import annotations

import base64
import binascii
import json
from typing import Any

from backend.errors import Invalid


def encode_cursor(value: Any) -> str:
    raw = json.dumps(value, separators=(",", ":"), ensure_ascii=False).encode("utf-8")
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode("ascii")


def invalid_cursor() -> Invalid:
    return Invalid(
        "invalid-cursor",
        vi="Tham số phân trang không hợp lệ.",
        en="The cursor is not valid; start again from the first page.",
    )


def decode_cursor(cursor: str) -> Any:
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        return json.loads(base64.urlsafe_b64decode(padded.encode("ascii")))
    except (ValueError, binascii.Error, UnicodeError) as exc:
        raise invalid_cursor() from exc
