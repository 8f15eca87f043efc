"""The embedded MongoDB-wire server used when ``MONGODB_URI`` is unset.

SecantusDB runs as a subprocess (``secantusd-py``) on a free loopback port; we never import it
(GPL-2.0). Its data lives in one directory and is kept across restarts. The flags are chosen
for the gaps we measured (see docs/ARCHITECTURE.md):

* ``--sync-on-commit``: an acknowledged write survives a hard kill;
* ``retryWrites=false`` in the URI: its retryable-write registry slows down after ~10k writes.
"""

from __future__ import annotations

import contextlib
import ctypes
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path
from types import TracebackType


class EmbeddedDatabaseError(RuntimeError):
    """The embedded server could not be started; the message says why and what to do."""


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _server_binary() -> str:
    beside_python = Path(sys.executable).parent / "secantusd-py"
    if beside_python.exists():
        return str(beside_python)
    found = shutil.which("secantusd-py")
    if not found:
        raise EmbeddedDatabaseError(
            "secantusd-py was not found: install the project (`make install`) or set MONGODB_URI"
        )
    return found


def _die_with_parent() -> None:  # pragma: no cover - runs in the child before exec
    """Ask Linux to SIGTERM the server if we die, so it never outlives us holding the lock."""
    with contextlib.suppress(Exception):
        libc = ctypes.CDLL("libc.so.6", use_errno=True)
        pr_set_pdeathsig = 1
        libc.prctl(pr_set_pdeathsig, signal.SIGTERM)


class EmbeddedMongo:
    """A SecantusDB server process bound to 127.0.0.1 on a free port."""

    def __init__(self, data_dir: Path | str, port: int | None = None, start_timeout: float = 30.0) -> None:
        self.data_dir = Path(data_dir)
        self.port = port or free_port()
        self.start_timeout = start_timeout
        self._proc: subprocess.Popen[bytes] | None = None
        self._log_path = self.data_dir.parent / f"{self.data_dir.name}.log"

    @property
    def uri(self) -> str:
        return f"mongodb://127.0.0.1:{self.port}/?directConnection=true&retryWrites=false"

    def start(self) -> str:
        """Start the server and wait until it accepts connections; returns its URI."""
        self.data_dir.mkdir(parents=True, exist_ok=True)
        cmd = [
            _server_binary(),
            "--host", "127.0.0.1",
            "--port", str(self.port),
            "--storage-path", str(self.data_dir),
            "--sync-on-commit",
            "--log-level", "WARNING",
        ]  # fmt: skip
        log = self._log_path.open("wb")
        try:
            self._proc = subprocess.Popen(  # noqa: S603 - fixed argv, no shell
                cmd,
                stdout=log,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
                preexec_fn=_die_with_parent if sys.platform == "linux" else None,
            )
        finally:
            log.close()
        deadline = time.monotonic() + self.start_timeout
        while time.monotonic() < deadline:
            if self._proc.poll() is not None:
                raise EmbeddedDatabaseError(self._explain_exit())
            with (
                contextlib.suppress(OSError),
                socket.create_connection(("127.0.0.1", self.port), timeout=0.2),
            ):
                return self.uri
            time.sleep(0.05)
        self.stop()
        raise EmbeddedDatabaseError(
            f"the embedded database did not start within {self.start_timeout:.0f}s; see {self._log_path}"
        )

    def _explain_exit(self) -> str:
        tail = self._log_path.read_text(errors="replace")[-2000:] if self._log_path.exists() else ""
        if "resource busy" in tail or "WiredTiger.lock" in tail:
            return (
                f"the database directory {self.data_dir} is locked by another running server "
                "(is `make run` already running in another terminal?). Stop it, or set DATA_DIR "
                "to another directory."
            )
        if "Address already in use" in tail:
            return f"port {self.port} is already in use; retry or set MONGODB_URI"
        last = tail.strip().splitlines()[-1] if tail.strip() else "no output"
        return f"the embedded database exited at start-up: {last} (full log: {self._log_path})"

    def stop(self, timeout: float = 10.0) -> None:
        proc, self._proc = self._proc, None
        if proc is None or proc.poll() is not None:
            return
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=timeout)

    def kill(self) -> None:
        """Hard-kill (tests of crash safety)."""
        if self._proc is not None:
            self._proc.kill()
            self._proc.wait()
            self._proc = None

    @property
    def running(self) -> bool:
        return self._proc is not None and self._proc.poll() is None

    def __enter__(self) -> EmbeddedMongo:
        self.start()
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.stop()


def ensure_database_uri(uri: str | None, data_dir: Path) -> tuple[str, EmbeddedMongo | None]:
    """Return the URI to use, starting the embedded server when none is configured."""
    if uri:
        return uri, None
    server = EmbeddedMongo(data_dir)
    return server.start(), server
