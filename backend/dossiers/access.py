"""Who may see a dossier, and in which capacity a principal acts on it."""

from __future__ import annotations

from typing import Any

from backend.dossiers.documents import Dossier
from backend.dossiers.workflow import STAFF_ACTING_ROLES, Actor
from backend.errors import NotFound
from backend.security import Principal, Role


def can_view(principal: Principal, dossier: Dossier) -> bool:
    if principal.role == Role.citizen:
        return dossier.applicant_id == principal.subject
    if principal.role in STAFF_ACTING_ROLES:
        return dossier.agency_code == principal.agency_code
    if principal.role == Role.leader:
        return principal.agency_code in dossier.agency_path
    return principal.role == Role.admin


def capacities(principal: Principal, dossier: Dossier) -> set[Actor]:
    """The workflow actors this principal counts as for this dossier."""
    found: set[Actor] = set()
    if principal.role == Role.citizen and dossier.applicant_id == principal.subject:
        found.add(Actor.applicant)
    if principal.role in STAFF_ACTING_ROLES and dossier.agency_code == principal.agency_code:
        found.add(Actor.agency_staff)
        if principal.role == Role.agency_admin:
            found |= {Actor.agency_admin, Actor.assignee}
        elif dossier.assignee_id == principal.subject:
            found.add(Actor.assignee)
    return found


def scope_filter(principal: Principal) -> dict[str, Any]:
    """The query restricting a list to what ``principal`` may see."""
    if principal.role == Role.citizen:
        return {"applicant_id": principal.subject}
    if principal.role in STAFF_ACTING_ROLES:
        return {"agency_code": principal.agency_code}
    if principal.role == Role.leader:
        return {"agency_path": principal.agency_code}
    if principal.role == Role.admin:
        return {}
    return {"_id": None}  # nobody else sees dossiers


def not_found(code: str) -> NotFound:
    """The same answer for "absent" and "not yours": existence is not disclosed."""
    return NotFound(
        "dossier-not-found", vi=f"Không tìm thấy hồ sơ {code}.", en=f"No dossier {code} was found."
    )
