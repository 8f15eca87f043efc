"""The real type comes from the bytes; names and extensions are only cosmetics we rewrite."""

from __future__ import annotations

import unicodedata

import pytest

from backend.attachments import ALLOWED_TYPES, EXTENSIONS, looks_complete, safe_filename, sniff
from tests.attachments import samples


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (samples.pdf(), "application/pdf"),
        (samples.jpeg(), "image/jpeg"),
        (samples.png(), "image/png"),
        (samples.webp(), "image/webp"),
        (samples.heic(), "image/heic"),
        (samples.ftyp(b"heix", b"mif1", b"heix"), "image/heic"),
        (samples.ftyp(b"mif1", b"mif1", b"heic"), "image/heic"),
        (samples.ftyp(b"mif1", b"mif1"), "image/heif"),
        (samples.ftyp(b"heif"), "image/heif"),
    ],
    ids=["pdf", "jpeg", "png", "webp", "heic", "heix", "mif1-heic", "mif1", "heif"],
)
def test_allowed_types_are_recognised_from_their_first_bytes(data: bytes, expected: str) -> None:
    assert sniff(data[:256]) == expected
    assert expected in ALLOWED_TYPES


@pytest.mark.parametrize(
    "data",
    [
        samples.ELF,
        samples.MZ,
        samples.SHEBANG,
        samples.ZIP_DOCX,
        samples.HTML,
        samples.SVG,
        samples.BARE_SVG,
        samples.GIF,
        samples.WAVE,
        samples.ftyp(b"avif", b"mif1", b"avif"),
        samples.ftyp(b"mif1", b"mif1", b"avif"),
        samples.ftyp(b"isom", b"isom", b"mp42"),  # an MP4 video
        b" %PDF-1.7",  # a PDF signature not at the start is how polyglots begin
        b"\xff\xd8",  # too short to be a JPEG
        b"RIFF\x00\x00\x00\x00WEB",
        b"\x00\x00\x00\x08ftypheic",  # a box too small to hold its own brand
        b"",
    ],
    ids=[
        "elf",
        "mz",
        "shebang",
        "zip-docx",
        "html",
        "svg",
        "bare-svg",
        "gif",
        "wave",
        "avif",
        "mif1-avif",
        "mp4",
        "offset-pdf",
        "short-jpeg",
        "short-riff",
        "tiny-ftyp",
        "empty",
    ],
)
def test_everything_else_is_unknown(data: bytes) -> None:
    assert sniff(data) is None


def test_the_extension_table_covers_exactly_the_allowed_types() -> None:
    assert set(EXTENSIONS) == ALLOWED_TYPES
    assert all(ext.startswith(".") and ext.islower() for ext in EXTENSIONS.values())


def test_a_pdf_must_end_with_its_trailer() -> None:
    whole = samples.pdf()
    assert looks_complete("application/pdf", whole[-1024:])
    assert looks_complete("application/pdf", whole + b"\r\n\x00" * 100)  # trailing junk is common
    assert not looks_complete("application/pdf", whole[: len(whole) // 2])
    assert not looks_complete("application/pdf", whole[:-7])
    assert looks_complete("image/jpeg", samples.jpeg()[:10])  # images are not checked


@pytest.mark.parametrize(
    ("raw", "content_type", "expected"),
    [
        ("Giấy khai sinh con.pdf", "application/pdf", "Giấy khai sinh con.pdf"),
        ("../../etc/passwd", "application/pdf", "passwd.pdf"),
        ("C:\\Users\\An\\Ảnh CCCD mặt trước.JPG", "image/jpeg", "Ảnh CCCD mặt trước.jpg"),
        ("virus.exe", "application/pdf", "virus.pdf"),
        ("ảnh.jpeg", "image/jpeg", "ảnh.jpg"),
        ("IMG_0042.HEIC", "image/heic", "IMG_0042.heic"),
        ("hop dong v1.2", "application/pdf", "hop dong v1.2.pdf"),
        ("Nguyễn V. An", "image/png", "Nguyễn V. An.png"),
        ("a\x00b\nc\td", "application/pdf", "ab c d.pdf"),
        ("báo\u202egpj.exe", "image/jpeg", "báogpj.jpg"),  # bidi override removed
        ('đơn<script>"x".pdf', "application/pdf", "đơn script x.pdf"),
        ("  ..  ", "application/pdf", "tep-dinh-kem.pdf"),
        ("", "image/png", "tep-dinh-kem.png"),
        ("thư mục/", "application/pdf", "tep-dinh-kem.pdf"),
        (".htaccess", "application/pdf", "htaccess.pdf"),
        ("report.pdf.", "application/pdf", "report.pdf"),
    ],
)
def test_filenames_are_made_safe_and_stay_readable(raw: str, content_type: str, expected: str) -> None:
    assert safe_filename(raw, content_type) == expected


def test_decomposed_vietnamese_is_composed() -> None:
    decomposed = unicodedata.normalize("NFD", "Giấy chứng nhận quyền sử dụng đất.pdf")
    assert decomposed != "Giấy chứng nhận quyền sử dụng đất.pdf"
    assert safe_filename(decomposed, "application/pdf") == "Giấy chứng nhận quyền sử dụng đất.pdf"


def test_long_names_are_cut_to_120_characters_keeping_the_extension() -> None:
    name = safe_filename("Bản sao " + "rất dài " * 40 + ".pdf", "application/pdf")
    assert len(name) <= 120
    assert name.endswith(".pdf")
    assert not name.endswith(" .pdf")
    assert name.startswith("Bản sao rất dài")
