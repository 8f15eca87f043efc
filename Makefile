# Công dân số — the two commands are `make run` and `make test`; both install what is missing.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000
export HOST PORT

.PHONY: run test install lint format openapi bench clean help

help:
	@echo "make run      install what is missing, seed demo data, start the API on http://$(HOST):$(PORT)/"
	@echo "make test     install what is missing, lint, type-check and run every test"
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

run: install
	$(BIN)/congdanso serve --seed

lint: install
	$(BIN)/ruff check backend notifications tests bench
	$(BIN)/ruff format --check backend notifications tests bench
	$(BIN)/mypy

format: install
	$(BIN)/ruff format backend notifications tests bench
	$(BIN)/ruff check --fix backend notifications tests bench

test: install lint
	$(BIN)/python -m pytest

openapi: install
	$(BIN)/congdanso openapi --output openapi.yaml

clean:
	rm -rf $(VENV) var .pytest_cache .mypy_cache .ruff_cache
