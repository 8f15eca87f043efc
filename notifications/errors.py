"""Errors the notification package raises; the backend maps them to problem+json."""

from __future__ import annotations


class NotifyError(ValueError):
    """A client mistake, with a stable slug and a message in Vietnamese and English."""

    def __init__(self, slug: str, *, vi: str, en: str, field: str | None = None) -> None:
        super().__init__(en)
        self.slug, self.vi, self.en, self.field = slug, vi, en, field


class NotFoundError(NotifyError):
    """The thing does not exist, or is not the caller's (the same answer for both)."""
