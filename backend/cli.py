"""``congdanso``: serve, seed, create-user, audit, receipts, openapi."""

from __future__ import annotations

import argparse
import asyncio
import dataclasses
import getpass
import os
import signal
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

from backend.settings import PROJECT_ROOT, Settings, settings_from_env


def _with_uri(settings: Settings, uri: str) -> Settings:
    return dataclasses.replace(settings, db=dataclasses.replace(settings.db, uri=uri))


async def _seed(settings: Settings, *, demo_accounts: bool) -> None:
    from backend.db import connect
    from backend.identity.passwords import Passwords
    from backend.seed import seed_all

    database = await connect(settings.db)
    try:
        report = await seed_all(
            Passwords(settings.auth.password_profile), demo_accounts=demo_accounts, database=database
        )
    finally:
        await database.close()
    print(
        f"Seeded {report.agencies} agencies, {report.procedures} procedures, {report.holidays} calendar days"
        f" and {report.dossiers} demo dossiers."
    )
    if report.accounts:
        print("Demo accounts (development only) — phone / password / role / agency:")
        for account, created in report.accounts:
            note = "" if created else "  (already existed; password unchanged)"
            agency = account.agency_code or "-"
            print(f"  {account.phone}  {account.password:<16} {account.role.value:<9} {agency}{note}")


def cmd_seed(args: argparse.Namespace) -> int:
    settings = settings_from_env()
    demo = args.demo_accounts if args.demo_accounts is not None else not settings.is_production
    asyncio.run(_seed(settings, demo_accounts=demo))
    return 0


def _raise_interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def cmd_serve(args: argparse.Namespace) -> int:
    import uvicorn

    from backend.app import create_app
    from backend.embedded_db import EmbeddedDatabaseError, ensure_database_uri

    settings = settings_from_env()
    host, port = args.host or settings.host, args.port or settings.port
    try:
        uri, embedded = ensure_database_uri(settings.db.uri, settings.db.data_dir)
    except EmbeddedDatabaseError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    settings = _with_uri(settings, uri)
    worker = None
    try:
        if args.seed:
            asyncio.run(_seed(settings, demo_accounts=not settings.is_production))
        if args.worker:
            from backend.push.worker import spawn_worker

            worker = spawn_worker(uri)
        server = uvicorn.Server(
            uvicorn.Config(create_app(settings), host=host, port=port, log_config=None, proxy_headers=True)
        )

        async def run() -> None:
            task = asyncio.create_task(server.serve())
            while not server.started and not task.done():  # noqa: ASYNC110 - uvicorn offers only a flag
                await asyncio.sleep(0.05)
            if server.started:
                shown = "localhost" if host in ("127.0.0.1", "0.0.0.0") else host  # noqa: S104
                print(f"\nCông dân số is running: http://{shown}:{port}/", flush=True)
                print(
                    f"  API docs: http://{shown}:{port}/schema   readiness: http://{shown}:{port}/readyz",
                    flush=True,
                )
                if embedded is not None:
                    print(f"  embedded database: {settings.db.data_dir} (port {embedded.port})", flush=True)
                print("  Stop with Ctrl+C.\n", flush=True)
            await task

        # uvicorn re-raises SIGINT/SIGTERM after a graceful shutdown; make both an orderly exit
        # so the embedded database below is always stopped with us.
        signal.signal(signal.SIGTERM, _raise_interrupt)
        try:
            asyncio.run(run())
        except KeyboardInterrupt:
            print("Stopped.", flush=True)
        return 0 if server.started else 1
    finally:
        if worker is not None:  # SIGTERM: it stops claiming, finishes its sends, records them
            worker.terminate()
            try:
                worker.wait(timeout=20)
            except subprocess.TimeoutExpired:
                worker.kill()
        if embedded is not None:
            embedded.stop()


def cmd_worker(args: argparse.Namespace) -> int:
    from backend.push.worker import main as worker_main

    settings = settings_from_env()
    if settings.db.uri is None:
        print("error: the worker needs MONGODB_URI (`congdanso serve` starts one for you)", file=sys.stderr)
        return 2
    return worker_main(settings)


def cmd_create_user(args: argparse.Namespace) -> int:
    from pydantic import ValidationError

    from backend.db import connect
    from backend.errors import AppError
    from backend.identity.passwords import Passwords
    from backend.identity.schemas import CreateUserRequest
    from backend.identity.service import create_user

    password = args.password or os.environ.get("CONGDANSO_PASSWORD") or getpass.getpass("Password: ")
    try:
        data = CreateUserRequest(
            phone=args.phone,
            password=password,
            full_name=args.name,
            role=args.role,
            agency_code=args.agency,
            position=args.position,
        )
    except ValidationError as exc:
        for error in exc.errors():
            print(f"error: {'.'.join(map(str, error['loc']))}: {error['msg']}", file=sys.stderr)
        return 2
    settings = settings_from_env()

    async def run() -> int:
        database = await connect(settings.db)
        try:
            user = await create_user(data, Passwords(settings.auth.password_profile))
        except AppError as exc:
            print(f"error: {exc.en}", file=sys.stderr)
            return 1
        finally:
            await database.close()
        print(f"Created {user.role.value} {user.full_name} ({user.phone}) id={user.id}")
        return 0

    return asyncio.run(run())


def cmd_audit(args: argparse.Namespace) -> int:
    from backend.audit.service import verify
    from backend.db import connect

    settings = settings_from_env()

    async def run() -> int:
        database = await connect(settings.db)
        try:
            result = await verify()
        finally:
            await database.close()
        if result.ok:
            print(f"Audit chain intact: {result.entries} entries.")
            return 0
        print(f"AUDIT CHAIN BROKEN at entry {result.broken_at}: {result.reason}.", file=sys.stderr)
        return 1

    return asyncio.run(run())


def cmd_stats(args: argparse.Namespace) -> int:
    from backend.db import connect
    from backend.stats.rebuild import rebuild

    settings = settings_from_env()

    async def run() -> int:
        database = await connect(settings.db)
        try:
            seen = await rebuild()
        finally:
            await database.close()
        print(f"KPI counters rebuilt from {seen['dossiers']} dossiers, {seen['ratings']} ratings, "
              f"{seen['reports']} reports.")  # fmt: skip
        return 0

    return asyncio.run(run())


def cmd_receipts(args: argparse.Namespace) -> int:
    from backend.receipts.keys import receipt_keys

    keys = receipt_keys(settings_from_env())
    if args.action == "rotate-key":
        key = keys.rotate()
        print(
            f"Created receipt key {key.kid} in {keys.directory}: published now, signing after the lead time."
        )
    for key in keys.all():
        print(key.kid)
    return 0


def render_openapi() -> str:
    # Keys are only needed to construct the app; a throwaway directory keeps var/ untouched.
    import tempfile

    import yaml

    from backend.app import create_app
    from backend.settings import AuthSettings

    with tempfile.TemporaryDirectory() as tmp:
        app = create_app(Settings(auth=AuthSettings(key_dir=Path(tmp))))
        schema = app.openapi_schema.to_schema()
    return yaml.safe_dump(schema, allow_unicode=True, sort_keys=True, width=120)


def cmd_openapi(args: argparse.Namespace) -> int:
    text = render_openapi()
    if args.output == "-":
        sys.stdout.write(text)
    else:
        Path(args.output).write_text(text, encoding="utf-8")
        print(f"wrote {args.output}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="congdanso", description="Công dân số — online public services")
    sub = parser.add_subparsers(dest="command", required=True)

    serve = sub.add_parser(
        "serve", help="run the API (starts the embedded database when MONGODB_URI is unset)"
    )
    serve.add_argument("--host", default=None, help="default: $HOST or 127.0.0.1")
    serve.add_argument("--port", type=int, default=None, help="default: $PORT or 8000")
    serve.add_argument("--seed", action="store_true", help="seed reference and demo data first")
    serve.add_argument(
        "--worker", action=argparse.BooleanOptionalAction, default=True,
        help="also run the push worker as a child process (default: yes)",
    )  # fmt: skip
    serve.set_defaults(func=cmd_serve)

    seed = sub.add_parser("seed", help="load agencies, procedures and demo accounts (idempotent)")
    seed.add_argument(
        "--demo-accounts", action=argparse.BooleanOptionalAction, default=None,
        help="create demo accounts (default: yes, except when APP_ENV=production)",
    )  # fmt: skip
    seed.set_defaults(func=cmd_seed)

    create = sub.add_parser("create-user", help="create a staff account (official, leader, admin...)")
    create.add_argument(
        "--role", required=True, choices=["official", "agency_admin", "leader", "admin", "citizen"]
    )
    create.add_argument("--agency", default=None, help="agency code, required for staff roles (e.g. HD.STP)")
    create.add_argument("--phone", required=True)
    create.add_argument("--name", required=True, help="full name")
    create.add_argument("--position", default=None, help="job title shown to citizens")
    create.add_argument("--password", default=None, help="default: $CONGDANSO_PASSWORD or a prompt")
    create.set_defaults(func=cmd_create_user)

    worker = sub.add_parser(
        "worker", help="deliver push notifications (needs MONGODB_URI); stop with SIGTERM"
    )
    worker.set_defaults(func=cmd_worker)

    audit = sub.add_parser("audit", help="check the hash-chained audit log")
    audit.add_argument("action", choices=["verify"])
    audit.set_defaults(func=cmd_audit)
    stats = sub.add_parser("stats", help="recompute the KPI counters from the records (backfill, check)")
    stats.add_argument("action", choices=["rebuild"])
    stats.set_defaults(func=cmd_stats)

    receipts = sub.add_parser("receipts", help="receipt signing keys: list them, or make the next one")
    receipts.add_argument("action", choices=["list-keys", "rotate-key"])
    receipts.set_defaults(func=cmd_receipts)

    openapi = sub.add_parser("openapi", help="write the OpenAPI document")
    openapi.add_argument(
        "--output", "-o", default=str(PROJECT_ROOT / "openapi.yaml"), help="a path, or - for stdout"
    )
    openapi.set_defaults(func=cmd_openapi)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    code: int = args.func(args)
    return code


if __name__ == "__main__":
    raise SystemExit(main())
