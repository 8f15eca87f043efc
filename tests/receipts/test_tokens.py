"""The receipt token on its own: signing, and every way a token must fail to verify."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import jwt
import pytest
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from backend.receipts import tokens
from backend.receipts.keys import ReceiptKeys, kid_created, write_key
from backend.receipts.mask import mask_name

NOW = datetime(2026, 11, 24, 8, 0, tzinfo=UTC)
DAY = timedelta(days=1)


def ring(directory: Path, **kw: object) -> ReceiptKeys:
    return ReceiptKeys(directory, rotation=timedelta(days=90), publish_lead=timedelta(hours=48), **kw)  # type: ignore[arg-type]


def claims(keys: ReceiptKeys, **over: object) -> tokens.Claims:
    base = {
        "code": "HD-2026-000123",
        "procedure_code": "HT-KS",
        "agency_code": "HD.TPHD.TRANHUNGDAO",
        "applicant_masked": "Nguyễn V. A.",
        "received_at": NOW,
        "due_at": NOW + 3 * DAY,
        "issued_at": NOW,
        "expires_at": NOW + 200 * DAY,
        "jti": tokens.new_jti(),
        "kid": keys.signer(NOW).kid,
    }
    return tokens.Claims(**{**base, **over})  # type: ignore[arg-type]


@pytest.fixture
def keys(tmp_path: Path) -> ReceiptKeys:
    return ring(tmp_path / "receipt-keys")


def b64(data: dict[str, object]) -> str:
    return base64.urlsafe_b64encode(json.dumps(data).encode()).rstrip(b"=").decode()


def test_a_signed_token_verifies_with_its_claims(keys: ReceiptKeys) -> None:
    c = claims(keys)
    token = tokens.sign(keys, c)
    checked = tokens.check(keys, token, NOW)
    assert checked.reason is None
    assert checked.claims == c
    assert not checked.expired
    assert len(token) < 400  # it must fit a QR a cheap phone reads off paper


def test_changing_any_single_character_breaks_it(keys: ReceiptKeys) -> None:
    token = tokens.sign(keys, claims(keys))
    header, payload, _signature = token.split(".")
    # one character in the header, in the payload, and in the signature
    for position in (len(header) - 6, len(header) + 1 + len(payload) // 2, len(token) - 10):
        original = token[position]
        altered = token[:position] + ("A" if original != "A" else "B") + token[position + 1 :]
        checked = tokens.check(keys, altered, NOW)
        assert checked.claims is None, position
        assert checked.reason in ("bad-signature", "malformed", "unknown-key", "alg-not-allowed")


def test_an_altered_claim_with_the_old_signature_is_invalid(keys: ReceiptKeys) -> None:
    token = tokens.sign(keys, claims(keys))
    header, payload, signature = token.split(".")
    data = json.loads(base64.urlsafe_b64decode(payload + "=="))
    data["sub"] = "HD-2026-000999"
    assert tokens.check(keys, f"{header}.{b64(data)}.{signature}", NOW).reason == "bad-signature"


def test_a_forgery_with_our_kid_but_another_key_is_invalid(keys: ReceiptKeys) -> None:
    c = claims(keys)
    forger = ec.generate_private_key(ec.SECP256R1())
    payload = {"sub": c.code, "p": "HT-KS", "a": c.agency_code, "n": "X", "r": 1, "d": 2,
               "iat": 1, "exp": 4102444800, "jti": "x"}  # fmt: skip
    forged = jwt.encode(payload, forger, algorithm="ES256", headers={"kid": c.kid, "typ": "rct"})
    assert tokens.check(keys, forged, NOW).reason == "bad-signature"


def test_a_token_from_a_key_we_do_not_hold_is_invalid(keys: ReceiptKeys, tmp_path: Path) -> None:
    other = ring(tmp_path / "elsewhere")
    foreign = tokens.sign(other, claims(other))
    assert tokens.check(keys, foreign, NOW).reason == "unknown-key"


def test_alg_none_and_hmac_confusion_are_refused(keys: ReceiptKeys) -> None:
    c = claims(keys)
    body = {
        "sub": c.code,
        "p": "HT-KS",
        "a": "A",
        "n": "N",
        "r": 1,
        "d": 2,
        "iat": 1,
        "exp": 4102444800,
        "jti": "j",
    }
    unsigned = f"{b64({'alg': 'none', 'kid': c.kid, 'typ': 'rct'})}.{b64(body)}."
    assert tokens.check(keys, unsigned, NOW).reason == "alg-not-allowed"
    key = keys.get(c.kid)
    assert key is not None
    public_pem = key.public_key.public_bytes(Encoding.PEM, PublicFormat.SubjectPublicKeyInfo)
    hmac_header = b64({"alg": "HS256", "kid": c.kid, "typ": "rct"})
    signing_input = f"{hmac_header}.{b64(body)}"
    mac = hmac.new(public_pem, signing_input.encode(), hashlib.sha256).digest()
    confused = f"{signing_input}.{base64.urlsafe_b64encode(mac).rstrip(b'=').decode()}"
    assert tokens.check(keys, confused, NOW).reason == "alg-not-allowed"


def test_a_genuine_token_past_its_expiry_is_expired_not_invalid(keys: ReceiptKeys) -> None:
    token = tokens.sign(keys, claims(keys, expires_at=NOW - DAY))
    checked = tokens.check(keys, token, NOW)
    assert checked.claims is not None
    assert checked.expired


@pytest.mark.parametrize("junk", ["", "abc", "a.b", "a.b.c", "!!.??.**", "x" * 5000, "e30.e30.e30"])
def test_garbage_is_malformed_not_an_error(keys: ReceiptKeys, junk: str) -> None:
    checked = tokens.check(keys, junk, NOW)
    assert checked.claims is None
    assert checked.reason in ("malformed", "alg-not-allowed")


def test_the_first_key_signs_at_once_and_a_successor_is_published_before_it_signs(tmp_path: Path) -> None:
    keys = ring(tmp_path / "k")
    first = keys.signer(NOW)
    assert kid_created(first.kid) == NOW.replace(second=0)
    # 88 days on (rotation 90 - lead 2): the next key is made, published, but does not sign yet
    later = NOW + 88 * DAY
    assert keys.signer(later).kid == first.kid
    upcoming = keys.upcoming(later)
    assert len(upcoming) == 2
    assert upcoming[0].kid == first.kid
    successor = upcoming[1]
    # after the publish lead the successor signs; the old key is still held (for verification)
    assert keys.signer(later + 2 * DAY).kid == successor.kid
    assert [k.kid for k in keys.all()] == [first.kid, successor.kid]


def test_another_process_rotating_is_picked_up(tmp_path: Path) -> None:
    keys = ring(tmp_path / "k")
    keys.signer(NOW)
    newer = write_key(tmp_path / "k", NOW + DAY)  # e.g. `congdanso receipts rotate-key` elsewhere
    assert keys.get(newer.kid) is not None
    assert keys.signer(NOW + 4 * DAY).kid == newer.kid


def test_without_auto_rotation_a_missing_key_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(RuntimeError, match="rotate-key"):
        ring(tmp_path / "none", auto_rotate=False).signer(NOW)


@pytest.mark.parametrize(
    ("name", "masked"),
    [("Nguyễn Văn An", "Nguyễn V. A."), ("Lê Thị Thu Hà", "Lê T. T. H."), ("Hùng", "H."), ("  ", "")],
)
def test_names_are_masked(name: str, masked: str) -> None:
    assert mask_name(name) == masked


def test_the_cli_makes_the_next_key(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from backend.cli import main

    monkeypatch.setenv("JWT_KEY_DIR", str(tmp_path))
    assert main(["receipts", "rotate-key"]) == 0
    assert main(["receipts", "rotate-key"]) == 0
    made = sorted(p.stem for p in (tmp_path / "receipts").glob("r*.pem"))
    assert len(made) == 2
    assert all((tmp_path / "receipts" / f"{kid}.pem").stat().st_mode & 0o077 == 0 for kid in made)
    assert capsys.readouterr().out.strip().endswith(made[-1])
