"""Which file of the built PWA answers a path, with its content type and cache policy (no HTTP)."""

from __future__ import annotations

import mimetypes
from dataclasses import dataclass
from pathlib import Path

#: Vite writes content-hashed names under ``assets/``: they never change, so cache them for a year.
IMMUTABLE = "public, max-age=31536000, immutable"
#: Everything else (index.html, sw.js, the manifest, icons) is revalidated on every use, so a new
#: deployment is picked up at once and the service worker update check is never served stale.
REVALIDATE = "no-cache"

_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".mjs": "text/javascript; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".json": "application/json",
    ".webmanifest": "application/manifest+json",
    ".svg": "image/svg+xml",
    ".png": "image/png",
    ".ico": "image/x-icon",
    ".woff2": "font/woff2",
    ".txt": "text/plain; charset=utf-8",
    ".map": "application/json",
}


@dataclass(frozen=True, slots=True)
class StaticFile:
    path: Path
    media_type: str
    cache_control: str


def content_type(path: Path) -> str:
    suffix = path.suffix.lower()
    if suffix in _TYPES:
        return _TYPES[suffix]
    guessed, _ = mimetypes.guess_type(path.name)
    return guessed or "application/octet-stream"


def is_reserved(path: str) -> bool:
    """Paths the SPA never owns: an unknown one there is a real 404, not the app shell."""
    first = path.strip("/").split("/", 1)[0]
    return first in ("api", "schema")


def resolve(dist: Path, path: str, *, navigation: bool) -> StaticFile | None:
    """The file for ``path``: an existing file inside ``dist``, else ``index.html`` (the SPA
    fallback) when the browser is navigating (it accepts HTML). A missing script, style or icon
    is ``None`` (a 404): answering HTML there would break the page. ``None`` also for any
    attempt to leave ``dist``."""
    root = dist.resolve()
    relative = path.lstrip("/")
    if relative:
        candidate = (root / relative).resolve()
        if candidate.is_relative_to(root) and candidate.is_file():
            return _describe(root, candidate)
        if not navigation or relative.startswith("assets/"):
            return None
    index = root / "index.html"
    return _describe(root, index) if index.is_file() else None


def _describe(root: Path, file: Path) -> StaticFile:
    hashed = file.relative_to(root).parts[0] == "assets"
    return StaticFile(file, content_type(file), IMMUTABLE if hashed else REVALIDATE)


def is_navigation(accept: str) -> bool:
    return "text/html" in accept.lower()


def is_built(dist: Path) -> bool:
    return (dist / "index.html").is_file()
