"""The `congdanso` command as an operator uses it, in subprocesses against real servers."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from backend.embedded_db import free_port
from backend.settings import Settings

CLI = [sys.executable, "-m", "backend.cli"]


def env_for(settings: Settings, **extra: str) -> dict[str, str]:
    assert settings.db.uri
    return {
        **os.environ,
        "MONGODB_URI": settings.db.uri,
        "MONGODB_DB": settings.db.name,
        "PASSWORD_PROFILE": "cheapest",
        "JWT_KEY_DIR": str(settings.auth.key_dir),
        **extra,
    }


def run(args: list[str], env: dict[str, str], **kwargs: object) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*CLI, *args], env=env, capture_output=True, text=True, timeout=120, check=False, **kwargs
    )  # type: ignore[call-overload]


def test_seed_is_idempotent_and_prints_demo_accounts(settings: Settings) -> None:
    first = run(["seed"], env_for(settings))
    assert first.returncode == 0, first.stderr
    assert "Seeded 67 agencies, 34 procedures" in first.stdout
    assert "and 11 demo dossiers" in first.stdout
    assert "0900000001" in first.stdout
    assert "congdan-demo-1" in first.stdout
    second = run(["seed"], env_for(settings))
    assert second.returncode == 0, second.stderr
    assert "already existed" in second.stdout
    assert "and 0 demo dossiers" in second.stdout
    audit = run(["audit", "verify"], env_for(settings))
    assert audit.returncode == 0, audit.stderr
    assert "Audit chain intact" in audit.stdout


def test_create_user_validates_and_creates(settings: Settings) -> None:
    run(["seed", "--no-demo-accounts"], env_for(settings))
    ok = run(
        ["create-user", "--role", "official", "--agency", "HD.SXD", "--phone", "0911222333",
         "--name", "Ngô Văn Hùng", "--position", "Chuyên viên"],
        env_for(settings, CONGDANSO_PASSWORD="mat-khau-can-bo"),
    )  # fmt: skip
    assert ok.returncode == 0, ok.stderr
    assert "Created official Ngô Văn Hùng (+84911222333)" in ok.stdout
    again = run(
        [
            "create-user",
            "--role",
            "official",
            "--agency",
            "HD.SXD",
            "--phone",
            "0911222333",
            "--name",
            "Ai Đó",
        ],
        env_for(settings, CONGDANSO_PASSWORD="mat-khau-can-bo"),
    )
    assert again.returncode == 1
    assert "already registered" in again.stderr
    bad = run(
        ["create-user", "--role", "leader", "--agency", "HD.NOPE", "--phone", "09", "--name", "X"],
        env_for(settings, CONGDANSO_PASSWORD="x"),
    )
    assert bad.returncode == 2
    assert "phone" in bad.stderr


def test_openapi_to_stdout(settings: Settings, project_root: Path) -> None:
    result = run(["openapi", "--output", "-"], env_for(settings))
    assert result.returncode == 0
    assert result.stdout == (project_root / "openapi.yaml").read_text(encoding="utf-8")


def _serve(tmp_path: Path, port: int) -> subprocess.Popen[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("MONGODB_URI", "MONGODB_DB")}
    env.update(
        DATA_DIR=str(tmp_path / "db"), JWT_KEY_DIR=str(tmp_path / "keys"), PASSWORD_PROFILE="cheapest",
        HOST="127.0.0.1", PORT=str(port),
    )  # fmt: skip
    return subprocess.Popen(
        [*CLI, "serve", "--seed"], env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True
    )


def _wait_for_url(proc: subprocess.Popen[str]) -> str:
    assert proc.stdout is not None
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        line = proc.stdout.readline()
        if not line and proc.poll() is not None:
            pytest.fail(f"serve exited with {proc.returncode}")
        if match := re.search(r"running: (http://\S+)", line):
            return match.group(1)
    pytest.fail("serve did not print its URL")


def _stop(proc: subprocess.Popen[str]) -> None:
    proc.send_signal(signal.SIGINT)
    assert proc.wait(timeout=30) == 0


def test_serve_with_the_embedded_database_keeps_users_across_restarts(tmp_path: Path) -> None:
    port = free_port()
    proc = _serve(tmp_path, port)
    try:
        url = _wait_for_url(proc)
        assert url == f"http://localhost:{port}/"
        with httpx.Client(base_url=url, timeout=30) as client:
            assert client.get("/readyz").status_code == 200
            found = client.get("/api/v1/procedures", params={"q": "khai sinh"}).json()["items"]
            assert found[0]["name_vi"] == "Đăng ký khai sinh"
            registered = client.post(
                "/api/v1/auth/register",
                json={"phone": "0977000111", "password": "mat-khau-an-toan", "full_name": "Đặng Thu Trang"},
            )
            assert registered.status_code == 201
    finally:
        _stop(proc)
    # The embedded server stopped with the app: the lock is free for the next start.
    proc = _serve(tmp_path, port)
    try:
        url = _wait_for_url(proc)
        with httpx.Client(base_url=url, timeout=30) as client:
            login = client.post(
                "/api/v1/auth/login", json={"phone": "0977000111", "password": "mat-khau-an-toan"}
            )
            assert login.status_code == 200, login.text
            assert login.json()["user"]["full_name"] == "Đặng Thu Trang"
    finally:
        _stop(proc)


def test_serve_refuses_a_directory_in_use(tmp_path: Path) -> None:
    proc = _serve(tmp_path, free_port())
    try:
        _wait_for_url(proc)
        second = subprocess.run(
            [*CLI, "serve"],
            env={**os.environ, "DATA_DIR": str(tmp_path / "db"), "JWT_KEY_DIR": str(tmp_path / "keys"),
                 "PORT": str(free_port())},
            capture_output=True, text=True, timeout=60, check=False,
        )  # fmt: skip
        assert second.returncode == 1
        assert "locked by another running server" in second.stderr
    finally:
        _stop(proc)
