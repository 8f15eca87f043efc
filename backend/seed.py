"""Idempotent demo and reference data: agencies, the catalogue, demo accounts."""

from __future__ import annotations

import contextlib
from dataclasses import dataclass

from pymongo.errors import DuplicateKeyError

from backend.agencies.service import load_seed as load_agencies
from backend.agencies.service import seed_agencies
from backend.calendar.service import load_seed as load_holidays
from backend.calendar.service import seed_holidays
from backend.catalogue.service import load_seed as load_procedures
from backend.catalogue.service import seed_procedures
from backend.db import Database
from backend.dossiers.demo import seed_demo_dossiers
from backend.identity.documents import User
from backend.identity.passwords import Passwords
from backend.identity.validation import normalise_phone
from backend.ratings.demo import seed_demo_feedback
from backend.security import Role


@dataclass(frozen=True)
class DemoAccount:
    phone: str
    password: str
    full_name: str
    role: Role
    agency_code: str | None = None
    position: str | None = None


#: Printed by ``congdanso seed``: for development and demonstrations only.
DEMO_ACCOUNTS = [
    DemoAccount("0900000001", "congdan-demo-1", "Nguyễn Văn An", Role.citizen),
    DemoAccount("0900000002", "congdan-demo-2", "Lê Thị Hoa", Role.citizen),
    DemoAccount(
        "0900000011",
        "canbo-demo-1",
        "Trần Thị Bình",
        Role.official,
        "HD.TPHD.TRANHUNGDAO",
        "Công chức Tư pháp - Hộ tịch",
    ),
    DemoAccount(
        "0900000012",
        "canbo-demo-2",
        "Phạm Văn Cường",
        Role.official,
        "HD.STP",
        "Chuyên viên Phòng Hành chính tư pháp",
    ),
    DemoAccount(
        "0900000013", "canbo-demo-3", "Đỗ Thu Hà", Role.official, "HD.TPHD", "Chuyên viên Bộ phận Một cửa"
    ),
    DemoAccount(
        "0900000014",
        "canbo-demo-4",
        "Lê Văn Dũng",
        Role.official,
        "HD.TPHD.TRANHUNGDAO",
        "Công chức Văn hóa - Xã hội",
    ),
    DemoAccount(
        "0900000015",
        "quantri-phuong-1",
        "Nguyễn Thị Hạnh",
        Role.agency_admin,
        "HD.TPHD.TRANHUNGDAO",
        "Phó Chủ tịch UBND phường",
    ),
    DemoAccount("0900000021", "lanhdao-demo-1", "Vũ Minh Đức", Role.leader, "HD", "Phó Chủ tịch UBND tỉnh"),
    DemoAccount("0900000031", "quantri-demo-1", "Quản trị hệ thống", Role.admin),
]


@dataclass(frozen=True)
class SeedReport:
    agencies: int
    procedures: int
    holidays: int
    accounts: list[tuple[DemoAccount, bool]]  # (account, created now)
    dossiers: int = 0


async def seed_reference_data() -> tuple[int, int, int]:
    return (
        await seed_agencies(load_agencies()),
        await seed_procedures(load_procedures()),
        await seed_holidays(load_holidays()),
    )


async def seed_demo_accounts(passwords: Passwords) -> list[tuple[DemoAccount, bool]]:
    """Create missing demo accounts; an existing one (maybe with a changed password) is kept."""
    results = []
    for account in DEMO_ACCOUNTS:
        phone = normalise_phone(account.phone)
        created = False
        if await User.find_one(User.phone == phone) is None:
            user = User(
                phone=phone,
                full_name=account.full_name,
                password_hash=await passwords.hash(account.password),
                role=account.role,
                agency_code=account.agency_code,
                position=account.position,
            )
            with contextlib.suppress(DuplicateKeyError):  # a concurrent seed created it first
                await user.insert()
                created = True
        results.append((account, created))
    return results


async def seed_all(
    passwords: Passwords, *, demo_accounts: bool, database: Database | None = None
) -> SeedReport:
    """Reference data always; demo accounts (and, given the database, demo dossiers) on request."""
    agencies, procedures, holidays = await seed_reference_data()
    accounts = await seed_demo_accounts(passwords) if demo_accounts else []
    dossiers = 0
    if demo_accounts and database is not None:
        dossiers = await seed_demo_dossiers(database, "0900000001", "0900000011", "HT-KS")
        await seed_demo_feedback(database, "0900000001")  # ratings and a report on them (issue 7)
    return SeedReport(agencies, procedures, holidays, accounts, dossiers)
