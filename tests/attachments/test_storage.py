"""Attachments in GridFS against the real embedded server: stored whole, or not at all."""

from __future__ import annotations

import asyncio
import hashlib
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from datetime import UTC, datetime, timedelta
from typing import Any, TypeVar

import pytest
from gridfs import AsyncGridFSBucket
from pymongo import AsyncMongoClient, MongoClient
from pymongo.asynchronous.database import AsyncDatabase
from pymongo.database import Database
from pymongo.errors import InvalidOperation, WriteError

from backend.attachments import (
    BUCKET,
    MAX_BYTES,
    PayloadTooLarge,
    StoredFile,
    UnsupportedFileType,
    delete,
    open_download,
    store,
)
from backend.errors import AppError, Invalid, NotFound
from tests.attachments import samples
from tests.support import collection_scans, profiled

T = TypeVar("T")
ADb = AsyncDatabase[dict[str, Any]]


@pytest.fixture
def db_name(mongo_uri: str) -> Iterator[str]:
    """A fresh database per test, so "nothing was stored" is a plain count."""
    name = f"t_attach_{uuid.uuid4().hex[:10]}"
    yield name
    client: MongoClient[dict[str, Any]]
    with MongoClient(mongo_uri) as client:
        client.drop_database(name)


@pytest.fixture
def inspect(mongo_uri: str, db_name: str) -> Iterator[Database[dict[str, Any]]]:
    client: MongoClient[dict[str, Any]]
    with MongoClient(mongo_uri, tz_aware=True) as client:
        yield client[db_name]


def run(mongo_uri: str, db_name: str, scenario: Callable[[ADb], Awaitable[T]], **client_options: Any) -> T:
    """Run ``scenario`` with a database on a new async client (the suite has no pytest-asyncio)."""

    async def main() -> T:
        client: AsyncMongoClient[dict[str, Any]] = AsyncMongoClient(
            mongo_uri, **{"tz_aware": True, **client_options}
        )
        try:
            return await scenario(client[db_name])
        finally:
            await client.close()

    return asyncio.run(main())


def stored_counts(inspect: Database[dict[str, Any]]) -> tuple[int, int]:
    return (
        inspect[f"{BUCKET}.files"].count_documents({}),
        inspect[f"{BUCKET}.chunks"].count_documents({}),
    )


async def read_all(chunks: AsyncIterator[bytes]) -> bytes:
    return b"".join([chunk async for chunk in chunks])


class Pieces:
    """An upload arriving in pieces, remembering how many were pulled."""

    def __init__(self, data: bytes, size: int = 64 * 1024) -> None:
        self.parts = [data[i : i + size] for i in range(0, len(data), size)]
        self.pulled = 0

    async def __aiter__(self) -> AsyncIterator[bytes]:
        for part in self.parts:
            self.pulled += 1
            yield part
            await asyncio.sleep(0)


def expect_problem(error: AppError, status: int, slug: str) -> None:
    assert error.status_code == status
    assert error.slug == slug
    assert error.vi
    assert error.en
    assert error.vi != error.en


# --- round trips -----------------------------------------------------------------------------


def test_bytes_round_trip_with_sha256_and_metadata(
    mongo_uri: str, db_name: str, inspect: Database[dict[str, Any]]
) -> None:
    data = samples.pdf(padding=600_000)  # three GridFS chunks

    async def scenario(db: ADb) -> tuple[StoredFile, StoredFile, bytes]:
        stored = await store(db, data, filename="Giấy khai sinh con.pdf", owner_id="u-1", purpose="birth")
        described, chunks = await open_download(db, stored.file_id)
        return stored, described, await read_all(chunks)

    before = datetime.now(UTC)
    stored, described, downloaded = run(mongo_uri, db_name, scenario)

    assert downloaded == data
    assert stored == described
    assert stored.sha256 == hashlib.sha256(data).hexdigest()
    assert stored.size == len(data)
    assert stored.content_type == "application/pdf"
    assert stored.filename == "Giấy khai sinh con.pdf"
    assert (stored.owner_id, stored.purpose) == ("u-1", "birth")
    assert before - timedelta(seconds=1) <= stored.uploaded_at <= datetime.now(UTC)

    document = inspect[f"{BUCKET}.files"].find_one()
    assert document is not None
    assert str(document["_id"]) == stored.file_id
    assert document["metadata"] == {
        "owner_id": "u-1",
        "purpose": "birth",
        "sha256": stored.sha256,
        "content_type": "application/pdf",
        "size": len(data),
    }
    assert stored_counts(inspect) == (1, 3)


@pytest.mark.parametrize(
    ("data", "filename", "content_type", "expected_name"),
    [
        (samples.jpeg(), "IMG_20250101.jpeg", "image/jpeg", "IMG_20250101.jpg"),
        (samples.png(), "chu ky.png", "image/png", "chu ky.png"),
        (samples.webp(), "anh.webp", "image/webp", "anh.webp"),
        (samples.heic(), "IMG_0001.HEIC", "image/heic", "IMG_0001.heic"),
    ],
    ids=["jpeg", "png", "webp", "heic"],
)
def test_each_image_type_is_stored_under_its_sniffed_type(
    mongo_uri: str, db_name: str, data: bytes, filename: str, content_type: str, expected_name: str
) -> None:
    async def scenario(db: ADb) -> tuple[StoredFile, bytes]:
        stored = await store(db, data, filename=filename, owner_id="u-1", purpose="id-card")
        _, chunks = await open_download(db, stored.file_id)
        return stored, await read_all(chunks)

    stored, downloaded = run(mongo_uri, db_name, scenario)
    assert (stored.content_type, stored.filename, downloaded) == (content_type, expected_name, data)


def test_a_stream_is_spooled_validated_and_stored(
    mongo_uri: str, db_name: str, inspect: Database[dict[str, Any]]
) -> None:
    data = samples.pdf(padding=1_500_000)  # past the in-memory spool threshold
    pieces = Pieces(data, size=7_000)

    async def scenario(db: ADb) -> tuple[StoredFile, bytes]:
        stored = await store(db, pieces, filename="ket-qua.pdf", owner_id="officer-7", purpose="result")
        _, chunks = await open_download(db, stored.file_id)
        return stored, await read_all(chunks)

    stored, downloaded = run(mongo_uri, db_name, scenario)
    assert downloaded == data
    assert stored.sha256 == hashlib.sha256(data).hexdigest()
    assert stored.size == len(data)
    assert stored_counts(inspect)[0] == 1


def test_a_naive_client_still_gets_an_aware_upload_time(mongo_uri: str, db_name: str) -> None:
    async def scenario(db: ADb) -> tuple[StoredFile, StoredFile]:
        stored = await store(db, samples.png(), filename="a.png", owner_id="u-1", purpose="p")
        described, _ = await open_download(db, stored.file_id)
        return stored, described

    stored, described = run(mongo_uri, db_name, scenario, tz_aware=False)
    assert described.uploaded_at.tzinfo is not None
    assert described == stored


# --- refusals leave nothing behind -----------------------------------------------------------


def test_oversize_is_413_and_nothing_is_stored(
    mongo_uri: str, db_name: str, inspect: Database[dict[str, Any]]
) -> None:
    data = samples.pdf(padding=300_000)

    async def scenario(db: ADb) -> list[AppError]:
        errors: list[AppError] = []
        for source in (data, Pieces(data)):
            with pytest.raises(PayloadTooLarge) as caught:
                await store(db, source, filename="a.pdf", owner_id="u", purpose="p", max_bytes=100_000)
            errors.append(caught.value)
        return errors

    for error in run(mongo_uri, db_name, scenario):
        expect_problem(error, 413, "file-too-large")
        assert error.extra["max_bytes"] == 100_000
    assert stored_counts(inspect) == (0, 0)


def test_the_default_limit_is_10_mb_and_stops_reading_the_stream(
    mongo_uri: str, db_name: str, inspect: Database[dict[str, Any]]
) -> None:
    pieces = Pieces(samples.pdf(padding=MAX_BYTES + 500_000), size=1024 * 1024)

    async def scenario(db: ADb) -> PayloadTooLarge:
        with pytest.raises(PayloadTooLarge) as caught:
            await store(db, pieces, filename="a.pdf", owner_id="u", purpose="p")
        return caught.value

    error = run(mongo_uri, db_name, scenario)
    assert "10 MB" in error.vi
    assert "10 MB" in error.en
    assert pieces.pulled == 11  # the eleventh MiB crossed the limit; the rest was never read
    assert stored_counts(inspect) == (0, 0)


def test_exactly_the_limit_is_accepted(mongo_uri: str, db_name: str) -> None:
    data = samples.pdf(padding=5_000)

    async def scenario(db: ADb) -> StoredFile:
        return await store(db, data, filename="a.pdf", owner_id="u", purpose="p", max_bytes=len(data))

    assert run(mongo_uri, db_name, scenario).size == len(data)


def test_empty_is_422_and_nothing_is_stored(
    mongo_uri: str, db_name: str, inspect: Database[dict[str, Any]]
) -> None:
    async def scenario(db: ADb) -> list[Invalid]:
        errors: list[Invalid] = []
        for source in (b"", Pieces(b""), Pieces(b"")):
            with pytest.raises(Invalid) as caught:
                await store(db, source, filename="a.pdf", owner_id="u", purpose="p")
            errors.append(caught.value)
        return errors

    for error in run(mongo_uri, db_name, scenario):
        expect_problem(error, 422, "empty-file")
    assert stored_counts(inspect) == (0, 0)


@pytest.mark.parametrize(
    "data",
    [samples.MZ + b"\x00" * 300_000, samples.ELF, samples.SVG, samples.HTML, samples.ZIP_DOCX, samples.GIF],
    ids=["mz", "elf", "svg", "html", "docx", "gif"],
)
def test_a_refused_type_renamed_pdf_is_415_and_nothing_is_stored(
    mongo_uri: str, db_name: str, inspect: Database[dict[str, Any]], data: bytes
) -> None:
    pieces = Pieces(data)

    async def scenario(db: ADb) -> list[UnsupportedFileType]:
        errors: list[UnsupportedFileType] = []
        for source in (data, pieces):
            with pytest.raises(UnsupportedFileType) as caught:
                await store(db, source, filename="ho-so.pdf", owner_id="u", purpose="p")
            errors.append(caught.value)
        return errors

    for error in run(mongo_uri, db_name, scenario):
        expect_problem(error, 415, "unsupported-file-type")
        assert "PDF" in error.vi
        assert "PDF" in error.en
        assert "application/pdf" in error.extra["allowed_types"]
    assert pieces.pulled == 1  # refused on its first piece, before the rest was read
    assert stored_counts(inspect) == (0, 0)


def test_a_truncated_pdf_is_refused_and_nothing_is_stored(
    mongo_uri: str, db_name: str, inspect: Database[dict[str, Any]]
) -> None:
    whole = samples.pdf(padding=200_000)
    cut = whole[: len(whole) * 2 // 3]

    async def scenario(db: ADb) -> list[Invalid]:
        errors: list[Invalid] = []
        for source in (cut, Pieces(cut)):
            with pytest.raises(Invalid) as caught:
                await store(db, source, filename="a.pdf", owner_id="u", purpose="p")
            errors.append(caught.value)
        return errors

    for error in run(mongo_uri, db_name, scenario):
        expect_problem(error, 422, "incomplete-file")
    assert stored_counts(inspect) == (0, 0)


def test_a_file_without_an_owner_is_a_programming_error(mongo_uri: str, db_name: str) -> None:
    async def scenario(db: ADb) -> None:
        await store(db, samples.pdf(), filename="a.pdf", owner_id="", purpose="p")

    with pytest.raises(ValueError, match="owner"):
        run(mongo_uri, db_name, scenario)


# --- failures while writing ------------------------------------------------------------------


def test_chunks_written_before_a_failed_upload_are_removed(
    mongo_uri: str, db_name: str, inspect: Database[dict[str, Any]]
) -> None:
    """The server refuses the third chunk: the two already inserted must not stay behind."""
    inspect.create_collection(f"{BUCKET}.chunks", validator={"n": {"$lt": 2}})
    data = samples.pdf(padding=800_000)  # four chunks

    async def scenario(db: ADb) -> None:
        await store(db, data, filename="a.pdf", owner_id="u", purpose="p")

    with pytest.raises(WriteError):
        run(mongo_uri, db_name, scenario)
    assert stored_counts(inspect) == (0, 0)


def test_chunks_are_removed_when_the_file_document_is_refused(
    mongo_uri: str, db_name: str, inspect: Database[dict[str, Any]]
) -> None:
    inspect.create_collection(f"{BUCKET}.files", validator={"$jsonSchema": {"required": ["never_set"]}})

    async def scenario(db: ADb) -> None:
        await store(db, samples.pdf(padding=300_000), filename="a.pdf", owner_id="u", purpose="p")

    with pytest.raises(WriteError):
        run(mongo_uri, db_name, scenario)
    assert stored_counts(inspect) == (0, 0)


def test_gridfs_refuses_a_transaction_before_writing(
    mongo_uri: str, db_name: str, inspect: Database[dict[str, Any]]
) -> None:
    async def scenario(db: ADb) -> None:
        async with db.client.start_session() as session:
            await session.start_transaction()
            try:
                await store(db, samples.pdf(), filename="a.pdf", owner_id="u", purpose="p", session=session)
            finally:
                await session.abort_transaction()

    with pytest.raises(InvalidOperation, match="transactions"):
        run(mongo_uri, db_name, scenario)
    assert stored_counts(inspect) == (0, 0)


# --- download and delete ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "file_id",
    [
        "6650a1b2c3d4e5f601234567",
        "not-an-id",
        "../../etc/passwd",
        "abcdefghijkl",
        "",
        "6650A1B2C3D4E5F60123456",
    ],
)
def test_unknown_or_malformed_ids_are_not_found(mongo_uri: str, db_name: str, file_id: str) -> None:
    async def scenario(db: ADb) -> tuple[NotFound, bool]:
        with pytest.raises(NotFound) as caught:
            await open_download(db, file_id)
        return caught.value, await delete(db, file_id)

    error, deleted = run(mongo_uri, db_name, scenario)
    expect_problem(error, 404, "file-not-found")
    assert deleted is False


def test_a_file_put_in_the_bucket_by_other_means_is_never_served(mongo_uri: str, db_name: str) -> None:
    async def scenario(db: ADb) -> NotFound:
        raw_id = await AsyncGridFSBucket(db, BUCKET).upload_from_stream("x.html", samples.HTML)
        with pytest.raises(NotFound) as caught:
            await open_download(db, str(raw_id))
        return caught.value

    expect_problem(run(mongo_uri, db_name, scenario), 404, "file-not-found")


def test_delete_removes_the_file_and_its_chunks(
    mongo_uri: str, db_name: str, inspect: Database[dict[str, Any]]
) -> None:
    async def scenario(db: ADb) -> tuple[bool, bool]:
        kept = await store(db, samples.png(), filename="keep.png", owner_id="u", purpose="p")
        gone = await store(db, samples.pdf(padding=600_000), filename="a.pdf", owner_id="u", purpose="p")
        first = await delete(db, gone.file_id)
        again = await delete(db, gone.file_id)
        with pytest.raises(NotFound):
            await open_download(db, gone.file_id)
        await open_download(db, kept.file_id)
        return first, again

    assert run(mongo_uri, db_name, scenario) == (True, False)
    assert stored_counts(inspect) == (1, 1)


def test_downloads_and_deletes_use_indexes(
    mongo_uri: str, db_name: str, inspect: Database[dict[str, Any]]
) -> None:
    async def upload(db: ADb) -> list[str]:
        return [
            (
                await store(db, samples.pdf(padding=600_000), filename=f"{i}.pdf", owner_id="u", purpose="p")
            ).file_id
            for i in range(3)
        ]

    async def download_and_delete(db: ADb) -> None:
        _, chunks = await open_download(db, ids[0])
        await read_all(chunks)
        await delete(db, ids[1])

    ids = run(mongo_uri, db_name, upload)
    with profiled(inspect) as commands:
        run(mongo_uri, db_name, download_and_delete)
    verbs = {(next(iter(c)), c[next(iter(c))]) for c in commands}
    assert {
        ("find", f"{BUCKET}.chunks"),
        ("delete", f"{BUCKET}.chunks"),
        ("delete", f"{BUCKET}.files"),
    } <= verbs
    assert collection_scans(inspect, [as_find(command) for command in commands]) == []


def as_find(command: dict[str, Any]) -> dict[str, Any]:
    """SecantusDB explains a ``delete`` without reading its filter (always COLLSCAN, although
    deleting by an indexed field takes constant time), so explain the same filter as a find."""
    if next(iter(command)) != "delete":
        return command
    return {"find": command["delete"], "filter": command["deletes"][0]["q"]}
