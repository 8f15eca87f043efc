"""Demo dossiers in every state, driven through the real service (so history, audit and
events are all genuine). Runs once: skipped when the demo citizen already has dossiers."""

from __future__ import annotations

from typing import Any

from backend.attachments import storage
from backend.catalogue.samples import example_form
from backend.catalogue.service import get_procedure
from backend.db import Database
from backend.dossiers import service
from backend.dossiers.documents import Dossier, FileRef
from backend.dossiers.schemas import SubmitRequest, TransitionRequest
from backend.dossiers.workflow import Action, Status
from backend.identity.documents import User
from backend.identity.validation import normalise_phone
from backend.security import Principal

#: A one-page PDF: the demo "result document".
DEMO_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)

#: The actions that take a fresh dossier to each state (the official claims before working).
PATHS: dict[Status, list[Action]] = {
    Status.submitted: [],
    Status.withdrawn: [Action.withdraw],
    Status.returned: [Action.return_incomplete],
    Status.accepted: [Action.accept],
    Status.in_processing: [Action.accept, Action.claim],
    Status.supplement_requested: [Action.accept, Action.claim, Action.request_supplement],
    Status.supplemented: [Action.accept, Action.claim, Action.request_supplement, Action.supplement],
    Status.approved: [Action.accept, Action.claim, Action.approve],
    Status.rejected: [Action.accept, Action.claim, Action.reject],
    Status.result_ready: [Action.accept, Action.claim, Action.approve, Action.upload_result],
    Status.completed: [Action.accept, Action.claim, Action.approve, Action.upload_result, Action.complete],
}
CITIZEN_ACTIONS = {Action.withdraw, Action.supplement}


def principal_for(user: User) -> Principal:
    return Principal(
        subject=str(user.id),
        kind="user",
        role=user.role,
        agency_code=user.agency_code,
        scopes=frozenset(),
        token_id="seed",
    )


async def _noop(*_: Any) -> None:
    return None


async def drive(
    db: Database, dossier: Dossier, actions: list[Action], citizen: Principal, official: Principal
) -> Dossier:
    """Apply ``actions`` in order, each by whoever the workflow expects."""
    for action in actions:
        actor = citizen if action in CITIZEN_ACTIONS else official
        result: FileRef | None = None
        request = TransitionRequest(action=action)
        if action in (Action.return_incomplete, Action.reject):
            request = TransitionRequest(action=action, note="Thiếu bản sao Giấy chứng sinh có chứng thực.")
        elif action == Action.request_supplement:
            request = TransitionRequest(
                action=action, missing_items=["Bản sao Giấy chứng sinh"], note="Ảnh bị mờ."
            )
        elif action == Action.supplement:
            stored = await storage.store(db.db, DEMO_PDF, filename="giay-chung-sinh.pdf",
                                         owner_id=citizen.subject, purpose="attachment")  # fmt: skip
            request = TransitionRequest(action=action, attachment_ids=[stored.file_id], note="Đã bổ sung.")
        elif action == Action.upload_result:
            stored = await storage.store(db.db, DEMO_PDF, filename="trich-luc-khai-sinh.pdf",
                                         owner_id=official.subject, purpose="result")  # fmt: skip
            result = FileRef(
                uploaded_by=official.subject, **stored.model_dump(exclude={"owner_id", "purpose"})
            )
        dossier = await service.transition(
            db, actor, dossier.code, request, dossier.version, _noop, lambda d: None, result
        )
    return dossier


async def seed_demo_dossiers(
    db: Database, citizen_phone: str, official_phone: str, procedure_code: str
) -> int:
    citizen_user = await User.find_one(User.phone == normalise_phone(citizen_phone))
    official_user = await User.find_one(User.phone == normalise_phone(official_phone))
    if citizen_user is None or official_user is None:
        return 0
    if await Dossier.find_one(Dossier.applicant_id == str(citizen_user.id)) is not None:
        return 0
    citizen, official = principal_for(citizen_user), principal_for(official_user)
    procedure = await get_procedure(procedure_code)
    for actions in PATHS.values():
        data = SubmitRequest(
            procedure_code=procedure.code,
            agency_code=official_user.agency_code,
            form_data=example_form(procedure.form_schema),
        )
        dossier = await service.submit(db, citizen, data, _noop, lambda d: None)
        await drive(db, dossier, actions, citizen, official)
    return len(PATHS)
