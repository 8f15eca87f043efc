"""Receipt shapes: the receipt, the verification request and its per-audience answer, the JWKS."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal

from pydantic import BaseModel, Field

from backend.dossiers.schemas import Label
from backend.schemas import Out, Strict, example_config

Verdict = Literal["valid", "invalid", "expired", "revoked"]
_TOKEN = "eyJhbGciOiJFUzI1NiIsImtpZCI6InIyMDI2MTEyNDA4MDAtYWIxMiIsInR5cCI6InJjdCJ9.eyJzdWIiOiJ9.c2ln"


class ReceiptView(Out):
    """ "Giấy tiếp nhận hồ sơ và hẹn trả kết quả": what the paper and the app show."""

    model_config = example_config(
        {
            "code": "HD-2026-000123",
            "title_vi": "Giấy tiếp nhận hồ sơ và hẹn trả kết quả",
            "title_en": "Dossier receipt and appointment for the result",
            "procedure": {"code": "HT-KS", "label_vi": "Đăng ký khai sinh", "label_en": "Birth registration"},
            "agency": {"code": "HD.TPHD.TRANHUNGDAO", "label_vi": "UBND phường", "label_en": "Ward"},
            "applicant_masked": "Nguyễn V. A.",
            "received_at": "2026-11-23T01:30:00Z",
            "due_at": "2026-11-26T10:00:00Z",
            "lookup_secret": "K7M2Q9XA",
            "status": {"code": "accepted", "label_vi": "Đã tiếp nhận", "label_en": "Accepted"},
            "token": _TOKEN,
            "url": f"https://dichvucong.example.vn/r/{_TOKEN}",
            "kid": "r202611240800-ab12",
            "issued_at": "2026-11-23T01:30:01Z",
            "expires_at": "2027-05-25T10:00:00Z",
            "generation": 1,
            "qr_svg": "<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 81 81'>…</svg>",
        }
    )
    code: str
    title_vi: str
    title_en: str
    procedure: Label
    agency: Label
    applicant_masked: str
    received_at: datetime
    #: The appointment for the result.
    due_at: datetime
    lookup_secret: str
    #: The dossier's status now (the token itself never changes).
    status: Label
    token: str
    #: What the QR encodes: any phone camera opens the public verification page.
    url: str
    kid: str
    issued_at: datetime
    expires_at: datetime
    generation: int
    #: The QR as an inline SVG, so the app can keep the whole receipt offline in one object.
    qr_svg: str


class VerifyRequest(Strict):
    model_config = example_config({"token": _TOKEN}, extra="forbid", str_strip_whitespace=True)
    #: The token, or the whole ``https://…/r/<token>`` URL a camera read.
    token: Annotated[str, Field(min_length=1, max_length=2048)]


class ReceiptDetails(BaseModel):
    """Only for staff who may see the dossier."""

    procedure: Label
    agency: Label
    applicant_name: str
    applicant_masked: str
    received_at: datetime
    due_at: datetime | None
    version: int
    issued_at: datetime
    expires_at: datetime
    generation: int


class VerifyResult(Out):
    model_config = example_config(
        {
            "verdict": "valid",
            "genuine": True,
            "reason": None,
            "message_vi": "Giấy tiếp nhận hợp lệ.",
            "message_en": "This receipt is genuine.",
            "code": "HD-2026-000123",
            "status": {"code": "in_processing", "label_vi": "Đang xử lý", "label_en": "In processing"},
            "details": None,
        }
    )
    verdict: Verdict
    #: Signed by us (true for valid, expired and revoked).
    genuine: bool
    #: Why, when not valid: malformed, alg-not-allowed, unknown-key, bad-signature, unknown-receipt,
    #: superseded (a newer receipt was issued), withdrawn (the dossier was withdrawn).
    reason: str | None
    message_vi: str
    message_en: str
    code: str | None
    status: Label | None
    details: ReceiptDetails | None


class PublicJwk(BaseModel):
    kty: Literal["EC"]
    crv: Literal["P-256"]
    x: str
    y: str
    kid: str
    alg: Literal["ES256"]
    use: Literal["sig"]


class Jwks(BaseModel):
    model_config = example_config(
        {
            "keys": [
                {
                    "kty": "EC",
                    "crv": "P-256",
                    "x": "f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU",
                    "y": "x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0",
                    "kid": "r202611240800-ab12",
                    "alg": "ES256",
                    "use": "sig",
                }
            ]
        }
    )
    keys: list[PublicJwk]
