"""The QR (SVG, PNG), the printable A5 receipt and the public verification page (no HTTP here)."""

from __future__ import annotations

import io
from datetime import datetime
from functools import lru_cache
from html import escape

import qrcode
import qrcode.constants
import qrcode.image.pure

from backend.calendar.service import LOCAL_TZ
from backend.receipts.schemas import ReceiptView, VerifyResult

#: Medium error correction: survives a fold or a smudge on paper, keeps the code small.
_ECC = qrcode.constants.ERROR_CORRECT_M

MESSAGES: dict[str, tuple[str, str]] = {
    "valid": ("Giấy tiếp nhận hợp lệ.", "This receipt is genuine."),
    "invalid": (
        "Giấy tiếp nhận không hợp lệ: không do cơ quan nhà nước cấp hoặc đã bị sửa.",
        "Not genuine: this receipt was not issued by us or has been altered.",
    ),
    "expired": ("Giấy tiếp nhận là thật nhưng đã hết hạn.", "Genuine, but this receipt has expired."),
    "superseded": (
        "Giấy tiếp nhận này đã bị thu hồi: đã cấp giấy mới thay thế.",
        "Revoked: a newer receipt replaced this one.",
    ),
    "withdrawn": ("Hồ sơ đã được rút; giấy tiếp nhận không còn giá trị.", "The dossier was withdrawn."),
    "revoked": ("Giấy tiếp nhận đã bị thu hồi.", "This receipt has been revoked."),
}


def _matrix(data: str) -> list[list[bool]]:
    qr = qrcode.QRCode(error_correction=_ECC, border=4)
    qr.add_data(data)
    qr.make(fit=True)
    matrix: list[list[bool]] = qr.get_matrix()
    return matrix


@lru_cache(maxsize=512)  # a receipt's QR never changes; rendering one costs tens of milliseconds
def qr_svg(data: str) -> str:
    """A compact SVG: one path of horizontal runs (a few KB, crisp at any print size)."""
    matrix = _matrix(data)
    size = len(matrix)
    runs: list[str] = []
    for y, row in enumerate(matrix):
        x = 0
        while x < size:
            if row[x]:
                start = x
                while x < size and row[x]:
                    x += 1
                runs.append(f"M{start} {y}h{x - start}v1h-{x - start}z")
            else:
                x += 1
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {size} {size}" '
        f'shape-rendering="crispEdges" role="img" aria-label="QR">'
        f'<rect width="{size}" height="{size}" fill="#fff"/>'
        f'<path fill="#000" d="{"".join(runs)}"/></svg>'
    )


def qr_png(data: str, box_size: int = 8) -> bytes:
    qr = qrcode.QRCode(error_correction=_ECC, border=4, box_size=box_size)
    qr.add_data(data)
    qr.make(fit=True)
    out = io.BytesIO()
    qr.make_image(image_factory=qrcode.image.pure.PyPNGImage).save(out)
    return out.getvalue()


def _local(moment: datetime) -> str:
    return moment.astimezone(LOCAL_TZ).strftime("%H:%M, %d/%m/%Y")


def a5_page(receipt: ReceiptView) -> str:
    """The desk printer's page: A5 portrait, Vietnamese with English in small type."""
    e = escape
    rows = [
        ("Mã hồ sơ", "Dossier code", f"<strong>{e(receipt.code)}</strong>"),
        ("Thủ tục", "Procedure", e(receipt.procedure.label_vi)),
        ("Người nộp", "Applicant", e(receipt.applicant_masked)),
        ("Thời gian tiếp nhận", "Received", e(_local(receipt.received_at))),
        ("Ngày hẹn trả kết quả", "Result due", f"<strong>{e(_local(receipt.due_at))}</strong>"),
        ("Mã tra cứu", "Lookup secret", f'<strong class="secret">{e(receipt.lookup_secret)}</strong>'),
    ]
    table = "".join(
        f'<tr><th scope="row">{vi}<small lang="en">{en}</small></th><td>{value}</td></tr>'
        for vi, en, value in rows
    )
    return f"""<!doctype html>
<html lang="vi"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Giấy tiếp nhận {e(receipt.code)}</title>
<style>
@page {{ size: A5 portrait; margin: 10mm; }}
body {{ font: 11pt/1.35 "Times New Roman", serif; color: #000; margin: 0 auto; max-width: 128mm; }}
header {{ display: flex; justify-content: space-between; text-align: center; font-size: 9.5pt; }}
header p {{ margin: 0; }}
h1 {{ text-align: center; font-size: 13pt; margin: 5mm 0 1mm; text-transform: uppercase; }}
.en {{ text-align: center; font-size: 9pt; margin: 0 0 4mm; }}
table {{ width: 100%; border-collapse: collapse; }}
th {{ text-align: left; font-weight: normal; width: 42%; vertical-align: top; padding: 1mm 0; }}
td {{ padding: 1mm 0; }}
small {{ display: block; font-size: 8pt; color: #333; }}
.secret {{ font-family: monospace; font-size: 13pt; letter-spacing: 1px; }}
figure {{ margin: 4mm auto 0; width: 52mm; text-align: center; }}
figure svg {{ width: 52mm; height: 52mm; }}
figcaption {{ font-size: 8.5pt; }}
@media screen {{ body {{ padding: 8mm; }} }}
</style></head>
<body>
<header>
<div><p>{e(receipt.agency.label_vi.upper())}</p><p><strong>BỘ PHẬN MỘT CỬA</strong></p></div>
<div><p><strong>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</strong></p>
<p><strong>Độc lập - Tự do - Hạnh phúc</strong></p></div>
</header>
<h1>{e(receipt.title_vi)}</h1>
<p class="en" lang="en">{e(receipt.title_en)}</p>
<table>{table}</table>
<figure>{receipt.qr_svg}
<figcaption>Quét mã để kiểm tra giấy tiếp nhận là thật và xem tình trạng hồ sơ.
<small lang="en">Scan to check this receipt is genuine and see the dossier's status.</small></figcaption>
</figure>
</body></html>
"""


def public_page(result: VerifyResult) -> str:
    """What any phone's camera opens: genuine or not, and the status. No personal data."""
    e = escape
    ok = result.verdict == "valid"
    colour = "#0a6b2d" if ok else "#a4161a"
    mark = "✓" if ok else "✗"
    status = (
        f"<p>Tình trạng hồ sơ <strong>{e(result.code or '')}</strong>: "
        f"<strong>{e(result.status.label_vi)}</strong>"
        f'<small lang="en">Dossier status: {e(result.status.label_en)}</small></p>'
        if result.status
        else ""
    )
    return f"""<!doctype html>
<html lang="vi"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>Kiểm tra giấy tiếp nhận — Công dân số</title>
<style>
body {{ font: 16px/1.5 system-ui, sans-serif; margin: 0; padding: 1.25rem; max-width: 36rem; }}
.verdict {{ border-left: .5rem solid {colour}; padding: .75rem 1rem; background: #f6f6f6; }}
.verdict h1 {{ color: {colour}; font-size: 1.35rem; margin: 0 0 .25rem; }}
small {{ display: block; color: #555; }}
</style></head>
<body>
<main>
<p>Công dân số · Kiểm tra giấy tiếp nhận hồ sơ</p>
<section class="verdict" data-verdict="{e(result.verdict)}">
<h1>{mark} {e(result.message_vi)}</h1>
<p lang="en">{e(result.message_en)}</p>
</section>
{status}
<p><small>Cán bộ Bộ phận Một cửa: mở chế độ quầy trong ứng dụng để xem chi tiết.</small>
<small lang="en">One-stop desk staff: use desk mode in the app for the details.</small></p>
</main>
</body></html>
"""
