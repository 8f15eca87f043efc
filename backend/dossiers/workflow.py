"""The dossier workflow as data (in the manner of DIGIT): state → action → roles → next state.

Every rule that decides whether an action is allowed lives in ``TRANSITIONS``; the service only
interprets it. ``tests/dossiers/test_workflow.py`` walks every row.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from backend.security import Role


class Status(StrEnum):
    submitted = "submitted"
    accepted = "accepted"
    returned = "returned"
    in_processing = "in_processing"
    supplement_requested = "supplement_requested"
    supplemented = "supplemented"
    approved = "approved"
    rejected = "rejected"
    result_ready = "result_ready"
    completed = "completed"
    withdrawn = "withdrawn"


class Action(StrEnum):
    accept = "accept"
    return_incomplete = "return_incomplete"
    withdraw = "withdraw"
    claim = "claim"
    assign = "assign"
    transfer = "transfer"
    request_supplement = "request_supplement"
    supplement = "supplement"
    approve = "approve"
    reject = "reject"
    upload_result = "upload_result"
    complete = "complete"
    # The one-stop desk (POST /dossiers/{code}/desk; see backend/desk)
    receive_papers = "receive_papers"
    record_attendance = "record_attendance"
    hand_over = "hand_over"
    withdraw_on_request = "withdraw_on_request"


#: Who may act: the applicant, the assigned official, or any official/admin of the agency.
class Actor(StrEnum):
    applicant = "applicant"
    agency_staff = "agency_staff"  # an official or agency_admin of the dossier's agency
    assignee = "assignee"  # the official holding it (or an agency_admin of its agency)
    agency_admin = "agency_admin"


@dataclass(frozen=True)
class Transition:
    to: Status
    actors: frozenset[Actor]
    needs_note: bool = False
    needs_assignee: bool = False
    needs_missing_items: bool = False
    needs_result: bool = False
    pauses_clock: bool = False
    resumes_clock: bool = False
    #: Done at the desk through ``POST /dossiers/{code}/desk`` (no version needed, retried safely
    #: from an offline outbox), not through ``/transitions``.
    desk: bool = False
    #: Who received what, with the citizen's confirmation (the receipt or its lookup secret).
    needs_handover: bool = False


def _t(to: Status, *actors: Actor, **rules: bool) -> Transition:
    return Transition(to, frozenset(actors), **rules)


S, A = Status, Action
WORKING = (S.in_processing, S.supplemented)
#: States in which the applicant may turn up at the desk (for papers, a supplement, the result).
AT_DESK = (S.submitted, S.accepted, S.in_processing, S.supplement_requested, S.supplemented, S.approved,
           S.result_ready)  # fmt: skip
#: Accepted but not yet decided: the applicant may still withdraw, by a written request at the desk.
UNDECIDED = (S.accepted, S.in_processing, S.supplement_requested, S.supplemented)

TRANSITIONS: dict[tuple[Status, Action], Transition] = {
    (S.submitted, A.accept): _t(S.accepted, Actor.agency_staff),
    (S.submitted, A.return_incomplete): _t(S.returned, Actor.agency_staff, needs_note=True),
    (S.submitted, A.withdraw): _t(S.withdrawn, Actor.applicant),
    (S.accepted, A.claim): _t(S.in_processing, Actor.agency_staff),
    (S.accepted, A.assign): _t(S.in_processing, Actor.agency_admin, needs_assignee=True),
    **{(s, A.transfer): _t(s, Actor.assignee, needs_assignee=True) for s in WORKING},
    **{
        (s, A.request_supplement): _t(
            S.supplement_requested,
            Actor.assignee,
            needs_missing_items=True,
            pauses_clock=True,
        )
        for s in WORKING
    },
    (S.supplement_requested, A.supplement): _t(S.supplemented, Actor.applicant, resumes_clock=True),
    **{(s, A.approve): _t(S.approved, Actor.assignee) for s in WORKING},
    **{(s, A.reject): _t(S.rejected, Actor.assignee, needs_note=True) for s in WORKING},
    (S.approved, A.upload_result): _t(S.result_ready, Actor.assignee, needs_result=True),
    (S.result_ready, A.complete): _t(S.completed, Actor.agency_staff, Actor.applicant),
    # The desk: papers and attendance are recorded without changing the status.
    **{(s, A.receive_papers): _t(s, Actor.agency_staff, desk=True) for s in AT_DESK},
    **{(s, A.record_attendance): _t(s, Actor.agency_staff, desk=True) for s in AT_DESK},
    (S.result_ready, A.hand_over): _t(S.completed, Actor.agency_staff, desk=True, needs_handover=True),
    **{(s, A.withdraw_on_request): _t(S.withdrawn, Actor.agency_staff, needs_note=True) for s in UNDECIDED},
}

#: How long a dossier may wait in a state before that step is late (the SLA per state), in hours.
#: The procedure's own processing time governs the whole dossier (``due_at``).
STATE_SLA_HOURS: dict[Status, int] = {
    Status.submitted: 8,  # intake: the desk checks an online dossier within a working day
    Status.accepted: 8,  # assignment
    Status.supplement_requested: 15 * 24,  # the citizen has 15 days to supplement
    Status.result_ready: 30 * 24,  # collection of the result
}

#: States a dossier never leaves.
TERMINAL = frozenset({S.returned, S.rejected, S.completed, S.withdrawn})
#: Staff roles that act for an agency.
STAFF_ACTING_ROLES = frozenset({Role.official, Role.agency_admin})
#: The roles that can ever be each actor (whether they are, for a dossier, is ``access.capacities``).
ACTOR_ROLES: dict[Actor, frozenset[Role]] = {
    Actor.applicant: frozenset({Role.citizen}),
    Actor.agency_staff: STAFF_ACTING_ROLES,
    Actor.assignee: STAFF_ACTING_ROLES,
    Actor.agency_admin: frozenset({Role.agency_admin}),
}

STATUS_LABELS: dict[Status, tuple[str, str]] = {
    S.submitted: ("Đã nộp, chờ tiếp nhận", "Submitted, awaiting intake"),
    S.accepted: ("Đã tiếp nhận", "Accepted"),
    S.returned: ("Trả lại do chưa đủ hồ sơ", "Returned as incomplete"),
    S.in_processing: ("Đang xử lý", "In processing"),
    S.supplement_requested: ("Yêu cầu bổ sung", "Supplement requested"),
    S.supplemented: ("Đã bổ sung, đang xử lý", "Supplemented, in processing"),
    S.approved: ("Đã phê duyệt", "Approved"),
    S.rejected: ("Từ chối giải quyết", "Rejected"),
    S.result_ready: ("Có kết quả", "Result ready"),
    S.completed: ("Đã trả kết quả", "Completed"),
    S.withdrawn: ("Đã rút hồ sơ", "Withdrawn"),
}

ACTION_LABELS: dict[str, tuple[str, str]] = {
    "submit": ("Nộp hồ sơ", "Submitted"),
    "register_at_desk": ("Tiếp nhận tại Bộ phận Một cửa", "Registered at the one-stop desk"),
    A.accept: ("Tiếp nhận hồ sơ", "Accepted"),
    A.return_incomplete: ("Trả lại hồ sơ chưa đủ", "Returned as incomplete"),
    A.withdraw: ("Rút hồ sơ", "Withdrawn"),
    A.claim: ("Nhận xử lý", "Claimed"),
    A.assign: ("Phân công xử lý", "Assigned"),
    A.transfer: ("Chuyển cán bộ xử lý", "Transferred"),
    A.request_supplement: ("Yêu cầu bổ sung hồ sơ", "Supplement requested"),
    A.supplement: ("Bổ sung hồ sơ", "Supplemented"),
    A.approve: ("Phê duyệt", "Approved"),
    A.reject: ("Từ chối", "Rejected"),
    A.upload_result: ("Có kết quả", "Result uploaded"),
    A.complete: ("Trả kết quả", "Result handed over"),
    A.receive_papers: ("Nhận hồ sơ giấy tại quầy", "Paper documents received at the desk"),
    A.record_attendance: ("Công dân đến quầy", "Applicant attended the desk"),
    A.hand_over: ("Trả kết quả tại quầy", "Result handed over at the desk"),
    A.withdraw_on_request: ("Rút hồ sơ theo đề nghị của người nộp", "Withdrawn at the applicant's request"),
}


#: Actions done through the desk endpoint rather than ``/transitions``.
DESK_ACTIONS = frozenset(action for (_, action), rule in TRANSITIONS.items() if rule.desk)


def allowed_actions(status: Status) -> list[Action]:
    return [action for (state, action) in TRANSITIONS if state == status]
