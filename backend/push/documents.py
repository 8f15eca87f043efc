"""Bookkeeping of the time-based scans (how far each has looked)."""

from __future__ import annotations

from datetime import datetime

from beanie import Document


class ScanMark(Document):
    """``id`` names a scan ("overdue", "due_soon", "appointments"); ``until`` is where it got to."""

    id: str  # type: ignore[assignment]
    until: datetime

    class Settings:
        name = "push_scan_marks"
