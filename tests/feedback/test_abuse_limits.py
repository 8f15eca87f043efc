"""Anonymous reports are limited per client address (a fresh database for this module)."""

from __future__ import annotations

import httpx

from tests.dossiers.helpers import citizen
from tests.feedback.helpers import report
from tests.support import assert_problem


def test_anonymous_reports_are_limited_per_address_but_accounts_are_not_blocked(api: httpx.Client) -> None:
    for _ in range(3):
        assert report(api, agency_code="HD.TPHD").status_code == 201
    refused = assert_problem(report(api, agency_code="HD.TPHD"), 429, "report-rate-limited")
    assert refused["status"] == 429
    limited = report(api, agency_code="HD.TPHD")
    assert int(limited.headers["Retry-After"]) >= 1
    assert report(api, citizen(api), agency_code="HD.TPHD").status_code == 201
