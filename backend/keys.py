"""ES256 signing keys with ids (``kid``), kept as PEM files in one directory.

The newest key (by file name, which starts with its creation date) signs; every key in the
directory verifies, so a key can be rotated by adding a newer file and removing the old one only
once nothing it signed is still valid. Used for access tokens (and, later, receipts).
"""

from __future__ import annotations

import base64
import os
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec


def _b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


@dataclass(frozen=True)
class SigningKey:
    kid: str
    private_key: ec.EllipticCurvePrivateKey

    @property
    def public_key(self) -> ec.EllipticCurvePublicKey:
        return self.private_key.public_key()

    def public_jwk(self) -> dict[str, Any]:
        numbers = self.public_key.public_numbers()
        return {
            "kty": "EC",
            "crv": "P-256",
            "x": _b64url(numbers.x.to_bytes(32, "big")),
            "y": _b64url(numbers.y.to_bytes(32, "big")),
            "kid": self.kid,
            "alg": "ES256",
            "use": "sig",
        }


class KeyRing:
    def __init__(self, keys: list[SigningKey]) -> None:
        if not keys:
            raise ValueError("a key ring needs at least one key")
        self._by_kid = {k.kid: k for k in keys}
        self.active = max(keys, key=lambda k: k.kid)

    def get(self, kid: str) -> SigningKey | None:
        return self._by_kid.get(kid)

    def jwks(self) -> dict[str, Any]:
        return {"keys": [k.public_jwk() for k in sorted(self._by_kid.values(), key=lambda k: k.kid)]}

    @classmethod
    def load(cls, directory: Path, *, create: bool) -> KeyRing:
        """Load ``<kid>.pem`` files; with ``create``, make the first key if there is none."""
        keys: list[SigningKey] = []
        if directory.is_dir():
            for path in sorted(directory.glob("*.pem")):
                private = serialization.load_pem_private_key(path.read_bytes(), password=None)
                if not isinstance(private, ec.EllipticCurvePrivateKey):
                    raise ValueError(f"{path} is not an EC private key")
                keys.append(SigningKey(kid=path.stem, private_key=private))
        if not keys:
            if not create:
                raise RuntimeError(f"no signing keys in {directory}: provision <kid>.pem files")
            keys.append(generate_key(directory))
        return cls(keys)


def generate_key(directory: Path) -> SigningKey:
    """Create a P-256 key as ``<date>-<random>.pem``, readable by the owner only."""
    directory.mkdir(parents=True, exist_ok=True)
    kid = f"{datetime.now(UTC):%Y%m%d}-{secrets.token_hex(4)}"
    private = ec.generate_private_key(ec.SECP256R1())
    pem = private.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    path = directory / f"{kid}.pem"
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as fh:
        fh.write(pem)
    return SigningKey(kid=kid, private_key=private)
