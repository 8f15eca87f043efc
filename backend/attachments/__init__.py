"""Citizens' and officials' uploaded files (ID photos, certificates, results), kept in GridFS."""

from backend.attachments.sniff import ALLOWED_TYPES, EXTENSIONS, looks_complete, sniff
from backend.attachments.storage import (
    BUCKET,
    MAX_BYTES,
    PayloadTooLarge,
    StoredFile,
    UnsupportedFileType,
    delete,
    not_found,
    open_download,
    safe_filename,
    store,
)

__all__ = [
    "ALLOWED_TYPES",
    "BUCKET",
    "EXTENSIONS",
    "MAX_BYTES",
    "PayloadTooLarge",
    "StoredFile",
    "UnsupportedFileType",
    "delete",
    "looks_complete",
    "not_found",
    "open_download",
    "safe_filename",
    "sniff",
    "store",
]
