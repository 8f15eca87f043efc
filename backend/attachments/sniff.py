"""What an uploaded file really is, from its first bytes (never its name or ``Content-Type``).

Only formats an official can open on any office PC or phone, and that cannot carry script when
served back, are allowed. SVG (script inside), HTML, GIF, ZIP/Office (macros, zip bombs) and
executables are refused by not being recognised: anything unknown is ``None``.
"""

from __future__ import annotations

import struct

PDF = "application/pdf"
JPEG = "image/jpeg"
PNG = "image/png"
WEBP = "image/webp"
HEIC = "image/heic"
HEIF = "image/heif"

#: Canonical extension per allowed type: the stored filename always ends with it, so a device
#: opens the file with the right app whatever the citizen called it.
EXTENSIONS: dict[str, str] = {
    PDF: ".pdf",
    JPEG: ".jpg",
    PNG: ".png",
    WEBP: ".webp",
    HEIC: ".heic",
    HEIF: ".heif",
}

ALLOWED_TYPES: frozenset[str] = frozenset(EXTENSIONS)

#: How many leading bytes :func:`sniff` wants (an ISO-BMFF ``ftyp`` box lists its brands here).
SNIFF_BYTES = 256

#: Readers accept ``%%EOF`` anywhere in the last KiB (trailing whitespace or junk is common).
PDF_TAIL_BYTES = 1024

_PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
_HEIC_BRANDS = frozenset({b"heic", b"heix"})
_HEIF_BRANDS = frozenset({b"mif1", b"msf1", b"heif"})
#: AVIF is HEIF-structured (often ``mif1`` + ``avif``) but few office viewers open it.
_AVIF_BRANDS = frozenset({b"avif", b"avis"})


def _sniff_heif(head: bytes) -> str | None:
    """HEIC/HEIF: an ISO-BMFF ``ftyp`` box first, with a HEIF major brand."""
    if len(head) < 16 or head[4:8] != b"ftyp":
        return None
    (box_size,) = struct.unpack(">I", head[:4])
    if box_size < 16:
        return None
    major = head[8:12]
    end = min(box_size, len(head))
    compatible = {head[i : i + 4] for i in range(16, end - 3, 4)}
    if major in _HEIC_BRANDS:
        return HEIC
    if major in _HEIF_BRANDS:
        if compatible & _AVIF_BRANDS:
            return None
        return HEIC if compatible & _HEIC_BRANDS else HEIF
    return None


def sniff(head: bytes) -> str | None:
    """The allowed MIME type ``head`` (the first :data:`SNIFF_BYTES` bytes) starts with, or ``None``."""
    if head.startswith(b"%PDF-"):
        return PDF
    if head.startswith(b"\xff\xd8\xff"):
        return JPEG
    if head.startswith(_PNG_SIGNATURE):
        return PNG
    if len(head) >= 12 and head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return WEBP
    return _sniff_heif(head)


def looks_complete(content_type: str, tail: bytes) -> bool:
    """Whether a file of ``content_type`` ending in ``tail`` arrived whole.

    A PDF cut short by a flaky mobile link still starts with ``%PDF-`` but has no ``%%EOF``
    trailer, and an official would only find out when it fails to open days later. Images are
    not checked: JPEG "motion photos" legitimately carry a video after the end-of-image marker.
    """
    if content_type == PDF:
        return b"%%EOF" in tail[-PDF_TAIL_BYTES:]
    return True
