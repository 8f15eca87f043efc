"""Upload response shape."""

from __future__ import annotations

from datetime import datetime

from backend.schemas import Out, example_config


class UploadedFile(Out):
    model_config = example_config(
        {
            "file_id": "6740a1b2c3d4e5f601234567",
            "filename": "giay-chung-sinh.pdf",
            "content_type": "application/pdf",
            "size": 182044,
            "sha256": "9f2c...",
            "uploaded_at": "2026-11-23T01:00:00Z",
        }
    )
    file_id: str
    filename: str
    content_type: str
    size: int
    sha256: str
    uploaded_at: datetime
