"""The report workflow as data: state × action → who may → next state.

received → assigned → answered → closed; the reporter can reopen an answered or closed report
("closed but not solved"), which sends it back to the leaders with a new deadline.
"""

from __future__ import annotations

from enum import StrEnum


class ReportStatus(StrEnum):
    received = "received"
    assigned = "assigned"
    answered = "answered"
    closed = "closed"


class ReportAction(StrEnum):
    assign = "assign"
    answer = "answer"
    close = "close"
    reopen = "reopen"


#: Capacities: ``reporter`` (the account, or whoever holds code + secret), ``leader`` (a leader the
#: report is routed to), ``handler`` (the official or leader it is assigned to).
RS, RA = ReportStatus, ReportAction
TRANSITIONS: dict[tuple[ReportStatus, ReportAction], tuple[ReportStatus, frozenset[str]]] = {
    (RS.received, RA.assign): (RS.assigned, frozenset({"leader"})),
    (RS.assigned, RA.assign): (RS.assigned, frozenset({"leader"})),
    (RS.received, RA.answer): (RS.answered, frozenset({"leader"})),
    (RS.assigned, RA.answer): (RS.answered, frozenset({"leader", "handler"})),
    (RS.answered, RA.close): (RS.closed, frozenset({"reporter", "leader"})),
    (RS.answered, RA.reopen): (RS.received, frozenset({"reporter"})),
    (RS.closed, RA.reopen): (RS.received, frozenset({"reporter"})),
}

#: Working days to answer (Decree 20/2008: 10 working days for a phản ánh, kiến nghị).
ANSWER_WORKING_DAYS = 10
#: The reporter may reopen within this many days of the answer.
REOPEN_DAYS = 30

CATEGORIES: dict[str, tuple[str, str]] = {
    "harassment": ("Nhũng nhiễu, gây phiền hà", "Harassment or obstruction"),
    "delay": ("Chậm trễ, quá hạn", "Delay"),
    "attitude": ("Thái độ phục vụ", "Attitude of officials"),
    "fees": ("Thu phí, lệ phí sai quy định", "Improper fees"),
    "procedure": ("Quy định, thủ tục hành chính", "Rules and procedures"),
    "other": ("Khác", "Other"),
}
STATUS_LABELS: dict[str, tuple[str, str]] = {
    "received": ("Đã tiếp nhận", "Received"),
    "assigned": ("Đang xử lý", "Being handled"),
    "answered": ("Đã trả lời", "Answered"),
    "closed": ("Đã kết thúc", "Closed"),
}
