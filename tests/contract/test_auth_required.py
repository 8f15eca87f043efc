"""Meta-test: every route needs a token, except an explicit public allow-list."""

from __future__ import annotations

import re

import httpx
from litestar.routes import HTTPRoute

from backend.app import create_app
from backend.settings import Settings

#: Changing this list is a security decision: review it as one.
PUBLIC = {
    ("GET", "/healthz"),
    ("GET", "/readyz"),
    ("POST", "/api/v1/auth/register"),
    ("POST", "/api/v1/auth/login"),
    ("POST", "/api/v1/auth/refresh"),
    ("POST", "/api/v1/auth/logout"),
    ("GET", "/api/v1/procedures"),
    ("GET", "/api/v1/procedures/{code:str}"),
    ("GET", "/api/v1/agencies"),
    ("GET", "/api/v1/agencies/{code:str}"),
    ("GET", "/api/v1/calendar/holidays"),
    ("GET", "/api/v1/lookup/{code:str}"),
    # Receipts: anyone may check a receipt (genuine + status only) and fetch the public keys.
    ("POST", "/api/v1/receipts/verify"),
    ("GET", "/.well-known/jwks.json"),
    ("GET", "/r/{token:str}"),
    # Reports may be anonymous (issue 7); statistics are public and anonymised.
    ("POST", "/api/v1/feedback"),
    ("POST", "/api/v1/feedback/track"),
    ("POST", "/api/v1/feedback/{code:str}/actions"),
    ("GET", "/api/v1/stats/kpis"),
    ("GET", "/api/v1/stats/feedback"),
    # The VAPID public key (applicationServerKey) is public by nature.
    ("GET", "/api/v1/push/vapid-public-key"),
    # The built PWA (backend/web): static files and the SPA fallback.
    ("GET", "/"),
    ("GET", "/{path:path}"),
}
#: The API documentation UI and documents.
PUBLIC_PREFIXES = ("/schema",)


def routes(settings: Settings) -> list[tuple[str, str, bool]]:
    app = create_app(settings)
    found = []
    for route in app.routes:
        if not isinstance(route, HTTPRoute) or route.path.startswith(PUBLIC_PREFIXES):
            continue
        for handler in route.route_handlers:
            for method in sorted(handler.http_methods):
                if method in ("HEAD", "OPTIONS"):
                    continue
                found.append((method, route.path, bool(handler.opt.get("public"))))
    return found


def test_public_routes_are_exactly_the_allow_list(settings: Settings) -> None:
    public = {(m, p) for m, p, is_public in routes(settings) if is_public}
    assert public == PUBLIC


def test_every_other_route_refuses_an_anonymous_call(settings: Settings, api: httpx.Client) -> None:
    private = [(m, p) for m, p, is_public in routes(settings) if not is_public]
    assert len(private) >= 3
    for method, path in private:
        concrete = re.sub(r"\{[^}]+\}", "x", path)
        response = api.request(method, concrete, json={})
        assert response.status_code == 401, (method, path, response.status_code)
        assert response.headers["content-type"].startswith("application/problem+json")
