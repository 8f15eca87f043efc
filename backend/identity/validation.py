"""Vietnamese identifiers: mobile numbers and the 12-digit CCCD."""

from __future__ import annotations

import re
import unicodedata

# Mobile numbers: 0 or +84, then 3/5/7/8/9 and eight digits (the 2018 10-digit numbering).
_PHONE = re.compile(r"^(?:\+?84|0)([35789]\d{8})$")
_CCCD = re.compile(r"^\d{12}$")
_NAME = re.compile(r"^[^\W\d_]+(?:[ '.-][^\W\d_]+)*$")
_EMAIL = re.compile(r"^[^@\s]{1,64}@[^@\s]+\.[^@\s]{2,}$")


def normalise_phone(raw: str) -> str:
    """Return ``+84xxxxxxxxx`` or raise ``ValueError``."""
    compact = re.sub(r"[\s.()-]", "", raw)
    match = _PHONE.match(compact)
    if not match:
        raise ValueError("not a Vietnamese mobile number (e.g. 0912345678 or +84912345678)")
    return f"+84{match.group(1)}"


def validate_cccd(raw: str) -> str:
    value = raw.strip()
    if not _CCCD.match(value):
        raise ValueError("a CCCD number has exactly 12 digits")
    province = int(value[:3])
    if not 1 <= province <= 96:
        raise ValueError("the first three digits of a CCCD are a province code (001-096)")
    return value


def mask_cccd(value: str | None) -> str | None:
    return None if value is None else "*" * 8 + value[-4:]


def normalise_name(raw: str) -> str:
    name = " ".join(unicodedata.normalize("NFC", raw).split())
    if not 2 <= len(name) <= 100 or not _NAME.match(name):
        raise ValueError("a full name has 2 to 100 letters, spaces, apostrophes, dots or hyphens")
    return name


def normalise_email(raw: str) -> str:
    value = raw.strip().lower()
    if not _EMAIL.match(value):
        raise ValueError("not a valid email address")
    return value
