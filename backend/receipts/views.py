"""Receipt and verification → what each audience sees."""

from __future__ import annotations

from backend.dossiers.documents import Dossier
from backend.dossiers.views import agency_label, procedure_label, status_label
from backend.receipts.documents import Receipt
from backend.receipts.render import MESSAGES, qr_svg
from backend.receipts.schemas import ReceiptDetails, ReceiptView, VerifyResult
from backend.receipts.service import Verification

TITLE_VI = "Giấy tiếp nhận hồ sơ và hẹn trả kết quả"
TITLE_EN = "Dossier receipt and appointment for the result"


def receipt_url(base_url: str, token: str) -> str:
    return f"{base_url.rstrip('/')}/r/{token}"


def receipt_view(dossier: Dossier, receipt: Receipt, base_url: str) -> ReceiptView:
    url = receipt_url(base_url, receipt.token)
    return ReceiptView(
        code=dossier.code,
        title_vi=TITLE_VI,
        title_en=TITLE_EN,
        procedure=procedure_label(dossier),
        agency=agency_label(dossier),
        applicant_masked=receipt.applicant_masked,
        received_at=receipt.received_at,
        due_at=receipt.due_at,
        lookup_secret=dossier.lookup_secret,
        status=status_label(dossier.status),
        token=receipt.token,
        url=url,
        kid=receipt.kid,
        issued_at=receipt.issued_at,
        expires_at=receipt.expires_at,
        generation=receipt.generation,
        qr_svg=qr_svg(url),
    )


def verify_result(found: Verification, *, with_details: bool) -> VerifyResult:
    """The public learns genuineness and status; staff who may see the dossier, the details."""
    vi, en = MESSAGES[
        found.reason if found.verdict == "revoked" and found.reason in MESSAGES else found.verdict
    ]
    genuine = found.verdict != "invalid"
    dossier, receipt = found.dossier, found.receipt
    details = None
    if with_details and dossier is not None and receipt is not None:
        details = ReceiptDetails(
            procedure=procedure_label(dossier),
            agency=agency_label(dossier),
            applicant_name=dossier.applicant_name,
            applicant_masked=receipt.applicant_masked,
            received_at=receipt.received_at,
            due_at=dossier.due_at,
            version=dossier.version,
            issued_at=receipt.issued_at,
            expires_at=receipt.expires_at,
            generation=receipt.generation,
        )
    return VerifyResult(
        verdict=found.verdict,
        genuine=genuine,
        reason=found.reason,
        message_vi=vi,
        message_en=en,
        code=dossier.code if genuine and dossier else None,
        status=status_label(dossier.status) if genuine and dossier else None,
        details=details,
    )
