# One entry point per job. `make help` lists them.
SHELL := /bin/bash
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp
PORT ?= 8866
export PATH := $(abspath $(VENV))/bin:$(PATH)

.PHONY: help run test lint unit browser bench batch chromium postgres hub-proxy clean git-filters

help: ## list the jobs
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

$(STAMP): pyproject.toml
	test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[dev]"
	$(PY) -m ipykernel install --sys-prefix --name python3 --display-name "Python 3 (hlo-design)" > /dev/null
	$(MAKE) --no-print-directory git-filters
	touch $(STAMP)

git-filters: ## strip notebooks on commit (nbstripout: no outputs, counts or widget state)
	@if git rev-parse --git-dir > /dev/null 2>&1; then \
	  git config filter.nbstripout.clean "$(abspath $(VENV))/bin/nbstripout"; \
	  git config filter.nbstripout.smudge cat; \
	fi

chromium: ## install Debian's Chromium for browser tests and PNG export, if missing
	@command -v chromium > /dev/null || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -q && apt-get install -y -q chromium; \
	  else sudo apt-get update -q && sudo apt-get install -y -q chromium; fi; }

postgres: ## install Debian's PostgreSQL for the meeting-store tests, if missing (the tests start their own server)
	@compgen -G '/usr/lib/postgresql/*/bin/pg_ctl' > /dev/null || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -q && apt-get install -y -q postgresql; \
	  else sudo apt-get update -q && sudo apt-get install -y -q postgresql; fi; }

HUB_PROXY := .cache/node/node_modules/.bin/configurable-http-proxy

hub-proxy: $(HUB_PROXY) ## install JupyterHub's proxy (configurable-http-proxy, npm) into .cache/node, for deploy/ and its test

$(HUB_PROXY):
	npm install --prefix .cache/node --no-save --no-fund --no-audit configurable-http-proxy@5

run: $(STAMP) ## set up and start the Voilà workbook on the example cases (make run PORT=8870: another port)
	$(VENV)/bin/hlo-design serve --port $(PORT)

test: $(STAMP) chromium postgres hub-proxy lint ## set up, then run ruff, mypy and every test (unit, notebooks, batch, browser)
	$(PY) -m pytest

lint: $(STAMP) ## ruff (lint + format check), mypy on the library, the layering contract (import-linter)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy hlo_design
	$(VENV)/bin/lint-imports

unit: $(STAMP) ## only the fast library tests
	$(PY) -m pytest -m "not browser and not notebook and not slow"

bench: $(STAMP) chromium ## run the benchmarks and print their ratios
	for script in benchmarks/bench_*.py; do $(PY) -m benchmarks.$$(basename $$script .py) || exit 1; done

clean: ## remove generated reports and test artefacts
	rm -rf reports artifacts .pytest_cache .mypy_cache .ruff_cache
