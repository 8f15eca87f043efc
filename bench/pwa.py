"""The PWA's budgets, measured in one run against the real backend serving the real build.

    .venv/bin/python bench/pwa.py [--reloads 15] [--skip-lighthouse]

Builds the PWA, starts the seeded app, and prints:
- first-load JS + CSS (gzipped) of the catalogue screen, as a fresh phone downloads it (budget 60 KB);
- Lighthouse 12 mobile scores, performance (budget 0.95) and accessibility (budget 1.0), for the
  welcome and catalogue screens (Lighthouse is installed on first use into bench/lighthouse/,
  outside the PWA's and the tests' dependencies);
- an offline repeat visit: time from navigation to the dossier list on screen, with the phone
  offline, unthrottled and with the CPU slowed 4× like a cheap phone (budget 500 ms).
Chromium is Debian's (/usr/bin/chromium).
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import shutil
import statistics
import subprocess
import tempfile
import uuid
from pathlib import Path
from urllib.parse import urlparse

from harness import running_app
from playwright.sync_api import Page, sync_playwright

from backend.catalogue.samples import example_form

ROOT = Path(__file__).resolve().parent.parent
DIST = ROOT / "pwa" / "dist"
LIGHTHOUSE_DIR = Path(__file__).resolve().parent / "lighthouse"
LIGHTHOUSE = LIGHTHOUSE_DIR / "node_modules" / "lighthouse" / "cli" / "index.js"
CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
]
PHONE = {"width": 360, "height": 740}
BUDGET_KB, BUDGET_PERF, BUDGET_A11Y, BUDGET_OFFLINE_MS = 60.0, 0.95, 1.0, 500.0
LIST_SEEN = """
new MutationObserver((_, observer) => {
  if (document.querySelector('.dossiers li')) { window.__listAt = performance.now(); observer.disconnect(); }
}).observe(document, { childList: true, subtree: true });
"""


def tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        raise SystemExit(f"{name} is needed (Node.js >= 20 with npm)")
    return path


def build() -> None:
    subprocess.run([tool("npm"), "run", "build"], cwd=ROOT / "pwa", check=True, capture_output=True)  # noqa: S603


def first_load_kb(page: Page, url: str) -> tuple[float, list[str]]:
    """Every script and stylesheet the page itself requests (not the worker's precache), gzipped."""
    assets: list[str] = []
    page.on(
        "request",
        lambda r: (
            assets.append(urlparse(r.url).path) if r.resource_type in ("script", "stylesheet") else None
        ),
    )
    page.goto(url)
    page.wait_for_selector(".results li")
    page.wait_for_load_state("networkidle")
    total = sum(len(gzip.compress((DIST / p.lstrip("/")).read_bytes(), 9)) for p in set(assets))
    return total / 1024, sorted(set(assets))


def verdict(ok: bool) -> str:
    return "OK" if ok else "MISSED"


def lighthouse(url: str) -> tuple[float, float]:
    if not LIGHTHOUSE.exists():
        subprocess.run([tool("npm"), "ci", "--no-audit", "--no-fund"], cwd=LIGHTHOUSE_DIR, check=True)  # noqa: S603
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "report.json"
        subprocess.run(  # noqa: S603
            [
                tool("node"),
                str(LIGHTHOUSE),
                url,
                "--only-categories=performance,accessibility",
                "--form-factor=mobile",
                "--output=json",
                f"--output-path={out}",
                "--quiet",
                "--chrome-flags=--headless=new --no-sandbox --disable-gpu",
            ],
            check=True,
            env={**os.environ, "CHROME_PATH": CHROMIUM},
        )
        report = json.loads(out.read_text())
    return report["categories"]["performance"]["score"], report["categories"]["accessibility"]["score"]


def offline_repeat_ms(page: Page, base: str, reloads: int, cpu_slowdown: float) -> list[float]:
    cdp = page.context.new_cdp_session(page)
    cdp.send("Emulation.setCPUThrottlingRate", {"rate": cpu_slowdown})
    samples = []
    for _ in range(reloads):
        page.goto(base + "/ho-so")
        page.wait_for_function("window.__listAt !== undefined")
        samples.append(float(page.evaluate("window.__listAt")))
    cdp.send("Emulation.setCPUThrottlingRate", {"rate": 1})
    return samples


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--reloads", type=int, default=15)
    parser.add_argument("--skip-lighthouse", action="store_true")
    args = parser.parse_args()
    build()
    with running_app(demo_accounts=True) as (api, _raw):
        base = str(api.base_url).rstrip("/")
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True, locale="vi-VN")
            page = context.new_page()
            kb, assets = first_load_kb(page, base + "/thu-tuc?q=khai+sinh")
            print(f"first-load JS+CSS, catalogue screen: {kb:.1f} KB gzipped in {len(assets)} files")
            print(f"  budget {BUDGET_KB:.0f} KB: {verdict(kb <= BUDGET_KB)} (ratio {kb / BUDGET_KB:.2f})")

            # A citizen with 10 dossiers, seen once online, then the phone goes offline.
            phone = f"09{uuid.uuid4().int % 10**8:08d}"
            body = {"phone": phone, "password": "mat-khau-an-toan", "full_name": "Đo Hiệu Năng"}
            reply = page.request.post(
                base + "/api/v1/auth/register", data={**body, "token_delivery": "cookie"}
            )
            token = reply.json()["access_token"]
            form = api.get("/api/v1/procedures/HT-KS").json()
            for _ in range(10):
                api.post(
                    "/api/v1/dossiers",
                    json={
                        "procedure_code": "HT-KS",
                        "agency_code": "HD.TPHD.TRANHUNGDAO",
                        "form_data": example_form(form["form_schema"]),
                    },
                    headers={"Authorization": f"Bearer {token}", "Idempotency-Key": uuid.uuid4().hex},
                ).raise_for_status()
            page.evaluate("localStorage.setItem('cds-session', '1')")
            context.add_init_script(LIST_SEEN)
            page.goto(base + "/ho-so")
            page.wait_for_selector(".dossiers li")
            page.reload()
            page.wait_for_function("navigator.serviceWorker.controller !== null")
            page.wait_for_selector(".dossiers li")
            context.set_offline(True)
            for slowdown in (1.0, 4.0):
                samples = offline_repeat_ms(page, base, args.reloads, slowdown)
                med, worst = statistics.median(samples), max(samples)
                print(
                    f"offline repeat visit, list on screen (CPU {slowdown:.0f}x, {len(samples)} reloads): "
                    f"median {med:.0f} ms, max {worst:.0f} ms; budget {BUDGET_OFFLINE_MS:.0f} ms: "
                    f"{verdict(worst <= BUDGET_OFFLINE_MS)} (ratio median {med / BUDGET_OFFLINE_MS:.2f}, "
                    f"max {worst / BUDGET_OFFLINE_MS:.2f})"
                )
            context.set_offline(False)
            browser.close()

        if not args.skip_lighthouse:
            for path in ("/", "/thu-tuc?q=khai+sinh"):
                perf, a11y = lighthouse(base + path)
                print(
                    f"Lighthouse mobile {path}: performance {perf:.2f} (budget {BUDGET_PERF}: "
                    f"{verdict(perf >= BUDGET_PERF)}), accessibility {a11y:.2f} "
                    f"(budget {BUDGET_A11Y}: {verdict(a11y >= BUDGET_A11Y)})"
                )


if __name__ == "__main__":
    main()
