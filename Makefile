# Công dân số — the two commands are `make run` and `make test`; both install what is missing.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
PWA := pwa
# npm ci again only when node_modules is missing or package-lock.json is newer than this stamp.
NODE_STAMP := $(PWA)/node_modules/.installed
HOST ?= 127.0.0.1
PORT ?= 8000
export HOST PORT

.PHONY: run test install lint format openapi bench clean help pwa pwa-check chromium

help:
	@echo "make run      install what is missing, build the PWA, seed demo data, serve app + API on http://$(HOST):$(PORT)/"
	@echo "make test     install what is missing, lint, type-check (Python + TypeScript), run every test (browser too)"
	@echo "make lint     ruff + mypy --strict"
	@echo "make openapi  regenerate openapi.yaml from the app"

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# Re-install whenever the dependency list changes.
$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $@

install: $(STAMP)

$(NODE_STAMP): $(PWA)/package-lock.json
	cd $(PWA) && npm ci --no-audit --no-fund
	@touch $@

# Build the PWA into pwa/dist (the backend serves it at /); also regenerates the API types.
pwa: $(NODE_STAMP)
	cd $(PWA) && npm run build

pwa-check: $(NODE_STAMP)
	cd $(PWA) && npm run typecheck && npm test

# The browser tests drive Debian's Chromium; never a downloaded browser (we are root on CI).
chromium:
	@command -v chromium >/dev/null || (apt-get update && apt-get install -y chromium)

run: install pwa
	$(BIN)/congdanso serve --seed

lint: install
	$(BIN)/ruff check backend notifications tests bench
	$(BIN)/ruff format --check backend notifications tests bench
	$(BIN)/mypy

format: install
	$(BIN)/ruff format backend notifications tests bench
	$(BIN)/ruff check --fix backend notifications tests bench

test: install lint pwa-check pwa chromium
	CONGDANSO_REQUIRE_PWA=1 $(BIN)/python -m pytest

openapi: install
	$(BIN)/congdanso openapi --output openapi.yaml

clean:
	rm -rf $(VENV) var .pytest_cache .mypy_cache .ruff_cache $(PWA)/node_modules $(PWA)/dist
