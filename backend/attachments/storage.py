"""Uploaded files in GridFS (bucket ``attachments``): validated first, stored whole or not at all.

Everything is checked before the first byte is written: emptiness, size, the real type sniffed
from the content, and PDF completeness. Only then is the file uploaded, and if the upload fails
part-way its chunks are removed, so a rejected or interrupted upload leaves nothing behind.

GridFS refuses multi-document transactions (PyMongo raises ``InvalidOperation``), so
:func:`store` cannot join the transaction that creates a dossier: store the file first, then
reference its id, and :func:`delete` it if the dossier write fails.
"""

from __future__ import annotations

import asyncio
import hashlib
import io
import logging
import re
import tempfile
import unicodedata
from collections.abc import AsyncIterable, AsyncIterator, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import IO, Any

from bson import ObjectId
from gridfs import AsyncGridFSBucket, AsyncGridOut, NoFile
from pymongo.asynchronous.client_session import AsyncClientSession
from pymongo.asynchronous.database import AsyncDatabase

from backend.attachments.sniff import (
    ALLOWED_TYPES,
    EXTENSIONS,
    PDF_TAIL_BYTES,
    SNIFF_BYTES,
    looks_complete,
    sniff,
)
from backend.errors import AppError, Invalid, NotFound
from backend.schemas import Out

log = logging.getLogger("congdanso.attachments")

BUCKET = "attachments"
MAX_BYTES = 10 * 1024 * 1024
MAX_FILENAME_CHARS = 120
#: A streamed upload stays in memory up to this size, then spills to an anonymous temporary
#: file, so many concurrent 10 MB uploads do not pin 10 MB of RAM each.
SPOOL_BYTES = 1024 * 1024
#: Hash bigger byte strings in a thread (hashlib releases the GIL) to keep the event loop free.
_THREAD_HASH_BYTES = 1024 * 1024
FALLBACK_STEM = "tep-dinh-kem"

_OBJECT_ID = re.compile(r"[0-9a-fA-F]{24}")
_EXTENSION = re.compile(r"[A-Za-z][A-Za-z0-9]{0,4}")
_WINDOWS_RESERVED = frozenset('<>:"|?*')

Db = AsyncDatabase[Any]


class PayloadTooLarge(AppError):
    status_code, default_slug = 413, "file-too-large"


class UnsupportedFileType(AppError):
    status_code, default_slug = 415, "unsupported-file-type"


class StoredFile(Out):
    """A stored attachment as the services see it.

    ``owner_id`` and ``purpose`` are here so a download handler can authorise without a second
    read; a response model may leave them out.
    """

    file_id: str
    filename: str
    content_type: str
    size: int
    sha256: str
    owner_id: str
    purpose: str
    uploaded_at: datetime


@dataclass
class _Received:
    """A validated upload, ready to be written."""

    file: IO[bytes]
    size: int
    sha256: str
    content_type: str


# --- errors ----------------------------------------------------------------------------------


def _megabytes(n: int, decimal: str) -> str:
    return f"{round(n / (1024 * 1024), 1):g}".replace(".", decimal)


def _empty() -> Invalid:
    return Invalid("empty-file", vi="Tệp tải lên không có nội dung.", en="The uploaded file is empty.")


def _too_large(max_bytes: int) -> PayloadTooLarge:
    return PayloadTooLarge(
        vi=f"Tệp vượt quá dung lượng cho phép (tối đa {_megabytes(max_bytes, ',')} MB).",
        en=f"The file is larger than the allowed {_megabytes(max_bytes, '.')} MB.",
        max_bytes=max_bytes,
    )


def _unsupported() -> UnsupportedFileType:
    return UnsupportedFileType(
        vi="Định dạng tệp không được chấp nhận. Chỉ nhận tệp PDF, JPEG, PNG, WebP hoặc HEIC/HEIF.",
        en="This file type is not accepted. Only PDF, JPEG, PNG, WebP or HEIC/HEIF files are allowed.",
        allowed_types=sorted(ALLOWED_TYPES),
    )


def _incomplete() -> Invalid:
    return Invalid(
        "incomplete-file",
        vi="Tệp PDF bị thiếu phần cuối (có thể do đường truyền bị gián đoạn). Vui lòng tải lên lại.",
        en="The PDF file is incomplete (the upload may have been interrupted). Please upload it again.",
    )


def not_found() -> NotFound:
    return NotFound("file-not-found", vi="Không tìm thấy tệp đính kèm.", en="The attachment was not found.")


# --- names -----------------------------------------------------------------------------------


def safe_filename(raw: str, content_type: str) -> str:
    """A display name safe for ``Content-Disposition`` and any file system, ending in the real type.

    Keeps Vietnamese letters (NFC, so macOS's decomposed names match), drops directories,
    control and formatting characters (including bidi overrides that make ``exe.pdf`` read as
    ``fdp.exe``), and replaces the client's extension with the sniffed type's.
    """
    name = unicodedata.normalize("NFC", raw)
    name = re.split(r"[/\\]", name)[-1]
    kept: list[str] = []
    for char in name:
        category = unicodedata.category(char)
        if char.isspace() or category in ("Zl", "Zp") or char in _WINDOWS_RESERVED:
            kept.append(" ")
        elif not category.startswith("C"):
            kept.append(char)
    name = " ".join("".join(kept).split()).strip(" .")
    stem, dot, extension = name.rpartition(".")
    if dot and _EXTENSION.fullmatch(extension):
        name = stem
    suffix = EXTENSIONS[content_type]
    name = name[: MAX_FILENAME_CHARS - len(suffix)].rstrip(" .")
    return f"{name or FALLBACK_STEM}{suffix}"


# --- receiving -------------------------------------------------------------------------------


def _checked_type(head: bytes) -> str:
    content_type = sniff(head)
    if content_type is None:
        raise _unsupported()
    return content_type


async def _receive_bytes(data: bytes, max_bytes: int) -> _Received:
    if not data:
        raise _empty()
    if len(data) > max_bytes:
        raise _too_large(max_bytes)
    content_type = _checked_type(data[:SNIFF_BYTES])
    if not looks_complete(content_type, data[-PDF_TAIL_BYTES:]):
        raise _incomplete()
    if len(data) > _THREAD_HASH_BYTES:
        digest = await asyncio.to_thread(hashlib.sha256, data)
    else:
        digest = hashlib.sha256(data)
    return _Received(io.BytesIO(data), len(data), digest.hexdigest(), content_type)


async def _receive_stream(chunks: AsyncIterable[bytes], max_bytes: int) -> _Received:
    """Buffer a stream, hashing as it comes; stop reading as soon as it is known to be bad."""
    spool: IO[bytes] = tempfile.SpooledTemporaryFile(max_size=SPOOL_BYTES)  # noqa: SIM115 - closed by store()
    try:
        hasher = hashlib.sha256()
        head = b""
        content_type: str | None = None
        size = 0
        async for chunk in chunks:
            if not chunk:
                continue
            size += len(chunk)
            if size > max_bytes:
                raise _too_large(max_bytes)
            if content_type is None:
                head += chunk[: SNIFF_BYTES - len(head)]
                if len(head) >= SNIFF_BYTES:  # an executable is refused before the rest arrives
                    content_type = _checked_type(head)
            hasher.update(chunk)
            spool.write(chunk)
        if size == 0:
            raise _empty()
        if content_type is None:
            content_type = _checked_type(head)
        spool.seek(max(0, size - PDF_TAIL_BYTES))
        if not looks_complete(content_type, spool.read()):
            raise _incomplete()
        spool.seek(0)
    except BaseException:
        spool.close()
        raise
    return _Received(spool, size, hasher.hexdigest(), content_type)


# --- GridFS ----------------------------------------------------------------------------------


def _bucket(db: Db) -> AsyncGridFSBucket:
    return AsyncGridFSBucket(db, bucket_name=BUCKET)


def _object_id(file_id: str) -> ObjectId | None:
    """The id, or ``None`` if it is not a 24-hex-digit ObjectId (a client typo, not a 500)."""
    if not isinstance(file_id, str) or not _OBJECT_ID.fullmatch(file_id):
        return None
    return ObjectId(file_id)


def _millis(moment: datetime) -> datetime:
    """BSON dates keep milliseconds and, on a naive client, no zone: normalise both ways."""
    moment = moment if moment.tzinfo else moment.replace(tzinfo=UTC)
    return moment.replace(microsecond=moment.microsecond // 1000 * 1000)


async def _remove(db: Db, oid: ObjectId, session: AsyncClientSession | None) -> bool:
    """Files document first, so no reader ever finds a file whose chunks are already gone."""
    files = await db[f"{BUCKET}.files"].delete_one({"_id": oid}, session=session)
    await db[f"{BUCKET}.chunks"].delete_many({"files_id": oid}, session=session)
    return files.deleted_count > 0


async def _discard_partial(db: Db, oid: ObjectId, session: AsyncClientSession | None) -> None:
    """Best-effort removal of a failed upload, shielded from the cancellation that may cause it."""
    try:
        await asyncio.shield(_remove(db, oid, session))
    except BaseException:  # the original failure matters more; leave a trace of the orphan
        log.warning("could not remove a partial attachment", extra={"file_id": str(oid)}, exc_info=True)


async def store(
    db: Db,
    data: bytes | AsyncIterable[bytes],
    *,
    filename: str,
    owner_id: str,
    purpose: str,
    session: AsyncClientSession | None = None,
    max_bytes: int = MAX_BYTES,
) -> StoredFile:
    """Validate ``data`` and store it; raises a 413/415/422 problem and writes nothing if it is bad.

    ``data`` is the whole file or an async stream of its pieces (a stream is read only until it
    is known to be too big or of a refused type). ``session`` must not be in a transaction.
    """
    if not owner_id:
        raise ValueError("an attachment must have an owner")
    if isinstance(data, bytes):
        received = await _receive_bytes(data, max_bytes)
    else:
        received = await _receive_stream(data, max_bytes)
    name = safe_filename(filename, received.content_type)
    metadata = {
        "owner_id": owner_id,
        "purpose": purpose,
        "sha256": received.sha256,
        "content_type": received.content_type,
        "size": received.size,
    }
    oid = ObjectId()
    try:
        grid_in = _bucket(db).open_upload_stream_with_id(oid, name, metadata=metadata, session=session)
        try:
            await grid_in.write(received.file)
            await grid_in.close()
        except BaseException:
            await _discard_partial(db, oid, session)
            raise
    finally:
        received.file.close()
    log.info(
        "attachment stored",
        extra={
            "file_id": str(oid),
            "content_type": received.content_type,
            "size": received.size,
            "purpose": purpose,
        },
    )
    return StoredFile(
        file_id=str(oid),
        filename=name,
        content_type=received.content_type,
        size=received.size,
        sha256=received.sha256,
        owner_id=owner_id,
        purpose=purpose,
        uploaded_at=_millis(grid_in.upload_date),
    )


def _stored_file(oid: ObjectId, grid_out: AsyncGridOut) -> StoredFile | None:
    """The file as stored by :func:`store`, or ``None`` for anything else in the bucket.

    A file that did not come through :func:`store` was never sniffed, so it is never served.
    """
    metadata = grid_out.metadata
    if not isinstance(metadata, Mapping) or metadata.get("content_type") not in ALLOWED_TYPES:
        return None
    return StoredFile(
        file_id=str(oid),
        filename=grid_out.filename,
        content_type=metadata["content_type"],
        size=int(grid_out.length),
        sha256=metadata["sha256"],
        owner_id=metadata["owner_id"],
        purpose=metadata["purpose"],
        uploaded_at=_millis(grid_out.upload_date),
    )


async def _read_chunks(grid_out: AsyncGridOut) -> AsyncIterator[bytes]:
    try:
        while chunk := await grid_out.readchunk():
            yield chunk
    finally:
        await grid_out.close()


async def open_download(
    db: Db, file_id: str, *, session: AsyncClientSession | None = None
) -> tuple[StoredFile, AsyncIterator[bytes]]:
    """The file's description and an iterator over its bytes (GridFS chunks, 255 KiB each).

    Raises the 404 problem before any byte is produced, so a handler can still answer with one.
    Nothing is read until the iterator is; closing it early releases the cursor.
    """
    oid = _object_id(file_id)
    if oid is None:
        raise not_found()
    try:
        grid_out = await _bucket(db).open_download_stream(oid, session=session)
    except NoFile:
        raise not_found() from None
    stored = _stored_file(oid, grid_out)
    if stored is None:
        raise not_found()
    return stored, _read_chunks(grid_out)


async def delete(db: Db, file_id: str, *, session: AsyncClientSession | None = None) -> bool:
    """Remove a file and its chunks; ``False`` if there was none (so retrying is harmless)."""
    oid = _object_id(file_id)
    if oid is None:
        return False
    return await _remove(db, oid, session)
