"""Without ``pwa/dist`` the API still starts and ``/`` says how to build the app."""

from __future__ import annotations

import dataclasses

import httpx
import pytest

from backend.settings import Settings


@pytest.fixture(scope="module")
def settings(settings: Settings, tmp_path_factory: pytest.TempPathFactory) -> Settings:
    return dataclasses.replace(settings, pwa_dist=tmp_path_factory.mktemp("empty") / "dist")


def test_a_missing_build_is_explained_in_both_languages(api: httpx.Client) -> None:
    for path in ("/", "/thu-tuc"):
        response = api.get(path)
        assert response.status_code == 503
        assert response.headers["content-type"].startswith("text/html")
        assert "chưa được build" in response.text
        assert "not built" in response.text
        assert "make run" in response.text
    assert api.get("/healthz").status_code == 200
    assert api.get("/api/v1/procedures").status_code == 200
