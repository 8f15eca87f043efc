"""The built PWA at ``/``: files with their types and cache policy, SPA fallback, real 404s."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import httpx
import pytest

from backend.settings import Settings
from backend.web.files import IMMUTABLE, resolve

NAVIGATE = {"Accept": "text/html,application/xhtml+xml,*/*;q=0.8"}
INDEX = '<!doctype html><html lang="vi"><head><title>Công dân số</title></head><body></body></html>'


def build(dist: Path) -> None:
    (dist / "assets").mkdir(parents=True)
    (dist / "index.html").write_text(INDEX, encoding="utf-8")
    (dist / "sw.js").write_text("self.addEventListener('fetch', () => {});")
    (dist / "manifest.webmanifest").write_text('{"name": "Công dân số"}', encoding="utf-8")
    (dist / "assets" / "index-3f2a1b.js").write_text("console.log(1);")
    (dist / "assets" / "index-9c8d7e.css").write_text("body{}")


@pytest.fixture(scope="module")
def settings(settings: Settings, tmp_path_factory: pytest.TempPathFactory) -> Settings:
    dist = tmp_path_factory.mktemp("pwa") / "dist"
    build(dist)
    return dataclasses.replace(settings, pwa_dist=dist)


def test_index_is_served_at_the_root_and_never_cached_stale(api: httpx.Client) -> None:
    response = api.get("/", headers=NAVIGATE)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    assert response.headers["cache-control"] == "no-cache"
    assert "Công dân số" in response.text


@pytest.mark.parametrize(
    ("path", "media_type", "cache"),
    [
        ("/assets/index-3f2a1b.js", "text/javascript", IMMUTABLE),
        ("/assets/index-9c8d7e.css", "text/css", IMMUTABLE),
        ("/sw.js", "text/javascript", "no-cache"),
        ("/manifest.webmanifest", "application/manifest+json", "no-cache"),
    ],
)
def test_files_carry_their_type_and_cache_policy(
    api: httpx.Client, path: str, media_type: str, cache: str
) -> None:
    response = api.get(path)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith(media_type)
    assert response.headers["cache-control"] == cache


def test_app_routes_fall_back_to_the_shell(api: httpx.Client) -> None:
    for path in ("/thu-tuc", "/thu-tuc/1.001612", "/en/catalogue"):
        response = api.get(path, headers=NAVIGATE)
        assert response.status_code == 200, path
        assert response.text == INDEX


def test_missing_files_and_unknown_api_paths_are_problems(api: httpx.Client) -> None:
    for path in ("/assets/gone-000.js", "/icon-999.png", "/api/v1/nothing-here", "/api/x"):
        accept = NAVIGATE if not path.endswith((".js", ".png")) else {"Accept": "*/*"}
        response = api.get(path, headers=accept)
        assert response.status_code == 404, path
        assert response.headers["content-type"].startswith("application/problem+json"), path


def test_the_api_still_wins_over_the_fallback(api: httpx.Client) -> None:
    response = api.get("/api/v1/procedures", params={"q": "khai sinh"})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/json")


def test_nothing_outside_dist_is_reachable(settings: Settings, api: httpx.Client) -> None:
    secret = settings.pwa_dist.parent / "secret.txt"
    secret.write_text("top secret")
    assert resolve(settings.pwa_dist, "/../secret.txt", navigation=False) is None
    for path in ("/../secret.txt", "/%2e%2e/secret.txt", "/assets/%2e%2e/%2e%2e/secret.txt"):
        response = api.get(path, headers=NAVIGATE)
        assert "top secret" not in response.text, path
