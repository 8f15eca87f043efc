"""Receipt signing keys: ES256 PEM files named by ``kid``, rotated on a schedule.

A kid is ``r<YYYYMMDDHHMM>-<hex>`` (UTC creation time), so the file names sort by age and a
key's age needs no extra metadata. The newest key older than the publish lead signs; a newer
one is already published (in the JWKS) but waits, so phones that cached the JWKS know it
before the first receipt it signs reaches a desk. Which old keys stay published is decided by
the receipts they signed (``service.published_keys``), not here.
"""

from __future__ import annotations

import logging
import os
import secrets
from datetime import UTC, datetime, timedelta
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec

from backend.keys import SigningKey
from backend.settings import Settings

log = logging.getLogger("congdanso.receipts")
_KID_TIME = "%Y%m%d%H%M"


def kid_created(kid: str) -> datetime | None:
    """The creation time encoded in a kid, or ``None`` for a foreign name."""
    try:
        return datetime.strptime(kid[1:13], _KID_TIME).replace(tzinfo=UTC)
    except ValueError:
        return None


def write_key(directory: Path, created: datetime) -> SigningKey:
    """A new P-256 key as ``<kid>.pem``, readable by its owner only."""
    directory.mkdir(parents=True, exist_ok=True)
    kid = f"r{created.astimezone(UTC):{_KID_TIME}}-{secrets.token_hex(2)}"
    private = ec.generate_private_key(ec.SECP256R1())
    pem = private.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    fd = os.open(directory / f"{kid}.pem", os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as fh:
        fh.write(pem)
    return SigningKey(kid=kid, private_key=private)


class ReceiptKeys:
    """The receipt key directory, re-read when it changes (another process may rotate)."""

    def __init__(
        self, directory: Path, *, rotation: timedelta, publish_lead: timedelta, auto_rotate: bool = True
    ) -> None:
        self.directory = directory
        self.rotation = rotation
        self.publish_lead = publish_lead
        self.auto_rotate = auto_rotate
        self._keys: dict[str, SigningKey] = {}
        self._stamp: int | None = None

    def _reload(self) -> None:
        try:
            stamp = self.directory.stat().st_mtime_ns
        except FileNotFoundError:
            stamp = -1
        if stamp == self._stamp:
            return
        keys: dict[str, SigningKey] = {}
        for path in sorted(self.directory.glob("r*.pem")) if stamp != -1 else []:
            if kid_created(path.stem) is None:
                continue
            private = serialization.load_pem_private_key(path.read_bytes(), password=None)
            if isinstance(private, ec.EllipticCurvePrivateKey) and isinstance(private.curve, ec.SECP256R1):
                keys[path.stem] = SigningKey(kid=path.stem, private_key=private)
        self._keys, self._stamp = keys, stamp

    def all(self) -> list[SigningKey]:
        """Every key we hold, oldest first."""
        self._reload()
        return [self._keys[k] for k in sorted(self._keys)]

    def get(self, kid: str) -> SigningKey | None:
        self._reload()
        return self._keys.get(kid)

    def rotate(self, now: datetime | None = None) -> SigningKey:
        """Make the next key now (published at once, signing after the publish lead)."""
        key = write_key(self.directory, now or datetime.now(UTC))
        self._stamp = None
        log.info("receipt key created", extra={"kid": key.kid})
        return key

    def _created(self, key: SigningKey) -> datetime:
        created = kid_created(key.kid)
        assert created is not None  # _reload keeps only well-named keys
        return created

    def signer(self, now: datetime | None = None) -> SigningKey:
        """The key that signs now, rotating first when it is due."""
        now = now or datetime.now(UTC)
        keys = self.all()
        if not keys:
            if not self.auto_rotate:
                raise RuntimeError(
                    f"no receipt keys in {self.directory}: run `congdanso receipts rotate-key`"
                )
            return self.rotate(now)
        ready = [k for k in keys if self._created(k) <= now - self.publish_lead]
        active = ready[-1] if ready else keys[-1]  # the very first key signs at once
        successor_due = self._created(active) + self.rotation - self.publish_lead
        if self.auto_rotate and keys[-1] is active and now >= successor_due:
            try:
                self.rotate(now)
            except OSError:
                log.warning("cannot write the next receipt key", exc_info=True)
        return active

    def upcoming(self, now: datetime | None = None) -> list[SigningKey]:
        """The signer and any newer (pre-published) keys: always in the JWKS."""
        active = self.signer(now)
        return [k for k in self.all() if k.kid >= active.kid]


def receipt_keys(settings: Settings) -> ReceiptKeys:
    """The receipt key directory ``settings`` names (by default beside the access-token keys)."""
    own = settings.receipts
    return ReceiptKeys(
        own.key_dir or settings.auth.key_dir / "receipts",
        rotation=timedelta(days=own.rotation_days),
        publish_lead=timedelta(hours=own.publish_lead_hours),
    )
