"""The periodic report as CSV (UTF-8 with BOM, for Excel) or XLSX (written with zipfile).

XLSX is a zip of a few XML parts; strings are written inline so no shared-string table is
needed. No third-party library: the format we need is small and stable (ECMA-376).
"""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Sequence
from xml.sax.saxutils import escape

from backend.stats.schemas import AgencyRows, KpiReport, OfficialRanking

Cell = str | int | float | None
Sheet = tuple[str, list[Sequence[Cell]]]

AGENCY_HEADER = [
    "Mã cơ quan / Agency code",
    "Tên cơ quan / Agency",
    "Cấp / Level",
    "Hồ sơ tiếp nhận / Received",
    "Tỷ lệ trực tuyến % / Online %",
    "Chỉ tiêu % / Target %",
    "Đã giải quyết / Finished",
    "Đúng và trước hạn % / On time %",
    "Trễ hạn / Late",
    "Lượt đánh giá / Ratings",
    "Hài lòng % / Satisfied %",
    "Nhũng nhiễu / Harassment",
    "Phản ánh / Reports",
    "Trả lời đúng hạn % / Answered on time %",
]
OFFICIAL_HEADER = [
    "Hạng / Rank",
    "Cán bộ / Official",
    "Chức vụ / Position",
    "Cơ quan / Agency",
    "Đã xử lý / Handled",
    "Trước hạn / Early",
    "Đúng hạn / On time",
    "Trễ hạn / Late",
    "Đúng và trước hạn % / On time %",
    "Lượt đánh giá / Ratings",
    "Hài lòng % / Satisfied %",
    "Nhũng nhiễu / Harassment",
]


def sheets(report: KpiReport, rows: AgencyRows, ranking: OfficialRanking) -> list[Sheet]:
    a = report.agency
    own: list[Cell] = [
        a.code,
        a.name_vi,
        a.level,
        report.progress.received,
        report.online.rate,
        None,
        report.progress.finished,
        report.progress.on_time_rate,
        report.progress.late,
        report.satisfaction.ratings,
        report.satisfaction.rate,
        report.satisfaction.harassment + report.transparency.harassment_reports,
        report.transparency.feedback_received,
        report.transparency.answered_on_time_rate,
    ]
    agencies: list[Sequence[Cell]] = [AGENCY_HEADER, own]
    for r in rows.items:
        agencies.append(
            [
                r.agency.code,
                r.agency.name_vi,
                r.agency.level,
                r.received,
                r.online_rate,
                r.online_target,
                r.finished,
                r.on_time_rate,
                r.late,
                r.ratings,
                r.satisfaction_rate,
                r.harassment,
                r.feedback_received,
                r.feedback_on_time_rate,
            ]
        )
    officials: list[Sequence[Cell]] = [OFFICIAL_HEADER]
    for o in ranking.items:
        officials.append(
            [
                o.rank,
                o.name,
                o.position,
                o.agency_code,
                o.handled,
                o.early,
                o.on_time,
                o.late,
                o.on_time_rate,
                o.ratings,
                o.satisfaction_rate,
                o.harassment,
            ]
        )
    return [("Co quan", agencies), ("Can bo", officials)]


def to_csv(table: list[Sequence[Cell]]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    for row in table:
        writer.writerow(["" if v is None else v for v in row])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def _column(index: int) -> str:
    name = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        name = chr(65 + rest) + name
    return name


def _sheet_xml(table: list[Sequence[Cell]]) -> str:
    lines = []
    for r, row in enumerate(table, start=1):
        cells = []
        for c, value in enumerate(row):
            where = f"{_column(c)}{r}"
            if value is None:
                continue
            if isinstance(value, int | float) and not isinstance(value, bool):
                cells.append(f'<c r="{where}"><v>{value}</v></c>')
            else:
                cells.append(f'<c r="{where}" t="inlineStr"><is><t>{escape(str(value))}</t></is></c>')
        lines.append(f'<row r="{r}">{"".join(cells)}</row>')
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        f"<sheetData>{''.join(lines)}</sheetData></worksheet>"
    )


def to_xlsx(tables: list[Sheet]) -> bytes:
    main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    pkg = "http://schemas.openxmlformats.org/package/2006/relationships"
    ct = "application/vnd.openxmlformats-officedocument.spreadsheetml"
    overrides = "".join(
        f'<Override PartName="/xl/worksheets/sheet{i}.xml" ContentType="{ct}.worksheet+xml"/>'
        for i in range(1, len(tables) + 1)
    )
    sheet_list = "".join(
        f'<sheet name="{escape(name)}" sheetId="{i}" r:id="rId{i}"/>' for i, (name, _) in enumerate(tables, 1)
    )
    sheet_rels = "".join(
        f'<Relationship Id="rId{i}" Type="{rel}/worksheet" Target="worksheets/sheet{i}.xml"/>'
        for i in range(1, len(tables) + 1)
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" '
            'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            f'<Override PartName="/xl/workbook.xml" ContentType="{ct}.sheet.main+xml"/>'
            f"{overrides}</Types>",
        )
        z.writestr(
            "_rels/.rels",
            f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="{pkg}">'
            f'<Relationship Id="rId1" Type="{rel}/officeDocument" Target="xl/workbook.xml"/></Relationships>',
        )
        z.writestr(
            "xl/workbook.xml",
            f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="{main}" '
            f'xmlns:r="{rel}"><sheets>{sheet_list}</sheets></workbook>',
        )
        z.writestr(
            "xl/_rels/workbook.xml.rels",
            f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="{pkg}">'
            f"{sheet_rels}</Relationships>",
        )
        for i, (_, table) in enumerate(tables, 1):
            z.writestr(f"xl/worksheets/sheet{i}.xml", _sheet_xml(table))
    return buffer.getvalue()
