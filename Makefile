# reechain — `make run` and `make test` set everything up from the lock file.
SHELL := /bin/bash
export UV_PYTHON_DOWNLOADS := never
export UV_PROJECT_ENVIRONMENT := .venv
# Installed packages are compiled once at install: where PYTHONDONTWRITEBYTECODE is set, every process
# would otherwise compile them again on import.
export UV_COMPILE_BYTECODE := 1
PY := .venv/bin/python
UV := $(shell command -v uv 2>/dev/null || echo "python3 -m uv")
PYTEST_ARGS ?= -n 2

.PHONY: setup run test check lint format services bench acceptance clean

setup: .venv/.synced
	@$(PY) -m compileall -q src >/dev/null
	@$(PY) scripts/build_compiled.py

.venv/.synced: pyproject.toml uv.lock
	@$(UV) --version >/dev/null 2>&1 || python3 -m pip install --quiet uv
	$(UV) sync --frozen --python python3.11
	@touch $@

run: setup
	.venv/bin/reechain demo

services:
	@bash scripts/ensure_services.sh

test: setup services
	.venv/bin/pytest $(PYTEST_ARGS)

lint: setup
	.venv/bin/ruff check src tests benchmarks
	.venv/bin/ruff format --check src tests benchmarks
	.venv/bin/mypy src

check: lint test

format: setup
	.venv/bin/ruff format src tests benchmarks
	.venv/bin/ruff check --fix src tests benchmarks

acceptance: setup
	$(PY) ../shared/acceptance/check_examples.py .venv/bin/reechain

bench: setup services
	for b in benchmarks/*.py; do $(PY) $$b || exit 1; done

clean:
	rm -rf .venv reechain.db .pytest_cache .mypy_cache .ruff_cache
